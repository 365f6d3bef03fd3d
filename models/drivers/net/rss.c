/*
 * models/drivers/net/rss.c - the Toeplitz hash of receive side scaling
 *
 * No kernel counterpart (see rss.h).  Checked against the published
 * verification vectors (tests/unit/drivers/test_rss.c).
 */
#include "rss.h"

#include <string.h>

#include "linux/if_ether.h"
#include "net/flow_dissector.h"

const u8 rss_default_key[RSS_KEY_SIZE] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
	0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
	0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
	0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

u32 toeplitz_hash(const u8 *key, unsigned int key_len, const u8 *data, unsigned int len)
{
	/* the 32-bit window of the key slides one bit per input bit */
	u32 window = (u32)key[0] << 24 | (u32)key[1] << 16 | (u32)key[2] << 8 | key[3];
	unsigned int next = 4;
	u32 hash = 0;

	for (unsigned int i = 0; i < len; i++) {
		u8 next_byte = next < key_len ? key[next] : 0;

		for (int b = 7; b >= 0; b--) {
			if (data[i] & (1u << b))
				hash ^= window;
			window = (window << 1) | ((next_byte >> b) & 1);
		}
		next++;
	}
	return hash;
}

u32 rss_hash_frame(const u8 *key, const u8 *frame, unsigned int len, bool *l4)
{
	struct flow_keys_ipv4 k;
	u8 input[12];

	*l4 = false;
	if (!flow_dissect_ipv4(frame, len, &k))
		return 0;
	memcpy(input, k.addrs, 8);		/* saddr, daddr */
	/* ports only for unfragmented TCP (6) and UDP (17) */
	if ((k.ip_proto == 6 || k.ip_proto == 17) && k.has_ports) {
		memcpy(input + 8, k.ports, 4);	/* sport, dport */
		*l4 = true;
		return toeplitz_hash(key, RSS_KEY_SIZE, input, 12);
	}
	return toeplitz_hash(key, RSS_KEY_SIZE, input, 8);
}

void rss_indir_default(u8 *indir, unsigned int nqueues)
{
	for (unsigned int i = 0; i < RSS_INDIR_SIZE; i++)
		indir[i] = (u8)(i % nqueues);
}
