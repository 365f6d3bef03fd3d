/*
 * models/bridge/br_netlink.c - bridge and port attributes from rtnetlink
 *
 * Mirrors the changelink half of net/bridge/br_netlink.c: br_changelink()
 * applies IFLA_BR_* (`ip link add/set br0 type bridge forward_delay ...`)
 * in the kernel's order, stopping at the first error with what was set
 * before kept; br_setport() applies IFLA_BRPORT_* (`ip link set eth0 type
 * bridge_slave learning off cost 10 ...`): the flags first, then state,
 * cost and priority, with the kernel's errors (a state change while
 * kernel STP runs: EBUSY; priority above 63: ERANGE).
 *
 * Differences: only the attributes the model has; the rest are refused
 * by the command parser (models/apps/iplink_bridge.c).
 */
#include <errno.h>

#include "br_private.h"

static int br_nl_error(struct sim_err *err, int ret)
{
	sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret));
	return ret;
}

int br_changelink(struct net_bridge *br, const struct br_link_opts *o, struct sim_err *err)
{
	int ret;

	if ((o->set & BIT(BR_OPT_FORWARD_DELAY)) &&
	    (ret = br_set_forward_delay(br, o->forward_delay, err)) < 0)
		return ret;
	if ((o->set & BIT(BR_OPT_HELLO_TIME)) &&
	    (ret = br_set_hello_time(br, o->hello_time, err)) < 0)
		return ret;
	if ((o->set & BIT(BR_OPT_MAX_AGE)) && (ret = br_set_max_age(br, o->max_age, err)) < 0)
		return ret;
	if ((o->set & BIT(BR_OPT_AGEING_TIME)) &&
	    (ret = br_set_ageing_time(br, o->ageing_time, err)) < 0)
		return ret;
	if ((o->set & BIT(BR_OPT_STP_STATE)) &&
	    (ret = br_stp_set_enabled(br, o->stp_state, err)) < 0)
		return ret;
	if (o->set & BIT(BR_OPT_PRIORITY))
		br_stp_set_bridge_priority(br, o->priority);
	if ((o->set & BIT(BR_OPT_VLAN_FILTERING)) &&
	    (ret = br_vlan_filter_toggle(br, o->vlan_filtering, err)) < 0)
		return ret;
	if (o->set & BIT(BR_OPT_GROUP_FWD_MASK)) {
		/* BR_GROUPFWD_RESTRICTED: STP, pause and LACP stay local */
		if (o->group_fwd_mask & 0x0007)
			return br_nl_error(err, -EINVAL);
		br->group_fwd_mask = o->group_fwd_mask;
	}
	if (o->set & BIT(BR_OPT_FDB_FLUSH))
		br_fdb_flush(br);
	if (o->set & BIT(BR_OPT_NO_LL_LEARN))
		br_opt_toggle(br, BROPT_NO_LL_LEARN, o->no_ll_learn);
	/* no snooping is modelled: the flag is only kept (and shown) */
	if (o->set & BIT(BR_OPT_MCAST_SNOOPING))
		br_opt_toggle(br, BROPT_MULTICAST_ENABLED, o->mcast_snooping);
	return 0;
}

/* br_set_port_state(): by hand only without kernel STP, on a running port */
static int br_set_port_state(struct net_bridge_port *p, u8 state)
{
	if (state > BR_STATE_BLOCKING)
		return -EINVAL;
	if (p->br->stp_enabled == BR_KERNEL_STP)
		return -EBUSY;
	if (!netif_running(p->dev) || (!netif_oper_up(p->dev) && state != BR_STATE_DISABLED))
		return -ENETDOWN;
	br_set_state(p, state);
	br_port_state_selection(p->br);
	return 0;
}

int br_setport(struct net_bridge_port *p, const struct br_port_opts *o, struct sim_err *err)
{
	unsigned long changed = o->flags_mask & (p->flags ^ o->flags);
	int ret;

	if (changed) {
		br_port_flags_change(p, changed & ~o->flags, false);
		br_port_flags_change(p, changed & o->flags, true);
	}
	if ((o->set & BIT(BRPORT_OPT_STATE)) && (ret = br_set_port_state(p, o->state)) < 0)
		return br_nl_error(err, ret);
	if (o->set & BIT(BRPORT_OPT_COST)) {
		if ((ret = br_stp_set_path_cost(p, o->cost)) < 0)
			return br_nl_error(err, ret);
		p->flags |= BR_ADMIN_COST;
	}
	if ((o->set & BIT(BRPORT_OPT_PRIORITY)) &&
	    (ret = br_stp_set_port_priority(p, o->priority)) < 0)
		return br_nl_error(err, ret);
	if (o->set & BIT(BRPORT_OPT_FDB_FLUSH))
		br_fdb_delete_by_port(p->br, p, 0, 0);
	return 0;
}
