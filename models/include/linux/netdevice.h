/*
 * models/include/linux/netdevice.h - network devices, queues, NAPI
 *
 * Mirrors include/linux/netdevice.h: struct net_device with its ops,
 * flags, addresses, statistics and queues; struct packet_type for the
 * protocol handlers netif_receive_skb() calls; struct napi_struct and the
 * per-CPU struct softnet_data of the receive path.
 *
 * Differences: devices belong to one namespace for life (no dev_change_net_namespace);
 * ptype lists are per namespace (the kernel's are global with per-device
 * lists); the per-CPU machinery runs on the node's simulated CPUs (see
 * models/core/softirq.c for the CPU model).
 */
#ifndef _SKBSIM_LINUX_NETDEVICE_H
#define _SKBSIM_LINUX_NETDEVICE_H

#include "linux/if_ether.h"
#include "linux/list.h"
#include "linux/skbuff.h"
#include "linux/types.h"
#include "sim/counters.h"
#include "sim/event.h"
#include "sim/timer.h"

struct net;
struct Qdisc;
struct ethtool_ops;
struct sim_pcap;
struct netlink_ext_ack;

#define IFNAMSIZ	16
#define MAX_ADDR_LEN	32
/*
 * skbsim: the room for a hardware address in struct net_device.  Every
 * device type here is Ethernet-addressed (addr_len 6); the kernel's three
 * arrays are MAX_ADDR_LEN long for InfiniBand's 20 bytes, 72 bytes more
 * in every device.  register_netdevice() checks addr_len fits.
 */
#define NETDEV_HW_ADDR_LEN	8

/* dev->flags (include/uapi/linux/if.h); RUNNING, LOWER_UP, DORMANT are
 * computed by dev_get_flags() from the operational state. */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_DEBUG	0x4
#define IFF_LOOPBACK	0x8
#define IFF_POINTOPOINT	0x10
#define IFF_NOTRAILERS	0x20
#define IFF_RUNNING	0x40
#define IFF_NOARP	0x80
#define IFF_PROMISC	0x100
#define IFF_ALLMULTI	0x200
#define IFF_MASTER	0x400
#define IFF_SLAVE	0x800
#define IFF_MULTICAST	0x1000
#define IFF_PORTSEL	0x2000
#define IFF_AUTOMEDIA	0x4000
#define IFF_DYNAMIC	0x8000
#define IFF_LOWER_UP	0x10000
#define IFF_DORMANT	0x20000
#define IFF_ECHO	0x40000

/* dev->priv_flags (subset) */
#define IFF_NO_QUEUE		(1U << 0)	/* default qdisc noqueue (lo, veth) */
#define IFF_LIVE_ADDR_CHANGE	(1U << 1)
#define IFF_BRIDGE_PORT		(1U << 2)
#define IFF_EBRIDGE		(1U << 3)

/* dev->type (include/uapi/linux/if_arp.h) */
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772
#define ARPHRD_VOID	0xFFFF

/* dev->state bits */
enum netdev_state_t {
	__LINK_STATE_START,
	__LINK_STATE_PRESENT,
	__LINK_STATE_NOCARRIER,
	__LINK_STATE_LINKWATCH_PENDING,
	__LINK_STATE_DORMANT,
};

/* RFC 2863 operational status (IF_OPER_*) */
enum {
	IF_OPER_UNKNOWN, IF_OPER_NOTPRESENT, IF_OPER_DOWN, IF_OPER_LOWERLAYERDOWN,
	IF_OPER_TESTING, IF_OPER_DORMANT, IF_OPER_UP,
};

/* dev->addr_assign_type */
#define NET_ADDR_PERM		0
#define NET_ADDR_RANDOM		1
#define NET_ADDR_STOLEN		2
#define NET_ADDR_SET		3

enum netdev_tx {
	NETDEV_TX_OK = 0x00,
	NETDEV_TX_BUSY = 0x10,
};
typedef enum netdev_tx netdev_tx_t;

#define NET_RX_SUCCESS	0
#define NET_RX_DROP	1
#define NET_XMIT_SUCCESS 0x00
#define NET_XMIT_DROP	0x01
#define NET_XMIT_CN	0x02

/*
 * include/uapi/linux/if_link.h: the counters of `ip -s link`, in its order.
 * K: a counter some model moves, kept in struct net_device_stats; Z: one
 * no model moves (no collisions, FIFOs or compression here), read as 0 and
 * not stored in every device (88 bytes each).  A model that starts
 * counting one moves it from Z to K.
 */
#define RTNL_LINK_STATS64(K, Z)						\
	K(rx_packets) K(tx_packets) K(rx_bytes) K(tx_bytes) K(rx_errors)	\
	K(tx_errors) K(rx_dropped) K(tx_dropped) K(multicast) Z(collisions) \
	K(rx_length_errors) Z(rx_over_errors) K(rx_crc_errors)		\
	Z(rx_frame_errors) Z(rx_fifo_errors) K(rx_missed_errors)	\
	Z(tx_aborted_errors) Z(tx_carrier_errors) Z(tx_fifo_errors)	\
	Z(tx_heartbeat_errors) Z(tx_window_errors) Z(rx_compressed)	\
	Z(tx_compressed) K(rx_nohandler) K(rx_otherhost_dropped)

#define RTNL_STAT_FIELD(name) u64 name;
#define RTNL_STAT_NONE(name)
struct rtnl_link_stats64 {
	RTNL_LINK_STATS64(RTNL_STAT_FIELD, RTNL_STAT_FIELD)
};

/*
 * The software counters a device keeps (the kernel's struct
 * net_device_stats, whose fields are unsigned long; ours stay u64 as
 * rtnl_link_stats64's): the K counters above.  dev_get_stats() copies them
 * into a struct rtnl_link_stats64, as netdev_stats_to_stats64() does.
 */
struct net_device_stats {
	RTNL_LINK_STATS64(RTNL_STAT_FIELD, RTNL_STAT_NONE)
};
#undef RTNL_STAT_NONE
#undef RTNL_STAT_FIELD
#define RTNL_LINK_STATS64_N (sizeof(struct rtnl_link_stats64) / sizeof(u64))
extern const char *const rtnl_link_stats64_names[];

struct net_device;

struct net_device_ops {
	int (*ndo_init)(struct net_device *dev);
	void (*ndo_uninit)(struct net_device *dev);
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	u16 (*ndo_select_queue)(struct net_device *dev, struct sk_buff *skb);
	void (*ndo_set_rx_mode)(struct net_device *dev);
	int (*ndo_set_mac_address)(struct net_device *dev, const u8 *addr);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	void (*ndo_get_stats64)(struct net_device *dev, struct rtnl_link_stats64 *stats);
	int (*ndo_change_carrier)(struct net_device *dev, bool new_carrier);
	/* the peer of a veth, or NULL (iflink) */
	struct net_device *(*ndo_get_peer_dev)(struct net_device *dev);
};

struct header_ops {
	int (*create)(struct sk_buff *skb, struct net_device *dev, unsigned short type,
		      const void *daddr, const void *saddr, unsigned int len);
	int (*parse)(const struct sk_buff *skb, unsigned char *haddr);
};

/* rtnl_link_ops: what `ip link add ... type KIND` knows. */
struct rtnl_link_ops {
	const char *kind;		/* "veth", "bridge", "dummy" */
};

/* ---- transmit queues ---------------------------------------------------- */

enum netdev_queue_state_t {
	__QUEUE_STATE_DRV_XOFF,		/* the driver stopped it (ring full) */
	__QUEUE_STATE_STACK_XOFF,
	__QUEUE_STATE_FROZEN,
};

struct netdev_queue {
	struct net_device *dev;
	struct Qdisc *qdisc;		/* the queue's (child) qdisc */
	struct Qdisc *qdisc_sleeping;
	unsigned long state;
	/* no trans_start: no dev_watchdog/ndo_tx_timeout reads it (simnic has its own) */
	unsigned int index;
	unsigned int xps_cpu;		/* XPS: the CPU this queue serves */
	u64 tx_restarts;		/* netif_tx_wake_queue after a stop */
};

/* ---- receive ------------------------------------------------------------ */

struct packet_type {
	__be16 type;			/* htons(ETH_P_IP), htons(ETH_P_ALL) */
	struct net_device *dev;		/* NULL: any device */
	int (*func)(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev);
	void *af_packet_priv;
	struct list_head list;		/* in the namespace's ptype lists */
};

enum rx_handler_result {
	RX_HANDLER_CONSUMED,
	RX_HANDLER_ANOTHER,
	RX_HANDLER_EXACT,
	RX_HANDLER_PASS,
};
typedef enum rx_handler_result rx_handler_result_t;
typedef rx_handler_result_t rx_handler_func_t(struct sk_buff **pskb);

/* napi->state bits */
enum {
	NAPI_STATE_SCHED,		/* on a poll list or being polled */
	NAPI_STATE_MISSED,
	NAPI_STATE_DISABLE,
	NAPI_STATE_LISTED,
};

#define NAPI_POLL_WEIGHT 64

struct napi_struct {
	struct list_head poll_list;	/* in softnet_data.poll_list */
	unsigned long state;
	int (*poll)(struct napi_struct *napi, int budget);
	struct net_device *dev;		/* NULL for a CPU's backlog (no net: see napi_net()) */
	struct list_head dev_list;	/* in dev->napi_list */
	unsigned int cpu;		/* where its IRQ (and so its softirq) runs */
	int work_this_round;		/* packets since it reached the list head */
	unsigned int napi_id;
	int weight;
	u64 polls;			/* statistics: poll calls, packets */
	u64 packets;
};

/*
 * struct softnet_data - one per simulated CPU: the poll list of NAPI
 * instances with work, the backlog of netif_rx(), and the counters of
 * /proc/net/softnet_stat.
 */
struct softnet_data {
	struct list_head poll_list;
	struct sk_buff_head input_pkt_queue;	/* netif_rx backlog */
	struct napi_struct backlog;		/* process_backlog */
	unsigned int processed;
	unsigned int time_squeeze;
	unsigned int received_rps;
	unsigned int dropped;
	unsigned int cpu_collision;
	unsigned int flow_limit_count;
	unsigned int cpu;
};

/* ---- the device ------------------------------------------------------------ */

struct net_device {
	char name[IFNAMSIZ];
	struct list_head dev_list;	/* in net->dev_base_head, ifindex order */
	int ifindex;
	int iflink;			/* peer's ifindex (veth), else own */
	unsigned int flags;		/* IFF_* the user sets */
	unsigned int priv_flags;
	unsigned short gflags;
	unsigned char operstate;	/* IF_OPER_* */
	unsigned char link_mode;
	bool registered;
	unsigned long state;		/* __LINK_STATE_* bits */

	unsigned int mtu, min_mtu, max_mtu;
	unsigned short type;		/* ARPHRD_* */
	unsigned short hard_header_len;
	unsigned short needed_headroom;
	unsigned char addr_len;
	unsigned char addr_assign_type;
	unsigned char perm_addr[NETDEV_HW_ADDR_LEN];
	unsigned char dev_addr[NETDEV_HW_ADDR_LEN];
	unsigned char broadcast[NETDEV_HW_ADDR_LEN];
	unsigned int promiscuity;
	unsigned int allmulti;
	unsigned int carrier_up_count;	/* carrier_changes = up + down */
	unsigned int carrier_down_count;
	unsigned int tx_queue_len;	/* txqueuelen: pfifo_fast's limit (here: no hole) */

	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;
	const struct header_ops *header_ops;
	const struct rtnl_link_ops *rtnl_link_ops;
	struct net *nd_net;

	struct net_device_stats stats;	/* software counters of the stack */
	struct sim_counter_set stats_set;	/* <name>.rx_packets... in metrics */

	/* transmit */
	unsigned int num_tx_queues, real_num_tx_queues;
	struct netdev_queue *_tx;
	struct Qdisc *qdisc;		/* root qdisc */
	/*
	 * receive: the counts only; no model keeps per-rx-queue state in the
	 * device (no RPS maps, no XDP), so the kernel's _rx array is not made.
	 */
	unsigned int num_rx_queues, real_num_rx_queues;
	rx_handler_func_t *rx_handler;
	void *rx_handler_data;
	struct list_head ptype_all;	/* taps bound to this device */
	struct list_head napi_list;

	/* upper layers */
	void *ip_ptr;			/* struct in_device (no IPv6: no ip6_ptr) */
	struct net_device *master;	/* bridge of a port, or NULL */

	struct sim_pcap *pcap;		/* capture of this device, or NULL */
	u64 speed_mbps;			/* what ethtool reports (0: unknown) */
	/* the driver's sizeof_priv bytes, allocated with the device as the kernel does */
	unsigned long priv[];
};

static inline void *netdev_priv(const struct net_device *dev)
{
	return (void *)dev->priv;
}

static inline struct net *dev_net(const struct net_device *dev)
{
	return dev->nd_net;
}

static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev,
						       unsigned int index)
{
	return &dev->_tx[index];
}

static inline bool netif_running(const struct net_device *dev)
{
	return dev->state & BIT(__LINK_STATE_START);
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !(dev->state & BIT(__LINK_STATE_NOCARRIER));
}

static inline bool netif_oper_up(const struct net_device *dev)
{
	return dev->operstate == IF_OPER_UP || dev->operstate == IF_OPER_UNKNOWN;
}

static inline bool netif_tx_queue_stopped(const struct netdev_queue *q)
{
	return q->state & BIT(__QUEUE_STATE_DRV_XOFF);
}

static inline void netif_tx_stop_queue(struct netdev_queue *q)
{
	q->state |= BIT(__QUEUE_STATE_DRV_XOFF);
}

void netif_tx_wake_queue(struct netdev_queue *q);

static inline void netif_stop_queue(struct net_device *dev)
{
	netif_tx_stop_queue(netdev_get_tx_queue(dev, 0));
}

static inline void netif_wake_queue(struct net_device *dev)
{
	netif_tx_wake_queue(netdev_get_tx_queue(dev, 0));
}

static inline bool netif_queue_stopped(const struct net_device *dev)
{
	return netif_tx_queue_stopped(netdev_get_tx_queue(dev, 0));
}

/* ---- models/core/dev.c: lifecycle and configuration ---------------------- */

/*
 * alloc_netdev_mqs - a device with @sizeof_priv bytes of driver state and
 * the given queue counts; @name may hold "%d" ("eth%d").  @setup fills in
 * the type's defaults (ether_setup, loopback_setup).
 */
struct net_device *alloc_netdev_mqs(struct net *net, int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *dev),
				    unsigned int txqs, unsigned int rxqs);
#define NET_NAME_ENUM	1
#define NET_NAME_USER	3
void free_netdev(struct net_device *dev);
/* Names it, gives it an ifindex, lists it in the namespace; 0 or -errno. */
int register_netdevice(struct net_device *dev, struct sim_err *err);
void unregister_netdevice(struct net_device *dev);

struct net_device *__dev_get_by_name(struct net *net, const char *name);
struct net_device *__dev_get_by_index(struct net *net, int ifindex);
int dev_change_name(struct net_device *dev, const char *newname, struct sim_err *err);
/* Sets dev_addr (and tells metrics.db); no checks, no notifiers. */
void dev_addr_set(struct net_device *dev, const u8 *addr);

/* dev_open/dev_close: `ip link set DEV up/down`. */
int dev_open(struct net_device *dev, struct sim_err *err);
void dev_close(struct net_device *dev);
/* dev_change_flags: IFF_UP, IFF_PROMISC, IFF_ALLMULTI, IFF_NOARP... */
int dev_change_flags(struct net_device *dev, unsigned int flags, struct sim_err *err);
unsigned int dev_get_flags(const struct net_device *dev);
int dev_set_mtu(struct net_device *dev, int new_mtu, struct sim_err *err);
int dev_set_mac_address(struct net_device *dev, const u8 *addr, struct sim_err *err);
int dev_set_promiscuity(struct net_device *dev, int inc);
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len,
			    struct sim_err *err);
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *stats);

/* Attaches the pcap of net:capture() to @dev / to every device of @w. */
void dev_capture_attach(struct net_device *dev);
void dev_capture_attach_all(struct world *w);

void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);

/* Protocol handlers of the namespace (ETH_P_IP -> ip_rcv...). */
void dev_add_pack(struct net *net, struct packet_type *pt);
void dev_remove_pack(struct net *net, struct packet_type *pt);

/* netdevice notifier chain, per namespace */
#define NETDEV_UP		0x0001
#define NETDEV_DOWN		0x0002
#define NETDEV_CHANGE		0x0004
#define NETDEV_REGISTER		0x0005
#define NETDEV_UNREGISTER	0x0006
#define NETDEV_CHANGEMTU	0x0007
#define NETDEV_CHANGEADDR	0x0008
#define NETDEV_GOING_DOWN	0x0009
#define NETDEV_CHANGENAME	0x000A
#define NETDEV_CHANGEUPPER	0x0015

struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long event, void *ptr);
	struct notifier_block *next;
	int priority;
};
#define NOTIFY_DONE	0x0000
#define NOTIFY_OK	0x0001
#define NOTIFY_BAD	0x8002
int register_netdevice_notifier_net(struct net *net, struct notifier_block *nb);
void unregister_netdevice_notifier_net(struct net *net, struct notifier_block *nb);
int call_netdevice_notifiers(unsigned long val, struct net_device *dev);

/* ---- transmit (models/core/dev_xmit.c) ---------------------------------- */

int dev_queue_xmit(struct sk_buff *skb);
/* Straight to the driver, bypassing the qdisc (pktgen's path). */
netdev_tx_t netdev_start_xmit(struct sk_buff *skb, struct net_device *dev,
			      struct netdev_queue *txq);
struct sk_buff *dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev,
				    struct netdev_queue *txq, int *ret);
/* Hands a copy of an outgoing frame to taps (captures, packet sockets). */
void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev);
u16 netdev_pick_tx(struct net_device *dev, struct sk_buff *skb);
void __netif_schedule(struct Qdisc *q);

/* ---- receive (models/core/dev_rx.c) -------------------------------------- */

int netif_receive_skb(struct sk_buff *skb);
int __netif_receive_skb(struct sk_buff *skb);
/* Queues to the current CPU's backlog (non-NAPI drivers, veth, lo). */
int netif_rx(struct sk_buff *skb);
int __netif_rx(struct sk_buff *skb);
void napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb);

int netdev_rx_handler_register(struct net_device *dev, rx_handler_func_t *rx_handler,
			       void *rx_handler_data);
void netdev_rx_handler_unregister(struct net_device *dev);

/* ---- NAPI (models/core/napi.c) ----------------------------------------- */

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight);
#define netif_napi_add(dev, napi, poll) \
	netif_napi_add_weight(dev, napi, poll, NAPI_POLL_WEIGHT)
void netif_napi_del(struct napi_struct *napi);
void napi_enable(struct napi_struct *n);
void napi_disable(struct napi_struct *n);
/* Puts @n on its CPU's poll list and raises NET_RX_SOFTIRQ. */
bool napi_schedule(struct napi_struct *n);
/* The driver finished (ring empty): off the list; false if rescheduled. */
bool napi_complete_done(struct napi_struct *n, int work_done);
struct sim_cpu;
int enqueue_to_backlog(struct sk_buff *skb, struct sim_cpu *cpu);

#endif
