/*
 * models/drivers/media/cable.h - a full-duplex point-to-point Ethernet cable
 *
 * No kernel counterpart: this is the wire between two PHYs.  Each end
 * transmits independently (full duplex) at the cable's rate; a frame
 * occupies the transmitter for its serialization time, counted with the
 * preamble and start delimiter (8 bytes), the FCS (4) and the inter-frame
 * gap (12), and a frame shorter than the 60-byte minimum is sent padded;
 * it arrives at the other end `delay` after its last bit left.  Frames are
 * lost with probability `loss`, drawn from the cable's own random stream.
 * The link is up (carrier on both PHYs) while both ends are enabled, as
 * when both interfaces are administratively up, and the cable is not cut.
 *
 * Faults (net:fail, see docs/lua-api.md "Faults"), drawn from a second
 * stream of the cable's own ("cable.fault") so that turning one on does not
 * move the loss draws: a cut (the link drops on both PHYs), corruption
 * (one random bit of a frame flipped: with a bad FCS the receiving MAC
 * discards it as a CRC error; with the FCS recomputed, as netem's corrupt
 * or a store-and-forward device that rewrites it, the frame is delivered
 * and the stack's checksums must catch it), duplication (a second copy
 * arrives right behind the first) and reordering (a frame held back by a
 * gap, so that later ones overtake it).
 */
#ifndef _SKBSIM_DRIVERS_MEDIA_CABLE_H
#define _SKBSIM_DRIVERS_MEDIA_CABLE_H

#include "linux/list.h"
#include "linux/skbuff.h"
#include "sim/counters.h"
#include "sim/rng.h"
#include "sim/world.h"

#define CABLE_WIRE_OVERHEAD	(8 + 4 + 12)	/* preamble+SFD, FCS, IFG */
#define CABLE_MIN_FRAME		60		/* without FCS */

struct cable;

/* What a PHY (the NIC) is told by the cable. */
struct cable_port_ops {
	/* A frame's last bit arrived; the port owns @skb from now on. */
	void (*frame_arrived)(void *port, struct sk_buff *skb);
	void (*link_changed)(void *port, bool up);
	/* A frame arrived whose FCS does not match: the MAC discards it. */
	void (*frame_bad_fcs)(void *port, struct sk_buff *skb);
};

/*
 * What net:fail() turned on; all zero: a healthy cable.  Made at the first
 * corrupt/duplicate/reorder fault (cable_faults()): most cables never get one.
 */
struct cable_faults {
	double corrupt;			/* probability a frame has a bit flipped */
	bool corrupt_fcs_ok;		/* ...before the FCS was computed */
	double duplicate;		/* probability a frame arrives twice */
	double reorder;			/* probability a frame is held back */
	sim_time_t reorder_gap;		/* by this much */
	/*
	 * The draws of the faults, derived when the first fault is turned on:
	 * a pure function of the seed and the link, so the same stream as if
	 * made with the cable, and no cable without faults carries it.
	 */
	struct sim_rng fault_rng;
};

/*
 * What the cable did to the frames one end sent, published as the counter
 * set cable.<ifname> of that end's node (docs/reliability.md): the order
 * is cable_stats_names[] in cable.c.
 */
struct cable_stats {
	u64 corrupted;			/* a bit flipped on the wire */
	u64 duplicated;			/* arrived twice */
	u64 reordered;			/* held back by the reorder gap */
	u64 lost_link;			/* sent or in flight while the link was down */
	u64 lost;			/* the cable's random loss */
};

/*
 * The counters of one end and their set cable.<ifname>, made at the first
 * count or publication: most cables never lose or alter a frame, and
 * carry a pointer instead of 40 bytes of zeros per end.
 */
struct cable_stats_set {
	struct cable_stats stats;
	struct sim_counter_set set;	/* registered while published */
	char scope[16 + 8];
};

struct cable_end {
	void *port;
	const struct cable_port_ops *ops;
	u64 tx_rem;			/* serialization remainder, in 1/rate ns */
	struct cable_stats_set *stats;	/* NULL: nothing counted or published yet */
	/* where the stats are published; the set only once cable_stats_publish() */
	struct node *node;
	const char *ifname;		/* the attached device's name */
	bool published;			/* stats->set is registered on node */
	bool enabled;			/* the PHY is powered (interface up) */
};

struct cable {
	struct world *w;
	u64 rate_bps;
	sim_time_t delay;
	double loss;
	struct sim_rng *rng;		/* the loss draws: made only for loss > 0 */
	unsigned int link_id;		/* names the random streams: "link<id>" */
	bool cut;			/* the cable was pulled */
	struct cable_faults *faults;	/* NULL: healthy (no fault turned on yet) */
	struct cable_end end[2];
	struct list_head inflight;	/* struct cable_frame on the wire */
	void *free_frames;		/* struct cable_frame free list */
};

/* @link_id names its random streams "link<id>" (cable.loss, cable.fault). */
struct cable *cable_create(struct world *w, u64 rate_bps, sim_time_t delay, double loss,
			   unsigned int link_id);
void cable_destroy(struct cable *c);
void cable_attach(struct cable *c, int side, void *port, const struct cable_port_ops *ops);
void cable_detach(struct cable *c, int side);
/*
 * Names the node and device of @side for its counters; a cable with random
 * loss publishes them at once, any other at its first fault.
 */
void cable_set_owner(struct cable *c, int side, struct node *node, const char *ifname);
/* net:fail() touched the cable: both ends' counters become visible. */
void cable_stats_publish(struct cable *c);
/* The fault settings of @c for net:fail() to change, made all zero at first. */
struct cable_faults *cable_faults(struct cable *c);
/* The PHY powered up or down (interface up/down). */
void cable_enable(struct cable *c, int side, bool enabled);
bool cable_link_up(const struct cable *c);
/* Pulls the cable out (@cut) or plugs it back: the link drops or returns. */
void cable_cut(struct cable *c, bool cut);
/* Serialization time of a frame of @len bytes (without FCS). */
sim_time_t cable_frame_time(const struct cable *c, unsigned int len);
/*
 * Puts @skb on the wire from @side now.  The cable takes a reference of
 * its own (a clone); returns when the transmitter is free again.
 */
sim_time_t cable_xmit(struct cable *c, int side, struct sk_buff *skb);

#endif
