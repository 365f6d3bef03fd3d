/*
 * models/ipv4/ping.c - ICMP "ping" sockets (IPv4)
 *
 * Mirrors net/ipv4/ping.c for Linux 6.x: socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP) lets an unprivileged user send echo requests.
 *   create	ping_init_sock(): EACCES unless the process's group is in
 *		net.ipv4.ping_group_range ("1 0" by default: nobody, root
 *		included; processes here run as uid 0, gid 0);
 *   bind	ping_bind(): an address of ours (EADDRNOTAVAIL otherwise) and
 *		an identifier as the port; ping_get_port() picks the next free
 *		one after the namespace's rover (random at start) when it is
 *		0; a taken one is EADDRINUSE unless both sockets have
 *		SO_REUSEADDR, which ping sockets have from the start
 *		(INET_PROTOSW_REUSE): then the newest socket gets the replies;
 *   send	ping_v4_sendmsg() / ping_common_sendmsg(): the user gives the
 *		ICMP header and data (EINVAL below 8 bytes or for anything but
 *		an echo request with code 0); the kernel puts in the socket's
 *		identifier and computes the checksum;
 *   receive	ping_rcv(): an echo reply goes to the socket of its
 *		identifier (and bound address and device); recvmsg gives the
 *		ICMP header and data, the source as the name;
 *   errors	ping_err(): errors quoting an echo request of ours become
 *		sk_err (connected sockets or IP_RECVERR) and error-queue
 *		entries with IP_RECVERR;
 *   sysctl	net.ipv4.ping_group_range, two gids; a range whose high end is
 *		below its low end is stored as "1 0" (ipv4_ping_group_range).
 *   /proc	/proc/net/icmp (ping_v4_seq_show): the bound sockets.
 * Differences: no supplementary groups (only the process's gid 0), no
 * IP_OPTIONS; /proc/net/icmp's slot is the identifier's low bits (Linux
 * mixes in a per-namespace value).
 */
#include "net/ping.h"

#include <errno.h>
#include <string.h>

#include "apps/apps.h"
#include "linux/inetdevice.h"
#include "linux/sysctl.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/raw.h"
#include "net/route.h"
#include "trace/skbwalk.h"

#define GID_T_MAX (((gid_t)~0U) >> 1)

static struct list_head *ping_hashslot(struct ping_table *t, u16 num)
{
	return &t->hash[num & PING_HTABLE_MASK];
}

/* ping_get_port: @ident, or the next free identifier from next_port */
static int ping_get_port(struct sock *sk, unsigned short ident)
{
	struct ping_table *t = sock_net(sk)->ipv4.ping_table;
	struct sock *sk2;

	/* the chains (1 KiB) come with the namespace's first ping socket */
	if (!t->hash) {
		t->hash = g_new(struct list_head, PING_HTABLE_SIZE);
		for (unsigned int i = 0; i < PING_HTABLE_SIZE; i++)
			INIT_LIST_HEAD(&t->hash[i]);
	}
	if (!ident) {
		u16 result = (u16)(t->port_rover + 1);
		u32 i;

		for (i = 0; i < (1u << 16); i++, result++) {
			bool used = false;

			if (!result)
				continue;	/* never 0 */
			list_for_each_entry(sk2, ping_hashslot(t, result), sk_bind_node)
				if (sk2->sk_num == result)
					used = true;
			if (!used)
				break;
		}
		if (i >= (1u << 16))
			return 1;
		t->port_rover = ident = result;
	} else {
		list_for_each_entry(sk2, ping_hashslot(t, ident), sk_bind_node)
			if (sk2->sk_num == ident && sk2 != sk && (!sk2->sk_reuse || !sk->sk_reuse))
				return 1;
	}
	sk->sk_num = ident;
	if (list_empty(&sk->sk_bind_node))
		list_add(&sk->sk_bind_node, ping_hashslot(t, ident));
	return 0;
}

static void ping_unhash(struct sock *sk)
{
	list_del_init(&sk->sk_bind_node);
	sk->sk_num = 0;
	inet_sk(sk)->inet_sport = 0;
}

/* ping_lookup: the socket of an echo reply's identifier */
static struct sock *ping_lookup(struct net *net, u16 ident, __be32 daddr, int dif)
{
	struct ping_table *t = net->ipv4.ping_table;
	struct sock *sk;

	if (!t || !t->hash)
		return NULL;
	list_for_each_entry(sk, ping_hashslot(t, ident), sk_bind_node) {
		if (sk->sk_num != ident)
			continue;
		if (sk->sk_rcv_saddr && sk->sk_rcv_saddr != daddr)
			continue;
		if (sk->sk_bound_dev_if && sk->sk_bound_dev_if != dif)
			continue;
		return sk;
	}
	return NULL;
}

/* ping_init_sock: the process's group must be in ping_group_range (gid 0 here) */
static int ping_init_sock(struct sock *sk)
{
	struct ping_table *t = sock_net(sk)->ipv4.ping_table;
	gid_t group = 0;

	if ((gid_t)t->ping_group_range[0] <= group && group <= (gid_t)t->ping_group_range[1])
		return 0;
	return -EACCES;
}

static void ping_close(struct sock *sk, long timeout)
{
	(void)timeout;
	ping_unhash(sk);
	sk_free(sk);
}

/* ping_check_bind_addr + ping_bind */
static int ping_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *addr = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	const struct net_device *dev = NULL;
	unsigned int chk;
	u16 snum;

	if (addr_len < (int)sizeof(*addr))
		return -EINVAL;
	if (addr->sin_family != AF_INET &&
	    !(addr->sin_family == AF_UNSPEC && addr->sin_addr.s_addr == htonl(INADDR_ANY)))
		return -EAFNOSUPPORT;
	if (sk->sk_bound_dev_if)
		dev = __dev_get_by_index(net, sk->sk_bound_dev_if);
	chk = inet_addr_type_dev_table(net, dev, addr->sin_addr.s_addr);
	if (!inet_addr_valid_or_nonlocal(net, inet, addr->sin_addr.s_addr, (int)chk))
		return -EADDRNOTAVAIL;
	snum = ntohs(addr->sin_port);
	if (inet->inet_num != 0)
		return -EINVAL;
	inet->inet_rcv_saddr = inet->inet_saddr = addr->sin_addr.s_addr;
	if (ping_get_port(sk, snum)) {
		inet->inet_rcv_saddr = inet->inet_saddr = 0;
		return -EADDRINUSE;
	}
	if (inet->inet_rcv_saddr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (snum)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
	inet->inet_sport = htons(inet->inet_num);
	inet->inet_daddr = 0;
	inet->inet_dport = 0;
	sk_dst_reset(sk);
	return 0;
}

static int ping_disconnect(struct sock *sk, int flags)
{
	ip4_datagram_disconnect(sk, flags);
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
		ping_unhash(sk);
	return 0;
}

/* ---- sending ----------------------------------------------------------------------- */

static int ping_v4_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct ipcm_cookie ipc = { .ttl = -1, .tos = -1 };
	struct flowi4 fl4 = { 0 };
	struct icmphdr *icmph;
	struct sk_buff *skb;
	struct rtable *rt;
	unsigned int mtu, hlen = sizeof(struct iphdr);
	__be32 daddr, saddr;
	int err = 0;
	u8 tos, ttl;
	bool df;

	/* ping_common_sendmsg */
	if (len > 0xFFFF)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len < sizeof(struct icmphdr))
		return -EINVAL;
	if (msg->msg_name) {
		const struct sockaddr_in *usin = msg->msg_name;

		if (msg->msg_namelen < sizeof(*usin))
			return -EINVAL;
		if (usin->sin_family != AF_INET)
			return -EAFNOSUPPORT;
		daddr = usin->sin_addr.s_addr;
	} else {
		if (sk->sk_state != TCP_ESTABLISHED)
			return -EDESTADDRREQ;
		daddr = inet->inet_daddr;
	}
	ipc.oif = sk->sk_bound_dev_if;
	if (msg->msg_controllen) {
		err = ip_cmsg_send(sk, msg, &ipc);
		if (err)
			return err;
	}
	saddr = ipc.addr ? ipc.addr : inet->inet_saddr;
	tos = (u8)(ipc.tos >= 0 ? ipc.tos : inet->tos);
	if (ipv4_is_multicast(daddr)) {
		if (!ipc.oif)
			ipc.oif = inet->mc_index;
		if (!saddr)
			saddr = inet->mc_addr;
	} else if (!ipc.oif) {
		ipc.oif = inet->uc_index;
	}
	skb = alloc_skb(net, (unsigned int)len + LL_MAX_HEADER + hlen);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, (int)(LL_MAX_HEADER + hlen));
	icmph = skb_put(skb, (unsigned int)len);
	memcpy_from_msg(icmph, msg, len);
	if (icmph->type != ICMP_ECHO || icmph->code != 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return -EINVAL;
	}
	fl4.daddr = daddr;
	fl4.saddr = saddr;
	fl4.flowi4_oif = ipc.oif;
	fl4.flowi4_mark = sk->sk_mark;
	fl4.flowi4_tos = tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = IPPROTO_ICMP;
	fl4.flowi4_scope = (sock_flag(sk, SOCK_LOCALROUTE) || (msg->msg_flags & MSG_DONTROUTE))
			   ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	rt = ip_route_output_key(net, &fl4, &err);
	if (!rt) {
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_OUTNOROUTES);
		if (err == -ENETUNREACH)
			__IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		return err ? err : -EINVAL;
	}
	if ((rt->rt_flags & RTCF_BROADCAST) && !sock_flag(sk, SOCK_BROADCAST)) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		ip_rt_put(rt);
		return -EACCES;
	}
	trace_skb_walk(skb, rt->dst.dev, "ICMP type %u, %zu bytes to " WALK_IP4, icmph->type, len,
		       WALK_IP4_ARG(daddr));
	trace_skb_walk_fn(skb, "ip_route_output_flow", rt->dst.dev,
			  "to " WALK_IP4 ": %s%s dev %s", WALK_IP4_ARG(daddr),
			  walk_rtn_name(rt->rt_type), rt->rt_uses_gateway ? " via gateway" : "",
			  rt->dst.dev->name);
	mtu = dst_mtu(&rt->dst);
	if (inet->pmtudisc >= IP_PMTUDISC_DO && len + hlen > mtu) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		ip_rt_put(rt);
		return -EMSGSIZE;
	}
	/* ping_getfrag: our identifier, the checksum over it all */
	icmph->un.echo.id = inet->inet_sport;
	icmph->checksum = 0;
	icmph->checksum = ip_compute_csum(icmph, (int)len);
	skb->priority = sk->sk_priority;
	skb->mark = sk->sk_mark;
	skb_set_owner_w(skb, sk);
	df = inet->pmtudisc == IP_PMTUDISC_DO || inet->pmtudisc == IP_PMTUDISC_PROBE ||
	     (inet->pmtudisc == IP_PMTUDISC_WANT && len + hlen <= mtu && !ip_mtu_locked(&rt->dst));
	skb->ignore_df = inet->pmtudisc < IP_PMTUDISC_DO;
	ttl = (u8)(ipc.ttl >= 0 ? ipc.ttl : ipv4_is_multicast(daddr) ? inet->mc_ttl
							       : ip_sk_ttl(inet, &rt->dst));
	err = ip_push_skb(net, sk, skb, rt, fl4.saddr, daddr, IPPROTO_ICMP, tos, ttl, df);
	ip_rt_put(rt);
	if (err > 0)
		err = err == NET_XMIT_CN ? 0 : -ENOBUFS;
	if (err) {
		__IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
		if (err == -ENOBUFS && !inet_test_bit(inet, INET_FLAGS_RECVERR))
			err = 0;
	}
	return err ? err : (int)len;
}

/* ---- receiving ---------------------------------------------------------------------- */

static int ping_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
			int *addr_len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return ip_recv_error(sk, msg, (int)len, addr_len);
	skb = skb_recv_datagram(sk, &err);
	if (!skb)
		return err;
	copied = skb->len;
	if (copied > len) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	memcpy_to_msg(msg, skb->data, copied);
	if (sin && msg->msg_namelen >= sizeof(*sin)) {
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = INET_RCV_CB(skb)->saddr;
		*addr_len = sizeof(*sin);
	}
	if (inet_cmsg_flags(inet))
		ip_cmsg_recv(msg, skb, inet_cmsg_flags(inet));
	if (flags & MSG_TRUNC)
		copied = skb->len;
	if (!(flags & MSG_PEEK)) {
		skb_unlink(skb, &sk->sk_receive_queue);
		consume_skb(skb);
	}
	return (int)copied;
}

/* ping_rcv: @skb's data at the ICMP header; a copy for the socket, the caller keeps @skb */
void ping_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	const struct icmphdr *icmph = icmp_hdr(skb);
	struct sock *sk = ping_lookup(net, ntohs(icmph->un.echo.id), ip_hdr(skb)->daddr,
				      skb->dev->ifindex);
	struct sk_buff *clone;

	trace_skb_walk(skb, skb->dev, "echo reply id %u: %s", ntohs(icmph->un.echo.id),
		       sk ? "a ping socket takes a clone" : "no ping socket");
	if (!sk)
		return;
	clone = skb_clone(skb);
	if (!clone)
		return;
	ipv4_pktinfo_prepare(sk, clone);
	if (__sock_queue_rcv_skb(sk, clone) < 0)
		kfree_skb_reason(clone, SKB_DROP_REASON_SOCKET_RCVBUFF);
}

/*
 * ping_err - @skb: an ICMP error, transport header at its ICMP header; at
 * @offset after it the quoted IP header, then our echo request.
 */
void ping_err(struct sk_buff *skb, int offset, u32 info)
{
	struct net *net = dev_net(skb->dev);
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph = (const struct iphdr *)((const u8 *)icmph + offset);
	const struct icmphdr *echo = (const struct icmphdr *)((const u8 *)iph + iph->ihl * 4u);
	struct inet_sock *inet;
	bool harderr = false;
	struct sock *sk;
	int err;

	if (echo->type != ICMP_ECHO)
		return;
	sk = ping_lookup(net, ntohs(echo->un.echo.id), iph->saddr, skb->dev->ifindex);
	if (!sk)
		return;
	inet = inet_sk(sk);
	switch (icmph->type) {
	default:
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_SOURCE_QUENCH:
		err = EREMOTEIO;	/* not an error, but ping wants to see it */
		break;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		harderr = true;
		break;
	case ICMP_DEST_UNREACH:
		if (icmph->code == ICMP_FRAG_NEEDED) {
			ipv4_update_pmtu(net, iph, info, sk->sk_bound_dev_if, sk->sk_mark,
					 IPPROTO_ICMP);
			if (inet->pmtudisc == IP_PMTUDISC_DONT)
				return;
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
	case ICMP_REDIRECT:
		err = EREMOTEIO;	/* see ICMP_SOURCE_QUENCH */
		break;
	}
	if (!inet_test_bit(inet, INET_FLAGS_RECVERR)) {
		if (!harderr || sk->sk_state != TCP_ESTABLISHED)
			return;
	} else {
		ip_icmp_error(sk, skb, err, 0, info, (const u8 *)echo);
	}
	sk->sk_err = err;
	sk->sk_error_report(sk);
}

struct proto ping_prot = {
	.name = "PING",
	.init = ping_init_sock,
	.close = ping_close,
	.connect = ip4_datagram_connect,
	.disconnect = ping_disconnect,
	.bind = ping_bind,
	.setsockopt = ip_setsockopt,
	.getsockopt = ip_getsockopt,
	.sendmsg = ping_v4_sendmsg,
	.recvmsg = ping_recvmsg,
	.unhash = ping_unhash,
	.get_port = ping_get_port,
	.obj_size = sizeof(struct inet_sock),
};

/* ---- net.ipv4.ping_group_range -------------------------------------------------- */

/* ipv4_ping_group_range: two gids in 0..GID_T_MAX-1; high < low means "1 0" */
static int proc_ping_group_range(const struct ctl_table *t, struct net *net, int write,
				 const char *buf, GString *out)
{
	static const int gid_min = 0, gid_max = (int)(GID_T_MAX - 1);
	struct ping_table *pt = net->ipv4.ping_table;
	struct ctl_table tmp = *t;
	int range[2];
	int r;

	memcpy(range, pt->ping_group_range, sizeof(range));
	tmp.data = range;
	tmp.extra1 = &gid_min;
	tmp.extra2 = &gid_max;
	r = proc_dointvec_minmax(&tmp, net, write, buf, out);
	if (r || !write)
		return r;
	if (range[1] < range[0]) {
		range[0] = 1;
		range[1] = 0;
	}
	memcpy(pt->ping_group_range, range, sizeof(range));
	return 0;
}

static const struct ctl_table ping_sysctl_table[] = {
	{ .procname = "ping_group_range", .maxlen = 2 * sizeof(int), .mode = 0644,
	  .proc_handler = proc_ping_group_range },
};

int ping_net_init(struct net *net)
{
	struct ping_table *t = g_new0(struct ping_table, 1);
	struct sim_rng rng;

	/* the namespace's rover starts at a random identifier (get_random_u16) */
	node_rng_derive(net->node, &rng, "ping_port");
	t->port_rover = (u16)sim_rng_u32(&rng);
	t->ping_group_range[0] = 1;
	t->ping_group_range[1] = 0;
	net->ipv4.ping_table = t;
	t->sysctl_hdr = register_net_sysctl_sz(net, "net/ipv4", ping_sysctl_table,
					       G_N_ELEMENTS(ping_sysctl_table), NULL);
	return 0;
}

void ping_net_exit(struct net *net)
{
	struct ping_table *t = net->ipv4.ping_table;

	if (!t)
		return;
	if (t->sysctl_hdr)
		unregister_net_sysctl_table(net, t->sysctl_hdr);
	g_free(t->hash);
	g_free(t);
	net->ipv4.ping_table = NULL;
}

/* ---- /proc/net/icmp ---------------------------------------------------------------- */

/* ping_v4_format_sock: each line padded to 127 columns (seq_setwidth) */
static void ping_v4_format_sock(GString *out, const struct sock *sk, unsigned int bucket)
{
	const struct inet_sock *inet = inet_sk(sk);
	gsize start = out->len;

	g_string_append_printf(out,
		"%5u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d "
		"%016x %u", bucket, inet->inet_rcv_saddr, ntohs(inet->inet_sport),
		inet->inet_daddr, ntohs(inet->inet_dport), sk->sk_state,
		(unsigned int)sk->sk_wmem_alloc, (unsigned int)sk->sk_rmem_alloc, 0, 0UL, 0, 0u, 0,
		sk->sk_socket ? sk->sk_socket->ino : 0UL, 2, 0u, sk->sk_drops);
	while (out->len - start < 127)
		g_string_append_c(out, ' ');
	g_string_append_c(out, '\n');
}

static void ping_v4_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	g_string_append_printf(out, "%-127s\n",
			       "  sl  local_address rem_address   st tx_queue rx_queue tr "
			       "tm->when retrnsmt   uid  timeout inode ref pointer drops");
	if (!net->ipv4.ping_table || !net->ipv4.ping_table->hash)
		return;
	for (unsigned int slot = 0; slot < PING_HTABLE_SIZE; slot++) {
		const struct sock *sk;

		list_for_each_entry(sk, &net->ipv4.ping_table->hash[slot], sk_bind_node)
			ping_v4_format_sock(out, sk, slot);
	}
}

PROCFS_FILE(icmp, "/proc/net/icmp", ping_v4_seq_show);
