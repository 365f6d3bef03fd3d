/*
 * tests/unit/testlib.h - fixtures shared by the Check suites
 *
 * tl_world() makes a world with every model module (as sim/main.c does);
 * tl_world_free() tears it down and fails the test if any simulator
 * object (process, callout, model object, skb) is still alive.
 */
#ifndef SKBSIM_TESTLIB_H
#define SKBSIM_TESTLIB_H

#include <check.h>
#include <stdint.h>

#include "sim/world.h"

struct world *tl_world(const char *name, uint64_t seed);
/* As tl_world() with only @modules (NULL-terminated), for engine tests. */
struct world *tl_world_with(const char *name, uint64_t seed,
			    const struct sim_module *const *modules);
void tl_world_free(struct world *w);

/* A fresh empty directory under $TMPDIR for outputs; removed by tl_rmtree. */
char *tl_tmpdir(void);
void tl_rmtree(const char *dir);

/* Runs a suite (CK_NORMAL) and returns the process exit status. */
int tl_run_suite(Suite *s);

#endif
