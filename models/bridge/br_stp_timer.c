/*
 * models/bridge/br_stp_timer.c - the 802.1D timers
 *
 * Mirrors net/bridge/br_stp_timer.c: per bridge the hello timer (send
 * config BPDUs every hello time while root), the TCN timer (repeat the
 * topology change notification until the root acknowledges) and the
 * topology change timer (how long the root sets the flag); per port the
 * message age timer (information heard on the port expires after max
 * age), the forward delay timer (listening -> learning -> forwarding) and
 * the hold timer (at most one config BPDU per second).
 *
 * Differences: the kernel's br_debug lines are not kept; br->gc_timer is
 * the FDB's (br_fdb.c) and is not set up here.
 */
#include "br_private.h"
#include "br_private_stp.h"

/* Is the bridge designated for some enabled port?  Only then does a
 * port reaching forwarding change the topology others see. */
static bool br_is_designated_for_some_port(const struct net_bridge *br)
{
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED &&
		    !memcmp(&p->designated_bridge, &br->bridge_id, 8))
			return true;
	}
	return false;
}

static void br_hello_timer_expired(struct timer_list *t)
{
	struct net_bridge *br = from_timer(br, t, hello_timer);

	if (!(br->dev->flags & IFF_UP))
		return;
	br_config_bpdu_generation(br);
	if (br->stp_enabled == BR_KERNEL_STP)
		mod_timer(&br->hello_timer,
			  sim_round_jiffies(br_world(br), br_jiffies(br) + br->hello_time));
}

/* Nothing heard from the designated bridge for max age: it is gone, so
 * we take the segment over and recompute the tree. */
static void br_message_age_timer_expired(struct timer_list *t)
{
	struct net_bridge_port *p = from_timer(p, t, message_age_timer);
	struct net_bridge *br = p->br;
	bool was_root;

	if (p->state == BR_STATE_DISABLED)
		return;

	was_root = br_is_root_bridge(br);
	br_become_designated_port(p);
	br_configuration_update(br);
	br_port_state_selection(br);
	if (br_is_root_bridge(br) && !was_root)
		br_become_root_bridge(br);
}

static void br_forward_delay_timer_expired(struct timer_list *t)
{
	struct net_bridge_port *p = from_timer(p, t, forward_delay_timer);
	struct net_bridge *br = p->br;

	if (p->state == BR_STATE_LISTENING) {
		br_set_state(p, BR_STATE_LEARNING);
		mod_timer(&p->forward_delay_timer, br_jiffies(br) + br->forward_delay);
	} else if (p->state == BR_STATE_LEARNING) {
		br_set_state(p, BR_STATE_FORWARDING);
		if (br_is_designated_for_some_port(br))
			br_topology_change_detection(br);
		netif_carrier_on(br->dev);
	}
}

static void br_tcn_timer_expired(struct timer_list *t)
{
	struct net_bridge *br = from_timer(br, t, tcn_timer);

	if (!br_is_root_bridge(br) && (br->dev->flags & IFF_UP)) {
		br_transmit_tcn(br);
		mod_timer(&br->tcn_timer, br_jiffies(br) + br->bridge_hello_time);
	}
}

static void br_topology_change_timer_expired(struct timer_list *t)
{
	struct net_bridge *br = from_timer(br, t, topology_change_timer);

	br->topology_change_detected = 0;
	__br_set_topology_change(br, 0);
}

static void br_hold_timer_expired(struct timer_list *t)
{
	struct net_bridge_port *p = from_timer(p, t, hold_timer);

	if (p->config_pending)
		br_transmit_config(p);
}

void br_stp_timer_init(struct net_bridge *br)
{
	struct world *w = br_world(br);

	timer_setup(w, &br->hello_timer, br_hello_timer_expired, 0);
	timer_setup(w, &br->tcn_timer, br_tcn_timer_expired, 0);
	timer_setup(w, &br->topology_change_timer, br_topology_change_timer_expired, 0);
}

void br_stp_port_timer_init(struct net_bridge_port *p)
{
	struct world *w = br_world(p->br);

	timer_setup(w, &p->message_age_timer, br_message_age_timer_expired, 0);
	timer_setup(w, &p->forward_delay_timer, br_forward_delay_timer_expired, 0);
	timer_setup(w, &p->hold_timer, br_hold_timer_expired, 0);
}

/*
 * br_timer_value - what `ip -d link` and `brctl showstp` print of a timer
 *
 * Hundredths of a second left, 0 when the timer is not running.  Counted
 * from the expiry asked for (as the kernel's timer->expires), not from the
 * later tick the timer wheel will actually run it at.
 */
unsigned long br_timer_value(const struct timer_list *timer)
{
	long left;

	if (!timer_pending(timer))
		return 0;
	left = (long)(timer->expires - sim_jiffies(timer->w));
	if (left < 0)
		left = 0;
	return (unsigned long)left * 100 / timer->w->hz;
}
