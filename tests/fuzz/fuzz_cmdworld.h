/*
 * tests/fuzz/fuzz_cmdworld.h - the world the command harnesses type into
 */
#ifndef SKBSIM_FUZZ_CMDWORLD_H
#define SKBSIM_FUZZ_CMDWORLD_H

#include "fuzz_world.h"

/* The current world (h, r, sw), replaced every FZ_RESET_EVERY calls. */
struct world *fz_cmd_world(void);
/* Changes whenever fz_cmd_world() made a new world (for caches). */
unsigned int fz_cmd_world_generation(void);

#endif
