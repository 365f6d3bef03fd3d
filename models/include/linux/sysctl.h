/*
 * models/include/linux/sysctl.h - sysctl tables
 *
 * Mirrors include/linux/sysctl.h: a subsystem describes its tunables in a
 * struct ctl_table array and registers it under a path
 * (register_net_sysctl(net, "net/ipv4", table)); the entries appear as
 * /proc/sys/net/ipv4/<procname> and to the sysctl command as
 * net.ipv4.<procname>.  Handlers parse and print as the kernel's do
 * (proc_dointvec, proc_dointvec_minmax, proc_dostring...), including
 * their errors (-EINVAL for out-of-range values).
 */
#ifndef _SKBSIM_LINUX_SYSCTL_H
#define _SKBSIM_LINUX_SYSCTL_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "sim/err.h"

struct net;
struct ctl_table;
struct world;

/*
 * A handler reads (write == 0: appends the value and "\n" to @out) or
 * writes (parses @buf).  Returns 0 or a negative errno.
 */
typedef int proc_handler(const struct ctl_table *table, struct net *net, int write,
			 const char *buf, GString *out);

struct ctl_table {
	const char *procname;
	void *data;			/* relative to @base when base != NULL */
	int maxlen;
	unsigned short mode;		/* 0644, 0444... */
	proc_handler *proc_handler;
	const void *extra1, *extra2;	/* min and max for the _minmax handlers */
	/*
	 * SYSCTL_EXTRA1_REL, SYSCTL_EXTRA2_REL: that bound is, like data, an
	 * offset from the header's base, i.e. another field of the same
	 * namespace (ipfrag_high_thresh's minimum is ipfrag_low_thresh).  The
	 * kernel points extra1 at the field in a per-namespace copy of the
	 * table; ours stays const.  Only for tables registered with a base.
	 */
	unsigned char extra_rel;
	/* Called after a successful write (e.g. devinet's forwarding flip). */
	void (*changed)(const struct ctl_table *table, struct net *net);
};

/* The handlers of kernel/sysctl.c */
proc_handler proc_dointvec;
proc_handler proc_dointvec_minmax;
proc_handler proc_douintvec;
proc_handler proc_douintvec_minmax;
proc_handler proc_dostring;
proc_handler proc_dointvec_jiffies;		/* seconds <-> jiffies */
proc_handler proc_dointvec_ms_jiffies;	/* milliseconds <-> jiffies */

struct ctl_table_header;

/*
 * struct ctl_table_kind - a table that every namespace with the subsystem
 * has, described once: the namespace's data are found from the net when a
 * file is read, written or listed.  The kernel registers a header (and a
 * path) per namespace and per device; here a kind is registered once per
 * world and a namespace only sets its bit (net->sysctl_kinds), so a node
 * pays nothing per table and a device nothing per directory.
 *
 * Without @for_each the files are <path>/<procname> and @base gets @name
 * NULL.  With @for_each they are <path>/<name>/<procname> for every name
 * it gives (conf/all, conf/default, conf/<dev>...).  @base returns what
 * the entries' data are offsets from, or NULL when @net has no such
 * instance (now); @write says a handler is about to write there, so data
 * shared copy-on-write (devinet's conf) get their own copy first.
 */
struct ctl_table_kind {
	const char *path;		/* "net/ipv4", or "net/ipv4/conf" with @for_each */
	const struct ctl_table *table;
	size_t n;
	void *(*base)(struct net *net, const char *name, bool write);
	void (*for_each)(struct net *net, void (*fn)(const char *name, void *arg), void *arg);
};

/*
 * Registers @table (@n entries) under @path ("net/ipv4", "kernel").  The
 * table, and the data it points to, must outlive the registration.
 * @data_base: when not NULL, every entry's data is an offset from it (so
 * one const table serves several instances).  A table on the net itself
 * (@data_base @net or NULL) becomes a kind of the world, shared by every
 * namespace that registers the same path and table.
 */
struct ctl_table_header *register_net_sysctl_sz(struct net *net, const char *path,
						const struct ctl_table *table, size_t n,
						void *data_base);
#define register_net_sysctl(net, path, table) \
	register_net_sysctl_sz(net, path, table, G_N_ELEMENTS(table), NULL)
struct ctl_table_header *register_net_sysctl_kind(struct net *net,
						  const struct ctl_table_kind *kind);
void unregister_net_sysctl_table(struct net *net, struct ctl_table_header *header);
void unregister_net_sysctl_kind(struct net *net, const struct ctl_table_kind *kind);
/* net_namespace: what the namespace still has, at its end */
void unregister_net_sysctls(struct net *net);
/* the core module's world_exit: the world's kinds */
void sysctl_world_exit(struct world *w);

/* /proc/sys on every node, served from the namespace's headers */
struct sim_fs_ops;
extern const struct sim_fs_ops sysctl_fs_ops;

#define SYSCTL_EXTRA1_REL	0x1
#define SYSCTL_EXTRA2_REL	0x2

#define SYSCTL_ZERO	(&sysctl_vals[0])
#define SYSCTL_ONE	(&sysctl_vals[1])
#define SYSCTL_TWO	(&sysctl_vals[2])
#define SYSCTL_INT_MAX	(&sysctl_vals[3])
extern const int sysctl_vals[];

#endif
