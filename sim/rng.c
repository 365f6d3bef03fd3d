/*
 * sim/rng.c - xoshiro256** streams seeded by SplitMix64
 *
 * No kernel counterpart (see rng.h).  Key derivation hashes the strings
 * with FNV-1a and mixes them through SplitMix64, so "h1"/"neigh" and
 * "h1n"/"eigh" give unrelated streams (the strings are length-prefixed).
 */
#include "sim/rng.h"

#include <string.h>

static uint64_t fnv1a(uint64_t h, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	/* length first, so ("ab","c") and ("a","bc") differ */
	for (int i = 0; i < 8; i++) {
		h ^= (len >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void sim_rng_seed(struct sim_rng *rng, uint64_t key)
{
	uint64_t st = key;

	for (int i = 0; i < 4; i++)
		rng->s[i] = sim_splitmix64(&st);
	/* xoshiro must not start from all zeros; SplitMix64 never gives four */
}

void sim_rng_derive(struct sim_rng *rng, uint64_t seed, const char *owner,
		    const char *purpose)
{
	uint64_t st = seed;
	uint64_t key = sim_splitmix64(&st);

	key = fnv1a(key ^ 0xcbf29ce484222325ULL, owner);
	st = key;
	key = sim_splitmix64(&st);
	key = fnv1a(key, purpose);
	sim_rng_seed(rng, key);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t sim_rng_u64(struct sim_rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t sim_rng_below(struct sim_rng *rng, uint32_t bound)
{
	/* Lemire's multiply-shift with rejection of the biased low range. */
	uint64_t m;
	uint32_t low;

	if (bound == 0)
		return 0;
	m = (uint64_t)sim_rng_u32(rng) * bound;
	low = (uint32_t)m;
	if (low < bound) {
		uint32_t threshold = (0u - bound) % bound;

		while (low < threshold) {
			m = (uint64_t)sim_rng_u32(rng) * bound;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

double sim_rng_double(struct sim_rng *rng)
{
	return (double)(sim_rng_u64(rng) >> 11) * 0x1.0p-53;
}
