/*
 * sim/lua/lwalk.c - net:walk{ filter =, count = } and --walk
 *
 * No kernel counterpart: the Lua face of the packet walkthrough
 * (sim/trace/walk.h).  net:walk arms a walk on its network; --walk FILTER
 * [--walk-count N] arms the same walk on every network the script
 * creates, from its first packet on.  A filter libpcap cannot compile
 * raises libpcap's message with the script line.
 */
#include "sim/lua/lua_priv.h"

#include "sim/trace/walk.h"

static const char *const walk_keys[] = { "count", "filter", NULL };

/* net:walk{ filter = "icmp and host 10.0.2.2", count = 1 } (both optional) */
int lwalk_net_walk(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	struct sim_err err = { { 0 } };
	const char *filter = NULL;
	int64_t count = 1;

	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lopt_reject_unknown(L, 2, walk_keys);
		lua_getfield(L, 2, "count");
		if (!lua_isnil(L, -1)) {
			int isnum;
			lua_Integer n = lua_tointegerx(L, -1, &isnum);

			if (!isnum || n < 1)
				return luaL_error(L, "net:walk: count must be an integer from 1");
			count = n;
		}
		lua_pop(L, 1);
		lua_getfield(L, 2, "filter");
		if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING)
			return luaL_error(L, "net:walk: filter must be a string (pcap-filter syntax)");
		filter = lua_tostring(L, -1);	/* held by the option table */
		lua_pop(L, 1);
	}
	if (sim_walk_arm(lw->w, filter, count, &err) < 0)
		return luaL_error(L, "net:walk: %s", err.msg);
	return 0;
}

void lwalk_network_created(lua_State *L, struct lworld *lw)
{
	const struct sim_lua_opts *opts = lw->r->opts;
	struct sim_err err = { { 0 } };

	if (!opts->walk_filter)
		return;
	/* main.c checked the filter (sim_walk_filter_check) before the script */
	if (sim_walk_arm(lw->w, opts->walk_filter, opts->walk_count ? opts->walk_count : 1,
			 &err) < 0)
		luaL_error(L, "--walk: %s", err.msg);
}
