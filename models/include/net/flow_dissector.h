/*
 * models/include/net/flow_dissector.h - the keys of a frame's flow
 *
 * What __skb_flow_dissect() finds in an Ethernet frame carrying IPv4, for
 * the two hashes that spread flows: the stack's skb_get_hash() (tx queue
 * choice, models/core/dev_xmit.c) and a NIC's RSS Toeplitz hash
 * (models/drivers/net/rss.c).  Each decides which keys it hashes.
 */
#ifndef _SKBSIM_NET_FLOW_DISSECTOR_H
#define _SKBSIM_NET_FLOW_DISSECTOR_H

#include "linux/types.h"

struct flow_keys_ipv4 {
	u8 addrs[8];		/* saddr, daddr, as on the wire */
	u8 ip_proto;
	bool has_ports;		/* an unfragmented datagram with 4 bytes past its header */
	u8 ports[4];		/* sport, dport, as on the wire, when has_ports */
};

/* Fills @k from @frame (the mac header on) and returns true if it is IPv4. */
bool flow_dissect_ipv4(const u8 *frame, unsigned int len, struct flow_keys_ipv4 *k);

#endif
