/*
 * models/apps/procfs_ipv4.c - the IPv4 files of /proc/net
 *
 * Mirrors the seq_file printers of Linux 6.x for a namespace:
 *   /proc/net/snmp        net/ipv4/proc.c snmp_seq_show(): Ip (Forwarding
 *                         1 or 2 from conf/all/forwarding, DefaultTTL from
 *                         ip_default_ttl, then the MIB), Icmp, IcmpMsg
 *                         (nonzero types only, 16 a line, In before Out),
 *                         Tcp, Udp, UdpLite;
 *   /proc/net/netstat     netstat_seq_show(): IpExt;
 *   /proc/net/route       net/ipv4/fib_trie.c fib_route_seq_show(): table
 *                         main in key order, 127 columns padded;
 *   /proc/net/arp         net/ipv4/arp.c arp_seq_show() (NOARP and empty
 *                         entries skipped, NEIGH_SEQ_SKIP_NOARP);
 *   /proc/net/stat/arp_cache  net/core/neighbour.c neigh_stat_seq_show();
 *   /proc/net/fib_trie, /proc/net/fib_triestat  fib_trie.c's printers.
 * Each file is a world-level provider (struct sim_fs_ops): nothing is
 * stored per node, and the text is made from the model when read.
 *
 * Differences: Tcp prints the values of a stack that has
 * sent and received nothing (RtoAlgorithm 1, RtoMin 200, RtoMax 120000,
 * MaxConn -1, zeros) until skbsim models them; /proc/net/netstat has no
 * TcpExt and MPTcpExt lines (no TCP, no MPTCP); the neighbour statistics
 * are kept once, not per CPU, so /proc/net/stat/arp_cache prints them on
 * CPU 0's line and zeros on the others, and Linux shows that file only in
 * the initial namespace while every skbsim node has it; /proc/net/arp lists
 * entries sorted by device and address instead of in hash order.
 */
#include <errno.h>
#include <string.h>

#include "apps.h"
#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "net/ip_fib.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "net/snmp.h"
#include "net/udp.h"

/* ---- /proc/net/snmp and /proc/net/netstat ------------------------------- */

/* icmpmsg_put(): "IcmpMsg: InType3 OutType0" lines for nonzero types, 16 each */
static void icmpmsg_put(GString *out, const struct netns_mib *mib)
{
	enum { PERLINE = 16 };
	unsigned int type[PERLINE];
	u64 vals[PERLINE];
	int count = 0;

	if (!mib->icmpmsg)
		return;			/* made on the first ICMP message */
	for (unsigned int i = 0; i <= ICMPMSG_MIB_MAX; i++) {
		if (i < ICMPMSG_MIB_MAX && mib->icmpmsg[i]) {
			type[count] = i;
			vals[count++] = mib->icmpmsg[i];
		}
		if (count == PERLINE || (i == ICMPMSG_MIB_MAX && count)) {
			g_string_append(out, "IcmpMsg:");
			for (int j = 0; j < count; j++)
				g_string_append_printf(out, " %sType%u",
						       type[j] & 0x100 ? "Out" : "In", type[j] & 0xff);
			g_string_append(out, "\nIcmpMsg:");
			for (int j = 0; j < count; j++)
				g_string_append_printf(out, " %llu", (unsigned long long)vals[j]);
			g_string_append_c(out, '\n');
			count = 0;
		}
	}
}

void snmp_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);
	const struct netns_mib *mib = &net->ipv4.mib;

	g_string_append(out, "Ip: Forwarding DefaultTTL");
	for (int i = 0; i < IPSTATS_IP_COUNT; i++)
		g_string_append_printf(out, " %s", snmp4_ipstats_names[i]);
	/* RFC 1213 ipForwarding: 1 forwarding, 2 not */
	g_string_append_printf(out, "\nIp: %d %d", IPV4_DEVCONF_ALL_RO(net, FORWARDING) ? 1 : 2,
			       net->ipv4.sysctl->sysctl_ip_default_ttl);
	for (int i = 0; i < IPSTATS_IP_COUNT; i++)
		g_string_append_printf(out, " %llu", (unsigned long long)mib->ip[i]);
	g_string_append(out, "\nIcmp:");
	for (int i = 0; i < ICMP_LINE_COUNT; i++)
		g_string_append_printf(out, " %s", icmp_line_names[i]);
	g_string_append(out, "\nIcmp:");
	for (unsigned int i = 0; i < ICMP_LINE_COUNT; i++)
		g_string_append_printf(out, " %llu", (unsigned long long)icmp_line_value(mib, i));
	g_string_append_c(out, '\n');
	icmpmsg_put(out, mib);
	g_string_append(out,
		"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails "
		"EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n"
		"Tcp: 1 200 120000 -1 0 0 0 0 0 0 0 0 0 0 0\n");
	udp_snmp_seq_show(net, out);	/* models/ipv4/proc.c */
}

void netstat_seq_show(struct node *node, GString *out)
{
	const struct netns_mib *mib = &node_net(node)->ipv4.mib;

	g_string_append(out, "IpExt:");
	for (int i = IPSTATS_IP_COUNT; i < __IPSTATS_MIB_MAX; i++)
		g_string_append_printf(out, " %s", snmp4_ipstats_names[i]);
	g_string_append(out, "\nIpExt:");
	for (int i = IPSTATS_IP_COUNT; i < __IPSTATS_MIB_MAX; i++)
		g_string_append_printf(out, " %llu", (unsigned long long)mib->ip[i]);
	g_string_append_c(out, '\n');
}

/* ---- /proc/net/route ------------------------------------------------------ */

#define RTF_UP		0x0001
#define RTF_GATEWAY	0x0002
#define RTF_HOST	0x0004
#define RTF_REJECT	0x0200

/* seq_setwidth(127) + seq_pad(): every line 127 characters and '\n' */
static void seq_pad(GString *out, gsize start)
{
	gsize len = out->len - start;

	if (len < 127)
		g_string_append_printf(out, "%*s", (int)(127 - len), "");
	g_string_append_c(out, '\n');
}

/* fib_flag_trans() */
static unsigned int fib_flag_trans(int type, __be32 mask, const struct fib_info *fi)
{
	unsigned int flags = type == RTN_UNREACHABLE || type == RTN_PROHIBIT ? RTF_REJECT : 0;

	if (fi && fi->fib_nhs && fi->fib_nh[0].nh_gw)
		flags |= RTF_GATEWAY;
	if (mask == htonl(0xFFFFFFFF))
		flags |= RTF_HOST;
	return flags | RTF_UP;
}

static void fib_route_show(__be32 prefix, int plen, struct fib_alias *fa, void *arg)
{
	GString *out = arg;
	const struct fib_info *fi = fa->fa_info;
	const struct net_device *dev = fi && fi->fib_nhs ? fi->fib_nh[0].nh_dev : NULL;
	__be32 mask = inet_make_mask(plen);
	gsize start = out->len;

	if (fa->fa_type == RTN_BROADCAST || fa->fa_type == RTN_MULTICAST)
		return;
	/* the address columns are the raw __be32 read as a host (x86) word */
	g_string_append_printf(out, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
			       dev ? dev->name : "*", prefix, fi ? fi->fib_nh[0].nh_gw : 0,
			       fib_flag_trans(fa->fa_type, mask, fi), 0, 0u,
			       fi ? (int)fi->fib_priority : 0, mask, 0, 0u, 0u);
	seq_pad(out, start);
}

static void route_seq_show(struct node *node, GString *out)
{
	struct fib_table *tb = fib_get_table(node_net(node), RT_TABLE_MAIN);

	g_string_append_printf(out, "%-127s\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\t"
			       "Use\tMetric\tMask\t\tMTU\tWindow\tIRTT");
	if (tb)
		fib_table_walk(tb, fib_route_show, out);
}

/* ---- /proc/net/arp -------------------------------------------------------- */

#define ATF_COM		0x02
#define ATF_PERM	0x04

static void arp_format_neigh_entry(struct neighbour *n, void *arg)
{
	GString *out = arg, *hw;
	const struct net_device *dev = n->dev;
	unsigned int flags = 0;
	char ip[16];

	/* NEIGH_SEQ_SKIP_NOARP: entries in no state but NOARP are not listed */
	if (!(n->nud_state & ~NUD_NOARP))
		return;
	if (n->nud_state & NUD_PERMANENT)
		flags = ATF_PERM | ATF_COM;
	else if (n->nud_state & NUD_VALID)
		flags = ATF_COM;
	hw = g_string_new(NULL);
	for (unsigned int j = 0; j < dev->addr_len; j++)
		g_string_append_printf(hw, j ? ":%02x" : "%02x", n->ha[j]);
	snprintf(ip, sizeof(ip), "%u.%u.%u.%u", n->primary_key[0], n->primary_key[1],
		 n->primary_key[2], n->primary_key[3]);
	g_string_append_printf(out, "%-16s 0x%-10x0x%-10x%-17s     *        %s\n", ip,
			       dev->type, flags, hw->str, dev->name);
	g_string_free(hw, TRUE);
}

static void arp_seq_show(struct node *node, GString *out)
{
	g_string_append(out, "IP address       HW type     Flags       HW address            "
			"Mask     Device\n");
	neigh_for_each(node_net(node)->ipv4.arp_tbl, arp_format_neigh_entry, out);
}

/* ---- /proc/net/stat/arp_cache ----------------------------------------------- */

static void neigh_stat_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);
	const struct neigh_table *tbl = net->ipv4.arp_tbl;
	const struct neigh_statistics zero = { 0 };

	g_string_append(out, "entries  allocs   destroys hash_grows lookups  hits     "
			"res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs "
			"forced_gc_runs unresolved_discards table_fulls\n");
	for (unsigned int cpu = 0; cpu < (net->ncpus ? net->ncpus : 1); cpu++) {
		const struct neigh_statistics *st = cpu == 0 ? &tbl->stats : &zero;

		g_string_append_printf(out, "%08x %08llx %08llx %08llx   %08llx %08llx %08llx   "
				       "%08llx         %08llx         %08llx         "
				       "%08llx       %08llx            %08llx\n",
				       tbl->entries, (unsigned long long)st->allocs,
				       (unsigned long long)st->destroys,
				       (unsigned long long)st->hash_grows,
				       (unsigned long long)st->lookups,
				       (unsigned long long)st->hits,
				       (unsigned long long)st->res_failed,
				       (unsigned long long)st->rcv_probes_mcast,
				       (unsigned long long)st->rcv_probes_ucast,
				       (unsigned long long)st->periodic_gc_runs,
				       (unsigned long long)st->forced_gc_runs,
				       (unsigned long long)st->unres_discards,
				       (unsigned long long)st->table_fulls);
	}
}

/* ---- /proc/net/fib_trie and /proc/net/fib_triestat ----------------------- */

static void fib_trie_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	fib_trie_seq_show(net->ipv4.fib_tables, (int)net->ipv4.fib_num_tables, out);
}

static void fib_triestat_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	fib_triestat_seq_show(net->ipv4.fib_tables, (int)net->ipv4.fib_num_tables, out);
}

/* ---- the providers: one root per file ------------------------------------ */

PROCFS_FILE(snmp, "/proc/net/snmp", snmp_seq_show);
PROCFS_FILE(netstat, "/proc/net/netstat", netstat_seq_show);
PROCFS_FILE(route, "/proc/net/route", route_seq_show);
PROCFS_FILE(arp, "/proc/net/arp", arp_seq_show);
PROCFS_FILE(arp_cache, "/proc/net/stat/arp_cache", neigh_stat_seq_show);
PROCFS_FILE(fib_trie, "/proc/net/fib_trie", fib_trie_show);
PROCFS_FILE(fib_triestat, "/proc/net/fib_triestat", fib_triestat_show);
