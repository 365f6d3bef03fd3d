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
#include "sim/counters.h"
#include "sim/world.h"

#define __NEW_UTS_LEN 64
/*
 * 16 in the kernel, where ptype_base is one global table.  Here every node
 * has its own, usually with two types in it (ETH_P_IP and ETH_P_ARP, 0x0800
 * and 0x0806, apart in 4 lists; packet sockets add theirs); a type's handlers are still in one list in
 * registration order, so delivery is the same with 4 lists as with 16.
 */
#define PTYPE_HASH_SIZE 4

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

struct ipv4_devconf;
struct fib_table;
struct fib_rules_ops;
struct neigh_table;
struct icmp_listener;
struct udp_table;
struct raw_hashinfo;
struct ip_idents;
struct ping_table;
struct sock_files;
#include "net/snmp.h"

/*
 * The int sysctls of include/net/netns/ipv4.h (defaults of Linux 6.x),
 * under the kernel's names.  The kernel has them in every namespace; here
 * a namespace points at its world's defaults (almost none changes one)
 * until a write through /proc/sys gives it its own copy: see
 * ipv4_sysctl_write() in models/ipv4/af_inet.c.
 */
struct netns_ipv4_sysctl {
	int sysctl_ip_default_ttl;		/* 64 */
	int sysctl_ip_no_pmtu_disc;
	int sysctl_ip_fwd_use_pmtu;
	int sysctl_ip_fwd_update_priority;	/* 1 */
	int sysctl_ip_nonlocal_bind;
	int ip_local_ports_range[2];		/* 32768 60999 */
	int sysctl_icmp_echo_ignore_all;
	int sysctl_icmp_echo_ignore_broadcasts;	/* 1 */
	int sysctl_icmp_ignore_bogus_error_responses; /* 1 */
	int sysctl_icmp_errors_use_inbound_ifaddr;
	int sysctl_icmp_ratelimit;		/* jiffies: 1000 ms */
	int sysctl_icmp_ratemask;		/* 6168 */
	int sysctl_icmp_msgs_per_sec;		/* 1000 */
	int sysctl_icmp_msgs_burst;		/* 50 */
	int sysctl_icmp_echo_enable_probe;
	int sysctl_ipfrag_high_thresh;		/* 4 MiB */
	int sysctl_ipfrag_low_thresh;		/* 3 MiB */
	int sysctl_ipfrag_time;			/* jiffies: 30 s */
	int sysctl_ipfrag_max_dist;		/* 64 */
	/* multipath (net/ipv4/route.c fib_multipath_hash, fib_semantics.c) */
	int sysctl_fib_multipath_use_neigh;
	int sysctl_fib_multipath_hash_policy;	/* 0 L3, 1 L4, 2 L3 or inner L3, 3 fields */
	int sysctl_fib_multipath_hash_fields;	/* policy 3: FIB_MULTIPATH_HASH_FIELD_* */
	/* net/ipv4/route/ (ipv4_route_netns_table) */
	int ip_rt_mtu_expires;			/* jiffies: 600 s */
	int ip_rt_min_pmtu;			/* 552 */
};

/* include/net/netns/ipv4.h: IPv4 state and sysctls of a namespace */
struct netns_ipv4 {
	struct ipv4_devconf *devconf_all, *devconf_dflt;
	struct fib_table *fib_local, *fib_main, *fib_default;
	struct fib_table **fib_tables;	/* every table, by id order (fib_frontend.c) */
	unsigned int fib_num_tables;
	/* beside the int, in what was padding (struct net is malloc'ed per node) */
	bool fib_has_custom_rules;	/* a rule was added or deleted */
	bool fib_has_custom_local_routes;	/* a user added a local route */
	struct fib_rules_ops *rules_ops;	/* ip rule: fib_rules.c */
	struct list_head fib_info_list;
	struct neigh_table *arp_tbl;
	struct notifier_block *netdev_nb;	/* devinet's */
	struct notifier_block *fib_nb;
	struct notifier_block *arp_nb;
	struct netns_mib mib;
	struct sim_counter_set mib_set;		/* Ip, IpExt, Icmp */
	/* sysctls of net/ipv4/ and net/ipv4/route/: the world's defaults until written */
	struct netns_ipv4_sysctl *sysctl;
	/* IP IDs (net/ipv4/route.c ip_idents) */
	struct ip_idents *ip_idents;	/* the buckets used (ip_output.c) */
	struct sim_rng ip_id_rng;
	u64 ip_id_key;			/* the bucket hash's key: drawn at first use */
	/* the global ICMP rate limit token bucket (icmp_global) */
	u32 icmp_global_credit;
	unsigned long icmp_global_stamp;
	u64 fib_multipath_hash_key;		/* the namespace's random key, from its RNG */
	void *frags;			/* struct fqdir: reassembly queues */
	void *icmp_peers;		/* per-destination ICMP rate limit state */
	struct icmp_listener *icmp_listeners;	/* ping and raw sockets' view */
	void *inet;			/* af_inet.c's per-node state */
	struct udp_table *udp_table;	/* udp.c: bound UDP sockets and the Udp: MIB */
	struct raw_hashinfo *raw_v4_hashinfo;	/* raw.c: raw sockets by protocol */
	struct ping_table *ping_table;	/* ping.c: ping sockets by echo id */
};

/* include/uapi/linux/utsname.h: the two names of a UTS namespace we model */
struct new_utsname {
	char nodename[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

struct net {
	struct node *node;		/* the engine's node (name, rng, world) */
	struct world *w;
	/*
	 * UTS namespace, one per node: NULL until a name is set, the
	 * defaults (the node's name, "(none)") being what every node has
	 * (the defaults, as the kernel's init_uts_ns has them, until the first write makes the node's own); see utsname_nodename().
	 */
	struct new_utsname *uts_ns;
	GPtrArray *sysctl_headers;	/* its own tables' headers, or NULL (sysctl_net.c) */
	u64 sysctl_kinds;		/* bit i: the world's sysctl kind i is registered */

	/* devices (models/core/dev.c) */
	struct list_head dev_base_head;	/* struct net_device, ifindex order */
	int ifindex;			/* last ifindex handed out */
	int xmit_recursion;		/* dev_xmit_recursion(): nested virtual xmits */
	struct net_device *loopback_dev;
	struct list_head ptype_base[PTYPE_HASH_SIZE];
	struct list_head ptype_all;
	struct notifier_block *netdev_chain;
	struct netns_core core;

	struct netns_ipv4 ipv4;
	struct sock_files *files;	/* core/socket.c: the node's sockets by (pid, fd) */

	/* the simulated CPUs (models/core/softirq.c) */
	struct sim_cpu *cpus;
	struct sim_cpu *this_cpu;	/* the CPU running the current context */
	unsigned int ncpus;
	unsigned int napi_gen_id;	/* last NAPI id handed out (napi_hash_add) */
};

static inline struct net *node_net(const struct node *node)
{
	return node->net;
}

static inline struct world *net_world(const struct net *net)
{
	return net->w;
}

/* The node's hostname (kernel.hostname, uname -n). */
static inline const char *utsname_nodename(const struct net *net)
{
	return net->uts_ns ? net->uts_ns->nodename : net->node->name;
}

/* The node's own names, made from the defaults before the first change. */
struct new_utsname *utsname_write(struct net *net);

/* The node's own net.ipv4 sysctls, copied from the world's before the first write. */
struct netns_ipv4_sysctl *ipv4_sysctl_write(struct net *net);

#endif
