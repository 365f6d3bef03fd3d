/*
 * models/packet/af_packet.c - packet sockets (AF_PACKET)
 *
 * Mirrors net/packet/af_packet.c for SOCK_RAW and SOCK_DGRAM sockets:
 *   create	packet_create(): the protocol (network byte order, as
 *		htons(ETH_P_ALL)) is hooked at once when not 0 (the socket
 *		"runs"); ESOCKTNOSUPPORT for other types;
 *   bind	packet_bind(): struct sockaddr_ll (EINVAL when short or not
 *		AF_PACKET), an interface (ENODEV) and a protocol (0: keep the
 *		socket's); a device that is down leaves ENETDOWN as sk_err;
 *   receive	packet_rcv(): a clone of what the device receives, and of what
 *		it sends (dev_queue_xmit_nit: PACKET_OUTGOING, never the
 *		socket's own frames), link header included for SOCK_RAW and
 *		removed for SOCK_DGRAM; the struct sockaddr_ll of recvfrom
 *		(ifindex, hatype, pkttype, the frame's source address); dropped
 *		and counted (PACKET_STATISTICS tp_drops, sk_drops) when the
 *		receive buffer is full;
 *   send	packet_snd(): to the bound device or the sockaddr_ll's (ENXIO
 *		for none, ENETDOWN when down), EMSGSIZE beyond the MTU and link
 *		header, SOCK_DGRAM building the link header to sll_addr
 *		(dev_hard_header), SOCK_RAW taking the frame as given (EINVAL
 *		for less than a link header);
 *   options	PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP with
 *		PACKET_MR_PROMISC and PACKET_MR_ALLMULTI (counted per socket and
 *		undone at close, packet_flush_mclist), PACKET_STATISTICS;
 *   /proc	/proc/net/packet (packet_seq_show).
 * node:inject(ifname, bytes) is packet_snd() of a SOCK_RAW socket bound to
 * the device, without a socket.
 * Differences: no SOCK_PACKET, no PACKET_MMAP rings, fanout, BPF filters
 * or auxdata; PACKET_MR_MULTICAST and PACKET_MR_UNICAST memberships are
 * refused with EOPNOTSUPP; the error queue stays empty; the socket's own
 * frames are recognised among the last 64 it sent (the kernel compares
 * skb->sk, which our transmit clones do not carry).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "apps/apps.h"
#include "linux/etherdevice.h"
#include "linux/if_ether.h"
#include "linux/if_packet.h"
#include "linux/net.h"
#include "linux/netdevice.h"
#include "linux/skbuff.h"
#include "net/dst.h"
#include "net/net_namespace.h"
#include "net/sock.h"
#include "sim/err.h"
#include "sim/world.h"
#include "models.h"
#include "trace/skbwalk.h"

#define PACKET_SENT_RING 64

/* one PACKET_ADD_MEMBERSHIP (struct packet_mclist) */
struct packet_mclist {
	struct packet_mclist *next;
	int ifindex;
	int count;
	unsigned short type;
	unsigned short alen;
	unsigned char addr[8];
};

struct packet_sock {
	struct sock sk;			/* first */
	struct packet_type prot_hook;
	int ifindex;			/* bound device, 0: any */
	__be16 num;			/* the protocol, network order */
	bool running;			/* prot_hook registered */
	struct packet_mclist *mclist;
	struct tpacket_stats stats;
	u64 sent[PACKET_SENT_RING];	/* ids of the last frames sent (skb_loop_sk) */
	unsigned int sent_next;
};

static inline struct packet_sock *pkt_sk(const struct sock *sk)
{
	return (struct packet_sock *)sk;
}

/* the sockaddr_ll of a queued frame, in its cb */
struct packet_skb_cb {
	struct sockaddr_ll sll;
};
#define PACKET_SKB_CB(skb) ((struct packet_skb_cb *)((skb)->cb))

static const struct proto_ops packet_ops;
static struct proto packet_proto;

static bool dev_has_header(const struct net_device *dev)
{
	return dev->hard_header_len > 0;
}

/* ---- the hook -------------------------------------------------------------------- */

static void register_prot_hook(struct packet_sock *po)
{
	if (po->running || !po->num)
		return;
	/* always on the namespace's lists: the bound device is checked in
	 * packet_rcv, so outgoing frames (net->ptype_all) reach us too */
	po->prot_hook.type = po->num;
	po->prot_hook.dev = NULL;
	dev_add_pack(sock_net(&po->sk), &po->prot_hook);
	po->running = true;
}

static void unregister_prot_hook(struct packet_sock *po)
{
	if (!po->running)
		return;
	dev_remove_pack(sock_net(&po->sk), &po->prot_hook);
	po->running = false;
}

static bool packet_sent_by(const struct packet_sock *po, const struct sk_buff *skb)
{
	for (unsigned int i = 0; i < PACKET_SENT_RING; i++)
		if (po->sent[i] && (po->sent[i] == skb->id || po->sent[i] == skb->parent_id))
			return true;
	return false;
}

/* dev_parse_header: the frame's source hardware address */
static unsigned char packet_parse_header(const struct sk_buff *skb, const struct net_device *dev,
					 unsigned char *haddr)
{
	const struct ethhdr *eth;

	if (dev->header_ops && dev->header_ops->parse)
		return (unsigned char)dev->header_ops->parse(skb, haddr);
	if (!dev_has_header(dev) || !skb_mac_header_was_set(skb))
		return 0;
	eth = (const struct ethhdr *)skb_mac_header(skb);
	memcpy(haddr, eth->h_source, ETH_ALEN);
	return ETH_ALEN;
}

/*
 * packet_rcv - the prot_hook's func: @skb is shared with the stack (the
 * receive path's skb_get, or the transmit path's clone); we queue our own
 * clone and release @skb.
 */
static int packet_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		      struct net_device *orig_dev)
{
	struct packet_sock *po = pt->af_packet_priv;
	struct sock *sk = &po->sk;
	struct sockaddr_ll *sll;
	struct sk_buff *nskb;

	(void)orig_dev;
	if (skb->pkt_type == PACKET_LOOPBACK || (po->ifindex && po->ifindex != dev->ifindex) ||
	    (skb->pkt_type == PACKET_OUTGOING && packet_sent_by(po, skb))) {
		consume_skb(skb);
		return 0;
	}
	if (sk->sk_rmem_alloc >= sk->sk_rcvbuf) {
		po->stats.tp_drops++;
		sk->sk_drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PACKET_SOCK_ERROR);
		return 0;
	}
	nskb = skb_clone(skb);
	consume_skb(skb);
	if (!nskb)
		return 0;
	skb = nskb;
	trace_skb_walk(skb, dev, "a packet socket's own clone (%s)",
		       skb->pkt_type == PACKET_OUTGOING ? "outgoing" : "incoming");
	if (dev_has_header(dev)) {
		if (sk->sk_type == SOCK_RAW) {
			if (skb_mac_header_was_set(skb) && skb_mac_header(skb) < skb->data)
				skb_push(skb, (unsigned int)(skb->data - skb_mac_header(skb)));
		} else if (skb->pkt_type == PACKET_OUTGOING) {
			/* the transmit side's data starts at the link header */
			skb_pull(skb, MIN(skb->len, (unsigned int)dev->hard_header_len));
		}
	}
	sll = &PACKET_SKB_CB(skb)->sll;
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_hatype = dev->type;
	sll->sll_pkttype = skb->pkt_type;
	sll->sll_ifindex = dev->ifindex;
	sll->sll_halen = packet_parse_header(skb, dev, sll->sll_addr);
	sll->sll_protocol = skb->protocol;
	skb_set_owner_r(skb, sk);
	skb_dst_drop(skb);
	po->stats.tp_packets++;
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
	return 0;
}

/* ---- sending ------------------------------------------------------------------------- */

static __be16 packet_frame_protocol(const struct net_device *dev, const u8 *data)
{
	const struct ethhdr *eth = (const struct ethhdr *)data;

	if (dev->type != ARPHRD_ETHER)
		return 0;
	/* an 802.3 length field: the kernel calls such frames ETH_P_802_3 */
	if (ntohs(eth->h_proto) < ETH_P_802_3_MIN)
		return htons(ETH_P_802_3);
	return eth->h_proto;
}

/*
 * __packet_snd - @len bytes at @data on @dev (SOCK_RAW: a whole frame;
 * SOCK_DGRAM: the payload, the link header made to @addr).  0 or -errno;
 * @sk, when given, is charged and recognises the frame as its own.
 */
static int __packet_snd(struct sock *sk, struct net_device *dev, int type, __be16 proto,
			const u8 *addr, const void *data, size_t len)
{
	unsigned int reserve = type == SOCK_RAW ? dev->hard_header_len : 0;
	struct sk_buff *skb;

	if (!(dev->flags & IFF_UP))
		return -ENETDOWN;
	if (len > dev->mtu + reserve)
		return -EMSGSIZE;
	if (type == SOCK_RAW && (len < reserve || !len))
		return -EINVAL;
	if (sk && sk->sk_wmem_alloc >= sk->sk_sndbuf)
		return -EAGAIN;
	skb = alloc_skb(dev_net(dev), (unsigned int)len + NET_SKB_PAD + dev->hard_header_len);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, (int)(NET_SKB_PAD + dev->hard_header_len));
	skb_reset_network_header(skb);
	skb_put_data(skb, data, (unsigned int)len);
	skb->dev = dev;
	skb->priority = sk ? sk->sk_priority : 0;
	skb->mark = sk ? sk->sk_mark : 0;
	if (type == SOCK_DGRAM) {
		skb->protocol = proto;
		if (dev->header_ops && dev->header_ops->create &&
		    dev->header_ops->create(skb, dev, ntohs(proto), addr, NULL,
					    (unsigned int)len) < 0) {
			kfree_skb_reason(skb, SKB_DROP_REASON_PACKET_SOCK_ERROR);
			return -EINVAL;
		}
		skb_reset_mac_header(skb);
	} else {
		skb_reset_mac_header(skb);
		skb_set_network_header(skb, (int)reserve);
		skb->protocol = proto ? proto : packet_frame_protocol(dev, skb->data);
	}
	if (sk) {
		struct packet_sock *po = pkt_sk(sk);

		skb_set_owner_w(skb, sk);
		po->sent[po->sent_next++ % PACKET_SENT_RING] = skb->id;
	}
	/* dev_queue_xmit consumes the skb whatever it returns */
	return dev_queue_xmit(skb) < 0 ? -ENOBUFS : 0;
}

/* packet_snd() for a SOCK_RAW socket bound to dev; 0 or -errno */
int packet_snd(struct net_device *dev, const void *data, size_t len)
{
	if (!(dev->flags & IFF_UP))
		return -ENETDOWN;
	if (len < dev->hard_header_len)
		return -EINVAL;
	return __packet_snd(NULL, dev, SOCK_RAW, 0, NULL, data, len);
}

static int packet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct packet_sock *po = pkt_sk(sk);
	const struct sockaddr_ll *saddr = msg->msg_name;
	struct net_device *dev;
	const u8 *addr = NULL;
	__be16 proto;
	int ifindex;
	u8 *buf;
	int err;

	if (!saddr) {
		ifindex = po->ifindex;
		proto = po->num;
	} else {
		if (msg->msg_namelen < offsetof(struct sockaddr_ll, sll_addr))
			return -EINVAL;
		if (msg->msg_namelen < saddr->sll_halen + offsetof(struct sockaddr_ll, sll_addr))
			return -EINVAL;
		if (saddr->sll_family != AF_PACKET)
			return -EINVAL;
		ifindex = saddr->sll_ifindex;
		proto = saddr->sll_protocol;
		addr = saddr->sll_addr;
	}
	dev = ifindex ? __dev_get_by_index(sock_net(sk), ifindex) : NULL;
	if (!dev)
		return -ENXIO;
	if (sock->type == SOCK_DGRAM && saddr &&
	    msg->msg_namelen < dev->addr_len + offsetof(struct sockaddr_ll, sll_addr))
		return -EINVAL;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	buf = g_malloc(len ? len : 1);
	memcpy_from_msg(buf, msg, len);
	err = __packet_snd(sk, dev, sock->type, proto, addr, buf, len);
	g_free(buf);
	return err < 0 ? err : (int)len;
}

/* ---- recvmsg, bind, getname, poll ---------------------------------------------------- */

static int packet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC | MSG_ERRQUEUE))
		return -EINVAL;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;		/* no timestamps or tx errors queued here */
	skb = skb_recv_datagram(sk, &err);
	if (!skb)
		return err;
	copied = skb->len;
	if (copied > len) {
		copied = len;
		msg->msg_flags |= MSG_TRUNC;
	}
	memcpy_to_msg(msg, skb->data, copied);
	if (msg->msg_name) {
		const struct sockaddr_ll *sll = &PACKET_SKB_CB(skb)->sll;
		size_t namelen = MAX(offsetof(struct sockaddr_ll, sll_addr) + sll->sll_halen,
				     sizeof(struct sockaddr_ll));

		memcpy(msg->msg_name, sll, MIN(namelen, (size_t)msg->msg_namelen));
		msg->msg_namelen = (socklen_t)namelen;
	}
	if (flags & MSG_TRUNC)
		copied = skb->len;
	if (!(flags & MSG_PEEK)) {
		skb_unlink(skb, &sk->sk_receive_queue);
		consume_skb(skb);
	}
	return (int)copied;
}

/* packet_do_bind */
static int packet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_ll *sll = (struct sockaddr_ll *)uaddr;
	struct sock *sk = sock->sk;
	struct packet_sock *po = pkt_sk(sk);
	struct net_device *dev = NULL;
	__be16 proto;

	if (addr_len < (int)sizeof(struct sockaddr_ll) || sll->sll_family != AF_PACKET)
		return -EINVAL;
	proto = sll->sll_protocol ? sll->sll_protocol : po->num;
	if (sll->sll_ifindex) {
		dev = __dev_get_by_index(sock_net(sk), sll->sll_ifindex);
		if (!dev)
			return -ENODEV;
	}
	unregister_prot_hook(po);
	po->num = proto;
	po->ifindex = dev ? dev->ifindex : 0;
	if (proto) {
		if (!dev || (dev->flags & IFF_UP)) {
			register_prot_hook(po);
		} else {
			sk->sk_err = ENETDOWN;
			sk->sk_error_report(sk);
		}
	}
	return 0;
}

static int packet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct packet_sock *po = pkt_sk(sock->sk);
	struct sockaddr_ll *sll = (struct sockaddr_ll *)uaddr;
	struct net_device *dev;

	if (peer)
		return -EOPNOTSUPP;
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_ifindex = po->ifindex;
	sll->sll_protocol = po->num;
	dev = po->ifindex ? __dev_get_by_index(sock_net(sock->sk), po->ifindex) : NULL;
	if (dev) {
		sll->sll_hatype = dev->type;
		sll->sll_halen = dev->addr_len;
		memcpy(sll->sll_addr, dev->dev_addr, MIN((size_t)dev->addr_len,
							  sizeof(sll->sll_addr)));
	}
	return (int)(offsetof(struct sockaddr_ll, sll_addr) + sll->sll_halen);
}

static unsigned int packet_poll(struct socket *sock)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	if (sk->sk_err || !sk_error_queue_empty(sk))
		mask |= POLLERR;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (sock_writeable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

static int packet_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	(void)sock, (void)uaddr, (void)addr_len, (void)flags;
	return -EOPNOTSUPP;		/* sock_no_connect */
}

/* ---- memberships ----------------------------------------------------------------------- */

static int packet_dev_mc(struct net_device *dev, const struct packet_mclist *i, int what)
{
	switch (i->type) {
	case PACKET_MR_PROMISC:
		return dev_set_promiscuity(dev, what);
	case PACKET_MR_ALLMULTI:
		if (what < 0 && !dev->allmulti)
			return 0;
		dev->allmulti += (unsigned int)what;
		dev->flags = dev->allmulti ? dev->flags | IFF_ALLMULTI : dev->flags & ~IFF_ALLMULTI;
		return 0;
	default:
		return 0;
	}
}

static int packet_mc_add(struct sock *sk, const struct packet_mreq *mreq)
{
	struct packet_sock *po = pkt_sk(sk);
	struct net_device *dev = __dev_get_by_index(sock_net(sk), mreq->mr_ifindex);
	struct packet_mclist *ml;
	int err;

	if (!dev)
		return -ENODEV;
	if (mreq->mr_alen > dev->addr_len)
		return -EINVAL;
	if (mreq->mr_type != PACKET_MR_PROMISC && mreq->mr_type != PACKET_MR_ALLMULTI)
		return -EOPNOTSUPP;
	for (ml = po->mclist; ml; ml = ml->next) {
		if (ml->ifindex == mreq->mr_ifindex && ml->type == mreq->mr_type &&
		    ml->alen == mreq->mr_alen && !memcmp(ml->addr, mreq->mr_address, ml->alen)) {
			ml->count++;
			return 0;	/* a second one of the same: counted only */
		}
	}
	ml = g_new0(struct packet_mclist, 1);
	ml->type = mreq->mr_type;
	ml->ifindex = mreq->mr_ifindex;
	ml->alen = mreq->mr_alen;
	memcpy(ml->addr, mreq->mr_address, ml->alen);
	ml->count = 1;
	err = packet_dev_mc(dev, ml, 1);
	if (err) {
		g_free(ml);
		return err;
	}
	ml->next = po->mclist;
	po->mclist = ml;
	return 0;
}

static int packet_mc_drop(struct sock *sk, const struct packet_mreq *mreq)
{
	struct packet_mclist **p, *ml;

	for (p = &pkt_sk(sk)->mclist; (ml = *p); p = &ml->next) {
		if (ml->ifindex == mreq->mr_ifindex && ml->type == mreq->mr_type &&
		    ml->alen == mreq->mr_alen && !memcmp(ml->addr, mreq->mr_address, ml->alen)) {
			if (--ml->count == 0) {
				struct net_device *dev;

				dev = __dev_get_by_index(sock_net(sk), ml->ifindex);
				*p = ml->next;
				if (dev)
					packet_dev_mc(dev, ml, -1);
				g_free(ml);
			}
			break;
		}
	}
	return 0;		/* none to drop is not an error */
}

/* packet_flush_mclist: a closing socket gives its memberships back */
static void packet_flush_mclist(struct sock *sk)
{
	struct packet_mclist *ml;

	while ((ml = pkt_sk(sk)->mclist)) {
		struct net_device *dev = __dev_get_by_index(sock_net(sk), ml->ifindex);

		pkt_sk(sk)->mclist = ml->next;
		if (dev)
			packet_dev_mc(dev, ml, -1);
		g_free(ml);
	}
}

static int packet_setsockopt(struct socket *sock, int level, int optname, const void *optval,
			     unsigned int optlen)
{
	struct packet_mreq mreq = { 0 };

	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	switch (optname) {
	case PACKET_ADD_MEMBERSHIP:
	case PACKET_DROP_MEMBERSHIP:
		if (optlen < sizeof(mreq))
			return -EINVAL;
		memcpy(&mreq, optval, sizeof(mreq));
		if (optlen < mreq.mr_alen + offsetof(struct packet_mreq, mr_address))
			return -EINVAL;
		if (optname == PACKET_ADD_MEMBERSHIP)
			return packet_mc_add(sock->sk, &mreq);
		return packet_mc_drop(sock->sk, &mreq);
	default:
		return -ENOPROTOOPT;
	}
}

static int packet_getsockopt(struct socket *sock, int level, int optname, void *optval,
			     int *optlen)
{
	struct packet_sock *po = pkt_sk(sock->sk);
	struct tpacket_stats st;
	int len = *optlen;

	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case PACKET_STATISTICS:
		/* the counters are read and reset; tp_packets includes the drops */
		st = po->stats;
		st.tp_packets += st.tp_drops;
		memset(&po->stats, 0, sizeof(po->stats));
		len = MIN(len, (int)sizeof(st));
		memcpy(optval, &st, (size_t)len);
		*optlen = len;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/* ---- create and release ---------------------------------------------------------------- */

static int packet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	unregister_prot_hook(pkt_sk(sk));
	packet_flush_mclist(sk);
	sock->sk = NULL;
	sk_free(sk);
	return 0;
}

static int packet_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	struct packet_sock *po;
	struct sock *sk;

	(void)kern;
	if (sock->type != SOCK_DGRAM && sock->type != SOCK_RAW)
		return -ESOCKTNOSUPPORT;
	sock->state = SS_UNCONNECTED;
	sock->ops = &packet_ops;
	sk = sk_alloc(net, AF_PACKET, &packet_proto);
	sock_init_data(sock, sk);
	po = pkt_sk(sk);
	sk->sk_protocol = (u16)protocol;
	po->num = (__be16)protocol;
	po->prot_hook.func = packet_rcv;
	po->prot_hook.af_packet_priv = po;
	INIT_LIST_HEAD(&po->prot_hook.list);
	if (po->num)
		register_prot_hook(po);
	return 0;
}

static const struct proto_ops packet_ops = {
	.family = AF_PACKET,
	.release = packet_release,
	.bind = packet_bind,
	.connect = packet_connect,
	.getname = packet_getname,
	.poll = packet_poll,
	.setsockopt = packet_setsockopt,
	.getsockopt = packet_getsockopt,
	.sendmsg = packet_sendmsg,
	.recvmsg = packet_recvmsg,
};

static struct proto packet_proto = {
	.name = "PACKET",
	.obj_size = sizeof(struct packet_sock),
};

const struct net_proto_family packet_family_ops = {
	.family = AF_PACKET,
	.create = packet_create,
};

/* ---- /proc/net/packet ---------------------------------------------------------------------- */

/* packet_seq_show: the sockets in creation order (sk_add_node_tail_rcu) */
static void packet_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);
	struct list_head *all;
	struct socket *sock;

	g_string_append_printf(out, "%-17sRefCnt Type Proto  Iface R Rmem   User   Inode\n", "sk");
	if (!net->files)
		return;
	all = sock_file_list(net);
	for (struct list_head *p = all->next; p != all; p = p->next) {
		const struct packet_sock *po;

		sock = list_entry(p, struct socket, file_list);
		if (!sock->sk || sock->sk->sk_family != AF_PACKET)
			continue;
		po = pkt_sk(sock->sk);
		/* a running socket's hook holds one more reference */
		g_string_append_printf(out, "%016x %-6d %-4d %04x   %-5d %1d %-6u %-6u %-6lu\n", 0u,
				       po->running ? 3 : 2, sock->sk->sk_type, ntohs(po->num),
				       po->ifindex, po->running,
				       (unsigned int)sock->sk->sk_rmem_alloc, 0u, sock->ino);
	}
}

PROCFS_FILE(packet, "/proc/net/packet", packet_seq_show);

/* what ss -0 shows of a packet socket (packet_diag_fill's PACKET_DIAG_INFO) */
bool packet_sock_info(const struct sock *sk, __be16 *proto, int *ifindex)
{
	if (sk->sk_family != AF_PACKET)
		return false;
	*proto = pkt_sk(sk)->num;
	*ifindex = pkt_sk(sk)->ifindex;
	return true;
}

/* ---- node:inject and the module ----------------------------------------------------------- */

/* world->packet_inject: node:inject(ifname, bytes) */
static int packet_inject(struct node *node, const char *ifname, const void *data,
			 size_t len, struct sim_err *err)
{
	struct net_device *dev = node->net ? __dev_get_by_name(node->net, ifname) : NULL;
	int ret;

	if (!dev)
		return sim_err_set(err, "%s: %s", ifname, strerror(ENODEV));
	ret = packet_snd(dev, data, len);
	if (ret < 0)
		return sim_err_set(err, "%s: %s", ifname, strerror(-ret));
	return 0;
}

static int packet_world_init(struct world *w, struct sim_err *err)
{
	(void)err;
	w->packet_inject = packet_inject;
	return 0;
}

static const struct sim_fs_ops *const packet_fs[] = { &procfs_packet_fs_ops, NULL };

const struct sim_module packet_module = {
	.name = "af_packet",
	.world_init = packet_world_init,
	.fs = packet_fs,
};
