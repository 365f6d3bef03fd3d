/*
 * models/core/neighbour.c - the neighbour subsystem
 *
 * Mirrors net/core/neighbour.c of Linux 6.x for every protocol that
 * resolves link-layer addresses (ARP now, IPv6 ND later):
 *   - the NUD state machine: neigh_timer_handler() moves REACHABLE to
 *     DELAY or STALE after reachable_time (base_reachable_time randomized
 *     to [1/2, 3/2) by neigh_rand_reach_time()), DELAY to PROBE after
 *     delay_first_probe_time (or back to REACHABLE if confirmed), and
 *     INCOMPLETE/PROBE to FAILED after neigh_max_probes() solicitations
 *     retrans_time apart;
 *   - __neigh_event_send(): a packet to an unresolved neighbour starts
 *     resolution (probes count from ucast_solicit, so an INCOMPLETE entry
 *     sends mcast_solicit broadcasts) and waits in arp_queue, bounded by
 *     unres_qlen_bytes (the oldest packets go, NEIGH_QUEUEFULL,
 *     unresolved_discards); a failed resolution gives every waiting packet
 *     to ops->error_report (ICMP host unreachable, NEIGH_FAILED);
 *   - neigh_update(): what a reply or `ip neigh` changes, flushing the
 *     queue when the entry becomes valid;
 *   - garbage collection: neigh_alloc()'s limits (gc_thresh3 always,
 *     gc_thresh2 when the last forced run is 5 s old) call
 *     neigh_forced_gc(), which walks gc_list oldest first and removes
 *     unreferenced FAILED, NOARP, multicast or 5 s unchanged entries until
 *     the table is back at gc_thresh2; neigh_periodic_work() (every
 *     base_reachable_time/2, a delayed work in the kernel, a timer here)
 *     redraws reachable_time every 300 s and, above gc_thresh1, removes
 *     FAILED entries and those unused for gc_stale_time;
 *   - the proxy queue: pneigh_enqueue() holds a proxied request for a
 *     random part of proxy_delay, neigh_proxy_process() hands it back to
 *     the protocol (parp_redo);
 *   - the sysctls of /proc/sys/net/ipv4/neigh/{default,<dev>}/, where a
 *     write to default reaches every device whose own value was never
 *     written (neigh_proc_update()).
 * Timers run on the kernel timer wheel's granularity (sim/timer.h), so
 * probes leave when Linux would send them.
 *
 * Differences: one table per namespace, so /proc/net/stat/arp_cache counts
 * this node only; for memory, an entry's timer and arp_queue (struct
 * neigh_nud), a table's proxy queue (struct neigh_proxy) and a device's
 * own copy of the parms values are made when first needed, and the
 * neigh/ sysctl directories are one registration per world; the hash
 * function is our own (listings are sorted, never in hash order);
 * neigh_forced_gc() has no 1 ms time budget; no NTF_MANAGED,
 * NTF_EXT_VALIDATED or pneigh (`ip neigh add proxy`) entries; no netlink
 * notifications; flushing an entry someone still holds frees it at once
 * (nothing here holds one across events).
 */
#include "net/neighbour.h"

#include <errno.h>
#include <stdio.h>

#include "linux/slab.h"
#include "linux/sysctl.h"
#include "net/dst.h"
#include "net/net_namespace.h"
#include "trace/skbwalk.h"

#define NEIGH_HASH_MIN_SHIFT 3

/* include/linux/jiffies.h */
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

static void neigh_timer_handler(struct timer_list *t);
static void neigh_proxy_process(struct timer_list *t);

const char *neigh_state_name(u8 s)
{
	switch (s) {
	case NUD_INCOMPLETE: return "INCOMPLETE";
	case NUD_REACHABLE: return "REACHABLE";
	case NUD_STALE: return "STALE";
	case NUD_DELAY: return "DELAY";
	case NUD_PROBE: return "PROBE";
	case NUD_FAILED: return "FAILED";
	case NUD_NOARP: return "NOARP";
	case NUD_PERMANENT: return "PERMANENT";
	default: return "NONE";
	}
}

static unsigned long now_j(const struct neigh_table *tbl)
{
	return sim_jiffies(tbl->net->w);
}

static unsigned long hz_of(const struct neigh_table *tbl)
{
	return tbl->net->w->hz;
}

unsigned long neigh_jiffies(const struct neighbour *n)
{
	return now_j(n->tbl);
}

unsigned long neigh_rand_reach_time(struct neigh_table *tbl, unsigned long base)
{
	return base ? (sim_rng_u32(&tbl->rng) % base) + (base >> 1) : 0;
}

static int neigh_max_probes(const struct neighbour *n)
{
	const struct neigh_parms *p = n->parms;

	return NEIGH_VAR(p, UCAST_PROBES) + NEIGH_VAR(p, APP_PROBES) +
	       (n->nud_state & NUD_PROBE ? NEIGH_VAR(p, MCAST_REPROBES)
					 : NEIGH_VAR(p, MCAST_PROBES));
}

/* The entry's timer and queue, made at the first need (struct neigh_nud). */
static struct neigh_nud *neigh_nud(struct neighbour *n)
{
	if (!n->nud) {
		n->nud = kzalloc(n->tbl->net->w, sizeof(struct neigh_nud));
		n->nud->neigh = n;
		skb_queue_head_init(&n->nud->arp_queue);
		timer_setup(n->tbl->net->w, &n->nud->timer, neigh_timer_handler, 0);
	}
	return n->nud;
}

static void neigh_add_timer(struct neighbour *n, unsigned long when)
{
	mod_timer(&neigh_nud(n)->timer, when);
}

static void neigh_del_timer(struct neighbour *n)
{
	if (n->nud)
		del_timer(&n->nud->timer);
}

/* The packets waiting for resolution go (QUEUE_PURGE, as __skb_queue_purge()). */
static void neigh_purge_queue(struct neighbour *n)
{
	if (!n->nud)
		return;
	skb_queue_purge(&n->nud->arp_queue);
	n->nud->arp_queue_len_bytes = 0;
}

/*
 * Nobody but the table holds @n: the kernel's refcount of 1, where a pending
 * timer counts as a holder (neigh_add_timer() takes a reference).
 */
static bool neigh_unreferenced(const struct neighbour *n)
{
	return n->refcnt == 1 && !neigh_timer_pending(n);
}

/* neigh_connect / neigh_suspect: the fast or the checking output */
static void neigh_connect(struct neighbour *n)
{
	n->output = n->ops->connected_output;
}

static void neigh_suspect(struct neighbour *n)
{
	n->output = n->ops->output;
}

/* The parms of @dev in @tbl (in_dev->arp_parms for ARP), or the defaults. */
static struct neigh_parms *neigh_dev_parms(struct neigh_table *tbl, const struct net_device *dev)
{
	for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
		if (p->dev == dev)
			return p;
	return &tbl->parms;
}

/* ---- table -------------------------------------------------------------- */

static u32 neigh_hash(const struct neigh_table *tbl, const void *pkey,
		      const struct net_device *dev)
{
	u32 key;

	memcpy(&key, pkey, 4);
	return (key * 0x9e3779b1u) ^ ((u32)dev->ifindex * 0x85ebca6bu) ^ tbl->hash_rnd;
}

static struct neighbour **bucket_of(struct neigh_table *tbl, u32 h)
{
	return &tbl->hash_buckets[h >> (32 - tbl->hash_shift)];
}

/*
 * The buckets: a kmalloc object up to 32 of them (a node's table starts
 * with 8), the heap past that.
 */
static struct neighbour **neigh_hash_alloc(struct neigh_table *tbl)
{
	return kvzalloc(tbl->net->w, (sizeof(struct neighbour *)) << tbl->hash_shift);
}

static void neigh_hash_grow(struct neigh_table *tbl)
{
	unsigned int old = 1u << tbl->hash_shift;
	struct neighbour **buckets = tbl->hash_buckets;

	tbl->hash_shift++;
	tbl->hash_buckets = neigh_hash_alloc(tbl);
	tbl->stats.hash_grows++;
	for (unsigned int i = 0; i < old; i++) {
		struct neighbour *n = buckets[i];

		while (n) {
			struct neighbour *next = n->next;
			struct neighbour **b = bucket_of(tbl, neigh_hash(tbl, n->primary_key, n->dev));

			n->next = *b;
			*b = n;
			n = next;
		}
	}
	kvfree(buckets, old * sizeof(*buckets));
}

struct neighbour *__neigh_lookup_noref(struct neigh_table *tbl, const void *pkey,
				       const struct net_device *dev)
{
	struct neighbour *n = *bucket_of(tbl, neigh_hash(tbl, pkey, dev));

	for (; n; n = n->next)
		if (n->dev == dev && memcmp(n->primary_key, pkey, tbl->key_len) == 0)
			return n;
	return NULL;
}

struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev)
{
	struct neighbour *n;

	tbl->stats.lookups++;
	n = __neigh_lookup_noref(tbl, pkey, dev);
	if (n)
		tbl->stats.hits++;
	return n;
}

/* neigh_mark_dead: out of the table, off the GC list */
static void neigh_mark_dead(struct neighbour *n)
{
	n->dead = 1;
	if (!list_empty(&n->gc_list)) {
		list_del_init(&n->gc_list);
		n->tbl->gc_entries--;
	}
}

/* A PERMANENT entry leaves the GC list; one that stops being so joins its tail. */
static void neigh_update_gc_list(struct neighbour *n)
{
	bool exempt = (n->nud_state & NUD_PERMANENT) || (n->flags & NTF_EXT_LEARNED);
	bool on_list = !list_empty(&n->gc_list);

	if (n->dead)
		return;
	if (exempt && on_list) {
		list_del_init(&n->gc_list);
		n->tbl->gc_entries--;
	} else if (!exempt && !on_list) {
		list_add_tail(&n->gc_list, &n->tbl->gc_list);
		n->tbl->gc_entries++;
	}
}

/* neigh_destroy: the last reference went; what still waits is purged */
static void neigh_destroy(struct neighbour *n)
{
	struct neigh_table *tbl = n->tbl;

	tbl->stats.destroys++;
	neigh_del_timer(n);
	neigh_purge_queue(n);
	kfree(n->nud);
	tbl->entries--;
	world_obj_put(tbl->net->w, SIM_OBJ_MODEL);
	kfree(n);		/* kzalloc'ed, as the kernel's neigh_alloc() does */
}

/* Unlinks @n from its chain; @np points at the link to it. */
static void neigh_unlink(struct neighbour **np)
{
	struct neighbour *n = *np;

	*np = n->next;
	neigh_mark_dead(n);
	neigh_destroy(n);
}

/* neigh_remove_one: @n goes if nobody else holds it */
static bool neigh_remove_one(struct neigh_table *tbl, struct neighbour *n)
{
	struct neighbour **np = bucket_of(tbl, neigh_hash(tbl, n->primary_key, n->dev));

	if (!neigh_unreferenced(n))
		return false;
	for (; *np; np = &(*np)->next) {
		if (*np == n) {
			neigh_unlink(np);
			return true;
		}
	}
	return false;
}

/*
 * neigh_forced_gc - make room when the table is over gc_thresh2/3
 *
 * Walks gc_list from its head (oldest entries first) and removes every
 * unreferenced entry that is FAILED, NOARP, multicast, or unchanged for 5 s
 * (neigh->updated), until gc_entries is back at gc_thresh2.  Entries in a
 * timer state (INCOMPLETE, REACHABLE, DELAY, PROBE) are held by their timer
 * and stay.  Return: how many went.
 */
static int neigh_forced_gc(struct neigh_table *tbl)
{
	int max_clean = tbl->gc_entries - tbl->gc_thresh2;
	unsigned long now = now_j(tbl), tref = now - 5 * hz_of(tbl);
	struct neighbour *n, *tmp;
	int shrunk = 0;

	tbl->stats.forced_gc_runs++;
	list_for_each_entry_safe(n, tmp, &tbl->gc_list, gc_list) {
		bool remove;

		if (!neigh_unreferenced(n))
			continue;
		remove = n->nud_state == NUD_FAILED || n->nud_state == NUD_NOARP ||
			 (tbl->type->is_multicast && tbl->type->is_multicast(n->primary_key)) ||
			 !time_in_range(n->updated, tref, now);
		if (remove && neigh_remove_one(tbl, n))
			shrunk++;
		if (shrunk >= max_clean)
			break;
	}
	tbl->last_flush = now;
	return shrunk;
}

struct neighbour *___neigh_create(struct neigh_table *tbl, const void *pkey,
				  struct net_device *dev, u32 flags, bool exempt_from_gc,
				  bool want_ref)
{
	unsigned long now = now_j(tbl);
	struct neighbour *n, *existing, **b;

	n = __neigh_lookup_noref(tbl, pkey, dev);
	if (n) {
		if (want_ref)
			n->refcnt++;
		return n;
	}
	/* neigh_alloc(): the new entry counts while the forced GC runs */
	if (!exempt_from_gc) {
		int entries = tbl->gc_entries++;

		if (entries >= tbl->gc_thresh3 ||
		    (entries >= tbl->gc_thresh2 &&
		     time_after(now, tbl->last_flush + 5 * hz_of(tbl)))) {
			if (!neigh_forced_gc(tbl) && entries >= tbl->gc_thresh3) {
				/* "arp_cache: neighbor table overflow!" */
				tbl->stats.table_fulls++;
				tbl->gc_entries--;
				return NULL;
			}
		}
	}
	n = kzalloc(tbl->net->w, sizeof(*n));
	world_obj_get(tbl->net->w, SIM_OBJ_MODEL);
	tbl->stats.allocs++;
	tbl->entries++;
	n->tbl = tbl;
	n->dev = dev;
	n->flags = (u8)flags;
	memcpy(n->primary_key, pkey, tbl->key_len);
	INIT_LIST_HEAD(&n->gc_list);
	n->updated = n->used = now;
	n->nud_state = NUD_NONE;
	n->refcnt = 1;			/* the table's */
	n->dead = 1;			/* until it is in the table */
	n->parms = neigh_dev_parms(tbl, dev);
	if (tbl->type->constructor && tbl->type->constructor(n) < 0) {
		if (!exempt_from_gc)
			tbl->gc_entries--;
		neigh_destroy(n);
		return NULL;
	}
	/* a new entry counts as confirmed long ago: it is not REACHABLE */
	n->confirmed = now - (unsigned long)(NEIGH_VAR(n->parms, BASE_REACHABLE_TIME) << 1);
	if (tbl->entries > (1u << tbl->hash_shift))
		neigh_hash_grow(tbl);
	/*
	 * The constructor may have changed the key (ARP keys every neighbour
	 * of a loopback or point-to-point device 0.0.0.0): that one may exist.
	 */
	existing = __neigh_lookup_noref(tbl, n->primary_key, dev);
	if (existing) {
		if (!exempt_from_gc)
			tbl->gc_entries--;
		neigh_destroy(n);
		if (want_ref)
			existing->refcnt++;
		return existing;
	}
	b = bucket_of(tbl, neigh_hash(tbl, n->primary_key, dev));
	n->next = *b;
	*b = n;
	n->dead = 0;
	if (!exempt_from_gc)
		list_add_tail(&n->gc_list, &tbl->gc_list);
	if (want_ref)
		n->refcnt++;
	return n;
}

struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref)
{
	bool exempt_from_gc = dev->flags & IFF_LOOPBACK;

	return ___neigh_create(tbl, pkey, dev, 0, exempt_from_gc, want_ref);
}

void neigh_release(struct neighbour *n)
{
	if (n && n->refcnt > 1)
		n->refcnt--;
}

/* ---- the state machine ----------------------------------------------- */

/* Resolution failed: each waiting packet gets its error report. */
static void neigh_invalidate(struct neighbour *n)
{
	struct sk_buff *skb;

	n->tbl->stats.res_failed++;
	n->updated = now_j(n->tbl);
	while (n->nud_state == NUD_FAILED && n->nud && (skb = skb_dequeue(&n->nud->arp_queue))) {
		n->nud->arp_queue_len_bytes -= skb->truesize;
		n->ops->error_report(n, skb);	/* arp_error_report: ICMP host unreachable */
	}
	neigh_purge_queue(n);
}

static void neigh_probe(struct neighbour *n)
{
	/* skb_peek_tail: the solicitation names the source of the last waiting packet */
	struct sk_buff *skb = NULL;

	if (n->nud && !skb_queue_empty(&n->nud->arp_queue))
		skb = n->nud->arp_queue.prev;
	if (n->ops->solicit)
		n->ops->solicit(n, skb);
	n->probes++;
}

static void neigh_timer_handler(struct timer_list *t)
{
	struct neigh_nud *nud = from_timer(nud, t, timer);
	struct neighbour *n = nud->neigh;
	struct neigh_parms *p = n->parms;
	unsigned long now = now_j(n->tbl), next = now + hz_of(n->tbl);
	unsigned long retrans = (unsigned long)max(NEIGH_VAR(p, RETRANS_TIME),
						   (int)hz_of(n->tbl) / 100);
	u8 state = n->nud_state;

	if (!(state & NUD_IN_TIMER))
		return;
	if (state & NUD_REACHABLE) {
		if (time_before_eq(now, n->confirmed + (unsigned long)p->reachable_time)) {
			next = n->confirmed + (unsigned long)p->reachable_time;
		} else if (time_before_eq(now, n->used + (unsigned long)NEIGH_VAR(p, DELAY_PROBE_TIME))) {
			n->nud_state = NUD_DELAY;
			n->updated = now;
			neigh_suspect(n);
			next = now + (unsigned long)NEIGH_VAR(p, DELAY_PROBE_TIME);
		} else {
			n->nud_state = NUD_STALE;
			n->updated = now;
			neigh_suspect(n);
		}
	} else if (state & NUD_DELAY) {
		if (time_before_eq(now, n->confirmed + (unsigned long)NEIGH_VAR(p, DELAY_PROBE_TIME))) {
			n->nud_state = NUD_REACHABLE;
			n->updated = now;
			neigh_connect(n);
			next = n->confirmed + (unsigned long)p->reachable_time;
		} else {
			n->nud_state = NUD_PROBE;
			n->updated = now;
			n->probes = 0;
			next = now + retrans;
		}
	} else {
		/* NUD_PROBE | NUD_INCOMPLETE */
		next = now + retrans;
	}
	if ((n->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) && n->probes >= neigh_max_probes(n)) {
		n->nud_state = NUD_FAILED;
		neigh_invalidate(n);
		return;
	}
	if (n->nud_state & NUD_IN_TIMER) {
		unsigned long min_next = now + hz_of(n->tbl) / 100;

		if (time_before(next, min_next))
			next = min_next;
		neigh_add_timer(n, next);
	}
	if (n->nud_state & (NUD_INCOMPLETE | NUD_PROBE))
		neigh_probe(n);
}

int __neigh_event_send(struct neighbour *n, struct sk_buff *skb)
{
	struct neigh_parms *p = n->parms;
	unsigned long now = now_j(n->tbl);
	bool immediate_probe = false;

	if (n->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))
		return 0;
	if (n->dead) {
		if (n->nud_state & NUD_STALE)
			return 0;	/* what it knows still goes out */
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_DEAD);
		return 1;
	}
	if (!(n->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
		if (NEIGH_VAR(p, MCAST_PROBES) + NEIGH_VAR(p, APP_PROBES)) {
			n->probes = NEIGH_VAR(p, UCAST_PROBES);
			neigh_del_timer(n);
			n->nud_state = NUD_INCOMPLETE;
			n->updated = now;
			immediate_probe = true;
			neigh_add_timer(n, now + (unsigned long)max(NEIGH_VAR(p, RETRANS_TIME),
							    (int)hz_of(n->tbl) / 100));
		} else {
			n->nud_state = NUD_FAILED;
			n->updated = now;
			kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_FAILED);
			return 1;
		}
	} else if (n->nud_state & NUD_STALE) {
		neigh_del_timer(n);
		n->nud_state = NUD_DELAY;
		n->updated = now;
		neigh_add_timer(n, now + (unsigned long)NEIGH_VAR(p, DELAY_PROBE_TIME));
	}
	if (n->nud_state == NUD_INCOMPLETE) {
		if (skb) {
			struct neigh_nud *nud = neigh_nud(n);

			/* unres_qlen_bytes: the oldest waiting packets make room */
			while (nud->arp_queue_len_bytes + skb->truesize >
			       (unsigned int)NEIGH_VAR(p, QUEUE_LEN_BYTES)) {
				struct sk_buff *buff = skb_dequeue(&nud->arp_queue);

				if (!buff)
					break;
				nud->arp_queue_len_bytes -= buff->truesize;
				kfree_skb_reason(buff, SKB_DROP_REASON_NEIGH_QUEUEFULL);
				n->tbl->stats.unres_discards++;
			}
			skb_queue_tail(&nud->arp_queue, skb);
			nud->arp_queue_len_bytes += skb->truesize;
			trace_skb_walk(skb, n->dev, "neighbour %s: queued in arp_queue, %u waiting%s",
				       neigh_state_name(n->nud_state), skb_queue_len(&nud->arp_queue),
				       immediate_probe ? ", probe now" : "");
		}
		if (immediate_probe)
			neigh_probe(n);
		return 1;
	}
	return 0;
}

int neigh_update(struct neighbour *n, const u8 *lladdr, u8 new, u32 flags, u32 nlmsg_pid)
{
	struct net_device *dev = n->dev;
	u8 old = n->nud_state;
	unsigned long now = now_j(n->tbl);
	const u8 *ha = lladdr;
	int err = 0;

	(void)nlmsg_pid;
	if (n->dead)
		return -ENOENT;		/* "Neighbor entry is now dead" */
	if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT)))
		return -EPERM;
	if (flags & NEIGH_UPDATE_F_USE) {
		/* ip neigh ... use: no longer permanent, resolution is the caller's */
		new = old & (u8)~NUD_PERMANENT;
		n->nud_state = new;
		goto out;
	}
	if (!(new & NUD_VALID)) {
		neigh_del_timer(n);
		if (old & NUD_CONNECTED)
			neigh_suspect(n);
		n->nud_state = new;
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (new & NUD_FAILED))
			neigh_invalidate(n);
		goto out;
	}
	/* compare the new address with the cached one */
	if (!dev->addr_len) {
		ha = n->ha;
	} else if (ha) {
		if ((old & NUD_VALID) && !memcmp(ha, n->ha, dev->addr_len))
			ha = n->ha;
	} else {
		/* no address: keep what we know, if anything */
		if (!(old & NUD_VALID)) {
			err = -EINVAL;	/* "No link layer address given" */
			goto out;
		}
		ha = n->ha;
	}
	/* a reply confirms even when it changes nothing else */
	if (new & NUD_CONNECTED)
		n->confirmed = now;
	if (old & NUD_VALID) {
		if (ha != n->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
				ha = n->ha;
				new = NUD_STALE;
			} else {
				new = old;
				goto out;
			}
		} else if (ha == n->ha && new == NUD_STALE && !(flags & NEIGH_UPDATE_F_ADMIN)) {
			/* a valid entry with the same address is not made STALE */
			new = old;
		}
	}
	/* only a real change moves `updated` (and so the locktime window) */
	if (new != old || ha != n->ha)
		n->updated = now;
	if (new != old) {
		neigh_del_timer(n);
		if (new & NUD_PROBE)
			n->probes = 0;
		if (new & NUD_IN_TIMER)
			neigh_add_timer(n, now + ((new & NUD_REACHABLE) ?
						  (unsigned long)n->parms->reachable_time : 0));
		n->nud_state = new;
	}
	if (ha != n->ha) {
		memcpy(n->ha, ha, dev->addr_len);
		if (!(new & NUD_CONNECTED))
			n->confirmed = now - (unsigned long)(NEIGH_VAR(n->parms, BASE_REACHABLE_TIME) << 1);
	}
	if (new == old)
		goto out;
	if (new & NUD_CONNECTED)
		neigh_connect(n);
	else
		neigh_suspect(n);
	if (!(old & NUD_VALID)) {
		struct sk_buff *skb;

		/* resolved: what waited goes out now (neigh_update_process_arp_queue) */
		while ((n->nud_state & NUD_VALID) && n->nud &&
		       (skb = skb_dequeue(&n->nud->arp_queue))) {
			n->nud->arp_queue_len_bytes -= skb->truesize;
			trace_skb_walk(skb, n->dev, "%s -> %s: the packet waiting in arp_queue goes out",
				       neigh_state_name(old), neigh_state_name(n->nud_state));
			n->output(n, skb);
		}
		neigh_purge_queue(n);
	}
out:
	if ((new ^ old) & NUD_PERMANENT)
		neigh_update_gc_list(n);
	return err;
}

void neigh_confirm(struct neighbour *n)
{
	unsigned long now = now_j(n->tbl);

	if (n->confirmed != now)
		n->confirmed = now;
}

struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 const void *saddr, struct net_device *dev)
{
	/* __neigh_lookup(..., creat): a counted lookup, then the creation */
	struct neighbour *n = neigh_lookup(tbl, saddr, dev);

	if (!n && (lladdr || !dev->addr_len))
		n = __neigh_create(tbl, saddr, dev, false);
	if (n)
		neigh_update(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, 0);
	return n;
}

/* ---- output ------------------------------------------------------------------ */

/*
 * dev_hard_header() with the entry's address; < 0 when the device cannot
 * build it, which neigh_resolve_output() and neigh_connected_output() both
 * report as NEIGH_HH_FILLFAIL (6.16 on; before, plain kfree_skb()).
 */
static int neigh_hard_header(struct neighbour *n, struct sk_buff *skb)
{
	struct net_device *dev = n->dev;

	if (!dev->header_ops)
		return 0;
	return dev->header_ops->create(skb, dev, ntohs(skb->protocol), n->ha, NULL, skb->len);
}

int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb)
{
	trace_skb_walk(skb, n->dev, "neighbour %s", neigh_state_name(n->nud_state));
	if (neigh_event_send(n, skb))
		return 0;		/* queued (or dropped) until resolved */
	if (neigh_hard_header(n, skb) < 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_HH_FILLFAIL);
		return -EINVAL;
	}
	trace_skb_walk_fn(skb, "dev_hard_header", n->dev, "Ethernet header to %02x:%02x:%02x:%02x:%02x:%02x",
			  n->ha[0], n->ha[1], n->ha[2], n->ha[3], n->ha[4], n->ha[5]);
	return dev_queue_xmit(skb);
}

int neigh_connected_output(struct neighbour *n, struct sk_buff *skb)
{
	trace_skb_walk(skb, n->dev, "neighbour %s, lladdr %02x:%02x:%02x:%02x:%02x:%02x",
		       neigh_state_name(n->nud_state), n->ha[0], n->ha[1], n->ha[2], n->ha[3],
		       n->ha[4], n->ha[5]);
	if (neigh_hard_header(n, skb) < 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NEIGH_HH_FILLFAIL);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

int neigh_direct_output(struct neighbour *n, struct sk_buff *skb)
{
	trace_skb_walk(skb, n->dev, "no resolution needed");
	return dev_queue_xmit(skb);
}

/* ---- the proxy queue (pneigh_enqueue, neigh_proxy_process) ----------------- */

/* The table's proxy queue, made at the first request it delays. */
static struct neigh_proxy *neigh_proxy(struct neigh_table *tbl)
{
	char purpose[64];

	if (tbl->proxy)
		return tbl->proxy;
	tbl->proxy = g_new0(struct neigh_proxy, 1);
	tbl->proxy->tbl = tbl;
	skb_queue_head_init(&tbl->proxy->proxy_queue);
	/* seeded by name, so the same whenever it is made */
	snprintf(purpose, sizeof(purpose), "%s proxy_delay", tbl->type->id);
	node_rng_derive(tbl->net->node, &tbl->proxy->proxy_rng, purpose);
	timer_setup(tbl->net->w, &tbl->proxy->proxy_timer, neigh_proxy_process, 0);
	return tbl->proxy;
}

void pneigh_enqueue(struct neigh_table *tbl, struct neigh_parms *p, struct sk_buff *skb)
{
	struct neigh_proxy *px = neigh_proxy(tbl);
	unsigned long now = now_j(tbl), sched_next = now;
	int delay = NEIGH_VAR(p, PROXY_DELAY);

	/* neigh_proxy_delay(): a uniform part of proxy_delay */
	if (delay > 0)
		sched_next += sim_rng_u32(&px->proxy_rng) % (unsigned int)delay;
	if (p->qlen > NEIGH_VAR(p, PROXY_QLEN)) {
		kfree_skb(skb);
		return;
	}
	NEIGH_CB(skb)->sched_next = sched_next;
	NEIGH_CB(skb)->flags |= LOCALLY_ENQUEUED;
	if (del_timer(&px->proxy_timer) && time_before(px->proxy_timer.expires, sched_next))
		sched_next = px->proxy_timer.expires;
	skb_dst_drop(skb);
	skb_queue_tail(&px->proxy_queue, skb);
	p->qlen++;
	mod_timer(&px->proxy_timer, sched_next);
}

static void neigh_proxy_process(struct timer_list *t)
{
	struct neigh_proxy *px = from_timer(px, t, proxy_timer);
	struct neigh_table *tbl = px->tbl;
	struct sk_buff_head *list = &px->proxy_queue;
	struct sk_buff *skb, *next;
	unsigned long now = now_j(tbl);
	long sched_next = 0;

	for (skb = list->next; skb != (struct sk_buff *)list; skb = next) {
		long tdif = (long)(NEIGH_CB(skb)->sched_next - now);

		next = skb->next;
		if (tdif <= 0) {
			struct net_device *dev = skb->dev;

			neigh_dev_parms(tbl, dev)->qlen--;
			skb_unlink(skb, list);
			if (tbl->type->proxy_redo && netif_running(dev))
				tbl->type->proxy_redo(skb);	/* parp_redo: arp_process() again */
			else
				kfree_skb(skb);
		} else if (!sched_next || tdif < sched_next) {
			sched_next = tdif;
		}
	}
	del_timer(&px->proxy_timer);
	if (sched_next)
		mod_timer(&px->proxy_timer, now + (unsigned long)sched_next);
}

/* pneigh_queue_purge: every queued request of the namespace is dropped */
static void pneigh_queue_purge(struct neigh_table *tbl)
{
	struct sk_buff *skb;

	while (tbl->proxy && (skb = skb_dequeue(&tbl->proxy->proxy_queue))) {
		neigh_dev_parms(tbl, skb->dev)->qlen--;
		kfree_skb(skb);
	}
}

/* ---- device events, flushing, walking ------------------------------ */

static int neigh_flush(struct neigh_table *tbl, struct net_device *dev, bool skip_perm)
{
	unsigned int nb = 1u << tbl->hash_shift;
	int n_del = 0;

	for (unsigned int i = 0; i < nb; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;

			if ((dev && n->dev != dev) || (skip_perm && (n->nud_state & NUD_PERMANENT))) {
				np = &n->next;
				continue;
			}
			neigh_unlink(np);
			n_del++;
		}
	}
	return n_del;
}

/* __neigh_ifdown: the device's entries go, and the namespace's proxy queue */
static void __neigh_ifdown(struct neigh_table *tbl, struct net_device *dev, bool skip_perm)
{
	neigh_flush(tbl, dev, skip_perm);
	pneigh_queue_purge(tbl);
	if (tbl->proxy && skb_queue_empty(&tbl->proxy->proxy_queue))
		del_timer(&tbl->proxy->proxy_timer);
}

void neigh_ifdown(struct neigh_table *tbl, struct net_device *dev)
{
	__neigh_ifdown(tbl, dev, false);
}

/* Carrier lost (arp_evict_nocarrier): everything but PERMANENT entries. */
void neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev)
{
	__neigh_ifdown(tbl, dev, true);
}

int neigh_flush_dev(struct neigh_table *tbl, struct net_device *dev, bool only_nonperm)
{
	return neigh_flush(tbl, dev, only_nonperm);
}

int neigh_delete(struct neigh_table *tbl, const void *pkey, struct net_device *dev)
{
	struct neighbour **np = bucket_of(tbl, neigh_hash(tbl, pkey, dev));

	for (; *np; np = &(*np)->next) {
		if ((*np)->dev == dev && !memcmp((*np)->primary_key, pkey, tbl->key_len)) {
			neigh_unlink(np);
			return 0;
		}
	}
	return -ENOENT;
}

static gint cmp_neigh(gconstpointer a, gconstpointer b)
{
	const struct neighbour *x = *(const struct neighbour *const *)a;
	const struct neighbour *y = *(const struct neighbour *const *)b;
	int c = memcmp(x->primary_key, y->primary_key, x->tbl->key_len);

	if (x->dev->ifindex != y->dev->ifindex)
		return x->dev->ifindex < y->dev->ifindex ? -1 : 1;
	return c;
}

void neigh_for_each(struct neigh_table *tbl, void (*fn)(struct neighbour *n, void *arg),
		    void *arg)
{
	GPtrArray *all = g_ptr_array_new();
	unsigned int nb = 1u << tbl->hash_shift;

	for (unsigned int i = 0; i < nb; i++)
		for (struct neighbour *n = tbl->hash_buckets[i]; n; n = n->next)
			g_ptr_array_add(all, n);
	g_ptr_array_sort(all, cmp_neigh);	/* never hash order */
	for (guint i = 0; i < all->len; i++)
		fn(all->pdata[i], arg);
	g_ptr_array_unref(all);
}

/* ---- periodic garbage collection (neigh_periodic_work) ---------------- */

/*
 * A delayed work in the kernel (the lectures' neigh_periodic_timer became
 * one in 2.6.32); a timer here, on the same wheel, so it runs when the
 * kernel's would.  Every base_reachable_time/2 (15 s).
 */
static void neigh_periodic_work(struct timer_list *t)
{
	struct neigh_table *tbl = from_timer(tbl, t, gc_timer);
	unsigned long now = now_j(tbl);
	unsigned int nb;

	tbl->stats.periodic_gc_runs++;
	/* every 300 s the reachable times are drawn again */
	if (time_after(now, tbl->last_rand + 300 * hz_of(tbl))) {
		tbl->last_rand = now;
		tbl->parms.reachable_time = (int)neigh_rand_reach_time(tbl,
				(unsigned long)NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME));
		for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
			p->reachable_time = (int)neigh_rand_reach_time(tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
	}
	if (tbl->entries < (unsigned int)tbl->gc_thresh1)
		goto out;
	nb = 1u << tbl->hash_shift;
	for (unsigned int i = 0; i < nb; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;
			u8 state = n->nud_state;

			if ((state & (NUD_PERMANENT | NUD_IN_TIMER)) || (n->flags & NTF_EXT_LEARNED)) {
				np = &n->next;
				continue;
			}
			/* a confirmation counts as a use */
			if (time_before(n->used, n->confirmed) && time_after_eq(now, n->confirmed))
				n->used = n->confirmed;
			if (n->refcnt == 1 &&
			    (state == NUD_FAILED ||
			     !time_in_range_open(now, n->used,
						 n->used + (unsigned long)NEIGH_VAR(n->parms, GC_STALETIME)))) {
				neigh_unlink(np);
				continue;
			}
			np = &n->next;
		}
	}
out:
	mod_timer(&tbl->gc_timer, now + (unsigned long)(NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME) >> 1));
}

/* ---- parms and sysctls ------------------------------------------------------ */

static void neigh_proc_update(const struct ctl_table *t, struct net *net);

static int proc_userhz_jiffies(const struct ctl_table *t, struct net *net, int write,
			       const char *buf, GString *out)
{
	/* USER_HZ (100) ticks <-> jiffies, as proc_dointvec_userhz_jiffies */
	int *v = t->data;

	if (!write) {
		g_string_append_printf(out, "%d\n", (int)((long)*v * 100 / (long)net->w->hz));
		return 0;
	}
	{
		char *end;
		long x = strtol(buf, &end, 10);

		while (*end == ' ' || *end == '\n' || *end == '\t')
			end++;
		if (end == buf || *end || x < 0 || x > G_MAXINT / (long)net->w->hz)
			return -EINVAL;
		*v = (int)(x * (long)net->w->hz / 100);
	}
	return 0;
}

/* unres_qlen: unres_qlen_bytes in packets of SKB_TRUESIZE(ETH_FRAME_LEN) bytes */
static int proc_unres_qlen(const struct ctl_table *t, struct net *net, int write,
			   const char *buf, GString *out)
{
	static const int unres_qlen_max = G_MAXINT / SKB_TRUESIZE(ETH_FRAME_LEN);
	int size = *(int *)t->data / SKB_TRUESIZE(ETH_FRAME_LEN);
	struct ctl_table tmp = *t;
	int ret;

	tmp.data = &size;
	tmp.extra1 = SYSCTL_ZERO;
	tmp.extra2 = &unres_qlen_max;
	ret = proc_dointvec_minmax(&tmp, net, write, buf, out);
	if (write && ret == 0)
		*(int *)t->data = size * SKB_TRUESIZE(ETH_FRAME_LEN);
	return ret;
}

/* The parms whose value NEIGH_VAR_@index is at @v (a sysctl entry's data). */
static struct neigh_parms *neigh_parms_of(struct net *net, const int *v, int index)
{
	struct neigh_table *tbl = net->ipv4.arp_tbl;

	for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
		if (p->data != tbl->parms.data && p->data + index == v)
			return p;
	SIM_BUG_ON(tbl->parms.data + index != v);
	return &tbl->parms;
}

static void reachable_changed(const struct ctl_table *t, struct net *net)
{
	/* base_reachable_time written: this reachable_time follows at once */
	struct neigh_parms *p = neigh_parms_of(net, t->data, NEIGH_VAR_BASE_REACHABLE_TIME);

	neigh_proc_update(t, net);
	p->reachable_time = (int)neigh_rand_reach_time(p->tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
}

/* offsets into a parms' data (ctl_table_kind.base gives the array) */
#define NVAR(id) ((void *)(NEIGH_VAR_##id * sizeof(int)))
#define NEIGH_INT(name, id)						\
	{ .procname = name, .data = NVAR(id), .maxlen = sizeof(int), .mode = 0644, \
	  .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,	\
	  .extra2 = SYSCTL_INT_MAX, .changed = neigh_proc_update }
#define NEIGH_TIME(name, id, handler)					\
	{ .procname = name, .data = NVAR(id), .maxlen = sizeof(int), .mode = 0644, \
	  .proc_handler = handler, .changed = neigh_proc_update }
static const struct ctl_table neigh_vars[] = {
	NEIGH_INT("mcast_solicit", MCAST_PROBES),
	NEIGH_INT("ucast_solicit", UCAST_PROBES),
	NEIGH_INT("app_solicit", APP_PROBES),
	NEIGH_INT("mcast_resolicit", MCAST_REPROBES),
	NEIGH_TIME("retrans_time", RETRANS_TIME, proc_userhz_jiffies),
	{ .procname = "base_reachable_time", .data = NVAR(BASE_REACHABLE_TIME),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_jiffies,
	  .changed = reachable_changed },
	NEIGH_TIME("delay_first_probe_time", DELAY_PROBE_TIME, proc_dointvec_jiffies),
	{ .procname = "interval_probe_time_ms", .data = NVAR(INTERVAL_PROBE_TIME_MS),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies,
	  .extra1 = SYSCTL_ONE, .changed = neigh_proc_update },	/* at least 1 ms */
	NEIGH_TIME("gc_stale_time", GC_STALETIME, proc_dointvec_jiffies),
	NEIGH_INT("unres_qlen_bytes", QUEUE_LEN_BYTES),
	NEIGH_INT("proxy_qlen", PROXY_QLEN),
	NEIGH_TIME("anycast_delay", ANYCAST_DELAY, proc_userhz_jiffies),
	NEIGH_TIME("proxy_delay", PROXY_DELAY, proc_userhz_jiffies),
	NEIGH_TIME("locktime", LOCKTIME, proc_userhz_jiffies),
	NEIGH_TIME("unres_qlen", QUEUE_LEN_BYTES, proc_unres_qlen),
	NEIGH_TIME("retrans_time_ms", RETRANS_TIME, proc_dointvec_ms_jiffies),
	{ .procname = "base_reachable_time_ms", .data = NVAR(BASE_REACHABLE_TIME),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies,
	  .changed = reachable_changed },
};
#undef NEIGH_TIME
#undef NEIGH_INT
#undef NVAR

/*
 * neigh_proc_update - after a write to a neigh/<dev>/ value: the value is
 * now the device's own; one written to neigh/default reaches every device
 * of the namespace that never had its own.
 */
static void neigh_proc_update(const struct ctl_table *t, struct net *net)
{
	struct neigh_parms *p;
	int index = -1;

	for (size_t i = 0; i < G_N_ELEMENTS(neigh_vars); i++) {
		if (!strcmp(neigh_vars[i].procname, t->procname)) {
			index = (int)((size_t)neigh_vars[i].data / sizeof(int));
			break;
		}
	}
	SIM_BUG_ON(index < 0);
	p = neigh_parms_of(net, t->data, index);
	p->data_state |= 1U << index;
	if (p->dev)
		return;
	/* the devices that share default's values have it already */
	for (struct neigh_parms *q = p->tbl->parms_list; q; q = q->next)
		if (q->data != p->data && !(q->data_state & (1U << index)))
			q->data[index] = p->data[index];
}

/* neigh/default only; gc_interval is kept and shown but, as in 6.x, unused */
#define TVAR(field) ((void *)offsetof(struct neigh_table, field))
static const struct ctl_table neigh_gc_vars[] = {
	{ .procname = "gc_interval", .data = TVAR(gc_interval), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_jiffies },
	{ .procname = "gc_thresh1", .data = TVAR(gc_thresh1), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "gc_thresh2", .data = TVAR(gc_thresh2), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "gc_thresh3", .data = TVAR(gc_thresh3), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
};
#undef TVAR

/*
 * neigh/default's values are the world's shared defaults until one is
 * written in this namespace: the table gets its own copy then, and the
 * devices that still read neigh/default's values follow it.
 */
static int *neigh_default_unshare(struct neigh_table *tbl)
{
	int *shared = tbl->parms.data;

	if (tbl->parms_data_own)
		return shared;
	tbl->parms.data = g_memdup2(shared, NEIGH_PARMS_DATA_SIZE);
	tbl->parms_data_own = true;
	for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
		if (p->data == shared)
			p->data = tbl->parms.data;
	return tbl->parms.data;
}

/*
 * The parms of /proc/sys/net/ipv4/neigh/@name: the table's defaults or a
 * device's.  The directories are found from the table when a file is
 * looked up (one registration per world, not one per device as in the
 * kernel's neigh_sysctl_register()); IPv6's nd_tbl would add net/ipv6 kinds.
 */
static void *neigh_parms_base(struct net *net, const char *name, bool write)
{
	struct neigh_table *tbl = net->ipv4.arp_tbl;

	if (!tbl)
		return NULL;
	if (strcmp(name, "default") == 0)
		return write ? neigh_default_unshare(tbl) : tbl->parms.data;
	for (struct neigh_parms *p = tbl->parms_list; p; p = p->next) {
		if (strcmp(p->dev->name, name) != 0)
			continue;
		/* a value written for the device: its own copy from now on */
		if (write && p->data == tbl->parms.data)
			p->data = g_memdup2(tbl->parms.data, NEIGH_PARMS_DATA_SIZE);
		return p->data;
	}
	return NULL;
}

static void neigh_parms_for_each(struct net *net, void (*fn)(const char *name, void *arg),
				 void *arg)
{
	struct neigh_table *tbl = net->ipv4.arp_tbl;

	if (!tbl)
		return;
	fn("default", arg);
	for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
		fn(p->dev->name, arg);
}

static const struct ctl_table_kind neigh_parms_kind = {
	.path = "net/ipv4/neigh",
	.table = neigh_vars,
	.n = G_N_ELEMENTS(neigh_vars),
	.base = neigh_parms_base,
	.for_each = neigh_parms_for_each,
};

static void *neigh_gc_base(struct net *net, const char *name, bool write)
{
	(void)name;
	(void)write;
	return net->ipv4.arp_tbl;
}

static const struct ctl_table_kind neigh_gc_kind = {
	.path = "net/ipv4/neigh/default",
	.table = neigh_gc_vars,
	.n = G_N_ELEMENTS(neigh_gc_vars),
	.base = neigh_gc_base,
};

struct neigh_parms *neigh_parms_alloc(struct net_device *dev, struct neigh_table *tbl)
{
	struct neigh_parms *p = kmemdup(tbl->net->w, &tbl->parms, sizeof(*p));

	p->dev = dev;
	p->tbl = tbl;
	p->qlen = 0;
	p->data = tbl->parms.data;	/* neigh/default's until written */
	p->data_state = 0;		/* neigh_parms_data_state_cleanall() */
	p->reachable_time = (int)neigh_rand_reach_time(tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
	p->next = tbl->parms_list;
	tbl->parms_list = p;
	return p;
}

void neigh_parms_release(struct neigh_table *tbl, struct neigh_parms *parms)
{
	struct neigh_parms **pp;

	if (!parms || parms == &tbl->parms)
		return;
	for (pp = &tbl->parms_list; *pp; pp = &(*pp)->next) {
		if (*pp == parms) {
			*pp = parms->next;
			break;
		}
	}
	if (parms->data != tbl->parms.data)
		g_free(parms->data);
	kfree(parms);
}

void neigh_table_init(struct net *net, struct neigh_table *tbl)
{
	tbl->net = net;
	tbl->hash_shift = NEIGH_HASH_MIN_SHIFT;
	tbl->hash_buckets = neigh_hash_alloc(tbl);
	INIT_LIST_HEAD(&tbl->gc_list);
	tbl->gc_entries = 0;
	node_rng_derive(net->node, &tbl->rng, tbl->type->id);
	tbl->key_len = tbl->type->key_len;
	tbl->hash_rnd = sim_rng_u32(&tbl->rng) | 1;
	tbl->parms.tbl = tbl;
	tbl->parms.reachable_time = (int)neigh_rand_reach_time(tbl,
				(unsigned long)NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME));
	tbl->last_flush = now_j(tbl);
	tbl->last_rand = now_j(tbl) + (unsigned long)tbl->parms.reachable_time * 20;
	register_net_sysctl_kind(net, &neigh_parms_kind);
	register_net_sysctl_kind(net, &neigh_gc_kind);
	timer_setup(net->w, &tbl->gc_timer, neigh_periodic_work, 0);
	/* the first run after the (random) reachable_time, then every base/2 */
	mod_timer(&tbl->gc_timer, now_j(tbl) + (unsigned long)tbl->parms.reachable_time);
}

void neigh_table_clear(struct neigh_table *tbl)
{
	del_timer(&tbl->gc_timer);
	if (tbl->proxy)
		del_timer(&tbl->proxy->proxy_timer);
	pneigh_queue_purge(tbl);
	neigh_flush(tbl, NULL, false);
	while (tbl->parms_list)
		neigh_parms_release(tbl, tbl->parms_list);
	unregister_net_sysctl_kind(tbl->net, &neigh_parms_kind);
	unregister_net_sysctl_kind(tbl->net, &neigh_gc_kind);
	kvfree(tbl->hash_buckets, sizeof(*tbl->hash_buckets) << tbl->hash_shift);
	tbl->hash_buckets = NULL;
	if (tbl->parms_data_own)
		g_free(tbl->parms.data);
	tbl->parms.data = NULL;
	g_free(tbl->proxy);
	tbl->proxy = NULL;
}
