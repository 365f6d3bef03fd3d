/*
 * models/ipv4/fib_semantics.c - what routes share: fib_info and nexthops
 *
 * Mirrors net/ipv4/fib_semantics.c: fib_create_info() checks a new route
 * in the kernel's order - the smallest scope of its type (fib_props[]),
 * no nexthop for an error type, then each nexthop as fib_check_nh() does:
 * a gateway must be reachable through a route of narrower scope or be one
 * of our addresses ("Error: Nexthop has invalid gateway."), a device route
 * needs an up device ("Error: Device for nexthop is not up.") - and shares
 * an identical fib_info between routes (fib_find_info).  Checked against
 * Linux 6.18 in a namespace, message by message.
 * fib_sync_down_dev() marks nexthops of a device dead (down, unregister)
 * or linkdown (carrier off); host-scope routes (local addresses) survive a
 * device going down, as on Linux.
 * Multipath (CONFIG_IP_ROUTE_MULTIPATH): fib_rebalance() gives each live
 * nexthop an upper bound in [0, 2^31) proportional to the running sum of
 * weights; fib_select_multipath() takes the first nexthop whose bound is
 * at least the flow's 31-bit hash (fib_multipath_hash, route.c).  Dead
 * nexthops, and linkdown ones where ignore_routes_with_linkdown is set,
 * get -1 and are never chosen.  fib_select_default() rotates among
 * several default routes of one table by their gateways' neighbour
 * states (fib_detect_death).  No nexthop objects (`ip nexthop`).
 */
#include "net/ip_fib.h"

#include <errno.h>

#include "linux/err.h"
#include "linux/inetdevice.h"
#include "linux/slab.h"
#include "net/arp.h"
#include "net/ip.h"
#include "net/neighbour.h"
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

/*
 * fib_check_nh_v4_gw - a gateway must be reachable through a route of
 * narrower scope (looked up in the route's table, then in all), or be
 * declared onlink on an up device.  A gateway that is one of our own
 * addresses is accepted: the nexthop then has scope host and the route
 * is direct (rt_set_nexthop uses only scope-link gateways).
 */
static int fib_check_nh_v4_gw(struct net *net, struct fib_nh *nh, u32 table, u8 scope,
			      struct sim_err *err)
{
	struct fib_table *tbl = NULL;
	struct fib_result res;
	struct flowi4 fl4 = { .daddr = nh->nh_gw, .flowi4_oif = nh->nh_oif,
			      .flowi4_scope = scope + 1 > RT_SCOPE_LINK ? scope + 1 : RT_SCOPE_LINK,
			      .flowi4_iif = 1 /* LOOPBACK_IFINDEX */ };
	struct net_device *dev;
	int r = -EAGAIN;

	if (nh->nh_flags & RTNH_F_ONLINK) {
		if (scope >= RT_SCOPE_LINK)
			return sim_err_set(err, "Error: Nexthop has invalid scope."), -EINVAL;
		dev = __dev_get_by_index(net, nh->nh_oif);
		if (!dev)
			return sim_err_set(err, "Error: Nexthop device required for onlink."),
			       -ENODEV;
		if (!(dev->flags & IFF_UP))
			return sim_err_set(err, "Error: Nexthop device is not up."), -ENETDOWN;
		if (inet_addr_type_dev_table(net, dev, nh->nh_gw) != RTN_UNICAST)
			return sim_err_set(err, "Error: Nexthop has invalid gateway."), -EINVAL;
		if (!netif_carrier_ok(dev))
			nh->nh_flags |= RTNH_F_LINKDOWN;
		nh->nh_dev = dev;
		nh->nh_scope = RT_SCOPE_LINK;
		return 0;
	}
	if (table && table != RT_TABLE_MAIN)
		tbl = fib_get_table(net, table);
	if (tbl)
		r = fib_table_lookup(tbl, &fl4, &res, FIB_LOOKUP_NOREF);
	if (!tbl || r)		/* the gateway may be routed by another table (local) */
		r = fib_lookup(net, &fl4, &res, FIB_LOOKUP_NOREF);
	if (r)
		return sim_err_set(err, "Error: Nexthop has invalid gateway."), r;
	if (res.type != RTN_UNICAST && res.type != RTN_LOCAL)
		return sim_err_set(err, "Error: Nexthop has invalid gateway."), -EINVAL;
	dev = FIB_RES_DEV(res);
	nh->nh_scope = res.scope;
	nh->nh_oif = dev ? dev->ifindex : 0;
	nh->nh_dev = dev;
	if (!dev)
		return sim_err_set(err, "Error: No egress device for nexthop gateway."), -EINVAL;
	if (!netif_carrier_ok(dev))
		nh->nh_flags |= RTNH_F_LINKDOWN;
	return dev->flags & IFF_UP ? 0 : -ENETDOWN;
}

/* fib_check_nh_nongw: a device route; no device at all is -ENODEV, unexplained */
static int fib_check_nh_nongw(struct net *net, struct fib_nh *nh, struct sim_err *err)
{
	struct net_device *dev = nh->nh_oif ? __dev_get_by_index(net, nh->nh_oif) : NULL;

	if (nh->nh_flags & (RTNH_F_PERVASIVE | RTNH_F_ONLINK))
		return sim_err_set(err, "Error: Invalid flags for nexthop - PERVASIVE and ONLINK "
				   "can not be set."), -EINVAL;
	if (!dev || !__in_dev_get_rtnl(dev))
		return -ENODEV;
	if (!(dev->flags & IFF_UP))
		return sim_err_set(err, "Error: Device for nexthop is not up."), -ENETDOWN;
	nh->nh_dev = dev;
	nh->nh_scope = RT_SCOPE_HOST;
	if (!netif_carrier_ok(dev))
		nh->nh_flags |= RTNH_F_LINKDOWN;
	return 0;
}

static int fib_check_nh(struct net *net, struct fib_nh *nh, u32 table, u8 scope,
			struct sim_err *err)
{
	if (nh->nh_gw)
		return fib_check_nh_v4_gw(net, nh, table, scope, err);
	return fib_check_nh_nongw(net, nh, err);
}

/*
 * A fib_info with its nexthops: a kmalloc object up to six nexthops (the
 * kernel kzallocs it), so one of one nexthop, most of a node's, is 72
 * bytes with no malloc header.
 */
static size_t fib_info_size(int nhs)
{
	return sizeof(struct fib_info) + (size_t)nhs * sizeof(struct fib_nh);
}

static void fib_info_free(struct fib_info *fi)
{
	for (int i = 0; i < fi->fib_nhs; i++)
		fib_nh_release_cached(&fi->fib_nh[i]);
	list_del_init(&fi->fib_list);
	kvfree(fi, fib_info_size(fi->fib_nhs));
}

void fib_info_put(struct fib_info *fi)
{
	if (--fi->fib_treeref <= 0)
		fib_info_free(fi);
}

/*
 * fib_props[] - per route type, the error a lookup ending on it answers
 * (0: none) and the smallest scope value a route of the type may have: a
 * local route is at least host, broadcast and anycast at least link, nat
 * and xresolve only "nowhere" (255).
 */
const struct fib_prop fib_props[__RTN_MAX] = {
	[RTN_UNSPEC]		= { .error = 0, .scope = RT_SCOPE_NOWHERE },
	[RTN_UNICAST]		= { .error = 0, .scope = RT_SCOPE_UNIVERSE },
	[RTN_LOCAL]		= { .error = 0, .scope = RT_SCOPE_HOST },
	[RTN_BROADCAST]		= { .error = 0, .scope = RT_SCOPE_LINK },
	[RTN_ANYCAST]		= { .error = 0, .scope = RT_SCOPE_LINK },
	[RTN_MULTICAST]		= { .error = 0, .scope = RT_SCOPE_UNIVERSE },
	[RTN_BLACKHOLE]		= { .error = -EINVAL, .scope = RT_SCOPE_UNIVERSE },
	[RTN_UNREACHABLE]	= { .error = -EHOSTUNREACH, .scope = RT_SCOPE_UNIVERSE },
	[RTN_PROHIBIT]		= { .error = -EACCES, .scope = RT_SCOPE_UNIVERSE },
	[RTN_THROW]		= { .error = -EAGAIN, .scope = RT_SCOPE_UNIVERSE },
	[RTN_NAT]		= { .error = -EINVAL, .scope = RT_SCOPE_NOWHERE },
	[RTN_XRESOLVE]		= { .error = -EINVAL, .scope = RT_SCOPE_NOWHERE },
};

/*
 * fib_valid_prefsrc - a preferred source must be a local address, in the
 * route's own table or in table local (table main means local); a local
 * route may name its own address.
 */
static bool fib_valid_prefsrc(struct net *net, const struct fib_config *cfg, __be32 prefsrc)
{
	u32 tb_id = cfg->fc_table == RT_TABLE_MAIN ? RT_TABLE_LOCAL : cfg->fc_table;
	unsigned int rc;

	if (cfg->fc_type == RTN_LOCAL && cfg->fc_dst && prefsrc == cfg->fc_dst)
		return true;
	rc = inet_addr_type_table(net, prefsrc, tb_id);
	if (rc != RTN_LOCAL && tb_id != RT_TABLE_LOCAL)
		rc = inet_addr_type_table(net, prefsrc, RT_TABLE_LOCAL);
	return rc == RTN_LOCAL;
}

/*
 * fib_create_info - the fib_info of a new route, checked in the kernel's
 * order: the type's smallest scope ("Error: Invalid scope."), no nexthop
 * for an error type (blackhole, unreachable, prohibit, throw, nat,
 * xresolve), then the nexthops by scope: one device and no gateway for
 * scope host, else fib_check_nh() for each.  An identical fib_info is
 * shared (fib_find_info).  Returns it with a tree reference, or
 * ERR_PTR(-errno) with the message in @err: "Error: ..." where Linux
 * gives an extack, else iproute2's "RTNETLINK answers: <strerror>".
 */
struct fib_info *fib_create_info(struct net *net, struct fib_config *cfg, struct sim_err *err)
{
	int nhs = cfg->fc_nhs > 0 ? cfg->fc_nhs : 1;
	struct fib_info *fi = NULL, *ofi;
	int r;

	err->msg[0] = '\0';
	if (cfg->fc_type >= __RTN_MAX)
		goto err_inval;
	/* the fast check of the weirdest cases */
	if (fib_props[cfg->fc_type].scope > cfg->fc_scope) {
		sim_err_set(err, "Error: Invalid scope.");
		goto err_inval;
	}
	fi = kvzalloc(net->w, fib_info_size(nhs));
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

	if (fib_props[cfg->fc_type].error) {
		/* the route only answers with an error: it has no nexthop */
		if (cfg->fc_gw4 || cfg->fc_oif || cfg->fc_nhs > 0) {
			sim_err_set(err, "Error: Gateway, device and multipath can not be "
				    "specified for this route type.");
			goto err_inval;
		}
		fi->fib_nh[0].nh_scope = RT_SCOPE_NOWHERE;
		goto link_it;
	}
	if (cfg->fc_type == RTN_UNSPEC) {
		sim_err_set(err, "Error: Invalid route type.");
		goto err_inval;
	}
	if (cfg->fc_scope > RT_SCOPE_HOST) {
		sim_err_set(err, "Error: Invalid scope.");
		goto err_inval;
	}

	if (cfg->fc_scope == RT_SCOPE_HOST) {
		/* a local address: its nexthop survives the device going down */
		struct fib_nh *nh = &fi->fib_nh[0];

		if (nhs != 1) {
			sim_err_set(err, "Error: Route with host scope can not have multiple "
				    "nexthops.");
			goto err_inval;
		}
		if (nh->nh_gw) {
			sim_err_set(err, "Error: Route with host scope can not have a gateway.");
			goto err_inval;
		}
		nh->nh_scope = RT_SCOPE_NOWHERE;
		nh->nh_dev = __dev_get_by_index(net, nh->nh_oif);
		r = -ENODEV;
		if (!nh->nh_dev)
			goto failure;
	} else {
		for (int i = 0; i < nhs; i++) {
			r = fib_check_nh(net, &fi->fib_nh[i], cfg->fc_table, cfg->fc_scope, err);
			if (r)
				goto failure;
		}
	}
	if (fi->fib_prefsrc && !fib_valid_prefsrc(net, cfg, fi->fib_prefsrc)) {
		sim_err_set(err, "Error: Invalid prefsrc address.");
		goto err_inval;
	}

link_it:
	ofi = fib_find_info(net, fi);
	if (ofi) {
		kvfree(fi, fib_info_size(nhs));
		ofi->fib_treeref++;
		return ofi;
	}
	fi->fib_treeref = 1;
	list_add_tail(&fi->fib_list, &net->ipv4.fib_info_list);
	fib_rebalance(fi);
	return fi;

err_inval:
	r = -EINVAL;
failure:
	if (!err->msg[0])
		sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-r));
	kvfree(fi, fib_info_size(nhs));
	return ERR_PTR(r);
}

__be32 fib_result_prefsrc(struct net *net, struct fib_result *res)
{
	struct fib_nh *nh = &FIB_RES_NH(*res);

	(void)net;
	if (res->fi->fib_prefsrc)
		return res->fi->fib_prefsrc;
	return inet_select_addr(nh->nh_dev, nh->nh_gw, res->fi->fib_scope);
}

/* ip_ignore_linkdown: conf/<dev>/ignore_routes_with_linkdown (or all) */
static bool ip_ignore_linkdown(const struct net_device *dev)
{
	struct in_device *in_dev = dev ? __in_dev_get_rtnl(dev) : NULL;

	return in_dev && IN_DEV_ORCONF(in_dev, IGNORE_ROUTES_WITH_LINKDOWN);
}

static bool fib_nh_unusable(const struct fib_nh *nh)
{
	return nh->nh_flags & RTNH_F_DEAD ||
	       (nh->nh_flags & RTNH_F_LINKDOWN && ip_ignore_linkdown(nh->nh_dev));
}

/*
 * fib_rebalance - hash thresholds from weights: the i-th live nexthop's
 * bound is round(2^31 * (w_1 + ... + w_i) / total) - 1, so a hash in
 * [0, 2^31) lands on nexthop i with probability w_i / total.  Called when
 * a fib_info is made and when a nexthop dies, loses carrier or comes back.
 */
void fib_rebalance(struct fib_info *fi)
{
	u64 total = 0, w = 0;

	if (fi->fib_nhs < 2)
		return;
	for (int i = 0; i < fi->fib_nhs; i++)
		if (!fib_nh_unusable(&fi->fib_nh[i]))
			total += (u64)fi->fib_nh[i].nh_weight;
	for (int i = 0; i < fi->fib_nhs; i++) {
		struct fib_nh *nh = &fi->fib_nh[i];

		if (fib_nh_unusable(nh)) {
			nh->nh_upper_bound = -1;
			continue;
		}
		w += (u64)nh->nh_weight;
		/* DIV_ROUND_CLOSEST_ULL(w << 31, total) - 1 */
		nh->nh_upper_bound = (int)((((w << 31) + total / 2) / total) - 1);	/* last: 2^31 - 1 */
	}
}

/*
 * fib_good_nh - fib_multipath_use_neigh: a gateway nexthop is good while
 * its neighbour entry is valid (NUD_VALID); none is not good.  Direct
 * nexthops always are.
 */
static bool fib_good_nh(const struct fib_nh *nh)
{
	int state = NUD_REACHABLE;

	if (nh->nh_scope == RT_SCOPE_LINK && nh->nh_dev) {
		struct neighbour *n = __neigh_lookup_noref(dev_net(nh->nh_dev)->ipv4.arp_tbl,
							   &nh->nh_gw, nh->nh_dev);

		state = n ? n->nud_state : NUD_NONE;
	}
	return state & NUD_VALID;
}

/*
 * fib_select_multipath - the first nexthop whose upper bound is at least
 * @hash.  With fib_multipath_use_neigh, nexthops whose gateway has no
 * valid neighbour are skipped, and the first good one is kept as the
 * answer when the hash lands on none.
 */
void fib_select_multipath(struct fib_result *res, int hash)
{
	struct fib_info *fi = res->fi;
	bool use_neigh = fib_table_net(res->table)->ipv4.sysctl->sysctl_fib_multipath_use_neigh;
	bool first = false;

	for (int i = 0; i < fi->fib_nhs; i++) {
		const struct fib_nh *nh = &fi->fib_nh[i];

		if (use_neigh) {
			if (!fib_good_nh(nh))
				continue;
			if (!first) {
				res->nh_sel = (unsigned char)i;
				first = true;
			}
		}
		if (hash > nh->nh_upper_bound)
			continue;
		res->nh_sel = (unsigned char)i;
		return;
	}
}

/*
 * fib_detect_death - 0 when the gateway of @fi (its first nexthop) may be
 * used now: no neighbour entry yet (try it), a reachable one, or a valid
 * one that was not the last choice (@dflt).  Otherwise 1, noting @fi as
 * the last resort when its neighbour is valid, or, for the first time,
 * when it comes after the last choice and is not being resolved.
 */
static int fib_detect_death(struct fib_info *fi, int order, struct fib_info **last_resort,
			    int *last_idx, int dflt)
{
	const struct fib_nh *nh = &fi->fib_nh[0];
	struct neighbour *n = NULL;
	int state;

	if (nh->nh_dev)
		n = neigh_lookup(dev_net(nh->nh_dev)->ipv4.arp_tbl, &nh->nh_gw, nh->nh_dev);
	if (!n)
		return 0;
	state = n->nud_state;
	if (state == NUD_REACHABLE)
		return 0;
	if ((state & NUD_VALID) && order != dflt)
		return 0;
	if ((state & NUD_VALID) || (*last_idx < 0 && order > dflt && state != NUD_INCOMPLETE)) {
		*last_resort = fi;
		*last_idx = order;
	}
	return 1;
}

static void fib_result_assign(struct fib_result *res, struct fib_info *fi)
{
	res->fi = fi;
	res->nh_sel = 0;
}

/*
 * fib_select_default - several default routes of the lowest metric in
 * one table (res->fa_head, the leaf of 0/0): walk the aliases of equal
 * length and dscp (all of the leaf are its table's) up to the first of a higher metric; among the
 * unicast ones through a link-scope gateway, keep the first whose
 * gateway fib_detect_death() accepts, remembering the choice in the
 * first alias's fa_default; when all look dead, fall back to the last
 * resort.  res->fi must be the first such route (else nothing changes).
 */
void fib_select_default(const struct flowi4 *flp, struct fib_result *res)
{
	struct fib_info *fi = NULL, *last_resort = NULL;
	struct list_head *fa_head = res->fa_head;
	u8 slen = (u8)(32 - res->prefixlen);
	int order = -1, last_idx = -1;
	struct fib_alias *fa, *fa1 = NULL;
	u32 last_prio = res->fi->fib_priority;
	u8 last_dscp = 0;

	list_for_each_entry(fa, fa_head, fa_list) {
		struct fib_info *next_fi = fa->fa_info;
		const struct fib_nh *nh;

		if (fa->fa_slen != slen)
			continue;
		if (fa->fa_dscp && fa->fa_dscp != flp->flowi4_tos)
			continue;
		if (next_fi->fib_priority > last_prio && fa->fa_dscp == last_dscp) {
			if (last_dscp)
				continue;
			break;
		}
		if (next_fi->fib_dead)
			continue;
		last_dscp = fa->fa_dscp;
		last_prio = next_fi->fib_priority;
		if (next_fi->fib_scope != res->scope || fa->fa_type != RTN_UNICAST)
			continue;
		nh = &next_fi->fib_nh[0];
		if (!nh->nh_gw || nh->nh_scope != RT_SCOPE_LINK)
			continue;
		if (!fi) {
			if (next_fi != res->fi)
				break;
			fa1 = fa;
		} else if (!fib_detect_death(fi, order, &last_resort, &last_idx,
					     fa1->fa_default)) {
			fib_result_assign(res, fi);
			fa1->fa_default = (s16)order;
			return;
		}
		fi = next_fi;
		order++;
	}
	if (order <= 0 || !fi) {
		if (fa1)
			fa1->fa_default = -1;
		return;
	}
	if (!fib_detect_death(fi, order, &last_resort, &last_idx, fa1->fa_default)) {
		fib_result_assign(res, fi);
		fa1->fa_default = (s16)order;
		return;
	}
	if (last_idx >= 0)
		fib_result_assign(res, last_resort);
	fa1->fa_default = (s16)last_idx;
}

/*
 * fib_select_path - a flow bound to a device keeps the lookup's nexthop;
 * else a multipath route is hashed onto one, and several default routes
 * of a table are chosen among.  Then the preferred source, if unset.
 */
void fib_select_path(struct net *net, struct fib_result *res, struct flowi4 *fl4)
{
	if (fl4->flowi4_oif)
		goto check_saddr;
	if (res->fi && res->fi->fib_nhs > 1) {
		fib_select_multipath(res, fib_multipath_hash(net, fl4, NULL));
	} else if (res->fi && !res->prefixlen && res->table &&
		   fib_table_num_default(res->table) > 1 && res->type == RTN_UNICAST) {
		fib_select_default(fl4, res);
	}
check_saddr:
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
		fib_rebalance(fi);
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
		fib_rebalance(fi);
	}
	return ret;
}
