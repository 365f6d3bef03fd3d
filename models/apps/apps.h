/*
 * models/apps/apps.h - user-space commands and programs of a simulated node
 *
 * No kernel counterpart: these are the tools (sysctl, hostname, sleep, ip,
 * tc, ethtool...) whose parsers and output formats follow the real ones.
 * Each file exports its command or program; apps.c lists them.
 */
#ifndef SKBSIM_MODELS_APPS_H
#define SKBSIM_MODELS_APPS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/proc.h"
#include "sim/sh.h"

extern const struct sim_command sysctl_command;
extern const struct sim_command bridge_command;	/* bridge.c */
extern const struct sim_command brctl_command;	/* brctl.c */
extern const struct sim_command hostname_command;
extern const struct sim_command ip_command;
extern const struct sim_command tc_command;
extern const struct sim_command ethtool_command;
extern const struct sim_command nstat_command;
extern const struct sim_program ping_program;
extern const struct sim_program sleep_program;
/* traceroute.c, tracepath.c, arping.c, nc.c, iperf.c (prog_common.h) */
extern const struct sim_program traceroute_program, tracepath_program, arping_program;
extern const struct sim_program nc_program, iperf_program;
/* udpclient.c: ns-3's UdpClient and UdpServer */
extern const struct sim_program udpclient_program, udpserver_program;

extern const struct sim_module apps_module;

/*
 * procfs_net.c, procfs_ipv4.c: /proc/net/dev, softnet_stat, snmp, netstat,
 * route, arp, stat/arp_cache, fib_trie and fib_triestat, each served on
 * every node by a provider of its own (nothing stored per node).
 */
extern const struct sim_fs_ops procfs_dev_fs_ops, procfs_softnet_fs_ops;
extern const struct sim_fs_ops procfs_snmp_fs_ops, procfs_netstat_fs_ops;
extern const struct sim_fs_ops procfs_route_fs_ops, procfs_arp_fs_ops;
extern const struct sim_fs_ops procfs_arp_cache_fs_ops, procfs_fib_trie_fs_ops;
extern const struct sim_fs_ops procfs_fib_triestat_fs_ops;

/* The read and access of such a file: -ENOENT below it or on a node without a net. */
int procfs_read(struct node *node, const char *rel, GString *out,
		void (*show)(struct node *node, GString *out));
int procfs_access(struct node *node, const char *rel, bool write);

/* PROCFS_FILE(snmp, "/proc/net/snmp", show): const struct sim_fs_ops procfs_snmp_fs_ops */
#define PROCFS_FILE(name, path, show)						\
	static int name##_fs_read(struct node *node, const char *rel, GString *out)	\
	{									\
		return procfs_read(node, rel, out, show);			\
	}									\
	static void name##_fs_list(struct node *node, GPtrArray *paths)		\
	{									\
		if (node->net)							\
			g_ptr_array_add(paths, g_strdup(path));			\
	}									\
	const struct sim_fs_ops procfs_##name##_fs_ops = {			\
		.root = path, .read = name##_fs_read, .access = procfs_access,	\
		.list = name##_fs_list,						\
	}
/* The text of /proc/net/snmp and /proc/net/netstat (nstat reads them). */
void snmp_seq_show(struct node *node, GString *out);
void netstat_seq_show(struct node *node, GString *out);

/*
 * ---- iproute2's lib/utils.c, shared by ip and tc (ip.c) -----------------
 *
 * One invocation of ip or tc: where it prints, the global options, and
 * the exit status once a helper has failed.  iproute2 exit()s from deep
 * inside its parsers; here the helpers print the same message, set
 * @status and return -1, and every caller passes the -1 up.
 */
struct net;
struct net_device;

struct iproute {
	struct sim_sh *sh;
	struct net *net;
	int status;			/* exit status once something failed */
	int show_stats;			/* -s, counted: -s -s shows error details */
	int show_details;		/* -d */
	int brief;			/* -br */
	int oneline;			/* -o */
	int human;			/* -h: 1.2k instead of 1234 */
	int iec;			/* -iec: powers of 1024 */
	int raw;			/* tc -r */
	int family;			/* preferred_family: -4, -6, -0, -f FAMILY */
	const char *sl;			/* iproute2's _SL_: "\n", or "\\" with -o */
	GArray *rttables;		/* struct ipr_rttable: /etc/iproute2/rt_tables, read on first use (ip) */
	const char *batch;		/* ip -batch FILE */
	bool force;			/* ip -force: a batch goes on after a failure */
};

/* matches(): whether @prefix (non-empty) abbreviates @string; 0 when it does. */
int ipr_matches(const char *prefix, const char *string);
/* get_integer/get_unsigned/get_u32: 0, or -1 for a malformed or out-of-range value. */
int ipr_get_integer(int *val, const char *arg, int base);
int ipr_get_unsigned(unsigned int *val, const char *arg, int base);
int ipr_get_u32(unsigned int *val, const char *arg, int base);
/* The messages of invarg(), duparg(), duparg2(), incomplete_command(): status 255. */
int ipr_invarg(struct iproute *r, const char *msg, const char *arg);
int ipr_duparg(struct iproute *r, const char *key, const char *arg);
int ipr_duparg2(struct iproute *r, const char *key, const char *arg);
int ipr_incomplete(struct iproute *r);
/* nodev(): `Cannot find device "eth9"`, status 1. */
int ipr_nodev(struct iproute *r, const char *dev);
/* check_ifname(): 0 when @name could name a device. */
int ipr_check_ifname(const char *name);
/* Prints a model's error message (RTNETLINK answers: / Error: ...), status 2. */
int ipr_rtnl_error(struct iproute *r, const char *msg);
/* skbsim's refusal, status 255: `ip route: "realms" is not supported by skbsim yet` */
int ipr_unsupported(struct iproute *r, const char *object, const char *what);
/* lib/namespace.c's netns_switch(): -n NODE makes @r work on that node, else status 255 */
int ipr_netns_switch(struct iproute *r, const char *name);
/*
 * The -s lines of a flush (ipaddr_flush(), iproute_flush(), ipneigh's):
 * "*** Round N, deleting M @what ***" after round @round, and once a dump
 * finds nothing, "Nothing to flush." or "*** Flush is complete after N
 * round(s) ***" (@rounds: the rounds that deleted something).
 */
void ipr_flush_round(const struct iproute *r, int round, unsigned int deleted, const char *what);
void ipr_flush_done(const struct iproute *r, int rounds);

/* include/uapi/linux/netlink.h: the request flags of RTM_NEW* */
#define NLM_F_REPLACE	0x100
#define NLM_F_EXCL	0x200
#define NLM_F_CREATE	0x400

/* NEXT_ARG(): the next word, or "Command line is not complete" (status 255). */
#define IPR_NEXT_ARG(r, argc, argv)					\
	do {								\
		(argv)++;						\
		if (--(argc) <= 0)					\
			return ipr_incomplete(r);			\
	} while (0)

/*
 * ---- addresses and prefixes (lib/utils.c, in ip.c) -----------------------
 *
 * inet_prefix: what get_addr()/get_prefix() make of "10.0.1.2",
 * "10.0.0.0/8", "10.1/255.255.0.0", "default" or "all"; data[] in network
 * order (IPv4 in data[0]).  bitlen -1: an address (no length given), -2:
 * default/all/any before get_prefix() settles it.
 */
#define IPR_PREFIXLEN_SPECIFIED 1

struct ipr_prefix {
	int family;			/* AF_INET, AF_INET6, or AF_UNSPEC (any/default) */
	int bytelen;
	int bitlen;
	unsigned int flags;		/* IPR_PREFIXLEN_SPECIFIED */
	uint32_t data[4];
};

int ipr_read_family(const char *name);
const char *ipr_family_name(int family);
/* get_addr_1()/get_prefix_1(): 0, or -1 for anything else */
int ipr_get_addr_1(struct ipr_prefix *dst, const char *name, int family);
int ipr_get_prefix_1(struct ipr_prefix *dst, const char *arg, int family);
/* get_addr()/get_prefix(): `Error: inet prefix is expected rather than "x".`, status 1 */
int ipr_get_addr(struct iproute *r, struct ipr_prefix *dst, const char *arg, int family);
int ipr_get_prefix(struct iproute *r, struct ipr_prefix *dst, const char *arg, int family);
/* inet_addr_match(): 0 when the first @bits bits agree */
int ipr_addr_match(const uint32_t *a, const uint32_t *b, int bits);
/* inet_addr_match_rta() for an IPv4 address: 0 when @addr is in @m (or @m is empty) */
int ipr_addr_match_v4(const struct ipr_prefix *m, uint32_t addr);
/* dotted quad of a network-order address */
const char *ipr_ntoa(uint32_t addr, char buf[16]);

/*
 * lib/ll_addr.c: ll_addr_n2a() appends "aa:bb:cc:dd:ee:ff" for @len bytes;
 * ll_addr_a2n() reads that (each part as sscanf("%x") reads it, 0-255) or
 * a dotted IPv4 address (4 bytes), returning the byte count, or -1 after
 * `"x" is invalid lladdr.` (status 1).
 */
void ipr_ll_addr_n2a(GString *out, const uint8_t *addr, unsigned int len);
int ipr_ll_addr_a2n(struct iproute *r, uint8_t *lladdr, int len, const char *arg);

/* lib/rt_names.c, ip/rtm_map.c: Debian 12's names (rt_protos, rt_scopes...) */
const char *ipr_rtprot_n2a(unsigned int id, char buf[16]);
int ipr_rtprot_a2n(uint32_t *id, const char *arg);
const char *ipr_rtscope_n2a(unsigned int id, char buf[16]);
int ipr_rtscope_a2n(uint32_t *id, const char *arg);
/* "scope SCOPE|all" of a listing: the scope and a full mask, no mask for all; -1: invarg() */
int ipr_get_scope_filter(struct iproute *r, uint32_t *scope, uint32_t *mask, const char *arg);
/* Table names: the built-ins and the node's /etc/iproute2/rt_tables. */
const char *ipr_rttable_n2a(const struct iproute *r, uint32_t id, char buf[16]);
int ipr_rttable_a2n(const struct iproute *r, uint32_t *id, const char *arg);
void ipr_free(struct iproute *r);
/* "<BROADCAST,MULTICAST,UP,LOWER_UP> " as ip link and bridge link print it */
void ipr_print_link_flags(GString *out, unsigned int flags, bool mdown);
extern const struct sim_fs_ops etc_iproute2_fs_ops;
const char *ipr_dsfield_n2a(unsigned int id, char buf[16]);
int ipr_dsfield_a2n(uint32_t *id, const char *arg);
const char *ipr_rtntype_n2a(unsigned int id, char buf[16]);
int ipr_rtntype_a2n(int *id, const char *arg);

/* ---- the ip objects, called by ip.c's object table ---------------------- */
int do_iplink(struct iproute *r, int argc, char **argv);	/* ip_link.c */
/* The end of `ip link help` and `ip address help`: the link types iproute2 6.1 knows */
#define IPLINK_USAGE_TYPES								\
	"TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"	\
	"          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"	\
	"          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"				\
	"          ipip | ipoib | ipvlan | ipvtap |\n"					\
	"          macsec | macvlan | macvtap |\n"					\
	"          netdevsim | nlmon | rmnet | sit | team | team_slave |\n"		\
	"          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"		\
	"          xfrm | virt_wifi }\n"

/*
 * ip_link.c, ipaddress.c's printers of a link: print_linkinfo() is the
 * link's lines (one with -br); @family is the filter's (AF_PACKET for `ip
 * link`, whose -br adds the address and flags; AF_INET drops the link/
 * line unless -d); @do_link is `ip link` (mode, addrgenmode, -s counters)
 * rather than `ip addr`, which prints the counters after the addresses
 * with print_link_stats().
 */
void print_linkinfo(const struct iproute *r, GString *out, struct net_device *dev, int family,
		    bool do_link);
void print_link_stats(const struct iproute *r, GString *out, struct net_device *dev);
/* The devices of a namespace in ifindex order, as a dump lists them (unref the array). */
GPtrArray *devices_by_index(struct net *net);

/*
 * ip_link.c: the link half of ipaddress.c's filter, which `ip link show`
 * and `ip address show|flush` share.  link_filter_arg() reads one word
 * with its value (up, group, master, vrf, nomaster, type, [dev] NAME;
 * "help" calls @usage), leaving *@argvp on the last word it took, or
 * returns -1 with @r's status set; link_filter_dev() then finds the
 * device (`Device "x" does not exist.`, status 1).
 */
struct link_filter {
	const char *dev;		/* [dev] NAME */
	int ifindex;			/* of @dev, 0: any */
	bool up;
	long group;			/* every device is in group 0, "default" */
	int master;			/* ifindex; -1: nomaster */
	const char *kind;		/* type KIND */
};

int link_filter_arg(struct iproute *r, struct link_filter *f, int *argcp, char ***argvp,
		    int (*usage)(struct iproute *r));
int link_filter_dev(struct iproute *r, struct link_filter *f);
bool link_filter_match(const struct link_filter *f, const struct net_device *dev);

int do_ipaddr(struct iproute *r, int argc, char **argv);	/* ip_addr.c */
int do_iproute(struct iproute *r, int argc, char **argv);	/* ip_route.c */
int do_ipneigh(struct iproute *r, int argc, char **argv);	/* ip_neigh.c */
int do_iprule(struct iproute *r, int argc, char **argv);	/* ip_rule.c */

#endif
