/*
 * models/ipv4/fib_lookup_cache.c - the per-/16 lookup cache of a fib_table
 *
 * No kernel counterpart; why it exists, what it costs and why its answers
 * are the trie's: fib_lookup_cache.h.  fib_table_lookup() in fib_trie.c
 * asks it before walking the trie.
 *
 * The cache is an array of 65,536 pointers, one per /16, each NULL until
 * the first lookup in that /16 builds its ranges from the trie
 * (fib_lookup_cache_build()): their start addresses (low 16 bits), sorted,
 * each packed into one u32 with the length, type and dscp flag of the
 * longest prefix covering the range, and beside them that prefix's first
 * fib_info and its leaf's alias list.  A lookup (fib_lookup_cache_find(),
 * inline in the header) is a binary search in the u32s - a /16 of a full
 * BGP table has a few dozen ranges, one or two cache lines - and one read
 * of the entry found.
 */
#include "fib_lookup_cache.h"

#include <string.h>

#define KEYLENGTH	32

#define LPM_ON_ROUTES		FIB_LOOKUP_CACHE_ON_ROUTES	/* automatic: on from this */
#define LPM_OFF_ROUTES		32768		/* ... until fewer than this */

_Static_assert(__RTN_MAX <= 16, "route types fit LPM_TYPE");

static inline u32 key_mask(unsigned int plen)
{
	return plen ? ~0u << (KEYLENGTH - plen) : 0;
}

static inline size_t lpm_chunk_size(u32 n)
{
	return ALIGN(offsetof(struct lpm_chunk, word) + n * sizeof(u32), 8) +
	       n * sizeof(struct lpm_ent);
}

static void lpm_free_chunk(struct fib_lookup_cache *lc, u32 c)
{
	struct lpm_chunk *ch = lc->chunk[c];

	if (ch) {
		lc->bytes -= lpm_chunk_size(ch->n);
		g_free(ch);
		lc->chunk[c] = NULL;
	}
}

/* ---- on, off, forgetting ------------------------------------------------ */

void fib_lookup_cache_init(struct fib_lookup_cache *lc, struct fib_table *tb)
{
	*lc = (struct fib_lookup_cache){ .mode = -1, .tb = tb };
}

void fib_lookup_cache_update(struct fib_lookup_cache *lc, unsigned int routes)
{
	bool want = lc->mode > 0 ||
		    (lc->mode < 0 && routes >= (lc->chunk ? LPM_OFF_ROUTES : LPM_ON_ROUTES));

	if (want && !lc->chunk) {
		lc->chunk = g_new0(struct lpm_chunk *, LPM_SLOTS);
		lc->bytes = LPM_SLOTS * sizeof(struct lpm_chunk *);
	} else if (!want && lc->chunk) {
		for (u32 c = 0; c < LPM_SLOTS; c++)
			lpm_free_chunk(lc, c);
		g_free(lc->chunk);
		lc->chunk = NULL;
		lc->bytes = 0;
	}
}

void fib_lookup_cache_set_mode(struct fib_lookup_cache *lc, int mode, unsigned int routes)
{
	lc->mode = mode < 0 ? -1 : mode > 0;
	fib_lookup_cache_update(lc, routes);
}

void fib_lookup_cache_destroy(struct fib_lookup_cache *lc)
{
	fib_lookup_cache_set_mode(lc, 0, 0);
}

void fib_lookup_cache_invalidate(struct fib_lookup_cache *lc, u32 key, unsigned int plen)
{
	u32 first = key >> LPM_BITS, last = (key | ~key_mask(plen)) >> LPM_BITS;

	if (!lc->chunk)
		return;
	for (u32 c = first; c <= last; c++)
		lpm_free_chunk(lc, c);
}

/* ---- building the ranges of a /16 ---------------------------------------- */

/* A prefix of one /16: its first alias (NULL: none), its span in the /16 */
struct lpm_pfx {
	struct fib_alias *fa;
	struct list_head *fa_head;
	u32 start, end;			/* low 16 bits */
	u8 plen;
};

struct lpm_build {
	struct lpm_pfx stack[KEYLENGTH - LPM_BITS + 2];
	int sp;
	GArray *word, *ent;
};

/* Range from @start on answered by @p; a later range at the same start wins. */
static void lpm_emit(struct lpm_build *b, u32 start, const struct lpm_pfx *p)
{
	struct lpm_ent e = { p->fa ? p->fa->fa_info : NULL, p->fa_head };
	u32 w = start;

	if (p->fa)
		w |= (u32)p->plen << 16 | (u32)p->fa->fa_type << 22 |
		     (p->fa->fa_dscp ? LPM_DSCP : 0);
	else
		w |= LPM_NONE;
	if (b->word->len && LPM_START(g_array_index(b->word, u32, b->word->len - 1)) == start) {
		g_array_index(b->word, u32, b->word->len - 1) = w;
		g_array_index(b->ent, struct lpm_ent, b->ent->len - 1) = e;
		return;
	}
	g_array_append_val(b->word, w);
	g_array_append_val(b->ent, e);
}

/* Prefixes come by start, then shortest first: close those that ended. */
static void lpm_push(struct lpm_build *b, const struct lpm_pfx *p)
{
	while (b->sp > 1 && b->stack[b->sp - 1].end < p->start) {
		u32 resume = b->stack[--b->sp].end + 1;

		lpm_emit(b, resume, &b->stack[b->sp - 1]);
	}
	SIM_BUG_ON(b->sp >= (int)ARRAY_SIZE(b->stack));
	b->stack[b->sp++] = *p;
	lpm_emit(b, p->start, p);
}

/* The prefixes longer than /16 of one leaf, pushed shortest first. */
static void lpm_add_leaf(u32 key, struct list_head *fa_head, void *arg)
{
	struct lpm_build *b = arg;
	struct lpm_pfx p[KEYLENGTH - LPM_BITS];
	struct fib_alias *fa;
	int np = 0;
	u8 slen = 0xff;

	/* a leaf lists them longest first; the first alias of each counts */
	list_for_each_entry(fa, fa_head, fa_list) {
		unsigned int plen = KEYLENGTH - fa->fa_slen;

		if (fa->fa_slen == slen || plen <= LPM_BITS)
			continue;
		slen = fa->fa_slen;
		p[np++] = (struct lpm_pfx){
			.fa = fa, .fa_head = fa_head, .plen = (u8)plen,
			.start = key & (LPM_SLOTS - 1),
			.end = (key | ~key_mask(plen)) & (LPM_SLOTS - 1),
		};
	}
	while (np)
		lpm_push(b, &p[--np]);
}

struct lpm_chunk *fib_lookup_cache_build(struct fib_lookup_cache *lc, u32 c)
{
	u32 base = c << LPM_BITS, last = base | (LPM_SLOTS - 1);
	struct lpm_build b = { .word = g_array_new(FALSE, FALSE, sizeof(u32)),
			       .ent = g_array_new(FALSE, FALSE, sizeof(struct lpm_ent)) };
	struct lpm_pfx bg = { .end = LPM_SLOTS - 1 };
	struct lpm_chunk *ch;

	/* the longest prefix of /16 or shorter covers the whole /16 */
	for (int plen = LPM_BITS; plen >= 0 && !bg.fa; plen--) {
		struct list_head *fa_head;
		struct fib_alias *fa;

		fa_head = fib_trie_leaf_aliases(lc->tb, base & key_mask((unsigned int)plen));
		if (!fa_head)
			continue;
		list_for_each_entry(fa, fa_head, fa_list) {
			if (fa->fa_slen == KEYLENGTH - plen) {
				bg.fa = fa;
				bg.fa_head = fa_head;
				bg.plen = (u8)plen;
				break;
			}
		}
	}
	b.stack[b.sp++] = bg;
	lpm_emit(&b, 0, &bg);

	/* then the longer ones, leaf by leaf */
	fib_trie_leaves(lc->tb, base, last, lpm_add_leaf, &b);
	while (b.sp > 1) {
		u32 end = b.stack[--b.sp].end;

		if (end < LPM_SLOTS - 1)
			lpm_emit(&b, end + 1, &b.stack[b.sp - 1]);
	}

	ch = g_malloc(lpm_chunk_size(b.word->len));
	ch->n = b.word->len;
	memcpy(ch->word, b.word->data, ch->n * sizeof(u32));
	memcpy(lpm_ents(ch), b.ent->data, ch->n * sizeof(struct lpm_ent));
	g_array_free(b.word, TRUE);
	g_array_free(b.ent, TRUE);
	lc->chunk[c] = ch;
	lc->bytes += lpm_chunk_size(ch->n);
	return ch;
}
