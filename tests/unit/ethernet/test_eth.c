/*
 * tests/unit/ethernet/test_eth.c - Ethernet framing (models/ethernet/eth.c)
 *
 * eth_type_trans() classifying received frames (pkt_type, protocol, the
 * mac header and the 14 bytes pulled), eth_header() building one,
 * ether_setup()'s defaults, eth_hw_addr_random() giving each (seed, node,
 * device name) its own locally administered address whatever the order
 * devices are made in, and mac_pton().
 */
#include "tl_link.h"

#include <errno.h>

#include "linux/etherdevice.h"
#include "net/net_namespace.h"

static struct world *w;
static struct node *a;
static struct net_device *eth0;		/* a's end of a cable */

static void setup(void)
{
	struct tl_pair p;

	tl_pair_setup(&p, "eth", NULL, NULL);
	w = p.w;
	a = p.a;
	eth0 = p.da;
}

static void teardown(void)
{
	ck_assert_uint_eq(skb_pool_in_use(w), 0);
	tl_world_free(w);
}

/* A received frame as a driver hands it over: data at the Ethernet header. */
static struct sk_buff *rx_frame(const u8 *dst, u16 proto, const u8 *payload, unsigned int plen)
{
	struct sk_buff *skb = alloc_skb(a->net, NET_SKB_PAD + ETH_HLEN + plen);
	struct ethhdr *eth;

	skb_reserve(skb, NET_SKB_PAD);
	eth = skb_put_zero(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, "\x02\x00\x00\x00\x00\x99", ETH_ALEN);
	eth->h_proto = htons(proto);
	if (plen)
		skb_put_data(skb, payload, plen);
	return skb;
}

/* ---- eth_type_trans --------------------------------------------------- */

#define SELF ((const u8 *)NULL)		/* the device's own address */

static const struct pkt_type_case {
	const char *name;
	const u8 *dst;
	int pkt_type;
} pkt_type_cases[] = {
	{ "own address", SELF, PACKET_HOST },
	{ "broadcast", (const u8 *)"\xff\xff\xff\xff\xff\xff", PACKET_BROADCAST },
	{ "IPv4 multicast", (const u8 *)"\x01\x00\x5e\x00\x00\x01", PACKET_MULTICAST },
	{ "IPv6 multicast", (const u8 *)"\x33\x33\x00\x00\x00\x01", PACKET_MULTICAST },
	{ "STP (group bit only)", (const u8 *)"\x01\x80\xc2\x00\x00\x00", PACKET_MULTICAST },
	{ "almost broadcast", (const u8 *)"\xff\xff\xff\xff\xff\xfe", PACKET_MULTICAST },
	{ "another host", (const u8 *)"\x02\x00\x00\x00\x00\x01", PACKET_OTHERHOST },
	{ "zero", (const u8 *)"\x00\x00\x00\x00\x00\x00", PACKET_OTHERHOST },
};

START_TEST(test_eth_type_trans_pkt_type)
{
	const struct pkt_type_case *c = &pkt_type_cases[_i];
	struct sk_buff *skb = rx_frame(c->dst ? c->dst : eth0->dev_addr, ETH_P_IP,
				       (const u8 *)"\x45\x00", 2);
	unsigned char *frame = skb->data;
	__be16 proto;

	proto = eth_type_trans(skb, eth0);
	ck_assert_msg(skb->pkt_type == c->pkt_type, "%s: pkt_type %d, want %d", c->name,
		      skb->pkt_type, c->pkt_type);
	ck_assert_uint_eq(proto, htons(ETH_P_IP));
	/* the mac header is where the frame started; data is past it */
	ck_assert_ptr_eq(skb_mac_header(skb), frame);
	ck_assert_ptr_eq(skb->data, frame + ETH_HLEN);
	ck_assert_uint_eq(skb->len, 2);
	ck_assert_uint_eq(skb->mac_len, ETH_HLEN);
	ck_assert_ptr_eq(skb->dev, eth0);
	ck_assert_ptr_eq(eth_hdr(skb)->h_dest, frame);
	consume_skb(skb);
}
END_TEST

START_TEST(test_otherhost_follows_an_address_change)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x42 };
	struct sim_err err = { { 0 } };
	struct sk_buff *skb;

	ck_assert_int_eq(dev_set_mac_address(eth0, mac, &err), 0);
	skb = rx_frame(mac, ETH_P_IP, NULL, 0);
	eth_type_trans(skb, eth0);
	ck_assert_int_eq(skb->pkt_type, PACKET_HOST);
	consume_skb(skb);
}
END_TEST

/*
 * The type/length field: 0x0600 and above is an EtherType, returned as
 * is; below it is an 802.3 length, and the protocol is raw 802.3 (Novell's
 * IPX starts with 0xFFFF) or 802.2 LLC.
 */
static const struct proto_case {
	const char *name;
	u16 field;
	const char *payload;
	unsigned int plen;
	u16 proto;
} proto_cases[] = {
	{ "IPv4", ETH_P_IP, "\x45\x00", 2, ETH_P_IP },
	{ "ARP", ETH_P_ARP, "\x00\x01", 2, ETH_P_ARP },
	{ "IPv6", ETH_P_IPV6, "\x60\x00", 2, ETH_P_IPV6 },
	{ "lowest EtherType", 0x0600, "\x00\x00", 2, 0x0600 },
	{ "local experimental", 0x88b5, "", 0, 0x88b5 },
	{ "802.3 + LLC (STP)", 38, "\x42\x42\x03", 3, ETH_P_802_2 },
	{ "802.3 + SNAP", 46, "\xaa\xaa\x03", 3, ETH_P_802_2 },
	{ "raw 802.3 (IPX)", 30, "\xff\xff\x00\x1e", 4, ETH_P_802_3 },
	{ "largest length", 0x05ff, "\xe0\xe0", 2, ETH_P_802_2 },
	{ "length, one byte of payload", 1, "\xff", 1, ETH_P_802_2 },
	{ "length, no payload", 0, "", 0, ETH_P_802_2 },
};

START_TEST(test_eth_type_trans_protocol)
{
	const struct proto_case *c = &proto_cases[_i];
	struct sk_buff *skb = rx_frame(eth0->dev_addr, c->field, (const u8 *)c->payload, c->plen);
	__be16 proto = eth_type_trans(skb, eth0);

	ck_assert_msg(proto == htons(c->proto), "%s: protocol 0x%04x, want 0x%04x", c->name,
		      ntohs(proto), c->proto);
	ck_assert_uint_eq(skb->len, c->plen);
	ck_assert_int_eq(skb->pkt_type, PACKET_HOST);
	consume_skb(skb);
}
END_TEST

/* ---- eth_header ------------------------------------------------------------- */

START_TEST(test_eth_header_with_destination)
{
	static const u8 dst[ETH_ALEN] = { 0x02, 1, 2, 3, 4, 5 };
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;

	skb_reserve(skb, 64);
	skb_put_zero(skb, 20);
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_IP, dst, NULL, 20), ETH_HLEN);
	ck_assert_uint_eq(skb->len, 20 + ETH_HLEN);
	ck_assert_uint_eq(skb_headroom(skb), 64 - ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert_mem_eq(eth->h_dest, dst, ETH_ALEN);
	ck_assert_mem_eq(eth->h_source, eth0->dev_addr, ETH_ALEN);	/* saddr NULL */
	ck_assert_uint_eq(eth->h_proto, htons(ETH_P_IP));
	ck_assert_ptr_eq(eth0->header_ops->create, eth_header);
	consume_skb(skb);
}
END_TEST

START_TEST(test_eth_header_without_destination)
{
	static const u8 src[ETH_ALEN] = { 0x02, 9, 9, 9, 9, 9 };
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;
	u8 ha[ETH_ALEN];

	skb_reserve(skb, 64);
	/* no daddr: the header is pushed, the neighbour layer fills h_dest */
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_ARP, NULL, src, 0), -ETH_HLEN);
	ck_assert_uint_eq(skb->len, ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert_mem_eq(eth->h_source, src, ETH_ALEN);
	ck_assert_uint_eq(eth->h_proto, htons(ETH_P_ARP));
	/* header_ops->parse reads the source back */
	skb_reset_mac_header(skb);
	ck_assert_int_eq(eth0->header_ops->parse(skb, ha), ETH_ALEN);
	ck_assert_mem_eq(ha, src, ETH_ALEN);
	consume_skb(skb);
}
END_TEST

START_TEST(test_eth_header_802_3_writes_the_length)
{
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;

	skb_reserve(skb, 64);
	skb_put_zero(skb, 38);
	/* ETH_P_802_3/802_2: the field is the payload length (STP, LLC) */
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_802_2, eth0->broadcast, NULL, 38),
			 ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert_uint_eq(ntohs(eth->h_proto), 38);
	skb_pull(skb, ETH_HLEN);
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_802_3, eth0->broadcast, NULL, 38),
			 ETH_HLEN);
	ck_assert_uint_eq(ntohs(eth->h_proto), 38);
	consume_skb(skb);
}
END_TEST

START_TEST(test_eth_header_on_loopback_zeroes_the_destination)
{
	struct net_device *lo = node_net(a)->loopback_dev;
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;

	skb_reserve(skb, 64);
	ck_assert_int_eq(eth_header(skb, lo, ETH_P_IP, NULL, NULL, 0), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert(is_zero_ether_addr(eth->h_dest));
	consume_skb(skb);
}
END_TEST

/* IFF_NOARP: a destination given is copied; only a missing one is zeroed. */
START_TEST(test_eth_header_noarp_keeps_a_given_destination)
{
	static const u8 dst[ETH_ALEN] = { 0x02, 1, 2, 3, 4, 5 };
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;

	eth0->flags |= IFF_NOARP;
	skb_reserve(skb, 64);
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_IP, dst, NULL, 0), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert_mem_eq(eth->h_dest, dst, ETH_ALEN);
	ck_assert_mem_eq(eth->h_source, eth0->dev_addr, ETH_ALEN);
	/* without one: zeros, and the header is complete (ETH_HLEN) */
	memset(eth->h_dest, 0xaa, ETH_ALEN);
	skb_pull(skb, ETH_HLEN);
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_IP, NULL, NULL, 0), ETH_HLEN);
	ck_assert(is_zero_ether_addr(eth->h_dest));
	consume_skb(skb);
}
END_TEST

START_TEST(test_eth_header_on_loopback_keeps_a_given_destination)
{
	static const u8 dst[ETH_ALEN] = { 0x02, 1, 2, 3, 4, 5 };
	struct net_device *lo = node_net(a)->loopback_dev;
	struct sk_buff *skb = alloc_skb(a->net, 128);
	struct ethhdr *eth;

	skb_reserve(skb, 64);
	ck_assert_int_eq(eth_header(skb, lo, ETH_P_IP, dst, NULL, 0), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	ck_assert_mem_eq(eth->h_dest, dst, ETH_ALEN);
	consume_skb(skb);
}
END_TEST

/* ---- ether_setup ------------------------------------------------------------ */

START_TEST(test_ether_setup_defaults)
{
	struct net_device *dev = alloc_etherdev_mqs(a->net, 0, 1, 1);

	ck_assert_str_eq(dev->name, "eth%d");
	ck_assert_uint_eq(dev->type, ARPHRD_ETHER);
	ck_assert_uint_eq(dev->mtu, 1500);
	ck_assert_uint_eq(dev->min_mtu, 68);
	ck_assert_uint_eq(dev->hard_header_len, ETH_HLEN);
	ck_assert_uint_eq(dev->addr_len, ETH_ALEN);
	ck_assert_uint_eq(dev->tx_queue_len, 1000);
	ck_assert_uint_eq(dev->flags, IFF_BROADCAST | IFF_MULTICAST);
	ck_assert(is_broadcast_ether_addr(dev->broadcast));
	ck_assert_ptr_eq(dev->header_ops, &eth_header_ops);
	free_netdev(dev);
}
END_TEST

/* ---- eth_hw_addr_random ------------------------------------------------------ */

/* The random address @node_name's device @ifname gets in a world of @seed. */
static void random_addr(u64 seed, const char *const *nodes, const char *node_name,
			const char *ifname, u8 *addr)
{
	struct world *w2 = tl_world("eth", seed);
	struct sim_err err = { { 0 } };
	struct node *n = NULL;
	struct net_device *dev;

	for (; *nodes; nodes++) {
		struct node *m = world_add_node(w2, "host", *nodes, NULL, &err);

		ck_assert_msg(m != NULL, "%s", err.msg);
		if (strcmp(*nodes, node_name) == 0)
			n = m;
	}
	ck_assert_ptr_nonnull(n);
	dev = alloc_etherdev_mqs(n->net, 0, 1, 1);
	g_strlcpy(dev->name, ifname, sizeof(dev->name));
	eth_hw_addr_random(dev);
	ck_assert_uint_eq(dev->addr_assign_type, NET_ADDR_RANDOM);
	memcpy(addr, dev->dev_addr, ETH_ALEN);
	free_netdev(dev);
	tl_world_free(w2);
}

START_TEST(test_random_address_is_local_unicast)
{
	for (int i = 0; i < 32; i++) {
		struct net_device *dev = alloc_etherdev_mqs(a->net, 0, 1, 1);

		snprintf(dev->name, sizeof(dev->name), "eth%d", i);
		eth_hw_addr_random(dev);
		ck_assert_msg((dev->dev_addr[0] & 0x03) == 0x02, "%s: %02x is not local unicast",
			      dev->name, dev->dev_addr[0]);
		ck_assert(is_valid_ether_addr(dev->dev_addr));
		ck_assert_uint_eq(dev->addr_assign_type, NET_ADDR_RANDOM);
		free_netdev(dev);
	}
}
END_TEST

START_TEST(test_random_address_depends_on_seed_node_and_name)
{
	static const char *const ab[] = { "a", "b", NULL };
	static const char *const ba[] = { "b", "zz", "a", NULL };
	u8 ref[ETH_ALEN], other[ETH_ALEN];

	random_addr(1, ab, "a", "eth0", ref);
	/* same seed, node and name: same address, whatever came before */
	random_addr(1, ba, "a", "eth0", other);
	ck_assert_mem_eq(ref, other, ETH_ALEN);
	/* any of the three different: another address */
	random_addr(2, ab, "a", "eth0", other);
	ck_assert_mem_ne(ref, other, ETH_ALEN);
	random_addr(1, ab, "b", "eth0", other);
	ck_assert_mem_ne(ref, other, ETH_ALEN);
	random_addr(1, ab, "a", "eth1", other);
	ck_assert_mem_ne(ref, other, ETH_ALEN);
}
END_TEST

START_TEST(test_cable_addresses_do_not_depend_on_link_order)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	struct world *w2 = tl_world("eth", 1);
	struct node *c = world_add_node(w2, "host", "c", NULL, &err);
	struct node *b = world_add_node(w2, "host", "b", NULL, &err);
	struct node *a2 = world_add_node(w2, "host", "a", NULL, &err);
	struct net_device *dev;

	/* here c-b is linked first, and a comes last: a's eth0 is the same */
	ck_assert_ptr_nonnull(world_link(w2, c, b, &cfg, &err));
	ck_assert_ptr_nonnull(world_link(w2, a2, b, &cfg, &err));
	dev = __dev_get_by_name(a2->net, "eth0");
	ck_assert_mem_eq(dev->dev_addr, eth0->dev_addr, ETH_ALEN);
	ck_assert_mem_eq(dev->perm_addr, dev->dev_addr, ETH_ALEN);
	ck_assert_uint_eq(dev->addr_assign_type, NET_ADDR_PERM);
	/* b's eth0 in the first world is b's eth1 here: different */
	dev = __dev_get_by_name(b->net, "eth1");
	ck_assert_mem_ne(dev->dev_addr, eth0->dev_addr, ETH_ALEN);
	tl_world_free(w2);
}
END_TEST

/* ---- mac_pton ------------------------------------------------------------------ */

/*
 * The kernel's rules (lib/net_utils.c): at least 17 characters, six pairs
 * of hex digits with ':' between them; what follows is ignored, so
 * "00:11:22:33:44:55:66" is 00:11:22:33:44:55.  Nothing is written unless
 * the address is valid.
 */
static const struct mac_case {
	const char *text;
	bool ok;
	u8 mac[ETH_ALEN];
} mac_cases[] = {
	{ "00:11:22:33:44:55", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	{ "aa:BB:cC:Dd:ee:FF", true, { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff } },
	{ "ff:ff:ff:ff:ff:ff", true, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	/* after 17 characters, anything */
	{ "00:11:22:33:44:55:66", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	{ "00:11:22:33:44:55:", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	{ "00:11:22:33:44:555", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	{ "00:11:22:33:44:55 ", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	{ "00:11:22:33:44:55\n", true, { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 } },
	/* shorter than 17 */
	{ "", false, { 0 } },
	{ "0:11:22:33:44:55", false, { 0 } },		/* one digit */
	{ "00:11:22:33:44:5", false, { 0 } },
	{ "00:11:22:33:44", false, { 0 } },		/* five octets */
	{ "001122334455", false, { 0 } },
	/* 17 or more, but not pairs and colons */
	{ "000:11:22:33:44:55", false, { 0 } },
	{ " 00:11:22:33:44:55", false, { 0 } },
	{ "00-11-22-33-44-55", false, { 0 } },		/* ':' only */
	{ "00.11.22.33.44.55", false, { 0 } },
	{ "00:11:22:33:44:5g", false, { 0 } },		/* bad in the last pair */
	{ "0x:11:22:33:44:55", false, { 0 } },
	{ "00:11:22:33:44:\xb5\xb5", false, { 0 } },	/* not ASCII */
};

START_TEST(test_mac_pton)
{
	static const u8 untouched[ETH_ALEN] = { 0xee, 0xee, 0xee, 0xee, 0xee, 0xee };
	const struct mac_case *c = &mac_cases[_i];
	u8 mac[ETH_ALEN];

	memcpy(mac, untouched, ETH_ALEN);
	ck_assert_msg(mac_pton(c->text, mac) == c->ok, "\"%s\"", c->text);
	ck_assert_mem_eq(mac, c->ok ? c->mac : untouched, ETH_ALEN);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("eth");
	TCase *tc = tcase_create("eth");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_eth_type_trans_pkt_type, 0,
			    (int)G_N_ELEMENTS(pkt_type_cases));
	tcase_add_test(tc, test_otherhost_follows_an_address_change);
	tcase_add_loop_test(tc, test_eth_type_trans_protocol, 0, (int)G_N_ELEMENTS(proto_cases));
	tcase_add_test(tc, test_eth_header_with_destination);
	tcase_add_test(tc, test_eth_header_without_destination);
	tcase_add_test(tc, test_eth_header_802_3_writes_the_length);
	tcase_add_test(tc, test_eth_header_on_loopback_zeroes_the_destination);
	tcase_add_test(tc, test_eth_header_noarp_keeps_a_given_destination);
	tcase_add_test(tc, test_eth_header_on_loopback_keeps_a_given_destination);
	tcase_add_test(tc, test_ether_setup_defaults);
	tcase_add_test(tc, test_random_address_is_local_unicast);
	tcase_add_test(tc, test_random_address_depends_on_seed_node_and_name);
	tcase_add_test(tc, test_cable_addresses_do_not_depend_on_link_order);
	suite_add_tcase(s, tc);
	tc = tcase_create("mac_pton");		/* needs no world */
	tcase_add_loop_test(tc, test_mac_pton, 0, (int)G_N_ELEMENTS(mac_cases));
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
