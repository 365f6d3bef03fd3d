/*
 * models/include/net/inet_sock.h - the IPv4 part of a socket
 *
 * Mirrors include/net/inet_sock.h: struct inet_sock (source address and
 * port, TTL, TOS, the IP_* socket options as flag bits, multicast
 * settings) and the skb control block that carries IP_PKTINFO's answer
 * from receive time to recvmsg (PKTINFO_SKB_CB).  Also the ABI of the
 * error queue (include/uapi/linux/errqueue.h: struct sock_extended_err),
 * which IP_RECVERR hands to user space.
 */
#ifndef _SKBSIM_NET_INET_SOCK_H
#define _SKBSIM_NET_INET_SOCK_H

#include <netinet/in.h>

#include "net/ip.h"
#include "net/sock.h"

/* inet_flags bits (enum inet_flags, Linux 6.6+) */
enum {
	INET_FLAGS_PKTINFO,		/* IP_PKTINFO */
	INET_FLAGS_TTL,			/* IP_RECVTTL */
	INET_FLAGS_TOS,			/* IP_RECVTOS */
	INET_FLAGS_RECVOPTS,
	INET_FLAGS_RETOPTS,
	INET_FLAGS_PASSSEC,
	INET_FLAGS_ORIGDSTADDR,
	INET_FLAGS_CHECKSUM,
	INET_FLAGS_RECVFRAGSIZE,
	INET_FLAGS_RECVERR,		/* IP_RECVERR */
	INET_FLAGS_RECVERR_RFC4884,
	INET_FLAGS_FREEBIND,		/* IP_FREEBIND */
	INET_FLAGS_HDRINCL,
	INET_FLAGS_MC_LOOP,		/* IP_MULTICAST_LOOP */
	INET_FLAGS_MC_ALL,
	INET_FLAGS_TRANSPARENT,
	INET_FLAGS_IS_ICSK,
	INET_FLAGS_NODEFRAG,
	INET_FLAGS_BIND_ADDRESS_NO_PORT,
	INET_FLAGS_DEFER_CONNECT,
	INET_FLAGS_MC6_LOOP,
	INET_FLAGS_RECVERR6_RFC4884,
	INET_FLAGS_MC6_ALL,
	INET_FLAGS_AUTOFLOWLABEL_SET,
	INET_FLAGS_AUTOFLOWLABEL,
	INET_FLAGS_DONTFRAG,
	INET_FLAGS_RECVERR6,
	INET_FLAGS_REPFLOW,
	INET_FLAGS_RTALERT_ISOLATE,
	INET_FLAGS_SNDFLOW,
};

/* the IP_CMSG_* bits of the answer a recvmsg carries, in inet_flags order */
#define IP_CMSG_PKTINFO		BIT(INET_FLAGS_PKTINFO)
#define IP_CMSG_TTL		BIT(INET_FLAGS_TTL)
#define IP_CMSG_TOS		BIT(INET_FLAGS_TOS)
#define IP_CMSG_ALL		(IP_CMSG_PKTINFO | IP_CMSG_TTL | IP_CMSG_TOS)

struct inet_sock {
	struct sock sk;			/* first: sk and inet_sk() are the same pointer */
#define inet_daddr	sk.__sk_common.skc_daddr
#define inet_rcv_saddr	sk.__sk_common.skc_rcv_saddr
#define inet_dport	sk.__sk_common.skc_dport
#define inet_num	sk.__sk_common.skc_num
	__be32 inet_saddr;		/* the source to send from (0: the route's) */
	s16 uc_ttl;			/* IP_TTL, -1: ip_default_ttl */
	__be16 inet_sport;
	u16 inet_id;
	unsigned long inet_flags;	/* 1 << INET_FLAGS_* */
	u8 tos;				/* IP_TOS */
	u8 min_ttl;
	u8 mc_ttl;			/* IP_MULTICAST_TTL, 1 */
	u8 pmtudisc;			/* IP_MTU_DISCOVER: IP_PMTUDISC_WANT for UDP */
	int uc_index;			/* IP_UNICAST_IF */
	int mc_index;			/* IP_MULTICAST_IF device */
	__be32 mc_addr;			/* IP_MULTICAST_IF address */
};

static inline struct inet_sock *inet_sk(const struct sock *sk)
{
	return (struct inet_sock *)sk;
}

static inline bool inet_test_bit(const struct inet_sock *inet, int nr)
{
	return inet->inet_flags & (1UL << nr);
}

static inline void inet_assign_bit(struct inet_sock *inet, int nr, bool val)
{
	if (val)
		inet->inet_flags |= 1UL << nr;
	else
		inet->inet_flags &= ~(1UL << nr);
}

/* inet_sk_flowi_flags etc. are not needed; the IP_* cmsg bits: */
static inline unsigned long inet_cmsg_flags(const struct inet_sock *inet)
{
	return inet->inet_flags & IP_CMSG_ALL;
}

/*
 * What recvmsg reports of a received datagram, saved when it is queued
 * (the kernel's PKTINFO_SKB_CB over IPCB): IP_PKTINFO's three fields and
 * the header's TTL and TOS (the header stays in the buffer too, but the
 * route is gone by then).
 */
struct inet_rcv_cb {
	int iif;
	struct in_pktinfo pktinfo;
	u8 ttl, tos;
	__be32 saddr, daddr;
	__be16 sport;
};
#define INET_RCV_CB(skb) ((struct inet_rcv_cb *)((skb)->cb))


/* ---- models/ipv4/af_inet.c ------------------------------------------------ */
extern const struct net_proto_family inet_family_ops;
int inet_release(struct socket *sock);
int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len);
int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer);
int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags);
int inet_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		    unsigned int optlen);
int inet_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen);

/* ---- models/ipv4/ip_sockglue.c ------------------------------------------- */
int ip_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		  unsigned int optlen);
int ip_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen);
/* IP_PKTINFO, IP_TTL, IP_TOS cmsgs of a sendmsg (ip_cmsg_send) */
struct ipcm_cookie {
	__be32 addr;			/* IP_PKTINFO ipi_spec_dst */
	int oif;			/* IP_PKTINFO ipi_ifindex */
	int ttl;			/* -1: the socket's */
	int tos;			/* -1: the socket's */
};
int ip_cmsg_send(struct sock *sk, struct msghdr *msg, struct ipcm_cookie *ipc);
/* the IP_CMSG_* answers of a received datagram (ip_cmsg_recv_offset) */
void ip_cmsg_recv(struct msghdr *msg, struct sk_buff *skb, unsigned long flags);
/* ipv4_pktinfo_prepare: save what recvmsg will need before the route goes */
void ipv4_pktinfo_prepare(const struct sock *sk, struct sk_buff *skb);
/* ip_icmp_error: queue an ICMP error about our datagram on the error queue */
void ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port, u32 info,
		   const u8 *payload);
int ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len);
/* the TTL a packet of @sk leaves with */
int ip_sk_ttl(const struct inet_sock *inet, const struct dst_entry *dst);

#endif
