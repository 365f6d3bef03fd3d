/*
 * sim/vfs.c - the per-node file view behind `cat` and `echo >`
 *
 * No kernel counterpart as a whole; it stands in for the parts of procfs
 * and sysctl's /proc/sys that models publish.  Files are looked up by
 * exact path; a path that is a prefix of files is a directory.  Listings
 * are sorted, never in hash order.
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
};

struct sim_vfs *sim_vfs_create(void)
{
	struct sim_vfs *vfs = g_new0(struct sim_vfs, 1);

	vfs->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return vfs;
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
	GString *s = g_string_new(NULL);

	for (const char *p = path; *p; p++)
		if (!(*p == '/' && (s->len && s->str[s->len - 1] == '/')))
			g_string_append_c(s, *p);
	if (s->len > 1 && s->str[s->len - 1] == '/')
		g_string_truncate(s, s->len - 1);
	return g_string_free(s, FALSE);
}

/* Paths are stored normalised, so "/proc//sys/x" and "/proc/sys/x" are one file. */
void sim_vfs_add(struct node *node, const char *path, const struct sim_file_ops *ops,
		 const void *priv)
{
	struct vfs_file *f = g_new0(struct vfs_file, 1);

	SIM_BUG_ON(path[0] != '/' || !path[1]);
	f->ops = ops;
	f->priv = priv;
	g_hash_table_replace(node->vfs->files, normalize(path), f);
}

void sim_vfs_remove(struct node *node, const char *path)
{
	char *norm = normalize(path);

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

	g_hash_table_foreach_remove(node->vfs->files, remove_if_under, norm);
	g_free(norm);
}

static bool is_dir(struct node *node, const char *path)
{
	GHashTableIter it;
	gpointer key;
	size_t len = strlen(path);

	g_hash_table_iter_init(&it, node->vfs->files);
	while (g_hash_table_iter_next(&it, &key, NULL))
		if (under_dir(key, path, len))
			return true;	/* existence only: order does not matter */
	return false;
}

static struct vfs_file *lookup(struct node *node, const char *path, int *r)
{
	char *norm = normalize(path);
	struct vfs_file *f = g_hash_table_lookup(node->vfs->files, norm);

	/* open("") is ENOENT, not the root directory */
	*r = f ? 0 : (*norm && is_dir(node, norm) ? -EISDIR : -ENOENT);
	g_free(norm);
	return f;
}

int sim_vfs_read(struct node *node, const char *path, GString *out)
{
	int r;
	struct vfs_file *f = lookup(node, path, &r);

	if (!f)
		return r;
	if (!f->ops->read)
		return -EACCES;
	return f->ops->read(node, f->priv, out);
}

int sim_vfs_access(struct node *node, const char *path, bool write)
{
	int r;
	struct vfs_file *f = lookup(node, path, &r);

	if (!f)
		return r;
	if (write)
		return f->ops->write ? 0 : -EACCES;
	return f->ops->read ? 0 : -EACCES;
}

int sim_vfs_write(struct node *node, const char *path, const char *data,
		  struct sim_err *err)
{
	int r;
	struct vfs_file *f = lookup(node, path, &r);

	if (!f)
		return r;
	if (!f->ops->write)
		return -EACCES;
	return f->ops->write(node, f->priv, data, err);
}

static gint cmp_str_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *sim_vfs_list(struct node *node, const char *dir)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char *norm = normalize(dir && *dir ? dir : "/");
	size_t len = strcmp(norm, "/") == 0 ? 0 : strlen(norm);
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, node->vfs->files);
	while (g_hash_table_iter_next(&it, &key, NULL))
		if (len == 0 || under_dir(key, norm, len))
			g_ptr_array_add(out, g_strdup(key));
	g_ptr_array_sort(out, cmp_str_ptr);	/* hash order never escapes */
	g_free(norm);
	return out;
}
