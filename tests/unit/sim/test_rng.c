/*
 * tests/unit/sim/test_rng.c - seeded random streams
 *
 * No kernel counterpart (sim/rng.c).  A stream is a function of (run
 * seed, owner name, purpose) only: the same key gives the same values in
 * every run and world, any change of the key gives an unrelated stream,
 * and node creation order does not matter.  Distribution checks use fixed
 * seeds, so they are deterministic, with loose bounds.
 */
#include <check.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/world.h"
#include "testlib.h"

#define NDRAWS 64

static void draws(struct sim_rng *rng, uint64_t *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = sim_rng_u64(rng);
}

static void derive_draws(uint64_t seed, const char *owner, const char *purpose,
			 uint64_t *out)
{
	struct sim_rng rng;

	sim_rng_derive(&rng, seed, owner, purpose);
	draws(&rng, out, NDRAWS);
}

/* How many of the first NDRAWS values two streams share (0 for unrelated). */
static int shared_values(const uint64_t *a, const uint64_t *b)
{
	int n = 0;

	for (int i = 0; i < NDRAWS; i++)
		for (int j = 0; j < NDRAWS; j++)
			n += a[i] == b[j];
	return n;
}

/* ---- derivation ---------------------------------------------------------- */

START_TEST(test_rng_same_key_same_sequence)
{
	uint64_t a[NDRAWS], b[NDRAWS];

	derive_draws(42, "h1", "neigh", a);
	derive_draws(42, "h1", "neigh", b);
	ck_assert_mem_eq(a, b, sizeof(a));
}
END_TEST

/* A known answer, so a change of the derivation is noticed: it shifts every run. */
START_TEST(test_rng_sequence_is_stable_across_builds)
{
	struct sim_rng rng;
	uint64_t first;

	sim_rng_seed(&rng, 0);
	/* xoshiro256** from SplitMix64(0): the reference implementation's values */
	ck_assert_uint_eq(rng.s[0], 0xe220a8397b1dcdafULL);
	ck_assert_uint_eq(rng.s[1], 0x6e789e6aa1b965f4ULL);
	ck_assert_uint_eq(rng.s[2], 0x06c45d188009454fULL);
	ck_assert_uint_eq(rng.s[3], 0xf88bb8a8724c81ecULL);
	first = sim_rng_u64(&rng);
	/* rotl(s1 * 5, 7) * 9 */
	ck_assert_uint_eq(first, ((((0x6e789e6aa1b965f4ULL * 5) << 7) |
				   ((0x6e789e6aa1b965f4ULL * 5) >> 57)) * 9));
}
END_TEST

struct key {
	uint64_t seed;
	const char *owner, *purpose;
};

struct key_pair {
	const char *what;
	struct key a, b;
};

static const struct key_pair different_keys[] = {
	{ "node name", { 1, "h1", "neigh" }, { 1, "h2", "neigh" } },
	{ "purpose", { 1, "h1", "neigh" }, { 1, "h1", "ipid" } },
	{ "seed", { 1, "h1", "neigh" }, { 2, "h1", "neigh" } },
	{ "seed 0 and 1", { 0, "h1", "neigh" }, { 1, "h1", "neigh" } },
	{ "owner/purpose split", { 1, "ab", "c" }, { 1, "a", "bc" } },
	{ "owner/purpose split at start", { 1, "", "abc" }, { 1, "abc", "" } },
	{ "owner and purpose swapped", { 1, "neigh", "h1" }, { 1, "h1", "neigh" } },
	{ "world-wide and a node", { 1, NULL, "neigh" }, { 1, "h1", "neigh" } },
	{ "case", { 1, "H1", "neigh" }, { 1, "h1", "neigh" } },
	{ "trailing byte", { 1, "h1", "neigh" }, { 1, "h1", "neigh2" } },
	{ "top seed bit", { 1, "h1", "neigh" }, { 1 | 1ULL << 63, "h1", "neigh" } },
};

START_TEST(test_rng_different_key_unrelated_stream)
{
	const struct key_pair *c = &different_keys[_i];
	uint64_t a[NDRAWS], b[NDRAWS];

	derive_draws(c->a.seed, c->a.owner, c->a.purpose, a);
	derive_draws(c->b.seed, c->b.owner, c->b.purpose, b);
	ck_assert_msg(shared_values(a, b) == 0, "%s: streams share values", c->what);
}
END_TEST

/* NULL owner and purpose are the empty strings. */
START_TEST(test_rng_null_owner_is_world_wide)
{
	uint64_t a[NDRAWS], b[NDRAWS];

	derive_draws(9, NULL, NULL, a);
	derive_draws(9, "", "", b);
	ck_assert_mem_eq(a, b, sizeof(a));
}
END_TEST

START_TEST(test_rng_seed_never_all_zero_state)
{
	const uint64_t keys[] = { 0, 1, UINT64_MAX, 0x9e3779b97f4a7c15ULL };

	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		struct sim_rng rng;

		sim_rng_seed(&rng, keys[i]);
		ck_assert(rng.s[0] | rng.s[1] | rng.s[2] | rng.s[3]);
		ck_assert_uint_ne(sim_rng_u64(&rng) | sim_rng_u64(&rng), 0);
	}
}
END_TEST

/* ---- distributions --------------------------------------------------------- */

static const uint32_t below_bounds[] = { 1, 2, 3, 6, 10, 100, 1000, 0x80000001u, UINT32_MAX };

START_TEST(test_rng_below_stays_in_range)
{
	uint32_t bound = below_bounds[_i];
	struct sim_rng rng;
	uint32_t max = 0;

	sim_rng_derive(&rng, 7, "h1", "below");
	for (int i = 0; i < 4000; i++) {
		uint32_t v = sim_rng_below(&rng, bound);

		ck_assert_msg(v < bound, "bound %u gave %u", bound, v);
		max = v > max ? v : max;
	}
	if (bound <= 100)
		ck_assert_uint_eq(max, bound - 1);	/* the top value is reached */
}
END_TEST

START_TEST(test_rng_below_zero_is_zero)
{
	struct sim_rng rng, before;

	sim_rng_derive(&rng, 7, "h1", "below");
	before = rng;
	ck_assert_uint_eq(sim_rng_below(&rng, 0), 0);
	ck_assert_mem_eq(&rng, &before, sizeof(rng));	/* draws nothing */
}
END_TEST

/*
 * Chi-square of 30000 draws over 6 bins: 5 degrees of freedom, so the
 * statistic is 20.5 or more with probability 0.001.  Fixed seeds: this
 * is a check of the algorithm, not a flaky statistical test.
 */
START_TEST(test_rng_below_is_roughly_uniform)
{
	const uint64_t seeds[] = { 1, 12345 };

	for (size_t s = 0; s < G_N_ELEMENTS(seeds); s++) {
		struct sim_rng rng;
		int bins[6] = { 0 };
		double chi2 = 0;
		const int n = 30000;

		sim_rng_derive(&rng, seeds[s], "h1", "uniform");
		for (int i = 0; i < n; i++)
			bins[sim_rng_below(&rng, 6)]++;
		for (int b = 0; b < 6; b++) {
			double d = bins[b] - n / 6.0;

			chi2 += d * d / (n / 6.0);
		}
		ck_assert_msg(chi2 < 20.5, "seed %llu: chi2 %.2f", (unsigned long long)seeds[s],
			      chi2);
	}
}
END_TEST

/* A bound just above 2^31 is where modulo reduction would be most biased. */
START_TEST(test_rng_below_large_bound_unbiased)
{
	const uint32_t bound = 0xC0000000u;	/* 3/4 of the 32-bit range */
	struct sim_rng rng;
	int low = 0;
	const int n = 20000;

	sim_rng_derive(&rng, 5, "h1", "bias");
	for (int i = 0; i < n; i++)
		low += sim_rng_below(&rng, bound) < bound / 2;
	/* unbiased: half below the midpoint (modulo would give 2/3) */
	ck_assert_msg(low > n * 48 / 100 && low < n * 52 / 100, "%d of %d below half", low, n);
}
END_TEST

START_TEST(test_rng_double_in_unit_interval)
{
	struct sim_rng rng;
	double sum = 0, lo = 1, hi = 0;
	int buckets[10] = { 0 };
	const int n = 20000;

	sim_rng_derive(&rng, 11, "h1", "double");
	for (int i = 0; i < n; i++) {
		double d = sim_rng_double(&rng);

		ck_assert(d >= 0.0 && d < 1.0);
		sum += d;
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
		buckets[(int)(d * 10)]++;
	}
	ck_assert_msg(sum / n > 0.49 && sum / n < 0.51, "mean %f", sum / n);
	ck_assert(lo < 0.001 && hi > 0.999);	/* the ends are reached */
	for (int b = 0; b < 10; b++)
		ck_assert_msg(buckets[b] > n / 10 * 85 / 100 && buckets[b] < n / 10 * 115 / 100,
			      "decile %d: %d", b, buckets[b]);
}
END_TEST

START_TEST(test_rng_double_uses_53_bits)
{
	struct sim_rng rng = { { 0 } }, copy;
	uint64_t raw;
	double d;

	sim_rng_seed(&rng, 3);
	copy = rng;
	raw = sim_rng_u64(&copy);
	d = sim_rng_double(&rng);
	ck_assert(d == (double)(raw >> 11) / 9007199254740992.0);
}
END_TEST

START_TEST(test_rng_u32_is_the_high_half)
{
	struct sim_rng a, b;

	sim_rng_seed(&a, 77);
	b = a;
	for (int i = 0; i < 16; i++)
		ck_assert_uint_eq(sim_rng_u32(&a), sim_rng_u64(&b) >> 32);
}
END_TEST

/* ---- nodes ----------------------------------------------------------------- */

static void add_nodes(struct world *w, const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		struct sim_err err = { { 0 } };

		ck_assert_msg(world_add_node(w, "host", names[i], NULL, &err) != NULL, "%s",
			      err.msg);
	}
}

START_TEST(test_node_rng_independent_of_creation_order)
{
	const char *const order_a[] = { "h1", "h2", "r1", "h3" };
	const char *const order_b[] = { "h3", "r1", "h2", "h1" };
	struct world *wa = tl_world_with("rng_a", 1234, tl_host_modules);
	struct world *wb = tl_world_with("rng_b", 1234, tl_host_modules);

	add_nodes(wa, order_a, 4);
	add_nodes(wb, order_b, 4);
	ck_assert_uint_ne(world_node(wa, "h1")->id, world_node(wb, "h1")->id);
	for (int i = 0; i < 4; i++) {
		struct sim_rng ra, rb;
		uint64_t a[NDRAWS], b[NDRAWS];

		node_rng_derive(world_node(wa, order_a[i]), &ra, "neigh");
		node_rng_derive(world_node(wb, order_a[i]), &rb, "neigh");
		draws(&ra, a, NDRAWS);
		draws(&rb, b, NDRAWS);
		ck_assert_msg(memcmp(a, b, sizeof(a)) == 0, "%s differs by creation order",
			      order_a[i]);
	}
	tl_world_free(wa);
	tl_world_free(wb);
}
END_TEST

START_TEST(test_node_rng_is_sim_rng_derive_of_seed_and_name)
{
	struct world *w = tl_world_with("rng", 99, tl_host_modules);
	const char *const names[] = { "h1" };
	struct sim_rng a, b;

	add_nodes(w, names, 1);
	node_rng_derive(world_node(w, "h1"), &a, "ipid");
	sim_rng_derive(&b, 99, "h1", "ipid");
	ck_assert_mem_eq(&a, &b, sizeof(a));
	tl_world_free(w);
}
END_TEST

START_TEST(test_node_rng_differs_between_nodes_and_seeds)
{
	struct world *w1 = tl_world_with("rng1", 1, tl_host_modules);
	struct world *w2 = tl_world_with("rng2", 2, tl_host_modules);
	const char *const names[] = { "h1", "h2" };
	struct sim_rng r;
	uint64_t a[NDRAWS], b[NDRAWS], c[NDRAWS];

	add_nodes(w1, names, 2);
	add_nodes(w2, names, 2);
	node_rng_derive(world_node(w1, "h1"), &r, "neigh");
	draws(&r, a, NDRAWS);
	node_rng_derive(world_node(w1, "h2"), &r, "neigh");
	draws(&r, b, NDRAWS);
	node_rng_derive(world_node(w2, "h1"), &r, "neigh");
	draws(&r, c, NDRAWS);
	ck_assert_int_eq(shared_values(a, b), 0);
	ck_assert_int_eq(shared_values(a, c), 0);
	tl_world_free(w1);
	tl_world_free(w2);
}
END_TEST

static Suite *rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("derive");

	tcase_add_test(tc, test_rng_same_key_same_sequence);
	tcase_add_test(tc, test_rng_sequence_is_stable_across_builds);
	tcase_add_loop_test(tc, test_rng_different_key_unrelated_stream, 0,
			    G_N_ELEMENTS(different_keys));
	tcase_add_test(tc, test_rng_null_owner_is_world_wide);
	tcase_add_test(tc, test_rng_seed_never_all_zero_state);
	suite_add_tcase(s, tc);

	tc = tcase_create("distribution");
	tcase_add_loop_test(tc, test_rng_below_stays_in_range, 0, G_N_ELEMENTS(below_bounds));
	tcase_add_test(tc, test_rng_below_zero_is_zero);
	tcase_add_test(tc, test_rng_below_is_roughly_uniform);
	tcase_add_test(tc, test_rng_below_large_bound_unbiased);
	tcase_add_test(tc, test_rng_double_in_unit_interval);
	tcase_add_test(tc, test_rng_double_uses_53_bits);
	tcase_add_test(tc, test_rng_u32_is_the_high_half);
	suite_add_tcase(s, tc);

	tc = tcase_create("nodes");
	tcase_add_test(tc, test_node_rng_independent_of_creation_order);
	tcase_add_test(tc, test_node_rng_is_sim_rng_derive_of_seed_and_name);
	tcase_add_test(tc, test_node_rng_differs_between_nodes_and_seeds);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(rng_suite());
}
