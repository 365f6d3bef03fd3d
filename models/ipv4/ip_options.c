/*
 * models/ipv4/ip_options.c - IPv4 options (RFC 791 3.1)
 *
 * Mirrors net/ipv4/ip_options.c of Linux 6.x.  Received packets:
 *   - ip_options_compile() walks the options of a received header (after
 *     ip_rcv_finish_core() routed it), checks every length and pointer,
 *     notes where record route, timestamp, source route, router alert and
 *     CIPSO sit in IPCB(skb)->opt, and already does this host's part: it
 *     records its address (fib_compute_spec_dst) in a record route or
 *     timestamp-with-address option and stamps the time.  A malformed
 *     option is answered with ICMP parameter problem whose pointer names
 *     the offending byte; the caller counts InHdrErrors and drops.
 *   - ip_options_rcv_srr() follows a loose or strict source route: the
 *     next address of the list becomes the packet's route (addresses that
 *     are our own are skipped, the kernel's "superfast loopback forward").
 *     Whether source routes are accepted at all (accept_source_route) is
 *     ip_input.c's ip_rcv_options() check.
 *   - ip_forward_options(), on forwarding: the router's outgoing address
 *     (ip_rt_get_source) replaces the receive address in record route,
 *     the source route's next hop becomes the destination, and the header
 *     checksum is recomputed when anything changed.
 *   - ip_options_fragment(): options without the copied flag become NOOPs
 *     in the fragments after the first (RFC 791: only copied options are
 *     repeated), for ip_do_fragment().
 * Sent packets:
 *   - ip_options_get() checks and compiles the bytes a program gives
 *     setsockopt(IP_OPTIONS) (ip_options_compile without an skb: a source
 *     route's first hop is taken out as faddr); ip_options_undo() gives
 *     them back (getsockopt); ip_options_flowi4() is sendmsg's routing of
 *     a source-routed datagram to its first hop.
 *   - ip_options_build() writes them into each header we send
 *     (ip_push_skb_opt): the destination into the source route's last
 *     slot, our address and the time where record route and timestamp
 *     reserved an entry.
 *   - __ip_options_echo() makes the options of an answer (ICMP echo reply
 *     and errors) from a received packet's: record route and timestamp
 *     continued, a source route reversed.
 * Differences: ping's -R/-T are the only callers of ip_options_get (its
 * raw socket's IP_OPTIONS); there are no other sockets yet.  Simulated programs run
 * as root, so options that need CAP_NET_RAW (security, stream ID, CIPSO,
 * unknown ones) are accepted from them.  CIPSO options are checked for
 * well-formedness only, as a kernel without NetLabel does
 * (cipso_v4_validate's fallback), and not matched against DOIs.
 * Timestamps are milliseconds since midnight of simulated time, the run
 * starting at midnight UT.
 * fib_compute_spec_dst (fib_frontend.c) and ip_rt_get_source (route.c)
 * live here, their only users for now.
 */
#include "net/ip.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip_fib.h"
#include "trace/skbwalk.h"

/*
 * inet_current_timestamp - RFC 791's timestamp: milliseconds since
 * midnight UT, in network order.  The simulated clock starts at midnight.
 */
static __be32 inet_current_timestamp(const struct net *net)
{
	u64 ms = (u64)sim_now(net->w) / SIM_NSEC_PER_MSEC;

	return htonl((u32)(ms % (24ULL * 60 * 60 * 1000)));
}

/*
 * fib_compute_spec_dst - the address a received packet "reached": its
 * destination when that is one of ours, else the address we would use
 * to answer its source (what record route and timestamp record here).
 */
static __be32 fib_compute_spec_dst(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct net *net = dev_net(dev);
	struct fib_result res;
	int scope = RT_SCOPE_UNIVERSE;

	if ((rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) == RTCF_LOCAL)
		return iph->daddr;
	if (!ipv4_is_zeronet(iph->saddr)) {
		struct flowi4 fl4 = { .flowi4_iif = LOOPBACK_IFINDEX, .daddr = iph->saddr,
				      .flowi4_tos = IPTOS_TOS(iph->tos),
				      .flowi4_scope = RT_SCOPE_UNIVERSE };

		if (fib_lookup(net, &fl4, &res, 0) == 0 && res.fi)
			return fib_result_prefsrc(net, &res);
	} else {
		scope = RT_SCOPE_LINK;
	}
	return inet_select_addr(dev, iph->saddr, scope);
}

/* spec_dst_fill: fib_compute_spec_dst() at most once per header */
static void spec_dst_fill(__be32 *spec_dst, struct sk_buff *skb)
{
	if (*spec_dst == htonl(INADDR_ANY))
		*spec_dst = fib_compute_spec_dst(skb);
}

/*
 * ip_rt_get_source - the address a router records for a packet it
 * forwards: the preferred source of the route to the destination, or an
 * address of the outgoing device (RFC 791: "its own internet address as
 * known in the environment into which this datagram is being forwarded").
 */
static void ip_rt_get_source(u8 *addr, struct sk_buff *skb, struct rtable *rt)
{
	const struct iphdr *iph = ip_hdr(skb);
	__be32 src;

	if (!rt->rt_is_input) {
		src = iph->saddr;
	} else {
		struct net *net = dev_net(rt->dst.dev);
		struct flowi4 fl4 = { .daddr = iph->daddr, .saddr = iph->saddr,
				      .flowi4_tos = IPTOS_TOS(iph->tos),
				      .flowi4_oif = rt->dst.dev->ifindex,
				      .flowi4_iif = skb->dev->ifindex, .flowi4_mark = skb->mark };
		struct fib_result res;

		if (fib_lookup(net, &fl4, &res, 0) == 0 && res.fi)
			src = fib_result_prefsrc(net, &res);
		else
			src = inet_select_addr(rt->dst.dev, rt_nexthop(rt, iph->daddr),
					       RT_SCOPE_UNIVERSE);
	}
	memcpy(addr, &src, 4);
}

/* ---- fragmenting --------------------------------------------------------- */

/*
 * ip_options_fragment - after the first fragment is built, fill the
 * options that are not copied into fragments (record route, timestamp)
 * with NOOPs in @skb's header, so the fragments that follow inherit the
 * stripped header.  The header keeps its length.
 */
void ip_options_fragment(struct sk_buff *skb)
{
	unsigned char *optptr = skb_network_header(skb) + sizeof(struct iphdr);
	struct ip_options *opt = &IPCB(skb)->opt;
	int l = opt->optlen;
	int optlen;

	while (l > 0) {
		switch (*optptr) {
		case IPOPT_END:
			return;
		case IPOPT_NOOP:
			l--;
			optptr++;
			continue;
		}
		if (l < 2)
			return;
		optlen = optptr[1];
		if (optlen < 2 || optlen > l)
			return;
		if (!IPOPT_COPIED(*optptr))
			memset(optptr, IPOPT_NOOP, (size_t)optlen);
		l -= optlen;
		optptr += optlen;
	}
	opt->ts = 0;
	opt->rr = 0;
	opt->rr_needaddr = 0;
	opt->ts_needaddr = 0;
	opt->ts_needtime = 0;
}

/* ---- compiling ------------------------------------------------------------- */

/*
 * cipso_v4_validate - the well-formedness check of a kernel without
 * NetLabel: at least 8 bytes, a nonzero DOI, tags that fit.  Returns 0 or
 * the offset of the bad byte within the option.
 */
static int cipso_v4_validate(const unsigned char *opt)
{
	u8 opt_len = opt[1];
	int opt_iter;

	if (opt_len < 8)
		return 1;
	if (!(opt[2] | opt[3] | opt[4] | opt[5]))
		return 2;
	for (opt_iter = 6; opt_iter < opt_len;) {
		u8 tag_len;

		if (opt_iter + 1 == opt_len)
			return opt_iter;
		tag_len = opt[opt_iter + 1];
		if (tag_len == 0 || tag_len > opt_len - opt_iter)
			return opt_iter + 1;
		opt_iter += tag_len;
	}
	return 0;
}

/*
 * ip_options_capable - ns_capable(CAP_NET_RAW), asked when a socket sets
 * options only a privileged sender may (security, stream ID, CIPSO,
 * unknown options, unknown timestamp flags).  Simulated programs run as
 * root, so the answer is yes; a credential model would decide here.
 */
static bool ip_options_capable(const struct net *net)
{
	(void)net;
	return true;
}

/* an option's offset in the header, counted from @start, its first option byte */
static unsigned char opt_off(const unsigned char *start, const unsigned char *p)
{
	return (unsigned char)(p - start + (ptrdiff_t)sizeof(struct iphdr));
}

/*
 * the timestamp option's part: @optptr at the option, room for one entry
 * already checked.  Returns where this host's stamp goes (NULL: none now;
 * without @skb the sender's stamp is left to ip_options_build()).
 */
static unsigned char *ip_options_compile_ts(struct net *net, struct ip_options *opt,
					    struct sk_buff *skb, unsigned char *optptr,
					    __be32 *spec_dst, unsigned char **pp_ptr)
{
	unsigned char *timeptr = NULL;
	__be32 addr;

	switch (optptr[3] & 0xF) {
	case IPOPT_TS_TSONLY:
		if (skb)
			timeptr = &optptr[optptr[2] - 1];
		opt->ts_needtime = 1;
		optptr[2] += 4;
		break;
	case IPOPT_TS_TSANDADDR:
		if (optptr[2] + 7 > optptr[1]) {
			*pp_ptr = optptr + 2;
			return NULL;
		}
		if (skb && skb_rtable(skb)) {
			spec_dst_fill(spec_dst, skb);
			memcpy(&optptr[optptr[2] - 1], spec_dst, 4);
			timeptr = &optptr[optptr[2] + 3];
		}
		opt->ts_needaddr = 1;
		opt->ts_needtime = 1;
		optptr[2] += 8;
		break;
	case IPOPT_TS_PRESPEC:
		if (optptr[2] + 7 > optptr[1]) {
			*pp_ptr = optptr + 2;
			return NULL;
		}
		/* stamp only when the next prespecified address is ours */
		memcpy(&addr, &optptr[optptr[2] - 1], 4);
		if (inet_addr_type(net, addr) == RTN_UNICAST)
			break;
		if (skb)
			timeptr = &optptr[optptr[2] + 3];
		opt->ts_needtime = 1;
		optptr[2] += 8;
		break;
	default:
		/* unknown flags: passed on untouched; a socket needs CAP_NET_RAW */
		if (!skb && !ip_options_capable(net))
			*pp_ptr = optptr + 3;
		break;
	}
	return timeptr;
}

/*
 * __ip_options_compile - parse options into @opt (opt->optlen set by the
 * caller): with @skb, those of its header, doing this host's part of
 * record route and timestamp; without, the bytes at @data that a socket
 * was given (ip_options_get): a source route must then start at its first
 * address, which moves to opt->faddr as the rest of the list moves up,
 * and nothing is recorded (ip_options_build() does it per packet).
 * Returns 0, or -EINVAL with *@info (if given) the ICMP parameter
 * problem word (the offending byte's offset in the top byte).
 */
static int __ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb,
				unsigned char *data, __be32 *info)
{
	__be32 spec_dst = htonl(INADDR_ANY);
	unsigned char *pp_ptr = NULL;
	unsigned char *start = skb ? skb_network_header(skb) + sizeof(struct iphdr) : data;
	struct rtable *rt = skb ? skb_rtable(skb) : NULL;
	unsigned char *optptr = start;
	int optlen, l;

	for (l = opt->optlen; l > 0;) {
		switch (*optptr) {
		case IPOPT_END:
			/* everything after the end of the list is padding */
			for (optptr++, l--; l > 0; optptr++, l--) {
				if (*optptr != IPOPT_END) {
					*optptr = IPOPT_END;
					opt->is_changed = 1;
				}
			}
			goto eol;
		case IPOPT_NOOP:
			l--;
			optptr++;
			continue;
		}
		if (l < 2) {
			pp_ptr = optptr;
			goto error;
		}
		optlen = optptr[1];
		if (optlen < 2 || optlen > l) {
			pp_ptr = optptr;
			goto error;
		}
		switch (*optptr) {
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			if (optlen < 3) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 4) {
				pp_ptr = optptr + 2;
				goto error;
			}
			/* RFC 1812 5.2.4.1: at most one source route */
			if (opt->srr) {
				pp_ptr = optptr;
				goto error;
			}
			if (!skb) {
				/* a whole list of addresses, none used yet */
				if (optptr[2] != 4 || optlen < 7 || ((optlen - 3) & 3)) {
					pp_ptr = optptr + 1;
					goto error;
				}
				memcpy(&opt->faddr, &optptr[3], 4);
				if (optlen > 7)
					memmove(&optptr[3], &optptr[7], (size_t)optlen - 7);
			}
			opt->is_strictroute = (optptr[0] == IPOPT_SSRR);
			opt->srr = opt_off(start, optptr);
			break;
		case IPOPT_RR:
			if (opt->rr) {
				pp_ptr = optptr;
				goto error;
			}
			if (optlen < 3) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 4) {
				pp_ptr = optptr + 2;
				goto error;
			}
			/* room left: record ourselves (a forwarder rewrites it) */
			if (optptr[2] <= optlen) {
				if (optptr[2] + 3 > optlen) {
					pp_ptr = optptr + 2;
					goto error;
				}
				if (rt) {
					spec_dst_fill(&spec_dst, skb);
					memcpy(&optptr[optptr[2] - 1], &spec_dst, 4);
					opt->is_changed = 1;
				}
				optptr[2] += 4;
				opt->rr_needaddr = 1;
			}
			opt->rr = opt_off(start, optptr);
			break;
		case IPOPT_TIMESTAMP:
			if (opt->ts) {
				pp_ptr = optptr;
				goto error;
			}
			if (optlen < 4) {
				pp_ptr = optptr + 1;
				goto error;
			}
			if (optptr[2] < 5) {
				pp_ptr = optptr + 2;
				goto error;
			}
			if (optptr[2] <= optlen) {
				unsigned char *timeptr;

				if (optptr[2] + 3 > optlen) {
					pp_ptr = optptr + 2;
					goto error;
				}
				timeptr = ip_options_compile_ts(net, opt, skb, optptr, &spec_dst,
								&pp_ptr);
				if (pp_ptr)
					goto error;
				if (timeptr) {
					__be32 midtime = inet_current_timestamp(net);

					memcpy(timeptr, &midtime, 4);
					opt->is_changed = 1;
				}
			} else if ((optptr[3] & 0xF) != IPOPT_TS_PRESPEC) {
				/* full: count the hop in the overflow nibble (RFC 791) */
				unsigned int overflow = optptr[3] >> 4;

				if (overflow == 15) {
					pp_ptr = optptr + 3;
					goto error;
				}
				if (skb) {
					optptr[3] = (unsigned char)((optptr[3] & 0xF) |
								    ((overflow + 1) << 4));
					opt->is_changed = 1;
				}
			}
			opt->ts = opt_off(start, optptr);
			break;
		case IPOPT_RA:
			if (optlen < 4) {
				pp_ptr = optptr + 1;
				goto error;
			}
			/* RFC 2113: value 0, "router shall examine packet" */
			if (optptr[2] == 0 && optptr[3] == 0)
				opt->router_alert = opt_off(start, optptr);
			break;
		case IPOPT_CIPSO: {
			int bad;

			if ((!skb && !ip_options_capable(net)) || opt->cipso) {
				pp_ptr = optptr;
				goto error;
			}
			opt->cipso = opt_off(start, optptr);
			bad = cipso_v4_validate(optptr);
			if (bad) {
				pp_ptr = optptr + bad;
				goto error;
			}
			break;
		}
		case IPOPT_SEC:
		case IPOPT_SID:
		default:
			/* passed on unexamined; a socket needs CAP_NET_RAW to send them */
			if (!skb && !ip_options_capable(net)) {
				pp_ptr = optptr;
				goto error;
			}
			break;
		}
		l -= optlen;
		optptr += optlen;
	}

eol:
	if (!pp_ptr)
		return 0;
error:
	if (info)
		*info = htonl((u32)opt_off(start, pp_ptr) << 24);
	return -EINVAL;
}

/**
 * ip_options_compile - parse a received header's options into @opt
 * @opt: IPCB(skb)->opt, with optlen set (ihl * 4 - 20)
 * @skb: normally routed already (without a route nothing is recorded);
 *	its header may be rewritten (record route, timestamp, padding after END)
 *
 * Return: 0, or -EINVAL after sending ICMP parameter problem with the
 * offending byte's offset; the caller counts InHdrErrors and drops.
 */
int ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb)
{
	__be32 info = 0;
	int ret = __ip_options_compile(net, opt, skb, NULL, &info);

	trace_skb_walk(skb, skb->dev, "%u bytes of options%s%s%s%s", opt->optlen,
		       opt->rr ? ", record route" : "", opt->ts ? ", timestamp" : "",
		       opt->srr ? ", source route" : "", ret ? ": bad, parameter problem" : "");
	if (ret)
		icmp_send(skb, ICMP_PARAMETERPROB, 0, info);
	return ret;
}

/* ---- source routes ----------------------------------------------------------- */

/**
 * ip_options_rcv_srr - a received packet carries a source route
 * @skb: routed to us (its destination is the current list entry)
 *
 * Routes the packet to the next address of the list instead; addresses
 * that are ours are consumed on the spot.  A strict route whose packet
 * reached us by a normal unicast route answers parameter problem.
 *
 * Return: 0 (skb_dst may have changed; opt->srr_is_hit when it leaves),
 * or -EINVAL: the caller drops.
 */
int ip_options_rcv_srr(struct sk_buff *skb, struct net_device *dev)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct iphdr *iph = ip_hdr(skb);
	unsigned char *optptr = skb_network_header(skb) + opt->srr;
	struct rtable *rt = skb_rtable(skb);
	enum skb_drop_reason reason;
	int srrspace, srrptr;
	__be32 nexthop = 0;

	if (!rt)
		return 0;
	if (skb->pkt_type != PACKET_HOST)
		return -EINVAL;
	if (rt->rt_type == RTN_UNICAST) {
		/* not addressed to us: loose routes pass, strict ones are broken */
		if (!opt->is_strictroute)
			return 0;
		icmp_send(skb, ICMP_PARAMETERPROB, 0, htonl(16 << 24));
		return -EINVAL;
	}
	if (rt->rt_type != RTN_LOCAL)
		return -EINVAL;

	for (srrptr = optptr[2], srrspace = optptr[1]; srrptr <= srrspace; srrptr += 4) {
		struct dst_entry *orefdst;
		struct rtable *rt2;
		int err;

		if (srrptr + 3 > srrspace) {
			icmp_send(skb, ICMP_PARAMETERPROB, 0, htonl((u32)(opt->srr + 2) << 24));
			return -EINVAL;
		}
		memcpy(&nexthop, &optptr[srrptr - 1], 4);

		/* route towards the next hop, keeping the old route to fall back on */
		orefdst = skb_dst(skb);
		skb->dst = NULL;
		err = ip_route_input_noref(skb, nexthop, iph->saddr, iph->tos, dev, &reason);
		rt2 = skb_rtable(skb);
		if (err || !rt2 || (rt2->rt_type != RTN_UNICAST && rt2->rt_type != RTN_LOCAL)) {
			skb_dst_drop(skb);
			skb->dst = orefdst;
			return -EINVAL;
		}
		if (orefdst)
			dst_release(orefdst);
		if (rt2->rt_type != RTN_LOCAL)
			break;
		/* the next hop is us too: "superfast loopback forward" */
		iph->daddr = nexthop;
		opt->is_changed = 1;
	}
	if (srrptr <= srrspace) {
		opt->srr_is_hit = 1;
		opt->nexthop = nexthop;
		opt->is_changed = 1;
	}
	return 0;
}

/* ---- forwarding ------------------------------------------------------------- */

/*
 * ip_forward_options - a router's part, on a packet it forwards
 * (ip_forward_finish): its outgoing address into record route (over the
 * receive address ip_options_compile() put there), the source route's
 * next hop as the destination with our address recorded in its place,
 * and a fresh header checksum if anything changed.
 */
void ip_forward_options(struct sk_buff *skb)
{
	struct ip_options *opt = &IPCB(skb)->opt;
	struct rtable *rt = skb_rtable(skb);
	unsigned char *raw = skb_network_header(skb);
	unsigned char *optptr;

	if (opt->rr_needaddr) {
		optptr = raw + opt->rr;
		ip_rt_get_source(&optptr[optptr[2] - 5], skb, rt);
		opt->is_changed = 1;
	}
	if (opt->srr_is_hit) {
		int srrptr, srrspace;

		optptr = raw + opt->srr;
		for (srrptr = optptr[2], srrspace = optptr[1]; srrptr <= srrspace; srrptr += 4) {
			if (srrptr + 3 > srrspace)
				break;
			if (memcmp(&opt->nexthop, &optptr[srrptr - 1], 4) == 0)
				break;
		}
		if (srrptr + 3 <= srrspace) {
			opt->is_changed = 1;
			ip_hdr(skb)->daddr = opt->nexthop;
			ip_rt_get_source(&optptr[srrptr - 1], skb, rt);
			optptr[2] = (unsigned char)(srrptr + 4);
		}
		/* else the kernel logs "Argh! Destination lost!" and sends it on */
		if (opt->ts_needaddr) {
			optptr = raw + opt->ts;
			ip_rt_get_source(&optptr[optptr[2] - 9], skb, rt);
			opt->is_changed = 1;
		}
	}
	if (opt->is_changed) {
		opt->is_changed = 0;
		ip_send_check(ip_hdr(skb));
	}
}

/* ---- options a socket sets --------------------------------------------------- */

/**
 * ip_options_get - the options of setsockopt(IP_OPTIONS) (or an IP_RETOPTS
 * control message), checked and compiled for sending
 * @optp: where the socket keeps its options; replaced on success (the old
 *	ones freed), untouched on error.  Free with g_free().
 * @data: the option bytes as the program wrote them; padded with END to a
 *	multiple of 4.  @optlen 0 installs empty options (none are sent).
 *
 * A source route lists its first hop first, pointer 4, and ends with a
 * slot that ip_options_build() fills with the destination of each packet.
 *
 * Return: 0; -EINVAL for more than MAX_IPOPTLEN bytes or options that do
 * not compile (do_ip_setsockopt() and ip_options_compile() without an
 * skb); -EFAULT for @optlen bytes at NULL (copy_from_sockptr()).
 */
int ip_options_get(struct net *net, struct ip_options_data **optp, const void *data,
		   int optlen)
{
	struct ip_options_data *opt;

	if (optlen < 0 || optlen > MAX_IPOPTLEN)
		return -EINVAL;
	if (optlen && !data)
		return -EFAULT;
	opt = g_new0(struct ip_options_data, 1);
	if (optlen)
		memcpy(opt->__data, data, (size_t)optlen);
	while (optlen & 3)
		opt->__data[optlen++] = IPOPT_END;
	opt->opt.optlen = (unsigned char)optlen;
	if (optlen && __ip_options_compile(net, &opt->opt, NULL, opt->__data, NULL)) {
		g_free(opt);
		return -EINVAL;
	}
	g_free(*optp);
	*optp = opt;
	return 0;
}

/*
 * ip_options_undo - give compiled options their bytes as the program
 * wrote them back (what getsockopt(IP_OPTIONS) returns): the source
 * route's first hop in front again, record route and timestamp pointers
 * back before the entries compiling reserved.
 */
void ip_options_undo(struct ip_options_data *opt)
{
	struct ip_options *o = &opt->opt;
	unsigned char *optptr;

	if (o->srr) {
		optptr = opt->__data + o->srr - sizeof(struct iphdr);
		memmove(optptr + 7, optptr + 3, (size_t)optptr[1] - 7);
		memcpy(optptr + 3, &o->faddr, 4);
	}
	if (o->rr_needaddr) {
		optptr = opt->__data + o->rr - sizeof(struct iphdr);
		optptr[2] -= 4;
		memset(&optptr[optptr[2] - 1], 0, 4);
	}
	if (o->ts) {
		optptr = opt->__data + o->ts - sizeof(struct iphdr);
		if (o->ts_needtime) {
			optptr[2] -= 4;
			memset(&optptr[optptr[2] - 1], 0, 4);
			if ((optptr[3] & 0xF) == IPOPT_TS_PRESPEC)
				optptr[2] -= 4;
		}
		if (o->ts_needaddr) {
			optptr[2] -= 4;
			memset(&optptr[optptr[2] - 1], 0, 4);
		}
	}
}

/**
 * ip_options_flowi4 - what raw_sendmsg(), ping_v4_sendmsg() and
 * udp_sendmsg() do with a source route before routing: the route is
 * looked up towards its first hop, which a strict route must reach on
 * link (ip_sendmsg_scope(): RT_SCOPE_LINK)
 * @opt: the socket's options, or NULL
 * @fl4: daddr is the destination asked for; changed to the first hop
 *
 * Return: 0, or -EINVAL for a source route without a destination.
 */
int ip_options_flowi4(const struct ip_options_data *opt, struct flowi4 *fl4)
{
	if (!opt || !opt->opt.optlen)
		return 0;
	if (opt->opt.srr) {
		if (!fl4->daddr)
			return -EINVAL;
		fl4->daddr = opt->opt.faddr;
	}
	if (opt->opt.is_strictroute)
		fl4->flowi4_scope = RT_SCOPE_LINK;
	return 0;
}

/* ---- options of sent packets ------------------------------------------------ */

/**
 * ip_options_build - write @opt into the header of a packet we send
 * @skb: network header set, room for opt->opt.optlen bytes after the 20,
 *	saddr and daddr filled (daddr the first hop of a source route)
 * @daddr: the final destination, written into a source route's last slot
 * @rt: the output route (its source is what record route notes)
 *
 * IPCB(skb)->opt becomes @opt's offsets (for ip_options_fragment() and
 * ICMP errors about the packet).  Our address goes where record route or
 * timestamp-with-address reserved a slot, and the time where a stamp is
 * due: the sender is the first hop to record.  The caller sets ihl and
 * the checksum.
 */
void ip_options_build(struct sk_buff *skb, const struct ip_options_data *opt, __be32 daddr,
		      struct rtable *rt)
{
	unsigned char *iph = skb_network_header(skb);
	struct ip_options *o = &IPCB(skb)->opt;

	*o = opt->opt;
	memcpy(iph + sizeof(struct iphdr), opt->__data, opt->opt.optlen);
	if (o->srr)
		memcpy(iph + o->srr + iph[o->srr + 1] - 4, &daddr, 4);
	if (o->rr_needaddr)
		ip_rt_get_source(iph + o->rr + iph[o->rr + 2] - 5, skb, rt);
	if (o->ts_needaddr)
		ip_rt_get_source(iph + o->ts + iph[o->ts + 2] - 9, skb, rt);
	if (o->ts_needtime) {
		__be32 midtime = inet_current_timestamp(dev_net(rt->dst.dev));

		memcpy(iph + o->ts + iph[o->ts + 2] - 5, &midtime, 4);
	}
}

/**
 * __ip_options_echo - the options of an answer to @skb (an ICMP reply or
 * error; the kernel also uses it for TCP's SYN-ACK and IP_RETOPTS)
 * @dopt: filled; optlen 0 when nothing is to be echoed.  Never @skb's.
 * @sopt: @skb's compiled options (IPCB(skb)->opt)
 *
 * Record route and timestamp are copied with their entries so far, and
 * the answer reserves its own entry if there is room (ip_options_build()
 * fills it): the route back continues the route there.  A source route
 * is reversed: the addresses recorded on the way (the hops' outgoing
 * addresses) in reverse order, the last of them as the first hop
 * (dopt->opt.faddr), and a last slot for the original source; an entry
 * equal to the source itself is left out (RFC 1812 5.2.4.1 "illegal
 * source routes").  A source route nothing was recorded in is not
 * echoed.  CIPSO is copied; router alert, security and the rest are not.
 *
 * Return: 0, or -EINVAL when a pointer claims room its option has not
 * (the answer is then not sent).
 */
int __ip_options_echo(struct net *net, struct ip_options_data *dopt, struct sk_buff *skb,
		      const struct ip_options *sopt)
{
	unsigned char *sptr, *dptr;
	int soffset, doffset, optlen;

	memset(dopt, 0, sizeof(*dopt));
	if (sopt->optlen == 0)
		return 0;
	sptr = skb_network_header(skb);
	dptr = dopt->__data;

	if (sopt->rr) {
		optlen = sptr[sopt->rr + 1];
		soffset = sptr[sopt->rr + 2];
		dopt->opt.rr = (unsigned char)(dopt->opt.optlen + sizeof(struct iphdr));
		memcpy(dptr, sptr + sopt->rr, (size_t)optlen);
		if (sopt->rr_needaddr && soffset <= optlen) {
			if (soffset + 3 > optlen)
				return -EINVAL;
			dptr[2] = (unsigned char)(soffset + 4);
			dopt->opt.rr_needaddr = 1;
		}
		dptr += optlen;
		dopt->opt.optlen = (unsigned char)(dopt->opt.optlen + optlen);
	}
	if (sopt->ts) {
		optlen = sptr[sopt->ts + 1];
		soffset = sptr[sopt->ts + 2];
		dopt->opt.ts = (unsigned char)(dopt->opt.optlen + sizeof(struct iphdr));
		memcpy(dptr, sptr + sopt->ts, (size_t)optlen);
		if (soffset <= optlen) {
			if (sopt->ts_needaddr) {
				if (soffset + 3 > optlen)
					return -EINVAL;
				dopt->opt.ts_needaddr = 1;
				soffset += 4;
			}
			if (sopt->ts_needtime) {
				if (soffset + 3 > optlen)
					return -EINVAL;
				if ((dptr[3] & 0xF) != IPOPT_TS_PRESPEC) {
					dopt->opt.ts_needtime = 1;
					soffset += 4;
				} else if (soffset + 7 <= optlen) {
					__be32 addr;

					/* stamp only if the next address asked for is ours */
					memcpy(&addr, dptr + soffset - 1, 4);
					if (inet_addr_type(net, addr) != RTN_UNICAST) {
						dopt->opt.ts_needtime = 1;
						soffset += 8;
					}
				}
			}
			dptr[2] = (unsigned char)soffset;
		}
		dptr += optlen;
		dopt->opt.optlen = (unsigned char)(dopt->opt.optlen + optlen);
	}
	if (sopt->srr) {
		unsigned char *start = sptr + sopt->srr;
		__be32 faddr = 0;

		optlen = start[1];
		soffset = start[2];
		doffset = 0;
		if (soffset > optlen)
			soffset = optlen + 1;
		soffset -= 4;		/* the last address recorded */
		if (soffset > 3) {
			memcpy(&faddr, &start[soffset - 1], 4);
			for (soffset -= 4, doffset = 4; soffset > 3; soffset -= 4, doffset += 4)
				memcpy(&dptr[doffset - 1], &start[soffset - 1], 4);
			/* the source listed as its own first hop: drop it */
			if (memcmp(&ip_hdr(skb)->saddr, &start[soffset + 3], 4) == 0)
				doffset -= 4;
		}
		if (doffset > 3) {
			dopt->opt.faddr = faddr;
			dptr[0] = start[0];
			dptr[1] = (unsigned char)(doffset + 3);
			dptr[2] = 4;
			dptr += doffset + 3;
			dopt->opt.srr = (unsigned char)(dopt->opt.optlen + sizeof(struct iphdr));
			dopt->opt.optlen = (unsigned char)(dopt->opt.optlen + doffset + 3);
			dopt->opt.is_strictroute = sopt->is_strictroute;
		}
	}
	if (sopt->cipso) {
		optlen = sptr[sopt->cipso + 1];
		dopt->opt.cipso = (unsigned char)(dopt->opt.optlen + sizeof(struct iphdr));
		memcpy(dptr, sptr + sopt->cipso, (size_t)optlen);
		dptr += optlen;
		dopt->opt.optlen = (unsigned char)(dopt->opt.optlen + optlen);
	}
	while (dopt->opt.optlen & 3) {
		*dptr++ = IPOPT_END;
		dopt->opt.optlen++;
	}
	return 0;
}
