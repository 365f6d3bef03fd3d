/*
 * models/ipv4/af_inet.c - the IPv4 module of every node
 *
 * Mirrors inet_init() and the pernet inits of net/ipv4/af_inet.c in the
 * kernel's order: ARP (arp_tbl), devinet (in_device for every device,
 * conf/all and conf/default), the FIB (tables local, main, default),
 * fragments, ICMP; ip_rcv for ETH_P_IP; the net.ipv4 sysctls with Linux
 * 6.x defaults; the MIBs registered as counters (Ip, IpExt, Icmp).  Also
 * the node kinds "host" and "router" (a router has
 * net.ipv4.ip_forward = 1, which sets every conf/<dev>/forwarding).
 * The socket half of net/ipv4/af_inet.c is here too: inet_create() with
 * the inetsw table (UDP, ping and raw sockets; no TCP yet), inet_bind()
 * (or the protocol's own bind) with the kernel's errors,
 * inet_dgram_connect(), inet_release(), inet_getname(); the world's
 * syscall table (sim/socket.h) is set by inet_world_init().
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "linux/inetdevice.h"
#include "linux/sysctl.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/kernel.h"
#include "net/route.h"
#include "net/ping.h"
#include "net/raw.h"
#include "net/udp.h"
#include "sim/sh.h"

#ifndef POLLRDHUP
#define POLLRDHUP 0x2000		/* <poll.h> has it only with _GNU_SOURCE */
#endif

int icmp_err_handler(struct sk_buff *skb, u32 info);
static const struct net_protocol icmp_protocol = {
	.handler = icmp_rcv, .err_handler = icmp_err_handler,
};
static const struct net_protocol udp_protocol = { .handler = udp_rcv, .err_handler = udp_err };

const struct net_protocol *const inet_protos[256] = {
	[IPPROTO_ICMP] = &icmp_protocol,
	[IPPROTO_UDP] = &udp_protocol,
};

/* ---- sockets: inet_create and the proto_ops of datagram sockets ------------- */

static const struct proto_ops inet_dgram_ops;

/*
 * inetsw[]: the (type, protocol) pairs a socket() may ask for, in the
 * kernel's order; IPPROTO_IP in an entry is a wildcard, a protocol of 0
 * asks for the first entry of the type.  No stream sockets yet.
 */
static const struct inet_protosw {
	short type;
	unsigned short protocol;
	struct proto *prot;
	const struct proto_ops *ops;
	bool reuse;			/* INET_PROTOSW_REUSE: SO_REUSEADDR from the start */
} inetsw[] = {
	{ SOCK_DGRAM, IPPROTO_UDP, &udp_prot, &inet_dgram_ops, false },
	{ SOCK_DGRAM, IPPROTO_ICMP, &ping_prot, &inet_sockraw_ops, true },
	{ SOCK_RAW, IPPROTO_IP, &raw_prot, &inet_sockraw_ops, true },
};

/* the inetsw lookup of inet_create: ESOCKTNOSUPPORT for a type with no entry */
static const struct inet_protosw *inetsw_find(int type, int *protocol)
{
	bool type_known = false;

	for (size_t i = 0; i < G_N_ELEMENTS(inetsw); i++) {
		const struct inet_protosw *a = &inetsw[i];

		if (a->type != type)
			continue;
		type_known = true;
		if (*protocol == a->protocol) {
			if (*protocol != IPPROTO_IP)
				return a;
		} else {
			if (*protocol == IPPROTO_IP) {
				*protocol = a->protocol;
				return a;
			}
			if (a->protocol == IPPROTO_IP)
				return a;
		}
	}
	*protocol = type_known ? -EPROTONOSUPPORT : -ESOCKTNOSUPPORT;
	return NULL;
}

static int inet_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	const struct inet_protosw *answer;
	struct inet_sock *inet;
	struct sock *sk;
	int err;

	(void)kern;
	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	sock->state = SS_UNCONNECTED;
	answer = inetsw_find(sock->type, &protocol);
	if (!answer)
		return protocol;
	/* CAP_NET_RAW for SOCK_RAW: processes are root here */
	sock->ops = answer->ops;
	sk = sk_alloc(net, AF_INET, answer->prot);
	sock_init_data(sock, sk);
	sk->sk_protocol = (u16)protocol;
	sk->sk_reuse = answer->reuse;
	inet = inet_sk(sk);
	if (sock->type == SOCK_RAW) {
		inet->inet_num = (u16)protocol;
		if (protocol == IPPROTO_RAW)
			inet_assign_bit(inet, INET_FLAGS_HDRINCL, true);
	}
	inet->uc_ttl = -1;
	inet->mc_ttl = 1;
	inet_assign_bit(inet, INET_FLAGS_MC_LOOP, true);
	inet->pmtudisc = IP_PMTUDISC_WANT;	/* ip_no_pmtu_disc 0 */
	if (net->ipv4.sysctl->sysctl_ip_no_pmtu_disc)
		inet->pmtudisc = IP_PMTUDISC_DONT;
	if (inet->inet_num) {
		inet->inet_sport = htons(inet->inet_num);
		if (sk->sk_prot->hash)
			sk->sk_prot->hash(sk);
	}
	if (sk->sk_prot->init) {
		err = sk->sk_prot->init(sk);
		if (err) {
			/* sk_common_release */
			sock->sk = NULL;
			sk->sk_prot->close(sk, 0);
			return err;
		}
	}
	return 0;
}

const struct net_proto_family inet_family_ops = {
	.family = AF_INET,
	.create = inet_create,
};

int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock->sk = NULL;
	sk->sk_prot->close(sk, 0);
	return 0;
}

/* inet_addr_valid_or_nonlocal: what a bind may name without EADDRNOTAVAIL */
bool inet_addr_valid_or_nonlocal(struct net *net, struct inet_sock *inet, __be32 addr,
					int addr_type)
{
	return net->ipv4.sysctl->sysctl_ip_nonlocal_bind ||
	       inet_test_bit(inet, INET_FLAGS_FREEBIND) ||
	       inet_test_bit(inet, INET_FLAGS_TRANSPARENT) || addr == htonl(INADDR_ANY) ||
	       addr_type == RTN_LOCAL || addr_type == RTN_MULTICAST || addr_type == RTN_BROADCAST;
}

int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *addr = (struct sockaddr_in *)uaddr;
	struct sock *sk = sock->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	const struct net_device *dev = NULL;
	unsigned short snum;
	unsigned int chk_addr_ret;

	/* a protocol with its own bind: raw_bind, ping_bind */
	if (sk->sk_prot->bind)
		return sk->sk_prot->bind(sk, uaddr, addr_len);
	if (addr_len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (addr->sin_family != AF_INET) {
		/* compatibility: AF_UNSPEC with INADDR_ANY is taken as AF_INET */
		if (addr->sin_family != AF_UNSPEC || addr->sin_addr.s_addr != htonl(INADDR_ANY))
			return -EAFNOSUPPORT;
	}
	if (sk->sk_bound_dev_if)
		dev = __dev_get_by_index(net, sk->sk_bound_dev_if);
	chk_addr_ret = inet_addr_type_dev_table(net, dev, addr->sin_addr.s_addr);
	if (!inet_addr_valid_or_nonlocal(net, inet, addr->sin_addr.s_addr, (int)chk_addr_ret))
		return -EADDRNOTAVAIL;
	snum = ntohs(addr->sin_port);
	/* root binds below ip_unprivileged_port_start (CAP_NET_BIND_SERVICE) */
	if (sk->sk_state != TCP_CLOSE || inet->inet_num)
		return -EINVAL;
	inet->inet_rcv_saddr = inet->inet_saddr = addr->sin_addr.s_addr;
	if (chk_addr_ret == RTN_MULTICAST || chk_addr_ret == RTN_BROADCAST)
		inet->inet_saddr = 0;	/* send from the device's address */
	if (sk->sk_prot->get_port(sk, snum)) {
		inet->inet_saddr = inet->inet_rcv_saddr = 0;
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

/* inet_autobind: an ephemeral port for a socket that sends or connects unbound */
static int inet_autobind(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	if (!inet->inet_num && sk->sk_prot->get_port) {
		if (sk->sk_prot->get_port(sk, 0))
			return -EAGAIN;
		inet->inet_sport = htons(inet->inet_num);
	}
	return 0;
}

int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct sock *sk = sock->sk;
	int err;

	(void)flags;
	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC)
		return sk->sk_prot->disconnect(sk, flags);
	if (sk->sk_prot->pre_connect) {
		err = sk->sk_prot->pre_connect(sk, uaddr, addr_len);
		if (err)
			return err;
	}
	if (inet_autobind(sk))
		return -EAGAIN;
	return sk->sk_prot->connect(sk, uaddr, addr_len);
}

int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sock->sk);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (!inet->inet_dport)
			return -ENOTCONN;
		sin->sin_port = inet->inet_dport;
		sin->sin_addr.s_addr = inet->inet_daddr;
	} else {
		sin->sin_port = inet->inet_sport;
		sin->sin_addr.s_addr = inet->inet_rcv_saddr ? inet->inet_rcv_saddr
							    : inet->inet_saddr;
	}
	return sizeof(*sin);
}

/* inet_send_prepare: an unbound socket gets its port before sending */
int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct sock *sk = sock->sk;

	if (inet_autobind(sk))
		return -EAGAIN;
	return sk->sk_prot->sendmsg(sk, msg, size);
}

int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	int addr_len = 0;
	int err = sock->sk->sk_prot->recvmsg(sock->sk, msg, size, flags, &addr_len);

	if (err >= 0)
		msg->msg_namelen = (socklen_t)addr_len;
	return err;
}

int inet_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		    unsigned int optlen)
{
	return sock->sk->sk_prot->setsockopt(sock->sk, level, optname, optval, optlen);
}

int inet_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen)
{
	return sock->sk->sk_prot->getsockopt(sock->sk, level, optname, optval, optlen);
}

/* datagram_poll (udp_poll): readable with data or an error, writable below sndbuf/2 */
static unsigned int inet_dgram_poll(struct socket *sock)
{
	return datagram_poll_mask(sock->sk);
}

static const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.getname = inet_getname,
	.poll = inet_dgram_poll,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* raw and ping sockets: the same calls, datagram_poll */
const struct proto_ops inet_sockraw_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.getname = inet_getname,
	.poll = inet_dgram_poll,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* ---- sysctls ----------------------------------------------------------------- */

/* net.ipv4.ip_forward is conf/all/forwarding (devinet_sysctl_forward) */
static int proc_ip_forward(const struct ctl_table *t, struct net *net, int write,
			   const char *buf, GString *out)
{
	struct ctl_table tmp = *t;
	int *all = &net->ipv4.devconf_all->data[IPV4_DEVCONF_FORWARDING];
	int v = *all, r;

	tmp.data = &v;
	r = proc_dointvec(&tmp, net, write, buf, out);
	if (r == 0 && write && v != *all) {
		char s[16];
		struct sim_err err = { { 0 } };

		snprintf(s, sizeof(s), "%d", v);
		r = sim_vfs_write(net->node, "/proc/sys/net/ipv4/conf/all/forwarding", s, &err);
	}
	return r;
}

/* ip_local_port_range: two ports, low < high, 1..65535 (ipv4_local_port_range) */
static int proc_local_port_range(const struct ctl_table *t, struct net *net, int write,
				 const char *buf, GString *out)
{
	int range[2];
	struct ctl_table tmp = *t;
	int r;

	if (!write)
		return proc_dointvec(t, net, write, buf, out);
	memcpy(range, t->data, sizeof(range));
	tmp.data = range;
	r = proc_dointvec(&tmp, net, write, buf, out);
	if (r)
		return r;
	if (range[0] < 1 || range[1] > 65535 || range[1] <= range[0])
		return -EINVAL;
	memcpy(t->data, range, sizeof(range));
	return 0;
}

static const int ttl_min = 1, ttl_max = 255;
static const int ip_min_valid_pmtu = 68;	/* IPV4_MIN_MTU */
/* fib_multipath_hash_policy 0..3; fields: any of FIB_MULTIPATH_HASH_FIELD_ALL_MASK */
static const int mp_hash_policy_max = 3, mp_hash_fields_max = 0xfff;

/*
 * ip_forward has no data of its own (it is conf/all/forwarding), so it is
 * a table of its own, listed first under net/ipv4 as before, and writing
 * it (every router does) does not copy the block below.
 */
static const struct ctl_table ipv4_forward_table[] = {
	{ .procname = "ip_forward", .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_ip_forward },
};

/* the table's data are offsets into struct netns_ipv4_sysctl */
#define IPV4(field) ((void *)offsetof(struct netns_ipv4_sysctl, field))
static const struct ctl_table ipv4_net_table[] = {
	{ .procname = "ip_default_ttl", .data = IPV4(sysctl_ip_default_ttl),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = &ttl_min, .extra2 = &ttl_max },
	{ .procname = "ip_no_pmtu_disc", .data = IPV4(sysctl_ip_no_pmtu_disc),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "ip_forward_use_pmtu", .data = IPV4(sysctl_ip_fwd_use_pmtu),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "ip_forward_update_priority", .data = IPV4(sysctl_ip_fwd_update_priority),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "ip_nonlocal_bind", .data = IPV4(sysctl_ip_nonlocal_bind),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "ip_local_port_range", .data = IPV4(ip_local_ports_range),
	  .maxlen = 2 * sizeof(int), .mode = 0644, .proc_handler = proc_local_port_range },
	{ .procname = "icmp_echo_ignore_all", .data = IPV4(sysctl_icmp_echo_ignore_all),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_echo_enable_probe", .data = IPV4(sysctl_icmp_echo_enable_probe),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_echo_ignore_broadcasts",
	  .data = IPV4(sysctl_icmp_echo_ignore_broadcasts), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_ignore_bogus_error_responses",
	  .data = IPV4(sysctl_icmp_ignore_bogus_error_responses), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_errors_use_inbound_ifaddr",
	  .data = IPV4(sysctl_icmp_errors_use_inbound_ifaddr), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE },
	{ .procname = "icmp_ratelimit", .data = IPV4(sysctl_icmp_ratelimit),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies },
	{ .procname = "icmp_ratemask", .data = IPV4(sysctl_icmp_ratemask),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "icmp_msgs_per_sec", .data = IPV4(sysctl_icmp_msgs_per_sec),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "icmp_msgs_burst", .data = IPV4(sysctl_icmp_msgs_burst),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	/*
	 * ip4_frags_ns_ctl_register: high_thresh >= low_thresh, each bounded by
	 * the other's current value (-EINVAL otherwise); no negatives (an
	 * unsigned long there, proc_doulongvec_minmax)
	 */
	{ .procname = "ipfrag_high_thresh", .data = IPV4(sysctl_ipfrag_high_thresh),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = IPV4(sysctl_ipfrag_low_thresh), .extra_rel = SYSCTL_EXTRA1_REL },
	{ .procname = "ipfrag_low_thresh", .data = IPV4(sysctl_ipfrag_low_thresh),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = IPV4(sysctl_ipfrag_high_thresh),
	  .extra_rel = SYSCTL_EXTRA2_REL },
	{ .procname = "ipfrag_time", .data = IPV4(sysctl_ipfrag_time), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_jiffies },
	{ .procname = "ipfrag_max_dist", .data = IPV4(sysctl_ipfrag_max_dist),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "fib_multipath_use_neigh", .data = IPV4(sysctl_fib_multipath_use_neigh),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "fib_multipath_hash_policy",
	  .data = IPV4(sysctl_fib_multipath_hash_policy), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = &mp_hash_policy_max },
	{ .procname = "fib_multipath_hash_fields",
	  .data = IPV4(sysctl_fib_multipath_hash_fields), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ONE,
	  .extra2 = &mp_hash_fields_max },
};

/* net/ipv4/route.c ipv4_route_netns_table: the PMTU exceptions' lifetime and floor */
static const struct ctl_table ipv4_route_netns_table[] = {
	{ .procname = "mtu_expires", .data = IPV4(ip_rt_mtu_expires), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_jiffies },
	{ .procname = "min_pmtu", .data = IPV4(ip_rt_min_pmtu), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = &ip_min_valid_pmtu },
};
#undef IPV4

/*
 * The block every namespace reads (net->ipv4.sysctl) until a write: as
 * for devinet's conf, ~120 B per node that almost no node changes.
 */
static struct netns_ipv4_sysctl *ipv4_sysctl_dflt(struct world *w)
{
	return kernel_world(w)->ipv4_sysctl_dflt;
}

struct netns_ipv4_sysctl *ipv4_sysctl_write(struct net *net)
{
	struct netns_ipv4_sysctl *dflt = ipv4_sysctl_dflt(net->w);

	if (net->ipv4.sysctl == dflt)
		net->ipv4.sysctl = g_memdup2(dflt, sizeof(*dflt));
	return net->ipv4.sysctl;
}

static void *ipv4_sysctl_base(struct net *net, const char *name, bool write)
{
	(void)name;
	return write ? ipv4_sysctl_write(net) : net->ipv4.sysctl;
}

/* net/ipv4/ip_forward: the handler finds conf/all from the net */
static const struct ctl_table_kind ipv4_forward_kind = {
	.path = "net/ipv4",
	.table = ipv4_forward_table,
	.n = G_N_ELEMENTS(ipv4_forward_table),
};

static const struct ctl_table_kind ipv4_net_kind = {
	.path = "net/ipv4",
	.table = ipv4_net_table,
	.n = G_N_ELEMENTS(ipv4_net_table),
	.base = ipv4_sysctl_base,
};

static const struct ctl_table_kind ipv4_route_netns_kind = {
	.path = "net/ipv4/route",
	.table = ipv4_route_netns_table,
	.n = G_N_ELEMENTS(ipv4_route_netns_table),
	.base = ipv4_sysctl_base,
};

/* The world's defaults: some are in jiffies, so they are made at world init. */
static struct netns_ipv4_sysctl *ipv4_sysctl_defaults(const struct world *w)
{
	struct netns_ipv4_sysctl *v4 = g_new0(struct netns_ipv4_sysctl, 1);
	unsigned int hz = w->hz;

	v4->sysctl_ip_default_ttl = IPDEFTTL;
	v4->sysctl_ip_fwd_update_priority = 1;
	v4->ip_local_ports_range[0] = 32768;
	v4->ip_local_ports_range[1] = 60999;
	v4->sysctl_icmp_echo_ignore_broadcasts = 1;
	v4->sysctl_icmp_ignore_bogus_error_responses = 1;
	v4->sysctl_icmp_ratelimit = (int)hz;		/* 1000 ms */
	v4->sysctl_icmp_ratemask = 0x1818;		/* 6168: unreach, quench, time, param */
	v4->sysctl_icmp_msgs_per_sec = 1000;
	v4->sysctl_icmp_msgs_burst = 50;
	v4->sysctl_ipfrag_high_thresh = 4 * 1024 * 1024;
	v4->sysctl_ipfrag_low_thresh = 3 * 1024 * 1024;
	v4->sysctl_ipfrag_time = (int)(30 * hz);
	v4->sysctl_ipfrag_max_dist = 64;
	v4->ip_rt_mtu_expires = (int)(600 * hz);	/* 10 min */
	v4->ip_rt_min_pmtu = 512 + 20 + 20;		/* 552 */
	v4->sysctl_fib_multipath_hash_fields = 0x7;	/* src ip, dst ip, ip proto */
	return v4;
}

/* ---- counters -------------------------------------------------------------- */

static const struct netns_mib *ipv4_mib_of(const struct sim_counter_set *cs)
{
	return &container_of(cs, struct netns_ipv4, mib_set)->mib;
}

static uint64_t ip_mib_read(const struct sim_counter_set *cs, unsigned int i)
{
	return ipv4_mib_of(cs)->ip[i];
}

static uint64_t ipext_mib_read(const struct sim_counter_set *cs, unsigned int i)
{
	return ipv4_mib_of(cs)->ip[IPSTATS_IP_COUNT + i];
}

static uint64_t icmp_line_read(const struct sim_counter_set *cs, unsigned int i)
{
	return icmp_line_value(ipv4_mib_of(cs), i);
}

/* one set, three tables: Ip, then IpExt, then Icmp */
static const struct sim_counter_kind icmp_mib_kind = {
	.scope = "Icmp", .names = icmp_line_names, .n = ICMP_LINE_COUNT, .read = icmp_line_read,
};

static const struct sim_counter_kind ipext_mib_kind = {
	.scope = "IpExt", .names = snmp4_ipstats_names + IPSTATS_IP_COUNT,
	.n = IPSTATS_EXT_COUNT, .read = ipext_mib_read, .next = &icmp_mib_kind,
};

static const struct sim_counter_kind ip_mib_kind = {
	.scope = "Ip", .names = snmp4_ipstats_names, .n = IPSTATS_IP_COUNT,
	.read = ip_mib_read, .next = &ipext_mib_kind,
};

static void ipv4_mib_register(struct net *net)
{
	sim_counters_register(net->node, &net->ipv4.mib_set, &ip_mib_kind);
}

/* ---- receive hook and per-node setup --------------------------------------- */

static struct packet_type ip_packet_type_template = {
	.func = ip_rcv,
};

struct inet_pernet {
	struct packet_type ip_pt;
};

static int inet_node_init(struct node *node, struct sim_err *err)
{
	struct net *net = node->net;
	struct inet_pernet *ip = g_new0(struct inet_pernet, 1);

	net->ipv4.inet = ip;
	net->ipv4.sysctl = ipv4_sysctl_dflt(net->w);
	node_rng_derive(node, &net->ipv4.ip_id_rng, "ip_id");
	{
		/* the per-namespace multipath hash key (net_get_random_once): seeded, repeatable */
		struct sim_rng mp_rng;

		node_rng_derive(node, &mp_rng, "fib_multipath_hash");
		net->ipv4.fib_multipath_hash_key = sim_rng_u64(&mp_rng);
	}
	/* the kernel's pernet order: arp before devinet (in_device parms) */
	if (arp_net_init(net, err) < 0 || devinet_net_init(net, err) < 0 ||
	    fib_net_init(net, err) < 0 || ipfrag_net_init(net, err) < 0 ||
	    icmp_net_init(net, err) < 0 || udp_net_init(net, err) < 0 || raw_net_init(net) < 0 ||
	    ping_net_init(net) < 0 || sock_net_init(net) < 0)
		return -1;
	register_net_sysctl_kind(net, &ipv4_forward_kind);
	register_net_sysctl_kind(net, &ipv4_net_kind);
	register_net_sysctl_kind(net, &ipv4_route_netns_kind);
	ip->ip_pt = ip_packet_type_template;
	ip->ip_pt.type = htons(ETH_P_IP);
	dev_add_pack(net, &ip->ip_pt);
	ipv4_mib_register(net);
	return 0;
}

static void inet_node_exit(struct node *node)
{
	struct net *net = node->net;
	struct inet_pernet *ip;

	if (!net || !net->ipv4.inet)
		return;
	ip = net->ipv4.inet;
	sock_net_exit(net);		/* sockets first: they hold routes */
	udp_net_exit(net);
	ping_net_exit(net);
	raw_net_exit(net);
	sim_counters_unregister(node, &net->ipv4.mib_set);
	dev_remove_pack(net, &ip->ip_pt);
	/* addresses and routes go before the tables they are in */
	devinet_net_exit(net);
	icmp_net_exit(net);
	ipfrag_net_exit(net);
	fib_net_exit(net);
	arp_net_exit(net);
	unregister_net_sysctl_kind(net, &ipv4_route_netns_kind);
	unregister_net_sysctl_kind(net, &ipv4_net_kind);
	unregister_net_sysctl_kind(net, &ipv4_forward_kind);
	if (net->ipv4.sysctl != ipv4_sysctl_dflt(net->w))
		g_free(net->ipv4.sysctl);
	net->ipv4.sysctl = ipv4_sysctl_dflt(net->w);	/* for later exits' reads */
	ip_idents_free(net);
	g_free(net->ipv4.mib.icmpmsg);
	g_free(net->ipv4.mib.icmp);
	g_free(ip);
	net->ipv4.inet = NULL;
}

static int router_setup(struct node *node, struct sim_err *err)
{
	return sim_vfs_write(node, "/proc/sys/net/ipv4/ip_forward", "1", err) ? -1 : 0;
}

static const struct sim_node_kind inet_kinds[] = {
	{ .name = "host", .help = "an end host: one stack, forwarding off" },
	{ .name = "router", .help = "a host that forwards (net.ipv4.ip_forward = 1)",
	  .setup = router_setup },
	{ NULL },
};

static int inet_world_init(struct world *w, struct sim_err *err)
{
	(void)err;
	w->socket_ops = &sock_syscall_ops;	/* sim/socket.h: the syscalls */
	kernel_world(w)->ipv4_sysctl_dflt = ipv4_sysctl_defaults(w);
	fib_trie_init(w);		/* ip_fib_init(): the FIB's slab caches */
	return 0;
}

static void inet_world_exit(struct world *w)
{
	w->socket_ops = NULL;
	arp_world_exit(w);
	fib_trie_exit(w);
	g_clear_pointer(&kernel_world(w)->ipv4_sysctl_dflt, g_free);
}

extern const struct sim_command ss_command;	/* models/apps/ss.c */
static const struct sim_fs_ops *const inet_fs[] = { &procfs_udp_fs_ops, &procfs_raw_fs_ops,
						   &procfs_icmp_fs_ops, NULL };
static const struct sim_command *const inet_commands[] = { &ss_command, NULL };

const struct sim_module inet_module = {
	.name = "inet",
	.world_init = inet_world_init,
	.world_exit = inet_world_exit,
	.fs = inet_fs,
	.commands = inet_commands,
	.node_init = inet_node_init,
	.node_exit = inet_node_exit,
	.kinds = inet_kinds,
};
