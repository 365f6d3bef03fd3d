/*
 * models/ipv4/proc.c - the names of /proc/net/snmp and /proc/net/netstat
 *
 * Mirrors the name tables of net/ipv4/proc.c (snmp4_ipstats_list,
 * snmp4_ipextstats_list) and the Icmp: line it derives from the per-type
 * counters.  The same tables name the metrics counters (Ip.InReceives,
 * IpExt.InOctets, Icmp.OutEchoReps), so /proc output, nstat and metrics.db
 * agree.
 */
#include "net/snmp.h"

#include "net/icmp.h"

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

u64 icmp_line_value(const struct netns_mib *mib, unsigned int i)
{
	if (i < 3)
		return mib->icmp[i == 0 ? ICMP_MIB_INMSGS : i == 1 ? ICMP_MIB_INERRORS
							     : ICMP_MIB_CSUMERRORS];
	if (i < 14)
		return mib->icmpmsg ? mib->icmpmsg[icmp_types[i - 3]] : 0;
	if (i < 18) {
		static const int out[4] = { ICMP_MIB_OUTMSGS, ICMP_MIB_OUTERRORS,
					    ICMP_MIB_RATELIMITGLOBAL, ICMP_MIB_RATELIMITHOST };
		return mib->icmp[out[i - 14]];
	}
	return mib->icmpmsg ? mib->icmpmsg[256 + icmp_types[i - 18]] : 0;
}
