/*
 * models/include/net/dst.h - destination cache entries
 *
 * Mirrors include/net/dst.h: what a route lookup gives a packet -
 * the device, and the input and output functions it continues with
 * (ip_local_deliver, ip_forward, ip_output, ip_error...).  The lectures'
 * "dst->input / dst->output" are these.
 */
#ifndef _SKBSIM_NET_DST_H
#define _SKBSIM_NET_DST_H

#include "linux/netdevice.h"

struct sock;

#define DST_HOST	0x0001
#define DST_NOXFRM	0x0002
#define DST_NOPOLICY	0x0004
#define DST_NOCOUNT	0x0008

#define DST_OBSOLETE_NONE	0
#define DST_OBSOLETE_DEAD	2
#define DST_OBSOLETE_FORCE_CHK	-1

struct dst_entry;

struct dst_ops {
	void (*destroy)(struct dst_entry *dst);	/* last reference gone */
	/* ipv4_mtu; NULL: the metric, else the device's */
	unsigned int (*mtu)(const struct dst_entry *dst);
};

/*
 * Differs: no lastuse or __use (nothing here reads them: no garbage
 * collector, no rtstat), and the small fields packed after the pointers,
 * so that a struct rtable is 88 bytes, not 112.
 */
struct dst_entry {
	const struct dst_ops *ops;
	struct net_device *dev;
	int (*input)(struct sk_buff *skb);
	int (*output)(struct net *net, struct sock *sk, struct sk_buff *skb);
	unsigned long expires;		/* jiffies, 0: never (PMTU exceptions) */
	unsigned short flags;
	short obsolete;
	short error;			/* for ip_error: -EHOSTUNREACH ... */
	int refcnt;
	u32 mtu;			/* RTAX_MTU metric, 0: the device's */
};

static inline void dst_hold(struct dst_entry *dst)
{
	dst->refcnt++;
}

void dst_release(struct dst_entry *dst);

/* Attaches @dst to @skb; the skb takes its own reference. */
static inline void skb_dst_set(struct sk_buff *skb, struct dst_entry *dst)
{
	if (dst)
		dst_hold(dst);
	if (skb->dst)
		dst_release(skb->dst);
	skb->dst = dst;
}

/* Drops the skb's reference on its dst. */
static inline void skb_dst_drop(struct sk_buff *skb)
{
	if (skb->dst) {
		dst_release(skb->dst);
		skb->dst = NULL;
	}
}

static inline int dst_input(struct sk_buff *skb)
{
	return skb_dst(skb)->input(skb);
}

static inline int dst_output(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return skb_dst(skb)->output(net, sk, skb);
}

static inline unsigned int dst_mtu(const struct dst_entry *dst)
{
	if (dst->ops && dst->ops->mtu)
		return dst->ops->mtu(dst);
	return dst->mtu ? dst->mtu : dst->dev->mtu;
}

#endif
