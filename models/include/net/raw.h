/*
 * models/include/net/raw.h - raw IPv4 sockets
 *
 * Mirrors include/net/raw.h and include/uapi/linux/icmp.h's ICMP_FILTER:
 * struct raw_sock (an inet_sock with its ICMP type filter), the
 * per-namespace table of raw sockets hashed by protocol (the kernel's
 * raw_v4_hashinfo), and the entry points the IPv4 input path calls:
 * raw_local_deliver() from ip_local_deliver_finish() before the protocol
 * handler, raw_icmp_error() from icmp_socket_deliver().  Also the ICMP
 * error -> errno table (icmp_err_convert), which the kernel keeps in
 * net/ipv4/icmp.c.
 */
#ifndef _SKBSIM_NET_RAW_H
#define _SKBSIM_NET_RAW_H

#include "net/inet_sock.h"

/* room for link-layer headers (include/linux/netdevice.h LL_MAX_HEADER) */
#ifndef LL_MAX_HEADER
#define LL_MAX_HEADER	128
#endif
/* MSG_PROBE: do not send, only probe the path (include/linux/socket.h) */
#ifndef MSG_PROBE
#define MSG_PROBE	0x10
#endif

#define RAW_HTABLE_LOG	8
#define RAW_HTABLE_SIZE	(1U << RAW_HTABLE_LOG)

/* SOL_RAW option ICMP_FILTER: a bit per type < 32 that is NOT wanted */
#ifndef SOL_RAW
#define SOL_RAW		255
#endif
#define ICMP_FILTER	1
struct icmp_filter {
	u32 data;
};

struct raw_sock {
	struct inet_sock inet;		/* first */
	struct icmp_filter filter;
};

static inline struct raw_sock *raw_sk(const struct sock *sk)
{
	return (struct raw_sock *)sk;
}

/* net->ipv4.raw_v4_hashinfo: the chains newest first (sk_add_node) */
struct raw_hashinfo {
	struct list_head ht[RAW_HTABLE_SIZE];
};

extern struct proto raw_prot;
extern const struct proto_ops inet_sockraw_ops;

/* 1 when a raw socket of @protocol exists (it then took a copy) */
int raw_local_deliver(struct sk_buff *skb, int protocol);
/* an ICMP error quoting a datagram of @protocol: every matching raw socket */
void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info);
int raw_net_init(struct net *net);
void raw_net_exit(struct net *net);
/* /proc/net/raw */
extern const struct sim_fs_ops procfs_raw_fs_ops;

/* ---- shared by raw and ping sockets (icmp.c) ------------------------------ */
/* icmp_err_convert[code]: the errno of a destination unreachable, and whether fatal */
struct icmp_err {
	int errno_;
	bool fatal;
};
extern const struct icmp_err icmp_err_convert[16];
bool inet_addr_valid_or_nonlocal(struct net *net, struct inet_sock *inet, __be32 addr,
				 int addr_type);

#endif
