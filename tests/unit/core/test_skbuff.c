/*
 * tests/unit/core/test_skbuff.c - socket buffers (models/core/skbuff.c)
 *
 * The geometry of a buffer (headroom, tailroom, truesize as the kernel
 * computes it for a kmalloc'ed head), the data helpers, clones sharing
 * one buffer until skb_cow() unshares it, copies, queues, the two ends of
 * a packet's life (kfree_skb_reason() records a drop, consume_skb() does
 * not) and the -ENOMEM paths through skb_pool_fail_after().  Drops are
 * read back from the drops table of a metrics.db (record_drops()); every
 * test ends with no skb alive.
 */
#include "testlib.h"

#include <errno.h>
#include <glib.h>

#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "sim/rng.h"

struct fixture {
	struct world *w;
	struct node *h;
	struct net *net;
	char *dir;
};

static struct fixture f;

static void setup(void)
{
	struct sim_err err = { { 0 } };

	f.w = tl_world("skbuff", 1);
	f.h = world_add_node(f.w, "host", "h", NULL, &err);
	ck_assert_msg(f.h != NULL, "%s", err.msg);
	f.net = f.h->net;
	f.dir = NULL;
}

/* Drops are recorded from here on, in a metrics.db of the test's own. */
static void record_drops(void)
{
	f.dir = tl_record_drops(f.w);
}

static void teardown(void)
{
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	ck_assert_int_eq(f.w->live[SIM_OBJ_SKB], 0);
	tl_world_free(f.w);		/* abandons metrics.db, fails on leaks */
	tl_rmtree(f.dir);
	g_free(f.dir);
}

/* The drops recorded since record_drops(), "REASON@function" in order. */
static char *drops(void)
{
	return tl_metrics_rows(f.w, f.dir, "SELECT printf('%s@%s', reason, function) FROM drops "
			       "ORDER BY rowid", ",");
}

#define ck_assert_drops(want) tl_assert_str_eq_free(drops(), want)

/* A caller that drops: the drops table names it. */
static void some_layer_drops(struct sk_buff *skb, enum skb_drop_reason reason)
{
	kfree_skb_reason(skb, reason);
}

/* An skb holding @len bytes 0, 1, 2... after @headroom. */
static struct sk_buff *pattern_skb(unsigned int headroom, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(f.net, headroom + len);
	u8 *p;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, (int)headroom);
	p = skb_put(skb, len);
	for (unsigned int i = 0; i < len; i++)
		p[i] = (u8)i;
	return skb;
}

static bool has_pattern(const struct sk_buff *skb, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		if (skb->data[i] != (u8)i)
			return false;
	return skb->len == len;
}

/* ---- allocation --------------------------------------------------------- */

/*
 * truesize = SKB_TRUESIZE(ksize(head) - shinfo): the kmalloc bucket of
 * SKB_DATA_ALIGN(size) + 320 bytes of skb_shared_info, as __alloc_skb()
 * counts it on x86_64 (256 bytes of struct sk_buff).
 */
static const struct truesize_case {
	unsigned int size, truesize;
} truesize_cases[] = {
	{ 500, 1280 },		/* 512 + 320 -> kmalloc-1024 */
	{ 704, 1280 },		/* 704 + 320 = 1024 exactly */
	{ 705, 2304 },		/* 768 + 320 -> kmalloc-2048 */
	{ 1500, 2304 },		/* 1536 + 320 -> kmalloc-2048: an Ethernet frame */
	{ 4000, 8448 },		/* 4032 + 320 -> kmalloc-8192 */
	{ 9000, 16640 },	/* 9024 + 320 -> kmalloc-16384: a jumbo frame */
};

START_TEST(test_alloc_skb_truesize_is_the_kmalloc_bucket)
{
	const struct truesize_case *c = &truesize_cases[_i];
	struct sk_buff *skb = alloc_skb(f.net, c->size);

	ck_assert_ptr_nonnull(skb);
	ck_assert_msg(skb->truesize == c->truesize, "alloc_skb(%u): truesize %u, want %u",
		      c->size, skb->truesize, c->truesize);
	ck_assert_uint_eq(skb->len, 0);
	ck_assert_uint_eq(skb_headroom(skb), 0);
	ck_assert_int_ge(skb_tailroom(skb), (int)c->size);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert(!skb_cloned(skb));
	ck_assert(!skb_mac_header_was_set(skb));
	ck_assert_int_eq(skb->users, 1);
	consume_skb(skb);
}
END_TEST

START_TEST(test_netdev_alloc_skb_leaves_net_skb_pad)
{
	struct net_device *lo = f.net->loopback_dev;
	struct sk_buff *skb = netdev_alloc_skb(lo, 1500);

	ck_assert_ptr_nonnull(skb);
	ck_assert_uint_eq(skb_headroom(skb), NET_SKB_PAD);
	ck_assert_int_ge(skb_tailroom(skb), 1500);
	ck_assert_ptr_eq(skb->dev, lo);
	ck_assert_uint_eq(skb->len, 0);
	consume_skb(skb);
}
END_TEST

START_TEST(test_ids_are_unique_and_pool_counts_live_skbs)
{
	struct sk_buff *a = alloc_skb(f.net, 100), *b = alloc_skb(f.net, 100);
	u64 last;

	ck_assert_uint_gt(b->id, a->id);
	ck_assert_uint_eq(skb_pool_in_use(f.w), 2);
	ck_assert_int_eq(f.w->live[SIM_OBJ_SKB], 2);
	consume_skb(a);
	ck_assert_uint_eq(skb_pool_in_use(f.w), 1);
	last = b->id;
	consume_skb(b);
	/* a recycled shell is a new skb */
	a = alloc_skb(f.net, 100);
	ck_assert_uint_gt(a->id, last);
	ck_assert_uint_eq(a->parent_id, 0);
	consume_skb(a);
}
END_TEST

/* ---- data --------------------------------------------------------------- */

START_TEST(test_reserve_put_push_pull)
{
	struct sk_buff *skb = alloc_skb(f.net, 256);
	unsigned char *head = skb->head;
	int tailroom = skb_tailroom(skb);
	u8 *p;

	skb_reserve(skb, 64);
	ck_assert_uint_eq(skb_headroom(skb), 64);
	ck_assert_int_eq(skb_tailroom(skb), tailroom - 64);
	ck_assert_uint_eq(skb->len, 0);

	p = skb_put(skb, 100);			/* returns the old tail */
	ck_assert_ptr_eq(p, head + 64);
	ck_assert_uint_eq(skb->len, 100);
	ck_assert_uint_eq(skb->tail, 164);
	memset(p, 0xaa, 100);

	p = skb_push(skb, ETH_HLEN);		/* returns the new data */
	ck_assert_ptr_eq(p, head + 50);
	ck_assert_ptr_eq(skb->data, p);
	ck_assert_uint_eq(skb->len, 114);
	ck_assert_uint_eq(skb_headroom(skb), 50);

	p = skb_pull(skb, ETH_HLEN);		/* returns the new data */
	ck_assert_ptr_eq(p, head + 64);
	ck_assert_uint_eq(skb->len, 100);
	ck_assert_uint_eq(skb->data[0], 0xaa);

	/* pulling more than there is: NULL, nothing pulled */
	ck_assert_ptr_null(skb_pull(skb, 101));
	ck_assert_uint_eq(skb->len, 100);
	ck_assert_ptr_eq(skb->data, head + 64);
	ck_assert_ptr_nonnull(skb_pull(skb, 100));	/* all of it is fine */
	ck_assert_uint_eq(skb->len, 0);
	consume_skb(skb);
}
END_TEST

START_TEST(test_put_zero_and_put_data)
{
	static const u8 bytes[] = { 1, 2, 3, 4 };
	struct sk_buff *skb = alloc_skb(f.net, 64);
	u8 *p;

	memset(skb->head, 0x55, 64);		/* what a recycled buffer may hold */
	p = skb_put_zero(skb, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(p[i], 0);
	p = skb_put_data(skb, bytes, sizeof(bytes));
	ck_assert_mem_eq(p, bytes, sizeof(bytes));
	ck_assert_uint_eq(skb->len, 12);
	consume_skb(skb);
}
END_TEST

START_TEST(test_trim_shortens_never_lengthens)
{
	struct sk_buff *skb = pattern_skb(32, 100);

	skb_trim(skb, 50);
	ck_assert_uint_eq(skb->len, 50);
	ck_assert_ptr_eq(skb_tail_pointer(skb), skb->data + 50);
	skb_trim(skb, 80);			/* longer than it is: no-op */
	ck_assert_uint_eq(skb->len, 50);
	ck_assert(has_pattern(skb, 50));

	skb->ip_summed = CHECKSUM_COMPLETE;	/* the sum covered the trimmed bytes */
	ck_assert_int_eq(pskb_trim_rcsum(skb, 40), 0);
	ck_assert_uint_eq(skb->len, 40);
	ck_assert_uint_eq(skb->ip_summed, CHECKSUM_NONE);
	consume_skb(skb);
}
END_TEST

START_TEST(test_copy_bits_checks_bounds)
{
	struct sk_buff *skb = pattern_skb(0, 20);
	u8 buf[8];

	ck_assert_int_eq(skb_copy_bits(skb, 12, buf, 8), 0);
	ck_assert_uint_eq(buf[0], 12);
	ck_assert_uint_eq(buf[7], 19);
	ck_assert_int_eq(skb_copy_bits(skb, 13, buf, 8), -EFAULT);
	ck_assert_int_eq(skb_copy_bits(skb, -1, buf, 1), -EFAULT);
	consume_skb(skb);
}
END_TEST

START_TEST(test_put_padto_pads_with_zeros)
{
	struct sk_buff *skb = alloc_skb(f.net, 128);

	record_drops();
	memset(skb->head, 0x77, 128);		/* stale bytes must not go out */
	skb_put_zero(skb, 42);
	ck_assert_int_eq(skb_put_padto(skb, ETH_ZLEN), 0);
	ck_assert_uint_eq(skb->len, ETH_ZLEN);
	for (unsigned int i = 42; i < ETH_ZLEN; i++)
		ck_assert_uint_eq(skb->data[i], 0);
	/* long enough already: untouched */
	ck_assert_int_eq(skb_put_padto(skb, 50), 0);
	ck_assert_uint_eq(skb->len, ETH_ZLEN);
	consume_skb(skb);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_put_padto_grows_a_full_buffer)
{
	struct sk_buff *skb = pattern_skb(0, 40);
	unsigned char *old_head = skb->head;
	unsigned int len;

	skb_put_zero(skb, (unsigned int)skb_tailroom(skb));	/* no tailroom left */
	len = skb->len;
	ck_assert_int_eq(skb_put_padto(skb, len + 18), 0);
	ck_assert_ptr_ne(skb->head, old_head);
	ck_assert_uint_eq(skb->len, len + 18);
	ck_assert_uint_eq(skb->data[39], 39);
	ck_assert_uint_eq(skb->data[len + 17], 0);
	consume_skb(skb);
}
END_TEST

START_TEST(test_put_padto_unshares_a_clone)
{
	struct sk_buff *skb = pattern_skb(0, 42);
	struct sk_buff *clone = skb_clone(skb);

	/* padding writes bytes: the clone must not scribble on shared data */
	ck_assert_int_eq(skb_put_padto(clone, ETH_ZLEN), 0);
	ck_assert_ptr_ne(clone->head, skb->head);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert(!skb_cloned(skb) && !skb_cloned(clone));
	ck_assert_uint_eq(skb->len, 42);
	ck_assert_uint_eq(clone->len, ETH_ZLEN);
	consume_skb(clone);
	consume_skb(skb);
}
END_TEST

START_TEST(test_put_padto_frees_on_enomem)
{
	struct sk_buff *skb = alloc_skb(f.net, 42);

	record_drops();
	skb_put_zero(skb, (unsigned int)skb_tailroom(skb));	/* full: padding must grow it */
	skb_pool_fail_after(f.w, 1);
	ck_assert_int_eq(skb_put_padto(skb, skb->len + 1), -ENOMEM);
	skb_pool_fail_after(f.w, 0);
	/* the skb is gone, counted as a NOMEM drop */
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	ck_assert_drops("NOMEM@skb_put_padto");
}
END_TEST

/* ---- header offsets ------------------------------------------------------ */

START_TEST(test_header_offsets)
{
	struct sk_buff *skb = pattern_skb(64, 100);

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	skb_reset_mac_len(skb);
	ck_assert_uint_eq(skb->mac_header, 64);
	ck_assert_uint_eq(skb->network_header, 78);
	ck_assert_uint_eq(skb->transport_header, 98);
	ck_assert_uint_eq(skb->mac_len, ETH_HLEN);
	ck_assert_int_eq(skb_network_offset(skb), ETH_HLEN);
	ck_assert_ptr_eq(skb_transport_header(skb), skb->data + 34);
	skb_pull(skb, ETH_HLEN);
	ck_assert_int_eq(skb_network_offset(skb), 0);
	ck_assert_int_eq(skb_mac_offset(skb), -ETH_HLEN);
	consume_skb(skb);
}
END_TEST

/* ---- clones, copies, expansion -------------------------------------------- */

START_TEST(test_clone_shares_the_data)
{
	struct sk_buff *skb = pattern_skb(32, 100);
	struct sk_buff *clone;

	record_drops();
	skb->priority = 6;
	skb->mark = 0x42;
	skb->protocol = htons(ETH_P_IP);
	skb_reset_mac_header(skb);
	clone = skb_clone(skb);
	ck_assert_ptr_nonnull(clone);
	ck_assert_ptr_ne(clone, skb);
	ck_assert_ptr_eq(clone->head, skb->head);
	ck_assert_ptr_eq(clone->data, skb->data);
	ck_assert_uint_eq(clone->len, 100);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 2);
	ck_assert(skb->cloned && clone->cloned);
	ck_assert(skb_cloned(skb) && skb_cloned(clone));
	ck_assert_uint_eq(clone->truesize, skb->truesize);
	ck_assert_uint_eq(clone->mac_header, skb->mac_header);
	ck_assert_uint_eq(clone->priority, 6);
	ck_assert_uint_eq(clone->mark, 0x42);
	ck_assert_uint_eq(clone->protocol, htons(ETH_P_IP));
	ck_assert_uint_eq(clone->parent_id, skb->id);
	ck_assert_uint_eq(skb_pool_in_use(f.w), 2);

	/* headers are the clone's own: pulling one does not move the other */
	skb_pull(clone, ETH_HLEN);
	ck_assert_uint_eq(skb->len, 100);

	/* freeing the original keeps the data for the clone */
	consume_skb(skb);
	ck_assert_int_eq(skb_shinfo(clone)->dataref, 1);
	ck_assert(!skb_cloned(clone));		/* the last user may write */
	ck_assert_uint_eq(clone->data[0], ETH_HLEN);
	ck_assert_uint_eq(clone->data[85], 99);
	consume_skb(clone);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_clone_freed_first)
{
	struct sk_buff *skb = pattern_skb(0, 60);
	struct sk_buff *clone = skb_clone(skb);

	record_drops();
	some_layer_drops(clone, SKB_DROP_REASON_OTHERHOST);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert(!skb_cloned(skb));
	ck_assert(has_pattern(skb, 60));
	consume_skb(skb);
	ck_assert_drops("OTHERHOST@some_layer_drops");
}
END_TEST

START_TEST(test_cow_of_a_clone_copies)
{
	struct sk_buff *skb = pattern_skb(64, 100);
	struct sk_buff *clone = skb_clone(skb);
	unsigned char *shared = skb->head;

	skb_reset_mac_header(clone);
	skb_set_network_header(clone, ETH_HLEN);
	ck_assert_int_eq(skb_cow(clone, 0), 0);
	ck_assert_ptr_ne(clone->head, shared);
	ck_assert_ptr_eq(skb->head, shared);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert_int_eq(skb_shinfo(clone)->dataref, 1);
	ck_assert(!skb_cloned(skb) && !skb_cloned(clone));
	ck_assert(has_pattern(clone, 100));
	ck_assert_int_eq(skb_network_offset(clone), ETH_HLEN);	/* offsets follow */
	/* now writing one leaves the other alone */
	clone->data[0] = 0xee;
	ck_assert_uint_eq(skb->data[0], 0);
	consume_skb(clone);
	consume_skb(skb);
}
END_TEST

START_TEST(test_cow_keeps_a_private_head_with_room)
{
	struct sk_buff *skb = pattern_skb(64, 100);
	unsigned char *head = skb->head;

	ck_assert_int_eq(skb_cow(skb, 32), 0);
	ck_assert_ptr_eq(skb->head, head);	/* nothing to do */
	ck_assert_int_eq(skb_cow_head(skb, 64), 0);
	ck_assert_ptr_eq(skb->head, head);
	/* more headroom than there is: a new head, grown in NET_SKB_PAD steps */
	ck_assert_int_eq(skb_cow(skb, 100), 0);
	ck_assert_ptr_ne(skb->head, head);
	ck_assert_uint_eq(skb_headroom(skb), 64 + 64);
	ck_assert(has_pattern(skb, 100));
	consume_skb(skb);
}
END_TEST

START_TEST(test_copy_is_independent)
{
	struct sk_buff *skb = pattern_skb(48, 100);
	struct sk_buff *copy;

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb->priority = 3;
	skb->pkt_type = PACKET_BROADCAST;
	copy = skb_copy(skb);
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_ne(copy->head, skb->head);
	ck_assert(!skb_cloned(skb) && !skb_cloned(copy));
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	ck_assert_uint_eq(skb_headroom(copy), 48);
	ck_assert(has_pattern(copy, 100));
	ck_assert_uint_eq(copy->mac_header, skb->mac_header);
	ck_assert_uint_eq(copy->network_header, skb->network_header);
	ck_assert_uint_eq(copy->priority, 3);
	ck_assert_uint_eq(copy->pkt_type, PACKET_BROADCAST);
	ck_assert_uint_eq(copy->parent_id, skb->id);
	copy->data[5] = 0xff;
	ck_assert_uint_eq(skb->data[5], 5);
	consume_skb(skb);
	ck_assert_uint_eq(copy->data[99], 99);	/* outlives the original */
	consume_skb(copy);
}
END_TEST

START_TEST(test_unshare)
{
	struct sk_buff *skb = pattern_skb(0, 60), *clone, *n;

	record_drops();
	/* not cloned: the same skb */
	ck_assert_ptr_eq(skb_unshare(skb), skb);
	clone = skb_clone(skb);
	n = skb_unshare(clone);			/* consumes the clone */
	ck_assert_ptr_nonnull(n);
	ck_assert_ptr_ne(n->head, skb->head);
	ck_assert(!skb_cloned(skb));
	ck_assert(has_pattern(n, 60));
	ck_assert_uint_eq(skb_pool_in_use(f.w), 2);
	consume_skb(n);
	consume_skb(skb);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_expand_head_keeps_header_offsets)
{
	struct sk_buff *skb = pattern_skb(16, 100);
	unsigned int headroom = skb_headroom(skb);
	int tailroom = skb_tailroom(skb);

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	ck_assert_int_eq(pskb_expand_head(skb, 64, 128), 0);
	ck_assert_uint_eq(skb_headroom(skb), headroom + 64);
	ck_assert_int_ge(skb_tailroom(skb), tailroom + 128);
	ck_assert_int_eq(skb_mac_offset(skb), 0);
	ck_assert_int_eq(skb_network_offset(skb), ETH_HLEN);
	ck_assert_ptr_eq(skb_transport_header(skb), skb->data + ETH_HLEN + 20);
	ck_assert(has_pattern(skb, 100));
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	/* an unset header stays unset */
	skb->transport_header = SKB_HEADER_UNSET;
	ck_assert_int_eq(pskb_expand_head(skb, 64, 0), 0);
	ck_assert_uint_eq(skb->transport_header, SKB_HEADER_UNSET);
	ck_assert_int_eq(skb_network_offset(skb), ETH_HLEN);
	consume_skb(skb);
}
END_TEST

START_TEST(test_scrub_within_a_namespace)
{
	struct sk_buff *skb = pattern_skb(0, 60);

	skb->pkt_type = PACKET_OTHERHOST;
	skb->skb_iif = 3;
	skb->mark = 7;
	skb->priority = 5;
	skb->ignore_df = 1;
	memset(skb->cb, 0xab, sizeof(skb->cb));
	skb_scrub_packet(skb, false);
	ck_assert_uint_eq(skb->pkt_type, PACKET_HOST);
	ck_assert_int_eq(skb->skb_iif, 0);
	ck_assert_uint_eq(skb->ignore_df, 0);
	ck_assert_uint_eq(skb->cb[0], 0);
	ck_assert_uint_eq(skb->cb[sizeof(skb->cb) - 1], 0);
	ck_assert_uint_eq(skb->mark, 7);	/* same namespace: kept */
	ck_assert_uint_eq(skb->priority, 5);
	ck_assert(has_pattern(skb, 60));
	consume_skb(skb);
}
END_TEST

static int destructor_calls;

static void count_destructor(struct sk_buff *skb)
{
	(void)skb;
	destructor_calls++;
}

START_TEST(test_scrub_across_namespaces_orphans)
{
	struct sk_buff *skb = pattern_skb(0, 60);

	destructor_calls = 0;
	skb->destructor = count_destructor;
	skb->mark = 7;
	skb->priority = 5;
	skb_scrub_packet(skb, true);
	ck_assert_int_eq(destructor_calls, 1);	/* skb_orphan */
	ck_assert_ptr_null(skb->destructor);
	ck_assert_ptr_null(skb->sk);
	ck_assert_uint_eq(skb->mark, 0);
	ck_assert_uint_eq(skb->priority, 0);
	consume_skb(skb);
	ck_assert_int_eq(destructor_calls, 1);	/* not again at the free */
}
END_TEST

START_TEST(test_destructor_runs_once_at_the_last_free)
{
	struct sk_buff *skb = pattern_skb(0, 10), *clone;

	destructor_calls = 0;
	skb->destructor = count_destructor;
	clone = skb_clone(skb);
	ck_assert_ptr_null(clone->destructor);	/* a clone is not charged */
	skb_get(skb);
	consume_skb(skb);
	ck_assert_int_eq(destructor_calls, 0);
	consume_skb(skb);
	ck_assert_int_eq(destructor_calls, 1);
	consume_skb(clone);
	ck_assert_int_eq(destructor_calls, 1);
}
END_TEST

/* ---- the end of a packet's life ------------------------------------------ */

START_TEST(test_kfree_skb_reason_records_a_drop)
{
	struct sk_buff *skb = alloc_skb(f.net, 60);

	record_drops();
	some_layer_drops(skb, SKB_DROP_REASON_NO_SOCKET);
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	skb = alloc_skb(f.net, 60);
	some_layer_drops(skb, SKB_DROP_REASON_NOT_SPECIFIED);	/* kfree_skb() */
	ck_assert_drops("NO_SOCKET@some_layer_drops,NOT_SPECIFIED@some_layer_drops");
}
END_TEST

START_TEST(test_consume_skb_is_not_a_drop)
{
	struct sk_buff *skb = alloc_skb(f.net, 60);

	record_drops();
	consume_skb(skb);
	skb = alloc_skb(f.net, 60);
	kfree_skb_reason(skb, SKB_CONSUMED);	/* the same, spelled as a reason */
	consume_skb(NULL);			/* allowed, as in the kernel */
	kfree_skb(NULL);
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_drop_of_a_shared_skb_waits_for_the_last_user)
{
	struct sk_buff *skb = alloc_skb(f.net, 60);

	record_drops();
	skb_get(skb);
	ck_assert_int_eq(skb->users, 2);
	some_layer_drops(skb, SKB_DROP_REASON_QDISC_DROP);	/* not the last */
	ck_assert_uint_eq(skb_pool_in_use(f.w), 1);
	ck_assert_drops("");
	some_layer_drops(skb, SKB_DROP_REASON_FULL_RING);
	ck_assert_drops("FULL_RING@some_layer_drops");
}
END_TEST

START_TEST(test_not_dropped_yet_is_not_specified)
{
	struct sk_buff *skb = alloc_skb(f.net, 60);

	record_drops();
	some_layer_drops(skb, SKB_NOT_DROPPED_YET);
	skb = alloc_skb(f.net, 60);
	some_layer_drops(skb, SKB_DROP_REASON_MAX);
	ck_assert_drops("NOT_SPECIFIED@some_layer_drops,NOT_SPECIFIED@some_layer_drops");
}
END_TEST

/* ---- queues ---------------------------------------------------------------- */

START_TEST(test_queue_order_and_unlink)
{
	struct sk_buff_head q;
	struct sk_buff *s[4];

	skb_queue_head_init(&q);
	ck_assert(skb_queue_empty(&q));
	ck_assert_ptr_null(skb_peek(&q));
	ck_assert_ptr_null(skb_dequeue(&q));
	for (int i = 0; i < 4; i++)
		s[i] = alloc_skb(f.net, 10);
	skb_queue_tail(&q, s[1]);
	skb_queue_tail(&q, s[2]);
	skb_queue_head(&q, s[0]);
	skb_queue_tail(&q, s[3]);
	ck_assert_uint_eq(skb_queue_len(&q), 4);
	ck_assert_ptr_eq(skb_peek(&q), s[0]);
	skb_unlink(s[2], &q);			/* from the middle */
	ck_assert_uint_eq(skb_queue_len(&q), 3);
	ck_assert_ptr_null(s[2]->next);
	ck_assert_ptr_eq(skb_dequeue(&q), s[0]);
	ck_assert_ptr_eq(skb_dequeue(&q), s[1]);
	ck_assert_ptr_eq(skb_dequeue(&q), s[3]);
	ck_assert_ptr_null(skb_dequeue(&q));
	ck_assert(skb_queue_empty(&q));
	ck_assert_uint_eq(skb_queue_len(&q), 0);
	for (int i = 0; i < 4; i++)
		consume_skb(s[i]);
}
END_TEST

/* A naive oracle: random pushes and pops against an array. */
START_TEST(test_queue_against_an_array)
{
	struct sim_rng rng;
	struct sk_buff_head q;
	struct sk_buff *ref[256];
	int n = 0;

	sim_rng_derive(&rng, 1, "test", "skb_queue");
	skb_queue_head_init(&q);
	for (int step = 0; step < 5000; step++) {
		u64 r = sim_rng_u64(&rng) % 5;

		if (r <= 1 && n < 256) {
			struct sk_buff *skb = alloc_skb(f.net, 0);

			if (r == 0) {
				skb_queue_tail(&q, skb);
				ref[n++] = skb;
			} else {
				skb_queue_head(&q, skb);
				memmove(ref + 1, ref, (size_t)n * sizeof(ref[0]));
				ref[0] = skb;
				n++;
			}
		} else if (r == 2 && n > 0) {
			struct sk_buff *skb = skb_dequeue(&q);

			ck_assert_ptr_eq(skb, ref[0]);
			memmove(ref, ref + 1, (size_t)--n * sizeof(ref[0]));
			consume_skb(skb);
		} else if (r == 3 && n > 0) {
			int k = (int)(sim_rng_u64(&rng) % (u64)n);
			struct sk_buff *skb = ref[k];

			skb_unlink(skb, &q);
			memmove(ref + k, ref + k + 1, (size_t)(n - k - 1) * sizeof(ref[0]));
			n--;
			consume_skb(skb);
		}
		ck_assert_uint_eq(skb_queue_len(&q), (u32)n);
		ck_assert_ptr_eq(skb_peek(&q), n ? ref[0] : NULL);
	}
	/* the whole order, front to back */
	{
		struct sk_buff *p = q.next;

		for (int i = 0; i < n; i++, p = p->next)
			ck_assert_ptr_eq(p, ref[i]);
		ck_assert_ptr_eq(p, (struct sk_buff *)&q);
	}
	skb_queue_purge(&q);
}
END_TEST

START_TEST(test_queue_purge_drops_each)
{
	struct sk_buff_head q;

	record_drops();
	skb_queue_head_init(&q);
	for (int i = 0; i < 3; i++)
		skb_queue_tail(&q, alloc_skb(f.net, 10));
	skb_queue_purge(&q);
	ck_assert(skb_queue_empty(&q));
	ck_assert_uint_eq(skb_pool_in_use(f.w), 0);
	ck_assert_drops("QUEUE_PURGE@skb_queue_purge_reason,"
			"QUEUE_PURGE@skb_queue_purge_reason,"
			"QUEUE_PURGE@skb_queue_purge_reason");
	skb_queue_tail(&q, alloc_skb(f.net, 10));
	skb_queue_purge_reason(&q, SKB_DROP_REASON_DEV_READY);
	ck_assert_drops("QUEUE_PURGE@skb_queue_purge_reason,"
			"QUEUE_PURGE@skb_queue_purge_reason,"
			"QUEUE_PURGE@skb_queue_purge_reason,"
			"DEV_READY@skb_queue_purge_reason");
}
END_TEST

/* ---- -ENOMEM ---------------------------------------------------------------- */

START_TEST(test_fail_after_counts_allocations)
{
	struct sk_buff *a, *b;

	record_drops();
	skb_pool_fail_after(f.w, 2);		/* the second from now fails */
	a = alloc_skb(f.net, 100);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(alloc_skb(f.net, 100));
	b = alloc_skb(f.net, 100);		/* one-shot: works again */
	ck_assert_ptr_nonnull(b);
	skb_pool_fail_after(f.w, 1);
	ck_assert_ptr_null(netdev_alloc_skb(f.net->loopback_dev, 100));
	skb_pool_fail_after(f.w, 5);
	skb_pool_fail_after(f.w, 0);		/* off */
	for (int i = 0; i < 10; i++)
		consume_skb(alloc_skb(f.net, 10));
	consume_skb(a);
	consume_skb(b);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_enomem_leaves_the_original_intact)
{
	struct sk_buff *skb = pattern_skb(16, 100), *clone;
	unsigned char *head = skb->head;

	record_drops();
	skb_pool_fail_after(f.w, 1);
	ck_assert_ptr_null(skb_clone(skb));
	skb_pool_fail_after(f.w, 1);
	ck_assert_ptr_null(skb_copy(skb));
	skb_pool_fail_after(f.w, 1);
	ck_assert_int_eq(pskb_expand_head(skb, 64, 0), -ENOMEM);
	skb_pool_fail_after(f.w, 1);
	ck_assert_int_eq(skb_cow(skb, 200), -ENOMEM);
	ck_assert_ptr_eq(skb->head, head);
	ck_assert_uint_eq(skb_headroom(skb), 16);
	ck_assert(has_pattern(skb, 100));
	ck_assert_uint_eq(skb_pool_in_use(f.w), 1);

	/* cow of a clone that cannot copy: both still share, both intact */
	clone = skb_clone(skb);
	skb_pool_fail_after(f.w, 1);
	ck_assert_int_eq(skb_cow(clone, 0), -ENOMEM);
	ck_assert_ptr_eq(clone->head, head);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 2);
	consume_skb(clone);
	consume_skb(skb);
	ck_assert_drops("");
}
END_TEST

START_TEST(test_unshare_enomem_drops_the_clone)
{
	struct sk_buff *skb = pattern_skb(0, 60);
	struct sk_buff *clone = skb_clone(skb);

	record_drops();
	skb_pool_fail_after(f.w, 1);
	/* skb_unshare(): no copy, so the shared skb is freed with kfree_skb() */
	ck_assert_ptr_null(skb_unshare(clone));
	ck_assert_uint_eq(skb_pool_in_use(f.w), 1);
	ck_assert_int_eq(skb_shinfo(skb)->dataref, 1);
	consume_skb(skb);
	ck_assert_drops("NOT_SPECIFIED@skb_unshare");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("skbuff");
	TCase *tc = tcase_create("skbuff");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_alloc_skb_truesize_is_the_kmalloc_bucket, 0,
			    (int)G_N_ELEMENTS(truesize_cases));
	tcase_add_test(tc, test_netdev_alloc_skb_leaves_net_skb_pad);
	tcase_add_test(tc, test_ids_are_unique_and_pool_counts_live_skbs);
	tcase_add_test(tc, test_reserve_put_push_pull);
	tcase_add_test(tc, test_put_zero_and_put_data);
	tcase_add_test(tc, test_trim_shortens_never_lengthens);
	tcase_add_test(tc, test_copy_bits_checks_bounds);
	tcase_add_test(tc, test_put_padto_pads_with_zeros);
	tcase_add_test(tc, test_put_padto_grows_a_full_buffer);
	tcase_add_test(tc, test_put_padto_unshares_a_clone);
	tcase_add_test(tc, test_put_padto_frees_on_enomem);
	tcase_add_test(tc, test_header_offsets);
	tcase_add_test(tc, test_clone_shares_the_data);
	tcase_add_test(tc, test_clone_freed_first);
	tcase_add_test(tc, test_cow_of_a_clone_copies);
	tcase_add_test(tc, test_cow_keeps_a_private_head_with_room);
	tcase_add_test(tc, test_copy_is_independent);
	tcase_add_test(tc, test_unshare);
	tcase_add_test(tc, test_expand_head_keeps_header_offsets);
	tcase_add_test(tc, test_scrub_within_a_namespace);
	tcase_add_test(tc, test_scrub_across_namespaces_orphans);
	tcase_add_test(tc, test_destructor_runs_once_at_the_last_free);
	tcase_add_test(tc, test_kfree_skb_reason_records_a_drop);
	tcase_add_test(tc, test_consume_skb_is_not_a_drop);
	tcase_add_test(tc, test_drop_of_a_shared_skb_waits_for_the_last_user);
	tcase_add_test(tc, test_not_dropped_yet_is_not_specified);
	tcase_add_test(tc, test_queue_order_and_unlink);
	tcase_add_test(tc, test_queue_against_an_array);
	tcase_add_test(tc, test_queue_purge_drops_each);
	tcase_add_test(tc, test_fail_after_counts_allocations);
	tcase_add_test(tc, test_enomem_leaves_the_original_intact);
	tcase_add_test(tc, test_unshare_enomem_drops_the_clone);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
