/*
 * models/include/linux/interrupt.h - hardirq and softirq contexts
 *
 * Mirrors include/linux/interrupt.h and kernel/softirq.c's interface:
 * softirq numbers, raise_softirq_irqoff(), local_bh_disable()/enable(),
 * and the hardirq entry a device model uses to run its interrupt handler.
 *
 * Each node has ncpus simulated CPUs (struct sim_cpu).  When the node has
 * no CPU costs (the default), contexts take no simulated time: softirqs
 * run at irq_exit() and local_bh_enable() exactly where the kernel runs
 * them, inline.  With costs, a CPU accounts the time its work takes
 * (busy_until); a hardirq preempts softirq work and pushes it later, and
 * NET_RX work advances packet by packet, so overload, receive livelock and
 * multiqueue scaling appear.  See models/core/softirq.c.
 */
#ifndef _SKBSIM_LINUX_INTERRUPT_H
#define _SKBSIM_LINUX_INTERRUPT_H

#include "linux/netdevice.h"
#include "linux/types.h"
#include "sim/event.h"

enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

#define MAX_SOFTIRQ_RESTART 10

struct Qdisc;

struct sim_cpu {
	struct net *net;
	struct softnet_data sd;
	unsigned long softirq_pending;
	unsigned int id;
	int hardirq_count;		/* inside a hardirq handler */
	int softirq_count;		/* serving softirqs */
	int bh_disable_count;		/* local_bh_disable() depth */
	/* NET_RX round state, kept across steps in cost mode */
	int rx_budget;
	bool rx_round;
	sim_time_t rx_deadline;
	/* NET_TX: qdiscs waiting to run (sd->output_queue) */
	struct Qdisc *output_queue;
	struct Qdisc **output_queue_tailp;
	/* CPU model */
	sim_time_t busy_until;		/* end of accounted work */
	sim_time_t charge;		/* cost of the current step */
	struct sim_event softirq_ev;	/* next softirq step (cost mode) / ksoftirqd */
	u64 hardirqs;
	u64 hardirq_ns, softirq_ns;	/* time spent, cost mode */
	/* metrics: softnet.cpuN.processed ..., then cpuN.intr ... (scopes from id) */
	struct sim_counter_set counter_set;
};

static inline bool in_hardirq(const struct sim_cpu *cpu)
{
	return cpu->hardirq_count > 0;
}

static inline bool in_serving_softirq(const struct sim_cpu *cpu)
{
	return cpu->softirq_count > 0;
}

static inline bool in_interrupt(const struct sim_cpu *cpu)
{
	return cpu->hardirq_count || cpu->softirq_count || cpu->bh_disable_count;
}

/* The CPU running the current context of @net (CPU 0 outside any). */
struct sim_cpu *this_cpu(struct net *net);
struct sim_cpu *net_cpu(struct net *net, unsigned int id);

void raise_softirq_irqoff(struct sim_cpu *cpu, unsigned int nr);
void local_bh_disable(struct net *net);
void local_bh_enable(struct net *net);

/*
 * sim_hardirq - run @handler as the interrupt handler of a device on @cpu,
 * now: the model's equivalent of an IRQ line firing.  Softirqs the handler
 * raises run at its irq_exit().
 */
void sim_hardirq(struct sim_cpu *cpu, void (*handler)(void *arg), void *arg);

/* Accounts work of cost point @point (and @bytes) to the current context. */
void cpu_charge(struct net *net, unsigned int point, unsigned int bytes);
static inline bool cpu_costs_on(const struct net *net);

/* models/core/softirq.c: per-node CPU setup */
int softirq_net_init(struct net *net, struct sim_err *err);
void softirq_net_exit(struct net *net);

/* models/core/napi.c: the NET_RX and NET_TX actions */
void net_rx_action(struct sim_cpu *cpu);
void net_tx_action(struct sim_cpu *cpu);
void softnet_data_init(struct sim_cpu *cpu);
void softnet_data_flush(struct sim_cpu *cpu);

#include "net/net_namespace.h"

static inline bool cpu_costs_on(const struct net *net)
{
	return net->node->cost != NULL;
}

#endif
