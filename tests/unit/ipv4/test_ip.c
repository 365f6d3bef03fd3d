/*
 * tests/unit/ipv4/test_ip.c - the IPv4 datapath end to end
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2), over cables.
 * An ICMP echo from h1 to h2: ARP on both segments, forwarding with the
 * TTL decremented, the reply back, and the counters Linux keeps for it.
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"

/* what h1 hears: the ICMP listener the ping program will use */
struct heard {
	struct icmp_listener l;
	int echo_replies, errors;
	u8 last_type, last_code;
	u8 reply_ttl;
	__be32 from;
};

static bool heard_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct heard *h = container_of(l, struct heard, l);
	struct icmphdr *ic = icmp_hdr(skb);

	(void)info;
	h->last_type = ic->type;
	h->last_code = ic->code;
	h->from = ip_hdr(skb)->saddr;
	if (ic->type == ICMP_ECHOREPLY) {
		h->echo_replies++;
		h->reply_ttl = ip_hdr(skb)->ttl;
	} else {
		h->errors++;
	}
	consume_skb(skb);
	return true;
}

START_TEST(test_echo_across_a_router)
{
	struct tl_net3 t;
	struct heard h = { .l.rcv = heard_rcv };
	struct neighbour *n;

	tl_net3_setup(&t);
	icmp_listener_add(t.h1->net, &h.l);
	tl_send_echo(t.h1, "10.0.2.2", 64, 1, 56);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.echo_replies, 1);
	ck_assert_uint_eq(h.from, tl_addr("10.0.2.2"));
	ck_assert_int_eq(h.reply_ttl, 63);	/* h2 sent 64, r1 took one */
	/* ARP: h1 knows r1, r1 knows both, h2 knows r1 */
	n = neigh_lookup(node_net(t.h1)->ipv4.arp_tbl, &(__be32){ tl_addr("10.0.1.1") }, tl_dev(t.h1, "eth0"));
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_ptr_nonnull(neigh_lookup(node_net(t.r1)->ipv4.arp_tbl, &(__be32){ tl_addr("10.0.2.2") },
					   tl_dev(t.r1, "eth1")));
	/* counters as /proc/net/snmp would show them */
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_OUTREQUESTS), 1);
	ck_assert_uint_eq(tl_ipmib(t.h1, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INRECEIVES), 2);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 2);
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INDELIVERS), 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(node_net(t.h2)->ipv4.mib.icmpmsg[ICMP_ECHO], 1);		/* InEchos */
	ck_assert_uint_eq(node_net(t.h2)->ipv4.mib.icmpmsg[256 + ICMP_ECHOREPLY], 1);	/* OutEchoReps */
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_ttl_expiry_gives_time_exceeded)
{
	struct tl_net3 t;
	struct heard h = { .l.rcv = heard_rcv };

	tl_net3_setup(&t);
	icmp_listener_add(t.h1->net, &h.l);
	tl_send_echo(t.h1, "10.0.2.2", 1, 1, 56);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.errors, 1);
	ck_assert_int_eq(h.last_type, ICMP_TIME_EXCEEDED);
	ck_assert_int_eq(h.last_code, ICMP_EXC_TTL);
	ck_assert_uint_eq(h.from, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(tl_ipmib(t.r1, IPSTATS_MIB_INHDRERRORS), 1);
	ck_assert_uint_eq(node_net(t.r1)->ipv4.mib.icmpmsg[256 + ICMP_TIME_EXCEEDED], 1);
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_unreachable_neighbour_fails_after_three_probes)
{
	struct tl_net3 t;
	struct heard h = { .l.rcv = heard_rcv };
	struct neighbour *n;
	struct net_device *r1e1;

	tl_net3_setup(&t);
	icmp_listener_add(t.h1->net, &h.l);
	tl_send_echo(t.h1, "10.0.2.99", 64, 1, 56);	/* nobody has .99 */
	world_run(t.w, SIM_NSEC_PER_SEC / 2);
	r1e1 = tl_dev(t.r1, "eth1");
	n = neigh_lookup(node_net(t.r1)->ipv4.arp_tbl, &(__be32){ tl_addr("10.0.2.99") }, r1e1);
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	world_run(t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	/* r1 told h1: host unreachable, from its address on h1's side */
	ck_assert_int_eq(h.errors, 1);
	ck_assert_int_eq(h.last_type, ICMP_DEST_UNREACH);
	ck_assert_int_eq(h.last_code, ICMP_HOST_UNREACH);
	ck_assert_uint_eq(h.from, tl_addr("10.0.1.1"));
	ck_assert_uint_eq(node_net(t.r1)->ipv4.arp_tbl->stats.res_failed, 1);
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_addresses_bring_their_routes)
{
	struct tl_net3 t;
	struct flowi4 fl4 = { .daddr = 0 };
	struct fib_result res;

	tl_net3_setup(&t);
	fl4.daddr = tl_addr("10.0.1.77");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_UNICAST);
	ck_assert_int_eq(res.prefixlen, 24);
	fl4.daddr = tl_addr("10.0.1.2");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_LOCAL);
	fl4.daddr = tl_addr("10.0.1.255");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_BROADCAST);
	fl4.daddr = tl_addr("192.0.2.1");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);	/* default */
	ck_assert_int_eq(res.prefixlen, 0);
	/* the device goes down: its prefix and broadcast routes go, the local one stays */
	dev_close(tl_dev(t.h1, "eth0"));
	fl4.daddr = tl_addr("10.0.1.77");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), -ENETUNREACH);
	fl4.daddr = tl_addr("10.0.1.2");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_LOCAL);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ip");
	TCase *tc = tcase_create("datapath");

	tcase_add_test(tc, test_addresses_bring_their_routes);
	tcase_add_test(tc, test_echo_across_a_router);
	tcase_add_test(tc, test_ttl_expiry_gives_time_exceeded);
	tcase_add_test(tc, test_unreachable_neighbour_fails_after_three_probes);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
