/*
 * models/ipv4/devinet.c - IPv4 addresses and per-device configuration
 *
 * Mirrors net/ipv4/devinet.c: inetdev_init() gives every device its
 * struct in_device when it registers (copying conf/default), with
 * /proc/sys/net/ipv4/conf/<dev>/; inet_rtm_newaddr()/inet_rtm_deladdr()
 * are `ip addr add/del`: the first address of a subnet is primary, later
 * ones in it are secondary (listed after all primaries), and adding one
 * adds its routes (fib_add_ifaddr: local, prefix, broadcast).  When `lo`
 * comes up it gets 127.0.0.1/8.  Writing conf/all/forwarding sets
 * forwarding on every device, as devinet_sysctl_forward() does.
 *
 * Checked against Linux 6.x in a namespace: orders, routes and messages
 * ("Error: ipv4: Address already assigned.").
 *
 * Differences, for memory only: a device's conf is conf/default's, shared
 * copy-on-write, until either is written (struct ipv4_devconf), and the
 * conf/ directories are one sysctl registration per world that finds the
 * namespace's devices (devinet_conf_kind), not one per device.
 */
#include "linux/inetdevice.h"

#include <errno.h>
#include <stdio.h>

#include "linux/slab.h"
#include "linux/sysctl.h"
#include "net/ip.h"
#include "net/ip_fib.h"
#include "net/neighbour.h"
#include "net/route.h"

#define DEVCONF_NAME(id, name) name,
const char *const ipv4_devconf_names[IPV4_DEVCONF_MAX] = { IPV4_DEVCONF_LIST(DEVCONF_NAME) };
#undef DEVCONF_NAME

/* ---- conf/all, conf/default and their sysctls ----------------------------- */

/* The built-in values (refcnt 0: const, shared by every namespace of every world). */
#define DEVCONF_DEFAULTS(source_route)					\
	[IPV4_DEVCONF_ACCEPT_REDIRECTS] = 1,	/* all too, in a new netns (Linux 6.18) */ \
	[IPV4_DEVCONF_SEND_REDIRECTS] = 1,					\
	[IPV4_DEVCONF_SECURE_REDIRECTS] = 1,					\
	[IPV4_DEVCONF_SHARED_MEDIA] = 1,					\
	[IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE] = (source_route),			\
	[IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL] = 10000,		\
	[IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL] = 1000,		\
	[IPV4_DEVCONF_ARP_EVICT_NOCARRIER] = 1
static const struct ipv4_devconf ipv4_devconf_all = { .data = { DEVCONF_DEFAULTS(0) } };
static const struct ipv4_devconf ipv4_devconf_dflt = { .data = { DEVCONF_DEFAULTS(1) } };
/* what inetdev_init() makes of the built-in default for a loopback device */
static const struct ipv4_devconf ipv4_devconf_lo = {
	.state = BIT_ULL(IPV4_DEVCONF_NOXFRM) | BIT_ULL(IPV4_DEVCONF_NOPOLICY),
	.data = { DEVCONF_DEFAULTS(1), [IPV4_DEVCONF_NOXFRM] = 1, [IPV4_DEVCONF_NOPOLICY] = 1 },
};
#undef DEVCONF_DEFAULTS

/*
 * A built-in default is only ever read: the cast drops a const that
 * devconf_unshare() honours (refcnt 0 is never written or freed).
 */
static struct ipv4_devconf *devconf_builtin(const struct ipv4_devconf *cnf)
{
	return (struct ipv4_devconf *)cnf;
}

static struct ipv4_devconf *devconf_hold(struct ipv4_devconf *cnf)
{
	if (cnf->refcnt)
		cnf->refcnt++;
	return cnf;
}

static void devconf_put(struct ipv4_devconf *cnf)
{
	if (cnf && cnf->refcnt && --cnf->refcnt == 0)
		g_free(cnf);
}

/* Before a write: *@cnfp becomes its holder's own (a copy if shared). */
static struct ipv4_devconf *devconf_unshare(struct ipv4_devconf **cnfp)
{
	struct ipv4_devconf *old = *cnfp, *cnf;

	if (old->refcnt == 1)
		return old;
	cnf = g_memdup2(old, sizeof(*old));
	cnf->refcnt = 1;
	devconf_put(old);
	*cnfp = cnf;
	return cnf;
}

void ipv4_devconf_set(struct in_device *in_dev, int index, int val)
{
	struct ipv4_devconf *cnf = devconf_unshare(&in_dev->cnf);

	cnf->data[index] = val;
	cnf->state |= BIT_ULL(index);
}

int *ipv4_devconf_all_rw(struct net *net, int index)
{
	return &devconf_unshare(&net->ipv4.devconf_all)->data[index];
}

static void devinet_set_forwarding(struct net *net, int on);

/* forwarding: writing conf/all's sets every device's (devinet_sysctl_forward) */
static void devconf_forwarding_changed(const struct ctl_table *t, struct net *net)
{
	const int *v = t->data;

	if (v == &net->ipv4.devconf_all->data[IPV4_DEVCONF_FORWARDING])
		devinet_set_forwarding(net, *v);
}

/* @a and @b hold the same values, @i apart */
static bool devconf_same_but(const struct ipv4_devconf *a, const struct ipv4_devconf *b, int i)
{
	for (int j = 0; j < IPV4_DEVCONF_MAX; j++)
		if (j != i && a->data[j] != b->data[j])
			return false;
	return true;
}

/*
 * A write to conf/default/<i> reaches every device that has not set <i>
 * itself (devinet_copy_dflt_conf).  A device whose values are default's
 * but for <i> takes default's new block as it is; any other (it set a
 * value, or default changed one that is not copied, as forwarding) gets
 * <i> written into its own.
 */
static void devinet_copy_dflt_conf(struct net *net, int i)
{
	struct ipv4_devconf *dflt = net->ipv4.devconf_dflt;
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (!in_dev || in_dev->cnf == dflt || (in_dev->cnf->state & BIT_ULL(i)))
			continue;
		if (!in_dev->cnf->state && devconf_same_but(in_dev->cnf, dflt, i)) {
			devconf_put(in_dev->cnf);
			in_dev->cnf = devconf_hold(dflt);
		} else if (in_dev->cnf->data[i] != dflt->data[i]) {
			devconf_unshare(&in_dev->cnf)->data[i] = dflt->data[i];
		}
	}
}

/* after a write to conf/{all,default,<dev>}/<i> (devinet_conf_proc) */
static void devconf_changed(const struct ctl_table *t, struct net *net)
{
	/* extra1: the conf the value is in, as the kernel's devinet_vars have it */
	struct ipv4_devconf *cnf = (struct ipv4_devconf *)t->extra1;
	int i = (int)((const int *)t->data - cnf->data);

	/* default's own bits would be the devices' that share its values */
	if (cnf == net->ipv4.devconf_dflt)
		devinet_copy_dflt_conf(net, i);
	else
		cnf->state |= BIT_ULL(i);
}

/*
 * forwarding has its own handler (devinet_sysctl_forward), and
 * disable_xfrm, disable_policy, promote_secondaries and route_localnet
 * theirs (ipv4_doint_and_flush): neither marks the value set nor copies
 * conf/default's to the devices.
 */
#define DEVCONF_ENTRY(id, name) {						\
	.procname = name,							\
	.data = (void *)offsetof(struct ipv4_devconf, data[IPV4_DEVCONF_##id]),	\
	.maxlen = sizeof(int), .proc_handler = proc_dointvec,			\
	.extra1 = (void *)0, .extra_rel = SYSCTL_EXTRA1_REL,			\
	/* mc_forwarding is the multicast routing daemon's (DEVINET_SYSCTL_RO_ENTRY) */ \
	.mode = IPV4_DEVCONF_##id == IPV4_DEVCONF_MC_FORWARDING ? 0444 : 0644,	\
	.changed = IPV4_DEVCONF_##id == IPV4_DEVCONF_FORWARDING ?		\
		   devconf_forwarding_changed :					\
		   IPV4_DEVCONF_##id == IPV4_DEVCONF_NOXFRM ||			\
		   IPV4_DEVCONF_##id == IPV4_DEVCONF_NOPOLICY ||		\
		   IPV4_DEVCONF_##id == IPV4_DEVCONF_PROMOTE_SECONDARIES ||	\
		   IPV4_DEVCONF_##id == IPV4_DEVCONF_ROUTE_LOCALNET ?		\
		   NULL : devconf_changed },
static const struct ctl_table devinet_vars[] = { IPV4_DEVCONF_LIST(DEVCONF_ENTRY) };
#undef DEVCONF_ENTRY

/* The conf of /proc/sys/net/ipv4/conf/@name: all, default or a device's. */
static struct ipv4_devconf **devconf_of(struct net *net, const char *name)
{
	struct net_device *dev;
	struct in_device *in_dev;

	if (!net->ipv4.devconf_all)
		return NULL;
	if (strcmp(name, "all") == 0)
		return &net->ipv4.devconf_all;
	if (strcmp(name, "default") == 0)
		return &net->ipv4.devconf_dflt;
	dev = __dev_get_by_name(net, name);
	in_dev = dev ? __in_dev_get_rtnl(dev) : NULL;
	return in_dev ? &in_dev->cnf : NULL;
}

static void *devinet_conf_base(struct net *net, const char *name, bool write)
{
	struct ipv4_devconf **cnfp = devconf_of(net, name);

	if (!cnfp)
		return NULL;
	return write ? devconf_unshare(cnfp) : *cnfp;
}

static void devinet_conf_for_each(struct net *net, void (*fn)(const char *name, void *arg),
				  void *arg)
{
	struct net_device *dev;

	if (!net->ipv4.devconf_all)
		return;
	fn("all", arg);
	fn("default", arg);
	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (__in_dev_get_rtnl(dev))
			fn(dev->name, arg);
}

/*
 * net/ipv4/conf/{all,default,<dev>}/: one registration for the world, the
 * directories are the namespace's devices with an in_device (the kernel
 * registers one per device in inetdev_init(), moved on a rename).
 */
static const struct ctl_table_kind devinet_conf_kind = {
	.path = "net/ipv4/conf",
	.table = devinet_vars,
	.n = G_N_ELEMENTS(devinet_vars),
	.base = devinet_conf_base,
	.for_each = devinet_conf_for_each,
};

static void devinet_set_forwarding(struct net *net, int on)
{
	struct net_device *dev;

	/* only a value that changes unshares its conf */
	if (net->ipv4.devconf_dflt->data[IPV4_DEVCONF_FORWARDING] != on)
		devconf_unshare(&net->ipv4.devconf_dflt)->data[IPV4_DEVCONF_FORWARDING] = on;
	list_for_each_entry(dev, &net->dev_base_head, dev_list) {
		struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (in_dev && IN_DEV_CONF_GET(in_dev, FORWARDING) != on)
			IN_DEV_CONF_SET(in_dev, FORWARDING, on);
	}
}

/* ---- in_device ----------------------------------------------------------- */

struct in_device *inetdev_init(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct in_device *in_dev = kzalloc(net->w, sizeof(*in_dev));

	in_dev->dev = dev;
	in_dev->cnf = devconf_hold(net->ipv4.devconf_dflt);	/* a copy, as far as anyone sees */
	if (dev->flags & IFF_LOOPBACK) {
		/* loopback needs no IPsec policy checks */
		if (in_dev->cnf == &ipv4_devconf_dflt) {
			in_dev->cnf = devconf_builtin(&ipv4_devconf_lo);
		} else {
			IN_DEV_CONF_SET(in_dev, NOXFRM, 1);
			IN_DEV_CONF_SET(in_dev, NOPOLICY, 1);
		}
	}
	in_dev->arp_parms = neigh_parms_alloc(dev, net->ipv4.arp_tbl);
	dev->ip_ptr = in_dev;
	return in_dev;
}

static void inet_free_ifa(struct in_ifaddr *ifa)
{
	kfree(ifa);
}

static void inetdev_destroy(struct in_device *in_dev)
{
	struct net_device *dev = in_dev->dev;
	struct net *net = dev_net(dev);

	in_dev->dead = true;
	inet_addr_flush(dev);
	neigh_parms_release(net->ipv4.arp_tbl, in_dev->arp_parms);
	dev->ip_ptr = NULL;
	devconf_put(in_dev->cnf);
	kfree(in_dev);
}

/* ---- addresses ---------------------------------------------------------- */

/*
 * __inet_insert_ifa - link @ifa into its device's list.  The first address
 * of a subnet is primary, a later one in it secondary.  A secondary goes
 * last; a primary goes after the last primary whose scope is as wide as
 * its own or narrower (a larger value), else first: a scope-host or
 * scope-link primary precedes the global ones, as on Linux.
 */
static int __inet_insert_ifa(struct in_ifaddr *ifa, struct sim_err *err)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct in_ifaddr **last_primary = &in_dev->ifa_list;
	struct in_ifaddr **ifap = &in_dev->ifa_list;

	ifa->ifa_flags &= ~IFA_F_SECONDARY;
	for (struct in_ifaddr *i = *ifap; i; ifap = &i->ifa_next, i = *ifap) {
		if (!(i->ifa_flags & IFA_F_SECONDARY) && ifa->ifa_scope <= i->ifa_scope)
			last_primary = &i->ifa_next;
		if (i->ifa_mask == ifa->ifa_mask && inet_ifa_match(i->ifa_address, ifa)) {
			if (i->ifa_local == ifa->ifa_local) {
				sim_err_set(err, "Error: ipv4: Address already assigned.");
				return -EEXIST;
			}
			if (i->ifa_scope != ifa->ifa_scope) {
				sim_err_set(err, "Error: ipv4: Invalid scope value.");
				return -EINVAL;
			}
			ifa->ifa_flags |= IFA_F_SECONDARY;
		}
	}
	/* ifap: the end of the list */
	if (!(ifa->ifa_flags & IFA_F_SECONDARY))
		ifap = last_primary;
	ifa->ifa_next = *ifap;
	*ifap = ifa;
	/* the routes of the address (inetaddr_chain: fib_inetaddr_event) */
	if (netif_running(in_dev->dev) || (in_dev->dev->flags & IFF_LOOPBACK))
		fib_add_ifaddr(ifa);
	return 0;
}

int inet_rtm_newaddr(struct net *net, struct net_device *dev, __be32 local, int prefixlen,
		     __be32 broadcast, bool brd_auto, u8 scope, const char *label,
		     u32 metric, u32 flags, struct sim_err *err)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct in_ifaddr *ifa;
	int ret;

	(void)net;
	if (!in_dev)
		return sim_err_set(err, "RTNETLINK answers: No buffer space available"), -ENOBUFS;
	if (prefixlen < 0 || prefixlen > 32)
		return sim_err_set(err, "Error: ipv4: Invalid prefix length."), -EINVAL;
	ifa = kzalloc(dev_net(dev)->w, sizeof(*ifa));
	ifa->ifa_dev = in_dev;
	ifa->ifa_local = ifa->ifa_address = local;
	ifa->ifa_prefixlen = (u8)prefixlen;
	ifa->ifa_mask = inet_make_mask(prefixlen);
	ifa->ifa_flags = flags | IFA_F_PERMANENT;
	ifa->ifa_scope = scope;
	ifa->ifa_rt_priority = metric;
	ifa->ifa_valid_lft = ifa->ifa_preferred_lft = 0xffffffffu;	/* forever */
	if (brd_auto && prefixlen < 31)
		ifa->ifa_broadcast = local | ~ifa->ifa_mask;
	else
		ifa->ifa_broadcast = broadcast;
	g_strlcpy(ifa->ifa_label, label && *label ? label : dev->name, sizeof(ifa->ifa_label));
	ret = __inet_insert_ifa(ifa, err);
	if (ret < 0)
		inet_free_ifa(ifa);
	return ret;
}

/*
 * __inet_del_ifa - unlink and free *@ifap.  Removing a primary removes the
 * secondaries of its subnet, or with promote_secondaries makes the first
 * of them primary: it moves to just after the last primary that followed
 * the removed one with as wide a scope or narrower, else into the removed
 * one's place (Linux's order, checked in a namespace).
 */
static void __inet_del_ifa(struct in_device *in_dev, struct in_ifaddr **ifap)
{
	struct in_ifaddr *ifa1 = *ifap, *promote = NULL, *prev_prom = NULL;
	struct in_ifaddr **last_prim = ifap;
	bool do_promote = IN_DEV_PROMOTE_SECONDARIES(in_dev);

	if (!(ifa1->ifa_flags & IFA_F_SECONDARY)) {
		struct in_ifaddr **p = &ifa1->ifa_next;

		while (*p) {
			struct in_ifaddr *ifa = *p;
			bool secondary = ifa->ifa_flags & IFA_F_SECONDARY;

			if (!secondary && ifa1->ifa_scope <= ifa->ifa_scope)
				last_prim = &ifa->ifa_next;
			if (!secondary || ifa1->ifa_mask != ifa->ifa_mask ||
			    !inet_ifa_match(ifa1->ifa_address, ifa)) {
				p = &ifa->ifa_next;
				prev_prom = ifa;
				continue;
			}
			if (do_promote) {
				promote = ifa;
				break;
			}
			*p = ifa->ifa_next;
			fib_del_ifaddr(ifa, ifa1);
			inet_free_ifa(ifa);
		}
	}
	/*
	 * On promotion every secondary of the subnet changes its primary (the
	 * prefsrc of its routes): its routes go now, while ifa1 is listed, and
	 * come back below with the new one.
	 */
	for (struct in_ifaddr *ifa = promote; ifa; ifa = ifa->ifa_next)
		if (ifa1->ifa_mask == ifa->ifa_mask && inet_ifa_match(ifa1->ifa_address, ifa))
			fib_del_ifaddr(ifa, ifa1);
	*ifap = ifa1->ifa_next;
	fib_del_ifaddr(ifa1, NULL);
	if (promote) {
		struct in_ifaddr *next_sec = promote->ifa_next;

		if (prev_prom) {
			/* out of its place, in after last_prim (ifa1's place when unmoved) */
			prev_prom->ifa_next = next_sec;
			promote->ifa_next = *last_prim;
			*last_prim = promote;
		}
		promote->ifa_flags &= ~IFA_F_SECONDARY;
		fib_add_ifaddr(promote);
		for (struct in_ifaddr *ifa = next_sec; ifa; ifa = ifa->ifa_next)
			if (ifa1->ifa_mask == ifa->ifa_mask &&
			    inet_ifa_match(ifa1->ifa_address, ifa))
				fib_add_ifaddr(ifa);
	}
	inet_free_ifa(ifa1);
}

int inet_rtm_deladdr(struct net *net, struct net_device *dev, __be32 local, int prefixlen,
		     struct sim_err *err)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);
	struct in_ifaddr **ifap;

	(void)net;
	if (!in_dev)
		return sim_err_set(err, "RTNETLINK answers: Cannot assign requested address"),
		       -EADDRNOTAVAIL;
	for (ifap = &in_dev->ifa_list; *ifap; ifap = &(*ifap)->ifa_next) {
		struct in_ifaddr *ifa = *ifap;

		if (ifa->ifa_local != local)
			continue;
		if (prefixlen >= 0 && ifa->ifa_prefixlen != prefixlen)
			continue;
		__inet_del_ifa(in_dev, ifap);
		return 0;
	}
	return sim_err_set(err, "RTNETLINK answers: Cannot assign requested address"),
	       -EADDRNOTAVAIL;
}

void inet_addr_flush(struct net_device *dev)
{
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	while (in_dev && in_dev->ifa_list) {
		/* secondaries first, so primaries do not promote them */
		struct in_ifaddr **ifap = &in_dev->ifa_list, **last = ifap;

		for (; *ifap; ifap = &(*ifap)->ifa_next)
			last = ifap;
		__inet_del_ifa(in_dev, last);
	}
}

__be32 inet_select_addr(const struct net_device *dev, __be32 dst, int scope)
{
	const struct in_device *in_dev = __in_dev_get_rtnl(dev);
	__be32 addr = 0;
	struct net_device *d;

	if (in_dev) {
		for (const struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next) {
			if (ifa->ifa_flags & IFA_F_SECONDARY)
				continue;
			if (ifa->ifa_scope > scope)
				continue;
			if (!dst || inet_ifa_match(dst, ifa))
				return ifa->ifa_local;
			if (!addr)
				addr = ifa->ifa_local;
		}
	}
	if (addr)
		return addr;
	/* no address on the device: any other device's of the right scope */
	list_for_each_entry(d, &dev_net(dev)->dev_base_head, dev_list) {
		const struct in_device *id = __in_dev_get_rtnl(d);

		if (!id || (d->flags & IFF_LOOPBACK && scope != RT_SCOPE_HOST))
			continue;
		for (const struct in_ifaddr *ifa = id->ifa_list; ifa; ifa = ifa->ifa_next)
			if (!(ifa->ifa_flags & IFA_F_SECONDARY) && ifa->ifa_scope <= scope)
				return ifa->ifa_local;
	}
	return 0;
}

struct net_device *__ip_dev_find(struct net *net, __be32 addr)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list) {
		const struct in_device *in_dev = __in_dev_get_rtnl(dev);

		for (const struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa;
		     ifa = ifa->ifa_next)
			if (ifa->ifa_local == addr)
				return dev;
	}
	return NULL;
}

/* ---- device events (inetdev_event) --------------------------------------- */

static void inetdev_lo_up(struct in_device *in_dev)
{
	struct sim_err err = { { 0 } };

	/* `ip link set lo up` gives 127.0.0.1/8 scope host */
	if (!in_dev->ifa_list)
		inet_rtm_newaddr(dev_net(in_dev->dev), in_dev->dev, htonl(INADDR_LOOPBACK), 8, 0,
				 false, RT_SCOPE_HOST, "lo", 0, 0, &err);
}

static int inetdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	(void)nb;
	switch (event) {
	case NETDEV_REGISTER:
		if (!in_dev)
			inetdev_init(dev);
		break;
	case NETDEV_UNREGISTER:
		if (in_dev)
			inetdev_destroy(in_dev);
		break;
	case NETDEV_CHANGENAME:
		if (in_dev) {
			/* conf/<dev>/ follows dev->name by itself (devinet_conf_kind) */
			for (struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next)
				g_strlcpy(ifa->ifa_label, dev->name, sizeof(ifa->ifa_label));
		}
		break;
	case NETDEV_UP:
		if (in_dev && (dev->flags & IFF_LOOPBACK))
			inetdev_lo_up(in_dev);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block inetdev_nb_template = {
	.notifier_call = inetdev_event,
	.priority = 10,		/* before fib's (0): addresses exist first */
};

int devinet_net_init(struct net *net, struct sim_err *err)
{
	struct net_device *dev;

	(void)err;
	net->ipv4.devconf_all = devconf_builtin(&ipv4_devconf_all);
	net->ipv4.devconf_dflt = devconf_builtin(&ipv4_devconf_dflt);
	register_net_sysctl_kind(net, &devinet_conf_kind);
	net->ipv4.netdev_nb = kmemdup(net->w, &inetdev_nb_template, sizeof(inetdev_nb_template));
	register_netdevice_notifier_net(net, net->ipv4.netdev_nb);
	/* devices that exist already (lo) */
	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (!__in_dev_get_rtnl(dev))
			inetdev_init(dev);
	return 0;
}

void devinet_net_exit(struct net *net)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (__in_dev_get_rtnl(dev))
			inetdev_destroy(__in_dev_get_rtnl(dev));
	if (net->ipv4.netdev_nb) {
		unregister_netdevice_notifier_net(net, net->ipv4.netdev_nb);
		kfree(net->ipv4.netdev_nb);
		net->ipv4.netdev_nb = NULL;
	}
	if (net->ipv4.devconf_all) {
		unregister_net_sysctl_kind(net, &devinet_conf_kind);
		devconf_put(net->ipv4.devconf_all);
		devconf_put(net->ipv4.devconf_dflt);
		net->ipv4.devconf_all = net->ipv4.devconf_dflt = NULL;
	}
}
