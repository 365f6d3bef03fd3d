/*
 * tests/unit/bridge/test_br_input.c - what a port does with a frame
 *
 * The switch of test_br_fdb.c (sw: br0, ports eth0..eth2 to hosts h0..h2
 * over veth links): invalid sources and pause frames dropped with the
 * kernel's reasons, the reserved group (STP off: forwarded; on: to STP;
 * LLDP: not forwarded unless group_fwd_mask says so), port states,
 * frames for the bridge itself, br0 promiscuous, hairpin, and what br0's
 * own stack sends (br_dev_xmit).  Drops are read back from metrics.db.
 */
#include "tl_link.h"

#include "../../../models/bridge/br_private.h"
#include "linux/etherdevice.h"
#include "net/net_namespace.h"

#define NHOSTS 3
#define S(x) ((sim_time_t)((x) * 1000000000.0))

static struct {
	struct world *w;
	struct node *sw;
	struct net_bridge *br;
	struct net_device *brdev;
	struct net_bridge_port *port[NHOSTS];
	struct net_device *hdev[NHOSTS];
	char *dir;
	double t;
} f;

static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 stp_group[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 };
static const u8 pause_group[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x01 };
static const u8 lldp_group[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e };

static void setup(void)
{
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	veth.kind = "veth";
	memset(&f, 0, sizeof(f));
	f.w = tl_world("br_input", 1);
	f.dir = tl_record_drops(f.w);
	f.sw = world_add_node(f.w, "bridge", "sw", NULL, &err);
	ck_assert_msg(f.sw != NULL, "%s", err.msg);
	f.brdev = __dev_get_by_name(f.sw->net, "br0");
	f.br = netdev_priv(f.brdev);
	for (int i = 0; i < NHOSTS; i++) {
		char name[8];
		struct node *h;
		struct sim_link *link;

		snprintf(name, sizeof(name), "h%d", i);
		h = world_add_node(f.w, "host", name, NULL, &err);
		link = world_link(f.w, f.sw, h, &veth, &err);
		ck_assert_msg(link != NULL, "%s", err.msg);
		f.port[i] = br_port_get_rtnl(__dev_get_by_name(f.sw->net, link->ifname[0]));
		f.hdev[i] = __dev_get_by_name(h->net, link->ifname[1]);
		ck_assert_int_eq(dev_open(f.hdev[i], &err), 0);
	}
}

static void teardown(void)
{
	ck_assert_int_eq(world_destroy(f.w), 0);
	tl_rmtree(f.dir);
	g_free(f.dir);
}

static void step(void)
{
	f.t += 0.001;
	world_run(f.w, S(f.t));
}

static void send_from(int from, const u8 *dst, const u8 *src)
{
	struct sk_buff *skb = tl_test_frame(f.hdev[from], dst, 64, 0);

	if (src)
		memcpy(((struct ethhdr *)skb->data)->h_source, src, ETH_ALEN);
	dev_queue_xmit(skb);
	step();
}

static u64 rx(int i)
{
	return f.hdev[i]->stats.rx_packets;
}

/* the bridge's drops, "REASON@function,..." */
static char *br_drops(void)
{
	return tl_metrics_rows(f.w, f.dir, "SELECT printf('%s@%s', reason, function) FROM drops "
			       "WHERE function LIKE 'br_%' ORDER BY rowid", ",");
}

START_TEST(test_invalid_source)
{
	static const u8 zero[ETH_ALEN];

	send_from(0, bcast, zero);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
	tl_assert_str_eq_free(br_drops(), "MAC_INVALID_SOURCE@br_handle_frame");
}
END_TEST

START_TEST(test_pause_dropped)
{
	send_from(0, pause_group, NULL);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
	tl_assert_str_eq_free(br_drops(), "MAC_IEEE_MAC_CONTROL@br_handle_frame");
}
END_TEST

START_TEST(test_stp_group_stp_off_forwarded)
{
	u64 up = f.brdev->stats.rx_packets;

	send_from(0, stp_group, NULL);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 1);
	/* an ordinary multicast: up to br0 as well, and its source learned */
	ck_assert_uint_eq(f.brdev->stats.rx_packets, up + 1);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, f.hdev[0]->dev_addr, 0));
}
END_TEST

START_TEST(test_stp_group_stp_on_consumed)
{
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(br_stp_set_enabled(f.br, 1, &err), 0);
	send_from(0, stp_group, NULL);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
}
END_TEST

START_TEST(test_lldp_local_unless_fwd_mask)
{
	u64 nohandler = f.port[0]->dev->stats.rx_nohandler;

	send_from(0, lldp_group, NULL);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
	/* to the port's own stack, where nothing takes LLDP */
	ck_assert_uint_eq(f.port[0]->dev->stats.rx_nohandler, nohandler + 1);
	f.br->group_fwd_mask = 1u << 14;
	send_from(0, lldp_group, NULL);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 1);
}
END_TEST

START_TEST(test_port_states)
{
	br_set_state(f.port[0], BR_STATE_BLOCKING);
	send_from(0, bcast, NULL);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
	ck_assert_ptr_null(br_fdb_find(f.br, f.hdev[0]->dev_addr, 0));
	ck_assert_uint_eq(f.port[0]->stats.dropped_state, 1);
	/* learning: the source is learned, the frame still not forwarded */
	br_set_state(f.port[0], BR_STATE_LEARNING);
	send_from(0, bcast, NULL);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, f.hdev[0]->dev_addr, 0));
	/* and out of a port not forwarding nothing goes */
	br_set_state(f.port[0], BR_STATE_FORWARDING);
	br_set_state(f.port[2], BR_STATE_BLOCKING);
	send_from(0, bcast, NULL);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 0);
	tl_assert_str_eq_free(br_drops(), "BRIDGE_INGRESS_STP_STATE@br_handle_frame,"
			      "BRIDGE_INGRESS_STP_STATE@br_handle_frame_finish");
}
END_TEST

START_TEST(test_to_bridge_itself)
{
	u64 up = f.brdev->stats.rx_packets;

	/* br0's address and another port's address are both local */
	send_from(0, f.brdev->dev_addr, NULL);
	send_from(0, f.port[2]->dev->dev_addr, NULL);
	ck_assert_uint_eq(f.brdev->stats.rx_packets, up + 2);
	ck_assert_uint_eq(rx(1) + rx(2), 0);
}
END_TEST

START_TEST(test_promisc_bridge_sees_unicast)
{
	static const u8 unknown[ETH_ALEN] = { 0x02, 0xbb, 0, 0, 0, 9 };
	struct sim_err err = { { 0 } };
	u64 up = f.brdev->stats.rx_packets;

	send_from(0, unknown, NULL);
	ck_assert_uint_eq(f.brdev->stats.rx_packets, up);
	ck_assert_int_eq(dev_change_flags(f.brdev, f.brdev->flags | IFF_PROMISC, &err), 0);
	send_from(0, unknown, NULL);
	ck_assert_uint_eq(f.brdev->stats.rx_packets, up + 1);
	ck_assert_uint_eq(rx(1), 2);		/* flooded both times */
}
END_TEST

START_TEST(test_hairpin)
{
	send_from(0, bcast, NULL);
	ck_assert_uint_eq(rx(0), 0);
	br_port_flags_change(f.port[0], BR_HAIRPIN_MODE, true);
	send_from(0, bcast, NULL);
	ck_assert_uint_eq(rx(0), 1);		/* reflected back */
}
END_TEST

START_TEST(test_no_tx_target)
{
	/* h0 learned on port 1; a frame from port 1 to h0 has nowhere to go */
	send_from(0, bcast, NULL);
	send_from(0, f.hdev[0]->dev_addr, f.hdev[1]->dev_addr);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 1);
	tl_assert_str_eq_free(br_drops(), "NO_TX_TARGET@br_forward");
}
END_TEST

START_TEST(test_bridge_xmit)
{
	struct sk_buff *skb;
	u64 tx = f.brdev->stats.tx_packets;

	/* br0's own frame to h1, unknown: flooded; then known: one port */
	for (int round = 0; round < 2; round++) {
		skb = tl_test_frame(f.brdev, f.hdev[1]->dev_addr, 64, 0);
		dev_queue_xmit(skb);
		step();
		if (round == 0)
			send_from(1, bcast, NULL);	/* h1 makes itself known */
	}
	ck_assert_uint_eq(f.brdev->stats.tx_packets, tx + 2);
	ck_assert_uint_eq(rx(1), 2);
	ck_assert_uint_eq(rx(0), 2);		/* the flood and h1's broadcast */
	ck_assert_uint_eq(rx(2), 2);
}
END_TEST

static Suite *br_input_suite(void)
{
	Suite *s = suite_create("br_input");
	TCase *tc = tcase_create("input");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_invalid_source);
	tcase_add_test(tc, test_pause_dropped);
	tcase_add_test(tc, test_stp_group_stp_off_forwarded);
	tcase_add_test(tc, test_stp_group_stp_on_consumed);
	tcase_add_test(tc, test_lldp_local_unless_fwd_mask);
	tcase_add_test(tc, test_port_states);
	tcase_add_test(tc, test_to_bridge_itself);
	tcase_add_test(tc, test_promisc_bridge_sees_unicast);
	tcase_add_test(tc, test_hairpin);
	tcase_add_test(tc, test_no_tx_target);
	tcase_add_test(tc, test_bridge_xmit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(br_input_suite());
}
