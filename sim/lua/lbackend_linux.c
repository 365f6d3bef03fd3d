/*
 * sim/lua/lbackend_linux.c - the scenario API on the real kernel
 *
 * No kernel counterpart.  The same methods as sim/lua/lnet.c, carried out
 * on the machine instead of in the simulator:
 *
 *   node            network namespace "sk<pid>-<node>" (IPv6 off, lo down)
 *   net:router      ... with net.ipv4.ip_forward = 1 (router_setup)
 *   net:bridge      ... with br0 up; each new link's end enslaved and up
 *   net:link        veth pair, the next free ethN on each side;
 *                   delay/loss/rate -> tc netem, mtu, txqueuelen -> ip link
 *   node:sh         each line: ip netns exec NS sh -c LINE
 *   node:spawn      the real program, started when its time comes
 *   net:run(d)      d of wall-clock time passes
 *   net:capture     tcpdump -w out/pcap/<node>-<if>.pcap (nanoseconds)
 *   metrics.db      the same schema, counters read at the end from
 *                   /proc/net/snmp, /proc/net/netstat, /sys/class/net
 *
 * Scenario time: the clock stands still while the script configures
 * (node:sh takes no simulated time), and runs with the wall clock inside
 * net:run, so "at = 1s" means one second of running after time zero,
 * however long the configuration took.
 *
 * What has no real counterpart (Lua-function processes, NIC model options,
 * node:inject, counters the kernel does not export) is said on stderr as
 * "skipped: ..." once per kind, never silently ignored.
 */
#define _GNU_SOURCE		/* setns, execvpe */
#include "sim/lua/lbackend_linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sim/lua/lua_priv.h"
#include "sim/time.h"
#include "sim/trace/metrics.h"
#include "sim/version.h"

#define LX_NET_MT	"skbsim.linux.network"
#define LX_NODE_MT	"skbsim.linux.node"
#define LX_STATE_KEY	"skbsim.linux.state"
#define LX_NS_PREFIX	"sk"

enum lx_proc_state { LX_WAITING, LX_RUNNING, LX_EXITED, LX_KILLED, LX_SKIPPED };

struct lx_net;

struct lx_proc {
	struct lx_node *node;
	int pid;			/* per node from 1, as the simulator's */
	pid_t real;			/* 0 until started */
	char *cmd, *comm;
	char **argv;			/* the command line split as sh would */
	sim_time_t at, start, end;
	int fd;				/* stdout+stderr pipe, -1 once closed */
	GString *partial;
	int status, sig;
	enum lx_proc_state state;
};

struct lx_iface {
	char *name;
	pid_t tcpdump;			/* 0: not captured (yet) */
	int tcpdump_err;		/* its stderr, read for "listening on" */
};

struct lx_node {
	struct lx_net *net;
	int id;
	char *name, *kind, *ns;
	char **envp;			/* the state's, with NSTAT_HISTORY */
	char *nstat_history;
	GPtrArray *ifaces;		/* struct lx_iface *: the captured ones */
	GPtrArray *procs;		/* struct lx_proc * */
	int next_pid;
};

struct lx_at {
	sim_time_t t;
	uint64_t seq;
	int ref;
};

/* a veth pair net:link made, for net:fail */
struct lx_link {
	struct lx_node *node[2];
	char *ifname[2];
};

struct lx_line {
	sim_time_t t;
	int node_id, pid;
	char *line;
};

struct lx_net {
	struct lx_state *st;
	unsigned int index;		/* creation order in the run, from 0 */
	char *name, *out_dir;
	uint64_t seed;
	unsigned int hz;
	sim_time_t now;
	double base;			/* wall seconds at scenario time zero */
	bool running;
	GPtrArray *nodes;		/* struct lx_node * */
	GPtrArray *ats;			/* struct lx_at *, unsorted */
	uint64_t at_seq;
	bool capture;
	char *capture_filter, *capture_node;
	GPtrArray *lines;		/* struct lx_line *: process output */
	GPtrArray *links;		/* struct lx_link *: what net:fail may pull */
	struct sim_metrics *metrics;
	double created_wall, run_wall;
	bool finished;
};

struct lx_state {
	lua_State *L;
	const struct sim_lua_opts *opts;
	char tag[32];			/* "sk<pid>" */
	GPtrArray *nets;
	GHashTable *skipped;		/* messages said once */
	char *stdbuf;			/* path of stdbuf(1), or NULL */
	char **envp;			/* LC_ALL=C */
	char *sha256;
};

/*
 * The atexit handler has no argument, and a crashed or killed-by-error run
 * must still delete its namespaces: this is the one pointer it can reach.
 */
static struct lx_state *lx_exit_state;

/* ---- small helpers ------------------------------------------------------- */

static struct lx_state *lx_state(lua_State *L)
{
	struct lx_state *st;

	lua_getfield(L, LUA_REGISTRYINDEX, LX_STATE_KEY);
	st = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return st;
}

static void lx_skip(struct lx_state *st, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void lx_skip(struct lx_state *st, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (g_hash_table_contains(st->skipped, msg)) {
		g_free(msg);
		return;
	}
	fprintf(stderr, "skipped: %s\n", msg);
	g_hash_table_add(st->skipped, msg);
}

/*
 * Runs argv to completion; stdout/stderr returned when asked (replacing,
 * and freeing, what *@out and *@err held).  Returns the exit status.
 */
static int lx_spawn_sync(struct lx_state *st, char **argv, char **envp, char **out,
			 char **err)
{
	GError *gerr = NULL;
	int wstatus = 0;

	if (out) {
		g_free(*out);
		*out = NULL;
	}
	if (err) {
		g_free(*err);
		*err = NULL;
	}

	if (!g_spawn_sync(NULL, argv, envp ? envp : st->envp, G_SPAWN_SEARCH_PATH |
			  (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) |
			  (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
			  NULL, NULL, out, err, &wstatus, &gerr)) {
		if (err)
			*err = g_strdup_printf("%s\n", gerr->message);
		if (out)
			*out = g_strdup("");
		g_error_free(gerr);
		return 127;
	}
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	return WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : 1;
}

/*
 * `ip netns exec NS sh -c LINE`; returns the exit status.  The node's
 * environment has its own NSTAT_HISTORY: nstat keeps its history in /tmp,
 * which namespaces share.
 */
static int lx_ns_sh(struct lx_node *node, const char *line, char **out, char **err)
{
	char *argv[] = { "ip", "netns", "exec", node->ns, "sh", "-c", (char *)line, NULL };

	return lx_spawn_sync(node->net->st, argv, node->envp, out, err);
}

static int lx_ip(struct lx_state *st, char **err, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static int lx_ip(struct lx_state *st, char **err, const char *fmt, ...)
{
	va_list ap;
	char *cmd, **argv = NULL;
	int rc = 127;

	va_start(ap, fmt);
	cmd = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (g_shell_parse_argv(cmd, NULL, &argv, NULL))
		rc = lx_spawn_sync(st, argv, NULL, NULL, err);
	g_strfreev(argv);
	g_free(cmd);
	return rc;
}

static sim_time_t lx_clock(const struct lx_net *net)
{
	double s = sim_wall_now() - net->base;

	return s <= 0 ? 0 : (sim_time_t)(s * 1e9);
}

static struct lx_net *lx_net_check(lua_State *L, int idx)
{
	return *(struct lx_net **)luaL_checkudata(L, idx, LX_NET_MT);
}

static struct lx_node *lx_node_check(lua_State *L, int idx)
{
	return *(struct lx_node **)luaL_checkudata(L, idx, LX_NODE_MT);
}

/* ---- namespaces ---------------------------------------------------------- */

static bool pid_alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* "sk<pid>-..." namespaces whose skbsim is gone: an earlier run that crashed. */
static void lx_remove_leftovers(struct lx_state *st)
{
	DIR *d = opendir("/run/netns");
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *end;
		long pid;

		if (strncmp(de->d_name, LX_NS_PREFIX, strlen(LX_NS_PREFIX)) != 0)
			continue;
		pid = strtol(de->d_name + strlen(LX_NS_PREFIX), &end, 10);
		if (end == de->d_name + strlen(LX_NS_PREFIX) || *end != '-')
			continue;
		if (pid == (long)getpid() || pid_alive(pid))
			continue;
		fprintf(stderr, "skbsim: removing namespace %s left by an earlier run\n",
			de->d_name);
		lx_ip(st, NULL, "ip netns del %s", de->d_name);
	}
	closedir(d);
}

static void lx_delete_namespaces(struct lx_state *st, struct lx_net *net)
{
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		if (node->ns)
			lx_ip(st, NULL, "ip netns del %s", node->ns);
		if (node->nstat_history)
			g_unlink(node->nstat_history);
		g_free(node->ns);
		node->ns = NULL;
	}
}

static void lx_kill_all(struct lx_net *net)
{
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->procs->len; j++) {
			struct lx_proc *p = g_ptr_array_index(node->procs, j);

			if (p->state == LX_RUNNING && p->real > 0)
				kill(-p->real, SIGKILL);
		}
		for (guint j = 0; j < node->ifaces->len; j++) {
			struct lx_iface *ifc = g_ptr_array_index(node->ifaces, j);

			if (ifc->tcpdump > 0)
				kill(ifc->tcpdump, SIGKILL);
		}
	}
}

static void lx_atexit(void)
{
	struct lx_state *st = lx_exit_state;

	if (!st)
		return;
	for (guint i = 0; i < st->nets->len; i++) {
		struct lx_net *net = g_ptr_array_index(st->nets, i);

		lx_kill_all(net);
		lx_delete_namespaces(st, net);
	}
}

/* A fatal signal while configuring: delete the namespaces, then die of it. */
static void lx_fatal_signal(int sig)
{
	lx_atexit();
	lx_exit_state = NULL;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Root in a container may still lack CAP_SYS_ADMIN: a child tries. */
static bool lx_can_unshare_net(void)
{
	pid_t pid = fork();
	int ws;

	if (pid == 0)
		_exit(unshare(CLONE_NEWNET) == 0 ? 0 : 1);
	if (pid < 0 || waitpid(pid, &ws, 0) != pid)
		return false;
	return WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
}

bool lbackend_linux_available(void)
{
	const char *noroot = getenv("SKBSIM_LINUX_NOROOT");
	char *ip;
	bool ok;

	if (noroot && *noroot && strcmp(noroot, "0") != 0)
		return false;
	if (geteuid() != 0 || access("/proc/self/ns/net", R_OK) != 0)
		return false;
	ip = g_find_program_in_path("ip");
	ok = ip != NULL && lx_can_unshare_net();
	g_free(ip);
	return ok;
}

/* ---- processes ----------------------------------------------------------- */

static const char *lx_state_name(const struct lx_proc *p)
{
	switch (p->state) {
	case LX_WAITING: return "waiting";
	case LX_RUNNING: return "running";
	case LX_EXITED: return "exited";
	case LX_KILLED: return "killed";
	case LX_SKIPPED: return "skipped";
	}
	return "?";
}

static void lx_emit_line(struct lx_proc *p, sim_time_t t, const char *line)
{
	struct lx_net *net = p->node->net;
	struct lx_line *l = g_new0(struct lx_line, 1);

	if (!net->st->opts->quiet) {
		char ts[32];

		sim_time_format(t, ts, sizeof(ts));
		printf("[%15s] %s %s: %s\n", ts, p->node->name, p->comm, line);
		fflush(stdout);
	}
	l->t = t;
	l->node_id = p->node->id;
	l->pid = p->pid;
	l->line = g_strdup(line);
	g_ptr_array_add(net->lines, l);
}

/* Reads what the process wrote; closes the pipe at end of file. */
static void lx_proc_read(struct lx_proc *p, sim_time_t t)
{
	char buf[4096];
	ssize_t n;
	char *nl;

	while (p->fd >= 0) {
		n = read(p->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			close(p->fd);
			p->fd = -1;
			break;
		}
		g_string_append_len(p->partial, buf, n);
		while ((nl = memchr(p->partial->str, '\n', p->partial->len))) {
			*nl = '\0';
			lx_emit_line(p, t, p->partial->str);
			g_string_erase(p->partial, 0, nl - p->partial->str + 1);
		}
	}
	if (p->partial->len) {		/* last line without a newline */
		lx_emit_line(p, t, p->partial->str);
		g_string_truncate(p->partial, 0);
	}
}

/*
 * The child enters the node's namespace itself (setns on /run/netns/NS)
 * and execs the program: no `ip netns exec` and no shell in between, so a
 * program starts within milliseconds of its time.  stdbuf(1), when there,
 * makes its output line-buffered, so each line is read when written.
 */
static void lx_proc_start(struct lx_proc *p, sim_time_t t)
{
	struct lx_state *st = p->node->net->st;
	char *nspath = g_strdup_printf("/run/netns/%s", p->node->ns);
	GPtrArray *argv = g_ptr_array_new();
	int fds[2];
	pid_t pid;

	if (st->stdbuf) {
		g_ptr_array_add(argv, st->stdbuf);
		g_ptr_array_add(argv, "-oL");
		g_ptr_array_add(argv, "-eL");
	}
	for (char **a = p->argv; *a; a++)
		g_ptr_array_add(argv, *a);
	g_ptr_array_add(argv, NULL);
	if (pipe(fds) < 0) {
		p->state = LX_EXITED;
		p->status = 127;
		goto out;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int nsfd = open(nspath, O_RDONLY | O_CLOEXEC);

		/* own process group: a terminal's ^C reaches skbsim, which stops it */
		setpgid(0, 0);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
			dprintf(STDERR_FILENO, "skbsim: %s: %s\n", nspath, strerror(errno));
			_exit(127);
		}
		execvpe(((char **)argv->pdata)[0], (char **)argv->pdata, p->node->envp);
		dprintf(STDERR_FILENO, "%s: %s\n", p->argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		p->state = LX_EXITED;
		p->status = 127;
		goto out;
	}
	setpgid(pid, pid);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	p->fd = fds[0];
	p->real = pid;
	p->start = t;
	p->state = LX_RUNNING;
out:
	g_ptr_array_unref(argv);
	g_free(nspath);
}

static void lx_proc_reap(struct lx_proc *p, sim_time_t t, bool block)
{
	int ws;
	pid_t r;

	if (p->state != LX_RUNNING)
		return;
	r = waitpid(p->real, &ws, block ? 0 : WNOHANG);
	if (r != p->real)
		return;
	/* the writer is gone: what it wrote is in the pipe now */
	lx_proc_read(p, t);
	if (p->fd >= 0) {
		close(p->fd);
		p->fd = -1;
	}
	if (p->partial->len) {
		lx_emit_line(p, t, p->partial->str);
		g_string_truncate(p->partial, 0);
	}
	p->end = t;
	if (WIFSIGNALED(ws)) {
		p->state = LX_KILLED;
		p->sig = WTERMSIG(ws);
		p->status = 128 + p->sig;
	} else {
		p->state = LX_EXITED;
		p->status = WEXITSTATUS(ws);
	}
}

/* ---- capture --------------------------------------------------------------- */

struct lx_link_state {
	char name[64];
	bool up;
};

/* The node's interfaces now, with whether each is up (IFF_UP). */
static GArray *lx_list_ifaces(struct lx_node *node)
{
	static const char cmd[] =
		"cd /sys/class/net && for i in *; do echo \"$i $(cat $i/flags)\"; done";
	GArray *list = g_array_new(FALSE, TRUE, sizeof(struct lx_link_state));
	char *out = NULL;
	char **lines;

	if (!node->ns || lx_ns_sh(node, cmd, &out, NULL) != 0) {
		g_free(out);
		return list;
	}
	lines = g_strsplit(out, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		struct lx_link_state l = { .up = false };
		char flags[32] = "";

		if (sscanf(lines[i], "%63s %31s", l.name, flags) != 2)
			continue;
		l.up = strtoul(flags, NULL, 0) & 1;
		g_array_append_val(list, l);
	}
	g_strfreev(lines);
	g_free(out);
	return list;
}

/* Waits (at most 3 s) until tcpdump said "listening on": the capture has begun. */
static void lx_wait_listening(struct lx_iface *ifc)
{
	GString *s = g_string_new(NULL);
	double until = sim_wall_now() + 3.0;
	char buf[512];

	while (sim_wall_now() < until && !strstr(s->str, "listening on")) {
		struct pollfd pfd = { .fd = ifc->tcpdump_err, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(ifc->tcpdump_err, buf, sizeof(buf) - 1);
		if (n <= 0)
			break;
		g_string_append_len(s, buf, n);
	}
	g_string_free(s, TRUE);
}

static void lx_capture_iface(struct lx_net *net, struct lx_node *node, struct lx_iface *ifc)
{
	struct lx_state *st = net->st;
	char *dir = g_build_filename(net->out_dir, "pcap", NULL);
	char *file = g_strdup_printf("%s/%s-%s.pcap", dir, node->name, ifc->name);
	GPtrArray *argv = g_ptr_array_new();
	GError *gerr = NULL;
	GPid pid;

	g_mkdir_with_parents(dir, 0755);
	g_ptr_array_add(argv, "ip");
	g_ptr_array_add(argv, "netns");
	g_ptr_array_add(argv, "exec");
	g_ptr_array_add(argv, node->ns);
	g_ptr_array_add(argv, "tcpdump");
	g_ptr_array_add(argv, "-Z");
	g_ptr_array_add(argv, "root");
	g_ptr_array_add(argv, "-i");
	g_ptr_array_add(argv, ifc->name);
	g_ptr_array_add(argv, "-w");
	g_ptr_array_add(argv, file);
	g_ptr_array_add(argv, "--time-stamp-precision=nano");
	g_ptr_array_add(argv, "-U");
	g_ptr_array_add(argv, "-n");
	if (net->capture_filter)
		g_ptr_array_add(argv, net->capture_filter);
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_async_with_pipes(NULL, (char **)argv->pdata, st->envp,
				      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
				      G_SPAWN_STDOUT_TO_DEV_NULL,
				      NULL, NULL, &pid, NULL, NULL, &ifc->tcpdump_err, &gerr)) {
		lx_skip(st, "net:capture: %s: %s", file, gerr->message);
		g_error_free(gerr);
		goto out;
	}
	ifc->tcpdump = pid;
	lx_wait_listening(ifc);
out:
	g_ptr_array_unref(argv);
	g_free(file);
	g_free(dir);
}

static struct lx_iface *lx_captured(struct lx_node *node, const char *name)
{
	for (guint i = 0; i < node->ifaces->len; i++) {
		struct lx_iface *ifc = g_ptr_array_index(node->ifaces, i);

		if (strcmp(ifc->name, name) == 0)
			return ifc;
	}
	return NULL;
}

/*
 * At each net:run: capture every interface of the nodes (lo, net:link's,
 * those the scenario made with ip link add) that is up and not captured
 * yet.  tcpdump refuses a device that is down: it is tried again at the
 * next net:run.
 */
static void lx_capture_start(struct lx_net *net)
{
	if (!net->capture)
		return;
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);
		GArray *links;

		if (net->capture_node && strcmp(net->capture_node, node->name) != 0)
			continue;
		links = lx_list_ifaces(node);
		for (guint j = 0; j < links->len; j++) {
			struct lx_link_state *l = &g_array_index(links, struct lx_link_state, j);
			struct lx_iface *ifc = lx_captured(node, l->name);

			if (!l->up || (ifc && ifc->tcpdump))
				continue;
			if (!ifc) {
				ifc = g_new0(struct lx_iface, 1);
				ifc->name = g_strdup(l->name);
				g_ptr_array_add(node->ifaces, ifc);
			}
			lx_capture_iface(net, node, ifc);
		}
		g_array_free(links, TRUE);
	}
}

static void lx_capture_stop(struct lx_net *net)
{
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->ifaces->len; j++) {
			struct lx_iface *ifc = g_ptr_array_index(node->ifaces, j);
			double until = sim_wall_now() + 3.0;
			int ws;

			if (ifc->tcpdump <= 0)
				continue;
			/* SIGINT: tcpdump writes what it holds and exits */
			kill(ifc->tcpdump, SIGINT);
			while (waitpid(ifc->tcpdump, &ws, WNOHANG) == 0) {
				if (sim_wall_now() > until) {
					kill(ifc->tcpdump, SIGKILL);
					waitpid(ifc->tcpdump, &ws, 0);
					break;
				}
				g_usleep(10000);
			}
			close(ifc->tcpdump_err);
			ifc->tcpdump = -1;
		}
	}
}

/* ---- the network ------------------------------------------------------------ */

static const char *const lx_network_keys[] = { "hz", "name", "seed", NULL };

static char *lx_default_name(const char *script)
{
	char *base = g_path_get_basename(script);
	char *dot = g_str_has_suffix(base, ".lua") ? strrchr(base, '.') : NULL;

	if (dot)
		*dot = '\0';
	return base;
}

static void lx_open_outputs(lua_State *L, struct lx_net *net)
{
	struct lx_state *st = net->st;
	struct sim_err err = { { 0 } };
	struct sim_metrics_run run = {
		.name = net->name, .scenario = st->opts->script,
		.scenario_sha256 = st->sha256, .version = SKBSIM_VERSION,
		.seed = net->seed, .hz = net->hz,
	};
	char *path;

	if (g_mkdir_with_parents(net->out_dir, 0755) < 0)
		luaL_error(L, "cannot create output directory %s: %s", net->out_dir,
			   g_strerror(errno));
	path = g_build_filename(net->out_dir, "metrics.db", NULL);
	net->metrics = sim_metrics_open(path, &run, &err);
	g_free(path);
	if (!net->metrics)
		luaL_error(L, "%s", err.msg);
	for (const char *const *a = st->opts->args; a && *a; a++) {
		const char *eq = strchr(*a, '=');
		char *name = g_strndup(*a, (gsize)(eq - *a));

		sim_metrics_arg(net->metrics, name, eq + 1);
		g_free(name);
	}
}

static int l_lx_network(lua_State *L)
{
	struct lx_state *st = lx_state(L);
	const char *name = NULL;
	uint64_t seed = 1, hz = 250;
	char *dflt = NULL;
	struct lx_net *net, **box;

	if (!lua_isnoneornil(L, 1)) {
		luaL_checktype(L, 1, LUA_TTABLE);
		lopt_reject_unknown(L, 1, lx_network_keys);
		name = lopt_string(L, 1, "name");
		lopt_uint(L, 1, "seed", &seed, UINT64_MAX >> 1);
		lopt_uint(L, 1, "hz", &hz, 1000);
	}
	if (st->opts->seed_set)
		seed = st->opts->seed;
	if (!name)
		name = dflt = lx_default_name(st->opts->script);
	if (!*name || strchr(name, '/') || name[0] == '.') {
		lua_pushfstring(L, "network name \"%s\" cannot be used as a directory name",
				name);
		g_free(dflt);
		return lua_error(L);
	}
	for (guint i = 0; i < st->nets->len; i++)
		if (strcmp(((struct lx_net *)g_ptr_array_index(st->nets, i))->name, name) == 0) {
			lua_pushfstring(L, "a network named \"%s\" already exists", name);
			g_free(dflt);
			return lua_error(L);
		}
	net = g_new0(struct lx_net, 1);
	net->st = st;
	net->index = st->nets->len;
	net->name = g_strdup(name);
	g_free(dflt);
	net->seed = seed;
	net->hz = (unsigned int)hz;
	net->nodes = g_ptr_array_new();
	net->ats = g_ptr_array_new();
	net->lines = g_ptr_array_new();
	net->links = g_ptr_array_new();
	net->created_wall = sim_wall_now();
	net->base = net->created_wall;
	if (st->opts->out_dir && st->nets->len == 0)
		net->out_dir = g_strdup(st->opts->out_dir);
	else
		net->out_dir = g_build_filename(st->opts->out_dir ? st->opts->out_dir : "out",
						net->name, NULL);
	g_ptr_array_add(st->nets, net);
	lua_newtable(L);			/* node cache */
	lua_rawsetp(L, LUA_REGISTRYINDEX, net);
	lx_open_outputs(L, net);
	lsandbox_reseed(L, seed);

	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = net;
	luaL_setmetatable(L, LX_NET_MT);
	return 1;
}

static struct lx_node *lx_find_node(struct lx_net *net, const char *name)
{
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		if (strcmp(node->name, name) == 0)
			return node;
	}
	return NULL;
}

static void lx_node_push(lua_State *L, struct lx_node *node)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, node->net);
	if (lua_rawgetp(L, -1, node) == LUA_TNIL) {
		struct lx_node **box;

		lua_pop(L, 1);
		box = lua_newuserdatauv(L, sizeof(*box), 0);
		*box = node;
		luaL_setmetatable(L, LX_NODE_MT);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, -3, node);
	}
	lua_remove(L, -2);
}

static bool lx_valid_node_name(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64 || s[0] == '-' || s[0] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
			return false;
	return true;
}

/* The namespace of a new node, set up as the simulator's node kinds are. */
static int lx_node_setup(struct lx_state *st, struct lx_node *node, char **err)
{
	static const char base[] =
		"sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
		"net.ipv6.conf.default.disable_ipv6=1";

	if (lx_ip(st, err, "ip netns add %s", node->ns) != 0)
		return -1;
	if (lx_ns_sh(node, base, NULL, err) != 0)
		return -1;
	if (strcmp(node->kind, "router") == 0)
		return lx_ns_sh(node, "sysctl -qw net.ipv4.ip_forward=1", NULL, err)
			? -1 : 0;
	/*
	 * br0 with multicast snooping joins 224.0.0.106 (router discovery)
	 * and sends IGMP reports for it: skbsim's bridge has no multicast
	 * snooping, so the bridge node's stack keeps link-local groups quiet.
	 */
	if (strcmp(node->kind, "bridge") == 0)
		return lx_ns_sh(node, "sysctl -qw "
				"net.ipv4.igmp_link_local_mcast_reports=0 && "
				"ip link add br0 type bridge && ip link set br0 up",
				NULL, err) ? -1 : 0;
	return 0;
}

static const char *const lx_kinds[] = { "bridge", "host", "router", NULL };
static const char *const lx_node_keys[] = { "cost", "cpus", NULL };

static int lx_add_node(lua_State *L, struct lx_net *net, const char *kind, int name_idx,
		       int opt_idx)
{
	const char *name = luaL_checkstring(L, name_idx);
	struct lx_node *node;
	char *err = NULL;

	if (!lx_valid_node_name(name))
		return luaL_error(L, "invalid node name \"%s\" (1 to 64 letters, digits, "
				  "_ - ., not starting with - or .)", name);
	if (lx_find_node(net, name))
		return luaL_error(L, "a node named \"%s\" already exists", name);
	if (!lua_isnoneornil(L, opt_idx)) {
		luaL_checktype(L, opt_idx, LUA_TTABLE);
		lopt_reject_unknown(L, opt_idx, lx_node_keys);
		lua_getfield(L, opt_idx, "cpus");
		if (!lua_isnil(L, -1))
			lx_skip(net->st, "%s: cpus= (the namespace shares the machine's CPUs)",
				name);
		lua_getfield(L, opt_idx, "cost");
		if (!lua_isnil(L, -1))
			lx_skip(net->st, "%s: cost= (the CPU cost model is the simulator's)",
				name);
		lua_pop(L, 2);
	}
	node = g_new0(struct lx_node, 1);
	node->net = net;
	node->id = (int)net->nodes->len;
	node->name = g_strdup(name);
	node->kind = g_strdup(kind);
	/* a second network's h1 must not meet the first's: "+" is no name's */
	if (net->index == 0)
		node->ns = g_strdup_printf("%s-%s", net->st->tag, name);
	else
		node->ns = g_strdup_printf("%s-%u+%s", net->st->tag, net->index + 1, name);
	node->nstat_history = g_strdup_printf("%s/skbsim-nstat-%s", g_get_tmp_dir(), node->ns);
	node->envp = g_environ_setenv(g_strdupv(net->st->envp), "NSTAT_HISTORY",
				      node->nstat_history, TRUE);
	node->ifaces = g_ptr_array_new();
	node->procs = g_ptr_array_new();
	node->next_pid = 1;
	g_ptr_array_add(net->nodes, node);
	if (lx_node_setup(net->st, node, &err) < 0) {
		lua_pushfstring(L, "%s: cannot make namespace %s: %s", name, node->ns,
				err ? g_strchomp(err) : "?");
		g_free(err);
		return lua_error(L);
	}
	g_free(err);
	lx_node_push(L, node);
	return 1;
}

static int l_lx_net_kind(lua_State *L)
{
	return lx_add_node(L, lx_net_check(L, 1), lua_tostring(L, lua_upvalueindex(1)), 2, 3);
}

static int l_lx_net_add(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	const char *kind = luaL_checkstring(L, 2);

	for (const char *const *k = lx_kinds; *k; k++)
		if (strcmp(*k, kind) == 0)
			return lx_add_node(L, net, kind, 3, 4);
	return luaL_error(L, "unknown node kind \"%s\" (known: bridge host router)", kind);
}

/* The lowest ethN the node has not got (dev_alloc_name's "eth%d"). */
static char *lx_next_eth(struct lx_node *node)
{
	GArray *links = lx_list_ifaces(node);

	for (int n = 0;; n++) {
		char *name = g_strdup_printf("eth%d", n);
		bool used = false;

		for (guint i = 0; i < links->len && !used; i++)
			used = strcmp(g_array_index(links, struct lx_link_state, i).name, name) == 0;
		if (!used) {
			g_array_free(links, TRUE);
			return name;
		}
		g_free(name);
	}
}

static const char *const lx_link_keys[] = {
	"delay", "kind", "loss", "mtu", "nic", "rate", "txqueuelen", NULL,
};

/* loss as netem's percentage: 0.01 or "1%" */
static char *lx_read_loss(lua_State *L, int idx)
{
	char *pct = NULL;

	lua_getfield(L, idx, "loss");
	if (lua_type(L, -1) == LUA_TNUMBER) {
		double v = lua_tonumber(L, -1);

		if (v < 0 || v > 1)
			luaL_error(L, "option loss: expected a probability from 0 to 1 or a "
				   "percentage");
		if (v > 0)
			pct = g_strdup_printf("%.6g%%", v * 100);
	} else if (lua_type(L, -1) == LUA_TSTRING) {
		const char *s = lua_tostring(L, -1);

		if (!g_str_has_suffix(s, "%"))
			luaL_error(L, "option loss: expected a probability from 0 to 1 or a "
				   "percentage");
		if (g_ascii_strtod(s, NULL) > 0)
			pct = g_strdup(s);
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L, "option loss: expected a probability from 0 to 1 or a percentage");
	}
	lua_pop(L, 1);
	return pct;
}

struct lx_link_opts {
	sim_time_t delay;
	char *loss;
	const char *rate, *kind;
	uint64_t mtu, txqueuelen;
	bool mtu_set, txq_set;
};

/*
 * delay and loss -> netem (with the rate too); a rate alone -> tbf with a
 * one-frame bucket, the closest to a line that sends at that rate.  A
 * kernel built without netem (CONFIG_NET_SCH_NETEM) gets the rate only,
 * and the rest is said to be skipped.
 */
static int lx_link_qdisc(struct lx_node *node, const char *ifname,
			 const struct lx_link_opts *o, char **err)
{
	struct lx_state *st = node->net->st;
	uint64_t mtu = o->mtu_set ? o->mtu : 1500, txq = o->txq_set ? o->txqueuelen : 1000;
	GString *cmd = g_string_new(NULL);
	int rc = 0;

	if (o->delay || o->loss) {
		g_string_printf(cmd, "tc qdisc add dev %s root netem limit %" G_GUINT64_FORMAT,
				ifname, txq);
		if (o->delay)
			g_string_append_printf(cmd, " delay %.3fus", (double)o->delay / 1e3);
		if (o->loss)
			g_string_append_printf(cmd, " loss %s", o->loss);
		if (o->rate)
			g_string_append_printf(cmd, " rate %s", o->rate);
		g_free(*err);
		*err = NULL;
		if (lx_ns_sh(node, cmd->str, NULL, err) == 0)
			goto out;
		if (!*err || !strstr(*err, "qdisc kind is unknown")) {
			rc = -1;
			goto out;
		}
		lx_skip(st, "net:link delay=/loss= (this kernel has no netem qdisc: "
			"CONFIG_NET_SCH_NETEM)");
	}
	if (o->rate) {
		g_string_printf(cmd, "tc qdisc replace dev %s root tbf rate %s burst %"
				G_GUINT64_FORMAT " limit %" G_GUINT64_FORMAT, ifname, o->rate,
				mtu + 14, txq * (mtu + 14));
		g_free(*err);
		*err = NULL;
		rc = lx_ns_sh(node, cmd->str, NULL, err) == 0 ? 0 : -1;
	}
out:
	g_string_free(cmd, TRUE);
	return rc;
}

static void lx_link_end(lua_State *L, struct lx_node *node, const char *ifname,
			const struct lx_link_opts *o)
{
	GString *cmd = g_string_new(NULL);
	char *err = NULL;

	if (o->mtu_set)
		g_string_append_printf(cmd, "ip link set %s mtu %" G_GUINT64_FORMAT "; ",
				       ifname, o->mtu);
	if (o->txq_set)
		g_string_append_printf(cmd, "ip link set %s txqueuelen %" G_GUINT64_FORMAT
				       "; ", ifname, o->txqueuelen);
	if (strcmp(node->kind, "bridge") == 0)
		g_string_append_printf(cmd, "ip link set %s master br0; ip link set %s up; ",
				       ifname, ifname);
	g_string_append(cmd, "true");
	if (lx_ns_sh(node, cmd->str, NULL, &err) != 0 || (err && *err) ||
	    lx_link_qdisc(node, ifname, o, &err) < 0) {
		lua_pushfstring(L, "net:link: %s %s: %s", node->name, ifname,
				err ? g_strchomp(err) : "?");
		g_free(err);
		g_string_free(cmd, TRUE);
		lua_error(L);
	}
	g_free(err);
	g_string_free(cmd, TRUE);
}

static void lx_link_record(struct lx_net *net, struct lx_node *a, const char *ia,
			   struct lx_node *b, const char *ib)
{
	struct lx_link *l = g_new0(struct lx_link, 1);

	l->node[0] = a;
	l->node[1] = b;
	l->ifname[0] = g_strdup(ia);
	l->ifname[1] = g_strdup(ib);
	g_ptr_array_add(net->links, l);
}

static int l_lx_net_link(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	struct lx_node *a = lx_node_check(L, 2), *b = lx_node_check(L, 3);
	struct lx_link_opts o = { 0 };
	char *ia, *ib, *err = NULL;

	if (a->net != net || b->net != net)
		return luaL_error(L, "net:link: the node belongs to another network");
	if (!lua_isnoneornil(L, 4)) {
		luaL_checktype(L, 4, LUA_TTABLE);
		lopt_reject_unknown(L, 4, lx_link_keys);
		o.kind = lopt_string(L, 4, "kind");
		if (o.kind && strcmp(o.kind, "cable") != 0 && strcmp(o.kind, "veth") != 0)
			return luaL_error(L, "net:link: unknown link kind \"%s\" (known: cable "
					  "veth)", o.kind);
		lopt_time(L, 4, "delay", &o.delay);
		o.rate = lopt_string(L, 4, "rate");
		o.mtu_set = lopt_uint(L, 4, "mtu", &o.mtu, 65535);
		o.txq_set = lopt_uint(L, 4, "txqueuelen", &o.txqueuelen, UINT32_MAX);
		lua_getfield(L, 4, "nic");
		if (!lua_isnil(L, -1))
			lx_skip(net->st, "net:link nic= (the simulated NIC's queues, rings and "
				"NAPI have no veth counterpart)");
		lua_pop(L, 1);
		o.loss = lx_read_loss(L, 4);
	}
	ia = lx_next_eth(a);
	ib = lx_next_eth(b);
	/* a link to itself: both ends in one namespace, the second name after */
	if (a == b)
		ib = (g_free(ib), g_strdup_printf("eth%d", atoi(ia + 3) + 1));
	lua_pushstring(L, ia);
	lua_pushstring(L, ib);
	if (lx_ip(net->st, &err, "ip link add %s netns %s type veth peer name %s netns %s",
		  ia, a->ns, ib, b->ns) != 0) {
		lua_pushfstring(L, "net:link: %s", err ? g_strchomp(err) : "?");
		g_free(err);
		g_free(o.loss);
		g_free(ia);
		g_free(ib);
		return lua_error(L);
	}
	g_free(err);
	g_free(ia);
	g_free(ib);
	/* the names are on the stack already; lx_link_end raises on errors */
	lx_link_end(L, a, lua_tostring(L, -2), &o);
	lx_link_end(L, b, lua_tostring(L, -1), &o);
	g_free(o.loss);
	lx_link_record(net, a, lua_tostring(L, -2), b, lua_tostring(L, -1));
	return 2;
}

static int l_lx_net_node(lua_State *L)
{
	struct lx_node *node = lx_find_node(lx_net_check(L, 1), luaL_checkstring(L, 2));

	if (!node)
		lua_pushnil(L);
	else
		lx_node_push(L, node);
	return 1;
}

static int l_lx_net_nodes(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);

	lua_createtable(L, (int)net->nodes->len, 0);
	for (guint i = 0; i < net->nodes->len; i++) {
		lx_node_push(L, g_ptr_array_index(net->nodes, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int l_lx_net_at(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	sim_time_t t = lcheck_time(L, 2, "net:at");
	struct lx_at *at;
	char a[32], b[32];

	luaL_checktype(L, 3, LUA_TFUNCTION);
	if (t < net->now)
		return luaL_error(L, "net:at: time %s is in the past (now %s)",
				  sim_time_format_short(t, a, sizeof(a)),
				  sim_time_format_short(net->now, b, sizeof(b)));
	at = g_new0(struct lx_at, 1);
	at->t = t;
	at->seq = net->at_seq++;
	lua_pushvalue(L, 3);
	at->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	g_ptr_array_add(net->ats, at);
	return 0;
}

/* The earliest callback due by @t, removed from the list, or NULL. */
static struct lx_at *lx_next_at(struct lx_net *net, sim_time_t t)
{
	struct lx_at *best = NULL;
	guint best_i = 0;

	for (guint i = 0; i < net->ats->len; i++) {
		struct lx_at *at = g_ptr_array_index(net->ats, i);

		if (at->t <= t && (!best || at->t < best->t ||
				   (at->t == best->t && at->seq < best->seq))) {
			best = at;
			best_i = i;
		}
	}
	if (best)
		g_ptr_array_remove_index(net->ats, best_i);
	return best;
}

static void lx_call_at(lua_State *L, struct lx_net *net, struct lx_at *at)
{
	sim_time_t saved = net->now;
	char t[32];

	net->now = at->t;		/* net:now() and spawn's default inside */
	lua_pushcfunction(L, lerror_msgh);
	lua_rawgeti(L, LUA_REGISTRYINDEX, at->ref);
	luaL_unref(L, LUA_REGISTRYINDEX, at->ref);
	g_free(at);
	if (lua_pcall(L, 0, 0, -2) != LUA_OK) {
		const char *msg = lua_tostring(L, -1);

		net->running = false;
		lua_pushfstring(L, "%s (in net:at callback at t=%s)", msg ? msg : "error",
				sim_time_format_short(net->now, t, sizeof(t)));
		lua_error(L);
	}
	lua_pop(L, 1);
	net->now = saved;
}

/* Starts due processes, reads output, reaps; returns the next start time. */
static sim_time_t lx_service_procs(struct lx_net *net, sim_time_t t, sim_time_t until)
{
	sim_time_t next = until;

	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->procs->len; j++) {
			struct lx_proc *p = g_ptr_array_index(node->procs, j);

			if (p->state == LX_WAITING && p->at <= t)
				lx_proc_start(p, t);
			else if (p->state == LX_WAITING && p->at < next)
				next = p->at;
			if (p->state == LX_RUNNING) {
				lx_proc_read(p, t);
				lx_proc_reap(p, t, false);
			}
		}
	}
	return next;
}

/* Waits until @deadline (wall) or output from a process, at most 20 ms. */
static void lx_wait(struct lx_net *net, sim_time_t deadline)
{
	GArray *fds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
	sim_time_t now = lx_clock(net);
	int ms = deadline > now ? (int)MIN((deadline - now + 999999) / 1000000, 20) : 0;

	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->procs->len; j++) {
			struct lx_proc *p = g_ptr_array_index(node->procs, j);
			struct pollfd pfd = { .fd = p->fd, .events = POLLIN };

			if (p->fd >= 0)
				g_array_append_val(fds, pfd);
		}
	}
	if (ms > 0)
		poll((struct pollfd *)fds->data, fds->len, ms);
	g_array_free(fds, TRUE);
}

static int l_lx_net_run(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	sim_time_t d = lcheck_time(L, 2, "net:run");
	sim_time_t end = net->now + d, t;
	const volatile sig_atomic_t *intr = net->st->opts->interrupted;
	double wall0 = sim_wall_now();
	char ts[32];

	if (net->running)
		return luaL_error(L, "net:run() cannot be called from inside a net:at "
				  "callback or a process");
	net->running = true;
	lx_capture_start(net);
	net->base = sim_wall_now() - (double)net->now / 1e9;
	for (;;) {
		struct lx_at *at;
		sim_time_t next;

		t = MIN(lx_clock(net), end);
		if (intr && *intr) {
			net->running = false;
			net->now = t;
			return luaL_error(L, "interrupted at t=%s",
					  sim_time_format_short(t, ts, sizeof(ts)));
		}
		next = lx_service_procs(net, t, end);
		if ((at = lx_next_at(net, t))) {
			lx_call_at(L, net, at);
			continue;
		}
		for (guint i = 0; i < net->ats->len; i++)
			next = MIN(next, ((struct lx_at *)g_ptr_array_index(net->ats, i))->t);
		if (t >= end)
			break;
		lx_wait(net, next);
	}
	net->now = end;
	net->running = false;
	net->run_wall += sim_wall_now() - wall0;
	return 0;
}

static int l_lx_net_now(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);

	lua_pushinteger(L, net->running ? MAX(net->now, 0) : net->now);
	return 1;
}

/* annotate: the kernel's view needs the simulator; tcpdump's pcaps are written anyway */
static const char *const lx_capture_keys[] = { "annotate", "filter", "node", NULL };

static int l_lx_net_capture(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	const char *filter = NULL, *node = NULL;

	if (lua_type(L, 2) == LUA_TSTRING) {
		filter = lua_tostring(L, 2);
	} else if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		lopt_reject_unknown(L, 2, lx_capture_keys);
		filter = lopt_string(L, 2, "filter");
		node = lopt_string(L, 2, "node");
		lopt_bool(L, 2, "annotate", &(bool){ false });
	}
	if (node && !lx_find_node(net, node))
		return luaL_error(L, "net:capture: no node named \"%s\"", node);
	net->capture = true;
	g_free(net->capture_filter);
	net->capture_filter = g_strdup(filter);
	g_free(net->capture_node);
	net->capture_node = g_strdup(node);
	return 0;
}

static const char *const lx_metrics_keys[] = { "drop_rows", "interval", NULL };

static int l_lx_net_metrics(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	sim_time_t interval = 0;
	uint64_t rows;

	luaL_checktype(L, 2, LUA_TTABLE);
	lopt_reject_unknown(L, 2, lx_metrics_keys);
	if (lopt_time(L, 2, "interval", &interval) && interval > 0)
		lx_skip(net->st, "net:metrics interval= (real counters are read once, at the "
			"end)");
	if (lopt_uint(L, 2, "drop_rows", &rows, INT64_MAX))
		lx_skip(net->st, "net:metrics drop_rows= (the kernel's drops are not traced)");
	return 0;
}

static int l_lx_net_tostring(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);

	lua_pushfstring(L, "network %s (linux)", net->name);
	return 1;
}

/*
 * net:walk and net:pause have no meaning on the real kernel (no function
 * trace, no console): accepted and ignored, so that one scenario runs on
 * both backends.
 */
static int l_lx_net_ignored(lua_State *L)
{
	(void)lx_net_check(L, 1);
	return 0;
}

/* ---- net:fail ---------------------------------------------------------------- */

/*
 * What the real kernel can do without sch_netem (not built here): a pulled
 * cable is both ends of the veth pair set down (and up again), a NIC reset
 * one end, a restart the node's links down, its neighbours and main routes
 * flushed, then the links up and the config function run.  Corruption,
 * duplication and reordering need netem and are refused with the script's
 * line.  Each edge is a net:at callback (a C closure), so it runs at its
 * scenario time in the wall-clock loop of net:run.
 */
enum lx_fail_action { LX_FAIL_DOWN, LX_FAIL_RESET, LX_FAIL_RESTART };

static const char *const lx_fail_keys[] = {
	"at", "config", "corrupt", "down", "duplicate", "duration", "fcs", "for_", "gap",
	"reorder", "reset", "restart", NULL,
};

/* ip link set dev IF up|down in @node, errors said on stderr (a gone link) */
static void lx_fail_sh(struct lx_node *node, const char *cmd)
{
	char *err = NULL;

	if (lx_ns_sh(node, cmd, NULL, &err) != 0 && err && *err)
		fprintf(stderr, "net:fail: %s: %s", node->name, err);
	g_free(err);
}

static void lx_fail_ifstate(struct lx_node *node, const char *ifname, bool up)
{
	char *cmd = g_strdup_printf("ip link set dev %s %s", ifname, up ? "up" : "down");

	lx_fail_sh(node, cmd);
	g_free(cmd);
}

/* every end net:link made on @node, up or down */
static void lx_fail_node_links(struct lx_node *node, bool up)
{
	for (guint i = 0; i < node->net->links->len; i++) {
		struct lx_link *l = g_ptr_array_index(node->net->links, i);

		for (int side = 0; side < 2; side++)
			if (l->node[side] == node)
				lx_fail_ifstate(node, l->ifname[side], up);
	}
}

/* upvalues: action, on (boolean), link (light userdata) or node, side, config */
static int l_lx_fail_edge(lua_State *L)
{
	enum lx_fail_action action = (enum lx_fail_action)lua_tointeger(L, lua_upvalueindex(1));
	bool on = lua_toboolean(L, lua_upvalueindex(2));
	void *obj = lua_touserdata(L, lua_upvalueindex(3));
	int side = (int)lua_tointeger(L, lua_upvalueindex(4));
	struct lx_link *l = obj;
	struct lx_node *node = obj;

	switch (action) {
	case LX_FAIL_DOWN:
		lx_fail_ifstate(l->node[0], l->ifname[0], !on);
		lx_fail_ifstate(l->node[1], l->ifname[1], !on);
		break;
	case LX_FAIL_RESET:
		lx_fail_ifstate(l->node[side], l->ifname[side], !on);
		break;
	case LX_FAIL_RESTART:
		lx_fail_node_links(node, !on);
		if (on) {
			lx_fail_sh(node, "ip neigh flush all; ip route flush table main");
		} else if (lua_type(L, lua_upvalueindex(5)) == LUA_TFUNCTION) {
			lua_pushvalue(L, lua_upvalueindex(5));
			lua_call(L, 0, 0);	/* the boot script again */
		}
		break;
	}
	return 0;
}

/* schedules one edge at @t; the closure's upvalues are on the stack (5) */
static void lx_fail_schedule(lua_State *L, struct lx_net *net, sim_time_t t)
{
	struct lx_at *at = g_new0(struct lx_at, 1);

	lua_pushcclosure(L, l_lx_fail_edge, 5);
	at->t = t;
	at->seq = net->at_seq++;
	at->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	g_ptr_array_add(net->ats, at);
}

static struct lx_link *lx_fail_find_link(struct lx_net *net, struct lx_node *node,
					 const char *ifname, int *side)
{
	for (guint i = 0; i < net->links->len; i++) {
		struct lx_link *l = g_ptr_array_index(net->links, i);

		for (int s = 0; s < 2; s++)
			if (l->node[s] == node && strcmp(l->ifname[s], ifname) == 0) {
				*side = s;
				return l;
			}
	}
	return NULL;
}

/* the one fault kind the options name, checked as the simulator checks it */
static int lx_fail_kind(lua_State *L, int opt, bool on_link)
{
	int found = lopt_fault_kind(L, opt, on_link);
	bool b = false;

	if (found >= 2 && found <= 4)
		return luaL_error(L, "net:fail: %s needs sch_netem, which this kernel does "
				  "not have", lopt_fault_kinds[found]);
	lopt_bool(L, opt, lopt_fault_kinds[found], &b);
	if (!b)
		return luaL_error(L, "net:fail: option %s: only true", lopt_fault_kinds[found]);
	return found == LOPT_FAULT_RESTART ? LX_FAIL_RESTART : found;	/* down, reset map 0, 1 */
}

static int l_lx_net_fail(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	struct lx_node *node = lx_node_check(L, 2);
	bool on_link = lua_type(L, 3) == LUA_TSTRING;
	int opt = on_link ? 4 : 3, kind, side = 0;
	sim_time_t at, dur;
	struct lx_link *link = NULL;
	bool has_dur;

	luaL_checktype(L, opt, LUA_TTABLE);
	lopt_reject_unknown(L, opt, lx_fail_keys);
	kind = lx_fail_kind(L, opt, on_link);
	has_dur = lopt_fault_when(L, opt, net->now, &at, &dur);
	if (lua_getfield(L, opt, "fcs") != LUA_TNIL)
		return luaL_error(L, "net:fail: option fcs is for corrupt");
	if (lua_getfield(L, opt, "gap") != LUA_TNIL)
		return luaL_error(L, "net:fail: option gap is for reorder");
	lua_pop(L, 2);
	if (on_link) {
		link = lx_fail_find_link(net, node, lua_tostring(L, 3), &side);
		if (!link)
			return luaL_error(L, "net:fail: %s has no link named %s (the names "
					  "net:link returned)", node->name, lua_tostring(L, 3));
		if (lua_getfield(L, opt, "config") != LUA_TNIL)
			return luaL_error(L, "net:fail: option config is for restart");
		lua_pop(L, 1);
	} else if (lua_getfield(L, opt, "config") != LUA_TNIL &&
		   lua_type(L, -1) != LUA_TFUNCTION) {
		return luaL_error(L, "net:fail: option config: a function (the node's boot "
				  "script)");
	}
	if (!on_link)
		lua_pop(L, 1);
	if (kind != LX_FAIL_DOWN && !has_dur)
		dur = 0;		/* a reset or restart is over at once */
	for (int on = 1; on >= 0; on--) {
		if (!on && (dur == SIM_TIME_MAX || dur > SIM_TIME_MAX - at))
			break;		/* down for good */
		lua_pushinteger(L, kind);
		lua_pushboolean(L, on);
		lua_pushlightuserdata(L, on_link ? (void *)link : (void *)node);
		lua_pushinteger(L, side);
		if (on_link || on)
			lua_pushnil(L);
		else
			lua_getfield(L, opt, "config");
		lx_fail_schedule(L, net, on ? at : at + dur);
	}
	return 0;
}

static const luaL_Reg lx_net_methods[] = {
	{ "add", l_lx_net_add },	{ "at", l_lx_net_at },
	{ "capture", l_lx_net_capture }, { "fail", l_lx_net_fail },
	{ "link", l_lx_net_link },
	{ "metrics", l_lx_net_metrics }, { "node", l_lx_net_node },
	{ "nodes", l_lx_net_nodes },	{ "now", l_lx_net_now },
	{ "pause", l_lx_net_ignored },	{ "run", l_lx_net_run },
	{ "walk", l_lx_net_ignored },	{ NULL, NULL },
};

static int l_lx_net_index(lua_State *L)
{
	struct lx_net *net = lx_net_check(L, 1);
	const char *key = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL)
		return 1;
	if (strcmp(key, "name") == 0)
		lua_pushstring(L, net->name);
	else if (strcmp(key, "seed") == 0)
		lua_pushinteger(L, (lua_Integer)net->seed);
	else if (strcmp(key, "hz") == 0)
		lua_pushinteger(L, net->hz);
	else if (strcmp(key, "out_dir") == 0)
		lua_pushstring(L, net->out_dir);
	else if (g_strv_contains(lx_kinds, key)) {
		lua_pushstring(L, key);
		lua_pushcclosure(L, l_lx_net_kind, 1);
	} else
		lua_pushnil(L);
	return 1;
}

/* ---- node methods ------------------------------------------------------------ */

static const char *const lx_sh_keys[] = { "check", NULL };

static void lx_push_first_line(lua_State *L, const char *s)
{
	const char *nl;

	while (*s == '\n')
		s++;
	nl = strchr(s, '\n');
	lua_pushlstring(L, s, nl ? (size_t)(nl - s) : strlen(s));
}

/*
 * node:sh: the text split into commands as the simulator's sh does (blank
 * lines and # comments skipped, a trailing backslash continues), each run
 * by the real sh in the namespace; the first failing one stops the rest.
 */
static int l_lx_node_sh(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	const char *text = luaL_checkstring(L, 2);
	GString *out = g_string_new(NULL), *errs = g_string_new(NULL), *cmd = g_string_new(NULL);
	char **lines;
	bool check = true;
	int status = 0, first = 0, failed_line = 0;
	size_t failed_err = 0;

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lopt_reject_unknown(L, 3, lx_sh_keys);
		lopt_bool(L, 3, "check", &check);
	}
	if (!node->ns)
		return luaL_error(L, "%s: the network has ended", node->name);
	lines = g_strsplit(text, "\n", -1);
	for (int i = 0; lines[i] && status == 0; i++) {
		char *l = g_strstrip(g_strdup(lines[i]));
		char *o = NULL, *e = NULL;

		if (!cmd->len)
			first = i + 1;
		if (!cmd->len && (!*l || *l == '#')) {
			g_free(l);
			continue;
		}
		if (g_str_has_suffix(l, "\\") && lines[i + 1]) {
			l[strlen(l) - 1] = ' ';
			g_string_append(cmd, l);
			g_free(l);
			continue;
		}
		g_string_append(cmd, l);
		g_free(l);
		status = lx_ns_sh(node, cmd->str, &o, &e);
		g_string_truncate(cmd, 0);
		if (status != 0) {
			failed_line = first;
			failed_err = errs->len;
		}
		g_string_append(out, o ? o : "");
		g_string_append(errs, e ? e : "");
		g_free(o);
		g_free(e);
	}
	g_strfreev(lines);
	g_string_free(cmd, TRUE);
	if (status != 0 && check) {
		luaL_where(L, 1);
		lua_pushfstring(L, "%s: sh line %d: ", node->name, failed_line);
		lx_push_first_line(L, errs->str + failed_err);
		g_string_free(out, TRUE);
		g_string_free(errs, TRUE);
		lua_concat(L, 3);
		return lua_error(L);
	}
	lua_pushlstring(L, out->str, out->len);
	g_string_free(out, TRUE);
	if (check) {
		g_string_free(errs, TRUE);
		return 1;
	}
	lua_pushinteger(L, status);
	lua_pushlstring(L, errs->str, errs->len);
	g_string_free(errs, TRUE);
	return 3;
}

static const char *const lx_spawn_keys[] = { "at", "name", NULL };

static int l_lx_node_spawn(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	struct lx_net *net = node->net;
	sim_time_t at = net->now;
	const char *name = NULL;
	struct lx_proc *p;
	char **argv = NULL;
	GError *gerr = NULL;
	char a[32], b[32];

	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lopt_reject_unknown(L, 3, lx_spawn_keys);
		lopt_time(L, 3, "at", &at);
		name = lopt_string(L, 3, "name");
	}
	if (at < net->now)
		return luaL_error(L, "spawn: time %s is in the past (now %s)",
				  sim_time_format_short(at, a, sizeof(a)),
				  sim_time_format_short(net->now, b, sizeof(b)));
	p = g_new0(struct lx_proc, 1);
	p->node = node;
	p->fd = -1;
	p->at = at;
	p->partial = g_string_new(NULL);
	if (lua_type(L, 2) == LUA_TFUNCTION) {
		lx_skip(net->st, "%s: node:spawn(function) (a Lua-function process has no "
			"real-kernel counterpart)", node->name);
		p->cmd = g_strdup(name ? name : "lua");
		p->comm = g_strdup(p->cmd);
		p->state = LX_SKIPPED;
	} else if (lua_type(L, 2) != LUA_TSTRING) {
		g_string_free(p->partial, TRUE);
		g_free(p);
		return luaL_error(L, "spawn: expected a command line or a function, got %s",
				  luaL_typename(L, 2));
	} else if (name) {
		g_string_free(p->partial, TRUE);
		g_free(p);
		return luaL_error(L, "spawn: option name is for Lua functions; a command line "
				  "is named by its program");
	} else if (!g_shell_parse_argv(lua_tostring(L, 2), NULL, &argv, &gerr)) {
		g_string_free(p->partial, TRUE);
		g_free(p);
		lua_pushfstring(L, "%s: spawn: %s", node->name, gerr->message);
		g_error_free(gerr);
		return lua_error(L);
	} else {
		p->cmd = g_strdup(lua_tostring(L, 2));
		p->comm = g_path_get_basename(argv[0]);
		p->argv = argv;
		p->state = LX_WAITING;
	}
	p->pid = node->next_pid++;
	g_ptr_array_add(node->procs, p);
	lua_pushinteger(L, p->pid);
	return 1;
}

static struct lx_proc *lx_proc_find(struct lx_node *node, lua_Integer pid)
{
	for (guint i = 0; i < node->procs->len; i++) {
		struct lx_proc *p = g_ptr_array_index(node->procs, i);

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

static const struct { const char *name; int sig; } lx_signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "KILL", SIGKILL }, { "TERM", SIGTERM },
	{ "QUIT", SIGQUIT }, { "ALRM", SIGALRM }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "STOP", SIGSTOP }, { "CONT", SIGCONT },
};

static int lx_check_signal(lua_State *L, int idx)
{
	const char *s;

	if (lua_isnoneornil(L, idx))
		return SIGTERM;
	if (lua_type(L, idx) == LUA_TNUMBER) {
		lua_Integer n = luaL_checkinteger(L, idx);

		if (n < 0 || n > 64)
			luaL_error(L, "kill: invalid signal %d", (int)n);
		return (int)n;
	}
	s = luaL_checkstring(L, idx);
	if (g_str_has_prefix(s, "SIG"))
		s += 3;
	for (size_t i = 0; i < G_N_ELEMENTS(lx_signals); i++)
		if (strcmp(lx_signals[i].name, s) == 0)
			return lx_signals[i].sig;
	return luaL_error(L, "kill: invalid signal %s", lua_tostring(L, idx));
}

static int l_lx_node_kill(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	lua_Integer pid = luaL_checkinteger(L, 2);
	int sig = lx_check_signal(L, 3);
	struct lx_proc *p = lx_proc_find(node, pid);

	if (!p || p->state == LX_EXITED || p->state == LX_KILLED) {
		lua_pushnil(L);
		lua_pushstring(L, "No such process");
		lua_pushstring(L, "ESRCH");
		return 3;
	}
	if (p->state == LX_WAITING || p->state == LX_SKIPPED) {
		/* never started: it is killed where it waits, as the simulator does */
		if (sig) {
			p->state = LX_KILLED;
			p->sig = sig;
			p->status = 128 + sig;
			p->start = p->end = node->net->now;
		}
	} else if (sig) {
		kill(p->real, sig);
	}
	lua_pushboolean(L, 1);
	return 1;
}

static int l_lx_node_ps(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);

	lua_createtable(L, (int)node->procs->len, 0);
	for (guint i = 0; i < node->procs->len; i++) {
		struct lx_proc *p = g_ptr_array_index(node->procs, i);

		lua_createtable(L, 0, 7);
		lua_pushinteger(L, p->pid);
		lua_setfield(L, -2, "pid");
		lua_pushstring(L, p->cmd);
		lua_setfield(L, -2, "cmd");
		lua_pushstring(L, lx_state_name(p));
		lua_setfield(L, -2, "state");
		if (p->state == LX_EXITED || p->state == LX_KILLED) {
			lua_pushinteger(L, p->status);
			lua_setfield(L, -2, "status");
			lua_pushinteger(L, p->end);
			lua_setfield(L, -2, "finish");
		}
		if (p->state == LX_KILLED) {
			lua_pushinteger(L, p->sig);
			lua_setfield(L, -2, "signal");
		}
		lua_pushinteger(L, p->state == LX_WAITING ? p->at : p->start);
		lua_setfield(L, -2, "start");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/*
 * The node's real counters under the simulator's names: "Ip.InReceives"
 * from /proc/net/snmp and /proc/net/netstat, "eth0.rx_packets" from
 * /sys/class/net/eth0/statistics.  Calls @fn for each.
 */
static void lx_read_counters(struct lx_node *node,
			     void (*fn)(void *arg, const char *scope, const char *name,
					int64_t value), void *arg)
{
	static const char cmd[] =
		"cat /proc/net/snmp /proc/net/netstat; cd /sys/class/net && "
		"for f in */statistics/*; do printf '%s %s\\n' \"$f\" \"$(cat $f)\"; done";
	char *out = NULL;
	char **lines;

	if (!node->ns || lx_ns_sh(node, cmd, &out, NULL) != 0) {
		g_free(out);
		return;
	}
	lines = g_strsplit(out, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		char *colon = strchr(lines[i], ':');
		char *slash = strstr(lines[i], "/statistics/");

		if (colon && lines[i + 1] && strncmp(lines[i], lines[i + 1],
						     colon - lines[i] + 1) == 0) {
			char **names = g_strsplit_set(colon + 1, " ", -1);
			char **vals = g_strsplit_set(lines[i + 1] + (colon - lines[i]) + 1, " ", -1);
			char *scope = g_strndup(lines[i], colon - lines[i]);

			for (int k = 0; names[k] && vals[k]; k++)
				if (*names[k])
					fn(arg, scope, names[k], g_ascii_strtoll(vals[k], NULL, 10));
			g_free(scope);
			g_strfreev(names);
			g_strfreev(vals);
			i++;
		} else if (slash) {
			char *scope = g_strndup(lines[i], slash - lines[i]);
			char *name = slash + strlen("/statistics/");
			char *sp = strchr(name, ' ');

			if (sp) {
				*sp = '\0';
				fn(arg, scope, name, g_ascii_strtoll(sp + 1, NULL, 10));
			}
			g_free(scope);
		}
	}
	g_strfreev(lines);
	g_free(out);
}

struct lx_counter_query {
	lua_State *L;
	const char *want;	/* exact name, or prefix when !exact */
	bool exact, found;
};

static void lx_counter_to_lua(void *arg, const char *scope, const char *name, int64_t v)
{
	struct lx_counter_query *q = arg;
	char *full = g_strdup_printf("%s.%s", scope, name);

	if (q->exact ? strcmp(full, q->want) == 0 : g_str_has_prefix(full, q->want)) {
		if (q->exact) {
			if (!q->found)
				lua_pushinteger(q->L, v);
		} else {
			lua_pushinteger(q->L, v);
			lua_setfield(q->L, -2, full);
		}
		q->found = true;
	}
	g_free(full);
}

static int l_lx_node_counter(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	struct lx_counter_query q = { .L = L, .want = luaL_checkstring(L, 2), .exact = true };

	lx_read_counters(node, lx_counter_to_lua, &q);
	if (!q.found) {
		lx_skip(node->net->st, "%s: node:counter(\"%s\") (not a counter the kernel "
			"exports in /proc/net/snmp, /proc/net/netstat or "
			"/sys/class/net/*/statistics)", node->name, q.want);
		lua_pushnil(L);
	}
	return 1;
}

static int l_lx_node_counters(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	struct lx_counter_query q = { .L = L, .want = luaL_optstring(L, 2, "") };

	lua_newtable(L);
	lx_read_counters(node, lx_counter_to_lua, &q);
	return 1;
}

static int l_lx_node_inject(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);

	luaL_checkstring(L, 2);
	luaL_checkstring(L, 3);
	lx_skip(node->net->st, "%s: node:inject (raw frames are sent only in the simulator; "
		"tests/kernel/*.py send them on the real kernel)", node->name);
	return 0;
}

static int l_lx_node_write(lua_State *L)
{
	static const char *const modes[] = { "truncate", "append", NULL };
	struct lx_node *node = lx_node_check(L, 1);
	const char *path = luaL_checkstring(L, 2);
	size_t len;
	const char *text = luaL_checklstring(L, 3, &len);
	int mode = luaL_checkoption(L, 4, "truncate", modes);
	char *tmp = NULL, *cmd, *qt, *qp, *err = NULL;
	GError *gerr = NULL;
	int fd = g_file_open_tmp("skbsim-write-XXXXXX", &tmp, &gerr);

	if (fd < 0) {
		lua_pushfstring(L, "write: %s", gerr->message);
		g_error_free(gerr);
		return lua_error(L);
	}
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		g_unlink(tmp);
		g_free(tmp);
		return luaL_error(L, "write: temporary file: %s", g_strerror(errno));
	}
	close(fd);
	qt = g_shell_quote(tmp);
	qp = g_shell_quote(path);
	cmd = g_strdup_printf("cat %s %s %s", qt, mode ? ">>" : ">", qp);
	if (lx_ns_sh(node, cmd, NULL, &err) != 0) {
		const char *why = err ? strrchr(g_strchomp(err), ':') : NULL;

		lua_pushfstring(L, "%s: %s", path, why ? why + 2 : "write failed");
		g_free(err);
		g_unlink(tmp);
		g_free(tmp);
		g_free(cmd);
		g_free(qt);
		g_free(qp);
		return lua_error(L);
	}
	g_free(err);
	g_unlink(tmp);
	g_free(tmp);
	g_free(cmd);
	g_free(qt);
	g_free(qp);
	return 0;
}

static int l_lx_node_tostring(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);

	lua_pushfstring(L, "node %s (%s)", node->name, node->kind);
	return 1;
}

static const luaL_Reg lx_node_methods[] = {
	{ "counter", l_lx_node_counter }, { "counters", l_lx_node_counters },
	{ "inject", l_lx_node_inject },	  { "kill", l_lx_node_kill },
	{ "ps", l_lx_node_ps },		  { "sh", l_lx_node_sh },
	{ "spawn", l_lx_node_spawn },	  { "write", l_lx_node_write },
	{ NULL, NULL },
};

static int l_lx_node_index(lua_State *L)
{
	struct lx_node *node = lx_node_check(L, 1);
	const char *key = luaL_checkstring(L, 2);

	if (lua_getfield(L, lua_upvalueindex(1), key) != LUA_TNIL)
		return 1;
	if (strcmp(key, "name") == 0)
		lua_pushstring(L, node->name);
	else if (strcmp(key, "kind") == 0)
		lua_pushstring(L, node->kind);
	else if (strcmp(key, "id") == 0)
		lua_pushinteger(L, node->id);
	else if (strcmp(key, "cpus") == 0)
		lua_pushinteger(L, 1);
	else
		lua_pushnil(L);
	return 1;
}

/* ---- the skbsim table ---------------------------------------------------------- */

static int l_lx_now(lua_State *L)
{
	struct lx_state *st = lx_state(L);

	if (!st->nets->len) {
		lua_pushinteger(L, 0);
		return 1;
	}
	lua_pushinteger(L, ((struct lx_net *)g_ptr_array_index(st->nets,
							       st->nets->len - 1))->now);
	return 1;
}

static int l_lx_time(lua_State *L)
{
	lua_pushinteger(L, lcheck_time(L, 1, "skbsim.time"));
	return 1;
}

static int l_lx_sleep(lua_State *L)
{
	return luaL_error(L, "skbsim.sleep: only inside a Lua-function process, which "
			  "--backend=linux does not run");
}

static int lx_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = g_ascii_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int l_lx_unhex(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (size_t i = 0; i < len;) {
		int hi, lo;

		if (strchr(" :-\n\r\t", s[i])) {
			i++;
			continue;
		}
		hi = lx_hexval((unsigned char)s[i]);
		lo = i + 1 < len ? lx_hexval((unsigned char)s[i + 1]) : -1;
		if (hi < 0 || lo < 0)
			return luaL_error(L, "skbsim.unhex: not a hex digit pair at offset %d",
					  (int)i);
		luaL_addchar(&b, (char)(hi << 4 | lo));
		i += 2;
	}
	luaL_pushresult(&b);
	return 1;
}

static void lx_new_class(lua_State *L, const char *mt, const luaL_Reg *methods,
			 lua_CFunction index, lua_CFunction tostring)
{
	luaL_newmetatable(L, mt);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_pushcclosure(L, index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushliteral(L, "locked");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

static void lx_on_term(int sig)
{
	lx_fatal_signal(sig);
}

void lbackend_linux_open(lua_State *L)
{
	struct lrunner *r = lrunner_get(L);
	struct lx_state *st = lua_newuserdatauv(L, sizeof(*st), 0);
	static const luaL_Reg fns[] = {
		{ "network", l_lx_network }, { "now", l_lx_now }, { "sleep", l_lx_sleep },
		{ "time", l_lx_time },	     { "unhex", l_lx_unhex }, { NULL, NULL },
	};
	struct sigaction sa = { .sa_handler = lx_on_term };

	memset(st, 0, sizeof(*st));
	lua_setfield(L, LUA_REGISTRYINDEX, LX_STATE_KEY);	/* kept alive there */
	st->L = L;
	st->opts = r->opts;
	st->sha256 = r->sha256;
	g_snprintf(st->tag, sizeof(st->tag), LX_NS_PREFIX "%ld", (long)getpid());
	st->nets = g_ptr_array_new();
	st->skipped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	st->stdbuf = g_find_program_in_path("stdbuf");
	st->envp = g_environ_setenv(g_get_environ(), "LC_ALL", "C", TRUE);
	lx_exit_state = st;
	atexit(lx_atexit);
	/* SIGINT is the runner's (an orderly stop); SIGTERM/SIGHUP clean up and die */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	lx_remove_leftovers(st);

	lx_new_class(L, LX_NET_MT, lx_net_methods, l_lx_net_index, l_lx_net_tostring);
	lx_new_class(L, LX_NODE_MT, lx_node_methods, l_lx_node_index, l_lx_node_tostring);
	luaL_newlib(L, fns);
	lua_pushstring(L, SKBSIM_VERSION);
	lua_setfield(L, -2, "version");
	lua_pushstring(L, "linux");
	lua_setfield(L, -2, "backend");
	lua_newtable(L);
	for (const char *const *a = r->opts->args; a && *a; a++) {
		const char *eq = strchr(*a, '=');

		lua_pushlstring(L, *a, (size_t)(eq - *a));
		lua_pushstring(L, eq + 1);
		lua_settable(L, -3);
	}
	lua_setfield(L, -2, "args");
	lua_setglobal(L, "skbsim");
}

/* ---- the end: metrics.db, cleanup ---------------------------------------------- */

struct lx_db {
	sqlite3 *db;
	sqlite3_stmt *counter;
	int node_id;
	sim_time_t t;
};

static void lx_counter_to_db(void *arg, const char *scope, const char *name, int64_t v)
{
	struct lx_db *x = arg;

	sqlite3_reset(x->counter);
	sqlite3_bind_int64(x->counter, 1, x->t);
	sqlite3_bind_int(x->counter, 2, x->node_id);
	sqlite3_bind_text(x->counter, 3, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(x->counter, 4, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(x->counter, 5, v);
	sqlite3_step(x->counter);
}

/* `ip -o link`: "2: eth0@if3: <...> mtu 1500 ... link/ether 02:..." */
static void lx_interfaces_to_db(struct lx_node *node, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	char **lines;

	if (lx_ns_sh(node, "ip -o link show", &out, NULL) != 0) {
		g_free(out);
		return;
	}
	sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO interfaces VALUES (?,?,?,?,?,?)", -1,
			   &st, NULL);
	lines = g_strsplit(out, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		char name[64] = "", *at, *mtu = strstr(lines[i], " mtu ");
		char *lk = strstr(lines[i], "link/");
		int ifindex;
		char kind[32] = "", mac[64] = "";

		if (sscanf(lines[i], "%d: %63[^:]:", &ifindex, name) != 2 || !lk || !mtu)
			continue;
		if ((at = strchr(name, '@')))
			*at = '\0';
		sscanf(lk, "link/%31s %63s", kind, mac);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, node->id);
		sqlite3_bind_int(st, 2, ifindex);
		sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, mac, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 6, atoi(mtu + 5));
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	g_strfreev(lines);
	g_free(out);
}

static void lx_procs_to_db(struct lx_node *node, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;

	sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO processes VALUES (?,?,?,?,?,?,?,?,?)",
			   -1, &st, NULL);
	for (guint i = 0; i < node->procs->len; i++) {
		struct lx_proc *p = g_ptr_array_index(node->procs, i);
		bool ended = p->state == LX_EXITED || p->state == LX_KILLED;

		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int(st, 1, node->id);
		sqlite3_bind_int(st, 2, p->pid);
		sqlite3_bind_text(st, 3, p->cmd, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->state == LX_SKIPPED ? "lua" : "program", -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, p->state == LX_WAITING ? p->at : p->start);
		if (ended)
			sqlite3_bind_int64(st, 6, p->end);
		if (p->state == LX_EXITED)
			sqlite3_bind_int(st, 7, p->status);
		if (p->state == LX_KILLED)
			sqlite3_bind_int(st, 8, p->sig);
		sqlite3_bind_text(st, 9, lx_state_name(p), -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
}

/*
 * Rows the simulator writes as it goes are written here at once, into the
 * database sim_metrics_open() made (same schema), after it is closed.
 */
static void lx_write_db(struct lx_net *net)
{
	char *path = g_build_filename(net->out_dir, "metrics.db", NULL);
	struct lx_db x = { .t = net->now };
	sqlite3_stmt *st = NULL;

	if (sqlite3_open(path, &x.db) != SQLITE_OK) {
		fprintf(stderr, "skbsim: %s: %s\n", path, sqlite3_errmsg(x.db));
		sqlite3_close(x.db);
		g_free(path);
		return;
	}
	sqlite3_exec(x.db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(x.db, "INSERT OR REPLACE INTO nodes VALUES (?,?,?,1)", -1, &st,
			   NULL);
	sqlite3_prepare_v2(x.db, "INSERT INTO counters VALUES (?,?,?,?,?,1)", -1, &x.counter,
			   NULL);
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, node->id);
		sqlite3_bind_text(st, 2, node->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, node->kind, -1, SQLITE_STATIC);
		sqlite3_step(st);
		x.node_id = node->id;
		lx_read_counters(node, lx_counter_to_db, &x);
		lx_interfaces_to_db(node, x.db);
		lx_procs_to_db(node, x.db);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(x.counter);
	sqlite3_prepare_v2(x.db, "INSERT INTO process_output VALUES (?,?,?,?,?)", -1, &st, NULL);
	for (guint i = 0; i < net->lines->len; i++) {
		struct lx_line *l = g_ptr_array_index(net->lines, i);

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, l->t);
		sqlite3_bind_int(st, 2, l->node_id);
		sqlite3_bind_int(st, 3, l->pid);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 5, l->line, -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(x.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fprintf(stderr, "skbsim: %s: %s\n", path, sqlite3_errmsg(x.db));
	sqlite3_close(x.db);
	g_free(path);
}

static void lx_free_net(lua_State *L, struct lx_net *net)
{
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->procs->len; j++) {
			struct lx_proc *p = g_ptr_array_index(node->procs, j);

			if (p->fd >= 0)
				close(p->fd);
			g_string_free(p->partial, TRUE);
			g_free(p->cmd);
			g_free(p->comm);
			g_strfreev(p->argv);
			g_free(p);
		}
		for (guint j = 0; j < node->ifaces->len; j++) {
			struct lx_iface *ifc = g_ptr_array_index(node->ifaces, j);

			g_free(ifc->name);
			g_free(ifc);
		}
		g_ptr_array_unref(node->procs);
		g_ptr_array_unref(node->ifaces);
		g_free(node->name);
		g_free(node->kind);
		g_free(node->ns);
		g_free(node->nstat_history);
		g_strfreev(node->envp);
		g_free(node);
	}
	for (guint i = 0; i < net->ats->len; i++) {
		struct lx_at *at = g_ptr_array_index(net->ats, i);

		luaL_unref(L, LUA_REGISTRYINDEX, at->ref);
		g_free(at);
	}
	for (guint i = 0; i < net->lines->len; i++) {
		struct lx_line *l = g_ptr_array_index(net->lines, i);

		g_free(l->line);
		g_free(l);
	}
	g_ptr_array_unref(net->nodes);
	g_ptr_array_unref(net->ats);
	g_ptr_array_unref(net->lines);
	for (guint i = 0; i < net->links->len; i++) {
		struct lx_link *l = g_ptr_array_index(net->links, i);

		g_free(l->ifname[0]);
		g_free(l->ifname[1]);
		g_free(l);
	}
	g_ptr_array_unref(net->links);
	g_free(net->name);
	g_free(net->out_dir);
	g_free(net->capture_filter);
	g_free(net->capture_node);
	g_free(net);
}

static void lx_finish_net(struct lx_net *net, int status, const char *error)
{
	struct sim_metrics_end end = {
		.sim_ns = net->now, .events = 0, .complete = status == 0,
		.exit_status = status, .error = error, .wall_s = net->run_wall,
		.build_wall_s = sim_wall_now() - net->created_wall - net->run_wall,
	};

	/* output written up to now is kept; what still runs is stopped */
	for (guint i = 0; i < net->nodes->len; i++) {
		struct lx_node *node = g_ptr_array_index(net->nodes, i);

		for (guint j = 0; j < node->procs->len; j++) {
			struct lx_proc *p = g_ptr_array_index(node->procs, j);

			lx_proc_read(p, net->now);
			lx_proc_reap(p, net->now, false);	/* it may have just ended */
			if (p->state != LX_RUNNING)
				continue;
			kill(-p->real, SIGKILL);
			waitpid(p->real, NULL, 0);
			p->real = 0;	/* recorded as running, as the simulator does */
		}
	}
	lx_capture_stop(net);
	if (net->metrics) {
		sim_metrics_close(net->metrics, &end);
		net->metrics = NULL;
		lx_write_db(net);
	}
	lx_delete_namespaces(net->st, net);
	net->finished = true;
}

void lbackend_linux_finish(lua_State *L, int status, const char *error)
{
	struct lx_state *st = lx_state(L);

	if (!st)
		return;
	fflush(stdout);
	for (guint i = 0; i < st->nets->len; i++)
		lx_finish_net(g_ptr_array_index(st->nets, i), status, error);
	lx_exit_state = NULL;
	for (guint i = 0; i < st->nets->len; i++)
		lx_free_net(L, g_ptr_array_index(st->nets, i));
	g_ptr_array_unref(st->nets);
	g_hash_table_unref(st->skipped);
	g_free(st->stdbuf);
	g_strfreev(st->envp);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LX_STATE_KEY);
}
