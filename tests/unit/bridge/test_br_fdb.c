/*
 * tests/unit/bridge/test_br_fdb.c - learning, ageing, moves, flooding
 *
 * A switch "sw" (node kind bridge: br0 with every linked interface as a
 * port) and three hosts h0..h2, each on a veth link (no delay: a frame
 * sent is received at once), so sw's ports are eth0..eth2 in that order.
 * Frames are raw ETH_P_TEST frames from the hosts; what reached whom is
 * read from the hosts' rx counters, what the bridge knows from its FDB.
 */
#include "tl_link.h"

#include "../../../models/bridge/br_private.h"
#include "linux/etherdevice.h"
#include "net/net_namespace.h"

#define NHOSTS 3
#define S(x) ((sim_time_t)((x) * 1000000000.0))

struct fx {
	struct world *w;
	struct node *sw;
	struct net_bridge *br;
	struct net_device *brdev;
	struct net_bridge_port *port[NHOSTS];
	struct node *h[NHOSTS];
	struct net_device *hdev[NHOSTS];
	char *dir;
};

static struct fx f;
static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void setup(void)
{
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	veth.kind = "veth";
	memset(&f, 0, sizeof(f));
	f.w = tl_world("br_fdb", 1);
	f.dir = tl_record_drops(f.w);
	f.sw = world_add_node(f.w, "bridge", "sw", NULL, &err);
	ck_assert_msg(f.sw != NULL, "%s", err.msg);
	f.brdev = __dev_get_by_name(f.sw->net, "br0");
	ck_assert_ptr_nonnull(f.brdev);
	f.br = netdev_priv(f.brdev);
	for (int i = 0; i < NHOSTS; i++) {
		char name[8];
		struct sim_link *link;

		snprintf(name, sizeof(name), "h%d", i);
		f.h[i] = world_add_node(f.w, "host", name, NULL, &err);
		ck_assert_msg(f.h[i] != NULL, "%s", err.msg);
		link = world_link(f.w, f.sw, f.h[i], &veth, &err);
		ck_assert_msg(link != NULL, "%s", err.msg);
		f.port[i] = br_port_get_rtnl(__dev_get_by_name(f.sw->net, link->ifname[0]));
		ck_assert_ptr_nonnull(f.port[i]);
		ck_assert_uint_eq(f.port[i]->port_no, i + 1);
		f.hdev[i] = __dev_get_by_name(f.h[i]->net, link->ifname[1]);
		ck_assert_int_eq(dev_open(f.hdev[i], &err), 0);
	}
	for (int i = 0; i < NHOSTS; i++)
		ck_assert_uint_eq(f.port[i]->state, BR_STATE_FORWARDING);
}

static void teardown(void)
{
	ck_assert_int_eq(world_destroy(f.w), 0);
	tl_rmtree(f.dir);
	g_free(f.dir);
}

/* h@from sends a frame to @dst; with @src (not NULL) as its source. */
static void send_from(int from, const u8 *dst, const u8 *src)
{
	struct sk_buff *skb = tl_test_frame(f.hdev[from], dst, 64, 0);

	if (src)
		memcpy(((struct ethhdr *)skb->data)->h_source, src, ETH_ALEN);
	dev_queue_xmit(skb);
}

static u64 rx(int i)
{
	return f.hdev[i]->stats.rx_packets;
}

static const u8 *mac(int i)
{
	return f.hdev[i]->dev_addr;
}

static void run_to(double secs)
{
	world_run(f.w, S(secs));
}

START_TEST(test_local_entries)
{
	struct net_bridge_fdb_entry *e;

	/* each port's own address is local; br0 took the lowest of them */
	for (int i = 0; i < NHOSTS; i++) {
		e = br_fdb_find(f.br, f.port[i]->dev->dev_addr, 0);
		ck_assert_ptr_nonnull(e);
		ck_assert(test_bit(BR_FDB_LOCAL, &e->flags));
		ck_assert_ptr_eq(e->dst, f.port[i]);
	}
	e = br_fdb_find(f.br, f.brdev->dev_addr, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert(test_bit(BR_FDB_LOCAL, &e->flags));
	for (int i = 0; i < NHOSTS; i++)
		ck_assert_int_le(memcmp(f.brdev->dev_addr, f.port[i]->dev->dev_addr, ETH_ALEN), 0);
}
END_TEST

START_TEST(test_flood_then_forward)
{
	struct net_bridge_fdb_entry *e;

	/* h0 -> h1: h1 unknown, flooded to h1 and h2; h0 learned on port 1 */
	send_from(0, mac(1), NULL);
	run_to(0.001);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 1);
	ck_assert_uint_eq(rx(0), 0);
	e = br_fdb_find(f.br, mac(0), 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_eq(e->dst, f.port[0]);
	ck_assert(!test_bit(BR_FDB_LOCAL, &e->flags));
	ck_assert_uint_eq(f.port[1]->stats.flooded, 1);
	ck_assert_uint_eq(f.port[2]->stats.flooded, 1);

	/* h1 -> h0: known, only h0 gets it */
	send_from(1, mac(0), NULL);
	run_to(0.002);
	ck_assert_uint_eq(rx(0), 1);
	ck_assert_uint_eq(rx(2), 1);
	ck_assert_uint_eq(f.port[0]->stats.forwarded, 1);
	/* and now h0 -> h1 goes to h1 alone */
	send_from(0, mac(1), NULL);
	run_to(0.003);
	ck_assert_uint_eq(rx(1), 2);
	ck_assert_uint_eq(rx(2), 1);
	ck_assert_uint_eq(f.br->fdb_n_learned, 2);
}
END_TEST

START_TEST(test_broadcast_floods_and_goes_up)
{
	u64 up = f.brdev->stats.rx_packets;

	send_from(2, bcast, NULL);
	run_to(0.001);
	ck_assert_uint_eq(rx(0), 1);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 0);		/* never back where it came from */
	ck_assert_uint_eq(f.brdev->stats.rx_packets, up + 1);
}
END_TEST

START_TEST(test_ageing)
{
	struct sim_err err = { { 0 } };
	static const u8 stat[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

	ck_assert_int_eq(br_set_ageing_time(f.br, 1000, &err), 0);	/* 10 s */
	ck_assert_int_eq(br_fdb_add(f.br, f.port[2], stat, 0, false, true, &err), 0);
	send_from(0, bcast, NULL);
	run_to(5);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, mac(0), 0));
	ck_assert(!br_fdb_has_expired(f.br, br_fdb_find(f.br, mac(0), 0)));
	run_to(11);
	/* the gc ran: learned entry gone, static and local ones stay */
	ck_assert_ptr_null(br_fdb_find(f.br, mac(0), 0));
	ck_assert_ptr_nonnull(br_fdb_find(f.br, stat, 0));
	ck_assert_ptr_nonnull(br_fdb_find(f.br, f.port[0]->dev->dev_addr, 0));
	/* unknown again: h1 -> h0 floods */
	send_from(1, mac(0), NULL);
	run_to(11.001);
	ck_assert_uint_eq(rx(2), 2);
}
END_TEST

START_TEST(test_refresh_keeps_entry)
{
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(br_set_ageing_time(f.br, 1000, &err), 0);
	for (int s = 0; s < 25; s += 4) {
		send_from(0, bcast, NULL);
		run_to(s + 4);
		ck_assert_ptr_nonnull(br_fdb_find(f.br, mac(0), 0));
	}
}
END_TEST

START_TEST(test_hold_time_topology_change)
{
	ck_assert_uint_eq(br_fdb_hold_time(f.br), f.br->ageing_time);
	f.br->topology_change = 1;
	ck_assert_uint_eq(br_fdb_hold_time(f.br), f.br->forward_delay);
	f.br->topology_change = 0;
}
END_TEST

START_TEST(test_move)
{
	struct net_bridge_fdb_entry *e;

	send_from(0, bcast, NULL);
	run_to(0.001);
	ck_assert_ptr_eq(br_fdb_find(f.br, mac(0), 0)->dst, f.port[0]);
	/* h0's address now shows up behind port 3 */
	send_from(2, bcast, mac(0));
	run_to(0.002);
	e = br_fdb_find(f.br, mac(0), 0);
	ck_assert_ptr_eq(e->dst, f.port[2]);
	/* so h1 -> h0 goes to h2's port */
	send_from(1, mac(0), NULL);
	run_to(0.003);
	ck_assert_uint_eq(rx(2), 2);		/* h0's broadcast, then this one */
	ck_assert_uint_eq(rx(0), 1);		/* h2's broadcast only */
	ck_assert_uint_eq(f.br->fdb_n_learned, 2);
}
END_TEST

START_TEST(test_own_address_not_moved)
{
	const u8 *own = f.port[1]->dev->dev_addr;
	struct net_bridge_fdb_entry *e;

	send_from(0, bcast, own);
	run_to(0.001);
	e = br_fdb_find(f.br, own, 0);
	ck_assert_ptr_eq(e->dst, f.port[1]);
	ck_assert(test_bit(BR_FDB_LOCAL, &e->flags));
	ck_assert_uint_eq(f.br->own_addr_rx, 1);
}
END_TEST

START_TEST(test_invalid_source_dropped)
{
	static const u8 mcast_src[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };

	send_from(0, bcast, mcast_src);
	run_to(0.001);
	ck_assert_uint_eq(rx(1), 0);
	ck_assert_uint_eq(rx(2), 0);
	ck_assert_ptr_null(br_fdb_find(f.br, mcast_src, 0));
	ck_assert_uint_eq(f.br->fdb_n_learned, 0);
}
END_TEST

START_TEST(test_static_permanent_add_delete)
{
	static const u8 a[ETH_ALEN] = { 0x02, 0xaa, 0, 0, 0, 1 };
	struct sim_err err = { { 0 } };
	struct net_bridge_fdb_entry *e;

	ck_assert_int_eq(br_fdb_add(f.br, f.port[1], a, 0, false, true, &err), 0);
	ck_assert_int_eq(br_fdb_add(f.br, f.port[1], a, 0, false, true, &err), -EEXIST);
	ck_assert_str_eq(err.msg, "RTNETLINK answers: File exists");
	/* a static entry directs traffic without learning */
	send_from(0, a, NULL);
	run_to(0.001);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 0);
	e = br_fdb_find(f.br, a, 0);
	ck_assert(test_bit(BR_FDB_STATIC, &e->flags));
	ck_assert(test_bit(BR_FDB_ADDED_BY_USER, &e->flags));
	ck_assert_int_eq(br_fdb_delete(f.br, f.port[1], a, 0, &err), 0);
	ck_assert_int_eq(br_fdb_delete(f.br, f.port[1], a, 0, &err), -ENOENT);
	/* towards the bridge itself: permanent only */
	ck_assert_int_eq(br_fdb_add(f.br, NULL, a, 0, false, true, &err), -EINVAL);
	ck_assert_int_eq(br_fdb_add(f.br, NULL, a, 0, true, false, &err), 0);
	ck_assert(test_bit(BR_FDB_LOCAL, &br_fdb_find(f.br, a, 0)->flags));
}
END_TEST

START_TEST(test_max_learned)
{
	f.br->fdb_max_learned = 1;
	send_from(0, bcast, NULL);
	send_from(1, bcast, NULL);
	run_to(0.001);
	ck_assert_uint_eq(f.br->fdb_n_learned, 1);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, mac(0), 0));
	ck_assert_ptr_null(br_fdb_find(f.br, mac(1), 0));
}
END_TEST

START_TEST(test_flood_flags)
{
	static const u8 unknown[ETH_ALEN] = { 0x02, 0xbb, 0, 0, 0, 9 };

	br_port_flags_change(f.port[2], BR_FLOOD, false);
	send_from(0, unknown, NULL);
	run_to(0.001);
	ck_assert_uint_eq(rx(1), 1);
	ck_assert_uint_eq(rx(2), 0);		/* flood off: no unknown unicast */
	send_from(0, bcast, NULL);
	run_to(0.002);
	ck_assert_uint_eq(rx(2), 1);		/* broadcasts still (bcast_flood) */
	br_port_flags_change(f.port[2], BR_BCAST_FLOOD, false);
	send_from(0, bcast, NULL);
	run_to(0.003);
	ck_assert_uint_eq(rx(2), 1);
	/* learning off: a port's hosts are not learned */
	br_port_flags_change(f.port[1], BR_LEARNING, false);
	send_from(1, bcast, NULL);
	run_to(0.004);
	ck_assert_ptr_null(br_fdb_find(f.br, mac(1), 0));
}
END_TEST

START_TEST(test_port_down_flushes)
{
	struct sim_err err = { { 0 } };

	send_from(0, bcast, NULL);
	send_from(1, bcast, NULL);
	run_to(0.001);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, mac(0), 0));
	dev_close(f.port[0]->dev);
	ck_assert_uint_eq(f.port[0]->state, BR_STATE_DISABLED);
	ck_assert_ptr_null(br_fdb_find(f.br, mac(0), 0));
	ck_assert_ptr_nonnull(br_fdb_find(f.br, mac(1), 0));
	/* the local entry stays while the port is in the bridge */
	ck_assert_ptr_nonnull(br_fdb_find(f.br, f.port[0]->dev->dev_addr, 0));
	ck_assert_int_eq(dev_open(f.port[0]->dev, &err), 0);
	ck_assert_uint_eq(f.port[0]->state, BR_STATE_FORWARDING);
}
END_TEST

START_TEST(test_del_if)
{
	struct net_device *dev = f.port[2]->dev;
	u8 addr[ETH_ALEN];
	struct sim_err err = { { 0 } };

	memcpy(addr, dev->dev_addr, ETH_ALEN);
	ck_assert_int_eq(br_del_if(f.br, dev, &err), 0);
	ck_assert_ptr_null(br_fdb_find(f.br, addr, 0));
	ck_assert_ptr_null(dev->master);
	ck_assert_ptr_null(dev->rx_handler);
	ck_assert_uint_eq(dev->promiscuity, 0);
	/* a new port takes the lowest free number */
	ck_assert_int_eq(br_add_if(f.br, dev, &err), 0);
	ck_assert_uint_eq(br_port_get_rtnl(dev)->port_no, 3);
	ck_assert_int_eq(br_add_if(f.br, dev, &err), -EBUSY);
	ck_assert_int_eq(br_add_if(f.br, f.brdev, &err), -ELOOP);
	ck_assert_str_eq(err.msg, "Error: Can not enslave a bridge to a bridge.");
	ck_assert_int_eq(br_add_if(f.br, f.sw->net ? ((struct net *)f.sw->net)->loopback_dev
						  : NULL, &err), -EINVAL);
}
END_TEST

/* A name the kernel refuses: no bridge, no timers to undo (was a crash) */
START_TEST(test_add_bridge_bad_name)
{
	GString *err = g_string_new(NULL);

	ck_assert_int_eq(tl_sh(f.sw, "ip link add br:1 type bridge", NULL, err), 2);
	ck_assert_str_eq(err->str, "RTNETLINK answers: Invalid argument\n");
	ck_assert_ptr_null(__dev_get_by_name(f.sw->net, "br:1"));
	g_string_free(err, TRUE);
}
END_TEST

START_TEST(test_port_cost)
{
	/* veth reports 10000Mb/s: cost 2, as on Linux */
	ck_assert_uint_eq(f.port[0]->path_cost, 2);
	ck_assert_uint_eq(f.port[0]->priority, 32);
}
END_TEST

static Suite *br_fdb_suite(void)
{
	Suite *s = suite_create("br_fdb");
	TCase *tc = tcase_create("fdb");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_local_entries);
	tcase_add_test(tc, test_add_bridge_bad_name);
	tcase_add_test(tc, test_flood_then_forward);
	tcase_add_test(tc, test_broadcast_floods_and_goes_up);
	tcase_add_test(tc, test_ageing);
	tcase_add_test(tc, test_refresh_keeps_entry);
	tcase_add_test(tc, test_hold_time_topology_change);
	tcase_add_test(tc, test_move);
	tcase_add_test(tc, test_own_address_not_moved);
	tcase_add_test(tc, test_invalid_source_dropped);
	tcase_add_test(tc, test_static_permanent_add_delete);
	tcase_add_test(tc, test_max_learned);
	tcase_add_test(tc, test_flood_flags);
	tcase_add_test(tc, test_port_down_flushes);
	tcase_add_test(tc, test_del_if);
	tcase_add_test(tc, test_port_cost);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(br_fdb_suite());
}
