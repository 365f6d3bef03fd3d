/*
 * sim/lua/lua_priv.h - shared between the files of the Lua boundary
 *
 * No kernel counterpart.  The runner (runner.c) owns the lua_State and
 * every world the script creates; userdata hold a struct lworld pointer
 * (runner-owned, outlives all Lua code) and node ids, never raw node
 * pointers.
 */
#ifndef SKBSIM_SIM_LUA_PRIV_H
#define SKBSIM_SIM_LUA_PRIV_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "sim/lua/lua_api.h"
#include "sim/proc.h"

#define LNET_MT		"skbsim.network"
#define LNODE_MT	"skbsim.node"

struct lrunner;

struct lworld {
	struct world *w;
	struct lrunner *r;
	char *out_dir;
	double created_wall;		/* monotonic seconds at creation */
	double run_wall;		/* seconds spent inside net:run() */
	bool ran;			/* net:run() was called (the build is over) */
	bool closed;
};

struct lrunner {
	lua_State *L;
	lua_State *Lrun;		/* thread inside net:run(), else L */
	const struct sim_lua_opts *opts;
	GPtrArray *worlds;		/* struct lworld *, creation order */
	struct lworld *current;		/* the newest network: os.time's clock */
	struct sim_proc *running_proc;	/* Lua process being resumed, or NULL */
	char *sha256;
	GHashTable *names;		/* network names in use */
};

struct lnode {
	struct lworld *lw;
	uint32_t id;
};

struct lrunner *lrunner_get(lua_State *L);

/* lnet.c */
void lnet_open(lua_State *L);		/* metatables + skbsim.network */
struct lworld *lnet_check(lua_State *L, int idx);
struct node *lnode_check(lua_State *L, int idx);
void lnode_push(lua_State *L, struct lworld *lw, struct node *node);
/* Raises the world's pending error (a callback or process failed). */
int lnet_raise_world_error(lua_State *L, struct lworld *lw);

/* lproc.c */
int lproc_spawn_function(lua_State *L, struct node *node, int fn_idx, sim_time_t at,
			 const char *name);
int lproc_sleep(lua_State *L);
void lproc_open(lua_State *L);		/* print() routed to processes */
/* The process whose coroutine is @L, or NULL (top level, callbacks). */
struct sim_proc *lproc_current(lua_State *L);
/* lsocket.c's per-process state */
void **lproc_socket_slot(struct sim_proc *p);
/* A blocking call yields next: resume at @deadline (0: only when woken). */
void lproc_block(struct sim_proc *p, sim_time_t deadline);
/* From an event: resume the blocked process now. */
void lproc_wake_now(struct sim_proc *p);
/* Calls the function on top of @L in protected mode for @w's events. */
void lcall_event(lua_State *L, struct world *w, int nargs, const char *what);

/* lsocket.c: skbsim.socket, skbsim.poll and the socket methods */
void lsocket_open(lua_State *L);	/* sets skbsim.socket / skbsim.poll */
/* The process ended: end its waits, close its sockets; frees *@state. */
void lsocket_proc_exit(struct sim_proc *p, void **state);

/* lopt.c: reading option tables in a fixed order */
void lopt_reject_unknown(lua_State *L, int idx, const char *const *keys);
bool lopt_time(lua_State *L, int idx, const char *key, sim_time_t *out);
bool lopt_uint(lua_State *L, int idx, const char *key, uint64_t *out, uint64_t max);
bool lopt_bool(lua_State *L, int idx, const char *key, bool *out);
const char *lopt_string(lua_State *L, int idx, const char *key);
/*
 * net:fail's options: the index in lopt_fault_kinds of the one fault @opt
 * names (link faults for @on_link, else restart); a Lua error unless
 * exactly one, of the right sort.
 */
enum { LOPT_FAULT_RESTART = 5 };
extern const char *const lopt_fault_kinds[];
int lopt_fault_kind(lua_State *L, int opt, bool on_link);
/*
 * net:fail's at = (default @now) and for_ = / duration = (default: for
 * ever); a Lua error for a time in the past or both duration keys.
 * Returns whether a duration was given.
 */
bool lopt_fault_when(lua_State *L, int opt, sim_time_t now, sim_time_t *at, sim_time_t *dur);
/* A time argument: number of seconds or "1.5s"; raises on bad input. */
sim_time_t lcheck_time(lua_State *L, int idx, const char *what);

int lerror_msgh(lua_State *L);		/* one-line messages with file:line */

/* lwalk.c: net:walk{ filter =, count = } and --walk */
int lwalk_net_walk(lua_State *L);	/* the net:walk method */
/* A network was created: arm the --walk of the command line, if any. */
void lwalk_network_created(lua_State *L, struct lworld *lw);

/* lconsole.c: skbsim console */
int lconsole_pause(lua_State *L);	/* net:pause(): the prompt, under console */
/* The scenario returned: the prompt on the newest network; returns the status. */
int lconsole_main(struct lrunner *r, int status);

/* lgrade.c: skbsim grade LAB DIR */
void lgrade_open(lua_State *L, struct lrunner *r);	/* skbsim.grade */
/* The lab ended with @status: print the verdict; returns the exit status. */
int lgrade_finish(struct lrunner *r, int status);

/* lsandbox.c */
void lsandbox_open(lua_State *L, struct lrunner *r);
void lsandbox_reseed(lua_State *L, uint64_t seed);

#endif
