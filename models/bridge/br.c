/*
 * models/bridge/br.c - the bridge module: netdevice events, node kind
 *
 * Mirrors net/bridge/br.c: br_device_event() is the netdevice notifier
 * that keeps bridges in step with their ports (a port going up or down or
 * losing its carrier enables or disables it for STP, an address change
 * moves its local FDB entry and may change the bridge id, an mtu change
 * the bridge's mtu, an unregistered port leaves its bridge).
 *
 * No kernel counterpart: the node kind "bridge" (net:bridge("sw1")), a
 * switch: br0 made and up at creation, and every interface net:link gives
 * the node enslaved to br0 and brought up.
 */
#include <errno.h>

#include "br_private.h"
#include "net/net_namespace.h"

static int br_device_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct net_bridge_port *p;
	struct net_bridge *br;
	struct sim_err ignore;
	bool notified;

	(void)nb;
	if (netif_is_bridge_dev(dev))
		return NOTIFY_DONE;
	p = br_port_get_rtnl(dev);
	if (!p)
		return NOTIFY_DONE;
	br = p->br;
	switch (event) {
	case NETDEV_CHANGEMTU:
		br_mtu_auto_adjust(br);
		break;
	case NETDEV_CHANGEADDR:
		br_fdb_changeaddr(p, dev->dev_addr);
		br_recalculate_addr(br);
		break;
	case NETDEV_CHANGE:
		br_port_carrier_check(p, &notified);
		break;
	case NETDEV_DOWN:
		if ((br->dev->flags & IFF_UP) && p->state != BR_STATE_DISABLED)
			br_stp_disable_port(p);
		break;
	case NETDEV_UP:
		/* the carrier (NETDEV_CHANGE) may have enabled it already */
		if (netif_running(br->dev) && netif_oper_up(dev) && p->state == BR_STATE_DISABLED)
			br_stp_enable_port(p);
		break;
	case NETDEV_UNREGISTER:
		br_del_if(br, dev, &ignore);
		break;
	}
	return NOTIFY_DONE;
}

static int br_node_init(struct node *node, struct sim_err *err)
{
	struct notifier_block *nb = g_new0(struct notifier_block, 1);

	(void)err;
	nb->notifier_call = br_device_event;
	register_netdevice_notifier_net(node_net(node), nb);
	return 0;
}

/* Bridges go first (their ports leave them), then the notifier. */
static void br_node_exit(struct node *node)
{
	struct net *net = node_net(node);
	GPtrArray *bridges;
	struct net_device *dev;
	struct notifier_block *nb;

	if (!net)
		return;
	bridges = g_ptr_array_new();
	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (netif_is_bridge_dev(dev))
			g_ptr_array_add(bridges, dev);
	for (guint i = 0; i < bridges->len; i++)
		br_dellink(bridges->pdata[i]);
	g_ptr_array_unref(bridges);
	for (nb = net->netdev_chain; nb; nb = nb->next) {
		if (nb->notifier_call == br_device_event) {
			unregister_netdevice_notifier_net(net, nb);
			g_free(nb);
			break;
		}
	}
}

/* net:bridge("sw"): br0, up, waiting for its ports */
static int bridge_node_setup(struct node *node, struct sim_err *err)
{
	struct net_device *br = br_add_bridge(node_net(node), "br0", err);

	if (!br)
		return -1;
	return dev_open(br, err) < 0 ? -1 : 0;
}

/* a new interface of a switch: a port of br0, up */
static int bridge_node_link_added(struct node *node, const char *ifname, struct sim_err *err)
{
	struct net *net = node_net(node);
	struct net_device *br = __dev_get_by_name(net, "br0");
	struct net_device *dev = __dev_get_by_name(net, ifname);

	if (!br || !netif_is_bridge_dev(br))
		return sim_err_set(err, "%s: no bridge br0 to add %s to", node->name, ifname);
	if (!dev)
		return sim_err_set(err, "%s: no interface %s", node->name, ifname);
	if (br_add_if(netdev_priv(br), dev, err) < 0)
		return -1;
	return dev_open(dev, err) < 0 ? -1 : 0;
}

static const struct sim_node_kind bridge_kinds[] = {
	{ .name = "bridge", .help = "a switch: br0 with every linked interface as a port",
	  .setup = bridge_node_setup, .link_added = bridge_node_link_added },
	{ NULL },
};

const struct sim_module bridge_module = {
	.name = "bridge",
	.node_init = br_node_init,
	.node_exit = br_node_exit,
	.kinds = bridge_kinds,
};
