/*
 * tests/unit/packet/test_af_packet.c - packet sockets through the syscalls
 *
 * h1 (10.0.1.2) -- r1 -- h2 (10.0.2.2), calls through w->socket_ops: an
 * ETH_P_ALL SOCK_RAW socket bound to eth0 sees the frames the device sends
 * (PACKET_OUTGOING, whole frame, our own source address) and receives
 * (PACKET_HOST), a SOCK_DGRAM one for ETH_P_IP gets the received packet
 * without its link header; PACKET_MR_PROMISC counts in dev->promiscuity once per
 * socket and membership and is given back at close; a frame a socket sends
 * (SOCK_DGRAM, link header built to sll_addr) reaches the peer as
 * broadcast and is not looped back to the sender; a full receive buffer
 * drops and counts (PACKET_STATISTICS); bind and send errors.  The fixture
 * fails a test that leaks an skb or a socket.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <string.h>

#include "linux/if_packet.h"
#include "net/net_namespace.h"
#include "sim/socket.h"

#define PID 100

static const struct sim_socket_ops *ops(struct node *n)
{
	return n->w->socket_ops;
}

static int pkt_socket(struct node *n, int type, u16 proto, const char *ifname)
{
	int fd = ops(n)->socket(n, PID, AF_PACKET, type, htons(proto));

	ck_assert_int_ge(fd, 3);
	if (ifname) {
		struct sockaddr_ll sll = { .sll_family = AF_PACKET };

		sll.sll_ifindex = tl_dev(n, ifname)->ifindex;
		ck_assert_int_eq(ops(n)->bind(n, PID, fd, (struct sockaddr *)&sll, sizeof(sll)), 0);
	}
	return fd;
}

static ssize_t pkt_recv(struct node *n, int fd, void *buf, size_t len, struct sockaddr_ll *sll)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_name = sll, .msg_namelen = sizeof(*sll), .msg_iov = &iov,
			      .msg_iovlen = 1 };

	return ops(n)->recvmsg(n, PID, fd, &msg, MSG_DONTWAIT);
}

static ssize_t pkt_sendto(struct node *n, int fd, const struct sockaddr_ll *sll, const void *data,
			  size_t len)
{
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
	struct msghdr msg = { .msg_name = (void *)sll, .msg_namelen = sizeof(*sll),
			      .msg_iov = &iov, .msg_iovlen = 1 };

	return ops(n)->sendmsg(n, PID, fd, &msg, MSG_DONTWAIT);
}

static int membership(struct node *n, int fd, int opt, const char *ifname)
{
	struct packet_mreq mreq = { .mr_type = PACKET_MR_PROMISC };

	mreq.mr_ifindex = tl_dev(n, ifname)->ifindex;
	return ops(n)->setsockopt(n, PID, fd, SOL_PACKET, opt, &mreq, sizeof(mreq));
}

START_TEST(test_sees_outgoing_and_incoming)
{
	struct tl_net3 t;
	struct net_device *eth0;
	struct sockaddr_ll sll;
	u8 buf[2048];
	int all, dgram, got_out = 0, got_in = 0;
	ssize_t n;

	tl_net3_setup(&t);
	eth0 = tl_dev(t.h1, "eth0");
	ck_assert_int_eq(ops(t.h1)->socket(t.h1, PID, AF_PACKET, SOCK_STREAM, 0), -ESOCKTNOSUPPORT);
	all = pkt_socket(t.h1, SOCK_RAW, ETH_P_ALL, "eth0");
	dgram = pkt_socket(t.h1, SOCK_DGRAM, ETH_P_IP, NULL);
	tl_send_echo(t.h1, "10.0.2.2", 64, 1, 32);
	world_run(t.w, SIM_NSEC_PER_SEC);
	while ((n = pkt_recv(t.h1, all, buf, sizeof(buf), &sll)) > 0) {
		ck_assert_int_eq(sll.sll_family, AF_PACKET);
		ck_assert_int_eq(sll.sll_ifindex, eth0->ifindex);
		ck_assert_int_eq(sll.sll_hatype, ARPHRD_ETHER);
		ck_assert_int_eq(sll.sll_halen, ETH_ALEN);
		if (sll.sll_protocol != htons(ETH_P_IP))
			continue;	/* ARP */
		/* the whole frame: the Ethernet header, then IPv4 */
		ck_assert_int_eq(buf[14], 0x45);
		if (sll.sll_pkttype == PACKET_OUTGOING) {
			ck_assert_mem_eq(sll.sll_addr, eth0->dev_addr, ETH_ALEN);
			ck_assert_mem_eq(buf + 6, eth0->dev_addr, ETH_ALEN);
			got_out++;
		} else {
			ck_assert_int_eq(sll.sll_pkttype, PACKET_HOST);
			got_in++;
		}
	}
	ck_assert_int_eq(n, -EAGAIN);
	ck_assert_int_eq(got_out, 1);
	ck_assert_int_eq(got_in, 1);
	/* SOCK_DGRAM for ETH_P_IP: no link header; only what comes in (a
	 * protocol's hook is not a tap: dev_queue_xmit_nit feeds ETH_P_ALL) */
	ck_assert_int_eq(pkt_recv(t.h1, dgram, buf, sizeof(buf), &sll), 20 + 8 + 32);
	ck_assert_int_eq(buf[0], 0x45);
	ck_assert_int_eq(sll.sll_pkttype, PACKET_HOST);
	ck_assert_int_eq(pkt_recv(t.h1, dgram, buf, sizeof(buf), &sll), -EAGAIN);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, all), 0);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, dgram), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_promisc_membership)
{
	struct tl_net3 t;
	struct net_device *eth0;
	int a, b;

	tl_net3_setup(&t);
	eth0 = tl_dev(t.h1, "eth0");
	a = pkt_socket(t.h1, SOCK_RAW, ETH_P_ALL, NULL);
	b = pkt_socket(t.h1, SOCK_RAW, 0, NULL);
	ck_assert_int_eq(membership(t.h1, a, PACKET_ADD_MEMBERSHIP, "eth0"), 0);
	ck_assert_int_eq(membership(t.h1, a, PACKET_ADD_MEMBERSHIP, "eth0"), 0);
	ck_assert_uint_eq(eth0->promiscuity, 1);
	ck_assert(eth0->flags & IFF_PROMISC);
	/* what `ip link` shows: only what user space asked with IFF_PROMISC */
	ck_assert(!(dev_get_flags(eth0) & IFF_PROMISC));
	ck_assert_int_eq(membership(t.h1, b, PACKET_ADD_MEMBERSHIP, "eth0"), 0);
	ck_assert_uint_eq(eth0->promiscuity, 2);
	ck_assert_int_eq(membership(t.h1, a, PACKET_DROP_MEMBERSHIP, "eth0"), 0);
	ck_assert_uint_eq(eth0->promiscuity, 2);
	ck_assert_int_eq(membership(t.h1, a, PACKET_DROP_MEMBERSHIP, "eth0"), 0);
	ck_assert_uint_eq(eth0->promiscuity, 1);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, b), 0);	/* packet_flush_mclist */
	ck_assert_uint_eq(eth0->promiscuity, 0);
	ck_assert(!(eth0->flags & IFF_PROMISC));
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, a), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_send_dgram_broadcast_not_looped)
{
	struct tl_net3 t;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_protocol = htons(0x88b5),
				  .sll_halen = ETH_ALEN };
	struct sockaddr_ll from;
	u8 buf[256];
	int tx, rx;

	tl_net3_setup(&t);
	tx = pkt_socket(t.h1, SOCK_RAW, ETH_P_ALL, "eth0");
	rx = pkt_socket(t.r1, SOCK_DGRAM, 0x88b5, "eth0");
	memset(to.sll_addr, 0xff, ETH_ALEN);
	to.sll_ifindex = tl_dev(t.h1, "eth0")->ifindex;
	/* tx is SOCK_RAW: a frame shorter than a link header is refused */
	ck_assert_int_eq(pkt_sendto(t.h1, tx, &to, "12345", 5), -EINVAL);
	{
		int g = pkt_socket(t.h1, SOCK_DGRAM, 0, NULL);

		ck_assert_int_eq(pkt_sendto(t.h1, g, &to, "hello", 5), 5);
		to.sll_ifindex = 99;
		ck_assert_int_eq(pkt_sendto(t.h1, g, &to, "hello", 5), -ENXIO);
		ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, g), 0);
	}
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_ge(pkt_recv(t.r1, rx, buf, sizeof(buf), &from), 5);
	ck_assert_mem_eq(buf, "hello", 5);
	ck_assert_int_eq(from.sll_pkttype, PACKET_BROADCAST);
	ck_assert_mem_eq(from.sll_addr, tl_dev(t.h1, "eth0")->dev_addr, ETH_ALEN);
	/* the other socket of h1 saw it leave */
	ck_assert_int_eq(pkt_recv(t.h1, tx, buf, sizeof(buf), &from), 14 + 5);
	ck_assert_int_eq(from.sll_pkttype, PACKET_OUTGOING);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, tx), 0);
	ck_assert_int_eq(ops(t.r1)->close(t.r1, PID, rx), 0);
	tl_world_free(t.w);
}
END_TEST

START_TEST(test_rcvbuf_drops_counted)
{
	struct tl_net3 t;
	struct tpacket_stats st;
	socklen_t len = sizeof(st);
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = 99 };
	int fd, small = 1;

	tl_net3_setup(&t);
	fd = pkt_socket(t.h1, SOCK_RAW, ETH_P_ALL, "eth0");
	ck_assert_int_eq(ops(t.h1)->setsockopt(t.h1, PID, fd, SOL_SOCKET, SO_RCVBUF, &small,
					       sizeof(small)), 0);
	for (u16 i = 0; i < 4; i++)
		tl_send_echo(t.h1, "10.0.2.2", 64, i, 32);
	world_run(t.w, SIM_NSEC_PER_SEC);
	ck_assert_int_eq(ops(t.h1)->getsockopt(t.h1, PID, fd, SOL_PACKET, PACKET_STATISTICS, &st,
					       &len), 0);
	ck_assert_uint_gt(st.tp_drops, 0);
	ck_assert_uint_gt(st.tp_packets, st.tp_drops);
	ck_assert_int_eq(ops(t.h1)->getsockopt(t.h1, PID, fd, SOL_PACKET, PACKET_STATISTICS, &st,
					       &len), 0);
	ck_assert_uint_eq(st.tp_packets, 0);	/* read and reset */
	ck_assert_int_eq(ops(t.h1)->bind(t.h1, PID, fd, (struct sockaddr *)&sll, sizeof(sll)),
			 -ENODEV);
	ck_assert_int_eq(ops(t.h1)->bind(t.h1, PID, fd, (struct sockaddr *)&sll, 4), -EINVAL);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("af_packet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sees_outgoing_and_incoming);
	tcase_add_test(tc, test_promisc_membership);
	tcase_add_test(tc, test_send_dgram_broadcast_not_looped);
	tcase_add_test(tc, test_rcvbuf_drops_counted);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
