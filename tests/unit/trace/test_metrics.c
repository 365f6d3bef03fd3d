/*
 * tests/unit/trace/test_metrics.c - the SQLite metrics database
 *
 * No kernel counterpart (sim/trace/metrics.c).  The database is read back
 * through a second SQLite connection, as a user's sqlite3 would.
 */
#include <check.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sim/counters.h"
#include "sim/proc.h"
#include "sim/trace/metrics.h"
#include "testlib.h"

/* ---- a world with one counted host ------------------------------------ */

static const char *const ip_names[] = { "InReceives", "InDelivers" };
static const char *const dev_names[] = { "rx_packets" };

struct fixture {
	struct world *w;
	struct node *h1;
	uint64_t ip[2];
	uint64_t rx[1];
	struct sim_counter_set ip_set, dev_set;	/* read() finds the fixture */
	char *dir, *path;
	struct sim_metrics *m;
};

static const struct sim_metrics_run test_run = {
	.name = "metrics",
	.scenario = "topologies/test.lua",
	.scenario_sha256 = "00ff",
	.version = "0.1.0",
	.seed = UINT64_MAX - 1,		/* stored as -2 */
	.hz = 250,
};

static uint64_t read_ip(const struct sim_counter_set *cs, unsigned int i)
{
	return ((const struct fixture *)((const char *)cs -
					 offsetof(struct fixture, ip_set)))->ip[i];
}

static uint64_t read_dev(const struct sim_counter_set *cs, unsigned int i)
{
	return ((const struct fixture *)((const char *)cs -
					 offsetof(struct fixture, dev_set)))->rx[i];
}

/* a kind whose scope is asked for at each sample, as a device's is */
static const char *dev_scope(const struct sim_counter_set *cs, char *buf)
{
	(void)cs;
	(void)buf;
	return "eth0";
}

static const struct sim_counter_kind ip_kind = {
	.scope = "Ip", .names = ip_names, .n = 2, .read = read_ip,
};

static const struct sim_counter_kind dev_kind = {
	.scope_of = dev_scope, .names = dev_names, .n = 1, .read = read_dev,
};

static void setup(struct fixture *f)
{
	struct sim_err err = { { 0 } };

	memset(f, 0, sizeof(*f));
	f->w = tl_world_with("metrics", 7, tl_host_modules);
	f->h1 = world_add_node(f->w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	sim_counters_register(f->h1, &f->ip_set, &ip_kind);
	sim_counters_register(f->h1, &f->dev_set, &dev_kind);
	f->dir = tl_tmpdir();
	f->path = g_build_filename(f->dir, "metrics.db", NULL);
	f->m = sim_metrics_open(f->path, &test_run, &err);
	ck_assert_msg(f->m != NULL, "%s", err.msg);
	sim_metrics_node(f->m, f->h1);
}

static void teardown(struct fixture *f)
{
	ck_assert_ptr_null(f->m);	/* each test closes or abandons */
	f->w->metrics = NULL;
	sim_counters_unregister(f->h1, &f->dev_set);
	sim_counters_unregister(f->h1, &f->ip_set);
	tl_world_free(f->w);
	tl_rmtree(f->dir);
	g_free(f->path);
	g_free(f->dir);
}

static int close_run(struct fixture *f)
{
	const struct sim_metrics_end end = {
		.sim_ns = sim_now(f->w), .events = f->w->events, .complete = true,
		.exit_status = 0, .wall_s = 0.5, .build_wall_s = 0.25, .maxrss_kb = 1234,
	};
	int ret;

	sim_metrics_sample(f->m, f->w, true);
	ret = sim_metrics_close(f->m, &end);
	f->m = NULL;
	f->w->metrics = NULL;
	return ret;
}

/* ---- reading back ----------------------------------------------------- */

/* Our two sets: the engine registers counters of its own (Stat) too. */
#define MINE " WHERE scope IN ('Ip', 'eth0')"

static sqlite3 *db_open(const char *path)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	return db;
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db));
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no row: %s", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Every row of @sql, columns joined by '|' and rows by '\n' (as sqlite3 prints). */
static char *q_rows(sqlite3 *db, const char *sql)
{
	GString *s = g_string_new(NULL);
	sqlite3_stmt *st;
	int i;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);

			g_string_append_printf(s, "%s%s", i ? "|" : "", v ? (const char *)v : "");
		}
		g_string_append_c(s, '\n');
	}
	sqlite3_finalize(st);
	return g_string_free(s, FALSE);
}

static void expect_rows(sqlite3 *db, const char *sql, const char *want)
{
	char *got = q_rows(db, sql);

	ck_assert_msg(strcmp(got, want) == 0, "%s\n got:\n%s want:\n%s", sql, got, want);
	g_free(got);
}

/* ---- schema and run row ----------------------------------------------- */

START_TEST(test_metrics_schema)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	db = db_open(f.path);
	ck_assert_int_eq(q_int(db, "PRAGMA user_version"), SIM_METRICS_SCHEMA);
	expect_rows(db, "SELECT type, name FROM sqlite_master"
			" WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
		    "index|counters_by_name\n"
		    "table|args\n"
		    "table|counters\n"
		    "table|drop_counts\n"
		    "table|drops\n"
		    "table|interfaces\n"
		    "table|nodes\n"
		    "table|process_output\n"
		    "table|processes\n"
		    "table|run\n"
		    "table|walk\n"
		    "table|walks\n"
		    "table|wall\n"
		    "view|counter_deltas\n"
		    "view|counters_final\n"
		    "view|drops_by_reason\n"
		    "view|node_output\n");
	expect_rows(db, "PRAGMA journal_mode", "delete\n");
	sqlite3_close(db);
	sim_metrics_abandon(f.m);
	f.m = NULL;
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_run_complete_only_after_close)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_arg(f.m, "RATE", "1Gbit");
	sim_metrics_arg(f.m, "N", "3");
	db = db_open(f.path);
	expect_rows(db, "SELECT * FROM run",
		    "1|metrics|topologies/test.lua|00ff|0.1.0|-2|250|0|0|0||\n");
	sqlite3_close(db);

	ck_assert_int_eq(world_run(f.w, 3 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	expect_rows(db, "SELECT sim_ns, complete, exit_status, error FROM run",
		    "3000000000|1|0|\n");
	ck_assert_uint_eq((uint64_t)q_int(db, "SELECT seed FROM run"), test_run.seed);
	expect_rows(db, "SELECT * FROM args ORDER BY name", "N|3\nRATE|1Gbit\n");
	expect_rows(db, "SELECT key, value FROM wall WHERE key != 'events_per_s' ORDER BY key",
		    "build_wall_s|0.25\nmaxrss_kb|1234.0\nwall_s|0.5\n");
	ck_assert_int_eq(q_int(db, "SELECT (SELECT value FROM wall WHERE key = 'events_per_s')"
				   " = (SELECT events FROM run) / 0.5"), 1);
	expect_rows(db, "SELECT * FROM nodes", "0|h1|host|1\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_failed_run_keeps_error)
{
	struct fixture f;
	const struct sim_metrics_end end = {
		.sim_ns = 5, .events = 2, .complete = false, .exit_status = 1,
		.error = "lab.lua:3: boom",
	};
	sqlite3 *db;

	setup(&f);
	ck_assert_int_eq(sim_metrics_close(f.m, &end), 0);
	f.m = NULL;
	db = db_open(f.path);
	expect_rows(db, "SELECT sim_ns, events, complete, exit_status, error FROM run",
		    "5|2|0|1|lab.lua:3: boom\n");
	expect_rows(db, "SELECT value IS NULL FROM wall WHERE key = 'events_per_s'", "1\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_open_replaces_old_file)
{
	struct fixture f;
	struct sim_err err = { { 0 } };
	char *journal;
	sqlite3 *db;

	setup(&f);
	sim_metrics_arg(f.m, "OLD", "1");
	sim_metrics_abandon(f.m);
	journal = g_strconcat(f.path, "-journal", NULL);
	ck_assert(g_file_set_contents(journal, "not a journal", -1, NULL));

	f.m = sim_metrics_open(f.path, &test_run, &err);
	ck_assert_msg(f.m != NULL, "%s", err.msg);
	ck_assert(!g_file_test(journal, G_FILE_TEST_EXISTS));
	db = db_open(f.path);
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM args"), 0);
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM run"), 1);
	sqlite3_close(db);
	sim_metrics_abandon(f.m);
	f.m = NULL;
	g_free(journal);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_open_error_names_path)
{
	struct sim_err err = { { 0 } };
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "missing", "metrics.db", NULL);

	ck_assert_ptr_null(sim_metrics_open(path, &test_run, &err));
	ck_assert_msg(strstr(err.msg, path) != NULL, "message: %s", err.msg);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_metrics_abandon_leaves_incomplete)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_sample(f.m, f.w, false);
	sim_metrics_abandon(f.m);	/* no flush before: abandon commits */
	f.m = NULL;
	db = db_open(f.path);
	ck_assert_int_eq(q_int(db, "SELECT complete FROM run"), 0);
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM counters" MINE), 3);
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM wall"), 0);
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

/*
 * The directory disappears under a running database (works as root too,
 * unlike a chmod): writes fail, the run goes on, close reports it once.
 */
START_TEST(test_metrics_write_error_reported_at_close)
{
	struct fixture f;
	const struct sim_metrics_end end = { .complete = true };
	const char *msg;

	setup(&f);
	ck_assert_ptr_null(sim_metrics_error(f.m));
	tl_rmtree(f.dir);
	sim_metrics_arg(f.m, "A", "1");
	sim_metrics_sample(f.m, f.w, false);
	sim_metrics_flush(f.m);
	sim_metrics_drop(f.m, 1, f.h1, NULL, "NO_SOCKET", NULL, NULL, NULL);
	msg = sim_metrics_error(f.m);
	ck_assert_ptr_nonnull(msg);
	ck_assert_msg(g_str_has_prefix(msg, f.path), "message: %s", msg);
	ck_assert_int_eq(sim_metrics_close(f.m, &end), -1);
	f.m = NULL;
	teardown(&f);
}
END_TEST

/* ---- rows ------------------------------------------------------------- */

START_TEST(test_metrics_counters_sampled)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	f.ip[0] = 5;
	sim_metrics_sample(f.m, f.w, false);
	f.ip[0] = 8;
	f.ip[1] = UINT64_MAX >> 1;
	f.rx[0] = 42;
	ck_assert_int_eq(world_run(f.w, 2000), 0);
	ck_assert_int_eq(close_run(&f), 0);

	db = db_open(f.path);
	/* registration order within a sample: Ip before eth0, names in table order */
	expect_rows(db, "SELECT t_ns, node_id, scope, name, value, final FROM counters"
			MINE " ORDER BY rowid",
		    "0|0|Ip|InReceives|5|0\n"
		    "0|0|Ip|InDelivers|0|0\n"
		    "0|0|eth0|rx_packets|0|0\n"
		    "2000|0|Ip|InReceives|8|1\n"
		    "2000|0|Ip|InDelivers|9223372036854775807|1\n"
		    "2000|0|eth0|rx_packets|42|1\n");
	expect_rows(db, "SELECT * FROM counters_final" MINE " ORDER BY scope, name",
		    "h1|Ip|InDelivers|9223372036854775807\n"
		    "h1|Ip|InReceives|8\n"
		    "h1|eth0|rx_packets|42\n");
	expect_rows(db, "SELECT t_ns, delta FROM counter_deltas"
			" WHERE scope = 'Ip' AND name = 'InReceives' ORDER BY t_ns",
		    "0|5\n2000|3\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_interfaces_replace)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_interface(f.m, f.h1, 1, "lo", "loopback", "00:00:00:00:00:00", 65536);
	sim_metrics_interface(f.m, f.h1, 2, "eth0", "simnic", "02:00:00:00:00:01", 1500);
	sim_metrics_interface(f.m, f.h1, 2, "wan", "simnic", "02:00:00:00:00:01", 9000);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	expect_rows(db, "SELECT * FROM interfaces ORDER BY node_id, ifindex",
		    "0|1|lo|loopback|00:00:00:00:00:00|65536\n"
		    "0|2|wan|simnic|02:00:00:00:00:01|9000\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_drops)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_drop(f.m, 10, f.h1, "eth0", "NO_SOCKET", "__udp4_lib_rcv", "udp",
			 "10.0.0.1.5000 > 10.0.0.2.9: UDP, length 4");
	sim_metrics_drop(f.m, 20, f.h1, NULL, "NETFILTER_DROP", "nf_hook_slow", NULL, NULL);
	sim_metrics_drop(f.m, 30, f.h1, "eth0", "NO_SOCKET", "__udp4_lib_rcv", "udp", NULL);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	expect_rows(db, "SELECT * FROM drops ORDER BY rowid",
		    "10|0|eth0|NO_SOCKET|__udp4_lib_rcv|udp|"
		    "10.0.0.1.5000 > 10.0.0.2.9: UDP, length 4\n"
		    "20|0||NETFILTER_DROP|nf_hook_slow||\n"
		    "30|0|eth0|NO_SOCKET|__udp4_lib_rcv|udp|\n");
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM drops WHERE device IS NULL"), 1);
	expect_rows(db, "SELECT * FROM drops_by_reason", "NO_SOCKET|2\nNETFILTER_DROP|1\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

/* What skbsim grade's grade.drops reads: every drop so far, rows or not. */
START_TEST(test_metrics_drop_count)
{
	struct fixture f;

	setup(&f);
	sim_metrics_set_drop_rows(f.m, 1);
	for (int i = 0; i < 3; i++)
		sim_metrics_drop(f.m, i, f.h1, "eth0", "IP_RPFILTER", "ip_rcv_finish_core",
				 NULL, NULL);
	sim_metrics_drop(f.m, 5, f.h1, NULL, "NO_SOCKET", "__udp4_lib_rcv", NULL, NULL);
	sim_metrics_drop(f.m, 6, NULL, NULL, "NOMEM", "alloc_skb", NULL, NULL);
	ck_assert_uint_eq(sim_metrics_drop_count(f.m, f.h1->id, "IP_RPFILTER"), 3);
	ck_assert_uint_eq(sim_metrics_drop_count(f.m, f.h1->id, NULL), 4);
	ck_assert_uint_eq(sim_metrics_drop_count(f.m, f.h1->id, "NOMEM"), 0);
	ck_assert_uint_eq(sim_metrics_drop_count(f.m, f.h1->id + 1, NULL), 0);
	ck_assert_uint_eq(sim_metrics_drop_count(NULL, f.h1->id, NULL), 0);
	ck_assert_int_eq(close_run(&f), 0);
	teardown(&f);
}
END_TEST

/* Past drop_rows, drops are only counted; drop_counts has them all, sorted. */
START_TEST(test_metrics_drop_rows_cap)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_set_drop_rows(f.m, 2);
	for (int i = 0; i < 5; i++)
		sim_metrics_drop(f.m, i, f.h1, "eth0", "QDISC_DROP", "pfifo_fast_enqueue",
				 NULL, NULL);
	sim_metrics_drop(f.m, 9, NULL, NULL, "NOMEM", "alloc_skb", NULL, NULL);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM drops"), 2);
	expect_rows(db, "SELECT * FROM drop_counts",
		    "||NOMEM|alloc_skb|1\n"
		    "0|eth0|QDISC_DROP|pfifo_fast_enqueue|5\n");
	expect_rows(db, "SELECT * FROM drops_by_reason", "QDISC_DROP|5\nNOMEM|1\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

static const struct sim_proc_ops test_proc_ops = { .kind = "program" };

static struct sim_proc test_proc(struct node *node, int pid, const char *cmdline)
{
	return (struct sim_proc){
		.node = node, .pid = pid, .cmdline = (char *)cmdline, .ops = &test_proc_ops,
		.state = SIM_PROC_RUNNING, .start_time = 100,
	};
}

START_TEST(test_metrics_process_output_and_states)
{
	struct fixture f;
	struct sim_proc ping, sleeper, killed, later;
	sqlite3 *db;

	setup(&f);
	ping = test_proc(f.h1, 1, "ping -c 1 10.0.0.2");
	sleeper = test_proc(f.h1, 2, "sleep 100");
	killed = test_proc(f.h1, 3, "iperf -s");
	later = test_proc(f.h1, 4, "ping 10.0.0.9");
	later.state = SIM_PROC_WAITING;
	later.start_time = 9000;

	sim_metrics_proc_output(f.m, 100, &ping, "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.");
	sim_metrics_proc_output(f.m, 150, &sleeper, "zzz");
	sim_metrics_proc_output(f.m, 200, &ping, "");
	ping.state = SIM_PROC_EXITED;
	ping.end_time = 300;
	ping.exit_status = 1;
	sim_metrics_proc(f.m, &ping);
	killed.state = SIM_PROC_EXITED;
	killed.end_time = 400;
	killed.exit_status = 128 + SIGTERM;
	killed.term_signal = SIGTERM;
	sim_metrics_proc(f.m, &killed);
	sim_metrics_proc(f.m, &sleeper);	/* still running at the end */
	sim_metrics_proc(f.m, &later);
	ck_assert_int_eq(close_run(&f), 0);

	db = db_open(f.path);
	expect_rows(db, "SELECT * FROM process_output ORDER BY seq",
		    "100|0|1|1|PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
		    "150|0|2|2|zzz\n"
		    "200|0|1|3|\n");
	expect_rows(db, "SELECT node, pid, line FROM node_output WHERE node = 'h1' AND pid = 1"
			" ORDER BY seq",
		    "h1|1|PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\nh1|1|\n");
	expect_rows(db, "SELECT pid, cmdline, kind, start_ns, end_ns, exit_status, signal,"
			" state FROM processes ORDER BY node_id, pid",
		    "1|ping -c 1 10.0.0.2|program|100|300|1||exited\n"
		    "2|sleep 100|program|100||||running\n"
		    "3|iperf -s|program|100|400||15|killed\n"
		    "4|ping 10.0.0.9|program|9000||||waiting\n");
	ck_assert_int_eq(q_int(db, "SELECT COUNT(*) FROM processes WHERE exit_status IS NULL"),
			 3);
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

/* Every function takes a NULL database (metrics not enabled). */
START_TEST(test_metrics_null_is_a_noop)
{
	struct fixture f;
	struct sim_proc p;
	const struct sim_metrics_end end = { .complete = true };

	setup(&f);
	p = test_proc(f.h1, 1, "true");
	sim_metrics_abandon(f.m);
	f.m = NULL;
	sim_metrics_arg(NULL, "A", "B");
	sim_metrics_node(NULL, f.h1);
	sim_metrics_interface(NULL, f.h1, 1, "lo", NULL, NULL, 0);
	sim_metrics_sample(NULL, f.w, true);
	sim_metrics_drop(NULL, 0, f.h1, NULL, NULL, NULL, NULL, NULL);
	sim_metrics_proc_output(NULL, 0, &p, "x");
	sim_metrics_proc(NULL, &p);
	sim_metrics_flush(NULL);
	ck_assert_ptr_null(sim_metrics_error(NULL));
	ck_assert_int_eq(sim_metrics_close(NULL, &end), 0);
	sim_metrics_abandon(NULL);
	teardown(&f);
}
END_TEST

/* ---- periodic sampling ------------------------------------------------ */

START_TEST(test_metrics_interval_samples)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	f.w->metrics = f.m;
	sim_metrics_set_interval(f.w, 100 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);

	/* each sample is committed: visible to a reader while the run goes on */
	db = db_open(f.path);
	expect_rows(db, "SELECT COUNT(DISTINCT t_ns), MIN(t_ns), MAX(t_ns), COUNT(*)"
			" FROM counters" MINE,
		    "10|100000000|1000000000|30\n");
	sqlite3_close(db);

	sim_metrics_set_interval(f.w, 0);	/* off: only the end sample */
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	expect_rows(db, "SELECT t_ns, COUNT(*), SUM(final) FROM counters"
			MINE " AND t_ns > 900000000 GROUP BY t_ns ORDER BY t_ns",
		    "1000000000|3|0\n2000000000|3|3\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

START_TEST(test_metrics_interval_without_db_is_stored)
{
	struct fixture f;
	sqlite3 *db;

	setup(&f);
	sim_metrics_set_interval(f.w, 250 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(f.w->sample_interval, 250 * SIM_NSEC_PER_MSEC);
	ck_assert(!sim_event_pending(&f.w->sample_ev));
	ck_assert_int_eq(world_run(f.w, SIM_NSEC_PER_SEC), 0);

	/* attaching the database later and re-applying the interval arms it */
	f.w->metrics = f.m;
	sim_metrics_set_interval(f.w, f.w->sample_interval);
	ck_assert_int_eq(world_run(f.w, 2 * SIM_NSEC_PER_SEC), 0);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	expect_rows(db, "SELECT DISTINCT t_ns FROM counters WHERE final = 0 ORDER BY t_ns",
		    "1250000000\n1500000000\n1750000000\n2000000000\n");
	sqlite3_close(db);
	teardown(&f);
}
END_TEST

/* ---- determinism ------------------------------------------------------ */

static const char *const dump_tables[] = {
	"run", "args", "nodes", "interfaces", "counters", "drops", "process_output",
	"processes",
};

/* One scripted run; returns every deterministic table as text. */
static char *scripted_run(void)
{
	struct fixture f;
	struct sim_proc p;
	GString *dump = g_string_new(NULL);
	unsigned int i;
	sqlite3 *db;

	setup(&f);
	f.w->metrics = f.m;
	p = test_proc(f.h1, 1, "ping 10.0.0.2");
	sim_metrics_arg(f.m, "N", "1");
	sim_metrics_interface(f.m, f.h1, 2, "eth0", "simnic", "02:00:00:00:00:01", 1500);
	sim_metrics_set_interval(f.w, 10 * SIM_NSEC_PER_MSEC);
	sim_metrics_drop(f.m, 0, f.h1, "eth0", "NO_SOCKET", "__udp4_lib_rcv", "udp", "x");
	sim_metrics_proc_output(f.m, 0, &p, "hello");
	sim_metrics_proc(f.m, &p);
	ck_assert_int_eq(world_run(f.w, 100 * SIM_NSEC_PER_MSEC), 0);
	ck_assert_int_eq(close_run(&f), 0);
	db = db_open(f.path);
	for (i = 0; i < G_N_ELEMENTS(dump_tables); i++) {
		char *sql = g_strdup_printf("SELECT * FROM %s ORDER BY rowid", dump_tables[i]);
		char *rows = q_rows(db, sql);

		g_string_append_printf(dump, "%s:\n%s", dump_tables[i], rows);
		g_free(rows);
		g_free(sql);
	}
	sqlite3_close(db);
	teardown(&f);
	return g_string_free(dump, FALSE);
}

START_TEST(test_metrics_same_run_same_rows)
{
	char *a = scripted_run();
	char *b = scripted_run();

	ck_assert_str_eq(a, b);
	ck_assert_ptr_nonnull(strstr(a, "\n10000000|0|Ip|InReceives|0|0\n"));
	g_free(a);
	g_free(b);
}
END_TEST

static Suite *metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, test_metrics_schema);
	tcase_add_test(tc, test_metrics_run_complete_only_after_close);
	tcase_add_test(tc, test_metrics_failed_run_keeps_error);
	tcase_add_test(tc, test_metrics_open_replaces_old_file);
	tcase_add_test(tc, test_metrics_open_error_names_path);
	tcase_add_test(tc, test_metrics_abandon_leaves_incomplete);
	tcase_add_test(tc, test_metrics_write_error_reported_at_close);
	suite_add_tcase(s, tc);

	tc = tcase_create("rows");
	tcase_add_test(tc, test_metrics_counters_sampled);
	tcase_add_test(tc, test_metrics_interfaces_replace);
	tcase_add_test(tc, test_metrics_drops);
	tcase_add_test(tc, test_metrics_drop_rows_cap);
	tcase_add_test(tc, test_metrics_drop_count);
	tcase_add_test(tc, test_metrics_process_output_and_states);
	tcase_add_test(tc, test_metrics_null_is_a_noop);
	suite_add_tcase(s, tc);

	tc = tcase_create("sampling");
	tcase_add_test(tc, test_metrics_interval_samples);
	tcase_add_test(tc, test_metrics_interval_without_db_is_stored);
	tcase_add_test(tc, test_metrics_same_run_same_rows);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(metrics_suite());
}
