/*
 * models/ipv4/ip_options.c - IPv4 options (RFC 791 3.1)
 *
 * Mirrors net/ipv4/ip_options.c of Linux 6.x for received packets:
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
 * Differences: only options of received packets are compiled (there are
 * no IP_OPTIONS sockets, so no ip_options_get/ip_options_build, and
 * ip_options_echo for ICMP replies is not done: echo replies and errors
 * carry no options); CIPSO options are checked for well-formedness only,
 * as a kernel without NetLabel does (cipso_v4_validate's fallback), and
 * not matched against DOIs.  Timestamps are milliseconds since midnight
 * of simulated time, the run starting at midnight UT.
 * fib_compute_spec_dst (fib_frontend.c) and ip_rt_get_source (route.c)
 * live here, their only users for now.
 */
#include "net/ip.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "net/icmp.h"
#include "net/ip_fib.h"

#define LOOPBACK_IFINDEX	1

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

/* the timestamp option's part: @optptr at the option, room already checked */
static unsigned char *ip_options_compile_ts(struct net *net, struct ip_options *opt,
					    struct sk_buff *skb, unsigned char *optptr,
					    __be32 *spec_dst, unsigned char **pp_ptr)
{
	unsigned char *timeptr = NULL;
	__be32 addr;

	switch (optptr[3] & 0xF) {
	case IPOPT_TS_TSONLY:
		timeptr = &optptr[optptr[2] - 1];
		opt->ts_needtime = 1;
		optptr[2] += 4;
		break;
	case IPOPT_TS_TSANDADDR:
		if (optptr[2] + 7 > optptr[1]) {
			*pp_ptr = optptr + 2;
			return NULL;
		}
		if (skb_rtable(skb)) {
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
		timeptr = &optptr[optptr[2] + 3];
		opt->ts_needtime = 1;
		optptr[2] += 8;
		break;
	default:
		/* unknown flags: passed on untouched (a socket would need CAP_NET_RAW) */
		break;
	}
	return timeptr;
}

/*
 * __ip_options_compile - parse the options of @skb's header into @opt
 * (opt->optlen set by the caller) and do this host's part of record
 * route and timestamp.  Returns 0, or -EINVAL with *@info the ICMP
 * parameter problem word (pointer in the top byte).
 */
static int __ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb,
				__be32 *info)
{
	__be32 spec_dst = htonl(INADDR_ANY);
	unsigned char *pp_ptr = NULL;
	unsigned char *optptr = skb_network_header(skb) + sizeof(struct iphdr);
	unsigned char *iph = skb_network_header(skb);
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
			opt->is_strictroute = (optptr[0] == IPOPT_SSRR);
			opt->srr = (unsigned char)(optptr - iph);
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
				if (skb_rtable(skb)) {
					spec_dst_fill(&spec_dst, skb);
					memcpy(&optptr[optptr[2] - 1], &spec_dst, 4);
					opt->is_changed = 1;
				}
				optptr[2] += 4;
				opt->rr_needaddr = 1;
			}
			opt->rr = (unsigned char)(optptr - iph);
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
				optptr[3] = (unsigned char)((optptr[3] & 0xF) | ((overflow + 1) << 4));
				opt->is_changed = 1;
			}
			opt->ts = (unsigned char)(optptr - iph);
			break;
		case IPOPT_RA:
			if (optlen < 4) {
				pp_ptr = optptr + 1;
				goto error;
			}
			/* RFC 2113: value 0, "router shall examine packet" */
			if (optptr[2] == 0 && optptr[3] == 0)
				opt->router_alert = (unsigned char)(optptr - iph);
			break;
		case IPOPT_CIPSO: {
			int bad;

			if (opt->cipso) {
				pp_ptr = optptr;
				goto error;
			}
			opt->cipso = (unsigned char)(optptr - iph);
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
			/* passed on unexamined, as the kernel does for received packets */
			break;
		}
		l -= optlen;
		optptr += optlen;
	}

eol:
	if (!pp_ptr)
		return 0;
error:
	*info = htonl((u32)(pp_ptr - iph) << 24);
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
	int ret = __ip_options_compile(net, opt, skb, &info);

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
