/*
 * sim/lua/lua_api.h - running a scenario script
 *
 * No kernel counterpart.  The only entry point sim/main.c needs: load a
 * Lua 5.4 scenario, give it the `skbsim` module, run it, finalize the
 * outputs of every network it made, and say how it ended.
 */
#ifndef SKBSIM_SIM_LUA_API_H
#define SKBSIM_SIM_LUA_API_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/world.h"

struct sim_lua_opts {
	const char *script;		/* path as the user gave it */
	uint64_t seed;			/* --seed, when seed_set */
	bool seed_set;
	const char *out_dir;		/* --out, or NULL: out/<name> */
	bool quiet;			/* --quiet: no process output on stdout */
	bool backend_linux;		/* --backend=linux: the real kernel */
	const char *const *args;	/* NAME=VALUE strings, NULL-terminated */
	/* --walk FILTER [--walk-count N]: every network arms this walk */
	const char *walk_filter;
	int64_t walk_count;		/* 0: the default (1) */
	bool console;			/* skbsim console: prompt at net:pause() and the end */
	const char *grade_dir;		/* skbsim grade LAB DIR: the student's files */
	const struct sim_module *const *modules;
	const volatile sig_atomic_t *interrupted;
	/* progress display (stderr on a terminal); may be NULL */
	void (*progress)(struct world *w, void *arg);
	void *progress_arg;
};

enum sim_lua_status {
	SIM_LUA_OK = 0,
	SIM_LUA_SCENARIO_ERROR = 1,	/* message printed: file:line: what */
	SIM_LUA_USAGE = 2,		/* script missing or unreadable */
	SIM_LUA_INTERRUPTED = 130,	/* SIGINT, as a shell reports it */
};

/* Runs the scenario; prints its error (one line) on stderr. */
int sim_lua_run(const struct sim_lua_opts *opts);

#endif
