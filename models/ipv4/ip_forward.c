/*
 * models/ipv4/ip_forward.c - forwarding of IPv4 datagrams
 *
 * Mirrors net/ipv4/ip_forward.c: ip_forward() refuses what is not for
 * forwarding (not addressed to our MAC, sent by ourselves), answers an
 * expiring TTL with ICMP time exceeded (counting InHdrErrors, as the kernel
 * does), counts ForwDatagrams (before the MTU check, as Linux 6.x does: a
 * datagram refused as too big is counted too), answers a packet
 * with DF that does not fit the outgoing MTU with ICMP fragmentation
 * needed (FragFails); it copies a shared packet before decrementing the
 * TTL (skb_cow), sets the priority from the TOS (ip_forward_update_priority)
 * and passes NF_INET_FORWARD to ip_forward_finish(), which sends it on.
 * A datagram routed back out the interface it came in on (IPSKB_DOREDIRECT)
 * makes ip_rt_send_redirect() tell its sender of the better first hop.
 * Differences: no router alert chain, no IPsec (skb_sec_path).
 */
#include "net/ip.h"

#include "linux/netfilter.h"
#include "net/icmp.h"
#include "net/sch_generic.h"
#include "trace/skbwalk.h"

/* ip_tos2prio of net/ipv4/route.c: TOS bits -> skb->priority (pfifo_fast band) */
static const u8 ip_tos2prio[16] = {
	TC_PRIO_BESTEFFORT, TC_PRIO_BESTEFFORT, TC_PRIO_BESTEFFORT, TC_PRIO_BESTEFFORT,
	TC_PRIO_BULK, TC_PRIO_BULK, TC_PRIO_BULK, TC_PRIO_BULK,
	TC_PRIO_INTERACTIVE, TC_PRIO_INTERACTIVE, TC_PRIO_INTERACTIVE, TC_PRIO_INTERACTIVE,
	4, 4, 4, 4,		/* TC_PRIO_INTERACTIVE_BULK */
};

static inline u8 rt_tos2priority(u8 tos)
{
	return ip_tos2prio[IPTOS_TOS(tos) >> 1];
}

static bool ip_exceeds_mtu(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
		return false;
	/* the original fragments exceed the mtu and DF is set */
	if (IPCB(skb)->frag_max_size > mtu)
		return true;
	if (skb->ignore_df)
		return false;
	return true;
}

static int ip_forward_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	trace_skb_walk(skb, skb->dev, "out %s: dst_output", skb_dst(skb)->dev->name);
	if (IPCB(skb)->opt.optlen)
		ip_forward_options(skb);
	skb->tstamp = 0;
	return dst_output(net, sk, skb);
}

int ip_forward(struct sk_buff *skb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct ip_options *opt = &IPCB(skb)->opt;
	struct net *net;
	struct rtable *rt;
	struct iphdr *iph;
	unsigned int mtu;

	if (skb->pkt_type != PACKET_HOST) {
		reason = SKB_DROP_REASON_OTHERHOST;
		goto drop;
	}
	if (skb->sk)
		goto drop;
	net = dev_net(skb->dev);
	if (ip_hdr(skb)->ttl <= 1) {
		trace_skb_walk(skb, skb->dev, "ttl %u: time exceeded", ip_hdr(skb)->ttl);
		goto too_many_hops;
	}
	rt = skb_rtable(skb);
	if (opt->is_strictroute && rt->rt_uses_gateway)
		goto sr_failed;
	/* counted here, not in ip_forward_finish() as in older kernels: Linux
	 * 6.18 counts a datagram then refused as too big as forwarded too
	 * (tests/kernel/ip_frag.sh shows it) */
	__IP_INC_STATS(net, IPSTATS_MIB_OUTFORWDATAGRAMS);
	IPCB(skb)->flags |= IPSKB_FORWARDED;
	mtu = ip_dst_mtu_maybe_forward(&rt->dst, true);	/* not a learned PMTU */
	if (ip_exceeds_mtu(skb, mtu)) {
		__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		reason = SKB_DROP_REASON_PKT_TOO_BIG;
		goto drop;
	}
	/* we are about to mangle the packet: make it ours */
	if (skb_cow(skb, rt->dst.dev->hard_header_len)) {
		reason = SKB_DROP_REASON_NOMEM;
		goto drop;
	}
	iph = ip_hdr(skb);
	ip_decrease_ttl(iph);
	trace_skb_walk(skb, skb->dev, "ttl %u -> %u, out %s, mtu %u%s", iph->ttl + 1u, iph->ttl,
		       rt->dst.dev->name, mtu,
		       IPCB(skb)->flags & IPSKB_DOREDIRECT ? ", send redirect" : "");
	/* out the way it came in: tell the sender of the better first hop */
	if ((IPCB(skb)->flags & IPSKB_DOREDIRECT) && !opt->srr)
		ip_rt_send_redirect(skb);
	if (net->ipv4.sysctl->sysctl_ip_fwd_update_priority)
		skb->priority = rt_tos2priority(iph->tos);
	return NF_HOOK(NFPROTO_IPV4, NF_INET_FORWARD, net, NULL, skb, skb->dev, rt->dst.dev,
		       ip_forward_finish);

sr_failed:
	/* strict source routing must not use a gateway */
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);
	goto drop;

too_many_hops:
	/* tell the sender its packet died */
	__IP_INC_STATS(net, IPSTATS_MIB_INHDRERRORS);
	icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	reason = SKB_DROP_REASON_IP_INHDR;
drop:
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}
