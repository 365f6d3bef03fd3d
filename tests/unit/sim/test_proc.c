/*
 * tests/unit/sim/test_proc.c - simulated processes
 *
 * No kernel counterpart in net/ (sim/proc.c).  A test module provides
 * small built-in programs (one that prints, one that ticks, one that
 * traps signals, one that never ends); the real "sleep" of the apps
 * module runs through tl_world().  Process output is read back from the
 * console stream as a user sees it: "[    1.000000000] h1 say: one".
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/counters.h"
#include "sim/proc.h"
#include "sim/sh.h"
#include "testlib.h"

/* Releases seen (Check forks per test, so this is per test). */
static int releases;

/* ---- test programs --------------------------------------------------------- */

/* say WORD...: prints its arguments verbatim ("\n" stays a backslash-n) and exits 0. */
static int say_start(struct sim_proc *p, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *s = g_strcompress(argv[i]);	/* "a\\nb" -> "a\nb" */

		sim_proc_printf(p, "%s", s);
		g_free(s);
	}
	sim_proc_exit(p, 0);
	return 0;
}

/* tick N [STATUS]: wakes once a second N times, printing, then exits STATUS (or N). */
struct tick_state {
	struct sim_event ev;
	struct sim_proc *p;
	int left, n, status;
};

static void tick_fn(struct world *w, struct sim_event *ev)
{
	struct tick_state *st = (struct tick_state *)ev;

	sim_proc_woken(st->p);
	sim_proc_printf(st->p, "tick %d\n", st->n - st->left + 1);
	if (--st->left == 0) {
		sim_proc_exit(st->p, st->status);
		return;
	}
	sim_schedule(w, ev, sim_now(w) + SIM_NSEC_PER_SEC);
}

static int tick_start(struct sim_proc *p, int argc, char **argv)
{
	struct tick_state *st;

	if (argc < 2) {
		sim_proc_printf(p, "usage: tick N [STATUS]\n");
		return 2;		/* not exited: the engine ends it with 1 */
	}
	st = g_new0(struct tick_state, 1);
	st->p = p;
	st->n = st->left = atoi(argv[1]);
	st->status = argc > 2 ? atoi(argv[2]) : st->n;
	sim_event_init(&st->ev, tick_fn);
	p->priv = st;
	sim_schedule(p->node->w, &st->ev, sim_now(p->node->w) + SIM_NSEC_PER_SEC);
	return 0;
}

static void tick_release(struct sim_proc *p)
{
	struct tick_state *st = p->priv;

	releases++;
	if (st) {
		sim_cancel(p->node->w, &st->ev);
		g_free(st);
	}
}

/* trap: never ends by itself; SIGTERM -> prints and exits 3, SIGINT ignored. */
static int trap_start(struct sim_proc *p, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_proc_printf(p, "waiting\n");
	return 0;
}

static void trap_signal(struct sim_proc *p, int sig)
{
	if (sig == SIGINT) {
		sim_proc_printf(p, "ignored %d\n", sig);
		return;
	}
	sim_proc_printf(p, "caught %d\n", sig);
	sim_proc_exit(p, 3);
}

/* hang: runs until killed, with no handler of its own. */
static int hang_start(struct sim_proc *p, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_proc_printf(p, "partial");
	return 0;
}

static void counting_release(struct sim_proc *p)
{
	(void)p;
	releases++;
}

/* usage: fails to start after exiting with its own status. */
static int usage_start(struct sim_proc *p, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_proc_printf(p, "usage: usage\n");
	sim_proc_exit(p, 64);
	return 1;
}

/* big: exits with a status that does not fit in 8 bits. */
static int big_start(struct sim_proc *p, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_proc_exit(p, 256 + 7);
	return 0;
}

static const struct sim_program say_program = { .name = "say", .start = say_start };
static const struct sim_program tick_program = {
	.name = "tick", .start = tick_start, .release = tick_release,
};
static const struct sim_program trap_program = {
	.name = "trap", .start = trap_start, .signal = trap_signal,
	.release = counting_release,
};
static const struct sim_program hang_program = {
	.name = "hang", .start = hang_start, .release = counting_release,
};
static const struct sim_program usage_program = { .name = "usage", .start = usage_start };
static const struct sim_program big_program = { .name = "big", .start = big_start };

static const struct sim_program *const test_programs[] = {
	&say_program, &tick_program, &trap_program, &hang_program, &usage_program,
	&big_program, NULL,
};

static const struct sim_module test_module = {
	.name = "test_proc", .kinds = tl_host_kinds, .programs = test_programs,
};

static const struct sim_module *const test_modules[] = { &test_module, NULL };

/* ---- fixture: a world with h1 and h2, console captured ------------------------- */

struct fixture {
	struct world *w;
	struct node *h1, *h2;
	char *console;
	size_t console_len;
	size_t seen;			/* console text already checked */
};

static void setup_with(struct fixture *f, struct world *w)
{
	struct sim_err err = { { 0 } };

	memset(f, 0, sizeof(*f));
	releases = 0;
	f->w = w;
	f->h1 = world_add_node(w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	f->h2 = world_add_node(w, "host", "h2", NULL, &err);
	ck_assert_msg(f->h2 != NULL, "%s", err.msg);
	w->console = open_memstream(&f->console, &f->console_len);
	ck_assert_ptr_nonnull(w->console);
}

static void setup(struct fixture *f)
{
	setup_with(f, tl_world_with("proc", 1, test_modules));
}

/* What the console shows so far, then cleared. */
static void expect_console(struct fixture *f, const char *want)
{
	fflush(f->w->console);
	ck_assert_msg(strcmp(f->console + f->seen, want) == 0, "console\n got:\n%s\nwant:\n%s",
		      f->console + f->seen, want);
	f->seen = f->console_len;
}

static void teardown(struct fixture *f)
{
	FILE *console = f->w->console;

	tl_world_free(f->w);
	fclose(console);
	free(f->console);
}

static struct sim_proc *spawn(struct node *node, const char *cmdline, sim_time_t at)
{
	struct sim_err err = { { 0 } };
	struct sim_proc *p = sim_proc_spawn_program(node, cmdline, at, &err);

	ck_assert_msg(p != NULL, "%s: %s", cmdline, err.msg);
	return p;
}

static uint64_t stat_of(struct node *node, const char *name)
{
	uint64_t v = 0;

	ck_assert_int_eq(sim_counter_get(node, name, &v), 0);
	return v;
}

/* ---- starting ---------------------------------------------------------------- */

START_TEST(test_pids_are_per_node_from_one)
{
	struct fixture f;

	setup(&f);
	ck_assert_int_eq(spawn(f.h1, "tick 1", 0)->pid, 1);
	ck_assert_int_eq(spawn(f.h1, "tick 1", 0)->pid, 2);
	ck_assert_int_eq(spawn(f.h2, "tick 1", 0)->pid, 1);
	ck_assert_int_eq(spawn(f.h1, "tick 1", 0)->pid, 3);
	ck_assert_int_eq(world_run(f.w, 5 * SIM_NSEC_PER_SEC), 0);
	/* pids are never reused within a run */
	ck_assert_int_eq(spawn(f.h1, "tick 1", 0)->pid, 4);
	teardown(&f);
}
END_TEST

START_TEST(test_process_starts_at_its_time)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	f.w->quiet = true;
	p = spawn(f.h1, "tick 1", 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(p->state, SIM_PROC_WAITING);
	ck_assert_str_eq(p->cmdline, "tick 1");
	ck_assert_str_eq(p->comm, "tick");
	ck_assert_int_eq(g_strv_length(p->argv), 2);
	ck_assert_str_eq(p->argv[1], "1");
	ck_assert_ptr_eq(sim_proc_find(f.h1, 1), p);	/* listed before it starts */
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC - 1), 0);
	ck_assert_int_eq(p->state, SIM_PROC_WAITING);
	ck_assert_ptr_null(p->priv);
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_RUNNING);
	ck_assert_int_eq(p->start_time, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(world_run(f.w, 10 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->end_time, 3 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(p->exit_status, 1);
	ck_assert_int_eq(p->term_signal, 0);
	teardown(&f);
}
END_TEST

START_TEST(test_process_at_in_the_past_starts_now)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	f.w->quiet = true;
	ck_assert_int_eq(world_run(f.w, 5 * SIM_NSEC_PER_SEC), 0);
	p = spawn(f.h1, "tick 2", SIM_NSEC_PER_SEC);
	ck_assert_int_eq(p->start_time, 5 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(world_run(f.w, 5 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_RUNNING);
	teardown(&f);
}
END_TEST

struct status_case {
	const char *cmdline;
	int status;
	const char *console;
};

static const struct status_case status_cases[] = {
	{ "tick 2", 2, "[    1.000000000] h1 tick: tick 1\n[    2.000000000] h1 tick: tick 2\n" },
	{ "tick 1 0", 0, "[    1.000000000] h1 tick: tick 1\n" },
	{ "tick 1 255", 255, "[    1.000000000] h1 tick: tick 1\n" },
	{ "say", 0, "" },
	/* a failed start that did not exit is ended with status 1 */
	{ "tick", 1, "[    0.000000000] h1 tick: usage: tick N [STATUS]\n" },
	/* ... and one that exited keeps its own status */
	{ "usage", 64, "[    0.000000000] h1 usage: usage: usage\n" },
	{ "big", 7, "" },			/* status & 0xff, as exit(2) */
};

START_TEST(test_exit_status)
{
	const struct status_case *c = &status_cases[_i];
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, c->cmdline, 0);
	ck_assert_int_eq(world_run(f.w, 10 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->exit_status, c->status);
	ck_assert_int_eq(p->term_signal, 0);
	expect_console(&f, c->console);
	teardown(&f);
}
END_TEST

START_TEST(test_spawn_errors_create_nothing)
{
	static const struct {
		const char *cmdline, *msg;
	} cases[] = {
		{ "nope -x", "nope: command not found" },
		{ "", "empty command line" },
		{ "   ", "empty command line" },
		{ "say 'oops", "unexpected EOF while looking for matching quote" },
		{ "/usr/bin/say hi", "/usr/bin/say: command not found" },
	};
	struct fixture f;

	setup(&f);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct sim_err err = { { 0 } };

		ck_assert_ptr_null(sim_proc_spawn_program(f.h1, cases[i].cmdline, 0, &err));
		ck_assert_str_eq(err.msg, cases[i].msg);
	}
	ck_assert_int_eq(f.h1->next_pid, 1);
	ck_assert_uint_eq(g_queue_get_length(&f.h1->procs), 0);
	ck_assert_int_eq(f.w->live[SIM_OBJ_PROC], 0);
	teardown(&f);
}
END_TEST

START_TEST(test_comm_is_the_program_name)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	f.w->quiet = true;
	p = spawn(f.h1, "  'tick'   1", 0);
	ck_assert_str_eq(p->comm, "tick");
	ck_assert_str_eq(p->cmdline, "  'tick'   1");
	teardown(&f);
}
END_TEST

/* ---- signals ---------------------------------------------------------------- */

struct kill_case {
	int sig;
	int status;
};

static const struct kill_case kill_cases[] = {
	{ SIGKILL, 137 }, { SIGTERM, 143 }, { SIGINT, 130 }, { SIGHUP, 129 },
};

START_TEST(test_kill_before_start)
{
	const struct kill_case *c = &kill_cases[_i];
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, "tick 1", SIM_NSEC_PER_SEC);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC / 2), 0);
	ck_assert_int_eq(sim_proc_kill(p, c->sig), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, c->sig);
	ck_assert_int_eq(p->exit_status, c->status);
	ck_assert_int_eq(p->end_time, SIM_NSEC_PER_SEC / 2);
	ck_assert_int_eq(world_run(f.w, 5 * SIM_NSEC_PER_SEC), 0);
	expect_console(&f, "");		/* it never ran */
	ck_assert_ptr_null(p->priv);
	ck_assert_uint_eq(stat_of(f.h1, "Stat.processes"), 0);
	teardown(&f);
}
END_TEST

START_TEST(test_kill_running_default_action_ends_it)
{
	const struct kill_case *c = &kill_cases[_i];
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, "hang", 0);
	ck_assert_int_eq(world_run(f.w, 3 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_RUNNING);
	ck_assert_int_eq(sim_proc_kill(p, c->sig), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, c->sig);
	ck_assert_int_eq(p->exit_status, c->status);
	ck_assert_int_eq(p->end_time, 3 * SIM_NSEC_PER_SEC);
	/* its partial line is flushed when it dies */
	expect_console(&f, "[    3.000000000] h1 hang: partial\n");
	ck_assert_int_eq(sim_proc_kill(p, c->sig), -1);	/* already gone */
	ck_assert_int_eq(releases, 0);			/* released when reaped */
	teardown(&f);
	ck_assert_int_eq(releases, 1);
}
END_TEST

START_TEST(test_kill_null_is_an_error)
{
	ck_assert_int_eq(sim_proc_kill(NULL, SIGTERM), -1);
}
END_TEST

START_TEST(test_program_handles_its_signals)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, "trap", 0);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(sim_proc_kill(p, SIGINT), 0);
	ck_assert_int_eq(p->state, SIM_PROC_RUNNING);
	expect_console(&f, "[    0.000000000] h1 trap: waiting\n"
			   "[    1.000000000] h1 trap: ignored 2\n");
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(sim_proc_kill(p, SIGTERM), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->exit_status, 3);
	ck_assert_int_eq(p->term_signal, 0);		/* it exited by itself */
	expect_console(&f, "[    2.000000000] h1 trap: caught 15\n");
	teardown(&f);
}
END_TEST

START_TEST(test_sigkill_cannot_be_caught)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, "trap", 0);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(sim_proc_kill(p, SIGKILL), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, SIGKILL);
	ck_assert_int_eq(p->exit_status, 137);
	expect_console(&f, "[    0.000000000] h1 trap: waiting\n");
	teardown(&f);
}
END_TEST

START_TEST(test_killed_program_releases_once_at_reap)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	p = spawn(f.h1, "tick 5", 0);
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	sim_proc_kill(p, SIGTERM);
	ck_assert_int_eq(p->exit_status, 143);
	ck_assert_int_eq(world_run(f.w, 10 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->exit_status, 143);
	/* its timer still runs until the reap, but a dead process prints nothing */
	expect_console(&f, "[    1.000000000] h1 tick: tick 1\n"
			   "[    2.000000000] h1 tick: tick 2\n");
	ck_assert_int_eq(releases, 0);
	teardown(&f);
	ck_assert_int_eq(releases, 1);
}
END_TEST

/* ---- output ------------------------------------------------------------------ */

struct output_case {
	const char *cmdline;
	const char *console;
};

static const struct output_case output_cases[] = {
	{ "say 'one\\n'", "[    0.000000000] h1 say: one\n" },
	{ "say 'one\\ntwo\\nthr' 'ee\\n' tail",
	  "[    0.000000000] h1 say: one\n"
	  "[    0.000000000] h1 say: two\n"
	  "[    0.000000000] h1 say: three\n"
	  "[    0.000000000] h1 say: tail\n" },		/* flushed at exit */
	{ "say 'a\\n\\nb\\n'",
	  "[    0.000000000] h1 say: a\n"
	  "[    0.000000000] h1 say: \n"
	  "[    0.000000000] h1 say: b\n" },
	{ "say no-newline", "[    0.000000000] h1 say: no-newline\n" },
	{ "say '' ''", "" },
	{ "say 'tab\\there\\n'", "[    0.000000000] h1 say: tab\there\n" },
};

START_TEST(test_output_is_split_into_lines)
{
	const struct output_case *c = &output_cases[_i];
	struct fixture f;

	setup(&f);
	spawn(f.h1, c->cmdline, 0);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	expect_console(&f, c->console);
	teardown(&f);
}
END_TEST

START_TEST(test_output_stamps_time_and_node)
{
	struct fixture f;

	setup(&f);
	spawn(f.h2, "say 'late\\n'", 1234 * SIM_NSEC_PER_SEC + 5);
	ck_assert_int_eq(world_run(f.w, 2000 * SIM_NSEC_PER_SEC), 0);
	expect_console(&f, "[ 1234.000000005] h2 say: late\n");
	teardown(&f);
}
END_TEST

START_TEST(test_quiet_world_prints_nothing)
{
	struct fixture f;
	struct sim_proc *p;

	setup(&f);
	f.w->quiet = true;
	p = spawn(f.h1, "say 'one\\n' two", 0);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	expect_console(&f, "");
	ck_assert_int_eq(p->partial->len, 0);
	teardown(&f);
}
END_TEST

START_TEST(test_running_process_flushed_at_world_end)
{
	struct fixture f;
	struct world *w;
	FILE *console;

	setup(&f);
	spawn(f.h1, "hang", 0);
	spawn(f.h2, "trap", 0);
	spawn(f.h1, "tick 1", 5 * SIM_NSEC_PER_SEC);		/* still waiting */
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	expect_console(&f, "[    0.000000000] h2 trap: waiting\n");
	w = f.w;
	console = w->console;
	ck_assert_int_eq(w->live[SIM_OBJ_PROC], 3);
	tl_world_free(w);		/* asserts every process was reaped */
	fflush(console);
	ck_assert_str_eq(f.console + f.seen, "[    1.000000000] h1 hang: partial\n");
	ck_assert_int_eq(releases, 3);
	fclose(console);
	free(f.console);
}
END_TEST

/* ---- bookkeeping ---------------------------------------------------------------- */

START_TEST(test_proc_find_lists_live_and_exited)
{
	struct fixture f;
	struct sim_proc *a, *b;

	setup(&f);
	f.w->quiet = true;
	a = spawn(f.h1, "say hi", 0);
	b = spawn(f.h1, "hang", 0);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);
	ck_assert_ptr_eq(sim_proc_find(f.h1, 1), a);
	ck_assert_int_eq(a->state, SIM_PROC_EXITED);	/* kept until the world ends */
	ck_assert_ptr_eq(sim_proc_find(f.h1, 2), b);
	ck_assert_ptr_null(sim_proc_find(f.h1, 3));
	ck_assert_ptr_null(sim_proc_find(f.h1, 0));
	ck_assert_ptr_null(sim_proc_find(f.h2, 1));
	teardown(&f);
}
END_TEST

START_TEST(test_stat_counts_processes_and_wakeups)
{
	struct fixture f;

	setup(&f);
	f.w->quiet = true;
	spawn(f.h1, "tick 3", 0);
	spawn(f.h1, "say x", SIM_NSEC_PER_SEC);
	spawn(f.h1, "tick 1", 100 * SIM_NSEC_PER_SEC);	/* not started yet */
	spawn(f.h2, "tick 2", 0);
	ck_assert_uint_eq(stat_of(f.h1, "Stat.processes"), 0);
	ck_assert_int_eq(world_run(f.w, 10 * SIM_NSEC_PER_SEC), 0);
	ck_assert_uint_eq(stat_of(f.h1, "Stat.processes"), 2);
	/* one wake-up to start each, plus tick's three timer wake-ups */
	ck_assert_uint_eq(stat_of(f.h1, "Stat.ctxt"), 2 + 3);
	ck_assert_uint_eq(stat_of(f.h2, "Stat.processes"), 1);
	ck_assert_uint_eq(stat_of(f.h2, "Stat.ctxt"), 1 + 2);
	teardown(&f);
}
END_TEST

/* ---- the real sleep program ----------------------------------------------------- */

struct sleep_case {
	const char *cmdline;
	int status;
	sim_time_t ends;		/* started at 1 s */
	const char *console;
};

static const struct sleep_case sleep_cases[] = {
	{ "sleep 2", 0, 3 * SIM_NSEC_PER_SEC, "" },
	{ "sleep 0.25", 0, 1250 * SIM_NSEC_PER_MSEC, "" },
	{ "sleep 1.5 0.5", 0, 3 * SIM_NSEC_PER_SEC, "" },	/* arguments add up */
	{ "sleep 1m", 0, 61 * SIM_NSEC_PER_SEC, "" },
	{ "sleep 0", 0, SIM_NSEC_PER_SEC, "" },
	{ "sleep", 1, SIM_NSEC_PER_SEC, "[    1.000000000] h1 sleep: sleep: missing operand\n" },
	{ "sleep x", 1, SIM_NSEC_PER_SEC,
	  "[    1.000000000] h1 sleep: sleep: invalid time interval 'x'\n" },
	{ "sleep 1y", 1, SIM_NSEC_PER_SEC,
	  "[    1.000000000] h1 sleep: sleep: invalid time interval '1y'\n" },
};

START_TEST(test_sleep_program)
{
	const struct sleep_case *c = &sleep_cases[_i];
	struct fixture f;
	struct sim_proc *p;

	setup_with(&f, tl_world("proc", 1));
	p = spawn(f.h1, c->cmdline, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(world_run(f.w, 100 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->exit_status, c->status);
	ck_assert_int_eq(p->end_time, c->ends);
	expect_console(&f, c->console);
	teardown(&f);
}
END_TEST

START_TEST(test_sleep_killed_by_sigterm)
{
	struct fixture f;
	struct sim_proc *p;

	setup_with(&f, tl_world("proc", 1));
	p = spawn(f.h1, "sleep 10", 0);
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(sim_proc_kill(p, SIGTERM), 0);
	ck_assert_int_eq(p->exit_status, 143);
	ck_assert_int_eq(p->term_signal, SIGTERM);
	ck_assert_int_eq(world_run(f.w, 20 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(p->exit_status, 143);		/* its timer changes nothing */
	ck_assert_int_eq(p->end_time, 2 * SIM_NSEC_PER_SEC);
	teardown(&f);
}
END_TEST

/* ---- sim_shell_split ------------------------------------------------------------- */

struct split_case {
	const char *line;
	const char *words[6];		/* NULL-terminated */
};

static const struct split_case split_cases[] = {
	{ "ping -c 3 10.0.0.2", { "ping", "-c", "3", "10.0.0.2", NULL } },
	{ "  a \t  b\n ", { "a", "b", NULL } },
	{ "", { NULL } },
	{ " \t ", { NULL } },
	{ "'a b' c", { "a b", "c", NULL } },
	{ "\"a \\\"q\\\" b\"", { "a \"q\" b", NULL } },
	{ "a\\ b", { "a b", NULL } },
	{ "''", { "", NULL } },
	{ "\"\" x", { "", "x", NULL } },
	{ "a'b'c\"d\"", { "abcd", NULL } },
	{ "'it''s'", { "its", NULL } },
	{ "\"$HOME\"", { "$HOME", NULL } },			/* no expansion */
	{ "\"\\n\\$\\\\\"", { "\\n$\\", NULL } },		/* \ only before " \ $ ` */
	{ "'\\'", { "\\", NULL } },				/* nothing special in '' */
	{ "a#b #c", { "a#b", "#c", NULL } },			/* no comments in argv */
	{ "trailing\\", { "trailing\\", NULL } },
};

START_TEST(test_shell_split_words)
{
	const struct split_case *c = &split_cases[_i];
	struct sim_err err = { { 0 } };
	int argc = -1, n = 0;
	char **argv = sim_shell_split(c->line, &argc, &err);

	ck_assert_msg(argv != NULL, "\"%s\": %s", c->line, err.msg);
	while (c->words[n])
		n++;
	for (int i = 0; i < n; i++)
		ck_assert_msg(argv[i] && strcmp(argv[i], c->words[i]) == 0,
			      "\"%s\" word %d: got \"%s\", want \"%s\"", c->line, i,
			      argv[i] ? argv[i] : "(null)", c->words[i]);
	ck_assert_int_eq(argc, n);
	ck_assert_ptr_null(argv[argc]);
	g_strfreev(argv);
}
END_TEST

START_TEST(test_shell_split_operators_are_plain_words)
{
	struct sim_err err = { { 0 } };
	int argc;
	char **argv = sim_shell_split("a > b | c; d & e", &argc, &err);
	const char *want[] = { "a", ">", "b", "|", "c;", "d", "&", "e" };

	ck_assert_int_eq(argc, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_str_eq(argv[i], want[i]);
	ck_assert_ptr_null(argv[8]);
	g_strfreev(argv);
}
END_TEST

static const char *const split_bad[] = { "'abc", "\"abc", "a 'b", "say \"x\\\"", "'a'\"" };

START_TEST(test_shell_split_unterminated_quote)
{
	struct sim_err err = { { 0 } };
	int argc = 42;

	ck_assert_ptr_null(sim_shell_split(split_bad[_i], &argc, &err));
	ck_assert_str_eq(err.msg, "unexpected EOF while looking for matching quote");
	ck_assert_int_eq(argc, 42);
}
END_TEST

static Suite *proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("start");

	tcase_add_test(tc, test_pids_are_per_node_from_one);
	tcase_add_test(tc, test_process_starts_at_its_time);
	tcase_add_test(tc, test_process_at_in_the_past_starts_now);
	tcase_add_loop_test(tc, test_exit_status, 0, G_N_ELEMENTS(status_cases));
	tcase_add_test(tc, test_spawn_errors_create_nothing);
	tcase_add_test(tc, test_comm_is_the_program_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("signals");
	tcase_add_loop_test(tc, test_kill_before_start, 0, G_N_ELEMENTS(kill_cases));
	tcase_add_loop_test(tc, test_kill_running_default_action_ends_it, 0,
			    G_N_ELEMENTS(kill_cases));
	tcase_add_test(tc, test_kill_null_is_an_error);
	tcase_add_test(tc, test_program_handles_its_signals);
	tcase_add_test(tc, test_sigkill_cannot_be_caught);
	tcase_add_test(tc, test_killed_program_releases_once_at_reap);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_loop_test(tc, test_output_is_split_into_lines, 0, G_N_ELEMENTS(output_cases));
	tcase_add_test(tc, test_output_stamps_time_and_node);
	tcase_add_test(tc, test_quiet_world_prints_nothing);
	tcase_add_test(tc, test_running_process_flushed_at_world_end);
	suite_add_tcase(s, tc);

	tc = tcase_create("bookkeeping");
	tcase_add_test(tc, test_proc_find_lists_live_and_exited);
	tcase_add_test(tc, test_stat_counts_processes_and_wakeups);
	tcase_add_loop_test(tc, test_sleep_program, 0, G_N_ELEMENTS(sleep_cases));
	tcase_add_test(tc, test_sleep_killed_by_sigterm);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	tcase_add_loop_test(tc, test_shell_split_words, 0, G_N_ELEMENTS(split_cases));
	tcase_add_test(tc, test_shell_split_operators_are_plain_words);
	tcase_add_loop_test(tc, test_shell_split_unterminated_quote, 0, G_N_ELEMENTS(split_bad));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(proc_suite());
}
