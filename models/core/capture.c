/*
 * models/core/capture.c - the capture taps of net/core/dev.c
 *
 * tcpdump's view of a device: every frame the device sends, as the stack
 * built it (dev_queue_xmit_nit, before driver padding), and every frame it
 * receives, mac header included (__netif_receive_skb_core).  With
 * net:capture{ annotate = true } the same frames, and the packets the
 * kernel drops, also go to the node's annotated pcapng, each with a
 * comment that says what the kernel knew of it there:
 *
 *   out dev_queue_xmit_nit route 10.0.2.0/24 dev eth1 nexthop 10.0.2.2
 *       qdisc pfifo_fast band 1 txq 0
 *   in __netif_receive_skb_core pkt_type host rxq 0 napi_id 8193
 *   drop IP_INNOROUTES at ip_route_input_slow dev eth0
 *
 * (one line each; docs/captures.md explains every word).  The drop side
 * plays drop_monitor / the skb:kfree_skb tracepoint that dropwatch and
 * pwru read: the reason's short name as the tracepoint prints it, the
 * function that called kfree_skb_reason() and the device.
 *
 * The route prefix is not in skb->dst (an rtable is cached per nexthop and
 * shared by every prefix that uses it, in the kernel too): it is looked up
 * again with the packet's key when the comment is written, as `ip route
 * get` would answer at that moment.
 */
#include "trace/capture.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "linux/if_ether.h"
#include "linux/ip.h"
#include "linux/netdevice.h"
#include "net/ip_fib.h"
#include "net/kernel.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "net/sch_generic.h"
#include "sim/trace/pcap.h"

#define CAPTURE_COMMENT_MAX	320
/* EtherType of a dropped packet that has no header at all yet (socket layer) */
#define CAPTURE_ETH_P_NOHDR	0x88B5	/* IEEE 802 local experimental 1 */

/* A comment under construction: appends never overflow, they cut. */
struct capture_note {
	char buf[CAPTURE_COMMENT_MAX];
	size_t len;
};

/* Started only for a frame that gets a comment: no per-frame clearing of buf. */
static void note_init(struct capture_note *n)
{
	n->len = 0;
	n->buf[0] = '\0';
}

static void note_add(struct capture_note *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note_add(struct capture_note *n, const char *fmt, ...)
{
	va_list ap;
	int ret;

	if (n->len >= sizeof(n->buf) - 1)
		return;
	va_start(ap, fmt);
	ret = vsnprintf(n->buf + n->len, sizeof(n->buf) - n->len, fmt, ap);
	va_end(ap);
	if (ret > 0)
		n->len += (size_t)ret < sizeof(n->buf) - n->len ? (size_t)ret
								 : sizeof(n->buf) - n->len - 1;
}

/* ---- what the comment says ---------------------------------------------- */

/* `ip route` words for rt_type (include/uapi/linux/rtnetlink.h RTN_*) */
static const char *const rtn_names[__RTN_MAX] = {
	"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
	"blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve",
};

/* skb->pkt_type as eth_type_trans() decided it */
static const char *const pkt_type_names[] = {
	[PACKET_HOST] = "host", [PACKET_BROADCAST] = "broadcast",
	[PACKET_MULTICAST] = "multicast", [PACKET_OTHERHOST] = "otherhost",
	[PACKET_OUTGOING] = "outgoing", [PACKET_LOOPBACK] = "loopback",
};

/* The IPv4 header at skb->network_header, when it is complete in the buffer. */
static const struct iphdr *capture_iphdr(const struct sk_buff *skb)
{
	if (skb->protocol != htons(ETH_P_IP) || skb->network_header == SKB_HEADER_UNSET ||
	    skb->network_header + sizeof(struct iphdr) > skb->tail)
		return NULL;
	return (const struct iphdr *)skb_network_header(skb);
}

/*
 * The route of skb->dst: "route 10.0.2.0/24 via 10.0.1.1 dev eth1 nexthop
 * 10.0.1.1".  The prefix is found again with the key the route was chosen
 * by: input key (iif) for a forwarded packet, output key (oif) else.
 */
static void note_route4(struct capture_note *n, const struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = capture_iphdr(skb);
	struct net *net = dev_net(rt->dst.dev);
	struct fib_result res = { 0 };
	struct flowi4 fl4 = { 0 };
	char a[INET_ADDRSTRLEN];

	note_add(n, " route");
	if (rt->rt_type != RTN_UNICAST && rt->rt_type < __RTN_MAX)
		note_add(n, " %s", rtn_names[rt->rt_type]);
	if (iph) {
		fl4.daddr = iph->daddr;
		fl4.saddr = iph->saddr;
		fl4.flowi4_tos = (u8)(iph->tos & IPTOS_TOS_MASK);
		fl4.flowi4_mark = skb->mark;
		fl4.flowi4_proto = iph->protocol;
		if (rt->rt_is_input) {
			fl4.flowi4_iif = skb->skb_iif;
		} else {
			fl4.flowi4_iif = LOOPBACK_IFINDEX;
			fl4.flowi4_oif = rt->dst.dev->ifindex;
		}
		if (fib_lookup(net, &fl4, &res, FIB_LOOKUP_NOREF) == 0) {
			if (res.prefixlen == 0)
				note_add(n, " default");
			else
				note_add(n, " %s/%u", inet_ntop(AF_INET, &res.prefix, a, sizeof(a)),
					 res.prefixlen);
		}
	}
	if (rt->rt_gw4)
		note_add(n, " via %s", inet_ntop(AF_INET, &rt->rt_gw4, a, sizeof(a)));
	note_add(n, " dev %s", rt->dst.dev->name);
	if (iph && rt->rt_type == RTN_UNICAST) {
		__be32 nh = rt_nexthop(rt, iph->daddr);

		note_add(n, " nexthop %s", inet_ntop(AF_INET, &nh, a, sizeof(a)));
	}
}

/* The route when the packet has one (IPv4 is the only family with dsts yet). */
static void note_route(struct capture_note *n, const struct sk_buff *skb)
{
	if (skb_dst(skb) && skb_dst(skb)->dev && skb->protocol == htons(ETH_P_IP))
		note_route4(n, skb);
}

/* The tx queue dev_queue_xmit picked and its qdisc's band for @skb. */
static void note_queue_tx(struct capture_note *n, const struct sk_buff *skb,
			  const struct net_device *dev)
{
	const struct netdev_queue *txq;
	const struct Qdisc *q;

	if (skb->queue_mapping >= dev->num_tx_queues)
		return;
	txq = netdev_get_tx_queue(dev, skb->queue_mapping);
	q = qdisc_of(txq);
	if (q) {
		note_add(n, " qdisc %s", q->ops->id);
		if (q->ops->band)
			note_add(n, " band %d", q->ops->band(q, skb));
	}
	note_add(n, " txq %u", skb->queue_mapping);
}

/* skb->mark and skb->priority, where they are not 0. */
static void note_mark(struct capture_note *n, const struct sk_buff *skb)
{
	if (skb->mark)
		note_add(n, " mark 0x%x", skb->mark);
	if (skb->priority)
		note_add(n, " priority %u", skb->priority);
}

/* ---- the taps ------------------------------------------------------------ */

void skb_capture_tx(struct sk_buff *skb, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	sim_time_t now = sim_now(net->w);
	struct capture_note n;

	/*
	 * The capture is what tcpdump writes; libpcap skips the outgoing copy
	 * on the loopback device (it sees the packet again coming in), so lo's
	 * capture holds each packet once, at its receive.
	 */
	if (!dev->pcap || (dev->flags & IFF_LOOPBACK))
		return;
	if (!sim_pcap_write(dev->pcap, now, skb->data, skb->len, skb->len) ||
	    likely(!sim_pcap_annotated(dev->pcap)))
		return;
	note_init(&n);
	note_add(&n, "out dev_queue_xmit_nit");
	note_route(&n, skb);
	note_queue_tx(&n, skb, dev);
	note_mark(&n, skb);
	sim_pcap_annotate(dev->pcap, now, skb->data, skb->len, skb->len, n.buf);
}

void skb_capture_rx(struct sk_buff *skb)
{
	struct sim_pcap *p = skb->dev->pcap;
	unsigned int len = skb->len + skb->mac_len;
	struct capture_note n;

	if (!p || !sim_pcap_write(p, skb->tstamp, skb_mac_header(skb), len, len) ||
	    likely(!sim_pcap_annotated(p)))
		return;
	note_init(&n);
	note_add(&n, "in __netif_receive_skb_core");
	if (skb->pkt_type < G_N_ELEMENTS(pkt_type_names))
		note_add(&n, " pkt_type %s", pkt_type_names[skb->pkt_type]);
	if (skb->queue_mapping)		/* skb_rx_queue_recorded */
		note_add(&n, " rxq %u", skb_get_rx_queue(skb));
	if (skb->napi_id)
		note_add(&n, " napi_id %u", skb->napi_id);
	note_mark(&n, skb);
	sim_pcap_annotate(p, skb->tstamp, skb_mac_header(skb), len, len, n.buf);
}

/*
 * The bytes of a dropped packet, as an Ethernet frame: from its mac header
 * when it has a sane one, else a made-up header (zero addresses, the
 * EtherType of skb->protocol) before its network header, else before its
 * data (a socket's packet with no header yet, EtherType 0x88B5).
 */
static void capture_drop_write(struct world *w, struct node *node, const struct sk_buff *skb,
			       const char *comment)
{
	unsigned int start, hdr_len = 0;
	struct ethhdr *eth;
	u8 *frame;
	u32 len;

	if (skb_mac_header_was_set(skb) && skb->mac_header + (unsigned int)ETH_HLEN <= skb->tail &&
	    (skb->network_header == SKB_HEADER_UNSET || skb->mac_header <= skb->network_header)) {
		start = skb->mac_header;
	} else {
		start = skb->network_header != SKB_HEADER_UNSET &&
			skb->network_header <= skb->tail ? skb->network_header
							 : (unsigned int)(skb->data - skb->head);
		hdr_len = ETH_HLEN;
	}
	len = hdr_len + skb->tail - start;
	frame = g_malloc(len);
	if (hdr_len) {
		eth = (struct ethhdr *)frame;
		memset(eth, 0, ETH_HLEN);
		eth->h_proto = start == skb->network_header && skb->protocol
				       ? skb->protocol : htons(CAPTURE_ETH_P_NOHDR);
	}
	memcpy(frame + hdr_len, skb->head + start, skb->tail - start);
	sim_capture_drop(w, node, sim_now(w), frame, len, len, comment);
	g_free(frame);
}

void skb_capture_drop(struct sk_buff *skb, enum skb_drop_reason reason, const char *func)
{
	struct world *w = skb->pool->w;
	struct node *node = skb_node(skb);
	struct capture_note n;

	if (!node || !sim_capture_node_annotated(w, node))
		return;
	note_init(&n);
	note_add(&n, "drop %s at %s", skb_drop_reason_name(reason), func);
	if (skb->dev)
		note_add(&n, " dev %s", skb->dev->name);
	note_route(&n, skb);
	note_mark(&n, skb);
	capture_drop_write(w, node, skb, n.buf);
}
