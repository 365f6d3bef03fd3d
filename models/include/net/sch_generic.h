/*
 * models/include/net/sch_generic.h - queueing disciplines
 *
 * Mirrors include/net/sch_generic.h: struct Qdisc with its ops, the
 * statistics `tc -s qdisc` prints, and qdisc_run().
 */
#ifndef _SKBSIM_NET_SCH_GENERIC_H
#define _SKBSIM_NET_SCH_GENERIC_H

#include <glib.h>

#include "linux/netdevice.h"
#include "linux/skbuff.h"

struct Qdisc;

struct Qdisc_ops {
	const char *id;			/* "pfifo_fast", "noqueue", "mq", "noop" */
	unsigned int priv_size;		/* qdisc_priv() bytes, allocated with the Qdisc */
	int (*enqueue)(struct sk_buff *skb, struct Qdisc *sch);
	struct sk_buff *(*dequeue)(struct Qdisc *sch);
	int (*init)(struct Qdisc *sch);
	void (*reset)(struct Qdisc *sch);
	void (*destroy)(struct Qdisc *sch);
	/* The options part of `tc qdisc show` ("bands 3 priomap ..."). */
	void (*dump)(const struct Qdisc *sch, GString *out);
	/* skbsim: the band @skb is queued in (annotated captures); NULL: classless */
	int (*band)(const struct Qdisc *sch, const struct sk_buff *skb);
};

struct gnet_stats_basic {
	u64 bytes;
	u64 packets;
};

struct gnet_stats_queue {
	u32 qlen;
	u32 backlog;			/* bytes queued */
	u32 drops;
	u32 requeues;
	u32 overlimits;
};

#define TCQ_F_BUILTIN		1
#define TCQ_F_INGRESS		2
#define TCQ_F_CAN_BYPASS	4
#define TCQ_F_MQROOT		8
#define TCQ_F_ONETXQUEUE	0x10
#define TCQ_F_NOPARENT		0x40
#define TCQ_F_NOLOCK		0x100

#define TC_H_ROOT		0xFFFFFFFFU
#define TC_PRIO_MAX		15
#define TC_PRIO_BESTEFFORT	0
#define TC_PRIO_BULK		2
#define TC_PRIO_INTERACTIVE	6
#define TC_PRIO_CONTROL		7

enum qdisc_state_t {
	__QDISC_STATE_SCHED,		/* on a CPU's output_queue */
	__QDISC_STATE_RUNNING,
};

struct Qdisc {
	const struct Qdisc_ops *ops;
	unsigned int flags;
	u32 handle;
	struct netdev_queue *dev_queue;
	struct sk_buff *gso_skb;	/* a requeued skb goes out first */
	struct gnet_stats_basic bstats;
	struct gnet_stats_queue qstats;
	u32 parent;			/* here: fills the hole after qstats */
	unsigned long state;
	struct Qdisc *next_sched;	/* in a CPU's output_queue */
	/* no children here: only an mq has them, in its private part */
	unsigned long privdata[];	/* ops->priv_size bytes (qdisc_alloc) */
};

static inline void *qdisc_priv(struct Qdisc *q)
{
	return q->privdata;
}

static inline struct net_device *qdisc_dev(const struct Qdisc *q)
{
	return q->dev_queue->dev;
}

static inline u32 qdisc_qlen(const struct Qdisc *q)
{
	return q->qstats.qlen + (q->gso_skb ? 1 : 0);
}

static inline struct Qdisc *qdisc_next_sched(const struct Qdisc *q)
{
	return q->next_sched;
}

extern const struct Qdisc_ops noop_qdisc_ops, noqueue_qdisc_ops, pfifo_fast_ops, mq_qdisc_ops;

/* sch_mq.c's private part: a child per tx queue of the device */
struct mq_sched {
	struct Qdisc **qdiscs;
};

/* The children of @q: an mq's, one per tx queue; none for a classless one. */
static inline unsigned int qdisc_nchildren(const struct Qdisc *q)
{
	return q->ops == &mq_qdisc_ops ? qdisc_dev(q)->num_tx_queues : 0;
}

static inline struct Qdisc *qdisc_child(const struct Qdisc *q, unsigned int i)
{
	return ((const struct mq_sched *)q->privdata)->qdiscs[i];
}

struct Qdisc *qdisc_create_dflt(struct netdev_queue *dev_queue, const struct Qdisc_ops *ops,
				u32 parent);
void qdisc_put(struct Qdisc *q);
void qdisc_reset(struct Qdisc *q);
/* The qdisc a transmitting packet meets on @txq (noop while deactivated). */
struct Qdisc *qdisc_of(const struct netdev_queue *txq);

int __dev_xmit_skb(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
		   struct netdev_queue *txq);
void qdisc_run(struct Qdisc *q);
void qdisc_run_from_softirq(struct Qdisc *q);

/* dev_activate: the default qdisc once the device is up with carrier. */
void dev_activate(struct net_device *dev);
void dev_deactivate(struct net_device *dev);
void dev_init_scheduler(struct net_device *dev);
void dev_shutdown(struct net_device *dev);
/* Replaces the root qdisc by one of @ops (tc qdisc replace ... root). */
int qdisc_graft_root(struct net_device *dev, const struct Qdisc_ops *ops, struct sim_err *err);
const struct Qdisc_ops *qdisc_lookup_ops(const char *kind);

#endif
