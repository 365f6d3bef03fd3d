/*
 * models/apps/sysctl.c - the sysctl command (procps-ng 4.0)
 *
 * User space, no kernel counterpart: it reads and writes /proc/sys files
 * of the node's view exactly as procps-ng's sysctl does, with its output
 * ("net.ipv4.ip_forward = 1") and messages (`sysctl: cannot stat
 * /proc/sys/x: No such file or directory`, `sysctl: setting key "x":
 * Invalid argument`).  Checked against procps-ng 4.0.2 in a namespace.
 */
#include <errno.h>
#include <string.h>

#include "apps.h"
#include "sim/sh.h"

struct sysctl_opts {
	bool names_only, values_only, quiet, ignore, write, all;
};

/*
 * slashdot - procps' conversion between the two spellings of a key.  If
 * the first separator already is @new, nothing changes; otherwise every
 * '.' and '/' swap, so a dot inside a component survives the round trip:
 * "net/ipv4/conf/eth0.100/forwarding" <-> "net.ipv4.conf.eth0/100.forwarding".
 */
static void slashdot(char *p, char old, char new)
{
	p = strpbrk(p, "/.");
	if (!p || *p == new)
		return;
	for (; p; p = strpbrk(p + 1, "/.")) {
		if (*p == old)
			*p = new;
		else if (*p == new)
			*p = old;
	}
}

/* "net.ipv4.ip_forward" or "net/ipv4/ip_forward" -> "/proc/sys/net/ipv4/ip_forward" */
static char *key_to_path(const char *key)
{
	char *path = g_strdup_printf("/proc/sys/%s", key);

	slashdot(path + strlen("/proc/sys/"), '.', '/');
	return path;
}

/* ... and back, as sysctl prints it: "net.ipv4.ip_forward", into @key */
static void path_to_key(GString *key, const char *path)
{
	const char *prefix = "/proc/sys/";

	g_string_assign(key, g_str_has_prefix(path, prefix) ? path + strlen(prefix) : path);
	slashdot(key->str, '/', '.');
}

/*
 * The order of `sysctl -a`: procfs lists each directory sorted by name and
 * sysctl descends into a directory where it meets it, so "eth0/..." comes
 * before "eth0.100/...".  That is strcmp() with '/' below every other byte.
 */
static gint sysctl_path_cmp(gconstpointer a, gconstpointer b)
{
	const unsigned char *x = *(const unsigned char *const *)a;
	const unsigned char *y = *(const unsigned char *const *)b;

	for (; *x && *x == *y; x++, y++)
		;
	return (*x == '/' ? 1 : *x) - (*y == '/' ? 1 : *y);
}

/*
 * An insertion sort by sysctl_path_cmp(): sim_vfs_list() hands the paths
 * over in strcmp() order, which differs from procfs' only where a '/'
 * meets a lower byte ("eth0.100" and "eth0/"), so this takes about one
 * comparison a path where a general sort takes log2(n).
 */
static void sysctl_sort(GPtrArray *a)
{
	for (guint i = 1; i < a->len; i++) {
		gpointer p = a->pdata[i];
		guint j = i;

		for (; j > 0 && sysctl_path_cmp(&a->pdata[j - 1], &p) > 0; j--)
			a->pdata[j] = a->pdata[j - 1];
		a->pdata[j] = p;
	}
}

static const char *strerr(int e)
{
	switch (e) {
	case -ENOENT: return "No such file or directory";
	case -EACCES: return "Permission denied";
	case -EISDIR: return "Is a directory";
	default: return "Invalid argument";
	}
}

/* one line of output, appended to @out (printed once per command) */
static void print_value(GString *out, const struct sysctl_opts *o, const char *key,
			const char *value)
{
	size_t len = strlen(value);

	if (memchr(value, '\n', len))
		len--;		/* the newline a value ends with (procps drops the last byte) */
	if (!o->values_only) {
		g_string_append(out, key);
		if (!o->names_only)
			g_string_append(out, " = ");
	}
	if (!o->names_only)
		g_string_append_len(out, value, (gssize)len);
	g_string_append_c(out, '\n');
}

/*
 * The bufs of one sysctl command: a listing reads hundreds of entries, so
 * the value, the key and the output are built in the same three strings
 * rather than allocated and printed per entry (the fuzz harness runs
 * `sysctl -a` thousands of times a second).
 */
struct sysctl_bufs {
	GString *val, *key, *out;
};

static int show_path(struct sim_sh *sh, const struct sysctl_opts *o, const char *path,
		     struct sysctl_bufs *b);

static void sysctl_flush(struct sim_sh *sh, struct sysctl_bufs *b)
{
	if (b->out->len)
		sim_sh_printf(sh, "%s", b->out->str);
	g_string_truncate(b->out, 0);
}

/* a directory: every entry below it, in procfs' order */
static int show_dir(struct sim_sh *sh, const struct sysctl_opts *o, const char *path,
		    struct sysctl_bufs *b)
{
	GPtrArray *all = sim_vfs_list(sh->node, path);
	int r = 0;

	sysctl_sort(all);
	for (guint i = 0; i < all->len && r == 0; i++)
		r = show_path(sh, o, all->pdata[i], b);
	g_ptr_array_unref(all);
	return r;
}

static int show_path(struct sim_sh *sh, const struct sysctl_opts *o, const char *path,
		     struct sysctl_bufs *b)
{
	int r;

	g_string_truncate(b->val, 0);
	r = sim_vfs_read(sh->node, path, b->val);
	if (r == -EISDIR)
		return show_dir(sh, o, path, b);
	path_to_key(b->key, path);
	if (r != 0 && r != -EACCES)
		sysctl_flush(sh, b);	/* what came before the message, first */
	if (r == -EACCES) {
		r = 0;		/* procps skips keys without S_IRUSR (route.flush) */
	} else if (r == -ENOENT) {
		if (!o->ignore)
			sim_sh_eprintf(sh, "sysctl: cannot stat %s: No such file or directory\n",
				       path);
		r = o->ignore ? 0 : -ENOENT;
	} else if (r == 0) {
		print_value(b->out, o, b->key->str, b->val->str);
	} else {
		sim_sh_eprintf(sh, "sysctl: permission denied on key '%s'\n", b->key->str);
	}
	return r;
}

/* show_path() with the command's buffers, its output printed at the end */
static int show(struct sim_sh *sh, const struct sysctl_opts *o, const char *path)
{
	struct sysctl_bufs b = { g_string_new(NULL), g_string_new(NULL), g_string_new(NULL) };
	int r = show_path(sh, o, path, &b);

	sysctl_flush(sh, &b);
	g_string_free(b.val, TRUE);
	g_string_free(b.key, TRUE);
	g_string_free(b.out, TRUE);
	return r;
}

static int write_setting(struct sim_sh *sh, const struct sysctl_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *key = g_strndup(arg, (gsize)(eq - arg));
	char *path, *value;
	struct sim_err err = { { 0 } };
	int r;

	g_strstrip(key);
	value = g_strdup(eq + 1);
	g_strstrip(value);
	path = key_to_path(key);
	slashdot(key, '/', '.');	/* printed dotted, however it was typed */
	if (!*key) {
		sim_sh_eprintf(sh, "sysctl: malformed setting \"%s\"\n", arg);
		r = -EINVAL;
	} else if (sim_vfs_access(sh->node, path, true) == -EACCES) {
		/* procps checks S_IWUSR itself: a read-only key is skipped, status 0 */
		sim_sh_eprintf(sh, "sysctl: setting key \"%s\": Invalid argument\n", key);
		r = 0;
	} else if ((r = sim_vfs_write(sh->node, path, value, &err)) == -ENOENT) {
		if (o->ignore)
			r = 0;
		else
			sim_sh_eprintf(sh, "sysctl: cannot stat %s: No such file or directory\n",
				       path);
	} else if (r < 0) {
		sim_sh_eprintf(sh, "sysctl: setting key \"%s\": %s\n", key, strerr(r));
	} else if (!o->quiet) {
		GString *out = g_string_new(NULL);

		print_value(out, o, key, value);
		sim_sh_printf(sh, "%s", out->str);
		g_string_free(out, TRUE);
	}
	g_free(path);
	g_free(value);
	g_free(key);
	return r;
}

static void usage(struct sim_sh *sh)
{
	sim_sh_eprintf(sh, "\nUsage:\n sysctl [options] [variable[=value] ...]\n\n"
		       "Options:\n"
		       "  -a, --all            display all variables\n"
		       "  -e, --ignore         ignore unknown variables errors\n"
		       "  -N, --names          print variable names without values\n"
		       "  -n, --values         print only values of the given variable(s)\n"
		       "  -q, --quiet          do not echo variable set\n"
		       "  -w, --write          enable writing a value to variable\n");
}

static int apply_flag(struct sim_sh *sh, char flag, struct sysctl_opts *o)
{
	switch (flag) {
	case 'a': case 'A': case 'X': o->all = true; break;
	case 'e': o->ignore = true; break;
	case 'N': o->names_only = true; break;
	case 'n': o->values_only = true; break;
	case 'q': o->quiet = true; break;
	case 'w': o->write = true; break;
	case 'o': case 'x': break;		/* "does nothing" */
	default:
		sim_sh_eprintf(sh, "sysctl: invalid option -- '%c'\n", flag);
		return -1;
	}
	return 0;
}

static int parse_flags(struct sim_sh *sh, const char *a, struct sysctl_opts *o)
{
	static const struct { const char *longname; char flag; } longopts[] = {
		{ "--all", 'a' }, { "--ignore", 'e' }, { "--names", 'N' },
		{ "--values", 'n' }, { "--quiet", 'q' }, { "--write", 'w' },
	};

	if (a[1] == '-') {
		for (size_t i = 0; i < G_N_ELEMENTS(longopts); i++)
			if (strcmp(a, longopts[i].longname) == 0)
				return apply_flag(sh, longopts[i].flag, o);
		sim_sh_eprintf(sh, "sysctl: unrecognized option '%s'\n", a);
		return -1;
	}
	for (const char *p = a + 1; *p; p++)
		if (apply_flag(sh, *p, o) < 0)
			return -1;
	return 0;
}

static int sysctl_main(struct sim_sh *sh, int argc, char **argv)
{
	struct sysctl_opts o = { 0 };
	int status = 0, nkeys = 0;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (parse_flags(sh, argv[i], &o) < 0) {
				usage(sh);
				return 1;
			}
			continue;
		}
		nkeys++;
	}
	if (o.all)
		return show(sh, &o, "/proc/sys") < 0;
	if (nkeys == 0) {
		usage(sh);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] == '-' && a[1])
			continue;
		if (strchr(a, '=')) {
			status |= write_setting(sh, &o, a) < 0;
		} else if (o.write) {
			/* procps-ng 4.0.2 words it so, whatever the key */
			sim_sh_eprintf(sh, "sysctl: command line(0): invalid syntax, continuing...\n");
			status = 1;
		} else {
			char *path = key_to_path(a);

			status |= show(sh, &o, path) < 0;
			g_free(path);
		}
	}
	return status;
}

const struct sim_command sysctl_command = { "sysctl", sysctl_main };
