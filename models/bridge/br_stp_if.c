/*
 * models/bridge/br_stp_if.c - STP as the rest of the bridge sees it
 *
 * Mirrors net/bridge/br_stp_if.c: starting and stopping STP with the
 * bridge device (br_stp_enable_bridge/disable_bridge) and with each port
 * (br_stp_enable_port/disable_port, from the netdevice notifier), turning
 * it on and off (`ip link set br0 type bridge stp_state 1`), and the ids:
 * the bridge id is priority + the lowest port MAC unless the user set an
 * address; a port id is the port priority << BR_PORT_BITS | port number.
 *
 * Differences: BR_USER_STP never happens (no /sbin/bridge-stp helper: the
 * kernel falls back to kernel STP when it cannot run it, and always does
 * so outside init_net, which is every node here).
 */
#include <errno.h>

#include "br_private.h"
#include "br_private_stp.h"

static port_id br_make_port_id(u8 priority, u16 port_no)
{
	return ((u16)priority << BR_PORT_BITS) | (port_no & ((1 << BR_PORT_BITS) - 1));
}

/* A port starts as designated for its segment, blocking. */
void br_init_port(struct net_bridge_port *p)
{
	p->port_id = br_make_port_id(p->priority, p->port_no);
	br_become_designated_port(p);
	br_set_state(p, BR_STATE_BLOCKING);
	p->topology_change_ack = 0;
	p->config_pending = 0;
}

/* br0 came up: hello timer (STP on), FDB gc, ports that are up join. */
void br_stp_enable_bridge(struct net_bridge *br)
{
	struct net_bridge_port *p;
	unsigned long now = br_jiffies(br);

	if (br->stp_enabled == BR_KERNEL_STP)
		mod_timer(&br->hello_timer, now + br->hello_time);
	if (br->gc_timer.function)
		mod_timer(&br->gc_timer, now + br_world(br)->hz / 10);

	br_config_bpdu_generation(br);

	list_for_each_entry(p, &br->port_list, list) {
		if (netif_running(p->dev) && netif_oper_up(p->dev))
			br_stp_enable_port(p);
	}
}

/* br0 went down: every port disabled, timers stopped. */
void br_stp_disable_bridge(struct net_bridge *br)
{
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED)
			br_stp_disable_port(p);
	}

	__br_set_topology_change(br, 0);
	br->topology_change_detected = 0;

	del_timer_sync(&br->hello_timer);
	del_timer_sync(&br->topology_change_timer);
	del_timer_sync(&br->tcn_timer);
	if (br->gc_timer.function)
		del_timer_sync(&br->gc_timer);
}

void br_stp_enable_port(struct net_bridge_port *p)
{
	br_init_port(p);
	br_port_state_selection(p->br);
}

/* A port went down (or left): it forgets what it heard, its stations are
 * flushed, and the tree is recomputed without it. */
void br_stp_disable_port(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;
	bool was_root = br_is_root_bridge(br);

	br_become_designated_port(p);
	br_set_state(p, BR_STATE_DISABLED);
	p->topology_change_ack = 0;
	p->config_pending = 0;

	del_timer(&p->message_age_timer);
	del_timer(&p->forward_delay_timer);
	del_timer(&p->hold_timer);

	br_fdb_delete_by_port(br, p, 0, 0);

	br_configuration_update(br);
	br_port_state_selection(br);
	if (br_is_root_bridge(br) && !was_root)
		br_become_root_bridge(br);
}

/* Kernel STP from now on: forward delay pulled into its STP range, the
 * hello timer started, and ports left blocking start their timers. */
static void br_stp_start(struct net_bridge *br)
{
	unsigned int hz = br_world(br)->hz;
	unsigned long min_fd = BR_MIN_FORWARD_DELAY_CS * hz / 100;
	unsigned long max_fd = BR_MAX_FORWARD_DELAY_CS * hz / 100;

	if (br->bridge_forward_delay < min_fd)
		__br_set_forward_delay(br, min_fd);
	else if (br->bridge_forward_delay > max_fd)
		__br_set_forward_delay(br, max_fd);

	br->stp_enabled = BR_KERNEL_STP;
	if (br->dev->flags & IFF_UP)
		mod_timer(&br->hello_timer, br_jiffies(br) + br->hello_time);
	br_port_state_selection(br);
}

/* Only the flag changes: ports keep their state, and the ones blocking
 * reach forwarding when what they heard ages out (message age timer),
 * since BPDUs are no longer processed - as on Linux. */
static void br_stp_stop(struct net_bridge *br)
{
	br->stp_enabled = BR_NO_STP;
}

int br_stp_set_enabled(struct net_bridge *br, unsigned long val, struct sim_err *err)
{
	(void)err;
	if (val) {
		if (br->stp_enabled == BR_NO_STP)
			br_stp_start(br);
	} else if (br->stp_enabled != BR_NO_STP) {
		br_stp_stop(br);
	}
	return 0;
}

/* The bridge id (and br0's address) became @addr: ports that recorded
 * our old id as designated bridge or root now hold the new one. */
void br_stp_change_bridge_id(struct net_bridge *br, const unsigned char *addr)
{
	unsigned char oldaddr[ETH_ALEN];
	struct net_bridge_port *p;
	bool was_root = br_is_root_bridge(br);

	br_fdb_change_mac_address(br, addr);	/* br0's own local entries */

	memcpy(oldaddr, br->bridge_id.addr, ETH_ALEN);
	memcpy(br->bridge_id.addr, addr, ETH_ALEN);
	dev_addr_set(br->dev, addr);

	list_for_each_entry(p, &br->port_list, list) {
		if (ether_addr_equal(p->designated_bridge.addr, oldaddr))
			memcpy(p->designated_bridge.addr, addr, ETH_ALEN);
		if (ether_addr_equal(p->designated_root.addr, oldaddr))
			memcpy(p->designated_root.addr, addr, ETH_ALEN);
	}

	br_configuration_update(br);
	br_port_state_selection(br);
	if (br_is_root_bridge(br) && !was_root)
		br_become_root_bridge(br);
}

/*
 * br_stp_recalculate_bridge_id - the lowest port MAC becomes the bridge id
 *
 * Return: true if the id (and br0's address) changed.  An address the user
 * set on br0 (NET_ADDR_SET) is kept; with no ports the id stays as it is.
 */
bool br_stp_recalculate_bridge_id(struct net_bridge *br)
{
	const unsigned char *addr = NULL;
	struct net_bridge_port *p;

	if (br->dev->addr_assign_type == NET_ADDR_SET)
		return false;

	list_for_each_entry(p, &br->port_list, list) {
		if (!addr || memcmp(p->dev->dev_addr, addr, ETH_ALEN) < 0)
			addr = p->dev->dev_addr;
	}
	if (!addr || ether_addr_equal(br->bridge_id.addr, addr))
		return false;

	br_stp_change_bridge_id(br, addr);
	return true;
}

/* `ip link set br0 type bridge priority N` / `brctl setbridgeprio` */
void br_stp_set_bridge_priority(struct net_bridge *br, u16 newprio)
{
	struct net_bridge_port *p;
	bool was_root = br_is_root_bridge(br);

	list_for_each_entry(p, &br->port_list, list) {
		if (p->state != BR_STATE_DISABLED && br_is_designated_port(p)) {
			p->designated_bridge.prio[0] = (newprio >> 8) & 0xff;
			p->designated_bridge.prio[1] = newprio & 0xff;
		}
	}

	br->bridge_id.prio[0] = (newprio >> 8) & 0xff;
	br->bridge_id.prio[1] = newprio & 0xff;
	br_configuration_update(br);
	br_port_state_selection(br);
	if (br_is_root_bridge(br) && !was_root)
		br_become_root_bridge(br);
}

/* `ip link set eth0 type bridge_slave priority N`: 0..63; -ERANGE else. */
int br_stp_set_port_priority(struct net_bridge_port *p, unsigned long newprio)
{
	port_id new_port_id;

	if (newprio > BR_MAX_PORT_PRIORITY)
		return -ERANGE;

	new_port_id = br_make_port_id(newprio, p->port_no);
	if (br_is_designated_port(p))
		p->designated_port = new_port_id;

	p->port_id = new_port_id;
	p->priority = newprio;
	if (!memcmp(&p->br->bridge_id, &p->designated_bridge, 8) &&
	    p->port_id < p->designated_port) {
		br_become_designated_port(p);
		br_port_state_selection(p->br);
	}
	return 0;
}

/* `... bridge_slave cost N`: 1..65535, then fixed (BR_ADMIN_COST): a
 * speed change no longer recomputes it. */
int br_stp_set_path_cost(struct net_bridge_port *p, unsigned long path_cost)
{
	if (path_cost < BR_MIN_PATH_COST || path_cost > BR_MAX_PATH_COST)
		return -ERANGE;

	p->flags |= BR_ADMIN_COST;
	p->path_cost = path_cost;
	br_configuration_update(p->br);
	br_port_state_selection(p->br);
	return 0;
}
