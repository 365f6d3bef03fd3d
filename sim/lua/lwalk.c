/*
 * sim/lua/lwalk.c - net:walk{} and --walk
 *
 * STUB (helper hwalk replaces it).
 */
#include "sim/lua/lua_priv.h"

int lwalk_net_walk(lua_State *L)
{
	return luaL_error(L, "net:walk: not implemented yet");
}

void lwalk_network_created(lua_State *L, struct lworld *lw)
{
	(void)L;
	(void)lw;
}
