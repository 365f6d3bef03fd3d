/*
 * sim/timer.h - kernel-style timers and jiffies
 *
 * Mirrors the interface of include/linux/timer.h (timer_setup, mod_timer,
 * del_timer, timer_pending) with one difference: timer_setup() takes the
 * world, since there is no global clock.  Expiry follows the granularity of
 * the kernel's timer wheel (kernel/time/timer.c since 4.8, as in 6.x): a
 * timer due in delta jiffies goes to wheel level L, the first whose range
 * covers delta, and fires at the next multiple of that level's granularity
 * (8^L jiffies) strictly after `expires`.  So at HZ=250 a 5 s timer (1250
 * jiffies, level 2, 64-jiffy slots) fires up to 256 ms late, and a 1-jiffy
 * timer fires after 2 ticks, exactly when Linux would run them.
 *
 * jiffies start at INITIAL_JIFFIES as in the kernel (the 32-bit value of
 * -300 s worth of ticks, so the low 32 bits wrap five minutes into a run):
 * code that compares jiffies without time_after() fails here as on Linux.
 *
 * Differences: timers due at the same tick run in the order they were
 * armed (the kernel runs a bucket's list newest first); no deferrable or
 * pinned timers (no CPU placement, no NOHZ idle).
 */
#ifndef SKBSIM_SIM_TIMER_H
#define SKBSIM_SIM_TIMER_H

#include <stdbool.h>

#include "sim/world.h"

#define INITIAL_JIFFIES(hz) ((unsigned long)(unsigned int)(-300 * (int)(hz)))

struct timer_list {
	struct sim_event ev;
	struct world *w;
	unsigned long expires;		/* in jiffies, as given to mod_timer() */
	void (*function)(struct timer_list *t);
	unsigned int flags;
};

void timer_setup(struct world *w, struct timer_list *t,
		 void (*function)(struct timer_list *t), unsigned int flags);
/* Arms or re-arms @t for @expires; returns 1 if it was pending, else 0. */
int mod_timer(struct timer_list *t, unsigned long expires);
/* add_timer: mod_timer() on a timer that is not pending. */
void add_timer(struct timer_list *t);
/* Returns 1 if @t was pending (and is now stopped), else 0. */
int del_timer(struct timer_list *t);
static inline bool timer_pending(const struct timer_list *t)
{
	return sim_event_pending(&t->ev);
}

/* timer_shutdown_sync and del_timer_sync have nothing to wait for here. */
static inline int del_timer_sync(struct timer_list *t)
{
	return del_timer(t);
}

/* When the tick at which @t fires happens, in simulated ns (pending only). */
static inline sim_time_t timer_fire_time(const struct timer_list *t)
{
	return t->ev.time;
}

#define from_timer(var, callback_timer, timer_fieldname) \
	((typeof(var))((char *)(callback_timer) - offsetof(typeof(*var), timer_fieldname)))

/* ---- jiffies ---------------------------------------------------------- */

/* The current jiffies value of @w (64-bit, as on x86_64). */
unsigned long sim_jiffies(const struct world *w);
/* The simulated time at which jiffies reaches @j (the tick), >= now. */
sim_time_t sim_jiffies_to_time(const struct world *w, unsigned long j);
/* The wheel's bucket expiry for a timer armed now for @expires. */
unsigned long sim_timer_bucket_expiry(const struct world *w, unsigned long expires);

unsigned long sim_msecs_to_jiffies(const struct world *w, unsigned int ms);
unsigned int sim_jiffies_to_msecs(const struct world *w, unsigned long j);

/* include/linux/jiffies.h comparisons, wrap-safe */
#define time_after(a, b)	((long)((unsigned long)(b) - (unsigned long)(a)) < 0)
#define time_before(a, b)	time_after(b, a)

/*
 * round_jiffies() (kernel/time/timer.c) as on CPU 0, which has no skew:
 * @j to a whole second of jiffies, down if less than a quarter second
 * past one, else up; @j itself if that is not in the future.  For
 * periodic driver timers (watchdogs) that the kernel batches on seconds.
 */
static inline unsigned long sim_round_jiffies(const struct world *w, unsigned long j)
{
	unsigned long rem = j % w->hz;
	unsigned long r = rem < w->hz / 4 ? j - rem : j - rem + w->hz;

	return time_after(r, sim_jiffies(w)) ? r : j;
}
#define time_after_eq(a, b)	((long)((unsigned long)(a) - (unsigned long)(b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

#endif
