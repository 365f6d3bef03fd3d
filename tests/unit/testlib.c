/*
 * tests/unit/testlib.c - fixtures shared by the Check suites
 */
#include "testlib.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "models.h"
#include "sim/sh.h"
#include "sim/timer.h"
#include "sim/trace/metrics.h"

struct world *tl_world_with(const char *name, uint64_t seed,
			    const struct sim_module *const *modules)
{
	struct world_config cfg = {
		.name = name, .seed = seed, .hz = SIM_HZ_DEFAULT, .modules = modules,
	};
	struct sim_err err = { { 0 } };
	struct world *w = world_create(&cfg, &err);

	ck_assert_msg(w != NULL, "world_create: %s", err.msg);
	return w;
}

struct world *tl_world(const char *name, uint64_t seed)
{
	return tl_world_with(name, seed, skbsim_modules);
}

const struct sim_node_kind tl_host_kinds[] = {
	{ .name = "host", .help = "a node with nothing in it" },
	{ .name = NULL },
};

static const struct sim_module tl_host_module = { .name = "tl_host", .kinds = tl_host_kinds };

const struct sim_module *const tl_host_modules[] = { &tl_host_module, NULL };

void tl_world_free(struct world *w)
{
	int64_t leaked = world_destroy(w);

	ck_assert_msg(leaked == 0, "world ended with %lld live simulator objects",
		      (long long)leaked);
}

char *tl_tmpdir(void)
{
	GError *gerr = NULL;
	char *dir = g_dir_make_tmp("skbsim-test-XXXXXX", &gerr);

	ck_assert_msg(dir != NULL, "mkdtemp: %s", gerr ? gerr->message : "?");
	return dir;
}

static void rmtree_inner(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *name;

	if (!d) {
		g_remove(path);
		return;
	}
	while ((name = g_dir_read_name(d))) {
		char *child = g_build_filename(path, name, NULL);

		rmtree_inner(child);
		g_free(child);
	}
	g_dir_close(d);
	g_rmdir(path);
}

void tl_rmtree(const char *dir)
{
	if (dir)
		rmtree_inner(dir);
}

int tl_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---- jiffies at SIM_HZ_DEFAULT (250), as the kernel's timers count them ---- */

sim_time_t tl_jt(unsigned long j)
{
	return (sim_time_t)(j - INITIAL_JIFFIES(SIM_HZ_DEFAULT)) * (SIM_NSEC_PER_SEC / SIM_HZ_DEFAULT);
}

unsigned long tl_wheel(unsigned long clk, unsigned long expires)
{
	unsigned long delta = expires - clk;
	unsigned int lvl = 0;

	while (lvl < 8 && delta >= (63UL << (3 * lvl)))
		lvl++;
	return ((expires >> (3 * lvl)) + 1) << (3 * lvl);
}

/* ---- commands on a node -------------------------------------------------- */

int tl_sh(struct node *node, const char *line, GString *out, GString *err)
{
	struct sim_sh_result res;
	int status;

	sim_sh_run(node, line, &res);
	status = res.status;
	if (out)
		g_string_assign(out, res.out->str);
	if (err)
		g_string_assign(err, res.err ? res.err->str : "");
	sim_sh_result_free(&res);
	return status;
}

void tl_sh_ok(struct node *node, const char *line)
{
	GString *err = g_string_new(NULL);
	int status = tl_sh(node, line, NULL, err);

	ck_assert_msg(status == 0, "%s: status %d: %s", line, status, err->str);
	g_string_free(err, TRUE);
}

GString *tl_sh_out(struct node *node, const char *line)
{
	GString *out = g_string_new(NULL), *err = g_string_new(NULL);
	int status = tl_sh(node, line, out, err);

	ck_assert_msg(status == 0, "%s: status %d: %s", line, status, err->str);
	g_string_free(err, TRUE);
	return out;
}

void tl_sysctl(struct node *n, const char *path, const char *value)
{
	struct sim_err err = { { 0 } };

	ck_assert_msg(sim_vfs_write(n, path, value, &err) == 0, "%s = %s: %s", path, value, err.msg);
}

/* ---- drops, read back from a metrics.db ---------------------------------- */

char *tl_record_drops(struct world *w)
{
	const struct sim_metrics_run run = { .name = w->name, .version = "test",
					     .seed = w->seed, .hz = w->hz };
	struct sim_err err = { { 0 } };
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "metrics.db", NULL);

	w->metrics = sim_metrics_open(path, &run, &err);
	ck_assert_msg(w->metrics != NULL, "%s", err.msg);
	g_free(path);
	return dir;
}

char *tl_metrics_rows(struct world *w, const char *dir, const char *sql, const char *sep)
{
	GString *out = g_string_new(NULL);
	char *path = g_build_filename(dir, "metrics.db", NULL);
	sqlite3 *db;
	sqlite3_stmt *st;

	if (w->metrics)
		sim_metrics_flush(w->metrics);
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db));
	for (int row = 0; sqlite3_step(st) == SQLITE_ROW; row++)
		g_string_append_printf(out, "%s%s", row ? sep : "", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	g_free(path);
	return g_string_free(out, FALSE);
}
