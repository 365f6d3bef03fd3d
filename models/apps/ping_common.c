/*
 * models/apps/ping_common.c - ping's protocol-independent part
 *
 * User space, no kernel counterpart: iputils' ping/ping_common.c.
 * pinger() sends what is due under its token bucket (-i, -l); main_loop()
 * sleeps in recvmsg() with SO_RCVTIMEO, in poll(), or spins, as iputils
 * does, and here each sleep is an event: SO_RCVTIMEO is a timer on the
 * wheel (schedule_timeout), poll()'s hrtimer ends with its slack
 * (max(50 us, timeout / 1000), as on an idle CPU), a spin ends when
 * pinger() finds the next probe due; a reply, an error or a signal wakes
 * it at once.  gather_statistics() and finish() print as iputils does.
 *
 * The clocks ping reads (CLOCK_MONOTONIC_RAW, gettimeofday) are the
 * simulated time since the start of the run.  iputils takes
 * cur_time.tv_sec == 0 as "no probe sent yet", which holds on any booted
 * machine; here a flag says so, since a run may start its ping before 1 s.
 * Difference: with -i 0 and replies that take no simulated time, a probe
 * due at the instant of the previous ones waits 1 us, so time can pass.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ping.h"
#include "linux/ip.h"

/* ---- output helpers ----------------------------------------------------- */

void ping_error(struct ping *pg, int errnum, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (errnum)
		sim_proc_printf(pg->p, "%s: %s: %s\n", pg->prog, msg, strerror(errnum));
	else
		sim_proc_printf(pg->p, "%s: %s\n", pg->prog, msg);
	g_free(msg);
}

static const char ping_usage_text[] =
	"\nUsage\n"
	"  ping [options] <destination>\n"
	"\nOptions:\n"
	"  <destination>      dns name or ip address\n"
	"  -a                 use audible ping\n"
	"  -A                 use adaptive ping\n"
	"  -B                 sticky source address\n"
	"  -c <count>         stop after <count> replies\n"
	"  -C                 call connect() syscall on socket creation\n"
	"  -D                 print timestamps\n"
	"  -d                 use SO_DEBUG socket option\n"
	"  -e <identifier>    define identifier for ping session, default is random for\n"
	"                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
	"                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
	"  -f                 flood ping\n"
	"  -h                 print help and exit\n"
	"  -I <interface>     either interface name or address\n"
	"  -i <interval>      seconds between sending each packet\n"
	"  -L                 suppress loopback of multicast packets\n"
	"  -l <preload>       send <preload> number of packages while waiting replies\n"
	"  -m <mark>          tag the packets going out\n"
	"  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
	"  -n                 no dns name resolution\n"
	"  -O                 report outstanding replies\n"
	"  -p <pattern>       contents of padding byte\n"
	"  -q                 quiet output\n"
	"  -Q <tclass>        use quality of service <tclass> bits\n"
	"  -s <size>          use <size> as number of data bytes to be sent\n"
	"  -S <size>          use <size> as SO_SNDBUF socket option value\n"
	"  -t <ttl>           define time to live\n"
	"  -U                 print user-to-user latency\n"
	"  -v                 verbose output\n"
	"  -V                 print version and exit\n"
	"  -w <deadline>      reply wait <deadline> in seconds\n"
	"  -W <timeout>       time to wait for response\n"
	"\nIPv4 options:\n"
	"  -4                 use IPv4\n"
	"  -b                 allow pinging broadcast\n"
	"  -R                 record route\n"
	"  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
	"\nIPv6 options:\n"
	"  -6                 use IPv6\n"
	"  -F <flowlabel>     define flow label, default is random\n"
	"  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
	"\nFor more details see ping(8).\n";

int ping_usage(struct ping *pg)
{
	sim_proc_printf(pg->p, "%s", ping_usage_text);
	return 2;
}

char *ping_ntoa(__be32 a, char buf[INET_ADDRSTRLEN])
{
	struct in_addr in = { .s_addr = a };

	return (char *)inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/* ping_print_timestamp(): -D, gettimeofday() being the simulated clock */
void ping_print_timestamp(struct ping *pg)
{
	sim_time_t now = sim_now(pg->w);

	if (pg->opt_ptimeofday)
		sim_proc_printf(pg->p, "[%lu.%06lu] ", (unsigned long)(now / SIM_NSEC_PER_SEC),
				(unsigned long)(now % SIM_NSEC_PER_SEC / SIM_NSEC_PER_USEC));
}

/*
 * Milliseconds from @from to @to as pinger() computes them from two
 * timespecs: whole seconds times 1000 plus the nanosecond difference
 * divided with C's truncation toward zero.
 */
static long ping_ms_between(sim_time_t from, sim_time_t to)
{
	long long dsec = to / SIM_NSEC_PER_SEC - from / SIM_NSEC_PER_SEC;
	long long dnsec = to % SIM_NSEC_PER_SEC - from % SIM_NSEC_PER_SEC;

	return (long)(dsec * 1000 + dnsec / 1000000);
}

/* fill(): -p's pattern over the data, timestamp area included */
int ping_fill(struct ping *pg, const char *patp)
{
	unsigned int pat[16];
	u8 *bp = pg->outpack + 8;
	int ii;

	for (const char *cp = patp; *cp; cp++) {
		if (!g_ascii_isxdigit(*cp)) {
			ping_error(pg, 0, "patterns must be specified as hex digits: %s", cp);
			return 2;
		}
	}
	ii = sscanf(patp, "%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x%2x",
		    &pat[0], &pat[1], &pat[2], &pat[3], &pat[4], &pat[5], &pat[6], &pat[7],
		    &pat[8], &pat[9], &pat[10], &pat[11], &pat[12], &pat[13], &pat[14], &pat[15]);
	if (ii > 0) {
		size_t size = pg->outpack_len - 28;	/* the packet size iputils passes */
		size_t max = size < (size_t)ii + 8 ? 0 : size - (size_t)ii + 8;

		for (size_t kk = 0; kk <= max; kk += (size_t)ii)
			for (int jj = 0; jj < ii; ++jj)
				bp[jj + kk] = (u8)pat[jj];
	}
	if (!pg->opt_quiet) {
		sim_proc_printf(pg->p, "PATTERN: 0x");
		for (int jj = 0; jj < ii; ++jj)
			sim_proc_printf(pg->p, "%02x", bp[jj] & 0xFF);
		sim_proc_printf(pg->p, "\n");
	}
	return 0;
}

/* the struct timeval in an echo, little-endian as on x86_64 */
static s64 get_le64(const u8 *p)
{
	u64 v = 0;

	for (int i = 0; i < 8; i++)
		v |= (u64)p[i] << (8 * i);
	return (s64)v;
}

/* ---- gather_statistics ------------------------------------------------------ */

static void print_triptime(struct ping *pg, long triptime)
{
	if (triptime >= 100000 - 50)
		sim_proc_printf(pg->p, " time=%ld ms", (triptime + 500) / 1000);
	else if (triptime >= 10000 - 5)
		sim_proc_printf(pg->p, " time=%ld.%01ld ms", (triptime + 50) / 1000,
				((triptime + 50) % 1000) / 100);
	else if (triptime >= 1000)
		sim_proc_printf(pg->p, " time=%ld.%02ld ms", (triptime + 5) / 1000,
				((triptime + 5) % 1000) / 10);
	else
		sim_proc_printf(pg->p, " time=%ld.%03ld ms", triptime / 1000, triptime % 1000);
}

int ping_gather_statistics(struct ping *pg, const u8 *icmph, int cc, u16 seq, int hops,
			     sim_time_t recv_time, __be32 from, int wrong_source)
{
	const u8 *ptr = icmph + 8;
	char buf[INET_ADDRSTRLEN];
	long triptime = 0;
	int dupflag;

	++pg->nreceived;
	acknowledge(pg, seq);
	if (pg->timing && cc >= 8 + TIMEVAL_LEN) {
		s64 rsec, rusec, ssec = get_le64(ptr), susec = get_le64(ptr + 8);

		ping_timeval(recv_time, &rsec, &rusec);
		for (;;) {
			/* tvsub */
			if ((rusec -= susec) < 0) {
				--rsec;
				rusec += 1000000;
			}
			rsec -= ssec;
			triptime = (long)(rsec * 1000000 + rusec);
			if (triptime >= 0)
				break;
			ping_error(pg, 0, "Warning: time of day goes back (%ldus), taking countermeasures",
				   triptime);
			triptime = 0;
			if (pg->opt_latency)
				break;
			ping_timeval(sim_now(pg->w), &rsec, &rusec);
			pg->opt_latency = true;
		}
		pg->tsum += (double)triptime;
		pg->tsum2 += (double)((long long)triptime * (long long)triptime);
		if (triptime < pg->tmin)
			pg->tmin = triptime;
		if (triptime > pg->tmax)
			pg->tmax = triptime;
		if (!pg->rtt)
			pg->rtt = (int)(triptime * 8);
		else
			pg->rtt += (int)(triptime - pg->rtt / 8);
	}
	if (rcvd_test(pg, seq)) {
		++pg->nrepeats;
		--pg->nreceived;
		dupflag = 1;
	} else {
		rcvd_set(pg, seq);
		dupflag = 0;
	}
	if (pg->opt_quiet)
		return 1;

	ping_print_timestamp(pg);
	sim_proc_printf(pg->p, "%d bytes from %s:", cc, ping_ntoa(from, buf));
	sim_proc_printf(pg->p, " icmp_seq=%u", seq);
	if (hops >= 0)
		sim_proc_printf(pg->p, " ttl=%d", hops);
	if ((size_t)cc < pg->datalen + 8) {
		sim_proc_printf(pg->p, " (truncated)\n");
		return 1;
	}
	if (pg->timing)
		print_triptime(pg, triptime);
	if (dupflag && (!pg->multicast))
		sim_proc_printf(pg->p, " (DUP!)");
	if (wrong_source)
		sim_proc_printf(pg->p, " (DIFFERENT ADDRESS!)");

	/* check the data after the timestamp */
	for (size_t i = TIMEVAL_LEN; i < pg->datalen && 8 + i < pg->outpack_len; ++i) {
		u8 got = (int)(8 + i) < cc ? icmph[8 + i] : 0;

		if (got != pg->outpack[8 + i]) {
			sim_proc_printf(pg->p, "\nwrong data byte #%zu should be 0x%x but was 0x%x",
					i, pg->outpack[8 + i], got);
			for (i = TIMEVAL_LEN; i < pg->datalen && (int)(8 + i) < cc; ++i) {
				if ((i % 32) == TIMEVAL_LEN)
					sim_proc_printf(pg->p, "\n#%zu\t", i);
				sim_proc_printf(pg->p, "%x ", icmph[8 + i]);
			}
			break;
		}
	}
	return 0;
}

/* ---- finish, status --------------------------------------------------------- */

static long llsqrt(long long a)
{
	long long prev = LLONG_MAX;
	long long x = a;

	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + (a / x)) / 2;
		}
	}
	return (long)x;
}

/* finish(): the statistics; returns the exit status */
static int ping_finish_stats(struct ping *pg)
{
	sim_time_t tv = pg->cur_time - pg->start_time;
	long long tv_sec = tv / SIM_NSEC_PER_SEC, tv_nsec = tv % SIM_NSEC_PER_SEC;
	const char *comma = "";

	sim_proc_printf(pg->p, "\n");
	sim_proc_printf(pg->p, "--- %s ping statistics ---\n", pg->hostname);
	sim_proc_printf(pg->p, "%ld packets transmitted, ", pg->ntransmitted);
	sim_proc_printf(pg->p, "%ld received", pg->nreceived);
	if (pg->nrepeats)
		sim_proc_printf(pg->p, ", +%ld duplicates", pg->nrepeats);
	if (pg->nchecksum)
		sim_proc_printf(pg->p, ", +%ld corrupted", pg->nchecksum);
	if (pg->nerrors)
		sim_proc_printf(pg->p, ", +%ld errors", pg->nerrors);
	if (pg->ntransmitted) {
		float loss = (float)((((long long)(pg->ntransmitted - pg->nreceived)) * 100.0) /
				     (double)pg->ntransmitted);

		sim_proc_printf(pg->p, ", %g%% packet loss", (double)loss);
		sim_proc_printf(pg->p, ", time %lldms",
				1000 * tv_sec + (tv_nsec + 500000) / 1000000);
	}
	sim_proc_printf(pg->p, "\n");

	if (pg->nreceived && pg->timing) {
		long total = pg->nreceived + pg->nrepeats;
		long tmavg = (long)(pg->tsum / (double)total);
		long long tmvar;
		double tmdev;

		if (pg->tsum < INT_MAX)
			tmvar = (long long)((pg->tsum2 - ((pg->tsum * pg->tsum) / (double)total)) /
					    (double)total);
		else
			tmvar = (long long)((pg->tsum2 / (double)total) - (double)(tmavg * tmavg));
		tmdev = (double)llsqrt(tmvar);
		sim_proc_printf(pg->p, "rtt min/avg/max/mdev = %ld.%03ld/%lu.%03ld/%ld.%03ld/%ld.%03ld ms",
				pg->tmin / 1000, pg->tmin % 1000, (unsigned long)(tmavg / 1000),
				tmavg % 1000, pg->tmax / 1000, pg->tmax % 1000,
				(long)tmdev / 1000, (long)tmdev % 1000);
		comma = ", ";
	}
	if (pg->pipesize > 1) {
		sim_proc_printf(pg->p, "%spipe %d", comma, pg->pipesize);
		comma = ", ";
	}
	if (pg->nreceived && !pg->interval && pg->ntransmitted > 1) {
		int ipg = (int)((1000000 * tv_sec + tv_nsec / 1000) / (pg->ntransmitted - 1));

		sim_proc_printf(pg->p, "%sipg/ewma %d.%03d/%d.%03d ms", comma, ipg / 1000, ipg % 1000,
				pg->rtt / 8000, (pg->rtt / 8) % 1000);
	}
	sim_proc_printf(pg->p, "\n");
	return !pg->nreceived || (pg->deadline && pg->nreceived < pg->npackets);
}

/* status(): SIGQUIT's one-line summary (stderr; no '\r' here) */
static void ping_status(struct ping *pg)
{
	int loss = 0;

	pg->status_snapshot = false;
	if (pg->ntransmitted)
		loss = (int)((((long long)(pg->ntransmitted - pg->nreceived)) * 100) /
			     pg->ntransmitted);
	sim_proc_printf(pg->p, "%ld/%ld packets, %d%% loss", pg->nreceived, pg->ntransmitted, loss);
	if (pg->nreceived && pg->timing) {
		long tavg = (long)(pg->tsum / (double)(pg->nreceived + pg->nrepeats));

		sim_proc_printf(pg->p, ", min/avg/ewma/max = %ld.%03ld/%lu.%03ld/%d.%03d/%ld.%03ld ms",
				pg->tmin / 1000, pg->tmin % 1000, (unsigned long)(tavg / 1000),
				tavg % 1000, pg->rtt / 8000, (pg->rtt / 8) % 1000,
				pg->tmax / 1000, pg->tmax % 1000);
	}
	sim_proc_printf(pg->p, "\n");
}

/* ---- pinger, schedule_exit ---------------------------------------------- */

/*
 * pinger - send the probe that is due
 *
 * Return: ms until the next one is due (<= 0: send again now).
 */
static int pinger(struct ping *pg)
{
	sim_time_t now = sim_now(pg->w);
	int i, err, r, errno_after;

	if (pg->exiting || (pg->npackets && pg->ntransmitted >= pg->npackets && !pg->deadline))
		return 1000;

	/* packets < rate * time + preload */
	if (!pg->cur_time_set) {
		pg->cur_time = now;
		pg->cur_time_set = true;
		pg->tokens = pg->interval * (pg->preload - 1);
	} else {
		long ntokens = ping_ms_between(pg->cur_time, now), tmp;

		if (!pg->interval) {
			/* unlimited flood: 100 pps without replies */
			if (ntokens < MININTERVAL && in_flight(pg) >= pg->preload)
				return (int)(MININTERVAL - ntokens);
		}
		ntokens += pg->tokens;
		tmp = (long)pg->interval * (long)pg->preload;
		if (tmp < ntokens)
			ntokens = tmp;
		if (ntokens < pg->interval)
			return (int)(pg->interval - ntokens);
		pg->cur_time = now;
		pg->tokens = (int)(ntokens - pg->interval);
	}

	if (pg->opt_outstanding && pg->ntransmitted > 0 &&
	    !rcvd_test(pg, (u16)pg->ntransmitted)) {
		ping_print_timestamp(pg);
		sim_proc_printf(pg->p, "no answer yet for icmp_seq=%lu\n",
				(unsigned long)(pg->ntransmitted % MAX_DUP_CHK));
	}

resend:
	err = -ping4_send_probe(pg);
	if (err == 0) {
		pg->oom_count = 0;
		advance_ntransmitted(pg);
		if (pg->last_send != now)
			pg->sends_now = 0;
		pg->last_send = now;
		pg->sends_now++;
		return pg->interval - pg->tokens;
	}

	i = -1;
	if (err == ENOBUFS || err == ENOMEM) {
		int nores_interval;

		/* device queue overflow or OOM: the packet is not sent */
		pg->tokens = 0;
		pg->rtt_addend += (pg->rtt < 8 * 50000 ? pg->rtt / 8 : 50000);
		nores_interval = SCHINT(pg->interval / 2);
		if (nores_interval > 500)
			nores_interval = 500;
		pg->oom_count++;
		if (pg->oom_count * nores_interval < pg->lingertime)
			return nores_interval;
		i = 0;		/* a hard error, so a stuck device does not stall us */
	} else if (err == EAGAIN) {
		pg->tokens += pg->interval;
		return MININTERVAL;
	} else {
		r = ping4_receive_error_msg(pg, err, &errno_after);
		if (r > 0) {
			/* an ICMP error arrived as well: a hard local error */
			i = 0;
		} else {
			i = r;
			if (!errno_after)
				goto resend;
		}
	}

	/* hard local error: pretend we sent the packet */
	advance_ntransmitted(pg);
	if (i == 0 && !pg->opt_quiet)
		ping_error(pg, err, "sendmsg");
	pg->tokens = 0;
	return SCHINT(pg->interval);
}

static void ping_alarm_at(struct ping *pg, sim_time_t t)
{
	sim_cancel(pg->w, &pg->alarm_ev);
	sim_schedule(pg->w, &pg->alarm_ev, t);
}

/* __schedule_exit: after the last probe, wait 2 * max rtt (>= interval) or -W */
static int __schedule_exit(struct ping *pg, int next)
{
	if (pg->waittime)
		return next;
	if (pg->nreceived) {
		pg->waittime = 2 * (unsigned long)pg->tmax;
		if (pg->waittime < 1000 * (unsigned long)pg->interval)
			pg->waittime = 1000 * (unsigned long)pg->interval;
	} else {
		pg->waittime = (unsigned long)pg->lingertime * 1000;
	}
	if (next < 0 || (unsigned long)next < pg->waittime / 1000)
		next = (int)(pg->waittime / 1000);
	/* setitimer(ITIMER_REAL): a zero value disarms */
	sim_cancel(pg->w, &pg->alarm_ev);
	if (pg->waittime)
		ping_alarm_at(pg, sim_now(pg->w) + (sim_time_t)pg->waittime * SIM_NSEC_PER_USEC);
	return next;
}

static int schedule_exit(struct ping *pg, int next)
{
	if (pg->npackets && pg->ntransmitted >= pg->npackets && !pg->deadline)
		next = __schedule_exit(pg, next);
	return next;
}

/*
 * The first time at which pinger() finds the next probe due, spinning:
 * ping_ms_between(cur_time, t) + tokens >= interval.  That count floors
 * the elapsed milliseconds when t's nanoseconds-of-second are past
 * cur_time's and rounds them up otherwise.
 */
static sim_time_t ping_due_time(const struct ping *pg)
{
	sim_time_t now = sim_now(pg->w), cur = pg->cur_time;
	long k = (long)pg->interval - pg->tokens;
	sim_time_t t_a, t_b, l, n = cur % SIM_NSEC_PER_SEC;

	if (!pg->cur_time_set || k <= 0)
		return now;
	t_a = cur + (sim_time_t)k * SIM_NSEC_PER_MSEC;
	if (t_a < now)
		t_a = now;
	if (n == 0)
		return t_a;
	l = cur + (sim_time_t)(k - 1) * SIM_NSEC_PER_MSEC + 1;
	if (l < now)
		l = now;
	t_b = l % SIM_NSEC_PER_SEC < n ? l : (l / SIM_NSEC_PER_SEC + 1) * SIM_NSEC_PER_SEC;
	return t_b < t_a ? t_b : t_a;
}

/* ---- main_loop ------------------------------------------------------------ */

void ping_exit(struct ping *pg, int status)
{
	pg->wait = PING_DONE;
	sim_proc_exit(pg->p, status);
}

/* a blocking recvmsg(): schedule_timeout(SO_RCVTIMEO), which setup() set to the interval */
static void ping_block_recv(struct ping *pg)
{
	int ms = SCHINT(pg->interval);
	unsigned long hz = pg->w->hz, usec_per_jiffy = 1000000 / hz;
	/* sock_set_timeout: tv_sec * HZ + DIV_ROUND_UP(tv_usec, USEC_PER_SEC / HZ) */
	unsigned long timeo = (unsigned long)(ms / 1000) * hz +
			      ((unsigned long)(ms % 1000) * 1000 + usec_per_jiffy - 1) / usec_per_jiffy;

	pg->wait = PING_IN_RECV;
	mod_timer(&pg->rcvtimeo, sim_jiffies(pg->w) + timeo);
}

/* poll(fd, next): an hrtimer ending with its slack, as on an idle CPU */
static void ping_block_poll(struct ping *pg, int next)
{
	sim_time_t timeout = (sim_time_t)next * SIM_NSEC_PER_MSEC;
	sim_time_t slack = timeout / 1000;

	if (slack > MAX_SLACK_NS)
		slack = MAX_SLACK_NS;
	if (slack < TIMER_SLACK_NS)
		slack = TIMER_SLACK_NS;
	pg->wait = PING_IN_POLL;
	sim_schedule(pg->w, &pg->poll_ev, sim_now(pg->w) + timeout + slack);
}

static void ping_block_spin(struct ping *pg, sim_time_t until)
{
	pg->wait = PING_SPINNING;
	sim_schedule(pg->w, &pg->spin_ev, until);
}

/*
 * The inner loop of main_loop: read while replies are in flight.  @wake_err
 * is the result of a blocking recvmsg that slept (EAGAIN at SO_RCVTIMEO,
 * EINTR for a signal) or 0.  Returns true if it went to sleep.
 */
static bool ping_recv_loop(struct ping *pg, int wake_err)
{
	for (;;) {
		struct ping_pkt *pkt = NULL;
		int err, errno_after;

		if (wake_err) {
			err = wake_err;
			wake_err = 0;
		} else {
			err = ping_recvmsg(pg, &pkt);
			if (err == EAGAIN && !pg->polling) {
				ping_block_recv(pg);
				return true;
			}
		}
		pg->polling = 1;	/* MSG_DONTWAIT from now on */
		if (err) {
			if ((err == EAGAIN && !pg->recv_error) || err == EINTR)
				break;
			pg->recv_error = 0;
			if (!ping4_receive_error_msg(pg, err, &errno_after) && errno_after) {
				ping_error(pg, errno_after, "recvmsg");
				break;
			}
		} else {
			int packlen = (int)(pg->datalen + MAXIPLEN + MAXICMPLEN);
			int cc = (int)pkt->len;

			ping4_parse_reply(pg, pkt, cc < packlen ? cc : packlen);
			g_free(pkt);
		}
		if (in_flight(pg) == 0)
			break;
	}
	return false;
}

/* main_loop from the top of its outer loop until it sleeps or ends */
void ping_main_loop(struct ping *pg)
{
	pg->wait = PING_RUNNING;
	for (;;) {
		int next, recv_expected;

		if (pg->exiting)
			break;
		if (pg->npackets && pg->nreceived + pg->nerrors >= pg->npackets)
			break;
		if (pg->deadline && pg->nerrors)
			break;
		if (pg->status_snapshot)
			ping_status(pg);

		/* -i 0 with replies in no time: let 1 us pass (see above) */
		if (!pg->interval && pg->last_send == sim_now(pg->w) &&
		    pg->sends_now >= pg->preload && !ping_readable(pg) && !pg->sk_err) {
			ping_block_spin(pg, sim_now(pg->w) + SIM_NSEC_PER_USEC);
			return;
		}
		do {
			next = pinger(pg);
			next = schedule_exit(pg, next);
		} while (next <= 0);

		pg->polling = 0;
		pg->recv_error = 0;
		if (next < SCHINT(pg->interval)) {
			recv_expected = in_flight(pg);
			if (next <= 1000 / USER_HZ) {
				if (recv_expected) {
					next = MININTERVAL;
				} else {
					/* spin until pinger is due, reading without waiting */
					if (!ping_readable(pg) && !pg->sk_err) {
						ping_block_spin(pg, ping_due_time(pg));
						return;
					}
					next = 0;
					pg->polling = 1;
				}
			}
			if (!pg->polling && pg->interval) {
				if (!ping_readable(pg) && !ping_has_error(pg)) {
					ping_block_poll(pg, next);
					return;
				}
				pg->polling = 1;
				pg->recv_error = ping_has_error(pg);
			}
		}
		if (ping_recv_loop(pg, 0))
			return;
	}
	ping_exit(pg, ping_finish_stats(pg));
}

/* A reply, an error or a signal for a sleeping main_loop: run it now. */
void ping_wake(struct ping *pg)
{
	bool wakes;

	switch (pg->wait) {
	case PING_IN_RECV:
	case PING_SPINNING:
		wakes = ping_readable(pg) || pg->sk_err || pg->wake_eintr;
		break;
	case PING_IN_POLL:
		wakes = ping_readable(pg) || ping_has_error(pg) || pg->wake_eintr;
		break;
	default:
		wakes = false;
		break;
	}
	if (wakes && !sim_event_pending(&pg->wake_ev))
		sim_schedule(pg->w, &pg->wake_ev, sim_now(pg->w));
}

static void ping_wake_ev(struct world *w, struct sim_event *ev)
{
	struct ping *pg = container_of(ev, struct ping, wake_ev);
	bool eintr = pg->wake_eintr;

	(void)w;
	pg->wake_eintr = false;
	sim_proc_woken(pg->p);
	switch (pg->wait) {
	case PING_IN_RECV:
		del_timer(&pg->rcvtimeo);
		pg->wait = PING_RUNNING;
		/* data first; a signal with nothing to read: EINTR */
		if (ping_recv_loop(pg, ping_readable(pg) || pg->sk_err ? 0 : (eintr ? EINTR : 0)))
			return;
		break;
	case PING_IN_POLL:
		sim_cancel(pg->w, &pg->poll_ev);
		pg->wait = PING_RUNNING;
		if (ping_readable(pg) || ping_has_error(pg)) {
			pg->polling = 1;
			pg->recv_error = ping_has_error(pg);
			if (ping_recv_loop(pg, 0))
				return;
		}
		break;
	case PING_SPINNING:
		sim_cancel(pg->w, &pg->spin_ev);
		break;
	default:
		return;
	}
	ping_main_loop(pg);
}

static void ping_rcvtimeo_fn(struct timer_list *t)
{
	struct ping *pg = from_timer(pg, t, rcvtimeo);

	if (pg->wait != PING_IN_RECV)
		return;
	sim_proc_woken(pg->p);
	pg->wait = PING_RUNNING;
	if (ping_recv_loop(pg, EAGAIN))
		return;
	ping_main_loop(pg);
}

static void ping_poll_ev(struct world *w, struct sim_event *ev)
{
	struct ping *pg = container_of(ev, struct ping, poll_ev);

	(void)w;
	if (pg->wait != PING_IN_POLL)
		return;
	sim_proc_woken(pg->p);
	ping_main_loop(pg);	/* poll() returned 0: continue */
}

static void ping_spin_ev(struct world *w, struct sim_event *ev)
{
	struct ping *pg = container_of(ev, struct ping, spin_ev);

	(void)w;
	if (pg->wait != PING_SPINNING)
		return;
	sim_proc_woken(pg->p);
	ping_main_loop(pg);
}

/* sigexit(): SIGINT and SIGALRM end the run; the sleeping call gets EINTR */
void ping_interrupt(struct ping *pg)
{
	if (pg->wait == PING_DONE)
		return;
	pg->wake_eintr = true;
	if (!sim_event_pending(&pg->wake_ev))
		sim_schedule(pg->w, &pg->wake_ev, sim_now(pg->w));
}

static void ping_alarm_ev(struct world *w, struct sim_event *ev)
{
	struct ping *pg = container_of(ev, struct ping, alarm_ev);

	(void)w;
	pg->exiting = true;
	ping_interrupt(pg);
}

/* setup(): the data pattern, the identifier, the start time and the deadline */
void ping_setup(struct ping *pg)
{
	if (!pg->opt_pingfilled) {
		u8 *p = pg->outpack + 8;

		for (size_t i = 0; i < pg->datalen && 8 + i < pg->outpack_len; ++i)
			*p++ = (u8)i;
	}
	if (pg->ident == -1) {
		struct sim_rng rng;
		char purpose[32];

		/* rand() & IDENTIFIER_MAX, seeded per process */
		snprintf(purpose, sizeof(purpose), "ping.%d", pg->p->pid);
		node_rng_derive(pg->p->node, &rng, purpose);
		pg->ident = (int)sim_rng_below(&rng, IDENTIFIER_MAX + 1);
	}
	pg->start_time = sim_now(pg->w);
	if (pg->deadline)
		ping_alarm_at(pg, pg->start_time + (sim_time_t)pg->deadline * SIM_NSEC_PER_SEC);
}

void ping_loop_init(struct ping *pg)
{
	sim_event_init(&pg->wake_ev, ping_wake_ev);
	sim_event_init(&pg->poll_ev, ping_poll_ev);
	sim_event_init(&pg->spin_ev, ping_spin_ev);
	sim_event_init(&pg->alarm_ev, ping_alarm_ev);
	timer_setup(pg->w, &pg->rcvtimeo, ping_rcvtimeo_fn, 0);
	pg->last_send = -1;
}

/* the process ended: nothing may wake it any more */
void ping_loop_stop(struct ping *pg)
{
	pg->wait = PING_DONE;
	sim_cancel(pg->w, &pg->wake_ev);
	sim_cancel(pg->w, &pg->poll_ev);
	sim_cancel(pg->w, &pg->spin_ev);
	sim_cancel(pg->w, &pg->alarm_ev);
	del_timer(&pg->rcvtimeo);
}
