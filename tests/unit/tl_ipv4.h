/*
 * tests/unit/tl_ipv4.h - IPv4 fixtures shared by the Check suites
 *
 * The lectures' first picture, h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) --
 * h2 (10.0.2.2) over cables, configured through the kernel entry points
 * `ip addr add` and `ip route add` reach, ICMP and raw IP senders, what
 * a host's ICMP listeners hear, and the MIB counters.
 */
#ifndef SKBSIM_TL_IPV4_H
#define SKBSIM_TL_IPV4_H

#include "testlib.h"

#include "linux/ip.h"
#include "linux/netdevice.h"
#include "net/icmp.h"

struct tl_net3 {
	struct world *w;
	struct node *h1, *r1, *h2;
};

__be32 tl_addr(const char *dotted);
struct net_device *tl_dev(struct node *n, const char *ifname);
/* ip link set IF up; ip addr add ADDR/PLEN dev IF */
void tl_up_addr(struct node *n, const char *ifname, const char *addr, int plen);
/* ip route add default via GW */
void tl_default_via(struct node *n, const char *gw);
/* h1 -- r1 -- h2, cables with 1 us delay, addresses and default routes */
void tl_net3_setup(struct tl_net3 *t);
/* An ICMP echo (id 0x1234, @seq, @payload bytes) from @n to @dst with @ttl, DF set. */
void tl_send_echo(struct node *n, const char *dst, u8 ttl, u16 seq, unsigned int payload);

/* Byte @i of the test payloads, so that a cut or a misplaced byte shows. */
u8 tl_pattern(unsigned int i);
/* An ICMP message of @type (@id, @seq) with @datalen bytes of tl_pattern() at
 * @buf; returns its length. */
unsigned int tl_make_icmp(u8 *buf, u8 type, u16 id, u16 seq, unsigned int datalen);
/* Sends @len bytes of ICMP at @l4 from @n to @dst behind an IP header with
 * @optlen bytes of @opts, DF per @df, as a raw socket with IP_HDRINCL would
 * (ip_local_out). */
void tl_send_raw(struct node *n, const char *dst, const u8 *opts, unsigned int optlen,
		 const u8 *l4, unsigned int len, bool df);

/* Ip: counter @field (IPSTATS_MIB_*) of @n, as /proc/net/snmp has it */
u64 tl_ipmib(struct node *n, int field);
/* IcmpMsg: OutType@type of @n (the table is made by the first ICMP message counted) */
u64 tl_icmp_out(struct node *n, int type);

/* ICMP messages offered to a host's listeners (echo replies, errors) */
struct tl_heard {
	struct icmp_listener l;
	int n;
	u8 type, code;
	__be32 from;
	__be32 info;			/* the 4 bytes after type/code/checksum */
	u16 frag_max_size;
	u16 ipcb_flags;
	sim_time_t when;
	GByteArray *pkt;		/* the last one, from its IP header */
};

/* @h hears what @n's ICMP listeners are offered from now on */
void tl_heard_start(struct tl_heard *h, struct node *n);
/* ... until this; frees the last packet */
void tl_heard_stop(struct tl_heard *h, struct node *n);

/* The IPv4 packets a device receives, as tcpdump -i would show them:
 * an ETH_P_ALL packet_type, so they are copied before the stack sees them. */
struct tl_tap {
	struct packet_type pt;
	GPtrArray *pkts;		/* GByteArray *, from the IP header */
};

void tl_tap_start(struct tl_tap *t, struct node *n, const char *ifname);
void tl_tap_stop(struct tl_tap *t, struct node *n);
/* the IP header of the @i-th packet (a failed check if there are fewer) */
const struct iphdr *tl_tap_iph(const struct tl_tap *t, unsigned int i);

#endif
