/*
 * tests/unit/sim/test_time.c - parsing and printing of times and rates
 *
 * No kernel counterpart (sim/time.c).  What users type for link options
 * and spawn times follows tc(8): "1.5s", "250ms", "1Gbit", "1mbps"; the
 * parser works on integers, so decimal fractions are exact.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "sim/time.h"
#include "testlib.h"

/* ---- sim_time_parse ---------------------------------------------------- */

struct time_case {
	const char *in;
	sim_time_t want;
};

static const struct time_case time_good[] = {
	{ "1.5s", 1500000000LL },
	{ "250ms", 250000000LL },
	{ "10us", 10000LL },
	{ "40ns", 40LL },
	{ "0.1s", 100000000LL },		/* exact: no strtod */
	{ "0.3s", 300000000LL },
	{ "2", 2000000000LL },			/* a bare number is seconds */
	{ "0.25", 250000000LL },
	{ "2m", 120000000000LL },		/* minutes, as tc */
	{ "1h", 3600000000000LL },
	{ "1min", 60000000000LL },
	{ " 250ms ", 250000000LL },		/* blanks around the value */
	{ "\t1s\n", 1000000000LL },
	{ " 3 ", 3000000000LL },
	{ "1SEC", 1000000000LL },		/* units ignore case */
	{ "5msecs", 5000000LL },
	{ "7usec", 7000LL },
	{ "9nsec", 9LL },
	{ "0s", 0 },
	{ ".5s", 500000000LL },
	{ "1.5ns", 2 },				/* rounded to the nearest ns */
	{ "1.4ns", 1 },
	{ "0.000000001s", 1 },
	{ "000000000000000000000001s", 1000000000LL },	/* leading zeros are free */
	{ "9223372036.854775807s", INT64_MAX },		/* the largest time */
};

START_TEST(test_time_parse_accepts_tc_units)
{
	const struct time_case *c = &time_good[_i];
	struct sim_err err = { { 0 } };
	sim_time_t t = -1;

	ck_assert_msg(sim_time_parse(c->in, &t, &err) == 0, "\"%s\": %s", c->in, err.msg);
	ck_assert_msg(t == c->want, "\"%s\" gave %lld, want %lld", c->in, (long long)t,
		      (long long)c->want);
}
END_TEST

static const char *const time_bad[] = {
	"", " ", "-1s", "-0", "1.5.2s", "5 parsecs", "s", "ms", ".", "1 s",
	"1e20s", "1e3", "10xs", "1s2", "+1s", "0x10s",
	"12345678901234567890s",		/* more digits than the parser holds */
	"9223372037s",				/* past INT64_MAX ns */
	"2562048h",			/* likewise, through a big unit */
	"1ss", "1.5sec s",
};

START_TEST(test_time_parse_rejects_junk)
{
	const char *in = time_bad[_i];
	struct sim_err err = { { 0 } };
	sim_time_t t = 12345;

	ck_assert_msg(sim_time_parse(in, &t, &err) == -1, "\"%s\" accepted as %lld", in,
		      (long long)t);
	ck_assert_msg(t == 12345, "\"%s\": result written on error", in);
	ck_assert_msg(strstr(err.msg, "invalid time") != NULL, "\"%s\": %s", in, err.msg);
}
END_TEST

START_TEST(test_time_parse_null_is_an_error)
{
	struct sim_err err = { { 0 } };
	sim_time_t t = 7;

	ck_assert_int_eq(sim_time_parse(NULL, &t, &err), -1);
	ck_assert_int_eq(t, 7);
	ck_assert_str_eq(err.msg, "invalid time \"\" (expected e.g. \"1.5s\", \"250ms\", "
			 "\"10us\", \"40ns\")");
}
END_TEST

START_TEST(test_time_parse_negative_says_so)
{
	struct sim_err err = { { 0 } };
	sim_time_t t;

	ck_assert_int_eq(sim_time_parse("-1s", &t, &err), -1);
	ck_assert_str_eq(err.msg, "invalid time \"-1s\": negative");
}
END_TEST

/* ---- sim_rate_parse ---------------------------------------------------- */

struct rate_case {
	const char *in;
	uint64_t want;			/* bits per second */
};

static const struct rate_case rate_good[] = {
	{ "1Gbit", 1000000000ULL },
	{ "100Mbit", 100000000ULL },
	{ "64kbit", 64000ULL },
	{ "1mbps", 8000000ULL },		/* "bps" units are bytes */
	{ "1.5mbps", 12000000ULL },
	{ "1000", 1000ULL },			/* a bare number is bit/s */
	{ "1000bit", 1000ULL },
	{ "1GBIT", 1000000000ULL },		/* units ignore case */
	{ "1gbit", 1000000000ULL },
	{ "10MBit", 10000000ULL },
	{ "1kibit", 1024ULL },
	{ "1mibps", 8388608ULL },
	{ "2.5Gbit", 2500000000ULL },
	{ "1tbit", 1000000000000ULL },
	{ "8bps", 64ULL },
	{ " 10Mbit ", 10000000ULL },
};

START_TEST(test_rate_parse_accepts_tc_units)
{
	const struct rate_case *c = &rate_good[_i];
	struct sim_err err = { { 0 } };
	uint64_t bps = 0;

	ck_assert_msg(sim_rate_parse(c->in, &bps, &err) == 0, "\"%s\": %s", c->in, err.msg);
	ck_assert_msg(bps == c->want, "\"%s\" gave %llu, want %llu", c->in,
		      (unsigned long long)bps, (unsigned long long)c->want);
}
END_TEST

static const char *const rate_bad[] = {
	"", "0bit", "0", "0.0001bit", "-1Mbit", "1Xbit", "Mbit", "1 Mbit", "1.2.3Mbit",
	"1e9", "10000000000000tbit", "fast",
};

START_TEST(test_rate_parse_rejects_junk_and_zero)
{
	const char *in = rate_bad[_i];
	struct sim_err err = { { 0 } };
	uint64_t bps = 99;

	ck_assert_msg(sim_rate_parse(in, &bps, &err) == -1, "\"%s\" accepted as %llu", in,
		      (unsigned long long)bps);
	ck_assert_msg(strstr(err.msg, "invalid rate") != NULL, "\"%s\": %s", in, err.msg);
}
END_TEST

START_TEST(test_rate_parse_null_is_an_error)
{
	struct sim_err err = { { 0 } };
	uint64_t bps = 0;

	ck_assert_int_eq(sim_rate_parse(NULL, &bps, &err), -1);
	ck_assert_str_eq(err.msg, "invalid rate \"\" (expected e.g. \"1Gbit\", \"100Mbit\", "
			 "\"64kbit\")");
}
END_TEST

/* ---- sim_time_from_seconds (Lua numbers) -------------------------------- */

struct seconds_case {
	double in;
	sim_time_t want;
};

static const struct seconds_case seconds_good[] = {
	{ 0.0, 0 },
	{ 1.5, 1500000000LL },
	{ 0.1, 100000000LL },
	{ 1e-9, 1 },
	{ 1.4e-9, 1 },				/* rounded to the nearest ns */
	{ 1.6e-9, 2 },
	{ 0.4e-9, 0 },
	{ 3600.0, 3600000000000LL },
	{ 123.456789012, 123456789012LL },
};

START_TEST(test_time_from_seconds_rounds_to_ns)
{
	const struct seconds_case *c = &seconds_good[_i];
	struct sim_err err = { { 0 } };
	sim_time_t t = -1;

	ck_assert_msg(sim_time_from_seconds(c->in, &t, &err) == 0, "%.17g: %s", c->in, err.msg);
	ck_assert_msg(t == c->want, "%.17g gave %lld, want %lld", c->in, (long long)t,
		      (long long)c->want);
}
END_TEST

static const double seconds_bad[] = { -1.0, -1e-9, 1e10, 1e300 };

START_TEST(test_time_from_seconds_rejects_negative_and_huge)
{
	struct sim_err err = { { 0 } };
	sim_time_t t = 5;

	ck_assert_msg(sim_time_from_seconds(seconds_bad[_i], &t, &err) == -1, "%g accepted",
		      seconds_bad[_i]);
	ck_assert_int_eq(t, 5);
	ck_assert_msg(strstr(err.msg, "invalid time") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(test_time_from_seconds_rejects_nan_and_infinity)
{
	struct sim_err err = { { 0 } };
	sim_time_t t = 5;

	ck_assert_int_eq(sim_time_from_seconds(NAN, &t, &err), -1);
	ck_assert_msg(strstr(err.msg, "not a number") != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_time_from_seconds(INFINITY, &t, &err), -1);
	ck_assert_int_eq(sim_time_from_seconds(-INFINITY, &t, &err), -1);
	ck_assert_int_eq(t, 5);
}
END_TEST

/* ---- printing ---------------------------------------------------------- */

struct format_case {
	sim_time_t t;
	const char *full;		/* sim_time_format */
	const char *brief;		/* sim_time_format_short */
};

static const struct format_case format_cases[] = {
	{ 0, "0.000000000", "0ns" },
	{ 40, "0.000000040", "40ns" },
	{ 1500, "0.000001500", "1.5us" },
	{ 10000, "0.000010000", "10us" },
	{ 250000000, "0.250000000", "250ms" },
	{ 1000000000, "1.000000000", "1s" },
	{ 1000000123, "1.000000123", "1.000000123s" },
	{ 1500000000, "1.500000000", "1.5s" },
	{ 1250000, "0.001250000", "1.25ms" },
	{ 60000000000LL, "60.000000000", "60s" },
	{ 3600000000001LL, "3600.000000001", "3600.000000001s" },
	{ INT64_MAX, "9223372036.854775807", "9223372036.854775807s" },
	{ -1000000000, "-1.000000000", "-1s" },
};

START_TEST(test_time_format_prints_seconds_with_nine_decimals)
{
	const struct format_case *c = &format_cases[_i];
	char buf[32];

	ck_assert_ptr_eq(sim_time_format(c->t, buf, sizeof(buf)), buf);
	ck_assert_str_eq(buf, c->full);
}
END_TEST

START_TEST(test_time_format_short_picks_the_largest_unit)
{
	const struct format_case *c = &format_cases[_i];
	char buf[32];

	ck_assert_ptr_eq(sim_time_format_short(c->t, buf, sizeof(buf)), buf);
	ck_assert_str_eq(buf, c->brief);
}
END_TEST

START_TEST(test_time_format_short_parses_back)
{
	const struct format_case *c = &format_cases[_i];
	struct sim_err err = { { 0 } };
	char buf[32];
	sim_time_t t = -1;

	if (c->t < 0)
		return;			/* negative times are never parsed */
	sim_time_format_short(c->t, buf, sizeof(buf));
	ck_assert_msg(sim_time_parse(buf, &t, &err) == 0, "\"%s\": %s", buf, err.msg);
	ck_assert_msg(t == c->t, "\"%s\" parsed back as %lld", buf, (long long)t);
}
END_TEST

START_TEST(test_time_format_truncates_to_the_buffer)
{
	char buf[5];

	sim_time_format(1500000000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1.50");
}
END_TEST

static Suite *time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_time_parse_accepts_tc_units, 0, G_N_ELEMENTS(time_good));
	tcase_add_loop_test(tc, test_time_parse_rejects_junk, 0, G_N_ELEMENTS(time_bad));
	tcase_add_test(tc, test_time_parse_null_is_an_error);
	tcase_add_test(tc, test_time_parse_negative_says_so);
	tcase_add_loop_test(tc, test_rate_parse_accepts_tc_units, 0, G_N_ELEMENTS(rate_good));
	tcase_add_loop_test(tc, test_rate_parse_rejects_junk_and_zero, 0,
			    G_N_ELEMENTS(rate_bad));
	tcase_add_test(tc, test_rate_parse_null_is_an_error);
	tcase_add_loop_test(tc, test_time_from_seconds_rounds_to_ns, 0,
			    G_N_ELEMENTS(seconds_good));
	tcase_add_loop_test(tc, test_time_from_seconds_rejects_negative_and_huge, 0,
			    G_N_ELEMENTS(seconds_bad));
	tcase_add_test(tc, test_time_from_seconds_rejects_nan_and_infinity);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_time_format_prints_seconds_with_nine_decimals, 0,
			    G_N_ELEMENTS(format_cases));
	tcase_add_loop_test(tc, test_time_format_short_picks_the_largest_unit, 0,
			    G_N_ELEMENTS(format_cases));
	tcase_add_loop_test(tc, test_time_format_short_parses_back, 0,
			    G_N_ELEMENTS(format_cases));
	tcase_add_test(tc, test_time_format_truncates_to_the_buffer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(time_suite());
}
