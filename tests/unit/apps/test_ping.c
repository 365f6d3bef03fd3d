/*
 * tests/unit/apps/test_ping.c - the ping program, line for line
 *
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2), cables with
 * 1 ms of delay, as tests/unit/ipv4/test_ip.c builds them.  Each case
 * spawns ping on h1 and compares everything it printed (with the console's
 * time stamps, so the timing is checked too) with what iputils s20221126
 * prints on Debian 12 for the same situation (the texts were taken from
 * the real ping in network namespaces; only times differ).
 *
 * Timing, worked out once for the 3-reply case: the first echo waits for
 * ARP on both segments (8.006 ms); later ones take 4.004 ms.  After a
 * reply, pinger() finds the next probe 992 ms away and main_loop polls for
 * that long plus the hrtimer slack (0.992 ms), so the second probe leaves
 * at 2.000998592 s; the statistics' time is the last probe's send time
 * less the start: 2002 ms.
 */
#include "testlib.h"

#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "sim/proc.h"

struct pt {
	struct world *w;
	struct node *h1, *r1, *h2;
	FILE *out;
	char *buf;
	size_t len;
};

static __be32 A(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

static void up_addr(struct node *n, const char *ifname, const char *addr, int plen)
{
	struct sim_err err = { { 0 } };
	struct net_device *dev = __dev_get_by_name(n->net, ifname);

	ck_assert_ptr_nonnull(dev);
	ck_assert_int_eq(dev_open(dev, &err), 0);
	ck_assert_msg(inet_rtm_newaddr(n->net, dev, A(addr), plen, 0, true, RT_SCOPE_UNIVERSE,
				       NULL, 0, 0, &err) == 0, "%s", err.msg);
}

static void route_via(struct node *n, const char *dst, int plen, const char *gw)
{
	struct fib_config cfg = { .fc_dst = A(dst), .fc_dst_len = plen, .fc_gw4 = A(gw),
				  .fc_type = RTN_UNICAST, .fc_protocol = RTPROT_BOOT,
				  .fc_scope = RT_SCOPE_UNIVERSE, .fc_table = RT_TABLE_MAIN,
				  .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
	struct sim_err err = { { 0 } };

	ck_assert_msg(ip_rt_newroute(n->net, &cfg, &err) == 0, "%s", err.msg);
}

static void default_via(struct node *n, const char *gw)
{
	struct fib_config cfg = { .fc_dst = 0, .fc_dst_len = 0, .fc_gw4 = A(gw),
				  .fc_type = RTN_UNICAST, .fc_protocol = RTPROT_BOOT,
				  .fc_scope = RT_SCOPE_UNIVERSE, .fc_table = RT_TABLE_MAIN,
				  .fc_nlflags = NLM_F_CREATE | NLM_F_EXCL };
	struct sim_err err = { { 0 } };

	ck_assert_msg(ip_rt_newroute(n->net, &cfg, &err) == 0, "%s", err.msg);
}

/* @h1_route: whether h1 has its default route */
static void setup_with(struct pt *t, sim_time_t delay, bool h1_route, uint64_t seed)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	t->w = tl_world("ping", seed);
	t->h1 = world_add_node(t->w, "host", "h1", NULL, &err);
	t->r1 = world_add_node(t->w, "router", "r1", NULL, &err);
	t->h2 = world_add_node(t->w, "host", "h2", NULL, &err);
	ck_assert_ptr_nonnull(t->h2);
	cfg.delay = delay;
	ck_assert_ptr_nonnull(world_link(t->w, t->h1, t->r1, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(t->w, t->r1, t->h2, &cfg, &err));
	/* loopback up, as on a booted host: local replies and errors use it */
	ck_assert_int_eq(dev_open(node_net(t->h1)->loopback_dev, &err), 0);
	ck_assert_int_eq(dev_open(node_net(t->r1)->loopback_dev, &err), 0);
	ck_assert_int_eq(dev_open(node_net(t->h2)->loopback_dev, &err), 0);
	up_addr(t->h1, "eth0", "10.0.1.2", 24);
	up_addr(t->r1, "eth0", "10.0.1.1", 24);
	up_addr(t->r1, "eth1", "10.0.2.1", 24);
	up_addr(t->h2, "eth0", "10.0.2.2", 24);
	if (h1_route)
		default_via(t->h1, "10.0.1.1");
	default_via(t->h2, "10.0.2.1");
	t->out = open_memstream(&t->buf, &t->len);
	ck_assert_ptr_nonnull(t->out);
	t->w->console = t->out;
	t->w->quiet = false;
}

static void setup(struct pt *t)
{
	setup_with(t, SIM_NSEC_PER_MSEC, true, 1);
}

static void teardown(struct pt *t)
{
	tl_world_free(t->w);
	fclose(t->out);
	free(t->buf);
}

static struct sim_proc *spawn(struct node *n, const char *cmd, sim_time_t at)
{
	struct sim_err err = { { 0 } };
	struct sim_proc *p = sim_proc_spawn_program(n, cmd, at, &err);

	ck_assert_msg(p != NULL, "%s", err.msg);
	return p;
}

/* everything printed so far, console stamps included */
static const char *output(struct pt *t)
{
	fflush(t->out);
	return t->buf ? t->buf : "";
}

/* the output without the "[    1.000000000] h1 ping: " prefixes */
static char *text(struct pt *t)
{
	GString *s = g_string_new(NULL);
	char **lines = g_strsplit(output(t), "\n", -1);

	for (char **l = lines; *l && **l; l++) {
		const char *c = strstr(*l, " ping: ");

		g_string_append(s, c ? c + 7 : *l);
		g_string_append_c(s, '\n');
	}
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

#define ck_assert_text(t, want)						\
	do {								\
		char *got_ = text(t);					\
		ck_assert_msg(strcmp(got_, (want)) == 0, "got:\n%s\nwant:\n%s", got_, (want)); \
		g_free(got_);						\
	} while (0)

#define ck_assert_output(t, want)					\
	ck_assert_msg(strcmp(output(t), (want)) == 0, "got:\n%s\nwant:\n%s", output(t), (want))

static void ck_exited(const struct sim_proc *p, int status)
{
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, 0);
	ck_assert_int_eq(p->exit_status, status);
}

#define S(sec) ((sim_time_t)((sec) * SIM_NSEC_PER_SEC))

/* ---- replies, errors, timeouts ------------------------------------------ */

START_TEST(test_three_replies)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping -c 3 10.0.2.2", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[    1.008006592] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
		"[    2.005002496] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
		"[    3.006002400] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
		"[    3.006002400] h1 ping: \n"
		"[    3.006002400] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[    3.006002400] h1 ping: 3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n"
		"[    3.006002400] h1 ping: rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms\n");
	ck_exited(p, 0);
	/* the last reply ends it: nothing armed is left behind */
	ck_assert_int_eq(p->end_time, S(3.0060024));
	teardown(&t);
}
END_TEST

/*
 * r1 queues the three echoes while ARP for 10.0.2.99 runs its three probes
 * a second apart; when it gives up it reports every queued packet at once.
 */
START_TEST(test_unreachable_host)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping -c 3 10.0.2.99", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.99 (10.0.2.99) 56(84) bytes of data.\n"
		"[    4.065001200] h1 ping: From 10.0.1.1 icmp_seq=1 Destination Host Unreachable\n"
		"[    4.065002400] h1 ping: From 10.0.1.1 icmp_seq=2 Destination Host Unreachable\n"
		"[    4.065003600] h1 ping: From 10.0.1.1 icmp_seq=3 Destination Host Unreachable\n"
		"[    4.065003600] h1 ping: \n"
		"[    4.065003600] h1 ping: --- 10.0.2.99 ping statistics ---\n"
		"[    4.065003600] h1 ping: 3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2040ms\n"
		"[    4.065003600] h1 ping: pipe 3\n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

/* the same on h1's own segment: the errors come from h1 itself */
START_TEST(test_unreachable_neighbour)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping -c 3 10.0.1.99", S(1));
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.1.99 (10.0.1.99) 56(84) bytes of data.\n"
		"From 10.0.1.2 icmp_seq=1 Destination Host Unreachable\n"
		"From 10.0.1.2 icmp_seq=2 Destination Host Unreachable\n"
		"From 10.0.1.2 icmp_seq=3 Destination Host Unreachable\n"
		"\n"
		"--- 10.0.1.99 ping statistics ---\n"
		"3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2040ms\n"
		"pipe 3\n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

START_TEST(test_ttl_exceeded)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping -c 2 -t 1 10.0.2.2", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[    1.004003520] h1 ping: From 10.0.1.1 icmp_seq=1 Time to live exceeded\n"
		"[    2.003001696] h1 ping: From 10.0.1.1 icmp_seq=2 Time to live exceeded\n"
		"[    2.003001696] h1 ping: \n"
		"[    2.003001696] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[    2.003001696] h1 ping: 2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\n"
		"[    2.003001696] h1 ping: \n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

/* -W 1: after the last probe, no reply yet, wait one second (SIGALRM) */
START_TEST(test_silent_host_timeout)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	ipv4_sysctl_write(node_net(t.h2))->sysctl_icmp_echo_ignore_all = 1;
	p = spawn(t.h1, "ping -c 1 -W 1 10.0.2.2", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[    2.000000000] h1 ping: \n"
		"[    2.000000000] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[    2.000000000] h1 ping: 1 packets transmitted, 0 received, 100% packet loss, time 0ms\n"
		"[    2.000000000] h1 ping: \n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

/*
 * Without -W the linger is 10 s.  With replies under 1 ms main_loop sleeps
 * in recvmsg() for SO_RCVTIMEO (250 jiffies), which ends on the timer
 * wheel's 8-jiffy granularity: probes 1016 ms apart, as Linux shows.
 */
START_TEST(test_silent_host_lingers)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	ipv4_sysctl_write(node_net(t.h2))->sysctl_icmp_echo_ignore_all = 1;
	p = spawn(t.h1, "ping -c 2 10.0.2.2", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[   12.016000000] h1 ping: \n"
		"[   12.016000000] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[   12.016000000] h1 ping: 2 packets transmitted, 0 received, 100% packet loss, time 1016ms\n"
		"[   12.016000000] h1 ping: \n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

START_TEST(test_fast_replies_follow_the_timer_wheel)
{
	struct pt t;
	struct sim_proc *p;

	setup_with(&t, 1000, true, 1);
	p = spawn(t.h1, "ping -c 4 10.0.2.2", S(1));
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[    1.000014592] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=0.014 ms\n"
		"[    2.016007904] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=0.007 ms\n"
		"[    3.040007904] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=0.007 ms\n"
		"[    4.064007904] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=4 ttl=63 time=0.007 ms\n"
		"[    4.064007904] h1 ping: \n"
		"[    4.064007904] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[    4.064007904] h1 ping: 4 packets transmitted, 4 received, 0% packet loss, time 3064ms\n"
		"[    4.064007904] h1 ping: rtt min/avg/max/mdev = 0.007/0.008/0.014/0.003 ms\n");
	ck_exited(p, 0);
	teardown(&t);
}
END_TEST

/* ---- signals ---------------------------------------------------------------- */

START_TEST(test_sigint_prints_statistics)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping 10.0.2.2", S(1));
	world_run(t.w, S(3.5));
	ck_assert_int_eq(sim_proc_kill(p, SIGINT), 0);
	world_run(t.w, S(30));
	ck_assert_output(&t,
		"[    1.000000000] h1 ping: PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"[    1.008006592] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
		"[    2.005002496] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
		"[    3.006002400] h1 ping: 64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
		"[    3.500000000] h1 ping: \n"
		"[    3.500000000] h1 ping: --- 10.0.2.2 ping statistics ---\n"
		"[    3.500000000] h1 ping: 3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n"
		"[    3.500000000] h1 ping: rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms\n");
	ck_exited(p, 0);
	teardown(&t);
}
END_TEST

/* ^C with nothing back: exit status 1 */
START_TEST(test_sigint_without_replies)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping 10.0.2.99", S(1));
	world_run(t.w, S(2.5));
	sim_proc_kill(p, SIGINT);
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.2.99 (10.0.2.99) 56(84) bytes of data.\n"
		"\n"
		"--- 10.0.2.99 ping statistics ---\n"
		"2 packets transmitted, 0 received, 100% packet loss, time 1016ms\n"
		"\n");
	ck_exited(p, 1);
	teardown(&t);
}
END_TEST

/* SIGQUIT: a summary line, and ping goes on; SIGTERM: killed, silently */
START_TEST(test_sigquit_and_sigterm)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping 10.0.2.2", S(1));
	world_run(t.w, S(3.5));
	sim_proc_kill(p, SIGQUIT);
	world_run(t.w, S(4.5));
	sim_proc_kill(p, SIGTERM);
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
		"64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
		"64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
		"3/3 packets, 0% loss, min/avg/ewma/max = 4.004/5.338/7.068/8.006 ms\n"
		"64 bytes from 10.0.2.2: icmp_seq=4 ttl=63 time=4.00 ms\n");
	ck_assert_int_eq(p->state, SIM_PROC_EXITED);
	ck_assert_int_eq(p->term_signal, SIGTERM);
	ck_assert_int_eq(p->exit_status, 128 + SIGTERM);
	teardown(&t);
}
END_TEST

/* the world ends with ping still running: nothing leaks (teardown checks) */
START_TEST(test_world_ends_mid_run)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	p = spawn(t.h1, "ping 10.0.2.99", S(1));
	world_run(t.w, S(4.07));	/* errors queued, some still unread */
	ck_assert_int_eq(p->state, SIM_PROC_RUNNING);
	teardown(&t);
}
END_TEST

/* ---- options ---------------------------------------------------------------- */

struct opt_case {
	const char *cmd;
	const char *want;	/* without console prefixes */
	int status;
	bool h1_route;
};

static const struct opt_case opt_cases[] = {
	{ "ping -c 2 -q 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
	  "rtt min/avg/max/mdev = 4.004/6.005/8.006/2.001 ms\n", 0, true },
	{ "ping -c 2 -D -O 10.0.2.99",
	  "PING 10.0.2.99 (10.0.2.99) 56(84) bytes of data.\n"
	  "[2.016000] no answer yet for icmp_seq=1\n"
	  "[4.065001] From 10.0.1.1 icmp_seq=1 Destination Host Unreachable\n"
	  "[4.065002] From 10.0.1.1 icmp_seq=2 Destination Host Unreachable\n"
	  "\n"
	  "--- 10.0.2.99 ping statistics ---\n"
	  "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1016ms\n"
	  "pipe 2\n", 1, true },
	/* the deadline comes before the fourth probe; without -c it is a success */
	{ "ping -w 3 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n"
	  "rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms\n", 0, true },
	{ "ping -w 3 -c 5 -q 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n"
	  "rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms\n", 1, true },
	/* under 16 bytes of data there is no time stamp, so no times */
	{ "ping -c 1 -s 0 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 0(28) bytes of data.\n"
	  "8 bytes from 10.0.2.2: icmp_seq=1 ttl=63\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "\n", 0, true },
	/* fragmented on the way out, reassembled at h2 and back at h1 */
	{ "ping -c 1 -s 2000 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 2000(2028) bytes of data.\n"
	  "2008 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.06 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.061/8.061/8.061/0.000 ms\n", 0, true },
	{ "ping -c 1 -M do -s 2000 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 2000(2028) bytes of data.\n"
	  "ping: local error: message too long, mtu=1500\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	{ "ping -c 1 -s 65508 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 65508(65536) bytes of data.\n"
	  "ping: local error: message too long, mtu=1500\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	{ "ping -c 3 -l 3 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "3 packets transmitted, 3 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.007/8.008/0.000 ms, pipe 3\n", 0, true },
	{ "ping -c 4 -i 0.2 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=4 ttl=63 time=4.00 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "4 packets transmitted, 4 received, 0% packet loss, time 601ms\n"
	  "rtt min/avg/max/mdev = 4.004/5.004/8.006/1.732 ms\n", 0, true },
	/* the next probe is due within 10 ms of a reply: main_loop spins */
	{ "ping -c 3 -i 0.005 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "3 packets transmitted, 3 received, 0% packet loss, time 13ms\n"
	  "rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms\n", 0, true },
	/* -i 0: each reply lets the next probe go; ipg/ewma in the summary */
	{ "ping -c 3 -i 0 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.00 ms\n"
	  "64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.00 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "3 packets transmitted, 3 received, 0% packet loss, time 12ms\n"
	  "rtt min/avg/max/mdev = 4.004/5.338/8.006/1.886 ms, ipg/ewma 6.005/7.068 ms\n", 0, true },
	{ "ping -c 1 -p ab 10.0.2.2",
	  "PATTERN: 0xab\n"
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	{ "ping -c 1 -I eth0 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) from 10.0.1.2 eth0: 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	{ "ping -c 1 -I 10.0.1.2 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) from 10.0.1.2 : 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	/* ping's own address and the loopback: no wire, no time */
	{ "ping -c 1 10.0.1.2",
	  "PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.1.2: icmp_seq=1 ttl=64 time=0.000 ms\n"
	  "\n"
	  "--- 10.0.1.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 0.000/0.000/0.000/0.000 ms\n", 0, true },
	{ "ping -c 1 0",
	  "PING 0 (127.0.0.1) 56(84) bytes of data.\n"
	  "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.000 ms\n"
	  "\n"
	  "--- 0 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 0.000/0.000/0.000/0.000 ms\n", 0, true },
	/* inet_aton's short forms; r1 has no route to 10.0.0.1 */
	{ "ping -c 1 10.1",
	  "PING 10.1 (10.0.0.1) 56(84) bytes of data.\n"
	  "From 10.0.1.1 icmp_seq=1 Destination Net Unreachable\n"
	  "\n"
	  "--- 10.1 ping statistics ---\n"
	  "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	{ "ping -c 1 10.0.1.255",
	  "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n",
	  2, true },
	/* r1 ignores echoes to broadcast (icmp_echo_ignore_broadcasts) */
	{ "ping -c 1 -W 2 -b 10.0.1.255",
	  "WARNING: pinging broadcast address\n"
	  "PING 10.0.1.255 (10.0.1.255) 56(84) bytes of data.\n"
	  "\n"
	  "--- 10.0.1.255 ping statistics ---\n"
	  "1 packets transmitted, 0 received, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	{ "ping -c 2 10.0.2.2", "ping: connect: Network is unreachable\n", 2, false },
	/* with a source address there is no connect(); sendto() fails quietly */
	{ "ping -c 2 -W 1 -I 10.0.1.2 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) from 10.0.1.2 : 56(84) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 0 received, 100% packet loss, time 1016ms\n"
	  "\n", 1, false },
	/* bound to a device the route is assumed on-link: ARP for h2 fails */
	{ "ping -c 2 -I eth0 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) from 10.0.1.2 eth0: 56(84) bytes of data.\n"
	  "From 10.0.1.2 icmp_seq=1 Destination Host Unreachable\n"
	  "From 10.0.1.2 icmp_seq=2 Destination Host Unreachable\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1016ms\n"
	  "pipe 2\n", 1, false },
	/*
	 * -R and -T (IP options): 40 more bytes in the header line, and the
	 * options each reply came back with.  Record route: h1 sending, r1's
	 * way out, h2 on receipt and on answering, r1's way out, h1 on
	 * receipt; the same again is "(same route)".  Time stamps in ms since
	 * midnight (the run starts at midnight): a cable takes 1 ms here.
	 */
	{ "ping -c 2 -R 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "RR: \t10.0.1.2\n"
	  "\t10.0.2.1\n"
	  "\t10.0.2.2\n"
	  "\t10.0.2.2\n"
	  "\t10.0.1.1\n"
	  "\t10.0.1.2\n"
	  "\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.01 ms\t(same route)\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
	  "rtt min/avg/max/mdev = 4.006/6.006/8.007/2.000 ms\n", 0, true },
	{ "ping -c 2 -T tsonly 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "TS: \t1000 absolute\n"
	  "\t3\n"
	  "\t3\n"
	  "\t0\n"
	  "\t1\n"
	  "\t1\n"
	  "\n"
	  "64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.01 ms\n"
	  "TS: \t2000 absolute\n"
	  "\t2\n"
	  "\t1\n"
	  "\t0\n"
	  "\t1\n"
	  "\t1\n"
	  "\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
	  "rtt min/avg/max/mdev = 4.006/6.006/8.007/2.000 ms\n", 0, true },
	/* four address and time pairs: r1 and h1 find the option full on the way back */
	{ "ping -c 1 -T tsandaddr 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "TS: \t10.0.1.2\t1000 absolute\n"
	  "\t10.0.1.1\t3\n"
	  "\t10.0.2.2\t3\n"
	  "\t10.0.2.2\t0\n"
	  "Unrecorded hops: 2\n"
	  "\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.007/8.007/8.007/0.000 ms\n", 0, true },
	/* stamps from the hosts named, in order; r1 answers to 10.0.2.1 on either side */
	{ "ping -c 1 -T tsprespec 10.0.2.1 10.0.2.2 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "TS: \t10.0.2.1\t1003 absolute\n"
	  "\t10.0.2.2\t3\n"
	  "\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.007/8.007/8.007/0.000 ms\n", 0, true },
	/* h1 itself first: its stamp goes in when it sends */
	{ "ping -c 1 -T tsprespec 10.0.1.2 10.0.2.2 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "TS: \t10.0.1.2\t1000 absolute\n"
	  "\t10.0.2.2\t6\n"
	  "\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.007/8.007/8.007/0.000 ms\n", 0, true },
	/* no hop given: an empty 4-byte option, nothing to print */
	{ "ping -c 1 -T tsprespec 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	/* the node itself, through lo: four entries, no time passes */
	{ "ping -c 1 -R 10.0.1.2",
	  "PING 10.0.1.2 (10.0.1.2) 56(124) bytes of data.\n"
	  "64 bytes from 10.0.1.2: icmp_seq=1 ttl=64 time=0.000 ms\n"
	  "RR: \t10.0.1.2\n"
	  "\t10.0.1.2\n"
	  "\t10.0.1.2\n"
	  "\t10.0.1.2\n"
	  "\n"
	  "\n"
	  "--- 10.0.1.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 0.000/0.000/0.000/0.000 ms\n", 0, true },
	{ "ping -c 1 -R -s 0 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 0(68) bytes of data.\n"
	  "8 bytes from 10.0.2.2: icmp_seq=1 ttl=63\n"
	  "RR: \t10.0.1.2\n"
	  "\t10.0.2.1\n"
	  "\t10.0.2.2\n"
	  "\t10.0.2.2\n"
	  "\t10.0.1.1\n"
	  "\t10.0.1.2\n"
	  "\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "\n", 0, true },
	/* -q: no reply lines, so no options */
	{ "ping -c 2 -q -R 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
	  "rtt min/avg/max/mdev = 4.006/6.006/8.007/2.000 ms\n", 0, true },
	/* errors about echoes with options print as without */
	{ "ping -c 1 -R 10.0.3.3",
	  "PING 10.0.3.3 (10.0.3.3) 56(124) bytes of data.\n"
	  "From 10.0.1.1 icmp_seq=1 Destination Net Unreachable\n"
	  "\n"
	  "--- 10.0.3.3 ping statistics ---\n"
	  "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	/* the header has 40 bytes less for data: the local error's MTU says so */
	{ "ping -c 1 -R -M do -s 1460 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 1460(1528) bytes of data.\n"
	  "ping: local error: message too long, mtu=1460\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
	  "\n", 1, true },
	{ "ping -c 1 -R -M do -s 1420 -q 10.0.2.2",
	  "PING 10.0.2.2 (10.0.2.2) 1420(1488) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.051/8.051/8.051/0.000 ms\n", 0, true },
};

START_TEST(test_options)
{
	const struct opt_case *c = &opt_cases[_i];
	struct pt t;
	struct sim_proc *p;
	char *got;

	setup_with(&t, SIM_NSEC_PER_MSEC, c->h1_route, 1);
	p = spawn(t.h1, c->cmd, S(1));
	world_run(t.w, S(60));
	got = text(&t);
	ck_assert_msg(strcmp(got, c->want) == 0, "%s: got:\n%s\nwant:\n%s", c->cmd, got, c->want);
	g_free(got);
	ck_exited(p, c->status);
	teardown(&t);
}
END_TEST

/* ---- bad arguments: iputils' messages and exit statuses -------------------- */

#define USAGE_TEXT \
	"\n" \
	"Usage\n" \
	"  ping [options] <destination>\n" \
	"\n" \
	"Options:\n" \
	"  <destination>      dns name or ip address\n" \
	"  -a                 use audible ping\n" \
	"  -A                 use adaptive ping\n" \
	"  -B                 sticky source address\n" \
	"  -c <count>         stop after <count> replies\n" \
	"  -C                 call connect() syscall on socket creation\n" \
	"  -D                 print timestamps\n" \
	"  -d                 use SO_DEBUG socket option\n" \
	"  -e <identifier>    define identifier for ping session, default is random for\n" \
	"                     SOCK_RAW and kernel defined for SOCK_DGRAM\n" \
	"                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n" \
	"  -f                 flood ping\n" \
	"  -h                 print help and exit\n" \
	"  -I <interface>     either interface name or address\n" \
	"  -i <interval>      seconds between sending each packet\n" \
	"  -L                 suppress loopback of multicast packets\n" \
	"  -l <preload>       send <preload> number of packages while waiting replies\n" \
	"  -m <mark>          tag the packets going out\n" \
	"  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n" \
	"  -n                 no dns name resolution\n" \
	"  -O                 report outstanding replies\n" \
	"  -p <pattern>       contents of padding byte\n" \
	"  -q                 quiet output\n" \
	"  -Q <tclass>        use quality of service <tclass> bits\n" \
	"  -s <size>          use <size> as number of data bytes to be sent\n" \
	"  -S <size>          use <size> as SO_SNDBUF socket option value\n" \
	"  -t <ttl>           define time to live\n" \
	"  -U                 print user-to-user latency\n" \
	"  -v                 verbose output\n" \
	"  -V                 print version and exit\n" \
	"  -w <deadline>      reply wait <deadline> in seconds\n" \
	"  -W <timeout>       time to wait for response\n" \
	"\n" \
	"IPv4 options:\n" \
	"  -4                 use IPv4\n" \
	"  -b                 allow pinging broadcast\n" \
	"  -R                 record route\n" \
	"  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n" \
	"\n" \
	"IPv6 options:\n" \
	"  -6                 use IPv6\n" \
	"  -F <flowlabel>     define flow label, default is random\n" \
	"  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n" \
	"\n" \
	"For more details see ping(8).\n"

static const struct opt_case arg_cases[] = {
	{ "ping", "ping: usage error: Destination address required\n", 1, true },
	{ "ping -c 0 10.0.2.2",
	  "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n", 1, true },
	{ "ping -c abc 10.0.2.2", "ping: invalid argument: 'abc'\n", 1, true },
	{ "ping -c 99999999999999999999 10.0.2.2",
	  "ping: invalid argument: '99999999999999999999': Numerical result out of range\n", 1, true },
	{ "ping -c", "ping: option requires an argument -- 'c'\n" USAGE_TEXT, 2, true },
	{ "ping -x 10.0.2.2", "ping: invalid option -- 'x'\n" USAGE_TEXT, 2, true },
	{ "ping -h", USAGE_TEXT, 2, true },
	{ "ping 10.0.2.300", "ping: 10.0.2.300: Name or service not known\n", 2, true },
	{ "ping h2", "ping: h2: Name or service not known\n", 2, true },
	{ "ping ::1", "ping: ::1: Address family for hostname not supported\n", 2, true },
	{ "ping -6 10.0.2.2", "ping: 10.0.2.2: Address family for hostname not supported\n", 2, true },
	{ "ping -c 1 -4 -6 10.0.2.2", "ping: only one -4 or -6 option may be specified\n", 2, true },
	{ "ping -s -1 10.0.2.2",
	  "ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647\n", 1, true },
	{ "ping -t 0 -c 1 10.0.2.2", "ping: cannot set unicast time-to-live: Invalid argument\n",
	  2, true },
	{ "ping -t 256 10.0.2.2",
	  "ping: invalid argument: '256': out of range: 0 <= value <= 255\n", 1, true },
	{ "ping -W -1 10.0.2.2", "ping: bad linger time: -1\n", 2, true },
	{ "ping -i inf 10.0.2.2", "ping: bad timing interval: inf: Numerical result out of range\n",
	  2, true },
	{ "ping -w x 10.0.2.2", "ping: invalid argument: 'x'\n", 1, true },
	{ "ping -I eth9 -c 1 10.0.2.2", "ping: SO_BINDTODEVICE eth9: No such device\n", 2, true },
	{ "ping -I 1.2.3.4 -c 1 10.0.2.2", "ping: bind: Cannot assign requested address\n", 2, true },
	{ "ping -c 1 -M foo 10.0.2.2", "ping: invalid -M argument: foo\n", 2, true },
	{ "ping -c 1 -Q 300 10.0.2.2",
	  "ping: the decimal value of TOS bits must be in range 0-255: 300\n", 2, true },
	{ "ping -c 1 -p xyz 10.0.2.2", "ping: patterns must be specified as hex digits: xyz\n",
	  2, true },
	{ "ping -c 1 -e 70000 10.0.2.2",
	  "ping: invalid argument: '70000': out of range: 0 <= value <= 65535\n", 1, true },
	{ "ping -c 1 -l 0 10.0.2.2",
	  "ping: invalid argument: '0': out of range: 1 <= value <= 65536\n", 1, true },
	{ "ping -c 1 1.2.3.4 5.6.7.8", "ping: record route: Operation not permitted\n", 2, true },
	/* bind() comes before IP_OPTIONS */
	{ "ping -c 1 -I 1.2.3.4 10.0.1.1 10.0.2.2", "ping: bind: Cannot assign requested address\n",
	  2, true },
	/* -R and -T */
	{ "ping -R -T tsonly 10.0.2.2", "ping: only one of -T or -R may be used\n", 2, true },
	{ "ping -T tsonly -R 10.0.2.2", "ping: only one of -T or -R may be used\n", 2, true },
	{ "ping -T foo 10.0.2.2", "ping: invalid timestamp type: foo\n", 2, true },
	{ "ping -T foo -R 10.0.2.2", "ping: invalid timestamp type: foo\n", 2, true },
	{ "ping -T", "ping: option requires an argument -- 'T'\n" USAGE_TEXT, 2, true },
	/* hops only with -T tsprespec (at most 4), or as a source route */
	{ "ping -R 10.0.1.1 10.0.2.2", USAGE_TEXT, 2, true },
	{ "ping -T tsonly 10.0.1.1 10.0.2.2", USAGE_TEXT, 2, true },
	{ "ping -T tsandaddr 10.0.1.1 10.0.2.2", USAGE_TEXT, 2, true },
	{ "ping -T tsprespec 1.1.1.1 1.1.1.2 1.1.1.3 1.1.1.4 1.1.1.5 10.0.2.2", USAGE_TEXT, 2, true },
	{ "ping -T tsprespec 10.0.1.1 10.0.2.300", "ping: 10.0.2.300: Name or service not known\n",
	  2, true },
	{ "ping -T tsprespec 10.0.2.300 10.0.2.2", "ping: 10.0.2.300: Name or service not known\n",
	  2, true },
	{ "ping -V",
	  "ping from iputils 20221126\n"
	  "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n",
	  0, true },
	/* garbage only warns: "abc" is an interval of 0 */
	{ "ping -i abc -c 1 10.0.2.2",
	  "ping: option argument contains garbage: abc\n"
	  "ping: this will become fatal error in the future\n"
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	/* options after the destination, as GNU getopt permutes them */
	{ "ping 10.0.2.2 -c1 -q",
	  "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
	  "\n"
	  "--- 10.0.2.2 ping statistics ---\n"
	  "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
	  "rtt min/avg/max/mdev = 8.006/8.006/8.006/0.000 ms\n", 0, true },
	/* skbsim's own refusals */
	{ "ping -f 10.0.2.2", "ping: -f: not supported by skbsim's ping\n", 2, true },
	{ "ping -i -1 10.0.2.2", "ping: bad timing interval: -1\n", 2, true },
};

START_TEST(test_bad_arguments)
{
	const struct opt_case *c = &arg_cases[_i];
	struct pt t;
	struct sim_proc *p;
	char *got;

	setup(&t);
	p = spawn(t.h1, c->cmd, S(1));
	world_run(t.w, S(30));
	got = text(&t);
	ck_assert_msg(strcmp(got, c->want) == 0, "%s: got:\n%s\nwant:\n%s", c->cmd, got, c->want);
	g_free(got);
	ck_exited(p, c->status);
	teardown(&t);
}
END_TEST

/* ---- the echo request on the wire ------------------------------------------- */

struct tap {
	struct packet_type pt;
	int echoes;
	u8 first[128];
	unsigned int first_len;
};

static int tap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	struct tap *tap = container_of(pt, struct tap, pt);
	const struct iphdr *iph = (const struct iphdr *)skb->data;

	(void)dev;
	(void)orig_dev;
	if (skb->len >= sizeof(*iph) + 8 && iph->protocol == IPPROTO_ICMP &&
	    skb->data[iph->ihl * 4] == ICMP_ECHO) {
		if (!tap->echoes++) {
			tap->first_len = skb->len < sizeof(tap->first) ? skb->len : sizeof(tap->first);
			memcpy(tap->first, skb->data, tap->first_len);
		}
	}
	consume_skb(skb);
	return 0;
}

static u64 le64_at(const u8 *p)
{
	u64 v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * What tcpdump -v shows on Linux for a root ping: DF set, a nonzero IP ID
 * (the socket lets the kernel fragment, so the ID comes from the hashed
 * counters), TTL 64 less one hop, the id from the process's random stream,
 * then a struct timeval of the send time and the bytes 0x10, 0x11...
 */
START_TEST(test_echo_request_on_the_wire)
{
	struct pt t;
	struct tap tap = { .pt = { .type = htons(ETH_P_ALL), .func = tap_rcv } };
	const struct iphdr *iph = (const struct iphdr *)tap.first;
	const struct icmphdr *ic = (const struct icmphdr *)(tap.first + 20);
	const u8 *data = tap.first + 28;
	struct sim_proc *p, *p2;
	u16 id1;

	setup(&t);
	dev_add_pack(node_net(t.h2), &tap.pt);
	p = spawn(t.h1, "ping -c 2 10.0.2.2", S(1));
	world_run(t.w, S(1.5));
	dev_remove_pack(node_net(t.h2), &tap.pt);
	ck_assert_int_eq(tap.echoes, 1);
	ck_assert_uint_eq(tap.first_len, 84);
	ck_assert_uint_eq(ntohs(iph->tot_len), 84);
	ck_assert_uint_eq(ntohs(iph->frag_off), IP_DF);
	ck_assert_uint_ne(iph->id, 0);
	ck_assert_uint_eq(iph->ttl, 63);
	ck_assert_uint_eq(iph->tos, 0);
	ck_assert_uint_eq(iph->saddr, A("10.0.1.2"));
	ck_assert_uint_eq(ic->code, 0);
	ck_assert_uint_eq(ntohs(ic->un.echo.sequence), 1);
	ck_assert_uint_eq(ip_compute_csum(ic, 64), 0);
	ck_assert_uint_eq(le64_at(data), 1);		/* tv_sec */
	ck_assert_uint_eq(le64_at(data + 8), 0);	/* tv_usec */
	for (int i = 16; i < 56; i++)
		ck_assert_uint_eq(data[i], i);
	id1 = ic->un.echo.id;
	world_run(t.w, S(30));
	ck_exited(p, 0);

	/* another process gets another id; -t and -Q reach the header */
	tap.echoes = 0;
	dev_add_pack(node_net(t.h2), &tap.pt);
	p2 = spawn(t.h1, "ping -c 1 -t 9 -Q 0x10 -e 4660 10.0.2.2", S(40));
	world_run(t.w, S(60));
	dev_remove_pack(node_net(t.h2), &tap.pt);
	ck_exited(p2, 0);
	ck_assert_int_eq(tap.echoes, 1);
	ck_assert_uint_eq(iph->ttl, 8);
	ck_assert_uint_eq(iph->tos, 0x10);
	ck_assert_uint_eq(ntohs(ic->un.echo.id), 4660);
	ck_assert_uint_ne(ic->un.echo.id, id1);
	teardown(&t);
}
END_TEST

/* ---- IP options: -R and -T ------------------------------------------------- */

static void ck_opt_bytes(const u8 *got, const u8 *want, size_t len)
{
	for (size_t i = 0; i < len; i++)
		ck_assert_msg(got[i] == want[i], "option byte %zu: got 0x%02x, want 0x%02x", i, got[i],
			      want[i]);
}

#define BE32(v) (u8)((v) >> 24), (u8)((v) >> 16), (u8)((v) >> 8), (u8)(v)
#define IP4(a, b, c, d) (a), (b), (c), (d)

/*
 * The echo as h2 receives it: setsockopt(IP_OPTIONS)'s bytes (strace of
 * the real ping: 01 07 27 04 00..., 44 28 05 00..., 44 24 05 01...,
 * 44 14 05 03 <hops>) with h1's and r1's entries filled in, 40 bytes more
 * header, a valid header checksum.
 */
START_TEST(test_options_on_the_wire)
{
	static const struct {
		const char *cmd;
		unsigned int ihl;
		u8 opt[40];
	} cases[] = {
		{ "ping -c 1 -R 10.0.2.2", 15,
		  { IPOPT_NOP, IPOPT_RR, 39, 12, IP4(10, 0, 1, 2), IP4(10, 0, 2, 1) } },
		/* h1 stamps when it sends, r1 when the echo arrives a cable later */
		{ "ping -c 1 -T tsonly 10.0.2.2", 15,
		  { IPOPT_TS, 40, 13, IPOPT_TS_TSONLY, BE32(10000), BE32(10001) } },
		{ "ping -c 1 -T tsandaddr 10.0.2.2", 14,
		  { IPOPT_TS, 36, 21, IPOPT_TS_TSANDADDR, IP4(10, 0, 1, 2), BE32(20000),
		    IP4(10, 0, 1, 1), BE32(20001) } },
		{ "ping -c 1 -T tsprespec 10.0.1.1 10.0.2.2 10.0.2.2", 10,
		  { IPOPT_TS, 20, 13, IPOPT_TS_PRESPEC, IP4(10, 0, 1, 1), BE32(30001),
		    IP4(10, 0, 2, 2), BE32(0) } },
	};
	struct pt t;

	setup(&t);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct tap tap = { .pt = { .type = htons(ETH_P_ALL), .func = tap_rcv } };
		const struct iphdr *iph = (const struct iphdr *)tap.first;
		sim_time_t at = i ? S(10 * i) : S(1);
		struct sim_proc *p;

		dev_add_pack(node_net(t.h2), &tap.pt);
		p = spawn(t.h1, cases[i].cmd, at);
		world_run(t.w, at + S(0.5));
		dev_remove_pack(node_net(t.h2), &tap.pt);
		ck_assert_int_eq(tap.echoes, 1);
		ck_assert_uint_eq(iph->ihl, cases[i].ihl);
		ck_assert_uint_eq(ntohs(iph->tot_len), cases[i].ihl * 4 + 64);
		ck_assert_uint_eq(ip_compute_csum(iph, (int)cases[i].ihl * 4), 0);
		ck_assert_uint_eq(iph->ttl, 63);
		ck_opt_bytes(tap.first + 20, cases[i].opt, cases[i].ihl * 4 - 20);
		world_run(t.w, at + S(5));
		ck_exited(p, 0);
	}
	teardown(&t);
}
END_TEST

/*
 * "(same route)" as long as the pointer and addresses are those printed
 * last; a change prints the route again.  r1 forwards to 10.0.2.0/24 from
 * 10.0.2.100 from 2.5 s on.  Linux 6.18 prints the same (with the route
 * replaced between the second and third replies).
 */
START_TEST(test_record_route_changes)
{
	struct pt t;
	struct sim_proc *p;

	setup(&t);
	tl_sh_ok(t.r1, "ip addr add 10.0.2.100/24 dev eth1");
	p = spawn(t.h1, "ping -R -c 4 10.0.2.2", S(1));
	world_run(t.w, S(2.5));
	tl_sh_ok(t.r1, "ip route replace 10.0.2.0/24 dev eth1 src 10.0.2.100");
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.2.2 (10.0.2.2) 56(124) bytes of data.\n"
		"64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=8.01 ms\n"
		"RR: \t10.0.1.2\n"
		"\t10.0.2.1\n"
		"\t10.0.2.2\n"
		"\t10.0.2.2\n"
		"\t10.0.1.1\n"
		"\t10.0.1.2\n"
		"\n"
		"64 bytes from 10.0.2.2: icmp_seq=2 ttl=63 time=4.01 ms\t(same route)\n"
		"64 bytes from 10.0.2.2: icmp_seq=3 ttl=63 time=4.01 ms\n"
		"RR: \t10.0.1.2\n"
		"\t10.0.2.100\n"
		"\t10.0.2.2\n"
		"\t10.0.2.2\n"
		"\t10.0.1.1\n"
		"\t10.0.1.2\n"
		"\n"
		"64 bytes from 10.0.2.2: icmp_seq=4 ttl=63 time=4.01 ms\t(same route)\n"
		"\n"
		"--- 10.0.2.2 ping statistics ---\n"
		"4 packets transmitted, 4 received, 0% packet loss, time 3003ms\n"
		"rtt min/avg/max/mdev = 4.005/5.005/8.007/1.732 ms\n");
	ck_exited(p, 0);
	teardown(&t);
}
END_TEST

/*
 * h1 -- r1 -- r2 -- r3 -- h2: record route fills its nine slots before
 * the reply reaches h1; tsonly's nine stamps leave one hop unrecorded,
 * tsandaddr's four pairs five (h2's answer does not count itself).  The
 * same lines as Linux 6.18 and iputils in five namespaces.
 */
START_TEST(test_options_through_three_routers)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct node *r2, *r3;
	struct sim_proc *p[3];
	struct pt t;

	t.w = tl_world("ping", 1);
	t.h1 = world_add_node(t.w, "host", "h1", NULL, &err);
	t.r1 = world_add_node(t.w, "router", "r1", NULL, &err);
	r2 = world_add_node(t.w, "router", "r2", NULL, &err);
	r3 = world_add_node(t.w, "router", "r3", NULL, &err);
	t.h2 = world_add_node(t.w, "host", "h2", NULL, &err);
	ck_assert_ptr_nonnull(t.h2);
	cfg.delay = SIM_NSEC_PER_MSEC;
	ck_assert_ptr_nonnull(world_link(t.w, t.h1, t.r1, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(t.w, t.r1, r2, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(t.w, r2, r3, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(t.w, r3, t.h2, &cfg, &err));
	up_addr(t.h1, "eth0", "10.0.1.2", 24);
	up_addr(t.r1, "eth0", "10.0.1.1", 24);
	up_addr(t.r1, "eth1", "10.0.2.1", 24);
	up_addr(r2, "eth0", "10.0.2.2", 24);
	up_addr(r2, "eth1", "10.0.3.1", 24);
	up_addr(r3, "eth0", "10.0.3.2", 24);
	up_addr(r3, "eth1", "10.0.4.1", 24);
	up_addr(t.h2, "eth0", "10.0.4.2", 24);
	default_via(t.h1, "10.0.1.1");
	default_via(t.r1, "10.0.2.2");
	route_via(r2, "10.0.1.0", 24, "10.0.2.1");
	route_via(r2, "10.0.4.0", 24, "10.0.3.2");
	default_via(r3, "10.0.3.1");
	default_via(t.h2, "10.0.4.1");
	t.out = open_memstream(&t.buf, &t.len);
	ck_assert_ptr_nonnull(t.out);
	t.w->console = t.out;
	t.w->quiet = false;

	p[0] = spawn(t.h1, "ping -c 1 -R 10.0.4.2", S(1));
	p[1] = spawn(t.h1, "ping -c 1 -T tsonly 10.0.4.2", S(10));
	p[2] = spawn(t.h1, "ping -c 1 -T tsandaddr 10.0.4.2", S(20));
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.4.2 (10.0.4.2) 56(124) bytes of data.\n"
		"64 bytes from 10.0.4.2: icmp_seq=1 ttl=61 time=16.0 ms\n"
		"RR: \t10.0.1.2\n"
		"\t10.0.2.1\n"
		"\t10.0.3.1\n"
		"\t10.0.4.1\n"
		"\t10.0.4.2\n"
		"\t10.0.4.2\n"
		"\t10.0.3.2\n"
		"\t10.0.2.2\n"
		"\t10.0.1.1\n"
		"\n"
		"\n"
		"--- 10.0.4.2 ping statistics ---\n"
		"1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
		"rtt min/avg/max/mdev = 16.015/16.015/16.015/0.000 ms\n"
		"PING 10.0.4.2 (10.0.4.2) 56(124) bytes of data.\n"
		"64 bytes from 10.0.4.2: icmp_seq=1 ttl=61 time=8.01 ms\n"
		"TS: \t10000 absolute\n"
		"\t1\n"
		"\t1\n"
		"\t1\n"
		"\t1\n"
		"\t0\n"
		"\t1\n"
		"\t1\n"
		"\t1\n"
		"Unrecorded hops: 1\n"
		"\n"
		"\n"
		"--- 10.0.4.2 ping statistics ---\n"
		"1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
		"rtt min/avg/max/mdev = 8.010/8.010/8.010/0.000 ms\n"
		"PING 10.0.4.2 (10.0.4.2) 56(124) bytes of data.\n"
		"64 bytes from 10.0.4.2: icmp_seq=1 ttl=61 time=8.01 ms\n"
		"TS: \t10.0.1.2\t20000 absolute\n"
		"\t10.0.1.1\t1\n"
		"\t10.0.2.2\t1\n"
		"\t10.0.3.2\t1\n"
		"Unrecorded hops: 5\n"
		"\n"
		"\n"
		"--- 10.0.4.2 ping statistics ---\n"
		"1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
		"rtt min/avg/max/mdev = 8.010/8.010/8.010/0.000 ms\n");
	for (int i = 0; i < 3; i++)
		ck_exited(p[i], 0);
	teardown(&t);
}
END_TEST

/*
 * pr_options()'s other branches, with a reply no Linux host would send:
 * r1 puts on h1's segment an echo reply (to a ping whose echoes h2
 * ignores) carrying a NOP, an unknown option, a full record route with an
 * empty slot and a full timestamp with non-standard times (high bit set).
 * h1 passes the unknown option on unexamined and counts itself in the
 * full timestamp's overflow, as Linux does; ping prints them as iputils.
 * The same frame sent from r1's namespace with an AF_PACKET socket gives
 * these lines on Linux 6.18 with iputils 20221126 (only the time differs).
 */
START_TEST(test_options_printed_as_iputils)
{
	struct tap tap = { .pt = { .type = htons(ETH_P_ALL), .func = tap_rcv } };
	static const u8 opts[28] = {
		IPOPT_NOP,
		0x99, 4, 0, 0,					/* unknown */
		IPOPT_RR, 11, 12, IP4(1, 2, 3, 4), IP4(0, 0, 0, 0),	/* full */
		IPOPT_TS, 12, 13, IPOPT_TS_TSONLY, BE32(0x80000064u), BE32(0x800000c8u),
	};
	struct net_device *h1dev, *r1dev;
	struct sim_err err = { { 0 } };
	u8 frame[14 + 48 + 64];
	struct iphdr *iph = (struct iphdr *)(frame + 14);
	struct icmphdr *ic = (struct icmphdr *)(frame + 14 + 48);
	struct sim_proc *p;
	struct pt t;

	setup(&t);
	ipv4_sysctl_write(node_net(t.h2))->sysctl_icmp_echo_ignore_all = 1;
	dev_add_pack(node_net(t.h2), &tap.pt);
	p = spawn(t.h1, "ping -c 1 -W 5 10.0.2.2", S(1));
	world_run(t.w, S(1.5));
	dev_remove_pack(node_net(t.h2), &tap.pt);
	ck_assert_int_eq(tap.echoes, 1);
	ck_assert_uint_eq(tap.first_len, 84);

	h1dev = __dev_get_by_name(node_net(t.h1), "eth0");
	r1dev = __dev_get_by_name(node_net(t.r1), "eth0");
	memcpy(frame, h1dev->dev_addr, 6);
	memcpy(frame + 6, r1dev->dev_addr, 6);
	frame[12] = 0x08;
	frame[13] = 0x00;
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 12;
	iph->tot_len = htons(48 + 64);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = A("10.0.2.2");
	iph->daddr = A("10.0.1.2");
	memcpy(frame + 14 + 20, opts, sizeof(opts));
	iph->check = ip_compute_csum(iph, 48);
	memcpy(ic, tap.first + 20, 64);		/* the echo: id, sequence, data */
	ic->type = ICMP_ECHOREPLY;
	ic->checksum = 0;
	ic->checksum = ip_compute_csum(ic, 64);
	ck_assert_ptr_nonnull(t.w->packet_inject);
	ck_assert_msg(t.w->packet_inject(t.r1, "eth0", frame, sizeof(frame), &err) == 0, "%s",
		      err.msg);
	world_run(t.w, S(30));
	ck_assert_text(&t,
		"PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"
		"64 bytes from 10.0.2.2: icmp_seq=1 ttl=64 time=501 ms\n"
		"NOP\n"
		"unknown option 99\n"
		"RR: \t1.2.3.4\n"
		"\t0.0.0.0\n"
		"\n"
		"TS: \t100 absolute not-standard\n"
		"\t100 not-standard\n"
		"Unrecorded hops: 1\n"
		"\n"
		"\n"
		"--- 10.0.2.2 ping statistics ---\n"
		"1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
		"rtt min/avg/max/mdev = 501.001/501.001/501.001/0.000 ms\n");
	ck_exited(p, 0);
	teardown(&t);
}
END_TEST

/* ---- several pings, determinism ------------------------------------------ */

/* Two pings on h1 at once: each one counts its own replies only. */
START_TEST(test_two_pings_keep_apart)
{
	struct pt t;
	struct sim_proc *a, *b;
	char *got;

	setup(&t);
	a = spawn(t.h1, "ping -c 2 -q 10.0.2.2", S(1));
	b = spawn(t.h1, "ping -c 3 -q 10.0.2.2", S(1.0001));
	world_run(t.w, S(30));
	ck_exited(a, 0);
	ck_exited(b, 0);
	got = text(&t);
	ck_assert_msg(strstr(got, "2 packets transmitted, 2 received, 0% packet loss") != NULL, "%s", got);
	ck_assert_msg(strstr(got, "3 packets transmitted, 3 received, 0% packet loss") != NULL, "%s", got);
	ck_assert_msg(strstr(got, "duplicates") == NULL, "%s", got);
	g_free(got);
	teardown(&t);
}
END_TEST

static char *run_once(uint64_t seed, u16 *id)
{
	struct pt t;
	struct tap tap = { .pt = { .type = htons(ETH_P_ALL), .func = tap_rcv } };
	char *out;

	setup_with(&t, SIM_NSEC_PER_MSEC, true, seed);
	dev_add_pack(node_net(t.h2), &tap.pt);
	spawn(t.h1, "ping -c 3 -D 10.0.2.99", S(1));
	spawn(t.h1, "ping -c 3 10.0.2.2", S(1));
	world_run(t.w, S(30));
	dev_remove_pack(node_net(t.h2), &tap.pt);
	*id = ((const struct icmphdr *)(tap.first + 20))->un.echo.id;
	out = g_strdup(output(&t));
	teardown(&t);
	return out;
}

START_TEST(test_deterministic)
{
	u16 id_a, id_b, id_c;
	char *a = run_once(7, &id_a), *b = run_once(7, &id_b), *c = run_once(8, &id_c);

	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(id_a, id_b);
	ck_assert_uint_ne(id_a, id_c);		/* the id comes from the run seed */
	g_free(a);
	g_free(b);
	g_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ping");
	TCase *tc = tcase_create("ping");

	tcase_add_test(tc, test_three_replies);
	tcase_add_test(tc, test_unreachable_host);
	tcase_add_test(tc, test_unreachable_neighbour);
	tcase_add_test(tc, test_ttl_exceeded);
	tcase_add_test(tc, test_silent_host_timeout);
	tcase_add_test(tc, test_silent_host_lingers);
	tcase_add_test(tc, test_fast_replies_follow_the_timer_wheel);
	tcase_add_test(tc, test_sigint_prints_statistics);
	tcase_add_test(tc, test_sigint_without_replies);
	tcase_add_test(tc, test_sigquit_and_sigterm);
	tcase_add_test(tc, test_world_ends_mid_run);
	tcase_add_loop_test(tc, test_options, 0, (int)G_N_ELEMENTS(opt_cases));
	tcase_add_loop_test(tc, test_bad_arguments, 0, (int)G_N_ELEMENTS(arg_cases));
	tcase_add_test(tc, test_echo_request_on_the_wire);
	tcase_add_test(tc, test_options_on_the_wire);
	tcase_add_test(tc, test_record_route_changes);
	tcase_add_test(tc, test_options_through_three_routers);
	tcase_add_test(tc, test_options_printed_as_iputils);
	tcase_add_test(tc, test_two_pings_keep_apart);
	tcase_add_test(tc, test_deterministic);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
