/*
 * sim/proc.h - simulated processes
 *
 * No kernel counterpart in net/; the shape follows a task: a pid in the
 * node's own pid space, a command line, an exit status or a terminating
 * signal.  A process is either a built-in program (struct sim_program, C
 * code driven by events and timers) or a Lua coroutine (sim/lua/lproc.c);
 * both sit behind struct sim_proc_ops so the engine treats them alike.
 *
 * Output: sim_proc_printf() collects text; every complete line goes to the
 * console as "[    1.000000123] h1 ping: ..." (dmesg-style stamp with ns)
 * unless the run is --quiet, and to metrics.db's process_output table.
 */
#ifndef SKBSIM_SIM_PROC_H
#define SKBSIM_SIM_PROC_H

#include <stdbool.h>

#include "sim/world.h"

struct sim_proc_ops {
	const char *kind;		/* "program" or "lua" */
	void (*signal)(struct sim_proc *p, int sig);
	/* The process ended (exit or signal): stop whatever would wake it. */
	void (*exited)(struct sim_proc *p);
	void (*release)(struct sim_proc *p);
};

enum sim_proc_state {
	SIM_PROC_WAITING,	/* spawned with a future start time */
	SIM_PROC_RUNNING,
	SIM_PROC_EXITED,
};

/*
 * Every host of a big run has one, so the small fields are bytes (a signal
 * number, an exit status and the state fit in one) and argc is not kept
 * (argv ends with NULL): 120 bytes and the strings, one malloc size class
 * less than with ints.
 */
struct sim_proc {
	struct node *node;
	int pid;
	enum sim_proc_state state : 8;
	uint8_t term_signal;		/* killed by this signal, or 0 */
	uint8_t exit_status;		/* valid when EXITED and !term_signal */
	bool in_start;			/* inside prog->start(), which still has argv */
	/* the command line, then comm's text, follow the struct in its own
	 * block: every process has both for its whole life */
	char *cmdline;
	char *comm;			/* argv[0] basename, the output prefix; in the
					 * block after cmdline unless set apart
					 * (proc_set_comm()) */
	const struct sim_proc_ops *ops;
	const struct sim_program *prog;	/* built-in programs only */
	char **argv;			/* built-in programs: the split command line,
					 * NULL-terminated; NULL after exit */
	void *priv;
	sim_time_t start_time, end_time;
	GString *partial;		/* output not yet ended by '\n'; NULL until some */
	struct sim_event start_ev;
	void (*starter)(struct sim_proc *p);	/* runs at start_time */
};

/*
 * Creates a process on @node that starts at absolute time @at (now if
 * earlier): @starter runs then.  The process is listed and has its pid from
 * this call on.
 */
struct sim_proc *sim_proc_create(struct node *node, const char *cmdline,
				 const struct sim_proc_ops *ops, void *priv,
				 sim_time_t at, void (*starter)(struct sim_proc *p));

/*
 * Spawns a built-in program from a command line ("ping -c 3 10.0.0.2").
 * Returns NULL with @err set for an unknown program or bad quoting.
 */
struct sim_proc *sim_proc_spawn_program(struct node *node, const char *cmdline,
					sim_time_t at, struct sim_err *err);

struct sim_proc *sim_proc_find(const struct node *node, int pid);

void sim_proc_printf(struct sim_proc *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sim_proc_write(struct sim_proc *p, const char *data, size_t len);

/* Ends the process with @status (0..255). */
void sim_proc_exit(struct sim_proc *p, int status);
/* Sends @sig (SIGTERM, SIGKILL, SIGINT...); returns -ESRCH-like -1 if gone. */
int sim_proc_kill(struct sim_proc *p, int sig);
/*
 * What the kernel does with a signal the program does not handle: nothing
 * for SIGCHLD, SIGCONT, SIGURG, SIGWINCH; otherwise the process is killed
 * (exit status 128 + sig).  For a program's .signal hook to fall back on.
 */
void sim_proc_default_signal(struct sim_proc *p, int sig);
/* Records a process wake-up (context switch) for /proc/stat ctxt. */
static inline void sim_proc_woken(struct sim_proc *p)
{
	p->node->stat[NODE_STAT_CTXT]++;
}

/* Frees every process of @node (world teardown). */
void sim_proc_reap_all(struct node *node);


#endif
