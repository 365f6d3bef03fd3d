/*
 * models/apps/ping.c - the ping program (iputils s20221126, IPv4)
 *
 * User space: `node:spawn("ping -c 3 10.0.2.2")` behaves and prints as
 * Debian 12's ping run as root does.  No kernel counterpart; the code
 * follows iputils' ping/ping.c (main, ping4_run, ping4_send_probe,
 * ping4_parse_reply, ping4_receive_error_msg, pr_icmph), and
 * ping_common.c holds the loop (pinger, main_loop, finish).  As root, ping
 * uses a raw ICMP socket; the kernel's side of it is written out here:
 *   - sending is raw_sendmsg: a route (ip_route_output_key with the bound
 *     source and SO_BINDTODEVICE's oif), EACCES for a broadcast route
 *     without SO_BROADCAST, ip_append_data's EMSGSIZE (a local error on
 *     the error queue), DF when IP_PMTUDISC_WANT allows it with
 *     skb->ignore_df set (so the IP ID comes from the hashed counters, as
 *     tcpdump shows on Linux), then ip_push_skb;
 *   - receiving is raw_rcv plus raw_err with IP_RECVERR: an icmp_listener
 *     takes the echo replies and the errors about this process's echoes
 *     (the echo id; inside an error, the original echo's id and
 *     destination), queues them on a receive queue (through ICMP_FILTER,
 *     narrowed after the first error as ping does) and an error queue with
 *     sk_err, within SO_RCVBUF; other pings' messages are left to them.
 *     A fragmentation needed also teaches the route its path MTU, as
 *     raw_err's ipv4_sk_update_pmtu does (a nexthop exception, route.c).
 *   - IP options (-R, -T): setsockopt(IP_OPTIONS) is ip_options_get() on
 *     the socket's options, which every probe carries (ip_options_flowi4,
 *     ip_push_skb_opt); replies are read with their IP header, so
 *     pr_options() prints the options they came back with (RR:, TS:,
 *     "(same route)"), as iputils does on its raw socket.
 * Differences: IPv4 only (like a kernel booted with ipv6.disable=1); no
 * DNS (a name is "Name or service not known"); -f, -A, -F, -N, -r and -v
 * are refused with a message; source routes fail with EPERM as on Linux;
 * -i below 0 is refused (iputils 20221126 would flood); the SIGQUIT
 * summary is printed without its leading '\r'.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "ping.h"
#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "trace/skbwalk.h"

/* ---- the raw socket: receiving (raw_rcv, raw_err, ip_icmp_error) -------- */

/* sock_queue_rcv_skb()'s room check; true if queued */
static bool ping_charge_rmem(struct ping *pg, unsigned int truesize)
{
	if (pg->rmem >= pg->rcvbuf) {
		pg->drops++;
		return false;
	}
	pg->rmem += truesize;
	return true;
}

static void ping_queue_pkt(struct ping *pg, struct sk_buff *skb)
{
	const u8 *nh = skb_network_header(skb);
	unsigned int len = (unsigned int)(skb_tail_pointer(skb) - nh);
	struct ping_pkt *pkt;

	if (!ping_charge_rmem(pg, skb->truesize))
		return;
	pkt = g_malloc(sizeof(*pkt) + len);
	pkt->tstamp = skb->tstamp ? skb->tstamp : sim_now(pg->w);
	pkt->truesize = skb->truesize;
	pkt->len = len;
	pkt->saddr = ip_hdr(skb)->saddr;
	memcpy(pkt->data, nh, len);
	g_queue_push_tail(&pg->rcvq, pkt);
}

/* icmp_err_convert[]: the errno raw_err reports for a destination unreachable code */
static const int icmp_unreach_errno[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH] = ENETUNREACH,	[ICMP_HOST_UNREACH] = EHOSTUNREACH,
	[ICMP_PROT_UNREACH] = ENOPROTOOPT,	[ICMP_PORT_UNREACH] = ECONNREFUSED,
	[ICMP_FRAG_NEEDED] = EMSGSIZE,		[ICMP_SR_FAILED] = EOPNOTSUPP,
	[ICMP_NET_UNKNOWN] = ENETUNREACH,	[ICMP_HOST_UNKNOWN] = EHOSTDOWN,
	[ICMP_HOST_ISOLATED] = ENONET,		[ICMP_NET_ANO] = ENETUNREACH,
	[ICMP_HOST_ANO] = EHOSTUNREACH,		[ICMP_NET_UNR_TOS] = ENETUNREACH,
	[ICMP_HOST_UNR_TOS] = EHOSTUNREACH,	[ICMP_PKT_FILTERED] = EHOSTUNREACH,
	[ICMP_PREC_VIOLATION] = EHOSTUNREACH,	[ICMP_PREC_CUTOFF] = EHOSTUNREACH,
};

/* raw_err() with IP_RECVERR: an entry on the error queue and sk_err */
static void ping_queue_err(struct ping *pg, struct sk_buff *skb, const struct iphdr *inner,
			   const u8 *inner_icmp, unsigned int inner_icmplen, u32 info)
{
	const struct icmphdr *ic = icmp_hdr(skb);
	struct ping_errmsg *e;
	int err = EHOSTUNREACH;

	/* raw_err: ipv4_sk_update_pmtu learns the path MTU for our destination */
	if (ic->type == ICMP_DEST_UNREACH && ic->code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(pg->net, inner, info, pg->bound_ifindex, pg->mark, IPPROTO_ICMP);
	if (ic->type == ICMP_SOURCE_QUENCH || ic->type == ICMP_REDIRECT)
		return;			/* raw_err reports neither */
	if (ic->type == ICMP_PARAMETERPROB)
		err = EPROTO;
	else if (ic->type == ICMP_DEST_UNREACH && ic->code <= NR_ICMP_UNREACH)
		err = icmp_unreach_errno[ic->code];
	else
		info = 0;
	/* sock_queue_err_skb's room check */
	if (pg->rmem + skb->truesize >= pg->rcvbuf) {
		pg->drops++;
		return;
	}
	pg->rmem += skb->truesize;
	e = g_new0(struct ping_errmsg, 1);
	e->origin = SO_EE_ORIGIN_ICMP;
	e->ee_errno = err;
	e->type = ic->type;
	e->code = ic->code;
	e->info = info;
	e->offender = ip_hdr(skb)->saddr;
	e->target = inner->daddr;
	e->icmplen = inner_icmplen < 8 ? inner_icmplen : 8;
	memcpy(e->icmph, inner_icmp, e->icmplen);
	e->truesize = skb->truesize;
	g_queue_push_tail(&pg->errq, e);
	pg->sk_err = err;
}

/* ip_local_error(): a local error (EMSGSIZE from ip_append_data) */
static void ping_local_error(struct ping *pg, int err, u32 info)
{
	struct ping_errmsg *e = g_new0(struct ping_errmsg, 1);

	e->origin = SO_EE_ORIGIN_LOCAL;
	e->ee_errno = err;
	e->info = info;
	e->target = pg->whereto;
	e->truesize = SKB_TRUESIZE(256);
	pg->rmem += e->truesize;
	g_queue_push_tail(&pg->errq, e);
}

static bool ping_is_error_type(u8 type)
{
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
	       type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

/*
 * ping_icmp_rcv - what the raw ICMP socket of this ping gets
 *
 * Takes echo replies carrying our id and errors about our echoes (to our
 * destination, from our bound source); leaves everything else to other
 * listeners.  Consumes what it takes.
 */
static bool ping_icmp_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct ping *pg = container_of(l, struct ping, listener);
	const struct iphdr *iph = ip_hdr(skb);
	const struct icmphdr *ic = icmp_hdr(skb);
	const u8 *icmp = (const u8 *)ic;
	unsigned int icmplen = (unsigned int)(skb_tail_pointer(skb) - icmp);

	if (icmplen < sizeof(*ic))
		return false;
	if (ic->type == ICMP_ECHOREPLY) {
		if (ic->un.echo.id != (u16)pg->ident)
			return false;	/* the socket filter ping installs */
		if (pg->opt_strictsource && pg->source && iph->daddr != pg->source)
			return false;	/* raw_v4_match: bound address */
		if (pg->icmp_filter & ICMP_WANT(ICMP_ECHOREPLY))
			ping_queue_pkt(pg, skb);
	} else if (ping_is_error_type(ic->type)) {
		const struct iphdr *inner = (const struct iphdr *)(icmp + sizeof(*ic));
		const u8 *inner_icmp;
		unsigned int inner_hl;

		if (icmplen < sizeof(*ic) + sizeof(*inner))
			return false;
		inner_hl = inner->ihl * 4u;
		if (inner_hl < sizeof(*inner) || icmplen < sizeof(*ic) + inner_hl + 8)
			return false;
		inner_icmp = (const u8 *)inner + inner_hl;
		/* raw_icmp_error: ICMP sockets; ping: its echo to its target */
		if (inner->protocol != IPPROTO_ICMP || inner_icmp[0] != ICMP_ECHO ||
		    ((const struct icmphdr *)inner_icmp)->un.echo.id != (u16)pg->ident ||
		    inner->daddr != pg->whereto)
			return false;
		if (pg->opt_strictsource && pg->source && inner->saddr != pg->source)
			return false;
		if (pg->icmp_filter & ICMP_WANT(ic->type))
			ping_queue_pkt(pg, skb);
		ping_queue_err(pg, skb, inner, inner_icmp,
			       icmplen - (unsigned int)(inner_icmp - icmp), info);
	} else {
		return false;
	}
	consume_skb(skb);
	ping_wake(pg);
	return true;
}

bool ping_readable(const struct ping *pg)
{
	return pg->rcvq.length > 0;
}

bool ping_has_error(const struct ping *pg)
{
	return pg->sk_err || pg->errq.length > 0;
}

/* recvmsg() on the normal queue: 0 and a packet, or an errno */
int ping_recvmsg(struct ping *pg, struct ping_pkt **pkt)
{
	if (pg->sk_err) {
		int err = pg->sk_err;	/* sock_error(): read and cleared */

		pg->sk_err = 0;
		return err;
	}
	*pkt = g_queue_pop_head(&pg->rcvq);
	if (!*pkt)
		return EAGAIN;
	pg->rmem -= (*pkt)->truesize;
	return 0;
}

/* recvmsg(MSG_ERRQUEUE): sock_dequeue_err_skb() and its sk_err rules */
static struct ping_errmsg *ping_recv_errqueue(struct ping *pg)
{
	struct ping_errmsg *e = g_queue_pop_head(&pg->errq), *next;

	if (!e)
		return NULL;
	pg->rmem -= e->truesize;
	next = g_queue_peek_head(&pg->errq);
	if (next && next->origin == SO_EE_ORIGIN_ICMP)
		pg->sk_err = next->ee_errno;
	else if (e->origin == SO_EE_ORIGIN_ICMP)
		pg->sk_err = 0;
	return e;
}

/* ---- the raw socket: sending (raw_sendmsg) ------------------------------ */

static void put_le64(u8 *p, s64 v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (u8)((u64)v >> (8 * i));
}

/*
 * raw_sendmsg - @len bytes of ICMP at @data to pg->whereto
 *
 * Return: 0, or a negative errno as sendto() would give.
 */
static int ping_raw_sendmsg(struct ping *pg, const u8 *data, size_t len)
{
	struct net *net = pg->net;
	struct flowi4 fl4 = {
		.daddr = pg->whereto, .saddr = pg->source, .flowi4_oif = pg->bound_ifindex,
		.flowi4_tos = (u8)(pg->settos & IPTOS_TOS_MASK), .flowi4_proto = IPPROTO_ICMP,
		.flowi4_mark = pg->mark,
	};
	/* ip_append_data's fragheaderlen: the header with the socket's options */
	unsigned int hlen = sizeof(struct iphdr) + (pg->inet_opt ? pg->inet_opt->opt.optlen : 0);
	unsigned int mtu, headroom;
	struct sk_buff *skb;
	struct rtable *rt;
	bool df;
	u8 ttl;
	int err = 0, ret;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (!pg->opt_strictsource)
		fl4.saddr = 0;		/* an unbound socket: the route picks */
	err = ip_options_flowi4(pg->inet_opt, &fl4);	/* a source route's first hop */
	if (err)
		return err;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt)
		return err ? err : -EINVAL;
	if ((rt->rt_flags & RTCF_BROADCAST) && !pg->broadcast_pings) {
		ip_rt_put(rt);
		return -EACCES;
	}
	mtu = dst_mtu(&rt->dst);
	/* ip_append_data: beyond what may be sent, a local error */
	if (hlen + len > (pg->pmtudisc < IP_PMTUDISC_DO ? 0xFFFFu : mtu)) {
		/* the MTU reported is what is left for the data after the options */
		ping_local_error(pg, EMSGSIZE, mtu - (hlen - (unsigned int)sizeof(struct iphdr)));
		ip_rt_put(rt);
		return -EMSGSIZE;
	}
	headroom = NET_SKB_PAD + PING_LL_HEADROOM + hlen;
	skb = alloc_skb(net, headroom + (unsigned int)len);
	if (!skb) {
		ip_rt_put(rt);
		return -ENOBUFS;
	}
	skb_reserve(skb, (int)headroom);
	skb_put_data(skb, data, (unsigned int)len);
	trace_skb_walk_fn(skb, "raw_sendmsg", rt->dst.dev, "ping's raw ICMP socket: %zu bytes to " WALK_IP4,
			  len, WALK_IP4_ARG(pg->whereto));
	trace_skb_walk_fn(skb, "ip_route_output_flow", rt->dst.dev,
			  "to " WALK_IP4 ": %s%s dev %s, mtu %u", WALK_IP4_ARG(fl4.daddr),
			  walk_rtn_name(rt->rt_type), rt->rt_uses_gateway ? " via gateway" : "",
			  rt->dst.dev->name, mtu);
	/* __ip_make_skb: DF when wanted and it fits; fragments allowed unless DO */
	df = pg->pmtudisc == IP_PMTUDISC_DO ||
	     (hlen + len <= mtu && pg->pmtudisc == IP_PMTUDISC_WANT &&
	      !ip_mtu_locked(&rt->dst));	/* ip_dont_fragment */
	skb->ignore_df = pg->pmtudisc < IP_PMTUDISC_DO;
	skb->mark = pg->mark;
	if (pg->opt_ttl)
		ttl = (u8)pg->ttl;
	else if (ipv4_is_multicast(fl4.daddr))
		ttl = 1;		/* IP_MULTICAST_TTL's default */
	else
		ttl = (u8)net->ipv4.sysctl->sysctl_ip_default_ttl;
	/* the header goes to fl4.daddr (a source route's first hop); pg->whereto ends it */
	ret = ip_push_skb_opt(net, NULL, skb, rt, fl4.saddr, pg->whereto, IPPROTO_ICMP,
			      (u8)pg->settos, ttl, df, pg->inet_opt);
	ip_rt_put(rt);
	/* ip_send_skb: net_xmit_errno(); with IP_RECVERR the caller sees ENOBUFS */
	if (ret > 0)
		return ret == NET_XMIT_CN ? 0 : -ENOBUFS;
	return ret < 0 ? ret : 0;
}

/* ping4_send_probe: the echo request with the send time in its data */
int ping4_send_probe(struct ping *pg)
{
	struct icmphdr *icp = (struct icmphdr *)pg->outpack;
	size_t cc = pg->datalen + 8;

	icp->type = ICMP_ECHO;
	icp->code = 0;
	icp->checksum = 0;
	icp->un.echo.sequence = htons((u16)(pg->ntransmitted + 1));
	icp->un.echo.id = (u16)pg->ident;
	rcvd_clear(pg, (u16)(pg->ntransmitted + 1));
	if (cc > pg->outpack_len)
		return -EMSGSIZE;	/* raw_sendmsg: len > 0xFFFF */
	if (pg->timing) {
		s64 sec, usec;

		ping_timeval(sim_now(pg->w), &sec, &usec);
		put_le64(pg->outpack + 8, sec);
		put_le64(pg->outpack + 16, usec);
	}
	icp->checksum = ip_compute_csum(icp, (int)cc);
	return ping_raw_sendmsg(pg, pg->outpack, cc);
}

/* ---- ping4_receive_error_msg, pr_icmph ------------------------------------ */

static const char *const unreach_text[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH] = "Destination Net Unreachable",
	[ICMP_HOST_UNREACH] = "Destination Host Unreachable",
	[ICMP_PROT_UNREACH] = "Destination Protocol Unreachable",
	[ICMP_PORT_UNREACH] = "Destination Port Unreachable",
	[ICMP_FRAG_NEEDED] = NULL,	/* with the MTU */
	[ICMP_SR_FAILED] = "Source Route Failed",
	[ICMP_NET_UNKNOWN] = "Destination Net Unknown",
	[ICMP_HOST_UNKNOWN] = "Destination Host Unknown",
	[ICMP_HOST_ISOLATED] = "Source Host Isolated",
	[ICMP_NET_ANO] = "Destination Net Prohibited",
	[ICMP_HOST_ANO] = "Destination Host Prohibited",
	[ICMP_NET_UNR_TOS] = "Destination Net Unreachable for Type of Service",
	[ICMP_HOST_UNR_TOS] = "Destination Host Unreachable for Type of Service",
	[ICMP_PKT_FILTERED] = "Packet filtered",
	[ICMP_PREC_VIOLATION] = "Precedence Violation",
	[ICMP_PREC_CUTOFF] = "Precedence Cutoff",
};

static const char *const redirect_text[] = {
	"Redirect Network", "Redirect Host", "Redirect Type of Service and Network",
	"Redirect Type of Service and Host",
};

static const char *const other_type_text[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY] = "Echo Reply",
	[ICMP_SOURCE_QUENCH] = "Source Quench",
	[ICMP_ECHO] = "Echo Request",
	[ICMP_TIMESTAMP] = "Timestamp",
	[ICMP_TIMESTAMPREPLY] = "Timestamp Reply",
	[ICMP_INFO_REQUEST] = "Information Request",
	[ICMP_INFO_REPLY] = "Information Reply",
	[ICMP_ADDRESS] = "Address Mask Request",
	[ICMP_ADDRESSREPLY] = "Address Mask Reply",
};

/* pr_icmph(): the text after "From ... icmp_seq=N " (@gw: a redirect's gateway) */
static void pr_icmph(struct ping *pg, u8 type, u8 code, u32 info, __be32 gw)
{
	char buf[INET_ADDRSTRLEN];

	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED)
			sim_proc_printf(pg->p, "Frag needed and DF set (mtu = %u)\n", info);
		else if (code <= NR_ICMP_UNREACH)
			sim_proc_printf(pg->p, "%s\n", unreach_text[code]);
		else
			sim_proc_printf(pg->p, "Dest Unreachable, Bad Code: %d\n", code);
		break;
	case ICMP_REDIRECT:
		if (code < G_N_ELEMENTS(redirect_text))
			sim_proc_printf(pg->p, "%s", redirect_text[code]);
		else
			sim_proc_printf(pg->p, "Redirect, Bad Code: %d", code);
		sim_proc_printf(pg->p, "(New nexthop: %s)\n", ping_ntoa(gw, buf));
		break;
	case ICMP_TIME_EXCEEDED:
		if (code == ICMP_EXC_TTL)
			sim_proc_printf(pg->p, "Time to live exceeded\n");
		else if (code == ICMP_EXC_FRAGTIME)
			sim_proc_printf(pg->p, "Frag reassembly time exceeded\n");
		else
			sim_proc_printf(pg->p, "Time exceeded, Bad Code: %d\n", code);
		break;
	case ICMP_PARAMETERPROB:
		sim_proc_printf(pg->p, "Parameter problem: pointer = %u\n", info);
		break;
	default:
		if (type <= NR_ICMP_TYPES && other_type_text[type])
			sim_proc_printf(pg->p, "%s\n", other_type_text[type]);
		else
			sim_proc_printf(pg->p, "Bad ICMP type: %d\n", type);
		break;
	}
}

/*
 * ping4_receive_error_msg - read one entry of the error queue
 * @saved_errno: errno when called; *errno_out is what errno is afterwards
 *
 * Return: the network errors found (1), or minus the local ones.
 */
int ping4_receive_error_msg(struct ping *pg, int saved_errno, int *errno_out)
{
	struct ping_errmsg *e = ping_recv_errqueue(pg);
	int net_errors = 0, local_errors = 0;
	char buf[INET_ADDRSTRLEN];

	if (!e) {
		local_errors++;		/* EAGAIN */
		goto out;
	}
	if (e->origin == SO_EE_ORIGIN_LOCAL) {
		local_errors++;
		if (pg->opt_quiet)
			goto out;
		if (e->ee_errno != EMSGSIZE)
			ping_error(pg, 0, "local error: %s", strerror(e->ee_errno));
		else
			ping_error(pg, 0, "local error: message too long, mtu=%u", e->info);
		pg->nerrors++;
	} else {
		const struct icmphdr *icmph = (const struct icmphdr *)e->icmph;

		if (e->icmplen < sizeof(*icmph) || e->target != pg->whereto ||
		    icmph->type != ICMP_ECHO || icmph->un.echo.id != (u16)pg->ident) {
			saved_errno = 0;	/* not ours, not an error at all */
			goto out;
		}
		acknowledge(pg, ntohs(icmph->un.echo.sequence));
		pg->icmp_filter = PING_FILTER_AFTER_ERR;
		net_errors++;
		pg->nerrors++;
		if (pg->opt_quiet)
			goto out;
		ping_print_timestamp(pg);
		sim_proc_printf(pg->p, "From %s icmp_seq=%u ", ping_ntoa(e->offender, buf),
				ntohs(icmph->un.echo.sequence));
		pr_icmph(pg, e->type, e->code, e->info, 0);
	}
out:
	g_free(e);
	*errno_out = saved_errno;
	return net_errors ? net_errors : -local_errors;
}

/* ---- pr_options: the options of a reply --------------------------------------- */

/* pr_addr() of an address in an option: numeric (no DNS here) */
static void pr_opt_addr(struct ping *pg, const u8 *cp)
{
	char buf[INET_ADDRSTRLEN];
	__be32 address;

	memcpy(&address, cp, 4);
	if (address == 0)
		sim_proc_printf(pg->p, "\t0.0.0.0");
	else
		sim_proc_printf(pg->p, "\t%s", ping_ntoa(address, buf));
}

/* The addresses of a route, one a line, while @len of its bytes are left. */
static void pr_opt_route(struct ping *pg, const u8 *cp, int len)
{
	for (; len > 0; len -= 4, cp += 4) {
		pr_opt_addr(pg, cp);
		sim_proc_printf(pg->p, "\n");
	}
}

/*
 * pr_options - iputils' printing of the options after a reply line
 * @cp: the first option byte; @hlen: the IP header length (options + 20)
 *
 * Record route: "RR:" and the addresses one a line, or "\t(same route)"
 * when the pointer and addresses are those printed last; timestamps: "TS:",
 * the first time absolute (ms since midnight UT), the others as
 * differences, with the addresses of tsandaddr and tsprespec and the
 * overflow count.  Source routes print "LSRR:"/"SSRR:", a NOP "NOP",
 * anything else "unknown option".  iputils' quirks are kept: the route is
 * compared from its pointer byte on, a source route's addresses are read
 * from its pointer byte on (as many as its length allows), and a missing
 * final newline is left to the caller's putchar.  No read goes past the
 * option's end + 1, inside the datagram (hlen + 8 bytes at least).
 */
static void pr_options(struct ping *pg, const u8 *cp, int hlen)
{
	int totlen = hlen - (int)sizeof(struct iphdr);
	const u8 *optptr = cp;
	int i, j, olen;

	while (totlen > 0) {
		if (*optptr == IPOPT_EOL)
			break;
		if (*optptr == IPOPT_NOP) {
			totlen--;
			optptr++;
			sim_proc_printf(pg->p, "\nNOP");
			continue;
		}
		cp = optptr;
		olen = optptr[1];
		if (olen < 2 || olen > totlen)
			break;

		switch (*cp) {
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			sim_proc_printf(pg->p, "\n%cSRR: ", *cp == IPOPT_SSRR ? 'S' : 'L');
			j = *++cp;		/* length */
			pr_opt_route(pg, ++cp, j - IPOPT_MINOFF);	/* from the pointer on */
			break;
		case IPOPT_RR:
			j = *++cp;		/* length */
			i = *++cp;		/* pointer */
			if (i > j)
				i = j;
			i -= IPOPT_MINOFF;
			if (i <= 0)
				break;
			if (i == pg->old_rrlen && !memcmp(cp, pg->old_rr, (size_t)i)) {
				sim_proc_printf(pg->p, "\t(same route)");
				break;
			}
			pg->old_rrlen = i;
			memcpy(pg->old_rr, cp, (size_t)i);
			sim_proc_printf(pg->p, "\nRR: ");
			pr_opt_route(pg, ++cp, i);
			break;
		case IPOPT_TS: {
			long stdtime = 0, nonstdtime = 0;
			u8 flags;

			j = *++cp;		/* length */
			i = *++cp;		/* pointer */
			if (i > j)
				i = j;
			i -= 5;
			if (i <= 0)
				break;
			flags = *++cp;
			sim_proc_printf(pg->p, "\nTS: ");
			cp++;
			for (;;) {
				long l;

				if ((flags & 0xF) != IPOPT_TS_TSONLY) {
					pr_opt_addr(pg, cp);
					cp += 4;
					i -= 4;
					if (i <= 0)
						break;
				}
				l = *cp++;
				l = (l << 8) + *cp++;
				l = (l << 8) + *cp++;
				l = (l << 8) + *cp++;

				if (l & 0x80000000) {
					if (nonstdtime == 0)
						sim_proc_printf(pg->p, "\t%ld absolute not-standard",
								l & 0x7fffffff);
					else
						sim_proc_printf(pg->p, "\t%ld not-standard",
								(l & 0x7fffffff) - nonstdtime);
					nonstdtime = l & 0x7fffffff;
				} else {
					if (stdtime == 0)
						sim_proc_printf(pg->p, "\t%ld absolute", l);
					else
						sim_proc_printf(pg->p, "\t%ld", l - stdtime);
					stdtime = l;
				}
				i -= 4;
				sim_proc_printf(pg->p, "\n");
				if (i <= 0)
					break;
			}
			if (flags >> 4)
				sim_proc_printf(pg->p, "Unrecorded hops: %d\n", flags >> 4);
			break;
		}
		default:
			sim_proc_printf(pg->p, "\nunknown option %x", *cp);
			break;
		}
		totlen -= olen;
		optptr += olen;
	}
}

/* ping4_parse_reply: 0 if the datagram was ours */
int ping4_parse_reply(struct ping *pg, const struct ping_pkt *pkt, int cc)
{
	const struct iphdr *ip = (const struct iphdr *)pkt->data;
	const u8 *icmp;
	const struct icmphdr *icp;
	char buf[INET_ADDRSTRLEN];
	int hlen = ip->ihl * 4;

	if (cc < hlen + 8 || ip->ihl < 5)
		return 1;
	cc -= hlen;
	icmp = pkt->data + hlen;
	icp = (const struct icmphdr *)icmp;
	if (icp->type == ICMP_ECHOREPLY) {
		int wrong_source = !pg->broadcast_pings && !pg->multicast &&
				   pkt->saddr != pg->whereto;

		if (icp->un.echo.id != (u16)pg->ident)
			return 1;
		if (ping_gather_statistics(pg, icmp, cc, ntohs(icp->un.echo.sequence), ip->ttl,
				      pkt->tstamp, pkt->saddr, wrong_source))
			return 0;
	} else {
		const struct iphdr *iph = (const struct iphdr *)(icmp + 8);
		const struct icmphdr *icp1;

		if (!ping_is_error_type(icp->type))
			return icp->type == ICMP_ECHO;	/* MUST NOT */
		if (cc < (int)(8 + sizeof(struct iphdr) + 8) || cc < 8 + iph->ihl * 4 + 8)
			return 1;
		icp1 = (const struct icmphdr *)((const u8 *)iph + iph->ihl * 4);
		if (icp1->type != ICMP_ECHO || iph->daddr != pg->whereto ||
		    icp1->un.echo.id != (u16)pg->ident)
			return 1;
		if (icp->type != ICMP_REDIRECT && icp->type != ICMP_SOURCE_QUENCH) {
			acknowledge(pg, ntohs(icp1->un.echo.sequence));
			return 0;
		}
		if (pg->opt_quiet)
			return 1;
		ping_print_timestamp(pg);
		sim_proc_printf(pg->p, "From %s: icmp_seq=%u ", ping_ntoa(pkt->saddr, buf),
				ntohs(icp1->un.echo.sequence));
		pr_icmph(pg, icp->type, icp->code, ntohl(icp->un.gateway), icp->un.gateway);
		return 1;
	}
	if (pg->opt_audible)
		sim_proc_printf(pg->p, "\a");
	/* the raw socket reads the header: its options, as h1 received them */
	pr_options(pg, pkt->data + sizeof(struct iphdr), hlen);
	sim_proc_printf(pg->p, "\n");
	return 0;
}

/* ---- option parsing (getopt and iputils' checks) ---------------------------- */

/* strtol_or_err / strtoul_or_err: 0, or the exit status after the message */
static int ping_strtol(struct ping *pg, const char *str, long min, long max, long *out)
{
	char *end = NULL;
	long num;

	errno = 0;
	if (!*str)
		goto err;
	num = strtol(str, &end, 10);
	if (errno || str == end || (end && *end))
		goto err;
	if (num < min || max < num) {
		ping_error(pg, 0, "invalid argument: '%s': out of range: %ld <= value <= %ld", str,
			   min, max);
		return 1;
	}
	*out = num;
	return 0;
err:
	ping_error(pg, errno, "invalid argument: '%s'", str);
	return 1;
}

static int ping_strtoul(struct ping *pg, const char *str, unsigned long min, unsigned long max,
			unsigned long *out)
{
	char *end = NULL;
	unsigned long num;

	errno = 0;
	if (!*str)
		goto err;
	num = strtoul(str, &end, 10);
	if (errno || str == end || (end && *end))
		goto err;
	if (num < min || max < num) {
		ping_error(pg, 0, "invalid argument: '%s': out of range: %lu <= value <= %lu", str,
			   min, max);
		return 1;
	}
	*out = num;
	return 0;
err:
	ping_error(pg, errno, "invalid argument: '%s'", str);
	return 1;
}

/* ping_strtod: garbage only warns; not a normal number exits 2 */
static int ping_strtod(struct ping *pg, const char *str, const char *err_msg, double *out)
{
	char *end = NULL;
	double num;

	if (!*str) {
		ping_error(pg, 0, "%s: %s", err_msg, str);
		return 2;
	}
	errno = 0;
	num = strtod(str, &end);
	if (errno || str == end || (end && *end)) {
		ping_error(pg, 0, "option argument contains garbage: %s", end);
		ping_error(pg, 0, "this will become fatal error in the future");
	}
	if (fpclassify(num) != FP_NORMAL && fpclassify(num) != FP_ZERO) {
		ping_error(pg, ERANGE, "%s: %s", err_msg, str);
		return 2;
	}
	*out = num;
	return 0;
}

static int parsetos(struct ping *pg, const char *str, int *tos)
{
	char *ep;
	long v;

	if (str[0] == '0' && (str[1] == 'x' || str[1] == 'X'))
		v = strtol(str + 2, &ep, 16);
	else
		v = strtol(str, &ep, 10);
	if (*ep != '\0') {
		ping_error(pg, 0, "bad TOS value: %s", str);
		return 2;
	}
	if ((int)v > 255) {
		ping_error(pg, 0, "the decimal value of TOS bits must be in range 0-255: %d", (int)v);
		return 2;
	}
	*tos = (int)v;
	return 0;
}

/* glibc's inet_aton_exact, which getaddrinfo uses for numeric hosts */
static bool ping_aton_exact(const char *s, __be32 *addr)
{
	struct in_addr in;

	for (const char *c = s; *c; c++)
		if (g_ascii_isspace(*c))
			return false;
	if (!inet_aton(s, &in))
		return false;
	*addr = in.s_addr;
	return true;
}

#define PING_OPTSTRING "h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:"

struct ping_args {
	const char *pattern;		/* -p */
	int family;			/* 0, 4 or 6 */
	GPtrArray *targets;
};

/* The switch of main(): 0 to go on, or an exit status. */
static int ping_option(struct ping *pg, struct ping_args *a, int ch, const char *optarg)
{
	long l;
	unsigned long ul;
	double d;
	int r;

	switch (ch) {
	case '4':
		if (a->family == 6)
			goto only_one_family;
		a->family = 4;
		return 0;
	case '6':
		if (a->family == 4)
			goto only_one_family;
		a->family = 6;
		return 0;
	case 'b':
		pg->broadcast_pings = 1;
		return 0;
	case 'R':
		if (pg->opt_timestamp) {
			ping_error(pg, 0, "only one of -T or -R may be used");
			return 2;
		}
		pg->opt_rroute = true;
		return 0;
	case 'T':
		if (pg->opt_rroute) {
			ping_error(pg, 0, "only one of -T or -R may be used");
			return 2;
		}
		pg->opt_timestamp = true;
		if (strcmp(optarg, "tsonly") == 0) {
			pg->ts_type = IPOPT_TS_TSONLY;
		} else if (strcmp(optarg, "tsandaddr") == 0) {
			pg->ts_type = IPOPT_TS_TSANDADDR;
		} else if (strcmp(optarg, "tsprespec") == 0) {
			pg->ts_type = IPOPT_TS_PRESPEC;
		} else {
			ping_error(pg, 0, "invalid timestamp type: %s", optarg);
			return 2;
		}
		return 0;
	case 'e':
		if (ping_strtoul(pg, optarg, 0, IDENTIFIER_MAX, &ul))
			return 1;
		pg->ident = htons((u16)ul);
		return 0;
	case 'a':
		pg->opt_audible = true;
		return 0;
	case 'B':
		pg->opt_strictsource = true;
		return 0;
	case 'c':
		if (ping_strtol(pg, optarg, 1, LONG_MAX, &l))
			return 1;
		pg->npackets = l;
		return 0;
	case 'C':
	case 'd':
	case 'L':
	case 'n':
	case 'U':
		/* connect(), SO_DEBUG, no multicast loop, no DNS, -U: no visible change */
		if (ch == 'n')
			pg->opt_numeric = true;
		if (ch == 'U')
			pg->opt_latency = true;
		return 0;
	case 'D':
		pg->opt_ptimeofday = true;
		return 0;
	case 'i':
		r = ping_strtod(pg, optarg, "bad timing interval", &d);
		if (r)
			return r;
		if (isgreater(d, (double)INT_MAX / 1000) || isless(d, 0)) {
			ping_error(pg, 0, "bad timing interval: %s", optarg);
			return 2;
		}
		pg->interval = (int)(d * 1000);
		pg->opt_interval = true;
		return 0;
	case 'I': {
		struct in_addr in;

		if (strchr(optarg, ':')) {
			ping_error(pg, 0, "invalid source address: %s", optarg);
			return 2;
		} else if (inet_pton(AF_INET, optarg, &in) > 0) {
			pg->source = in.s_addr;
			pg->opt_strictsource = true;
		} else {
			g_free(pg->device);
			pg->device = g_strdup(optarg);
		}
		return 0;
	}
	case 'l':
		if (ping_strtol(pg, optarg, 1, MAX_DUP_CHK, &l))
			return 1;
		pg->preload = (int)l;
		return 0;
	case 'm':
		if (ping_strtoul(pg, optarg, 0, UINT_MAX, &ul))
			return 1;
		pg->mark = (u32)ul;
		pg->opt_mark = true;
		return 0;
	case 'M':
		if (strcmp(optarg, "do") == 0)
			pg->pmtudisc = IP_PMTUDISC_DO;
		else if (strcmp(optarg, "dont") == 0)
			pg->pmtudisc = IP_PMTUDISC_DONT;
		else if (strcmp(optarg, "want") == 0)
			pg->pmtudisc = IP_PMTUDISC_WANT;
		else {
			ping_error(pg, 0, "invalid -M argument: %s", optarg);
			return 2;
		}
		return 0;
	case 'O':
		pg->opt_outstanding = true;
		return 0;
	case 'p':
		pg->opt_pingfilled = true;
		a->pattern = optarg;
		return 0;
	case 'q':
		pg->opt_quiet = true;
		return 0;
	case 'Q':
		return parsetos(pg, optarg, &pg->settos);
	case 's':
		if (ping_strtol(pg, optarg, 0, INT_MAX, &l))
			return 1;
		pg->datalen = (size_t)l;
		return 0;
	case 'S':
		if (ping_strtol(pg, optarg, 1, INT_MAX, &l))
			return 1;
		return 0;		/* SO_SNDBUF: no visible change */
	case 't':
		if (ping_strtol(pg, optarg, 0, 255, &l))
			return 1;
		pg->ttl = (int)l;
		pg->opt_ttl = true;
		return 0;
	case 'V':
		sim_proc_printf(pg->p, "ping from iputils 20221126\n"
				"libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, "
				"__fpending(): yes\n");
		return -1;		/* exit 0 */
	case 'w':
		if (ping_strtol(pg, optarg, 0, INT_MAX, &l))
			return 1;
		pg->deadline = (int)l;
		return 0;
	case 'W':
		r = ping_strtod(pg, optarg, "bad linger time", &d);
		if (r)
			return r;
		if (isless(d, 0) || isgreater(d, (double)INT_MAX / 1000)) {
			ping_error(pg, 0, "bad linger time: %s", optarg);
			return 2;
		}
		pg->lingertime = (int)(d * 1000);
		return 0;
	case 'A': case 'f': case 'F': case 'N': case 'r': case 'v':
		ping_error(pg, 0, "-%c: not supported by skbsim's ping", ch);
		return 2;
	default:
		return ping_usage(pg);
	}
only_one_family:
	ping_error(pg, 0, "only one -4 or -6 option may be specified");
	return 2;
}

/* GNU getopt over PING_OPTSTRING, permuting operands to the end */
static int ping_getopt(struct ping *pg, struct ping_args *a, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0') {
			g_ptr_array_add(a->targets, argv[i]);
			continue;
		}
		for (const char *c = arg + 1; *c; c++) {
			const char *spec = *c != ':' ? strchr(PING_OPTSTRING, *c) : NULL;
			const char *optarg = NULL;
			int r;

			if (!spec) {
				sim_proc_printf(pg->p, "%s: invalid option -- '%c'\n", pg->prog, *c);
				return ping_usage(pg);
			}
			if (spec[1] == ':') {
				if (c[1]) {
					optarg = c + 1;
				} else if (i + 1 < argc) {
					optarg = argv[++i];
				} else {
					sim_proc_printf(pg->p, "%s: option requires an argument -- '%c'\n",
							pg->prog, *c);
					return ping_usage(pg);
				}
			}
			r = ping_option(pg, a, *c, optarg);
			if (r)
				return r;
			if (optarg)
				break;
		}
	}
	for (; i < argc; i++)
		g_ptr_array_add(a->targets, argv[i]);
	return 0;
}

/* ---- ping4_run: the socket, the source, the header ------------------------ */

/*
 * connect() of the UDP probe socket to port 1025 of the destination, or
 * of the first hop given: the route and source.
 * @so_broadcast: SO_BROADCAST set (ip_route_connect's EACCES otherwise).
 */
static int ping_probe_connect(struct ping *pg, bool so_broadcast, __be32 *saddr)
{
	struct flowi4 fl4 = {
		/* with hops (-T tsprespec, a source route), towards the first */
		.daddr = pg->nroute ? pg->route[0] : pg->whereto,
		.flowi4_oif = pg->bound_ifindex,
		.flowi4_tos = (u8)(pg->settos & IPTOS_TOS_MASK), .flowi4_proto = IPPROTO_UDP,
		.flowi4_mark = pg->mark, .fl4_dport = htons(1025),
	};
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(pg->net, &fl4, &err);
	if (!rt)
		return err ? err : -EINVAL;
	if (rt->rt_flags & RTCF_BROADCAST && !so_broadcast) {
		ip_rt_put(rt);
		return -EACCES;
	}
	ip_rt_put(rt);
	*saddr = fl4.saddr;
	return 0;
}

static bool ping_addr_on_dev(struct net_device *dev, __be32 addr)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	for (struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa; ifa = ifa->ifa_next)
		if (ifa->ifa_local == addr)
			return true;
	return false;
}

/*
 * setsockopt(IP_OPTIONS) as ping4_run() does it: -R's 40 bytes (a NOP,
 * then record route with room for NROUTES addresses, pointer 4); -T's
 * timestamp (40 bytes for tsonly, 36 for 4 address and time pairs with
 * tsandaddr, 8 a hop with tsprespec, the hops' addresses filled in),
 * tried again with flag 2 if refused.  A source route is refused with
 * EPERM, as Linux does since "ipv4: restrict IPOPT_SSRR and IPOPT_LSRR
 * options" (Debian 12 and 6.18 alike).  0, or the exit status.
 */
static int ping_set_ip_options(struct ping *pg)
{
	u8 rspace[3 + 4 * NROUTES + 1];		/* record route space */
	int err;

	if (pg->opt_rroute) {
		memset(rspace, 0, sizeof(rspace));
		rspace[0] = IPOPT_NOP;
		rspace[1 + IPOPT_OPTVAL] = IPOPT_RR;
		rspace[1 + IPOPT_OLEN] = sizeof(rspace) - 1;
		rspace[1 + IPOPT_OFFSET] = IPOPT_MINOFF;
		pg->optlen = 40;
		err = ip_options_get(pg->net, &pg->inet_opt, rspace, (int)sizeof(rspace));
		if (err) {
			ping_error(pg, -err, "record route");
			return 2;
		}
	}
	if (pg->opt_timestamp) {
		memset(rspace, 0, sizeof(rspace));
		rspace[0] = IPOPT_TIMESTAMP;
		rspace[1] = pg->ts_type == IPOPT_TS_TSONLY ? 40 : 36;
		rspace[2] = 5;
		rspace[3] = (u8)pg->ts_type;
		if (pg->ts_type == IPOPT_TS_PRESPEC) {
			rspace[1] = (u8)(4 + pg->nroute * 8);
			for (int i = 0; i < pg->nroute; i++)
				memcpy(&rspace[4 + i * 8], &pg->route[i], 4);
		}
		if (ip_options_get(pg->net, &pg->inet_opt, rspace, rspace[1]) < 0) {
			rspace[3] = 2;
			err = ip_options_get(pg->net, &pg->inet_opt, rspace, rspace[1]);
			if (err) {
				ping_error(pg, -err, "ts option");
				return 2;
			}
		}
		pg->optlen = 40;
	}
	if (pg->opt_sourceroute) {
		ping_error(pg, EPERM, "record route");
		return 2;
	}
	return 0;
}

/* 0 to run, or the exit status */
static int ping4_run(struct ping *pg)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
	int hold, alloc, rcvbuf, r;

	if (pg->device) {
		struct net_device *dev = __dev_get_by_name(pg->net, pg->device);

		if (!dev) {
			ping_error(pg, ENODEV, "SO_BINDTODEVICE %s", pg->device);
			return 2;
		}
		pg->bound_ifindex = dev->ifindex;
	}
	if (!pg->source) {
		int err = ping_probe_connect(pg, false, &pg->source);

		if (err == -EACCES) {
			if (!pg->broadcast_pings) {
				ping_error(pg, 0, "Do you want to ping broadcast? Then -b. If not, "
					   "check your local firewall rules");
				return 2;
			}
			sim_proc_printf(pg->p, "WARNING: pinging broadcast address\n");
			err = ping_probe_connect(pg, true, &pg->source);
		}
		if (err) {
			ping_error(pg, -err, "connect");
			return 2;
		}
		if (pg->device) {
			struct net_device *dev = __dev_get_by_index(pg->net, pg->bound_ifindex);

			if (!dev || !ping_addr_on_dev(dev, pg->source))
				ping_error(pg, 0, "Warning: source address might be selected on device "
					   "other than: %s", pg->device);
		}
	}
	if (!pg->whereto)
		pg->whereto = pg->source;

	if (pg->broadcast_pings || ipv4_is_multicast(pg->whereto)) {
		pg->multicast = 1;
		if (pg->pmtudisc < 0)
			pg->pmtudisc = IP_PMTUDISC_DO;
	}
	if (pg->pmtudisc < 0)
		pg->pmtudisc = pg->net->ipv4.sysctl->sysctl_ip_no_pmtu_disc ? IP_PMTUDISC_DONT
								    : IP_PMTUDISC_WANT;

	/* bind() with -I ADDR or -B: raw_bind's address check */
	if (pg->opt_strictsource && pg->source && !__ip_dev_find(pg->net, pg->source) &&
	    !pg->net->ipv4.sysctl->sysctl_ip_nonlocal_bind) {
		ping_error(pg, EADDRNOTAVAIL, "bind");
		return 2;
	}

	r = ping_set_ip_options(pg);
	if (r)
		return r;

	/* sock_setbufs: SO_RCVBUF, doubled by the kernel, capped by rmem_max */
	alloc = (int)pg->datalen + 8;
	alloc += ((alloc + 511) / 512) * (pg->optlen + 20 + 16 + 64 + 160);
	rcvbuf = hold = alloc * pg->preload;
	if (hold < 65536)
		hold = 65536;
	if (hold > SYSCTL_RMEM_MAX)
		hold = SYSCTL_RMEM_MAX;
	pg->rcvbuf = (unsigned int)(hold * 2 > SOCK_MIN_RCVBUF ? hold * 2 : SOCK_MIN_RCVBUF);
	if ((int)pg->rcvbuf < rcvbuf)
		ping_error(pg, 0, "WARNING: probably, rcvbuf is not enough to hold preload");

	if (pg->opt_ttl && pg->ttl == 0) {
		/* IP_MULTICAST_TTL takes 0; IP_TTL does not */
		ping_error(pg, EINVAL, "cannot set unicast time-to-live");
		return 2;
	}
	if (pg->datalen >= TIMEVAL_LEN)
		pg->timing = 1;

	sim_proc_printf(pg->p, "PING %s (%s) ", pg->hostname, ping_ntoa(pg->whereto, dst));
	if (pg->device || pg->opt_strictsource)
		sim_proc_printf(pg->p, "from %s %s: ", ping_ntoa(pg->source, src),
				pg->device ? pg->device : "");
	sim_proc_printf(pg->p, "%zu(%zu) bytes of data.\n", pg->datalen,
			pg->datalen + 8 + (size_t)pg->optlen + 20);
	return 0;
}

/* main(): 0 to run, or an exit status (-1: exit 0) */
static int ping_main(struct ping *pg, int argc, char **argv)
{
	struct ping_args a = { .targets = g_ptr_array_new() };
	const char *target;
	struct in6_addr a6;
	int r;

	r = ping_getopt(pg, &a, argc, argv);
	if (r)
		goto out;
	if (a.targets->len == 0) {
		ping_error(pg, EDESTADDRREQ, "usage error");
		r = 1;
		goto out;
	}
	target = g_ptr_array_index(a.targets, a.targets->len - 1);

	pg->outpack_len = (pg->datalen < OUTPACK_MAX ? pg->datalen : OUTPACK_MAX) + 28;
	pg->outpack = g_malloc0(pg->outpack_len);
	if (a.pattern) {
		r = ping_fill(pg, a.pattern);
		if (r)
			goto out;
	}
	if (!ping_aton_exact(target, &pg->whereto)) {
		if (a.family == 6 && inet_pton(AF_INET6, target, &a6) > 0) {
			/* no IPv6 in the simulated kernel: socket(AF_INET6) fails */
			ping_error(pg, 0, "socktype: SOCK_DGRAM");
			ping_error(pg, EAFNOSUPPORT, "socket");
		} else if (inet_pton(AF_INET6, target, &a6) > 0) {
			ping_error(pg, 0, "%s: %s", target, "Address family for hostname not supported");
		} else {
			ping_error(pg, 0, "%s: %s", target, "Name or service not known");
		}
		r = 2;
		goto out;
	}
	if (a.family == 6) {
		/* getaddrinfo() found an IPv4 address where IPv6 was asked for */
		ping_error(pg, 0, "%s: %s", target, "Address family for hostname not supported");
		r = 2;
		goto out;
	}
	if (a.targets->len > 1) {
		/* hops: -T tsprespec's (at most 4), else a loose source route (9) */
		guint ntargets = a.targets->len;

		if (pg->opt_rroute ||
		    (pg->opt_timestamp && (pg->ts_type != IPOPT_TS_PRESPEC || ntargets > 5)) ||
		    (!pg->opt_timestamp && ntargets > 10)) {
			r = ping_usage(pg);
			goto out;
		}
		if (!pg->opt_timestamp)
			pg->opt_sourceroute = true;
		for (guint i = 0; i + 1 < ntargets; i++) {
			const char *hop = g_ptr_array_index(a.targets, i);
			__be32 h;

			if (!ping_aton_exact(hop, &h)) {
				ping_error(pg, 0, "%s: %s", hop, "Name or service not known");
				r = 2;
				goto out;
			}
			pg->route[pg->nroute++] = h;
		}
	}
	pg->hostname = g_strdup(target);
	pg->opt_numeric = true;
	r = ping4_run(pg);
out:
	g_ptr_array_free(a.targets, TRUE);
	return r;
}

/* ---- the program ------------------------------------------------------------- */

static void ping_stop(struct sim_proc *p)
{
	struct ping *pg = p->priv;
	struct ping_pkt *pkt;
	struct ping_errmsg *e;

	if (!pg)
		return;
	ping_loop_stop(pg);
	if (pg->listening) {
		icmp_listener_del(pg->net, &pg->listener);
		pg->listening = false;
	}
	while ((pkt = g_queue_pop_head(&pg->rcvq)))
		g_free(pkt);
	while ((e = g_queue_pop_head(&pg->errq)))
		g_free(e);
	pg->rmem = 0;
}

static void ping_release(struct sim_proc *p)
{
	struct ping *pg = p->priv;

	if (!pg)
		return;
	ping_stop(p);
	g_free(pg->inet_opt);
	g_free(pg->outpack);
	g_free(pg->hostname);
	g_free(pg->device);
	g_free(pg);
	p->priv = NULL;
}

static void ping_signal(struct sim_proc *p, int sig)
{
	struct ping *pg = p->priv;

	if (!pg || pg->wait == PING_DONE)
		return;
	switch (sig) {
	case SIGINT:
	case SIGALRM:
		pg->exiting = true;
		ping_interrupt(pg);
		break;
	case SIGQUIT:
		pg->status_snapshot = true;
		ping_interrupt(pg);
		break;
	default:
		sim_proc_default_signal(p, sig);	/* killed, or ignored */
		if (p->state == SIM_PROC_EXITED)
			pg->wait = PING_DONE;
		break;
	}
}

static int ping_start(struct sim_proc *p, int argc, char **argv)
{
	struct ping *pg = g_new0(struct ping, 1);
	int r;

	p->priv = pg;
	pg->p = p;
	pg->w = p->node->w;
	pg->net = node_net(p->node);
	pg->prog = argv[0];
	pg->interval = 1000;
	pg->preload = 1;
	pg->lingertime = MAXWAIT * 1000;
	pg->tmin = LONG_MAX;
	pg->pipesize = -1;
	pg->datalen = DEFDATALEN;
	pg->ident = -1;
	pg->pmtudisc = -1;
	g_queue_init(&pg->rcvq);
	g_queue_init(&pg->errq);
	ping_loop_init(pg);

	r = ping_main(pg, argc, argv);
	if (r) {
		ping_exit(pg, r < 0 ? 0 : r);
		return r < 0 ? 0 : 1;
	}
	/* the raw socket: ICMP_FILTER as ping sets it, IP_RECVERR */
	pg->icmp_filter = PING_FILTER_FIRST;
	pg->listener.rcv = ping_icmp_rcv;
	icmp_listener_add(pg->net, &pg->listener);
	pg->listening = true;
	ping_setup(pg);
	ping_main_loop(pg);
	return 0;
}

const struct sim_program ping_program = {
	.name = "ping",
	.start = ping_start,
	.signal = ping_signal,
	.stop = ping_stop,
	.release = ping_release,
};
