/*
 * tests/unit/ipv4/test_fib_multipath.c - multipath and default route selection
 *
 * models/ipv4/fib_semantics.c fib_rebalance, fib_select_multipath,
 * fib_select_default, fib_select_path and models/ipv4/route.c
 * fib_multipath_hash, driven with flowi4 keys built here: router r has
 * eth0..eth2 to g1..g3 (10.0.N.1/24, gateways 10.0.N.2); routes are added
 * with `ip route` as users do.
 */
#include "tl_ipv4.h"

#include "net/dst.h"
#include "net/ip_fib.h"
#include "net/route.h"

#define NFLOWS 10000

struct mp_fx {
	struct world *w;
	struct node *r, *g[3];
};

static void mp_setup(struct mp_fx *fx)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	static const char *const names[3] = { "g1", "g2", "g3" };

	fx->w = tl_world("mp", 1);
	fx->r = world_add_node(fx->w, "router", "r", NULL, &err);
	ck_assert_ptr_nonnull(fx->r);
	for (int i = 0; i < 3; i++) {
		char ifname[8], addr[16];

		fx->g[i] = world_add_node(fx->w, "host", names[i], NULL, &err);
		ck_assert_ptr_nonnull(fx->g[i]);
		ck_assert_ptr_nonnull(world_link(fx->w, fx->r, fx->g[i], &cfg, &err));
		g_snprintf(ifname, sizeof(ifname), "eth%d", i);
		g_snprintf(addr, sizeof(addr), "10.0.%d.1", i + 1);
		tl_up_addr(fx->r, ifname, addr, 24);
		g_snprintf(addr, sizeof(addr), "10.0.%d.2", i + 1);
		tl_up_addr(fx->g[i], "eth0", addr, 24);
	}
}

static void mp_teardown(struct mp_fx *fx)
{
	tl_world_free(fx->w);
}

/* The nexthop index the output path picks for @fl4 (a copy: saddr may be filled). */
static int mp_pick(struct mp_fx *fx, const struct flowi4 *key)
{
	struct flowi4 fl4 = *key;
	struct fib_result res;

	ck_assert_int_eq(fib_lookup(fx->r->net, &fl4, &res, 0), 0);
	fib_select_path(fx->r->net, &res, &fl4);
	return res.nh_sel;
}

/* policy 0: NFLOWS flows from distinct sources to one destination */
static void mp_count_by_source(struct mp_fx *fx, unsigned int counts[3])
{
	for (int i = 0; i < 3; i++)
		counts[i] = 0;
	for (u32 i = 0; i < NFLOWS; i++) {
		struct flowi4 fl4 = { .daddr = tl_addr("198.51.100.7"),
				      .saddr = htonl(0x0a640000 + i) };	/* 10.100.x.y */

		counts[mp_pick(fx, &fl4)]++;
	}
}

/* policy 1: NFLOWS UDP flows between two addresses, distinct source ports */
static void mp_count_by_port(struct mp_fx *fx, unsigned int counts[3])
{
	for (int i = 0; i < 3; i++)
		counts[i] = 0;
	for (u32 i = 0; i < NFLOWS; i++) {
		struct flowi4 fl4 = { .daddr = tl_addr("198.51.100.7"),
				      .saddr = tl_addr("10.0.1.1"),
				      .flowi4_proto = IPPROTO_UDP,
				      .fl4_sport = htons((u16)(10000 + i)),
				      .fl4_dport = htons(53) };

		counts[mp_pick(fx, &fl4)]++;
	}
}

/* each share within 2 percentage points of weight / total */
static void assert_split(const unsigned int counts[3], const int weights[3])
{
	int total = weights[0] + weights[1] + weights[2];

	for (int i = 0; i < 3; i++) {
		double share = (double)counts[i] / NFLOWS, want = (double)weights[i] / total;

		ck_assert_msg(share > want - 0.02 && share < want + 0.02,
			      "nexthop %d: %u of %d flows (%.4f), want %.4f", i, counts[i],
			      NFLOWS, share, want);
	}
}

START_TEST(test_policy0_splits_sources_1_2)
{
	struct mp_fx fx;
	unsigned int counts[3];
	static const int weights[3] = { 1, 2, 0 };

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 "
		       "nexthop via 10.0.2.2 weight 2");
	mp_count_by_source(&fx, counts);
	assert_split(counts, weights);
	mp_teardown(&fx);
}
END_TEST

START_TEST(test_policy1_splits_ports_1_1_1)
{
	struct mp_fx fx;
	unsigned int counts[3];
	static const int weights[3] = { 1, 1, 1 };

	mp_setup(&fx);
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/fib_multipath_hash_policy", "1");
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	mp_count_by_port(&fx, counts);
	assert_split(counts, weights);
	mp_teardown(&fx);
}
END_TEST

/* policy 0 ignores ports: every port of one address pair takes one nexthop */
START_TEST(test_policy0_ignores_ports)
{
	struct mp_fx fx;
	unsigned int counts[3];

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	mp_count_by_port(&fx, counts);
	ck_assert_uint_eq(counts[0] + counts[1] + counts[2], NFLOWS);
	ck_assert_msg(counts[0] == NFLOWS || counts[1] == NFLOWS || counts[2] == NFLOWS,
		      "%u %u %u", counts[0], counts[1], counts[2]);
	mp_teardown(&fx);
}
END_TEST

/* policy 3: only the fields fib_multipath_hash_fields names count */
START_TEST(test_policy3_hash_fields)
{
	struct mp_fx fx;
	unsigned int counts[3];
	static const int weights[3] = { 1, 1, 1 };

	mp_setup(&fx);
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/fib_multipath_hash_policy", "3");
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	/* the default 0x7 (addresses, protocol): the ports do not spread */
	mp_count_by_port(&fx, counts);
	ck_assert(counts[0] == NFLOWS || counts[1] == NFLOWS || counts[2] == NFLOWS);
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/fib_multipath_hash_fields", "0x10");
	mp_count_by_port(&fx, counts);
	assert_split(counts, weights);
	/* source port only: the source address no longer spreads */
	mp_count_by_source(&fx, counts);
	ck_assert(counts[0] == NFLOWS || counts[1] == NFLOWS || counts[2] == NFLOWS);
	mp_teardown(&fx);
}
END_TEST

/* a flow keeps its nexthop, lookup after lookup and run after run */
START_TEST(test_one_flow_one_nexthop)
{
	struct mp_fx fx, again;
	int first[64];

	mp_setup(&fx);
	mp_setup(&again);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 "
		       "nexthop via 10.0.2.2 weight 2 nexthop via 10.0.3.2 weight 3");
	tl_sh_ok(again.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 "
			  "nexthop via 10.0.2.2 weight 2 nexthop via 10.0.3.2 weight 3");
	for (u32 f = 0; f < G_N_ELEMENTS(first); f++) {
		struct flowi4 fl4 = { .daddr = tl_addr("198.51.100.9"),
				      .saddr = htonl(0xc0000200 + f) };

		first[f] = mp_pick(&fx, &fl4);
		for (int k = 0; k < 20; k++)
			ck_assert_int_eq(mp_pick(&fx, &fl4), first[f]);
		ck_assert_int_eq(mp_pick(&again, &fl4), first[f]);	/* same seed */
	}
	mp_teardown(&again);
	mp_teardown(&fx);
}
END_TEST

/* thresholds as fib_rebalance computes them: round(2^31 * sum / total) - 1 */
START_TEST(test_rebalance_upper_bounds)
{
	struct mp_fx fx;
	struct flowi4 fl4 = { .daddr = tl_addr("198.51.100.7") };
	struct fib_result res;

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 "
		       "nexthop via 10.0.2.2 weight 2");
	ck_assert_int_eq(fib_lookup(fx.r->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.fi->fib_nh[0].nh_upper_bound, 715827882);	/* 2^31/3 - 1 */
	ck_assert_int_eq(res.fi->fib_nh[1].nh_upper_bound, 0x7fffffff);
	/* hashes at the edges */
	fib_select_multipath(&res, 715827882);
	ck_assert_int_eq(res.nh_sel, 0);
	fib_select_multipath(&res, 715827883);
	ck_assert_int_eq(res.nh_sel, 1);
	fib_select_multipath(&res, 0);
	ck_assert_int_eq(res.nh_sel, 0);
	mp_teardown(&fx);
}
END_TEST

/* a dead nexthop's flows spread over the others; it comes back when up */
START_TEST(test_dead_nexthop_share_moves)
{
	struct mp_fx fx;
	unsigned int counts[3];
	static const int live[3] = { 1, 1, 1 }, two[3] = { 1, 0, 1 };

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	tl_sh_ok(fx.r, "ip link set eth1 down");
	mp_count_by_source(&fx, counts);
	ck_assert_uint_eq(counts[1], 0);
	assert_split(counts, two);
	tl_sh_ok(fx.r, "ip link set eth1 up");
	mp_count_by_source(&fx, counts);
	assert_split(counts, live);
	mp_teardown(&fx);
}
END_TEST

/* carrier off: skipped only with ignore_routes_with_linkdown */
START_TEST(test_linkdown_nexthop)
{
	struct mp_fx fx;
	unsigned int counts[3];
	static const int live[3] = { 1, 1, 1 }, two[3] = { 1, 1, 0 };

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	/* the peer's port goes down: eth2 loses carrier at its next watchdog */
	world_run(fx.w, SIM_NSEC_PER_SEC / 10);
	tl_sh_ok(fx.g[2], "ip link set eth0 down");
	world_run(fx.w, SIM_NSEC_PER_SEC / 10);
	ck_assert(!netif_carrier_ok(tl_dev(fx.r, "eth2")));
	mp_count_by_source(&fx, counts);
	assert_split(counts, live);
	tl_sh_ok(fx.g[2], "ip link set eth0 up");
	world_run(fx.w, SIM_NSEC_PER_SEC / 10);
	ck_assert(netif_carrier_ok(tl_dev(fx.r, "eth2")));
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/conf/all/ignore_routes_with_linkdown", "1");
	tl_sh_ok(fx.g[2], "ip link set eth0 down");
	world_run(fx.w, SIM_NSEC_PER_SEC / 10);
	mp_count_by_source(&fx, counts);
	ck_assert_uint_eq(counts[2], 0);
	assert_split(counts, two);
	mp_teardown(&fx);
}
END_TEST

/* fib_multipath_use_neigh: a gateway whose neighbour failed is passed over */
START_TEST(test_use_neigh_skips_failed_gateway)
{
	struct mp_fx fx;
	unsigned int counts[3];

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	tl_sh_ok(fx.r, "ip neigh add 10.0.1.2 dev eth0 nud failed");
	tl_sh_ok(fx.r, "ip neigh add 10.0.2.2 lladdr 02:00:00:00:00:02 dev eth1 nud reachable");
	tl_sh_ok(fx.r, "ip neigh add 10.0.3.2 lladdr 02:00:00:00:00:03 dev eth2 nud stale");
	mp_count_by_source(&fx, counts);
	ck_assert_uint_gt(counts[0], 0);	/* off: the hash alone decides */
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/fib_multipath_use_neigh", "1");
	mp_count_by_source(&fx, counts);
	/* nexthop 0's flows fall through to the next good one, nexthop 1 */
	ck_assert_uint_eq(counts[0], 0);
	ck_assert_uint_gt(counts[1], counts[2]);
	ck_assert_uint_eq(counts[1] + counts[2], NFLOWS);
	mp_teardown(&fx);
}
END_TEST

/* ---- the input path: ip_mkroute_input hashes the packet ----------------- */

/*
 * A datagram from @src to @dst arriving on r's eth0: UDP with @sport, or
 * (@quote_src set) an ICMP destination unreachable quoting a UDP datagram
 * @quote_src -> @dst.  Returns the device r forwards it out of.
 */
static struct net_device *mp_forward_dev(struct mp_fx *fx, __be32 src, __be32 dst,
					 u16 sport, __be32 quote_src)
{
	struct net_device *in = tl_dev(fx->r, "eth0"), *out;
	struct sk_buff *skb = alloc_skb(fx->r->net, 256);
	enum skb_drop_reason reason;
	struct iphdr *iph;
	u8 *l4;

	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = skb_put_zero(skb, sizeof(*iph) + (quote_src ? 8 + sizeof(*iph) + 8 : 8));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->tot_len = htons((u16)skb->len);
	iph->saddr = src;
	iph->daddr = dst;
	l4 = (u8 *)(iph + 1);
	if (quote_src) {
		struct iphdr *inner = (struct iphdr *)(l4 + 8);

		iph->protocol = IPPROTO_ICMP;
		l4[0] = ICMP_DEST_UNREACH;
		l4[1] = ICMP_PORT_UNREACH;
		inner->version = 4;
		inner->ihl = 5;
		inner->protocol = IPPROTO_UDP;
		inner->saddr = quote_src;
		inner->daddr = dst;
	} else {
		iph->protocol = IPPROTO_UDP;
		l4[0] = (u8)(sport >> 8);
		l4[1] = (u8)sport;
		l4[3] = 53;
	}
	skb->protocol = htons(ETH_P_IP);
	skb->dev = in;
	ck_assert_int_eq(ip_route_input_noref(skb, dst, src, 0, in, &reason), 0);
	out = skb_dst(skb)->dev;
	consume_skb(skb);
	return out;
}

/* policy 0: an ICMP error about a flow goes where the flow goes (its quoted header) */
START_TEST(test_forwarded_icmp_error_follows_its_flow)
{
	struct mp_fx fx;
	unsigned int used[3] = { 0 };

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.2.2 "
		       "nexthop via 10.0.3.2");
	for (u32 i = 2; i < 200; i++) {	/* 10.0.1.1 is r's own: a martian source */
		__be32 s = htonl(0x0a000100 + i), d = tl_addr("198.51.100.7");
		struct net_device *flow = mp_forward_dev(&fx, s, d, 1000, 0);
		struct net_device *err = mp_forward_dev(&fx, tl_addr("10.0.1.254"), d, 0, s);

		ck_assert_ptr_eq(err, flow);
		used[flow == tl_dev(fx.r, "eth1") ? 1 : 2]++;
	}
	ck_assert_uint_gt(used[1], 50);
	ck_assert_uint_gt(used[2], 50);
	mp_teardown(&fx);
}
END_TEST

/* policy 1 on the input path: one address pair, the UDP source port spreads it */
START_TEST(test_forwarded_policy1_uses_ports)
{
	struct mp_fx fx;
	unsigned int used[3] = { 0 };

	mp_setup(&fx);
	tl_sysctl(fx.r, "/proc/sys/net/ipv4/fib_multipath_hash_policy", "1");
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.2.2 "
		       "nexthop via 10.0.3.2");
	for (u16 p = 0; p < 400; p++) {
		struct net_device *out = mp_forward_dev(&fx, tl_addr("10.0.1.2"),
							tl_addr("198.51.100.7"),
							(u16)(20000 + p), 0);

		used[out == tl_dev(fx.r, "eth1") ? 1 : 2]++;
	}
	ck_assert_uint_gt(used[1], 150);
	ck_assert_uint_gt(used[2], 150);
	mp_teardown(&fx);
}
END_TEST

/* ---- fib_select_default ------------------------------------------------- */

struct dflt_case {
	const char *name;
	const char *neigh[2];		/* `ip neigh add` of g1's and g2's gateway, or NULL */
	int want[3];			/* the gateway (1, 2) of three lookups in a row */
};

static const struct dflt_case dflt_cases[] = {
	/* no neighbour entry: the first route is tried */
	{ "no neighbours", { NULL, NULL }, { 1, 1, 1 } },
	{ "first reachable", { "lladdr 02:00:00:00:00:01 nud reachable", NULL }, { 1, 1, 1 } },
	/* the first failed, the second reachable: the second */
	{ "first failed", { "nud failed", "lladdr 02:00:00:00:00:02 nud reachable" },
	  { 2, 2, 2 } },
	/* both merely valid: they take turns (order != fa_default) */
	{ "both stale", { "lladdr 02:00:00:00:00:01 nud stale",
			  "lladdr 02:00:00:00:00:02 nud stale" }, { 1, 2, 1 } },
	/* both failed: the last resort, which moves past the last choice */
	{ "both failed", { "nud failed", "nud failed" }, { 1, 2, 1 } },
};

START_TEST(test_select_default)
{
	const struct dflt_case *c = &dflt_cases[_i];
	static const char *const gw[2] = { "10.0.1.2", "10.0.2.2" };
	struct mp_fx fx;

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add default via 10.0.1.2");
	tl_sh_ok(fx.r, "ip route append default via 10.0.2.2");
	for (int i = 0; i < 2; i++) {
		char line[128];

		if (!c->neigh[i])
			continue;
		g_snprintf(line, sizeof(line), "ip neigh add %s dev eth%d %s", gw[i], i,
			   c->neigh[i]);
		tl_sh_ok(fx.r, line);
	}
	for (int k = 0; k < 3; k++) {
		struct flowi4 fl4 = { .daddr = tl_addr("203.0.113.5") };
		struct fib_result res;

		ck_assert_int_eq(fib_lookup(fx.r->net, &fl4, &res, 0), 0);
		fib_select_path(fx.r->net, &res, &fl4);
		ck_assert_msg(res.fi->fib_nh[0].nh_gw == tl_addr(gw[c->want[k] - 1]),
			      "%s: lookup %d", c->name, k);
	}
	mp_teardown(&fx);
}
END_TEST

/* a bound flow (oif) keeps the lookup's own choice */
START_TEST(test_oif_bypasses_selection)
{
	struct mp_fx fx;
	struct flowi4 fl4 = { .daddr = tl_addr("198.51.100.7"), .saddr = tl_addr("10.0.3.1") };

	mp_setup(&fx);
	tl_sh_ok(fx.r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 "
		       "nexthop via 10.0.2.2 nexthop via 10.0.3.2");
	fl4.flowi4_oif = tl_dev(fx.r, "eth2")->ifindex;
	ck_assert_int_eq(mp_pick(&fx, &fl4), 2);
	mp_teardown(&fx);
}
END_TEST

static Suite *fib_multipath_suite(void)
{
	Suite *s = suite_create("fib_multipath");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_policy0_splits_sources_1_2);
	tcase_add_test(tc, test_policy1_splits_ports_1_1_1);
	tcase_add_test(tc, test_policy0_ignores_ports);
	tcase_add_test(tc, test_policy3_hash_fields);
	tcase_add_test(tc, test_one_flow_one_nexthop);
	tcase_add_test(tc, test_rebalance_upper_bounds);
	tcase_add_test(tc, test_dead_nexthop_share_moves);
	tcase_add_test(tc, test_linkdown_nexthop);
	tcase_add_test(tc, test_use_neigh_skips_failed_gateway);
	tcase_add_test(tc, test_forwarded_icmp_error_follows_its_flow);
	tcase_add_test(tc, test_forwarded_policy1_uses_ports);
	tcase_add_loop_test(tc, test_select_default, 0, G_N_ELEMENTS(dflt_cases));
	tcase_add_test(tc, test_oif_bypasses_selection);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(fib_multipath_suite());
}
