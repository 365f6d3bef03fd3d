/*
 * sim/main.c - the `skbsim` command
 *
 * No kernel counterpart.  The one place where the engine (sim/) and the
 * models (models/) meet: it hands the models' module list to the scenario
 * runner.  `run --backend=linux` runs the scenario on the real kernel
 * instead (sim/lua/lbackend_linux.c); `diff` compares two runs
 * (sim/diff.c).  Exit status: 0 success, 1 scenario error, 2 bad usage, 130
 * interrupted (SIGINT).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "models.h"
#include "sim/diff.h"
#include "sim/lua/lbackend_linux.h"
#include "sim/lua/lua_api.h"
#include "sim/time.h"
#include "sim/trace/walk.h"
#include "sim/version.h"

static volatile sig_atomic_t interrupted;	/* set by SIGINT only */

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void usage(FILE *f)
{
	fputs("Usage: skbsim run SCENARIO.lua [--seed N] [--out DIR] [--quiet] [--backend=sim|linux]\n"
	      "                     [--walk FILTER [--walk-count N]] [NAME=VALUE ...]\n"
	      "       skbsim console SCENARIO.lua [run options]\n"
	      "       skbsim grade LAB.lua STUDENT_DIR [--seed N] [--out DIR] [NAME=VALUE ...]\n"
	      "       skbsim diff [--ignore F,...] [--renumber F,...] [--skip F=V,...]\n"
	      "                   [--time-round MS] [--no-counters] RUN_A RUN_B\n"
	      "       skbsim --version | --help\n"
	      "\n"
	      "Runs a Lua scenario in the simulated network stack.  Outputs go to\n"
	      "out/<network name>/ (or DIR): pcap/<node>-<iface>.pcap and metrics.db.\n"
	      "NAME=VALUE arguments reach the scenario as strings in skbsim.args.\n"
	      "\n"
	      "  --seed N   run seed (overrides the scenario's skbsim.network{seed=})\n"
	      "  --out DIR  output directory\n"
	      "  --quiet    no process output on stdout\n"
	      "  --backend=linux  run the scenario on the real kernel: network\n"
	      "             namespaces, veth pairs, tc, the real programs, tcpdump\n"
	      "             (needs root; see docs/conformance.md)\n"
	      "  --walk FILTER  follow the first packet matching FILTER (pcap-filter\n"
	      "             syntax) function by function; --walk-count N: N packets\n"
	      "             (see docs/walk.md)\n"
	      "\n"
	      "skbsim console runs the scenario, then gives a prompt (NODE COMMAND,\n"
	      "run TIME, walk FILTER, nodes, links, help); net:pause() in the\n"
	      "scenario opens it earlier.  See docs/console.md.\n"
	      "\n"
	      "skbsim grade runs a lab with the student's configuration (one file of\n"
	      "sh lines per node in STUDENT_DIR) and prints each check as passed or\n"
	      "failed; exit 0 when every check passed.  See docs/labs/README.md.\n"
	      "\n"
	      "skbsim diff compares two output directories (pcaps decoded field by\n"
	      "field, process output, stdout.txt, final counters) and names the\n"
	      "first divergence of each; exit 0 when they match, 1 when they differ,\n"
	      "2 on errors.  See docs/conformance.md.\n"
	      "\n"
	      "Exit status: 0 ok, 1 scenario error, 2 usage, 130 interrupted.\n", f);
}

struct progress {
	bool enabled;
	double start, last;
	uint64_t last_events;
	bool shown;
};

/* One line on stderr, rewritten, for runs longer than a second. */
static void show_progress(struct world *w, void *arg)
{
	struct progress *pr = arg;
	double now = sim_wall_now();
	char t[32];

	if (now - pr->start < 1.0 || now - pr->last < 0.5)
		return;
	sim_time_format(sim_now(w), t, sizeof(t));
	fprintf(stderr, "\r%s: t=%ss  %.2fM events/s  wall %.1fs ", w->name, t,
		(double)(w->events - pr->last_events) / (now - pr->last) / 1e6,
		now - pr->start);
	pr->last = now;
	pr->last_events = w->events;
	pr->shown = true;
}

static bool is_assignment(const char *s)
{
	const char *eq = strchr(s, '=');

	if (!eq || eq == s)
		return false;
	for (const char *p = s; p < eq; p++)
		if (!(p == s ? (g_ascii_isalpha(*p) || *p == '_')
			     : (g_ascii_isalnum(*p) || *p == '_')))
			return false;
	return true;
}

static int parse_seed(const char *s, uint64_t *seed)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > (UINT64_MAX >> 1))
		return -1;
	*seed = v;
	return 0;
}

enum run_mode { MODE_RUN, MODE_CONSOLE, MODE_GRADE };

static int cmd_run(int argc, char **argv, enum run_mode mode)
{
	struct sim_lua_opts opts = { .modules = skbsim_modules, .interrupted = &interrupted,
				     .console = mode == MODE_CONSOLE };
	struct progress pr = { .enabled = isatty(STDERR_FILENO), .start = sim_wall_now() };
	GPtrArray *args = g_ptr_array_new();
	struct sigaction sa = { .sa_handler = on_sigint };
	struct sim_err walk_err = { { 0 } };
	int status;

	pr.last = pr.start;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--seed") == 0 || strncmp(a, "--seed=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);

			if (parse_seed(v, &opts.seed) < 0) {
				fprintf(stderr, "skbsim: --seed needs a number from 0 to 2^63-1\n");
				goto usage;
			}
			opts.seed_set = true;
		} else if (strcmp(a, "--out") == 0 || strncmp(a, "--out=", 6) == 0) {
			opts.out_dir = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
			if (!opts.out_dir || !*opts.out_dir) {
				fprintf(stderr, "skbsim: --out needs a directory\n");
				goto usage;
			}
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			opts.quiet = true;
		} else if (strcmp(a, "--backend") == 0 || strncmp(a, "--backend=", 10) == 0) {
			const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);

			if (v && strcmp(v, "linux") == 0) {
				opts.backend_linux = true;
			} else if (!v || strcmp(v, "sim") != 0) {
				fprintf(stderr, "skbsim: --backend is sim or linux\n");
				goto usage;
			}
		} else if (strcmp(a, "--walk") == 0 || strncmp(a, "--walk=", 7) == 0) {
			opts.walk_filter = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
			if (!opts.walk_filter) {
				fprintf(stderr, "skbsim: --walk needs a filter (\"\" for every packet)\n");
				goto usage;
			}
		} else if (strcmp(a, "--walk-count") == 0 || strncmp(a, "--walk-count=", 13) == 0) {
			const char *v = a[12] == '=' ? a + 13 : (i + 1 < argc ? argv[++i] : NULL);
			uint64_t n;

			if (parse_seed(v, &n) < 0 || n == 0) {
				fprintf(stderr, "skbsim: --walk-count needs a number from 1\n");
				goto usage;
			}
			opts.walk_count = (int64_t)n;
		} else if (a[0] == '-') {
			fprintf(stderr, "skbsim: unknown option %s\n", a);
			goto usage;
		} else if (is_assignment(a)) {
			g_ptr_array_add(args, (gpointer)a);
		} else if (!opts.script) {
			opts.script = a;
		} else if (mode == MODE_GRADE && !opts.grade_dir) {
			opts.grade_dir = a;
		} else {
			fprintf(stderr, "skbsim: unexpected argument %s (arguments to the "
				"scenario are NAME=VALUE)\n", a);
			goto usage;
		}
	}
	if (!opts.script) {
		fprintf(stderr, "skbsim: %s needs a scenario file\n",
			mode == MODE_GRADE ? "grade" : mode == MODE_CONSOLE ? "console" : "run");
		goto usage;
	}
	if (mode == MODE_GRADE && !opts.grade_dir) {
		fprintf(stderr, "skbsim: grade needs the student's directory\n");
		goto usage;
	}
	if (mode == MODE_GRADE && !g_file_test(opts.grade_dir, G_FILE_TEST_IS_DIR)) {
		/* no directory would grade as "nothing configured": say it instead */
		fprintf(stderr, "skbsim: grade: %s: not a directory\n", opts.grade_dir);
		g_ptr_array_unref(args);
		return 2;
	}
	if (mode != MODE_RUN && opts.backend_linux) {
		fprintf(stderr, "skbsim: --backend=linux is for run only\n");
		goto usage;
	}
	if (opts.walk_count && !opts.walk_filter) {
		fprintf(stderr, "skbsim: --walk-count goes with --walk\n");
		goto usage;
	}
	if (opts.walk_filter && sim_walk_filter_check(opts.walk_filter, &walk_err) < 0) {
		fprintf(stderr, "skbsim: --walk: %s\n", walk_err.msg);
		g_ptr_array_unref(args);
		return 2;
	}
	if (opts.backend_linux && !lbackend_linux_available()) {
		fprintf(stderr, "skbsim: --backend=linux needs root and network namespaces\n");
		g_ptr_array_unref(args);
		return 2;
	}
	g_ptr_array_add(args, NULL);
	opts.args = (const char *const *)args->pdata;
	if (pr.enabled && mode == MODE_RUN) {
		opts.progress = show_progress;
		opts.progress_arg = &pr;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	status = sim_lua_run(&opts);
	if (pr.shown)
		fputs("\n", stderr);
	g_ptr_array_unref(args);
	return status;
usage:
	g_ptr_array_unref(args);
	fputs("Try 'skbsim --help' for more information.\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("skbsim %s\n", SKBSIM_VERSION);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 2, argv + 2, MODE_RUN);
	if (argc >= 2 && strcmp(argv[1], "console") == 0)
		return cmd_run(argc - 2, argv + 2, MODE_CONSOLE);
	if (argc >= 2 && strcmp(argv[1], "grade") == 0)
		return cmd_run(argc - 2, argv + 2, MODE_GRADE);
	if (argc >= 2 && strcmp(argv[1], "diff") == 0)
		return sim_diff_main(argc - 2, argv + 2);
	if (argc >= 2) {
		fprintf(stderr, "skbsim: unknown command %s\n", argv[1]);
		fputs("Try 'skbsim --help' for more information.\n", stderr);
	} else {
		usage(stderr);
	}
	return 2;
}
