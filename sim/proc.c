/*
 * sim/proc.c - simulated processes: start, output, exit, signals
 *
 * No kernel counterpart in net/ (see proc.h).  A process stays on its
 * node's list until the world ends, so `skbsim` can report every exit
 * status; pids are per node and never reused within a run.
 */
#include "sim/proc.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/sh.h"
#include "sim/trace/metrics.h"

static void proc_start(struct world *w, struct sim_event *ev)
{
	struct sim_proc *p = (struct sim_proc *)((char *)ev - offsetof(struct sim_proc, start_ev));

	(void)w;
	p->state = SIM_PROC_RUNNING;
	p->start_time = sim_now(p->node->w);
	p->node->stat[NODE_STAT_PROCESSES]++;
	sim_proc_woken(p);
	p->starter(p);
}

/* the first blank-separated word's basename: where it starts, its length */
static const char *comm_of(const char *cmdline, size_t *len)
{
	const char *s = cmdline, *end, *slash;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strcspn(s, " \t");
	for (slash = end; slash > s && slash[-1] != '/'; slash--)
		;
	*len = (size_t)(end - slash);
	return slash;
}

/* comm's text in the process's own block, after cmdline */
static char *proc_block_comm(struct sim_proc *p)
{
	return p->cmdline + strlen(p->cmdline) + 1;
}

/* @comm (allocated) replaces the process's comm */
static void proc_set_comm(struct sim_proc *p, char *comm)
{
	if (p->comm != proc_block_comm(p))
		g_free(p->comm);
	p->comm = comm;
}

struct sim_proc *sim_proc_create(struct node *node, const char *cmdline,
				 const struct sim_proc_ops *ops, void *priv,
				 sim_time_t at, void (*starter)(struct sim_proc *p))
{
	struct world *w = node->w;
	size_t cmd_len = strlen(cmdline) + 1, comm_len;
	const char *comm = comm_of(cmdline, &comm_len);
	/* one block: every process has both strings for its whole life */
	struct sim_proc *p = g_malloc0(sizeof(*p) + cmd_len + comm_len + 1);

	p->node = node;
	p->pid = node->next_pid++;
	p->cmdline = memcpy(p + 1, cmdline, cmd_len);
	p->comm = memcpy(p->cmdline + cmd_len, comm, comm_len);	/* NUL: g_malloc0 */
	p->ops = ops;
	p->priv = priv;
	p->state = SIM_PROC_WAITING;
	p->start_time = at < w->now ? w->now : at;
	p->starter = starter;
	sim_event_init(&p->start_ev, proc_start);
	g_queue_push_tail(&node->procs, p);
	world_obj_get(w, SIM_OBJ_PROC);
	sim_schedule(w, &p->start_ev, p->start_time);
	return p;
}

struct sim_proc *sim_proc_find(const struct node *node, int pid)
{
	for (GList *l = node->procs.head; l; l = l->next) {
		struct sim_proc *p = l->data;

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

/* ---- output ----------------------------------------------------------- */

static void emit_line(struct sim_proc *p, const char *line)
{
	struct world *w = p->node->w;

	if (!w->quiet && w->console) {
		char ts[32];

		sim_time_format(sim_now(w), ts, sizeof(ts));
		fprintf(w->console, "[%15s] %s %s: %s\n", ts, p->node->name, p->comm, line);
	}
	if (w->metrics)
		sim_metrics_proc_output(w->metrics, sim_now(w), p, line);
}

void sim_proc_write(struct sim_proc *p, const char *data, size_t len)
{
	size_t start = 0;
	char *nl;

	/*
	 * A dead process writes nothing.  A built-in program killed by a
	 * signal keeps its events until it is reaped (release), so its
	 * timers may still try to print.
	 */
	if (p->state == SIM_PROC_EXITED)
		return;
	/* made at the first output: most programs of a big run never print */
	if (!p->partial)
		p->partial = g_string_new(NULL);
	g_string_append_len(p->partial, data, (gssize)len);
	/* each line in place (its newline made the NUL), then one erase */
	while ((nl = memchr(p->partial->str + start, '\n', p->partial->len - start))) {
		*nl = '\0';
		emit_line(p, p->partial->str + start);
		start = (size_t)(nl - p->partial->str) + 1;
	}
	if (start)
		g_string_erase(p->partial, 0, (gssize)start);
}

void sim_proc_printf(struct sim_proc *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	sim_proc_write(p, s, strlen(s));
	g_free(s);
}

/* ---- ending ----------------------------------------------------------- */

static void proc_flush(struct sim_proc *p)
{
	if (p->partial && p->partial->len) {
		emit_line(p, p->partial->str);
		g_string_truncate(p->partial, 0);
	}
}

static void proc_finish(struct sim_proc *p)
{
	struct world *w = p->node->w;

	proc_flush(p);
	p->state = SIM_PROC_EXITED;
	p->end_time = sim_now(w);
	if (p->ops->exited)
		p->ops->exited(p);
	if (w->metrics)
		sim_metrics_proc(w->metrics, p);
}

void sim_proc_exit(struct sim_proc *p, int status)
{
	if (p->state == SIM_PROC_EXITED)
		return;
	sim_cancel(p->node->w, &p->start_ev);
	p->exit_status = (uint8_t)status;	/* status & 0xff */
	proc_finish(p);
}

static void proc_killed(struct sim_proc *p, int sig)
{
	sim_cancel(p->node->w, &p->start_ev);
	p->term_signal = (uint8_t)sig;
	p->exit_status = (uint8_t)(128 + sig);
	proc_finish(p);
}

/* Signals whose default action is to do nothing (signal(7)). */
static bool sig_default_ignore(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

void sim_proc_default_signal(struct sim_proc *p, int sig)
{
	if (p->state == SIM_PROC_EXITED || sig_default_ignore(sig))
		return;
	proc_killed(p, sig);
}

int sim_proc_kill(struct sim_proc *p, int sig)
{
	if (!p || p->state == SIM_PROC_EXITED)
		return -1;
	if (sig == 0)
		return 0;		/* kill -0: the process exists */
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
		return 0;		/* job control is not modelled */
	if (sig_default_ignore(sig) && !(p->ops->signal && p->state == SIM_PROC_RUNNING))
		return 0;
	if (p->state == SIM_PROC_WAITING || sig == SIGKILL || !p->ops->signal) {
		proc_killed(p, sig);
		return 0;
	}
	/* the program decides: ping prints its statistics on SIGINT */
	p->ops->signal(p, sig);
	return 0;
}

static void proc_free(struct sim_proc *p)
{
	struct world *w = p->node->w;

	if (p->state != SIM_PROC_EXITED) {
		/* still running when the world ends: recorded as such */
		sim_cancel(w, &p->start_ev);
		proc_flush(p);
		if (w->metrics)
			sim_metrics_proc(w->metrics, p);
	}
	if (p->ops->release)
		p->ops->release(p);
	proc_set_comm(p, NULL);
	g_free(p->argv);		/* one block: argv_pack() */
	if (p->partial)
		g_string_free(p->partial, TRUE);
	g_free(p);
	world_obj_put(w, SIM_OBJ_PROC);
}

void sim_proc_reap_all(struct node *node)
{
	struct sim_proc *p;

	while ((p = g_queue_pop_head(&node->procs)))
		proc_free(p);
}

/* ---- built-in programs ------------------------------------------------ */

static void program_signal(struct sim_proc *p, int sig)
{
	if (p->prog->signal)
		p->prog->signal(p, sig);
	else
		sim_proc_default_signal(p, sig);
}

static void program_release(struct sim_proc *p)
{
	if (p->prog->release)
		p->prog->release(p);
}

/*
 * exit_mm(): a dead task's memory goes before it is reaped (a zombie's
 * /proc/PID/cmdline is empty), here its argv, once the program kept no
 * state that could still point into it.  The finished clients of a big
 * run are most of its processes.  comm is not in argv (the process's
 * block, or its own copy).
 */
static void program_free_argv(struct sim_proc *p)
{
	g_free(p->argv);
	p->argv = NULL;
}

static void program_exit_mm(struct sim_proc *p)
{
	if (!p->argv || p->priv || p->in_start || p->state != SIM_PROC_EXITED)
		return;
	program_free_argv(p);
}

static void program_exited(struct sim_proc *p)
{
	if (p->prog->stop)
		p->prog->stop(p);
	program_exit_mm(p);
}

static const struct sim_proc_ops program_ops = {
	.kind = "program",
	.signal = program_signal,
	.exited = program_exited,
	.release = program_release,
};

static void program_starter(struct sim_proc *p)
{
	int ret;

	p->in_start = true;
	ret = p->prog->start(p, (int)g_strv_length(p->argv), p->argv);
	p->in_start = false;
	if (p->prog->argv_done_at_start)
		program_free_argv(p);	/* nothing of the program points into it */
	if (ret != 0 && p->state != SIM_PROC_EXITED)
		sim_proc_exit(p, 1);
	else
		program_exit_mm(p);	/* it exited inside start() */
}

/*
 * A built-in program keeps its argv until it exits: the pointers and the
 * words in one block of their exact size, freed with one g_free() (what
 * sim_shell_split() returns is a pointer array of 16 or more and one
 * allocation per word).
 */
static char **argv_pack(char **argv, int argc)
{
	size_t size = sizeof(char *) * (size_t)(argc + 1);
	char **packed, *words;

	for (int i = 0; i < argc; i++)
		size += strlen(argv[i]) + 1;
	packed = g_malloc(size);
	words = (char *)(packed + argc + 1);
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		packed[i] = memcpy(words, argv[i], len);
		words += len;
	}
	packed[argc] = NULL;
	return packed;
}

struct sim_proc *sim_proc_spawn_program(struct node *node, const char *cmdline,
					sim_time_t at, struct sim_err *err)
{
	const char *base;
	const struct sim_program *prog;
	struct sim_proc *p;
	char **argv;
	int argc;

	argv = sim_shell_split(cmdline, &argc, err);
	if (!argv)
		return NULL;
	if (argc == 0) {
		g_strfreev(argv);
		sim_err_set(err, "empty command line");
		return NULL;
	}
	prog = world_program(node->w, argv[0]);
	if (!prog) {
		sim_err_set(err, "%s: command not found", argv[0]);
		g_strfreev(argv);
		return NULL;
	}
	p = sim_proc_create(node, cmdline, &program_ops, NULL, at, program_starter);
	p->prog = prog;
	p->argv = argv_pack(argv, argc);
	g_strfreev(argv);
	/*
	 * the name the program runs as, not the first blank-separated text:
	 * argv[0]'s basename, which is argv[0] itself or its tail but for a
	 * trailing '/' (g_path_get_basename() then).  Almost always the
	 * same text as the one in the process's block: kept then.
	 */
	base = strrchr(p->argv[0], '/');
	base = base ? base + 1 : p->argv[0];
	if (!*base)
		proc_set_comm(p, g_path_get_basename(p->argv[0]));
	else if (strcmp(base, p->comm) != 0)
		proc_set_comm(p, g_strdup(base));
	return p;
}
