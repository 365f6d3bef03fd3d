/*
 * models/bridge/br_forward.c - the forwarding decision
 *
 * Mirrors net/bridge/br_forward.c: should_deliver() (not back out of the
 * port it came in on unless hairpin, only to forwarding ports, VLAN egress
 * allowed), br_forward() to one port, br_flood() to every port that
 * accepts the kind of frame (BR_FLOOD for unknown unicast, BR_MCAST_FLOOD,
 * BR_BCAST_FLOOD; the bridge's own frames flood everywhere), one clone per
 * port and the original to the last, and br_dev_queue_push_xmit() putting
 * the Ethernet header back in front before dev_queue_xmit() on the port.
 *
 * Frames that reach no port are dropped with NO_TX_TARGET (Linux 6.14+).
 * Each port counts what it sent (forwarded: known destination; flooded).
 */
#include "br_private.h"
#include "linux/netfilter.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

#define NF_BR_LOCAL_OUT		3	/* include/uapi/linux/netfilter_bridge.h */
#define NF_BR_FORWARD		2
#define NF_BR_POST_ROUTING	4

bool br_should_deliver(const struct net_bridge_port *p, const struct sk_buff *skb)
{
	return ((p->flags & BR_HAIRPIN_MODE) || skb->dev != p->dev) &&
	       p->state == BR_STATE_FORWARDING && br_allowed_egress(&p->vlgrp, skb) &&
	       !(BR_INPUT_SKB_CB(skb)->src_port_isolated && (p->flags & BR_ISOLATED));
}

int br_dev_queue_push_xmit(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net, (void)sk;
	skb_push(skb, ETH_HLEN);
	trace_skb_walk(skb, skb->dev, "Ethernet header back on, len %u", skb->len);
	/* is_skb_forwardable(): no frame longer than the port's mtu */
	if (skb->len > skb->dev->mtu + ETH_HLEN + (skb->protocol == htons(ETH_P_8021Q) ?
						   VLAN_HLEN : 0)) {
		skb->dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return 0;
	}
	dev_queue_xmit(skb);
	return 0;
}

static int br_forward_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return NF_HOOK(NFPROTO_BRIDGE, NF_BR_POST_ROUTING, net, sk, skb, NULL, skb->dev,
		       br_dev_queue_push_xmit);
}

static void __br_forward(const struct net_bridge_port *to, struct sk_buff *skb,
			 bool local_orig)
{
	struct net_device *indev;
	struct net *net;
	int br_hook;

	skb = br_handle_vlan(to->br, to, (struct net_bridge_vlan_group *)&to->vlgrp, skb);
	if (!skb)
		return;
	indev = skb->dev;
	trace_skb_walk(skb, to->dev, "out port %s%s", to->dev->name,
		       local_orig ? " (from the bridge device: NF_BR_LOCAL_OUT)" : "");
	skb->dev = to->dev;
	if (!local_orig) {
		br_hook = NF_BR_FORWARD;
		net = dev_net(indev);
	} else {
		br_hook = NF_BR_LOCAL_OUT;
		net = dev_net(skb->dev);
		indev = NULL;
	}
	NF_HOOK(NFPROTO_BRIDGE, br_hook, net, NULL, skb, indev, skb->dev, br_forward_finish);
}

static int deliver_clone(const struct net_bridge_port *prev, struct sk_buff *skb,
			 bool local_orig)
{
	struct net_device *brdev = BR_INPUT_SKB_CB(skb)->brdev;

	skb = skb_clone(skb);
	if (!skb) {
		brdev->stats.tx_dropped++;
		return -ENOMEM;
	}
	trace_skb_walk(skb, prev->dev, "a clone for port %s", prev->dev->name);
	__br_forward(prev, skb, local_orig);
	return 0;
}

/*
 * br_forward - @skb to the port @to of a known destination; with
 * @local_rcv the caller keeps @skb (it goes up too) and a clone goes out.
 */
void br_forward(const struct net_bridge_port *to, struct sk_buff *skb, bool local_rcv,
		bool local_orig)
{
	trace_skb_walk(skb, skb->dev, "to port %s%s", to ? to->dev->name : "(none)",
		       to && br_should_deliver(to, skb) ? "" : ": not deliverable there");
	if (to && br_should_deliver(to, skb)) {
		((struct net_bridge_port *)to)->stats.forwarded++;
		if (local_rcv)
			deliver_clone(to, skb, local_orig);
		else
			__br_forward(to, skb, local_orig);
		return;
	}
	if (!local_rcv)
		kfree_skb_reason(skb, SKB_DROP_REASON_NO_TX_TARGET);
}

/* maybe_deliver(): send the held clone to @prev, hold @p next */
static struct net_bridge_port *maybe_deliver(struct net_bridge_port *prev,
					     struct net_bridge_port *p, struct sk_buff *skb,
					     bool local_orig, int *err)
{
	if (!br_should_deliver(p, skb))
		return prev;
	p->stats.flooded++;
	if (prev)
		*err = deliver_clone(prev, skb, local_orig);
	return p;
}

/* br_flood_allowed(): the port's flood flag for this kind of frame */
static bool br_flood_allowed(const struct net_bridge *br, const struct net_bridge_port *p,
			     const struct sk_buff *skb, enum br_pkt_type pkt_type)
{
	switch (pkt_type) {
	case BR_PKT_UNICAST:
		return p->flags & BR_FLOOD;
	case BR_PKT_MULTICAST:
		return (p->flags & BR_MCAST_FLOOD) || skb->dev == br->dev;
	case BR_PKT_BROADCAST:
		return (p->flags & BR_BCAST_FLOOD) || skb->dev == br->dev;
	}
	return false;
}

void br_flood(struct net_bridge *br, struct sk_buff *skb, enum br_pkt_type pkt_type,
	      bool local_rcv, bool local_orig, u16 vid)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NO_TX_TARGET;
	struct net_bridge_port *prev = NULL, *p;
	int err = 0;

	(void)vid;
	trace_skb_walk(skb, skb->dev, "%s to every port that allows it%s",
		       pkt_type == BR_PKT_BROADCAST ? "broadcast" :
		       pkt_type == BR_PKT_MULTICAST ? "multicast" : "unknown unicast",
		       local_rcv ? " (a clone each; the original goes up)" : "");
	list_for_each_entry(p, &br->port_list, list) {
		if (!br_flood_allowed(br, p, skb, pkt_type))
			continue;
		/* proxy ARP ports answer for their hosts: no flooding to them */
		if (p->flags & BR_PROXYARP)
			continue;
		if ((p->flags & (BR_PROXYARP_WIFI | BR_NEIGH_SUPPRESS)) &&
		    BR_INPUT_SKB_CB(skb)->proxyarp_replied)
			continue;
		prev = maybe_deliver(prev, p, skb, local_orig, &err);
		if (err) {
			reason = SKB_DROP_REASON_NOMEM;
			goto out;
		}
	}
	if (!prev)
		goto out;
	if (local_rcv)
		deliver_clone(prev, skb, local_orig);
	else
		__br_forward(prev, skb, local_orig);
	return;
out:
	if (!local_rcv)
		kfree_skb_reason(skb, reason);
}
