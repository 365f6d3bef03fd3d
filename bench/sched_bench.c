/*
 * bench/sched_bench.c - the `sched` workload: the event queue's hold model
 *
 * No kernel counterpart.  Implements the hold model defined in
 * shared/bench/ns3/README.md ("Workload sched") so that skbsim and ns-3
 * (shared/bench/ns3/sched.cc) can be timed on the same work:
 *
 *   fill: at time 0, schedule P events, the i-th at delay() ns;
 *   run:  every executed event first schedules one new event at
 *         now + delay(), then counts itself; the run stops right after
 *         the E-th executed event;
 *   delay(): splitmix64 from SEED, u = ((x >> 11) + 1) * 2^-53 (0 < u <= 1),
 *         floor(-MEAN * log(u)) ns.
 *
 * It goes through the real engine: a struct world, sim_schedule(),
 * world_run() and world_stop(), so what is timed is the dispatch loop every
 * scenario runs, not a private copy of it.  Events come from a free list
 * of objects that embed their struct sim_event, as a model's would.
 *
 * final_ns (the time of the E-th event) depends only on P, E, SEED, MEAN
 * and FIFO tie-breaking; the README lists the expected values and
 * scripts/bench.sh checks them against ns-3's.
 *
 * Output: one line of key=value words (see usage()); exit status 0 when
 * all E events ran, 1 when not, 2 for bad usage.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "sim/world.h"

#define HOLD_CHUNK 4096			/* events per pool allocation */

struct sched_bench;

struct hold_event {
	struct sim_event ev;
	union {
		struct sched_bench *b;		/* while scheduled */
		struct hold_event *next_free;	/* while on the free list */
	};
};

struct hold_chunk {
	struct hold_chunk *next;
	struct hold_event ev[HOLD_CHUNK];
};

struct sched_bench {
	/* parameters */
	uint64_t pending;
	uint64_t events;
	uint64_t seed;
	double mean_ns;

	/* state */
	uint64_t rng;			/* splitmix64 state */
	uint64_t executed;
	sim_time_t final_ns;
	struct hold_event *free;
	struct hold_chunk *chunks;
};

static uint64_t splitmix64(struct sched_bench *b)
{
	uint64_t z = (b->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The README's delay(): the same draws in the same order as sched.cc. */
static sim_time_t hold_delay(struct sched_bench *b)
{
	double u = (double)((splitmix64(b) >> 11) + 1) * 0x1.0p-53;

	return (sim_time_t)floor(-b->mean_ns * log(u));
}

static struct hold_event *hold_alloc(struct sched_bench *b)
{
	struct hold_event *he = b->free;

	if (!he) {
		struct hold_chunk *c = malloc(sizeof(*c));

		if (!c) {
			fprintf(stderr, "sched_bench: out of memory\n");
			exit(1);
		}
		c->next = b->chunks;
		b->chunks = c;
		for (size_t i = HOLD_CHUNK; i-- > 0;) {
			c->ev[i].next_free = b->free;
			b->free = &c->ev[i];
		}
		he = b->free;
	}
	b->free = he->next_free;
	return he;
}

static void hold_free(struct sched_bench *b, struct hold_event *he)
{
	he->next_free = b->free;
	b->free = he;
}

static void hold_run(struct world *w, struct sim_event *ev);

static void hold_schedule(struct sched_bench *b, struct world *w, sim_time_t t)
{
	struct hold_event *he = hold_alloc(b);

	sim_event_init(&he->ev, hold_run);
	he->b = b;
	sim_schedule(w, &he->ev, t);
}

/* One executed event: schedule the next one first, then count this one. */
static void hold_run(struct world *w, struct sim_event *ev)
{
	struct hold_event *he = (struct hold_event *)((char *)ev -
						      offsetof(struct hold_event, ev));
	struct sched_bench *b = he->b;

	hold_schedule(b, w, sim_now(w) + hold_delay(b));
	hold_free(b, he);
	if (++b->executed == b->events) {
		b->final_ns = sim_now(w);
		world_stop(w);
	}
}

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void usage(FILE *f)
{
	fputs("Usage: sched_bench [--pending=P] [--events=E] [--seed=S] [--mean-ns=M]\n"
	      "\n"
	      "The hold model of shared/bench/ns3/README.md (workload sched) through\n"
	      "skbsim's event queue and run loop.\n"
	      "\n"
	      "  --pending=P   events kept pending (default 1000)\n"
	      "  --events=E    events executed in the timed phase (default 10000000)\n"
	      "  --seed=S      splitmix64 seed (default 1)\n"
	      "  --mean-ns=M   mean of the exponential delay, ns (default 1000)\n"
	      "\n"
	      "Prints: workload=sched sim=skbsim pending= events= fill_s= wall_s=\n"
	      "events_per_s= ns_per_event= final_ns= maxrss_kb=\n"
	      "Exit status: 0 all E events ran, 1 not, 2 bad usage.\n", f);
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	double d;

	/* "1e7" is what people type for 10^7; accept it when it is exact */
	if (!s[0] || s[0] == '-')
		return -1;
	d = strtod(s, &end);
	if (*end || !(d >= 0) || d > 9007199254740992.0 || d != floor(d))
		return -1;
	*out = (uint64_t)d;
	return 0;
}

static int parse_args(struct sched_bench *b, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pending", required_argument, NULL, 'p' },
		{ "events", required_argument, NULL, 'e' },
		{ "seed", required_argument, NULL, 's' },
		{ "mean-ns", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'p':
			if (parse_u64(optarg, &b->pending) < 0 || b->pending == 0)
				goto bad;
			break;
		case 'e':
			if (parse_u64(optarg, &b->events) < 0 || b->events == 0)
				goto bad;
			break;
		case 's':
			/* any 64-bit value: it only seeds splitmix64 */
			b->seed = strtoull(optarg, &end, 0);
			if (!optarg[0] || *end)
				goto bad;
			break;
		case 'm':
			b->mean_ns = strtod(optarg, &end);
			if (!optarg[0] || *end || !(b->mean_ns > 0) || b->mean_ns > 1e15)
				goto bad;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sched_bench: unexpected argument %s\n", argv[optind]);
		return -1;
	}
	return 0;
bad:
	fprintf(stderr, "sched_bench: bad value %s for --%s\n", optarg,
		opts[c == 'p' ? 0 : c == 'e' ? 1 : c == 's' ? 2 : 3].name);
	return -1;
}

int main(int argc, char **argv)
{
	static const struct sim_module *const no_modules[] = { NULL };
	struct sched_bench b = {
		.pending = 1000, .events = 10000000, .seed = 1, .mean_ns = 1000.0,
		.final_ns = -1,
	};
	struct world_config cfg = {
		.name = "sched", .hz = SIM_HZ_DEFAULT, .modules = no_modules,
	};
	struct sim_err err = { { 0 } };
	struct world *w;
	struct rusage ru;
	double t0, t1, t2, wall;

	if (parse_args(&b, argc, argv) < 0)
		return 2;
	cfg.seed = b.seed;
	b.rng = b.seed;
	w = world_create(&cfg, &err);
	if (!w) {
		fprintf(stderr, "sched_bench: %s\n", err.msg);
		return 1;
	}

	t0 = wall_now();
	for (uint64_t i = 0; i < b.pending; i++)
		hold_schedule(&b, w, hold_delay(&b));
	t1 = wall_now();
	world_run(w, SIM_TIME_MAX);
	t2 = wall_now();

	getrusage(RUSAGE_SELF, &ru);
	wall = t2 - t1;
	printf("workload=sched sim=skbsim pending=%" PRIu64 " events=%" PRIu64
	       " fill_s=%.3f wall_s=%.3f events_per_s=%.0f ns_per_event=%.1f"
	       " final_ns=%" PRId64 " maxrss_kb=%ld\n",
	       b.pending, b.executed, t1 - t0, wall,
	       b.executed ? (double)b.executed / wall : 0.0,
	       b.executed ? wall * 1e9 / (double)b.executed : 0.0,
	       b.final_ns, ru.ru_maxrss);
	fflush(stdout);

	/* The pending events belong to the pool: empty the queue, then free. */
	world_destroy(w);
	while (b.chunks) {
		struct hold_chunk *c = b.chunks;

		b.chunks = c->next;
		free(c);
	}
	return b.executed == b.events ? 0 : 1;
}
