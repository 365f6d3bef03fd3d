/*
 * models/bridge/br_input.c - what a bridge port receives
 *
 * Mirrors net/bridge/br_input.c: br_handle_frame() is the rx_handler of
 * every port.  It drops frames with an invalid source address and
 * 802.3x pause frames, sends the 802.1D reserved group (01:80:c2:00:00:0X)
 * to the port's own stack unless group_fwd_mask says forward (the STP
 * group goes to br_stp_rcv() when STP runs and is forwarded like any frame
 * when it does not, so loops stay detectable), and drops what a port not
 * learning/forwarding receives.  br_handle_frame_finish() (after the
 * bridge PRE_ROUTING hook) checks the VLAN, learns the source, and sends
 * the frame to the bridge itself (a local address: br_pass_frame_up), to
 * the port its destination was learned on, or floods it; broadcasts and
 * multicasts also go up, and everything does when br0 is promiscuous.
 *
 * Differences: no LLC layer: BPDUs go to br_stp_rcv() from here (the
 * kernel's way is RX_HANDLER_PASS and the LLC SAP 0x42 handler); no
 * multicast snooping (multicast is flooded and goes up), no proxy ARP or
 * neighbour suppression, no MAB/locked ports.
 */
#include "br_private.h"
#include "linux/netfilter.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

#define NF_BR_PRE_ROUTING	0	/* include/uapi/linux/netfilter_bridge.h */
#define NF_BR_LOCAL_IN		1

/* BR_GROUPFWD_RESTRICTED: 00 (STP), 01 (pause), 02 (LACP) never forwarded */
#define BR_GROUPFWD_DEFAULT	0

static int br_netif_receive_skb(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net, (void)sk;
	return netif_receive_skb(skb);
}

/*
 * br_pass_frame_up - the bridge device receives @skb: counted in br0's
 * rx, then netif_receive_skb() on br0 (IP, ARP, taps on br0).
 */
static int br_pass_frame_up(struct sk_buff *skb, bool promisc)
{
	struct net_device *indev, *brdev = BR_INPUT_SKB_CB(skb)->brdev;
	struct net_bridge *br = netdev_priv(brdev);

	(void)promisc;
	brdev->stats.rx_packets++;
	brdev->stats.rx_bytes += skb->len;
	/* br0 is a port like the others, except when capturing (promisc) */
	if (!(brdev->flags & IFF_PROMISC) && !br_allowed_egress(&br->vlgrp, skb)) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	indev = skb->dev;
	trace_skb_walk(skb, brdev, "from port %s up to %s", indev->name, brdev->name);
	skb->dev = brdev;
	skb = br_handle_vlan(br, NULL, &br->vlgrp, skb);
	if (!skb)
		return NET_RX_DROP;
	return NF_HOOK(NFPROTO_BRIDGE, NF_BR_LOCAL_IN, dev_net(indev), NULL, skb, indev, NULL,
		       br_netif_receive_skb);
}

int br_handle_frame_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct net_bridge_port *p = br_port_get_rtnl(skb->dev);
	enum br_pkt_type pkt_type = BR_PKT_UNICAST;
	struct net_bridge_fdb_entry *dst = NULL;
	const struct ethhdr *eth = eth_hdr(skb);
	struct net_bridge *br;
	bool local_rcv, promisc;
	u16 vid = 0;

	(void)net, (void)sk;
	if (!p)
		goto drop;
	br = p->br;
	if (p->state == BR_STATE_DISABLED) {
		p->stats.dropped_state++;
		reason = SKB_DROP_REASON_BRIDGE_INGRESS_STP_STATE;
		goto drop;
	}
	if (!br_allowed_ingress(br, p, skb, &vid)) {
		p->stats.dropped_vlan++;
		goto drop;		/* the kernel's br_allowed_ingress: kfree_skb */
	}
	eth = eth_hdr(skb);		/* untagging may have moved it */
	/* learn after the filters, so a filtered frame cannot spoof */
	if (p->flags & BR_LEARNING)
		br_fdb_update(br, p, eth->h_source, vid, 0);

	promisc = !!(br->dev->flags & IFF_PROMISC);
	local_rcv = promisc;
	if (is_multicast_ether_addr(eth->h_dest)) {
		if (is_broadcast_ether_addr(eth->h_dest)) {
			pkt_type = BR_PKT_BROADCAST;
			local_rcv = true;
		} else {
			/* no snooping, no querier: flooded and received */
			pkt_type = BR_PKT_MULTICAST;
			local_rcv = true;
			br->dev->stats.multicast++;
		}
	}
	if (p->state == BR_STATE_LEARNING) {
		p->stats.dropped_state++;
		reason = SKB_DROP_REASON_BRIDGE_INGRESS_STP_STATE;
		goto drop;
	}
	BR_INPUT_SKB_CB(skb)->brdev = br->dev;
	BR_INPUT_SKB_CB(skb)->src_port_isolated = !!(p->flags & BR_ISOLATED);

	if (pkt_type == BR_PKT_UNICAST)
		dst = br_fdb_find_rcu(br, eth->h_dest, vid);
	trace_skb_walk(skb, skb->dev, "fdb: %s%s%s%s", pkt_type == BR_PKT_BROADCAST ? "broadcast" :
		       pkt_type == BR_PKT_MULTICAST ? "multicast" : "unicast",
		       !dst ? ", not in the fdb: flood" :
		       test_bit(BR_FDB_LOCAL, &dst->flags) ? ", the bridge's own: up" : ", on port ",
		       dst && !test_bit(BR_FDB_LOCAL, &dst->flags) ? dst->dst->dev->name : "",
		       local_rcv ? ", and up to the bridge" : "");
	if (dst) {
		unsigned long now = sim_jiffies(dev_net(br->dev)->w);

		if (test_bit(BR_FDB_LOCAL, &dst->flags))
			return br_pass_frame_up(skb, false);
		if (now != dst->used)
			dst->used = now;
		br_forward(dst->dst, skb, local_rcv, false);
	} else {
		br_flood(br, skb, pkt_type, local_rcv, false, vid);
	}
	if (local_rcv)
		return br_pass_frame_up(skb, promisc);
	return 0;
drop:
	kfree_skb_reason(skb, reason);
	return 0;
}

/* __br_handle_local_finish(): link-local frames teach the FDB too (with
 * VLAN filtering on they do not here: br_should_learn's VLAN lookup is
 * not modelled for them) */
static void __br_handle_local_finish(struct net_bridge_port *p, struct sk_buff *skb)
{
	if (p->state != BR_STATE_DISABLED && !br_opt_get(p->br, BROPT_NO_LL_LEARN) &&
	    (p->flags & BR_LEARNING) && !br_vlan_enabled(p->br))
		br_fdb_update(p->br, p, eth_hdr(skb)->h_source, 0, 0);
}

/*
 * br_handle_frame_local - a frame to the reserved group 01:80:c2:00:00:0X
 * Return: true when it goes on as an ordinary frame (forward), false when
 * it was handled here (*@res says how) or is to be dropped (*@reason set,
 * @skb not freed: the caller's one drop point does it).
 */
static bool br_handle_frame_local(struct net_bridge_port *p, struct sk_buff *skb,
				  rx_handler_result_t *res, enum skb_drop_reason *reason)
{
	const u8 *dest = eth_hdr(skb)->h_dest;
	u16 fwd_mask = BR_GROUPFWD_DEFAULT;

	switch (dest[5]) {
	case 0x00:	/* the bridge group address: STP */
		/* STP off: forwarded, or loops between bridges go unseen */
		if (p->br->stp_enabled == BR_NO_STP || (fwd_mask & 1u))
			return true;
		__br_handle_local_finish(p, skb);
		br_stp_rcv(p, skb);
		*res = RX_HANDLER_CONSUMED;
		return false;
	case 0x01:	/* 802.3x pause: MAC control, never bridged */
		*reason = SKB_DROP_REASON_MAC_IEEE_MAC_CONTROL;
		return false;
	default:	/* LLDP (0x0E) and the rest: forwarded only when asked */
		fwd_mask |= p->br->group_fwd_mask;
		if (fwd_mask & (1u << dest[5]))
			return true;
	}
	/* NF_BR_LOCAL_IN, then br_handle_local_finish(): the port's stack */
	__br_handle_local_finish(p, skb);
	*res = RX_HANDLER_PASS;
	return false;
}

rx_handler_result_t br_handle_frame(struct sk_buff **pskb)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct sk_buff *skb = *pskb;
	const u8 *dest = eth_hdr(skb)->h_dest;
	struct net_bridge_port *p;
	rx_handler_result_t res;

	if (skb->pkt_type == PACKET_LOOPBACK)
		return RX_HANDLER_PASS;
	p = br_port_get_rtnl(skb->dev);
	if (!is_valid_ether_addr(eth_hdr(skb)->h_source)) {
		reason = SKB_DROP_REASON_MAC_INVALID_SOURCE;
		goto drop;
	}
	/* skb_share_check(): a tap may hold this skb too; we change it */
	if (skb->users > 1) {
		struct sk_buff *nskb = skb_clone(skb);

		consume_skb(skb);
		if (!nskb)
			return RX_HANDLER_CONSUMED;	/* the kernel: kfree_skb, NOMEM */
		*pskb = skb = nskb;
		dest = eth_hdr(skb)->h_dest;
	}
	memset(skb->cb, 0, sizeof(struct br_input_skb_cb));
	if (is_link_local_ether_addr(dest) && !br_handle_frame_local(p, skb, &res, &reason)) {
		if (reason != SKB_DROP_REASON_NOT_SPECIFIED)
			goto drop;
		return res;
	}

	trace_skb_walk(skb, skb->dev, "bridge %s port %s, state %s", p->br->dev->name,
		       skb->dev->name, br_port_state_name(p->state));
	switch (p->state) {
	case BR_STATE_FORWARDING:
	case BR_STATE_LEARNING:
		if (ether_addr_equal(p->br->dev->dev_addr, dest))
			skb->pkt_type = PACKET_HOST;
		NF_HOOK(NFPROTO_BRIDGE, NF_BR_PRE_ROUTING, dev_net(skb->dev), NULL, skb,
			skb->dev, NULL, br_handle_frame_finish);
		return RX_HANDLER_CONSUMED;
	default:
		p->stats.dropped_state++;
		reason = SKB_DROP_REASON_BRIDGE_INGRESS_STP_STATE;
	}
drop:
	kfree_skb_reason(skb, reason);
	return RX_HANDLER_CONSUMED;
}
