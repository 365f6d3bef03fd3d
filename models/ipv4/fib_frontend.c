/*
 * models/ipv4/fib_frontend.c - routing tables as the rest of IPv4 sees them
 *
 * Mirrors net/ipv4/fib_frontend.c: the local (255), main (254) and default
 * (253) tables and any other by id; fib_lookup() in the order of the
 * default policy rules (local, main, default) until a rule is added or
 * deleted, then through the rules (fib_rules.c); RTM_NEWROUTE/RTM_DELROUTE;
 * fib_add_ifaddr()/fib_del_ifaddr(), the routes an address brings
 * (fib_magic: a local route in table local, the prefix route in main, the
 * broadcast routes), and the device events:
 * routes through a device that goes down are removed, host routes stay,
 * carrier loss marks them linkdown.
 */
#include "net/ip_fib.h"

#include <errno.h>
#include <string.h>

#include "linux/err.h"
#include "linux/inetdevice.h"
#include "linux/slab.h"
#include "net/fib_rules.h"
#include "net/ip.h"
#include "net/route.h"

struct fib_table *fib_get_table(struct net *net, u32 id)
{
	if (id == RT_TABLE_UNSPEC)
		id = RT_TABLE_MAIN;
	for (unsigned int i = 0; i < net->ipv4.fib_num_tables; i++)
		if (fib_table_id(net->ipv4.fib_tables[i]) == id)
			return net->ipv4.fib_tables[i];
	return NULL;
}

/*
 * fib_tables_add - @tb into the namespace's tables, kept in id order.  A
 * plain array, grown by one: nearly every node has two tables (local
 * and main), and a GPtrArray would cost them a header and a slice; a
 * kmalloc object up to 32 tables (16 bytes, no malloc header, for two).
 */
static void fib_tables_add(struct net *net, struct fib_table *tb)
{
	unsigned int n = net->ipv4.fib_num_tables, i = n;
	struct fib_table **tables = kvzalloc(net->w, (n + 1) * sizeof(*tables));

	if (n)
		memcpy(tables, net->ipv4.fib_tables, n * sizeof(*tables));
	kvfree(net->ipv4.fib_tables, n * sizeof(*tables));
	net->ipv4.fib_tables = tables;
	while (i > 0 && fib_table_id(net->ipv4.fib_tables[i - 1]) > fib_table_id(tb)) {
		net->ipv4.fib_tables[i] = net->ipv4.fib_tables[i - 1];
		i--;
	}
	net->ipv4.fib_tables[i] = tb;
	net->ipv4.fib_num_tables = n + 1;
}

struct fib_table *fib_new_table(struct net *net, u32 id)
{
	struct fib_table *tb = fib_get_table(net, id);

	if (tb)
		return tb;
	tb = fib_trie_table(net, id == RT_TABLE_UNSPEC ? RT_TABLE_MAIN : id);
	fib_tables_add(net, tb);
	/* the default table exists once a route goes there, as in the kernel */
	if (id == RT_TABLE_DEFAULT)
		net->ipv4.fib_default = tb;
	return tb;
}

/* fib_empty_table: the table of a to-table rule sent without one */
struct fib_table *fib_empty_table(struct net *net)
{
	u32 id = 1;

	while (1) {
		if (!fib_get_table(net, id))
			return fib_new_table(net, id);
		if (id++ == 0xFFFFFFFFu)	/* RT_TABLE_MAX */
			break;
	}
	return NULL;
}

/*
 * fib_lookup - include/net/ip_fib.h's: once a rule was added or deleted
 * (fib_has_custom_rules, never cleared) the rules decide (__fib_lookup in
 * fib_rules.c); until then the default rules' order, local, main, default.
 */
int fib_lookup(struct net *net, const struct flowi4 *flp, struct fib_result *res,
	       unsigned int flags)
{
	struct fib_table *order[3] = { net->ipv4.fib_local, net->ipv4.fib_main,
				       net->ipv4.fib_default };

	if (net->ipv4.fib_has_custom_rules)
		return __fib_lookup(net, flp, res, flags);
	for (int i = 0; i < 3; i++) {
		int err = fib_table_lookup(order[i], flp, res, (int)flags);

		if (err != -EAGAIN)
			return err;
	}
	return -ENETUNREACH;
}

/* inet_addr_type: what @addr is to this namespace (RTN_LOCAL, BROADCAST...) */
unsigned int inet_addr_type_dev_table(struct net *net, const struct net_device *dev,
				      __be32 addr)
{
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res;

	(void)dev;
	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	if (fib_table_lookup(net->ipv4.fib_local, &fl4, &res, FIB_LOOKUP_NOREF) == 0)
		return res.type;
	return RTN_UNICAST;
}

unsigned int inet_addr_type(struct net *net, __be32 addr)
{
	return inet_addr_type_dev_table(net, NULL, addr);
}

/* __inet_dev_addr_type() in one table: a missing table answers RTN_BROADCAST */
unsigned int inet_addr_type_table(struct net *net, __be32 addr, u32 tb_id)
{
	struct fib_table *tb = fib_get_table(net, tb_id);
	struct flowi4 fl4 = { .daddr = addr };
	struct fib_result res;

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	if (!tb)
		return RTN_BROADCAST;
	if (fib_table_lookup(tb, &fl4, &res, FIB_LOOKUP_NOREF) == 0)
		return res.type;
	return RTN_UNICAST;
}

/* ---- RTM_NEWROUTE / RTM_DELROUTE ----------------------------------------- */

/* fib_table_insert() into the config's table, made if missing */
static int __ip_rt_newroute(struct net *net, struct fib_config *cfg, struct sim_err *err)
{
	struct fib_table *tb;
	struct fib_info *fi;
	int r;

	if (!fib_prefixlen_valid(cfg->fc_dst_len))
		return sim_err_set(err, "Error: Invalid prefix length."), -EINVAL;
	if (cfg->fc_dst & ~inet_make_mask(cfg->fc_dst_len))
		return sim_err_set(err, "Error: Invalid prefix for given prefix length."),
		       -EINVAL;
	tb = fib_new_table(net, cfg->fc_table);
	fi = fib_create_info(net, cfg, err);
	if (IS_ERR(fi))
		return (int)PTR_ERR(fi);
	r = fib_table_insert(net, tb, cfg, fi, err);
	fib_info_put(fi);		/* the table holds its own reference */
	return r;
}

/* inet_rtm_newroute(): a user's local route makes fib_validate_source careful */
int ip_rt_newroute(struct net *net, struct fib_config *cfg, struct sim_err *err)
{
	int r = __ip_rt_newroute(net, cfg, err);

	if (r == 0 && cfg->fc_type == RTN_LOCAL)
		net->ipv4.fib_has_custom_local_routes = true;
	return r;
}

int ip_rt_delroute(struct net *net, struct fib_config *cfg, struct sim_err *err)
{
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);

	if (!tb)
		return sim_err_set(err, "Error: FIB table does not exist."), -ESRCH;
	return fib_table_delete(net, tb, cfg, err);
}

/* ---- the routes of an address (fib_magic) ----------------------------- */

static void fib_magic(bool add, int type, __be32 dst, int dst_len, const struct in_ifaddr *ifa,
		      u32 rt_priority)
{
	struct net *net = dev_net(ifa->ifa_dev->dev);
	struct fib_config cfg = {
		.fc_protocol = RTPROT_KERNEL, .fc_type = (u8)type, .fc_dst = dst,
		.fc_dst_len = (u8)dst_len, .fc_priority = rt_priority,
		.fc_prefsrc = ifa->ifa_local, .fc_oif = ifa->ifa_dev->dev->ifindex,
		.fc_nlflags = NLM_F_CREATE | NLM_F_APPEND,
		.fc_table = type == RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL,
		.fc_scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK,
	};
	struct sim_err err = { { 0 } };

	if (add)
		__ip_rt_newroute(net, &cfg, &err);
	else
		ip_rt_delroute(net, &cfg, &err);
}

static struct in_ifaddr *inet_ifa_byprefix(struct in_device *in_dev, __be32 prefix,
					   __be32 mask)
{
	for (struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next)
		if (ifa->ifa_mask == mask && inet_ifa_match(prefix, ifa))
			return ifa;
	return NULL;
}

void fib_add_ifaddr(struct in_ifaddr *ifa)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct net_device *dev = in_dev->dev;
	struct in_ifaddr *prim = ifa;
	__be32 mask = ifa->ifa_mask, addr = ifa->ifa_local, prefix = ifa->ifa_address & mask;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = inet_ifa_byprefix(in_dev, prefix, mask);
		if (!prim)
			return;
	}
	fib_magic(true, RTN_LOCAL, addr, 32, prim, 0);
	if (!(dev->flags & IFF_UP))
		return;
	if (ifa->ifa_broadcast && ifa->ifa_broadcast != htonl(0xFFFFFFFF))
		fib_magic(true, RTN_BROADCAST, ifa->ifa_broadcast, 32, prim, 0);
	if (!ipv4_is_zeronet(prefix) && !(ifa->ifa_flags & IFA_F_SECONDARY) &&
	    (prefix != addr || ifa->ifa_prefixlen < 32)) {
		if (!(ifa->ifa_flags & IFA_F_NOPREFIXROUTE))
			fib_magic(true, dev->flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST, prefix,
				  ifa->ifa_prefixlen, prim, ifa->ifa_rt_priority);
		/* the network's broadcast address, when it makes sense */
		if (ifa->ifa_prefixlen < 31)
			fib_magic(true, RTN_BROADCAST, prefix | ~mask, 32, prim, 0);
	}
}

/*
 * fib_modify_prefix_metric - the prefix route of primary @ifa gets metric
 * @new_metric: the new route is added before the old one goes.  Nothing
 * for a secondary, a noprefixroute address, a device that is down, 0/8 or
 * a /32 whose prefix is the address (they have no prefix route).
 */
void fib_modify_prefix_metric(struct in_ifaddr *ifa, u32 new_metric)
{
	__be32 prefix = ifa->ifa_address & ifa->ifa_mask;
	struct net_device *dev = ifa->ifa_dev->dev;
	int type = dev->flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST;

	if (!(dev->flags & IFF_UP) || (ifa->ifa_flags & (IFA_F_SECONDARY | IFA_F_NOPREFIXROUTE)) ||
	    ipv4_is_zeronet(prefix) || (prefix == ifa->ifa_local && ifa->ifa_prefixlen == 32))
		return;
	fib_magic(true, type, prefix, ifa->ifa_prefixlen, ifa, new_metric);
	fib_magic(false, type, prefix, ifa->ifa_prefixlen, ifa, ifa->ifa_rt_priority);
}

/* Is @addr still the local address of another ifa of the namespace? */
static bool addr_still_used(struct net *net, __be32 addr, const struct in_ifaddr *gone)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list) {
		const struct in_device *in_dev = __in_dev_get_rtnl(dev);

		for (const struct in_ifaddr *i = in_dev ? in_dev->ifa_list : NULL; i;
		     i = i->ifa_next)
			if (i != gone && i->ifa_local == addr)
				return true;
	}
	return false;
}

/*
 * fib_del_ifaddr - the routes @ifa brought go, unless another address
 * still needs them.  @iprim: the primary being removed along with this
 * secondary, or NULL.
 */
void fib_del_ifaddr(struct in_ifaddr *ifa, struct in_ifaddr *iprim)
{
	struct in_device *in_dev = ifa->ifa_dev;
	struct net *net = dev_net(in_dev->dev);
	__be32 mask = ifa->ifa_mask, prefix = ifa->ifa_address & mask;
	struct in_ifaddr *prim = ifa;

	if (ifa->ifa_flags & IFA_F_SECONDARY) {
		prim = iprim ? iprim : inet_ifa_byprefix(in_dev, prefix, mask);
		if (!prim)
			prim = ifa;
	} else if (!ipv4_is_zeronet(prefix) && !(ifa->ifa_flags & IFA_F_NOPREFIXROUTE)) {
		fib_magic(false, in_dev->dev->flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST,
			  prefix, ifa->ifa_prefixlen, prim, ifa->ifa_rt_priority);
		if (ifa->ifa_prefixlen < 31)
			fib_magic(false, RTN_BROADCAST, prefix | ~mask, 32, prim, 0);
	}
	if (ifa->ifa_broadcast && ifa->ifa_broadcast != htonl(0xFFFFFFFF) &&
	    ifa->ifa_broadcast != (prefix | ~mask))
		fib_magic(false, RTN_BROADCAST, ifa->ifa_broadcast, 32, prim, 0);
	if (!addr_still_used(net, ifa->ifa_local, ifa))
		fib_magic(false, RTN_LOCAL, ifa->ifa_local, 32, prim, 0);
}

/* ---- device events (fib_netdev_event) --------------------------------- */

static void fib_flush(struct net *net)
{
	for (unsigned int i = 0; i < net->ipv4.fib_num_tables; i++)
		fib_table_flush(net, net->ipv4.fib_tables[i], false);
}

/* fib_disable_ip: routes through @dev die and are flushed */
static void fib_disable_ip(struct net_device *dev, unsigned long event, bool force)
{
	if (fib_sync_down_dev(dev, event, force))
		fib_flush(dev_net(dev));
	rt_flush_dev(dev);
}

static int fib_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct in_device *in_dev = __in_dev_get_rtnl(dev);

	(void)nb;
	switch (event) {
	case NETDEV_UP:
		for (struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa;
		     ifa = ifa->ifa_next)
			fib_add_ifaddr(ifa);
		fib_sync_up(dev, RTNH_F_DEAD);
		break;
	case NETDEV_DOWN:
		fib_disable_ip(dev, event, false);
		break;
	case NETDEV_UNREGISTER:
		fib_disable_ip(dev, event, true);
		break;
	case NETDEV_CHANGE:
		if (netif_carrier_ok(dev))
			fib_sync_up(dev, RTNH_F_LINKDOWN);
		else
			fib_sync_down_dev(dev, event, false);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block fib_netdev_nb_template = {
	.notifier_call = fib_netdev_event,
	.priority = 0,
};

int fib_net_init(struct net *net, struct sim_err *err)
{
	struct notifier_block *nb;

	(void)err;
	INIT_LIST_HEAD(&net->ipv4.fib_info_list);
	net->ipv4.fib_local = fib_new_table(net, RT_TABLE_LOCAL);
	net->ipv4.fib_main = fib_new_table(net, RT_TABLE_MAIN);
	fib4_rules_init(net, err);	/* ip_fib_net_init(): the default rules */
	nb = kmemdup(net->w, &fib_netdev_nb_template, sizeof(*nb));
	register_netdevice_notifier_net(net, nb);
	net->ipv4.fib_nb = nb;
	return 0;
}

void fib_net_exit(struct net *net)
{
	if (!net->ipv4.fib_num_tables)
		return;
	if (net->ipv4.fib_nb) {
		unregister_netdevice_notifier_net(net, net->ipv4.fib_nb);
		kfree(net->ipv4.fib_nb);
		net->ipv4.fib_nb = NULL;
	}
	fib4_rules_exit(net);
	for (unsigned int i = 0; i < net->ipv4.fib_num_tables; i++)
		fib_trie_free(net->ipv4.fib_tables[i]);
	kvfree(net->ipv4.fib_tables, net->ipv4.fib_num_tables * sizeof(struct fib_table *));
	net->ipv4.fib_tables = NULL;
	net->ipv4.fib_num_tables = 0;
}
