/*
 * tests/unit/ipv4/test_ip_fragment.c - IPv4 fragmentation and reassembly
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2); the r1-h2
 * segment can have an MTU of 576.  End to end: a 1400-byte echo is
 * fragmented by r1, reassembled by h2, answered in fragments by h2 and
 * reassembled by h1.  Reassembly alone: fragments crafted here and
 * received on h2's eth0 as if they came from h1 (out of order, lost,
 * overlapping, duplicated, too many, too big, with DF and ECN, and 300
 * random splits, orders and duplicates), with an
 * ICMP listener on h2 to see the datagram that comes out.  Fragmenting
 * alone: ip_do_fragment() called directly with an output that keeps the
 * fragments.  Every test ends with no live skb or queue (tl_world_free).
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>

#include "linux/etherdevice.h"
#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "sim/sh.h"

#define IPQ_TRUESIZE	200	/* sizeof(struct ipq), charged per queue */

/* ---- the network ---------------------------------------------------------- */

static void set_mtu(struct node *n, const char *ifname, int mtu)
{
	struct sim_err err = { { 0 } };

	ck_assert_msg(dev_set_mtu(tl_dev(n, ifname), mtu, &err) == 0, "%s", err.msg);
}

/* tl_net3_setup's h1 -- r1 -- h2, with @mtu on both ends of r1-h2 (0: 1500) */
static void setup3(struct tl_net3 *t, int mtu)
{
	tl_net3_setup(t);
	if (mtu) {
		set_mtu(t->r1, "eth1", mtu);
		set_mtu(t->h2, "eth0", mtu);
	}
}

/* ---- making packets ---------------------------------------------------------- */

/* a datagram from h1 to h2, to be cut into fragments by hand */
struct dgram {
	__be32 saddr, daddr;
	u16 id;
	u8 tos;
	bool df;
	const u8 *l4;			/* the whole payload */
};

/*
 * inject_frag - [@off, @off + @len) of @d's payload as a fragment (MF per
 * @mf) arriving on @n's @ifname from the wire.  Returns its truesize.
 */
static unsigned int inject_frag(struct node *n, const char *ifname, const struct dgram *d,
				unsigned int off, unsigned int len, bool mf)
{
	static const u8 peer_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x99 };
	struct net_device *dev = tl_dev(n, ifname);
	struct sk_buff *skb = netdev_alloc_skb(dev, ETH_HLEN + sizeof(struct iphdr) + len);
	struct ethhdr *eth;
	struct iphdr *iph;
	unsigned int truesize;

	ck_assert_ptr_nonnull(skb);
	eth = skb_put(skb, ETH_HLEN);
	memcpy(eth->h_dest, dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_source, peer_mac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = d->tos;
	iph->tot_len = htons((u16)(sizeof(*iph) + len));
	iph->id = htons(d->id);
	iph->frag_off = htons((u16)((off >> 3) | (mf ? IP_MF : 0) | (d->df ? IP_DF : 0)));
	iph->ttl = 63;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = d->saddr;
	iph->daddr = d->daddr;
	ip_send_check(iph);
	skb_put_data(skb, d->l4 + off, len);
	skb->protocol = eth_type_trans(skb, dev);
	truesize = skb->truesize;
	netif_receive_skb(skb);
	return truesize;
}

/* h1's 40-byte echo reply to h2 (8 + 32 bytes), id @id */
static struct dgram reply40(u8 *buf, u16 id)
{
	tl_make_icmp(buf, ICMP_ECHOREPLY, 0x1234, id, 32);
	return (struct dgram){ .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"), .id = id,
			       .l4 = buf };
}

/* ---- end to end ---------------------------------------------------------------- */

START_TEST(test_echo_across_a_small_mtu)
{
	u8 req[1408];
	unsigned int len = tl_make_icmp(req, ICMP_ECHO, 0x1234, 1, 1400);
	struct tl_heard h;
	struct tl_tap tap;
	const struct iphdr *f0, *f1, *f2;
	const u8 *reply;
	struct tl_net3 t;

	setup3(&t, 576);
	tl_heard_start(&h, t.h1);
	tl_tap_start(&tap, t.h2, "eth0");
	tl_send_raw(t.h1, "10.0.2.2", NULL, 0, req, len, false);
	world_run(t.w, SIM_NSEC_PER_SEC);

	/* the reply came back whole, with the request's data */
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_ECHOREPLY);
	ck_assert_uint_eq(h.from, tl_addr("10.0.2.2"));
	ck_assert_uint_eq(h.pkt->len, 20 + len);
	reply = h.pkt->data + 20;
	ck_assert_int_eq(memcmp(reply + 8, req + 8, 1400), 0);
	ck_assert_uint_eq(ip_compute_csum(reply, (int)len), 0);

	/* r1 cut the request in (576 - 20) & ~7 = 552-byte pieces */
	ck_assert_uint_eq(tap.pkts->len, 3);
	f0 = tl_tap_iph(&tap, 0), f1 = tl_tap_iph(&tap, 1), f2 = tl_tap_iph(&tap, 2);
	ck_assert_uint_eq(ntohs(f0->tot_len), 572);
	ck_assert_uint_eq(ntohs(f1->tot_len), 572);
	ck_assert_uint_eq(ntohs(f2->tot_len), 20 + 1408 - 2 * 552);
	ck_assert_uint_eq(ntohs(f0->frag_off), IP_MF | 0);
	ck_assert_uint_eq(ntohs(f1->frag_off), IP_MF | 552 / 8);
	ck_assert_uint_eq(ntohs(f2->frag_off), 1104 / 8);
	ck_assert_uint_eq(f0->id, f1->id);
	ck_assert_uint_eq(f0->id, f2->id);
	ck_assert_uint_eq(ip_fast_csum(f0, 5), 0);
	ck_assert_uint_eq(ip_fast_csum(f1, 5), 0);
	ck_assert_uint_eq(ip_fast_csum(f2, 5), 0);
	ck_assert_int_eq(memcmp((const u8 *)f1 + 20, req + 552, 552), 0);

	/* the counters of /proc/net/snmp */
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGCREATES), 3);
	/* routers do not reassemble */
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_REASMREQDS), 0);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 1 + 3);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMREQDS), 3);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_FRAGOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_FRAGCREATES), 3);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_REASMREQDS), 3);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_REASMOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_REASMFAILS), 0);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(ip_frag_nqueues(t.h1->net) + ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h1->net) + ip_frag_mem(t.h2->net), 0);

	tl_tap_stop(&tap, t.h2);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_df_gets_fragmentation_needed)
{
	u8 req[1408];
	unsigned int len = tl_make_icmp(req, ICMP_ECHO, 0x1234, 1, 1400);
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 576);
	tl_heard_start(&h, t.h1);
	tl_send_raw(t.h1, "10.0.2.2", NULL, 0, req, len, true);
	world_run(t.w, SIM_NSEC_PER_SEC);
	/* RFC 1191: the router says which MTU would do */
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_DEST_UNREACH);
	ck_assert_int_eq(h.code, ICMP_FRAG_NEEDED);
	ck_assert_uint_eq(ntohl(h.info) & 0xffff, 576);
	ck_assert_uint_eq(h.from, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGFAILS), 1);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_FRAGCREATES), 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INRECEIVES), 0);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

/* ---- reassembly --------------------------------------------------------------- */

START_TEST(test_out_of_order_fragments_reassemble)
{
	u8 buf[8 + 1200];
	unsigned int len = tl_make_icmp(buf, ICMP_ECHOREPLY, 0x1234, 7, 1200);
	struct dgram d = { .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"), .id = 77, .l4 = buf };
	const struct iphdr *iph;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	inject_frag(t.h2, "eth0", &d, 800, len - 800, false);
	inject_frag(t.h2, "eth0", &d, 0, 400, true);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 1);
	inject_frag(t.h2, "eth0", &d, 400, 400, true);
	ck_assert_int_eq(h.n, 1);
	ck_assert_uint_eq(h.pkt->len, 20 + len);
	iph = (const struct iphdr *)h.pkt->data;
	ck_assert_uint_eq(ntohs(iph->tot_len), 20 + len);
	ck_assert_uint_eq(iph->frag_off, 0);
	ck_assert_uint_eq(ntohs(iph->id), 77);
	ck_assert_uint_eq(ip_fast_csum(iph, 5), 0);
	ck_assert_int_eq(memcmp(h.pkt->data + 20, buf, len), 0);
	ck_assert_uint_eq(h.frag_max_size, 20 + 408);	/* the largest fragment */
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMREQDS), 3);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* DF survives reassembly only if the largest fragment had it */
static const struct df_case {
	const char *name;
	bool df0, df1;
	unsigned int len0;		/* fragment 0's payload; fragment 1 has 40 - len0 */
	u16 frag_off;
	bool pmtu;
} df_cases[] = {
	{ "all DF", true, true, 24, IP_DF, true },
	{ "largest DF", true, false, 24, IP_DF, true },
	{ "largest without DF", false, true, 24, 0, false },
	{ "none", false, false, 16, 0, false },
};

START_TEST(test_df_after_reassembly)
{
	const struct df_case *c = &df_cases[_i];
	u8 buf[40];
	struct dgram d;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	d = reply40(buf, 5);
	d.df = c->df0;
	inject_frag(t.h2, "eth0", &d, 0, c->len0, true);
	d.df = c->df1;
	inject_frag(t.h2, "eth0", &d, c->len0, 40 - c->len0, false);
	ck_assert_msg(h.n == 1, "%s", c->name);
	ck_assert_msg(ntohs(((const struct iphdr *)h.pkt->data)->frag_off) == c->frag_off, "%s",
		      c->name);
	ck_assert_msg(!!(h.ipcb_flags & IPSKB_FRAG_PMTU) == c->pmtu, "%s", c->name);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* RFC 3168 5.3 */
static const struct ecn_case {
	const char *name;
	u8 tos0, tos1;
	bool ok;
	u8 tos;				/* of the datagram */
} ecn_cases[] = {
	{ "not ECT", 0, 0, true, 0 },
	{ "ECT(0) and CE", 2, 3, true, 3 },
	{ "ECT(1) and ECT(0)", 1, 2, true, 1 },
	{ "ECT(0) and not ECT", 2, 0, false, 0 },
	{ "CE and not ECT", 3, 0, false, 0 },
};

START_TEST(test_ecn_of_fragments)
{
	const struct ecn_case *c = &ecn_cases[_i];
	u8 buf[40];
	struct dgram d;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	d = reply40(buf, 6);
	d.tos = c->tos0;
	inject_frag(t.h2, "eth0", &d, 0, 16, true);
	d.tos = c->tos1;
	inject_frag(t.h2, "eth0", &d, 16, 24, false);
	ck_assert_msg(h.n == (c->ok ? 1 : 0), "%s", c->name);
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS) == (c->ok ? 0u : 1u), "%s", c->name);
	if (c->ok)
		ck_assert_msg(((const struct iphdr *)h.pkt->data)->tos == c->tos, "%s", c->name);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* ---- loss and the reassembly timer --------------------------------------------- */

START_TEST(test_lost_fragment_times_out_with_icmp)
{
	u8 buf[8 + 1200];
	unsigned int len = tl_make_icmp(buf, ICMP_ECHO, 0x1234, 9, 1200);
	struct dgram d = { .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"), .id = 99, .l4 = buf };
	const struct iphdr *quoted;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h1);
	inject_frag(t.h2, "eth0", &d, 0, 400, true);
	inject_frag(t.h2, "eth0", &d, 800, len - 800, false);	/* [400, 800) is lost */
	world_run(t.w, 29 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMTIMEOUT), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 1);
	ck_assert_int_eq(ip_frag_mem(t.h2->net) > IPQ_TRUESIZE, 1);

	/* ipfrag_time (30 s) after the first fragment, at the timer wheel's granularity */
	world_run(t.w, 33 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMTIMEOUT), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	/* fragment 0 arrived: h1 hears "fragment reassembly time exceeded" */
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_TIME_EXCEEDED), 1);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(h.type, ICMP_TIME_EXCEEDED);
	ck_assert_int_eq(h.code, ICMP_EXC_FRAGTIME);
	ck_assert_uint_eq(h.from, tl_addr("10.0.2.2"));
	ck_assert_int_ge(h.when, 30 * SIM_NSEC_PER_SEC);
	/* ... quoting fragment 0 */
	quoted = (const struct iphdr *)(h.pkt->data + 20 + 8);
	ck_assert_uint_eq(ntohs(quoted->id), 99);
	ck_assert_uint_eq(ntohs(quoted->frag_off), IP_MF);
	ck_assert_uint_eq(quoted->saddr, tl_addr("10.0.1.2"));
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_lost_first_fragment_times_out_silently)
{
	u8 buf[8 + 1200];
	unsigned int len = tl_make_icmp(buf, ICMP_ECHO, 0x1234, 9, 1200);
	struct dgram d = { .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"), .id = 98, .l4 = buf };
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h1);
	inject_frag(t.h2, "eth0", &d, 400, 400, true);	/* [0, 400) is lost */
	inject_frag(t.h2, "eth0", &d, 800, len - 800, false);
	world_run(t.w, 40 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMTIMEOUT), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 1);
	/* nothing to quote, so no ICMP (RFC 792) */
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_TIME_EXCEEDED), 0);
	ck_assert_int_eq(h.n, 0);
	tl_heard_stop(&h, t.h1);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_ipfrag_time_sysctl)
{
	u8 buf[40];
	struct dgram d = reply40(buf, 3);
	struct tl_net3 t;

	setup3(&t, 0);
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_time", "5");
	inject_frag(t.h2, "eth0", &d, 0, 16, true);
	world_run(t.w, 4 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMTIMEOUT), 0);
	world_run(t.w, 6 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMTIMEOUT), 1);
	tl_world_free(t.w);
}
END_TEST

/* ---- overlaps, duplicates, corrupt ends (payload of 40 bytes) ---------------------- */

struct piece {
	u16 off, len;
	bool mf;
};

static const struct overlap_case {
	const char *name;
	struct piece p[4];
	int n;
	u64 overlaps, fails, oks;
} overlap_cases[] = {
	/* RFC 5722: any overlap discards the datagram */
	{ "overlap at the tail", { { 0, 16, true }, { 8, 16, true } }, 2, 1, 1, 0 },
	{ "overlap before the tail", { { 0, 16, true }, { 32, 8, false }, { 8, 16, true } },
	  3, 1, 1, 0 },
	/* [0,16) then [16,32) in order make one run; [8,24) lies inside it */
	{ "duplicate inside a run", { { 0, 16, true }, { 16, 16, true }, { 8, 16, true },
				      { 32, 8, false } }, 4, 0, 0, 1 },
	{ "exact duplicate", { { 0, 16, true }, { 0, 16, true }, { 16, 24, false } }, 3, 0, 0, 1 },
	/* [0,16) arrived after [16,32): two runs, so [8,24) overlaps rather than duplicates */
	{ "across two runs", { { 16, 16, true }, { 0, 16, true }, { 8, 16, true } }, 3, 1, 1, 0 },
	{ "bytes after the last fragment", { { 16, 24, false }, { 40, 8, true } }, 2, 0, 1, 0 },
	{ "two different ends", { { 16, 24, false }, { 24, 8, false } }, 2, 0, 1, 0 },
	{ "empty fragment", { { 0, 4, true } }, 1, 0, 1, 0 },
};

START_TEST(test_overlaps_and_duplicates)
{
	const struct overlap_case *c = &overlap_cases[_i];
	u8 buf[48];
	struct dgram d;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	memset(buf, 0, sizeof(buf));
	d = reply40(buf, 11);
	for (int i = 0; i < c->n; i++)
		inject_frag(t.h2, "eth0", &d, c->p[i].off, c->p[i].len, c->p[i].mf);
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASMREQDS) == (u64)c->n, "%s", c->name);
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASM_OVERLAPS) == c->overlaps, "%s: overlaps %llu",
		      c->name, (unsigned long long)tl_ipmib(t.h2, IPSTATS_MIB_REASM_OVERLAPS));
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS) == c->fails, "%s: fails %llu", c->name,
		      (unsigned long long)tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS));
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS) == c->oks, "%s", c->name);
	ck_assert_msg(h.n == (int)c->oks, "%s", c->name);
	if (c->oks)
		ck_assert_msg(memcmp(h.pkt->data + 20, buf, 40) == 0, "%s", c->name);
	/* a discarded datagram leaves nothing behind */
	ck_assert_msg(ip_frag_nqueues(t.h2->net) == 0, "%s", c->name);
	ck_assert_msg(ip_frag_mem(t.h2->net) == 0, "%s", c->name);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* after an overlap the same ID starts afresh: the earlier bytes are gone */
START_TEST(test_overlap_then_retransmission)
{
	u8 buf[40];
	struct dgram d = reply40(buf, 12);
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	inject_frag(t.h2, "eth0", &d, 0, 16, true);
	inject_frag(t.h2, "eth0", &d, 8, 16, true);
	inject_frag(t.h2, "eth0", &d, 16, 24, false);
	ck_assert_int_eq(h.n, 0);			/* [0, 16) was discarded */
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 1);
	inject_frag(t.h2, "eth0", &d, 0, 16, true);
	ck_assert_int_eq(h.n, 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASM_OVERLAPS), 1);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_oversized_datagram_is_discarded)
{
	unsigned int half = 32768, total = 65544;	/* 20 + 65544 > 65535 */
	u8 *buf = g_malloc0(total);
	struct dgram d = { .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"), .id = 13, .l4 = buf };
	struct tl_net3 t;

	setup3(&t, 0);
	inject_frag(t.h2, "eth0", &d, 0, half, true);
	inject_frag(t.h2, "eth0", &d, half, total - half, false);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	g_free(buf);
	tl_world_free(t.w);
}
END_TEST

/*
 * Any split into 8-byte multiples, in any order, with exact duplicates of
 * fragments already sent, gives back the datagram once: a property checked
 * on 300 random datagrams (a fixed LCG, so every run checks the same ones).
 */
static u32 lcg(u32 *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

START_TEST(test_any_order_and_duplicates_reassemble)
{
	enum { ROUNDS = 300, MAXPIECES = 12 };
	u32 rng = 12345;
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	for (int round = 0; round < ROUNDS; round++) {
		u8 buf[8 + 2000];
		unsigned int datalen = lcg(&rng) % 2000;
		unsigned int len = tl_make_icmp(buf, ICMP_ECHOREPLY, 0x1234, (u16)round, datalen);
		struct dgram d = { .saddr = tl_addr("10.0.1.2"), .daddr = tl_addr("10.0.2.2"),
				   .id = (u16)(1000 + round), .l4 = buf };
		unsigned int cut[MAXPIECES + 1], order[MAXPIECES], n = 1;

		/* cut points: 0, sorted distinct multiples of 8 below len, len */
		cut[0] = 0;
		for (unsigned int i = 1; i < MAXPIECES && len > 8; i++) {
			unsigned int c = (lcg(&rng) % ((len - 1) / 8)) * 8 + 8, j;

			for (j = n; j > 0 && cut[j - 1] > c; j--)
				cut[j] = cut[j - 1];
			if (j > 0 && cut[j - 1] == c) {
				for (; j < n; j++)
					cut[j] = cut[j + 1];
				continue;
			}
			cut[j] = c;
			n++;
		}
		cut[n] = len;
		for (unsigned int i = 0; i < n; i++)
			order[i] = i;
		for (unsigned int i = n; i > 1; i--) {
			unsigned int j = lcg(&rng) % i, tmp = order[i - 1];

			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (unsigned int i = 0; i < n; i++) {
			unsigned int p = order[i];

			/* now and then, one already sent again, before the last one */
			if (i > 0 && lcg(&rng) % 3 == 0) {
				unsigned int q = order[lcg(&rng) % i];

				inject_frag(t.h2, "eth0", &d, cut[q], cut[q + 1] - cut[q], q + 1 < n);
			}
			inject_frag(t.h2, "eth0", &d, cut[p], cut[p + 1] - cut[p], p + 1 < n);
		}
		ck_assert_msg(h.n == round + 1, "round %d: %u pieces of %u bytes", round, n, len);
		ck_assert_uint_eq(h.pkt->len, 20 + len);
		ck_assert_int_eq(memcmp(h.pkt->data + 20, buf, len), 0);
	}
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), ROUNDS);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASM_OVERLAPS), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/* ---- limits ---------------------------------------------------------------------- */

START_TEST(test_high_thresh_refuses_fragments)
{
	u8 a[40], b[40];
	struct dgram da = reply40(a, 21), db = reply40(b, 22);
	unsigned int t0, t1;
	struct tl_heard h;
	struct tl_net3 t;
	char thresh[32];

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	t0 = inject_frag(t.h2, "eth0", &da, 0, 8, true);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), IPQ_TRUESIZE + t0);
	/* at the threshold new fragments still come in; above it none does */
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_low_thresh", "0");	/* high >= low */
	snprintf(thresh, sizeof(thresh), "%u", IPQ_TRUESIZE + t0);
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_high_thresh", thresh);
	t1 = inject_frag(t.h2, "eth0", &da, 8, 8, true);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), IPQ_TRUESIZE + t0 + t1);
	inject_frag(t.h2, "eth0", &db, 0, 8, true);	/* a new datagram */
	inject_frag(t.h2, "eth0", &da, 16, 24, false);	/* and one that would complete */
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMREQDS), 4);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 2);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 1);
	ck_assert_int_eq(h.n, 0);
	/* room again: the datagram completes */
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_high_thresh", "4194304");
	inject_frag(t.h2, "eth0", &da, 16, 24, false);
	ck_assert_int_eq(h.n, 1);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	/* 0 turns reassembly off */
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_high_thresh", "0");
	inject_frag(t.h2, "eth0", &db, 0, 8, true);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 3);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

/*
 * ipfrag_high_thresh may not go below ipfrag_low_thresh, nor low above
 * high (the kernel's table bounds each by the other); writes run in
 * order on one node, each refused one changing nothing.
 */
static const struct thresh_write {
	const char *name, *value;
	int ret;
	int high, low;			/* afterwards */
} thresh_writes[] = {
	{ "ipfrag_high_thresh", "3145727", -EINVAL, 4194304, 3145728 },
	{ "ipfrag_high_thresh", "3145728", 0, 3145728, 3145728 },
	{ "ipfrag_low_thresh", "3145729", -EINVAL, 3145728, 3145728 },
	{ "ipfrag_low_thresh", "-1", -EINVAL, 3145728, 3145728 },
	{ "ipfrag_low_thresh", "0", 0, 3145728, 0 },
	{ "ipfrag_high_thresh", "-1", -EINVAL, 3145728, 0 },
	{ "ipfrag_high_thresh", "0", 0, 0, 0 },
	{ "ipfrag_low_thresh", "1", -EINVAL, 0, 0 },
	{ "ipfrag_high_thresh", "2147483647", 0, 2147483647, 0 },
	{ "ipfrag_low_thresh", "2147483647", 0, 2147483647, 2147483647 },
};

START_TEST(test_thresh_bounds)
{
	struct net *net;
	struct tl_net3 t;

	setup3(&t, 0);
	net = node_net(t.h2);
	for (unsigned int i = 0; i < G_N_ELEMENTS(thresh_writes); i++) {
		const struct thresh_write *c = &thresh_writes[i];
		struct sim_err err = { { 0 } };
		char path[64];
		GString *out = g_string_new(NULL);
		int r;

		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", c->name);
		r = sim_vfs_write(t.h2, path, c->value, &err);
		ck_assert_msg(r == c->ret, "%u: %s=%s: %d", i, c->name, c->value, r);
		ck_assert_int_eq(net->ipv4.sysctl->sysctl_ipfrag_high_thresh, c->high);
		ck_assert_int_eq(net->ipv4.sysctl->sysctl_ipfrag_low_thresh, c->low);
		/* and as cat shows them */
		ck_assert_int_eq(sim_vfs_read(t.h2, "/proc/sys/net/ipv4/ipfrag_high_thresh", out),
				 0);
		ck_assert_int_eq(atoi(out->str), c->high);
		g_string_free(out, TRUE);
	}
	/* the bound is the node's own field: another node is unaffected */
	ck_assert_int_eq(node_net(t.h1)->ipv4.sysctl->sysctl_ipfrag_high_thresh, 4194304);
	tl_sysctl(t.h1, "/proc/sys/net/ipv4/ipfrag_high_thresh", "3145728");
	tl_world_free(t.w);
}
END_TEST

/*
 * ipfrag_max_dist: with 2, a queue that saw more than 2 other fragments
 * from its source since its own last one starts again (its old fragments
 * are dropped), counting a ReasmFail; 0 turns the check off.
 */
static const struct dist_case {
	const char *max_dist;
	u64 fails;
	int reasm_after_last;		/* datagrams done when A's last fragment came */
} dist_cases[] = {
	{ "2", 1, 0 },
	{ "3", 0, 1 },
	{ "0", 0, 1 },
};

START_TEST(test_max_dist)
{
	const struct dist_case *c = &dist_cases[_i];
	u8 a[40], b[40], x[40];
	struct dgram da = reply40(a, 31), db = reply40(b, 32), dc = reply40(x, 33);
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	tl_sysctl(t.h2, "/proc/sys/net/ipv4/ipfrag_max_dist", c->max_dist);
	inject_frag(t.h2, "eth0", &da, 0, 16, true);
	inject_frag(t.h2, "eth0", &db, 0, 16, true);
	inject_frag(t.h2, "eth0", &dc, 0, 16, true);
	inject_frag(t.h2, "eth0", &da, 16, 24, false);	/* 3 fragments from 10.0.1.2 later */
	ck_assert_msg(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS) == c->fails, "max_dist %s",
		      c->max_dist);
	ck_assert_msg(h.n == c->reasm_after_last, "max_dist %s", c->max_dist);
	if (!h.n) {
		/* A kept only its last fragment: the first again completes it */
		inject_frag(t.h2, "eth0", &da, 0, 16, true);
		ck_assert_int_eq(h.n, 1);
	}
	ck_assert_int_eq(memcmp(h.pkt->data + 20, a, 40), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 2);	/* B and C wait */
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);				/* and go with the namespace */
}
END_TEST

START_TEST(test_reassembly_out_of_memory)
{
	u8 buf[40];
	struct dgram d = reply40(buf, 41);
	struct tl_heard h;
	struct tl_net3 t;

	setup3(&t, 0);
	tl_heard_start(&h, t.h2);
	inject_frag(t.h2, "eth0", &d, 0, 16, true);
	/* the last fragment's small buffer must grow, and that allocation fails */
	skb_pool_fail_after(t.w, 2);		/* 1: the fragment itself, 2: the growth */
	inject_frag(t.h2, "eth0", &d, 16, 24, false);
	skb_pool_fail_after(t.w, 0);
	ck_assert_int_eq(h.n, 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMFAILS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_REASMOKS), 0);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 0);
	ck_assert_int_eq(ip_frag_mem(t.h2->net), 0);
	tl_heard_stop(&h, t.h2);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_namespace_exit_frees_queues)
{
	u8 a[40], b[40];
	struct dgram da = reply40(a, 51), db = reply40(b, 52);
	struct tl_net3 t;

	setup3(&t, 0);
	inject_frag(t.h2, "eth0", &da, 0, 16, true);
	inject_frag(t.h2, "eth0", &da, 24, 16, false);
	inject_frag(t.h2, "eth0", &db, 8, 8, true);
	ck_assert_uint_eq(ip_frag_nqueues(t.h2->net), 2);
	tl_world_free(t.w);				/* asserts no skb or queue is left */
}
END_TEST

/* ---- ip_do_fragment on its own ------------------------------------------------------ */

/* what ip_do_fragment() hands on; a fixed place, as @output has no argument */
static struct {
	GPtrArray *pkts;		/* GByteArray * of each fragment's IP packet */
	u16 flags[8];			/* IPCB flags of each */
	int fail_at;			/* 1-based call that fails, 0: none */
	int calls;
} out;

static int capture_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	GByteArray *b;

	(void)net, (void)sk;
	if (++out.calls == out.fail_at) {
		kfree_skb(skb);
		return -ENOBUFS;
	}
	ck_assert_ptr_eq(skb_network_header(skb), skb->data);
	ck_assert_uint_ge(skb_headroom(skb), ETH_HLEN);
	b = g_byte_array_new();
	g_byte_array_append(b, skb->data, skb->len);
	if (out.pkts->len < G_N_ELEMENTS(out.flags))
		out.flags[out.pkts->len] = IPCB(skb)->flags;
	g_ptr_array_add(out.pkts, b);
	consume_skb(skb);
	return 0;
}

/* a record route option with room for 9 addresses, after a NOOP: 40 bytes */
static const u8 rr_opts[40] = { IPOPT_NOOP, IPOPT_RR, 39, 4 };

static const struct frag_case {
	const char *name;
	unsigned int payload;
	unsigned int mtu;		/* h1's eth0 */
	u16 frag_max_size;
	u16 ipcb_flags;
	u16 frag_off;			/* of the datagram (a fragment itself) */
	bool options;			/* rr_opts in the header */
	int fail_at, fail_alloc;
	int ret;
	unsigned int sizes[6];		/* payload bytes per fragment */
} frag_cases[] = {
	{ "three pieces", 1408, 576, 0, 0, 0, false, 0, 0, 0, { 552, 552, 304 } },
	{ "exact multiple", 1104, 576, 0, 0, 0, false, 0, 0, 0, { 552, 552 } },
	{ "frag_max_size caps", 1000, 1500, 300, 0, 0, false, 0, 0, 0,
	  { 280, 280, 280, 160 } },
	{ "DF from PMTU", 1000, 576, 0, IPSKB_FRAG_PMTU, 0, false, 0, 0, 0, { 552, 448 } },
	{ "a fragment again", 1000, 576, 0, 0, IP_MF | 100, false, 0, 0, 0, { 552, 448 } },
	{ "options", 1000, 576, 0, 0, 0, true, 0, 0, 0, { 512, 488 } },
	{ "output fails", 1408, 576, 0, 0, 0, false, 2, 0, -ENOBUFS, { 552 } },
	{ "allocation fails", 1408, 576, 0, 0, 0, false, 0, 2, -ENOMEM, { 552 } },
	{ "no room for 8 bytes", 100, 1500, 27, 0, 0, false, 0, 0, -EINVAL, { 0 } },
};

START_TEST(test_ip_do_fragment)
{
	const struct frag_case *c = &frag_cases[_i];
	unsigned int optlen = c->options ? sizeof(rr_opts) : 0, hlen = 20 + optlen;
	unsigned int nfrags = 0, off = 0;
	struct flowi4 fl4 = { .daddr = 0, .flowi4_proto = IPPROTO_ICMP };
	u8 payload[1408];
	struct sk_buff *skb;
	struct iphdr *iph;
	struct rtable *rt;
	struct tl_net3 t;
	struct net *net;
	int err = 0, ret;

	while (nfrags < G_N_ELEMENTS(c->sizes) && c->sizes[nfrags])
		nfrags++;
	setup3(&t, 0);
	net = t.h1->net;
	if (c->mtu != 1500)
		set_mtu(t.h1, "eth0", (int)c->mtu);
	fl4.daddr = tl_addr("10.0.2.2");
	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	for (unsigned int i = 0; i < c->payload; i++)
		payload[i] = tl_pattern(i);

	skb = alloc_skb(net, 128 + hlen + c->payload);
	skb_reserve(skb, 128);
	iph = skb_put_zero(skb, hlen);
	memcpy(iph + 1, rr_opts, optlen);
	skb_put_data(skb, payload, c->payload);
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = (u8)(hlen / 4);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->id = htons(0xbeef);
	iph->frag_off = htons(c->frag_off);
	iph->tot_len = htons((u16)skb->len);
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	ip_send_check(iph);
	IPCB(skb)->opt.optlen = (unsigned char)optlen;
	IPCB(skb)->flags = c->ipcb_flags;
	IPCB(skb)->frag_max_size = c->frag_max_size;
	skb_dst_set(skb, &rt->dst);
	skb->dev = rt->dst.dev;
	ip_rt_put(rt);

	out.pkts = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	out.fail_at = c->fail_at;
	out.calls = 0;
	if (c->fail_alloc)
		skb_pool_fail_after(t.w, (u64)c->fail_alloc);
	ret = ip_do_fragment(net, NULL, skb, capture_output);
	skb_pool_fail_after(t.w, 0);

	ck_assert_msg(ret == c->ret, "%s: %d", c->name, ret);
	ck_assert_msg(out.pkts->len == nfrags, "%s: %u fragments", c->name, out.pkts->len);
	ck_assert_msg(tl_ipmib(t.h1, IPSTATS_MIB_FRAGCREATES) == nfrags, "%s", c->name);
	ck_assert_msg(tl_ipmib(t.h1, IPSTATS_MIB_FRAGOKS) == (c->ret ? 0u : 1u), "%s", c->name);
	ck_assert_msg(tl_ipmib(t.h1, IPSTATS_MIB_FRAGFAILS) == (c->ret ? 1u : 0u), "%s", c->name);
	for (unsigned int i = 0; i < out.pkts->len; i++) {
		const GByteArray *b = g_ptr_array_index(out.pkts, i);
		const struct iphdr *f = (const struct iphdr *)b->data;
		u16 fo = ntohs(f->frag_off);
		bool last = i + 1 == nfrags && !c->ret;

		ck_assert_msg(b->len == hlen + c->sizes[i], "%s #%u: %u bytes", c->name, i, b->len);
		ck_assert_uint_eq(f->ihl * 4u, hlen);
		ck_assert_uint_eq(ntohs(f->tot_len), b->len);
		ck_assert_uint_eq(ntohs(f->id), 0xbeef);
		ck_assert_uint_eq(ip_fast_csum(f, f->ihl), 0);
		ck_assert_msg((fo & IP_OFFSET) * 8u == (c->frag_off & IP_OFFSET) * 8u + off,
			      "%s #%u: offset", c->name, i);
		ck_assert_msg(!!(fo & IP_MF) == (!last || (c->frag_off & IP_MF)), "%s #%u: MF",
			      c->name, i);
		ck_assert_msg(!!(fo & IP_DF) == !!(c->ipcb_flags & IPSKB_FRAG_PMTU), "%s #%u: DF",
			      c->name, i);
		ck_assert_msg(out.flags[i] & IPSKB_FRAG_COMPLETE, "%s #%u: IPCB flags", c->name, i);
		ck_assert_int_eq(memcmp(b->data + hlen, payload + off, c->sizes[i]), 0);
		if (c->options) {
			/* RFC 791: record route is not copied into later fragments */
			u8 noops[sizeof(rr_opts)];

			memset(noops, IPOPT_NOOP, sizeof(noops));
			ck_assert_int_eq(memcmp(b->data + 20, i == 0 ? rr_opts : noops, optlen), 0);
		}
		off += c->sizes[i];
	}
	g_ptr_array_unref(out.pkts);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ip_fragment");
	TCase *e2e = tcase_create("end to end");
	TCase *reasm = tcase_create("reassembly");
	TCase *frag = tcase_create("fragmentation");

	tcase_add_test(e2e, test_echo_across_a_small_mtu);
	tcase_add_test(e2e, test_df_gets_fragmentation_needed);
	suite_add_tcase(s, e2e);

	tcase_add_test(reasm, test_out_of_order_fragments_reassemble);
	tcase_add_loop_test(reasm, test_df_after_reassembly, 0, G_N_ELEMENTS(df_cases));
	tcase_add_loop_test(reasm, test_ecn_of_fragments, 0, G_N_ELEMENTS(ecn_cases));
	tcase_add_test(reasm, test_lost_fragment_times_out_with_icmp);
	tcase_add_test(reasm, test_lost_first_fragment_times_out_silently);
	tcase_add_test(reasm, test_ipfrag_time_sysctl);
	tcase_add_loop_test(reasm, test_overlaps_and_duplicates, 0, G_N_ELEMENTS(overlap_cases));
	tcase_add_test(reasm, test_overlap_then_retransmission);
	tcase_add_test(reasm, test_any_order_and_duplicates_reassemble);
	tcase_add_test(reasm, test_oversized_datagram_is_discarded);
	tcase_add_test(reasm, test_high_thresh_refuses_fragments);
	tcase_add_test(reasm, test_thresh_bounds);
	tcase_add_loop_test(reasm, test_max_dist, 0, G_N_ELEMENTS(dist_cases));
	tcase_add_test(reasm, test_reassembly_out_of_memory);
	tcase_add_test(reasm, test_namespace_exit_frees_queues);
	suite_add_tcase(s, reasm);

	tcase_add_loop_test(frag, test_ip_do_fragment, 0, G_N_ELEMENTS(frag_cases));
	suite_add_tcase(s, frag);
	return tl_run_suite(s);
}
