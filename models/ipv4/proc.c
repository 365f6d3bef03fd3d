/*
 * models/ipv4/proc.c - the names of /proc/net/snmp and /proc/net/netstat
 *
 * Mirrors the name tables of net/ipv4/proc.c (snmp4_ipstats_list,
 * snmp4_ipextstats_list) and the Icmp: line it derives from the per-type
 * counters.  The same tables name the metrics counters (Ip.InReceives,
 * IpExt.InOctets, Icmp.OutEchoReps), so /proc output, nstat and metrics.db
 * agree.  Also the Udp: and UdpLite: lines (snmp4_udp_list) and
 * /proc/net/udp (net/ipv4/udp.c udp4_seq_show: sockets in hash-slot
 * order, addresses as the raw big-endian words in hex; the pointer
 * column prints zeros, as with kptr_restrict).
 */
#include "net/snmp.h"

#include "apps/apps.h"
#include "net/icmp.h"
#include "net/udp.h"

#define NAME(id, name) name,
const char *const snmp4_ipstats_names[__IPSTATS_MIB_MAX] = {
	IPSTATS_MIB_LIST(NAME)
	[__IPSTATS_IP_MAX] = IPEXT_MIB_LIST(NAME)
};
const char *const snmp4_icmp_names[__ICMP_MIB_MAX] = { ICMP_MIB_LIST(NAME) };
#undef NAME

/* The Icmp: line: InMsgs InErrors InCsumErrors, In<type>..., OutMsgs ... */
const char *const icmp_line_names[ICMP_LINE_COUNT] = {
	"InMsgs", "InErrors", "InCsumErrors",
	"InDestUnreachs", "InTimeExcds", "InParmProbs", "InSrcQuenchs", "InRedirects",
	"InEchos", "InEchoReps", "InTimestamps", "InTimestampReps", "InAddrMasks",
	"InAddrMaskReps",
	"OutMsgs", "OutErrors", "OutRateLimitGlobal", "OutRateLimitHost",
	"OutDestUnreachs", "OutTimeExcds", "OutParmProbs", "OutSrcQuenchs", "OutRedirects",
	"OutEchos", "OutEchoReps", "OutTimestamps", "OutTimestampReps", "OutAddrMasks",
	"OutAddrMaskReps",
};

/* icmpmibmap: the types of the per-type columns, in column order */
static const u8 icmp_types[11] = {
	ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB, ICMP_SOURCE_QUENCH,
	ICMP_REDIRECT, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TIMESTAMP, ICMP_TIMESTAMPREPLY,
	ICMP_ADDRESS, ICMP_ADDRESSREPLY,
};

/* the Icmp: counters read 0 until the node counts its first */
static u64 icmp_mib_value(const struct netns_mib *mib, int field)
{
	return mib->icmp ? mib->icmp[field] : 0;
}

u64 icmp_line_value(const struct netns_mib *mib, unsigned int i)
{
	if (i < 3)
		return icmp_mib_value(mib, i == 0 ? ICMP_MIB_INMSGS : i == 1 ? ICMP_MIB_INERRORS
								: ICMP_MIB_CSUMERRORS);
	if (i < 14)
		return mib->icmpmsg ? mib->icmpmsg[icmp_types[i - 3]] : 0;
	if (i < 18) {
		static const int out[4] = { ICMP_MIB_OUTMSGS, ICMP_MIB_OUTERRORS,
					    ICMP_MIB_RATELIMITGLOBAL, ICMP_MIB_RATELIMITHOST };
		return icmp_mib_value(mib, out[i - 14]);
	}
	return mib->icmpmsg ? mib->icmpmsg[256 + icmp_types[i - 18]] : 0;
}

/* ---- UDP: the Udp:/UdpLite: lines and /proc/net/udp ------------------------- */

#define UDP_NAME(id, name) name,
const char *const snmp4_udp_names[__UDP_MIB_MAX] = { UDP_MIB_LIST(UDP_NAME) };
#undef UDP_NAME
const uint64_t udp_mib_zero[__UDP_MIB_MAX];

static void udp_mib_line(GString *out, const char *scope, const uint64_t *mib)
{
	g_string_append_printf(out, "%s:", scope);
	for (int i = 0; i < __UDP_MIB_MAX; i++)
		g_string_append_printf(out, " %s", snmp4_udp_names[i]);
	g_string_append_printf(out, "\n%s:", scope);
	for (int i = 0; i < __UDP_MIB_MAX; i++)
		g_string_append_printf(out, " %llu", (unsigned long long)mib[i]);
	g_string_append_c(out, '\n');
}

/* snmp_seq_show_tcp_udp(): the Udp: and UdpLite: pairs of /proc/net/snmp */
void udp_snmp_seq_show(struct net *net, GString *out)
{
	const struct udp_table *t = net->ipv4.udp_table;

	udp_mib_line(out, "Udp", t ? t->mib : udp_mib_zero);
	udp_mib_line(out, "UdpLite", udp_mib_zero);
}

/* udp4_format_sock: one socket, the line padded to 127 (seq_setwidth/seq_pad) */
static void udp4_format_sock(GString *out, const struct socket *sock, unsigned int bucket)
{
	const struct sock *sk = sock->sk;
	const struct inet_sock *inet = inet_sk(sk);
	gsize start = out->len;

	g_string_append_printf(out,
		"%5u: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d "
		"%016x %u", bucket, inet->inet_rcv_saddr, ntohs(inet->inet_sport),
		inet->inet_daddr, ntohs(inet->inet_dport), sk->sk_state,
		(unsigned int)sk->sk_wmem_alloc, (unsigned int)udp_rqueue_get(sk), 0, 0UL, 0,
		0u, 0, sock->ino, 2, 0u, sk->sk_drops);
	while (out->len - start < 127)
		g_string_append_c(out, ' ');
	g_string_append_c(out, '\n');
}

/* udp4_seq_show: the table's slots in order, each chain newest first */
static void udp4_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	g_string_append_printf(out, "%-127s\n",
			       "   sl  local_address rem_address   st tx_queue rx_queue tr "
			       "tm->when retrnsmt   uid  timeout inode ref pointer drops");
	if (!net->ipv4.udp_table)
		return;
	for (unsigned int slot = 0; slot < UDP_HTABLE_SIZE; slot++) {
		const struct list_head *chain = udp_table_chain(net->ipv4.udp_table, slot);
		const struct sock *sk;

		if (!chain)
			break;
		list_for_each_entry(sk, chain, sk_bind_node)
			if (sk->sk_socket && udp_hashfn(sk->sk_num) == slot)
				udp4_format_sock(out, sk->sk_socket, slot);
	}
}

PROCFS_FILE(udp, "/proc/net/udp", udp4_seq_show);
