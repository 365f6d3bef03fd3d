/*
 * tests/unit/mm/test_slab.c - slab caches (models/mm/slab.c)
 *
 * A cache's geometry (stride, objects per slab), its counts through
 * alloc and free, zeroing, the reuse of a freed object, slabs given back
 * to the cache's blocks when empty (one kept), many objects over several slabs
 * against a naive oracle (every live object keeps its own bytes), the
 * world's kmalloc caches, and kmem_cache_destroy() of a cache with an
 * object left: reported as the kernel does, and an abort in debug and
 * sanitizer builds (in a child process).
 */
#include "testlib.h"

#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux/slab.h"
#include "sim/rng.h"

/* the slab's objects follow its header; what is left of SLAB_SIZE is slack */
static unsigned int objects_per_slab(unsigned int stride)
{
	return (SLAB_SIZE - 64) / stride;
}

START_TEST(test_create_rounds_the_size_to_8)
{
	struct kmem_cache *s = kmem_cache_create("test_13", 13);

	ck_assert_str_eq(s->name, "test_13");
	ck_assert_uint_eq(s->object_size, 13);
	ck_assert_uint_eq(s->size, 16);
	ck_assert_uint_ge(s->objects, objects_per_slab(16));
	ck_assert_uint_le((size_t)s->objects * s->size, SLAB_SIZE);
	ck_assert_uint_eq(s->nr_slabs, 0);	/* no slab before the first object */
	kmem_cache_destroy(s);
}
END_TEST

START_TEST(test_counts_follow_alloc_and_free)
{
	struct kmem_cache *s = kmem_cache_create("test_24", 24);
	void *a = kmem_cache_alloc(s), *b = kmem_cache_alloc(s);

	ck_assert_ptr_ne(a, b);
	ck_assert_uint_eq(s->active_objs, 2);
	ck_assert_uint_eq(s->nr_slabs, 1);
	ck_assert_ptr_eq(virt_to_cache(a), s);
	kmem_cache_free(s, a);
	ck_assert_uint_eq(s->active_objs, 1);
	kfree(b);			/* kfree finds the cache */
	ck_assert_uint_eq(s->active_objs, 0);
	ck_assert_uint_eq(s->nr_slabs, 1);	/* the empty slab is kept */
	kmem_cache_destroy(s);
}
END_TEST

START_TEST(test_freed_object_is_reused_and_zalloc_zeroes)
{
	struct kmem_cache *s = kmem_cache_create("test_40", 40);
	unsigned char *p = kmem_cache_alloc(s), *q;

	memset(p, 0xa5, 40);
	kmem_cache_free(s, p);
	q = kmem_cache_zalloc(s);
	ck_assert_ptr_eq(q, p);		/* the last freed is the next handed out */
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(q[i], 0);
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);
}
END_TEST

/* Three slabs full, all freed: two go back to the blocks, one stays for the next. */
START_TEST(test_empty_slabs_go_back_but_one)
{
	struct kmem_cache *s = kmem_cache_create("test_64", 64);
	unsigned int n = 3 * s->objects;
	void **objs = g_new(void *, n);

	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(s);
	ck_assert_uint_eq(s->nr_slabs, 3);
	ck_assert_uint_eq(s->active_objs, n);
	/* one more takes a fourth slab; freeing it empties that slab, which is kept */
	kmem_cache_free(s, kmem_cache_alloc(s));
	ck_assert_uint_eq(s->nr_slabs, 4);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	ck_assert_uint_eq(s->nr_slabs, 1);
	ck_assert_uint_eq(s->active_objs, 0);
	/* a churn at the boundary reuses the kept slab */
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, kmem_cache_alloc(s));
	ck_assert_uint_eq(s->nr_slabs, 1);
	g_free(objs);
	kmem_cache_destroy(s);
}
END_TEST

/*
 * Slabs come from the cache's 1 MiB blocks, and freed slabs are used again
 * before the block is carved further: refilling takes no new memory.
 */
START_TEST(test_freed_slabs_are_reused_before_carving)
{
	struct kmem_cache *s = kmem_cache_create("test_96", 96);
	unsigned int n = 3 * s->objects;
	void **objs = g_new(void *, n);
	char *carve;

	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(s);
	ck_assert_uint_eq(s->nr_blocks, 1);
	carve = s->carve;
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s);
		/* every object inside the one block */
		ck_assert((char *)objs[i] >= (char *)s->blocks[0] &&
			  (char *)objs[i] < (char *)s->blocks[0] + SLAB_BLOCK);
	}
	ck_assert_ptr_eq(s->carve, carve);
	ck_assert_uint_eq(s->nr_slabs, 3);
	/* a cache that outgrows a block takes a second */
	unsigned int more = (SLAB_BLOCK / SLAB_SIZE) * s->objects;
	objs = g_renew(void *, objs, n + more);
	for (unsigned int i = n; i < n + more; i++)
		objs[i] = kmem_cache_alloc(s);
	ck_assert_uint_eq(s->nr_blocks, 2);
	for (unsigned int i = 0; i < n + more; i++)
		kmem_cache_free(s, objs[i]);
	g_free(objs);
	kmem_cache_destroy(s);
}
END_TEST

/* A partial slab is filled before a new one is taken. */
START_TEST(test_partial_slab_filled_first)
{
	struct kmem_cache *s = kmem_cache_create("test_128", 128);
	unsigned int n = 2 * s->objects;
	void **objs = g_new(void *, n);

	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(s);
	ck_assert_uint_eq(s->nr_slabs, 2);
	/* holes in both slabs: they are filled again without a third */
	for (unsigned int i = 0; i < n; i += 2)
		kmem_cache_free(s, objs[i]);
	for (unsigned int i = 0; i < n; i += 2)
		objs[i] = kmem_cache_alloc(s);
	ck_assert_uint_eq(s->nr_slabs, 2);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	g_free(objs);
	kmem_cache_destroy(s);
}
END_TEST

/* Random allocs and frees over several slabs; each live object keeps its bytes. */
START_TEST(test_many_objects_against_an_oracle)
{
	struct kmem_cache *s = kmem_cache_create("test_72", 72);
	GHashTable *live = g_hash_table_new(g_direct_hash, g_direct_equal);
	GPtrArray *order = g_ptr_array_new();
	struct sim_rng r;
	u64 next_id = 1;

	sim_rng_seed(&r, 42);
	for (int step = 0; step < 20000; step++) {
		if (order->len == 0 || sim_rng_below(&r, 100) < 60) {
			u64 *p = kmem_cache_alloc(s);

			ck_assert_msg(!g_hash_table_contains(live, p), "object handed out twice");
			ck_assert_ptr_eq(virt_to_cache(p), s);
			ck_assert_uint_eq((uintptr_t)p % 8, 0);
			for (int i = 0; i < 9; i++)
				p[i] = next_id;
			next_id++;
			g_hash_table_add(live, p);
			g_ptr_array_add(order, p);
		} else {
			guint i = sim_rng_below(&r, order->len);
			u64 *p = g_ptr_array_index(order, i);

			for (int k = 1; k < 9; k++)
				ck_assert_uint_eq(p[k], p[0]);
			g_hash_table_remove(live, p);
			g_ptr_array_remove_index_fast(order, i);
			kmem_cache_free(s, p);
		}
		ck_assert_uint_eq(s->active_objs, order->len);
	}
	ck_assert_uint_gt(s->nr_slabs, 3);
	for (guint i = 0; i < order->len; i++) {
		u64 *p = g_ptr_array_index(order, i);

		for (int k = 1; k < 9; k++)
			ck_assert_uint_eq(p[k], p[0]);
		kmem_cache_free(s, p);
	}
	ck_assert_uint_eq(s->active_objs, 0);
	ck_assert_uint_eq(s->nr_slabs, 1);
	g_ptr_array_free(order, TRUE);
	g_hash_table_destroy(live);
	kmem_cache_destroy(s);
}
END_TEST

START_TEST(test_world_kmalloc_caches)
{
	struct world *w = tl_world("slab", 1);
	void *small, *big;

	ck_assert_str_eq(kmalloc_slab(w, 1)->name, "kmalloc-8");
	ck_assert_str_eq(kmalloc_slab(w, 72)->name, "kmalloc-72");
	ck_assert_str_eq(kmalloc_slab(w, 73)->name, "kmalloc-80");
	ck_assert_str_eq(kmalloc_slab(w, KMALLOC_MAX_CACHE_SIZE)->name, "kmalloc-256");
	small = kvzalloc(w, 72);
	ck_assert_ptr_eq(virt_to_cache(small), kmalloc_slab(w, 72));
	big = kvzalloc(w, KMALLOC_MAX_CACHE_SIZE + 1);	/* the heap */
	kvfree(big, KMALLOC_MAX_CACHE_SIZE + 1);
	kvfree(small, 72);
	tl_world_free(w);		/* destroys the caches: nothing may be left */
}
END_TEST

#if defined(__SANITIZE_ADDRESS__)
#define LEAK_ABORTS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_ABORTS 1
#endif
#endif
#if !defined(LEAK_ABORTS) && !defined(NDEBUG)
#define LEAK_ABORTS 1
#endif
#ifndef LEAK_ABORTS
#define LEAK_ABORTS 0
#endif

/* In a child: the leak is reported on stderr, and aborts where leaks are looked for. */
START_TEST(test_destroy_with_objects_is_reported)
{
	int fds[2], status;
	char buf[512] = { 0 };
	ssize_t len, got = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct kmem_cache *s = kmem_cache_create("test_leak", 32);

		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		(void)kmem_cache_alloc(s);
		kmem_cache_destroy(s);
		_exit(0);
	}
	close(fds[1]);
	while ((len = read(fds[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += len;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(strstr(buf, "kmem_cache_destroy test_leak: Slab cache still has objects\n"),
		      "stderr: %s", buf);
	if (LEAK_ABORTS)
		ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	else
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("slab");

	tcase_add_test(tc, test_create_rounds_the_size_to_8);
	tcase_add_test(tc, test_counts_follow_alloc_and_free);
	tcase_add_test(tc, test_freed_object_is_reused_and_zalloc_zeroes);
	tcase_add_test(tc, test_empty_slabs_go_back_but_one);
	tcase_add_test(tc, test_freed_slabs_are_reused_before_carving);
	tcase_add_test(tc, test_partial_slab_filled_first);
	tcase_add_test(tc, test_many_objects_against_an_oracle);
	tcase_add_test(tc, test_world_kmalloc_caches);
	tcase_add_test(tc, test_destroy_with_objects_is_reported);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
