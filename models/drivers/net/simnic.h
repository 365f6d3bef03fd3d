/*
 * models/drivers/net/simnic.h - the simulated Ethernet NIC
 *
 * No single kernel counterpart: a generic multiqueue NIC shaped like
 * igb/ixgbe (drivers/net/ethernet/intel) - descriptor rings per queue,
 * an interrupt per rx queue with coalescing, NAPI, RSS, the watchdog
 * that resets the adapter after link loss - and its driver.
 */
#ifndef _SKBSIM_DRIVERS_NET_SIMNIC_H
#define _SKBSIM_DRIVERS_NET_SIMNIC_H

#include "linux/netdevice.h"
#include "rss.h"
#include "../media/cable.h"

#define SIMNIC_MAX_QUEUES	64
#define SIMNIC_DEF_RING		256
#define SIMNIC_MIN_RING		64
#define SIMNIC_MAX_RING		4096
#define SIMNIC_MAX_MTU		9000
#define SIMNIC_RX_BUF		2048	/* bytes per rx buffer: truesize of a frame */

struct simnic;

/*
 * One per rx queue.  Its NIC is netdev_priv(napi.dev) and its IRQ's CPU
 * napi.cpu (simnic_rx_nic()): not stored twice in every ring.
 */
struct simnic_rx_ring {
	struct sk_buff_head frames;	/* received by hardware, not yet polled */
	struct napi_struct napi;
	struct sim_event itr_ev;	/* rx-usecs coalescing timer */
	u64 packets, bytes, irqs;	/* ethtool -S (misses: rx_missed_errors) */
	unsigned int since_irq;		/* frames since the last interrupt */
	u16 index;			/* < SIMNIC_MAX_QUEUES */
	bool irq_masked;		/* NAPI is polling: no interrupts */
};

struct simnic_tx_ring {
	unsigned int index;
	struct sk_buff_head frames;	/* handed to hardware, not yet sent */
	u64 packets, bytes;		/* (restarts: the netdev_queue's tx_restarts) */
};

/*
 * RSS state (ethtool -x/-X).  Made when the NIC gets a second queue or the
 * user sets a key or table: a one-queue NIC, most of them, steers nothing
 * and reports the default key and a table of zeros without these 168 bytes.
 */
struct simnic_rss {
	u8 key[RSS_KEY_SIZE];
	u8 indir[RSS_INDIR_SIZE];
};

struct simnic {
	struct net_device *dev;
	struct cable *cable;
	int side;
	struct sim_nic_config cfg;	/* effective: rings, weight, coalescing */
	unsigned int nqueues;
	unsigned int tx_rr;		/* round robin between tx rings */
	/* nqueues rx rings, then nqueues tx rings (simnic_tx_ring()): one block */
	struct simnic_rx_ring *rx;
	/* the MAC's transmitter: one frame on the wire at a time */
	struct sk_buff *tx_cur;
	struct simnic_tx_ring *tx_cur_ring;
	struct sim_event tx_done_ev;
	/* the driver's watchdog: every 2 s, and 1 jiffy after a link change */
	struct timer_list watchdog_timer;
	u64 tx_timeout_count;		/* resets to flush tx after link loss */
	struct simnic_rss *rss;		/* NULL: defaults (see struct simnic_rss) */
	/* ethtool -S, in metrics as <dev>.<name>; .kind NULL while unregistered */
	struct sim_counter_set ethtool_set;
};

static inline struct simnic *simnic_rx_nic(const struct simnic_rx_ring *ring)
{
	return netdev_priv(ring->napi.dev);
}

/* the tx rings follow the rx rings in their block (simnic_rings_alloc) */
G_STATIC_ASSERT(_Alignof(struct simnic_tx_ring) <= _Alignof(struct simnic_rx_ring));

static inline struct simnic_tx_ring *simnic_tx_ring(const struct simnic *nic, unsigned int i)
{
	return (struct simnic_tx_ring *)(nic->rx + nic->nqueues) + i;
}

extern const struct sim_link_kind simnic_cable_link_kind;
extern const struct ethtool_ops simnic_ethtool_ops;

/* Applies new ring sizes / queue counts / coalescing (ethtool -G/-L/-C). */
int simnic_reconfigure(struct simnic *nic, const struct sim_nic_config *cfg,
		       struct sim_err *err);
bool simnic_is(const struct net_device *dev);

#endif
