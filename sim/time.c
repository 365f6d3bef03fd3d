/*
 * sim/time.c - parsing and printing of simulated times and rates
 *
 * No kernel counterpart; the units are those of tc(8) (iproute2's
 * get_time()/get_rate()), which is what users type for link options.
 * Numbers are parsed digit by digit into integers, never through strtod,
 * so "0.1s" is exactly 100000000 ns and the result does not depend on the
 * locale or on floating-point rounding.
 */
#include "sim/time.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct unit {
	const char *name;
	uint64_t num;		/* value of one unit = num / den of the base */
	uint64_t den;
};

/* Base: nanoseconds. */
static const struct unit time_units[] = {
	{ "s", SIM_NSEC_PER_SEC, 1 },     { "sec", SIM_NSEC_PER_SEC, 1 },
	{ "secs", SIM_NSEC_PER_SEC, 1 },  { "ms", SIM_NSEC_PER_MSEC, 1 },
	{ "msec", SIM_NSEC_PER_MSEC, 1 }, { "msecs", SIM_NSEC_PER_MSEC, 1 },
	{ "us", SIM_NSEC_PER_USEC, 1 },   { "usec", SIM_NSEC_PER_USEC, 1 },
	{ "usecs", SIM_NSEC_PER_USEC, 1 },{ "ns", 1, 1 },
	{ "nsec", 1, 1 },                 { "nsecs", 1, 1 },
	{ "m", 60 * SIM_NSEC_PER_SEC, 1 },{ "min", 60 * SIM_NSEC_PER_SEC, 1 },
	{ "h", 3600 * SIM_NSEC_PER_SEC, 1 },
};

/* Base: bits per second.  tc: "bit" suffixes are bits, "bps" are bytes. */
static const struct unit rate_units[] = {
	{ "bit", 1, 1 },		{ "kbit", 1000, 1 },
	{ "mbit", 1000000, 1 },		{ "gbit", 1000000000, 1 },
	{ "tbit", 1000000000000ULL, 1 },
	{ "kibit", 1024, 1 },		{ "mibit", 1048576, 1 },
	{ "gibit", 1073741824ULL, 1 },	{ "tibit", 1099511627776ULL, 1 },
	{ "bps", 8, 1 },		{ "kbps", 8000, 1 },
	{ "mbps", 8000000, 1 },		{ "gbps", 8000000000ULL, 1 },
	{ "tbps", 8000000000000ULL, 1 },
	{ "kibps", 8192, 1 },		{ "mibps", 8388608, 1 },
	{ "gibps", 8589934592ULL, 1 },
};

/*
 * parse_decimal - "12.345" into mantissa 12345 and 3 decimals.  At most 19
 * significant digits (they fit in a u64, and INT64_MAX ns written in seconds,
 * "9223372036.854775807", has 19); more would overflow the mantissa.
 */
static int parse_decimal(const char **sp, uint64_t *mant, int *decimals)
{
	const char *s = *sp;
	uint64_t m = 0;
	int digits = 0, dec = 0, seen_dot = 0;

	for (;; s++) {
		if (*s == '.' && !seen_dot) {
			seen_dot = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		if (digits >= 19)
			return -1;
		m = m * 10 + (uint64_t)(*s - '0');
		if (m != 0 || seen_dot)
			digits++;
		if (seen_dot)
			dec++;
	}
	if (s == *sp || (s == *sp + 1 && seen_dot))
		return -1;
	*sp = s;
	*mant = m;
	*decimals = dec;
	return 0;
}

static const struct unit *find_unit(const struct unit *u, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(u[i].name, name) == 0)
			return &u[i];
	return NULL;
}

/* mant / 10^dec * unit, rounded to nearest; -1 on overflow of int64. */
static int scale(uint64_t mant, int dec, const struct unit *u, uint64_t *out)
{
	unsigned __int128 v = (unsigned __int128)mant * u->num;
	unsigned __int128 div = u->den;

	for (int i = 0; i < dec; i++)
		div *= 10;
	v = (v + div / 2) / div;
	if (v > (unsigned __int128)INT64_MAX)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static int parse_with_units(const char *str, const struct unit *units, size_t n,
			    const struct unit *bare, uint64_t *out)
{
	const char *s = str;
	const struct unit *u = bare;
	uint64_t mant;
	int dec;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (parse_decimal(&s, &mant, &dec) < 0)
		return -1;
	if (*s) {
		char name[16];
		size_t len = strlen(s);

		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		if (len == 0 || len >= sizeof(name))
			return len == 0 ? scale(mant, dec, u, out) : -1;
		memcpy(name, s, len);
		name[len] = '\0';
		u = find_unit(units, n, name);
		if (!u)
			return -1;
	}
	return scale(mant, dec, u, out);
}

int sim_time_parse(const char *s, sim_time_t *out, struct sim_err *err)
{
	uint64_t v;

	if (s && strchr(s, '-'))
		return sim_err_set(err, "invalid time \"%s\": negative", s);
	if (parse_with_units(s, time_units, sizeof(time_units) / sizeof(time_units[0]),
			     &time_units[0], &v) < 0)
		return sim_err_set(err, "invalid time \"%s\" (expected e.g. \"1.5s\", "
				   "\"250ms\", \"10us\", \"40ns\")", s ? s : "");
	*out = (sim_time_t)v;
	return 0;
}

int sim_time_parse_ps(const char *s, int64_t *ps, struct sim_err *err)
{
	struct unit ps_units[sizeof(time_units) / sizeof(time_units[0])];
	uint64_t v;

	for (size_t i = 0; i < sizeof(time_units) / sizeof(time_units[0]); i++) {
		ps_units[i] = time_units[i];
		ps_units[i].num *= 1000;
	}
	if (s && strchr(s, '-'))
		return sim_err_set(err, "invalid time \"%s\": negative", s);
	if (parse_with_units(s, ps_units, sizeof(ps_units) / sizeof(ps_units[0]),
			     &ps_units[0], &v) < 0)
		return sim_err_set(err, "invalid time \"%s\" (expected e.g. \"0.5ns\")",
				   s ? s : "");
	*ps = (int64_t)v;
	return 0;
}

int sim_time_from_seconds(double s, sim_time_t *out, struct sim_err *err)
{
	if (isnan(s) || s < 0)
		return sim_err_set(err, "invalid time %g: negative or not a number", s);
	if (s >= 9.2e9)
		return sim_err_set(err, "invalid time %g: too large", s);
	*out = (sim_time_t)llround(s * 1e9);
	return 0;
}

int sim_rate_parse(const char *s, uint64_t *bps, struct sim_err *err)
{
	if (s && strchr(s, '-'))
		return sim_err_set(err, "invalid rate \"%s\": negative", s);
	if (parse_with_units(s, rate_units, sizeof(rate_units) / sizeof(rate_units[0]),
			     &rate_units[0], bps) < 0 || *bps == 0)
		return sim_err_set(err, "invalid rate \"%s\" (expected e.g. \"1Gbit\", "
				   "\"100Mbit\", \"64kbit\")", s ? s : "");
	return 0;
}

double sim_wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

char *sim_time_format(sim_time_t t, char *buf, size_t len)
{
	const char *sign = t < 0 ? "-" : "";
	uint64_t a = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;

	snprintf(buf, len, "%s%" PRIu64 ".%09" PRIu64, sign,
		 a / (uint64_t)SIM_NSEC_PER_SEC, a % (uint64_t)SIM_NSEC_PER_SEC);
	return buf;
}

char *sim_time_format_short(sim_time_t t, char *buf, size_t len)
{
	static const struct { int64_t div; const char *unit; } steps[] = {
		{ SIM_NSEC_PER_SEC, "s" }, { SIM_NSEC_PER_MSEC, "ms" },
		{ SIM_NSEC_PER_USEC, "us" },
	};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (t != 0 && t % steps[i].div == 0) {
			snprintf(buf, len, "%" PRId64 "%s", t / steps[i].div, steps[i].unit);
			return buf;
		}
		if (t >= steps[i].div) {
			/* up to 9 decimals, trailing zeros trimmed */
			char frac[24];
			int64_t rem = t % steps[i].div;
			int width = i == 0 ? 9 : (i == 1 ? 6 : 3);
			size_t n;

			snprintf(frac, sizeof(frac), "%0*" PRId64, width, rem);
			n = strlen(frac);
			while (n > 0 && frac[n - 1] == '0')
				frac[--n] = '\0';
			snprintf(buf, len, "%" PRId64 ".%s%s", t / steps[i].div, frac,
				 steps[i].unit);
			return buf;
		}
	}
	snprintf(buf, len, "%" PRId64 "ns", t);
	return buf;
}
