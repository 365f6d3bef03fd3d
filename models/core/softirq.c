/*
 * models/core/softirq.c - softirqs and the CPU model of a node
 *
 * Mirrors kernel/softirq.c: raise_softirq_irqoff() marks a softirq
 * pending; irq_exit() and local_bh_enable() run pending softirqs
 * (__do_softirq) unless already inside one; after MAX_SOFTIRQ_RESTART
 * rounds the rest goes to ksoftirqd.
 *
 * The CPU model (ours; the kernel runs on real CPUs): without costs every
 * context takes no time and softirqs run inline, where the kernel runs
 * them.  With costs (node->cost[]), each CPU keeps busy_until, the end of
 * the work it has accounted:
 *   - a hardirq runs at its arrival time; it preempts whatever the CPU was
 *     doing, so its cost pushes busy_until (and the pending softirq step)
 *     later;
 *   - softirq work runs in steps (one packet of NET_RX, see napi.c), each
 *     at the time the CPU gets to it, taking the cost its code charged.
 * The effects of a step appear at its start (its packets move on at once)
 * and the next step waits until the CPU is free: the throughput, queueing
 * and preemption are right, a packet's own latency is short by one step.
 */
#include "linux/interrupt.h"

#include <errno.h>
#include <stdio.h>

#include "net/net_namespace.h"

static void softirq_step_event(struct world *w, struct sim_event *ev);

static const struct {
	unsigned int nr;
	void (*action)(struct sim_cpu *cpu);
} softirq_vec[] = {
	{ NET_TX_SOFTIRQ, net_tx_action },
	{ NET_RX_SOFTIRQ, net_rx_action },
};

/* /proc/net/softnet_stat's fields, and the CPU model's time, per CPU */
static const char *const softnet_names[] = {
	"processed", "dropped", "time_squeeze", "received_rps", "flow_limit_count",
	"cpu_collision",
};
static const char *const cpu_names[] = { "intr", "irq_ns", "softirq_ns" };

static uint64_t softnet_read(const struct sim_counter_set *cs, unsigned int i)
{
	const struct softnet_data *sd = &container_of(cs, struct sim_cpu, counter_set)->sd;
	const unsigned int v[] = { sd->processed, sd->dropped, sd->time_squeeze,
				   sd->received_rps, sd->flow_limit_count, sd->cpu_collision };

	return v[i];
}

static uint64_t cpu_read(const struct sim_counter_set *cs, unsigned int i)
{
	const struct sim_cpu *cpu = container_of(cs, struct sim_cpu, counter_set);

	return i == 0 ? cpu->hardirqs : i == 1 ? cpu->hardirq_ns : cpu->softirq_ns;
}

static const char *softnet_scope(const struct sim_counter_set *cs, char *buf)
{
	snprintf(buf, SIM_COUNTER_SCOPE_MAX, "softnet.cpu%u",
		 container_of(cs, struct sim_cpu, counter_set)->id);
	return buf;
}

static const char *cpu_scope(const struct sim_counter_set *cs, char *buf)
{
	snprintf(buf, SIM_COUNTER_SCOPE_MAX, "cpu%u",
		 container_of(cs, struct sim_cpu, counter_set)->id);
	return buf;
}

static const struct sim_counter_kind cpu_kind = {
	.scope_of = cpu_scope, .names = cpu_names, .n = G_N_ELEMENTS(cpu_names), .read = cpu_read,
};

/* one set per CPU, two tables: softnet.cpuN, then cpuN */
static const struct sim_counter_kind softnet_kind = {
	.scope_of = softnet_scope, .names = softnet_names, .n = G_N_ELEMENTS(softnet_names),
	.read = softnet_read, .next = &cpu_kind,
};

static void cpu_counters_register(struct sim_cpu *cpu)
{
	sim_counters_register(cpu->net->node, &cpu->counter_set, &softnet_kind);
}

int softirq_net_init(struct net *net, struct sim_err *err)
{
	(void)err;
	/* net->cpus[node->ncpus] come zeroed with the net (net_ns_node_init) */
	net->ncpus = net->node->ncpus;
	for (unsigned int i = 0; i < net->ncpus; i++) {
		struct sim_cpu *cpu = &net->cpus[i];

		cpu->net = net;
		cpu->id = i;
		sim_event_init(&cpu->softirq_ev, softirq_step_event);
		softnet_data_init(cpu);
		cpu_counters_register(cpu);
	}
	return 0;
}

void softirq_net_exit(struct net *net)
{
	if (!net->cpus)
		return;
	for (unsigned int i = 0; i < net->ncpus; i++) {
		sim_cancel(net->w, &net->cpus[i].softirq_ev);
		softnet_data_flush(&net->cpus[i]);
		sim_counters_unregister(net->node, &net->cpus[i].counter_set);
	}
	net->cpus = NULL;		/* freed with the net */
}

struct sim_cpu *net_cpu(struct net *net, unsigned int id)
{
	return &net->cpus[id < net->ncpus ? id : id % net->ncpus];
}

struct sim_cpu *this_cpu(struct net *net)
{
	return net->this_cpu ? net->this_cpu : &net->cpus[0];
}

void cpu_charge(struct net *net, unsigned int point, unsigned int bytes)
{
	const struct node *node = net->node;
	struct sim_cpu *cpu;

	if (!node->cost)
		return;
	cpu = this_cpu(net);
	cpu->charge += node->cost[point];
	if (bytes)
		cpu->charge += (sim_time_t)bytes * node->cost[SIM_COST_PER_BYTE_PS] / 1000;
}

/* Turns the current step's charge into CPU time; returns when it ends. */
static sim_time_t account_step(struct sim_cpu *cpu, u64 *bucket)
{
	sim_time_t now = sim_now(cpu->net->w);

	if (cpu->busy_until < now)
		cpu->busy_until = now;
	cpu->busy_until += cpu->charge;
	*bucket += (u64)cpu->charge;
	cpu->charge = 0;
	return cpu->busy_until;
}

/* Schedules the next softirq step when the CPU is free (cost mode). */
static void schedule_step(struct sim_cpu *cpu)
{
	sim_time_t at = cpu->busy_until;
	sim_time_t now = sim_now(cpu->net->w);

	if (at < now)
		at = now;
	if (!sim_event_pending(&cpu->softirq_ev) || cpu->softirq_ev.time != at)
		sim_schedule(cpu->net->w, &cpu->softirq_ev, at);
}

/*
 * __do_softirq - run the pending softirqs.  In cost mode, one step: each
 * action does one unit of work and re-raises itself if more remains; the
 * next step is an event when the CPU is free.
 */
static void __do_softirq(struct sim_cpu *cpu)
{
	struct net *net = cpu->net;
	struct sim_cpu *prev = net->this_cpu;
	int restart = MAX_SOFTIRQ_RESTART;
	unsigned long pending;

	net->this_cpu = cpu;
	cpu->softirq_count++;
	do {
		pending = cpu->softirq_pending;
		cpu->softirq_pending = 0;
		for (size_t i = 0; i < G_N_ELEMENTS(softirq_vec); i++)
			if (pending & BIT(softirq_vec[i].nr))
				softirq_vec[i].action(cpu);
	} while (cpu->softirq_pending && !cpu_costs_on(net) && --restart);
	cpu->softirq_count--;
	if (cpu_costs_on(net)) {
		account_step(cpu, &cpu->softirq_ns);
		if (cpu->softirq_pending)
			schedule_step(cpu);
	} else if (cpu->softirq_pending) {
		/* wakeup_softirqd(): the rest runs from ksoftirqd, soon */
		schedule_step(cpu);
	}
	net->this_cpu = prev;
}

static void softirq_step_event(struct world *w, struct sim_event *ev)
{
	struct sim_cpu *cpu = container_of(ev, struct sim_cpu, softirq_ev);

	(void)w;
	if (cpu->softirq_pending && !in_interrupt(cpu))
		__do_softirq(cpu);
}

/* invoke_softirq: at the end of an interrupt or a bh-disabled section. */
static void invoke_softirq(struct sim_cpu *cpu)
{
	if (!cpu->softirq_pending || in_interrupt(cpu))
		return;
	if (cpu_costs_on(cpu->net))
		schedule_step(cpu);	/* when the CPU is done with what it did */
	else
		__do_softirq(cpu);
}

void raise_softirq_irqoff(struct sim_cpu *cpu, unsigned int nr)
{
	cpu->softirq_pending |= BIT(nr);
	/* outside any interrupt context: ksoftirqd picks it up */
	if (!in_interrupt(cpu))
		invoke_softirq(cpu);
}

void local_bh_disable(struct net *net)
{
	this_cpu(net)->bh_disable_count++;
}

void local_bh_enable(struct net *net)
{
	struct sim_cpu *cpu = this_cpu(net);

	SIM_BUG_ON(cpu->bh_disable_count <= 0);
	if (--cpu->bh_disable_count == 0)
		invoke_softirq(cpu);
}

void sim_hardirq(struct sim_cpu *cpu, void (*handler)(void *arg), void *arg)
{
	struct net *net = cpu->net;
	struct sim_cpu *prev = net->this_cpu;
	sim_time_t saved_charge = cpu->charge;

	net->this_cpu = cpu;
	cpu->hardirq_count++;
	cpu->hardirqs++;
	cpu->charge = 0;
	cpu_charge(net, SIM_COST_HARDIRQ, 0);
	handler(arg);
	cpu->hardirq_count--;
	if (cpu_costs_on(net)) {
		/* preemption: the interrupted work ends later by this much */
		bool stepping = sim_event_pending(&cpu->softirq_ev);

		account_step(cpu, &cpu->hardirq_ns);
		if (stepping)
			schedule_step(cpu);
	}
	cpu->charge = saved_charge;
	invoke_softirq(cpu);	/* irq_exit() */
	net->this_cpu = prev;
}
