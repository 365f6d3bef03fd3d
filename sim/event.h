/*
 * sim/event.h - the event queue
 *
 * No kernel counterpart: this is the clock of the simulation.  Events are
 * intrusive (embedded in the object that owns them, like a kernel
 * timer_list), so scheduling allocates nothing.  Order: by time, then by
 * the sequence number given when the event was (re)scheduled, so events at
 * equal times run in the order they were scheduled and runs are
 * deterministic.
 *
 * Data structure: an implicit 4-ary min-heap of (time, seq, event) entries
 * with the keys stored inline (no pointer chase on compares) and each event
 * remembering its slot for O(log n) cancel.  Chosen by measurement with
 * bench/sched_bench.c (the hold model of shared/bench/ns3); see
 * docs/architecture.md for the figures against the alternatives tried.
 */
#ifndef SKBSIM_SIM_EVENT_H
#define SKBSIM_SIM_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/time.h"

struct world;
struct sim_event;

typedef void (*sim_event_fn)(struct world *w, struct sim_event *ev);

#define SIM_EVENT_IDLE UINT32_MAX

struct sim_event {
	sim_event_fn fn;
	sim_time_t time;	/* when it runs (valid while queued) */
	uint32_t slot;		/* heap slot, SIM_EVENT_IDLE when not queued */
};

struct sim_evq_entry {
	sim_time_t time;
	uint64_t seq;
	struct sim_event *ev;
};

struct sim_evq {
	struct sim_evq_entry *heap;
	uint32_t len;
	uint32_t cap;
	uint64_t next_seq;
};

void sim_evq_init(struct sim_evq *q);
void sim_evq_destroy(struct sim_evq *q);

static inline void sim_event_init(struct sim_event *ev, sim_event_fn fn)
{
	ev->fn = fn;
	ev->time = 0;
	ev->slot = SIM_EVENT_IDLE;
}

static inline bool sim_event_pending(const struct sim_event *ev)
{
	return ev->slot != SIM_EVENT_IDLE;
}

/* Queues @ev at absolute @time; an already queued @ev is moved (new seq). */
void sim_evq_schedule(struct sim_evq *q, struct sim_event *ev, sim_time_t time);
/* Returns true when @ev was queued and is now removed. */
bool sim_evq_cancel(struct sim_evq *q, struct sim_event *ev);
/* Removes and returns the earliest event, or NULL when empty. */
struct sim_event *sim_evq_pop(struct sim_evq *q);

static inline uint32_t sim_evq_len(const struct sim_evq *q)
{
	return q->len;
}

/* Time of the earliest event; SIM_TIME_MAX when empty. */
static inline sim_time_t sim_evq_peek_time(const struct sim_evq *q)
{
	return q->len ? q->heap[0].time : SIM_TIME_MAX;
}

#endif
