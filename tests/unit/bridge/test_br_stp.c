/*
 * tests/unit/bridge/test_br_stp.c - 802.1D STP: BPDUs, elections, states
 *
 * One bridge br0 on node "n" with three ports eth0..eth2 (veth links to
 * peers p0..p2, which only listen: a tap on each records the BPDUs it
 * gets).  Port MACs are 02:00:00:00:02:0(i+1), so br0's bridge id is
 * 8000.020000000201 - bridge b2 of tests/kernel/bridge_stp.sh, whose
 * BPDUs on Linux 6.18 the byte test below reproduces.  BPDUs "heard" on
 * a port are handed to br_stp_rcv() as the port's rx handler would.
 */
#include "testlib.h"

#include "../../../models/bridge/br_private.h"
#include "../../../models/bridge/br_private_stp.h"
#include "linux/skbuff.h"
#include "net/net_namespace.h"

#define S(x) ((sim_time_t)((x) * 1000000000.0))
#define NPORTS 3

struct tap {
	struct packet_type pt;
	unsigned int bpdus;
	u8 last[64];			/* the last BPDU frame, from the MAC header */
	unsigned int last_len;
};

struct fx {
	struct world *w;
	struct node *n;
	struct net_device *brdev;
	struct net_bridge *br;
	struct net_bridge_port *port[NPORTS];
	struct tap tap[NPORTS];
	struct node *peer[NPORTS];
	char *dir;
};

static struct fx f;

static const u8 stp_group[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 };

static int tap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	struct tap *tap = container_of(pt, struct tap, pt);
	const u8 *mac = skb_mac_header(skb);
	unsigned int len = skb->len + (unsigned int)(skb->data - mac);

	(void)dev;
	(void)orig_dev;
	if (memcmp(mac, stp_group, ETH_ALEN) == 0) {
		tap->bpdus++;
		tap->last_len = len < sizeof(tap->last) ? len : sizeof(tap->last);
		memcpy(tap->last, mac, tap->last_len);
	}
	consume_skb(skb);
	return 0;
}

static void set_mac(struct net_device *dev, u8 last2, u8 last1)
{
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, last2, last1 };
	struct sim_err err = { { 0 } };

	ck_assert_msg(dev_set_mac_address(dev, mac, &err) == 0, "%s", err.msg);
}

/* br0 with STP on (@stp) and its three ports, all down yet. */
static void fx_setup_stp(bool stp)
{
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	veth.kind = "veth";
	memset(&f, 0, sizeof(f));
	f.w = tl_world("br_stp", 1);
	f.dir = tl_record_drops(f.w);
	f.n = world_add_node(f.w, "host", "n", NULL, &err);
	ck_assert_msg(f.n != NULL, "%s", err.msg);
	f.brdev = br_add_bridge(node_net(f.n), "br0", &err);
	ck_assert_msg(f.brdev != NULL, "%s", err.msg);
	f.br = netdev_priv(f.brdev);
	if (stp)
		ck_assert_int_eq(br_stp_set_enabled(f.br, 1, &err), 0);

	for (int i = 0; i < NPORTS; i++) {
		char name[8];
		struct sim_link *link;
		struct net_device *dev, *peer;

		snprintf(name, sizeof(name), "p%d", i);
		f.peer[i] = world_add_node(f.w, "host", name, NULL, &err);
		ck_assert_msg(f.peer[i] != NULL, "%s", err.msg);
		link = world_link(f.w, f.n, f.peer[i], &veth, &err);
		ck_assert_msg(link != NULL, "%s", err.msg);
		dev = __dev_get_by_name(node_net(f.n), link->ifname[0]);
		peer = __dev_get_by_name(node_net(f.peer[i]), link->ifname[1]);
		set_mac(dev, 0x02, (u8)(i + 1));
		set_mac(peer, 0x20 + i, 0x01);
		ck_assert_msg(br_add_if(f.br, dev, &err) == 0, "%s", err.msg);
		f.port[i] = br_port_get_rtnl(dev);
		ck_assert_ptr_nonnull(f.port[i]);
		f.tap[i].pt.type = htons(ETH_P_ALL);
		f.tap[i].pt.func = tap_rcv;
		dev_add_pack(node_net(f.peer[i]), &f.tap[i].pt);
		ck_assert_int_eq(dev_open(peer, &err), 0);
	}
}

static void fx_up(void)
{
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(dev_open(f.brdev, &err), 0);
	for (int i = 0; i < NPORTS; i++)
		ck_assert_int_eq(dev_open(f.port[i]->dev, &err), 0);
}

static void setup(void)
{
	fx_setup_stp(true);
	/* the same cost on every port, as veths at 10 Gb/s get on Linux */
	for (int i = 0; i < NPORTS; i++)
		ck_assert_int_eq(br_stp_set_path_cost(f.port[i], 2), 0);
	fx_up();
}

static void teardown(void)
{
	for (int i = 0; i < NPORTS; i++)
		dev_remove_pack(node_net(f.peer[i]), &f.tap[i].pt);
	tl_world_free(f.w);
	tl_rmtree(f.dir);
	g_free(f.dir);
}

static char *drops(void)
{
	return tl_metrics_rows(f.w, f.dir, "SELECT printf('%s@%s', reason, function) FROM drops "
			       "ORDER BY rowid", ",");
}

/* ---- BPDUs as frames ------------------------------------------------------ */

struct bpdu_spec {
	u16 root_prio;
	u8 root_mac;			/* 02:00:00:00:MM:01 */
	u32 cost;
	u16 bridge_prio;
	u8 bridge_mac;
	u16 port_id;
	u16 age_ticks;
	u8 flags;
};

/* A config BPDU frame as Linux sends it (52 bytes, length 38). */
static unsigned int build_config(u8 *fr, const struct bpdu_spec *s)
{
	static const u8 head[17] = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x00,	/* dst */
		0x02, 0x00, 0x00, 0x00, 0x99, 0x01,	/* src: the sending port */
		0x00, 0x26,				/* 802.3 length 38 */
		0x42, 0x42, 0x03,			/* LLC */
	};
	u8 *b = fr + 17;

	memcpy(fr, head, sizeof(head));
	memset(b, 0, 35);
	b[3] = BPDU_TYPE_CONFIG;
	b[4] = s->flags;
	b[5] = s->root_prio >> 8, b[6] = s->root_prio & 0xff;
	b[7] = 0x02, b[11] = s->root_mac, b[12] = 0x01;
	b[13] = s->cost >> 24, b[14] = s->cost >> 16, b[15] = s->cost >> 8, b[16] = s->cost;
	b[17] = s->bridge_prio >> 8, b[18] = s->bridge_prio & 0xff;
	b[19] = 0x02, b[23] = s->bridge_mac, b[24] = 0x01;
	b[25] = s->port_id >> 8, b[26] = s->port_id & 0xff;
	b[27] = s->age_ticks >> 8, b[28] = s->age_ticks & 0xff;
	b[29] = 0x14;				/* max age 20 s */
	b[31] = 0x02;				/* hello 2 s */
	b[33] = 0x0f;				/* forward delay 15 s */
	return 52;
}

/* @len bytes of frame heard on port @i: br_stp_rcv() as br_handle_frame calls it */
static int hear(int i, const u8 *frame, unsigned int len)
{
	struct net_device *dev = f.port[i]->dev;
	struct sk_buff *skb = alloc_skb(dev_net(dev), len + NET_SKB_PAD);

	skb_reserve(skb, NET_SKB_PAD);
	skb_put_data(skb, frame, len);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_802_2);
	return br_stp_rcv(f.port[i], skb);
}

static int hear_config(int i, const struct bpdu_spec *s)
{
	u8 fr[60];

	return hear(i, fr, build_config(fr, s));
}

/* ---- the bytes on the wire --------------------------------------------------- */

/*
 * Bridge b2 of the kernel ring relaying root b1's information: what
 * `tcpdump -xx` showed on b2's eth1 on Linux 6.18 (topology change flag
 * set, message age 254/256 s).  b1's BPDU came in with age 253 ticks,
 * which is 248 jiffies at HZ 250; one MESSAGE_AGE_INCR later it leaves as
 * 254 ticks.
 */
static const u8 linux_b2_eth1[52] = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x26, 0x42, 0x42,
	0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00,
	0x00, 0x02, 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01, 0x80, 0x02, 0x00, 0xfe, 0x14, 0x00,
	0x02, 0x00, 0x0f, 0x00,
};

START_TEST(test_relayed_config_bpdu_bytes_as_linux)
{
	const struct bpdu_spec b1 = { 0x8000, 0x01, 0, 0x8000, 0x01, 0x8001, 253, 0x01 };

	world_run(f.w, S(1.5));		/* hold timers of the first BPDUs expired */
	f.tap[1].bpdus = 0;
	ck_assert_int_eq(hear_config(0, &b1), NET_RX_SUCCESS);
	ck_assert_uint_eq(f.br->root_port, 1);
	ck_assert_uint_eq(f.tap[1].bpdus, 1);
	ck_assert_uint_eq(f.tap[1].last_len, sizeof(linux_b2_eth1));
	ck_assert_mem_eq(f.tap[1].last, linux_b2_eth1, sizeof(linux_b2_eth1));
	/* nothing went out of the root port: BPDUs start with the first hello
	 * (ports were still disabled when br0 came up), which never came */
	ck_assert_uint_eq(f.port[0]->stats.tx_bpdu, 0);
}
END_TEST

/* A root bridge's hello BPDU: age 0, its own id as root, cost 0. */
START_TEST(test_root_hello_bpdu)
{
	static const u8 want[52] = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x03, 0x00, 0x26,
		0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x02, 0x00, 0x00, 0x00,
		0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01,
		0x80, 0x03, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
	};

	ck_assert(br_is_root_bridge(f.br));
	world_run(f.w, S(5));
	/* every hello time (2 s, on whole seconds): none at enable, as br0
	 * came up before its ports */
	ck_assert_uint_eq(f.tap[2].bpdus, 2);
	ck_assert_mem_eq(f.tap[2].last, want, sizeof(want));
}
END_TEST

START_TEST(test_tcn_bpdu_bytes)
{
	const struct bpdu_spec b1 = { 0x8000, 0x01, 0, 0x8000, 0x01, 0x8001, 0, 0 };
	static const u8 want[21] = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01,
		0x00, 0x07, 0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x80,
	};

	/* the root's hellos keep coming; a designated port reaching forwarding
	 * is a topology change, told to the root in a TCN */
	for (int t = 0; t <= 30; t += 2) {
		world_run(f.w, S(t));
		hear_config(0, &b1);
	}
	world_run(f.w, S(31));
	ck_assert_uint_eq(f.port[1]->state, BR_STATE_FORWARDING);
	ck_assert_uint_ge(f.port[0]->stats.tx_tcn, 1);
	ck_assert_uint_eq(f.tap[0].last_len, sizeof(want));
	ck_assert_mem_eq(f.tap[0].last, want, sizeof(want));
}
END_TEST

START_TEST(test_encode_decode_round_trip)
{
	static const unsigned int hzs[] = { 100, 250, 300, 1000 };
	struct br_config_bpdu in = {
		.topology_change = 1, .topology_change_ack = 1,
		.root = { { 0x10, 0x00 }, { 0x02, 0, 0, 0, 0x01, 0x01 } },
		.root_path_cost = 0x01020304,
		.bridge_id = { { 0x80, 0x00 }, { 0x02, 0, 0, 0, 0x02, 0x01 } },
		.port_id = 0x8002,
	};

	for (unsigned int i = 0; i < G_N_ELEMENTS(hzs); i++) {
		unsigned int hz = hzs[i];
		struct br_config_bpdu out;
		unsigned char buf[BR_BPDU_CONFIG_LEN];

		in.message_age = hz / 256 + 1;
		in.max_age = 20 * hz;
		in.hello_time = 2 * hz;
		in.forward_delay = 15 * hz;
		br_encode_config_bpdu(buf, &in, hz);
		ck_assert_uint_eq(buf[3], BPDU_TYPE_CONFIG);
		ck_assert_uint_eq(buf[4], 0x81);
		ck_assert_uint_eq(buf[29] << 8 | buf[30], 20 * 256);
		br_decode_config_bpdu(buf + 4, &out, hz);
		ck_assert(out.topology_change && out.topology_change_ack);
		ck_assert_mem_eq(&out.root, &in.root, 8);
		ck_assert_mem_eq(&out.bridge_id, &in.bridge_id, 8);
		ck_assert_int_eq(out.root_path_cost, in.root_path_cost);
		ck_assert_uint_eq(out.port_id, in.port_id);
		ck_assert_int_eq(out.max_age, in.max_age);
		ck_assert_int_eq(out.hello_time, in.hello_time);
		ck_assert_int_eq(out.forward_delay, in.forward_delay);
		/* 1/256 s rounds down on the way out, up on the way in */
		ck_assert_int_ge(out.message_age, 1);
		ck_assert_int_le(out.message_age, in.message_age);
	}
}
END_TEST

/* ---- root and designated bridge election ---------------------------------- */

struct election_case {
	const char *name;
	struct bpdu_spec heard[NPORTS];	/* root_prio 0: nothing heard on that port */
	u16 want_root_port;		/* 0: br0 is root */
	u16 want_root_prio;
	u8 want_root_mac;
	u32 want_cost;
	u8 want_blocking;		/* bit i: port i blocks */
};

static const struct election_case election_cases[] = {
	{ "nothing heard: we are root",
	  { { 0 } }, 0, 0x8000, 0x02, 0, 0 },
	{ "a worse root is not taken",
	  { { 0x8000, 0x05, 0, 0x8000, 0x05, 0x8001, 0, 0 } }, 0, 0x8000, 0x02, 0, 0 },
	/* a port that hears another root than ours is designated: not blocking */
	{ "lower priority wins over lower MAC",
	  { { 0x8000, 0x00, 0, 0x8000, 0x00, 0x8001, 0, 0 },
	    { 0x7000, 0x09, 0, 0x7000, 0x09, 0x8001, 0, 0 } }, 2, 0x7000, 0x09, 2, 0 },
	{ "same priority: lower MAC wins",
	  { { 0x8000, 0x00, 4, 0x8000, 0x07, 0x8001, 0, 0 },
	    { 0x8000, 0x01, 0, 0x8000, 0x01, 0x8001, 0, 0 } }, 1, 0x8000, 0x00, 6, 0 },
	/* the same root on two ports: the loser blocks when its segment's
	 * designated bridge (7000.x, better than our 8000.x) offers a cost no
	 * worse than ours */
	{ "same root: lower cost wins",
	  { { 0x4000, 0x09, 6, 0x7000, 0x05, 0x8001, 0, 0 },
	    { 0x4000, 0x09, 4, 0x7000, 0x06, 0x8001, 0, 0 } }, 2, 0x4000, 0x09, 6, 0x1 },
	{ "cost tie: lower designated bridge wins",
	  { { 0x4000, 0x09, 4, 0x7000, 0x06, 0x8001, 0, 0 },
	    { 0x4000, 0x09, 4, 0x7000, 0x05, 0x8001, 0, 0 } }, 2, 0x4000, 0x09, 6, 0x1 },
	{ "same bridge: lower designated port wins",
	  { { 0x4000, 0x09, 4, 0x7000, 0x05, 0x8003, 0, 0 },
	    { 0x4000, 0x09, 4, 0x7000, 0x05, 0x8002, 0, 0 } }, 2, 0x4000, 0x09, 6, 0x1 },
	{ "all equal (a hub): our lower port id wins",
	  { { 0x4000, 0x09, 4, 0x7000, 0x05, 0x8002, 0, 0 },
	    { 0x4000, 0x09, 4, 0x7000, 0x05, 0x8002, 0, 0 } }, 1, 0x4000, 0x09, 6, 0x2 },
	{ "we are a better designated bridge for a segment than its sender",
	  { { 0x4000, 0x09, 0, 0x4000, 0x09, 0x8001, 0, 0 },
	    { 0x4000, 0x09, 8, 0x8000, 0x05, 0x8001, 0, 0 } }, 1, 0x4000, 0x09, 2, 0 },
	{ "a worse segment bridge is outbid, a better one blocks us",
	  { { 0x4000, 0x09, 0, 0x4000, 0x09, 0x8001, 0, 0 },
	    { 0x4000, 0x09, 2, 0x8000, 0x05, 0x8001, 0, 0 },
	    { 0x4000, 0x09, 2, 0x7000, 0x05, 0x8001, 0, 0 } }, 1, 0x4000, 0x09, 2, 0x4 },
};

START_TEST(test_election)
{
	const struct election_case *c = &election_cases[_i];

	for (int i = 0; i < NPORTS; i++)
		if (c->heard[i].root_prio)
			ck_assert_int_eq(hear_config(i, &c->heard[i]), NET_RX_SUCCESS);

	ck_assert_msg(f.br->root_port == c->want_root_port, "%s: root port %u", c->name,
		      f.br->root_port);
	ck_assert_msg((f.br->designated_root.prio[0] << 8 | f.br->designated_root.prio[1]) ==
		      c->want_root_prio && f.br->designated_root.addr[4] == c->want_root_mac,
		      "%s: root", c->name);
	ck_assert_msg(f.br->root_path_cost == c->want_cost, "%s: cost %u", c->name,
		      f.br->root_path_cost);
	for (int i = 0; i < NPORTS; i++) {
		bool blocks = c->want_blocking & (1 << i);

		ck_assert_msg((f.port[i]->state == BR_STATE_BLOCKING) == blocks,
			      "%s: port %d is %s", c->name, i + 1,
			      br_port_state_name(f.port[i]->state));
	}
	ck_assert_uint_eq(f.br->root_port == 0, br_is_root_bridge(f.br));
}
END_TEST

/* ---- malformed BPDUs -------------------------------------------------------- */

struct malformed_case {
	const char *name;
	unsigned int off;		/* byte to change in a good config BPDU frame */
	u8 val;
	unsigned int len;		/* frame length (0: 52) */
	const char *reason;
};

static const struct malformed_case malformed_cases[] = {
	{ "EtherType, not 802.3 length", 12, 0x08, 0, "UNHANDLED_PROTO" },
	{ "length beyond the frame", 13, 0x40, 0, "PKT_TOO_SMALL" },
	{ "too short for LLC + BPDU header", 13, 0x05, 0, "PKT_TOO_SMALL" },
	{ "DSAP not 0x42", 14, 0xaa, 0, "INVALID_PROTO" },
	{ "SSAP not 0x42", 15, 0xaa, 0, "INVALID_PROTO" },
	{ "control not UI", 16, 0x13, 0, "INVALID_PROTO" },
	{ "protocol id not 0", 18, 0x01, 0, "INVALID_PROTO" },
	{ "version 2 (RSTP)", 19, 0x02, 0, "INVALID_PROTO" },
	{ "unknown BPDU type", 20, 0x02, 0, "INVALID_PROTO" },
	{ "config BPDU cut short", 13, 0x10, 0, "PKT_TOO_SMALL" },
	{ "frame cut in the LLC header", 0, 0, 15, "PKT_TOO_SMALL" },
	{ "message age past max age", 44, 0x15, 0, "INVALID_PROTO" },
};

START_TEST(test_malformed_bpdu_dropped_and_counted)
{
	const struct malformed_case *c = &malformed_cases[_i];
	/* a far better root: it would take over if accepted */
	const struct bpdu_spec good = { 0x1000, 0x00, 0, 0x1000, 0x00, 0x8001, 0, 0 };
	u8 fr[60];
	unsigned int len = build_config(fr, &good);
	char want[64];

	if (c->len)
		len = c->len;
	else
		fr[c->off] = c->val;
	ck_assert_int_eq(hear(0, fr, len), NET_RX_DROP);
	ck_assert_msg(f.port[0]->stats.rx_bpdu_malformed == 1, "%s", c->name);
	ck_assert_uint_eq(f.port[0]->stats.rx_bpdu, 0);
	ck_assert_msg(br_is_root_bridge(f.br), "%s: taken as root", c->name);
	snprintf(want, sizeof(want), "%s@br_stp_rcv_malformed", c->reason);
	tl_assert_str_eq_free(drops(), want);

	/* and the same BPDU well formed is taken */
	ck_assert_int_eq(hear_config(0, &good), NET_RX_SUCCESS);
	ck_assert(!br_is_root_bridge(f.br));
}
END_TEST

/* A BPDU is not acted on while STP is off, br0 down or the port disabled. */
START_TEST(test_bpdu_ignored_when_not_listening)
{
	const struct bpdu_spec good = { 0x1000, 0x00, 0, 0x1000, 0x00, 0x8001, 0, 0 };
	struct sim_err err = { { 0 } };

	dev_close(f.port[0]->dev);
	ck_assert_uint_eq(f.port[0]->state, BR_STATE_DISABLED);
	ck_assert_int_eq(hear_config(0, &good), NET_RX_DROP);
	ck_assert(br_is_root_bridge(f.br));
	ck_assert_uint_eq(f.port[0]->stats.rx_bpdu_malformed, 0);

	ck_assert_int_eq(br_stp_set_enabled(f.br, 0, &err), 0);
	ck_assert_int_eq(hear_config(1, &good), NET_RX_DROP);
	ck_assert(br_is_root_bridge(f.br));
	tl_assert_str_eq_free(drops(), "NOT_SPECIFIED@br_stp_rcv,NOT_SPECIFIED@br_stp_rcv");
}
END_TEST

/* ---- states and timers ------------------------------------------------------ */

START_TEST(test_states_follow_forward_delay)
{
	const struct net_bridge_port *p = f.port[0];

	ck_assert_str_eq(br_port_state_name(p->state), "listening");
	ck_assert_uint_eq(br_timer_value(&p->forward_delay_timer), 1500);
	world_run(f.w, S(14.9));
	ck_assert_uint_eq(p->state, BR_STATE_LISTENING);
	world_run(f.w, S(15.5));
	ck_assert_uint_eq(p->state, BR_STATE_LEARNING);
	ck_assert_uint_eq(f.br->topology_change, 0);
	world_run(f.w, S(31));
	ck_assert_uint_eq(p->state, BR_STATE_FORWARDING);
	/* root and designated everywhere: the change is its own to announce */
	ck_assert_uint_eq(f.br->topology_change, 1);
	ck_assert_uint_eq(f.br->ageing_time, 2 * f.br->forward_delay);
	/* as Linux logs them: blocking and disabled when enslaved, blocking
	 * and listening when up, learning, forwarding */
	ck_assert_uint_eq(p->stats.stp_transitions, 6);
	/* the flag lasts forward delay + max age (a 35 s timer: the wheel
	 * runs it up to 2 s late, as Linux's) */
	world_run(f.w, S(30 + 35 + 2.5));
	ck_assert_uint_eq(f.br->topology_change, 0);
	ck_assert_uint_eq(f.br->ageing_time, f.br->bridge_ageing_time);
}
END_TEST

START_TEST(test_no_stp_forwards_at_once)
{
	fx_setup_stp(false);
	fx_up();
	for (int i = 0; i < NPORTS; i++)
		ck_assert_str_eq(br_port_state_name(f.port[i]->state), "forwarding");
	world_run(f.w, S(5));
	for (int i = 0; i < NPORTS; i++)
		ck_assert_uint_eq(f.tap[i].bpdus, 0);
}
END_TEST

/* The root's information ages out: the port takes the segment over. */
START_TEST(test_message_age_expiry)
{
	const struct bpdu_spec b1 = { 0x8000, 0x01, 0, 0x8000, 0x01, 0x8001, 0, 0 };

	ck_assert_int_eq(hear_config(0, &b1), NET_RX_SUCCESS);
	ck_assert_uint_eq(f.br->root_port, 1);
	ck_assert_uint_eq(br_timer_value(&f.port[0]->message_age_timer), 2000);
	world_run(f.w, S(19.9));
	ck_assert_uint_eq(f.br->root_port, 1);
	world_run(f.w, S(22.5));	/* a 20 s timer runs up to 2 s late */
	ck_assert(br_is_root_bridge(f.br));
	ck_assert(br_is_designated_port(f.port[0]));
}
END_TEST

/* TCN on a designated port: acked in the next config BPDU, passed up. */
START_TEST(test_tcn_acknowledged)
{
	static const u8 tcn[21] = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x99, 0x01,
		0x00, 0x07, 0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x80,
	};

	world_run(f.w, S(1.5));
	ck_assert_int_eq(hear(2, tcn, sizeof(tcn)), NET_RX_SUCCESS);
	ck_assert_uint_eq(f.port[2]->stats.rx_tcn, 1);
	ck_assert_uint_eq(f.br->topology_change, 1);	/* we are root */
	ck_assert_uint_eq(f.tap[2].last[21], 0x81);	/* TC + TC ack */
	ck_assert_uint_eq(f.tap[2].last_len, 52);
}
END_TEST

START_TEST(test_timer_setters_range)
{
	struct sim_err err = { { 0 } };
	unsigned int hz = f.w->hz;

	ck_assert_int_eq(br_set_hello_time(f.br, 99, &err), -ERANGE);
	ck_assert_str_eq(err.msg, "RTNETLINK answers: Numerical result out of range");
	ck_assert_int_eq(br_set_hello_time(f.br, 1001, &err), -ERANGE);
	ck_assert_int_eq(br_set_hello_time(f.br, 100, &err), 0);
	ck_assert_uint_eq(f.br->hello_time, hz);
	ck_assert_int_eq(br_set_max_age(f.br, 599, &err), -ERANGE);
	ck_assert_int_eq(br_set_max_age(f.br, 4001, &err), -ERANGE);
	ck_assert_int_eq(br_set_max_age(f.br, 600, &err), 0);
	ck_assert_int_eq(br_set_forward_delay(f.br, 199, &err), -ERANGE);
	ck_assert_int_eq(br_set_forward_delay(f.br, 3001, &err), -ERANGE);
	ck_assert_int_eq(br_set_forward_delay(f.br, 400, &err), 0);
	ck_assert_uint_eq(f.br->forward_delay, 4 * hz);
	/* with STP off any delay goes, and turning STP on clamps it */
	ck_assert_int_eq(br_stp_set_enabled(f.br, 0, &err), 0);
	ck_assert_int_eq(br_set_forward_delay(f.br, 0, &err), 0);
	ck_assert_int_eq(br_stp_set_enabled(f.br, 1, &err), 0);
	ck_assert_uint_eq(f.br->bridge_forward_delay, 2 * hz);
	ck_assert_int_eq(br_stp_set_path_cost(f.port[0], 0), -ERANGE);
	ck_assert_int_eq(br_stp_set_path_cost(f.port[0], 65536), -ERANGE);
	ck_assert_int_eq(br_stp_set_port_priority(f.port[0], 64), -ERANGE);
	ck_assert_int_eq(br_stp_set_port_priority(f.port[0], 63), 0);
	ck_assert_uint_eq(f.port[0]->port_id, (63 << BR_PORT_BITS) | 1);
}
END_TEST

/* Bridge priority: a lower one makes us root over a heard root. */
START_TEST(test_bridge_priority)
{
	const struct bpdu_spec b1 = { 0x8000, 0x01, 0, 0x8000, 0x01, 0x8001, 0, 0 };

	hear_config(0, &b1);
	ck_assert(!br_is_root_bridge(f.br));
	br_stp_set_bridge_priority(f.br, 0x1000);
	ck_assert(br_is_root_bridge(f.br));
	ck_assert_uint_eq(f.br->root_port, 0);
	ck_assert(br_is_designated_port(f.port[0]));
}
END_TEST

/* 802.1D hold time: a second config BPDU within a second waits for the
 * hold timer (config_pending), then goes. */
START_TEST(test_hold_timer_delays_second_config)
{
	static const u8 tcn[21] = {
		0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x99, 0x01,
		0x00, 0x07, 0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x80,
	};

	world_run(f.w, S(2.5));			/* the first hello went at 2 s */
	ck_assert_uint_eq(f.tap[2].bpdus, 1);
	ck_assert(timer_pending(&f.port[2]->hold_timer));
	hear(2, tcn, sizeof(tcn));		/* its ack must wait */
	ck_assert_uint_eq(f.port[2]->config_pending, 1);
	ck_assert_uint_eq(f.tap[2].bpdus, 1);
	world_run(f.w, S(3.5));
	ck_assert_uint_eq(f.tap[2].bpdus, 2);
	ck_assert_uint_eq(f.port[2]->config_pending, 0);
	ck_assert_uint_eq(f.tap[2].last[21], 0x81);	/* TC + TC ack */
}
END_TEST

/* The bridge id: lowest port MAC, unless br0's address was set. */
START_TEST(test_bridge_id_from_ports)
{
	static const u8 low[ETH_ALEN] = { 0x02, 0, 0, 0, 0x00, 0x05 };
	static const u8 mine[ETH_ALEN] = { 0x02, 0, 0, 0, 0xff, 0xff };
	struct sim_err err = { { 0 } };

	ck_assert_mem_eq(f.br->bridge_id.addr, f.port[0]->dev->dev_addr, ETH_ALEN);
	ck_assert_mem_eq(f.brdev->dev_addr, f.port[0]->dev->dev_addr, ETH_ALEN);
	/* a port's new lower address becomes the id, and a port holding our
	 * old id as designated bridge holds the new one */
	ck_assert_int_eq(dev_set_mac_address(f.port[2]->dev, low, &err), 0);
	ck_assert_mem_eq(f.br->bridge_id.addr, low, ETH_ALEN);
	ck_assert_mem_eq(f.brdev->dev_addr, low, ETH_ALEN);
	ck_assert_mem_eq(f.port[0]->designated_bridge.addr, low, ETH_ALEN);
	ck_assert(br_is_root_bridge(f.br));
	/* an address the user gives br0 stays */
	ck_assert_int_eq(dev_set_mac_address(f.brdev, mine, &err), 0);
	ck_assert_mem_eq(f.br->bridge_id.addr, mine, ETH_ALEN);
	ck_assert(!br_stp_recalculate_bridge_id(f.br));
	ck_assert_mem_eq(f.br->bridge_id.addr, mine, ETH_ALEN);
}
END_TEST

static Suite *br_stp_suite(void)
{
	Suite *s = suite_create("br_stp");
	TCase *tc = tcase_create("stp");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_relayed_config_bpdu_bytes_as_linux);
	tcase_add_test(tc, test_root_hello_bpdu);
	tcase_add_test(tc, test_tcn_bpdu_bytes);
	tcase_add_test(tc, test_encode_decode_round_trip);
	tcase_add_loop_test(tc, test_election, 0, G_N_ELEMENTS(election_cases));
	tcase_add_loop_test(tc, test_malformed_bpdu_dropped_and_counted, 0,
			    G_N_ELEMENTS(malformed_cases));
	tcase_add_test(tc, test_bpdu_ignored_when_not_listening);
	tcase_add_test(tc, test_states_follow_forward_delay);
	tcase_add_test(tc, test_message_age_expiry);
	tcase_add_test(tc, test_tcn_acknowledged);
	tcase_add_test(tc, test_timer_setters_range);
	tcase_add_test(tc, test_bridge_priority);
	tcase_add_test(tc, test_hold_timer_delays_second_config);
	tcase_add_test(tc, test_bridge_id_from_ports);
	suite_add_tcase(s, tc);

	tc = tcase_create("no_stp");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_no_stp_forwards_at_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(br_stp_suite());
}
