/*
 * tests/unit/trace/test_walk.c - the packet walkthrough
 *
 * No kernel counterpart (sim/trace/walk.c, models/core/skb_walk.c).  The
 * engine alone: arming, libpcap's errors, matching, the count.  With the
 * models: an echo request walked from ip_make_skb on h1 to icmp_rcv on h2
 * over the h1 -- r1 -- h2 fixture, the points of a packet kept until it
 * matches, and forgotten when it is freed first.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "linux/skbuff.h"
#include "net/ip.h"
#include "sim/trace/walk.h"
#include "testlib.h"
#include "tl_ipv4.h"
#include "trace/skbwalk.h"

/* ---- frames for the filter ------------------------------------------------ */

/* An Ethernet frame with an IPv4 header of protocol @proto, 10.0.1.2 > 10.0.2.2. */
static unsigned int ipv4_frame(u8 *f, u8 proto)
{
	static const u8 ip[20] = { 0x45, 0, 0, 28, 0, 1, 0, 0, 64, 0, 0, 0,
				   10, 0, 1, 2, 10, 0, 2, 2 };

	memset(f, 0, 14 + 28);
	f[12] = 0x08;
	memcpy(f + 14, ip, sizeof(ip));
	f[14 + 9] = proto;
	f[34] = 8;				/* ICMP echo, or UDP source port 2048 */
	return 14 + 28;
}

static unsigned int arp_frame(u8 *f)
{
	memset(f, 0, 14 + 28);
	memset(f, 0xff, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	return 14 + 28;
}

/* ---- the engine ----------------------------------------------------------- */

START_TEST(test_arm_errors)
{
	struct world *w = tl_world_with("walk", 1, tl_host_modules);
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(sim_walk_arm(w, "icmp and hots 10.0.0.1", 1, &err), -1);
	ck_assert_str_eq(err.msg, "syntax error in filter expression");
	ck_assert(!w->walk_armed);
	ck_assert_int_eq(sim_walk_arm(w, "icmp and", 1, &err), -1);
	ck_assert_str_eq(err.msg, "can't parse filter expression: syntax error");
	ck_assert_int_eq(sim_walk_arm(w, "icmp", 0, &err), -1);
	ck_assert_int_eq(sim_walk_arm(w, "icmp", -3, &err), -1);
	ck_assert(!w->walk_armed);
	ck_assert_int_eq(sim_walk_filter_check("ip proto foo", &err), -1);
	ck_assert_str_eq(err.msg, "unknown ip proto 'foo'");
	ck_assert_int_eq(sim_walk_filter_check("udp port 9", &err), 0);

	/* a bad filter leaves the earlier arming as it was */
	ck_assert_int_eq(sim_walk_arm(w, "icmp", 2, &err), 0);
	ck_assert(w->walk_armed);
	ck_assert_int_eq(sim_walk_arm(w, "(", 1, &err), -1);
	ck_assert(w->walk_armed);
	{
		u8 f[64];
		unsigned int n = ipv4_frame(f, 1);

		ck_assert(sim_walk_match(w, f, n));
	}
	tl_world_free(w);
}
END_TEST

START_TEST(test_match)
{
	struct world *w = tl_world_with("walk", 1, tl_host_modules);
	struct sim_err err = { { 0 } };
	u8 icmp[64], udp[64], arp[64];
	unsigned int ni = ipv4_frame(icmp, 1), nu = ipv4_frame(udp, 17), na = arp_frame(arp);

	ck_assert(!sim_walk_match(w, icmp, ni));	/* not armed */
	ck_assert_int_eq(sim_walk_arm(w, "icmp and host 10.0.2.2", 1, &err), 0);
	ck_assert(sim_walk_match(w, icmp, ni));
	ck_assert(!sim_walk_match(w, udp, nu));
	ck_assert(!sim_walk_match(w, arp, na));
	ck_assert_int_eq(sim_walk_arm(w, "udp src port 2048 or arp", 1, &err), 0);
	ck_assert(!sim_walk_match(w, icmp, ni));
	ck_assert(sim_walk_match(w, udp, nu));
	ck_assert(sim_walk_match(w, arp, na));
	ck_assert_int_eq(sim_walk_arm(w, "", 1, &err), 0);	/* every packet */
	ck_assert(sim_walk_match(w, icmp, ni) && sim_walk_match(w, arp, na));
	sim_walk_disarm(w);
	ck_assert(!w->walk_armed);
	ck_assert(!sim_walk_match(w, icmp, ni));
	tl_world_free(w);
}
END_TEST

START_TEST(test_count)
{
	struct world *w = tl_world_with("walk", 1, tl_host_modules);
	struct sim_err err = { { 0 } };
	char *out = NULL;
	size_t len = 0;

	w->console = open_memstream(&out, &len);
	ck_assert_int_eq(sim_walk_arm(w, "icmp", 2, &err), 0);
	ck_assert_uint_eq(sim_walk_start(w, 10, "first"), 1);
	ck_assert(w->walk_armed);
	ck_assert_uint_eq(sim_walk_start(w, 11, "second"), 2);
	ck_assert(!w->walk_armed);			/* used up */
	ck_assert_uint_eq(sim_walk_start(w, 12, "third"), 0);
	ck_assert_uint_eq(sim_walk_count(w), 2);
	/* arming again numbers on */
	ck_assert_int_eq(sim_walk_arm(w, "icmp", 1, &err), 0);
	ck_assert_uint_eq(sim_walk_start(w, 13, "again"), 3);
	fclose(w->console);
	w->console = stdout;
	ck_assert_str_eq(out, "walk 1: first\nwalk 2: second\nwalk 3: again\n");
	free(out);
	tl_world_free(w);
}
END_TEST

/* A clone on the same node is indented under its parent; a wire copy is not. */
START_TEST(test_indent)
{
	struct world *w = tl_world_with("walk", 1, tl_host_modules);
	struct sim_err err = { { 0 } };
	struct node *a = world_add_node(w, "host", "a", NULL, &err);
	struct node *b = world_add_node(w, "host", "b", NULL, &err);
	struct sim_walk_point p = { .node = a, .skb = 5, .func = "f", .file = "x.c" };
	char *out = NULL;
	size_t len = 0;

	w->console = open_memstream(&out, &len);
	ck_assert_int_eq(sim_walk_arm(w, NULL, 1, &err), 0);
	ck_assert_uint_eq(sim_walk_start(w, 5, "s"), 1);
	sim_walk_record(w, 1, &p);
	p = (struct sim_walk_point){ .node = a, .skb = 6, .parent = 5, .func = "clone",
				     .file = "x.c", .dev = "eth0", .detail = "d" };
	sim_walk_record(w, 1, &p);
	p = (struct sim_walk_point){ .node = b, .skb = 7, .parent = 6, .func = "wire",
				     .file = "y.c" };
	sim_walk_record(w, 1, &p);
	fclose(w->console);
	w->console = stdout;
	ck_assert_str_eq(out,
		"walk 1: s\n"
		"[1] 0.000000000 a    5       f                          x.c"
		"                              -      \n"
		"[1] 0.000000000 a    6<5       clone                    x.c"
		"                              eth0   d\n"
		"[1] 0.000000000 b    7<6       wire                     y.c"
		"                              -      \n");
	free(out);
	tl_world_free(w);
}
END_TEST

/* ---- with the models --------------------------------------------------- */

struct walk_fixture {
	struct tl_net3 t;
	char *out;
	size_t len;
};

static void walk_setup(struct walk_fixture *f, const char *filter, int64_t count)
{
	struct sim_err err = { { 0 } };

	memset(f, 0, sizeof(*f));
	tl_net3_setup(&f->t);
	world_run(f->t.w, SIM_NSEC_PER_SEC);	/* settle: carrier up */
	f->t.w->console = open_memstream(&f->out, &f->len);
	ck_assert_int_eq(sim_walk_arm(f->t.w, filter, count, &err), 0);
}

static void walk_output_end(struct walk_fixture *f)
{
	fclose(f->t.w->console);
	f->t.w->console = stdout;
}

static void walk_teardown(struct walk_fixture *f)
{
	ck_assert_uint_eq(skb_walk_pending_count(f->t.w), 0);
	tl_world_free(f->t.w);
	free(f->out);
}

/* Where @needle is in the output (the order of the lines), or -1. */
static long at(const struct walk_fixture *f, const char *needle)
{
	const char *p = strstr(f->out, needle);

	return p ? p - f->out : -1;
}

START_TEST(test_echo_walk)
{
	struct walk_fixture f;

	walk_setup(&f, "icmp[icmptype] == icmp-echo", 1);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 8);
	world_run(f.t.w, 3 * SIM_NSEC_PER_SEC);
	walk_output_end(&f);
	ck_assert_msg(at(&f, "walk 1: h1 skb ") == 0, "%s", f.out);
	ck_assert_msg(strstr(f.out, ": IP 10.0.1.2 > 10.0.2.2: ICMP echo request, id 4660, seq 1,"
				    " length 16\n"), "%s", f.out);
	/* in the order the kernel calls them, on each node */
	ck_assert_int_ge(at(&f, " h1   "), 0);
	ck_assert_int_lt(at(&f, "ip_make_skb"), at(&f, "ip_local_out"));
	ck_assert_int_lt(at(&f, "ip_local_out"), at(&f, "ip_finish_output2"));
	ck_assert_int_lt(at(&f, "ip_finish_output2"), at(&f, "arp_solicit"));
	ck_assert_int_lt(at(&f, "arp_solicit"), at(&f, "neigh_update"));
	ck_assert_int_lt(at(&f, "neigh_update"), at(&f, "dev_queue_xmit"));
	ck_assert_int_lt(at(&f, "dev_queue_xmit"), at(&f, " r1   "));
	ck_assert_int_lt(at(&f, " r1   "), at(&f, "ip_forward "));
	ck_assert_msg(strstr(f.out, "ip_forward                 models/ipv4/ip_forward.c"
				    "         eth0   ttl 64 -> 63, out eth1"), "%s", f.out);
	ck_assert_int_lt(at(&f, "ip_forward "), at(&f, " h2   "));
	ck_assert_int_lt(at(&f, " h2   "), at(&f, "icmp_rcv"));
	ck_assert_msg(strstr(f.out, "consumed in icmp_rcv\n"), "%s", f.out);
	/* count 1: the reply was not followed */
	ck_assert_ptr_null(strstr(f.out, "walk 2"));
	ck_assert(!f.t.w->walk_armed);
	walk_teardown(&f);
}
END_TEST

/* A socket's points before its IP header exist are kept until it matches. */
START_TEST(test_pending_then_match)
{
	struct walk_fixture f;
	struct net_device *dev;
	struct sk_buff *skb;
	struct iphdr *iph;

	walk_setup(&f, "ip proto 253", 1);
	dev = tl_dev(f.t.h1, "eth0");
	skb = alloc_skb(f.t.h1->net, 256);
	skb_reserve(skb, 128);
	skb_put_zero(skb, 8);
	trace_skb_walk(skb, dev, "before the header");
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 1);
	ck_assert_uint_eq(skb->walk, SKB_WALK_CANDIDATE);	/* made while armed */
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 1;
	iph->protocol = 253;			/* RFC 3692 experiments */
	iph->tot_len = htons((u16)skb->len);
	iph->saddr = tl_addr("10.0.1.2");
	iph->daddr = tl_addr("10.0.2.2");
	trace_skb_walk(skb, dev, "with the header");
	ck_assert_uint_eq(skb->walk, 1);
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 0);
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	walk_output_end(&f);
	ck_assert_msg(at(&f, "walk 1: h1 skb ") == 0, "%s", f.out);
	ck_assert_msg(strstr(f.out, ": IP 10.0.1.2 > 10.0.2.2: proto 253, length 8\n"), "%s", f.out);
	ck_assert_int_gt(at(&f, "before the header"), 0);
	ck_assert_int_lt(at(&f, "before the header"), at(&f, "with the header"));
	ck_assert_int_lt(at(&f, "with the header"), at(&f, "kfree_skb_reason"));
	ck_assert_msg(strstr(f.out, "h1   1       kfree_skb_reason           models/core/skbuff.c"
				    "             -      drop reason NOT_SPECIFIED in test_pending"),
		      "%s", f.out);
	walk_teardown(&f);
}
END_TEST

/* A packet freed before it matched leaves nothing behind. */
START_TEST(test_pending_dropped_on_free)
{
	struct walk_fixture f;
	struct sk_buff *skb[3];

	walk_setup(&f, "udp port 9", 1);
	for (int i = 0; i < 3; i++) {
		skb[i] = alloc_skb(f.t.h1->net, 64);
		trace_skb_walk(skb[i], tl_dev(f.t.h1, "eth0"), "point %d", i);
		trace_skb_walk(skb[i], tl_dev(f.t.h1, "eth0"), "again %d", i);
	}
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 3);
	kfree_skb_reason(skb[1], SKB_DROP_REASON_NOT_SPECIFIED);
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 2);
	consume_skb(skb[0]);
	consume_skb(skb[2]);
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 0);
	walk_output_end(&f);
	ck_assert_str_eq(f.out, "");
	ck_assert(f.t.w->walk_armed);
	walk_teardown(&f);
}
END_TEST

/* Nothing is recorded or kept once the count is used up. */
START_TEST(test_disarmed_records_nothing)
{
	struct walk_fixture f;
	struct sk_buff *skb;
	size_t before;

	walk_setup(&f, "icmp", 1);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 1, 8);
	world_run(f.t.w, 3 * SIM_NSEC_PER_SEC);
	ck_assert(!f.t.w->walk_armed);
	fflush(f.t.w->console);
	before = f.len;
	skb = alloc_skb(f.t.h1->net, 64);
	trace_skb_walk(skb, tl_dev(f.t.h1, "eth0"), "unseen");
	ck_assert_uint_eq(skb_walk_pending_count(f.t.w), 0);
	consume_skb(skb);
	tl_send_echo(f.t.h1, "10.0.2.2", 64, 2, 8);
	world_run(f.t.w, 6 * SIM_NSEC_PER_SEC);
	walk_output_end(&f);
	ck_assert_uint_eq(f.len, before);
	ck_assert_uint_eq(sim_walk_count(f.t.w), 1);
	walk_teardown(&f);
}
END_TEST

static Suite *walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("engine");

	tcase_add_test(tc, test_arm_errors);
	tcase_add_test(tc, test_match);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_indent);
	suite_add_tcase(s, tc);
	tc = tcase_create("models");
	tcase_add_test(tc, test_echo_walk);
	tcase_add_test(tc, test_pending_then_match);
	tcase_add_test(tc, test_pending_dropped_on_free);
	tcase_add_test(tc, test_disarmed_records_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(walk_suite());
}
