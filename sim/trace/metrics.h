/*
 * sim/trace/metrics.h - the SQLite metrics database (metrics.db)
 *
 * No kernel counterpart.  Schema: docs/metrics.md (PRAGMA user_version =
 * SIM_METRICS_SCHEMA).  Everything except the `wall` table is a function
 * of the scenario and the seed, so two runs give identical rows.  Rows
 * are written inside transactions committed at each counter sample and at
 * the end; the run row says complete = 0 until sim_metrics_close() marks
 * it complete, so an interrupted or failed run is recognisable and the file
 * is never corrupt (SQLite's journal).
 */
#ifndef SKBSIM_SIM_TRACE_METRICS_H
#define SKBSIM_SIM_TRACE_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/world.h"

#define SIM_METRICS_SCHEMA 1

struct sim_metrics;
struct sim_proc;

struct sim_metrics_run {
	const char *name;		/* network name */
	const char *scenario;		/* path as given */
	const char *scenario_sha256;	/* hex, or NULL */
	const char *version;		/* skbsim version */
	uint64_t seed;
	unsigned int hz;
};

struct sim_metrics_end {
	sim_time_t sim_ns;
	uint64_t events;
	bool complete;			/* false: error or interrupt */
	int exit_status;
	const char *error;		/* NULL when none */
	double wall_s;			/* wall-clock figures go to `wall` */
	double build_wall_s;
	long maxrss_kb;
};

/*
 * Removes an older database at @path (and its -journal) and creates the
 * schema with the run row (complete = 0).  Every function below accepts
 * @m == NULL and then does nothing, so callers can pass w->metrics as is.
 */
struct sim_metrics *sim_metrics_open(const char *path, const struct sim_metrics_run *run,
				     struct sim_err *err);
void sim_metrics_arg(struct sim_metrics *m, const char *name, const char *value);
void sim_metrics_node(struct sim_metrics *m, const struct node *node);
void sim_metrics_interface(struct sim_metrics *m, const struct node *node, int ifindex,
			   const char *name, const char *kind, const char *mac,
			   unsigned int mtu);
/* One row per registered counter of every node, at w->now. */
void sim_metrics_sample(struct sim_metrics *m, struct world *w, bool final);
/* @reason and @function must outlive the run (static strings: reason tables, __func__). */
void sim_metrics_drop(struct sim_metrics *m, sim_time_t t, const struct node *node,
		      const char *device, const char *reason, const char *function,
		      const char *protocol, const char *summary);
/*
 * Drops: one row each in `drops` up to a limit (per-packet detail for the
 * first ones), and all of them counted in `drop_counts` by node, device,
 * reason and function, so a flood costs memory per distinct cause only.
 */
#define SIM_METRICS_DROP_ROWS 100000
void sim_metrics_set_drop_rows(struct sim_metrics *m, int64_t max);
/* Whether the next drop gets a row (callers describe the packet only then). */
bool sim_metrics_drop_rows_left(const struct sim_metrics *m);
/* Drops counted so far on node @node_id with @reason (NULL: any reason). */
uint64_t sim_metrics_drop_count(const struct sim_metrics *m, uint32_t node_id,
				const char *reason);
void sim_metrics_proc_output(struct sim_metrics *m, sim_time_t t, const struct sim_proc *p,
			     const char *line);
/* A process ended (or the run ended with it still running). */
void sim_metrics_proc(struct sim_metrics *m, const struct sim_proc *p);
/*
 * The packet walkthrough (sim/trace/walk.c): a walk's heading in `walks`,
 * each of its points in `walk` (@seq: order in the run).
 */
struct sim_walk_point;
void sim_metrics_walk_start(struct sim_metrics *m, uint32_t walk, sim_time_t t, uint64_t skb,
			    const char *summary);
void sim_metrics_walk_point(struct sim_metrics *m, uint32_t walk, uint64_t seq,
			    const struct sim_walk_point *pt, int depth);
/* Commits what was written so far (called at samples and at the end). */
void sim_metrics_flush(struct sim_metrics *m);
/*
 * Writes the end of the run (run row, `wall`) and closes; @m is freed.
 * Returns 0, or -1 after printing the first write error of the run on
 * stderr ("skbsim: PATH: writing drops: disk I/O error").
 */
int sim_metrics_close(struct sim_metrics *m, const struct sim_metrics_end *end);
/* Closes without marking the run complete (teardown after errors). */
void sim_metrics_abandon(struct sim_metrics *m);
/* The first write error so far ("PATH: writing drops: ..."), or NULL. */
const char *sim_metrics_error(const struct sim_metrics *m);

/*
 * net:metrics{ interval = "100ms" }: samples counters every @interval_ns
 * of simulated time (0 turns periodic sampling off; the end sample stays).
 */
void sim_metrics_set_interval(struct world *w, sim_time_t interval_ns);

#endif
