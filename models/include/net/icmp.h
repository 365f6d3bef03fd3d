/*
 * models/include/net/icmp.h - ICMP
 *
 * Mirrors include/net/icmp.h and include/uapi/linux/icmp.h.
 */
#ifndef _SKBSIM_NET_ICMP_H
#define _SKBSIM_NET_ICMP_H

#include "linux/skbuff.h"
#include "linux/types.h"

#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_SOURCE_QUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAMETERPROB	12
#define ICMP_TIMESTAMP		13
#define ICMP_TIMESTAMPREPLY	14
#define ICMP_INFO_REQUEST	15
#define ICMP_INFO_REPLY		16
#define ICMP_ADDRESS		17
#define ICMP_ADDRESSREPLY	18
#define NR_ICMP_TYPES		18

/* codes for UNREACH */
#define ICMP_NET_UNREACH	0
#define ICMP_HOST_UNREACH	1
#define ICMP_PROT_UNREACH	2
#define ICMP_PORT_UNREACH	3
#define ICMP_FRAG_NEEDED	4
#define ICMP_SR_FAILED		5
#define ICMP_NET_UNKNOWN	6
#define ICMP_HOST_UNKNOWN	7
#define ICMP_HOST_ISOLATED	8
#define ICMP_NET_ANO		9
#define ICMP_HOST_ANO		10
#define ICMP_NET_UNR_TOS	11
#define ICMP_HOST_UNR_TOS	12
#define ICMP_PKT_FILTERED	13
#define ICMP_PREC_VIOLATION	14
#define ICMP_PREC_CUTOFF	15
/* codes for REDIRECT */
#define ICMP_REDIR_NET		0
#define ICMP_REDIR_HOST		1
#define ICMP_REDIR_NETTOS	2
#define ICMP_REDIR_HOSTTOS	3
/* codes for TIME_EXCEEDED */
#define ICMP_EXC_TTL		0
#define ICMP_EXC_FRAGTIME	1

struct icmphdr {
	u8 type;
	u8 code;
	__sum16 checksum;
	union {
		struct {
			__be16 id;
			__be16 sequence;
		} echo;
		__be32 gateway;
		struct {
			__be16 __unused;
			__be16 mtu;
		} frag;
		u8 reserved[4];
	} un;
} __attribute__((packed));

static inline struct icmphdr *icmp_hdr(const struct sk_buff *skb)
{
	return (struct icmphdr *)skb_transport_header(skb);
}

/* icmp_is_err of include/linux/icmp.h: the types that report an error */
static inline bool icmp_is_err(int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

struct net;
struct net_device;

/* models/ipv4/icmp.c */
/* the inet_peer of a remote address: ICMP rate limit and redirect state */
struct icmp_peer {
	unsigned long rate_tokens;
	unsigned long rate_last;
	u32 n_redirects;
};

struct icmp_peer *icmp_getpeer(struct net *net, __be32 daddr);
/* OutMsgs and IcmpMsg OutTypeN for every ICMP message leaving (__ip_make_skb) */
void icmp_out_count(struct net *net, unsigned char type);
/*
 * __icmp_send - send an ICMP error about @skb_in (the offending packet,
 * network header set), with the kernel's rules on when not to and its
 * rate limits.  @skb_in is not consumed.
 */
void __icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info);
static inline void icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	__icmp_send(skb_in, type, code, info);
}
int icmp_rcv(struct sk_buff *skb);
int icmp_net_init(struct net *net, struct sim_err *err);
void icmp_net_exit(struct net *net);

/*
 * A listener for ICMP messages the host receives (the ping program, later
 * raw and ping sockets): called for each accepted ICMP message with
 * network and transport headers set and, for an error, icmp_socket_deliver's
 * info; return true to consume it.
 */
struct icmp_listener {
	/* @info: icmp_unreach's (the MTU of a fragmentation needed, 0 under ip_no_pmtu_disc) */
	bool (*rcv)(struct icmp_listener *l, struct sk_buff *skb, u32 info);
	struct icmp_listener *next;
};
void icmp_listener_add(struct net *net, struct icmp_listener *l);
void icmp_listener_del(struct net *net, struct icmp_listener *l);

#endif
