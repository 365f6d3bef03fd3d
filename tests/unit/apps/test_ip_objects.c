/*
 * tests/unit/apps/test_ip_objects.c - ip addr/route/neigh, nstat, /proc/net IPv4
 *
 * The tools of models/apps/ (ip_addr.c, ip_route.c, ip_neigh.c, nstat.c,
 * procfs_ipv4.c) driven through `sh` lines on h1 -- r1 -- h2 (tl_ipv4):
 * what each command changes in devinet, the FIB and the ARP table, the
 * status and message of each error class, the counters an echo leaves in
 * /proc/net/snmp and nstat's deltas, and that thousands of garbage lines
 * neither crash nor leak.  Byte-exact outputs are checked by
 * tests/scenarios/ipv4_*.lua.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/ip.h"
#include "net/ip_fib.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "sim/sh.h"

static int lookup(struct node *n, const char *dst, struct fib_result *res)
{
	struct flowi4 fl4 = { .daddr = tl_addr(dst) };

	return fib_lookup(n->net, &fl4, res, 0);
}

static int nifa(struct net_device *dev)
{
	int n = 0;

	for (struct in_ifaddr *ifa = __in_dev_get_rtnl(dev)->ifa_list; ifa; ifa = ifa->ifa_next)
		n++;
	return n;
}

START_TEST(test_addr_add_del_flush)
{
	struct tl_net3 t;
	struct net_device *eth0;
	struct in_ifaddr *ifa;
	struct fib_result res;

	tl_net3_setup(&t);
	eth0 = tl_dev(t.h1, "eth0");
	tl_sh_ok(t.h1, "ip addr add 10.0.1.20/24 brd + dev eth0 label eth0:1");
	tl_sh_ok(t.h1, "ip address add 10.0.7.1/24 dev eth0 metric 30");
	tl_sh_ok(t.h1, "ip a add 127.0.0.9/8 dev eth0");
	ck_assert_int_eq(nifa(eth0), 4);
	/* the secondary is last, with its label and computed broadcast */
	for (ifa = __in_dev_get_rtnl(eth0)->ifa_list; ifa->ifa_next; ifa = ifa->ifa_next)
		;
	ck_assert_uint_eq(ifa->ifa_local, tl_addr("10.0.1.20"));
	ck_assert(ifa->ifa_flags & IFA_F_SECONDARY);
	ck_assert_str_eq(ifa->ifa_label, "eth0:1");
	ck_assert_uint_eq(ifa->ifa_broadcast, tl_addr("10.0.1.255"));
	/* iproute2's scope: host for 127/8 */
	for (ifa = __in_dev_get_rtnl(eth0)->ifa_list; ifa; ifa = ifa->ifa_next)
		if (ifa->ifa_local == tl_addr("127.0.0.9"))
			ck_assert_int_eq(ifa->ifa_scope, RT_SCOPE_HOST);
	/* the prefix route carries the metric; replace moves it */
	ck_assert_int_eq(lookup(t.h1, "10.0.7.9", &res), 0);
	ck_assert_uint_eq(res.fi->fib_priority, 30);
	tl_sh_ok(t.h1, "ip addr replace 10.0.7.1/24 dev eth0 metric 40");
	ck_assert_int_eq(lookup(t.h1, "10.0.7.9", &res), 0);
	ck_assert_uint_eq(res.fi->fib_priority, 40);
	/* del with the label of another address finds nothing */
	ck_assert_int_eq(tl_sh(t.h1, "ip addr del 10.0.7.1/24 dev eth0 label eth0:1",
			       NULL, NULL), 2);
	tl_sh_ok(t.h1, "ip addr del 10.0.7.1/24 dev eth0");
	ck_assert_int_eq(lookup(t.h1, "10.0.7.9", &res), 0);
	ck_assert_int_eq(res.prefixlen, 0);	/* only the default route is left */
	tl_sh_ok(t.h1, "ip -s addr flush dev eth0");
	ck_assert_ptr_null(__in_dev_get_rtnl(eth0)->ifa_list);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_route_add_get_del)
{
	struct tl_net3 t;
	struct fib_result res;
	GString *out;

	tl_net3_setup(&t);
	tl_sh_ok(t.h1, "ip route add 10.5.0.0/16 via 10.0.1.1 metric 7 mtu 1400");
	tl_sh_ok(t.h1, "ip route add blackhole 10.8.0.0/16");
	tl_sh_ok(t.h1, "ip route add 10.9.0.0/16 via 10.0.1.1 table 100");
	ck_assert_int_eq(lookup(t.h1, "10.5.1.1", &res), 0);
	ck_assert_uint_eq(res.fi->fib_priority, 7);
	ck_assert_uint_eq(res.fi->fib_mtu, 1400);
	ck_assert_uint_eq(res.fi->fib_protocol, RTPROT_BOOT);
	ck_assert_int_eq(lookup(t.h1, "10.8.1.1", &res), -EINVAL);
	ck_assert_ptr_nonnull(fib_get_table(t.h1->net, 100));

	out = tl_sh_out(t.h1, "ip route get 10.5.1.1");
	ck_assert_str_eq(out->str, "10.5.1.1 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0 \n"
				   "    cache mtu 1400 \n");
	g_string_free(out, TRUE);
	/* r1 forwards: the input route of a packet from h1 */
	out = tl_sh_out(t.r1, "ip route get 10.0.2.2 from 10.0.1.2 iif eth0");
	ck_assert_str_eq(out->str, "10.0.2.2 from 10.0.1.2 dev eth1 \n    cache iif eth0 \n");
	g_string_free(out, TRUE);
	ck_assert_int_eq(tl_sh(t.h1, "ip route get 10.8.1.1", NULL, NULL), 2);

	tl_sh_ok(t.h1, "ip route del 10.5.0.0/16");
	ck_assert_int_eq(lookup(t.h1, "10.5.1.1", &res), 0);
	ck_assert_int_eq(res.prefixlen, 0);
	tl_sh_ok(t.h1, "ip route flush table 100");
	out = tl_sh_out(t.h1, "ip route show table 100");
	ck_assert_str_eq(out->str, "");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_neigh_add_ages_and_goes)
{
	struct tl_net3 t;
	struct neighbour *n;
	__be32 key;
	GString *out;

	tl_net3_setup(&t);
	key = tl_addr("10.0.1.9");
	tl_sh_ok(t.h1,
		 "ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev eth0 nud reachable router");
	n = neigh_lookup(node_net(t.h1)->ipv4.arp_tbl, &key, tl_dev(t.h1, "eth0"));
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert(n->flags & NTF_ROUTER);
	ck_assert_uint_eq(n->ha[5], 9);
	/* reachable_time is at most 45 s: then it is stale, as a learnt entry */
	world_run(t.w, 60 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	out = tl_sh_out(t.h1, "ip -s neigh show 10.0.1.9");
	ck_assert_msg(g_str_has_prefix(out->str, "10.0.1.9 dev eth0 lladdr 02:00:00:00:00:09 "
				       "router  used 60/60/"), "%s", out->str);
	ck_assert_msg(g_str_has_suffix(out->str, "probes 0 STALE \n"), "%s", out->str);
	g_string_free(out, TRUE);
	/* add on an existing entry: EEXIST; replace without router clears it */
	ck_assert_int_eq(tl_sh(t.h1, "ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev eth0",
			       NULL, NULL), 2);
	tl_sh_ok(t.h1, "ip neigh replace 10.0.1.9 lladdr 02:00:00:00:00:0a dev eth0");
	ck_assert_int_eq(n->nud_state, NUD_PERMANENT);
	ck_assert(!(n->flags & NTF_ROUTER));
	tl_sh_ok(t.h1, "ip neigh del 10.0.1.9 dev eth0");
	ck_assert_ptr_null(neigh_lookup(node_net(t.h1)->ipv4.arp_tbl, &key, tl_dev(t.h1, "eth0")));
	/* flush keeps permanent entries */
	tl_sh_ok(t.h1, "ip neigh add 10.0.1.10 lladdr 02:00:00:00:00:10 dev eth0");
	tl_sh_ok(t.h1, "ip neigh add 10.0.1.11 lladdr 02:00:00:00:00:11 dev eth0 nud stale");
	tl_sh_ok(t.h1, "ip neigh flush dev eth0");
	out = tl_sh_out(t.h1, "ip neigh show nud all");
	ck_assert_str_eq(out->str, "10.0.1.10 dev eth0 lladdr 02:00:00:00:00:10 PERMANENT \n");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

/*
 * `ip neigh add/replace ... nud permanent` makes an entry exempt from GC;
 * `use` (NTF_USE) goes through neigh_update(..., NEIGH_UPDATE_F_USE): the
 * entry stops being PERMANENT, joins the GC list, and neigh_event_send()
 * starts resolving it.
 */
START_TEST(test_neigh_permanent_exempt_and_use)
{
	struct tl_net3 t;
	struct neigh_table *tbl;
	struct net_device *eth0;
	struct neighbour *n, *s;
	int gc0;

	tl_net3_setup(&t);
	tbl = node_net(t.h1)->ipv4.arp_tbl;
	eth0 = tl_dev(t.h1, "eth0");
	gc0 = tbl->gc_entries;
	tl_sh_ok(t.h1, "ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev eth0 nud permanent");
	tl_sh_ok(t.h1, "ip neigh replace 10.0.1.12 lladdr 02:00:00:00:00:12 dev eth0 nud stale");
	n = __neigh_lookup_noref(tbl, &(__be32){ tl_addr("10.0.1.9") }, eth0);
	s = __neigh_lookup_noref(tbl, &(__be32){ tl_addr("10.0.1.12") }, eth0);
	ck_assert_ptr_nonnull(n);
	ck_assert_ptr_nonnull(s);
	ck_assert(list_empty(&n->gc_list));
	ck_assert(!list_empty(&s->gc_list));
	ck_assert_int_eq(tbl->gc_entries, gc0 + 1);
	/* use: PERMANENT dropped (NONE), on the GC list, then INCOMPLETE with a probe */
	tl_sh_ok(t.h1, "ip neigh change 10.0.1.9 dev eth0 use");
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert(neigh_timer_pending(n));
	ck_assert(!list_empty(&n->gc_list));
	ck_assert_int_eq(tbl->gc_entries, gc0 + 2);
	/* use on a STALE entry: neigh_event_send() makes it DELAY, nothing else */
	tl_sh_ok(t.h1, "ip neigh change 10.0.1.12 dev eth0 use");
	ck_assert_int_eq(s->nud_state, NUD_DELAY);
	ck_assert_uint_eq(s->ha[5], 0x12);
	ck_assert_int_eq(tbl->gc_entries, gc0 + 2);
	/* nobody has 10.0.1.9: resolution fails, the entry stays on the GC list */
	world_run(t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	ck_assert(!list_empty(&n->gc_list));
	/* a delete takes it off the list and out of the count */
	tl_sh_ok(t.h1, "ip neigh del 10.0.1.9 dev eth0");
	ck_assert_int_eq(tbl->gc_entries, gc0 + 1);
	tl_world_free(t.w);
}
END_TEST

/* The local addresses of @dev in ifa_list order, "a b c" */
static char *ifa_order(struct net_device *dev)
{
	GString *s = g_string_new(NULL);
	char buf[16];

	for (struct in_ifaddr *ifa = __in_dev_get_rtnl(dev)->ifa_list; ifa; ifa = ifa->ifa_next) {
		__be32 a = ntohl(ifa->ifa_local);

		snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
			 a & 255);
		g_string_append_printf(s, "%s%s%s", s->len ? " " : "", buf,
				       ifa->ifa_flags & IFA_F_SECONDARY ? "(s)" : "");
	}
	return g_string_free(s, FALSE);
}

/*
 * __inet_insert_ifa: a primary goes after the last primary of as wide a
 * scope or narrower, so host and link ones precede the global ones;
 * __inet_del_ifa's promotion puts the promoted one by the same rule and
 * moves the subnet's other secondaries to it (their local routes' src).
 * The orders and routes of Linux 6.18 for the same lines.
 */
START_TEST(test_addr_primary_order_and_promotion)
{
	struct tl_net3 t;
	struct net_device *eth0;
	GString *out;
	char *order;

	tl_net3_setup(&t);
	eth0 = tl_dev(t.h1, "eth0");
	tl_sh_ok(t.h1, "ip addr add 10.0.1.5/24 dev eth0");
	tl_sh_ok(t.h1, "ip addr add 169.254.1.1/16 scope link dev eth0");
	tl_sh_ok(t.h1, "ip addr add 10.9.0.1/24 dev eth0");
	tl_sh_ok(t.h1, "ip addr add 127.1.0.1/8 scope host dev eth0");
	tl_sh_ok(t.h1, "ip addr add 192.168.5.1/24 scope link dev eth0");
	tl_sh_ok(t.h1, "ip addr add 10.10.0.1/24 scope site dev eth0");
	order = ifa_order(eth0);
	ck_assert_str_eq(order, "127.1.0.1 169.254.1.1 192.168.5.1 10.10.0.1 10.0.1.2 10.9.0.1 "
				"10.0.1.5(s)");
	g_free(order);
	out = tl_sh_out(t.h1, "ip -br addr show dev eth0");
	ck_assert_str_eq(out->str, "eth0             UP             127.1.0.1/8 169.254.1.1/16 "
				   "192.168.5.1/24 10.10.0.1/24 10.0.1.2/24 10.9.0.1/24 "
				   "10.0.1.5/24 \n");
	g_string_free(out, TRUE);

	/* promotion: the new primary in the old one's place or after 10.9.0.1 */
	tl_sh_ok(t.h1, "sysctl -w net.ipv4.conf.eth0.promote_secondaries=1");
	tl_sh_ok(t.h1, "ip addr add 127.1.0.2/8 scope host dev eth0");
	tl_sh_ok(t.h1, "ip addr add 10.0.1.6/24 dev eth0");
	tl_sh_ok(t.h1, "ip addr del 127.1.0.1/8 dev eth0");
	tl_sh_ok(t.h1, "ip addr del 169.254.1.1/16 dev eth0");
	tl_sh_ok(t.h1, "ip addr del 192.168.5.1/24 dev eth0");
	tl_sh_ok(t.h1, "ip addr del 10.10.0.1/24 dev eth0");
	tl_sh_ok(t.h1, "ip addr del 10.0.1.2/24 dev eth0");
	order = ifa_order(eth0);
	ck_assert_str_eq(order, "127.1.0.2 10.9.0.1 10.0.1.5 10.0.1.6(s)");
	g_free(order);
	/* 10.0.1.6's local route now names 10.0.1.5, once */
	out = tl_sh_out(t.h1, "ip route show table local 10.0.1.6");
	ck_assert_str_eq(out->str,
			 "local 10.0.1.6 dev eth0 proto kernel scope host src 10.0.1.5 \n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "ip route show 10.0.1.0/24");
	ck_assert_str_eq(out->str, "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.5 \n");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

/* fib_modify_prefix_metric(): on lo the prefix route is the local 127/8 of table local */
START_TEST(test_addr_replace_metric_moves_prefix_route)
{
	struct tl_net3 t;
	struct in_ifaddr *ifa;
	struct fib_result res;
	GString *out;

	tl_net3_setup(&t);
	tl_sh_ok(t.h1, "ip link set lo up");
	tl_sh_ok(t.h1, "ip addr replace 127.0.0.1/8 dev lo metric 5");
	out = tl_sh_out(t.h1, "ip route show table local");
	ck_assert_msg(strstr(out->str, "local 127.0.0.0/8 dev lo proto kernel scope host "
					"src 127.0.0.1 metric 5 \n"), "%s", out->str);
	ck_assert_msg(!strstr(out->str, "local 127.0.0.0/8 dev lo proto kernel scope host "
					 "src 127.0.0.1 \n"), "%s", out->str);
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "ip route show 127.0.0.0/8");
	ck_assert_str_eq(out->str, "");		/* nothing in main */
	g_string_free(out, TRUE);

	/* the export itself: the route moves, the address keeps what the caller sets */
	ifa = __in_dev_get_rtnl(tl_dev(t.h1, "eth0"))->ifa_list;
	fib_modify_prefix_metric(ifa, 17);
	ck_assert_int_eq(lookup(t.h1, "10.0.1.9", &res), 0);
	ck_assert_int_eq(res.prefixlen, 24);
	ck_assert_uint_eq(res.fi->fib_priority, 17);
	ck_assert_uint_eq(ifa->ifa_rt_priority, 0);
	ifa->ifa_rt_priority = 17;
	/* a secondary has no prefix route: nothing happens */
	tl_sh_ok(t.h1, "ip addr add 10.0.1.3/24 dev eth0");
	fib_modify_prefix_metric(ifa->ifa_next, 3);
	out = tl_sh_out(t.h1, "ip route show 10.0.1.0/24");
	ck_assert_str_eq(out->str,
			 "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 metric 17 \n");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

/*
 * fib_create_info() as Linux 6.18: each type's smallest scope (nat and
 * xresolve only with scope 255, and then without nexthop), a gateway that
 * is our own address (the route is direct); route get of a limited
 * broadcast or a multicast without a multicast route has no gateway.
 */
START_TEST(test_route_types_and_own_gateway)
{
	struct tl_net3 t;
	struct fib_result res;
	GString *out;

	tl_net3_setup(&t);
	tl_sh_ok(t.h1, "ip route add nat 10.60.0.1 scope 255");
	tl_sh_ok(t.h1, "ip route add xresolve 10.61.0.0/16 scope nowhere");
	tl_sh_ok(t.h1, "ip route add blackhole 10.63.0.0/16 scope 255");
	ck_assert_int_eq(tl_sh(t.h1, "ip route add nat 10.60.0.2 scope 255 dev eth0",
			       NULL, NULL), 2);
	out = tl_sh_out(t.h1, "ip route show table all type nat");
	ck_assert_str_eq(out->str, "nat 10.60.0.1 table local scope nowhere \n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "ip route show type xresolve");
	ck_assert_str_eq(out->str, "xresolve 10.61.0.0/16 scope nowhere \n");
	g_string_free(out, TRUE);
	ck_assert_int_eq(lookup(t.h1, "10.61.1.1", &res), -EINVAL);

	/* our own address as gateway: a host-scope nexthop, no gateway used */
	tl_sh_ok(t.h1, "ip route add 10.34.0.0/16 via 10.0.1.2");
	ck_assert_int_eq(lookup(t.h1, "10.34.1.1", &res), 0);
	ck_assert_int_eq(FIB_RES_NH(res).nh_scope, RT_SCOPE_HOST);
	ck_assert_ptr_eq(FIB_RES_DEV(res), tl_dev(t.h1, "eth0"));
	out = tl_sh_out(t.h1, "ip route show 10.34.0.0/16");
	ck_assert_str_eq(out->str, "10.34.0.0/16 via 10.0.1.2 dev eth0 \n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "ip route get 10.34.1.1");
	ck_assert_str_eq(out->str, "10.34.1.1 dev eth0 src 10.0.1.2 uid 0 \n    cache \n");
	g_string_free(out, TRUE);

	/* output routes: broadcast and multicast drop the default route's gateway */
	out = tl_sh_out(t.h1, "ip route get 255.255.255.255");
	ck_assert_str_eq(out->str, "broadcast 255.255.255.255 dev eth0 src 10.0.1.2 uid 0 \n"
				   "    cache <local,brd> \n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "ip route get 239.1.2.3");
	ck_assert_msg(g_str_has_prefix(out->str, "multicast 239.1.2.3 dev eth0 src 10.0.1.2 "),
		      "%s", out->str);
	g_string_free(out, TRUE);
	/* a multicast route of /4 keeps its gateway */
	tl_sh_ok(t.h1, "ip route add 224.0.0.0/4 via 10.0.1.1");
	out = tl_sh_out(t.h1, "ip route get 239.1.2.3");
	ck_assert_msg(g_str_has_prefix(out->str, "multicast 239.1.2.3 via 10.0.1.1 dev eth0 "),
		      "%s", out->str);
	g_string_free(out, TRUE);

	/* a device route through a device that is down */
	tl_sh_ok(t.h2, "ip link set eth0 down");
	out = g_string_new(NULL);
	ck_assert_int_eq(tl_sh(t.h2, "ip route add 10.70.0.0/16 dev eth0", NULL, out), 2);
	ck_assert_str_eq(out->str, "Error: Device for nexthop is not up.\n");
	ck_assert_int_eq(tl_sh(t.h2, "ip route add 10.71.0.0/16 via 10.0.2.9 dev eth0 onlink",
			       NULL, out), 2);
	ck_assert_str_eq(out->str, "Error: Nexthop device is not up.\n");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

/* ip_route_output_key(): a source that is not ours, -ENETUNREACH */
START_TEST(test_output_route_source_not_local)
{
	struct tl_net3 t;
	struct flowi4 fl4 = { 0 };
	struct rtable *rt;
	int err = 0;

	tl_net3_setup(&t);
	fl4.daddr = tl_addr("10.0.2.2");
	fl4.saddr = tl_addr("10.0.2.2");
	rt = ip_route_output_key(t.h1->net, &fl4, &err);
	ck_assert_ptr_null(rt);
	ck_assert_int_eq(err, -ENETUNREACH);
	fl4 = (struct flowi4){ .daddr = tl_addr("10.0.2.2"), .saddr = tl_addr("0.1.2.3") };
	ck_assert_ptr_null(ip_route_output_key(t.h1->net, &fl4, &err));
	ck_assert_int_eq(err, -ENETUNREACH);
	fl4 = (struct flowi4){ .daddr = tl_addr("10.0.2.2"), .saddr = tl_addr("224.0.0.1") };
	ck_assert_ptr_null(ip_route_output_key(t.h1->net, &fl4, &err));
	ck_assert_int_eq(err, -EINVAL);
	/* a limited broadcast from one of ours leaves by that address's device */
	fl4 = (struct flowi4){ .daddr = tl_addr("255.255.255.255"), .saddr = tl_addr("10.0.1.2") };
	rt = ip_route_output_key(t.h1->net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	ck_assert_ptr_eq(rt->dst.dev, tl_dev(t.h1, "eth0"));
	ck_assert(!rt->rt_uses_gateway);
	ck_assert(rt->rt_flags & RTCF_BROADCAST);
	ip_rt_put(rt);
	tl_world_free(t.w);
}
END_TEST

/* An echo h1 -> h2 and its reply: the counters /proc/net/snmp shows */
START_TEST(test_echo_counters_and_nstat)
{
	struct tl_net3 t;
	GString *out;

	tl_net3_setup(&t);
	out = tl_sh_out(t.h1, "nstat");		/* the history starts */
	g_string_free(out, TRUE);
	tl_send_echo(t.h1, "10.0.2.2", 64, 1, 56);
	world_run(t.w, SIM_NSEC_PER_SEC);
	out = tl_sh_out(t.h2, "cat /proc/net/snmp");
	ck_assert_msg(strstr(out->str, "\nIp: 2 64 1 0 0 0 0 0 1 1 0 0 0 0 0 0 0 0 0 1\n"), "%s",
		      out->str);
	ck_assert_msg(strstr(out->str, "\nIcmpMsg: InType8 OutType0\nIcmpMsg: 1 1\n"), "%s",
		      out->str);
	g_string_free(out, TRUE);
	out = tl_sh_out(t.r1, "cat /proc/net/snmp");
	ck_assert_msg(strstr(out->str, "\nIp: 1 64 2 0 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 2\n"), "%s",
		      out->str);
	g_string_free(out, TRUE);
	/* nstat: the increments since its history, then nothing new */
	out = tl_sh_out(t.h1, "nstat IpIn* IpExtInOctets");
	ck_assert_str_eq(out->str, "#kernel\n"
				   "IpInReceives                    1                  0.0\n"
				   "IpInDelivers                    1                  0.0\n"
				   "IpExtInOctets                   84                 0.0\n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "nstat IpIn*");
	ck_assert_str_eq(out->str, "#kernel\n");
	g_string_free(out, TRUE);
	out = tl_sh_out(t.h1, "cat /tmp/.nstat.u0");
	ck_assert_msg(g_str_has_prefix(out->str, "#kernel\nIpInReceives "), "%s", out->str);
	g_string_free(out, TRUE);
	/* -r: a fresh history, so the whole counters */
	out = tl_sh_out(t.h1, "nstat -r IpInReceives");
	ck_assert_str_eq(out->str, "#kernel\nIpInReceives                    1                  0.0\n");
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_proc_files_are_providers)
{
	static const char *const files[] = {
		"/proc/net/arp", "/proc/net/dev", "/proc/net/fib_trie", "/proc/net/fib_triestat",
		"/proc/net/netstat", "/proc/net/route", "/proc/net/snmp",
		"/proc/net/softnet_stat", "/proc/net/stat/arp_cache",
	};
	struct tl_net3 t;
	GPtrArray *paths;
	struct sim_err err = { { 0 } };
	GString *out = g_string_new(NULL);

	tl_net3_setup(&t);
	paths = sim_vfs_list(t.h2, "/proc/net");
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		bool found = false;

		for (guint j = 0; j < paths->len; j++)
			found |= strcmp(paths->pdata[j], files[i]) == 0;
		ck_assert_msg(found, "%s not listed", files[i]);
		ck_assert_int_eq(sim_vfs_read(t.h2, files[i], out), 0);
		ck_assert_int_eq(sim_vfs_write(t.h2, files[i], "1\n", &err), -EACCES);
	}
	ck_assert_int_eq(sim_vfs_read(t.h2, "/proc/net/snmp/x", out), -ENOENT);
	ck_assert_int_eq(sim_vfs_access(t.h2, "/proc/net/stat", false), -EISDIR);
	/* no node stores a file for them */
	ck_assert_ptr_null(t.h2->vfs);
	g_ptr_array_unref(paths);
	g_string_free(out, TRUE);
	tl_world_free(t.w);
}
END_TEST

struct status_case {
	const char *line;
	int status;
	const char *err;
};

static const struct status_case status_cases[] = {
	{ "ip addr add 10.0.1.300/24 dev eth0", 1,
	  "Error: any valid prefix is expected rather than \"10.0.1.300/24\".\n" },
	{ "ip addr add 10.0.1.2/24 dev eth0", 2, "Error: ipv4: Address already assigned.\n" },
	{ "ip addr del 10.9.9.9/24 dev eth0", 2,
	  "RTNETLINK answers: Cannot assign requested address\n" },
	{ "ip addr add 10.9.9.9/24 dev eth9", 1, "Cannot find device \"eth9\"\n" },
	{ "ip addr add 10.9.9.9/24", 1, "Not enough information: \"dev\" argument is required.\n" },
	{ "ip addr add dev eth0", 2, "RTNETLINK answers: Operation not supported\n" },
	{ "ip addr add 10.9.9.9/24 dev eth0 scope foo", 255,
	  "Error: argument \"foo\" is wrong: invalid scope value.\n" },
	{ "ip addr add 2001:db8::1/64 dev eth0", 2, "RTNETLINK answers: Operation not supported\n" },
	{ "ip addr add 10.9.9.9/24 dev eth0 label aaaaaaaaaaaaaaaaaaaa", 2,
	  "Error: Attribute failed policy validation.\n" },
	{ "ip addr flush", 1, "Flush requires arguments.\n" },
	{ "ip addr show dev eth9", 1, "Device \"eth9\" does not exist.\n" },
	{ "ip addr frob", 255, "Command \"frob\" is unknown, try \"ip address help\".\n" },
	{ "ip route add 10.6.0.0/16 via 10.0.9.1", 2, "Error: Nexthop has invalid gateway.\n" },
	{ "ip route add default via 10.0.1.1", 2, "RTNETLINK answers: File exists\n" },
	{ "ip route del 10.99.0.0/16", 2, "RTNETLINK answers: No such process\n" },
	{ "ip route del 10.99.0.0/16 table 56", 2, "Error: FIB table does not exist.\n" },
	{ "ip route add nat 10.60.0.1 via 10.0.1.5", 2, "Error: Invalid scope.\n" },
	{ "ip route add local 10.35.0.1 dev eth0 scope link", 2, "Error: Invalid scope.\n" },
	{ "ip route add 10.67.0.0/16 scope 255 dev eth0", 2, "Error: Invalid scope.\n" },
	{ "ip route add 10.32.0.0/16", 2, "RTNETLINK answers: No such device\n" },
	{ "ip route add 10.38.0.0/16 scope host", 2, "RTNETLINK answers: No such device\n" },
	{ "ip route add 10.33.0.0/16 dev eth0 onlink", 2,
	  "Error: Invalid flags for nexthop - PERVASIVE and ONLINK can not be set.\n" },
	{ "ip route add 10.37.0.0/16 via 10.0.1.9 dev eth0 onlink scope link", 2,
	  "Error: Nexthop has invalid scope.\n" },
	{ "ip route add 10.40.0.0/16 via 10.0.1.255 dev eth0 onlink", 2,
	  "Error: Nexthop has invalid gateway.\n" },
	{ "ip route add unreachable 10.36.0.0/16 nexthop via 10.0.1.1", 2,
	  "Error: Gateway, device and multipath can not be specified for this route type.\n" },
	{ "ip route add 10.39.0.0/16 dev eth0 src 10.99.0.9 table 100", 2,
	  "Error: Invalid prefsrc address.\n" },
	{ "ip route add local 10.41.0.1 dev eth0 src 10.99.0.9", 2,
	  "Error: Invalid prefsrc address.\n" },
	{ "ip route get 10.5.1.1 from 10.9.9.9", 2, "RTNETLINK answers: Network is unreachable\n" },
	{ "ip route add 10.17.0.1/16 dev eth0", 2,
	  "Error: Invalid prefix for given prefix length.\n" },
	{ "ip route add 10.7.0.0/16 via 10.0.1.1 metric abc", 255,
	  "Error: argument \"abc\" is wrong: \"metric\" value is invalid\n\n" },
	{ "ip route add blackhole 10.20.0.0/16 dev eth0", 2,
	  "Error: Gateway, device and multipath can not be specified for this route type.\n" },
	{ "ip route add 10.22.0.0/33 via 10.0.1.1", 1,
	  "Error: any valid prefix is expected rather than \"10.22.0.0/33\".\n" },
	{ "ip route show table 101", 2, "Error: ipv4: FIB table does not exist.\nDump terminated\n" },
	{ "ip route flush", 1, "\"ip route flush\" requires arguments.\n" },
	{ "ip route get", 1, "need at least a destination address\n" },
	{ "ip route get 10.5.1.1 iif eth0", 2, "RTNETLINK answers: Invalid argument\n" },
	{ "ip route add 10.9.0.0/16 window 5", 255,
	  "ip route: \"window\" is not supported by skbsim yet\n" },
	{ "ip neigh add 10.0.1.5 dev eth0", 2, "Error: No link layer address given.\n" },
	{ "ip neigh add 10.0.1.5 lladdr zz dev eth0", 1, "\"zz\" is invalid lladdr.\n" },
	{ "ip neigh add 10.0.1.5 lladdr 02:00:00:00:00 dev eth0", 2,
	  "Error: Invalid link address.\n" },
	{ "ip neigh add 10.0.1.5 lladdr 02:00:00:00:00:05", 255,
	  "Device and destination are required arguments.\n" },
	{ "ip neigh del 10.0.1.98 dev eth0", 2, "RTNETLINK answers: No such file or directory\n" },
	{ "ip neigh get 10.0.1.98 dev eth0", 2, "Error: Neighbour entry not found.\n" },
	{ "ip neigh add 10.0.1.5 lladdr 02:00:00:00:00:05 dev eth0 nud bogus", 255,
	  "Error: argument \"bogus\" is wrong: nud state is bad\n" },
	{ "ip neigh flush", 1, "Flush requires arguments.\n" },
	{ "nstat -x", 255, NULL },
	{ "nstat --zeroes", 255, NULL },
	{ "nstat -j", 255, "nstat: -j (JSON) is not supported by skbsim\n" },
	{ "nstat -t 0", 255, "nstat: invalid time constant divisor\n" },
};

START_TEST(test_error_status)
{
	const struct status_case *c = &status_cases[_i];
	GString *err = g_string_new(NULL);
	struct tl_net3 t;

	tl_net3_setup(&t);
	ck_assert_int_eq(tl_sh(t.h1, c->line, NULL, err), c->status);
	if (c->err)
		ck_assert_str_eq(err->str, c->err);
	g_string_free(err, TRUE);
	tl_world_free(t.w);
}
END_TEST

/*
 * Garbage: random lines of the tools' own words (so they get deep into the
 * parsers), on hosts whose state they keep changing.
 */
START_TEST(test_garbage_survives)
{
	static const char *const tools[] = { "ip", "ip -4", "ip -s -s", "ip -o", "ip -br",
					     "ip -d", "nstat" };
	static const char *const words[] = {
		"addr", "route", "neigh", "add", "del", "change", "replace", "append", "flush",
		"show", "get", "dev", "eth0", "eth1", "lo", "10.0.1.7/24", "10.0.1.1", "10.0.2.0/24",
		"default", "all", "via", "src", "table", "main", "local", "100", "all", "metric",
		"7", "-1", "scope", "link", "host", "brd", "+", "-", "label", "eth0:1", "blackhole",
		"unreachable", "prohibit", "throw", "local", "broadcast", "nexthop", "weight", "0",
		"onlink", "mtu", "proto", "static", "tos", "0x10", "lladdr", "02:00:00:00:00:01",
		"nud", "stale", "reachable", "permanent", "noarp", "none", "incomplete", "router",
		"use", "to", "iif", "oif", "from", "fibmatch", "connected", "notify", "mark", "uid",
		"primary", "secondary", "up", "help", "1.2.3.4.5", "::1", "", "-a", "-z", "-s", "-r",
		"-n", "--zeros", "Ip*", "-V", "type", "unicast", "root", "match", "exact", "noprefixroute",
		"valid_lft", "forever", "preferred_lft", "10", "peer", "anycast", "cache", "unused",
	};
	u64 x = 88172645463325252ULL;	/* xorshift: the test's own stream */
	struct tl_net3 t;

	tl_net3_setup(&t);
	for (int i = 0; i < 20000; i++) {
		GString *line = g_string_new(NULL);
		int n, status;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		g_string_append(line, tools[x % G_N_ELEMENTS(tools)]);
		n = (int)(x >> 8) % 10;
		for (int j = 0; j < n; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			g_string_append_printf(line, " '%s'", words[x % G_N_ELEMENTS(words)]);
		}
		status = tl_sh(i % 3 == 0 ? t.h1 : i % 3 == 1 ? t.r1 : t.h2, line->str, NULL, NULL);
		ck_assert_msg(status >= 0 && status <= 255, "%s: %d", line->str, status);
		g_string_free(line, TRUE);
		if (i % 1000 == 0)
			world_run(t.w, sim_now(t.w) + SIM_NSEC_PER_SEC);
	}
	tl_world_free(t.w);
}
END_TEST

static Suite *ip_objects_suite(void)
{
	Suite *s = suite_create("ip_objects");
	TCase *tc = tcase_create("tools");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_addr_add_del_flush);
	tcase_add_test(tc, test_route_add_get_del);
	tcase_add_test(tc, test_addr_primary_order_and_promotion);
	tcase_add_test(tc, test_addr_replace_metric_moves_prefix_route);
	tcase_add_test(tc, test_route_types_and_own_gateway);
	tcase_add_test(tc, test_output_route_source_not_local);
	tcase_add_test(tc, test_neigh_add_ages_and_goes);
	tcase_add_test(tc, test_neigh_permanent_exempt_and_use);
	tcase_add_test(tc, test_echo_counters_and_nstat);
	tcase_add_test(tc, test_proc_files_are_providers);
	tcase_add_loop_test(tc, test_error_status, 0, G_N_ELEMENTS(status_cases));
	tcase_add_test(tc, test_garbage_survives);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(ip_objects_suite());
}
