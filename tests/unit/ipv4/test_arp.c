/*
 * tests/unit/ipv4/test_arp.c - ARP (models/ipv4/arp.c)
 *
 * arp_rcv()/arp_process()/arp_solicit() as Linux 6.x behaves, on
 * h1 (10.0.1.2) -- r1 (10.0.1.1 | 10.0.2.1, forwarding) -- h2 (10.0.2.2):
 * request and reply byte for byte, the DAD probe, gratuitous ARP and
 * locktime, arp_accept 0/1/2, arp_ignore 0/1/2/3/8, arp_announce 0/1/2 on
 * a host with several addresses, arp_filter, proxy_arp (proxy_delay,
 * medium_id, proxy_arp_pvlan), NOARP devices and neighbours, and permanent
 * entries (`ip neigh add ... nud permanent` through the C entry points
 * rtnetlink would use).  Frames are captured as they leave each node and
 * checked as bytes; ARP frames are crafted and injected as a packet socket
 * would (node:inject).
 */
#include "tl_ipv4.h"

#include <arpa/inet.h>
#include <stdio.h>

#include "linux/inetdevice.h"
#include "net/arp.h"
#include "net/icmp.h"
#include "net/ip.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "net/route.h"
#include "sim/sh.h"
#include "sim/timer.h"

#define HZ		250		/* SIM_HZ_DEFAULT, as tl_jt() counts */
#define J0		INITIAL_JIFFIES(HZ)
#define MS(x)		((sim_time_t)(x) * 1000000)
#define US(x)		((sim_time_t)(x) * 1000)

/* an ARP frame on a cable: 60 bytes + FCS + preamble + gap at 1 Gbit/s, 1 us away */
#define ARP_TRANSIT	(US(1) + 84 * 8)

/* ---- frames -------------------------------------------------------------------- */

struct frame {
	sim_time_t t;
	char dev[16];
	GByteArray *b;
};

struct cap {
	struct packet_type pt;
	struct world *w;
	GPtrArray *frames;		/* ARP frames only */
	unsigned int ip;		/* IPv4 frames sent */
	u8 last_ip_dst[ETH_ALEN];
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
	const u8 *d = skb->data;

	(void)orig_dev;
	if (skb->pkt_type == PACKET_OUTGOING && skb->len >= ETH_HLEN && strcmp(dev->name, "lo")) {
		if (d[12] == 0x08 && d[13] == 0x06) {
			struct frame *f = g_new0(struct frame, 1);

			f->t = sim_now(c->w);
			g_strlcpy(f->dev, dev->name, sizeof(f->dev));
			f->b = g_byte_array_new();
			g_byte_array_append(f->b, skb->data, skb->len);
			g_ptr_array_add(c->frames, f);
		} else if (d[12] == 0x08 && d[13] == 0x00) {
			c->ip++;
			memcpy(c->last_ip_dst, d, ETH_ALEN);
		}
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

static const struct frame *cap_frame(const struct cap *c, unsigned int i)
{
	ck_assert_uint_lt(i, c->frames->len);
	return g_ptr_array_index(c->frames, i);
}

static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 zero[ETH_ALEN];
static const u8 mac_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xaa };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xbb };

/* An Ethernet ARP frame (42 bytes), as arp_create() lays it out. */
static void arp_build(u8 *f, const u8 *dst, const u8 *src, u16 op, const u8 *sha,
		      const char *sip, const u8 *tha, const char *tip)
{
	__be32 s = tl_addr(sip), t = tl_addr(tip);

	memcpy(f, dst, ETH_ALEN);
	memcpy(f + 6, src, ETH_ALEN);
	f[12] = 0x08, f[13] = 0x06;		/* ETH_P_ARP */
	f[14] = 0x00, f[15] = 0x01;		/* ARPHRD_ETHER */
	f[16] = 0x08, f[17] = 0x00;		/* ETH_P_IP */
	f[18] = 6, f[19] = 4;
	f[20] = 0x00, f[21] = (u8)op;
	memcpy(f + 22, sha, ETH_ALEN);
	memcpy(f + 28, &s, 4);
	memcpy(f + 32, tha, ETH_ALEN);
	memcpy(f + 38, &t, 4);
}

#define ck_assert_frame(fr, ...)                                               \
	do {                                                                   \
		u8 want_[42];                                                  \
		arp_build(want_, __VA_ARGS__);                                 \
		ck_assert_uint_eq((fr)->b->len, sizeof(want_));                \
		ck_assert_mem_eq((fr)->b->data, want_, sizeof(want_));         \
	} while (0)

/* What a packet socket on @n's @ifname sends (node:inject). */
static void inject(struct node *n, const char *ifname, const u8 *dst, const u8 *src, u16 op,
		   const u8 *sha, const char *sip, const u8 *tha, const char *tip)
{
	struct sim_err err = { { 0 } };
	u8 f[42];

	arp_build(f, dst, src, op, sha, sip, tha, tip);
	ck_assert_msg(n->w->packet_inject(n, ifname, f, sizeof(f), &err) == 0, "%s", err.msg);
}

/* ---- the network ----------------------------------------------------------------- */

struct fix {
	struct world *w;
	struct node *h1, *r1, *h2;
	struct cap c1, cr, c2;
};

static void up_addr(struct node *n, const char *ifname, const char *addr, int plen, u8 scope)
{
	struct sim_err err = { { 0 } };
	struct net_device *dev = tl_dev(n, ifname);

	if (!(dev->flags & IFF_UP))
		ck_assert_int_eq(dev_open(dev, &err), 0);
	ck_assert_msg(inet_rtm_newaddr(n->net, dev, tl_addr(addr), plen, 0, true, scope, NULL, 0, 0,
				       &err) == 0, "%s", err.msg);
}

/* h1 -- r1 -- h2 as tl_net3_setup() makes it, h1's prefix length chosen (proxy ARP). */
static void fix_setup_plen(struct fix *fx, int h1_plen)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	memset(fx, 0, sizeof(*fx));
	fx->w = tl_world("arp", 1);
	ck_assert_uint_eq(fx->w->hz, HZ);
	fx->h1 = world_add_node(fx->w, "host", "h1", NULL, &err);
	fx->r1 = world_add_node(fx->w, "router", "r1", NULL, &err);
	fx->h2 = world_add_node(fx->w, "host", "h2", NULL, &err);
	ck_assert_ptr_nonnull(fx->h2);
	cfg.delay = 1000;
	ck_assert_ptr_nonnull(world_link(fx->w, fx->h1, fx->r1, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(fx->w, fx->r1, fx->h2, &cfg, &err));
	up_addr(fx->h1, "eth0", "10.0.1.2", h1_plen, RT_SCOPE_UNIVERSE);
	up_addr(fx->r1, "eth0", "10.0.1.1", 24, RT_SCOPE_UNIVERSE);
	up_addr(fx->r1, "eth1", "10.0.2.1", 24, RT_SCOPE_UNIVERSE);
	up_addr(fx->h2, "eth0", "10.0.2.2", 24, RT_SCOPE_UNIVERSE);
	tl_default_via(fx->h1, "10.0.1.1");
	tl_default_via(fx->h2, "10.0.2.1");
	for (struct node **n = &fx->h1; n <= &fx->h2; n++)
		ck_assert_int_eq(dev_open(tl_dev(*n, "lo"), &err), 0);
	cap_start(&fx->c1, fx->h1);
	cap_start(&fx->cr, fx->r1);
	cap_start(&fx->c2, fx->h2);
}

static void fix_setup(struct fix *fx)
{
	fix_setup_plen(fx, 24);
}

static void fix_teardown(struct fix *fx)
{
	cap_stop(&fx->c1, fx->h1);
	cap_stop(&fx->cr, fx->r1);
	cap_stop(&fx->c2, fx->h2);
	tl_world_free(fx->w);
}

static const u8 *mac(struct node *n, const char *ifname)
{
	return tl_dev(n, ifname)->dev_addr;
}

static struct neigh_table *tbl_of(struct node *n)
{
	return node_net(n)->ipv4.arp_tbl;
}

static struct neighbour *nb(struct node *n, const char *ifname, const char *addr)
{
	__be32 key = tl_addr(addr);

	return __neigh_lookup_noref(tbl_of(n), &key, tl_dev(n, ifname));
}

/* An IPv4 datagram (UDP-less, protocol 253: experimentation) from @saddr to @daddr. */
static void send_from(struct node *n, const char *saddr, const char *daddr)
{
	struct flowi4 fl4 = { .daddr = tl_addr(daddr), .saddr = tl_addr(saddr),
			      .flowi4_proto = 253 };
	struct sk_buff *skb;
	struct rtable *rt;
	int err = 0;

	rt = ip_route_output_key(n->net, &fl4, &err);
	ck_assert_msg(rt != NULL, "no route to %s: %d", daddr, err);
	skb = alloc_skb(n->net, 128 + 32);
	skb_reserve(skb, 128);
	memset(skb_put(skb, 32), 0x5a, 32);
	ip_push_skb(n->net, NULL, skb, rt, tl_addr(saddr), fl4.daddr, 253, 0, 64, true);
	ip_rt_put(rt);
}

/* ---- request and reply ------------------------------------------------------------ */

START_TEST(test_request_and_reply_bytes)
{
	struct fix fx;
	struct neighbour *n;

	fix_setup(&fx);
	tl_send_echo(fx.h1, "10.0.1.1", 64, 1, 56);
	world_run(fx.w, MS(1));
	/* h1: who-has 10.0.1.1 tell 10.0.1.2, broadcast, target hardware zero */
	ck_assert_uint_eq(fx.c1.frames->len, 1);
	ck_assert_int_eq(cap_frame(&fx.c1, 0)->t, 0);
	ck_assert_frame(cap_frame(&fx.c1, 0), bcast, mac(fx.h1, "eth0"), ARPOP_REQUEST,
			mac(fx.h1, "eth0"), "10.0.1.2", zero, "10.0.1.1");
	/* r1: 10.0.1.1 is-at, unicast back, when the request arrives */
	ck_assert_uint_eq(fx.cr.frames->len, 1);
	ck_assert_int_eq(cap_frame(&fx.cr, 0)->t, ARP_TRANSIT);
	ck_assert_frame(cap_frame(&fx.cr, 0), mac(fx.h1, "eth0"), mac(fx.r1, "eth0"), ARPOP_REPLY,
			mac(fx.r1, "eth0"), "10.0.1.1", mac(fx.h1, "eth0"), "10.0.1.2");
	/* r1 remembered the asker (STALE, then DELAY when the echo reply used it) */
	n = nb(fx.r1, "eth0", "10.0.1.2");
	ck_assert_int_eq(n->nud_state, NUD_DELAY);
	ck_assert_mem_eq(n->ha, mac(fx.h1, "eth0"), ETH_ALEN);
	/* h1: a unicast reply proves reachability */
	n = nb(fx.h1, "eth0", "10.0.1.1");
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_mem_eq(n->ha, mac(fx.r1, "eth0"), ETH_ALEN);
	ck_assert_uint_eq(fx.c1.ip, 1);
	ck_assert_mem_eq(fx.c1.last_ip_dst, mac(fx.r1, "eth0"), ETH_ALEN);
	/* /proc/net/stat/arp_cache: ARP counts no rcv_probes (only IPv6 ND does) */
	ck_assert_uint_eq(tbl_of(fx.r1)->stats.allocs, 1);
	ck_assert_uint_eq(tbl_of(fx.r1)->stats.rcv_probes_mcast, 0);
	ck_assert_uint_eq(tbl_of(fx.r1)->stats.rcv_probes_ucast, 0);
	fix_teardown(&fx);
}
END_TEST

/* arping -D: a probe from 0.0.0.0 is answered to its sender, and teaches nothing. */
START_TEST(test_dad_probe_reply)
{
	struct fix fx;

	fix_setup(&fx);
	inject(fx.h1, "eth0", bcast, mac_a, ARPOP_REQUEST, mac_a, "0.0.0.0", zero, "10.0.1.1");
	world_run(fx.w, MS(1));
	ck_assert_uint_eq(fx.cr.frames->len, 1);
	ck_assert_frame(cap_frame(&fx.cr, 0), mac_a, mac(fx.r1, "eth0"), ARPOP_REPLY,
			mac(fx.r1, "eth0"), "10.0.1.1", mac_a, "0.0.0.0");
	ck_assert_uint_eq(tbl_of(fx.r1)->entries, 0);
	/* a probe for an address nobody has is not answered */
	inject(fx.h1, "eth0", bcast, mac_a, ARPOP_REQUEST, mac_a, "0.0.0.0", zero, "10.0.1.77");
	world_run(fx.w, MS(2));
	ck_assert_uint_eq(fx.cr.frames->len, 1);
	fix_teardown(&fx);
}
END_TEST

/* ---- gratuitous ARP, locktime ------------------------------------------------------ */

START_TEST(test_gratuitous_arp_and_locktime)
{
	struct fix fx;
	struct neighbour *n;
	const u8 *r1mac;

	fix_setup(&fx);
	r1mac = mac(fx.r1, "eth0");
	tl_send_echo(fx.h1, "10.0.1.1", 64, 1, 56);
	world_run(fx.w, MS(1));
	n = nb(fx.h1, "eth0", "10.0.1.1");
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_uint_eq(n->updated, J0);
	/* 0.5 s later, within locktime (1 s): a gratuitous request still overrides */
	world_run(fx.w, MS(500));
	inject(fx.r1, "eth0", bcast, mac_a, ARPOP_REQUEST, mac_a, "10.0.1.1", zero, "10.0.1.1");
	world_run(fx.w, MS(501));
	ck_assert_int_eq(n->nud_state, NUD_STALE);	/* a request proves nothing */
	ck_assert_mem_eq(n->ha, mac_a, ETH_ALEN);
	ck_assert_uint_eq(n->updated, J0 + HZ / 2);
	/* an ordinary reply with another address, within locktime of that: the first stays */
	world_run(fx.w, MS(600));
	inject(fx.r1, "eth0", mac(fx.h1, "eth0"), r1mac, ARPOP_REPLY, r1mac, "10.0.1.1",
	       mac(fx.h1, "eth0"), "10.0.1.2");
	world_run(fx.w, MS(601));
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	ck_assert_mem_eq(n->ha, mac_a, ETH_ALEN);
	/* a reply "gratuitous" but for tha != sha is an ordinary one: ignored too */
	inject(fx.r1, "eth0", bcast, mac_b, ARPOP_REPLY, mac_b, "10.0.1.1", bcast, "10.0.1.1");
	world_run(fx.w, MS(602));
	ck_assert_mem_eq(n->ha, mac_a, ETH_ALEN);
	/* after locktime the ordinary unicast reply wins: REACHABLE */
	world_run(fx.w, MS(1600));
	inject(fx.r1, "eth0", mac(fx.h1, "eth0"), r1mac, ARPOP_REPLY, r1mac, "10.0.1.1",
	       mac(fx.h1, "eth0"), "10.0.1.2");
	world_run(fx.w, MS(1601));
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_mem_eq(n->ha, r1mac, ETH_ALEN);
	/* a gratuitous reply (tha == sha), broadcast: at once, and only STALE */
	inject(fx.r1, "eth0", bcast, mac_b, ARPOP_REPLY, mac_b, "10.0.1.1", mac_b, "10.0.1.1");
	world_run(fx.w, MS(1602));
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	ck_assert_mem_eq(n->ha, mac_b, ETH_ALEN);
	/* the same address again, from a valid entry: no change at all */
	world_run(fx.w, MS(4000));
	inject(fx.r1, "eth0", bcast, mac_b, ARPOP_REQUEST, mac_b, "10.0.1.1", zero, "10.0.1.1");
	world_run(fx.w, MS(4001));
	ck_assert_int_eq(n->nud_state, NUD_STALE);
	ck_assert_uint_eq(n->updated, J0 + 1602 * HZ / 1000);
	/* drop_gratuitous_arp: ignored altogether */
	tl_sysctl(fx.h1, "/proc/sys/net/ipv4/conf/eth0/drop_gratuitous_arp", "1");
	inject(fx.r1, "eth0", bcast, mac_a, ARPOP_REQUEST, mac_a, "10.0.1.1", zero, "10.0.1.1");
	world_run(fx.w, MS(4002));
	ck_assert_mem_eq(n->ha, mac_b, ETH_ALEN);
	/* h1 answered nothing: none of these asked for it */
	ck_assert_uint_eq(fx.c1.frames->len, 1);
	fix_teardown(&fx);
}
END_TEST

/* ---- arp_accept -------------------------------------------------------------------------- */

struct accept_case {
	const char *name;
	const char *arp_accept;
	u16 op;
	bool garp;
	const char *sip;
	u8 want;		/* NUD_* or 0: no entry */
};

static const struct accept_case accept_cases[] = {
	{ "0: unsolicited reply ignored", "0", ARPOP_REPLY, false, "10.0.1.50", 0 },
	{ "0: gratuitous request ignored", "0", ARPOP_REQUEST, true, "10.0.1.50", 0 },
	{ "1: unsolicited unicast reply", "1", ARPOP_REPLY, false, "10.0.1.50", NUD_REACHABLE },
	{ "1: gratuitous request", "1", ARPOP_REQUEST, true, "10.0.1.50", NUD_STALE },
	{ "1: sender off the subnet", "1", ARPOP_REQUEST, true, "10.0.7.7", NUD_STALE },
	{ "2: gratuitous, sender on the subnet", "2", ARPOP_REQUEST, true, "10.0.1.50", NUD_STALE },
	{ "2: gratuitous, sender off the subnet", "2", ARPOP_REQUEST, true, "10.0.7.7", 0 },
	{ "2: reply, sender off the subnet", "2", ARPOP_REPLY, false, "10.0.7.7", 0 },
	{ "1: reply about a broadcast address", "1", ARPOP_REPLY, false, "10.0.1.255", 0 },
};

START_TEST(test_arp_accept)
{
	const struct accept_case *c = &accept_cases[_i];
	struct fix fx;
	struct neighbour *n;

	fix_setup(&fx);
	tl_sysctl(fx.h1, "/proc/sys/net/ipv4/conf/eth0/arp_accept", c->arp_accept);
	if (c->garp)
		inject(fx.r1, "eth0", bcast, mac_a, c->op, mac_a, c->sip, zero, c->sip);
	else
		inject(fx.r1, "eth0", mac(fx.h1, "eth0"), mac_a, c->op, mac_a, c->sip,
		       mac(fx.h1, "eth0"), "10.0.1.2");
	world_run(fx.w, MS(1));
	n = nb(fx.h1, "eth0", c->sip);
	if (!c->want) {
		ck_assert_msg(n == NULL, "%s: an entry (%s)", c->name,
			      n ? neigh_state_name(n->nud_state) : "");
	} else {
		ck_assert_msg(n != NULL, "%s: no entry", c->name);
		ck_assert_msg(n->nud_state == c->want, "%s: %s", c->name,
			      neigh_state_name(n->nud_state));
		ck_assert_mem_eq(n->ha, mac_a, ETH_ALEN);
	}
	ck_assert_uint_eq(fx.c1.frames->len, 0);	/* nothing to answer */
	fix_teardown(&fx);
}
END_TEST

/* ---- arp_ignore: which of r1's addresses it answers for, on eth0 ------------------------- */

struct ignore_case {
	int mode;
	const char *tip;
	bool reply;
};

/* r1: eth0 10.0.1.1/24 + 10.0.5.1/24; eth1 10.0.2.1/24 + 10.0.6.1/24 scope host */
static const struct ignore_case ignore_cases[] = {
	{ 0, "10.0.1.1", true }, { 0, "10.0.5.1", true }, { 0, "10.0.2.1", true },
	{ 0, "10.0.6.1", true },
	{ 1, "10.0.1.1", true }, { 1, "10.0.5.1", true }, { 1, "10.0.2.1", false },
	{ 1, "10.0.6.1", false },
	{ 2, "10.0.1.1", true }, { 2, "10.0.5.1", false }, { 2, "10.0.2.1", false },
	{ 3, "10.0.1.1", true }, { 3, "10.0.2.1", true }, { 3, "10.0.6.1", false },
	{ 5, "10.0.2.1", true },		/* 4-7: reserved, reply */
	{ 8, "10.0.1.1", false },
};

START_TEST(test_arp_ignore)
{
	const struct ignore_case *c = &ignore_cases[_i];
	struct fix fx;
	char mode[8];

	fix_setup(&fx);
	up_addr(fx.r1, "eth0", "10.0.5.1", 24, RT_SCOPE_UNIVERSE);
	up_addr(fx.r1, "eth1", "10.0.6.1", 24, RT_SCOPE_HOST);
	snprintf(mode, sizeof(mode), "%d", c->mode);
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/all/arp_ignore", mode);
	/* who-has TIP tell 10.0.1.2, from h1 */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr(c->tip), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), NULL, NULL, NULL);
	world_run(fx.w, MS(1));
	if (c->reply) {
		ck_assert_msg(fx.cr.frames->len == 1, "arp_ignore %d, %s: no reply", c->mode, c->tip);
		/* the answer names eth0's address even for another interface's IP */
		ck_assert_frame(cap_frame(&fx.cr, 0), mac(fx.h1, "eth0"), mac(fx.r1, "eth0"),
				ARPOP_REPLY, mac(fx.r1, "eth0"), c->tip, mac(fx.h1, "eth0"),
				"10.0.1.2");
		ck_assert_ptr_nonnull(nb(fx.r1, "eth0", "10.0.1.2"));
	} else {
		ck_assert_msg(fx.cr.frames->len == 0, "arp_ignore %d, %s: a reply", c->mode, c->tip);
		/* not answered, nor remembered (h1 was unknown) */
		ck_assert_ptr_null(nb(fx.r1, "eth0", "10.0.1.2"));
	}
	fix_teardown(&fx);
}
END_TEST

/* ---- arp_announce: the source address of h1's requests -------------------------------- */

struct announce_case {
	int mode;
	const char *saddr;	/* the waiting packet's source */
	const char *spa;	/* what the request says */
};

/* h1: eth0 10.0.1.2/24 + secondary 10.0.1.3/24; lo 10.0.9.2/32 */
static const struct announce_case announce_cases[] = {
	{ 0, "10.0.9.2", "10.0.9.2" },		/* any local address */
	{ 0, "10.0.1.3", "10.0.1.3" },
	{ 1, "10.0.9.2", "10.0.1.2" },		/* only one in the target's subnet */
	{ 1, "10.0.1.3", "10.0.1.3" },
	{ 2, "10.0.9.2", "10.0.1.2" },		/* the primary address for the target */
	{ 2, "10.0.1.3", "10.0.1.2" },
};

START_TEST(test_arp_announce)
{
	const struct announce_case *c = &announce_cases[_i];
	struct fix fx;
	char mode[8];

	fix_setup(&fx);
	up_addr(fx.h1, "eth0", "10.0.1.3", 24, RT_SCOPE_UNIVERSE);
	up_addr(fx.h1, "lo", "10.0.9.2", 32, RT_SCOPE_UNIVERSE);
	snprintf(mode, sizeof(mode), "%d", c->mode);
	tl_sysctl(fx.h1, "/proc/sys/net/ipv4/conf/eth0/arp_announce", mode);
	send_from(fx.h1, c->saddr, "10.0.1.77");
	ck_assert_uint_eq(fx.c1.frames->len, 1);
	ck_assert_frame(cap_frame(&fx.c1, 0), bcast, mac(fx.h1, "eth0"), ARPOP_REQUEST,
			mac(fx.h1, "eth0"), c->spa, zero, "10.0.1.77");
	fix_teardown(&fx);
}
END_TEST

/* ---- arp_filter ---------------------------------------------------------------------------- */

START_TEST(test_arp_filter)
{
	struct fix fx;

	fix_setup(&fx);
	/* from h2's segment, a sender r1 would route to through eth0 */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.1"), tl_dev(fx.h2, "eth0"),
		 tl_addr("10.0.1.77"), NULL, NULL, NULL);
	world_run(fx.w, MS(1));
	ck_assert_uint_eq(fx.cr.frames->len, 1);		/* arp_filter 0: answered */
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth1/arp_filter", "1");
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.1"), tl_dev(fx.h2, "eth0"),
		 tl_addr("10.0.1.78"), NULL, NULL, NULL);
	world_run(fx.w, MS(2));
	ck_assert_uint_eq(fx.cr.frames->len, 1);		/* the route back is not eth1 */
	ck_assert_ptr_null(nb(fx.r1, "eth1", "10.0.1.78"));
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.1"), tl_dev(fx.h2, "eth0"),
		 tl_addr("10.0.2.2"), NULL, NULL, NULL);
	world_run(fx.w, MS(3));
	ck_assert_uint_eq(fx.cr.frames->len, 2);		/* it is for h2 */
	ck_assert_frame(cap_frame(&fx.cr, 1), mac(fx.h2, "eth0"), mac(fx.r1, "eth1"), ARPOP_REPLY,
			mac(fx.r1, "eth1"), "10.0.2.1", mac(fx.h2, "eth0"), "10.0.2.2");
	fix_teardown(&fx);
}
END_TEST

/* ---- proxy ARP --------------------------------------------------------------------------- */

/* The delay pneigh_enqueue() draws for the n-th proxied request of r1 (jiffies). */
static unsigned long proxy_draw(struct node *r1, unsigned int nth)
{
	struct sim_rng rng;
	u32 v = 0;

	node_rng_derive(r1, &rng, "arp_cache proxy_delay");
	for (unsigned int i = 0; i <= nth; i++)
		v = sim_rng_u32(&rng);
	return v % 200;			/* proxy_delay: 80 USER_HZ ticks = 200 jiffies */
}

struct echo_log {
	struct icmp_listener l;
	int replies;
};

static bool echo_rcv(struct icmp_listener *l, struct sk_buff *skb, u32 info)
{
	struct echo_log *e = container_of(l, struct echo_log, l);

	(void)info;
	if (icmp_hdr(skb)->type == ICMP_ECHOREPLY)
		e->replies++;
	consume_skb(skb);
	return true;
}

START_TEST(test_proxy_arp_after_proxy_delay)
{
	struct fix fx;
	struct echo_log e = { .l.rcv = echo_rcv };
	struct neighbour *n;
	unsigned long d = 0, at;

	fix_setup_plen(&fx, 16);			/* h1 takes 10.0.2.2 for a neighbour */
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth0/proxy_arp", "1");
	icmp_listener_add(fx.h1->net, &e.l);
	tl_send_echo(fx.h1, "10.0.2.2", 64, 1, 56);
	world_run(fx.w, US(10));
	/* the broadcast request waits a random part of proxy_delay (0.8 s) */
	ck_assert_uint_eq(fx.cr.frames->len, 0);
	ck_assert_uint_eq(skb_queue_len(&tbl_of(fx.r1)->proxy->proxy_queue), 1);
	d = proxy_draw(fx.r1, 0);
	ck_assert_uint_lt(d, 200);
	at = tl_wheel(J0, J0 + d);
	ck_assert_int_eq(timer_fire_time(&tbl_of(fx.r1)->proxy->proxy_timer), tl_jt(at));
	/* r1 learned h1 from it already */
	ck_assert_int_eq(nb(fx.r1, "eth0", "10.0.1.2")->nud_state, NUD_STALE);
	world_run(fx.w, SIM_NSEC_PER_SEC);
	ck_assert_uint_eq(fx.cr.frames->len, 2);	/* the proxy reply, and r1 asking for h2 */
	ck_assert_int_eq(cap_frame(&fx.cr, 0)->t, tl_jt(at));
	ck_assert_frame(cap_frame(&fx.cr, 0), mac(fx.h1, "eth0"), mac(fx.r1, "eth0"), ARPOP_REPLY,
			mac(fx.r1, "eth0"), "10.0.2.2", mac(fx.h1, "eth0"), "10.0.1.2");
	n = nb(fx.h1, "eth0", "10.0.2.2");
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_mem_eq(n->ha, mac(fx.r1, "eth0"), ETH_ALEN);
	ck_assert_int_eq(e.replies, 1);
	ck_assert_int_eq(tbl_of(fx.r1)->parms_list->qlen + tbl_of(fx.r1)->parms_list->next->qlen, 0);
	/* a unicast request (PACKET_HOST) is answered at once */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.2"), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), mac(fx.r1, "eth0"), NULL, NULL);
	world_run(fx.w, SIM_NSEC_PER_SEC + MS(1));
	ck_assert_uint_eq(fx.cr.frames->len, 3);
	ck_assert_int_eq(cap_frame(&fx.cr, 2)->t, SIM_NSEC_PER_SEC + ARP_TRANSIT);
	/* and so is every request with proxy_delay 0 */
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/neigh/eth0/proxy_delay", "0");
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.77"), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), NULL, NULL, NULL);
	world_run(fx.w, SIM_NSEC_PER_SEC + MS(2));
	ck_assert_uint_eq(fx.cr.frames->len, 4);
	ck_assert_int_eq(cap_frame(&fx.cr, 3)->t, SIM_NSEC_PER_SEC + MS(1) + ARP_TRANSIT);
	/* a request for an address on h1's own segment: not proxied */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.1.77"), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), NULL, NULL, NULL);
	world_run(fx.w, SIM_NSEC_PER_SEC + MS(3));
	ck_assert_uint_eq(fx.cr.frames->len, 4);
	/* ... unless private VLAN proxying is on (RFC 3069) */
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth0/proxy_arp_pvlan", "1");
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.1.77"), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), NULL, NULL, NULL);
	world_run(fx.w, SIM_NSEC_PER_SEC + MS(4));
	ck_assert_uint_eq(fx.cr.frames->len, 5);
	ck_assert_frame(cap_frame(&fx.cr, 4), mac(fx.h1, "eth0"), mac(fx.r1, "eth0"), ARPOP_REPLY,
			mac(fx.r1, "eth0"), "10.0.1.77", mac(fx.h1, "eth0"), "10.0.1.2");
	icmp_listener_del(fx.h1->net, &e.l);
	fix_teardown(&fx);
}
END_TEST

struct medium_case {
	const char *in, *out;	/* medium_id of r1's eth0 and eth1 */
	const char *forwarding;	/* r1 eth0 */
	bool proxied;
};

static const struct medium_case medium_cases[] = {
	{ "0", "0", "1", true },	/* 0: proxy whatever the other side is */
	{ "1", "1", "1", false },	/* both on one medium: the owner answers itself */
	{ "1", "2", "1", true },
	{ "1", "-1", "1", false },	/* -1 out: never to it */
	{ "-1", "2", "1", false },	/* -1 in: proxy never */
	{ "0", "0", "0", false },	/* proxy ARP only on a forwarding device */
};

START_TEST(test_proxy_arp_medium_id)
{
	const struct medium_case *c = &medium_cases[_i];
	struct fix fx;

	fix_setup_plen(&fx, 16);
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth0/proxy_arp", "1");
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/neigh/eth0/proxy_delay", "0");
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth0/medium_id", c->in);
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth1/medium_id", c->out);
	tl_sysctl(fx.r1, "/proc/sys/net/ipv4/conf/eth0/forwarding", c->forwarding);
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.2.2"), tl_dev(fx.h1, "eth0"),
		 tl_addr("10.0.1.2"), NULL, NULL, NULL);
	world_run(fx.w, MS(1));
	ck_assert_msg(fx.cr.frames->len == (c->proxied ? 1u : 0u), "medium_id %s/%s fwd %s: %u",
		      c->in, c->out, c->forwarding, fx.cr.frames->len);
	fix_teardown(&fx);
}
END_TEST

/* ---- NOARP --------------------------------------------------------------------------------- */

START_TEST(test_noarp_device_and_neighbours)
{
	struct fix fx;
	struct sim_err err = { { 0 } };
	struct net_device *h1e0;
	struct neighbour *n;
	__be32 mc = tl_addr("224.0.0.251");

	fix_setup(&fx);
	h1e0 = tl_dev(fx.h1, "eth0");
	/* ip link set eth0 arp off: neighbours are NOARP, at the device's own address */
	ck_assert_int_eq(dev_change_flags(h1e0, h1e0->flags | IFF_NOARP, &err), 0);
	tl_send_echo(fx.h1, "10.0.1.1", 64, 1, 56);
	world_run(fx.w, MS(1));
	n = nb(fx.h1, "eth0", "10.0.1.1");
	ck_assert_int_eq(n->nud_state, NUD_NOARP);
	ck_assert_mem_eq(n->ha, h1e0->dev_addr, ETH_ALEN);
	ck_assert_uint_eq(fx.c1.frames->len, 0);		/* no request */
	ck_assert_uint_eq(fx.c1.ip, 1);
	ck_assert_mem_eq(fx.c1.last_ip_dst, h1e0->dev_addr, ETH_ALEN);	/* to itself */
	/* and an ARP request arriving there is not answered, nor counted as a drop */
	inject(fx.r1, "eth0", bcast, mac(fx.r1, "eth0"), ARPOP_REQUEST, mac(fx.r1, "eth0"),
	       "10.0.1.1", zero, "10.0.1.2");
	world_run(fx.w, MS(2));
	ck_assert_uint_eq(fx.c1.frames->len, 0);
	/* arp_send on a NOARP device sends nothing */
	arp_send(ARPOP_REQUEST, ETH_P_ARP, tl_addr("10.0.1.1"), h1e0, tl_addr("10.0.1.2"), NULL,
		 NULL, NULL);
	ck_assert_uint_eq(fx.c1.frames->len, 0);
	/* on an ARP device: broadcast and multicast neighbours need no resolution */
	__neigh_create(tbl_of(fx.h2), &(__be32){ tl_addr("10.0.2.255") }, tl_dev(fx.h2, "eth0"),
		       false);
	n = nb(fx.h2, "eth0", "10.0.2.255");
	ck_assert_int_eq(n->nud_state, NUD_NOARP);
	ck_assert_mem_eq(n->ha, bcast, ETH_ALEN);
	n = __neigh_create(tbl_of(fx.h2), &mc, tl_dev(fx.h2, "eth0"), false);
	ck_assert_int_eq(n->nud_state, NUD_NOARP);
	ck_assert_mem_eq(n->ha, ((const u8[]){ 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb }), ETH_ALEN);
	/* a loopback device has one neighbour, 0.0.0.0 (exempt from GC) */
	n = __neigh_create(tbl_of(fx.h1), &(__be32){ tl_addr("10.0.1.2") }, tl_dev(fx.h1, "lo"),
			   false);
	ck_assert_int_eq(n->nud_state, NUD_NOARP);
	ck_assert_uint_eq(*(const __be32 *)n->primary_key, 0);
	ck_assert_mem_eq(n->ha, zero, ETH_ALEN);
	ck_assert_ptr_eq(__neigh_create(tbl_of(fx.h1), &(__be32){ tl_addr("127.0.0.1") },
					tl_dev(fx.h1, "lo"), false), n);
	ck_assert_ptr_eq(__ipv4_neigh_lookup_noref(tl_dev(fx.h1, "lo"), tl_addr("127.0.0.5")), n);
	ck_assert_int_eq(tbl_of(fx.h1)->gc_entries, 1);		/* only eth0's 10.0.1.1 */
	/* NOARP entries are not changed by ARP */
	inject(fx.r1, "eth1", bcast, mac_a, ARPOP_REQUEST, mac_a, "10.0.2.255", zero, "10.0.2.255");
	world_run(fx.w, MS(3));
	ck_assert_mem_eq(nb(fx.h2, "eth0", "10.0.2.255")->ha, bcast, ETH_ALEN);
	fix_teardown(&fx);
}
END_TEST

/* ---- permanent entries ------------------------------------------------------------------- */

START_TEST(test_permanent_entry)
{
	struct fix fx;
	struct neigh_table *tbl;
	struct neighbour *n;
	__be32 key = tl_addr("10.0.1.50");
	struct net_device *dev;

	fix_setup(&fx);
	tbl = tbl_of(fx.h1);
	dev = tl_dev(fx.h1, "eth0");
	/* ip neigh add 10.0.1.50 lladdr 02:00:00:00:00:aa nud permanent dev eth0 (neigh_add) */
	n = ___neigh_create(tbl, &key, dev, 0, true, false);
	ck_assert_int_eq(neigh_update(n, mac_a, NUD_PERMANENT, NEIGH_UPDATE_F_ADMIN |
				      NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER, 0), 0);
	ck_assert_int_eq(n->nud_state, NUD_PERMANENT);
	ck_assert_int_eq(tbl->gc_entries, 0);		/* exempt from forced GC */
	ck_assert(!neigh_timer_pending(n));
	/* used at once, no request */
	tl_send_echo(fx.h1, "10.0.1.50", 64, 1, 56);
	ck_assert_uint_eq(fx.c1.frames->len, 0);
	ck_assert_mem_eq(fx.c1.last_ip_dst, mac_a, ETH_ALEN);
	/* ARP cannot change it: not a reply, not a gratuitous one, not with arp_accept */
	tl_sysctl(fx.h1, "/proc/sys/net/ipv4/conf/all/arp_accept", "1");
	inject(fx.r1, "eth0", mac(fx.h1, "eth0"), mac_b, ARPOP_REPLY, mac_b, "10.0.1.50",
	       mac(fx.h1, "eth0"), "10.0.1.2");
	inject(fx.r1, "eth0", bcast, mac_b, ARPOP_REQUEST, mac_b, "10.0.1.50", zero, "10.0.1.50");
	world_run(fx.w, MS(1));
	ck_assert_int_eq(n->nud_state, NUD_PERMANENT);
	ck_assert_mem_eq(n->ha, mac_a, ETH_ALEN);
	/* nor the periodic GC, however long */
	world_run(fx.w, 600 * SIM_NSEC_PER_SEC);
	ck_assert_ptr_eq(nb(fx.h1, "eth0", "10.0.1.50"), n);
	/* ip neigh change ... nud reachable: an admin may; then it is collectable again */
	ck_assert_int_eq(neigh_update(n, NULL, NUD_REACHABLE, NEIGH_UPDATE_F_ADMIN, 0), 0);
	ck_assert_int_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_int_eq(tbl->gc_entries, 1);
	ck_assert(neigh_timer_pending(n));
	/* ip neigh del: FAILED, then gone */
	ck_assert_int_eq(neigh_update(n, NULL, NUD_FAILED,
				      NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE, 0), 0);
	ck_assert_int_eq(neigh_delete(tbl, &key, dev), 0);
	ck_assert_ptr_null(nb(fx.h1, "eth0", "10.0.1.50"));
	ck_assert_int_eq(tbl->gc_entries, 0);
	fix_teardown(&fx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("arp");
	TCase *proto = tcase_create("protocol");
	TCase *conf = tcase_create("conf");
	TCase *proxy = tcase_create("proxy");

	tcase_add_test(proto, test_request_and_reply_bytes);
	tcase_add_test(proto, test_dad_probe_reply);
	tcase_add_test(proto, test_gratuitous_arp_and_locktime);
	tcase_add_test(proto, test_noarp_device_and_neighbours);
	tcase_add_test(proto, test_permanent_entry);
	tcase_add_loop_test(conf, test_arp_accept, 0, G_N_ELEMENTS(accept_cases));
	tcase_add_loop_test(conf, test_arp_ignore, 0, G_N_ELEMENTS(ignore_cases));
	tcase_add_loop_test(conf, test_arp_announce, 0, G_N_ELEMENTS(announce_cases));
	tcase_add_test(conf, test_arp_filter);
	tcase_add_test(proxy, test_proxy_arp_after_proxy_delay);
	tcase_add_loop_test(proxy, test_proxy_arp_medium_id, 0, G_N_ELEMENTS(medium_cases));
	suite_add_tcase(s, proto);
	suite_add_tcase(s, conf);
	suite_add_tcase(s, proxy);
	return tl_run_suite(s);
}
