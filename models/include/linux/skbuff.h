/*
 * models/include/linux/skbuff.h - socket buffers
 *
 * Mirrors include/linux/skbuff.h: a struct sk_buff describes a packet
 * whose bytes live in a separate buffer, head..end, with data..tail the
 * packet and headroom before data for headers pushed on the way down.
 * Header positions are offsets from head (mac_header, network_header,
 * transport_header), as on 64-bit kernels.  A clone shares the buffer
 * (skb_shared_info.dataref counts the users) and must be unshared before
 * its bytes are written (skb_cow, skb_unshare).
 *
 * Differences from the kernel: every skb is linear (no page frags, no
 * GSO/GRO skbs; data_len is always 0); skbs and buffers come from a
 * per-world pool (struct skb_pool) instead of slab caches, and allocation
 * takes the namespace so a pool, a leak count and drop accounting exist per
 * simulation.  truesize is computed as the kernel computes it for a
 * kmalloc'ed head (SKB_TRUESIZE of the slab bucket), so socket buffer
 * accounting matches Linux although our own memory use differs.
 */
#ifndef _SKBSIM_LINUX_SKBUFF_H
#define _SKBSIM_LINUX_SKBUFF_H

#include <string.h>

#include "linux/types.h"
#include "net/dropreason.h"
#include "sim/err.h"
#include "sim/time.h"

struct net;
struct net_device;
struct sock;
struct dst_entry;
struct skb_pool;

/* skb->pkt_type, as include/uapi/linux/if_packet.h */
#define PACKET_HOST		0
#define PACKET_BROADCAST	1
#define PACKET_MULTICAST	2
#define PACKET_OTHERHOST	3
#define PACKET_OUTGOING		4
#define PACKET_LOOPBACK		5

/* skb->ip_summed */
#define CHECKSUM_NONE		0
#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

/* Sizes the kernel's truesize arithmetic uses on x86_64. */
#define SMP_CACHE_BYTES		64
#define SKB_DATA_ALIGN(x)	ALIGN((x), SMP_CACHE_BYTES)
#define SKB_STRUCT_SIZE		256	/* SKB_DATA_ALIGN(sizeof(struct sk_buff)) */
#define SKB_SHINFO_SIZE		320	/* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define SKB_TRUESIZE(x)		((x) + SKB_STRUCT_SIZE + SKB_SHINFO_SIZE)
#define NET_SKB_PAD		64	/* max(32, L1_CACHE_BYTES) */
#define NET_IP_ALIGN		0	/* x86: 0 */

struct skb_shared_info {
	int dataref;			/* users of the buffer (clones) */
	unsigned int nr_frags;		/* always 0: linear skbs only */
	unsigned short gso_size;
	unsigned short gso_segs;
};

struct sk_buff {
	struct sk_buff *next, *prev;	/* queues (struct sk_buff_head) */
	struct sock *sk;
	struct net_device *dev;
	struct dst_entry *dst;		/* skb_dst(); refdst flags not modelled */
	sim_time_t tstamp;
	/* per-layer private data: IPCB(skb), NAPI_GRO_CB(skb)... */
	char cb[48] __attribute__((aligned(8)));

	unsigned int len;
	unsigned int data_len;		/* always 0 */
	u16 mac_len;
	u16 queue_mapping;
	u8 cloned:1, nohdr:1, pkt_type:3, ignore_df:1, ip_summed:2;
	u8 ooo_okay:1, l4_hash:1, sw_hash:1, redirected:1, from_ingress:1,
	   offload_fwd_mark:1, peeked:1;
	u16 tc_index;

	u32 priority;
	int skb_iif;			/* ifindex it arrived on */
	u32 hash;
	u32 mark;
	unsigned int napi_id;		/* NAPI instance it came through (skb_mark_napi_id) */
	__be16 protocol;
	u16 transport_header;		/* offsets from head; ~0: unset */
	u16 network_header;
	u16 mac_header;

	unsigned char *head, *data;
	unsigned int tail, end;		/* offsets from head */
	unsigned int truesize;
	int users;			/* refcount of this sk_buff */
	void (*destructor)(struct sk_buff *skb);	/* sock_wfree, sock_rfree */

	/* skbsim: where it came from and who it is, for traces and walks */
	struct skb_pool *pool;
	u64 id;				/* unique in the world, from 1 */
	u64 parent_id;			/* clone or fragment source, or 0 */
	u32 walk;			/* net:walk number following it, or 0 */
	unsigned int buf_size;		/* bytes of the buffer (pool class) */
};

struct sk_buff_head {
	struct sk_buff *next, *prev;	/* must match sk_buff's first fields */
	u32 qlen;
};

#define SKB_HEADER_UNSET 0xffff

/* ---- allocation and freeing (models/core/skbuff.c) -------------------- */

/*
 * alloc_skb - a linear skb with room for @size bytes, len 0, data == head.
 * Takes the namespace (the kernel's takes gfp flags) to find the world's
 * pool.  Never fails: the simulator has no GFP_ATOMIC failures unless a
 * test injects them (skb_pool_fail_after), then returns NULL.
 */
struct sk_buff *alloc_skb(struct net *net, unsigned int size);
/* netdev_alloc_skb: NET_SKB_PAD of headroom, dev set (receive path). */
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);

void kfree_skb_reason_at(struct sk_buff *skb, enum skb_drop_reason reason,
			 const char *func);
/* Drops @skb with @reason, recording the calling function's name. */
#define kfree_skb_reason(skb, reason) kfree_skb_reason_at(skb, reason, __func__)
#define kfree_skb(skb) kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED)
/* The normal end of a packet's life: not a drop. */
void consume_skb_at(struct sk_buff *skb, const char *func);
#define consume_skb(skb) consume_skb_at(skb, __func__)

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	skb->users++;
	return skb;
}

struct sk_buff *skb_clone(struct sk_buff *skb);
struct sk_buff *skb_copy(const struct sk_buff *skb);
/* Reallocates the head with @nhead more headroom and @ntail more tailroom. */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail);
/* Makes the head private and gives it @headroom; 0 or -ENOMEM. */
int skb_cow(struct sk_buff *skb, unsigned int headroom);
int skb_cow_head(struct sk_buff *skb, unsigned int headroom);
/* Copy of a cloned skb (consumes @skb), or @skb itself when not cloned. */
struct sk_buff *skb_unshare(struct sk_buff *skb);
/* Clears route, socket, mark... of a packet leaving its namespace (@xnet). */
void skb_scrub_packet(struct sk_buff *skb, bool xnet);

/* ---- the buffer ------------------------------------------------------- */

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)(skb->head + skb->end);
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}

static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->end;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && skb_shinfo(skb)->dataref != 1;
}

static inline void skb_reserve(struct sk_buff *skb, int len)
{
	SIM_BUG_ON(skb->len || (int)skb_tailroom(skb) < len);
	skb->data += len;
	skb->tail += (unsigned int)len;
}

/* Adds @len bytes at the tail; returns where they start. */
void *skb_put(struct sk_buff *skb, unsigned int len);
void *skb_put_zero(struct sk_buff *skb, unsigned int len);
void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len);
/* Adds @len bytes of header in front of data. */
void *skb_push(struct sk_buff *skb, unsigned int len);
/* Removes @len bytes from the front; NULL (and nothing pulled) if short. */
void *skb_pull(struct sk_buff *skb, unsigned int len);
/* Shortens the packet to @len (no-op if already shorter). */
void skb_trim(struct sk_buff *skb, unsigned int len);
int pskb_trim_rcsum(struct sk_buff *skb, unsigned int len);
/* The first @len bytes are in the linear area (always true when len <= skb->len). */
static inline bool pskb_may_pull(const struct sk_buff *skb, unsigned int len)
{
	return len <= skb_headlen(skb);
}
/* Pads with zeros to @len (the frame minimum); 0, or -ENOMEM after freeing. */
int skb_put_padto(struct sk_buff *skb, unsigned int len);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);

/* ---- header offsets --------------------------------------------------- */

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (u16)(skb->data - skb->head);
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (u16)(skb->data - skb->head);
}

static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb->network_header = (u16)(skb->data - skb->head + offset);
}

static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb->transport_header = (u16)(skb->data - skb->head + offset);
}

static inline void skb_set_mac_header(struct sk_buff *skb, int offset)
{
	skb->mac_header = (u16)(skb->data - skb->head + offset);
}

static inline bool skb_mac_header_was_set(const struct sk_buff *skb)
{
	return skb->mac_header != SKB_HEADER_UNSET;
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}

static inline int skb_mac_offset(const struct sk_buff *skb)
{
	return (int)(skb_mac_header(skb) - skb->data);
}

static inline void skb_reset_mac_len(struct sk_buff *skb)
{
	skb->mac_len = (u16)(skb->network_header - skb->mac_header);
}

static inline struct dst_entry *skb_dst(const struct sk_buff *skb)
{
	return skb->dst;
}

static inline void skb_record_rx_queue(struct sk_buff *skb, u16 rx_queue)
{
	skb->queue_mapping = (u16)(rx_queue + 1);
}

static inline u16 skb_get_rx_queue(const struct sk_buff *skb)
{
	return (u16)(skb->queue_mapping - 1);
}

/* ---- queues ----------------------------------------------------------- */

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	list->prev = list->next = (struct sk_buff *)list;
	list->qlen = 0;
}

static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)list;
}

static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	return skb == (const struct sk_buff *)list ? NULL : skb;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk);
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
/* Frees every skb of @list with @reason. */
void skb_queue_purge_reason(struct sk_buff_head *list, enum skb_drop_reason reason);
#define skb_queue_purge(list) skb_queue_purge_reason(list, SKB_DROP_REASON_QUEUE_PURGE)

/* ---- the world's pool (models/core/skbuff.c) -------------------------- */

struct world;

int skb_pool_init(struct world *w, struct sim_err *err);
void skb_pool_exit(struct world *w);
/* Live skbs of the world (a world must end with none). */
u64 skb_pool_in_use(const struct world *w);
/* Tests: make the @n-th allocation from now fail (0 turns it off). */
void skb_pool_fail_after(struct world *w, u64 n);
/* The node an skb's drop or trace belongs to (via dev or sk), or NULL. */
struct node *skb_node(const struct sk_buff *skb);

#endif
