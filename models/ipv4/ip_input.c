/*
 * models/ipv4/ip_input.c - receiving IPv4 datagrams
 *
 * Mirrors net/ipv4/ip_input.c: ip_rcv() -> ip_rcv_core() checks the
 * header as RFC 1122 3.2.1 and the kernel do (version, ihl, checksum,
 * total length against the frame) and counts InReceives, InHdrErrors,
 * InTruncatedPkts, InCsumErrors; NF_INET_PRE_ROUTING; ip_rcv_finish()
 * routes the packet (ip_route_input_noref) and processes options; the
 * route's input is ip_local_deliver() (reassembly, NF_INET_LOCAL_IN,
 * ip_local_deliver_finish() -> raw sockets' copies (raw_local_deliver),
 * then the protocol handler, InDelivers, or
 * InUnknownProtos and ICMP protocol unreachable), ip_forward() or
 * ip_error().
 */
#include "net/ip.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "linux/interrupt.h"
#include "linux/netfilter.h"
#include "net/icmp.h"
#include "net/raw.h"
#include "trace/skbwalk.h"

/* ---- local delivery ------------------------------------------------------ */

/*
 * ip_protocol_deliver_rcu: raw sockets of the protocol get their copies
 * first (raw_local_deliver), then the handler; a protocol nobody handles
 * is unreachable only when no raw socket took it either.
 */
static void ip_protocol_deliver(struct net *net, struct sk_buff *skb, int protocol)
{
	const struct net_protocol *ipprot;
	int ret, raw;

resubmit:
	raw = raw_local_deliver(skb, protocol & 0xff);
	ipprot = inet_protos[protocol & 0xff];
	trace_skb_walk_fn(skb, "ip_protocol_deliver_rcu", skb->dev,
			  "protocol %d, %d raw socket copies, %s", protocol & 0xff, raw,
			  ipprot ? "handler found" : "no handler");
	if (ipprot) {
		ret = ipprot->handler(skb);
		if (ret < 0) {
			protocol = -ret;
			goto resubmit;
		}
		__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		return;
	}
	if (raw) {
		__IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		consume_skb(skb);
		return;
	}
	__IP_INC_STATS(net, IPSTATS_MIB_INUNKNOWNPROTOS);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	kfree_skb_reason(skb, SKB_DROP_REASON_IP_NOPROTO);
}

static int ip_local_deliver_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)sk;
	trace_skb_walk(skb, skb->dev, "protocol %u, strip %u-byte IP header",
		       ip_hdr(skb)->protocol, ip_hdrlen(skb));
	skb_pull(skb, ip_hdrlen(skb));		/* __skb_pull: data = transport header */
	cpu_charge(net, SIM_COST_L4, 0);
	ip_protocol_deliver(net, skb, ip_hdr(skb)->protocol);
	return 0;
}

int ip_local_deliver(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);

	trace_skb_walk(skb, skb->dev, "for this host%s",
		       ip_is_fragment(ip_hdr(skb)) ? ", a fragment: ip_defrag" : "");
	/* reassemble IP fragments */
	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(net, skb, IP_DEFRAG_LOCAL_DELIVER))
			return 0;
	}
	return NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN, net, NULL, skb, skb->dev, NULL,
		       ip_local_deliver_finish);
}

/* ---- ip_rcv_finish ------------------------------------------------------- */

static int ip_rcv_options(struct sk_buff *skb, struct net_device *dev)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct net *net = dev_net(dev);

	/* Compiling the options writes into the header (RR, timestamps,
	 * source route), so a shared or cloned header is copied first. */
	if (skb_cow(skb, skb_headroom(skb))) {
		__IP_INC_STATS(net, IPSTATS_MIB_INDISCARDS);
		return -1;
	}
	opt = &IPCB(skb)->opt;
	opt->optlen = (unsigned char)(ip_hdrlen(skb) - sizeof(struct iphdr));
	if (ip_options_compile(net, opt, skb)) {
		__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
		return -1;
	}
	if (opt->srr) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev && !IN_DEV_SOURCE_ROUTE(in_dev))
			return -1;	/* source routing not accepted: drop silently */
		if (ip_options_rcv_srr(skb, dev))
			return -1;
	}
	return 0;
}

static int ip_rcv_finish_core(struct net *net, struct sk_buff *skb, struct net_device *dev)
{
	const struct iphdr *iph = ip_hdr(skb);
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct rtable *rt;
	int err;

	if (!skb_dst(skb)) {
		err = ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, dev, &reason);
		if (err)
			goto drop;
	}
	trace_skb_walk_fn(skb, "ip_rcv_finish_core", dev, "route %s, dst_input next",
			  walk_rtn_name(skb_rtable(skb)->rt_type));
	if (iph->ihl > 5 && ip_rcv_options(skb, dev)) {
		reason = SKB_DROP_REASON_IP_INHDR;
		goto drop;
	}
	rt = skb_rtable(skb);
	if (rt->rt_type == RTN_MULTICAST) {
		__IP_INC_STATS(net, IPSTATS_MIB_INMCASTPKTS);
		__IP_ADD_STATS(net, IPSTATS_MIB_INMCASTOCTETS, skb->len);
	} else if (rt->rt_type == RTN_BROADCAST) {
		__IP_INC_STATS(net, IPSTATS_MIB_INBCASTPKTS);
		__IP_ADD_STATS(net, IPSTATS_MIB_INBCASTOCTETS, skb->len);
	} else if (skb->pkt_type == PACKET_BROADCAST || skb->pkt_type == PACKET_MULTICAST) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		/* RFC 1122 3.3.6: unicast IP in a link-layer broadcast */
		if (in_dev && IN_DEV_CONF_GET(in_dev, DROP_UNICAST_IN_L2_MULTICAST)) {
			reason = SKB_DROP_REASON_UNICAST_IN_L2_MULTICAST;
			goto drop;
		}
	}
	return NET_RX_SUCCESS;
drop:
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

static int ip_rcv_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	int ret;

	(void)sk;
	trace_skb_walk(skb, dev, "%s", skb_dst(skb) ? "has a dst" : "no dst: route lookup");
	ret = ip_rcv_finish_core(net, skb, dev);
	if (ret != NET_RX_DROP)
		ret = dst_input(skb);
	return ret;
}

/* ---- ip_rcv ----------------------------------------------------------------- */

/* ip_rcv_core: the header checks; NULL when the packet was dropped */
static struct sk_buff *ip_rcv_core(struct sk_buff *skb, struct net *net)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	const struct iphdr *iph;
	unsigned int len;

	if (skb->pkt_type == PACKET_OTHERHOST) {
		skb->dev->stats.rx_otherhost_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_OTHERHOST);
		return NULL;
	}
	__IP_INC_STATS(net, IPSTATS_MIB_INRECEIVES);
	__IP_ADD_STATS(net, IPSTATS_MIB_INOCTETS, skb->len);
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto inhdr_error;
	iph = (const struct iphdr *)skb->data;
	/*
	 * RFC 1122 3.2.1.2: silently discard a bad checksum; 3.2.1.1: a wrong
	 * version; the header length must be at least 5 words.
	 */
	if (iph->ihl < 5 || iph->version != 4)
		goto inhdr_error;
	__IP_INC_STATS(net, IPSTATS_MIB_NOECTPKTS + (iph->tos & 3));
	if (!pskb_may_pull(skb, iph->ihl * 4u))
		goto inhdr_error;
	if (ip_fast_csum(iph, iph->ihl))
		goto csum_error;
	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		reason = SKB_DROP_REASON_PKT_TOO_SMALL;
		__IP_INC_STATS(net, IPSTATS_MIB_INTRUNCATEDPKTS);
		goto drop;
	} else if (len < iph->ihl * 4u) {
		goto inhdr_error;
	}
	/* frame padding (Ethernet's 60-byte minimum) is not the packet */
	pskb_trim_rcsum(skb, len);
	trace_skb_walk_fn(skb, "ip_rcv_core", skb->dev,
			  "header ok: " WALK_IP4 " > " WALK_IP4 ", ttl %u, tot_len %u, proto %u",
			  WALK_IP4_ARG(iph->saddr), WALK_IP4_ARG(iph->daddr), iph->ttl, len,
			  iph->protocol);
	skb->transport_header = (u16)(skb->network_header + iph->ihl * 4u);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->iif = skb->skb_iif;
	return skb;

csum_error:
	reason = SKB_DROP_REASON_IP_CSUM;
	__IP_INC_STATS(net, IPSTATS_MIB_CSUMERRORS);
inhdr_error:
	if (reason == SKB_DROP_REASON_NOT_SPECIFIED)
		reason = SKB_DROP_REASON_IP_INHDR;
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
drop:
	kfree_skb_reason(skb, reason);
	return NULL;
}

int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev)
{
	struct net *net = dev_net(dev);

	(void)pt, (void)orig_dev;
	trace_skb_walk(skb, dev, "len %u", skb->len);
	cpu_charge(net, SIM_COST_L3, 0);
	skb = ip_rcv_core(skb, net);
	if (!skb)
		return NET_RX_DROP;
	return NF_HOOK(NFPROTO_IPV4, NF_INET_PRE_ROUTING, net, NULL, skb, dev, NULL,
		       ip_rcv_finish);
}
