/*
 * tests/fuzz/fuzz_cmd.c - one node:sh command, fed fuzz-made arguments
 *
 * No kernel counterpart.  Built once per command: FZ_CMD is "ip",
 * "sysctl", "ethtool", "tc", "bridge" or "brctl" (each line of the input
 * becomes "FZ_CMD <line>"), or "" for the shell itself (the input is sh
 * text as typed: echo > /proc/..., cat, quotes, continuations).  FZ_NODE
 * names the node it runs on.  Lines run one by one, so a failing line
 * does not hide the next; between inputs 1 ms of simulated time passes,
 * so what a command started (a link going down, a neighbour probe) runs.
 */
#include <string.h>

#include <glib.h>

#include "fuzz_cmdworld.h"

#ifndef FZ_CMD
#error "FZ_CMD must name the command"
#endif
#ifndef FZ_NODE
#define FZ_NODE "r"
#endif

#define FZ_MAX_LINES 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct world *w = fz_cmd_world();
	struct node *n = world_node(w, FZ_NODE);
	char *text = fz_strndup(data, size);

	if (FZ_CMD[0] == '\0') {
		fz_sh(n, text);
	} else {
		char **lines = g_strsplit(text, "\n", 0);

		for (char **l = lines; *l && l - lines < FZ_MAX_LINES; l++) {
			char *line = g_strconcat(FZ_CMD, " ", *l, NULL);

			fz_sh(n, line);
			g_free(line);
		}
		g_strfreev(lines);
	}
	g_free(text);
	fz_run(w, SIM_NSEC_PER_MSEC);
	return 0;
}
