/*
 * sim/rng.h - seeded random streams
 *
 * No kernel counterpart for the streams themselves; models draw from them
 * through get_random_u32() and friends (models/include/linux/random.h).
 * A stream is xoshiro256** seeded by SplitMix64 from a 64-bit key made of
 * the run seed, the node's name and a purpose string ("neigh", "ipid"):
 * adding a node or a purpose never shifts another stream, and the values do
 * not depend on creation order, pointers or the wall clock.
 */
#ifndef SKBSIM_SIM_RNG_H
#define SKBSIM_SIM_RNG_H

#include <stdint.h>

struct sim_rng {
	uint64_t s[4];
};

/* Seeds @rng from (seed, owner, purpose); owner may be NULL (world-wide). */
void sim_rng_derive(struct sim_rng *rng, uint64_t seed, const char *owner,
		    const char *purpose);
void sim_rng_seed(struct sim_rng *rng, uint64_t key);

uint64_t sim_rng_u64(struct sim_rng *rng);

static inline uint32_t sim_rng_u32(struct sim_rng *rng)
{
	return (uint32_t)(sim_rng_u64(rng) >> 32);
}

/* Uniform in [0, bound) without modulo bias; bound 0 gives 0. */
uint32_t sim_rng_below(struct sim_rng *rng, uint32_t bound);
/* Uniform double in [0, 1) with 53 random bits. */
double sim_rng_double(struct sim_rng *rng);

/* One step of SplitMix64 (also the hold model's generator). */
static inline uint64_t sim_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#endif
