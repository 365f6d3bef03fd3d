/*
 * models/ipv4/fib_trie.c - one IPv4 routing table: an LC-trie
 *
 * Mirrors net/ipv4/fib_trie.c (Nilsson and Karlsson's level- and
 * path-compressed trie as rewritten by Alexander Duyck for Linux 4.0).
 * A node is a key_vector: a leaf (bits 0) holds the aliases of every
 * prefix length whose masked key equals the leaf's key, longest prefix
 * first; a tnode (bits > 0) has 1 << bits children indexed by the key's
 * bits [pos, pos + bits), and the bits above pos + bits that its children
 * share are skipped (path compression).  After every change resize()
 * doubles (inflate) a tnode whose children are mostly full or halves one
 * that is mostly empty, with the kernel's thresholds, so the shape - and
 * with it /proc/net/fib_trie - is the kernel's for the same sequence of
 * changes.  slen, the longest suffix (32 - prefix length) below a node,
 * lets fib_table_lookup() skip subtrees without shorter prefixes when it
 * backtracks.
 *
 * Aliases in a leaf are ordered as fib_find_alias() orders them: by
 * fa_slen ascending (longest prefix first), then dscp descending, then
 * priority ascending.  Insert honours NLM_F_EXCL,
 * NLM_F_REPLACE, NLM_F_APPEND and NLM_F_CREATE exactly as
 * fib_table_insert() does (so `ip route prepend` puts an equal route
 * first, `append` last, and an identical one is -EEXIST).
 *
 * A table of 65,536 routes or more also has a lookup cache
 * (fib_lookup_cache.c, no kernel counterpart): per /16, the ranges of
 * addresses that share a longest-matching prefix.  fib_table_lookup() asks
 * it first and applies check_alias() - check_leaf()'s own test - to the
 * alias it names; when that says no, or the cache cannot tell, the lookup
 * takes the kernel's path through the trie.  fib_trie_leaf_aliases() and
 * fib_trie_leaves() let the cache build its ranges from the trie.
 *
 * Differences: no RCU (one thread changes and reads a table); the table
 * takes its own reference on a fib_info (fib_treeref++) instead of
 * consuming the one fib_create_info() returns, so the caller always drops
 * its own; a fib_info's "dead" state is fi->fib_dead (the kernel's
 * fib_flags & RTNH_F_DEAD); tables are never merged (no fib_unmerge:
 * main and local are separate tries, so an alias has no tb_id); a leaf
 * is a struct leaf, a tnode without child counts; no FIB notifiers,
 * offload flags, FA_S_ACCESSED or route-cache flush; the lookup cache's
 * state is made when first needed; fib_table_flush(flush_all) removes
 * every route (Linux: the dead and the error ones - at namespace exit the
 * rest died with their devices); /proc/net/fib_triestat prints the
 * kernel's x86-64 structure sizes so it reads as on Linux, while
 * fib_table_stats() counts ours; and the lookup cache above.
 */
#include "net/ip_fib.h"
#include "fib_lookup_cache.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "linux/slab.h"
#include "net/kernel.h"

typedef u32 t_key;

#define KEYLENGTH	32
#define KEY_MAX		((t_key)~0)

_Static_assert(sizeof(unsigned long) > sizeof(t_key),
	       "indices are computed in unsigned long, wider than a key");

struct key_vector {
	t_key key;
	unsigned char pos;		/* the lowest bit this node indexes */
	unsigned char bits;		/* 0: a leaf */
	unsigned char slen;		/* longest suffix below (leaf: of its aliases) */
	union {
		struct list_head leaf;		/* leaf: its fib_aliases */
		struct key_vector *tnode[0];	/* tnode: 1 << bits children */
	};
};

struct tnode {
	t_key empty_children;		/* NULL children */
	t_key full_children;		/* tnode children with no skipped bits */
	struct key_vector *parent;	/* right before kv, as in a leaf */
	struct key_vector kv;		/* last: a tnode's children follow */
};

/*
 * A leaf has no children to count: it is a tnode without the counts, its
 * parent pointer at the same place before kv (node_link), 32 bytes
 * instead of 40 for every prefix of every table.  The kernel allocates a
 * leaf as a tnode of one child.
 */
struct leaf {
	struct key_vector *parent;
	struct key_vector kv;
};

_Static_assert(offsetof(struct tnode, kv) - offsetof(struct tnode, parent) ==
	       offsetof(struct leaf, kv) - offsetof(struct leaf, parent),
	       "a tnode's parent pointer is where a leaf's is");

#define TNODE_SIZE(n)	(offsetof(struct tnode, kv.tnode) + (size_t)(n) * sizeof(void *))
#define LEAF_SIZE	sizeof(struct leaf)

#define IS_TRIE(n)	((n)->pos >= KEYLENGTH)
#define IS_TNODE(n)	((n)->bits)
#define IS_LEAF(n)	(!(n)->bits)

/*
 * Where a table's nodes and aliases come from: slab caches, as the
 * kernel's fib_trie_init() makes fn_alias_kmem ("ip_fib_alias") and
 * trie_leaf_kmem ("ip_fib_trie"); tnodes of up to TNODE_KMEM_BITS bits
 * (40 to 152 bytes) come from kmalloc caches, as the kernel kzallocs
 * them, larger ones from the heap (the kernel's vzalloc past a page).
 * Every object is freed with kfree(), which finds its cache.
 */
#define TNODE_KMEM_BITS	4

struct fib_trie_kmem {
	struct kmem_cache *fn_alias_kmem;
	struct kmem_cache *trie_leaf_kmem;
	struct kmem_cache *tnode_kmem[TNODE_KMEM_BITS];	/* by bits - 1 */
};

/*
 * The table: the trie's own key_vector (pos KEYLENGTH, no bits) whose
 * only child, tnode[0], is the root, as struct trie in the kernel.
 */
struct fib_table {
	u32 tb_id;
	int tb_num_default;		/* routes of prefix length 0 */
	unsigned int tb_num_aliases;	/* routes */
	/*
	 * no kernel counterpart; made when a table first reaches the size
	 * where an automatic cache turns on, or a test sets its mode: every
	 * node has two tables, few have that many routes
	 */
	struct fib_lookup_cache *lookup_cache;
	struct net *net;		/* for fib_select_multipath's sysctl (fib_table_net) */
	struct key_vector kv;
};

/*
 * A table of no namespace (net NULL: the unit tests' and fib_bench's) has
 * no world to take caches from: it brings its own, made and destroyed
 * with it, so its nodes are slab objects too and a leak of one is still
 * reported.  A namespace's table is a kmalloc object (kzalloc in the
 * kernel's fib_trie_table).
 */
struct fib_table_alone {
	struct fib_table tb;
	struct fib_trie_kmem kmem;
};

static struct fib_trie_kmem *trie_kmem(struct fib_table *tb)
{
	if (tb->net)
		return kernel_world(tb->net->w)->fib_trie_kmem;
	return &container_of(tb, struct fib_table_alone, tb)->kmem;
}

/* fib_props[].error of net/ipv4/fib_semantics.c */
static const int fib_props_error[__RTN_MAX] = {
	[RTN_BLACKHOLE] = -EINVAL,
	[RTN_UNREACHABLE] = -EHOSTUNREACH,
	[RTN_PROHIBIT] = -EACCES,
	[RTN_THROW] = -EAGAIN,
	[RTN_NAT] = -EINVAL,
	[RTN_XRESOLVE] = -EINVAL,
};

/* resize() thresholds, in percent of children */
static const int halve_threshold = 25;
static const int inflate_threshold = 50;
static const int halve_threshold_root = 15;
static const int inflate_threshold_root = 30;

#define MAX_WORK 10

/* a tnode's counts (never a leaf's: it has none) */
static inline struct tnode *tn_info(struct key_vector *kv)
{
	return container_of(kv, struct tnode, kv);
}

/* the parent pointer of a leaf or a tnode, the same place before kv in both */
static inline struct leaf *node_link(struct key_vector *kv)
{
	return container_of(kv, struct leaf, kv);
}

static inline struct key_vector *node_parent(struct key_vector *n)
{
	return node_link(n)->parent;
}

static inline void node_set_parent(struct key_vector *n, struct key_vector *tp)
{
	if (n)
		node_link(n)->parent = tp;
}

static inline struct key_vector *get_child(struct key_vector *tn, unsigned long i)
{
	return tn->tnode[i];
}

/* Children of a tnode; 0 for a leaf and for the trie's own vector. */
static inline unsigned long child_length(const struct key_vector *tn)
{
	return (1ul << tn->bits) & ~1ul;
}

static inline unsigned long get_cindex(t_key key, const struct key_vector *kv)
{
	return (unsigned long)(key ^ kv->key) >> kv->pos;
}

/* The child slot of @key in @kv; 0 in the trie's vector (pos KEYLENGTH). */
static inline unsigned long get_index(t_key key, const struct key_vector *kv)
{
	return (unsigned long)(key ^ kv->key) >> kv->pos;
}

/* Bits of @key that differ from @n's prefix at or above its lowest set bit. */
static inline t_key prefix_mismatch(t_key key, const struct key_vector *n)
{
	t_key prefix = n->key;

	return (key ^ prefix) & (prefix | -prefix);
}

static inline int fib_nh_oif(const struct fib_nh *nh)
{
	return nh->nh_dev ? nh->nh_dev->ifindex : nh->nh_oif;
}

static inline t_key key_mask(unsigned int plen)
{
	return plen ? ~0u << (KEYLENGTH - plen) : 0;
}

/* ---- allocation ---------------------------------------------------------- */

static struct key_vector *leaf_new(struct fib_table *tb, t_key key, struct fib_alias *fa)
{
	struct leaf *leaf = kmem_cache_zalloc(trie_kmem(tb)->trie_leaf_kmem);
	struct key_vector *l = &leaf->kv;

	l->key = key;
	l->pos = 0;
	l->bits = 0;
	l->slen = fa->fa_slen;
	INIT_LIST_HEAD(&l->leaf);
	list_add(&fa->fa_list, &l->leaf);
	return l;
}

static struct key_vector *tnode_new(struct fib_table *tb, t_key key, int pos, int bits)
{
	unsigned int shift = (unsigned int)(pos + bits);
	struct tnode *tnode;
	struct key_vector *tn;

	SIM_BUG_ON(!bits || shift > KEYLENGTH);
	if (bits <= TNODE_KMEM_BITS)
		tnode = kmem_cache_zalloc(trie_kmem(tb)->tnode_kmem[bits - 1]);
	else
		tnode = g_malloc0(TNODE_SIZE(1ul << bits));
	if (bits == KEYLENGTH)
		tnode->full_children = 1;
	else
		tnode->empty_children = 1u << bits;
	tn = &tnode->kv;
	tn->key = shift < KEYLENGTH ? (key >> shift) << shift : 0;
	tn->pos = (unsigned char)pos;
	tn->bits = (unsigned char)bits;
	tn->slen = (unsigned char)pos;
	return tn;
}

static void tnode_free(struct tnode *tn)
{
	if (tn->kv.bits <= TNODE_KMEM_BITS)
		kfree(tn);
	else
		g_free(tn);
}

static void node_free(struct key_vector *n)
{
	if (IS_LEAF(n))
		kfree(node_link(n));
	else
		tnode_free(tn_info(n));
}

static struct fib_alias *alias_new(struct fib_table *tb)
{
	struct fib_alias *fa = kmem_cache_zalloc(trie_kmem(tb)->fn_alias_kmem);

	fa->fa_default = -1;
	return fa;
}

static void alias_free(struct fib_alias *fa)
{
	kfree(fa);	/* kmem_cache_free(fn_alias_kmem, fa) */
}

/* ---- children and suffix lengths -------------------------------------- */

/* A tnode child that skips no bits below @tn ("full" in the dyntree paper). */
static inline bool tnode_full(const struct key_vector *tn, const struct key_vector *n)
{
	return n && n->pos + n->bits == tn->pos && IS_TNODE(n);
}

/* Sets child @i of @tn, keeping its empty/full counts and slen. */
static void put_child(struct key_vector *tn, unsigned long i, struct key_vector *n)
{
	struct key_vector *chi = get_child(tn, i);
	bool isfull, wasfull;

	SIM_BUG_ON(i >= child_length(tn));
	if (!n && chi)
		tn_info(tn)->empty_children++;
	if (n && !chi)
		tn_info(tn)->empty_children--;
	wasfull = tnode_full(tn, chi);
	isfull = tnode_full(tn, n);
	if (wasfull && !isfull)
		tn_info(tn)->full_children--;
	else if (!wasfull && isfull)
		tn_info(tn)->full_children++;
	if (n && tn->slen < n->slen)
		tn->slen = n->slen;
	tn->tnode[i] = n;
}

static void put_child_root(struct key_vector *tp, t_key key, struct key_vector *n)
{
	if (IS_TRIE(tp))
		tp->tnode[0] = n;
	else
		put_child(tp, get_index(key, tp), n);
}

/* Points the children of @tn (and of tnodes it adopted whole) at it. */
static void update_children(struct key_vector *tn)
{
	for (unsigned long i = child_length(tn); i;) {
		struct key_vector *inode = get_child(tn, --i);

		if (!inode)
			continue;
		if (node_parent(inode) == tn)
			update_children(inode);
		else
			node_set_parent(inode, tn);
	}
}

/* Recomputes tn->slen from its children (only child 0 can reach pos + bits). */
static unsigned char update_suffix(struct key_vector *tn)
{
	unsigned char slen = tn->pos;
	unsigned char slen_max = min((unsigned char)(tn->pos + tn->bits - 1), tn->slen);
	unsigned long stride = 2, i;

	for (i = 0; i < child_length(tn); i += stride) {
		struct key_vector *n = get_child(tn, i);

		if (!n || n->slen <= slen)
			continue;
		stride <<= (n->slen - slen);
		slen = n->slen;
		i &= ~(stride - 1);
		if (slen >= slen_max)
			break;
	}
	tn->slen = slen;
	return slen;
}

static void node_pull_suffix(struct key_vector *tn, unsigned char slen)
{
	unsigned char node_slen = tn->slen;

	while (node_slen > tn->pos && node_slen > slen) {
		slen = update_suffix(tn);
		if (node_slen == slen)
			break;
		tn = node_parent(tn);
		node_slen = tn->slen;
	}
}

static void node_push_suffix(struct key_vector *tn, unsigned char slen)
{
	while (tn->slen < slen) {
		tn->slen = slen;
		tn = node_parent(tn);
	}
}

/* ---- resize: inflate, halve, collapse --------------------------------- */

static struct key_vector *resize(struct fib_table *tb, struct key_vector *tn);

/* Frees the tnodes chained on @list (linked through their parent field). */
static void tnode_free_list(struct tnode *list)
{
	while (list) {
		struct tnode *next = (struct tnode *)list->parent;

		tnode_free(list);
		list = next;
	}
}

static void tnode_free_append(struct tnode **list, struct key_vector *n)
{
	tn_info(n)->parent = (struct key_vector *)*list;
	*list = tn_info(n);
}

/* Puts @tn where @oldtnode was, frees the old nodes, resizes full children. */
static struct key_vector *replace(struct fib_table *tb, struct key_vector *oldtnode,
				  struct key_vector *tn, struct tnode *dead)
{
	struct key_vector *tp = node_parent(oldtnode);

	tn_info(tn)->parent = tp;
	put_child_root(tp, tn->key, tn);
	update_children(tn);
	tnode_free_append(&dead, oldtnode);
	tnode_free_list(dead);
	for (unsigned long i = child_length(tn); i;) {
		struct key_vector *inode = get_child(tn, --i);

		if (tnode_full(tn, inode))
			tn = resize(tb, inode);
	}
	return tp;
}

/* inflate - doubles @oldtnode: one more bit indexed, full children split */
static struct key_vector *inflate(struct fib_table *tb, struct key_vector *oldtnode)
{
	struct key_vector *tn = tnode_new(tb, oldtnode->key, oldtnode->pos - 1,
					  oldtnode->bits + 1);
	struct tnode *dead = NULL;
	t_key m = 1u << tn->pos;

	for (unsigned long i = child_length(oldtnode); i;) {
		struct key_vector *inode = get_child(oldtnode, --i);
		struct key_vector *node0, *node1;
		unsigned long j, k;

		if (!inode)
			continue;
		/* a leaf or a tnode with skipped bits moves down whole */
		if (!tnode_full(oldtnode, inode)) {
			put_child(tn, get_index(inode->key, tn), inode);
			continue;
		}
		tnode_free_append(&dead, inode);
		/* a full tnode of one bit: its two children move up */
		if (inode->bits == 1) {
			put_child(tn, 2 * i + 1, get_child(inode, 1));
			put_child(tn, 2 * i, get_child(inode, 0));
			continue;
		}
		/* else two halves, told apart by the bit tn now indexes */
		node1 = tnode_new(tb, inode->key | m, inode->pos, inode->bits - 1);
		node0 = tnode_new(tb, inode->key, inode->pos, inode->bits - 1);
		for (k = child_length(inode), j = k / 2; j;) {
			put_child(node1, --j, get_child(inode, --k));
			put_child(node0, j, get_child(inode, j));
			put_child(node1, --j, get_child(inode, --k));
			put_child(node0, j, get_child(inode, j));
		}
		tn_info(node1)->parent = tn;
		tn_info(node0)->parent = tn;
		put_child(tn, 2 * i + 1, node1);
		put_child(tn, 2 * i, node0);
	}
	return replace(tb, oldtnode, tn, dead);
}

/* halve - one bit less: pairs of non-empty children get a one-bit tnode */
static struct key_vector *halve(struct fib_table *tb, struct key_vector *oldtnode)
{
	struct key_vector *tn = tnode_new(tb, oldtnode->key, oldtnode->pos + 1,
					  oldtnode->bits - 1);

	for (unsigned long i = child_length(oldtnode); i;) {
		struct key_vector *node1 = get_child(oldtnode, --i);
		struct key_vector *node0 = get_child(oldtnode, --i);
		struct key_vector *inode;

		if (!node1 || !node0) {
			put_child(tn, i / 2, node1 ? node1 : node0);
			continue;
		}
		inode = tnode_new(tb, node0->key, oldtnode->pos, 1);
		put_child(inode, 1, node1);
		put_child(inode, 0, node0);
		tn_info(inode)->parent = tn;
		put_child(tn, i / 2, inode);
	}
	return replace(tb, oldtnode, tn, NULL);
}

/* collapse - a tnode with one child or none gives its place to the child */
static struct key_vector *collapse(struct key_vector *oldtnode)
{
	struct key_vector *n = NULL, *tp;

	for (unsigned long i = child_length(oldtnode); !n && i;)
		n = get_child(oldtnode, --i);
	tp = node_parent(oldtnode);
	put_child_root(tp, oldtnode->key, n);
	node_set_parent(n, tp);
	node_free(oldtnode);
	return tp;
}

static bool should_inflate(const struct key_vector *tp, struct key_vector *tn)
{
	unsigned long used = child_length(tn);
	unsigned long threshold = used;

	threshold *= IS_TRIE(tp) ? inflate_threshold_root : inflate_threshold;
	used -= tn_info(tn)->empty_children;
	used += tn_info(tn)->full_children;
	return used > 1 && tn->pos && 50 * used >= threshold;
}

static bool should_halve(const struct key_vector *tp, struct key_vector *tn)
{
	unsigned long used = child_length(tn);
	unsigned long threshold = used;

	threshold *= IS_TRIE(tp) ? halve_threshold_root : halve_threshold;
	used -= tn_info(tn)->empty_children;
	return used > 1 && tn->bits > 1 && 100 * used < threshold;
}

static bool should_collapse(struct key_vector *tn)
{
	unsigned long used = child_length(tn);

	used -= tn_info(tn)->empty_children;
	if (tn->bits == KEYLENGTH && tn_info(tn)->full_children)
		used -= KEY_MAX;
	return used < 2;
}

/* resize - the kernel's tnode resizing; returns @tn's parent afterwards */
static struct key_vector *resize(struct fib_table *tb, struct key_vector *tn)
{
	struct key_vector *tp = node_parent(tn);
	unsigned long cindex = get_index(tn->key, tp);
	int max_work = MAX_WORK;

	SIM_BUG_ON(tn != get_child(tp, cindex));
	while (should_inflate(tp, tn) && max_work) {
		tp = inflate(tb, tn);
		max_work--;
		tn = get_child(tp, cindex);
	}
	tp = node_parent(tn);
	if (max_work != MAX_WORK)
		return tp;
	while (should_halve(tp, tn) && max_work) {
		tp = halve(tb, tn);
		max_work--;
		tn = get_child(tp, cindex);
	}
	if (should_collapse(tn))
		return collapse(tn);
	return node_parent(tn);
}

static void trie_rebalance(struct fib_table *tb, struct key_vector *tn)
{
	while (!IS_TRIE(tn))
		tn = resize(tb, tn);
}

/* ---- finding and placing ----------------------------------------------- */

/* fib_find_node - the leaf of exactly @key, or NULL; *tp its (would-be) parent */
static struct key_vector *fib_find_node(struct fib_table *tb, struct key_vector **tp,
					t_key key)
{
	struct key_vector *pn, *n = &tb->kv;
	unsigned long index = 0;

	do {
		pn = n;
		n = get_child(n, index);
		if (!n)
			break;
		index = get_cindex(key, n);
		/* skipped bits differ (or, at a leaf, the key does) */
		if (index >= (1ul << n->bits)) {
			n = NULL;
			break;
		}
	} while (IS_TNODE(n));
	*tp = pn;
	return n;
}

/*
 * fib_find_alias - in a leaf's list, the first alias of suffix @slen
 * with this dscp and a priority >= @prio, or the first of a lower dscp
 * (the place to insert before); with @find_first, the first alias of
 * @slen.  NULL: none, insert at the end of the slen run.  The kernel also
 * skips aliases of other tables (fa->tb_id): its main and local tables
 * share one trie until fib_unmerge(); ours never do, so every alias of a
 * trie is its table's and has no tb_id.
 */
static struct fib_alias *fib_find_alias(struct list_head *fah, u8 slen, u8 dscp, u32 prio,
					bool find_first)
{
	struct fib_alias *fa;

	if (!fah)
		return NULL;
	list_for_each_entry(fa, fah, fa_list) {
		if (fa->fa_slen < slen)
			continue;
		if (fa->fa_slen != slen)
			break;
		if (find_first)
			return fa;
		if (fa->fa_dscp > dscp)
			continue;
		if (fa->fa_info->fib_priority >= prio || fa->fa_dscp < dscp)
			return fa;
	}
	return NULL;
}

static void fib_insert_node(struct fib_table *tb, struct key_vector *tp,
			    struct fib_alias *new, t_key key)
{
	struct key_vector *l = leaf_new(tb, key, new);
	struct key_vector *n = get_child(tp, get_index(key, tp));

	/* a node in our slot: a one-bit tnode where the keys first differ */
	if (n) {
		struct key_vector *tn = tnode_new(tb, key, 31 - __builtin_clz(key ^ n->key), 1);

		tn_info(tn)->parent = tp;
		put_child(tn, get_index(key, tn) ^ 1, n);
		put_child_root(tp, key, tn);
		node_set_parent(n, tn);
		tp = tn;
	}
	node_push_suffix(tp, new->fa_slen);
	node_link(l)->parent = tp;
	put_child_root(tp, key, l);
	trie_rebalance(tb, tp);
}

static void fib_insert_alias(struct fib_table *tb, struct key_vector *tp,
			     struct key_vector *l, struct fib_alias *new,
			     struct fib_alias *fa, t_key key)
{
	if (!l) {
		fib_insert_node(tb, tp, new, key);
		return;
	}
	if (fa) {
		list_add_tail(&new->fa_list, &fa->fa_list);	/* before fa */
	} else {
		struct list_head *pos = &l->leaf;
		struct fib_alias *last;

		/* after the last alias of a longer prefix, or of this one in a higher table */
		list_for_each_entry(last, &l->leaf, fa_list) {
			if (new->fa_slen < last->fa_slen)
				break;
			pos = &last->fa_list;
		}
		list_add(&new->fa_list, pos);
	}
	if (l->slen < new->fa_slen) {
		l->slen = new->fa_slen;
		node_push_suffix(tp, new->fa_slen);
	}
}

static void fib_remove_alias(struct fib_table *tb, struct key_vector *tp,
			     struct key_vector *l, struct fib_alias *old)
{
	bool was_last = old->fa_list.next == &l->leaf;

	list_del(&old->fa_list);
	if (list_empty(&l->leaf)) {
		put_child_root(tp, l->key, NULL);
		if (tp->slen == l->slen)
			node_pull_suffix(tp, tp->pos);
		node_free(l);
		trie_rebalance(tb, tp);
		return;
	}
	if (!was_last)
		return;
	/* the shortest prefix went: the leaf's suffix is its new last alias' */
	l->slen = list_entry(l->leaf.prev, struct fib_alias, fa_list)->fa_slen;
	node_pull_suffix(tp, l->slen);
}

/* ---- the table --------------------------------------------------------- */

/* The table's lookup cache, made on first need (an automatic one, off). */
static struct fib_lookup_cache *fib_table_cache(struct fib_table *tb)
{
	if (!tb->lookup_cache) {
		tb->lookup_cache = g_new(struct fib_lookup_cache, 1);
		fib_lookup_cache_init(tb->lookup_cache, tb);
	}
	return tb->lookup_cache;
}

/* After a change: an automatic cache cannot turn on below FIB_LOOKUP_CACHE_ON_ROUTES. */
static void fib_table_cache_update(struct fib_table *tb)
{
	if (!tb->lookup_cache && tb->tb_num_aliases < FIB_LOOKUP_CACHE_ON_ROUTES)
		return;
	fib_lookup_cache_update(fib_table_cache(tb), tb->tb_num_aliases);
}

static void fib_table_cache_invalidate(struct fib_table *tb, t_key key, unsigned int plen)
{
	if (tb->lookup_cache)
		fib_lookup_cache_invalidate(tb->lookup_cache, key, plen);
}

/*
 * The trie's caches: alias and leaf caches of their own, tnodes from
 * @w's kmalloc caches, or (@w NULL: a table of no namespace) from caches
 * of their own too.
 */
static void fib_trie_kmem_create(struct fib_trie_kmem *kmem, struct world *w)
{
	kmem->fn_alias_kmem = kmem_cache_create("ip_fib_alias", sizeof(struct fib_alias));
	kmem->trie_leaf_kmem = kmem_cache_create("ip_fib_trie", LEAF_SIZE);
	for (int i = 0; i < TNODE_KMEM_BITS; i++) {
		char name[32];

		if (w) {
			kmem->tnode_kmem[i] = kmalloc_slab(w, TNODE_SIZE(2ul << i));
			continue;
		}
		snprintf(name, sizeof(name), "tnode-%zu", TNODE_SIZE(2ul << i));
		kmem->tnode_kmem[i] = kmem_cache_create(name, TNODE_SIZE(2ul << i));
	}
}

/* @own_tnodes: the tnode caches are the trie's own (not the world's kmalloc ones) */
static void fib_trie_kmem_destroy(struct fib_trie_kmem *kmem, bool own_tnodes)
{
	kmem_cache_destroy(kmem->fn_alias_kmem);
	kmem_cache_destroy(kmem->trie_leaf_kmem);
	for (int i = 0; own_tnodes && i < TNODE_KMEM_BITS; i++)
		kmem_cache_destroy(kmem->tnode_kmem[i]);
}

/* fib_trie_init: the world's caches, made by the inet module's world init */
void fib_trie_init(struct world *w)
{
	struct fib_trie_kmem *kmem = g_new0(struct fib_trie_kmem, 1);

	fib_trie_kmem_create(kmem, w);
	kernel_world(w)->fib_trie_kmem = kmem;
}

/* After the last namespace: the kmalloc caches are the world's own. */
void fib_trie_exit(struct world *w)
{
	struct fib_trie_kmem *kmem = kernel_world(w)->fib_trie_kmem;

	if (!kmem)
		return;
	fib_trie_kmem_destroy(kmem, false);
	g_free(kmem);
	kernel_world(w)->fib_trie_kmem = NULL;
}

static struct fib_table *fib_table_alone_new(void)
{
	struct fib_table_alone *a = g_new0(struct fib_table_alone, 1);

	fib_trie_kmem_create(&a->kmem, NULL);
	return &a->tb;
}

static void fib_table_alone_free(struct fib_table *tb)
{
	struct fib_table_alone *a = container_of(tb, struct fib_table_alone, tb);

	fib_trie_kmem_destroy(&a->kmem, true);
	g_free(a);
}

struct fib_table *fib_trie_table(struct net *net, u32 id)
{
	struct fib_table *tb = net ? kzalloc(net->w, sizeof(*tb)) : fib_table_alone_new();

	tb->tb_id = id;
	tb->net = net;
	tb->kv.pos = KEYLENGTH;
	tb->kv.slen = KEYLENGTH;
	tb->kv.tnode[0] = NULL;
	return tb;
}

u32 fib_table_id(const struct fib_table *tb)
{
	return tb->tb_id;
}

struct net *fib_table_net(const struct fib_table *tb)
{
	return tb->net;
}

int fib_table_num_default(const struct fib_table *tb)
{
	return tb->tb_num_default;
}

static void trie_free_node(struct key_vector *n)
{
	if (IS_TNODE(n)) {
		for (unsigned long i = 0; i < child_length(n); i++)
			if (get_child(n, i))
				trie_free_node(get_child(n, i));
	} else {
		struct fib_alias *fa, *tmp;

		list_for_each_entry_safe(fa, tmp, &n->leaf, fa_list) {
			fib_info_put(fa->fa_info);
			alias_free(fa);
		}
	}
	node_free(n);
}

void fib_trie_free(struct fib_table *tb)
{
	if (!tb)
		return;
	if (tb->lookup_cache) {
		fib_lookup_cache_destroy(tb->lookup_cache);
		g_free(tb->lookup_cache);
	}
	if (tb->kv.tnode[0])
		trie_free_node(tb->kv.tnode[0]);
	if (tb->net)
		kfree(tb);
	else
		fib_table_alone_free(tb);
}

/* fib_valid_key_len: the prefix has no bits beyond its length */
static int fib_valid_key_len(t_key key, u8 plen, struct sim_err *err)
{
	if (plen > KEYLENGTH) {
		sim_err_set(err, "Error: Invalid prefix length.");
		return -EINVAL;
	}
	if (plen < KEYLENGTH && (key << plen)) {
		sim_err_set(err, "Error: Invalid prefix for given prefix length.");
		return -EINVAL;
	}
	return 0;
}

static int fib_err(struct sim_err *err, int errnum)
{
	switch (errnum) {
	case -EEXIST:
		sim_err_set(err, "RTNETLINK answers: File exists");
		break;
	case -ENOENT:
		sim_err_set(err, "RTNETLINK answers: No such file or directory");
		break;
	case -ESRCH:
		sim_err_set(err, "RTNETLINK answers: No such process");
		break;
	}
	return errnum;
}

int fib_table_insert(struct net *net, struct fib_table *tb, struct fib_config *cfg,
		     struct fib_info *fi, struct sim_err *err)
{
	u8 plen = cfg->fc_dst_len;
	u8 slen = (u8)(KEYLENGTH - plen);
	u8 dscp = cfg->fc_dscp;
	t_key key = ntohl(cfg->fc_dst);
	struct fib_alias *fa, *new_fa;
	struct key_vector *l, *tp;
	int ret;

	(void)net;
	ret = fib_valid_key_len(key, plen, err);
	if (ret)
		return ret;
	if (cfg->fc_type >= __RTN_MAX) {
		sim_err_set(err, "Error: Invalid route type.");
		return -EINVAL;
	}
	l = fib_find_node(tb, &tp, key);
	fa = l ? fib_find_alias(&l->leaf, slen, dscp, fi->fib_priority, false) : NULL;

	/*
	 * fa, if set, is the first alias with the same prefix, dscp and
	 * priority, or the one to insert before; NULL: insert at the end of
	 * this prefix length's aliases.
	 */
	if (fa && fa->fa_dscp == dscp && fa->fa_info->fib_priority == fi->fib_priority) {
		struct fib_alias *fa_first = fa, *fa_match = NULL;
		struct list_head *pos;

		if (cfg->fc_nlflags & NLM_F_EXCL)
			return fib_err(err, -EEXIST);
		/* an identical route (type and fib_info), and where APPEND goes */
		for (pos = &fa->fa_list; pos != &l->leaf; pos = pos->next) {
			fa = list_entry(pos, struct fib_alias, fa_list);
			if (fa->fa_slen != slen || fa->fa_dscp != dscp)
				break;
			if (fa->fa_info->fib_priority != fi->fib_priority)
				break;
			if (fa->fa_type == cfg->fc_type && fa->fa_info == fi) {
				fa_match = fa;
				break;
			}
		}
		if (pos == &l->leaf)
			fa = NULL;

		if (cfg->fc_nlflags & NLM_F_REPLACE) {
			struct fib_info *fi_drop;

			fa = fa_first;
			if (fa_match)
				return fa == fa_match ? 0 : fib_err(err, -EEXIST);
			new_fa = alias_new(tb);
			new_fa->fa_dscp = fa->fa_dscp;
			new_fa->fa_info = fi;
			new_fa->fa_type = cfg->fc_type;
			new_fa->fa_state = 0;
			new_fa->fa_slen = fa->fa_slen;
			list_add(&new_fa->fa_list, &fa->fa_list);
			list_del(&fa->fa_list);
			fi->fib_treeref++;
			fi_drop = fa->fa_info;
			alias_free(fa);
			fib_info_put(fi_drop);
			fib_table_cache_invalidate(tb, key, plen);
			return 0;
		}
		if (fa_match)
			return fib_err(err, -EEXIST);
		if (!(cfg->fc_nlflags & NLM_F_APPEND))
			fa = fa_first;
	}
	if (!(cfg->fc_nlflags & NLM_F_CREATE))
		return fib_err(err, -ENOENT);

	new_fa = alias_new(tb);
	new_fa->fa_info = fi;
	new_fa->fa_dscp = dscp;
	new_fa->fa_type = cfg->fc_type;
	new_fa->fa_slen = slen;
	fib_insert_alias(tb, tp, l, new_fa, fa, key);
	fi->fib_treeref++;
	if (!plen)
		tb->tb_num_default++;
	tb->tb_num_aliases++;
	fib_table_cache_invalidate(tb, key, plen);
	fib_table_cache_update(tb);
	return 0;
}

/* fib_nh_match: the nexthop fields @cfg sets (0: any) are @fi's */
static bool fib_nh_match(const struct fib_config *cfg, const struct fib_info *fi)
{
	if (cfg->fc_priority && cfg->fc_priority != fi->fib_priority)
		return false;
	if (cfg->fc_oif || cfg->fc_gw4) {
		const struct fib_nh *nh = &fi->fib_nh[0];

		if (fi->fib_nhs < 1)
			return false;
		if (cfg->fc_oif && cfg->fc_oif != fib_nh_oif(nh))
			return false;
		return !cfg->fc_gw4 || cfg->fc_gw4 == nh->nh_gw;
	}
	if (cfg->fc_nhs <= 0)
		return true;
	/* multipath: every nexthop given, in order */
	if (cfg->fc_nhs != fi->fib_nhs)
		return false;
	for (int i = 0; i < fi->fib_nhs; i++) {
		const struct fib_nh *nh = &fi->fib_nh[i];

		if (cfg->fc_mp[i].oif && cfg->fc_mp[i].oif != fib_nh_oif(nh))
			return false;
		if (cfg->fc_mp[i].gw && cfg->fc_mp[i].gw != nh->nh_gw)
			return false;
	}
	return true;
}

/*
 * fib_table_delete - the first alias of the prefix, dscp and table that
 * matches what @cfg sets: fc_type 0, fc_scope RT_SCOPE_NOWHERE (what
 * iproute2 sends without "scope"), fc_protocol, fc_prefsrc, fc_priority,
 * fc_oif, fc_gw4 and fc_mtu 0 match anything; fc_nhs > 0 compares every
 * nexthop with fc_mp[] in order.
 */
int fib_table_delete(struct net *net, struct fib_table *tb, const struct fib_config *cfg,
		     struct sim_err *err)
{
	u8 plen = cfg->fc_dst_len;
	u8 slen = (u8)(KEYLENGTH - plen);
	u8 dscp = cfg->fc_dscp;
	t_key key = ntohl(cfg->fc_dst);
	struct fib_alias *fa, *fa_to_delete = NULL;
	struct key_vector *l, *tp;
	struct list_head *pos;
	int ret;

	(void)net;
	ret = fib_valid_key_len(key, plen, err);
	if (ret)
		return ret;
	l = fib_find_node(tb, &tp, key);
	if (!l)
		return fib_err(err, -ESRCH);
	fa = fib_find_alias(&l->leaf, slen, dscp, 0, false);
	if (!fa)
		return fib_err(err, -ESRCH);
	for (pos = &fa->fa_list; pos != &l->leaf; pos = pos->next) {
		struct fib_info *fi;

		fa = list_entry(pos, struct fib_alias, fa_list);
		fi = fa->fa_info;
		if (fa->fa_slen != slen || fa->fa_dscp != dscp)
			break;
		if ((!cfg->fc_type || fa->fa_type == cfg->fc_type) &&
		    (cfg->fc_scope == RT_SCOPE_NOWHERE || fi->fib_scope == cfg->fc_scope) &&
		    (!cfg->fc_prefsrc || fi->fib_prefsrc == cfg->fc_prefsrc) &&
		    (!cfg->fc_protocol || fi->fib_protocol == cfg->fc_protocol) &&
		    fib_nh_match(cfg, fi) &&
		    (!cfg->fc_mtu || fi->fib_mtu == cfg->fc_mtu)) {
			fa_to_delete = fa;
			break;
		}
	}
	if (!fa_to_delete)
		return fib_err(err, -ESRCH);
	if (!plen)
		tb->tb_num_default--;
	fib_remove_alias(tb, tp, l, fa_to_delete);
	fib_info_put(fa_to_delete->fa_info);
	alias_free(fa_to_delete);
	tb->tb_num_aliases--;
	fib_table_cache_invalidate(tb, key, plen);
	fib_table_cache_update(tb);
	return 0;
}

/* ip_ignore_linkdown(): conf/<dev>/ignore_routes_with_linkdown (or all) */
static bool fib_nh_linkdown_ignored(const struct fib_nh *nh)
{
	const struct in_device *in_dev;

	if (!(nh->nh_flags & RTNH_F_LINKDOWN) || !nh->nh_dev)
		return false;
	in_dev = __in_dev_get_rtnl(nh->nh_dev);
	return in_dev && IN_DEV_ORCONF(in_dev, IGNORE_ROUTES_WITH_LINKDOWN);
}

/*
 * The first nexthop of @fi that is alive (not dead; not linkdown where
 * ignore_routes_with_linkdown is set) and leaves through flowi4_oif; -1: none.
 */
static inline int fib_select_nh(const struct fib_info *fi, const struct flowi4 *flp)
{
	for (int nhsel = 0; nhsel < fi->fib_nhs; nhsel++) {
		const struct fib_nh *nh = &fi->fib_nh[nhsel];

		if (nh->nh_flags & RTNH_F_DEAD)
			continue;
		if (fib_nh_linkdown_ignored(nh))
			continue;
		if (flp->flowi4_oif && flp->flowi4_oif != fib_nh_oif(nh))
			continue;
		return nhsel;
	}
	return -1;
}

/* @key: the address looked up; @fa_head: the aliases of the prefix's leaf */
static inline void fib_fill_result(struct fib_result *res, struct fib_table *tb, t_key key,
				   struct list_head *fa_head, unsigned int plen, u8 type,
				   struct fib_info *fi, int nhsel)
{
	res->prefix = htonl(key & key_mask(plen));
	res->prefixlen = (unsigned char)plen;
	res->nh_sel = (unsigned char)nhsel;
	res->type = type;
	res->scope = fi->fib_scope;
	res->tclassid = 0;
	res->fi = fi;
	res->table = tb;
	res->fa_head = fa_head;
}

/*
 * check_alias - what check_leaf() makes of an alias (@fi, @type, prefix
 * length @plen in leaf @fa_head) that covers @key and whose dscp suits
 * @flp: 0 with @res filled, the route type's error, or 1: not for this
 * flow (fib_info dead, scope too narrow, no usable nexthop), look further.
 * The lookup cache's answers go through it too.
 */
static inline int check_alias(struct fib_table *tb, t_key key, struct list_head *fa_head,
			      unsigned int plen, u8 type, struct fib_info *fi,
			      const struct flowi4 *flp, struct fib_result *res)
{
	int err, nhsel;

	if (fi->fib_dead)
		return 1;
	if (fi->fib_scope < flp->flowi4_scope)
		return 1;
	err = fib_props_error[type];
	if (err < 0)
		return err;
	nhsel = fib_select_nh(fi, flp);
	if (nhsel < 0)
		return 1;
	fib_fill_result(res, tb, key, fa_head, plen, type, fi, nhsel);
	return 0;
}

/*
 * check_leaf - the first alias of leaf @n that covers @key and suits @flp;
 * 0 with @res filled, the route type's error, or 1: none here.
 */
static int check_leaf(struct fib_table *tb, struct key_vector *n, t_key key,
		      const struct flowi4 *flp, struct fib_result *res)
{
	unsigned long index = key ^ n->key;
	struct fib_alias *fa;

	list_for_each_entry(fa, &n->leaf, fa_list) {
		int err;

		if (index >> fa->fa_slen)
			continue;		/* key outside this prefix */
		if (fa->fa_dscp && fa->fa_dscp != flp->flowi4_tos)
			continue;
		err = check_alias(tb, key, &n->leaf, KEYLENGTH - fa->fa_slen, fa->fa_type,
				  fa->fa_info, flp, res);
		if (err <= 0)
			return err;
	}
	return 1;
}

/*
 * fib_table_lookup - descend to the leaf @key leads to; when its aliases
 * do not cover the key (or do not suit @flp), backtrack: clear the lowest
 * set bit of the child index at the nearest ancestor that holds shorter
 * prefixes (slen > pos) and follow child 0 down from there, as the kernel
 * does, until a leaf answers or the root is passed.
 */
int fib_table_lookup(struct fib_table *tb, const struct flowi4 *flp, struct fib_result *res,
		     int fib_flags)
{
	const t_key key = ntohl(flp->daddr);
	struct key_vector *n, *pn;
	unsigned long index, cindex = 0;
	int err;

	(void)fib_flags;
	if (!tb)
		return -EAGAIN;
	if (tb->lookup_cache && fib_lookup_cache_on(tb->lookup_cache)) {
		struct fib_lookup_cache_hit hit;

		/* the longest prefix's first alias, as check_leaf() meets it */
		err = fib_lookup_cache_find(tb->lookup_cache, key, &hit);
		if (!err)
			err = check_alias(tb, key, hit.fa_head, hit.plen, hit.type, hit.fi,
					  flp, res);
		if (err <= 0)
			return err;
	}
	pn = &tb->kv;
	n = get_child(pn, 0);
	if (!n)
		return -EAGAIN;

	/* Step 1: travel to the longest prefix match in the trie */
	for (;;) {
		index = get_cindex(key, n);
		if (index >= (1ul << n->bits))
			goto prefix_mode;	/* skipped bits differ */
		if (IS_LEAF(n))
			goto leaf;
		/* remember where shorter prefixes may hide */
		if (n->slen > n->pos) {
			pn = n;
			cindex = index;
		}
		n = get_child(n, index);
		if (!n)
			goto backtrace;
	}

	/* Step 2: a mismatch below pn: only prefixes shorter than n can match */
prefix_mode:
	for (;;) {
		if (prefix_mismatch(key, n) || n->slen == n->pos)
			goto backtrace;
		if (IS_LEAF(n))
			goto leaf;
		n = get_child(n, 0);
		if (!n)
			goto backtrace;
	}

backtrace:
	while (!cindex) {
		t_key pkey = pn->key;

		if (IS_TRIE(pn))
			return -EAGAIN;
		pn = node_parent(pn);
		cindex = get_index(pkey, pn);
	}
	cindex &= cindex - 1;		/* strip the least significant bit */
	n = get_child(pn, cindex);
	if (!n)
		goto backtrace;
	goto prefix_mode;

	/* Step 3: the leaf, falling back to backtracking */
leaf:
	err = check_leaf(tb, n, key, flp, res);
	if (err <= 0)
		return err;
	goto backtrace;
}

/* ---- flush and walk ---------------------------------------------------- */

int fib_table_flush(struct net *net, struct fib_table *tb, bool flush_all)
{
	struct key_vector *pn = &tb->kv;
	unsigned long cindex = 1;
	int found = 0;

	(void)net;
	/* post-order: children from the last, each tnode resized when done */
	for (;;) {
		unsigned char slen = 0;
		struct fib_alias *fa, *tmp;
		struct key_vector *n;

		if (!(cindex--)) {
			t_key pkey = pn->key;

			if (IS_TRIE(pn))
				break;
			if (pn->slen > pn->pos)
				update_suffix(pn);
			pn = resize(tb, pn);
			cindex = get_index(pkey, pn);
			continue;
		}
		n = get_child(pn, cindex);
		if (!n)
			continue;
		if (IS_TNODE(n)) {
			pn = n;
			cindex = 1ul << n->bits;
			continue;
		}
		list_for_each_entry_safe(fa, tmp, &n->leaf, fa_list) {
			struct fib_info *fi = fa->fa_info;

			if (!(flush_all || fi->fib_dead)) {
				slen = fa->fa_slen;
				continue;
			}
			if (fa->fa_slen == KEYLENGTH)
				tb->tb_num_default--;
			list_del(&fa->fa_list);
			fib_info_put(fi);
			alias_free(fa);
			found++;
		}
		n->slen = slen;
		if (list_empty(&n->leaf)) {
			put_child_root(pn, n->key, NULL);
			node_free(n);
		}
	}
	if (found) {
		tb->tb_num_aliases -= (unsigned int)found;
		fib_table_cache_invalidate(tb, 0, 0);
		fib_table_cache_update(tb);
	}
	return found;
}

/*
 * leaf_walk - the leaf of the smallest key >= @key below *tn (start at the
 * trie's vector), or NULL; *tn is left at its parent so the next call
 * continues from there.
 */
static struct key_vector *leaf_walk(struct key_vector **tn, t_key key)
{
	struct key_vector *pn, *n = *tn;
	unsigned long cindex;

	/* find the key's place */
	do {
		pn = n;
		cindex = key > pn->key ? get_index(key, pn) : 0;
		if (cindex >> pn->bits)
			break;
		n = get_child(pn, cindex++);
		if (!n)
			break;
		if (IS_LEAF(n) && n->key >= key)
			goto found;
	} while (IS_TNODE(n));

	/* then the next leaf to the right */
	while (!IS_TRIE(pn)) {
		if (cindex >= (1ul << pn->bits)) {
			t_key pkey = pn->key;

			pn = node_parent(pn);
			cindex = get_index(pkey, pn) + 1;
			continue;
		}
		n = get_child(pn, cindex++);
		if (!n)
			continue;
		if (IS_LEAF(n))
			goto found;
		pn = n;
		cindex = 0;
	}
	*tn = pn;
	return NULL;
found:
	*tn = pn;
	return n;
}

void fib_table_walk(struct fib_table *tb,
		    void (*fn)(__be32 prefix, int plen, struct fib_alias *fa, void *arg),
		    void *arg)
{
	GPtrArray *aliases = g_ptr_array_new();
	t_key key = 0;

	/*
	 * A leaf's aliases are collected before @fn sees them, and the next
	 * leaf is found by key from the root, so @fn may delete the route it
	 * is given (even the leaf's last one).
	 */
	for (;;) {
		struct key_vector *tn = &tb->kv, *l = leaf_walk(&tn, key);
		struct fib_alias *fa;

		if (!l)
			break;
		key = l->key;
		g_ptr_array_set_size(aliases, 0);
		list_for_each_entry(fa, &l->leaf, fa_list)
			g_ptr_array_add(aliases, fa);
		for (guint i = 0; i < aliases->len; i++) {
			fa = g_ptr_array_index(aliases, i);
			fn(htonl(key), KEYLENGTH - fa->fa_slen, fa, arg);
		}
		if (key == KEY_MAX)
			break;
		key++;
	}
	g_ptr_array_free(aliases, TRUE);
}

/* ---- for the lookup cache (fib_lookup_cache.c) -------------------------- */

void fib_table_set_lookup_cache(struct fib_table *tb, int mode)
{
	fib_lookup_cache_set_mode(fib_table_cache(tb), mode, tb->tb_num_aliases);
}

struct list_head *fib_trie_leaf_aliases(struct fib_table *tb, u32 key)
{
	struct key_vector *tp, *l = fib_find_node(tb, &tp, key);

	return l ? &l->leaf : NULL;
}

void fib_trie_leaves(struct fib_table *tb, u32 first, u32 last,
		     void (*fn)(u32 key, struct list_head *fa_head, void *arg), void *arg)
{
	struct key_vector *tn = &tb->kv, *l;

	for (l = leaf_walk(&tn, first); l && l->key <= last; l = leaf_walk(&tn, l->key + 1)) {
		fn(l->key, &l->leaf, arg);
		if (l->key == last)
			break;
	}
}

/* ---- statistics and /proc --------------------------------------------- */

#define MAX_STAT_DEPTH 32

struct trie_stat {
	unsigned int totdepth;
	unsigned int maxdepth;
	unsigned int tnodes;
	unsigned int leaves;
	unsigned int nullpointers;
	unsigned int prefixes;
	unsigned int nodesizes[MAX_STAT_DEPTH];
	size_t pointers;
};

/* @depth: tnodes above @n (fib_trie_get_next()'s depth of a leaf) */
static void trie_collect_node(const struct key_vector *n, unsigned int depth,
			      struct trie_stat *s)
{
	if (IS_LEAF(n)) {
		const struct fib_alias *fa;

		s->leaves++;
		s->totdepth += depth;
		if (depth > s->maxdepth)
			s->maxdepth = depth;
		list_for_each_entry(fa, &n->leaf, fa_list)
			s->prefixes++;
		return;
	}
	s->tnodes++;
	if (n->bits < MAX_STAT_DEPTH)
		s->nodesizes[n->bits]++;
	s->pointers += 1ul << n->bits;
	s->nullpointers += tn_info((struct key_vector *)n)->empty_children;
	for (unsigned long i = 0; i < child_length(n); i++)
		if (n->tnode[i])
			trie_collect_node(n->tnode[i], depth + 1, s);
}

static void trie_collect_stats(const struct fib_table *tb, struct trie_stat *s)
{
	memset(s, 0, sizeof(*s));
	if (tb->kv.tnode[0])
		trie_collect_node(tb->kv.tnode[0], 0, s);
}

void fib_table_stats(const struct fib_table *tb, struct fib_trie_stats *st)
{
	struct trie_stat s;

	trie_collect_stats(tb, &s);
	st->leaves = s.leaves;
	st->tnodes = s.tnodes;
	st->prefixes = s.prefixes;
	st->max_depth = s.maxdepth;
	st->bytes = sizeof(*tb) +
		    (size_t)s.leaves * LEAF_SIZE +
		    (size_t)s.tnodes * TNODE_SIZE(0) +
		    s.pointers * sizeof(struct key_vector *) +
		    (size_t)s.prefixes * sizeof(struct fib_alias) +
		    (tb->lookup_cache ? tb->lookup_cache->bytes : 0);
}

/* What Linux prints on x86-64 (LEAF_SIZE, TNODE_SIZE(0), struct fib_alias). */
#define LINUX_LEAF_SIZE		48
#define LINUX_TNODE_SIZE	40
#define LINUX_FIB_ALIAS_SIZE	56

static const char *const rtn_type_names[__RTN_MAX] = {
	[RTN_UNSPEC] = "UNSPEC",
	[RTN_UNICAST] = "UNICAST",
	[RTN_LOCAL] = "LOCAL",
	[RTN_BROADCAST] = "BROADCAST",
	[RTN_ANYCAST] = "ANYCAST",
	[RTN_MULTICAST] = "MULTICAST",
	[RTN_BLACKHOLE] = "BLACKHOLE",
	[RTN_UNREACHABLE] = "UNREACHABLE",
	[RTN_PROHIBIT] = "PROHIBIT",
	[RTN_THROW] = "THROW",
	[RTN_NAT] = "NAT",
	[RTN_XRESOLVE] = "XRESOLVE",
};

static void rtn_scope_print(GString *out, unsigned int s)
{
	switch (s) {
	case RT_SCOPE_UNIVERSE: g_string_append(out, "universe"); break;
	case RT_SCOPE_SITE: g_string_append(out, "site"); break;
	case RT_SCOPE_LINK: g_string_append(out, "link"); break;
	case RT_SCOPE_HOST: g_string_append(out, "host"); break;
	case RT_SCOPE_NOWHERE: g_string_append(out, "nowhere"); break;
	default: g_string_append_printf(out, "scope=%u", s); break;
	}
}

static void rtn_type_print(GString *out, unsigned int t)
{
	if (t < __RTN_MAX && rtn_type_names[t])
		g_string_append(out, rtn_type_names[t]);
	else
		g_string_append_printf(out, "type %u", t);
}

static void seq_indent(GString *out, int n)
{
	while (n-- > 0)
		g_string_append(out, "   ");
}

static void print_ip(GString *out, t_key key)
{
	g_string_append_printf(out, "%u.%u.%u.%u", key >> 24, (key >> 16) & 0xff,
			       (key >> 8) & 0xff, key & 0xff);
}

/* fib_table_print */
static void fib_table_print(GString *out, const struct fib_table *tb)
{
	if (tb->tb_id == RT_TABLE_LOCAL)
		g_string_append(out, "Local:\n");
	else if (tb->tb_id == RT_TABLE_MAIN)
		g_string_append(out, "Main:\n");
	else
		g_string_append_printf(out, "Id %d:\n", (int)tb->tb_id);
}

/* @depth as fib_trie_get_next() counts it: a tnode one more than its leaves */
static void fib_trie_show_node(GString *out, const struct key_vector *n, int depth)
{
	const struct fib_alias *fa;

	if (IS_TNODE(n)) {
		seq_indent(out, depth - 1);
		g_string_append(out, "  +-- ");
		print_ip(out, n->key);
		g_string_append_printf(out, "/%d %u %u %u\n", KEYLENGTH - n->pos - n->bits,
				       n->bits,
				       tn_info((struct key_vector *)n)->full_children,
				       tn_info((struct key_vector *)n)->empty_children);
		for (unsigned long i = 0; i < child_length(n); i++) {
			const struct key_vector *c = n->tnode[i];

			if (c)
				fib_trie_show_node(out, c, IS_TNODE(c) ? depth + 1 : depth);
		}
		return;
	}
	seq_indent(out, depth);
	g_string_append(out, "  |-- ");
	print_ip(out, n->key);
	g_string_append_c(out, '\n');
	list_for_each_entry(fa, &n->leaf, fa_list) {
		seq_indent(out, depth + 1);
		g_string_append_printf(out, "  /%d ", KEYLENGTH - fa->fa_slen);
		rtn_scope_print(out, fa->fa_info->fib_scope);
		g_string_append_c(out, ' ');
		rtn_type_print(out, fa->fa_type);
		if (fa->fa_dscp)
			g_string_append_printf(out, " tos=%d", fa->fa_dscp);
		g_string_append_c(out, '\n');
	}
}

/*
 * The kernel lists tables by bucket of its fib_table_hash (id & 255);
 * ties (ids 256 apart) by id here, by newest first there.
 */
static gint cmp_table_hash(gconstpointer a, gconstpointer b)
{
	const struct fib_table *x = *(struct fib_table *const *)a;
	const struct fib_table *y = *(struct fib_table *const *)b;
	u32 hx = x->tb_id & 0xff, hy = y->tb_id & 0xff;

	if (hx != hy)
		return hx < hy ? -1 : 1;
	return x->tb_id < y->tb_id ? -1 : x->tb_id > y->tb_id;
}

static GPtrArray *tables_in_hash_order(struct fib_table **tables, int n)
{
	GPtrArray *a = g_ptr_array_sized_new((guint)(n > 0 ? n : 0));

	for (int i = 0; i < n; i++)
		if (tables[i])
			g_ptr_array_add(a, tables[i]);
	g_ptr_array_sort(a, cmp_table_hash);
	return a;
}

void fib_trie_seq_show(struct fib_table **tables, int n, GString *out)
{
	GPtrArray *a = tables_in_hash_order(tables, n);

	for (guint i = 0; i < a->len; i++) {
		const struct fib_table *tb = g_ptr_array_index(a, i);
		const struct key_vector *root = tb->kv.tnode[0];

		if (!root)
			continue;
		fib_table_print(out, tb);
		fib_trie_show_node(out, root, IS_TNODE(root) ? 1 : 0);
	}
	g_ptr_array_free(a, TRUE);
}

static void trie_show_stats(GString *out, const struct trie_stat *stat)
{
	unsigned int i, max, pointers, bytes, avdepth;

	avdepth = stat->leaves ? stat->totdepth * 100 / stat->leaves : 0;
	g_string_append_printf(out, "\tAver depth:     %u.%02u\n", avdepth / 100, avdepth % 100);
	g_string_append_printf(out, "\tMax depth:      %u\n", stat->maxdepth);
	g_string_append_printf(out, "\tLeaves:         %u\n", stat->leaves);
	bytes = LINUX_LEAF_SIZE * stat->leaves;
	g_string_append_printf(out, "\tPrefixes:       %u\n", stat->prefixes);
	bytes += LINUX_FIB_ALIAS_SIZE * stat->prefixes;
	g_string_append_printf(out, "\tInternal nodes: %u\n\t", stat->tnodes);
	bytes += LINUX_TNODE_SIZE * stat->tnodes;
	max = MAX_STAT_DEPTH;
	while (max > 0 && stat->nodesizes[max - 1] == 0)
		max--;
	pointers = 0;
	for (i = 1; i < max; i++) {
		if (stat->nodesizes[i] != 0) {
			g_string_append_printf(out, "  %u: %u", i, stat->nodesizes[i]);
			pointers += (1u << i) * stat->nodesizes[i];
		}
	}
	g_string_append_c(out, '\n');
	g_string_append_printf(out, "\tPointers: %u\n", pointers);
	bytes += (unsigned int)sizeof(void *) * pointers;
	g_string_append_printf(out, "Null ptrs: %u\n", stat->nullpointers);
	g_string_append_printf(out, "Total size: %u  kB\n", (bytes + 1023) / 1024);
}

void fib_triestat_seq_show(struct fib_table **tables, int n, GString *out)
{
	GPtrArray *a = tables_in_hash_order(tables, n);

	g_string_append_printf(out,
			       "Basic info: size of leaf: %d bytes, size of tnode: %d bytes.\n",
			       LINUX_LEAF_SIZE, LINUX_TNODE_SIZE);
	for (guint i = 0; i < a->len; i++) {
		const struct fib_table *tb = g_ptr_array_index(a, i);
		struct trie_stat stat;

		fib_table_print(out, tb);
		trie_collect_stats(tb, &stat);
		trie_show_stats(out, &stat);
	}
	g_ptr_array_free(a, TRUE);
}
