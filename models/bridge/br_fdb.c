/*
 * models/bridge/br_fdb.c - the bridge's forwarding database
 *
 * Mirrors net/bridge/br_fdb.c: entries keyed by (address, vlan) in a hash
 * table plus a list with the newest first (what `bridge fdb show` walks);
 * br_fdb_update() learns the source of every frame a learning port
 * receives and moves an entry when its host shows up behind another port;
 * local entries (the ports' and the bridge's own addresses, BR_FDB_LOCAL)
 * never move and deliver to the bridge itself; br_fdb_cleanup() is the
 * garbage collector: it deletes the entries not refreshed for hold_time()
 * (ageing_time, or forward_delay while a topology change is on) and
 * re-arms itself for the earliest expiry, at least 10 ms apart.
 *
 * Differences: a GHashTable instead of the rhashtable; the gc runs as a
 * timer (the kernel's delayed work is one too, on the same timer wheel);
 * no switchdev, no notifications, no locked or sticky learning from ports.
 */
#include <errno.h>

#include "br_private.h"
#include "net/net_namespace.h"

static guint br_fdb_hash(gconstpointer key)
{
	const struct net_bridge_fdb_entry *f = key;
	guint h = f->vlan_id;

	for (int i = 0; i < ETH_ALEN; i++)
		h = h * 31 + f->addr.addr[i];
	return h;
}

static gboolean br_fdb_equal(gconstpointer a, gconstpointer b)
{
	const struct net_bridge_fdb_entry *x = a, *y = b;

	return x->vlan_id == y->vlan_id && ether_addr_equal(x->addr.addr, y->addr.addr);
}

static unsigned long br_jiffies(const struct net_bridge *br)
{
	return sim_jiffies(dev_net(br->dev)->w);
}

unsigned long br_fdb_hold_time(const struct net_bridge *br)
{
	return br->topology_change ? br->forward_delay : br->ageing_time;
}

bool br_fdb_has_expired(const struct net_bridge *br, const struct net_bridge_fdb_entry *f)
{
	return !test_bit(BR_FDB_STATIC, &f->flags) &&
	       !test_bit(BR_FDB_ADDED_BY_EXT_LEARN, &f->flags) &&
	       time_before_eq(f->updated + br_fdb_hold_time(br), br_jiffies(br));
}

struct net_bridge_fdb_entry *br_fdb_find(struct net_bridge *br, const u8 *addr, u16 vid)
{
	struct net_bridge_fdb_entry key = { .vlan_id = vid };

	memcpy(key.addr.addr, addr, ETH_ALEN);
	return g_hash_table_lookup(br->fdb_hash_tbl, &key);
}

struct net_bridge_fdb_entry *br_fdb_find_rcu(struct net_bridge *br, const u8 *addr, u16 vid)
{
	return br_fdb_find(br, addr, vid);
}

static struct net_bridge_fdb_entry *fdb_create(struct net_bridge *br,
					       struct net_bridge_port *source,
					       const u8 *addr, u16 vid, unsigned long flags)
{
	bool learned = !test_bit(BR_FDB_ADDED_BY_USER, &flags) &&
		       !test_bit(BR_FDB_LOCAL, &flags);
	struct net_bridge_fdb_entry *f;

	if (learned && br->fdb_max_learned && br->fdb_n_learned >= br->fdb_max_learned)
		return NULL;
	f = g_new0(struct net_bridge_fdb_entry, 1);
	memcpy(f->addr.addr, addr, ETH_ALEN);
	f->vlan_id = vid;
	f->dst = source;
	f->flags = flags;
	if (learned) {
		__set_bit(BR_FDB_DYNAMIC_LEARNED, &f->flags);
		br->fdb_n_learned++;
	}
	f->updated = f->used = br_jiffies(br);
	g_hash_table_insert(br->fdb_hash_tbl, f, f);
	list_add(&f->list, &br->fdb_list);
	world_obj_get(dev_net(br->dev)->w, SIM_OBJ_MODEL);
	return f;
}

static void fdb_delete(struct net_bridge *br, struct net_bridge_fdb_entry *f)
{
	if (test_bit(BR_FDB_DYNAMIC_LEARNED, &f->flags))
		br->fdb_n_learned--;
	g_hash_table_remove(br->fdb_hash_tbl, f);
	list_del(&f->list);
	g_free(f);
	world_obj_put(dev_net(br->dev)->w, SIM_OBJ_MODEL);
}

/*
 * fdb_delete_local - a local entry loses its owner @p (or the bridge):
 * another port, or the bridge device, with the same address takes it
 * over; else it goes.
 */
static void fdb_delete_local(struct net_bridge *br, const struct net_bridge_port *p,
			     struct net_bridge_fdb_entry *f)
{
	const unsigned char *addr = f->addr.addr;
	struct net_bridge_port *op;

	list_for_each_entry(op, &br->port_list, list) {
		if (op != p && ether_addr_equal(op->dev->dev_addr, addr) &&
		    (!f->vlan_id || br_vlan_has(&op->vlgrp, f->vlan_id))) {
			f->dst = op;
			clear_bit(BR_FDB_ADDED_BY_USER, &f->flags);
			return;
		}
	}
	if (p && ether_addr_equal(br->dev->dev_addr, addr) &&
	    (!f->vlan_id || br_vlan_has(&br->vlgrp, f->vlan_id))) {
		f->dst = NULL;
		clear_bit(BR_FDB_ADDED_BY_USER, &f->flags);
		return;
	}
	fdb_delete(br, f);
}

static int fdb_add_local(struct net_bridge *br, struct net_bridge_port *source,
			 const u8 *addr, u16 vid)
{
	struct net_bridge_fdb_entry *f;

	if (!is_valid_ether_addr(addr))
		return -EINVAL;
	f = br_fdb_find(br, addr, vid);
	if (f) {
		/* several ports may share an address: the first one keeps it */
		if (test_bit(BR_FDB_LOCAL, &f->flags))
			return 0;
		fdb_delete(br, f);	/* a learned entry of ours: it is local now */
	}
	f = fdb_create(br, source, addr, vid, BIT(BR_FDB_LOCAL) | BIT(BR_FDB_STATIC));
	return f ? 0 : -ENOMEM;
}

int br_fdb_add_local(struct net_bridge *br, struct net_bridge_port *source, const u8 *addr,
		     u16 vid)
{
	return fdb_add_local(br, source, addr, vid);
}

void br_fdb_changeaddr(struct net_bridge_port *p, const u8 *newaddr)
{
	struct net_bridge *br = p->br;
	struct net_bridge_fdb_entry *f, *tmp;

	/* the old address goes, in vlan 0 and in each VLAN of the port */
	list_for_each_entry_safe(f, tmp, &br->fdb_list, list) {
		if (f->dst == p && test_bit(BR_FDB_LOCAL, &f->flags) &&
		    !test_bit(BR_FDB_ADDED_BY_USER, &f->flags)) {
			fdb_delete_local(br, p, f);
			if (!p->vlgrp.num_vlans)
				break;
		}
	}
	fdb_add_local(br, p, newaddr, 0);
	for (u16 vid = 1; vid < VLAN_N_VID && p->vlgrp.num_vlans; vid++)
		if (br_vlan_has(&p->vlgrp, vid))
			fdb_add_local(br, p, newaddr, vid);
}

/*
 * br_fdb_change_mac_address - the bridge device's own entries (no port,
 * not the user's) now hold @newaddr, in vlan 0 and in each of its VLANs.
 * Whatever address they held goes, so it may run before or after
 * dev_addr changed (br_stp_change_bridge_id calls it before).
 */
void br_fdb_change_mac_address(struct net_bridge *br, const u8 *newaddr)
{
	struct net_bridge_fdb_entry *f, *tmp;

	list_for_each_entry_safe(f, tmp, &br->fdb_list, list) {
		if (test_bit(BR_FDB_LOCAL, &f->flags) && !f->dst &&
		    !test_bit(BR_FDB_ADDED_BY_USER, &f->flags) &&
		    !ether_addr_equal(f->addr.addr, newaddr))
			fdb_delete(br, f);
	}
	fdb_add_local(br, NULL, newaddr, 0);
	for (u16 vid = 1; vid < VLAN_N_VID && br->vlgrp.num_vlans; vid++)
		if (br_vlan_has(&br->vlgrp, vid))
			fdb_add_local(br, NULL, newaddr, vid);
}

/*
 * br_fdb_update - learn that @addr sits behind @source.  Local entries
 * stay where they are (a frame from one of our own addresses is counted);
 * an entry for a host that moved follows it to the new port.
 */
void br_fdb_update(struct net_bridge *br, struct net_bridge_port *source, const u8 *addr,
		   u16 vid, unsigned long flags)
{
	struct net_bridge_fdb_entry *f;

	/* ageing_time 0: the user wants every frame flooded */
	if (br_fdb_hold_time(br) == 0)
		return;
	f = br_fdb_find(br, addr, vid);
	if (!f) {
		fdb_create(br, source, addr, vid, flags);
		return;
	}
	if (test_bit(BR_FDB_LOCAL, &f->flags)) {
		br->own_addr_rx++;	/* "received packet on %s with own address..." */
		return;
	}
	f->updated = br_jiffies(br);
	if (source != f->dst && !test_bit(BR_FDB_STICKY, &f->flags)) {
		f->dst = source;
		clear_bit(BR_FDB_ADDED_BY_EXT_LEARN, &f->flags);
	}
	if (test_bit(BR_FDB_ADDED_BY_USER, &flags))
		set_bit(BR_FDB_ADDED_BY_USER, &f->flags);
}

/*
 * br_fdb_add - `bridge fdb add ADDR dev PORT master [permanent|static|dynamic]`
 * (br_fdb_add() -> fdb_add_entry() with NLM_F_CREATE|NLM_F_EXCL): @permanent
 * makes a local entry, @is_static one that never ages; neither: a dynamic
 * entry added by the user, which ages as a learned one.
 */
int br_fdb_add(struct net_bridge *br, struct net_bridge_port *p, const u8 *addr, u16 vid,
	       bool permanent, bool is_static, struct sim_err *err)
{
	unsigned long flags = BIT(BR_FDB_ADDED_BY_USER);
	struct net_bridge_fdb_entry *f;

	if (!is_valid_ether_addr(addr))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument"), -EINVAL;
	if (!p && !permanent)
		return sim_err_set(err, "Error: FDB entry towards bridge must be permanent."),
		       -EINVAL;
	if (permanent)
		flags |= BIT(BR_FDB_LOCAL) | BIT(BR_FDB_STATIC);
	else if (is_static)
		flags |= BIT(BR_FDB_STATIC);
	f = br_fdb_find(br, addr, vid);
	if (f)
		return sim_err_set(err, "RTNETLINK answers: File exists"), -EEXIST;
	f = fdb_create(br, p, addr, vid, flags);
	if (!f)
		return sim_err_set(err, "RTNETLINK answers: No space left on device"), -ENOSPC;
	return 0;
}

int br_fdb_delete(struct net_bridge *br, struct net_bridge_port *p, const u8 *addr,
		  u16 vid, struct sim_err *err)
{
	struct net_bridge_fdb_entry *f = br_fdb_find(br, addr, vid);

	if (!f || f->dst != p)
		return sim_err_set(err, "RTNETLINK answers: No such file or directory"), -ENOENT;
	fdb_delete(br, f);
	return 0;
}

void br_fdb_delete_by_port(struct net_bridge *br, const struct net_bridge_port *p,
			   u16 vid, int do_all)
{
	struct net_bridge_fdb_entry *f, *tmp;

	list_for_each_entry_safe(f, tmp, &br->fdb_list, list) {
		if (f->dst != p)
			continue;
		if (!do_all && (test_bit(BR_FDB_STATIC, &f->flags) ||
				(vid && f->vlan_id != vid)))
			continue;
		if (test_bit(BR_FDB_LOCAL, &f->flags))
			fdb_delete_local(br, p, f);
		else
			fdb_delete(br, f);
	}
}

void br_fdb_flush(struct net_bridge *br)
{
	struct net_bridge_fdb_entry *f, *tmp;

	list_for_each_entry_safe(f, tmp, &br->fdb_list, list)
		if (!test_bit(BR_FDB_STATIC, &f->flags))
			fdb_delete(br, f);
}

/*
 * br_fdb_cleanup - the gc: entries older than hold_time() go; it comes
 * back when the next one would expire, but not sooner than 10 ms.
 */
void br_fdb_cleanup(struct timer_list *t)
{
	struct net_bridge *br = from_timer(br, t, gc_timer);
	unsigned long delay = br_fdb_hold_time(br);
	unsigned long now = br_jiffies(br);
	unsigned long work_delay = delay;
	struct world *w = dev_net(br->dev)->w;
	struct net_bridge_fdb_entry *f, *tmp;
	unsigned long min_delay;

	list_for_each_entry_safe(f, tmp, &br->fdb_list, list) {
		unsigned long this_timer = f->updated + delay;

		if (test_bit(BR_FDB_STATIC, &f->flags) ||
		    test_bit(BR_FDB_ADDED_BY_EXT_LEARN, &f->flags))
			continue;
		if (time_after(this_timer, now))
			work_delay = MIN(work_delay, this_timer - now);
		else
			fdb_delete(br, f);
	}
	min_delay = sim_msecs_to_jiffies(w, 10);
	mod_timer(&br->gc_timer, now + MAX(work_delay, min_delay));
}

int br_fdb_init(struct net_bridge *br)
{
	br->fdb_hash_tbl = g_hash_table_new(br_fdb_hash, br_fdb_equal);
	INIT_LIST_HEAD(&br->fdb_list);
	timer_setup(dev_net(br->dev)->w, &br->gc_timer, br_fdb_cleanup, 0);
	return 0;
}

void br_fdb_fini(struct net_bridge *br)
{
	struct net_bridge_fdb_entry *f, *tmp;

	if (!br->fdb_hash_tbl)
		return;		/* br_fdb_init() never ran: the device never registered */
	del_timer(&br->gc_timer);
	list_for_each_entry_safe(f, tmp, &br->fdb_list, list)
		fdb_delete(br, f);
	g_hash_table_destroy(br->fdb_hash_tbl);
	br->fdb_hash_tbl = NULL;
}
