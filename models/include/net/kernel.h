/*
 * models/include/net/kernel.h - state the models share per simulation
 *
 * No kernel counterpart: what the kernel keeps in global variables (slab
 * caches, the drop monitor) belongs to one simulated world here, reached
 * through w->kernel.  Set up by the core module's world_init.
 */
#ifndef _SKBSIM_NET_KERNEL_H
#define _SKBSIM_NET_KERNEL_H

#include <glib.h>

#include "linux/slab.h"
#include "linux/types.h"
#include "sim/world.h"

/* A free list threaded through the first word of each free object. */
struct skb_free_list {
	void *head;
};

struct skb_pool {
	struct world *w;
	struct skb_free_list free_skbs;		/* struct sk_buff shells */
	struct skb_free_list free_bufs[8];	/* buffers by size class */
	u64 in_use;
	u64 next_id;
	u64 fail_after;			/* tests: fail the n-th allocation */
	u64 allocs, frees;
};

struct skb_walk_pending;
struct fib_trie_kmem;
struct netns_ipv4_sysctl;

struct kernel_world {
	struct skb_pool skb_pool;
	/* packets not yet known to match an armed walk (models/core/skb_walk.c) */
	struct skb_walk_pending *walk_pending;
	/* sysctl tables every namespace may have (models/core/sysctl_net.c) */
	GPtrArray *sysctl_kinds;
	/* ARP's neigh/default values, shared until written (models/ipv4/arp.c) */
	int *arp_parms_dflt;
	/* net.ipv4's sysctl defaults, shared until written (models/ipv4/af_inet.c) */
	struct netns_ipv4_sysctl *ipv4_sysctl_dflt;
	/* kmalloc-8 ... kmalloc-256 (models/mm/slab.c) */
	struct kmem_cache *kmalloc_caches[KMALLOC_CACHES];
	/* the routing tables' slab caches (models/ipv4/fib_trie.c fib_trie_init) */
	struct fib_trie_kmem *fib_trie_kmem;
};

static inline struct kernel_world *kernel_world(const struct world *w)
{
	return w->kernel;
}

#endif
