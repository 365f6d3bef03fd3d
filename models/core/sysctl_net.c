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
 * kernel fills extra1/extra2 of a per-namespace copy of the table.  A
 * table every namespace has is registered once per world (struct
 * ctl_table_kind, w->kernel->sysctl_kinds) and a namespace only sets its
 * bit, where the kernel makes a header and a path per namespace and
 * device: its instances are found from the net at each lookup.
 */
#include "linux/sysctl.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "net/kernel.h"
#include "net/net_namespace.h"
#include "sim/sh.h"
#include "sim/timer.h"

const int sysctl_vals[] = { 0, 1, 2, INT_MAX };

/*
 * A registration.  Of a kind, one per world (w->kernel->sysctl_kinds):
 * @bit is its bit in net->sysctl_kinds.  Of one namespace's own table
 * (register_net_sysctl_sz() with a base of its own, rare): @bit is -1,
 * @base the data's base, and it is listed in net->sysctl_headers.
 * @own holds the table of a header that was not given a kind (its path
 * copied).
 */
struct ctl_table_header {
	const struct ctl_table_kind *kind;
	struct ctl_table_kind own;
	void *base;
	int bit;
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

static GPtrArray *world_kinds(const struct world *w)
{
	return kernel_world(w)->sysctl_kinds;
}

/* How many headers header_at() may give for @net. */
static guint nr_headers(const struct net *net)
{
	GPtrArray *kinds = world_kinds(net->w);

	return (kinds ? kinds->len : 0) + (net->sysctl_headers ? net->sysctl_headers->len : 0);
}

/*
 * The headers of @net in a fixed order: the world's kinds it registered
 * (in the order the world first saw them), then its own tables; NULL for
 * a kind it did not register.
 */
static const struct ctl_table_header *header_at(const struct net *net, guint i)
{
	GPtrArray *kinds = world_kinds(net->w);
	guint nk = kinds ? kinds->len : 0;

	if (i >= nk)
		return g_ptr_array_index(net->sysctl_headers, i - nk);
	return (net->sysctl_kinds & (1ULL << i)) ? g_ptr_array_index(kinds, i) : NULL;
}

/* What @h's entries are offsets from in @net (instance @name); false: none there. */
static bool header_base(const struct ctl_table_header *h, struct net *net, const char *name,
			bool write, void **base)
{
	if (!h->kind->base) {
		*base = h->base;
		return true;
	}
	*base = h->kind->base(net, name, write);
	return *base != NULL;
}

/*
 * The instance named by the directory @dir (@dlen bytes) under @h's path,
 * copied into @name; false when @dir is not <path>/<one component>.
 */
static bool instance_of(const struct ctl_table_kind *k, const char *dir, size_t dlen,
			char *name, size_t size)
{
	size_t plen = strlen(k->path);

	if (dlen <= plen + 1 || dlen - plen - 1 >= size || memcmp(dir, k->path, plen) != 0 ||
	    dir[plen] != '/' || memchr(dir + plen + 1, '/', dlen - plen - 1))
		return false;
	memcpy(name, dir + plen + 1, dlen - plen - 1);
	name[dlen - plen - 1] = '\0';
	return true;
}

/*
 * find_entry - the table entry for @rel ("net/ipv4/ip_forward"), searching
 * the namespace's headers in order; with its data resolved against the
 * instance's base in *entry.  @write: a handler will write (see
 * ctl_table_kind.base).
 */
static bool find_entry(struct net *net, const char *rel, bool write, struct ctl_table *entry)
{
	/* the directory part of @rel, compared by length first: `sysctl -a`
	 * resolves every entry, so this runs hundreds of times a listing */
	const char *slash = strrchr(rel, '/');
	size_t dlen = slash ? (size_t)(slash - rel) : 0;
	const char *name = slash ? slash + 1 : NULL;
	guint nr = nr_headers(net);

	for (guint i = 0; slash && i < nr; i++) {
		const struct ctl_table_header *h = header_at(net, i);
		const struct ctl_table_kind *k;
		char inst[64];
		void *base;

		if (!h)
			continue;
		k = h->kind;
		if (k->for_each) {
			if (!instance_of(k, rel, dlen, inst, sizeof(inst)))
				continue;
		} else if (strlen(k->path) != dlen || memcmp(rel, k->path, dlen) != 0) {
			continue;
		}
		for (size_t j = 0; j < k->n; j++) {
			if (k->table[j].procname[0] != name[0] ||
			    strcmp(k->table[j].procname, name) != 0)
				continue;
			if (!header_base(h, net, k->for_each ? inst : NULL, write, &base))
				break;
			*entry = k->table[j];
			if (base) {
				entry->data = (char *)base + (size_t)k->table[j].data;
				/* bounds that are other fields of the namespace */
				if (entry->extra_rel & SYSCTL_EXTRA1_REL)
					entry->extra1 = (char *)base + (size_t)entry->extra1;
				if (entry->extra_rel & SYSCTL_EXTRA2_REL)
					entry->extra2 = (char *)base + (size_t)entry->extra2;
			}
			return true;
		}
	}
	return false;
}

/* A directory: the root, a prefix of some header's path, or an instance's. */
static bool is_sysctl_dir(struct net *net, const char *rel)
{
	size_t len = strlen(rel);
	guint nr = nr_headers(net);

	if (!*rel)
		return true;
	for (guint i = 0; i < nr; i++) {
		const struct ctl_table_header *h = header_at(net, i);
		const char *path;
		char inst[64];
		void *base;

		if (!h)
			continue;
		path = h->kind->path;
		if (h->kind->for_each) {
			if (instance_of(h->kind, rel, len, inst, sizeof(inst)) &&
			    header_base(h, net, inst, false, &base))
				return true;
		} else if (!header_base(h, net, NULL, false, &base)) {
			continue;
		}
		if (strncmp(path, rel, len) == 0 && (path[len] == '/' || !path[len]))
			return true;
	}
	return false;
}

static int sysctl_resolve(struct node *node, const char *rel, bool write,
			  struct ctl_table *entry)
{
	struct net *net = node_net(node);

	if (!net)
		return -ENOENT;
	if (find_entry(net, rel, write, entry))
		return 0;
	return is_sysctl_dir(net, rel) ? -EISDIR : -ENOENT;
}

static int sysctl_fs_read(struct node *node, const char *rel, GString *out)
{
	struct ctl_table e;
	int r = sysctl_resolve(node, rel, false, &e);

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
	int r = sysctl_resolve(node, rel, false, &e);

	(void)err;
	if (r < 0)
		return r;
	if (!(e.mode & 0222))
		return -EACCES;
	/* again for writing: copy-on-write data get their own copy now */
	sysctl_resolve(node, rel, true, &e);
	r = e.proc_handler(&e, node_net(node), 1, data, NULL);
	if (r == 0 && e.changed)
		e.changed(&e, node_net(node));
	return r;
}

static int sysctl_fs_access(struct node *node, const char *rel, bool write)
{
	struct ctl_table e;
	int r = sysctl_resolve(node, rel, false, &e);

	if (r < 0)
		return r;
	return (e.mode & (write ? 0222 : 0444)) ? 0 : -EACCES;
}

static void list_table(GPtrArray *paths, const struct ctl_table_kind *k, const char *name)
{
	for (size_t j = 0; j < k->n; j++)
		g_ptr_array_add(paths, name ? g_strdup_printf("/proc/sys/%s/%s/%s", k->path, name,
							      k->table[j].procname)
					    : g_strdup_printf("/proc/sys/%s/%s", k->path,
							      k->table[j].procname));
}

struct list_arg {
	GPtrArray *paths;
	const struct ctl_table_kind *kind;
};

static void list_instance(const char *name, void *arg)
{
	struct list_arg *a = arg;

	list_table(a->paths, a->kind, name);
}

static void sysctl_fs_list(struct node *node, GPtrArray *paths)
{
	struct net *net = node_net(node);
	guint nr;

	if (!net)
		return;
	nr = nr_headers(net);
	for (guint i = 0; i < nr; i++) {
		const struct ctl_table_header *h = header_at(net, i);
		void *base;

		if (!h)
			continue;
		if (h->kind->for_each) {
			struct list_arg a = { paths, h->kind };

			h->kind->for_each(net, list_instance, &a);
		} else if (header_base(h, net, NULL, false, &base)) {
			list_table(paths, h->kind, NULL);
		}
	}
}

const struct sim_fs_ops sysctl_fs_ops = {
	.root = "/proc/sys",
	.read = sysctl_fs_read,
	.write = sysctl_fs_write,
	.access = sysctl_fs_access,
	.list = sysctl_fs_list,
};

/* ---- registration ------------------------------------------------------------ */

static void *sysctl_net_base(struct net *net, const char *name, bool write)
{
	(void)name;
	(void)write;
	return net;
}

/* The world's header for @kind, made at the first namespace that registers it. */
static struct ctl_table_header *kind_header(struct world *w, const struct ctl_table_kind *kind)
{
	struct kernel_world *kw = kernel_world(w);
	struct ctl_table_header *h;

	if (!kw->sysctl_kinds)
		kw->sysctl_kinds = g_ptr_array_new();
	for (guint i = 0; i < kw->sysctl_kinds->len; i++) {
		h = g_ptr_array_index(kw->sysctl_kinds, i);
		if (h->kind == kind)
			return h;
	}
	SIM_BUG_ON(kw->sysctl_kinds->len >= 64);	/* net->sysctl_kinds has 64 bits */
	h = g_new0(struct ctl_table_header, 1);
	h->kind = kind;
	h->bit = (int)kw->sysctl_kinds->len;
	g_ptr_array_add(kw->sysctl_kinds, h);
	return h;
}

struct ctl_table_header *register_net_sysctl_kind(struct net *net,
						  const struct ctl_table_kind *kind)
{
	struct ctl_table_header *h = kind_header(net->w, kind);

	net->sysctl_kinds |= 1ULL << h->bit;
	return h;
}

/*
 * A table on the net itself: its data are offsets into struct net, or it
 * has no base (a const table whose handlers find their data from the net,
 * as ping_group_range and the uts names do).  Either way every namespace
 * that registers it can share one header.
 */
static bool table_on_net(struct net *net, void *data_base)
{
	return !data_base || data_base == net;
}

/* The world's header for @table under @path, for table_on_net() tables. */
static struct ctl_table_header *shared_header(struct net *net, const char *path,
					      const struct ctl_table *table, size_t n,
					      bool on_net)
{
	GPtrArray *kinds = world_kinds(net->w);
	struct ctl_table_header *h;

	for (guint i = 0; kinds && i < kinds->len; i++) {
		h = g_ptr_array_index(kinds, i);
		if (h->kind == &h->own && h->own.table == table && h->own.n == n &&
		    (h->own.base != NULL) == on_net && strcmp(h->own.path, path) == 0)
			return h;
	}
	h = kind_header(net->w, NULL);
	h->kind = &h->own;
	h->own.path = g_strdup(path);
	h->own.table = table;
	h->own.n = n;
	h->own.base = on_net ? sysctl_net_base : NULL;
	return h;
}

struct ctl_table_header *register_net_sysctl_sz(struct net *net, const char *path,
						const struct ctl_table *table, size_t n,
						void *data_base)
{
	struct ctl_table_header *h;

	if (table_on_net(net, data_base)) {
		h = shared_header(net, path, table, n, data_base == net);
		net->sysctl_kinds |= 1ULL << h->bit;
		return h;
	}
	h = g_new0(struct ctl_table_header, 1);
	h->kind = &h->own;
	h->own.path = g_strdup(path);
	h->own.table = table;
	h->own.n = n;
	h->base = data_base;
	h->bit = -1;
	if (!net->sysctl_headers)
		net->sysctl_headers = g_ptr_array_new();
	g_ptr_array_add(net->sysctl_headers, h);
	return h;
}

static void free_header(struct ctl_table_header *h)
{
	g_free((char *)h->own.path);
	g_free(h);
}

void unregister_net_sysctl_table(struct net *net, struct ctl_table_header *h)
{
	if (!h)
		return;
	if (h->bit >= 0) {
		net->sysctl_kinds &= ~(1ULL << h->bit);
		return;
	}
	g_ptr_array_remove(net->sysctl_headers, h);
	free_header(h);
}

void unregister_net_sysctl_kind(struct net *net, const struct ctl_table_kind *kind)
{
	unregister_net_sysctl_table(net, kind_header(net->w, kind));
}

void unregister_net_sysctls(struct net *net)
{
	net->sysctl_kinds = 0;
	if (!net->sysctl_headers)
		return;
	while (net->sysctl_headers->len)
		unregister_net_sysctl_table(net, g_ptr_array_index(net->sysctl_headers,
								   net->sysctl_headers->len - 1));
	g_ptr_array_unref(net->sysctl_headers);
	net->sysctl_headers = NULL;
}

void sysctl_world_exit(struct world *w)
{
	GPtrArray *kinds = world_kinds(w);

	if (!kinds)
		return;
	for (guint i = 0; i < kinds->len; i++)
		free_header(g_ptr_array_index(kinds, i));
	g_ptr_array_unref(kinds);
	kernel_world(w)->sysctl_kinds = NULL;
}
