/*
 * sim/sh.h - the `node:sh` command dispatcher and the per-node file view
 *
 * No kernel counterpart: this is the root prompt of a simulated host.  It
 * takes what a user types for the registered tools, one command a line:
 * `#` comments, `\` continuations, single and double quotes, `>` and `>>`
 * redirection into a file of the node's view (echo 1 > /proc/sys/...), and
 * runs each line with no simulated time passing.  Unknown commands fail as
 * bash says it: "foo: command not found" (status 127).
 *
 * The file view (struct sim_vfs) is what `cat` and redirection reach:
 * models register files (/proc/net/snmp, /proc/sys/net/ipv4/ip_forward)
 * with read and write callbacks.  Directories are implied by paths.
 */
#ifndef SKBSIM_SIM_SH_H
#define SKBSIM_SIM_SH_H

#include <glib.h>

#include "sim/world.h"

struct sim_sh {
	struct node *node;
	GString *out;			/* what the command prints on stdout */
	GString *err;			/* ... and on stderr */
	int line;			/* line of the sh text (from 1) */
};

/* sim_sh_printf/eprintf: print to the command's stdout / stderr. */
void sim_sh_printf(struct sim_sh *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sim_sh_eprintf(struct sim_sh *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct sim_sh_result {
	GString *out;			/* stdout of every line run */
	int status;			/* status of the failing line, or 0 */
	int failed_line;		/* 0 when every line succeeded */
	GString *err;			/* stderr of every line run */
	size_t failed_err;		/* where the failing line's stderr starts in err */
};

/*
 * Runs @text on @node line by line; stops at the first line with a
 * nonzero status (as `set -e`).  Free the result with sim_sh_result_free().
 */
void sim_sh_run(struct node *node, const char *text, struct sim_sh_result *res);
void sim_sh_result_free(struct sim_sh_result *res);

/*
 * Splits one command line into words as a shell does (quotes, backslash
 * escapes); NULL with @err set on an unterminated quote.  g_strfreev().
 */
char **sim_shell_split(const char *line, int *argc, struct sim_err *err);

/* ---- the file view ------------------------------------------------------ */

struct sim_file_ops {
	/* Appends the file's text to @out; NULL: not readable (EACCES). */
	int (*read)(struct node *node, const void *priv, GString *out);
	/* Takes the written text (trailing newline kept); NULL: read-only. */
	int (*write)(struct node *node, const void *priv, const char *data,
		     struct sim_err *err);
};

/*
 * A file system a model serves itself, registered once per world in its
 * struct sim_module (`fs`): every path below @root on every node is asked
 * of it, so nothing is stored per node per file (/proc/sys has hundreds).
 * @rel is the path below root without the leading '/', "" for root itself.
 * read/write/access return 0 or -ENOENT, -EISDIR, -EACCES, -EINVAL.
 */
struct sim_fs_ops {
	const char *root;
	int (*read)(struct node *node, const char *rel, GString *out);
	int (*write)(struct node *node, const char *rel, const char *data, struct sim_err *err);
	int (*access)(struct node *node, const char *rel, bool write);
	/* Appends the absolute path of every file it has on @node. */
	void (*list)(struct node *node, GPtrArray *paths);
	/* Its files are ordinary files holding defaults (/etc/iproute2): the
	 * first write on a node gives that node its own plain copy; write is
	 * never called. */
	bool plain;
};

struct sim_vfs *sim_vfs_create(void);
void sim_vfs_destroy(struct sim_vfs *vfs);
/*
 * Adds (or replaces) one file of this node only, absolute path.  For files
 * every node has, a model registers a struct sim_fs_ops instead.
 */
void sim_vfs_add(struct node *node, const char *path, const struct sim_file_ops *ops,
		 const void *priv);
/*
 * The same for a file that owns @priv: @destroy(priv) runs when the file
 * goes (sim_vfs_remove, _remove_tree, a later add on its path, or the
 * node's end), so a model keeps no list of what it made.
 */
void sim_vfs_add_owned(struct node *node, const char *path, const struct sim_file_ops *ops,
		       void *priv, GDestroyNotify destroy);
void sim_vfs_remove(struct node *node, const char *path);
/* Removes every file under @dir (e.g. a device's conf/eth0 directory). */
void sim_vfs_remove_tree(struct node *node, const char *dir);

/* A plain file of this node holding @text (made or replaced): what
 * `echo > /tmp/x` makes, and what node:write() writes. */
void sim_vfs_create_file(struct node *node, const char *path, const char *text);

/* errno-style results: 0, -ENOENT, -EISDIR, -EACCES, -EINVAL (err set). */
int sim_vfs_read(struct node *node, const char *path, GString *out);
/* `>`: a new path in an existing directory becomes a plain file. */
int sim_vfs_write(struct node *node, const char *path, const char *data,
		  struct sim_err *err);
/* open(O_CREAT[|O_TRUNC]) and close with nothing written: `> file`, `>> file`
 * with no output.  0 or what open(2) says. */
int sim_vfs_open(struct node *node, const char *path, bool trunc);
/* `>>`: plain files grow; /proc and /sys files take the write whole. */
int sim_vfs_append(struct node *node, const char *path, const char *data,
		   struct sim_err *err);
/* What open(2) would say: 0, -ENOENT, -EISDIR, -EACCES (@write: for writing). */
int sim_vfs_access(struct node *node, const char *path, bool write);
/* Paths under @dir ("" or "/" for all), sorted; free with g_ptr_array_unref. */
GPtrArray *sim_vfs_list(struct node *node, const char *dir);

#endif
