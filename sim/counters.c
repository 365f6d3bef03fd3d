/*
 * sim/counters.c - the registry of kernel-named counters
 *
 * No kernel counterpart (see counters.h).
 */
#include "sim/counters.h"

#include "sim/world.h"

#include <string.h>

void sim_counters_register(struct node *node, struct sim_counter_set *cs)
{
	SIM_BUG_ON(!cs->names || (!cs->values && !cs->read));
	g_ptr_array_add(node->counter_sets, cs);
}

void sim_counters_unregister(struct node *node, struct sim_counter_set *cs)
{
	/* keeps registration order of the others (not _fast) */
	g_ptr_array_remove(node->counter_sets, cs);
}

int sim_counter_get(const struct node *node, const char *qualified, uint64_t *val)
{
	const char *dot = strrchr(qualified, '.');
	size_t scope_len;

	if (!dot)
		return -1;
	scope_len = (size_t)(dot - qualified);
	for (guint i = 0; i < node->counter_sets->len; i++) {
		const struct sim_counter_set *cs = g_ptr_array_index(node->counter_sets, i);

		if (strlen(cs->scope) != scope_len || strncmp(cs->scope, qualified, scope_len))
			continue;
		for (unsigned int j = 0; j < cs->n; j++) {
			if (strcmp(cs->names[j], dot + 1) == 0) {
				*val = sim_counter_value(cs, j);
				return 0;
			}
		}
	}
	return -1;
}
