/*
 * sim/event.c - the radix event queue
 *
 * No kernel counterpart (see event.h for the structure and its figures).
 *
 * Invariants, with last = the minimum the latest spill started from (time
 * 0 at first):
 *  - every queued key is >= last, and an entry with key k sits in bucket
 *    bucket_of(k, last): level L = (highest bit where k and last differ)
 *    / 6, digit d = k's L-th 6-bit digit.  Level 0 bucket d therefore
 *    holds exactly the key (last & ~63) | d, and pop takes level 0 in
 *    order without touching last.  A spill moves last to the minimum of
 *    the lowest bucket, which keeps every other entry's bucket right.
 *  - within a bucket, entries are in scheduling order among equal keys:
 *    schedule appends, and a spill moves a bucket, in order, into buckets
 *    that are all empty (every level below the lowest live bucket is).
 *    Equal keys always share a bucket, so popping level 0 in order is FIFO.
 *  - a bucket's entries are a chain of chunks from the pool; a bucket with
 *    no live entries owns no chunk and its digit bit is clear.
 *
 * Cancel leaves a tombstone (entry with ev == NULL); a bucket that is more
 * than half tombstones is compacted, so memory stays within about twice
 * the live entries plus one partial chunk per bucket.
 */
#include "sim/event.h"

#include <stdlib.h>
#include <string.h>

#include "sim/err.h"

#define CHUNK_SHIFT	8			/* 256 entries, 4 KiB */
#define CHUNK		(1u << CHUNK_SHIFT)
#define CHUNK_MASK	(CHUNK - 1)
#define NO_CHUNK	UINT32_MAX
#define DIGIT_MASK	((uint64_t)SIM_EVQ_DIGITS - 1)
/*
 * How many entries ahead pop prefetches the event: at 10^6 pending the
 * events are cold and the handler needs them one after another.
 */
#define POP_PREFETCH	4

_Static_assert(SIM_EVQ_BUCKETS <= UINT16_MAX + 1, "chunk_owner is 16 bits");

static inline uint64_t time_key(sim_time_t t)
{
	return (uint64_t)t ^ (1ULL << 63);
}

static inline sim_time_t key_time(uint64_t key)
{
	return (sim_time_t)(key ^ (1ULL << 63));
}

static inline unsigned int bucket_of(uint64_t key, uint64_t last)
{
	uint64_t x = key ^ last;
	unsigned int l;

	if (x <= DIGIT_MASK)
		return key & DIGIT_MASK;
	l = (63 - __builtin_clzll(x)) / SIM_EVQ_DIGIT_BITS;
	return l * SIM_EVQ_DIGITS + ((key >> (l * SIM_EVQ_DIGIT_BITS)) & DIGIT_MASK);
}

static inline void bucket_mark(struct sim_evq *q, unsigned int i)
{
	unsigned int l = i / SIM_EVQ_DIGITS;

	q->levels |= 1ULL << l;
	q->digits[l] |= 1ULL << (i % SIM_EVQ_DIGITS);
}

static inline void bucket_unmark(struct sim_evq *q, unsigned int i)
{
	unsigned int l = i / SIM_EVQ_DIGITS;
	uint64_t bit = 1ULL << (i % SIM_EVQ_DIGITS);

	q->stale[l] &= ~bit;
	q->digits[l] &= ~bit;
	if (!q->digits[l])
		q->levels &= ~(1ULL << l);
}

static inline bool bucket_stale(const struct sim_evq *q, unsigned int i)
{
	return q->stale[i / SIM_EVQ_DIGITS] & (1ULL << (i % SIM_EVQ_DIGITS));
}

/* The lowest live bucket: above level 0 when level 0 is empty; q->levels != 0. */
static inline unsigned int lowest_bucket(const struct sim_evq *q)
{
	unsigned int l = __builtin_ctzll(q->levels);

	return l * SIM_EVQ_DIGITS + __builtin_ctzll(q->digits[l]);
}

/* The slot after @s in its bucket; @s must not be the bucket's last. */
static inline uint32_t slot_next(const struct sim_evq *q, uint32_t s)
{
	if ((++s & CHUNK_MASK) == 0)
		s = q->chunk_next[(s - 1) >> CHUNK_SHIFT] << CHUNK_SHIFT;
	return s;
}

void sim_evq_init(struct sim_evq *q)
{
	memset(q, 0, sizeof(*q));
	/* the world starts at 0: negative times would take the rebase path */
	q->last = time_key(0);
	q->free_chunk = NO_CHUNK;
}

void sim_evq_destroy(struct sim_evq *q)
{
	for (unsigned int i = 0; i < SIM_EVQ_BUCKETS; i++) {
		const struct sim_evq_bucket *b = &q->b[i];
		uint32_t s = b->head;

		for (uint32_t n = b->used; n; n--) {
			if (q->ent[s].ev)
				q->ent[s].ev->slot = SIM_EVENT_IDLE;
			if (n > 1)
				s = slot_next(q, s);
		}
	}
	free(q->ent);
	free(q->chunk_next);
	free(q->chunk_owner);
	sim_evq_init(q);
}

static void __attribute__((noinline)) pool_grow(struct sim_evq *q)
{
	uint32_t n = q->nchunks ? q->nchunks * 2 : 16;
	struct sim_evq_entry *ent;
	uint32_t *next;
	uint16_t *owner;

	/* slots must stay below SIM_EVENT_IDLE */
	SIM_BUG_ON(n <= q->nchunks || n > (UINT32_MAX >> CHUNK_SHIFT));
	ent = realloc(q->ent, ((size_t)n << CHUNK_SHIFT) * sizeof(*ent));
	next = ent ? realloc(q->chunk_next, n * sizeof(*next)) : NULL;
	owner = next ? realloc(q->chunk_owner, n * sizeof(*owner)) : NULL;
	SIM_BUG_ON(!owner);			/* out of memory */
	q->ent = ent;
	q->chunk_next = next;
	q->chunk_owner = owner;
	/* lowest first on the free list, so memory is used in order */
	for (uint32_t c = n; c-- > q->nchunks;) {
		q->chunk_next[c] = q->free_chunk;
		q->free_chunk = c;
	}
	q->nchunks = n;
}

static inline uint32_t chunk_get(struct sim_evq *q, unsigned int owner)
{
	uint32_t c;

	if (__builtin_expect(q->free_chunk == NO_CHUNK, 0))
		pool_grow(q);
	c = q->free_chunk;
	q->free_chunk = q->chunk_next[c];
	q->chunk_owner[c] = owner;
	return c;
}

/* LIFO, so that the next chunk handed out is the one still in cache. */
static inline void chunk_put(struct sim_evq *q, uint32_t c)
{
	q->chunk_next[c] = q->free_chunk;
	q->free_chunk = c;
}

/* The slot for a new entry of bucket @i when it is empty or its last chunk full. */
static uint32_t __attribute__((noinline)) bucket_new_chunk(struct sim_evq *q, unsigned int i)
{
	struct sim_evq_bucket *b = &q->b[i];
	uint32_t c = chunk_get(q, i);

	if (b->used) {
		q->chunk_next[(b->tail - 1) >> CHUNK_SHIFT] = c;
	} else {
		b->head = c << CHUNK_SHIFT;
		b->min = UINT64_MAX;
		bucket_mark(q, i);
	}
	return c << CHUNK_SHIFT;
}

static inline void bucket_append(struct sim_evq *q, unsigned int i, uint64_t key,
				 struct sim_event *ev)
{
	struct sim_evq_bucket *b = &q->b[i];
	struct sim_evq_entry *e;
	uint32_t s = b->tail;

	if (__builtin_expect(!b->used || (s & CHUNK_MASK) == 0, 0))
		s = bucket_new_chunk(q, i);
	e = &q->ent[s];
	e->key = key;
	e->ev = ev;
	ev->slot = s;
	b->tail = s + 1;
	b->used++;
	b->live++;
	if (key < b->min)
		b->min = key;
}

/* Frees the chunks of bucket @i, which has no live entry left. */
static void bucket_clear(struct sim_evq *q, unsigned int i)
{
	struct sim_evq_bucket *b = &q->b[i];
	uint32_t c = b->head >> CHUNK_SHIFT;
	uint32_t last = (b->tail - 1) >> CHUNK_SHIFT;

	while (c != last) {
		uint32_t next = q->chunk_next[c];

		chunk_put(q, c);
		c = next;
	}
	chunk_put(q, c);
	b->used = 0;
	b->live = 0;
	bucket_unmark(q, i);
}

/* The smallest live key of bucket @i (level >= 1). */
static uint64_t bucket_min(const struct sim_evq *q, unsigned int i)
{
	const struct sim_evq_bucket *b = &q->b[i];
	uint64_t m = UINT64_MAX;
	uint32_t s = b->head;

	if (!bucket_stale(q, i))
		return b->min;
	/*
	 * A cancel took the minimum away.  Scanning here costs no more than
	 * the spill that follows when the queue reaches this bucket.
	 */
	for (uint32_t n = b->used; n; n--) {
		if (q->ent[s].ev && q->ent[s].key < m)
			m = q->ent[s].key;
		if (n > 1)
			s = slot_next(q, s);
	}
	return m;
}

sim_time_t sim_evq_peek_upper(const struct sim_evq *q)
{
	if (!q->levels)
		return SIM_TIME_MAX;
	return key_time(bucket_min(q, lowest_bucket(q)));
}

/*
 * Moves bucket @i's live entries, in order, to the buckets they belong in
 * relative to q->last, freeing its chunks as they are read so that the
 * destinations reuse them while they are hot.  Also compacts: entries
 * that belong in @i go back into it, without the tombstones.
 */
static void bucket_spill(struct sim_evq *q, unsigned int i)
{
	struct sim_evq_bucket *b = &q->b[i];
	uint32_t s = b->head, n = b->used;

	b->used = 0;
	b->live = 0;
	bucket_unmark(q, i);
	while (n) {
		struct sim_evq_entry e = q->ent[s];

		if (e.ev)
			bucket_append(q, bucket_of(e.key, q->last), e.key, e.ev);
		if ((++s & CHUNK_MASK) == 0 || n == 1) {
			uint32_t c = (s - 1) >> CHUNK_SHIFT;

			if (n > 1)
				s = q->chunk_next[c] << CHUNK_SHIFT;
			chunk_put(q, c);
		}
		n--;
	}
}

/*
 * A key below last: every bucket depends on last, so all are spilled
 * against the new one.  Equal keys share a bucket and move together, so
 * their order holds.  O(n); the world never gets here.
 */
static void __attribute__((noinline)) rebase(struct sim_evq *q, uint64_t key)
{
	q->last = key;
	for (unsigned int i = 0; i < SIM_EVQ_BUCKETS; i++)
		if (q->b[i].used)
			bucket_spill(q, i);
}

static void unlink_entry(struct sim_evq *q, struct sim_event *ev)
{
	uint32_t s = ev->slot;
	unsigned int i;
	struct sim_evq_bucket *b;

	SIM_BUG_ON((s >> CHUNK_SHIFT) >= q->nchunks || q->ent[s].ev != ev);
	i = q->chunk_owner[s >> CHUNK_SHIFT];
	b = &q->b[i];
	q->ent[s].ev = NULL;
	ev->slot = SIM_EVENT_IDLE;
	q->len--;
	if (--b->live == 0) {
		bucket_clear(q, i);
		return;
	}
	if (q->ent[s].key == b->min)
		q->stale[i / SIM_EVQ_DIGITS] |= 1ULL << (i % SIM_EVQ_DIGITS);
	/* mod_timer() churn must not grow a far bucket without bound */
	if (b->used - b->live > b->live && b->used - b->live >= CHUNK)
		bucket_spill(q, i);
}

void sim_evq_schedule(struct sim_evq *q, struct sim_event *ev, sim_time_t time)
{
	uint64_t key = time_key(time);

	if (ev->slot != SIM_EVENT_IDLE)
		unlink_entry(q, ev);
	ev->time = time;
	if (__builtin_expect(key < q->last, 0))
		rebase(q, key);
	bucket_append(q, bucket_of(key, q->last), key, ev);
	q->len++;
}

bool sim_evq_cancel(struct sim_evq *q, struct sim_event *ev)
{
	if (ev->slot == SIM_EVENT_IDLE)
		return false;
	unlink_entry(q, ev);
	return true;
}

struct sim_event *sim_evq_pop(struct sim_evq *q)
{
	struct sim_evq_bucket *b;
	struct sim_event *ev;
	unsigned int d;
	uint32_t s;

	if (q->len == 0)
		return NULL;
	if (!q->digits[0]) {
		unsigned int i = lowest_bucket(q);

		q->last = bucket_min(q, i);
		bucket_spill(q, i);
	}
	d = __builtin_ctzll(q->digits[0]);
	b = &q->b[d];
	s = b->head;
	/* skip tombstones; the bucket has a live entry, so this ends */
	for (;;) {
		ev = q->ent[s].ev;
		if (--b->used == 0)
			break;
		if ((++s & CHUNK_MASK) == 0) {
			uint32_t c = (s - 1) >> CHUNK_SHIFT;

			s = q->chunk_next[c] << CHUNK_SHIFT;
			chunk_put(q, c);
		}
		if (ev)
			break;
	}
	ev->slot = SIM_EVENT_IDLE;
	q->len--;
	if (b->used == 0) {
		/* that was the bucket's last entry: s is still in its chunk */
		chunk_put(q, s >> CHUNK_SHIFT);
		b->live = 0;
		bucket_unmark(q, d);
		return ev;
	}
	b->head = s;
	if (((s + POP_PREFETCH) & ~CHUNK_MASK) == (s & ~CHUNK_MASK) && b->used > POP_PREFETCH)
		__builtin_prefetch(q->ent[s + POP_PREFETCH].ev, 1);
	if (--b->live == 0)
		bucket_clear(q, d);
	return ev;
}
