/*
 * sim/trace/walk.c - the packet walkthrough's records and output
 *
 * STUB (helper hwalk replaces it): see sim/trace/walk.h.
 */
#include "sim/trace/walk.h"

int sim_walk_arm(struct world *w, const char *filter, int64_t count, struct sim_err *err)
{
	(void)w; (void)filter; (void)count;
	sim_err_set(err, "walks are not implemented yet");
	return -1;
}

void sim_walk_disarm(struct world *w)
{
	w->walk_armed = false;
}

uint32_t sim_walk_count(const struct world *w)
{
	(void)w;
	return 0;
}

void sim_walk_destroy(struct world *w)
{
	(void)w;
}

bool sim_walk_match(struct world *w, const void *frame, uint32_t len)
{
	(void)w; (void)frame; (void)len;
	return false;
}

uint32_t sim_walk_start(struct world *w, uint64_t first_skb, const char *summary)
{
	(void)w; (void)first_skb; (void)summary;
	return 0;
}

void sim_walk_record(struct world *w, uint32_t walk, const struct sim_walk_point *pt)
{
	(void)w; (void)walk; (void)pt;
}
