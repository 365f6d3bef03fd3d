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
 * is cached on it (fib_nh's nh_rth_input / nh_rth_output) and shared by
 * every packet that takes that nexthop; local, broadcast and error routes
 * are made per packet.  The lectures' routing cache (rt_hash_table, `route
 * -C`) is gone: see docs/ipv4.md.
 */
#include "net/route.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip.h"

static void rt_destroy(struct dst_entry *dst)
{
	struct rtable *rt = container_of(dst, struct rtable, dst);
	struct world *w = dev_net(dst->dev)->w;

	g_free(rt);
	world_obj_put(w, SIM_OBJ_MODEL);
}

static const struct dst_ops ipv4_dst_ops = { .destroy = rt_destroy };

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

void fib_nh_release_cached(struct fib_nh *nh)
{
	if (nh->nh_rth_input) {
		nh->nh_rth_input->dst.obsolete = DST_OBSOLETE_DEAD;
		ip_rt_put(nh->nh_rth_input);
		nh->nh_rth_input = NULL;
	}
	if (nh->nh_rth_output) {
		nh->nh_rth_output->dst.obsolete = DST_OBSOLETE_DEAD;
		ip_rt_put(nh->nh_rth_output);
		nh->nh_rth_output = NULL;
	}
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

/* ---- input --------------------------------------------------------------- */

/*
 * fib_validate_source - reverse path filtering (rp_filter; RFC 3704): the
 * source must be routed back out of the interface it came in on (strict,
 * 1) or out of any (loose, 2).  Returns 0 or -EXDEV; -EINVAL for a local
 * source without accept_local.
 */
static int fib_validate_source(struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			       struct net_device *dev, struct in_device *in_dev)
{
	struct net *net = dev_net(dev);
	int rpf = IN_DEV_RPFILTER(in_dev);
	struct flowi4 fl4 = { .daddr = src, .saddr = dst, .flowi4_tos = tos,
			      .flowi4_iif = 1 };
	struct fib_result res;

	(void)skb;
	if (!rpf && !IN_DEV_ACCEPT_LOCAL(in_dev)) {
		/* still refuse our own addresses as sources */
		if (fib_lookup(net, &fl4, &res, 0) == 0 && res.type == RTN_LOCAL)
			return -EINVAL;
		return 0;
	}
	if (fib_lookup(net, &fl4, &res, 0) != 0)
		return rpf ? -EXDEV : 0;
	if (res.type == RTN_LOCAL && !IN_DEV_ACCEPT_LOCAL(in_dev))
		return -EINVAL;
	if (res.type != RTN_UNICAST && res.type != RTN_LOCAL)
		return rpf ? -EXDEV : 0;
	if (rpf == 1 && res.fi) {
		for (int i = 0; i < res.fi->fib_nhs; i++)
			if (res.fi->fib_nh[i].nh_dev == dev)
				return 0;
		return -EXDEV;
	}
	return 0;
}

static int ip_error(struct sk_buff *skb);

static void input_route_set(struct sk_buff *skb, struct rtable *rt)
{
	skb_dst_set(skb, &rt->dst);
}

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
	input_route_set(skb, rth);
	ip_rt_put(rth);		/* the skb holds it now */
	return 0;
}

/* __mkroute_input: a forwarding route, cached on the nexthop */
static int ip_mkroute_input(struct sk_buff *skb, struct fib_result *res,
			    struct in_device *in_dev, __be32 daddr, __be32 saddr, u8 tos)
{
	struct fib_nh *nh = &FIB_RES_NH(*res);
	struct net_device *out_dev = nh->nh_dev;
	struct in_device *out_in_dev = out_dev ? __in_dev_get_rtnl(out_dev) : NULL;
	struct rtable *rth;

	(void)daddr;
	if (!out_in_dev)
		return -EINVAL;
	if (fib_validate_source(skb, saddr, daddr, tos, in_dev->dev, in_dev) == -EXDEV)
		return -EXDEV;
	/* a redirect is due when the packet leaves where it came in (RFC 1812 5.2.7.2) */
	if (out_dev == in_dev->dev && IN_DEV_TX_REDIRECTS(out_in_dev) &&
	    (IN_DEV_SHARED_MEDIA(out_in_dev) || !nh->nh_gw))
		IPCB(skb)->flags |= IPSKB_DOREDIRECT;
	rth = nh->nh_rth_input;
	if (!rth || rth->dst.obsolete) {
		if (rth)
			ip_rt_put(rth);
		rth = rt_dst_alloc(out_dev, 0, res->type);
		rth->rt_is_input = 1;
		rth->rt_iif = 0;	/* cached: shared by every input device */
		rth->dst.input = ip_forward;
		rt_set_nexthop(rth, res);
		nh->nh_rth_input = rth;	/* the nexthop's reference */
	}
	input_route_set(skb, rth);
	return 0;
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
			       .flowi4_scope = RT_SCOPE_UNIVERSE, .daddr = daddr,
			       .saddr = saddr };
	err = fib_lookup(net, &fl4, &res, 0);
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
		err = fib_validate_source(skb, saddr, daddr, tos, dev, in_dev);
		if (err)
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
		err = fib_validate_source(skb, saddr, 0, tos, dev, in_dev);
		if (err)
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
	struct rtable *rth;

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
	if (do_cache && nh->nh_rth_output && !nh->nh_rth_output->dst.obsolete) {
		rth = nh->nh_rth_output;
		dst_hold(&rth->dst);
		return rth;
	}
	rth = rt_dst_alloc(dev_out, flags, type);
	if (flags & RTCF_LOCAL)
		rth->dst.input = ip_local_deliver;
	if ((flags & (RTCF_BROADCAST | RTCF_MULTICAST)) && !(dev_out->flags & IFF_LOOPBACK))
		rth->dst.output = ip_mc_output;
	if (fi)
		rt_set_nexthop(rth, res);
	if (do_cache) {
		if (nh->nh_rth_output)
			ip_rt_put(nh->nh_rth_output);
		nh->nh_rth_output = rth;	/* the nexthop's reference */
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
