/*
 * models/bridge/br_if.c - bridges and their ports
 *
 * Mirrors net/bridge/br_if.c: br_add_bridge()/br_del_bridge() (`ip link
 * add/del ... type bridge`, brctl addbr/delbr), br_add_if() with the
 * kernel's checks (no loopback or non-Ethernet device, no bridge in a
 * bridge, no device that already has a master, at most BR_MAX_PORTS),
 * new_nbp() (lowest free port number from 1, path cost from the link
 * speed, priority 32, learning and flooding on), the port's rx_handler,
 * promiscuous and allmulti mode, its local FDB entry, and the bridge
 * taking the lowest port address and the smallest port mtu.  br_del_if()
 * undoes it all.
 *
 * Differences: no sysfs (brif/), no netpoll, no switchdev; the upper-dev
 * link is dev->master.
 */
#include <errno.h>

#include "br_private.h"
#include "linux/ethtool.h"
#include "net/net_namespace.h"
#include "sim/counters.h"

/* port_cost(): 802.1D-1998 costs by link speed (ethtool), else 10 Mb/s */
int port_cost(struct net_device *dev)
{
	struct ethtool_link_ksettings ks;

	memset(&ks, 0, sizeof(ks));
	if (dev->ethtool_ops && dev->ethtool_ops->get_link_ksettings &&
	    dev->ethtool_ops->get_link_ksettings(dev, &ks) == 0) {
		switch (ks.speed) {
		case 10000: return 2;
		case 5000: return 3;
		case 2500: return 4;
		case 1000: return 4;
		case 100: return 19;
		case 10: return 100;
		case SPEED_UNKNOWN: return 100;
		default:
			if (ks.speed > 10000)
				return 1;
		}
	}
	return 100;
}

struct net_bridge_port *br_get_port(struct net_bridge *br, u16 port_no)
{
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list)
		if (p->port_no == port_no)
			return p;
	return NULL;
}

/* find_portno(): the lowest number from 1 not in use, or -EXFULL */
static int find_portno(struct net_bridge *br)
{
	for (int index = 1; index < BR_MAX_PORTS; index++)
		if (!br_get_port(br, (u16)index))
			return index;
	return -EXFULL;
}

/* dev_set_allmulti(): a reference on the device's ALLMULTI */
static void br_dev_set_allmulti(struct net_device *dev, int inc)
{
	dev->allmulti += (unsigned int)inc;
	if (dev->allmulti)
		dev->flags |= IFF_ALLMULTI;
	else
		dev->flags &= ~IFF_ALLMULTI;
}

#define BR_PORT_STAT_NAME(name) #name,
static const char *const br_port_stats_names[] = { BR_PORT_STATS(BR_PORT_STAT_NAME) };
#undef BR_PORT_STAT_NAME
G_STATIC_ASSERT(sizeof(struct br_port_stats) == sizeof(br_port_stats_names) / sizeof(char *) * sizeof(u64));

static uint64_t br_port_stats_read(const struct sim_counter_set *cs, unsigned int i)
{
	/* struct br_port_stats is all u64, in list order */
	const u64 *v = (const u64 *)&container_of(cs, struct net_bridge_port, stats_set)->stats;

	return i < G_N_ELEMENTS(br_port_stats_names) ? v[i] : 0;
}

static const char *br_port_stats_scope(const struct sim_counter_set *cs, char *buf)
{
	(void)buf;
	return container_of(cs, struct net_bridge_port, stats_set)->stats_scope;
}

static const struct sim_counter_kind br_port_stats_kind = {
	.scope_of = br_port_stats_scope, .names = br_port_stats_names,
	.n = G_N_ELEMENTS(br_port_stats_names), .read = br_port_stats_read,
};

/* the port's counters in metrics.db: brport.eth0.flooded ... */
static void br_port_stats_register(struct net_bridge_port *p)
{
	snprintf(p->stats_scope, sizeof(p->stats_scope), "brport.%s", p->dev->name);
	sim_counters_register(dev_net(p->dev)->node, &p->stats_set, &br_port_stats_kind);
}

static struct net_bridge_port *new_nbp(struct net_bridge *br, struct net_device *dev)
{
	int index = find_portno(br);
	struct net_bridge_port *p;

	if (index < 0)
		return NULL;
	p = g_new0(struct net_bridge_port, 1);
	p->br = br;
	p->dev = dev;
	INIT_LIST_HEAD(&p->list);
	p->path_cost = (u32)port_cost(dev);
	p->priority = 0x8000 >> BR_PORT_BITS;
	p->port_no = (u16)index;
	p->flags = BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;
	br_init_port(p);
	br_set_state(p, BR_STATE_DISABLED);
	br_stp_port_timer_init(p);
	br_port_stats_register(p);
	world_obj_get(dev_net(dev)->w, SIM_OBJ_MODEL);
	return p;
}

/* br_mtu_min(): the smallest port mtu, 1500 for a bridge without ports */
static unsigned int br_mtu_min(const struct net_bridge *br)
{
	const struct net_bridge_port *p;
	unsigned int ret_mtu = 0;

	list_for_each_entry(p, &br->port_list, list)
		if (!ret_mtu || ret_mtu > p->dev->mtu)
			ret_mtu = p->dev->mtu;
	return ret_mtu ? ret_mtu : ETH_DATA_LEN;
}

void br_mtu_auto_adjust(struct net_bridge *br)
{
	struct sim_err ignore;

	if (br_opt_get(br, BROPT_MTU_SET_BY_USER))
		return;
	dev_set_mtu(br->dev, (int)br_mtu_min(br), &ignore);
	br_opt_toggle(br, BROPT_MTU_SET_BY_USER, false);
}

/*
 * br_add_if puts a new port at the head of the list (list_add_rcu), so
 * the list is newest first and so is br_flood's order: with two answers
 * to one flooded request, the port enslaved last gets its copy first.
 */
static void br_port_list_insert(struct net_bridge *br, struct net_bridge_port *p)
{
	list_add(&p->list, &br->port_list);
}

/*
 * The bridge's address follows its lowest port unless the user set it;
 * when the last port leaves, Linux's br_stp_recalculate_bridge_id() takes
 * the zero address (br0 shows 00:00:00:00:00:00, bridge_id 8000.0:0:...).
 */
void br_recalculate_addr(struct net_bridge *br)
{
	static const u8 zero[ETH_ALEN];
	u8 old[ETH_ALEN];

	memcpy(old, br->dev->dev_addr, ETH_ALEN);
	if (list_empty(&br->port_list) && br->dev->addr_assign_type != NET_ADDR_SET &&
	    !is_zero_ether_addr(br->bridge_id.addr))
		br_stp_change_bridge_id(br, zero);
	else
		br_stp_recalculate_bridge_id(br);
	if (!ether_addr_equal(old, br->dev->dev_addr)) {
		br_fdb_change_mac_address(br, br->dev->dev_addr);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, br->dev);
	}
}

int br_add_if(struct net_bridge *br, struct net_device *dev, struct sim_err *err)
{
	struct net_bridge_port *p;

	/* not loopback, not anything but Ethernet with a valid address */
	if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN || !is_valid_ether_addr(dev->dev_addr))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	if (netif_is_bridge_dev(dev))
		return sim_err_set(err, "Error: Can not enslave a bridge to a bridge."), -ELOOP;
	if (dev->master)
		return sim_err_set(err, "RTNETLINK answers: Device or resource busy"), -EBUSY;
	p = new_nbp(br, dev);
	if (!p)
		return sim_err_set(err, "RTNETLINK answers: Exchange full"), -EXFULL;

	dev_set_promiscuity(dev, 1);
	br_dev_set_allmulti(dev, 1);
	netdev_rx_handler_register(dev, br_handle_frame, p);
	dev->priv_flags |= IFF_BRIDGE_PORT;
	dev->master = br->dev;
	br_port_list_insert(br, p);

	if (br_fdb_add_local(br, p, dev->dev_addr, 0) < 0)
		g_warning("%s: failed insert local address bridge forwarding table", dev->name);
	br_vlan_port_init(p);
	br_recalculate_addr(br);
	if (netif_running(dev) && netif_oper_up(dev) && (br->dev->flags & IFF_UP))
		br_stp_enable_port(p);
	br_mtu_auto_adjust(br);
	call_netdevice_notifiers(NETDEV_CHANGEUPPER, dev);
	return 0;
}

/* del_nbp(): the port leaves; its FDB entries, timers and flags with it */
static void del_nbp(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;
	struct net_device *dev = p->dev;

	dev_set_promiscuity(dev, -1);
	br_dev_set_allmulti(dev, -1);
	if (p->state != BR_STATE_DISABLED)
		br_stp_disable_port(p);
	del_timer(&p->message_age_timer);
	del_timer(&p->forward_delay_timer);
	del_timer(&p->hold_timer);
	list_del(&p->list);
	br_fdb_delete_by_port(br, p, 0, 1);
	sim_counters_unregister(dev_net(dev)->node, &p->stats_set);
	netdev_rx_handler_unregister(dev);
	dev->priv_flags &= ~IFF_BRIDGE_PORT;
	dev->master = NULL;
	world_obj_put(dev_net(dev)->w, SIM_OBJ_MODEL);
	g_free(p);
	call_netdevice_notifiers(NETDEV_CHANGEUPPER, dev);
}

int br_del_if(struct net_bridge *br, struct net_device *dev, struct sim_err *err)
{
	struct net_bridge_port *p = br_port_get_rtnl(dev);

	if (!p || p->br != br)
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	del_nbp(p);
	br_mtu_auto_adjust(br);
	br_recalculate_addr(br);
	return 0;
}

int br_set_master(struct net_device *dev, struct net_device *master, struct sim_err *err)
{
	struct net_device *upper = dev->master;
	int ret;

	if (upper) {
		if (upper == master)
			return 0;
		if ((ret = br_del_if(netdev_priv(upper), dev, err)) < 0)
			return ret;
	}
	if (!master)
		return 0;
	if (!netif_is_bridge_dev(master))
		return sim_err_set(err, "RTNETLINK answers: Operation not supported"), -EOPNOTSUPP;
	return br_add_if(netdev_priv(master), dev, err);
}

void br_port_flags_change(struct net_bridge_port *p, unsigned long mask, bool on)
{
	if (on)
		p->flags |= mask;
	else
		p->flags &= ~mask;
}

/* br_port_carrier_check(): a port's link came or went */
void br_port_carrier_check(struct net_bridge_port *p, bool *notified)
{
	struct net_device *dev = p->dev;
	struct net_bridge *br = p->br;

	if (!(p->flags & BR_ADMIN_COST) && netif_running(dev) && netif_oper_up(dev))
		p->path_cost = (u32)port_cost(dev);
	*notified = false;
	if (!netif_running(br->dev))
		return;
	if (netif_running(dev) && netif_oper_up(dev)) {
		if (p->state == BR_STATE_DISABLED) {
			br_stp_enable_port(p);
			*notified = true;
		}
	} else if (p->state != BR_STATE_DISABLED) {
		br_stp_disable_port(p);
		*notified = true;
	}
}

struct net_device *br_add_bridge(struct net *net, const char *name, struct sim_err *err)
{
	struct net_device *dev = alloc_netdev_mqs(net, sizeof(struct net_bridge),
						  name ? name : "bridge%d", NET_NAME_USER,
						  br_dev_setup, 1, 1);

	/* a failed registration never reached br_dev_init() (or undid it) */
	if (register_netdevice(dev, err) < 0) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

/* br_dev_delete(): every port leaves, then the device goes */
static void br_dev_delete(struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);
	struct net_bridge_port *p, *n;

	list_for_each_entry_safe(p, n, &br->port_list, list)
		del_nbp(p);
	del_timer(&br->hello_timer);
	del_timer(&br->tcn_timer);
	del_timer(&br->topology_change_timer);
	unregister_netdevice(dev);
	free_netdev(dev);
}

int br_del_bridge(struct net *net, const char *name, struct sim_err *err)
{
	struct net_device *dev = __dev_get_by_name(net, name);

	if (!dev)
		return sim_err_set(err, "bridge %s doesn't exist; can't delete it", name), -ENXIO;
	if (!netif_is_bridge_dev(dev))
		return sim_err_set(err, "device %s is not a bridge; can't delete it", name), -EPERM;
	if (dev->flags & IFF_UP)
		return sim_err_set(err, "bridge %s is still up; can't delete it", name), -EBUSY;
	br_dev_delete(dev);
	return 0;
}

/* rtnl_dellink of a bridge (`ip link del br0`): up or not, it goes */
void br_dellink(struct net_device *dev)
{
	br_dev_delete(dev);
}
