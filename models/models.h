/*
 * models/models.h - the list of model modules handed to the engine
 *
 * sim/main.c (and the tests' fixtures) pass skbsim_modules to
 * world_create(); this is the one place that knows every model.
 */
#ifndef SKBSIM_MODELS_H
#define SKBSIM_MODELS_H

#include "sim/world.h"

extern const struct sim_module *const skbsim_modules[];

#endif
