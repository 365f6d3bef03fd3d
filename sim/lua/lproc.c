/*
 * sim/lua/lproc.c - Lua functions as simulated processes
 *
 * No kernel counterpart.  node:spawn(fn) runs fn in a coroutine that is a
 * struct sim_proc like any built-in program.  A blocking call
 * (skbsim.sleep, later the socket calls) arms the process's wake event
 * and yields; the event resumes the coroutine with the call's results, so
 * the script reads as sequential code while simulated time passes.
 * print() inside a process writes to that process's output.
 *
 * An error inside a process ends the whole run (world_fail) with the
 * message naming the script line and the process.
 */
#include "sim/lua/lua_priv.h"

#include <string.h>

struct lproc {
	struct sim_proc *p;
	lua_State *co;			/* the coroutine (anchored by ref) */
	int ref;			/* registry ref of the coroutine */
	struct sim_event wake_ev;
	int nresume;			/* values to pass when resumed */
	void *sockets;			/* lsocket.c's per-process state, or NULL */
};

static void lproc_resume(struct sim_proc *p, int nargs);

static void lproc_exited(struct sim_proc *p)
{
	struct lproc *lp = p->priv;

	/* a killed process must never be resumed again */
	sim_cancel(p->node->w, &lp->wake_ev);
	/* its sockets close (do_exit -> exit_files), its waits end */
	lsocket_proc_exit(p, &lp->sockets);
}

static void lproc_release(struct sim_proc *p)
{
	struct lproc *lp = p->priv;
	struct lrunner *r = p->node->w->lua;

	sim_cancel(p->node->w, &lp->wake_ev);
	lsocket_proc_exit(p, &lp->sockets);	/* never ended (run over): same */
	if (r && lp->ref != LUA_NOREF)
		luaL_unref(r->L, LUA_REGISTRYINDEX, lp->ref);
	g_free(lp);
}

static const struct sim_proc_ops lproc_ops = {
	.kind = "lua",
	.signal = NULL,		/* default action: terminate */
	.exited = lproc_exited,
	.release = lproc_release,
};

static void lproc_wake(struct world *w, struct sim_event *ev)
{
	struct lproc *lp = (struct lproc *)((char *)ev - offsetof(struct lproc, wake_ev));

	(void)w;
	sim_proc_woken(lp->p);
	lproc_resume(lp->p, lp->nresume);
}

static void lproc_fail(struct sim_proc *p, const char *msg)
{
	struct world *w = p->node->w;
	char t[32];

	sim_time_format_short(sim_now(w), t, sizeof(t));
	world_fail(w, "%s (in process %d \"%s\" on %s at t=%s)", msg, p->pid, p->comm,
		   p->node->name, t);
	sim_proc_exit(p, 1);
}

/* Exit status from what the function returned: nothing/true 0, false 1, n. */
static int exit_status_of(lua_State *co, int nres)
{
	if (nres == 0 || lua_isnil(co, -nres))
		return 0;
	if (lua_isboolean(co, -nres))
		return lua_toboolean(co, -nres) ? 0 : 1;
	if (lua_isinteger(co, -nres))
		return (int)(lua_tointeger(co, -nres) & 0xff);
	return 0;
}

static void lproc_resume(struct sim_proc *p, int nargs)
{
	struct lproc *lp = p->priv;
	struct lrunner *r = p->node->w->lua;
	struct sim_proc *outer = r->running_proc;
	int nres = 0, status;

	r->running_proc = p;
	status = lua_resume(lp->co, r->Lrun, nargs, &nres);
	r->running_proc = outer;
	if (status == LUA_YIELD) {
		lua_pop(lp->co, nres);
		return;		/* the blocking call armed wake_ev */
	}
	if (status != LUA_OK) {
		const char *msg = lua_tostring(lp->co, -1);

		lproc_fail(p, msg ? msg : "error object is not a string");
		return;
	}
	sim_proc_exit(p, exit_status_of(lp->co, nres));
	lua_settop(lp->co, 0);
}

static void lproc_start(struct sim_proc *p)
{
	lproc_resume(p, 0);	/* the function is the only value on co's stack */
}

int lproc_spawn_function(lua_State *L, struct node *node, int fn_idx, sim_time_t at,
			 const char *name)
{
	struct lproc *lp = g_new0(struct lproc, 1);
	struct sim_proc *p;

	lp->co = lua_newthread(L);
	lp->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pushvalue(L, fn_idx);
	lua_xmove(L, lp->co, 1);
	sim_event_init(&lp->wake_ev, lproc_wake);
	p = sim_proc_create(node, name ? name : "lua", &lproc_ops, lp, at, lproc_start);
	lp->p = p;
	return p->pid;
}

/* The process whose coroutine is @L, or NULL (top level, callbacks). */
struct sim_proc *lproc_current(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);
	struct sim_proc *p = r->running_proc;

	if (p && p->ops == &lproc_ops && ((struct lproc *)p->priv)->co == L)
		return p;
	return NULL;
}

/* skbsim.sleep(t): only inside a process; yields for t of simulated time. */
int lproc_sleep(lua_State *L)
{
	struct sim_proc *p = lproc_current(L);
	sim_time_t d = lcheck_time(L, 1, "skbsim.sleep");
	struct lproc *lp;

	if (!p)
		return luaL_error(L, "skbsim.sleep() can only be called inside a process "
				  "(node:spawn(function ... end)); use net:at() or net:run() here");
	lp = p->priv;
	lp->nresume = 0;
	if (p->state == SIM_PROC_EXITED)
		return lua_yield(L, 0);	/* killed itself: never resumed */
	sim_schedule(p->node->w, &lp->wake_ev, sim_now(p->node->w) + d);
	return lua_yield(L, 0);
}

void **lproc_socket_slot(struct sim_proc *p)
{
	return &((struct lproc *)p->priv)->sockets;
}

/* A blocking call yields next: resume at @deadline (0: only when woken). */
void lproc_block(struct sim_proc *p, sim_time_t deadline)
{
	struct lproc *lp = p->priv;

	lp->nresume = 0;
	sim_cancel(p->node->w, &lp->wake_ev);
	if (deadline > 0 && p->state != SIM_PROC_EXITED)
		sim_schedule(p->node->w, &lp->wake_ev, MAX(deadline, sim_now(p->node->w)));
}

/* What a process waits for happened: resume it now (from an event). */
void lproc_wake_now(struct sim_proc *p)
{
	struct lproc *lp = p->priv;

	if (p->state == SIM_PROC_EXITED)
		return;
	sim_cancel(p->node->w, &lp->wake_ev);
	sim_schedule(p->node->w, &lp->wake_ev, sim_now(p->node->w));
}

/* print() that writes into the current process's output when there is one. */
static int l_print(lua_State *L)
{
	struct sim_proc *p = lproc_current(L);
	int n = lua_gettop(L);
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		/* the separator first: luaL_addchar needs the buffer on top */
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, '\n');
	luaL_pushresult(&b);
	if (p) {
		size_t len;
		const char *s = lua_tolstring(L, -1, &len);

		sim_proc_write(p, s, len);
	} else {
		fputs(lua_tostring(L, -1), stdout);
		fflush(stdout);
	}
	return 0;
}

void lproc_open(lua_State *L)
{
	lua_pushcfunction(L, l_print);
	lua_setglobal(L, "print");
}



void lcall_event(lua_State *L, struct world *w, int nargs, const char *what)
{
	int base = lua_gettop(L) - nargs;	/* the function's slot */

	lua_pushcfunction(L, lerror_msgh);
	lua_insert(L, base);
	if (lua_pcall(L, nargs, 0, base) != LUA_OK) {
		char t[32];

		sim_time_format_short(sim_now(w), t, sizeof(t));
		world_fail(w, "%s (in %s at t=%s)", lua_tostring(L, -1), what, t);
		lua_pop(L, 1);
	}
	lua_remove(L, base);
}
