/*
 * models/include/net/sock.h - network-layer representation of sockets
 *
 * Mirrors include/net/sock.h.  For now only what the layers below sockets
 * need to find a socket's namespace (sock_net); the sockets issue grows
 * struct sock into the full thing (proto, buffers, queues).
 */
#ifndef _SKBSIM_NET_SOCK_H
#define _SKBSIM_NET_SOCK_H

struct net;

struct sock_common {
	struct net *skc_net;
};

struct sock {
	struct sock_common __sk_common;
};

static inline struct net *sock_net(const struct sock *sk)
{
	return sk->__sk_common.skc_net;
}

#endif
