/*
 * sim/trace/walk.c - the packet walkthrough's filter, numbering and output
 *
 * No kernel counterpart: on a real machine pwru or `perf trace` show a
 * packet's path function by function.  This file knows nothing of IP.  It
 * compiles the pcap-filter expression with libpcap for Ethernet frames
 * (the filter a user would give tcpdump), numbers the walks, and prints
 * each point the models hand it as one line of an indented trace on the
 * world's console, and stores it in metrics.db (`walks`, `walk`).
 *
 * Indentation: a packet that is made from another one on the same node (a
 * clone for a packet socket, a bridge flood copy, a fragment) is indented
 * one step under it; the copy that crosses a wire to the next node keeps
 * its parent's indentation, since it is the same packet going on.
 */
#include "sim/trace/walk.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sim/trace/metrics.h"

/* skbs of all walks remembered for indentation: enough for any lab run */
#define WALK_SKBS_MAX 65536

/* What the walk knows of one skb it followed. */
struct walk_skb {
	uint32_t walk;
	int depth;
	const struct node *node;	/* where it was last seen */
};

struct sim_walk {
	struct bpf_program prog;
	bool have_prog;			/* false: every packet matches */
	int64_t left;			/* walks that may still start */
	uint32_t started;		/* walks started so far */
	uint64_t seq;			/* points recorded in the run */
	GHashTable *skbs;		/* skb id (uint64_t *) -> struct walk_skb */
};

static struct sim_walk *walk_get(struct world *w)
{
	if (!w->walk) {
		w->walk = g_new0(struct sim_walk, 1);
		w->walk->skbs = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	}
	return w->walk;
}

/*
 * Compiles @filter as tcpdump would on an Ethernet interface.  libpcap's
 * message ("can't parse filter expression: syntax error") goes to @err.
 */
static int walk_compile(const char *filter, struct bpf_program *prog, struct sim_err *err)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 65535);
	int rc = 0;

	if (!p)
		return sim_err_set(err, "cannot open a pcap handle for the filter");
	if (pcap_compile(p, prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0)
		rc = sim_err_set(err, "%s", pcap_geterr(p));
	pcap_close(p);
	return rc;
}

int sim_walk_filter_check(const char *filter, struct sim_err *err)
{
	struct bpf_program prog = { 0 };

	if (!filter || !*filter)
		return 0;
	if (walk_compile(filter, &prog, err) < 0)
		return -1;
	pcap_freecode(&prog);
	return 0;
}

int sim_walk_arm(struct world *w, const char *filter, int64_t count, struct sim_err *err)
{
	struct bpf_program prog = { 0 };
	bool have_prog = filter && *filter;
	struct sim_walk *wk;

	if (count < 1)
		return sim_err_set(err, "count must be 1 or more, not %lld", (long long)count);
	if (have_prog && walk_compile(filter, &prog, err) < 0)
		return -1;
	wk = walk_get(w);
	if (wk->have_prog)
		pcap_freecode(&wk->prog);
	wk->prog = prog;
	wk->have_prog = have_prog;
	wk->left = count;
	w->walk_armed = true;
	return 0;
}

void sim_walk_disarm(struct world *w)
{
	w->walk_armed = false;
	if (w->walk)
		w->walk->left = 0;
}

uint32_t sim_walk_count(const struct world *w)
{
	return w->walk ? w->walk->started : 0;
}

void sim_walk_destroy(struct world *w)
{
	struct sim_walk *wk = w->walk;

	if (!wk)
		return;
	if (wk->have_prog)
		pcap_freecode(&wk->prog);
	g_hash_table_unref(wk->skbs);
	g_free(wk);
	w->walk = NULL;
	w->walk_armed = false;
}

bool sim_walk_match(struct world *w, const void *frame, uint32_t len)
{
	struct sim_walk *wk = w->walk;
	struct pcap_pkthdr hdr = { .caplen = len, .len = len };

	if (!wk || !w->walk_armed || wk->left <= 0)
		return false;
	if (!wk->have_prog)
		return true;
	return pcap_offline_filter(&wk->prog, &hdr, frame) != 0;
}

static bool walk_printing(const struct world *w)
{
	return !w->quiet && w->console;
}

uint32_t sim_walk_start(struct world *w, uint64_t first_skb, const char *summary)
{
	struct sim_walk *wk = w->walk;

	if (!wk || wk->left <= 0)
		return 0;
	if (--wk->left == 0)
		w->walk_armed = false;
	wk->started++;
	if (walk_printing(w))
		fprintf(w->console, "walk %u: %s\n", wk->started, summary);
	sim_metrics_walk_start(w->metrics, wk->started, sim_now(w), first_skb, summary);
	return wk->started;
}

/*
 * The indentation of @pt's skb: known already, or one more than its
 * parent's when the parent was last seen on the same node (a clone or a
 * fragment), the same when it came over a wire.
 */
static int walk_depth(struct sim_walk *wk, uint32_t walk, const struct sim_walk_point *pt,
		      bool *first)
{
	struct walk_skb *ws = g_hash_table_lookup(wk->skbs, &pt->skb);
	const struct walk_skb *parent;
	int depth = 0;

	*first = ws == NULL;
	if (ws) {
		if (pt->node)
			ws->node = pt->node;
		return ws->depth;
	}
	parent = pt->parent ? g_hash_table_lookup(wk->skbs, &pt->parent) : NULL;
	if (parent && parent->walk == walk)
		depth = parent->depth + (parent->node == pt->node ? 1 : 0);
	if (g_hash_table_size(wk->skbs) < WALK_SKBS_MAX) {
		uint64_t *key = g_new(uint64_t, 1);

		*key = pt->skb;
		ws = g_new(struct walk_skb, 1);
		*ws = (struct walk_skb){ .walk = walk, .depth = depth, .node = pt->node };
		g_hash_table_insert(wk->skbs, key, ws);
	}
	return depth;
}

/* Indentation steps printed at most: deeper clones line up at this one. */
#define WALK_INDENT_MAX 8
#define WALK_FUNC_WIDTH 26

static void walk_print(struct world *w, uint32_t walk, const struct sim_walk_point *pt, int depth,
		       bool first)
{
	char ts[32], skb[48], func[WALK_FUNC_WIDTH + 2 * WALK_INDENT_MAX + 64];
	int indent = depth < WALK_INDENT_MAX ? depth : WALK_INDENT_MAX;

	sim_time_format(pt->t, ts, sizeof(ts));
	if (first && pt->parent)
		snprintf(skb, sizeof(skb), "%llu<%llu", (unsigned long long)pt->skb,
			 (unsigned long long)pt->parent);
	else
		snprintf(skb, sizeof(skb), "%llu", (unsigned long long)pt->skb);
	snprintf(func, sizeof(func), "%*s%s", 2 * indent, "", pt->func);
	fprintf(w->console, "[%u] %s %-4s %-7s %-*s %-32s %-6s %s\n", walk, ts,
		pt->node ? pt->node->name : "-", skb, WALK_FUNC_WIDTH, func,
		pt->file ? pt->file : "-", pt->dev ? pt->dev : "-",
		pt->detail ? pt->detail : "");
}

void sim_walk_record(struct world *w, uint32_t walk, const struct sim_walk_point *point)
{
	struct sim_walk *wk = w->walk;
	struct sim_walk_point pt = *point;
	bool first;
	int depth;

	if (!wk || !walk)
		return;
	depth = walk_depth(wk, walk, &pt, &first);
	if (!pt.node) {
		/* a fragment waiting for reassembly has no device: where it was */
		const struct walk_skb *ws = g_hash_table_lookup(wk->skbs, &pt.skb);

		pt.node = ws ? ws->node : NULL;
	}
	wk->seq++;
	if (walk_printing(w))
		walk_print(w, walk, &pt, depth, first);
	sim_metrics_walk_point(w->metrics, walk, wk->seq, &pt, depth);
}
