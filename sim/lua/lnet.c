/*
 * sim/lua/lnet.c - skbsim.network{} and its nodes
 *
 * No kernel counterpart.  The scenario API of DESIGN.md: a network is a
 * world; net:host/net:router (and every other node kind a module
 * registers) add nodes; node:sh runs commands, node:spawn starts
 * processes; net:at/net:run move simulated time.  Every argument is checked
 * before anything changes, so a failing call leaves the network as it was.
 */
#include "sim/lua/lua_priv.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <math.h>
#include <time.h>

#include "sim/counters.h"
#include "sim/sh.h"
#include "sim/trace/metrics.h"
#include "sim/trace/pcap.h"
#include "sim/version.h"

struct lworld *lnet_check(lua_State *L, int idx)
{
	struct lworld **box = luaL_checkudata(L, idx, LNET_MT);

	return *box;
}

struct node *lnode_check(lua_State *L, int idx)
{
	struct lnode *ln = luaL_checkudata(L, idx, LNODE_MT);

	return world_node_by_id(ln->lw->w, ln->id);
}

/* One userdata per node (cached in the network's table), so == works. */
void lnode_push(lua_State *L, struct lworld *lw, struct node *node)
{
	struct lnode *ln;

	lua_rawgetp(L, LUA_REGISTRYINDEX, lw);		/* node cache */
	if (lua_rawgeti(L, -1, (lua_Integer)node->id + 1) != LUA_TNIL) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	ln = lua_newuserdatauv(L, sizeof(*ln), 0);
	ln->lw = lw;
	ln->id = node->id;
	luaL_setmetatable(L, LNODE_MT);
	lua_pushvalue(L, -1);
	lua_rawseti(L, -3, (lua_Integer)node->id + 1);
	lua_remove(L, -2);
}

int lnet_raise_world_error(lua_State *L, struct lworld *lw)
{
	lua_pushstring(L, lw->w->error);
	return lua_error(L);	/* already names the script line */
}

static void check_not_running(lua_State *L, struct lworld *lw, const char *what)
{
	if (lw->w->running || lrunner_get(L)->running_proc)
		luaL_error(L, "%s cannot be called from inside an event callback or a "
			   "process (only from the scenario's top level)", what);
}

/* ---- skbsim.network{} --------------------------------------------------- */

static const char *const network_keys[] = { "hz", "name", "seed", NULL };

static char *default_name(const char *script)
{
	char *base = g_path_get_basename(script);
	char *dot = strrchr(base, '.');

	if (dot && dot != base)
		*dot = '\0';
	return base;
}

static int open_outputs(lua_State *L, struct lworld *lw)
{
	struct lrunner *r = lw->r;
	struct world *w = lw->w;
	struct sim_err err = { { 0 } };
	char *path;
	struct sim_metrics_run run = {
		.name = w->name, .scenario = r->opts->script, .scenario_sha256 = r->sha256,
		.version = SKBSIM_VERSION, .seed = w->seed, .hz = w->hz,
	};

	if (g_mkdir_with_parents(lw->out_dir, 0755) < 0)
		return luaL_error(L, "cannot create output directory %s: %s", lw->out_dir,
				  g_strerror(errno));
	w->out_dir = g_strdup(lw->out_dir);
	path = g_build_filename(lw->out_dir, "metrics.db", NULL);
	w->metrics = sim_metrics_open(path, &run, &err);
	g_free(path);
	if (!w->metrics)
		return luaL_error(L, "%s", err.msg);
	for (const char *const *a = r->opts->args; a && *a; a++) {
		const char *eq = strchr(*a, '=');
		char *name = g_strndup(*a, (gsize)(eq - *a));

		sim_metrics_arg(w->metrics, name, eq + 1);
		g_free(name);
	}
	return 0;
}

static int l_network(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);
	struct world_config cfg = { .modules = r->opts->modules, .hz = SIM_HZ_DEFAULT };
	struct sim_err err = { { 0 } };
	const char *name = NULL;
	uint64_t seed = 1, hz = SIM_HZ_DEFAULT;
	char *dflt = NULL;
	struct lworld *lw, **box;

	if (!lua_isnoneornil(L, 1)) {
		luaL_checktype(L, 1, LUA_TTABLE);
		lopt_reject_unknown(L, 1, network_keys);
		name = lopt_string(L, 1, "name");
		lopt_uint(L, 1, "seed", &seed, UINT64_MAX >> 1);
		lopt_uint(L, 1, "hz", &hz, 1000);
	}
	if (r->opts->seed_set)
		seed = r->opts->seed;		/* --seed wins over the script */
	if (!name)
		name = dflt = default_name(r->opts->script);
	if (!*name || strchr(name, '/') || name[0] == '.') {
		g_free(dflt);
		return luaL_error(L, "network name \"%s\" cannot be used as a directory name", name);
	}
	if (g_hash_table_contains(r->names, name)) {
		g_free(dflt);
		return luaL_error(L, "a network named \"%s\" already exists", name);
	}
	cfg.name = name;
	cfg.seed = seed;
	cfg.hz = (unsigned int)hz;

	lw = g_new0(struct lworld, 1);
	lw->r = r;
	lw->created_wall = sim_wall_now();
	lw->w = world_create(&cfg, &err);
	g_free(dflt);
	if (!lw->w) {
		g_free(lw);
		return luaL_error(L, "skbsim.network: %s", err.msg);
	}
	lw->w->lua = r;
	lw->w->quiet = r->opts->quiet;
	lw->w->interrupted = r->opts->interrupted;
	lw->w->progress = r->opts->progress;
	lw->w->progress_arg = r->opts->progress_arg;
	/* --out DIR: the first network writes there, later ones in DIR/<name> */
	if (r->opts->out_dir && r->worlds->len == 0)
		lw->out_dir = g_strdup(r->opts->out_dir);
	else
		lw->out_dir = g_build_filename(r->opts->out_dir ? r->opts->out_dir : "out",
					       lw->w->name, NULL);
	g_ptr_array_add(r->worlds, lw);
	g_hash_table_add(r->names, g_strdup(lw->w->name));
	r->current = lw;

	lua_newtable(L);			/* node cache */
	lua_rawsetp(L, LUA_REGISTRYINDEX, lw);
	open_outputs(L, lw);
	lsandbox_reseed(L, seed);
	lwalk_network_created(L, lw);

	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = lw;
	luaL_setmetatable(L, LNET_MT);
	return 1;
}

/* ---- network methods ------------------------------------------------------ */

static const char *const node_keys[] = { "cost", "cpus", NULL };

/* cost = { hardirq = "2us", driver = "300ns", per_byte = "0.5ns" } */
static void read_costs(lua_State *L, int idx, struct node_config *cfg)
{
	const char *keys[SIM_COST__MAX + 1];

	for (int i = 0; i < SIM_COST__MAX; i++)
		keys[i] = sim_cost_names[i];
	keys[SIM_COST__MAX] = NULL;
	idx = lua_absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	lopt_reject_unknown(L, idx, keys);
	for (int i = 0; i < SIM_COST__MAX; i++) {
		if (i != SIM_COST_PER_BYTE_PS)
			lopt_time(L, idx, sim_cost_names[i], &cfg->cost[i]);
	}
	/* per_byte keeps picoseconds: "0.5ns" is 500 ps */
	lua_getfield(L, idx, "per_byte");
	if (lua_type(L, -1) == LUA_TSTRING) {
		struct sim_err err = { { 0 } };

		if (sim_time_parse_ps(lua_tostring(L, -1), &cfg->cost[SIM_COST_PER_BYTE_PS],
				      &err) < 0)
			luaL_error(L, "option per_byte: %s", err.msg);
	} else if (lua_type(L, -1) == LUA_TNUMBER) {
		double v = lua_tonumber(L, -1);

		if (!(v >= 0 && v < 1))
			luaL_error(L, "option per_byte: a time per byte such as \"0.5ns\"");
		cfg->cost[SIM_COST_PER_BYTE_PS] = llround(v * 1e12);
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L, "option per_byte: a time per byte such as \"0.5ns\"");
	}
	lua_pop(L, 1);
}

static int add_node(lua_State *L, const char *kind, int name_idx, int opt_idx)
{
	struct lworld *lw = lnet_check(L, 1);
	const char *name = luaL_checkstring(L, name_idx);
	struct node_config cfg = { 0 };
	struct sim_err err = { { 0 } };
	struct node *node;

	if (!lua_isnoneornil(L, opt_idx)) {
		uint64_t cpus = 1;

		luaL_checktype(L, opt_idx, LUA_TTABLE);
		lopt_reject_unknown(L, opt_idx, node_keys);
		if (lopt_uint(L, opt_idx, "cpus", &cpus, SIM_NODE_MAX_CPUS) && cpus == 0)
			return luaL_error(L, "option cpus: at least 1");
		cfg.cpus = (unsigned int)cpus;
		if (lua_getfield(L, opt_idx, "cost") != LUA_TNIL)
			read_costs(L, -1, &cfg);
		lua_pop(L, 1);
	}
	node = world_add_node(lw->w, kind, name, &cfg, &err);
	if (!node)
		return luaL_error(L, "net:%s(\"%s\"): %s", kind, name, err.msg);
	lnode_push(L, lw, node);
	return 1;
}

/* net:host(name), net:router(name): a closure per registered kind */
static int l_net_kind(lua_State *L)
{
	return add_node(L, lua_tostring(L, lua_upvalueindex(1)), 2, 3);
}

static int l_net_add(lua_State *L)
{
	const char *kind = luaL_checkstring(L, 2);
	struct lworld *lw = lnet_check(L, 1);

	if (!world_kind(lw->w, kind)) {
		GPtrArray *kinds = world_kind_names(lw->w);
		GString *s = g_string_new(NULL);

		for (guint i = 0; i < kinds->len; i++)
			g_string_append_printf(s, "%s%s", i ? ", " : "", (char *)kinds->pdata[i]);
		lua_pushfstring(L, "unknown node kind \"%s\" (known: %s)", kind, s->str);
		g_string_free(s, TRUE);
		g_ptr_array_unref(kinds);
		luaL_where(L, 1);
		lua_insert(L, -2);
		lua_concat(L, 2);
		return lua_error(L);
	}
	return add_node(L, kind, 3, 4);
}

static const char *const link_keys[] = {
	"delay", "kind", "loss", "mtu", "nic", "rate", "txqueuelen", NULL,
};
static const char *const nic_keys[] = {
	"napi", "napi_weight", "queues", "rx_frames", "rx_ring", "rx_usecs", "tx_ring", NULL,
};

/* KEY = 0.01 or KEY = "1%" (netem's form); absent: 0 */
static double read_probability(lua_State *L, int idx, const char *key)
{
	double v = -1;

	lua_getfield(L, idx, key);
	if (lua_type(L, -1) == LUA_TNUMBER) {
		v = lua_tonumber(L, -1);
	} else if (lua_type(L, -1) == LUA_TSTRING) {
		const char *s = lua_tostring(L, -1);
		char *end;

		v = g_ascii_strtod(s, &end);
		if (end == s || strcmp(end, "%") != 0)
			v = -1;
		else
			v /= 100;
	} else if (lua_isnil(L, -1)) {
		v = 0;
	}
	lua_pop(L, 1);
	if (!(v >= 0 && v <= 1))
		luaL_error(L, "option %s: a probability from 0 to 1 or a percentage such as "
			   "\"1%%\"", key);
	return v;
}

static void read_nic(lua_State *L, int idx, struct sim_nic_config *nic)
{
	uint64_t v;
	bool b;

	if (lua_getfield(L, idx, "nic") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	luaL_checktype(L, -1, LUA_TTABLE);
	lopt_reject_unknown(L, -1, nic_keys);
	if (lopt_uint(L, -1, "queues", &v, 64))
		nic->queues = (unsigned int)v;
	if (lopt_uint(L, -1, "rx_ring", &v, 1 << 16))
		nic->rx_ring = (unsigned int)v;
	if (lopt_uint(L, -1, "tx_ring", &v, 1 << 16))
		nic->tx_ring = (unsigned int)v;
	if (lopt_uint(L, -1, "napi_weight", &v, 1 << 16))
		nic->napi_weight = (unsigned int)v;
	if (lopt_uint(L, -1, "rx_usecs", &v, 1 << 20))
		nic->rx_usecs = (int)v;
	if (lopt_uint(L, -1, "rx_frames", &v, 1 << 16))
		nic->rx_frames = (int)v;
	if (lopt_bool(L, -1, "napi", &b))
		nic->napi = b;
	lua_pop(L, 1);
}

/* net:link(a, b [, opts]) -> name of the interface on a, on b */
static int l_net_link(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	struct node *a = lnode_check(L, 2), *b = lnode_check(L, 3);
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct sim_link *link;

	luaL_argcheck(L, a != b, 3, "cannot link a node to itself");
	if (!lua_isnoneornil(L, 4)) {
		uint64_t v;

		luaL_checktype(L, 4, LUA_TTABLE);
		lopt_reject_unknown(L, 4, link_keys);
		cfg.kind = lopt_string(L, 4, "kind");
		lua_getfield(L, 4, "rate");
		if (!lua_isnil(L, -1)) {
			const char *r = lua_tostring(L, -1);

			if (!r || sim_rate_parse(r, &cfg.rate_bps, &err) < 0)
				return luaL_error(L, "option rate: %s",
						  r ? err.msg : "expected a rate such as \"1Gbit\"");
		}
		lua_pop(L, 1);
		lopt_time(L, 4, "delay", &cfg.delay);
		cfg.loss = read_probability(L, 4, "loss");
		if (lopt_uint(L, 4, "mtu", &v, 65535))
			cfg.mtu = (unsigned int)v;
		if (lopt_uint(L, 4, "txqueuelen", &v, UINT32_MAX))
			cfg.txqueuelen = (int64_t)v;
		read_nic(L, 4, &cfg.nic);
	}
	link = world_link(lw->w, a, b, &cfg, &err);
	if (!link)
		return luaL_error(L, "net:link(%s, %s): %s", a->name, b->name, err.msg);
	lua_pushstring(L, link->ifname[0]);
	lua_pushstring(L, link->ifname[1]);
	return 2;
}

static int l_net_node(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	struct node *node = world_node(lw->w, luaL_checkstring(L, 2));

	if (!node)
		return 0;
	lnode_push(L, lw, node);
	return 1;
}

static int l_net_nodes(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);

	lua_createtable(L, (int)lw->w->nodes->len, 0);
	for (guint i = 0; i < lw->w->nodes->len; i++) {
		lnode_push(L, lw, g_ptr_array_index(lw->w->nodes, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

struct lcallback {
	struct lworld *lw;
	int ref;
};

static void at_run(struct world *w, void *arg)
{
	struct lcallback *cb = arg;
	lua_State *L = cb->lw->r->Lrun;

	lua_rawgeti(L, LUA_REGISTRYINDEX, cb->ref);
	lcall_event(L, w, 0, "net:at callback");
}

static void at_free(void *arg)
{
	struct lcallback *cb = arg;

	luaL_unref(cb->lw->r->L, LUA_REGISTRYINDEX, cb->ref);
	g_free(cb);
}

static int l_net_at(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	sim_time_t t = lcheck_time(L, 2, "net:at");
	struct lcallback *cb;
	char a[32], b[32];

	luaL_checktype(L, 3, LUA_TFUNCTION);
	if (t < sim_now(lw->w))
		return luaL_error(L, "net:at: time %s is in the past (now %s)",
				  sim_time_format_short(t, a, sizeof(a)),
				  sim_time_format_short(sim_now(lw->w), b, sizeof(b)));
	cb = g_new0(struct lcallback, 1);
	cb->lw = lw;
	lua_pushvalue(L, 3);
	cb->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	sim_call_at(lw->w, t, at_run, at_free, cb);
	return 0;
}

/* ---- net:fail ------------------------------------------------------------ */

/*
 * One edge of a fault: its start (f.on) or its end.  A link fault calls the
 * link kind's fault hook; a node restart runs commands on the node (see
 * docs/lua-api.md "Faults" for what a restart loses and keeps).
 */
struct lfault {
	struct lworld *lw;
	uint32_t link_id;		/* a link fault */
	uint32_t node_id;		/* a restart */
	bool restart;
	struct sim_link_fault f;
	int config_ref;			/* restart: fn called when it ends, or LUA_NOREF */
};

static const char *const fail_keys[] = {
	"at", "config", "corrupt", "down", "duplicate", "duration", "fcs", "for_", "gap",
	"reorder", "reset", "restart", NULL,
};

static void fault_sh(struct node *node, const char *text)
{
	struct sim_sh_result res;

	sim_sh_run(node, text, &res);
	sim_sh_result_free(&res);	/* "Nothing to flush" and the like */
}

/* ip link set dev X up|down for every interface net:link made on @node */
static void restart_links(struct world *w, struct node *node, const char *state)
{
	for (guint i = 0; i < w->links->len; i++) {
		const struct sim_link *link = g_ptr_array_index(w->links, i);

		for (int side = 0; side < 2; side++) {
			if (link->node[side] == node) {
				char *cmd = g_strdup_printf("ip link set dev %s %s",
							    link->ifname[side], state);

				fault_sh(node, cmd);
				g_free(cmd);
			}
		}
	}
}

static void restart_edge(struct world *w, struct lfault *lf)
{
	struct node *node = world_node_by_id(w, lf->node_id);
	lua_State *L;

	if (lf->f.on) {
		restart_links(w, node, "down");
		fault_sh(node, "ip neigh flush all\nip route flush table main");
		return;
	}
	restart_links(w, node, "up");
	if (lf->config_ref == LUA_NOREF)
		return;
	L = lf->lw->r->Lrun;
	lua_rawgeti(L, LUA_REGISTRYINDEX, lf->config_ref);
	lcall_event(L, w, 0, "net:fail restart config");
}

static void fault_edge(struct world *w, void *arg)
{
	struct lfault *lf = arg;
	struct sim_link *link;

	if (lf->restart) {
		restart_edge(w, lf);
		return;
	}
	link = g_ptr_array_index(w->links, lf->link_id);
	link->kind->fault(link, &lf->f);
}

static void fault_free(void *arg)
{
	struct lfault *lf = arg;

	if (lf->config_ref != LUA_NOREF)
		luaL_unref(lf->lw->r->L, LUA_REGISTRYINDEX, lf->config_ref);
	g_free(lf);
}

/* The link whose end on @node net:link named @ifname, and that end. */
static struct sim_link *find_link(struct world *w, struct node *node, const char *ifname,
				  int *side)
{
	for (guint i = 0; i < w->links->len; i++) {
		struct sim_link *link = g_ptr_array_index(w->links, i);

		for (int s = 0; s < 2; s++) {
			if (link->node[s] == node && strcmp(link->ifname[s], ifname) == 0) {
				*side = s;
				return link;
			}
		}
	}
	return NULL;
}

/* down = true, reset = true, restart = true: nothing else means anything */
static void check_true(lua_State *L, int opt, const char *key)
{
	bool b = false;

	lopt_bool(L, opt, key, &b);
	if (!b)
		luaL_error(L, "net:fail: option %s: only true", key);
}

static void read_link_fault(lua_State *L, int opt, int kind, struct sim_link_fault *f)
{
	static const enum sim_link_fault_kind map[] = {
		SIM_FAULT_DOWN, SIM_FAULT_RESET, SIM_FAULT_CORRUPT, SIM_FAULT_DUPLICATE,
		SIM_FAULT_REORDER,
	};
	static const char *const fcs_modes[] = { "bad", "good", NULL };
	const char *fcs;

	f->kind = map[kind];
	switch (f->kind) {
	case SIM_FAULT_DOWN:
		check_true(L, opt, "down");
		break;
	case SIM_FAULT_RESET:
		check_true(L, opt, "reset");
		break;
	case SIM_FAULT_CORRUPT:
		f->rate = read_probability(L, opt, "corrupt");
		fcs = lopt_string(L, opt, "fcs");
		if (fcs && strcmp(fcs, fcs_modes[0]) && strcmp(fcs, fcs_modes[1]))
			luaL_error(L, "net:fail: option fcs: \"bad\" (the receiving NIC "
				   "drops the frame) or \"good\" (the stack gets it)");
		f->fcs_ok = fcs && strcmp(fcs, "good") == 0;
		break;
	case SIM_FAULT_DUPLICATE:
		f->rate = read_probability(L, opt, "duplicate");
		break;
	case SIM_FAULT_REORDER:
		f->rate = read_probability(L, opt, "reorder");
		f->gap = SIM_NSEC_PER_MSEC;
		lopt_time(L, opt, "gap", &f->gap);
		break;
	}
	if (f->kind != SIM_FAULT_CORRUPT && lua_getfield(L, opt, "fcs") != LUA_TNIL)
		luaL_error(L, "net:fail: option fcs is for corrupt");
	lua_pop(L, f->kind != SIM_FAULT_CORRUPT);
	if (f->kind != SIM_FAULT_REORDER && lua_getfield(L, opt, "gap") != LUA_TNIL)
		luaL_error(L, "net:fail: option gap is for reorder");
	lua_pop(L, f->kind != SIM_FAULT_REORDER);
}

static void schedule_edge(struct world *w, const struct lfault *tmpl, bool on, sim_time_t t,
			  int config_ref)
{
	struct lfault *lf = g_memdup2(tmpl, sizeof(*lf));

	lf->f.on = on;
	lf->config_ref = config_ref;
	sim_call_at(w, t, fault_edge, fault_free, lf);
}

/*
 * net:fail(node, ifname, { at =, for_ =, <fault> = ... }): a fault on the
 * link whose end on @node net:link named @ifname;
 * net:fail(node, { at =, for_ =, restart = true, config = fn }): a restart.
 */
static int l_net_fail(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	struct node *node = lnode_check(L, 2);
	struct world *w = lw->w;
	bool on_link = lua_type(L, 3) == LUA_TSTRING;
	int opt = on_link ? 4 : 3, kind, config_ref = LUA_NOREF;
	struct lfault tmpl = { .lw = lw, .node_id = node->id };
	sim_time_t at, dur;
	bool has_dur;

	luaL_checktype(L, opt, LUA_TTABLE);
	lopt_reject_unknown(L, opt, fail_keys);
	kind = lopt_fault_kind(L, opt, on_link);
	has_dur = lopt_fault_when(L, opt, sim_now(w), &at, &dur);
	if (on_link) {
		const char *ifname = lua_tostring(L, 3);
		struct sim_link *link = find_link(w, node, ifname, &tmpl.f.side);

		if (!link)
			return luaL_error(L, "net:fail: %s has no link named %s (the names "
					  "net:link returned)", node->name, ifname);
		if (!link->kind->fault)
			return luaL_error(L, "net:fail: a %s link has no faults (use kind = "
					  "\"cable\")", link->kind->name);
		tmpl.link_id = link->id;
		read_link_fault(L, opt, kind, &tmpl.f);
		/* a NIC reset is over at once unless the link stays down a while */
		if (tmpl.f.kind == SIM_FAULT_RESET && !has_dur)
			dur = 0;
	} else {
		check_true(L, opt, "restart");
		tmpl.restart = true;
		if (!has_dur)
			dur = 0;
		if (lua_getfield(L, opt, "config") != LUA_TNIL) {
			if (lua_type(L, -1) != LUA_TFUNCTION)
				return luaL_error(L, "net:fail: option config: a function "
						  "(the node's boot script)");
			config_ref = luaL_ref(L, LUA_REGISTRYINDEX);
		} else {
			lua_pop(L, 1);
		}
	}
	if (on_link && lua_getfield(L, opt, "config") != LUA_TNIL)
		return luaL_error(L, "net:fail: option config is for restart");
	lua_pop(L, on_link);
	schedule_edge(w, &tmpl, true, at, LUA_NOREF);
	if (dur != SIM_TIME_MAX && dur <= SIM_TIME_MAX - at)
		schedule_edge(w, &tmpl, false, at + dur, config_ref);
	else if (config_ref != LUA_NOREF)
		luaL_unref(L, LUA_REGISTRYINDEX, config_ref);
	return 0;
}

static int l_net_run(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	sim_time_t d = lcheck_time(L, 2, "net:run");
	struct world *w = lw->w;
	double t0;
	int rc;

	check_not_running(L, lw, "net:run()");
	if (w->error)
		return lnet_raise_world_error(L, lw);
	if (d > SIM_TIME_MAX - sim_now(w))
		return luaL_error(L, "net:run: the run would end past the largest "
				  "simulated time (292 years)");
	/*
	 * The build's garbage (command strings, tables of a topology loop) is
	 * collected once before the first run: otherwise it waits for the
	 * collector's next cycle while the run's sockets and packets take the
	 * heap above it, and the process's peak holds both.
	 */
	if (!lw->ran) {
		lw->ran = true;
		lua_gc(L, LUA_GCCOLLECT);
	}
	t0 = sim_wall_now();
	lw->r->Lrun = L;	/* callbacks run on the thread that called net:run */
	rc = world_run(w, sim_now(w) + d);
	sim_capture_flush_all(w);	/* the script may read its captures now */
	lw->r->Lrun = lw->r->L;
	lw->run_wall += sim_wall_now() - t0;
	if (rc < 0 && w->error)
		return lnet_raise_world_error(L, lw);
	if (rc < 0) {
		char t[32];

		return luaL_error(L, "interrupted at t=%s",
				  sim_time_format_short(sim_now(w), t, sizeof(t)));
	}
	return 0;
}

static int l_net_now(lua_State *L)
{
	lua_pushinteger(L, sim_now(lnet_check(L, 1)->w));
	return 1;
}

static const char *const capture_keys[] = { "annotate", "filter", "node", NULL };

static int l_net_capture(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	struct sim_err err = { { 0 } };
	const char *filter = NULL, *node = NULL;
	bool annotate = false;

	if (lua_type(L, 2) == LUA_TSTRING) {
		filter = lua_tostring(L, 2);
	} else if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lopt_reject_unknown(L, 2, capture_keys);
		filter = lopt_string(L, 2, "filter");
		node = lopt_string(L, 2, "node");
		lopt_bool(L, 2, "annotate", &annotate);	/* + pcapng/<node>.pcapng */
	}
	if (node && !world_node(lw->w, node))
		return luaL_error(L, "net:capture: no node named \"%s\"", node);
	if (sim_capture_enable_annotate(lw->w, node, filter, annotate, &err) < 0)
		return luaL_error(L, "net:capture: %s", err.msg);
	return 0;
}

static const char *const metrics_keys[] = { "drop_rows", "interval", NULL };

static int l_net_metrics(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	sim_time_t interval = 0;
	uint64_t drop_rows;

	luaL_checktype(L, 2, LUA_TTABLE);
	lopt_reject_unknown(L, 2, metrics_keys);
	if (lopt_time(L, 2, "interval", &interval)) {
		if (interval != 0 && interval < SIM_NSEC_PER_USEC)
			return luaL_error(L, "net:metrics: interval must be at least 1us "
					  "(or 0 for none)");
		sim_metrics_set_interval(lw->w, interval);
	}
	if (lopt_uint(L, 2, "drop_rows", &drop_rows, INT64_MAX))
		sim_metrics_set_drop_rows(lw->w->metrics, (int64_t)drop_rows);
	return 0;
}

static int l_net_tostring(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);

	lua_pushfstring(L, "network %s (%d nodes)", lw->w->name, (int)lw->w->nodes->len);
	return 1;
}

static const luaL_Reg net_methods[] = {
	{ "add", l_net_add },		{ "at", l_net_at },
	{ "capture", l_net_capture },	{ "fail", l_net_fail },
	{ "link", l_net_link },
	{ "metrics", l_net_metrics },
	{ "node", l_net_node },		{ "nodes", l_net_nodes },
	{ "now", l_net_now },		{ "pause", lconsole_pause },
	{ "run", l_net_run },		{ "walk", lwalk_net_walk },
	{ NULL, NULL },
};

static int l_net_index(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	const char *key = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL)
		return 1;
	if (strcmp(key, "name") == 0) {
		lua_pushstring(L, lw->w->name);
		return 1;
	}
	if (strcmp(key, "seed") == 0) {
		lua_pushinteger(L, (lua_Integer)lw->w->seed);
		return 1;
	}
	if (strcmp(key, "hz") == 0) {
		lua_pushinteger(L, lw->w->hz);
		return 1;
	}
	if (strcmp(key, "out_dir") == 0) {
		lua_pushstring(L, lw->out_dir);
		return 1;
	}
	if (world_kind(lw->w, key)) {
		lua_pushstring(L, key);
		lua_pushcclosure(L, l_net_kind, 1);
		return 1;
	}
	return 0;
}

/* ---- node methods ------------------------------------------------------- */

static const char *const sh_keys[] = { "check", NULL };

static void push_first_line(lua_State *L, const char *s)
{
	const char *nl;

	while (*s == '\n')
		s++;
	nl = strchr(s, '\n');
	lua_pushlstring(L, s, nl ? (size_t)(nl - s) : strlen(s));
}

static int l_node_sh(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	const char *text = luaL_checkstring(L, 2);
	struct sim_sh_result res;
	bool check = true;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lopt_reject_unknown(L, 3, sh_keys);
		lopt_bool(L, 3, "check", &check);
	}
	sim_sh_run(node, text, &res);
	if (res.status != 0 && check) {
		luaL_where(L, 1);
		lua_pushfstring(L, "%s: sh line %d: ", node->name, res.failed_line);
		push_first_line(L, res.err->str + res.failed_err);
		sim_sh_result_free(&res);
		lua_concat(L, 3);
		return lua_error(L);
	}
	lua_pushlstring(L, res.out->str, res.out->len);
	if (check) {
		sim_sh_result_free(&res);
		return 1;
	}
	lua_pushinteger(L, res.status);
	lua_pushlstring(L, res.err->str, res.err->len);
	sim_sh_result_free(&res);
	return 3;
}

static const char *const spawn_keys[] = { "at", "name", NULL };

static int l_node_spawn(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	sim_time_t at = sim_now(node->w);
	const char *name = NULL;
	struct sim_err err = { { 0 } };
	struct sim_proc *p;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lopt_reject_unknown(L, 3, spawn_keys);
		lopt_time(L, 3, "at", &at);
		name = lopt_string(L, 3, "name");
	}
	if (at < sim_now(node->w)) {
		char a[32], b[32];

		return luaL_error(L, "spawn: time %s is in the past (now %s)",
				  sim_time_format_short(at, a, sizeof(a)),
				  sim_time_format_short(sim_now(node->w), b, sizeof(b)));
	}
	if (lua_type(L, 2) == LUA_TFUNCTION) {
		lua_pushinteger(L, lproc_spawn_function(L, node, 2, at, name));
		return 1;
	}
	if (lua_type(L, 2) != LUA_TSTRING)
		return luaL_error(L, "spawn: expected a command line or a function, got %s",
				  luaL_typename(L, 2));
	if (name)
		return luaL_error(L, "spawn: option name is for Lua functions; a command "
				  "line is named by its program");
	p = sim_proc_spawn_program(node, lua_tostring(L, 2), at, &err);
	if (!p)
		return luaL_error(L, "%s: %s", node->name, err.msg);
	lua_pushinteger(L, p->pid);
	return 1;
}

static const struct { const char *name; int sig; } signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "KILL", SIGKILL }, { "TERM", SIGTERM },
	{ "QUIT", SIGQUIT }, { "ALRM", SIGALRM }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "STOP", SIGSTOP }, { "CONT", SIGCONT },
};

static int check_signal(lua_State *L, int idx)
{
	const char *s;

	if (lua_isnoneornil(L, idx))
		return SIGTERM;
	if (lua_type(L, idx) == LUA_TNUMBER) {
		lua_Integer n = luaL_checkinteger(L, idx);

		if (n < 1 || n > 64)
			luaL_error(L, "kill: invalid signal number %d", (int)n);
		return (int)n;
	}
	s = luaL_checkstring(L, idx);
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < G_N_ELEMENTS(signals); i++)
		if (strcmp(signals[i].name, s) == 0)
			return signals[i].sig;
	return luaL_error(L, "kill: %s: invalid signal specification", lua_tostring(L, idx));
}

static int l_node_kill(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	int pid = (int)luaL_checkinteger(L, 2);
	int sig = check_signal(L, 3);
	struct sim_proc *p = sim_proc_find(node, pid);

	if (!p || p->state == SIM_PROC_EXITED) {
		lua_pushnil(L);
		lua_pushstring(L, "No such process");
		lua_pushstring(L, "ESRCH");
		return 3;
	}
	sim_proc_kill(p, sig);
	lua_pushboolean(L, 1);
	return 1;
}

static const char *state_name(const struct sim_proc *p)
{
	switch (p->state) {
	case SIM_PROC_WAITING: return "waiting";
	case SIM_PROC_RUNNING: return "running";
	default: return p->term_signal ? "killed" : "exited";
	}
}

static int l_node_ps(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	int i = 0;

	lua_newtable(L);
	for (GList *l = node->procs.head; l; l = l->next) {
		struct sim_proc *p = l->data;

		lua_createtable(L, 0, 7);
		lua_pushinteger(L, p->pid);
		lua_setfield(L, -2, "pid");
		lua_pushstring(L, p->cmdline);
		lua_setfield(L, -2, "cmd");
		lua_pushstring(L, state_name(p));
		lua_setfield(L, -2, "state");
		if (p->state == SIM_PROC_EXITED) {
			lua_pushinteger(L, p->exit_status);
			lua_setfield(L, -2, "status");
			lua_pushinteger(L, p->end_time);
			lua_setfield(L, -2, "finish");
			if (p->term_signal) {
				lua_pushinteger(L, p->term_signal);
				lua_setfield(L, -2, "signal");
			}
		}
		lua_pushinteger(L, p->start_time);
		lua_setfield(L, -2, "start");
		lua_rawseti(L, -2, ++i);
	}
	return 1;
}

/* node:counter("eth0.rx_packets") -> value, or nil if no such counter */
static int l_node_counter(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	uint64_t v;

	if (sim_counter_get(node, luaL_checkstring(L, 2), &v) < 0)
		return 0;
	lua_pushinteger(L, (lua_Integer)v);
	return 1;
}

/* node:counters([prefix]) -> { ["eth0.rx_packets"] = n, ... } */
static int l_node_counters(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	const char *prefix = luaL_optstring(L, 2, "");
	const struct sim_counter_set *cs;
	const struct sim_counter_kind *k;
	char buf[SIM_COUNTER_SCOPE_MAX];

	lua_newtable(L);
	sim_counter_for_each_kind(cs, k, node) {
		const char *scope = sim_counter_scope(cs, k, buf);

		for (unsigned int j = 0; j < k->n; j++) {
			char *name = g_strdup_printf("%s.%s", scope, k->names[j]);

			if (g_str_has_prefix(name, prefix)) {
				lua_pushinteger(L, (lua_Integer)sim_counter_value(cs, k, j));
				lua_setfield(L, -2, name);
			}
			g_free(name);
		}
	}
	return 1;
}

/*
 * node:inject(ifname, frame): sends FRAME (a string of bytes, link-layer
 * header included) out of IFNAME now, as a packet socket would; a Lua
 * error with the errno text if the device is missing, down, or the frame
 * does not fit.
 */
static int l_node_inject(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	const char *ifname = luaL_checkstring(L, 2);
	size_t len;
	const char *frame = luaL_checklstring(L, 3, &len);
	struct sim_err err = { { 0 } };

	if (!node->w->packet_inject)
		return luaL_error(L, "inject: no packet sockets in this build");
	if (node->w->packet_inject(node, ifname, frame, len, &err) < 0)
		return luaL_error(L, "%s: inject: %s", node->name, err.msg);
	return 0;
}

/*
 * node:write(path, text [, "append"]): what `echo TEXT > PATH` (or `>>`)
 * does, for files too long to echo: a plain file is made, replaced or
 * grown (/tmp/routes for `ip -batch`, /etc/iproute2/rt_tables); a /proc
 * file takes the write.  A Lua error names the path and errno text.
 */
static int l_node_write(lua_State *L)
{
	static const char *const modes[] = { "truncate", "append", NULL };
	struct node *node = lnode_check(L, 1);
	const char *path = luaL_checkstring(L, 2);
	const char *text = luaL_checkstring(L, 3);
	int append = luaL_checkoption(L, 4, "truncate", modes);
	struct sim_err err = { { 0 } };
	int r;

	r = append ? sim_vfs_append(node, path, text, &err)
		   : sim_vfs_write(node, path, text, &err);
	if (r < 0)
		return luaL_error(L, "%s: write %s: %s", node->name, path,
				  err.msg[0] ? err.msg : g_strerror(-r));
	return 0;
}

static int l_node_tostring(lua_State *L)
{
	struct node *node = lnode_check(L, 1);

	lua_pushfstring(L, "node %s (%s)", node->name, node->kind->name);
	return 1;
}

static const luaL_Reg node_methods[] = {
	{ "counter", l_node_counter }, { "counters", l_node_counters },
	{ "inject", l_node_inject }, { "kill", l_node_kill }, { "ps", l_node_ps },
	{ "sh", l_node_sh },
	{ "spawn", l_node_spawn }, { "write", l_node_write }, { NULL, NULL },
};

static int l_node_index(lua_State *L)
{
	struct node *node = lnode_check(L, 1);
	const char *key = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL)
		return 1;
	if (strcmp(key, "name") == 0)
		lua_pushstring(L, node->name);
	else if (strcmp(key, "kind") == 0)
		lua_pushstring(L, node->kind->name);
	else if (strcmp(key, "id") == 0)
		lua_pushinteger(L, node->id);
	else if (strcmp(key, "cpus") == 0)
		lua_pushinteger(L, node->ncpus);
	else
		lua_pushnil(L);
	return 1;
}

/* ---- the skbsim table ------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * skbsim.unhex("45 00 00:54 ...") -> the bytes: pairs of hex digits,
 * separated or not by spaces, colons, dashes or newlines.
 */
static int l_skbsim_unhex(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (size_t i = 0; i < len;) {
		int hi, lo;

		if (s[i] && strchr(" \t\n\r:-", s[i])) {
			i++;
			continue;
		}
		hi = hexval((unsigned char)s[i]);
		lo = i + 1 < len ? hexval((unsigned char)s[i + 1]) : -1;
		if (hi < 0 || lo < 0)
			return luaL_error(L, "unhex: bad hex digits at offset %d: \"%s\"",
					  (int)i, s + i);
		luaL_addchar(&b, (char)(hi << 4 | lo));
		i += 2;
	}
	luaL_pushresult(&b);
	return 1;
}

static int l_skbsim_now(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);

	lua_pushinteger(L, r->current ? sim_now(r->current->w) : 0);
	return 1;
}

static int l_skbsim_time(lua_State *L)
{
	lua_pushinteger(L, lcheck_time(L, 1, "skbsim.time"));
	return 1;
}

static void new_class(lua_State *L, const char *mt, const luaL_Reg *methods,
		      lua_CFunction index, lua_CFunction tostring)
{
	luaL_newmetatable(L, mt);
	lua_newtable(L);			/* methods as __index's upvalue */
	luaL_setfuncs(L, methods, 0);
	lua_pushcclosure(L, index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushliteral(L, "skbsim object");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

void lnet_open(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);
	static const luaL_Reg fns[] = {
		{ "network", l_network }, { "now", l_skbsim_now },
		{ "sleep", lproc_sleep }, { "time", l_skbsim_time },
		{ "unhex", l_skbsim_unhex },
		{ NULL, NULL },
	};
	int i = 0;

	new_class(L, LNET_MT, net_methods, l_net_index, l_net_tostring);
	new_class(L, LNODE_MT, node_methods, l_node_index, l_node_tostring);
	luaL_newlib(L, fns);
	lua_pushstring(L, SKBSIM_VERSION);
	lua_setfield(L, -2, "version");
	lua_newtable(L);
	for (const char *const *a = r->opts->args; a && *a; a++, i++) {
		const char *eq = strchr(*a, '=');

		lua_pushlstring(L, *a, (size_t)(eq - *a));
		lua_pushstring(L, eq + 1);
		lua_settable(L, -3);
	}
	lua_setfield(L, -2, "args");
	lua_setglobal(L, "skbsim");
	lsocket_open(L);
}
