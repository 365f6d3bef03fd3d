/*
 * models/ipv4/udp.c - the User Datagram Protocol (RFC 768)
 *
 * Mirrors net/ipv4/udp.c for Linux 6.x:
 *   binding	udp_v4_get_port() (udp_lib_get_port): a port given, or an
 *		ephemeral one from net.ipv4.ip_local_port_range; the conflict
 *		rules of udp_lib_lport_inuse() (both SO_REUSEADDR, or both
 *		SO_REUSEPORT; different bound devices and different addresses
 *		never conflict, a wildcard overlaps every address);
 *   lookup	__udp4_lib_lookup(): the bound address first, then the
 *		wildcard, scored as compute_score() does (connected peer,
 *		bound device), a SO_REUSEPORT group picked by a flow hash;
 *   receive	udp_rcv() (__udp4_lib_rcv): length and checksum checks,
 *		broadcast to every matching socket (__udp4_lib_mcast_deliver),
 *		NoPorts and ICMP port unreachable, udp_queue_rcv_skb() with the
 *		receive buffer rule of __udp_enqueue_schedule_skb();
 *   send	udp_sendmsg(): destination checks, IP_PKTINFO/IP_TTL/IP_TOS
 *		cmsgs, the route (SO_DONTROUTE: on-link only), EACCES for a
 *		broadcast without SO_BROADCAST, MSG_CONFIRM (neigh_confirm),
 *		corking (UDP_CORK, MSG_MORE) and udp_send_skb() with the
 *		checksum;
 *   recvmsg	udp_recvmsg(): MSG_PEEK, MSG_TRUNC (flag and return value),
 *		the pending error first, InDatagrams counted when read;
 *   errors	udp_err() (__udp4_lib_err): ICMP errors become sk_err on a
 *		connected socket (or any with IP_RECVERR) and an error-queue
 *		entry with IP_RECVERR.
 * Differences: no UDP-Lite sockets (the UdpLite: line stays zero), no
 * GSO/GRO, no encapsulation sockets, no multicast group membership (a
 * multicast datagram reaches every socket bound to its port, the
 * kernel's behaviour with IP_MULTICAST_ALL); a corked datagram is kept as
 * bytes and made into one skb when pushed.
 */
#include "net/udp.h"

#include <errno.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "trace/skbwalk.h"

/* ---- the table of bound sockets ---------------------------------------------- */

static struct list_head *udp_slot(struct net *net, u16 num)
{
	return udp_table_chain(net->ipv4.udp_table, udp_hashfn(num));
}

/*
 * udp_table_grow - room for one more bound socket: the first chain (in the
 * table), or twice as many when they average two sockets.  Each old chain
 * is moved oldest first, so every new chain is again newest first: which
 * chain a socket is on, and its place there, do not depend on the growth.
 */
static void udp_table_grow(struct udp_table *t)
{
	unsigned int n = t->hash ? t->hash_mask + 1 : 0;
	unsigned int nn = n ? n * 2 : 1;
	struct list_head *old = t->hash;

	if (n && (t->hashed < 2 * n || n >= UDP_HTABLE_SIZE))
		return;
	t->hash = nn == 1 ? &t->chain0 : g_new(struct list_head, nn);
	t->hash_mask = nn - 1;
	for (unsigned int i = 0; i < nn; i++)
		INIT_LIST_HEAD(&t->hash[i]);
	for (unsigned int i = 0; i < n; i++) {
		while (!list_empty(&old[i])) {
			struct sock *sk = list_entry(old[i].prev, struct sock, sk_bind_node);

			list_del(&sk->sk_bind_node);
			list_add(&sk->sk_bind_node, &t->hash[udp_hashfn(sk->sk_num) & t->hash_mask]);
		}
	}
	if (old != &t->chain0)
		g_free(old);
}

/* inet_rcv_saddr_equal(..., match_wildcard): equal, or either one the wildcard */
static bool inet_rcv_saddr_equal(const struct sock *sk, const struct sock *sk2)
{
	return sk->sk_rcv_saddr == sk2->sk_rcv_saddr || !sk->sk_rcv_saddr || !sk2->sk_rcv_saddr;
}

/* udp_lib_lport_inuse: another socket holds @num in a way @sk may not share */
static bool udp_lib_lport_inuse(struct net *net, u16 num, const struct sock *sk)
{
	struct sock *sk2;

	list_for_each_entry(sk2, udp_slot(net, num), sk_bind_node) {
		if (sk2 == sk || sk2->sk_num != num)
			continue;
		if (sk2->sk_reuse && sk->sk_reuse)
			continue;
		if (sk2->sk_bound_dev_if && sk->sk_bound_dev_if &&
		    sk2->sk_bound_dev_if != sk->sk_bound_dev_if)
			continue;
		if (!inet_rcv_saddr_equal(sk, sk2))
			continue;
		if (sk2->sk_reuseport && sk->sk_reuseport)
			continue;	/* same owner (uid): one reuseport group */
		return true;
	}
	return false;
}

/*
 * udp_v4_get_port - bind @sk to @snum, or to a free ephemeral port when 0:
 * a random start in ip_local_port_range, then upwards with wrap (the
 * kernel walks the range from a random point too).  Return: 0, or 1 when
 * no port could be had (EADDRINUSE for the caller).
 */
int udp_v4_get_port(struct sock *sk, unsigned short snum)
{
	struct net *net = sock_net(sk);
	struct udp_table *t = net->ipv4.udp_table;

	udp_table_grow(t);
	if (!snum) {
		int low = net->ipv4.sysctl->ip_local_ports_range[0];
		int high = net->ipv4.sysctl->ip_local_ports_range[1];
		u32 remaining = (u32)(high - low) + 1;
		u32 first = sim_rng_below(&t->port_rng, remaining);
		u32 i;

		for (i = 0; i < remaining; i++) {
			snum = (unsigned short)(low + (int)((first + i) % remaining));
			if (!udp_lib_lport_inuse(net, snum, sk))
				break;
		}
		if (i == remaining)
			return 1;
	} else if (udp_lib_lport_inuse(net, snum, sk)) {
		return 1;
	}
	sk->sk_num = snum;
	list_add(&sk->sk_bind_node, udp_slot(net, snum));
	t->hashed++;
	return 0;
}

static void udp_lib_unhash(struct sock *sk)
{
	if (!list_empty(&sk->sk_bind_node))
		sock_net(sk)->ipv4.udp_table->hashed--;
	list_del_init(&sk->sk_bind_node);
	sk->sk_num = 0;
	inet_sk(sk)->inet_sport = 0;
}

/* udp_sk_bound_dev_eq: an unbound socket hears every device */
static bool udp_sk_bound_dev_eq(int bound_dev_if, int dif)
{
	return !bound_dev_if || bound_dev_if == dif;
}

/* compute_score: -1 for no match; more points for each exact field */
static int compute_score(const struct sock *sk, __be32 saddr, __be16 sport, __be32 daddr,
			 u16 hnum, int dif)
{
	int score = 2;			/* PF_INET */

	if (sk->sk_num != hnum || sk->sk_rcv_saddr != daddr)
		return -1;
	if (sk->sk_daddr) {
		if (sk->sk_daddr != saddr)
			return -1;
		score += 4;
	}
	if (sk->sk_dport) {
		if (sk->sk_dport != sport)
			return -1;
		score += 4;
	}
	if (!udp_sk_bound_dev_eq(sk->sk_bound_dev_if, dif))
		return -1;
	if (sk->sk_bound_dev_if)
		score += 4;
	return score;
}

/* udp_ehashfn: the flow hash that picks a member of a SO_REUSEPORT group */
static u32 udp_ehashfn(__be32 laddr, u16 lport, __be32 faddr, __be16 fport)
{
	u64 h = 0x9e3779b97f4a7c15ULL;

	h = (h ^ laddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ lport) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ faddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ fport) * 0xc4ceb9fe1a85ec53ULL;
	return (u32)(h ^ (h >> 32));
}

static struct sock *udp4_lib_lookup2(struct net *net, __be32 saddr, __be16 sport, __be32 daddr,
				     u16 hnum, int dif)
{
	struct sock *sk, *result = NULL;
	struct sock *group[64];
	unsigned int ngroup = 0;
	int score, badness = 0;

	if (!net->ipv4.udp_table->hash)
		return NULL;		/* nothing bound yet */
	/* chains hold the newest first: of equal scores the newest socket
	 * wins, as in the kernel's hslot2 (hlist_add_head_rcu) */
	list_for_each_entry(sk, udp_slot(net, hnum), sk_bind_node) {
		score = compute_score(sk, saddr, sport, daddr, hnum, dif);
		if (score < 0 || score < badness)
			continue;
		if (score > badness) {
			badness = score;
			result = sk;
			ngroup = 0;
		}
		/* unconnected reuseport sockets share the load of one address */
		if (sk->sk_reuseport && sk->sk_state != TCP_ESTABLISHED && ngroup < 64)
			group[ngroup++] = sk;
	}
	/* reuseport_select_sock: the group's members in the order they joined */
	if (result && result->sk_reuseport && ngroup > 1)
		result = group[ngroup - 1 - udp_ehashfn(daddr, hnum, saddr, sport) % ngroup];
	return result;
}

struct sock *__udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport, __be32 daddr,
			       __be16 dport, int dif)
{
	u16 hnum = ntohs(dport);
	struct sock *sk = udp4_lib_lookup2(net, saddr, sport, daddr, hnum, dif);

	if (!sk)
		sk = udp4_lib_lookup2(net, saddr, sport, htonl(INADDR_ANY), hnum, dif);
	return sk;
}

/* ---- receiving ------------------------------------------------------------------ */

/*
 * udp_queue_rcv_skb - queue a datagram on @sk
 * @skb: always consumed; data at the UDP header
 *
 * The receive buffer rule of __udp_enqueue_schedule_skb (6.18): a datagram
 * whose truesize would take sk_rmem_alloc past sk_rcvbuf is dropped unless
 * the queue is empty.  Return: 0, or -1 after counting RcvbufErrors and
 * InErrors and dropping with SKB_DROP_REASON_SOCKET_RCVBUFF.
 */
static int udp_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	const struct udphdr *uh = udp_hdr(skb);
	__be16 sport = uh->source;

	if (sk->sk_rmem_alloc + (int)skb->truesize > sk->sk_rcvbuf && sk->sk_rmem_alloc) {
		__UDP_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
		__UDP_INC_STATS(net, UDP_MIB_INERRORS);
		sk->sk_drops++;
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		return -1;
	}
	trace_skb_walk(skb, skb->dev, "port %u: queued, rmem %d of %d", ntohs(uh->dest),
		       sk->sk_rmem_alloc, sk->sk_rcvbuf);
	ipv4_pktinfo_prepare(sk, skb);
	INET_RCV_CB(skb)->sport = sport;
	skb_pull(skb, sizeof(struct udphdr));
	skb_set_owner_r(skb, sk);
	skb_dst_drop(skb);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
	return 0;
}

/* __udp_is_mcast_sock: would @sk hear a broadcast or multicast to its port */
static bool __udp_is_mcast_sock(const struct sock *sk, __be16 loc_port, __be32 loc_addr,
				__be16 rmt_port, __be32 rmt_addr, int dif)
{
	return sk->sk_num == ntohs(loc_port) && (!sk->sk_daddr || sk->sk_daddr == rmt_addr) &&
	       (!sk->sk_dport || sk->sk_dport == rmt_port) &&
	       (!sk->sk_rcv_saddr || sk->sk_rcv_saddr == loc_addr) &&
	       udp_sk_bound_dev_eq(sk->sk_bound_dev_if, dif);
}

/* __udp4_lib_mcast_deliver: a copy to each listener, in bind order */
static int udp_mcast_deliver(struct net *net, struct sk_buff *skb, const struct udphdr *uh,
			     __be32 saddr, __be32 daddr, int dif)
{
	struct list_head *slot = udp_slot(net, ntohs(uh->dest));
	struct sock *first = NULL;

	/* no chains yet: nothing bound, the datagram is ignored below */
	for (struct list_head *p = slot ? slot->prev : NULL; p && p != slot; p = p->prev) {
		struct sock *sk = list_entry(p, struct sock, sk_bind_node);
		struct sk_buff *nskb;

		if (!__udp_is_mcast_sock(sk, uh->dest, daddr, uh->source, saddr, dif))
			continue;
		if (!first) {
			first = sk;
			continue;
		}
		nskb = skb_clone(skb);
		if (!nskb) {
			__UDP_INC_STATS(net, UDP_MIB_RCVBUFERRORS);
			__UDP_INC_STATS(net, UDP_MIB_INERRORS);
			continue;
		}
		udp_queue_rcv_skb(sk, nskb);
	}
	if (first) {
		udp_queue_rcv_skb(first, skb);
	} else {
		consume_skb(skb);
		__UDP_INC_STATS(net, UDP_MIB_IGNOREDMULTI);
	}
	return 0;
}

/* udp4_csum_init + udp_lib_checksum_complete: 0 is "no checksum" (RFC 768) */
static bool udp_csum_bad(const struct sk_buff *skb, const struct udphdr *uh, unsigned int ulen)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (!uh->check)
		return false;
	return csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				 csum_partial(uh, (int)ulen, 0)) != 0;
}

static int inet_iif(const struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);

	return rt && rt->rt_iif ? rt->rt_iif : skb->skb_iif;
}

/*
 * __udp4_lib_rcv - checks the header and checksum, finds the socket;
 * data at the UDP header.  Its drops are counted here, as Linux's are
 * (dropwatch and skb:kfree_skb name __udp4_lib_rcv).
 */
static int __udp4_lib_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	struct rtable *rt = skb_rtable(skb);
	enum skb_drop_reason reason = SKB_DROP_REASON_PKT_TOO_SMALL;
	const struct udphdr *uh;
	unsigned int ulen;
	__be32 saddr, daddr;
	struct sock *sk;

	if (!pskb_may_pull(skb, sizeof(struct udphdr)))
		goto drop;
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	ulen = ntohs(uh->len);
	saddr = ip_hdr(skb)->saddr;
	daddr = ip_hdr(skb)->daddr;
	if (ulen > skb->len || ulen < sizeof(*uh) || pskb_trim_rcsum(skb, ulen))
		goto drop;		/* short_packet */
	uh = udp_hdr(skb);
	if (udp_csum_bad(skb, uh, ulen))
		goto csum_error;
	if (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return udp_mcast_deliver(net, skb, uh, saddr, daddr, inet_iif(skb));
	sk = __udp4_lib_lookup(net, saddr, uh->source, daddr, uh->dest, inet_iif(skb));
	trace_skb_walk(skb, skb->dev, WALK_IP4 ":%u > " WALK_IP4 ":%u: %s",
			  WALK_IP4_ARG(saddr), ntohs(uh->source), WALK_IP4_ARG(daddr),
			  ntohs(uh->dest), sk ? "socket found" : "no socket: port unreachable");
	if (sk) {
		udp_queue_rcv_skb(sk, skb);
		return 0;
	}
	/* no socket: RFC 1122 4.1.3.1 port unreachable */
	__UDP_INC_STATS(net, UDP_MIB_NOPORTS);
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	kfree_skb_reason(skb, SKB_DROP_REASON_NO_SOCKET);
	return 0;

csum_error:
	reason = SKB_DROP_REASON_UDP_CSUM;
	__UDP_INC_STATS(net, UDP_MIB_CSUMERRORS);
drop:
	__UDP_INC_STATS(net, UDP_MIB_INERRORS);
	kfree_skb_reason(skb, reason);
	return 0;
}

/* udp_rcv - the IPPROTO_UDP handler */
int udp_rcv(struct sk_buff *skb)
{
	trace_skb_walk(skb, skb->dev, "len %u", skb->len);
	return __udp4_lib_rcv(skb);
}

/* ---- ICMP errors ------------------------------------------------------------------ */

/* icmp_err_convert: the errno of each unreachable code, and whether it is fatal */
static const struct {
	int errno_;
	bool fatal;
} icmp_err_convert[] = {
	[ICMP_NET_UNREACH] = { ENETUNREACH, false },
	[ICMP_HOST_UNREACH] = { EHOSTUNREACH, false },
	[ICMP_PROT_UNREACH] = { ENOPROTOOPT, true },
	[ICMP_PORT_UNREACH] = { ECONNREFUSED, true },
	[ICMP_FRAG_NEEDED] = { EMSGSIZE, false },
	[ICMP_SR_FAILED] = { EOPNOTSUPP, false },
	[ICMP_NET_UNKNOWN] = { ENETUNREACH, true },
	[ICMP_HOST_UNKNOWN] = { EHOSTDOWN, true },
	[ICMP_HOST_ISOLATED] = { ENONET, true },
	[ICMP_NET_ANO] = { ENETUNREACH, true },
	[ICMP_HOST_ANO] = { EHOSTUNREACH, true },
	[ICMP_NET_UNR_TOS] = { ENETUNREACH, false },
	[ICMP_HOST_UNR_TOS] = { EHOSTUNREACH, false },
	[ICMP_PKT_FILTERED] = { EHOSTUNREACH, true },
	[ICMP_PREC_VIOLATION] = { EHOSTUNREACH, true },
	[ICMP_PREC_CUTOFF] = { EHOSTUNREACH, true },
};

/*
 * udp_err - an ICMP error quotes a datagram we sent (__udp4_lib_err); the
 * skb's transport header is the ICMP header, the quoted IP header and 8
 * bytes after it are there (icmp_socket_deliver checked).
 */
int udp_err(struct sk_buff *skb, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph = (const struct iphdr *)(icmph + 1);
	const struct udphdr *uh = (const struct udphdr *)((const u8 *)iph + iph->ihl * 4u);
	struct inet_sock *inet;
	struct sock *sk;
	bool harderr = false;
	int err;

	sk = __udp4_lib_lookup(net, iph->daddr, uh->dest, iph->saddr, uh->source,
			       skb->dev->ifindex);
	if (!sk) {
		__ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
		return -ENOENT;
	}
	inet = inet_sk(sk);
	switch (icmph->type) {
	default:
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:		/* icmp_redirect() learned it already */
		return 0;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = true;
		break;
	case ICMP_DEST_UNREACH:
		if (icmph->code == ICMP_FRAG_NEEDED) {
			ipv4_update_pmtu(net, iph, info, sk->sk_bound_dev_if, sk->sk_mark,
					 IPPROTO_UDP);
			if (inet->pmtudisc == IP_PMTUDISC_DONT)
				return 0;
			err = EMSGSIZE;
			harderr = true;
			break;
		}
		err = EHOSTUNREACH;
		if (icmph->code <= ICMP_PREC_CUTOFF) {
			harderr = icmp_err_convert[icmph->code].fatal;
			err = icmp_err_convert[icmph->code].errno_;
		}
		break;
	}
	/* RFC 1122 4.1.3.3: report to the application; Linux only for connected
	 * sockets unless it asked for every error with IP_RECVERR */
	if (!inet_test_bit(inet, INET_FLAGS_RECVERR)) {
		if (!harderr || sk->sk_state != TCP_ESTABLISHED)
			return 0;
	} else {
		ip_icmp_error(sk, skb, err, uh->dest, info, (const u8 *)(uh + 1));
	}
	sk->sk_err = err;
	sk->sk_error_report(sk);
	return 0;
}

/* ---- sending ------------------------------------------------------------------- */

/*
 * How the payload gets into the skb, as ip_append_data()'s getfrag: from
 * the sender's iovecs (ip_generic_getfrag) or from the cork's buffer.
 */
typedef void udp_getfrag_t(const void *from, void *to, size_t len);

static void udp_getfrag_msg(const void *from, void *to, size_t len)
{
	memcpy_from_msg(to, from, len);
}

static void udp_getfrag_buf(const void *from, void *to, size_t len)
{
	memcpy(to, from, len);
}

/* udp_send_skb: the header and checksum on a datagram of @len payload bytes */
static int udp_send_skb(struct sock *sk, struct rtable *rt, udp_getfrag_t *getfrag,
			const void *from, size_t len, __be32 saddr, __be32 daddr, __be16 dport,
			u8 tos, u8 ttl)
{
	struct net *net = sock_net(sk);
	struct inet_sock *inet = inet_sk(sk);
	unsigned int ulen = (unsigned int)len + sizeof(struct udphdr);
	unsigned int mtu = dst_mtu(&rt->dst);
	struct sk_buff *skb;
	struct udphdr *uh;
	bool df;
	int err;

	/* __ip_append_data: 65535 bytes with the IP header at most (the
	 * include/net/ip.h IP_MAX_MTU), so 65507 of data; with
	 * IP_PMTUDISC_DO a datagram must fit the path */
	if (ulen + sizeof(struct iphdr) > 0xFFFF ||
	    (inet->pmtudisc >= IP_PMTUDISC_DO && ulen + sizeof(struct iphdr) > mtu))
		return -EMSGSIZE;
	/* sock_alloc_send_pskb: a pending error (ICMP's ECONNREFUSED) is reported now */
	err = sock_error(sk);
	if (err)
		return err;
	skb = alloc_skb(net, ulen + LL_MAX_HEADER + sizeof(struct iphdr));
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, LL_MAX_HEADER + sizeof(struct iphdr));
	uh = skb_put(skb, sizeof(*uh));
	if (len)
		getfrag(from, skb_put(skb, (unsigned int)len), len);
	uh->source = inet->inet_sport;
	uh->dest = dport;
	uh->len = htons((u16)ulen);
	uh->check = 0;
	uh->check = csum_tcpudp_magic(saddr, daddr, ulen, IPPROTO_UDP,
				      csum_partial(uh, (int)ulen, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	trace_skb_walk_fn(skb, "udp_sendmsg", rt->dst.dev, "%zu bytes to " WALK_IP4 ":%u, route dev %s",
			  len, WALK_IP4_ARG(daddr), ntohs(dport), rt->dst.dev->name);
	trace_skb_walk(skb, rt->dst.dev, "UDP header %u > %u, len %u", ntohs(uh->source), ntohs(dport),
		       ulen);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	skb_set_owner_w(skb, sk);
	/* __ip_make_skb: DF when it fits and PMTU discovery is wanted */
	df = inet->pmtudisc == IP_PMTUDISC_DO || inet->pmtudisc == IP_PMTUDISC_PROBE ||
	     (inet->pmtudisc == IP_PMTUDISC_WANT && ulen + sizeof(struct iphdr) <= mtu &&
	      !ip_mtu_locked(&rt->dst));
	skb->ignore_df = inet->pmtudisc < IP_PMTUDISC_DO;
	err = ip_push_skb(net, sk, skb, rt, saddr, daddr, IPPROTO_UDP, tos, ttl, df);
	if (err > 0)
		err = err == NET_XMIT_CN ? 0 : -ENOBUFS;	/* net_xmit_errno */
	if (err) {
		__IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
		if (err == -ENOBUFS && !inet_test_bit(inet, INET_FLAGS_RECVERR)) {
			__UDP_INC_STATS(net, UDP_MIB_SNDBUFERRORS);
			err = 0;
		}
	} else {
		__UDP_INC_STATS(net, UDP_MIB_OUTDATAGRAMS);
	}
	return err;
}

static void udp_flush_pending_frames(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);

	up->pending = 0;
	if (up->cork)
		g_byte_array_set_size(up->cork->data, 0);
}

/* udp_push_pending_frames: the corked datagram leaves as one */
static int udp_push_pending_frames(struct sock *sk)
{
	struct udp_sock *up = udp_sk(sk);
	struct net *net = sock_net(sk);
	struct udp_cork *cork = up->cork;
	struct flowi4 fl4;
	struct rtable *rt;
	int err = 0;

	if (!up->pending)
		return 0;
	fl4 = (struct flowi4){
		.flowi4_oif = cork->oif, .flowi4_mark = sk->sk_mark,
		.flowi4_tos = cork->tos, .flowi4_proto = IPPROTO_UDP,
		.saddr = cork->saddr, .daddr = cork->daddr,
		.flowi4_scope = sock_flag(sk, SOCK_LOCALROUTE) ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE,
		.fl4_sport = inet_sk(sk)->inet_sport, .fl4_dport = cork->dport,
	};
	rt = ip_route_output_key(net, &fl4, &err);
	if (rt) {
		err = udp_send_skb(sk, rt, udp_getfrag_buf, cork->data->data, cork->data->len,
				   fl4.saddr, cork->daddr, cork->dport, cork->tos, cork->ttl);
		ip_rt_put(rt);
	}
	udp_flush_pending_frames(sk);
	return err;
}

/* the destination of a sendmsg: its name, or the connected peer */
static int udp_sendmsg_dest(struct sock *sk, const struct msghdr *msg, __be32 *daddr,
			    __be16 *dport)
{
	const struct sockaddr_in *usin = msg->msg_name;
	struct inet_sock *inet = inet_sk(sk);

	if (usin) {
		if (msg->msg_namelen < sizeof(*usin))
			return -EINVAL;
		if (usin->sin_family != AF_INET && usin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		*daddr = usin->sin_addr.s_addr;
		*dport = usin->sin_port;
		if (!*dport)
			return -EINVAL;
		return 0;
	}
	if (sk->sk_state != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = inet->inet_daddr;
	*dport = inet->inet_dport;
	return 1;			/* connected */
}

/* ip_append_data: the corked datagram grows; 64 KiB at most with its headers */
static int udp_append(struct sock *sk, const struct msghdr *msg, size_t len)
{
	GByteArray *data = udp_sk(sk)->cork->data;

	if (data->len + len + sizeof(struct udphdr) + sizeof(struct iphdr) > 0xFFFF) {
		udp_flush_pending_frames(sk);
		return -EMSGSIZE;
	}
	if (!len)
		return 0;	/* an empty cork has no buffer yet to point into */
	g_byte_array_set_size(data, data->len + (guint)len);
	memcpy_from_msg(data->data + data->len - len, msg, len);
	return 0;
}

static int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct udp_sock *up = udp_sk(sk);
	struct net *net = sock_net(sk);
	bool corkreq = up->corkflag || (msg->msg_flags & MSG_MORE);
	struct ipcm_cookie ipc = { .ttl = -1, .tos = -1 };
	struct flowi4 fl4 = { 0 };
	struct rtable *rt;
	__be32 daddr;
	__be16 dport;
	int connected, err = 0;
	u8 tos, ttl;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (up->pending)
		goto do_append_data;
	if (sk->sk_wmem_alloc >= sk->sk_sndbuf)
		return -EAGAIN;		/* sock_alloc_send_skb: wait, or EAGAIN */
	connected = udp_sendmsg_dest(sk, msg, &daddr, &dport);
	if (connected < 0)
		return connected;
	ipc.oif = sk->sk_bound_dev_if;
	if (msg->msg_controllen) {
		err = ip_cmsg_send(sk, msg, &ipc);
		if (err)
			return err;
		if (ipc.addr || ipc.oif != sk->sk_bound_dev_if)
			connected = 0;
	}
	if (ipc.ttl >= 0 || ipc.tos >= 0)
		connected = 0;
	tos = (u8)(ipc.tos >= 0 ? ipc.tos : inet->tos);
	fl4.saddr = ipc.addr ? ipc.addr : inet->inet_saddr;
	if (ipv4_is_multicast(daddr)) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!fl4.saddr)
			fl4.saddr = inet->mc_addr;
		connected = 0;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}
	fl4.daddr = daddr;
	fl4.flowi4_oif = ipc.oif;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = tos;
	fl4.flowi4_proto = IPPROTO_UDP;
	fl4.fl4_sport = inet->inet_sport;
	fl4.fl4_dport = dport;
	fl4.flowi4_scope = (sock_flag(sk, SOCK_LOCALROUTE) || (msg->msg_flags & MSG_DONTROUTE))
			   ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		if (err == -ENETUNREACH)
			__IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST)) {
		ip_rt_put(rt);
		return -EACCES;
	}
	/* MSG_CONFIRM: the application heard the peer, its neighbour is fresh */
	if (msg->msg_flags & MSG_CONFIRM) {
		struct neighbour *n = __ipv4_neigh_lookup_noref(rt->dst.dev, rt_nexthop(rt, daddr));

		if (n)
			neigh_confirm(n);
	}
	if (connected && !sk->sk_dst_cache) {
		dst_hold(&rt->dst);
		sk_dst_set(sk, &rt->dst);
	}
	ttl = (u8)(ipc.ttl >= 0 ? ipc.ttl : ipv4_is_multicast(daddr) ? inet->mc_ttl
						      : ip_sk_ttl(inet, &rt->dst));
	if (!corkreq) {
		err = udp_send_skb(sk, rt, udp_getfrag_msg, msg, len, fl4.saddr, daddr, dport,
				   tos, ttl);
		ip_rt_put(rt);
		return err ? err : (int)len;
	}
	ip_rt_put(rt);
	/* the cork comes with the first cork: most sockets never cork */
	if (!up->cork) {
		up->cork = g_new0(struct udp_cork, 1);
		up->cork->data = g_byte_array_new();
	}
	up->pending = AF_INET;
	*up->cork = (struct udp_cork){
		.data = up->cork->data, .daddr = daddr, .saddr = fl4.saddr, .dport = dport,
		.oif = fl4.flowi4_oif, .tos = tos, .ttl = ttl,
	};
	g_byte_array_set_size(up->cork->data, 0);
do_append_data:
	err = udp_append(sk, msg, len);
	if (!err && !corkreq)
		err = udp_push_pending_frames(sk);
	return err ? err : (int)len;
}

/* ---- receiving: recvmsg --------------------------------------------------------- */

static int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		       int *addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in *sin = msg->msg_name;
	bool peeking = flags & MSG_PEEK;
	struct sk_buff *skb;
	size_t ulen, copied;
	int err;

	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);
	/* __skb_recv_udp: a pending error is reported before any data */
	skb = skb_recv_datagram(sk, &err);
	if (!skb)
		return err;
	ulen = skb->len;
	copied = len;
	if (copied > ulen)
		copied = ulen;
	else if (copied < ulen)
		msg->msg_flags |= MSG_TRUNC;
	memcpy_to_msg(msg, skb->data, copied);
	if (!peeking)
		__UDP_INC_STATS(sock_net(sk), UDP_MIB_INDATAGRAMS);
	if (sin && msg->msg_namelen >= sizeof(*sin)) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_port = INET_RCV_CB(skb)->sport;
		sin->sin_addr.s_addr = INET_RCV_CB(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (inet_cmsg_flags(inet))
		ip_cmsg_recv(msg, skb, inet_cmsg_flags(inet));
	if (!peeking) {
		skb_unlink(skb, &sk->sk_receive_queue);
		consume_skb(skb);
	}
	return (int)((flags & MSG_TRUNC) ? ulen : copied);
}

/* ---- connect, disconnect, options, close ------------------------------------------ */

/* ip4_datagram_connect, and a fresh IP id sequence for the new peer */
static int udp_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	int err = ip4_datagram_connect(sk, uaddr, addr_len);

	if (!err)
		inet_sk(sk)->inet_id = (u16)sim_rng_u32(&sock_net(sk)->ipv4.udp_table->port_rng);
	return err;
}

/* __udp_disconnect: connect(AF_UNSPEC); an autobound port and address go too */
static int udp_disconnect(struct sock *sk, int flags)
{
	ip4_datagram_disconnect(sk, flags);
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
		udp_lib_unhash(sk);
	return 0;
}

static int udp_setsockopt(struct sock *sk, int level, int optname, const void *optval,
			  unsigned int optlen)
{
	struct udp_sock *up = udp_sk(sk);
	int val;

	if (level != SOL_UDP)
		return ip_setsockopt(sk, level, optname, optval, optlen);
	if (optlen < sizeof(int))
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	switch (optname) {
	case UDP_CORK:
		if (val) {
			up->corkflag = true;
		} else {
			up->corkflag = false;
			return udp_push_pending_frames(sk);
		}
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int udp_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen)
{
	int val;

	if (level != SOL_UDP)
		return ip_getsockopt(sk, level, optname, optval, optlen);
	if (*optlen < 0)
		return -EINVAL;
	switch (optname) {
	case UDP_CORK:
		val = udp_sk(sk)->corkflag;
		break;
	default:
		return -ENOPROTOOPT;
	}
	*optlen = MIN(*optlen, (int)sizeof(int));
	memcpy(optval, &val, (size_t)*optlen);
	return 0;
}

/* udp_lib_close: pending corked data is dropped, the port freed */
static void udp_lib_close(struct sock *sk, long timeout)
{
	struct udp_cork *cork = udp_sk(sk)->cork;

	(void)timeout;
	udp_flush_pending_frames(sk);
	if (cork) {
		g_byte_array_unref(cork->data);
		g_free(cork);
	}
	udp_sk(sk)->cork = NULL;
	udp_lib_unhash(sk);
	sk_free(sk);
}

struct proto udp_prot = {
	.name = "UDP",
	.close = udp_lib_close,
	.connect = udp_connect,
	.disconnect = udp_disconnect,
	/* no .init: the kernel's udp_init_sock() sets up what the first cork
	 * makes here (struct udp_cork) */
	.setsockopt = udp_setsockopt,
	.getsockopt = udp_getsockopt,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.unhash = udp_lib_unhash,
	.get_port = udp_v4_get_port,
	.obj_size = sizeof(struct udp_sock),
};

/* ---- per namespace ------------------------------------------------------------- */

static uint64_t udp_mib_read(const struct sim_counter_set *cs, unsigned int i)
{
	return container_of(cs, struct udp_table, udp_set)->mib[i];
}

/* UdpLite: all zeros on every node (no UDP-Lite sockets) */
static uint64_t udplite_mib_read(const struct sim_counter_set *cs, unsigned int i)
{
	(void)cs, (void)i;
	return 0;
}

static const struct sim_counter_kind udplite_mib_kind = {
	.scope = "UdpLite", .names = snmp4_udp_names, .n = __UDP_MIB_MAX,
	.read = udplite_mib_read,
};

/* one set, two tables: Udp, then UdpLite */
static const struct sim_counter_kind udp_mib_kind = {
	.scope = "Udp", .names = snmp4_udp_names, .n = __UDP_MIB_MAX, .read = udp_mib_read,
	.next = &udplite_mib_kind,
};

int udp_net_init(struct net *net, struct sim_err *err)
{
	struct udp_table *t = g_new0(struct udp_table, 1);

	(void)err;
	node_rng_derive(net->node, &t->port_rng, "udp_port");
	sim_counters_register(net->node, &t->udp_set, &udp_mib_kind);
	net->ipv4.udp_table = t;
	return 0;
}

void udp_net_exit(struct net *net)
{
	struct udp_table *t = net->ipv4.udp_table;

	if (!t)
		return;
	sim_counters_unregister(net->node, &t->udp_set);
	if (t->hash != &t->chain0)
		g_free(t->hash);
	g_free(t);
	net->ipv4.udp_table = NULL;
}
