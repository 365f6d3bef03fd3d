/*
 * models/apps/apps.c - the module that registers user-space tools
 *
 * No kernel counterpart (see apps.h).  A new tool adds one line here.
 * Per node it also adds the /proc/net files the tools' users read
 * (procfs_net.c), once the namespace and its devices exist.
 */
#include "apps.h"

static const struct sim_command *const apps_commands[] = {
	&ethtool_command,
	&hostname_command,
	&ip_command,
	&sysctl_command,
	&tc_command,
	NULL,
};

static const struct sim_program *const apps_programs[] = {
	&sleep_program,
	NULL,
};

static int apps_node_init(struct node *node, struct sim_err *err)
{
	return procfs_net_init(node, err);
}

const struct sim_module apps_module = {
	.name = "apps",
	.node_init = apps_node_init,
	.commands = apps_commands,
	.programs = apps_programs,
};
