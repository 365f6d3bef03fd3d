/*
 * models/apps/tracepath.c - the tracepath program (iputils 20221126, IPv4)
 *
 * User space: `node:spawn("tracepath -n 10.0.4.2")` prints what Debian
 * 12's tracepath prints.  The shape follows iputils' tracepath.c: one UDP
 * socket with IP_MTU_DISCOVER = IP_PMTUDISC_PROBE, IP_RECVERR and
 * IP_RECVTTL; for each TTL up to three probes of the current path MTU
 * (65535 to start, -l to choose), each to the next of 64 ports from the
 * base port, its TTL and send time in the payload; select() for a second,
 * then the error queue: a local EMSGSIZE is "[LOCALHOST] pmtu N", a
 * time exceeded a hop line, fragmentation needed a smaller MTU (the hop
 * is probed again with it), port unreachable "reached" and the Resume
 * line.  No DNS: names print as "???", as a resolver that knows no name.
 * Differences: when the stack answers a too-big send with EMSGSIZE but
 * queues no local error (ip_local_error), the path MTU that error would
 * carry is read with getsockopt(IP_MTU) on a connected socket instead.
 * "back N" and "asymm N" come from the IP_TTL cmsg the error queue gives
 * with each ICMP error (IP_RECVTTL).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"
#include "net/icmp.h"

#define TP_OVERHEAD		28	/* IPv4 + UDP headers */
#define TP_MAX_HOPS_LIMIT	255
#define TP_MAX_HOPS_DEFAULT	30
#define TP_HIS_SIZE		64
#define TP_HOST_COLUMN		52
#define TP_DEFAULT_PORT		44444
#define TP_WAITING		INT_MIN
/* more than any IPv4 datagram: a longer -l fails with EMSGSIZE all the same */
#define TP_BUF_MAX		65536

/* struct probehdr: the TTL and the send time (a struct timespec on x86_64) */
#define TP_PROBEHDR_LEN		24

struct tp_history {
	int hops;
	sim_time_t sendtime;
};

struct tracepath {
	struct prog_io io;
	struct sim_proc *p;
	int fd;
	__be32 dst;
	u16 base_port;
	int max_hops;
	int mtu;
	bool no_resolve, show_both;
	int hops_to, hops_from;
	struct tp_history his[TP_HIS_SIZE];
	int hisptr;
	u8 *pktbuf;
	/* where main()'s loops are */
	int ttl, attempt, old_mtu;
	int send_err;			/* the last sendto()'s -errno */
};

static void tp_print_host(struct tracepath *tp, const char *a, const char *b)
{
	int plen = (int)strlen(a);

	sim_proc_printf(tp->p, "%s", a);
	if (tp->show_both) {
		sim_proc_printf(tp->p, " (%s)", b);
		plen += 3 + (int)strlen(b);
	}
	if (plen >= TP_HOST_COLUMN)
		plen = TP_HOST_COLUMN - 1;
	sim_proc_printf(tp->p, "%*s", TP_HOST_COLUMN - plen, "");
}

/*
 * What ip_local_error() would have queued for a send too big for the
 * path: the route's MTU, as a connected socket's IP_MTU reads it.
 */
static int tp_local_mtu(struct tracepath *tp)
{
	int fd = prog_socket(&tp->io, AF_INET, SOCK_DGRAM, 0);
	int mtu = -1;
	socklen_t len = sizeof(mtu);

	if (fd < 0)
		return -1;
	if (prog_connect_in(&tp->io, fd, tp->dst, tp->base_port) < 0 ||
	    tp->io.ops->getsockopt(tp->p->node, tp->p->pid, fd, SOL_IP, IP_MTU, &mtu, &len) < 0)
		mtu = -1;
	tp->io.ops->close(tp->p->node, tp->p->pid, fd);
	return mtu;
}

static int tp_read_err(struct tracepath *tp, u8 *rcvbuf, size_t len, struct sockaddr_in *addr,
		       struct prog_ee *ee, int *rethops)
{
	ssize_t res = prog_recv_err(&tp->io, tp->fd, rcvbuf, len, addr, ee, rethops);

	/* above 65535 bytes the kernel refuses before ip_local_error() */
	if (res == -EAGAIN && tp->send_err == -EMSGSIZE && tp->mtu <= 0xFFFF) {
		int mtu = tp_local_mtu(tp);

		tp->send_err = 0;
		if (mtu > 0 && mtu < tp->mtu) {
			memset(ee, 0, sizeof(*ee));
			ee->ee_errno = EMSGSIZE;
			ee->ee_origin = PROG_EE_ORIGIN_LOCAL;
			ee->ee_info = (u32)mtu;
			memset(addr, 0, sizeof(*addr));
			*rethops = -1;
			return 0;
		}
	}
	tp->send_err = 0;
	return (int)res;
}

static u64 tp_get64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* recverr(): everything on the error queue; the progress made (-1: none, 0: done) */
static int tp_recverr(struct tracepath *tp)
{
	int progress = -1;

	for (;;) {
		u8 rcvbuf[TP_PROBEHDR_LEN];
		struct sockaddr_in addr;
		struct prog_ee ee;
		sim_time_t now = sim_now(tp->io.w), rettv = -1;
		int res, slot, rethops, sndhops = -1;
		bool broken_router = false;

		memset(rcvbuf, 0xff, sizeof(rcvbuf));
		res = tp_read_err(tp, rcvbuf, sizeof(rcvbuf), &addr, &ee, &rethops);
		if (res < 0)
			return progress;
		progress = tp->mtu;
		slot = ntohs(addr.sin_port) - tp->base_port;
		if (slot >= 0 && slot < TP_HIS_SIZE - 1 && tp->his[slot].hops) {
			sndhops = tp->his[slot].hops;
			rettv = tp->his[slot].sendtime;
			tp->his[slot].hops = 0;
		}
		if (res == TP_PROBEHDR_LEN) {
			u32 ttl;
			u64 sec = tp_get64(rcvbuf + 8), nsec = tp_get64(rcvbuf + 16);

			memcpy(&ttl, rcvbuf, sizeof(ttl));
			if (ttl == 0 || sec == 0) {
				broken_router = true;
			} else {
				sndhops = (int)ttl;
				rettv = (sim_time_t)(sec * SIM_NSEC_PER_SEC + nsec);
			}
		}
		if (ee.ee_origin == PROG_EE_ORIGIN_LOCAL) {
			sim_proc_printf(tp->p, "%2d?: %-32s ", tp->ttl, "[LOCALHOST]");
		} else if (ee.ee_origin == PROG_EE_ORIGIN_ICMP) {
			char abuf[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &ee.offender.sin_addr, abuf, sizeof(abuf));
			if (sndhops > 0)
				sim_proc_printf(tp->p, "%2d:  ", sndhops);
			else
				sim_proc_printf(tp->p, "%2d?: ", tp->ttl);
			if (tp->no_resolve)
				tp_print_host(tp, abuf, "???");
			else
				tp_print_host(tp, "???", abuf);
		} else {
			sim_proc_printf(tp->p, "no info\n");
			return 0;
		}
		if (rettv >= 0) {
			long long diff = (now - rettv) / 1000;	/* gettimeofday's microseconds */

			sim_proc_printf(tp->p, "%3lld.%03lldms ", diff / 1000, diff % 1000);
			if (broken_router)
				sim_proc_printf(tp->p, "(This broken router returned corrupted payload) ");
		}
		if (rethops >= 0) {
			if (rethops <= 64)
				rethops = 65 - rethops;
			else if (rethops <= 128)
				rethops = 129 - rethops;
			else
				rethops = 256 - rethops;
		}
		switch (ee.ee_errno) {
		case ETIMEDOUT:
			sim_proc_printf(tp->p, "\n");
			break;
		case EMSGSIZE:
			sim_proc_printf(tp->p, "pmtu %u\n", ee.ee_info);
			tp->mtu = (int)ee.ee_info;
			progress = tp->mtu;
			break;
		case ECONNREFUSED:
			sim_proc_printf(tp->p, "reached\n");
			tp->hops_to = sndhops < 0 ? tp->ttl : sndhops;
			tp->hops_from = rethops;
			return 0;
		case EPROTO:
			sim_proc_printf(tp->p, "!P\n");
			return 0;
		case EHOSTUNREACH:
			if (ee.ee_origin == PROG_EE_ORIGIN_ICMP && ee.ee_type == ICMP_TIME_EXCEEDED &&
			    ee.ee_code == 0) {
				if (rethops >= 0) {
					if ((sndhops >= 0 && rethops != sndhops) ||
					    (sndhops < 0 && rethops != tp->ttl))
						sim_proc_printf(tp->p, "asymm %2d ", rethops);
				}
				sim_proc_printf(tp->p, "\n");
				break;
			}
			sim_proc_printf(tp->p, "!H\n");
			return 0;
		case ENETUNREACH:
			sim_proc_printf(tp->p, "!N\n");
			return 0;
		case EACCES:
			sim_proc_printf(tp->p, "!A\n");
			return 0;
		default:
			sim_proc_printf(tp->p, "\nNET ERROR: %s\n", strerror((int)ee.ee_errno));
			return 0;
		}
	}
}

/* probe_ttl()'s sending half: TP_WAITING once a probe is out, else its result */
static int tp_probe_send(struct tracepath *tp)
{
	int i, res;

restart:
	for (i = 0; i < 10; i++) {
		sim_time_t now = sim_now(tp->io.w);
		u32 ttl = (u32)tp->ttl;
		u64 sec = (u64)(now / SIM_NSEC_PER_SEC), nsec = (u64)(now % SIM_NSEC_PER_SEC);
		ssize_t n;

		memset(tp->pktbuf, 0, TP_PROBEHDR_LEN);
		memcpy(tp->pktbuf, &ttl, sizeof(ttl));
		memcpy(tp->pktbuf + 8, &sec, sizeof(sec));
		memcpy(tp->pktbuf + 16, &nsec, sizeof(nsec));
		tp->his[tp->hisptr].hops = tp->ttl;
		tp->his[tp->hisptr].sendtime = now;
		n = prog_sendto_in(&tp->io, tp->fd, tp->pktbuf,
				   MIN((size_t)(tp->mtu - TP_OVERHEAD), (size_t)TP_BUF_MAX), 0,
				   tp->dst, (u16)(tp->base_port + tp->hisptr));
		if (n > 0)
			break;
		tp->send_err = (int)n;
		res = tp_recverr(tp);
		tp->his[tp->hisptr].hops = 0;
		if (res == 0)
			return 0;
		if (res > 0)
			goto restart;
	}
	tp->hisptr = (tp->hisptr + 1) & (TP_HIS_SIZE - 1);
	if (i < 10) {
		/* data_wait(): select() for a second */
		prog_io_wait(&tp->io, &tp->fd, 1, sim_now(tp->io.w) + SIM_NSEC_PER_SEC);
		return TP_WAITING;
	}
	sim_proc_printf(tp->p, "%2d:  send failed\n", tp->ttl);
	return 0;
}

static void tp_done(struct tracepath *tp)
{
	sim_proc_printf(tp->p, "     Resume: pmtu %d ", tp->mtu);
	if (tp->hops_to >= 0)
		sim_proc_printf(tp->p, "hops %d ", tp->hops_to);
	if (tp->hops_from >= 0)
		sim_proc_printf(tp->p, "back %d ", tp->hops_from);
	sim_proc_printf(tp->p, "\n");
	prog_io_stop(&tp->io);
	sim_proc_exit(tp->p, 0);
}

static void tp_set_ttl(struct tracepath *tp)
{
	prog_setsockopt_int(&tp->io, tp->fd, SOL_IP, IP_TTL, tp->ttl);
}

/*
 * main()'s loops after a probe gave @res: probe the hop again after a
 * new MTU, stop at 0, move on after progress or three silent probes.
 * Returns false when the program ended.
 */
static bool tp_after_probe(struct tracepath *tp, int res)
{
	if (tp->mtu != tp->old_mtu) {
		tp->attempt = 0;
		return true;
	}
	if (res == 0) {
		tp_done(tp);
		return false;
	}
	if (res > 0 || ++tp->attempt >= 3) {
		if (res < 0)
			sim_proc_printf(tp->p, "%2d:  no reply\n", tp->ttl);
		tp->ttl++;
		tp->attempt = 0;
		if (tp->ttl > tp->max_hops) {
			sim_proc_printf(tp->p, "     Too many hops: pmtu %d\n", tp->mtu);
			tp_done(tp);
			return false;
		}
		tp_set_ttl(tp);
	}
	return true;
}

static void tp_run(struct tracepath *tp)
{
	for (;;) {
		int res;

		tp->old_mtu = tp->mtu;
		res = tp_probe_send(tp);
		if (res == TP_WAITING || !tp_after_probe(tp, res))
			return;
	}
}

/* probe_ttl()'s second half: back from data_wait() */
static void tp_woken(struct prog_io *io, bool timedout)
{
	struct tracepath *tp = container_of(io, struct tracepath, io);
	u8 buf[2048];
	int res;

	(void)timedout;
	if (prog_recvmsg(io, tp->fd, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL, 0, NULL) > 0) {
		sim_proc_printf(tp->p, "%2d?: reply received 8)\n", tp->ttl);
		res = 0;
	} else {
		res = tp_recverr(tp);
	}
	if (tp_after_probe(tp, res))
		tp_run(tp);
}

/* ---- options -------------------------------------------------------------------- */

static const char tp_usage_text[] =
	"\nUsage\n"
	"  tracepath [options] <destination>\n"
	"\nOptions:\n"
	"  -4             use IPv4\n"
	"  -6             use IPv6\n"
	"  -b             print both name and ip\n"
	"  -l <length>    use packet <length>\n"
	"  -m <hops>      use maximum <hops>\n"
	"  -n             no dns name resolution\n"
	"  -p <port>      use destination <port>\n"
	"  -V             print version and exit\n"
	"  <destination>  dns name or ip address\n"
	"\nFor more details see tracepath(8).\n";

/* strtol_or_err() of iputils: the whole word, within [min, max] */
static bool tp_number(struct tracepath *tp, const char *arg, long min, long max, long *out,
		      const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno == ERANGE || end == arg || *end) {
		sim_proc_printf(tp->p, "tracepath: %s: '%s': %s\n", what, arg,
				strerror(errno == ERANGE ? ERANGE : EINVAL));
		return false;
	}
	if (v < min || v > max) {
		sim_proc_printf(tp->p, "tracepath: %s: '%s': out of range: %ld <= value <= %ld\n",
				what, arg, min, max);
		return false;
	}
	*out = v;
	return true;
}

static int tp_parse(struct tracepath *tp, int argc, char **argv)
{
	struct prog_getopt g = { 0 };
	int ch;
	long v;

	while ((ch = prog_getopt(&g, argc, argv, "46nbh?l:m:p:V")) != -1) {
		switch (ch) {
		case '4':
			break;
		case 'n':
			tp->no_resolve = true;
			break;
		case 'b':
			tp->show_both = true;
			break;
		case 'l':
			if (!tp_number(tp, g.optarg, LONG_MIN, LONG_MAX, &v, "invalid argument"))
				return 1;
			if (v <= TP_OVERHEAD || v > INT_MAX) {
				sim_proc_printf(tp->p, "tracepath: pktlen must be within: %d < value <= %d\n",
						TP_OVERHEAD, INT_MAX);
				return 1;
			}
			tp->mtu = (int)v;
			break;
		case 'm':
			if (!tp_number(tp, g.optarg, 0, TP_MAX_HOPS_LIMIT, &v, "invalid argument"))
				return 1;
			tp->max_hops = (int)v;
			break;
		case 'p':
			if (!tp_number(tp, g.optarg, 0, 65535, &v, "invalid argument"))
				return 1;
			tp->base_port = (u16)v;
			break;
		case 'V':
			sim_proc_printf(tp->p, "tracepath from iputils 20221126\n");
			return -1;
		case '?':
			if (g.optopt && g.optopt != '?' && !strchr("46nbhlmpV", g.optopt))
				sim_proc_printf(tp->p, "tracepath: invalid option -- '%c'\n", g.optopt);
			else if (g.optopt && strchr("lmp", g.optopt))
				sim_proc_printf(tp->p, "tracepath: option requires an argument -- '%c'\n",
						g.optopt);
			/* fall through */
		default:
			sim_proc_printf(tp->p, "%s", tp_usage_text);
			return 255;
		}
	}
	if (argc - g.optind != 1) {
		sim_proc_printf(tp->p, "%s", tp_usage_text);
		return 255;
	}
	if (!prog_parse_ipv4(argv[g.optind], &tp->dst)) {
		sim_proc_printf(tp->p, "tracepath: %s: Name or service not known\n", argv[g.optind]);
		return 1;
	}
	return 0;
}

static int tracepath_start(struct sim_proc *p, int argc, char **argv)
{
	struct tracepath *tp = g_new0(struct tracepath, 1);
	int ret;

	p->priv = tp;
	tp->p = p;
	prog_io_init(&tp->io, p, tp_woken);
	tp->max_hops = TP_MAX_HOPS_DEFAULT;
	tp->mtu = 65535;
	tp->hops_to = tp->hops_from = -1;
	tp->fd = -1;
	ret = tp_parse(tp, argc, argv);
	if (ret) {
		sim_proc_exit(p, ret < 0 ? 0 : ret);
		return 0;
	}
	if (!tp->base_port)
		tp->base_port = TP_DEFAULT_PORT;
	tp->fd = prog_socket(&tp->io, AF_INET, SOCK_DGRAM, 0);
	if (tp->fd < 0) {
		sim_proc_printf(p, "tracepath: socket: %s\n", strerror(-tp->fd));
		sim_proc_exit(p, 1);
		return 0;
	}
	if (prog_setsockopt_int(&tp->io, tp->fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE) &&
	    prog_setsockopt_int(&tp->io, tp->fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)) {
		sim_proc_printf(p, "tracepath: IP_MTU_DISCOVER: %s\n", strerror(EINVAL));
		prog_io_stop(&tp->io);
		sim_proc_exit(p, 1);
		return 0;
	}
	prog_setsockopt_int(&tp->io, tp->fd, SOL_IP, IP_RECVERR, 1);
	prog_setsockopt_int(&tp->io, tp->fd, SOL_IP, IP_RECVTTL, 1);
	tp->pktbuf = g_malloc0(MAX((size_t)MIN(tp->mtu, TP_BUF_MAX), (size_t)TP_PROBEHDR_LEN));
	tp->ttl = 1;
	if (tp->max_hops < 1) {
		sim_proc_printf(p, "     Too many hops: pmtu %d\n", tp->mtu);
		tp_done(tp);
		return 0;
	}
	tp_set_ttl(tp);
	tp_run(tp);
	return 0;
}

static void tracepath_stop(struct sim_proc *p)
{
	struct tracepath *tp = p->priv;

	if (tp)
		prog_io_stop(&tp->io);
}

static void tracepath_release(struct sim_proc *p)
{
	struct tracepath *tp = p->priv;

	if (!tp)
		return;
	prog_io_stop(&tp->io);
	g_free(tp->pktbuf);
	g_free(tp);
	p->priv = NULL;
}

const struct sim_program tracepath_program = {
	.name = "tracepath",
	.start = tracepath_start,
	.stop = tracepath_stop,
	.release = tracepath_release,
};
