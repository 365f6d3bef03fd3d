/*
 * tests/unit/core/test_dev.c - the link layer end to end
 *
 * Frames sent with dev_queue_xmit() on one node and received on another
 * over a cable (simnic at both ends) or a veth pair: timing on the wire,
 * carrier, counters, qdisc and ring overflow, and that every skb is freed.
 */
#include "tl_link.h"

#include "linux/etherdevice.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"
#include "sim/sh.h"

struct rx_log {
	struct packet_type pt;
	int count;
	sim_time_t first, last;
	unsigned int last_len;
	int pkt_type;
};

static int test_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	struct rx_log *log = container_of(pt, struct rx_log, pt);
	sim_time_t now = sim_now(dev_net(dev)->w);

	(void)orig_dev;
	if (log->count++ == 0)
		log->first = now;
	log->last = now;
	log->last_len = skb->len;
	log->pkt_type = skb->pkt_type;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* What b's handler for the test frames got (set up by pair_setup()). */
static struct rx_log rx;

/* a -- b over a link made by @cfg, b counting the test frames in rx */
static void pair_setup(struct tl_pair *p, const struct sim_link_config *cfg)
{
	tl_pair_setup(p, "dev", NULL, cfg);
	rx = (struct rx_log){ .pt = { .type = htons(ETH_P_TEST), .func = test_rcv } };
	dev_add_pack(p->b->net, &rx.pt);
}

static void pair_free(struct tl_pair *p)
{
	dev_remove_pack(p->b->net, &rx.pt);
	tl_world_free(p->w);
}

/* A test frame of @len bytes (header included) from a to b (or @dst). */
static int send_frame(struct tl_pair *p, unsigned int len, const u8 *dst)
{
	return dev_queue_xmit(tl_test_frame(p->da, dst ? dst : p->db->dev_addr, len, 0));
}

START_TEST(test_cable_timing_and_counters)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct tl_pair p;

	cfg.rate_bps = 1000000000ULL;
	cfg.delay = 1000;		/* 1 us */
	pair_setup(&p, &cfg);
	tl_pair_up(&p);
	ck_assert(netif_carrier_ok(p.da) && netif_carrier_ok(p.db));
	ck_assert_uint_eq(dev_get_flags(p.da) & (IFF_UP | IFF_RUNNING | IFF_LOWER_UP),
			  IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	/* 1000-byte frame: (1000 + 24) bytes * 8 ns = 8192 ns, + 1 us delay */
	send_frame(&p, 1000, NULL);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(rx.count, 1);
	ck_assert_int_eq(rx.first, 8192 + 1000);
	ck_assert_uint_eq(rx.last_len, 1000 - ETH_HLEN);
	ck_assert_int_eq(rx.pkt_type, PACKET_HOST);
	ck_assert_uint_eq(p.da->stats.tx_packets, 1);
	ck_assert_uint_eq(p.da->stats.tx_bytes, 1000);
	ck_assert_uint_eq(p.db->stats.rx_packets, 1);
	ck_assert_uint_eq(p.db->stats.rx_bytes, 1000);
	pair_free(&p);
}
END_TEST

START_TEST(test_cable_back_to_back_and_padding)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct tl_pair p;
	u8 bcast[ETH_ALEN];

	cfg.rate_bps = 100000000ULL;	/* 100 Mbit/s: 10 ns per bit */
	pair_setup(&p, &cfg);
	tl_pair_up(&p);
	eth_broadcast_addr(bcast);
	/* 3 runts: padded to 60 bytes, each (60 + 24) * 80 ns = 6720 ns */
	for (int i = 0; i < 3; i++)
		send_frame(&p, 42, bcast);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(rx.count, 3);
	ck_assert_int_eq(rx.first, 6720);
	ck_assert_int_eq(rx.last, 3 * 6720);
	ck_assert_uint_eq(rx.last_len, 60 - ETH_HLEN);	/* padding arrives */
	ck_assert_int_eq(rx.pkt_type, PACKET_BROADCAST);
	pair_free(&p);
}
END_TEST

START_TEST(test_no_carrier_until_both_up)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct tl_pair p;

	pair_setup(&p, &cfg);
	ck_assert_int_eq(dev_open(p.da, &err), 0);
	ck_assert(!netif_carrier_ok(p.da));
	ck_assert_uint_eq(dev_get_flags(p.da) & (IFF_RUNNING | IFF_LOWER_UP), 0);
	ck_assert_int_eq(p.da->operstate, IF_OPER_DOWN);
	/* no carrier: the queue is on noop and drops */
	ck_assert_int_eq(send_frame(&p, 100, NULL), NET_XMIT_CN);
	ck_assert_uint_eq(p.da->stats.tx_dropped, 1);
	ck_assert_int_eq(dev_open(p.db, &err), 0);
	ck_assert(netif_carrier_ok(p.da) && netif_carrier_ok(p.db));
	ck_assert_int_eq(p.da->operstate, IF_OPER_UP);
	dev_close(p.db);
	ck_assert(!netif_carrier_ok(p.da));
	pair_free(&p);
}
END_TEST

START_TEST(test_qdisc_overflow_and_requeue)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct Qdisc *q;
	struct tl_pair p;
	int drops = 0;

	cfg.txqueuelen = 10;
	cfg.nic.tx_ring = 64;
	pair_setup(&p, &cfg);
	tl_pair_up(&p);
	for (int i = 0; i < 100; i++)
		drops += send_frame(&p, 1000, NULL) == NET_XMIT_DROP;
	q = p.da->qdisc;
	ck_assert_str_eq(q->ops->id, "pfifo_fast");
	/* 64 fill the ring, the 65th is requeued, 10 queue in band 1 */
	ck_assert_int_eq(drops, 25);
	ck_assert_uint_eq(q->qstats.drops, 25);
	ck_assert_uint_eq(q->qstats.requeues, 1);
	world_run(p.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(rx.count, 75);
	ck_assert_uint_eq(qdisc_qlen(q), 0);
	pair_free(&p);
}
END_TEST

START_TEST(test_ring_overflow_under_cpu_cost)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct tl_pair p;

	cfg.rate_bps = 10000000000ULL;	/* 10 Gbit/s: 67 ns per runt */
	cfg.nic.rx_ring = 64;
	pair_setup(&p, &cfg);
	/* b's CPU needs 1 us per frame: it cannot keep up with 14.9 Mpps */
	node_set_cost(p.b, SIM_COST_DRIVER, 1000);
	tl_pair_up(&p);
	for (int i = 0; i < 500; i++)
		send_frame(&p, 60, NULL);
	world_run(p.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_gt(p.db->stats.rx_missed_errors, 0);
	ck_assert_int_eq((int)(rx.count + p.db->stats.rx_missed_errors), 500);
	/*
	 * 500 runts arrive within 33.6 us; the CPU takes 1 us each, so the
	 * ring (64) plus what the CPU drained meanwhile (34) got in and the
	 * rest was missed; deliveries are exactly one CPU cost apart.
	 */
	ck_assert_int_eq(rx.count, 64 + 34);
	ck_assert_int_eq(rx.last - rx.first, (sim_time_t)(rx.count - 1) * 1000);
	pair_free(&p);
}
END_TEST

static int veth_rx_seen;

static int veth_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	(void)dev, (void)pt, (void)orig_dev;
	veth_rx_seen++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

START_TEST(test_veth_receives_inside_the_send)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct packet_type pt = { .type = htons(ETH_P_TEST), .func = veth_rcv };
	struct tl_pair p;

	cfg.kind = "veth";
	pair_setup(&p, &cfg);
	dev_add_pack(p.b->net, &pt);
	tl_pair_up(&p);
	ck_assert(netif_carrier_ok(p.da));
	ck_assert_int_eq(p.da->iflink, p.db->ifindex);
	ck_assert_str_eq(p.da->qdisc->ops->id, "noqueue");
	veth_rx_seen = 0;
	send_frame(&p, 100, NULL);
	/* no simulated time passed and no event ran: delivered already */
	ck_assert_int_eq(veth_rx_seen, 1);
	ck_assert_int_eq(rx.count, 1);
	ck_assert_uint_eq(p.db->stats.rx_packets, 1);
	dev_remove_pack(p.b->net, &pt);
	pair_free(&p);
}
END_TEST

START_TEST(test_unhandled_protocol_is_dropped_and_counted)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct tl_pair p;

	pair_setup(&p, &cfg);
	dev_remove_pack(p.b->net, &rx.pt);
	tl_pair_up(&p);
	send_frame(&p, 100, NULL);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(p.db->stats.rx_packets, 1);
	ck_assert_uint_eq(p.db->stats.rx_nohandler, 1);
	dev_add_pack(p.b->net, &rx.pt);	/* pair_free removes it */
	pair_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dev");
	TCase *tc = tcase_create("link layer");

	tcase_add_test(tc, test_cable_timing_and_counters);
	tcase_add_test(tc, test_cable_back_to_back_and_padding);
	tcase_add_test(tc, test_no_carrier_until_both_up);
	tcase_add_test(tc, test_qdisc_overflow_and_requeue);
	tcase_add_test(tc, test_ring_overflow_under_cpu_cost);
	tcase_add_test(tc, test_veth_receives_inside_the_send);
	tcase_add_test(tc, test_unhandled_protocol_is_dropped_and_counted);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
