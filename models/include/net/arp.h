/*
 * models/include/net/arp.h - ARP
 *
 * Mirrors include/net/arp.h and include/uapi/linux/if_arp.h.
 */
#ifndef _SKBSIM_NET_ARP_H
#define _SKBSIM_NET_ARP_H

#include "linux/netdevice.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"

#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2

#define ARPHRD_IEEE802	6		/* IEEE 802.2 Ethernet/TR/TB */

struct arphdr {
	__be16 ar_hrd;
	__be16 ar_pro;
	u8 ar_hln;
	u8 ar_pln;
	__be16 ar_op;
} __attribute__((packed));

static inline struct arphdr *arp_hdr(const struct sk_buff *skb)
{
	return (struct arphdr *)skb_network_header(skb);
}

static inline unsigned int arp_hdr_len(const struct net_device *dev)
{
	return sizeof(struct arphdr) + (dev->addr_len + 4u) * 2;
}

/*
 * __ipv4_neigh_lookup_noref: the ARP entry ip_finish_output2() uses, found
 * without counting a lookup in /proc/net/stat/arp_cache (only
 * neigh_lookup() counts).  A loopback or point-to-point device has one
 * neighbour, 0.0.0.0 (arp_constructor() keys it so).
 */
static inline struct neighbour *__ipv4_neigh_lookup_noref(const struct net_device *dev,
							  __be32 key)
{
	if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT))
		key = 0;
	return __neigh_lookup_noref(dev_net(dev)->ipv4.arp_tbl, &key, dev);
}

void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev, __be32 src_ip,
	      const u8 *dest_hw, const u8 *src_hw, const u8 *target_hw);
int arp_net_init(struct net *net, struct sim_err *err);
void arp_net_exit(struct net *net);
void arp_world_exit(struct world *w);

#endif
