/*
 * sim/trace/walk.h - the packet walkthrough: net:walk{}, --walk, console `walk`
 *
 * No kernel counterpart: this is what pwru or `perf trace -e skb:*` show on
 * a real machine, a packet's path function by function.  The engine side
 * knows nothing of IP: it compiles the filter (pcap-filter syntax, for
 * Ethernet frames), numbers the walks, and writes the records the models'
 * tracepoints (models/include/trace/skbwalk.h) hand it: printed as an
 * indented trace on w->console and stored in metrics.db's `walk` table.
 */
#ifndef SKBSIM_SIM_TRACE_WALK_H
#define SKBSIM_SIM_TRACE_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/err.h"
#include "sim/time.h"
#include "sim/world.h"

/*
 * Arms a walk on @w: the next @count packets (count >= 1) whose frame
 * matches @filter (NULL or "": every packet) are followed, with their
 * clones, copies and fragments, on every node they reach.  A filter that
 * does not compile fails with libpcap's message in @err (-1), leaving any
 * earlier arming as it was.  Arming again replaces the filter and count;
 * packets already being followed go on being followed.
 */
int sim_walk_arm(struct world *w, const char *filter, int64_t count, struct sim_err *err);
/* Whether @filter compiles (skbsim run --walk checks it before the script). */
int sim_walk_filter_check(const char *filter, struct sim_err *err);
/* No new packet starts a walk (those being followed still are). */
void sim_walk_disarm(struct world *w);
/* Walks started so far in @w (numbered from 1). */
uint32_t sim_walk_count(const struct world *w);
/* Frees the walk state (world_destroy). */
void sim_walk_destroy(struct world *w);

/*
 * Whether a frame matches the armed filter.  @frame is what tcpdump would
 * see on an Ethernet interface (the models make one up, with zero MACs,
 * for a packet that has no link-layer header yet).
 */
bool sim_walk_match(struct world *w, const void *frame, uint32_t len);

/* One line of a walk: a function a packet passed on a node. */
struct sim_walk_point {
	sim_time_t t;
	const struct node *node;
	uint64_t skb, parent;		/* skb ids: the packet and its clone/fragment source */
	const char *func;		/* "ip_rcv_finish" */
	const char *file;		/* "models/ipv4/ip_input.c" */
	const char *dev;		/* "eth0", or NULL */
	const char *detail;		/* what the function decided: "route 10.0.2.0/24 via ..." */
};

/*
 * Starts walk number N for the packet @first_skb (N is returned; 0 when
 * the count is used up, and then nothing is recorded); @summary is a
 * one-line description printed as the walk's heading.
 */
uint32_t sim_walk_start(struct world *w, uint64_t first_skb, const char *summary);
/* Records one point of walk @walk. */
void sim_walk_record(struct world *w, uint32_t walk, const struct sim_walk_point *pt);

#endif
