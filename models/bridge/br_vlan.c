/*
 * models/bridge/br_vlan.c - VLAN filtering of the bridge
 *
 * Mirrors net/bridge/br_vlan.c: each port and the bridge device itself
 * keep a group of VLANs (struct net_bridge_vlan_group), one of them maybe
 * the pvid, some of them egress-untagged.  With vlan_filtering 1 a frame
 * is classified on ingress (br_allowed_ingress: its 802.1Q tag, or the
 * port's pvid for untagged and priority-tagged frames), may only leave by
 * ports that are members of that VLAN (br_allowed_egress), and is tagged
 * or untagged for each of them (br_handle_vlan).
 *
 * Differences: skbsim has no hardware-accelerated VLAN tag (skb->vlan_tci).
 * Where the kernel's skb_vlan_untag() moves a tag into vlan_tci, we pull
 * the 4 bytes out of the frame on ingress and keep the TCI in
 * BR_INPUT_SKB_CB(skb)->vlan_tci; where the kernel's transmit path puts
 * vlan_tci back into the frame (vlan_insert_tag), br_handle_vlan() pushes
 * the 802.1Q header itself.  Between the two the frame is untagged in
 * skb->data, as it is in the kernel.  Groups are bitmaps of the 4096 ids,
 * and only bridge entries (BRIDGE_VLAN_INFO_BRENTRY) are kept for the
 * bridge device: the kernel's "context" master entries, created when a
 * port gets a vid the bridge lacks, change nothing we model.  No per-VLAN
 * statistics, no 802.1ad, no VLAN tunnels, no switchdev.
 */
#include <errno.h>
#include <string.h>

#include "br_private.h"

#define VG_WORD(vid)	((vid) / (8 * sizeof(unsigned long)))
#define VG_BIT(vid)	(1UL << ((vid) % (8 * sizeof(unsigned long))))

static void vg_set(unsigned long *map, u16 vid, bool on)
{
	if (on)
		map[VG_WORD(vid)] |= VG_BIT(vid);
	else
		map[VG_WORD(vid)] &= ~VG_BIT(vid);
}

static bool vg_test(const unsigned long *map, u16 vid)
{
	return map[VG_WORD(vid)] & VG_BIT(vid);
}

/* The group a frame is classified in: the port's, or the bridge's own
 * when the bridge device sends (br_dev_xmit passes no port). */
static struct net_bridge_vlan_group *br_vlan_group_of(struct net_bridge *br,
						     struct net_bridge_port *p)
{
	return p ? &p->vlgrp : &br->vlgrp;
}

bool br_vlan_untagged(const struct net_bridge_vlan_group *vg, u16 vid)
{
	return br_vlan_has(vg, vid) && vg_test(vg->untagged, vid);
}

/* __vlan_add_flags(): pvid and untagged follow the request's flags. */
static void __vlan_add_flags(struct net_bridge_vlan_group *vg, u16 vid, u16 flags)
{
	if (flags & BRIDGE_VLAN_INFO_PVID)
		vg->pvid = vid;
	else if (vg->pvid == vid)
		vg->pvid = 0;
	vg_set(vg->untagged, vid, flags & BRIDGE_VLAN_INFO_UNTAGGED);
}

static void __vlan_del(struct net_bridge_vlan_group *vg, u16 vid)
{
	if (vg->pvid == vid)
		vg->pvid = 0;
	vg_set(vg->vids, vid, false);
	vg_set(vg->untagged, vid, false);
	vg->num_vlans--;
}

/*
 * br_vlan_add - `bridge vlan add vid VID dev DEV [pvid] [untagged]`
 * @p: the port, or NULL for the bridge device's own entry (`... self` on
 *     the bridge, the kernel's br_vlan_add() with BRIDGE_VLAN_INFO_BRENTRY)
 *
 * A new vid also gets the device's address as a local FDB entry in that
 * VLAN (__vlan_add()), so frames to the port's or bridge's address are
 * delivered up in every VLAN it is in.  Adding a vid again only changes
 * its flags, as nbp_vlan_add()/br_vlan_add_existing() do.
 */
int br_vlan_add(struct net_bridge *br, struct net_bridge_port *p, u16 vid, u16 flags,
		struct sim_err *err)
{
	struct net_bridge_vlan_group *vg = br_vlan_group_of(br, p);
	struct net_device *dev = p ? p->dev : br->dev;
	int ret;

	/* br_vlan_valid_id(): 1..4094 only */
	if (vid == 0 || vid >= VLAN_VID_MASK) {
		sim_err_set(err, "Error: bridge: Vlan id is invalid.");
		return -EINVAL;
	}
	if (br_vlan_has(vg, vid)) {
		__vlan_add_flags(vg, vid, flags);
		return 0;
	}
	ret = br_fdb_add_local(br, p, dev->dev_addr, vid);
	if (ret < 0) {
		sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret));
		return ret;
	}
	vg_set(vg->vids, vid, true);
	vg->num_vlans++;
	__vlan_add_flags(vg, vid, flags);
	return 0;
}

/*
 * br_fdb_find_delete_local() as a VLAN leaves @p (NULL: the bridge): the
 * device's own address in @vid goes, unless another port, or the bridge
 * device, with the same address is in @vid too; that one takes it over.
 */
static void br_vlan_delete_local(struct net_bridge *br, struct net_bridge_port *p,
				 const u8 *addr, u16 vid)
{
	struct net_bridge_fdb_entry *f = br_fdb_find(br, addr, vid);
	struct net_bridge_port *op;
	struct sim_err ignore;

	if (!f || f->dst != p || !(f->flags & BIT(BR_FDB_LOCAL)) ||
	    (f->flags & BIT(BR_FDB_ADDED_BY_USER)))
		return;
	list_for_each_entry(op, &br->port_list, list) {
		if (op != p && ether_addr_equal(op->dev->dev_addr, addr) &&
		    br_vlan_has(&op->vlgrp, vid)) {
			f->dst = op;
			return;
		}
	}
	if (p && ether_addr_equal(br->dev->dev_addr, addr) && br_vlan_has(&br->vlgrp, vid)) {
		f->dst = NULL;
		return;
	}
	br_fdb_delete(br, p, addr, vid, &ignore);
}

/*
 * br_vlan_delete - `bridge vlan del vid VID dev DEV`: nbp_vlan_delete()
 * for a port, br_vlan_delete() for the bridge (@p NULL).  Learned entries
 * of the VLAN on that port are flushed with it.
 */
int br_vlan_delete(struct net_bridge *br, struct net_bridge_port *p, u16 vid,
		   struct sim_err *err)
{
	struct net_bridge_vlan_group *vg = br_vlan_group_of(br, p);
	struct net_device *dev = p ? p->dev : br->dev;

	if (vid == 0 || vid >= VLAN_VID_MASK) {
		sim_err_set(err, "Error: bridge: Vlan id is invalid.");
		return -EINVAL;
	}
	if (!br_vlan_has(vg, vid)) {
		sim_err_set(err, "RTNETLINK answers: No such file or directory");
		return -ENOENT;
	}
	br_vlan_delete_local(br, p, dev->dev_addr, vid);
	br_fdb_delete_by_port(br, p, vid, 0);
	__vlan_del(vg, vid);
	return 0;
}

/* br_vlan_filter_toggle - `ip link set br0 type bridge vlan_filtering 0|1` */
int br_vlan_filter_toggle(struct net_bridge *br, unsigned long val, struct sim_err *err)
{
	(void)err;
	if (br_opt_get(br, BROPT_VLAN_ENABLED) == !!val)
		return 0;
	br_opt_toggle(br, BROPT_VLAN_ENABLED, !!val);
	return 0;
}

/* nbp_vlan_init(): a new port is an untagged member of default_pvid. */
void br_vlan_port_init(struct net_bridge_port *p)
{
	struct net_bridge *br = p->br;
	struct sim_err ignore;

	memset(&p->vlgrp, 0, sizeof(p->vlgrp));
	if (br->default_pvid)
		br_vlan_add(br, p, br->default_pvid,
			    BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED, &ignore);
}

/* br_vlan_init(): 802.1Q, default_pvid 1, and the bridge's own entry in it. */
void br_vlan_bridge_init(struct net_bridge *br)
{
	struct sim_err ignore;

	memset(&br->vlgrp, 0, sizeof(br->vlgrp));
	br->vlan_proto = htons(ETH_P_8021Q);
	br->default_pvid = 1;
	br_vlan_add(br, NULL, br->default_pvid,
		    BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED | BRIDGE_VLAN_INFO_BRENTRY,
		    &ignore);
}

/* ---- the data path ------------------------------------------------------- */

/*
 * br_vlan_untag - skb_vlan_untag() for a frame as eth_type_trans() left it
 * (data after the Ethernet header, protocol 0x8100): the TCI goes to the
 * skb's cb, the 4 bytes leave the frame, the addresses move up to close
 * the gap, and protocol becomes the encapsulated type.
 * Return: false for a frame too short to hold the tag.
 */
static bool br_vlan_untag(struct sk_buff *skb)
{
	struct br_input_skb_cb *cb = BR_INPUT_SKB_CB(skb);
	unsigned char *mac;
	__be16 inner;

	if (!pskb_may_pull(skb, VLAN_HLEN) || skb_cow(skb, 0) < 0)
		return false;
	cb->vlan_tci = (u16)(skb->data[0] << 8 | skb->data[1]);
	memcpy(&inner, skb->data + 2, sizeof(inner));
	mac = skb_mac_header(skb);
	memmove(mac + VLAN_HLEN, mac, 2 * ETH_ALEN);
	skb_pull(skb, VLAN_HLEN);
	skb->mac_header += VLAN_HLEN;
	skb->protocol = inner;
	skb_reset_network_header(skb);
	skb_reset_mac_len(skb);
	return true;
}

/*
 * br_vlan_insert_tag - vlan_insert_tag() on a frame whose data starts after
 * the Ethernet header (the bridge's view): the addresses move 4 bytes down,
 * TPID and TCI fill the gap, and the frame looks as a tagged one does after
 * eth_type_trans() (protocol 0x8100, data at the TCI), so
 * br_dev_queue_push_xmit()'s skb_push(ETH_HLEN) finds the whole header.
 */
static struct sk_buff *br_vlan_insert_tag(struct sk_buff *skb, __be16 proto, u16 tci)
{
	unsigned char *mac;

	SIM_BUG_ON(skb->data - skb_mac_header(skb) != ETH_HLEN);
	if (skb_cow_head(skb, ETH_HLEN + VLAN_HLEN) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	mac = skb_mac_header(skb);
	memmove(mac - VLAN_HLEN, mac, 2 * ETH_ALEN);
	skb->mac_header -= VLAN_HLEN;
	mac -= VLAN_HLEN;
	memcpy(mac + 2 * ETH_ALEN, &proto, sizeof(proto));
	mac[2 * ETH_ALEN + 2] = tci >> 8;
	mac[2 * ETH_ALEN + 3] = tci & 0xff;
	skb_push(skb, VLAN_HLEN);
	skb->protocol = proto;
	skb_reset_mac_len(skb);
	return skb;
}

/*
 * br_allowed_ingress - classify a frame entering the bridge (__allowed_ingress)
 * @p: the port it came in on, or NULL when the bridge device sends it
 * @vid: set to the VLAN it belongs to (left alone with filtering off)
 *
 * Untagged and priority-tagged (vid 0) frames take the pvid; a frame with
 * no pvid to take, or with a vid the port is not a member of, is refused.
 * Return: false to drop: the caller counts p->stats.dropped_vlan and frees
 * @skb (the kernel's plain kfree_skb(), SKB_DROP_REASON_NOT_SPECIFIED).
 */
bool br_allowed_ingress(const struct net_bridge *br, struct net_bridge_port *p,
			struct sk_buff *skb, u16 *vid)
{
	struct br_input_skb_cb *cb = BR_INPUT_SKB_CB(skb);
	const struct net_bridge_vlan_group *vg = p ? &p->vlgrp : &br->vlgrp;

	if (!br_vlan_enabled(br)) {
		cb->vlan_filtered = 0;
		return true;
	}
	cb->vlan_filtered = 1;
	cb->vlan_tci = 0;
	if (skb->protocol == br->vlan_proto && !br_vlan_untag(skb))
		return false;
	*vid = cb->vlan_tci & VLAN_VID_MASK;
	if (!*vid) {
		if (!vg->pvid)
			return false;	/* untagged, and no VLAN to put it in */
		*vid = vg->pvid;
		cb->vlan_tci |= vg->pvid;	/* a priority tag keeps its PCP */
	}
	if (!br_vlan_has(vg, *vid))
		return false;
	cb->vid = *vid;
	return true;
}

/* br_allowed_egress - may a classified frame leave by a member of @vg? */
bool br_allowed_egress(const struct net_bridge_vlan_group *vg, const struct sk_buff *skb)
{
	const struct br_input_skb_cb *cb = BR_INPUT_SKB_CB(skb);

	if (!cb->vlan_filtered)
		return true;
	return br_vlan_has(vg, cb->vlan_tci & VLAN_VID_MASK);
}

/*
 * br_handle_vlan - the frame as it leaves by @p (or goes up to the bridge
 * device, @p NULL): untagged in an egress-untagged VLAN, else with an
 * 802.1Q header carrying the TCI it was classified with.
 * Return: @skb (maybe reallocated), or NULL after freeing it.
 */
struct sk_buff *br_handle_vlan(struct net_bridge *br, const struct net_bridge_port *p,
			       struct net_bridge_vlan_group *vg, struct sk_buff *skb)
{
	struct br_input_skb_cb *cb = BR_INPUT_SKB_CB(skb);
	u16 vid = cb->vlan_tci & VLAN_VID_MASK;

	(void)p;
	if (!cb->vlan_filtered)
		return skb;
	if (!br_vlan_has(vg, vid)) {
		/* a promiscuous bridge device takes what it is given */
		if ((br->dev->flags & IFF_PROMISC) && skb->dev == br->dev)
			return skb;
		kfree_skb(skb);
		return NULL;
	}
	if (br_vlan_untagged(vg, vid))
		return skb;
	return br_vlan_insert_tag(skb, br->vlan_proto, cb->vlan_tci);
}
