/*
 * models/include/linux/slab.h - slab caches for small fixed-size objects
 *
 * Mirrors include/linux/slab.h (the allocator is mm/slub.c's idea, in
 * models/mm/slab.c): a kmem_cache hands out objects of one size from
 * slabs, blocks of SLAB_SIZE bytes aligned to their size, with no header
 * per object (glibc's malloc costs 8-24 bytes of header and rounding per
 * allocation, as much as a fib_alias).  The slab's header is at the
 * aligned start, so kmem_cache_free() and kfree() find it from the
 * object's address, as SLUB's virt_to_slab() does.
 *
 * Differences: the kernel's global caches belong to one world here
 * (struct kernel_world), so kmalloc()/kzalloc() take the world; the
 * kmalloc caches are every multiple of 8 up to KMALLOC_MAX_CACHE_SIZE (the
 * kernel's are 8, 16, 32, 64, 96, 128, 192, 256...), and larger objects
 * stay on the heap (kvzalloc()/kvfree() choose, and kvfree() is told the
 * size, where the kernel tells a vmalloc address by its range); one slab
 * size; no per-CPU slabs, merging, RCU or debug flags.  A cache keeps at
 * most one empty slab; the others go back to the cache's blocks (not to
 * malloc before the cache is destroyed).
 */
#ifndef _SKBSIM_LINUX_SLAB_H
#define _SKBSIM_LINUX_SLAB_H

#include <stddef.h>
#include <string.h>

#include "linux/list.h"
#include "linux/types.h"

struct world;

#define SLAB_SIZE		16384u	/* an order-2 slab: 4 pages */
/*
 * Slabs are carved from blocks of SLAB_BLOCK bytes, as the kernel's come
 * from the page allocator: one aligned_alloc() of 16 KiB each left a hole of
 * up to 16 KiB in malloc's heap per slab (its alignment), which cost more
 * than the headers the slabs save.  A block's pages count in RSS only once
 * a slab in them is used.
 */
#define SLAB_BLOCK		(64u * SLAB_SIZE)
#define KMALLOC_MAX_CACHE_SIZE	256u
#define KMALLOC_CACHES		(KMALLOC_MAX_CACHE_SIZE / 8)

struct kmem_cache {
	char name[32];			/* as /proc/slabinfo names it */
	unsigned int object_size;	/* as asked */
	unsigned int size;		/* the stride: object_size rounded to 8 */
	unsigned int objects;		/* per slab */
	/*
	 * slabs with free and used objects; allocation takes the first (the
	 * one being filled), a slab that a free took off the full list goes
	 * to the tail (SLUB's __slab_free does the same)
	 */
	struct list_head partial;
	struct list_head full;
	struct slab *empty;		/* one empty slab kept, or NULL */
	unsigned long nr_slabs;		/* in use, the empty one included */
	/* where new slabs come from: blocks, and the slabs freed back to them */
	void **blocks;			/* every block, freed with the cache */
	unsigned int nr_blocks;
	char *carve, *carve_end;	/* the newest block's part never used */
	struct slab *free_slabs;	/* freed slabs, chained through their first word */
	unsigned long active_objs;	/* allocated and not freed */
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size);
/* Frees @s; a cache with objects still allocated is a bug (reported, kept). */
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s);
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* the cache an object of any slab came from (mm/slab.h) */
struct kmem_cache *virt_to_cache(const void *obj);

static inline void *kmem_cache_zalloc(struct kmem_cache *s)
{
	return memset(kmem_cache_alloc(s), 0, s->size);
}

/* ---- the world's kmalloc caches ------------------------------------------ */

/* Made at world init (net_namespace.c kernel_world_init), destroyed at its exit. */
void kmem_cache_init(struct world *w);
void kmem_cache_exit(struct world *w);
/* The world's cache for @size bytes (1 to KMALLOC_MAX_CACHE_SIZE): kmalloc-<size rounded to 8>. */
struct kmem_cache *kmalloc_slab(struct world *w, size_t size);

static inline void *kmalloc(struct world *w, size_t size)
{
	return kmem_cache_alloc(kmalloc_slab(w, size));
}

static inline void *kzalloc(struct world *w, size_t size)
{
	return kmem_cache_zalloc(kmalloc_slab(w, size));
}

static inline void *kmemdup(struct world *w, const void *src, size_t len)
{
	return memcpy(kmalloc(w, len), src, len);
}

/*
 * kfree - an object of any slab cache, kmalloc's or a named one (SLUB
 * allows kfree() of kmem_cache_alloc() objects since 6.4).  NULL is
 * nothing; heap memory is not allowed.
 */
static inline void kfree(const void *obj)
{
	if (obj)
		kmem_cache_free(virt_to_cache(obj), (void *)obj);
}

/* A slab object when @size fits a kmalloc cache, else zeroed heap memory. */
void *kvzalloc(struct world *w, size_t size);
/* Frees what kvzalloc(@size) gave (differs: the kernel needs no size). */
void kvfree(void *p, size_t size);

#endif
