/*
 * tests/unit/tl_ipv4.c - IPv4 fixtures shared by the Check suites
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"

__be32 tl_addr(const char *dotted)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, dotted, &a), 1);
	return a.s_addr;
}

struct net_device *tl_dev(struct node *n, const char *ifname)
{
	struct net_device *dev = __dev_get_by_name(n->net, ifname);

	ck_assert_msg(dev != NULL, "%s has no %s", n->name, ifname);
	return dev;
}

void tl_up_addr(struct node *n, const char *ifname, const char *addr, int plen)
{
	struct sim_err err = { { 0 } };
	struct net_device *dev = tl_dev(n, ifname);

	ck_assert_int_eq(dev_open(dev, &err), 0);
	ck_assert_msg(inet_rtm_newaddr(n->net, dev, tl_addr(addr), plen, 0, true,
				       RT_SCOPE_UNIVERSE, NULL, 0, 0, &err) == 0, "%s", err.msg);
}

void tl_default_via(struct node *n, const char *gw)
{
	struct fib_config cfg = { .fc_gw4 = tl_addr(gw), .fc_type = RTN_UNICAST,
				  .fc_protocol = RTPROT_BOOT, .fc_scope = RT_SCOPE_UNIVERSE,
				  .fc_table = RT_TABLE_MAIN,
				  .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
	struct sim_err err = { { 0 } };

	ck_assert_msg(ip_rt_newroute(n->net, &cfg, &err) == 0, "%s", err.msg);
}

void tl_net3_setup(struct tl_net3 *t)
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
	tl_up_addr(t->h1, "eth0", "10.0.1.2", 24);
	tl_up_addr(t->r1, "eth0", "10.0.1.1", 24);
	tl_up_addr(t->r1, "eth1", "10.0.2.1", 24);
	tl_up_addr(t->h2, "eth0", "10.0.2.2", 24);
	tl_default_via(t->h1, "10.0.1.1");
	tl_default_via(t->h2, "10.0.2.1");
}

void tl_send_echo(struct node *n, const char *dst, u8 ttl, u16 seq, unsigned int payload)
{
	struct net *net = n->net;
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	struct sk_buff *skb;
	struct icmphdr *ic;
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_msg(rt != NULL, "no route to %s: %d", dst, err);
	skb = alloc_skb(net, 128 + sizeof(*ic) + payload);
	skb_reserve(skb, 128);
	ic = skb_put_zero(skb, sizeof(*ic) + payload);
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(0x1234);
	ic->un.echo.sequence = htons(seq);
	ic->checksum = ip_compute_csum(ic, (int)(sizeof(*ic) + payload));
	ip_push_skb(net, NULL, skb, rt, fl4.saddr, fl4.daddr, IPPROTO_ICMP, 0, ttl, true);
	ip_rt_put(rt);
}

u8 tl_pattern(unsigned int i)
{
	return (u8)(i * 7 + 3);
}

unsigned int tl_make_icmp(u8 *buf, u8 type, u16 id, u16 seq, unsigned int datalen)
{
	struct icmphdr *ic = (struct icmphdr *)buf;

	memset(ic, 0, sizeof(*ic));
	ic->type = type;
	ic->un.echo.id = htons(id);
	ic->un.echo.sequence = htons(seq);
	for (unsigned int i = 0; i < datalen; i++)
		buf[sizeof(*ic) + i] = tl_pattern(i);
	ic->checksum = ip_compute_csum(buf, (int)(sizeof(*ic) + datalen));
	return (unsigned int)sizeof(*ic) + datalen;
}

void tl_send_raw(struct node *n, const char *dst, const u8 *opts, unsigned int optlen,
		 const u8 *l4, unsigned int len, bool df)
{
	struct net *net = n->net;
	struct flowi4 fl4 = { .daddr = tl_addr(dst), .flowi4_proto = IPPROTO_ICMP };
	unsigned int hlen = sizeof(struct iphdr) + optlen;
	struct sk_buff *skb;
	struct iphdr *iph;
	struct rtable *rt;
	int err = 0;

	ck_assert_uint_eq(optlen % 4, 0);
	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_msg(rt != NULL, "no route to %s: %d", dst, err);
	skb = alloc_skb(net, 128 + hlen + len);
	skb_reserve(skb, 128);
	iph = skb_put_zero(skb, hlen);
	if (optlen)
		memcpy(iph + 1, opts, optlen);
	skb_put_data(skb, l4, len);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, (int)hlen);
	iph->version = 4;
	iph->ihl = (u8)(hlen / 4);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	iph->frag_off = df ? htons(IP_DF) : 0;
	skb_dst_set(skb, &rt->dst);
	skb->dev = rt->dst.dev;
	ip_select_ident(net, skb, NULL);
	ip_local_out(net, NULL, skb);
	ip_rt_put(rt);
}

u64 tl_ipmib(struct node *n, int field)
{
	return node_net(n)->ipv4.mib.ip[field];
}

u64 tl_icmp_out(struct node *n, int type)
{
	const u64 *msg = node_net(n)->ipv4.mib.icmpmsg;

	return msg ? msg[256 + type] : 0;
}

/* ---- tl_heard ---------------------------------------------------------- */

static bool tl_heard_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct tl_heard *h = container_of(l, struct tl_heard, l);
	const struct iphdr *iph = ip_hdr(skb);
	struct icmphdr *ic = icmp_hdr(skb);
	unsigned int len = ntohs(iph->tot_len);

	(void)info;
	ck_assert_uint_le(len, (unsigned int)(skb_tail_pointer(skb) - skb_network_header(skb)));
	h->n++;
	h->type = ic->type;
	h->code = ic->code;
	h->from = iph->saddr;
	h->info = ic->un.gateway;
	h->frag_max_size = IPCB(skb)->frag_max_size;
	h->ipcb_flags = IPCB(skb)->flags;
	h->when = sim_now(dev_net(skb->dev)->w);
	if (h->pkt)
		g_byte_array_unref(h->pkt);
	h->pkt = g_byte_array_new();
	g_byte_array_append(h->pkt, skb_network_header(skb), len);
	consume_skb(skb);
	return true;
}

void tl_heard_start(struct tl_heard *h, struct node *n)
{
	*h = (struct tl_heard){ .l.rcv = tl_heard_rcv };
	icmp_listener_add(n->net, &h->l);
}

void tl_heard_stop(struct tl_heard *h, struct node *n)
{
	icmp_listener_del(n->net, &h->l);
	if (h->pkt)
		g_byte_array_unref(h->pkt);
	h->pkt = NULL;
}

/* ---- tl_tap ------------------------------------------------------------ */

static int tl_tap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		      struct net_device *orig_dev)
{
	struct tl_tap *t = container_of(pt, struct tl_tap, pt);

	(void)dev, (void)orig_dev;
	if (skb->protocol == htons(ETH_P_IP)) {
		GByteArray *b = g_byte_array_new();

		g_byte_array_append(b, skb->data, skb->len);
		g_ptr_array_add(t->pkts, b);
	}
	consume_skb(skb);
	return 0;
}

void tl_tap_start(struct tl_tap *t, struct node *n, const char *ifname)
{
	*t = (struct tl_tap){ .pt = { .type = htons(ETH_P_ALL), .dev = tl_dev(n, ifname),
				     .func = tl_tap_rcv } };
	t->pkts = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	dev_add_pack(n->net, &t->pt);
}

void tl_tap_stop(struct tl_tap *t, struct node *n)
{
	dev_remove_pack(n->net, &t->pt);
	g_ptr_array_unref(t->pkts);
}

const struct iphdr *tl_tap_iph(const struct tl_tap *t, unsigned int i)
{
	ck_assert_uint_lt(i, t->pkts->len);
	return (const struct iphdr *)((GByteArray *)g_ptr_array_index(t->pkts, i))->data;
}
