/*
 * sim/timer.c - timer_list on the event queue, with timer-wheel granularity
 *
 * Mirrors the behaviour (not the data structure) of kernel/time/timer.c:
 * calc_wheel_index() picks the level from the distance to expiry and
 * calc_index() rounds the expiry up to the level's granularity; we keep
 * that rounding and let the event queue hold the timer until that tick.
 */
#include "sim/timer.h"

#define LVL_CLK_SHIFT	3
#define LVL_BITS	6
#define LVL_SIZE	(1UL << LVL_BITS)
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
#define LVL_GRAN(n)	(1UL << LVL_SHIFT(n))
#define LVL_START(n)	((LVL_SIZE - 1) << (((n) - 1) * LVL_CLK_SHIFT))

static unsigned int lvl_depth(const struct world *w)
{
	return w->hz > 100 ? 9 : 8;	/* LVL_DEPTH */
}

unsigned long sim_jiffies(const struct world *w)
{
	return INITIAL_JIFFIES(w->hz) + (unsigned long)(w->now / w->tick_ns);
}

sim_time_t sim_jiffies_to_time(const struct world *w, unsigned long j)
{
	unsigned long ticks = j - INITIAL_JIFFIES(w->hz);

	return (sim_time_t)ticks * w->tick_ns;
}

unsigned long sim_timer_bucket_expiry(const struct world *w, unsigned long expires)
{
	unsigned long clk = sim_jiffies(w);
	unsigned long delta = expires - clk;
	unsigned int depth = lvl_depth(w), lvl;

	if ((long)delta < 0)
		return clk + 1;		/* already due: the next tick runs it */
	if (delta >= LVL_START(depth)) {	/* WHEEL_TIMEOUT_CUTOFF */
		expires = clk + LVL_START(depth) - LVL_GRAN(depth - 1);
		lvl = depth - 1;
	} else {
		for (lvl = 0; lvl + 1 < depth && delta >= LVL_START(lvl + 1); lvl++)
			;
	}
	/* calc_index(): never early, so round up past @expires */
	return ((expires >> LVL_SHIFT(lvl)) + 1) << LVL_SHIFT(lvl);
}

unsigned long sim_msecs_to_jiffies(const struct world *w, unsigned int ms)
{
	/* round up, as msecs_to_jiffies() does */
	return ((unsigned long)ms * w->hz + 999) / 1000;
}

unsigned int sim_jiffies_to_msecs(const struct world *w, unsigned long j)
{
	return (unsigned int)(j * 1000 / w->hz);
}

static void timer_fire(struct world *w, struct sim_event *ev)
{
	struct timer_list *t = (struct timer_list *)((char *)ev - offsetof(struct timer_list, ev));

	(void)w;
	t->function(t);
}

void timer_setup(struct world *w, struct timer_list *t,
		 void (*function)(struct timer_list *t), unsigned int flags)
{
	sim_event_init(&t->ev, timer_fire);
	t->w = w;
	t->expires = 0;
	t->function = function;
	t->flags = flags;
}

int mod_timer(struct timer_list *t, unsigned long expires)
{
	struct world *w = t->w;
	int was_pending = timer_pending(t);
	unsigned long bucket;

	/*
	 * __mod_timer(): a pending timer re-armed for the same expiry stays
	 * where it is (the networking code does this constantly).  Requeueing
	 * it from now could put it on a finer level and fire it earlier than
	 * Linux would.
	 */
	if (was_pending && t->expires == expires)
		return 1;
	bucket = sim_timer_bucket_expiry(w, expires);
	t->expires = expires;
	sim_schedule(w, &t->ev, sim_jiffies_to_time(w, bucket));
	return was_pending;
}

void add_timer(struct timer_list *t)
{
	SIM_BUG_ON(timer_pending(t));
	mod_timer(t, t->expires);
}

int del_timer(struct timer_list *t)
{
	return sim_cancel(t->w, &t->ev) ? 1 : 0;
}
