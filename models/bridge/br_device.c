/*
 * models/bridge/br_device.c - the bridge device (br0)
 *
 * Mirrors net/bridge/br_device.c: br_dev_setup() gives a new bridge an
 * Ethernet device with a random address (until a port brings its own:
 * br_stp_recalculate_bridge_id), no queue, IFF_EBRIDGE, mtu up to 65535,
 * and the 802.1D defaults (priority 0x8000, max age 20 s, hello 2 s,
 * forward delay 15 s, ageing 300 s, STP off).  br_dev_xmit() is how the
 * bridge's own stack sends (IP on br0): counted in br0's tx, then to the
 * port the destination was learned on, or flooded.  Opening br0 starts
 * STP and the FDB gc; the user setting its address or mtu pins them.
 *
 * Differences: no ethtool ops on br0, no netpoll, no multicast database
 * for the device's own groups (`bridge fdb` shows no "self" entries).
 */
#include <errno.h>

#include "br_private.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

#define BR_DEFAULT_PRIO		0x8000

const struct rtnl_link_ops br_link_ops = { .kind = "bridge" };

netdev_tx_t br_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);
	struct net_bridge_fdb_entry *dst;
	const unsigned char *dest;
	u16 vid = 0;

	memset(skb->cb, 0, sizeof(struct br_input_skb_cb));
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	BR_INPUT_SKB_CB(skb)->brdev = dev;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	if (!br_allowed_ingress(br, NULL, skb, &vid)) {
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	dest = eth_hdr(skb)->h_dest;
	trace_skb_walk(skb, dev, "sent by the host through %s", dev->name);
	if (is_broadcast_ether_addr(dest))
		br_flood(br, skb, BR_PKT_BROADCAST, false, true, vid);
	else if (is_multicast_ether_addr(dest))
		br_flood(br, skb, BR_PKT_MULTICAST, false, true, vid);
	else if ((dst = br_fdb_find_rcu(br, dest, vid)) != NULL)
		br_forward(dst->dst, skb, false, true);
	else
		br_flood(br, skb, BR_PKT_UNICAST, false, true, vid);
	return NETDEV_TX_OK;
}

static int br_dev_init(struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);

	br_fdb_init(br);
	br_vlan_bridge_init(br);
	br_fdb_change_mac_address(br, dev->dev_addr);	/* "dev br0 master br0 permanent" */
	return 0;
}

static void br_dev_uninit(struct net_device *dev)
{
	br_fdb_fini(netdev_priv(dev));
}

static int br_dev_open(struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);

	br_stp_enable_bridge(br);
	/* the gc starts 100 ms after br0 comes up */
	if (!timer_pending(&br->gc_timer))
		mod_timer(&br->gc_timer, sim_jiffies(dev_net(dev)->w) + dev_net(dev)->w->hz / 10);
	return 0;
}

static int br_dev_stop(struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);

	br_stp_disable_bridge(br);
	del_timer(&br->gc_timer);
	return 0;
}

static int br_change_mtu(struct net_device *dev, int new_mtu)
{
	struct net_bridge *br = netdev_priv(dev);

	dev->mtu = (unsigned int)new_mtu;
	/* cleared again by br_mtu_auto_adjust() when it sets the mtu itself */
	br_opt_toggle(br, BROPT_MTU_SET_BY_USER, true);
	return 0;
}

/* br_set_mac_address(): the bridge id follows; dev.c then marks it SET */
static int br_set_mac_address(struct net_device *dev, const u8 *addr)
{
	struct net_bridge *br = netdev_priv(dev);

	if (!is_valid_ether_addr(addr))
		return -EADDRNOTAVAIL;
	if (!ether_addr_equal(dev->dev_addr, addr)) {
		br_fdb_change_mac_address(br, addr);
		br_stp_change_bridge_id(br, addr);
	}
	return 0;
}

static const struct net_device_ops br_netdev_ops = {
	.ndo_init = br_dev_init,
	.ndo_uninit = br_dev_uninit,
	.ndo_open = br_dev_open,
	.ndo_stop = br_dev_stop,
	.ndo_start_xmit = br_dev_xmit,
	.ndo_set_mac_address = br_set_mac_address,
	.ndo_change_mtu = br_change_mtu,
};

bool netif_is_bridge_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &br_netdev_ops;
}

void br_dev_setup(struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);
	struct world *w = dev_net(dev)->w;
	unsigned long hz = w->hz;

	ether_setup(dev);
	eth_hw_addr_random(dev);
	dev->netdev_ops = &br_netdev_ops;
	dev->rtnl_link_ops = &br_link_ops;
	dev->priv_flags = IFF_EBRIDGE | IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE;
	dev->max_mtu = ETH_MAX_MTU;

	br->dev = dev;
	INIT_LIST_HEAD(&br->port_list);
	INIT_LIST_HEAD(&br->fdb_list);
	br->bridge_id.prio[0] = BR_DEFAULT_PRIO >> 8;
	br->bridge_id.prio[1] = BR_DEFAULT_PRIO & 0xff;
	br->group_addr[0] = 0x01;
	br->group_addr[1] = 0x80;
	br->group_addr[2] = 0xc2;
	br->stp_enabled = BR_NO_STP;
	br_opt_toggle(br, BROPT_MULTICAST_ENABLED, true);	/* mcast_snooping 1 */
	br->group_fwd_mask = 0;
	br->designated_root = br->bridge_id;
	br->bridge_max_age = br->max_age = 20 * hz;
	br->bridge_hello_time = br->hello_time = 2 * hz;
	br->bridge_forward_delay = br->forward_delay = 15 * hz;
	br->bridge_ageing_time = br->ageing_time = BR_DEFAULT_AGEING_S * hz;
	br_stp_timer_init(br);
}
