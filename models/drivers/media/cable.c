/*
 * models/drivers/media/cable.c - a full-duplex point-to-point cable
 *
 * No kernel counterpart (see cable.h).  Frames in flight are held as
 * clones of the transmitted skb, so no bytes are copied on the wire; the
 * sender's skb is freed at its tx completion and the receiver then owns
 * the data alone.
 */
#include "cable.h"

#include "linux/netdevice.h"
#include "sim/counters.h"

struct cable_frame {
	struct sim_event ev;
	struct list_head list;		/* in cable->inflight */
	struct cable *cable;
	struct sk_buff *skb;
	int to;
	bool bad_fcs;			/* corrupted after its FCS was computed */
};

/* "link<id>": the owner of the cable's random streams */
static void cable_rng_derive(const struct cable *c, struct sim_rng *rng, const char *purpose)
{
	char name[32];

	snprintf(name, sizeof(name), "link%u", c->link_id);
	sim_rng_derive(rng, c->w->seed, name, purpose);
}

struct cable *cable_create(struct world *w, u64 rate_bps, sim_time_t delay, double loss,
			   unsigned int link_id)
{
	struct cable *c = g_new0(struct cable, 1);

	c->w = w;
	c->rate_bps = rate_bps;
	c->delay = delay;
	c->loss = loss;
	c->link_id = link_id;
	INIT_LIST_HEAD(&c->inflight);
	if (loss > 0) {
		c->rng = g_new(struct sim_rng, 1);
		cable_rng_derive(c, c->rng, "cable.loss");
	}
	return c;
}

void cable_destroy(struct cable *c)
{
	void *p;

	if (!c)
		return;
	while (!list_empty(&c->inflight)) {
		struct cable_frame *f = list_first_entry(&c->inflight, struct cable_frame, list);

		list_del_init(&f->list);
		sim_cancel(c->w, &f->ev);
		consume_skb(f->skb);
		g_free(f);
	}
	while ((p = c->free_frames)) {
		c->free_frames = *(void **)p;
		g_free(p);
	}
	g_free(c->faults);
	g_free(c->rng);
	g_free(c->end[0].stats);	/* kept past detach, as the counts were */
	g_free(c->end[1].stats);
	g_free(c);
}

bool cable_link_up(const struct cable *c)
{
	return !c->cut && c->end[0].enabled && c->end[1].enabled &&
	       c->end[0].port && c->end[1].port;
}

static void notify_link(struct cable *c, bool was_up)
{
	bool up = cable_link_up(c);

	if (up == was_up)
		return;
	for (int i = 0; i < 2; i++)
		if (c->end[i].port && c->end[i].ops->link_changed)
			c->end[i].ops->link_changed(c->end[i].port, up);
}

void cable_cut(struct cable *c, bool cut)
{
	bool was_up = cable_link_up(c);

	c->cut = cut;
	notify_link(c, was_up);
}

void cable_attach(struct cable *c, int side, void *port, const struct cable_port_ops *ops)
{
	bool was_up = cable_link_up(c);

	c->end[side].port = port;
	c->end[side].ops = ops;
	notify_link(c, was_up);
}

/* the counters of struct cable_stats, in its order */
static const char *const cable_stats_names[] = {
	"corrupted", "duplicated", "reordered", "lost_link", "lost",
};
G_STATIC_ASSERT(sizeof(struct cable_stats) == G_N_ELEMENTS(cable_stats_names) * sizeof(u64));

static uint64_t cable_stats_read(const struct sim_counter_set *cs, unsigned int i)
{
	/* struct cable_stats is all u64 */
	const u64 *v = (const u64 *)&container_of(cs, struct cable_stats_set, set)->stats;

	return i < G_N_ELEMENTS(cable_stats_names) ? v[i] : 0;
}

static const char *cable_stats_scope(const struct sim_counter_set *cs, char *buf)
{
	(void)buf;
	return container_of(cs, struct cable_stats_set, set)->scope;
}

static const struct sim_counter_kind cable_stats_kind = {
	.scope_of = cable_stats_scope, .names = cable_stats_names,
	.n = G_N_ELEMENTS(cable_stats_names), .read = cable_stats_read,
};

/* The counters of end @e, made at their first count or publication. */
static struct cable_stats *cable_end_stats(struct cable_end *e)
{
	if (!e->stats)
		e->stats = g_new0(struct cable_stats_set, 1);
	return &e->stats->stats;
}

static void cable_end_publish(struct cable_end *e)
{
	struct cable_stats_set *pub;

	if (e->published || !e->node)
		return;
	cable_end_stats(e);
	pub = e->stats;
	snprintf(pub->scope, sizeof(pub->scope), "cable.%s", e->ifname);
	sim_counters_register(e->node, &pub->set, &cable_stats_kind);
	e->published = true;
}

/*
 * Published lazily so that the counter sets of the many cables that never
 * lose or alter a frame do not fill every metrics sample with zeros.
 */
void cable_stats_publish(struct cable *c)
{
	for (int i = 0; i < 2; i++)
		cable_end_publish(&c->end[i]);
}

void cable_set_owner(struct cable *c, int side, struct node *node, const char *ifname)
{
	c->end[side].node = node;
	c->end[side].ifname = ifname;
	if (c->loss > 0)
		cable_end_publish(&c->end[side]);
}

static void cable_end_unpublish(struct cable_end *e)
{
	if (e->published)
		sim_counters_unregister(e->node, &e->stats->set);
	e->published = false;
	e->node = NULL;
	e->ifname = NULL;
}

void cable_detach(struct cable *c, int side)
{
	bool was_up = cable_link_up(c);

	cable_end_unpublish(&c->end[side]);

	c->end[side].enabled = false;
	notify_link(c, was_up);
	c->end[side].port = NULL;
	c->end[side].ops = NULL;
}

void cable_enable(struct cable *c, int side, bool enabled)
{
	bool was_up = cable_link_up(c);

	c->end[side].enabled = enabled;
	notify_link(c, was_up);
}

/* The bytes a frame of @len takes on the wire: padded, plus the overhead. */
static u64 cable_wire_bytes(unsigned int len)
{
	return (u64)(len < CABLE_MIN_FRAME ? CABLE_MIN_FRAME : len) + CABLE_WIRE_OVERHEAD;
}

sim_time_t cable_frame_time(const struct cable *c, unsigned int len)
{
	u64 bytes = cable_wire_bytes(len);

	return (sim_time_t)((bytes * 8 * (u64)SIM_NSEC_PER_SEC + c->rate_bps / 2) / c->rate_bps);
}

static void frame_arrive(struct world *w, struct sim_event *ev)
{
	struct cable_frame *f = container_of(ev, struct cable_frame, ev);
	struct cable *c = f->cable;
	struct cable_end *to = &c->end[f->to];
	struct sk_buff *skb = f->skb;

	(void)w;
	list_del_init(&f->list);
	*(void **)f = c->free_frames;	/* back to the free list */
	c->free_frames = f;
	if (!cable_link_up(c)) {
		/* the link went down while the frame was in flight */
		cable_end_stats(&c->end[!f->to])->lost_link++;
		consume_skb(skb);
		return;
	}
	if (f->bad_fcs && to->ops->frame_bad_fcs)
		to->ops->frame_bad_fcs(to->port, skb);
	else
		to->ops->frame_arrived(to->port, skb);
}

/*
 * The frame time of @len, carrying the fraction of a nanosecond over to the
 * next frame, so that back-to-back frames keep the exact line rate (67.2 ns
 * runts at 10 Gbit/s, 14,880,952 frames per second).
 */
static sim_time_t cable_frame_time_exact(const struct cable *c, struct cable_end *e,
					 unsigned int len)
{
	u64 bytes = cable_wire_bytes(len);
	u64 num = bytes * 8 * (u64)SIM_NSEC_PER_SEC + e->tx_rem;

	e->tx_rem = num % c->rate_bps;
	return (sim_time_t)(num / c->rate_bps);
}

static bool cable_fault_draw(struct cable *c, double p)
{
	return p > 0 && sim_rng_double(&c->faults->fault_rng) < p;
}

/*
 * A private copy of @skb with one bit flipped, chosen from the fault
 * stream: the sender's buffer (and its captures, a TCP retransmit queue)
 * keep the good bytes.
 */
static struct sk_buff *cable_corrupt(struct cable *c, int side, struct sk_buff *skb)
{
	struct sk_buff *wire;
	u64 bit;

	if (!skb->len)
		return NULL;
	wire = skb_copy(skb);
	if (!wire)
		return NULL;
	bit = sim_rng_u64(&c->faults->fault_rng) % ((u64)wire->len * 8);
	wire->data[bit / 8] ^= (u8)(1u << (bit % 8));
	cable_end_stats(&c->end[side])->corrupted++;
	return wire;
}

/* Puts @wire on the wire towards @to, to arrive at @t. */
static void cable_launch(struct cable *c, struct sk_buff *wire, int to, sim_time_t t,
			 bool bad_fcs)
{
	struct cable_frame *f = c->free_frames;

	if (f)
		c->free_frames = *(void **)f;
	else
		f = g_new(struct cable_frame, 1);
	wire->dev = NULL;	/* on the wire, nobody's yet */
	skb_scrub_packet(wire, true);
	sim_event_init(&f->ev, frame_arrive);
	f->cable = c;
	f->skb = wire;
	f->to = to;
	f->bad_fcs = bad_fcs;
	list_add_tail(&f->list, &c->inflight);
	sim_schedule(c->w, &f->ev, t);
}

struct cable_faults *cable_faults(struct cable *c)
{
	if (!c->faults) {
		c->faults = g_new0(struct cable_faults, 1);
		cable_rng_derive(c, &c->faults->fault_rng, "cable.fault");
	}
	return c->faults;
}

static bool fault_active(const struct cable *c)
{
	const struct cable_faults *fl = c->faults;

	return fl && (fl->corrupt > 0 || fl->duplicate > 0 || fl->reorder > 0);
}

/*
 * The faults of c->faults, drawn in a fixed order (corrupt, reorder,
 * duplicate) and only while turned on, so that a run without faults draws
 * nothing from the fault stream.
 */
static void cable_xmit_faulty(struct cable *c, int side, struct sk_buff *skb, sim_time_t t)
{
	const struct cable_faults *fl = c->faults;
	struct cable_stats *st = cable_end_stats(&c->end[side]);
	struct sk_buff *wire = NULL, *dup;
	bool bad_fcs = false;

	if (cable_fault_draw(c, fl->corrupt)) {
		wire = cable_corrupt(c, side, skb);
		bad_fcs = wire && !fl->corrupt_fcs_ok;
	}
	if (!wire)
		wire = skb_clone(skb);
	if (!wire) {
		st->lost++;
		return;
	}
	if (cable_fault_draw(c, fl->reorder)) {
		t += fl->reorder_gap;
		st->reordered++;
	}
	if (cable_fault_draw(c, fl->duplicate)) {
		dup = skb_clone(wire);
		if (dup) {
			st->duplicated++;
			/* the copy follows the original back to back */
			cable_launch(c, dup, !side, t + cable_frame_time(c, skb->len), bad_fcs);
		}
	}
	cable_launch(c, wire, !side, t, bad_fcs);
}

sim_time_t cable_xmit(struct cable *c, int side, struct sk_buff *skb)
{
	struct cable_end *from = &c->end[side];
	sim_time_t done = sim_now(c->w) + cable_frame_time_exact(c, from, skb->len);
	struct sk_buff *wire;

	if (!cable_link_up(c)) {
		cable_end_stats(from)->lost_link++;
		return done;
	}
	if (c->loss > 0 && sim_rng_double(c->rng) < c->loss) {
		cable_end_stats(from)->lost++;
		return done;
	}
	if (fault_active(c)) {
		cable_xmit_faulty(c, side, skb, done + c->delay);
		return done;
	}
	wire = skb_clone(skb);
	if (!wire) {
		cable_end_stats(from)->lost++;
		return done;
	}
	cable_launch(c, wire, !side, done + c->delay, false);
	return done;
}
