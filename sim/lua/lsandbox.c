/*
 * sim/lua/lsandbox.c - what keeps a scenario deterministic
 *
 * No kernel counterpart.  A scenario must give the same outputs for the
 * same seed, so the few ways a Lua script can observe the outside world's
 * clock or randomness are replaced:
 *   - os.time(), os.clock(), os.date() read simulated time (the newest
 *     network's clock; the epoch is the start of the run, in UTC);
 *   - math.random is reseeded from the run seed (and again by each
 *     skbsim.network{}, from that network's seed);
 *   - pairs() visits keys in a fixed order: numbers ascending, then
 *     strings bytewise, then booleans, then other keys in table order.
 *     Lua 5.4 seeds its string hash from the address space and the clock,
 *     so plain pairs() over string keys changes order between runs, and a
 *     topology built in a pairs() loop would too.  (`next` is untouched.)
 *   - os.exit() would skip finalizing the outputs; it raises an error.
 */
#include "sim/lua/lua_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sim_time_t sandbox_now(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);

	return r->current ? sim_now(r->current->w) : 0;
}

static int l_os_time(lua_State *L)
{
	if (lua_isnoneornil(L, 1)) {
		lua_pushinteger(L, sandbox_now(L) / SIM_NSEC_PER_SEC);
		return 1;
	}
	/* os.time{year=...}: plain calendar arithmetic, always UTC */
	luaL_checktype(L, 1, LUA_TTABLE);
	{
		static const char *const f[] = { "year", "month", "day", "hour", "min", "sec" };
		static const int dflt[] = { -1, -1, -1, 12, 0, 0 };
		int v[6];
		GDateTime *dt;

		for (int i = 0; i < 6; i++) {
			lua_getfield(L, 1, f[i]);
			if (lua_isnil(L, -1)) {
				if (dflt[i] < 0)
					return luaL_error(L, "field '%s' missing in date table", f[i]);
				v[i] = dflt[i];
			} else {
				v[i] = (int)luaL_checkinteger(L, -1);
			}
			lua_pop(L, 1);
		}
		dt = g_date_time_new_utc(v[0], v[1], v[2], v[3], v[4], v[5]);
		if (!dt)
			return luaL_error(L, "time result cannot be represented");
		lua_pushinteger(L, g_date_time_to_unix(dt));
		g_date_time_unref(dt);
	}
	return 1;
}

static int l_os_clock(lua_State *L)
{
	lua_pushnumber(L, (lua_Number)sandbox_now(L) / 1e9);
	return 1;
}

/* os.date(fmt, t): the original, forced to UTC and to simulated time. */
static int l_os_date(lua_State *L)
{
	const char *fmt = luaL_optstring(L, 1, "%c");
	lua_Integer t = luaL_opt(L, luaL_checkinteger, 2, sandbox_now(L) / SIM_NSEC_PER_SEC);

	lua_pushvalue(L, lua_upvalueindex(1));
	if (fmt[0] == '!')
		lua_pushstring(L, fmt);
	else
		lua_pushfstring(L, "!%s", fmt);
	lua_pushinteger(L, t);
	lua_call(L, 2, 1);
	return 1;
}

static int l_os_exit(lua_State *L)
{
	return luaL_error(L, "os.exit() is not available in a scenario: the run "
			  "must finish its outputs (return from the script, or call error())");
}

/* ---- ordered pairs ------------------------------------------------------ */

struct okey {
	int rank;		/* 0 number, 1 string, 2 boolean, 3 other */
	int isint;
	lua_Integer i;
	lua_Number n;
	const char *s;
	size_t len;
	int pos;		/* table order: the last tie-breaker */
};

static int okey_cmp(const void *pa, const void *pb)
{
	const struct okey *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank - b->rank;
	switch (a->rank) {
	case 0:
		if (a->isint && b->isint)
			return a->i < b->i ? -1 : a->i > b->i;
		return a->n < b->n ? -1 : a->n > b->n ? 1 : a->pos - b->pos;
	case 1: {
		int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

		return c ? c : (a->len < b->len ? -1 : a->len > b->len);
	}
	case 2:
		return (int)a->i - (int)b->i;
	default:
		return a->pos - b->pos;
	}
}

static int ordered_next(lua_State *L)
{
	/* upvalues: 1 table, 2 sorted keys, 3 position */
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(2));

	while (++pos <= n) {
		lua_rawgeti(L, lua_upvalueindex(2), pos);
		lua_pushvalue(L, -1);
		lua_gettable(L, lua_upvalueindex(1));
		if (!lua_isnil(L, -1)) {	/* skip keys removed during the loop */
			lua_pushinteger(L, pos);
			lua_replace(L, lua_upvalueindex(3));
			return 2;
		}
		lua_pop(L, 2);
	}
	lua_pushinteger(L, pos);
	lua_replace(L, lua_upvalueindex(3));
	lua_pushnil(L);
	return 1;
}

static int l_pairs(lua_State *L)
{
	struct okey *keys;
	lua_Integer n = 0, cap = 16;

	luaL_checkany(L, 1);
	if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
		lua_pushvalue(L, 1);
		lua_call(L, 1, 3);
		return 3;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_newtable(L);		/* 2: keys, anchoring strings */
	keys = malloc((size_t)cap * sizeof(*keys));
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		struct okey *k;

		lua_pop(L, 1);
		if (n == cap) {
			struct okey *grown = realloc(keys, (size_t)(cap *= 2) * sizeof(*keys));

			if (!grown) {
				free(keys);
				return luaL_error(L, "not enough memory");
			}
			keys = grown;
		}
		k = &keys[n++];
		memset(k, 0, sizeof(*k));
		k->pos = (int)n;
		lua_pushvalue(L, -1);
		lua_rawseti(L, 2, n);	/* anchor in table order */
		switch (lua_type(L, -1)) {
		case LUA_TNUMBER:
			k->isint = lua_isinteger(L, -1);
			k->i = lua_tointeger(L, -1);
			k->n = lua_tonumber(L, -1);
			break;
		case LUA_TSTRING:
			k->rank = 1;
			k->s = lua_tolstring(L, -1, &k->len);
			break;
		case LUA_TBOOLEAN:
			k->rank = 2;
			k->i = lua_toboolean(L, -1);
			break;
		default:
			k->rank = 3;
		}
	}
	qsort(keys, (size_t)n, sizeof(*keys), okey_cmp);
	lua_createtable(L, (int)n, 0);	/* 3: keys in order */
	for (lua_Integer i = 0; i < n; i++) {
		lua_rawgeti(L, 2, keys[i].pos);
		lua_rawseti(L, 3, i + 1);
	}
	free(keys);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 3);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, ordered_next, 3);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

void lsandbox_reseed(lua_State *L, uint64_t seed)
{
	struct sim_rng rng;

	sim_rng_derive(&rng, seed, NULL, "lua.math.random");
	lua_getglobal(L, "math");
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, (lua_Integer)sim_rng_u64(&rng));
	lua_pushinteger(L, (lua_Integer)sim_rng_u64(&rng));
	lua_call(L, 2, 0);
	lua_pop(L, 1);
}

void lsandbox_open(lua_State *L, struct lrunner *r)
{
	lua_getglobal(L, "os");
	lua_pushcfunction(L, l_os_time);
	lua_setfield(L, -2, "time");
	lua_pushcfunction(L, l_os_clock);
	lua_setfield(L, -2, "clock");
	lua_getfield(L, -1, "date");
	lua_pushcclosure(L, l_os_date, 1);
	lua_setfield(L, -2, "date");
	lua_pushcfunction(L, l_os_exit);
	lua_setfield(L, -2, "exit");
	lua_pop(L, 1);
	lua_pushcfunction(L, l_pairs);
	lua_setglobal(L, "pairs");
	lsandbox_reseed(L, r->opts->seed_set ? r->opts->seed : 1);
}
