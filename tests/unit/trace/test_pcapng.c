/*
 * tests/unit/trace/test_pcapng.c - the pcapng writer and annotated captures
 *
 * No kernel counterpart (sim/trace/pcapng.c is dumpcap's side).  Files are
 * checked twice: parsed here byte by byte (block lengths at both ends,
 * 32-bit padding with zero bytes, options and their end marker), and read
 * back with libpcap, which reads pcapng, at nanosecond precision.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <pcap/pcap.h>

#include "linux/if_ether.h"
#include "linux/netdevice.h"
#include "linux/skbuff.h"
#include "net/net_namespace.h"
#include "sim/trace/pcap.h"
#include "sim/trace/pcapng.h"
#include "sim/version.h"
#include "testlib.h"

/* ---- parsing a file ------------------------------------------------------ */

#define MAX_BLOCKS 32
#define MAX_OPTS 8

struct opt {
	uint16_t code;
	const uint8_t *val;
	uint16_t len;
};

struct block {
	uint32_t type, len;
	const uint8_t *body;		/* after type and length */
	uint32_t body_len;		/* without the trailing length */
	struct opt opts[MAX_OPTS];
	int nopts;
};

struct ngfile {
	gchar *bytes;
	gsize size;
	struct block b[MAX_BLOCKS];
	int n;
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Options from @at to the end of the body: padded, zero-filled, ended. */
static void parse_options(struct block *b, uint32_t at)
{
	bool ended = false;

	while (at < b->body_len) {
		const uint8_t *o = b->body + at;
		uint16_t code = le16(o), len = le16(o + 2);
		uint32_t padded = (len + 3u) & ~3u;

		ck_assert_msg(!ended, "option after opt_endofopt");
		ck_assert_uint_le(at + 4 + padded, b->body_len);
		for (uint32_t i = len; i < padded; i++)
			ck_assert_msg(o[4 + i] == 0, "padding byte %u of option %u not zero", i, code);
		if (code == PCAPNG_OPT_ENDOFOPT) {
			ck_assert_uint_eq(len, 0);
			ended = true;
		} else {
			ck_assert_int_lt(b->nopts, MAX_OPTS);
			b->opts[b->nopts++] = (struct opt){ code, o + 4, len };
		}
		at += 4 + padded;
	}
	ck_assert_uint_eq(at, b->body_len);
	ck_assert_msg(ended || b->nopts == 0, "options without opt_endofopt");
}

static void parse_file(struct ngfile *f, const char *path)
{
	gsize at = 0;

	memset(f, 0, sizeof(*f));
	ck_assert(g_file_get_contents(path, &f->bytes, &f->size, NULL));
	while (at < f->size) {
		const uint8_t *p = (const uint8_t *)f->bytes + at;
		struct block *b = &f->b[f->n];

		ck_assert_int_lt(f->n, MAX_BLOCKS);
		ck_assert_uint_ge(f->size - at, 12);
		b->type = le32(p);
		b->len = le32(p + 4);
		ck_assert_msg(b->len % 4 == 0, "block %d length %u not a multiple of 4", f->n, b->len);
		ck_assert_uint_ge(b->len, 12);
		ck_assert_uint_le(b->len, f->size - at);
		ck_assert_uint_eq(le32(p + b->len - 4), b->len);	/* trailing copy */
		b->body = p + 8;
		b->body_len = b->len - 12;
		f->n++;
		at += b->len;
	}
	ck_assert_uint_eq(at, f->size);
}

static const struct opt *find_opt(const struct block *b, uint16_t code)
{
	for (int i = 0; i < b->nopts; i++)
		if (b->opts[i].code == code)
			return &b->opts[i];
	return NULL;
}

static bool opt_is(const struct block *b, uint16_t code, const char *s)
{
	const struct opt *o = find_opt(b, code);

	return o && o->len == strlen(s) && memcmp(o->val, s, o->len) == 0;
}

static void check_shb(struct block *b)
{
	ck_assert_uint_eq(b->type, PCAPNG_BT_SHB);
	ck_assert_uint_eq(le32(b->body), PCAPNG_BYTE_ORDER_MAGIC);
	ck_assert_uint_eq(le16(b->body + 4), 1);
	ck_assert_uint_eq(le16(b->body + 6), 0);
	ck_assert_uint_eq(le32(b->body + 8), 0xffffffffu);	/* length unknown: -1 */
	ck_assert_uint_eq(le32(b->body + 12), 0xffffffffu);
	parse_options(b, 16);
}

static void check_idb(struct block *b, const char *name, uint16_t linktype)
{
	const struct opt *res;

	ck_assert_uint_eq(b->type, PCAPNG_BT_IDB);
	ck_assert_uint_eq(le16(b->body), linktype);
	ck_assert_uint_eq(le16(b->body + 2), 0);
	parse_options(b, 8);
	ck_assert_msg(opt_is(b, PCAPNG_IF_NAME, name), "if_name is not %s", name);
	res = find_opt(b, PCAPNG_IF_TSRESOL);
	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(res->len, 1);
	ck_assert_uint_eq(res->val[0], 9);
}

/* An EPB: interface, time, lengths, the bytes padded with zeros, comment. */
static void check_epb(struct block *b, uint32_t ifid, sim_time_t t, const uint8_t *data,
		      uint32_t caplen, uint32_t len, const char *comment)
{
	uint32_t padded = (caplen + 3u) & ~3u;

	ck_assert_uint_eq(b->type, PCAPNG_BT_EPB);
	ck_assert_uint_eq(le32(b->body), ifid);
	ck_assert_uint_eq(((uint64_t)le32(b->body + 4) << 32) | le32(b->body + 8), (uint64_t)t);
	ck_assert_uint_eq(le32(b->body + 12), caplen);
	ck_assert_uint_eq(le32(b->body + 16), len);
	ck_assert(memcmp(b->body + 20, data, caplen) == 0);
	for (uint32_t i = caplen; i < padded; i++)
		ck_assert_msg(b->body[20 + i] == 0, "packet padding byte %u not zero", i);
	parse_options(b, 20 + padded);
	if (comment) {
		ck_assert_msg(opt_is(b, PCAPNG_OPT_COMMENT, comment), "comment is not %s", comment);
	} else {
		ck_assert_int_eq(b->nopts, 0);
		/* no options at all: not even opt_endofopt */
		ck_assert_uint_eq(b->body_len, 20 + padded);
	}
}

/* ---- the writer ---------------------------------------------------------- */

static const uint8_t frame[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x06,
	0, 1, 8, 0, 6, 4, 0, 1, 0x02, 0, 0, 0, 0, 0x01, 10, 0, 0, 1,
	0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
};

/* caplen, len and comment lengths chosen to need 0, 1, 2 and 3 pad bytes */
struct pkt {
	uint32_t ifid;
	sim_time_t t;
	uint32_t caplen, len;
	const char *comment;
};

static const struct pkt pkts[] = {
	{ 0, 0, 42, 42, "out dev_queue_xmit_nit" },
	{ 1, 1000000123, 41, 41, "in __netif_receive_skb_core pkt_type host" },
	{ 0, 2 * SIM_NSEC_PER_SEC + 999999999, 40, 40, NULL },
	{ 1, (sim_time_t)5000 * SIM_NSEC_PER_SEC + 7, 39, 1514, "drop NO_SOCKET at udp_rcv" },
	{ 0, 6 * SIM_NSEC_PER_SEC, 42, 42, "abcd" },
};

static char *write_sample(const char *dir, const char *base)
{
	char *path = g_build_filename(dir, base, NULL);
	struct sim_err err = { { 0 } };
	struct sim_pcapng *f = sim_pcapng_open(path, "skbsim test", &err);

	ck_assert_msg(f != NULL, "%s", err.msg);
	ck_assert_uint_eq(sim_pcapng_add_interface(f, "h1:eth0", 1, 262144), 0);
	ck_assert_uint_eq(sim_pcapng_add_interface(f, "h1:drops", 1, 262144), 1);
	for (size_t i = 0; i < G_N_ELEMENTS(pkts); i++)
		sim_pcapng_write(f, pkts[i].ifid, pkts[i].t, frame, pkts[i].caplen, pkts[i].len,
				 pkts[i].comment);
	ck_assert_uint_eq(sim_pcapng_packets(f), G_N_ELEMENTS(pkts));
	ck_assert_uint_eq(sim_pcapng_interfaces(f), 2);
	ck_assert_str_eq(sim_pcapng_path(f), path);
	ck_assert_int_eq(sim_pcapng_close(f, &err), 0);
	return path;
}

START_TEST(test_pcapng_blocks_lengths_padding)
{
	char *dir = tl_tmpdir(), *path = write_sample(dir, "a.pcapng");
	struct ngfile f;

	parse_file(&f, path);
	ck_assert_int_eq(f.n, 3 + (int)G_N_ELEMENTS(pkts));
	check_shb(&f.b[0]);
	ck_assert(opt_is(&f.b[0], PCAPNG_SHB_USERAPPL, "skbsim test"));
	check_idb(&f.b[1], "h1:eth0", 1);
	check_idb(&f.b[2], "h1:drops", 1);
	for (size_t i = 0; i < G_N_ELEMENTS(pkts); i++)
		check_epb(&f.b[3 + i], pkts[i].ifid, pkts[i].t, frame, pkts[i].caplen,
			  pkts[i].len, pkts[i].comment);
	g_free(f.bytes);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcapng_libpcap_reads_it)
{
	char *dir = tl_tmpdir(), *path = write_sample(dir, "a.pcapng");
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *r;

	r = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	ck_assert_msg(r != NULL, "%s", errbuf);
	ck_assert_int_eq(pcap_datalink(r), DLT_EN10MB);
	for (size_t i = 0; i < G_N_ELEMENTS(pkts); i++) {
		ck_assert_int_eq(pcap_next_ex(r, &h, &data), 1);
		ck_assert_int_eq(h->ts.tv_sec, pkts[i].t / SIM_NSEC_PER_SEC);
		ck_assert_int_eq(h->ts.tv_usec, pkts[i].t % SIM_NSEC_PER_SEC);
		ck_assert_uint_eq(h->caplen, pkts[i].caplen);
		ck_assert_uint_eq(h->len, pkts[i].len);
		ck_assert(memcmp(data, frame, h->caplen) == 0);
	}
	ck_assert_int_eq(pcap_next_ex(r, &h, &data), PCAP_ERROR_BREAK);
	pcap_close(r);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcapng_identical_inputs_identical_bytes)
{
	char *dir = tl_tmpdir();
	char *a = write_sample(dir, "a.pcapng"), *b = write_sample(dir, "b.pcapng");
	gchar *ba, *bb;
	gsize la, lb;

	ck_assert(g_file_get_contents(a, &ba, &la, NULL));
	ck_assert(g_file_get_contents(b, &bb, &lb, NULL));
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(ba, bb, la) == 0);
	g_free(ba);
	g_free(bb);
	g_free(a);
	g_free(b);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

/* A frame longer than the interface's snaplen is cut, its length kept. */
START_TEST(test_pcapng_snaplen_cuts)
{
	char *dir = tl_tmpdir(), *path = g_build_filename(dir, "s.pcapng", NULL);
	struct sim_err err = { { 0 } };
	struct sim_pcapng *w = sim_pcapng_open(path, NULL, &err);
	struct ngfile f;

	ck_assert_ptr_nonnull(w);
	sim_pcapng_add_interface(w, "x", 1, 16);
	sim_pcapng_write(w, 0, 3, frame, sizeof(frame), sizeof(frame), "cut");
	ck_assert_int_eq(sim_pcapng_close(w, &err), 0);
	parse_file(&f, path);
	ck_assert_int_eq(f.n, 3);
	check_shb(&f.b[0]);
	ck_assert_int_eq(f.b[0].nopts, 0);	/* no userappl asked */
	check_epb(&f.b[2], 0, 3, frame, 16, sizeof(frame), "cut");
	g_free(f.bytes);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcapng_unwritable_path_is_an_error)
{
	struct sim_err err = { { 0 } };

	ck_assert_ptr_null(sim_pcapng_open("/nonexistent-dir/x.pcapng", "skbsim", &err));
	ck_assert_msg(strstr(err.msg, "/nonexistent-dir/x.pcapng: ") == err.msg, "%s", err.msg);
}
END_TEST

/* ---- annotated captures of a world -------------------------------------- */

struct ng_fixture {
	struct world *w;
	struct node *h1, *h2;
	char *dir;
};

static void ng_setup(struct ng_fixture *f)
{
	struct sim_err err = { { 0 } };

	f->w = tl_world_with("capture", 1, tl_host_modules);
	f->h1 = world_add_node(f->w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	f->h2 = world_add_node(f->w, "host", "h2", NULL, &err);
	ck_assert_msg(f->h2 != NULL, "%s", err.msg);
	f->dir = tl_tmpdir();
	f->w->out_dir = g_build_filename(f->dir, "out", NULL);
}

static void ng_teardown(struct ng_fixture *f)
{
	tl_world_free(f->w);
	tl_rmtree(f->dir);
	g_free(f->dir);
}

static char *ng_path(const struct ng_fixture *f, const char *node)
{
	char *base = g_strdup_printf("%s.pcapng", node);
	char *path = g_build_filename(f->w->out_dir, "pcapng", base, NULL);

	g_free(base);
	return path;
}

/*
 * annotate on h1 only: h1's pcapng gets an interface per device on its
 * first frame and "h1:drops" on its first drop; h2 has its pcap only.
 */
START_TEST(test_annotate_one_node)
{
	struct ng_fixture f;
	struct sim_err err = { { 0 } };
	struct sim_pcap *e0, *e1, *h2e0;
	char *path, *p2;
	struct ngfile nf;

	ng_setup(&f);
	ck_assert_int_eq(sim_capture_enable(f.w, NULL, NULL, &err), 0);
	ck_assert(!f.w->capture_annotate);
	ck_assert_int_eq(sim_capture_enable_annotate(f.w, "h1", NULL, true, &err), 0);
	ck_assert(f.w->capture_annotate);
	e0 = sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB);
	e1 = sim_capture_iface(f.w, f.h1, "eth1", SIM_DLT_EN10MB);
	h2e0 = sim_capture_iface(f.w, f.h2, "eth0", SIM_DLT_EN10MB);
	ck_assert(sim_pcap_annotated(e0) && sim_pcap_annotated(e1));
	ck_assert(!sim_pcap_annotated(h2e0));
	ck_assert(sim_capture_node_annotated(f.w, f.h1));
	ck_assert(!sim_capture_node_annotated(f.w, f.h2));

	/* eth1 carries a frame first: it is interface 0 */
	ck_assert(sim_pcap_write(e1, 10, frame, sizeof(frame), sizeof(frame)));
	sim_pcap_annotate(e1, 10, frame, sizeof(frame), sizeof(frame), "out one");
	sim_capture_drop(f.w, f.h1, 20, frame, 30, 30, "drop NO_SOCKET at udp_rcv");
	ck_assert(sim_pcap_write(e0, 30, frame, sizeof(frame), sizeof(frame)));
	sim_pcap_annotate(e0, 30, frame, sizeof(frame), sizeof(frame), "in two");
	sim_pcap_annotate(e1, 40, frame, sizeof(frame), sizeof(frame), "out three");
	sim_capture_drop(f.w, f.h2, 50, frame, 30, 30, "not annotated: ignored");
	sim_capture_flush_all(f.w);

	path = ng_path(&f, "h1");
	parse_file(&nf, path);
	ck_assert_int_eq(nf.n, 1 + 3 + 4);
	check_shb(&nf.b[0]);
	ck_assert(opt_is(&nf.b[0], PCAPNG_SHB_USERAPPL, "skbsim " SKBSIM_VERSION));
	check_idb(&nf.b[1], "h1:eth1", SIM_DLT_EN10MB);
	check_epb(&nf.b[2], 0, 10, frame, sizeof(frame), sizeof(frame), "out one");
	check_idb(&nf.b[3], "h1:drops", SIM_DLT_EN10MB);
	check_epb(&nf.b[4], 1, 20, frame, 30, 30, "drop NO_SOCKET at udp_rcv");
	check_idb(&nf.b[5], "h1:eth0", SIM_DLT_EN10MB);
	check_epb(&nf.b[6], 2, 30, frame, sizeof(frame), sizeof(frame), "in two");
	check_epb(&nf.b[7], 0, 40, frame, sizeof(frame), sizeof(frame), "out three");
	g_free(nf.bytes);
	p2 = ng_path(&f, "h2");
	ck_assert(!g_file_test(p2, G_FILE_TEST_EXISTS));
	g_free(p2);
	g_free(path);
	ng_teardown(&f);
}
END_TEST

/* A filtered capture: sim_pcap_write() says no, so no comment is written. */
START_TEST(test_annotate_filter_rejects)
{
	struct ng_fixture f;
	struct sim_err err = { { 0 } };
	struct sim_pcap *p;
	struct ngfile nf;
	char *path;

	ng_setup(&f);
	ck_assert_int_eq(sim_capture_enable_annotate(f.w, NULL, "icmp", true, &err), 0);
	p = sim_capture_iface(f.w, f.h2, "eth0", SIM_DLT_EN10MB);
	ck_assert(sim_pcap_annotated(p));
	ck_assert(!sim_pcap_write(p, 1, frame, sizeof(frame), sizeof(frame)));	/* ARP */
	sim_capture_flush_all(f.w);
	path = ng_path(&f, "h2");
	parse_file(&nf, path);
	ck_assert_int_eq(nf.n, 1);	/* the section header only */
	g_free(nf.bytes);
	g_free(path);
	ng_teardown(&f);
}
END_TEST

/* No out_dir (a run without outputs): nothing annotated, nothing written. */
START_TEST(test_annotate_without_out_dir)
{
	struct ng_fixture f;
	struct sim_err err = { { 0 } };

	ng_setup(&f);
	g_free(f.w->out_dir);
	f.w->out_dir = NULL;
	ck_assert_int_eq(sim_capture_enable_annotate(f.w, NULL, NULL, true, &err), 0);
	ck_assert(!sim_capture_node_annotated(f.w, f.h1));
	sim_capture_drop(f.w, f.h1, 1, frame, 30, 30, "x");
	ng_teardown(&f);
}
END_TEST

/* ---- drop records (models/core/capture.c) ------------------------------- */

/* The function name the drop records: this one. */
static void drop_it(struct sk_buff *skb, enum skb_drop_reason reason)
{
	kfree_skb_reason(skb, reason);
}

static struct sk_buff *payload_skb(struct net *net, const void *data, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(net, 256);

	skb_reserve(skb, 64);
	skb->dev = net->loopback_dev;
	memcpy(skb_put(skb, len), data, len);
	return skb;
}

/*
 * What a drop record's frame is made of: the mac header on when set, else
 * a zero-MAC Ethernet header with skb->protocol before the network
 * header, else (no header yet) EtherType 0x88b5 before the data.
 */
START_TEST(test_drop_records_frames)
{
	static const uint8_t ip[20] = { 0x45, 0, 0, 20, 0, 1, 0, 0, 1, 17, 0, 0,
					10, 0, 0, 1, 10, 0, 0, 2 };
	static const uint8_t eth[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00 };
	struct sim_err err = { { 0 } };
	uint8_t want[64] = { 0 };
	struct sk_buff *skb;
	struct node *h1;
	struct world *w;
	struct ngfile nf;
	char *dir, *path;

	w = tl_world("pcapng", 1);
	h1 = world_add_node(w, "host", "h1", NULL, &err);
	ck_assert_msg(h1 != NULL, "%s", err.msg);
	dir = tl_tmpdir();
	w->out_dir = g_build_filename(dir, "out", NULL);
	ck_assert_int_eq(sim_capture_enable_annotate(w, NULL, "icmp", true, &err), 0);

	/* a socket's payload, no header at all */
	drop_it(payload_skb(node_net(h1), "hello", 5), SKB_DROP_REASON_SOCKET_RCVBUFF);
	/* an IPv4 packet before its Ethernet header: the filter does not apply */
	skb = payload_skb(node_net(h1), ip, sizeof(ip));
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_IP);
	skb->mark = 0x2a;
	drop_it(skb, SKB_DROP_REASON_IP_INHDR);
	/* a received frame: from its mac header */
	skb = payload_skb(node_net(h1), eth, sizeof(eth));
	skb_reset_mac_header(skb);
	memcpy(skb_put(skb, sizeof(ip)), ip, sizeof(ip));
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_IP);
	drop_it(skb, SKB_DROP_REASON_OTHERHOST);
	sim_capture_flush_all(w);

	path = g_build_filename(w->out_dir, "pcapng", "h1.pcapng", NULL);
	parse_file(&nf, path);
	ck_assert_int_eq(nf.n, 5);
	check_idb(&nf.b[1], "h1:drops", SIM_DLT_EN10MB);
	want[12] = 0x88;
	want[13] = 0xb5;
	memcpy(want + 14, "hello", 5);
	check_epb(&nf.b[2], 0, 0, want, 19, 19, "drop SOCKET_RCVBUFF at drop_it dev lo");
	want[12] = 0x08;
	want[13] = 0x00;
	memcpy(want + 14, ip, sizeof(ip));
	check_epb(&nf.b[3], 0, 0, want, 34, 34, "drop IP_INHDR at drop_it dev lo mark 0x2a");
	memcpy(want, eth, sizeof(eth));
	check_epb(&nf.b[4], 0, 0, want, 34, 34, "drop OTHERHOST at drop_it dev lo");
	g_free(nf.bytes);
	g_free(path);
	tl_world_free(w);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

static Suite *pcapng_suite(void)
{
	Suite *s = suite_create("pcapng");
	TCase *tc = tcase_create("file");

	tcase_add_test(tc, test_pcapng_blocks_lengths_padding);
	tcase_add_test(tc, test_pcapng_libpcap_reads_it);
	tcase_add_test(tc, test_pcapng_identical_inputs_identical_bytes);
	tcase_add_test(tc, test_pcapng_snaplen_cuts);
	tcase_add_test(tc, test_pcapng_unwritable_path_is_an_error);
	suite_add_tcase(s, tc);
	tc = tcase_create("annotate");
	tcase_add_test(tc, test_annotate_one_node);
	tcase_add_test(tc, test_annotate_filter_rejects);
	tcase_add_test(tc, test_annotate_without_out_dir);
	tcase_add_test(tc, test_drop_records_frames);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(pcapng_suite());
}
