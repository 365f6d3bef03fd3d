/*
 * tests/unit/ipv4/test_route_redirect.c - ICMP redirects
 * (models/ipv4/route.c: __mkroute_input's IPSKB_DOREDIRECT,
 * ip_rt_send_redirect, ipv4_redirect/__ip_do_redirect, rt_bind_exception's
 * gateway; ip_forward.c; icmp.c icmp_redirect)
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2).  The links
 * are point to point, so the "second router" 10.0.1.3 on h1's segment is
 * only an address: r1 routes 10.0.9.0/24 via 10.0.1.3 out eth0, where the
 * packets came in from h1, and h1 knows 10.0.1.3's MAC (a permanent
 * neighbour) as it would have learnt it on a shared LAN.
 */
#include "tl_ipv4.h"

#include "linux/inetdevice.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "net/route.h"

#define R2 "10.0.1.3"
#define DST "10.0.9.1"

struct fx {
	struct tl_net3 t;
	struct tl_heard heard;		/* what h1's ICMP listeners are offered */
	sim_time_t now;
};

static void route_via(struct node *n, const char *dst, int plen, const char *gw)
{
	struct fib_config cfg = { .fc_dst = tl_addr(dst), .fc_dst_len = (u8)plen,
				  .fc_gw4 = tl_addr(gw), .fc_type = RTN_UNICAST,
				  .fc_protocol = RTPROT_BOOT, .fc_scope = RT_SCOPE_UNIVERSE,
				  .fc_table = RT_TABLE_MAIN,
				  .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
	struct sim_err err = { { 0 } };

	ck_assert_msg(ip_rt_newroute(n->net, &cfg, &err) == 0, "%s", err.msg);
}

/* ip neigh add @addr lladdr 02:00:00:00:01:03 dev eth0 nud permanent */
static void neigh_permanent(struct node *n, const char *addr)
{
	static const u8 lladdr[6] = { 0x02, 0, 0, 0, 0x01, 0x03 };
	__be32 key = tl_addr(addr);
	struct neighbour *neigh;

	neigh = neigh_create(node_net(n)->ipv4.arp_tbl, &key, tl_dev(n, "eth0"));
	ck_assert_ptr_nonnull(neigh);
	neigh_update(neigh, lladdr, NUD_PERMANENT,
		     NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN, 0);
	neigh_release(neigh);
}

static struct in_device *in_dev_of(struct node *n, const char *ifname)
{
	return __in_dev_get_rtnl(tl_dev(n, ifname));
}

/* accept_redirects 0 on all and eth0 (a host: IN_DEV_ORCONF) */
static void accept_off(struct node *n)
{
	IN_DEV_CONF_SET(in_dev_of(n, "eth0"), ACCEPT_REDIRECTS, 0);
	IPV4_DEVCONF_ALL(node_net(n), ACCEPT_REDIRECTS) = 0;
}

/* r1 has the better router for 10.0.9.0/24 on h1's segment; h1 has a
 * route via it too (secure_redirects) and knows its MAC */
static void fx_setup(struct fx *f)
{
	tl_net3_setup(&f->t);
	route_via(f->t.r1, "10.0.9.0", 24, R2);
	route_via(f->t.h1, "10.0.99.0", 24, R2);
	neigh_permanent(f->t.h1, R2);
	tl_heard_start(&f->heard, f->t.h1);
	f->now = 0;
}

static void fx_teardown(struct fx *f)
{
	tl_heard_stop(&f->heard, f->t.h1);
	tl_world_free(f->t.w);
}

/* one echo from h1 to @dst, then @ms of simulated time */
static void ping(struct fx *f, const char *dst, u16 seq, unsigned int ms)
{
	tl_send_echo(f->t.h1, dst, 64, seq, 56);
	f->now += (sim_time_t)ms * (SIM_NSEC_PER_SEC / 1000);
	world_run(f->t.w, f->now);
}

static u64 redirects_sent(struct fx *f)
{
	return tl_icmp_out(f->t.r1, ICMP_REDIRECT);
}

/* h1's output route to @dst: its gateway (0: none) and flags */
static __be32 h1_gw(struct fx *f, const char *dst, unsigned int *flags,
		    unsigned long *expires)
{
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	struct rtable *rt;
	__be32 gw;
	int err = 0;

	rt = ip_route_output_key(f->t.h1->net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	gw = rt->rt_uses_gateway ? rt->rt_gw4 : 0;
	if (flags)
		*flags = rt->rt_flags;
	if (expires)
		*expires = rt->dst.expires;
	ip_rt_put(rt);
	return gw;
}

START_TEST(test_send_condition)
{
	struct fx f;

	fx_setup(&f);
	accept_off(f.t.h1);
	/* forwarded out eth1: no redirect */
	ping(&f, "10.0.2.2", 1, 100);
	ck_assert_uint_eq(redirects_sent(&f), 0);
	/* back out eth0, the source on-link there: a host redirect to 10.0.1.3 */
	ck_assert_int_eq(f.heard.n, 1);		/* the echo reply */
	ping(&f, DST, 2, 100);
	ck_assert_uint_eq(redirects_sent(&f), 1);
	ck_assert_int_eq(f.heard.n, 2);
	ck_assert_uint_eq(f.heard.type, ICMP_REDIRECT);
	ck_assert_uint_eq(f.heard.code, ICMP_REDIR_HOST);
	ck_assert_uint_eq(f.heard.from, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(f.heard.info, tl_addr(R2));
	/* the datagram is forwarded all the same (after the echo and its reply) */
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 3);
	fx_teardown(&f);

	/* send_redirects off (all and the device: IN_DEV_ORCONF) */
	fx_setup(&f);
	IN_DEV_CONF_SET(in_dev_of(f.t.r1, "eth0"), SEND_REDIRECTS, 0);
	IPV4_DEVCONF_ALL(node_net(f.t.r1), SEND_REDIRECTS) = 0;
	ping(&f, DST, 1, 100);
	ck_assert_uint_eq(redirects_sent(&f), 0);
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 1);
	fx_teardown(&f);

	/* a source not on eth0's subnet (h1 as 10.0.7.2): not told */
	fx_setup(&f);
	tl_up_addr(f.t.h1, "eth0", "10.0.7.2", 24);
	route_via(f.t.r1, "10.0.7.0", 24, "10.0.1.2");
	{
		u8 l4[64];
		unsigned int len = tl_make_icmp(l4, ICMP_ECHO, 1, 1, 16);
		struct flowi4 fl4 = { .daddr = tl_addr(DST), .saddr = tl_addr("10.0.7.2"),
				      .flowi4_proto = IPPROTO_ICMP };
		struct rtable *rt;
		struct sk_buff *skb;
		int err = 0;

		rt = ip_route_output_key(f.t.h1->net, &fl4, &err);
		ck_assert_ptr_nonnull(rt);
		skb = alloc_skb(f.t.h1->net, 128 + len);
		skb_reserve(skb, 128);
		memcpy(skb_put(skb, len), l4, len);
		ip_push_skb(f.t.h1->net, NULL, skb, rt, fl4.saddr, fl4.daddr, IPPROTO_ICMP, 0,
			    64, true);
		ip_rt_put(rt);
	}
	f.now += SIM_NSEC_PER_SEC / 10;
	world_run(f.t.w, f.now);
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 1);
	ck_assert_uint_eq(redirects_sent(&f), 0);
	fx_teardown(&f);
}
END_TEST

START_TEST(test_rate_limit)
{
	struct fx f;
	u16 seq = 1;

	fx_setup(&f);
	accept_off(f.t.h1);
	/* a burst: after the first, the next waits redirect_load << 1 (40 ms) */
	for (int i = 0; i < 5; i++)
		ping(&f, DST, seq++, 5);
	ck_assert_uint_eq(redirects_sent(&f), 1);
	/* 50 ms after the first (more than 40 ms) the second goes */
	f.now = 50 * (SIM_NSEC_PER_SEC / 1000);
	world_run(f.t.w, f.now);
	ping(&f, DST, seq++, 20);
	ck_assert_uint_eq(redirects_sent(&f), 2);
	/* every 10 s: each is due, until ip_rt_redirect_number (9) went unheeded */
	for (int i = 0; i < 12; i++)
		ping(&f, DST, seq++, 10000);
	ck_assert_uint_eq(redirects_sent(&f), 9);
	/* a packet every 10 s keeps it silent (rate_last moves on) ... */
	ping(&f, DST, seq++, 25000);
	ck_assert_uint_eq(redirects_sent(&f), 9);
	/* ... ip_rt_redirect_silence (20.48 s) of quiet starts over.  The peer
	 * is shared with the ICMP rate limit, as inet_peer is: the host
	 * unreachable r1 sends h1 when ARP for 10.0.1.3 fails (3 s later)
	 * moves rate_last too, hence 25 s */
	ping(&f, DST, seq++, 100);
	ck_assert_uint_eq(redirects_sent(&f), 10);
	fx_teardown(&f);
}
END_TEST

START_TEST(test_accept)
{
	struct fx f;
	struct fib_nh_exception *fnhe;
	struct flowi4 fl4 = { .daddr = tl_addr(DST) };
	struct fib_result res;
	unsigned int flags = 0;
	unsigned long expires = 0, j0;
	u64 fwd;

	fx_setup(&f);
	j0 = sim_jiffies(f.t.w);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	ping(&f, DST, 1, 100);
	ck_assert_int_eq(f.heard.n, 1);
	/* learnt on the default route's nexthop, for this destination only */
	ck_assert_int_eq(fib_lookup(f.t.h1->net, &fl4, &res, 0), 0);
	fnhe = find_exception(&FIB_RES_NH(res), tl_addr(DST));
	ck_assert_ptr_nonnull(fnhe);
	ck_assert_uint_eq(fnhe->fnhe_gw, tl_addr(R2));
	ck_assert_uint_eq(fnhe->fnhe_pmtu, 0);
	ck_assert_uint_eq(h1_gw(&f, DST, &flags, &expires), tl_addr(R2));
	ck_assert(flags & RTCF_REDIRECTED);
	/* ip_rt_gc_timeout: 300 s */
	ck_assert_uint_eq(fnhe->fnhe_expires, j0 + 300ul * f.t.w->hz);
	ck_assert_uint_eq(expires, fnhe->fnhe_expires);
	ck_assert_uint_eq(h1_gw(&f, "10.0.9.2", NULL, NULL), tl_addr("10.0.1.1"));
	/* the next packets go to 10.0.1.3's MAC: r1 sees them no more */
	fwd = tl_ipmib(f.t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS);
	ping(&f, DST, 2, 100);
	ping(&f, DST, 3, 100);
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), fwd);
	/* flush cache forgets it */
	rt_flush_exceptions(f.t.h1->net);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	fx_teardown(&f);

	/* accept_redirects 0 on the device only: all's 1 still says yes */
	fx_setup(&f);
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), ACCEPT_REDIRECTS, 0);
	ping(&f, DST, 1, 100);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	fx_teardown(&f);

	/* accept_redirects 0 on all and the device: not believed */
	fx_setup(&f);
	accept_off(f.t.h1);
	ping(&f, DST, 1, 100);
	ck_assert_int_eq(f.heard.n, 1);
	ck_assert_uint_eq(h1_gw(&f, DST, &flags, NULL), tl_addr("10.0.1.1"));
	ck_assert(!(flags & RTCF_REDIRECTED));
	fx_teardown(&f);

	/* all 0, the device 1: a host believes (IN_DEV_ORCONF) ... */
	fx_setup(&f);
	IPV4_DEVCONF_ALL(node_net(f.t.h1), ACCEPT_REDIRECTS) = 0;
	ping(&f, DST, 1, 100);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	fx_teardown(&f);

	/* ... a forwarding interface needs both (IN_DEV_ANDCONF) */
	fx_setup(&f);
	IPV4_DEVCONF_ALL(node_net(f.t.h1), ACCEPT_REDIRECTS) = 0;
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), FORWARDING, 1);
	ping(&f, DST, 1, 100);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	fx_teardown(&f);

	/* the new gateway's MAC unknown: resolution starts, nothing learnt yet */
	tl_net3_setup(&f.t);
	route_via(f.t.r1, "10.0.9.0", 24, R2);
	route_via(f.t.h1, "10.0.99.0", 24, R2);
	tl_heard_start(&f.heard, f.t.h1);
	f.now = 0;
	ping(&f, DST, 1, 100);
	ck_assert_int_eq(f.heard.n, 1);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	fx_teardown(&f);
}
END_TEST

START_TEST(test_secure_redirects)
{
	struct fx f;

	/* shared_media (1 by default) takes any unicast gateway: secure_redirects
	 * does not matter */
	tl_net3_setup(&f.t);
	route_via(f.t.r1, "10.0.9.0", 24, R2);
	neigh_permanent(f.t.h1, R2);
	tl_heard_start(&f.heard, f.t.h1);
	f.now = 0;
	ping(&f, DST, 1, 100);
	ck_assert_int_eq(f.heard.n, 1);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	fx_teardown(&f);

	/* shared_media 0 (all and eth0): 10.0.1.3 is no gateway of h1's routes,
	 * refused while secure_redirects */
	tl_net3_setup(&f.t);
	route_via(f.t.r1, "10.0.9.0", 24, R2);
	neigh_permanent(f.t.h1, R2);
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), SHARED_MEDIA, 0);
	IPV4_DEVCONF_ALL(node_net(f.t.h1), SHARED_MEDIA) = 0;
	tl_heard_start(&f.heard, f.t.h1);
	f.now = 0;
	ping(&f, DST, 1, 100);
	ck_assert_int_eq(f.heard.n, 1);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	/* off on the device only: all.secure_redirects still says yes (ORCONF) */
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), SECURE_REDIRECTS, 0);
	ping(&f, DST, 2, 1000);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	/* off on both: any on-link gateway */
	IPV4_DEVCONF_ALL(node_net(f.t.h1), SECURE_REDIRECTS) = 0;
	ping(&f, DST, 3, 1000);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	fx_teardown(&f);

	/* shared_media 0, secure_redirects on, a route of h1 via 10.0.1.3: taken */
	fx_setup(&f);
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), SHARED_MEDIA, 0);
	IPV4_DEVCONF_ALL(node_net(f.t.h1), SHARED_MEDIA) = 0;
	ping(&f, DST, 1, 100);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	fx_teardown(&f);
}
END_TEST

/* a forged redirect about h1's packets to DST, sent by @from's raw socket */
static void forge_redirect(struct node *from, const char *to, const char *new_gw, u8 code)
{
	u8 l4[sizeof(struct icmphdr) + sizeof(struct iphdr) + 8] = { 0 };
	struct icmphdr *ic = (struct icmphdr *)l4;
	struct iphdr *in = (struct iphdr *)(ic + 1);

	ic->type = ICMP_REDIRECT;
	ic->code = code;
	ic->un.gateway = tl_addr(new_gw);
	in->version = 4;
	in->ihl = 5;
	in->ttl = 63;
	in->protocol = IPPROTO_ICMP;
	in->tot_len = htons(84);
	in->saddr = tl_addr("10.0.1.2");
	in->daddr = tl_addr(DST);
	ic->checksum = ip_compute_csum(l4, (int)sizeof(l4));
	tl_send_raw(from, to, NULL, 0, l4, sizeof(l4), false);
}

START_TEST(test_bogus_redirects)
{
	struct fx f;

	fx_setup(&f);
	/* shared_media 0: the new gateway must be on-link as well */
	IN_DEV_CONF_SET(in_dev_of(f.t.h1, "eth0"), SHARED_MEDIA, 0);
	IPV4_DEVCONF_ALL(node_net(f.t.h1), SHARED_MEDIA) = 0;
	neigh_permanent(f.t.h1, "10.0.5.5");
	/* from h2: not the gateway h1 uses for DST */
	forge_redirect(f.t.h2, "10.0.1.2", R2, ICMP_REDIR_HOST);
	f.now += SIM_NSEC_PER_SEC;
	world_run(f.t.w, f.now);
	ck_assert_int_eq(f.heard.n, 1);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	/* from r1, but the new gateway off-link, broadcast, multicast, 0, r1 itself */
	forge_redirect(f.t.r1, "10.0.1.2", "10.0.5.5", ICMP_REDIR_HOST);
	forge_redirect(f.t.r1, "10.0.1.2", "255.255.255.255", ICMP_REDIR_HOST);
	forge_redirect(f.t.r1, "10.0.1.2", "224.0.0.1", ICMP_REDIR_HOST);
	forge_redirect(f.t.r1, "10.0.1.2", "0.0.0.0", ICMP_REDIR_HOST);
	forge_redirect(f.t.r1, "10.0.1.2", "10.0.1.1", ICMP_REDIR_HOST);
	/* an unknown code */
	forge_redirect(f.t.r1, "10.0.1.2", R2, 4);
	f.now += SIM_NSEC_PER_SEC;
	world_run(f.t.w, f.now);
	ck_assert_int_eq(f.heard.n, 7);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr("10.0.1.1"));
	/* the same from r1, right: believed (a net redirect too is taken per host) */
	forge_redirect(f.t.r1, "10.0.1.2", R2, ICMP_REDIR_NET);
	f.now += SIM_NSEC_PER_SEC;
	world_run(f.t.w, f.now);
	ck_assert_uint_eq(h1_gw(&f, DST, NULL, NULL), tl_addr(R2));
	ck_assert_uint_eq(h1_gw(&f, "10.0.9.2", NULL, NULL), tl_addr("10.0.1.1"));
	fx_teardown(&f);
}
END_TEST

static Suite *route_redirect_suite(void)
{
	Suite *s = suite_create("route_redirect");
	TCase *tc = tcase_create("redirect");

	tcase_add_test(tc, test_send_condition);
	tcase_add_test(tc, test_rate_limit);
	tcase_add_test(tc, test_accept);
	tcase_add_test(tc, test_secure_redirects);
	tcase_add_test(tc, test_bogus_redirects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(route_redirect_suite());
}
