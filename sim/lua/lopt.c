/*
 * sim/lua/lopt.c - option tables and time arguments
 *
 * No kernel counterpart.  Options are read with lua_getfield in a fixed
 * order, never by walking the table, whose order varies from run to run;
 * unknown keys are collected, sorted and reported together so the message
 * is the same every time.
 */
#include "sim/lua/lua_priv.h"

#include <string.h>

static gint cmp_str_ptr(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void lopt_reject_unknown(lua_State *L, int idx, const char *const *keys)
{
	GPtrArray *bad = g_ptr_array_new_with_free_func(g_free);
	GString *msg;

	idx = lua_absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		bool known = false;

		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING) {
			const char *k = lua_tostring(L, -1);

			for (const char *const *p = keys; *p; p++)
				known |= strcmp(*p, k) == 0;
			if (!known)
				g_ptr_array_add(bad, g_strdup_printf("\"%s\"", k));
		} else {
			g_ptr_array_add(bad, g_strdup_printf("(a %s key)", luaL_typename(L, -1)));
		}
	}
	if (bad->len == 0) {
		g_ptr_array_unref(bad);
		return;
	}
	g_ptr_array_sort(bad, cmp_str_ptr);
	msg = g_string_new(NULL);
	g_string_append_printf(msg, "unknown option%s ", bad->len > 1 ? "s" : "");
	for (guint i = 0; i < bad->len; i++)
		g_string_append_printf(msg, "%s%s", i ? ", " : "", (char *)bad->pdata[i]);
	g_string_append(msg, " (known:");
	for (const char *const *p = keys; *p; p++)
		g_string_append_printf(msg, " %s", *p);
	g_string_append(msg, ")");
	g_ptr_array_unref(bad);
	lua_pushstring(L, msg->str);
	g_string_free(msg, TRUE);
	luaL_where(L, 1);
	lua_insert(L, -2);
	lua_concat(L, 2);
	lua_error(L);
}

sim_time_t lcheck_time(lua_State *L, int idx, const char *what)
{
	struct sim_err err = { { 0 } };
	sim_time_t t = 0;
	int r;

	if (lua_type(L, idx) == LUA_TNUMBER) {
		if (lua_isinteger(L, idx) && lua_tointeger(L, idx) < 0)
			r = sim_err_set(&err, "invalid time %lld: negative",
					(long long)lua_tointeger(L, idx));
		else
			r = sim_time_from_seconds(lua_tonumber(L, idx), &t, &err);
	} else if (lua_type(L, idx) == LUA_TSTRING) {
		r = sim_time_parse(lua_tostring(L, idx), &t, &err);
	} else {
		r = sim_err_set(&err, "expected a time (seconds or a string such as "
				"\"1.5s\"), got %s", luaL_typename(L, idx));
	}
	if (r < 0)
		luaL_error(L, "%s: %s", what, err.msg);
	return t;
}

bool lopt_time(lua_State *L, int idx, const char *key, sim_time_t *out)
{
	bool present;

	lua_getfield(L, idx, key);
	present = !lua_isnil(L, -1);
	if (present)
		*out = lcheck_time(L, -1, key);
	lua_pop(L, 1);
	return present;
}

bool lopt_uint(lua_State *L, int idx, const char *key, uint64_t *out, uint64_t max)
{
	bool present;

	lua_getfield(L, idx, key);
	present = !lua_isnil(L, -1);
	if (present) {
		int isnum;
		lua_Integer v = lua_tointegerx(L, -1, &isnum);

		if (!isnum || v < 0 || (uint64_t)v > max)
			luaL_error(L, "option %s: expected an integer from 0 to %llu",
				   key, (unsigned long long)max);
		*out = (uint64_t)v;
	}
	lua_pop(L, 1);
	return present;
}

bool lopt_bool(lua_State *L, int idx, const char *key, bool *out)
{
	bool present;

	lua_getfield(L, idx, key);
	present = !lua_isnil(L, -1);
	if (present) {
		if (!lua_isboolean(L, -1))
			luaL_error(L, "option %s: expected true or false", key);
		*out = lua_toboolean(L, -1);
	}
	lua_pop(L, 1);
	return present;
}

/* The string stays valid while the option table is alive (it holds it). */
const char *lopt_string(lua_State *L, int idx, const char *key)
{
	const char *s = NULL;

	lua_getfield(L, idx, key);
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "option %s: expected a string", key);
		s = lua_tostring(L, -1);
	}
	lua_pop(L, 1);
	return s;
}

/*
 * lerror_msgh - message handler for every protected call: one line naming
 * the script line, no stack dump.  A string message already carries its
 * "file:line:"; for error({...}) or error(obj) the line is that of the
 * innermost Lua function on the stack.
 */
int lerror_msgh(lua_State *L)
{
	lua_Debug ar;

	if (lua_isstring(L, 1))
		return 1;
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.currentline > 0) {
			lua_pushfstring(L, "%s:%d: error object is a %s value", ar.short_src,
					ar.currentline, luaL_typename(L, 1));
			return 1;
		}
	}
	lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
	return 1;
}

/* net:fail on both backends: which one of the kind keys @opt holds. */
const char *const lopt_fault_kinds[] = {
	"down", "reset", "corrupt", "duplicate", "reorder", "restart", NULL,
};

int lopt_fault_kind(lua_State *L, int opt, bool on_link)
{
	int found = -1;

	for (int i = 0; lopt_fault_kinds[i]; i++) {
		bool set = lua_getfield(L, opt, lopt_fault_kinds[i]) != LUA_TNIL;

		lua_pop(L, 1);
		if (set && found >= 0)
			return luaL_error(L, "net:fail: one fault per call (%s and %s)",
					  lopt_fault_kinds[found], lopt_fault_kinds[i]);
		if (set)
			found = i;
	}
	if (found < 0)
		return luaL_error(L, "net:fail: no fault given (one of down, reset, corrupt, "
				  "duplicate, reorder for a link; restart for a node)");
	if (on_link && found == LOPT_FAULT_RESTART)
		return luaL_error(L, "net:fail: restart is a node fault: net:fail(node, "
				  "{ restart = true })");
	if (!on_link && found != LOPT_FAULT_RESTART)
		return luaL_error(L, "net:fail: %s is a link fault: net:fail(node, ifname, "
				  "{ %s = ... })", lopt_fault_kinds[found], lopt_fault_kinds[found]);
	return found;
}

bool lopt_fault_when(lua_State *L, int opt, sim_time_t now, sim_time_t *at, sim_time_t *dur)
{
	bool has_dur;
	char a[32], b[32];

	*at = now;
	*dur = SIM_TIME_MAX;
	lopt_time(L, opt, "at", at);
	has_dur = lopt_time(L, opt, "for_", dur);
	if (lopt_time(L, opt, "duration", dur) && has_dur)
		luaL_error(L, "net:fail: for_ and duration are the same option");
	if (*at < now)
		luaL_error(L, "net:fail: time %s is in the past (now %s)",
			   sim_time_format_short(*at, a, sizeof(a)),
			   sim_time_format_short(now, b, sizeof(b)));
	return has_dur || *dur != SIM_TIME_MAX;
}
