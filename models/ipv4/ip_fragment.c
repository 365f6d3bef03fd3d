/*
 * models/ipv4/ip_fragment.c - IPv4 fragmentation and reassembly
 *
 * Mirrors three kernel files of Linux 6.x:
 *   - net/ipv4/ip_output.c, ip_do_fragment()'s slow path (ip_frag_init,
 *     ip_frag_next, ip_frag_ipcb, ip_copy_metadata): the datagram is cut
 *     into pieces of (mtu - header) rounded down to 8 bytes, each a new
 *     skb with a copy of the header (options without the copied flag
 *     turned into NOOPs after the first, ip_options_fragment), its offset
 *     and MF, the same ID and a fresh checksum, sent to @output one by
 *     one; FragCreates per fragment, FragOKs or FragFails per datagram.
 *   - net/ipv4/inet_fragment.c: the per-namespace directory of
 *     reassembly queues (struct fqdir) with its memory accounting (every
 *     queued skb's truesize plus sizeof(struct ipq) per queue, checked
 *     against ipfrag_high_thresh before a fragment is looked up), and
 *     inet_frag_queue_insert(): fragments kept sorted by offset in "runs"
 *     of adjacent fragments; one that overlaps queued data discards the
 *     whole datagram (RFC 5722 as amended by erratum 3089, applied to
 *     IPv4 since 4.19, counted in ReasmOverlaps), one that lies entirely
 *     inside a run is a duplicate and is dropped alone (DUP_FRAG).
 *   - net/ipv4/ip_fragment.c: ip_defrag() (ReasmReqds), ip_frag_queue()
 *     (the datagram's length from the last fragment, corrupt ends,
 *     ipfrag_max_dist via a per-source counter), ip_frag_reasm()
 *     (ReasmOKs; ECN combined as RFC 3168 5.3; DF kept when the largest
 *     fragment had it, for ip_forward's PMTU check via frag_max_size) and
 *     ip_expire(): ipfrag_time after the queue was made, ReasmTimeout and
 *     ReasmFails, and ICMP time exceeded (fragment reassembly time
 *     exceeded) to the source if fragment 0 arrived (RFC 792, RFC 1122
 *     3.3.2), after routing it again as the kernel does.
 *
 * Differences:
 *   - Our skbs are linear, so ip_do_fragment() always takes the copying
 *     slow path (no frag_list fast path), and reassembly copies every
 *     fragment's payload into the skb that completed the datagram (the
 *     kernel morphs that skb into fragment 0 and chains the others on its
 *     frag_list).  The result is the same packet: fragment 0's header and
 *     control block, the completing skb's device and route, the summed
 *     truesize of all fragments.
 *   - A sorted list stands in for the rbtree of runs; a linear search over
 *     the run heads classifies duplicates and overlaps exactly as the
 *     tree's binary search does (runs are disjoint).  A hash table finds
 *     queues by key; the queues are also listed in creation order, which
 *     is the only order anything iterates them in (namespace exit).
 *   - No refcounts: a queue is killed (unhashed, timer stopped) and freed
 *     at the end of the call that killed it.  Queued fragments drop their
 *     route and device (in the kernel the rbtree node overlays skb->dev);
 *     the device is found again from skb_iif when one is freed, so drops
 *     are recorded against the right node.
 *   - ipfrag_low_thresh has had no effect since Linux 4.17 (no evictor);
 *     it is kept as a sysctl only, as there.
 *   - Fragments are not charged to the sending socket (skb_set_owner_w)
 *     until sockets keep write memory; CHECKSUM_PARTIAL is never built
 *     here, so there is no skb_checksum_help().
 */
#include "net/ip.h"

#include <errno.h>

#include "net/icmp.h"
#include "sim/timer.h"
#include "trace/skbwalk.h"

/* ---- include/net/inet_frag.h, include/net/inet_ecn.h ------------------- */

#define INET_FRAG_FIRST_IN	BIT(0)
#define INET_FRAG_LAST_IN	BIT(1)
#define INET_FRAG_COMPLETE	BIT(2)
#define INET_FRAG_DROP		BIT(4)

enum { IPFRAG_OK = 0, IPFRAG_DUP, IPFRAG_OVERLAP };

#define INET_ECN_MASK		3
#define INET_ECN_CE		3
#define IPFRAG_ECN_NOT_ECT	0x01	/* one frag had ECN_NOT_ECT */
#define IPFRAG_ECN_ECT_1	0x02	/* one frag had ECN_ECT_1 */
#define IPFRAG_ECN_ECT_0	0x04	/* one frag had ECN_ECT_0 */
#define IPFRAG_ECN_CE		0x08	/* one frag had ECN_CE */

/* sizeof(struct ipq) on x86_64, what the kernel charges per queue (f->qsize) */
#define IPQ_TRUESIZE		200

/* LL_RESERVED_SPACE of include/linux/netdevice.h */
#define HH_DATA_MOD		16
#define LL_RESERVED_SPACE(dev)	\
	((((dev)->hard_header_len + (dev)->needed_headroom) & ~(HH_DATA_MOD - 1)) + HH_DATA_MOD)

struct frag_v4_compare_key {
	__be32 saddr;
	__be32 daddr;
	u32 user;
	u32 vif;
	__be16 id;
	u16 protocol;
};

/* inet_peer: what ipfrag_max_dist needs of it, a per-source fragment count */
struct inet_peer {
	__be32 saddr;
	u32 rid;
	int refcnt;			/* queues using it */
};

struct fqdir;

/* struct ipq with its struct inet_frag_queue: one datagram being reassembled */
struct ipq {
	struct frag_v4_compare_key key;
	struct fqdir *fqdir;
	struct list_head list;		/* fqdir->queues, creation order */
	struct timer_list timer;	/* ip_expire */
	struct sk_buff_head fragments;	/* by offset; runs marked in FRAG_CB */
	struct sk_buff *last_run_head;
	sim_time_t stamp;		/* tstamp of the latest fragment */
	int len;			/* the datagram's payload length, as known */
	int meat;			/* payload bytes queued */
	u8 flags;			/* INET_FRAG_* */
	u8 ecn;				/* IPFRAG_ECN_* seen */
	u16 max_size;			/* largest fragment (header included) */
	u16 max_df_size;		/* largest fragment with DF */
	int iif;			/* ifindex of the latest fragment */
	unsigned int rid;		/* peer->rid at the latest fragment */
	struct inet_peer *peer;		/* for ipfrag_max_dist, or NULL */
};

/* struct fqdir: a namespace's reassembly queues (net->ipv4.frags) */
struct fqdir {
	struct net *net;
	GHashTable *rhashtable;		/* frag_v4_compare_key -> ipq; lookups only */
	struct list_head queues;	/* every live queue, creation order */
	GHashTable *peers;		/* saddr -> inet_peer; lookups only */
	long mem;			/* frag_mem_limit(): truesizes + queues */
	unsigned int nqueues;
	bool dead;			/* namespace going away */
};

/*
 * Queued fragments keep IPCB in front of their cb (fragment 0's becomes
 * the datagram's); the queue's bookkeeping follows, as in inet_fragment.c.
 */
struct ipfrag_skb_cb {
	struct inet_skb_parm h4;
	int frag_run_len;		/* a run head: bytes in its run */
	int ip_defrag_offset;
	bool run_head;
};
_Static_assert(sizeof(struct ipfrag_skb_cb) <= sizeof(((struct sk_buff *)0)->cb),
	       "ipfrag_skb_cb does not fit in skb->cb");

#define FRAG_CB(skb) ((struct ipfrag_skb_cb *)((skb)->cb))

static struct fqdir *net_fqdir(const struct net *net)
{
	return net->ipv4.frags;
}

/*
 * The namespace's fqdir, made by its first fragment: most namespaces never
 * reassemble, and one with no fqdir reads as an empty one (0 queues, 0
 * bytes).  No fragment comes after ipfrag_net_exit: af_inet.c removes the
 * IP packet handler first.
 */
static struct fqdir *fqdir_get(struct net *net)
{
	struct fqdir *fqdir = net->ipv4.frags;

	if (!fqdir) {
		fqdir = g_new0(struct fqdir, 1);
		fqdir->net = net;
		INIT_LIST_HEAD(&fqdir->queues);
		net->ipv4.frags = fqdir;
	}
	return fqdir;
}

static u8 ip4_frag_ecn(u8 tos)
{
	return (u8)(1 << (tos & INET_ECN_MASK));
}

/*
 * RFC 3168 5.3: CE in any fragment marks the datagram CE if the others are
 * ECN-capable; a mix of ECN-capable and not-ECT fragments is dropped (0xff).
 */
static const u8 ip_frag_ecn_table[16] = {
	[IPFRAG_ECN_CE | IPFRAG_ECN_ECT_0] = INET_ECN_CE,
	[IPFRAG_ECN_CE | IPFRAG_ECN_ECT_1] = INET_ECN_CE,
	[IPFRAG_ECN_CE | IPFRAG_ECN_ECT_0 | IPFRAG_ECN_ECT_1] = INET_ECN_CE,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_CE] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_ECT_0] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_ECT_1] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_ECT_0 | IPFRAG_ECN_ECT_1] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_CE | IPFRAG_ECN_ECT_0] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_CE | IPFRAG_ECN_ECT_1] = 0xff,
	[IPFRAG_ECN_NOT_ECT | IPFRAG_ECN_CE | IPFRAG_ECN_ECT_0 | IPFRAG_ECN_ECT_1] = 0xff,
};

/* ======================================================================== */
/* Fragmentation: net/ipv4/ip_output.c                                       */
/* ======================================================================== */

struct ip_frag_state {
	bool DF;
	unsigned int hlen;
	unsigned int ll_rs;
	unsigned int mtu;		/* payload room per fragment */
	unsigned int left;		/* payload bytes still to send */
	int offset;			/* of the next fragment in the datagram */
	int ptr;			/* where its bytes start in @skb */
	__be16 not_last_frag;		/* @skb is itself a fragment with MF */
};

static void ip_frag_init(struct sk_buff *skb, unsigned int hlen, unsigned int ll_rs,
			 unsigned int mtu, bool DF, struct ip_frag_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	state->DF = DF;
	state->hlen = hlen;
	state->ll_rs = ll_rs;
	state->mtu = mtu;
	state->left = skb->len - hlen;
	state->ptr = (int)hlen;
	state->offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	state->not_last_frag = iph->frag_off & htons(IP_MF);
}

/* what a fragment inherits of its datagram's skb */
static void ip_copy_metadata(struct sk_buff *to, const struct sk_buff *from)
{
	to->pkt_type = from->pkt_type;
	to->priority = from->priority;
	to->protocol = from->protocol;
	to->skb_iif = from->skb_iif;
	skb_dst_drop(to);
	skb_dst_set(to, skb_dst(from));
	to->dev = from->dev;
	to->mark = from->mark;
	to->hash = from->hash;
	to->l4_hash = from->l4_hash;
	to->sw_hash = from->sw_hash;
	to->tc_index = from->tc_index;
	to->parent_id = from->id;	/* skbsim: traces show a fragment's datagram */
	to->walk = from->walk;
}

static void ip_frag_ipcb(struct sk_buff *from, struct sk_buff *to, bool first_frag)
{
	/* the flags go to every fragment */
	IPCB(to)->flags = IPCB(from)->flags;
	/*
	 * Once the first fragment is out, strip the options that are not
	 * copied from the datagram's own header: the fragments after it
	 * copy that header.
	 */
	if (first_frag)
		ip_options_fragment(from);
}

/* ip_frag_next: the next fragment of @skb, or NULL when allocation failed */
static struct sk_buff *ip_frag_next(struct net *net, struct sk_buff *skb,
				    struct ip_frag_state *state)
{
	unsigned int len = state->left;
	struct sk_buff *skb2;
	struct iphdr *iph;
	int err;

	/* fit the mtu; all but the last end on an 8-byte boundary */
	if (len > state->mtu)
		len = state->mtu;
	if (len < state->left)
		len &= ~7u;

	skb2 = alloc_skb(net, len + state->hlen + state->ll_rs);
	if (!skb2)
		return NULL;
	ip_copy_metadata(skb2, skb);
	skb_reserve(skb2, (int)state->ll_rs);
	skb_put(skb2, len + state->hlen);
	skb_reset_network_header(skb2);
	skb2->transport_header = (u16)(skb2->network_header + state->hlen);

	memcpy(skb_network_header(skb2), skb_network_header(skb), state->hlen);
	err = skb_copy_bits(skb, state->ptr, skb_transport_header(skb2), (int)len);
	SIM_BUG_ON(err);
	state->left -= len;

	iph = ip_hdr(skb2);
	iph->frag_off = htons((u16)(state->offset >> 3));
	if (state->DF)
		iph->frag_off |= htons(IP_DF);
	/* more follow, or @skb was not the last fragment itself */
	if (state->left > 0 || state->not_last_frag)
		iph->frag_off |= htons(IP_MF);
	state->ptr += (int)len;
	state->offset += (int)len;
	iph->tot_len = htons((u16)(len + state->hlen));
	ip_send_check(iph);
	return skb2;
}

/**
 * ip_do_fragment - send a datagram too big for its route in fragments
 * @skb: data at the IP header, routed; always consumed
 * @output: what each fragment is given to (ip_finish_output2)
 *
 * The caller (ip_fragment) has already refused DF datagrams.  DF is set
 * on the fragments only for a reassembled datagram whose largest fragment
 * had it (IPSKB_FRAG_PMTU); fragments are no larger than the datagram's
 * original fragments (frag_max_size).
 *
 * Return: 0, or the error of the fragment that failed (-ENOMEM when one
 * could not be allocated, -EINVAL when the route's MTU leaves no room for
 * 8 bytes of data); FragFails counted and the rest not sent.
 */
int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	struct rtable *rt = skb_rtable(skb);
	sim_time_t tstamp = skb->tstamp;
	struct ip_frag_state state;
	unsigned int mtu, hlen;
	struct sk_buff *skb2;
	int err = 0;

	SIM_BUG_ON(skb_network_offset(skb) != 0);
	mtu = ip_skb_dst_mtu(skb);
	if (IPCB(skb)->frag_max_size && IPCB(skb)->frag_max_size < mtu)
		mtu = IPCB(skb)->frag_max_size;
	hlen = ip_hdrlen(skb);
	/*
	 * The kernel trusts the 68-byte minimum MTU (RFC 791) here; a route
	 * metric can go lower in the simulator, so refuse rather than loop.
	 */
	if (mtu < hlen + 8) {
		err = -EINVAL;
		goto fail;
	}
	mtu -= hlen;				/* payload room per fragment */
	IPCB(skb)->flags |= IPSKB_FRAG_COMPLETE;
	trace_skb_walk(skb, rt->dst.dev, "%u bytes of payload, at most %u per fragment",
		       skb->len - hlen, mtu & ~7u);

	ip_frag_init(skb, hlen, LL_RESERVED_SPACE(rt->dst.dev), mtu,
		     IPCB(skb)->flags & IPSKB_FRAG_PMTU, &state);
	while (state.left > 0) {
		bool first_frag = (state.offset == 0);

		skb2 = ip_frag_next(net, skb, &state);
		if (!skb2) {
			err = -ENOMEM;
			goto fail;
		}
		ip_frag_ipcb(skb, skb2, first_frag);
		skb2->tstamp = tstamp;
		trace_skb_walk(skb2, rt->dst.dev, "fragment offset %u, len %u%s",
			       (ntohs(ip_hdr(skb2)->frag_off) & IP_OFFSET) * 8u, skb2->len,
			       ip_hdr(skb2)->frag_off & htons(IP_MF) ? ", more" : ", last");
		err = output(net, sk, skb2);
		if (err)
			goto fail;
		IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
	}
	consume_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
	return err;

fail:
	kfree_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return err;
}

/* ======================================================================== */
/* The queues: net/ipv4/inet_fragment.c                                      */
/* ======================================================================== */

static guint ipq_key_hash(gconstpointer p)
{
	const struct frag_v4_compare_key *k = p;
	u64 h = 0x9e3779b97f4a7c15ULL;

	/* jhash2 in the kernel; any mix of the key will do for lookups */
	h = (h ^ k->saddr) * 0xff51afd7ed558ccdULL;
	h = (h ^ k->daddr) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ ((u64)k->id << 16 | k->protocol)) * 0xff51afd7ed558ccdULL;
	h = (h ^ ((u64)k->user << 32 | k->vif)) * 0xc4ceb9fe1a85ec53ULL;
	return (guint)(h ^ (h >> 32));
}

static gboolean ipq_key_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(struct frag_v4_compare_key)) == 0;
}

/* The device a queued fragment came in on, for recording its drop. */
static void ip_frag_restore_dev(struct net *net, struct sk_buff *skb)
{
	if (!skb->dev)
		skb->dev = __dev_get_by_index(net, skb->skb_iif);
	if (!skb->dev)
		skb->dev = net->loopback_dev;
}

/* inet_getpeer_v4 and inet_putpeer, reduced to the fragment counter */
static struct inet_peer *inet_getpeer_v4(struct fqdir *fqdir, __be32 saddr)
{
	struct inet_peer *p = g_hash_table_lookup(fqdir->peers, GUINT_TO_POINTER(saddr));

	if (!p) {
		p = g_new0(struct inet_peer, 1);
		p->saddr = saddr;
		g_hash_table_insert(fqdir->peers, GUINT_TO_POINTER(saddr), p);
	}
	p->refcnt++;
	return p;
}

static void inet_putpeer(struct fqdir *fqdir, struct inet_peer *p)
{
	/* a counter nobody compares against any more can start again from 0 */
	if (--p->refcnt == 0)
		g_hash_table_remove(fqdir->peers, GUINT_TO_POINTER(p->saddr));
}

static void ip_expire(struct timer_list *t);

/* inet_frag_alloc + ip4_frag_init + inet_frag_create */
static struct ipq *inet_frag_create(struct fqdir *fqdir, const struct frag_v4_compare_key *key)
{
	struct net *net = fqdir->net;
	struct ipq *qp = g_new0(struct ipq, 1);

	qp->key = *key;
	qp->fqdir = fqdir;
	if (net->ipv4.sysctl->sysctl_ipfrag_max_dist)
		qp->peer = inet_getpeer_v4(fqdir, key->saddr);
	skb_queue_head_init(&qp->fragments);
	fqdir->mem += IPQ_TRUESIZE;
	timer_setup(net->w, &qp->timer, ip_expire, 0);
	/* RFC 791's TTL-based timer is not used: ipfrag_time from the first fragment */
	mod_timer(&qp->timer,
		  sim_jiffies(net->w) + (unsigned long)net->ipv4.sysctl->sysctl_ipfrag_time);
	g_hash_table_insert(fqdir->rhashtable, &qp->key, qp);
	list_add_tail(&qp->list, &fqdir->queues);
	fqdir->nqueues++;
	world_obj_get(net->w, SIM_OBJ_MODEL);
	return qp;
}

/*
 * inet_frag_find - the queue for @key, made if new; NULL when fragment
 * memory is above ipfrag_high_thresh (or it is 0: no reassembly at all).
 */
static struct ipq *inet_frag_find(struct fqdir *fqdir, const struct frag_v4_compare_key *key)
{
	long high_thresh = fqdir->net->ipv4.sysctl->sysctl_ipfrag_high_thresh;
	struct ipq *qp;

	if (fqdir->dead || !high_thresh || fqdir->mem > high_thresh)
		return NULL;
	/* the tables come with the namespace's first fragment: most never see one */
	if (!fqdir->rhashtable) {
		fqdir->rhashtable = g_hash_table_new(ipq_key_hash, ipq_key_equal);
		fqdir->peers = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						     g_free);
	}
	qp = g_hash_table_lookup(fqdir->rhashtable, key);
	if (!qp)
		qp = inet_frag_create(fqdir, key);
	return qp;
}

/* inet_frag_kill / ipq_kill: no more fragments will join; freed by the caller */
static void ipq_kill(struct ipq *qp)
{
	struct fqdir *fqdir = qp->fqdir;

	del_timer(&qp->timer);
	if (!(qp->flags & INET_FRAG_COMPLETE)) {
		qp->flags |= INET_FRAG_COMPLETE;
		g_hash_table_remove(fqdir->rhashtable, &qp->key);
		list_del_init(&qp->list);
		fqdir->nqueues--;
	}
}

/* inet_frag_rbtree_purge: frees the queued fragments; returns their truesize */
static unsigned int inet_frag_rbtree_purge(struct ipq *qp, enum skb_drop_reason reason)
{
	struct net *net = qp->fqdir->net;
	unsigned int sum = 0;
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&qp->fragments))) {
		sum += skb->truesize;
		ip_frag_restore_dev(net, skb);
		kfree_skb_reason(skb, reason);
	}
	qp->last_run_head = NULL;
	return sum;
}

static void inet_frag_queue_flush(struct ipq *qp, enum skb_drop_reason reason)
{
	qp->fqdir->mem -= inet_frag_rbtree_purge(qp, reason);
}

/*
 * inet_frag_destroy - free a killed queue and what is still in it: as
 * dropped on timeout or namespace exit (INET_FRAG_DROP), else consumed,
 * as 6.x does for the fragments of a datagram discarded as corrupt.
 */
static void inet_frag_destroy(struct ipq *qp)
{
	struct fqdir *fqdir = qp->fqdir;
	struct world *w = fqdir->net->w;
	enum skb_drop_reason reason;

	SIM_BUG_ON(!(qp->flags & INET_FRAG_COMPLETE) || timer_pending(&qp->timer));
	reason = (qp->flags & INET_FRAG_DROP) ? SKB_DROP_REASON_FRAG_REASM_TIMEOUT
					      : SKB_CONSUMED;
	fqdir->mem -= inet_frag_rbtree_purge(qp, reason) + IPQ_TRUESIZE;
	if (qp->peer)
		inet_putpeer(fqdir, qp->peer);
	g_free(qp);
	world_obj_put(w, SIM_OBJ_MODEL);
}

/* ipq_put: the call that looked the queue up is done with it */
static void ipq_put(struct ipq *qp)
{
	if (qp->flags & INET_FRAG_COMPLETE)
		inet_frag_destroy(qp);
}

/* Inserts @newsk before @next in @list (__skb_queue_before). */
static void frag_link_before(struct sk_buff_head *list, struct sk_buff *next,
			     struct sk_buff *newsk)
{
	struct sk_buff *prev = next->prev;

	newsk->next = next;
	newsk->prev = prev;
	next->prev = newsk;
	prev->next = newsk;
	list->qlen++;
}

static void fragcb_clear(struct sk_buff *skb, bool run_head)
{
	FRAG_CB(skb)->frag_run_len = (int)skb->len;
	FRAG_CB(skb)->run_head = run_head;
}

/* fragrun_create: @skb goes last and starts a run of its own */
static void fragrun_create(struct ipq *qp, struct sk_buff *skb)
{
	fragcb_clear(skb, true);
	skb_queue_tail(&qp->fragments, skb);
	qp->last_run_head = skb;
}

/* fragrun_append_to_last: @skb continues the last run */
static void fragrun_append_to_last(struct ipq *qp, struct sk_buff *skb)
{
	fragcb_clear(skb, false);
	FRAG_CB(qp->last_run_head)->frag_run_len += (int)skb->len;
	skb_queue_tail(&qp->fragments, skb);
}

static struct sk_buff *ipq_tail(const struct ipq *qp)
{
	return skb_queue_empty(&qp->fragments) ? NULL : qp->fragments.prev;
}

/*
 * inet_frag_queue_insert - place @skb ([@offset, @end) of the payload).
 *
 * RFC 5722 section 4 (erratum 3089): if any fragment overlaps another,
 * the whole datagram must be silently discarded; a fragment whose bytes
 * are all already queued is a duplicate and only it is dropped.  The
 * kernel decides "already queued" against runs of adjacent fragments
 * that arrived in order, and so do we.
 */
static int inet_frag_queue_insert(struct ipq *qp, struct sk_buff *skb, int offset, int end)
{
	struct sk_buff *last = ipq_tail(qp);

	if (!last) {
		fragrun_create(qp, skb);		/* the first fragment */
	} else if (FRAG_CB(last)->ip_defrag_offset + (int)last->len < end) {
		/* the common case: it goes at the end */
		int last_end = FRAG_CB(last)->ip_defrag_offset + (int)last->len;

		if (offset < last_end)
			return IPFRAG_OVERLAP;
		if (offset == last_end)
			fragrun_append_to_last(qp, skb);
		else
			fragrun_create(qp, skb);
	} else {
		/* somewhere before the end: find the run it belongs before */
		struct sk_buff *curr;

		for (curr = skb_peek(&qp->fragments); curr != (struct sk_buff *)&qp->fragments;
		     curr = curr->next) {
			int curr_off = FRAG_CB(curr)->ip_defrag_offset;
			int curr_run_end = curr_off + FRAG_CB(curr)->frag_run_len;

			if (!FRAG_CB(curr)->run_head)
				continue;
			if (end <= curr_off)
				break;
			if (offset >= curr_run_end)
				continue;
			if (offset >= curr_off && end <= curr_run_end)
				return IPFRAG_DUP;
			return IPFRAG_OVERLAP;
		}
		/* it ends before the last run ends, so a run follows it */
		SIM_BUG_ON(curr == (struct sk_buff *)&qp->fragments);
		fragcb_clear(skb, true);
		frag_link_before(&qp->fragments, curr, skb);
	}
	FRAG_CB(skb)->ip_defrag_offset = offset;
	return IPFRAG_OK;
}

/*
 * inet_frag_pull_head - take fragment 0 out of the queue (ip_expire's
 * ICMP quotes it); the queue is being destroyed, so runs are not fixed up.
 */
static struct sk_buff *inet_frag_pull_head(struct ipq *qp)
{
	struct sk_buff *head = skb_dequeue(&qp->fragments);

	if (!head)
		return NULL;
	if (head == qp->last_run_head)
		qp->last_run_head = NULL;
	qp->fqdir->mem -= head->truesize;
	return head;
}

/* ======================================================================== */
/* Reassembly: net/ipv4/ip_fragment.c                                        */
/* ======================================================================== */

/*
 * ip_expire - ipfrag_time passed and the datagram is still incomplete:
 * discard it and, if fragment 0 is here to quote, tell the source with
 * ICMP time exceeded, code 1 (RFC 792: only the host that reassembles).
 */
static void ip_expire(struct timer_list *t)
{
	struct ipq *qp = from_timer(qp, t, timer);
	struct net *net = qp->fqdir->net;
	enum skb_drop_reason reason;
	struct sk_buff *head = NULL;
	const struct iphdr *iph;
	int err;

	/* a killed queue has no timer: the kernel's race with it cannot happen */
	SIM_BUG_ON(qp->flags & INET_FRAG_COMPLETE);
	qp->flags |= INET_FRAG_DROP;
	ipq_kill(qp);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMTIMEOUT);
	if (!(qp->flags & INET_FRAG_FIRST_IN))
		goto out;
	head = inet_frag_pull_head(qp);
	if (!head)
		goto out;
	head->dev = __dev_get_by_index(net, qp->iif);
	if (!head->dev) {
		ip_frag_restore_dev(net, head);
		goto out;
	}
	/* the fragment dropped its route when queued: route it again */
	iph = ip_hdr(head);
	err = ip_route_input_noref(head, iph->daddr, iph->saddr, iph->tos, head->dev, &reason);
	if (err)
		goto out;
	/* only conntrack's and AF_PACKET's users skip the ICMP; we have neither */
	icmp_send(head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
out:
	if (head)
		kfree_skb_reason(head, SKB_DROP_REASON_FRAG_REASM_TIMEOUT);
	ipq_put(qp);
}

static struct ipq *ip_find(struct net *net, const struct iphdr *iph, u32 user, int vif)
{
	struct frag_v4_compare_key key = {
		.saddr = iph->saddr, .daddr = iph->daddr, .user = user, .vif = (u32)vif,
		.id = iph->id, .protocol = iph->protocol,
	};

	return inet_frag_find(fqdir_get(net), &key);
}

/*
 * ip_frag_too_far - ipfrag_max_dist: more than that many fragments from
 * the same source arrived since this queue's last one, so it probably
 * lost some to ID reuse; counted as a ReasmFail.
 */
static bool ip_frag_too_far(struct ipq *qp)
{
	struct inet_peer *peer = qp->peer;
	unsigned int max = (unsigned int)qp->fqdir->net->ipv4.sysctl->sysctl_ipfrag_max_dist;
	unsigned int start, end;
	bool rc;

	if (!peer || !max)
		return false;
	start = qp->rid;
	end = ++peer->rid;
	qp->rid = end;
	rc = ipq_tail(qp) && (end - start) > max;
	if (rc)
		__IP_INC_STATS(qp->fqdir->net, IPSTATS_MIB_REASMFAILS);
	return rc;
}

/* ip_frag_reinit: start the queue afresh (dropping FRAG_TOO_FAR) */
static int ip_frag_reinit(struct ipq *qp)
{
	struct net *net = qp->fqdir->net;

	/* a queue whose timer already ran is dying (the kernel races here) */
	if (!mod_timer(&qp->timer,
		       sim_jiffies(net->w) + (unsigned long)net->ipv4.sysctl->sysctl_ipfrag_time))
		return -ETIMEDOUT;
	inet_frag_queue_flush(qp, SKB_DROP_REASON_FRAG_TOO_FAR);
	qp->flags = 0;
	qp->len = 0;
	qp->meat = 0;
	qp->iif = 0;
	qp->ecn = 0;
	return 0;
}

/*
 * ip_frag_reasm_room - make @skb able to hold the whole datagram (@len
 * bytes from its network header), private and unshared.
 */
static int ip_frag_reasm_room(struct sk_buff *skb, unsigned int len)
{
	unsigned int room = skb->end - skb->network_header;
	unsigned int ntail = len > room ? len - room : 0;

	if (skb->users != 1)
		return -ENOMEM;		/* shared: cannot be rebuilt in place */
	if (ntail || skb_cloned(skb))
		return pskb_expand_head(skb, 0, (int)ntail);
	return 0;
}

/*
 * ip_frag_reasm - every byte is here: build the datagram in @skb, the
 * fragment that completed it, and free the others.
 */
static int ip_frag_reasm(struct ipq *qp, struct sk_buff *skb, struct net_device *dev)
{
	struct net *net = qp->fqdir->net;
	struct sk_buff *head = skb_peek(&qp->fragments), *fp;
	unsigned int ihl, len, sum_truesize = 0;
	unsigned char *nh;
	struct iphdr *iph;
	int err;
	u8 ecn;

	ipq_kill(qp);
	trace_skb_walk(skb, dev, "all %d bytes are in: this skb becomes the datagram", qp->len);
	ecn = ip_frag_ecn_table[qp->ecn];
	if (ecn == 0xff) {
		err = -EINVAL;
		goto out_fail;
	}
	SIM_BUG_ON(FRAG_CB(head)->ip_defrag_offset != 0);
	ihl = ip_hdrlen(head);
	len = ihl + (unsigned int)qp->len;
	/* checked before making room (the kernel checks after gluing) */
	err = -E2BIG;
	if (len > 65535)
		goto out_fail;		/* "Oversized IP packet from ..." */
	if (ip_frag_reasm_room(skb, len)) {
		err = -ENOMEM;
		goto out_fail;
	}

	/* @skb's payload to its place first: the others land around it */
	nh = skb_network_header(skb);
	memmove(nh + ihl + FRAG_CB(skb)->ip_defrag_offset, skb->data, skb->len);
	for (fp = skb_peek(&qp->fragments); fp != (struct sk_buff *)&qp->fragments; fp = fp->next)
		if (fp != skb)
			memcpy(nh + ihl + FRAG_CB(fp)->ip_defrag_offset, fp->data, fp->len);
	/* fragment 0's header and control block (skb_morph of the kernel) */
	if (head != skb) {
		memcpy(nh, skb_network_header(head), ihl);
		memcpy(skb->cb, head->cb, sizeof(skb->cb));
		skb->skb_iif = head->skb_iif;
		skb->pkt_type = head->pkt_type;
		skb->priority = head->priority;
		skb->mark = head->mark;
	}
	while ((fp = skb_dequeue(&qp->fragments))) {
		sum_truesize += fp->truesize;
		if (fp != skb)
			consume_skb(fp);
	}
	qp->last_run_head = NULL;
	qp->fqdir->mem -= sum_truesize;

	skb->data = nh;
	skb->len = 0;
	skb->tail = skb->network_header;
	skb_put(skb, len);
	skb->transport_header = (u16)(skb->network_header + ihl);
	skb->truesize = sum_truesize;
	skb->tstamp = qp->stamp;
	skb->ip_summed = CHECKSUM_NONE;
	skb->dev = dev;
	IPCB(skb)->frag_max_size = max(qp->max_df_size, qp->max_size);

	iph = ip_hdr(skb);
	iph->tot_len = htons((u16)len);
	iph->tos |= ecn;
	/*
	 * Keep DF (and force refragmenting with IPSKB_FRAG_PMTU) only if the
	 * largest fragment had it: a router must not forward a DF datagram
	 * larger than what the sender's fragments were.
	 */
	if (qp->max_df_size == qp->max_size) {
		IPCB(skb)->flags |= IPSKB_FRAG_PMTU;
		iph->frag_off = htons(IP_DF);
	} else {
		iph->frag_off = 0;
	}
	ip_send_check(iph);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMOKS);
	return 0;

out_fail:
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	return err;
}

/*
 * ip_frag_queue - add @skb to @qp.  Returns 0 when it completed the
 * datagram (rebuilt in @skb), -EINPROGRESS when it was queued, or an
 * error after dropping it (or, from ip_frag_reasm, leaving it in the
 * dying queue).
 */
static int ip_frag_queue(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->fqdir->net;
	enum skb_drop_reason reason = SKB_DROP_REASON_NOT_SPECIFIED;
	int ihl, end, flags, offset;
	struct net_device *dev;
	unsigned int fragsize;
	int err = -ENOENT;
	u8 ecn;

	/* reassembly already done: @skb must be a duplicate */
	if (qp->flags & INET_FRAG_COMPLETE) {
		reason = SKB_DROP_REASON_DUP_FRAG;
		goto err;
	}
	if (!(IPCB(skb)->flags & IPSKB_FRAG_COMPLETE) && ip_frag_too_far(qp)) {
		err = ip_frag_reinit(qp);
		if (err) {
			ipq_kill(qp);
			goto err;
		}
	}

	ecn = ip4_frag_ecn(ip_hdr(skb)->tos);
	offset = ntohs(ip_hdr(skb)->frag_off);
	flags = offset & ~IP_OFFSET;
	offset &= IP_OFFSET;
	offset <<= 3;			/* in 8-byte units on the wire */
	ihl = (int)ip_hdrlen(skb);

	/* where this fragment ends in the datagram */
	end = offset + (int)skb->len - skb_network_offset(skb) - ihl;
	err = -EINVAL;

	if ((flags & IP_MF) == 0) {
		/* the last fragment: nothing may lie beyond it, nor a different end */
		if (end < qp->len || ((qp->flags & INET_FRAG_LAST_IN) && end != qp->len))
			goto discard_qp;
		qp->flags |= INET_FRAG_LAST_IN;
		qp->len = end;
	} else {
		if (end & 7) {
			/* not the last: its length must be a multiple of 8 */
			end &= ~7;
			if (skb->ip_summed != CHECKSUM_UNNECESSARY)
				skb->ip_summed = CHECKSUM_NONE;
		}
		if (end > qp->len) {
			/* bytes beyond the end of the datagram: corrupt */
			if (qp->flags & INET_FRAG_LAST_IN)
				goto discard_qp;
			qp->len = end;
		}
	}
	if (end == offset)
		goto discard_qp;

	err = -ENOMEM;
	if (!skb_pull(skb, (unsigned int)(skb_network_offset(skb) + ihl)))
		goto discard_qp;
	err = pskb_trim_rcsum(skb, (unsigned int)(end - offset));
	if (err)
		goto discard_qp;

	dev = skb->dev;
	err = inet_frag_queue_insert(qp, skb, offset, end);
	if (err)
		goto insert_error;

	if (dev)
		qp->iif = dev->ifindex;
	qp->stamp = skb->tstamp;
	qp->meat += (int)skb->len;
	qp->ecn |= ecn;
	qp->fqdir->mem += skb->truesize;
	if (offset == 0)
		qp->flags |= INET_FRAG_FIRST_IN;

	fragsize = skb->len + (unsigned int)ihl;
	if (fragsize > qp->max_size)
		qp->max_size = (u16)fragsize;
	if ((ip_hdr(skb)->frag_off & htons(IP_DF)) && fragsize > qp->max_df_size)
		qp->max_df_size = (u16)fragsize;

	if (qp->flags == (INET_FRAG_FIRST_IN | INET_FRAG_LAST_IN) && qp->meat == qp->len) {
		err = ip_frag_reasm(qp, skb, dev);
		if (err)
			ipq_kill(qp);
		return err;
	}

	if (qp->flags & INET_FRAG_LAST_IN)
		trace_skb_walk(skb, skb->dev, "queued: %d of %d bytes so far", qp->meat, qp->len);
	else
		trace_skb_walk(skb, skb->dev, "queued: %d bytes so far, the last fragment not seen yet",
			       qp->meat);
	/* queued: no route and no device while it waits */
	skb_dst_drop(skb);
	skb->dev = NULL;
	return -EINPROGRESS;

insert_error:
	if (err == IPFRAG_DUP) {
		reason = SKB_DROP_REASON_DUP_FRAG;
		err = -EINVAL;
		goto err;
	}
	err = -EINVAL;
	__IP_INC_STATS(net, IPSTATS_MIB_REASM_OVERLAPS);
discard_qp:
	ipq_kill(qp);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
err:
	kfree_skb_reason(skb, reason);
	return err;
}

/**
 * ip_defrag - process a fragment addressed to this host
 * @skb: data at the IP header; consumed unless it completed the datagram
 * @user: IP_DEFRAG_LOCAL_DELIVER (the queue key's user)
 *
 * Return: 0 when @skb now holds the reassembled datagram (network and
 * transport headers set, tot_len and checksum fixed, frag_off 0 or DF),
 * or nonzero when it was queued (-EINPROGRESS) or dropped.
 */
int ip_defrag(struct net *net, struct sk_buff *skb, u32 user)
{
	struct ipq *qp;
	int ret;

	__IP_INC_STATS(net, IPSTATS_MIB_REASMREQDS);
	/* vif: l3mdev_master_ifindex() of the device, 0 without VRFs */
	qp = ip_find(net, ip_hdr(skb), user, 0);
	trace_skb_walk(skb, skb->dev, "id 0x%04x, offset %u%s", ntohs(ip_hdr(skb)->id),
		       (ntohs(ip_hdr(skb)->frag_off) & IP_OFFSET) * 8u,
		       ip_hdr(skb)->frag_off & htons(IP_MF) ? ", more" : ", last");
	if (qp) {
		ret = ip_frag_queue(qp, skb);
		ipq_put(qp);
		return ret;
	}
	/* over ipfrag_high_thresh */
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	kfree_skb(skb);
	return -ENOMEM;
}

/* /proc/net/sockstat's "FRAG: inuse %u memory %lu" */
unsigned int ip_frag_nqueues(const struct net *net)
{
	return net_fqdir(net) ? net_fqdir(net)->nqueues : 0;
}

long ip_frag_mem(const struct net *net)
{
	return net_fqdir(net) ? net_fqdir(net)->mem : 0;
}

/* ipv4_frags_init_net: the sysctls' defaults are set by af_inet.c */
int ipfrag_net_init(struct net *net, struct sim_err *err)
{
	(void)err;
	net->ipv4.frags = NULL;		/* made by the first fragment: fqdir_get() */
	return 0;
}

/*
 * ipv4_frags_pre_exit_net + exit: no new queues, and every queue still
 * waiting is dropped with its fragments (FRAG_REASM_TIMEOUT, as
 * fqdir_pre_exit flushes them), oldest first.
 */
void ipfrag_net_exit(struct net *net)
{
	struct fqdir *fqdir = net_fqdir(net);

	if (!fqdir)
		return;
	fqdir->dead = true;
	while (!list_empty(&fqdir->queues)) {
		struct ipq *qp = list_first_entry(&fqdir->queues, struct ipq, list);

		qp->flags |= INET_FRAG_DROP;
		ipq_kill(qp);
		inet_frag_destroy(qp);
	}
	SIM_BUG_ON(fqdir->mem != 0 || (fqdir->peers && g_hash_table_size(fqdir->peers) != 0));
	if (fqdir->rhashtable) {
		g_hash_table_unref(fqdir->rhashtable);
		g_hash_table_unref(fqdir->peers);
	}
	g_free(fqdir);
	net->ipv4.frags = NULL;
}
