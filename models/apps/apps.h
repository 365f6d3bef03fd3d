/*
 * models/apps/apps.h - user-space commands and programs of a simulated node
 *
 * No kernel counterpart: these are the tools (sysctl, hostname, sleep,
 * later ip, ping, ethtool...) whose parsers and output formats follow the
 * real ones.  Each file exports its command or program; apps.c lists them.
 */
#ifndef SKBSIM_MODELS_APPS_H
#define SKBSIM_MODELS_APPS_H

#include "sim/proc.h"
#include "sim/sh.h"

extern const struct sim_command sysctl_command;
extern const struct sim_command hostname_command;
extern const struct sim_program sleep_program;

extern const struct sim_module apps_module;

#endif
