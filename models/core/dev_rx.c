/*
 * models/core/dev_rx.c - the receive half of net/core/dev.c
 *
 * netif_receive_skb() -> __netif_receive_skb() ->
 * __netif_receive_skb_core(): the frame is timestamped, counted and shown
 * to the taps (ptype_all: captures, packet sockets) as tcpdump sees it,
 * then to the device's rx_handler (a bridge port's br_handle_frame), then
 * to the protocol handler registered for its EtherType (ip_rcv, arp_rcv).
 * A frame nobody handles is counted in rx_nohandler and dropped with
 * UNHANDLED_PROTO.  netif_rx() queues to the current CPU's backlog for
 * drivers without NAPI, loopback and veth.
 */
#include "linux/netdevice.h"

#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "trace/capture.h"
#include "trace/skbwalk.h"

static inline int deliver_skb(struct sk_buff *skb, struct packet_type *pt_prev,
			      struct net_device *orig_dev)
{
	return pt_prev->func(skb_get(skb), skb->dev, pt_prev, orig_dev);
}

static void deliver_ptype_list(struct sk_buff *skb, struct list_head *list,
			       struct net_device *orig_dev)
{
	struct packet_type *pt;

	list_for_each_entry(pt, list, list)
		deliver_skb(skb, pt, orig_dev);
}

static int __netif_receive_skb_core(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct net_device *orig_dev = skb->dev;
	struct net *net = dev_net(orig_dev);
	struct packet_type *pt, *pt_prev = NULL;
	rx_handler_func_t *rx_handler;
	int ret = NET_RX_DROP;

	cpu_charge(net, SIM_COST_CORE, 0);
	this_cpu(net)->sd.processed++;	/* softnet_stat column 1 */
	skb->tstamp = sim_now(net->w);
	skb_reset_network_header(skb);
	if (!skb_mac_header_was_set(skb))
		skb_reset_mac_header(skb);
	skb->skb_iif = skb->dev->ifindex;

another_round:
	/* taps: tcpdump's view is the whole frame, mac header included */
	skb_capture_rx(skb);
	deliver_ptype_list(skb, &net->ptype_all, orig_dev);
	deliver_ptype_list(skb, &skb->dev->ptype_all, orig_dev);

	rx_handler = skb->dev->rx_handler;
	trace_skb_walk_fn(skb, "__netif_receive_skb_core", skb->dev,
			  "protocol 0x%04x%s", ntohs(skb->protocol),
			  rx_handler ? ", rx_handler first (a bridge port)" : "");
	if (rx_handler) {
		switch (rx_handler(&skb)) {
		case RX_HANDLER_CONSUMED:
			ret = NET_RX_SUCCESS;
			goto out;
		case RX_HANDLER_ANOTHER:
			goto another_round;
		case RX_HANDLER_EXACT:
		case RX_HANDLER_PASS:
			break;
		}
	}

	list_for_each_entry(pt, &net->ptype_base[ntohs(skb->protocol) & (PTYPE_HASH_SIZE - 1)],
			    list) {
		if (pt->type != skb->protocol || (pt->dev && pt->dev != skb->dev))
			continue;
		if (pt_prev)
			deliver_skb(skb, pt_prev, orig_dev);
		pt_prev = pt;
	}
	if (pt_prev) {
		ret = pt_prev->func(skb, skb->dev, pt_prev, orig_dev);
	} else {
		skb->dev->stats.rx_nohandler++;
		kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
		ret = NET_RX_DROP;
	}
out:
	*pskb = skb;
	return ret;
}

int __netif_receive_skb(struct sk_buff *skb)
{
	return __netif_receive_skb_core(&skb);
}

int netif_receive_skb(struct sk_buff *skb)
{
	trace_skb_walk(skb, skb->dev, "len %u", skb->len);
	return __netif_receive_skb(skb);
}

/* No GRO: every frame goes up on its own. */
void napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	skb->napi_id = napi->napi_id;	/* skb_mark_napi_id */
	trace_skb_walk(skb, skb->dev, "napi %u, no GRO: netif_receive_skb", napi->napi_id);
	netif_receive_skb(skb);
}

int __netif_rx(struct sk_buff *skb)
{
	return enqueue_to_backlog(skb, this_cpu(dev_net(skb->dev)));
}

int netif_rx(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	int ret;

	trace_skb_walk(skb, skb->dev, "to the backlog of this CPU");
	local_bh_disable(net);
	ret = __netif_rx(skb);
	local_bh_enable(net);
	return ret;
}
