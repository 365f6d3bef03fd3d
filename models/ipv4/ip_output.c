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
 * in ip_idents (only the buckets used) with a random jump after idle
 * time.  ip_push_skb_opt() builds the header of what we send, with
 * options (ihl > 5, written by ip_options_build()) when the sender has
 * them, as __ip_make_skb() does.
 */
#include "net/ip.h"

#include <errno.h>
#include <string.h>

#include "linux/etherdevice.h"
#include "linux/inetdevice.h"
#include "linux/interrupt.h"
#include "linux/netfilter.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/neighbour.h"
#include "trace/skbwalk.h"

#define IP_IDENTS_SZ 2048u

/* ---- IP IDs --------------------------------------------------------------- */

/*
 * The bucket of (daddr, saddr, protocol): siphash with the namespace's key
 * in the kernel (net->ipv4.ip_id_key, drawn at the first packet and fixed
 * from then on); any keyed hash will do.  A fixed key keeps each flow in
 * one bucket, so a host sending to one peer uses one bucket however long
 * it runs.
 */
static u64 ip_id_key(struct net *net)
{
	struct sim_rng rng;

	/* its own stream: the ID jumps and ICMP credits draw from ip_id_rng */
	node_rng_derive(net->node, &rng, "ip_id_key");
	do {
		net->ipv4.ip_id_key = sim_rng_u64(&rng);
	} while (!net->ipv4.ip_id_key);
	return net->ipv4.ip_id_key;
}

static u32 ip_idents_hash(struct net *net, const struct iphdr *iph)
{
	u64 h = net->ipv4.ip_id_key;

	if (unlikely(!h))
		h = ip_id_key(net);
	h ^= 0x9e3779b97f4a7c15ULL;
	h = (h ^ iph->daddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ iph->saddr) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ iph->protocol) * 0xff51afd7ed558ccdULL;
	return (u32)(h ^ (h >> 33));
}

/*
 * The kernel keeps IP_IDENTS_SZ (ident, stamp) buckets in one zeroed array
 * (16 KiB).  A node here keeps only the buckets it touched, in an
 * open-addressed table keyed by bucket number (10 bytes a slot: the key
 * apart, so that probing reads 2-byte keys in a row) that doubles at 7/8
 * full, and takes the kernel's array once that table would pass
 * IP_IDENTS_SPARSE_MAX slots (then the array is the smaller).  An
 * untouched bucket reads as zeros either way: the same ids.  A node
 * talking to a few peers keeps a table of a few slots; one sending to one
 * peer (every client of a big star) a table of IP_IDENTS_SPARSE_MIN, 36
 * bytes in all.
 */
#define IP_IDENTS_SPARSE_MIN 2u
#define IP_IDENTS_SPARSE_MAX 1024u

/* the slots follow the header in its block: [cap] {ident, stamp}, then [cap] keys */
struct ip_idents {
	u32 used, cap;			/* sparse: cap a power of 2 */
	u32 (*dense)[2];		/* the kernel's array; NULL: the slots follow */
};

/* slot i's {ident, stamp} */
static inline u32 (*ip_idents_v(const struct ip_idents *t))[2]
{
	return (u32 (*)[2])(t + 1);
}

/* slot i's bucket + 1; 0: free */
static inline u16 *ip_idents_key(const struct ip_idents *t)
{
	return (u16 *)(ip_idents_v(t) + t->cap);
}

static u32 ip_idents_probe(const struct ip_idents *t, u32 bucket)
{
	const u16 *key = ip_idents_key(t);
	u32 i = bucket & (t->cap - 1);

	while (key[i] && key[i] != bucket + 1)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static struct ip_idents *ip_idents_alloc(u32 cap)
{
	struct ip_idents *t = g_malloc0(sizeof(*t) + cap * (sizeof(u32[2]) + sizeof(u16)));

	t->cap = cap;
	return t;
}

/* twice the slots, or the dense array past IP_IDENTS_SPARSE_MAX */
static void ip_idents_grow(struct net *net)
{
	struct ip_idents *old = net->ipv4.ip_idents;
	u32 cap = old ? old->cap * 2 : IP_IDENTS_SPARSE_MIN;
	struct ip_idents *t;

	if (cap > IP_IDENTS_SPARSE_MAX) {
		t = g_new0(struct ip_idents, 1);
		t->dense = g_malloc0(IP_IDENTS_SZ * sizeof(t->dense[0]));
		for (u32 i = 0; i < old->cap; i++) {
			u16 key = ip_idents_key(old)[i];

			if (key)
				memcpy(t->dense[key - 1u], ip_idents_v(old)[i], sizeof(t->dense[0]));
		}
	} else {
		t = ip_idents_alloc(cap);
		for (u32 i = 0; old && i < old->cap; i++) {
			u16 key = ip_idents_key(old)[i];

			if (key) {
				u32 j = ip_idents_probe(t, key - 1u);

				ip_idents_key(t)[j] = key;
				memcpy(ip_idents_v(t)[j], ip_idents_v(old)[i], sizeof(u32[2]));
			}
		}
	}
	t->used = old ? old->used : 0;
	g_free(old);
	net->ipv4.ip_idents = t;
}

/* the bucket's {ident, stamp}, zeros on first use */
static u32 *ip_idents_bucket(struct net *net, u32 bucket)
{
	struct ip_idents *t = net->ipv4.ip_idents;
	u32 i;

	if (t && t->dense)
		return t->dense[bucket];
	if (t) {
		i = ip_idents_probe(t, bucket);
		if (ip_idents_key(t)[i])
			return ip_idents_v(t)[i];
	}
	if (!t || 8 * (t->used + 1) > 7 * t->cap) {
		ip_idents_grow(net);
		t = net->ipv4.ip_idents;
		if (t->dense)
			return t->dense[bucket];
	}
	i = ip_idents_probe(t, bucket);
	ip_idents_key(t)[i] = (u16)(bucket + 1);
	t->used++;
	return ip_idents_v(t)[i];
}

u32 ip_idents_used(const struct net *net)
{
	const struct ip_idents *t = net->ipv4.ip_idents;

	return t ? t->used : 0;
}

void ip_idents_free(struct net *net)
{
	if (net->ipv4.ip_idents)
		g_free(net->ipv4.ip_idents->dense);
	g_clear_pointer(&net->ipv4.ip_idents, g_free);
}

static u32 ip_idents_reserve(struct net *net, u32 hash, int segs)
{
	u32 *b = ip_idents_bucket(net, hash % IP_IDENTS_SZ);
	u32 now = (u32)sim_jiffies(net->w);
	u32 old = b[1];
	u32 delta = 0;

	/* after idle time, jump ahead randomly: IDs are not predictable */
	if (old != now) {
		b[1] = now;
		delta = sim_rng_below(&net->ipv4.ip_id_rng, now - old);
	}
	b[0] += (u32)segs + delta;
	return b[0] - (u32)segs;
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
	trace_skb_walk(skb, dev, "nexthop " WALK_IP4 "%s, len %u", WALK_IP4_ARG(nexthop),
		       rt->rt_uses_gateway ? " (gateway)" : " (on link)", skb->len);
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

	trace_skb_walk(skb, skb->dev, "len %u > mtu %u%s", skb->len, mtu,
		       iph->frag_off & htons(IP_DF) ? ", DF set" : ", fragment it");
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

	trace_skb_walk(skb, skb->dev, "len %u, mtu %u", skb->len, mtu);
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
	trace_skb_walk(skb, dev, "out %s", dev->name);
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
	trace_skb_walk(skb, skb_dst(skb)->dev, "tot_len %u, checksum 0x%04x",
		       skb->len, ntohs(iph->check));
	return NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, net, sk, skb, NULL, skb_dst(skb)->dev,
		       dst_output);
}

int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	int ret;

	cpu_charge(net, SIM_COST_L3, 0);
	trace_skb_walk(skb, skb_dst(skb)->dev, "to " WALK_IP4 ", ttl %u, id 0x%04x",
		       WALK_IP4_ARG(ip_hdr(skb)->daddr), ip_hdr(skb)->ttl, ntohs(ip_hdr(skb)->id));
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
	/* skb->dev stays unset until ip_output(), as for any locally made packet */
	ip_select_ident(net, skb, sk);
	if (optlen) {
		iph->ihl = (u8)(iph->ihl + (optlen >> 2));
		ip_options_build(skb, opt, daddr, rt);
	}
	/* every ICMP message sent, the stack's own (icmp_reply, icmp_send)
	 * and a socket's (ping): the Out counters are kept here */
	if (proto == IPPROTO_ICMP)
		icmp_out_count(net, icmp_hdr(skb)->type);
	trace_skb_walk_fn(skb, "ip_make_skb", rt->dst.dev,
			  "IP header " WALK_IP4 " > " WALK_IP4 ", proto %u, ttl %u%s",
			  WALK_IP4_ARG(iph->saddr), WALK_IP4_ARG(iph->daddr), proto, ttl,
			  df ? ", DF" : "");
	return ip_local_out(net, sk, skb);
}

int ip_push_skb(struct net *net, struct sock *sk, struct sk_buff *skb, struct rtable *rt,
		__be32 saddr, __be32 daddr, u8 proto, u8 tos, u8 ttl, bool df)
{
	return ip_push_skb_opt(net, sk, skb, rt, saddr, daddr, proto, tos, ttl, df, NULL);
}
