/*
 * models/ipv4/fib_semantics.c - what routes share: fib_info and nexthops
 *
 * Mirrors net/ipv4/fib_semantics.c: fib_create_info() checks a new route's
 * nexthop as fib_check_nh() does - a gateway must be reachable through a
 * route of narrower scope ("Error: Nexthop has invalid gateway."), a
 * device route needs an up device ("Error: Nexthop device is not up.") -
 * and shares an identical fib_info between routes (fib_find_info).
 * fib_sync_down_dev() marks nexthops of a device dead (down, unregister)
 * or linkdown (carrier off); host-scope routes (local addresses) survive a
 * device going down, as on Linux.
 */
#include "net/ip_fib.h"

#include <errno.h>

#include "linux/inetdevice.h"
#include "net/ip.h"
#include "net/route.h"

static bool fib_nh_equal(const struct fib_nh *a, const struct fib_nh *b)
{
	return a->nh_gw == b->nh_gw && a->nh_oif == b->nh_oif && a->nh_dev == b->nh_dev &&
	       a->nh_weight == b->nh_weight &&
	       ((a->nh_flags ^ b->nh_flags) & ~(RTNH_F_DEAD | RTNH_F_LINKDOWN)) == 0;
}

static struct fib_info *fib_find_info(struct net *net, const struct fib_info *nfi)
{
	struct fib_info *fi;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list) {
		if (fi->fib_dead || fi->fib_nhs != nfi->fib_nhs ||
		    fi->fib_protocol != nfi->fib_protocol || fi->fib_scope != nfi->fib_scope ||
		    fi->fib_type != nfi->fib_type || fi->fib_priority != nfi->fib_priority ||
		    fi->fib_prefsrc != nfi->fib_prefsrc || fi->fib_mtu != nfi->fib_mtu)
			continue;
		for (int i = 0; i < fi->fib_nhs; i++)
			if (!fib_nh_equal(&fi->fib_nh[i], &nfi->fib_nh[i]))
				goto next;
		return fi;
next:;
	}
	return NULL;
}

/* fib_check_nh_v4_gw: the gateway must be on-link through a narrower-scope route */
static int fib_check_nh_gw(struct net *net, struct fib_nh *nh, u32 table, u8 scope,
			   struct sim_err *err)
{
	struct fib_result res;
	struct flowi4 fl4 = { .daddr = nh->nh_gw, .flowi4_oif = nh->nh_oif,
			      .flowi4_scope = scope + 1 > RT_SCOPE_LINK ? scope + 1 : RT_SCOPE_LINK };
	struct net_device *dev;
	int r;

	(void)table;
	if (nh->nh_flags & RTNH_F_ONLINK) {
		if (!nh->nh_oif)
			return sim_err_set(err, "Error: Nexthop device required for onlink."),
			       -EINVAL;
		dev = __dev_get_by_index(net, nh->nh_oif);
		if (!dev || !__in_dev_get_rtnl(dev))
			return sim_err_set(err, "Error: Nexthop device is not up."), -ENODEV;
		if (inet_addr_type_dev_table(net, dev, nh->nh_gw) != RTN_UNICAST)
			return sim_err_set(err, "Error: Nexthop has invalid gateway."), -EINVAL;
		nh->nh_dev = dev;
		nh->nh_scope = RT_SCOPE_LINK;
		if (!netif_carrier_ok(dev))
			nh->nh_flags |= RTNH_F_LINKDOWN;
		return 0;
	}
	r = fib_lookup(net, &fl4, &res, FIB_LOOKUP_NOREF);
	if (r == 0 && res.type != RTN_UNICAST && res.type != RTN_LOCAL)
		r = -EINVAL;
	if (r == 0 && res.type == RTN_LOCAL)
		r = -EINVAL;		/* a local address is no gateway */
	if (r) {
		sim_err_set(err, "Error: Nexthop has invalid gateway.");
		return r == -EINVAL ? -EINVAL : -ENETUNREACH;
	}
	dev = FIB_RES_DEV(res);
	if (!dev || (nh->nh_oif && nh->nh_oif != dev->ifindex))
		return sim_err_set(err, "Error: Nexthop has invalid gateway."), -EINVAL;
	if (!(dev->flags & IFF_UP))
		return sim_err_set(err, "Error: Nexthop device is not up."), -ENETDOWN;
	nh->nh_dev = dev;
	nh->nh_oif = dev->ifindex;
	nh->nh_scope = res.scope;
	if (!netif_carrier_ok(dev))
		nh->nh_flags |= RTNH_F_LINKDOWN;
	return 0;
}

/* fib_check_nh_nongw: a device route */
static int fib_check_nh_dev(struct net *net, struct fib_nh *nh, struct sim_err *err)
{
	struct net_device *dev = nh->nh_oif ? __dev_get_by_index(net, nh->nh_oif) : NULL;

	if (!dev || !__in_dev_get_rtnl(dev))
		return sim_err_set(err, "Error: Device for nexthop is not up."), -ENODEV;
	if (!(dev->flags & IFF_UP))
		return sim_err_set(err, "Error: Nexthop device is not up."), -ENETDOWN;
	nh->nh_dev = dev;
	nh->nh_scope = RT_SCOPE_HOST;
	if (!netif_carrier_ok(dev))
		nh->nh_flags |= RTNH_F_LINKDOWN;
	return 0;
}

static void fib_info_free(struct fib_info *fi)
{
	for (int i = 0; i < fi->fib_nhs; i++)
		fib_nh_release_cached(&fi->fib_nh[i]);
	list_del_init(&fi->fib_list);
	g_free(fi);
}

void fib_info_put(struct fib_info *fi)
{
	if (--fi->fib_treeref <= 0)
		fib_info_free(fi);
}

static bool fib_type_is_error(u8 type)
{
	return type == RTN_BLACKHOLE || type == RTN_UNREACHABLE || type == RTN_PROHIBIT ||
	       type == RTN_THROW;
}

struct fib_info *fib_create_info(struct net *net, struct fib_config *cfg, struct sim_err *err)
{
	int nhs = cfg->fc_nhs > 0 ? cfg->fc_nhs : 1;
	struct fib_info *fi, *ofi;
	int r = 0;

	if (cfg->fc_type >= __RTN_MAX || cfg->fc_type == RTN_UNSPEC) {
		sim_err_set(err, "Error: Invalid route type.");
		return NULL;
	}
	if (cfg->fc_scope > RT_SCOPE_HOST) {
		sim_err_set(err, "Error: Invalid scope.");
		return NULL;
	}
	fi = g_malloc0(sizeof(*fi) + (size_t)nhs * sizeof(struct fib_nh));
	INIT_LIST_HEAD(&fi->fib_list);
	fi->fib_protocol = cfg->fc_protocol;
	fi->fib_scope = cfg->fc_scope;
	fi->fib_type = cfg->fc_type;
	fi->fib_priority = cfg->fc_priority;
	fi->fib_prefsrc = cfg->fc_prefsrc;
	fi->fib_mtu = cfg->fc_mtu;
	fi->fib_nhs = nhs;
	for (int i = 0; i < nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (cfg->fc_nhs > 0) {
			nh->nh_gw = cfg->fc_mp[i].gw;
			nh->nh_oif = cfg->fc_mp[i].oif;
			nh->nh_weight = cfg->fc_mp[i].weight > 0 ? cfg->fc_mp[i].weight : 1;
			nh->nh_flags = cfg->fc_mp[i].flags;
		} else {
			nh->nh_gw = cfg->fc_gw4;
			nh->nh_oif = cfg->fc_oif;
			nh->nh_weight = 1;
			nh->nh_flags = cfg->fc_flags & RTNH_F_ONLINK;
		}
	}
	if (fib_type_is_error(cfg->fc_type)) {
		/* no nexthop to check: the route only answers with an error */
		fi->fib_nh[0].nh_scope = RT_SCOPE_NOWHERE;
	} else if (cfg->fc_scope == RT_SCOPE_HOST) {
		/* a local address: its nexthop survives the device going down */
		struct fib_nh *nh = &fi->fib_nh[0];

		if (nhs != 1 || nh->nh_gw) {
			sim_err_set(err, "Error: Route with host scope can not have a gateway.");
			goto failure;
		}
		nh->nh_scope = RT_SCOPE_NOWHERE;
		nh->nh_dev = __dev_get_by_index(net, nh->nh_oif);
		if (!nh->nh_dev) {
			sim_err_set(err, "Error: Device for nexthop is not up.");
			goto failure;
		}
	} else {
		for (int i = 0; i < nhs && r == 0; i++) {
			struct fib_nh *nh = &fi->fib_nh[i];

			r = nh->nh_gw ? fib_check_nh_gw(net, nh, cfg->fc_table, cfg->fc_scope, err)
				      : fib_check_nh_dev(net, nh, err);
		}
		if (r)
			goto failure;
	}
	if (fi->fib_prefsrc && cfg->fc_type != RTN_LOCAL &&
	    inet_addr_type(net, fi->fib_prefsrc) != RTN_LOCAL) {
		sim_err_set(err, "Error: Invalid prefsrc address.");
		goto failure;
	}
	ofi = fib_find_info(net, fi);
	if (ofi) {
		g_free(fi);
		ofi->fib_treeref++;
		return ofi;
	}
	fi->fib_treeref = 1;
	list_add_tail(&fi->fib_list, &net->ipv4.fib_info_list);
	return fi;
failure:
	g_free(fi);
	return NULL;
}

__be32 fib_result_prefsrc(struct net *net, struct fib_result *res)
{
	struct fib_nh *nh = &FIB_RES_NH(*res);

	(void)net;
	if (res->fi->fib_prefsrc)
		return res->fi->fib_prefsrc;
	return inet_select_addr(nh->nh_dev, nh->nh_gw, res->fi->fib_scope);
}

void fib_select_path(struct net *net, struct fib_result *res, struct flowi4 *fl4)
{
	/* one nexthop until multipath (the routing issue): already selected */
	if (!fl4->saddr && res->fi)
		fl4->saddr = fib_result_prefsrc(net, res);
}

/*
 * fib_sync_down_dev - @dev went down (NETDEV_DOWN), away (UNREGISTER,
 * @force) or lost carrier (NETDEV_CHANGE): mark its nexthops dead or
 * linkdown.  Returns how many fib_infos died (their routes are flushed).
 */
int fib_sync_down_dev(struct net_device *dev, unsigned long event, bool force)
{
	struct net *net = dev_net(dev);
	struct fib_info *fi;
	int dead_infos = 0;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list) {
		int dead = 0;

		for (int i = 0; i < fi->fib_nhs; i++) {
			struct fib_nh *nh = &fi->fib_nh[i];

			if (event == NETDEV_CHANGE) {
				if (nh->nh_dev == dev)
					nh->nh_flags |= RTNH_F_LINKDOWN;
				continue;
			}
			if (nh->nh_flags & RTNH_F_DEAD) {
				dead++;
			} else if (nh->nh_dev == dev &&
				   (force || nh->nh_scope != RT_SCOPE_NOWHERE)) {
				nh->nh_flags |= RTNH_F_DEAD | RTNH_F_LINKDOWN;
				fib_nh_release_cached(nh);
				dead++;
			}
		}
		if (dead && dead == fi->fib_nhs) {
			fi->fib_dead = 1;
			dead_infos++;
		}
	}
	return dead_infos;
}

/* fib_sync_up: @dev is up again (RTNH_F_DEAD) or has carrier (RTNH_F_LINKDOWN) */
int fib_sync_up(struct net_device *dev, unsigned char nh_flags)
{
	struct net *net = dev_net(dev);
	struct fib_info *fi;
	int ret = 0;

	list_for_each_entry(fi, &net->ipv4.fib_info_list, fib_list) {
		if (fi->fib_dead)
			continue;
		for (int i = 0; i < fi->fib_nhs; i++) {
			struct fib_nh *nh = &fi->fib_nh[i];

			if (nh->nh_dev != dev || !(nh->nh_flags & nh_flags))
				continue;
			if (nh_flags & RTNH_F_DEAD && !(dev->flags & IFF_UP))
				continue;
			if (!netif_carrier_ok(dev) && nh_flags == RTNH_F_LINKDOWN)
				continue;
			nh->nh_flags &= ~nh_flags;
			ret++;
		}
	}
	return ret;
}
