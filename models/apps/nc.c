/*
 * models/apps/nc.c - netcat's UDP mode (netcat-openbsd 1.219, IPv4)
 *
 * User space: `nc -u -l 7000` on one node prints every datagram it gets,
 * `nc -u -f /tmp/lines 10.0.4.2 7000` on another sends the lines of a
 * file.  The shape follows netcat.c: the listener binds (SO_REUSEADDR),
 * takes the first datagram, connect()s to its sender as nc does (-k:
 * stays unconnected and takes anyone) and from then on prints what that
 * peer sends; the client binds (-s, -p) and connects, then readwrite()
 * moves standard input to the socket and the socket to standard output.
 * Standard input: a program here has none (EOF at once, like </dev/null);
 * skbsim's -f FILE reads the node's file FILE instead, sent in reads of
 * netcat's 16 KiB buffer, a datagram each, as when stdin is a file.
 * -v first runs udptest(): "X" datagrams for three seconds.  After EOF
 * on input, -q SECS quits after SECS (0: at once; -1, the default:
 * never), and -w SECS quits after SECS without traffic.  A datagram
 * refused by the peer (ICMP port unreachable) ends nc quietly with status
 * 0, as readwrite() returning on the read error does.
 * Differences: no TCP (-u is required), no DNS, no -z/-x/-X/-P/-T/-U.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"

#define NC_BUFSIZE		16384
#define NC_UDP_SCAN_TIMEOUT	3	/* seconds udptest() goes on writing */
#include "sim/sh.h"

struct nc {
	struct prog_io io;
	struct sim_proc *p;
	int fd;
	bool listen, keep, verbose, numeric, udp;
	__be32 host, src;
	int port, sport;
	int quit_after;			/* -q: -1 never */
	int timeout;			/* -w: -1 none */
	char *input_file;		/* -f */
	GString *input;			/* -f: the file standard input reads */
	size_t input_off;		/* what was sent of it */
	int udptest;			/* -v: "X" probes left to send, -1: done */
	bool stdin_eof;
	bool connected;
	sim_time_t eof_time, last_io;
};

static void nc_woken(struct prog_io *io, bool timedout);

static void nc_exit(struct nc *nc, int status)
{
	prog_io_stop(&nc->io);
	sim_proc_exit(nc->p, status);
}

static void nc_wait(struct nc *nc)
{
	sim_time_t deadline = 0, d;

	if (nc->stdin_eof && nc->quit_after >= 0) {
		d = nc->eof_time + (sim_time_t)nc->quit_after * SIM_NSEC_PER_SEC;
		deadline = d;
	}
	if (nc->timeout > 0) {
		d = nc->last_io + (sim_time_t)nc->timeout * SIM_NSEC_PER_SEC;
		if (!deadline || d < deadline)
			deadline = d;
	}
	prog_io_wait(&nc->io, &nc->fd, 1, deadline);
}

/* stdin -> network: the file in read()s of nc's 16 KiB buffer, each one datagram */
static int nc_send_input(struct nc *nc)
{
	while (nc->input && nc->input_off < nc->input->len) {
		size_t n = MIN(nc->input->len - nc->input_off, NC_BUFSIZE);
		ssize_t ret = prog_sendto_in(&nc->io, nc->fd, nc->input->str + nc->input_off, n, 0, 0, 0);

		if (ret == -EAGAIN || ret == -ENOBUFS)
			return 0;	/* try again when the socket has room */
		if (ret < 0)
			return -1;	/* atomicio() failed: readwrite() returns */
		nc->input_off += n;
		nc->last_io = sim_now(nc->io.w);
	}
	if (!nc->stdin_eof) {
		nc->stdin_eof = true;
		nc->eof_time = sim_now(nc->io.w);
	}
	return 0;
}

/* network -> stdout; -1 on a read error (ECONNREFUSED) */
static int nc_read_net(struct nc *nc)
{
	for (;;) {
		struct sockaddr_in from;
		char buf[16384];
		ssize_t n = prog_recvmsg(&nc->io, nc->fd, buf, sizeof(buf), MSG_DONTWAIT, &from,
					 NULL, 0, NULL);

		if (n == -EAGAIN)
			return 0;
		if (n < 0)
			return -1;
		nc->last_io = sim_now(nc->io.w);
		if (nc->listen && !nc->connected && !nc->keep) {
			char abuf[INET_ADDRSTRLEN];

			/* the first datagram decides who the peer is */
			if (prog_connect_in(&nc->io, nc->fd, from.sin_addr.s_addr,
					    ntohs(from.sin_port)) == 0)
				nc->connected = true;
			if (nc->verbose) {
				inet_ntop(AF_INET, &from.sin_addr, abuf, sizeof(abuf));
				sim_proc_printf(nc->p, "Connection received on %s %u\n", abuf,
						ntohs(from.sin_port));
			}
		}
		sim_proc_write(nc->p, buf, (size_t)n);
	}
}

static void nc_connection_info(struct nc *nc)
{
	char abuf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = nc->host };

	inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
	sim_proc_printf(nc->p, "Connection to %s %d port [udp/*] succeeded!\n", abuf, nc->port);
}

/*
 * udptest() of -v: two "X" datagrams, then one a second for
 * UDP_SCAN_TIMEOUT seconds (or -w); a refusal ends nc with status 1.
 */
static void nc_udptest(struct nc *nc)
{
	ssize_t n = prog_sendto_in(&nc->io, nc->fd, "X", 1, 0, 0, 0);

	if (nc->udptest == 0 && n == 1)
		n = prog_sendto_in(&nc->io, nc->fd, "X", 1, 0, 0, 0);
	if (n == -ECONNREFUSED) {
		nc_exit(nc, 1);
		return;
	}
	if (nc->udptest >= (nc->timeout > 0 ? nc->timeout : NC_UDP_SCAN_TIMEOUT)) {
		nc->udptest = -1;
		nc_connection_info(nc);
		nc->last_io = sim_now(nc->io.w);
		nc_woken(&nc->io, false);
		return;
	}
	nc->udptest++;
	prog_io_wait(&nc->io, NULL, 0, sim_now(nc->io.w) + SIM_NSEC_PER_SEC);
}

static void nc_woken(struct prog_io *io, bool timedout)
{
	struct nc *nc = container_of(io, struct nc, io);
	sim_time_t now = sim_now(io->w);

	/* udptest() runs before readwrite() and only writes: a refusal the
	 * ICMP error left on the socket is its next write's ECONNREFUSED */
	if (nc->udptest >= 0) {
		nc_udptest(nc);
		return;
	}
	if (nc_read_net(nc) < 0) {
		nc_exit(nc, 0);		/* readwrite() returns on a read error */
		return;
	}
	if (!nc->listen || nc->connected) {
		if (nc_send_input(nc) < 0) {
			nc_exit(nc, 0);
			return;
		}
	}
	if (timedout) {
		if (nc->stdin_eof && nc->quit_after >= 0 &&
		    now >= nc->eof_time + (sim_time_t)nc->quit_after * SIM_NSEC_PER_SEC) {
			nc_exit(nc, 0);
			return;
		}
		if (nc->timeout > 0 &&
		    now >= nc->last_io + (sim_time_t)nc->timeout * SIM_NSEC_PER_SEC) {
			nc_exit(nc, 0);
			return;
		}
	}
	nc_wait(nc);
}

/* ---- options -------------------------------------------------------------------- */

static const char nc_usage_text[] =
	"usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n"
	"\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n"
	"\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n"
	"\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n"
	"\t  [destination] [port]\n";

static bool nc_strtonum(struct nc *nc, const char *arg, long min, long max, long *out,
			const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end) {
		sim_proc_printf(nc->p, "nc: %s invalid: %s\n", what, arg);
		return false;
	}
	if (errno || v < min) {
		sim_proc_printf(nc->p, "nc: %s too small: %s\n", what, arg);
		return false;
	}
	if (v > max) {
		sim_proc_printf(nc->p, "nc: %s too large: %s\n", what, arg);
		return false;
	}
	*out = v;
	return true;
}

static bool nc_port(struct nc *nc, const char *arg, int *port)
{
	long v;

	if (!nc_strtonum(nc, arg, 1, 65535, &v, "port number"))
		return false;
	*port = (int)v;
	return true;
}

static int nc_parse(struct nc *nc, int argc, char **argv)
{
	struct prog_getopt g = { 0 };
	const char *host = NULL, *portarg = NULL;
	int ch, rest;
	long v;

	while ((ch = prog_getopt(&g, argc, argv, "46f:hklnp:q:s:uvw:")) != -1) {
		switch (ch) {
		case '4':
			break;
		case 'f':
			nc->input_file = g_strdup(g.optarg);
			break;
		case 'k':
			nc->keep = true;
			break;
		case 'l':
			nc->listen = true;
			break;
		case 'n':
			nc->numeric = true;
			break;
		case 'p':
			if (!nc_port(nc, g.optarg, &nc->sport))
				return 1;
			break;
		case 'q':
			if (!nc_strtonum(nc, g.optarg, INT_MIN, INT_MAX, &v, "quit timer"))
				return 1;
			nc->quit_after = (int)v;
			break;
		case 's':
			if (!prog_parse_ipv4(g.optarg, &nc->src)) {
				sim_proc_printf(nc->p, "nc: getaddrinfo for host \"%s\" port %s: Name or service not known\n",
						g.optarg, "0");
				return 1;
			}
			break;
		case 'u':
			nc->udp = true;
			break;
		case 'v':
			nc->verbose = true;
			break;
		case 'w':
			if (!nc_strtonum(nc, g.optarg, 0, 100000000, &v, "timeout"))
				return 1;
			nc->timeout = (int)v;
			break;
		case 'h':
			sim_proc_printf(nc->p, "OpenBSD netcat (Debian patchlevel 1.219-1)\n%s", nc_usage_text);
			return 1;
		default:
			if (g.optopt && strchr("fpqsw", g.optopt))
				sim_proc_printf(nc->p, "nc: option requires an argument -- '%c'\n", g.optopt);
			else
				sim_proc_printf(nc->p, "nc: invalid option -- '%c'\n", g.optopt);
			sim_proc_printf(nc->p, "%s", nc_usage_text);
			return 1;
		}
	}
	rest = argc - g.optind;
	if (nc->listen) {
		/* nc -l PORT, nc -l ADDR PORT, nc -l -p PORT */
		if (rest == 2) {
			host = argv[g.optind];
			portarg = argv[g.optind + 1];
		} else if (rest == 1) {
			portarg = argv[g.optind];
		} else if (rest != 0 || !nc->sport) {
			sim_proc_printf(nc->p, "%s", nc_usage_text);
			return 1;
		}
	} else {
		if (rest != 2) {
			sim_proc_printf(nc->p, "%s", nc_usage_text);
			return 1;
		}
		host = argv[g.optind];
		portarg = argv[g.optind + 1];
	}
	if (portarg && !nc_port(nc, portarg, &nc->port))
		return 1;
	if (nc->listen && !portarg)
		nc->port = nc->sport;
	if (host && !prog_parse_ipv4(host, &nc->host)) {
		sim_proc_printf(nc->p, "nc: getaddrinfo for host \"%s\" port %s: Name or service not known\n",
				host, portarg);
		return 1;
	}
	if (!nc->udp) {
		sim_proc_printf(nc->p, "nc: skbsim has no TCP yet: use -u\n");
		return 1;
	}
	return 0;
}

static int nc_setup(struct nc *nc)
{
	char abuf[INET_ADDRSTRLEN];
	struct in_addr in;
	int err;

	nc->fd = prog_socket(&nc->io, AF_INET, SOCK_DGRAM, 0);
	if (nc->fd < 0) {
		sim_proc_printf(nc->p, "nc: socket: %s\n", strerror(-nc->fd));
		return 1;
	}
	prog_setsockopt_int(&nc->io, nc->fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (nc->listen) {
		err = prog_bind_in(&nc->io, nc->fd, nc->host, (u16)nc->port);
		if (err < 0) {
			sim_proc_printf(nc->p, "nc: bind failed: %s\n", strerror(-err));
			return 1;
		}
		if (nc->verbose) {
			in.s_addr = nc->host;
			inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
			sim_proc_printf(nc->p, "Bound on %s %d\n", abuf, nc->port);
		}
		return 0;
	}
	if (nc->src || nc->sport) {
		err = prog_bind_in(&nc->io, nc->fd, nc->src, (u16)nc->sport);
		if (err < 0) {
			sim_proc_printf(nc->p, "nc: bind failed: %s\n", strerror(-err));
			return 1;
		}
	}
	err = prog_connect_in(&nc->io, nc->fd, nc->host, (u16)nc->port);
	if (err < 0) {
		in.s_addr = nc->host;
		inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
		sim_proc_printf(nc->p, "nc: connect to %s port %d (udp) failed: %s\n", abuf, nc->port,
				strerror(-err));
		return 1;
	}
	nc->connected = true;
	if (nc->verbose)
		nc->udptest = 0;
	return 0;
}

static int nc_start(struct sim_proc *p, int argc, char **argv)
{
	struct nc *nc = g_new0(struct nc, 1);
	int ret;

	p->priv = nc;
	nc->p = p;
	nc->fd = -1;
	nc->quit_after = -1;
	nc->timeout = -1;
	nc->udptest = -1;
	prog_io_init(&nc->io, p, nc_woken);
	ret = nc_parse(nc, argc, argv);
	if (!ret && nc->input_file) {
		GString *text = g_string_new(NULL);
		int err = sim_vfs_read(p->node, nc->input_file, text);

		if (err < 0) {
			sim_proc_printf(p, "nc: %s: %s\n", nc->input_file, strerror(-err));
			ret = 1;
		} else {
			nc->input = text;
			text = NULL;
		}
		if (text)
			g_string_free(text, TRUE);
	}
	if (!ret)
		ret = nc_setup(nc);
	if (ret) {
		nc_exit(nc, ret);
		return 0;
	}
	nc->last_io = sim_now(nc->io.w);
	nc_woken(&nc->io, false);
	return 0;
}

static void nc_stop(struct sim_proc *p)
{
	struct nc *nc = p->priv;

	if (nc)
		prog_io_stop(&nc->io);
}

static void nc_release(struct sim_proc *p)
{
	struct nc *nc = p->priv;

	if (!nc)
		return;
	prog_io_stop(&nc->io);
	if (nc->input)
		g_string_free(nc->input, TRUE);
	g_free(nc->input_file);
	g_free(nc);
	p->priv = NULL;
}

const struct sim_program nc_program = {
	.name = "nc",
	.start = nc_start,
	.stop = nc_stop,
	.release = nc_release,
};
