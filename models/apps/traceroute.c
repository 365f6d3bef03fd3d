/*
 * models/apps/traceroute.c - the traceroute program (traceroute 2.1, IPv4)
 *
 * User space: `node:spawn("traceroute 10.0.4.2")` behaves and prints as
 * Debian 12's traceroute 2.1.2 does.  The shape follows its traceroute.c
 * (do_it's window of simultaneous probes, get_timeout's MAX,HERE,NEAR
 * waits, print_probe) and the "default" module (mod-udp.c): each probe is
 * a UDP socket of its own with IP_RECVERR and IP_TTL, connected to the
 * next port from 33434, and the answer is what the error queue says:
 * time exceeded names the hop, port unreachable is the destination, the
 * other unreachables print !N !H !P !S !X !V !C !F-mtu or !<code> and end
 * the trace at that hop.  -I is the "icmp" module: echo requests on one
 * raw ICMP socket (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)), answered by
 * echo replies or by errors quoting our echo.
 * Differences: IPv4 only, no DNS (names print as the address, as a
 * resolver that knows none does); receive times are the simulated clock
 * when the program reads the answer, not SO_TIMESTAMP's; the long
 * options, -T, -U, -D, -P, -M, -O, -g, -A, -e, --mtu and --back are
 * refused with traceroute's "Bad option" message.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"
#include "linux/ip.h"
#include "net/icmp.h"
#include "net/ip.h"

#define TR_MAX_PROBES	10
#define TR_MAX_HOPS	255
#define TR_DEF_PORT	33434
#define TR_WAIT_PREC	0.001	/* DEF_WAIT_PREC: what a reply's rtt is rounded up by */

struct tr_probe {
	int fd;				/* the probe's own socket (udp), or -1 */
	u16 port;			/* destination port (udp) or sequence (icmp) */
	sim_time_t send_time, recv_time;
	bool done, final;
	__be32 res;			/* who answered; 0: nobody */
	char err_str[16];
};

struct traceroute {
	struct prog_io io;
	struct sim_proc *p;
	bool icmp;			/* -I */
	bool numeric;			/* -n */
	int nprobes;			/* -q */
	int max_hops, first_hop;	/* -m, -f */
	int sim_probes;			/* -N */
	double wait_max, here, near;	/* -w MAX,HERE,NEAR */
	double send_secs;		/* -z */
	u16 port;			/* -p */
	bool port_set;
	__be32 dst, src;		/* host, -s */
	size_t data_len;
	u8 *data;
	struct tr_probe *probes;
	int start, end;
	sim_time_t last_send;
	int icmp_fd;			/* -I: the one raw socket */
	u16 ident;
};

/* ---- output ------------------------------------------------------------------ */

static void tr_print_addr(struct traceroute *tr, __be32 a)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = a };

	inet_ntop(AF_INET, &in, buf, sizeof(buf));
	if (tr->numeric)
		sim_proc_printf(tr->p, " %s", buf);
	else
		sim_proc_printf(tr->p, " %s (%s)", buf, buf);
}

/* print_probe(): the hop number before a hop's first probe */
static void tr_print_probe(struct traceroute *tr, struct tr_probe *pb)
{
	int idx = (int)(pb - tr->probes);
	int np = idx % tr->nprobes;

	if (np == 0)
		sim_proc_printf(tr->p, "\n%2u ", idx / tr->nprobes + 1);
	if (!pb->res) {
		sim_proc_printf(tr->p, " *");
	} else {
		bool prn = !np;

		if (np) {
			/* print the address when it differs from the last answer */
			struct tr_probe *q = pb - 1;

			for (; np && !q->res; q--, np--)
				;
			if (!np || q->res != pb->res)
				prn = true;
		}
		if (prn)
			tr_print_addr(tr, pb->res);
	}
	if (pb->recv_time) {
		double diff = (double)(pb->recv_time - pb->send_time) / 1e9;

		sim_proc_printf(tr->p, "  %.3f ms", diff * 1000);
	}
	if (pb->err_str[0])
		sim_proc_printf(tr->p, " %s", pb->err_str);
}

/* ---- timeouts ------------------------------------------------------------------ */

/* get_timeout(): MAX, or HERE times a reply of this hop, or NEAR times a later one */
static double tr_get_timeout(struct traceroute *tr, struct tr_probe *pb)
{
	int idx = (int)(pb - tr->probes);
	double value;

	if (tr->here > 0) {
		struct tr_probe *q = &tr->probes[idx - idx % tr->nprobes];

		for (int i = 0; i < tr->nprobes; i++, q++) {
			if (q->done && q->recv_time) {
				value = (double)(q->recv_time - q->send_time) / 1e9 + TR_WAIT_PREC;
				value *= tr->here;
				return value < tr->wait_max ? value : tr->wait_max;
			}
		}
	}
	if (tr->near > 0) {
		int n = tr->max_hops * tr->nprobes;

		for (int i = idx - idx % tr->nprobes + tr->nprobes; i < n; i++) {
			struct tr_probe *q = &tr->probes[i];

			if (q->done && q->recv_time) {
				value = (double)(q->recv_time - q->send_time) / 1e9 + TR_WAIT_PREC;
				value *= tr->near;
				return value < tr->wait_max ? value : tr->wait_max;
			}
		}
	}
	return tr->wait_max;
}

static sim_time_t tr_secs(double s)
{
	return (sim_time_t)llround(s * 1e9);
}

/* ---- probes --------------------------------------------------------------------- */

static void tr_fatal(struct traceroute *tr, const char *what, int err)
{
	/* error() goes to stderr: the header's line, still open on stdout, ends first */
	if (tr->p->partial && tr->p->partial->len)
		sim_proc_printf(tr->p, "\n");
	sim_proc_printf(tr->p, "%s: %s\n", what, strerror(err));
	prog_io_stop(&tr->io);
	sim_proc_exit(tr->p, 1);
}

/* do_send(): the soft errors leave the probe unanswered, the others end traceroute */
static int tr_do_send(struct traceroute *tr, int fd, const void *buf, size_t len, __be32 to)
{
	ssize_t n = prog_sendto_in(&tr->io, fd, buf, len, 0, to, 0);

	if (n >= 0)
		return 0;
	if (n == -ENOBUFS || n == -EAGAIN || n == -ECONNREFUSED || n == -EHOSTUNREACH ||
	    n == -ENETUNREACH || n == -EMSGSIZE)
		return 0;	/* the error queue tells the rest */
	tr_fatal(tr, "send", (int)-n);
	return -1;
}

/* mod-udp.c's udp_send_probe: a socket per probe, connected to the next port */
static int tr_udp_send_probe(struct traceroute *tr, struct tr_probe *pb, int ttl)
{
	int fd = prog_socket(&tr->io, AF_INET, SOCK_DGRAM, 0);
	int err;

	if (fd < 0) {
		tr_fatal(tr, "socket", -fd);
		return -1;
	}
	pb->fd = fd;
	if (tr->src && (err = prog_bind_in(&tr->io, fd, tr->src, 0)) < 0) {
		tr_fatal(tr, "bind", -err);
		return -1;
	}
	/* tune_socket(): without -F the probes may be fragmented (no DF) */
	prog_setsockopt_int(&tr->io, fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT);
	prog_setsockopt_int(&tr->io, fd, SOL_IP, IP_RECVERR, 1);
	prog_setsockopt_int(&tr->io, fd, SOL_IP, IP_TTL, ttl);
	err = prog_connect_in(&tr->io, fd, tr->dst, pb->port);
	if (err < 0) {
		tr_fatal(tr, "connect", -err);
		return -1;
	}
	pb->send_time = sim_now(tr->io.w);
	return tr_do_send(tr, fd, tr->data, tr->data_len, 0);
}

/* mod-icmp.c's icmp_send_probe: an echo request with the probe's sequence */
static int tr_icmp_send_probe(struct traceroute *tr, struct tr_probe *pb, int ttl)
{
	u8 *pkt = g_malloc0(8 + tr->data_len);
	struct icmphdr *ih = (struct icmphdr *)pkt;
	int ret;

	memcpy(pkt + 8, tr->data, tr->data_len);
	ih->type = ICMP_ECHO;
	ih->un.echo.id = htons(tr->ident);
	ih->un.echo.sequence = htons(pb->port);
	ih->checksum = ip_compute_csum(pkt, (int)(8 + tr->data_len));
	prog_setsockopt_int(&tr->io, tr->icmp_fd, SOL_IP, IP_TTL, ttl);
	pb->send_time = sim_now(tr->io.w);
	ret = tr_do_send(tr, tr->icmp_fd, pkt, 8 + tr->data_len, tr->dst);
	g_free(pkt);
	return ret;
}

static void tr_probe_done(struct traceroute *tr, struct tr_probe *pb)
{
	pb->done = true;
	if (pb->fd >= 0) {
		tr->io.ops->close(tr->p->node, tr->p->pid, pb->fd);
		pb->fd = -1;
	}
}

/* parse_icmp_res(): what an ICMP error says about the probe */
static void tr_parse_icmp_res(struct tr_probe *pb, int type, int code, u32 info)
{
	const char *str = NULL;
	char buf[16];

	if (type == ICMP_DEST_UNREACH) {
		switch (code) {
		case ICMP_NET_UNREACH:
		case ICMP_NET_UNKNOWN:
		case ICMP_NET_UNR_TOS:
			str = "!N";
			break;
		case ICMP_HOST_UNREACH:
		case ICMP_HOST_UNKNOWN:
		case ICMP_HOST_ISOLATED:	/* ICMP_UNREACH_ISOLATED: traceroute says !H */
		case ICMP_HOST_UNR_TOS:
			str = "!H";
			break;
		case ICMP_PROT_UNREACH:
			str = "!P";
			break;
		case ICMP_PORT_UNREACH:
			break;		/* the destination */
		case ICMP_SR_FAILED:
			str = "!S";
			break;
		case ICMP_FRAG_NEEDED:
			snprintf(buf, sizeof(buf), "!F-%u", info);
			str = buf;
			break;
		case ICMP_NET_ANO:
		case ICMP_HOST_ANO:
		case ICMP_PKT_FILTERED:
			str = "!X";
			break;
		case ICMP_PREC_VIOLATION:
			str = "!V";
			break;
		case ICMP_PREC_CUTOFF:
			str = "!C";
			break;
		default:
			snprintf(buf, sizeof(buf), "!<%u>", code);
			str = buf;
			break;
		}
		pb->final = true;
	} else if (type != ICMP_TIME_EXCEEDED) {
		snprintf(buf, sizeof(buf), "!<%u-%u>", type, code);
		str = buf;
		pb->final = true;
	}
	if (str)
		snprintf(pb->err_str, sizeof(pb->err_str), "%s", str);
}

/* mod-udp.c's udp_recv_probe on one probe's socket */
static void tr_udp_recv(struct traceroute *tr, struct tr_probe *pb)
{
	struct sockaddr_in to, from;
	struct prog_ee ee;
	u8 buf[1500];
	ssize_t n;
	int ttl;

	n = prog_recv_err(&tr->io, pb->fd, buf, sizeof(buf), &to, &ee, &ttl);
	if (n >= 0 && ee.ee_origin == PROG_EE_ORIGIN_ICMP) {
		pb->res = ee.offender.sin_addr.s_addr;
		pb->recv_time = sim_now(tr->io.w);
		tr_parse_icmp_res(pb, ee.ee_type, ee.ee_code, ee.ee_info);
		tr_probe_done(tr, pb);
		return;
	}
	/* a UDP answer from the destination itself */
	n = prog_recvmsg(&tr->io, pb->fd, buf, sizeof(buf), MSG_DONTWAIT, &from, NULL, 0, NULL);
	if (n >= 0) {
		pb->res = from.sin_addr.s_addr;
		pb->recv_time = sim_now(tr->io.w);
		pb->final = true;
		tr_probe_done(tr, pb);
	}
}

static struct tr_probe *tr_probe_by_seq(struct traceroute *tr, u16 seq)
{
	int n = tr->max_hops * tr->nprobes;

	for (int i = tr->start; i < n; i++) {
		struct tr_probe *pb = &tr->probes[i];

		if (pb->port == seq && pb->send_time && !pb->done)
			return pb;
	}
	return NULL;
}

/* mod-icmp.c's icmp_recv_probe: echo replies and errors quoting our echoes */
static void tr_icmp_recv(struct traceroute *tr)
{
	struct sockaddr_in from;
	u8 buf[1500];
	ssize_t n;

	while ((n = prog_recvmsg(&tr->io, tr->icmp_fd, buf, sizeof(buf), MSG_DONTWAIT, &from,
				 NULL, 0, NULL)) > 0) {
		const struct iphdr *iph = (const struct iphdr *)buf;
		size_t hl = (size_t)iph->ihl * 4;
		const struct icmphdr *ih = (const struct icmphdr *)(buf + hl);
		const struct icmphdr *echo = ih;
		struct tr_probe *pb;

		if ((size_t)n < hl + 8)
			continue;
		if (ih->type != ICMP_ECHOREPLY) {
			const struct iphdr *inner = (const struct iphdr *)(ih + 1);
			size_t ihl;

			if ((size_t)n < hl + 8 + sizeof(*inner))
				continue;
			ihl = (size_t)inner->ihl * 4;
			if ((size_t)n < hl + 8 + ihl + 8 || inner->protocol != IPPROTO_ICMP)
				continue;
			echo = (const struct icmphdr *)((const u8 *)inner + ihl);
			if (echo->type != ICMP_ECHO)
				continue;
		}
		if (ntohs(echo->un.echo.id) != tr->ident)
			continue;
		pb = tr_probe_by_seq(tr, ntohs(echo->un.echo.sequence));
		if (!pb)
			continue;
		pb->res = from.sin_addr.s_addr;
		pb->recv_time = sim_now(tr->io.w);
		if (ih->type == ICMP_ECHOREPLY)
			pb->final = true;
		else
			tr_parse_icmp_res(pb, ih->type, ih->code, ntohs(ih->un.frag.mtu));
		tr_probe_done(tr, pb);
	}
}

/* ---- do_it --------------------------------------------------------------------- */

static void tr_finish(struct traceroute *tr)
{
	sim_proc_printf(tr->p, "\n");
	prog_io_stop(&tr->io);
	sim_proc_exit(tr->p, 0);
}

/* One pass of do_it()'s loop, then sleep in poll() until something changes. */
static void tr_do_it(struct traceroute *tr)
{
	sim_time_t now = sim_now(tr->io.w), max_time = 0, deadline = 0;
	int fds[PROG_IO_MAX], nfds = 0, num = 0;

	for (int n = tr->start; n < tr->end; n++) {
		struct tr_probe *pb = &tr->probes[n];

		if (n == tr->start && !pb->done && pb->send_time) {
			sim_time_t expire = pb->send_time + tr_secs(tr_get_timeout(tr, pb));

			if (expire > now) {
				deadline = expire;
				break;
			}
			tr_probe_done(tr, pb);	/* no answer: "*" */
		}
		if (pb->done) {
			if (n == tr->start) {
				tr_print_probe(tr, pb);
				tr->start++;
			}
			if (pb->final)
				tr->end = (n / tr->nprobes + 1) * tr->nprobes;
			continue;
		}
		if (!pb->send_time) {
			sim_time_t gap = tr_secs(tr->send_secs);

			if (gap && tr->last_send && now - tr->last_send < gap) {
				deadline = tr->last_send + gap;
				break;
			}
			if ((tr->icmp ? tr_icmp_send_probe(tr, pb, n / tr->nprobes + 1)
				      : tr_udp_send_probe(tr, pb, n / tr->nprobes + 1)) < 0)
				return;
			tr->last_send = pb->send_time;
		}
		if (pb->send_time > max_time)
			max_time = pb->send_time;
		if (++num >= tr->sim_probes)
			break;
	}
	if (tr->start >= tr->end) {
		tr_finish(tr);
		return;
	}
	if (!deadline)
		deadline = (max_time ? max_time : now) + tr_secs(tr->wait_max);
	/* poll() on every probe still in flight */
	for (int n = tr->start; n < tr->end && nfds < PROG_IO_MAX - 1; n++)
		if (tr->probes[n].fd >= 0 && !tr->probes[n].done)
			fds[nfds++] = tr->probes[n].fd;
	if (tr->icmp)
		fds[nfds++] = tr->icmp_fd;
	prog_io_wait(&tr->io, fds, nfds, deadline);
}

static void tr_poll_callback(struct prog_io *io, bool timedout)
{
	struct traceroute *tr = container_of(io, struct traceroute, io);

	if (!timedout) {
		if (tr->icmp) {
			tr_icmp_recv(tr);
		} else {
			for (int n = tr->start; n < tr->end; n++) {
				struct tr_probe *pb = &tr->probes[n];

				if (pb->fd >= 0 && !pb->done)
					tr_udp_recv(tr, pb);
			}
		}
	}
	tr_do_it(tr);
}

/* ---- options --------------------------------------------------------------------- */

static const char tr_usage_text[] =
	"Usage:\n"
	"  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n"
	"Options:\n"
	"  -4                          Use IPv4\n"
	"  -I  --icmp                  Use ICMP ECHO for tracerouting\n"
	"  -f first_ttl  --first=first_ttl\n"
	"                              Start from the first_ttl hop (instead from 1)\n"
	"  -m max_ttl  --max-hops=max_ttl\n"
	"                              Set the max number of hops (max TTL to be\n"
	"                              reached). Default is 30\n"
	"  -N squeries  --sim-queries=squeries\n"
	"                              Set the number of probes to be tried\n"
	"                              simultaneously (default is 16)\n"
	"  -n                          Do not resolve IP addresses to their domain names\n"
	"  -p port  --port=port        Set the destination port to use. It is either\n"
	"                              initial udp port value for \"default\" method\n"
	"                              (incremented by each probe, default is 33434), or\n"
	"                              initial seq for \"icmp\" (incremented as well,\n"
	"                              default from 1)\n"
	"  -w MAX,HERE,NEAR  --wait=MAX,HERE,NEAR\n"
	"                              Wait for a probe no more than HERE (default 3)\n"
	"                              times longer than a response from the same hop,\n"
	"                              or no more than NEAR (default 10) times than some\n"
	"                              next hop, or MAX (default 5.0) seconds (float\n"
	"                              point values allowed too)\n"
	"  -q nqueries  --queries=nqueries\n"
	"                              Set the number of probes per each hop. Default is\n"
	"                              3\n"
	"  -s src_addr  --source=src_addr\n"
	"                              Use source src_addr for outgoing packets\n"
	"  -z sendwait  --sendwait=sendwait\n"
	"                              Minimal time interval between probes (default 0).\n"
	"                              If the value is more than 10, then it specifies a\n"
	"                              number in milliseconds, else it is a number of\n"
	"                              seconds (float point values allowed too)\n"
	"\n"
	"Arguments:\n"
	"+     host          The host to traceroute to\n"
	"      packetlen     The full packet length (default is the length of an IP\n"
	"                    header plus 40). Can be ignored or increased to a minimal\n"
	"                    allowed value\n";

static bool tr_get_int(const char *s, int *v)
{
	char *end;
	long l = strtol(s, &end, 0);

	if (end == s || *end || l < INT_MIN || l > INT_MAX)
		return false;
	*v = (int)l;
	return true;
}

static bool tr_get_double(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return end != s && !*end && isfinite(*v);
}

/* -w MAX,HERE,NEAR (also MAX/HERE/NEAR) */
static bool tr_parse_wait(struct traceroute *tr, const char *arg)
{
	char *copy = g_strdup(arg), *save = NULL;
	double *dst[3] = { &tr->wait_max, &tr->here, &tr->near };
	int i = 0;
	bool ok = true;

	for (char *t = strtok_r(copy, ",/", &save); t && ok; t = strtok_r(NULL, ",/", &save)) {
		if (i >= 3 || !tr_get_double(t, dst[i]) || *dst[i] < 0)
			ok = false;
		i++;
	}
	g_free(copy);
	return ok && i > 0;
}

static int tr_bad_arg(struct traceroute *tr, int c, const char *arg, int pos)
{
	sim_proc_printf(tr->p, "Cannot handle `-%c' option with arg `%s' (argc %d)\n", c, arg, pos);
	return 2;
}

static int tr_parse(struct traceroute *tr, int argc, char **argv)
{
	int i, v, operand = 0;

	/* traceroute's own parser: options anywhere, grouped flags, args attached or not */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1]) {
			if (operand == 0) {
				if (!prog_parse_ipv4(a, &tr->dst)) {
					sim_proc_printf(tr->p, "%s: Name or service not known\n", a);
					sim_proc_printf(tr->p, "Cannot handle \"host\" cmdline arg `%s' on position 1 (argc %d)\n",
							a, i);
					return 2;
				}
			} else if (operand == 1) {
				if (!tr_get_int(a, &v) || v < 0) {
					sim_proc_printf(tr->p, "Cannot handle \"packetlen\" cmdline arg `%s' on position 2 (argc %d)\n",
							a, i);
					return 2;
				}
				tr->data_len = v > 28 ? (size_t)(v - 28) : 0;
				if (tr->data_len > 65000) {
					sim_proc_printf(tr->p, "Too big packetlen %d specified\n", v);
					return 2;
				}
			} else {
				sim_proc_printf(tr->p, "Extra arg `%s' (position %d, argc %d)\n", a,
						operand + 1, i);
				return 2;
			}
			operand++;
			continue;
		}
		for (const char *c = a + 1; *c; c++) {
			const char *arg;
			int pos = i;

			switch (*c) {
			case 'n': tr->numeric = true; continue;
			case 'I': tr->icmp = true; continue;
			case '4': continue;
			case 'f': case 'm': case 'q': case 'w': case 'p': case 'N': case 's': case 'z':
				break;
			default:
				sim_proc_printf(tr->p, "Bad option `-%c' (argc %d)\n", *c, i);
				return 2;
			}
			if (c[1]) {
				arg = c + 1;
			} else if (i + 1 < argc) {
				arg = argv[++i];
				pos = i;
			} else {
				static const char *const names[] = {
					['f'] = "first_ttl", ['m'] = "max_ttl", ['q'] = "nqueries",
					['w'] = "MAX,HERE,NEAR", ['p'] = "port", ['N'] = "squeries",
					['s'] = "src_addr", ['z'] = "sendwait",
				};

				sim_proc_printf(tr->p, "Option `-%c' (argc %d) requires an argument: `-%c %s'\n",
						*c, i, *c, names[(unsigned char)*c]);
				return 2;
			}
			switch (*c) {
			case 'f':
				if (!tr_get_int(arg, &tr->first_hop))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 'm':
				if (!tr_get_int(arg, &tr->max_hops))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 'q':
				if (!tr_get_int(arg, &tr->nprobes))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 'N':
				if (!tr_get_int(arg, &tr->sim_probes))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 'p':
				if (!tr_get_int(arg, &v) || v < 0 || v > 65535)
					return tr_bad_arg(tr, *c, arg, pos);
				tr->port = (u16)v;
				tr->port_set = true;
				break;
			case 'w':
				if (!tr_parse_wait(tr, arg))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 's':
				if (!prog_parse_ipv4(arg, &tr->src))
					return tr_bad_arg(tr, *c, arg, pos);
				break;
			case 'z':
				if (!tr_get_double(arg, &tr->send_secs) || tr->send_secs < 0)
					return tr_bad_arg(tr, *c, arg, pos);
				if (tr->send_secs >= 10)
					tr->send_secs /= 1000;	/* milliseconds */
				break;
			}
			break;		/* the argument ended this word */
		}
	}
	if (!operand) {
		sim_proc_printf(tr->p, "%s", tr_usage_text);
		return -1;	/* exit 0, as traceroute does without a host */
	}
	if (tr->max_hops > TR_MAX_HOPS) {
		sim_proc_printf(tr->p, "max hops cannot be more than %d\n", TR_MAX_HOPS);
		return 2;
	}
	if (!tr->first_hop || tr->first_hop > tr->max_hops) {
		sim_proc_printf(tr->p, "first hop out of range\n");
		return 2;
	}
	if (tr->nprobes < 1 || tr->nprobes > TR_MAX_PROBES) {
		sim_proc_printf(tr->p, "no more than %d probes per hop\n", TR_MAX_PROBES);
		return 2;
	}
	if (tr->sim_probes < 1) {
		sim_proc_printf(tr->p, "Cannot handle `-N' option with arg `%d'\n", tr->sim_probes);
		return 2;
	}
	return 0;
}

/* ---- the program --------------------------------------------------------------------- */

static int tr_setup(struct traceroute *tr)
{
	int n = tr->max_hops * tr->nprobes;
	char dbuf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = tr->dst };

	tr->probes = g_new0(struct tr_probe, n);
	for (int i = 0; i < n; i++) {
		tr->probes[i].fd = -1;
		tr->probes[i].port = (u16)(tr->port + i);
	}
	tr->data = g_malloc(tr->data_len ? tr->data_len : 1);
	for (size_t i = 0; i < tr->data_len; i++)
		tr->data[i] = (u8)(0x40 + (i & 0x3f));
	if (tr->icmp) {
		int fd = prog_socket(&tr->io, AF_INET, SOCK_RAW, IPPROTO_ICMP);

		if (fd < 0) {
			sim_proc_printf(tr->p, "socket: %s\n", strerror(-fd));
			return 1;
		}
		tr->icmp_fd = fd;
		/* tune_socket(): no DF on the echo requests either */
		prog_setsockopt_int(&tr->io, fd, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT);
		if (tr->src && (fd = prog_bind_in(&tr->io, tr->icmp_fd, tr->src, 0)) < 0) {
			sim_proc_printf(tr->p, "bind: %s\n", strerror(-fd));
			return 1;
		}
		/* the ident getpid() gives: the simulated pid */
		tr->ident = (u16)tr->p->pid;
	}
	tr->start = (tr->first_hop - 1) * tr->nprobes;
	tr->end = n;
	inet_ntop(AF_INET, &in, dbuf, sizeof(dbuf));
	/* the header has no newline: the first hop's "\n%2u " ends it */
	sim_proc_printf(tr->p, "traceroute to %s (%s), %d hops max, %zu byte packets", dbuf, dbuf,
			tr->max_hops, tr->data_len + 28);
	return 0;
}

static int traceroute_start(struct sim_proc *p, int argc, char **argv)
{
	struct traceroute *tr = g_new0(struct traceroute, 1);
	int ret;

	p->priv = tr;
	tr->p = p;
	prog_io_init(&tr->io, p, tr_poll_callback);
	tr->nprobes = 3;
	tr->max_hops = 30;
	tr->first_hop = 1;
	tr->sim_probes = 16;
	tr->wait_max = 5.0;
	tr->here = 3;
	tr->near = 10;
	tr->data_len = 32;
	tr->icmp_fd = -1;
	ret = tr_parse(tr, argc, argv);
	if (ret) {
		sim_proc_exit(p, ret < 0 ? 0 : ret);
		return 0;
	}
	if (!tr->port_set)
		tr->port = tr->icmp ? 1 : TR_DEF_PORT;
	ret = tr_setup(tr);
	if (ret) {
		prog_io_stop(&tr->io);
		sim_proc_exit(p, ret);
		return 0;
	}
	tr_do_it(tr);
	return 0;
}

static void traceroute_stop(struct sim_proc *p)
{
	struct traceroute *tr = p->priv;

	if (tr)
		prog_io_stop(&tr->io);
}

static void traceroute_release(struct sim_proc *p)
{
	struct traceroute *tr = p->priv;

	if (!tr)
		return;
	prog_io_stop(&tr->io);
	g_free(tr->probes);
	g_free(tr->data);
	g_free(tr);
	p->priv = NULL;
}

const struct sim_program traceroute_program = {
	.name = "traceroute",
	.start = traceroute_start,
	.stop = traceroute_stop,
	.release = traceroute_release,
};
