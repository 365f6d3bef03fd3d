/*
 * sim/counters.c - the registry of kernel-named counters
 *
 * No kernel counterpart (see counters.h).
 */
#include "sim/counters.h"

#include "sim/world.h"

#include <string.h>

void sim_counters_register(struct node *node, struct sim_counter_set *cs,
			   const struct sim_counter_kind *kind)
{
	for (const struct sim_counter_kind *k = kind; k; k = k->next)
		SIM_BUG_ON(!k->names || !k->read || (!k->scope && !k->scope_of));
	SIM_BUG_ON(cs->kind);		/* registered twice */
	cs->kind = kind;
	cs->next = NULL;
	*node->counter_tail = cs;	/* last: outputs keep registration order */
	node->counter_tail = &cs->next;
}

void sim_counters_unregister(struct node *node, struct sim_counter_set *cs)
{
	struct sim_counter_set **pp;

	if (!cs->kind)
		return;
	for (pp = &node->counter_sets; *pp && *pp != cs; pp = &(*pp)->next)
		;
	SIM_BUG_ON(!*pp);		/* registered on another node */
	*pp = cs->next;
	if (node->counter_tail == &cs->next)
		node->counter_tail = pp;
	cs->kind = NULL;
	cs->next = NULL;
}

int sim_counter_get(const struct node *node, const char *qualified, uint64_t *val)
{
	const char *dot = strrchr(qualified, '.');
	const struct sim_counter_set *cs;
	const struct sim_counter_kind *k;
	char buf[SIM_COUNTER_SCOPE_MAX];
	size_t scope_len;

	if (!dot)
		return -1;
	scope_len = (size_t)(dot - qualified);
	sim_counter_for_each_kind(cs, k, node) {
		const char *scope = sim_counter_scope(cs, k, buf);

		if (strlen(scope) != scope_len || strncmp(scope, qualified, scope_len))
			continue;
		for (unsigned int j = 0; j < k->n; j++) {
			if (strcmp(k->names[j], dot + 1) == 0) {
				*val = sim_counter_value(cs, k, j);
				return 0;
			}
		}
	}
	return -1;
}
