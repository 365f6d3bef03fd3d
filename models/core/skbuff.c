/*
 * models/core/skbuff.c - socket buffer allocation, cloning and freeing
 *
 * Mirrors net/core/skbuff.c: __alloc_skb, skb_clone, skb_copy,
 * pskb_expand_head, skb_put/push/pull, the sk_buff_head queue helpers and
 * the two ends of a packet's life, consume_skb() and kfree_skb_reason().
 * Differences (see linux/skbuff.h): linear skbs only; a per-world pool of
 * shells and size-classed buffers instead of slab caches.
 *
 * Every drop passes through kfree_skb_reason(): it is counted per node and
 * reason, written to metrics.db's drops table with the function that
 * dropped it, and summarised at the end of the run.
 */
#include "linux/skbuff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "linux/netdevice.h"
#include "net/kernel.h"
#include "net/dst.h"
#include "net/net_namespace.h"
#include "net/sock.h"
#include "sim/trace/metrics.h"
#include "trace/capture.h"
#include "trace/skbwalk.h"

#define DROP_REASON_NAME(name) [SKB_DROP_REASON_##name] = #name,
static const char *const drop_reason_names[SKB_DROP_REASON_MAX] = {
	[SKB_NOT_DROPPED_YET] = "NOT_DROPPED_YET",
	[SKB_CONSUMED] = "CONSUMED",
	SKB_DROP_REASONS(DROP_REASON_NAME)
};
#undef DROP_REASON_NAME

const char *skb_drop_reason_name(enum skb_drop_reason reason)
{
	if ((unsigned int)reason >= SKB_DROP_REASON_MAX || !drop_reason_names[reason])
		return "NOT_SPECIFIED";
	return drop_reason_names[reason];
}

/* ---- the pool ------------------------------------------------------------ */

/* Buffer size classes (bytes including skb_shared_info), the pool's slabs. */
static const unsigned int buf_classes[8] = {
	512, 1024, 2048, 4096, 8192, 16384, 32768, 65536 + 1024,
};

static void *free_list_pop(struct skb_free_list *fl)
{
	void *p = fl->head;

	if (p)
		fl->head = *(void **)p;
	return p;
}

static void free_list_push(struct skb_free_list *fl, void *p)
{
	*(void **)p = fl->head;
	fl->head = p;
}

static int buf_class(unsigned int size)
{
	for (int i = 0; i < 8; i++)
		if (size <= buf_classes[i])
			return i;
	return -1;
}

/*
 * kmalloc_size - the slab bucket kmalloc would use for @size, which is what
 * the kernel's truesize counts (ksize() of the head).
 */
static unsigned int kmalloc_size(unsigned int size)
{
	static const unsigned int small[] = { 8, 16, 32, 64, 96, 128, 192, 256 };
	unsigned int s;

	for (size_t i = 0; i < G_N_ELEMENTS(small); i++)
		if (size <= small[i])
			return small[i];
	for (s = 512; s < size; s <<= 1)
		;
	return s;
}

/*
 * SKB_SMALL_HEAD_CACHE_SIZE: heads of up to SKB_HEAD_ALIGN(MAX_TCP_HEADER)
 * bytes (256 of data and the shared info, x86_64 without tunnels) come from
 * a cache of their own since 6.3, so a small datagram's truesize is 832.
 */
#define SKB_SMALL_HEAD_CACHE_SIZE	(256 + SKB_SHINFO_SIZE)

int skb_pool_init(struct world *w, struct sim_err *err)
{
	struct kernel_world *kw = kernel_world(w);

	(void)err;
	kw->skb_pool.w = w;
	kw->skb_pool.next_id = 1;
	return 0;
}

void skb_pool_exit(struct world *w)
{
	struct skb_pool *pool = &kernel_world(w)->skb_pool;
	void *p;

	while ((p = free_list_pop(&pool->free_skbs)))
		g_free(p);
	for (int i = 0; i < 8; i++)
		while ((p = free_list_pop(&pool->free_bufs[i])))
			g_free(p);
}

u64 skb_pool_in_use(const struct world *w)
{
	return kernel_world(w)->skb_pool.in_use;
}

void skb_pool_fail_after(struct world *w, u64 n)
{
	kernel_world(w)->skb_pool.fail_after = n;
}

static unsigned char *buf_alloc(struct skb_pool *pool, unsigned int size,
				unsigned int *got)
{
	int c = buf_class(size);
	unsigned char *buf;

	if (c < 0) {
		*got = size;
		return g_malloc(size);
	}
	*got = buf_classes[c];
	buf = free_list_pop(&pool->free_bufs[c]);
	return buf ? buf : g_malloc(buf_classes[c]);
}

static void buf_free(struct skb_pool *pool, unsigned char *buf, unsigned int size)
{
	int c = buf_class(size);

	if (c < 0 || (unsigned int)buf_classes[c] != size)
		g_free(buf);
	else
		free_list_push(&pool->free_bufs[c], buf);
}

static struct sk_buff *shell_alloc(struct skb_pool *pool)
{
	struct sk_buff *skb = free_list_pop(&pool->free_skbs);

	if (!skb)
		skb = g_malloc(sizeof(*skb));
	memset(skb, 0, sizeof(*skb));
	skb->pool = pool;
	skb->users = 1;
	skb->id = pool->next_id++;
	if (unlikely(pool->w->walk_armed))
		skb->walk = SKB_WALK_CANDIDATE;	/* may start a walk (trace/skbwalk.h) */
	skb->mac_header = skb->network_header = skb->transport_header = SKB_HEADER_UNSET;
	pool->in_use++;
	pool->allocs++;
	world_obj_get(pool->w, SIM_OBJ_SKB);
	return skb;
}

static void shell_free(struct sk_buff *skb)
{
	struct skb_pool *pool = skb->pool;

	pool->in_use--;
	pool->frees++;
	world_obj_put(pool->w, SIM_OBJ_SKB);
	free_list_push(&pool->free_skbs, skb);
}

static bool pool_should_fail(struct skb_pool *pool)
{
	if (pool->fail_after == 0)
		return false;
	return --pool->fail_after == 0;
}

/* __alloc_skb: the head holds @size bytes; skb_shared_info sits at end. */
static struct sk_buff *__alloc_skb(struct skb_pool *pool, unsigned int size)
{
	unsigned int want = SKB_DATA_ALIGN(size), got;
	struct sk_buff *skb;
	struct skb_shared_info *shinfo;

	if (pool_should_fail(pool))
		return NULL;
	skb = shell_alloc(pool);
	skb->head = buf_alloc(pool, want + (unsigned int)sizeof(struct skb_shared_info), &got);
	skb->buf_size = got;
	skb->data = skb->head;
	skb->tail = 0;
	skb->end = want;
	/* the kernel counts the slab bucket of (aligned size + shinfo); small
	 * heads come from skb_small_head_cache (kmalloc_reserve, 6.3+) */
	skb->truesize = want + SKB_SHINFO_SIZE <= SKB_SMALL_HEAD_CACHE_SIZE
		? SKB_TRUESIZE(SKB_SMALL_HEAD_CACHE_SIZE - SKB_SHINFO_SIZE)
		: SKB_TRUESIZE(kmalloc_size(want + SKB_SHINFO_SIZE) - SKB_SHINFO_SIZE);
	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(*shinfo));
	shinfo->dataref = 1;
	return skb;
}

struct sk_buff *alloc_skb(struct net *net, unsigned int size)
{
	return __alloc_skb(&kernel_world(net_world(net))->skb_pool, size);
}

struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), length + NET_SKB_PAD);

	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

/* ---- freeing ------------------------------------------------------------- */

static void skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (--shinfo->dataref == 0)
		buf_free(skb->pool, skb->head, skb->buf_size);
}

static void __kfree_skb(struct sk_buff *skb)
{
	/* skb_release_head_state: the destructor (socket accounting) first */
	if (skb->destructor)
		skb->destructor(skb);
	if (skb->dst)
		dst_release(skb->dst);
	skb_release_data(skb);
	shell_free(skb);
}

/* skb_unref: true when the caller held the last reference. */
static bool skb_unref(struct sk_buff *skb)
{
	if (!skb)
		return false;
	SIM_BUG_ON(skb->users <= 0);
	return --skb->users == 0;
}

struct node *skb_node(const struct sk_buff *skb)
{
	if (skb->dev)
		return dev_net(skb->dev)->node;
	if (skb->sk)
		return sock_net(skb->sk)->node;
	return NULL;
}

/* A short description of what was dropped, for the drops table. */
static void skb_describe(const struct sk_buff *skb, char *proto, size_t plen)
{
	snprintf(proto, plen, "0x%04x", (unsigned int)g_ntohs(skb->protocol));
}

static void record_drop(struct sk_buff *skb, enum skb_drop_reason reason, const char *func)
{
	struct world *w = skb->pool->w;
	char proto[16], summary[32];
	bool row;

	if (!w->metrics)
		return;
	/* describing the packet costs more than counting it: only for a row */
	row = sim_metrics_drop_rows_left(w->metrics);
	if (row) {
		skb_describe(skb, proto, sizeof(proto));
		snprintf(summary, sizeof(summary), "len %u", skb->len);
	}
	sim_metrics_drop(w->metrics, sim_now(w), skb_node(skb), skb->dev ? skb->dev->name : NULL,
			 skb_drop_reason_name(reason), func, row ? proto : NULL,
			 row ? summary : NULL);
}

void kfree_skb_reason_at(struct sk_buff *skb, enum skb_drop_reason reason, const char *func)
{
	if (!skb_unref(skb))
		return;
	if (reason == SKB_CONSUMED) {
		if (unlikely(skb_walk_active(skb)))
			skb_walk_free(skb, SKB_CONSUMED, func);
		__kfree_skb(skb);
		return;
	}
	if (reason == SKB_NOT_DROPPED_YET || reason >= SKB_DROP_REASON_MAX)
		reason = SKB_DROP_REASON_NOT_SPECIFIED;
	record_drop(skb, reason, func);
	if (unlikely(skb->pool->w->capture_annotate))
		skb_capture_drop(skb, reason, func);
	if (unlikely(skb_walk_active(skb)))
		skb_walk_free(skb, reason, func);
	__kfree_skb(skb);
}

void consume_skb_at(struct sk_buff *skb, const char *func)
{
	if (!skb_unref(skb))
		return;
	if (unlikely(skb_walk_active(skb)))
		skb_walk_free(skb, SKB_CONSUMED, func);
	__kfree_skb(skb);
}

/* ---- clone, copy, expand ---------------------------------------------- */

static void copy_header_fields(struct sk_buff *n, const struct sk_buff *old)
{
	n->sk = NULL;			/* a copy is not charged to the socket */
	n->destructor = NULL;
	n->dev = old->dev;
	n->dst = old->dst;
	if (n->dst)
		dst_hold(n->dst);
	n->tstamp = old->tstamp;
	memcpy(n->cb, old->cb, sizeof(n->cb));
	n->mac_len = old->mac_len;
	n->queue_mapping = old->queue_mapping;
	n->pkt_type = old->pkt_type;
	n->ignore_df = old->ignore_df;
	n->ip_summed = old->ip_summed;
	n->priority = old->priority;
	n->skb_iif = old->skb_iif;
	n->hash = old->hash;
	n->l4_hash = old->l4_hash;
	n->sw_hash = old->sw_hash;
	n->mark = old->mark;
	n->napi_id = old->napi_id;
	n->protocol = old->protocol;
	n->tc_index = old->tc_index;
	n->parent_id = old->id;
	n->walk = old->walk;
}

struct sk_buff *skb_clone(struct sk_buff *skb)
{
	struct sk_buff *n;

	if (pool_should_fail(skb->pool))
		return NULL;
	n = shell_alloc(skb->pool);
	copy_header_fields(n, skb);
	n->head = skb->head;
	n->data = skb->data;
	n->tail = skb->tail;
	n->end = skb->end;
	n->len = skb->len;
	n->buf_size = skb->buf_size;
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	n->truesize = skb->truesize;	/* __skb_clone keeps the truesize */
	n->cloned = 1;
	skb->cloned = 1;
	skb_shinfo(skb)->dataref++;
	return n;
}

struct sk_buff *skb_copy(const struct sk_buff *skb)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n = __alloc_skb(skb->pool, skb->end);

	if (!n)
		return NULL;
	skb_reserve(n, (int)headroom);
	skb_put(n, skb->len);
	memcpy(n->head, skb->head, skb->tail);
	copy_header_fields(n, skb);
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	return n;
}

int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail)
{
	unsigned int size = SKB_DATA_ALIGN(skb->end + (unsigned int)nhead + (unsigned int)ntail);
	unsigned int got, off = (unsigned int)nhead;
	unsigned char *data;
	struct skb_shared_info *shinfo;

	SIM_BUG_ON(nhead < 0 || ntail < 0 || skb->users != 1);
	if (pool_should_fail(skb->pool))
		return -ENOMEM;
	data = buf_alloc(skb->pool, size + (unsigned int)sizeof(struct skb_shared_info), &got);
	memcpy(data + off, skb->head, skb->tail);
	skb_release_data(skb);
	skb->data = data + off + (skb->data - skb->head);
	skb->head = data;
	skb->buf_size = got;
	skb->end = size;
	skb->tail += off;
	if (skb->mac_header != SKB_HEADER_UNSET)
		skb->mac_header += (u16)off;
	if (skb->network_header != SKB_HEADER_UNSET)
		skb->network_header += (u16)off;
	if (skb->transport_header != SKB_HEADER_UNSET)
		skb->transport_header += (u16)off;
	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(*shinfo));
	shinfo->dataref = 1;
	skb->cloned = 0;
	return 0;
}

static int __skb_cow(struct sk_buff *skb, unsigned int headroom, bool cloned)
{
	int delta = 0;

	if (headroom > skb_headroom(skb))
		delta = (int)(headroom - skb_headroom(skb));
	if (delta || cloned)
		return pskb_expand_head(skb, (int)ALIGN((unsigned int)delta, NET_SKB_PAD), 0);
	return 0;
}

int skb_cow(struct sk_buff *skb, unsigned int headroom)
{
	return __skb_cow(skb, headroom, skb_cloned(skb));
}

int skb_cow_head(struct sk_buff *skb, unsigned int headroom)
{
	return __skb_cow(skb, headroom, skb_cloned(skb));
}

struct sk_buff *skb_unshare(struct sk_buff *skb)
{
	struct sk_buff *n;

	if (!skb_cloned(skb))
		return skb;
	n = skb_copy(skb);
	kfree_skb_reason(skb, n ? SKB_CONSUMED : SKB_DROP_REASON_NOT_SPECIFIED);
	return n;
}

/*
 * skb_scrub_packet - forget everything of the namespace the packet leaves
 * (route, socket, mark, priority): what crosses a wire or a veth pair
 * arrives as a new packet.
 */
void skb_scrub_packet(struct sk_buff *skb, bool xnet)
{
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
	if (skb->dst) {
		dst_release(skb->dst);
		skb->dst = NULL;
	}
	if (xnet) {
		if (skb->destructor)
			skb->destructor(skb);
		skb->destructor = NULL;
		skb->sk = NULL;
		skb->mark = 0;
		skb->priority = 0;
	}
	memset(skb->cb, 0, sizeof(skb->cb));
}

/* ---- data --------------------------------------------------------------- */

void *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb_tail_pointer(skb);

	SIM_BUG_ON(skb->tail + len > skb->end);	/* skb_over_panic */
	skb->tail += len;
	skb->len += len;
	return tmp;
}

void *skb_put_zero(struct sk_buff *skb, unsigned int len)
{
	return memset(skb_put(skb, len), 0, len);
}

void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	return memcpy(skb_put(skb, len), data, len);
}

void *skb_push(struct sk_buff *skb, unsigned int len)
{
	SIM_BUG_ON(skb_headroom(skb) < len);	/* skb_under_panic */
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (unsigned int)(skb->data - skb->head) + len;
	}
}

int pskb_trim_rcsum(struct sk_buff *skb, unsigned int len)
{
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	skb_trim(skb, len);
	return 0;
}

int skb_put_padto(struct sk_buff *skb, unsigned int len)
{
	unsigned int size = skb->len;

	if (size >= len)
		return 0;
	if (skb_tailroom(skb) < (int)(len - size) || skb_cloned(skb)) {
		if (pskb_expand_head(skb, 0, (int)(len - size)) < 0) {
			kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
			return -ENOMEM;
		}
	}
	skb_put_zero(skb, len - size);
	return 0;
}

int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)(offset + len) > skb->len)
		return -EFAULT;
	memcpy(to, skb->data + offset, (size_t)len);
	return 0;
}

/* ---- queues -------------------------------------------------------------- */

static void __skb_insert(struct sk_buff *newsk, struct sk_buff *prev, struct sk_buff *next,
			 struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	next->prev = newsk;
	prev->next = newsk;
	list->qlen++;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, list->prev, (struct sk_buff *)list, list);
}

void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, (struct sk_buff *)list, list->next, list);
}

void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	struct sk_buff *next = skb->next, *prev = skb->prev;

	list->qlen--;
	skb->next = skb->prev = NULL;
	next->prev = prev;
	prev->next = next;
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		skb_unlink(skb, list);
	return skb;
}

void skb_queue_purge_reason(struct sk_buff_head *list, enum skb_drop_reason reason)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)))
		kfree_skb_reason(skb, reason);
}
