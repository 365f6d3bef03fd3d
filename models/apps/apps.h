/*
 * models/apps/apps.h - user-space commands and programs of a simulated node
 *
 * No kernel counterpart: these are the tools (sysctl, hostname, sleep, ip,
 * tc, ethtool...) whose parsers and output formats follow the real ones.
 * Each file exports its command or program; apps.c lists them.
 */
#ifndef SKBSIM_MODELS_APPS_H
#define SKBSIM_MODELS_APPS_H

#include <stdbool.h>

#include "sim/proc.h"
#include "sim/sh.h"

extern const struct sim_command sysctl_command;
extern const struct sim_command hostname_command;
extern const struct sim_command ip_command;
extern const struct sim_command tc_command;
extern const struct sim_command ethtool_command;
extern const struct sim_program sleep_program;

extern const struct sim_module apps_module;

/* procfs_net.c: /proc/net/dev and /proc/net/softnet_stat of a node */
int procfs_net_init(struct node *node, struct sim_err *err);

/*
 * ---- iproute2's lib/utils.c, shared by ip and tc (ip.c) -----------------
 *
 * One invocation of ip or tc: where it prints, the global options, and
 * the exit status once a helper has failed.  iproute2 exit()s from deep
 * inside its parsers; here the helpers print the same message, set
 * @status and return -1, and every caller passes the -1 up.
 */
struct net;
struct net_device;

struct iproute {
	struct sim_sh *sh;
	struct net *net;
	int status;			/* exit status once something failed */
	int show_stats;			/* -s, counted: -s -s shows error details */
	int show_details;		/* -d */
	int brief;			/* -br */
	int oneline;			/* -o */
	int human;			/* -h: 1.2k instead of 1234 */
	int iec;			/* -iec: powers of 1024 */
	int raw;			/* tc -r */
	const char *sl;			/* iproute2's _SL_: "\n", or "\\" with -o */
};

/* matches(): whether @prefix (non-empty) abbreviates @string; 0 when it does. */
int ipr_matches(const char *prefix, const char *string);
/* get_integer/get_unsigned/get_u32: 0, or -1 for a malformed or out-of-range value. */
int ipr_get_integer(int *val, const char *arg, int base);
int ipr_get_unsigned(unsigned int *val, const char *arg, int base);
int ipr_get_u32(unsigned int *val, const char *arg, int base);
/* The messages of invarg(), duparg(), duparg2(), incomplete_command(): status 255. */
int ipr_invarg(struct iproute *r, const char *msg, const char *arg);
int ipr_duparg(struct iproute *r, const char *key, const char *arg);
int ipr_duparg2(struct iproute *r, const char *key, const char *arg);
int ipr_incomplete(struct iproute *r);
/* nodev(): `Cannot find device "eth9"`, status 1. */
int ipr_nodev(struct iproute *r, const char *dev);
/* check_ifname(): 0 when @name could name a device. */
int ipr_check_ifname(const char *name);
/* Prints a model's error message (RTNETLINK answers: / Error: ...), status 2. */
int ipr_rtnl_error(struct iproute *r, const char *msg);

/* NEXT_ARG(): the next word, or "Command line is not complete" (status 255). */
#define IPR_NEXT_ARG(r, argc, argv)					\
	do {								\
		(argv)++;						\
		if (--(argc) <= 0)					\
			return ipr_incomplete(r);			\
	} while (0)

/* ---- ip link (ip_link.c), called by ip.c's object table ---------------- */
int do_iplink(struct iproute *r, int argc, char **argv);

#endif
