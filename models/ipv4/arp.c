/*
 * models/ipv4/arp.c - the Address Resolution Protocol (RFC 826)
 *
 * Mirrors net/ipv4/arp.c: arp_tbl is the IPv4 neighbour table with the
 * kernel's defaults (3 broadcast probes a second apart, reachable 30 s
 * randomized, delay 5 s, stale GC at 60 s, gc_thresh 128/512/1024);
 * arp_constructor() makes loopback and broadcast neighbours NOARP;
 * arp_solicit() sends requests (broadcast while INCOMPLETE, unicast to the
 * known address while PROBE) with the source address arp_announce
 * chooses; arp_rcv()/arp_process() answer requests for local addresses
 * (arp_ignore, arp_filter), proxy (proxy_arp), learn from requests for us
 * (STALE) and from replies (REACHABLE; unsolicited ones only with
 * arp_accept), preferring the first of several replies (locktime).
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

static void arp_solicit(struct neighbour *n, struct sk_buff *skb);
static void arp_error_report(struct neighbour *n, struct sk_buff *skb);

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

/* inet_confirm_addr: @tip is ours on @in_dev, within @scope (and sip's subnet) */
static bool confirm_addr(const struct in_device *in_dev, __be32 sip, __be32 tip, int scope)
{
	for (const struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next) {
		if (ifa->ifa_local != tip || ifa->ifa_scope > scope)
			continue;
		if (!sip || scope != RT_SCOPE_LINK || inet_ifa_match(sip, ifa))
			return true;
	}
	return false;
}

/* arp_ignore: whether not to answer a request for @tip (ip-sysctl.rst) */
static int arp_ignore(struct in_device *in_dev, __be32 sip, __be32 tip)
{
	switch (IN_DEV_ARP_IGNORE(in_dev)) {
	case 0:		/* reply for any local address */
		return 0;
	case 1:		/* only for addresses on the incoming interface */
		return !confirm_addr(in_dev, 0, tip, RT_SCOPE_HOST);
	case 2:		/* ... and the sender in the same subnet */
		return !confirm_addr(in_dev, sip, tip, RT_SCOPE_LINK);
	case 3:		/* not for addresses of scope host */
		return !confirm_addr(in_dev, 0, tip, RT_SCOPE_LINK);
	case 8:		/* never */
		return 1;
	default:
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

/* neigh_event_ns: someone asked for us; remember them as STALE */
static struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
					const void *saddr, struct net_device *dev)
{
	struct neighbour *n = __neigh_create(tbl, saddr, dev, false);

	if (n)
		neigh_update(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, 0);
	return n;
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
	int addr_type = -1;
	bool is_garp = false;
	u8 *p;

	(void)sk;
	if (!in_dev)
		goto out_free;
	if (arp->ar_pro != htons(ETH_P_IP) || arp->ar_hrd != htons(ARPHRD_ETHER))
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
	(void)tha;
	/* requests for 127.x.x.x and multicast are bogus */
	if (ipv4_is_multicast(tip) || (!IN_DEV_ROUTE_LOCALNET(in_dev) && ipv4_is_loopback(tip)))
		goto out_free;
	if (sip == tip && IN_DEV_DROP_GRATUITOUS_ARP(in_dev))
		goto out_free;
	/* duplicate address detection probe (RFC 2131): sip is 0 */
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
		} else if (IN_DEV_FORWARD(in_dev) && addr_type == RTN_UNICAST &&
			   rt->dst.dev != dev && IN_DEV_PROXY_ARP(in_dev)) {
			/* proxy ARP (arp_fwd_proxy): we route to tip by another interface */
			struct in_device *out = __in_dev_get_rtnl(rt->dst.dev);

			if (out && IN_DEV_MAXCONF(out, MEDIUM_ID) != -1) {
				neigh_event_ns(tbl, sha, &sip, dev);
				arp_send(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, dev->dev_addr, sha);
				goto out_consume;
			}
		}
	}
	/* update our ARP tables */
	n = neigh_lookup(tbl, &sip, dev);
	if (n || IN_DEV_ARP_ACCEPT(in_dev)) {
		addr_type = (int)inet_addr_type_dev_table(net, dev, sip);
		/* gratuitous ARP: request or reply with sip == tip */
		is_garp = tip == sip && addr_type == RTN_UNICAST;
	}
	if (IN_DEV_ARP_ACCEPT(in_dev) && !n &&
	    (is_garp || (arp->ar_op == htons(ARPOP_REPLY) && addr_type == RTN_UNICAST)))
		n = __neigh_create(tbl, &sip, dev, false);
	if (n) {
		u8 state = NUD_REACHABLE;
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
		neigh_flush_dev(net->ipv4.arp_tbl, dev, true);
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

struct arp_pernet {
	struct neigh_table tbl;
	struct packet_type pt;
	struct notifier_block nb;
};

int arp_net_init(struct net *net, struct sim_err *err)
{
	struct arp_pernet *ap = g_new0(struct arp_pernet, 1);
	struct neigh_table *tbl = &ap->tbl;
	unsigned int hz = net->w->hz;

	(void)err;
	tbl->family = AF_INET;
	tbl->key_len = 4;
	tbl->protocol = htons(ETH_P_IP);
	tbl->id = "arp_cache";
	tbl->constructor = arp_constructor;
	tbl->gc_interval = (int)(30 * hz);
	tbl->gc_thresh1 = 128;
	tbl->gc_thresh2 = 512;
	tbl->gc_thresh3 = 1024;
	NEIGH_VAR_SET(&tbl->parms, MCAST_PROBES, 3);
	NEIGH_VAR_SET(&tbl->parms, UCAST_PROBES, 3);
	NEIGH_VAR_SET(&tbl->parms, RETRANS_TIME, (int)hz);
	NEIGH_VAR_SET(&tbl->parms, BASE_REACHABLE_TIME, (int)(30 * hz));
	NEIGH_VAR_SET(&tbl->parms, DELAY_PROBE_TIME, (int)(5 * hz));
	NEIGH_VAR_SET(&tbl->parms, INTERVAL_PROBE_TIME_MS, (int)(5 * hz));
	NEIGH_VAR_SET(&tbl->parms, GC_STALETIME, (int)(60 * hz));
	NEIGH_VAR_SET(&tbl->parms, QUEUE_LEN_BYTES, 212992);	/* SK_WMEM_MAX */
	NEIGH_VAR_SET(&tbl->parms, PROXY_QLEN, 64);
	NEIGH_VAR_SET(&tbl->parms, ANYCAST_DELAY, (int)hz);
	NEIGH_VAR_SET(&tbl->parms, PROXY_DELAY, (int)(8 * hz / 10));
	NEIGH_VAR_SET(&tbl->parms, LOCKTIME, (int)hz);
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
