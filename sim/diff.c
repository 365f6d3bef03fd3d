/*
 * sim/diff.c - `skbsim diff RUN_A RUN_B`: where two runs first diverge
 *
 * No kernel counterpart.  A run directory holds pcap/<node>-<if>.pcap,
 * metrics.db and, when the caller saved it, stdout.txt.  Bytes differ
 * between a simulated and a real run for reasons nobody cares about (MAC
 * addresses, timestamps, the random ICMP id of ping), so each frame is
 * decoded here, with our own decoder so tshark is not needed, into named
 * fields; MACs become "node.iface"; time becomes the frame number.  The
 * report is a sentence per kind of divergence: the first packet, the first
 * process output line, the first stdout line, the first counter.
 */
#include "sim/diff.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>
#include <sqlite3.h>

/* ---- decoding ------------------------------------------------------------ */

static void add(GPtrArray *f, const char *name, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void add(GPtrArray *f, const char *name, const char *fmt, ...)
{
	struct sim_diff_field *x = g_new0(struct sim_diff_field, 1);
	va_list ap;

	va_start(ap, fmt);
	x->name = g_strdup(name);
	x->value = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(f, x);
}

static void field_free(gpointer p)
{
	struct sim_diff_field *x = p;

	g_free(x->name);
	g_free(x->value);
	g_free(x);
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void add_mac(GPtrArray *f, const char *name, const uint8_t *m, GHashTable *macs)
{
	char s[18];
	const char *named;

	g_snprintf(s, sizeof(s), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
		   m[5]);
	if (strcmp(s, "ff:ff:ff:ff:ff:ff") == 0)
		named = "broadcast";
	else if (strcmp(s, "00:00:00:00:00:00") == 0)
		named = "zero";
	else
		named = macs ? g_hash_table_lookup(macs, s) : NULL;
	add(f, name, "%s", named ? named : s);
}

static void add_ip(GPtrArray *f, const char *name, const uint8_t *a)
{
	add(f, name, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static uint16_t csum16(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += be16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void decode_arp(GPtrArray *f, const uint8_t *p, size_t len, GHashTable *macs)
{
	uint16_t op;

	if (len < 28 || be16(p) != 1 || be16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4) {
		add(f, "arp", "malformed (%zu bytes)", len);
		return;
	}
	op = be16(p + 6);
	add(f, "arp.op", "%s", op == 1 ? "request" : op == 2 ? "reply" : "other");
	add_mac(f, "arp.sha", p + 8, macs);
	add_ip(f, "arp.spa", p + 14);
	add_mac(f, "arp.tha", p + 18, macs);
	add_ip(f, "arp.tpa", p + 24);
}

static void decode_ports(GPtrArray *f, const char *proto, const uint8_t *p, size_t len)
{
	char n[32];

	if (len < 8) {
		add(f, proto, "truncated");
		return;
	}
	g_snprintf(n, sizeof(n), "%s.sport", proto);
	add(f, n, "%u", be16(p));
	g_snprintf(n, sizeof(n), "%s.dport", proto);
	add(f, n, "%u", be16(p + 2));
	if (strcmp(proto, "udp") == 0)
		add(f, "udp.len", "%u", be16(p + 4));
	else if (len >= 14)
		add(f, "tcp.flags", "0x%02x", p[13]);
}

/* The datagram an ICMP error quotes: addresses, protocol and ports. */
static void decode_quote(GPtrArray *f, const uint8_t *p, size_t len)
{
	size_t ihl;

	if (len < 20 || p[0] >> 4 != 4) {
		add(f, "icmp.q", "%zu bytes", len);
		return;
	}
	ihl = (size_t)(p[0] & 15) * 4;
	add(f, "icmp.q.len", "%u", be16(p + 2));
	add(f, "icmp.q.id", "%u", be16(p + 4));
	add(f, "icmp.q.ttl", "%u", p[8]);
	add(f, "icmp.q.proto", "%u", p[9]);
	add_ip(f, "icmp.q.src", p + 12);
	add_ip(f, "icmp.q.dst", p + 16);
	if (len >= ihl + 8 && p[9] == 17) {
		add(f, "icmp.q.sport", "%u", be16(p + ihl));
		add(f, "icmp.q.dport", "%u", be16(p + ihl + 2));
	} else if (len >= ihl + 8 && p[9] == 1) {
		add(f, "icmp.q.type", "%u", p[ihl]);
		add(f, "icmp.q.icmpid", "%u", be16(p + ihl + 4));
		add(f, "icmp.q.seq", "%u", be16(p + ihl + 6));
	}
}

static void decode_icmp(GPtrArray *f, const uint8_t *p, size_t len)
{
	uint8_t type, code;

	if (len < 8) {
		add(f, "icmp", "truncated");
		return;
	}
	type = p[0];
	code = p[1];
	add(f, "icmp.type", "%u", type);
	add(f, "icmp.code", "%u", code);
	switch (type) {
	case 0: case 8: case 13: case 14:
		add(f, "icmp.id", "%u", be16(p + 4));
		add(f, "icmp.seq", "%u", be16(p + 6));
		add(f, "icmp.datalen", "%zu", len - 8);
		break;
	case 3:
		if (code == 4)
			add(f, "icmp.mtu", "%u", be16(p + 6));
		decode_quote(f, p + 8, len - 8);
		break;
	case 5:
		add_ip(f, "icmp.gw", p + 4);
		decode_quote(f, p + 8, len - 8);
		break;
	case 11: case 12:
		decode_quote(f, p + 8, len - 8);
		break;
	default:
		add(f, "icmp.len", "%zu", len);
	}
}

static void decode_ipv4(GPtrArray *f, const uint8_t *p, size_t len)
{
	size_t ihl, tot;
	uint16_t frag;

	if (len < 20 || p[0] >> 4 != 4 || (p[0] & 15) < 5 || (size_t)(p[0] & 15) * 4 > len) {
		add(f, "ip", "malformed (%zu bytes)", len);
		return;
	}
	ihl = (size_t)(p[0] & 15) * 4;
	tot = be16(p + 2);
	frag = be16(p + 6);
	add(f, "ip.hdrlen", "%zu", ihl);
	add(f, "ip.tos", "0x%02x", p[1]);
	add(f, "ip.len", "%zu", tot);
	add(f, "ip.id", "%u", be16(p + 4));
	add(f, "ip.df", "%u", frag >> 14 & 1);
	add(f, "ip.mf", "%u", frag >> 13 & 1);
	add(f, "ip.frag_offset", "%u", (frag & 0x1fff) * 8);
	add(f, "ip.ttl", "%u", p[8]);
	add(f, "ip.proto", "%u", p[9]);
	add(f, "ip.checksum", "%s", csum16(p, ihl) == 0 ? "good" : "bad");
	add_ip(f, "ip.src", p + 12);
	add_ip(f, "ip.dst", p + 16);
	if (tot < ihl || tot > len)
		tot = len;
	if (frag & 0x1fff)			/* a later fragment: payload only */
		return;
	if (p[9] == 1)
		decode_icmp(f, p + ihl, tot - ihl);
	else if (p[9] == 17)
		decode_ports(f, "udp", p + ihl, tot - ihl);
	else if (p[9] == 6)
		decode_ports(f, "tcp", p + ihl, tot - ihl);
}

/*
 * frame.len without the padding that Ethernet hardware adds to frames
 * shorter than 60 bytes (a cable's NIC does, a veth does not), and the
 * padding apart as frame.padding, which a comparison may ignore.
 */
static void add_length(GPtrArray *f, const uint8_t *frame, size_t len, size_t off,
		       uint16_t type)
{
	size_t l3 = len - off;

	if (type == 0x0806 && l3 >= 28)
		l3 = 28;
	else if (type == 0x0800 && l3 >= 20 && be16(frame + off + 2) >= 20 &&
		 be16(frame + off + 2) <= l3)
		l3 = be16(frame + off + 2);
	add(f, "frame.len", "%zu", off + l3);
	add(f, "frame.padding", "%zu", len - off - l3);
}

GPtrArray *sim_diff_decode(const uint8_t *frame, size_t len, GHashTable *macs)
{
	GPtrArray *f = g_ptr_array_new_with_free_func(field_free);
	uint16_t type;
	size_t off = 14;

	if (len < 14) {
		add(f, "frame.len", "%zu", len);
		add(f, "eth", "truncated");
		return f;
	}
	add_mac(f, "eth.dst", frame, macs);
	add_mac(f, "eth.src", frame + 6, macs);
	type = be16(frame + 12);
	while ((type == 0x8100 || type == 0x88a8) && len >= off + 4) {
		add(f, "vlan.id", "%u", be16(frame + off) & 0xfff);
		type = be16(frame + off + 2);
		off += 4;
	}
	add_length(f, frame, len, off, type);
	if (type == 0x0806)
		add(f, "eth.type", "ARP");
	else if (type == 0x0800)
		add(f, "eth.type", "IPv4");
	else if (type == 0x86dd)
		add(f, "eth.type", "IPv6");
	else if (type < 0x0600)
		add(f, "eth.type", "802.3");
	else
		add(f, "eth.type", "0x%04x", type);
	if (type == 0x0806)
		decode_arp(f, frame + off, len - off, macs);
	else if (type == 0x0800)
		decode_ipv4(f, frame + off, len - off);
	else if (type < 0x0600 && len >= off + 3)	/* LLC: STP is 42 42 */
		add(f, "llc.dsap", "0x%02x", frame[off]);
	return f;
}

static gboolean name_mac(const GMatchInfo *m, GString *out, gpointer macs)
{
	char *mac = g_match_info_fetch(m, 0);
	char *low = g_ascii_strdown(mac, -1);
	const char *named = macs ? g_hash_table_lookup(macs, low) : NULL;

	g_string_append(out, named ? named : mac);
	g_free(low);
	g_free(mac);
	return FALSE;
}

char *sim_diff_normalize_line(const char *line, GHashTable *macs)
{
	static const char ms[] = "[0-9]+(\\.[0-9]+)?(/[0-9]+(\\.[0-9]+)?)* ?ms\\b";
	static const char mac[] = "\\b[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}\\b";
	static const char peer[] = "@if[0-9]+\\b";
	static const char netns[] = "link-netns sk[0-9]+-";
	GRegex *re = g_regex_new(ms, 0, 0, NULL);
	GRegex *rm = g_regex_new(mac, 0, 0, NULL);
	GRegex *rp = g_regex_new(peer, 0, 0, NULL);
	GRegex *rn = g_regex_new(netns, 0, 0, NULL);
	char *a = g_regex_replace_literal(re, line, -1, 0, "T ms", 0, NULL);
	char *b = a ? g_regex_replace_eval(rm, a, -1, 0, 0, name_mac, macs, NULL) : NULL;
	char *c = b ? g_regex_replace_literal(rp, b, -1, 0, "", 0, NULL) : NULL;
	char *d = c ? g_regex_replace_literal(rn, c, -1, 0, "link-netns ", 0, NULL) : NULL;

	g_regex_unref(re);
	g_regex_unref(rm);
	g_regex_unref(rp);
	g_regex_unref(rn);
	g_free(a);
	g_free(b);
	g_free(c);
	return d ? d : g_strdup(line);
}

/* ---- run directories --------------------------------------------------------- */

struct run {
	const char *dir;
	sqlite3 *db;
	GHashTable *macs;		/* mac -> "node.iface" */
};

static int run_open(struct run *r, const char *dir, GString *err)
{
	char *path = g_build_filename(dir, "metrics.db", NULL);

	r->dir = dir;
	r->macs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		g_string_append_printf(err, "%s: not a run directory", dir);
		g_free(path);
		return -1;
	}
	if (g_file_test(path, G_FILE_TEST_EXISTS) &&
	    sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		g_string_append_printf(err, "%s: %s", path, sqlite3_errmsg(r->db));
		sqlite3_close(r->db);
		r->db = NULL;
		g_free(path);
		return -1;
	}
	g_free(path);
	if (r->db) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(r->db, "SELECT n.name, i.name, lower(i.mac) FROM "
				       "interfaces i JOIN nodes n ON n.id = i.node_id", -1,
				       &st, NULL) == SQLITE_OK)
			while (sqlite3_step(st) == SQLITE_ROW)
				g_hash_table_replace(r->macs,
						     g_strdup((const char *)sqlite3_column_text(st, 2)),
						     g_strdup_printf("%s.%s", sqlite3_column_text(st, 0),
								     sqlite3_column_text(st, 1)));
		sqlite3_finalize(st);
	}
	return 0;
}

static void run_close(struct run *r)
{
	if (r->db)
		sqlite3_close(r->db);
	g_hash_table_unref(r->macs);
}

static bool ignored(const struct sim_diff_opts *o, const char *name)
{
	for (const char *const *p = o ? o->ignore : NULL; p && *p; p++)
		if (g_pattern_match_simple(*p, name))
			return true;
	return false;
}

/* The numbering a field shares: a quoted header's with the outer one's. */
static const char *renumber_class(const char *name)
{
	static const struct { const char *field, *cls; } classes[] = {
		{ "ip.id", "ip.id" }, { "icmp.q.id", "ip.id" },
		{ "icmp.id", "icmp.id" }, { "icmp.q.icmpid", "icmp.id" },
		{ "udp.sport", "port" }, { "udp.dport", "port" }, { "tcp.sport", "port" },
		{ "tcp.dport", "port" }, { "icmp.q.sport", "port" }, { "icmp.q.dport", "port" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(classes); i++)
		if (strcmp(classes[i].field, name) == 0)
			return classes[i].cls;
	return name;
}

static bool renumbered(const struct sim_diff_opts *o, const char *cls)
{
	for (const char *const *p = o ? o->renumber : NULL; p && *p; p++)
		if (strcmp(renumber_class(*p), cls) == 0)
			return true;
	return false;
}

/* Values replaced by their order of first appearance in this capture. */
static void renumber_frames(GPtrArray *frames, const struct sim_diff_opts *o)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < frames->len; i++) {
		GPtrArray *f = frames->pdata[i];

		for (guint j = 0; j < f->len; j++) {
			struct sim_diff_field *x = f->pdata[j];
			const char *cls = renumber_class(x->name);
			char *key;
			gpointer n;

			if (!renumbered(o, cls))
				continue;
			key = g_strdup_printf("%s=%s", cls, x->value);
			n = g_hash_table_lookup(seen, key);
			if (!n) {
				n = GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(counts,
											 cls)) + 1);
				g_hash_table_insert(counts, (gpointer)cls, n);
				g_hash_table_insert(seen, key, n);
			} else {
				g_free(key);
			}
			g_free(x->value);
			x->value = g_strdup_printf("#%u", GPOINTER_TO_UINT(n));
		}
	}
	g_hash_table_unref(seen);
	g_hash_table_unref(counts);
}

static bool skipped(const struct sim_diff_opts *o, GPtrArray *f)
{
	for (const char *const *p = o ? o->skip : NULL; p && *p; p++) {
		const char *eq = strchr(*p, '=');

		for (guint i = 0; eq && i < f->len; i++) {
			struct sim_diff_field *x = f->pdata[i];

			if (strlen(x->name) == (size_t)(eq - *p) &&
			    strncmp(x->name, *p, eq - *p) == 0 &&
			    g_pattern_match_simple(eq + 1, x->value))
				return true;
		}
	}
	return false;
}

/*
 * frame.gap, first of the fields: seconds since the previous frame of the
 * capture, rounded.  Gaps, not times since the start: a timer's rounding
 * (1.016 s between ARP probes in skbsim, 1.012 to 1.024 on Linux) would
 * add up over the probes and cross a rounding edge.
 */
static void add_gap(GPtrArray *f, int64_t ns, unsigned int round_ms)
{
	int64_t step = (int64_t)round_ms * 1000000;
	int64_t r = (ns + step / 2) / step * step;
	struct sim_diff_field *x;

	add(f, "frame.gap", "%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT, r / 1000000000,
	    r % 1000000000 / 1000000);
	x = g_ptr_array_steal_index(f, f->len - 1);
	g_ptr_array_insert(f, 0, x);
}

/* Every frame of a pcap, decoded; a missing file is an empty capture. */
static GPtrArray *read_pcap(const char *path, GHashTable *macs,
			    const struct sim_diff_opts *o, GString *err)
{
	GPtrArray *frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	char ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	int64_t prev = -1;
	pcap_t *p;

	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return frames;
	p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (!p) {
		g_string_append_printf(err, "%s", ebuf);
		g_ptr_array_unref(frames);
		return NULL;
	}
	while (pcap_next_ex(p, &h, &data) == 1) {
		if (pcap_datalink(p) == DLT_EN10MB) {
			GPtrArray *f = sim_diff_decode(data, h->caplen, macs);
			int64_t t = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;

			if (skipped(o, f)) {
				g_ptr_array_unref(f);
				continue;
			}
			if (prev < 0)
				prev = t;
			if (o && o->time_round_ms)
				add_gap(f, t - prev, o->time_round_ms);
			prev = t;
			g_ptr_array_add(frames, f);
		} else {
			GPtrArray *f = g_ptr_array_new_with_free_func(field_free);

			add(f, "linktype", "%d", pcap_datalink(p));
			g_ptr_array_add(frames, f);
		}
	}
	pcap_close(p);
	renumber_frames(frames, o);
	return frames;
}

static char *frame_summary(GPtrArray *f, const struct sim_diff_opts *o)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < f->len; i++) {
		struct sim_diff_field *x = g_ptr_array_index(f, i);

		if (ignored(o, x->name) || g_str_has_prefix(x->name, "frame."))
			continue;
		g_string_append_printf(s, "%s%s=%s", s->len ? " " : "", x->name, x->value);
	}
	return g_string_free(s, FALSE);
}

/* First differing field of two decoded frames, or NULL. */
static char *frame_cmp(GPtrArray *a, GPtrArray *b, const struct sim_diff_opts *o)
{
	guint i = 0, j = 0;

	for (;;) {
		struct sim_diff_field *x, *y;

		while (i < a->len && ignored(o, ((struct sim_diff_field *)a->pdata[i])->name))
			i++;
		while (j < b->len && ignored(o, ((struct sim_diff_field *)b->pdata[j])->name))
			j++;
		if (i >= a->len && j >= b->len)
			return NULL;
		if (i >= a->len || j >= b->len) {
			x = g_ptr_array_index(i < a->len ? a : b, i < a->len ? i : j);
			return g_strdup_printf("%s only in %s", x->name, i < a->len ? "A" : "B");
		}
		x = a->pdata[i++];
		y = b->pdata[j++];
		if (strcmp(x->name, y->name) != 0)
			return g_strdup_printf("%s=%s (A) vs %s=%s (B)", x->name, x->value,
					       y->name, y->value);
		if (strcmp(x->value, y->value) != 0)
			return g_strdup_printf("%s %s (A) vs %s (B)", x->name, x->value,
					       y->value);
	}
}

static void list_pcaps(const char *dir, GHashTable *set)
{
	char *pdir = g_build_filename(dir, "pcap", NULL);
	GDir *d = g_dir_open(pdir, 0, NULL);
	const char *n;

	while (d && (n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".pcap"))
			g_hash_table_add(set, g_strdup(n));
	if (d)
		g_dir_close(d);
	g_free(pdir);
}

/* The first packet that differs, over every pcap in name order. */
static int diff_pcaps(struct run *a, struct run *b, const struct sim_diff_opts *o,
		      GString *report, GString *err)
{
	GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GList *names;
	int rc = 0;

	list_pcaps(a->dir, set);
	list_pcaps(b->dir, set);
	names = g_list_sort(g_hash_table_get_keys(set), (GCompareFunc)strcmp);
	for (GList *l = names; l && rc == 0; l = l->next) {
		char *pa = g_build_filename(a->dir, "pcap", l->data, NULL);
		char *pb = g_build_filename(b->dir, "pcap", l->data, NULL);
		GPtrArray *fa = read_pcap(pa, a->macs, o, err);
		GPtrArray *fb = fa ? read_pcap(pb, b->macs, o, err) : NULL;

		if (!fa || !fb) {
			rc = -1;
		} else {
			for (guint i = 0; i < MAX(fa->len, fb->len) && rc == 0; i++) {
				char *why;

				if (i >= fa->len || i >= fb->len) {
					char *s = frame_summary(i < fa->len ? fa->pdata[i] :
								fb->pdata[i], o);

					g_string_append_printf(report, "packet: %s frame %u only in "
							       "%s (%u vs %u frames): %s\n",
							       (char *)l->data, i + 1,
							       i < fa->len ? "A" : "B", fa->len,
							       fb->len, s);
					g_free(s);
					rc = 1;
				} else if ((why = frame_cmp(fa->pdata[i], fb->pdata[i], o))) {
					char *s = frame_summary(fa->pdata[i], o);

					g_string_append_printf(report, "packet: %s frame %u: %s "
							       "[A: %s]\n", (char *)l->data,
							       i + 1, why, s);
					g_free(s);
					g_free(why);
					rc = 1;
				}
			}
		}
		if (fa)
			g_ptr_array_unref(fa);
		if (fb)
			g_ptr_array_unref(fb);
		g_free(pa);
		g_free(pb);
	}
	g_list_free(names);
	g_hash_table_unref(set);
	return rc;
}

/* node -> { "pid N (cmd)" -> lines } in node, pid, line order */
static GPtrArray *read_output(struct run *r)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
	sqlite3_stmt *st = NULL;

	if (!r->db)
		return rows;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT n.name, o.pid, COALESCE(p.cmdline, ''), o.line "
			       "FROM process_output o JOIN nodes n ON n.id = o.node_id "
			       "LEFT JOIN processes p ON p.node_id = o.node_id AND p.pid = o.pid "
			       "ORDER BY o.node_id, o.pid, o.seq", -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			g_ptr_array_add(rows, g_strdup_printf("%s pid %d (%s)\t%s",
							      sqlite3_column_text(st, 0),
							      sqlite3_column_int(st, 1),
							      sqlite3_column_text(st, 2),
							      sqlite3_column_text(st, 3)));
	sqlite3_finalize(st);
	return rows;
}

static int diff_lines(GPtrArray *la, GPtrArray *lb, GHashTable *ma, GHashTable *mb,
		      const char *what, bool keyed, GString *report)
{
	for (guint i = 0; i < MAX(la->len, lb->len); i++) {
		const char *x = i < la->len ? la->pdata[i] : NULL;
		const char *y = i < lb->len ? lb->pdata[i] : NULL;
		char *nx = x ? sim_diff_normalize_line(x, ma) : NULL;
		char *ny = y ? sim_diff_normalize_line(y, mb) : NULL;
		bool same = nx && ny && strcmp(nx, ny) == 0;

		if (!same) {
			const char *nl = nx ? nx : ny;
			const char *tab = keyed ? strchr(nl, '\t') : NULL;
			int klen = tab ? (int)(tab - nl) : 0;
			const char *vx = nx ? (tab ? strchr(nx, '\t') + 1 : nx) : "<none>";
			const char *vy = ny ? (tab ? strchr(ny, '\t') + 1 : ny) : "<none>";

			if (keyed)
				g_string_append_printf(report, "output: %.*s: \"%s\" (A) vs "
						       "\"%s\" (B)\n", klen, nl, vx, vy);
			else
				g_string_append_printf(report, "%s line %u: \"%s\" (A) vs "
						       "\"%s\" (B)\n", what, i + 1, vx, vy);
		}
		g_free(nx);
		g_free(ny);
		if (!same)
			return 1;
	}
	return 0;
}

static GPtrArray *read_stdout(const char *dir)
{
	char *path = g_build_filename(dir, "stdout.txt", NULL);
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	char *text = NULL;

	if (g_file_get_contents(path, &text, NULL, NULL)) {
		char **v = g_strsplit(text, "\n", -1);

		for (int i = 0; v[i]; i++)
			if (v[i + 1] || *v[i])	/* no empty last line */
				g_ptr_array_add(lines, g_strdup(v[i]));
		g_strfreev(v);
	}
	g_free(text);
	g_free(path);
	return lines;
}

/* "node scope.name" -> value, and the keys in order. */
static GHashTable *read_counters(struct run *r, GPtrArray *order)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	sqlite3_stmt *st = NULL;

	if (!r->db)
		return h;
	if (sqlite3_prepare_v2(r->db,
			       "SELECT n.name, c.scope, c.name, c.value FROM counters c "
			       "JOIN nodes n ON n.id = c.node_id WHERE c.final = 1 "
			       "ORDER BY c.node_id, c.scope, c.name", -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			char *k = g_strdup_printf("%s %s.%s", sqlite3_column_text(st, 0),
						  sqlite3_column_text(st, 1),
						  sqlite3_column_text(st, 2));

			if (order)
				g_ptr_array_add(order, g_strdup(k));
			g_hash_table_replace(h, k, g_strdup_printf("%lld", (long long)
						sqlite3_column_int64(st, 3)));
		}
	sqlite3_finalize(st);
	return h;
}

/* The first counter both runs have with different final values. */
static int diff_counters(struct run *a, struct run *b, const struct sim_diff_opts *o,
			 GString *report)
{
	GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
	GHashTable *ca = read_counters(a, order), *cb = read_counters(b, NULL);
	int rc = 0;

	for (guint i = 0; i < order->len && rc == 0; i++) {
		const char *k = order->pdata[i], *name = strchr(k, ' ') + 1;
		const char *va = g_hash_table_lookup(ca, k), *vb = g_hash_table_lookup(cb, k);

		char *with_node = g_strdup(k);

		*strchr(with_node, ' ') = ':';
		if (!vb || ignored(o, name) || ignored(o, with_node) || strcmp(va, vb) == 0) {
			g_free(with_node);
			continue;
		}
		g_free(with_node);
		g_string_append_printf(report, "counter: %.*s %s: %s (A) vs %s (B)\n",
				       (int)(name - k - 1), k, name, va, vb);
		rc = 1;
	}
	g_hash_table_unref(ca);
	g_hash_table_unref(cb);
	g_ptr_array_unref(order);
	return rc;
}

int sim_diff_runs(const char *a, const char *b, const struct sim_diff_opts *opts,
		  char **report)
{
	struct run ra = { 0 }, rb = { 0 };
	GString *rep = g_string_new(NULL), *err = g_string_new(NULL);
	GPtrArray *la, *lb;
	int rc = 0, r;

	if (run_open(&ra, a, err) < 0 || run_open(&rb, b, err) < 0) {
		rc = -1;
		goto out;
	}
	r = diff_pcaps(&ra, &rb, opts, rep, err);
	if (r < 0) {
		rc = -1;
		goto out;
	}
	rc |= r;
	la = read_output(&ra);
	lb = read_output(&rb);
	rc |= diff_lines(la, lb, ra.macs, rb.macs, "output", true, rep);
	g_ptr_array_unref(la);
	g_ptr_array_unref(lb);
	la = read_stdout(a);
	lb = read_stdout(b);
	rc |= diff_lines(la, lb, ra.macs, rb.macs, "stdout", false, rep);
	g_ptr_array_unref(la);
	g_ptr_array_unref(lb);
	if (!opts || !opts->no_counters)
		rc |= diff_counters(&ra, &rb, opts, rep);
out:
	if (ra.macs)
		run_close(&ra);
	if (rb.macs)
		run_close(&rb);
	if (rc < 0) {
		*report = g_string_free(err, FALSE);
		g_string_free(rep, TRUE);
	} else {
		*report = g_string_free(rep, FALSE);
		g_string_free(err, TRUE);
	}
	return rc;
}

int sim_diff_main(int argc, char **argv)
{
	GPtrArray *ignore = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *renumber = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *skip = g_ptr_array_new_with_free_func(g_free);
	struct sim_diff_opts o = { 0 };
	const char *dirs[2] = { NULL, NULL };
	int ndirs = 0, rc;
	char *report = NULL;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--ignore") == 0 || strncmp(a, "--ignore=", 9) == 0 ||
		    strcmp(a, "--renumber") == 0 || strncmp(a, "--renumber=", 11) == 0 ||
		    strcmp(a, "--skip") == 0 || strncmp(a, "--skip=", 7) == 0) {
			GPtrArray *to = a[2] == 'i' ? ignore : a[2] == 'r' ? renumber : skip;
			size_t n = a[2] == 'i' ? 8 : a[2] == 'r' ? 10 : 6;
			const char *v = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
			char **parts;

			if (!v || !*v) {
				fprintf(stderr, "skbsim: %.*s needs field names (ip.id,icmp.id)\n",
					(int)n, a);
				goto usage;
			}
			parts = g_strsplit(v, ",", -1);
			for (char **p = parts; *p; p++)
				if (**p)
					g_ptr_array_add(to, g_strdup(*p));
			g_strfreev(parts);
		} else if (strcmp(a, "--time-round") == 0 || strncmp(a, "--time-round=", 13) == 0) {
			const char *v = a[12] == '=' ? a + 13 : (i + 1 < argc ? argv[++i] : NULL);
			char *end = NULL;
			unsigned long ms = v ? strtoul(v, &end, 10) : 0;

			if (!v || !*v || *end || ms == 0 || ms > 3600000) {
				fprintf(stderr, "skbsim: --time-round needs milliseconds (100)\n");
				goto usage;
			}
			o.time_round_ms = (unsigned int)ms;
		} else if (strcmp(a, "--no-counters") == 0) {
			o.no_counters = true;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "skbsim: unknown option %s\n", a);
			goto usage;
		} else if (ndirs < 2) {
			dirs[ndirs++] = a;
		} else {
			fprintf(stderr, "skbsim: diff takes two run directories\n");
			goto usage;
		}
	}
	if (ndirs != 2) {
		fprintf(stderr, "skbsim: diff takes two run directories\n");
		goto usage;
	}
	g_ptr_array_add(ignore, NULL);
	g_ptr_array_add(renumber, NULL);
	g_ptr_array_add(skip, NULL);
	o.ignore = (const char *const *)ignore->pdata;
	o.skip = (const char *const *)skip->pdata;
	o.renumber = (const char *const *)renumber->pdata;
	rc = sim_diff_runs(dirs[0], dirs[1], &o, &report);
	if (rc < 0)
		fprintf(stderr, "skbsim: %s\n", report);
	else if (rc == 0)
		printf("match\n");
	else
		fputs(report, stdout);
	g_free(report);
	g_ptr_array_unref(ignore);
	g_ptr_array_unref(renumber);
	g_ptr_array_unref(skip);
	return rc < 0 ? 2 : rc;
usage:
	g_ptr_array_unref(ignore);
	g_ptr_array_unref(renumber);
	g_ptr_array_unref(skip);
	fputs("Try 'skbsim --help' for more information.\n", stderr);
	return 2;
}
