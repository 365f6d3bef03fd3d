/*
 * models/apps/ip.c - the ip command (iproute2 6.1): options and objects
 *
 * User space, no kernel counterpart.  Mirrors ip/ip.c: the global options
 * (-s, -d, -br, -o, -h, -iec, -n NODE, -V...) abbreviated as iproute2's
 * matches() allows, then the object (`ip l`, `ip link`) from the same
 * table in the same order, so abbreviations resolve as they do in
 * iproute2.  Also the helpers of lib/utils.c that ip and tc share
 * (number parsing, the messages of invarg() and friends), declared in
 * apps.h.  Objects are in their own files: ip_link.c.
 *
 * Differences: -json, -batch and colours are not supported (an error
 * says so); `-n NAME` / `-netns NAME` switches to the node called NAME,
 * the equivalent of a named network namespace.  Objects not modelled yet
 * (address, route, neigh...) answer with an error saying so.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"

/* ---- lib/utils.c -------------------------------------------------------- */

int ipr_matches(const char *prefix, const char *string)
{
	if (!*prefix)
		return 1;
	while (*string && *prefix == *string) {
		prefix++;
		string++;
	}
	return !!*prefix;
}

int ipr_get_integer(int *val, const char *arg, int base)
{
	long res;
	char *ptr;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtol(arg, &ptr, base);
	if (ptr == arg || *ptr)
		return -1;
	if ((res == LONG_MAX || res == LONG_MIN) && errno == ERANGE)
		return -1;
	if (res < INT_MIN || res > INT_MAX)
		return -1;
	*val = (int)res;
	return 0;
}

int ipr_get_unsigned(unsigned int *val, const char *arg, int base)
{
	unsigned long res;
	char *ptr;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtoul(arg, &ptr, base);
	if (ptr == arg || *ptr)
		return -1;
	if (res == ULONG_MAX && errno == ERANGE)
		return -1;
	if (res > UINT_MAX)
		return -1;
	*val = (unsigned int)res;
	return 0;
}

int ipr_get_u32(unsigned int *val, const char *arg, int base)
{
	return ipr_get_unsigned(val, arg, base);
}

int ipr_invarg(struct iproute *r, const char *msg, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	r->status = 255;
	return -1;
}

int ipr_duparg(struct iproute *r, const char *key, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key,
		       arg);
	r->status = 255;
	return -1;
}

int ipr_duparg2(struct iproute *r, const char *key, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n",
		       key, arg);
	r->status = 255;
	return -1;
}

int ipr_incomplete(struct iproute *r)
{
	sim_sh_eprintf(r->sh, "Command line is not complete. Try option \"help\"\n");
	r->status = 255;
	return -1;
}

int ipr_nodev(struct iproute *r, const char *dev)
{
	sim_sh_eprintf(r->sh, "Cannot find device \"%s\"\n", dev);
	r->status = 1;
	return -1;
}

int ipr_rtnl_error(struct iproute *r, const char *msg)
{
	sim_sh_eprintf(r->sh, "%s\n", msg);
	r->status = 2;
	return -1;
}

int ipr_check_ifname(const char *name)
{
	if (strlen(name) >= IFNAMSIZ || *name == '\0')
		return -1;
	for (; *name; name++)
		if (*name == '/' || g_ascii_isspace(*name))
			return -1;
	return 0;
}

/* ---- ip/ip.c ------------------------------------------------------------ */

static int ip_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       ip [ -force ] -batch filename\n"
		"where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
		"                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
		"                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
		"                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
		"                   token | tunnel | tuntap | vrf | xfrm }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
		"                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
		"                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
		"                    -4 | -6 | -M | -B | -0 |\n"
		"                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
		"                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
		"                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
		"                    -c[olor]}\n");
	r->status = 255;
	return -1;
}

static int do_help(struct iproute *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return ip_usage(r);
}

struct ip_object {
	const char *cmd;
	int (*func)(struct iproute *r, int argc, char **argv);
};

/* ip.c's cmds[], in its order: the order decides what an abbreviation means */
static const struct ip_object ip_objects[] = {
	{ "address", NULL }, { "addrlabel", NULL }, { "maddress", NULL },
	{ "route", NULL }, { "rule", NULL }, { "neighbor", NULL }, { "neighbour", NULL },
	{ "ntable", NULL }, { "ntbl", NULL }, { "link", do_iplink }, { "l2tp", NULL },
	{ "fou", NULL }, { "ila", NULL }, { "macsec", NULL }, { "tunnel", NULL },
	{ "tunl", NULL }, { "tuntap", NULL }, { "tap", NULL }, { "token", NULL },
	{ "tcpmetrics", NULL }, { "tcp_metrics", NULL }, { "monitor", NULL },
	{ "xfrm", NULL }, { "mroute", NULL }, { "mrule", NULL }, { "netns", NULL },
	{ "netconf", NULL }, { "vrf", NULL }, { "sr", NULL }, { "nexthop", NULL },
	{ "mptcp", NULL }, { "ioam", NULL }, { "help", do_help }, { "stats", NULL },
};

static int do_cmd(struct iproute *r, const char *argv0, int argc, char **argv)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ip_objects); i++) {
		const struct ip_object *o = &ip_objects[i];

		if (ipr_matches(argv0, o->cmd) != 0)
			continue;
		if (!o->func) {
			sim_sh_eprintf(r->sh, "ip: object \"%s\" is not modelled by skbsim yet.\n",
				       o->cmd);
			r->status = 255;
			return -1;
		}
		return o->func(r, argc - 1, argv + 1);
	}
	sim_sh_eprintf(r->sh, "Object \"%s\" is unknown, try \"ip help\".\n", argv0);
	r->status = 1;
	return -1;
}

static bool valid_family(const char *name)
{
	static const char *const families[] = {
		"inet", "inet6", "link", "mpls", "bridge", "help",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(families); i++)
		if (strcmp(name, families[i]) == 0)
			return true;
	return false;
}

/* matches_color(): -c[olor][=always|auto|never] */
static bool is_color_option(const char *opt)
{
	const char *eq = strchr(opt, '=');
	char *name = g_strndup(opt, eq ? (gsize)(eq - opt) : strlen(opt));
	bool color = ipr_matches(name, "-color") == 0;

	g_free(name);
	if (!color)
		return false;
	return !eq || strcmp(eq + 1, "always") == 0 || strcmp(eq + 1, "auto") == 0 ||
	       strcmp(eq + 1, "never") == 0;
}

/* ip.c's option tests, in its order: "-r" is -resolve, not -rcvbuf */
enum ip_opt {
	OPT_LOOPS, OPT_FAMILY, OPT_AF, OPT_HUMAN, OPT_IEC, OPT_STATS, OPT_DETAILS,
	OPT_IGNORED, OPT_ONELINE, OPT_VERSION, OPT_BATCH, OPT_BRIEF, OPT_JSON,
	OPT_RCVBUF, OPT_COLOR, OPT_HELP, OPT_NETNS,
};

static const struct {
	const char *name;
	bool exact;			/* strcmp, not matches() */
	enum ip_opt opt;
} ip_options[] = {
	{ "-loops", false, OPT_LOOPS }, { "-family", false, OPT_FAMILY },
	{ "-4", true, OPT_AF }, { "-6", true, OPT_AF }, { "-0", true, OPT_AF },
	{ "-M", true, OPT_AF }, { "-B", true, OPT_AF },
	{ "-human", false, OPT_HUMAN }, { "-human-readable", false, OPT_HUMAN },
	{ "-iec", false, OPT_IEC }, { "-stats", false, OPT_STATS },
	{ "-statistics", false, OPT_STATS }, { "-details", false, OPT_DETAILS },
	{ "-resolve", false, OPT_IGNORED }, { "-oneline", false, OPT_ONELINE },
	{ "-timestamp", false, OPT_IGNORED }, { "-tshort", false, OPT_IGNORED },
	{ "-Version", false, OPT_VERSION }, { "-force", false, OPT_IGNORED },
	{ "-batch", false, OPT_BATCH }, { "-brief", false, OPT_BRIEF },
	{ "-json", false, OPT_JSON }, { "-pretty", false, OPT_IGNORED },
	{ "-rcvbuf", false, OPT_RCVBUF }, { "", false, OPT_COLOR },
	{ "-help", false, OPT_HELP }, { "-netns", false, OPT_NETNS },
	{ "-Numeric", false, OPT_IGNORED }, { "-all", false, OPT_IGNORED },
	{ "-echo", true, OPT_IGNORED },
};

static int ip_unsupported_option(struct iproute *r, const char *what)
{
	sim_sh_eprintf(r->sh, "ip: %s is not supported by skbsim\n", what);
	r->status = 255;
	return -1;
}

/*
 * One option word; @argc/@argv point at it.  Returns the number of extra
 * words it took (0 or 1), -2 for -Version, or -1 after printing why it is
 * refused.
 */
static int ip_option(struct iproute *r, int argc, char **argv)
{
	const char *opt = argv[0];
	enum ip_opt which = OPT_IGNORED;
	size_t i;

	if (opt[1] == '-')
		opt++;
	for (i = 0; i < G_N_ELEMENTS(ip_options); i++) {
		const char *name = ip_options[i].name;

		if (ip_options[i].opt == OPT_COLOR ? is_color_option(opt)
		    : ip_options[i].exact ? strcmp(opt, name) == 0
		    : ipr_matches(opt, name) == 0)
			break;
	}
	if (i == G_N_ELEMENTS(ip_options)) {
		sim_sh_eprintf(r->sh, "Option \"%s\" is unknown, try \"ip -help\".\n", opt);
		r->status = 255;
		return -1;
	}
	which = ip_options[i].opt;
	switch (which) {
	case OPT_LOOPS:
	case OPT_FAMILY:
	case OPT_RCVBUF:
	case OPT_NETNS:
		break;
	case OPT_HUMAN: r->human++; return 0;
	case OPT_IEC: r->iec++; return 0;
	case OPT_STATS: r->show_stats++; return 0;
	case OPT_DETAILS: r->show_details++; return 0;
	case OPT_ONELINE: r->oneline++; return 0;
	case OPT_BRIEF: r->brief++; return 0;
	case OPT_VERSION: return -2;
	case OPT_BATCH: return ip_unsupported_option(r, "-batch");
	case OPT_JSON: return ip_unsupported_option(r, "-json");
	case OPT_HELP: return ip_usage(r);
	default: return 0;
	}
	/* the options that take a value */
	if (argc <= 1) {
		if (which == OPT_NETNS)
			return ipr_incomplete(r);
		return ip_usage(r);
	}
	if (which == OPT_FAMILY) {
		if (strcmp(argv[1], "help") == 0)
			return ip_usage(r);
		if (!valid_family(argv[1]))
			return ipr_invarg(r, "invalid protocol family", argv[1]);
	} else if (which == OPT_RCVBUF) {
		unsigned int size;

		if (ipr_get_unsigned(&size, argv[1], 0)) {
			sim_sh_eprintf(r->sh, "Invalid rcvbuf size '%s'\n", argv[1]);
			r->status = 255;
			return -1;
		}
	} else if (which == OPT_NETNS) {
		struct node *node = world_node(r->net->w, argv[1]);

		if (!node) {
			sim_sh_eprintf(r->sh, "Cannot open network namespace \"%s\": "
				       "No such file or directory\n", argv[1]);
			r->status = 255;
			return -1;
		}
		r->net = node_net(node);
	}
	return 1;
}

static int ip_main(struct sim_sh *sh, int argc, char **argv)
{
	struct iproute r = { .sh = sh, .net = node_net(sh->node) };

	while (argc > 1) {
		int n;

		if (strcmp(argv[1], "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (argv[1][0] != '-')
			break;
		n = ip_option(&r, argc - 1, argv + 1);
		if (n == -2) {
			sim_sh_printf(sh, "ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
			return 0;
		}
		if (n < 0)
			return r.status;
		argc -= 1 + n;
		argv += 1 + n;
	}
	r.sl = r.oneline ? "\\" : "\n";
	if (argc > 1 && do_cmd(&r, argv[1], argc - 1, argv + 1) < 0)
		return r.status;
	if (argc <= 1) {
		ip_usage(&r);
		return r.status;
	}
	return r.status;
}

const struct sim_command ip_command = { "ip", ip_main };
