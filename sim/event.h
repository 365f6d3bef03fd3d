/*
 * sim/event.h - the event queue
 *
 * No kernel counterpart: this is the clock of the simulation.  Events are
 * intrusive (embedded in the object that owns them, like a kernel
 * timer_list), so scheduling allocates nothing per event.  Order: by time,
 * then by scheduling order, so events at equal times run in the order they
 * were scheduled and runs are deterministic.  (Re)scheduling an event
 * always puts it behind every event already queued for the same time.
 *
 * Data structure: a radix queue (a radix heap with 64-way digits; a
 * hierarchical timing wheel whose buckets are re-sorted against the
 * current minimum instead of against a fixed tick).  Keys are 64-bit
 * times; bucket (L, d) holds the events whose time first differs from a
 * reference time (at or before the clock) in 6-bit digit L, where it is
 * d.  Level 0 buckets hold one exact time each, and pop takes their
 * entries in order.  When level 0 is empty, the lowest non-empty bucket
 * is spilled: its entries move, in order, to lower levels relative to its
 * minimum.  An event moves at most 10 times in its life (in practice 0-2),
 * so schedule, cancel, reschedule and pop are O(1) amortised, whatever
 * the spread of times.  Entries live in 256-entry chunks of one pool, so
 * spills and pops walk memory in order and emptied chunks are reused
 * while hot.  FIFO among equal times needs no sequence number: entries are
 * only ever appended, and entries with equal times always share a bucket.
 *
 * Requirement for O(1): times scheduled are >= the last popped time (the
 * world never does otherwise: sim_schedule() refuses the past).  An
 * earlier time is still handled, in O(n).
 *
 * Chosen by measurement with bench/sched_bench.c, the hold model of
 * shared/bench/ns3 run through world_run(): median ns per event, E = 10^7,
 * 2 vCPUs of an AMD EPYC (Zen 4); docs/bench.md has the method, the
 * figures of every ns-3 scheduler and the exact commands.
 *
 *	queue					P=10^3	P=10^5	P=10^6	RSS@10^6
 *	4-ary heap, (time, seq, ev) entries	  93	 231	 587	 60 MB
 *	binary heap, same entries		  84	 218	 616	 60 MB
 *	radix heap, 1-bit digits		  58	  63	 167	121 MB
 *	6-bit radix, array per bucket		  44	  78	 211	149 MB
 *	 + prefetch on pop			  42	  65	  88	150 MB
 *	 + chunk pool (this one)		  42	  39	  61	 52 MB
 *	ns-3 3.37, fastest scheduler (pq)	 134	 310	 512	 60 MB
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
	uint32_t slot;		/* queue entry, SIM_EVENT_IDLE when not queued */
};

#define SIM_EVQ_DIGIT_BITS	6
#define SIM_EVQ_DIGITS		(1u << SIM_EVQ_DIGIT_BITS)
#define SIM_EVQ_LEVELS		((64 + SIM_EVQ_DIGIT_BITS - 1) / SIM_EVQ_DIGIT_BITS)
#define SIM_EVQ_BUCKETS		(SIM_EVQ_LEVELS * SIM_EVQ_DIGITS)

/* Internals of event.c (and the inline helpers below); only len is for others. */
struct sim_evq_entry {
	uint64_t key;		/* time with the sign bit flipped: unsigned order */
	struct sim_event *ev;	/* NULL: cancelled (a tombstone) */
};

struct sim_evq_bucket {
	uint32_t head;		/* slot of the first entry, when used */
	uint32_t tail;		/* one past the slot of the last entry */
	uint32_t used;		/* entries from head to tail, tombstones included */
	uint32_t live;		/* entries that are not tombstones */
	uint64_t min;		/* smallest key (levels >= 1, unless stale) */
};

struct sim_evq {
	uint32_t len;				/* events queued */
	uint64_t last;				/* key the latest spill started from */
	uint64_t levels;			/* bit L: level L has a live bucket */
	uint64_t digits[SIM_EVQ_LEVELS];	/* bit d: bucket (L, d) has live entries */
	uint64_t stale[SIM_EVQ_LEVELS];		/* bit d: bucket (L, d)'s min may be low */
	struct sim_evq_entry *ent;		/* the pool: nchunks 256-entry chunks */
	uint32_t *chunk_next;			/* next chunk of the same bucket / free list */
	uint16_t *chunk_owner;			/* bucket a chunk belongs to */
	uint32_t nchunks;
	uint32_t free_chunk;
	struct sim_evq_bucket b[SIM_EVQ_BUCKETS];
};

void sim_evq_init(struct sim_evq *q);
/* Frees the queue; events still queued become idle (not pending). */
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

/*
 * Queues @ev at absolute @time, behind everything already queued for
 * @time; an already queued @ev is moved (as if cancelled first).
 */
void sim_evq_schedule(struct sim_evq *q, struct sim_event *ev, sim_time_t time);
/* Returns true when @ev was queued and is now removed. */
bool sim_evq_cancel(struct sim_evq *q, struct sim_event *ev);
/* Removes and returns the earliest event, or NULL when empty. */
struct sim_event *sim_evq_pop(struct sim_evq *q);

static inline uint32_t sim_evq_len(const struct sim_evq *q)
{
	return q->len;
}

sim_time_t sim_evq_peek_upper(const struct sim_evq *q);

/* Time of the earliest event; SIM_TIME_MAX when empty. */
static inline sim_time_t sim_evq_peek_time(const struct sim_evq *q)
{
	/* level 0: the lowest live bucket's time is last's with digit d */
	if (q->digits[0])
		return (sim_time_t)(((q->last & ~(uint64_t)(SIM_EVQ_DIGITS - 1)) |
				     (uint64_t)__builtin_ctzll(q->digits[0])) ^ (1ULL << 63));
	return sim_evq_peek_upper(q);
}

#endif
