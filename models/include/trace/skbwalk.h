/*
 * models/include/trace/skbwalk.h - tracepoints for the packet walkthrough
 *
 * Plays the part of include/trace/events/skb.h and the kprobes pwru puts
 * on every function that takes an skb: a model function calls
 * trace_skb_walk(skb, dev, "fmt", ...) where the kernel function of the
 * same name does its work, with what it decided (route, TTL, neighbour
 * state, verdict...).  Nothing happens unless the packet is followed or
 * may be: skb->walk is a walk's number, SKB_WALK_CANDIDATE for a packet
 * made while a walk was armed (alloc_skb marks it; clones and copies
 * inherit it), or 0.  So with no walk armed a tracepoint costs one load
 * of a field of the skb in hand and a branch.  A packet that already
 * existed when a walk was armed (queued, on the wire) is not followed.
 *
 * The implementation (models/core/skb_walk.c) keeps the points of packets
 * that are not yet known to match (a socket's skb before its IP header is
 * built) and hands them to sim/trace/walk.c once the packet matches, so
 * a walk starts at the sending socket, not at the first header.
 */
#ifndef _SKBSIM_TRACE_SKBWALK_H
#define _SKBSIM_TRACE_SKBWALK_H

#include "linux/skbuff.h"
#include "net/kernel.h"
#include "sim/world.h"

struct net_device;

/*
 * Built with -DSKBSIM_WALK=OFF (SKBSIM_NO_WALK), no tracepoint does
 * anything: the compiler drops them (their arguments still type-check).
 */
#define SKB_WALK_CANDIDATE	UINT32_MAX	/* made while armed; not matched yet */

static inline bool skb_walk_active(const struct sk_buff *skb)
{
#ifdef SKBSIM_NO_WALK
	(void)skb;
	return false;
#else
	return skb->walk != 0;
#endif
}

void __trace_skb_walk(struct sk_buff *skb, const char *func, const char *file,
		      const struct net_device *dev, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* A point in the calling function: trace_skb_walk(skb, dev, "ttl %u", ttl). */
#define trace_skb_walk(skb, dev, ...)						\
	do {									\
		if (unlikely(skb_walk_active(skb)))				\
			__trace_skb_walk((skb), __func__, __FILE__, (dev), __VA_ARGS__); \
	} while (0)

/* A point named for another function (fib_lookup, called without the skb). */
#define trace_skb_walk_fn(skb, func, dev, ...)					\
	do {									\
		if (unlikely(skb_walk_active(skb)))				\
			__trace_skb_walk((skb), (func), __FILE__, (dev), __VA_ARGS__); \
	} while (0)

/* An IPv4 address in a trace format: "to " WALK_IP4, WALK_IP4_ARG(daddr) */
#define WALK_IP4 "%u.%u.%u.%u"
#define WALK_IP4_ARG(a)								\
	(unsigned int)(ntohl(a) >> 24), (unsigned int)((ntohl(a) >> 16) & 0xff),	\
	(unsigned int)((ntohl(a) >> 8) & 0xff), (unsigned int)(ntohl(a) & 0xff)

struct fib_result;
/* Names for trace details: RTN_* ("unicast"), a FIB result ("10.0.2.0/24 dev eth1"). */
const char *walk_rtn_name(unsigned int type);
const char *walk_fib_res(const struct fib_result *res, char *buf, size_t size);
const char *walk_nf_hook_name(u8 pf, unsigned int hook);

/*
 * The end of a packet's life: kfree_skb_reason() (@reason, in @func) or
 * consume_skb() (SKB_CONSUMED).  Called from models/core/skbuff.c only.
 */
void skb_walk_free(struct sk_buff *skb, enum skb_drop_reason reason, const char *func);

/* Frees the pending points of the world (kernel_world_exit). */
void skb_walk_exit(struct world *w);
/* Packets holding pending points (tests). */
unsigned int skb_walk_pending_count(struct world *w);

#endif
