/*
 * sim/diff.h - `skbsim diff RUN_A RUN_B`: where two runs first diverge
 *
 * No kernel counterpart.  Compares two output directories (out/<name>/ of
 * a run, on either backend) semantically: each pcap decoded field by field
 * (Ethernet, ARP, IPv4, ICMP, UDP, TCP ports) with MAC addresses named
 * "node.iface" from metrics.db's interfaces table and times replaced by
 * frame order; final counters present in both; process output per process
 * and stdout.txt with durations ("6.04 ms", "time 2002ms") normalised.
 * docs/conformance.md lists the fields and normalisations.
 */
#ifndef SKBSIM_SIM_DIFF_H
#define SKBSIM_SIM_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

struct sim_diff_field {
	char *name;			/* "ip.ttl" */
	char *value;			/* "64" */
};

/*
 * Decodes an Ethernet frame into fields, in header order.  @macs maps
 * "aa:bb:cc:dd:ee:ff" to "node.iface" (may be NULL).  Returns a
 * GPtrArray of struct sim_diff_field * that frees its elements.
 */
GPtrArray *sim_diff_decode(const uint8_t *frame, size_t len, GHashTable *macs);

/*
 * A line of output normalised: durations ("time=6.04 ms" -> "time=T ms",
 * "time 1016ms" -> "time T ms"), MAC addresses named by @macs (may be
 * NULL) as "node.iface", a veth's peer index dropped ("eth0@if2" ->
 * "eth0": a simulated cable has none) and the Linux backend's namespace
 * names made node names ("link-netns sk123-h2" -> "link-netns h2").
 */
char *sim_diff_normalize_line(const char *line, GHashTable *macs);

struct sim_diff_opts {
	/*
	 * Glob patterns of fields ("ip.id", "frame.padding") and of counters,
	 * as "scope.name" ("lo.*") or "node:scope.name" ("sw:*").
	 */
	const char *const *ignore;
	/*
	 * Fields whose values are replaced by their order of first appearance
	 * in each pcap ("#1", "#2"...): random IP ids, ICMP ids, ephemeral
	 * ports.  A quoted field (icmp.q.id) shares its outer field's numbering.
	 */
	const char *const *renumber;
	/*
	 * "field=value" (glob value): frames with such a field are left out,
	 * e.g. "ip.proto=2" for IGMP a case does not model.
	 */
	const char *const *skip;
	/*
	 * When not 0: each frame gets a field frame.gap, the time since the
	 * previous frame of its capture rounded to this many milliseconds, so
	 * a case can compare timers (ARP retries 1 s apart) without the jitter
	 * of a real machine.
	 */
	unsigned int time_round_ms;
	bool no_counters;		/* leave counters out */
};

/*
 * Compares run directories @a and @b.  Returns 0 when they match, 1 when
 * they differ (@report: one line per kind of divergence: packet, output,
 * stdout, counter), -1 on error (@report: the message).  *@report is
 * g_free()d by the caller.
 */
int sim_diff_runs(const char *a, const char *b, const struct sim_diff_opts *opts,
		  char **report);

/* skbsim diff [--ignore F,..] [--renumber F,..] [--skip F=V,..] [--time-round MS]
 *             [--no-counters] RUN_A RUN_B */
int sim_diff_main(int argc, char **argv);

#endif
