/*
 * models/ipv4/ip_output.c - sending IPv4 datagrams
 *
 * Mirrors net/ipv4/ip_output.c: __ip_local_out() counts OutRequests,
 * fills tot_len and the checksum, NF_INET_LOCAL_OUT, dst_output();
 * ip_output() counts OutTransmits/OutOctets (6.3+), NF_INET_POST_ROUTING,
 * ip_finish_output() fragments what exceeds the route's MTU (or answers
 * ICMP fragmentation needed for DF), and ip_finish_output2() finds the
 * neighbour of the nexthop (the gateway, or the destination on link) and
 * hands the packet to neigh_output().  IP IDs follow ip_select_ident():
 * 0 for DF packets of unconnected sockets, else per-destination counters
 * in ip_idents with a random jump after idle time.  ip_push_skb_opt()
 * builds the header of what we send, with options (ihl > 5, written by
 * ip_options_build()) when the sender has them, as __ip_make_skb() does.
 */
#include "net/ip.h"

#include <errno.h>

#include "linux/etherdevice.h"
#include "linux/inetdevice.h"
#include "linux/interrupt.h"
#include "linux/netfilter.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/neighbour.h"

#define IP_IDENTS_SZ 2048u

/* ---- IP IDs --------------------------------------------------------------- */

static u32 ip_idents_hash(struct net *net, const struct iphdr *iph)
{
	/* siphash in the kernel; any keyed hash of (daddr, saddr, protocol) */
	u64 h = net->ipv4.ip_id_rng.s[0] ^ 0x9e3779b97f4a7c15ULL;

	h = (h ^ iph->daddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ iph->saddr) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ iph->protocol) * 0xff51afd7ed558ccdULL;
	return (u32)(h ^ (h >> 33));
}

static u32 ip_idents_reserve(struct net *net, u32 hash, int segs)
{
	/* 16 KiB a node: made when the first packet needs a hashed id */
	if (!net->ipv4.ip_idents) {
		net->ipv4.ip_idents = g_new0(u32, IP_IDENTS_SZ);
		net->ipv4.ip_tstamps = g_new0(u32, IP_IDENTS_SZ);
	}
	u32 bucket = hash % IP_IDENTS_SZ;
	u32 now = (u32)sim_jiffies(net->w);
	u32 old = net->ipv4.ip_tstamps[bucket];
	u32 delta = 0;

	/* after idle time, jump ahead randomly: IDs are not predictable */
	if (old != now) {
		net->ipv4.ip_tstamps[bucket] = now;
		delta = sim_rng_below(&net->ipv4.ip_id_rng, now - old);
	}
	net->ipv4.ip_idents[bucket] += (u32)segs + delta;
	return net->ipv4.ip_idents[bucket] - (u32)segs;
}

void ip_select_ident(struct net *net, struct sk_buff *skb, struct sock *sk)
{
	struct iphdr *iph = ip_hdr(skb);

	(void)sk;	/* connected sockets' own counters come with sockets */
	if ((iph->frag_off & htons(IP_DF)) && !skb->ignore_df)
		iph->id = 0;
	else
		iph->id = htons((u16)ip_idents_reserve(net, ip_idents_hash(net, iph), 1));
}

/* ---- output ----------------------------------------------------------------- */

static int ip_finish_output2(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;
	struct neighbour *neigh;
	__be32 nexthop;

	(void)sk;
	/* OutTransmits/OutOctets per packet handed to the neighbour layer, so
	 * per fragment (Linux 6.3+; before, ip_output() counted datagrams) */
	__IP_INC_STATS(net, IPSTATS_MIB_OUTPKTS);
	__IP_ADD_STATS(net, IPSTATS_MIB_OUTOCTETS, skb->len);
	if (rt->rt_type == RTN_MULTICAST) {
		__IP_INC_STATS(net, IPSTATS_MIB_OUTMCASTPKTS);
		__IP_ADD_STATS(net, IPSTATS_MIB_OUTMCASTOCTETS, skb->len);
	} else if (rt->rt_type == RTN_BROADCAST) {
		__IP_INC_STATS(net, IPSTATS_MIB_OUTBCASTPKTS);
		__IP_ADD_STATS(net, IPSTATS_MIB_OUTBCASTOCTETS, skb->len);
	}
	/* room for the link-layer header */
	if (skb_headroom(skb) < dev->hard_header_len && skb_cow_head(skb, dev->hard_header_len)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
		return -ENOMEM;
	}
	nexthop = rt_nexthop(rt, ip_hdr(skb)->daddr);
	/* ip_neigh_gw4: found without counting a lookup in arp_cache's stats;
	 * loopback and point-to-point devices have one neighbour, keyed
	 * 0.0.0.0 (`0.0.0.0 dev lo lladdr 00:00:00:00:00:00 NOARP` in `ip neigh
	 * show nud all` on Linux) */
	neigh = __ipv4_neigh_lookup_noref(dev, nexthop);
	if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT))
		nexthop = 0;
	if (!neigh)
		neigh = __neigh_create(net->ipv4.arp_tbl, &nexthop, dev, false);
	if (!neigh) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_CREATEFAIL);
		return -EINVAL;
	}
	return neigh_output(neigh, skb);
}

static int ip_fragment(struct net *net, struct sock *sk, struct sk_buff *skb, unsigned int mtu,
		       int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	struct iphdr *iph = ip_hdr(skb);

	if (!(iph->frag_off & htons(IP_DF)))
		return ip_do_fragment(net, sk, skb, output);
	if (!skb->ignore_df || (IPCB(skb)->frag_max_size && IPCB(skb)->frag_max_size > mtu)) {
		__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return -EMSGSIZE;
	}
	return ip_do_fragment(net, sk, skb, output);
}

static int ip_finish_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(skb);

	if (skb->len > mtu)
		return ip_fragment(net, sk, skb, mtu, ip_finish_output2);
	return ip_finish_output2(net, sk, skb);
}

int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb_dst(skb)->dev;
	struct net_device *indev = skb->dev;

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return NF_HOOK_COND(NFPROTO_IPV4, NF_INET_POST_ROUTING, net, sk, skb, indev, dev,
			    ip_finish_output, !(IPCB(skb)->flags & IPSKB_REROUTED));
}

/* ip_mc_output: broadcasts and multicasts (no multicast routing) */
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return ip_output(net, sk, skb);
}

static int __ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);

	__IP_INC_STATS(net, IPSTATS_MIB_OUTREQUESTS);
	iph->tot_len = htons((u16)skb->len);
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	return NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, net, sk, skb, NULL, skb_dst(skb)->dev,
		       dst_output);
}

int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	int ret;

	cpu_charge(net, SIM_COST_L3, 0);
	local_bh_disable(net);
	ret = __ip_local_out(net, sk, skb);
	local_bh_enable(net);
	return ret;
}

int ip_push_skb_opt(struct net *net, struct sock *sk, struct sk_buff *skb, struct rtable *rt,
		    __be32 saddr, __be32 daddr, u8 proto, u8 tos, u8 ttl, bool df,
		    const struct ip_options_data *opt)
{
	unsigned int optlen = opt ? opt->opt.optlen : 0;
	unsigned int hlen = sizeof(struct iphdr) + optlen;
	struct iphdr *iph;

	SIM_BUG_ON(optlen > MAX_IPOPTLEN || (optlen & 3));
	skb_reset_transport_header(skb);
	/* ip_append_data reserves the options' room; a caller that did not gets it here */
	if (skb_headroom(skb) < hlen && skb_cow_head(skb, hlen)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
		return -ENOBUFS;
	}
	iph = skb_push(skb, hlen);
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->frag_off = df ? htons(IP_DF) : 0;
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->saddr = saddr;
	/* __ip_make_skb: the header goes where the route goes, a source route's first hop */
	iph->daddr = optlen && opt->opt.srr ? opt->opt.faddr : daddr;
	iph->tot_len = htons((u16)skb->len);
	skb_dst_set(skb, &rt->dst);
	skb->dev = rt->dst.dev;
	ip_select_ident(net, skb, sk);
	if (optlen) {
		iph->ihl = (u8)(iph->ihl + (optlen >> 2));
		ip_options_build(skb, opt, daddr, rt);
	}
	/* every ICMP message sent, the stack's own (icmp_reply, icmp_send)
	 * and a socket's (ping): the Out counters are kept here */
	if (proto == IPPROTO_ICMP)
		icmp_out_count(net, icmp_hdr(skb)->type);
	return ip_local_out(net, sk, skb);
}

int ip_push_skb(struct net *net, struct sock *sk, struct sk_buff *skb, struct rtable *rt,
		__be32 saddr, __be32 daddr, u8 proto, u8 tos, u8 ttl, bool df)
{
	return ip_push_skb_opt(net, sk, skb, rt, saddr, daddr, proto, tos, ttl, df, NULL);
}
