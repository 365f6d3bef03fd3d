/*
 * models/ipv4/ip_sockglue.c - the IP-level socket options and cmsgs
 *
 * Mirrors net/ipv4/ip_sockglue.c: do_ip_setsockopt()/do_ip_getsockopt()
 * for IP_TOS, IP_TTL, IP_PKTINFO, IP_RECVTTL, IP_RECVTOS, IP_RECVERR,
 * IP_MTU_DISCOVER, IP_MTU, IP_FREEBIND, IP_MULTICAST_TTL/LOOP/IF and
 * IP_UNICAST_IF with the kernel's range checks; ip_cmsg_send() (what a
 * sendmsg's IP_PKTINFO, IP_TTL and IP_TOS say), ip_cmsg_recv_offset()
 * (the answers a recvmsg carries), ipv4_pktinfo_prepare(), and the error
 * queue: ip_icmp_error() and ip_recv_error() with struct
 * sock_extended_err and the offender's address.
 *
 * Differences: no IP_OPTIONS, IP_HDRINCL, multicast membership or
 * source filters on UDP sockets yet (ENOPROTOOPT).
 */
#include "net/inet_sock.h"

#include <errno.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"

int ip_sk_ttl(const struct inet_sock *inet, const struct dst_entry *dst)
{
	(void)dst;			/* no per-route hoplimit metric */
	return inet->uc_ttl >= 0 ? inet->uc_ttl
				 : sock_net(&inet->sk)->ipv4.sysctl->sysctl_ip_default_ttl;
}

/* the options that are one bit of inet_flags */
static int ip_flag_of(int optname)
{
	switch (optname) {
	case IP_PKTINFO:	return INET_FLAGS_PKTINFO;
	case IP_RECVTTL:	return INET_FLAGS_TTL;
	case IP_RECVTOS:	return INET_FLAGS_TOS;
	case IP_RECVERR:	return INET_FLAGS_RECVERR;
	case IP_FREEBIND:	return INET_FLAGS_FREEBIND;
	case IP_MULTICAST_LOOP:	return INET_FLAGS_MC_LOOP;
	case IP_MULTICAST_ALL:	return INET_FLAGS_MC_ALL;
	case IP_TRANSPARENT:	return INET_FLAGS_TRANSPARENT;
	case IP_BIND_ADDRESS_NO_PORT: return INET_FLAGS_BIND_ADDRESS_NO_PORT;
	default:		return -1;
	}
}

/* IP_MULTICAST_IF: struct in_addr, ip_mreq or ip_mreqn (setsockopt_needs_rtnl) */
static int ip_set_mcast_if(struct sock *sk, const void *optval, unsigned int optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	struct ip_mreqn mreq = { 0 };
	struct net_device *dev = NULL;

	if (optlen >= sizeof(struct ip_mreqn))
		memcpy(&mreq, optval, sizeof(mreq));
	else if (optlen >= sizeof(struct in_addr))
		memcpy(&mreq.imr_address, optval, sizeof(struct in_addr));
	else
		return -EINVAL;
	if (!mreq.imr_ifindex) {
		if (mreq.imr_address.s_addr == htonl(INADDR_ANY)) {
			inet->mc_index = 0;
			inet->mc_addr = 0;
			return 0;
		}
		dev = __ip_dev_find(sock_net(sk), mreq.imr_address.s_addr);
		if (dev)
			mreq.imr_ifindex = dev->ifindex;
	} else {
		dev = __dev_get_by_index(sock_net(sk), mreq.imr_ifindex);
	}
	if (!dev)
		return -EADDRNOTAVAIL;
	if (sk->sk_bound_dev_if && mreq.imr_ifindex != sk->sk_bound_dev_if)
		return -EINVAL;
	inet->mc_index = mreq.imr_ifindex;
	inet->mc_addr = mreq.imr_address.s_addr;
	return 0;
}

int ip_setsockopt(struct sock *sk, int level, int optname, const void *optval,
		  unsigned int optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	int val = 0, flag;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (optname == IP_MULTICAST_IF)
		return ip_set_mcast_if(sk, optval, optlen);
	/* ints, or a single byte for the options that take one */
	if (optlen >= sizeof(int)) {
		memcpy(&val, optval, sizeof(val));
	} else if (optlen >= 1) {
		val = *(const unsigned char *)optval;
	} else {
		return -EINVAL;
	}
	flag = ip_flag_of(optname);
	if (flag >= 0) {
		inet_assign_bit(inet, flag, val != 0);
		if (optname == IP_RECVERR && !val)
			sk_error_queue_purge(sk);
		return 0;
	}
	switch (optname) {
	case IP_TOS:
		/* __ip_sock_set_tos: the priority follows (rt_tos2priority) */
		if (inet->tos != (u8)val) {
			static const u8 tos2prio[4] = { 0, 2, 6, 4 };

			inet->tos = (u8)val;
			sk->sk_priority = tos2prio[(val & 0x1e) >> 3];
			sk_dst_reset(sk);
		}
		return 0;
	case IP_TTL:
		if (optlen < 1)
			return -EINVAL;
		if (val != -1 && (val < 1 || val > 255))
			return -EINVAL;
		inet->uc_ttl = (s16)val;
		return 0;
	case IP_MULTICAST_TTL:
		if (optlen >= 1 && optlen < sizeof(int))
			val = *(const unsigned char *)optval;
		if (val == -1)
			val = 1;
		if (val < 0 || val > 255)
			return -EINVAL;
		inet->mc_ttl = (u8)val;
		return 0;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_OMIT)
			return -EINVAL;
		inet->pmtudisc = (u8)val;
		return 0;
	case IP_UNICAST_IF:
		if (val && !__dev_get_by_index(sock_net(sk), val))
			return -EADDRNOTAVAIL;
		if (sk->sk_bound_dev_if)
			return -EINVAL;
		inet->uc_index = val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int ip_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen)
{
	struct inet_sock *inet = inet_sk(sk);
	int val, flag;

	if (level != SOL_IP)
		return -EOPNOTSUPP;
	if (*optlen < 0)
		return -EINVAL;
	flag = ip_flag_of(optname);
	if (flag >= 0) {
		val = inet_test_bit(inet, flag);
	} else {
		switch (optname) {
		case IP_TOS:
			val = inet->tos;
			break;
		case IP_TTL:
			val = ip_sk_ttl(inet, sk->sk_dst_cache);
			break;
		case IP_MULTICAST_TTL:
			val = inet->mc_ttl;
			break;
		case IP_MTU_DISCOVER:
			val = inet->pmtudisc;
			break;
		case IP_UNICAST_IF:
			val = inet->uc_index;
			break;
		case IP_MTU:
			if (!sk->sk_dst_cache)
				return -ENOTCONN;
			val = (int)dst_mtu(sk->sk_dst_cache);
			break;
		case IP_MULTICAST_IF: {
			struct in_addr a = { .s_addr = inet->mc_addr };
			int len = MIN(*optlen, (int)sizeof(a));

			memcpy(optval, &a, (size_t)len);
			*optlen = len;
			return 0;
		}
		default:
			return -ENOPROTOOPT;
		}
	}
	/* do_ip_getsockopt: a short buffer gets one byte for small values */
	if (*optlen < (int)sizeof(int) && *optlen > 0 && val >= 0 && val <= 255) {
		unsigned char ucval = (unsigned char)val;

		*optlen = 1;
		memcpy(optval, &ucval, 1);
		return 0;
	}
	*optlen = MIN(*optlen, (int)sizeof(int));
	memcpy(optval, &val, (size_t)*optlen);
	return 0;
}

/* ---- cmsgs -------------------------------------------------------------------- */

int ip_cmsg_send(struct sock *sk, struct msghdr *msg, struct ipcm_cookie *ipc)
{
	struct cmsghdr *cmsg;

	(void)sk;
	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
		size_t dlen;

		/* CMSG_OK: a length past the buffer is compared as a length, as
		 * the kernel does; the pointer sum could wrap (fuzz_socket) */
		if (cmsg->cmsg_len < sizeof(struct cmsghdr) ||
		    cmsg->cmsg_len > msg->msg_controllen -
				     (size_t)((char *)cmsg - (char *)msg->msg_control))
			return -EINVAL;
		if (cmsg->cmsg_level != SOL_IP)
			continue;
		dlen = cmsg->cmsg_len - CMSG_LEN(0);
		switch (cmsg->cmsg_type) {
		case IP_PKTINFO: {
			struct in_pktinfo info;

			if (dlen != sizeof(info))
				return -EINVAL;
			memcpy(&info, CMSG_DATA(cmsg), sizeof(info));
			if (info.ipi_ifindex)
				ipc->oif = info.ipi_ifindex;
			ipc->addr = info.ipi_spec_dst.s_addr;
			break;
		}
		case IP_TTL: {
			int v;

			if (dlen != sizeof(int))
				return -EINVAL;
			memcpy(&v, CMSG_DATA(cmsg), sizeof(v));
			if (v < 1 || v > 255)
				return -EINVAL;
			ipc->ttl = v;
			break;
		}
		case IP_TOS: {
			int v;

			if (dlen == sizeof(int))
				memcpy(&v, CMSG_DATA(cmsg), sizeof(v));
			else if (dlen == sizeof(u8))
				v = *(const u8 *)CMSG_DATA(cmsg);
			else
				return -EINVAL;
			if (v < 0 || v > 255)
				return -EINVAL;
			ipc->tos = v;
			break;
		}
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * ipv4_pktinfo_prepare - before the route is dropped: the interface it
 * came in on and the local address it was for (fib_compute_spec_dst: the
 * destination itself when it is ours, else an address of the device).
 */
void ipv4_pktinfo_prepare(const struct sock *sk, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct rtable *rt = skb_rtable(skb);
	struct inet_rcv_cb cb = { 0 };

	(void)sk;
	cb.iif = IPCB(skb)->iif;
	cb.ttl = iph->ttl;
	cb.tos = iph->tos;
	cb.saddr = iph->saddr;
	cb.daddr = iph->daddr;
	cb.pktinfo.ipi_ifindex = cb.iif;
	cb.pktinfo.ipi_addr.s_addr = iph->daddr;
	if (rt && !(rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))) {
		cb.pktinfo.ipi_spec_dst.s_addr = iph->daddr;
	} else if (skb->dev) {
		cb.pktinfo.ipi_spec_dst.s_addr =
			inet_select_addr(skb->dev, iph->saddr, RT_SCOPE_UNIVERSE);
	}
	memcpy(INET_RCV_CB(skb), &cb, sizeof(cb));
}

/* ip_cmsg_recv_offset: in the kernel's order, PKTINFO, TTL, TOS */
void ip_cmsg_recv(struct msghdr *msg, struct sk_buff *skb, unsigned long flags)
{
	const struct inet_rcv_cb *cb = INET_RCV_CB(skb);

	if (flags & IP_CMSG_PKTINFO)
		put_cmsg(msg, SOL_IP, IP_PKTINFO, sizeof(cb->pktinfo), &cb->pktinfo);
	if (flags & IP_CMSG_TTL) {
		int ttl = cb->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl);
	}
	if (flags & IP_CMSG_TOS)
		put_cmsg(msg, SOL_IP, IP_TOS, 1, &cb->tos);
}

/* ---- the error queue ------------------------------------------------------------ */

/*
 * ip_cmsg_recv() for a queued ICMP error: its cb holds the error, not the
 * receive answers, so they come from the ICMP packet's own IP header (the
 * network header, which the clone kept): where it came in, its TTL, TOS.
 */
static void ip_cmsg_recv_icmp(struct msghdr *msg, const struct sk_buff *skb,
			      unsigned long flags)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (flags & IP_CMSG_PKTINFO) {
		struct in_pktinfo info = { .ipi_ifindex = skb->skb_iif };

		info.ipi_spec_dst.s_addr = iph->daddr;
		info.ipi_addr.s_addr = iph->daddr;
		put_cmsg(msg, SOL_IP, IP_PKTINFO, sizeof(info), &info);
	}
	if (flags & IP_CMSG_TTL) {
		int ttl = iph->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl);
	}
	if (flags & IP_CMSG_TOS)
		put_cmsg(msg, SOL_IP, IP_TOS, 1, &iph->tos);
}

void ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port, u32 info,
		   const u8 *payload)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *quoted = (const struct iphdr *)(icmph + 1);
	struct sock_exterr_skb serr = { 0 };
	struct sk_buff *nskb;

	if (!inet_test_bit(inet_sk(sk), INET_FLAGS_RECVERR))
		return;
	serr.ee.ee_errno = (u32)err;
	serr.ee.ee_origin = SO_EE_ORIGIN_ICMP;
	serr.ee.ee_type = icmph->type;
	serr.ee.ee_code = icmph->code;
	serr.ee.ee_info = info;
	serr.port = port;
	serr.offender = ip_hdr(skb)->saddr;
	serr.orig_daddr = quoted->daddr;
	nskb = skb_clone(skb);
	if (!nskb)
		return;
	/* what the error quoted of our payload is what recvmsg reads */
	if (payload > nskb->data && payload <= skb_tail_pointer(nskb))
		skb_pull(nskb, (unsigned int)(payload - nskb->data));
	else
		skb_pull(nskb, nskb->len);
	memcpy(SKB_EXT_ERR(nskb), &serr, sizeof(serr));
	if (sock_queue_err_skb(sk, nskb))
		kfree_skb_reason(nskb, SKB_DROP_REASON_SOCKET_RCVBUFF);
}

int ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sock_exterr_skb *serr;
	struct {
		struct sock_extended_err ee;
		struct sockaddr_in offender;
	} errhdr;
	struct sk_buff *skb;
	size_t copied;

	skb = sock_dequeue_err_skb(sk);
	if (!skb)
		return -EAGAIN;
	copied = skb->len;
	if (copied > (size_t)len) {
		msg->msg_flags |= MSG_TRUNC;
		copied = (size_t)len;
	}
	memcpy_to_msg(msg, skb->data, copied);
	serr = SKB_EXT_ERR(skb);
	if (sin && msg->msg_namelen >= sizeof(*sin)) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = serr->orig_daddr;
		sin->sin_port = serr->port;
		*addr_len = sizeof(*sin);
	}
	memset(&errhdr, 0, sizeof(errhdr));
	errhdr.ee = serr->ee;
	if (serr->ee.ee_origin == SO_EE_ORIGIN_ICMP) {
		errhdr.offender.sin_family = AF_INET;
		errhdr.offender.sin_addr.s_addr = serr->offender;
		/* ipv4_datagram_support_cmsg(): an ICMP error carries the
		 * socket's IP_RECVTTL/TOS/PKTINFO answers about the ICMP
		 * packet itself (tracepath's "back N" is 64 - its TTL + 1) */
		ip_cmsg_recv_icmp(msg, skb, inet_cmsg_flags(inet_sk(sk)));
	}
	put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(errhdr), &errhdr);
	msg->msg_flags |= MSG_ERRQUEUE;
	consume_skb(skb);
	return (int)copied;
}
