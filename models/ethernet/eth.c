/*
 * models/ethernet/eth.c - Ethernet framing
 *
 * Mirrors net/ethernet/eth.c: ether_setup() (the defaults of an Ethernet
 * device: mtu 1500, min 68, max 65535 for software devices, txqueuelen
 * 1000, broadcast ff:ff:ff:ff:ff:ff), eth_header() building the 14-byte
 * header, eth_type_trans() classifying a received frame (pkt_type HOST,
 * BROADCAST, MULTICAST or OTHERHOST) and returning its protocol, with
 * 802.3 length frames mapped to ETH_P_802_3/802_2 as the kernel does.
 * Random MAC addresses come from the node's own random stream, one per
 * device name, so they do not depend on creation order.  mac_pton() of
 * lib/net_utils.c (no file of its own here) is at the end; pktgen's
 * dst_mac and src_mac use it.
 */
#include "linux/etherdevice.h"

#include <errno.h>
#include <stdlib.h>

#include "net/net_namespace.h"
#include "sim/rng.h"

int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len)
{
	struct ethhdr *eth = skb_push(skb, ETH_HLEN);

	/* 802.3 (STP, LLC): the field is the length */
	eth->h_proto = htons(type != ETH_P_802_3 && type != ETH_P_802_2 ? type : len);
	memcpy(eth->h_source, saddr ? saddr : dev->dev_addr, ETH_ALEN);
	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	/* no destination and none to resolve (lo, NOARP): all zeros */
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		memset(eth->h_dest, 0, ETH_ALEN);
		return ETH_HLEN;
	}
	return -ETH_HLEN;		/* the neighbour layer fills it in */
}

static int eth_header_parse(const struct sk_buff *skb, unsigned char *haddr)
{
	memcpy(haddr, eth_hdr(skb)->h_source, ETH_ALEN);
	return ETH_ALEN;
}

const struct header_ops eth_header_ops = {
	.create = eth_header,
	.parse = eth_header_parse,
};

__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	const struct ethhdr *eth;
	const unsigned short *rawp;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	eth = (const struct ethhdr *)skb->data;
	skb_pull(skb, ETH_HLEN);
	skb->mac_len = ETH_HLEN;

	if (is_multicast_ether_addr(eth->h_dest)) {
		skb->pkt_type = is_broadcast_ether_addr(eth->h_dest) ? PACKET_BROADCAST
								     : PACKET_MULTICAST;
	} else if (!ether_addr_equal(eth->h_dest, dev->dev_addr)) {
		skb->pkt_type = PACKET_OTHERHOST;
	} else {
		skb->pkt_type = PACKET_HOST;
	}

	if (ntohs(eth->h_proto) >= ETH_P_802_3_MIN)
		return eth->h_proto;
	/* 802.3 length field: raw 802.3 (IPX over 0xFFFF) or 802.2 LLC */
	rawp = (const unsigned short *)skb->data;
	if (skb->len >= 2 && *rawp == 0xFFFF)
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}

void ether_setup(struct net_device *dev)
{
	dev->header_ops = &eth_header_ops;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 1000;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	eth_broadcast_addr(dev->broadcast);
}

struct net_device *alloc_etherdev_mqs(struct net *net, int sizeof_priv, unsigned int txqs,
				      unsigned int rxqs)
{
	return alloc_netdev_mqs(net, sizeof_priv, "eth%d", NET_NAME_ENUM, ether_setup, txqs, rxqs);
}

void eth_hw_addr_random(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct sim_rng rng;
	char purpose[32];
	u64 r;

	snprintf(purpose, sizeof(purpose), "eth_hw_addr:%s", dev->name);
	node_rng_derive(net->node, &rng, purpose);
	u8 addr[ETH_ALEN];

	r = sim_rng_u64(&rng);
	for (int i = 0; i < ETH_ALEN; i++)
		addr[i] = (u8)(r >> (8 * i));
	addr[0] &= 0xfe;	/* clear multicast bit */
	addr[0] |= 0x02;	/* set local assignment bit (IEEE802) */
	dev_addr_set(dev, addr);
	dev->addr_assign_type = NET_ADDR_RANDOM;
}

int eth_validate_addr(struct net_device *dev)
{
	return is_valid_ether_addr(dev->dev_addr) ? 0 : -EADDRNOTAVAIL;
}

int eth_mac_addr(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr, addr, ETH_ALEN);
	return 0;
}

/*
 * mac_pton (lib/net_utils.c): six pairs of hex digits joined by ':'; what
 * follows the 17th character is not looked at.  @mac is written only when
 * the whole address is valid.
 */
bool mac_pton(const char *s, u8 *mac)
{
	if (strnlen(s, MAC_ADDR_STR_LEN) < MAC_ADDR_STR_LEN)
		return false;
	for (int i = 0; i < ETH_ALEN; i++) {
		const char *pair = s + 3 * i;

		if (!g_ascii_isxdigit(pair[0]) || !g_ascii_isxdigit(pair[1]))
			return false;
		if (i < ETH_ALEN - 1 && pair[2] != ':')
			return false;
	}
	for (int i = 0; i < ETH_ALEN; i++)
		mac[i] = (u8)(g_ascii_xdigit_value(s[3 * i]) * 16 + g_ascii_xdigit_value(s[3 * i + 1]));
	return true;
}
