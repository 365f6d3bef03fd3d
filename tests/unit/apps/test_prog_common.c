/*
 * tests/unit/apps/test_prog_common.c - what the socket programs share
 *
 * prog_getopt() parses as glibc's getopt() does (options after operands
 * are moved first, grouped flags, attached and detached arguments, "--",
 * '?' with optopt for an unknown option or a missing argument); and the
 * programs built on prog_io give their sockets back: a traceroute killed
 * mid-run, an iperf server still running when the world ends and an nc
 * listener that exits leave no socket in `ss` and nothing for the leak
 * checks of tl_world_free() and ASan.
 */
#include "testlib.h"

#include <signal.h>
#include <string.h>

#include "apps/prog_common.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "sim/proc.h"

static int next(struct prog_getopt *g, char **argv, int argc, const char *opts)
{
	return prog_getopt(g, argc, argv, opts);
}

START_TEST(test_getopt_permutes_operands_last)
{
	char *argv[] = { "tracepath", "10.0.4.2", "-n", "-m", "5", NULL };
	struct prog_getopt g = { 0 };

	ck_assert_int_eq(next(&g, argv, 5, "nbl:m:p:"), 'n');
	ck_assert_int_eq(next(&g, argv, 5, "nbl:m:p:"), 'm');
	ck_assert_str_eq(g.optarg, "5");
	ck_assert_int_eq(next(&g, argv, 5, "nbl:m:p:"), -1);
	ck_assert_int_eq(g.optind, 4);
	ck_assert_str_eq(argv[4], "10.0.4.2");
}
END_TEST

START_TEST(test_getopt_groups_and_attached_arguments)
{
	char *argv[] = { "x", "-nbm7", "-p9", "host", NULL };
	struct prog_getopt g = { 0 };

	ck_assert_int_eq(next(&g, argv, 4, "nbl:m:p:"), 'n');
	ck_assert_int_eq(next(&g, argv, 4, "nbl:m:p:"), 'b');
	ck_assert_int_eq(next(&g, argv, 4, "nbl:m:p:"), 'm');
	ck_assert_str_eq(g.optarg, "7");
	ck_assert_int_eq(next(&g, argv, 4, "nbl:m:p:"), 'p');
	ck_assert_str_eq(g.optarg, "9");
	ck_assert_int_eq(next(&g, argv, 4, "nbl:m:p:"), -1);
	ck_assert_str_eq(argv[g.optind], "host");
}
END_TEST

START_TEST(test_getopt_errors_and_double_dash)
{
	char *a1[] = { "x", "-z", NULL };
	char *a2[] = { "x", "-m", NULL };
	char *a3[] = { "x", "-n", "--", "-m", NULL };
	struct prog_getopt g1 = { 0 }, g2 = { 0 }, g3 = { 0 };

	ck_assert_int_eq(next(&g1, a1, 2, "nm:"), '?');
	ck_assert_int_eq(g1.optopt, 'z');
	ck_assert_int_eq(next(&g2, a2, 2, "nm:"), '?');
	ck_assert_int_eq(g2.optopt, 'm');
	ck_assert_int_eq(next(&g3, a3, 4, "nm:"), 'n');
	ck_assert_int_eq(next(&g3, a3, 4, "nm:"), -1);
	ck_assert_str_eq(a3[g3.optind], "-m");
}
END_TEST

START_TEST(test_parse_ipv4)
{
	__be32 a = 0;

	ck_assert(prog_parse_ipv4("10.0.4.2", &a));
	ck_assert_uint_eq(a, htonl(0x0a000402));
	ck_assert(!prog_parse_ipv4("foo.invalid", &a));
	ck_assert(!prog_parse_ipv4("", &a));
}
END_TEST

/* ---- processes give their sockets back --------------------------------------- */

static struct world *two_hosts(struct node **h1, struct node **h2)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct world *w = tl_world("prog", 1);

	*h1 = world_add_node(w, "host", "h1", NULL, &err);
	*h2 = world_add_node(w, "host", "h2", NULL, &err);
	ck_assert_ptr_nonnull(*h2);
	cfg.delay = SIM_NSEC_PER_MSEC;
	ck_assert_ptr_nonnull(world_link(w, *h1, *h2, &cfg, &err));
	tl_sh_ok(*h1, "ip addr add 10.0.0.1/24 dev eth0");
	tl_sh_ok(*h1, "ip link set eth0 up");
	tl_sh_ok(*h2, "ip addr add 10.0.0.2/24 dev eth0");
	tl_sh_ok(*h2, "ip link set eth0 up");
	w->quiet = true;
	return w;
}

static struct sim_proc *spawn(struct node *n, const char *cmd)
{
	struct sim_err err = { { 0 } };
	struct sim_proc *p = sim_proc_spawn_program(n, cmd, sim_now(n->w), &err);

	ck_assert_msg(p != NULL, "%s", err.msg);
	return p;
}

static int udp_sockets(struct node *n)
{
	GString *out = tl_sh_out(n, "ss -uanH");
	int lines = 0;

	for (const char *c = out->str; *c; c++)
		lines += *c == '\n';
	g_string_free(out, TRUE);
	return lines;
}

START_TEST(test_killed_traceroute_closes_its_sockets)
{
	struct node *h1, *h2;
	struct world *w = two_hosts(&h1, &h2);
	struct sim_proc *p;

	/* 10.0.0.9 never answers ARP: every probe waits its 5 s */
	p = spawn(h1, "traceroute -n 10.0.0.9");
	world_run(w, 2 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(udp_sockets(h1), 16);		/* -N 16 probes in flight */
	ck_assert_int_eq(sim_proc_kill(p, SIGINT), 0);
	world_run(w, 3 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, SIGINT);
	ck_assert_int_eq(udp_sockets(h1), 0);
	tl_world_free(w);
}
END_TEST

START_TEST(test_world_ends_with_programs_running)
{
	struct node *h1, *h2;
	struct world *w = two_hosts(&h1, &h2);

	spawn(h2, "iperf -s -u");
	spawn(h2, "nc -u -l 7000");
	spawn(h1, "iperf -u -c 10.0.0.2 -b 50M -t 10");
	spawn(h1, "arping -I eth0 10.0.0.2");
	spawn(h1, "tracepath -n 10.0.0.9");
	world_run(w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(udp_sockets(h2), 2);
	tl_world_free(w);	/* every socket and queued skb freed with the world */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("prog_common");
	TCase *tc = tcase_create("prog_common");

	tcase_add_test(tc, test_getopt_permutes_operands_last);
	tcase_add_test(tc, test_getopt_groups_and_attached_arguments);
	tcase_add_test(tc, test_getopt_errors_and_double_dash);
	tcase_add_test(tc, test_parse_ipv4);
	tcase_add_test(tc, test_killed_traceroute_closes_its_sockets);
	tcase_add_test(tc, test_world_ends_with_programs_running);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
