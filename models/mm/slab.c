/*
 * models/mm/slab.c - the slab allocator of the models' small objects
 *
 * The kernel's mm/slub.c in its simplest form (include/linux/slab.h says
 * what differs).  A slab is SLAB_SIZE bytes aligned to SLAB_SIZE: a
 * struct slab, then objects of the cache's stride; the free objects are
 * a list threaded through their first word.  Allocation takes from the
 * first partial slab, then the kept empty one, then a new slab (a freed
 * one, or the next SLAB_SIZE of the cache's newest block); a free makes a
 * full slab partial and an empty slab either the kept one or a freed one,
 * so a churn of alloc and free at a slab boundary does not thrash.  Blocks
 * go back to malloc with the cache.
 *
 * AddressSanitizer: free objects and the slack at a slab's end are
 * poisoned and an object is unpoisoned when handed out, so a use after
 * kmem_cache_free() (or a double free, which writes the free pointer)
 * still trips ASan.  LeakSanitizer cannot see a leaked object inside a
 * slab: kmem_cache_destroy() of a cache with objects allocated reports it
 * as the kernel does, and aborts in debug and sanitizer builds.
 */
#include "linux/slab.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "net/kernel.h"
#include "sim/err.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLAB_ASAN 1
#endif
#endif

#ifdef SLAB_ASAN
#include <sanitizer/asan_interface.h>
#define slab_poison(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define slab_unpoison(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define slab_poison(p, n)	((void)(p), (void)(n))
#define slab_unpoison(p, n)	((void)(p), (void)(n))
#endif

/* A leak found by kmem_cache_destroy() aborts where leaks are looked for. */
#if !defined(NDEBUG) || defined(SLAB_ASAN)
#define SLAB_LEAK_IS_BUG 1
#else
#define SLAB_LEAK_IS_BUG 0
#endif

struct slab {
	struct kmem_cache *slab_cache;
	struct list_head slab_list;	/* on the cache's partial or full list */
	void *freelist;			/* first free object */
	unsigned int inuse;		/* objects allocated */
};

/* objects start here, 8-aligned as every object's stride is */
#define SLAB_OBJECTS_OFFSET	((sizeof(struct slab) + 7) & ~(size_t)7)

static inline struct slab *virt_to_slab(const void *obj)
{
	return (struct slab *)((uintptr_t)obj & ~(uintptr_t)(SLAB_SIZE - 1));
}

struct kmem_cache *virt_to_cache(const void *obj)
{
	return virt_to_slab(obj)->slab_cache;
}

static inline void *get_freepointer(void *object)
{
	return *(void **)object;
}

static inline void set_freepointer(void *object, void *fp)
{
	*(void **)object = fp;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size)
{
	struct kmem_cache *s = g_new0(struct kmem_cache, 1);

	/* a slab holds 8 objects at least; bigger ones belong on the heap */
	SIM_BUG_ON(size == 0 || size > (SLAB_SIZE - SLAB_OBJECTS_OFFSET) / 8);
	g_strlcpy(s->name, name, sizeof(s->name));
	s->object_size = (unsigned int)size;
	s->size = (unsigned int)((size + 7) & ~(size_t)7);
	s->objects = (unsigned int)((SLAB_SIZE - SLAB_OBJECTS_OFFSET) / s->size);
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	return s;
}

/* The next SLAB_SIZE bytes for @s: a freed slab, else carved from a block. */
static struct slab *alloc_slab_page(struct kmem_cache *s)
{
	struct slab *slab = s->free_slabs;

	if (slab) {
		s->free_slabs = *(struct slab **)slab;
		return slab;
	}
	if (s->carve == s->carve_end) {
		char *block = aligned_alloc(SLAB_SIZE, SLAB_BLOCK);

		if (!block)
			g_error("%s: failed to allocate %u bytes", s->name, SLAB_BLOCK);
		s->blocks = g_renew(void *, s->blocks, s->nr_blocks + 1);
		s->blocks[s->nr_blocks++] = block;
		s->carve = block;
		s->carve_end = block + SLAB_BLOCK;
	}
	slab = (struct slab *)s->carve;
	s->carve += SLAB_SIZE;
	return slab;
}

/* allocate_slab: a new slab, every object on its free list */
static struct slab *allocate_slab(struct kmem_cache *s)
{
	struct slab *slab = alloc_slab_page(s);
	char *start, *p;

	slab_unpoison(slab, SLAB_SIZE);
	slab->slab_cache = s;
	INIT_LIST_HEAD(&slab->slab_list);
	slab->inuse = 0;
	start = (char *)slab + SLAB_OBJECTS_OFFSET;
	slab->freelist = start;
	for (p = start; p + s->size < start + (size_t)s->objects * s->size; p += s->size)
		set_freepointer(p, p + s->size);
	set_freepointer(p, NULL);
	slab_poison(start, SLAB_SIZE - SLAB_OBJECTS_OFFSET);
	s->nr_slabs++;
	return slab;
}

/* back to the cache's blocks (the kernel gives pages back to the buddy allocator) */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	s->nr_slabs--;
	slab_unpoison(slab, sizeof(struct slab *));
	*(struct slab **)slab = s->free_slabs;
	s->free_slabs = slab;
	slab_poison((char *)slab + sizeof(struct slab *), SLAB_SIZE - sizeof(struct slab *));
}

/* The slab the next object comes from: the first partial, the kept empty, a new one. */
static struct slab *get_partial(struct kmem_cache *s)
{
	struct slab *slab = list_first_entry_or_null(&s->partial, struct slab, slab_list);

	if (slab)
		return slab;
	slab = s->empty ? s->empty : allocate_slab(s);
	s->empty = NULL;
	list_add(&slab->slab_list, &s->partial);
	return slab;
}

void *kmem_cache_alloc(struct kmem_cache *s)
{
	struct slab *slab = get_partial(s);
	void *object = slab->freelist;

	slab_unpoison(object, s->size);
	slab->freelist = get_freepointer(object);
	if (++slab->inuse == s->objects) {
		list_del_init(&slab->slab_list);
		list_add(&slab->slab_list, &s->full);
	}
	s->active_objs++;
	return object;
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct slab *slab = virt_to_slab(x);

	SIM_BUG_ON(slab->slab_cache != s || slab->inuse == 0);
	set_freepointer(x, slab->freelist);
	slab->freelist = x;
	slab_poison(x, s->size);
	s->active_objs--;
	if (slab->inuse-- == s->objects)
		list_move_tail(&slab->slab_list, &s->partial);
	if (slab->inuse)
		return;
	list_del_init(&slab->slab_list);
	if (s->empty)
		discard_slab(s, slab);
	else
		s->empty = slab;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->active_objs) {
		/* the kernel's words; the cache stays, as there (its objects may be used) */
		fprintf(stderr, "kmem_cache_destroy %s: Slab cache still has objects\n", s->name);
		if (SLAB_LEAK_IS_BUG)
			sim_bug(__FILE__, __LINE__, "kmem_cache_destroy: objects leaked");
		return;
	}
	if (s->empty)
		discard_slab(s, s->empty);
	for (unsigned int i = 0; i < s->nr_blocks; i++) {
		slab_unpoison(s->blocks[i], SLAB_BLOCK);
		free(s->blocks[i]);
	}
	g_free(s->blocks);
	g_free(s);
}

/* ---- kmalloc ------------------------------------------------------------- */

void kmem_cache_init(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);

	for (unsigned int i = 0; i < KMALLOC_CACHES; i++) {
		char name[32];

		snprintf(name, sizeof(name), "kmalloc-%u", (i + 1) * 8);
		kw->kmalloc_caches[i] = kmem_cache_create(name, (i + 1) * 8);
	}
}

void kmem_cache_exit(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);

	for (unsigned int i = 0; i < KMALLOC_CACHES; i++) {
		kmem_cache_destroy(kw->kmalloc_caches[i]);
		kw->kmalloc_caches[i] = NULL;
	}
}

struct kmem_cache *kmalloc_slab(struct world *w, size_t size)
{
	SIM_BUG_ON(size == 0 || size > KMALLOC_MAX_CACHE_SIZE);
	return kernel_world(w)->kmalloc_caches[(size - 1) / 8];
}

void *kvzalloc(struct world *w, size_t size)
{
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return kzalloc(w, size);
	return g_malloc0(size);
}

void kvfree(void *p, size_t size)
{
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		kfree(p);
	else
		g_free(p);
}
