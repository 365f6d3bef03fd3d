/*
 * sim/lua/lconsole.c - skbsim console and net:pause()
 *
 * No kernel counterpart: this is the root prompt a student gets on every
 * node of the simulated network at once.  `skbsim console SCENARIO.lua`
 * runs the scenario, then reads commands: `NODE COMMAND` runs COMMAND on
 * NODE through the same sh as node:sh (a built-in program such as ping is
 * started as a process instead, as `cmd &` would be), `run TIME` moves
 * simulated time on, `walk FILTER` arms a walkthrough, and `nodes`,
 * `links`, `capture`, `time`, `help`, `quit` (docs/console.md).
 * net:pause() in the scenario gives the same prompt at that simulated
 * time; `continue` goes back to the script.  Under `skbsim run` it does
 * nothing.
 *
 * Two ways to read lines.  On a terminal, libedit (BSD licence) gives line
 * editing, history in ~/.skbsim_history and Tab completion of node names
 * and commands; Ctrl-C clears the line.  Otherwise (a script on stdin,
 * the tests) plain lines are read and each one is echoed after the
 * prompt, so that the output is a readable transcript that depends only
 * on the input; `#` comments and blank lines are skipped, unechoed.
 *
 * Console words win over node names; a node named like one (a node "run")
 * is reached with `node NAME COMMAND`.
 */
#include "sim/lua/lua_priv.h"

#include <ctype.h>
#include <errno.h>
#include <histedit.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/sh.h"
#include "sim/trace/pcap.h"
#include "sim/trace/walk.h"

#define CONSOLE_KEY	"skbsim.console.state"	/* registry: the console's state */
#define CONSOLE_MT	"skbsim.console"
#define HISTORY_FILE	".skbsim_history"
#define HISTORY_SIZE	1000

/* The console of one `skbsim console` run: lives as long as the Lua state. */
struct console {
	struct lrunner *r;
	bool interactive;		/* libedit on a terminal */
	bool closed;			/* quit or EOF: no prompt any more */
	bool failed;			/* a run from the prompt ended on a scenario error */
	bool interrupted;		/* ^C on a non-terminal stdin: exit 130 */
	EditLine *el;
	History *hist;
	char *history_path;
	char *buf;			/* getline's buffer (plain mode) */
	size_t cap;
	bool cancelled;			/* ^C typed in the current line */

	/* the prompt being served */
	lua_State *L;			/* the thread that paused, or the main one */
	struct lworld *lw;
	bool paused;			/* at net:pause(): `continue` goes back */
	bool in_event;			/* ...inside a callback or process: no `run` */
	char prompt[SIM_NODE_NAME_MAX + 64];
};

enum con_next {
	CON_STAY,			/* read the next command */
	CON_CONTINUE,			/* back to the scenario (net:pause) */
	CON_QUIT,			/* quit: no prompt any more */
};

struct con_cmd {
	const char *name;
	const char *args;
	const char *help;
	/* @rest: the line after the command word, blanks trimmed */
	enum con_next (*fn)(struct console *c, const char *rest);
};

/* ---- output ------------------------------------------------------------ */

/* Errors go to stderr, after what stdout holds, so a 2>&1 transcript reads in order. */
static void con_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void con_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static struct world *con_world(const struct console *c)
{
	return c->lw->w;
}

/* "1.5s", "250ms", as messages elsewhere; "0s" rather than "0ns" at the start */
static char *con_time_short(sim_time_t t, char *buf, size_t len)
{
	if (t == 0) {
		g_strlcpy(buf, "0s", len);
		return buf;
	}
	return sim_time_format_short(t, buf, len);
}

/* ---- interfaces, as `ip -o link show` lists them ----------------------- */

/*
 * The names of @node's interfaces in ifindex order ("eth1", not the
 * "eth1@if3" of a veth), read through the node's own `ip`: the engine
 * knows nodes, not net_devices.
 */
static GPtrArray *node_ifnames(struct node *node)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	struct sim_sh_result res;
	char **lines;

	sim_sh_run(node, "ip -o link show", &res);
	lines = g_strsplit(res.out->str, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *name = strstr(*l, ": ");
		size_t len;

		if (!name)
			continue;
		name += 2;
		len = strcspn(name, ":@");
		g_ptr_array_add(names, g_strndup(name, len));
	}
	g_strfreev(lines);
	sim_sh_result_free(&res);
	return names;
}

static bool has_name(GPtrArray *names, const char *name)
{
	for (guint i = 0; i < names->len; i++)
		if (strcmp(g_ptr_array_index(names, i), name) == 0)
			return true;
	return false;
}

/* ---- NODE COMMAND ------------------------------------------------------ */

/*
 * A built-in program (ping, iperf...) that is not an sh command is started
 * now as a process of @node, as `ping ... &` at a shell: it runs when
 * simulated time does.  A trailing `&` is accepted.
 */
static bool start_program(struct console *c, struct node *node, const char *text)
{
	struct sim_err err = { { 0 } };
	char *cmdline = g_strstrip(g_strdup(text));
	size_t n = strlen(cmdline);
	struct sim_proc *p;
	char **argv;
	int argc;

	if (n > 1 && cmdline[n - 1] == '&' && cmdline[n - 2] != '&') {
		cmdline[n - 1] = '\0';		/* "ping ... &": started anyway */
		g_strchomp(cmdline);
	}
	argv = sim_shell_split(cmdline, &argc, &err);
	if (!argv || argc == 0 || world_command(con_world(c), argv[0]) ||
	    !world_program(con_world(c), argv[0])) {
		g_strfreev(argv);
		g_free(cmdline);
		return false;
	}
	g_strfreev(argv);
	p = sim_proc_spawn_program(node, cmdline, sim_now(con_world(c)), &err);
	if (p)
		printf("[%s pid %d] %s (started; `run TIME` lets it run)\n", node->name, p->pid,
		       cmdline);
	else
		con_err("%s: %s", node->name, err.msg);
	g_free(cmdline);
	return true;
}

static void node_command(struct console *c, struct node *node, const char *text)
{
	struct sim_sh_result res;

	if (!*text) {
		con_err("%s: a command is needed (\"%s ip addr\", \"%s ping -c 1 ADDR\")",
			node->name, node->name, node->name);
		return;
	}
	if (start_program(c, node, text))
		return;
	/* what the tool prints, as node:sh{check = false} returns it */
	sim_sh_run(node, text, &res);
	fwrite(res.out->str, 1, res.out->len, stdout);
	fflush(stdout);
	fwrite(res.err->str, 1, res.err->len, stderr);
	fflush(stderr);
	sim_sh_result_free(&res);
}

/* `node NAME COMMAND`: for a node whose name is also a console command */
static enum con_next con_node(struct console *c, const char *rest)
{
	size_t n = strcspn(rest, " \t");
	char *name = g_strndup(rest, n);
	struct node *node = world_node(con_world(c), name);

	if (!*name)
		con_err("node: usage: node NAME COMMAND");
	else if (!node)
		con_err("node: no node named \"%s\" (nodes lists them)", name);
	else
		node_command(c, node, rest + n + strspn(rest + n, " \t"));
	g_free(name);
	return CON_STAY;
}

/* ---- run, time, continue, quit ----------------------------------------- */

/* The SIGINT flag main.c set is ours to clear: the next run starts afresh. */
static void clear_interrupt(struct console *c)
{
	if (c->r->opts->interrupted)
		*(volatile sig_atomic_t *)c->r->opts->interrupted = 0;
}

static enum con_next con_run(struct console *c, const char *rest)
{
	struct world *w = con_world(c);
	struct sim_err err = { { 0 } };
	lua_State *saved = c->r->Lrun;
	sim_time_t d;
	char t[32];
	double t0;
	int rc;

	if (!*rest || strchr(rest, ' ')) {
		con_err("run: usage: run TIME (such as 2s or 500ms)");
		return CON_STAY;
	}
	if (c->in_event) {
		con_err("run: paused inside an event (a net:at callback or a process) at t=%s: "
			"simulated time cannot move from inside one of its events; `continue` "
			"first", con_time_short(sim_now(w), t, sizeof(t)));
		return CON_STAY;
	}
	if (w->error) {
		con_err("run: the simulation stopped on an error: %s", w->error);
		return CON_STAY;
	}
	if (sim_time_parse(rest, &d, &err) < 0) {
		con_err("run: %s", err.msg);
		return CON_STAY;
	}
	if (d > SIM_TIME_MAX - sim_now(w)) {
		con_err("run: the run would end past the largest simulated time (292 years)");
		return CON_STAY;
	}
	fflush(stdout);
	t0 = sim_wall_now();
	c->r->Lrun = c->L;		/* callbacks run on the thread that paused */
	rc = world_run(w, sim_now(w) + d);
	c->r->Lrun = saved;
	sim_capture_flush_all(w);
	c->lw->run_wall += sim_wall_now() - t0;
	fflush(stdout);
	if (rc < 0 && w->error) {
		con_err("%s", w->error);
		c->failed = true;
	} else if (rc < 0) {
		if (c->interactive)
			putchar('\n');		/* after the ^C the terminal echoed */
		con_err("interrupted at t=%s", con_time_short(sim_now(w), t, sizeof(t)));
		clear_interrupt(c);
	}
	return CON_STAY;
}

static enum con_next con_time(struct console *c, const char *rest)
{
	char t[32];

	(void)rest;
	printf("%ss\n", sim_time_format(sim_now(con_world(c)), t, sizeof(t)));
	return CON_STAY;
}

static enum con_next con_continue(struct console *c, const char *rest)
{
	(void)rest;
	if (c->paused)
		return CON_CONTINUE;
	con_err("continue: the scenario has ended (not at a net:pause); `run TIME` moves "
		"time on, `quit` leaves");
	return CON_STAY;
}

static enum con_next con_quit(struct console *c, const char *rest)
{
	(void)c, (void)rest;
	return CON_QUIT;
}

/* ---- walk -------------------------------------------------------------- */

static bool parse_count(const char *s, int64_t *count)
{
	char *end;
	long long v;

	if (!*s || !isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 1)
		return false;
	*count = v;
	return true;
}

/*
 * `walk FILTER [COUNT]`: a last word that is a number is the count when
 * the filter makes sense without it and not with it ("icmp 3" is three
 * ICMP packets, "udp port 53" one DNS packet, "vlan 100" one packet of
 * VLAN 100).  `walk off`: no new walk.
 */
static enum con_next con_walk(struct console *c, const char *rest)
{
	struct world *w = con_world(c);
	struct sim_err err = { { 0 } };
	char *filter = g_strdup(rest);
	char *last = strrchr(filter, ' ');
	int64_t count = 1;

	if (!*filter) {
		con_err("walk: usage: walk FILTER [COUNT] (pcap-filter syntax, as tcpdump's), "
			"walk off");
		g_free(filter);
		return CON_STAY;
	}
	if (strcmp(filter, "off") == 0) {
		sim_walk_disarm(w);
		printf("walk: off (packets being followed go on being followed)\n");
		g_free(filter);
		return CON_STAY;
	}
	if (last && parse_count(last + 1, &count)) {
		struct sim_err ignored = { { 0 } };

		if (sim_walk_filter_check(filter, &ignored) == 0) {
			count = 1;		/* "vlan 100": the number is the filter's */
		} else {
			*last = '\0';
			g_strchomp(filter);
		}
	}
	if (sim_walk_arm(w, filter, count, &err) < 0)
		con_err("walk: %s", err.msg);
	else if (count == 1)
		printf("walk: the next packet matching \"%s\" will be followed\n", filter);
	else
		printf("walk: the next %" PRId64 " packets matching \"%s\" will be followed\n",
		       count, filter);
	g_free(filter);
	return CON_STAY;
}

/* ---- nodes, links, capture --------------------------------------------- */

static enum con_next con_nodes(struct console *c, const char *rest)
{
	struct world *w = con_world(c);
	int width = 4;

	(void)rest;
	for (guint i = 0; i < w->nodes->len; i++) {
		const struct node *node = g_ptr_array_index(w->nodes, i);

		width = MAX(width, (int)strlen(node->name));
	}
	printf("%-*s  %-8s  %s\n", width, "NODE", "KIND", "INTERFACES");
	for (guint i = 0; i < w->nodes->len; i++) {
		struct node *node = g_ptr_array_index(w->nodes, i);
		GPtrArray *ifs = node_ifnames(node);

		printf("%-*s  %-8s ", width, node->name, node->kind->name);
		for (guint j = 0; j < ifs->len; j++)
			printf(" %s", (char *)g_ptr_array_index(ifs, j));
		putchar('\n');
		g_ptr_array_unref(ifs);
	}
	return CON_STAY;
}

/*
 * A rate in tc's units, exactly: the largest unit that divides it (1Gbit,
 * 1500Mbit, 64Kbit, 1234567bit), no float to round or localize.
 */
static void format_rate(uint64_t bps, char *buf, size_t len)
{
	static const struct { uint64_t div; const char *unit; } units[] = {
		{ 1000000000ULL, "Gbit" }, { 1000000ULL, "Mbit" }, { 1000ULL, "Kbit" },
		{ 1, "bit" },
	};
	size_t i = 0;

	while (bps % units[i].div != 0)
		i++;
	snprintf(buf, len, "%" PRIu64 "%s", bps / units[i].div, units[i].unit);
}

static enum con_next con_links(struct console *c, const char *rest)
{
	struct world *w = con_world(c);

	(void)rest;
	if (!w->links->len) {
		printf("no links\n");
		return CON_STAY;
	}
	for (guint i = 0; i < w->links->len; i++) {
		const struct sim_link *link = g_ptr_array_index(w->links, i);
		char a[SIM_NODE_NAME_MAX + 20], b[SIM_NODE_NAME_MAX + 20], rate[32], delay[32];

		snprintf(a, sizeof(a), "%s:%s", link->node[0]->name, link->ifname[0]);
		snprintf(b, sizeof(b), "%s:%s", link->node[1]->name, link->ifname[1]);
		if (link->rate_bps)
			format_rate(link->rate_bps, rate, sizeof(rate));
		else
			g_strlcpy(rate, "no-limit", sizeof(rate));
		printf("%-14s <-> %-14s  %-6s rate %-8s delay %s\n", a, b, link->kind->name, rate,
		       con_time_short(link->delay, delay, sizeof(delay)));
	}
	return CON_STAY;
}

static const char *pcap_of(struct world *w, struct node *node, const char *ifname)
{
	char *base = g_strdup_printf("%s-%s.pcap", node->name, ifname);
	const char *found = NULL;

	g_strdelimit(base, "/", '_');
	for (guint i = 0; w->pcaps && i < w->pcaps->len && !found; i++) {
		const char *path = sim_pcap_path(g_ptr_array_index(w->pcaps, i));
		char *pbase = g_path_get_basename(path);

		if (strcmp(pbase, base) == 0)
			found = path;
		g_free(pbase);
	}
	g_free(base);
	return found;
}

/*
 * `capture NODE [IFACE]`: net:capture{ node = NODE } from the prompt.  A
 * capture covers every interface of its node, so IFACE only checks the
 * name and chooses which file is printed.
 */
static enum con_next con_capture(struct console *c, const char *rest)
{
	struct world *w = con_world(c);
	struct sim_err err = { { 0 } };
	char **argv = NULL;
	GPtrArray *ifs = NULL;
	struct node *node;
	int argc = 0;

	argv = sim_shell_split(rest, &argc, &err);
	if (!argv) {
		con_err("capture: %s", err.msg);
		goto out;
	}
	if (argc < 1 || argc > 2) {
		con_err("capture: usage: capture NODE [IFACE]");
		goto out;
	}
	node = world_node(w, argv[0]);
	if (!node) {
		con_err("capture: no node named \"%s\" (nodes lists them)", argv[0]);
		goto out;
	}
	ifs = node_ifnames(node);
	if (argc == 2 && !has_name(ifs, argv[1])) {
		con_err("capture: %s: %s: No such device exists", node->name, argv[1]);
		goto out;
	}
	if (!w->out_dir) {
		con_err("capture: this network writes no outputs");
		goto out;
	}
	if (sim_capture_enable(w, node->name, NULL, &err) < 0) {
		con_err("%s", err.msg);
		goto out;
	}
	for (guint i = 0; i < ifs->len; i++) {
		const char *ifname = g_ptr_array_index(ifs, i);
		const char *path = pcap_of(w, node, ifname);

		if (argc == 2 && strcmp(ifname, argv[1]) != 0)
			continue;
		printf("%s %s: %s\n", node->name, ifname, path ? path : "(not open)");
	}
	if (argc == 2 && ifs->len > 1)
		printf("(a capture covers every interface of %s: the others are written too)\n",
		       node->name);
out:
	if (ifs)
		g_ptr_array_unref(ifs);
	g_strfreev(argv);
	return CON_STAY;
}

/* ---- help and the command table ---------------------------------------- */

static enum con_next con_help(struct console *c, const char *rest);

static const struct con_cmd con_cmds[] = {
	{ "run", "TIME", "move simulated time on by TIME (2s, 500ms)", con_run },
	{ "walk", "FILTER [COUNT]", "follow the next COUNT packets matching FILTER; walk off",
	  con_walk },
	{ "nodes", "", "the nodes, their kind and interfaces", con_nodes },
	{ "links", "", "the links: both ends, rate, delay", con_links },
	{ "capture", "NODE [IFACE]", "capture on NODE from now; prints the pcap files",
	  con_capture },
	{ "time", "", "the simulated time", con_time },
	{ "node", "NAME COMMAND", "NODE COMMAND for a node named like a console command",
	  con_node },
	{ "continue", "", "at a net:pause(): go back to the scenario", con_continue },
	{ "help", "", "this list", con_help },
	{ "quit", "", "leave the console (also exit, or end of input)", con_quit },
	{ "exit", "", "the same as quit", con_quit },
	{ NULL, NULL, NULL, NULL },
};

static enum con_next con_help(struct console *c, const char *rest)
{
	(void)c, (void)rest;
	printf("NODE COMMAND          run COMMAND on NODE as node:sh does (ip, tc, sysctl,\n"
	       "                      cat /proc/...); a program (ping, iperf...) is started\n");
	for (const struct con_cmd *cmd = con_cmds; cmd->name; cmd++) {
		char head[40];

		snprintf(head, sizeof(head), "%s%s%s", cmd->name, *cmd->args ? " " : "",
			 cmd->args);
		printf("%-21s %s\n", head, cmd->help);
	}
	return CON_STAY;
}

static const struct con_cmd *con_cmd_find(const char *name)
{
	for (const struct con_cmd *cmd = con_cmds; cmd->name; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

/* One line, without its newline; comments and blank lines never get here. */
static enum con_next con_execute(struct console *c, const char *line)
{
	size_t n = strcspn(line, " \t");
	char *word = g_strndup(line, n);
	const char *rest = line + n + strspn(line + n, " \t");
	const struct con_cmd *cmd = con_cmd_find(word);
	enum con_next next = CON_STAY;
	struct node *node;

	if (cmd)
		next = cmd->fn(c, rest);
	else if ((node = world_node(con_world(c), word)))
		node_command(c, node, rest);
	else
		con_err("%s: not a node or a console command (help lists them)", word);
	g_free(word);
	fflush(stdout);
	return next;
}

/* ---- reading lines: libedit on a terminal, plain lines otherwise ------- */

static char *con_prompt(EditLine *el)
{
	struct console *c = NULL;

	el_get(el, EL_CLIENTDATA, &c);
	return c->prompt;
}

/* ^C (ISIG is off while editing): the line is dropped, a new prompt shown. */
static unsigned char con_cancel(EditLine *el, int ch)
{
	struct console *c = NULL;

	(void)ch;
	el_get(el, EL_CLIENTDATA, &c);
	c->cancelled = true;
	fputs("^C\n", stdout);	/* as bash: the line stays on the screen */
	fflush(stdout);
	return CC_NEWLINE;
}

/* sh.c's own commands, which are not in the world's registry */
static const char *const sh_builtins[] = { "cat", "echo", "false", "true", NULL };

static gint cmp_strp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_keys(GPtrArray *cands, GHashTable *table)
{
	GList *keys = g_hash_table_get_keys(table);

	for (GList *l = keys; l; l = l->next)
		g_ptr_array_add(cands, g_strdup(l->data));
	g_list_free(keys);
}

/*
 * The words that may come after @words (@nwords of them), sorted: console
 * commands and node names first, node names after capture and node, a
 * node's commands and programs after its name.
 */
static GPtrArray *completions(struct console *c, char **words, int nwords)
{
	struct world *w = con_world(c);
	GPtrArray *cands = g_ptr_array_new_with_free_func(g_free);
	bool nodes = nwords == 0 || (nwords == 1 && (strcmp(words[0], "capture") == 0 ||
						     strcmp(words[0], "node") == 0));
	bool tools = (nwords == 1 && world_node(w, words[0]) && !con_cmd_find(words[0])) ||
		     (nwords == 2 && strcmp(words[0], "node") == 0);

	if (nwords == 0)
		for (const struct con_cmd *cmd = con_cmds; cmd->name; cmd++)
			g_ptr_array_add(cands, g_strdup(cmd->name));
	for (guint i = 0; nodes && i < w->nodes->len; i++)
		g_ptr_array_add(cands, g_strdup(((struct node *)w->nodes->pdata[i])->name));
	if (tools) {
		for (const char *const *b = sh_builtins; *b; b++)
			g_ptr_array_add(cands, g_strdup(*b));
		add_keys(cands, w->commands);
		add_keys(cands, w->programs);
	}
	g_ptr_array_sort(cands, cmp_strp);	/* hash order never shows */
	return cands;
}

/* The candidates starting with @prefix (@plen bytes), each once. */
static GPtrArray *matching(GPtrArray *cands, const char *prefix, size_t plen)
{
	GPtrArray *match = g_ptr_array_new();

	for (guint i = 0; i < cands->len; i++) {
		const char *s = g_ptr_array_index(cands, i);

		if (strncmp(s, prefix, plen) == 0 &&
		    (!match->len || strcmp(g_ptr_array_index(match, match->len - 1), s) != 0))
			g_ptr_array_add(match, (gpointer)s);
	}
	return match;
}

static size_t common_prefix(GPtrArray *match)
{
	const char *first = g_ptr_array_index(match, 0);
	size_t common = strlen(first);

	for (guint i = 1; i < match->len; i++) {
		const char *s = g_ptr_array_index(match, i);
		size_t k = 0;

		while (k < common && s[k] == first[k])
			k++;
		common = k;
	}
	return common;
}

/*
 * Completes the word before the cursor from @match: one candidate whole
 * (and a space), several up to what they share; when they share no more
 * than was typed, they are listed, as bash lists them.
 */
static unsigned char complete_word(EditLine *el, GPtrArray *match, size_t plen)
{
	const char *first;
	size_t common;
	char *tail;

	if (!match->len)
		return CC_REFRESH_BEEP;
	first = g_ptr_array_index(match, 0);
	common = common_prefix(match);
	if (match->len > 1 && common <= plen) {
		putchar('\n');
		for (guint i = 0; i < match->len; i++)
			printf("%s%s", i ? "  " : "", (char *)g_ptr_array_index(match, i));
		putchar('\n');
		fflush(stdout);
		return CC_REDISPLAY;
	}
	tail = match->len == 1 ? g_strconcat(first + plen, " ", NULL)
			       : g_strndup(first + plen, common - plen);
	el_insertstr(el, tail);
	g_free(tail);
	return CC_REFRESH;
}

/* Tab: completes a console command, a node name, or a node's tool. */
static unsigned char con_complete(EditLine *el, int ch)
{
	struct console *c = NULL;
	const LineInfo *li = el_line(el);
	const char *start = li->cursor;
	struct sim_err err = { { 0 } };
	GPtrArray *cands, *match;
	char *before, **words;
	unsigned char ret;
	int nwords = 0;

	(void)ch;
	el_get(el, EL_CLIENTDATA, &c);
	while (start > li->buffer && !isspace((unsigned char)start[-1]))
		start--;
	before = g_strndup(li->buffer, (gsize)(start - li->buffer));
	words = sim_shell_split(before, &nwords, &err);
	g_free(before);
	if (!words)
		return CC_REFRESH_BEEP;		/* inside a quote */
	cands = completions(c, words, nwords);
	match = matching(cands, start, (size_t)(li->cursor - start));
	ret = complete_word(el, match, (size_t)(li->cursor - start));
	g_ptr_array_unref(match);
	g_ptr_array_unref(cands);
	g_strfreev(words);
	return ret;
}

static void editline_open(struct console *c)
{
	HistEvent ev;
	const char *home = g_get_home_dir();

	c->hist = history_init();
	history(c->hist, &ev, H_SETSIZE, HISTORY_SIZE);
	history(c->hist, &ev, H_SETUNIQUE, 1);
	if (home) {
		c->history_path = g_build_filename(home, HISTORY_FILE, NULL);
		history(c->hist, &ev, H_LOAD, c->history_path);	/* none yet: fine */
	}
	c->el = el_init("skbsim", stdin, stdout, stderr);
	el_set(c->el, EL_CLIENTDATA, c);
	el_set(c->el, EL_EDITOR, "emacs");
	el_set(c->el, EL_PROMPT, con_prompt);
	el_set(c->el, EL_HIST, history, c->hist);
	/* el_wset: the narrow EL_ADDFN copies its names and never frees them */
	el_wset(c->el, EL_ADDFN, L"skbsim-complete", L"complete a command or node name",
		con_complete);
	el_set(c->el, EL_BIND, "^I", "skbsim-complete", NULL);
	/* ^C while editing is a key, not SIGINT: it clears the line */
	el_set(c->el, EL_SETTY, "-d", "-isig", NULL);
	el_wset(c->el, EL_ADDFN, L"skbsim-cancel", L"drop the line", con_cancel);
	el_set(c->el, EL_BIND, "^C", "skbsim-cancel", NULL);
	el_source(c->el, NULL);		/* ~/.editrc, as other libedit programs */
}

static bool sigint_pending(const struct console *c)
{
	return c->r->opts->interrupted && *c->r->opts->interrupted;
}

/* A line from libedit into c->buf; false at EOF (^D on an empty line). */
static bool read_edited(struct console *c)
{
	const char *line;

	for (;;) {
		int count = 0;

		c->cancelled = false;
		line = el_gets(c->el, &count);
		if (sigint_pending(c)) {
			clear_interrupt(c);	/* a kill -INT from outside the tty */
			putchar('\n');
			continue;
		}
		if (!line || count <= 0) {
			putchar('\n');
			return false;
		}
		if (!c->cancelled)
			break;
	}
	free(c->buf);
	c->buf = g_strdup(line);	/* el_gets' buffer is the next call's */
	return true;
}

/* A line from stdin into c->buf; false at EOF, or on SIGINT (then exit 130). */
static bool read_plain(struct console *c)
{
	fflush(stdout);
	/* the check first: a signal that came before read(2) would not end it */
	if (!sigint_pending(c) && getline(&c->buf, &c->cap, stdin) >= 0)
		return true;
	c->interrupted = sigint_pending(c);
	return false;
}

/*
 * The next command line, without its newline; NULL at the end of input.
 * Lines that are blank or `#` comments are skipped here.
 */
static const char *con_readline(struct console *c)
{
	for (;;) {
		char *s;

		if (!(c->interactive ? read_edited(c) : read_plain(c)))
			return NULL;
		s = g_strstrip(c->buf);
		if (!*s || *s == '#')
			continue;
		if (c->interactive) {
			HistEvent ev;

			history(c->hist, &ev, H_ENTER, s);
		} else {
			printf("%s%s\n", c->prompt, s);	/* the transcript */
		}
		return s;
	}
}

/* ---- the console's lifetime -------------------------------------------- */

static int console_gc(lua_State *L)
{
	struct console *c = luaL_checkudata(L, 1, CONSOLE_MT);

	if (c->hist) {
		HistEvent ev;

		if (c->history_path)
			history(c->hist, &ev, H_SAVE, c->history_path);
		history_end(c->hist);
		c->hist = NULL;
	}
	if (c->el) {
		el_end(c->el);
		c->el = NULL;
	}
	g_free(c->history_path);
	c->history_path = NULL;
	free(c->buf);			/* getline's: malloc'd */
	c->buf = NULL;
	return 0;
}

/* The console of this run, made on first use; the Lua state frees it. */
static struct console *console_get(lua_State *L, struct lrunner *r)
{
	struct console *c;

	lua_getfield(L, LUA_REGISTRYINDEX, CONSOLE_KEY);
	c = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (c)
		return c;
	c = lua_newuserdatauv(L, sizeof(*c), 0);
	memset(c, 0, sizeof(*c));
	if (luaL_newmetatable(L, CONSOLE_MT)) {
		lua_pushcfunction(L, console_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, CONSOLE_KEY);
	c->r = r;
	c->interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (c->interactive)
		editline_open(c);
	return c;
}

static void set_prompt(struct console *c)
{
	char t[32];

	snprintf(c->prompt, sizeof(c->prompt), "%s t=%s%s> ", con_world(c)->name,
		 con_time_short(sim_now(con_world(c)), t, sizeof(t)),
		 c->paused ? " (paused)" : "");
}

/* Reads and runs commands until continue, quit or the end of input. */
static void con_session(struct console *c)
{
	for (;;) {
		const char *line;
		enum con_next next;

		set_prompt(c);
		line = con_readline(c);
		if (!line) {
			c->closed = true;
			return;
		}
		next = con_execute(c, line);
		if (next == CON_CONTINUE)
			return;
		if (next == CON_QUIT) {
			c->closed = true;
			return;
		}
	}
}

/*
 * net:pause([note]): the prompt at this simulated time under `skbsim
 * console`; nothing under `skbsim run`, nor once the console was left.
 */
int lconsole_pause(lua_State *L)
{
	struct lworld *lw = lnet_check(L, 1);
	const char *note = luaL_optstring(L, 2, NULL);
	struct lrunner *r = lrunner_get(L);
	struct console *c, saved;
	lua_Debug ar;
	char t[32];

	if (!r->opts->console)
		return 0;
	c = console_get(L, r);
	if (c->closed)
		return 0;
	saved = *c;			/* a pause inside a run from a pause nests */
	c->L = L;
	c->lw = lw;
	c->paused = true;
	c->in_event = lw->w->running || r->running_proc;
	fflush(stdout);
	printf("-- paused at t=%s", con_time_short(sim_now(lw->w), t, sizeof(t)));
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
		char *base = g_path_get_basename(ar.short_src);

		printf(" (%s:%d)", base, ar.currentline);
		g_free(base);
	}
	printf("%s%s; `continue` goes on\n", note ? ": " : "", note ? note : "");
	con_session(c);
	c->L = saved.L;
	c->lw = saved.lw;
	c->paused = saved.paused;
	c->in_event = saved.in_event;
	return 0;
}

/* The scenario's status, unless the console's runs failed or were cut short. */
static int con_status(const struct console *c, int status)
{
	if (c->interrupted)
		return SIM_LUA_INTERRUPTED;
	if (c->failed && status == SIM_LUA_OK)
		return SIM_LUA_SCENARIO_ERROR;
	return status;
}

int lconsole_main(struct lrunner *r, int status)
{
	struct console *c;
	char t[32];

	if (status == SIM_LUA_INTERRUPTED)
		return status;		/* ^C in the scenario: the user wants out */
	c = console_get(r->L, r);
	if (c->closed)
		return con_status(c, status);
	if (!r->current) {
		printf("skbsim console: the scenario made no network\n");
		return status;
	}
	c->L = r->L;
	c->lw = r->current;
	c->paused = false;
	c->in_event = false;
	fflush(stdout);
	printf("-- the scenario %s at t=%s; `help` lists the commands\n",
	       status == SIM_LUA_OK ? "ended" : "stopped on an error",
	       con_time_short(sim_now(c->lw->w), t, sizeof(t)));
	con_session(c);
	fflush(stdout);
	return con_status(c, status);
}
