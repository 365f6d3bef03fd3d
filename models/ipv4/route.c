/*
 * models/ipv4/route.c - IPv4 route lookups for packets
 *
 * Mirrors net/ipv4/route.c as it is since Linux 3.6, without a routing
 * cache: ip_route_input_noref() (-> ip_route_input_slow) decides for each
 * received packet whether it is for this host (dst.input = ip_local_deliver),
 * to be forwarded (ip_forward), a broadcast, or an error (ip_error); it
 * checks martian sources and destinations and the reverse path (rp_filter,
 * fib_validate_source).  ip_route_output_key() picks the route, device and
 * source address of a locally generated packet.  The rtable of a nexthop
 * is cached on it (fib_nh's nh_cache: nh_rth_input / nh_rth_output) and shared by
 * every packet that takes that nexthop; local, broadcast and error routes
 * are made per packet.  What ICMP fragmentation needed teaches about a
 * destination is a nexthop exception (fib_nh_exception) on the nexthop;
 * a route to that destination takes its MTU until mtu_expires.
 * Difference: a route with an exception is made per packet, not cached
 * on the exception (fnhe_rth_input/output).  The lectures' routing cache (rt_hash_table, `route
 * -C`) is gone: see docs/ipv4.md.
 */
#include "net/route.h"

#include <errno.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "trace/skbwalk.h"

static void rt_destroy(struct dst_entry *dst)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);
	struct world *w = dev_net(dst->dev)->w;

	g_free(rt);
	world_obj_put(w, SIM_OBJ_MODEL);
}

static const struct dst_ops ipv4_dst_ops = { .destroy = rt_destroy, .mtu = ipv4_mtu };

/* an output route used as input, or the reverse: a bug of ours */
static int ip_rt_bug(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net, (void)sk;
	SIM_BUG_ON(skb);
	return 0;
}

static struct rtable *rt_dst_alloc(struct net_device *dev, unsigned int flags, u16 type)
{
	struct rtable *rt = g_new0(struct rtable, 1);

	rt->dst.ops = &ipv4_dst_ops;
	rt->dst.dev = dev;
	rt->dst.refcnt = 1;
	rt->dst.output = ip_output;
	rt->rt_flags = flags;
	rt->rt_type = type;
	world_obj_get(dev_net(dev)->w, SIM_OBJ_MODEL);
	return rt;
}

void ip_rt_put(struct rtable *rt)
{
	if (rt)
		dst_release(&rt->dst);
}

/* The nexthop's cache, made by the first route or exception cached on it. */
static struct fib_nh_cache *fib_nh_cache_get(struct fib_nh *nh)
{
	if (!nh->nh_cache)
		nh->nh_cache = g_new0(struct fib_nh_cache, 1);
	return nh->nh_cache;
}

static struct rtable *nh_rth_input(const struct fib_nh *nh)
{
	return nh->nh_cache ? nh->nh_cache->nh_rth_input : NULL;
}

static struct rtable *nh_rth_output(const struct fib_nh *nh)
{
	return nh->nh_cache ? nh->nh_cache->nh_rth_output : NULL;
}

static struct fnhe_hash_bucket *nh_exceptions(const struct fib_nh *nh)
{
	return nh->nh_cache ? nh->nh_cache->nh_exceptions : NULL;
}

void fib_nh_release_cached(struct fib_nh *nh)
{
	struct fib_nh_cache *nhc = nh->nh_cache;

	if (!nhc)
		return;
	fnhe_flush_nh(nh);
	if (nhc->nh_rth_input) {
		nhc->nh_rth_input->dst.obsolete = DST_OBSOLETE_DEAD;
		ip_rt_put(nhc->nh_rth_input);
	}
	if (nhc->nh_rth_output) {
		nhc->nh_rth_output->dst.obsolete = DST_OBSOLETE_DEAD;
		ip_rt_put(nhc->nh_rth_output);
	}
	g_free(nhc);
	nh->nh_cache = NULL;
}

void rt_flush_dev(struct net_device *dev)
{
	/* the cached routes live on nexthops, released by fib_sync_down_dev */
	(void)dev;
}

/* rt_set_nexthop: gateway and mtu from the FIB result */
static void rt_set_nexthop(struct rtable *rt, const struct fib_result *res)
{
	struct fib_nh *nh;

	if (!res->fi)
		return;
	nh = &FIB_RES_NH(*res);
	if (nh->nh_gw && nh->nh_scope == RT_SCOPE_LINK) {
		rt->rt_gw4 = nh->nh_gw;
		rt->rt_uses_gateway = 1;
	}
	rt->dst.mtu = res->fi->fib_mtu;
	rt->rt_nh = nh;
}

/* ---- nexthop exceptions (fib_nh_exception) and PMTU ---------------------- */

/* fnhe_hashfun: a fixed mix (the kernel keys siphash randomly; we stay deterministic) */
static u32 fnhe_hashfun(__be32 daddr)
{
	u32 h = (u32)daddr * 0x9E3779B1u;

	return h >> (32 - FNHE_HASH_SHIFT);
}

static unsigned long rt_jiffies(const struct fib_nh *nh)
{
	return sim_jiffies(dev_net(nh->nh_dev)->w);
}

static void ip_del_fnhe(struct fib_nh *nh, __be32 daddr)
{
	struct fib_nh_exception **fp = &nh_exceptions(nh)[fnhe_hashfun(daddr)].chain;

	for (; *fp; fp = &(*fp)->fnhe_next) {
		struct fib_nh_exception *fnhe = *fp;

		if (fnhe->fnhe_daddr == daddr) {
			*fp = fnhe->fnhe_next;
			g_free(fnhe);
			return;
		}
	}
}

void fnhe_flush_nh(struct fib_nh *nh)
{
	struct fnhe_hash_bucket *buckets = nh_exceptions(nh);

	if (!buckets)
		return;
	for (int i = 0; i < FNHE_HASH_SIZE; i++) {
		struct fib_nh_exception *fnhe = buckets[i].chain, *next;

		for (; fnhe; fnhe = next) {
			next = fnhe->fnhe_next;
			g_free(fnhe);
		}
	}
	g_free(buckets);
	nh->nh_cache->nh_exceptions = NULL;
}

/* find_exception: the live exception for @daddr; an expired one is deleted */
struct fib_nh_exception *find_exception(struct fib_nh *nh, __be32 daddr)
{
	struct fib_nh_exception *fnhe;

	if (!nh_exceptions(nh))
		return NULL;
	for (fnhe = nh_exceptions(nh)[fnhe_hashfun(daddr)].chain; fnhe; fnhe = fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr != daddr)
			continue;
		if (fnhe->fnhe_expires && time_after(rt_jiffies(nh), fnhe->fnhe_expires)) {
			ip_del_fnhe(nh, daddr);
			return NULL;
		}
		return fnhe;
	}
	return NULL;
}

/* fnhe_remove_oldest: a full bucket gives up its least recently stamped entry */
static void fnhe_remove_oldest(struct fnhe_hash_bucket *hash)
{
	struct fib_nh_exception **fp, **oldp = NULL;

	for (fp = &hash->chain; *fp; fp = &(*fp)->fnhe_next)
		if (!oldp || time_before((*fp)->fnhe_stamp, (*oldp)->fnhe_stamp))
			oldp = fp;
	if (oldp) {
		struct fib_nh_exception *old = *oldp;

		*oldp = old->fnhe_next;
		g_free(old);
	}
}

void update_or_create_fnhe(struct fib_nh *nh, __be32 daddr, u32 pmtu, bool lock,
			   unsigned long expires)
{
	struct fnhe_hash_bucket *hash;
	struct fib_nh_exception *fnhe;
	unsigned long now = rt_jiffies(nh);
	int depth = 0;

	if (!nh_exceptions(nh))
		fib_nh_cache_get(nh)->nh_exceptions = g_new0(struct fnhe_hash_bucket,
							     FNHE_HASH_SIZE);
	hash = &nh_exceptions(nh)[fnhe_hashfun(daddr)];
	for (fnhe = hash->chain; fnhe; fnhe = fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr == daddr)
			break;
		depth++;
	}
	if (fnhe) {
		if (pmtu) {
			fnhe->fnhe_pmtu = pmtu;
			fnhe->fnhe_mtu_locked = lock;
		}
		fnhe->fnhe_expires = expires ? expires : 1;
	} else {
		if (depth > FNHE_RECLAIM_DEPTH)
			fnhe_remove_oldest(hash);
		fnhe = g_new0(struct fib_nh_exception, 1);
		fnhe->fnhe_next = hash->chain;
		fnhe->fnhe_daddr = daddr;
		fnhe->fnhe_pmtu = pmtu;
		fnhe->fnhe_mtu_locked = lock;
		fnhe->fnhe_expires = expires ? expires : 1;
		hash->chain = fnhe;
	}
	fnhe->fnhe_stamp = now;
}

/* rt_bind_exception: a route to fnhe's destination takes its MTU and expiry */
static void rt_bind_exception(struct rtable *rt, struct fib_nh_exception *fnhe)
{
	if (fnhe->fnhe_pmtu) {
		rt->rt_pmtu = fnhe->fnhe_pmtu & 0x7FFFFFFFu;
		rt->rt_mtu_locked = fnhe->fnhe_mtu_locked;
		rt->dst.expires = fnhe->fnhe_expires;
	}
	if (fnhe->fnhe_gw) {
		rt->rt_flags |= RTCF_REDIRECTED;
		rt->rt_uses_gateway = 1;
		rt->rt_gw4 = fnhe->fnhe_gw;
		rt->dst.expires = fnhe->fnhe_expires;
	}
	fnhe->fnhe_stamp = sim_jiffies(dev_net(rt->dst.dev)->w);
}

/* ipv4_mtu: the learned PMTU while it lasts, else the route's metric, else the device's */
unsigned int ipv4_mtu(const struct dst_entry *dst)
{
	const struct rtable *rt = (const struct rtable *)dst;
	unsigned int mtu = rt->rt_pmtu;

	if (!mtu || time_after_eq(sim_jiffies(dev_net(dst->dev)->w), dst->expires))
		mtu = dst->mtu;
	if (!mtu) {
		mtu = dst->dev->mtu;
		if (ip_mtu_locked(dst) && rt->rt_uses_gateway && mtu > 576)
			mtu = 576;
	}
	return mtu < IP_MAX_MTU ? mtu : IP_MAX_MTU;
}

/*
 * ip_dst_mtu_maybe_forward (include/net/ip.h): a forwarded packet ignores
 * the learned PMTU, which anyone can lower with a forged ICMP, unless
 * net.ipv4.ip_forward_use_pmtu or the MTU is locked.
 */
unsigned int ip_dst_mtu_maybe_forward(const struct dst_entry *dst, bool forwarding)
{
	const struct rtable *rt = (const struct rtable *)dst;
	struct net *net = dev_net(dst->dev);
	unsigned int mtu;

	if (dst->ops != &ipv4_dst_ops)
		return dst_mtu(dst);
	if (net->ipv4.sysctl->sysctl_ip_fwd_use_pmtu || ip_mtu_locked(dst) || !forwarding) {
		mtu = rt->rt_pmtu;
		if (mtu && time_before(sim_jiffies(net->w), dst->expires))
			goto out;
	}
	mtu = dst->mtu ? dst->mtu : dst->dev->mtu;
out:
	return mtu < IP_MAX_MTU ? mtu : IP_MAX_MTU;
}

/* __ip_rt_update_pmtu: learn @mtu for fl4->daddr on the nexthop the FIB picks */
static void __ip_rt_update_pmtu(struct rtable *rt, struct flowi4 *fl4, u32 mtu)
{
	struct dst_entry *dst = &rt->dst;
	struct net *net = dev_net(dst->dev);
	unsigned long now = sim_jiffies(net->w);
	struct fib_result res;
	bool lock = false;
	u32 old_mtu;

	if (ip_mtu_locked(dst))
		return;
	old_mtu = ipv4_mtu(dst);
	if (old_mtu < mtu)
		return;
	/* net.ipv4.route.min_pmtu: a smaller report is clamped and locked */
	if (mtu < (u32)net->ipv4.sysctl->ip_rt_min_pmtu) {
		lock = true;
		mtu = min(old_mtu, (u32)net->ipv4.sysctl->ip_rt_min_pmtu);
	}
	if (rt->rt_pmtu == mtu && !lock &&
	    time_before(now, dst->expires - (unsigned long)net->ipv4.sysctl->ip_rt_mtu_expires / 2))
		return;
	if (fib_lookup(net, fl4, &res, 0) == 0 && res.fi) {
		fib_select_path(net, &res, fl4);
		update_or_create_fnhe(&FIB_RES_NH(res), fl4->daddr, mtu, lock,
				      now + (unsigned long)net->ipv4.sysctl->ip_rt_mtu_expires);
	}
}

void ipv4_update_pmtu(struct net *net, const struct iphdr *iph, u32 mtu, int oif,
		      u32 mark, u8 protocol)
{
	/* __build_flow_key from the quoted header: our own datagram */
	struct flowi4 fl4 = { .daddr = iph->daddr, .saddr = iph->saddr, .flowi4_oif = oif,
			      .flowi4_tos = (u8)(iph->tos & IPTOS_TOS_MASK),
			      .flowi4_proto = protocol, .flowi4_mark = mark };
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt)
		return;
	__ip_rt_update_pmtu(rt, &fl4, mtu);
	ip_rt_put(rt);
}

/* ---- ICMP redirects --------------------------------------------------------- */

/* net/ipv4/route.c: ip_rt_redirect_number, _load (HZ/50), _silence, ip_rt_gc_timeout */
#define IP_RT_REDIRECT_NUMBER	9
#define IP_RT_REDIRECT_LOAD(hz)	((unsigned long)(hz) / 50)
#define IP_RT_REDIRECT_SILENCE(hz) (IP_RT_REDIRECT_LOAD(hz) << (IP_RT_REDIRECT_NUMBER + 1))
#define IP_RT_GC_TIMEOUT(hz)	(300ul * (unsigned long)(hz))

/*
 * ip_rt_send_redirect - RFC 1812 5.2.7.2 with the kernel's back-off: after
 * the first, the n-th redirect to one sender waits redirect_load << n;
 * after ip_rt_redirect_number unheeded ones, none until the sender has
 * been quiet for ip_rt_redirect_silence.
 */
void ip_rt_send_redirect(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct in_device *in_dev = __in_dev_get_rtnl(rt->dst.dev);
	struct net *net = dev_net(rt->dst.dev);
	unsigned long now = sim_jiffies(net->w);
	unsigned int hz = net->w->hz;
	struct icmp_peer *peer;

	if (!in_dev || !IN_DEV_TX_REDIRECTS(in_dev))
		return;
	peer = icmp_getpeer(net, ip_hdr(skb)->saddr);
	/* quiet long enough: start over */
	if (time_after(now, peer->rate_last + IP_RT_REDIRECT_SILENCE(hz))) {
		peer->rate_tokens = 0;
		peer->n_redirects = 0;
	}
	/* too many ignored: send nothing, remember the last redirected packet */
	if (peer->n_redirects >= IP_RT_REDIRECT_NUMBER) {
		peer->rate_last = now;
		return;
	}
	if (peer->n_redirects == 0 ||
	    time_after(now, peer->rate_last + (IP_RT_REDIRECT_LOAD(hz) << peer->n_redirects))) {
		__be32 gw = rt_nexthop(rt, ip_hdr(skb)->daddr);

		icmp_send(skb, ICMP_REDIRECT, ICMP_REDIR_HOST, gw);
		peer->rate_last = now;
		++peer->n_redirects;
	}
}

/* ip_fib_check_default: 0 when @gw is the gateway of a live nexthop on @dev */
static int ip_fib_check_default(struct net *net, __be32 gw, const struct net_device *dev)
{
	const struct fib_info *fi;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list)
		for (int i = 0; i < fi->fib_nhs; i++) {
			const struct fib_nh *nh = &fi->fib_nh[i];

			if (nh->nh_dev == dev && nh->nh_gw == gw && !(nh->nh_flags & RTNH_F_DEAD))
				return 0;
		}
	return -1;
}

static bool rt_addr_onlink(const struct in_device *in_dev, __be32 a, __be32 b)
{
	for (const struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next)
		if (inet_ifa_match(a, ifa) && (!b || inet_ifa_match(b, ifa)))
			return true;
	return false;
}

/* IN_DEV_RX_REDIRECTS: a router needs all and the device, a host either */
static bool rt_rx_redirects(const struct in_device *in_dev)
{
	if (IN_DEV_FORWARD(in_dev))
		return IN_DEV_ANDCONF(in_dev, ACCEPT_REDIRECTS);
	return IN_DEV_ORCONF(in_dev, ACCEPT_REDIRECTS);
}

/*
 * __ip_do_redirect - believe a redirect only from the gateway we use for
 * the destination, to a new gateway on-link (and, with secure_redirects,
 * one of our routes' gateways), neither local, broadcast nor multicast;
 * once its link-layer address is known, it goes into the exception of the
 * nexthop for ip_rt_gc_timeout.
 */
static void __ip_do_redirect(struct rtable *rt, struct sk_buff *skb, struct flowi4 *fl4)
{
	const struct icmphdr *ic = icmp_hdr(skb);
	__be32 new_gw = ic->un.gateway;
	__be32 old_gw = ip_hdr(skb)->saddr;
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);
	struct in_device *in_dev;
	struct fib_result res;
	struct neighbour *n;

	switch (ic->code & 7) {
	case ICMP_REDIR_NET:
	case ICMP_REDIR_NETTOS:
	case ICMP_REDIR_HOST:
	case ICMP_REDIR_HOSTTOS:
		break;
	default:
		return;
	}
	if (!rt->rt_uses_gateway || rt->rt_gw4 != old_gw)
		return;
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return;
	if (new_gw == old_gw || !rt_rx_redirects(in_dev) || ipv4_is_multicast(new_gw) ||
	    ipv4_is_lbcast(new_gw) || ipv4_is_zeronet(new_gw))
		return;
	if (!IN_DEV_SHARED_MEDIA(in_dev)) {
		if (!rt_addr_onlink(in_dev, new_gw, old_gw))
			return;
		if (IN_DEV_SEC_REDIRECTS(in_dev) && ip_fib_check_default(net, new_gw, dev))
			return;
	} else if (inet_addr_type(net, new_gw) != RTN_UNICAST) {
		return;
	}
	n = __neigh_lookup_noref(net->ipv4.arp_tbl, &new_gw, rt->dst.dev);
	if (!n)
		n = __neigh_create(net->ipv4.arp_tbl, &new_gw, rt->dst.dev, false);
	if (!n)
		return;
	if (!(n->nud_state & NUD_VALID)) {
		neigh_event_send(n, NULL);	/* learn it first: the next redirect counts */
		return;
	}
	if (fib_lookup(net, fl4, &res, 0) == 0 && res.fi) {
		struct fib_nh *nh;
		struct fib_nh_exception *fnhe;

		fib_select_path(net, &res, fl4);
		nh = &FIB_RES_NH(res);
		update_or_create_fnhe(nh, fl4->daddr, 0, false,
				      sim_jiffies(net->w) + IP_RT_GC_TIMEOUT(net->w->hz));
		fnhe = find_exception(nh, fl4->daddr);
		if (fnhe)
			fnhe->fnhe_gw = new_gw;
		/* the cached routes of the nexthop lose to the exception's from now */
	}
}

void ipv4_redirect(struct net *net, struct sk_buff *skb)
{
	/* __build_flow_key from the quoted header: our own datagram */
	const struct iphdr *iph = (const struct iphdr *)(icmp_hdr(skb) + 1);
	struct flowi4 fl4 = { .daddr = iph->daddr, .saddr = iph->saddr,
			      .flowi4_tos = (u8)(iph->tos & IPTOS_TOS_MASK),
			      .flowi4_proto = iph->protocol };
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt)
		return;
	__ip_do_redirect(rt, skb, &fl4);
	ip_rt_put(rt);
}

void rt_for_each_exception(struct net *net,
			   void (*fn)(void *arg, const struct fib_info *fi, const struct fib_nh *nh,
				      const struct fib_nh_exception *fnhe),
			   void *arg)
{
	struct fib_info *fi;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list) {
		for (int i = 0; i < fi->fib_nhs; i++) {
			struct fib_nh *nh = &fi->fib_nh[i];

			if (!nh_exceptions(nh))
				continue;
			for (int b = 0; b < FNHE_HASH_SIZE; b++) {
				struct fib_nh_exception *fnhe = nh_exceptions(nh)[b].chain, *next;

				for (; fnhe; fnhe = next) {
					next = fnhe->fnhe_next;
					if (fnhe->fnhe_expires &&
					    time_after(rt_jiffies(nh), fnhe->fnhe_expires))
						continue;
					fn(arg, fi, nh, fnhe);
				}
			}
		}
	}
}

void rt_flush_exceptions(struct net *net)
{
	struct fib_info *fi;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list)
		for (int i = 0; i < fi->fib_nhs; i++)
			fnhe_flush_nh(&fi->fib_nh[i]);
}

/* ---- multipath hash ------------------------------------------------------ */

/* the flow_keys fields fib_multipath_hash() uses */
struct mp_hash_keys {
	__be32 src, dst;
	__be16 sport, dport;
	u8 ip_proto;
};

/* policy 3 (fib_multipath_hash_fields) */
#define FIB_MULTIPATH_HASH_FIELD_SRC_IP		0x0001
#define FIB_MULTIPATH_HASH_FIELD_DST_IP		0x0002
#define FIB_MULTIPATH_HASH_FIELD_IP_PROTO	0x0004
#define FIB_MULTIPATH_HASH_FIELD_SRC_PORT	0x0010
#define FIB_MULTIPATH_HASH_FIELD_DST_PORT	0x0020

/*
 * ip_multipath_l3_keys - the addresses of the datagram, or for an ICMP
 * error (not a later fragment) those of the datagram it quotes, so that
 * the error follows the flow it is about.
 */
static void ip_multipath_l3_keys(const struct sk_buff *skb, struct mp_hash_keys *keys)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int ihl = iph->ihl * 4u;
	const u8 *l4 = (const u8 *)iph + ihl;

	keys->src = iph->saddr;
	keys->dst = iph->daddr;
	if (iph->protocol != IPPROTO_ICMP || (iph->frag_off & htons(IP_OFFSET)))
		return;
	if (skb_headlen(skb) < ihl + sizeof(struct icmphdr) + sizeof(struct iphdr))
		return;
	if (!icmp_is_err(l4[0]))
		return;
	iph = (const struct iphdr *)(l4 + sizeof(struct icmphdr));
	keys->src = iph->saddr;
	keys->dst = iph->daddr;
}

/*
 * ip_multipath_l4_keys - the 5-tuple as the flow dissector gives it:
 * ports only for TCP, UDP, SCTP and UDP-Lite, and not from fragments.
 */
static void ip_multipath_l4_keys(const struct sk_buff *skb, struct mp_hash_keys *keys)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int ihl = iph->ihl * 4u;
	const u8 *ports = (const u8 *)iph + ihl;

	keys->src = iph->saddr;
	keys->dst = iph->daddr;
	keys->ip_proto = iph->protocol;
	if (ip_is_fragment(iph) || skb_headlen(skb) < ihl + 4)
		return;
	switch (iph->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case 132:	/* IPPROTO_SCTP */
	case 136:	/* IPPROTO_UDPLITE */
		memcpy(&keys->sport, ports, 2);
		memcpy(&keys->dport, ports + 2, 2);
		break;
	}
}

/*
 * fib_multipath_hash_from_keys - differs: the kernel runs siphash over
 * struct flow_keys with the namespace's random key; we mix the same
 * fields with a key drawn from the node's seeded RNG (so a run repeats,
 * and two nodes split differently, as two hosts do).
 */
static u32 fib_multipath_hash_from_keys(const struct net *net, const struct mp_hash_keys *k)
{
	u64 h = net->ipv4.fib_multipath_hash_key;
	const u64 words[3] = {
		((u64)ntohl(k->src) << 32) | ntohl(k->dst),
		((u64)ntohs(k->sport) << 16) | ntohs(k->dport),
		k->ip_proto,
	};

	for (unsigned int i = 0; i < G_N_ELEMENTS(words); i++) {
		h ^= words[i] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
		h ^= h >> 30;
		h *= 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 27;
		h *= 0x94d049bb133111ebULL;
		h ^= h >> 31;
	}
	return (u32)(h >> 32);
}

/*
 * fib_multipath_hash - the 31-bit hash that picks a multipath nexthop,
 * per net.ipv4.fib_multipath_hash_policy: 0 source and destination
 * address (of the quoted datagram for an ICMP error being forwarded);
 * 1 the 5-tuple; 2 the addresses, inner ones for an encapsulated packet
 * (we have no tunnels: the outer); 3 the fields fib_multipath_hash_fields
 * selects (outer ones only).  @skb is the forwarded packet, NULL for a
 * local flow (then @fl4 gives the keys).
 */
int fib_multipath_hash(const struct net *net, const struct flowi4 *fl4,
		       const struct sk_buff *skb)
{
	u32 fields = (u32)net->ipv4.sysctl->sysctl_fib_multipath_hash_fields;
	struct mp_hash_keys keys = { 0 }, all = { 0 };

	/*
	 * Differs: an skb without an IPv4 header (arp_process()'s proxy check,
	 * `ip route get ... iif`'s empty one) is hashed by @fl4's addresses;
	 * the kernel reads whatever its network header points at.
	 */
	if (skb && (skb->protocol != htons(ETH_P_IP) ||
		    skb_network_header(skb) != skb->data ||
		    skb_headlen(skb) < sizeof(struct iphdr) || ip_hdr(skb)->ihl < 5))
		skb = NULL;

	switch (net->ipv4.sysctl->sysctl_fib_multipath_hash_policy) {
	case 0:
		if (skb) {
			ip_multipath_l3_keys(skb, &keys);
		} else {
			keys.src = fl4->saddr;
			keys.dst = fl4->daddr;
		}
		break;
	case 1:
		if (skb) {
			ip_multipath_l4_keys(skb, &keys);
		} else {
			keys.src = fl4->saddr;
			keys.dst = fl4->daddr;
			keys.sport = fl4->fl4_sport;
			keys.dport = fl4->fl4_dport;
			keys.ip_proto = fl4->flowi4_proto;
		}
		break;
	case 2:
		if (skb) {
			keys.src = ip_hdr(skb)->saddr;
			keys.dst = ip_hdr(skb)->daddr;
		} else {
			keys.src = fl4->saddr;
			keys.dst = fl4->daddr;
		}
		break;
	default:	/* 3 */
		if (skb) {
			ip_multipath_l4_keys(skb, &all);
		} else {
			all = (struct mp_hash_keys){ .src = fl4->saddr, .dst = fl4->daddr,
						     .sport = fl4->fl4_sport,
						     .dport = fl4->fl4_dport,
						     .ip_proto = fl4->flowi4_proto };
		}
		if (fields & FIB_MULTIPATH_HASH_FIELD_SRC_IP)
			keys.src = all.src;
		if (fields & FIB_MULTIPATH_HASH_FIELD_DST_IP)
			keys.dst = all.dst;
		if (fields & FIB_MULTIPATH_HASH_FIELD_IP_PROTO)
			keys.ip_proto = all.ip_proto;
		if (fields & FIB_MULTIPATH_HASH_FIELD_SRC_PORT)
			keys.sport = all.sport;
		if (fields & FIB_MULTIPATH_HASH_FIELD_DST_PORT)
			keys.dport = all.dport;
		break;
	}
	return (int)(fib_multipath_hash_from_keys(net, &keys) >> 1);
}

/* ---- input --------------------------------------------------------------- */

/* fib_info_nh_uses_dev(): one of @fi's nexthops leaves through @dev */
static bool fib_info_nh_uses_dev(const struct fib_info *fi, const struct net_device *dev)
{
	for (int i = 0; fi && i < fi->fib_nhs; i++)
		if (fi->fib_nh[i].nh_dev == dev)
			return true;
	return false;
}

/*
 * __fib_validate_source - the full check: route the source back (from
 * @oif's point of view, or the loopback's) and see where it goes.  A source
 * routed anywhere but by a unicast route (a local one only with
 * accept_local) is -EINVAL; back through @dev: 1 if the source is on-link
 * there (the nexthop's scope is host: a connected route), else 0; through
 * another device: -EXDEV for strict rp_filter, else 0 or 1 by a second
 * lookup restricted to @dev (loose).  No route: -EXDEV when filtering.
 */
static int __fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
				 int oif, struct net_device *dev, int rpf,
				 struct in_device *idev)
{
	struct net *net = dev_net(dev);
	struct flowi4 fl4 = { .daddr = src, .saddr = dst, .flowi4_tos = tos,
			      .flowi4_iif = oif ? oif : LOOPBACK_IFINDEX,
			      .flowi4_scope = RT_SCOPE_UNIVERSE,
			      .flowi4_mark = IN_DEV_SRC_VMARK(idev) ? skb->mark : 0 };
	struct fib_result res;

	if (fib_lookup(net, &fl4, &res, 0))
		return rpf ? -EXDEV : 0;			/* last_resort */
	if (res.type != RTN_UNICAST && (res.type != RTN_LOCAL || !IN_DEV_ACCEPT_LOCAL(idev)))
		return -EINVAL;
	if (fib_info_nh_uses_dev(res.fi, dev) ||
	    (res.type == RTN_LOCAL && dev == net->loopback_dev))
		return FIB_RES_NH(res).nh_scope >= RT_SCOPE_HOST;
	if (!idev->ifa_list)
		return rpf ? -EXDEV : 0;
	if (rpf == 1)
		return -EXDEV;
	fl4.flowi4_oif = dev->ifindex;
	if (fib_lookup(net, &fl4, &res, 0) == 0 && res.type == RTN_UNICAST)
		return FIB_RES_NH(res).nh_scope >= RT_SCOPE_HOST;
	return 0;
}

/*
 * fib_validate_source - is @src a believable source for a packet that came
 * in on @dev and leaves by @oif (0: delivered here)?  RFC 3704 reverse path
 * filtering (rp_filter 1 strict, 2 loose) needs the full check, and so does
 * a packet that may earn a redirect (it leaves where it came in), whose
 * answer says whether the source is on-link.  Otherwise only our own
 * addresses are refused as sources, unless custom local routes or rules
 * make that too optimistic.  Returns 1 (on-link), 0, -EXDEV or -EINVAL.
 */
static int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			       int oif, struct net_device *dev, struct in_device *idev)
{
	int rpf = IN_DEV_RPFILTER(idev);
	struct net *net = dev_net(dev);

	if (!rpf && (dev->ifindex != oif || !IN_DEV_TX_REDIRECTS(idev))) {
		if (IN_DEV_ACCEPT_LOCAL(idev))
			return 0;
		if (!net->ipv4.fib_has_custom_local_routes && !net->ipv4.fib_has_custom_rules)
			return __ip_dev_find(net, src) ? -EINVAL : 0;	/* inet_lookup_ifaddr_rcu */
	}
	return __fib_validate_source(skb, src, dst, tos, oif, dev, rpf, idev);
}

static int ip_error(struct sk_buff *skb);

/* local_input: a route to ip_local_deliver (or ip_error for no route) */
static int ip_route_local_input(struct sk_buff *skb, struct net_device *dev,
				struct fib_result *res, unsigned int flags, int err)
{
	struct net *net = dev_net(dev);
	struct rtable *rth;

	rth = rt_dst_alloc(net->loopback_dev, flags | RTCF_LOCAL, res->type);
	rth->dst.output = ip_rt_bug;
	rth->dst.input = ip_local_deliver;
	rth->rt_is_input = 1;
	rth->rt_iif = dev->ifindex;
	if (res->type == RTN_UNREACHABLE) {
		rth->dst.input = ip_error;
		rth->dst.error = (short)-err;
		rth->rt_flags &= ~RTCF_LOCAL;
	}
	trace_skb_walk_fn(skb, "ip_route_local_input", dev, "dst %s: input %s",
			  walk_rtn_name(res->type),
			  res->type == RTN_UNREACHABLE ? "ip_error" : "ip_local_deliver");
	skb_dst_set(skb, &rth->dst);
	ip_rt_put(rth);		/* the skb holds it now */
	return 0;
}

/* __mkroute_input: a forwarding route, cached on the nexthop */
static int __mkroute_input(struct sk_buff *skb, struct fib_result *res,
			   struct in_device *in_dev, __be32 daddr, __be32 saddr, u8 tos)
{
	struct fib_nh *nh = &FIB_RES_NH(*res);
	struct net_device *out_dev = nh->nh_dev;
	struct in_device *out_in_dev = out_dev ? __in_dev_get_rtnl(out_dev) : NULL;
	struct fib_nh_exception *fnhe;
	struct rtable *rth;
	int err;

	if (!out_in_dev)
		return -EINVAL;
	err = fib_validate_source(skb, saddr, daddr, tos, out_dev->ifindex, in_dev->dev, in_dev);
	if (err < 0)
		return err;
	/*
	 * a redirect is due when the packet leaves where it came in and its
	 * source is on-link there (RFC 1812 5.2.7.2)
	 */
	if (out_dev == in_dev->dev && err && IN_DEV_TX_REDIRECTS(out_in_dev) &&
	    (IN_DEV_SHARED_MEDIA(out_in_dev) || rt_addr_onlink(out_in_dev, saddr, nh->nh_gw)))
		IPCB(skb)->flags |= IPSKB_DOREDIRECT;
	fnhe = find_exception(nh, daddr);
	if (fnhe) {
		/* rt_bind_exception: a route of its own, not the nexthop's */
		rth = rt_dst_alloc(out_dev, 0, res->type);
		rth->rt_is_input = 1;
		rth->rt_iif = in_dev->dev->ifindex;
		rth->dst.input = ip_forward;
		rt_set_nexthop(rth, res);
		rt_bind_exception(rth, fnhe);
		skb_dst_set(skb, &rth->dst);
		ip_rt_put(rth);		/* the skb holds it now */
		return 0;
	}
	rth = nh_rth_input(nh);
	trace_skb_walk(skb, in_dev->dev, "forward out %s%s%s", out_dev->name,
		       rth && !rth->dst.obsolete ?
		       ", the nexthop's cached dst" : ", new dst cached on the nexthop",
		       IPCB(skb)->flags & IPSKB_DOREDIRECT ? ", redirect due" : "");
	if (!rth || rth->dst.obsolete) {
		if (rth)
			ip_rt_put(rth);
		rth = rt_dst_alloc(out_dev, 0, res->type);
		rth->rt_is_input = 1;
		rth->rt_iif = 0;	/* cached: shared by every input device */
		rth->dst.input = ip_forward;
		rt_set_nexthop(rth, res);
		fib_nh_cache_get(nh)->nh_rth_input = rth;	/* the nexthop's reference */
	}
	skb_dst_set(skb, &rth->dst);
	return 0;
}

/* ip_mkroute_input: a multipath route's nexthop is chosen by the packet's hash */
static int ip_mkroute_input(struct sk_buff *skb, struct fib_result *res,
			    struct in_device *in_dev, __be32 daddr, __be32 saddr, u8 tos)
{
	if (res->fi && res->fi->fib_nhs > 1) {
		struct flowi4 fl4 = { .saddr = saddr, .daddr = daddr };

		fib_select_multipath(res, fib_multipath_hash(dev_net(in_dev->dev), &fl4, skb));
	}
	return __mkroute_input(skb, res, in_dev, daddr, saddr, tos);
}

static int ip_route_input_slow(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
			       struct net_device *dev, enum skb_drop_reason *reason)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct net *net = dev_net(dev);
	struct fib_result res = { .type = RTN_UNSPEC };
	struct flowi4 fl4;
	unsigned int flags = 0;
	int err = -EINVAL;

	*reason = SKB_DROP_REASON_NOT_SPECIFIED;
	if (!in_dev)
		return -EINVAL;
	trace_skb_walk(skb, dev, WALK_IP4 " > " WALK_IP4 ", no route cache: look up the FIB",
		       WALK_IP4_ARG(saddr), WALK_IP4_ARG(daddr));
	/* martian sources: multicast, limited broadcast */
	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		goto martian_source;
	if (ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0))
		goto brd_input;
	if (ipv4_is_zeronet(saddr))
		goto martian_source;
	if (ipv4_is_zeronet(daddr))
		goto martian_destination;
	if (ipv4_is_loopback(daddr) && !IN_DEV_ROUTE_LOCALNET(in_dev))
		goto martian_destination;
	if (ipv4_is_loopback(saddr) && !IN_DEV_ROUTE_LOCALNET(in_dev))
		goto martian_source;

	fl4 = (struct flowi4){ .flowi4_iif = dev->ifindex, .flowi4_tos = tos,
			       .flowi4_mark = skb->mark,	/* for fwmark rules */
			       .flowi4_scope = RT_SCOPE_UNIVERSE, .daddr = daddr,
			       .saddr = saddr };
	err = fib_lookup(net, &fl4, &res, 0);
	if (unlikely(skb_walk_active(skb))) {
		char r[128];

		trace_skb_walk_fn(skb, "fib_lookup", dev, "to " WALK_IP4 ": %s", WALK_IP4_ARG(daddr),
				  err ? "no route" : walk_fib_res(&res, r, sizeof(r)));
	}
	if (err) {
		if (!IN_DEV_FORWARD(in_dev))
			err = -EHOSTUNREACH;
		goto no_route;
	}
	if (res.type == RTN_BROADCAST) {
		if (IN_DEV_CONF_GET(in_dev, BC_FORWARDING) && IN_DEV_FORWARD(in_dev))
			goto make_route;
		goto brd_input;
	}
	if (res.type == RTN_LOCAL) {
		err = fib_validate_source(skb, saddr, daddr, tos, 0, dev, in_dev);
		if (err < 0)
			goto martian_source;
		return ip_route_local_input(skb, dev, &res, flags, 0);
	}
	if (!IN_DEV_FORWARD(in_dev)) {
		err = -EHOSTUNREACH;
		goto no_route;
	}
	if (res.type != RTN_UNICAST)
		goto martian_destination;
make_route:
	err = ip_mkroute_input(skb, &res, in_dev, daddr, saddr, tos);
	if (err == -EXDEV)
		*reason = SKB_DROP_REASON_IP_RPFILTER;
	return err;

brd_input:
	if (skb->protocol != htons(ETH_P_IP))
		return -EINVAL;
	if (!ipv4_is_zeronet(saddr)) {
		err = fib_validate_source(skb, saddr, 0, tos, 0, dev, in_dev);
		if (err < 0)
			goto martian_source;
	}
	res.type = RTN_BROADCAST;
	return ip_route_local_input(skb, dev, &res, RTCF_BROADCAST, 0);

no_route:
	res.type = RTN_UNREACHABLE;
	res.fi = NULL;
	return ip_route_local_input(skb, dev, &res, flags, err);

martian_destination:
	*reason = SKB_DROP_REASON_IP_INADDRERRORS;
	__IP_INC_STATS(net, IPSTATS_MIB_INADDRERRORS);
	return -EINVAL;

martian_source:
	*reason = err == -EXDEV ? SKB_DROP_REASON_IP_RPFILTER : SKB_DROP_REASON_NOT_SPECIFIED;
	return -EINVAL;
}

int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
			 struct net_device *dev, enum skb_drop_reason *reason)
{
	trace_skb_walk(skb, dev, "tos 0x%02x", tos);
	return ip_route_input_slow(skb, daddr, saddr, tos & IPTOS_TOS_MASK, dev, reason);
}

/*
 * ip_error - a packet that has no route: count it and, on a forwarding
 * device, answer with ICMP destination unreachable.
 */
static int ip_error(struct sk_buff *skb)
{
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = skb->dev;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct net *net = dev_net(dev);
	int code = -1;

	trace_skb_walk(skb, dev, "no route: %s%s",
		       rt->dst.error == ENETUNREACH ? "ENETUNREACH" :
		       rt->dst.error == EHOSTUNREACH ? "EHOSTUNREACH" :
		       rt->dst.error == EACCES ? "EACCES" : "EINVAL",
		       in_dev && IN_DEV_FORWARD(in_dev) ? ", forwarding: send ICMP unreachable" : "");
	if (!in_dev)
		goto out;
	if (!IN_DEV_FORWARD(in_dev)) {
		switch (rt->dst.error) {
		case EHOSTUNREACH:
			reason = SKB_DROP_REASON_IP_INADDRERRORS;
			__IP_INC_STATS(net, IPSTATS_MIB_INADDRERRORS);
			break;
		case ENETUNREACH:
			reason = SKB_DROP_REASON_IP_INNOROUTES;
			__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
			break;
		}
		goto out;
	}
	switch (rt->dst.error) {
	case EHOSTUNREACH:
		code = ICMP_HOST_UNREACH;
		break;
	case ENETUNREACH:
		code = ICMP_NET_UNREACH;
		reason = SKB_DROP_REASON_IP_INNOROUTES;
		__IP_INC_STATS(net, IPSTATS_MIB_INNOROUTES);
		break;
	case EACCES:
		code = ICMP_PKT_FILTERED;
		break;
	default:
		break;
	}
	if (code >= 0)
		icmp_send(skb, ICMP_DEST_UNREACH, code, 0);
out:
	kfree_skb_reason(skb, reason);
	return 0;
}

/* ---- output --------------------------------------------------------------- */

static struct rtable *__mkroute_output(struct net *net, const struct fib_result *res,
				       struct flowi4 *fl4, struct net_device *dev_out,
				       unsigned int flags)
{
	const struct fib_info *fi = res->fi;
	u16 type = res->type;
	struct fib_nh *nh = fi ? &FIB_RES_NH(*res) : NULL;
	bool do_cache = nh && type == RTN_UNICAST;
	struct fib_nh_exception *fnhe;
	struct rtable *rth, *cached;

	(void)net;
	if (ipv4_is_lbcast(fl4->daddr)) {
		type = RTN_BROADCAST;
		fi = NULL;		/* no gateway for a limited broadcast */
	} else if (ipv4_is_multicast(fl4->daddr)) {
		type = RTN_MULTICAST;
	}
	if (dev_out->flags & IFF_LOOPBACK)
		flags |= RTCF_LOCAL;
	if (type == RTN_BROADCAST) {
		flags |= RTCF_BROADCAST | RTCF_LOCAL;
		do_cache = false;
	} else if (type == RTN_MULTICAST) {
		flags |= RTCF_MULTICAST | RTCF_LOCAL;
		do_cache = false;
		/* no multicast route, only the default (or a /1../3): its gateway is not used */
		if (fi && res->prefixlen < 4)
			fi = NULL;
	}
	fnhe = do_cache ? find_exception(nh, fl4->daddr) : NULL;
	if (fnhe)
		do_cache = false;	/* rt_bind_exception: a route of its own */
	cached = do_cache ? nh_rth_output(nh) : NULL;
	if (cached && !cached->dst.obsolete) {
		dst_hold(&cached->dst);
		return cached;
	}
	rth = rt_dst_alloc(dev_out, flags, type);
	if (flags & RTCF_LOCAL)
		rth->dst.input = ip_local_deliver;
	if ((flags & (RTCF_BROADCAST | RTCF_MULTICAST)) && !(dev_out->flags & IFF_LOOPBACK))
		rth->dst.output = ip_mc_output;
	if (fi)
		rt_set_nexthop(rth, res);
	if (fnhe)
		rt_bind_exception(rth, fnhe);
	if (do_cache) {
		ip_rt_put(cached);
		fib_nh_cache_get(nh)->nh_rth_output = rth;	/* the nexthop's reference */
		dst_hold(&rth->dst);		/* and the caller's */
	}
	return rth;
}

struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4, int *err)
{
	struct net_device *dev_out = NULL;
	struct fib_result res = { .type = RTN_UNSPEC };
	unsigned int flags = 0;
	int r;

	/* a locally generated packet comes "in" from lo, for iif rules */
	fl4->flowi4_iif = LOOPBACK_IFINDEX;

	if (fl4->saddr) {
		if (ipv4_is_multicast(fl4->saddr) || ipv4_is_lbcast(fl4->saddr)) {
			*err = -EINVAL;
			return NULL;
		}
		/* multicasts and limited broadcasts leave by the source's device */
		if (!fl4->flowi4_oif &&
		    (ipv4_is_multicast(fl4->daddr) || ipv4_is_lbcast(fl4->daddr))) {
			dev_out = __ip_dev_find(net, fl4->saddr);
			if (!dev_out) {
				*err = -ENETUNREACH;
				return NULL;
			}
			fl4->flowi4_oif = dev_out->ifindex;
			goto make_route;
		}
		/* a source that is none of our addresses (0/8 included) */
		if (!(fl4->flowi4_flags & FLOWI_FLAG_ANYSRC) && !__ip_dev_find(net, fl4->saddr)) {
			*err = -ENETUNREACH;
			return NULL;
		}
	}
	if (fl4->flowi4_oif) {
		dev_out = __dev_get_by_index(net, fl4->flowi4_oif);
		if (!dev_out) {
			*err = -ENODEV;
			return NULL;
		}
		if (!(dev_out->flags & IFF_UP) || !__in_dev_get_rtnl(dev_out)) {
			*err = -ENETUNREACH;
			return NULL;
		}
		if (ipv4_is_local_multicast(fl4->daddr) || ipv4_is_lbcast(fl4->daddr)) {
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0, RT_SCOPE_LINK);
			res.type = RTN_BROADCAST;
			goto make_route;
		}
	}
	if (!fl4->daddr) {
		fl4->daddr = fl4->saddr;
		if (!fl4->daddr)
			fl4->daddr = fl4->saddr = htonl(INADDR_LOOPBACK);
		dev_out = net->loopback_dev;
		fl4->flowi4_oif = dev_out->ifindex;
		res.type = RTN_LOCAL;
		flags |= RTCF_LOCAL;
		goto make_route;
	}
	r = fib_lookup(net, fl4, &res, 0);
	if (r) {
		res.fi = NULL;
		if (fl4->flowi4_oif) {
			/* "routing tables are wrong": assume the destination is on link */
			if (!fl4->saddr)
				fl4->saddr = inet_select_addr(dev_out, 0, RT_SCOPE_LINK);
			res.type = RTN_UNICAST;
			goto make_route;
		}
		*err = r;
		return NULL;
	}
	if (res.type == RTN_LOCAL) {
		if (!fl4->saddr)
			fl4->saddr = res.fi->fib_prefsrc ? res.fi->fib_prefsrc : fl4->daddr;
		dev_out = net->loopback_dev;
		fl4->flowi4_oif = dev_out->ifindex;
		flags |= RTCF_LOCAL;
		goto make_route;
	}
	if (res.type != RTN_UNICAST && res.type != RTN_BROADCAST && res.type != RTN_MULTICAST) {
		*err = -EINVAL;
		return NULL;
	}
	fib_select_path(net, &res, fl4);
	dev_out = FIB_RES_DEV(res);
	if (fl4->flowi4_oif && dev_out->ifindex != fl4->flowi4_oif) {
		dev_out = __dev_get_by_index(net, fl4->flowi4_oif);
		res.fi = NULL;
	}
make_route:
	if (!fl4->saddr)
		fl4->saddr = inet_select_addr(dev_out, fl4->daddr, RT_SCOPE_UNIVERSE);
	return __mkroute_output(net, &res, fl4, dev_out, flags);
}

