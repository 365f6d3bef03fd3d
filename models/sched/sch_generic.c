/*
 * models/sched/sch_generic.c - generic packet scheduler routines
 *
 * Mirrors net/sched/sch_generic.c: the noop and noqueue disciplines,
 * pfifo_fast (the kernel's default: three bands chosen by skb->priority
 * through the priomap, each band holding up to txqueuelen packets as 6.x's
 * skb_array bands do), mq for multiqueue devices, dev_activate() and the
 * transmit loop: __qdisc_run() dequeues up to dev_tx_weight packets and
 * hands them to the driver with sch_direct_xmit(); a busy driver gets its
 * packet back on requeue, and a stopped queue is restarted from NET_TX
 * when the driver wakes it.
 *
 * Differences: no GSO, no BQL, one lock-free path (no qdisc locks).
 */
#include "net/sch_generic.h"

#include <errno.h>
#include <stdio.h>

#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

/* ---- noop: drops everything (a device without a qdisc yet) ----------- */

static int noop_enqueue(struct sk_buff *skb, struct Qdisc *q)
{
	q->qstats.drops++;
	kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
	return NET_XMIT_CN;
}

static struct sk_buff *noop_dequeue(struct Qdisc *q)
{
	(void)q;
	return NULL;
}

const struct Qdisc_ops noop_qdisc_ops = {
	.id = "noop", .enqueue = noop_enqueue, .dequeue = noop_dequeue,
};

/* noqueue: no queue at all; dev_queue_xmit calls the driver directly. */
const struct Qdisc_ops noqueue_qdisc_ops = {
	.id = "noqueue", .dequeue = noop_dequeue,
};

/* ---- pfifo_fast --------------------------------------------------------- */

#define PFIFO_FAST_BANDS 3

static const u8 prio2band[TC_PRIO_MAX + 1] = {
	1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1
};

struct pfifo_fast_priv {
	struct sk_buff_head band[PFIFO_FAST_BANDS];
};

static int pfifo_fast_band(const struct Qdisc *q, const struct sk_buff *skb)
{
	(void)q;
	return prio2band[skb->priority & TC_PRIO_MAX];
}

static int pfifo_fast_enqueue(struct sk_buff *skb, struct Qdisc *q)
{
	struct pfifo_fast_priv *priv = qdisc_priv(q);
	struct sk_buff_head *list = &priv->band[pfifo_fast_band(q, skb)];

	trace_skb_walk(skb, qdisc_dev(q), "priority %u: band %d, %u queued", skb->priority,
		       pfifo_fast_band(q, skb), skb_queue_len(list));
	if (skb_queue_len(list) >= qdisc_dev(q)->tx_queue_len) {
		/* qdisc_drop_cpu */
		q->qstats.drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
		return NET_XMIT_DROP;
	}
	skb_queue_tail(list, skb);
	q->qstats.qlen++;
	q->qstats.backlog += skb->len;
	return NET_XMIT_SUCCESS;
}

static struct sk_buff *pfifo_fast_dequeue(struct Qdisc *q)
{
	struct pfifo_fast_priv *priv = qdisc_priv(q);

	for (int band = 0; band < PFIFO_FAST_BANDS; band++) {
		struct sk_buff *skb = skb_dequeue(&priv->band[band]);

		if (skb) {
			q->qstats.qlen--;
			q->qstats.backlog -= skb->len;
			return skb;
		}
	}
	return NULL;
}

static int pfifo_fast_init(struct Qdisc *q)
{
	struct pfifo_fast_priv *priv = qdisc_priv(q);

	for (int i = 0; i < PFIFO_FAST_BANDS; i++)
		skb_queue_head_init(&priv->band[i]);
	q->flags |= TCQ_F_CAN_BYPASS | TCQ_F_NOLOCK;
	return 0;
}

static void pfifo_fast_reset(struct Qdisc *q)
{
	struct pfifo_fast_priv *priv = qdisc_priv(q);

	for (int i = 0; i < PFIFO_FAST_BANDS; i++)
		skb_queue_purge(&priv->band[i]);
	q->qstats.qlen = 0;
	q->qstats.backlog = 0;
}

static void pfifo_fast_dump(const struct Qdisc *q, GString *out)
{
	(void)q;
	g_string_append_printf(out, "bands %d priomap", PFIFO_FAST_BANDS);
	for (int i = 0; i <= TC_PRIO_MAX; i++)
		g_string_append_printf(out, " %d", prio2band[i]);
}

const struct Qdisc_ops pfifo_fast_ops = {
	.id = "pfifo_fast", .priv_size = sizeof(struct pfifo_fast_priv),
	.enqueue = pfifo_fast_enqueue, .dequeue = pfifo_fast_dequeue,
	.init = pfifo_fast_init, .reset = pfifo_fast_reset,	/* qdisc_put resets */
	.dump = pfifo_fast_dump, .band = pfifo_fast_band,
};

/* ---- mq: the root of a multiqueue device (sch_mq.c) ---------------------- */

static int mq_init(struct Qdisc *q)
{
	struct net_device *dev = qdisc_dev(q);
	const struct Qdisc_ops *child = qdisc_lookup_ops(dev_net(dev)->core.default_qdisc);
	struct mq_sched *priv = qdisc_priv(q);

	q->flags |= TCQ_F_MQROOT;
	priv->qdiscs = g_new0(struct Qdisc *, dev->num_tx_queues);
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		priv->qdiscs[i] = qdisc_create_dflt(netdev_get_tx_queue(dev, i),
						   child ? child : &pfifo_fast_ops, i + 1);
	return 0;
}

static void mq_destroy(struct Qdisc *q)
{
	struct mq_sched *priv = qdisc_priv(q);

	if (!priv->qdiscs)		/* never initialised */
		return;
	for (unsigned int i = 0; i < qdisc_nchildren(q); i++)
		qdisc_put(priv->qdiscs[i]);
	g_free(priv->qdiscs);
}

static void mq_reset(struct Qdisc *q)
{
	for (unsigned int i = 0; i < qdisc_nchildren(q); i++)
		qdisc_reset(qdisc_child(q, i));
}

const struct Qdisc_ops mq_qdisc_ops = {
	.id = "mq", .priv_size = sizeof(struct mq_sched),
	.init = mq_init, .destroy = mq_destroy, .reset = mq_reset,
	.dequeue = noop_dequeue,
};

const struct Qdisc_ops *qdisc_lookup_ops(const char *kind)
{
	static const struct Qdisc_ops *const all[] = {
		&pfifo_fast_ops, &noqueue_qdisc_ops, &mq_qdisc_ops, &noop_qdisc_ops,
	};

	for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
		if (strcmp(all[i]->id, kind) == 0)
			return all[i];
	return NULL;
}

/* ---- lifecycle ------------------------------------------------------------ */

struct Qdisc *qdisc_create_dflt(struct netdev_queue *dev_queue, const struct Qdisc_ops *ops,
				u32 parent)
{
	/* qdisc_alloc(): the discipline's private part in the same allocation */
	struct Qdisc *q = g_malloc0(sizeof(*q) + ops->priv_size);

	q->ops = ops;
	q->dev_queue = dev_queue;
	q->parent = parent;
	if (ops->init)
		ops->init(q);
	return q;
}

void qdisc_reset(struct Qdisc *q)
{
	if (!q)
		return;
	if (q->ops->reset)
		q->ops->reset(q);
	if (q->gso_skb) {
		kfree_skb_reason(q->gso_skb, SKB_DROP_REASON_QUEUE_PURGE);
		q->gso_skb = NULL;
	}
}

/* Takes @q off the CPU output queue it waits on (NET_TX), if any. */
static void qdisc_unschedule(struct Qdisc *q)
{
	struct net *net = dev_net(qdisc_dev(q));

	if (!(q->state & BIT(__QDISC_STATE_SCHED)))
		return;
	for (unsigned int i = 0; i < net->ncpus; i++) {
		struct sim_cpu *cpu = &net->cpus[i];
		struct Qdisc **pp = &cpu->output_queue;

		for (; *pp; pp = &(*pp)->next_sched) {
			if (*pp != q)
				continue;
			*pp = q->next_sched;
			if (cpu->output_queue_tailp == &q->next_sched)
				cpu->output_queue_tailp = pp;
			q->state &= ~BIT(__QDISC_STATE_SCHED);
			return;
		}
	}
}

void qdisc_put(struct Qdisc *q)
{
	if (!q)
		return;
	qdisc_unschedule(q);
	qdisc_reset(q);
	if (q->ops->destroy)
		q->ops->destroy(q);
	g_free(q);
}

struct Qdisc *qdisc_of(const struct netdev_queue *txq)
{
	return txq->qdisc;
}

/* The default root for @dev: noqueue, mq, or net.core.default_qdisc. */
static const struct Qdisc_ops *default_root_ops(const struct net_device *dev)
{
	const struct Qdisc_ops *ops;

	if (dev->priv_flags & IFF_NO_QUEUE)
		return &noqueue_qdisc_ops;
	if (dev->num_tx_queues > 1)
		return &mq_qdisc_ops;
	ops = qdisc_lookup_ops(dev_net(dev)->core.default_qdisc);
	return ops ? ops : &pfifo_fast_ops;
}

static void attach_root(struct net_device *dev, struct Qdisc *root)
{
	dev->qdisc = root;
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);

		txq->qdisc_sleeping = root->ops == &mq_qdisc_ops ? qdisc_child(root, i) : root;
	}
}

void dev_init_scheduler(struct net_device *dev)
{
	dev->qdisc = NULL;
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);

		txq->qdisc = NULL;	/* noop until dev_activate */
		txq->qdisc_sleeping = NULL;
	}
}

void dev_activate(struct net_device *dev)
{
	if (!dev->qdisc)
		attach_root(dev, qdisc_create_dflt(netdev_get_tx_queue(dev, 0),
						   default_root_ops(dev), TC_H_ROOT));
	/* with no carrier the queues stay on noop until carrier comes */
	if (!netif_carrier_ok(dev))
		return;
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);

		txq->qdisc = txq->qdisc_sleeping;
	}
}

void dev_deactivate(struct net_device *dev)
{
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);

		txq->qdisc = NULL;
		if (txq->qdisc_sleeping)
			qdisc_reset(txq->qdisc_sleeping);
	}
}

void dev_shutdown(struct net_device *dev)
{
	dev_deactivate(dev);
	qdisc_put(dev->qdisc);
	dev_init_scheduler(dev);
}

int qdisc_graft_root(struct net_device *dev, const struct Qdisc_ops *ops, struct sim_err *err)
{
	bool active = netif_running(dev) && netif_carrier_ok(dev);

	if (ops == &mq_qdisc_ops && dev->num_tx_queues < 2)
		return sim_err_set(err, "Error: Qdisc mq needs a multiqueue device.");
	dev_shutdown(dev);
	attach_root(dev, qdisc_create_dflt(netdev_get_tx_queue(dev, 0), ops, TC_H_ROOT));
	if (active)
		dev_activate(dev);
	return 0;
}

/* ---- the transmit loop ----------------------------------------------------- */

void __netif_schedule(struct Qdisc *q)
{
	struct sim_cpu *cpu;

	if (q->state & BIT(__QDISC_STATE_SCHED))
		return;
	q->state |= BIT(__QDISC_STATE_SCHED);
	cpu = this_cpu(dev_net(qdisc_dev(q)));
	q->next_sched = NULL;
	*cpu->output_queue_tailp = q;
	cpu->output_queue_tailp = &q->next_sched;
	raise_softirq_irqoff(cpu, NET_TX_SOFTIRQ);
}

static void dev_requeue_skb(struct sk_buff *skb, struct Qdisc *q)
{
	q->gso_skb = skb;
	q->qstats.requeues++;
	__netif_schedule(q);
}

static void qdisc_bstats_update(struct Qdisc *q, const struct sk_buff *skb)
{
	q->bstats.packets++;
	q->bstats.bytes += skb->len;
}

static struct sk_buff *dequeue_skb(struct Qdisc *q, struct netdev_queue *txq)
{
	struct sk_buff *skb = q->gso_skb;

	if (skb) {
		if (netif_tx_queue_stopped(txq))
			return NULL;
		q->gso_skb = NULL;
		return skb;
	}
	skb = q->ops->dequeue(q);
	if (skb)
		qdisc_bstats_update(q, skb);
	return skb;
}

/*
 * sch_direct_xmit - hand @skb to the driver.  Returns true when the caller
 * may go on dequeuing, false when the queue stopped or the driver was busy.
 */
static bool sch_direct_xmit(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
			    struct netdev_queue *txq)
{
	int ret = NETDEV_TX_BUSY;

	trace_skb_walk(skb, dev, "tx queue %u%s", txq->index,
		       netif_tx_queue_stopped(txq) ? " stopped: requeue" : "");
	if (!netif_tx_queue_stopped(txq))
		skb = dev_hard_start_xmit(skb, dev, txq, &ret);
	if (ret == NETDEV_TX_BUSY && skb) {
		dev_requeue_skb(skb, q);
		return false;
	}
	return !netif_tx_queue_stopped(txq);
}

static bool qdisc_restart(struct Qdisc *q)
{
	struct netdev_queue *txq = q->dev_queue;
	struct sk_buff *skb;

	if (netif_tx_queue_stopped(txq))
		return false;
	skb = dequeue_skb(q, txq);
	if (!skb)
		return false;
	return sch_direct_xmit(skb, q, qdisc_dev(q), txq);
}

static void __qdisc_run(struct Qdisc *q)
{
	int quota = dev_net(qdisc_dev(q))->core.dev_tx_weight;

	while (qdisc_restart(q)) {
		if (--quota <= 0) {
			/* let others run: continue from NET_TX */
			if (qdisc_qlen(q))
				__netif_schedule(q);
			break;
		}
	}
}

void qdisc_run(struct Qdisc *q)
{
	if (q->state & BIT(__QDISC_STATE_RUNNING))
		return;
	q->state |= BIT(__QDISC_STATE_RUNNING);
	__qdisc_run(q);
	q->state &= ~BIT(__QDISC_STATE_RUNNING);
}

void qdisc_run_from_softirq(struct Qdisc *q)
{
	q->state &= ~BIT(__QDISC_STATE_SCHED);
	qdisc_run(q);
}

int __dev_xmit_skb(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
		   struct netdev_queue *txq)
{
	int rc;

	if (unlikely(skb_walk_active(skb))) {
		const char *how = (q->flags & TCQ_F_CAN_BYPASS) && qdisc_qlen(q) == 0 &&
				  !(q->state & BIT(__QDISC_STATE_RUNNING)) ? "empty, bypass" : "enqueue";

		if (q->ops->band)
			trace_skb_walk(skb, dev, "qdisc %s, band %d, %u queued: %s", q->ops->id,
				       q->ops->band(q, skb), qdisc_qlen(q), how);
		else
			trace_skb_walk(skb, dev, "qdisc %s, %u queued: %s", q->ops->id,
				       qdisc_qlen(q), how);
	}
	/* TCQ_F_CAN_BYPASS: an empty qdisc sends straight to the driver */
	if ((q->flags & TCQ_F_CAN_BYPASS) && qdisc_qlen(q) == 0 &&
	    !(q->state & BIT(__QDISC_STATE_RUNNING))) {
		qdisc_bstats_update(q, skb);
		q->state |= BIT(__QDISC_STATE_RUNNING);
		if (sch_direct_xmit(skb, q, dev, txq) && qdisc_qlen(q))
			__qdisc_run(q);
		q->state &= ~BIT(__QDISC_STATE_RUNNING);
		return NET_XMIT_SUCCESS;
	}
	rc = q->ops->enqueue(skb, q);
	qdisc_run(q);
	return rc;
}

void netif_tx_wake_queue(struct netdev_queue *txq)
{
	if (!(txq->state & BIT(__QUEUE_STATE_DRV_XOFF)))
		return;
	txq->state &= ~BIT(__QUEUE_STATE_DRV_XOFF);
	txq->tx_restarts++;
	if (txq->qdisc && txq->qdisc->ops->enqueue)
		__netif_schedule(txq->qdisc);
}
