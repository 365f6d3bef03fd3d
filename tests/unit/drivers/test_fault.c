/*
 * tests/unit/drivers/test_fault.c - faults on a cable (net:fail's hook)
 *
 * The link kind's fault hook, as net:fail calls it, on a cable between two
 * simnics: a pulled cable drops the carrier at both ends and gives it back;
 * a NIC reset empties the rings and bounces the link; corruption flips
 * exactly one bit of a private copy (the sender's bytes stay good), which
 * the receiving MAC counts as a CRC error unless the FCS was recomputed;
 * duplication delivers every frame twice; reordering lets later frames
 * overtake held-back ones, the same way for the same seed; and a cable
 * without faults draws nothing from its fault stream.
 */
#include "tl_link.h"

#include <glib.h>

#include "linux/etherdevice.h"
#include "net/net_namespace.h"
#include "sim/counters.h"
#include "../../../models/drivers/media/cable.h"

#define FRAME_LEN 100

static struct tl_pair f;		/* a -- b over a 1 Gbit/s cable */
static GPtrArray *got;			/* GByteArray: each frame b's handler got */

static int test_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	GByteArray *frame = g_byte_array_new();

	(void)dev;
	(void)pt;
	(void)orig_dev;
	g_byte_array_append(frame, skb_mac_header(skb), skb->len + ETH_HLEN);
	g_ptr_array_add(got, frame);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type test_pt = { .func = test_rcv };

static void setup(void)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;

	cfg.rate_bps = 1000000000ULL;
	tl_pair_setup(&f, "fault", NULL, &cfg);
	test_pt.type = htons(ETH_P_TEST);
	dev_add_pack(f.b->net, &test_pt);
	tl_pair_up(&f);
	ck_assert(netif_carrier_ok(f.da));
	got = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
}

static void teardown(void)
{
	g_ptr_array_unref(got);
	dev_remove_pack(f.b->net, &test_pt);
	tl_world_free(f.w);		/* fails on leaks */
}

static struct sim_link *link0(void)
{
	return g_ptr_array_index(f.w->links, 0);
}

static void fault(enum sim_link_fault_kind kind, bool on, double rate)
{
	struct sim_link_fault fl = { .kind = kind, .on = on, .rate = rate,
				     .gap = SIM_NSEC_PER_MSEC };

	link0()->kind->fault(link0(), &fl);
}

/* @n frames a -> b, @seq 0..n-1 (or all 0), straight to a's driver */
static void send_frames(unsigned int n, bool numbered)
{
	for (unsigned int i = 0; i < n; i++) {
		struct sk_buff *skb = tl_test_frame(f.da, f.db->dev_addr, FRAME_LEN,
						    numbered ? i : 0);

		ck_assert_int_eq(netdev_start_xmit(skb, f.da, netdev_get_tx_queue(f.da, 0)),
				 NETDEV_TX_OK);
	}
}

static void run_for(sim_time_t d)
{
	world_run(f.w, sim_now(f.w) + d);
}

static u32 seq_of(const GByteArray *frame)
{
	u32 seq;

	memcpy(&seq, frame->data + ETH_HLEN, sizeof(seq));
	return seq;
}

static unsigned int bit_diff(const GByteArray *frame, const u8 *want, unsigned int len)
{
	unsigned int n = 0;

	ck_assert_uint_eq(frame->len, len);
	for (unsigned int i = 0; i < len; i++)
		n += (unsigned int)__builtin_popcount(frame->data[i] ^ want[i]);
	return n;
}

START_TEST(test_pulled_cable_drops_carrier_at_both_ends)
{
	unsigned int down_a = f.da->carrier_down_count, down_b = f.db->carrier_down_count;

	fault(SIM_FAULT_DOWN, true, 0);
	ck_assert(!netif_carrier_ok(f.da));
	ck_assert(!netif_carrier_ok(f.db));
	ck_assert_uint_eq(f.da->carrier_down_count, down_a + 1);
	ck_assert_uint_eq(f.db->carrier_down_count, down_b + 1);
	fault(SIM_FAULT_DOWN, false, 0);
	ck_assert(netif_carrier_ok(f.da));
	ck_assert(netif_carrier_ok(f.db));
	send_frames(3, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 3);
}
END_TEST

START_TEST(test_frames_in_flight_are_lost_when_pulled)
{
	send_frames(5, true);
	run_for(2 * SIM_NSEC_PER_USEC);	/* one 100-byte frame takes ~1 us */
	fault(SIM_FAULT_DOWN, true, 0);
	run_for(SIM_NSEC_PER_MSEC);
	fault(SIM_FAULT_DOWN, false, 0);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_lt(got->len, 5);
	ck_assert_uint_eq(f.db->stats.rx_crc_errors, 0);
}
END_TEST

START_TEST(test_nic_reset_bounces_the_link_and_empties_the_rings)
{
	unsigned int changes_b = f.db->carrier_up_count + f.db->carrier_down_count;

	send_frames(5, true);		/* on a's tx ring */
	fault(SIM_FAULT_RESET, true, 0);	/* side 0: a's NIC */
	ck_assert(!netif_carrier_ok(f.db));
	ck_assert(!netif_carrier_ok(f.da));
	fault(SIM_FAULT_RESET, false, 0);
	ck_assert(netif_carrier_ok(f.db));
	ck_assert_uint_eq(f.db->carrier_up_count + f.db->carrier_down_count, changes_b + 2);
	run_for(SIM_NSEC_PER_MSEC);
	/* the first frame had left the MAC already; the 4 on the ring are gone */
	ck_assert_uint_eq(got->len, 1);
	ck_assert_uint_eq(seq_of(g_ptr_array_index(got, 0)), 0);
	g_ptr_array_set_size(got, 0);
	send_frames(2, true);		/* and it works again */
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 2);
}
END_TEST

START_TEST(test_corruption_with_bad_fcs_is_a_crc_error)
{
	fault(SIM_FAULT_CORRUPT, true, 1.0);
	send_frames(10, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 0);
	ck_assert_uint_eq(f.db->stats.rx_crc_errors, 10);
	ck_assert_uint_eq(f.db->stats.rx_errors, 10);
	ck_assert_uint_eq(f.db->stats.rx_packets, 0);
	ck_assert_uint_eq(((struct cable *)link0()->priv)->end[0].stats->stats.corrupted, 10);
	fault(SIM_FAULT_CORRUPT, false, 0);
	send_frames(1, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 1);
	ck_assert_uint_eq(f.db->stats.rx_crc_errors, 10);
}
END_TEST

START_TEST(test_corruption_with_good_fcs_flips_one_bit)
{
	struct sim_link_fault fl = { .kind = SIM_FAULT_CORRUPT, .on = true, .rate = 1.0,
				     .fcs_ok = true };
	u8 want[FRAME_LEN] = { 0 };

	memcpy(want, f.db->dev_addr, ETH_ALEN);
	memcpy(want + ETH_ALEN, f.da->dev_addr, ETH_ALEN);
	want[12] = ETH_P_TEST >> 8;
	want[13] = ETH_P_TEST & 0xff;
	link0()->kind->fault(link0(), &fl);
	send_frames(40, false);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(f.db->stats.rx_crc_errors, 0);
	/* a flip in the EtherType takes a frame away from our handler */
	ck_assert_uint_gt(got->len, 30);
	for (guint i = 0; i < got->len; i++)
		ck_assert_uint_eq(bit_diff(g_ptr_array_index(got, i), want, FRAME_LEN), 1);
}
END_TEST

START_TEST(test_duplication_delivers_twice)
{
	fault(SIM_FAULT_DUPLICATE, true, 1.0);
	send_frames(4, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 8);
	for (guint i = 0; i < got->len; i++)
		ck_assert_uint_eq(seq_of(g_ptr_array_index(got, i)), i / 2);
	ck_assert_uint_eq(f.db->stats.rx_packets, 8);
	ck_assert_uint_eq(f.da->stats.tx_packets, 4);
}
END_TEST

/* The arrival order of 20 frames with half of them held back 1 ms. */
static char *reordered(void)
{
	GString *s = g_string_new(NULL);

	fault(SIM_FAULT_REORDER, true, 0.5);
	send_frames(20, true);
	run_for(5 * SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 20);
	for (guint i = 0; i < got->len; i++)
		g_string_append_printf(s, "%s%u", i ? " " : "", seq_of(g_ptr_array_index(got, i)));
	return g_string_free(s, FALSE);
}

START_TEST(test_reordering_is_seeded)
{
	char *first = reordered(), *second;
	unsigned int sorted = 0;

	for (guint i = 1; i < got->len; i++)
		sorted += seq_of(g_ptr_array_index(got, i)) > seq_of(g_ptr_array_index(got, i - 1));
	ck_assert_uint_lt(sorted, 19);		/* some overtaken */
	teardown();
	setup();
	second = reordered();
	ck_assert_str_eq(first, second);	/* the same seed, the same order */
	g_free(first);
	g_free(second);
}
END_TEST

START_TEST(test_no_fault_no_draw)
{
	struct cable *c = link0()->priv;
	struct sim_rng before;

	fault(SIM_FAULT_DUPLICATE, true, 0.5);
	fault(SIM_FAULT_DUPLICATE, false, 0);
	before = c->faults->fault_rng;	/* the stream is made with the first fault */
	send_frames(10, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(got->len, 10);
	ck_assert_mem_eq(&before, &c->faults->fault_rng, sizeof(before));
}
END_TEST

/* @node's cable.<dev>.<name>, or -1 when the set is not registered */
static long long cable_counter(struct node *node, struct net_device *dev, const char *name)
{
	char q[64];
	uint64_t v;

	snprintf(q, sizeof(q), "cable.%s.%s", dev->name, name);
	return sim_counter_get(node, q, &v) < 0 ? -1 : (long long)v;
}

START_TEST(test_fault_counters_per_sending_end)
{
	/* no fault yet, no loss: the cable publishes nothing */
	ck_assert_int_eq(cable_counter(f.a, f.da, "duplicated"), -1);
	fault(SIM_FAULT_DUPLICATE, true, 1.0);
	send_frames(4, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(cable_counter(f.a, f.da, "duplicated"), 4);
	ck_assert_int_eq(cable_counter(f.b, f.db, "duplicated"), 0);
	fault(SIM_FAULT_DUPLICATE, false, 0);
	fault(SIM_FAULT_CORRUPT, true, 1.0);
	send_frames(3, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(cable_counter(f.a, f.da, "corrupted"), 3);
	fault(SIM_FAULT_CORRUPT, false, 0);
	fault(SIM_FAULT_REORDER, true, 1.0);
	send_frames(2, true);
	run_for(5 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(cable_counter(f.a, f.da, "reordered"), 2);
	fault(SIM_FAULT_REORDER, false, 0);
	/* two in flight, then the cable is pulled */
	send_frames(2, true);
	run_for(SIM_NSEC_PER_USEC / 2);
	fault(SIM_FAULT_DOWN, true, 0);
	run_for(SIM_NSEC_PER_MSEC);
	fault(SIM_FAULT_DOWN, false, 0);
	ck_assert_int_ge(cable_counter(f.a, f.da, "lost_link"), 1);
	ck_assert_int_eq(cable_counter(f.a, f.da, "lost"), 0);
	ck_assert_int_eq(cable_counter(f.b, f.db, "corrupted"), 0);
}
END_TEST

START_TEST(test_random_loss_is_counted)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;

	teardown();
	cfg.loss = 0.5;
	tl_pair_setup(&f, "fault", NULL, &cfg);
	test_pt.type = htons(ETH_P_TEST);
	dev_add_pack(f.b->net, &test_pt);
	tl_pair_up(&f);
	got = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	/* a lossy cable publishes its counters from the start */
	send_frames(40, true);
	run_for(SIM_NSEC_PER_MSEC);
	ck_assert_uint_gt(got->len, 0);
	ck_assert_int_eq(cable_counter(f.a, f.da, "lost"), 40 - (long long)got->len);
	ck_assert_int_eq(cable_counter(f.b, f.db, "lost"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("cable");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pulled_cable_drops_carrier_at_both_ends);
	tcase_add_test(tc, test_frames_in_flight_are_lost_when_pulled);
	tcase_add_test(tc, test_nic_reset_bounces_the_link_and_empties_the_rings);
	tcase_add_test(tc, test_corruption_with_bad_fcs_is_a_crc_error);
	tcase_add_test(tc, test_corruption_with_good_fcs_flips_one_bit);
	tcase_add_test(tc, test_duplication_delivers_twice);
	tcase_add_test(tc, test_reordering_is_seeded);
	tcase_add_test(tc, test_no_fault_no_draw);
	tcase_add_test(tc, test_fault_counters_per_sending_end);
	tcase_add_test(tc, test_random_loss_is_counted);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
