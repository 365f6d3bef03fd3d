/*
 * models/drivers/net/rss.h - receive side scaling: the Toeplitz hash
 *
 * No kernel counterpart in net/ (NICs compute it in hardware; the kernel
 * programs the key and the indirection table through ethtool -X).  The
 * default key is the one of Microsoft's RSS verification suite, which most
 * NIC datasheets print; the hash over (saddr, daddr, sport, dport) of an
 * IPv4 TCP/UDP packet, or (saddr, daddr) of other IPv4, picks an entry of
 * the 128-entry indirection table.
 */
#ifndef _SKBSIM_DRIVERS_NET_RSS_H
#define _SKBSIM_DRIVERS_NET_RSS_H

#include "linux/skbuff.h"
#include "linux/types.h"

#define RSS_KEY_SIZE	40
#define RSS_INDIR_SIZE	128

extern const u8 rss_default_key[RSS_KEY_SIZE];

u32 toeplitz_hash(const u8 *key, unsigned int key_len, const u8 *data, unsigned int len);
/*
 * The RSS hash of an Ethernet frame starting at @frame (@len bytes), or 0
 * when it is not IPv4 (the NIC then uses queue of indirection entry 0).
 */
u32 rss_hash_frame(const u8 *key, const u8 *frame, unsigned int len, bool *l4);
/* ethtool_rxfh_indir_default(): entry i -> queue i % n */
void rss_indir_default(u8 *indir, unsigned int nqueues);

#endif
