/*
 * models/apps/sleep.c - the sleep program
 *
 * User space (coreutils sleep): `node:spawn("sleep 2")` ends after two
 * simulated seconds.  Accepts coreutils' suffixes s, m, h, d and sums
 * several arguments, as coreutils does.  The simplest example of a
 * built-in program: it lives on a timer-free event and exits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"

struct sleep_state {
	struct sim_event ev;
	struct sim_proc *p;
};

static void sleep_done(struct world *w, struct sim_event *ev)
{
	struct sleep_state *st = (struct sleep_state *)ev;

	(void)w;
	sim_proc_exit(st->p, 0);
}

static int parse_interval(const char *s, double *secs)
{
	char *end;
	double v = strtod(s, &end);
	double mult = 1;

	if (end == s || v < 0 || isnan(v))
		return -1;
	if (*end) {
		if (end[1])
			return -1;
		switch (*end) {
		case 's': mult = 1; break;
		case 'm': mult = 60; break;
		case 'h': mult = 3600; break;
		case 'd': mult = 86400; break;
		default: return -1;
		}
	}
	*secs = v * mult;
	return 0;
}

static int sleep_start(struct sim_proc *p, int argc, char **argv)
{
	struct sleep_state *st;
	double total = 0;

	if (argc < 2) {
		sim_proc_printf(p, "sleep: missing operand\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		double s;

		if (parse_interval(argv[i], &s) < 0) {
			sim_proc_printf(p, "sleep: invalid time interval '%s'\n", argv[i]);
			return 1;
		}
		total += s;
	}
	if (total > 1e9) {
		sim_proc_printf(p, "sleep: invalid time interval '%s'\n", argv[1]);
		return 1;
	}
	st = g_new0(struct sleep_state, 1);
	st->p = p;
	sim_event_init(&st->ev, sleep_done);
	p->priv = st;
	sim_schedule(p->node->w, &st->ev, sim_now(p->node->w) + llround(total * 1e9));
	return 0;
}

static void sleep_stop(struct sim_proc *p)
{
	struct sleep_state *st = p->priv;

	if (st)
		sim_cancel(p->node->w, &st->ev);
}

static void sleep_release(struct sim_proc *p)
{
	sleep_stop(p);
	g_free(p->priv);
}

const struct sim_program sleep_program = {
	.name = "sleep",
	.start = sleep_start,
	.stop = sleep_stop,
	.release = sleep_release,
};
