/*
 * tests/unit/apps/test_bridge_cmd.c - `bridge` and `brctl` against the
 * bridge they change: the kernel-side rules of the requests (an fdb entry
 * per VLAN of the port, replace in place, delete by address across VLANs,
 * VLAN ranges) read back from struct net_bridge, and the exit statuses and
 * messages of the failures, as tests/scenarios/bridge_cmds.lua prints them.
 *
 * Node n with eth0, eth1 (veth links to peers p0, p1) in br0; eth2 to p2
 * stays out.  Port MACs 02:00:00:00:00:1N.
 */
#include "testlib.h"

#include "../../../models/bridge/br_private.h"
#include "net/net_namespace.h"

struct fx {
	struct world *w;
	struct node *n;
	struct net_bridge *br;
	struct net_bridge_port *port[2];
};

static struct fx f;

static void setup(void)
{
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct net_device *brdev;

	veth.kind = "veth";
	memset(&f, 0, sizeof(f));
	f.w = tl_world("bridge_cmd", 1);
	f.n = world_add_node(f.w, "host", "n", NULL, &err);
	ck_assert_msg(f.n != NULL, "%s", err.msg);
	for (int i = 0; i < 3; i++) {
		char name[8];
		struct node *peer;

		snprintf(name, sizeof(name), "p%d", i);
		peer = world_add_node(f.w, "host", name, NULL, &err);
		ck_assert_msg(peer != NULL, "%s", err.msg);
		ck_assert_msg(world_link(f.w, f.n, peer, &veth, &err) != NULL, "%s", err.msg);
	}
	tl_sh_ok(f.n, "ip link set eth0 address 02:00:00:00:00:10");
	tl_sh_ok(f.n, "ip link set eth1 address 02:00:00:00:00:11");
	tl_sh_ok(f.n, "brctl addbr br0");
	tl_sh_ok(f.n, "brctl addif br0 eth0");
	tl_sh_ok(f.n, "brctl addif br0 eth1");
	brdev = __dev_get_by_name(node_net(f.n), "br0");
	ck_assert_ptr_nonnull(brdev);
	f.br = netdev_priv(brdev);
	for (int i = 0; i < 2; i++) {
		f.port[i] = br_port_get_rtnl(__dev_get_by_name(node_net(f.n), i ? "eth1" : "eth0"));
		ck_assert_ptr_nonnull(f.port[i]);
	}
}

static void teardown(void)
{
	tl_world_free(f.w);
}

static const u8 mac77[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x77 };

static unsigned int fdb_count(const u8 *addr)
{
	struct net_bridge_fdb_entry *fe;
	unsigned int n = 0;

	list_for_each_entry(fe, &f.br->fdb_list, list)
		n += memcmp(fe->addr.addr, addr, ETH_ALEN) == 0;
	return n;
}

/* position of (@addr, @vid) in the newest-first list, from 0 */
static int fdb_pos(const u8 *addr, u16 vid)
{
	struct net_bridge_fdb_entry *fe;
	int i = 0;

	list_for_each_entry(fe, &f.br->fdb_list, list) {
		if (!memcmp(fe->addr.addr, addr, ETH_ALEN) && fe->vlan_id == vid)
			return i;
		i++;
	}
	return -1;
}

START_TEST(test_fdb_add_one_entry_per_port_vlan)
{
	struct net_bridge_fdb_entry *fe;

	tl_sh_ok(f.n, "bridge vlan add dev eth0 vid 10");
	tl_sh_ok(f.n, "bridge fdb add 02:00:00:00:00:77 dev eth0 master static");
	ck_assert_uint_eq(fdb_count(mac77), 3);		/* vid 0, 1, 10 */
	for (u16 vid = 0; vid <= 10; vid += vid ? 9 : 1) {
		fe = br_fdb_find(f.br, mac77, vid);
		ck_assert_msg(fe != NULL, "vid %u", vid);
		ck_assert_ptr_eq(fe->dst, f.port[0]);
		ck_assert(test_bit(BR_FDB_STATIC, &fe->flags));
		ck_assert(!test_bit(BR_FDB_LOCAL, &fe->flags));
	}
	/* with a vlan: that one only */
	tl_sh_ok(f.n, "bridge fdb add 02:00:00:00:00:78 dev eth1 master dynamic vlan 1");
	ck_assert_ptr_nonnull(br_fdb_find(f.br, (const u8[]){ 2, 0, 0, 0, 0, 0x78 }, 1));
	ck_assert_ptr_null(br_fdb_find(f.br, (const u8[]){ 2, 0, 0, 0, 0, 0x78 }, 0));
}
END_TEST

START_TEST(test_fdb_replace_in_place_del_across_vlans)
{
	struct net_bridge_fdb_entry *fe;
	int pos;

	tl_sh_ok(f.n, "bridge fdb add 02:00:00:00:00:77 dev eth0 master static");
	tl_sh_ok(f.n, "bridge fdb add 02:00:00:00:00:78 dev eth0 master static");
	pos = fdb_pos(mac77, 0);
	tl_sh_ok(f.n, "bridge fdb replace 02:00:00:00:00:77 dev eth1 master");
	ck_assert_int_eq(fdb_pos(mac77, 0), pos);	/* modified where it is */
	fe = br_fdb_find(f.br, mac77, 0);
	ck_assert_ptr_eq(fe->dst, f.port[1]);
	ck_assert(test_bit(BR_FDB_LOCAL, &fe->flags));	/* "permanent" is local */
	/* del on the old port: not there */
	ck_assert_int_eq(tl_sh(f.n, "bridge fdb del 02:00:00:00:00:77 dev eth0 master", NULL,
			       NULL), 255);
	tl_sh_ok(f.n, "bridge fdb del 02:00:00:00:00:77 dev eth1 master vlan 1");
	ck_assert_uint_eq(fdb_count(mac77), 1);
	tl_sh_ok(f.n, "bridge fdb del 02:00:00:00:00:77 dev eth1 master");
	ck_assert_uint_eq(fdb_count(mac77), 0);
}
END_TEST

START_TEST(test_vlan_range_and_compressed_show)
{
	GString *out;

	tl_sh_ok(f.n, "bridge vlan add dev eth0 vid 10-12");
	tl_sh_ok(f.n, "bridge vlan add dev eth0 vid 13 untagged");
	for (u16 v = 10; v <= 13; v++)
		ck_assert(br_vlan_has(&f.port[0]->vlgrp, v));
	out = tl_sh_out(f.n, "bridge -c vlan show dev eth0");
	ck_assert_str_eq(out->str, "port              vlan-id  \n"
				   "eth0              1 PVID Egress Untagged\n"
				   "                  10-12\n"
				   "                  13 Egress Untagged\n");
	g_string_free(out, TRUE);
	/* a range may not hold the pvid, and a vid missing goes quietly */
	tl_sh_ok(f.n, "bridge vlan del dev eth0 vid 11-30");
	ck_assert(br_vlan_has(&f.port[0]->vlgrp, 10) && !br_vlan_has(&f.port[0]->vlgrp, 11));
	tl_sh_ok(f.n, "bridge vlan add dev eth0 vid 20 pvid");
	ck_assert_uint_eq(f.port[0]->vlgrp.pvid, 20);
	tl_sh_ok(f.n, "bridge vlan add dev br0 vid 20 self");
	ck_assert(br_vlan_has(&f.br->vlgrp, 20) && !br_vlan_untagged(&f.br->vlgrp, 20));
}
END_TEST

static const struct status_case {
	const char *line;
	int status;
	const char *err;
} failures[] = {
	{ "bridge vlan add dev eth0 vid 0", 255, "Error: bridge: Vlan id is invalid.\n" },
	{ "bridge vlan add dev eth0 vid 70000", 255, "Invalid VLAN ID \"4464\"\n" },
	{ "bridge vlan add dev eth0 vid 9-3", 255, "Invalid VLAN range \"9-3\"\n" },
	{ "bridge vlan add dev eth2 vid 5", 255, "RTNETLINK answers: Operation not supported\n" },
	{ "bridge fdb add 02:00:00:00:00:77 dev eth0 master vlan 4095", 255,
	  "Error: invalid vlan id.\n" },
	{ "bridge fdb add 02:00:00:00:00:77 dev eth0 master vlan 7", 255,
	  "RTNETLINK answers: Invalid argument\n" },
	{ "bridge fdb add 01:00:00:00:00:77 dev br0 self static", 255,
	  "RTNETLINK answers: Invalid argument\n" },
	{ "bridge fdb get 02:00:00:00:00:99 br br0", 254, "Error: Fdb entry not found.\n" },
	{ "bridge fdb show br eth7", 255, "Cannot find bridge device \"eth7\"\n" },
	{ "bridge link set dev eth0 hairpin maybe", 234,
	  "Error: argument of \"hairpin\" must be one of \"off\", \"on\", not \"maybe\"\n" },
	{ "bridge link set dev eth0 state 9", 255, "RTNETLINK answers: Invalid argument\n" },
	{ "bridge link set dev eth0 state 3", 255, "RTNETLINK answers: Network is down\n" },
	{ "bridge fdb", 0, "" },
	{ "bridge -V", 0, "" },
	{ "bridge", 255, NULL },
	{ "brctl addif br0 eth0", 1,
	  "device eth0 is already a member of a bridge; can't add it to bridge br0.\n" },
	{ "brctl delif br0 eth2", 1, "device eth2 is not a port of br0\n" },
	{ "brctl setportprio br0 eth0 64", 1,
	  "set port priority failed: Numerical result out of range\n" },
	{ "brctl showmacs eth2", 1, "read of forward table failed: Operation not supported\n" },
};

START_TEST(test_failures_status_and_message)
{
	const struct status_case *c = &failures[_i];
	GString *err = g_string_new(NULL);

	ck_assert_int_eq(tl_sh(f.n, c->line, NULL, err), c->status);
	if (c->err)
		ck_assert_str_eq(err->str, c->err);
	g_string_free(err, TRUE);
}
END_TEST

START_TEST(test_link_set_flags_cost_priority)
{
	struct net_bridge_port *p = f.port[1];

	tl_sh_ok(f.n, "bridge link set dev eth1 hairpin on learning off isolated on cost 9 "
		      "priority 5");
	ck_assert(p->flags & BR_HAIRPIN_MODE);
	ck_assert(!(p->flags & BR_LEARNING));
	ck_assert(p->flags & BR_ISOLATED);
	ck_assert(p->flags & BR_FLOOD);			/* not named: unchanged */
	ck_assert_uint_eq(p->path_cost, 9);
	ck_assert_uint_eq(p->priority, 5);
	/* flags go first: a bad priority after them keeps them */
	ck_assert_int_eq(tl_sh(f.n, "bridge link set dev eth1 hairpin off priority 64", NULL,
			       NULL), 255);
	ck_assert(!(p->flags & BR_HAIRPIN_MODE));
	ck_assert_uint_eq(p->priority, 5);
}
END_TEST

START_TEST(test_brctl_show_sorted_and_lazy_header)
{
	GString *out;

	tl_sh_ok(f.n, "brctl addbr abr");
	out = tl_sh_out(f.n, "brctl show");
	ck_assert_str_eq(out->str, "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
				   "abr\t\t8000.000000000000\tno\t\t\n"
				   "br0\t\t8000.020000000010\tno\t\teth0\n"
				   "\t\t\t\t\t\t\teth1\n");
	g_string_free(out, TRUE);
	tl_sh_ok(f.n, "brctl delbr abr");
	tl_sh_ok(f.n, "brctl delif br0 eth0");
	tl_sh_ok(f.n, "brctl delif br0 eth1");
	tl_sh_ok(f.n, "brctl delbr br0");
	out = tl_sh_out(f.n, "brctl show");
	ck_assert_str_eq(out->str, "");
	g_string_free(out, TRUE);
}
END_TEST

static Suite *bridge_cmd_suite(void)
{
	Suite *s = suite_create("bridge_cmd");
	TCase *tc = tcase_create("bridge");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fdb_add_one_entry_per_port_vlan);
	tcase_add_test(tc, test_fdb_replace_in_place_del_across_vlans);
	tcase_add_test(tc, test_vlan_range_and_compressed_show);
	tcase_add_loop_test(tc, test_failures_status_and_message, 0, G_N_ELEMENTS(failures));
	tcase_add_test(tc, test_link_set_flags_cost_priority);
	tcase_add_test(tc, test_brctl_show_sorted_and_lazy_header);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(bridge_cmd_suite());
}
