/*
 * sim/err.c - error messages and invariant failures
 *
 * No kernel counterpart (see err.h).
 */
#include "sim/err.h"

#include <stdio.h>
#include <stdlib.h>

int sim_err_vset(struct sim_err *err, const char *fmt, va_list ap)
{
	if (err)
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int sim_err_set(struct sim_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_err_vset(err, fmt, ap);
	va_end(ap);
	return -1;
}

void sim_bug(const char *file, int line, const char *cond)
{
	fprintf(stderr, "skbsim: internal error at %s:%d: %s\n", file, line, cond);
	abort();
}
