/*
 * tests/unit/sim/test_world.c - one simulation: registries, nodes, the run loop
 *
 * No kernel counterpart (sim/world.c, sim/counters.c).  Test modules log
 * their per-node callbacks so the order of setup and teardown can be
 * compared with what world.h promises: module order at creation, reverse
 * at teardown, all or nothing when a node cannot be set up.  Each test
 * runs in its own process (Check's fork mode), so the call log below is
 * per test.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sim/counters.h"
#include "sim/sh.h"
#include "testlib.h"

/* ---- test modules that log what the engine asks of them -------------------- */

static char calls[1024];	/* "A+h1 B+h1 ..." : + init, - exit, ! setup */

static void log_call(const char *mod, char op, const struct node *node)
{
	size_t len = strlen(calls);

	snprintf(calls + len, sizeof(calls) - len, "%s%s%c%s", len ? " " : "", mod, op,
		 node->name);
}

static void expect_calls(const char *want)
{
	ck_assert_msg(strcmp(calls, want) == 0, "calls\n got: %s\nwant: %s", calls, want);
	calls[0] = '\0';
}

static int a_init(struct node *node, struct sim_err *err)
{
	(void)err;
	log_call("A", '+', node);
	return 0;
}

static void a_exit(struct node *node)
{
	log_call("A", '-', node);
}

static int b_init(struct node *node, struct sim_err *err)
{
	log_call("B", '+', node);
	if (strcmp(node->name, "refused") == 0)
		return sim_err_set(err, "B refuses %s", node->name);
	return 0;
}

static void b_exit(struct node *node)
{
	log_call("B", '-', node);
}

static int c_init(struct node *node, struct sim_err *err)
{
	(void)err;
	log_call("C", '+', node);
	return 0;
}

static void c_exit(struct node *node)
{
	log_call("C", '-', node);
}

static int fussy_setup(struct node *node, struct sim_err *err)
{
	log_call("kind", '!', node);
	if (g_str_has_prefix(node->name, "nosetup"))
		return sim_err_set(err, "fussy: %s cannot be set up", node->name);
	return 0;
}

static const struct sim_node_kind a_kinds[] = {
	{ .name = "host", .help = "an end host" },
	{ .name = "fussy", .help = "a kind whose setup can fail", .setup = fussy_setup },
	{ .name = NULL },
};

static const struct sim_node_kind c_kinds[] = {
	{ .name = "bridge", .help = "a switch" },
	{ .name = NULL },
};

static int cmd_hello(struct sim_sh *sh, int argc, char **argv)
{
	(void)argc, (void)argv;
	sim_sh_printf(sh, "hello\n");
	return 0;
}

static const struct sim_command hello_command = { "hello", cmd_hello };
static const struct sim_command *const a_commands[] = { &hello_command, NULL };

static const struct sim_module mod_a = {
	.name = "A", .node_init = a_init, .node_exit = a_exit,
	.kinds = a_kinds, .commands = a_commands,
};
static const struct sim_module mod_b = { .name = "B", .node_init = b_init, .node_exit = b_exit };
static const struct sim_module mod_c = {
	.name = "C", .node_init = c_init, .node_exit = c_exit, .kinds = c_kinds,
};
static const struct sim_module *const abc_modules[] = { &mod_a, &mod_b, &mod_c, NULL };

static struct world *abc_world(void)
{
	calls[0] = '\0';
	return tl_world_with("world", 1, abc_modules);
}

static struct node *add(struct world *w, const char *kind, const char *name)
{
	struct sim_err err = { { 0 } };
	struct node *n = world_add_node(w, kind, name, NULL, &err);

	ck_assert_msg(n != NULL, "add %s %s: %s", kind, name, err.msg);
	return n;
}

/* ---- world_create ------------------------------------------------------------ */

static const unsigned int bad_hz[] = { 1, 99, 200, 1024, 4294967295u };

START_TEST(test_world_create_rejects_odd_hz)
{
	struct world_config cfg = { .name = "w", .hz = bad_hz[_i] };
	struct sim_err err = { { 0 } };
	char want[128];

	ck_assert_ptr_null(world_create(&cfg, &err));
	snprintf(want, sizeof(want), "HZ %u is not one of 100, 250, 300, 1000", bad_hz[_i]);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(test_world_create_without_modules)
{
	struct world *w = tl_world_with(NULL, 0, NULL);
	struct sim_err err = { { 0 } };

	ck_assert_str_eq(w->name, "skbsim");	/* the default name */
	ck_assert_int_eq(sim_now(w), 0);
	ck_assert_ptr_null(world_kind(w, "host"));
	ck_assert_ptr_null(world_add_node(w, "host", "h1", NULL, &err));
	ck_assert_str_eq(err.msg, "unknown node kind \"host\"");
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(sim_now(w), SIM_NSEC_PER_SEC);
	tl_world_free(w);
}
END_TEST

static const struct sim_command *const a2_commands[] = { &hello_command, NULL };
static const struct sim_module mod_a2 = { .name = "A2", .commands = a2_commands };
static const struct sim_module mod_kind2 = { .name = "K2", .kinds = c_kinds };

static int prog_nop(struct sim_proc *p, int argc, char **argv)
{
	(void)p, (void)argc, (void)argv;
	return 0;
}

static const struct sim_program nop_program = { .name = "nop", .start = prog_nop };
static const struct sim_program *const nop_programs[] = { &nop_program, NULL };
static const struct sim_module mod_p1 = { .name = "P1", .programs = nop_programs };
static const struct sim_module mod_p2 = { .name = "P2", .programs = nop_programs };

struct dup_case {
	const struct sim_module *mods[4];
	const char *msg;
};

static const struct dup_case dup_cases[] = {
	{ { &mod_a, &mod_a2, NULL }, "module A2: command hello registered twice" },
	{ { &mod_c, &mod_kind2, NULL }, "module K2: node kind bridge registered twice" },
	{ { &mod_p1, &mod_p2, NULL }, "module P2: program nop registered twice" },
	{ { &mod_b, &mod_a, &mod_a, NULL }, "module A: node kind host registered twice" },
};

START_TEST(test_world_create_rejects_a_name_registered_twice)
{
	const struct dup_case *c = &dup_cases[_i];
	struct world_config cfg = { .name = "w", .modules = c->mods };
	struct sim_err err = { { 0 } };

	ck_assert_ptr_null(world_create(&cfg, &err));
	ck_assert_str_eq(err.msg, c->msg);
}
END_TEST

START_TEST(test_world_registries_come_from_modules)
{
	struct world *w = abc_world();
	GPtrArray *kinds = world_kind_names(w);

	ck_assert_uint_eq(kinds->len, 3);
	ck_assert_str_eq(g_ptr_array_index(kinds, 0), "bridge");	/* sorted */
	ck_assert_str_eq(g_ptr_array_index(kinds, 1), "fussy");
	ck_assert_str_eq(g_ptr_array_index(kinds, 2), "host");
	g_ptr_array_unref(kinds);
	ck_assert_ptr_eq(world_kind(w, "host"), &a_kinds[0]);
	ck_assert_ptr_eq(world_kind(w, "bridge"), &c_kinds[0]);
	ck_assert_ptr_null(world_kind(w, "router"));
	ck_assert_ptr_null(world_kind(w, NULL));
	ck_assert_ptr_eq(world_command(w, "hello"), &hello_command);
	ck_assert_ptr_null(world_command(w, "ip"));
	ck_assert_ptr_null(world_program(w, "ping"));
	tl_world_free(w);
}
END_TEST

/* ---- nodes ---------------------------------------------------------------- */

START_TEST(test_nodes_get_ids_in_creation_order)
{
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	struct node *sw = add(w, "bridge", "sw");
	struct node *h2 = add(w, "host", "h2");

	ck_assert_uint_eq(h1->id, 0);
	ck_assert_uint_eq(sw->id, 1);
	ck_assert_uint_eq(h2->id, 2);
	ck_assert_ptr_eq(world_node_by_id(w, 1), sw);
	ck_assert_ptr_null(world_node_by_id(w, 3));
	ck_assert_ptr_eq(world_node(w, "h2"), h2);
	ck_assert_ptr_null(world_node(w, "h3"));
	ck_assert_ptr_eq(sw->kind, &c_kinds[0]);
	ck_assert_ptr_eq(h1->w, w);
	ck_assert_uint_eq(h1->ncpus, 1);
	ck_assert_int_eq(h1->next_pid, 1);
	tl_world_free(w);
}
END_TEST

START_TEST(test_node_cpus_from_config)
{
	struct world *w = abc_world();
	struct sim_err err = { { 0 } };
	struct node_config four = { .cpus = 4 }, max = { .cpus = SIM_NODE_MAX_CPUS };
	struct node_config too_many = { .cpus = SIM_NODE_MAX_CPUS + 1 };

	ck_assert_uint_eq(world_add_node(w, "host", "h4", &four, &err)->ncpus, 4);
	ck_assert_uint_eq(world_add_node(w, "host", "hmax", &max, &err)->ncpus, 256);
	ck_assert_ptr_null(world_add_node(w, "host", "h257", &too_many, &err));
	ck_assert_str_eq(err.msg, "cpus 257: at most 256");
	ck_assert_ptr_null(world_node(w, "h257"));
	tl_world_free(w);
}
END_TEST

struct bad_node {
	const char *kind, *name;
	const char *msg;
};

#define NAME65 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct bad_node bad_nodes[] = {
	{ "router", "r1", "unknown node kind \"router\"" },
	{ "", "r1", "unknown node kind \"\"" },
	{ "host", "", "node name must be 1 to 64 characters" },
	{ "host", NULL, "node name must be 1 to 64 characters" },
	{ "host", NAME65, "node name must be 1 to 64 characters" },
	{ "host", "a b", "node name \"a b\": only letters, digits, '_', '-' and '.' are allowed" },
	{ "host", "h1/eth0", "node name \"h1/eth0\": only letters, digits, '_', '-' and '.' "
			     "are allowed" },
	{ "host", "h\xc3\xa9", "node name \"h\xc3\xa9\": only letters, digits, '_', '-' and "
			       "'.' are allowed" },
	{ "host", "-x", "node name \"-x\" must not start with '-'" },
	{ "host", ".x", "node name \".x\" must not start with '.'" },
	{ "host", "h1", "a node named \"h1\" already exists" },
};

START_TEST(test_world_add_node_rejects_bad_kind_and_name)
{
	const struct bad_node *c = &bad_nodes[_i];
	struct world *w = abc_world();
	struct sim_err err = { { 0 } };

	add(w, "host", "h1");
	calls[0] = '\0';
	ck_assert_ptr_null(world_add_node(w, c->kind, c->name, NULL, &err));
	ck_assert_str_eq(err.msg, c->msg);
	ck_assert_uint_eq(w->nodes->len, 1);
	expect_calls("");		/* no module saw it */
	tl_world_free(w);
}
END_TEST

static const char *const good_names[] = {
	"h1", "R_2", "a-b", "a.b", "x.", "9", "h-", NAME65 + 1 /* 64 characters */,
};

START_TEST(test_world_add_node_accepts_names)
{
	struct world *w = abc_world();
	struct node *n = add(w, "host", good_names[_i]);

	ck_assert_str_eq(n->name, good_names[_i]);
	ck_assert_ptr_eq(world_node(w, good_names[_i]), n);
	tl_world_free(w);
}
END_TEST

START_TEST(test_modules_init_in_order_and_exit_in_reverse)
{
	struct world *w = abc_world();

	add(w, "host", "h1");
	add(w, "fussy", "f1");
	expect_calls("A+h1 B+h1 C+h1 A+f1 B+f1 C+f1 kind!f1");
	tl_world_free(w);
	/* nodes go in reverse order of creation, modules in reverse order */
	expect_calls("C-f1 B-f1 A-f1 C-h1 B-h1 A-h1");
}
END_TEST

START_TEST(test_failed_node_init_rolls_back)
{
	struct world *w = abc_world();
	struct sim_err err = { { 0 } };
	struct node *n;

	add(w, "host", "h1");
	calls[0] = '\0';
	ck_assert_ptr_null(world_add_node(w, "host", "refused", NULL, &err));
	ck_assert_str_eq(err.msg, "B refuses refused");
	/* the failing module and those before it are undone, in reverse; C never ran */
	expect_calls("A+refused B+refused B-refused A-refused");
	ck_assert_ptr_null(world_node(w, "refused"));
	ck_assert_uint_eq(w->nodes->len, 1);
	/* the id is not used up */
	n = add(w, "host", "h2");
	ck_assert_uint_eq(n->id, 1);
	tl_world_free(w);
	expect_calls("A+h2 B+h2 C+h2 C-h2 B-h2 A-h2 C-h1 B-h1 A-h1");
}
END_TEST

START_TEST(test_failed_kind_setup_rolls_back)
{
	struct world *w = abc_world();
	struct sim_err err = { { 0 } };

	ck_assert_ptr_null(world_add_node(w, "fussy", "nosetup1", NULL, &err));
	ck_assert_str_eq(err.msg, "fussy: nosetup1 cannot be set up");
	expect_calls("A+nosetup1 B+nosetup1 C+nosetup1 kind!nosetup1 "
		     "C-nosetup1 B-nosetup1 A-nosetup1");
	ck_assert_ptr_null(world_node(w, "nosetup1"));
	ck_assert_uint_eq(w->nodes->len, 0);
	add(w, "fussy", "setup1");
	tl_world_free(w);
}
END_TEST

/* ---- the run loop ------------------------------------------------------------ */

struct tick {
	struct sim_event ev;
	int id;
	GString *log;
	struct world *w;
	int action;			/* what the handler does besides logging */
	struct tick *next;		/* ACT_SCHEDULE's target */
};

enum { ACT_NONE, ACT_STOP, ACT_FAIL, ACT_FAIL_AGAIN, ACT_SCHEDULE_NOW, ACT_INTERRUPT };

static volatile sig_atomic_t interrupted;

static void tick_fn(struct world *w, struct sim_event *ev)
{
	struct tick *t = (struct tick *)ev;

	g_string_append_printf(t->log, "%s%d@%lld", t->log->len ? " " : "", t->id,
			       (long long)sim_now(w));
	ck_assert(w->in_event);
	ck_assert(w->running);
	switch (t->action) {
	case ACT_STOP:
		world_stop(w);
		break;
	case ACT_FAIL:
		world_fail(w, "event %d failed at %lld", t->id, (long long)sim_now(w));
		break;
	case ACT_FAIL_AGAIN:
		world_fail(w, "a second failure");
		break;
	case ACT_SCHEDULE_NOW:
		sim_schedule(w, &t->next->ev, sim_now(w));
		break;
	}
}

static void tick_init(struct tick *t, int id, GString *log, int action)
{
	memset(t, 0, sizeof(*t));
	sim_event_init(&t->ev, tick_fn);
	t->id = id;
	t->log = log;
	t->action = action;
}

static void expect_log(GString *log, const char *want)
{
	ck_assert_msg(strcmp(log->str, want) == 0, "log\n got: %s\nwant: %s", log->str, want);
	g_string_truncate(log, 0);
}

START_TEST(test_world_run_includes_until_and_ends_there)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick t[3];

	for (int i = 0; i < 3; i++)
		tick_init(&t[i], i, log, ACT_NONE);
	sim_schedule(w, &t[0].ev, 100);
	sim_schedule(w, &t[1].ev, 200);
	sim_schedule(w, &t[2].ev, 201);
	ck_assert_int_eq(world_run(w, 200), 0);
	expect_log(log, "0@100 1@200");
	ck_assert_int_eq(sim_now(w), 200);
	ck_assert_uint_eq(w->events, 2);
	ck_assert(!w->running && !w->in_event);
	ck_assert_int_eq(world_run(w, 150), 0);	/* already past: nothing */
	ck_assert_int_eq(sim_now(w), 200);
	ck_assert_int_eq(world_run(w, 1000), 0);
	expect_log(log, "2@201");
	ck_assert_int_eq(sim_now(w), 1000);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_run_equal_times_run_in_schedule_order)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick t[6];

	for (int i = 0; i < 6; i++)
		tick_init(&t[i], i, log, ACT_NONE);
	sim_schedule(w, &t[3].ev, 50);
	sim_schedule(w, &t[1].ev, 50);
	sim_schedule(w, &t[4].ev, 10);
	sim_schedule(w, &t[0].ev, 50);
	sim_schedule(w, &t[2].ev, 50);
	sim_schedule(w, &t[5].ev, 50);
	sim_schedule(w, &t[1].ev, 50);		/* rescheduled: goes to the back */
	ck_assert_int_eq(world_run(w, 50), 0);
	expect_log(log, "4@10 3@50 0@50 2@50 5@50 1@50");
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_event_scheduled_now_runs_in_the_same_run)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick a, b, c;

	tick_init(&a, 1, log, ACT_SCHEDULE_NOW);
	tick_init(&b, 2, log, ACT_NONE);
	tick_init(&c, 3, log, ACT_NONE);
	a.next = &b;
	sim_schedule(w, &a.ev, 70);
	sim_schedule(w, &c.ev, 70);
	ck_assert_int_eq(world_run(w, 70), 0);
	expect_log(log, "1@70 3@70 2@70");	/* after what was already due */
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_stop_ends_after_the_current_event)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick t[3];

	tick_init(&t[0], 0, log, ACT_NONE);
	tick_init(&t[1], 1, log, ACT_STOP);
	tick_init(&t[2], 2, log, ACT_NONE);
	sim_schedule(w, &t[0].ev, 10);
	sim_schedule(w, &t[1].ev, 20);
	sim_schedule(w, &t[2].ev, 20);
	ck_assert_int_eq(world_run(w, 100), 0);
	expect_log(log, "0@10 1@20");
	ck_assert_int_eq(sim_now(w), 20);	/* the clock stays at the stop */
	ck_assert_ptr_null(w->error);
	/* a stop is not an error: the next run goes on */
	ck_assert_int_eq(world_run(w, 100), 0);
	expect_log(log, "2@20");
	ck_assert_int_eq(sim_now(w), 100);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_fail_stops_for_good)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick t[4];

	tick_init(&t[0], 0, log, ACT_FAIL);
	tick_init(&t[1], 1, log, ACT_NONE);
	tick_init(&t[2], 2, log, ACT_NONE);
	sim_schedule(w, &t[0].ev, 10);
	sim_schedule(w, &t[1].ev, 10);
	sim_schedule(w, &t[2].ev, 30);
	ck_assert_int_eq(world_run(w, 100), -1);
	expect_log(log, "0@10");
	ck_assert_str_eq(w->error, "event 0 failed at 10");
	ck_assert_int_eq(sim_now(w), 10);
	/* later runs return at once, running nothing */
	ck_assert_int_eq(world_run(w, 1000), -1);
	expect_log(log, "");
	ck_assert_int_eq(sim_now(w), 10);
	ck_assert(!w->running);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_fail_first_error_wins)
{
	struct world *w = tl_world_with("run", 1, NULL);
	GString *log = g_string_new(NULL);
	struct tick t;

	world_fail(w, "before the run: %d", 1);
	tick_init(&t, 0, log, ACT_FAIL_AGAIN);
	sim_schedule(w, &t.ev, 10);
	ck_assert_int_eq(world_run(w, 100), -1);
	expect_log(log, "");
	ck_assert_str_eq(w->error, "before the run: 1");
	world_fail(w, "later");
	ck_assert_str_eq(w->error, "before the run: 1");
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

/* A storm: every event schedules the next one 1 ns later, forever. */
struct storm {
	struct sim_event ev;
	uint64_t n;
	uint64_t interrupt_at;
	int progress_calls;
};

static void storm_fn(struct world *w, struct sim_event *ev)
{
	struct storm *s = (struct storm *)ev;

	if (++s->n == s->interrupt_at)
		interrupted = 1;
	sim_schedule(w, ev, sim_now(w) + 1);
}

static void storm_progress(struct world *w, void *arg)
{
	struct storm *s = arg;

	ck_assert(w->running);
	s->progress_calls++;
}

START_TEST(test_world_run_stops_on_interrupt)
{
	struct world *w = tl_world_with("run", 1, NULL);
	struct storm s = { .interrupt_at = 10 };

	interrupted = 0;
	w->interrupted = &interrupted;
	sim_event_init(&s.ev, storm_fn);
	sim_schedule(w, &s.ev, 0);
	ck_assert_int_eq(world_run(w, SIM_NSEC_PER_SEC), -1);
	/* checked every so many events, not after each one */
	ck_assert_uint_ge(s.n, 10);
	ck_assert_uint_le(s.n, 65536);
	ck_assert_int_lt(sim_now(w), SIM_NSEC_PER_SEC);	/* not moved to until */
	ck_assert_ptr_null(w->error);
	ck_assert(!w->running);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_run_calls_progress_while_running)
{
	struct world *w = tl_world_with("run", 1, NULL);
	struct storm s = { .interrupt_at = 0 };

	w->progress = storm_progress;
	w->progress_arg = &s;
	sim_event_init(&s.ev, storm_fn);
	sim_schedule(w, &s.ev, 0);
	ck_assert_int_eq(world_run(w, 200000 - 1), 0);
	ck_assert_uint_eq(s.n, 200000);
	ck_assert_uint_eq(w->events, 200000);
	ck_assert_int_eq(s.progress_calls, 3);	/* every 65536 events */
	tl_world_free(w);
}
END_TEST

/* ---- callouts ---------------------------------------------------------------- */

struct callout_arg {
	GString *log;
	int id;
	int *freed;
};

static void callout_fn(struct world *w, void *arg)
{
	struct callout_arg *a = arg;

	g_string_append_printf(a->log, "%s%d@%lld", a->log->len ? " " : "", a->id,
			       (long long)sim_now(w));
}

static void callout_dtor(void *arg)
{
	struct callout_arg *a = arg;

	(*a->freed)++;
	g_free(a);
}

static struct sim_callout *call_at(struct world *w, sim_time_t t, GString *log, int id,
				   int *freed)
{
	struct callout_arg *a = g_new0(struct callout_arg, 1);

	a->log = log;
	a->id = id;
	a->freed = freed;
	return sim_call_at(w, t, callout_fn, callout_dtor, a);
}

START_TEST(test_callouts_run_then_free_their_arg)
{
	struct world *w = tl_world_with("callout", 1, NULL);
	GString *log = g_string_new(NULL);
	int freed = 0;

	call_at(w, 30, log, 3, &freed);
	call_at(w, 10, log, 1, &freed);
	call_at(w, 30, log, 4, &freed);
	ck_assert_int_eq(w->live[SIM_OBJ_CALLOUT], 3);
	ck_assert_int_eq(world_live_objects(w), 3);
	ck_assert_int_eq(world_run(w, 20), 0);
	expect_log(log, "1@10");
	ck_assert_int_eq(freed, 1);
	ck_assert_int_eq(world_run(w, 100), 0);
	expect_log(log, "3@30 4@30");
	ck_assert_int_eq(freed, 3);
	ck_assert_int_eq(world_live_objects(w), 0);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_callout_in_the_past_runs_now)
{
	struct world *w = tl_world_with("callout", 1, NULL);
	GString *log = g_string_new(NULL);
	int freed = 0;

	ck_assert_int_eq(world_run(w, 500), 0);
	call_at(w, 100, log, 1, &freed);
	ck_assert_int_eq(world_run(w, 500), 0);
	expect_log(log, "1@500");
	ck_assert_int_eq(freed, 1);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_cancelled_callout_frees_without_running)
{
	struct world *w = tl_world_with("callout", 1, NULL);
	GString *log = g_string_new(NULL);
	int freed = 0;
	struct sim_callout *c;

	c = call_at(w, 10, log, 1, &freed);
	call_at(w, 20, log, 2, &freed);
	sim_callout_cancel(w, c);
	ck_assert_int_eq(freed, 1);
	ck_assert_int_eq(w->live[SIM_OBJ_CALLOUT], 1);
	ck_assert_int_eq(world_run(w, 100), 0);
	expect_log(log, "2@20");
	ck_assert_int_eq(freed, 2);
	g_string_free(log, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_pending_callouts_freed_at_world_destroy)
{
	struct world *w = tl_world_with("callout", 1, NULL);
	GString *log = g_string_new(NULL);
	int freed = 0;

	call_at(w, 10, log, 1, &freed);
	call_at(w, 20, log, 2, &freed);
	/* one without a destructor: nothing to free */
	sim_call_at(w, 30, callout_fn, NULL, &(struct callout_arg){ .log = log });
	ck_assert_int_eq(world_run(w, 15), 0);
	ck_assert_int_eq(freed, 1);
	tl_world_free(w);		/* asserts no live callout */
	ck_assert_int_eq(freed, 2);
	ck_assert_str_eq(log->str, "1@10");
	g_string_free(log, TRUE);
}
END_TEST

/* ---- counters ------------------------------------------------------------------ */

static const char *const ip_names[] = { "InReceives", "InDelivers", "OutRequests" };
static const char *const dev_names[] = { "rx_packets", "tx_packets" };

/* a set as a model embeds one: the registry's part, then what it counts */
struct test_set {
	struct sim_counter_set cs;
	const uint64_t *values;
	unsigned int vid;		/* vlan_kind's scope: eth0.<vid> */
};

static uint64_t read_values(const struct sim_counter_set *cs, unsigned int i)
{
	return ((const struct test_set *)cs)->values[i];
}

static uint64_t read_times_ten(const struct sim_counter_set *cs, unsigned int i)
{
	return read_values(cs, i) * 10;
}

static const char *vlan_scope(const struct sim_counter_set *cs, char *buf)
{
	snprintf(buf, SIM_COUNTER_SCOPE_MAX, "eth0.%u", ((const struct test_set *)cs)->vid);
	return buf;
}

static const struct sim_counter_kind ip_kind = {
	.scope = "Ip", .names = ip_names, .n = 3, .read = read_values,
};
static const struct sim_counter_kind udp_kind = {
	.scope = "Udp", .names = ip_names, .n = 1, .read = read_values,
};
static const struct sim_counter_kind dev_kind = {
	.scope = "eth0", .names = dev_names, .n = 2, .read = read_values,
};
static const struct sim_counter_kind vlan_kind = {
	.scope_of = vlan_scope, .names = dev_names, .n = 2, .read = read_times_ten,
};

static unsigned int count_sets(const struct node *n)
{
	const struct sim_counter_set *cs;
	unsigned int len = 0;

	sim_counter_for_each(cs, n)
		len++;
	return len;
}

/* the scope of @n's set @i (its first table's) */
static const char *scope_at(const struct node *n, unsigned int i)
{
	static char buf[SIM_COUNTER_SCOPE_MAX];
	const struct sim_counter_set *cs = n->counter_sets;

	while (i--)
		cs = cs->next;
	return sim_counter_scope(cs, cs->kind, buf);
}

START_TEST(test_counters_keep_registration_order)
{
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	uint64_t ip[3] = { 0 }, dev[2] = { 0 }, udp[1] = { 0 };
	struct test_set ip_set = { .values = ip }, dev_set = { .values = dev },
			udp_set = { .values = udp };

	/* the engine's own Stat set is there from the start */
	ck_assert_uint_eq(count_sets(h1), 1);
	ck_assert_str_eq(scope_at(h1, 0), "Stat");
	sim_counters_register(h1, &ip_set.cs, &ip_kind);
	sim_counters_register(h1, &dev_set.cs, &dev_kind);
	sim_counters_register(h1, &udp_set.cs, &udp_kind);
	ck_assert_uint_eq(count_sets(h1), 4);
	sim_counters_unregister(h1, &dev_set.cs);
	ck_assert_uint_eq(count_sets(h1), 3);
	ck_assert_str_eq(scope_at(h1, 0), "Stat");
	ck_assert_str_eq(scope_at(h1, 1), "Ip");
	ck_assert_str_eq(scope_at(h1, 2), "Udp");
	sim_counters_register(h1, &dev_set.cs, &dev_kind);	/* again: last */
	ck_assert_str_eq(scope_at(h1, 3), "eth0");
	sim_counters_unregister(h1, &udp_set.cs);		/* the middle, then the tail */
	sim_counters_unregister(h1, &dev_set.cs);
	sim_counters_register(h1, &udp_set.cs, &udp_kind);	/* after the new tail */
	ck_assert_uint_eq(count_sets(h1), 3);
	ck_assert_str_eq(scope_at(h1, 2), "Udp");
	sim_counters_unregister(h1, &ip_set.cs);
	sim_counters_unregister(h1, &udp_set.cs);
	sim_counters_unregister(h1, &dev_set.cs);	/* not registered: harmless */
	ck_assert_uint_eq(count_sets(h1), 1);
	tl_world_free(w);
}
END_TEST

struct get_case {
	const char *name;
	int ret;
	uint64_t val;
};

static const struct get_case get_cases[] = {
	{ "Stat.processes", 0, 0 },
	{ "Stat.ctxt", 0, 0 },
	{ "Ip.InReceives", 0, 5 },
	{ "Ip.OutRequests", 0, 7 },
	{ "eth0.100.rx_packets", 0, 30 },	/* a scope with a dot (VLAN device) */
	{ "eth0.100.tx_packets", 0, 40 },
	{ "Ip.NoSuch", -1, 0 },
	{ "ip.InReceives", -1, 0 },		/* names are exact */
	{ "Ip", -1, 0 },
	{ "", -1, 0 },
	{ ".InReceives", -1, 0 },
	{ "Ip.", -1, 0 },
	{ "Ip.InReceives.x", -1, 0 },
	{ "eth0.rx_packets", -1, 0 },
};

START_TEST(test_counter_get_by_qualified_name)
{
	const struct get_case *c = &get_cases[_i];
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	uint64_t ip[3] = { 5, 6, 7 }, base[2] = { 3, 4 }, val = 12345;
	struct test_set ip_set = { .values = ip }, vlan_set = { .values = base, .vid = 100 };

	sim_counters_register(h1, &ip_set.cs, &ip_kind);
	sim_counters_register(h1, &vlan_set.cs, &vlan_kind);
	ck_assert_msg(sim_counter_get(h1, c->name, &val) == c->ret, "%s", c->name);
	if (c->ret == 0)
		ck_assert_msg(val == c->val, "%s = %llu, want %llu", c->name,
			      (unsigned long long)val, (unsigned long long)c->val);
	else
		ck_assert_uint_eq(val, 12345);	/* untouched */
	sim_counters_unregister(h1, &vlan_set.cs);
	sim_counters_unregister(h1, &ip_set.cs);
	tl_world_free(w);
}
END_TEST

START_TEST(test_counter_values_are_live)
{
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	uint64_t ip[3] = { 0 }, base[2] = { 3, 4 }, val;
	struct test_set ip_set = { .values = ip }, vlan_set = { .values = base, .vid = 100 };

	sim_counters_register(h1, &ip_set.cs, &ip_kind);
	sim_counters_register(h1, &vlan_set.cs, &vlan_kind);
	ip[1] = 99;
	ck_assert_int_eq(sim_counter_get(h1, "Ip.InDelivers", &val), 0);
	ck_assert_uint_eq(val, 99);
	ck_assert_uint_eq(sim_counter_value(&ip_set.cs, &ip_kind, 1), 99);
	h1->stat[NODE_STAT_CTXT] = 17;
	ck_assert_int_eq(sim_counter_get(h1, "Stat.ctxt", &val), 0);
	ck_assert_uint_eq(val, 17);
	/* scope_of() is asked at each read: a renamed device's set follows it */
	vlan_set.vid = 200;
	ck_assert_int_eq(sim_counter_get(h1, "eth0.100.rx_packets", &val), -1);
	ck_assert_int_eq(sim_counter_get(h1, "eth0.200.rx_packets", &val), 0);
	ck_assert_uint_eq(val, 30);
	sim_counters_unregister(h1, &vlan_set.cs);
	sim_counters_unregister(h1, &ip_set.cs);
	tl_world_free(w);
}
END_TEST

/* a set of two tables: IpExt is read from the same values, after Ip */
static uint64_t read_plus_one(const struct sim_counter_set *cs, unsigned int i)
{
	return read_values(cs, i) + 1;
}

static const struct sim_counter_kind ipext_kind = {
	.scope = "IpExt", .names = dev_names, .n = 2, .read = read_plus_one,
};
static const struct sim_counter_kind ip_ipext_kind = {
	.scope = "Ip", .names = ip_names, .n = 3, .read = read_values, .next = &ipext_kind,
};

START_TEST(test_counters_next_kind_reads_same_set)
{
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	uint64_t ip[3] = { 5, 6, 7 }, dev[2] = { 0 }, val = 0;
	struct test_set ip_set = { .values = ip }, dev_set = { .values = dev };
	const struct sim_counter_set *cs;
	const struct sim_counter_kind *k;
	GString *order = g_string_new("");
	char buf[SIM_COUNTER_SCOPE_MAX];

	sim_counters_register(h1, &ip_set.cs, &ip_ipext_kind);
	sim_counters_register(h1, &dev_set.cs, &dev_kind);
	ck_assert_uint_eq(count_sets(h1), 3);
	sim_counter_for_each_kind(cs, k, h1)
		g_string_append_printf(order, "%s ", sim_counter_scope(cs, k, buf));
	ck_assert_str_eq(order->str, "Stat Ip IpExt eth0 ");
	ck_assert_int_eq(sim_counter_get(h1, "IpExt.tx_packets", &val), 0);
	ck_assert_uint_eq(val, 7);
	ck_assert_int_eq(sim_counter_get(h1, "Ip.OutRequests", &val), 0);
	ck_assert_uint_eq(val, 7);
	sim_counters_unregister(h1, &ip_set.cs);	/* both tables go */
	ck_assert_int_eq(sim_counter_get(h1, "IpExt.rx_packets", &val), -1);
	sim_counters_unregister(h1, &dev_set.cs);
	g_string_free(order, TRUE);
	tl_world_free(w);
}
END_TEST

START_TEST(test_counters_are_per_node)
{
	struct world *w = abc_world();
	struct node *h1 = add(w, "host", "h1");
	struct node *h2 = add(w, "host", "h2");
	uint64_t ip[3] = { 1, 2, 3 }, val = 0;
	struct test_set ip_set = { .values = ip };

	sim_counters_register(h1, &ip_set.cs, &ip_kind);
	ck_assert_int_eq(sim_counter_get(h2, "Ip.InReceives", &val), -1);
	ck_assert_int_eq(sim_counter_get(h1, "Ip.InReceives", &val), 0);
	ck_assert_uint_eq(val, 1);
	sim_counters_unregister(h1, &ip_set.cs);
	tl_world_free(w);
}
END_TEST

static Suite *world_suite(void)
{
	Suite *s = suite_create("world");
	TCase *tc = tcase_create("create");

	tcase_add_loop_test(tc, test_world_create_rejects_odd_hz, 0, G_N_ELEMENTS(bad_hz));
	tcase_add_test(tc, test_world_create_without_modules);
	tcase_add_loop_test(tc, test_world_create_rejects_a_name_registered_twice, 0,
			    G_N_ELEMENTS(dup_cases));
	tcase_add_test(tc, test_world_registries_come_from_modules);
	suite_add_tcase(s, tc);

	tc = tcase_create("nodes");
	tcase_add_test(tc, test_nodes_get_ids_in_creation_order);
	tcase_add_test(tc, test_node_cpus_from_config);
	tcase_add_loop_test(tc, test_world_add_node_rejects_bad_kind_and_name, 0,
			    G_N_ELEMENTS(bad_nodes));
	tcase_add_loop_test(tc, test_world_add_node_accepts_names, 0, G_N_ELEMENTS(good_names));
	tcase_add_test(tc, test_modules_init_in_order_and_exit_in_reverse);
	tcase_add_test(tc, test_failed_node_init_rolls_back);
	tcase_add_test(tc, test_failed_kind_setup_rolls_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("run");
	tcase_add_test(tc, test_world_run_includes_until_and_ends_there);
	tcase_add_test(tc, test_world_run_equal_times_run_in_schedule_order);
	tcase_add_test(tc, test_event_scheduled_now_runs_in_the_same_run);
	tcase_add_test(tc, test_world_stop_ends_after_the_current_event);
	tcase_add_test(tc, test_world_fail_stops_for_good);
	tcase_add_test(tc, test_world_fail_first_error_wins);
	tcase_add_test(tc, test_world_run_stops_on_interrupt);
	tcase_add_test(tc, test_world_run_calls_progress_while_running);
	suite_add_tcase(s, tc);

	tc = tcase_create("callouts");
	tcase_add_test(tc, test_callouts_run_then_free_their_arg);
	tcase_add_test(tc, test_callout_in_the_past_runs_now);
	tcase_add_test(tc, test_cancelled_callout_frees_without_running);
	tcase_add_test(tc, test_pending_callouts_freed_at_world_destroy);
	suite_add_tcase(s, tc);

	tc = tcase_create("counters");
	tcase_add_test(tc, test_counters_keep_registration_order);
	tcase_add_loop_test(tc, test_counter_get_by_qualified_name, 0, G_N_ELEMENTS(get_cases));
	tcase_add_test(tc, test_counter_values_are_live);
	tcase_add_test(tc, test_counters_next_kind_reads_same_set);
	tcase_add_test(tc, test_counters_are_per_node);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(world_suite());
}
