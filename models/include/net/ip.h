/*
 * models/include/net/ip.h - IPv4 protocol internals
 *
 * Mirrors include/net/ip.h: the control block every IPv4 skb carries
 * (IPCB), the statistics macros that count /proc/net/snmp's Ip: fields,
 * the checksum helpers, and the entry points of ip_input.c, ip_forward.c,
 * ip_output.c and ip_fragment.c.
 */
#ifndef _SKBSIM_NET_IP_H
#define _SKBSIM_NET_IP_H

#include "linux/in.h"
#include "linux/ip.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "net/route.h"

struct sock;
struct in_ifaddr;

/*
 * What a header's options hold, as offsets from the start of the IPv4
 * header (0: absent): IPCB(skb)->opt for a received or sent packet.  The
 * kernel's struct ip_options ends in a flexible __data[] whose bytes
 * ip_options_rcu and ip_options_data provide; ours keeps the bytes beside
 * it in struct ip_options_data (a flexible member inside inet_skb_parm is
 * a GNU extension clang refuses), so IPCB never carries bytes.
 */
struct ip_options {
	__be32 faddr;			/* source route: the first hop (sent) */
	__be32 nexthop;
	unsigned char optlen;
	unsigned char srr;
	unsigned char rr;
	unsigned char ts;
	unsigned char is_strictroute:1, srr_is_hit:1, is_changed:1, rr_needaddr:1,
		      ts_needtime:1, ts_needaddr:1;
	unsigned char router_alert;
	unsigned char cipso;
	unsigned char __pad2;
};

/*
 * ip_options_data - options with their bytes (at most MAX_IPOPTLEN, a
 * multiple of 4): what a socket's IP_OPTIONS keeps (the kernel's
 * ip_options_rcu) and what an ICMP reply carries (ip_options_data).
 * Offsets in @opt count from the header, so the bytes sit at offset 20.
 */
struct ip_options_data {
	struct ip_options opt;
	unsigned char __data[MAX_IPOPTLEN];
};

struct inet_skb_parm {
	int iif;
	struct ip_options opt;
	u16 flags;
	u16 frag_max_size;
};

#define IPSKB_FORWARDED		BIT(0)
#define IPSKB_XFRM_TUNNEL_SIZE	BIT(1)
#define IPSKB_XFRM_TRANSFORMED	BIT(2)
#define IPSKB_FRAG_COMPLETE	BIT(3)
#define IPSKB_REROUTED		BIT(4)
#define IPSKB_DOREDIRECT	BIT(5)
#define IPSKB_FRAG_PMTU		BIT(6)

#define IPCB(skb) ((struct inet_skb_parm *)((skb)->cb))

/* ---- statistics (net/ipv4/proc.c names) ------------------------------- */

#define __IP_INC_STATS(net, field)	((net)->ipv4.mib.ip[field]++)
#define IP_INC_STATS			__IP_INC_STATS
#define __IP_ADD_STATS(net, field, v)	((net)->ipv4.mib.ip[field] += (v))
#define IP_ADD_STATS			__IP_ADD_STATS
/* Icmp: made with the first count: most nodes never send or get one */
static inline void icmp_mib_inc(struct net *net, unsigned int field)
{
	if (!net->ipv4.mib.icmp)
		net->ipv4.mib.icmp = g_new0(u64, __ICMP_MIB_MAX);
	net->ipv4.mib.icmp[field]++;
}
#define __ICMP_INC_STATS(net, field)	icmp_mib_inc(net, field)
#define ICMP_INC_STATS			__ICMP_INC_STATS
/* IcmpMsg: 4 KiB a node, so made when the first ICMP message is counted */
static inline void icmpmsg_inc(struct net *net, unsigned int idx)
{
	if (!net->ipv4.mib.icmpmsg)
		net->ipv4.mib.icmpmsg = g_new0(u64, ICMPMSG_MIB_MAX);
	net->ipv4.mib.icmpmsg[idx]++;
}
#define ICMPMSGIN_INC_STATS(net, type)	icmpmsg_inc(net, (type) & 0xff)
#define ICMPMSGOUT_INC_STATS(net, type)	icmpmsg_inc(net, 256 + ((type) & 0xff))

/* ---- checksums (lib/checksum.c, include/net/checksum.h) ------------------- */

__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 csum_fold(__wsum csum);
static inline __sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}
static inline void ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}
__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum);
static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len, u8 proto,
					__wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

/* RFC 1812 4.2.2.5 TTL decrement with the incremental checksum update */
static inline int ip_decrease_ttl(struct iphdr *iph)
{
	u32 check = (u32)iph->check;

	check += (u32)htons(0x0100);
	iph->check = (__sum16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

/* ---- upper protocols (net/ipv4/protocol.c) ------------------------------ */

struct net_protocol {
	int (*handler)(struct sk_buff *skb);
	/* an ICMP error about a packet of this protocol */
	int (*err_handler)(struct sk_buff *skb, u32 info);
};
/* the protocols built in: a const table, as the protocols are fixed */
extern const struct net_protocol *const inet_protos[256];

/* ---- entry points ---------------------------------------------------------- */

/* ip_input.c */
int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev);
int ip_local_deliver(struct sk_buff *skb);
/* ip_options.c: received packets */
int ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb);
int ip_options_rcv_srr(struct sk_buff *skb, struct net_device *dev);
void ip_forward_options(struct sk_buff *skb);
/*
 * ip_options.c: sent packets.  A ping or raw socket's IP_OPTIONS:
 *	err = ip_options_get(net, &sk_opt, bytes, len);	   (setsockopt)
 *	fl4.daddr = dst; err = ip_options_flowi4(sk_opt, &fl4); (sendmsg)
 *	rt = ip_route_output_key(net, &fl4, &err);
 *	ip_push_skb_opt(net, sk, skb, rt, fl4.saddr, dst, ..., sk_opt);
 *	g_free(sk_opt);					   (close)
 * An answer to a received packet: ip_options_echo() into an
 * ip_options_data on the stack, then route to opt.faddr if opt.srr.
 */
int ip_options_get(struct net *net, struct ip_options_data **optp, const void *data,
		   int optlen);
void ip_options_undo(struct ip_options_data *opt);
int ip_options_flowi4(const struct ip_options_data *opt, struct flowi4 *fl4);
void ip_options_build(struct sk_buff *skb, const struct ip_options_data *opt, __be32 daddr,
		      struct rtable *rt);
int __ip_options_echo(struct net *net, struct ip_options_data *dopt, struct sk_buff *skb,
		      const struct ip_options *sopt);
static inline int ip_options_echo(struct net *net, struct ip_options_data *dopt,
				  struct sk_buff *skb)
{
	return __ip_options_echo(net, dopt, skb, &IPCB(skb)->opt);
}
/* ip_forward.c */
int ip_forward(struct sk_buff *skb);
/* ip_output.c */
int ip_output(struct net *net, struct sock *sk, struct sk_buff *skb);

/* models/ipv4/datagram.c: connect() and connect(AF_UNSPEC) of UDP, raw and
 * ping sockets */
struct sockaddr;
int ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
int ip4_datagram_disconnect(struct sock *sk, int flags);
int ip_local_out(struct net *net, struct sock *sk, struct sk_buff *skb);
int ip_mc_output(struct net *net, struct sock *sk, struct sk_buff *skb);
/*
 * ip_build_and_send_pkt-like: wraps @skb (data = the L4 header and payload)
 * in an IPv4 header from @fl4 / @rt and sends it: what ICMP, ping and UDP
 * use.  Consumes @skb.
 */
int ip_push_skb(struct net *net, struct sock *sk, struct sk_buff *skb, struct rtable *rt,
		__be32 saddr, __be32 daddr, u8 proto, u8 tos, u8 ttl, bool df);
/*
 * ip_push_skb_opt - ip_push_skb with @opt (NULL or optlen 0: none) in a
 * longer header, written by ip_options_build() as __ip_make_skb() does.
 * @daddr is the final destination; with a source route the header goes
 * to opt->opt.faddr (@rt must lead there) and @daddr ends the route.
 */
int ip_push_skb_opt(struct net *net, struct sock *sk, struct sk_buff *skb, struct rtable *rt,
		    __be32 saddr, __be32 daddr, u8 proto, u8 tos, u8 ttl, bool df,
		    const struct ip_options_data *opt);
void ip_select_ident(struct net *net, struct sk_buff *skb, struct sock *sk);
/* frees the namespace's IP ID buckets (af_inet's namespace exit) */
void ip_idents_free(struct net *net);
/* how many IP ID buckets @net has touched (its table's size follows) */
u32 ip_idents_used(const struct net *net);
/* ip_fragment.c */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *));
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user);
unsigned int ip_frag_nqueues(const struct net *net);
long ip_frag_mem(const struct net *net);
void ip_options_fragment(struct sk_buff *skb);
int ipfrag_net_init(struct net *net, struct sim_err *err);
void ipfrag_net_exit(struct net *net);
#define IP_DEFRAG_LOCAL_DELIVER 0

/* fib_frontend.c: the routes an address brings */
void fib_add_ifaddr(struct in_ifaddr *ifa);
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim);
/* `ip addr replace ... metric N`: the prefix route of @ifa moves to @new_metric */
void fib_modify_prefix_metric(struct in_ifaddr *ifa, u32 new_metric);
int fib_net_init(struct net *net, struct sim_err *err);
void fib_net_exit(struct net *net);

static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* models/ipv4/route.c: the learned PMTU only for local traffic, unless ip_forward_use_pmtu */
unsigned int ip_dst_mtu_maybe_forward(const struct dst_entry *dst, bool forwarding);

/* ip_skb_dst_mtu() for a socket that uses the PMTU (or none) */
static inline unsigned int ip_skb_dst_mtu(const struct sk_buff *skb)
{
	return ip_dst_mtu_maybe_forward(skb_dst(skb), IPCB(skb)->flags & IPSKB_FORWARDED);
}

#endif
