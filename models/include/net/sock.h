/*
 * models/include/net/sock.h - network-layer representation of sockets
 *
 * Mirrors include/net/sock.h: struct sock_common (what the lookup hashes
 * read: addresses, ports, bound device, reuse flags), struct sock (buffers
 * and their accounting, the receive and error queues, timeouts, flags,
 * the protocol), struct proto, and the helpers that charge skbs to a
 * socket (skb_set_owner_r/w) and queue them (sock_queue_rcv_skb,
 * sock_queue_err_skb).  Written once for every family: UDP now, raw,
 * ping, packet and TCP sockets extend it.
 *
 * Differences: no locking, no memory accounting against a protocol-wide
 * limit (sk_forward_alloc, udp_mem): only the per-socket sk_rmem_alloc /
 * sk_wmem_alloc against sk_rcvbuf / sk_sndbuf.  Timeouts are simulated ns
 * (0: wait forever) rather than jiffies.  Every client of a big run has a
 * socket, so struct sock is kept small: the error queue and the timeouts
 * in struct sock_ext, made at first use; no sk_err_soft (nothing here
 * records a soft error) and no sk_destruct (no protocol has a destructor
 * of its own).  udp_sock is 232 bytes, not 280.
 */
#ifndef _SKBSIM_NET_SOCK_H
#define _SKBSIM_NET_SOCK_H

#include <sys/socket.h>

#include "linux/list.h"
#include "linux/net.h"
#include "linux/skbuff.h"
#include "linux/types.h"

struct net;
struct proto;
struct dst_entry;

/* sk_state: the TCP states UDP borrows (include/net/tcp_states.h) */
enum {
	TCP_ESTABLISHED = 1,
	TCP_CLOSE = 7,
};

struct sock_common {
	__be32 skc_daddr;		/* connected peer */
	__be32 skc_rcv_saddr;		/* bound local address */
	__be16 skc_dport;
	u16 skc_num;			/* local port, host order (inet_num) */
	unsigned short skc_family;
	volatile unsigned char skc_state;
	unsigned char skc_reuse:4;	/* SO_REUSEADDR */
	unsigned char skc_reuseport:1;	/* SO_REUSEPORT */
	int skc_bound_dev_if;		/* SO_BINDTODEVICE, or 0 */
	struct list_head skc_bind_node;	/* on the protocol's port hash chain */
	struct net *skc_net;
};

/* sk_flags bits (enum sock_flags) */
enum sock_flags {
	SOCK_DEAD,
	SOCK_DONE,
	SOCK_DESTROY,
	SOCK_BROADCAST,			/* SO_BROADCAST */
	SOCK_TIMESTAMP,
	SOCK_LOCALROUTE,		/* SO_DONTROUTE */
	SOCK_RCVTSTAMP,
	SOCK_ZEROCOPY,
	SOCK_RXQ_OVFL,			/* SO_RXQ_OVFL */
	SOCK_RCVMARK,
};

/* sk_userlocks */
#define SOCK_SNDBUF_LOCK	1
#define SOCK_RCVBUF_LOCK	2
#define SOCK_BINDADDR_LOCK	4
#define SOCK_BINDPORT_LOCK	8

/* sk_shutdown */
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* net.core defaults of Linux 6.x (net/core/sock.c, sysctl_[rw]mem_*) */
#define SK_WMEM_MAX		212992
#define SK_RMEM_MAX		212992
#define SK_WMEM_DEFAULT		212992
#define SK_RMEM_DEFAULT		212992
/* the smallest skb the TCP stack counts: 2048 bytes and a struct sk_buff */
#define TCP_SKB_MIN_TRUESIZE	(2048 + SKB_STRUCT_SIZE)
#define SOCK_MIN_SNDBUF		(TCP_SKB_MIN_TRUESIZE * 2)
#define SOCK_MIN_RCVBUF		TCP_SKB_MIN_TRUESIZE

/* include/uapi/linux/errqueue.h and include/linux/errqueue.h */
struct sock_extended_err {
	u32 ee_errno;
	u8 ee_origin;
	u8 ee_type;
	u8 ee_code;
	u8 ee_pad;
	u32 ee_info;
	u32 ee_data;
};
#define SO_EE_ORIGIN_NONE	0
#define SO_EE_ORIGIN_LOCAL	1
#define SO_EE_ORIGIN_ICMP	2
#define SO_EE_ORIGIN_ICMP6	3

/* SKB_EXT_ERR: an error-queue skb's cb (struct sock_exterr_skb) */
struct sock_exterr_skb {
	struct sock_extended_err ee;
	u16 addr_offset;		/* the original destination, in the quoted header */
	__be16 port;
	__be32 offender;		/* who sent the ICMP error */
	__be32 orig_daddr;
};
#define SKB_EXT_ERR(skb) ((struct sock_exterr_skb *)((skb)->cb))
#define SKB_EXT_ERR_ERRNO(skb) (SKB_EXT_ERR(skb)->ee.ee_errno)

/* skb_orphan: the skb leaves its owner, which gets its charge back */
static inline void skb_orphan(struct sk_buff *skb)
{
	if (skb->destructor) {
		skb->destructor(skb);
		skb->destructor = NULL;
	}
	skb->sk = NULL;
}

/*
 * What few sockets use, made at first use (sk_ext_get()): the error queue
 * (IP_RECVERR, a packet socket's errors), SO_RCVTIMEO, SO_SNDTIMEO and
 * SO_RCVLOWAT.  The kernel has them in struct sock; every client of a big
 * run has a socket, and these 44 bytes made a UDP socket two malloc size
 * classes larger.  None is read per packet: the error queue by poll and
 * MSG_ERRQUEUE, the rest by the socket calls; no extension reads as an
 * empty queue, no timeouts (block forever) and a low-water mark of 1.
 */
struct sock_ext {
	struct sk_buff_head sk_error_queue;
	sim_time_t sk_rcvtimeo, sk_sndtimeo;	/* 0: block forever */
	int sk_rcvlowat;
};

struct sock {
	struct sock_common __sk_common;
#define sk_daddr		__sk_common.skc_daddr
#define sk_rcv_saddr		__sk_common.skc_rcv_saddr
#define sk_dport		__sk_common.skc_dport
#define sk_num			__sk_common.skc_num
#define sk_family		__sk_common.skc_family
#define sk_state		__sk_common.skc_state
#define sk_reuse		__sk_common.skc_reuse
#define sk_reuseport		__sk_common.skc_reuseport
#define sk_bound_dev_if		__sk_common.skc_bound_dev_if
#define sk_bind_node		__sk_common.skc_bind_node
	int sk_rcvbuf, sk_sndbuf;
	int sk_rmem_alloc;		/* truesize of what the queues hold */
	int sk_wmem_alloc;		/* truesize of sent skbs not yet freed */
	struct sk_buff_head sk_receive_queue;
	struct sock_ext *sk_ext;	/* the error queue and timeouts, NULL until used */
	int sk_err;			/* pending error, reported once (sock_error) */
	u32 sk_drops;
	u32 sk_mark;			/* SO_MARK */
	u32 sk_priority;		/* SO_PRIORITY */
	u32 sk_flags;			/* 1 << SOCK_*: unsigned long in the kernel,
					 * 32 bits here to pack with the fields below */
	u8 sk_userlocks;
	u8 sk_shutdown;
	u16 sk_type;
	u16 sk_protocol;
	struct dst_entry *sk_dst_cache;	/* the connected route, or NULL */
	struct proto *sk_prot;
	struct socket *sk_socket;
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
};

struct proto {
	const char *name;
	void (*close)(struct sock *sk, long timeout);
	int (*pre_connect)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	int (*connect)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	int (*disconnect)(struct sock *sk, int flags);
	int (*init)(struct sock *sk);
	/* a protocol's own bind (raw_bind, ping_bind); inet_bind otherwise */
	int (*bind)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	void (*destroy)(struct sock *sk);
	int (*setsockopt)(struct sock *sk, int level, int optname, const void *optval,
			  unsigned int optlen);
	int (*getsockopt)(struct sock *sk, int level, int optname, void *optval, int *optlen);
	int (*sendmsg)(struct sock *sk, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		       int *addr_len);
	int (*hash)(struct sock *sk);
	void (*unhash)(struct sock *sk);
	void (*rehash)(struct sock *sk);
	int (*get_port)(struct sock *sk, unsigned short snum);
	unsigned int obj_size;		/* udp_sock, inet_sock... */
};

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->__sk_common.skc_net;
}

static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return sk->sk_flags & (1UL << flag);
}

static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags |= 1UL << flag;
}

static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags &= ~(1UL << flag);
}

static inline void sock_valbool_flag(struct sock *sk, enum sock_flags bit, int valbool)
{
	if (valbool)
		sock_set_flag(sk, bit);
	else
		sock_reset_flag(sk, bit);
}

/* sock_error: the pending error, negative, cleared as it is read */
static inline int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}

/* ---- models/core/datagram.c ------------------------------------------- */

/* Copy @len bytes from / to a message's iovecs; the bytes copied. */
size_t memcpy_from_msg(void *data, const struct msghdr *msg, size_t len);
size_t memcpy_to_msg(struct msghdr *msg, const void *data, size_t len);
/*
 * skb_recv_datagram - the datagram a recvmsg reads, left on the queue
 * (the caller unlinks and consumes it unless MSG_PEEK); NULL with *@err
 * the pending socket error, 0 after shutdown(SHUT_RD), or -EAGAIN when
 * the queue is empty (the process layer blocks on that).
 */
struct sk_buff *skb_recv_datagram(struct sock *sk, int *err);
/* datagram_poll: the POLL* mask of a datagram socket */
unsigned int datagram_poll_mask(struct sock *sk);

static inline bool sock_writeable(const struct sock *sk)
{
	return sk->sk_wmem_alloc < (sk->sk_sndbuf >> 1);
}

static inline sim_time_t sock_rcvtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? -1 : sk->sk_ext ? sk->sk_ext->sk_rcvtimeo : 0;
}

static inline sim_time_t sock_sndtimeo(const struct sock *sk)
{
	return sk->sk_ext ? sk->sk_ext->sk_sndtimeo : 0;
}

static inline int sock_rcvlowat(const struct sock *sk)
{
	return sk->sk_ext ? sk->sk_ext->sk_rcvlowat : 1;
}

static inline bool sk_error_queue_empty(const struct sock *sk)
{
	return !sk->sk_ext || skb_queue_empty(&sk->sk_ext->sk_error_queue);
}

/* ---- models/core/sock.c --------------------------------------------------- */

struct sock *sk_alloc(struct net *net, int family, struct proto *prot);
void sk_free(struct sock *sk);
void sock_init_data(struct socket *sock, struct sock *sk);
/* skb_set_owner_r / _w: charge @skb's truesize to the socket's buffers */
void skb_set_owner_r(struct sk_buff *skb, struct sock *sk);
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);
void sock_rfree(struct sk_buff *skb);
void sock_wfree(struct sk_buff *skb);
/*
 * __sock_queue_rcv_skb - charge and queue @skb on sk_receive_queue, or
 * -ENOMEM when sk_rmem_alloc already reaches sk_rcvbuf (@skb not consumed).
 */
int __sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb);
/* sock_queue_err_skb: the same for the error queue (IP_RECVERR) */
int sock_queue_err_skb(struct sock *sk, struct sk_buff *skb);
struct sk_buff *sock_dequeue_err_skb(struct sock *sk);
/* the extension, made now if the socket has none */
struct sock_ext *sk_ext_get(struct sock *sk);
/* drop what the error queue holds (IP_RECVERR turned off, close) */
void sk_error_queue_purge(struct sock *sk);
void sock_def_readable(struct sock *sk);
int sock_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		    unsigned int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen);
/* put_cmsg: append one control message to msg_control, or set MSG_CTRUNC */
int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data);
/* the route a connected socket keeps */
void sk_dst_set(struct sock *sk, struct dst_entry *dst);
void sk_dst_reset(struct sock *sk);

#endif
