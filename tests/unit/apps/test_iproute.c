/*
 * tests/unit/apps/test_iproute.c - ip link, tc qdisc, ethtool and /proc/net
 *
 * The tools of models/apps/ (ip.c, ip_link.c, tc.c, ethtool.c,
 * procfs_net.c) driven through `sh` lines on two hosts joined by a cable
 * (simnic, four queues) and a veth pair: what each command changes in the
 * models, the status and message of each error class, that a request
 * failing half way keeps what it applied before (do_setlink()'s order),
 * and that thousands of garbage command lines neither crash nor leak.
 * The byte-exact outputs are checked by tests/scenarios/link_*.lua.
 */
#include "testlib.h"

#include <string.h>

#include "linux/ethtool.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"

struct fix {
	struct world *w;
	struct node *a, *b;
	struct net_device *nic, *veth;	/* a's ends: eth0 (simnic), eth1 (veth) */
};

static void fix_setup(struct fix *f)
{
	struct sim_link_config cable = SIM_LINK_CONFIG_DEFAULT;
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct node_config nc = { .cpus = 4 };
	struct sim_err err = { { 0 } };

	f->w = tl_world("iproute", 1);
	f->a = world_add_node(f->w, "host", "a", &nc, &err);
	f->b = world_add_node(f->w, "host", "b", NULL, &err);
	ck_assert_ptr_nonnull(f->b);
	cable.nic.queues = 4;
	veth.kind = "veth";
	ck_assert_msg(world_link(f->w, f->a, f->b, &cable, &err) != NULL, "%s", err.msg);
	ck_assert_msg(world_link(f->w, f->a, f->b, &veth, &err) != NULL, "%s", err.msg);
	f->nic = __dev_get_by_name(f->a->net, "eth0");
	f->veth = __dev_get_by_name(f->a->net, "eth1");
	ck_assert_ptr_nonnull(f->nic);
	ck_assert_ptr_nonnull(f->veth);
}

START_TEST(test_link_set_applies)
{
	struct fix f;

	fix_setup(&f);
	tl_sh_ok(f.a, "ip link set dev eth0 mtu 9000 txqueuelen 42 promisc on arp off up");
	ck_assert_uint_eq(f.nic->mtu, 9000);
	ck_assert_uint_eq(f.nic->tx_queue_len, 42);
	ck_assert_uint_eq(f.nic->promiscuity, 1);
	ck_assert(f.nic->flags & IFF_NOARP);
	ck_assert(netif_running(f.nic));
	tl_sh_ok(f.a, "ip link set eth0 promisc off arp on down");
	ck_assert_uint_eq(f.nic->promiscuity, 0);
	ck_assert(!(f.nic->flags & (IFF_NOARP | IFF_UP)));
	tl_sh_ok(f.a, "ip link set eth0 address 02:00:00:00:00:01 name lan0");
	ck_assert_ptr_eq(__dev_get_by_name(f.a->net, "lan0"), f.nic);
	ck_assert_uint_eq(f.nic->dev_addr[5], 1);
	tl_world_free(f.w);
}
END_TEST

/* do_setlink() order: mtu, then name; a failing rename keeps the new mtu */
START_TEST(test_link_set_partial)
{
	GString *err = g_string_new(NULL);
	struct fix f;

	fix_setup(&f);
	ck_assert_int_eq(tl_sh(f.a, "ip link set eth0 mtu 1400 name eth1", NULL, err), 2);
	ck_assert_str_eq(err->str, "RTNETLINK answers: File exists\n");
	ck_assert_uint_eq(f.nic->mtu, 1400);
	ck_assert_str_eq(f.nic->name, "eth0");
	g_string_free(err, TRUE);
	tl_world_free(f.w);
}
END_TEST

struct status_case {
	const char *line;
	int status;
	const char *err;
};

static const struct status_case status_cases[] = {
	{ "ip link set eth9 up", 1, "Cannot find device \"eth9\"\n" },
	{ "ip link show eth9", 1, "Device \"eth9\" does not exist.\n" },
	{ "ip link set eth0 mtu 70000", 2, "Error: mtu greater than device maximum.\n" },
	{ "ip link set eth0 mtu x", 255,
	  "Error: argument \"x\" is wrong: Invalid \"mtu\" value\n\n" },
	{ "ip link set eth0 address qq", 1, "\"qq\" is invalid lladdr.\n" },
	{ "ip link set eth0 eth1", 255,
	  "Error: either \"dev\" is duplicate, or \"eth1\" is a garbage.\n" },
	{ "ip link del eth0", 2, "RTNETLINK answers: Operation not supported\n" },
	{ "ip link add v0", 1, "Not enough information: \"type\" argument is required\n" },
	{ "ip nope", 1, "Object \"nope\" is unknown, try \"ip help\".\n" },
	{ "tc qdisc replace dev eth0 root nope", 2,
	  "Error: Specified qdisc kind is unknown.\n" },
	{ "tc qdisc del dev eth0 root", 2, "Error: Cannot delete qdisc with handle of zero.\n" },
	{ "tc qdisc show dev eth9", 1, "Cannot find device \"eth9\"\n" },
	{ "ethtool -g eth1", 1, "netlink error: Operation not supported\n" },
	{ "ethtool -G eth0 rx 100000", 81,
	  "netlink error: requested ring size exceeds maximum (offset 36)\n"
	  "netlink error: Invalid argument\n" },
	{ "ethtool -i eth9", 71, "Cannot get driver information: No such device\n" },
	{ "ethtool -x eth1", 1, "Cannot get RX ring count: Operation not supported\n" },
	{ "ethtool -Q eth0", 1, "ethtool: -Q is not supported by skbsim\n" },
};

START_TEST(test_error_status)
{
	const struct status_case *c = &status_cases[_i];
	GString *err = g_string_new(NULL);
	struct fix f;

	fix_setup(&f);
	ck_assert_int_eq(tl_sh(f.a, c->line, NULL, err), c->status);
	ck_assert_str_eq(err->str, c->err);
	g_string_free(err, TRUE);
	tl_world_free(f.w);
}
END_TEST

START_TEST(test_veth_add_del)
{
	struct net_device *x0, *x1;
	struct fix f;

	fix_setup(&f);
	tl_sh_ok(f.a, "ip link add x0 mtu 9000 type veth peer name x1 netns b txqueuelen 7");
	x0 = __dev_get_by_name(f.a->net, "x0");
	x1 = __dev_get_by_name(f.b->net, "x1");
	ck_assert_ptr_nonnull(x0);
	ck_assert_ptr_nonnull(x1);
	ck_assert_uint_eq(x0->mtu, 9000);
	ck_assert_uint_eq(x1->mtu, 1500);
	ck_assert_uint_eq(x1->tx_queue_len, 7);
	ck_assert_ptr_eq(x0->netdev_ops->ndo_get_peer_dev(x0), x1);
	tl_sh_ok(f.b, "ip link del x1");
	ck_assert_ptr_null(__dev_get_by_name(f.a->net, "x0"));
	ck_assert_ptr_null(__dev_get_by_name(f.b->net, "x1"));
	/* a peer that cannot open leaves nothing behind */
	ck_assert_int_eq(tl_sh(f.a, "ip link add y0 type veth peer name y1 up", NULL, NULL), 2);
	ck_assert_ptr_null(__dev_get_by_name(f.a->net, "y1"));
	tl_world_free(f.w);
}
END_TEST

START_TEST(test_tc_graft)
{
	struct fix f;

	fix_setup(&f);
	tl_sh_ok(f.a, "ip link set eth0 up");
	ck_assert_ptr_eq(f.nic->qdisc->ops, &mq_qdisc_ops);
	tl_sh_ok(f.a, "tc qdisc replace dev eth0 root pfifo_fast");
	ck_assert_ptr_eq(f.nic->qdisc->ops, &pfifo_fast_ops);
	ck_assert_uint_eq(f.nic->qdisc->handle, 0x80010000U);
	tl_sh_ok(f.a, "tc qdisc replace dev eth1 root handle 7: pfifo_fast");
	ck_assert_uint_eq(f.veth->qdisc->handle, 0x70000U);
	tl_sh_ok(f.a, "tc qdisc replace dev eth1 root noqueue");
	ck_assert_uint_eq(f.veth->qdisc->handle, 0x80020000U);
	/* deleting the root of a running device brings the default back */
	tl_sh_ok(f.a, "tc qdisc del dev eth0 root");
	ck_assert_ptr_eq(f.nic->qdisc->ops, &mq_qdisc_ops);
	ck_assert_uint_eq(f.nic->qdisc->handle, 0);
	/* ... and of a device that is down, noop */
	tl_sh_ok(f.a, "tc qdisc del dev eth1 root");
	ck_assert_ptr_null(f.veth->qdisc);
	tl_world_free(f.w);
}
END_TEST

START_TEST(test_ethtool_set)
{
	const struct ethtool_ops *ops;
	struct ethtool_ringparam ring;
	struct ethtool_coalesce ec;
	struct ethtool_channels ch;
	u32 indir[128];
	struct fix f;

	fix_setup(&f);
	ops = f.nic->ethtool_ops;
	tl_sh_ok(f.a, "ethtool -G eth0 rx 1024 tx 128");
	ops->get_ringparam(f.nic, &ring);
	ck_assert_uint_eq(ring.rx_pending, 1024);
	ck_assert_uint_eq(ring.tx_pending, 128);
	tl_sh_ok(f.a, "ethtool -C eth0 rx-usecs 20 rx-frames 8 napi off");
	ops->get_coalesce(f.nic, &ec);
	ck_assert_uint_eq(ec.rx_coalesce_usecs, 20);
	ck_assert_uint_eq(ec.rx_max_coalesced_frames, 8);
	ck_assert(!ec.use_napi);
	tl_sh_ok(f.a, "ethtool -L eth0 combined 2");
	ops->get_channels(f.nic, &ch);
	ck_assert_uint_eq(ch.combined_count, 2);
	tl_sh_ok(f.a, "ethtool -X eth0 weight 0 1");
	ops->get_rxfh(f.nic, indir, NULL);
	for (int i = 0; i < 128; i++)
		ck_assert_uint_eq(indir[i], 1);
	tl_world_free(f.w);
}
END_TEST

START_TEST(test_proc_net_dev)
{
	GString *out = g_string_new(NULL);
	struct fix f;

	fix_setup(&f);
	ck_assert_int_eq(tl_sh(f.a, "cat /proc/net/dev", out, NULL), 0);
	ck_assert(g_str_has_prefix(out->str, "Inter-|   Receive"));
	ck_assert_ptr_nonnull(strstr(out->str, "\n  eth1:       0"));
	ck_assert_int_eq(tl_sh(f.a, "cat /proc/net/softnet_stat", out, NULL), 0);
	/* one line per CPU, 13 columns of 8 hex digits */
	ck_assert_uint_eq(out->len, 4 * 13 * 9);
	ck_assert_ptr_nonnull(strstr(out->str, " 00000003\n"));
	g_string_free(out, TRUE);
	tl_world_free(f.w);
}
END_TEST

/*
 * Garbage: random lines of the tools' own words (so they get deep into the
 * parsers) on both nodes; the statuses are the tools' and nothing leaks.
 */
START_TEST(test_garbage_survives)
{
	static const char *const tools[] = { "ip", "tc", "ethtool" };
	static const char *const words[] = {
		"link", "set", "add", "del", "show", "dev", "eth0", "eth1", "lo", "v0", "up",
		"down", "mtu", "9000", "-1", "0x10", "address", "02:00:00:00:00:01", "1.2",
		"txqueuelen", "name", "promisc", "on", "off", "type", "veth", "peer", "netns",
		"b", "qdisc", "replace", "root", "handle", "1:", "parent", "pfifo_fast", "mq",
		"noqueue", "-s", "-d", "-br", "-o", "-i", "-g", "-G", "-l", "-L", "-c", "-C",
		"-S", "-x", "-X", "rx", "tx", "combined", "equal", "weight", "hkey", "start",
		"default", "rx-usecs", "napi", "2", "help", "group", "carrier", "change",
		"''", "abc", "8001:", "hfunc", "context", "--debug", "ingress", "-n", "a",
	};
	u64 x = 88172645463325252ULL;	/* xorshift: the test's own stream */
	struct fix f;

	fix_setup(&f);
	for (int i = 0; i < 20000; i++) {
		GString *line = g_string_new(NULL);
		int n, status;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		g_string_append(line, tools[x % G_N_ELEMENTS(tools)]);
		n = (int)(x >> 8) % 9;
		for (int j = 0; j < n; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			g_string_append_printf(line, " %s", words[x % G_N_ELEMENTS(words)]);
		}
		status = tl_sh(i % 2 ? f.a : f.b, line->str, NULL, NULL);
		ck_assert_msg(status >= 0 && status <= 255, "%s: %d", line->str, status);
		g_string_free(line, TRUE);
	}
	tl_world_free(f.w);
}
END_TEST

static Suite *iproute_suite(void)
{
	Suite *s = suite_create("iproute");
	TCase *tc = tcase_create("tools");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_link_set_applies);
	tcase_add_test(tc, test_link_set_partial);
	tcase_add_loop_test(tc, test_error_status, 0, G_N_ELEMENTS(status_cases));
	tcase_add_test(tc, test_veth_add_del);
	tcase_add_test(tc, test_tc_graft);
	tcase_add_test(tc, test_ethtool_set);
	tcase_add_test(tc, test_proc_net_dev);
	tcase_add_test(tc, test_garbage_survives);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(iproute_suite());
}
