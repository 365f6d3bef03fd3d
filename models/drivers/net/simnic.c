/*
 * models/drivers/net/simnic.c - the simulated Ethernet NIC and its driver
 *
 * Hardware: per queue an rx ring and a tx ring of descriptors.  A frame
 * arriving from the cable is steered to an rx queue by RSS (Toeplitz hash
 * through the indirection table); if that ring has no free descriptor the
 * frame is lost, counted in rx_missed_errors (drop reason FULL_RING).  The
 * queue's interrupt fires on its CPU when rx_frames frames have arrived or
 * rx_usecs after the first one (interrupt coalescing, ethtool -C).  The
 * MAC sends one frame at a time, round robin over the tx rings.
 *
 * Driver (NAPI, as igb/ixgbe): the interrupt handler masks the queue's
 * interrupt and schedules its NAPI instance; simnic_poll() takes up to
 * `budget` frames, eth_type_trans() and napi_gro_receive() each, and on
 * finishing early completes NAPI and unmasks.  With napi = false the
 * handler itself passes every frame to netif_rx() (the pre-NAPI drivers,
 * for the receive livelock experiment).  Transmit: simnic_xmit() pads to
 * 60 bytes, puts the frame on the queue's ring and stops the queue when
 * the ring is full; the tx completion frees it and wakes the queue.
 *
 * Link loss (igb_watchdog_task, e1000_watchdog_task): without link the
 * MAC sends nothing, so frames handed to the driver stay in the tx ring.
 * The watchdog timer, armed for the next jiffy by the link status
 * interrupt and for 2 s later (round_jiffies) by every run, finds the
 * carrier off with frames pending and resets the adapter
 * (igb_reinit_locked): the rings are emptied, the frames freed as drops
 * (dev_kfree_skb_any in igb_clean_tx_ring, as at ifdown) and
 * tx_timeout_count (ethtool -S, as igb) counts the reset; no
 * rtnl_link_stats64 counter moves.  A link back before the watchdog runs
 * sends them.
 *
 * Differences: tx completion is not an interrupt of its own and costs no
 * CPU time; no GRO/LRO/TSO; link comes up at once (no autonegotiation),
 * and the carrier follows the link at once (igb changes it in the
 * watchdog), so after link loss only frames that bypass the qdisc
 * (pktgen) reach the ring.
 */
#include "simnic.h"

#include <errno.h>
#include <stdio.h>

#include "linux/etherdevice.h"
#include "linux/ethtool.h"
#include "linux/interrupt.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

static void simnic_rx_irq_check(struct simnic_rx_ring *ring);

/* ---- receive ------------------------------------------------------------ */

static void simnic_rx_skb(struct simnic *nic, struct simnic_rx_ring *ring, struct sk_buff *skb)
{
	struct net_device *dev = nic->dev;
	unsigned int len = skb->len;

	ring->packets++;
	ring->bytes += len;
	dev->stats.rx_packets++;
	dev->stats.rx_bytes += len;
	cpu_charge(dev_net(dev), SIM_COST_DRIVER, len);
	skb->protocol = eth_type_trans(skb, dev);
	if (skb->pkt_type == PACKET_MULTICAST)
		dev->stats.multicast++;
	skb_record_rx_queue(skb, ring->index);
}

static int simnic_poll(struct napi_struct *napi, int budget)
{
	struct simnic_rx_ring *ring = container_of(napi, struct simnic_rx_ring, napi);
	struct simnic *nic = simnic_rx_nic(ring);
	struct sk_buff *skb;
	int work = 0;

	while (work < budget && (skb = skb_dequeue(&ring->frames))) {
		trace_skb_walk_fn(skb, "napi_poll", nic->dev, "napi %u, budget %d, done %d",
				  napi->napi_id, budget, work);
		simnic_rx_skb(nic, ring, skb);
		trace_skb_walk(skb, nic->dev, "rx queue %u, eth_type_trans: protocol 0x%04x, %s",
			       ring->index, ntohs(skb->protocol),
			       skb->pkt_type == PACKET_HOST ? "to us" :
			       skb->pkt_type == PACKET_BROADCAST ? "broadcast" :
			       skb->pkt_type == PACKET_MULTICAST ? "multicast" : "to another host");
		napi_gro_receive(napi, skb);
		work++;
	}
	if (work < budget && napi_complete_done(napi, work)) {
		/* unmask: frames that came meanwhile interrupt again */
		ring->irq_masked = false;
		ring->since_irq = skb_queue_len(&ring->frames);
		if (ring->since_irq)
			simnic_rx_irq_check(ring);
	}
	return work;
}

static void simnic_rx_intr(void *arg)
{
	struct simnic_rx_ring *ring = arg;
	struct simnic *nic = simnic_rx_nic(ring);
	struct sk_buff *skb;

	ring->irqs++;
	if (nic->cfg.napi) {
		ring->irq_masked = true;
		napi_schedule(&ring->napi);
		return;
	}
	/* interrupt per frame: the handler does the driver's work itself */
	while ((skb = skb_dequeue(&ring->frames))) {
		simnic_rx_skb(nic, ring, skb);
		trace_skb_walk(skb, nic->dev, "no NAPI: rx queue %u, netif_rx", ring->index);
		netif_rx(skb);
	}
}

static void simnic_fire_irq(struct simnic_rx_ring *ring)
{
	struct net *net = dev_net(ring->napi.dev);

	sim_cancel(net->w, &ring->itr_ev);
	ring->since_irq = 0;
	sim_hardirq(net_cpu(net, ring->napi.cpu), simnic_rx_intr, ring);
}

static void simnic_itr_expired(struct world *w, struct sim_event *ev)
{
	struct simnic_rx_ring *ring = container_of(ev, struct simnic_rx_ring, itr_ev);

	(void)w;
	if (!ring->irq_masked && ring->since_irq)
		simnic_fire_irq(ring);
}

/* Interrupt moderation: rx_frames frames, or rx_usecs after the first. */
static void simnic_rx_irq_check(struct simnic_rx_ring *ring)
{
	const struct sim_nic_config *cfg = &simnic_rx_nic(ring)->cfg;
	struct world *w = dev_net(ring->napi.dev)->w;

	if (ring->irq_masked)
		return;
	if (cfg->rx_frames > 0 && ring->since_irq >= (unsigned int)cfg->rx_frames) {
		simnic_fire_irq(ring);
	} else if (cfg->rx_usecs > 0) {
		if (!sim_event_pending(&ring->itr_ev))
			sim_schedule(w, &ring->itr_ev,
				     sim_now(w) + (sim_time_t)cfg->rx_usecs * SIM_NSEC_PER_USEC);
	} else {
		simnic_fire_irq(ring);
	}
}

static unsigned int simnic_rx_queue(struct simnic *nic, struct sk_buff *skb)
{
	bool l4;
	u32 hash;

	if (nic->nqueues == 1)
		return 0;
	hash = rss_hash_frame(nic->rss->key, skb->data, skb->len, &l4);
	skb->hash = hash;
	skb->l4_hash = l4;
	return nic->rss->indir[hash % RSS_INDIR_SIZE] % nic->nqueues;
}

static void simnic_frame_arrived(void *port, struct sk_buff *skb)
{
	struct simnic *nic = port;
	struct net_device *dev = nic->dev;
	struct simnic_rx_ring *ring;

	skb->dev = dev;
	if (!netif_running(dev)) {
		consume_skb(skb);	/* a PHY that is down hears nothing */
		return;
	}
	if (skb->len < ETH_HLEN) {
		/* runt: the MAC discards it (rx_length_errors) */
		dev->stats.rx_length_errors++;
		dev->stats.rx_errors++;
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return;
	}
	ring = &nic->rx[simnic_rx_queue(nic, skb)];
	if (skb_queue_len(&ring->frames) >= nic->cfg.rx_ring) {
		dev->stats.rx_missed_errors++;
		kfree_skb_reason(skb, SKB_DROP_REASON_FULL_RING);
		return;
	}
	/* DMA into a ring buffer: the driver's buffers set the truesize */
	skb->truesize = SKB_TRUESIZE(SIMNIC_RX_BUF);
	skb->tstamp = 0;
	skb->mac_header = skb->network_header = skb->transport_header = SKB_HEADER_UNSET;
	skb_queue_tail(&ring->frames, skb);
	trace_skb_walk(skb, dev, "off the wire, len %u: into rx ring %u (%u held), irq check",
		       skb->len, ring->index, skb_queue_len(&ring->frames));
	ring->since_irq++;
	simnic_rx_irq_check(ring);
}

/* ---- transmit ------------------------------------------------------------ */

static void simnic_tx_kick(struct simnic *nic);

static void simnic_tx_done(struct world *w, struct sim_event *ev)
{
	struct simnic *nic = container_of(ev, struct simnic, tx_done_ev);
	struct simnic_tx_ring *ring = nic->tx_cur_ring;
	struct sk_buff *skb = nic->tx_cur;
	struct net_device *dev = nic->dev;
	struct netdev_queue *txq = netdev_get_tx_queue(dev, ring->index);

	(void)w;
	nic->tx_cur = NULL;
	nic->tx_cur_ring = NULL;
	ring->packets++;
	ring->bytes += skb->len;
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	consume_skb(skb);		/* napi_consume_skb at tx clean */
	if (netif_tx_queue_stopped(txq) && skb_queue_len(&ring->frames) < nic->cfg.tx_ring) {
		netif_tx_wake_queue(txq);
	}
	simnic_tx_kick(nic);
}

static void simnic_tx_kick(struct simnic *nic)
{
	struct net *net = dev_net(nic->dev);

	if (nic->tx_cur || !cable_link_up(nic->cable))
		return;
	for (unsigned int i = 0; i < nic->nqueues; i++) {
		struct simnic_tx_ring *ring = simnic_tx_ring(nic, (nic->tx_rr + i) % nic->nqueues);
		struct sk_buff *skb = skb_dequeue(&ring->frames);

		if (!skb)
			continue;
		nic->tx_rr = ring->index + 1;
		nic->tx_cur = skb;
		nic->tx_cur_ring = ring;
		sim_schedule(net->w, &nic->tx_done_ev, cable_xmit(nic->cable, nic->side, skb));
		return;
	}
}

static netdev_tx_t simnic_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);
	struct simnic_tx_ring *ring = simnic_tx_ring(nic, skb->queue_mapping % nic->nqueues);
	struct netdev_queue *txq = netdev_get_tx_queue(dev, ring->index);
	unsigned int inflight = skb_queue_len(&ring->frames) + (nic->tx_cur_ring == ring);

	if (inflight >= nic->cfg.tx_ring) {
		netif_tx_stop_queue(txq);
		return NETDEV_TX_BUSY;
	}
	if (skb_put_padto(skb, ETH_ZLEN))
		return NETDEV_TX_OK;	/* freed and counted */
	cpu_charge(dev_net(dev), SIM_COST_DRIVER, skb->len);
	skb_queue_tail(&ring->frames, skb);
	trace_skb_walk(skb, dev, "into tx ring %u (%u held): onto the wire", ring->index,
		       inflight + 1);
	if (inflight + 1 >= nic->cfg.tx_ring)
		netif_tx_stop_queue(txq);
	simnic_tx_kick(nic);
	return NETDEV_TX_OK;
}

/* ---- open, stop, reset ------------------------------------------------- */

/* igb_clean_tx_ring(): what the MAC has not sent is freed, as a drop. */
static void simnic_clean_tx_ring(struct simnic_tx_ring *ring)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&ring->frames)))
		kfree_skb(skb);		/* dev_kfree_skb_any */
}

static void simnic_purge(struct simnic *nic)
{
	struct world *w = dev_net(nic->dev)->w;

	for (unsigned int i = 0; i < nic->nqueues; i++) {
		sim_cancel(w, &nic->rx[i].itr_ev);
		skb_queue_purge(&nic->rx[i].frames);
		simnic_clean_tx_ring(simnic_tx_ring(nic, i));
		netif_tx_wake_queue(netdev_get_tx_queue(nic->dev, i));
	}
	if (nic->tx_cur) {
		sim_cancel(w, &nic->tx_done_ev);
		consume_skb(nic->tx_cur);	/* it is on the wire already */
		nic->tx_cur = NULL;
		nic->tx_cur_ring = NULL;
	}
}

/* igb_up's part: interrupts unmasked, NAPI on. */
static void simnic_up(struct simnic *nic)
{
	for (unsigned int i = 0; i < nic->nqueues; i++) {
		nic->rx[i].irq_masked = false;
		nic->rx[i].since_irq = 0;
		napi_enable(&nic->rx[i].napi);
	}
}

/* igb_down's part: NAPI off, the rings emptied. */
static void simnic_down(struct simnic *nic)
{
	for (unsigned int i = 0; i < nic->nqueues; i++)
		napi_disable(&nic->rx[i].napi);
	simnic_purge(nic);
}

/* ---- the watchdog ------------------------------------------------------- */

/* Frames the MAC has not taken yet (igb_desc_unused(ring) + 1 < count). */
static bool simnic_tx_pending(const struct simnic *nic)
{
	for (unsigned int i = 0; i < nic->nqueues; i++)
		if (skb_queue_len(&simnic_tx_ring(nic, i)->frames))
			return true;
	return false;
}

/*
 * igb_watchdog_task(): with no carrier and tx work queued that the MAC
 * will never do, reset the adapter (reset_task, igb_reinit_locked) and
 * count it; then look again in 2 s.
 */
static void simnic_watchdog_task(struct simnic *nic)
{
	struct world *w = dev_net(nic->dev)->w;

	if (!netif_carrier_ok(nic->dev) && simnic_tx_pending(nic)) {
		nic->tx_timeout_count++;
		simnic_down(nic);
		simnic_up(nic);
	}
	mod_timer(&nic->watchdog_timer, sim_round_jiffies(w, sim_jiffies(w) + 2 * w->hz));
}

static void simnic_watchdog(struct timer_list *t)
{
	struct simnic *nic = from_timer(nic, t, watchdog_timer);

	simnic_watchdog_task(nic);
}

/* ---- link ------------------------------------------------------------- */

static void simnic_link_changed(void *port, bool up)
{
	struct simnic *nic = port;
	struct net_device *dev = nic->dev;

	if (up) {
		netif_carrier_on(dev);
		simnic_tx_kick(nic);
	} else {
		netif_carrier_off(dev);
	}
	/* the link status change interrupt (igb_msix_other): watchdog next jiffy */
	if (netif_running(dev))
		mod_timer(&nic->watchdog_timer, sim_jiffies(dev_net(dev)->w) + 1);
}

/*
 * A frame whose FCS does not match: the MAC discards it and counts it in
 * rx_crc_errors (igb: CRCERRS), the stack never sees it.
 */
static void simnic_frame_bad_fcs(void *port, struct sk_buff *skb)
{
	struct simnic *nic = port;
	struct net_device *dev = nic->dev;

	skb->dev = dev;
	if (netif_running(dev)) {
		dev->stats.rx_crc_errors++;
		dev->stats.rx_errors++;
	}
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
}

static const struct cable_port_ops simnic_port_ops = {
	.frame_arrived = simnic_frame_arrived,
	.link_changed = simnic_link_changed,
	.frame_bad_fcs = simnic_frame_bad_fcs,
};

/*
 * A NIC reset (igb_reinit_locked on an error, as net:fail{ reset = true }
 * asks): the PHY is reset, so the link drops at both ends until @on goes
 * false again, and the rings are emptied as at ifdown (the frames not yet
 * sent are freed as drops).
 */
static void simnic_reset(struct simnic *nic, bool on)
{
	if (!netif_running(nic->dev))
		return;
	if (on) {
		cable_enable(nic->cable, nic->side, false);
		simnic_down(nic);
		simnic_up(nic);
	} else {
		cable_enable(nic->cable, nic->side, true);
	}
}

static int simnic_open(struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);

	simnic_up(nic);
	cable_enable(nic->cable, nic->side, true);
	simnic_watchdog_task(nic);	/* igb_up: start the watchdog */
	return 0;
}

static int simnic_stop(struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);

	cable_enable(nic->cable, nic->side, false);
	del_timer(&nic->watchdog_timer);
	simnic_down(nic);
	return 0;
}

static int simnic_change_mtu(struct net_device *dev, int new_mtu)
{
	dev->mtu = (unsigned int)new_mtu;
	return 0;
}

static int simnic_init(struct net_device *dev);
static void simnic_uninit(struct net_device *dev);

static const struct net_device_ops simnic_netdev_ops = {
	.ndo_init = simnic_init,
	.ndo_uninit = simnic_uninit,
	.ndo_open = simnic_open,
	.ndo_stop = simnic_stop,
	.ndo_start_xmit = simnic_xmit,
	.ndo_change_mtu = simnic_change_mtu,
};

bool simnic_is(const struct net_device *dev)
{
	return dev->netdev_ops == &simnic_netdev_ops;
}

/* ---- configuration ------------------------------------------------------- */

static bool is_power_of_2(unsigned int n)
{
	return n && !(n & (n - 1));
}

/* The effective configuration: defaults filled in, then checked. */
static int simnic_config(const struct sim_nic_config *in, struct sim_nic_config *out,
			 struct sim_err *err)
{
	*out = *in;
	if (!out->queues)
		out->queues = 1;
	if (!out->rx_ring)
		out->rx_ring = SIMNIC_DEF_RING;
	if (!out->tx_ring)
		out->tx_ring = SIMNIC_DEF_RING;
	if (!out->napi_weight)
		out->napi_weight = NAPI_POLL_WEIGHT;
	if (out->rx_usecs < 0)
		out->rx_usecs = 0;
	if (out->rx_frames < 0)
		out->rx_frames = 1;
	if (out->napi < 0)
		out->napi = 1;
	if (out->queues > SIMNIC_MAX_QUEUES)
		return sim_err_set(err, "nic queues %u: at most %d", out->queues,
				   SIMNIC_MAX_QUEUES);
	for (int i = 0; i < 2; i++) {
		unsigned int r = i ? out->tx_ring : out->rx_ring;

		if (!is_power_of_2(r) || r < SIMNIC_MIN_RING || r > SIMNIC_MAX_RING)
			return sim_err_set(err, "nic %s_ring %u: a power of two from %d to %d",
					   i ? "tx" : "rx", r, SIMNIC_MIN_RING, SIMNIC_MAX_RING);
	}
	return 0;
}

static void simnic_rings_free(struct simnic *nic)
{
	if (!nic->rx)
		return;
	simnic_purge(nic);
	for (unsigned int i = 0; i < nic->nqueues; i++)
		netif_napi_del(&nic->rx[i].napi);
	g_free(nic->rx);		/* and the tx rings after it */
	nic->rx = NULL;
}

/* The RSS state, made with the default key and table on first need. */
static struct simnic_rss *simnic_rss(struct simnic *nic)
{
	if (!nic->rss) {
		nic->rss = g_new(struct simnic_rss, 1);
		memcpy(nic->rss->key, rss_default_key, RSS_KEY_SIZE);
		rss_indir_default(nic->rss->indir, nic->nqueues);
	}
	return nic->rss;
}

static void simnic_rings_alloc(struct simnic *nic)
{
	struct net_device *dev = nic->dev;
	struct net *net = dev_net(dev);

	nic->nqueues = nic->cfg.queues;
	/* the rx rings and then the tx rings: one block, made and freed together */
	nic->rx = g_malloc0(nic->nqueues * (sizeof(struct simnic_rx_ring) +
					    sizeof(struct simnic_tx_ring)));
	for (unsigned int i = 0; i < nic->nqueues; i++) {
		struct simnic_rx_ring *rx = &nic->rx[i];

		rx->index = (u16)i;
		skb_queue_head_init(&rx->frames);
		sim_event_init(&rx->itr_ev, simnic_itr_expired);
		netif_napi_add_weight(dev, &rx->napi, simnic_poll, (int)nic->cfg.napi_weight);
		rx->napi.cpu = i % net->ncpus;	/* IRQ i on CPU i, as irqbalance spreads them */
		simnic_tx_ring(nic, i)->index = i;
		skb_queue_head_init(&simnic_tx_ring(nic, i)->frames);
	}
	/* a new queue count resets the table, as ethtool -L does */
	if (nic->rss)
		rss_indir_default(nic->rss->indir, nic->nqueues);
	else if (nic->nqueues > 1)
		simnic_rss(nic);	/* simnic_rx_queue() hashes from now on */
	dev->real_num_tx_queues = dev->real_num_rx_queues = nic->nqueues;
}

/*
 * ethtool -S names, as igb prints them, and metrics <dev>.<name>: five per
 * queue, then the adapter's own.
 */
#define SIMNIC_QUEUE_STATS	5
static const char *const simnic_queue_stats[SIMNIC_QUEUE_STATS] = {
	"rx_queue_%u_packets", "rx_queue_%u_bytes", "rx_queue_%u_irqs",
	"tx_queue_%u_packets", "tx_queue_%u_bytes",
};
static const char *const simnic_adapter_stats[] = { "rx_missed", "tx_timeout_count" };

static uint64_t simnic_stat_read(const struct sim_counter_set *cs, unsigned int i)
{
	const struct simnic *nic = container_of(cs, struct simnic, ethtool_set);
	unsigned int q = i / SIMNIC_QUEUE_STATS, k = i % SIMNIC_QUEUE_STATS;

	if (q >= nic->nqueues) {
		switch (i - nic->nqueues * SIMNIC_QUEUE_STATS) {
		case 0: return nic->dev->stats.rx_missed_errors;
		case 1: return nic->tx_timeout_count;
		default: return 0;
		}
	}
	switch (k) {
	case 0: return nic->rx[q].packets;
	case 1: return nic->rx[q].bytes;
	case 2: return nic->rx[q].irqs;
	case 3: return simnic_tx_ring(nic, q)->packets;
	default: return simnic_tx_ring(nic, q)->bytes;
	}
}

/* the scope follows renames of the device */
static const char *simnic_stats_scope(const struct sim_counter_set *cs, char *buf)
{
	(void)buf;
	return container_of(cs, struct simnic, ethtool_set)->dev->name;
}

/* the names of a one-queue NIC (the default), shared by all such NICs */
static const char *const simnic_one_queue_names[] = {
	"rx_queue_0_packets", "rx_queue_0_bytes", "rx_queue_0_irqs",
	"tx_queue_0_packets", "tx_queue_0_bytes", "rx_missed", "tx_timeout_count",
};

static const struct sim_counter_kind simnic_one_queue_kind = {
	.scope_of = simnic_stats_scope, .names = simnic_one_queue_names,
	.n = G_N_ELEMENTS(simnic_one_queue_names), .read = simnic_stat_read,
};

static void simnic_stats_unregister(struct simnic *nic)
{
	const struct sim_counter_kind *kind = nic->ethtool_set.kind;

	if (!kind)
		return;
	sim_counters_unregister(dev_net(nic->dev)->node, &nic->ethtool_set);
	if (kind == &simnic_one_queue_kind)
		return;
	for (unsigned int i = 0; i < kind->n; i++)
		g_free((char *)kind->names[i]);
	g_free((char **)kind->names);
	g_free((struct sim_counter_kind *)kind);
}

/* ethtool -S names: the shared kind for one queue, else one made for this NIC */
static const struct sim_counter_kind *simnic_ethtool_kind(const struct simnic *nic)
{
	unsigned int nq = nic->nqueues * SIMNIC_QUEUE_STATS;
	unsigned int n = nq + (unsigned int)G_N_ELEMENTS(simnic_adapter_stats);
	struct sim_counter_kind *kind;
	const char **names;

	G_STATIC_ASSERT(G_N_ELEMENTS(simnic_one_queue_names) ==
			SIMNIC_QUEUE_STATS + G_N_ELEMENTS(simnic_adapter_stats));
	if (nic->nqueues == 1)		/* not freed */
		return &simnic_one_queue_kind;
	names = g_new0(const char *, n);
	for (unsigned int q = 0; q < nic->nqueues; q++)
		for (unsigned int k = 0; k < SIMNIC_QUEUE_STATS; k++)
			names[q * SIMNIC_QUEUE_STATS + k] = g_strdup_printf(simnic_queue_stats[k], q);
	for (unsigned int i = nq; i < n; i++)
		names[i] = g_strdup(simnic_adapter_stats[i - nq]);
	kind = g_new(struct sim_counter_kind, 1);
	*kind = simnic_one_queue_kind;
	kind->names = names;
	kind->n = n;
	return kind;
}

static void simnic_stats_register(struct simnic *nic)
{
	sim_counters_register(dev_net(nic->dev)->node, &nic->ethtool_set,
			      simnic_ethtool_kind(nic));
}

int simnic_reconfigure(struct simnic *nic, const struct sim_nic_config *cfg,
		       struct sim_err *err)
{
	struct sim_nic_config next;
	bool running = netif_running(nic->dev);

	if (simnic_config(cfg, &next, err) < 0)
		return -EINVAL;
	if (next.queues > nic->dev->num_tx_queues)
		return sim_err_set(err, "Cannot set device channel parameters: Invalid argument"),
		       -EINVAL;
	/* like a driver: stop, reallocate the rings, start again */
	if (running)
		simnic_stop(nic->dev);
	simnic_stats_unregister(nic);
	simnic_rings_free(nic);
	nic->cfg = next;
	simnic_rings_alloc(nic);
	simnic_stats_register(nic);
	if (running)
		simnic_open(nic->dev);
	return 0;
}

static void simnic_uninit(struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);

	del_timer(&nic->watchdog_timer);
	simnic_stats_unregister(nic);
	simnic_rings_free(nic);
	cable_detach(nic->cable, nic->side);
	g_free(nic->rss);
	nic->rss = NULL;
}

static int simnic_init(struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);

	simnic_rings_alloc(nic);
	simnic_stats_register(nic);
	return 0;
}

/* ---- the "cable" link kind ---------------------------------------------- */

static void simnic_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->max_mtu = SIMNIC_MAX_MTU;
	dev->netdev_ops = &simnic_netdev_ops;
	dev->ethtool_ops = &simnic_ethtool_ops;
}

static struct net_device *simnic_create(struct net *net, struct cable *c, int side,
					const struct sim_link_config *cfg,
					const struct sim_nic_config *nc, struct sim_err *err)
{
	struct net_device *dev = alloc_netdev_mqs(net, sizeof(struct simnic), "eth%d",
						  NET_NAME_ENUM, simnic_setup, nc->queues,
						  nc->queues);
	struct simnic *nic = netdev_priv(dev);

	nic->dev = dev;
	nic->cable = c;
	nic->side = side;
	nic->cfg = *nc;
	sim_event_init(&nic->tx_done_ev, simnic_tx_done);
	timer_setup(net->w, &nic->watchdog_timer, simnic_watchdog, 0);
	dev->speed_mbps = c->rate_bps / 1000000;
	if (cfg->mtu)
		dev->mtu = cfg->mtu;
	if (cfg->txqueuelen >= 0)
		dev->tx_queue_len = (unsigned int)cfg->txqueuelen;
	if (register_netdevice(dev, err) < 0) {
		free_netdev(dev);
		return NULL;
	}
	netif_carrier_off(dev);		/* until the link is up, as drivers do at probe */
	eth_hw_addr_random(dev);
	memcpy(dev->perm_addr, dev->dev_addr, ETH_ALEN);
	dev->addr_assign_type = NET_ADDR_PERM;
	cable_attach(c, side, nic, &simnic_port_ops);
	cable_set_owner(c, side, net->node, dev->name);
	return dev;
}

static void cable_link_release(struct sim_link *link)
{
	cable_destroy(link->priv);
}

/* net:fail() on a cable link: see cable.h and docs/lua-api.md "Faults". */
static void cable_link_fault(struct sim_link *link, const struct sim_link_fault *f)
{
	struct cable *c = link->priv;

	cable_stats_publish(c);		/* cable.<ifname>.* from now on */
	switch (f->kind) {
	case SIM_FAULT_DOWN:
		cable_cut(c, f->on);
		break;
	case SIM_FAULT_RESET:
		if (c->end[f->side].port)
			simnic_reset(c->end[f->side].port, f->on);
		break;
	case SIM_FAULT_CORRUPT:
		cable_faults(c)->corrupt = f->on ? f->rate : 0;
		cable_faults(c)->corrupt_fcs_ok = f->fcs_ok;
		break;
	case SIM_FAULT_DUPLICATE:
		cable_faults(c)->duplicate = f->on ? f->rate : 0;
		break;
	case SIM_FAULT_REORDER:
		cable_faults(c)->reorder = f->on ? f->rate : 0;
		cable_faults(c)->reorder_gap = f->gap;
		break;
	}
}

static int cable_link_create(struct world *w, const struct sim_link_config *cfg,
			     struct sim_link *link, struct sim_err *err)
{
	struct sim_nic_config nc;
	struct net_device *devs[2] = { NULL, NULL };
	struct cable *c;

	if (simnic_config(&cfg->nic, &nc, err) < 0)
		return -1;
	if (cfg->mtu && (cfg->mtu < ETH_MIN_MTU || cfg->mtu > SIMNIC_MAX_MTU))
		return sim_err_set(err, "mtu %u: from %d to %d", cfg->mtu, ETH_MIN_MTU,
				   SIMNIC_MAX_MTU);
	link->rate_bps = cfg->rate_bps ? cfg->rate_bps : 1000000000ULL;
	c = cable_create(w, link->rate_bps, cfg->delay, cfg->loss, link->id);
	link->priv = c;
	for (int i = 0; i < 2; i++) {
		devs[i] = simnic_create(link->node[i]->net, c, i, cfg, &nc, err);
		if (!devs[i]) {
			if (i) {
				unregister_netdevice(devs[0]);
				free_netdev(devs[0]);
			}
			return -1;
		}
		g_strlcpy(link->ifname[i], devs[i]->name, sizeof(link->ifname[i]));
	}
	return 0;
}

const struct sim_link_kind simnic_cable_link_kind = {
	.name = "cable",
	.create = cable_link_create,
	.release = cable_link_release,	/* cable_destroy(NULL) is a no-op */
	.fault = cable_link_fault,
};

/* ---- ethtool ------------------------------------------------------------- */

static void simnic_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct simnic *nic = netdev_priv(dev);

	g_strlcpy(info->driver, "simnic", sizeof(info->driver));
	g_strlcpy(info->version, "6.1.0", sizeof(info->version));
	g_strlcpy(info->fw_version, "1.0", sizeof(info->fw_version));
	snprintf(info->bus_info, sizeof(info->bus_info), "0000:00:%02x.%u",
		 (unsigned int)(nic->cable ? 3 + dev->ifindex : 0) & 0x1f, 0u);
}

static int simnic_get_link_ksettings(struct net_device *dev, struct ethtool_link_ksettings *ks)
{
	struct simnic *nic = netdev_priv(dev);
	bool up = netif_carrier_ok(dev);

	ks->speed = up ? (u32)(nic->cable->rate_bps / 1000000) : SPEED_UNKNOWN;
	ks->duplex = up ? DUPLEX_FULL : DUPLEX_UNKNOWN;
	ks->port = PORT_TP;
	ks->autoneg = 1;
	ks->link = up;
	return 0;
}

static void simnic_get_ringparam(struct net_device *dev, struct ethtool_ringparam *ring)
{
	struct simnic *nic = netdev_priv(dev);

	ring->rx_max_pending = ring->tx_max_pending = SIMNIC_MAX_RING;
	ring->rx_pending = nic->cfg.rx_ring;
	ring->tx_pending = nic->cfg.tx_ring;
}

static int simnic_set_ringparam(struct net_device *dev, const struct ethtool_ringparam *ring,
				struct sim_err *err)
{
	struct simnic *nic = netdev_priv(dev);
	struct sim_nic_config cfg = nic->cfg;

	cfg.rx_ring = ring->rx_pending;
	cfg.tx_ring = ring->tx_pending;
	return simnic_reconfigure(nic, &cfg, err);
}

static void simnic_get_channels(struct net_device *dev, struct ethtool_channels *ch)
{
	struct simnic *nic = netdev_priv(dev);

	ch->max_combined = dev->num_tx_queues;
	ch->combined_count = nic->nqueues;
}

static int simnic_set_channels(struct net_device *dev, const struct ethtool_channels *ch,
			       struct sim_err *err)
{
	struct simnic *nic = netdev_priv(dev);
	struct sim_nic_config cfg = nic->cfg;

	if (ch->combined_count == 0 || ch->combined_count > dev->num_tx_queues)
		return sim_err_set(err, "Cannot set device channel parameters: Invalid argument"),
		       -EINVAL;
	cfg.queues = ch->combined_count;
	return simnic_reconfigure(nic, &cfg, err);
}

static int simnic_get_coalesce(struct net_device *dev, struct ethtool_coalesce *ec)
{
	struct simnic *nic = netdev_priv(dev);

	ec->rx_coalesce_usecs = (u32)nic->cfg.rx_usecs;
	ec->rx_max_coalesced_frames = (u32)nic->cfg.rx_frames;
	ec->use_napi = nic->cfg.napi;
	return 0;
}

static int simnic_set_coalesce(struct net_device *dev, const struct ethtool_coalesce *ec,
			       struct sim_err *err)
{
	struct simnic *nic = netdev_priv(dev);

	(void)err;
	/* coalescing takes effect at the next interrupt, no reset needed */
	nic->cfg.rx_usecs = (int)ec->rx_coalesce_usecs;
	nic->cfg.rx_frames = (int)ec->rx_max_coalesced_frames;
	nic->cfg.napi = ec->use_napi;
	return 0;
}

static int simnic_get_sset_count(struct net_device *dev)
{
	struct simnic *nic = netdev_priv(dev);

	return (int)nic->ethtool_set.kind->n;
}

static void simnic_get_strings(struct net_device *dev, const char **names)
{
	struct simnic *nic = netdev_priv(dev);

	for (unsigned int i = 0; i < nic->ethtool_set.kind->n; i++)
		names[i] = nic->ethtool_set.kind->names[i];
}

static void simnic_get_ethtool_stats(struct net_device *dev, u64 *data)
{
	struct simnic *nic = netdev_priv(dev);

	for (unsigned int i = 0; i < nic->ethtool_set.kind->n; i++)
		data[i] = simnic_stat_read(&nic->ethtool_set, i);
}

static u32 simnic_get_rxfh_indir_size(struct net_device *dev)
{
	(void)dev;
	return RSS_INDIR_SIZE;
}

static u32 simnic_get_rxfh_key_size(struct net_device *dev)
{
	(void)dev;
	return RSS_KEY_SIZE;
}

static int simnic_get_rxfh(struct net_device *dev, u32 *indir, u8 *key)
{
	struct simnic *nic = netdev_priv(dev);
	u8 dflt[RSS_INDIR_SIZE];
	const u8 *table = nic->rss ? nic->rss->indir : dflt;

	if (!nic->rss)
		rss_indir_default(dflt, nic->nqueues);
	if (indir)
		for (unsigned int i = 0; i < RSS_INDIR_SIZE; i++)
			indir[i] = table[i];
	if (key)
		memcpy(key, nic->rss ? nic->rss->key : rss_default_key, RSS_KEY_SIZE);
	return 0;
}

static int simnic_set_rxfh(struct net_device *dev, const u32 *indir, const u8 *key,
			   struct sim_err *err)
{
	struct simnic *nic = netdev_priv(dev);
	struct simnic_rss *rss;

	if (indir)
		for (unsigned int i = 0; i < RSS_INDIR_SIZE; i++)
			if (indir[i] >= nic->nqueues)
				return sim_err_set(err, "Cannot set RX flow hash configuration: "
						   "Invalid argument"), -EINVAL;
	if (!indir && !key)
		return 0;
	rss = simnic_rss(nic);
	if (indir)
		for (unsigned int i = 0; i < RSS_INDIR_SIZE; i++)
			rss->indir[i] = (u8)indir[i];
	if (key)
		memcpy(rss->key, key, RSS_KEY_SIZE);
	return 0;
}

const struct ethtool_ops simnic_ethtool_ops = {
	.get_drvinfo = simnic_get_drvinfo,
	.get_link_ksettings = simnic_get_link_ksettings,
	.get_ringparam = simnic_get_ringparam,
	.set_ringparam = simnic_set_ringparam,
	.get_channels = simnic_get_channels,
	.set_channels = simnic_set_channels,
	.get_coalesce = simnic_get_coalesce,
	.set_coalesce = simnic_set_coalesce,
	.get_sset_count = simnic_get_sset_count,
	.get_strings = simnic_get_strings,
	.get_ethtool_stats = simnic_get_ethtool_stats,
	.get_rxfh_indir_size = simnic_get_rxfh_indir_size,
	.get_rxfh_key_size = simnic_get_rxfh_key_size,
	.get_rxfh = simnic_get_rxfh,
	.set_rxfh = simnic_set_rxfh,
};
