/*
 * tests/unit/ipv4/test_ip.c - the IPv4 datapath end to end
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2), over cables.
 * An ICMP echo from h1 to h2: ARP on both segments, forwarding with the
 * TTL decremented, the reply back, and the counters Linux keeps for it.
 */
#include "testlib.h"

#include <arpa/inet.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"

struct net3 {
	struct world *w;
	struct node *h1, *r1, *h2;
};

static __be32 A(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

static struct net_device *dev_of(struct node *n, const char *name)
{
	struct net_device *dev = __dev_get_by_name(n->net, name);

	ck_assert_ptr_nonnull(dev);
	return dev;
}

static void up_addr(struct node *n, const char *ifname, const char *addr, int plen)
{
	struct sim_err err = { { 0 } };
	struct net_device *dev = dev_of(n, ifname);

	ck_assert_int_eq(dev_open(dev, &err), 0);
	ck_assert_msg(inet_rtm_newaddr(n->net, dev, A(addr), plen, 0, true, RT_SCOPE_UNIVERSE,
				       NULL, 0, 0, &err) == 0, "%s", err.msg);
}

static void default_via(struct node *n, const char *gw)
{
	struct fib_config cfg = { .fc_dst = 0, .fc_dst_len = 0, .fc_gw4 = A(gw),
				  .fc_type = RTN_UNICAST, .fc_protocol = RTPROT_BOOT,
				  .fc_scope = RT_SCOPE_UNIVERSE, .fc_table = RT_TABLE_MAIN,
				  .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
	struct sim_err err = { { 0 } };

	ck_assert_msg(ip_rt_newroute(n->net, &cfg, &err) == 0, "%s", err.msg);
}

static void setup3(struct net3 *t)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	t->w = tl_world("ip", 1);
	t->h1 = world_add_node(t->w, "host", "h1", NULL, &err);
	t->r1 = world_add_node(t->w, "router", "r1", NULL, &err);
	t->h2 = world_add_node(t->w, "host", "h2", NULL, &err);
	ck_assert_ptr_nonnull(t->h2);
	cfg.delay = 1000;
	ck_assert_ptr_nonnull(world_link(t->w, t->h1, t->r1, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(t->w, t->r1, t->h2, &cfg, &err));
	up_addr(t->h1, "eth0", "10.0.1.2", 24);
	up_addr(t->r1, "eth0", "10.0.1.1", 24);
	up_addr(t->r1, "eth1", "10.0.2.1", 24);
	up_addr(t->h2, "eth0", "10.0.2.2", 24);
	default_via(t->h1, "10.0.1.1");
	default_via(t->h2, "10.0.2.1");
}

/* what h1 hears: the ICMP listener the ping program will use */
struct heard {
	struct icmp_listener l;
	int echo_replies, errors;
	u8 last_type, last_code;
	u8 reply_ttl;
	__be32 from;
};

static bool heard_rcv(struct icmp_listener *l, struct sk_buff *skb)
{
	struct heard *h = container_of(l, struct heard, l);
	struct icmphdr *ic = icmp_hdr(skb);

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

static void send_echo(struct node *n, const char *dst, u8 ttl, u16 seq)
{
	struct net *net = n->net;
	struct flowi4 fl4 = { .daddr = A(dst), .flowi4_proto = IPPROTO_ICMP };
	struct sk_buff *skb;
	struct icmphdr *ic;
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_msg(rt != NULL, "no route: %d", err);
	skb = alloc_skb(net, 128 + 64);
	skb_reserve(skb, 128);
	ic = skb_put_zero(skb, sizeof(*ic) + 56);
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(0x1234);
	ic->un.echo.sequence = htons(seq);
	ic->checksum = ip_compute_csum(ic, sizeof(*ic) + 56);
	ip_push_skb(net, NULL, skb, rt, fl4.saddr, fl4.daddr, IPPROTO_ICMP, 0, ttl, true);
	ip_rt_put(rt);
}

static u64 ipmib(struct node *n, int f)
{
	return node_net(n)->ipv4.mib.ip[f];
}

START_TEST(test_echo_across_a_router)
{
	struct net3 t;
	struct heard h = { .l.rcv = heard_rcv };
	struct neighbour *n;

	setup3(&t);
	icmp_listener_add(t.h1->net, &h.l);
	send_echo(t.h1, "10.0.2.2", 64, 1);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.echo_replies, 1);
	ck_assert_uint_eq(h.from, A("10.0.2.2"));
	ck_assert_int_eq(h.reply_ttl, 63);	/* h2 sent 64, r1 took one */
	/* ARP: h1 knows r1, r1 knows both, h2 knows r1 */
	n = neigh_lookup(node_net(t.h1)->ipv4.arp_tbl, &(__be32){ A("10.0.1.1") }, dev_of(t.h1, "eth0"));
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_ptr_nonnull(neigh_lookup(node_net(t.r1)->ipv4.arp_tbl, &(__be32){ A("10.0.2.2") },
					   dev_of(t.r1, "eth1")));
	/* counters as /proc/net/snmp would show them */
	ck_assert_uint_eq(ipmib(t.h1, IPSTATS_MIB_OUTREQUESTS), 1);
	ck_assert_uint_eq(ipmib(t.h1, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_INRECEIVES), 2);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_OUTFORWDATAGRAMS), 2);
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_INDELIVERS), 0);
	ck_assert_uint_eq(ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_uint_eq(node_net(t.h2)->ipv4.mib.icmpmsg[ICMP_ECHO], 1);		/* InEchos */
	ck_assert_uint_eq(node_net(t.h2)->ipv4.mib.icmpmsg[256 + ICMP_ECHOREPLY], 1);	/* OutEchoReps */
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_ttl_expiry_gives_time_exceeded)
{
	struct net3 t;
	struct heard h = { .l.rcv = heard_rcv };

	setup3(&t);
	icmp_listener_add(t.h1->net, &h.l);
	send_echo(t.h1, "10.0.2.2", 1, 1);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h.errors, 1);
	ck_assert_int_eq(h.last_type, ICMP_TIME_EXCEEDED);
	ck_assert_int_eq(h.last_code, ICMP_EXC_TTL);
	ck_assert_uint_eq(h.from, A("10.0.1.1"));
	ck_assert_uint_eq(ipmib(t.r1, IPSTATS_MIB_INHDRERRORS), 1);
	ck_assert_uint_eq(node_net(t.r1)->ipv4.mib.icmpmsg[256 + ICMP_TIME_EXCEEDED], 1);
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_unreachable_neighbour_fails_after_three_probes)
{
	struct net3 t;
	struct heard h = { .l.rcv = heard_rcv };
	struct neighbour *n;
	struct net_device *r1e1;

	setup3(&t);
	icmp_listener_add(t.h1->net, &h.l);
	send_echo(t.h1, "10.0.2.99", 64, 1);	/* nobody has .99 */
	world_run(t.w, SIM_NSEC_PER_SEC / 2);
	r1e1 = dev_of(t.r1, "eth1");
	n = neigh_lookup(node_net(t.r1)->ipv4.arp_tbl, &(__be32){ A("10.0.2.99") }, r1e1);
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	world_run(t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	/* r1 told h1: host unreachable, from its address on h1's side */
	ck_assert_int_eq(h.errors, 1);
	ck_assert_int_eq(h.last_type, ICMP_DEST_UNREACH);
	ck_assert_int_eq(h.last_code, ICMP_HOST_UNREACH);
	ck_assert_uint_eq(h.from, A("10.0.1.1"));
	ck_assert_uint_eq(node_net(t.r1)->ipv4.arp_tbl->stats.res_failed, 1);
	icmp_listener_del(t.h1->net, &h.l);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_addresses_bring_their_routes)
{
	struct net3 t;
	struct flowi4 fl4 = { .daddr = 0 };
	struct fib_result res;

	setup3(&t);
	fl4.daddr = A("10.0.1.77");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_UNICAST);
	ck_assert_int_eq(res.prefixlen, 24);
	fl4.daddr = A("10.0.1.2");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_LOCAL);
	fl4.daddr = A("10.0.1.255");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);
	ck_assert_int_eq(res.type, RTN_BROADCAST);
	fl4.daddr = A("192.0.2.1");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), 0);	/* default */
	ck_assert_int_eq(res.prefixlen, 0);
	/* the device goes down: its prefix and broadcast routes go, the local one stays */
	dev_close(dev_of(t.h1, "eth0"));
	fl4.daddr = A("10.0.1.77");
	ck_assert_int_eq(fib_lookup(t.h1->net, &fl4, &res, 0), -ENETUNREACH);
	fl4.daddr = A("10.0.1.2");
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
