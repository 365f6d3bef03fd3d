/*
 * sim/world.c - one simulation: creation, registries, the run loop, nodes
 *
 * No kernel counterpart.  The run loop pops the earliest event, sets the
 * clock to it and calls it; nothing else advances time.  Registries from
 * the modules are hash tables used only for lookup by name; everything
 * that is printed or iterated comes from ordered arrays.
 */
#include "sim/world.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/counters.h"
#include "sim/proc.h"
#include "sim/sh.h"
#include "sim/trace/metrics.h"
#include "sim/trace/walk.h"
#include "sim/trace/pcap.h"

struct sim_callout {
	struct sim_event ev;
	struct world *w;
	void (*fn)(struct world *w, void *arg);
	void (*dtor)(void *arg);
	void *arg;
	GList link;			/* in w->callouts */
	bool running;
};

static int register_module(struct world *w, const struct sim_module *m, struct sim_err *err)
{
	for (const struct sim_node_kind *k = m->kinds; k && k->name; k++)
		if (!g_hash_table_insert(w->kinds, (gpointer)k->name, (gpointer)k))
			return sim_err_set(err, "module %s: node kind %s registered twice",
					   m->name, k->name);
	for (const struct sim_link_kind *const *k = m->link_kinds; k && *k; k++)
		if (!g_hash_table_insert(w->link_kinds, (gpointer)(*k)->name, (gpointer)*k))
			return sim_err_set(err, "module %s: link kind %s registered twice",
					   m->name, (*k)->name);
	for (const struct sim_fs_ops *const *f = m->fs; f && *f; f++)
		g_ptr_array_add(w->fs, (gpointer)*f);
	for (const struct sim_command *const *c = m->commands; c && *c; c++)
		if (!g_hash_table_insert(w->commands, (gpointer)(*c)->name, (gpointer)*c))
			return sim_err_set(err, "module %s: command %s registered twice",
					   m->name, (*c)->name);
	for (const struct sim_program *const *p = m->programs; p && *p; p++)
		if (!g_hash_table_insert(w->programs, (gpointer)(*p)->name, (gpointer)*p))
			return sim_err_set(err, "module %s: program %s registered twice",
					   m->name, (*p)->name);
	return 0;
}

static int hz_valid(unsigned int hz)
{
	return hz == 100 || hz == 250 || hz == 300 || hz == 1000;
}

struct world *world_create(const struct world_config *cfg, struct sim_err *err)
{
	struct world *w;
	unsigned int hz = cfg->hz ? cfg->hz : SIM_HZ_DEFAULT;

	if (!hz_valid(hz)) {
		sim_err_set(err, "HZ %u is not one of 100, 250, 300, 1000", hz);
		return NULL;
	}
	w = g_new0(struct world, 1);
	w->name = g_strdup(cfg->name ? cfg->name : "skbsim");
	w->seed = cfg->seed;
	w->hz = hz;
	w->tick_ns = (SIM_NSEC_PER_SEC + hz / 2) / hz;	/* TICK_NSEC */
	w->modules = cfg->modules;
	sim_evq_init(&w->evq);
	sim_event_init(&w->sample_ev, NULL);
	w->nodes = g_ptr_array_new();
	w->node_by_name = g_hash_table_new(g_str_hash, g_str_equal);
	w->kinds = g_hash_table_new(g_str_hash, g_str_equal);
	w->commands = g_hash_table_new(g_str_hash, g_str_equal);
	w->programs = g_hash_table_new(g_str_hash, g_str_equal);
	w->link_kinds = g_hash_table_new(g_str_hash, g_str_equal);
	w->links = g_ptr_array_new();
	w->fs = g_ptr_array_new();
	w->pcaps = g_ptr_array_new();
	w->console = stdout;
	g_queue_init(&w->callouts);
	for (const struct sim_module *const *m = cfg->modules; m && *m; m++) {
		if (register_module(w, *m, err) < 0) {
			world_destroy(w);
			return NULL;
		}
	}
	for (size_t i = 0; cfg->modules && cfg->modules[i]; i++) {
		const struct sim_module *m = cfg->modules[i];

		if (m->world_init && m->world_init(w, err) < 0) {
			world_destroy(w);
			return NULL;
		}
		w->modules_inited = i + 1;
	}
	return w;
}

static void node_free(struct node *node)
{
	struct world *w = node->w;

	sim_proc_reap_all(node);
	/* models tear down in reverse order of setup */
	while (node->modules_inited > 0) {
		const struct sim_module *m = w->modules[--node->modules_inited];

		if (m->node_exit)
			m->node_exit(node);
	}
	sim_vfs_destroy(node->vfs);
	sim_counters_unregister(node, &node->stat_set);
	SIM_BUG_ON(node->counter_sets);	/* a model left a set registered */
	g_free(node->cost);
	g_free(node);
}

int64_t world_live_objects(const struct world *w)
{
	int64_t n = 0;

	for (int i = 0; i < SIM_OBJ__MAX; i++)
		n += w->live[i];
	return n;
}

static void callout_free(struct world *w, struct sim_callout *c)
{
	g_queue_unlink(&w->callouts, &c->link);
	if (c->dtor)
		c->dtor(c->arg);
	g_free(c);
	world_obj_put(w, SIM_OBJ_CALLOUT);
}

int64_t world_destroy(struct world *w)
{
	int64_t live;

	if (!w)
		return 0;
	/* processes first: a process may own model objects (sockets) */
	for (guint i = 0; i < w->nodes->len; i++)
		sim_proc_reap_all(g_ptr_array_index(w->nodes, i));
	while (w->callouts.head) {
		struct sim_callout *c = w->callouts.head->data;

		sim_cancel(w, &c->ev);
		callout_free(w, c);
	}
	for (guint i = w->nodes->len; i-- > 0;)
		node_free(g_ptr_array_index(w->nodes, i));
	/* media outlive the devices on them */
	for (guint i = 0; i < w->links->len; i++) {
		struct sim_link *link = g_ptr_array_index(w->links, i);

		if (link->kind->release)
			link->kind->release(link);
		g_free(link);
	}
	/* events of the models' world state (none should remain) go first */
	while (w->modules_inited > 0) {
		const struct sim_module *m = w->modules[--w->modules_inited];

		if (m->world_exit)
			m->world_exit(w);
	}
	if (w->metrics)
		sim_metrics_abandon(w->metrics);
	sim_walk_destroy(w);
	sim_capture_close_all(w);
	sim_cancel(w, &w->sample_ev);
	live = world_live_objects(w);
	if (live)
		fprintf(stderr, "skbsim: world %s ended with %lld live objects "
			"(callouts %lld, processes %lld, model %lld, skbs %lld)\n", w->name,
			(long long)live, (long long)w->live[SIM_OBJ_CALLOUT],
			(long long)w->live[SIM_OBJ_PROC], (long long)w->live[SIM_OBJ_MODEL],
			(long long)w->live[SIM_OBJ_SKB]);
	sim_evq_destroy(&w->evq);
	g_ptr_array_unref(w->nodes);
	g_ptr_array_unref(w->pcaps);
	g_hash_table_unref(w->node_by_name);
	g_hash_table_unref(w->kinds);
	g_hash_table_unref(w->commands);
	g_hash_table_unref(w->programs);
	g_hash_table_unref(w->link_kinds);
	g_ptr_array_unref(w->links);
	g_ptr_array_unref(w->fs);
	g_free(w->out_dir);
	g_free(w->error);
	g_free(w->name);
	g_free(w);
	return live;
}

/* ---- running ---------------------------------------------------------- */

#define PROGRESS_EVERY 65536		/* events between interrupt/progress checks */

int world_run(struct world *w, sim_time_t until)
{
	uint64_t next_check = w->events + PROGRESS_EVERY;

	SIM_BUG_ON(w->running);
	if (w->error || (w->interrupted && *w->interrupted))
		return -1;	/* an earlier failure or ^C ends the run for good */
	w->running = true;
	w->stop = false;
	while (!w->stop && w->evq.len && sim_evq_peek_time(&w->evq) <= until) {
		struct sim_event *ev = sim_evq_pop(&w->evq);

		w->now = ev->time;
		w->events++;
		w->in_event = true;
		ev->fn(w, ev);
		w->in_event = false;
		if (__builtin_expect(w->events >= next_check, 0)) {
			next_check = w->events + PROGRESS_EVERY;
			if (w->interrupted && *w->interrupted)
				break;
			if (w->progress)
				w->progress(w, w->progress_arg);
		}
	}
	w->running = false;
	if (w->error || (w->interrupted && *w->interrupted))
		return -1;
	/* time passes to @until even when nothing happens in it */
	if (!w->stop && until > w->now)
		w->now = until;
	return 0;
}

void world_stop(struct world *w)
{
	w->stop = true;
}

void world_fail(struct world *w, const char *fmt, ...)
{
	va_list ap;

	if (!w->error) {
		va_start(ap, fmt);
		w->error = g_strdup_vprintf(fmt, ap);
		va_end(ap);
	}
	w->stop = true;
}

/* ---- callouts --------------------------------------------------------- */

static void callout_run(struct world *w, struct sim_event *ev)
{
	struct sim_callout *c = (struct sim_callout *)ev;

	c->running = true;	/* a cancel from inside fn only marks it */
	c->fn(w, c->arg);
	callout_free(w, c);
}

struct sim_callout *sim_call_at(struct world *w, sim_time_t t,
				void (*fn)(struct world *w, void *arg),
				void (*dtor)(void *arg), void *arg)
{
	struct sim_callout *c = g_new0(struct sim_callout, 1);

	sim_event_init(&c->ev, callout_run);
	c->w = w;
	c->fn = fn;
	c->dtor = dtor;
	c->arg = arg;
	c->link.data = c;
	g_queue_push_tail_link(&w->callouts, &c->link);
	world_obj_get(w, SIM_OBJ_CALLOUT);
	sim_schedule(w, &c->ev, t < w->now ? w->now : t);
	return c;
}

void sim_callout_cancel(struct world *w, struct sim_callout *c)
{
	if (c->running)
		return;		/* callout_run frees it when fn returns */
	sim_cancel(w, &c->ev);
	callout_free(w, c);
}

/* ---- nodes ------------------------------------------------------------ */

static const char *const node_stat_names[] = { "processes", "ctxt" };

static uint64_t node_stat_read(const struct sim_counter_set *cs, unsigned int i)
{
	const struct node *node = (const struct node *)((const char *)cs -
							offsetof(struct node, stat_set));

	return node->stat[i];
}

static const struct sim_counter_kind node_stat_kind = {
	.scope = "Stat", .names = node_stat_names, .n = G_N_ELEMENTS(node_stat_names),
	.read = node_stat_read,
};

const char *const sim_cost_names[SIM_COST__MAX] = {
	[SIM_COST_HARDIRQ] = "hardirq", [SIM_COST_NAPI_POLL] = "napi_poll",
	[SIM_COST_DRIVER] = "driver", [SIM_COST_CORE] = "core", [SIM_COST_L3] = "l3",
	[SIM_COST_L4] = "l4", [SIM_COST_PER_BYTE_PS] = "per_byte",
};

static int node_name_check(const char *name, struct sim_err *err)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0 || len > SIM_NODE_NAME_MAX)
		return sim_err_set(err, "node name must be 1 to %d characters",
				   SIM_NODE_NAME_MAX);
	if (name[0] == '-' || name[0] == '.')
		return sim_err_set(err, "node name \"%s\" must not start with '%c'",
				   name, name[0]);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '_' && c != '-' && c != '.')
			return sim_err_set(err, "node name \"%s\": only letters, digits, "
					   "'_', '-' and '.' are allowed", name);
	}
	return 0;
}

struct node *world_add_node(struct world *w, const char *kind, const char *name,
			    const struct node_config *cfg, struct sim_err *err)
{
	const struct sim_node_kind *k = world_kind(w, kind);
	unsigned int cpus = cfg && cfg->cpus ? cfg->cpus : 1;
	struct node *node;

	if (!k) {
		sim_err_set(err, "unknown node kind \"%s\"", kind);
		return NULL;
	}
	if (node_name_check(name, err) < 0)
		return NULL;
	if (world_node(w, name)) {
		sim_err_set(err, "a node named \"%s\" already exists", name);
		return NULL;
	}
	if (cpus > SIM_NODE_MAX_CPUS) {
		sim_err_set(err, "cpus %u: at most %d", cpus, SIM_NODE_MAX_CPUS);
		return NULL;
	}
	/* one block: the node and its name */
	node = g_malloc0(sizeof(*node) + strlen(name) + 1);
	node->w = w;
	node->id = w->nodes->len;
	strcpy(node->name, name);	/* node_name_check() bounded it */
	node->kind = k;
	node->ncpus = cpus;
	for (int i = 0; cfg && i < SIM_COST__MAX && !node->cost; i++)
		if (cfg->cost[i])
			node->cost = g_memdup2(cfg->cost, sizeof(cfg->cost));
	node->counter_tail = &node->counter_sets;
	g_queue_init(&node->procs);
	node->next_pid = 1;
	sim_counters_register(node, &node->stat_set, &node_stat_kind);
	g_ptr_array_add(w->nodes, node);
	g_hash_table_add(w->node_by_name, node->name);

	for (size_t i = 0; w->modules && w->modules[i]; i++) {
		const struct sim_module *m = w->modules[i];

		node->modules_inited = i + 1;
		if (m->node_init && m->node_init(node, err) < 0)
			goto fail;
	}
	if (k->setup && k->setup(node, err) < 0)
		goto fail;
	if (w->metrics)
		sim_metrics_node(w->metrics, node);
	return node;
fail:
	/* all or nothing: undo the modules that were set up */
	g_hash_table_remove(w->node_by_name, node->name);
	g_ptr_array_remove_index(w->nodes, node->id);
	node_free(node);
	return NULL;
}

void node_set_cost(struct node *node, enum sim_cost point, sim_time_t v)
{
	if (!node->cost)
		node->cost = g_new0(sim_time_t, SIM_COST__MAX);
	node->cost[point] = v;
}

struct node *world_node(const struct world *w, const char *name)
{
	char *found = g_hash_table_lookup(w->node_by_name, name);

	/* the name is in the node: the node is found from it */
	return found ? (struct node *)(found - offsetof(struct node, name)) : NULL;
}

void node_rng_derive(const struct node *node, struct sim_rng *rng, const char *purpose)
{
	sim_rng_derive(rng, node->w->seed, node->name, purpose);
}

struct sim_link *world_link(struct world *w, struct node *a, struct node *b,
			    const struct sim_link_config *cfg, struct sim_err *err)
{
	const char *kind = cfg->kind ? cfg->kind : "cable";
	const struct sim_link_kind *k = g_hash_table_lookup(w->link_kinds, kind);
	struct sim_link *link;

	if (!k) {
		sim_err_set(err, "unknown link kind \"%s\"", kind);
		return NULL;
	}
	if (a == b) {
		sim_err_set(err, "cannot link a node to itself");
		return NULL;
	}
	link = g_new0(struct sim_link, 1);
	link->id = w->links->len;
	link->kind = k;
	link->node[0] = a;
	link->node[1] = b;
	link->rate_bps = cfg->rate_bps;
	link->delay = cfg->delay;
	if (k->create(w, cfg, link, err) < 0) {
		if (k->release)
			k->release(link);	/* copes with what create() did not make */
		g_free(link);
		return NULL;
	}
	g_ptr_array_add(w->links, link);
	for (int i = 0; i < 2; i++) {
		const struct sim_node_kind *nk = link->node[i]->kind;

		if (nk->link_added && nk->link_added(link->node[i], link->ifname[i], err) < 0)
			return NULL;
	}
	return link;
}

const struct sim_command *world_command(const struct world *w, const char *name)
{
	return g_hash_table_lookup(w->commands, name);
}

const struct sim_program *world_program(const struct world *w, const char *name)
{
	return g_hash_table_lookup(w->programs, name);
}

const struct sim_node_kind *world_kind(const struct world *w, const char *name)
{
	return name ? g_hash_table_lookup(w->kinds, name) : NULL;
}

static gint cmp_str_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *world_kind_names(const struct world *w)
{
	GPtrArray *names = g_ptr_array_new();

	for (size_t i = 0; w->modules && w->modules[i]; i++)
		for (const struct sim_node_kind *k = w->modules[i]->kinds; k && k->name; k++)
			g_ptr_array_add(names, (gpointer)k->name);
	g_ptr_array_sort(names, cmp_str_ptr);
	return names;
}
