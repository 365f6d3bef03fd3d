/*
 * models/ipv4/datagram.c - connecting datagram sockets
 *
 * Mirrors net/ipv4/datagram.c: ip4_datagram_connect() routes to the peer,
 * takes the route's source if the socket has none, and keeps the route;
 * UDP, raw and ping sockets all connect through it.  Its undoing,
 * connect(AF_UNSPEC), is the address half of udp.c's __udp_disconnect(),
 * kept here beside it (UDP adds freeing an autobound port).
 */
#include <errno.h>

#include "net/ip.h"
#include "net/raw.h"
#include "net/route.h"

/* __ip4_datagram_connect: the route to the peer decides the source */
int ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *usin = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 fl4 = { 0 };
	struct rtable *rt;
	int err = 0;

	if (addr_len < (int)sizeof(*usin))
		return -EINVAL;
	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	sk_dst_reset(sk);
	fl4.flowi4_oif = sk->sk_bound_dev_if;
	fl4.saddr = inet->inet_saddr;
	if (ipv4_is_multicast(usin->sin_addr.s_addr)) {
		if (!fl4.flowi4_oif)
			fl4.flowi4_oif = inet->mc_index;
		if (!fl4.saddr)
			fl4.saddr = inet->mc_addr;
	} else if (!fl4.flowi4_oif) {
		fl4.flowi4_oif = inet->uc_index;
	}
	fl4.daddr = usin->sin_addr.s_addr;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = inet->tos;
	fl4.flowi4_proto = (u8)sk->sk_protocol;
	fl4.fl4_sport = inet->inet_sport;
	fl4.fl4_dport = usin->sin_port;
	fl4.flowi4_scope = sock_flag(sk, SOCK_LOCALROUTE) ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		if (err == -ENETUNREACH)
			__IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST)) {
		ip_rt_put(rt);
		return -EACCES;
	}
	if (!inet->inet_saddr)
		inet->inet_saddr = fl4.saddr;
	if (!inet->inet_rcv_saddr)
		inet->inet_rcv_saddr = fl4.saddr;
	inet->inet_daddr = fl4.daddr;
	inet->inet_dport = usin->sin_port;
	sk->sk_state = TCP_ESTABLISHED;
	sk_dst_set(sk, &rt->dst);	/* the reference moves to the socket */
	return 0;
}

/* __udp_disconnect without the port: connect(AF_UNSPEC) of raw and ping
 * sockets, and the first half of UDP's */
int ip4_datagram_disconnect(struct sock *sk, int flags)
{
	struct inet_sock *inet = inet_sk(sk);

	(void)flags;
	sk->sk_state = TCP_CLOSE;
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk->sk_bound_dev_if = 0;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK))
		inet->inet_rcv_saddr = inet->inet_saddr = 0;
	sk_dst_reset(sk);
	return 0;
}
