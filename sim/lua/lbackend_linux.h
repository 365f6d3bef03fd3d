/*
 * sim/lua/lbackend_linux.h - the scenario API on the real kernel
 *
 * No kernel counterpart.  `skbsim run --backend=linux` runs a scenario's
 * nodes as network namespaces of the machine it runs on: the same Lua
 * API as sim/lua/lnet.c (skbsim.network, net:link, node:sh, node:spawn,
 * net:run, net:capture...), mapped onto `ip netns`, veth pairs, tc, the
 * real binaries and tcpdump, with outputs in the same out/<name>/ layout.
 * docs/conformance.md describes the mapping and what is skipped.
 */
#ifndef SKBSIM_SIM_LUA_LBACKEND_LINUX_H
#define SKBSIM_SIM_LUA_LBACKEND_LINUX_H

#include <lua.h>
#include <stdbool.h>

/*
 * Whether this process may make network namespaces: root, `ip` on PATH,
 * and a child that can unshare(CLONE_NEWNET) (root in a container may
 * not).  SKBSIM_LINUX_NOROOT=1 in the environment says no, so the refusal
 * path can be tested without dropping privileges.
 */
bool lbackend_linux_available(void);

/* Installs the `skbsim` table (network, now, time, unhex, sleep, args, version). */
void lbackend_linux_open(lua_State *L);

/*
 * The script ended with @status (0: normally): stops every process and
 * capture, fills each network's metrics.db from the real counters and
 * deletes the namespaces.  Call before lua_close().
 */
void lbackend_linux_finish(lua_State *L, int status, const char *error);

#endif
