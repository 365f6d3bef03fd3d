/*
 * models/apps/iperf.c - iperf 2's UDP test (iperf 2.1.8, IPv4)
 *
 * User space: `iperf -s -u` on one node, `iperf -u -c 10.0.4.2 -b 10M -t 5`
 * on another, printing what Debian 12's iperf 2.1.8 prints.  The client
 * paces datagrams of -l bytes at -b bits per second (K, M, G: powers of
 * 1024, k, m, g: of 1000; default 1M) for -t seconds, each starting with
 * iperf 2's UDP header (32-bit sequence number, the send time as seconds
 * and microseconds, the sequence's upper 32 bits; network order), then
 * ends with the same header carrying the negated sequence (the FIN),
 * repeated until the server answers with its report (at most 10 times,
 * 250 ms apart).  A blocked send (the socket's send buffer full) waits
 * for room, as the blocking write() does.  The server takes the first
 * datagram's sender as its client ("connected with"), and from what it
 * really receives counts bytes, lost and out-of-order datagrams (gaps in
 * the sequence) and the RFC 1889 jitter iperf computes (transit time
 * differences, smoothed by 1/16); on the FIN it prints the report and
 * sends it back in the FIN's answer, which the client prints as "Server
 * Report".  -i N adds interval lines on both sides.
 * Differences: only -u, -s, -c, -b, -t, -l, -i, -p, -n (bytes instead of
 * time) and -f (units); the "kalman adjust" of the IPG is not modelled
 * (datagrams leave exactly every IPG); no TCP, no -d/-r/-P.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"

#define IPERF_PORT		5001
#define IPERF_UDP_LEN		1470
#define IPERF_HDR_LEN		16	/* struct UDP_datagram */
#define IPERF_REPORT_LEN	128	/* the FIN's answer: header, server_hdr, zeros */
#define IPERF_FIN_TRIES		10
#define IPERF_FIN_WAIT		(250 * SIM_NSEC_PER_MSEC)
#define IPERF_ID		1	/* the transfer id iperf 2.1 prints first */

/* server_hdr: what the server's answer to a FIN carries (network order) */
struct iperf_report {
	s64 total_len;
	s64 start_ns, stop_ns;		/* of the server's interval, from its first datagram */
	s64 error_cnt;			/* lost */
	s64 outorder_cnt;
	s64 datagrams;			/* total: the highest sequence + 1 */
	s64 jitter_ns;
};

struct iperf_stats {
	s64 bytes;
	s64 datagrams, lost, outorder;
	s64 last_id;			/* the highest sequence seen */
	double jitter;			/* seconds */
	double last_transit;
	bool have_transit;
};

struct iperf {
	struct prog_io io;
	struct sim_proc *p;
	bool server, udp;
	__be32 host;
	u16 port;
	double rate;			/* bits per second */
	double duration;		/* -t */
	s64 amount;			/* -n bytes, 0: time */
	size_t len;			/* -l */
	double interval;		/* -i, 0: none */
	char format;			/* -f: 'a' adaptive */
	int fd;
	u8 *buf;
	int id;				/* the transfer's number in the reports */
	/* client */
	sim_time_t start, next_send, end_time, next_report;
	s64 seq, sent_bytes, sent_datagrams;
	s64 iv_bytes;
	sim_time_t iv_start;
	int fin_tries;
	bool fin;
	struct sim_event send_ev;
	/* server */
	bool peer_set;
	struct sockaddr_in peer;
	sim_time_t first_rx, last_rx;
	struct iperf_stats st;
	struct iperf_stats iv;		/* st when the current interval began */
	sim_time_t srv_iv_start;
};

/* ---- units (iperf's byte_snprintf) -------------------------------------------------- */

static void iperf_units(char *out, size_t size, double num, char fmt)
{
	static const char *const byte_units[] = { "Bytes", "KBytes", "MBytes", "GBytes" };
	static const char *const bit_units[] = { "bits", "Kbits", "Mbits", "Gbits" };
	bool bits = fmt == 'a' || fmt == 'b' || fmt == 'k' || fmt == 'm' || fmt == 'g';
	double base = bits ? 1000 : 1024;
	int conv = 0;

	if (bits)
		num *= 8;
	switch (fmt) {
	case 'a':
	case 'A':
		while (num >= base && conv < 3) {
			num /= base;
			conv++;
		}
		break;
	case 'k': case 'K': conv = 1; num /= base; break;
	case 'm': case 'M': conv = 2; num /= base * base; break;
	case 'g': case 'G': conv = 3; num /= base * base * base; break;
	default: break;
	}
	if (num < 9.995)
		snprintf(out, size, "%4.2f %s", num, bits ? bit_units[conv] : byte_units[conv]);
	else if (num < 99.95)
		snprintf(out, size, "%4.1f %s", num, bits ? bit_units[conv] : byte_units[conv]);
	else
		snprintf(out, size, "%4.0f %s", num, bits ? bit_units[conv] : byte_units[conv]);
}

static double iperf_secs(sim_time_t t)
{
	return (double)t / 1e9;
}

/* "[  1] 0.0000-2.0018 sec  2.50 MBytes  10.5 Mbits/sec" */
static void iperf_print_line(struct iperf *ip, double from, double to, s64 bytes)
{
	char xfer[32], bw[32];
	char bfmt = ip->format == 'a' ? 'A' : (char)g_ascii_toupper(ip->format);
	double secs = to - from;

	iperf_units(xfer, sizeof(xfer), (double)bytes, bfmt);
	iperf_units(bw, sizeof(bw), secs > 0 ? (double)bytes / secs : 0, ip->format);
	sim_proc_printf(ip->p, "[%3d] %.4f-%.4f sec  %s  %s/sec", ip->id, from, to, xfer, bw);
}

static void iperf_print_udp_tail(struct iperf *ip, double jitter, s64 lost, s64 total)
{
	double pct = total ? 100.0 * (double)lost / (double)total : 0;

	sim_proc_printf(ip->p, "  %6.3f ms %lld/%lld (%.2g%%)\n", jitter * 1e3, (long long)lost,
			(long long)total, pct);
}

static void iperf_print_bufsize(struct iperf *ip, int name)
{
	int val = 0;
	socklen_t len = sizeof(val);
	char buf[32];

	ip->io.ops->getsockopt(ip->p->node, ip->p->pid, ip->fd, SOL_SOCKET, name, &val, &len);
	/* byte_snprintf(..., 'K') of the buffer: "208 KByte", singular */
	snprintf(buf, sizeof(buf), "%4.0f KByte", val / 1024.0);
	sim_proc_printf(ip->p, "UDP buffer size: %s (default)\n", buf);
}

static void iperf_sep(struct iperf *ip)
{
	sim_proc_printf(ip->p, "------------------------------------------------------------\n");
}

static void iperf_put32(u8 *p, u32 v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

static u32 iperf_get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

static void iperf_put64(u8 *p, s64 v)
{
	iperf_put32(p, (u32)((u64)v >> 32));
	iperf_put32(p + 4, (u32)(u64)v);
}

static s64 iperf_get64(const u8 *p)
{
	return (s64)(((u64)iperf_get32(p) << 32) | iperf_get32(p + 4));
}

static void iperf_exit(struct iperf *ip, int status)
{
	sim_cancel(ip->io.w, &ip->send_ev);
	prog_io_stop(&ip->io);
	sim_proc_exit(ip->p, status);
}

/* ---- the client ---------------------------------------------------------------------- */

static void iperf_client_report(struct iperf *ip, const u8 *data, ssize_t n)
{
	const u8 *r = data + IPERF_HDR_LEN;
	struct iperf_report rep;

	if (n < IPERF_HDR_LEN + (ssize_t)sizeof(s64) * 7)
		return;
	rep.total_len = iperf_get64(r);
	rep.start_ns = iperf_get64(r + 8);
	rep.stop_ns = iperf_get64(r + 16);
	rep.error_cnt = iperf_get64(r + 24);
	rep.outorder_cnt = iperf_get64(r + 32);
	rep.datagrams = iperf_get64(r + 40);
	rep.jitter_ns = iperf_get64(r + 48);
	sim_proc_printf(ip->p, "[%3d] Server Report:\n", ip->id);
	sim_proc_printf(ip->p, "[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n");
	iperf_print_line(ip, iperf_secs(rep.start_ns), iperf_secs(rep.stop_ns), rep.total_len);
	iperf_print_udp_tail(ip, iperf_secs(rep.jitter_ns), rep.error_cnt, rep.datagrams);
	if (rep.outorder_cnt)
		sim_proc_printf(ip->p, "[%3d] %.4f-%.4f sec  %lld datagrams received out-of-order\n",
				ip->id, iperf_secs(rep.start_ns), iperf_secs(rep.stop_ns),
				(long long)rep.outorder_cnt);
}

/* writes the UDP header for @seq at the send time */
static void iperf_fill_hdr(struct iperf *ip, s64 seq)
{
	sim_time_t now = sim_now(ip->io.w);

	iperf_put32(ip->buf, (u32)(seq & 0xffffffff));
	iperf_put32(ip->buf + 4, (u32)(now / SIM_NSEC_PER_SEC));
	iperf_put32(ip->buf + 8, (u32)(now % SIM_NSEC_PER_SEC / 1000));
	iperf_put32(ip->buf + 12, (u32)((u64)seq >> 32));
}

static void iperf_client_interval(struct iperf *ip, sim_time_t upto)
{
	while (ip->interval > 0 && upto >= ip->next_report) {
		iperf_print_line(ip, iperf_secs(ip->iv_start - ip->start),
				 iperf_secs(ip->next_report - ip->start), ip->iv_bytes);
		sim_proc_printf(ip->p, "\n");
		ip->iv_bytes = 0;
		ip->iv_start = ip->next_report;
		ip->next_report += (sim_time_t)llround(ip->interval * 1e9);
	}
}

static void iperf_client_finish(struct iperf *ip)
{
	ip->end_time = sim_now(ip->io.w);
	iperf_client_interval(ip, ip->end_time);
	/* iperf 2.1.8 counts the FIN in the transfer, and prints the count
	 * of datagrams as its FIN's number + 1 (12 data: "Sent 14") */
	iperf_print_line(ip, 0, iperf_secs(ip->end_time - ip->start),
			 ip->sent_bytes + (s64)ip->len);
	sim_proc_printf(ip->p, "\n");
	sim_proc_printf(ip->p, "[%3d] Sent %lld datagrams\n", ip->id,
			(long long)ip->sent_datagrams + 2);
	ip->fin = true;
	ip->fin_tries = 0;
}

static void iperf_send_fin(struct iperf *ip)
{
	if (ip->fin_tries >= IPERF_FIN_TRIES) {
		sim_proc_printf(ip->p, "[%3d] WARNING: did not receive ack of last datagram after %d tries.\n",
				ip->id, IPERF_FIN_TRIES);
		iperf_exit(ip, 0);
		return;
	}
	ip->fin_tries++;
	iperf_fill_hdr(ip, -ip->seq);
	prog_sendto_in(&ip->io, ip->fd, ip->buf, ip->len, 0, 0, 0);
	prog_io_wait(&ip->io, &ip->fd, 1, sim_now(ip->io.w) + IPERF_FIN_WAIT);
}

static bool iperf_client_done(struct iperf *ip)
{
	if (ip->amount)
		return ip->sent_bytes >= ip->amount;
	return sim_now(ip->io.w) - ip->start >= (sim_time_t)llround(ip->duration * 1e9);
}

/* the pacing loop: every datagram due now, then sleep until the next */
static void iperf_client_send(struct iperf *ip)
{
	sim_time_t ipg = (sim_time_t)llround((double)ip->len * 8.0 / ip->rate * 1e9);

	if (ipg < 1)
		ipg = 1;
	while (sim_now(ip->io.w) >= ip->next_send) {
		ssize_t n;

		if (iperf_client_done(ip)) {
			iperf_client_finish(ip);
			iperf_send_fin(ip);
			return;
		}
		iperf_fill_hdr(ip, ip->seq);
		n = prog_sendto_in(&ip->io, ip->fd, ip->buf, ip->len, 0, 0, 0);
		if (n == -EAGAIN) {
			/* the send buffer is full: a blocking write() waits for room */
			prog_io_wait_out(&ip->io, ip->fd, 0);
			return;
		}
		if (n < 0 && n != -ENOBUFS && n != -ECONNREFUSED) {
			/* iperf 2 reports it and ends the test as if its time were up */
			sim_proc_printf(ip->p, "write failed: %s\n", strerror((int)-n));
			iperf_client_finish(ip);
			iperf_send_fin(ip);
			return;
		}
		iperf_client_interval(ip, sim_now(ip->io.w));
		ip->seq++;
		ip->sent_datagrams++;
		if (n > 0) {
			ip->sent_bytes += n;
			ip->iv_bytes += n;
		}
		ip->next_send += ipg;
	}
	sim_schedule(ip->io.w, &ip->send_ev, ip->next_send);
}

static void iperf_send_ev(struct world *w, struct sim_event *ev)
{
	(void)w;
	iperf_client_send(container_of(ev, struct iperf, send_ev));
}

static void iperf_client_woken(struct prog_io *io, bool timedout)
{
	struct iperf *ip = container_of(io, struct iperf, io);
	u8 buf[2048];
	ssize_t n;

	if (!ip->fin) {
		/* room in the send buffer again */
		if (ip->next_send < sim_now(io->w))
			ip->next_send = sim_now(io->w);
		iperf_client_send(ip);
		return;
	}
	n = prog_recvmsg(io, ip->fd, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL, 0, NULL);
	if (n >= IPERF_HDR_LEN && (s32)iperf_get32(buf) < 0) {
		iperf_client_report(ip, buf, n);
		iperf_exit(ip, 0);
		return;
	}
	if (!timedout && n != -ECONNREFUSED) {
		prog_io_wait(io, &ip->fd, 1, sim_now(io->w) + IPERF_FIN_WAIT);
		return;
	}
	iperf_send_fin(ip);
}

static int iperf_client_start(struct iperf *ip)
{
	char abuf[INET_ADDRSTRLEN], lbuf[INET_ADDRSTRLEN];
	struct sockaddr_in local;
	struct in_addr in = { .s_addr = ip->host };
	int err;

	inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
	iperf_sep(ip);
	sim_proc_printf(ip->p, "Client connecting to %s, UDP port %u\n", abuf, ip->port);
	sim_proc_printf(ip->p, "Sending %zu byte datagrams, IPG target: %.2f us (kalman adjust)\n",
			ip->len, (double)ip->len * 8.0 / ip->rate * 1e6);
	iperf_print_bufsize(ip, SO_SNDBUF);
	iperf_sep(ip);
	err = prog_connect_in(&ip->io, ip->fd, ip->host, ip->port);
	if (err < 0) {
		sim_proc_printf(ip->p, "connect failed: %s\n", strerror(-err));
		return 1;
	}
	prog_getsockname_in(&ip->io, ip->fd, &local);
	inet_ntop(AF_INET, &local.sin_addr, lbuf, sizeof(lbuf));
	sim_proc_printf(ip->p, "[%3d] local %s port %u connected with %s port %u\n", ip->id, lbuf,
			ntohs(local.sin_port), abuf, ip->port);
	sim_proc_printf(ip->p, "[ ID] Interval       Transfer     Bandwidth\n");
	ip->start = ip->next_send = ip->iv_start = sim_now(ip->io.w);
	ip->seq = 1;		/* iperf 2.1 numbers datagrams from 1 */
	ip->next_report = ip->start + (sim_time_t)llround(ip->interval * 1e9);
	sim_event_init(&ip->send_ev, iperf_send_ev);
	iperf_client_send(ip);
	return 0;
}

/* ---- the server ---------------------------------------------------------------------- */

static void iperf_server_header(struct iperf *ip)
{
	iperf_sep(ip);
	sim_proc_printf(ip->p, "Server listening on UDP port %u\n", ip->port);
	iperf_print_bufsize(ip, SO_RCVBUF);
	iperf_sep(ip);
}

static void iperf_stats_rx(struct iperf_stats *st, s64 id, size_t len, double transit)
{
	st->bytes += (s64)len;
	st->datagrams++;
	if (st->have_transit) {
		double d = fabs(transit - st->last_transit);

		/* RFC 1889: J += (|D| - J) / 16 */
		st->jitter += (d - st->jitter) / 16.0;
	}
	st->have_transit = true;
	st->last_transit = transit;
	if (id > st->last_id + 1) {
		st->lost += id - st->last_id - 1;
		st->last_id = id;
	} else if (id < st->last_id + 1) {
		st->outorder++;
		if (st->lost > 0)
			st->lost--;
	} else {
		st->last_id = id;
	}
}

static void iperf_server_line(struct iperf *ip, double from, double to,
			      const struct iperf_stats *st)
{
	iperf_print_line(ip, from, to, st->bytes);
	iperf_print_udp_tail(ip, st->jitter, st->lost, st->last_id + 1);
}

/* -i: the lines of every interval that ended by @now (counts since the last one) */
static void iperf_server_interval(struct iperf *ip, sim_time_t now)
{
	sim_time_t step = (sim_time_t)llround(ip->interval * 1e9);

	while (ip->interval > 0 && now >= ip->srv_iv_start + step) {
		iperf_print_line(ip, iperf_secs(ip->srv_iv_start - ip->first_rx),
				 iperf_secs(ip->srv_iv_start + step - ip->first_rx),
				 ip->st.bytes - ip->iv.bytes);
		iperf_print_udp_tail(ip, ip->st.jitter, ip->st.lost - ip->iv.lost,
				     ip->st.last_id - ip->iv.last_id);
		ip->iv = ip->st;
		ip->srv_iv_start += step;
	}
}

static void iperf_server_fin(struct iperf *ip, const u8 *hdr, size_t len)
{
	u8 out[IPERF_REPORT_LEN];
	u8 *r = out + IPERF_HDR_LEN;
	s64 start = 0, stop = ip->last_rx - ip->first_rx;

	if (ip->peer_set) {
		ip->st.bytes += (s64)len;	/* the FIN is part of the transfer */
		iperf_server_interval(ip, ip->last_rx);
		iperf_server_line(ip, iperf_secs(start), iperf_secs(stop), &ip->st);
		if (ip->st.outorder)
			sim_proc_printf(ip->p, "[%3d] %.4f-%.4f sec  %lld datagrams received out-of-order\n",
					ip->id, iperf_secs(start), iperf_secs(stop),
					(long long)ip->st.outorder);
	}
	memset(out, 0, sizeof(out));
	memcpy(out, hdr, IPERF_HDR_LEN);
	iperf_put64(r, ip->st.bytes);
	iperf_put64(r + 8, start);
	iperf_put64(r + 16, stop);
	iperf_put64(r + 24, ip->st.lost);
	iperf_put64(r + 32, ip->st.outorder);
	iperf_put64(r + 40, ip->st.last_id + 1);
	iperf_put64(r + 48, (s64)llround(ip->st.jitter * 1e9));
	prog_sendto_in(&ip->io, ip->fd, out, sizeof(out), 0, ip->peer.sin_addr.s_addr,
		       ntohs(ip->peer.sin_port));
	/* ready for the next client */
	if (ip->peer_set)
		ip->id++;
	ip->peer_set = false;
	memset(&ip->st, 0, sizeof(ip->st));
	ip->st.last_id = -1;
}

static void iperf_server_rx(struct iperf *ip, const u8 *buf, ssize_t n,
			    const struct sockaddr_in *from)
{
	sim_time_t now = sim_now(ip->io.w);
	s64 id;
	double sent, transit;

	if (n < IPERF_HDR_LEN)
		return;
	id = (s64)(((u64)iperf_get32(buf + 12) << 32) | iperf_get32(buf));
	if ((s32)iperf_get32(buf) < 0 || id < 0) {
		/* the FIN: report back to whoever sent it */
		if (!ip->peer_set || (from->sin_addr.s_addr == ip->peer.sin_addr.s_addr &&
				      from->sin_port == ip->peer.sin_port)) {
			ip->peer = *from;
			iperf_server_fin(ip, buf, (size_t)n);
		}
		return;
	}
	if (!ip->peer_set) {
		char lbuf[INET_ADDRSTRLEN], pbuf[INET_ADDRSTRLEN];
		struct sockaddr_in local;

		ip->peer_set = true;
		ip->peer = *from;
		ip->first_rx = ip->srv_iv_start = now;
		memset(&ip->st, 0, sizeof(ip->st));
		ip->st.last_id = 0;	/* the first datagram is 1 */
		ip->iv = ip->st;
		prog_getsockname_in(&ip->io, ip->fd, &local);
		/* a wildcard listener reports the address the datagram came to */
		if (!local.sin_addr.s_addr) {
			int tfd = prog_socket(&ip->io, AF_INET, SOCK_DGRAM, 0);

			if (tfd >= 0) {
				struct sockaddr_in l2;

				if (prog_connect_in(&ip->io, tfd, from->sin_addr.s_addr,
						    ntohs(from->sin_port)) == 0 &&
				    prog_getsockname_in(&ip->io, tfd, &l2) == 0)
					local.sin_addr = l2.sin_addr;
				ip->io.ops->close(ip->p->node, ip->p->pid, tfd);
			}
		}
		inet_ntop(AF_INET, &local.sin_addr, lbuf, sizeof(lbuf));
		inet_ntop(AF_INET, &from->sin_addr, pbuf, sizeof(pbuf));
		sim_proc_printf(ip->p, "[%3d] local %s port %u connected with %s port %u\n", ip->id,
				lbuf, ip->port, pbuf, ntohs(from->sin_port));
		sim_proc_printf(ip->p, "[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n");
	} else if (from->sin_addr.s_addr != ip->peer.sin_addr.s_addr ||
		   from->sin_port != ip->peer.sin_port) {
		return;		/* one client at a time */
	}
	iperf_server_interval(ip, now);
	sent = (double)iperf_get32(buf + 4) + (double)iperf_get32(buf + 8) / 1e6;
	transit = iperf_secs(now) - sent;
	iperf_stats_rx(&ip->st, id, (size_t)n, transit);
	ip->last_rx = now;
}

static void iperf_server_woken(struct prog_io *io, bool timedout)
{
	struct iperf *ip = container_of(io, struct iperf, io);

	(void)timedout;
	for (;;) {
		struct sockaddr_in from;
		ssize_t n = prog_recvmsg(io, ip->fd, ip->buf, ip->len > 65536 ? ip->len : 65536,
					 MSG_DONTWAIT, &from, NULL, 0, NULL);

		if (n == -EAGAIN)
			break;
		if (n < 0)
			continue;	/* a pending error: read again */
		iperf_server_rx(ip, ip->buf, n, &from);
	}
	prog_io_wait(io, &ip->fd, 1, 0);
}

static int iperf_server_start(struct iperf *ip)
{
	int err;

	prog_setsockopt_int(&ip->io, ip->fd, SOL_SOCKET, SO_REUSEADDR, 1);
	err = prog_bind_in(&ip->io, ip->fd, 0, ip->port);
	if (err < 0) {
		sim_proc_printf(ip->p, "bind failed: %s\n", strerror(-err));
		return 1;
	}
	iperf_server_header(ip);
	prog_io_wait(&ip->io, &ip->fd, 1, 0);
	return 0;
}

/* ---- options --------------------------------------------------------------------------- */

static const char iperf_usage_text[] =
	"Usage: iperf [-s|-c host] [options]\n"
	"Try `iperf --help' for more information.\n";

/* byte_atof(): a number with an optional K/M/G (1024) or k/m/g (1000) suffix */
static bool iperf_atof(const char *s, double *out, bool bits)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || !isfinite(v) || v < 0)
		return false;
	switch (*end) {
	case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
	case 'M': v *= 1024.0 * 1024; end++; break;
	case 'K': v *= 1024.0; end++; break;
	case 'g': v *= bits ? 1e9 : 1024.0 * 1024 * 1024; end++; break;
	case 'm': v *= bits ? 1e6 : 1024.0 * 1024; end++; break;
	case 'k': v *= bits ? 1e3 : 1024.0; end++; break;
	default: break;
	}
	if (*end)
		return false;
	*out = v;
	return true;
}

static int iperf_bad(struct iperf *ip, const char *opt, const char *arg)
{
	sim_proc_printf(ip->p, "iperf: invalid value for %s: %s\n", opt, arg);
	return 1;
}

static int iperf_parse(struct iperf *ip, int argc, char **argv)
{
	struct prog_getopt g = { 0 };
	const char *client = NULL;
	double v;
	int ch;

	while ((ch = prog_getopt(&g, argc, argv, "b:c:f:hi:l:n:p:st:uv")) != -1) {
		switch (ch) {
		case 'b':
			if (!iperf_atof(g.optarg, &ip->rate, true) || ip->rate <= 0)
				return iperf_bad(ip, "-b", g.optarg);
			break;
		case 'c':
			client = g.optarg;
			break;
		case 'f':
			if (!strchr("aAbBkKmMgG", g.optarg[0]) || g.optarg[1])
				return iperf_bad(ip, "-f", g.optarg);
			ip->format = g.optarg[0];
			break;
		case 'i':
			if (!iperf_atof(g.optarg, &ip->interval, false) || ip->interval < 0)
				return iperf_bad(ip, "-i", g.optarg);
			if (ip->interval > 0 && ip->interval < 0.005) {
				sim_proc_printf(ip->p, "WARNING: interval too small, increasing from %3.3f to 5 milliseconds\n",
						ip->interval);
				ip->interval = 0.005;
			}
			break;
		case 'l':
			if (!iperf_atof(g.optarg, &v, false) || v < IPERF_HDR_LEN + 8 || v > 65507)
				return iperf_bad(ip, "-l", g.optarg);
			ip->len = (size_t)v;
			break;
		case 'n':
			if (!iperf_atof(g.optarg, &v, false) || v <= 0)
				return iperf_bad(ip, "-n", g.optarg);
			ip->amount = (s64)v;
			break;
		case 'p':
			if (!iperf_atof(g.optarg, &v, false) || v < 1 || v > 65535)
				return iperf_bad(ip, "-p", g.optarg);
			ip->port = (u16)v;
			break;
		case 's':
			ip->server = true;
			break;
		case 't':
			if (!iperf_atof(g.optarg, &ip->duration, false))
				return iperf_bad(ip, "-t", g.optarg);
			break;
		case 'u':
			ip->udp = true;
			break;
		case 'v':
			sim_proc_printf(ip->p, "iperf version 2.1.8 (12 August 2022) pthreads\n");
			return -1;
		case 'h':
		default:
			if (ch == '?')
				sim_proc_printf(ip->p, "iperf: invalid option -- '%c'\n", g.optopt);
			sim_proc_printf(ip->p, "%s", iperf_usage_text);
			return 1;
		}
	}
	if (g.optind < argc) {
		sim_proc_printf(ip->p, "%s", iperf_usage_text);
		return 1;
	}
	if (ip->server == !!client) {
		sim_proc_printf(ip->p, "%s", iperf_usage_text);
		return 1;
	}
	if (!ip->udp) {
		sim_proc_printf(ip->p, "iperf: skbsim has no TCP yet: use -u\n");
		return 1;
	}
	if (client && !prog_parse_ipv4(client, &ip->host)) {
		sim_proc_printf(ip->p, "ERROR: Unknown host: %s\n", client);
		return 1;
	}
	return 0;
}

static int iperf_start(struct sim_proc *p, int argc, char **argv)
{
	struct iperf *ip = g_new0(struct iperf, 1);
	int ret;

	p->priv = ip;
	ip->p = p;
	ip->port = IPERF_PORT;
	ip->rate = 1024.0 * 1024;
	ip->duration = 10;
	ip->len = IPERF_UDP_LEN;
	ip->format = 'a';
	ip->id = IPERF_ID;
	ip->fd = -1;
	sim_event_init(&ip->send_ev, iperf_send_ev);
	ret = iperf_parse(ip, argc, argv);
	prog_io_init(&ip->io, p, ip->server ? iperf_server_woken : iperf_client_woken);
	if (ret) {
		iperf_exit(ip, ret < 0 ? 0 : ret);
		return 0;
	}
	ip->buf = g_malloc0(ip->len > 65536 ? ip->len : 65536);
	for (size_t i = IPERF_HDR_LEN; i < ip->len; i++)
		ip->buf[i] = (u8)('0' + i % 10);
	ip->fd = prog_socket(&ip->io, AF_INET, SOCK_DGRAM, 0);
	if (ip->fd < 0) {
		sim_proc_printf(p, "socket failed: %s\n", strerror(-ip->fd));
		iperf_exit(ip, 1);
		return 0;
	}
	ret = ip->server ? iperf_server_start(ip) : iperf_client_start(ip);
	if (ret)
		iperf_exit(ip, ret);
	return 0;
}

static void iperf_stop(struct sim_proc *p)
{
	struct iperf *ip = p->priv;

	if (ip) {
		sim_cancel(ip->io.w, &ip->send_ev);
		prog_io_stop(&ip->io);
	}
}

static void iperf_release(struct sim_proc *p)
{
	struct iperf *ip = p->priv;

	if (!ip)
		return;
	iperf_stop(p);
	g_free(ip->buf);
	g_free(ip);
	p->priv = NULL;
}

const struct sim_program iperf_program = {
	.name = "iperf",
	.start = iperf_start,
	.stop = iperf_stop,
	.release = iperf_release,
};
