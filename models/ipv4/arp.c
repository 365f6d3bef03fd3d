/*
 * models/ipv4/arp.c - the Address Resolution Protocol (RFC 826)
 *
 * Mirrors net/ipv4/arp.c of Linux 6.x: arp_tbl is the IPv4 neighbour table
 * with the kernel's defaults (3 broadcast probes a second apart, reachable
 * 30 s randomized, delay 5 s, stale GC at 60 s, gc_thresh 128/512/1024,
 * unres_qlen_bytes SK_WMEM_DEFAULT); arp_constructor() makes loopback,
 * NOARP, broadcast and multicast neighbours NOARP; arp_solicit() sends
 * requests (broadcast while INCOMPLETE, unicast to the known address while
 * PROBE) with the source address arp_announce chooses; arp_rcv() and
 * arp_process() answer requests for local addresses (arp_ignore 0-3/8,
 * arp_filter) and, on a forwarding device, proxy (proxy_arp with
 * medium_id, proxy_arp_pvlan) after a random part of proxy_delay for
 * broadcast requests; they learn from requests for us (STALE) and from
 * replies (REACHABLE when unicast), create entries from unsolicited ARP
 * only with arp_accept (1, or 2: sender in a subnet of the device), let a
 * gratuitous ARP (sip == tip; for replies also tha == sha) override an
 * entry at once and otherwise keep the first of several answers for
 * locktime.
 *
 * Differences: no pneigh entries (`ip neigh add proxy`), so only
 * proxy_arp/pvlan proxy; no ArpFilter counter (TcpExt is not modelled);
 * `ip link set arp on|off` does not flush the
 * device's entries (NETDEV_CHANGE carries no changed flags here); no ioctl
 * interface (SIOCSARP) and no arp_notify.
 */
#include "net/arp.h"

#include <errno.h>

#include "linux/etherdevice.h"
#include "linux/inetdevice.h"
#include "linux/interrupt.h"
#include "linux/netfilter.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/route.h"
#include "trace/skbwalk.h"

static void arp_solicit(struct neighbour *n, struct sk_buff *skb);
static void arp_error_report(struct neighbour *n, struct sk_buff *skb);
static void parp_redo(struct sk_buff *skb);

static const struct neigh_ops arp_generic_ops = {
	.family = AF_INET,
	.solicit = arp_solicit,
	.error_report = arp_error_report,
	.output = neigh_resolve_output,
	.connected_output = neigh_connected_output,
};

static const struct neigh_ops arp_direct_ops = {
	.family = AF_INET,
	.output = neigh_direct_output,
	.connected_output = neigh_direct_output,
};

static int arp_constructor(struct neighbour *n)
{
	__be32 addr;
	struct net_device *dev = n->dev;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	/* one neighbour for a loopback or point-to-point device: 0.0.0.0 */
	if (dev->flags & (IFF_LOOPBACK | IFF_POINTOPOINT))
		memset(n->primary_key, 0, 4);
	memcpy(&addr, n->primary_key, 4);
	if (!in_dev)
		return -EINVAL;
	n->type = (u8)inet_addr_type_dev_table(dev_net(dev), dev, addr);
	n->parms = in_dev->arp_parms;
	if (!dev->header_ops) {
		n->nud_state = NUD_NOARP;
		n->ops = &arp_direct_ops;
		n->output = neigh_direct_output;
		return 0;
	}
	if (n->type == RTN_MULTICAST) {
		/* 01:00:5e + the low 23 bits (ip_eth_mc_map) */
		u32 a = ntohl(addr);

		n->nud_state = NUD_NOARP;
		n->ha[0] = 0x01, n->ha[1] = 0x00, n->ha[2] = 0x5e;
		n->ha[3] = (a >> 16) & 0x7f, n->ha[4] = (a >> 8) & 0xff, n->ha[5] = a & 0xff;
	} else if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
		n->nud_state = NUD_NOARP;
		memcpy(n->ha, dev->dev_addr, dev->addr_len);
	} else if (n->type == RTN_BROADCAST || (dev->flags & IFF_POINTOPOINT)) {
		n->nud_state = NUD_NOARP;
		memcpy(n->ha, dev->broadcast, dev->addr_len);
	}
	n->ops = &arp_generic_ops;
	n->output = (n->nud_state & NUD_VALID) ? n->ops->connected_output : n->ops->output;
	return 0;
}

/* ---- sending ----------------------------------------------------------- */

static int arp_xmit_finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	(void)net, (void)sk;
	return dev_queue_xmit(skb);
}

static struct sk_buff *arp_create(int type, int ptype, __be32 dest_ip, struct net_device *dev,
				  __be32 src_ip, const u8 *dest_hw, const u8 *src_hw,
				  const u8 *target_hw)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), arp_hdr_len(dev) + ETH_HLEN + NET_SKB_PAD);
	struct arphdr *arp;
	u8 *p;

	if (!skb)
		return NULL;
	skb_reserve(skb, ETH_HLEN + NET_SKB_PAD);
	skb_reset_network_header(skb);
	arp = skb_put(skb, arp_hdr_len(dev));
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);
	if (!src_hw)
		src_hw = dev->dev_addr;
	if (!dest_hw)
		dest_hw = dev->broadcast;
	if (dev->header_ops->create(skb, dev, (unsigned short)ptype, dest_hw, src_hw, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = dev->addr_len;
	arp->ar_pln = 4;
	arp->ar_op = htons((u16)type);
	p = (u8 *)(arp + 1);
	memcpy(p, src_hw, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &src_ip, 4);
	p += 4;
	if (target_hw)
		memcpy(p, target_hw, dev->addr_len);
	else
		memset(p, 0, dev->addr_len);
	p += dev->addr_len;
	memcpy(p, &dest_ip, 4);
	return skb;
}

void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev, __be32 src_ip,
	      const u8 *dest_hw, const u8 *src_hw, const u8 *target_hw)
{
	struct sk_buff *skb;

	if (dev->flags & IFF_NOARP)
		return;
	skb = arp_create(type, ptype, dest_ip, dev, src_ip, dest_hw, src_hw, target_hw);
	if (skb)
		NF_HOOK(NFPROTO_ARP, NF_ARP_OUT, dev_net(dev), NULL, skb, NULL, dev,
			arp_xmit_finish);
}

/* inet_addr_onlink: @a and @b in one subnet of @in_dev */
static bool inet_addr_onlink(const struct in_device *in_dev, __be32 a, __be32 b)
{
	for (const struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next)
		if (inet_ifa_match(a, ifa) && (!b || inet_ifa_match(b, ifa)))
			return true;
	return false;
}

static void arp_solicit(struct neighbour *n, struct sk_buff *skb)
{
	struct net_device *dev = n->dev;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct net *net = dev_net(dev);
	__be32 target, saddr = 0;
	int probes = n->probes;
	u8 dst_ha[MAX_ADDR_LEN];
	const u8 *dst_hw = NULL;

	memcpy(&target, n->primary_key, 4);
	if (!in_dev)
		return;
	switch (IN_DEV_ARP_ANNOUNCE(in_dev)) {
	default:
	case 0:		/* announce any local address: the packet's source */
		if (skb && inet_addr_type_dev_table(net, dev, ip_hdr(skb)->saddr) == RTN_LOCAL)
			saddr = ip_hdr(skb)->saddr;
		break;
	case 1:		/* only a source in the target's subnet */
		if (!skb)
			break;
		saddr = ip_hdr(skb)->saddr;
		if (inet_addr_type_dev_table(net, dev, saddr) == RTN_LOCAL &&
		    inet_addr_onlink(in_dev, target, saddr))
			break;
		saddr = 0;
		break;
	case 2:		/* the best local address for the target */
		break;
	}
	if (!saddr)
		saddr = inet_select_addr(dev, target, RT_SCOPE_LINK);
	if (skb)
		trace_skb_walk(skb, dev, "ARP request who-has " WALK_IP4 " tell " WALK_IP4
			       " (a new skb)", WALK_IP4_ARG(target), WALK_IP4_ARG(saddr));
	probes -= NEIGH_VAR(n->parms, UCAST_PROBES);
	if (probes < 0) {
		/* PROBE: unicast to the address we have */
		memcpy(dst_ha, n->ha, dev->addr_len);
		dst_hw = dst_ha;
	} else {
		probes -= NEIGH_VAR(n->parms, APP_PROBES);
		if (probes < 0)
			return;		/* user-space probes (app_solicit): none here */
	}
	arp_send(ARPOP_REQUEST, ETH_P_ARP, target, dev, saddr, dst_hw, dev->dev_addr, NULL);
}

/* dst_link_failure -> ipv4_link_failure: host unreachable to the sender */
static void arp_error_report(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	icmp_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
}

/* ---- receiving ---------------------------------------------------------- */

/*
 * inet_confirm_addr() of devinet.c, as arp_ignore and arp_accept use it:
 * does a device (@in_dev, or any when NULL) hold @local (any address when
 * 0) within @scope, in a subnet that also holds @dst (when not 0)?  An
 * address's scope counts as at most host (link with route_localnet).
 */
static bool confirm_addr_indev(const struct in_device *in_dev, __be32 dst, __be32 local,
			       int scope)
{
	int localnet_scope = IN_DEV_ROUTE_LOCALNET(in_dev) ? RT_SCOPE_LINK : RT_SCOPE_HOST;
	bool have_local = false, same_subnet = false;

	for (const struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next) {
		if (min((int)ifa->ifa_scope, localnet_scope) > scope)
			continue;
		if (!local || ifa->ifa_local == local)
			have_local = true;
		if ((!local || inet_ifa_match(local, ifa)) && (!dst || inet_ifa_match(dst, ifa)))
			same_subnet = true;
	}
	return have_local && same_subnet;
}

static bool arp_confirm_addr(struct net *net, const struct in_device *in_dev, __be32 dst,
			     __be32 local, int scope)
{
	struct net_device *dev;

	if (in_dev)
		return confirm_addr_indev(in_dev, dst, local, scope);
	list_for_each_entry(dev, &net->dev_base_head, dev_list) {
		const struct in_device *id = __in_dev_get_rtnl(dev);

		if (id && confirm_addr_indev(id, dst, local, scope))
			return true;
	}
	return false;
}

/* arp_ignore: whether not to answer a request for @tip (ip-sysctl.rst) */
static int arp_ignore(struct in_device *in_dev, __be32 sip, __be32 tip)
{
	struct net *net = dev_net(in_dev->dev);

	switch (IN_DEV_ARP_IGNORE(in_dev)) {
	case 0:		/* reply for any local address */
		return 0;
	case 1:		/* only for an address on the incoming interface */
		return !arp_confirm_addr(net, in_dev, 0, tip, RT_SCOPE_HOST);
	case 2:		/* ... in a subnet of that interface holding the sender */
		return !arp_confirm_addr(net, in_dev, sip, tip, RT_SCOPE_HOST);
	case 3:		/* not for addresses of scope host, on any interface */
		return !arp_confirm_addr(net, NULL, 0, tip, RT_SCOPE_LINK);
	case 8:		/* never */
		return 1;
	default:	/* 4-7 reserved: reply */
		return 0;
	}
}

/* arp_accept: whether unsolicited ARP from @sip may create an entry */
static int arp_accept(struct in_device *in_dev, __be32 sip)
{
	switch (IN_DEV_ARP_ACCEPT(in_dev)) {
	case 1:		/* always */
		return 1;
	case 2:		/* when sip is in a subnet of the receiving interface */
		return arp_confirm_addr(dev_net(in_dev->dev), in_dev, sip, 0, RT_SCOPE_LINK);
	default:	/* 0: never */
		return 0;
	}
}

/* arp_filter: reply only if the route back to sip leaves through @dev */
static int arp_filter(__be32 sip, __be32 tip, struct net_device *dev)
{
	struct flowi4 fl4 = { .daddr = sip, .saddr = tip };
	int err = 0, ret = 0;
	struct rtable *rt = ip_route_output_key(dev_net(dev), &fl4, &err);

	if (!rt)
		return 1;
	if (rt->dst.dev != dev)
		ret = 1;
	ip_rt_put(rt);
	return ret;
}

/*
 * arp_fwd_proxy: proxy_arp on the incoming device, the route leaves by
 * another one, and medium_id does not put both on one medium (0: proxy
 * always, -1: never, otherwise only to a device of another medium).
 */
static int arp_fwd_proxy(struct in_device *in_dev, struct net_device *dev, struct rtable *rt)
{
	struct in_device *out_dev;
	int imi, omi = -1;

	if (rt->dst.dev == dev || !IN_DEV_PROXY_ARP(in_dev))
		return 0;
	imi = IN_DEV_CONF_GET(in_dev, MEDIUM_ID);
	if (imi == 0)
		return 1;
	if (imi == -1)
		return 0;
	out_dev = __in_dev_get_rtnl(rt->dst.dev);
	if (out_dev)
		omi = IN_DEV_CONF_GET(out_dev, MEDIUM_ID);
	return omi != imi && omi != -1;
}

/* arp_fwd_pvlan: RFC 3069 private VLAN, proxy back onto the same device */
static int arp_fwd_pvlan(struct in_device *in_dev, struct net_device *dev, struct rtable *rt,
			 __be32 sip, __be32 tip)
{
	if (rt->dst.dev != dev || sip == tip)	/* not for self probes */
		return 0;
	return IN_DEV_ORCONF(in_dev, PROXY_ARP_PVLAN) ? 1 : 0;
}

/* A gratuitous ARP: sip == tip (a reply also has tha == sha), sip unicast. */
static bool arp_is_garp(struct net *net, struct net_device *dev, int *addr_type,
			__be16 ar_op, __be32 sip, __be32 tip, const u8 *sha, const u8 *tha)
{
	bool is_garp = tip == sip;

	if (is_garp && ar_op == htons(ARPOP_REPLY))
		is_garp = tha && !memcmp(tha, sha, dev->addr_len);
	if (is_garp) {
		*addr_type = (int)inet_addr_type_dev_table(net, dev, sip);
		if (*addr_type != RTN_UNICAST)
			is_garp = false;
	}
	return is_garp;
}

static int arp_process(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct arphdr *arp = arp_hdr(skb);
	struct neigh_table *tbl = net->ipv4.arp_tbl;
	enum skb_drop_reason reason;
	const u8 *sha, *tha;
	__be32 sip, tip;
	struct neighbour *n;
	int addr_type;
	bool is_garp = false;
	u8 *p;

	(void)sk;
	if (!in_dev)
		goto out_free;
	/* Ethernet takes hardware types 1 (Ethernet) and 6 (IEEE 802) */
	if ((arp->ar_hrd != htons(ARPHRD_ETHER) && arp->ar_hrd != htons(ARPHRD_IEEE802)) ||
	    arp->ar_pro != htons(ETH_P_IP))
		goto out_free;
	if (arp->ar_op != htons(ARPOP_REPLY) && arp->ar_op != htons(ARPOP_REQUEST))
		goto out_free;
	p = (u8 *)(arp + 1);
	sha = p;
	p += dev->addr_len;
	memcpy(&sip, p, 4);
	p += 4;
	tha = p;
	p += dev->addr_len;
	memcpy(&tip, p, 4);
	trace_skb_walk(skb, dev, "%s " WALK_IP4 " from " WALK_IP4,
		       arp->ar_op == htons(ARPOP_REQUEST) ? "request for" : "reply about",
		       WALK_IP4_ARG(arp->ar_op == htons(ARPOP_REQUEST) ? tip : sip), WALK_IP4_ARG(sip));
	/* requests for 127.x.x.x and multicast are bogus */
	if (ipv4_is_multicast(tip) || (!IN_DEV_ROUTE_LOCALNET(in_dev) && ipv4_is_loopback(tip)))
		goto out_free;
	/* drop_gratuitous_arp: where a proxy answers, gratuitous ARP is an attack */
	if (sip == tip && IN_DEV_DROP_GRATUITOUS_ARP(in_dev))
		goto out_free;
	/* duplicate address detection probe (RFC 2131, arping -D): sip is 0 */
	if (sip == 0) {
		if (arp->ar_op == htons(ARPOP_REQUEST) &&
		    inet_addr_type_dev_table(net, dev, tip) == RTN_LOCAL &&
		    !arp_ignore(in_dev, sip, tip))
			arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev->dev_addr, sha);
		goto out_consume;
	}
	if (arp->ar_op == htons(ARPOP_REQUEST) &&
	    ip_route_input_noref(skb, tip, sip, 0, dev, &reason) == 0) {
		struct rtable *rt = skb_rtable(skb);

		addr_type = rt->rt_type;
		if (addr_type == RTN_LOCAL) {
			int dont_send = arp_ignore(in_dev, sip, tip);

			if (!dont_send && IN_DEV_ARPFILTER(in_dev))
				dont_send = arp_filter(sip, tip, dev);
			if (!dont_send) {
				n = neigh_event_ns(tbl, sha, &sip, dev);
				if (n)
					arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
						 dev->dev_addr, sha);
			}
			goto out_consume;
		} else if (IN_DEV_FORWARD(in_dev)) {
			if (addr_type == RTN_UNICAST &&
			    (arp_fwd_proxy(in_dev, dev, rt) ||
			     arp_fwd_pvlan(in_dev, dev, rt, sip, tip))) {
				neigh_event_ns(tbl, sha, &sip, dev);
				/*
				 * A broadcast request waits a random part of
				 * proxy_delay (pneigh_enqueue), so a real owner
				 * of tip can answer first; then parp_redo()
				 * brings it back here.
				 */
				if ((NEIGH_CB(skb)->flags & LOCALLY_ENQUEUED) ||
				    skb->pkt_type == PACKET_HOST ||
				    NEIGH_VAR(in_dev->arp_parms, PROXY_DELAY) == 0) {
					arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha,
						 dev->dev_addr, sha);
				} else {
					pneigh_enqueue(tbl, in_dev->arp_parms, skb);
					return 0;
				}
				goto out_consume;
			}
		}
	}
	/* update our ARP tables */
	n = neigh_lookup(tbl, &sip, dev);
	addr_type = -1;
	if (n || arp_accept(in_dev, sip))
		is_garp = arp_is_garp(net, dev, &addr_type, arp->ar_op, sip, tip, sha, tha);
	if (arp_accept(in_dev, sip)) {
		/* unsolicited ARP creates entries only with arp_accept */
		if (!n && (is_garp ||
			   (arp->ar_op == htons(ARPOP_REPLY) &&
			    (addr_type == RTN_UNICAST ||
			     (addr_type < 0 &&
			      inet_addr_type_dev_table(net, dev, sip) == RTN_UNICAST)))))
			n = __neigh_create(tbl, &sip, dev, false);
	}
	if (n) {
		u8 state = NUD_REACHABLE;
		/*
		 * Of several replies back to back (proxies) keep the first:
		 * no override within locktime, unless gratuitous.
		 */
		bool override = time_after(sim_jiffies(net->w),
					   n->updated + (unsigned long)NEIGH_VAR(n->parms, LOCKTIME)) ||
				is_garp;

		/* broadcast replies and requests do not prove reachability */
		if (arp->ar_op != htons(ARPOP_REPLY) || skb->pkt_type != PACKET_HOST)
			state = NUD_STALE;
		neigh_update(n, sha, state, override ? NEIGH_UPDATE_F_OVERRIDE : 0, 0);
	}
out_consume:
	consume_skb(skb);
	return 0;
out_free:
	kfree_skb(skb);
	return 0;
}

/* neigh_proxy_process() hands a delayed proxy request back */
static void parp_redo(struct sk_buff *skb)
{
	arp_process(dev_net(skb->dev), NULL, skb);
}

static int arp_is_multicast(const void *pkey)
{
	__be32 addr;

	memcpy(&addr, pkey, sizeof(addr));
	return ipv4_is_multicast(addr);
}

static int arp_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	const struct arphdr *arp;

	(void)pt, (void)orig_dev;
	/* do not tweak dropwatch on an ARP we will ignore */
	if ((dev->flags & IFF_NOARP) || skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_LOOPBACK) {
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	if (!pskb_may_pull(skb, arp_hdr_len(dev))) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NET_RX_DROP;
	}
	arp = arp_hdr(skb);
	if (arp->ar_hln != dev->addr_len || arp->ar_pln != 4) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
		return NET_RX_DROP;
	}
	memset(NEIGH_CB(skb), 0, sizeof(struct neighbour_cb));
	trace_skb_walk(skb, dev, "op %u, len %u", ntohs(arp->ar_op), skb->len);
	cpu_charge(dev_net(dev), SIM_COST_L3, 0);
	return NF_HOOK(NFPROTO_ARP, NF_ARP_IN, dev_net(dev), NULL, skb, dev, NULL, arp_process);
}

/* ---- per namespace ----------------------------------------------------- */

static int arp_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct net *net = dev_net(dev);
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	(void)nb;
	switch (event) {
	case NETDEV_DOWN:
	case NETDEV_UNREGISTER:
		neigh_ifdown(net->ipv4.arp_tbl, dev);
		break;
	case NETDEV_CHANGEADDR:
		/* neigh_changeaddr(): every entry of the device, permanent ones too */
		neigh_flush_dev(net->ipv4.arp_tbl, dev, false);
		break;
	case NETDEV_CHANGE:
		if (!netif_carrier_ok(dev) && in_dev && IN_DEV_ARP_EVICT_NOCARRIER(in_dev))
			neigh_carrier_down(net->ipv4.arp_tbl, dev);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct packet_type arp_packet_type_template = {
	.type = 0,		/* htons(ETH_P_ARP), set at init */
	.func = arp_rcv,
};

static struct notifier_block arp_netdev_nb_template = {
	.notifier_call = arp_netdev_event,
	.priority = 5,
};

/* net/ipv4/arp.c arp_tbl's constant part; the rest is per namespace */
static const struct neigh_table_type arp_tbl_type = {
	.family = AF_INET,
	.key_len = 4,
	.id = "arp_cache",
	.constructor = arp_constructor,
	.proxy_redo = parp_redo,
	.is_multicast = arp_is_multicast,
};

struct arp_pernet {
	struct neigh_table tbl;
	struct packet_type pt;
	struct notifier_block nb;
};

/*
 * arp_tbl's neigh/default values as every namespace starts with them: one
 * copy per world (they depend on HZ only), not one per node; a namespace
 * that writes one gets its own copy (neigh_default_unshare()).
 */
static int *arp_parms_dflt(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);
	struct neigh_parms p;
	unsigned int hz = w->hz;

	if (kw->arp_parms_dflt)
		return kw->arp_parms_dflt;
	p.data = kw->arp_parms_dflt = g_malloc0(NEIGH_PARMS_DATA_SIZE);
	NEIGH_VAR_SET(&p, MCAST_PROBES, 3);
	NEIGH_VAR_SET(&p, UCAST_PROBES, 3);
	NEIGH_VAR_SET(&p, RETRANS_TIME, (int)hz);
	NEIGH_VAR_SET(&p, BASE_REACHABLE_TIME, (int)(30 * hz));
	NEIGH_VAR_SET(&p, DELAY_PROBE_TIME, (int)(5 * hz));
	NEIGH_VAR_SET(&p, INTERVAL_PROBE_TIME_MS, (int)(5 * hz));
	NEIGH_VAR_SET(&p, GC_STALETIME, (int)(60 * hz));
	NEIGH_VAR_SET(&p, QUEUE_LEN_BYTES, 212992);	/* SK_WMEM_DEFAULT */
	NEIGH_VAR_SET(&p, PROXY_QLEN, 64);
	NEIGH_VAR_SET(&p, ANYCAST_DELAY, (int)hz);
	NEIGH_VAR_SET(&p, PROXY_DELAY, (int)(8 * hz / 10));
	NEIGH_VAR_SET(&p, LOCKTIME, (int)hz);
	return p.data;
}

/* the world's neigh/default values of ARP, made by the first table */
void arp_world_exit(struct world *w)
{
	if (w->kernel)
		g_clear_pointer(&kernel_world(w)->arp_parms_dflt, g_free);
}

int arp_net_init(struct net *net, struct sim_err *err)
{
	struct arp_pernet *ap = g_new0(struct arp_pernet, 1);
	struct neigh_table *tbl = &ap->tbl;
	unsigned int hz = net->w->hz;

	(void)err;
	tbl->type = &arp_tbl_type;
	tbl->gc_interval = (int)(30 * hz);
	tbl->gc_thresh1 = 128;
	tbl->gc_thresh2 = 512;
	tbl->gc_thresh3 = 1024;
	/* neigh/default's: the world's, shared by the devices' too, until written */
	tbl->parms.data = arp_parms_dflt(net->w);
	net->ipv4.arp_tbl = tbl;
	neigh_table_init(net, tbl);
	ap->pt = arp_packet_type_template;
	ap->pt.type = htons(ETH_P_ARP);
	dev_add_pack(net, &ap->pt);
	ap->nb = arp_netdev_nb_template;
	register_netdevice_notifier_net(net, &ap->nb);
	return 0;
}

void arp_net_exit(struct net *net)
{
	struct arp_pernet *ap;

	if (!net->ipv4.arp_tbl)
		return;
	ap = container_of(net->ipv4.arp_tbl, struct arp_pernet, tbl);
	unregister_netdevice_notifier_net(net, &ap->nb);
	dev_remove_pack(net, &ap->pt);
	neigh_table_clear(&ap->tbl);
	net->ipv4.arp_tbl = NULL;
	g_free(ap);
}
