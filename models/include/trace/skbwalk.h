/*
 * models/include/trace/skbwalk.h - tracepoints for the packet walkthrough
 *
 * Plays the part of include/trace/events/skb.h and the kprobes pwru puts
 * on every function that takes an skb: a model function calls
 * trace_skb_walk(skb, dev, "fmt", ...) where the kernel function of the
 * same name does its work, with what it decided (route, TTL, neighbour
 * state, verdict...).  Nothing happens unless a walk is armed in the world
 * or the packet is already being followed (skb->walk), so the cost with
 * no walk is one or two loads and a branch.
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

static inline bool skb_walk_active(const struct sk_buff *skb)
{
	return skb->walk || unlikely(skb->pool->w->walk_armed);
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

/*
 * The end of a packet's life: kfree_skb_reason() (@reason, in @func) or
 * consume_skb() (SKB_CONSUMED).  Called from models/core/skbuff.c only.
 */
void skb_walk_free(struct sk_buff *skb, enum skb_drop_reason reason, const char *func);

#endif
