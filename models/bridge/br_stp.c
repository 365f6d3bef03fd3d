/*
 * models/bridge/br_stp.c - 802.1D spanning tree: roles, states, elections
 *
 * Mirrors net/bridge/br_stp.c: the clause 8.6 procedures of IEEE 802.1D-1998
 * as Linux runs them.  A received configuration BPDU that beats what a port
 * holds is recorded (br_record_config_information), then the root port is
 * chosen (br_root_selection), the designated ports (br_designated_port_
 * selection), and the states follow (br_port_state_selection): root and
 * designated ports walk blocking -> listening -> learning -> forwarding on
 * the forward delay timer, the others block.
 *
 * Bridge and port ids compare as 8 and 2 byte big-endian numbers, so a
 * memcmp of struct bridge_id is the 802.1D ordering (priority, then MAC).
 *
 * Differences: no switchdev offload, no MST/MRP, no multicast snooping;
 * the kernel's "port N(dev) entered S state" lines go nowhere (no per-node
 * kernel log) but every transition is counted in p->stats.stp_transitions.
 * br_ifinfo_notify (RTM_NEWLINK to listeners) has no listeners here.
 */
#include <errno.h>

#include "br_private.h"
#include "br_private_stp.h"

static const char *const br_port_state_names[] = {
	[BR_STATE_DISABLED]	= "disabled",
	[BR_STATE_LISTENING]	= "listening",
	[BR_STATE_LEARNING]	= "learning",
	[BR_STATE_FORWARDING]	= "forwarding",
	[BR_STATE_BLOCKING]	= "blocking",
};

const char *br_port_state_name(unsigned int state)
{
	return state < G_N_ELEMENTS(br_port_state_names) ? br_port_state_names[state] : "unknown";
}

/* The kernel's br_info line; here a transition counted on the port. */
void br_log_state(const struct net_bridge_port *p)
{
	/* const in the kernel's signature: the counter is the model's own */
	((struct net_bridge_port *)p)->stats.stp_transitions++;
}

void br_set_state(struct net_bridge_port *p, unsigned int state)
{
	p->state = state;
	br_log_state(p);
}

/* Would @p be a better root port than the one chosen so far (802.1D
 * 8.6.8.3.1)?  Best root, then lowest cost to it, then the designated
 * bridge and port we hear it through, then our own port id. */
static bool br_should_become_root_port(const struct net_bridge_port *p, u16 root_port)
{
	struct net_bridge *br = p->br;
	struct net_bridge_port *rp;
	int t;

	if (p->state == BR_STATE_DISABLED || br_is_designated_port(p))
		return false;
	/* what the port hears must name a root better than ourselves */
	if (memcmp(&br->bridge_id, &p->designated_root, 8) <= 0)
		return false;
	if (!root_port)
		return true;

	rp = br_get_port(br, root_port);
	t = memcmp(&p->designated_root, &rp->designated_root, 8);
	if (t)
		return t < 0;
	if (p->designated_cost + p->path_cost != rp->designated_cost + rp->path_cost)
		return p->designated_cost + p->path_cost < rp->designated_cost + rp->path_cost;
	t = memcmp(&p->designated_bridge, &rp->designated_bridge, 8);
	if (t)
		return t < 0;
	if (p->designated_port != rp->designated_port)
		return p->designated_port < rp->designated_port;
	return p->port_id < rp->port_id;
}

/* BR_ROOT_BLOCK (root guard): the port may not become root port. */
static void br_root_port_block(const struct net_bridge *br, struct net_bridge_port *p)
{
	br_set_state(p, BR_STATE_LISTENING);
	if (br->forward_delay > 0)
		mod_timer(&p->forward_delay_timer, br_jiffies(br) + br->forward_delay);
}

static void br_root_selection(struct net_bridge *br)
{
	struct net_bridge_port *p;
	u16 root_port = 0;

	list_for_each_entry(p, &br->port_list, list) {
		if (!br_should_become_root_port(p, root_port))
			continue;
		if (p->flags & BR_ROOT_BLOCK)
			br_root_port_block(br, p);
		else
			root_port = p->port_no;
	}

	br->root_port = root_port;
	if (!root_port) {
		br->designated_root = br->bridge_id;
		br->root_path_cost = 0;
	} else {
		p = br_get_port(br, root_port);
		br->designated_root = p->designated_root;
		br->root_path_cost = p->designated_cost + p->path_cost;
	}
}

/* We just became root: our own times rule, and we announce at once. */
void br_become_root_bridge(struct net_bridge *br)
{
	br->max_age = br->bridge_max_age;
	br->hello_time = br->bridge_hello_time;
	br->forward_delay = br->bridge_forward_delay;
	br_topology_change_detection(br);
	del_timer(&br->tcn_timer);

	if (br->dev->flags & IFF_UP) {
		br_config_bpdu_generation(br);
		mod_timer(&br->hello_timer, br_jiffies(br) + br->hello_time);
	}
}

/* 8.6.1: send our configuration on a designated port, at most one BPDU
 * per hold time (the hold timer makes the next one pending). */
void br_transmit_config(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;
	struct br_config_bpdu bpdu;

	if (timer_pending(&p->hold_timer)) {
		p->config_pending = 1;
		return;
	}

	bpdu.topology_change = br->topology_change;
	bpdu.topology_change_ack = p->topology_change_ack;
	bpdu.root = br->designated_root;
	bpdu.root_path_cost = br->root_path_cost;
	bpdu.bridge_id = br->bridge_id;
	bpdu.port_id = p->port_id;
	if (br_is_root_bridge(br)) {
		bpdu.message_age = 0;
	} else {
		struct net_bridge_port *root = br_get_port(br, br->root_port);

		bpdu.message_age = br_jiffies(br) - root->designated_age +
				   br_message_age_incr(br);
	}
	bpdu.max_age = br->max_age;
	bpdu.hello_time = br->hello_time;
	bpdu.forward_delay = br->forward_delay;

	/* information older than max age is not relayed (8.6.1.3.2) */
	if (bpdu.message_age < (int)br->max_age) {
		br_send_config_bpdu(p, &bpdu);
		p->topology_change_ack = 0;
		p->config_pending = 0;
		if (br->stp_enabled == BR_KERNEL_STP)
			mod_timer(&p->hold_timer,
				  sim_round_jiffies(br_world(br), br_jiffies(br) +
						    BR_HOLD_TIME_S * br_world(br)->hz));
	}
}

/* 8.6.2: keep what the better BPDU says; it expires after max age less
 * the age it already had. */
static void br_record_config_information(struct net_bridge_port *p,
					 const struct br_config_bpdu *bpdu)
{
	unsigned long now = br_jiffies(p->br);

	p->designated_root = bpdu->root;
	p->designated_cost = bpdu->root_path_cost;
	p->designated_bridge = bpdu->bridge_id;
	p->designated_port = bpdu->port_id;
	p->designated_age = now - bpdu->message_age;

	mod_timer(&p->message_age_timer, now + (bpdu->max_age - bpdu->message_age));
}

/* 8.6.3: a non-root bridge runs on the root's times. */
static void br_record_config_timeout_values(struct net_bridge *br,
					    const struct br_config_bpdu *bpdu)
{
	br->max_age = bpdu->max_age;
	br->hello_time = bpdu->hello_time;
	br->forward_delay = bpdu->forward_delay;
	__br_set_topology_change(br, bpdu->topology_change);
}

void br_transmit_tcn(struct net_bridge *br)
{
	struct net_bridge_port *p = br_get_port(br, br->root_port);

	if (p)
		br_send_tcn_bpdu(p);
}

/* 8.6.10.3.2: does our bridge offer the segment a better path to the
 * root than the designated bridge the port hears? */
static bool br_should_become_designated_port(const struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;
	int t;

	if (br_is_designated_port(p))
		return true;
	if (memcmp(&p->designated_root, &br->designated_root, 8))
		return true;
	if (br->root_path_cost != p->designated_cost)
		return br->root_path_cost < p->designated_cost;
	t = memcmp(&br->bridge_id, &p->designated_bridge, 8);
	if (t)
		return t < 0;
	return p->port_id < p->designated_port;
}

static void br_designated_port_selection(struct net_bridge *br)
{
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED && br_should_become_designated_port(p))
			br_become_designated_port(p);
	}
}

/* 8.6.2.2: is @bpdu better than what @p holds?  Root, cost, designated
 * bridge, then port; a BPDU from ourselves with an equal or lower port id
 * (our own frame looped back) also counts, as in Linux. */
static bool br_supersedes_port_info(const struct net_bridge_port *p,
				    const struct br_config_bpdu *bpdu)
{
	int t;

	t = memcmp(&bpdu->root, &p->designated_root, 8);
	if (t)
		return t < 0;
	if ((u32)bpdu->root_path_cost != p->designated_cost)
		return (u32)bpdu->root_path_cost < p->designated_cost;
	t = memcmp(&bpdu->bridge_id, &p->designated_bridge, 8);
	if (t)
		return t < 0;
	if (memcmp(&bpdu->bridge_id, &p->br->bridge_id, 8))
		return true;
	return bpdu->port_id <= p->designated_port;
}

static void br_topology_change_acknowledged(struct net_bridge *br)
{
	br->topology_change_detected = 0;
	del_timer(&br->tcn_timer);
}

/*
 * __br_set_topology_change - set the flag that config BPDUs carry
 *
 * While it is set, learned entries age out after 2 x forward delay instead
 * of ageing_time (802.1D 8.3.5: short ageing after a topology change), so
 * stations that moved are relearned on their new ports.
 */
void __br_set_topology_change(struct net_bridge *br, unsigned char val)
{
	if (br->stp_enabled == BR_KERNEL_STP && br->topology_change != val)
		br->ageing_time = val ? 2 * br->forward_delay : br->bridge_ageing_time;
	br->topology_change = val;
}

/* 8.6.14: the root tells everyone (topology change flag for forward delay
 * + max age); another bridge tells the root with TCNs until acked. */
void br_topology_change_detection(struct net_bridge *br)
{
	unsigned long now;

	if (br->stp_enabled != BR_KERNEL_STP)
		return;

	now = br_jiffies(br);
	if (br_is_root_bridge(br)) {
		__br_set_topology_change(br, 1);
		mod_timer(&br->topology_change_timer,
			  now + br->bridge_forward_delay + br->bridge_max_age);
	} else if (!br->topology_change_detected) {
		br_transmit_tcn(br);
		mod_timer(&br->tcn_timer, now + br->bridge_hello_time);
	}
	br->topology_change_detected = 1;
}

void br_config_bpdu_generation(struct net_bridge *br)
{
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED && br_is_designated_port(p))
			br_transmit_config(p);
	}
}

/* 8.6.4: a worse BPDU on our designated port: answer with ours. */
static void br_reply(struct net_bridge_port *p)
{
	br_transmit_config(p);
}

void br_configuration_update(struct net_bridge *br)
{
	br_root_selection(br);
	br_designated_port_selection(br);
}

void br_become_designated_port(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;

	p->designated_root = br->designated_root;
	p->designated_cost = br->root_path_cost;
	p->designated_bridge = br->bridge_id;
	p->designated_port = p->port_id;
}

static void br_make_blocking(struct net_bridge_port *p)
{
	if (p->state == BR_STATE_DISABLED || p->state == BR_STATE_BLOCKING)
		return;
	/* a port that passed frames stops: stations behind it move */
	if (p->state == BR_STATE_FORWARDING || p->state == BR_STATE_LEARNING)
		br_topology_change_detection(p->br);
	br_set_state(p, BR_STATE_BLOCKING);
	del_timer(&p->forward_delay_timer);
}

/* Blocking -> listening on the way to forwarding; with STP off (or a zero
 * forward delay) straight to forwarding, as Linux does. */
static void br_make_forwarding(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;

	if (p->state != BR_STATE_BLOCKING)
		return;

	if (br->stp_enabled == BR_NO_STP || br->forward_delay == 0) {
		br_set_state(p, BR_STATE_FORWARDING);
		br_topology_change_detection(br);
		del_timer(&p->forward_delay_timer);
	} else if (br->stp_enabled == BR_KERNEL_STP) {
		br_set_state(p, BR_STATE_LISTENING);
	} else {
		br_set_state(p, BR_STATE_LEARNING);
	}

	if (br->forward_delay != 0)
		mod_timer(&p->forward_delay_timer, br_jiffies(br) + br->forward_delay);
}

/* 8.6.11: root and designated ports head for forwarding, the rest block;
 * the bridge device has carrier while some port forwards. */
void br_port_state_selection(struct net_bridge *br)
{
	struct net_bridge_port *p;
	unsigned int liveports = 0;

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state == BR_STATE_DISABLED)
			continue;

		if (br->stp_enabled != BR_USER_STP) {
			if (p->port_no == br->root_port) {
				p->config_pending = 0;
				p->topology_change_ack = 0;
				br_make_forwarding(p);
			} else if (br_is_designated_port(p)) {
				del_timer(&p->message_age_timer);
				br_make_forwarding(p);
			} else {
				p->config_pending = 0;
				p->topology_change_ack = 0;
				br_make_blocking(p);
			}
		}
		if (p->state == BR_STATE_FORWARDING)
			++liveports;
	}

	if (liveports == 0)
		netif_carrier_off(br->dev);
	else
		netif_carrier_on(br->dev);
}

static void br_topology_change_acknowledge(struct net_bridge_port *p)
{
	p->topology_change_ack = 1;
	br_transmit_config(p);
}

/* 8.7.1: a configuration BPDU arrived on @p. */
void br_received_config_bpdu(struct net_bridge_port *p, const struct br_config_bpdu *bpdu)
{
	struct net_bridge *br = p->br;
	bool was_root = br_is_root_bridge(br);

	if (br_supersedes_port_info(p, bpdu)) {
		br_record_config_information(p, bpdu);
		br_configuration_update(br);
		br_port_state_selection(br);

		if (!br_is_root_bridge(br) && was_root) {
			del_timer(&br->hello_timer);
			if (br->topology_change_detected) {
				del_timer(&br->topology_change_timer);
				br_transmit_tcn(br);
				mod_timer(&br->tcn_timer, br_jiffies(br) + br->bridge_hello_time);
			}
		}

		if (p->port_no == br->root_port) {
			br_record_config_timeout_values(br, bpdu);
			br_config_bpdu_generation(br);
			if (bpdu->topology_change_ack)
				br_topology_change_acknowledged(br);
		}
	} else if (br_is_designated_port(p)) {
		br_reply(p);
	}
}

/* 8.7.2: a TCN on a designated port: pass it toward the root, ack it. */
void br_received_tcn_bpdu(struct net_bridge_port *p)
{
	if (!br_is_designated_port(p))
		return;
	br_topology_change_detection(p->br);
	br_topology_change_acknowledge(p);
}

/* ---- `ip link set br0 type bridge hello_time|max_age|forward_delay` ---- */

static int br_stp_erange(struct sim_err *err)
{
	sim_err_set(err, "RTNETLINK answers: Numerical result out of range");
	return -ERANGE;
}

int br_set_hello_time(struct net_bridge *br, unsigned long val, struct sim_err *err)
{
	unsigned long t = br_clock_t_to_jiffies(br, val);
	unsigned int hz = br_world(br)->hz;

	if (t < BR_MIN_HELLO_CS * hz / 100 || t > BR_MAX_HELLO_CS * hz / 100)
		return br_stp_erange(err);
	br->bridge_hello_time = t;
	if (br_is_root_bridge(br))
		br->hello_time = t;
	return 0;
}

int br_set_max_age(struct net_bridge *br, unsigned long val, struct sim_err *err)
{
	unsigned long t = br_clock_t_to_jiffies(br, val);
	unsigned int hz = br_world(br)->hz;

	if (t < BR_MIN_MAX_AGE_CS * hz / 100 || t > BR_MAX_MAX_AGE_CS * hz / 100)
		return br_stp_erange(err);
	br->bridge_max_age = t;
	if (br_is_root_bridge(br))
		br->max_age = t;
	return 0;
}

void __br_set_forward_delay(struct net_bridge *br, unsigned long t)
{
	br->bridge_forward_delay = t;
	if (br_is_root_bridge(br))
		br->forward_delay = t;
}

/* The range applies only with STP on: with it off any delay is kept, and
 * br_stp_start() clamps it when STP is turned on. */
int br_set_forward_delay(struct net_bridge *br, unsigned long val, struct sim_err *err)
{
	unsigned long t = br_clock_t_to_jiffies(br, val);
	unsigned int hz = br_world(br)->hz;

	if (br->stp_enabled != BR_NO_STP &&
	    (t < BR_MIN_FORWARD_DELAY_CS * hz / 100 || t > BR_MAX_FORWARD_DELAY_CS * hz / 100))
		return br_stp_erange(err);
	__br_set_forward_delay(br, t);
	return 0;
}

/* `ip link set br0 type bridge ageing_time CS`: no range in the bridge
 * itself; the gc runs at once with the new time. */
int br_set_ageing_time(struct net_bridge *br, unsigned long val_cs, struct sim_err *err)
{
	unsigned long t = br_clock_t_to_jiffies(br, val_cs);

	(void)err;
	br->bridge_ageing_time = t;
	br->ageing_time = t;
	if (br->gc_timer.function)
		mod_timer(&br->gc_timer, br_jiffies(br));
	return 0;
}
