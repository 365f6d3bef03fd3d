/*
 * models/include/net/ping.h - ICMP "ping" sockets
 *
 * Mirrors include/net/ping.h: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)
 * for users whose group is in net.ipv4.ping_group_range.  The echo
 * identifier is the socket's "port" (inet_num), hashed in the
 * namespace's ping table; ping_rcv() takes the echo replies that carry
 * it, ping_err() the errors quoting our echo requests.
 */
#ifndef _SKBSIM_NET_PING_H
#define _SKBSIM_NET_PING_H

#include "net/inet_sock.h"

#define PING_HTABLE_SIZE	64
#define PING_HTABLE_MASK	(PING_HTABLE_SIZE - 1)

/* net->ipv4.ping_table */
struct ping_table {
	struct list_head *hash;		/* [PING_HTABLE_SIZE] by identifier, newest
					 * first; NULL until the first socket */
	u16 port_rover;				/* the last identifier handed out */
	int ping_group_range[2];		/* net.ipv4.ping_group_range: "1 0" */
	struct ctl_table_header *sysctl_hdr;
};

extern struct proto ping_prot;

/* the ICMP_ECHOREPLY handler: a copy to the socket of its identifier */
void ping_rcv(struct sk_buff *skb);
/* an error about an echo request (icmp_err for anything but echo replies) */
void ping_err(struct sk_buff *skb, int offset, u32 info);
int ping_net_init(struct net *net);
/* /proc/net/icmp */
extern const struct sim_fs_ops procfs_icmp_fs_ops;
void ping_net_exit(struct net *net);

#endif
