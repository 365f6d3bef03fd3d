/*
 * bench/fib_bench.c - the `fib` workload: longest-prefix match in one table
 *
 * No kernel counterpart.  Fills a table (models/ipv4/fib_trie.c) with N
 * random prefixes whose lengths follow a BGP table's (60% /24, 36%
 * /16../23, 3% /8../15, 1% /25../32), plus a default route unless
 * --no-default, all sharing 16 fib_infos (a router with 16 peers), then
 * times fib_table_lookup() of random destinations on one core.
 *
 *   build_s          CPU time of the N fib_table_insert() calls
 *   lookups_per_s    lookups of uniformly random addresses (a fixed array,
 *                    generated before timing) per second of CPU time (of
 *                    this thread: a busy machine slows it less than wall
 *                    time, though caches are still shared), the table as
 *                    fib_table_lookup() finds it (the per-/16 lookup cache
 *                    on from 65,536 routes), after one untimed pass over
 *                    the addresses has built the cache's ranges
 *   trie_lookups_per_s  the same with the cache off: the kernel's walk
 *   bytes_per_route  fib_table_stats().bytes / routes: the trie's leaves
 *                    and tnodes with their child pointers, the fib_aliases,
 *                    the table and its lookup cache with every /16 built;
 *                    not the fib_infos (shared by every route of a peer)
 *                    nor malloc's own overhead
 *   trie_bytes_per_route  the same without the cache
 *   matched          share of lookups that found a route (not -EAGAIN)
 *
 * Output: one line of key=value words per size.  The prefixes, addresses
 * and so every count printed depend only on --seed.
 * Usage: fib_bench [--routes=N] [--lookups=M] [--seed=S] [--no-default]
 *        (default: N = 1000, 100000 and 1000000 in turn; M = 20000000)
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/ip_fib.h"
#include "sim/rng.h"

#define NPEERS		16
#define NADDRS		(1u << 22)	/* destinations, looked up in turn */

/* CPU time of this thread: other processes on the machine do not count */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Looks up @n of @addrs in turn; returns CPU seconds, counts matches in *matched. */
static double time_lookups(struct fib_table *tb, const __be32 *addrs, unsigned long n,
			   unsigned long *matched, unsigned long *sum)
{
	double t0 = now_s();

	*matched = *sum = 0;
	for (unsigned long i = 0; i < n; i++) {
		struct flowi4 fl4 = { .daddr = addrs[i & (NADDRS - 1)] };
		struct fib_result res;

		if (fib_table_lookup(tb, &fl4, &res, FIB_LOOKUP_NOREF) == 0) {
			(*matched)++;
			*sum += res.prefixlen;
		}
	}
	return now_s() - t0;
}

static u8 bgp_plen(struct sim_rng *r)
{
	u32 x = sim_rng_below(r, 100);

	if (x < 60)
		return 24;
	if (x < 96)
		return (u8)(16 + sim_rng_below(r, 8));
	if (x < 99)
		return (u8)(8 + sim_rng_below(r, 8));
	return (u8)(25 + sim_rng_below(r, 8));
}

static struct fib_info *peer_info(int i)
{
	struct fib_info *fi = g_malloc0(sizeof(*fi) + sizeof(struct fib_nh));

	INIT_LIST_HEAD(&fi->fib_list);
	fi->fib_treeref = 1;		/* ours; the table adds one per route */
	fi->fib_type = RTN_UNICAST;
	fi->fib_protocol = 186;		/* RTPROT_BGP */
	fi->fib_nhs = 1;
	fi->fib_nh[0].nh_gw = htonl(0xc0000200u + (u32)i + 1);	/* 192.0.2.x */
	fi->fib_nh[0].nh_oif = 2;
	fi->fib_nh[0].nh_weight = 1;
	return fi;
}

static int run(unsigned int nroutes, unsigned long nlookups, uint64_t seed, bool with_default)
{
	struct fib_info *peers[NPEERS];
	struct fib_trie_stats st, trie_st;
	struct fib_table *tb;
	struct sim_rng r;
	__be32 *addrs;
	unsigned int added = 0;
	unsigned long matched, sum, trie_matched, trie_sum;
	double t0, build_s, lookup_s, trie_s;

	for (int i = 0; i < NPEERS; i++)
		peers[i] = peer_info(i);
	sim_rng_seed(&r, seed);
	tb = fib_trie_table(NULL, RT_TABLE_MAIN);

	t0 = now_s();
	if (with_default) {
		struct fib_config cfg = { .fc_type = RTN_UNICAST, .fc_nlflags = NLM_F_CREATE };

		if (fib_table_insert(NULL, tb, &cfg, peers[0], NULL) == 0)
			added++;
	}
	while (added < nroutes) {
		u8 plen = bgp_plen(&r);
		struct fib_config cfg = {
			.fc_dst_len = plen, .fc_type = RTN_UNICAST,
			.fc_dst = htonl(sim_rng_u32(&r) & (plen ? ~0u << (32 - plen) : 0)),
			.fc_nlflags = NLM_F_CREATE | NLM_F_EXCL,
		};
		int ret = fib_table_insert(NULL, tb, &cfg, peers[sim_rng_below(&r, NPEERS)], NULL);

		if (ret == 0)
			added++;
		else if (ret != -EEXIST)
			return fprintf(stderr, "fib_bench: insert: %d\n", ret), 1;
	}
	build_s = now_s() - t0;

	addrs = g_new(__be32, NADDRS);
	for (u32 i = 0; i < NADDRS; i++)
		addrs[i] = htonl(sim_rng_u32(&r));
	time_lookups(tb, addrs, NADDRS, &matched, &sum);	/* warm up */
	lookup_s = time_lookups(tb, addrs, nlookups, &matched, &sum);
	fib_table_stats(tb, &st);
	fib_table_set_lookup_cache(tb, 0);
	trie_s = time_lookups(tb, addrs, nlookups, &trie_matched, &trie_sum);
	fib_table_stats(tb, &trie_st);
	if (trie_matched != matched || trie_sum != sum)
		return fprintf(stderr, "fib_bench: the cache answered differently\n"), 1;

	printf("workload=fib routes=%u lookups_per_s=%.0f bytes_per_route=%.1f build_s=%.3f "
	       "trie_lookups_per_s=%.0f trie_bytes_per_route=%.1f lookups=%lu matched=%.4f "
	       "max_depth=%u leaves=%u tnodes=%u default=%d check=%lu\n",
	       added, (double)nlookups / lookup_s, (double)st.bytes / added, build_s,
	       (double)nlookups / trie_s, (double)trie_st.bytes / added, nlookups,
	       (double)matched / (double)nlookups, st.max_depth, st.leaves, st.tnodes,
	       with_default, sum);
	fflush(stdout);

	fib_trie_free(tb);
	for (int i = 0; i < NPEERS; i++) {
		if (peers[i]->fib_treeref != 1)
			return fprintf(stderr, "fib_bench: references left\n"), 1;
		g_free(peers[i]);
	}
	g_free(addrs);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fib_bench [--routes=N] [--lookups=M] [--seed=S] [--no-default]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "routes", required_argument, NULL, 'n' },
		{ "lookups", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "no-default", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int sizes[3] = { 1000, 100000, 1000000 }, nsizes = 3;
	unsigned long nlookups = 20000000;
	uint64_t seed = 1;
	bool with_default = true;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'n':
			sizes[0] = (unsigned int)strtoul(optarg, &end, 10);
			if (*end || !sizes[0])
				usage();
			nsizes = 1;
			break;
		case 'm':
			nlookups = strtoul(optarg, &end, 10);
			if (*end || !nlookups)
				usage();
			break;
		case 's':
			seed = strtoull(optarg, &end, 10);
			if (*end)
				usage();
			break;
		case 'd':
			with_default = false;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	for (unsigned int i = 0; i < nsizes; i++)
		if (run(sizes[i], nlookups, seed, with_default))
			return 1;
	return 0;
}
