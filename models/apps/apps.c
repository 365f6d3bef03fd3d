/*
 * models/apps/apps.c - the module that registers user-space tools
 *
 * No kernel counterpart (see apps.h).  A new tool adds one line here.
 */
#include "apps.h"

static const struct sim_command *const apps_commands[] = {
	&hostname_command,
	&sysctl_command,
	NULL,
};

static const struct sim_program *const apps_programs[] = {
	&sleep_program,
	NULL,
};

const struct sim_module apps_module = {
	.name = "apps",
	.commands = apps_commands,
	.programs = apps_programs,
};
