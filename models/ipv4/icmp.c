/*
 * models/ipv4/icmp.c - the Internet Control Message Protocol (RFC 792)
 *
 * Mirrors net/ipv4/icmp.c:
 *   - icmp_rcv(): checksum (InCsumErrors), per-type counters (IcmpMsg),
 *     broadcasts answered only for what RFC 1122 allows (echo to
 *     broadcast ignored with icmp_echo_ignore_broadcasts), echo requests
 *     answered by icmp_echo() unless icmp_echo_ignore_all;
 *   - __icmp_send(): an error about a packet, except about errors, about
 *     non-first fragments, about link or IP broadcasts; TOS 0xc0; as much
 *     of the offending packet as fits in 576 bytes; the source address
 *     the route back picks; rate limits for the types in icmp_ratemask
 *     (not fragmentation needed): a global credit (icmp_msgs_per_sec,
 *     icmp_msgs_burst, OutRateLimitGlobal) and a per-destination token
 *     bucket (icmp_ratelimit, burst of 6, OutRateLimitHost).
 *   - echo replies and errors carry the options ip_options_echo() makes
 *     of the offending packet's (record route and timestamp continued,
 *     a source route reversed and followed back).
 * Raw sockets got their copies before icmp_rcv (ip_local_deliver_finish);
 * errors reach raw sockets of the quoted protocol (raw_icmp_error) and
 * its handler, echo replies and errors about echo requests ping sockets
 * (ping_rcv, ping_err).  Received messages are also offered to listeners:
 * the built-in ping program's own raw socket (models/apps/ping.c).
 */
#include "net/icmp.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "net/ip.h"
#include "net/ping.h"
#include "net/raw.h"
#include "net/route.h"
#include "trace/skbwalk.h"

#define IPTOS_PREC_INTERNETCONTROL 0xc0
#define XRLIM_BURST_FACTOR 6

/* ---- rate limits ------------------------------------------------------- */

static bool icmpv4_mask_allow(struct net *net, int type, int code)
{
	if (type > NR_ICMP_TYPES)
		return true;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return true;		/* never limit PMTU discovery */
	return !((1 << type) & net->ipv4.sysctl->sysctl_icmp_ratemask);
}

static bool icmp_global_allow(struct net *net)
{
	unsigned long now = sim_jiffies(net->w), hz = net->w->hz;
	u32 delta;
	int incr;

	if ((int)net->ipv4.icmp_global_credit > 0)
		return true;
	delta = (u32)min(now - net->ipv4.icmp_global_stamp, hz);
	if (delta < hz / 50)
		return false;
	incr = (int)((u64)net->ipv4.sysctl->sysctl_icmp_msgs_per_sec * delta / hz);
	if (!incr)
		return false;
	net->ipv4.icmp_global_stamp = now;
	net->ipv4.icmp_global_credit = (u32)min((int)net->ipv4.icmp_global_credit + incr,
						net->ipv4.sysctl->sysctl_icmp_msgs_burst);
	return true;
}

static void icmp_global_consume(struct net *net)
{
	/* 0 to 2 credits, so the limit is not exactly predictable */
	u32 credits = sim_rng_below(&net->ipv4.ip_id_rng, 3);

	net->ipv4.icmp_global_credit = (u32)((int)net->ipv4.icmp_global_credit - (int)credits);
}

static bool icmpv4_global_allow(struct net *net, int type, int code, bool *apply)
{
	if (icmpv4_mask_allow(net, type, code))
		return true;
	if (icmp_global_allow(net)) {
		*apply = true;
		return true;
	}
	__ICMP_INC_STATS(net, ICMP_MIB_RATELIMITGLOBAL);
	return false;
}

/* inet_getpeer_v4: the peer entry of @daddr, created on first use */
struct icmp_peer *icmp_getpeer(struct net *net, __be32 daddr)
{
	GHashTable *peers = net->ipv4.icmp_peers;
	struct icmp_peer *peer;

	/* made with the first peer: most nodes never limit an ICMP error */
	if (!peers)
		peers = net->ipv4.icmp_peers = g_hash_table_new_full(g_direct_hash,
								     g_direct_equal, NULL, g_free);
	peer = g_hash_table_lookup(peers, GUINT_TO_POINTER(daddr));
	if (!peer) {
		peer = g_new0(struct icmp_peer, 1);	/* rate_last 0: a full burst */
		g_hash_table_insert(peers, GUINT_TO_POINTER(daddr), peer);
	}
	return peer;
}

/* inet_peer_xrlim_allow for the destination's peer entry */
static bool icmpv4_xrlim_allow(struct net *net, struct rtable *rt, __be32 daddr, bool apply)
{
	unsigned long now = sim_jiffies(net->w), timeout, token;
	struct icmp_peer *peer;

	if (!apply || (rt->dst.dev->flags & IFF_LOOPBACK))
		return true;
	peer = icmp_getpeer(net, daddr);
	timeout = (unsigned long)net->ipv4.sysctl->sysctl_icmp_ratelimit;
	token = peer->rate_tokens + (now - peer->rate_last);
	peer->rate_last = now;
	if (token > XRLIM_BURST_FACTOR * timeout)
		token = XRLIM_BURST_FACTOR * timeout;
	if (token >= timeout) {
		peer->rate_tokens = token - timeout;
		return true;
	}
	peer->rate_tokens = token;
	__ICMP_INC_STATS(net, ICMP_MIB_RATELIMITHOST);
	return false;
}

/* ---- sending ----------------------------------------------------------------- */

/*
 * icmp_push_reply - an ICMP message with @hdr and the first @data_len bytes
 * at @data, from @saddr to @daddr over @rt, with the options @opt (@rt
 * leads to a source route's first hop, @daddr ends it).
 */
static void icmp_push_reply(struct net *net, struct rtable *rt, const struct icmphdr *hdr,
			    const void *data, unsigned int data_len, __be32 saddr, __be32 daddr,
			    u8 tos, const struct ip_options_data *opt)
{
	unsigned int headroom = NET_SKB_PAD + ETH_HLEN + sizeof(struct iphdr) + opt->opt.optlen;
	struct sk_buff *skb = alloc_skb(net, headroom + sizeof(*hdr) + data_len);
	struct icmphdr *icmph;

	if (!skb) {
		__ICMP_INC_STATS(net, ICMP_MIB_OUTERRORS);
		return;
	}
	skb_reserve(skb, (int)headroom);
	icmph = skb_put_data(skb, hdr, sizeof(*hdr));
	skb_put_data(skb, data, data_len);
	icmph->checksum = 0;
	icmph->checksum = ip_compute_csum(icmph, (int)(sizeof(*hdr) + data_len));
	/* ip_push_skb counts it, as __ip_make_skb does for any ICMP socket */
	/* the ICMP socket does not do PMTU discovery: no DF */
	ip_push_skb_opt(net, NULL, skb, rt, saddr, daddr, IPPROTO_ICMP, tos,
			(u8)net->ipv4.sysctl->sysctl_ip_default_ttl, false, opt);
}

void icmp_out_count(struct net *net, unsigned char type)
{
	ICMPMSGOUT_INC_STATS(net, type);
	__ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
}

void __icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct rtable *rt = skb_rtable(skb_in);
	const struct iphdr *iph;
	struct net *net;
	struct rtable *rt2;
	struct icmphdr hdr = { .type = (u8)type, .code = (u8)code };
	struct ip_options_data replyopts;
	struct flowi4 fl4;
	bool apply = false;
	unsigned int room, data_len;
	__be32 saddr;
	u8 tos;
	int err = 0;

	if (!rt || !skb_in->dev)
		return;
	trace_skb_walk_fn(skb_in, "icmp_send", skb_in->dev,
			  "type %d code %d about this packet (the error is a new skb)", type, code);
	net = dev_net(rt->dst.dev);
	iph = ip_hdr(skb_in);
	if (skb_network_header(skb_in) < skb_in->head ||
	    skb_network_header(skb_in) + sizeof(*iph) > skb_tail_pointer(skb_in))
		return;
	/* no replies to physical multicast/broadcast */
	if (skb_in->pkt_type != PACKET_HOST && skb_in->pkt_type != PACKET_LOOPBACK &&
	    skb_in->pkt_type != PACKET_OUTGOING)
		return;
	/* ... nor at the protocol level */
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return;
	/* only about fragment 0 */
	if (iph->frag_off & htons(IP_OFFSET))
		return;
	/* no error about an ICMP error (RFC 1122 3.2.2) */
	if (icmp_is_err(type) && iph->protocol == IPPROTO_ICMP) {
		const u8 *itp = skb_network_header(skb_in) + iph->ihl * 4;

		if (itp + 1 > skb_tail_pointer(skb_in))
			return;
		if (*itp > NR_ICMP_TYPES || icmp_is_err(*itp))
			return;
	}
	if (!(skb_in->dev->flags & IFF_LOOPBACK) && !icmpv4_global_allow(net, type, code, &apply))
		return;
	/* the source: the address the offending packet went to, if ours */
	saddr = iph->daddr;
	if (!(rt->rt_flags & RTCF_LOCAL)) {
		saddr = 0;
		if (rt->rt_is_input && net->ipv4.sysctl->sysctl_icmp_errors_use_inbound_ifaddr) {
			struct net_device *dev = __dev_get_by_index(net, IPCB(skb_in)->iif);

			if (dev)
				saddr = inet_select_addr(dev, iph->saddr, RT_SCOPE_LINK);
		}
	}
	tos = icmp_is_err(type) ? (u8)((iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL)
				  : iph->tos;
	if (__ip_options_echo(net, &replyopts, skb_in, &IPCB(skb_in)->opt))
		return;
	fl4 = (struct flowi4){ .daddr = replyopts.opt.srr ? replyopts.opt.faddr : iph->saddr,
			       .saddr = saddr, .flowi4_tos = tos & IPTOS_TOS_MASK,
			       .flowi4_proto = IPPROTO_ICMP };
	rt2 = ip_route_output_key(net, &fl4, &err);
	if (!rt2)
		return;
	if (!icmpv4_xrlim_allow(net, rt2, fl4.daddr, apply))
		goto out;
	/* RFC 1812 4.3.2.3: as much as fits in 576 bytes */
	room = dst_mtu(&rt2->dst);
	if (room > 576)
		room = 576;
	room -= sizeof(struct iphdr) + replyopts.opt.optlen + sizeof(struct icmphdr);
	if (room <= sizeof(struct iphdr))
		goto out;
	/* the offending packet from its IP header, no further than it goes */
	data_len = (unsigned int)(skb_tail_pointer(skb_in) - skb_network_header(skb_in));
	if (data_len > ntohs(iph->tot_len) && ntohs(iph->tot_len) >= sizeof(*iph))
		data_len = ntohs(iph->tot_len);
	if (data_len > room)
		data_len = room;
	hdr.un.gateway = info;
	icmp_push_reply(net, rt2, &hdr, skb_network_header(skb_in), data_len, fl4.saddr,
			iph->saddr, tos, &replyopts);
	if (apply)
		icmp_global_consume(net);
out:
	ip_rt_put(rt2);
}

/* ---- receiving ------------------------------------------------------------- */

/* icmp_echo: the reply carries the request's identifier, sequence and data */
static bool icmp_echo(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	const struct iphdr *iph = ip_hdr(skb);
	struct rtable *rt = skb_rtable(skb);
	struct icmphdr hdr = *icmp_hdr(skb);
	struct ip_options_data replyopts;
	struct flowi4 fl4 = { .daddr = iph->saddr, .flowi4_proto = IPPROTO_ICMP,
			      .flowi4_tos = iph->tos & IPTOS_TOS_MASK };
	struct rtable *rt2;
	int err = 0;

	if (net->ipv4.sysctl->sysctl_icmp_echo_ignore_all)
		return true;
	/* icmp_reply: the request's options, answered; a source route is followed back */
	if (ip_options_echo(net, &replyopts, skb))
		return true;
	if (replyopts.opt.srr)
		fl4.daddr = replyopts.opt.faddr;
	/* reply from the address asked, or the route's choice for a broadcast */
	if (rt->rt_flags & RTCF_LOCAL && !(rt->rt_flags & RTCF_BROADCAST))
		fl4.saddr = iph->daddr;
	trace_skb_walk(skb, skb->dev, "echo request id %u seq %u: answer it",
		       ntohs(hdr.un.echo.id), ntohs(hdr.un.echo.sequence));
	rt2 = ip_route_output_key(net, &fl4, &err);
	if (!rt2)
		return true;
	trace_skb_walk_fn(skb, "icmp_reply", rt2->dst.dev,
			  "echo reply " WALK_IP4 " > " WALK_IP4 " out %s (a new skb)",
			  WALK_IP4_ARG(fl4.saddr), WALK_IP4_ARG(iph->saddr), rt2->dst.dev->name);
	hdr.type = ICMP_ECHOREPLY;
	hdr.code = 0;
	icmp_push_reply(net, rt2, &hdr, skb->data + sizeof(hdr), skb->len - sizeof(hdr),
			fl4.saddr, iph->saddr, iph->tos, &replyopts);
	ip_rt_put(rt2);
	return true;
}

static bool icmp_offer_listeners(struct net *net, struct sk_buff *skb, u32 info)
{
	for (struct icmp_listener *l = net->ipv4.icmp_listeners; l; l = l->next)
		if (l->rcv(l, skb, info))
			return true;
	return false;
}

/*
 * icmp_err - the IPPROTO_ICMP error handler: an error about an echo reply
 * the kernel itself sent (no socket will take it) still teaches the route
 * its path MTU (ipv4_update_pmtu); the rest is for the sockets.
 */
static void icmp_err(struct net *net, struct sk_buff *skb, u32 info)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph = (const struct iphdr *)(icmph + 1);
	unsigned int len = (unsigned int)(skb_tail_pointer(skb) - (const u8 *)icmph);
	const struct icmphdr *inner;

	if (len < sizeof(*icmph) + sizeof(*iph) || iph->ihl < 5 ||
	    len < sizeof(*icmph) + iph->ihl * 4u + sizeof(*inner) || iph->protocol != IPPROTO_ICMP)
		return;
	inner = (const struct icmphdr *)((const u8 *)iph + iph->ihl * 4u);
	/* every error but one about an echo reply the kernel sent: ping sockets */
	if (inner->type != ICMP_ECHOREPLY) {
		ping_err(skb, sizeof(*icmph), info);
		return;
	}
	if (icmph->type == ICMP_DEST_UNREACH && icmph->code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(net, iph, info, 0, 0, IPPROTO_ICMP);
}

/* the IPPROTO_ICMP entry of inet_protos */
int icmp_err_handler(struct sk_buff *skb, u32 info)
{
	icmp_err(dev_net(skb->dev), skb, info);
	return 0;
}

/*
 * icmp_socket_deliver - hand an error to the handler of the protocol it
 * quotes (udp_err, icmp_err), which finds the socket.  The quoted header
 * and the 8 bytes after it (RFC 792) must be there.  The handler sees the
 * skb with its transport header at the ICMP header.
 */
static void icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph = (const struct iphdr *)(icmph + 1);
	unsigned int len = (unsigned int)(skb_tail_pointer(skb) - (const u8 *)icmph);
	const struct net_protocol *ipprot;

	if (len < sizeof(*icmph) + sizeof(*iph) || iph->ihl < 5 ||
	    len < sizeof(*icmph) + iph->ihl * 4u + 8)
		return;
	raw_icmp_error(skb, iph->protocol, info);
	ipprot = inet_protos[iph->protocol];
	trace_skb_walk(skb, skb->dev, "quotes protocol %u " WALK_IP4 " > " WALK_IP4 ": %s",
		       iph->protocol, WALK_IP4_ARG(iph->saddr), WALK_IP4_ARG(iph->daddr),
		       ipprot && ipprot->err_handler ? "its err_handler looks for the socket" :
		       "no err_handler");
	if (ipprot && ipprot->err_handler)
		ipprot->err_handler(skb, info);
}

/*
 * icmp_unreach - the info an error carries to the sockets (icmp_socket_deliver):
 * for fragmentation needed the next-hop MTU (RFC 1191), unless
 * net.ipv4.ip_no_pmtu_disc says otherwise: 1 reports 0 (the raw socket
 * then locks the route at min_pmtu, as Linux does), 2 and 3 drop the
 * message (3 keeps it only for protocols that validate it: not ICMP).
 * Return: false when the message is to be dropped.
 */
static bool icmp_unreach(struct net *net, const struct icmphdr *icmph, u32 *info)
{
	*info = 0;
	if (icmph->type == ICMP_PARAMETERPROB) {
		*info = ntohl(icmph->un.gateway) >> 24;
		return true;
	}
	if (icmph->type != ICMP_DEST_UNREACH || (icmph->code & 15) != ICMP_FRAG_NEEDED)
		return true;
	switch (net->ipv4.sysctl->sysctl_ip_no_pmtu_disc) {
	default:
		break;
	case 2:
	case 3:			/* icmp_tag_validation(IPPROTO_ICMP) is false */
		return false;
	case 0:
		*info = ntohs(icmph->un.frag.mtu);
		break;
	}
	return true;
}

/*
 * icmp_redirect - the quoted header must be there.  The kernel's protocol
 * error handlers (tcp_v4_err, udp_err, icmp_err, ping_err, raw_err) each
 * call ipv4_redirect or ipv4_sk_redirect; we do it once here for all.
 */
static bool icmp_redirect(struct net *net, struct sk_buff *skb)
{
	if (skb->len < sizeof(struct icmphdr) + sizeof(struct iphdr)) {
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return false;
	}
	if (!pskb_may_pull(skb, sizeof(struct icmphdr) + sizeof(struct iphdr)))
		return false;
	ipv4_redirect(net, skb);
	return true;
}

int icmp_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	struct rtable *rt = skb_rtable(skb);
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	struct icmphdr *icmph;

	__ICMP_INC_STATS(net, ICMP_MIB_INMSGS);
	if (!pskb_may_pull(skb, sizeof(*icmph)))
		goto error;
	if (ip_compute_csum(skb->data, (int)skb->len)) {
		reason = SKB_DROP_REASON_ICMP_CSUM;
		__ICMP_INC_STATS(net, ICMP_MIB_CSUMERRORS);
		goto error;
	}
	skb_reset_transport_header(skb);
	icmph = icmp_hdr(skb);
	ICMPMSGIN_INC_STATS(net, icmph->type);
	trace_skb_walk(skb, skb->dev, "type %u code %u, checksum ok", icmph->type, icmph->code);
	if (icmph->type > NR_ICMP_TYPES) {
		reason = SKB_DROP_REASON_UNHANDLED_PROTO;
		goto error;
	}
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)) {
		/* RFC 1122 3.2.2.6 and 3.2.2.8: echo and timestamp to broadcast may be ignored */
		if ((icmph->type == ICMP_ECHO || icmph->type == ICMP_TIMESTAMP) &&
		    net->ipv4.sysctl->sysctl_icmp_echo_ignore_broadcasts) {
			reason = SKB_DROP_REASON_INVALID_PROTO;
			goto error;
		}
		if (icmph->type != ICMP_ECHO && icmph->type != ICMP_TIMESTAMP &&
		    icmph->type != ICMP_ADDRESS && icmph->type != ICMP_ADDRESSREPLY) {
			reason = SKB_DROP_REASON_INVALID_PROTO;
			goto error;
		}
	}
	if (icmph->type == ICMP_ECHO) {
		icmp_echo(skb);
		consume_skb(skb);
		return 0;
	}
	if (icmph->type == ICMP_REDIRECT && !icmp_redirect(net, skb)) {
		kfree_skb_reason(skb, reason);
		return 0;
	}
	icmph = icmp_hdr(skb);
	/* echo replies and errors: the ping program (ping_rcv, ping_err) */
	if (icmp_is_err(icmph->type)) {
		u32 info;

		if (!icmp_unreach(net, icmph, &info)) {
			consume_skb(skb);
			return 0;
		}
		icmp_socket_deliver(skb, info);
		if (icmp_offer_listeners(net, skb, info))
			return 0;
	} else {
		/* icmp_pointers[ICMP_ECHOREPLY].handler: ping sockets take a copy */
		if (icmph->type == ICMP_ECHOREPLY)
			ping_rcv(skb);
		if (icmp_offer_listeners(net, skb, 0))
			return 0;
	}
	consume_skb(skb);
	return 0;
error:
	__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	kfree_skb_reason(skb, reason);
	return 0;
}

void icmp_listener_add(struct net *net, struct icmp_listener *l)
{
	l->next = net->ipv4.icmp_listeners;
	net->ipv4.icmp_listeners = l;
}

void icmp_listener_del(struct net *net, struct icmp_listener *l)
{
	for (struct icmp_listener **p = &net->ipv4.icmp_listeners; *p; p = &(*p)->next) {
		if (*p == l) {
			*p = l->next;
			return;
		}
	}
}

int icmp_net_init(struct net *net, struct sim_err *err)
{
	(void)err;
	net->ipv4.icmp_global_credit = (u32)net->ipv4.sysctl->sysctl_icmp_msgs_burst;
	net->ipv4.icmp_global_stamp = sim_jiffies(net->w);
	return 0;
}

void icmp_net_exit(struct net *net)
{
	if (net->ipv4.icmp_peers)
		g_hash_table_unref(net->ipv4.icmp_peers);
	net->ipv4.icmp_peers = NULL;
}
