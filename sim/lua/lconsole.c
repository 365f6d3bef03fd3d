/*
 * sim/lua/lconsole.c - skbsim console
 *
 * STUB (helper hconsole replaces it).
 */
#include "sim/lua/lua_priv.h"

int lconsole_pause(lua_State *L)
{
	(void)L;
	return 0;
}

int lconsole_main(struct lrunner *r, int status)
{
	(void)r;
	return status;
}
