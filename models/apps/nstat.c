/*
 * models/apps/nstat.c - nstat (iproute2 6.1): the network counters, as deltas
 *
 * User space, no kernel counterpart.  Mirrors misc/nstat.c: it reads
 * /proc/net/netstat and /proc/net/snmp (the node's files, through the file
 * view), names each counter table+field (IpInReceives, IpExtInOctets,
 * IcmpMsgOutType0), drops the "useless numbers" (IpForwarding,
 * IpDefaultTTL, TcpRtoAlgorithm...) and prints them as
 * "%-32s%-16llu%6.1f" after a "#kernel" line: the whole counters with -a
 * or without history, else the increments since the history was written.
 * The history is the node's /tmp/.nstat.u0 (root's file), written after
 * every run unless -s, emptied by -r; like the real one it holds the
 * counters that were nonzero (all with -z), and `cat` shows it.
 * Counters are listed as nstat orders them: snmp's tables first, then
 * netstat's (it loads netstat, snmp6, snmp, sctp, each in front of the
 * previous).
 *
 * Differences: no daemon (-d), no JSON (-j): both are refused; the rates
 * are always 0.0 (they only move with the daemon); no /proc/net/snmp6 and
 * sctp/snmp (skbsim has no IPv6 or SCTP); the history never ages out
 * (Linux resets it when it is older than the uptime); NSTAT_HISTORY is not
 * read (a node has no environment).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"

#define NSTAT_HISTORY	"/tmp/.nstat.u0"

struct nstat_ent {
	char *id;
	unsigned long long val;
	double rate;
};

struct nstat {
	struct sim_sh *sh;
	bool dump_zeros, reset_history, ignore_history, no_output, no_update;
	char **patterns;
	int npatterns;
	char info_source[128];
	GArray *kern_db;		/* struct nstat_ent, in nstat's order */
	GArray *hist_db;		/* NULL: no history */
};

/* ---- the history file: a plain file of the node's view ------------------ */

/* open(O_CREAT): the history file, made empty if the node has none; it goes with the node */
static void hist_open(struct node *node)
{
	if (sim_vfs_access(node, NSTAT_HISTORY, false) == -ENOENT)
		sim_vfs_create_file(node, NSTAT_HISTORY, "");
}

/* ---- tables ---------------------------------------------------------------- */

static const char *const useless_numbers[] = {
	"IpForwarding", "IpDefaultTTL", "TcpRtoAlgorithm", "TcpRtoMin", "TcpRtoMax",
	"TcpMaxConn", "TcpCurrEstab",
};

static bool useless_number(const char *id)
{
	for (size_t i = 0; i < G_N_ELEMENTS(useless_numbers); i++)
		if (strcmp(id, useless_numbers[i]) == 0)
			return true;
	return false;
}

/* fnmatch(pattern, id, FNM_CASEFOLD): both lowered, FNM_CASEFOLD being GNU */
static bool match(const struct nstat *ns, const char *id)
{
	char *lid;
	bool ret = false;

	if (ns->npatterns == 0)
		return true;
	lid = g_ascii_strdown(id, -1);
	for (int i = 0; i < ns->npatterns && !ret; i++) {
		char *pat = g_ascii_strdown(ns->patterns[i], -1);

		ret = !fnmatch(pat, lid, 0);
		g_free(pat);
	}
	g_free(lid);
	return ret;
}

static void db_free(GArray *db)
{
	if (!db)
		return;
	for (guint i = 0; i < db->len; i++)
		g_free(g_array_index(db, struct nstat_ent, i).id);
	g_array_free(db, TRUE);
}

/*
 * load_good_table(): "#source" and "Name value [rate]" lines (the history);
 * -1 with the message of a line it cannot read.
 */
static int load_good_table(struct nstat *ns, const char *text, GArray *db)
{
	char **lines = g_strsplit(text, "\n", -1);
	int ret = 0;

	for (int i = 0; lines[i]; i++) {
		struct nstat_ent e = { 0 };
		char id[4096];
		int nr;

		if (!lines[i][0] && !lines[i + 1])
			break;			/* the text's final newline */
		if (lines[i][0] == '#') {
			g_strlcpy(ns->info_source, lines[i] + 1, sizeof(ns->info_source));
			continue;
		}
		nr = strlen(lines[i]) < sizeof(id) ?
		     sscanf(lines[i], "%4095s%llu%lg", id, &e.val, &e.rate) : 0;
		if (nr < 2) {
			sim_sh_eprintf(ns->sh, "nstat.c:136: error parsing history file\n");
			ret = -1;
			break;
		}
		if (nr < 3)
			e.rate = 0;
		if (useless_number(id))
			continue;
		e.id = g_strdup(id);
		g_array_append_val(db, e);
	}
	g_strfreev(lines);
	return ret;
}

/*
 * load_ugly_table(): /proc's "Table: Name1 Name2\nTable: v1 v2" pairs; the
 * entries go in front of what @db holds (nstat's order).
 */
static void load_ugly_table(const char *text, GArray *db)
{
	char **lines = g_strsplit(text, "\n", -1);
	GArray *mine = g_array_new(FALSE, TRUE, sizeof(struct nstat_ent));

	for (int i = 0; lines[i] && lines[i][0] && lines[i + 1]; i += 2) {
		char *colon = strchr(lines[i], ':');
		char **names, **vals;
		int nnames, nvals;

		if (!colon || strncmp(lines[i], lines[i + 1], (size_t)(colon - lines[i] + 1)) != 0)
			break;
		names = g_strsplit(colon + 1, " ", -1);
		vals = g_strsplit(strchr(lines[i + 1], ':') + 1, " ", -1);
		nnames = (int)g_strv_length(names);
		nvals = (int)g_strv_length(vals);
		/* both lines start with a space: element 0 is empty */
		for (int j = 1; j < nnames && j < nvals; j++) {
			struct nstat_ent e = { 0 };

			e.id = g_strdup_printf("%.*s%s", (int)(colon - lines[i]), lines[i], names[j]);
			e.val = strtoull(vals[j], NULL, 10);
			if (useless_number(e.id)) {
				g_free(e.id);
				continue;
			}
			g_array_append_val(mine, e);
		}
		g_strfreev(names);
		g_strfreev(vals);
	}
	g_array_prepend_vals(db, mine->data, mine->len);
	g_array_free(mine, TRUE);
	g_strfreev(lines);
}

/* The counters now: netstat, then snmp in front of them. */
static void load_kernel(struct nstat *ns)
{
	GString *text = g_string_new(NULL);

	ns->kern_db = g_array_new(FALSE, TRUE, sizeof(struct nstat_ent));
	if (sim_vfs_read(ns->sh->node, "/proc/net/netstat", text) == 0)
		load_ugly_table(text->str, ns->kern_db);
	g_string_truncate(text, 0);
	if (sim_vfs_read(ns->sh->node, "/proc/net/snmp", text) == 0)
		load_ugly_table(text->str, ns->kern_db);
	g_string_free(text, TRUE);
}

/* ---- output ------------------------------------------------------------ */

/* dump_kern_db(): the counters; @to_hist: for the history file */
static void dump_kern_db(const struct nstat *ns, GString *out, bool to_hist)
{
	guint h = 0;

	g_string_append_printf(out, "#%s\n", ns->info_source);
	for (guint i = 0; i < ns->kern_db->len; i++) {
		const struct nstat_ent *n = &g_array_index(ns->kern_db, struct nstat_ent, i);
		unsigned long long val = n->val;

		if (!ns->dump_zeros && !val && !n->rate)
			continue;
		if (!match(ns, n->id)) {
			if (!to_hist)
				continue;
			/* not asked for: the history keeps what it had */
			for (guint j = h; ns->hist_db && j < ns->hist_db->len; j++) {
				const struct nstat_ent *h1 =
					&g_array_index(ns->hist_db, struct nstat_ent, j);

				if (strcmp(h1->id, n->id) == 0) {
					val = h1->val;
					h = j + 1;
					break;
				}
			}
		}
		g_string_append_printf(out, "%-32s%-16llu%6.1f\n", n->id, val, n->rate);
	}
}

/* dump_incr_db(): the increments since the history */
static void dump_incr_db(const struct nstat *ns, GString *out)
{
	guint h = 0;

	g_string_append_printf(out, "#%s\n", ns->info_source);
	for (guint i = 0; i < ns->kern_db->len; i++) {
		const struct nstat_ent *n = &g_array_index(ns->kern_db, struct nstat_ent, i);
		unsigned long long val = n->val;
		bool ovfl = false;

		for (guint j = h; j < ns->hist_db->len; j++) {
			const struct nstat_ent *h1 = &g_array_index(ns->hist_db, struct nstat_ent, j);

			if (strcmp(h1->id, n->id) == 0) {
				if (val < h1->val) {
					ovfl = true;
					val = h1->val;
				}
				val -= h1->val;
				h = j + 1;
				break;
			}
		}
		if (!ns->dump_zeros && !val && !n->rate)
			continue;
		if (!match(ns, n->id))
			continue;
		g_string_append_printf(out, "%-32s%-16llu%6.1f%s\n", n->id, val, n->rate,
				       ovfl ? " (overflow)" : "");
	}
}

/* ---- options (getopt_long with "h?vVzrnasd:t:jp") ------------------------- */

static int nstat_usage(struct sim_sh *sh)
{
	sim_sh_eprintf(sh,
		"Usage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n"
		"   -h, --help          this message\n"
		"   -a, --ignore        ignore history\n"
		"   -d, --scan=SECS     sample every statistics every SECS\n"
		"   -j, --json          format output in JSON\n"
		"   -n, --nooutput      do history only\n"
		"   -p, --pretty        pretty print\n"
		"   -r, --reset         reset history\n"
		"   -s, --noupdate      don't update history\n"
		"   -t, --interval=SECS report average over the last SECS\n"
		"   -V, --version       output version information\n"
		"   -z, --zeros         show entries with zero activity\n");
	return 255;
}

static const struct { const char *name; bool has_arg; char val; } nstat_longopts[] = {
	{ "help", false, 'h' }, { "ignore", false, 'a' }, { "scan", true, 'd' },
	{ "nooutput", false, 'n' }, { "json", false, 'j' }, { "reset", false, 'r' },
	{ "noupdate", false, 's' }, { "pretty", false, 'p' }, { "interval", true, 't' },
	{ "version", false, 'V' }, { "zeros", false, 'z' },
};

/*
 * One option; 0 to go on, or the exit status.  @arg: its argument when it
 * takes one (NULL when missing).
 */
static int nstat_option(struct nstat *ns, char c, const char *arg)
{
	int tc;

	switch (c) {
	case 'z': ns->dump_zeros = true; return 0;
	case 'r': ns->reset_history = true; return 0;
	case 'a': ns->ignore_history = true; return 0;
	case 's': ns->no_update = true; return 0;
	case 'n': ns->no_output = true; return 0;
	case 'p': return 0;
	case 'd':
		sim_sh_eprintf(ns->sh, "nstat: -d (the daemon) is not supported by skbsim\n");
		return 255;
	case 'j':
		sim_sh_eprintf(ns->sh, "nstat: -j (JSON) is not supported by skbsim\n");
		return 255;
	case 't':
		if (sscanf(arg, "%d", &tc) != 1 || tc <= 0) {
			sim_sh_eprintf(ns->sh, "nstat: invalid time constant divisor\n");
			return 255;
		}
		return 0;
	case 'v':
	case 'V':
		sim_sh_printf(ns->sh, "nstat utility, iproute2-6.1.0\n");
		return -1;		/* exit(0) */
	default:
		return nstat_usage(ns->sh);
	}
}

/* A --long option; @word without the dashes. */
static int nstat_long_option(struct nstat *ns, const char *word, int *i, int argc, char **argv)
{
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	int found = -1, nfound = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(nstat_longopts); k++) {
		if (strncmp(nstat_longopts[k].name, word, len) != 0)
			continue;
		if (strlen(nstat_longopts[k].name) == len) {
			found = (int)k;
			nfound = 1;
			break;
		}
		found = (int)k;
		nfound++;
	}
	if (nfound == 0) {
		sim_sh_eprintf(ns->sh, "nstat: unrecognized option '--%s'\n", word);
		return nstat_usage(ns->sh);
	}
	if (nfound > 1) {
		sim_sh_eprintf(ns->sh, "nstat: option '--%.*s' is ambiguous; possibilities:",
			       (int)len, word);
		for (size_t k = 0; k < G_N_ELEMENTS(nstat_longopts); k++)
			if (strncmp(nstat_longopts[k].name, word, len) == 0)
				sim_sh_eprintf(ns->sh, " '--%s'", nstat_longopts[k].name);
		sim_sh_eprintf(ns->sh, "\n");
		return nstat_usage(ns->sh);
	}
	if (!nstat_longopts[found].has_arg) {
		if (eq) {
			sim_sh_eprintf(ns->sh, "nstat: option '--%s' doesn't allow an argument\n",
				       nstat_longopts[found].name);
			return nstat_usage(ns->sh);
		}
		return nstat_option(ns, nstat_longopts[found].val, NULL);
	}
	if (eq)
		return nstat_option(ns, nstat_longopts[found].val, eq + 1);
	if (*i + 1 >= argc) {
		sim_sh_eprintf(ns->sh, "nstat: option '--%s' requires an argument\n",
			       nstat_longopts[found].name);
		return nstat_usage(ns->sh);
	}
	return nstat_option(ns, nstat_longopts[found].val, argv[++*i]);
}

/* getopt_long(): options anywhere (GNU permutes), "--" ends them */
static int nstat_parse(struct nstat *ns, int argc, char **argv, GPtrArray *patterns)
{
	bool options_done = false;

	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (options_done || w[0] != '-' || !w[1]) {
			g_ptr_array_add(patterns, argv[i]);
			continue;
		}
		if (strcmp(w, "--") == 0) {
			options_done = true;
			continue;
		}
		if (w[1] == '-') {
			int ret = nstat_long_option(ns, w + 2, &i, argc, argv);

			if (ret)
				return ret;
			continue;
		}
		for (const char *c = w + 1; *c; c++) {
			int ret;

			if (!strchr("h?vVzrnasd:t:jp", *c) || *c == ':') {
				sim_sh_eprintf(ns->sh, "nstat: invalid option -- '%c'\n", *c);
				return nstat_usage(ns->sh);
			}
			if (*c == 'd' || *c == 't') {
				const char *arg = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : NULL);

				if (!arg) {
					sim_sh_eprintf(ns->sh, "nstat: option requires an argument -- "
						       "'%c'\n", *c);
					return nstat_usage(ns->sh);
				}
				ret = nstat_option(ns, *c, arg);
				if (ret)
					return ret;
				break;
			}
			ret = nstat_option(ns, *c, NULL);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* ---- main -------------------------------------------------------------- */

static int nstat_main(struct sim_sh *sh, int argc, char **argv)
{
	struct nstat ns = { .sh = sh };
	GPtrArray *patterns = g_ptr_array_new();
	struct node *node = sh->node;
	struct sim_err err = { { 0 } };
	GString *text = g_string_new(NULL);
	int status = 0;

	status = nstat_parse(&ns, argc, argv, patterns);
	if (status) {
		status = status < 0 ? 0 : status;
		goto out;
	}
	ns.patterns = (char **)patterns->pdata;
	ns.npatterns = (int)patterns->len;
	if (ns.reset_history && sim_vfs_access(node, NSTAT_HISTORY, false) == 0)
		sim_vfs_write(node, NSTAT_HISTORY, "", &err);	/* unlink() */
	if (!ns.ignore_history || !ns.no_update) {
		hist_open(node);
		sim_vfs_read(node, NSTAT_HISTORY, text);
		ns.hist_db = g_array_new(FALSE, TRUE, sizeof(struct nstat_ent));
		if (load_good_table(&ns, text->str, ns.hist_db) < 0) {
			status = 254;		/* exit(-2) */
			goto out;
		}
		if (!ns.hist_db->len) {
			db_free(ns.hist_db);
			ns.hist_db = NULL;
		}
	}
	if (ns.hist_db && ns.info_source[0] && strcmp(ns.info_source, "kernel") != 0) {
		sim_sh_eprintf(sh, "nstat: history is stale, ignoring it.\n");
		db_free(ns.hist_db);
		ns.hist_db = NULL;
	}
	load_kernel(&ns);
	g_strlcpy(ns.info_source, "kernel", sizeof(ns.info_source));
	if (!ns.no_output) {
		GString *out = g_string_new(NULL);

		if (ns.ignore_history || !ns.hist_db)
			dump_kern_db(&ns, out, false);
		else
			dump_incr_db(&ns, out);
		sim_sh_printf(sh, "%s", out->str);
		g_string_free(out, TRUE);
	}
	if (!ns.no_update) {
		g_string_truncate(text, 0);
		dump_kern_db(&ns, text, true);
		sim_vfs_write(node, NSTAT_HISTORY, text->str, &err);
	}
out:
	db_free(ns.kern_db);
	db_free(ns.hist_db);
	g_ptr_array_unref(patterns);
	g_string_free(text, TRUE);
	return status;
}

const struct sim_command nstat_command = { "nstat", nstat_main };
