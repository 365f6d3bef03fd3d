/*
 * models/apps/iplink_bridge.h - ip link's bridge and bridge_slave types
 *
 * The parsers and printers of iplink_bridge.c that ip_link.c calls; the
 * kernel side they fill in is models/bridge/br_netlink.c.
 */
#ifndef SKBSIM_APPS_IPLINK_BRIDGE_H
#define SKBSIM_APPS_IPLINK_BRIDGE_H

#include <glib.h>

#include "../bridge/br_private.h"

struct iproute;

/* The words after "type bridge" / "type bridge_slave"; 0 or -1 (printed, status set). */
int bridge_parse_opt(struct iproute *r, int argc, char **argv, struct br_link_opts *o);
int bridge_slave_parse_opt(struct iproute *r, int argc, char **argv, struct br_port_opts *o);
/* -d: what follows "bridge " / "bridge_slave " */
void bridge_print_opt(GString *out, struct net_device *dev);
void bridge_slave_print_opt(GString *out, struct net_device *dev);

#endif
