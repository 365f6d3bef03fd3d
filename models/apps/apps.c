/*
 * models/apps/apps.c - the module that registers user-space tools
 *
 * No kernel counterpart (see apps.h).  A new tool adds one line here.
 * The /proc/net files the tools' users read (procfs_net.c,
 * procfs_ipv4.c) are file systems of the world, served on every node
 * without per-node storage; nstat's history file is the only per-node
 * state, made when nstat first runs and owned by the node's file view,
 * which frees it with the node.
 */
#include "apps.h"

static const struct sim_command *const apps_commands[] = {
	&bridge_command,
	&brctl_command,
	&ethtool_command,
	&hostname_command,
	&ip_command,
	&nstat_command,
	&sysctl_command,
	&tc_command,
	NULL,
};

static const struct sim_program *const apps_programs[] = {
	&ping_program,
	&sleep_program,
	&traceroute_program,
	&tracepath_program,
	&nc_program,
	&iperf_program,
	&udpclient_program,
	&udpserver_program,
	&arping_program,
	NULL,
};

static const struct sim_fs_ops *const apps_fs[] = {
	&procfs_dev_fs_ops,
	&procfs_softnet_fs_ops,
	&procfs_snmp_fs_ops,
	&procfs_netstat_fs_ops,
	&procfs_route_fs_ops,
	&procfs_arp_fs_ops,
	&procfs_arp_cache_fs_ops,
	&procfs_fib_trie_fs_ops,
	&procfs_fib_triestat_fs_ops,
	&etc_iproute2_fs_ops,
	NULL,
};

const struct sim_module apps_module = {
	.name = "apps",
	.commands = apps_commands,
	.programs = apps_programs,
	.fs = apps_fs,
};
