/*
 * tests/unit/ipv4/test_route_pmtu.c - nexthop exceptions and PMTU
 * (models/ipv4/route.c: update_or_create_fnhe, __ip_rt_update_pmtu,
 * find_exception, rt_bind_exception, ipv4_mtu, ip_dst_mtu_maybe_forward)
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2), r1's eth1 and
 * h2's eth0 at MTU 576.  h1's listener does what raw_err does with a
 * fragmentation needed: ipv4_update_pmtu() with icmp_unreach's info.
 */
#include "tl_ipv4.h"

#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/route.h"

struct pmtu_sock {
	struct icmp_listener l;
	struct net *net;
	int frag_needed;
	u32 info;
};

static bool pmtu_sock_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct pmtu_sock *ps = container_of(l, struct pmtu_sock, l);
	const struct icmphdr *ic = icmp_hdr(skb);

	if (ic->type == ICMP_DEST_UNREACH && ic->code == ICMP_FRAG_NEEDED) {
		ps->frag_needed++;
		ps->info = info;
		/* raw_err -> ipv4_sk_update_pmtu, on the quoted header */
		ipv4_update_pmtu(ps->net, (const struct iphdr *)(ic + 1), info, 0, 0,
				 IPPROTO_ICMP);
	}
	consume_skb(skb);
	return true;
}

struct fx {
	struct tl_net3 t;
	struct pmtu_sock ps;
};

static void fx_setup(struct fx *f, unsigned int r1_eth1_mtu)
{
	struct sim_err err = { { 0 } };

	tl_net3_setup(&f->t);
	ck_assert_int_eq(dev_set_mtu(tl_dev(f->t.r1, "eth1"), (int)r1_eth1_mtu, &err), 0);
	ck_assert_int_eq(dev_set_mtu(tl_dev(f->t.h2, "eth0"), (int)r1_eth1_mtu, &err), 0);
	f->ps = (struct pmtu_sock){ .l.rcv = pmtu_sock_rcv, .net = f->t.h1->net };
	icmp_listener_add(f->t.h1->net, &f->ps.l);
}

static void fx_teardown(struct fx *f)
{
	icmp_listener_del(f->t.h1->net, &f->ps.l);
	tl_world_free(f->t.w);
}

/* the output route's MTU and lock for @dst from @n, as ip_append_data sees it */
static unsigned int out_mtu(struct node *n, const char *dst, bool *locked)
{
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	struct rtable *rt;
	unsigned int mtu;
	int err = 0;

	rt = ip_route_output_key(n->net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	mtu = dst_mtu(&rt->dst);
	if (locked)
		*locked = ip_mtu_locked(&rt->dst);
	ip_rt_put(rt);
	return mtu;
}

/* h1's default route's nexthop (via 10.0.1.1) */
static struct fib_nh *h1_nh(struct fx *f)
{
	struct flowi4 fl4 = { .daddr = tl_addr("10.0.2.2") };
	struct fib_result res;

	ck_assert_int_eq(fib_lookup(f->t.h1->net, &fl4, &res, 0), 0);
	return &FIB_RES_NH(res);
}

static unsigned long jiffies_of(struct fx *f)
{
	return sim_jiffies(f->t.w);
}

START_TEST(test_frag_needed_creates_exception)
{
	struct fx f;
	struct fib_nh_exception *fnhe;
	bool locked;

	fx_setup(&f, 576);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 1500);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);	/* DF set */
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(f.ps.frag_needed, 1);
	ck_assert_uint_eq(f.ps.info, 576);
	fnhe = find_exception(h1_nh(&f), tl_addr("10.0.2.2"));
	ck_assert_ptr_nonnull(fnhe);
	ck_assert_uint_eq(fnhe->fnhe_pmtu, 576);
	ck_assert(!fnhe->fnhe_mtu_locked);
	/* net.ipv4.route.mtu_expires from now */
	ck_assert_uint_eq(fnhe->fnhe_expires - fnhe->fnhe_stamp,
			  (unsigned long)node_net(f.t.h1)->ipv4.sysctl->ip_rt_mtu_expires);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", &locked), 576);
	ck_assert(!locked);
	/* the exception is for that destination only */
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.3", NULL), 1500);
	ck_assert_ptr_null(find_exception(h1_nh(&f), tl_addr("10.0.2.3")));
	/* a larger report does not raise it */
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 2, 500);
	world_run(f.t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 576);
	/* flush cache forgets it */
	rt_flush_exceptions(f.t.h1->net);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 1500);
	fx_teardown(&f);
}
END_TEST

START_TEST(test_min_pmtu_clamps_and_locks)
{
	struct fx f;
	bool locked;

	fx_setup(&f, 300);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(f.ps.info, 300);
	/* 300 < net.ipv4.route.min_pmtu (552): 552 and locked, `mtu lock 552` */
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", &locked), 552);
	ck_assert(locked);
	fx_teardown(&f);

	/* a lower min_pmtu lets 300 through, unlocked */
	fx_setup(&f, 300);
	ipv4_sysctl_write(node_net(f.t.h1))->ip_rt_min_pmtu = 68;
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", &locked), 300);
	ck_assert(!locked);
	fx_teardown(&f);
}
END_TEST

START_TEST(test_exception_expires_after_mtu_expires)
{
	struct fx f;
	struct fib_nh_exception *fnhe;
	unsigned long expires;

	fx_setup(&f, 576);
	ipv4_sysctl_write(node_net(f.t.h1))->ip_rt_mtu_expires = (int)(5 * f.t.w->hz);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	fnhe = find_exception(h1_nh(&f), tl_addr("10.0.2.2"));
	ck_assert_ptr_nonnull(fnhe);
	expires = fnhe->fnhe_expires;
	/* one jiffy before: still learned */
	world_run(f.t.w, sim_jiffies_to_time(f.t.w, expires - 1));
	ck_assert_uint_eq(jiffies_of(&f), expires - 1);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 576);
	/* at the expiry jiffy the exception is still found, but ipv4_mtu no longer uses it */
	world_run(f.t.w, sim_jiffies_to_time(f.t.w, expires));
	ck_assert_ptr_nonnull(find_exception(h1_nh(&f), tl_addr("10.0.2.2")));
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 1500);
	/* after it, find_exception deletes it */
	world_run(f.t.w, sim_jiffies_to_time(f.t.w, expires + 1));
	ck_assert_ptr_null(find_exception(h1_nh(&f), tl_addr("10.0.2.2")));
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 1500);
	fx_teardown(&f);
}
END_TEST

START_TEST(test_no_pmtu_disc)
{
	struct fx f;
	bool locked;

	/* 1: the 576 is not reported (info 0) and not learned; raw_err still
	 * calls ipv4_sk_update_pmtu, which locks the route at min_pmtu (Linux
	 * 6.18: `cache expires 598sec mtu lock 552`) */
	fx_setup(&f, 576);
	ipv4_sysctl_write(node_net(f.t.h1))->sysctl_ip_no_pmtu_disc = 1;
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(f.ps.frag_needed, 1);
	ck_assert_uint_eq(f.ps.info, 0);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", &locked), 552);
	ck_assert(locked);
	fx_teardown(&f);

	/* 2: the message is dropped, nothing learned */
	fx_setup(&f, 576);
	ipv4_sysctl_write(node_net(f.t.h1))->sysctl_ip_no_pmtu_disc = 2;
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(f.ps.frag_needed, 0);
	ck_assert_uint_eq(out_mtu(f.t.h1, "10.0.2.2", NULL), 1500);
	ck_assert_ptr_null(find_exception(h1_nh(&f), tl_addr("10.0.2.2")));
	fx_teardown(&f);
}
END_TEST

/* r1 learned 1000 for 10.0.2.2 (its link is 1500): forwarding ignores it */
START_TEST(test_forward_ignores_learned_pmtu)
{
	struct fx f;
	struct flowi4 fl4 = { .daddr = tl_addr("10.0.2.2") };
	struct fib_result res;

	fx_setup(&f, 1500);
	ck_assert_int_eq(fib_lookup(f.t.r1->net, &fl4, &res, 0), 0);
	update_or_create_fnhe(&FIB_RES_NH(res), fl4.daddr, 1000, false,
			      sim_jiffies(f.t.w) + 600 * f.t.w->hz);
	ck_assert_uint_eq(out_mtu(f.t.r1, "10.0.2.2", NULL), 1000);	/* r1's own */
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 1400);
	world_run(f.t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(f.ps.frag_needed, 0);
	ck_assert_uint_eq(tl_ipmib(f.t.h2, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_FRAGFAILS), 0);
	/* net.ipv4.ip_forward_use_pmtu = 1: it counts */
	ipv4_sysctl_write(node_net(f.t.r1))->sysctl_ip_fwd_use_pmtu = 1;
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 2, 1400);
	world_run(f.t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(f.ps.frag_needed, 1);
	ck_assert_uint_eq(f.ps.info, 1000);
	ck_assert_uint_eq(tl_ipmib(f.t.r1, IPSTATS_MIB_FRAGFAILS), 1);
	fx_teardown(&f);
}
END_TEST

/* fnhe_hash_bucket: never deeper than FNHE_RECLAIM_DEPTH + 1 (naive oracle: walk them) */
START_TEST(test_bucket_depth_bounded)
{
	struct fx f;
	struct fib_nh *nh;
	unsigned int live = 0;

	fx_setup(&f, 576);
	nh = h1_nh(&f);
	for (u32 i = 0; i < 4 * FNHE_HASH_SIZE; i++)
		update_or_create_fnhe(nh, htonl(0x0A020000u + i), 576, false,
				      sim_jiffies(f.t.w) + 600 * f.t.w->hz);
	for (int b = 0; b < FNHE_HASH_SIZE; b++) {
		int depth = 0;

		for (struct fib_nh_exception *e = nh->nh_cache->nh_exceptions[b].chain; e; e = e->fnhe_next)
			depth++;
		ck_assert_int_le(depth, FNHE_RECLAIM_DEPTH + 1);
		live += (unsigned int)depth;
	}
	ck_assert_uint_gt(live, 0);
	ck_assert_uint_le(live, (FNHE_RECLAIM_DEPTH + 1) * FNHE_HASH_SIZE);
	/* the newest of all is kept */
	ck_assert_ptr_nonnull(find_exception(nh, htonl(0x0A020000u + 4 * FNHE_HASH_SIZE - 1)));
	fx_teardown(&f);
}
END_TEST

static Suite *route_pmtu_suite(void)
{
	Suite *s = suite_create("route_pmtu");
	TCase *tc = tcase_create("fnhe");

	tcase_add_test(tc, test_frag_needed_creates_exception);
	tcase_add_test(tc, test_min_pmtu_clamps_and_locks);
	tcase_add_test(tc, test_exception_expires_after_mtu_expires);
	tcase_add_test(tc, test_no_pmtu_disc);
	tcase_add_test(tc, test_forward_ignores_learned_pmtu);
	tcase_add_test(tc, test_bucket_depth_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(route_pmtu_suite());
}
