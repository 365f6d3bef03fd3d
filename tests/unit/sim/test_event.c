/*
 * tests/unit/sim/test_event.c - the event queue
 *
 * No kernel counterpart (sim/event.c).  Events come out by time, and in
 * scheduling order among equal times; cancel and reschedule work on any
 * queued event wherever it sits; a long run of random operations agrees
 * with a naive oracle (a linear scan for the least (time, seq)).  Most
 * cases use struct sim_evq directly, without a world.
 */
#include <check.h>
#include <stdlib.h>

#include "sim/event.h"
#include "sim/world.h"
#include "testlib.h"

static void nop(struct world *w, struct sim_event *ev)
{
	(void)w;
	(void)ev;
}

/* splitmix64: a fixed, seeded sequence for the random cases */
static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static struct sim_event *new_events(int n)
{
	struct sim_event *ev = calloc((size_t)n, sizeof(*ev));

	ck_assert_ptr_nonnull(ev);
	for (int i = 0; i < n; i++)
		sim_event_init(&ev[i], nop);
	return ev;
}

/* Pops everything, checking that it comes out as @want (indices into @ev). */
static void expect_order(struct sim_evq *q, struct sim_event *ev, const int *want, int n)
{
	for (int i = 0; i < n; i++) {
		sim_time_t t = sim_evq_peek_time(q);
		struct sim_event *got = sim_evq_pop(q);

		ck_assert_ptr_nonnull(got);
		ck_assert_msg(got == &ev[want[i]], "pop %d: got event %d, want %d", i,
			      (int)(got - ev), want[i]);
		ck_assert_int_eq(got->time, t);
		ck_assert(!sim_event_pending(got));
	}
	ck_assert_ptr_null(sim_evq_pop(q));
	ck_assert_uint_eq(sim_evq_len(q), 0);
}

/* ---- order --------------------------------------------------------------- */

START_TEST(test_evq_empty)
{
	struct sim_evq q;

	sim_evq_init(&q);
	ck_assert_uint_eq(sim_evq_len(&q), 0);
	ck_assert_int_eq(sim_evq_peek_time(&q), SIM_TIME_MAX);
	ck_assert_ptr_null(sim_evq_pop(&q));
	ck_assert_ptr_null(sim_evq_pop(&q));
	ck_assert_int_eq(sim_evq_peek_time(&q), SIM_TIME_MAX);
	sim_evq_destroy(&q);
}
END_TEST

START_TEST(test_evq_pops_in_time_order)
{
	/* spread over several levels: ns, us, ms, s, hours */
	static const sim_time_t times[] = {
		5000, 3, 7 * SIM_NSEC_PER_SEC, 64, 63, 0, 4096, 3600 * SIM_NSEC_PER_SEC,
		4095, 65, SIM_NSEC_PER_MSEC, 1,
	};
	static const int want[] = { 5, 11, 1, 4, 3, 9, 8, 6, 0, 10, 2, 7 };
	const int n = G_N_ELEMENTS(times);
	struct sim_event *ev = new_events(n);
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < n; i++) {
		sim_evq_schedule(&q, &ev[i], times[i]);
		ck_assert(sim_event_pending(&ev[i]));
		ck_assert_int_eq(ev[i].time, times[i]);
	}
	ck_assert_uint_eq(sim_evq_len(&q), n);
	ck_assert_int_eq(sim_evq_peek_time(&q), 0);
	expect_order(&q, ev, want, n);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

START_TEST(test_evq_extreme_times)
{
	static const sim_time_t times[] = { SIM_TIME_MAX, 0, INT64_MIN, -1, 1, SIM_TIME_MAX - 1 };
	static const int want[] = { 2, 3, 1, 4, 5, 0 };
	struct sim_event *ev = new_events(6);
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < 6; i++)
		sim_evq_schedule(&q, &ev[i], times[i]);
	expect_order(&q, ev, want, 6);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

START_TEST(test_evq_ties_are_fifo)
{
	enum { N = 1000 };		/* several chunks in one bucket */
	struct sim_event *ev = new_events(N);
	int want[N];
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < N; i++) {
		sim_evq_schedule(&q, &ev[i], 777);
		want[i] = i;
	}
	expect_order(&q, ev, want, N);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/*
 * Ties scheduled before and after the queue moved on: the early ones sit
 * far away (high level), the later ones are scheduled once the clock is
 * close.  They must still come out in scheduling order.
 */
START_TEST(test_evq_ties_across_spills)
{
	enum { N = 8 };
	struct sim_event *ev = new_events(N + 2);
	static const int want[] = { 8, 9, 0, 1, 2, 3, 4, 5, 6, 7 };
	const sim_time_t t = 1000000;
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < N / 2; i++)
		sim_evq_schedule(&q, &ev[i], t);
	sim_evq_schedule(&q, &ev[N], 10);
	sim_evq_schedule(&q, &ev[N + 1], t - 1);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[N]);		/* clock at 10 */
	for (int i = N / 2; i < N - 1; i++)
		sim_evq_schedule(&q, &ev[i], t);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[N + 1]);		/* clock at t - 1 */
	sim_evq_schedule(&q, &ev[N - 1], t);			/* next to the others */
	expect_order(&q, ev, want + 2, N);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* An event scheduled for the current time runs after those already due. */
START_TEST(test_evq_schedule_at_now_goes_last)
{
	struct sim_event *ev = new_events(4);
	static const int want[] = { 1, 2, 3 };
	struct sim_evq q;

	sim_evq_init(&q);
	sim_evq_schedule(&q, &ev[0], 50);
	sim_evq_schedule(&q, &ev[1], 50);
	sim_evq_schedule(&q, &ev[2], 50);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[0]);
	sim_evq_schedule(&q, &ev[3], 50);
	expect_order(&q, ev, want, 3);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* Before the last popped time: not what the world does, but still ordered. */
START_TEST(test_evq_schedule_before_last_pop)
{
	struct sim_event *ev = new_events(6);
	static const int want[] = { 3, 4, 5, 1, 2 };
	struct sim_evq q;

	sim_evq_init(&q);
	sim_evq_schedule(&q, &ev[0], 1000);
	sim_evq_schedule(&q, &ev[1], 5000);
	sim_evq_schedule(&q, &ev[2], 1 << 20);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[0]);
	sim_evq_schedule(&q, &ev[3], 10);
	sim_evq_schedule(&q, &ev[4], 10);
	sim_evq_schedule(&q, &ev[5], 999);
	expect_order(&q, ev, want, 5);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* ---- cancel -------------------------------------------------------------- */

enum cancel_pos { CANCEL_HEAD, CANCEL_MIDDLE, CANCEL_LAST };

static const struct cancel_case {
	const char *name;
	sim_time_t spread;		/* times are i * spread, i = 0..9 */
	int victim;
} cancel_cases[] = {
	{ "head", 100, 0 },
	{ "middle", 100, 5 },
	{ "last", 100, 9 },
	{ "head of a tie", 0, 0 },
	{ "middle of a tie", 0, 5 },
	{ "last of a tie", 0, 9 },
	{ "far middle", SIM_NSEC_PER_SEC, 4 },
};

START_TEST(test_evq_cancel)
{
	const struct cancel_case *c = &cancel_cases[_i];
	struct sim_event *ev = new_events(10);
	int want[9], n = 0;
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < 10; i++)
		sim_evq_schedule(&q, &ev[i], 1000 + i * c->spread);
	ck_assert_msg(sim_evq_cancel(&q, &ev[c->victim]), "%s", c->name);
	ck_assert(!sim_event_pending(&ev[c->victim]));
	ck_assert_uint_eq(sim_evq_len(&q), 9);
	ck_assert_msg(!sim_evq_cancel(&q, &ev[c->victim]), "%s: twice", c->name);
	ck_assert_uint_eq(sim_evq_len(&q), 9);
	for (int i = 0; i < 10; i++)
		if (i != c->victim)
			want[n++] = i;
	expect_order(&q, ev, want, 9);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

START_TEST(test_evq_cancel_not_queued)
{
	struct sim_event *ev = new_events(2);
	struct sim_evq q;

	sim_evq_init(&q);
	ck_assert(!sim_evq_cancel(&q, &ev[0]));			/* never queued */
	sim_evq_schedule(&q, &ev[1], 5);
	ck_assert(!sim_evq_cancel(&q, &ev[0]));
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[1]);
	ck_assert(!sim_evq_cancel(&q, &ev[1]));			/* already ran */
	ck_assert_uint_eq(sim_evq_len(&q), 0);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* Cancelling the earliest far event must not make peek report its time. */
START_TEST(test_evq_cancel_min_then_peek)
{
	struct sim_event *ev = new_events(3);
	struct sim_evq q;

	sim_evq_init(&q);
	sim_evq_schedule(&q, &ev[0], 100000);
	sim_evq_schedule(&q, &ev[1], 100001);
	sim_evq_schedule(&q, &ev[2], 100002);
	ck_assert(sim_evq_cancel(&q, &ev[0]));
	ck_assert_int_eq(sim_evq_peek_time(&q), 100001);
	ck_assert(sim_evq_cancel(&q, &ev[1]));
	ck_assert_int_eq(sim_evq_peek_time(&q), 100002);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[2]);
	ck_assert_int_eq(sim_evq_peek_time(&q), SIM_TIME_MAX);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* ---- reschedule ---------------------------------------------------------- */

static const struct resched_case {
	const char *name;
	sim_time_t to;			/* others are at 100, 200, 300 (two each) */
	int want[7];			/* 6 = the rescheduled event */
} resched_cases[] = {
	{ "earlier", 50, { 6, 0, 1, 2, 3, 4, 5 } },
	{ "later", 400, { 0, 1, 2, 3, 4, 5, 6 } },
	{ "between", 250, { 0, 1, 2, 3, 6, 4, 5 } },
	{ "same time as its own", 200, { 0, 1, 2, 3, 6, 4, 5 } },
	{ "onto a tie", 100, { 0, 1, 6, 2, 3, 4, 5 } },
};

START_TEST(test_evq_reschedule)
{
	const struct resched_case *c = &resched_cases[_i];
	struct sim_event *ev = new_events(7);
	struct sim_evq q;

	sim_evq_init(&q);
	sim_evq_schedule(&q, &ev[0], 100);
	sim_evq_schedule(&q, &ev[1], 100);
	sim_evq_schedule(&q, &ev[6], 200);	/* first at 200 */
	sim_evq_schedule(&q, &ev[2], 200);
	sim_evq_schedule(&q, &ev[3], 200);
	sim_evq_schedule(&q, &ev[4], 300);
	sim_evq_schedule(&q, &ev[5], 300);
	sim_evq_schedule(&q, &ev[6], c->to);
	ck_assert_uint_eq(sim_evq_len(&q), 7);
	ck_assert_int_eq(ev[6].time, c->to);
	expect_order(&q, ev, c->want, 7);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/*
 * mod_timer() churn on one far timer, next to another in the same bucket,
 * must not grow the queue without bound.
 */
START_TEST(test_evq_reschedule_churn_is_bounded)
{
	struct sim_event *ev = new_events(2);
	const sim_time_t t = 2 * SIM_NSEC_PER_SEC;
	struct sim_evq q;
	uint32_t chunks;

	sim_evq_init(&q);
	sim_evq_schedule(&q, &ev[0], t + 500);
	sim_evq_schedule(&q, &ev[1], t);
	for (int i = 0; i < 1000; i++)
		sim_evq_schedule(&q, &ev[1], t + i % 7);
	chunks = q.nchunks;
	for (int i = 0; i < 1000000; i++)
		sim_evq_schedule(&q, &ev[1], t + i % 7);
	ck_assert_uint_eq(q.nchunks, chunks);
	ck_assert_uint_eq(sim_evq_len(&q), 2);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[1]);
	ck_assert_int_eq(ev[1].time, t + 999999 % 7);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[0]);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

START_TEST(test_evq_destroy_leaves_events_idle)
{
	struct sim_event *ev = new_events(600);
	struct sim_evq q;

	sim_evq_init(&q);
	for (int i = 0; i < 600; i++)
		sim_evq_schedule(&q, &ev[i], (i % 3) * 1000000 + i % 5);
	ck_assert(sim_evq_cancel(&q, &ev[7]));
	sim_evq_destroy(&q);
	for (int i = 0; i < 600; i++)
		ck_assert(!sim_event_pending(&ev[i]));
	/* usable again after destroy */
	sim_evq_schedule(&q, &ev[0], 3);
	ck_assert_ptr_eq(sim_evq_pop(&q), &ev[0]);
	sim_evq_destroy(&q);
	free(ev);
}
END_TEST

/* ---- random operations against an oracle ----------------------------------- */

/*
 * The oracle keeps (queued, time, seq) per event and finds the next one by
 * a linear scan for the least (time, seq): obviously right, O(n).
 */
struct oracle {
	int n;
	bool *queued;
	sim_time_t *time;
	uint64_t *seq;
	uint64_t next_seq;
	int len;
};

static void oracle_schedule(struct oracle *o, int i, sim_time_t t)
{
	if (!o->queued[i])
		o->len++;
	o->queued[i] = true;
	o->time[i] = t;
	o->seq[i] = o->next_seq++;
}

static int oracle_first(const struct oracle *o)
{
	int best = -1;

	for (int i = 0; i < o->n; i++) {
		if (!o->queued[i])
			continue;
		if (best < 0 || o->time[i] < o->time[best] ||
		    (o->time[i] == o->time[best] && o->seq[i] < o->seq[best]))
			best = i;
	}
	return best;
}

static const struct random_case {
	const char *name;
	int events;
	int ops;
	sim_time_t spread;	/* new times: now + [0, spread) */
	bool past;		/* also times before now (rebase path) */
	bool far;		/* one op in 16 goes up to 2^40 ns ahead */
} random_cases[] = {
	{ "ties", 300, 60000, 4, false, false },
	{ "near", 300, 60000, 1000, false, false },
	{ "wide", 300, 60000, 1 << 30, false, true },
	{ "big buckets", 3000, 60000, 64, false, false },
	{ "with the past", 200, 30000, 5000, true, true },
};

START_TEST(test_evq_random_against_oracle)
{
	const struct random_case *c = &random_cases[_i];
	struct sim_event *ev = new_events(c->events);
	struct oracle o = {
		.n = c->events,
		.queued = calloc((size_t)c->events, sizeof(bool)),
		.time = calloc((size_t)c->events, sizeof(sim_time_t)),
		.seq = calloc((size_t)c->events, sizeof(uint64_t)),
	};
	uint64_t rng = 0x5eed0000 + (uint64_t)_i;
	sim_time_t now = 0;
	struct sim_evq q;

	ck_assert(o.queued && o.time && o.seq);
	sim_evq_init(&q);
	for (int op = 0; op < c->ops; op++) {
		uint64_t r = mix(&rng);
		int i = (int)((r >> 8) % (uint64_t)c->events);
		unsigned int kind = r & 15;

		if (kind < 7) {
			/* schedule, or reschedule when already queued */
			sim_time_t t = now + (sim_time_t)(mix(&rng) % (uint64_t)c->spread);

			if (c->far && kind == 0)
				t = now + (sim_time_t)(mix(&rng) >> 24);
			if (c->past && kind == 1)
				t = now - (sim_time_t)(mix(&rng) % 3000);
			sim_evq_schedule(&q, &ev[i], t);
			oracle_schedule(&o, i, t);
		} else if (kind < 10) {
			bool was = o.queued[i];

			ck_assert_int_eq(sim_evq_cancel(&q, &ev[i]), was);
			if (was)
				o.len--;
			o.queued[i] = false;
		} else {
			int want = oracle_first(&o);
			sim_time_t peek = sim_evq_peek_time(&q);
			struct sim_event *got = sim_evq_pop(&q);

			if (want < 0) {
				ck_assert_int_eq(peek, SIM_TIME_MAX);
				ck_assert_ptr_null(got);
				continue;
			}
			ck_assert_msg(got == &ev[want], "%s op %d: popped %d, want %d (t=%lld)",
				      c->name, op, got ? (int)(got - ev) : -1, want,
				      (long long)o.time[want]);
			ck_assert_int_eq(peek, o.time[want]);
			o.queued[want] = false;
			o.len--;
			now = o.time[want];
		}
		ck_assert_uint_eq(sim_evq_len(&q), (uint32_t)o.len);
		ck_assert_int_eq(sim_event_pending(&ev[i]), o.queued[i]);
	}
	/* drain */
	for (int want; (want = oracle_first(&o)) >= 0;) {
		ck_assert_ptr_eq(sim_evq_pop(&q), &ev[want]);
		o.queued[want] = false;
	}
	ck_assert_ptr_null(sim_evq_pop(&q));
	sim_evq_destroy(&q);
	free(o.queued);
	free(o.time);
	free(o.seq);
	free(ev);
}
END_TEST

/* ---- through the world ------------------------------------------------------ */

struct rec_event {
	struct sim_event ev;
	int id;
	int *log;
	int *nlog;
	struct rec_event *spawn;	/* scheduled at now when this one runs */
};

static void rec_run(struct world *w, struct sim_event *ev)
{
	struct rec_event *r = (struct rec_event *)ev;

	r->log[(*r->nlog)++] = r->id;
	ck_assert_int_eq(sim_now(w), ev->time);
	if (r->spawn)
		sim_schedule(w, &r->spawn->ev, sim_now(w));
}

START_TEST(test_world_runs_ties_in_schedule_order)
{
	static const struct sim_module *const none[] = { NULL };
	struct world *w = tl_world_with("evq", 1, none);
	struct rec_event r[5];
	int log[5], nlog = 0;

	for (int i = 0; i < 5; i++) {
		r[i] = (struct rec_event){ .id = i, .log = log, .nlog = &nlog };
		sim_event_init(&r[i].ev, rec_run);
	}
	r[0].spawn = &r[4];		/* scheduled at 10 while 1..3 wait at 10 */
	sim_schedule(w, &r[0].ev, 10);
	sim_schedule(w, &r[1].ev, 10);
	sim_schedule(w, &r[2].ev, 10);
	sim_schedule(w, &r[3].ev, 20);
	sim_schedule(w, &r[1].ev, 10);	/* rescheduled: now behind 2 */
	ck_assert_int_eq(world_run(w, 15), 0);
	ck_assert_int_eq(sim_now(w), 15);
	ck_assert_int_eq(nlog, 4);
	ck_assert_int_eq(log[0], 0);
	ck_assert_int_eq(log[1], 2);
	ck_assert_int_eq(log[2], 1);
	ck_assert_int_eq(log[3], 4);
	ck_assert(sim_event_pending(&r[3].ev));
	ck_assert_int_eq(world_run(w, 100), 0);
	ck_assert_int_eq(log[4], 3);
	tl_world_free(w);
}
END_TEST

static Suite *event_suite(void)
{
	Suite *s = suite_create("event");
	TCase *tc;

	tc = tcase_create("order");
	tcase_add_test(tc, test_evq_empty);
	tcase_add_test(tc, test_evq_pops_in_time_order);
	tcase_add_test(tc, test_evq_extreme_times);
	tcase_add_test(tc, test_evq_ties_are_fifo);
	tcase_add_test(tc, test_evq_ties_across_spills);
	tcase_add_test(tc, test_evq_schedule_at_now_goes_last);
	tcase_add_test(tc, test_evq_schedule_before_last_pop);
	suite_add_tcase(s, tc);

	tc = tcase_create("cancel");
	tcase_add_loop_test(tc, test_evq_cancel, 0, G_N_ELEMENTS(cancel_cases));
	tcase_add_test(tc, test_evq_cancel_not_queued);
	tcase_add_test(tc, test_evq_cancel_min_then_peek);
	suite_add_tcase(s, tc);

	tc = tcase_create("reschedule");
	tcase_add_loop_test(tc, test_evq_reschedule, 0, G_N_ELEMENTS(resched_cases));
	tcase_add_test(tc, test_evq_reschedule_churn_is_bounded);
	tcase_add_test(tc, test_evq_destroy_leaves_events_idle);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_evq_random_against_oracle, 0, G_N_ELEMENTS(random_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("world");
	tcase_add_test(tc, test_world_runs_ties_in_schedule_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(event_suite());
}
