/*
 * tests/unit/core/test_napi.c - NAPI, net_rx_action and the backlog
 *                                (models/core/napi.c)
 *
 * Frames sent with dev_queue_xmit() over cables into node b, whose NICs
 * coalesce interrupts (rx-usecs) so that a whole burst waits in the ring
 * when the interrupt fires: then net_rx_action() has to share its budget.
 * What is checked: the weight (64) per poll and the rotation of an
 * instance that used it, two NICs on one CPU taking turns, netdev_budget
 * (300) and netdev_budget_usecs ending a round with time_squeeze,
 * process_backlog() behind netif_rx() with netdev_max_backlog, MISSED
 * when napi_schedule() finds the instance scheduled, and interrupt per
 * frame against NAPI at low load.  Every test ends with no skb alive.
 */
#include "tl_link.h"

#include <glib.h>

#include "linux/etherdevice.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "sim/trace/metrics.h"

#define MAX_LOG 4096
#define MAX_SENDERS 2

/* What b's protocol handler saw, in order. */
struct rx_log {
	struct packet_type pt;
	int count;
	sim_time_t t[MAX_LOG];
	int ifindex[MAX_LOG];
	u32 seq[MAX_LOG];
};

/* b, and senders a (and c) each linked to it by a cable. */
struct rig {
	struct world *w;
	struct node *b;
	struct node *tx[MAX_SENDERS];
	struct net_device *dtx[MAX_SENDERS], *drx[MAX_SENDERS];
	int n;
	char *dir;
	struct rx_log log;
};

static struct rig r;

static int test_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	struct rx_log *log = container_of(pt, struct rx_log, pt);

	(void)orig_dev;
	if (log->count < MAX_LOG) {
		log->t[log->count] = sim_now(dev_net(dev)->w);
		log->ifindex[log->count] = dev->ifindex;
		memcpy(&log->seq[log->count], skb->data, sizeof(u32));
	}
	log->count++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/*
 * A 10 Gbit/s cable per sender into b; b's NICs wait @rx_usecs after the
 * first frame before interrupting (0: at once), with rings of @ring.
 */
static void rig_setup(int senders, int rx_usecs, unsigned int ring, int napi)
{
	static const char *const names[MAX_SENDERS] = { "a", "c" };
	struct sim_err err = { { 0 } };

	memset(&r, 0, sizeof(r));
	r.w = tl_world("napi", 1);
	r.b = world_add_node(r.w, "host", "b", NULL, &err);
	ck_assert_msg(r.b != NULL, "%s", err.msg);
	r.n = senders;
	for (int i = 0; i < senders; i++) {
		struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
		struct sim_link *link;

		cfg.rate_bps = 10000000000ULL;
		cfg.nic.rx_ring = ring;
		cfg.nic.tx_ring = ring;
		cfg.nic.rx_usecs = rx_usecs;
		cfg.nic.rx_frames = rx_usecs ? 0 : 1;
		cfg.nic.napi = napi;
		r.tx[i] = world_add_node(r.w, "host", names[i], NULL, &err);
		ck_assert_msg(r.tx[i] != NULL, "%s", err.msg);
		link = world_link(r.w, r.tx[i], r.b, &cfg, &err);
		ck_assert_msg(link != NULL, "%s", err.msg);
		r.dtx[i] = __dev_get_by_name(node_net(r.tx[i]), link->ifname[0]);
		r.drx[i] = __dev_get_by_name(node_net(r.b), link->ifname[1]);
		ck_assert_int_eq(dev_open(r.dtx[i], &err), 0);
		ck_assert_int_eq(dev_open(r.drx[i], &err), 0);
	}
	r.log.pt.type = htons(ETH_P_TEST);
	r.log.pt.func = test_rcv;
	dev_add_pack(node_net(r.b), &r.log.pt);
}

/* Drops are recorded from here on, in a metrics.db of the test's own. */
static void record_drops(void)
{
	r.dir = tl_record_drops(r.w);
}

static void rig_free(void)
{
	dev_remove_pack(node_net(r.b), &r.log.pt);
	tl_world_free(r.w);
	tl_rmtree(r.dir);
	g_free(r.dir);
}

/* b's CPUs take time: @driver ns per frame in the driver. */
static void b_costs(sim_time_t driver)
{
	node_set_cost(r.b, SIM_COST_DRIVER, driver);
}

/* @n frames of @len bytes from sender @i to b, numbered from @first. */
static void send_burst(int i, int n, unsigned int len, u32 first)
{
	for (int k = 0; k < n; k++) {
		struct sk_buff *skb = tl_test_frame(r.dtx[i], r.drx[i]->dev_addr, len,
						    first + (u32)k);

		ck_assert_int_eq(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	}
}

static uint64_t counter(const char *name)
{
	uint64_t v = 0;

	ck_assert_msg(sim_counter_get(r.b, name, &v) == 0, "no counter %s on b", name);
	return v;
}

/* The NAPI instance of b's device @i (queue 0). */
static struct napi_struct *rx_napi(int i)
{
	return list_first_entry(&r.drx[i]->napi_list, struct napi_struct, dev_list);
}

/* Run lengths of the receiving device in the log: "64 64 8" */
static char *runs(void)
{
	GString *s = g_string_new(NULL);
	int len = 0;

	for (int k = 0; k < r.log.count; k++) {
		len++;
		if (k + 1 == r.log.count || r.log.ifindex[k + 1] != r.log.ifindex[k]) {
			g_string_append_printf(s, "%s%d", s->len ? " " : "", len);
			len = 0;
		}
	}
	return g_string_free(s, FALSE);
}

/* "REASON@function xCOUNT" per cause since record_drops(), from drop_counts. */
static char *drop_counts(void)
{
	sim_metrics_abandon(r.w->metrics);	/* writes drop_counts */
	r.w->metrics = NULL;
	return tl_metrics_rows(r.w, r.dir, "SELECT printf('%s@%s x%d', reason, function, count) "
			       "FROM drop_counts ORDER BY reason, function", ", ");
}

/* Each device's frames came up in the order they were sent. */
static bool in_order(void)
{
	for (int k = 0; k < r.log.count && k < MAX_LOG; k++)
		for (int j = k + 1; j < r.log.count && j < MAX_LOG; j++)
			if (r.log.ifindex[j] == r.log.ifindex[k]) {
				if (r.log.seq[j] <= r.log.seq[k])
					return false;
				break;
			}
	return true;
}

/* ---- weight and budget --------------------------------------------------- */

START_TEST(test_poll_takes_the_weight_at_a_time)
{
	struct napi_struct *napi;

	rig_setup(1, 100, 1024, 1);
	send_burst(0, 200, 60, 0);
	world_run(r.w, SIM_NSEC_PER_MSEC);
	napi = rx_napi(0);
	ck_assert_int_eq(r.log.count, 200);
	ck_assert(in_order());
	/* one interrupt; polls of 64, 64, 64 and 8 (done early: complete) */
	ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 1);
	ck_assert_uint_eq(napi->polls, 4);
	ck_assert_uint_eq(napi->packets, 200);
	ck_assert_uint_eq(counter("softnet.cpu0.processed"), 200);
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 0);
	ck_assert(!(napi->state & BIT(NAPI_STATE_SCHED)));
	/* all 200 went up at the interrupt, 100 us after the first frame */
	ck_assert_int_eq(r.log.t[0], r.log.t[199]);
	rig_free();
}
END_TEST

/*
 * net.core.netdev_budget packets per round: the poll that takes the budget
 * to zero or below ends the round and time_squeeze counts it (even when
 * that poll emptied the ring: net_rx_action() checks the budget first);
 * the rest waits for the next round.  Without CPU costs every poll may
 * take a full weight, so a round takes up to 5 x 64 = 320 frames.
 */
static const struct budget_case {
	int frames, budget;
	unsigned int polls, squeeze;
} budget_cases[] = {
	{ 200, 300, 4, 0 },		/* 64 64 64 8: 100 of budget left */
	{ 299, 300, 5, 0 },		/* 64 64 64 64 43: 1 left */
	{ 300, 300, 5, 1 },		/* ... 44: done, but the budget is used up */
	{ 320, 300, 6, 1 },		/* the fifth poll takes 64: -20; then an empty poll */
	{ 500, 300, 8, 1 },		/* 320 | 64 64 52 */
	{ 1000, 300, 16, 3 },		/* 320 | 320 | 320 | 40 */
	{ 500, 100, 8, 4 },		/* 128 | 128 | 128 | 64 52: -16 */
	{ 500, 64, 8, 7 },		/* 64 a round: seven full, then 52 */
};

START_TEST(test_budget_ends_a_round)
{
	const struct budget_case *c = &budget_cases[_i];
	struct napi_struct *napi;

	rig_setup(1, 200, 1024, 1);
	node_net(r.b)->core.netdev_budget = c->budget;
	send_burst(0, c->frames, 60, 0);
	world_run(r.w, SIM_NSEC_PER_MSEC);
	napi = rx_napi(0);
	ck_assert_int_eq(r.log.count, c->frames);
	ck_assert(in_order());
	ck_assert_msg(napi->polls == c->polls, "%d frames, budget %d: %llu polls, want %u",
		      c->frames, c->budget, (unsigned long long)napi->polls, c->polls);
	ck_assert_msg(counter("softnet.cpu0.time_squeeze") == c->squeeze,
		      "%d frames, budget %d: time_squeeze %llu, want %u", c->frames, c->budget,
		      (unsigned long long)counter("softnet.cpu0.time_squeeze"), c->squeeze);
	ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 1);
	rig_free();
}
END_TEST

/*
 * Two NICs interrupt CPU 0 together: their instances take turns of one
 * weight each (an instance that used its weight goes to the tail).  With
 * CPU costs the frames go up one at a time, so the turns show in the order
 * of delivery.
 */
START_TEST(test_two_nics_share_a_cpu_round_robin)
{
	char *got;

	rig_setup(2, 100, 256, 1);
	b_costs(100);
	send_burst(0, 200, 60, 0);
	send_burst(1, 200, 60, 1000);
	world_run(r.w, 10 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 400);
	ck_assert(in_order());
	ck_assert_int_eq(r.log.ifindex[0], r.drx[0]->ifindex);	/* a interrupted first */
	got = runs();
	ck_assert_str_eq(got, "64 64 64 64 64 64 8 8");
	g_free(got);
	ck_assert_uint_eq(rx_napi(0)->packets, 200);
	ck_assert_uint_eq(rx_napi(1)->packets, 200);
	/* the budget ran out once, with both still on the list */
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 1);
	/* one frame every 100 ns of CPU */
	ck_assert_int_eq(r.log.t[399] - r.log.t[0], 399 * 100);
	rig_free();
}
END_TEST

START_TEST(test_without_costs_each_interrupt_polls_alone)
{
	char *got;

	rig_setup(2, 100, 256, 1);
	send_burst(0, 100, 60, 0);
	send_burst(1, 100, 60, 1000);
	world_run(r.w, 10 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 200);
	got = runs();
	/* no costs: each interrupt's softirq runs at its irq_exit, alone */
	ck_assert_str_eq(got, "100 100");
	g_free(got);
	rig_free();
}
END_TEST

/*
 * net.core.netdev_budget_usecs (two jiffies, 8 ms at HZ=250): with 40 us
 * of CPU per frame a round passes the time limit long before 300 frames.
 */
START_TEST(test_budget_usecs_ends_a_round_in_cost_mode)
{
	rig_setup(1, 100, 256, 1);
	b_costs(40000);
	send_burst(0, 250, 60, 0);
	world_run(r.w, 100 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 250);
	ck_assert(in_order());
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 1);
	ck_assert_int_eq(r.log.t[249] - r.log.t[0], 249 * 40000);
	rig_free();

	/* a longer limit: one round takes them all */
	rig_setup(1, 100, 256, 1);
	b_costs(40000);
	node_net(r.b)->core.netdev_budget_usecs = 20000;
	send_burst(0, 250, 60, 0);
	world_run(r.w, 100 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 250);
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 0);
	rig_free();
}
END_TEST

START_TEST(test_budget_in_cost_mode_counts_packets)
{
	rig_setup(1, 100, 1024, 1);
	b_costs(100);
	send_burst(0, 700, 60, 0);
	world_run(r.w, 10 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 700);
	/* rounds of 300: 300 | 300 | 100 */
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 2);
	ck_assert_uint_eq(counter("softnet.cpu0.processed"), 700);
	rig_free();
}
END_TEST

/* ---- the backlog of netif_rx ----------------------------------------------- */

/*
 * Interrupt per frame (nic napi off): the handler passes each frame to
 * netif_rx(); one interrupt for a ring of 1500 frames queues them all to
 * CPU 0's backlog, which takes netdev_max_backlog (1000) plus the one
 * that finds exactly 1000 queued, as enqueue_to_backlog() checks before
 * queueing.  The rest are dropped: softnet_stat's dropped column, the
 * device's rx_dropped, drop reason CPU_BACKLOG.
 */
START_TEST(test_backlog_overflow_is_counted)
{
	rig_setup(1, 200, 2048, 0);
	record_drops();
	send_burst(0, 1500, 60, 0);
	world_run(r.w, SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 1);
	ck_assert_int_eq(r.log.count, 1001);
	ck_assert(in_order());
	ck_assert_uint_eq(r.log.seq[1000], 1000);
	ck_assert_uint_eq(counter("softnet.cpu0.dropped"), 499);
	ck_assert_uint_eq(r.drx[0]->stats.rx_dropped, 499);
	ck_assert_uint_eq(r.drx[0]->stats.rx_packets, 1500);	/* the driver got them all */
	ck_assert_uint_eq(counter("softnet.cpu0.processed"), 1001);
	/* process_backlog has dev_rx_weight (64) and the same budget: 320 a round */
	ck_assert_uint_eq(counter("softnet.cpu0.time_squeeze"), 3);
	ck_assert_uint_eq(rx_napi(0)->polls, 0);	/* NAPI was never used */
	tl_assert_str_eq_free(drop_counts(), "CPU_BACKLOG@enqueue_to_backlog x499");
	rig_free();
}
END_TEST

START_TEST(test_backlog_limit_is_the_sysctl)
{
	rig_setup(1, 200, 256, 0);
	node_net(r.b)->core.netdev_max_backlog = 10;
	send_burst(0, 100, 60, 0);
	world_run(r.w, SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(r.log.count, 11);
	ck_assert_uint_eq(counter("softnet.cpu0.dropped"), 89);
	rig_free();
}
END_TEST

/* ---- scheduling state ---------------------------------------------------------- */

struct fake_napi {
	struct napi_struct napi;
	int polls;
	int completed;
	int schedule_in_poll;		/* napi_schedule() calls from inside the poll */
};

static int fake_poll(struct napi_struct *n, int budget)
{
	struct fake_napi *fk = container_of(n, struct fake_napi, napi);

	ck_assert_int_gt(budget, 0);
	fk->polls++;
	if (fk->schedule_in_poll > 0) {
		fk->schedule_in_poll--;
		/* an interrupt while polling: the instance is still scheduled */
		ck_assert(!napi_schedule(n));
		ck_assert(n->state & BIT(NAPI_STATE_MISSED));
	}
	if (napi_complete_done(n, 0))
		fk->completed++;
	return 0;
}

START_TEST(test_schedule_while_scheduled_sets_missed)
{
	struct fake_napi fk = { 0 };
	struct net *net;
	struct sim_cpu *cpu;

	rig_setup(1, 0, 256, 1);
	net = node_net(r.b);
	cpu = net_cpu(net, 0);
	netif_napi_add_weight(r.drx[0], &fk.napi, fake_poll, 64);
	/* not enabled yet: scheduling does nothing */
	ck_assert(!napi_schedule(&fk.napi));
	ck_assert_int_eq(fk.polls, 0);
	napi_enable(&fk.napi);

	local_bh_disable(net);
	ck_assert(napi_schedule(&fk.napi));
	ck_assert(fk.napi.state & BIT(NAPI_STATE_SCHED));
	ck_assert(!list_empty(&cpu->sd.poll_list));
	ck_assert(!napi_schedule(&fk.napi));		/* already: MISSED */
	ck_assert(fk.napi.state & BIT(NAPI_STATE_MISSED));
	ck_assert_int_eq(fk.polls, 0);
	local_bh_enable(net);				/* NET_RX runs here */
	/* the first complete found MISSED and rescheduled: polled again */
	ck_assert_int_eq(fk.polls, 2);
	ck_assert_int_eq(fk.completed, 1);
	ck_assert_uint_eq(fk.napi.state & (BIT(NAPI_STATE_SCHED) | BIT(NAPI_STATE_MISSED)), 0);
	ck_assert(list_empty(&cpu->sd.poll_list));

	/* the same when the interrupt comes during the poll */
	fk.polls = fk.completed = 0;
	fk.schedule_in_poll = 1;
	ck_assert(napi_schedule(&fk.napi));		/* outside bh: runs at once */
	ck_assert_int_eq(fk.polls, 2);
	ck_assert_int_eq(fk.completed, 1);

	/* disabled: a complete does not clear SCHED, a schedule does nothing */
	napi_disable(&fk.napi);
	ck_assert(!napi_schedule(&fk.napi));
	ck_assert_int_eq(fk.polls, 2);
	netif_napi_del(&fk.napi);
	rig_free();
}
END_TEST

/* ---- interrupt per frame against NAPI -------------------------------------------- */

/* At low load both deliver the same frames at the same times. */
START_TEST(test_irq_per_frame_and_napi_agree_at_low_load)
{
	sim_time_t t[2][100];

	for (int napi = 0; napi <= 1; napi++) {
		rig_setup(1, 0, 256, napi);
		for (int k = 0; k < 100; k++) {
			send_burst(0, 1, 1000, (u32)k);
			world_run(r.w, sim_now(r.w) + 10 * SIM_NSEC_PER_USEC);
		}
		world_run(r.w, sim_now(r.w) + SIM_NSEC_PER_MSEC);
		ck_assert_int_eq(r.log.count, 100);
		ck_assert(in_order());
		memcpy(t[napi], r.log.t, sizeof(t[napi]));
		ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 100);
		ck_assert_uint_eq(counter("softnet.cpu0.processed"), 100);
		ck_assert_uint_eq(counter("softnet.cpu0.dropped"), 0);
		ck_assert_uint_eq(rx_napi(0)->packets, napi ? 100 : 0);
		rig_free();
	}
	ck_assert_mem_eq(t[0], t[1], sizeof(t[0]));
}
END_TEST

/*
 * Overload with CPU costs: 1200 runts in 81 us, 1 us of hardirq each.
 * With an interrupt per frame the CPU does nothing but interrupts while
 * they come (receive livelock: the backlog waits for the flood to end);
 * NAPI masks the interrupt and delivers one frame per 500 ns meanwhile.
 */
START_TEST(test_napi_delivers_during_a_flood_irq_per_frame_does_not)
{
	const sim_time_t flood_end = 1200 * 672 / 10;	/* 67.2 ns a runt */
	int during[2];

	for (int napi = 0; napi <= 1; napi++) {
		rig_setup(1, 0, 256, napi);
		node_set_cost(r.b, SIM_COST_HARDIRQ, 1000);
		node_set_cost(r.b, SIM_COST_DRIVER, 300);
		node_set_cost(r.b, SIM_COST_CORE, 200);
		send_burst(0, 1200, 60, 0);
		world_run(r.w, 10 * SIM_NSEC_PER_MSEC);
		ck_assert(in_order());
		during[napi] = 0;
		for (int k = 0; k < r.log.count; k++)
			during[napi] += r.log.t[k] <= flood_end;
		if (napi) {
			/* the ring (256) took what the CPU could not */
			ck_assert_int_eq(r.log.count + (int)r.drx[0]->stats.rx_missed_errors, 1200);
			ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 1);
		} else {
			/* the backlog took 1001 in hardirq context, then the CPU got to them */
			ck_assert_int_eq(r.log.count, 1001);
			ck_assert_uint_eq(counter("eth0.rx_queue_0_irqs"), 1200);
		}
		rig_free();
	}
	ck_assert_int_eq(during[0], 0);
	ck_assert_int_ge(during[1], (int)(flood_end / 500) - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("napi");
	TCase *tc = tcase_create("napi");

	tcase_add_test(tc, test_poll_takes_the_weight_at_a_time);
	tcase_add_loop_test(tc, test_budget_ends_a_round, 0, (int)G_N_ELEMENTS(budget_cases));
	tcase_add_test(tc, test_two_nics_share_a_cpu_round_robin);
	tcase_add_test(tc, test_without_costs_each_interrupt_polls_alone);
	tcase_add_test(tc, test_budget_usecs_ends_a_round_in_cost_mode);
	tcase_add_test(tc, test_budget_in_cost_mode_counts_packets);
	tcase_add_test(tc, test_backlog_overflow_is_counted);
	tcase_add_test(tc, test_backlog_limit_is_the_sysctl);
	tcase_add_test(tc, test_schedule_while_scheduled_sets_missed);
	tcase_add_test(tc, test_irq_per_frame_and_napi_agree_at_low_load);
	tcase_add_test(tc, test_napi_delivers_during_a_flood_irq_per_frame_does_not);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
