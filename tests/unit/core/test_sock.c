/*
 * tests/unit/core/test_sock.c - SOL_SOCKET options and control messages
 *
 * net/core/sock.c's rules as Linux 6.18 applies them (the values were read
 * back from a real socket with tests/kernel/udp_sockets.py rcvbuf): buffer
 * sizes doubled, capped and floored; timeouts as struct timeval with
 * EDOM for a bad tv_usec; SO_ERROR read once; SO_BINDTODEVICE by name;
 * put_cmsg() truncating into a short buffer with MSG_CTRUNC.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>

#include "net/net_namespace.h"
#include "net/sock.h"
#include "sim/socket.h"

#define PID 7

struct buf_case {
	int optname;
	int set;
	int got;
};

static const struct buf_case buf_cases[] = {
	{ SO_RCVBUF, 1, 2304 },		{ SO_RCVBUF, 0, 2304 },
	{ SO_RCVBUF, 4096, 8192 },	{ SO_RCVBUF, 1000000000, 425984 },
	{ SO_RCVBUF, -1, 425984 },	{ SO_SNDBUF, 1, 4608 },
	{ SO_SNDBUF, 4096, 8192 },	{ SO_RCVBUFFORCE, 1000000, 2000000 },
	{ SO_SNDBUFFORCE, -5, 4608 },
};

static int mk(struct tl_net3 *t)
{
	return t->w->socket_ops->socket(t->h1, PID, AF_INET, SOCK_DGRAM, 0);
}

START_TEST(test_buffer_sizes)
{
	const struct buf_case *c = &buf_cases[_i];
	const struct sim_socket_ops *ops;
	struct tl_net3 t;
	int fd, v;
	socklen_t len = sizeof(v);
	int rd;

	tl_net3_setup(&t);
	ops = t.w->socket_ops;
	fd = mk(&t);
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, c->optname, &c->set,
					 sizeof(c->set)), 0);
	rd = c->optname == SO_SNDBUF || c->optname == SO_SNDBUFFORCE ? SO_SNDBUF : SO_RCVBUF;
	ck_assert_int_eq(ops->getsockopt(t.h1, PID, fd, SOL_SOCKET, rd, &v, &len), 0);
	ck_assert_int_eq(v, c->got);
	ck_assert_int_eq(len, sizeof(int));
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_timeouts_and_errors)
{
	const struct sim_socket_ops *ops;
	struct tl_net3 t;
	struct timeval tv = { .tv_sec = 1, .tv_usec = 1000000 }, got;
	socklen_t len = sizeof(got);
	sim_time_t timeo;
	int fd, v = 1;
	char name[IFNAMSIZ];

	tl_net3_setup(&t);
	ops = t.w->socket_ops;
	fd = mk(&t);
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)),
			 -EDOM);
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 4), -EINVAL);
	tv.tv_usec = 250000;
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	ck_assert_int_eq(ops->getsockopt(t.h1, PID, fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len), 0);
	ck_assert_int_eq(got.tv_sec, 1);
	ck_assert_int_eq(got.tv_usec, 250000);
	ck_assert_int_eq(ops->timeo(t.h1, PID, fd, true, &timeo), 0);
	ck_assert_int_eq(timeo, 1250 * SIM_NSEC_PER_MSEC);
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_REUSEADDR, &v, 2), -EINVAL);
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, 12345, &v, sizeof(v)),
			 -ENOPROTOOPT);
	/* SO_BINDTODEVICE by name, read back; an unknown name is ENODEV */
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_BINDTODEVICE, "eth0", 4), 0);
	len = sizeof(name);
	ck_assert_int_eq(ops->getsockopt(t.h1, PID, fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len), 0);
	ck_assert_str_eq(name, "eth0");
	ck_assert_int_eq(ops->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_BINDTODEVICE, "eth9", 4),
			 -ENODEV);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_put_cmsg_truncates)
{
	unsigned char control[CMSG_SPACE(sizeof(int))];
	struct msghdr msg = { .msg_control = control, .msg_controllen = sizeof(control) };
	int ttl = 63;
	struct in_pktinfo pi = { .ipi_ifindex = 2 };

	ck_assert_int_eq(put_cmsg(&msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl), 0);
	ck_assert_int_eq(msg.msg_flags, 0);
	ck_assert_uint_eq(msg.msg_controllen, 0);
	/* no room left for the next one */
	ck_assert_int_eq(put_cmsg(&msg, SOL_IP, IP_PKTINFO, sizeof(pi), &pi), 0);
	ck_assert(msg.msg_flags & MSG_CTRUNC);
	/* a buffer too short for the whole of one: cut, and MSG_CTRUNC */
	msg = (struct msghdr){ .msg_control = control, .msg_controllen = sizeof(control) };
	ck_assert_int_eq(put_cmsg(&msg, SOL_IP, IP_PKTINFO, sizeof(pi), &pi), 0);
	ck_assert(msg.msg_flags & MSG_CTRUNC);
	ck_assert_uint_eq(((struct cmsghdr *)control)->cmsg_len, sizeof(control));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sock");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_buffer_sizes, 0, G_N_ELEMENTS(buf_cases));
	tcase_add_test(tc, test_timeouts_and_errors);
	tcase_add_test(tc, test_put_cmsg_truncates);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
