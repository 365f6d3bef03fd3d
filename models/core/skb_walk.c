/*
 * models/core/skb_walk.c - the models' side of the packet walkthrough
 *
 * STUB (helper hwalk replaces it): see models/include/trace/skbwalk.h.
 */
#include "trace/skbwalk.h"

void __trace_skb_walk(struct sk_buff *skb, const char *func, const char *file,
		      const struct net_device *dev, const char *fmt, ...)
{
	(void)skb; (void)func; (void)file; (void)dev; (void)fmt;
}

void skb_walk_free(struct sk_buff *skb, enum skb_drop_reason reason, const char *func)
{
	(void)skb; (void)reason; (void)func;
}
