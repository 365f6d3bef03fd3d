/*
 * sim/lua/runner.c - loading and running a scenario, finishing its outputs
 *
 * No kernel counterpart.  The runner owns the lua_State and every network
 * the script creates.  However the script ends, each network's outputs are
 * finished: metrics.db gets its end sample and is marked complete only
 * when the script returned normally; then worlds are destroyed (while Lua
 * is still open, since processes hold references into it), then Lua.
 * With --backend=linux the `skbsim` table is lbackend_linux.c's, and its
 * networks (namespaces) are finished by lbackend_linux_finish().
 */
#include "sim/lua/lua_priv.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "sim/lua/lbackend_linux.h"
#include "sim/trace/metrics.h"

#define RUNNER_KEY "skbsim.runner"

struct lrunner *lrunner_get(lua_State *L)
{
	struct lrunner *r;

	lua_getfield(L, LUA_REGISTRYINDEX, RUNNER_KEY);
	r = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return r;
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static char *file_sha256(const char *path)
{
	gchar *data = NULL;
	gsize len = 0;
	char *sum;

	if (!g_file_get_contents(path, &data, &len, NULL))
		return NULL;
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_free(data);
	return sum;
}

/* Processes still running at the end are recorded with their state. */
static void record_running(struct world *w)
{
	for (guint i = 0; i < w->nodes->len; i++) {
		struct node *node = g_ptr_array_index(w->nodes, i);

		for (GList *l = node->procs.head; l; l = l->next) {
			struct sim_proc *p = l->data;

			if (p->state != SIM_PROC_EXITED)
				sim_metrics_proc(w->metrics, p);
		}
	}
}

static void finish_world(struct lworld *lw, int status, const char *error)
{
	struct world *w = lw->w;
	struct sim_metrics_end end = {
		.sim_ns = sim_now(w), .events = w->events, .complete = status == 0,
		.exit_status = status, .error = error, .wall_s = lw->run_wall,
		.build_wall_s = sim_wall_now() - lw->created_wall - lw->run_wall,
		.maxrss_kb = maxrss_kb(),
	};

	if (w->metrics) {
		sim_metrics_sample(w->metrics, w, true);
		record_running(w);
		if (sim_metrics_close(w->metrics, &end) < 0 && status == 0)
			fprintf(stderr, "skbsim: %s: metrics.db could not be completed\n",
				w->name);
		w->metrics = NULL;
	}
}



static int load_and_run(struct lrunner *r, char **error)
{
	lua_State *L = r->L;
	int rc = luaL_loadfile(L, r->opts->script);

	if (rc == LUA_ERRFILE) {
		*error = g_strdup(lua_tostring(L, -1));
		return SIM_LUA_USAGE;
	}
	if (rc == LUA_OK) {
		lua_pushcfunction(L, lerror_msgh);
		lua_insert(L, -2);
		rc = lua_pcall(L, 0, 0, -2);
	}
	if (rc == LUA_OK)
		return SIM_LUA_OK;
	*error = g_strdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "unknown error");
	if (r->opts->interrupted && *r->opts->interrupted)
		return SIM_LUA_INTERRUPTED;
	return SIM_LUA_SCENARIO_ERROR;
}

int sim_lua_run(const struct sim_lua_opts *opts)
{
	struct lrunner r = { .opts = opts };
	char *error = NULL;
	int status;

	r.L = luaL_newstate();
	if (!r.L) {
		fprintf(stderr, "skbsim: cannot create a Lua state\n");
		return SIM_LUA_SCENARIO_ERROR;
	}
	r.Lrun = r.L;
	r.worlds = g_ptr_array_new();
	r.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.sha256 = file_sha256(opts->script);
	luaL_openlibs(r.L);
	lua_pushlightuserdata(r.L, &r);
	lua_setfield(r.L, LUA_REGISTRYINDEX, RUNNER_KEY);
	lsandbox_open(r.L, &r);
	lproc_open(r.L);
	if (opts->backend_linux)
		lbackend_linux_open(r.L);	/* the same API on namespaces */
	else
		lnet_open(r.L);
	if (opts->grade_dir)
		lgrade_open(r.L, &r);

	status = load_and_run(&r, &error);
	if (error) {
		if (status == SIM_LUA_USAGE)
			fprintf(stderr, "skbsim: %s\n", error);
		else
			fprintf(stderr, "%s\n", error);
	}
	if (opts->console && status != SIM_LUA_USAGE && !opts->backend_linux)
		status = lconsole_main(&r, status);
	if (opts->grade_dir)
		status = lgrade_finish(&r, status);
	fflush(stdout);
	if (opts->backend_linux)
		lbackend_linux_finish(r.L, status, error);
	for (guint i = 0; i < r.worlds->len; i++)
		finish_world(g_ptr_array_index(r.worlds, i), status, error);
	for (guint i = 0; i < r.worlds->len; i++) {
		struct lworld *lw = g_ptr_array_index(r.worlds, i);

		world_destroy(lw->w);
		g_free(lw->out_dir);
		g_free(lw);
	}
	lua_close(r.L);
	g_ptr_array_unref(r.worlds);
	g_hash_table_unref(r.names);
	g_free(r.sha256);
	g_free(error);
	return status;
}
