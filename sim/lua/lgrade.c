/*
 * sim/lua/lgrade.c - skbsim grade LAB.lua STUDENT_DIR
 *
 * STUB (helper hgrade replaces it).
 */
#include "sim/lua/lua_priv.h"

void lgrade_open(lua_State *L, struct lrunner *r)
{
	(void)L;
	(void)r;
}

int lgrade_finish(struct lrunner *r, int status)
{
	(void)r;
	return status;
}
