/*
 * tests/unit/testlib.h - fixtures shared by the Check suites
 *
 * tl_world() makes a world with every model module (as sim/main.c does);
 * tl_world_free() tears it down and fails the test if any simulator
 * object (process, callout, model object, skb) is still alive.  Commands
 * run on a node as `sh` lines; drops are read back from a metrics.db of
 * the test's own.
 */
#ifndef SKBSIM_TESTLIB_H
#define SKBSIM_TESTLIB_H

#include <check.h>
#include <stdint.h>

#include "sim/world.h"

struct world *tl_world(const char *name, uint64_t seed);
/* As tl_world() with only @modules (NULL-terminated), for engine tests. */
struct world *tl_world_with(const char *name, uint64_t seed,
			    const struct sim_module *const *modules);
void tl_world_free(struct world *w);

/* One node kind, "host", with nothing in it: for engine tests' own modules. */
extern const struct sim_node_kind tl_host_kinds[];
/* A module of only those hosts: tl_world_with() gives the engine alone. */
extern const struct sim_module *const tl_host_modules[];

/* A fresh empty directory under $TMPDIR for outputs; removed by tl_rmtree. */
char *tl_tmpdir(void);
void tl_rmtree(const char *dir);

/* Runs a suite (CK_NORMAL) and returns the process exit status. */
int tl_run_suite(Suite *s);

/* ---- jiffies at SIM_HZ_DEFAULT (250), as the kernel's timers count them ---- */

/* The simulated time at which jiffies become @j (they start at INITIAL_JIFFIES). */
sim_time_t tl_jt(unsigned long j);
/*
 * When a timer armed at jiffy @clk for @expires runs: the kernel's wheel
 * (kernel/time/timer.c) puts it on the first level whose range (63 << 3L
 * jiffies) covers the distance and rounds up to that level's granularity
 * (8^L), never early.
 */
unsigned long tl_wheel(unsigned long clk, unsigned long expires);

/* ---- commands on a node -------------------------------------------------- */

/* Runs one line on @node now; returns its status, copies stdout/stderr if asked. */
int tl_sh(struct node *node, const char *line, GString *out, GString *err);
/* A line that must succeed (status 0; else a failed check showing its stderr). */
void tl_sh_ok(struct node *node, const char *line);
/* The stdout of a line that must succeed (g_string_free it). */
GString *tl_sh_out(struct node *node, const char *line);
/* Writes @value to @path on @n (a sysctl, say), which must succeed. */
void tl_sysctl(struct node *n, const char *path, const char *value);

/* ---- drops, read back from a metrics.db ---------------------------------- */

/*
 * Records @w's drops from here on in a metrics.db in a fresh tl_tmpdir();
 * returns that directory (tl_rmtree and g_free it after tl_world_free).
 */
char *tl_record_drops(struct world *w);
/* @sql's rows (one column) on the metrics.db in @dir, joined by @sep (g_free it);
 * @w's metrics, if still open, are flushed first. */
char *tl_metrics_rows(struct world *w, const char *dir, const char *sql, const char *sep);

/* ck_assert_str_eq() on a string the check then g_free()s */
#define tl_assert_str_eq_free(got, want)                                       \
	do {                                                                   \
		char *got_ = (got);                                            \
		ck_assert_str_eq(got_, want);                                  \
		g_free(got_);                                                  \
	} while (0)

#endif
