/*
 * tests/unit/drivers/test_simnic.c - the NIC driver when the link goes away
 *
 * A frame handed to the driver after the carrier went (as pktgen's
 * start_xmit path does, past the qdisc) stays in the tx ring: the MAC
 * sends nothing without link.  The driver's watchdog, as igb's, runs one
 * jiffy after the link status change and every 2 s after that; finding
 * no carrier and tx work pending it resets the adapter: the frame is
 * dropped (dev_kfree_skb_any in igb_clean_tx_ring), tx_timeout_count
 * counts the reset, and nothing reaches the peer when the link returns.
 * A link back before the watchdog looked sends the frame.  Drops are read
 * back from a metrics.db of the test's own.
 */
#include "tl_link.h"

#include <glib.h>

#include "linux/etherdevice.h"
#include "net/net_namespace.h"

static struct tl_pair f;		/* a -- b over a 1 Gbit/s cable */
static char *drops_dir;		/* metrics.db */

/* b's handler for the test frames, so that they end consumed */
static int test_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	(void)dev;
	(void)pt;
	(void)orig_dev;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type test_pt = { .func = test_rcv };

static void setup(void)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;

	cfg.rate_bps = 1000000000ULL;
	tl_pair_setup(&f, "simnic", NULL, &cfg);
	ck_assert_uint_eq(f.w->hz, 250);	/* the times below are in 4 ms ticks */
	test_pt.type = htons(ETH_P_TEST);
	dev_add_pack(f.b->net, &test_pt);
	tl_pair_up(&f);
	ck_assert(netif_carrier_ok(f.da));
	drops_dir = tl_record_drops(f.w);
}

static void teardown(void)
{
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	dev_remove_pack(f.b->net, &test_pt);
	tl_world_free(f.w);		/* abandons metrics.db, fails on leaks */
	tl_rmtree(drops_dir);
	g_free(drops_dir);
}

/* The drops recorded so far, "t_ns device REASON@function" in order. */
static char *drops(void)
{
	return tl_metrics_rows(f.w, drops_dir, "SELECT printf('%d %s %s@%s', t_ns, device, reason, "
			       "function) FROM drops ORDER BY rowid", ",");
}

#define ck_assert_drops(want) tl_assert_str_eq_free(drops(), want)

static u64 counter(struct node *n, const char *name)
{
	uint64_t v = 0;

	ck_assert_msg(sim_counter_get(n, name, &v) == 0, "no counter %s", name);
	return v;
}

/* A frame from a to b straight to a's driver, as pktgen sends. */
static void start_xmit(void)
{
	struct sk_buff *skb = tl_test_frame(f.da, f.db->dev_addr, 100, 0);

	ck_assert_int_eq(netdev_start_xmit(skb, f.da, netdev_get_tx_queue(f.da, 0)),
			 NETDEV_TX_OK);
}

static void run_until(sim_time_t t)
{
	world_run(f.w, t);
	ck_assert_int_eq(sim_now(f.w), t);
}

START_TEST(test_watchdog_flushes_tx_after_link_loss)
{
	run_until(5002 * SIM_NSEC_PER_USEC);
	dev_close(f.db);
	ck_assert(!netif_carrier_ok(f.da));
	start_xmit();
	/*
	 * Lost at 5.002 ms, in jiffy 1: the watchdog is armed for jiffy 2
	 * and the timer wheel runs it at the tick after, jiffy 3 (12 ms).
	 * Until then the frame waits in the ring.
	 */
	run_until(12 * SIM_NSEC_PER_MSEC - 1);
	ck_assert_drops("");
	run_until(12 * SIM_NSEC_PER_MSEC);
	ck_assert_drops("12000000 eth0 NOT_SPECIFIED@simnic_clean_tx_ring");
	ck_assert_uint_eq(counter(f.a, "eth0.tx_timeout_count"), 1);
	/* a reset is no transmit error: the rtnl counters do not move */
	ck_assert_uint_eq(f.da->stats.tx_packets, 0);
	ck_assert_uint_eq(f.da->stats.tx_dropped, 0);
	ck_assert_uint_eq(f.da->stats.tx_errors, 0);
	ck_assert(!netif_tx_queue_stopped(netdev_get_tx_queue(f.da, 0)));

	/* link back: the frame is gone, b hears nothing */
	ck_assert_int_eq(dev_open(f.db, &(struct sim_err){ { 0 } }), 0);
	ck_assert(netif_carrier_ok(f.da));
	run_until(30 * SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(f.db->stats.rx_packets, 0);
	ck_assert_uint_eq(f.da->stats.tx_packets, 0);
	ck_assert_uint_eq(counter(f.a, "eth0.tx_timeout_count"), 1);
	/* and the adapter sends again after its reset */
	start_xmit();
	run_until(31 * SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(f.db->stats.rx_packets, 1);
	ck_assert_uint_eq(f.da->stats.tx_packets, 1);
}
END_TEST

START_TEST(test_link_back_before_the_watchdog_sends)
{
	run_until(5002 * SIM_NSEC_PER_USEC);
	dev_close(f.db);
	start_xmit();
	/* up again within the same tick: the watchdog finds the carrier on */
	run_until(6 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(dev_open(f.db, &(struct sim_err){ { 0 } }), 0);
	run_until(20 * SIM_NSEC_PER_MSEC);
	ck_assert_drops("");
	ck_assert_uint_eq(counter(f.a, "eth0.tx_timeout_count"), 0);
	ck_assert_uint_eq(f.da->stats.tx_packets, 1);
	ck_assert_uint_eq(f.db->stats.rx_packets, 1);
}
END_TEST

START_TEST(test_periodic_watchdog_flushes_later_frames)
{
	run_until(5002 * SIM_NSEC_PER_USEC);
	dev_close(f.db);
	/* the watchdog at 12 ms finds an empty ring and looks again later */
	run_until(100 * SIM_NSEC_PER_MSEC);
	start_xmit();
	/*
	 * At jiffy 3 it re-armed for round_jiffies(jiffy 503): jiffies
	 * start at INITIAL_JIFFIES, 46 past a whole second at HZ=250, so
	 * 503 is 49 past one and rounds down to 454; 451 jiffies away, the
	 * wheel's level 1 (8-jiffy slots) runs it at jiffy 456, 1.824 s.
	 */
	run_until(1824 * SIM_NSEC_PER_MSEC - 1);
	ck_assert_drops("");
	run_until(1824 * SIM_NSEC_PER_MSEC);
	ck_assert_drops("1824000000 eth0 NOT_SPECIFIED@simnic_clean_tx_ring");
	ck_assert_uint_eq(counter(f.a, "eth0.tx_timeout_count"), 1);
	ck_assert_int_eq(dev_open(f.db, &(struct sim_err){ { 0 } }), 0);
	run_until(1900 * SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(f.db->stats.rx_packets, 0);
}
END_TEST

START_TEST(test_no_reset_without_pending_frames)
{
	run_until(5002 * SIM_NSEC_PER_USEC);
	dev_close(f.db);
	run_until(10 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(counter(f.a, "eth0.tx_timeout_count"), 0);
	ck_assert_drops("");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("simnic");
	TCase *tc = tcase_create("link loss");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_watchdog_flushes_tx_after_link_loss);
	tcase_add_test(tc, test_link_back_before_the_watchdog_sends);
	tcase_add_test(tc, test_periodic_watchdog_flushes_later_frames);
	tcase_add_test(tc, test_no_reset_without_pending_frames);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
