/*
 * models/core/flow_dissector.c - the keys of a frame's flow
 *
 * Mirrors the IPv4 part of net/core/flow_dissector.c's __skb_flow_dissect():
 * addresses and protocol from the header, and the first four bytes past it
 * (where TCP, UDP, UDP-Lite, SCTP and DCCP keep their ports) unless the
 * datagram is a fragment: the kernel reads a first fragment's ports only
 * when asked to (FLOW_DISSECTOR_F_PARSE_1ST_FRAG), which the flow hash
 * does not ask.
 */
#include "net/flow_dissector.h"

#include <string.h>

#include "linux/if_ether.h"

bool flow_dissect_ipv4(const u8 *frame, unsigned int len, struct flow_keys_ipv4 *k)
{
	const u8 *ip = frame + ETH_HLEN;
	unsigned int ihl;

	if (len < ETH_HLEN + 20 || ((frame[12] << 8) | frame[13]) != ETH_P_IP)
		return false;
	ihl = (ip[0] & 0x0f) * 4u;
	if ((ip[0] >> 4) != 4 || ihl < 20 || len < ETH_HLEN + ihl)
		return false;
	memcpy(k->addrs, ip + 12, sizeof(k->addrs));
	k->ip_proto = ip[9];
	/* no MF, fragment offset 0 */
	k->has_ports = !(ip[6] & 0x3f) && !ip[7] && len >= ETH_HLEN + ihl + 4;
	if (k->has_ports)
		memcpy(k->ports, ip + ihl, sizeof(k->ports));
	return true;
}
