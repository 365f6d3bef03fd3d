/*
 * sim/time.h - simulated time and rates
 *
 * No kernel counterpart.  Simulated time is a signed 64-bit count of
 * nanoseconds from the start of the run (about 292 years of range).
 * Parsing follows tc(8): times "1.5s", "250ms", "10us", "40ns" (a bare
 * number is seconds), rates "1Gbit", "100Mbit", "64kbit", "1.5mbps" (bytes).
 */
#ifndef SKBSIM_SIM_TIME_H
#define SKBSIM_SIM_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "sim/err.h"

typedef int64_t sim_time_t;

#define SIM_NSEC_PER_USEC	1000LL
#define SIM_NSEC_PER_MSEC	1000000LL
#define SIM_NSEC_PER_SEC	1000000000LL
#define SIM_TIME_MAX		INT64_MAX

/* "1.5s" -> 1500000000.  Negative values and junk are errors. */
int sim_time_parse(const char *s, sim_time_t *out, struct sim_err *err);
/* As sim_time_parse, in picoseconds: "0.5ns" -> 500 (per-byte costs). */
int sim_time_parse_ps(const char *s, int64_t *ps, struct sim_err *err);
/* Seconds as a double (Lua numbers) -> ns, rounded to the nearest ns. */
int sim_time_from_seconds(double s, sim_time_t *out, struct sim_err *err);
/* Rate in bits per second: "1Gbit", "100Mbit", "64kbit", "10mbps", "1000". */
int sim_rate_parse(const char *s, uint64_t *bps, struct sim_err *err);

/* Wall-clock seconds (CLOCK_MONOTONIC), for the run's timing figures only. */
double sim_wall_now(void);

/* "1.000000123" (seconds, 9 decimals); never locale-dependent. */
char *sim_time_format(sim_time_t t, char *buf, size_t len);
/* Short human form for messages: "1.5s", "250ms", "10us", "40ns". */
char *sim_time_format_short(sim_time_t t, char *buf, size_t len);

#endif
