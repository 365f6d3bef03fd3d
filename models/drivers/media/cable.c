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

struct cable_frame {
	struct sim_event ev;
	struct list_head list;		/* in cable->inflight */
	struct cable *cable;
	struct sk_buff *skb;
	int to;
};

struct cable *cable_create(struct world *w, u64 rate_bps, sim_time_t delay, double loss,
			   const char *rng_name)
{
	struct cable *c = g_new0(struct cable, 1);

	c->w = w;
	c->rate_bps = rate_bps;
	c->delay = delay;
	c->loss = loss;
	INIT_LIST_HEAD(&c->inflight);
	sim_rng_derive(&c->rng, w->seed, rng_name, "cable.loss");
	for (int i = 0; i < 2; i++) {
		c->end[i].cable = c;
		c->end[i].side = i;
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

void cable_attach(struct cable *c, int side, void *port, const struct cable_port_ops *ops)
{
	bool was_up = cable_link_up(c);

	c->end[side].port = port;
	c->end[side].ops = ops;
	notify_link(c, was_up);
}

void cable_detach(struct cable *c, int side)
{
	bool was_up = cable_link_up(c);

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
		c->frames_lost++;
		consume_skb(skb);
		return;
	}
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

sim_time_t cable_xmit(struct cable *c, int side, struct sk_buff *skb)
{
	struct cable_end *from = &c->end[side];
	sim_time_t done = sim_now(c->w) + cable_frame_time_exact(c, from, skb->len);
	struct cable_frame *f;
	struct sk_buff *wire;

	from->tx_frames++;
	from->tx_bytes += cable_wire_bytes(skb->len);
	if (!cable_link_up(c) || (c->loss > 0 && sim_rng_double(&c->rng) < c->loss)) {
		c->frames_lost++;
		return done;
	}
	wire = skb_clone(skb);
	if (!wire) {
		c->frames_lost++;
		return done;
	}
	wire->dev = NULL;	/* on the wire, nobody's yet */
	skb_scrub_packet(wire, true);
	f = c->free_frames;
	if (f)
		c->free_frames = *(void **)f;
	else
		f = g_new(struct cable_frame, 1);
	sim_event_init(&f->ev, frame_arrive);
	f->cable = c;
	f->skb = wire;
	f->to = !side;
	list_add_tail(&f->list, &c->inflight);
	sim_schedule(c->w, &f->ev, done + c->delay);
	return done;
}
