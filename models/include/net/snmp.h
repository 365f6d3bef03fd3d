/*
 * models/include/net/snmp.h - the IPv4 MIBs of /proc/net/snmp and netstat
 *
 * Mirrors include/uapi/linux/snmp.h and the name tables of
 * net/ipv4/proc.c for Linux 6.x (snmp4_ipstats_list, snmp4_icmp_list,
 * snmp4_ipextstats_list): the same names in the same order as
 * /proc/net/snmp prints them on 6.3 and later (OutTransmits).  Each
 * X(...) list makes the enum and the name table, so they cannot drift.
 */
#ifndef _SKBSIM_NET_SNMP_H
#define _SKBSIM_NET_SNMP_H

#include "linux/types.h"

/* "Ip:" of /proc/net/snmp (Forwarding and DefaultTTL come from sysctls) */
#define IPSTATS_MIB_LIST(X)						\
	X(INRECEIVES, "InReceives") X(INHDRERRORS, "InHdrErrors")	\
	X(INADDRERRORS, "InAddrErrors") X(OUTFORWDATAGRAMS, "ForwDatagrams") \
	X(INUNKNOWNPROTOS, "InUnknownProtos") X(INDISCARDS, "InDiscards") \
	X(INDELIVERS, "InDelivers") X(OUTREQUESTS, "OutRequests")	\
	X(OUTDISCARDS, "OutDiscards") X(OUTNOROUTES, "OutNoRoutes")	\
	X(REASMTIMEOUT, "ReasmTimeout") X(REASMREQDS, "ReasmReqds")	\
	X(REASMOKS, "ReasmOKs") X(REASMFAILS, "ReasmFails")		\
	X(FRAGOKS, "FragOKs") X(FRAGFAILS, "FragFails")			\
	X(FRAGCREATES, "FragCreates") X(OUTPKTS, "OutTransmits")

/* "IpExt:" of /proc/net/netstat */
#define IPEXT_MIB_LIST(X)						\
	X(INNOROUTES, "InNoRoutes") X(INTRUNCATEDPKTS, "InTruncatedPkts") \
	X(INMCASTPKTS, "InMcastPkts") X(OUTMCASTPKTS, "OutMcastPkts")	\
	X(INBCASTPKTS, "InBcastPkts") X(OUTBCASTPKTS, "OutBcastPkts")	\
	X(INOCTETS, "InOctets") X(OUTOCTETS, "OutOctets")		\
	X(INMCASTOCTETS, "InMcastOctets") X(OUTMCASTOCTETS, "OutMcastOctets") \
	X(INBCASTOCTETS, "InBcastOctets") X(OUTBCASTOCTETS, "OutBcastOctets") \
	X(CSUMERRORS, "InCsumErrors") X(NOECTPKTS, "InNoECTPkts")	\
	X(ECT1PKTS, "InECT1Pkts") X(ECT0PKTS, "InECT0Pkts")		\
	X(CEPKTS, "InCEPkts") X(REASM_OVERLAPS, "ReasmOverlaps")

/* "Icmp:" of /proc/net/snmp (the per-type In/Out counts come from IcmpMsg) */
#define ICMP_MIB_LIST(X)						\
	X(INMSGS, "InMsgs") X(INERRORS, "InErrors") X(CSUMERRORS, "InCsumErrors") \
	X(OUTMSGS, "OutMsgs") X(OUTERRORS, "OutErrors")			\
	X(RATELIMITGLOBAL, "OutRateLimitGlobal") X(RATELIMITHOST, "OutRateLimitHost")

/* One enum for both, as the kernel's IPSTATS_MIB_*: Ip first, then IpExt. */
#define IPSTATS_ENUM(id, name) IPSTATS_MIB_##id,
enum {
	IPSTATS_MIB_LIST(IPSTATS_ENUM)
	__IPSTATS_IP_MAX,
	__IPSTATS_EXT_FIRST = __IPSTATS_IP_MAX - 1,
	IPEXT_MIB_LIST(IPSTATS_ENUM)
	__IPSTATS_MIB_MAX
};
#undef IPSTATS_ENUM
#define IPSTATS_IP_COUNT	__IPSTATS_IP_MAX
#define IPSTATS_EXT_COUNT	(__IPSTATS_MIB_MAX - __IPSTATS_IP_MAX)
#define ICMP_ENUM(id, name) ICMP_MIB_##id,
enum { ICMP_MIB_LIST(ICMP_ENUM) __ICMP_MIB_MAX };
#undef ICMP_ENUM

/* IcmpMsg: InTypeN / OutTypeN, N = 0..255 */
#define ICMPMSG_MIB_MAX 512

/* The Icmp: line of /proc/net/snmp (counters and per-type columns). */
#define ICMP_LINE_COUNT 29
extern const char *const icmp_line_names[ICMP_LINE_COUNT];
struct netns_mib;
u64 icmp_line_value(const struct netns_mib *mib, unsigned int i);

/* Names in MIB order; the Ip names then the IpExt names. */
extern const char *const snmp4_ipstats_names[__IPSTATS_MIB_MAX];
extern const char *const snmp4_icmp_names[__ICMP_MIB_MAX];

struct netns_mib {
	u64 ip[__IPSTATS_MIB_MAX];	/* Ip: [0, IPSTATS_IP_COUNT), IpExt: the rest */
	u64 *icmp;			/* [__ICMP_MIB_MAX]; made on first use, as icmpmsg */
	u64 *icmpmsg;			/* [type] in, [256 + type] out; made on first use */
};

#endif
