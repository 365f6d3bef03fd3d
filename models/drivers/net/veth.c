/*
 * models/drivers/net/veth.c - virtual Ethernet pairs
 *
 * Mirrors drivers/net/veth.c (without XDP or its NAPI mode): what one end
 * transmits is received by the other at once, in the sender's context:
 * veth_xmit() scrubs the skb, runs eth_type_trans() for the peer and
 * queues it to the backlog with __netif_rx(); the receive runs when the
 * sender's bottom-half section ends (local_bh_enable), so a reply can be
 * sent before the sender's dev_queue_xmit() returns, exactly as on a real
 * pair.  Here the ends may sit in different nodes; the peer's backlog is on
 * the peer node's CPU with the sender's CPU number.
 *
 * No rate, no delay, no queue (noqueue); ethtool reports 10000Mb/s full
 * duplex; carrier is on while both ends are up; the peer is registered
 * first, as `ip link add ... type veth peer ...` does (it gets the lower
 * ifindex in its namespace).  Queues: one per CPU of the node.
 */
#include <errno.h>

#include "linux/etherdevice.h"
#include "linux/ethtool.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "net/veth.h"
#include "trace/skbwalk.h"

struct veth_priv {
	struct net_device *peer;
	u64 dropped;
};

static const struct rtnl_link_ops veth_link_ops = { .kind = "veth" };

static netdev_tx_t veth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);
	struct net_device *rcv = priv->peer;
	unsigned int len = skb->len;
	struct net *rnet;

	if (!rcv || !(rcv->flags & IFF_UP) || len > rcv->mtu + rcv->hard_header_len) {
		/* __dev_forward_skb: peer down or frame too big for it */
		priv->dropped++;
		dev->stats.tx_dropped++;
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return NETDEV_TX_OK;
	}
	cpu_charge(dev_net(dev), SIM_COST_DRIVER, len);
	/* __dev_forward_skb: nothing of the sender's namespace goes across */
	skb_scrub_packet(skb, dev_net(dev) != dev_net(rcv));
	skb->protocol = eth_type_trans(skb, rcv);
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	rcv->stats.rx_packets++;
	rcv->stats.rx_bytes += len;
	if (skb->pkt_type == PACKET_MULTICAST)
		rcv->stats.multicast++;
	trace_skb_walk(skb, dev, "to peer %s: __dev_forward_skb, eth_type_trans", rcv->name);
	rnet = dev_net(rcv);
	if (rnet == dev_net(dev)) {
		__netif_rx(skb);	/* runs at our local_bh_enable */
		return NETDEV_TX_OK;
	}
	/* another node: its CPU runs the receive now, inside our section */
	{
		struct sim_cpu *cpu = net_cpu(rnet, this_cpu(dev_net(dev))->id);
		struct sim_cpu *prev = rnet->this_cpu;

		rnet->this_cpu = cpu;
		local_bh_disable(rnet);
		enqueue_to_backlog(skb, cpu);
		local_bh_enable(rnet);
		rnet->this_cpu = prev;
	}
	return NETDEV_TX_OK;
}

static int veth_open(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	if (!priv->peer)
		return -ENOTCONN;
	if (priv->peer->flags & IFF_UP) {
		netif_carrier_on(dev);
		netif_carrier_on(priv->peer);
	}
	return 0;
}

static int veth_close(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	netif_carrier_off(dev);
	if (priv->peer)
		netif_carrier_off(priv->peer);
	return 0;
}

static int veth_change_mtu(struct net_device *dev, int new_mtu)
{
	dev->mtu = (unsigned int)new_mtu;
	return 0;
}

static struct net_device *veth_get_peer_dev(struct net_device *dev)
{
	return ((struct veth_priv *)netdev_priv(dev))->peer;
}

static void veth_uninit(struct net_device *dev)
{
	struct veth_priv *priv = netdev_priv(dev);

	/* the pair goes together: unlink so neither sends to a dead peer */
	if (priv->peer) {
		struct veth_priv *ppriv = netdev_priv(priv->peer);

		netif_carrier_off(priv->peer);
		ppriv->peer = NULL;
		priv->peer = NULL;
	}
}

static const struct net_device_ops veth_netdev_ops = {
	.ndo_uninit = veth_uninit,
	.ndo_open = veth_open,
	.ndo_stop = veth_close,
	.ndo_start_xmit = veth_xmit,
	.ndo_change_mtu = veth_change_mtu,
	.ndo_get_peer_dev = veth_get_peer_dev,
};

static void veth_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	(void)dev;
	g_strlcpy(info->driver, "veth", sizeof(info->driver));
	g_strlcpy(info->version, "1.0", sizeof(info->version));
}

static int veth_get_link_ksettings(struct net_device *dev, struct ethtool_link_ksettings *ks)
{
	ks->speed = 10000;		/* SPEED_10000 */
	ks->duplex = DUPLEX_FULL;
	ks->port = PORT_TP;
	ks->autoneg = 0;
	ks->link = netif_carrier_ok(dev);
	return 0;
}

static void veth_get_channels(struct net_device *dev, struct ethtool_channels *ch)
{
	ch->max_combined = dev->num_tx_queues;
	ch->combined_count = dev->real_num_tx_queues;
}

static const struct ethtool_ops veth_ethtool_ops = {
	.get_drvinfo = veth_get_drvinfo,
	.get_link_ksettings = veth_get_link_ksettings,
	.get_channels = veth_get_channels,
};

static void veth_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->priv_flags |= IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE;
	dev->netdev_ops = &veth_netdev_ops;
	dev->ethtool_ops = &veth_ethtool_ops;
	dev->rtnl_link_ops = &veth_link_ops;
	dev->max_mtu = ETH_MAX_MTU;
	dev->speed_mbps = 10000;
}

static struct net_device *veth_alloc(struct net *net, const struct sim_link_config *cfg)
{
	struct net_device *dev = alloc_netdev_mqs(net, sizeof(struct veth_priv), "eth%d",
						  NET_NAME_ENUM, veth_setup, net->ncpus,
						  net->ncpus);

	if (cfg->mtu)
		dev->mtu = cfg->mtu;
	if (cfg->txqueuelen >= 0)
		dev->tx_queue_len = (unsigned int)cfg->txqueuelen;
	return dev;
}

/*
 * veth_newlink - make a pair: @name in @net and @peername in @peer_net
 * (names may be "eth%d" patterns).  The peer is registered first, as
 * rtnl's veth_newlink does.  Returns the first end, or NULL with @err set.
 */
struct net_device *veth_newlink(struct net *net, const char *name, struct net *peer_net,
				const char *peername, const struct sim_link_config *cfg,
				struct sim_err *err)
{
	struct net_device *dev[2];
	struct net *nets[2] = { net, peer_net };
	const char *names[2] = { name, peername };

	if (cfg->mtu && (cfg->mtu < ETH_MIN_MTU || cfg->mtu > ETH_MAX_MTU)) {
		sim_err_set(err, "mtu %u: from %d to %d", cfg->mtu, ETH_MIN_MTU, ETH_MAX_MTU);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		dev[i] = veth_alloc(nets[i], cfg);
		if (names[i])
			g_strlcpy(dev[i]->name, names[i], sizeof(dev[i]->name));
	}
	for (int i = 0; i < 2; i++)
		((struct veth_priv *)netdev_priv(dev[i]))->peer = dev[!i];
	for (int i = 1; i >= 0; i--) {
		if (register_netdevice(dev[i], err) < 0) {
			if (i == 0)
				unregister_netdevice(dev[1]);
			free_netdev(dev[1]);
			free_netdev(dev[0]);
			return NULL;
		}
		eth_hw_addr_random(dev[i]);
	}
	for (int i = 0; i < 2; i++) {
		dev[i]->iflink = dev[!i]->ifindex;
		netif_carrier_off(dev[i]);	/* veth_newlink: carrier when both are up */
	}
	return dev[0];
}

/* veth_dellink - `ip link del` of either end removes the pair. */
void veth_dellink(struct net_device *dev)
{
	struct net_device *peer = veth_get_peer_dev(dev);

	unregister_netdevice(dev);
	free_netdev(dev);
	if (peer) {
		unregister_netdevice(peer);
		free_netdev(peer);
	}
}

bool netif_is_veth(const struct net_device *dev)
{
	return dev->netdev_ops == &veth_netdev_ops;
}

static int veth_link_create(struct world *w, const struct sim_link_config *cfg,
			    struct sim_link *link, struct sim_err *err)
{
	struct net_device *dev;

	(void)w;
	if (cfg->rate_bps || cfg->delay || cfg->loss > 0)
		return sim_err_set(err, "a veth pair has no rate, delay or loss "
				   "(use the default kind, a cable)");
	dev = veth_newlink(link->node[0]->net, NULL, link->node[1]->net, NULL, cfg, err);
	if (!dev)
		return -1;
	g_strlcpy(link->ifname[0], dev->name, sizeof(link->ifname[0]));
	g_strlcpy(link->ifname[1], veth_get_peer_dev(dev)->name, sizeof(link->ifname[1]));
	return 0;
}

const struct sim_link_kind veth_link_kind = {
	.name = "veth",
	.create = veth_link_create,
};
