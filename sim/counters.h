/*
 * sim/counters.h - the registry of kernel-named counters
 *
 * No kernel counterpart as such: the kernel keeps MIBs (IPSTATS_MIB_*,
 * UDP_MIB_*), struct rtnl_link_stats64 and friends in its own structures
 * and prints them from tables of names (snmp4_ipstats_list).  Models do
 * the same and register each table here once, pointing at their live
 * values; metrics sampling, `skbsim diff` and the walkthrough read them
 * through this registry, so a new protocol only registers its counters.
 *
 * A table is (scope, names[], read()): scope "Ip", "Udp", "eth0"...; the
 * metric name of value i is "<scope>.<names[i]>" (Ip.InReceives,
 * eth0.rx_packets).  Sets are read in registration order per node, so
 * outputs never depend on hash order.
 *
 * Every node has a dozen sets or more (one per device, per CPU, per MIB),
 * and a star has 10^6 nodes: what all sets of a kind share (names, count,
 * how to read a value, the scope when it is fixed) is one const struct
 * sim_counter_kind, and a set is only its kind and the link that keeps
 * the node's sets in order, embedded in what it counts.  read() and
 * scope_of() find their object from the set (container_of); nothing is
 * read per packet, only when metrics sample or a script asks.  Tables
 * that come and go together are one set: its kind's next kind is read
 * from the same set (Ip, then IpExt, then Icmp, as /proc/net/snmp).
 */
#ifndef SKBSIM_SIM_COUNTERS_H
#define SKBSIM_SIM_COUNTERS_H

#include <stdint.h>

struct node;
struct sim_counter_set;

/* room for a scope scope_of() formats ("softnet.cpu255") */
#define SIM_COUNTER_SCOPE_MAX 32

struct sim_counter_kind {
	/* every set's scope ("Ip"), or NULL: scope_of() says ("eth0", renames) */
	const char *scope;
	/* returns a string that lives as long as the set, or @buf it filled */
	const char *(*scope_of)(const struct sim_counter_set *cs,
				char buf[SIM_COUNTER_SCOPE_MAX]);
	const char *const *names;	/* n names */
	unsigned int n;
	uint64_t (*read)(const struct sim_counter_set *cs, unsigned int i);
	/* the next table of the same set, or NULL */
	const struct sim_counter_kind *next;
};

struct sim_counter_set {
	const struct sim_counter_kind *kind;	/* NULL: not registered */
	struct sim_counter_set *next;	/* the node's sets, in registration order */
};

/* The set must outlive its registration; unregister before freeing it. */
void sim_counters_register(struct node *node, struct sim_counter_set *cs,
			   const struct sim_counter_kind *kind);
/* Harmless on a set that is not registered. */
void sim_counters_unregister(struct node *node, struct sim_counter_set *cs);

#define sim_counter_for_each(cs, node) \
	for ((cs) = (node)->counter_sets; (cs); (cs) = (cs)->next)

/* Every table of @node in order: each set's kind, then its next kinds. */
#define sim_counter_for_each_kind(cs, k, node) \
	sim_counter_for_each(cs, node) \
		for ((k) = (cs)->kind; (k); (k) = (k)->next)

/* value @i of table @k (cs->kind or one of its next kinds) of @cs */
static inline uint64_t sim_counter_value(const struct sim_counter_set *cs,
					 const struct sim_counter_kind *k, unsigned int i)
{
	return k->read(cs, i);
}

static inline const char *sim_counter_scope(const struct sim_counter_set *cs,
					    const struct sim_counter_kind *k,
					    char buf[SIM_COUNTER_SCOPE_MAX])
{
	return k->scope ? k->scope : k->scope_of(cs, buf);
}

/* Looks up "Scope.Name" on @node; returns 0 and sets *val, or -1. */
int sim_counter_get(const struct node *node, const char *qualified, uint64_t *val);

#endif
