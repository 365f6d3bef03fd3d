/*
 * tests/unit/tl_ipv4.h - IPv4 fixtures shared by the Check suites
 *
 * The lectures' first picture, h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) --
 * h2 (10.0.2.2) over cables, configured through the kernel entry points
 * `ip addr add` and `ip route add` reach, and an ICMP echo sender.
 */
#ifndef SKBSIM_TL_IPV4_H
#define SKBSIM_TL_IPV4_H

#include "testlib.h"

#include "linux/ip.h"
#include "linux/netdevice.h"

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
