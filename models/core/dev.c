/*
 * models/core/dev.c - network devices: lifecycle and configuration
 *
 * Mirrors the device half of net/core/dev.c: alloc_netdev_mqs(),
 * register_netdevice() (names from "eth%d", ifindex handed out cyclically
 * per namespace: lo is 1), dev_open()/dev_close(), dev_change_flags() and
 * dev_get_flags() (RUNNING and LOWER_UP come from the operational state),
 * MTU, address and txqueuelen changes with the kernel's errors, carrier
 * on/off, the protocol handler lists (dev_add_pack) and the netdevice
 * notifier chain.  Transmit is in dev_xmit.c, receive in dev_rx.c, NAPI
 * in napi.c.
 *
 * Differences: notifier chains and ptype lists are per namespace; carrier
 * changes update the operational state at once (the kernel's linkwatch
 * defers some by up to a second).
 */
#include "linux/netdevice.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "linux/etherdevice.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"
#include "sim/trace/metrics.h"
#include "sim/trace/pcap.h"

#define RTNL_STAT_NAME(name) #name,
const char *const rtnl_link_stats64_names[] = {
	RTNL_LINK_STATS64(RTNL_STAT_NAME, RTNL_STAT_NAME)
};
#undef RTNL_STAT_NAME

/* rtnl_link_stats64 counter i: its offset in struct net_device_stats, or -1 */
#define NETDEV_STAT_OFF(name) (short)offsetof(struct net_device_stats, name),
#define NETDEV_STAT_ZERO(name) -1,
static const short netdev_stat_off[] = {
	RTNL_LINK_STATS64(NETDEV_STAT_OFF, NETDEV_STAT_ZERO)
};
#undef NETDEV_STAT_ZERO
#undef NETDEV_STAT_OFF
G_STATIC_ASSERT(G_N_ELEMENTS(netdev_stat_off) == RTNL_LINK_STATS64_N);

#define DEFAULT_TX_QUEUE_LEN 1000

struct net_device *alloc_netdev_mqs(struct net *net, int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *dev),
				    unsigned int txqs, unsigned int rxqs)
{
	/*
	 * One block: the device, the driver's private part and the tx queue
	 * array, which live and die together (the kernel allocates the
	 * device with its private part; each block saved here is one malloc
	 * header less per device).
	 */
	gsize priv_len = ALIGN((gsize)sizeof_priv, sizeof(unsigned long));
	G_STATIC_ASSERT(_Alignof(struct netdev_queue) <= sizeof(unsigned long));
	struct net_device *dev = g_malloc0(sizeof(*dev) + priv_len +
					   txqs * sizeof(struct netdev_queue));

	(void)name_assign_type;
	SIM_BUG_ON(txqs < 1 || rxqs < 1 || strlen(name) >= IFNAMSIZ);
	g_strlcpy(dev->name, name, sizeof(dev->name));
	dev->nd_net = net;
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_LIST_HEAD(&dev->ptype_all);
	INIT_LIST_HEAD(&dev->napi_list);
	dev->num_tx_queues = dev->real_num_tx_queues = txqs;
	dev->num_rx_queues = dev->real_num_rx_queues = rxqs;
	dev->_tx = (struct netdev_queue *)((char *)dev->priv + priv_len);
	for (unsigned int i = 0; i < txqs; i++) {
		dev->_tx[i].dev = dev;
		dev->_tx[i].index = i;
		dev->_tx[i].xps_cpu = i % net->ncpus;
	}
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dev->state = BIT(__LINK_STATE_PRESENT);
	dev->operstate = IF_OPER_DOWN;
	dev->gflags = 0;
	setup(dev);
	dev_init_scheduler(dev);
	world_obj_get(net->w, SIM_OBJ_MODEL);
	return dev;
}

void free_netdev(struct net_device *dev)
{
	struct world *w = dev_net(dev)->w;

	g_free(dev);		/* with its private part and _tx */
	world_obj_put(w, SIM_OBJ_MODEL);
}

/* ---- names and indexes --------------------------------------------------- */

struct net_device *__dev_get_by_name(struct net *net, const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (strcmp(dev->name, name) == 0)
			return dev;
	return NULL;
}

struct net_device *__dev_get_by_index(struct net *net, int ifindex)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/* dev_valid_name(): what `ip link` accepts as an interface name */
static bool dev_valid_name(const char *name)
{
	if (*name == '\0' || strnlen(name, IFNAMSIZ) == IFNAMSIZ)
		return false;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ':' || g_ascii_isspace(*name))
			return false;
	return true;
}

/* __dev_alloc_name(): the lowest free number for a "%d" pattern */
static int dev_alloc_name(struct net *net, struct net_device *dev, const char *pattern,
			  struct sim_err *err)
{
	const char *pct = strchr(pattern, '%');
	char buf[IFNAMSIZ];

	if (!pct)
		return 0;
	if (pct[1] != 'd' || strchr(pct + 2, '%'))
		return sim_err_set(err, "Error: Invalid interface name.");
	for (int i = 0; i < 32768; i++) {
		int n = snprintf(buf, sizeof(buf), "%.*s%d%s", (int)(pct - pattern), pattern, i,
				 pct + 2);

		if (n >= (int)sizeof(buf))
			break;
		if (!__dev_get_by_name(net, buf)) {
			g_strlcpy(dev->name, buf, sizeof(dev->name));
			return 0;
		}
	}
	return sim_err_set(err, "RTNETLINK answers: No space left on device");
}

/* dev_index_reserve(): cyclic from the last one handed out, as xa_alloc_cyclic */
static int dev_index_reserve(struct net *net)
{
	int idx = net->ifindex;

	do {
		idx = idx >= G_MAXINT ? 1 : idx + 1;
	} while (__dev_get_by_index(net, idx));
	net->ifindex = idx;
	return idx;
}

/* metrics' <dev>.<counter>: every rtnl_link_stats64 name, 0 for those not kept */
static uint64_t dev_stats_read(const struct sim_counter_set *cs, unsigned int i)
{
	const struct net_device *dev = container_of(cs, struct net_device, stats_set);

	if (i >= RTNL_LINK_STATS64_N || netdev_stat_off[i] < 0)
		return 0;
	return *(const u64 *)((const char *)&dev->stats + netdev_stat_off[i]);
}

/* the scope follows renames */
static const char *dev_stats_scope(const struct sim_counter_set *cs, char *buf)
{
	(void)buf;
	return container_of(cs, struct net_device, stats_set)->name;
}

static const struct sim_counter_kind dev_stats_kind = {
	.scope_of = dev_stats_scope, .names = rtnl_link_stats64_names,
	.n = RTNL_LINK_STATS64_N, .read = dev_stats_read,
};

static void dev_stats_register(struct net_device *dev)
{
	sim_counters_register(dev_net(dev)->node, &dev->stats_set, &dev_stats_kind);
}

static const char *dev_kind(const struct net_device *dev)
{
	if (dev->rtnl_link_ops)
		return dev->rtnl_link_ops->kind;
	return dev->flags & IFF_LOOPBACK ? "loopback" : "ether";
}

/* The interfaces table of metrics.db follows every change. */
static void dev_note_metrics(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	char mac[3 * MAX_ADDR_LEN];

	if (!net->w->metrics)
		return;
	format_mac(mac, sizeof(mac), dev->dev_addr, dev->addr_len);
	sim_metrics_interface(net->w->metrics, net->node, dev->ifindex, dev->name,
			      dev_kind(dev), mac, dev->mtu);
}

void dev_addr_set(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr, addr, dev->addr_len);
	if (dev->registered)
		dev_note_metrics(dev);
}

/* The device's capture file, when net:capture() covers it (tcpdump -i DEV). */
void dev_capture_attach(struct net_device *dev)
{
	struct net *net = dev_net(dev);

	if (!dev->pcap && net->w->capture)
		dev->pcap = sim_capture_iface(net->w, net->node, dev->name, SIM_DLT_EN10MB);
}

/* world->capture_hook: every registered device of every node */
void dev_capture_attach_all(struct world *w)
{
	for (guint i = 0; i < w->nodes->len; i++) {
		struct node *node = g_ptr_array_index(w->nodes, i);
		struct net *net = node->net;
		struct net_device *dev;

		if (!net)
			continue;
		list_for_each_entry(dev, &net->dev_base_head, dev_list)
			dev_capture_attach(dev);
	}
}

int register_netdevice(struct net_device *dev, struct sim_err *err)
{
	struct net *net = dev_net(dev);
	int ret;

	if (strchr(dev->name, '%') && dev_alloc_name(net, dev, dev->name, err) < 0)
		return -EINVAL;
	/* rtnl_newlink: no extack message for a name dev_valid_name() refuses */
	if (!dev_valid_name(dev->name))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	if (__dev_get_by_name(net, dev->name))
		return sim_err_set(err, "RTNETLINK answers: File exists"), -EEXIST;
	SIM_BUG_ON(dev->addr_len > NETDEV_HW_ADDR_LEN);
	if (dev->netdev_ops->ndo_init && (ret = dev->netdev_ops->ndo_init(dev)) < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	dev->ifindex = dev_index_reserve(net);
	if (!dev->iflink)
		dev->iflink = dev->ifindex;
	list_add_tail(&dev->dev_list, &net->dev_base_head);
	dev->registered = true;
	dev_stats_register(dev);
	dev_note_metrics(dev);
	dev_capture_attach(dev);
	call_netdevice_notifiers(NETDEV_REGISTER, dev);
	return 0;
}

void unregister_netdevice(struct net_device *dev)
{
	if (!dev->registered)
		return;
	dev_close(dev);
	call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
	dev_shutdown(dev);
	if (dev->rx_handler)
		netdev_rx_handler_unregister(dev);
	if (dev->netdev_ops->ndo_uninit)
		dev->netdev_ops->ndo_uninit(dev);
	sim_counters_unregister(dev_net(dev)->node, &dev->stats_set);
	list_del_init(&dev->dev_list);
	dev->registered = false;
}

int dev_change_name(struct net_device *dev, const char *newname, struct sim_err *err)
{
	if (!dev_valid_name(newname))
		return sim_err_set(err, "Error: Attribute failed policy validation."), -EINVAL;
	if (netif_running(dev))
		return sim_err_set(err, "RTNETLINK answers: Device or resource busy"), -EBUSY;
	if (strcmp(dev->name, newname) == 0)
		return 0;
	if (__dev_get_by_name(dev_net(dev), newname))
		return sim_err_set(err, "RTNETLINK answers: File exists"), -EEXIST;
	g_strlcpy(dev->name, newname, sizeof(dev->name));
	dev_note_metrics(dev);
	call_netdevice_notifiers(NETDEV_CHANGENAME, dev);
	return 0;
}

/* ---- operational state (RFC 2863, as linkwatch computes it) ------------- */

static void dev_update_operstate(struct net_device *dev)
{
	unsigned char old = dev->operstate;

	if (!netif_running(dev))
		dev->operstate = IF_OPER_DOWN;
	else if (dev->flags & IFF_LOOPBACK)
		dev->operstate = IF_OPER_UNKNOWN;
	else if (!netif_carrier_ok(dev))
		dev->operstate = dev->iflink != dev->ifindex ? IF_OPER_LOWERLAYERDOWN
							     : IF_OPER_DOWN;
	else
		dev->operstate = IF_OPER_UP;
	if (old != dev->operstate && netif_running(dev))
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
}

void netif_carrier_on(struct net_device *dev)
{
	if (!(dev->state & BIT(__LINK_STATE_NOCARRIER)))
		return;
	dev->state &= ~BIT(__LINK_STATE_NOCARRIER);
	if (!dev->registered)
		return;
	dev->carrier_up_count++;
	if (netif_running(dev))
		dev_activate(dev);
	dev_update_operstate(dev);
}

void netif_carrier_off(struct net_device *dev)
{
	if (dev->state & BIT(__LINK_STATE_NOCARRIER))
		return;
	dev->state |= BIT(__LINK_STATE_NOCARRIER);
	if (!dev->registered)
		return;
	dev->carrier_down_count++;
	if (netif_running(dev))
		dev_deactivate(dev);
	dev_update_operstate(dev);
}

/* ---- up, down, flags -------------------------------------------------------- */

int dev_open(struct net_device *dev, struct sim_err *err)
{
	int ret;

	if (dev->flags & IFF_UP)
		return 0;
	if (dev->netdev_ops->ndo_open && (ret = dev->netdev_ops->ndo_open(dev)) < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	dev->state |= BIT(__LINK_STATE_START);
	dev->flags |= IFF_UP;
	dev_activate(dev);
	dev_update_operstate(dev);
	call_netdevice_notifiers(NETDEV_UP, dev);
	return 0;
}

void dev_close(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP))
		return;
	call_netdevice_notifiers(NETDEV_GOING_DOWN, dev);
	dev->state &= ~BIT(__LINK_STATE_START);
	dev_deactivate(dev);		/* before ndo_stop: a woken queue finds noop */
	if (dev->netdev_ops->ndo_stop)
		dev->netdev_ops->ndo_stop(dev);
	dev->flags &= ~IFF_UP;
	dev_update_operstate(dev);
	call_netdevice_notifiers(NETDEV_DOWN, dev);
}

unsigned int dev_get_flags(const struct net_device *dev)
{
	unsigned int flags = (dev->flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING |
					     IFF_LOWER_UP | IFF_DORMANT)) |
			     (dev->gflags & (IFF_PROMISC | IFF_ALLMULTI));

	if (netif_running(dev)) {
		if (netif_oper_up(dev))
			flags |= IFF_RUNNING;
		if (netif_carrier_ok(dev))
			flags |= IFF_LOWER_UP;
		if (dev->operstate == IF_OPER_DORMANT)
			flags |= IFF_DORMANT;
	}
	return flags;
}

int dev_set_promiscuity(struct net_device *dev, int inc)
{
	unsigned int old = dev->flags;

	if (inc < 0 && dev->promiscuity < (unsigned int)-inc)
		return -EOVERFLOW;
	dev->promiscuity += (unsigned int)inc;
	if (dev->promiscuity)
		dev->flags |= IFF_PROMISC;
	else
		dev->flags &= ~IFF_PROMISC;
	if (dev->flags != old && dev->netdev_ops->ndo_set_rx_mode)
		dev->netdev_ops->ndo_set_rx_mode(dev);
	return 0;
}

int dev_change_flags(struct net_device *dev, unsigned int flags, struct sim_err *err)
{
	unsigned int old = dev->flags;
	int ret = 0;

	/* IFF_PROMISC and IFF_ALLMULTI from user space count once (gflags) */
	if ((flags ^ dev->gflags) & IFF_PROMISC) {
		int inc = (flags & IFF_PROMISC) ? 1 : -1;

		dev->gflags ^= IFF_PROMISC;
		dev_set_promiscuity(dev, inc);
	}
	if ((flags ^ dev->gflags) & IFF_ALLMULTI) {
		dev->gflags ^= IFF_ALLMULTI;
		dev->allmulti += (flags & IFF_ALLMULTI) ? 1 : (unsigned int)-1;
		dev->flags = dev->allmulti ? dev->flags | IFF_ALLMULTI : dev->flags & ~IFF_ALLMULTI;
	}
	dev->flags = (dev->flags & (IFF_UP | IFF_PROMISC | IFF_ALLMULTI | IFF_LOOPBACK)) |
		     (flags & (IFF_NOARP | IFF_MULTICAST | IFF_DEBUG | IFF_BROADCAST |
			       IFF_POINTOPOINT | IFF_DYNAMIC | IFF_AUTOMEDIA | IFF_PORTSEL |
			       IFF_NOTRAILERS)) |
		     (old & (IFF_MASTER | IFF_SLAVE));
	if ((old ^ flags) & IFF_UP) {
		if (flags & IFF_UP)
			ret = dev_open(dev, err);
		else
			dev_close(dev);
	}
	if (ret == 0 && ((old ^ dev->flags) & ~(IFF_UP)))
		call_netdevice_notifiers(NETDEV_CHANGE, dev);
	return ret;
}

int dev_set_mtu(struct net_device *dev, int new_mtu, struct sim_err *err)
{
	int ret;

	if (new_mtu < 0 || (unsigned int)new_mtu < dev->min_mtu)
		return sim_err_set(err, "Error: mtu less than device minimum."), -EINVAL;
	if (dev->max_mtu > 0 && (unsigned int)new_mtu > dev->max_mtu)
		return sim_err_set(err, "Error: mtu greater than device maximum."), -EINVAL;
	if ((unsigned int)new_mtu == dev->mtu)
		return 0;
	if (dev->netdev_ops->ndo_change_mtu) {
		ret = dev->netdev_ops->ndo_change_mtu(dev, new_mtu);
		if (ret < 0)
			return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	} else {
		dev->mtu = (unsigned int)new_mtu;
	}
	dev_note_metrics(dev);
	call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
	return 0;
}

int dev_set_mac_address(struct net_device *dev, const u8 *addr, struct sim_err *err)
{
	int ret = 0;

	if (dev->addr_len != ETH_ALEN || !is_valid_ether_addr(addr))
		return sim_err_set(err, "RTNETLINK answers: Cannot assign requested address"),
		       -EADDRNOTAVAIL;
	if (netif_running(dev) && !(dev->priv_flags & IFF_LIVE_ADDR_CHANGE))
		return sim_err_set(err, "RTNETLINK answers: Device or resource busy"), -EBUSY;
	if (dev->netdev_ops->ndo_set_mac_address)
		ret = dev->netdev_ops->ndo_set_mac_address(dev, addr);
	if (ret < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret)), ret;
	dev_addr_set(dev, addr);
	dev->addr_assign_type = NET_ADDR_SET;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return 0;
}

int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len, struct sim_err *err)
{
	if (new_len != (unsigned int)new_len)
		return sim_err_set(err, "Error: argument of \"txqueuelen\" is invalid."), -ERANGE;
	dev->tx_queue_len = (unsigned int)new_len;
	return 0;
}

/* netdev_stats_to_stats64(): the kept counters, the others 0 */
static void netdev_stats_to_stats64(struct rtnl_link_stats64 *stats64,
				    const struct net_device_stats *netdev_stats)
{
#define NETDEV_STAT_COPY(name) stats64->name = netdev_stats->name;
#define NETDEV_STAT_NONE(name)
	memset(stats64, 0, sizeof(*stats64));
	RTNL_LINK_STATS64(NETDEV_STAT_COPY, NETDEV_STAT_NONE)
#undef NETDEV_STAT_NONE
#undef NETDEV_STAT_COPY
}

void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	netdev_stats_to_stats64(stats, &dev->stats);
	if (dev->netdev_ops->ndo_get_stats64)
		dev->netdev_ops->ndo_get_stats64(dev, stats);
}

/* ---- protocol handlers ------------------------------------------------- */

static struct list_head *ptype_head(struct net *net, const struct packet_type *pt)
{
	if (pt->type == htons(ETH_P_ALL))
		return pt->dev ? &pt->dev->ptype_all : &net->ptype_all;
	return &net->ptype_base[ntohs(pt->type) & (PTYPE_HASH_SIZE - 1)];
}

void dev_add_pack(struct net *net, struct packet_type *pt)
{
	list_add(&pt->list, ptype_head(net, pt));
}

void dev_remove_pack(struct net *net, struct packet_type *pt)
{
	(void)net;
	list_del_init(&pt->list);
}

int netdev_rx_handler_register(struct net_device *dev, rx_handler_func_t *rx_handler,
			       void *rx_handler_data)
{
	if (dev->rx_handler)
		return -EBUSY;
	dev->rx_handler = rx_handler;
	dev->rx_handler_data = rx_handler_data;
	return 0;
}

void netdev_rx_handler_unregister(struct net_device *dev)
{
	dev->rx_handler = NULL;
	dev->rx_handler_data = NULL;
}

/* ---- notifiers ---------------------------------------------------------- */

int register_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	struct notifier_block **p = &net->netdev_chain;

	while (*p && (*p)->priority >= nb->priority)
		p = &(*p)->next;
	nb->next = *p;
	*p = nb;
	return 0;
}

void unregister_netdevice_notifier_net(struct net *net, struct notifier_block *nb)
{
	for (struct notifier_block **p = &net->netdev_chain; *p; p = &(*p)->next) {
		if (*p == nb) {
			*p = nb->next;
			return;
		}
	}
}

int call_netdevice_notifiers(unsigned long val, struct net_device *dev)
{
	for (struct notifier_block *nb = dev_net(dev)->netdev_chain; nb; nb = nb->next) {
		int ret = nb->notifier_call(nb, val, dev);

		if (ret & 0x8000)	/* NOTIFY_STOP_MASK */
			return ret;
	}
	return NOTIFY_DONE;
}
