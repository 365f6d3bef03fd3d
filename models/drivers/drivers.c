/*
 * models/drivers/drivers.c - the hardware models' module: link kinds
 *
 * No kernel counterpart: the media a scenario can join nodes with,
 * net:link(a, b, { kind = "cable" }) (a simnic on each end) and
 * { kind = "veth" }.
 */
#include "sim/world.h"

extern const struct sim_link_kind simnic_cable_link_kind;
extern const struct sim_link_kind veth_link_kind;

static const struct sim_link_kind *const drivers_link_kinds[] = {
	&simnic_cable_link_kind,
	&veth_link_kind,
	NULL,
};

const struct sim_module drivers_module = {
	.name = "drivers",
	.link_kinds = drivers_link_kinds,
};
