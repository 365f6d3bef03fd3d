/*
 * models/ipv4/raw.c - raw IPv4 sockets
 *
 * Mirrors net/ipv4/raw.c for Linux 6.x:
 *   table	raw_hash_sk(): a raw socket is hashed by its protocol (inet_num)
 *		as soon as it is created, newest first in its chain;
 *   receive	raw_local_deliver() (from ip_local_deliver_finish, before the
 *		protocol handler): raw_v4_input() gives a clone, IP header
 *		included, to every socket whose protocol, bound address,
 *		connected peer and bound device match (raw_v4_match), after
 *		ICMP_FILTER for IPPROTO_ICMP; raw_rcv_skb() queues it within
 *		SO_RCVBUF (sk_drops otherwise);
 *   errors	raw_icmp_error() (from icmp_socket_deliver): raw_err() turns
 *		an ICMP error quoting our protocol into sk_err when IP_RECVERR
 *		is on or the error is hard, and an error-queue entry with
 *		IP_RECVERR (quoting our payload, or our IP header under
 *		IP_HDRINCL);
 *   send	raw_sendmsg(): EMSGSIZE above 65535, EOPNOTSUPP for MSG_OOB,
 *		EINVAL/EAFNOSUPPORT for a bad name, EDESTADDRREQ unconnected,
 *		the IP_PKTINFO/IP_TTL/IP_TOS cmsgs, the route, EACCES for a
 *		broadcast without SO_BROADCAST; the kernel builds the header
 *		unless IP_HDRINCL (implied by IPPROTO_RAW), when
 *		raw_send_hdrinc() checks the given header (EINVAL when shorter
 *		than 20 bytes or than its ihl says, EMSGSIZE above the device
 *		MTU with a local error), fills a zero source and id, sets
 *		tot_len and the checksum;
 *   recvmsg	raw_recvmsg(): the whole datagram with its IP header, the
 *		source as the name (port 0), MSG_TRUNC, IP_* cmsgs, the error
 *		queue;
 *   options	ICMP_FILTER (SOL_RAW, ICMP sockets only: EOPNOTSUPP),
 *		IP_HDRINCL (SOL_IP), the rest of ip_setsockopt;
 *   /proc	/proc/net/raw (raw_seq_show, raw4_format_sock).
 * The built-in ping program (models/apps/ping.c) keeps its own raw
 * socket, the icmp_listener view in icmp_rcv(); sockets made with
 * socket(2) are these.
 * Differences: no IP_OPTIONS on raw sockets, no MSG_MORE corking, no
 * multicast source filters (ip_mc_sf_allow is always true), ICMP checksum
 * left to the sender as the kernel does.
 */
#include "net/raw.h"

#include <errno.h>
#include <string.h>

#include "apps/apps.h"
#include "linux/inetdevice.h"
#include "linux/netfilter.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "trace/skbwalk.h"

#ifndef IP_HDRINCL
#define IP_HDRINCL 3
#endif

/* net/ipv4/icmp.c icmp_err_convert */
const struct icmp_err icmp_err_convert[16] = {
	[ICMP_NET_UNREACH] = { ENETUNREACH, false },
	[ICMP_HOST_UNREACH] = { EHOSTUNREACH, false },
	[ICMP_PROT_UNREACH] = { ENOPROTOOPT, true },
	[ICMP_PORT_UNREACH] = { ECONNREFUSED, true },
	[ICMP_FRAG_NEEDED] = { EMSGSIZE, false },
	[ICMP_SR_FAILED] = { EOPNOTSUPP, false },
	[ICMP_NET_UNKNOWN] = { ENETUNREACH, true },
	[ICMP_HOST_UNKNOWN] = { EHOSTDOWN, true },
	[ICMP_HOST_ISOLATED] = { ENONET, true },
	[ICMP_NET_ANO] = { ENETUNREACH, true },
	[ICMP_HOST_ANO] = { EHOSTUNREACH, true },
	[ICMP_NET_UNR_TOS] = { ENETUNREACH, false },
	[ICMP_HOST_UNR_TOS] = { EHOSTUNREACH, false },
	[ICMP_PKT_FILTERED] = { EHOSTUNREACH, true },
	[ICMP_PREC_VIOLATION] = { EHOSTUNREACH, true },
	[ICMP_PREC_CUTOFF] = { EHOSTUNREACH, true },
};

/* ---- the table ---------------------------------------------------------------- */

static struct list_head *raw_chain(struct net *net, int protocol)
{
	return &net->ipv4.raw_v4_hashinfo->ht[protocol & (RAW_HTABLE_SIZE - 1)];
}

/* 4 KiB of chains, made for the namespace's first raw socket: most nodes
 * never open one, and every reader treats no table as an empty one */
static void raw_hashinfo_alloc(struct net *net)
{
	struct raw_hashinfo *h = g_new0(struct raw_hashinfo, 1);

	for (unsigned int i = 0; i < RAW_HTABLE_SIZE; i++)
		INIT_LIST_HEAD(&h->ht[i]);
	net->ipv4.raw_v4_hashinfo = h;
}

static int raw_hash_sk(struct sock *sk)
{
	if (!sock_net(sk)->ipv4.raw_v4_hashinfo)
		raw_hashinfo_alloc(sock_net(sk));
	list_add(&sk->sk_bind_node, raw_chain(sock_net(sk), sk->sk_num));
	return 0;
}

static void raw_unhash_sk(struct sock *sk)
{
	list_del_init(&sk->sk_bind_node);
}

/* raw_v4_match */
static bool raw_v4_match(const struct sock *sk, unsigned short num, __be32 raddr, __be32 laddr,
			 int dif)
{
	return sk->sk_num == num && (!sk->sk_daddr || sk->sk_daddr == raddr) &&
	       (!sk->sk_rcv_saddr || sk->sk_rcv_saddr == laddr) &&
	       (!sk->sk_bound_dev_if || sk->sk_bound_dev_if == dif);
}

/* ---- receiving ------------------------------------------------------------------- */

/* icmp_filter: true when the socket's ICMP_FILTER blocks this message */
static bool icmp_filter(const struct sock *sk, const struct sk_buff *skb)
{
	const u8 *hdr = skb_transport_header(skb);

	if (hdr + sizeof(struct icmphdr) > skb_tail_pointer(skb))
		return true;		/* too short to have a type: blocked */
	if (hdr[0] < 32)
		return (raw_sk(sk)->filter.data >> hdr[0]) & 1;
	return false;			/* unknown types are never blocked */
}

static void raw_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	ipv4_pktinfo_prepare(sk, skb);
	if (__sock_queue_rcv_skb(sk, skb) < 0)
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
}

/* raw_rcv: the copy goes up with its IP header */
static void raw_rcv(struct sock *sk, struct sk_buff *skb)
{
	trace_skb_walk(skb, skb->dev, "a raw socket of protocol %u: copy with its IP header",
		       sk->sk_protocol);
	skb_push(skb, (unsigned int)(skb->data - skb_network_header(skb)));
	raw_rcv_skb(sk, skb);
}

int raw_local_deliver(struct sk_buff *skb, int protocol)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = ip_hdr(skb);
	int dif = skb->dev->ifindex;
	struct list_head *chain;
	struct sock *sk;
	int delivered = 0;

	if (!net->ipv4.raw_v4_hashinfo)
		return 0;
	chain = raw_chain(net, protocol);
	list_for_each_entry(sk, chain, sk_bind_node) {
		struct sk_buff *clone;

		if (!raw_v4_match(sk, (unsigned short)protocol, iph->saddr, iph->daddr, dif))
			continue;
		delivered = 1;
		if (protocol == IPPROTO_ICMP && icmp_filter(sk, skb))
			continue;
		clone = skb_clone(skb);
		if (clone)
			raw_rcv(sk, clone);
	}
	return delivered;
}

/* ---- ICMP errors --------------------------------------------------------------------- */

static void raw_err(struct sock *sk, struct sk_buff *skb, u32 info)
{
	struct inet_sock *inet = inet_sk(sk);
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *quoted = (const struct iphdr *)(icmph + 1);
	bool recverr = inet_test_bit(inet, INET_FLAGS_RECVERR);
	bool harderr = false;
	int err = 0;

	if (icmph->type == ICMP_DEST_UNREACH && icmph->code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(sock_net(sk), quoted, info, sk->sk_bound_dev_if, sk->sk_mark,
				 (u8)sk->sk_protocol);
	else if (icmph->type == ICMP_REDIRECT)
		return;			/* icmp_redirect() learned it */
	/* without IP_RECVERR only a connected socket hears of errors */
	if (!recverr && sk->sk_state != TCP_ESTABLISHED)
		return;
	switch (icmph->type) {
	default:
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_SOURCE_QUENCH:
		return;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = true;
		break;
	case ICMP_DEST_UNREACH:
		err = EHOSTUNREACH;
		if (icmph->code > ICMP_PREC_CUTOFF)
			break;
		if (icmph->code == ICMP_FRAG_NEEDED) {
			harderr = inet->pmtudisc != IP_PMTUDISC_DONT;
			err = EMSGSIZE;
		} else {
			err = icmp_err_convert[icmph->code].errno_;
			harderr = icmp_err_convert[icmph->code].fatal;
		}
		break;
	}
	if (recverr) {
		const u8 *payload = (const u8 *)quoted;

		if (!inet_test_bit(inet, INET_FLAGS_HDRINCL))
			payload += quoted->ihl * 4u;
		ip_icmp_error(sk, skb, err, 0, info, payload);
	}
	if (recverr || harderr) {
		sk->sk_err = err;
		sk->sk_error_report(sk);
	}
}

void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *quoted = (const struct iphdr *)(icmp_hdr(skb) + 1);
	struct sock *sk, *n;

	if (!net->ipv4.raw_v4_hashinfo)
		return;
	list_for_each_entry_safe(sk, n, raw_chain(net, protocol), sk_bind_node)
		if (raw_v4_match(sk, (unsigned short)protocol, quoted->daddr, quoted->saddr,
				 skb->dev->ifindex))
			raw_err(sk, skb, info);
}

/* ip_local_error: a send refused before it left (EMSGSIZE), for IP_RECVERR */
static void raw_local_error(struct sock *sk, int err, __be32 daddr, u32 info)
{
	struct sock_exterr_skb serr = { 0 };
	struct sk_buff *skb;

	if (!inet_test_bit(inet_sk(sk), INET_FLAGS_RECVERR))
		return;
	skb = alloc_skb(sock_net(sk), sizeof(struct iphdr));
	if (!skb)
		return;
	serr.ee.ee_errno = (u32)err;
	serr.ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	serr.ee.ee_info = info;
	serr.orig_daddr = daddr;
	memcpy(SKB_EXT_ERR(skb), &serr, sizeof(serr));
	if (sock_queue_err_skb(sk, skb))
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
}

/* ---- sending --------------------------------------------------------------------------- */

/* net_xmit_errno, and ENOBUFS reported only with IP_RECVERR */
static int raw_xmit_result(struct sock *sk, int err)
{
	if (err > 0)
		err = err == NET_XMIT_CN ? 0 : -ENOBUFS;
	if (err) {
		__IP_INC_STATS(sock_net(sk), IPSTATS_MIB_OUTDISCARDS);
		if (err == -ENOBUFS && !inet_test_bit(inet_sk(sk), INET_FLAGS_RECVERR))
			err = 0;
	}
	return err;
}

/* raw_send_hdrinc: the caller's header, checked and completed */
static int raw_send_hdrinc(struct sock *sk, struct flowi4 *fl4, struct msghdr *msg,
			   size_t length, struct rtable *rt)
{
	struct net *net = sock_net(sk);
	struct net_device *dev = rt->dst.dev;
	struct sk_buff *skb;
	struct iphdr *iph;
	unsigned int iphlen;

	if (length > dev->mtu) {
		raw_local_error(sk, EMSGSIZE, fl4->daddr, dev->mtu);
		return -EMSGSIZE;
	}
	if (length < sizeof(struct iphdr))
		return -EINVAL;
	if (msg->msg_flags & MSG_PROBE)
		return 0;
	if (sk->sk_wmem_alloc >= sk->sk_sndbuf)
		return -EAGAIN;
	skb = alloc_skb(net, (unsigned int)length + LL_MAX_HEADER + 16);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, LL_MAX_HEADER);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	skb_dst_set(skb, &rt->dst);
	skb->dev = dev;
	skb_reset_network_header(skb);
	iph = skb_put(skb, (unsigned int)length);
	memcpy_from_msg(iph, msg, length);
	skb->transport_header = skb->network_header;
	iphlen = iph->ihl * 4u;
	if (iphlen > length) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		__IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
		return -EINVAL;
	}
	if (iphlen >= sizeof(*iph)) {
		if (!iph->saddr)
			iph->saddr = fl4->saddr;
		iph->check = 0;
		iph->tot_len = htons((u16)length);
		if (!iph->id)
			ip_select_ident(net, skb, NULL);
		iph->check = ip_fast_csum(iph, iph->ihl);
		skb->transport_header = (u16)(skb->network_header + iphlen);
	}
	if (iph->protocol == IPPROTO_ICMP && length >= iphlen + sizeof(struct icmphdr))
		icmp_out_count(net, icmp_hdr(skb)->type);
	skb->protocol = htons(ETH_P_IP);
	skb_set_owner_w(skb, sk);
	trace_skb_walk_fn(skb, "raw_sendmsg", dev, "IP_HDRINCL: the caller's %u-byte header, "
			  "to " WALK_IP4, iphlen, WALK_IP4_ARG(iph->daddr));
	return raw_xmit_result(sk, NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, net, sk, skb, NULL,
					   dev, dst_output));
}

/* ip_append_data + ip_push_pending_frames for one datagram of ours */
static int raw_send_data(struct sock *sk, struct flowi4 *fl4, struct msghdr *msg, size_t len,
			 struct rtable *rt, u8 tos, u8 ttl, __be32 daddr)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	unsigned int mtu = dst_mtu(&rt->dst);
	unsigned int hlen = sizeof(struct iphdr);
	struct sk_buff *skb;
	bool df;

	if (len + hlen > 0xFFFF || (inet->pmtudisc >= IP_PMTUDISC_DO && len + hlen > mtu)) {
		raw_local_error(sk, EMSGSIZE, daddr, mtu);
		return -EMSGSIZE;
	}
	if (msg->msg_flags & MSG_PROBE)
		return 0;
	if (sk->sk_wmem_alloc >= sk->sk_sndbuf)
		return -EAGAIN;
	/* a few spare bytes: icmp_out_count reads a type even of an empty message */
	skb = alloc_skb(net, (unsigned int)len + LL_MAX_HEADER + hlen + 8);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, (int)(LL_MAX_HEADER + hlen));
	memcpy_from_msg(skb_put(skb, (unsigned int)len), msg, len);
	memset(skb_tail_pointer(skb), 0, 8);
	trace_skb_walk_fn(skb, "raw_sendmsg", rt->dst.dev, "%zu bytes of protocol %u to " WALK_IP4
			  ", route dev %s", len, sk->sk_protocol, WALK_IP4_ARG(daddr),
			  rt->dst.dev->name);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	skb_set_owner_w(skb, sk);
	df = inet->pmtudisc == IP_PMTUDISC_DO || inet->pmtudisc == IP_PMTUDISC_PROBE ||
	     (inet->pmtudisc == IP_PMTUDISC_WANT && len + hlen <= mtu && !ip_mtu_locked(&rt->dst));
	skb->ignore_df = inet->pmtudisc < IP_PMTUDISC_DO;
	return raw_xmit_result(sk, ip_push_skb(net, sk, skb, rt, fl4->saddr, daddr,
					       (u8)sk->sk_protocol, tos, ttl, df));
}

/* the destination: the name given, or the connected peer */
static int raw_sendmsg_dest(struct sock *sk, const struct msghdr *msg, __be32 *daddr)
{
	const struct sockaddr_in *usin = msg->msg_name;

	if (msg->msg_namelen) {
		if (msg->msg_namelen < sizeof(*usin))
			return -EINVAL;
		/* AF_UNSPEC is tolerated ("forgot to set AF_INET") */
		if (usin->sin_family != AF_INET && usin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		*daddr = usin->sin_addr.s_addr;
		return 0;
	}
	if (sk->sk_state != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = sk->sk_daddr;
	return 0;
}

static int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	bool hdrincl = inet_test_bit(inet, INET_FLAGS_HDRINCL);
	struct ipcm_cookie ipc = { .ttl = -1, .tos = -1 };
	struct flowi4 fl4 = { 0 };
	struct rtable *rt;
	__be32 daddr, saddr;
	int err = 0;
	u8 tos, ttl;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = raw_sendmsg_dest(sk, msg, &daddr);
	if (err)
		return err;
	ipc.oif = sk->sk_bound_dev_if;
	if (msg->msg_controllen) {
		err = ip_cmsg_send(sk, msg, &ipc);
		if (err)
			return err;
	}
	saddr = ipc.addr ? ipc.addr : inet->inet_saddr;
	tos = (u8)(ipc.tos >= 0 ? ipc.tos : inet->tos);
	if (ipv4_is_multicast(daddr)) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	fl4.flowi4_oif = ipc.oif;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = hdrincl ? IPPROTO_RAW : (u8)sk->sk_protocol;
	fl4.flowi4_scope = (sock_flag(sk, SOCK_LOCALROUTE) || (msg->msg_flags & MSG_DONTROUTE))
			   ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		if (err == -ENETUNREACH)
			__IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err ? err : -EINVAL;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST)) {
		ip_rt_put(rt);
		return -EACCES;
	}
	if (hdrincl) {
		err = raw_send_hdrinc(sk, &fl4, msg, len, rt);
	} else {
		ttl = (u8)(ipc.ttl >= 0 ? ipc.ttl : ipv4_is_multicast(daddr)
				? inet->mc_ttl : ip_sk_ttl(inet, &rt->dst));
		err = raw_send_data(sk, &fl4, msg, len, rt, tos, ttl, daddr);
	}
	ip_rt_put(rt);
	return err < 0 ? err : (int)len;
}

/* ---- recvmsg, bind, options, close ------------------------------------------------- */

static int raw_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		       int *addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);
	skb = skb_recv_datagram(sk, &err);
	if (!skb)
		return err;
	copied = skb->len;
	if (len < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	memcpy_to_msg(msg, skb->data, copied);
	if (sin && msg->msg_namelen >= sizeof(*sin)) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = INET_RCV_CB(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (inet_cmsg_flags(inet))
		ip_cmsg_recv(msg, skb, inet_cmsg_flags(inet));
	if (flags & MSG_TRUNC)
		copied = skb->len;
	if (!(flags & MSG_PEEK)) {
		skb_unlink(skb, &sk->sk_receive_queue);
		consume_skb(skb);
	}
	return (int)copied;
}

/* raw_bind: an address only; the "port" is the protocol */
static int raw_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *addr = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	const struct net_device *dev = NULL;
	unsigned int chk;

	if (sk->sk_state != TCP_CLOSE || addr_len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (sk->sk_bound_dev_if)
		dev = __dev_get_by_index(net, sk->sk_bound_dev_if);
	chk = inet_addr_type_dev_table(net, dev, addr->sin_addr.s_addr);
	if (!inet_addr_valid_or_nonlocal(net, inet, addr->sin_addr.s_addr, (int)chk))
		return -EADDRNOTAVAIL;
	inet->inet_rcv_saddr = inet->inet_saddr = addr->sin_addr.s_addr;
	if (chk == RTN_MULTICAST || chk == RTN_BROADCAST)
		inet->inet_saddr = 0;	/* use the device's */
	sk_dst_reset(sk);
	return 0;
}

static int raw_setsockopt(struct sock *sk, int level, int optname, const void *optval,
			  unsigned int optlen)
{
	struct raw_sock *rp = raw_sk(sk);

	if (level == SOL_IP && optname == IP_HDRINCL) {
		int val = 0;

		if (optlen >= sizeof(int))
			memcpy(&val, optval, sizeof(int));
		else if (optlen >= 1)
			val = *(const u8 *)optval;
		else
			return -EINVAL;
		inet_assign_bit(inet_sk(sk), INET_FLAGS_HDRINCL, val != 0);
		return 0;
	}
	if (level != SOL_RAW)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (sk->sk_num != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	if (optlen > sizeof(rp->filter))
		optlen = sizeof(rp->filter);
	memset(&rp->filter, 0, sizeof(rp->filter));
	if (optlen)		/* setsockopt(fd, SOL_RAW, ICMP_FILTER, NULL, 0) is fine */
		memcpy(&rp->filter, optval, optlen);
	return 0;
}

static int raw_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen)
{
	struct raw_sock *rp = raw_sk(sk);
	int len = *optlen;

	if (level == SOL_IP && optname == IP_HDRINCL) {
		int val = inet_test_bit(inet_sk(sk), INET_FLAGS_HDRINCL);

		if (len < 0)
			return -EINVAL;
		if (len < (int)sizeof(int) && len > 0) {
			*(u8 *)optval = (u8)val;
			*optlen = 1;
			return 0;
		}
		*optlen = MIN(len, (int)sizeof(int));
		memcpy(optval, &val, (size_t)*optlen);
		return 0;
	}
	if (level != SOL_RAW)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	if (optname != ICMP_FILTER)
		return -ENOPROTOOPT;
	if (sk->sk_num != IPPROTO_ICMP)
		return -EOPNOTSUPP;
	if (len < 0)
		return -EINVAL;
	if (len > (int)sizeof(rp->filter))
		len = sizeof(rp->filter);
	memcpy(optval, &rp->filter, (size_t)len);
	*optlen = len;
	return 0;
}

static void raw_close(struct sock *sk, long timeout)
{
	(void)timeout;
	raw_unhash_sk(sk);
	sk_free(sk);
}

struct proto raw_prot = {
	.name = "RAW",
	.close = raw_close,
	.connect = ip4_datagram_connect,
	.disconnect = ip4_datagram_disconnect,
	.bind = raw_bind,
	.setsockopt = raw_setsockopt,
	.getsockopt = raw_getsockopt,
	.sendmsg = raw_sendmsg,
	.recvmsg = raw_recvmsg,
	.hash = raw_hash_sk,
	.unhash = raw_unhash_sk,
	.obj_size = sizeof(struct raw_sock),
};

/* ---- per namespace ----------------------------------------------------------------- */

int raw_net_init(struct net *net)
{
	net->ipv4.raw_v4_hashinfo = NULL;	/* raw_hash_sk() makes it */
	return 0;
}

void raw_net_exit(struct net *net)
{
	g_free(net->ipv4.raw_v4_hashinfo);
	net->ipv4.raw_v4_hashinfo = NULL;
}

/* ---- /proc/net/raw ------------------------------------------------------------------ */

/* raw4_format_sock: the "port" is the protocol, the remote port always 0 */
static void raw4_format_sock(GString *out, const struct sock *sk, unsigned int bucket)
{
	const struct inet_sock *inet = inet_sk(sk);

	g_string_append_printf(out,
		"%4u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d "
		"%016x %u\n", bucket, inet->inet_rcv_saddr, sk->sk_num, inet->inet_daddr, 0,
		sk->sk_state, (unsigned int)sk->sk_wmem_alloc, (unsigned int)sk->sk_rmem_alloc,
		0, 0UL, 0, 0u, 0, sk->sk_socket ? sk->sk_socket->ino : 0UL, 2, 0u, sk->sk_drops);
}

static void raw_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	g_string_append(out, "  sl  local_address rem_address   st tx_queue rx_queue tr "
			"tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
	if (!net->ipv4.raw_v4_hashinfo)
		return;
	for (unsigned int i = 0; i < RAW_HTABLE_SIZE; i++) {
		const struct sock *sk;

		list_for_each_entry(sk, &net->ipv4.raw_v4_hashinfo->ht[i], sk_bind_node)
			raw4_format_sock(out, sk, i);
	}
}

PROCFS_FILE(raw, "/proc/net/raw", raw_seq_show);
