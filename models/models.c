/*
 * models/models.c - every model module, in the order nodes set them up
 *
 * Mirrors the order of the kernel's pernet initialisation: the namespace
 * first, then the subsystems that hang off it; user-space tools last.
 * Teardown runs in reverse.
 */
#include "models.h"

#include "apps/apps.h"

extern const struct sim_module net_ns_module;
extern const struct sim_module drivers_module;
extern const struct sim_module inet_module;
extern const struct sim_module pktgen_module;
extern const struct sim_module packet_module;
extern const struct sim_module bridge_module;

const struct sim_module *const skbsim_modules[] = {
	&net_ns_module,
	&drivers_module,
	&inet_module,
	&pktgen_module,
	&packet_module,
	&bridge_module,
	&apps_module,
	NULL,
};
