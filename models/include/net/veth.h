/*
 * models/include/net/veth.h - creating and removing veth pairs
 *
 * Mirrors what rtnl's veth_newlink/veth_dellink do for `ip link add NAME
 * type veth peer name PEER` and `ip link del NAME` (drivers/net/veth.c).
 */
#ifndef _SKBSIM_NET_VETH_H
#define _SKBSIM_NET_VETH_H

#include "linux/netdevice.h"

struct net_device *veth_newlink(struct net *net, const char *name, struct net *peer_net,
				const char *peername, const struct sim_link_config *cfg,
				struct sim_err *err);
void veth_dellink(struct net_device *dev);
bool netif_is_veth(const struct net_device *dev);

#endif
