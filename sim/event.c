/*
 * sim/event.c - 4-ary heap event queue
 *
 * No kernel counterpart (see event.h).  Children of slot i are 4i+1..4i+4.
 * A 4-ary heap halves the depth of a binary heap and its four children
 * share one or two cache lines, which is what matters at 10^5..10^6
 * pending events.
 */
#include "sim/event.h"

#include <stdlib.h>

#include "sim/err.h"

#define EVQ_ARITY 4

void sim_evq_init(struct sim_evq *q)
{
	q->heap = NULL;
	q->len = 0;
	q->cap = 0;
	q->next_seq = 0;
}

void sim_evq_destroy(struct sim_evq *q)
{
	for (uint32_t i = 0; i < q->len; i++)
		q->heap[i].ev->slot = SIM_EVENT_IDLE;
	free(q->heap);
	sim_evq_init(q);
}

static inline bool entry_before(const struct sim_evq_entry *a,
				const struct sim_evq_entry *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static inline void place(struct sim_evq *q, uint32_t slot, struct sim_evq_entry e)
{
	q->heap[slot] = e;
	e.ev->slot = slot;
}

static void sift_up(struct sim_evq *q, uint32_t slot, struct sim_evq_entry e)
{
	while (slot > 0) {
		uint32_t parent = (slot - 1) / EVQ_ARITY;

		if (!entry_before(&e, &q->heap[parent]))
			break;
		place(q, slot, q->heap[parent]);
		slot = parent;
	}
	place(q, slot, e);
}

static void sift_down(struct sim_evq *q, uint32_t slot, struct sim_evq_entry e)
{
	for (;;) {
		uint32_t first = slot * EVQ_ARITY + 1, best, end;

		if (first >= q->len)
			break;
		best = first;
		end = first + EVQ_ARITY < q->len ? first + EVQ_ARITY : q->len;
		for (uint32_t c = first + 1; c < end; c++)
			if (entry_before(&q->heap[c], &q->heap[best]))
				best = c;
		if (!entry_before(&q->heap[best], &e))
			break;
		place(q, slot, q->heap[best]);
		slot = best;
	}
	place(q, slot, e);
}

static void grow(struct sim_evq *q)
{
	uint32_t cap = q->cap ? q->cap * 2 : 1024;
	struct sim_evq_entry *heap = realloc(q->heap, (size_t)cap * sizeof(*heap));

	SIM_BUG_ON(!heap || cap <= q->cap);
	q->heap = heap;
	q->cap = cap;
}

/* Removes the entry in @slot, refilling it with the last entry. */
static void remove_slot(struct sim_evq *q, uint32_t slot)
{
	struct sim_evq_entry last = q->heap[--q->len];

	if (slot == q->len)
		return;
	if (slot > 0 && entry_before(&last, &q->heap[(slot - 1) / EVQ_ARITY]))
		sift_up(q, slot, last);
	else
		sift_down(q, slot, last);
}

void sim_evq_schedule(struct sim_evq *q, struct sim_event *ev, sim_time_t time)
{
	struct sim_evq_entry e = { .time = time, .seq = q->next_seq++, .ev = ev };

	ev->time = time;
	if (ev->slot != SIM_EVENT_IDLE) {
		/* Move in place: fewer moves than remove + insert. */
		uint32_t slot = ev->slot;

		if (slot > 0 && entry_before(&e, &q->heap[(slot - 1) / EVQ_ARITY]))
			sift_up(q, slot, e);
		else
			sift_down(q, slot, e);
		return;
	}
	if (q->len == q->cap)
		grow(q);
	sift_up(q, q->len++, e);
}

bool sim_evq_cancel(struct sim_evq *q, struct sim_event *ev)
{
	uint32_t slot = ev->slot;

	if (slot == SIM_EVENT_IDLE)
		return false;
	SIM_BUG_ON(slot >= q->len || q->heap[slot].ev != ev);
	ev->slot = SIM_EVENT_IDLE;
	remove_slot(q, slot);
	return true;
}

struct sim_event *sim_evq_pop(struct sim_evq *q)
{
	struct sim_event *ev;

	if (q->len == 0)
		return NULL;
	ev = q->heap[0].ev;
	ev->slot = SIM_EVENT_IDLE;
	remove_slot(q, 0);
	return ev;
}
