/*
 * tests/unit/drivers/test_rss.c - the Toeplitz hash of RSS
 *
 * Checked against the IPv4 vectors of Microsoft's RSS verification suite
 * (the same table NIC datasheets and DPDK's thash tests reproduce), with
 * the default key; and the steering of frames through the indirection
 * table.
 */
#include "testlib.h"

#include <arpa/inet.h>

#include "linux/if_ether.h"
#include "../../../models/drivers/net/rss.h"

struct rss_case {
	const char *src, *dst;
	u16 sport, dport;
	u32 ip_only, ip_tcp;
};

static const struct rss_case rss_cases[] = {
	{ "66.9.149.187", "161.142.100.80", 2794, 1766, 0x323e8fc2, 0x51ccc178 },
	{ "199.92.111.2", "65.69.140.83", 14230, 4739, 0xd718262a, 0xc626b0ea },
	{ "24.19.198.95", "12.22.207.184", 12898, 38024, 0xd2d0a5de, 0x5c2b394a },
	{ "38.27.205.30", "209.142.163.6", 48228, 2217, 0x82989176, 0xafc7327f },
	{ "153.39.163.191", "202.188.127.2", 44251, 1303, 0x5d1809c5, 0x10e828a2 },
};

static void fill_input(const struct rss_case *c, u8 *in)
{
	u16 sp = htons(c->sport), dp = htons(c->dport);

	inet_pton(AF_INET, c->src, in);
	inet_pton(AF_INET, c->dst, in + 4);
	memcpy(in + 8, &sp, 2);
	memcpy(in + 10, &dp, 2);
}

START_TEST(test_toeplitz_vectors)
{
	const struct rss_case *c = &rss_cases[_i];
	u8 in[12];

	fill_input(c, in);
	ck_assert_uint_eq(toeplitz_hash(rss_default_key, RSS_KEY_SIZE, in, 8), c->ip_only);
	ck_assert_uint_eq(toeplitz_hash(rss_default_key, RSS_KEY_SIZE, in, 12), c->ip_tcp);
}
END_TEST

/* An Ethernet + IPv4 + TCP/UDP frame for @c. */
static unsigned int build_frame(const struct rss_case *c, u8 proto, u16 frag, u8 *f)
{
	u8 in[12];

	memset(f, 0, 64);
	f[12] = 0x08;
	f[13] = 0x00;
	f[14] = 0x45;
	f[14 + 6] = (u8)(frag >> 8);
	f[14 + 7] = (u8)frag;
	f[14 + 9] = proto;
	fill_input(c, in);
	memcpy(f + 14 + 12, in, 8);	/* saddr, daddr */
	memcpy(f + 14 + 20, in + 8, 4);	/* ports at the start of L4 */
	return 64;
}

START_TEST(test_rss_frame_hash)
{
	const struct rss_case *c = &rss_cases[0];
	u8 frame[64];
	bool l4;

	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame, build_frame(c, 6, 0, frame), &l4),
			  c->ip_tcp);
	ck_assert(l4);
	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame, build_frame(c, 17, 0, frame), &l4),
			  c->ip_tcp);	/* UDP hashes the same 4-tuple */
	/* ICMP, and a non-first fragment, hash the addresses only */
	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame, build_frame(c, 1, 0, frame), &l4),
			  c->ip_only);
	ck_assert(!l4);
	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame,
					 build_frame(c, 6, 0x0010, frame), &l4), c->ip_only);
	/* not IPv4: no hash (queue of entry 0) */
	build_frame(c, 6, 0, frame);
	frame[12] = 0x86;
	frame[13] = 0xdd;
	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame, 64, &l4), 0);
	/* truncated: no read past the end */
	ck_assert_uint_eq(rss_hash_frame(rss_default_key, frame, 20, &l4), 0);
}
END_TEST

START_TEST(test_rss_indir_default)
{
	u8 indir[RSS_INDIR_SIZE];

	rss_indir_default(indir, 3);
	for (int i = 0; i < RSS_INDIR_SIZE; i++)
		ck_assert_uint_eq(indir[i], i % 3);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rss");
	TCase *tc = tcase_create("toeplitz");

	tcase_add_loop_test(tc, test_toeplitz_vectors, 0, G_N_ELEMENTS(rss_cases));
	tcase_add_test(tc, test_rss_frame_hash);
	tcase_add_test(tc, test_rss_indir_default);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
