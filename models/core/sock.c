/*
 * models/core/sock.c - the family-independent half of sockets
 *
 * Mirrors net/core/sock.c: sk_alloc()/sk_free(), sock_init_data() with the
 * net.core defaults (rmem_default and wmem_default 212992), the receive
 * and error queues with their buffer accounting (skb_set_owner_r charges
 * the skb's truesize to sk_rmem_alloc, sock_rfree gives it back; the
 * sending side likewise with sk_wmem_alloc), sk_setsockopt() and
 * sk_getsockopt() for SOL_SOCKET with the kernel's rules (SO_RCVBUF and
 * SO_SNDBUF double the value, capped by rmem_max/wmem_max and floored at
 * SOCK_MIN_RCVBUF/SOCK_MIN_SNDBUF), and put_cmsg() (net/core/scm.c).
 *
 * Differences: the caller is always root (CAP_NET_ADMIN: SO_RCVBUFFORCE,
 * SO_PRIORITY above 6, SO_MARK are allowed); rmem_max and friends are the
 * Linux defaults, not sysctls yet.
 */
#include "net/sock.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>

#include "linux/netdevice.h"
#include "net/dst.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

/* ---- allocation ---------------------------------------------------------- */

struct sock *sk_alloc(struct net *net, int family, struct proto *prot)
{
	struct sock *sk = g_malloc0(prot->obj_size);

	sk->sk_family = (unsigned short)family;
	sk->sk_prot = prot;
	sk->__sk_common.skc_net = net;
	INIT_LIST_HEAD(&sk->sk_bind_node);
	world_obj_get(net->w, SIM_OBJ_MODEL);
	return sk;
}

static void __sk_free(struct sock *sk)
{
	struct net *net = sock_net(sk);

	world_obj_put(net->w, SIM_OBJ_MODEL);
	g_free(sk->sk_ext);
	g_free(sk);
}

struct sock_ext *sk_ext_get(struct sock *sk)
{
	if (!sk->sk_ext) {
		sk->sk_ext = g_new0(struct sock_ext, 1);
		skb_queue_head_init(&sk->sk_ext->sk_error_queue);
		sk->sk_ext->sk_rcvlowat = 1;
	}
	return sk->sk_ext;
}

void sk_error_queue_purge(struct sock *sk)
{
	if (sk->sk_ext)
		skb_queue_purge_reason(&sk->sk_ext->sk_error_queue, SKB_DROP_REASON_QUEUE_PURGE);
}

/*
 * sk_free - the socket is closed: its queues are purged now; skbs it sent
 * that are still below us (in a qdisc, a ring) keep it allocated until
 * the last one is freed (the kernel's sk_wmem_alloc reference).
 */
void sk_free(struct sock *sk)
{
	skb_queue_purge_reason(&sk->sk_receive_queue, SKB_DROP_REASON_QUEUE_PURGE);
	sk_error_queue_purge(sk);
	sk_dst_reset(sk);
	SIM_BUG_ON(sk->sk_rmem_alloc != 0);
	sock_set_flag(sk, SOCK_DEAD);
	sk->sk_socket = NULL;
	if (sk->sk_wmem_alloc > 0)
		sock_set_flag(sk, SOCK_DESTROY);	/* sock_wfree frees it */
	else
		__sk_free(sk);
}

static void sock_def_wakeup(struct sock *sk)
{
	if (sk->sk_socket)
		sock_wake_up(sk->sk_socket);
}

void sock_def_readable(struct sock *sk)
{
	sock_def_wakeup(sk);
}

/* sock_def_write_space: wake writers once half the send buffer is free */
static void sock_def_write_space(struct sock *sk)
{
	if (sock_writeable(sk))
		sock_def_wakeup(sk);
}

void sock_init_data(struct socket *sock, struct sock *sk)
{
	skb_queue_head_init(&sk->sk_receive_queue);
	sk->sk_rcvbuf = SK_RMEM_DEFAULT;
	sk->sk_sndbuf = SK_WMEM_DEFAULT;
	sk->sk_state = TCP_CLOSE;
	sk->sk_socket = sock;
	if (sock) {
		sk->sk_type = (u16)sock->type;
		sock->sk = sk;
	}
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sock_def_write_space;
	sk->sk_error_report = sock_def_wakeup;
}

/* ---- buffer accounting ---------------------------------------------------- */

void sock_rfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_rmem_alloc -= (int)skb->truesize;
	skb->sk = NULL;
}

void skb_set_owner_r(struct sk_buff *skb, struct sock *sk)
{
	skb_orphan(skb);
	skb->sk = sk;
	skb->destructor = sock_rfree;
	sk->sk_rmem_alloc += (int)skb->truesize;
}

/* sock_wfree: a sent skb is freed (transmitted or dropped below us) */
void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_wmem_alloc -= (int)skb->truesize;
	skb->sk = NULL;
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_write_space(sk);
	else if (sock_flag(sk, SOCK_DESTROY) && sk->sk_wmem_alloc == 0)
		__sk_free(sk);
}

void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	skb_orphan(skb);
	skb->sk = sk;
	skb->destructor = sock_wfree;
	sk->sk_wmem_alloc += (int)skb->truesize;
}

int __sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	trace_skb_walk_fn(skb, "sock_queue_rcv_skb", skb->dev, "rmem %d of %d%s",
			  sk->sk_rmem_alloc, sk->sk_rcvbuf,
			  sk->sk_rmem_alloc >= sk->sk_rcvbuf ? ": full" : ": queued");
	if (sk->sk_rmem_alloc >= sk->sk_rcvbuf) {
		sk->sk_drops++;
		return -ENOMEM;
	}
	skb_set_owner_r(skb, sk);
	skb_dst_drop(skb);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	return 0;
}

int sock_queue_err_skb(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_rmem_alloc + (int)skb->truesize >= sk->sk_rcvbuf)
		return -ENOMEM;
	skb_set_owner_r(skb, sk);
	skb_dst_drop(skb);
	skb_queue_tail(&sk_ext_get(sk)->sk_error_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_error_report(sk);
	return 0;
}

/* sock_dequeue_err_skb: the next error, if any, becomes sk_err */
struct sk_buff *sock_dequeue_err_skb(struct sock *sk)
{
	struct sk_buff_head *q = sk->sk_ext ? &sk->sk_ext->sk_error_queue : NULL;
	struct sk_buff *skb = q ? skb_dequeue(q) : NULL;
	struct sk_buff *next = q ? skb_peek(q) : NULL;

	sk->sk_err = next ? (int)SKB_EXT_ERR_ERRNO(next) : 0;
	return skb;
}

/* ---- the connected route ---------------------------------------------------- */

void sk_dst_set(struct sock *sk, struct dst_entry *dst)
{
	struct dst_entry *old = sk->sk_dst_cache;

	sk->sk_dst_cache = dst;
	if (old)
		dst_release(old);
}

void sk_dst_reset(struct sock *sk)
{
	sk_dst_set(sk, NULL);
}

/* ---- SOL_SOCKET options ------------------------------------------------------ */

static void __sock_set_rcvbuf(struct sock *sk, int val)
{
	val = MIN(val, INT32_MAX / 2);
	sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
	sk->sk_rcvbuf = MAX(val * 2, SOCK_MIN_RCVBUF);
}

static void __sock_set_sndbuf(struct sock *sk, int val)
{
	val = MIN(val, INT32_MAX / 2);
	sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
	sk->sk_sndbuf = MAX(val * 2, SOCK_MIN_SNDBUF);
	sk->sk_write_space(sk);
}

/* sock_set_timeout: struct timeval, tv_usec in [0, 1e6) (EDOM), 0 = forever */
static int sock_set_timeout(sim_time_t *timeo, const void *optval, unsigned int optlen)
{
	struct timeval tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, optval, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 1;		/* the kernel's 0 jiffies: do not wait */
		return 0;
	}
	if (tv.tv_sec >= SIM_TIME_MAX / 1000000000 - 1) {
		*timeo = 0;		/* MAX_SCHEDULE_TIMEOUT: forever (fuzz_socket) */
		return 0;
	}
	*timeo = (sim_time_t)tv.tv_sec * 1000000000 + (sim_time_t)tv.tv_usec * 1000;
	return 0;
}

/* SO_BINDTODEVICE: a name, "" to unbind; ENODEV for an unknown one */
static int sock_setbindtodevice(struct sock *sk, const void *optval, unsigned int optlen)
{
	char name[IFNAMSIZ] = { 0 };
	struct net_device *dev;

	if (optlen)		/* NULL, 0 unbinds, as "" does */
		memcpy(name, optval, MIN(optlen, (unsigned int)IFNAMSIZ - 1));
	if (!name[0]) {
		sk->sk_bound_dev_if = 0;
	} else {
		dev = __dev_get_by_name(sock_net(sk), name);
		if (!dev)
			return -ENODEV;
		sk->sk_bound_dev_if = dev->ifindex;
	}
	if (sk->sk_prot->rehash)
		sk->sk_prot->rehash(sk);
	sk_dst_reset(sk);
	return 0;
}

int sock_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		    unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	(void)level;
	if (optname == SO_BINDTODEVICE)
		return sock_setbindtodevice(sk, optval, optlen);
	if (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO) {
		sim_time_t timeo;
		int err = sock_set_timeout(&timeo, optval, optlen);

		if (err)
			return err;
		if (optname == SO_RCVTIMEO)
			sk_ext_get(sk)->sk_rcvtimeo = timeo;
		else
			sk_ext_get(sk)->sk_sndtimeo = timeo;
		return 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	switch (optname) {
	case SO_REUSEADDR:
		sk->sk_reuse = val ? 1 : 0;	/* SK_CAN_REUSE */
		return 0;
	case SO_REUSEPORT:
		sk->sk_reuseport = val ? 1 : 0;
		return 0;
	case SO_BROADCAST:
		sock_valbool_flag(sk, SOCK_BROADCAST, val);
		return 0;
	case SO_DONTROUTE:
		sock_valbool_flag(sk, SOCK_LOCALROUTE, val);
		sk_dst_reset(sk);
		return 0;
	case SO_SNDBUF:
		/* min_t(u32): a negative value is a huge one, capped too */
		__sock_set_sndbuf(sk, (int)MIN((u32)val, (u32)SK_WMEM_MAX));
		return 0;
	case SO_SNDBUFFORCE:
		__sock_set_sndbuf(sk, MAX(val, 0));
		return 0;
	case SO_RCVBUF:
		__sock_set_rcvbuf(sk, (int)MIN((u32)val, (u32)SK_RMEM_MAX));
		return 0;
	case SO_RCVBUFFORCE:
		__sock_set_rcvbuf(sk, MAX(val, 0));
		return 0;
	case SO_PRIORITY:
		sk->sk_priority = (u32)val;
		return 0;
	case SO_MARK:
		if (sk->sk_mark != (u32)val) {
			sk->sk_mark = (u32)val;
			sk_dst_reset(sk);
		}
		return 0;
	case SO_RCVLOWAT:
		sk_ext_get(sk)->sk_rcvlowat = val < 0 ? INT32_MAX : (val ? val : 1);
		return 0;
	case SO_RXQ_OVFL:
		sock_valbool_flag(sk, SOCK_RXQ_OVFL, val);
		return 0;
	case SO_KEEPALIVE:
	case SO_OOBINLINE:
	case SO_TIMESTAMP:
	case SO_TIMESTAMPNS:
		return 0;	/* accepted; no effect on datagram sockets here */
	default:
		return -ENOPROTOOPT;
	}
}

static int sock_get_timeout(sim_time_t timeo, void *optval, int *optlen)
{
	struct timeval tv = { 0 };
	int len = MIN(*optlen, (int)sizeof(tv));

	if (timeo > 1) {
		tv.tv_sec = (time_t)(timeo / 1000000000);
		tv.tv_usec = (suseconds_t)(timeo % 1000000000 / 1000);
	}
	memcpy(optval, &tv, (size_t)len);
	*optlen = len;
	return 0;
}

static int sock_get_int(struct sock *sk, int optname, int *v)
{
	switch (optname) {
	case SO_REUSEADDR:	*v = sk->sk_reuse; break;
	case SO_REUSEPORT:	*v = sk->sk_reuseport; break;
	case SO_BROADCAST:	*v = sock_flag(sk, SOCK_BROADCAST); break;
	case SO_DONTROUTE:	*v = sock_flag(sk, SOCK_LOCALROUTE); break;
	case SO_SNDBUF:		*v = sk->sk_sndbuf; break;
	case SO_RCVBUF:		*v = sk->sk_rcvbuf; break;
	case SO_PRIORITY:	*v = (int)sk->sk_priority; break;
	case SO_MARK:		*v = (int)sk->sk_mark; break;
	case SO_RCVLOWAT:	*v = sock_rcvlowat(sk); break;
	case SO_TYPE:		*v = sk->sk_type; break;
	case SO_PROTOCOL:	*v = sk->sk_protocol; break;
	case SO_DOMAIN:		*v = sk->sk_family; break;
	case SO_ERROR:		*v = -sock_error(sk); break;
	case SO_ACCEPTCONN:	*v = 0; break;
	case SO_RXQ_OVFL:	*v = sock_flag(sk, SOCK_RXQ_OVFL); break;
	case SO_KEEPALIVE:
	case SO_OOBINLINE:
	case SO_TIMESTAMP:
	case SO_TIMESTAMPNS:	*v = 0; break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}

int sock_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen)
{
	struct sock *sk = sock->sk;
	int v, err;

	(void)level;
	if (*optlen < 0)
		return -EINVAL;
	if (optname == SO_RCVTIMEO)
		return sock_get_timeout(sock_rcvtimeo(sk, false), optval, optlen);
	if (optname == SO_SNDTIMEO)
		return sock_get_timeout(sock_sndtimeo(sk), optval, optlen);
	if (optname == SO_BINDTODEVICE) {
		struct net_device *dev = sk->sk_bound_dev_if ?
			__dev_get_by_index(sock_net(sk), sk->sk_bound_dev_if) : NULL;
		size_t len = dev ? strlen(dev->name) + 1 : 0;

		if (len > (size_t)*optlen)
			return -EINVAL;
		if (len)
			memcpy(optval, dev->name, len);
		*optlen = (int)len;
		return 0;
	}
	err = sock_get_int(sk, optname, &v);
	if (err)
		return err;
	*optlen = MIN(*optlen, (int)sizeof(int));
	memcpy(optval, &v, (size_t)*optlen);
	return 0;
}

/* ---- control messages (net/core/scm.c) ------------------------------------------ */

int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	size_t cmlen = CMSG_LEN((size_t)len);
	struct cmsghdr *cm;

	if (!msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr)) {
		msg->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cm = msg->msg_control;
	cm->cmsg_level = level;
	cm->cmsg_type = type;
	cm->cmsg_len = cmlen;
	memcpy(CMSG_DATA(cm), data, cmlen - sizeof(*cm));
	cmlen = MIN(CMSG_SPACE((size_t)len), msg->msg_controllen);
	msg->msg_control = (char *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
	return 0;
}
