/*
 * models/include/linux/if_packet.h - the AF_PACKET user ABI
 *
 * include/uapi/linux/if_packet.h: struct sockaddr_ll, struct packet_mreq
 * and the SOL_PACKET options come from the C library's
 * <netpacket/packet.h> (the same layout); what it lacks is here.  The
 * skb->pkt_type values (PACKET_HOST...) are linux/skbuff.h's.
 */
#ifndef _SKBSIM_LINUX_IF_PACKET_H
#define _SKBSIM_LINUX_IF_PACKET_H

#include <netpacket/packet.h>

#include "linux/net.h"
#include "linux/types.h"

#ifndef SOL_PACKET
#define SOL_PACKET	263
struct sock;
extern const struct net_proto_family packet_family_ops;
/* a packet socket's protocol (network order) and bound ifindex; false if not one */
bool packet_sock_info(const struct sock *sk, __be16 *proto, int *ifindex);
/* /proc/net/packet */
extern const struct sim_fs_ops procfs_packet_fs_ops;

#endif

/* PACKET_STATISTICS of SOCK_RAW and SOCK_DGRAM sockets */
struct tpacket_stats {
	unsigned int tp_packets;
	unsigned int tp_drops;
};

struct sock;
extern const struct net_proto_family packet_family_ops;
/* a packet socket's protocol (network order) and bound ifindex; false if not one */
bool packet_sock_info(const struct sock *sk, __be16 *proto, int *ifindex);
/* /proc/net/packet */
extern const struct sim_fs_ops procfs_packet_fs_ops;

#endif
