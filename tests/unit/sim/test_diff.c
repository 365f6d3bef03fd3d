/*
 * tests/unit/sim/test_diff.c - `skbsim diff`: decoding and first divergences
 *
 * sim/diff.c decodes frames into named fields (our own decoder, no
 * tshark), names MACs "node.iface", normalises durations in output lines,
 * and compares two run directories built here the way runs leave them: a
 * metrics.db with the real schema (sim_metrics_open) and pcap/ files
 * written by libpcap.  Each test checks the sentence a user reads.
 */
#include <check.h>
#include <string.h>

#include <pcap/pcap.h>
#include <sqlite3.h>

#include "sim/diff.h"
#include "sim/trace/metrics.h"
#include "testlib.h"

static const char *field(GPtrArray *f, const char *name)
{
	for (guint i = 0; i < f->len; i++) {
		struct sim_diff_field *x = f->pdata[i];

		if (strcmp(x->name, name) == 0)
			return x->value;
	}
	return NULL;
}

static const uint8_t mac_h1[6] = { 0x02, 0, 0, 0, 0x01, 0x02 };
static const uint8_t mac_r1[6] = { 0x02, 0, 0, 0, 0x01, 0x01 };

static size_t put_eth(uint8_t *b, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	b[12] = type >> 8;
	b[13] = type & 0xff;
	return 14;
}

static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* An Ethernet + IPv4 + ICMP echo request of @datalen bytes, padded to @pad_to. */
static size_t echo_frame(uint8_t *b, uint8_t ttl, uint16_t id, uint16_t icmp_id,
			 size_t datalen, size_t pad_to)
{
	size_t n = put_eth(b, mac_r1, mac_h1, 0x0800);
	uint8_t *ip = b + n, *icmp = ip + 20;
	size_t tot = 20 + 8 + datalen;
	uint16_t c;

	memset(ip, 0, tot);
	ip[0] = 0x45;
	ip[2] = tot >> 8;
	ip[3] = tot & 0xff;
	ip[4] = id >> 8;
	ip[5] = id & 0xff;
	ip[6] = 0x40;			/* DF */
	ip[8] = ttl;
	ip[9] = 1;
	memcpy(ip + 12, (uint8_t[]){ 10, 0, 1, 2, 0 }, 4);
	memcpy(ip + 16, (uint8_t[]){ 10, 0, 2, 2, 0 }, 4);
	c = csum(ip, 20);
	ip[10] = c >> 8;
	ip[11] = c & 0xff;
	icmp[0] = 8;
	icmp[4] = icmp_id >> 8;
	icmp[5] = icmp_id & 0xff;
	icmp[7] = 1;
	n += tot;
	while (n < pad_to)
		b[n++] = 0;
	return n;
}

START_TEST(decode_arp_request)
{
	uint8_t b[60] = { 0 };
	size_t n = put_eth(b, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", mac_h1, 0x0806);
	GHashTable *macs = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *f;

	memcpy(b + n, "\x00\x01\x08\x00\x06\x04\x00\x01", 8);
	memcpy(b + n + 8, mac_h1, 6);
	memcpy(b + n + 14, (uint8_t[]){ 10, 0, 1, 2, 0 }, 4);
	memcpy(b + n + 24, (uint8_t[]){ 10, 0, 1, 1, 0 }, 4);
	g_hash_table_insert(macs, "02:00:00:00:01:02", "h1.eth0");
	f = sim_diff_decode(b, sizeof(b), macs);
	ck_assert_str_eq(field(f, "eth.dst"), "broadcast");
	ck_assert_str_eq(field(f, "eth.src"), "h1.eth0");
	ck_assert_str_eq(field(f, "eth.type"), "ARP");
	ck_assert_str_eq(field(f, "arp.op"), "request");
	ck_assert_str_eq(field(f, "arp.sha"), "h1.eth0");
	ck_assert_str_eq(field(f, "arp.spa"), "10.0.1.2");
	ck_assert_str_eq(field(f, "arp.tha"), "zero");
	ck_assert_str_eq(field(f, "arp.tpa"), "10.0.1.1");
	/* 42 bytes of ARP, 18 of padding to the 60-byte minimum */
	ck_assert_str_eq(field(f, "frame.len"), "42");
	ck_assert_str_eq(field(f, "frame.padding"), "18");
	g_ptr_array_unref(f);
	g_hash_table_unref(macs);
}
END_TEST

START_TEST(decode_echo_and_unknown_mac)
{
	uint8_t b[200];
	size_t n = echo_frame(b, 64, 0x1234, 0x77, 56, 0);
	GPtrArray *f = sim_diff_decode(b, n, NULL);

	ck_assert_str_eq(field(f, "eth.dst"), "02:00:00:00:01:01");
	ck_assert_str_eq(field(f, "ip.ttl"), "64");
	ck_assert_str_eq(field(f, "ip.id"), "4660");
	ck_assert_str_eq(field(f, "ip.df"), "1");
	ck_assert_str_eq(field(f, "ip.checksum"), "good");
	ck_assert_str_eq(field(f, "ip.src"), "10.0.1.2");
	ck_assert_str_eq(field(f, "icmp.type"), "8");
	ck_assert_str_eq(field(f, "icmp.id"), "119");
	ck_assert_str_eq(field(f, "icmp.seq"), "1");
	ck_assert_str_eq(field(f, "icmp.datalen"), "56");
	ck_assert_str_eq(field(f, "frame.len"), "98");
	ck_assert_str_eq(field(f, "frame.padding"), "0");
	g_ptr_array_unref(f);
}
END_TEST

START_TEST(decode_frag_needed_quote)
{
	uint8_t b[200] = { 0 };
	size_t n = put_eth(b, mac_h1, mac_r1, 0x0800);
	uint8_t *ip = b + n, *icmp = ip + 20, *q = icmp + 8;
	GPtrArray *f;

	ip[0] = 0x45;
	ip[3] = 20 + 8 + 28;
	ip[8] = 64;
	ip[9] = 1;
	memcpy(ip + 12, (uint8_t[]){ 10, 0, 1, 1, 0 }, 4);
	memcpy(ip + 16, (uint8_t[]){ 10, 0, 1, 2, 0 }, 4);
	icmp[0] = 3;
	icmp[1] = 4;
	icmp[6] = 576 >> 8;
	icmp[7] = 576 & 0xff;
	q[0] = 0x45;
	q[2] = 1428 >> 8;
	q[3] = 1428 & 0xff;
	q[8] = 63;
	q[9] = 17;
	memcpy(q + 12, (uint8_t[]){ 10, 0, 1, 2, 0 }, 4);
	memcpy(q + 16, (uint8_t[]){ 10, 0, 2, 2, 0 }, 4);
	q[20] = 0x80;			/* sport 32768 */
	q[23] = 53;			/* dport 53 */
	f = sim_diff_decode(b, n + 20 + 8 + 28, NULL);
	ck_assert_str_eq(field(f, "ip.checksum"), "bad");	/* left zero above */
	ck_assert_str_eq(field(f, "icmp.type"), "3");
	ck_assert_str_eq(field(f, "icmp.code"), "4");
	ck_assert_str_eq(field(f, "icmp.mtu"), "576");
	ck_assert_str_eq(field(f, "icmp.q.len"), "1428");
	ck_assert_str_eq(field(f, "icmp.q.ttl"), "63");
	ck_assert_str_eq(field(f, "icmp.q.dst"), "10.0.2.2");
	ck_assert_str_eq(field(f, "icmp.q.sport"), "32768");
	ck_assert_str_eq(field(f, "icmp.q.dport"), "53");
	g_ptr_array_unref(f);
}
END_TEST

/* Short and lying headers are described, never read past. */
START_TEST(decode_malformed)
{
	uint8_t b[64] = { 0 };
	GPtrArray *f;

	f = sim_diff_decode(b, 10, NULL);
	ck_assert_str_eq(field(f, "eth"), "truncated");
	g_ptr_array_unref(f);

	put_eth(b, mac_r1, mac_h1, 0x0800);
	b[14] = 0x4f;			/* ihl 60 bytes in a 30-byte packet */
	f = sim_diff_decode(b, 44, NULL);
	ck_assert_str_eq(field(f, "ip"), "malformed (30 bytes)");
	g_ptr_array_unref(f);

	b[14] = 0x45;
	b[16] = 0xff;			/* total length far beyond the frame */
	b[17] = 0xff;
	b[23] = 1;
	f = sim_diff_decode(b, 40, NULL);	/* 6 bytes of ICMP */
	ck_assert_str_eq(field(f, "icmp"), "truncated");
	g_ptr_array_unref(f);

	put_eth(b, mac_r1, mac_h1, 0x0806);
	f = sim_diff_decode(b, 20, NULL);
	ck_assert_str_eq(field(f, "arp"), "malformed (6 bytes)");
	g_ptr_array_unref(f);
}
END_TEST

START_TEST(normalize_durations_and_macs)
{
	GHashTable *macs = g_hash_table_new(g_str_hash, g_str_equal);
	struct { const char *in, *out; } cases[] = {
		{ "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=6.04 ms",
		  "64 bytes from 10.0.2.2: icmp_seq=1 ttl=63 time=T ms" },
		{ "3 packets transmitted, 3 received, 0% packet loss, time 2002ms",
		  "3 packets transmitted, 3 received, 0% packet loss, time T ms" },
		{ "rtt min/avg/max/mdev = 4.035/5.036/6.037/1.001 ms", "rtt min/avg/max/mdev = T ms" },
		{ "10.0.1.1 dev eth0 lladdr 02:00:00:00:01:01 REACHABLE",
		  "10.0.1.1 dev eth0 lladdr r1.eth0 REACHABLE" },
		{ "lladdr 0a:0b:0c:0d:0e:0f stays", "lladdr 0a:0b:0c:0d:0e:0f stays" },
		{ "cache expires 597sec mtu 576", "cache expires 597sec mtu 576" },
		{ "eth0@if2         UP             10.0.1.1/24",
		  "eth0         UP             10.0.1.1/24" },
		{ "    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff link-netns sk2366-h2",
		  "    link/ether r1.eth0 brd ff:ff:ff:ff:ff:ff link-netns h2" },
	};

	g_hash_table_insert(macs, "02:00:00:00:01:01", "r1.eth0");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = sim_diff_normalize_line(cases[i].in, macs);

		ck_assert_str_eq(got, cases[i].out);
		g_free(got);
	}
	g_hash_table_unref(macs);
}
END_TEST

/* ---- run directories ------------------------------------------------------ */

struct frame {
	uint8_t ttl;
	uint16_t id, icmp_id;
	size_t pad_to;
	unsigned int at_ms;		/* time stamp; 0: i seconds */
};

/* A run directory: metrics.db (real schema) naming two MACs, one pcap. */
static char *make_run(const char *root, const char *name, const uint8_t *h1mac,
		      const struct frame *frames, int nframes, const char *line,
		      long long in_errors)
{
	char *dir = g_build_filename(root, name, NULL);
	char *pdir = g_build_filename(dir, "pcap", NULL);
	char *db_path = g_build_filename(dir, "metrics.db", NULL);
	char *pcap_path = g_build_filename(pdir, "h1-eth0.pcap", NULL);
	struct sim_metrics_run run = { .name = name, .scenario = "x.lua", .version = "0",
				       .seed = 1, .hz = 250 };
	struct sim_metrics_end end = { .complete = true };
	struct sim_err err = { { 0 } };
	struct sim_metrics *m;
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *d;
	char mac[18], *sql;
	sqlite3 *db;

	ck_assert_int_eq(g_mkdir_with_parents(pdir, 0755), 0);
	m = sim_metrics_open(db_path, &run, &err);
	ck_assert_msg(m != NULL, "%s", err.msg);
	ck_assert_int_eq(sim_metrics_close(m, &end), 0);
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	g_snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", h1mac[0], h1mac[1],
		   h1mac[2], h1mac[3], h1mac[4], h1mac[5]);
	sql = g_strdup_printf(
		"INSERT INTO nodes VALUES (0, 'h1', 'host', 1), (1, 'r1', 'router', 1);"
		"INSERT INTO interfaces VALUES (0, 2, 'eth0', 'ether', '%s', 1500),"
		" (1, 2, 'eth0', 'ether', '02:00:00:00:01:01', 1500);"
		"INSERT INTO counters VALUES (0, 0, 'Icmp', 'InErrors', %lld, 1),"
		" (0, 0, 'Icmp', 'InMsgs', 3, 1), (0, 1, 'Ip', 'ForwDatagrams', 2, 1);"
		"INSERT INTO processes VALUES (0, 1, 'ping -c 1 10.0.2.2', 'program', 0, 1,"
		" 0, NULL, 'exited');"
		"INSERT INTO process_output VALUES (1000, 0, 1, 1, 'PING 10.0.2.2'),"
		" (2000, 0, 1, 2, '%s');", mac, in_errors, line);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	g_free(sql);

	d = pcap_dump_open(dead, pcap_path);
	ck_assert(d != NULL);
	for (int i = 0; i < nframes; i++) {
		uint8_t b[200];
		struct pcap_pkthdr h = { .ts = { .tv_sec = i } };

		if (frames[i].at_ms)
			h.ts = (struct timeval){ .tv_sec = frames[i].at_ms / 1000,
						 .tv_usec = frames[i].at_ms % 1000 * 1000 };
		size_t n = echo_frame(b, frames[i].ttl, frames[i].id, frames[i].icmp_id, 56,
				      frames[i].pad_to);

		memcpy(b + 6, h1mac, 6);
		h.caplen = h.len = (bpf_u_int32)n;
		pcap_dump((u_char *)d, &h, b);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	g_free(pdir);
	g_free(db_path);
	g_free(pcap_path);
	return dir;
}

static int diff(const char *a, const char *b, const struct sim_diff_opts *o, char **report)
{
	return sim_diff_runs(a, b, o, report);
}

static const uint8_t other_mac[6] = { 0x0a, 0x11, 0x22, 0x33, 0x44, 0x55 };

START_TEST(runs_match_despite_macs_and_times)
{
	char *root = tl_tmpdir();
	struct frame fr[] = { { 64, 1, 7, 0, 0 }, { 64, 2, 7, 0, 0 } };
	char *a = make_run(root, "a", mac_h1, fr, 2, "reply time=6.04 ms", 0);
	char *b = make_run(root, "b", other_mac, fr, 2, "reply time=0.081 ms", 0);
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 0);
	ck_assert_str_eq(report, "");
	g_free(report);
	g_free(a);
	g_free(b);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

START_TEST(runs_first_packet_field)
{
	char *root = tl_tmpdir();
	struct frame fa[] = { { 64, 1, 7, 0, 0 }, { 64, 2, 7, 0, 0 }, { 64, 3, 7, 0, 0 } };
	struct frame fb[] = { { 64, 1, 7, 0, 0 }, { 63, 2, 7, 0, 0 }, { 62, 3, 7, 0, 0 } };
	char *a = make_run(root, "a", mac_h1, fa, 3, "x", 0);
	char *b = make_run(root, "b", mac_h1, fb, 3, "x", 0);
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 1);
	ck_assert_msg(g_str_has_prefix(report, "packet: h1-eth0.pcap frame 2: ip.ttl 64 (A) vs "
				       "63 (B) [A: eth.dst=r1.eth0 eth.src=h1.eth0 "),
		      "%s", report);
	ck_assert_ptr_null(strstr(report, "frame 3"));	/* the first only */
	g_free(report);
	g_free(a);
	g_free(b);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

START_TEST(runs_extra_frame_and_padding)
{
	char *root = tl_tmpdir();
	struct frame fa[] = { { 64, 1, 7, 0, 0 } };
	struct frame fb[] = { { 64, 1, 7, 0, 0 }, { 64, 2, 7, 0, 0 } };
	struct frame fpad[] = { { 64, 1, 7, 120, 0 } };
	char *a = make_run(root, "a", mac_h1, fa, 1, "x", 0);
	char *b = make_run(root, "b", mac_h1, fb, 2, "x", 0);
	char *c = make_run(root, "c", mac_h1, fpad, 1, "x", 0);
	const char *ign[] = { "frame.padding", NULL };
	struct sim_diff_opts o = { .ignore = ign };
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 1);
	ck_assert_msg(g_str_has_prefix(report, "packet: h1-eth0.pcap frame 2 only in B "
				       "(1 vs 2 frames): eth.dst=r1.eth0"), "%s", report);
	g_free(report);
	ck_assert_int_eq(diff(a, c, NULL, &report), 1);
	ck_assert_msg(strstr(report, "frame 1: frame.padding 0 (A) vs 22 (B)"), "%s", report);
	g_free(report);
	ck_assert_int_eq(diff(a, c, &o, &report), 0);
	g_free(report);
	g_free(a);
	g_free(b);
	g_free(c);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

/* Random ids: renumbered by first appearance, the match survives; ignored too. */
START_TEST(runs_renumber_ignore_skip)
{
	char *root = tl_tmpdir();
	struct frame fa[] = { { 64, 100, 7, 0, 0 }, { 64, 101, 7, 0, 0 }, { 64, 100, 7, 0, 0 } };
	struct frame fb[] = { { 64, 5000, 9, 0, 0 }, { 64, 6000, 9, 0, 0 }, { 64, 5000, 9, 0, 0 } };
	struct frame fc[] = { { 64, 5000, 9, 0, 0 }, { 64, 6000, 9, 0, 0 }, { 64, 6000, 9, 0, 0 } };
	char *a = make_run(root, "a", mac_h1, fa, 3, "x", 0);
	char *b = make_run(root, "b", mac_h1, fb, 3, "x", 0);
	char *c = make_run(root, "c", mac_h1, fc, 3, "x", 0);
	const char *ren[] = { "ip.id", "icmp.id", NULL };
	const char *ign[] = { "ip.id", "icmp.id", NULL };
	const char *skip[] = { "ip.ttl=6?", NULL };
	struct sim_diff_opts o_ren = { .renumber = ren }, o_ign = { .ignore = ign };
	struct sim_diff_opts o_skip = { .skip = skip };
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 1);
	ck_assert_msg(strstr(report, "frame 1: ip.id 100 (A) vs 5000 (B)"), "%s", report);
	g_free(report);
	ck_assert_int_eq(diff(a, b, &o_ren, &report), 0);
	g_free(report);
	/* the third frame reuses the first id in A, the second in C */
	ck_assert_int_eq(diff(a, c, &o_ren, &report), 1);
	ck_assert_msg(strstr(report, "frame 3: ip.id #1 (A) vs #2 (B)"), "%s", report);
	g_free(report);
	ck_assert_int_eq(diff(a, c, &o_ign, &report), 0);
	g_free(report);
	ck_assert_int_eq(diff(a, c, &o_skip, &report), 0);	/* every frame left out */
	g_free(report);
	g_free(a);
	g_free(b);
	g_free(c);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

START_TEST(runs_counter_and_output)
{
	char *root = tl_tmpdir();
	struct frame fr[] = { { 64, 1, 7, 0, 0 } };
	char *a = make_run(root, "a", mac_h1, fr, 1, "reply time=1 ms", 0);
	char *b = make_run(root, "b", mac_h1, fr, 1, "reply time=2 ms", 1);
	char *c = make_run(root, "c", mac_h1, fr, 1, "From 10.0.1.1 Frag needed", 0);
	const char *ign_node[] = { "h1:*", NULL };
	const char *ign_name[] = { "Icmp.InErr*", NULL };
	struct sim_diff_opts o_node = { .ignore = ign_node }, o_name = { .ignore = ign_name };
	struct sim_diff_opts o_none = { .no_counters = true };
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 1);
	ck_assert_str_eq(report, "counter: h1 Icmp.InErrors: 0 (A) vs 1 (B)\n");
	g_free(report);
	ck_assert_int_eq(diff(a, b, &o_node, &report), 0);
	g_free(report);
	ck_assert_int_eq(diff(a, b, &o_name, &report), 0);
	g_free(report);
	ck_assert_int_eq(diff(a, b, &o_none, &report), 0);
	g_free(report);
	ck_assert_int_eq(diff(a, c, NULL, &report), 1);
	ck_assert_str_eq(report, "output: h1 pid 1 (ping -c 1 10.0.2.2): \"reply time=T ms\" "
			 "(A) vs \"From 10.0.1.1 Frag needed\" (B)\n");
	g_free(report);
	g_free(a);
	g_free(b);
	g_free(c);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

START_TEST(runs_stdout_and_errors)
{
	char *root = tl_tmpdir();
	struct frame fr[] = { { 64, 1, 7, 0, 0 } };
	char *a = make_run(root, "a", mac_h1, fr, 1, "x", 0);
	char *b = make_run(root, "b", mac_h1, fr, 1, "x", 0);
	char *sa = g_build_filename(a, "stdout.txt", NULL);
	char *sb = g_build_filename(b, "stdout.txt", NULL);
	char *missing = g_build_filename(root, "nope", NULL);
	char *bad = g_build_filename(b, "pcap", "h2-eth0.pcap", NULL);
	char *report = NULL;

	ck_assert(g_file_set_contents(sa, "h1$ ip neigh\n10.0.1.1 lladdr 02:00:00:00:01:01 "
				      "REACHABLE\n", -1, NULL));
	ck_assert(g_file_set_contents(sb, "h1$ ip neigh\n10.0.1.1 lladdr 02:00:00:00:01:01 "
				      "STALE\n", -1, NULL));
	ck_assert_int_eq(diff(a, b, NULL, &report), 1);
	ck_assert_str_eq(report, "stdout line 2: \"10.0.1.1 lladdr r1.eth0 REACHABLE\" (A) vs "
			 "\"10.0.1.1 lladdr r1.eth0 STALE\" (B)\n");
	g_free(report);

	ck_assert_int_eq(diff(a, missing, NULL, &report), -1);
	ck_assert_msg(strstr(report, "not a run directory"), "%s", report);
	g_free(report);

	ck_assert(g_file_set_contents(bad, "not a pcap", -1, NULL));
	ck_assert_int_eq(diff(a, b, NULL, &report), -1);
	g_free(report);
	g_free(sa);
	g_free(sb);
	g_free(missing);
	g_free(bad);
	g_free(a);
	g_free(b);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

/* Timers compared to the rounding a case asks for: gaps between frames. */
START_TEST(runs_time_round)
{
	char *root = tl_tmpdir();
	struct frame fa[] = { { 64, 1, 7, 0, 5000 }, { 64, 1, 7, 0, 6016 }, { 64, 1, 7, 0, 7040 } };
	struct frame fb[] = { { 64, 1, 7, 0, 9000 }, { 64, 1, 7, 0, 10012 }, { 64, 1, 7, 0, 11036 } };
	struct frame fc[] = { { 64, 1, 7, 0, 9000 }, { 64, 1, 7, 0, 10012 }, { 64, 1, 7, 0, 12036 } };
	char *a = make_run(root, "a", mac_h1, fa, 3, "x", 0);
	char *b = make_run(root, "b", mac_h1, fb, 3, "x", 0);
	char *c = make_run(root, "c", mac_h1, fc, 3, "x", 0);
	struct sim_diff_opts o = { .time_round_ms = 100 };
	char *report = NULL;

	ck_assert_int_eq(diff(a, b, NULL, &report), 0);	/* by order only */
	g_free(report);
	ck_assert_int_eq(diff(a, c, NULL, &report), 0);
	g_free(report);
	ck_assert_int_eq(diff(a, b, &o, &report), 0);	/* 1.016 and 1.012 s: 1.0 */
	g_free(report);
	ck_assert_int_eq(diff(a, c, &o, &report), 1);
	ck_assert_msg(g_str_has_prefix(report, "packet: h1-eth0.pcap frame 3: frame.gap 1.000 "
				       "(A) vs 2.000 (B)"), "%s", report);
	g_free(report);
	g_free(a);
	g_free(b);
	g_free(c);
	tl_rmtree(root);
	g_free(root);
}
END_TEST

START_TEST(command_usage)
{
	char *one[] = { "a" };
	char *bad[] = { "--frobnicate", "a", "b" };
	char *empty[] = { "--ignore=", "a", "b" };
	char *round0[] = { "--time-round=0", "a", "b" };

	ck_assert_int_eq(sim_diff_main(3, round0), 2);
	ck_assert_int_eq(sim_diff_main(1, one), 2);
	ck_assert_int_eq(sim_diff_main(3, bad), 2);
	ck_assert_int_eq(sim_diff_main(3, empty), 2);
}
END_TEST

static Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, decode_arp_request);
	tcase_add_test(tc, decode_echo_and_unknown_mac);
	tcase_add_test(tc, decode_frag_needed_quote);
	tcase_add_test(tc, decode_malformed);
	tcase_add_test(tc, normalize_durations_and_macs);
	suite_add_tcase(s, tc);
	tc = tcase_create("runs");
	tcase_add_test(tc, runs_match_despite_macs_and_times);
	tcase_add_test(tc, runs_first_packet_field);
	tcase_add_test(tc, runs_extra_frame_and_padding);
	tcase_add_test(tc, runs_renumber_ignore_skip);
	tcase_add_test(tc, runs_counter_and_output);
	tcase_add_test(tc, runs_stdout_and_errors);
	tcase_add_test(tc, runs_time_round);
	tcase_add_test(tc, command_usage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(diff_suite());
}
