/*
 * tests/unit/ipv4/test_raw.c - raw and ping sockets through the syscalls
 *
 * h1 (10.0.1.2) -- r1 -- h2 (10.0.2.2), calls through w->socket_ops as
 * Lua processes make them: inet_create's table (EPROTONOSUPPORT for raw
 * protocol 0, ESOCKTNOSUPPORT for a stream), a raw ICMP socket receiving
 * echo replies with their IP header, ICMP_FILTER blocking them, raw
 * delivery happening before the protocol handler (a raw ICMP socket and
 * the built-in ping's listener both hear a reply), a protocol with a raw
 * socket never "unreachable" (no ICMP protocol unreachable sent), the
 * IP_HDRINCL checks (EINVAL, tot_len/id/checksum filled in), raw_err with
 * IP_RECVERR, and ping sockets: EACCES by default ping_group_range, the
 * identifier written by the kernel, replies by identifier.  The fixture
 * fails a test that leaks an skb or a socket.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <string.h>

#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/ping.h"
#include "net/raw.h"
#include "sim/sh.h"
#include "sim/socket.h"

#define PID 100

static const struct sim_socket_ops *ops(struct node *n)
{
	return n->w->socket_ops;
}

static struct sockaddr_in sin_of(const char *addr)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	sin.sin_addr.s_addr = tl_addr(addr);
	return sin;
}

static ssize_t do_sendto(struct node *n, int fd, const char *addr, const void *data, size_t len)
{
	struct sockaddr_in sin = sin_of(addr);
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

static int set_int(struct node *n, int fd, int level, int name, int v)
{
	return ops(n)->setsockopt(n, PID, fd, level, name, &v, sizeof(v));
}

START_TEST(test_create_table)
{
	struct tl_net3 t;
	int fd;

	tl_net3_setup(&t);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, 0), -EPROTONOSUPPORT);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_STREAM, 0), -ESOCKTNOSUPPORT);
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, IPPROTO_TCP),
			 -EPROTONOSUPPORT);
	/* ping sockets: nobody's group is in "1 0" */
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, IPPROTO_ICMP), -EACCES);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_RAW);
	ck_assert_int_ge(fd, 3);
	{
		int v = 0;
		socklen_t len = sizeof(v);

		ck_assert_int_eq(ops(t.h1)->getsockopt(t.h1, PID, fd, SOL_IP, IP_HDRINCL, &v, &len),
				 0);
		ck_assert_int_eq(v, 1);	/* IPPROTO_RAW implies IP_HDRINCL */
	}
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

/* a raw ICMP socket and the built-in ping's listener both hear the reply */
START_TEST(test_raw_gets_copy_with_ip_header)
{
	struct tl_net3 t;
	struct tl_heard heard;
	u8 buf[256], echo[64];
	unsigned int n;
	int fd;

	tl_net3_setup(&t);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	ck_assert_int_ge(fd, 3);
	tl_heard_start(&heard, t.h1);
	n = tl_make_icmp(echo, ICMP_ECHO, 0x1234, 1, 16);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", echo, n), (ssize_t)n);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(heard.n, 1);
	ck_assert_int_eq(heard.type, ICMP_ECHOREPLY);
	ck_assert_int_eq(do_recv(t.h1, fd, buf, sizeof(buf), 0), 20 + (int)n);
	ck_assert_int_eq(buf[0], 0x45);
	ck_assert_int_eq(buf[9], IPPROTO_ICMP);
	ck_assert_int_eq(buf[20], ICMP_ECHOREPLY);
	ck_assert_mem_eq(buf + 28, echo + 8, n - 8);
	/* short buffer: MSG_TRUNC gives the whole length */
	ck_assert_int_eq(do_recv(t.h1, fd, buf, sizeof(buf), 0), -EAGAIN);
	tl_heard_stop(&heard, t.h1);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_icmp_filter)
{
	struct tl_net3 t;
	u8 buf[256], echo[64];
	unsigned int n;
	u32 filter = 1u << ICMP_ECHOREPLY, got = 0;
	socklen_t len = sizeof(got);
	int fd, udp;

	tl_net3_setup(&t);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	ck_assert_int_eq(ops(t.h1)->setsockopt(t.h1, PID, fd, SOL_RAW, ICMP_FILTER, &filter,
					       sizeof(filter)), 0);
	ck_assert_int_eq(ops(t.h1)->getsockopt(t.h1, PID, fd, SOL_RAW, ICMP_FILTER, &got, &len), 0);
	ck_assert_uint_eq(got, filter);
	n = tl_make_icmp(echo, ICMP_ECHO, 0x1234, 1, 8);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", echo, n), (ssize_t)n);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(do_recv(t.h1, fd, buf, sizeof(buf), 0), -EAGAIN);
	/* only for ICMP sockets */
	udp = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_UDP);
	ck_assert_int_eq(ops(t.h1)->setsockopt(t.h1, PID, udp, SOL_RAW, ICMP_FILTER, &filter,
					       sizeof(filter)), -EOPNOTSUPP);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, udp), 0);
	tl_world_free(t.w);
}
END_TEST

/*
 * protocol 253: a raw socket takes it, so no protocol unreachable; then one
 * is sent.  (The payload is 8 bytes or more: an error quoting less is not
 * given to sockets, icmp_socket_deliver's pskb_may_pull.)
 */
START_TEST(test_raw_protocol_and_unreachable)
{
	struct tl_net3 t;
	u8 buf[256];
	int rx, tx;

	tl_net3_setup(&t);
	rx = ops(t.h2)->socket(t.h2, PID, AF_INET, SOCK_RAW, 253);
	tx = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, 253);
	ck_assert_int_eq(set_int(t.h1, tx, SOL_IP, IP_RECVERR, 1), 0);
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", "payload-253", 11), 11);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(do_recv(t.h2, rx, buf, sizeof(buf), 0), 31);
	ck_assert_mem_eq(buf + 20, "payload-253", 11);
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_DEST_UNREACH), 0);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INDELIVERS), 1);
	ck_assert_int_eq(ops(t.h2)->close(t.h2, PID, rx), 0);
	world_run(t.w, 2 * SIM_NSEC_PER_SEC);	/* past the ICMP rate limit's first second */
	ck_assert_int_eq(do_sendto(t.h1, tx, "10.0.2.2", "payload-253", 11), 11);
	world_run(t.w, 3 * SIM_NSEC_PER_SEC);	/* until: absolute time */
	ck_assert_uint_eq(tl_icmp_out(t.h2, ICMP_DEST_UNREACH), 1);
	ck_assert_uint_eq(tl_ipmib(t.h2, IPSTATS_MIB_INUNKNOWNPROTOS), 1);
	/* raw_err: sk_err first, then the error queue */
	ck_assert_int_eq(do_recv(t.h1, tx, buf, sizeof(buf), 0), -ENOPROTOOPT);
	ck_assert_int_eq(do_recv(t.h1, tx, buf, sizeof(buf), MSG_ERRQUEUE), 11);
	ck_assert_mem_eq(buf, "payload-253", 11);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, tx), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_hdrincl_checks_and_fills)
{
	struct tl_net3 t;
	struct tl_tap tap;
	u8 pkt[64] = { 0 };
	unsigned int n;
	const struct iphdr *iph;
	struct iphdr *h = (struct iphdr *)pkt;
	int fd;

	tl_net3_setup(&t);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_RAW);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", pkt, 10), -EINVAL);
	pkt[0] = 0x4f;			/* ihl 60 bytes in 24 */
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", pkt, 24), -EINVAL);
	h->version = 4;
	h->ihl = 5;
	h->ttl = 64;
	h->protocol = IPPROTO_ICMP;
	h->daddr = tl_addr("10.0.2.2");
	n = tl_make_icmp(pkt + 20, ICMP_ECHO, 0x4321, 1, 8);
	tl_tap_start(&tap, t.h2, "eth0");
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", pkt, 20 + n), 20 + (int)n);
	world_run(t.w, SIM_NSEC_PER_SEC);
	iph = tl_tap_iph(&tap, 0);
	ck_assert_uint_eq(ntohs(iph->tot_len), 20 + n);
	ck_assert_uint_ne(iph->id, 0);
	ck_assert_uint_eq(iph->saddr, tl_addr("10.0.1.2"));
	ck_assert_uint_eq(ip_fast_csum(iph, iph->ihl), 0);
	tl_tap_stop(&tap, t.h2);
	ck_assert_uint_eq(tl_icmp_out(t.h1, ICMP_ECHO), 1);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_ping_socket)
{
	struct tl_net3 t;
	struct sim_err err = { { 0 } };
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	u8 buf[128], echo[64];
	unsigned int n;
	int fd;

	tl_net3_setup(&t);
	ck_assert_int_eq(sim_vfs_write(t.h1, "/proc/sys/net/ipv4/ping_group_range", "0 0", &err),
			 0);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	ck_assert_int_ge(fd, 3);
	n = tl_make_icmp(echo, ICMP_TIMESTAMP, 1, 1, 8);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", echo, n), -EINVAL);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", echo, 4), -EINVAL);
	n = tl_make_icmp(echo, ICMP_ECHO, 0x9999, 5, 8);
	ck_assert_int_eq(do_sendto(t.h1, fd, "10.0.2.2", echo, n), (ssize_t)n);
	ck_assert_int_eq(ops(t.h1)->getsockname(t.h1, PID, fd, (struct sockaddr *)&sin, &len), 0);
	ck_assert_uint_ne(sin.sin_port, 0);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(do_recv(t.h1, fd, buf, sizeof(buf), 0), (int)n);
	ck_assert_int_eq(buf[0], ICMP_ECHOREPLY);
	/* the identifier is the socket's, not the one written */
	ck_assert_mem_eq(buf + 4, &sin.sin_port, 2);
	ck_assert_int_eq(buf[7], 5);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("raw");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_create_table);
	tcase_add_test(tc, test_raw_gets_copy_with_ip_header);
	tcase_add_test(tc, test_icmp_filter);
	tcase_add_test(tc, test_raw_protocol_and_unreachable);
	tcase_add_test(tc, test_hdrincl_checks_and_fills);
	tcase_add_test(tc, test_ping_socket);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
