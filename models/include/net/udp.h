/*
 * models/include/net/udp.h - UDP
 *
 * Mirrors include/net/udp.h and include/linux/udp.h: the header, struct
 * udp_sock (corking state), the per-namespace table of bound sockets
 * (struct udp_table, hashed by local port) and the Udp:/UdpLite: MIBs of
 * /proc/net/snmp, in the kernel's order.
 */
#ifndef _SKBSIM_NET_UDP_H
#define _SKBSIM_NET_UDP_H

#include "net/inet_sock.h"
#include "sim/counters.h"

struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	__sum16 check;
};

static inline struct udphdr *udp_hdr(const struct sk_buff *skb)
{
	return (struct udphdr *)skb_transport_header(skb);
}

/* a computed checksum of 0 is sent as all ones (RFC 768: 0 means none) */
#define CSUM_MANGLED_0	((__sum16)0xffff)
/* room the kernel reserves for link-layer headers (LL_MAX_HEADER) */
#ifndef LL_MAX_HEADER
#define LL_MAX_HEADER	128
#endif

/* UDP socket options (SOL_UDP) */
#ifndef SOL_UDP
#define SOL_UDP		17
#endif
#define UDP_CORK	1

/* "Udp:" of /proc/net/snmp (include/uapi/linux/snmp.h UDP_MIB_*) */
#define UDP_MIB_LIST(X)							\
	X(INDATAGRAMS, "InDatagrams") X(NOPORTS, "NoPorts")		\
	X(INERRORS, "InErrors") X(OUTDATAGRAMS, "OutDatagrams")		\
	X(RCVBUFERRORS, "RcvbufErrors") X(SNDBUFERRORS, "SndbufErrors")	\
	X(CSUMERRORS, "InCsumErrors") X(IGNOREDMULTI, "IgnoredMulti")	\
	X(MEMERRORS, "MemErrors")
#define UDP_ENUM(id, name) UDP_MIB_##id,
enum { UDP_MIB_LIST(UDP_ENUM) __UDP_MIB_MAX };
#undef UDP_ENUM
extern const char *const snmp4_udp_names[__UDP_MIB_MAX];
/* an all-zero Udp: MIB, the UdpLite: of every node (no UDP-Lite sockets in the model) */
extern const uint64_t udp_mib_zero[__UDP_MIB_MAX];

#define UDP_HTABLE_SIZE 128		/* slots by local port */

/* the namespace's UDP state: net->ipv4.udp_table */
struct udp_table {
	/* The bound sockets, newest first in each chain.  Slot s of
	 * /proc/net/udp (udp_hashfn) lives in chain s & hash_mask: the chains
	 * come with the first bind, one of them (@chain0, in the table: the
	 * one socket most nodes have costs no allocation), and double up to
	 * UDP_HTABLE_SIZE as sockets are bound, so that a node with one
	 * socket does not carry 128 empty chains (udp_table_chain()). */
	struct list_head *hash;
	unsigned int hash_mask;
	unsigned int hashed;			/* sockets in the chains */
	struct list_head chain0;		/* hash while it is one chain */
	uint64_t mib[__UDP_MIB_MAX];		/* uint64_t: what the counters read */
	struct sim_counter_set udp_set;		/* metrics' Udp, then UdpLite */
	struct sim_rng port_rng;		/* ephemeral ports (get_random_u32) */
};

#define __UDP_INC_STATS(net, field)	((net)->ipv4.udp_table->mib[field]++)
#define UDP_INC_STATS			__UDP_INC_STATS

/*
 * The corked datagram: its bytes and where it goes (the kernel's inet_cork
 * and sk_write_queue).  Made by the first cork and kept until close: most
 * sockets never cork, and every socket would otherwise carry it.
 */
struct udp_cork {
	GByteArray *data;
	__be32 daddr, saddr;
	__be16 dport;
	u8 ttl, tos;
	int oif;
};

struct udp_sock {
	struct inet_sock inet;
	int pending;			/* AF_INET while a corked datagram is pending */
	bool corkflag;			/* UDP_CORK */
	struct udp_cork *cork;		/* NULL until the first cork */
};

static inline struct udp_sock *udp_sk(const struct sock *sk)
{
	return (struct udp_sock *)sk;
}

extern struct proto udp_prot;

/* models/ipv4/udp.c */
int udp_rcv(struct sk_buff *skb);
int udp_err(struct sk_buff *skb, u32 info);
int udp_v4_get_port(struct sock *sk, unsigned short snum);
struct sock *__udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport, __be32 daddr,
			       __be16 dport, int dif);
int udp_net_init(struct net *net, struct sim_err *err);
void udp_net_exit(struct net *net);
/* the local port's slot in /proc/net/udp ("sl") */
static inline unsigned int udp_hashfn(u16 num)
{
	return num & (UDP_HTABLE_SIZE - 1);
}
/* the chain holding /proc/net/udp's slot @slot (its sockets and others:
 * match udp_hashfn(sk->sk_num) == slot), NULL before the first bind */
static inline struct list_head *udp_table_chain(const struct udp_table *t, unsigned int slot)
{
	return t->hash ? &t->hash[slot & t->hash_mask] : NULL;
}
/* bytes queued to read, as ss and /proc/net/udp show them (udp_rqueue_get) */
static inline int udp_rqueue_get(const struct sock *sk)
{
	return sk->sk_rmem_alloc;
}

/* models/ipv4/proc.c */
void udp_snmp_seq_show(struct net *net, GString *out);
extern const struct sim_fs_ops procfs_udp_fs_ops;

#endif
