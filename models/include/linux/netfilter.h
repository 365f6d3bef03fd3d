/*
 * models/include/linux/netfilter.h - the netfilter hook points
 *
 * Mirrors include/linux/netfilter.h: NF_HOOK() sits where the kernel
 * calls it (PRE_ROUTING in ip_rcv, LOCAL_IN, FORWARD, LOCAL_OUT,
 * POST_ROUTING, ARP and bridge hooks).  Until netfilter is built, every
 * hook accepts and calls okfn, so iptables, conntrack and NAT plug in here
 * without touching the datapath.
 */
#ifndef _SKBSIM_LINUX_NETFILTER_H
#define _SKBSIM_LINUX_NETFILTER_H

#include "linux/skbuff.h"
#include "trace/skbwalk.h"

struct net;
struct sock;
struct net_device;

enum nf_inet_hooks {
	NF_INET_PRE_ROUTING,
	NF_INET_LOCAL_IN,
	NF_INET_FORWARD,
	NF_INET_LOCAL_OUT,
	NF_INET_POST_ROUTING,
	NF_INET_NUMHOOKS,
};

#define NF_ARP_IN	0
#define NF_ARP_OUT	1
#define NF_ARP_FORWARD	2

enum {
	NFPROTO_UNSPEC = 0,
	NFPROTO_INET = 1,
	NFPROTO_IPV4 = 2,
	NFPROTO_ARP = 3,
	NFPROTO_BRIDGE = 7,
	NFPROTO_IPV6 = 10,
};

typedef int (*nf_okfn_t)(struct net *net, struct sock *sk, struct sk_buff *skb);

static inline int NF_HOOK(u8 pf, unsigned int hook, struct net *net, struct sock *sk,
			  struct sk_buff *skb, struct net_device *in, struct net_device *out,
			  nf_okfn_t okfn)
{
	trace_skb_walk_fn(skb, "nf_hook", out ? out : in, "%s%s%s%s%s: ACCEPT (no rules)",
			  walk_nf_hook_name(pf, hook), in ? ", in " : "", in ? in->name : "",
			  out ? ", out " : "", out ? out->name : "");
	return okfn(net, sk, skb);
}

static inline int NF_HOOK_COND(u8 pf, unsigned int hook, struct net *net, struct sock *sk,
			       struct sk_buff *skb, struct net_device *in,
			       struct net_device *out, nf_okfn_t okfn, bool cond)
{
	(void)cond;
	return NF_HOOK(pf, hook, net, sk, skb, in, out, okfn);
}

#endif
