/*
 * tests/unit/ipv4/test_lazy_tables.c - per-node tables made on first use
 *
 * The memory work of issue 10 made several per-namespace tables lazy or
 * growing; what users see must not change:
 *  - UDP: the chains start at 4 and double up to /proc/net/udp's 128
 *    slots as sockets are bound.  /proc/net/udp still lists slot by slot,
 *    each slot newest first, lookups still find every socket, and closing
 *    sockets leaves the rest in order.
 *  - IP IDs: only the buckets used are kept (a small table, then the
 *    kernel's 2048-bucket array past 512 slots).  The ids handed out are
 *    checked against the kernel's plain array, run beside it, over enough
 *    destinations to go through every size and into the array.
 *  - raw and ping chains, fragment tables: none before the first user.
 * The fixture's tl_world_free() fails a test that leaks a socket or skb.
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <string.h>

#include "linux/skbuff.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "net/ping.h"
#include "net/udp.h"
#include "sim/socket.h"
#include "sim/timer.h"

#define PID 100

static const struct sim_socket_ops *ops(struct node *n)
{
	return n->w->socket_ops;
}

static int udp_bound(struct node *n, u16 port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = ops(n)->socket(n, PID, AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 3);
	ck_assert_int_eq(ops(n)->bind(n, PID, fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	return fd;
}

/* the local ports of /proc/net/udp's rows, in order; checks "sl" too */
static GArray *proc_udp_ports(struct node *n)
{
	GString *out = g_string_new(NULL), *err = g_string_new(NULL);
	GArray *ports = g_array_new(FALSE, FALSE, sizeof(unsigned int));
	char **lines;

	ck_assert_int_eq(tl_sh(n, "cat /proc/net/udp", out, err), 0);
	lines = g_strsplit(out->str, "\n", -1);
	for (int i = 1; lines[i] && lines[i][0]; i++) {
		unsigned int sl, addr, port;

		ck_assert_int_eq(sscanf(lines[i], " %u: %x:%x", &sl, &addr, &port), 3);
		ck_assert_uint_eq(sl, udp_hashfn((u16)port));
		g_array_append_val(ports, port);
	}
	g_strfreev(lines);
	g_string_free(out, TRUE);
	g_string_free(err, TRUE);
	return ports;
}

/* what the 128-slot table listed: by slot, each slot newest (last bound) first */
static GArray *expected_order(const u16 *ports, const bool *open, int n)
{
	GArray *want = g_array_new(FALSE, FALSE, sizeof(unsigned int));

	for (unsigned int slot = 0; slot < UDP_HTABLE_SIZE; slot++)
		for (int i = n - 1; i >= 0; i--)
			if (open[i] && udp_hashfn(ports[i]) == slot) {
				unsigned int p = ports[i];

				g_array_append_val(want, p);
			}
	return want;
}

static void assert_same(GArray *got, GArray *want)
{
	ck_assert_uint_eq(got->len, want->len);
	for (guint i = 0; i < got->len; i++)
		ck_assert_uint_eq(g_array_index(got, unsigned int, i),
				  g_array_index(want, unsigned int, i));
	g_array_unref(got);
	g_array_unref(want);
}

#define NSOCK 300

START_TEST(test_udp_chains_grow_in_order)
{
	struct tl_net3 t;
	struct udp_table *ut;
	u16 ports[NSOCK];
	bool open[NSOCK];
	int fds[NSOCK];

	tl_net3_setup(&t);
	ut = node_net(t.h2)->ipv4.udp_table;
	ck_assert_ptr_null(ut->hash);		/* nothing bound: no chains */
	ck_assert_ptr_null(udp_table_chain(ut, 0));
	assert_same(proc_udp_ports(t.h2), g_array_new(FALSE, FALSE, sizeof(unsigned int)));
	for (int i = 0; i < NSOCK; i++) {
		/* ports spread over all slots, several per slot, out of order */
		ports[i] = (u16)(5000 + (i * 97) % 1000);
		open[i] = true;
		fds[i] = udp_bound(t.h2, ports[i]);
		if (i == 0)
			ck_assert_uint_eq(ut->hash_mask + 1, 1);
	}
	ck_assert_uint_eq(ut->hash_mask + 1, UDP_HTABLE_SIZE);
	ck_assert_uint_eq(ut->hashed, NSOCK);
	assert_same(proc_udp_ports(t.h2), expected_order(ports, open, NSOCK));

	/* every socket is still found: a datagram to each of a few ports */
	for (int i = 0; i < NSOCK; i += 37) {
		struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(ports[i]),
					  .sin_addr.s_addr = tl_addr("10.0.2.2") };
		struct iovec iov = { .iov_base = "x", .iov_len = 1 };
		struct msghdr msg = { .msg_name = &to, .msg_namelen = sizeof(to),
				      .msg_iov = &iov, .msg_iovlen = 1 };
		int tx = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, 0);
		char buf[4];
		struct iovec riov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr rmsg = { .msg_iov = &riov, .msg_iovlen = 1 };

		ck_assert_int_eq(ops(t.h1)->sendmsg(t.h1, PID, tx, &msg, MSG_DONTWAIT), 1);
		world_run(t.w, sim_now(t.w) + SIM_NSEC_PER_SEC / 100);
		ck_assert_int_eq(ops(t.h2)->recvmsg(t.h2, PID, fds[i], &rmsg, MSG_DONTWAIT), 1);
		ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, tx), 0);
	}

	/* closing every third socket leaves the others where they were */
	for (int i = 0; i < NSOCK; i += 3) {
		ck_assert_int_eq(ops(t.h2)->close(t.h2, PID, fds[i]), 0);
		open[i] = false;
	}
	ck_assert_uint_eq(ut->hashed, NSOCK - (NSOCK + 2) / 3);
	assert_same(proc_udp_ports(t.h2), expected_order(ports, open, NSOCK));
	tl_world_free(t.w);
}
END_TEST

/* ---- IP IDs ---------------------------------------------------------------------- */

#define IDENTS 2048u

/* the kernel's shape: one zeroed array of (ident, stamp); the same keyed
 * hash as models/ipv4/ip_output.c (kept in step with it by this test) */
struct ident_oracle {
	struct sim_rng rng;
	u64 key;			/* the node's "ip_id_key" stream, first draw */
	u32 ident[IDENTS], stamp[IDENTS];
};

static u16 oracle_id(struct ident_oracle *o, u32 now, __be32 daddr, __be32 saddr, u8 proto)
{
	u64 h = o->key ^ 0x9e3779b97f4a7c15ULL;
	u32 b, old, delta = 0;

	h = (h ^ daddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ saddr) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ proto) * 0xff51afd7ed558ccdULL;
	b = (u32)(h ^ (h >> 33)) % IDENTS;
	old = o->stamp[b];
	if (old != now) {
		o->stamp[b] = now;
		delta = sim_rng_below(&o->rng, now - old);
	}
	o->ident[b] += 1 + delta;
	return (u16)(o->ident[b] - 1);
}

/* an skb holding a bare IPv4 header, UDP from 10.0.1.2, for ip_select_ident() */
static struct sk_buff *udp_header_skb(struct net *net, struct iphdr **iphp)
{
	struct sk_buff *skb = alloc_skb(net, 64);
	struct iphdr *iph;

	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = tl_addr("10.0.1.2");
	*iphp = iph;
	return skb;
}

START_TEST(test_ip_ids_as_the_kernel_array)
{
	struct tl_net3 t;
	struct net *net;
	struct ident_oracle *o = g_new0(struct ident_oracle, 1);
	struct sim_rng key_rng;
	struct sk_buff *skb;
	struct iphdr *iph;

	tl_net3_setup(&t);
	net = node_net(t.h1);
	ck_assert_ptr_null(net->ipv4.ip_idents);	/* nothing sent yet */
	o->rng = net->ipv4.ip_id_rng;
	node_rng_derive(t.h1, &key_rng, "ip_id_key");
	o->key = sim_rng_u64(&key_rng);
	skb = udp_header_skb(net, &iph);
	/* 3000 ids to 1500 destinations, two per jiffy: the bucket table goes
	 * through every size and into the array; repeats hit old buckets */
	for (u32 k = 0; k < 3000; k++) {
		u32 now;

		if (k % 2 == 0)
			world_run(t.w, sim_now(t.w) + SIM_NSEC_PER_SEC / 100);
		now = (u32)sim_jiffies(t.w);
		iph->daddr = htonl(0x0a640000u + k % 1500);
		ip_select_ident(net, skb, NULL);
		ck_assert_uint_eq(ntohs(iph->id),
				  oracle_id(o, now, iph->daddr, iph->saddr, iph->protocol));
	}
	/* DF without ignore_df: id 0, no bucket touched */
	iph->frag_off = htons(IP_DF);
	ip_select_ident(net, skb, NULL);
	ck_assert_uint_eq(iph->id, 0);
	kfree_skb(skb);
	g_free(o);
	tl_world_free(t.w);
}
END_TEST

/*
 * The hash key is fixed once drawn (the kernel's net->ipv4.ip_id_key): one
 * flow keeps its bucket through idle jumps, so a host that sends to one
 * peer for a long time keeps a table of one bucket.
 */
START_TEST(test_ip_ids_one_flow_one_bucket)
{
	struct tl_net3 t;
	struct net *net;
	struct sk_buff *skb;
	struct iphdr *iph;

	tl_net3_setup(&t);
	net = node_net(t.h1);
	skb = udp_header_skb(net, &iph);
	iph->daddr = tl_addr("10.0.2.2");
	ip_select_ident(net, skb, NULL);
	ck_assert_uint_eq(ip_idents_used(net), 1);
	for (int k = 0; k < 1000; k++) {
		world_run(t.w, sim_now(t.w) + SIM_NSEC_PER_SEC / 100);
		ip_select_ident(net, skb, NULL);
	}
	ck_assert_uint_eq(ip_idents_used(net), 1);
	kfree_skb(skb);
	tl_world_free(t.w);
}
END_TEST

/* ---- made on first use ---------------------------------------------------------------- */

START_TEST(test_tables_made_on_first_use)
{
	struct tl_net3 t;
	struct net *net;
	int fd;

	tl_net3_setup(&t);
	net = node_net(t.h1);
	ck_assert_ptr_null(net->ipv4.raw_v4_hashinfo);
	ck_assert_ptr_null(net->ipv4.ping_table->hash);
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	ck_assert_int_ge(fd, 3);
	ck_assert_ptr_nonnull(net->ipv4.raw_v4_hashinfo);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_sysctl(t.h1, "/proc/sys/net/ipv4/ping_group_range", "0 0");
	fd = ops(t.h1)->socket(t.h1, PID, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	ck_assert_int_ge(fd, 3);
	{
		struct sockaddr_in sin = { .sin_family = AF_INET };

		ck_assert_int_eq(ops(t.h1)->bind(t.h1, PID, fd, (struct sockaddr *)&sin,
						 sizeof(sin)), 0);
	}
	ck_assert_ptr_nonnull(net->ipv4.ping_table->hash);
	ck_assert_int_eq(ops(t.h1)->close(t.h1, PID, fd), 0);
	tl_world_free(t.w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lazy_tables");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_udp_chains_grow_in_order);
	tcase_add_test(tc, test_ip_ids_as_the_kernel_array);
	tcase_add_test(tc, test_ip_ids_one_flow_one_bucket);
	tcase_add_test(tc, test_tables_made_on_first_use);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
