/*
 * tests/unit/trace/test_pcap.c - pcap files and the capture configuration
 *
 * No kernel counterpart (sim/trace/pcap.c is tcpdump's side).  Files are
 * read back with libpcap itself, at nanosecond precision.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "sim/trace/pcap.h"
#include "testlib.h"

/* ---- frames ----------------------------------------------------------- */

#define FRAME_LEN (14 + 20 + 8 + 4)	/* Ethernet, IPv4, ICMP/UDP header, payload */

/* An Ethernet/IPv4 frame carrying @proto (1 ICMP, 17 UDP); checksums unset. */
static void make_frame(uint8_t *f, uint8_t proto, uint8_t tag)
{
	static const uint8_t eth[14] = {
		0x02, 0, 0, 0, 0, 0x02,  0x02, 0, 0, 0, 0, 0x01,  0x08, 0x00,
	};
	static const uint8_t ip[20] = {
		0x45, 0, 0, FRAME_LEN - 14, 0, 1, 0, 0, 64, 0, 0, 0,
		10, 0, 0, 1,  10, 0, 0, 2,
	};

	memset(f, 0, FRAME_LEN);
	memcpy(f, eth, sizeof(eth));
	memcpy(f + 14, ip, sizeof(ip));
	f[14 + 9] = proto;
	f[14 + 20] = proto == 1 ? 8 : 0x30;	/* echo request, or port 0x30xx */
	f[FRAME_LEN - 1] = tag;
}

struct rec {
	sim_time_t t;
	uint32_t caplen, len;
	uint8_t proto, tag;
};

static const struct rec recs[] = {
	{ 0, FRAME_LEN, FRAME_LEN, 1, 1 },
	{ 1000000123, FRAME_LEN, FRAME_LEN, 17, 2 },
	{ 2 * SIM_NSEC_PER_SEC + 999999999, 38, FRAME_LEN, 1, 3 },	/* snapped */
	{ 7 * SIM_NSEC_PER_SEC, FRAME_LEN, 1500, 17, 4 },	/* longer on the wire */
};

static void write_recs(struct sim_pcap *p)
{
	uint8_t f[FRAME_LEN];
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(recs); i++) {
		make_frame(f, recs[i].proto, recs[i].tag);
		sim_pcap_write(p, recs[i].t, f, recs[i].caplen, recs[i].len);
	}
}

static pcap_t *open_read(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *r = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO,
							     errbuf);

	ck_assert_msg(r != NULL, "%s: %s", path, errbuf);
	return r;
}

/* Checks the next frame in @r is recs[@i]. */
static void expect_rec(pcap_t *r, unsigned int i)
{
	const struct rec *e = &recs[i];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint8_t f[FRAME_LEN];

	ck_assert_int_eq(pcap_next_ex(r, &h, &data), 1);
	ck_assert_int_eq(h->ts.tv_sec, e->t / SIM_NSEC_PER_SEC);
	ck_assert_int_eq(h->ts.tv_usec, e->t % SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(h->caplen, e->caplen);
	ck_assert_uint_eq(h->len, e->len);
	make_frame(f, e->proto, e->tag);
	ck_assert_mem_eq(data, f, e->caplen);
}

static void expect_end(pcap_t *r)
{
	struct pcap_pkthdr *h;
	const u_char *data;

	ck_assert_int_eq(pcap_next_ex(r, &h, &data), PCAP_ERROR_BREAK);
}

/* ---- one file --------------------------------------------------------- */

START_TEST(test_pcap_roundtrip_ns)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "a.pcap", NULL);
	struct sim_err err = { { 0 } };
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, NULL, &err);
	unsigned int i;
	pcap_t *r;

	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_str_eq(sim_pcap_path(p), path);
	write_recs(p);
	ck_assert_uint_eq(sim_pcap_frames(p), G_N_ELEMENTS(recs));
	sim_pcap_close(p);

	r = open_read(path);
	ck_assert_int_eq(pcap_datalink(r), DLT_EN10MB);
	ck_assert_int_eq(pcap_snapshot(r), SIM_PCAP_SNAPLEN);
	ck_assert_int_eq(pcap_get_tstamp_precision(r), PCAP_TSTAMP_PRECISION_NANO);
	for (i = 0; i < G_N_ELEMENTS(recs); i++)
		expect_rec(r, i);
	expect_end(r);
	pcap_close(r);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcap_file_is_nanosecond_pcap)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "a.pcap", NULL);
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, NULL, NULL);
	gchar *bytes;
	gsize len;
	uint32_t magic;

	ck_assert_ptr_nonnull(p);
	sim_pcap_close(p);
	ck_assert(g_file_get_contents(path, &bytes, &len, NULL));
	ck_assert_uint_eq(len, 24);	/* the file header alone */
	memcpy(&magic, bytes, 4);
	ck_assert_uint_eq(magic, 0xa1b23c4d);	/* nanosecond pcap, host order */
	g_free(bytes);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcap_filter_drops_nonmatching)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "icmp.pcap", NULL);
	struct sim_err err = { { 0 } };
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, "icmp", &err);
	pcap_t *r;

	ck_assert_msg(p != NULL, "%s", err.msg);
	write_recs(p);
	ck_assert_uint_eq(sim_pcap_frames(p), 2);	/* recs 0 and 2 are ICMP */
	sim_pcap_close(p);

	r = open_read(path);
	expect_rec(r, 0);
	expect_rec(r, 2);
	expect_end(r);
	pcap_close(r);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

static const char *const bad_filters[] = {
	"tcp port",
	"((",
	"udp port 99999",
};

START_TEST(test_pcap_bad_filter_is_an_error)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "bad.pcap", NULL);
	struct sim_err err = { { 0 } };
	char *want = g_strdup_printf("bad capture filter \"%s\": ", bad_filters[_i]);

	ck_assert_ptr_null(sim_pcap_open(path, SIM_DLT_EN10MB, bad_filters[_i], &err));
	ck_assert_msg(g_str_has_prefix(err.msg, want), "message: %s", err.msg);
	ck_assert_msg(strlen(err.msg) > strlen(want), "no reason: %s", err.msg);
	ck_assert_msg(!g_file_test(path, G_FILE_TEST_EXISTS), "a bad filter left a file");
	g_free(want);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcap_unwritable_path_is_an_error)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "no", "such", "dir.pcap", NULL);
	struct sim_err err = { { 0 } };

	ck_assert_ptr_null(sim_pcap_open(path, SIM_DLT_EN10MB, NULL, &err));
	ck_assert_msg(strstr(err.msg, path) != NULL, "message: %s", err.msg);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

static gchar *write_file(const char *dir, const char *name, gsize *len)
{
	char *path = g_build_filename(dir, name, NULL);
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, "ip", NULL);
	gchar *bytes;

	ck_assert_ptr_nonnull(p);
	write_recs(p);
	sim_pcap_close(p);
	ck_assert(g_file_get_contents(path, &bytes, len, NULL));
	g_free(path);
	return bytes;
}

START_TEST(test_pcap_identical_inputs_identical_bytes)
{
	char *dir = tl_tmpdir();
	gsize la, lb;
	gchar *a = write_file(dir, "a.pcap", &la);
	gchar *b = write_file(dir, "b.pcap", &lb);

	ck_assert_uint_eq(la, lb);
	ck_assert_uint_gt(la, 24);
	ck_assert_mem_eq(a, b, la);
	g_free(a);
	g_free(b);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

START_TEST(test_pcap_caplen_capped_at_snaplen)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "big.pcap", NULL);
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, NULL, NULL);
	uint32_t big = SIM_PCAP_SNAPLEN + 100;
	uint8_t *f = g_malloc0(big);
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *r;

	ck_assert_ptr_nonnull(p);
	sim_pcap_write(p, 5, f, big, big);
	sim_pcap_close(p);
	r = open_read(path);
	ck_assert_int_eq(pcap_next_ex(r, &h, &data), 1);
	ck_assert_uint_eq(h->caplen, SIM_PCAP_SNAPLEN);
	ck_assert_uint_eq(h->len, big);
	pcap_close(r);
	g_free(f);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

/* A frame above the 64 KiB buffer goes straight out, after what is
 * buffered and before what follows: the records stay in order. */
START_TEST(test_pcap_big_frame_between_small_ones)
{
	char *dir = tl_tmpdir();
	char *path = g_build_filename(dir, "mix.pcap", NULL);
	struct sim_pcap *p = sim_pcap_open(path, SIM_DLT_EN10MB, NULL, NULL);
	static const uint32_t sizes[] = { 60, 70000, 1514, 65536, 60 };
	uint8_t *f = g_malloc(70000);
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *r;

	ck_assert_ptr_nonnull(p);
	for (unsigned int i = 0; i < G_N_ELEMENTS(sizes); i++) {
		memset(f, (int)i + 1, sizes[i]);
		ck_assert(sim_pcap_write(p, (sim_time_t)i, f, sizes[i], sizes[i]));
	}
	sim_pcap_close(p);
	r = open_read(path);
	for (unsigned int i = 0; i < G_N_ELEMENTS(sizes); i++) {
		ck_assert_int_eq(pcap_next_ex(r, &h, &data), 1);
		ck_assert_uint_eq(h->caplen, sizes[i]);
		ck_assert_uint_eq(h->ts.tv_usec, i);
		ck_assert_uint_eq(data[0], i + 1);
		ck_assert_uint_eq(data[sizes[i] - 1], i + 1);
	}
	expect_end(r);
	pcap_close(r);
	g_free(f);
	g_free(path);
	tl_rmtree(dir);
	g_free(dir);
}
END_TEST

/* ---- captures of a world ---------------------------------------------- */

struct capture_fixture {
	struct world *w;
	struct node *h1, *h2;
	char *dir;
};

static void capture_setup(struct capture_fixture *f, bool with_out_dir)
{
	struct sim_err err = { { 0 } };

	f->w = tl_world_with("capture", 1, tl_host_modules);
	f->h1 = world_add_node(f->w, "host", "h1", NULL, &err);
	ck_assert_msg(f->h1 != NULL, "%s", err.msg);
	f->h2 = world_add_node(f->w, "host", "h2", NULL, &err);
	ck_assert_msg(f->h2 != NULL, "%s", err.msg);
	f->dir = tl_tmpdir();
	if (with_out_dir)
		f->w->out_dir = g_build_filename(f->dir, "out", NULL);
}

static void capture_teardown(struct capture_fixture *f)
{
	tl_world_free(f->w);	/* closes the pcaps: ASan sees any leak */
	tl_rmtree(f->dir);
	g_free(f->dir);
}

static char *out_pcap(const struct capture_fixture *f, const char *base)
{
	return g_build_filename(f->w->out_dir, "pcap", base, NULL);
}

START_TEST(test_capture_off_by_default)
{
	struct capture_fixture f;

	capture_setup(&f, true);
	ck_assert_ptr_null(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	ck_assert_uint_eq(f.w->pcaps->len, 0);
	capture_teardown(&f);
}
END_TEST

START_TEST(test_capture_every_node)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };
	struct sim_pcap *a, *b;
	char *path;

	capture_setup(&f, true);
	ck_assert_int_eq(sim_capture_enable(f.w, NULL, NULL, &err), 0);
	a = sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB);
	b = sim_capture_iface(f.w, f.h2, "eth0", SIM_DLT_EN10MB);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	path = out_pcap(&f, "h1-eth0.pcap");
	ck_assert_str_eq(sim_pcap_path(a), path);
	ck_assert(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	g_free(path);
	/* the same interface again: the same file, not a truncated new one */
	ck_assert_ptr_eq(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB), a);
	ck_assert_ptr_ne(sim_capture_iface(f.w, f.h1, "eth1", SIM_DLT_EN10MB), a);
	ck_assert_uint_eq(f.w->pcaps->len, 3);
	capture_teardown(&f);
}
END_TEST

START_TEST(test_capture_one_node)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };

	capture_setup(&f, true);
	ck_assert_int_eq(sim_capture_enable(f.w, "h2", NULL, &err), 0);
	ck_assert_ptr_null(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	ck_assert_ptr_nonnull(sim_capture_iface(f.w, f.h2, "eth0", SIM_DLT_EN10MB));
	ck_assert_int_eq(sim_capture_enable(f.w, "h1", NULL, &err), 0);
	ck_assert_ptr_nonnull(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	capture_teardown(&f);
}
END_TEST

START_TEST(test_capture_without_out_dir)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };

	capture_setup(&f, false);
	ck_assert_int_eq(sim_capture_enable(f.w, NULL, NULL, &err), 0);
	ck_assert_ptr_null(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	capture_teardown(&f);
}
END_TEST

START_TEST(test_capture_rejects_bad_settings)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };

	capture_setup(&f, true);
	ck_assert_int_eq(sim_capture_enable(f.w, NULL, "tcp port", &err), -1);
	ck_assert_msg(g_str_has_prefix(err.msg, "bad capture filter \"tcp port\": "),
		      "message: %s", err.msg);
	ck_assert_int_eq(sim_capture_enable(f.w, "h9", NULL, &err), -1);
	ck_assert_msg(strstr(err.msg, "\"h9\"") != NULL, "message: %s", err.msg);
	/* nothing was enabled by the failed calls */
	ck_assert_ptr_null(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	capture_teardown(&f);
}
END_TEST

/* The latest call naming a node beats a capture of every node. */
START_TEST(test_capture_node_filter_wins)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };
	struct sim_pcap *p1, *p2;

	capture_setup(&f, true);
	ck_assert_int_eq(sim_capture_enable(f.w, "h2", "icmp", &err), 0);
	ck_assert_int_eq(sim_capture_enable(f.w, NULL, NULL, &err), 0);
	p1 = sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB);
	p2 = sim_capture_iface(f.w, f.h2, "eth0", SIM_DLT_EN10MB);
	write_recs(p1);
	write_recs(p2);
	ck_assert_uint_eq(sim_pcap_frames(p1), G_N_ELEMENTS(recs));
	ck_assert_uint_eq(sim_pcap_frames(p2), 2);
	capture_teardown(&f);
}
END_TEST

START_TEST(test_capture_close_all_flushes)
{
	struct capture_fixture f;
	struct sim_err err = { { 0 } };
	char *path;
	pcap_t *r;

	capture_setup(&f, true);
	ck_assert_int_eq(sim_capture_enable(f.w, "h1", NULL, &err), 0);
	write_recs(sim_capture_iface(f.w, f.h1, "eth0", SIM_DLT_EN10MB));
	path = out_pcap(&f, "h1-eth0.pcap");
	sim_capture_close_all(f.w);
	ck_assert_uint_eq(f.w->pcaps->len, 0);
	ck_assert_ptr_null(f.w->capture);
	r = open_read(path);
	expect_rec(r, 0);
	pcap_close(r);
	g_free(path);
	capture_teardown(&f);
}
END_TEST

static Suite *pcap_suite(void)
{
	Suite *s = suite_create("pcap");
	TCase *tc = tcase_create("file");

	tcase_add_test(tc, test_pcap_roundtrip_ns);
	tcase_add_test(tc, test_pcap_file_is_nanosecond_pcap);
	tcase_add_test(tc, test_pcap_filter_drops_nonmatching);
	tcase_add_loop_test(tc, test_pcap_bad_filter_is_an_error, 0,
			    G_N_ELEMENTS(bad_filters));
	tcase_add_test(tc, test_pcap_unwritable_path_is_an_error);
	tcase_add_test(tc, test_pcap_identical_inputs_identical_bytes);
	tcase_add_test(tc, test_pcap_caplen_capped_at_snaplen);
	tcase_add_test(tc, test_pcap_big_frame_between_small_ones);
	suite_add_tcase(s, tc);

	tc = tcase_create("capture");
	tcase_add_test(tc, test_capture_off_by_default);
	tcase_add_test(tc, test_capture_every_node);
	tcase_add_test(tc, test_capture_one_node);
	tcase_add_test(tc, test_capture_without_out_dir);
	tcase_add_test(tc, test_capture_rejects_bad_settings);
	tcase_add_test(tc, test_capture_node_filter_wins);
	tcase_add_test(tc, test_capture_close_all_flushes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(pcap_suite());
}
