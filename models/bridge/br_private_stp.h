/*
 * models/bridge/br_private_stp.h - what the four STP files share
 *
 * Mirrors net/bridge/br_private_stp.h: BPDU types, the helpers that compare
 * a port's designated information with the bridge's, and the functions the
 * STP files call in one another.  The rest of the bridge only needs the
 * STP prototypes of br_private.h.
 *
 * Differences: no USER_HZ in the simulator; clock_t (what `ip -d link`,
 * brctl and netlink carry) is hundredths of a second, converted with the
 * node's HZ here.
 */
#ifndef _SKBSIM_BR_PRIVATE_STP_H
#define _SKBSIM_BR_PRIVATE_STP_H

#include "br_private.h"
#include "net/net_namespace.h"

#define BPDU_TYPE_CONFIG	0x00
#define BPDU_TYPE_TCN		0x80

/* 802.1D 9.3: config BPDU 35 bytes, TCN 4, after the 3-byte LLC header */
#define BR_BPDU_CONFIG_LEN	35
#define BR_BPDU_TCN_LEN		4
#define BR_LLC_LEN		3
#define LLC_SAP_BSPAN		0x42	/* the Bridge Spanning Tree SAP */
#define LLC_PDU_UI		0x03	/* unnumbered information command */
#define STP_HZ			256	/* BPDU times are in 1/256 s */

/* br_stp_set_path_cost: the range netlink and brctl accept */
#define BR_MIN_PATH_COST	1
#define BR_MAX_PATH_COST	65535
/* eight bits of port id are left for the priority, of which 6 survive
 * BR_PORT_BITS = 10: priorities 0..63 */
#define BR_MAX_PORT_PRIORITY	((u16)~0 >> BR_PORT_BITS)

static inline struct world *br_world(const struct net_bridge *br)
{
	return net_world(dev_net(br->dev));
}

static inline unsigned long br_jiffies(const struct net_bridge *br)
{
	return sim_jiffies(br_world(br));
}

/* The message age a relayed BPDU gains: at least one STP tick, so that
 * a BPDU never comes back with the age it left with. */
static inline unsigned long br_message_age_incr(const struct net_bridge *br)
{
	return br_world(br)->hz / STP_HZ + 1;
}

/* clock_t (1/100 s) <-> jiffies of the bridge's node */
static inline unsigned long br_clock_t_to_jiffies(const struct net_bridge *br, unsigned long cs)
{
	return cs * br_world(br)->hz / 100;
}

static inline unsigned long br_jiffies_to_clock_t(const struct net_bridge *br, unsigned long j)
{
	return j * 100 / br_world(br)->hz;
}

/* A port is designated when it is the one that sends the best BPDU onto
 * its segment: the designated bridge and port recorded are our own. */
static inline bool br_is_designated_port(const struct net_bridge_port *p)
{
	return !memcmp(&p->designated_bridge, &p->br->bridge_id, 8) &&
	       p->designated_port == p->port_id;
}

/* br_stp.c */
void br_become_root_bridge(struct net_bridge *br);
void __br_set_topology_change(struct net_bridge *br, unsigned char val);
void __br_set_forward_delay(struct net_bridge *br, unsigned long t);

/* br_stp_bpdu.c */
void br_send_config_bpdu(struct net_bridge_port *p, const struct br_config_bpdu *bpdu);
void br_send_tcn_bpdu(struct net_bridge_port *p);
/* The 35 BPDU bytes (after LLC) of @bpdu, and back; times at @hz. */
void br_encode_config_bpdu(unsigned char *buf, const struct br_config_bpdu *bpdu,
			   unsigned int hz);
void br_decode_config_bpdu(const unsigned char *buf, struct br_config_bpdu *bpdu,
			   unsigned int hz);

#endif
