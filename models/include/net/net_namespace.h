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

#include "linux/list.h"
#include "sim/world.h"

#define __NEW_UTS_LEN 64
#define PTYPE_HASH_SIZE 16

struct ctl_table_header;
struct net_device;
struct notifier_block;
struct sim_cpu;

/* net.core sysctls (global in the kernel; one machine per node here) */
struct netns_core {
	int netdev_budget;		/* 300 */
	int netdev_budget_usecs;	/* 2 * USEC_PER_SEC / HZ */
	int netdev_max_backlog;		/* 1000 */
	int dev_weight;			/* 64: process_backlog's weight */
	int dev_weight_rx_bias;
	int dev_weight_tx_bias;
	int dev_rx_weight, dev_tx_weight;	/* derived, as the kernel does */
	char default_qdisc[16];		/* "pfifo_fast" */
};

struct net {
	struct node *node;		/* the engine's node (name, rng, world) */
	struct world *w;
	/* UTS namespace, kept here: one namespace per node */
	char hostname[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
	GPtrArray *sysctl_headers;	/* struct ctl_table_header *, to unregister */

	/* devices (models/core/dev.c) */
	struct list_head dev_base_head;	/* struct net_device, ifindex order */
	int ifindex;			/* last ifindex handed out */
	struct net_device *loopback_dev;
	struct list_head ptype_base[PTYPE_HASH_SIZE];
	struct list_head ptype_all;
	struct notifier_block *netdev_chain;
	struct netns_core core;
	int xmit_recursion;		/* dev_xmit_recursion(): nested virtual xmits */

	/* the simulated CPUs (models/core/softirq.c) */
	struct sim_cpu *cpus;
	unsigned int ncpus;
	struct sim_cpu *this_cpu;	/* the CPU running the current context */
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
