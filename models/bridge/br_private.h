/*
 * models/bridge/br_private.h - the bridge's private types and functions
 *
 * Mirrors net/bridge/br_private.h and br_private_stp.h: struct net_bridge
 * (the bridge device's private data), struct net_bridge_port (what a port
 * device's rx_handler_data points at), FDB entries, per-port and per-bridge
 * VLAN groups, and the 802.1D state the STP code keeps.  One header for the
 * files of models/bridge/, each named after its kernel file:
 *   br.c            module, node kind "bridge", netdevice notifier
 *   br_device.c     the bridge net_device (br_dev_xmit, br_dev_setup)
 *   br_if.c         br_add_bridge/br_del_bridge, br_add_if/br_del_if
 *   br_input.c      br_handle_frame, br_handle_frame_finish, br_pass_frame_up
 *   br_forward.c    br_forward, br_flood, br_dev_queue_push_xmit
 *   br_fdb.c        learning, ageing (br_fdb_cleanup), static/local entries
 *   br_netlink.c    IFLA_BR_* / IFLA_BRPORT_* (br_changelink, br_setport)
 *   br_stp.c        port roles and states, root selection (802.1D 8.6)
 *   br_stp_bpdu.c   config/TCN BPDU encode, send, br_stp_rcv
 *   br_stp_timer.c  hello, message age, forward delay, tcn, topology change
 *   br_stp_if.c     br_stp_enable_bridge/port, br_stp_set_enabled, ids, costs
 *   br_vlan.c       vlan_filtering, pvid/untagged, ingress/egress checks
 *
 * Differences: FDB is a GHashTable keyed by (vid, address) plus a list in
 * insertion order (the kernel: rhashtable + hlist, newest first - we keep
 * newest first too, so `bridge fdb show` prints in the kernel's order);
 * VLAN groups are bitmaps of the 4096 ids (the kernel: rhashtable + sorted
 * list; `bridge vlan show` prints ascending either way).  No multicast
 * snooping, no netfilter on the bridge (NF_HOOK passes straight on), no MRP,
 * CFM, MST or switchdev.
 */
#ifndef _SKBSIM_BR_PRIVATE_H
#define _SKBSIM_BR_PRIVATE_H

#include <glib.h>

#include "linux/etherdevice.h"
#include "linux/netdevice.h"
#include "net/dropreason.h"
#include "sim/counters.h"
#include "sim/timer.h"

#define BR_MAX_PORTS		(1 << 10)	/* 1024, as the lectures say */
#define BR_PORT_BITS		10
#define BR_HASH_BITS		8
#define BR_VERSION		"2.3"

/* Timers in jiffies as the kernel keeps them; defaults of br_dev_setup. */
#define BR_HOLD_TIME_S		1		/* BR_HOLD_TIME: one BPDU a second */
#define BR_DEFAULT_AGEING_S	300		/* BR_DEFAULT_AGEING_TIME / HZ */
#define BR_MIN_HELLO_CS		100		/* in centiseconds, as ip -d shows */
#define BR_MAX_HELLO_CS		1000
#define BR_MIN_FORWARD_DELAY_CS	200
#define BR_MAX_FORWARD_DELAY_CS	3000
#define BR_MIN_MAX_AGE_CS	600
#define BR_MAX_MAX_AGE_CS	4000

/* IEEE 802.1D-1998 port states (include/uapi/linux/if_bridge.h) */
#define BR_STATE_DISABLED	0
#define BR_STATE_LISTENING	1
#define BR_STATE_LEARNING	2
#define BR_STATE_FORWARDING	3
#define BR_STATE_BLOCKING	4

/* br->stp_enabled */
enum {
	BR_NO_STP,		/* no spanning tree (default) */
	BR_KERNEL_STP,		/* old STP in kernel */
	BR_USER_STP,		/* new RSTP in userspace (not modelled) */
};

/* VLAN (include/uapi/linux/if_bridge.h, if_vlan.h) */
#define VLAN_N_VID		4096
#define VLAN_VID_MASK		0x0fff
#define VLAN_PRIO_SHIFT		13
#define VLAN_HLEN		4
#define BRIDGE_VLAN_INFO_MASTER		(1 << 0)
#define BRIDGE_VLAN_INFO_PVID		(1 << 1)
#define BRIDGE_VLAN_INFO_UNTAGGED	(1 << 2)
#define BRIDGE_VLAN_INFO_BRENTRY	(1 << 5)

typedef struct bridge_id bridge_id;
typedef struct mac_addr mac_addr;
typedef __u16 port_id;

struct bridge_id {
	unsigned char prio[2];
	unsigned char addr[ETH_ALEN];
};

struct mac_addr {
	unsigned char addr[ETH_ALEN];
};

/*
 * struct net_bridge_vlan_group - the VLANs of a port or of the bridge
 * device itself (its "self" entries, BRIDGE_VLAN_INFO_BRENTRY).
 */
struct net_bridge_vlan_group {
	unsigned long vids[VLAN_N_VID / (8 * sizeof(unsigned long))];
	unsigned long untagged[VLAN_N_VID / (8 * sizeof(unsigned long))];
	u16 pvid;			/* 0: none */
	u16 num_vlans;
};

/* fdb->flags bits (enum in br_private.h) */
enum {
	BR_FDB_LOCAL,			/* the address of a port or of br0: deliver up */
	BR_FDB_STATIC,			/* added by the user as static: never ages */
	BR_FDB_STICKY,
	BR_FDB_ADDED_BY_USER,		/* bridge fdb add (permanent or static) */
	BR_FDB_ADDED_BY_EXT_LEARN,
	BR_FDB_OFFLOADED,
	BR_FDB_NOTIFY,
	BR_FDB_NOTIFY_INACTIVE,
	BR_FDB_LOCKED,
	BR_FDB_DYNAMIC_LEARNED,
};

/* hbr: the bitops of include/linux/bitops.h the fdb flags use */
static inline bool test_bit(unsigned int nr, const unsigned long *addr)
{
	return (*addr >> nr) & 1;
}

static inline void set_bit(unsigned int nr, unsigned long *addr)
{
	*addr |= BIT(nr);
}

static inline void clear_bit(unsigned int nr, unsigned long *addr)
{
	*addr &= ~BIT(nr);
}
#define __set_bit set_bit
#define __clear_bit clear_bit

struct net_bridge_port;
struct net_bridge;

/*
 * struct net_bridge_fdb_entry - one learned or configured address.
 * @dst: the port, or NULL for an entry of the bridge device itself.
 * @updated: jiffies of the last frame from this address (ageing);
 * @used: jiffies of the last frame to it.
 */
struct net_bridge_fdb_entry {
	struct list_head list;		/* br->fdb_list, newest first */
	struct net_bridge_port *dst;
	mac_addr addr;
	u16 vlan_id;
	unsigned long flags;		/* BIT(BR_FDB_*) */
	unsigned long updated;
	unsigned long used;
};

/* p->flags (include/linux/if_bridge.h) */
#define BR_HAIRPIN_MODE		BIT(0)
#define BR_BPDU_GUARD		BIT(1)
#define BR_ROOT_BLOCK		BIT(2)
#define BR_MULTICAST_FAST_LEAVE	BIT(3)
#define BR_ADMIN_COST		BIT(4)
#define BR_LEARNING		BIT(5)
#define BR_FLOOD		BIT(6)
#define BR_AUTO_MASK		(BR_FLOOD | BR_LEARNING)
#define BR_PROMISC		BIT(7)
#define BR_PROXYARP		BIT(8)
#define BR_LEARNING_SYNC	BIT(9)
#define BR_PROXYARP_WIFI	BIT(10)
#define BR_MCAST_FLOOD		BIT(11)
#define BR_MULTICAST_TO_UNICAST	BIT(12)
#define BR_VLAN_TUNNEL		BIT(13)
#define BR_BCAST_FLOOD		BIT(14)
#define BR_NEIGH_SUPPRESS	BIT(15)
#define BR_ISOLATED		BIT(16)

/* per-port counters the model keeps (no kernel file shows them all; the
 * drops also go to metrics.db with their reason) */
/*
 * rx_bpdu, tx_bpdu: config + TCN BPDUs; forwarded, flooded: frames sent out
 * of this port; dropped_state: not forwarding/learning (STP); dropped_vlan:
 * VLAN ingress/egress filter; rx_bpdu_malformed: br_stp_rcv refused it
 * (short, bad LLC/protocol/type); stp_transitions: br_set_state() calls,
 * the lines the kernel would log.  One list, so metrics.db names
 * (brport.eth0.flooded) and fields cannot drift apart.
 */
#define BR_PORT_STATS(X)						\
	X(rx_bpdu) X(tx_bpdu) X(rx_tcn) X(tx_tcn) X(forwarded) X(flooded)	\
	X(dropped_state) X(dropped_vlan) X(rx_bpdu_malformed) X(stp_transitions)

#define BR_PORT_STAT_FIELD(name) u64 name;
struct br_port_stats {
	BR_PORT_STATS(BR_PORT_STAT_FIELD)
};
#undef BR_PORT_STAT_FIELD

struct net_bridge_port {
	struct net_bridge *br;
	struct net_device *dev;
	struct list_head list;		/* br->port_list, in port_no order */

	unsigned long flags;		/* BR_* above */
	u8 priority;			/* port priority, default 0x20 (32) */
	u8 state;			/* BR_STATE_* */
	u16 port_no;
	unsigned char topology_change_ack;
	unsigned char config_pending;
	port_id port_id;
	port_id designated_port;
	bridge_id designated_root;
	bridge_id designated_bridge;
	u32 path_cost;
	u32 designated_cost;
	unsigned long designated_age;	/* jiffies: when the info was stamped */

	struct timer_list forward_delay_timer;
	struct timer_list hold_timer;
	struct timer_list message_age_timer;

	struct net_bridge_vlan_group vlgrp;
	struct br_port_stats stats;
	/* hbr: stats in metrics.db as brport.<dev>.forwarded ... */
	struct sim_counter_set stats_set;
	char stats_scope[IFNAMSIZ + 8];
};

#define br_port_exists(dev) ((dev)->priv_flags & IFF_BRIDGE_PORT)

static inline struct net_bridge_port *br_port_get_rtnl(const struct net_device *dev)
{
	return br_port_exists(dev) ? (struct net_bridge_port *)dev->rx_handler_data : NULL;
}

/* br->options bits */
enum net_bridge_opts {
	BROPT_VLAN_ENABLED,
	BROPT_VLAN_STATS_ENABLED,
	BROPT_NF_CALL_IPTABLES,
	BROPT_NF_CALL_IP6TABLES,
	BROPT_NF_CALL_ARPTABLES,
	BROPT_GROUP_ADDR_SET,
	BROPT_MULTICAST_ENABLED,
	BROPT_NO_LL_LEARN,
	BROPT_MTU_SET_BY_USER,		/* hbr: `ip link set br0 mtu N`: no auto adjust */
};

struct net_bridge {
	struct net_device *dev;
	struct list_head port_list;	/* struct net_bridge_port, port_no order */
	unsigned long options;		/* BIT(BROPT_*) */

	/* forwarding database */
	GHashTable *fdb_hash_tbl;	/* br_fdb_key(addr, vid) -> entry */
	struct list_head fdb_list;	/* newest first */
	unsigned int fdb_n_learned;
	unsigned int fdb_max_learned;	/* 0: no limit */

	/* VLAN filtering */
	__be16 vlan_proto;		/* htons(ETH_P_8021Q) */
	u16 default_pvid;		/* 1 */
	struct net_bridge_vlan_group vlgrp;	/* the bridge device's own */

	/* STP (802.1D): the bridge's view and its configured values */
	bridge_id designated_root;
	bridge_id bridge_id;
	unsigned char topology_change;
	unsigned char topology_change_detected;
	u16 root_port;
	u32 root_path_cost;
	unsigned long max_age;		/* all in jiffies */
	unsigned long hello_time;
	unsigned long forward_delay;
	unsigned long ageing_time;
	unsigned long bridge_max_age;
	unsigned long bridge_hello_time;
	unsigned long bridge_forward_delay;
	unsigned long bridge_ageing_time;
	u16 group_fwd_mask;
	unsigned char group_addr[ETH_ALEN];	/* 01:80:c2:00:00:00 */
	int stp_enabled;		/* BR_NO_STP, BR_KERNEL_STP */

	struct timer_list hello_timer;
	struct timer_list tcn_timer;
	struct timer_list topology_change_timer;
	struct timer_list gc_timer;	/* the kernel's gc_work: br_fdb_cleanup */

	/* hbr: frames learned from a port with one of our own (local)
	 * addresses as source: the kernel logs "received packet on %s with
	 * own address as source address"; we count them */
	u64 own_addr_rx;
};

static inline struct net_bridge *netdev_priv_br(const struct net_device *dev)
{
	return netdev_priv(dev);
}

static inline bool netif_is_bridge_master(const struct net_device *dev)
{
	return dev->priv_flags & IFF_EBRIDGE;
}

static inline bool netif_is_bridge_port(const struct net_device *dev)
{
	return dev->priv_flags & IFF_BRIDGE_PORT;
}

static inline bool br_opt_get(const struct net_bridge *br, enum net_bridge_opts opt)
{
	return br->options & BIT(opt);
}

static inline void br_opt_toggle(struct net_bridge *br, enum net_bridge_opts opt, bool on)
{
	if (on)
		br->options |= BIT(opt);
	else
		br->options &= ~BIT(opt);
}

/* The 802.1D reserved group 01:80:c2:00:00:0X (X = 0: STP) */
static inline bool is_link_local_ether_addr(const u8 *addr)
{
	static const u8 base[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };

	return memcmp(addr, base, 5) == 0 && (addr[5] & 0xf0) == 0;
}

/* skb->cb while in the bridge (BR_INPUT_SKB_CB) */
struct br_input_skb_cb {
	struct net_device *brdev;
	u16 vid;			/* classified VLAN, 0 when filtering is off */
	u8 proxyarp_replied:1, src_port_isolated:1;
	/* br_vlan.c: the kernel's skb->vlan_tci while the frame is in the
	 * bridge (the tag is out of skb->data between ingress and egress) */
	u8 vlan_filtered:1;
	u16 vlan_tci;
};
#define BR_INPUT_SKB_CB(skb) ((struct br_input_skb_cb *)(skb)->cb)

/* ---- br_device.c ---------------------------------------------------------- */
netdev_tx_t br_dev_xmit(struct sk_buff *skb, struct net_device *dev);
void br_dev_setup(struct net_device *dev);
extern const struct rtnl_link_ops br_link_ops;

/* ---- br_if.c -------------------------------------------------------------- */
/* `ip link add NAME type bridge` / `brctl addbr`; NULL with @err set. */
struct net_device *br_add_bridge(struct net *net, const char *name, struct sim_err *err);
int br_del_bridge(struct net *net, const char *name, struct sim_err *err);
/* `ip link set DEV master BR` / `brctl addif`: kernel errors (EBUSY, ELOOP,
 * EINVAL for loopback / non-Ethernet, EEXIST...) as messages in @err. */
int br_add_if(struct net_bridge *br, struct net_device *dev, struct sim_err *err);
int br_del_if(struct net_bridge *br, struct net_device *dev, struct sim_err *err);
/* The cost for a port's speed (br_if.c port_cost(): 100 for 100Mb/s...). */
int port_cost(struct net_device *dev);
struct net_bridge_port *br_get_port(struct net_bridge *br, u16 port_no);
/* min MTU of the ports, features; called when a port changes */
void br_mtu_auto_adjust(struct net_bridge *br);
/* a port went up/down/carrier: STP port enable/disable */
void br_port_carrier_check(struct net_bridge_port *p, bool *notified);

/* hbr: `ip link set DEV master BR` / `nomaster` (ndo_add_slave/ndo_del_slave,
 * do_set_master's order: leave the old master, join the new one) */
int br_set_master(struct net_device *dev, struct net_device *master, struct sim_err *err);
/* hbr: a bridge port's flag of `ip link set DEV type bridge_slave ...` */
void br_port_flags_change(struct net_bridge_port *p, unsigned long mask, bool on);
bool netif_is_bridge_dev(const struct net_device *dev);	/* made by br_dev_setup */
/* hbr: `ip link del br0` (up or not; brctl delbr refuses an up bridge) */
void br_dellink(struct net_device *dev);
/* hbr: the bridge id and br0's address follow the lowest port address */
void br_recalculate_addr(struct net_bridge *br);

/* ---- br_netlink.c (hbr) ---------------------------------------------------- */
/* IFLA_BR_* of `ip link add/set BR type bridge ...`: @set has BIT(BR_OPT_*) */
enum {
	BR_OPT_FORWARD_DELAY, BR_OPT_HELLO_TIME, BR_OPT_MAX_AGE, BR_OPT_AGEING_TIME,
	BR_OPT_STP_STATE, BR_OPT_PRIORITY, BR_OPT_VLAN_FILTERING, BR_OPT_GROUP_FWD_MASK,
	BR_OPT_NO_LL_LEARN, BR_OPT_FDB_FLUSH, BR_OPT_MCAST_SNOOPING,
};
struct br_link_opts {
	unsigned long set;
	u32 forward_delay, hello_time, max_age, ageing_time;	/* clock_t (cs) */
	u32 stp_state;
	u16 priority, group_fwd_mask;
	u8 vlan_filtering, no_ll_learn, mcast_snooping;
};
/* IFLA_BRPORT_* of `ip link set DEV type bridge_slave ...` */
enum {
	BRPORT_OPT_STATE, BRPORT_OPT_PRIORITY, BRPORT_OPT_COST, BRPORT_OPT_FDB_FLUSH,
};
struct br_port_opts {
	unsigned long set;		/* BIT(BRPORT_OPT_*) */
	unsigned long flags_mask;	/* BR_* flags given ... */
	unsigned long flags;		/* ... and their values */
	u8 state;
	u16 priority;
	u32 cost;
};
/* br_changelink(): in the kernel's order; stops at the first error */
int br_changelink(struct net_bridge *br, const struct br_link_opts *o, struct sim_err *err);
/* br_setport(): the port's flags, state, priority, cost */
int br_setport(struct net_bridge_port *p, const struct br_port_opts *o, struct sim_err *err);

/* ---- br_input.c ----------------------------------------------------------- */
rx_handler_result_t br_handle_frame(struct sk_buff **pskb);
int br_handle_frame_finish(struct net *net, struct sock *sk, struct sk_buff *skb);

/* ---- br_forward.c --------------------------------------------------------- */
enum br_pkt_type {
	BR_PKT_UNICAST,
	BR_PKT_MULTICAST,
	BR_PKT_BROADCAST,
};
void br_forward(const struct net_bridge_port *to, struct sk_buff *skb, bool local_rcv,
		bool local_orig);
void br_flood(struct net_bridge *br, struct sk_buff *skb, enum br_pkt_type pkt_type,
	      bool local_rcv, bool local_orig, u16 vid);
int br_dev_queue_push_xmit(struct net *net, struct sock *sk, struct sk_buff *skb);
/* should_deliver(): port state, hairpin, VLAN egress */
bool br_should_deliver(const struct net_bridge_port *p, const struct sk_buff *skb);

/* ---- br_fdb.c ------------------------------------------------------------- */
struct net_bridge_fdb_entry *br_fdb_find(struct net_bridge *br, const u8 *addr, u16 vid);
/* The entry a frame to @addr goes by (br_fdb_find_rcu), used time touched. */
struct net_bridge_fdb_entry *br_fdb_find_rcu(struct net_bridge *br, const u8 *addr, u16 vid);
/* learning: br_fdb_update() from br_handle_frame_finish */
void br_fdb_update(struct net_bridge *br, struct net_bridge_port *source, const u8 *addr,
		   u16 vid, unsigned long flags);
int br_fdb_add_local(struct net_bridge *br, struct net_bridge_port *source, const u8 *addr,
		     u16 vid);
/* `bridge fdb add/del`: NUD_PERMANENT (local), NUD_NOARP (static) */
int br_fdb_add(struct net_bridge *br, struct net_bridge_port *p, const u8 *addr, u16 vid,
	       bool permanent, bool is_static, struct sim_err *err);
int br_fdb_delete(struct net_bridge *br, struct net_bridge_port *p, const u8 *addr,
		  u16 vid, struct sim_err *err);
/* Port removed or down: its dynamic entries go (static ones with @do_all). */
void br_fdb_delete_by_port(struct net_bridge *br, const struct net_bridge_port *p,
			   u16 vid, int do_all);
/* Topology change: flush learned entries of every port. */
void br_fdb_flush(struct net_bridge *br);
void br_fdb_changeaddr(struct net_bridge_port *p, const u8 *newaddr);
/* hbr: the bridge device's own address changes (br_stp_change_bridge_id
 * calls it before setting the new address, as the kernel does) */
void br_fdb_change_mac_address(struct net_bridge *br, const u8 *newaddr);
void br_fdb_cleanup(struct timer_list *t);	/* the gc timer */
/* hold_time(): ageing_time, or forward_delay during a topology change */
unsigned long br_fdb_hold_time(const struct net_bridge *br);
bool br_fdb_has_expired(const struct net_bridge *br, const struct net_bridge_fdb_entry *f);
int br_fdb_init(struct net_bridge *br);
void br_fdb_fini(struct net_bridge *br);

/* ---- br_stp.c / br_stp_if.c / br_stp_timer.c / br_stp_bpdu.c -------------- */
/* br_private_stp.h: a decoded configuration BPDU (times in jiffies) */
struct br_config_bpdu {
	unsigned int topology_change:1;
	unsigned int topology_change_ack:1;
	bridge_id root;
	int root_path_cost;
	bridge_id bridge_id;
	port_id port_id;
	int message_age;
	int max_age;
	int hello_time;
	int forward_delay;
};

void br_log_state(const struct net_bridge_port *p);
void br_set_state(struct net_bridge_port *p, unsigned int state);
void br_init_port(struct net_bridge_port *p);
void br_become_designated_port(struct net_bridge_port *p);
void br_topology_change_detection(struct net_bridge *br);
void br_config_bpdu_generation(struct net_bridge *br);
void br_configuration_update(struct net_bridge *br);
void br_port_state_selection(struct net_bridge *br);
void br_received_config_bpdu(struct net_bridge_port *p, const struct br_config_bpdu *bpdu);
void br_received_tcn_bpdu(struct net_bridge_port *p);
void br_transmit_config(struct net_bridge_port *p);
void br_transmit_tcn(struct net_bridge *br);
void br_stp_enable_bridge(struct net_bridge *br);
void br_stp_disable_bridge(struct net_bridge *br);
int br_stp_set_enabled(struct net_bridge *br, unsigned long val, struct sim_err *err);
void br_stp_enable_port(struct net_bridge_port *p);
void br_stp_disable_port(struct net_bridge_port *p);
bool br_stp_recalculate_bridge_id(struct net_bridge *br);
void br_stp_change_bridge_id(struct net_bridge *br, const unsigned char *a);
void br_stp_set_bridge_priority(struct net_bridge *br, u16 newprio);
int br_stp_set_port_priority(struct net_bridge_port *p, unsigned long newprio);
int br_stp_set_path_cost(struct net_bridge_port *p, unsigned long path_cost);
void br_stp_port_timer_init(struct net_bridge_port *p);
void br_stp_timer_init(struct net_bridge *br);
unsigned long br_timer_value(const struct timer_list *timer);	/* centiseconds left */
/* Called by br_handle_frame for frames to the STP group address. */
int br_stp_rcv(struct net_bridge_port *p, struct sk_buff *skb);
/* Setters of `ip link set br0 type bridge ...` (values in clock_t = cs) */
int br_set_forward_delay(struct net_bridge *br, unsigned long val, struct sim_err *err);
int br_set_hello_time(struct net_bridge *br, unsigned long val, struct sim_err *err);
int br_set_max_age(struct net_bridge *br, unsigned long val, struct sim_err *err);
int br_set_ageing_time(struct net_bridge *br, unsigned long val_cs, struct sim_err *err);
const char *br_port_state_name(unsigned int state);	/* "forwarding" ... */

static inline bool br_is_root_bridge(const struct net_bridge *br)
{
	return !memcmp(&br->bridge_id, &br->designated_root, sizeof(bridge_id));
}

/* ---- br_vlan.c ------------------------------------------------------------ */
/* Ingress: untagged frames get the pvid; a vid the port lacks is dropped
 * (false; the caller counts p->stats.dropped_vlan and frees with
 * SKB_DROP_REASON_NOT_SPECIFIED, the kernel's plain kfree_skb() in
 * __allowed_ingress).  @p NULL: the bridge device sends (br_dev_xmit),
 * classified by br->vlgrp. */
bool br_allowed_ingress(const struct net_bridge *br, struct net_bridge_port *p,
			struct sk_buff *skb, u16 *vid);
bool br_allowed_egress(const struct net_bridge_vlan_group *vg, const struct sk_buff *skb);
/* Egress: tag or untag @skb for the port's group; NULL if dropped. */
struct sk_buff *br_handle_vlan(struct net_bridge *br, const struct net_bridge_port *p,
			       struct net_bridge_vlan_group *vg, struct sk_buff *skb);
int br_vlan_add(struct net_bridge *br, struct net_bridge_port *p, u16 vid, u16 flags,
		struct sim_err *err);
int br_vlan_delete(struct net_bridge *br, struct net_bridge_port *p, u16 vid,
		   struct sim_err *err);
int br_vlan_filter_toggle(struct net_bridge *br, unsigned long val, struct sim_err *err);
void br_vlan_port_init(struct net_bridge_port *p);	/* default_pvid untagged */
void br_vlan_bridge_init(struct net_bridge *br);
/* @vid is in @vg and leaves it without a tag */
bool br_vlan_untagged(const struct net_bridge_vlan_group *vg, u16 vid);
static inline bool br_vlan_enabled(const struct net_bridge *br)
{
	return br_opt_get(br, BROPT_VLAN_ENABLED);
}
static inline bool br_vlan_has(const struct net_bridge_vlan_group *vg, u16 vid)
{
	return vid < VLAN_N_VID &&
	       (vg->vids[vid / (8 * sizeof(unsigned long))] >> (vid % (8 * sizeof(unsigned long)))) & 1;
}

#endif
