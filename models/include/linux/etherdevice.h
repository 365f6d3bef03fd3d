/*
 * models/include/linux/etherdevice.h - Ethernet device helpers
 *
 * Mirrors include/linux/etherdevice.h (address predicates, ether_setup,
 * eth_type_trans) for models/ethernet/eth.c.
 */
#ifndef _SKBSIM_LINUX_ETHERDEVICE_H
#define _SKBSIM_LINUX_ETHERDEVICE_H

#include <stdio.h>

#include "linux/if_ether.h"
#include "linux/netdevice.h"

static inline bool is_zero_ether_addr(const u8 *a)
{
	return !(a[0] | a[1] | a[2] | a[3] | a[4] | a[5]);
}

static inline bool is_multicast_ether_addr(const u8 *a)
{
	return a[0] & 0x01;
}

static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}

static inline bool is_valid_ether_addr(const u8 *a)
{
	return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a);
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

static inline void eth_broadcast_addr(u8 *a)
{
	memset(a, 0xff, ETH_ALEN);
}

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

/* "aa:bb:cc:dd:ee:ff" (lowercase, as iproute2 prints) */
static inline char *format_mac(char *buf, size_t len, const u8 *a, unsigned int alen)
{
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < alen && off + 3 < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%02x", i ? ":" : "", a[i]);
	return buf;
}

/* "XX:XX:XX:XX:XX:XX" (include/linux/if_ether.h) */
#ifndef MAC_ADDR_STR_LEN
#define MAC_ADDR_STR_LEN	(3 * ETH_ALEN - 1)
#endif

/*
 * Parses "aa:bb:cc:dd:ee:ff" (lib/net_utils.c); anything after the 17
 * characters is ignored.  Returns false, @mac untouched, if not an address.
 */
bool mac_pton(const char *s, u8 *mac);

void ether_setup(struct net_device *dev);
struct net_device *alloc_etherdev_mqs(struct net *net, int sizeof_priv, unsigned int txqs,
				      unsigned int rxqs);
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len);
/* A random locally administered unicast address from the node's stream. */
void eth_hw_addr_random(struct net_device *dev);
int eth_validate_addr(struct net_device *dev);
int eth_mac_addr(struct net_device *dev, const u8 *addr);

extern const struct header_ops eth_header_ops;

#endif
