/*
 * models/apps/ping.h - the ping program's state (iputils' ping/ping.h)
 *
 * No kernel counterpart.  struct ping is iputils' struct ping_rts (the
 * options and counters under their iputils names) plus the kernel's side
 * of its raw ICMP socket (receive and error queues, sk_err, SO_RCVBUF) and
 * where main_loop sleeps.  ping.c holds main(), ping4_run() and the
 * IPv4 socket (sending, receiving, parsing); ping_common.c holds
 * pinger(), main_loop(), gather_statistics() and finish(), as in iputils.
 */
#ifndef SKBSIM_MODELS_APPS_PING_H
#define SKBSIM_MODELS_APPS_PING_H

#include <arpa/inet.h>
#include <stdbool.h>

#include "linux/ip.h"
#include "linux/types.h"
#include "net/icmp.h"
#include "sim/proc.h"
#include "sim/timer.h"

struct net;
struct ip_options_data;

#define DEFDATALEN	(64 - 8)	/* default data length */
#define MAXWAIT		10		/* max seconds to wait for response */
#define MININTERVAL	10		/* minimal interpacket gap, ms */
#define IDENTIFIER_MAX	0xFFFF
#define MAX_DUP_CHK	0x10000
#define MAXIPLEN	60
#define MAXICMPLEN	76
#define NROUTES		9		/* number of record route slots */
#define SCHINT(a)	(((a) <= MININTERVAL) ? MININTERVAL : (a))
#define USER_HZ		100		/* sysconf(_SC_CLK_TCK) */
#define TIMEVAL_LEN	16		/* sizeof(struct timeval) on x86_64 */
#define OUTPACK_MAX	(0xFFFF + 1)	/* larger probes never leave sendto */
#define SYSCTL_RMEM_MAX	212992		/* net.core.rmem_max */
#define SOCK_MIN_RCVBUF	2304
#define MAX_SLACK_NS	(100 * SIM_NSEC_PER_MSEC)
#define TIMER_SLACK_NS	50000		/* current->timer_slack_ns */

#define IP_PMTUDISC_DONT	0
#define IP_PMTUDISC_WANT	1
#define IP_PMTUDISC_DO		2

#define NR_ICMP_UNREACH		15	/* the highest destination unreachable code */
#define PING_LL_HEADROOM	32	/* LL_MAX_HEADER-like room for the link header */

#define SO_EE_ORIGIN_LOCAL	1
#define SO_EE_ORIGIN_ICMP	2

/* the ICMP_FILTER bits ping sets on its raw socket: what it wants to read */
#define ICMP_WANT(t)		(1u << (t))
#define PING_FILTER_FIRST	(ICMP_WANT(ICMP_SOURCE_QUENCH) | ICMP_WANT(ICMP_DEST_UNREACH) | \
				 ICMP_WANT(ICMP_TIME_EXCEEDED) | ICMP_WANT(ICMP_PARAMETERPROB) | \
				 ICMP_WANT(ICMP_REDIRECT) | ICMP_WANT(ICMP_ECHOREPLY))
#define PING_FILTER_AFTER_ERR	(ICMP_WANT(ICMP_SOURCE_QUENCH) | ICMP_WANT(ICMP_REDIRECT) | \
				 ICMP_WANT(ICMP_ECHOREPLY))

/* where main_loop sleeps */
enum ping_wait {
	PING_RUNNING,
	PING_IN_POLL,		/* poll(): hrtimer poll_ev */
	PING_IN_RECV,		/* blocking recvmsg(): SO_RCVTIMEO on the wheel */
	PING_SPINNING,		/* the sched_yield() spin until pinger is due */
	PING_DONE,
};

/* a datagram on the raw socket's receive queue: from the IP header on */
struct ping_pkt {
	sim_time_t tstamp;		/* SO_TIMESTAMP: skb->tstamp */
	unsigned int truesize;
	unsigned int len;
	__be32 saddr;			/* msg_name */
	u8 data[];
};

/* struct sock_extended_err on the error queue (IP_RECVERR) */
struct ping_errmsg {
	u8 origin;
	int ee_errno;
	u8 type, code;
	u32 info;
	__be32 offender;		/* who sent the ICMP error */
	__be32 target;			/* msg_name: the original destination */
	u8 icmph[8];			/* the original echo's header */
	unsigned int icmplen;		/* how much of it there was */
	unsigned int truesize;
};

struct ping {
	struct sim_proc *p;
	struct world *w;
	struct net *net;
	const char *prog;		/* argv[0]: error() prefix */

	/* struct ping_rts: options and counters with iputils' names */
	unsigned char *outpack;
	size_t outpack_len;
	u64 rcvd_tbl[MAX_DUP_CHK / 64];
	size_t datalen;
	char *hostname;
	int ident;			/* -1: random (raw socket); else the wire value */
	int ttl;
	long npackets, nreceived, nrepeats, ntransmitted, nchecksum, nerrors;
	int interval;			/* ms */
	int preload;
	int deadline;
	int lingertime;			/* ms */
	sim_time_t start_time, cur_time;
	bool cur_time_set;		/* iputils tests cur_time.tv_sec == 0 */
	bool exiting, status_snapshot;
	char *device;
	int pmtudisc;
	int timing;
	long tmin, tmax;
	double tsum, tsum2;
	int rtt, rtt_addend;
	u16 acked;
	int pipesize;
	int multicast;
	int optlen;			/* 40 with -R, -T or a source route */
	int ts_type;			/* -T: IPOPT_TS_TSONLY, _TSANDADDR, _PRESPEC */
	int nroute;			/* hops given before the destination */
	__be32 route[10];
	int settos;
	int broadcast_pings;
	u32 mark;
	__be32 whereto, source;
	int tokens, oom_count;
	unsigned long waittime;		/* __schedule_exit's static, us */
	bool opt_audible, opt_interval, opt_latency, opt_mark, opt_numeric,
	     opt_outstanding, opt_pingfilled, opt_ptimeofday, opt_quiet,
	     opt_rroute, opt_sourceroute, opt_strictsource, opt_timestamp, opt_ttl;
	/* pr_options()'s statics: the last route printed, for "(same route)" */
	int old_rrlen;
	u8 old_rr[MAX_IPOPTLEN];

	/* the raw socket */
	int bound_ifindex;		/* SO_BINDTODEVICE */
	struct ip_options_data *inet_opt;	/* IP_OPTIONS (ip_options_get) */
	struct icmp_listener listener;
	bool listening;
	GQueue rcvq;			/* struct ping_pkt * */
	GQueue errq;			/* struct ping_errmsg * */
	int sk_err;
	unsigned int rmem, rcvbuf;
	u32 icmp_filter;		/* ICMP types let into rcvq */
	u64 drops;

	/* main_loop's state across sleeps */
	enum ping_wait wait;
	int polling, recv_error;
	bool wake_eintr;		/* a signal ended the sleep */
	struct sim_event wake_ev;	/* data or a signal: run now */
	struct sim_event poll_ev;	/* poll() timeout */
	struct sim_event spin_ev;	/* end of a spin */
	struct sim_event alarm_ev;	/* ITIMER_REAL: SIGALRM */
	struct timer_list rcvtimeo;	/* SO_RCVTIMEO */
	sim_time_t last_send;
	long sends_now;			/* probes sent at last_send */
};

static inline void rcvd_set(struct ping *pg, u16 seq)
{
	pg->rcvd_tbl[seq / 64] |= 1ULL << (seq % 64);
}

static inline void rcvd_clear(struct ping *pg, u16 seq)
{
	pg->rcvd_tbl[seq / 64] &= ~(1ULL << (seq % 64));
}

static inline bool rcvd_test(const struct ping *pg, u16 seq)
{
	return pg->rcvd_tbl[seq / 64] & (1ULL << (seq % 64));
}

static inline int in_flight(const struct ping *pg)
{
	u16 diff = (u16)((u16)pg->ntransmitted - pg->acked);

	return diff <= 0x7FFF ? diff : (int)(pg->ntransmitted - pg->nreceived - pg->nerrors);
}

static inline void acknowledge(struct ping *pg, u16 seq)
{
	u16 diff = (u16)((u16)pg->ntransmitted - seq);

	if (diff <= 0x7FFF) {
		if ((int)diff + 1 > pg->pipesize)
			pg->pipesize = (int)diff + 1;
		if ((s16)(seq - pg->acked) > 0 || (u16)((u16)pg->ntransmitted - pg->acked) > 0x7FFF)
			pg->acked = seq;
	}
}

static inline void advance_ntransmitted(struct ping *pg)
{
	pg->ntransmitted++;
	/* invalidate acked if the 16-bit sequence wraps */
	if ((u16)((u16)pg->ntransmitted - pg->acked) > 0x7FFF)
		pg->acked = (u16)(pg->ntransmitted + 1);
}

/* gettimeofday(), the simulated clock: a struct timeval of @t */
static inline void ping_timeval(sim_time_t t, s64 *sec, s64 *usec)
{
	*sec = t / SIM_NSEC_PER_SEC;
	*usec = t % SIM_NSEC_PER_SEC / SIM_NSEC_PER_USEC;
}

/* ---- ping_common.c ---------------------------------------------------------- */

/* glibc's error(): "ping: message[: strerror]" */
void ping_error(struct ping *pg, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* usage(): prints the help text; returns the exit status, 2 */
int ping_usage(struct ping *pg);
char *ping_ntoa(__be32 a, char buf[INET_ADDRSTRLEN]);
/* print_timestamp(): -D's "[sec.usec] " */
void ping_print_timestamp(struct ping *pg);
/* fill(): -p's pattern; 0, or the exit status after the message */
int ping_fill(struct ping *pg, const char *patp);
/* gather_statistics(): a reply of ours; 1 when nothing more is to be printed */
int ping_gather_statistics(struct ping *pg, const u8 *icmph, int cc, u16 seq, int hops,
			   sim_time_t recv_time, __be32 from, int wrong_source);
/* sim_event/timer setup and teardown of main_loop's sleeps */
void ping_loop_init(struct ping *pg);
void ping_loop_stop(struct ping *pg);
/* setup(): the data, the identifier, the start time and the deadline */
void ping_setup(struct ping *pg);
/* main_loop(): from the top of the loop until it sleeps or ends */
void ping_main_loop(struct ping *pg);
/* a reply or an error was queued: wake a sleeping main_loop */
void ping_wake(struct ping *pg);
/* sigexit()/sigstatus(): the sleeping call returns EINTR */
void ping_interrupt(struct ping *pg);
/* exit() with @status */
void ping_exit(struct ping *pg, int status);

/* ---- ping.c: the IPv4 socket ---------------------------------------------- */

/* ping4_send_probe(): 0, or a negative errno as sendto() gives */
int ping4_send_probe(struct ping *pg);
/* ping4_receive_error_msg(): net errors found (1) or minus the local ones */
int ping4_receive_error_msg(struct ping *pg, int saved_errno, int *errno_out);
/* ping4_parse_reply(): 0 if the datagram was ours */
int ping4_parse_reply(struct ping *pg, const struct ping_pkt *pkt, int cc);
/* recvmsg(): 0 and a datagram (g_free it), or an errno (EAGAIN: none) */
int ping_recvmsg(struct ping *pg, struct ping_pkt **pkt);
/* poll(): POLLIN, POLLERR */
bool ping_readable(const struct ping *pg);
bool ping_has_error(const struct ping *pg);

#endif
