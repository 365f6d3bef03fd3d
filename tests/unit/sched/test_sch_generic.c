/*
 * tests/unit/sched/test_sch_generic.c - the generic packet scheduler
 *                                       (models/sched/sch_generic.c)
 *
 * Node a sends to b over a cable (or a veth pair) with dev_queue_xmit().
 * A stopped tx queue holds packets in the qdisc, so the tests can look at
 * what pfifo_fast keeps and in which order it lets them go: bands chosen
 * through the priomap, txqueuelen per band, a requeue when the driver
 * refuses, the bypass of an empty qdisc, noqueue and noop, mq's children,
 * grafting a new root and dev_deactivate() emptying the queues.  Drops
 * are read back from a metrics.db (record_drops()); every test ends with
 * no skb alive.
 */
#include "tl_link.h"

#include <glib.h>

#include "linux/etherdevice.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"

#define MAX_LOG 256

struct rx_log {
	struct packet_type pt;
	int count;
	u32 seq[MAX_LOG];
};

static struct tl_pair p;
static struct rx_log rx;		/* what b's handler for the test frames got */
static char *drops_dir;		/* metrics.db, after record_drops() */

static int test_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	struct rx_log *log = container_of(pt, struct rx_log, pt);

	(void)dev, (void)orig_dev;
	if (log->count < MAX_LOG)
		memcpy(&log->seq[log->count], skb->data, sizeof(u32));
	log->count++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* a -- b over a link made by @cfg (NULL: a cable), b logging the test frames in rx */
static void pair_setup_cfg(const struct sim_link_config *cfg)
{
	tl_pair_setup(&p, "sch_generic", NULL, cfg);
	rx = (struct rx_log){ .pt = { .type = htons(ETH_P_TEST), .func = test_rcv } };
	dev_add_pack(node_net(p.b), &rx.pt);
	drops_dir = NULL;
}

/* Drops are recorded from here on, in a metrics.db of the test's own. */
static void record_drops(void)
{
	drops_dir = tl_record_drops(p.w);
}

static void pair_setup(void)
{
	pair_setup_cfg(NULL);
}

static void pair_free(void)
{
	dev_remove_pack(node_net(p.b), &rx.pt);
	tl_world_free(p.w);
	tl_rmtree(drops_dir);
	g_free(drops_dir);
}

/* A 100-byte frame from a to b numbered @seq, with @priority. */
static int send_prio(u32 seq, u32 priority)
{
	struct sk_buff *skb = tl_test_frame(p.da, p.db->dev_addr, 100, seq);

	skb->priority = priority;
	return dev_queue_xmit(skb);
}

/* A UDP datagram of flow @sport (10.0.0.1:sport -> 10.0.0.2:9): the tx
 * queue is chosen by the flow's hash, as skb_get_hash() keys it */
static int send_udp_flow(u16 sport)
{
	struct sk_buff *skb = tl_test_frame(p.da, p.db->dev_addr, 100, 0);
	struct ethhdr *eth = (struct ethhdr *)skb->data;
	u8 *ip = skb->data + ETH_HLEN;
	static const u8 addrs[8] = { 10, 0, 0, 1, 10, 0, 0, 2 };

	eth->h_proto = htons(ETH_P_IP);
	ip[0] = 0x45;
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, addrs, sizeof(addrs));
	ip[20] = sport >> 8;
	ip[21] = sport & 0xff;
	ip[23] = 9;
	return dev_queue_xmit(skb);
}

static struct netdev_queue *txq0(void)
{
	return netdev_get_tx_queue(p.da, 0);
}

/* The output of a command on @node (which must succeed) is @want. */
#define ck_assert_sh(node, cmd, want)                                          \
	do {                                                                   \
		GString *out_ = tl_sh_out(node, cmd);                          \
		ck_assert_str_eq(out_->str, want);                             \
		g_string_free(out_, TRUE);                                     \
	} while (0)

/* Drops recorded since record_drops(): "REASON@function xCOUNT, ..." sorted. */
static char *drop_counts(void)
{
	return tl_metrics_rows(p.w, drops_dir,
			       "SELECT printf('%s@%s x%d', reason, function, COUNT(*)) FROM drops "
			       "GROUP BY reason, function ORDER BY reason, function", ", ");
}

#define ck_assert_drops(want) tl_assert_str_eq_free(drop_counts(), want)

/* The log as "0 6 7 ..." */
static char *log_seqs(void)
{
	GString *s = g_string_new(NULL);

	for (int k = 0; k < rx.count && k < MAX_LOG; k++)
		g_string_append_printf(s, "%s%u", k ? " " : "", rx.seq[k]);
	return g_string_free(s, FALSE);
}

#define ck_assert_log(want) tl_assert_str_eq_free(log_seqs(), want)

/* ---- pfifo_fast -------------------------------------------------------------- */

/*
 * The priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1: priorities 6 and 7 (interactive,
 * control) in band 0, best effort in band 1, bulk in band 2.  The queue is
 * stopped, so the first packet finds the qdisc empty, is handed to the
 * stopped driver and requeued; the others wait in their bands.  When the
 * driver wakes the queue: the requeued one, then band 0, 1, 2, each in
 * arrival order.
 */
START_TEST(test_pfifo_fast_bands_from_priority)
{
	struct Qdisc *q;

	pair_setup();
	tl_pair_up(&p);
	q = p.da->qdisc;
	ck_assert_str_eq(q->ops->id, "pfifo_fast");
	netif_tx_stop_queue(txq0());
	for (u32 prio = 0; prio <= TC_PRIO_MAX; prio++)
		ck_assert_int_eq(send_prio(prio, prio), NET_XMIT_SUCCESS);
	ck_assert_uint_eq(qdisc_qlen(q), 16);
	ck_assert_uint_eq(q->qstats.qlen, 15);
	ck_assert_uint_eq(q->qstats.backlog, 15 * 100);
	ck_assert_uint_eq(q->qstats.requeues, 1);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(rx.count, 0);	/* held while stopped */
	netif_tx_wake_queue(txq0());
	world_run(p.w, 2 * SIM_NSEC_PER_MSEC);
	ck_assert_log("0 6 7 4 8 9 10 11 12 13 14 15 1 2 3 5");
	ck_assert_uint_eq(qdisc_qlen(q), 0);
	ck_assert_uint_eq(q->qstats.backlog, 0);
	ck_assert_uint_eq(q->bstats.packets, 16);
	ck_assert_uint_eq(q->bstats.bytes, 16 * 100);
	ck_assert_uint_eq(txq0()->tx_restarts, 1);
	pair_free();
}
END_TEST

/* skb->priority beyond 15: its low four bits pick the band (TC_PRIO_MAX mask). */
START_TEST(test_pfifo_fast_masks_priority)
{
	pair_setup();
	tl_pair_up(&p);
	netif_tx_stop_queue(txq0());
	send_prio(0, 0);			/* the requeued one */
	send_prio(1, 0x10002);			/* band 2 */
	send_prio(2, 0x20000 | 4);		/* band 1 */
	send_prio(3, 0xfffffff6);		/* 6: band 0 */
	netif_tx_wake_queue(txq0());
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("0 3 2 1");
	pair_free();
}
END_TEST

/*
 * Each band holds up to txqueuelen packets (6.x's skb_array per band):
 * more are dropped (QDISC_DROP, the qdisc's dropped counter, NET_XMIT_DROP
 * to the sender), while another band still has room.
 */
START_TEST(test_pfifo_fast_limit_per_band)
{
	struct sim_err err = { { 0 } };
	struct Qdisc *q;
	int dropped = 0;

	pair_setup();
	record_drops();
	ck_assert_int_eq(dev_change_tx_queue_len(p.da, 5, &err), 0);
	tl_pair_up(&p);
	q = p.da->qdisc;
	netif_tx_stop_queue(txq0());
	for (u32 i = 0; i < 20; i++)			/* 1 requeued, 5 queued, 14 dropped */
		dropped += send_prio(i, TC_PRIO_BESTEFFORT) == NET_XMIT_DROP;
	for (u32 i = 20; i < 27; i++)			/* band 0 has its own 5 */
		dropped += send_prio(i, TC_PRIO_INTERACTIVE) == NET_XMIT_DROP;
	ck_assert_int_eq(dropped, 14 + 2);
	ck_assert_uint_eq(q->qstats.drops, 16);
	ck_assert_uint_eq(q->qstats.qlen, 10);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 0);	/* a qdisc drop is the qdisc's */
	ck_assert_drops("QDISC_DROP@pfifo_fast_enqueue x16");
	ck_assert_sh(p.a, "tc -s qdisc show dev eth0",
		     "qdisc pfifo_fast 0: root refcnt 2 bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1\n"
		     " Sent 100 bytes 1 pkt (dropped 16, overlimits 0 requeues 1) \n"
		     " backlog 1100b 11p requeues 1\n");
	netif_tx_wake_queue(txq0());
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("0 20 21 22 23 24 1 2 3 4 5");
	pair_free();
}
END_TEST

/* ---- the transmit path ------------------------------------------------------------ */

/* An empty qdisc is bypassed, and still counts what it let through. */
START_TEST(test_empty_qdisc_is_bypassed)
{
	struct Qdisc *q;

	pair_setup();
	tl_pair_up(&p);
	q = p.da->qdisc;
	ck_assert(q->flags & TCQ_F_CAN_BYPASS);
	for (u32 i = 0; i < 3; i++)
		ck_assert_int_eq(send_prio(i, 0), NET_XMIT_SUCCESS);
	/* straight to the driver's ring: nothing ever waited in a band */
	ck_assert_uint_eq(q->qstats.qlen, 0);
	ck_assert_uint_eq(q->qstats.backlog, 0);
	ck_assert_uint_eq(q->bstats.packets, 3);
	ck_assert_uint_eq(q->bstats.bytes, 300);
	ck_assert_uint_eq(q->qstats.requeues, 0);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("0 1 2");
	ck_assert_uint_eq(p.da->stats.tx_packets, 3);
	pair_free();
}
END_TEST

/*
 * The driver's ring (64) fills: the driver stops the queue with the 64th
 * frame; the 65th finds the qdisc empty, goes to the stopped driver and is
 * requeued; the rest wait in the qdisc.  Each tx completion wakes the
 * queue and NET_TX sends the requeued frame first.
 */
START_TEST(test_requeue_when_the_driver_is_busy)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct Qdisc *q;

	cfg.nic.tx_ring = 64;
	pair_setup_cfg(&cfg);
	tl_pair_up(&p);
	q = p.da->qdisc;
	for (u32 i = 0; i < 100; i++)
		ck_assert_int_eq(send_prio(i, 0), NET_XMIT_SUCCESS);
	ck_assert(netif_tx_queue_stopped(txq0()));
	ck_assert_uint_eq(q->qstats.requeues, 1);
	ck_assert_ptr_nonnull(q->gso_skb);
	ck_assert_uint_eq(q->qstats.qlen, 35);
	ck_assert_uint_eq(qdisc_qlen(q), 36);
	ck_assert_uint_eq(q->bstats.packets, 65);	/* 64 sent on, 1 requeued */
	world_run(p.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(rx.count, 100);
	for (int k = 0; k < 100; k++)
		ck_assert_uint_eq(rx.seq[k], (u32)k);	/* the requeued one kept its place */
	ck_assert_uint_eq(q->qstats.requeues, 1);
	ck_assert_uint_eq(q->bstats.packets, 100);
	ck_assert_uint_gt(txq0()->tx_restarts, 0);
	ck_assert_uint_eq(q->qstats.drops, 0);
	pair_free();
}
END_TEST

/* ---- noop and noqueue ---------------------------------------------------------------- */

/*
 * Down, or up without carrier, the queues are on noop: every packet is
 * dropped (QDISC_DROP, the device's tx_dropped, NET_XMIT_CN).
 */
START_TEST(test_noop_drops_while_down)
{
	struct sim_err err = { { 0 } };

	pair_setup();
	record_drops();
	ck_assert_ptr_null(p.da->qdisc);		/* never up: builtin noop */
	ck_assert_ptr_null(txq0()->qdisc);
	ck_assert_int_eq(send_prio(0, 0), NET_XMIT_CN);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 1);
	/* up, but b is down: no carrier, the root exists but sleeps */
	ck_assert_int_eq(dev_open(p.da, &err), 0);
	ck_assert_str_eq(p.da->qdisc->ops->id, "pfifo_fast");
	ck_assert_ptr_null(txq0()->qdisc);
	ck_assert_ptr_eq(txq0()->qdisc_sleeping, p.da->qdisc);
	ck_assert_int_eq(send_prio(1, 0), NET_XMIT_CN);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 2);
	ck_assert_uint_eq(p.da->qdisc->bstats.packets, 0);
	ck_assert_drops("QDISC_DROP@dev_queue_xmit x2");
	/* carrier: the root becomes active */
	ck_assert_int_eq(dev_open(p.db, &err), 0);
	ck_assert_ptr_eq(txq0()->qdisc, p.da->qdisc);
	ck_assert_int_eq(send_prio(2, 0), NET_XMIT_SUCCESS);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("2");
	pair_free();
}
END_TEST

START_TEST(test_noqueue_on_veth_and_lo)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct net_device *lo;

	cfg.kind = "veth";
	pair_setup_cfg(&cfg);
	record_drops();
	lo = node_net(p.a)->loopback_dev;
	ck_assert_ptr_null(lo->qdisc);
	ck_assert_int_eq(dev_open(lo, &err), 0);
	ck_assert_str_eq(lo->qdisc->ops->id, "noqueue");
	ck_assert_ptr_null(lo->qdisc->ops->enqueue);
	tl_pair_up(&p);
	ck_assert_str_eq(p.da->qdisc->ops->id, "noqueue");
	ck_assert_str_eq(p.db->qdisc->ops->id, "noqueue");
	/* no queue: the packet is at b before dev_queue_xmit returns */
	ck_assert_int_eq(send_prio(0, 0), NET_XMIT_SUCCESS);
	ck_assert_int_eq(rx.count, 1);
	ck_assert_uint_eq(p.da->qdisc->bstats.packets, 0);
	/* a stopped queue cannot hold anything: dropped */
	netif_tx_stop_queue(txq0());
	ck_assert_int_ne(send_prio(1, 0), NET_XMIT_SUCCESS);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 1);
	netif_tx_wake_queue(txq0());
	/* peer down: carrier off on both ends, noop */
	dev_close(p.db);
	ck_assert_int_eq(send_prio(2, 0), NET_XMIT_CN);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 2);
	ck_assert_drops("DEV_READY@dev_xmit_noqueue x1, QDISC_DROP@dev_queue_xmit x1");
	ck_assert_sh(p.a, "tc qdisc show dev lo", "qdisc noqueue 0: root refcnt 2 \n");
	pair_free();
}
END_TEST

/* ---- mq ------------------------------------------------------------------------------ */

START_TEST(test_mq_has_a_child_per_tx_queue)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct Qdisc *root;
	u64 sum = 0;
	unsigned int used = 0;

	cfg.nic.queues = 4;
	pair_setup_cfg(&cfg);
	tl_pair_up(&p);
	root = p.da->qdisc;
	ck_assert_str_eq(root->ops->id, "mq");
	ck_assert_uint_eq(qdisc_nchildren(root), 4);
	for (unsigned int i = 0; i < 4; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(p.da, i);
		struct Qdisc *child = qdisc_child(root, i);

		ck_assert_str_eq(child->ops->id, "pfifo_fast");
		ck_assert_uint_eq(child->parent, i + 1);	/* parent :1 ... :4 */
		ck_assert_ptr_eq(child->dev_queue, txq);
		ck_assert_ptr_eq(txq->qdisc_sleeping, child);
		ck_assert_ptr_eq(txq->qdisc, child);
	}
	/* different flows go to different queues; each child counts its own */
	for (u16 i = 0; i < 64; i++)
		send_udp_flow(1000 + i);
	for (unsigned int i = 0; i < 4; i++) {
		sum += qdisc_child(root, i)->bstats.packets;
		used += qdisc_child(root, i)->bstats.packets > 0;
	}
	ck_assert_uint_eq(sum, 64);
	ck_assert_uint_ge(used, 2);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(p.da->stats.tx_packets, 64);
	pair_free();
}
END_TEST

/* One flow keeps one queue: the hash is of the flow's keys, not of bytes
 * that change per packet (here the payload; in IP, the ID and checksum). */
START_TEST(test_mq_one_flow_one_queue)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct Qdisc *root;
	unsigned int used = 0;

	cfg.nic.queues = 4;
	pair_setup_cfg(&cfg);
	tl_pair_up(&p);
	root = p.da->qdisc;
	for (u32 i = 0; i < 32; i++) {
		struct sk_buff *skb;

		send_udp_flow(5000);
		skb = tl_test_frame(p.da, p.db->dev_addr, 100, i);	/* not IP */
		dev_queue_xmit(skb);
	}
	for (unsigned int i = 0; i < 4; i++)
		used += qdisc_child(root, i)->bstats.packets > 0;
	ck_assert_uint_le(used, 2);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(p.da->stats.tx_packets, 64);
	ck_assert_int_eq(rx.count, 32);		/* the test frames, in order */
	pair_free();
}
END_TEST

START_TEST(test_mq_needs_several_queues)
{
	struct sim_err err = { { 0 } };

	pair_setup();
	tl_pair_up(&p);
	ck_assert_int_lt(qdisc_graft_root(p.da, &mq_qdisc_ops, &err), 0);
	ck_assert_str_eq(p.da->qdisc->ops->id, "pfifo_fast");	/* unchanged */
	pair_free();
}
END_TEST

/* ---- graft, deactivate ------------------------------------------------------------------ */

START_TEST(test_graft_replaces_and_resets)
{
	struct sim_err err = { { 0 } };
	struct Qdisc *q;

	pair_setup();
	tl_pair_up(&p);
	netif_tx_stop_queue(txq0());
	for (u32 i = 0; i < 5; i++)
		send_prio(i, 0);
	ck_assert_uint_eq(qdisc_qlen(p.da->qdisc), 5);
	ck_assert_int_eq(qdisc_graft_root(p.da, &pfifo_fast_ops, &err), 0);
	/* the old root is gone with its packets; the new one starts empty */
	ck_assert_uint_eq(skb_pool_in_use(p.w), 0);
	q = p.da->qdisc;
	ck_assert_uint_eq(qdisc_qlen(q), 0);
	ck_assert_uint_eq(q->bstats.packets, 0);
	ck_assert_uint_eq(q->qstats.requeues, 0);
	ck_assert_ptr_eq(txq0()->qdisc, q);		/* active: up with carrier */
	ck_assert_ptr_eq(txq0()->qdisc_sleeping, q);
	netif_tx_wake_queue(txq0());
	send_prio(5, 0);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("5");
	ck_assert_uint_eq(q->bstats.packets, 1);
	pair_free();
}
END_TEST

START_TEST(test_graft_while_down_stays_asleep)
{
	struct sim_err err = { { 0 } };

	pair_setup();
	ck_assert_int_eq(qdisc_graft_root(p.da, &pfifo_fast_ops, &err), 0);
	ck_assert_str_eq(p.da->qdisc->ops->id, "pfifo_fast");
	ck_assert_ptr_null(txq0()->qdisc);		/* still noop */
	ck_assert_int_eq(send_prio(0, 0), NET_XMIT_CN);
	tl_pair_up(&p);
	ck_assert_ptr_eq(txq0()->qdisc, p.da->qdisc);
	pair_free();
}
END_TEST

/* ip link set down: dev_deactivate() empties the qdisc, the root stays. */
START_TEST(test_deactivate_purges)
{
	struct Qdisc *q;

	pair_setup();
	tl_pair_up(&p);
	q = p.da->qdisc;
	netif_tx_stop_queue(txq0());
	for (u32 i = 0; i < 4; i++)
		send_prio(i, 0);
	ck_assert_uint_eq(qdisc_qlen(q), 4);
	dev_close(p.da);
	ck_assert_uint_eq(qdisc_qlen(q), 0);
	ck_assert_uint_eq(q->qstats.backlog, 0);
	ck_assert_ptr_null(q->gso_skb);
	ck_assert_ptr_eq(p.da->qdisc, q);		/* kept for the next up */
	ck_assert_ptr_null(txq0()->qdisc);
	ck_assert_uint_eq(skb_pool_in_use(p.w), 0);
	ck_assert_uint_eq(q->bstats.packets, 1);	/* statistics survive */
	/* up again: nothing of before goes out */
	tl_pair_up(&p);
	send_prio(4, 0);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_log("4");
	pair_free();
}
END_TEST

/* Carrier loss deactivates too: b goes down, a's queued packets are freed. */
START_TEST(test_carrier_loss_purges)
{
	struct Qdisc *q;

	pair_setup();
	tl_pair_up(&p);
	q = p.da->qdisc;
	netif_tx_stop_queue(txq0());
	for (u32 i = 0; i < 3; i++)
		send_prio(i, 0);
	dev_close(p.db);
	ck_assert(!netif_carrier_ok(p.da));
	ck_assert_uint_eq(qdisc_qlen(q), 0);
	ck_assert_ptr_null(txq0()->qdisc);
	ck_assert_uint_eq(skb_pool_in_use(p.w), 0);
	pair_free();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sch_generic");
	TCase *tc = tcase_create("sch_generic");

	tcase_add_test(tc, test_pfifo_fast_bands_from_priority);
	tcase_add_test(tc, test_pfifo_fast_masks_priority);
	tcase_add_test(tc, test_pfifo_fast_limit_per_band);
	tcase_add_test(tc, test_empty_qdisc_is_bypassed);
	tcase_add_test(tc, test_requeue_when_the_driver_is_busy);
	tcase_add_test(tc, test_noop_drops_while_down);
	tcase_add_test(tc, test_noqueue_on_veth_and_lo);
	tcase_add_test(tc, test_mq_has_a_child_per_tx_queue);
	tcase_add_test(tc, test_mq_one_flow_one_queue);
	tcase_add_test(tc, test_mq_needs_several_queues);
	tcase_add_test(tc, test_graft_replaces_and_resets);
	tcase_add_test(tc, test_graft_while_down_stays_asleep);
	tcase_add_test(tc, test_deactivate_purges);
	tcase_add_test(tc, test_carrier_loss_purges);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
