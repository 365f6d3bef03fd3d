/*
 * models/lib/checksum.c - the Internet checksum
 *
 * Mirrors lib/checksum.c (RFC 1071): 32-bit one's complement partial sums
 * folded to 16 bits.  Byte order: sums are computed over the bytes as they
 * are in memory (network order), as the kernel does on little-endian.
 */
#include "net/ip.h"

__wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = buff;
	u64 acc = sum;

	for (; len > 1; len -= 2, p += 2)
		acc += (u32)(p[0] | p[1] << 8);
	if (len)
		acc += p[0];
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return (__wsum)acc;
}

__sum16 csum_fold(__wsum csum)
{
	u32 sum = csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

__sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, (int)ihl * 4, 0));
}

__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len, u8 proto, __wsum sum)
{
	u64 s = sum;

	s += (saddr & 0xffff) + (saddr >> 16);
	s += (daddr & 0xffff) + (daddr >> 16);
	s += (u32)htons((u16)proto) + (u32)htons((u16)len);
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (__wsum)s;
}
