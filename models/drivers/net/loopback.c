/*
 * models/drivers/net/loopback.c - the loopback device
 *
 * Mirrors drivers/net/loopback.c: every namespace has "lo" (ifindex 1,
 * mtu 65536, LOOPBACK|UP after `ip link set lo up`, no queue, no ARP);
 * loopback_xmit() counts the packet and gives it back to the stack with
 * netif_rx(), so it is received on the same CPU when the sender's
 * bottom-half section ends.
 */
#include "linux/etherdevice.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

static netdev_tx_t loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int len;

	/* eth_type_trans() pulls the header first: lo counts 84 bytes for a
	 * 56-byte ping, not 98; the frame is PACKET_HOST (its destination is
	 * lo's own all-zero address), as on Linux */
	skb->protocol = eth_type_trans(skb, dev);
	len = skb->len;
	trace_skb_walk(skb, dev, "back in: netif_rx");
	if (__netif_rx(skb) == NET_RX_SUCCESS) {
		dev->stats.tx_packets++;
		dev->stats.tx_bytes += len;
		dev->stats.rx_packets++;
		dev->stats.rx_bytes += len;
	}
	return NETDEV_TX_OK;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

static void loopback_setup(struct net_device *dev)
{
	dev->mtu = 64 * 1024;
	dev->min_mtu = 0;
	dev->max_mtu = 0;
	dev->hard_header_len = ETH_HLEN;
	dev->addr_len = ETH_ALEN;
	dev->type = ARPHRD_LOOPBACK;
	dev->flags = IFF_LOOPBACK;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->header_ops = &eth_header_ops;
	dev->netdev_ops = &loopback_ops;
	dev->tx_queue_len = 1000;
}

int loopback_net_init(struct net *net, struct sim_err *err)
{
	struct net_device *dev = alloc_netdev_mqs(net, 0, "lo", NET_NAME_ENUM, loopback_setup,
						  1, 1);

	if (register_netdevice(dev, err) < 0) {
		free_netdev(dev);
		return -1;
	}
	net->loopback_dev = dev;
	return 0;
}
