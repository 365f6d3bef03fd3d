/*
 * models/include/net/net_namespace.h - the per-node network namespace
 *
 * Mirrors include/net/net_namespace.h: every simulated node is one
 * network namespace, struct net, reached from the engine's node through
 * node->net.  Later subsystems hang their state here (net->ipv4,
 * net->dev_base_head...), as the kernel does.
 */
#ifndef _SKBSIM_NET_NET_NAMESPACE_H
#define _SKBSIM_NET_NET_NAMESPACE_H

#include "sim/world.h"

#define __NEW_UTS_LEN 64

struct ctl_table_header;

struct net {
	struct node *node;		/* the engine's node (name, rng, world) */
	struct world *w;
	/* UTS namespace, kept here: one namespace per node */
	char hostname[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
	GPtrArray *sysctl_headers;	/* struct ctl_table_header *, to unregister */
};

static inline struct net *node_net(const struct node *node)
{
	return node->net;
}

static inline struct world *net_world(const struct net *net)
{
	return net->w;
}

#endif
