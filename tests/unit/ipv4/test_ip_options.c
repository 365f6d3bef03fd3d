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

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "sim/sh.h"

#define T1234		0, 0, 0x04, 0xd2	/* htonl(1234): ms since midnight */
#define R1_IN		10, 0, 1, 1
#define R1_OUT		10, 0, 2, 1
#define H2		10, 0, 2, 2

static void set_sysctl(struct node *n, const char *path, const char *value)
{
	struct sim_err err = { { 0 } };

	ck_assert_msg(sim_vfs_write(n, path, value, &err) == 0, "%s: %s", path, err.msg);
}

static void accept_source_route(struct tl_net3 *t)
{
	set_sysctl(t->r1, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
	set_sysctl(t->h2, "/proc/sys/net/ipv4/conf/all/accept_source_route", "1");
}

/* tl_net3_setup's h1 -- r1 -- h2, at 1.234 s: timestamps read 1234 ms */
static void setup3(struct tl_net3 *t)
{
	tl_net3_setup(t);
	world_run(t->w, 1234 * SIM_NSEC_PER_MSEC);
}

static u64 ipmib(struct node *n, int f)
{
	return node_net(n)->ipv4.mib.ip[f];
}

/* ---- listening ----------------------------------------------------------------- */

/* ICMP messages a host's listeners are offered */
struct heard {
	struct icmp_listener l;
	int n;
	u8 type, code;
	__be32 from, info;
	GByteArray *pkt;		/* the last one, from its IP header */
};

static bool heard_rcv(struct icmp_listener *l, struct sk_buff *skb)
{
	struct heard *h = container_of(l, struct heard, l);
	struct icmphdr *ic = icmp_hdr(skb);

	h->n++;
	h->type = ic->type;
	h->code = ic->code;
	h->from = ip_hdr(skb)->saddr;
	h->info = ic->un.gateway;
	if (h->pkt)
		g_byte_array_unref(h->pkt);
	h->pkt = g_byte_array_new();
	g_byte_array_append(h->pkt, skb_network_header(skb), ntohs(ip_hdr(skb)->tot_len));
	consume_skb(skb);
	return true;
}

static void heard_start(struct heard *h, struct node *n)
{
	*h = (struct heard){ .l.rcv = heard_rcv };
	icmp_listener_add(n->net, &h->l);
}

static void heard_stop(struct heard *h, struct node *n)
{
	icmp_listener_del(n->net, &h->l);
	if (h->pkt)
		g_byte_array_unref(h->pkt);
}

/* IP packets a device receives (before the stack touches them) */
struct tap {
	struct packet_type pt;
	GPtrArray *pkts;
};

static int tap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	struct tap *t = container_of(pt, struct tap, pt);

	(void)dev, (void)orig_dev;
	if (skb->protocol == htons(ETH_P_IP)) {
		GByteArray *b = g_byte_array_new();

		g_byte_array_append(b, skb->data, skb->len);
		g_ptr_array_add(t->pkts, b);
	}
	consume_skb(skb);
	return 0;
}

static void tap_start(struct tap *t, struct node *n, const char *ifname)
{
	*t = (struct tap){ .pt = { .type = htons(ETH_P_ALL), .dev = tl_dev(n, ifname),
				  .func = tap_rcv } };
	t->pkts = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	dev_add_pack(n->net, &t->pt);
}

static void tap_stop(struct tap *t, struct node *n)
{
	dev_remove_pack(n->net, &t->pt);
	g_ptr_array_unref(t->pkts);
}

/* ---- sending ------------------------------------------------------------------ */

static u8 pattern(unsigned int i)
{
	return (u8)(i * 7 + 3);
}

/*
 * send_with_options - an ICMP message of @type with @datalen bytes, and
 * @opts in its IP header, from @n to @dst, as a raw socket with
 * IP_HDRINCL would send it.
 */
static void send_with_options(struct node *n, const char *dst, u8 type, const u8 *opts,
			      unsigned int optlen, unsigned int datalen)
{
	struct net *net = n->net;
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	unsigned int hlen = sizeof(struct iphdr) + optlen;
	struct sk_buff *skb;
	struct icmphdr *ic;
	struct iphdr *iph;
	struct rtable *rt;
	u8 *data;
	int err = 0;

	ck_assert_uint_eq(optlen % 4, 0);
	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_msg(rt != NULL, "no route: %d", err);
	skb = alloc_skb(net, 128 + hlen + sizeof(*ic) + datalen);
	skb_reserve(skb, 128);
	iph = skb_put_zero(skb, hlen);
	memcpy(iph + 1, opts, optlen);
	ic = skb_put_zero(skb, sizeof(*ic));
	data = skb_put(skb, datalen);
	for (unsigned int i = 0; i < datalen; i++)
		data[i] = pattern(i);
	ic->type = type;
	ic->un.echo.id = htons(0x4242);
	ic->checksum = ip_compute_csum(ic, (int)(sizeof(*ic) + datalen));
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, (int)hlen);
	iph->version = 4;
	iph->ihl = (u8)(hlen / 4);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	skb_dst_set(skb, &rt->dst);
	skb->dev = rt->dst.dev;
	ip_select_ident(net, skb, NULL);
	ip_local_out(net, NULL, skb);
	ip_rt_put(rt);
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
	struct heard h;
	struct tap tap;
	struct tl_net3 t;

	setup3(&t);
	if (c->srr)
		accept_source_route(&t);
	heard_start(&h, t.h2);
	tap_start(&tap, t.h2, "eth0");
	send_with_options(t.h1, c->dst, ICMP_ECHOREPLY, c->in, c->len, 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);

	ck_assert_msg(h.n == 1, "%s: %d heard", c->name, h.n);
	seen = (const struct iphdr *)h.pkt->data;
	ck_assert_msg(seen->daddr == tl_addr("10.0.2.2"), "%s", c->name);
	ck_assert_msg(memcmp(seen + 1, c->out, c->len) == 0, "%s: options", c->name);
	ck_assert_msg(ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS) == 1, "%s", c->name);
	ck_assert_msg(ipmib(t.r1, IPSTATS_MIB_INHDRERRORS) == 0, "%s", c->name);
	/* r1 fixed the header checksum after changing options or destination */
	ck_assert_uint_eq(tap.pkts->len, 1);
	wire = (const struct iphdr *)((GByteArray *)g_ptr_array_index(tap.pkts, 0))->data;
	ck_assert_msg(ip_fast_csum(wire, wire->ihl) == 0, "%s: checksum", c->name);
	ck_assert_msg(wire->ttl == 63, "%s", c->name);
	tap_stop(&tap, t.h2);
	heard_stop(&h, t.h2);
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
} bad_cases[] = {
	{ "longer than the header", "10.0.2.2", false, { IPOPT_RR, 40, 4, 0 }, 20, 1 },
	{ "length below 2", "10.0.2.2", false, { IPOPT_NOOP, IPOPT_RR, 1, 0 }, 21, 1 },
	{ "cut after its type", "10.0.2.2", false,
	  { IPOPT_NOOP, IPOPT_NOOP, IPOPT_NOOP, IPOPT_RR }, 23, 1 },
	{ "record route too short", "10.0.2.2", false,
	  { IPOPT_RR, 2, IPOPT_NOOP, IPOPT_NOOP }, 21, 1 },
	{ "record route pointer below 4", "10.0.2.2", false, { IPOPT_RR, 7, 3 }, 22, 1 },
	{ "record route without room", "10.0.2.2", false, { IPOPT_RR, 6, 4 }, 22, 1 },
	{ "two record routes", "10.0.2.2", false,
	  { IPOPT_RR, 3, 4, IPOPT_RR, 3, 4 }, 23, 1 },
	{ "timestamp too short", "10.0.2.2", false, { IPOPT_TS, 3, 5, 0 }, 21, 1 },
	{ "timestamp pointer below 5", "10.0.2.2", false, { IPOPT_TS, 8, 4, 0 }, 22, 1 },
	{ "timestamp overflow at 15", "10.0.2.2", false, { IPOPT_TS, 8, 9, 0xf0 }, 23, 1 },
	{ "timestamp and address without room", "10.0.2.2", false,
	  { IPOPT_TS, 8, 5, 0x01 }, 22, 1 },
	{ "router alert too short", "10.0.2.2", false,
	  { IPOPT_RA, 2, IPOPT_NOOP, IPOPT_NOOP }, 21, 1 },
	{ "source route pointer below 4", "10.0.2.2", false, { IPOPT_LSRR, 7, 3 }, 22, 1 },
	/* RFC 1812 5.2.4.1 */
	{ "two source routes", "10.0.2.2", false,
	  { IPOPT_LSRR, 3, 4, IPOPT_SSRR, 3, 4 }, 23, 1 },
	{ "CIPSO too short", "10.0.2.2", false, { IPOPT_CIPSO, 6, 0, 0, 0, 1 }, 21, 1 },
	{ "CIPSO without a DOI", "10.0.2.2", false, { IPOPT_CIPSO, 8, 0, 0, 0, 0, 1, 2 }, 22, 1 },
	/* ip_options_rcv_srr: not header errors, but answered the same way */
	{ "strict route through a gateway", "10.0.2.2", true,
	  { IPOPT_NOOP, IPOPT_SSRR, 7, 4, H2 }, 16, 0 },
	{ "source route cut mid-address", "10.0.1.1", true,
	  { IPOPT_NOOP, IPOPT_LSRR, 6, 4, 10, 0, 2 }, 23, 0 },
};

START_TEST(test_bad_options_get_parameter_problem)
{
	const struct bad_case *c = &bad_cases[_i];
	struct heard h1, h2;
	struct tl_net3 t;

	setup3(&t);
	if (c->srr)
		accept_source_route(&t);
	heard_start(&h1, t.h1);
	heard_start(&h2, t.h2);
	send_with_options(t.h1, c->dst, ICMP_ECHOREPLY, c->opts, sizeof(c->opts), 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_msg(h1.n == 1, "%s: %d heard", c->name, h1.n);
	ck_assert_msg(h1.type == ICMP_PARAMETERPROB && h1.code == 0, "%s: %d/%d", c->name, h1.type,
		      h1.code);
	ck_assert_msg(h1.from == tl_addr("10.0.1.1"), "%s", c->name);
	ck_assert_msg(ntohl(h1.info) >> 24 == c->pointer, "%s: pointer %u", c->name,
		      ntohl(h1.info) >> 24);
	ck_assert_msg(ipmib(t.r1, IPSTATS_MIB_INHDRERRORS) == c->inhdr, "%s", c->name);
	ck_assert_msg(ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS) == 0, "%s", c->name);
	ck_assert_msg(h2.n == 0, "%s", c->name);
	heard_stop(&h2, t.h2);
	heard_stop(&h1, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* accept_source_route is 0 for "all" by default: source-routed packets die quietly */
START_TEST(test_source_route_refused_by_default)
{
	static const u8 lsrr[8] = { IPOPT_NOOP, IPOPT_LSRR, 7, 4, H2 };
	struct heard h1, h2;
	struct tl_net3 t;

	setup3(&t);
	heard_start(&h1, t.h1);
	heard_start(&h2, t.h2);
	send_with_options(t.h1, "10.0.1.1", ICMP_ECHOREPLY, lsrr, sizeof(lsrr), 16);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h1.n, 0);
	ck_assert_int_eq(h2.n, 0);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_INRECEIVES), 1);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_INDELIVERS), 0);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 0);
	heard_stop(&h2, t.h2);
	heard_stop(&h1, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* an echo request with record route is answered (without options: no ip_options_echo) */
START_TEST(test_echo_with_record_route)
{
	static const u8 rr[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };
	struct heard h;
	struct tl_net3 t;

	setup3(&t);
	heard_start(&h, t.h1);
	send_with_options(t.h1, "10.0.2.2", ICMP_ECHO, rr, sizeof(rr), 56);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(((const struct iphdr *)h.pkt->data)->ihl, 5);
	ck_assert_uint_eq(ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	heard_stop(&h, t.h1);
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
	struct heard h;
	struct tap tap;
	struct tl_net3 t;

	setup3(&t);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.r1, "eth1"), 576, &err), 0);
	ck_assert_int_eq(dev_set_mtu(tl_dev(t.h2, "eth0"), 576, &err), 0);
	heard_start(&h, t.h2);
	tap_start(&tap, t.h2, "eth0");
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
		ck_assert_uint_eq(h.pkt->data[60 + 8 + i], pattern(i));
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_FRAGCREATES), 3);
	ck_assert_uint_eq(ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	tap_stop(&tap, t.h2);
	heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ip_options");
	TCase *tc = tcase_create("options");

	tcase_add_loop_test(tc, test_forwarded_options, 0, G_N_ELEMENTS(fwd_cases));
	tcase_add_loop_test(tc, test_bad_options_get_parameter_problem, 0,
			    G_N_ELEMENTS(bad_cases));
	tcase_add_test(tc, test_source_route_refused_by_default);
	tcase_add_test(tc, test_echo_with_record_route);
	tcase_add_test(tc, test_record_route_only_in_the_first_fragment);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
