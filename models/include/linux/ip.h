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

/* The option type octet: copied flag, class, number (RFC 791) */
#define IPOPT_COPY		0x80
#define IPOPT_CONTROL		0x00
#define IPOPT_COPIED(o)		((o) & IPOPT_COPY)
#define IPOPT_TIMESTAMP		IPOPT_TS
#define IPOPT_CIPSO		(6 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_SID		(8 | IPOPT_CONTROL | IPOPT_COPY)
#define IPOPT_NOP		IPOPT_NOOP
#define IPOPT_EOL		IPOPT_END
/* offsets inside an option, and the room for options in a header */
#define IPOPT_OPTVAL		0
#define IPOPT_OLEN		1
#define IPOPT_OFFSET		2
#define IPOPT_MINOFF		4
#define MAX_IPOPTLEN		40
#define IPOPT_TS_TSONLY		0	/* timestamps only */
#define IPOPT_TS_TSANDADDR	1	/* address and timestamp pairs */
#define IPOPT_TS_PRESPEC	3	/* timestamps at prespecified addresses */

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
