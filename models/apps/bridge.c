/*
 * models/apps/bridge.c - `bridge`: fdb, link and vlan (iproute2 6.1)
 *
 * User space: mirrors bridge/bridge.c (options, object table), bridge/fdb.c
 * (fdb_show(), print_fdb(), fdb_modify()), bridge/link.c (brlink_show(),
 * print_linkinfo(), print_protinfo()) and bridge/vlan.c (vlan_modify(),
 * vlan_show(), print_vlan_info()) with their messages.  The bridge tool
 * returns -1 from main for every failure: exit status 255.
 *
 * The kernel side of the requests (net/core/rtnetlink.c rtnl_fdb_add(),
 * rtnl_fdb_del(), rtnl_fdb_dump(), rtnl_bridge_setlink/dellink/getlink, and
 * net/bridge/br_fdb.c br_fdb_add()/br_fdb_delete()/br_fdb_dump(),
 * br_netlink.c br_afspec()/br_vlan_info()) sits in the rtnl_* functions
 * here, calling into models/bridge, as ip_link.c does for links.
 *
 * Differences: net_device keeps no unicast/multicast address lists, so
 * `bridge fdb show` has none of the "33:33:00:00:00:01 dev eth0 self
 * permanent" rows of a real host, and `fdb add|del ... self` on a device
 * that is not a bridge (the default when neither self nor master is
 * given) is refused with a message saying so.  No -j, -p, -t, no mdb,
 * monitor, vni, `vlan set|global|tunnelshow`, `fdb flush`; `link set`
 * without locked, mcast_router, learning_sync, hwmode, backup_port; no
 * per-VLAN statistics (-s vlan show).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "bridge/br_private.h"
#include "linux/etherdevice.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"

/* include/uapi/linux/neighbour.h */
#define NUD_REACHABLE	0x02
#define NUD_STALE	0x04
#define NUD_NOARP	0x40
#define NUD_PERMANENT	0x80
#define NTF_SELF	0x02
#define NTF_MASTER	0x04
/* include/uapi/linux/if_bridge.h */
#define BRIDGE_FLAGS_MASTER	1
#define BRIDGE_FLAGS_SELF	2
#define BRIDGE_VLAN_INFO_RANGE_BEGIN	(1 << 3)
#define NLM_F_APPEND	0x800

struct bridge_tool {
	struct iproute r;		/* sh, net, -s, -d, -o, status */
	int compress_vlans;		/* -c */
};

static int br_fail(struct bridge_tool *b)
{
	b->r.status = 255;
	return -1;
}

static int br_errorf(struct bridge_tool *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int br_errorf(struct bridge_tool *b, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	sim_sh_eprintf(b->r.sh, "%s", msg);
	g_free(msg);
	return br_fail(b);
}

static int br_nodev(struct bridge_tool *b, const char *name)
{
	return br_errorf(b, "Cannot find device \"%s\"\n", name);
}

/* NEXT_ARG(): "Command line is not complete" */
#define BR_NEXT_ARG(b, argc, argv)					\
	do {								\
		(argv)++;						\
		if (--(argc) <= 0) {					\
			ipr_incomplete(&(b)->r);			\
			return br_fail(b);				\
		}							\
	} while (0)

static struct net_bridge_port *br_port_of(const struct net_device *dev)
{
	return br_port_get_rtnl(dev);
}

static struct net_bridge *br_master_of(const struct net_device *dev)
{
	struct net_bridge_port *p = br_port_of(dev);

	return p ? p->br : NULL;
}

/* ---- usage ---------------------------------------------------------------- */

static int bridge_usage(struct bridge_tool *b)
{
	sim_sh_eprintf(b->r.sh,
		"Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       bridge [ -force ] -batch filename\n"
		"where  OBJECT := { link | fdb | mdb | vlan | monitor }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
		"                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
		"                    -c[ompressvlans] -color -p[retty] -j[son] }\n");
	return br_fail(b);
}

static int fdb_usage(struct bridge_tool *b)
{
	sim_sh_eprintf(b->r.sh,
		"Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n"
		"              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]\n"
		"              [ sticky ] [ local | static | dynamic ] [ vlan VID ]\n"
		"              { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }\n"
		"\t       [ via DEV ] [ src_vni VNI ]\n"
		"       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]\n"
		"              [ state STATE ] [ dynamic ] ]\n"
		"       bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV\n"
		"              [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]\n"
		"       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]\n"
		"              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]\n"
		"              [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]\n"
		"              [ [no]offloaded ]\n");
	return br_fail(b);
}

static int link_usage(struct bridge_tool *b)
{
	sim_sh_eprintf(b->r.sh,
		"Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]\n"
		"                               [ guard {on | off} ]\n"
		"                               [ hairpin {on | off} ]\n"
		"                               [ fastleave {on | off} ]\n"
		"                               [ root_block {on | off} ]\n"
		"                               [ learning {on | off} ]\n"
		"                               [ learning_sync {on | off} ]\n"
		"                               [ flood {on | off} ]\n"
		"                               [ mcast_router MULTICAST_ROUTER ]\n"
		"                               [ mcast_flood {on | off} ]\n"
		"                               [ bcast_flood {on | off} ]\n"
		"                               [ mcast_to_unicast {on | off} ]\n"
		"                               [ neigh_suppress {on | off} ]\n"
		"                               [ vlan_tunnel {on | off} ]\n"
		"                               [ isolated {on | off} ]\n"
		"                               [ locked {on | off} ]\n"
		"                               [ hwmode {vepa | veb} ]\n"
		"                               [ backup_port DEVICE ] [ nobackup_port ]\n"
		"                               [ self ] [ master ]\n"
		"       bridge link show [dev DEV]\n");
	return br_fail(b);
}

static int vlan_usage(struct bridge_tool *b)
{
	sim_sh_eprintf(b->r.sh,
		"Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ tunnel_info id TUNNEL_ID ]\n"
		"                                                     [ pvid ] [ untagged ]\n"
		"                                                     [ self ] [ master ]\n"
		"       bridge vlan { set } vid VLAN_ID dev DEV [ state STP_STATE ]\n"
		"                                               [ mcast_router MULTICAST_ROUTER ]\n"
		"       bridge vlan { show } [ dev DEV ] [ vid VLAN_ID ]\n"
		"       bridge vlan { tunnelshow } [ dev DEV ] [ vid VLAN_ID ]\n"
		"       bridge vlan global { set } vid VLAN_ID dev DEV\n"
		"                      [ mcast_snooping MULTICAST_SNOOPING ]\n"
		"                      [ mcast_querier MULTICAST_QUERIER ]\n"
		"                      [ mcast_igmp_version IGMP_VERSION ]\n"
		"                      [ mcast_mld_version MLD_VERSION ]\n"
		"                      [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
		"                      [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
		"                      [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
		"                      [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
		"                      [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
		"                      [ mcast_querier_interval QUERIER_INTERVAL ]\n"
		"                      [ mcast_query_interval QUERY_INTERVAL ]\n"
		"                      [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
		"       bridge vlan global { show } [ dev DEV ] [ vid VLAN_ID ]\n");
	return br_fail(b);
}

/* ---- fdb: the kernel side --------------------------------------------------- */

/* fdb_to_nud(): what the dump says of an entry's state */
static unsigned int fdb_to_nud(const struct net_bridge *br, const struct net_bridge_fdb_entry *f)
{
	if (test_bit(BR_FDB_LOCAL, &f->flags))
		return NUD_PERMANENT;
	if (test_bit(BR_FDB_STATIC, &f->flags))
		return NUD_NOARP;
	if (br_fdb_has_expired(br, f))
		return NUD_STALE;
	return NUD_REACHABLE;
}

/*
 * fdb_add_entry() on an existing entry (append/replace, no NLM_F_EXCL):
 * the entry changes port and state in place, keeping its place in the
 * list as the kernel's does.
 */
static void fdb_modify_entry(struct net_bridge *br, struct net_bridge_fdb_entry *f,
			     struct net_bridge_port *p, unsigned int state)
{
	f->dst = p;
	set_bit(BR_FDB_ADDED_BY_USER, &f->flags);
	if (test_bit(BR_FDB_DYNAMIC_LEARNED, &f->flags)) {
		clear_bit(BR_FDB_DYNAMIC_LEARNED, &f->flags);
		br->fdb_n_learned--;
	}
	if (fdb_to_nud(br, f) == state)
		return;
	if (state & NUD_PERMANENT) {
		set_bit(BR_FDB_LOCAL, &f->flags);
		set_bit(BR_FDB_STATIC, &f->flags);
	} else if (state & NUD_NOARP) {
		clear_bit(BR_FDB_LOCAL, &f->flags);
		set_bit(BR_FDB_STATIC, &f->flags);
	} else {
		clear_bit(BR_FDB_LOCAL, &f->flags);
		clear_bit(BR_FDB_STATIC, &f->flags);
	}
	f->updated = sim_jiffies(dev_net(br->dev)->w);
}

/* __br_fdb_add() for one vid */
static int __br_fdb_add(struct net_bridge *br, struct net_bridge_port *p, const u8 *addr,
			unsigned int state, int nlflags, u16 vid, struct sim_err *err)
{
	struct net_bridge_fdb_entry *f = br_fdb_find(br, addr, vid);

	/* fdb_add_entry(): "RTM_NEWNEIGH br0 without NUD_PERMANENT" (pr_info) */
	if (!p && !(state & NUD_PERMANENT))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	if (f && !(nlflags & NLM_F_EXCL)) {
		fdb_modify_entry(br, f, p, state);
		return 0;
	}
	return br_fdb_add(br, p, addr, vid, state & NUD_PERMANENT, state & NUD_NOARP, err);
}

/*
 * rtnl_fdb_add() -> br_fdb_add(): no vlan given means vid 0 and then every
 * VLAN of the port (or of the bridge), "to be nice" as the kernel says.
 */
static int rtnl_fdb_add(struct net_device *dev, const u8 *addr, unsigned int state,
			unsigned int ndm_flags, int nlflags, int vid, struct sim_err *err)
{
	const struct net_bridge_vlan_group *vg;
	struct net_bridge_port *p = NULL;
	struct net_bridge *br;
	int ret;

	if (vid >= VLAN_VID_MASK)
		return sim_err_set(err, "Error: invalid vlan id."), -EINVAL;
	if (!(ndm_flags & NTF_MASTER) && ndm_flags & NTF_SELF && !netif_is_bridge_master(dev))
		return sim_err_set(err, "bridge fdb: \"self\" entries of %s (its own address "
				   "list) are not supported by skbsim yet", dev->name), -EOPNOTSUPP;
	if (ndm_flags & NTF_MASTER && netif_is_bridge_port(dev)) {
		p = br_port_of(dev);
		br = p->br;
	} else if (ndm_flags & NTF_SELF && netif_is_bridge_master(dev)) {
		br = netdev_priv_br(dev);
	} else {
		return sim_err_set(err, "RTNETLINK answers: Operation not supported"), -EOPNOTSUPP;
	}
	if (is_zero_ether_addr(addr))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	vg = p ? &p->vlgrp : &br->vlgrp;
	if (vid > 0) {
		if (!br_vlan_has(vg, vid))	/* "RTM_NEWNEIGH with unconfigured vlan" */
			return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
		return __br_fdb_add(br, p, addr, state, nlflags, vid, err);
	}
	ret = __br_fdb_add(br, p, addr, state, nlflags, 0, err);
	for (u16 v = 1; ret == 0 && vg->num_vlans && v < VLAN_VID_MASK; v++)
		if (br_vlan_has(vg, v))
			ret = __br_fdb_add(br, p, addr, state, nlflags, v, err);
	return ret;
}

/* rtnl_fdb_del() -> br_fdb_delete(): without a vlan, any vid of the port counts */
static int rtnl_fdb_del(struct net_device *dev, const u8 *addr, unsigned int ndm_flags,
			int vid, struct sim_err *err)
{
	const struct net_bridge_vlan_group *vg;
	struct net_bridge_port *p = NULL;
	struct net_bridge *br;
	struct sim_err ignore;
	bool deleted;

	if (vid >= VLAN_VID_MASK)
		return sim_err_set(err, "Error: invalid vlan id."), -EINVAL;
	if (ndm_flags & NTF_MASTER && netif_is_bridge_port(dev)) {
		p = br_port_of(dev);
		br = p->br;
	} else if (ndm_flags & NTF_SELF && netif_is_bridge_master(dev)) {
		br = netdev_priv_br(dev);
	} else if (ndm_flags & NTF_SELF) {	/* dev_uc_del(): we keep no list */
		return sim_err_set(err, "RTNETLINK answers: No such file or directory"), -ENOENT;
	} else {
		return sim_err_set(err, "RTNETLINK answers: Operation not supported"), -EOPNOTSUPP;
	}
	if (vid > 0)
		return br_fdb_delete(br, p, addr, (u16)vid, err);
	vg = p ? &p->vlgrp : &br->vlgrp;
	deleted = br_fdb_delete(br, p, addr, 0, &ignore) == 0;
	for (u16 v = 1; vg->num_vlans && v < VLAN_VID_MASK; v++)
		if (br_vlan_has(vg, v) && br_fdb_delete(br, p, addr, v, &ignore) == 0)
			deleted = true;
	if (!deleted)
		return sim_err_set(err, "RTNETLINK answers: No such file or directory"), -ENOENT;
	return 0;
}

/* ---- fdb: user space ---------------------------------------------------------- */

struct fdb_filter {
	int index;			/* dev/brport: rows of that device, no "dev" word */
	int master;			/* br */
	unsigned int state;
	int vlan;
	bool dynamic;
};

static const char *state_n2a(unsigned int s, char buf[32])
{
	if (s & NUD_PERMANENT)
		return "permanent";
	if (s & NUD_NOARP)
		return "static";
	if (s & NUD_STALE)
		return "stale";
	if (s & NUD_REACHABLE)
		return "";
	snprintf(buf, 32, "state=%#x", s);
	return buf;
}

static int state_a2n(unsigned int *s, const char *arg)
{
	if (ipr_matches(arg, "permanent") == 0)
		*s = NUD_PERMANENT;
	else if (ipr_matches(arg, "static") == 0 || ipr_matches(arg, "temp") == 0)
		*s = NUD_NOARP;
	else if (ipr_matches(arg, "stale") == 0)
		*s = NUD_STALE;
	else if (ipr_matches(arg, "reachable") == 0 || ipr_matches(arg, "dynamic") == 0)
		*s = NUD_REACHABLE;
	else if (strcmp(arg, "all") == 0)
		*s = ~0U;
	else if (ipr_get_unsigned(s, arg, 0))
		return -1;
	return 0;
}

/* print_fdb() for one entry as br_fdb_dump() reports it from @dev */
static void print_fdb(struct bridge_tool *b, GString *out, const struct fdb_filter *ft,
		      struct net_bridge *br, const struct net_bridge_fdb_entry *f,
		      const struct net_device *dev)
{
	unsigned int state = fdb_to_nud(br, f);
	char buf[32];

	if (ft->index && ft->index != dev->ifindex)
		return;
	if (ft->state && !(state & ft->state))
		return;
	if (ft->vlan && ft->vlan != f->vlan_id)
		return;
	if (ft->dynamic && (state & NUD_PERMANENT))
		return;
	ipr_ll_addr_n2a(out, f->addr.addr, ETH_ALEN);
	g_string_append_c(out, ' ');
	if (!ft->index)
		g_string_append_printf(out, "dev %s ", dev->name);
	if (f->vlan_id)
		g_string_append_printf(out, "vlan %hu ", f->vlan_id);
	if (b->r.show_stats) {
		const struct world *w = dev_net(br->dev)->w;
		unsigned long now = sim_jiffies(w);

		g_string_append_printf(out, "used %d/%d ", (int)((now - f->used) / w->hz),
				       (int)((now - f->updated) / w->hz));
	}
	g_string_append_printf(out, "master %s %s\n", br->dev->name, state_n2a(state, buf));
}

/* br_fdb_dump(): @br's entries that belong to @port (NULL: the bridge's own) */
static void br_fdb_dump(struct bridge_tool *b, GString *out, const struct fdb_filter *ft,
			struct net_bridge *br, struct net_device *port_dev)
{
	struct net_bridge_fdb_entry *f;

	list_for_each_entry(f, &br->fdb_list, list) {
		if (port_dev ? (!f->dst || f->dst->dev != port_dev) : f->dst != NULL)
			continue;
		print_fdb(b, out, ft, br, f, port_dev ? port_dev : br->dev);
	}
}

/* rtnl_fdb_dump(): devices in ifindex order, a port's entries from its master */
static void rtnl_fdb_dump(struct bridge_tool *b, GString *out, const struct fdb_filter *ft)
{
	GPtrArray *devs = devices_by_index(b->r.net);

	for (guint i = 0; i < devs->len; i++) {
		struct net_device *dev = devs->pdata[i];
		struct net_bridge *br = br_master_of(dev);

		if (ft->index && dev->ifindex != ft->index)
			continue;
		if (ft->master) {
			if (netif_is_bridge_master(dev) ? dev->ifindex != ft->master
							: (!br || br->dev->ifindex != ft->master))
				continue;
		}
		if (br)
			br_fdb_dump(b, out, ft, br, dev);
		if (netif_is_bridge_master(dev))
			br_fdb_dump(b, out, ft, netdev_priv_br(dev), NULL);
	}
	g_ptr_array_unref(devs);
}

static int fdb_show(struct bridge_tool *b, int argc, char **argv)
{
	struct fdb_filter ft = { 0 };
	const char *filter_dev = NULL, *brname = NULL;
	GString *out;

	while (argc > 0) {
		if (strcmp(*argv, "brport") == 0 || strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			filter_dev = *argv;
		} else if (strcmp(*argv, "br") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			brname = *argv;
		} else if (strcmp(*argv, "vlan") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			if (ft.vlan) {
				ipr_duparg(&b->r, "vlan", *argv);
				return br_fail(b);
			}
			ft.vlan = atoi(*argv);
		} else if (strcmp(*argv, "state") == 0) {
			unsigned int state;

			BR_NEXT_ARG(b, argc, argv);
			if (state_a2n(&state, *argv)) {
				ipr_invarg(&b->r, "invalid state", *argv);
				return br_fail(b);
			}
			ft.state |= state;
		} else if (strcmp(*argv, "dynamic") == 0) {
			ft.dynamic = true;
		} else if (ipr_matches(*argv, "help") == 0) {
			return fdb_usage(b);
		}
		argc--;
		argv++;
	}
	if (brname) {
		struct net_device *bd = __dev_get_by_name(b->r.net, brname);

		if (!bd)
			return br_errorf(b, "Cannot find bridge device \"%s\"\n", brname);
		ft.master = bd->ifindex;
	}
	if (filter_dev) {
		struct net_device *d = __dev_get_by_name(b->r.net, filter_dev);

		if (!d)
			return br_nodev(b, filter_dev);
		ft.index = d->ifindex;
	}
	out = g_string_new(NULL);
	rtnl_fdb_dump(b, out, &ft);
	sim_sh_printf(b->r.sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

/*
 * rtnl_fdb_get() -> br_fdb_get(): the master of a port (or the bridge
 * given as br) looks the entry up; its answer is printed as a dump row.
 */
static int rtnl_fdb_get(struct bridge_tool *b, struct net_device *dev, struct net_device *br_dev,
			unsigned int ndm_flags, const u8 *addr, u16 vid, const struct fdb_filter *ft)
{
	const struct net_bridge_fdb_entry *f;
	struct net_bridge *br;
	GString *out;

	if (dev) {
		if (!ndm_flags || (ndm_flags & NTF_MASTER)) {
			if (!netif_is_bridge_port(dev))
				return br_errorf(b, "Error: Device is not a bridge port.\n");
			br_dev = br_master_of(dev)->dev;
		} else if (!br_dev) {
			br_dev = dev;		/* "self": the device's own ndo_fdb_get */
		}
	}
	if (!netif_is_bridge_master(br_dev))
		return br_errorf(b, "Error: Fdb get operation not supported by device.\n");
	br = netdev_priv_br(br_dev);
	f = br_fdb_find(br, addr, vid);
	if (!f)
		return br_errorf(b, "Error: Fdb entry not found.\n");
	out = g_string_new(NULL);
	print_fdb(b, out, ft, br, f, f->dst ? f->dst->dev : br->dev);
	sim_sh_printf(b->r.sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

static int fdb_get(struct bridge_tool *b, int argc, char **argv)
{
	struct net_device *dev = NULL, *br_dev = NULL;
	const char *d = NULL, *brname = NULL, *addr = NULL;
	struct fdb_filter ft = { 0 };
	unsigned int ndm_flags = 0;
	u8 abuf[ETH_ALEN];
	short vlan = -1;

	while (argc > 0) {
		if (strcmp(*argv, "brport") == 0 || strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "br") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			brname = *argv;
		} else if (strcmp(*argv, "vni") == 0) {
			ipr_unsupported(&b->r, "bridge fdb", *argv);
			return br_fail(b);
		} else if (strcmp(*argv, "self") == 0) {
			ndm_flags |= NTF_SELF;
		} else if (ipr_matches(*argv, "master") == 0) {
			ndm_flags |= NTF_MASTER;
		} else if (ipr_matches(*argv, "vlan") == 0) {
			if (vlan >= 0) {
				ipr_duparg2(&b->r, "vlan", *argv);
				return br_fail(b);
			}
			BR_NEXT_ARG(b, argc, argv);
			vlan = (short)atoi(*argv);
		} else if (ipr_matches(*argv, "dynamic") == 0) {
			ft.dynamic = true;
		} else {
			if (strcmp(*argv, "to") == 0)
				BR_NEXT_ARG(b, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return fdb_usage(b);
			if (addr) {
				ipr_duparg2(&b->r, "to", *argv);
				return br_fail(b);
			}
			addr = *argv;
		}
		argc--;
		argv++;
	}
	if ((!d && !brname) || !addr)
		return br_errorf(b, "Device or master and address are required arguments.\n");
	if (sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", abuf, abuf + 1, abuf + 2, abuf + 3,
		   abuf + 4, abuf + 5) != 6)
		return br_errorf(b, "Invalid mac address %s\n", addr);
	if (d && !(dev = __dev_get_by_name(b->r.net, d)))
		return br_errorf(b, "Cannot find device \"%s\"\n", d);
	if (brname && !(br_dev = __dev_get_by_name(b->r.net, brname)))
		return br_errorf(b, "Cannot find bridge device \"%s\"\n", brname);
	/* fdb_vid_parse() */
	if (vlan >= 0 && (u16)vlan >= VLAN_VID_MASK)
		return br_errorf(b, "Error: invalid vlan id.\n");
	if (rtnl_fdb_get(b, dev, br_dev, ndm_flags, abuf, vlan >= 0 ? (u16)vlan : 0, &ft) < 0) {
		b->r.status = 254;	/* fdb_get() returns -2 when the kernel refuses */
		return -1;
	}
	return 0;
}

/* fdb_modify(): add (CREATE|EXCL), append (CREATE|APPEND), replace, del */
static int fdb_modify(struct bridge_tool *b, bool del, int nlflags, int argc, char **argv)
{
	unsigned int state = NUD_NOARP, ndm_flags = 0;
	const char *addr = NULL, *d = NULL;
	struct net_device *dev;
	struct sim_err err = { { 0 } };
	u8 abuf[ETH_ALEN];
	short vid = -1;
	int ret;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "self") == 0) {
			ndm_flags |= NTF_SELF;
		} else if (ipr_matches(*argv, "master") == 0) {
			ndm_flags |= NTF_MASTER;
		} else if (ipr_matches(*argv, "local") == 0 ||
			   ipr_matches(*argv, "permanent") == 0) {
			state |= NUD_PERMANENT;
		} else if (ipr_matches(*argv, "temp") == 0 || ipr_matches(*argv, "static") == 0) {
			state |= NUD_REACHABLE;
		} else if (ipr_matches(*argv, "dynamic") == 0) {
			state |= NUD_REACHABLE;
			state &= ~NUD_NOARP;
		} else if (ipr_matches(*argv, "vlan") == 0) {
			if (vid >= 0) {
				ipr_duparg2(&b->r, "vlan", *argv);
				return br_fail(b);
			}
			BR_NEXT_ARG(b, argc, argv);
			vid = (short)atoi(*argv);
		} else if (strcmp(*argv, "dst") == 0 || strcmp(*argv, "nhid") == 0 ||
			   strcmp(*argv, "port") == 0 || strcmp(*argv, "vni") == 0 ||
			   strcmp(*argv, "src_vni") == 0 || strcmp(*argv, "via") == 0 ||
			   ipr_matches(*argv, "router") == 0 || ipr_matches(*argv, "use") == 0 ||
			   ipr_matches(*argv, "extern_learn") == 0 ||
			   ipr_matches(*argv, "sticky") == 0) {
			ipr_unsupported(&b->r, "bridge fdb", *argv);
			return br_fail(b);
		} else {
			if (strcmp(*argv, "to") == 0)
				BR_NEXT_ARG(b, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return fdb_usage(b);
			if (addr) {
				ipr_duparg2(&b->r, "to", *argv);
				return br_fail(b);
			}
			addr = *argv;
		}
		argc--;
		argv++;
	}
	if (!d || !addr)
		return br_errorf(b, "Device and address are required arguments.\n");
	if (!(ndm_flags & (NTF_SELF | NTF_MASTER)))
		ndm_flags |= NTF_SELF;		/* "Assume self" */
	if (!(state & (NUD_PERMANENT | NUD_REACHABLE)))
		state |= NUD_PERMANENT;		/* "Assume permanent" */
	if (sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", abuf, abuf + 1, abuf + 2, abuf + 3,
		   abuf + 4, abuf + 5) != 6)
		return br_errorf(b, "Invalid mac address %s\n", addr);
	dev = __dev_get_by_name(b->r.net, d);
	if (!dev)
		return br_nodev(b, d);
	/* the request carries NDA_VLAN only when given; as a u16 */
	if (del)
		ret = rtnl_fdb_del(dev, abuf, ndm_flags, vid >= 0 ? (u16)vid : 0, &err);
	else
		ret = rtnl_fdb_add(dev, abuf, state, ndm_flags, nlflags,
				   vid >= 0 ? (u16)vid : 0, &err);
	if (ret < 0)
		return br_errorf(b, "%s\n", err.msg);
	return 0;
}

static int do_fdb(struct bridge_tool *b, int argc, char **argv)
{
	if (argc > 0) {
		if (ipr_matches(*argv, "add") == 0)
			return fdb_modify(b, false, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
		if (ipr_matches(*argv, "append") == 0)
			return fdb_modify(b, false, NLM_F_CREATE | NLM_F_APPEND, argc - 1, argv + 1);
		if (ipr_matches(*argv, "replace") == 0)
			return fdb_modify(b, false, NLM_F_CREATE | NLM_F_REPLACE, argc - 1, argv + 1);
		if (ipr_matches(*argv, "delete") == 0)
			return fdb_modify(b, true, 0, argc - 1, argv + 1);
		if (ipr_matches(*argv, "show") == 0 || ipr_matches(*argv, "lst") == 0 ||
		    ipr_matches(*argv, "list") == 0)
			return fdb_show(b, argc - 1, argv + 1);
		if (ipr_matches(*argv, "get") == 0)
			return fdb_get(b, argc - 1, argv + 1);
		if (ipr_matches(*argv, "flush") == 0) {
			ipr_unsupported(&b->r, "bridge fdb", *argv);
			return br_fail(b);
		}
		if (ipr_matches(*argv, "help") == 0)
			return fdb_usage(b);
	} else {
		return fdb_show(b, 0, NULL);
	}
	return br_errorf(b, "Command \"%s\" is unknown, try \"bridge fdb help\".\n", *argv);
}

/* ---- link --------------------------------------------------------------------- */

static const char *const stp_states[] = {
	[BR_STATE_DISABLED] = "disabled",
	[BR_STATE_LISTENING] = "listening",
	[BR_STATE_LEARNING] = "learning",
	[BR_STATE_FORWARDING] = "forwarding",
	[BR_STATE_BLOCKING] = "blocking",
};


/*
 * print_name_and_link() as `bridge link` sees it: br_fill_ifinfo() sends
 * IFLA_LINK (the peer's ifindex for a veth) but no IFLA_LINK_NETNSID, so
 * iproute2 names that index in this namespace: "eth1@eth0" when a local
 * device has the peer's index (M-DOWN if it is down), "eth1@if7" when none
 * has (M-DOWN too: no flags), plain "eth0" when the index is its own.
 */
static bool br_print_name_and_link(GString *out, const struct net_device *dev)
{
	const struct net_device *link;
	struct net_device *peer = NULL;
	int iflink = dev->iflink;

	if (dev->netdev_ops->ndo_get_peer_dev)
		peer = dev->netdev_ops->ndo_get_peer_dev((struct net_device *)dev);
	if (peer)
		iflink = peer->ifindex;
	if (!iflink || iflink == dev->ifindex) {
		g_string_append_printf(out, "%s: ", dev->name);
		return false;
	}
	link = __dev_get_by_index(dev_net(dev), iflink);
	if (!link) {
		g_string_append_printf(out, "%s@if%d: ", dev->name, iflink);
		return true;
	}
	g_string_append_printf(out, "%s@%s: ", dev->name, link->name);
	return !(link->flags & IFF_UP);
}

static const char *on_off(bool on)
{
	return on ? "on" : "off";
}

/* print_protinfo(): state, priority, cost, and with -d the port's flags */
static void br_print_protinfo(struct bridge_tool *b, GString *out,
			      const struct net_bridge_port *p)
{
	unsigned long fl = p->flags;

	if (p->state <= BR_STATE_BLOCKING)
		g_string_append_printf(out, "state %s ", stp_states[p->state]);
	else
		g_string_append_printf(out, "state (%d) ", p->state);
	g_string_append_printf(out, "priority %u cost %u ", p->priority, p->path_cost);
	if (!b->r.show_details)
		return;
	g_string_append_printf(out, "%s    ", b->r.sl);
	g_string_append_printf(out,
		"hairpin %s guard %s root_block %s fastleave %s learning %s flood %s "
		"mcast_flood %s bcast_flood %s mcast_router 1 mcast_to_unicast %s "
		"neigh_suppress %s vlan_tunnel %s isolated %s locked off ",
		on_off(fl & BR_HAIRPIN_MODE), on_off(fl & BR_BPDU_GUARD),
		on_off(fl & BR_ROOT_BLOCK), on_off(fl & BR_MULTICAST_FAST_LEAVE),
		on_off(fl & BR_LEARNING), on_off(fl & BR_FLOOD), on_off(fl & BR_MCAST_FLOOD),
		on_off(fl & BR_BCAST_FLOOD), on_off(fl & BR_MULTICAST_TO_UNICAST),
		on_off(fl & BR_NEIGH_SUPPRESS), on_off(fl & BR_VLAN_TUNNEL),
		on_off(fl & BR_ISOLATED));
}

/* print_linkinfo() for what rtnl_bridge_getlink() reports: bridge ports */
static void br_print_linkinfo(struct bridge_tool *b, GString *out, struct net_device *dev)
{
	const struct net_bridge_port *p = br_port_of(dev);
	bool mdown;

	g_string_append_printf(out, "%d: ", dev->ifindex);
	mdown = br_print_name_and_link(out, dev);
	ipr_print_link_flags(out, dev_get_flags(dev), mdown);
	g_string_append_printf(out, "mtu %u ", dev->mtu);
	g_string_append_printf(out, "master %s ", p->br->dev->name);
	br_print_protinfo(b, out, p);
	g_string_append(out, "\n");
}

static int brlink_show(struct bridge_tool *b, int argc, char **argv)
{
	const char *filter_dev = NULL;
	int filter_index = 0;
	GPtrArray *devs;
	GString *out;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			if (filter_dev) {
				ipr_duparg(&b->r, "dev", *argv);
				return br_fail(b);
			}
			filter_dev = *argv;
		}
		argc--;
		argv++;
	}
	if (filter_dev) {
		struct net_device *d = __dev_get_by_name(b->r.net, filter_dev);

		if (!d)
			return br_nodev(b, filter_dev);
		filter_index = d->ifindex;
	}
	devs = devices_by_index(b->r.net);
	out = g_string_new(NULL);
	for (guint i = 0; i < devs->len; i++) {
		struct net_device *dev = devs->pdata[i];

		if ((filter_index && dev->ifindex != filter_index) || !netif_is_bridge_port(dev))
			continue;
		br_print_linkinfo(b, out, dev);
	}
	sim_sh_printf(b->r.sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(devs);
	return 0;
}

/* ---- link set: the kernel side -------------------------------------------- */

/* br_set_port_state(): only with STP off, only on a running port */
static int br_set_port_state(struct net_bridge_port *p, u8 state, struct sim_err *err)
{
	if (state > BR_STATE_BLOCKING)
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	if (p->br->stp_enabled == BR_KERNEL_STP)
		return sim_err_set(err, "RTNETLINK answers: Device or resource busy"), -EBUSY;
	if (!netif_running(p->dev) || (!netif_oper_up(p->dev) && state != BR_STATE_DISABLED))
		return sim_err_set(err, "RTNETLINK answers: Network is down"), -ENETDOWN;
	br_set_state(p, state);
	br_port_state_selection(p->br);
	return 0;
}

/* The IFLA_BRPORT_* flags `bridge link set` sends, in br_setport()'s order */
static const struct brport_flag {
	const char *name;
	unsigned long flag;
} brport_flags[] = {
	{ "hairpin", BR_HAIRPIN_MODE }, { "guard", BR_BPDU_GUARD },
	{ "fastleave", BR_MULTICAST_FAST_LEAVE }, { "root_block", BR_ROOT_BLOCK },
	{ "learning", BR_LEARNING }, { "flood", BR_FLOOD },
	{ "mcast_flood", BR_MCAST_FLOOD }, { "mcast_to_unicast", BR_MULTICAST_TO_UNICAST },
	{ "bcast_flood", BR_BCAST_FLOOD }, { "neigh_suppress", BR_NEIGH_SUPPRESS },
	{ "vlan_tunnel", BR_VLAN_TUNNEL }, { "isolated", BR_ISOLATED },
};

struct brport_req {
	signed char flag_val[G_N_ELEMENTS(brport_flags)];	/* -1: not sent */
	u32 cost;			/* 0: not sent */
	short priority;			/* -1: not sent */
	signed char state;		/* -1: not sent */
	unsigned int flags;		/* BRIDGE_FLAGS_MASTER / _SELF */
};

/*
 * rtnl_bridge_setlink() -> br_setlink() -> br_setport(): the flags first,
 * then cost, priority, state; the first failure ends it, keeping what was
 * already changed.  "self" reaches only a bridge's own ndo_bridge_setlink,
 * which has nothing to set without VLAN attributes.
 */
static int rtnl_bridge_setport(struct net_device *dev, const struct brport_req *req,
			       struct sim_err *err)
{
	struct net_bridge_port *p;
	int ret;

	if (req->flags & BRIDGE_FLAGS_SELF && !(req->flags & BRIDGE_FLAGS_MASTER)) {
		if (!netif_is_bridge_master(dev))
			return sim_err_set(err, "RTNETLINK answers: Operation not supported"),
			       -EOPNOTSUPP;
		return 0;
	}
	if (!netif_is_bridge_port(dev))
		return sim_err_set(err, "RTNETLINK answers: Operation not supported"), -EOPNOTSUPP;
	p = br_port_of(dev);
	for (size_t i = 0; i < G_N_ELEMENTS(brport_flags); i++)
		if (req->flag_val[i] >= 0 && !!(p->flags & brport_flags[i].flag) != req->flag_val[i])
			br_port_flags_change(p, brport_flags[i].flag, req->flag_val[i]);
	if (req->cost && (ret = br_stp_set_path_cost(p, req->cost)) < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	if (req->priority >= 0 &&
	    (ret = br_stp_set_port_priority(p, (u16)req->priority)) < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	if (req->state >= 0)
		return br_set_port_state(p, (u8)req->state, err);
	return 0;
}

/* ---- link set: user space ----------------------------------------------------- */

/* parse_on_off(): "off", "on" or an abbreviation; brlink_modify returns -EINVAL */
static int br_parse_on_off(struct bridge_tool *b, const char *msg, const char *val,
			   signed char *out)
{
	if (ipr_matches(val, "off") == 0) {
		*out = 0;
	} else if (ipr_matches(val, "on") == 0) {
		*out = 1;
	} else {
		sim_sh_eprintf(b->r.sh, "Error: argument of \"%s\" must be one of \"off\", "
			       "\"on\", not \"%s\"\n", msg, val);
		b->r.status = 256 - EINVAL;	/* main's return -22 */
		return -1;
	}
	return 0;
}

static int brlink_modify(struct bridge_tool *b, int argc, char **argv)
{
	struct brport_req req = { .priority = -1, .state = -1 };
	struct sim_err err = { { 0 } };
	struct net_device *dev;
	const char *d = NULL;

	memset(req.flag_val, -1, sizeof(req.flag_val));
	while (argc > 0) {
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(brport_flags); i++)
			if (strcmp(*argv, brport_flags[i].name) == 0)
				break;
		if (i < G_N_ELEMENTS(brport_flags)) {
			BR_NEXT_ARG(b, argc, argv);
			if (br_parse_on_off(b, brport_flags[i].name, *argv, &req.flag_val[i]))
				return -1;
		} else if (strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "cost") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			req.cost = (u32)atoi(*argv);	/* a __u32: sent unless 0 */
		} else if (strcmp(*argv, "priority") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			req.priority = (short)atoi(*argv);
		} else if (strcmp(*argv, "state") == 0) {
			char *end;
			long v;

			BR_NEXT_ARG(b, argc, argv);
			v = strtol(*argv, &end, 10);
			req.state = (signed char)v;
			if (!(**argv != '\0' && *end == '\0')) {
				req.state = -1;
				for (int s = 0; s <= BR_STATE_BLOCKING; s++)
					if (strcmp(stp_states[s], *argv) == 0)
						req.state = (signed char)s;
				if (req.state == -1)
					return br_errorf(b, "Error: invalid STP port state\n");
			}
		} else if (strcmp(*argv, "self") == 0) {
			req.flags |= BRIDGE_FLAGS_SELF;
		} else if (strcmp(*argv, "master") == 0) {
			req.flags |= BRIDGE_FLAGS_MASTER;
		} else if (strcmp(*argv, "learning_sync") == 0 || strcmp(*argv, "locked") == 0 ||
			   strcmp(*argv, "mcast_router") == 0 || strcmp(*argv, "hwmode") == 0 ||
			   strcmp(*argv, "backup_port") == 0 || strcmp(*argv, "nobackup_port") == 0) {
			ipr_unsupported(&b->r, "bridge link set", *argv);
			return br_fail(b);
		} else {
			return link_usage(b);
		}
		argc--;
		argv++;
	}
	if (!d)
		return br_errorf(b, "Device is a required argument.\n");
	dev = __dev_get_by_name(b->r.net, d);
	if (!dev)
		return br_errorf(b, "Cannot find bridge device \"%s\"\n", d);
	if (rtnl_bridge_setport(dev, &req, &err) < 0)
		return br_errorf(b, "%s\n", err.msg);
	return 0;
}

static int do_link(struct bridge_tool *b, int argc, char **argv)
{
	if (argc > 0) {
		if (ipr_matches(*argv, "set") == 0 || ipr_matches(*argv, "change") == 0)
			return brlink_modify(b, argc - 1, argv + 1);
		if (ipr_matches(*argv, "show") == 0 || ipr_matches(*argv, "lst") == 0 ||
		    ipr_matches(*argv, "list") == 0)
			return brlink_show(b, argc - 1, argv + 1);
		if (ipr_matches(*argv, "help") == 0)
			return link_usage(b);
	} else {
		return brlink_show(b, 0, NULL);
	}
	return br_errorf(b, "Command \"%s\" is unknown, try \"bridge link help\".\n", *argv);
}

/* ---- vlan: the kernel side ------------------------------------------------------ */

/*
 * rtnl_bridge_setlink/dellink -> br_setlink/br_dellink -> br_afspec():
 * "master" (or no flag) goes to the master of a port, "self" to a device's
 * own ndo_bridge_setlink, which only a bridge has.
 */
static int rtnl_bridge_vlan(struct net_device *dev, bool del, unsigned int flags,
			    u16 vid, u16 vid_end, u16 vinfo_flags, struct sim_err *err)
{
	struct net_bridge_port *p = NULL;
	struct net_bridge *br;

	if (!flags || flags & BRIDGE_FLAGS_MASTER) {
		if (!netif_is_bridge_port(dev))
			return sim_err_set(err, "RTNETLINK answers: Operation not supported"),
			       -EOPNOTSUPP;
		p = br_port_of(dev);
		br = p->br;
	} else {
		br = NULL;
	}
	if (flags & BRIDGE_FLAGS_SELF) {
		if (!netif_is_bridge_master(dev))
			return sim_err_set(err, "RTNETLINK answers: Operation not supported"),
			       -EOPNOTSUPP;
		if (!br)
			br = netdev_priv_br(dev);
	}
	/* br_vlan_valid_id() */
	if (vid == 0 || vid >= VLAN_VID_MASK || vid_end >= VLAN_VID_MASK)
		return sim_err_set(err, "Error: bridge: Vlan id is invalid."), -EINVAL;
	for (u32 v = vid; v <= vid_end; v++) {
		struct sim_err ignore;
		int ret;

		if (del) {		/* br_vlan_info() ignores what delete says */
			br_vlan_delete(br, p, (u16)v, &ignore);
			if (flags & BRIDGE_FLAGS_SELF && p)
				br_vlan_delete(br, NULL, (u16)v, &ignore);
			continue;
		}
		ret = br_vlan_add(br, p, (u16)v, vinfo_flags, err);
		if (ret == 0 && flags & BRIDGE_FLAGS_SELF && p)
			ret = -EOPNOTSUPP;	/* a port has no "self" of its own */
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* ---- vlan: user space ----------------------------------------------------------- */

static int vlan_modify(struct bridge_tool *b, bool del, int argc, char **argv)
{
	u16 vinfo_flags = 0, flags = 0;
	short vid = -1, vid_end = -1;
	struct sim_err err = { { 0 } };
	const char *d = NULL;
	struct net_device *dev;
	bool range = false;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "vid") == 0) {
			const char *dash;

			BR_NEXT_ARG(b, argc, argv);
			dash = strchr(*argv, '-');
			vid = (short)atoi(*argv);
			if (dash) {
				vid_end = (short)atoi(dash + 1);
				range = true;
			}
		} else if (strcmp(*argv, "self") == 0) {
			flags |= BRIDGE_FLAGS_SELF;
		} else if (strcmp(*argv, "master") == 0) {
			flags |= BRIDGE_FLAGS_MASTER;
		} else if (strcmp(*argv, "pvid") == 0) {
			vinfo_flags |= BRIDGE_VLAN_INFO_PVID;
		} else if (strcmp(*argv, "untagged") == 0) {
			vinfo_flags |= BRIDGE_VLAN_INFO_UNTAGGED;
		} else if (strcmp(*argv, "tunnel_info") == 0) {
			ipr_unsupported(&b->r, "bridge vlan", *argv);
			return br_fail(b);
		} else if (ipr_matches(*argv, "help") == 0) {
			BR_NEXT_ARG(b, argc, argv);
		}
		argc--;
		argv++;
	}
	if (!d || vid == -1)
		return br_errorf(b, "Device and VLAN ID are required arguments.\n");
	dev = __dev_get_by_name(b->r.net, d);
	if (!dev)
		return br_errorf(b, "Cannot find bridge device \"%s\"\n", d);
	if (vid >= 4096)
		return br_errorf(b, "Invalid VLAN ID \"%hu\"\n", (unsigned short)vid);
	if (range) {
		if (vid_end == -1 || vid_end >= 4096 || vid >= vid_end)
			return br_errorf(b, "Invalid VLAN range \"%hu-%hu\"\n",
					 (unsigned short)vid, (unsigned short)vid_end);
		if (vinfo_flags & BRIDGE_VLAN_INFO_PVID)
			return br_errorf(b, "pvid cannot be configured for a vlan range\n");
	} else {
		vid_end = vid;
	}
	/* the kernel sees both as u16 */
	if (rtnl_bridge_vlan(dev, del, flags, (u16)vid, (u16)vid_end, vinfo_flags, &err) < 0)
		return br_errorf(b, "%s\n", err.msg);
	return 0;
}

/* br_fill_ifvlaninfo(): the flags a dump reports for @vid of @vg */
static u16 vlan_info_flags(const struct net_bridge_vlan_group *vg, u16 vid)
{
	u16 flags = 0;

	if (vg->pvid == vid)
		flags |= BRIDGE_VLAN_INFO_PVID;
	if (br_vlan_untagged(vg, vid))
		flags |= BRIDGE_VLAN_INFO_UNTAGGED;
	return flags;
}

static void print_vlan_flags(GString *out, u16 flags)
{
	if (flags & BRIDGE_VLAN_INFO_PVID)
		g_string_append(out, " PVID");
	if (flags & BRIDGE_VLAN_INFO_UNTAGGED)
		g_string_append(out, " Egress Untagged");
}

/*
 * print_vlan_info() for one device; with -c the kernel compresses runs of
 * consecutive vids with equal flags into ranges (never the pvid:
 * br_fill_ifvlaninfo_compressed()).
 */
static void print_vlan_info(struct bridge_tool *b, GString *out, const struct net_device *dev,
			    const struct net_bridge_vlan_group *vg, int filter_vlan)
{
	bool opened = false;

	for (u32 vid = 1; vid < VLAN_N_VID; vid++) {
		u16 flags, end = (u16)vid;

		if (!br_vlan_has(vg, (u16)vid))
			continue;
		flags = vlan_info_flags(vg, (u16)vid);
		if (b->compress_vlans && !(flags & BRIDGE_VLAN_INFO_PVID)) {
			while (br_vlan_has(vg, end + 1) && vlan_info_flags(vg, end + 1) == flags)
				end++;
		}
		/* filter_vlan_check(): a range is shown by its end */
		if (filter_vlan && (u16)vid > filter_vlan)
			break;
		if (filter_vlan && end < filter_vlan) {
			vid = end;
			continue;
		}
		if (!opened) {
			g_string_append_printf(out, "%-16s  ", dev->name);
			opened = true;
		} else {
			g_string_append_printf(out, "%-16s  ", "");
		}
		g_string_append_printf(out, "%u", vid);
		if (end != vid)
			g_string_append_printf(out, "-%u", end);
		print_vlan_flags(out, flags);
		g_string_append(out, "\n");
		vid = end;
	}
}

static int vlan_show(struct bridge_tool *b, int argc, char **argv)
{
	const char *filter_dev = NULL;
	int filter_index = 0, filter_vlan = 0;
	GPtrArray *devs;
	GString *out;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			if (filter_dev) {
				ipr_duparg(&b->r, "dev", *argv);
				return br_fail(b);
			}
			filter_dev = *argv;
		} else if (strcmp(*argv, "vid") == 0) {
			BR_NEXT_ARG(b, argc, argv);
			if (filter_vlan) {
				ipr_duparg(&b->r, "vid", *argv);
				return br_fail(b);
			}
			filter_vlan = atoi(*argv);
		}
		argc--;
		argv++;
	}
	if (filter_dev) {
		struct net_device *d = __dev_get_by_name(b->r.net, filter_dev);

		if (!d)
			return br_nodev(b, filter_dev);
		filter_index = d->ifindex;
	}
	if (b->r.show_stats) {
		ipr_unsupported(&b->r, "bridge vlan show", "-statistics");
		return br_fail(b);
	}
	out = g_string_new(NULL);
	g_string_append_printf(out, "%-16s  %-9s\n", "port", "vlan-id");
	devs = devices_by_index(b->r.net);
	for (guint i = 0; i < devs->len; i++) {
		struct net_device *dev = devs->pdata[i];
		const struct net_bridge_vlan_group *vg;

		if (filter_index && dev->ifindex != filter_index)
			continue;
		if (netif_is_bridge_port(dev))
			vg = &br_port_of(dev)->vlgrp;
		else if (netif_is_bridge_master(dev))
			vg = &netdev_priv_br(dev)->vlgrp;
		else
			continue;
		print_vlan_info(b, out, dev, vg, filter_vlan);
	}
	sim_sh_printf(b->r.sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(devs);
	return 0;
}

static int do_vlan(struct bridge_tool *b, int argc, char **argv)
{
	if (argc > 0) {
		if (ipr_matches(*argv, "add") == 0)
			return vlan_modify(b, false, argc - 1, argv + 1);
		if (ipr_matches(*argv, "delete") == 0)
			return vlan_modify(b, true, argc - 1, argv + 1);
		if (ipr_matches(*argv, "show") == 0 || ipr_matches(*argv, "lst") == 0 ||
		    ipr_matches(*argv, "list") == 0)
			return vlan_show(b, argc - 1, argv + 1);
		if (ipr_matches(*argv, "tunnelshow") == 0 || ipr_matches(*argv, "set") == 0 ||
		    ipr_matches(*argv, "global") == 0) {
			ipr_unsupported(&b->r, "bridge vlan", *argv);
			return br_fail(b);
		}
		if (ipr_matches(*argv, "help") == 0)
			return vlan_usage(b);
	} else {
		return vlan_show(b, 0, NULL);
	}
	return br_errorf(b, "Command \"%s\" is unknown, try \"bridge vlan help\".\n", *argv);
}

/* ---- main ------------------------------------------------------------------------- */

static int do_help(struct bridge_tool *b, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return bridge_usage(b);
}

static int do_unsupported(struct bridge_tool *b, int argc, char **argv)
{
	(void)argc;
	ipr_unsupported(&b->r, "bridge", argv[-1]);
	return br_fail(b);
}

static const struct bridge_cmd {
	const char *cmd;
	int (*func)(struct bridge_tool *b, int argc, char **argv);
} bridge_cmds[] = {
	{ "link", do_link },
	{ "fdb", do_fdb },
	{ "mdb", do_unsupported },
	{ "vlan", do_vlan },
	{ "vni", do_unsupported },
	{ "monitor", do_unsupported },
	{ "help", do_help },
};

static int bridge_do_cmd(struct bridge_tool *b, int argc, char **argv)
{
	for (size_t i = 0; i < G_N_ELEMENTS(bridge_cmds); i++)
		if (ipr_matches(argv[0], bridge_cmds[i].cmd) == 0)
			return bridge_cmds[i].func(b, argc - 1, argv + 1);
	return br_errorf(b, "Object \"%s\" is unknown, try \"bridge help\".\n", argv[0]);
}

/* Return: 0, or -1 with b->r.status set */
static int bridge_run(struct bridge_tool *b, int argc, char **argv)
{
	while (argc > 1) {
		const char *opt = argv[1];

		if (strcmp(opt, "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		if (ipr_matches(opt, "-help") == 0) {
			return bridge_usage(b);
		} else if (ipr_matches(opt, "-Version") == 0) {
			sim_sh_printf(b->r.sh, "bridge utility, 6.1.0\n");
			return 0;
		} else if (ipr_matches(opt, "-stats") == 0 ||
			   ipr_matches(opt, "-statistics") == 0) {
			b->r.show_stats++;
		} else if (ipr_matches(opt, "-details") == 0) {
			b->r.show_details++;
		} else if (ipr_matches(opt, "-oneline") == 0) {
			b->r.oneline++;
		} else if (ipr_matches(opt, "-compressvlans") == 0) {
			b->compress_vlans++;
		} else if (ipr_matches(opt, "-netns") == 0) {
			argc--;
			argv++;
			/* NEXT_ARG() lets argv[1] be NULL here: printf's "(null)" */
			if (argc <= 1)
				return br_errorf(b, "Cannot open network namespace \"(null)\": "
						 "No such file or directory\n");
			if (ipr_netns_switch(&b->r, argv[1]))
				return br_fail(b);
		} else if (ipr_matches(opt, "-json") == 0 || ipr_matches(opt, "-pretty") == 0 ||
			   ipr_matches(opt, "-timestamp") == 0 || ipr_matches(opt, "-batch") == 0) {
			ipr_unsupported(&b->r, "bridge", opt);
			return br_fail(b);
		} else {
			return br_errorf(b, "Option \"%s\" is unknown, try \"bridge help\".\n",
					 opt);
		}
		argc--;
		argv++;
	}
	b->r.sl = b->r.oneline ? "\\" : "\n";
	if (argc > 1)
		return bridge_do_cmd(b, argc - 1, argv + 1);
	return bridge_usage(b);
}

static int bridge_main(struct sim_sh *sh, int argc, char **argv)
{
	struct bridge_tool b = { .r = { .sh = sh, .net = node_net(sh->node) } };
	int status;

	if (!b.r.net) {
		sim_sh_eprintf(sh, "Cannot open netlink socket: Protocol not supported\n");
		return 1;
	}
	/* every path that fails has set the status (255: bridge's exit(-1)) */
	bridge_run(&b, argc, argv);
	status = b.r.status;
	ipr_free(&b.r);
	return status;
}

const struct sim_command bridge_command = { "bridge", bridge_main };
