/*
 * models/include/linux/ip.h - the IPv4 header
 *
 * Mirrors include/uapi/linux/ip.h and include/linux/ip.h.
 */
#ifndef _SKBSIM_LINUX_IP_H
#define _SKBSIM_LINUX_IP_H

#include "linux/skbuff.h"
#include "linux/types.h"

#define IPVERSION	4
#define MAXTTL		255
#define IPDEFTTL	64

#define IPTOS_TOS_MASK	0x1E
#define IPTOS_TOS(tos)	((tos) & IPTOS_TOS_MASK)
#define IPTOS_PREC_MASK	0xE0

#define IP_CE		0x8000		/* congestion */
#define IP_DF		0x4000		/* don't fragment */
#define IP_MF		0x2000		/* more fragments */
#define IP_OFFSET	0x1FFF		/* fragment offset part */

#define IPOPT_END	0
#define IPOPT_NOOP	1
#define IPOPT_RR	7
#define IPOPT_TS	68
#define IPOPT_SEC	130
#define IPOPT_LSRR	131
#define IPOPT_SSRR	137
#define IPOPT_RA	148

struct iphdr {
	u8 ihl:4, version:4;		/* little-endian bitfield order */
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	__sum16 check;
	__be32 saddr;
	__be32 daddr;
} __attribute__((packed));

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

static inline unsigned int ip_hdrlen(const struct sk_buff *skb)
{
	return ip_hdr(skb)->ihl * 4u;
}

#endif
