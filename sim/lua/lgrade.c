/*
 * sim/lua/lgrade.c - skbsim grade LAB.lua STUDENT_DIR
 *
 * No kernel counterpart: this is the lab checker.  Under `skbsim grade`
 * the lab script gets `skbsim.grade`: grade.config(node) applies the
 * student's STUDENT_DIR/<node>.sh, and the checks (grade.check and the
 * helpers for routes, rules, neighbours, FDB entries, counters, drops,
 * process output and captured packets) each print one verdict line:
 *
 *   PASS  r1: route "default via 100.64.1.1 dev eth2"
 *   FAIL  h2 pings srv: 3 replies
 *         hint: ...
 *         got: ...
 *
 * then lgrade_finish() prints "7/9 checks passed" and turns the count
 * into the exit status (0 all passed, 3 some failed, 1 the lab failed).
 * The simulation is deterministic, so a configuration always gets the
 * same verdict.  Under grade, process output does not go to stdout (the
 * verdict is the output): it is kept per network for grade.output.
 * The whole state is one userdata in the Lua registry.  docs/grading.md
 * is the reference.
 */
#include "sim/lua/lua_priv.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/counters.h"
#include "sim/sh.h"
#include "sim/trace/metrics.h"
#include "sim/trace/pcap.h"

#define GRADE_KEY	"skbsim.grade.state"
#define GOT_LINES	8		/* observed lines shown under a FAIL */

/* One network's process output, kept instead of printed. */
struct grade_net {
	struct lworld *lw;
	FILE *out;			/* open_memstream: the world's console */
	char *buf;
	size_t len;
	FILE *saved_console;
};

struct lgrade {
	struct lrunner *r;
	int checks, passed;
	GPtrArray *nets;		/* struct grade_net * */
	GHashTable *read;		/* file names grade.config asked for */
	bool finished;
};

static struct lgrade *grade_get(lua_State *L)
{
	struct lgrade *g;

	lua_getfield(L, LUA_REGISTRYINDEX, GRADE_KEY);
	g = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return g;
}

/* ---- verdict lines ------------------------------------------------------ */

/*
 * Prints @text's lines after @label, the next ones aligned under it
 * (tabs as spaces, trailing blanks cut: `ip rule` indents with a tab).
 */
static void print_block(const char *label, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	int shown = 0, n = 0, w = (int)strlen(label);

	for (char **l = lines; *l; l++) {
		g_strdelimit(g_strchomp(*l), "\t", ' ');
		if (**l)
			n++;
	}
	for (char **l = lines; *l && shown < GOT_LINES; l++) {
		if (!**l)
			continue;
		printf("      %-*s%s\n", w, shown ? "" : label, *l);
		shown++;
	}
	if (n > shown)
		printf("      %-*s... (%d more lines)\n", w, "", n - shown);
	g_strfreev(lines);
}

/*
 * One check's verdict.  @got (may be NULL) is what was seen instead,
 * shown under a FAIL only: the student sees the hint and the evidence.
 */
static bool grade_report(struct lgrade *g, const char *what, bool ok, const char *hint,
			 const char *got)
{
	g->checks++;
	if (ok) {
		g->passed++;
		printf("PASS  %s\n", what);
		return true;
	}
	printf("FAIL  %s\n", what);
	if (hint && *hint)
		print_block("hint: ", hint);
	if (got)
		print_block("got:  ", *got ? got : "(nothing)");
	return false;
}

/* ---- process output: kept, not printed ---------------------------------- */

static void grade_attach(struct lgrade *g, struct lworld *lw)
{
	struct grade_net *gn = g_new0(struct grade_net, 1);

	gn->lw = lw;
	gn->out = open_memstream(&gn->buf, &gn->len);
	if (!gn->out) {
		g_free(gn);
		return;		/* output stays on stdout; grade.output finds none */
	}
	gn->saved_console = lw->w->console;
	lw->w->console = gn->out;
	lw->w->quiet = false;
	g_ptr_array_add(g->nets, gn);
}

static void grade_detach(struct grade_net *gn)
{
	gn->lw->w->console = gn->saved_console;
	gn->lw->w->quiet = true;	/* nothing more goes anywhere */
	fclose(gn->out);
	free(gn->buf);
	g_free(gn);
}

static struct grade_net *grade_net_of(struct lgrade *g, struct lworld *lw)
{
	for (guint i = 0; i < g->nets->len; i++) {
		struct grade_net *gn = g_ptr_array_index(g->nets, i);

		if (gn->lw == lw)
			return gn;
	}
	return NULL;
}

/* skbsim.network, wrapped: the new network's process output is kept. */
static int l_grade_network(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, 1);
	grade_attach(grade_get(L), lnet_check(L, -1));
	return 1;
}

/* ---- helpers -------------------------------------------------------------- */

static struct lworld *lnode_world(lua_State *L, int idx)
{
	struct lnode *ln = luaL_checkudata(L, idx, LNODE_MT);

	return ln->lw;
}

/* Collapses runs of blanks to one space and trims: "100:\tfrom" == "100: from". */
static char *normalize(const char *s)
{
	GString *o = g_string_new(NULL);
	bool blank = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r') {
			blank = o->len > 0;
			continue;
		}
		if (blank)
			g_string_append_c(o, ' ');
		blank = false;
		g_string_append_c(o, *s);
	}
	return g_string_free(o, FALSE);
}

/*
 * string.find(@line, @pattern): 1 found, 0 not; -1 for a bad pattern,
 * with Lua's message left on the stack (the caller frees, then raises).
 */
static int lua_match(lua_State *L, const char *line, const char *pattern)
{
	int found;

	lua_getglobal(L, "string");
	lua_getfield(L, -1, "find");
	lua_remove(L, -2);
	lua_pushstring(L, line);
	lua_pushstring(L, pattern);
	if (lua_pcall(L, 2, 1, 0) != LUA_OK)
		return -1;
	found = !lua_isnil(L, -1);
	lua_pop(L, 1);
	return found;
}

/* How a text check looks at its lines: an exact line, a pattern, or neither. */
struct line_test {
	const char *has;		/* a line equal to this (blanks collapsed) */
	const char *match;		/* a line where this Lua pattern is found */
	bool absent;			/* pass when no line is found */
};

static void line_test_read(lua_State *L, int idx, struct line_test *t)
{
	t->has = lopt_string(L, idx, "has");
	t->match = lopt_string(L, idx, "match");
	t->absent = false;
	lopt_bool(L, idx, "absent", &t->absent);
	if (!!t->has == !!t->match)
		luaL_error(L, "give one of has = or match =");
	if (t->match && lua_match(L, "", t->match) < 0)
		luaL_error(L, "match: %s", lua_tostring(L, -1));
}

/* 1 pass, 0 fail, -1 a bad pattern (message on the stack: free, then raise_match). */
static int line_test_run(lua_State *L, const struct line_test *t, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	char *want = t->has ? normalize(t->has) : NULL;
	int found = 0;

	for (char **l = lines; *l && found == 0; l++) {
		char *line = normalize(*l);

		found = want ? strcmp(line, want) == 0 : lua_match(L, line, t->match);
		g_free(line);
	}
	g_free(want);
	g_strfreev(lines);
	if (found < 0)		/* some patterns go wrong only on some subjects */
		return -1;
	return (found > 0) != t->absent;
}

/*
 * How a check reads: route "X", no route "X", a route matching "P", no
 * route matching "P" (@noun "route", "rule"; "line" is left out of the
 * first two: `cmd` shows "X").
 */
static int raise_match(lua_State *L)
{
	return luaL_error(L, "match: %s", lua_tostring(L, -1));
}

static char *line_test_what(const struct line_test *t, const char *noun)
{
	bool line = strcmp(noun, "line") == 0;

	if (t->has)
		return g_strdup_printf("%s%s%s\"%s\"", t->absent ? "no " : "", line ? "" : noun,
				       line ? "" : " ", t->has);
	return g_strdup_printf("%s %s matching \"%s\"", t->absent ? "no" : "a", noun, t->match);
}

/* A range check: eq =, or min = and/or max =; none given means min = 1. */
struct range {
	uint64_t min, max;
	bool eq;
};

static void range_read(lua_State *L, int idx, struct range *rg)
{
	uint64_t v;
	bool has_min, has_max;

	rg->max = UINT64_MAX;
	rg->eq = lopt_uint(L, idx, "eq", &v, INT64_MAX);
	if (rg->eq) {
		rg->min = rg->max = v;
		return;
	}
	has_min = lopt_uint(L, idx, "min", &rg->min, INT64_MAX);
	has_max = lopt_uint(L, idx, "max", &rg->max, INT64_MAX);
	if (!has_min)
		rg->min = has_max ? 0 : 1;
	if (rg->min > rg->max)
		luaL_error(L, "min is above max");
}

static char *range_text(const struct range *rg)
{
	if (rg->eq || rg->min == rg->max)
		return g_strdup_printf("%llu", (unsigned long long)rg->min);
	if (rg->max == UINT64_MAX)
		return g_strdup_printf("at least %llu", (unsigned long long)rg->min);
	if (rg->min == 0)
		return g_strdup_printf("at most %llu", (unsigned long long)rg->max);
	return g_strdup_printf("%llu to %llu", (unsigned long long)rg->min,
			       (unsigned long long)rg->max);
}

/* The options every helper takes: node =, what =, hint =. */
static struct node *opts_node(lua_State *L, int idx)
{
	struct node *node;

	luaL_checktype(L, idx, LUA_TTABLE);
	lua_getfield(L, idx, "node");
	if (lua_isnil(L, -1))
		luaL_error(L, "option node: a node is needed");
	node = lnode_check(L, -1);
	lua_pop(L, 1);
	return node;
}

static const char *opts_required(lua_State *L, int idx, const char *key)
{
	const char *s = lopt_string(L, idx, key);

	if (!s)
		luaL_error(L, "option %s: needed", key);
	return s;
}

/*
 * Runs one command on @node; 0 with its stdout in @out, or its status
 * with the first line of its error in @out.
 */
static int run_cmd(struct node *node, const char *cmd, GString *out)
{
	struct sim_sh_result res;
	int status;

	sim_sh_run(node, cmd, &res);
	status = res.status;
	if (status == 0) {
		g_string_append_len(out, res.out->str, (gssize)res.out->len);
	} else {
		const char *e = res.err->str + res.failed_err;
		const char *nl = strchr(e, '\n');

		g_string_append_len(out, e, nl ? nl - e : (gssize)strlen(e));
	}
	sim_sh_result_free(&res);
	return status;
}

/* A command's output checked line by line; the common part of cmd/route/rule. */
static int cmd_check(lua_State *L, int idx, struct node *node, const char *cmd,
		     const char *subject, const char *noun, const char *suffix)
{
	struct lgrade *g = grade_get(L);
	const char *what = lopt_string(L, idx, "what");
	const char *hint = lopt_string(L, idx, "hint");
	struct line_test t;
	GString *out;
	bool ok;

	line_test_read(L, idx, &t);	/* may raise: before allocating */
	out = g_string_new(NULL);
	if (run_cmd(node, cmd, out) == 0) {
		int r = line_test_run(L, &t, out->str);

		if (r < 0) {
			g_string_free(out, TRUE);
			return raise_match(L);
		}
		ok = r;
	} else {
		g_string_prepend(out, "`: ");
		g_string_prepend(out, cmd);
		g_string_prepend(out, "`");
		ok = false;
	}
	if (!what) {
		char *test = line_test_what(&t, noun);

		lua_pushfstring(L, "%s: %s%s%s%s", node->name, subject, *subject ? " " : "", test,
				suffix);
		g_free(test);
		what = lua_tostring(L, -1);
	}
	ok = grade_report(g, what, ok, hint, out->str);
	g_string_free(out, TRUE);
	lua_pushboolean(L, ok);
	return 1;
}

/* ---- the grade table ------------------------------------------------------ */

/* grade.check(what, ok [, hint]) */
static int l_grade_check(lua_State *L)
{
	const char *what = luaL_checkstring(L, 1);
	bool ok = lua_toboolean(L, 2);
	const char *hint = luaL_optstring(L, 3, NULL);

	if (lua_isnone(L, 2))
		return luaL_error(L, "grade.check(what, ok [, hint]): ok is missing");
	lua_pushboolean(L, grade_report(grade_get(L), what, ok, hint, NULL));
	return 1;
}

/* Lines of @text after logical line @first (1-based) ends; its line count in *@used. */
static const char *skip_logical_line(const char *text, int first, int *used)
{
	const char *p = text;
	int line = 1;

	/* to the start of line @first */
	while (line < first && *p) {
		const char *nl = strchr(p, '\n');

		p = nl ? nl + 1 : p + strlen(p);
		line++;
	}
	*used = first;
	/* past it and its continuations (an odd count of trailing backslashes) */
	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		int bs = 0;

		for (const char *q = end; q > p && q[-1] == '\\'; q--)
			bs++;
		p = nl ? nl + 1 : end;
		if (bs % 2 == 0)
			break;
		(*used)++;
	}
	return p;
}

static char *line_text(const char *text, int line)
{
	const char *p = text;

	for (int i = 1; i < line && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return g_strdup("");
	return g_strstrip(g_strndup(p, strcspn(p, "\n")));
}

/*
 * Runs the student's text on @node: a failing line is a failed check
 * (file:line, the line, the tool's message) and the lines after it
 * still run.  Returns whether every line ran.
 */
static bool config_run(struct lgrade *g, struct node *node, const char *file, const char *text)
{
	const char *rest = text;
	int base = 0;		/* lines of @text before @rest */
	bool all = true;

	while (*rest) {
		struct sim_sh_result res;
		const char *next;
		int used;

		sim_sh_run(node, rest, &res);
		if (res.status == 0) {
			sim_sh_result_free(&res);
			break;
		}
		all = false;
		{
			char *cmd = line_text(rest, res.failed_line);
			const char *e = res.err->str + res.failed_err;
			char *err = g_strndup(e, strcspn(e, "\n"));
			char *what = g_strdup_printf("%s:%d: %s", file, base + res.failed_line, cmd);

			grade_report(g, what, false, NULL, err);
			g_free(what);
			g_free(err);
			g_free(cmd);
		}
		next = skip_logical_line(rest, res.failed_line, &used);
		sim_sh_result_free(&res);
		base += used;
		rest = next;
	}
	return all;
}

/* A file saved with CRLF line ends reads as it would on Linux after dos2unix. */
static void strip_cr(char *text)
{
	char *o = text;

	for (const char *p = text; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
}

/* grade.config(node [, file]): STUDENT_DIR/<node>.sh, or STUDENT_DIR/file */
static int l_grade_config(lua_State *L)
{
	struct lgrade *g = grade_get(L);
	struct node *node = lnode_check(L, 1);
	const char *file = luaL_optstring(L, 2, NULL);
	char *name = file ? g_strdup(file) : g_strdup_printf("%s.sh", node->name);
	char *path = g_build_filename(g->r->opts->grade_dir, name, NULL);
	GError *gerr = NULL;
	gchar *text = NULL;
	bool ok = true;

	g_hash_table_add(g->read, g_strdup(name));
	if (g_file_get_contents(path, &text, NULL, &gerr)) {
		strip_cr(text);
		ok = config_run(g, node, name, text);
	} else if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
		/* there but unreadable: the student should know */
		char *what = g_strdup_printf("%s: read the configuration", name);

		ok = grade_report(g, what, false, NULL, gerr->message);
		g_free(what);
	}
	/* a missing file configures nothing: the checks will say what lacks */
	g_clear_error(&gerr);
	g_free(text);
	g_free(path);
	g_free(name);
	lua_pushboolean(L, ok);
	return 1;
}

static const char *const cmd_keys[] = { "node", "cmd", "has", "match", "absent", "what",
					"hint", NULL };

/* grade.cmd{ node =, cmd =, has = | match =, absent =, what =, hint = } */
static int l_grade_cmd(lua_State *L)
{
	struct node *node = opts_node(L, 1);
	const char *cmd;

	lopt_reject_unknown(L, 1, cmd_keys);
	cmd = opts_required(L, 1, "cmd");
	lua_pushfstring(L, "`%s` shows", cmd);
	return cmd_check(L, 1, node, cmd, lua_tostring(L, -1), "line", "");
}

static const char *const route_keys[] = { "node", "table", "has", "match", "absent", "what",
					  "hint", NULL };

/* grade.route{ node =, table =, has = | match =, absent = ... }: `ip route show` */
static int l_grade_route(lua_State *L)
{
	struct node *node = opts_node(L, 1);
	const char *table;

	lopt_reject_unknown(L, 1, route_keys);
	table = lopt_string(L, 1, "table");
	if (!table)
		return cmd_check(L, 1, node, "ip route show", "", "route", "");
	lua_pushfstring(L, "ip route show table %s", table);
	lua_pushfstring(L, " in table %s", table);
	return cmd_check(L, 1, node, lua_tostring(L, -2), "", "route", lua_tostring(L, -1));
}

static const char *const rule_keys[] = { "node", "has", "match", "absent", "what", "hint",
					 NULL };

/* grade.rule{ node =, has = | match =, absent = ... }: `ip rule show` */
static int l_grade_rule(lua_State *L)
{
	struct node *node = opts_node(L, 1);

	lopt_reject_unknown(L, 1, rule_keys);
	return cmd_check(L, 1, node, "ip rule show", "", "rule", "");
}

static const char *const neigh_keys[] = { "node", "dst", "dev", "state", "what", "hint", NULL };

/* The state word of @dst's entry in `ip neigh show` output, or NULL. */
static char *neigh_state(const char *out, const char *dst)
{
	char **lines = g_strsplit(out, "\n", -1);
	char *state = NULL;

	for (char **l = lines; *l && !state; l++) {
		char **w = g_strsplit(*l, " ", -1);
		int n = 0;

		while (w[n])
			n++;
		while (n > 0 && !*w[n - 1])
			n--;
		if (n > 1 && strcmp(w[0], dst) == 0)
			state = g_strdup(w[n - 1]);
		g_strfreev(w);
	}
	g_strfreev(lines);
	return state;
}

static bool state_in(const char *state, const char *alternatives)
{
	char **alt = g_strsplit(alternatives, "|", -1);
	bool in = false;

	for (char **a = alt; *a && !in; a++)
		in = strcmp(*a, state) == 0;
	g_strfreev(alt);
	return in;
}

/* grade.neigh{ node =, dst =, dev =, state = "REACHABLE|STALE" ... } */
static int l_grade_neigh(lua_State *L)
{
	struct lgrade *g = grade_get(L);
	struct node *node = opts_node(L, 1);
	const char *dst, *dev, *state, *what, *hint;
	char *cmd, *seen = NULL;
	bool ok = false;
	GString *out;

	lopt_reject_unknown(L, 1, neigh_keys);
	dst = opts_required(L, 1, "dst");
	state = opts_required(L, 1, "state");
	dev = lopt_string(L, 1, "dev");
	what = lopt_string(L, 1, "what");
	hint = lopt_string(L, 1, "hint");
	out = g_string_new(NULL);
	cmd = dev ? g_strdup_printf("ip neigh show %s dev %s", dst, dev)
		  : g_strdup_printf("ip neigh show %s", dst);
	if (run_cmd(node, cmd, out) == 0) {
		seen = neigh_state(out->str, dst);
		ok = seen && state_in(seen, state);
	}
	if (!what) {
		lua_pushfstring(L, "%s: neighbour %s%s%s is %s", node->name, dst,
				dev ? " dev " : "", dev ? dev : "", state);
		what = lua_tostring(L, -1);
	}
	if (!seen && out->len == 0)
		g_string_assign(out, "no entry");
	ok = grade_report(g, what, ok, hint, out->str);
	g_free(seen);
	g_free(cmd);
	g_string_free(out, TRUE);
	lua_pushboolean(L, ok);
	return 1;
}

static const char *const fdb_keys[] = { "node", "mac", "dev", "absent", "what", "hint", NULL };

/* grade.fdb{ node =, mac =, dev =, absent = ... }: `bridge fdb show` */
static int l_grade_fdb(lua_State *L)
{
	struct lgrade *g = grade_get(L);
	struct node *node = opts_node(L, 1);
	const char *mac, *dev, *what, *hint;
	bool absent = false, found = false;
	GString *out;
	char *cmd;

	lopt_reject_unknown(L, 1, fdb_keys);
	mac = opts_required(L, 1, "mac");
	dev = lopt_string(L, 1, "dev");
	what = lopt_string(L, 1, "what");
	hint = lopt_string(L, 1, "hint");
	lopt_bool(L, 1, "absent", &absent);
	out = g_string_new(NULL);
	cmd = dev ? g_strdup_printf("bridge fdb show dev %s", dev) : g_strdup("bridge fdb show");
	if (run_cmd(node, cmd, out) == 0) {
		char **lines = g_strsplit(out->str, "\n", -1);

		for (char **l = lines; *l && !found; l++)
			found = g_ascii_strncasecmp(*l, mac, strlen(mac)) == 0 &&
				(*l)[strlen(mac)] == ' ';
		g_strfreev(lines);
		found = found != absent;
	}
	if (!what) {
		lua_pushfstring(L, "%s: FDB %s %s%s%s", node->name, absent ? "has no" : "has",
				mac, dev ? " on " : "", dev ? dev : "");
		what = lua_tostring(L, -1);
	}
	found = grade_report(g, what, found, hint, out->str);
	g_free(cmd);
	g_string_free(out, TRUE);
	lua_pushboolean(L, found);
	return 1;
}

/* The verdict of a number against a range; "got: N". */
static int range_report(lua_State *L, const char *what, const struct range *rg, uint64_t v,
			const char *hint, const char *unit)
{
	char got[64];
	bool ok = v >= rg->min && v <= rg->max;

	snprintf(got, sizeof(got), "%llu%s", (unsigned long long)v, unit);
	lua_pushboolean(L, grade_report(grade_get(L), what, ok, hint, got));
	return 1;
}

static const char *const counter_keys[] = { "node", "name", "eq", "min", "max", "what", "hint",
					    NULL };

/* grade.counter{ node =, name = "Ip.ForwDatagrams", eq = | min =, max = ... } */
static int l_grade_counter(lua_State *L)
{
	struct node *node = opts_node(L, 1);
	const char *name, *what;
	struct range rg;
	uint64_t v;
	char *want;

	lopt_reject_unknown(L, 1, counter_keys);
	name = opts_required(L, 1, "name");
	range_read(L, 1, &rg);
	if (sim_counter_get(node, name, &v) < 0)
		return luaL_error(L, "%s has no counter %s", node->name, name);
	what = lopt_string(L, 1, "what");
	if (!what) {
		want = range_text(&rg);
		lua_pushfstring(L, "%s: %s is %s", node->name, name, want);
		g_free(want);
		what = lua_tostring(L, -1);
	}
	return range_report(L, what, &rg, v, lopt_string(L, 1, "hint"), "");
}

static const char *const drops_keys[] = { "node", "reason", "eq", "min", "max", "what", "hint",
					  NULL };

/* grade.drops{ node =, reason = "IP_RPFILTER", eq = | min =, max = ... } */
static int l_grade_drops(lua_State *L)
{
	struct node *node = opts_node(L, 1);
	const char *reason, *what;
	struct range rg;
	char *want;

	lopt_reject_unknown(L, 1, drops_keys);
	reason = lopt_string(L, 1, "reason");
	range_read(L, 1, &rg);
	if (!node->w->metrics)
		return luaL_error(L, "grade.drops: the network has no metrics.db");
	what = lopt_string(L, 1, "what");
	if (!what) {
		want = range_text(&rg);
		lua_pushfstring(L, "%s: %s drops%s%s", node->name, want, reason ? " " : "",
				reason ? reason : "");
		g_free(want);
		what = lua_tostring(L, -1);
	}
	return range_report(L, what, &rg,
			    sim_metrics_drop_count(node->w->metrics, node->id, reason),
			    lopt_string(L, 1, "hint"), " drops");
}

static const char *const output_keys[] = { "node", "prog", "pid", "has", "match", "absent",
					   "what", "hint", NULL };

/* Which output lines a check reads: of one node, one program, a time span. */
struct proc_sel {
	const char *prog;		/* NULL: every program */
	sim_time_t from, to;		/* the process's life, for pid = */
};

/* The stamp of a kept line, "[    1.000000123] ...", in ns. */
static sim_time_t line_time(const char *line)
{
	char *end;
	uint64_t s = strtoull(line + 1, &end, 10), ns = 0;

	if (*end == '.')
		ns = strtoull(end + 1, NULL, 10);
	return (sim_time_t)(s * (uint64_t)SIM_NSEC_PER_SEC + ns);
}

/*
 * The kept output lines of @node's processes that @sel picks, as the
 * processes printed them: "[    1.000000000] h1 ping: TEXT" -> TEXT.
 */
static char *proc_lines(struct grade_net *gn, struct node *node, const struct proc_sel *sel)
{
	const char *prog = sel->prog;
	GString *o = g_string_new(NULL);
	char **lines;

	fflush(gn->out);
	lines = g_strsplit(gn->buf ? gn->buf : "", "\n", -1);
	for (char **l = lines; *l; l++) {
		const char *p = strchr(*l, ']');
		size_t nlen = strlen(node->name);
		const char *colon;

		if (!p || p[1] != ' ' || strncmp(p + 2, node->name, nlen) != 0 ||
		    p[2 + nlen] != ' ')
			continue;
		p += 3 + nlen;		/* the program's name */
		colon = strstr(p, ": ");
		if (!colon)
			continue;
		if (prog && (strlen(prog) != (size_t)(colon - p) ||
			     strncmp(p, prog, (size_t)(colon - p)) != 0))
			continue;
		if (line_time(*l) < sel->from || line_time(*l) > sel->to)
			continue;
		g_string_append(o, colon + 2);
		g_string_append_c(o, '\n');
	}
	g_strfreev(lines);
	return g_string_free(o, FALSE);
}

/* grade.output{ node =, prog = "ping" | pid = n, has = | match =, absent =, what =, hint = } */
static int l_grade_output(lua_State *L)
{
	struct lgrade *g = grade_get(L);
	struct node *node = opts_node(L, 1);
	struct lworld *lw;
	struct grade_net *gn;
	const char *prog, *what, *hint;
	struct proc_sel sel;
	struct line_test t;
	uint64_t pid;
	char *text;
	bool ok;

	lua_getfield(L, 1, "node");
	lw = lnode_world(L, -1);
	lua_pop(L, 1);
	lopt_reject_unknown(L, 1, output_keys);
	sel.prog = prog = lopt_string(L, 1, "prog");
	sel.from = 0;
	sel.to = INT64_MAX;
	if (lopt_uint(L, 1, "pid", &pid, INT32_MAX)) {
		/* its program and its life: what another process printed meanwhile
		 * under the same name is read too (docs/grading.md) */
		struct sim_proc *p = sim_proc_find(node, (int)pid);

		if (!p)
			return luaL_error(L, "%s has no process %d", node->name, (int)pid);
		sel.prog = p->comm;
		sel.from = p->start_time;
		sel.to = p->state == SIM_PROC_EXITED ? p->end_time : INT64_MAX;
		if (!prog)
			prog = p->comm;
	}
	line_test_read(L, 1, &t);
	what = lopt_string(L, 1, "what");
	hint = lopt_string(L, 1, "hint");
	gn = grade_net_of(g, lw);
	text = gn ? proc_lines(gn, node, &sel) : g_strdup("");
	switch (line_test_run(L, &t, text)) {
	case -1:
		g_free(text);
		return raise_match(L);
	case 0:
		ok = false;
		break;
	default:
		ok = true;
	}
	if (!what) {
		char *test = line_test_what(&t, "line");

		lua_pushfstring(L, "%s: %s output has %s", node->name, prog ? prog : "process",
				test);
		g_free(test);
		what = lua_tostring(L, -1);
	}
	/* the last lines are the ones that say most (ping's summary) */
	{
		char **lines = g_strsplit(text, "\n", -1);
		guint n = g_strv_length(lines);
		char *tail = g_strjoinv("\n", lines + (n > GOT_LINES + 1 ? n - GOT_LINES - 1 : 0));

		ok = grade_report(g, what, ok, hint, tail);
		g_free(tail);
		g_strfreev(lines);
	}
	g_free(text);
	lua_pushboolean(L, ok);
	return 1;
}

/*
 * Counts the frames of @path that @filter accepts; -1 with the reason in
 * @err for a filter that does not compile (the lab's mistake).  A file
 * that does not exist yet (an interface never up) has no frames.
 */
static int64_t pcap_count(const char *path, const char *filter, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	int64_t n = 0;
	pcap_t *p;

	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return 0;
	p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!p) {
		snprintf(err, errlen, "%s", ebuf);
		return -1;
	}
	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "bad filter \"%s\": %s", filter, pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	while (pcap_next_ex(p, &hdr, &data) == 1)
		if (pcap_offline_filter(&prog, hdr, data))
			n++;
	pcap_freecode(&prog);
	pcap_close(p);
	return n;
}

static const char *const packets_keys[] = { "node", "dev", "filter", "eq", "min", "max",
					    "what", "hint", NULL };

/* grade.packets{ node =, dev =, filter =, eq = | min =, max = ... }: the run's pcap */
static int l_grade_packets(lua_State *L)
{
	struct node *node = opts_node(L, 1);
	const char *dev, *filter, *what;
	struct lworld *lw;
	struct range rg;
	char err[PCAP_ERRBUF_SIZE + 128], *path, *file;
	int64_t n;

	lua_getfield(L, 1, "node");
	lw = lnode_world(L, -1);
	lua_pop(L, 1);
	lopt_reject_unknown(L, 1, packets_keys);
	dev = opts_required(L, 1, "dev");
	filter = lopt_string(L, 1, "filter");
	if (!filter)
		filter = "";
	range_read(L, 1, &rg);
	if (!lw->w->capture)
		return luaL_error(L, "grade.packets: no capture (call net:capture() before net:run)");
	sim_capture_flush_all(lw->w);
	file = g_strdup_printf("%s-%s.pcap", node->name, dev);
	path = g_build_filename(lw->out_dir, "pcap", file, NULL);
	g_free(file);
	n = pcap_count(path, filter, err, sizeof(err));
	g_free(path);
	if (n < 0)
		return luaL_error(L, "grade.packets: %s", err);
	what = lopt_string(L, 1, "what");
	if (!what) {
		char *want = range_text(&rg);

		lua_pushfstring(L, "%s %s: %s packets match \"%s\"", node->name, dev, want, filter);
		g_free(want);
		what = lua_tostring(L, -1);
	}
	return range_report(L, what, &rg, (uint64_t)n, lopt_string(L, 1, "hint"), " packets");
}

static const luaL_Reg grade_fns[] = {
	{ "config", l_grade_config }, { "check", l_grade_check }, { "cmd", l_grade_cmd },
	{ "route", l_grade_route }, { "rule", l_grade_rule }, { "neigh", l_grade_neigh },
	{ "fdb", l_grade_fdb }, { "counter", l_grade_counter }, { "drops", l_grade_drops },
	{ "output", l_grade_output }, { "packets", l_grade_packets }, { NULL, NULL },
};

static void grade_free(struct lgrade *g)
{
	if (!g->nets)
		return;
	for (guint i = 0; i < g->nets->len; i++)
		grade_detach(g_ptr_array_index(g->nets, i));
	g_ptr_array_unref(g->nets);
	g->nets = NULL;
	g_hash_table_unref(g->read);
}

static int l_grade_gc(lua_State *L)
{
	grade_free(lua_touserdata(L, 1));
	return 0;
}

void lgrade_open(lua_State *L, struct lrunner *r)
{
	struct lgrade *g = lua_newuserdatauv(L, sizeof(*g), 0);

	memset(g, 0, sizeof(*g));
	g->r = r;
	g->nets = g_ptr_array_new();
	g->read = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	lua_newtable(L);
	lua_pushcfunction(L, l_grade_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, GRADE_KEY);

	lua_getglobal(L, "skbsim");
	if (!lua_istable(L, -1)) {
		lua_pop(L, 1);
		return;
	}
	lua_getfield(L, -1, "network");
	lua_pushcclosure(L, l_grade_network, 1);
	lua_setfield(L, -2, "network");
	luaL_newlib(L, grade_fns);
	lua_pushstring(L, r->opts->grade_dir);
	lua_setfield(L, -2, "dir");
	lua_setfield(L, -2, "grade");
	lua_pop(L, 1);
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A student's .sh file the lab never read is most often a misnamed one
 * (R1.sh, r1.txt.sh): say so, or its lines would be silently ignored.
 */
static void note_unread(struct lgrade *g)
{
	GDir *dir = g_dir_open(g->r->opts->grade_dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *read = g_ptr_array_new();
	GString *list = g_string_new(NULL);
	GHashTableIter it;
	gpointer key;
	const char *n;

	g_hash_table_iter_init(&it, g->read);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(read, key);

	if (dir) {
		while ((n = g_dir_read_name(dir)))
			if (g_str_has_suffix(n, ".sh") && !g_hash_table_contains(g->read, n))
				g_ptr_array_add(names, g_strdup(n));
		g_dir_close(dir);
	}
	g_ptr_array_sort(names, cmp_names);
	g_ptr_array_sort(read, cmp_names);
	for (guint i = 0; i < read->len; i++)
		g_string_append_printf(list, "%s%s", i ? " " : "",
				       (const char *)g_ptr_array_index(read, i));
	for (guint i = 0; i < names->len; i++)
		printf("note: %s was not read (the lab reads: %s)\n",
		       (const char *)g_ptr_array_index(names, i), list->len ? list->str : "none");
	g_string_free(list, TRUE);
	g_ptr_array_unref(read);
	g_ptr_array_unref(names);
}

int lgrade_finish(struct lrunner *r, int status)
{
	struct lgrade *g = grade_get(r->L);

	if (!g || g->finished)
		return status;
	g->finished = true;
	if (status == SIM_LUA_OK && g->checks > 0)
		note_unread(g);
	grade_free(g);		/* process output back where it was */
	if (status == SIM_LUA_USAGE)
		return status;		/* no lab to run: the runner said why */
	if (status != SIM_LUA_OK) {
		/* the lab's own error is printed already (file:line) */
		fprintf(stderr, "skbsim: grade: the lab stopped with an error, no verdict\n");
		return status;
	}
	if (g->checks == 0) {
		fprintf(stderr, "skbsim: grade: the lab made no checks\n");
		return SIM_LUA_SCENARIO_ERROR;
	}
	printf("%d/%d checks passed\n", g->passed, g->checks);
	fflush(stdout);
	return g->passed == g->checks ? 0 : 3;
}
