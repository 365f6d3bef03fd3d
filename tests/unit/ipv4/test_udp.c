/*
 * tests/unit/ipv4/test_udp.c - UDP sockets through the syscall layer
 *
 * h1 (10.0.1.2) -- r1 -- h2 (10.0.2.2).  The calls go through
 * w->socket_ops, the door Lua processes use (sim/socket.h), with a made-up
 * pid: bind's errors (table), delivery and InDatagrams counted when read,
 * NoPorts with ICMP port unreachable, a bad checksum and a short length
 * counted and dropped, the receive buffer rule (RcvbufErrors), the wait
 * queue woken by a datagram, the fd checks (EBADF, ENOTSOCK), a full send
 * buffer (EAGAIN, POLLOUT again once sent) and a SO_REUSEPORT group
 * sharing flows.  The
 * fixture's tl_world_free() fails a test that leaks a socket or an skb.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "net/udp.h"
#include "sim/socket.h"

#define PID 100

static const struct sim_socket_ops *ops(struct node *n)
{
	return n->w->socket_ops;
}

static struct sockaddr_in sin_of(const char *addr, u16 port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	sin.sin_addr.s_addr = tl_addr(addr);
	return sin;
}

static int sock_new(struct node *n)
{
	int fd = ops(n)->socket(n, PID, AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 3);
	return fd;
}

static int do_bind(struct node *n, int fd, const char *addr, u16 port)
{
	struct sockaddr_in sin = sin_of(addr, port);

	return ops(n)->bind(n, PID, fd, (struct sockaddr *)&sin, sizeof(sin));
}

static int set_int(struct node *n, int fd, int level, int name, int v)
{
	return ops(n)->setsockopt(n, PID, fd, level, name, &v, sizeof(v));
}

static ssize_t do_sendto(struct node *n, int fd, const char *addr, u16 port, const void *data,
			 size_t len)
{
	struct sockaddr_in sin = sin_of(addr, port);
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
	struct msghdr msg = { .msg_name = &sin, .msg_namelen = sizeof(sin), .msg_iov = &iov,
			      .msg_iovlen = 1 };

	return ops(n)->sendmsg(n, PID, fd, &msg, MSG_DONTWAIT);
}

static ssize_t do_recv(struct node *n, int fd, void *buf, size_t len, int flags)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	return ops(n)->recvmsg(n, PID, fd, &msg, flags | MSG_DONTWAIT);
}

static u64 udp_mib(struct node *n, int field)
{
	return node_net(n)->ipv4.udp_table->mib[field];
}

/* ---- bind ------------------------------------------------------------------- */

struct bind_case {
	const char *name;
	const char *first;		/* bound first, or NULL */
	int reuse;			/* SO_REUSEADDR (1) or SO_REUSEPORT (2) on both */
	const char *second;
	u16 port;
	int err;
};

static const struct bind_case bind_cases[] = {
	{ "same wildcard", "0.0.0.0", 0, "0.0.0.0", 5000, -EADDRINUSE },
	{ "address under a wildcard", "0.0.0.0", 0, "10.0.1.2", 5000, -EADDRINUSE },
	{ "wildcard over an address", "10.0.1.2", 0, "0.0.0.0", 5000, -EADDRINUSE },
	{ "two addresses", "10.0.1.2", 0, "10.0.1.255", 5000, 0 },
	{ "SO_REUSEADDR on both", "0.0.0.0", 1, "0.0.0.0", 5000, 0 },
	{ "SO_REUSEPORT on both", "10.0.1.2", 2, "10.0.1.2", 5000, 0 },
	{ "not our address", NULL, 0, "10.9.9.9", 5000, -EADDRNOTAVAIL },
	{ "the subnet broadcast", NULL, 0, "10.0.1.255", 5000, 0 },
	{ "a multicast group", NULL, 0, "239.1.1.1", 5000, 0 },
};

START_TEST(test_bind_rules)
{
	const struct bind_case *c = &bind_cases[_i];
	struct tl_net3 t;
	int a, b;

	tl_net3_setup(&t);
	a = sock_new(t.h1);
	b = sock_new(t.h1);
	if (c->reuse) {
		int opt = c->reuse == 1 ? SO_REUSEADDR : SO_REUSEPORT;

		ck_assert_int_eq(set_int(t.h1, a, SOL_SOCKET, opt, 1), 0);
		ck_assert_int_eq(set_int(t.h1, b, SOL_SOCKET, opt, 1), 0);
	}
	if (c->first)
		ck_assert_int_eq(do_bind(t.h1, a, c->first, c->port), 0);
	ck_assert_msg(do_bind(t.h1, b, c->second, c->port) == c->err, "%s", c->name);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_bind_twice_and_ephemeral)
{
	struct tl_net3 t;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd;

	tl_net3_setup(&t);
	fd = sock_new(t.h1);
	ck_assert_int_eq(do_bind(t.h1, fd, "0.0.0.0", 0), 0);
	ck_assert_int_eq(do_bind(t.h1, fd, "0.0.0.0", 0), -EINVAL);
	ck_assert_int_eq(ops(t.h1)->getsockname(t.h1, PID, fd, (struct sockaddr *)&sin, &len), 0);
	ck_assert_int_ge(ntohs(sin.sin_port), 32768);
	ck_assert_int_le(ntohs(sin.sin_port), 60999);
	/* IP_FREEBIND lets a foreign address be bound */
	fd = sock_new(t.h1);
	ck_assert_int_eq(set_int(t.h1, fd, SOL_IP, IP_FREEBIND, 1), 0);
	ck_assert_int_eq(do_bind(t.h1, fd, "10.9.9.9", 7), 0);
	tl_world_free(t.w);
}
END_TEST

/* ---- receive ---------------------------------------------------------------- */

START_TEST(test_delivery_and_noports)
{
	struct tl_net3 t;
	char buf[64];
	int rx, tx;

	tl_net3_setup(&t);
	rx = sock_new(t.h2);
	tx = sock_new(t.h1);
	ck_assert_int_eq(do_bind(t.h2, rx, "0.0.0.0", 7), 0);
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 7, "hello", 5), 5);
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 9, "nobody", 6), 6);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(udp_mib(t.h1, UDP_MIB_OUTDATAGRAMS), 2);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_NOPORTS), 1);
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_DEST_UNREACH), 1);
	/* queued, not yet read: InDatagrams counts reads */
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INDATAGRAMS), 0);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, 2, MSG_PEEK | MSG_TRUNC), 5);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INDATAGRAMS), 0);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, sizeof(buf), 0), 5);
	ck_assert_mem_eq(buf, "hello", 5);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INDATAGRAMS), 1);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, sizeof(buf), 0), -EAGAIN);
	tl_world_free(t.w);
}
END_TEST

/* A datagram h1 sends by hand: @mangle 1 spoils the checksum, 2 the length. */
static void send_raw_udp(struct tl_net3 *t, u16 dport, int mangle)
{
	struct net *net = node_net(t->h1);
	struct flowi4 fl4 = { .daddr = tl_addr("10.0.2.2"), .flowi4_proto = IPPROTO_UDP };
	struct sk_buff *skb = alloc_skb(net, 256);
	struct rtable *rt;
	struct udphdr *uh;
	int err = 0;

	rt = ip_route_output_key(net, &fl4, &err);
	ck_assert_ptr_nonnull(rt);
	skb_reserve(skb, 128);
	uh = skb_put_zero(skb, sizeof(*uh) + 4);
	memcpy(uh + 1, "data", 4);
	uh->source = htons(4000);
	uh->dest = htons(dport);
	uh->len = htons(mangle == 2 ? 200 : 12);
	uh->check = csum_tcpudp_magic(fl4.saddr, fl4.daddr, 12, IPPROTO_UDP,
				      csum_partial(uh, 12, 0));
	if (mangle == 1)
		uh->check ^= 0x0101;
	ip_push_skb(net, NULL, skb, rt, fl4.saddr, fl4.daddr, IPPROTO_UDP, 0, 64, true);
	ip_rt_put(rt);
}

START_TEST(test_bad_checksum_and_length_counted)
{
	struct tl_net3 t;
	char buf[16];
	int rx;

	tl_net3_setup(&t);
	rx = sock_new(t.h2);
	ck_assert_int_eq(do_bind(t.h2, rx, "0.0.0.0", 7), 0);
	send_raw_udp(&t, 7, 0);
	send_raw_udp(&t, 7, 1);
	send_raw_udp(&t, 7, 2);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_CSUMERRORS), 1);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INERRORS), 2);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, sizeof(buf), 0), 4);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, sizeof(buf), 0), -EAGAIN);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_rcvbuf_drops)
{
	struct tl_net3 t;
	char buf[16];
	int rx, tx, n = 0;

	tl_net3_setup(&t);
	rx = sock_new(t.h2);
	tx = sock_new(t.h1);
	/* 1 -> SOCK_MIN_RCVBUF (2304) */
	ck_assert_int_eq(set_int(t.h2, rx, SOL_SOCKET, SO_RCVBUF, 1), 0);
	ck_assert_int_eq(do_bind(t.h2, rx, "0.0.0.0", 7), 0);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 7, "x", 1), 1);
	world_run(t.w, SIM_NSEC_PER_SEC);
	while (do_recv(t.h2, rx, buf, sizeof(buf), 0) == 1)
		n++;
	/* what the cable's NIC hands up is charged at its buffer's truesize */
	ck_assert_int_ge(n, 1);
	ck_assert_int_lt(n, 10);
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_RCVBUFERRORS), (u64)(10 - n));
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INERRORS), (u64)(10 - n));
	ck_assert_uint_eq(udp_mib(t.h2, UDP_MIB_INDATAGRAMS), (u64)n);
	/* datagrams left queued at the end are freed with the socket */
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 7, "y", 1), 1);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	tl_world_free(t.w);
}
END_TEST

/* ---- the wait queue and the fd table ----------------------------------------------- */

struct woken {
	struct sim_wait w;
	int n;
};

static void woken_fn(struct sim_wait *w)
{
	container_of(w, struct woken, w)->n++;
}

START_TEST(test_wait_queue_woken_by_data)
{
	struct tl_net3 t;
	struct woken wk = { .w.func = woken_fn };
	int rx, tx;

	tl_net3_setup(&t);
	rx = sock_new(t.h2);
	tx = sock_new(t.h1);
	ck_assert_int_eq(do_bind(t.h2, rx, "0.0.0.0", 7), 0);
	ck_assert_int_eq(ops(t.h2)->poll(t.h2, PID, rx, &wk.w), POLLOUT | POLLWRNORM | POLLWRBAND);
	ck_assert(wk.w.queued);
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 7, "x", 1), 1);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(wk.n, 1);
	ck_assert(!wk.w.queued);		/* autoremove */
	ck_assert(ops(t.h2)->poll(t.h2, PID, rx, NULL) & POLLIN);
	/* queued again, then taken off before the socket goes */
	ops(t.h2)->poll(t.h2, PID, rx, &wk.w);
	ops(t.h2)->unwait(&wk.w);
	ck_assert(!wk.w.queued);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_fd_checks)
{
	struct tl_net3 t;
	int fd, fd2;

	tl_net3_setup(&t);
	ck_assert_int_eq(do_bind(t.h1, 1, "0.0.0.0", 7), -ENOTSOCK);
	ck_assert_int_eq(do_bind(t.h1, 99, "0.0.0.0", 7), -EBADF);
	ck_assert_int_eq(do_bind(t.h1, -1, "0.0.0.0", 7), -EBADF);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET6 + 200, SOCK_DGRAM, 0), -EAFNOSUPPORT);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, 0, 0), -EINVAL);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, IPPROTO_TCP),
			 -EPROTONOSUPPORT);
	fd = sock_new(t.h1);
	fd2 = sock_new(t.h1);
	ck_assert_int_eq(fd, 3);
	ck_assert_int_eq(fd2, 4);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), -EBADF);
	ck_assert_int_eq(sock_new(t.h1), 3);	/* the lowest free fd */
	/* another process's fd 4 is not ours */
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID + 1, fd2), -EBADF);
	ops(t.h1)->exit_files(t.h1, PID);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd2), -EBADF);
	tl_world_free(t.w);
}
END_TEST


/* a full send buffer: EAGAIN (the caller would wait), not writable until sent */
START_TEST(test_sndbuf_full)
{
	struct tl_net3 t;
	char data[1000] = { 0 };
	int tx, sent = 0;
	ssize_t n;

	tl_net3_setup(&t);
	tx = sock_new(t.h1);
	ck_assert_int_eq(set_int(t.h1, tx, SOL_SOCKET, SO_SNDBUF, 1), 0);	/* 4608 */
	while ((n = do_sendto(t.h1, tx, "10.0.2.2", 9, data, sizeof(data))) > 0)
		sent++;
	ck_assert_int_eq(n, -EAGAIN);
	ck_assert_int_ge(sent, 1);
	ck_assert(!(ops(t.h1)->poll(t.h1, PID, tx, NULL) & POLLOUT));
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert(ops(t.h1)->poll(t.h1, PID, tx, NULL) & POLLOUT);
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 9, data, sizeof(data)), sizeof(data));
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);
	tl_world_free(t.w);
}
END_TEST

/* a SO_REUSEPORT group shares flows: each flow sticks to one member */
START_TEST(test_reuseport_spreads_flows)
{
	struct tl_net3 t;
	int rx[2], got[2] = { 0, 0 };
	char buf[8];

	tl_net3_setup(&t);
	for (int i = 0; i < 2; i++) {
		rx[i] = sock_new(t.h2);
		ck_assert_int_eq(set_int(t.h2, rx[i], SOL_SOCKET, SO_REUSEPORT, 1), 0);
		ck_assert_int_eq(do_bind(t.h2, rx[i], "0.0.0.0", 7), 0);
	}
	for (int f = 0; f < 16; f++) {
		int tx = sock_new(t.h1);

		ck_assert_int_eq(do_bind(t.h1, tx, "0.0.0.0", (u16)(20000 + f)), 0);
		for (int k = 0; k < 2; k++)
			ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", 7, "x", 1), 1);
	}
	world_run(t.w, SIM_NSEC_PER_SEC);
	for (int i = 0; i < 2; i++)
		while (do_recv(t.h2, rx[i], buf, sizeof(buf), 0) == 1)
			got[i]++;
	ck_assert_int_eq(got[0] + got[1], 32);
	ck_assert_int_gt(got[0], 0);
	ck_assert_int_gt(got[1], 0);
	ck_assert_int_eq(got[0] % 2, 0);	/* both datagrams of a flow together */
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("udp");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_bind_rules, 0, G_N_ELEMENTS(bind_cases));
	tcase_add_test(tc, test_bind_twice_and_ephemeral);
	tcase_add_test(tc, test_delivery_and_noports);
	tcase_add_test(tc, test_bad_checksum_and_length_counted);
	tcase_add_test(tc, test_rcvbuf_drops);
	tcase_add_test(tc, test_wait_queue_woken_by_data);
	tcase_add_test(tc, test_fd_checks);
	tcase_add_test(tc, test_sndbuf_full);
	tcase_add_test(tc, test_reuseport_spreads_flows);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
