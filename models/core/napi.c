/*
 * models/core/napi.c - NAPI, net_rx_action and the netif_rx backlog
 *
 * Mirrors the NAPI half of net/core/dev.c: napi_schedule() puts an
 * instance on its CPU's poll list and raises NET_RX_SOFTIRQ;
 * net_rx_action() polls the list with the budget (net.core.netdev_budget,
 * 300 packets, and netdev_budget_usecs, two jiffies) and each instance's
 * weight (64), rotating an instance that used its whole weight to the
 * tail; running out of budget counts time_squeeze.  process_backlog() is
 * the NAPI instance of the per-CPU backlog that netif_rx() fills (at most
 * netdev_max_backlog packets, else a CPU_BACKLOG drop).
 *
 * In cost mode (see softirq.c) a poll is called with a budget of one
 * packet per step so that each packet takes its CPU time and hardirqs can
 * preempt between packets; weight, budget and time_squeeze are counted
 * across steps exactly as over a batch.  Differences: no GRO, no busy
 * polling, no threaded NAPI, no RPS.
 */
#include "linux/interrupt.h"

#include "net/net_namespace.h"
#include "net/sch_generic.h"
#include "trace/skbwalk.h"

static int process_backlog(struct napi_struct *napi, int quota);

void softnet_data_init(struct sim_cpu *cpu)
{
	struct softnet_data *sd = &cpu->sd;

	INIT_LIST_HEAD(&sd->poll_list);
	skb_queue_head_init(&sd->input_pkt_queue);
	memset(&sd->backlog, 0, sizeof(sd->backlog));
	INIT_LIST_HEAD(&sd->backlog.poll_list);
	INIT_LIST_HEAD(&sd->backlog.dev_list);
	sd->backlog.poll = process_backlog;
	sd->backlog.weight = 64;	/* dev_rx_weight, refreshed per round */
	sd->backlog.cpu = cpu->id;
	sd->cpu = cpu->id;
	cpu->output_queue = NULL;
	cpu->output_queue_tailp = &cpu->output_queue;
}

void softnet_data_flush(struct sim_cpu *cpu)
{
	skb_queue_purge(&cpu->sd.input_pkt_queue);
}

/* ---- NAPI instances ---------------------------------------------------- */

/*
 * The id busy polling and SO_INCOMING_NAPI_ID know an instance by, counted
 * per node from MIN_NAPI_ID (NR_CPUS + 1: ids below are CPU numbers; 8193
 * with Debian's CONFIG_NR_CPUS=8192).
 */
#define MIN_NAPI_ID 8193u

/*
 * The namespace of @napi: its device's, or for a CPU's backlog (no device)
 * that CPU's.  Not stored in every instance.
 */
static struct net *napi_net(struct napi_struct *napi)
{
	if (napi->dev)
		return dev_net(napi->dev);
	return container_of(napi, struct sim_cpu, sd.backlog)->net;
}

static void napi_hash_add(struct napi_struct *napi)
{
	struct net *net = napi_net(napi);

	if (++net->napi_gen_id < MIN_NAPI_ID)
		net->napi_gen_id = MIN_NAPI_ID;
	napi->napi_id = net->napi_gen_id;
}

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight)
{
	memset(napi, 0, sizeof(*napi));
	INIT_LIST_HEAD(&napi->poll_list);
	napi->poll = poll;
	napi->weight = weight;
	napi->dev = dev;
	napi->state = BIT(NAPI_STATE_SCHED);	/* disabled until napi_enable */
	list_add_tail(&napi->dev_list, &dev->napi_list);
	napi_hash_add(napi);
}

void netif_napi_del(struct napi_struct *napi)
{
	if (!list_empty(&napi->poll_list))
		list_del_init(&napi->poll_list);
	list_del_init(&napi->dev_list);
}

void napi_enable(struct napi_struct *n)
{
	n->state &= ~(BIT(NAPI_STATE_SCHED) | BIT(NAPI_STATE_DISABLE) | BIT(NAPI_STATE_MISSED));
}

void napi_disable(struct napi_struct *n)
{
	n->state |= BIT(NAPI_STATE_DISABLE);
	if (!list_empty(&n->poll_list))
		list_del_init(&n->poll_list);
	n->state |= BIT(NAPI_STATE_SCHED);
}

bool napi_schedule(struct napi_struct *n)
{
	struct sim_cpu *cpu;

	if (n->state & BIT(NAPI_STATE_SCHED)) {
		n->state |= BIT(NAPI_STATE_MISSED);
		return false;
	}
	n->state |= BIT(NAPI_STATE_SCHED);
	cpu = net_cpu(napi_net(n), n->cpu);
	n->work_this_round = 0;
	list_add_tail(&n->poll_list, &cpu->sd.poll_list);
	raise_softirq_irqoff(cpu, NET_RX_SOFTIRQ);
	return true;
}

bool napi_complete_done(struct napi_struct *n, int work_done)
{
	(void)work_done;
	if (n->state & BIT(NAPI_STATE_DISABLE))
		return false;
	if (!list_empty(&n->poll_list))
		list_del_init(&n->poll_list);
	if (n->state & BIT(NAPI_STATE_MISSED)) {
		/* work arrived while polling: stay scheduled */
		n->state &= ~BIT(NAPI_STATE_MISSED);
		n->state &= ~BIT(NAPI_STATE_SCHED);
		napi_schedule(n);
		return false;
	}
	n->state &= ~BIT(NAPI_STATE_SCHED);
	return true;
}

/* ---- net_rx_action ------------------------------------------------------- */

static void rx_round_start(struct sim_cpu *cpu)
{
	struct netns_core *core = &cpu->net->core;

	cpu->rx_round = true;
	cpu->rx_budget = core->netdev_budget;
	cpu->rx_deadline = sim_now(cpu->net->w) +
			   (sim_time_t)core->netdev_budget_usecs * SIM_NSEC_PER_USEC;
	cpu->sd.backlog.weight = core->dev_rx_weight;
}

/*
 * napi_poll - one poll of the list head.  Returns the packets processed.
 * @quota: what the poll may do now (the weight, or 1 in cost mode).
 */
static int napi_poll(struct sim_cpu *cpu, struct napi_struct *n, int quota)
{
	int work;

	if (n->work_this_round == 0)
		cpu_charge(cpu->net, SIM_COST_NAPI_POLL, 0);
	n->polls++;
	work = n->poll(n, quota);
	/* the backlog does one packet even on a quota below one (see
	 * process_backlog()); the kernel only logs such a poll */
	SIM_BUG_ON(work > quota && work > 1);
	n->packets += (u64)work;
	if (work < quota)
		return work;		/* the driver completed (or will) */
	/* used its quota: stays scheduled; rotate once the weight is used */
	n->work_this_round += work;
	if (n->work_this_round >= n->weight) {
		n->work_this_round = 0;
		if (!list_empty(&n->poll_list))
			list_move_tail(&n->poll_list, &cpu->sd.poll_list);
	}
	return work;
}

void net_rx_action(struct sim_cpu *cpu)
{
	struct softnet_data *sd = &cpu->sd;
	bool stepping = cpu_costs_on(cpu->net);

	if (!cpu->rx_round)
		rx_round_start(cpu);
	while (!list_empty(&sd->poll_list)) {
		struct napi_struct *n = list_first_entry(&sd->poll_list,
							 struct napi_struct, poll_list);
		int quota = stepping ? 1 : n->weight - n->work_this_round;

		cpu->rx_budget -= napi_poll(cpu, n, quota);
		if (cpu->rx_budget <= 0 || sim_now(cpu->net->w) > cpu->rx_deadline) {
			/* out of budget (counted even if nothing is left, as the kernel does) */
			sd->time_squeeze++;
			cpu->rx_round = false;
			break;
		}
		if (stepping)
			break;		/* one packet per step */
	}
	if (list_empty(&sd->poll_list))
		cpu->rx_round = false;
	else
		cpu->softirq_pending |= BIT(NET_RX_SOFTIRQ);
}

/* ---- the backlog of netif_rx() ----------------------------------------- */

/*
 * enqueue_to_backlog - netif_rx()'s queue on @cpu; drops beyond
 * netdev_max_backlog, counted in softnet_stat's dropped column.
 */
int enqueue_to_backlog(struct sk_buff *skb, struct sim_cpu *cpu)
{
	struct softnet_data *sd = &cpu->sd;

	if (skb_queue_len(&sd->input_pkt_queue) <= (u32)cpu->net->core.netdev_max_backlog) {
		skb_queue_tail(&sd->input_pkt_queue, skb);
		trace_skb_walk(skb, skb->dev, "cpu %u backlog: %u queued", cpu->id,
			       skb_queue_len(&sd->input_pkt_queue));
		if (skb_queue_len(&sd->input_pkt_queue) == 1)
			napi_schedule(&sd->backlog);
		return NET_RX_SUCCESS;
	}
	sd->dropped++;
	if (skb->dev)
		skb->dev->stats.rx_dropped++;
	kfree_skb_reason(skb, SKB_DROP_REASON_CPU_BACKLOG);
	return NET_RX_DROP;
}

static int process_backlog(struct napi_struct *napi, int quota)
{
	struct sim_cpu *cpu = container_of(napi, struct sim_cpu, sd.backlog);
	struct softnet_data *sd = &cpu->sd;
	struct sk_buff *skb;
	int work = 0;

	/*
	 * One packet at least per poll, as the kernel's loop (dequeue, then
	 * stop at the quota): a quota below one comes from dev_weight *
	 * dev_weight_rx_bias wrapping past INT_MAX, and the backlog must
	 * still drain.
	 */
	while ((skb = skb_dequeue(&sd->input_pkt_queue))) {
		trace_skb_walk(skb, skb->dev, "backlog napi of cpu %u, quota %d", cpu->id, quota);
		__netif_receive_skb(skb);
		if (++work >= quota)
			return work;
	}
	/* drained: the inline __napi_complete() of the kernel */
	napi->state &= ~(BIT(NAPI_STATE_SCHED) | BIT(NAPI_STATE_MISSED));
	if (!list_empty(&napi->poll_list))
		list_del_init(&napi->poll_list);
	return work;
}

/* ---- net_tx_action ------------------------------------------------------- */

void net_tx_action(struct sim_cpu *cpu)
{
	struct Qdisc *head = cpu->output_queue;

	cpu->output_queue = NULL;
	cpu->output_queue_tailp = &cpu->output_queue;
	while (head) {
		struct Qdisc *q = head;

		head = qdisc_next_sched(q);
		qdisc_run_from_softirq(q);
	}
}
