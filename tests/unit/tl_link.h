/*
 * tests/unit/tl_link.h - link-layer fixtures shared by the Check suites
 *
 * Two hosts, a and b, joined by one link (a cable between simnics, or a
 * veth pair, as its sim_link_config says), and test frames of a local
 * experimental EtherType sent from one end to the other.
 */
#ifndef SKBSIM_TL_LINK_H
#define SKBSIM_TL_LINK_H

#include "testlib.h"

#include "linux/netdevice.h"

#define ETH_P_TEST 0x88B5		/* IEEE local experimental */

struct tl_pair {
	struct world *w;
	struct node *a, *b;
	struct net_device *da, *db;	/* the link's ends on a and b */
};

/* a -- b in a world named @name (seed 1) over a link made by @cfg (NULL: a
 * default cable); @a_cfg for a (NULL: defaults).  The devices stay down. */
void tl_pair_setup(struct tl_pair *p, const char *name, const struct node_config *a_cfg,
		   const struct sim_link_config *cfg);
/* ip link set up on both ends */
void tl_pair_up(const struct tl_pair *p);

/* An ETH_P_TEST frame of @len bytes (header included) from @from to @dst,
 * @seq in its first payload bytes, ready for dev_queue_xmit(). */
struct sk_buff *tl_test_frame(struct net_device *from, const u8 *dst, unsigned int len, u32 seq);

#endif
