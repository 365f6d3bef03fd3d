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
 * A set is (scope, names[], values): scope "Ip", "Udp", "eth0"...; the
 * metric name of value i is "<scope>.<names[i]>" (Ip.InReceives,
 * eth0.rx_packets).  Sets are read in registration order per node, so
 * outputs never depend on hash order.
 */
#ifndef SKBSIM_SIM_COUNTERS_H
#define SKBSIM_SIM_COUNTERS_H

#include <stdint.h>

struct node;

struct sim_counter_set {
	const char *scope;		/* owned by the model; may change (renames) */
	const char *const *names;	/* n names */
	unsigned int n;
	/*
	 * Either values[i] is the live value, or read() computes it from
	 * priv: never both, so they share a word (a set is in every device).
	 */
	uint64_t (*read)(const struct sim_counter_set *cs, unsigned int i);
	union {
		const uint64_t *values;		/* read == NULL */
		const void *priv;		/* for read() */
	};
};

/* The set must outlive its registration; unregister before freeing it. */
void sim_counters_register(struct node *node, struct sim_counter_set *cs);
void sim_counters_unregister(struct node *node, struct sim_counter_set *cs);

static inline uint64_t sim_counter_value(const struct sim_counter_set *cs, unsigned int i)
{
	return cs->read ? cs->read(cs, i) : cs->values[i];
}

/* Looks up "Scope.Name" on @node; returns 0 and sets *val, or -1. */
int sim_counter_get(const struct node *node, const char *qualified, uint64_t *val);

#endif
