/*
 * tests/unit/core/test_pktgen.c - the packet generator (models/core/pktgen.c)
 *
 * Two hosts joined by a cable (simnic at both ends); pktgen is driven
 * through its /proc/net/pktgen files as `echo ... >` does.  Checks the
 * kernel's file formats and messages, bad input, line rate on 1 and 10
 * Gbit/s, delay pacing, the frame's bytes, that the receiver counts every
 * frame, device removal, and that no skb is left behind.
 */
#include "tl_link.h"

#include <errno.h>

#include "linux/etherdevice.h"
#include "linux/inetdevice.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "sim/sh.h"

/* a -- b over a cable of @rate_bps, a with @cpus, both ends up */
static void pg_setup(struct tl_pair *p, u64 rate_bps, unsigned int cpus)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct node_config nc = { .cpus = cpus };

	cfg.rate_bps = rate_bps;
	tl_pair_setup(p, "pktgen", &nc, &cfg);
	tl_pair_up(p);
}

/* echo "@text" > @path: the write's result (0 or -errno) */
static int pg_write(struct node *node, const char *path, const char *text)
{
	struct sim_err err = { { 0 } };
	char *data = g_strdup_printf("%s\n", text);
	int r = sim_vfs_write(node, path, data, &err);

	g_free(data);
	return r;
}

/* cat @path (g_free the result) */
static char *pg_read(struct node *node, const char *path)
{
	GString *out = g_string_new(NULL);

	ck_assert_int_eq(sim_vfs_read(node, path, out), 0);
	return g_string_free(out, FALSE);
}

/* The "Result: ..." part of a device or thread file (g_free it). */
static char *pg_result(struct node *node, const char *path)
{
	char *all = pg_read(node, path), *res = strstr(all, "Result: "), *copy;

	ck_assert_ptr_nonnull(res);
	copy = g_strdup(res + strlen("Result: "));
	copy[strlen(copy) - 1] = '\0';	/* the final newline */
	g_free(all);
	return copy;
}

#define ck_result(node, path, want) tl_assert_str_eq_free(pg_result(node, path), want)

START_TEST(test_files_before_use)
{
	struct tl_pair p;
	char *s;
	GString *out = g_string_new(NULL);

	pg_setup(&p, 1000000000ULL, 2);
	s = pg_read(p.a, "/proc/net/pktgen/pgctrl");
	ck_assert_str_eq(s, "Packet Generator for packet performance testing. Version: 2.75\n");
	g_free(s);
	s = pg_read(p.a, "/proc/net/pktgen/kpktgend_1");
	ck_assert_str_eq(s, "Running: \nStopped: \nResult: NA\n");
	g_free(s);
	ck_assert_int_eq(sim_vfs_read(p.a, "/proc/net/pktgen/kpktgend_2", out), -ENOENT);
	ck_assert_int_eq(sim_vfs_read(p.a, "/proc/net/pktgen/kpktgend_01", out), -ENOENT);
	ck_assert_int_eq(sim_vfs_read(p.a, "/proc/net/pktgen/eth0", out), -ENOENT);
	ck_assert_int_eq(sim_vfs_read(p.a, "/proc/net/pktgen", out), -EISDIR);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "count 1"), -ENOENT);
	/* pgctrl knows three words; without devices they do nothing */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "stop"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "reset"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "go"), -EINVAL);
	g_string_free(out, TRUE);
	tl_world_free(p.w);
}
END_TEST

START_TEST(test_add_device)
{
	struct tl_pair p;
	struct sim_err err = { { 0 } };
	struct net_device *lo;
	char *s;

	pg_setup(&p, 1000000000ULL, 2);
	lo = ((struct net *)p.a->net)->loopback_dev;
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth9"),
			 -ENODEV);
	ck_result(p.a, "/proc/net/pktgen/kpktgend_0", "ERROR: can not add device eth9");
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device lo"),
			 -ENETDOWN);		/* lo is down */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	ck_result(p.a, "/proc/net/pktgen/kpktgend_0", "OK: add_device=eth0");
	/* one device, one thread */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "add_device eth0"),
			 -EBUSY);
	ck_result(p.a, "/proc/net/pktgen/kpktgend_1", "ERROR: can not add device eth0");
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "frobnicate"), -EINVAL);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", ""), -EINVAL);
	s = pg_read(p.a, "/proc/net/pktgen/kpktgend_0");
	ck_assert_str_eq(s, "Running: \nStopped: eth0 \nResult: OK: add_device=eth0\n");
	g_free(s);
	/* a queue number after '@' names a second entry for the same device */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "add_device eth0@1"), 0);
	s = pg_read(p.a, "/proc/net/pktgen/eth0@1");
	ck_assert_ptr_nonnull(strstr(s, "ifname: eth0@1\n"));
	g_free(s);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "rem_device_all"), 0);
	ck_result(p.a, "/proc/net/pktgen/kpktgend_1", "OK: rem_device_all");
	ck_assert_int_eq(sim_vfs_access(p.a, "/proc/net/pktgen/eth0@1", false), -ENOENT);
	ck_assert_int_eq(dev_open(lo, &err), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "add_device lo"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "reset"), 0);
	ck_assert_int_eq(sim_vfs_access(p.a, "/proc/net/pktgen/lo", false), -ENOENT);
	ck_assert_int_eq(sim_vfs_access(p.a, "/proc/net/pktgen/eth0", false), -ENOENT);
	tl_world_free(p.w);
}
END_TEST

static const char fresh_eth0[] =
	"Params: count 1000  min_pkt_size: 0  max_pkt_size: 0\n"
	"     frags: 0  delay: 0  clone_skb: 0  ifname: eth0\n"
	"     flows: 0 flowlen: 0\n"
	"     queue_map_min: 0  queue_map_max: 0\n"
	"     dst_min:   dst_max: \n"
	"     src_min:   src_max: \n"
	"     src_mac: %s dst_mac: 00:00:00:00:00:00\n"
	"     udp_src_min: 9  udp_src_max: 9  udp_dst_min: 9  udp_dst_max: 9\n"
	"     src_mac_count: 0  dst_mac_count: 0\n"
	"     Flags: SHARED  \n"
	"Current:\n"
	"     pkts-sofar: 0  errors: 0\n"
	"     started: 0us  stopped: 0us idle: 0us\n"
	"     seq_num: 0  cur_dst_mac_offset: 0  cur_src_mac_offset: 0\n"
	"     cur_saddr: 0.0.0.0  cur_daddr: 0.0.0.0\n"
	"     cur_udp_dst: 0  cur_udp_src: 0\n"
	"     cur_queue_map: 0\n"
	"     flows: 0\n"
	"Result: Idle\n";

struct param_case {
	const char *write;
	int ret;
	const char *result;		/* NULL: unchanged */
};

static const struct param_case param_cases[] = {
	{ "count 5000", 0, "OK: count=5000" },
	{ "count=7", 0, "OK: count=7" },		/* 'param=value' */
	{ "\"count\" \"9\"", 0, "OK: count=9" },
	{ "count abc", 0, "OK: count=0" },		/* the kernel takes no digits as 0 */
	{ "pkt_size 20", 0, "OK: pkt_size=42" },	/* at least Eth + IP + UDP */
	{ "pkt_size 60", 0, "OK: pkt_size=60" },
	{ "min_pkt_size 100", 0, "OK: min_pkt_size=100" },
	{ "max_pkt_size 200", 0, "OK: max_pkt_size=200" },
	{ "delay 1000", 0, "OK: delay=1000" },
	{ "rate 0", -EINVAL, NULL },
	{ "ratep 0", -EINVAL, NULL },
	{ "rate 100", 0, "OK: rate=100" },		/* 100 Mbit/s at min_pkt_size */
	{ "ratep 1000", 0, "OK: rate=1000" },		/* sic: ratep says rate= */
	{ "dst 10.0.0.2", 0, "OK: dst_min=10.0.0.2" },
	{ "dst_max 10.0.0.9", 0, "OK: dst_max=10.0.0.9" },
	{ "src_min 10.0.0.1", 0, "OK: src_min=10.0.0.1" },
	{ "src_max 10.0.0.1", 0, "OK: src_max=10.0.0.1" },
	{ "dst_mac 02:00:00:00:00:02", 0, "OK: dstmac 02:00:00:00:00:02" },
	{ "dst_mac 2:0:0:0:0:2", -EINVAL, NULL },
	{ "src_mac zz:00:00:00:00:01", -EINVAL, NULL },
	{ "udp_src_min 1000", 0, "OK: udp_src_min=1000" },
	{ "udp_src_max 1010", 0, "OK: udp_src_max=1010" },
	{ "udp_dst_min 7", 0, "OK: udp_dst_min=7" },
	{ "udp_dst_max 7", 0, "OK: udp_dst_max=7" },
	{ "clone_skb 10", -EOPNOTSUPP, NULL },		/* no IFF_TX_SKB_SHARING yet */
	{ "clone_skb 0", 0, "OK: clone_skb=0" },
	{ "burst 4", -EOPNOTSUPP, NULL },
	{ "burst 0", 0, "OK: burst=1" },
	{ "queue_map_min 0", 0, "OK: queue_map_min=0" },
	{ "queue_map_max 3", 0, "OK: queue_map_max=3" },
	{ "flag IPSRC_RND", 0, "OK: flags=0x40002" },
	{ "flag !IPSRC_RND", 0, "OK: flags=0x40000" },
	{ "flag IPV6", 0,				/* only !IPV6 is a flag */
	  "Flag -:IPV6:- unknown\nAvailable flags, (prepend ! to un-set flag):\n"
	  "IPV6, IPSRC_RND, IPDST_RND, TXSIZE_RND, UDPSRC_RND, UDPDST_RND, UDPCSUM, "
	  "NO_TIMESTAMP, MPLS_RND, QUEUE_MAP_RND, QUEUE_MAP_CPU, FLOW_SEQ, MACSRC_RND, "
	  "MACDST_RND, VID_RND, SVID_RND, NODE, SHARED" },
	{ "flag FLOW_RND", 0, "OK: flags=0x40000" },
	{ "xmit_mode bogus", 0,
	  "xmit_mode -:bogus:- unknown\nAvailable modes: start_xmit, netif_receive\n" },
	{ "xmit_mode start_xmit", 0, "OK: xmit_mode=start_xmit" },
	{ "vlan_p 3", 0, "ERROR: vlan_p must be 0-7" },	/* no VLAN yet */
	{ "vlan_id 5", 0, "OK: vlan_id=5" },
	{ "vlan_p 3", 0, "OK: vlan_p=3" },
	{ "vlan_id 9999", 0, NULL },			/* off again, result kept */
	{ "tos 1", 0, "ERROR: tos must be 00-ff" },
	{ "tos 1c", 0, "OK: tos=0x1c" },
	{ "mpls 0001000a,00002000", 0, "OK: mpls=0001000a,00002000" },
	{ "mpls 0", 0, "OK: mpls=" },
	{ "node 1", 0, "ERROR: node not possible" },
	{ "node 0", 0, "OK: node=0" },
	{ "skb_priority 7", 0, "OK: skb_priority=7" },
	{ "imix_weights 64,7 576,4 1500,1", 0, NULL },
	{ "imix_weights 64", -EINVAL, NULL },
	{ "flows 4", 0, "OK: flows=4" },
	{ "flowlen 10", 0, "OK: flowlen=10" },
	{ "clear_counters", 0, "OK: Clearing counters.\n" },
	{ "config 1", -EINVAL, "No such parameter \"config\"" },
	{ "foo", -EINVAL, "No such parameter \"foo\"" },
	{ "a_very_long_parameter_name 1", -EINVAL, "No such parameter \"a_very_long_par\"" },
	{ "", -EINVAL, "No such parameter \"\"" },
};

START_TEST(test_params)
{
	const struct param_case *c = &param_cases[_i];
	struct tl_pair p;

	pg_setup(&p, 1000000000ULL, 1);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	/* the cases run in order: each sees what the ones before set */
	for (int i = 0; i <= _i; i++) {
		const struct param_case *k = &param_cases[i];
		char *before = pg_result(p.a, "/proc/net/pktgen/eth0");

		ck_assert_msg(pg_write(p.a, "/proc/net/pktgen/eth0", k->write) == k->ret,
			      "%s", k->write);
		if (i == _i) {
			char *after = pg_result(p.a, "/proc/net/pktgen/eth0");

			ck_assert_str_eq(after, c->result ? c->result : before);
			g_free(after);
		}
		g_free(before);
	}
	tl_world_free(p.w);
}
END_TEST

START_TEST(test_show_fresh_and_imix)
{
	struct tl_pair p;
	char mac[24], *want, *s;

	pg_setup(&p, 1000000000ULL, 1);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	format_mac(mac, sizeof(mac), p.da->dev_addr, ETH_ALEN);
	want = g_strdup_printf(fresh_eth0, mac);
	s = pg_read(p.a, "/proc/net/pktgen/eth0");
	ck_assert_str_eq(s, want);
	g_free(s);
	g_free(want);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "imix_weights 64,7 576,4"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "vlan_id 10"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "burst 1"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "dst6 fe80::0:1"), 0);
	s = pg_read(p.a, "/proc/net/pktgen/eth0");
	ck_assert_ptr_nonnull(strstr(s, "\n     imix_weights: 64,7 576,4 \n"));
	ck_assert_ptr_nonnull(strstr(s, "\n     vlan_id: 10  vlan_p: 0  vlan_cfi: 0\n"));
	ck_assert_ptr_nonnull(strstr(s, "\n     daddr: fe80::1  min_daddr: ::  max_daddr: ::\n"));
	ck_assert_ptr_nonnull(strstr(s, "\n     Flags: IPV6  SHARED  \n"));
	ck_assert_ptr_nonnull(strstr(s, "\n     imix_size_counts: 64,0 576,0 \n"));
	g_free(s);
	ck_result(p.a, "/proc/net/pktgen/eth0", "OK: dst6=fe80::1");
	tl_world_free(p.w);
}
END_TEST

/* Sends @count frames from eth0 (added to kpktgend_0 unless there), runs
 * the network @run further and returns the Result line. */
static char *pg_flood(struct tl_pair *p, u64 count, sim_time_t run)
{
	char cmd[64];

	if (sim_vfs_access(p->a, "/proc/net/pktgen/eth0", false) < 0)
		ck_assert_int_eq(pg_write(p->a, "/proc/net/pktgen/kpktgend_0",
					  "add_device eth0"), 0);
	snprintf(cmd, sizeof(cmd), "count %llu", (unsigned long long)count);
	ck_assert_int_eq(pg_write(p->a, "/proc/net/pktgen/eth0", cmd), 0);
	ck_assert_int_eq(pg_write(p->a, "/proc/net/pktgen/pgctrl", "start"), 0);
	ck_result(p->a, "/proc/net/pktgen/eth0", "Starting");
	world_run(p->w, sim_now(p->w) + run);
	return pg_result(p->a, "/proc/net/pktgen/eth0");
}

START_TEST(test_line_rate_1g)
{
	struct tl_pair p;
	char *res;

	pg_setup(&p, 1000000000ULL, 1);
	res = pg_flood(&p, 100000, 100 * SIM_NSEC_PER_MSEC);
	/* 58-byte frames padded to 60, + FCS, preamble, gap: 84 bytes = 672 ns */
	ck_assert_str_eq(res, "OK: 67200(c67027+d172) usec, 100000 (58byte,0frags)\n"
			      "  1488095pps 690Mb/sec (690476080bps) errors: 0");
	g_free(res);
	ck_assert_uint_eq(p.da->stats.tx_packets, 100000);
	ck_assert_uint_eq(p.db->stats.rx_packets, 100000);
	ck_assert_uint_eq(p.db->stats.rx_bytes, 100000 * 60);
	tl_world_free(p.w);
}
END_TEST

START_TEST(test_line_rate_10g)
{
	struct tl_pair p;
	char *res;

	pg_setup(&p, 10000000000ULL, 1);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "pkt_size 60"), 0);
	res = pg_flood(&p, 100000, 10 * SIM_NSEC_PER_MSEC);
	/* 67.2 ns per runt at 10 Gbit/s: 14880952 frames per second (pktgen's integer usecs) */
	ck_assert_str_eq(res, "OK: 6720(c6702+d17) usec, 100000 (60byte,0frags)\n"
			      "  14880879pps 7142Mb/sec (7142821920bps) errors: 0");
	g_free(res);
	/* count 0 runs until "stop"; sofar counts what the driver took, ring included */
	g_free(pg_flood(&p, 0, 10 * SIM_NSEC_PER_MSEC));
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "stop"), 0);
	res = pg_result(p.a, "/proc/net/pktgen/eth0");
	ck_assert_str_eq(res, "OK: 10000(c10000+d0) usec, 149064 (60byte,0frags)\n"
			      "  14906400pps 7155Mb/sec (7155072000bps) errors: 0");
	g_free(res);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "stop"), 0);	/* again: no-op */
	tl_world_free(p.w);
}
END_TEST

/* What b's IPv4 handler saw: arrival time and the bytes from the IP header on. */
struct rx_frames {
	struct packet_type pt;
	int n;
	sim_time_t at[8];
	int pkt_type[8];
	u8 mac[8][ETH_HLEN];
	u8 data[8][64];
	unsigned int len[8];
};

static int rx_record(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		     struct net_device *orig_dev)
{
	struct rx_frames *rx = container_of(pt, struct rx_frames, pt);

	(void)orig_dev;
	if (rx->n < 8) {
		rx->at[rx->n] = sim_now(dev_net(dev)->w);
		rx->pkt_type[rx->n] = skb->pkt_type;
		memcpy(rx->mac[rx->n], skb_mac_header(skb), ETH_HLEN);
		rx->len[rx->n] = skb->len;
		memcpy(rx->data[rx->n], skb->data, min(skb->len, 64u));
		rx->n++;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static u16 be16_at(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static u32 be32_at(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* RFC 1071 sum of @len bytes plus @sum, folded: 0xffff when the checksum is right */
static u16 fold_sum(const u8 *p, unsigned int len, u32 sum)
{
	for (; len > 1; p += 2, len -= 2)
		sum += be16_at(p);
	if (len)
		sum += (u32)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

START_TEST(test_delay_and_frame)
{
	static const sim_time_t want_at[] = {
		672, 1344, 1000672, 2000672, 3000672,
	};
	struct rx_frames rx = { .pt = { .type = htons(ETH_P_IP), .func = rx_record } };
	struct tl_pair p;
	char cmd[64], mac[24], *res;

	pg_setup(&p, 1000000000ULL, 1);
	dev_add_pack(p.b->net, &rx.pt);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	snprintf(cmd, sizeof(cmd), "dst_mac %s", format_mac(mac, sizeof(mac), p.db->dev_addr,
							   ETH_ALEN));
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", cmd), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "count 5"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "delay 1000000"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "dst 10.0.0.2"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "src_min 10.0.0.1"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "src_max 10.0.0.1"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "flag UDPCSUM"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	world_run(p.w, 10 * SIM_NSEC_PER_MSEC);
	res = pg_result(p.a, "/proc/net/pktgen/eth0");
	/* the first two go back to back, then one per delay (as spin() does) */
	ck_assert_str_eq(res, "OK: 3000(c0+d3000) usec, 5 (58byte,0frags)\n"
			      "  1666pps 0Mb/sec (773024bps) errors: 0");
	g_free(res);
	ck_assert_int_eq(rx.n, 5);
	for (int i = 0; i < 5; i++) {
		const u8 *ip = rx.data[i], *udp = ip + 20, *pgh = udp + 8;
		u32 pseudo = be16_at(ip + 12) + be16_at(ip + 14) + be16_at(ip + 16) +
			     be16_at(ip + 18) + 17 + 24;

		ck_assert_int_eq(rx.at[i], want_at[i]);
		ck_assert_int_eq(rx.pkt_type[i], PACKET_HOST);
		ck_assert_mem_eq(rx.mac[i], p.db->dev_addr, ETH_ALEN);
		ck_assert_mem_eq(rx.mac[i] + 6, p.da->dev_addr, ETH_ALEN);
		ck_assert_uint_eq(be16_at(rx.mac[i] + 12), ETH_P_IP);
		ck_assert_uint_eq(rx.len[i], 46);	/* 44 of IPv4 and 2 of padding */
		ck_assert_uint_eq(ip[0], 0x45);
		ck_assert_uint_eq(be16_at(ip + 2), 44);
		ck_assert_uint_eq(be16_at(ip + 4), (unsigned int)i);	/* id */
		ck_assert_uint_eq(ip[8], 32);				/* ttl */
		ck_assert_uint_eq(ip[9], 17);				/* udp */
		ck_assert_uint_eq(fold_sum(ip, 20, 0), 0xffff);
		ck_assert_uint_eq(be32_at(ip + 12), 0x0a000001);
		ck_assert_uint_eq(be32_at(ip + 16), 0x0a000002);
		ck_assert_uint_eq(be16_at(udp), 9);
		ck_assert_uint_eq(be16_at(udp + 2), 9);
		ck_assert_uint_eq(be16_at(udp + 4), 24);
		ck_assert_uint_ne(be16_at(udp + 6), 0);
		ck_assert_uint_eq(fold_sum(udp, 24, pseudo), 0xffff);
		ck_assert_uint_eq(be32_at(pgh), 0xbe9be955);
		ck_assert_uint_eq(be32_at(pgh + 4), (unsigned int)i + 1);	/* seq */
		ck_assert_uint_eq(be32_at(pgh + 8), 0);				/* tv_sec */
	}
	/* built at 0, 0, 0, 1 ms, 2 ms: the timestamp is when it was made */
	ck_assert_uint_eq(be32_at(rx.data[3] + 40), 1000);	/* tv_usec */
	ck_assert_uint_eq(be32_at(rx.data[4] + 40), 2000);
	dev_remove_pack(p.b->net, &rx.pt);
	tl_world_free(p.w);
}
END_TEST

/* Without src_min the source is the device's first IPv4 address. */
START_TEST(test_source_address)
{
	struct tl_pair p;
	struct sim_err err = { { 0 } };
	char *s;

	pg_setup(&p, 1000000000ULL, 1);
	ck_assert_msg(inet_rtm_newaddr(p.a->net, p.da, htonl(0x0a000001), 24, 0, true,
				       RT_SCOPE_UNIVERSE, NULL, 0, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "dst 10.0.0.2"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "count 3"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	world_run(p.w, SIM_NSEC_PER_MSEC);
	s = pg_read(p.a, "/proc/net/pktgen/eth0");
	ck_assert_ptr_nonnull(strstr(s, "\n     cur_saddr: 10.0.0.1  cur_daddr: 10.0.0.2\n"));
	g_free(s);
	tl_world_free(p.w);
}
END_TEST

/* xmit_mode queue_xmit goes through the qdisc; netif_receive into a's own stack. */
START_TEST(test_xmit_modes)
{
	struct tl_pair p;
	char *res;

	pg_setup(&p, 1000000000ULL, 1);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "xmit_mode queue_xmit"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "clone_skb 1"), -EOPNOTSUPP);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "burst 2"), -EOPNOTSUPP);
	res = pg_flood(&p, 500, 10 * SIM_NSEC_PER_MSEC);
	/* the qdisc takes them all at once (txqueuelen 1000), the NIC drains it */
	ck_assert_msg(g_str_has_prefix(res, "OK: 336("), "%s", res);
	ck_assert_ptr_nonnull(strstr(res, "\n  1488095pps 690Mb/sec (690476080bps) errors: 0"));
	g_free(res);
	ck_assert_uint_eq(p.db->stats.rx_packets, 500);
	/* 5000 at once overflow pfifo_fast: its drops are pktgen's errors */
	res = pg_flood(&p, 5000, 20 * SIM_NSEC_PER_MSEC);
	ck_assert_msg(strstr(res, " errors: 0") == NULL, "%s", res);
	g_free(res);

	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "xmit_mode netif_receive"), 0);
	res = pg_flood(&p, 10, SIM_NSEC_PER_MSEC);
	/* to 00:00:00:00:00:00, not a's: ip_rcv drops each (OTHERHOST) */
	ck_assert_str_eq(res, "OK: 0(c0+d0) usec, 10 (58byte,0frags)\n"
			      "  0pps 0Mb/sec (0bps) errors: 10");
	g_free(res);
	tl_world_free(p.w);
}
END_TEST

/* The link goes down under a running flood, then the device goes away. */
START_TEST(test_device_down_and_gone)
{
	struct tl_pair p;
	char *res, *s;

	pg_setup(&p, 1000000000ULL, 1);
	g_free(pg_flood(&p, 0, SIM_NSEC_PER_MSEC));
	dev_close(p.db);		/* carrier off at a: pktgen stops by itself */
	world_run(p.w, 2 * SIM_NSEC_PER_MSEC);
	res = pg_result(p.a, "/proc/net/pktgen/eth0");
	ck_assert_msg(g_str_has_prefix(res, "OK: 1000(c"), "%s", res);
	g_free(res);
	s = pg_read(p.a, "/proc/net/pktgen/kpktgend_0");
	ck_assert_ptr_nonnull(strstr(s, "Running: \nStopped: eth0 \n"));
	g_free(s);
	/* start again on a dead link: stops at once, nothing sent */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	world_run(p.w, 3 * SIM_NSEC_PER_MSEC);
	ck_result(p.a, "/proc/net/pktgen/eth0",
		  "OK: 0(c0+d0) usec, 0 (58byte,-1frags)\n  0pps 0Mb/sec (0bps) errors: 0");
	unregister_netdevice(p.da);
	ck_assert_int_eq(sim_vfs_access(p.a, "/proc/net/pktgen/eth0", false), -ENOENT);
	free_netdev(p.da);
	tl_world_free(p.w);
}
END_TEST

/* Removing a device the thread is waiting on, and tearing down mid-run. */
START_TEST(test_remove_while_running)
{
	struct tl_pair p;
	u64 sent;
	char *s;

	pg_setup(&p, 1000000000ULL, 2);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "add_device eth0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "count 0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	world_run(p.w, 100 * SIM_NSEC_PER_USEC);
	s = pg_read(p.a, "/proc/net/pktgen/kpktgend_1");
	ck_assert_str_eq(s, "Running: eth0 \nStopped: \nResult: OK: add_device=eth0\n");
	g_free(s);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_1", "rem_device_all"), 0);
	world_run(p.w, 200 * SIM_NSEC_PER_USEC);
	/* again, and leave it running into the teardown */
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/kpktgend_0", "add_device eth0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "count 0"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "delay 2147483647"), 0);
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/pgctrl", "start"), 0);
	world_run(p.w, 300 * SIM_NSEC_PER_USEC);	/* the ring of the first run drains */
	sent = p.da->stats.tx_packets;
	world_run(p.w, 350 * SIM_NSEC_PER_USEC);	/* "never transmit": sleeps */
	ck_assert_uint_eq(p.da->stats.tx_packets, sent);
	ck_result(p.a, "/proc/net/pktgen/eth0", "Starting");
	ck_assert_int_eq(pg_write(p.a, "/proc/net/pktgen/eth0", "delay 0"), 0);
	world_run(p.w, 400 * SIM_NSEC_PER_USEC);
	ck_assert_uint_gt(p.da->stats.tx_packets, sent);
	tl_world_free(p.w);
}
END_TEST

static Suite *pktgen_suite(void)
{
	Suite *s = suite_create("pktgen");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_files_before_use);
	tcase_add_test(tc, test_add_device);
	tcase_add_loop_test(tc, test_params, 0, (int)ARRAY_SIZE(param_cases));
	tcase_add_test(tc, test_show_fresh_and_imix);
	tcase_add_test(tc, test_line_rate_1g);
	tcase_add_test(tc, test_line_rate_10g);
	tcase_add_test(tc, test_delay_and_frame);
	tcase_add_test(tc, test_source_address);
	tcase_add_test(tc, test_xmit_modes);
	tcase_add_test(tc, test_device_down_and_gone);
	tcase_add_test(tc, test_remove_while_running);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(pktgen_suite());
}
