/*
 * sim/err.h - error messages carried out of the engine and the models
 *
 * No kernel counterpart: the kernel returns -errno plus a netlink extack
 * message; ours is the same idea for engine calls that fail on user input.
 * A struct sim_err holds the one line a user reads ("Error: mtu greater
 * than device maximum."); callers add the script file and line.
 */
#ifndef SKBSIM_SIM_ERR_H
#define SKBSIM_SIM_ERR_H

#include <stdarg.h>

#define SIM_ERR_MAX 512

struct sim_err {
	char msg[SIM_ERR_MAX];
};

/* Sets the message (printf format) and returns -1, for "return sim_err_set(...)". */
int sim_err_set(struct sim_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sim_err_vset(struct sim_err *err, const char *fmt, va_list ap);

/*
 * SIM_BUG_ON - an invariant of our own code does not hold.  Never used for
 * input a user or a packet can provide: those are errors or counted drops.
 */
void sim_bug(const char *file, int line, const char *cond) __attribute__((noreturn));
#define SIM_BUG_ON(cond) \
	do { if (__builtin_expect(!!(cond), 0)) sim_bug(__FILE__, __LINE__, #cond); } while (0)

#endif
