/*
 * tests/unit/sim/test_timer.c - jiffies and timer_list on the event queue
 *
 * Mirrors kernel/time/timer.c's observable behaviour (sim/timer.c):
 * jiffies start at INITIAL_JIFFIES, a timer fires at its timer-wheel
 * bucket (the next multiple of its level's granularity strictly after
 * `expires`, never early), mod_timer()/del_timer() return whether the
 * timer was pending, and callbacks run at the tick's simulated time.
 * The wheel's rounding is checked against a naive oracle: the smallest
 * multiple of 8^level greater than expires.
 */
#include <check.h>
#include <limits.h>
#include <stddef.h>

#include "sim/timer.h"
#include "testlib.h"

static struct world *world_hz(unsigned int hz)
{
	struct world_config cfg = { .name = "timer", .seed = 1, .hz = hz };
	struct sim_err err = { { 0 } };
	struct world *w = world_create(&cfg, &err);

	ck_assert_msg(w != NULL, "HZ=%u: %s", hz, err.msg);
	return w;
}

/* Moves the clock of an idle world to @t (nothing queued runs). */
static void clock_to(struct world *w, sim_time_t t)
{
	ck_assert_int_eq(world_run(w, t), 0);
	ck_assert_int_eq(sim_now(w), t);
}

/* ---- jiffies ---------------------------------------------------------- */

struct hz_case {
	unsigned int hz;
	sim_time_t tick_ns;		/* TICK_NSEC */
	unsigned long initial;		/* INITIAL_JIFFIES: -300 s of ticks, 32-bit */
	unsigned int depth;		/* LVL_DEPTH */
};

static const struct hz_case hz_cases[] = {
	{ 100, 10000000, 0xFFFF8AD0UL, 8 },
	{ 250, 4000000, 0xFFFEDB08UL, 9 },
	{ 300, 3333333, 0xFFFEA070UL, 9 },
	{ 1000, 1000000, 0xFFFB6C20UL, 9 },
};

START_TEST(test_jiffies_start_at_initial_jiffies)
{
	const struct hz_case *c = &hz_cases[_i];
	struct world *w = world_hz(c->hz);

	ck_assert_uint_eq(INITIAL_JIFFIES(c->hz), c->initial);
	ck_assert_uint_eq(sim_jiffies(w), c->initial);
	ck_assert_int_eq(w->tick_ns, c->tick_ns);
	tl_world_free(w);
}
END_TEST

START_TEST(test_jiffies_advance_one_per_tick)
{
	const struct hz_case *c = &hz_cases[_i];
	struct world *w = world_hz(c->hz);

	clock_to(w, c->tick_ns - 1);
	ck_assert_uint_eq(sim_jiffies(w), c->initial);
	clock_to(w, c->tick_ns);
	ck_assert_uint_eq(sim_jiffies(w), c->initial + 1);
	clock_to(w, 10 * c->tick_ns + c->tick_ns / 2);
	ck_assert_uint_eq(sim_jiffies(w), c->initial + 10);
	/* one simulated second is HZ ticks (HZ=300: 1 s / 3333333 ns = 300) */
	clock_to(w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(sim_jiffies(w), c->initial + c->hz);
	/* five minutes in, the low 32 bits have wrapped, as on Linux */
	clock_to(w, 300 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(sim_jiffies(w), c->initial + 300UL * c->hz);
	ck_assert_uint_eq((unsigned int)sim_jiffies(w), 0);
	tl_world_free(w);
}
END_TEST

START_TEST(test_jiffies_to_time_is_the_tick)
{
	const struct hz_case *c = &hz_cases[_i];
	struct world *w = world_hz(c->hz);

	ck_assert_int_eq(sim_jiffies_to_time(w, c->initial), 0);
	ck_assert_int_eq(sim_jiffies_to_time(w, c->initial + 1), c->tick_ns);
	ck_assert_int_eq(sim_jiffies_to_time(w, c->initial + 1250), 1250 * c->tick_ns);
	/* across the 32-bit wrap */
	ck_assert_int_eq(sim_jiffies_to_time(w, c->initial + 300UL * c->hz),
			 300LL * c->hz * c->tick_ns);
	tl_world_free(w);
}
END_TEST

START_TEST(test_jiffies_hz_250_is_4ms)
{
	struct world *w = world_hz(250);

	ck_assert_uint_eq(sim_jiffies(w), 0xFFFEDB08UL);
	clock_to(w, 4 * SIM_NSEC_PER_MSEC);
	ck_assert_uint_eq(sim_jiffies(w), 0xFFFEDB09UL);
	clock_to(w, 8 * SIM_NSEC_PER_MSEC - 1);
	ck_assert_uint_eq(sim_jiffies(w), 0xFFFEDB09UL);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_hz_defaults_to_250)
{
	struct world *w = world_hz(0);

	ck_assert_uint_eq(w->hz, SIM_HZ_DEFAULT);
	ck_assert_uint_eq(SIM_HZ_DEFAULT, 250);
	ck_assert_uint_eq(sim_jiffies(w), 0xFFFEDB08UL);
	tl_world_free(w);
}
END_TEST

/* ---- msecs <-> jiffies ------------------------------------------------- */

struct ms_case {
	unsigned int hz;
	unsigned int ms;
	unsigned long jiffies;		/* msecs_to_jiffies: rounded up */
};

static const struct ms_case ms_cases[] = {
	{ 250, 0, 0 },	  { 250, 1, 1 },    { 250, 4, 1 },    { 250, 5, 2 },
	{ 250, 8, 2 },	  { 250, 1000, 250 }, { 250, 5000, 1250 },
	{ 300, 1, 1 },	  { 300, 3, 1 },    { 300, 4, 2 },    { 300, 10, 3 },
	{ 300, 1000, 300 },
	{ 1000, 1, 1 },	  { 1000, 1234, 1234 },
	{ 100, 1, 1 },	  { 100, 10, 1 },   { 100, 11, 2 },   { 100, 1000, 100 },
	{ 250, UINT_MAX, 1073741824UL },	/* no overflow in 64 bits */
};

START_TEST(test_msecs_to_jiffies_rounds_up)
{
	const struct ms_case *c = &ms_cases[_i];
	struct world *w = world_hz(c->hz);

	ck_assert_msg(sim_msecs_to_jiffies(w, c->ms) == c->jiffies,
		      "HZ=%u %u ms gave %lu jiffies, want %lu", c->hz, c->ms,
		      sim_msecs_to_jiffies(w, c->ms), c->jiffies);
	tl_world_free(w);
}
END_TEST

struct j2ms_case {
	unsigned int hz;
	unsigned long jiffies;
	unsigned int ms;		/* jiffies_to_msecs: truncated */
};

static const struct j2ms_case j2ms_cases[] = {
	{ 250, 0, 0 }, { 250, 1, 4 }, { 250, 250, 1000 }, { 250, 1250, 5000 },
	{ 300, 1, 3 }, { 300, 3, 10 }, { 300, 300, 1000 },
	{ 100, 1, 10 }, { 1000, 7, 7 },
};

START_TEST(test_jiffies_to_msecs_truncates)
{
	const struct j2ms_case *c = &j2ms_cases[_i];
	struct world *w = world_hz(c->hz);

	ck_assert_uint_eq(sim_jiffies_to_msecs(w, c->jiffies), c->ms);
	tl_world_free(w);
}
END_TEST

/* ---- time_after() and friends ------------------------------------------- */

struct cmp_case {
	unsigned long a, b;
	bool after, before, after_eq, before_eq;
};

static const struct cmp_case cmp_cases[] = {
	{ 2, 1, true, false, true, false },
	{ 1, 2, false, true, false, true },
	{ 5, 5, false, false, true, true },
	/* across the wrap of unsigned long: 0x10 is 0x21 ticks after ULONG_MAX-0x10 */
	{ 0x10, ULONG_MAX - 0x10, true, false, true, false },
	{ ULONG_MAX - 0x10, 0x10, false, true, false, true },
	/* across the 32-bit wrap that INITIAL_JIFFIES sets up five minutes in */
	{ 0x100000005UL, 0xFFFEDB08UL, true, false, true, false },
	{ 0xFFFEDB08UL, 0x100000005UL, false, true, false, true },
	{ ULONG_MAX, 0, false, true, false, true },
};

START_TEST(test_time_after_is_wrap_safe)
{
	const struct cmp_case *c = &cmp_cases[_i];

	ck_assert_msg(time_after(c->a, c->b) == c->after, "time_after(%#lx, %#lx)", c->a, c->b);
	ck_assert_msg(time_before(c->a, c->b) == c->before, "time_before(%#lx, %#lx)", c->a,
		      c->b);
	ck_assert_msg(time_after_eq(c->a, c->b) == c->after_eq, "time_after_eq(%#lx, %#lx)",
		      c->a, c->b);
	ck_assert_msg(time_before_eq(c->a, c->b) == c->before_eq,
		      "time_before_eq(%#lx, %#lx)", c->a, c->b);
}
END_TEST

/* ---- the wheel's bucket expiry ------------------------------------------ */

#define LVL_START(n)	(63UL << (((n) - 1) * 3))
#define LVL_GRAN(n)	(1UL << ((n) * 3))

struct bucket_case {
	unsigned long delta;		/* expires - jiffies */
	unsigned int level;		/* the wheel level it lands on */
};

static const struct bucket_case bucket_cases[] = {
	{ 0, 0 },	{ 1, 0 },	{ 62, 0 },
	{ 63, 1 },	{ 100, 1 },	{ 503, 1 },
	{ 504, 2 },	{ 1250, 2 },	{ 4031, 2 },	/* 1250: a 5 s timer at HZ=250 */
	{ 4032, 3 },	{ 32255, 3 },
	{ 32256, 4 },	{ 258047, 4 },
	{ 258048, 5 },	{ 2064383, 5 },
	{ 2064384, 6 },	{ 16515071, 6 },
	{ 16515072, 7 },{ 132120575, 7 },
	{ 132120576, 8 },		/* the last level at HZ > 100 */
	{ (63UL << 24) - 1, 8 },	/* just inside WHEEL_TIMEOUT_CUTOFF */
};

/* The naive oracle: the first multiple of @gran strictly after @expires. */
static unsigned long next_multiple_after(unsigned long expires, unsigned long gran)
{
	unsigned long b = expires + 1;

	while (b % gran)
		b++;
	return b;
}

static void check_bucket(struct world *w, unsigned long delta, unsigned int level)
{
	unsigned long clk = sim_jiffies(w);
	unsigned long expires = clk + delta;
	unsigned long gran = LVL_GRAN(level);
	unsigned long bucket = sim_timer_bucket_expiry(w, expires);

	ck_assert_msg(bucket >= expires + 1, "delta %lu: bucket %#lx is early (expires %#lx)",
		      delta, bucket, expires);
	ck_assert_msg(bucket % gran == 0, "delta %lu: bucket %#lx not a multiple of %lu",
		      delta, bucket, gran);
	ck_assert_msg(bucket - expires <= gran, "delta %lu: bucket %lu ticks late, gran %lu",
		      delta, bucket - expires, gran);
	ck_assert_uint_eq(bucket, next_multiple_after(expires, gran));
}

START_TEST(test_bucket_expiry_follows_wheel_levels)
{
	const struct bucket_case *c = &bucket_cases[_i];
	struct world *w = world_hz(250);

	check_bucket(w, c->delta, c->level);
	/* the same at any clock: slots are aligned on absolute jiffies */
	clock_to(w, 7 * SIM_NSEC_PER_SEC + 12 * SIM_NSEC_PER_MSEC);
	check_bucket(w, c->delta, c->level);
	clock_to(w, 300 * SIM_NSEC_PER_SEC);	/* the 32-bit wrap */
	check_bucket(w, c->delta, c->level);
	tl_world_free(w);
}
END_TEST

START_TEST(test_bucket_expiry_level_zero_is_next_tick_after_expires)
{
	struct world *w = world_hz(250);
	unsigned long j = sim_jiffies(w);

	for (unsigned long d = 0; d < 63; d++)
		ck_assert_uint_eq(sim_timer_bucket_expiry(w, j + d), j + d + 1);
	tl_world_free(w);
}
END_TEST

START_TEST(test_bucket_expiry_in_the_past_is_next_tick)
{
	struct world *w = world_hz(250);
	unsigned long j;

	clock_to(w, SIM_NSEC_PER_SEC);
	j = sim_jiffies(w);
	ck_assert_uint_eq(sim_timer_bucket_expiry(w, j - 1), j + 1);
	ck_assert_uint_eq(sim_timer_bucket_expiry(w, j - 1000), j + 1);
	ck_assert_uint_eq(sim_timer_bucket_expiry(w, 0), j + 1);	/* long ago */
	tl_world_free(w);
}
END_TEST

/*
 * Beyond WHEEL_TIMEOUT_CUTOFF (LVL_START(LVL_DEPTH)) the kernel caps the
 * expiry at WHEEL_TIMEOUT_MAX from now and queues it on the last level:
 * such a timer fires early, at the cap, never later.
 */
START_TEST(test_bucket_expiry_caps_obscene_timeouts)
{
	const struct hz_case *c = &hz_cases[_i];
	struct world *w = world_hz(c->hz);
	unsigned long cutoff = LVL_START(c->depth);
	unsigned long gran = LVL_GRAN(c->depth - 1);
	const unsigned long deltas[] = { cutoff, cutoff + 1, 1UL << 40, LONG_MAX };

	clock_to(w, 3 * SIM_NSEC_PER_SEC);
	for (size_t i = 0; i < G_N_ELEMENTS(deltas); i++) {
		unsigned long clk = sim_jiffies(w);
		unsigned long capped = clk + cutoff - gran;	/* WHEEL_TIMEOUT_MAX */
		unsigned long bucket = sim_timer_bucket_expiry(w, clk + deltas[i]);

		ck_assert_msg(bucket == next_multiple_after(capped, gran),
			      "HZ=%u delta %#lx: bucket %#lx", c->hz, deltas[i], bucket);
		ck_assert(time_before(bucket, clk + cutoff + 1));
	}
	/* just inside the cutoff: the last level, not capped */
	check_bucket(w, cutoff - 1, c->depth - 1);
	tl_world_free(w);
}
END_TEST

/* ---- timer_list --------------------------------------------------------- */

struct owner {
	int id;
	struct timer_list timer;
	int fired;
	sim_time_t fired_at;
	unsigned long jiffies_at;
	int rearm;			/* re-arm this many more times */
	unsigned long period;
	int *log, *nlog;		/* shared order log */
	int del_in_cb, mod_in_cb;	/* return values seen inside the callback */
};

static void owner_fn(struct timer_list *t)
{
	struct owner *o = from_timer(o, t, timer);

	o->fired++;
	o->fired_at = sim_now(t->w);
	o->jiffies_at = sim_jiffies(t->w);
	ck_assert(!timer_pending(t));
	if (o->log)
		o->log[(*o->nlog)++] = o->id;
	if (o->rearm > 0) {
		o->rearm--;
		o->mod_in_cb = mod_timer(t, sim_jiffies(t->w) + o->period);
	} else {
		o->del_in_cb = del_timer(t);
	}
}

static void owner_init(struct world *w, struct owner *o, int id)
{
	*o = (struct owner){ .id = id, .del_in_cb = -1, .mod_in_cb = -1 };
	timer_setup(w, &o->timer, owner_fn, 0);
}

START_TEST(test_timer_setup_is_not_pending)
{
	struct world *w = world_hz(250);
	struct owner o;

	owner_init(w, &o, 1);
	ck_assert(!timer_pending(&o.timer));
	ck_assert_ptr_eq(o.timer.w, w);
	ck_assert_int_eq(del_timer(&o.timer), 0);
	ck_assert_int_eq(del_timer_sync(&o.timer), 0);
	tl_world_free(w);
}
END_TEST

START_TEST(test_mod_timer_returns_whether_it_was_pending)
{
	struct world *w = world_hz(250);
	unsigned long j = sim_jiffies(w);
	struct owner o;

	owner_init(w, &o, 1);
	ck_assert_int_eq(mod_timer(&o.timer, j + 10), 0);
	ck_assert(timer_pending(&o.timer));
	ck_assert_uint_eq(o.timer.expires, j + 10);
	ck_assert_int_eq(mod_timer(&o.timer, j + 20), 1);
	ck_assert_uint_eq(o.timer.expires, j + 20);
	ck_assert_int_eq(timer_fire_time(&o.timer), 21 * w->tick_ns);
	ck_assert_int_eq(del_timer(&o.timer), 1);
	ck_assert(!timer_pending(&o.timer));
	ck_assert_int_eq(del_timer(&o.timer), 0);
	ck_assert_int_eq(mod_timer(&o.timer, j + 5), 0);
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.fired, 1);
	ck_assert_int_eq(o.fired_at, 6 * w->tick_ns);
	tl_world_free(w);
}
END_TEST

START_TEST(test_add_timer_arms_for_expires)
{
	struct world *w = world_hz(250);
	struct owner o;

	owner_init(w, &o, 1);
	o.timer.expires = sim_jiffies(w) + 3;
	add_timer(&o.timer);
	ck_assert(timer_pending(&o.timer));
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.fired, 1);
	ck_assert_int_eq(o.fired_at, 4 * 4 * SIM_NSEC_PER_MSEC);
	tl_world_free(w);
}
END_TEST

START_TEST(test_deleted_timer_never_fires)
{
	struct world *w = world_hz(250);
	struct owner o;

	owner_init(w, &o, 1);
	mod_timer(&o.timer, sim_jiffies(w) + 1);
	ck_assert_int_eq(del_timer_sync(&o.timer), 1);
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.fired, 0);
	tl_world_free(w);
}
END_TEST

START_TEST(test_timer_fires_at_its_bucket_tick)
{
	const struct bucket_case *c = &bucket_cases[_i];
	struct world *w = world_hz(250);
	struct owner o;
	unsigned long expires, bucket;

	owner_init(w, &o, 1);
	clock_to(w, 1 * SIM_NSEC_PER_SEC + 1);	/* between ticks */
	expires = sim_jiffies(w) + c->delta;
	bucket = sim_timer_bucket_expiry(w, expires);
	mod_timer(&o.timer, expires);
	ck_assert_int_eq(timer_fire_time(&o.timer), sim_jiffies_to_time(w, bucket));
	ck_assert_int_eq(world_run(w, SIM_TIME_MAX - 1), 0);
	ck_assert_int_eq(o.fired, 1);
	ck_assert_uint_eq(o.jiffies_at, bucket);
	ck_assert_int_eq(o.fired_at, sim_jiffies_to_time(w, bucket));
	ck_assert(time_after(o.jiffies_at, expires));	/* never early */
	tl_world_free(w);
}
END_TEST

/* A 5 s timer at HZ=250: 1250 jiffies, level 2, 64-jiffy slots. */
START_TEST(test_five_second_timer_fires_up_to_256ms_late)
{
	sim_time_t min_late = SIM_TIME_MAX, max_late = 0;

	for (unsigned int start = 0; start < 64; start++) {
		struct world *w = world_hz(250);
		struct owner o;
		sim_time_t t0 = start * 4 * SIM_NSEC_PER_MSEC, late;

		owner_init(w, &o, 1);
		clock_to(w, t0);
		mod_timer(&o.timer, sim_jiffies(w) + sim_msecs_to_jiffies(w, 5000));
		ck_assert_int_eq(world_run(w, 10 * SIM_NSEC_PER_SEC), 0);
		ck_assert_int_eq(o.fired, 1);
		ck_assert_uint_eq(o.jiffies_at % 64, 0);
		late = o.fired_at - t0 - 5 * SIM_NSEC_PER_SEC;
		ck_assert_msg(late > 0 && late <= 256 * SIM_NSEC_PER_MSEC,
			      "start %u: %lld ns late", start, (long long)late);
		min_late = late < min_late ? late : min_late;
		max_late = late > max_late ? late : max_late;
		tl_world_free(w);
	}
	ck_assert_int_eq(min_late, 4 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(max_late, 256 * SIM_NSEC_PER_MSEC);
}
END_TEST

START_TEST(test_five_second_timer_from_boot)
{
	struct world *w = world_hz(250);
	struct owner o;
	unsigned long expires = 0xFFFEDB08UL + 1250;	/* 0xFFFEDFEA */

	owner_init(w, &o, 1);
	mod_timer(&o.timer, expires);
	ck_assert_int_eq(world_run(w, 10 * SIM_NSEC_PER_SEC), 0);
	/* next multiple of 64 after 0xFFFEDFEA is 0xFFFEE000: 22 ticks late */
	ck_assert_uint_eq(o.jiffies_at, 0xFFFEE000UL);
	ck_assert_int_eq(o.fired_at, 5 * SIM_NSEC_PER_SEC + 22 * 4 * SIM_NSEC_PER_MSEC);
	tl_world_free(w);
}
END_TEST

/*
 * The kernel's mod_timer() returns early when a pending timer is re-armed
 * for the same expiry: the timer stays in the bucket it was queued in,
 * even though a fresh arming from now would land on a finer level.
 */
START_TEST(test_mod_timer_same_expires_keeps_its_bucket)
{
	struct world *w = world_hz(250);
	struct owner o;
	unsigned long expires = sim_jiffies(w) + 1250;
	sim_time_t first;

	owner_init(w, &o, 1);
	mod_timer(&o.timer, expires);
	first = timer_fire_time(&o.timer);
	clock_to(w, 4900 * SIM_NSEC_PER_MSEC);		/* 25 jiffies before expires */
	ck_assert_int_eq(mod_timer(&o.timer, expires), 1);
	ck_assert_int_eq(timer_fire_time(&o.timer), first);
	ck_assert_int_eq(world_run(w, 10 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.fired_at, first);
	tl_world_free(w);
}
END_TEST

START_TEST(test_mod_timer_new_expires_requeues_from_now)
{
	struct world *w = world_hz(250);
	struct owner o;
	unsigned long expires = sim_jiffies(w) + 1250;

	owner_init(w, &o, 1);
	mod_timer(&o.timer, expires);
	clock_to(w, 4900 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(mod_timer(&o.timer, expires + 1), 1);
	/* 26 jiffies away now: level 0, the tick after expires */
	ck_assert_int_eq(timer_fire_time(&o.timer), sim_jiffies_to_time(w, expires + 2));
	tl_world_free(w);
}
END_TEST

START_TEST(test_timer_rearmed_in_callback_is_periodic)
{
	struct world *w = world_hz(250);
	struct owner o;

	owner_init(w, &o, 1);
	o.rearm = 4;
	o.period = 10;
	mod_timer(&o.timer, sim_jiffies(w) + 9);	/* fires at tick 10 */
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.fired, 5);
	/* ticks 10, 21, 32, 43, 54: each re-arm lands one tick after expires */
	ck_assert_int_eq(o.fired_at, 54 * 4 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(o.mod_in_cb, 0);	/* not pending inside its callback */
	ck_assert_int_eq(o.del_in_cb, 0);
	ck_assert(!timer_pending(&o.timer));
	tl_world_free(w);
}
END_TEST

START_TEST(test_timers_at_one_tick_run_in_order_armed)
{
	struct world *w = world_hz(250);
	struct owner o[5];
	int log[5], nlog = 0;
	unsigned long j = sim_jiffies(w);
	const int order[5] = { 3, 0, 4, 1, 2 };

	for (int i = 0; i < 5; i++) {
		owner_init(w, &o[i], i);
		o[i].log = log;
		o[i].nlog = &nlog;
	}
	for (int i = 0; i < 5; i++)
		mod_timer(&o[order[i]].timer, j + 7);
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(nlog, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(log[i], order[i]);
	tl_world_free(w);
}
END_TEST

START_TEST(test_timers_in_one_bucket_run_in_order_armed)
{
	struct world *w = world_hz(250);
	struct owner a, b;
	int log[2], nlog = 0;
	unsigned long j;

	clock_to(w, 8 * 4 * SIM_NSEC_PER_MSEC);
	j = sim_jiffies(w);
	owner_init(w, &a, 1);
	owner_init(w, &b, 2);
	a.log = b.log = log;
	a.nlog = b.nlog = &nlog;
	/* b expires later than a, but both land on the same level-1 slot */
	mod_timer(&b.timer, j + 70);
	mod_timer(&a.timer, j + 66);
	ck_assert_int_eq(timer_fire_time(&a.timer), timer_fire_time(&b.timer));
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(log[0], 2);
	ck_assert_int_eq(log[1], 1);
	tl_world_free(w);
}
END_TEST

struct outer {
	char pad[13];
	struct timer_list t;
	int marker;
};

static void outer_fn(struct timer_list *t)
{
	struct outer *o = from_timer(o, t, t);

	o->marker++;
}

START_TEST(test_from_timer_finds_the_container)
{
	struct world *w = world_hz(1000);
	struct outer o = { .marker = 41 };

	timer_setup(w, &o.t, outer_fn, 0);
	mod_timer(&o.t, sim_jiffies(w));
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(o.marker, 42);
	tl_world_free(w);
}
END_TEST

START_TEST(test_pending_timer_at_world_destroy_is_no_leak)
{
	struct world *w = world_hz(250);
	struct owner o;

	owner_init(w, &o, 1);
	mod_timer(&o.timer, sim_jiffies(w) + 100000);
	tl_world_free(w);
	ck_assert_int_eq(o.fired, 0);
}
END_TEST

static Suite *timer_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc = tcase_create("jiffies");

	tcase_add_loop_test(tc, test_jiffies_start_at_initial_jiffies, 0,
			    G_N_ELEMENTS(hz_cases));
	tcase_add_loop_test(tc, test_jiffies_advance_one_per_tick, 0, G_N_ELEMENTS(hz_cases));
	tcase_add_loop_test(tc, test_jiffies_to_time_is_the_tick, 0, G_N_ELEMENTS(hz_cases));
	tcase_add_test(tc, test_jiffies_hz_250_is_4ms);
	tcase_add_test(tc, test_world_hz_defaults_to_250);
	tcase_add_loop_test(tc, test_msecs_to_jiffies_rounds_up, 0, G_N_ELEMENTS(ms_cases));
	tcase_add_loop_test(tc, test_jiffies_to_msecs_truncates, 0, G_N_ELEMENTS(j2ms_cases));
	tcase_add_loop_test(tc, test_time_after_is_wrap_safe, 0, G_N_ELEMENTS(cmp_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("wheel");
	tcase_add_loop_test(tc, test_bucket_expiry_follows_wheel_levels, 0,
			    G_N_ELEMENTS(bucket_cases));
	tcase_add_test(tc, test_bucket_expiry_level_zero_is_next_tick_after_expires);
	tcase_add_test(tc, test_bucket_expiry_in_the_past_is_next_tick);
	tcase_add_loop_test(tc, test_bucket_expiry_caps_obscene_timeouts, 0,
			    G_N_ELEMENTS(hz_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("timer_list");
	tcase_add_test(tc, test_timer_setup_is_not_pending);
	tcase_add_test(tc, test_mod_timer_returns_whether_it_was_pending);
	tcase_add_test(tc, test_add_timer_arms_for_expires);
	tcase_add_test(tc, test_deleted_timer_never_fires);
	tcase_add_loop_test(tc, test_timer_fires_at_its_bucket_tick, 0,
			    G_N_ELEMENTS(bucket_cases));
	tcase_add_test(tc, test_five_second_timer_fires_up_to_256ms_late);
	tcase_add_test(tc, test_five_second_timer_from_boot);
	tcase_add_test(tc, test_mod_timer_same_expires_keeps_its_bucket);
	tcase_add_test(tc, test_mod_timer_new_expires_requeues_from_now);
	tcase_add_test(tc, test_timer_rearmed_in_callback_is_periodic);
	tcase_add_test(tc, test_timers_at_one_tick_run_in_order_armed);
	tcase_add_test(tc, test_timers_in_one_bucket_run_in_order_armed);
	tcase_add_test(tc, test_from_timer_finds_the_container);
	tcase_add_test(tc, test_pending_timer_at_world_destroy_is_no_leak);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(timer_suite());
}
