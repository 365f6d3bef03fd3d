/*
 * models/core/neighbour.c - the neighbour subsystem
 *
 * Mirrors net/core/neighbour.c for every protocol that resolves link-layer
 * addresses (ARP now, IPv6 ND later):
 *   - the NUD state machine: neigh_timer_handler() moves REACHABLE to
 *     DELAY or STALE after reachable_time (base_reachable_time randomized
 *     to [1/2, 3/2)), DELAY to PROBE after delay_first_probe_time, and
 *     INCOMPLETE/PROBE to FAILED after neigh_max_probes() solicitations
 *     retrans_time apart;
 *   - __neigh_event_send(): a packet to an unresolved neighbour starts
 *     resolution (probes count from ucast_solicit, so an INCOMPLETE entry
 *     sends mcast_solicit broadcasts) and waits in arp_queue, bounded by
 *     unres_qlen_bytes (older packets dropped, NEIGH_QUEUEFULL);
 *   - neigh_update(): what a reply or `ip neigh` changes, flushing the
 *     queue when the entry becomes valid;
 *   - garbage collection: periodic (entries beyond gc_thresh1 not used for
 *     gc_stale_time, or FAILED) and forced (gc_thresh2 after 5 s,
 *     gc_thresh3 always).
 * Timers run on the kernel timer wheel's granularity (sim/timer.h), so
 * probes leave when Linux would send them.
 */
#include "net/neighbour.h"

#include <errno.h>
#include <stdio.h>

#include "linux/sysctl.h"
#include "net/net_namespace.h"

#define NEIGH_HASH_MIN_SHIFT 3

static void neigh_timer_handler(struct timer_list *t);

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

static void neigh_add_timer(struct neighbour *n, unsigned long when)
{
	mod_timer(&n->timer, when);
}

static void neigh_del_timer(struct neighbour *n)
{
	del_timer(&n->timer);
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

static void neigh_hash_grow(struct neigh_table *tbl)
{
	unsigned int old = 1u << tbl->hash_shift;
	struct neighbour **buckets = tbl->hash_buckets;

	tbl->hash_shift++;
	tbl->hash_buckets = g_new0(struct neighbour *, 1u << tbl->hash_shift);
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
	g_free(buckets);
}

struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev)
{
	struct neighbour *n = *bucket_of(tbl, neigh_hash(tbl, pkey, dev));

	tbl->stats.lookups++;
	for (; n; n = n->next) {
		if (n->dev == dev && memcmp(n->primary_key, pkey, tbl->key_len) == 0) {
			tbl->stats.hits++;
			return n;
		}
	}
	return NULL;
}

static void neigh_destroy(struct neighbour *n)
{
	struct neigh_table *tbl = n->tbl;

	neigh_del_timer(n);
	skb_queue_purge_reason(&n->arp_queue, SKB_DROP_REASON_NEIGH_DEAD);
	n->arp_queue_len_bytes = 0;
	tbl->stats.destroys++;
	tbl->entries--;
	world_obj_put(tbl->net->w, SIM_OBJ_MODEL);
	g_free(n);
}

/* Unlinks @n from its chain; @np points at the link to it. */
static void neigh_unlink(struct neigh_table *tbl, struct neighbour **np)
{
	struct neighbour *n = *np;

	(void)tbl;
	*np = n->next;
	n->dead = 1;
	neigh_destroy(n);
}

static int neigh_forced_gc(struct neigh_table *tbl)
{
	int shrunk = 0;
	unsigned int nb = 1u << tbl->hash_shift;

	tbl->stats.forced_gc_runs++;
	for (unsigned int i = 0; i < nb; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;

			/* unreferenced, not permanent, not being resolved */
			if (n->refcnt == 1 && !(n->nud_state & NUD_PERMANENT) &&
			    (n->nud_state == NUD_FAILED || n->nud_state == NUD_STALE ||
			     n->nud_state == NUD_NONE ||
			     time_after(now_j(tbl), n->updated + 5 * (unsigned long)tbl->net->w->hz))) {
				neigh_unlink(tbl, np);
				shrunk++;
				continue;
			}
			np = &n->next;
		}
	}
	tbl->last_flush = now_j(tbl);
	return shrunk;
}

struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref)
{
	struct neighbour *n, **b;
	struct neigh_parms *p;

	n = neigh_lookup(tbl, pkey, dev);
	if (n)
		return n;
	/* the allocation limits of neigh_alloc() */
	if (tbl->entries >= (unsigned int)tbl->gc_thresh3 ||
	    (tbl->entries >= (unsigned int)tbl->gc_thresh2 &&
	     time_after(now_j(tbl), tbl->last_flush + 5 * (unsigned long)tbl->net->w->hz))) {
		if (!neigh_forced_gc(tbl) && tbl->entries >= (unsigned int)tbl->gc_thresh3) {
			tbl->stats.table_fulls++;
			return NULL;
		}
	}
	n = g_new0(struct neighbour, 1);
	world_obj_get(tbl->net->w, SIM_OBJ_MODEL);
	n->tbl = tbl;
	n->dev = dev;
	memcpy(n->primary_key, pkey, tbl->key_len);
	skb_queue_head_init(&n->arp_queue);
	timer_setup(tbl->net->w, &n->timer, neigh_timer_handler, 0);
	n->updated = n->used = now_j(tbl);
	n->nud_state = NUD_NONE;
	n->refcnt = 1;			/* the table's */
	for (p = tbl->parms_list; p && p->dev != dev; p = p->next)
		;
	n->parms = p ? p : &tbl->parms;
	if (tbl->constructor && tbl->constructor(n) < 0) {
		world_obj_put(tbl->net->w, SIM_OBJ_MODEL);
		g_free(n);
		return NULL;
	}
	/* a new entry counts as confirmed long ago: it is not REACHABLE */
	n->confirmed = now_j(tbl) - (unsigned long)(NEIGH_VAR(n->parms, BASE_REACHABLE_TIME) << 1);
	tbl->stats.allocs++;
	tbl->entries++;
	if (tbl->entries > (1u << tbl->hash_shift))
		neigh_hash_grow(tbl);
	b = bucket_of(tbl, neigh_hash(tbl, pkey, dev));
	n->next = *b;
	*b = n;
	if (want_ref)
		n->refcnt++;
	return n;
}

void neigh_release(struct neighbour *n)
{
	if (n && n->refcnt > 1)
		n->refcnt--;
}

/* ---- the state machine ----------------------------------------------- */

static void neigh_invalidate(struct neighbour *n)
{
	struct sk_buff *skb;

	n->tbl->stats.res_failed++;
	/* each queued packet gets its error report (ICMP host unreachable) */
	while (n->nud_state == NUD_FAILED && (skb = skb_dequeue(&n->arp_queue))) {
		n->arp_queue_len_bytes -= skb->truesize;
		n->ops->error_report(n, skb);
	}
	skb_queue_purge_reason(&n->arp_queue, SKB_DROP_REASON_NEIGH_FAILED);
	n->arp_queue_len_bytes = 0;
}

static void neigh_probe(struct neighbour *n)
{
	/* skb_peek_tail: the solicitation names the source of the last waiting packet */
	struct sk_buff *skb = skb_queue_empty(&n->arp_queue) ? NULL : n->arp_queue.prev;

	n->ops->solicit(n, skb);
	n->probes++;
}

static void neigh_timer_handler(struct timer_list *t)
{
	struct neighbour *n = from_timer(n, t, timer);
	struct neigh_parms *p = n->parms;
	unsigned long now = now_j(n->tbl), next = now + n->tbl->net->w->hz;
	unsigned long retrans = (unsigned long)max(NEIGH_VAR(p, RETRANS_TIME),
						   (int)n->tbl->net->w->hz / 100);
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
		unsigned long min_next = now + n->tbl->net->w->hz / 100;

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
						    (int)n->tbl->net->w->hz / 100));
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
			while (n->arp_queue_len_bytes + skb->truesize >
			       (unsigned int)NEIGH_VAR(p, QUEUE_LEN_BYTES)) {
				struct sk_buff *buff = skb_dequeue(&n->arp_queue);

				if (!buff)
					break;
				n->arp_queue_len_bytes -= buff->truesize;
				kfree_skb_reason(buff, SKB_DROP_REASON_NEIGH_QUEUEFULL);
				n->tbl->stats.unres_discards++;
			}
			skb_queue_tail(&n->arp_queue, skb);
			n->arp_queue_len_bytes += skb->truesize;
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

	(void)nlmsg_pid;
	if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT)))
		return -EPERM;
	if (n->dead)
		return -ENOENT;
	if (!(new & NUD_VALID)) {
		neigh_del_timer(n);
		if (old & NUD_CONNECTED)
			neigh_suspect(n);
		n->nud_state = new;
		if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (new & NUD_FAILED))
			neigh_invalidate(n);
		return 0;
	}
	/* compare the new address with the cached one */
	if (!dev->addr_len) {
		ha = n->ha;
	} else if (ha) {
		if ((old & NUD_VALID) && !memcmp(ha, n->ha, dev->addr_len))
			ha = n->ha;
	} else {
		/* no address: keep what we know, if anything */
		if (!(old & NUD_VALID))
			return -EINVAL;
		ha = n->ha;
	}
	if (new & NUD_CONNECTED)
		n->confirmed = now;
	if (old & NUD_VALID) {
		if (ha != n->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
			if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
				ha = n->ha;
				new = NUD_STALE;
			} else {
				return 0;
			}
		} else if (ha == n->ha && new == NUD_STALE && !(flags & NEIGH_UPDATE_F_ADMIN)) {
			new = old;
		}
	}
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
		return 0;
	if (new & NUD_CONNECTED)
		neigh_connect(n);
	else
		neigh_suspect(n);
	if (!(old & NUD_VALID)) {
		struct sk_buff *skb;

		/* resolved: what waited goes out now */
		while ((n->nud_state & NUD_VALID) && (skb = skb_dequeue(&n->arp_queue))) {
			n->arp_queue_len_bytes -= skb->truesize;
			n->output(n, skb);
		}
		skb_queue_purge(&n->arp_queue);
		n->arp_queue_len_bytes = 0;
	}
	return 0;
}

void neigh_confirm(struct neighbour *n)
{
	unsigned long now = now_j(n->tbl);

	if (n->confirmed != now)
		n->confirmed = now;
}

/* ---- output ------------------------------------------------------------------ */

static int neigh_build_and_xmit(struct neighbour *n, struct sk_buff *skb)
{
	struct net_device *dev = n->dev;

	if (dev->header_ops && dev->header_ops->create(skb, dev, ntohs(skb->protocol), n->ha,
						       NULL, skb->len) < 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_HDR);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

int neigh_resolve_output(struct neighbour *n, struct sk_buff *skb)
{
	unsigned long now = now_j(n->tbl);

	if (n->used != now)
		n->used = now;
	if (neigh_event_send(n, skb))
		return 0;		/* queued (or dropped) until resolved */
	return neigh_build_and_xmit(n, skb);
}

int neigh_connected_output(struct neighbour *n, struct sk_buff *skb)
{
	return neigh_build_and_xmit(n, skb);
}

int neigh_direct_output(struct neighbour *n, struct sk_buff *skb)
{
	(void)n;
	return dev_queue_xmit(skb);
}

/* ---- device events, flushing, walking ------------------------------ */

static int neigh_flush(struct neigh_table *tbl, struct net_device *dev, bool skip_perm,
		       bool carrier_only)
{
	unsigned int nb = 1u << tbl->hash_shift;
	int n_del = 0;

	for (unsigned int i = 0; i < nb; i++) {
		struct neighbour **np = &tbl->hash_buckets[i];

		while (*np) {
			struct neighbour *n = *np;

			if ((dev && n->dev != dev) || (skip_perm && (n->nud_state & NUD_PERMANENT)) ||
			    (carrier_only && (n->nud_state & NUD_NOARP))) {
				np = &n->next;
				continue;
			}
			neigh_unlink(tbl, np);
			n_del++;
		}
	}
	return n_del;
}

void neigh_ifdown(struct neigh_table *tbl, struct net_device *dev)
{
	neigh_flush(tbl, dev, false, false);
}

void neigh_carrier_down(struct neigh_table *tbl, struct net_device *dev)
{
	neigh_flush(tbl, dev, true, true);
}

int neigh_flush_dev(struct neigh_table *tbl, struct net_device *dev, bool only_nonperm)
{
	return neigh_flush(tbl, dev, only_nonperm, false);
}

int neigh_delete(struct neigh_table *tbl, const void *pkey, struct net_device *dev)
{
	struct neighbour **np = bucket_of(tbl, neigh_hash(tbl, pkey, dev));

	for (; *np; np = &(*np)->next) {
		if ((*np)->dev == dev && !memcmp((*np)->primary_key, pkey, tbl->key_len)) {
			neigh_unlink(tbl, np);
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

static void neigh_periodic_work(struct timer_list *t)
{
	struct neigh_table *tbl = from_timer(tbl, t, gc_timer);
	unsigned long now = now_j(tbl);
	unsigned int nb;

	tbl->stats.periodic_gc_runs++;
	/* every 300 s the reachable times are drawn again */
	if (time_after(now, tbl->last_rand + 300 * (unsigned long)tbl->net->w->hz)) {
		tbl->last_rand = now;
		tbl->parms.reachable_time = (int)neigh_rand_reach_time(tbl,
				(unsigned long)NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME));
		for (struct neigh_parms *p = tbl->parms_list; p; p = p->next)
			p->reachable_time = (int)neigh_rand_reach_time(tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
	}
	if (tbl->entries >= (unsigned int)tbl->gc_thresh1) {
		nb = 1u << tbl->hash_shift;
		for (unsigned int i = 0; i < nb; i++) {
			struct neighbour **np = &tbl->hash_buckets[i];

			while (*np) {
				struct neighbour *n = *np;

				if ((n->nud_state & (NUD_PERMANENT | NUD_IN_TIMER)) || n->refcnt > 1) {
					np = &n->next;
					continue;
				}
				if (n->nud_state == NUD_FAILED ||
				    time_after(now, n->used + (unsigned long)NEIGH_VAR(n->parms, GC_STALETIME))) {
					neigh_unlink(tbl, np);
					continue;
				}
				np = &n->next;
			}
		}
	}
	/* runs every base_reachable_time / 2 */
	mod_timer(&tbl->gc_timer, now + (unsigned long)(NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME) / 2));
}

/* ---- parms and sysctls ------------------------------------------------------ */

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

static void reachable_changed(const struct ctl_table *t, struct net *net)
{
	/* base_reachable_time written: reachable_time follows at once */
	struct neigh_parms *p = container_of((int *)t->data,
					     struct neigh_parms, data[NEIGH_VAR_BASE_REACHABLE_TIME]);

	(void)net;
	p->reachable_time = (int)neigh_rand_reach_time(p->tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
}

#define NVAR(id) ((void *)offsetof(struct neigh_parms, data[NEIGH_VAR_##id]))
static const struct ctl_table neigh_vars[] = {
	{ .procname = "mcast_solicit", .data = NVAR(MCAST_PROBES), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "ucast_solicit", .data = NVAR(UCAST_PROBES), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "app_solicit", .data = NVAR(APP_PROBES), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "mcast_resolicit", .data = NVAR(MCAST_REPROBES), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_INT_MAX },
	{ .procname = "retrans_time", .data = NVAR(RETRANS_TIME), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_userhz_jiffies },
	{ .procname = "base_reachable_time", .data = NVAR(BASE_REACHABLE_TIME),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_jiffies,
	  .changed = reachable_changed },
	{ .procname = "delay_first_probe_time", .data = NVAR(DELAY_PROBE_TIME),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_jiffies },
	{ .procname = "gc_stale_time", .data = NVAR(GC_STALETIME), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_jiffies },
	{ .procname = "unres_qlen_bytes", .data = NVAR(QUEUE_LEN_BYTES), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "proxy_qlen", .data = NVAR(PROXY_QLEN), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "anycast_delay", .data = NVAR(ANYCAST_DELAY), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_userhz_jiffies },
	{ .procname = "proxy_delay", .data = NVAR(PROXY_DELAY), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_userhz_jiffies },
	{ .procname = "locktime", .data = NVAR(LOCKTIME), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_userhz_jiffies },
	{ .procname = "retrans_time_ms", .data = NVAR(RETRANS_TIME), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies },
	{ .procname = "base_reachable_time_ms", .data = NVAR(BASE_REACHABLE_TIME),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies,
	  .changed = reachable_changed },
	{ .procname = "interval_probe_time_ms", .data = NVAR(INTERVAL_PROBE_TIME_MS),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_ms_jiffies },
};
#undef NVAR

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

static void neigh_sysctl_register(struct neigh_parms *p, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "net/ipv4/neigh/%s", name);
	p->sysctl = register_net_sysctl_sz(p->tbl->net, path, neigh_vars,
					   G_N_ELEMENTS(neigh_vars), p);
}

struct neigh_parms *neigh_parms_alloc(struct net_device *dev, struct neigh_table *tbl)
{
	struct neigh_parms *p = g_memdup2(&tbl->parms, sizeof(*p));

	p->dev = dev;
	p->tbl = tbl;
	p->sysctl = NULL;
	p->reachable_time = (int)neigh_rand_reach_time(tbl,
					(unsigned long)NEIGH_VAR(p, BASE_REACHABLE_TIME));
	p->next = tbl->parms_list;
	tbl->parms_list = p;
	neigh_sysctl_register(p, dev->name);
	return p;
}

void neigh_parms_release(struct neigh_table *tbl, struct neigh_parms *parms)
{
	struct neigh_parms **pp;

	if (!parms)
		return;
	for (pp = &tbl->parms_list; *pp; pp = &(*pp)->next) {
		if (*pp == parms) {
			*pp = parms->next;
			break;
		}
	}
	unregister_net_sysctl_table(tbl->net, parms->sysctl);
	g_free(parms);
}

void neigh_table_init(struct net *net, struct neigh_table *tbl)
{
	char path[64];

	tbl->net = net;
	tbl->hash_shift = NEIGH_HASH_MIN_SHIFT;
	tbl->hash_buckets = g_new0(struct neighbour *, 1u << tbl->hash_shift);
	node_rng_derive(net->node, &tbl->rng, tbl->id);
	tbl->hash_rnd = sim_rng_u32(&tbl->rng) | 1;
	tbl->parms.tbl = tbl;
	tbl->parms.reachable_time = (int)neigh_rand_reach_time(tbl,
				(unsigned long)NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME));
	tbl->last_flush = tbl->last_rand = now_j(tbl);
	snprintf(path, sizeof(path), "net/ipv4/neigh/default");
	tbl->parms.sysctl = register_net_sysctl_sz(net, path, neigh_vars,
						   G_N_ELEMENTS(neigh_vars), &tbl->parms);
	tbl->gc_sysctl = register_net_sysctl_sz(net, path, neigh_gc_vars,
						G_N_ELEMENTS(neigh_gc_vars), tbl);
	timer_setup(net->w, &tbl->gc_timer, neigh_periodic_work, 0);
	timer_setup(net->w, &tbl->proxy_timer, NULL, 0);	/* proxy queue: not used yet */
	mod_timer(&tbl->gc_timer,
		  now_j(tbl) + (unsigned long)(NEIGH_VAR(&tbl->parms, BASE_REACHABLE_TIME) / 2));
}

void neigh_table_clear(struct neigh_table *tbl)
{
	del_timer(&tbl->gc_timer);
	del_timer(&tbl->proxy_timer);
	neigh_flush(tbl, NULL, false, false);
	while (tbl->parms_list)
		neigh_parms_release(tbl, tbl->parms_list);
	unregister_net_sysctl_table(tbl->net, tbl->parms.sysctl);
	unregister_net_sysctl_table(tbl->net, tbl->gc_sysctl);
	tbl->parms.sysctl = tbl->gc_sysctl = NULL;
	g_free(tbl->hash_buckets);
	tbl->hash_buckets = NULL;
}
