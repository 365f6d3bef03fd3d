/*
 * sim/world.h - one simulation: its clock, nodes, registries and outputs
 *
 * No kernel counterpart.  A struct world owns everything of a run; there
 * is no global mutable state, so several worlds can live in one process
 * (the unit tests make many).  Models never appear here by name: they
 * describe themselves in const struct sim_module tables that sim/main.c
 * (or a test) hands to world_create(), and the engine calls back through
 * them: per-node setup and teardown, node kinds, `sh` commands and
 * built-in programs.
 */
#ifndef SKBSIM_SIM_WORLD_H
#define SKBSIM_SIM_WORLD_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "sim/counters.h"
#include "sim/err.h"
#include "sim/event.h"
#include "sim/rng.h"
#include "sim/time.h"

struct world;
struct node;
struct sim_proc;
struct sim_sh;
struct sim_metrics;
struct sim_pcap;
struct sim_capture;
struct sim_walk;
struct sim_socket_ops;

/* ---- what models offer the engine ------------------------------------ */

/* A node kind: "host", "router", "bridge"... */
struct sim_node_kind {
	const char *name;
	const char *help;		/* one line for docs and errors */
	/* after every module's node_init; may configure (router: ip_forward) */
	int (*setup)(struct node *node, struct sim_err *err);
	/* net:link gave the node interface @ifname (bridge: enslave it); may be NULL */
	int (*link_added)(struct node *node, const char *ifname, struct sim_err *err);
};

/* A command `node:sh` understands: "ip", "sysctl", "echo"... */
struct sim_command {
	const char *name;
	/* Writes to sh->out / sh->err; returns the exit status (0 = success). */
	int (*run)(struct sim_sh *sh, int argc, char **argv);
};

/* A built-in program `node:spawn("ping -c 3 10.0.0.2")` can start. */
struct sim_program {
	const char *name;
	/*
	 * Starts the program in @p (argv[0] is its name).  It runs from then
	 * on through events and timers it arms, prints with sim_proc_printf()
	 * and ends with sim_proc_exit().  Nonzero return: it failed to start
	 * (usage error); it must have printed why and exited.
	 */
	int (*start)(struct sim_proc *p, int argc, char **argv);
	/* Delivers a signal; default (NULL): exit with 128 + sig. */
	void (*signal)(struct sim_proc *p, int sig);
	/* The process ended (exit or signal): cancel what would wake it. */
	void (*stop)(struct sim_proc *p);
	/* Frees p->priv; called once when the process is reaped. */
	void (*release)(struct sim_proc *p);
	/*
	 * start() parses argv into its own state and keeps no pointer into
	 * it: argv is freed when start() returns rather than at exit (a
	 * client that runs for the whole run does not carry its command line
	 * twice).
	 */
	bool argv_done_at_start;
};

/* NIC options of a link end (net:link{ nic = {...} }); 0 or -1: default. */
struct sim_nic_config {
	unsigned int queues;		/* rx/tx queue pairs */
	unsigned int rx_ring, tx_ring;	/* descriptors per ring (power of two) */
	unsigned int napi_weight;
	int rx_usecs, rx_frames;	/* interrupt coalescing; -1: default */
	int napi;			/* 1 NAPI, 0 interrupt per frame, -1 default */
};

/* A link between two nodes: net:link(a, b, { rate =, delay =, ... }). */
struct sim_link_config {
	const char *kind;		/* "cable" (default) or "veth" */
	uint64_t rate_bps;		/* 0: the kind's default */
	sim_time_t delay;
	double loss;			/* probability a frame is lost, 0..1 */
	unsigned int mtu;		/* 0: default */
	int64_t txqueuelen;		/* -1: default */
	struct sim_nic_config nic;
};

#define SIM_LINK_CONFIG_DEFAULT { .txqueuelen = -1, \
	.nic = { .rx_usecs = -1, .rx_frames = -1, .napi = -1 } }

/* A fault net:fail() puts on a link, or lifts (!on); see docs/lua-api.md. */
enum sim_link_fault_kind {
	SIM_FAULT_DOWN,			/* the cable is pulled: no carrier either end */
	SIM_FAULT_RESET,		/* one end's NIC resets; its link is down while on */
	SIM_FAULT_CORRUPT,		/* a bit flipped in a fraction @rate of the frames */
	SIM_FAULT_DUPLICATE,		/* a fraction @rate of the frames arrive twice */
	SIM_FAULT_REORDER,		/* a fraction @rate held back by @gap */
};

struct sim_link_fault {
	enum sim_link_fault_kind kind;
	bool on;
	int side;			/* SIM_FAULT_RESET: which end */
	double rate;
	sim_time_t gap;
	bool fcs_ok;			/* SIM_FAULT_CORRUPT: the FCS was recomputed */
};

struct sim_link {
	uint32_t id;			/* creation order, from 0 */
	const struct sim_link_kind *kind;
	struct node *node[2];
	char ifname[2][16];		/* the interface made on each node */
	/* what the medium runs at, for `links` in the console: net:link's
	 * rate and delay; the kind fills in its default rate (0: no limit) */
	uint64_t rate_bps;
	sim_time_t delay;
	void *priv;			/* the medium (cable) */
};

/* what all links of a kind share: a star has a link per host */
struct sim_link_kind {
	const char *name;
	/* Makes an interface on each node joined by the medium; all or nothing. */
	int (*create)(struct world *w, const struct sim_link_config *cfg,
		      struct sim_link *link, struct sim_err *err);
	/* after both nodes are gone, or after create() failed; may be NULL */
	void (*release)(struct sim_link *link);
	/* net:fail(); NULL: the kind models no faults */
	void (*fault)(struct sim_link *link, const struct sim_link_fault *f);
};

struct sim_module {
	const char *name;
	/*
	 * Per world, in module order at world_create() and in reverse at
	 * world_destroy() (after every node is gone): state shared by all
	 * nodes of a simulation, such as the skb pool, hangs off w->kernel.
	 */
	int (*world_init)(struct world *w, struct sim_err *err);
	void (*world_exit)(struct world *w);
	/*
	 * Per node, in module order at creation and in reverse at teardown.
	 * When a node_init fails, node_exit runs for that module and those
	 * before it (so node_exit must cope with its own partial init), not
	 * for the modules after it.
	 */
	int (*node_init)(struct node *node, struct sim_err *err);
	void (*node_exit)(struct node *node);
	/* kinds: ended by name == NULL; commands, programs: NULL-terminated
	 * lists of pointers (each tool is defined in its own file); any may
	 * be NULL. */
	const struct sim_node_kind *kinds;
	const struct sim_link_kind *const *link_kinds;
	const struct sim_command *const *commands;
	const struct sim_program *const *programs;
	const struct sim_fs_ops *const *fs;	/* files served on every node */
};

/* ---- nodes ------------------------------------------------------------ */

#define SIM_NODE_NAME_MAX 64
#define SIM_NODE_MAX_CPUS 256

struct sim_counter_set;
struct sim_vfs;
struct sim_fs_ops;

/*
 * Processing cost points of the per-node CPU model, zero by default (the
 * stack then takes no simulated time).  Models charge them where the work
 * happens; see models/core/softirq.c.  Set from Lua:
 * net:host("h1", { cost = { hardirq = "2us", driver = "300ns" } }).
 */
enum sim_cost {
	SIM_COST_HARDIRQ,		/* one hardware interrupt handled */
	SIM_COST_NAPI_POLL,		/* one call of a NAPI poll function */
	SIM_COST_DRIVER,		/* per packet in the driver (rx or tx) */
	SIM_COST_CORE,			/* per packet in netif_receive_skb / dev_queue_xmit */
	SIM_COST_L3,			/* per packet in IPv4/ARP */
	SIM_COST_L4,			/* per packet in UDP/TCP/ICMP */
	SIM_COST_PER_BYTE_PS,		/* per byte copied, in picoseconds */
	SIM_COST__MAX
};
extern const char *const sim_cost_names[SIM_COST__MAX];

/*
 * One per simulated machine; a star of 10^6 hosts has 10^6 of these, so
 * what few nodes use is not inline: the cost model's table is allocated
 * only for a node given costs, and the name is sized to itself.
 */
struct node {
	struct world *w;
	uint32_t id;			/* creation order, from 0 */
	unsigned int ncpus;
	const struct sim_node_kind *kind;
	/* CPU model, ns (per byte: ps), [SIM_COST__MAX]; NULL: no cost was
	 * set, and CPU time is not simulated */
	sim_time_t *cost;
	int next_pid;
	unsigned int modules_inited;	/* node_init called for modules[0..n) */
	void *net;			/* the model's per-node struct net */
	/* counter sets in registration order (sim/counters.h); tail: the last next */
	struct sim_counter_set *counter_sets, **counter_tail;
	struct sim_vfs *vfs;		/* files `cat`/`echo >` reach */
	GQueue procs;			/* struct sim_proc *, live and zombie */
	/* /proc/stat counters the engine keeps per node, published as Stat.* */
	uint64_t stat[2];		/* NODE_STAT_PROCESSES, NODE_STAT_CTXT */
	struct sim_counter_set stat_set;	/* the Stat.* set of those */
	char name[];			/* 1 to SIM_NODE_NAME_MAX characters */
};

enum {
	NODE_STAT_PROCESSES,		/* processes started ("processes" in /proc/stat) */
	NODE_STAT_CTXT,			/* process wake-ups ("ctxt") */
};

/* ---- the world -------------------------------------------------------- */

#define SIM_HZ_DEFAULT 250		/* Debian's kernels: CONFIG_HZ_250 */

struct world_config {
	const char *name;		/* scenario name: out/<name>/, metrics */
	uint64_t seed;
	unsigned int hz;		/* 100, 250, 300 or 1000 */
	const struct sim_module *const *modules;	/* NULL-terminated */
};

enum world_objects {
	SIM_OBJ_CALLOUT,		/* sim_call_at() closures */
	SIM_OBJ_PROC,			/* processes not yet reaped */
	SIM_OBJ_MODEL,			/* model objects counted with world_obj_get/put */
	SIM_OBJ_SKB,			/* socket buffers not yet freed */
	SIM_OBJ__MAX
};

struct world {
	char *name;
	uint64_t seed;
	sim_time_t now;
	struct sim_evq evq;
	uint64_t events;		/* executed since creation */
	const struct sim_module *const *modules;

	/* jiffies: see sim/timer.h */
	unsigned int hz;
	sim_time_t tick_ns;

	GPtrArray *nodes;		/* struct node *, by id */
	/* node->name of each node, a set (key is value: no values array);
	 * lookups only, never iterated */
	GHashTable *node_by_name;

	/* registries gathered from the modules, looked up by name */
	GHashTable *kinds, *commands, *programs, *link_kinds;
	GPtrArray *links;		/* struct sim_link *, by id */
	GPtrArray *fs;			/* const struct sim_fs_ops *, module order */

	/* run control */
	bool running;			/* inside world_run() */
	bool in_event;			/* inside an event handler */
	bool stop;			/* world_stop() asked the loop to end */
	char *error;			/* first fatal scenario error, or NULL */
	const volatile sig_atomic_t *interrupted;	/* SIGINT flag, or NULL */
	void (*progress)(struct world *w, void *arg);	/* every ~64k events */
	void *progress_arg;

	/* outputs (sim/trace); NULL when not enabled */
	struct sim_metrics *metrics;
	struct sim_event sample_ev;	/* periodic counter sampling */
	sim_time_t sample_interval;	/* 0: only the end sample */
	struct sim_capture *capture;	/* net:capture() settings, or NULL */
	/* set by the models: (re)attach captures to existing interfaces */
	void (*capture_hook)(struct world *w);
	/* set by the models (af_packet): node:inject() sends a whole frame */
	int (*packet_inject)(struct node *node, const char *ifname, const void *data,
			     size_t len, struct sim_err *err);
	/* set by the models (inet): the socket system calls (sim/socket.h) */
	const struct sim_socket_ops *socket_ops;
	GPtrArray *pcaps;		/* struct sim_pcap * opened by captures */
	/*
	 * net:capture{ annotate = true }: models also write the per-node
	 * pcapng files with the kernel's view of each packet, drops included
	 * (sim/trace/pcapng.h).  Checked on every packet, so a plain bool.
	 */
	bool capture_annotate;
	/*
	 * net:walk / --walk: the packet walkthrough (sim/trace/walk.h).
	 * walk_armed is true while new packets may still start a walk; the
	 * models' tracepoints test it (and skb->walk) before doing anything.
	 */
	struct sim_walk *walk;
	bool walk_armed;
	char *out_dir;
	bool quiet;			/* no process output on stdout */
	FILE *console;			/* where process output goes (stdout) */

	GQueue callouts;		/* pending sim_call_at() closures */
	int64_t live[SIM_OBJ__MAX];

	void *lua;			/* the Lua runner's per-world data */
	void *kernel;			/* the models' per-world state (world_init) */
	size_t modules_inited;		/* how many world_init calls succeeded */
};

struct world *world_create(const struct world_config *cfg, struct sim_err *err);
/*
 * Tears every node down (models' node_exit), reaps processes, cancels
 * callouts, closes outputs.  Returns the number of objects still alive
 * afterwards: 0 unless something leaked (tests assert it).
 */
int64_t world_destroy(struct world *w);

static inline sim_time_t sim_now(const struct world *w)
{
	return w->now;
}

/* Object accounting for leak checks in tests. */
static inline void world_obj_get(struct world *w, enum world_objects kind)
{
	w->live[kind]++;
}

static inline void world_obj_put(struct world *w, enum world_objects kind)
{
	w->live[kind]--;
}

int64_t world_live_objects(const struct world *w);

/* ---- running ---------------------------------------------------------- */

/*
 * Runs events up to and including time @until, then sets the clock to
 * @until.  Returns 0, or -1 if the run stopped on an error (w->error) or
 * an interrupt (*w->interrupted).
 */
int world_run(struct world *w, sim_time_t until);
/* Ends world_run() after the current event. */
void world_stop(struct world *w);
/* Records a fatal scenario error (the first one wins) and stops the run. */
void world_fail(struct world *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline void sim_schedule(struct world *w, struct sim_event *ev, sim_time_t t)
{
	SIM_BUG_ON(t < w->now);
	sim_evq_schedule(&w->evq, ev, t);
}

static inline void sim_schedule_in(struct world *w, struct sim_event *ev, sim_time_t d)
{
	sim_schedule(w, ev, w->now + d);
}

static inline bool sim_cancel(struct world *w, struct sim_event *ev)
{
	return sim_evq_cancel(&w->evq, ev);
}

/*
 * A one-shot call at absolute time @t, for code that has no object to
 * embed an event in (Lua's net:at).  @dtor (may be NULL) frees @arg, also
 * when the world ends before the call ran.
 */
struct sim_callout;
struct sim_callout *sim_call_at(struct world *w, sim_time_t t,
				void (*fn)(struct world *w, void *arg),
				void (*dtor)(void *arg), void *arg);
void sim_callout_cancel(struct world *w, struct sim_callout *c);

/* ---- nodes ------------------------------------------------------------ */

struct node_config {
	unsigned int cpus;		/* 0: 1 */
	sim_time_t cost[SIM_COST__MAX];
};

/* Creates a node of a registered kind; names are [A-Za-z0-9_.-], unique. */
struct node *world_add_node(struct world *w, const char *kind, const char *name,
			    const struct node_config *cfg, struct sim_err *err);
struct node *world_node(const struct world *w, const char *name);
/* Sets one cost point after creation (tests); turns the CPU model on. */
void node_set_cost(struct node *node, enum sim_cost point, sim_time_t v);
static inline struct node *world_node_by_id(const struct world *w, uint32_t id)
{
	return id < w->nodes->len ? g_ptr_array_index(w->nodes, id) : NULL;
}

/* A stream for (this node, @purpose): same seed and name, same values. */
void node_rng_derive(const struct node *node, struct sim_rng *rng, const char *purpose);

/* Links two nodes with a medium of cfg->kind; returns the link or NULL. */
struct sim_link *world_link(struct world *w, struct node *a, struct node *b,
			    const struct sim_link_config *cfg, struct sim_err *err);

const struct sim_command *world_command(const struct world *w, const char *name);
const struct sim_program *world_program(const struct world *w, const char *name);
const struct sim_node_kind *world_kind(const struct world *w, const char *name);

/* Kinds sorted by name (for help and errors); free with g_ptr_array_unref. */
GPtrArray *world_kind_names(const struct world *w);

#endif
