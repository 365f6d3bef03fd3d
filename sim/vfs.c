/*
 * sim/vfs.c - the per-node file view behind `cat` and `echo >`
 *
 * No kernel counterpart as a whole; it stands in for the parts of procfs
 * and sysctl's /proc/sys that models publish.  A path is looked up first
 * among the node's own files (a hash table made on first use), then in the
 * world's file systems (struct sim_fs_ops, e.g. /proc/sys served from the
 * namespace's sysctl tables).  A path that is a prefix of files is a
 * directory.  Listings are sorted, never in hash order.
 *
 * Plain files (`echo ... > /tmp/routes`, node:write) are node files whose
 * text is their data; they can be made in the directories every Debian
 * machine has (plain_dirs) and in any directory that already holds one.
 * A file system marked plain (/etc/iproute2's defaults) serves a file until
 * the node writes it: the write makes the node its own copy.
 */
#include "sim/sh.h"

#include <errno.h>
#include <string.h>

struct sim_vfs {
	GHashTable *files;		/* path -> struct vfs_file */
};

struct vfs_file {
	const struct sim_file_ops *ops;
	const void *priv;
	GDestroyNotify destroy;		/* frees priv with the file, or NULL */
};

/* The directories a fresh Debian machine has where root may make files. */
static const char *const plain_dirs[] = {
	"/etc", "/home", "/root", "/tmp", "/var", "/var/tmp",
};

/* A file leaves the table (removed, replaced, or with the node): its owned data go too. */
static void vfs_file_free(gpointer data)
{
	struct vfs_file *f = data;

	if (f->destroy)
		f->destroy((gpointer)f->priv);
	g_free(f);
}

struct sim_vfs *sim_vfs_create(void)
{
	struct sim_vfs *vfs = g_new0(struct sim_vfs, 1);

	vfs->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vfs_file_free);
	return vfs;
}

/* The node's own table, made on first use: most nodes never need one. */
static GHashTable *node_files(struct node *node, bool create)
{
	if (!node->vfs && create)
		node->vfs = sim_vfs_create();
	return node->vfs ? node->vfs->files : NULL;
}

void sim_vfs_destroy(struct sim_vfs *vfs)
{
	if (!vfs)
		return;
	g_hash_table_unref(vfs->files);
	g_free(vfs);
}

static char *normalize(const char *path)
{
	/* collapse "//" and a trailing "/" so "/proc//sys/" finds "/proc/sys" */
	size_t len = strlen(path);
	GString *s;

	if (!strstr(path, "//") && (len <= 1 || path[len - 1] != '/'))
		return g_strndup(path, len);	/* the usual case, one copy */
	s = g_string_new(NULL);

	for (const char *p = path; *p; p++)
		if (!(*p == '/' && (s->len && s->str[s->len - 1] == '/')))
			g_string_append_c(s, *p);
	if (s->len > 1 && s->str[s->len - 1] == '/')
		g_string_truncate(s, s->len - 1);
	return g_string_free(s, FALSE);
}

/* Paths are stored normalised, so "/proc//sys/x" and "/proc/sys/x" are one file. */
void sim_vfs_add_owned(struct node *node, const char *path, const struct sim_file_ops *ops,
		       void *priv, GDestroyNotify destroy)
{
	struct vfs_file *f = g_new0(struct vfs_file, 1);

	SIM_BUG_ON(path[0] != '/' || !path[1]);
	f->ops = ops;
	f->priv = priv;
	f->destroy = destroy;
	g_hash_table_replace(node_files(node, true), normalize(path), f);
}

void sim_vfs_add(struct node *node, const char *path, const struct sim_file_ops *ops,
		 const void *priv)
{
	sim_vfs_add_owned(node, path, ops, (void *)priv, NULL);
}

void sim_vfs_remove(struct node *node, const char *path)
{
	char *norm = normalize(path);

	if (node_files(node, false))
		g_hash_table_remove(node->vfs->files, norm);
	g_free(norm);
}

static bool under_dir(const char *path, const char *dir, size_t dlen)
{
	return strncmp(path, dir, dlen) == 0 && (path[dlen] == '/' || dlen == 0 ||
						  dir[dlen - 1] == '/');
}

static gboolean remove_if_under(gpointer key, gpointer value, gpointer dir)
{
	(void)value;
	return under_dir(key, dir, strlen(dir));
}

void sim_vfs_remove_tree(struct node *node, const char *dir)
{
	char *norm = normalize(dir);

	if (node_files(node, false))
		g_hash_table_foreach_remove(node->vfs->files, remove_if_under, norm);
	g_free(norm);
}

/* The file system of the world that serves @path, and the path below it. */
static const struct sim_fs_ops *fs_for(const struct node *node, const char *path,
				       const char **rel)
{
	GPtrArray *fs = node->w->fs;

	for (guint i = 0; i < fs->len; i++) {
		const struct sim_fs_ops *ops = g_ptr_array_index(fs, i);
		size_t len = strlen(ops->root);

		if (strncmp(path, ops->root, len) == 0 && (path[len] == '/' || !path[len])) {
			*rel = path[len] ? path + len + 1 : "";
			return ops;
		}
	}
	return NULL;
}

static bool is_dir(struct node *node, const char *path)
{
	GHashTable *files = node_files(node, false);
	GPtrArray *fs = node->w->fs;
	size_t len = strlen(path);
	GHashTableIter it;
	gpointer key;

	if (!*path)
		return false;		/* open("") is ENOENT, not the root */
	if (strcmp(path, "/") == 0)
		return true;
	for (size_t i = 0; i < G_N_ELEMENTS(plain_dirs); i++)
		if (strcmp(path, plain_dirs[i]) == 0)
			return true;
	for (guint i = 0; i < fs->len; i++) {
		const struct sim_fs_ops *ops = g_ptr_array_index(fs, i);

		if (under_dir(ops->root, path, len))
			return true;	/* "/proc" above "/proc/sys" */
	}
	if (!files)
		return false;
	g_hash_table_iter_init(&it, files);
	while (g_hash_table_iter_next(&it, &key, NULL))
		if (under_dir(key, path, len))
			return true;	/* existence only: order does not matter */
	return false;
}

/*
 * lookup - find @path.  Returns the node's own file, or NULL with *r set,
 * or NULL with *fsp (and *rel) set when a file system serves it.
 */
static struct vfs_file *lookup(struct node *node, const char *path, char **norm,
			       const struct sim_fs_ops **fsp, const char **rel, int *r)
{
	GHashTable *files = node_files(node, false);
	struct vfs_file *f;

	*norm = normalize(path);
	*fsp = NULL;
	f = files ? g_hash_table_lookup(files, *norm) : NULL;
	if (f) {
		*r = 0;
		return f;
	}
	*fsp = fs_for(node, *norm, rel);
	*r = *fsp ? 0 : (is_dir(node, *norm) ? -EISDIR : -ENOENT);
	return NULL;
}

int sim_vfs_read(struct node *node, const char *path, GString *out)
{
	const struct sim_fs_ops *fs;
	const char *rel;
	char *norm;
	int r;
	struct vfs_file *f = lookup(node, path, &norm, &fs, &rel, &r);

	if (f)
		r = f->ops->read ? f->ops->read(node, f->priv, out) : -EACCES;
	else if (fs)
		r = fs->read(node, rel, out);
	g_free(norm);
	return r;
}

int sim_vfs_access(struct node *node, const char *path, bool write)
{
	const struct sim_fs_ops *fs;
	const char *rel;
	char *norm;
	int r;
	struct vfs_file *f = lookup(node, path, &norm, &fs, &rel, &r);

	if (f)
		r = (write ? f->ops->write != NULL : f->ops->read != NULL) ? 0 : -EACCES;
	else if (fs)
		r = fs->access(node, rel, write);
	g_free(norm);
	return r;
}

/* ---- plain files ------------------------------------------------------ */

static int plain_read(struct node *node, const void *priv, GString *out)
{
	(void)node;
	g_string_append_len(out, ((const GString *)priv)->str, ((const GString *)priv)->len);
	return 0;
}

static int plain_write(struct node *node, const void *priv, const char *data,
		       struct sim_err *err)
{
	(void)node, (void)err;
	g_string_assign((GString *)priv, data);
	return 0;
}

static const struct sim_file_ops plain_ops = { .read = plain_read, .write = plain_write };

static void plain_free(gpointer text)
{
	g_string_free(text, TRUE);
}

void sim_vfs_create_file(struct node *node, const char *path, const char *text)
{
	sim_vfs_add_owned(node, path, &plain_ops, g_string_new(text), plain_free);
}

/* Whether open(O_CREAT) may make @path (normalised): its directory exists
 * and is not in procfs or sysfs, which make no files on a write. */
static bool may_create(struct node *node, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	bool ok;

	if (path[0] != '/' || !slash || !slash[1] || under_dir(path, "/proc", 5) ||
	    under_dir(path, "/sys", 4))
		return false;
	dir = slash == path ? g_strdup("/") : g_strndup(path, (gsize)(slash - path));
	ok = is_dir(node, dir);
	g_free(dir);
	return ok;
}

/*
 * vfs_write - `>` (@append false) or `>>`.  A node file takes the write as
 * its ops say (a plain file keeps or extends its text; /proc files take
 * each write whole, so `>>` is `>`); a file of a plain file system becomes
 * the node's own copy; a new path in an existing directory becomes a plain
 * file.
 */
static int vfs_write(struct node *node, const char *path, const char *data, bool append,
		     struct sim_err *err)
{
	const struct sim_fs_ops *fs;
	const char *rel;
	char *norm;
	int r;
	struct vfs_file *f = lookup(node, path, &norm, &fs, &rel, &r);

	if (f && append && f->ops == &plain_ops) {
		g_string_append((GString *)f->priv, data);
		r = 0;
	} else if (f) {
		r = f->ops->write ? f->ops->write(node, f->priv, data, err) : -EACCES;
	} else if (fs && fs->plain) {
		GString *text = g_string_new(NULL);

		r = fs->read(node, rel, text);
		if (r == 0 || r == -ENOENT) {
			if (!append || r == -ENOENT)
				g_string_truncate(text, 0);
			g_string_append(text, data);
			sim_vfs_add_owned(node, norm, &plain_ops, text, plain_free);
			text = NULL;
			r = 0;
		}
		if (text)
			g_string_free(text, TRUE);
	} else if (fs) {
		r = fs->write ? fs->write(node, rel, data, err) : -EACCES;
	} else if (r == -ENOENT && may_create(node, norm)) {
		sim_vfs_create_file(node, norm, data);
		r = 0;
	}
	g_free(norm);
	return r;
}

/* open(O_WRONLY | O_CREAT [| O_TRUNC]) with nothing written: only a
 * plain file is truncated; a /proc file is merely opened. */
int sim_vfs_open(struct node *node, const char *path, bool trunc)
{
	const struct sim_fs_ops *fs;
	const char *rel;
	char *norm;
	int r;
	struct vfs_file *f = lookup(node, path, &norm, &fs, &rel, &r);

	if (f && f->ops == &plain_ops) {
		if (trunc)
			g_string_truncate((GString *)f->priv, 0);
	} else if (f || fs) {
		r = sim_vfs_access(node, norm, true);
		if (r == 0 && fs && fs->plain && trunc)
			sim_vfs_create_file(node, norm, "");
	} else if (r == -ENOENT && may_create(node, norm)) {
		sim_vfs_create_file(node, norm, "");
		r = 0;
	}
	g_free(norm);
	return r;
}

int sim_vfs_write(struct node *node, const char *path, const char *data,
		  struct sim_err *err)
{
	return vfs_write(node, path, data, false, err);
}

int sim_vfs_append(struct node *node, const char *path, const char *data,
		   struct sim_err *err)
{
	return vfs_write(node, path, data, true, err);
}

static gint cmp_str_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *sim_vfs_list(struct node *node, const char *dir)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
	char *norm = normalize(dir && *dir ? dir : "/");
	size_t len = strcmp(norm, "/") == 0 ? 0 : strlen(norm);
	GHashTable *files = node_files(node, false);
	GHashTableIter it;
	gpointer key;

	if (files) {
		g_hash_table_iter_init(&it, files);
		while (g_hash_table_iter_next(&it, &key, NULL))
			g_ptr_array_add(all, g_strdup(key));
	}
	for (guint i = 0; i < node->w->fs->len; i++) {
		const struct sim_fs_ops *fs = g_ptr_array_index(node->w->fs, i);

		if (fs->list)
			fs->list(node, all);
	}
	for (guint i = 0; i < all->len; i++)
		if (len == 0 || under_dir(all->pdata[i], norm, len))
			g_ptr_array_add(out, g_strdup(all->pdata[i]));
	g_ptr_array_unref(all);
	g_ptr_array_sort(out, cmp_str_ptr);	/* hash order never escapes */
	g_free(norm);
	return out;
}
