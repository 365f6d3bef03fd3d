/*
 * models/apps/arping.c - the arping program (iputils 20221126)
 *
 * User space: `node:spawn("arping -c 3 10.0.1.1")` prints what Debian
 * 12's arping prints.  The shape follows iputils' arping.c: a packet
 * socket (socket(AF_PACKET, SOCK_DGRAM, 0) bound to the device with
 * ETH_P_ARP); the device from -I or from the route to the target (the
 * RTM_GETROUTE query arping makes; here ip_route_output_key(), what the
 * kernel answers it with); the source address from -s, or the target's
 * own for -U/-A, or that of a UDP socket connected to the target with
 * SO_DONTROUTE and SO_BINDTODEVICE (none for -D); then send_pack() at
 * once and every -i seconds until -c probes were sent or -w seconds
 * passed, and recv_pack()'s filters and lines on every ARP that comes in.
 * After a first answer probes go unicast to the answerer unless -b.
 * Exit status (finish()): -D: 1 when someone answered (the address is in
 * use); -U/-A: 0; otherwise 1 without an answer.
 * The time printed is iputils' own arithmetic, which adds 0.5 ms to the
 * real round trip (msecs rounded, then usecs - msecs * 1000 + 500).
 * Differences: IPv4 addresses only (no DNS); the broadcast address is
 * the device's (ff:ff:ff:ff:ff:ff on Ethernet); SIGINT/SIGQUIT/SIGTERM
 * end it with the summary, as the signalfd does.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog_common.h"
#include "linux/if_ether.h"
#include "linux/if_packet.h"
#include "linux/netdevice.h"
#include "net/arp.h"
#include "net/net_namespace.h"
#include "net/route.h"

#define ARPING_FINAL		2
#define ARPING_ARPHRD_ETHER	1

struct arping {
	struct prog_io io;
	struct sim_proc *p;
	char *device;			/* -I, or the route's */
	int ifindex;
	const char *source;
	__be32 gsrc, gdst;
	int count;			/* -c; -1: forever */
	int timeout;			/* -w, seconds; 0: none */
	int interval;			/* -i, seconds */
	int fd;
	struct sockaddr_ll me, he;
	sim_time_t start, last;
	bool last_set;
	int sent, brd_sent, received, brd_recv, req_recv;
	u64 total_expires;
	bool advert, broadcast_only, dad, quiet, quit_on_reply, unicasting, unsolicited;
	struct sim_event tick_ev;	/* the timerfd */
};

static void arping_error(struct arping *ap, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* glibc's error(): "arping: message[: strerror]" */
static void arping_error(struct arping *ap, int err, const char *fmt, ...)
{
	va_list args;
	char *msg;

	va_start(args, fmt);
	msg = g_strdup_vprintf(fmt, args);
	va_end(args);
	if (err)
		sim_proc_printf(ap->p, "arping: %s: %s\n", msg, strerror(err));
	else
		sim_proc_printf(ap->p, "arping: %s\n", msg);
	g_free(msg);
}

static void arping_exit(struct arping *ap, int status)
{
	sim_cancel(ap->io.w, &ap->tick_ev);
	prog_io_stop(&ap->io);
	sim_proc_exit(ap->p, status);
}

static void arping_hex(struct arping *ap, const u8 *p, int len)
{
	for (int i = 0; i < len; i++)
		sim_proc_printf(ap->p, "%02X%s", p[i], i != len - 1 ? ":" : "");
}

static int arping_send_pack(struct arping *ap)
{
	u8 buf[256];
	struct arphdr *ah = (struct arphdr *)buf;
	u8 *p = buf + sizeof(*ah);
	struct iovec iov;
	struct msghdr msg = { 0 };
	ssize_t err;

	ah->ar_hrd = htons(ap->me.sll_hatype);
	ah->ar_pro = htons(ETH_P_IP);
	ah->ar_hln = ap->me.sll_halen;
	ah->ar_pln = 4;
	ah->ar_op = htons(ap->advert ? ARPOP_REPLY : ARPOP_REQUEST);
	memcpy(p, ap->me.sll_addr, ah->ar_hln);
	p += ah->ar_hln;
	memcpy(p, &ap->gsrc, 4);
	p += 4;
	memcpy(p, ap->advert ? ap->me.sll_addr : ap->he.sll_addr, ah->ar_hln);
	p += ah->ar_hln;
	memcpy(p, &ap->gdst, 4);
	p += 4;
	iov.iov_base = buf;
	iov.iov_len = (size_t)(p - buf);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_name = &ap->he;
	msg.msg_namelen = sizeof(ap->he);
	err = ap->io.ops->sendmsg(ap->p->node, ap->p->pid, ap->fd, &msg, 0);
	if (err == p - buf) {
		ap->last = sim_now(ap->io.w);
		ap->last_set = true;
		ap->sent++;
		if (!ap->unicasting)
			ap->brd_sent++;
	}
	return (int)err;
}

static int arping_finish(struct arping *ap)
{
	if (!ap->quiet) {
		sim_proc_printf(ap->p, "Sent %d probes (%d broadcast(s))\n", ap->sent, ap->brd_sent);
		sim_proc_printf(ap->p, "Received %d response(s)", ap->received);
		if (ap->brd_recv || ap->req_recv) {
			sim_proc_printf(ap->p, " (");
			if (ap->req_recv)
				sim_proc_printf(ap->p, "%d request(s)", ap->req_recv);
			if (ap->brd_recv)
				sim_proc_printf(ap->p, "%s%d broadcast(s)", ap->req_recv ? ", " : "",
						ap->brd_recv);
			sim_proc_printf(ap->p, ")");
		}
		sim_proc_printf(ap->p, "\n");
	}
	if (ap->dad)
		return !!ap->received;
	if (ap->unsolicited)
		return 0;
	return !ap->received;
}

static void arping_done(struct arping *ap)
{
	arping_exit(ap, arping_finish(ap));
}

/* the " 0.528ms" of a reply, with iputils' arithmetic */
static void arping_print_time(struct arping *ap, sim_time_t now)
{
	long dsec = (long)(now / SIM_NSEC_PER_SEC - ap->last / SIM_NSEC_PER_SEC);
	long dnsec = (long)(now % SIM_NSEC_PER_SEC - ap->last % SIM_NSEC_PER_SEC);
	long usecs = dsec * 1000000 + (dnsec + 500) / 1000;
	long msecs = (usecs + 500) / 1000;

	usecs -= msecs * 1000 - 500;
	sim_proc_printf(ap->p, " %ld.%03ldms\n", msecs, usecs);
}

static int arping_recv_pack(struct arping *ap, const u8 *buf, ssize_t len,
			    const struct sockaddr_ll *from)
{
	const struct arphdr *ah = (const struct arphdr *)buf;
	const u8 *p = buf + sizeof(*ah);
	__be32 src_ip, dst_ip;

	if (len < (ssize_t)sizeof(*ah))
		return 0;
	if (from->sll_pkttype != PACKET_HOST && from->sll_pkttype != PACKET_BROADCAST &&
	    from->sll_pkttype != PACKET_MULTICAST)
		return 0;
	if (ah->ar_op != htons(ARPOP_REQUEST) && ah->ar_op != htons(ARPOP_REPLY))
		return 0;
	if (ah->ar_hrd != htons(from->sll_hatype))
		return 0;
	if (ah->ar_pro != htons(ETH_P_IP) || ah->ar_pln != 4 || ah->ar_hln != ap->me.sll_halen)
		return 0;
	if (len < (ssize_t)sizeof(*ah) + 2 * (4 + ah->ar_hln))
		return 0;
	memcpy(&src_ip, p + ah->ar_hln, 4);
	memcpy(&dst_ip, p + ah->ar_hln + 4 + ah->ar_hln, 4);
	if (!ap->dad) {
		if (src_ip != ap->gdst || ap->gsrc != dst_ip)
			return 0;
		if (memcmp(p + ah->ar_hln + 4, ap->me.sll_addr, ah->ar_hln))
			return 0;
	} else {
		/* someone else claims the tested address */
		if (src_ip != ap->gdst)
			return 0;
		if (!memcmp(p, ap->me.sll_addr, ap->me.sll_halen))
			return 0;
		if (ap->gsrc && ap->gsrc != dst_ip)
			return 0;
	}
	if (!ap->quiet) {
		char abuf[INET_ADDRSTRLEN];
		struct in_addr in = { .s_addr = src_ip };
		bool s_printed = false;

		sim_proc_printf(ap->p, "%s ", from->sll_pkttype == PACKET_HOST ? "Unicast" : "Broadcast");
		sim_proc_printf(ap->p, "%s from ", ah->ar_op == htons(ARPOP_REPLY) ? "reply" : "request");
		inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
		sim_proc_printf(ap->p, "%s [", abuf);
		arping_hex(ap, p, ah->ar_hln);
		sim_proc_printf(ap->p, "] ");
		if (dst_ip != ap->gsrc) {
			in.s_addr = dst_ip;
			inet_ntop(AF_INET, &in, abuf, sizeof(abuf));
			sim_proc_printf(ap->p, "for %s ", abuf);
			s_printed = true;
		}
		if (memcmp(p + ah->ar_hln + 4, ap->me.sll_addr, ah->ar_hln)) {
			if (!s_printed)
				sim_proc_printf(ap->p, "for ");
			sim_proc_printf(ap->p, "[");
			arping_hex(ap, p + ah->ar_hln + 4, ah->ar_hln);
			sim_proc_printf(ap->p, "]");
		}
		if (ap->last_set)
			arping_print_time(ap, sim_now(ap->io.w));
		else
			sim_proc_printf(ap->p, " UNSOLICITED?\n");
	}
	ap->received++;
	if (ap->timeout && ap->received == ap->count)
		return ARPING_FINAL;
	if (from->sll_pkttype != PACKET_HOST)
		ap->brd_recv++;
	if (ah->ar_op == htons(ARPOP_REQUEST))
		ap->req_recv++;
	if (ap->quit_on_reply || (ap->count == 0 && ap->received == ap->sent))
		return ARPING_FINAL;
	if (!ap->broadcast_only) {
		memcpy(ap->he.sll_addr, p, ap->me.sll_halen);
		ap->unicasting = true;
	}
	return 1;
}

static void arping_woken(struct prog_io *io, bool timedout)
{
	struct arping *ap = container_of(io, struct arping, io);

	for (;;) {
		struct sockaddr_ll from;
		struct iovec iov;
		struct msghdr msg = { 0 };
		u8 packet[4096];
		ssize_t s;

		memset(&from, 0, sizeof(from));
		iov.iov_base = packet;
		iov.iov_len = sizeof(packet);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
		s = io->ops->recvmsg(ap->p->node, ap->p->pid, ap->fd, &msg, MSG_DONTWAIT);
		if (s == -EAGAIN)
			break;
		if (s < 0) {
			arping_error(ap, (int)-s, "recvfrom");
			if (s == -ENETDOWN) {
				arping_exit(ap, 2 | arping_finish(ap));
				return;
			}
			continue;
		}
		if (arping_recv_pack(ap, packet, s, &from) == ARPING_FINAL) {
			arping_done(ap);
			return;
		}
	}
	if (timedout) {
		/* -w: the deadline */
		arping_done(ap);
		return;
	}
	prog_io_wait(io, &ap->fd, 1,
		     ap->timeout ? ap->start + (sim_time_t)ap->timeout * SIM_NSEC_PER_SEC : 0);
}

/* the timerfd: every -i seconds, one more probe or the end */
static void arping_tick(struct world *w, struct sim_event *ev)
{
	struct arping *ap = container_of(ev, struct arping, tick_ev);

	ap->total_expires++;
	if (ap->count > 0 && (u64)ap->count < ap->total_expires) {
		arping_done(ap);
		return;
	}
	arping_send_pack(ap);
	sim_schedule(w, &ap->tick_ev, sim_now(w) + (sim_time_t)ap->interval * SIM_NSEC_PER_SEC);
}

static void arping_signal(struct sim_proc *p, int sig)
{
	struct arping *ap = p->priv;

	if (ap && ap->fd >= 0 && (sig == SIGINT || sig == SIGQUIT || sig == SIGTERM)) {
		arping_done(ap);
		return;
	}
	sim_proc_default_signal(p, sig);
}

/* ---- setup (main) ---------------------------------------------------------------- */

static void arping_usage(struct arping *ap)
{
	sim_proc_printf(ap->p,
		"\nUsage:\n"
		"  arping [options] <destination>\n"
		"\nOptions:\n"
		"  -f            quit on first reply\n"
		"  -q            be quiet\n"
		"  -b            keep on broadcasting, do not unicast\n"
		"  -D            duplicate address detection mode\n"
		"  -U            unsolicited ARP mode, update your neighbours\n"
		"  -A            ARP answer mode, update your neighbours\n"
		"  -V            print version and exit\n"
		"  -c <count>    how many packets to send\n"
		"  -w <timeout>  how long to wait for a reply\n"
		"  -i <interval> set interval between packets (default: 1 second)\n"
		"  -I <device>   which ethernet device to use\n"
		"  -s <source>   source ip address\n"
		"  <destination> dns name or ip address\n"
		"\nFor more details see arping(8).\n");
}

/* strtol_or_err() of iputils: the whole word, within [min, INT_MAX] */
static bool arping_number(struct arping *ap, const char *arg, long min, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno == ERANGE || end == arg || *end) {
		arping_error(ap, errno == ERANGE ? ERANGE : EINVAL, "invalid argument: '%s'", arg);
		return false;
	}
	if (v < min || v > INT_MAX) {
		arping_error(ap, 0, "invalid argument: '%s': out of range: %ld <= value <= %d", arg,
			     min, INT_MAX);
		return false;
	}
	*out = (int)v;
	return true;
}

static int arping_parse(struct arping *ap, int argc, char **argv)
{
	struct prog_getopt g = { 0 };
	int ch;

	while ((ch = prog_getopt(&g, argc, argv, "h?bfDUAqc:w:i:s:I:V")) != -1) {
		switch (ch) {
		case 'b': ap->broadcast_only = true; break;
		case 'D': ap->dad = ap->quit_on_reply = true; break;
		case 'U': ap->unsolicited = true; break;
		case 'A': ap->advert = ap->unsolicited = true; break;
		case 'q': ap->quiet = true; break;
		case 'f': ap->quit_on_reply = true; break;
		case 'c':
			if (!arping_number(ap, g.optarg, 1, &ap->count))
				return 1;
			break;
		case 'w':
			if (!arping_number(ap, g.optarg, 0, &ap->timeout))
				return 1;
			break;
		case 'i':
			if (!arping_number(ap, g.optarg, 0, &ap->interval))
				return 1;
			break;
		case 'I':
			g_free(ap->device);
			ap->device = g_strdup(g.optarg);
			break;
		case 's':
			ap->source = g.optarg;
			break;
		case 'V':
			sim_proc_printf(ap->p, "arping from iputils 20221126\n");
			return -1;
		default:
			if (ch == '?' && g.optopt != '?') {
				if (strchr("cwisI", g.optopt))
					sim_proc_printf(ap->p, "arping: option requires an argument -- '%c'\n",
							g.optopt);
				else
					sim_proc_printf(ap->p, "arping: invalid option -- '%c'\n", g.optopt);
			}
			arping_usage(ap);
			return 2;
		}
	}
	if (argc - g.optind != 1) {
		arping_usage(ap);
		return 2;
	}
	if (!prog_parse_ipv4(argv[g.optind], &ap->gdst)) {
		arping_error(ap, 0, "%s: Name or service not known", argv[g.optind]);
		return 2;
	}
	return 0;
}

/* guess_device(): the device of the route to the target */
static int arping_guess_device(struct arping *ap, struct net *net)
{
	struct flowi4 fl4 = { 0 };
	struct rtable *rt;
	int err = 0;

	fl4.daddr = ap->gdst;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		arping_error(ap, 0, "NETLINK_ROUTE unexpected iov element");
		return 1;
	}
	ap->device = g_strdup(rt->dst.dev->name);
	ip_rt_put(rt);
	return 0;
}

/* check_device() for the named device */
static int arping_check_device(struct arping *ap, struct net *net)
{
	struct net_device *dev = __dev_get_by_name(net, ap->device);

	if (!dev) {
		arping_error(ap, 0, "Device %s not available.", ap->device);
		return 2;
	}
	if (!(dev->flags & IFF_UP)) {
		if (!ap->quiet)
			sim_proc_printf(ap->p, "Interface \"%s\" is down\n", ap->device);
		return 2;
	}
	if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		if (!ap->quiet)
			sim_proc_printf(ap->p, "Interface \"%s\" is not ARPable\n", ap->device);
		return ap->dad ? -1 : 2;	/* -1: exit 0 */
	}
	ap->ifindex = dev->ifindex;
	return 0;
}

/* the source address: -s, or what a UDP socket connected to the target gets */
static int arping_source(struct arping *ap)
{
	struct sockaddr_in saddr;
	int probe_fd, err;

	probe_fd = prog_socket(&ap->io, AF_INET, SOCK_DGRAM, 0);
	if (probe_fd < 0) {
		arping_error(ap, -probe_fd, "socket");
		return 2;
	}
	err = ap->io.ops->setsockopt(ap->p->node, ap->p->pid, probe_fd, SOL_SOCKET, SO_BINDTODEVICE,
				     ap->device, (socklen_t)strlen(ap->device) + 1);
	if (err < 0)
		arping_error(ap, -err, "WARNING: interface is ignored");
	if (ap->source || ap->gsrc) {
		err = prog_bind_in(&ap->io, probe_fd, ap->gsrc, 0);
		if (err < 0) {
			arping_error(ap, -err, "bind");
			return 2;
		}
	} else if (!ap->dad) {
		prog_setsockopt_int(&ap->io, probe_fd, SOL_SOCKET, SO_DONTROUTE, 1);
		err = prog_connect_in(&ap->io, probe_fd, ap->gdst, 1025);
		if (err < 0) {
			arping_error(ap, -err, "connect");
			return 2;
		}
		err = prog_getsockname_in(&ap->io, probe_fd, &saddr);
		if (err < 0) {
			arping_error(ap, -err, "getsockname");
			return 2;
		}
		ap->gsrc = saddr.sin_addr.s_addr;
	}
	ap->io.ops->close(ap->p->node, ap->p->pid, probe_fd);
	return 0;
}

static int arping_setup(struct arping *ap)
{
	struct net *net = node_net(ap->p->node);
	socklen_t alen = sizeof(ap->me);
	char dbuf[INET_ADDRSTRLEN], sbuf[INET_ADDRSTRLEN];
	struct in_addr in;
	int err;

	ap->fd = prog_socket(&ap->io, AF_PACKET, SOCK_DGRAM, 0);
	if (ap->fd < 0) {
		arping_error(ap, -ap->fd, "socket");
		return 2;
	}
	if (ap->device && !*ap->device) {
		g_free(ap->device);
		ap->device = NULL;
	}
	if (!ap->device && arping_guess_device(ap, net))
		return 1;
	err = arping_check_device(ap, net);
	if (err)
		return err;
	if (ap->source && !prog_parse_ipv4(ap->source, &ap->gsrc)) {
		arping_error(ap, 0, "invalid source %s", ap->source);
		return 2;
	}
	if (!ap->dad && ap->unsolicited && !ap->source)
		ap->gsrc = ap->gdst;
	if ((!ap->dad || ap->source) && (err = arping_source(ap)))
		return err;
	memset(&ap->me, 0, sizeof(ap->me));
	ap->me.sll_family = AF_PACKET;
	ap->me.sll_ifindex = ap->ifindex;
	ap->me.sll_protocol = htons(ETH_P_ARP);
	err = ap->io.ops->bind(ap->p->node, ap->p->pid, ap->fd, (struct sockaddr *)&ap->me,
			       sizeof(ap->me));
	if (err < 0) {
		arping_error(ap, -err, "bind");
		return 2;
	}
	err = ap->io.ops->getsockname(ap->p->node, ap->p->pid, ap->fd, (struct sockaddr *)&ap->me,
				      &alen);
	if (err < 0) {
		arping_error(ap, -err, "getsockname");
		return 2;
	}
	if (!ap->me.sll_halen) {
		if (!ap->quiet)
			sim_proc_printf(ap->p, "Interface \"%s\" is not ARPable (no ll address)\n",
					ap->device);
		return ap->dad ? -1 : 2;
	}
	ap->he = ap->me;
	memset(ap->he.sll_addr, 0xff, ap->he.sll_halen);	/* the device's broadcast */
	if (!ap->quiet) {
		in.s_addr = ap->gdst;
		inet_ntop(AF_INET, &in, dbuf, sizeof(dbuf));
		in.s_addr = ap->gsrc;
		inet_ntop(AF_INET, &in, sbuf, sizeof(sbuf));
		sim_proc_printf(ap->p, "ARPING %s from %s %s\n", dbuf, sbuf, ap->device);
	}
	if (!ap->source && !ap->gsrc && !ap->dad) {
		arping_error(ap, 0, "no source address in not-DAD mode");
		return 2;
	}
	return 0;
}

static int arping_start(struct sim_proc *p, int argc, char **argv)
{
	struct arping *ap = g_new0(struct arping, 1);
	int ret;

	p->priv = ap;
	ap->p = p;
	ap->fd = -1;
	ap->count = -1;
	ap->interval = 1;
	ap->total_expires = 1;
	prog_io_init(&ap->io, p, arping_woken);
	sim_event_init(&ap->tick_ev, arping_tick);
	ret = arping_parse(ap, argc, argv);
	if (!ret)
		ret = arping_setup(ap);
	if (ret) {
		ap->fd = -1;
		arping_exit(ap, ret < 0 ? 0 : ret);
		return 0;
	}
	ap->start = sim_now(ap->io.w);
	arping_send_pack(ap);
	if (ap->interval)
		sim_schedule(ap->io.w, &ap->tick_ev,
			     ap->start + (sim_time_t)ap->interval * SIM_NSEC_PER_SEC);
	prog_io_wait(&ap->io, &ap->fd, 1,
		     ap->timeout ? ap->start + (sim_time_t)ap->timeout * SIM_NSEC_PER_SEC : 0);
	return 0;
}

static void arping_stop(struct sim_proc *p)
{
	struct arping *ap = p->priv;

	if (ap) {
		sim_cancel(ap->io.w, &ap->tick_ev);
		prog_io_stop(&ap->io);
	}
}

static void arping_release(struct sim_proc *p)
{
	struct arping *ap = p->priv;

	if (!ap)
		return;
	arping_stop(p);
	g_free(ap->device);
	g_free(ap);
	p->priv = NULL;
}

const struct sim_program arping_program = {
	.name = "arping",
	.start = arping_start,
	.signal = arping_signal,
	.stop = arping_stop,
	.release = arping_release,
};
