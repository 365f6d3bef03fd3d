/*
 * tests/unit/bridge/test_br_vlan.c - VLAN filtering: groups, ingress,
 * egress, 802.1Q tags in and out of the frame bytes
 *
 * One bridge br0 on node "n" with three ports eth0..eth2 (veth links to
 * peers p0..p2, whose taps record every frame they get).  The functions of
 * br_vlan.c are called as br_handle_frame_finish, br_forward and br_dev_xmit
 * call them, on frames built as eth_type_trans() leaves them (data after
 * the Ethernet header, protocol from it); the last tests send frames
 * through the whole bridge and read what reaches the peers.
 */
#include <errno.h>

#include "testlib.h"

#include "../../../models/bridge/br_private.h"
#include "linux/skbuff.h"
#include "net/net_namespace.h"

#define S(x) ((sim_time_t)((x) * 1000000000.0))
#define NPORTS 3

struct tap {
	struct packet_type pt;
	unsigned int frames;
	u8 last[128];			/* the last frame, from the MAC header */
	unsigned int last_len;
};

struct fx {
	struct world *w;
	struct node *n;
	struct net_device *brdev;
	struct net_bridge *br;
	struct net_bridge_port *port[NPORTS];
	struct net_device *peerdev[NPORTS];
	struct tap tap[NPORTS];
	struct node *peer[NPORTS];
	char *dir;
};

static struct fx f;

static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 host_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0xaa, 0x01 };
static const u8 host_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0xbb, 0x01 };

static int tap_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		   struct net_device *orig_dev)
{
	struct tap *tap = container_of(pt, struct tap, pt);
	const u8 *mac = skb_mac_header(skb);
	unsigned int len = skb->len + (unsigned int)(skb->data - mac);

	(void)dev;
	(void)orig_dev;
	tap->frames++;
	tap->last_len = len < sizeof(tap->last) ? len : sizeof(tap->last);
	memcpy(tap->last, mac, tap->last_len);
	consume_skb(skb);
	return 0;
}

static void set_mac(struct net_device *dev, u8 last2, u8 last1)
{
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, last2, last1 };
	struct sim_err err = { { 0 } };

	ck_assert_msg(dev_set_mac_address(dev, mac, &err) == 0, "%s", err.msg);
}

static void setup(void)
{
	struct sim_link_config veth = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };

	veth.kind = "veth";
	memset(&f, 0, sizeof(f));
	f.w = tl_world("br_vlan", 1);
	f.dir = tl_record_drops(f.w);
	f.n = world_add_node(f.w, "host", "n", NULL, &err);
	ck_assert_msg(f.n != NULL, "%s", err.msg);
	f.brdev = br_add_bridge(node_net(f.n), "br0", &err);
	ck_assert_msg(f.brdev != NULL, "%s", err.msg);
	f.br = netdev_priv(f.brdev);
	for (int i = 0; i < NPORTS; i++) {
		char name[8];
		struct sim_link *link;
		struct net_device *dev;

		snprintf(name, sizeof(name), "p%d", i);
		f.peer[i] = world_add_node(f.w, "host", name, NULL, &err);
		ck_assert_msg(f.peer[i] != NULL, "%s", err.msg);
		link = world_link(f.w, f.n, f.peer[i], &veth, &err);
		ck_assert_msg(link != NULL, "%s", err.msg);
		dev = __dev_get_by_name(node_net(f.n), link->ifname[0]);
		f.peerdev[i] = __dev_get_by_name(node_net(f.peer[i]), link->ifname[1]);
		set_mac(dev, 0x02, (u8)(i + 1));
		set_mac(f.peerdev[i], 0x20 + i, 0x01);
		ck_assert_msg(br_add_if(f.br, dev, &err) == 0, "%s", err.msg);
		f.port[i] = br_port_get_rtnl(dev);
		ck_assert_ptr_nonnull(f.port[i]);
		f.tap[i].pt.type = htons(ETH_P_ALL);
		f.tap[i].pt.func = tap_rcv;
		dev_add_pack(node_net(f.peer[i]), &f.tap[i].pt);
		ck_assert_int_eq(dev_open(f.peerdev[i], &err), 0);
	}
	ck_assert_int_eq(dev_open(f.brdev, &err), 0);
	for (int i = 0; i < NPORTS; i++)
		ck_assert_int_eq(dev_open(f.port[i]->dev, &err), 0);
}

static void teardown(void)
{
	for (int i = 0; i < NPORTS; i++)
		dev_remove_pack(node_net(f.peer[i]), &f.tap[i].pt);
	tl_world_free(f.w);
	tl_rmtree(f.dir);
	g_free(f.dir);
}

/* ---- frames ------------------------------------------------------------- */

/* An IPv4-typed frame of @len bytes, @vid 0: untagged; else with an 802.1Q
 * header (TCI @pcp << 13 | @vid). */
static unsigned int build_frame(u8 *fr, const u8 *dst, const u8 *src, int vid, u8 pcp,
				unsigned int len)
{
	unsigned int off = 2 * ETH_ALEN;

	memcpy(fr, dst, ETH_ALEN);
	memcpy(fr + ETH_ALEN, src, ETH_ALEN);
	if (vid >= 0) {
		u16 tci = (u16)(pcp << VLAN_PRIO_SHIFT | vid);

		fr[off++] = 0x81, fr[off++] = 0x00;
		fr[off++] = tci >> 8, fr[off++] = tci & 0xff;
	}
	fr[off++] = 0x08, fr[off++] = 0x00;
	for (unsigned int i = off; i < len; i++)
		fr[i] = (u8)i;
	return len;
}

/* The skb as eth_type_trans() hands it to br_handle_frame on port @i */
static struct sk_buff *rx_skb(int i, const u8 *frame, unsigned int len)
{
	struct net_device *dev = f.port[i]->dev;
	struct sk_buff *skb = alloc_skb(dev_net(dev), len + NET_SKB_PAD);

	skb_reserve(skb, NET_SKB_PAD);
	skb_put_data(skb, frame, len);
	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	memset(skb->cb, 0, sizeof(skb->cb));
	return skb;
}

/* the frame as it would go on the wire: from the MAC header */
static unsigned int wire(const struct sk_buff *skb, const u8 **p)
{
	*p = skb_mac_header(skb);
	return skb->len + (unsigned int)(skb->data - skb_mac_header(skb));
}

static void add_vlan(struct net_bridge_port *p, u16 vid, u16 flags)
{
	struct sim_err err = { { 0 } };

	ck_assert_msg(br_vlan_add(f.br, p, vid, flags, &err) == 0, "%s", err.msg);
}

static void del_vlan(struct net_bridge_port *p, u16 vid)
{
	struct sim_err err = { { 0 } };

	ck_assert_msg(br_vlan_delete(f.br, p, vid, &err) == 0, "%s", err.msg);
}

static void filtering(bool on)
{
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(br_vlan_filter_toggle(f.br, on, &err), 0);
}

#define PU (BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED)

/* ---- groups ----------------------------------------------------------------- */

START_TEST(test_defaults_vid1_pvid_untagged)
{
	ck_assert(!br_vlan_enabled(f.br));
	ck_assert_uint_eq(ntohs(f.br->vlan_proto), ETH_P_8021Q);
	ck_assert_uint_eq(f.br->default_pvid, 1);
	ck_assert_uint_eq(f.br->vlgrp.pvid, 1);
	ck_assert_uint_eq(f.br->vlgrp.num_vlans, 1);
	ck_assert(br_vlan_untagged(&f.br->vlgrp, 1));
	for (int i = 0; i < NPORTS; i++) {
		const struct net_bridge_vlan_group *vg = &f.port[i]->vlgrp;
		struct net_bridge_fdb_entry *fe;

		ck_assert_uint_eq(vg->pvid, 1);
		ck_assert_uint_eq(vg->num_vlans, 1);
		ck_assert(br_vlan_has(vg, 1) && br_vlan_untagged(vg, 1));
		ck_assert(!br_vlan_has(vg, 2) && !br_vlan_has(vg, 0));
		/* "<mac> dev ethN vlan 1 master br0 permanent" */
		fe = br_fdb_find(f.br, f.port[i]->dev->dev_addr, 1);
		ck_assert_ptr_nonnull(fe);
		ck_assert_ptr_eq(fe->dst, f.port[i]);
		ck_assert(test_bit(BR_FDB_LOCAL, &fe->flags));
	}
}
END_TEST

static const struct vid_case {
	u16 vid;
	int ret;
	const char *msg;
} bad_vids[] = {
	{ 0, -EINVAL, "Error: bridge: Vlan id is invalid." },
	{ 4095, -EINVAL, "Error: bridge: Vlan id is invalid." },
	{ 4096, -EINVAL, "Error: bridge: Vlan id is invalid." },
	{ 65535, -EINVAL, "Error: bridge: Vlan id is invalid." },
};

START_TEST(test_add_rejects_invalid_vid)
{
	const struct vid_case *c = &bad_vids[_i];
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(br_vlan_add(f.br, f.port[0], c->vid, 0, &err), c->ret);
	ck_assert_str_eq(err.msg, c->msg);
	ck_assert_int_eq(br_vlan_delete(f.br, f.port[0], c->vid, &err), c->ret);
	ck_assert_uint_eq(f.port[0]->vlgrp.num_vlans, 1);
}
END_TEST

START_TEST(test_pvid_moves_and_flags_follow_last_add)
{
	struct net_bridge_vlan_group *vg = &f.port[0]->vlgrp;
	struct sim_err err = { { 0 } };

	add_vlan(f.port[0], 10, PU);
	ck_assert_uint_eq(vg->pvid, 10);		/* one pvid: 1 lost it */
	ck_assert(br_vlan_untagged(vg, 10) && br_vlan_untagged(vg, 1));
	ck_assert_uint_eq(vg->num_vlans, 2);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, f.port[0]->dev->dev_addr, 10));

	add_vlan(f.port[0], 10, 0);			/* again, no flags: tagged, no pvid */
	ck_assert_uint_eq(vg->pvid, 0);
	ck_assert(!br_vlan_untagged(vg, 10) && br_vlan_has(vg, 10));
	ck_assert_uint_eq(vg->num_vlans, 2);

	add_vlan(f.port[0], 20, BRIDGE_VLAN_INFO_PVID);
	ck_assert_uint_eq(vg->pvid, 20);
	del_vlan(f.port[0], 20);			/* the pvid goes with its vlan */
	ck_assert_uint_eq(vg->pvid, 0);
	ck_assert(!br_vlan_has(vg, 20));
	ck_assert_ptr_null(br_fdb_find(f.br, f.port[0]->dev->dev_addr, 20));

	ck_assert_int_eq(br_vlan_delete(f.br, f.port[0], 30, &err), -ENOENT);
	ck_assert_uint_eq(vg->num_vlans, 2);
	/* the bridge's own group is separate */
	ck_assert(!br_vlan_has(&f.br->vlgrp, 10));
	add_vlan(NULL, 10, 0);
	ck_assert(br_vlan_has(&f.br->vlgrp, 10) && !br_vlan_untagged(&f.br->vlgrp, 10));
}
END_TEST

START_TEST(test_delete_flushes_learned_entries_of_the_vlan)
{
	add_vlan(f.port[0], 10, 0);
	br_fdb_update(f.br, f.port[0], host_a, 10, 0);
	br_fdb_update(f.br, f.port[0], host_a, 1, 0);
	ck_assert_ptr_nonnull(br_fdb_find(f.br, host_a, 10));
	del_vlan(f.port[0], 10);
	ck_assert_ptr_null(br_fdb_find(f.br, host_a, 10));
	ck_assert_ptr_nonnull(br_fdb_find(f.br, host_a, 1));
}
END_TEST

START_TEST(test_filter_toggle)
{
	filtering(true);
	ck_assert(br_vlan_enabled(f.br));
	filtering(true);
	ck_assert(br_vlan_enabled(f.br));
	filtering(false);
	ck_assert(!br_vlan_enabled(f.br));
}
END_TEST

/* ---- ingress -------------------------------------------------------------------- */

START_TEST(test_ingress_filtering_off_passes_tags_unchanged)
{
	u8 fr[64];
	unsigned int len = build_frame(fr, bcast, host_a, 77, 3, 64);
	struct sk_buff *skb = rx_skb(0, fr, len);
	const u8 *w;
	u16 vid = 0;

	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert_uint_eq(vid, 0);			/* fdb learns in vid 0 */
	ck_assert(!BR_INPUT_SKB_CB(skb)->vlan_filtered);
	ck_assert_uint_eq(ntohs(skb->protocol), ETH_P_8021Q);
	ck_assert(br_allowed_egress(&f.port[1]->vlgrp, skb));
	skb = br_handle_vlan(f.br, f.port[1], &f.port[1]->vlgrp, skb);
	ck_assert_uint_eq(wire(skb, &w), len);
	ck_assert_mem_eq(w, fr, len);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_ingress_untagged_takes_pvid)
{
	u8 fr[64];
	struct sk_buff *skb;
	u16 vid = 0;

	add_vlan(f.port[0], 10, PU);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert_uint_eq(vid, 10);
	ck_assert_uint_eq(BR_INPUT_SKB_CB(skb)->vid, 10);
	ck_assert_uint_eq(BR_INPUT_SKB_CB(skb)->vlan_tci, 10);
	ck_assert(BR_INPUT_SKB_CB(skb)->vlan_filtered);
	ck_assert_uint_eq(ntohs(skb->protocol), ETH_P_IP);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_ingress_tagged_is_untagged_in_the_bytes)
{
	u8 fr[64], plain[60];
	struct sk_buff *skb;
	const u8 *w;
	u16 vid = 0;

	add_vlan(f.port[0], 10, 0);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, 10, 5, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert_uint_eq(vid, 10);
	ck_assert_uint_eq(BR_INPUT_SKB_CB(skb)->vlan_tci, 5 << VLAN_PRIO_SHIFT | 10);
	ck_assert_uint_eq(ntohs(skb->protocol), ETH_P_IP);
	/* the 4 bytes are out: what is left is the untagged frame */
	memcpy(plain, fr, 12);
	memcpy(plain + 12, fr + 16, 48);
	ck_assert_uint_eq(wire(skb, &w), 60);
	ck_assert_mem_eq(w, plain, 60);
	ck_assert_ptr_eq(skb_network_header(skb), skb->data);
	ck_assert_int_eq(skb->data - skb_mac_header(skb), ETH_HLEN);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_ingress_priority_tag_takes_pvid_keeps_pcp)
{
	u8 fr[64];
	struct sk_buff *skb;
	u16 vid = 0;

	filtering(true);				/* port pvid 1 */
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, 0, 6, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert_uint_eq(vid, 1);
	ck_assert_uint_eq(BR_INPUT_SKB_CB(skb)->vlan_tci, 6 << VLAN_PRIO_SHIFT | 1);
	kfree_skb(skb);
}
END_TEST

static const struct ingress_case {
	const char *name;
	int tag;			/* -1 untagged */
	unsigned int len;
	bool remove_pvid;
} refused[] = {
	{ "vid the port lacks", 20, 64, false },
	{ "untagged, no pvid", -1, 64, true },
	{ "priority-tagged, no pvid", 0, 64, true },
	{ "tag cut short", 10, 16, false },
};

START_TEST(test_ingress_refused)
{
	const struct ingress_case *c = &refused[_i];
	u8 fr[64];
	struct sk_buff *skb;
	u16 vid = 0;

	add_vlan(f.port[0], 10, c->remove_pvid ? 0 : PU);
	if (c->remove_pvid)
		del_vlan(f.port[0], 1);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, c->tag, 0, 64));
	if (c->len < 64)
		skb_trim(skb, c->len - ETH_HLEN);	/* only part of the tag left */
	ck_assert_msg(!br_allowed_ingress(f.br, f.port[0], skb, &vid), "%s", c->name);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_bridge_device_sends_in_its_pvid)
{
	u8 fr[64];
	struct sk_buff *skb = alloc_skb(node_net(f.n), 64 + NET_SKB_PAD);
	u16 vid = 0;

	filtering(true);
	skb_reserve(skb, NET_SKB_PAD);
	skb_put_data(skb, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_IP);
	memset(skb->cb, 0, sizeof(skb->cb));
	ck_assert(br_allowed_ingress(f.br, NULL, skb, &vid));
	ck_assert_uint_eq(vid, 1);
	kfree_skb(skb);
}
END_TEST

/* ---- egress ------------------------------------------------------------------------ */

START_TEST(test_egress_membership)
{
	u8 fr[64];
	struct sk_buff *skb;
	u16 vid = 0;

	add_vlan(f.port[0], 10, PU);
	add_vlan(f.port[1], 10, 0);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert(br_allowed_egress(&f.port[1]->vlgrp, skb));
	ck_assert(!br_allowed_egress(&f.port[2]->vlgrp, skb));
	ck_assert(!br_allowed_egress(&f.br->vlgrp, skb));
	kfree_skb(skb);
}
END_TEST

START_TEST(test_egress_tagged_push_bytes)
{
	u8 fr[64], want[68];
	struct sk_buff *skb;
	const u8 *w;
	u16 vid = 0;

	add_vlan(f.port[0], 10, PU);
	add_vlan(f.port[1], 10, 0);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	skb = br_handle_vlan(f.br, f.port[1], &f.port[1]->vlgrp, skb);
	ck_assert_ptr_nonnull(skb);
	build_frame(want, bcast, host_a, 10, 0, 68);
	memcpy(want + 18, fr + 14, 50);
	ck_assert_uint_eq(wire(skb, &w), 68);
	ck_assert_mem_eq(w, want, 68);
	/* as eth_type_trans leaves a tagged frame: br_dev_queue_push_xmit's
	 * skb_push(ETH_HLEN) reaches the MAC header */
	ck_assert_int_eq(skb->data - skb_mac_header(skb), ETH_HLEN);
	ck_assert_uint_eq(ntohs(skb->protocol), ETH_P_8021Q);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_egress_tagged_in_tagged_out_same_bytes)
{
	u8 fr[64];
	struct sk_buff *skb;
	const u8 *w;
	u16 vid = 0;

	add_vlan(f.port[0], 10, 0);
	add_vlan(f.port[1], 10, 0);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, 10, 5, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	skb = br_handle_vlan(f.br, f.port[1], &f.port[1]->vlgrp, skb);
	ck_assert_uint_eq(wire(skb, &w), 64);
	ck_assert_mem_eq(w, fr, 64);			/* PCP 5 kept */
	kfree_skb(skb);
}
END_TEST

START_TEST(test_egress_untagged_member_strips)
{
	u8 fr[64], plain[60];
	struct sk_buff *skb;
	const u8 *w;
	u16 vid = 0;

	add_vlan(f.port[0], 10, 0);
	add_vlan(f.port[1], 10, PU);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, 10, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	skb = br_handle_vlan(f.br, f.port[1], &f.port[1]->vlgrp, skb);
	memcpy(plain, fr, 12);
	memcpy(plain + 12, fr + 16, 48);
	ck_assert_uint_eq(wire(skb, &w), 60);
	ck_assert_mem_eq(w, plain, 60);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_egress_tag_on_clone_leaves_original)
{
	u8 fr[64];
	struct sk_buff *skb, *clone;
	const u8 *w;
	u16 vid = 0;

	add_vlan(f.port[0], 10, PU);
	add_vlan(f.port[1], 10, 0);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	clone = skb_clone(skb);
	clone = br_handle_vlan(f.br, f.port[1], &f.port[1]->vlgrp, clone);
	ck_assert_uint_eq(wire(clone, &w), 68);
	ck_assert_uint_eq(wire(skb, &w), 64);		/* flood siblings untouched */
	ck_assert_mem_eq(w, fr, 64);
	kfree_skb(clone);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_egress_non_member_frees)
{
	u8 fr[64];
	struct sk_buff *skb;
	u16 vid = 0;

	add_vlan(f.port[0], 10, PU);
	filtering(true);
	skb = rx_skb(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert(br_allowed_ingress(f.br, f.port[0], skb, &vid));
	ck_assert_ptr_null(br_handle_vlan(f.br, f.port[2], &f.port[2]->vlgrp, skb));
}
END_TEST

/* ---- through the bridge ----------------------------------------------------------- */

/* p0 access vid 10, p1 trunk (10 tagged), p2 access vid 20 */
static void access_trunk_setup(void)
{
	add_vlan(f.port[0], 10, PU);
	del_vlan(f.port[0], 1);
	add_vlan(f.port[1], 10, 0);
	add_vlan(f.port[2], 20, PU);
	del_vlan(f.port[2], 1);
	filtering(true);
	world_run(f.w, S(0.1));
	for (int i = 0; i < NPORTS; i++)
		f.tap[i].frames = 0;
}

static void send_from_peer(int i, const u8 *frame, unsigned int len)
{
	struct net_device *dev = f.peerdev[i];
	struct sk_buff *skb = alloc_skb(dev_net(dev), len + NET_SKB_PAD);

	skb_reserve(skb, NET_SKB_PAD);
	skb_put_data(skb, frame, len);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	dev_queue_xmit(skb);
	world_run(f.w, sim_now(f.w) + S(0.1));
}

START_TEST(test_flood_stays_in_vlan_and_is_tagged_on_trunk)
{
	u8 fr[64], want[68];
	struct net_bridge_fdb_entry *fe;

	access_trunk_setup();
	send_from_peer(0, fr, build_frame(fr, bcast, host_a, -1, 0, 64));
	ck_assert_uint_eq(f.tap[1].frames, 1);
	ck_assert_uint_eq(f.tap[2].frames, 0);		/* vid 20: nothing */
	build_frame(want, bcast, host_a, 10, 0, 68);
	memcpy(want + 18, fr + 14, 50);
	ck_assert_uint_eq(f.tap[1].last_len, 68);
	ck_assert_mem_eq(f.tap[1].last, want, 68);
	/* learned in vid 10, not 0 */
	fe = br_fdb_find(f.br, host_a, 10);
	ck_assert_ptr_nonnull(fe);
	ck_assert_ptr_eq(fe->dst, f.port[0]);
	ck_assert_ptr_null(br_fdb_find(f.br, host_a, 0));
}
END_TEST

START_TEST(test_trunk_tagged_reaches_access_untagged)
{
	u8 fr[68], plain[64];

	access_trunk_setup();
	send_from_peer(1, fr, build_frame(fr, bcast, host_b, 10, 0, 68));
	ck_assert_uint_eq(f.tap[0].frames, 1);
	ck_assert_uint_eq(f.tap[2].frames, 0);
	memcpy(plain, fr, 12);
	memcpy(plain + 12, fr + 16, 52);
	ck_assert_uint_eq(f.tap[0].last_len, 64);
	ck_assert_mem_eq(f.tap[0].last, plain, 64);
}
END_TEST

START_TEST(test_trunk_unknown_vid_dropped_and_counted)
{
	u8 fr[68];
	char *rows;

	access_trunk_setup();
	send_from_peer(1, fr, build_frame(fr, bcast, host_b, 30, 0, 68));
	ck_assert_uint_eq(f.tap[0].frames + f.tap[2].frames, 0);
	ck_assert_uint_eq(f.port[1]->stats.dropped_vlan, 1);
	rows = tl_metrics_rows(f.w, f.dir, "SELECT reason FROM drops ORDER BY rowid", ",");
	ck_assert_msg(strstr(rows, "NOT_SPECIFIED") != NULL, "%s", rows);
	g_free(rows);
}
END_TEST

static Suite *br_vlan_suite(void)
{
	Suite *s = suite_create("br_vlan");
	TCase *tc = tcase_create("groups");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults_vid1_pvid_untagged);
	tcase_add_loop_test(tc, test_add_rejects_invalid_vid, 0, G_N_ELEMENTS(bad_vids));
	tcase_add_test(tc, test_pvid_moves_and_flags_follow_last_add);
	tcase_add_test(tc, test_delete_flushes_learned_entries_of_the_vlan);
	tcase_add_test(tc, test_filter_toggle);
	suite_add_tcase(s, tc);

	tc = tcase_create("ingress");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ingress_filtering_off_passes_tags_unchanged);
	tcase_add_test(tc, test_ingress_untagged_takes_pvid);
	tcase_add_test(tc, test_ingress_tagged_is_untagged_in_the_bytes);
	tcase_add_test(tc, test_ingress_priority_tag_takes_pvid_keeps_pcp);
	tcase_add_loop_test(tc, test_ingress_refused, 0, G_N_ELEMENTS(refused));
	tcase_add_test(tc, test_bridge_device_sends_in_its_pvid);
	suite_add_tcase(s, tc);

	tc = tcase_create("egress");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_egress_membership);
	tcase_add_test(tc, test_egress_tagged_push_bytes);
	tcase_add_test(tc, test_egress_tagged_in_tagged_out_same_bytes);
	tcase_add_test(tc, test_egress_untagged_member_strips);
	tcase_add_test(tc, test_egress_tag_on_clone_leaves_original);
	tcase_add_test(tc, test_egress_non_member_frees);
	suite_add_tcase(s, tc);

	tc = tcase_create("bridge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_flood_stays_in_vlan_and_is_tagged_on_trunk);
	tcase_add_test(tc, test_trunk_tagged_reaches_access_untagged);
	tcase_add_test(tc, test_trunk_unknown_vid_dropped_and_counted);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tl_run_suite(br_vlan_suite());
}
