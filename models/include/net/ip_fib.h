/*
 * models/include/net/ip_fib.h - the IPv4 forwarding information base
 *
 * Mirrors include/net/ip_fib.h: a route is a fib_alias (prefix length,
 * dscp, type, the fib_info it uses) stored in a table's trie under its
 * prefix; a fib_info holds what routes share (protocol, scope, metric,
 * preferred source, metrics such as mtu) and its nexthops (struct
 * fib_nh).  fib_table_lookup() is the longest-prefix match of
 * net/ipv4/fib_trie.c; fib_lookup() walks the tables in policy order
 * (local, then main, then default, as the default rules 0, 32766, 32767).
 */
#ifndef _SKBSIM_NET_IP_FIB_H
#define _SKBSIM_NET_IP_FIB_H

#include <glib.h>

#include "linux/list.h"
#include "linux/types.h"
#include "sim/err.h"

struct net;
struct net_device;
struct rtable;

/* route types (include/uapi/linux/rtnetlink.h RTN_*) */
enum {
	RTN_UNSPEC, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST, RTN_MULTICAST,
	RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT, RTN_THROW, RTN_NAT, RTN_XRESOLVE,
	__RTN_MAX
};

/* scopes (RT_SCOPE_*) */
enum rt_scope_t {
	RT_SCOPE_UNIVERSE = 0,
	RT_SCOPE_SITE = 200,
	RT_SCOPE_LINK = 253,
	RT_SCOPE_HOST = 254,
	RT_SCOPE_NOWHERE = 255
};

/* route protocols (RTPROT_*) */
#define RTPROT_UNSPEC	0
#define RTPROT_REDIRECT	1
#define RTPROT_KERNEL	2
#define RTPROT_BOOT	3
#define RTPROT_STATIC	4

/* table ids */
#define RT_TABLE_UNSPEC		0
#define RT_TABLE_DEFAULT	253
#define RT_TABLE_MAIN		254
#define RT_TABLE_LOCAL		255

/* nexthop flags (RTNH_F_*) */
#define RTNH_F_DEAD		1
#define RTNH_F_PERVASIVE	2
#define RTNH_F_ONLINK		4
#define RTNH_F_LINKDOWN		16

/* NLM_F_* of RTM_NEWROUTE: create, replace, append... */
#define NLM_F_REPLACE	0x100
#define NLM_F_EXCL	0x200
#define NLM_F_CREATE	0x400
#define NLM_F_APPEND	0x800

/* the RTM_NEWROUTE / RTM_DELROUTE request (struct fib_config) */
struct fib_config {
	u8 fc_dst_len;
	u8 fc_dscp;			/* tos */
	u8 fc_protocol;
	u8 fc_scope;
	u8 fc_type;
	u32 fc_table;
	__be32 fc_dst;
	__be32 fc_gw4;
	int fc_oif;
	u32 fc_flags;			/* RTNH_F_ONLINK */
	u32 fc_priority;		/* metric */
	__be32 fc_prefsrc;
	u32 fc_mtu;			/* RTAX_MTU, 0 none */
	u32 fc_nlflags;			/* NLM_F_* */
	/* multipath: how many nexthops fc_mp[] holds, all of them (0: one, in fc_gw4/fc_oif) */
	int fc_nhs;
	struct fib_config_nh {
		__be32 gw;
		int oif;
		int weight;
		u32 flags;
	} fc_mp[16];
};

/*
 * A nexthop exception (include/net/ip_fib.h fib_nh_exception): what was
 * learned about one destination reached through this nexthop, a path MTU
 * from ICMP fragmentation needed, a gateway from an ICMP redirect.  They hang
 * off the nexthop in a small hash (fnhe_hash_bucket), at most
 * FNHE_RECLAIM_DEPTH deep per bucket before the oldest is reused.
 */
struct fib_nh_exception {
	struct fib_nh_exception *fnhe_next;
	__be32 fnhe_daddr;
	__be32 fnhe_gw;			/* from a redirect, or 0 */
	u32 fnhe_pmtu;
	bool fnhe_mtu_locked;		/* below min_pmtu: clamped and locked */
	unsigned long fnhe_expires;	/* jiffies, 0: never */
	unsigned long fnhe_stamp;	/* jiffies of the last update or use */
};

struct fnhe_hash_bucket {
	struct fib_nh_exception *chain;
};

#define FNHE_HASH_SHIFT		11
#define FNHE_HASH_SIZE		(1 << FNHE_HASH_SHIFT)
#define FNHE_RECLAIM_DEPTH	5

/*
 * What a nexthop caches: its routes (the kernel's nhc_rth_input and
 * nhc_pcpu_rth_output) and its PMTU exceptions.  Made with the first of
 * them (route.c fib_nh_cache_get) and freed by fib_nh_release_cached():
 * most nexthops of a node (broadcast, lo's, an idle address's) never
 * cache a route, and every route has a fib_info, so fib_nh is 16 bytes
 * smaller than with the three pointers in it.
 */
struct fib_nh_cache {
	struct rtable *nh_rth_input;
	struct rtable *nh_rth_output;
	struct fnhe_hash_bucket *nh_exceptions;	/* NULL until the first */
};

/*
 * Every route has a fib_info and a nexthop, every node several: the
 * pointers first and the small fields after them, so that a fib_info with
 * one nexthop is 72 bytes, not 112 (nh_flags is an unsigned char as the
 * kernel's nhc_flags; nh_weight is rtnh_hops + 1, 1 to 256).
 */
struct fib_nh {
	struct net_device *nh_dev;
	struct fib_nh_cache *nh_cache;	/* NULL until something is cached */
	__be32 nh_gw;			/* 0: directly connected */
	int nh_oif;
	int nh_upper_bound;		/* multipath hash threshold */
	u16 nh_weight;
	u8 nh_scope;
	u8 nh_flags;			/* RTNH_F_* */
};

/*
 * Differs: no fib_net - its one reader, fib_select_multipath, finds the
 * namespace through the result's table (fib_table_net).
 */
struct fib_info {
	struct list_head fib_list;	/* in net->ipv4.fib_info_list */
	int fib_treeref;		/* aliases using it */
	u32 fib_priority;
	__be32 fib_prefsrc;
	u32 fib_mtu;			/* RTAX_MTU metric, 0 none */
	u8 fib_protocol;
	u8 fib_scope;
	u8 fib_type;
	u8 fib_dead;
	int fib_nhs;
	struct fib_nh fib_nh[];
};

/*
 * Differs: no tb_id - a trie holds one table's routes (the kernel's main
 * and local share a trie until fib_unmerge), so the table's id is every
 * alias's; 32 bytes, not 40.
 */
struct fib_alias {
	struct list_head fa_list;	/* in the trie leaf, by slen, dscp, priority */
	struct fib_info *fa_info;
	u8 fa_dscp;
	u8 fa_type;
	u8 fa_state;
	u8 fa_slen;			/* 32 - prefix length */
	s16 fa_default;			/* fib_select_default's last choice, -1 none */
	u8 offload, trap;
};

struct fib_table;

struct fib_result {
	__be32 prefix;
	unsigned char prefixlen;
	unsigned char nh_sel;
	unsigned char type;
	unsigned char scope;
	u32 tclassid;
	struct fib_info *fi;
	struct fib_table *table;
	struct list_head *fa_head;
};

/* include/net/flow.h: the iif of locally generated traffic (lo) */
#define LOOPBACK_IFINDEX	1

/* the key of a lookup (include/net/flow.h struct flowi4) */
struct flowi4 {
	int flowi4_oif;
	int flowi4_iif;
	u32 flowi4_mark;
	u8 flowi4_tos;
	u8 flowi4_scope;
	u8 flowi4_proto;
	u32 flowi4_flags;
	__be32 saddr;
	__be32 daddr;
	__be16 fl4_sport, fl4_dport;
};
#define FLOWI_FLAG_ANYSRC	0x01
#define FIB_LOOKUP_NOREF	1

#define FIB_RES_NH(res)		((res).fi->fib_nh[(res).nh_sel])
#define FIB_RES_DEV(res)	(FIB_RES_NH(res).nh_dev)

/* ---- models/ipv4/fib_trie.c: one table --------------------------------- */

struct world;
/* the world's slab caches of tables, trie nodes and aliases (inet's world init/exit) */
void fib_trie_init(struct world *w);
void fib_trie_exit(struct world *w);
/* A new empty table; @net NULL: of no namespace (tests), with caches of its own. */
struct fib_table *fib_trie_table(struct net *net, u32 id);
void fib_trie_free(struct fib_table *tb);
u32 fib_table_id(const struct fib_table *tb);
struct net *fib_table_net(const struct fib_table *tb);
/*
 * fib_table_insert - add (or replace, append, per cfg->fc_nlflags) a route;
 * @fi is the fib_info made for it (the table takes a tree reference).
 * Errors with the kernel's errno and iproute2's message in @err:
 * -EEXIST "RTNETLINK answers: File exists", -ENOENT for replace of nothing.
 */
int fib_table_insert(struct net *net, struct fib_table *tb, struct fib_config *cfg,
		     struct fib_info *fi, struct sim_err *err);
/* Deletes the first route matching @cfg (its set fields); -ESRCH if none. */
int fib_table_delete(struct net *net, struct fib_table *tb, const struct fib_config *cfg,
		     struct sim_err *err);
/*
 * fib_table_lookup - longest prefix match of flp->daddr; fills @res and
 * returns 0, or -EAGAIN (nothing matched: try the next table), or the
 * route type's error for blackhole/unreachable/prohibit (-EINVAL,
 * -EHOSTUNREACH, -EACCES), -EAGAIN for throw.
 */
int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp, struct fib_result *res,
		     int fib_flags);
/* Removes every route whose fib_info is dead (nexthop device gone). */
int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all);
/* Calls @fn for every route, by prefix then by alias order (ip route show). */
void fib_table_walk(struct fib_table *tb,
		    void (*fn)(__be32 prefix, int plen, struct fib_alias *fa, void *arg),
		    void *arg);
/* statistics for /proc/net/fib_triestat and bench */
struct fib_trie_stats {
	unsigned int leaves, tnodes, prefixes, max_depth;
	size_t bytes;
};
void fib_table_stats(const struct fib_table *tb, struct fib_trie_stats *st);
/*
 * /proc/net/fib_trie and /proc/net/fib_triestat of @n tables (any order:
 * printed in the kernel's fib_table_hash order, id & 255; NULL skipped).
 */
void fib_trie_seq_show(struct fib_table **tables, int n, GString *out);
void fib_triestat_seq_show(struct fib_table **tables, int n, GString *out);
/*
 * The per-/16 lookup cache of a table: @mode 1 on, 0 off, -1 automatic
 * (the default: on from 65,536 routes, off again below 32,768).  Lookups
 * answer the same either way; for tests and benchmarks.
 */
void fib_table_set_lookup_cache(struct fib_table *tb, int mode);

/* ---- models/ipv4/fib_semantics.c, fib_frontend.c ------------------------ */

/* per route type: a lookup's error, the smallest scope (fib_lookup.h) */
struct fib_prop {
	int error;
	u8 scope;
};
extern const struct fib_prop fib_props[__RTN_MAX];

/* The fib_info of a new route (shared when identical), or ERR_PTR(-errno) with @err set. */
struct fib_info *fib_create_info(struct net *net, struct fib_config *cfg, struct sim_err *err);
void fib_info_put(struct fib_info *fi);
int fib_lookup(struct net *net, const struct flowi4 *flp, struct fib_result *res,
	       unsigned int flags);
struct fib_table *fib_get_table(struct net *net, u32 id);
struct fib_table *fib_new_table(struct net *net, u32 id);
/* RTM_NEWROUTE / RTM_DELROUTE: what `ip route add/del` calls */
int ip_rt_newroute(struct net *net, struct fib_config *cfg, struct sim_err *err);
int ip_rt_delroute(struct net *net, struct fib_config *cfg, struct sim_err *err);
/*
 * nexthop selection: fib_select_path() hashes a multipath route's flow
 * (fib_multipath_hash in route.c) onto one nexthop (fib_select_multipath),
 * or picks among several default routes (fib_select_default), then fills
 * fl4->saddr if unset.  Differs: no @skb argument - the kernel passes one
 * only for ICMP errors it sends; we hash their flowi4.
 */
struct sk_buff;
void fib_select_path(struct net *net, struct fib_result *res, struct flowi4 *fl4);
void fib_select_multipath(struct fib_result *res, int hash);
void fib_select_default(const struct flowi4 *flp, struct fib_result *res);
/* nh_upper_bound of every nexthop from the weights of the live ones */
void fib_rebalance(struct fib_info *fi);
/* models/ipv4/route.c: a 31-bit hash of the flow per fib_multipath_hash_policy */
int fib_multipath_hash(const struct net *net, const struct flowi4 *fl4,
		       const struct sk_buff *skb);
/* how many prefix-length-0 routes @tb holds (tb_num_default) */
int fib_table_num_default(const struct fib_table *tb);
__be32 fib_result_prefsrc(struct net *net, struct fib_result *res);
/* device events: routes through a dead or down device */
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force);
int fib_sync_up(struct net_device *dev, unsigned char nh_flags);
unsigned int inet_addr_type(struct net *net, __be32 addr);
/* The type of @addr in table @tb_id (RTN_BROADCAST when there is no such table). */
unsigned int inet_addr_type_table(struct net *net, __be32 addr, u32 tb_id);
unsigned int inet_addr_type_dev_table(struct net *net, const struct net_device *dev,
				      __be32 addr);

static inline int fib_prefixlen_valid(int plen)
{
	return plen >= 0 && plen <= 32;
}

static inline __be32 inet_make_mask(int logmask)
{
	return logmask ? htonl(~((1U << (32 - logmask)) - 1)) : 0;
}

static inline int inet_mask_len(__be32 mask)
{
	u32 hmask = ntohl(mask);

	return hmask ? 32 - __builtin_ctz(hmask) : 0;
}

#endif
