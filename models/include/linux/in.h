/*
 * models/include/linux/in.h - IPv4 address predicates
 *
 * Mirrors include/linux/in.h (ipv4_is_*); the uapi structs (in_addr,
 * sockaddr_in, IPPROTO_*) are the host's <netinet/in.h>, which is the same
 * ABI.
 */
#ifndef _SKBSIM_LINUX_IN_H
#define _SKBSIM_LINUX_IN_H

#include <netinet/in.h>

#include "linux/types.h"

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_local_multicast(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(INADDR_BROADCAST);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr == 0) || (addr & htonl(0xff000000)) == htonl(0x00000000);
}

static inline bool ipv4_is_private_10(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x0a000000);
}

#endif
