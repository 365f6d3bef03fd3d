/*
 * tests/fuzz/fuzz_parse.c - the value parsers: times, rates, addresses
 *
 * No kernel counterpart.  The input, as one string, goes to every parser
 * a scenario or a command line reaches with a user's value: the engine's
 * times and rates (sim/time.c; the Lua API's lopt_time()/lcheck_time()
 * and net:link{ rate = } hand their strings to them), iproute2's
 * get_addr()/get_prefix()/get_u32() and the lladdr, table-name-free
 * a2n() maps (models/apps/ip.c), mac_pton() (pktgen), and the shell's
 * word splitter.  Besides not crashing, what parses must print back to
 * the same value: a time formatted by sim_time_format() or
 * sim_time_format_short() parses to the same nanoseconds, a dotted quad
 * printed by ipr_ntoa() to the same address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "apps/apps.h"
#include "fuzz_world.h"
#include "linux/etherdevice.h"
#include "sim/sh.h"
#include "sim/time.h"

static void fz_fail(const char *what, const char *in, const char *detail)
{
	fprintf(stderr, "fuzz_parse: %s: input \"%s\": %s\n", what, in, detail);
	abort();
}

static void parse_times(const char *s)
{
	struct sim_err err = { { 0 } };
	char buf[64];
	sim_time_t t, back;
	int64_t ps;
	uint64_t bps;

	if (sim_time_parse(s, &t, &err) == 0) {
		if (t < 0)
			fz_fail("sim_time_parse", s, "negative result");
		sim_time_format(t, buf, sizeof(buf));
		if (sim_time_parse(buf, &back, &err) < 0 || back != t)
			fz_fail("sim_time_format round trip", s, buf);
		sim_time_format_short(t, buf, sizeof(buf));
		if (sim_time_parse(buf, &back, &err) < 0 || back != t)
			fz_fail("sim_time_format_short round trip", s, buf);
	}
	sim_time_parse_ps(s, &ps, &err);
	sim_rate_parse(s, &bps, &err);
	sim_time_from_seconds(g_ascii_strtod(s, NULL), &t, &err);
}

static void parse_addrs(const char *s)
{
	static const int families[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_PACKET, AF_MPLS };
	struct ipr_prefix p, back;
	char buf[16];
	unsigned int u;
	int i;

	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
		if (ipr_get_addr_1(&p, s, families[f]) == 0 && p.family == AF_INET &&
		    p.bitlen == -1) {
			ipr_ntoa(p.data[0], buf);
			if (ipr_get_addr_1(&back, buf, AF_INET) < 0 || back.data[0] != p.data[0])
				fz_fail("ipr_get_addr_1 round trip", s, buf);
		}
		ipr_get_prefix_1(&p, s, families[f]);
	}
	ipr_get_u32(&u, s, 0);
	ipr_get_unsigned(&u, s, 0);
	ipr_get_integer(&i, s, 0);
	ipr_read_family(s);
}

static void parse_names(const char *s)
{
	struct sim_sh sh = { .out = g_string_new(NULL), .err = g_string_new(NULL) };
	struct iproute r = { .sh = &sh };
	struct sim_err err = { { 0 } };
	uint8_t lladdr[32], mac[6];
	uint32_t id;
	char **words;
	int type, argc;

	ipr_ll_addr_a2n(&r, lladdr, sizeof(lladdr), s);
	ipr_ll_addr_a2n(&r, lladdr, 6, s);
	mac_pton(s, mac);
	ipr_rtprot_a2n(&id, s);
	ipr_rtscope_a2n(&id, s);
	ipr_dsfield_a2n(&id, s);
	ipr_rtntype_a2n(&type, s);
	ipr_check_ifname(s);
	words = sim_shell_split(s, &argc, &err);
	g_strfreev(words);
	g_string_free(sh.out, TRUE);
	g_string_free(sh.err, TRUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);

	parse_times(s);
	parse_addrs(s);
	parse_names(s);
	g_free(s);
	return 0;
}

void fz_harness_end(void)
{
}
