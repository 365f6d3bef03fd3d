/*
 * models/core/sysctl_net.c - sysctl tables and their /proc/sys files
 *
 * Mirrors net/sysctl_net.c (register_net_sysctl per namespace), the
 * handlers of kernel/sysctl.c (proc_dointvec and friends) and the
 * /proc/sys view of fs/proc/proc_sysctl.c.  Each registered entry becomes
 * a file of the node's view, /proc/sys/<path>/<procname>, so `cat`,
 * `echo > ` and the sysctl command all go through the same handler.
 *
 * Parsing follows the kernel's proc_get_long(): leading blanks, an optional
 * '-', a number in C notation (decimal, 0x hex or 0 octal, as strtoul with
 * base 0), then blanks/newline; vectors (maxlen > one int) take several
 * values separated by blanks.  Anything else is -EINVAL.  Difference: a
 * write with more values than the vector holds is -EINVAL as a whole (the
 * kernel takes the leading values and reports a short write).  A bound
 * can be another field of the namespace (ctl_table.extra_rel), where the
 * kernel fills extra1/extra2 of a per-namespace copy of the table.
 */
#include "linux/sysctl.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_namespace.h"
#include "sim/sh.h"
#include "sim/timer.h"

const int sysctl_vals[] = { 0, 1, 2, INT_MAX };

/* What a registration costs a namespace: no per-file storage. */
struct ctl_table_header {
	char *path;			/* "net/ipv4" */
	const struct ctl_table *table;
	size_t n;
	void *base;			/* data are offsets from it, or NULL */
};

/* ---- parsing -------------------------------------------------------------- */

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/*
 * proc_get_long - one number: '-' or nothing, then a digit; "+1" and "-"
 * are -EINVAL as in the kernel, as is overflow of long.  *@neg says a '-'
 * was written (so "-0" is negative for the unsigned handlers).
 */
static int parse_long(const char **sp, long *out, bool *neg)
{
	const char *s = skip_blanks(*sp);
	unsigned long mag;
	char *end;

	*neg = *s == '-';
	if (*neg)
		s++;
	if (!g_ascii_isdigit(*s))
		return -EINVAL;
	errno = 0;
	mag = strtoul(s, &end, 0);
	if (errno || mag > (unsigned long)LONG_MAX + *neg)
		return -EINVAL;
	if (*end && *end != ' ' && *end != '\t' && *end != '\n')
		return -EINVAL;
	*sp = end;
	*out = *neg ? (long)(0 - mag) : (long)mag;
	return 0;
}

/*
 * do_int_vec - the body of every integer handler.  @conv turns between
 * what the user writes and what is stored (seconds to jiffies...).
 */
static int do_int_vec(const struct ctl_table *t, struct net *net, int write,
		      const char *buf, GString *out, bool is_unsigned,
		      long (*to_user)(struct net *, long), int (*from_user)(struct net *, long, long *))
{
	size_t count = (size_t)t->maxlen / sizeof(int);
	int *vals = t->data;

	if (!write) {
		for (size_t i = 0; i < count; i++) {
			long v = is_unsigned ? (long)(unsigned int)vals[i] : vals[i];

			g_string_append_printf(out, "%s%ld", i ? "\t" : "",
					       to_user ? to_user(net, v) : v);
		}
		g_string_append_c(out, '\n');
		return 0;
	}
	{
		int *tmp = g_new(int, count);
		const char *s = buf;
		size_t i = 0;
		int r = 0;

		memcpy(tmp, vals, count * sizeof(int));
		for (; i < count && *skip_blanks(s); i++) {
			long v, stored;
			bool neg;

			if ((r = parse_long(&s, &v, &neg)) < 0)
				break;
			if (is_unsigned && neg) {
				r = -EINVAL;	/* do_proc_douintvec_w() */
				break;
			}
			if (from_user) {
				if ((r = from_user(net, v, &stored)) < 0)
					break;
			} else {
				stored = v;
			}
			if (is_unsigned ? (stored < 0 || stored > UINT_MAX)
					: (stored < INT_MIN || stored > INT_MAX)) {
				r = -EINVAL;
				break;
			}
			if (t->extra1 && stored < *(const int *)t->extra1) {
				r = -EINVAL;
				break;
			}
			if (t->extra2 && stored > *(const int *)t->extra2) {
				r = -EINVAL;
				break;
			}
			tmp[i] = (int)stored;
		}
		if (r == 0 && i == 0)
			r = -EINVAL;		/* nothing written */
		if (r == 0 && *skip_blanks(s))
			r = -EINVAL;		/* more values than the vector holds */
		if (r == 0)
			memcpy(vals, tmp, count * sizeof(int));
		g_free(tmp);
		return r;
	}
}

int proc_dointvec(const struct ctl_table *t, struct net *net, int write, const char *buf,
		  GString *out)
{
	struct ctl_table plain = *t;

	plain.extra1 = plain.extra2 = NULL;
	return do_int_vec(&plain, net, write, buf, out, false, NULL, NULL);
}

int proc_dointvec_minmax(const struct ctl_table *t, struct net *net, int write,
			 const char *buf, GString *out)
{
	return do_int_vec(t, net, write, buf, out, false, NULL, NULL);
}

int proc_douintvec(const struct ctl_table *t, struct net *net, int write, const char *buf,
		   GString *out)
{
	struct ctl_table plain = *t;

	plain.extra1 = plain.extra2 = NULL;
	return do_int_vec(&plain, net, write, buf, out, true, NULL, NULL);
}

int proc_douintvec_minmax(const struct ctl_table *t, struct net *net, int write,
			  const char *buf, GString *out)
{
	return do_int_vec(t, net, write, buf, out, true, NULL, NULL);
}

/* do_proc_dointvec_jiffies_conv(): negative values are allowed either way */
static long jiffies_to_sec(struct net *net, long j)
{
	return j / (long)net->w->hz;	/* truncated toward zero */
}

static int sec_to_jiffies(struct net *net, long s, long *j)
{
	long max = INT_MAX / (long)net->w->hz;

	if (s > max || s < -max)
		return -EINVAL;
	*j = s * (long)net->w->hz;
	return 0;
}

int proc_dointvec_jiffies(const struct ctl_table *t, struct net *net, int write,
			  const char *buf, GString *out)
{
	return do_int_vec(t, net, write, buf, out, false, jiffies_to_sec, sec_to_jiffies);
}

static long jiffies_to_ms(struct net *net, long j)
{
	/* do_proc_dointvec_ms_jiffies_conv(): the sign is kept aside */
	if (j < 0)
		return -(long)sim_jiffies_to_msecs(net->w, (unsigned long)-j);
	return (long)sim_jiffies_to_msecs(net->w, (unsigned long)j);
}

static int ms_to_jiffies(struct net *net, long ms, long *j)
{
	if (ms < 0 || ms > INT_MAX)
		return -EINVAL;
	*j = (long)sim_msecs_to_jiffies(net->w, (unsigned int)ms);
	return 0;
}

int proc_dointvec_ms_jiffies(const struct ctl_table *t, struct net *net, int write,
			     const char *buf, GString *out)
{
	return do_int_vec(t, net, write, buf, out, false, jiffies_to_ms, ms_to_jiffies);
}

int proc_dostring(const struct ctl_table *t, struct net *net, int write, const char *buf,
		  GString *out)
{
	char *data = t->data;

	(void)net;
	if (!write) {
		g_string_append_printf(out, "%s\n", data);
		return 0;
	}
	{
		size_t len = strcspn(buf, "\n");

		/* the kernel keeps what fits and drops the rest */
		if (len > (size_t)t->maxlen - 1)
			len = (size_t)t->maxlen - 1;
		memcpy(data, buf, len);
		data[len] = '\0';
	}
	return 0;
}

/* ---- the /proc/sys view ---------------------------------------------------- */

/*
 * find_entry - the table entry for @rel ("net/ipv4/ip_forward"), searching
 * the namespace's headers in registration order; with its data resolved
 * against the header's base in *entry.
 */
static bool find_entry(const struct net *net, const char *rel, struct ctl_table *entry)
{
	/* the directory part of @rel, compared by length first: `sysctl -a`
	 * resolves every entry, so this runs hundreds of times a listing */
	const char *slash = strrchr(rel, '/');
	size_t dlen = slash ? (size_t)(slash - rel) : 0;
	const char *name = slash ? slash + 1 : NULL;

	for (guint i = 0; slash && i < net->sysctl_headers->len; i++) {
		const struct ctl_table_header *h = g_ptr_array_index(net->sysctl_headers, i);

		if (strlen(h->path) != dlen || memcmp(rel, h->path, dlen) != 0)
			continue;
		for (size_t j = 0; j < h->n; j++) {
			if (h->table[j].procname[0] != name[0] ||
			    strcmp(h->table[j].procname, name) != 0)
				continue;
			*entry = h->table[j];
			if (h->base) {
				entry->data = (char *)h->base + (size_t)h->table[j].data;
				/* bounds that are other fields of the namespace */
				if (entry->extra_rel & SYSCTL_EXTRA1_REL)
					entry->extra1 = (char *)h->base + (size_t)entry->extra1;
				if (entry->extra_rel & SYSCTL_EXTRA2_REL)
					entry->extra2 = (char *)h->base + (size_t)entry->extra2;
			}
			return true;
		}
	}
	return false;
}

/* A directory: the root, or a prefix of some header's path. */
static bool is_sysctl_dir(const struct net *net, const char *rel)
{
	size_t len = strlen(rel);

	if (!*rel)
		return true;
	for (guint i = 0; i < net->sysctl_headers->len; i++) {
		const struct ctl_table_header *h = g_ptr_array_index(net->sysctl_headers, i);

		if (strncmp(h->path, rel, len) == 0 && (h->path[len] == '/' || !h->path[len]))
			return true;
	}
	return false;
}

static int sysctl_resolve(struct node *node, const char *rel, struct ctl_table *entry)
{
	struct net *net = node_net(node);

	if (!net)
		return -ENOENT;
	if (find_entry(net, rel, entry))
		return 0;
	return is_sysctl_dir(net, rel) ? -EISDIR : -ENOENT;
}

static int sysctl_fs_read(struct node *node, const char *rel, GString *out)
{
	struct ctl_table e;
	int r = sysctl_resolve(node, rel, &e);

	if (r < 0)
		return r;
	if (!(e.mode & 0444))
		return -EACCES;
	return e.proc_handler(&e, node_net(node), 0, NULL, out);
}

static int sysctl_fs_write(struct node *node, const char *rel, const char *data,
			   struct sim_err *err)
{
	struct ctl_table e;
	int r = sysctl_resolve(node, rel, &e);

	(void)err;
	if (r < 0)
		return r;
	if (!(e.mode & 0222))
		return -EACCES;
	r = e.proc_handler(&e, node_net(node), 1, data, NULL);
	if (r == 0 && e.changed)
		e.changed(&e, node_net(node));
	return r;
}

static int sysctl_fs_access(struct node *node, const char *rel, bool write)
{
	struct ctl_table e;
	int r = sysctl_resolve(node, rel, &e);

	if (r < 0)
		return r;
	return (e.mode & (write ? 0222 : 0444)) ? 0 : -EACCES;
}

static void sysctl_fs_list(struct node *node, GPtrArray *paths)
{
	struct net *net = node_net(node);

	if (!net)
		return;
	for (guint i = 0; i < net->sysctl_headers->len; i++) {
		const struct ctl_table_header *h = g_ptr_array_index(net->sysctl_headers, i);

		for (size_t j = 0; j < h->n; j++)
			g_ptr_array_add(paths, g_strdup_printf("/proc/sys/%s/%s", h->path,
							      h->table[j].procname));
	}
}

const struct sim_fs_ops sysctl_fs_ops = {
	.root = "/proc/sys",
	.read = sysctl_fs_read,
	.write = sysctl_fs_write,
	.access = sysctl_fs_access,
	.list = sysctl_fs_list,
};

struct ctl_table_header *register_net_sysctl_sz(struct net *net, const char *path,
						const struct ctl_table *table, size_t n,
						void *data_base)
{
	struct ctl_table_header *h = g_new0(struct ctl_table_header, 1);

	h->path = g_strdup(path);
	h->table = table;
	h->n = n;
	h->base = data_base;
	g_ptr_array_add(net->sysctl_headers, h);
	return h;
}

void unregister_net_sysctl_table(struct net *net, struct ctl_table_header *h)
{
	if (!h)
		return;
	g_ptr_array_remove(net->sysctl_headers, h);
	g_free(h->path);
	g_free(h);
}
