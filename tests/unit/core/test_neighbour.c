/*
 * tests/unit/core/test_neighbour.c - the neighbour subsystem (models/core/neighbour.c)
 *
 * The NUD state machine as Linux 6.x runs it, on the lectures' picture
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1) -- h2 (10.0.2.2):
 *   - INCOMPLETE: mcast_solicit (3) broadcast requests retrans_time apart,
 *     then FAILED, the waiting packets (arp_queue, unres_qlen_bytes)
 *     reported and dropped; a router answers each with ICMP host
 *     unreachable;
 *   - a reply makes REACHABLE; reachable_time (base_reachable_time drawn
 *     in [1/2, 3/2)) later STALE; a use makes DELAY, delay_first_probe_time
 *     later PROBE (ucast_solicit unicast requests, then mcast_resolicit
 *     broadcasts) or REACHABLE if confirmed meanwhile;
 *   - garbage collection: gc_thresh1/2/3, neigh_forced_gc() under 10,000
 *     neighbours, neigh_periodic_work() and gc_stale_time;
 *   - the neigh sysctls, and flushing on device events.
 * Times are exact: every timer lands where the kernel's timer wheel puts
 * it (tl_wheel() restates kernel/time/timer.c's rounding), at HZ=250.
 * Drops are read back from a metrics.db (reason@function).
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>
#include <sqlite3.h>
#include <stdio.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "sim/sh.h"
#include "sim/timer.h"
#include "sim/trace/metrics.h"

/* ---- time: jiffies at HZ=250 and the timer wheel ------------------------ */

#define HZ		250		/* SIM_HZ_DEFAULT, as tl_jt() counts */
#define J0		INITIAL_JIFFIES(HZ)
#define MS(x)		((sim_time_t)(x) * 1000000)

/* ---- the network and what it sends ----------------------------------------- */

struct frame {
	sim_time_t t;
	char dev[16];
	GByteArray *b;
};

/* Frames a node sends, as tcpdump on the node would see them leave. */
struct cap {
	struct packet_type pt;
	struct world *w;
	GPtrArray *frames;
};

static void frame_free(gpointer p)
{
	struct frame *f = p;

	g_byte_array_unref(f->b);
	g_free(f);
}

static int cap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	struct cap *c = container_of(pt, struct cap, pt);

	(void)orig_dev;
	if (skb->pkt_type == PACKET_OUTGOING) {
		struct frame *f = g_new0(struct frame, 1);

		f->t = sim_now(c->w);
		g_strlcpy(f->dev, dev->name, sizeof(f->dev));
		f->b = g_byte_array_new();
		g_byte_array_append(f->b, skb->data, skb->len);
		g_ptr_array_add(c->frames, f);
	}
	consume_skb(skb);
	return 0;
}

static void cap_start(struct cap *c, struct node *n)
{
	*c = (struct cap){ .pt = { .type = htons(ETH_P_ALL), .func = cap_rcv }, .w = n->w };
	c->frames = g_ptr_array_new_with_free_func(frame_free);
	dev_add_pack(n->net, &c->pt);
}

static void cap_stop(struct cap *c, struct node *n)
{
	dev_remove_pack(n->net, &c->pt);
	g_ptr_array_unref(c->frames);
}

struct fix {
	struct tl_net3 t;
	struct cap c1, cr, c2;		/* what h1, r1, h2 send */
	char *dir;			/* metrics.db for the drops */
};

static const char *mac_name(const struct fix *f, const u8 *mac, char *buf)
{
	struct node *nodes[] = { f->t.h1, f->t.r1, f->t.h2 };
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!memcmp(mac, bcast, ETH_ALEN))
		return "bcast";
	for (unsigned int i = 0; i < G_N_ELEMENTS(nodes); i++) {
		struct net *net = nodes[i]->net;
		struct net_device *dev;

		list_for_each_entry(dev, &net->dev_base_head, dev_list) {
			if (dev->addr_len == ETH_ALEN && !memcmp(dev->dev_addr, mac, ETH_ALEN)) {
				snprintf(buf, 96, "%s:%s", nodes[i]->name, dev->name);
				return buf;
			}
		}
	}
	snprintf(buf, 96, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
		 mac[4], mac[5]);
	return buf;
}

/* The ARP frames of @c, one line each, tcpdump-like, with exact times. */
static char *arp_lines(const struct fix *fx, const struct cap *c)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < c->frames->len; i++) {
		const struct frame *f = g_ptr_array_index(c->frames, i);
		const u8 *d = f->b->data;
		char b1[96], b2[96], b3[96], ip1[16], ip2[16];

		if (f->b->len < 42 || d[12] != 0x08 || d[13] != 0x06)
			continue;
		inet_ntop(AF_INET, d + 28, ip1, sizeof(ip1));		/* spa */
		inet_ntop(AF_INET, d + 38, ip2, sizeof(ip2));		/* tpa */
		g_string_append_printf(s, "%lld.%09lld %s %s > %s ", (long long)(f->t / SIM_NSEC_PER_SEC),
				       (long long)(f->t % SIM_NSEC_PER_SEC), f->dev,
				       mac_name(fx, d + 6, b1), mac_name(fx, d, b2));
		if (d[21] == ARPOP_REQUEST)
			g_string_append_printf(s, "who-has %s tell %s\n", ip2, ip1);
		else
			g_string_append_printf(s, "%s is-at %s\n", ip1, mac_name(fx, d + 22, b3));
	}
	return g_string_free(s, FALSE);
}

/* The last frame @c saw leave @dev, and how many did. */
static const struct frame *last_on(const struct cap *c, const char *dev, unsigned int *count)
{
	const struct frame *last = NULL;

	*count = 0;
	for (guint i = 0; i < c->frames->len; i++) {
		const struct frame *f = g_ptr_array_index(c->frames, i);

		if (!strcmp(f->dev, dev)) {
			last = f;
			++*count;
		}
	}
	return last;
}

#define ck_assert_arp(fx, c, want)                                              \
	do {                                                                    \
		char *got_ = arp_lines(fx, c);                                  \
		ck_assert_str_eq(got_, want);                                   \
		g_free(got_);                                                   \
	} while (0)

/* The drops of @n so far: "SECONDS REASON@function" lines. */
static char *drops(const struct fix *fx, const struct node *n)
{
	GString *out = g_string_new(NULL);
	char *path = g_build_filename(fx->dir, "metrics.db", NULL);
	char *sql = g_strdup_printf("SELECT t_ns, reason, function FROM drops WHERE node_id = %u "
				    "ORDER BY rowid", n->id);
	sqlite3 *db;
	sqlite3_stmt *st;

	sim_metrics_flush(fx->t.w->metrics);
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long t = sqlite3_column_int64(st, 0);

		g_string_append_printf(out, "%lld.%03lld %s@%s\n", t / SIM_NSEC_PER_SEC,
				       t % SIM_NSEC_PER_SEC / 1000000, sqlite3_column_text(st, 1),
				       sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	g_free(sql);
	g_free(path);
	return g_string_free(out, FALSE);
}

#define ck_assert_drops(fx, n, want)                                            \
	do {                                                                    \
		char *got_ = drops(fx, n);                                      \
		ck_assert_str_eq(got_, want);                                   \
		g_free(got_);                                                   \
	} while (0)

static void fix_setup(struct fix *fx)
{
	static const struct sim_metrics_run run = { .name = "neigh", .version = "test",
						    .seed = 1, .hz = HZ };
	struct sim_err err = { { 0 } };
	char *path;

	tl_net3_setup(&fx->t);
	ck_assert_uint_eq(fx->t.w->hz, HZ);
	/* ip link set lo up: errors about h1's own packets come back through it */
	ck_assert_int_eq(dev_open(tl_dev(fx->t.h1, "lo"), &err), 0);
	fx->dir = tl_tmpdir();
	path = g_build_filename(fx->dir, "metrics.db", NULL);
	fx->t.w->metrics = sim_metrics_open(path, &run, &err);
	ck_assert_msg(fx->t.w->metrics != NULL, "%s", err.msg);
	g_free(path);
	cap_start(&fx->c1, fx->t.h1);
	cap_start(&fx->cr, fx->t.r1);
	cap_start(&fx->c2, fx->t.h2);
}

static void fix_teardown(struct fix *fx)
{
	cap_stop(&fx->c1, fx->t.h1);
	cap_stop(&fx->cr, fx->t.r1);
	cap_stop(&fx->c2, fx->t.h2);
	tl_world_free(fx->t.w);		/* fails on leaked skbs and neighbours */
	tl_rmtree(fx->dir);
	g_free(fx->dir);
}

static struct neigh_table *arp_tbl_of(struct node *n)
{
	return node_net(n)->ipv4.arp_tbl;
}

static struct neighbour *nb(struct node *n, const char *ifname, const char *addr)
{
	__be32 key = tl_addr(addr);

	return __neigh_lookup_noref(arp_tbl_of(n), &key, tl_dev(n, ifname));
}

static u8 state_of(struct node *n, const char *ifname, const char *addr)
{
	struct neighbour *e = nb(n, ifname, addr);

	return e ? e->nud_state : 0xff;		/* 0xff: no entry */
}

#define ck_assert_state(n, ifname, addr, want)                                  \
	ck_assert_msg(state_of(n, ifname, addr) == (want), "%s %s: %s, not %s", (n)->name, addr, \
		      state_of(n, ifname, addr) == 0xff ? "no entry"                 \
						       : neigh_state_name(state_of(n, ifname, addr)), \
		      neigh_state_name(want))

static char *sysctl_get(struct node *n, const char *path)
{
	GString *out = g_string_new(NULL);

	ck_assert_int_eq(sim_vfs_read(n, path, out), 0);
	if (out->len && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

#define ck_assert_sysctl(n, path, want)                                         \
	do {                                                                    \
		char *got_ = sysctl_get(n, path);                               \
		ck_assert_msg(!strcmp(got_, want), "%s: %s, not %s", path, got_, want); \
		g_free(got_);                                                   \
	} while (0)

/* A column of `cat /proc/net/stat/arp_cache` (the first line holds the counts). */
static unsigned long arp_cache(struct node *n, const char *column)
{
	char *text = sysctl_get(n, "/proc/net/stat/arp_cache");
	char **lines = g_strsplit(text, "\n", 3);
	char **names, **values;
	unsigned long v = 0;
	bool found = false;

	ck_assert_ptr_nonnull(lines[0]);
	ck_assert_ptr_nonnull(lines[1]);
	names = g_strsplit_set(lines[0], " ", -1);
	values = g_strsplit_set(lines[1], " ", -1);
	for (guint i = 0, j = 0; names[i] && !found; i++) {
		if (!*names[i])
			continue;
		while (values[j] && !*values[j])
			j++;
		ck_assert_ptr_nonnull(values[j]);
		if (!strcmp(names[i], column)) {
			v = strtoul(values[j], NULL, 16);
			found = true;
		}
		j++;
	}
	ck_assert_msg(found, "no column %s", column);
	g_strfreev(names);
	g_strfreev(values);
	g_strfreev(lines);
	g_free(text);
	return v;
}

/* `ip neigh replace ADDR lladdr MAC nud STATE dev IF` */
static struct neighbour *neigh_set(struct node *n, const char *ifname, const char *addr,
				   const u8 *mac, u8 state)
{
	__be32 key = tl_addr(addr);
	struct neighbour *e = ___neigh_create(arp_tbl_of(n), &key, tl_dev(n, ifname), 0,
					      state & NUD_PERMANENT, false);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(neigh_update(e, mac, state, NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE,
				      0), 0);
	return e;
}

/* ICMP errors h1 hears: type/code and the sequence number of the echo quoted */
struct heard {
	struct icmp_listener l;
	GString *log;
};

static bool heard_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct heard *h = container_of(l, struct heard, l);
	const struct icmphdr *ic = icmp_hdr(skb);
	char from[16];

	(void)info;
	inet_ntop(AF_INET, &ip_hdr(skb)->saddr, from, sizeof(from));
	if (ic->type == ICMP_ECHOREPLY) {
		g_string_append_printf(h->log, "echo-reply seq %u from %s\n",
				       ntohs(ic->un.echo.sequence), from);
	} else {
		/* the quoted datagram: its IP header, then the echo header */
		const struct iphdr *qip = (const struct iphdr *)(ic + 1);
		const struct icmphdr *qic = (const struct icmphdr *)((const u8 *)qip + qip->ihl * 4);

		g_string_append_printf(h->log, "type %u code %u from %s about seq %u\n", ic->type,
				       ic->code, from, ntohs(qic->un.echo.sequence));
	}
	consume_skb(skb);
	return true;
}

static void heard_start(struct heard *h, struct node *n)
{
	*h = (struct heard){ .l.rcv = heard_rcv, .log = g_string_new(NULL) };
	icmp_listener_add(n->net, &h->l);
}

static void heard_stop(struct heard *h, struct node *n)
{
	icmp_listener_del(n->net, &h->l);
	g_string_free(h->log, TRUE);
}

static const u8 mac99[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x99 };

/* ---- INCOMPLETE: broadcasts, then FAILED ------------------------------------ */

START_TEST(test_incomplete_three_broadcasts_then_failed)
{
	struct fix fx;
	struct neighbour *n;
	struct heard h;
	struct neigh_table *tbl;
	u8 want[42];
	const struct frame *f;
	struct net_device *eth0;
	unsigned int count;

	fix_setup(&fx);
	tbl = arp_tbl_of(fx.t.h1);
	eth0 = tl_dev(fx.t.h1, "eth0");
	heard_start(&h, fx.t.h1);
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 1, 56);	/* t = 0: nobody has .99 */
	n = nb(fx.t.h1, "eth0", "10.0.1.99");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_int_eq(n->probes, 4);		/* counted from ucast_solicit: 3 + the first */
	ck_assert_uint_eq(skb_queue_len(&n->nud->arp_queue), 1);
	/* the first request, byte for byte: broadcast, who-has .99 tell .2 */
	f = g_ptr_array_index(fx.c1.frames, 0);
	memset(want, 0xff, 6);
	memcpy(want + 6, eth0->dev_addr, 6);
	memcpy(want + 12, (const u8[]){ 0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01 }, 10);
	memcpy(want + 22, eth0->dev_addr, 6);
	memcpy(want + 28, (const u8[]){ 10, 0, 1, 2, 0, 0, 0, 0, 0, 0, 10, 0, 1, 99 }, 14);
	ck_assert_uint_eq(f->b->len, sizeof(want));
	ck_assert_mem_eq(f->b->data, want, sizeof(want));
	/* retrans_time 1 s = 250 jiffies, on the wheel's 8-jiffy level: 1.024 s apart */
	ck_assert_uint_eq(tl_wheel(J0, J0 + 250), J0 + 256);
	world_run(fx.t.w, tl_jt(J0 + 768) - 1);
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	world_run(fx.t.w, tl_jt(J0 + 768));
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	ck_assert_uint_eq(n->updated, J0 + 768);
	ck_assert_arp(&fx, &fx.c1,
		      "0.000000000 eth0 h1:eth0 > bcast who-has 10.0.1.99 tell 10.0.1.2\n"
		      "1.024000000 eth0 h1:eth0 > bcast who-has 10.0.1.99 tell 10.0.1.2\n"
		      "2.048000000 eth0 h1:eth0 > bcast who-has 10.0.1.99 tell 10.0.1.2\n");
	/* the waiting echo: reported (ping's "Destination Host Unreachable"), dropped */
	ck_assert_uint_eq(skb_queue_len(&n->nud->arp_queue), 0);
	ck_assert_uint_eq(n->nud->arp_queue_len_bytes, 0);
	ck_assert_drops(&fx, fx.t.h1, "3.072 NEIGH_FAILED@arp_error_report\n");
	ck_assert_uint_eq(tbl->stats.res_failed, 1);
	world_run(fx.t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_str_eq(h.log->str, "type 3 code 1 from 10.0.1.2 about seq 1\n");
	/* FAILED has no timer: nothing more is sent until a packet wants it */
	ck_assert(!timer_pending(&n->nud->timer));
	last_on(&fx.c1, "eth0", &count);
	ck_assert_uint_eq(count, 3);
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 2, 56);	/* t = 5 s: resolution again */
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	f = last_on(&fx.c1, "eth0", &count);
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(f->t, 5 * SIM_NSEC_PER_SEC);
	world_run(fx.t.w, 10 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	ck_assert_uint_eq(tbl->stats.res_failed, 2);
	heard_stop(&h, fx.t.h1);
	fix_teardown(&fx);
}
END_TEST

/* ---- REACHABLE, STALE, DELAY, PROBE ---------------------------------------- */

START_TEST(test_reply_reachable_stale_delay_probe)
{
	struct fix fx;
	struct neighbour *n1, *nr;
	struct heard h;
	unsigned long rt, stale_at, probe_at;

	fix_setup(&fx);
	heard_start(&h, fx.t.h1);
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 1, 56);	/* h1 pings r1 at t = 0 */
	world_run(fx.t.w, MS(1));
	ck_assert_str_eq(h.log->str, "echo-reply seq 1 from 10.0.1.1\n");
	/* h1: a unicast reply makes REACHABLE, confirmed now */
	n1 = nb(fx.t.h1, "eth0", "10.0.1.1");
	ck_assert_int_eq(n1->nud_state, NUD_REACHABLE);
	ck_assert_uint_eq(n1->confirmed, J0);
	ck_assert_mem_eq(n1->ha, tl_dev(fx.t.r1, "eth0")->dev_addr, ETH_ALEN);
	/*
	 * r1: the request for itself made h1 STALE (neigh_event_ns); the echo
	 * reply used it: DELAY, for delay_first_probe_time (5 s = 1250
	 * jiffies, on the 64-jiffy level).
	 */
	nr = nb(fx.t.r1, "eth0", "10.0.1.2");
	ck_assert_int_eq(nr->nud_state, NUD_DELAY);
	probe_at = tl_wheel(J0, J0 + 1250);
	ck_assert_uint_eq(probe_at, J0 + 1272);	/* 5.088 s */
	ck_assert_int_eq(timer_fire_time(&nr->nud->timer), tl_jt(probe_at));
	world_run(fx.t.w, tl_jt(probe_at) - 1);
	ck_assert_int_eq(nr->nud_state, NUD_DELAY);
	world_run(fx.t.w, tl_jt(probe_at) + MS(1));
	/* not confirmed meanwhile: PROBE, a unicast request, h1's reply: REACHABLE */
	ck_assert_int_eq(nr->nud_state, NUD_REACHABLE);
	ck_assert_uint_eq(nr->confirmed, probe_at);
	ck_assert_uint_eq(nr->probes, 1);
	ck_assert_arp(&fx, &fx.cr,
		      "0.000001672 eth0 r1:eth0 > h1:eth0 10.0.1.1 is-at r1:eth0\n"
		      "5.088000000 eth0 r1:eth0 > h1:eth0 who-has 10.0.1.2 tell 10.0.1.1\n");
	ck_assert_arp(&fx, &fx.c1,
		      "0.000000000 eth0 h1:eth0 > bcast who-has 10.0.1.1 tell 10.0.1.2\n"
		      "5.088001672 eth0 h1:eth0 > r1:eth0 10.0.1.2 is-at h1:eth0\n");
	/*
	 * h1: REACHABLE for its eth0's reachable_time (random, [15 s, 45 s)),
	 * then STALE (not used since): the unicast probe it answered did not
	 * change that.
	 */
	rt = (unsigned long)n1->parms->reachable_time;
	ck_assert_uint_ge(rt, 15 * HZ);
	ck_assert_uint_lt(rt, 45 * HZ);
	ck_assert_int_eq(n1->nud_state, NUD_REACHABLE);
	stale_at = tl_wheel(J0, J0 + rt);
	ck_assert_int_eq(timer_fire_time(&n1->nud->timer), tl_jt(stale_at));
	world_run(fx.t.w, tl_jt(stale_at) - 1);
	ck_assert_int_eq(n1->nud_state, NUD_REACHABLE);
	world_run(fx.t.w, tl_jt(stale_at));
	ck_assert_int_eq(n1->nud_state, NUD_STALE);
	ck_assert_uint_eq(n1->updated, stale_at);
	ck_assert(!neigh_timer_pending(n1));
	/* r1's entry likewise: confirmed at the probe, stale after its own reachable_time */
	world_run(fx.t.w, tl_jt(tl_wheel(probe_at,
					 probe_at + (unsigned long)nr->parms->reachable_time)));
	ck_assert_int_eq(nr->nud_state, NUD_STALE);
	heard_stop(&h, fx.t.h1);
	fix_teardown(&fx);
}
END_TEST

/* DELAY and a confirmation from above (a TCP ACK): REACHABLE, no probe. */
START_TEST(test_delay_confirmed_becomes_reachable)
{
	struct fix fx;
	struct neighbour *n;
	unsigned long j1 = J0 + HZ, at = tl_wheel(J0 + HZ, J0 + HZ + 1250);

	fix_setup(&fx);
	n = neigh_set(fx.t.h1, "eth0", "10.0.1.1", tl_dev(fx.t.r1, "eth0")->dev_addr, NUD_STALE);
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	world_run(fx.t.w, tl_jt(j1));
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 1, 56);	/* STALE, used: DELAY, sent at once */
	ck_assert_int_eq(n->nud_state, NUD_DELAY);
	ck_assert_uint_eq(n->used, j1);
	ck_assert_uint_eq(fx.c1.frames->len, 1);	/* the echo, to r1's address */
	world_run(fx.t.w, 2 * SIM_NSEC_PER_SEC);
	neigh_confirm(n);				/* at 2 s */
	ck_assert_uint_eq(n->confirmed, J0 + 2 * HZ);
	world_run(fx.t.w, tl_jt(at) - 1);
	ck_assert_int_eq(n->nud_state, NUD_DELAY);
	world_run(fx.t.w, tl_jt(at));
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_uint_eq(n->updated, at);
	/* the next expiry counts from the confirmation */
	ck_assert_int_eq(timer_fire_time(&n->nud->timer),
			 tl_jt(tl_wheel(at, J0 + 2 * HZ + (unsigned long)n->parms->reachable_time)));
	/* h1 sent no request: only its answer to r1's (r1 did not know h1) */
	ck_assert_arp(&fx, &fx.c1, "1.000003648 eth0 h1:eth0 > r1:eth0 10.0.1.2 is-at h1:eth0\n");
	fix_teardown(&fx);
}
END_TEST

/*
 * PROBE with nobody answering: ucast_solicit (3) unicast requests
 * retrans_time apart, then mcast_resolicit broadcasts, then FAILED.
 */
START_TEST(test_probe_fails_after_ucast_and_mcast_resolicit)
{
	struct fix fx;
	struct neighbour *n;
	unsigned long j1 = J0 + HZ, p[6];
	char want[1024];
	int len = 0;

	fix_setup(&fx);
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/mcast_resolicit", "2");
	n = neigh_set(fx.t.h1, "eth0", "10.0.1.99", mac99, NUD_STALE);
	world_run(fx.t.w, tl_jt(j1));
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 1, 56);
	ck_assert_int_eq(n->nud_state, NUD_DELAY);
	p[0] = tl_wheel(j1, j1 + 1250);			/* DELAY -> PROBE, first probe */
	for (int i = 1; i < 6; i++)
		p[i] = tl_wheel(p[i - 1], p[i - 1] + 250);
	ck_assert_uint_eq(p[0], J0 + 1528);		/* 6.112 s */
	world_run(fx.t.w, tl_jt(p[0]));
	ck_assert_int_eq(n->nud_state, NUD_PROBE);
	world_run(fx.t.w, tl_jt(p[5]) - 1);
	ck_assert_int_eq(n->nud_state, NUD_PROBE);
	world_run(fx.t.w, tl_jt(p[5]));
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	for (int i = 0; i < 5; i++)
		len += snprintf(want + len, sizeof(want) - (size_t)len,
				"%lld.%09lld eth0 h1:eth0 > %s who-has 10.0.1.99 tell 10.0.1.2\n",
				(long long)(tl_jt(p[i]) / SIM_NSEC_PER_SEC),
				(long long)(tl_jt(p[i]) % SIM_NSEC_PER_SEC),
				i < 3 ? "02:00:00:00:00:99" : "bcast");
	ck_assert_arp(&fx, &fx.c1, want);
	ck_assert_uint_eq(arp_tbl_of(fx.t.h1)->stats.res_failed, 1);
	fix_teardown(&fx);
}
END_TEST

/* ---- arp_queue: unres_qlen_bytes ------------------------------------------------ */

START_TEST(test_arp_queue_keeps_the_newest_then_fails)
{
	struct fix fx;
	struct neighbour *n;
	unsigned int one;
	char limit[16];
	struct heard h;

	fix_setup(&fx);
	heard_start(&h, fx.t.h1);
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 1, 1000);
	n = nb(fx.t.h1, "eth0", "10.0.1.99");
	one = n->nud->arp_queue_len_bytes;			/* one packet's truesize */
	ck_assert_uint_gt(one, 1000);
	snprintf(limit, sizeof(limit), "%u", 3 * one + one / 2);
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/unres_qlen_bytes", limit);
	for (u16 seq = 2; seq <= 5; seq++)
		tl_send_echo(fx.t.h1, "10.0.1.99", 64, seq, 1000);
	/* room for three: the two oldest made way */
	ck_assert_uint_eq(skb_queue_len(&n->nud->arp_queue), 3);
	ck_assert_uint_eq(n->nud->arp_queue_len_bytes, 3 * one);
	ck_assert_uint_eq(arp_tbl_of(fx.t.h1)->stats.unres_discards, 2);
	ck_assert_drops(&fx, fx.t.h1,
			"0.000 NEIGH_QUEUEFULL@__neigh_event_send\n"
			"0.000 NEIGH_QUEUEFULL@__neigh_event_send\n");
	/* the first request named the first packet's source; only one went */
	ck_assert_uint_eq(fx.c1.frames->len, 1);
	world_run(fx.t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_drops(&fx, fx.t.h1,
			"0.000 NEIGH_QUEUEFULL@__neigh_event_send\n"
			"0.000 NEIGH_QUEUEFULL@__neigh_event_send\n"
			"3.072 NEIGH_FAILED@arp_error_report\n"
			"3.072 NEIGH_FAILED@arp_error_report\n"
			"3.072 NEIGH_FAILED@arp_error_report\n");
	ck_assert_str_eq(h.log->str,
			 "type 3 code 1 from 10.0.1.2 about seq 3\n"
			 "type 3 code 1 from 10.0.1.2 about seq 4\n"
			 "type 3 code 1 from 10.0.1.2 about seq 5\n");
	heard_stop(&h, fx.t.h1);
	fix_teardown(&fx);
}
END_TEST

/* Resolved: the queue leaves in order, the oldest already gone. */
START_TEST(test_arp_queue_flushed_in_order_on_reply)
{
	struct fix fx;
	struct neighbour *n;
	struct heard h;
	char limit[16];

	fix_setup(&fx);
	heard_start(&h, fx.t.h1);
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 1, 1000);
	n = nb(fx.t.h1, "eth0", "10.0.1.1");
	snprintf(limit, sizeof(limit), "%u", 2 * n->nud->arp_queue_len_bytes);
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/unres_qlen_bytes", limit);
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 2, 1000);
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 3, 1000);
	world_run(fx.t.w, MS(10));
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_str_eq(h.log->str,
			 "echo-reply seq 2 from 10.0.1.1\n"
			 "echo-reply seq 3 from 10.0.1.1\n");
	ck_assert_drops(&fx, fx.t.h1, "0.000 NEIGH_QUEUEFULL@__neigh_event_send\n");
	heard_stop(&h, fx.t.h1);
	fix_teardown(&fx);
}
END_TEST

/* A router that cannot resolve the next hop tells the sender, once per packet. */
START_TEST(test_router_reports_host_unreachable)
{
	struct fix fx;
	struct heard h;
	struct neighbour *n;

	fix_setup(&fx);
	heard_start(&h, fx.t.h1);
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 1, 56);	/* resolve r1 first */
	world_run(fx.t.w, SIM_NSEC_PER_SEC);
	g_string_truncate(h.log, 0);
	for (u16 seq = 1; seq <= 3; seq++)
		tl_send_echo(fx.t.h1, "10.0.2.99", 64, seq, 56);
	world_run(fx.t.w, SIM_NSEC_PER_SEC + MS(1));
	n = nb(fx.t.r1, "eth1", "10.0.2.99");
	ck_assert_int_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_uint_eq(skb_queue_len(&n->nud->arp_queue), 3);
	/* r1's requests from 1 s (jiffy 250): 2.016 s, 3.040 s; FAILED at 4.064 s */
	world_run(fx.t.w, 5 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(n->nud_state, NUD_FAILED);
	ck_assert_arp(&fx, &fx.cr,
		      "0.000001672 eth0 r1:eth0 > h1:eth0 10.0.1.1 is-at r1:eth0\n"
		      "1.000001976 eth1 r1:eth1 > bcast who-has 10.0.2.99 tell 10.0.2.1\n"
		      "2.016000000 eth1 r1:eth1 > bcast who-has 10.0.2.99 tell 10.0.2.1\n"
		      "3.040000000 eth1 r1:eth1 > bcast who-has 10.0.2.99 tell 10.0.2.1\n");
	ck_assert_drops(&fx, fx.t.r1,
			"4.064 NEIGH_FAILED@arp_error_report\n"
			"4.064 NEIGH_FAILED@arp_error_report\n"
			"4.064 NEIGH_FAILED@arp_error_report\n");
	ck_assert_str_eq(h.log->str,
			 "type 3 code 1 from 10.0.1.1 about seq 1\n"
			 "type 3 code 1 from 10.0.1.1 about seq 2\n"
			 "type 3 code 1 from 10.0.1.1 about seq 3\n");
	ck_assert_uint_eq(arp_tbl_of(fx.t.r1)->stats.res_failed, 1);
	heard_stop(&h, fx.t.h1);
	fix_teardown(&fx);
}
END_TEST

/* ---- the hardware header ------------------------------------------------------ */

static int fail_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
		       const void *daddr, const void *saddr, unsigned int len)
{
	(void)skb, (void)dev, (void)type, (void)daddr, (void)saddr, (void)len;
	return -EINVAL;
}

static const struct header_ops fail_header_ops = { .create = fail_header };

/* A header the device cannot build: NEIGH_HH_FILLFAIL from either output. */
START_TEST(test_hh_fillfail_from_connected_and_resolve_output)
{
	struct fix fx;
	struct net_device *eth0;
	const struct header_ops *saved;
	struct neighbour *reach, *stale;

	fix_setup(&fx);
	eth0 = tl_dev(fx.t.h1, "eth0");
	reach = neigh_set(fx.t.h1, "eth0", "10.0.1.99", mac99, NUD_REACHABLE);
	stale = neigh_set(fx.t.h1, "eth0", "10.0.1.98", mac99, NUD_STALE);
	ck_assert(reach->output == neigh_connected_output);
	ck_assert(stale->output == neigh_resolve_output);
	saved = eth0->header_ops;
	eth0->header_ops = &fail_header_ops;
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 1, 56);
	tl_send_echo(fx.t.h1, "10.0.1.98", 64, 2, 56);
	eth0->header_ops = saved;
	ck_assert_int_eq(stale->nud_state, NUD_DELAY);	/* the use counted first */
	ck_assert_drops(&fx, fx.t.h1,
			"0.000 NEIGH_HH_FILLFAIL@neigh_connected_output\n"
			"0.000 NEIGH_HH_FILLFAIL@neigh_resolve_output\n");
	ck_assert_str_eq(skb_drop_reason_name(SKB_DROP_REASON_NEIGH_HH_FILLFAIL),
			 "NEIGH_HH_FILLFAIL");
	ck_assert_int_eq(SKB_DROP_REASON_NEIGH_HH_FILLFAIL, SKB_DROP_REASON_NEIGH_DEAD + 1);
	ck_assert_int_eq(SKB_DROP_REASON_TC_EGRESS, SKB_DROP_REASON_NEIGH_HH_FILLFAIL + 1);
	fix_teardown(&fx);
}
END_TEST

/* ---- garbage collection ------------------------------------------------------ */

/* A host with one big subnet, hearing ARP from @count senders (neigh_event_ns). */
static __be32 gc_addr(unsigned int i)
{
	return htonl(0x0a010000u + 1 + i);		/* 10.1.0.1 + i */
}

static int hear_from(struct node *n, unsigned int first, unsigned int count)
{
	struct net_device *dev = tl_dev(n, "eth0");
	int made = 0;

	for (unsigned int i = first; i < first + count; i++) {
		__be32 a = gc_addr(i);
		u8 mac[ETH_ALEN] = { 0x02, 0x01, 0, (u8)(i >> 16), (u8)(i >> 8), (u8)i };

		if (neigh_event_ns(arp_tbl_of(n), mac, &a, dev))
			made++;
	}
	return made;
}

static bool has(struct node *n, unsigned int i)
{
	__be32 a = gc_addr(i);

	return __neigh_lookup_noref(arp_tbl_of(n), &a, tl_dev(n, "eth0")) != NULL;
}

static struct world *gc_world(struct node **h)
{
	struct world *w = tl_world("gc", 1);
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct node *peer;

	*h = world_add_node(w, "host", "h", NULL, &err);
	peer = world_add_node(w, "host", "peer", NULL, &err);
	ck_assert_ptr_nonnull(peer);
	ck_assert_ptr_nonnull(world_link(w, *h, peer, &cfg, &err));
	tl_up_addr(*h, "eth0", "10.1.255.254", 16);
	return w;
}

START_TEST(test_forced_gc_under_10000_neighbours)
{
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);
	unsigned int i;

	ck_assert_int_eq(tbl->gc_thresh1, 128);
	ck_assert_int_eq(tbl->gc_thresh2, 512);
	ck_assert_int_eq(tbl->gc_thresh3, 1024);
	/*
	 * 10,000 senders at once: past gc_thresh2 nothing happens before 5 s;
	 * at gc_thresh3 each new one runs the forced GC, which finds every
	 * entry changed less than 5 s ago: the table is full.
	 */
	ck_assert_int_eq(hear_from(h, 0, 10000), 1024);
	ck_assert_uint_eq(tbl->entries, 1024);
	ck_assert_int_eq(tbl->gc_entries, 1024);
	ck_assert_uint_eq(tbl->stats.allocs, 1024);
	ck_assert_uint_eq(tbl->stats.destroys, 0);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 8976);	/* forced_gc_runs */
	ck_assert_uint_eq(tbl->stats.table_fulls, 8976);	/* table_fulls */
	ck_assert_uint_eq(tbl->stats.lookups, 10000);		/* neigh_event_ns looked first */
	ck_assert_uint_eq(tbl->stats.hits, 0);
	ck_assert(has(h, 0) && has(h, 1023) && !has(h, 1024));
	ck_assert_uint_eq(tbl->stats.hash_grows, 7);		/* 8 -> 1024 buckets */
	/* as `cat /proc/net/stat/arp_cache` shows them (hex) */
	ck_assert_uint_eq(arp_cache(h, "entries"), 1024);
	ck_assert_uint_eq(arp_cache(h, "forced_gc_runs"), 8976);
	ck_assert_uint_eq(arp_cache(h, "table_fulls"), 8976);
	ck_assert_uint_eq(arp_cache(h, "allocs"), 1024);
	ck_assert_uint_eq(arp_cache(h, "unresolved_discards"), 0);
	/*
	 * 6 s later they are 5 s old.  One more: back to gc_thresh2, oldest
	 * first (gc_entries counts the new one: 1025 - 512 = 513 go).
	 */
	world_run(w, 6 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(hear_from(h, 20000, 1), 1);
	ck_assert_uint_eq(tbl->entries, 512);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 8977);
	ck_assert_uint_eq(tbl->stats.destroys, 513);
	for (i = 0; i < 513; i++)
		ck_assert_msg(!has(h, i), "entry %u survived", i);
	ck_assert(has(h, 513) && has(h, 20000));
	/* gc_thresh2 again, but the last forced run is not 5 s old: no GC until thresh3 */
	ck_assert_int_eq(hear_from(h, 20001, 512), 512);
	ck_assert_uint_eq(tbl->entries, 1024);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 8977);
	/* at thresh3: only the 511 old ones may go; enough to make room */
	ck_assert_int_eq(hear_from(h, 30000, 1), 1);
	ck_assert_uint_eq(tbl->entries, 514);
	ck_assert_uint_eq(tbl->stats.destroys, 1024);
	ck_assert(!has(h, 1023) && has(h, 20001));
	/* then full of fresh entries: allocation fails, counted */
	ck_assert_int_eq(hear_from(h, 40000, 600), 510);
	ck_assert_uint_eq(tbl->entries, 1024);
	ck_assert_uint_eq(tbl->stats.table_fulls, 8976 + 90);
	ck_assert_uint_eq(arp_cache(h, "table_fulls"), 8976 + 90);
	ck_assert_uint_eq(arp_cache(h, "forced_gc_runs"), 8976 + 2 + 90);
	ck_assert_uint_eq(arp_cache(h, "destroys"), 1024);
	ck_assert_uint_eq(arp_cache(h, "entries"), 1024);
	tl_world_free(w);
}
END_TEST

/* What neigh_forced_gc() may not take, with gc_thresh 4/8/16. */
START_TEST(test_forced_gc_spares_permanent_referenced_and_timers)
{
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);
	struct net_device *dev = tl_dev(h, "eth0");
	struct neighbour *perm, *held, *busy, *failed, *noarp;
	__be32 a;

	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh1", "4");
	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh2", "8");
	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh3", "16");
	/* `ip neigh add 10.1.0.1 lladdr ... nud permanent`: exempt, not counted */
	a = gc_addr(0);
	perm = ___neigh_create(tbl, &a, dev, 0, true, false);
	ck_assert_int_eq(neigh_update(perm, mac99, NUD_PERMANENT,
				      NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE, 0), 0);
	ck_assert_int_eq(tbl->gc_entries, 0);
	ck_assert_uint_eq(tbl->entries, 1);
	/* a STALE entry someone holds, one being resolved, and two recent removable ones */
	ck_assert_int_eq(hear_from(h, 1, 1), 1);
	held = __neigh_create(tbl, &(__be32){ gc_addr(1) }, dev, true);	/* a second reference */
	a = gc_addr(2);
	busy = __neigh_create(tbl, &a, dev, false);
	neigh_event_send(busy, NULL);				/* INCOMPLETE, timer held */
	a = gc_addr(3);
	failed = __neigh_create(tbl, &a, dev, false);
	neigh_update(failed, NULL, NUD_FAILED, NEIGH_UPDATE_F_ADMIN, 0);
	a = htonl(0x0a01ffffu);					/* the subnet broadcast */
	noarp = __neigh_create(tbl, &a, dev, false);
	ck_assert_int_eq(noarp->nud_state, NUD_NOARP);
	ck_assert_int_eq(tbl->gc_entries, 4);
	/* recent STALE entries up to gc_thresh3 (16 counted) */
	ck_assert_int_eq(hear_from(h, 10, 12), 12);
	ck_assert_int_eq(tbl->gc_entries, 16);
	/* the 17th: FAILED and NOARP go even though recent; enough */
	ck_assert_int_eq(hear_from(h, 100, 1), 1);
	ck_assert_int_eq(tbl->gc_entries, 15);
	ck_assert_ptr_null(__neigh_lookup_noref(tbl, &(__be32){ gc_addr(3) }, dev));
	ck_assert_ptr_null(__neigh_lookup_noref(tbl, &(__be32){ htonl(0x0a01ffffu) }, dev));
	/* one more fits (the last run was just now); then nothing else may go */
	ck_assert_int_eq(hear_from(h, 101, 5), 1);
	ck_assert_uint_eq(tbl->stats.table_fulls, 4);
	/* 6 s later the STALE ones are old enough: the held, busy and permanent stay */
	world_run(w, 6 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(busy->nud_state, NUD_FAILED);	/* resolution ended meanwhile */
	ck_assert(!neigh_timer_pending(busy));
	ck_assert_int_eq(hear_from(h, 200, 1), 1);
	ck_assert_ptr_nonnull(__neigh_lookup_noref(tbl, &(__be32){ gc_addr(0) }, dev));
	ck_assert_ptr_eq(__neigh_lookup_noref(tbl, &(__be32){ gc_addr(1) }, dev), held);
	ck_assert_int_eq(perm->nud_state, NUD_PERMANENT);
	/* 17 - 8 = 9 went, the oldest first: busy (FAILED now), then the STALE ones */
	ck_assert_int_eq(tbl->gc_entries, 8);
	ck_assert_ptr_null(__neigh_lookup_noref(tbl, &(__be32){ gc_addr(2) }, dev));
	ck_assert(!has(h, 10) && !has(h, 17) && has(h, 18) && has(h, 200));
	neigh_release(held);
	tl_world_free(w);
}
END_TEST

/*
 * `ip neigh add/replace/change ... nud permanent` (neigh_add()): a new
 * permanent entry is made exempt from GC, so it neither counts against
 * gc_thresh3 nor is ever taken by the forced GC; `entries` in
 * /proc/net/stat/arp_cache (tbl->entries) still counts it, as in Linux.
 */
START_TEST(test_forced_gc_spares_ip_neigh_permanent)
{
	static const char *const perm[] = { "10.1.1.1", "10.1.1.2", "10.1.1.3", "10.1.0.4" };
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);
	struct net_device *dev = tl_dev(h, "eth0");

	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh1", "2");
	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh2", "2");
	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh3", "4");
	/* four fresh learnt entries fill the table: a fifth is refused */
	ck_assert_int_eq(hear_from(h, 0, 4), 4);
	ck_assert_int_eq(hear_from(h, 10, 1), 0);
	ck_assert_uint_eq(tbl->stats.table_fulls, 1);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 1);
	/* permanent entries still go in, uncounted, with no forced GC run */
	tl_sh_ok(h, "ip neigh add 10.1.1.1 lladdr 02:00:00:00:01:01 dev eth0 nud permanent");
	tl_sh_ok(h, "ip neigh add 10.1.1.2 lladdr 02:00:00:00:01:02 dev eth0");
	tl_sh_ok(h, "ip neigh replace 10.1.1.3 lladdr 02:00:00:00:01:03 dev eth0 nud permanent");
	ck_assert_int_eq(tbl->gc_entries, 4);
	ck_assert_uint_eq(tbl->entries, 7);
	ck_assert_uint_eq(arp_cache(h, "entries"), 7);
	ck_assert_uint_eq(tbl->stats.table_fulls, 1);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 1);
	/* a learnt entry changed to permanent leaves the GC list */
	tl_sh_ok(h, "ip neigh change 10.1.0.4 lladdr 02:00:00:00:01:04 dev eth0 nud permanent");
	ck_assert_int_eq(tbl->gc_entries, 3);
	for (unsigned int i = 0; i < G_N_ELEMENTS(perm); i++) {
		struct neighbour *n = __neigh_lookup_noref(tbl, &(__be32){ tl_addr(perm[i]) }, dev);

		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(n->nud_state, NUD_PERMANENT);
		ck_assert(list_empty(&n->gc_list));
	}
	/* 6 s later: the old learnt entries go, oldest first, to gc_thresh2 */
	world_run(w, 6 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(hear_from(h, 20, 1), 1);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 2);
	ck_assert(!has(h, 0) && !has(h, 1) && has(h, 2) && has(h, 20));
	ck_assert_int_eq(tbl->gc_entries, 2);
	/* filled again: the forced GC takes the last old one, then refuses */
	ck_assert_int_eq(hear_from(h, 30, 10), 3);
	ck_assert(!has(h, 2));
	ck_assert_int_eq(tbl->gc_entries, 4);
	ck_assert_uint_eq(tbl->stats.table_fulls, 1 + 7);
	for (unsigned int i = 0; i < G_N_ELEMENTS(perm); i++)
		ck_assert_ptr_nonnull(__neigh_lookup_noref(tbl, &(__be32){ tl_addr(perm[i]) },
							   dev));
	ck_assert_uint_eq(tbl->entries, 8);
	ck_assert_uint_eq(arp_cache(h, "entries"), 8);
	tl_world_free(w);
}
END_TEST

/* Between gc_thresh2 and gc_thresh3 the forced GC waits 5 s after the last one. */
START_TEST(test_forced_gc_above_thresh2_after_5s)
{
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);

	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh2", "8");
	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh3", "16");
	ck_assert_int_eq(hear_from(h, 0, 10), 10);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 0);
	world_run(w, tl_jt(J0 + 5 * HZ));			/* last_flush + 5 s: not after it */
	ck_assert_int_eq(hear_from(h, 10, 1), 1);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 0);
	world_run(w, tl_jt(J0 + 5 * HZ + 1));
	ck_assert_int_eq(hear_from(h, 11, 1), 1);
	ck_assert_uint_eq(tbl->stats.forced_gc_runs, 1);
	/* 12 counted: 12 - 8 = 4 of the oldest (5 s old) went */
	ck_assert_uint_eq(tbl->entries, 8);
	ck_assert(!has(h, 0) && !has(h, 3) && has(h, 4) && has(h, 11));
	ck_assert_uint_eq(tbl->last_flush, J0 + 5 * HZ + 1);
	tl_world_free(w);
}
END_TEST

/* neigh_periodic_work: above gc_thresh1, FAILED entries and those unused for gc_stale_time. */
START_TEST(test_periodic_gc_stale_and_failed)
{
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);
	struct net_device *dev = tl_dev(h, "eth0");
	unsigned long run[8], first;
	struct neighbour *failed;
	__be32 a = gc_addr(50);
	int k;

	tl_sysctl(h, "/proc/sys/net/ipv4/neigh/default/gc_thresh1", "4");
	/* the first run after the table's (random) reachable_time, then every 15 s */
	first = J0 + (unsigned long)tbl->parms.reachable_time;
	ck_assert_int_eq(timer_fire_time(&tbl->gc_timer), tl_jt(tl_wheel(J0, first)));
	run[0] = tl_wheel(J0, first);
	for (k = 1; k < 8; k++)
		run[k] = tl_wheel(run[k - 1], run[k - 1] + 15 * HZ);	/* base_reachable_time / 2 */
	ck_assert_int_eq(hear_from(h, 0, 5), 5);		/* STALE, used at 0 */
	failed = __neigh_create(tbl, &a, dev, false);
	neigh_update(failed, NULL, NUD_FAILED, NEIGH_UPDATE_F_ADMIN, 0);
	world_run(w, tl_jt(run[0]) - 1);
	ck_assert_uint_eq(tbl->stats.periodic_gc_runs, 0);
	ck_assert_uint_eq(tbl->entries, 6);
	world_run(w, tl_jt(run[0]));
	ck_assert_uint_eq(tbl->stats.periodic_gc_runs, 1);
	ck_assert_uint_eq(tbl->entries, 5);		/* FAILED goes at once */
	/* STALE ones go at the first run 60 s (gc_stale_time) after their last use */
	for (k = 0; run[k] < J0 + 60 * HZ; k++)
		;
	world_run(w, tl_jt(run[k]) - 1);
	ck_assert_uint_eq(tbl->entries, 5);
	world_run(w, tl_jt(run[k]));
	ck_assert_uint_eq(tbl->entries, 0);
	ck_assert_uint_eq(tbl->stats.periodic_gc_runs, (u64)k + 1);
	/* below gc_thresh1 nothing goes, however old */
	ck_assert_int_eq(hear_from(h, 100, 3), 3);
	world_run(w, tl_jt(run[k]) + 200 * SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(tbl->entries, 3);
	tl_world_free(w);
}
END_TEST

/* reachable_time: drawn in [base/2, 3*base/2), again when base changes and every 300 s. */
START_TEST(test_reachable_time_randomized)
{
	struct node *h;
	struct world *w = gc_world(&h);
	struct neigh_table *tbl = arp_tbl_of(h);
	struct neigh_parms *p = tbl->parms_list;
	int lo = G_MAXINT, hi = 0, before;

	for (; p && p->dev != tl_dev(h, "eth0"); p = p->next)
		;
	ck_assert_ptr_nonnull(p);
	for (int i = 0; i < 400; i++) {
		tl_sysctl(h, "/proc/sys/net/ipv4/neigh/eth0/base_reachable_time_ms", "1000");
		lo = MIN(lo, p->reachable_time);
		hi = MAX(hi, p->reachable_time);
	}
	ck_assert_int_eq(NEIGH_VAR(p, BASE_REACHABLE_TIME), HZ);
	ck_assert_int_ge(lo, HZ / 2);
	ck_assert_int_lt(hi, HZ * 3 / 2);
	ck_assert_int_lt(lo, HZ * 6 / 10);		/* the whole range is used */
	ck_assert_int_gt(hi, HZ * 14 / 10);
	/* neigh_periodic_work redraws after last_rand + 300 s (last_rand starts 20 rt ahead) */
	before = tbl->parms.reachable_time;
	ck_assert_uint_eq(tbl->last_rand, J0 + 20 * (unsigned long)before);
	world_run(w, tl_jt(tbl->last_rand + 300 * HZ) - 16 * SIM_NSEC_PER_SEC);
	ck_assert_int_eq(tbl->parms.reachable_time, before);
	world_run(w, tl_jt(tbl->last_rand + 300 * HZ) + 16 * SIM_NSEC_PER_SEC);
	ck_assert_int_ne(tbl->parms.reachable_time, before);
	ck_assert_int_ge(tbl->parms.reachable_time, 15 * HZ);
	ck_assert_int_lt(tbl->parms.reachable_time, 45 * HZ);
	tl_world_free(w);
}
END_TEST

/* ---- sysctls ------------------------------------------------------------------- */

START_TEST(test_neigh_sysctl_defaults)
{
	static const struct { const char *name, *value; } dflt[] = {
		{ "mcast_solicit", "3" }, { "ucast_solicit", "3" }, { "app_solicit", "0" },
		{ "mcast_resolicit", "0" }, { "retrans_time", "100" },
		{ "retrans_time_ms", "1000" }, { "base_reachable_time", "30" },
		{ "base_reachable_time_ms", "30000" }, { "delay_first_probe_time", "5" },
		{ "gc_stale_time", "60" }, { "unres_qlen_bytes", "212992" },
		{ "unres_qlen", "101" }, { "proxy_qlen", "64" }, { "anycast_delay", "100" },
		{ "proxy_delay", "80" }, { "locktime", "100" },
		{ "interval_probe_time_ms", "5000" },
	};
	struct fix fx;
	char path[128];

	fix_setup(&fx);
	for (unsigned int i = 0; i < G_N_ELEMENTS(dflt); i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/neigh/default/%s", dflt[i].name);
		ck_assert_sysctl(fx.t.h1, path, dflt[i].value);
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/neigh/eth0/%s", dflt[i].name);
		ck_assert_sysctl(fx.t.h1, path, dflt[i].value);
	}
	ck_assert_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/gc_interval", "30");
	ck_assert_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/gc_thresh1", "128");
	ck_assert_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/gc_thresh2", "512");
	ck_assert_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/gc_thresh3", "1024");
	ck_assert_int_eq(sim_vfs_read(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/gc_thresh1", NULL) < 0,
			 1);
	/* unres_qlen is unres_qlen_bytes in SKB_TRUESIZE(ETH_FRAME_LEN) = 2090-byte packets */
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/unres_qlen", "3");
	ck_assert_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/unres_qlen_bytes", "6270");
	/* interval_probe_time_ms is at least 1 ms */
	ck_assert_int_eq(sim_vfs_write(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/interval_probe_time_ms",
				       "0", NULL), -EINVAL);
	ck_assert_int_eq(sim_vfs_write(fx.t.h1, "/proc/sys/net/ipv4/neigh/eth0/mcast_solicit", "-1",
				       NULL), -EINVAL);
	fix_teardown(&fx);
}
END_TEST

/* A write to neigh/default reaches the devices that never had their own value. */
START_TEST(test_neigh_sysctl_default_reaches_devices)
{
	struct fix fx;

	fix_setup(&fx);
	tl_sysctl(fx.t.r1, "/proc/sys/net/ipv4/neigh/eth0/retrans_time_ms", "2000");
	tl_sysctl(fx.t.r1, "/proc/sys/net/ipv4/neigh/default/retrans_time_ms", "500");
	ck_assert_sysctl(fx.t.r1, "/proc/sys/net/ipv4/neigh/eth0/retrans_time_ms", "2000");
	ck_assert_sysctl(fx.t.r1, "/proc/sys/net/ipv4/neigh/eth1/retrans_time_ms", "500");
	ck_assert_sysctl(fx.t.r1, "/proc/sys/net/ipv4/neigh/eth1/retrans_time", "50");
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/retrans_time_ms", "500");
	tl_sysctl(fx.t.h1, "/proc/sys/net/ipv4/neigh/default/mcast_solicit", "2");
	/* and it is used: 2 requests, 125 jiffies on the 8-jiffy level: 0.512 s apart */
	tl_send_echo(fx.t.h1, "10.0.1.99", 64, 1, 56);
	world_run(fx.t.w, 3 * SIM_NSEC_PER_SEC);
	ck_assert_arp(&fx, &fx.c1,
		      "0.000000000 eth0 h1:eth0 > bcast who-has 10.0.1.99 tell 10.0.1.2\n"
		      "0.512000000 eth0 h1:eth0 > bcast who-has 10.0.1.99 tell 10.0.1.2\n");
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.99", NUD_FAILED);
	ck_assert_uint_eq(nb(fx.t.h1, "eth0", "10.0.1.99")->updated, J0 + 256);
	fix_teardown(&fx);
}
END_TEST

/* ---- flushing on device events ------------------------------------------------ */

START_TEST(test_flush_on_carrier_down_down_and_changeaddr)
{
	struct fix fx;
	struct net_device *eth0;
	struct sim_err err = { { 0 } };
	const u8 newmac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x23 };

	fix_setup(&fx);
	eth0 = tl_dev(fx.t.h1, "eth0");
	tl_send_echo(fx.t.h1, "10.0.1.1", 64, 1, 56);
	world_run(fx.t.w, MS(10));
	neigh_set(fx.t.h1, "eth0", "10.0.1.50", mac99, NUD_PERMANENT);
	__neigh_create(arp_tbl_of(fx.t.h1), &(__be32){ tl_addr("10.0.1.255") }, eth0, false);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.255", NUD_NOARP);
	/* carrier lost (arp_evict_nocarrier = 1): all but PERMANENT */
	netif_carrier_off(eth0);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.1", 0xff);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.255", 0xff);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.50", NUD_PERMANENT);
	/* a new MAC address: everything, PERMANENT too (neigh_changeaddr) */
	dev_close(eth0);
	neigh_set(fx.t.h1, "eth0", "10.0.1.50", mac99, NUD_PERMANENT);
	ck_assert_int_eq(dev_set_mac_address(eth0, newmac, &err), 0);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.50", 0xff);
	/* the device goes down: everything */
	neigh_set(fx.t.h1, "eth0", "10.0.1.50", mac99, NUD_PERMANENT);
	ck_assert_int_eq(dev_open(eth0, &err), 0);
	dev_close(eth0);
	ck_assert_state(fx.t.h1, "eth0", "10.0.1.50", 0xff);
	ck_assert_uint_eq(arp_tbl_of(fx.t.h1)->entries, 0);
	fix_teardown(&fx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("neighbour");
	TCase *nud = tcase_create("nud");
	TCase *gc = tcase_create("gc");
	TCase *cfg = tcase_create("sysctl");

	tcase_add_test(nud, test_incomplete_three_broadcasts_then_failed);
	tcase_add_test(nud, test_reply_reachable_stale_delay_probe);
	tcase_add_test(nud, test_delay_confirmed_becomes_reachable);
	tcase_add_test(nud, test_probe_fails_after_ucast_and_mcast_resolicit);
	tcase_add_test(nud, test_arp_queue_keeps_the_newest_then_fails);
	tcase_add_test(nud, test_arp_queue_flushed_in_order_on_reply);
	tcase_add_test(nud, test_router_reports_host_unreachable);
	tcase_add_test(nud, test_hh_fillfail_from_connected_and_resolve_output);
	tcase_add_test(gc, test_forced_gc_under_10000_neighbours);
	tcase_add_test(gc, test_forced_gc_spares_permanent_referenced_and_timers);
	tcase_add_test(gc, test_forced_gc_spares_ip_neigh_permanent);
	tcase_add_test(gc, test_forced_gc_above_thresh2_after_5s);
	tcase_add_test(gc, test_periodic_gc_stale_and_failed);
	tcase_add_test(gc, test_reachable_time_randomized);
	tcase_add_test(cfg, test_neigh_sysctl_defaults);
	tcase_add_test(cfg, test_neigh_sysctl_default_reaches_devices);
	tcase_add_test(cfg, test_flush_on_carrier_down_down_and_changeaddr);
	suite_add_tcase(s, nud);
	suite_add_tcase(s, gc);
	suite_add_tcase(s, cfg);
	return tl_run_suite(s);
}
