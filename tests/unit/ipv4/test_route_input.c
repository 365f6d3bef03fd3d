/*
 * tests/unit/ipv4/test_route_input.c - fib_validate_source on the input
 * path (models/ipv4/route.c): martian sources, rp_filter strict and
 * loose, accept_local, and the full check that a redirect-eligible or
 * filtered packet gets against the fast "is it one of our addresses" test.
 *
 * h1 (10.0.1.2) -- eth0 r1 (10.0.1.1 | 10.0.2.1) eth1 -- h2 (10.0.2.2);
 * packets are built here and routed by r1 as if they came in on eth0.
 * tests/kernel/route_input.sh sends the same sources through a Linux 6.18
 * router: the same ones are forwarded for each rp_filter value.
 */
#include "tl_ipv4.h"

#include "linux/inetdevice.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/route.h"

/* ip_route_input_noref() of a UDP datagram @src -> @dst arriving on r1's @ifname */
static int r1_route_input(struct tl_net3 *t, const char *ifname, const char *src,
			  const char *dst, enum skb_drop_reason *reason)
{
	struct net_device *in = tl_dev(t->r1, ifname);
	struct sk_buff *skb = alloc_skb(t->r1->net, 128);
	struct iphdr *iph;
	int err;

	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = skb_put_zero(skb, sizeof(*iph) + 8);
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->tot_len = htons((u16)skb->len);
	iph->saddr = tl_addr(src);
	iph->daddr = tl_addr(dst);
	skb->protocol = htons(ETH_P_IP);
	skb->dev = in;
	*reason = SKB_NOT_DROPPED_YET;
	err = ip_route_input_noref(skb, iph->daddr, iph->saddr, 0, in, reason);
	consume_skb(skb);
	return err;
}

static void rp_filter(struct tl_net3 *t, const char *value)
{
	tl_sysctl(t->r1, "/proc/sys/net/ipv4/conf/all/rp_filter", value);
	tl_sysctl(t->r1, "/proc/sys/net/ipv4/conf/eth0/rp_filter", value);
}

/* Our own address as the source of a packet from outside: a martian, forwarded or not */
START_TEST(test_own_address_is_martian)
{
	struct tl_net3 t;
	enum skb_drop_reason reason;

	tl_net3_setup(&t);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.1", "10.0.2.2", &reason), -EINVAL);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.1", "10.0.1.1", &reason), -EINVAL);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.2", "10.0.2.2", &reason), 0);
	/* accept_local: believed */
	tl_sysctl(t.r1, "/proc/sys/net/ipv4/conf/eth0/accept_local", "1");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.1", "10.0.2.2", &reason), 0);
	tl_world_free(t.w);
}
END_TEST

/* A source routed out of another interface: strict drops, loose and off take it */
START_TEST(test_rp_filter_modes)
{
	struct tl_net3 t;
	enum skb_drop_reason reason;

	tl_net3_setup(&t);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.7", "10.0.2.2", &reason), 0);
	rp_filter(&t, "1");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.7", "10.0.2.2", &reason), -EXDEV);
	ck_assert_int_eq(reason, SKB_DROP_REASON_IP_RPFILTER);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.7", "10.0.2.2", &reason), 0);
	rp_filter(&t, "2");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.2.7", "10.0.2.2", &reason), 0);
	/* no route back at all: loose drops too, off does not */
	ck_assert_int_eq(r1_route_input(&t, "eth0", "192.0.2.1", "10.0.2.2", &reason), -EXDEV);
	rp_filter(&t, "0");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "192.0.2.1", "10.0.2.2", &reason), 0);
	tl_world_free(t.w);
}
END_TEST

/*
 * The full check refuses a source routed by a broadcast (or local) route;
 * a source whose reverse lookup fails (no route, or a blackhole, whose
 * lookup is an error) is "last resort": only rp_filter drops it.  The fast
 * check (rp_filter 0, not leaving where it came in) looks at neither.
 */
START_TEST(test_full_check_wants_unicast_source)
{
	struct tl_net3 t;
	enum skb_drop_reason reason;

	tl_net3_setup(&t);
	tl_sh_ok(t.r1, "ip route add blackhole 203.0.113.0/24");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "203.0.113.9", "10.0.2.2", &reason), 0);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.255", "10.0.2.2", &reason), 0);
	rp_filter(&t, "2");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "203.0.113.9", "10.0.2.2", &reason),
			 -EXDEV);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.255", "10.0.2.2", &reason),
			 -EINVAL);
	/* leaving where it came in (a redirect may be due): the full check with rp_filter 0 */
	rp_filter(&t, "0");
	tl_sh_ok(t.r1, "ip route add 198.51.100.0/24 via 10.0.1.3");
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.255", "198.51.100.1", &reason),
			 -EINVAL);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "203.0.113.9", "198.51.100.1", &reason), 0);
	ck_assert_int_eq(r1_route_input(&t, "eth0", "10.0.1.2", "198.51.100.1", &reason), 0);
	tl_world_free(t.w);
}
END_TEST

/* A user's local route (or any rule) makes the fast check do the full one */
START_TEST(test_custom_local_route_forces_full_check)
{
	struct tl_net3 t;
	enum skb_drop_reason reason;

	tl_net3_setup(&t);
	ck_assert(!node_net(t.r1)->ipv4.fib_has_custom_local_routes);
	tl_sh_ok(t.r1, "ip route add local 192.0.2.0/24 dev lo table main");
	ck_assert(node_net(t.r1)->ipv4.fib_has_custom_local_routes);
	/* 192.0.2.5 is no address of r1, but routed as local: refused */
	ck_assert_int_eq(r1_route_input(&t, "eth0", "192.0.2.5", "10.0.2.2", &reason), -EINVAL);
	tl_world_free(t.w);
}
END_TEST

static Suite *route_input_suite(void)
{
	Suite *s = suite_create("route_input");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_own_address_is_martian);
	tcase_add_test(tc, test_rp_filter_modes);
	tcase_add_test(tc, test_full_check_wants_unicast_source);
	tcase_add_test(tc, test_custom_local_route_forces_full_check);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(route_input_suite());
}
