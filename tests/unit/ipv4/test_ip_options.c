/*
 * tests/unit/ipv4/test_ip_options.c - IPv4 options
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2).  h1 sends
 * ICMP echo replies carrying options to h2, whose ICMP listener sees the
 * header after r1 and h2 did their part: record route, the three
 * timestamp flavours, padding after END, source routes (loose, through
 * the router's own addresses, strict), and options in fragments.  Broken
 * options are answered by r1 with parameter problem pointing at the bad
 * byte.  Timestamps are taken at 1.234 s of simulated time: 1234 ms
 * after the (simulated) midnight.
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>
#include <errno.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "sim/sh.h"

#define T1234		0, 0, 0x04, 0xd2	/* htonl(1234): ms since midnight */
#define R1_IN		10, 0, 1, 1
#define R1_OUT		10, 0, 2, 1
#define H2		10, 0, 2, 2
#define H1		10, 0, 1, 2

static void accept_source_route(struct tl_net3 *t)
{
	tl_sysctl(t->r1, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
	tl_sysctl(t->h2, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
}

/* tl_net3_setup's h1 -- r1 -- h2, at 1.234 s: timestamps read 1234 ms */
static void setup3(struct tl_net3 *t)
{
	tl_net3_setup(t);
	world_run(t->w, 1234 * SIM_NSEC_PER_MSEC);
}

/* ---- sending ------------------------------------------------------------------ */

/*
 * send_with_options - an ICMP message of @type (id 0x4242) with @datalen
 * bytes, and @opts in its IP header, from @n to @dst, as a raw socket with
 * IP_HDRINCL would send it.
 */
static void send_with_options(struct node *n, const char *dst, u8 type, const u8 *opts,
			      unsigned int optlen, unsigned int datalen)
{
	u8 *l4 = g_malloc(sizeof(struct icmphdr) + datalen);
	unsigned int len = tl_make_icmp(l4, type, 0x4242, 0, datalen);

	tl_send_raw(n, dst, opts, optlen, l4, len, false);
	g_free(l4);
}

/* ---- what r1 and h2 write into options ------------------------------------------- */

static const struct fwd_case {
	const char *name;
	const char *dst;
	bool srr;			/* accept_source_route on r1 and h2 */
	u8 in[24], out[24];		/* as h1 sent them; as h2's stack delivered them */
	unsigned int len;
} fwd_cases[] = {
	/* RFC 791 3.1: a router records the address it forwards from, the host its own */
	{ "record route", "10.0.2.2", false,
	  { IPOPT_NOOP, IPOPT_RR, 11, 4 },
	  { IPOPT_NOOP, IPOPT_RR, 11, 12, R1_OUT, H2 }, 12 },
	{ "record route full", "10.0.2.2", false,
	  { IPOPT_NOOP, IPOPT_RR, 7, 8, 9, 9, 9, 9 },
	  { IPOPT_NOOP, IPOPT_RR, 7, 8, 9, 9, 9, 9 }, 8 },
	{ "timestamps only", "10.0.2.2", false,
	  { IPOPT_TS, 12, 5, 0x00 },
	  { IPOPT_TS, 12, 13, 0x00, T1234, T1234 }, 12 },
	/* the router records its address towards the source: it is noted on receipt */
	{ "timestamps and addresses", "10.0.2.2", false,
	  { IPOPT_TS, 20, 5, 0x01 },
	  { IPOPT_TS, 20, 21, 0x01, R1_IN, T1234, H2, T1234 }, 20 },
	{ "prespecified, r1 first", "10.0.2.2", false,
	  { IPOPT_TS, 20, 5, 0x03, R1_IN, 0, 0, 0, 0, H2 },
	  { IPOPT_TS, 20, 21, 0x03, R1_IN, T1234, H2, T1234 }, 20 },
	{ "prespecified, h2 first", "10.0.2.2", false,
	  { IPOPT_TS, 20, 5, 0x03, H2, 0, 0, 0, 0, R1_IN },
	  { IPOPT_TS, 20, 13, 0x03, H2, T1234, R1_IN, 0, 0, 0, 0 }, 20 },
	{ "timestamp overflow", "10.0.2.2", false,
	  { IPOPT_TS, 8, 9, 0x00 },
	  { IPOPT_TS, 8, 9, 0x20 }, 8 },
	{ "garbage after END", "10.0.2.2", false,
	  { IPOPT_NOOP, IPOPT_END, 5, 6 },
	  { IPOPT_NOOP, IPOPT_END, IPOPT_END, IPOPT_END }, 4 },
	{ "router alert", "10.0.2.2", false,
	  { IPOPT_RA, 4, 0, 0 },
	  { IPOPT_RA, 4, 0, 0 }, 4 },
	{ "security", "10.0.2.2", false,
	  { IPOPT_SEC, 4, 1, 2 },
	  { IPOPT_SEC, 4, 1, 2 }, 4 },
	{ "CIPSO", "10.0.2.2", false,
	  { IPOPT_CIPSO, 8, 0, 0, 0, 3, 1, 2 },
	  { IPOPT_CIPSO, 8, 0, 0, 0, 3, 1, 2 }, 8 },
	/* RFC 791 3.1: the router puts its own address where the next hop was */
	{ "loose source route", "10.0.1.1", true,
	  { IPOPT_NOOP, IPOPT_LSRR, 7, 4, H2 },
	  { IPOPT_NOOP, IPOPT_LSRR, 7, 8, R1_OUT }, 8 },
	/* r1 skips its own 10.0.2.1 and routes on to h2 */
	{ "source route through our own address", "10.0.1.1", true,
	  { IPOPT_NOOP, IPOPT_LSRR, 11, 4, R1_OUT, H2 },
	  { IPOPT_NOOP, IPOPT_LSRR, 11, 12, R1_OUT, R1_OUT }, 12 },
};

START_TEST(test_forwarded_options)
{
	const struct fwd_case *c = &fwd_cases[_i];
	const struct iphdr *seen, *wire;
	struct tl_heard h;
	struct tl_tap tap;
	struct tl_net3 t;

	setup3(&t);
	if (c->srr)
		accept_source_route(&t);
	tl_heard_start(&h, t.h2);
	tl_tap_start(&tap, t.h2, "eth0");
	send_with_options(t.h1, c->dst, ICMP_ECHOREPLY, c->in, c->len, 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	ck_assert_msg(h.n == 1, "%s: %d heard", c->name, h.n);
	seen = (const struct iphdr *)h.pkt->data;
	ck_assert_msg(seen->daddr == tl_addr("10.0.2.2"), "%s", c->name);
	ck_assert_msg(memcmp(seen + 1, c->out, c->len) == 0, "%s: options", c->name);
	ck_assert_msg(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS) == 1, "%s", c->name);
	ck_assert_msg(tl_ipmib(t.r1, IPSTATS_MIB_INHDRERRORS) == 0, "%s", c->name);
	/* r1 fixed the header checksum after changing options or destination */
	ck_assert_uint_eq(tap.pkts->len, 1);
	wire = (const struct iphdr *)((GByteArray *)g_ptr_array_index(tap.pkts, 0))->data;
	ck_assert_msg(ip_fast_csum(wire, wire->ihl) == 0, "%s: checksum", c->name);
	ck_assert_msg(wire->ttl == 63, "%s", c->name);
	tl_tap_stop(&tap, t.h2);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* ---- broken options: parameter problem from r1 ----------------------------------- */

static const struct bad_case {
	const char *name;
	const char *dst;
	bool srr;
	u8 opts[8];
	unsigned int pointer;		/* offset of the offending byte in the header */
	u64 inhdr;			/* r1's InHdrErrors */
	unsigned int reply_ihl;		/* 0: 5; more: the answer echoes an option */
	bool lost;			/* the echoed option is bad: h1 drops the answer */
} bad_cases[] = {
	{ "longer than the header", "10.0.2.2", false, { IPOPT_RR, 40, 4, 0 }, 20, 1, 0, false },
	{ "length below 2", "10.0.2.2", false, { IPOPT_NOOP, IPOPT_RR, 1, 0 }, 21, 1, 0, false },
	{ "cut after its type", "10.0.2.2", false,
	  { IPOPT_NOOP, IPOPT_NOOP, IPOPT_NOOP, IPOPT_RR }, 23, 1, 0, false },
	{ "record route too short", "10.0.2.2", false,
	  { IPOPT_RR, 2, IPOPT_NOOP, IPOPT_NOOP }, 21, 1, 0, false },
	{ "record route pointer below 4", "10.0.2.2", false, { IPOPT_RR, 7, 3 }, 22, 1, 0, false },
	{ "record route without room", "10.0.2.2", false, { IPOPT_RR, 6, 4 }, 22, 1, 0, false },
	/* the first, full, is echoed in the answer: { RR, 3, 4, END } */
	{ "two record routes", "10.0.2.2", false,
	  { IPOPT_RR, 3, 4, IPOPT_RR, 3, 4 }, 23, 1, 6, false },
	{ "timestamp too short", "10.0.2.2", false, { IPOPT_TS, 3, 5, 0 }, 21, 1, 0, false },
	{ "timestamp pointer below 5", "10.0.2.2", false, { IPOPT_TS, 8, 4, 0 }, 22, 1, 0, false },
	{ "timestamp overflow at 15", "10.0.2.2", false,
	  { IPOPT_TS, 8, 9, 0xf0 }, 23, 1, 0, false },
	{ "timestamp and address without room", "10.0.2.2", false,
	  { IPOPT_TS, 8, 5, 0x01 }, 22, 1, 0, false },
	{ "router alert too short", "10.0.2.2", false,
	  { IPOPT_RA, 2, IPOPT_NOOP, IPOPT_NOOP }, 21, 1, 0, false },
	{ "source route pointer below 4", "10.0.2.2", false,
	  { IPOPT_LSRR, 7, 3 }, 22, 1, 0, false },
	/* RFC 1812 5.2.4.1 */
	{ "two source routes", "10.0.2.2", false,
	  { IPOPT_LSRR, 3, 4, IPOPT_SSRR, 3, 4 }, 23, 1, 0, false },
	/*
	 * CIPSO is noted before it is checked, so the answer echoes it: h1
	 * finds the same fault in the parameter problem and drops it, as
	 * Linux does
	 */
	{ "CIPSO too short", "10.0.2.2", false, { IPOPT_CIPSO, 6, 0, 0, 0, 1 }, 21, 1, 7, true },
	{ "CIPSO without a DOI", "10.0.2.2", false, { IPOPT_CIPSO, 8, 0, 0, 0, 0, 1, 2 }, 22, 1,
	  7, true },
	/* ip_options_rcv_srr: not header errors, but answered the same way */
	{ "strict route through a gateway", "10.0.2.2", true,
	  { IPOPT_NOOP, IPOPT_SSRR, 7, 4, H2 }, 16, 0, 0, false },
	{ "source route cut mid-address", "10.0.1.1", true,
	  { IPOPT_NOOP, IPOPT_LSRR, 6, 4, 10, 0, 2 }, 23, 0, 0, false },
};

START_TEST(test_bad_options_get_parameter_problem)
{
	const struct bad_case *c = &bad_cases[_i];
	struct tl_heard h1, h2;
	struct tl_net3 t;
	unsigned int ihl;

	setup3(&t);
	if (c->srr)
		accept_source_route(&t);
	tl_heard_start(&h1, t.h1);
	tl_heard_start(&h2, t.h2);
	send_with_options(t.h1, c->dst, ICMP_ECHOREPLY, c->opts, sizeof(c->opts), 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_msg(tl_icmp_out(t.r1, ICMP_PARAMETERPROB) == 1, "%s", c->name);
	if (c->lost) {
		ck_assert_msg(h1.n == 0, "%s: %d heard", c->name, h1.n);
		ck_assert_msg(tl_ipmib(t.h1, IPSTATS_MIB_INHDRERRORS) == 1, "%s", c->name);
		ck_assert_msg(tl_icmp_out(t.h1, ICMP_PARAMETERPROB) == 0, "%s", c->name);
		goto out;
	}
	ck_assert_msg(h1.n == 1, "%s: %d heard", c->name, h1.n);
	ihl = ((const struct iphdr *)h1.pkt->data)->ihl;
	ck_assert_msg(ihl == (c->reply_ihl ? c->reply_ihl : 5u), "%s: ihl %u", c->name, ihl);
	ck_assert_msg(h1.type == ICMP_PARAMETERPROB && h1.code == 0, "%s: %d/%d", c->name, h1.type,
		      h1.code);
	ck_assert_msg(h1.from == tl_addr("10.0.1.1"), "%s", c->name);
	ck_assert_msg(ntohl(h1.info) >> 24 == c->pointer, "%s: pointer %u", c->name,
		      ntohl(h1.info) >> 24);
	ck_assert_msg(tl_ipmib(t.r1, IPSTATS_MIB_INHDRERRORS) == c->inhdr, "%s", c->name);
out:
	ck_assert_msg(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS) == 0, "%s", c->name);
	ck_assert_msg(h2.n == 0, "%s", c->name);
	tl_heard_stop(&h2, t.h2);
	tl_heard_stop(&h1, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* accept_source_route is 0 for "all" by default: source-routed packets die quietly */
START_TEST(test_source_route_refused_by_default)
{
	static const u8 lsrr[8] = { IPOPT_NOOP, IPOPT_LSRR, 7, 4, H2 };
	struct tl_heard h1, h2;
	struct tl_net3 t;

	setup3(&t);
	tl_heard_start(&h1, t.h1);
	tl_heard_start(&h2, t.h2);
	send_with_options(t.h1, "10.0.1.1", ICMP_ECHOREPLY, lsrr, sizeof(lsrr), 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h1.n, 0);
	ck_assert_int_eq(h2.n, 0);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INRECEIVES), 1);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INDELIVERS), 0);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 0);
	tl_heard_stop(&h2, t.h2);
	tl_heard_stop(&h1, t.h1);
	tl_world_free(t.w);
}
END_TEST

/*
 * an echo request with an empty record route (sent raw: h1 records
 * nothing) comes back with the route there and back: r1 out, h2, h2 again
 * as the reply's sender (ip_options_echo + ip_options_build), r1 towards
 * h1, and h1 on receipt.  The answer echoes the option alone (END-padded,
 * without the NOOP in front of it).
 */
START_TEST(test_echo_with_record_route)
{
	static const u8 rr[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };
	static const u8 back[40] = { IPOPT_RR, 39, 24, R1_OUT, H2, H2, R1_IN, H1 };
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t);
	tl_heard_start(&h, t.h1);
	send_with_options(t.h1, "10.0.2.2", ICMP_ECHO, rr, sizeof(rr), 56);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(((const struct iphdr *)h.pkt->data)->ihl, 15);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, back, sizeof(back)), 0);
	ck_assert_uint_eq(h.pkt->len, 60 + 8 + 56);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* ---- options we send: IP_OPTIONS bytes (ip_options_get) ------------------------------ */

/*
 * send_echo_opt - an ICMP echo request (id 0x4242, @seq, @datalen bytes
 * of pattern) from @n to @dst with the options a socket was given as
 * @opts, the way a raw or ping socket would send it: ip_options_get,
 * ip_options_flowi4, the route, ip_push_skb_opt.  @headroom: what the
 * sender reserved in front of the ICMP header.  Returns ip_push_skb_opt's
 * result, or the routing error.
 */
static int send_echo_opt(struct node *n, const char *dst, const u8 *opts, int optlen,
			 unsigned int datalen, bool df, unsigned int headroom, u8 ttl)
{
	struct net *net = n->net;
	struct ip_options_data *opt = NULL;
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	struct sk_buff *skb;
	struct icmphdr *ic;
	struct rtable *rt;
	u8 *data;
	int err = 0;

	ck_assert_int_eq(ip_options_get(net, &opt, opts, optlen), 0);
	ck_assert_int_eq(ip_options_flowi4(opt, &fl4), 0);
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		g_free(opt);
		return err;
	}
	skb = alloc_skb(net, headroom + sizeof(*ic) + datalen);
	skb_reserve(skb, (int)headroom);
	ic = skb_put_zero(skb, sizeof(*ic));
	data = skb_put(skb, datalen);
	for (unsigned int i = 0; i < datalen; i++)
		data[i] = tl_pattern(i);
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(0x4242);
	ic->un.echo.sequence = htons(1);
	ic->checksum = ip_compute_csum(ic, (int)(sizeof(*ic) + datalen));
	err = ip_push_skb_opt(net, NULL, skb, rt, fl4.saddr, tl_addr(dst), IPPROTO_ICMP, 0, ttl, df,
			      opt);
	ip_rt_put(rt);
	g_free(opt);
	return err;
}

/*
 * What an echo request's options look like back at h1 in the reply, sent
 * with the bytes @in (as for setsockopt), on h1's wire (@first, after h1
 * did its part) and in the reply h1 receives (@back, after h1 did its
 * part on receipt).  r1 records its outgoing address in record route,
 * its receiving one in timestamps (it notes them on receipt); h2 answers
 * continuing the option, as its own next hop (echoing options alone,
 * END-padded: a NOOP in front is not echoed).
 */
static const struct echo_case {
	const char *name;
	u8 in[40], first[40], back[40];
	int len;
} echo_cases[] = {
	/* ping -R: h1, r1 out, h2, h2 (the reply's sender), r1 towards h1, h1 */
	{ "record route",
	  { IPOPT_NOOP, IPOPT_RR, 39, 4 },
	  { IPOPT_NOOP, IPOPT_RR, 39, 8, H1 },
	  { IPOPT_RR, 39, 28, H1, R1_OUT, H2, H2, R1_IN, H1 }, 40 },
	/* ping -T tsandaddr: four pairs, then the overflow nibble counts r1 and h1 */
	{ "timestamps and addresses",
	  { IPOPT_TS, 36, 5, IPOPT_TS_TSANDADDR },
	  { IPOPT_TS, 36, 13, IPOPT_TS_TSANDADDR, H1, T1234 },
	  { IPOPT_TS, 36, 37, 0x20 | IPOPT_TS_TSANDADDR, H1, T1234, R1_IN, T1234, H2, T1234,
	    H2, T1234 }, 36 },
	/* ping -T tsonly: nine stamps, six hops */
	{ "timestamps only",
	  { IPOPT_TS, 40, 5, IPOPT_TS_TSONLY },
	  { IPOPT_TS, 40, 9, IPOPT_TS_TSONLY, T1234 },
	  { IPOPT_TS, 40, 29, IPOPT_TS_TSONLY, T1234, T1234, T1234, T1234, T1234, T1234 }, 40 },
	/* ping -T tsprespec h1 r1 h2 h2: each stamps its turn, full at h2's answer */
	{ "prespecified timestamps",
	  { IPOPT_TS, 36, 5, IPOPT_TS_PRESPEC, H1, 0, 0, 0, 0, R1_IN, 0, 0, 0, 0, H2, 0, 0, 0, 0,
	    H2 },
	  { IPOPT_TS, 36, 13, IPOPT_TS_PRESPEC, H1, T1234, R1_IN, 0, 0, 0, 0, H2, 0, 0, 0, 0, H2 },
	  { IPOPT_TS, 36, 37, IPOPT_TS_PRESPEC, H1, T1234, R1_IN, T1234, H2, T1234, H2,
	    T1234 }, 36 },
	/* both, END-padded: record route fills up at h2's answer, timestamps overflow */
	{ "record route and timestamps",
	  { IPOPT_RR, 19, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    IPOPT_TS, 20, 5, IPOPT_TS_TSONLY },
	  { IPOPT_RR, 19, 8, H1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    IPOPT_TS, 20, 9, IPOPT_TS_TSONLY, T1234 },
	  { IPOPT_RR, 19, 20, H1, R1_OUT, H2, H2,
	    IPOPT_TS, 20, 21, 0x20 | IPOPT_TS_TSONLY, T1234, T1234, T1234, T1234 }, 39 },
};

START_TEST(test_echo_reply_carries_options_back)
{
	const struct echo_case *c = &echo_cases[_i];
	const struct iphdr *wire;
	u8 first[40], back[40];
	struct tl_tap tap1, tapr;
	struct tl_heard h;
	struct tl_net3 t;

	/* what we compare: the padded bytes (ip_options_get pads with END) */
	memcpy(first, c->first, sizeof(first));
	memcpy(back, c->back, sizeof(back));
	setup3(&t);
	tl_heard_start(&h, t.h1);
	tl_tap_start(&tapr, t.r1, "eth0");
	tl_tap_start(&tap1, t.h1, "eth0");
	/* a sender that left room for a bare header: the options' room is made */
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", c->in, c->len, 56, true,
				       sizeof(struct iphdr), 64), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	/* h1's request on the wire: its own entry, a fresh checksum */
	ck_assert_uint_eq(tapr.pkts->len, 1);
	wire = tl_tap_iph(&tapr, 0);
	ck_assert_uint_eq(wire->ihl, 5 + (c->len + 3) / 4);
	ck_assert_uint_eq(ntohs(wire->tot_len), wire->ihl * 4 + 8 + 56);
	ck_assert_uint_eq(ip_fast_csum(wire, wire->ihl), 0);
	ck_assert_uint_eq(wire->daddr, tl_addr("10.0.2.2"));
	ck_assert_msg(memcmp(wire + 1, first, wire->ihl * 4u - 20) == 0, "%s: sent", c->name);
	/* the reply as it reached h1 (checksum of r1's making) and as h1 delivered it */
	ck_assert_uint_eq(tap1.pkts->len, 1);
	wire = tl_tap_iph(&tap1, 0);
	ck_assert_uint_eq(ip_fast_csum(wire, wire->ihl), 0);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(((const struct iphdr *)h.pkt->data)->ihl, wire->ihl);
	ck_assert_msg(memcmp(h.pkt->data + 20, back, wire->ihl * 4u - 20) == 0, "%s: back",
		      c->name);
	ck_assert_uint_eq(h.pkt->len, wire->ihl * 4u + 8 + 56);
	for (unsigned int i = 0; i < 56; i++)
		ck_assert_uint_eq(h.pkt->data[wire->ihl * 4u + 8 + i], tl_pattern(i));
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 2);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_INHDRERRORS), 0);
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_ECHOREPLY), 1);
	tl_tap_stop(&tap1, t.h1);
	tl_tap_stop(&tapr, t.r1);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/*
 * A loose source route through r1: h1's datagram goes to the first hop
 * (10.0.1.1) with h2 in the route's last slot; r1 sends it on to h2,
 * leaving its own address; h2's reply follows the route back reversed,
 * to r1 first with h1 in the last slot.
 */
START_TEST(test_loose_source_route_first_hop)
{
	static const u8 lsrr[8] = { IPOPT_NOOP, IPOPT_LSRR, 7, 4, R1_IN };
	static const u8 at_r1[8] = { IPOPT_NOOP, IPOPT_LSRR, 7, 4, H2 };
	static const u8 at_h2[8] = { IPOPT_NOOP, IPOPT_LSRR, 7, 8, R1_OUT };
	static const u8 reply_at_r1[8] = { IPOPT_LSRR, 7, 4, H1, IPOPT_END };
	static const u8 reply_at_h1[8] = { IPOPT_LSRR, 7, 8, R1_IN, IPOPT_END };
	struct ip_options_data *opt = NULL;
	struct flowi4 fl4 = { .daddr = tl_addr("10.0.2.2") };
	struct tl_tap tap1, tapr, tapr1, tap2;
	const struct iphdr *w;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t);
	accept_source_route(&t);
	tl_sysctl(t.h1, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
	/* the compiled options: the first hop taken out of the list */
	ck_assert_int_eq(ip_options_get(t.h1->net, &opt, lsrr, sizeof(lsrr)), 0);
	ck_assert_uint_eq(opt->opt.optlen, 8);
	ck_assert_uint_eq(opt->opt.srr, 21);
	ck_assert_int_eq(opt->opt.is_strictroute, 0);
	ck_assert_uint_eq(opt->opt.faddr, tl_addr("10.0.1.1"));
	ck_assert_int_eq(ip_options_flowi4(opt, &fl4), 0);
	ck_assert_uint_eq(fl4.daddr, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(fl4.flowi4_scope, RT_SCOPE_UNIVERSE);
	g_free(opt);

	tl_heard_start(&h, t.h1);
	tl_tap_start(&tapr, t.r1, "eth0");
	tl_tap_start(&tapr1, t.r1, "eth1");
	tl_tap_start(&tap2, t.h2, "eth0");
	tl_tap_start(&tap1, t.h1, "eth0");
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", lsrr, sizeof(lsrr), 16, true, 128, 64), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	ck_assert_uint_eq(tapr.pkts->len, 1);
	w = tl_tap_iph(&tapr, 0);
	ck_assert_uint_eq(w->daddr, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(w->ihl, 7);
	ck_assert_int_eq(memcmp(w + 1, at_r1, sizeof(at_r1)), 0);
	ck_assert_uint_eq(ip_fast_csum(w, w->ihl), 0);
	ck_assert_uint_eq(tap2.pkts->len, 1);
	w = tl_tap_iph(&tap2, 0);
	ck_assert_uint_eq(w->daddr, tl_addr("10.0.2.2"));
	ck_assert_uint_eq(w->saddr, tl_addr("10.0.1.2"));
	ck_assert_int_eq(memcmp(w + 1, at_h2, sizeof(at_h2)), 0);
	ck_assert_uint_eq(ip_fast_csum(w, w->ihl), 0);
	/* the reply: to r1 (the address it recorded) first, with h1 last in the route */
	ck_assert_uint_eq(tapr1.pkts->len, 1);
	w = tl_tap_iph(&tapr1, 0);
	ck_assert_uint_eq(w->saddr, tl_addr("10.0.2.2"));
	ck_assert_uint_eq(w->daddr, tl_addr("10.0.2.1"));
	ck_assert_uint_eq(w->ihl, 7);
	ck_assert_int_eq(memcmp(w + 1, reply_at_r1, sizeof(reply_at_r1)), 0);
	ck_assert_uint_eq(ip_fast_csum(w, w->ihl), 0);
	ck_assert_uint_eq(tap1.pkts->len, 1);
	w = tl_tap_iph(&tap1, 0);
	ck_assert_uint_eq(w->saddr, tl_addr("10.0.2.2"));
	ck_assert_uint_eq(w->daddr, tl_addr("10.0.1.2"));
	ck_assert_uint_eq(w->ihl, 7);
	ck_assert_int_eq(memcmp(w + 1, reply_at_h1, sizeof(reply_at_h1)), 0);
	ck_assert_uint_eq(ip_fast_csum(w, w->ihl), 0);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, reply_at_h1, sizeof(reply_at_h1)), 0);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 2);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INDELIVERS), 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	tl_tap_stop(&tap1, t.h1);
	tl_tap_stop(&tap2, t.h2);
	tl_tap_stop(&tapr1, t.r1);
	tl_tap_stop(&tapr, t.r1);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* ---- options and fragments --------------------------------------------------------- */

START_TEST(test_record_route_only_in_the_first_fragment)
{
	static const u8 rr[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };
	static const u8 seen_rr[12] = { IPOPT_NOOP, IPOPT_RR, 39, 12, R1_OUT, H2 };
	static const u8 wire_rr[8] = { IPOPT_NOOP, IPOPT_RR, 39, 8, R1_OUT };
	struct sim_err err = { { 0 } };
	u8 noops[40];
	struct tl_heard h;
	struct tl_tap tap;
	struct tl_net3 t;

	setup3(&t);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.r1, "eth1"), 576, &err), 0);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.h2, "eth0"), 576, &err), 0);
	tl_heard_start(&h, t.h2);
	tl_tap_start(&tap, t.h2, "eth0");
	send_with_options(t.h1, "10.0.2.2", ICMP_ECHOREPLY, rr, sizeof(rr), 1400);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	/* (576 - 60) & ~7 = 512 bytes a fragment, every one with a 60-byte header */
	memset(noops, IPOPT_NOOP, sizeof(noops));
	ck_assert_uint_eq(tap.pkts->len, 3);
	for (unsigned int i = 0; i < 3; i++) {
		const struct iphdr *f =
			(const struct iphdr *)((GByteArray *)g_ptr_array_index(tap.pkts, i))->data;

		ck_assert_uint_eq(f->ihl, 15);
		ck_assert_uint_eq(ntohs(f->tot_len), 60 + (i < 2 ? 512 : 1408 - 1024));
		ck_assert_uint_eq(ip_fast_csum(f, f->ihl), 0);
		if (i == 0)
			ck_assert_int_eq(memcmp(f + 1, wire_rr, sizeof(wire_rr)), 0);
		else
			ck_assert_int_eq(memcmp(f + 1, noops, sizeof(noops)), 0);
	}
	/* the datagram has fragment 0's header, with h2's own entry added */
	ck_assert_int_eq(h.n, 1);
	ck_assert_uint_eq(h.pkt->len, 60 + 1408);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, seen_rr, sizeof(seen_rr)), 0);
	for (unsigned int i = 0; i < 1400; i++)
		ck_assert_uint_eq(h.pkt->data[60 + 8 + i], tl_pattern(i));
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGCREATES), 3);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	tl_tap_stop(&tap, t.h2);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/*
 * A strict source route's first hop must be on link (ip_sendmsg_scope):
 * through r1 the echo goes and comes back; through 10.0.2.1, which h1
 * reaches only by a gateway, there is no route.
 */
START_TEST(test_strict_source_route_first_hop)
{
	static const u8 via_r1[8] = { IPOPT_NOOP, IPOPT_SSRR, 7, 4, R1_IN };
	static const u8 via_far[8] = { IPOPT_NOOP, IPOPT_SSRR, 7, 4, R1_OUT };
	static const u8 at_h1[8] = { IPOPT_SSRR, 7, 8, R1_IN, IPOPT_END };
	struct ip_options_data *opt = NULL;
	struct flowi4 fl4 = { .daddr = tl_addr("10.0.2.2") };
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t);
	accept_source_route(&t);
	tl_sysctl(t.h1, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
	ck_assert_int_eq(ip_options_get(t.h1->net, &opt, via_far, sizeof(via_far)), 0);
	ck_assert_int_eq(opt->opt.is_strictroute, 1);
	ck_assert_int_eq(ip_options_flowi4(opt, &fl4), 0);
	ck_assert_uint_eq(fl4.daddr, tl_addr("10.0.2.1"));
	ck_assert_uint_eq(fl4.flowi4_scope, RT_SCOPE_LINK);
	/* a source route needs a destination to end it */
	fl4.daddr = 0;
	ck_assert_int_eq(ip_options_flowi4(opt, &fl4), -EINVAL);
	g_free(opt);
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", via_far, sizeof(via_far), 16, true, 128,
				       64), -ENETUNREACH);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_OUTREQUESTS), 0);

	tl_heard_start(&h, t.h1);
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", via_r1, sizeof(via_r1), 16, true, 128,
				       64), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(h.from, tl_addr("10.0.2.2"));
	ck_assert_int_eq(memcmp(h.pkt->data + 20, at_h1, sizeof(at_h1)), 0);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 2);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/*
 * ICMP errors echo the offending packet's options too (__icmp_send): r1's
 * time exceeded for h1's echo with record route continues the route with
 * r1's own entry, and quotes the header as r1 saw it.
 */
START_TEST(test_error_carries_options_back)
{
	static const u8 rr[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };
	static const u8 back[40] = { IPOPT_RR, 39, 20, H1, R1_IN, R1_IN, H1 };
	static const u8 quoted[40] = { IPOPT_NOOP, IPOPT_RR, 39, 12, H1, R1_IN };
	const struct iphdr *inner;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t);
	tl_heard_start(&h, t.h1);
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", rr, sizeof(rr), 56, true, 128, 1), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_TIME_EXCEEDED);
	ck_assert_uint_eq(h.from, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(((const struct iphdr *)h.pkt->data)->ihl, 15);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, back, sizeof(back)), 0);
	/* all of the offending datagram fits in 576 - 60 - 8 bytes */
	ck_assert_uint_eq(h.pkt->len, 60 + 8 + 60 + 8 + 56);
	inner = (const struct iphdr *)(h.pkt->data + 60 + 8);
	ck_assert_uint_eq(inner->ihl, 15);
	ck_assert_uint_eq(inner->ttl, 1);
	ck_assert_int_eq(memcmp(inner + 1, quoted, sizeof(quoted)), 0);
	ck_assert_uint_eq(tl_icmp_out(t.r1, ICMP_TIME_EXCEEDED), 1);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* ---- setsockopt(IP_OPTIONS) bytes ---------------------------------------------------- */

static const struct get_bad_case {
	const char *name;
	u8 bytes[44];
	int len;
	int ret;
} get_bad_cases[] = {
	/* do_ip_setsockopt */
	{ "more than 40 bytes", { IPOPT_NOOP }, 41, -EINVAL },
	{ "a negative length", { IPOPT_NOOP }, -1, -EINVAL },
	/* ip_options_compile without an skb */
	{ "longer than the bytes", { IPOPT_RR, 11, 4, 0 }, 4, -EINVAL },
	{ "length below 2", { IPOPT_RR, 1, 4, 0 }, 4, -EINVAL },
	{ "type without length", { IPOPT_NOOP, IPOPT_NOOP, IPOPT_NOOP, IPOPT_RR }, 4, -EINVAL },
	{ "a type alone, padded", { IPOPT_RR }, 1, -EINVAL },
	{ "record route pointer below 4", { IPOPT_RR, 7, 3 }, 8, -EINVAL },
	{ "record route without room", { IPOPT_RR, 6, 4 }, 6, -EINVAL },
	{ "two record routes", { IPOPT_RR, 3, 4, IPOPT_RR, 3, 4 }, 6, -EINVAL },
	{ "source route pointer not 4", { IPOPT_LSRR, 7, 8, R1_IN }, 7, -EINVAL },
	{ "source route without an address", { IPOPT_LSRR, 3, 4 }, 3, -EINVAL },
	{ "source route cut mid-address", { IPOPT_LSRR, 9, 4, R1_IN, 10, 0 }, 9, -EINVAL },
	{ "two source routes", { IPOPT_LSRR, 7, 4, R1_IN, IPOPT_SSRR, 7, 4, H2 }, 14, -EINVAL },
	{ "timestamp shorter than 4", { IPOPT_TS, 3, 5 }, 3, -EINVAL },
	{ "timestamp pointer below 5", { IPOPT_TS, 8, 4, 0 }, 8, -EINVAL },
	{ "timestamp and address without room", { IPOPT_TS, 8, 5, 1 }, 8, -EINVAL },
	{ "prespecified without room", { IPOPT_TS, 8, 5, 3, H1 }, 8, -EINVAL },
	{ "full timestamp at overflow 15", { IPOPT_TS, 8, 9, 0xf0 }, 8, -EINVAL },
	{ "router alert too short", { IPOPT_RA, 2, IPOPT_NOOP, IPOPT_NOOP }, 4, -EINVAL },
	{ "CIPSO without a DOI", { IPOPT_CIPSO, 8, 0, 0, 0, 0, 1, 2 }, 8, -EINVAL },
};

START_TEST(test_get_refuses)
{
	static const u8 rr[8] = { IPOPT_RR, 7, 4 };
	const struct get_bad_case *c = &get_bad_cases[_i];
	struct ip_options_data *opt = NULL, *before;
	struct tl_net3 t;

	setup3(&t);
	ck_assert_int_eq(ip_options_get(t.h1->net, &opt, rr, sizeof(rr)), 0);
	before = opt;
	ck_assert_msg(ip_options_get(t.h1->net, &opt, c->bytes, c->len) == c->ret, "%s", c->name);
	/* the socket keeps its options */
	ck_assert_ptr_eq(opt, before);
	ck_assert_uint_eq(opt->opt.rr, 20);
	ck_assert_uint_eq(opt->__data[2], 8);
	g_free(opt);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_get_refuses_null_bytes)
{
	struct ip_options_data *opt = NULL;
	struct tl_net3 t;

	setup3(&t);
	ck_assert_int_eq(ip_options_get(t.h1->net, &opt, NULL, 4), -EFAULT);
	ck_assert_ptr_null(opt);
	tl_world_free(t.w);
}
END_TEST

/*
 * Accepted bytes, compiled on h1 (10.0.1.2): END padding to 4, pointers
 * past the entry the sender will fill, a source route's first hop out of
 * the list; getsockopt gives the bytes back (ip_options_undo).
 */
static const struct get_case {
	const char *name;
	u8 in[40];
	int len;
	u8 data[40];			/* compiled */
	unsigned int optlen, srr, rr, ts, router_alert;
	bool strict, rr_needaddr, ts_needaddr, ts_needtime;
	__be32 faddr_last_octet;
	bool rewritten;			/* undo gives back the compiled bytes */
} get_cases[] = {
	{ "nothing", { 0 }, 0, { 0 }, 0, 0, 0, 0, 0, false, false, false, false, 0, false },
	{ "NOOP, padded", { IPOPT_NOOP }, 1, { IPOPT_NOOP, IPOPT_END, IPOPT_END, IPOPT_END },
	  4, 0, 0, 0, 0, false, false, false, false, 0, false },
	{ "record route", { IPOPT_NOOP, IPOPT_RR, 7, 4 }, 8, { IPOPT_NOOP, IPOPT_RR, 7, 8 },
	  8, 0, 21, 0, 0, false, true, false, false, 0, false },
	{ "full record route", { IPOPT_RR, 7, 8, R1_IN }, 7, { IPOPT_RR, 7, 8, R1_IN, IPOPT_END },
	  8, 0, 20, 0, 0, false, false, false, false, 0, false },
	{ "loose route of two hops", { IPOPT_LSRR, 11, 4, R1_IN, H2 }, 11,
	  { IPOPT_LSRR, 11, 4, H2, H2, IPOPT_END }, 12, 20, 0, 0, 0, false, false, false, false, 1,
	  false },
	{ "strict route", { IPOPT_NOOP, IPOPT_SSRR, 7, 4, R1_IN }, 8,
	  { IPOPT_NOOP, IPOPT_SSRR, 7, 4, R1_IN }, 8, 21, 0, 0, 0, true, false, false, false, 1,
	  false },
	{ "timestamps and addresses", { IPOPT_TS, 12, 5, IPOPT_TS_TSANDADDR }, 12,
	  { IPOPT_TS, 12, 13, IPOPT_TS_TSANDADDR }, 12, 0, 0, 20, 0, false, false, true, true, 0,
	  false },
	{ "prespecified, not ours", { IPOPT_TS, 12, 5, IPOPT_TS_PRESPEC, H2 }, 12,
	  { IPOPT_TS, 12, 5, IPOPT_TS_PRESPEC, H2 }, 12, 0, 0, 20, 0, false, false, false, false,
	  0, false },
	{ "prespecified, ours first", { IPOPT_TS, 12, 5, IPOPT_TS_PRESPEC, H1 }, 12,
	  { IPOPT_TS, 12, 13, IPOPT_TS_PRESPEC, H1 }, 12, 0, 0, 20, 0, false, false, false, true,
	  0, false },
	/* root has CAP_NET_RAW */
	{ "security", { IPOPT_SEC, 4, 1, 2 }, 4, { IPOPT_SEC, 4, 1, 2 }, 4, 0, 0, 0, 0, false,
	  false, false, false, 0, false },
	{ "router alert", { IPOPT_RA, 4, 0, 0 }, 4, { IPOPT_RA, 4, 0, 0 }, 4, 0, 0, 0, 20, false,
	  false, false, false, 0, false },
	{ "garbage after END", { IPOPT_END, 5, 6, 7 }, 4,
	  { IPOPT_END, IPOPT_END, IPOPT_END, IPOPT_END }, 4, 0, 0, 0, 0, false, false, false,
	  false, 0, true },
};

START_TEST(test_get_compiles)
{
	const struct get_case *c = &get_cases[_i];
	struct ip_options_data *opt = NULL;
	u8 padded[40] = { 0 };
	struct tl_net3 t;

	setup3(&t);
	ck_assert_msg(ip_options_get(t.h1->net, &opt, c->in, c->len) == 0, "%s", c->name);
	ck_assert_ptr_nonnull(opt);
	ck_assert_msg(opt->opt.optlen == c->optlen, "%s: optlen %u", c->name, opt->opt.optlen);
	ck_assert_msg(memcmp(opt->__data, c->data, c->optlen) == 0, "%s: bytes", c->name);
	ck_assert_msg(opt->opt.srr == c->srr && opt->opt.rr == c->rr && opt->opt.ts == c->ts &&
		      opt->opt.router_alert == c->router_alert, "%s: offsets", c->name);
	ck_assert_msg(opt->opt.is_strictroute == c->strict &&
		      opt->opt.rr_needaddr == c->rr_needaddr &&
		      opt->opt.ts_needaddr == c->ts_needaddr &&
		      opt->opt.ts_needtime == c->ts_needtime, "%s: flags", c->name);
	if (c->faddr_last_octet)
		ck_assert_uint_eq(opt->opt.faddr, tl_addr("10.0.1.1"));
	else
		ck_assert_uint_eq(opt->opt.faddr, 0);
	/* getsockopt(IP_OPTIONS) */
	memcpy(padded, c->rewritten ? c->data : c->in, (size_t)c->len);
	for (int i = c->len; i & 3; i++)
		padded[i] = IPOPT_END;
	ip_options_undo(opt);
	ck_assert_msg(memcmp(opt->__data, padded, c->optlen) == 0, "%s: undone", c->name);
	g_free(opt);
	tl_world_free(t.w);
}
END_TEST

/*
 * A header with options that h1 must fragment (576-byte MTU between h1
 * and r1): record route only in the first fragment, NOOPs in the others,
 * 60-byte headers throughout; h2 answers the reassembled datagram, and
 * r1 fragments the answer, whose first fragment carries the route back.
 */
START_TEST(test_sent_options_in_fragments)
{
	static const u8 rr[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };
	static const u8 first_rr[8] = { IPOPT_NOOP, IPOPT_RR, 39, 8, H1 };
	static const u8 back[40] = { IPOPT_RR, 39, 28, H1, R1_OUT, H2, H2, R1_IN, H1 };
	struct sim_err err = { { 0 } };
	unsigned int nfrag = 0;
	u8 noops[40];
	struct tl_heard h;
	struct tl_tap tap;
	struct tl_net3 t;

	setup3(&t);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.h1, "eth0"), 576, &err), 0);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.r1, "eth0"), 576, &err), 0);
	tl_heard_start(&h, t.h1);
	tl_tap_start(&tap, t.r1, "eth0");
	ck_assert_int_eq(send_echo_opt(t.h1, "10.0.2.2", rr, sizeof(rr), 1400, false, 128, 64), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	/* (576 - 60) & ~7 = 512 bytes a fragment: 512 + 512 + 384 of the 1408 */
	memset(noops, IPOPT_NOOP, sizeof(noops));
	for (unsigned int i = 0; i < tap.pkts->len; i++) {
		const struct iphdr *f = tl_tap_iph(&tap, i);

		if (f->saddr != tl_addr("10.0.1.2"))
			continue;
		ck_assert_uint_eq(f->ihl, 15);
		ck_assert_uint_eq(ntohs(f->tot_len), 60 + (nfrag < 2 ? 512 : 384));
		ck_assert_uint_eq(ntohs(f->frag_off) & IP_OFFSET, nfrag * 64);
		ck_assert_uint_eq(!!(ntohs(f->frag_off) & IP_MF), nfrag < 2);
		ck_assert_uint_eq(ip_fast_csum(f, f->ihl), 0);
		if (nfrag == 0)
			ck_assert_int_eq(memcmp(f + 1, first_rr, sizeof(first_rr)), 0);
		else
			ck_assert_int_eq(memcmp(f + 1, noops, sizeof(noops)), 0);
		nfrag++;
	}
	ck_assert_uint_eq(nfrag, 3);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_FRAGCREATES), 3);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_FRAGOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	/* the answer, fragmented by r1 and put together by h1 */
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGCREATES), 3);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_REASMOKS), 1);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(h.pkt->len, 60 + 8 + 1400);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, back, sizeof(back)), 0);
	for (unsigned int i = 0; i < 1400; i++)
		ck_assert_uint_eq(h.pkt->data[60 + 8 + i], tl_pattern(i));
	tl_tap_stop(&tap, t.r1);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ip_options");
	TCase *tc = tcase_create("options");
	TCase *out = tcase_create("sending and answering");

	tcase_add_loop_test(tc, test_forwarded_options, 0, G_N_ELEMENTS(fwd_cases));
	tcase_add_loop_test(tc, test_bad_options_get_parameter_problem, 0,
			    G_N_ELEMENTS(bad_cases));
	tcase_add_test(tc, test_source_route_refused_by_default);
	tcase_add_test(tc, test_echo_with_record_route);
	tcase_add_test(tc, test_record_route_only_in_the_first_fragment);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(out, test_echo_reply_carries_options_back, 0,
			    G_N_ELEMENTS(echo_cases));
	tcase_add_test(out, test_loose_source_route_first_hop);
	tcase_add_test(out, test_strict_source_route_first_hop);
	tcase_add_test(out, test_error_carries_options_back);
	tcase_add_loop_test(out, test_get_refuses, 0, G_N_ELEMENTS(get_bad_cases));
	tcase_add_test(out, test_get_refuses_null_bytes);
	tcase_add_loop_test(out, test_get_compiles, 0, G_N_ELEMENTS(get_cases));
	tcase_add_test(out, test_sent_options_in_fragments);
	suite_add_tcase(s, out);
	return tl_run_suite(s);
}
