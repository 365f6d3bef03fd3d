/*
 * tests/fuzz/fuzz_world.h - worlds and helpers shared by the fuzz harnesses
 *
 * No kernel counterpart.  Every harness keeps one world alive across
 * inputs (building one costs far more than an input) and replaces it every
 * FZ_RESET_EVERY inputs, so memory stays bounded whatever the inputs make
 * (addresses, routes, files, queued fragments).  At each replacement the
 * old world must end with no live simulator object (skb, process, callout,
 * model object): a leak is reported like a crash, with abort().
 *
 * The harnesses define LLVMFuzzerTestOneInput(); libFuzzer drives it in
 * the SKBSIM_FUZZ build, tests/fuzz/replay.c in the ordinary one.  That
 * entry point takes nothing but the bytes, so each harness keeps its
 * world in a file-scope variable: the one place in the tree where state
 * lives outside a world, and only in these test programs.
 */
#ifndef SKBSIM_FUZZ_WORLD_H
#define SKBSIM_FUZZ_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "sim/world.h"

#define FZ_RESET_EVERY 500

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Called by replay.c after the last input: the world must end clean. */
void fz_harness_end(void);

/* A world named @name with every model module; aborts if it cannot be made. */
struct world *fz_world_new(const char *name);
/* Destroys @w; aborts (a finding) when simulator objects outlive it. */
void fz_world_free(struct world *w);
/* Adds a node of @kind; aborts on failure (the harness's own setup). */
struct node *fz_node(struct world *w, const char *kind, const char *name);
/* Links @a and @b with a medium of @kind ("cable" or "veth"). */
void fz_link(struct world *w, struct node *a, struct node *b, const char *kind);
/* Runs setup lines that must succeed (aborts with their stderr otherwise). */
void fz_sh_ok(struct node *n, const char *text);
/* Runs fuzz-made lines; their status does not matter, only that they return. */
int fz_sh(struct node *n, const char *text);
/* Runs @w for @d more nanoseconds of simulated time. */
void fz_run(struct world *w, sim_time_t d);
/* A NUL-terminated copy of @data (g_free it). */
char *fz_strndup(const uint8_t *data, size_t size);

#endif
