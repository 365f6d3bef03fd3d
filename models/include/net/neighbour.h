/*
 * models/include/net/neighbour.h - the neighbour subsystem
 *
 * Mirrors include/net/neighbour.h: one struct neigh_table per protocol and
 * namespace (arp_tbl for IPv4; IPv6's nd_tbl later uses the same code),
 * entries (struct neighbour) in the NUD state machine with their timers and
 * queue of packets waiting for resolution, the list forced garbage
 * collection walks (gc_list, oldest first), the proxy queue of delayed
 * proxy-ARP answers, and the tunables of struct neigh_parms (per device,
 * defaults in the table) behind /proc/sys/net/ipv4/neigh/<dev>/.
 *
 * Reference counts: refcnt is 1 for the table's own reference plus one per
 * holder (neigh_create(), __neigh_create(..., true)).  The kernel's pending
 * timer also holds a reference; here neigh_timer_pending(n) stands for
 * it (neigh_forced_gc() treats an entry with a pending timer as in use).
 */
#ifndef _SKBSIM_NET_NEIGHBOUR_H
#define _SKBSIM_NET_NEIGHBOUR_H

#include "linux/list.h"
#include "linux/netdevice.h"
#include "sim/rng.h"
#include "sim/timer.h"
#include "trace/skbwalk.h"

/* NUD states (include/uapi/linux/neighbour.h) */
#define NUD_INCOMPLETE	0x01
#define NUD_REACHABLE	0x02
#define NUD_STALE	0x04
#define NUD_DELAY	0x08
#define NUD_PROBE	0x10
#define NUD_FAILED	0x20
#define NUD_NOARP	0x40
#define NUD_PERMANENT	0x80
#define NUD_NONE	0x00

#define NUD_IN_TIMER	(NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)
#define NUD_VALID	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)
#define NUD_CONNECTED	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)

/* neigh flags (NTF_*) */
#define NTF_USE		0x01
#define NTF_SELF	0x02
#define NTF_MASTER	0x04
#define NTF_PROXY	0x08
#define NTF_EXT_LEARNED	0x10
#define NTF_OFFLOADED	0x20
#define NTF_ROUTER	0x80

/* neigh_update flags */
#define NEIGH_UPDATE_F_OVERRIDE		BIT(0)
#define NEIGH_UPDATE_F_WEAK_OVERRIDE	BIT(1)
#define NEIGH_UPDATE_F_OVERRIDE_ISROUTER BIT(2)
#define NEIGH_UPDATE_F_USE		BIT(3)	/* NTF_USE: drop PERMANENT, nothing else */
#define NEIGH_UPDATE_F_EXT_LEARNED	BIT(29)
#define NEIGH_UPDATE_F_ISROUTER		BIT(30)
#define NEIGH_UPDATE_F_ADMIN		BIT(31)

/* the tunables of struct neigh_parms (NEIGH_VAR_*), sysctl names */
#define NEIGH_VAR_LIST(X)						\
	X(MCAST_PROBES, "mcast_solicit") X(UCAST_PROBES, "ucast_solicit") \
	X(APP_PROBES, "app_solicit") X(MCAST_REPROBES, "mcast_resolicit") \
	X(RETRANS_TIME, "retrans_time") X(BASE_REACHABLE_TIME, "base_reachable_time") \
	X(DELAY_PROBE_TIME, "delay_first_probe_time") X(INTERVAL_PROBE_TIME_MS, "interval_probe_time_ms") \
	X(GC_STALETIME, "gc_stale_time") X(QUEUE_LEN_BYTES, "unres_qlen_bytes") \
	X(PROXY_QLEN, "proxy_qlen") X(ANYCAST_DELAY, "anycast_delay")	\
	X(PROXY_DELAY, "proxy_delay") X(LOCKTIME, "locktime")

#define NEIGH_VAR_ENUM(id, name) NEIGH_VAR_##id,
enum { NEIGH_VAR_LIST(NEIGH_VAR_ENUM) NEIGH_VAR_DATA_MAX };
#undef NEIGH_VAR_ENUM

struct neigh_table;

struct neigh_parms {
	struct net_device *dev;		/* NULL: the table's defaults */
	struct neigh_table *tbl;
	int reachable_time;		/* jiffies, randomized from base */
	int qlen;			/* requests of this device in the proxy queue */
	/*
	 * NEIGH_VAR_DATA_MAX values, times in jiffies as the kernel keeps them.
	 * A device's are its table's (neigh/default's, so a write there
	 * reaches it) until one is written for the device: then it gets a
	 * copy of its own (neigh_parms_base, when the write resolves).  The
	 * kernel copies them into every device's parms.
	 */
	int *data;
	/* bit NEIGH_VAR_x: written for this device, so neigh/default no longer copies it */
	u32 data_state;
	struct neigh_parms *next;
};
#define NEIGH_PARMS_DATA_SIZE (NEIGH_VAR_DATA_MAX * sizeof(int))
#define NEIGH_VAR(p, attr) ((p)->data[NEIGH_VAR_##attr])
#define NEIGH_VAR_SET(p, attr, val) ((p)->data[NEIGH_VAR_##attr] = (val))

struct neighbour;

struct neigh_ops {
	int family;
	void (*solicit)(struct neighbour *n, struct sk_buff *skb);
	void (*error_report)(struct neighbour *n, struct sk_buff *skb);
	int (*output)(struct neighbour *n, struct sk_buff *skb);
	int (*connected_output)(struct neighbour *n, struct sk_buff *skb);
};

/*
 * What only an entry the state machine works on needs: its timer (every
 * NUD_IN_TIMER state) and the packets waiting for resolution.  Made at the
 * entry's first timer or queued packet, so PERMANENT and NOARP entries
 * (two per link where a scenario sets its neighbours) never carry it.
 * The kernel embeds both in struct neighbour.
 */
struct neigh_nud {
	struct neighbour *neigh;
	struct timer_list timer;
	unsigned int arp_queue_len_bytes;
	struct sk_buff_head arp_queue;
};

struct neighbour {
	struct neighbour *next;		/* hash chain */
	struct list_head gc_list;	/* on tbl->gc_list unless exempt from forced GC */
	struct neigh_table *tbl;
	struct neigh_parms *parms;
	unsigned long confirmed;	/* jiffies */
	unsigned long updated;
	unsigned long used;
	int refcnt;
	int probes;
	struct neigh_nud *nud;		/* timer and arp_queue, or NULL until needed */
	u8 flags;			/* NTF_* */
	u8 nud_state;
	u8 type;			/* RTN_UNICAST, RTN_LOCAL... */
	u8 dead;
	/* dev->addr_len bytes: the kernel's MAX_ADDR_LEN room is the device's here */
	u8 ha[NETDEV_HW_ADDR_LEN];
	/* IPv4 address: beside ha, where it packs (IPv6 will widen it; the kernel's is last) */
	u8 primary_key[4];
	int (*output)(struct neighbour *n, struct sk_buff *skb);
	const struct neigh_ops *ops;
	struct net_device *dev;
};

struct neigh_statistics {
	u64 allocs, destroys, hash_grows, res_failed, lookups, hits;
	u64 rcv_probes_mcast, rcv_probes_ucast, periodic_gc_runs, forced_gc_runs;
	u64 unres_discards, table_fulls;
};

/*
 * The proxy queue of a table (pneigh_enqueue, neigh_proxy_process): made
 * with the first delayed proxy answer, so a node that never proxies does
 * not carry its timer, queue and random state.  The kernel embeds them.
 */
struct neigh_proxy {
	struct neigh_table *tbl;
	struct timer_list proxy_timer;
	struct sk_buff_head proxy_queue;
	struct sim_rng proxy_rng;	/* the random part of proxy_delay */
};

/*
 * What a protocol's neighbour table is, the same in every namespace: the
 * kernel's neigh_table is one global per protocol (arp_tbl), so these are
 * one const copy per protocol here, not a copy in every node's table.
 */
struct neigh_table_type {
	int family;
	unsigned int key_len;
	const char *id;			/* "arp_cache" */
	int (*constructor)(struct neighbour *n);
	void (*proxy_redo)(struct sk_buff *skb);
	int (*is_multicast)(const void *pkey);
};

struct neigh_table {
	const struct neigh_table_type *type;
	struct net *net;
	unsigned int key_len;		/* type->key_len: every lookup compares it */
	u32 hash_rnd;
	struct neigh_parms parms;	/* defaults: neigh/default */
	struct neigh_parms *parms_list;	/* per device */
	int gc_interval;		/* jiffies */
	int gc_thresh1, gc_thresh2, gc_thresh3;
	unsigned long last_flush;
	unsigned long last_rand;	/* reachable times last drawn */
	struct timer_list gc_timer;	/* neigh_periodic_work */
	unsigned int entries;
	unsigned int hash_shift;
	struct neighbour **hash_buckets;
	struct neigh_statistics stats;
	struct sim_rng rng;		/* reachable_time randomization */
	/* forced GC: entries not PERMANENT and not on loopback, oldest first */
	int gc_entries;
	/*
	 * parms.data is the table's own copy: until a namespace writes a
	 * neigh/default value it is the world's shared defaults (arp.c).
	 */
	bool parms_data_own;
	struct list_head gc_list;
	/* proxy answers waiting proxy_delay, or NULL before the first */
	struct neigh_proxy *proxy;
};

static inline bool neigh_timer_pending(const struct neighbour *n)
{
	return n->nud && timer_pending(&n->nud->timer);
}

/* What the neighbour layer keeps in skb->cb of a delayed proxy request. */
struct neighbour_cb {
	unsigned long sched_next;	/* jiffies */
	unsigned int flags;
};
#define LOCALLY_ENQUEUED 0x1
#define NEIGH_CB(skb) ((struct neighbour_cb *)(skb)->cb)

/* models/core/neighbour.c */
void neigh_table_init(struct net *net, struct neigh_table *tbl);
void neigh_table_clear(struct neigh_table *tbl);
/* Counts a lookup (and a hit) in /proc/net/stat/<tbl->type->id>. */
struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev);
/* The datapath's lookup (ip_finish_output2): counts nothing. */
struct neighbour *__neigh_lookup_noref(struct neigh_table *tbl, const void *pkey,
				       const struct net_device *dev);
/*
 * ___neigh_create: a new entry (or the existing one); NULL when the table is
 * full (table_fulls) or the constructor refuses.  @exempt_from_gc: not
 * counted against gc_thresh*, never forced out (neigh_add() of a permanent
 * entry; loopback devices always are).
 */
struct neighbour *___neigh_create(struct neigh_table *tbl, const void *pkey,
				  struct net_device *dev, u32 flags, bool exempt_from_gc,
				  bool want_ref);
struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref);
static inline struct neighbour *neigh_create(struct neigh_table *tbl, const void *pkey,
					     struct net_device *dev)
{
	return __neigh_create(tbl, pkey, dev, true);
}
void neigh_release(struct neighbour *n);
int neigh_update(struct neighbour *n, const u8 *lladdr, u8 new_state, u32 flags,
		 u32 nlmsg_pid);
/* lladdr confirmed reachable by an upper layer (TCP ack, ...) */
void neigh_confirm(struct neighbour *n);
int __neigh_event_send(struct neighbour *n, struct sk_buff *skb);
unsigned long neigh_jiffies(const struct neighbour *n);
/* A packet wants @n: note the use, start resolution if it is not valid. */
static inline int neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	unsigned long now = neigh_jiffies(n);

	if (n->used != now)
		n->used = now;
	if (n->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		return 0;
	return __neigh_event_send(n, skb);
}
/* Someone asked for us: remember them (STALE), creating the entry. */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 const void *saddr, struct net_device *dev);
/* Queue a proxy request for proxy_delay (randomized); @skb always consumed. */
void pneigh_enqueue(struct neigh_table *tbl, struct neigh_parms *p, struct sk_buff *skb);
int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb);
int neigh_connected_output(struct neighbour *n, struct sk_buff *skb);
int neigh_direct_output(struct neighbour *n, struct sk_buff *skb);
static inline int neigh_output(struct neighbour *n, struct sk_buff *skb)
{
	trace_skb_walk(skb, n->dev, "neighbour %s",
		       n->output == neigh_connected_output ? "connected: neigh_connected_output" :
		       n->output == neigh_resolve_output ? "not connected: neigh_resolve_output" :
		       "neigh_direct_output");
	return n->output(n, skb);
}
void neigh_ifdown(struct neigh_table *tbl, struct net_device *dev);
void neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev);
struct neigh_parms *neigh_parms_alloc(struct net_device *dev, struct neigh_table *tbl);
void neigh_parms_release(struct neigh_table *tbl, struct neigh_parms *parms);
/* ip neigh del/flush */
int neigh_delete(struct neigh_table *tbl, const void *pkey, struct net_device *dev);
int neigh_flush_dev(struct neigh_table *tbl, struct net_device *dev, bool only_nonperm);
/* Calls @fn for every entry, sorted by device ifindex then key (ip neigh show). */
void neigh_for_each(struct neigh_table *tbl, void (*fn)(struct neighbour *n, void *arg),
		    void *arg);
const char *neigh_state_name(u8 nud_state);
/* jiffies: base_reachable_time randomized to [1/2, 3/2) as neigh_rand_reach_time */
unsigned long neigh_rand_reach_time(struct neigh_table *tbl, unsigned long base);

#endif
