/*
 * models/apps/udpclient.c - ns-3's UdpClient and UdpServer as programs
 *
 * User space, no kernel counterpart and no real tool: the two ends of the
 * ns-3 peer workload `chain` (shared/bench/ns3/README.md), so that skbsim
 * and ns-3 send the same datagrams at the same instants and the receiver
 * costs what a C program costs, not a Lua coroutine's wake-up per datagram.
 *
 *   udpclient [-c COUNT] [-i INTERVAL] [-l SIZE] [-p PORT] HOST
 *
 * One connected UDP socket; datagram i (i = 0 .. COUNT-1) leaves at
 * start + i * INTERVAL exactly (default 1000 datagrams, "1s" apart, 1024
 * bytes, port 9: UdpClient's MaxPackets, Interval, PacketSize and
 * RemotePort).  Its payload starts with UdpClient's SeqTsHeader: the
 * sequence number (32 bits) and the send time in ns (64 bits), network
 * order, then zeros.  A full send buffer (-EAGAIN) waits for room, as a
 * blocking send() would; ENOBUFS and ECONNREFUSED (an ICMP error) lose the
 * datagram, as UdpClient ignores Send()'s failure.  Silent on success:
 * exit status 0 once every datagram was handed to the socket; usage errors
 * print a message and exit 2, socket errors exit 1.
 *
 *   udpserver [-p PORT]
 *
 * Binds a UDP socket to PORT (9) on any address and reads every datagram
 * as it arrives (all that are queued, then waits), until killed.  Silent:
 * what it received is the node's Udp.InDatagrams (nothing else listens in
 * the workload), and Udp.RcvbufErrors shows any it was too slow for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"
#include "sim/time.h"

#define UDPCLIENT_HDR_LEN	12	/* ns-3 SeqTsHeader: u32 seq, u64 ts */
#define UDPCLIENT_MAX_LEN	65507

/*
 * One per host of the `star` workload, so kept small: the process is
 * io.p, the counts fit in 32 bits (-c is at most UINT32_MAX), and the
 * payload is the 12-byte header here and udpclient_zeros after it.
 */
struct udpclient {
	struct prog_io io;
	struct sim_event send_ev;
	sim_time_t interval;
	sim_time_t next_send;
	int fd;
	__be32 host;
	u32 count;
	u32 seq;			/* the next datagram's number */
	u32 len;
	u16 port;
};

/* the rest of every payload (read only: one copy for every client) */
static const u8 udpclient_zeros[UDPCLIENT_MAX_LEN - UDPCLIENT_HDR_LEN];

static void udpclient_put(u8 *p, u64 v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--, v >>= 8)
		p[i] = (u8)v;
}

/*
 * sendmsg() of the header (SeqTsHeader: the datagram's number and the time
 * now, made afresh for every try: nothing to keep between sends) and the
 * zeros, as one datagram of uc->len bytes
 */
static ssize_t udpclient_sendmsg(struct udpclient *uc)
{
	u8 hdr[UDPCLIENT_HDR_LEN];
	struct iovec iov[2] = {
		{ .iov_base = hdr, .iov_len = UDPCLIENT_HDR_LEN },
		{ .iov_base = (void *)udpclient_zeros, .iov_len = uc->len - UDPCLIENT_HDR_LEN },
	};
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };

	udpclient_put(hdr, uc->seq, 4);
	udpclient_put(hdr + 4, (u64)sim_now(uc->io.w), 8);
	return uc->io.ops->sendmsg(uc->io.p->node, uc->io.p->pid, uc->fd, &msg, 0);
}

/* every datagram due now, then sleep until the next one's instant */
static void udpclient_send(struct udpclient *uc)
{
	while (uc->seq < uc->count && sim_now(uc->io.w) >= uc->next_send) {
		ssize_t n;

		n = udpclient_sendmsg(uc);
		if (n == -EAGAIN) {
			prog_io_wait_out(&uc->io, uc->fd, 0);
			return;
		}
		if (n < 0 && n != -ENOBUFS && n != -ECONNREFUSED) {
			sim_proc_printf(uc->io.p, "udpclient: send: %s\n", strerror((int)-n));
			sim_proc_exit(uc->io.p, 1);
			return;
		}
		uc->seq++;
		uc->next_send += uc->interval;
	}
	if (uc->seq >= uc->count) {
		sim_proc_exit(uc->io.p, 0);
		return;
	}
	sim_schedule(uc->io.w, &uc->send_ev, uc->next_send);
}

static void udpclient_send_ev(struct world *w, struct sim_event *ev)
{
	(void)w;
	udpclient_send(container_of(ev, struct udpclient, send_ev));
}

/* room in the send buffer again: what was due goes now */
static void udpclient_woken(struct prog_io *io, bool timedout)
{
	(void)timedout;
	udpclient_send(container_of(io, struct udpclient, io));
}

static int udpclient_usage(struct udpclient *uc, const char *why)
{
	if (why)
		sim_proc_printf(uc->io.p, "udpclient: %s\n", why);
	sim_proc_printf(uc->io.p, "Usage: udpclient [-c COUNT] [-i INTERVAL] [-l SIZE] "
			"[-p PORT] HOST\n");
	return 2;
}

static bool udpclient_number(const char *s, u64 min, u64 max, u64 *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static int udpclient_parse(struct udpclient *uc, int argc, char **argv)
{
	struct prog_getopt g = { 0 };
	struct sim_err err = { { 0 } };
	u64 v;
	int c;

	while ((c = prog_getopt(&g, argc, argv, "c:i:l:p:")) != -1) {
		switch (c) {
		case 'c':
			if (!udpclient_number(g.optarg, 1, UINT32_MAX, &v))
				return udpclient_usage(uc, "bad count");
			uc->count = (u32)v;
			break;
		case 'i':
			if (sim_time_parse(g.optarg, &uc->interval, &err) < 0 ||
			    uc->interval <= 0)
				return udpclient_usage(uc, "bad interval");
			break;
		case 'l':
			if (!udpclient_number(g.optarg, UDPCLIENT_HDR_LEN, UDPCLIENT_MAX_LEN,
					      &v))
				return udpclient_usage(uc, "bad size (12 to 65507)");
			uc->len = (u32)v;
			break;
		case 'p':
			if (!udpclient_number(g.optarg, 1, 65535, &v))
				return udpclient_usage(uc, "bad port");
			uc->port = (u16)v;
			break;
		default:
			return udpclient_usage(uc, NULL);
		}
	}
	if (g.optind != argc - 1)
		return udpclient_usage(uc, "one HOST wanted");
	if (!prog_parse_ipv4(argv[g.optind], &uc->host))
		return udpclient_usage(uc, "HOST must be a dotted IPv4 address");
	return 0;
}

static int udpclient_start(struct sim_proc *p, int argc, char **argv)
{
	struct udpclient *uc = g_new0(struct udpclient, 1);
	int ret;

	p->priv = uc;
	uc->fd = -1;
	uc->count = 1000;
	uc->interval = SIM_NSEC_PER_SEC;
	uc->len = 1024;
	uc->port = 9;
	sim_event_init(&uc->send_ev, udpclient_send_ev);
	prog_io_init(&uc->io, p, udpclient_woken);
	ret = udpclient_parse(uc, argc, argv);
	if (ret) {
		sim_proc_exit(uc->io.p, ret);
		return 0;
	}
	uc->fd = prog_socket(&uc->io, AF_INET, SOCK_DGRAM, 0);
	if (uc->fd < 0) {
		sim_proc_printf(p, "udpclient: socket: %s\n", strerror(-uc->fd));
		sim_proc_exit(uc->io.p, 1);
		return 0;
	}
	ret = prog_connect_in(&uc->io, uc->fd, uc->host, uc->port);
	if (ret < 0) {
		sim_proc_printf(p, "udpclient: connect: %s\n", strerror(-ret));
		sim_proc_exit(uc->io.p, 1);
		return 0;
	}
	uc->next_send = sim_now(uc->io.w);
	udpclient_send(uc);
	return 0;
}

/*
 * The process ended (or the world does): nothing wakes it again, so its
 * state goes now, as exit_mm() frees a task's memory before the zombie
 * is reaped; the finished clients of a big run keep only their sim_proc.
 * Callers return at once after sim_proc_exit().
 */
static void udpclient_stop(struct sim_proc *p)
{
	struct udpclient *uc = p->priv;

	if (!uc)
		return;
	sim_cancel(uc->io.w, &uc->send_ev);
	prog_io_stop(&uc->io);
	g_free(uc);
	p->priv = NULL;
}

/* ---- udpserver ------------------------------------------------------------------ */

struct udpserver {
	struct prog_io io;
	int fd;
	u8 buf[UDPCLIENT_MAX_LEN];
};

static void udpserver_woken(struct prog_io *io, bool timedout)
{
	struct udpserver *us = container_of(io, struct udpserver, io);

	bool err = false;

	(void)timedout;
	for (;;) {
		ssize_t n = prog_recvmsg(io, us->fd, us->buf, sizeof(us->buf), MSG_DONTWAIT,
					 NULL, NULL, 0, NULL);

		/* a pending socket error is reported once: read on after it */
		if (n == -EAGAIN || (n < 0 && err))
			break;
		err = n < 0;
	}
	prog_io_wait(io, &us->fd, 1, 0);
}

static int udpserver_start(struct sim_proc *p, int argc, char **argv)
{
	struct udpserver *us = g_new0(struct udpserver, 1);
	struct prog_getopt g = { 0 };
	u64 port = 9;
	int c, err;

	p->priv = us;
	us->fd = -1;
	prog_io_init(&us->io, p, udpserver_woken);
	while ((c = prog_getopt(&g, argc, argv, "p:")) != -1) {
		if (c != 'p' || !udpclient_number(g.optarg, 1, 65535, &port)) {
			sim_proc_printf(p, "Usage: udpserver [-p PORT]\n");
			prog_io_stop(&us->io);
			sim_proc_exit(p, 2);
			return 0;
		}
	}
	us->fd = prog_socket(&us->io, AF_INET, SOCK_DGRAM, 0);
	err = us->fd < 0 ? us->fd : prog_bind_in(&us->io, us->fd, 0, (u16)port);
	if (err < 0) {
		sim_proc_printf(p, "udpserver: %s\n", strerror(-err));
		prog_io_stop(&us->io);
		sim_proc_exit(p, 1);
		return 0;
	}
	prog_io_wait(&us->io, &us->fd, 1, 0);
	return 0;
}

static void udpserver_stop(struct sim_proc *p)
{
	struct udpserver *us = p->priv;

	if (us)
		prog_io_stop(&us->io);
}

static void udpserver_release(struct sim_proc *p)
{
	udpserver_stop(p);
	g_free(p->priv);
	p->priv = NULL;
}

const struct sim_program udpserver_program = {
	.name = "udpserver",
	.start = udpserver_start,
	.stop = udpserver_stop,
	.release = udpserver_release,
};

const struct sim_program udpclient_program = {
	.name = "udpclient",
	.start = udpclient_start,
	.stop = udpclient_stop,
	.release = udpclient_stop,
	.argv_done_at_start = true,	/* udpclient_parse() copies what it needs */
};
