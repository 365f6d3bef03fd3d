/*
 * models/include/linux/inetdevice.h - IPv4 state of a device
 *
 * Mirrors include/linux/inetdevice.h: dev->ip_ptr is a struct in_device
 * with the device's addresses (struct in_ifaddr, primaries first, each
 * followed by its secondaries) and its ipv4_devconf - the values behind
 * /proc/sys/net/ipv4/conf/<dev>/.  The IN_DEV_*() macros combine a
 * device's value with conf/all's as the kernel does (forwarding from the
 * device; rp_filter the maximum; arp_ignore the maximum; most flags "all
 * or device").
 */
#ifndef _SKBSIM_LINUX_INETDEVICE_H
#define _SKBSIM_LINUX_INETDEVICE_H

#include "linux/netdevice.h"
#include "net/net_namespace.h"

/* IPV4_DEVCONF_* of include/uapi/linux/ip.h, with their sysctl names */
#define IPV4_DEVCONF_LIST(X)						\
	X(FORWARDING, "forwarding") X(MC_FORWARDING, "mc_forwarding")	\
	X(PROXY_ARP, "proxy_arp") X(ACCEPT_REDIRECTS, "accept_redirects")	\
	X(SECURE_REDIRECTS, "secure_redirects") X(SEND_REDIRECTS, "send_redirects") \
	X(SHARED_MEDIA, "shared_media") X(RP_FILTER, "rp_filter")	\
	X(ACCEPT_SOURCE_ROUTE, "accept_source_route") X(BOOTP_RELAY, "bootp_relay") \
	X(LOG_MARTIANS, "log_martians") X(TAG, "tag") X(ARPFILTER, "arp_filter") \
	X(MEDIUM_ID, "medium_id") X(NOXFRM, "disable_xfrm") X(NOPOLICY, "disable_policy") \
	X(FORCE_IGMP_VERSION, "force_igmp_version") X(ARP_ANNOUNCE, "arp_announce") \
	X(ARP_IGNORE, "arp_ignore") X(PROMOTE_SECONDARIES, "promote_secondaries") \
	X(ARP_ACCEPT, "arp_accept") X(ARP_NOTIFY, "arp_notify")	\
	X(ACCEPT_LOCAL, "accept_local") X(SRC_VMARK, "src_valid_mark")	\
	X(PROXY_ARP_PVLAN, "proxy_arp_pvlan") X(ROUTE_LOCALNET, "route_localnet") \
	X(IGMPV2_UNSOLICITED_REPORT_INTERVAL, "igmpv2_unsolicited_report_interval") \
	X(IGMPV3_UNSOLICITED_REPORT_INTERVAL, "igmpv3_unsolicited_report_interval") \
	X(IGNORE_ROUTES_WITH_LINKDOWN, "ignore_routes_with_linkdown")	\
	X(DROP_UNICAST_IN_L2_MULTICAST, "drop_unicast_in_l2_multicast")	\
	X(DROP_GRATUITOUS_ARP, "drop_gratuitous_arp") X(BC_FORWARDING, "bc_forwarding") \
	X(ARP_EVICT_NOCARRIER, "arp_evict_nocarrier")

#define IPV4_DEVCONF_ENUM(id, name) IPV4_DEVCONF_##id,
enum { IPV4_DEVCONF_LIST(IPV4_DEVCONF_ENUM) IPV4_DEVCONF_MAX };
#undef IPV4_DEVCONF_ENUM

/*
 * The values of conf/all, conf/default or a device's conf/<dev>, shared
 * copy-on-write: a device made from conf/default holds default's values
 * until one of the two is written (ipv4_devconf_set(), a sysctl write),
 * and a namespace nobody configures holds the built-in defaults; most
 * nodes never write a conf value, so they need no copy of their own.
 * (The kernel copies conf/default into every in_device.)
 */
struct ipv4_devconf {
	unsigned int refcnt;		/* holders; 0: a built-in default (const) */
	/*
	 * bit i: data[i] was set for this conf (a sysctl write, or
	 * IN_DEV_CONF_SET); a device's values without their bit follow
	 * conf/default's writes (the kernel's cnf.state, devinet_copy_dflt_conf)
	 */
	u64 state;
	int data[IPV4_DEVCONF_MAX];
};
_Static_assert(IPV4_DEVCONF_MAX <= 64, "ipv4_devconf.state has a bit per value");

struct in_ifaddr {
	struct in_ifaddr *ifa_next;
	struct in_device *ifa_dev;
	__be32 ifa_local;		/* the address */
	__be32 ifa_address;		/* peer (point-to-point) or = local */
	__be32 ifa_mask;
	__be32 ifa_broadcast;
	u32 ifa_rt_priority;		/* metric of its prefix route */
	u8 ifa_scope;
	u8 ifa_prefixlen;
	u32 ifa_flags;			/* IFA_F_SECONDARY, IFA_F_PERMANENT... */
	char ifa_label[IFNAMSIZ];
	u32 ifa_valid_lft, ifa_preferred_lft;
};

#define IFA_F_SECONDARY		0x01
#define IFA_F_NODAD		0x02
#define IFA_F_PERMANENT		0x80
#define IFA_F_NOPREFIXROUTE	0x200

struct neigh_parms;

struct in_device {
	struct net_device *dev;
	struct in_ifaddr *ifa_list;	/* primaries first, secondaries after theirs */
	struct neigh_parms *arp_parms;
	struct ipv4_devconf *cnf;	/* shared until written: see struct ipv4_devconf */
	bool dead;
};

static inline struct in_device *__in_dev_get_rtnl(const struct net_device *dev)
{
	return dev->ip_ptr;
}
#define in_dev_get __in_dev_get_rtnl
#define __in_dev_get_rcu __in_dev_get_rtnl

/* models/ipv4/devinet.c: the device (or conf/all) gets its own copy first */
void ipv4_devconf_set(struct in_device *in_dev, int index, int val);
int *ipv4_devconf_all_rw(struct net *net, int index);

#define IN_DEV_CONF_GET(in_dev, attr) ((in_dev)->cnf->data[IPV4_DEVCONF_##attr])
#define IN_DEV_CONF_SET(in_dev, attr, v) ipv4_devconf_set((in_dev), IPV4_DEVCONF_##attr, (v))
/* conf/all's value; IPV4_DEVCONF_ALL() is the one to assign to */
#define IPV4_DEVCONF_ALL_RO(net, attr) ((net)->ipv4.devconf_all->data[IPV4_DEVCONF_##attr])
#define IPV4_DEVCONF_ALL(net, attr) (*ipv4_devconf_all_rw((net), IPV4_DEVCONF_##attr))

#define IN_DEV_ANDCONF(in_dev, attr) \
	(IPV4_DEVCONF_ALL_RO(dev_net((in_dev)->dev), attr) && IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_ORCONF(in_dev, attr) \
	(IPV4_DEVCONF_ALL_RO(dev_net((in_dev)->dev), attr) || IN_DEV_CONF_GET((in_dev), attr))
#define IN_DEV_MAXCONF(in_dev, attr) \
	(max(IPV4_DEVCONF_ALL_RO(dev_net((in_dev)->dev), attr), IN_DEV_CONF_GET((in_dev), attr)))

#define IN_DEV_FORWARD(in_dev)		IN_DEV_CONF_GET((in_dev), FORWARDING)
#define IN_DEV_RPFILTER(in_dev)		IN_DEV_MAXCONF((in_dev), RP_FILTER)
#define IN_DEV_SOURCE_ROUTE(in_dev)	IN_DEV_ANDCONF((in_dev), ACCEPT_SOURCE_ROUTE)
#define IN_DEV_ACCEPT_LOCAL(in_dev)	IN_DEV_ORCONF((in_dev), ACCEPT_LOCAL)
#define IN_DEV_SRC_VMARK(in_dev)	IN_DEV_ORCONF((in_dev), SRC_VMARK)
#define IN_DEV_BOOTP_RELAY(in_dev)	IN_DEV_ANDCONF((in_dev), BOOTP_RELAY)
#define IN_DEV_LOG_MARTIANS(in_dev)	IN_DEV_ORCONF((in_dev), LOG_MARTIANS)
#define IN_DEV_PROXY_ARP(in_dev)	IN_DEV_ORCONF((in_dev), PROXY_ARP)
#define IN_DEV_SHARED_MEDIA(in_dev)	IN_DEV_ORCONF((in_dev), SHARED_MEDIA)
#define IN_DEV_TX_REDIRECTS(in_dev)	IN_DEV_ORCONF((in_dev), SEND_REDIRECTS)
#define IN_DEV_SEC_REDIRECTS(in_dev)	IN_DEV_ORCONF((in_dev), SECURE_REDIRECTS)
#define IN_DEV_ROUTE_LOCALNET(in_dev)	IN_DEV_ORCONF((in_dev), ROUTE_LOCALNET)
#define IN_DEV_ARPFILTER(in_dev)	IN_DEV_ORCONF((in_dev), ARPFILTER)
#define IN_DEV_ARP_ACCEPT(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_ACCEPT)
#define IN_DEV_ARP_ANNOUNCE(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_ANNOUNCE)
#define IN_DEV_ARP_IGNORE(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_IGNORE)
#define IN_DEV_ARP_NOTIFY(in_dev)	IN_DEV_MAXCONF((in_dev), ARP_NOTIFY)
#define IN_DEV_ARP_EVICT_NOCARRIER(in_dev) IN_DEV_ANDCONF((in_dev), ARP_EVICT_NOCARRIER)
#define IN_DEV_PROMOTE_SECONDARIES(in_dev) IN_DEV_ORCONF((in_dev), PROMOTE_SECONDARIES)
#define IN_DEV_RX_REDIRECTS(in_dev) \
	((IN_DEV_FORWARD(in_dev) && IN_DEV_ANDCONF((in_dev), ACCEPT_REDIRECTS)) || \
	 (!IN_DEV_FORWARD(in_dev) && IN_DEV_ORCONF((in_dev), ACCEPT_REDIRECTS)))
#define IN_DEV_DROP_GRATUITOUS_ARP(in_dev) IN_DEV_ORCONF((in_dev), DROP_GRATUITOUS_ARP)

static inline bool inet_ifa_match(__be32 addr, const struct in_ifaddr *ifa)
{
	return !((addr ^ ifa->ifa_address) & ifa->ifa_mask);
}

/* models/ipv4/devinet.c */
struct in_device *inetdev_init(struct net_device *dev);
/* `ip addr add`: RTM_NEWADDR; errors as iproute2 prints them */
int inet_rtm_newaddr(struct net *net, struct net_device *dev, __be32 local, int prefixlen,
		     __be32 broadcast, bool brd_auto, u8 scope, const char *label,
		     u32 metric, u32 flags, struct sim_err *err);
int inet_rtm_deladdr(struct net *net, struct net_device *dev, __be32 local, int prefixlen,
		     struct sim_err *err);
void inet_addr_flush(struct net_device *dev);
/* inet_select_addr: a source address on @dev for @dst within @scope */
__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope);
/* the device that has @addr as a local address, or NULL */
struct net_device *__ip_dev_find(struct net *net, __be32 addr);
int devinet_net_init(struct net *net, struct sim_err *err);
void devinet_net_exit(struct net *net);
extern const char *const ipv4_devconf_names[IPV4_DEVCONF_MAX];

#endif
