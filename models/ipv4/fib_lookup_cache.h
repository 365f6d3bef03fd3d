/*
 * models/ipv4/fib_lookup_cache.h - the per-/16 lookup cache of a fib_table
 *
 * No kernel counterpart: Linux's fib_table_lookup() always walks the trie.
 * skbsim adds this cache because a simulated router with a full BGP table
 * looks up every packet it forwards, and the trie's five to ten dependent
 * loads per lookup miss the CPU's caches once the table outgrows them
 * (1M routes: 100 MB).  For a table of 65,536 routes or more (until it
 * falls below 32,768) the cache keeps, per /16 of the address space, the
 * ranges of addresses that share a longest-matching prefix, each with that
 * prefix's first alias: a lookup is a binary search in one or two cache
 * lines.  Measured with bench/fib_bench.c, `REPEAT=3 scripts/bench.sh fib`
 * (docs/bench.md; Release, one core of a 2-vCPU AMD EPYC VM at load 5-10,
 * medians of 3 runs that spread up to 45 %), lookups of random addresses
 * per CPU second, without / with the cache:
 *
 *	100,000 routes		7.8 M / 17.4 M (2.2x)	109 / 165 bytes per route
 *	1,000,000 routes	2.0 M /  5.5 M (2.8x)	102 / 138 bytes per route
 *
 * The answers are the trie's, by construction: the cache only says which
 * prefix is the longest to cover an address and which alias
 * check_leaf() would meet first in it; fib_table_lookup() then applies to
 * that alias check_alias(), the very function check_leaf() applies to
 * every alias, and walks the trie whenever it says "not this one" (a
 * dead fib_info, a scope too narrow, no usable nexthop) or the alias has a
 * dscp (which depends on the flow).  A /16's ranges are built on its first
 * lookup, from the trie, and dropped whenever a route overlapping it is
 * added, replaced or deleted (all of them on flush).  And by test:
 * tests/unit/ipv4/test_fib_trie.c runs every case, the random oracle
 * included, twice - cache automatic (off for its small tables) and forced
 * on from the first route - and fib_bench exits nonzero unless the matches
 * and the sum of matched prefix lengths agree with the cache on and off.
 */
#ifndef _SKBSIM_IPV4_FIB_LOOKUP_CACHE_H
#define _SKBSIM_IPV4_FIB_LOOKUP_CACHE_H

#include <errno.h>

#include "net/ip_fib.h"

struct lpm_chunk;

/* an automatic cache turns on when its table reaches this many routes */
#define FIB_LOOKUP_CACHE_ON_ROUTES	65536

struct fib_lookup_cache {
	int mode;			/* -1 automatic, 0 off, 1 on */
	struct lpm_chunk **chunk;	/* per /16, NULL: not built; chunk NULL: off */
	size_t bytes;			/* chunk[] and every built /16 */
	struct fib_table *tb;		/* whose trie the ranges come from */
};

/* What the cache knows of an address: its longest prefix's first alias. */
struct fib_lookup_cache_hit {
	struct fib_info *fi;
	struct list_head *fa_head;	/* the leaf's aliases (fib_result) */
	u8 plen;
	u8 type;
};

/* An automatic cache for @tb, not made until it holds enough routes. */
void fib_lookup_cache_init(struct fib_lookup_cache *lc, struct fib_table *tb);
/* Drops the cache, built ranges and all. */
void fib_lookup_cache_destroy(struct fib_lookup_cache *lc);
/* @mode 1 on, 0 off, -1 automatic; @routes: the table's routes now. */
void fib_lookup_cache_set_mode(struct fib_lookup_cache *lc, int mode, unsigned int routes);
/* After a change, the table holding @routes: makes or drops the cache. */
void fib_lookup_cache_update(struct fib_lookup_cache *lc, unsigned int routes);
/* After the routes of @key/@plen changed: forgets every /16 they overlap. */
void fib_lookup_cache_invalidate(struct fib_lookup_cache *lc, u32 key, unsigned int plen);

static inline bool fib_lookup_cache_on(const struct fib_lookup_cache *lc)
{
	return lc->chunk != NULL;
}

/* ---- the lookup, inline ---------------------------------------------------- */

/*
 * fib_table_lookup() runs fib_lookup_cache_find() for every packet a router
 * forwards; out of line it cost about 24 more instructions per lookup
 * (cachegrind, fib_bench at 100,000 routes), hence a /16's layout here.
 */

/*
 * The ranges of one /16: n of them, the i-th from the address whose low
 * 16 bits are LPM_START(word[i]) up to the next one's start, each with its
 * longest-matching prefix's first alias (none: LPM_NONE).
 */
struct lpm_ent {
	struct fib_info *fi;
	struct list_head *fa_head;
};

struct lpm_chunk {
	u32 n;
	u32 word[];			/* then ent[n], 8-aligned: lpm_ents() */
};

#define LPM_BITS		16
#define LPM_SLOTS		(1u << LPM_BITS)
#define LPM_START(w)		((w) & 0xffff)
#define LPM_PLEN(w)		(((w) >> 16) & 0x3f)
#define LPM_TYPE(w)		(((w) >> 22) & 0xf)
#define LPM_DSCP		(1u << 26)	/* the alias has a dscp: ask the trie */
#define LPM_NONE		(1u << 27)	/* no prefix covers the range */

static inline struct lpm_ent *lpm_ents(struct lpm_chunk *ch)
{
	return (struct lpm_ent *)((char *)ch + ALIGN(offsetof(struct lpm_chunk, word) +
						     ch->n * sizeof(u32), 8));
}

/* Builds the ranges of /16 number @c from the trie, on its first lookup. */
struct lpm_chunk *fib_lookup_cache_build(struct fib_lookup_cache *lc, u32 c);

/*
 * fib_lookup_cache_find - the longest prefix covering @key (host order)
 * and its first alias; the cache must be on.
 *
 * Return: 0 with @hit filled, -EAGAIN when no prefix covers @key, or 1
 * when that alias has a dscp (ask the trie: the answer depends on tos).
 */
static inline int fib_lookup_cache_find(struct fib_lookup_cache *lc, u32 key,
					struct fib_lookup_cache_hit *hit)
{
	struct lpm_chunk *ch = lc->chunk[key >> LPM_BITS];
	u32 lo = key & (LPM_SLOTS - 1), a = 0, b, w;
	struct lpm_ent *e;

	if (unlikely(!ch))
		ch = fib_lookup_cache_build(lc, key >> LPM_BITS);
	/* the last range starting at or before lo */
	for (b = ch->n; b - a > 1; ) {
		u32 mid = (a + b) / 2;

		if (LPM_START(ch->word[mid]) <= lo)
			a = mid;
		else
			b = mid;
	}
	w = ch->word[a];
	if (w & LPM_NONE)
		return -EAGAIN;
	if (w & LPM_DSCP)
		return 1;
	e = &lpm_ents(ch)[a];
	hit->fi = e->fi;
	hit->fa_head = e->fa_head;
	hit->plen = (u8)LPM_PLEN(w);
	hit->type = (u8)LPM_TYPE(w);
	return 0;
}

/* ---- models/ipv4/fib_trie.c, for building the ranges -------------------- */

/* The aliases of the leaf whose key is @key, or NULL when there is none. */
struct list_head *fib_trie_leaf_aliases(struct fib_table *tb, u32 key);
/*
 * Calls @fn for every leaf whose key is in [@first, @last], by key (@fn
 * must not change the table).
 */
void fib_trie_leaves(struct fib_table *tb, u32 first, u32 last,
		     void (*fn)(u32 key, struct list_head *fa_head, void *arg), void *arg);

#endif
