/*
 * tests/unit/tl_link.c - link-layer fixtures shared by the Check suites
 */
#include "tl_link.h"

#include "linux/etherdevice.h"
#include "net/net_namespace.h"

void tl_pair_setup(struct tl_pair *p, const char *name, const struct node_config *a_cfg,
		   const struct sim_link_config *cfg)
{
	struct sim_link_config cable = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct sim_link *link;

	p->w = tl_world(name, 1);
	p->a = world_add_node(p->w, "host", "a", a_cfg, &err);
	p->b = world_add_node(p->w, "host", "b", NULL, &err);
	ck_assert_msg(p->b != NULL, "%s", err.msg);
	link = world_link(p->w, p->a, p->b, cfg ? cfg : &cable, &err);
	ck_assert_msg(link != NULL, "%s", err.msg);
	p->da = __dev_get_by_name(p->a->net, link->ifname[0]);
	p->db = __dev_get_by_name(p->b->net, link->ifname[1]);
	ck_assert_ptr_nonnull(p->da);
	ck_assert_ptr_nonnull(p->db);
}

void tl_pair_up(const struct tl_pair *p)
{
	struct sim_err err = { { 0 } };

	ck_assert_int_eq(dev_open(p->da, &err), 0);
	ck_assert_int_eq(dev_open(p->db, &err), 0);
}

struct sk_buff *tl_test_frame(struct net_device *from, const u8 *dst, unsigned int len, u32 seq)
{
	struct sk_buff *skb = alloc_skb(dev_net(from), len + NET_SKB_PAD);
	struct ethhdr *eth;

	ck_assert_uint_ge(len, ETH_HLEN + sizeof(seq));
	skb_reserve(skb, NET_SKB_PAD);
	eth = skb_put_zero(skb, len);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, from->dev_addr, ETH_ALEN);
	eth->h_proto = htons(ETH_P_TEST);
	memcpy(eth + 1, &seq, sizeof(seq));
	skb->dev = from;
	return skb;
}
