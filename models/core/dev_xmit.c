/*
 * models/core/dev_xmit.c - the transmit half of net/core/dev.c
 *
 * dev_queue_xmit() (__dev_queue_xmit): picks the tx queue (the driver's
 * ndo_select_queue, else XPS by the current CPU, else the flow hash),
 * passes the packet to the queue's qdisc (__dev_xmit_skb), or for a
 * device without a queue (noqueue: lo, veth) straight to the driver;
 * softirqs raised on the way (a veth peer's receive) run when it returns,
 * at local_bh_enable(), as on Linux.  dev_hard_start_xmit() hands each
 * frame to the taps (dev_queue_xmit_nit: captures, later packet sockets)
 * before the driver, so a capture shows a frame as the stack built it,
 * before driver padding.
 */
#include "linux/netdevice.h"

#include "linux/in.h"
#include "linux/interrupt.h"
#include "net/flow_dissector.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"
#include "trace/capture.h"
#include "trace/skbwalk.h"

#define XMIT_RECURSION_LIMIT 8

void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct packet_type *pt;

	skb_capture_tx(skb, dev);	/* tcpdump's view (models/core/capture.c) */
	/* packet sockets see outgoing frames as PACKET_OUTGOING clones */
	list_for_each_entry(pt, &net->ptype_all, list) {
		struct sk_buff *clone = skb_clone(skb);

		if (!clone)
			break;
		trace_skb_walk(clone, dev, "a clone for a packet socket (PACKET_OUTGOING)");
		clone->pkt_type = PACKET_OUTGOING;
		skb_reset_mac_header(clone);
		pt->func(clone, dev, pt, dev);
	}
}

static bool dev_has_taps(const struct net_device *dev)
{
	return dev->pcap || !list_empty(&dev_net(dev)->ptype_all);
}

netdev_tx_t netdev_start_xmit(struct sk_buff *skb, struct net_device *dev,
			      struct netdev_queue *txq)
{
	(void)txq;		/* the kernel's txq_trans_update(): no watchdog reads it */
	trace_skb_walk(skb, dev, "ndo_start_xmit, len %u", skb->len);
	return dev->netdev_ops->ndo_start_xmit(skb, dev);
}

struct sk_buff *dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev,
				    struct netdev_queue *txq, int *ret)
{
	trace_skb_walk(skb, dev, "tx queue %u%s", txq->index,
		       dev_has_taps(dev) ? ", taps first (dev_queue_xmit_nit)" : "");
	if (dev_has_taps(dev))
		dev_queue_xmit_nit(skb, dev);
	*ret = netdev_start_xmit(skb, dev, txq);
	return *ret == NETDEV_TX_OK ? NULL : skb;
}

/*
 * The flow hash for tx queue choice (skb_get_hash): the flow dissector's
 * keys, not the header bytes, so that every packet of a flow takes one
 * queue (IP ID and checksum change per packet).  IPv4: addresses and
 * protocol, plus the ports of an unfragmented TCP/UDP/UDP-Lite/SCTP/DCCP
 * packet (ICMP has no ports in flow_keys); any other frame hashes its
 * EtherType alone.  The kernel's hash is siphash with a boot-time key;
 * any fixed mix will do here.
 */
static u32 skb_flow_hash(const struct sk_buff *skb)
{
	struct flow_keys_ipv4 k;
	u32 h = 2166136261u;
	unsigned int nkey;
	u8 key[13];

	if (skb->len < ETH_HLEN)
		return 1;
	if (flow_dissect_ipv4(skb->data, skb->len, &k)) {	/* data: the mac header */
		memcpy(key, k.addrs, 8);
		key[8] = k.ip_proto;
		nkey = 9;
		if (k.has_ports && (k.ip_proto == IPPROTO_TCP || k.ip_proto == IPPROTO_UDP ||
				    k.ip_proto == IPPROTO_UDPLITE || k.ip_proto == IPPROTO_SCTP ||
				    k.ip_proto == IPPROTO_DCCP)) {
			memcpy(key + 9, k.ports, 4);
			nkey = 13;
		}
	} else {
		memcpy(key, skb->data + 12, 2);		/* EtherType */
		nkey = 2;
	}
	for (unsigned int i = 0; i < nkey; i++)
		h = (h ^ key[i]) * 16777619u;
	return h ? h : 1;
}

static u32 skb_tx_hash(const struct sk_buff *skb)
{
	return skb->hash ? skb->hash : skb_flow_hash(skb);
}

u16 netdev_pick_tx(struct net_device *dev, struct sk_buff *skb)
{
	unsigned int n = dev->real_num_tx_queues;

	if (n == 1)
		return 0;
	if (dev->netdev_ops->ndo_select_queue)
		return dev->netdev_ops->ndo_select_queue(dev, skb) % n;
	/* XPS by CPU when the CPU owns a queue, else the flow hash */
	if (dev_net(dev)->ncpus > 1) {
		struct sim_cpu *cpu = this_cpu(dev_net(dev));

		for (unsigned int i = 0; i < n; i++)
			if (dev->_tx[i].xps_cpu == cpu->id)
				return (u16)i;
	}
	return (u16)(((u64)skb_tx_hash(skb) * n) >> 32);
}

static int dev_xmit_noqueue(struct sk_buff *skb, struct net_device *dev,
			    struct netdev_queue *txq)
{
	const int limit = XMIT_RECURSION_LIMIT;
	struct net *net = dev_net(dev);
	int rc = -ENETDOWN;

	if (!(dev->flags & IFF_UP)) {
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return rc;
	}
	if (net->xmit_recursion >= limit) {
		/* "Dead loop on virtual device %s, fix it urgently!" */
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return rc;
	}
	if (netif_tx_queue_stopped(txq)) {
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return -ENETDOWN;
	}
	trace_skb_walk_fn(skb, "__dev_queue_xmit", dev, "noqueue: straight to the driver");
	net->xmit_recursion++;
	skb = dev_hard_start_xmit(skb, dev, txq, &rc);
	net->xmit_recursion--;
	if (skb) {
		/* a queueless device cannot be busy */
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		rc = NET_XMIT_DROP;
	}
	return rc;
}

int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct net *net = dev_net(dev);
	struct netdev_queue *txq;
	struct Qdisc *q;
	int rc;

	skb_reset_mac_header(skb);
	cpu_charge(net, SIM_COST_CORE, 0);
	local_bh_disable(net);
	txq = netdev_get_tx_queue(dev, netdev_pick_tx(dev, skb));
	skb->queue_mapping = (u16)txq->index;
	q = qdisc_of(txq);
	trace_skb_walk(skb, dev, "len %u, tx queue %u, qdisc %s", skb->len, txq->index,
		       q ? q->ops->id : "noop");
	if (!q) {
		/* noop: down, or no carrier yet */
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_QDISC_DROP);
		rc = NET_XMIT_CN;
	} else if (q->ops->enqueue) {
		rc = __dev_xmit_skb(skb, q, dev, txq);
	} else {
		rc = dev_xmit_noqueue(skb, dev, txq);
	}
	local_bh_enable(net);
	return rc;
}
