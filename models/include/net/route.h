/*
 * models/include/net/route.h - IPv4 routes (struct rtable)
 *
 * Mirrors include/net/route.h.  Since Linux 3.6 there is no routing
 * cache: ip_route_input_noref() and ip_route_output_key() consult the FIB
 * for every packet and hand out the rtable cached on the chosen nexthop
 * (fib_nh's nh_rth_input / nh_rth_output) or a fresh one for local,
 * broadcast and error routes.  PMTU and redirect exceptions (fnhe) come
 * with the routing issue.
 */
#ifndef _SKBSIM_NET_ROUTE_H
#define _SKBSIM_NET_ROUTE_H

#include "net/dst.h"
#include "net/ip_fib.h"

/* rt_flags (RTCF_*) */
#define RTCF_NOTIFY	0x00010000
#define RTCF_REDIRECTED	0x00040000
#define RTCF_DOREDIRECT	0x01000000
#define RTCF_DIRECTSRC	0x04000000
#define RTCF_BROADCAST	0x10000000
#define RTCF_MULTICAST	0x20000000
#define RTCF_LOCAL	0x80000000

struct rtable {
	struct dst_entry dst;
	unsigned int rt_flags;
	u16 rt_type;			/* RTN_* */
	u8 rt_is_input;
	u8 rt_uses_gateway;
	int rt_iif;
	__be32 rt_gw4;			/* the nexthop's gateway, or 0 */
	u32 rt_mtu_locked:1, rt_pmtu:31;
	struct fib_nh *rt_nh;		/* the nexthop it is cached on, or NULL */
};

static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	return (struct rtable *)skb_dst(skb);
}

/* The address to resolve: the gateway, or the destination itself. */
static inline __be32 rt_nexthop(const struct rtable *rt, __be32 daddr)
{
	return rt->rt_gw4 ? rt->rt_gw4 : daddr;
}

/* models/ipv4/route.c */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
			 struct net_device *dev, enum skb_drop_reason *reason);
/* An output route for @fl4 (fills fl4->saddr when it was 0); or NULL with *err. */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4, int *err);
void ip_rt_put(struct rtable *rt);
/* The nexthop's device went away: forget the routes cached on it. */
void rt_flush_dev(struct net_device *dev);
void fib_nh_release_cached(struct fib_nh *nh);
int ip_rt_init(struct net *net, struct sim_err *err);

#endif
