/*
 * models/include/net/route.h - IPv4 routes (struct rtable)
 *
 * Mirrors include/net/route.h.  Since Linux 3.6 there is no routing
 * cache: ip_route_input_noref() and ip_route_output_key() consult the FIB
 * for every packet and hand out the rtable cached on the chosen nexthop
 * (fib_nh's nh_cache: nh_rth_input / nh_rth_output) or a fresh one for local,
 * broadcast and error routes.  A path MTU learned from ICMP is a nexthop
 * exception (fib_nh_exception, ip_fib.h) that binds to the routes to its
 * destination (rt_pmtu, dst.expires, a redirect's gateway).
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

struct iphdr;

/* ---- nexthop exceptions and PMTU (route.c) ---- */
#define IP_MAX_MTU	0xFFF0u
unsigned int ipv4_mtu(const struct dst_entry *dst);
static inline bool ip_mtu_locked(const struct dst_entry *dst)
{
	return ((const struct rtable *)dst)->rt_mtu_locked;
}
/*
 * ipv4_update_pmtu / ipv4_sk_update_pmtu: @iph is the header quoted by an
 * ICMP fragmentation needed; learn @mtu for its destination on the nexthop
 * the output route takes (oif, mark and protocol as the socket's).
 */
void ipv4_update_pmtu(struct net *net, const struct iphdr *iph, u32 mtu, int oif,
		      u32 mark, u8 protocol);
/*
 * ip_rt_send_redirect: a router tells the sender of @skb (forwarded out the
 * interface it came in on) of a better first hop, rate limited per sender.
 * ipv4_redirect: a host learns the new gateway of an ICMP redirect @skb
 * (its data at the ICMP header) into a nexthop exception.
 */
void ip_rt_send_redirect(struct sk_buff *skb);
void ipv4_redirect(struct net *net, struct sk_buff *skb);
struct fib_nh_exception *find_exception(struct fib_nh *nh, __be32 daddr);
void update_or_create_fnhe(struct fib_nh *nh, __be32 daddr, u32 pmtu, bool lock,
			   unsigned long expires);
/* `ip route flush cache`: forget every exception of the namespace */
void rt_flush_exceptions(struct net *net);
void fnhe_flush_nh(struct fib_nh *nh);
/* `ip route show cache`: call @fn for each live exception, in nexthop then bucket order */
void rt_for_each_exception(struct net *net,
			   void (*fn)(void *arg, const struct fib_info *fi, const struct fib_nh *nh,
				      const struct fib_nh_exception *fnhe),
			   void *arg);

int ip_rt_init(struct net *net, struct sim_err *err);

#endif
