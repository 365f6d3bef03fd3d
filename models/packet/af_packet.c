/*
 * models/packet/af_packet.c - sending a ready-made frame on a device
 *
 * What a program does on Linux with socket(AF_PACKET, SOCK_RAW) and
 * sendto(): the bytes, link-layer header included, go to dev_queue_xmit()
 * on the chosen device exactly as given.  Tests use it to put crafted or
 * corrupt frames on a link (bad IPv4 headers, bogus ARP) and watch the
 * receiver drop them with a reason.  The checks and errors are those of
 * bind() and packet_snd(): the device must exist (ENODEV) and be up
 * (ENETDOWN), the frame must hold a link-layer header (EINVAL) and fit the
 * MTU plus that header (EMSGSIZE).  The protocol is read from the frame, as
 * packet_parse_headers() does for SOCK_RAW.
 *
 * Until the socket layer exists, scenarios reach it as node:inject().
 */
#include <errno.h>
#include <string.h>

#include "linux/etherdevice.h"
#include "linux/if_ether.h"
#include "linux/netdevice.h"
#include "linux/skbuff.h"
#include "net/net_namespace.h"
#include "sim/err.h"
#include "sim/world.h"
#include "models.h"

static __be16 packet_frame_protocol(const struct net_device *dev, const u8 *data)
{
	const struct ethhdr *eth = (const struct ethhdr *)data;

	if (dev->type != ARPHRD_ETHER)
		return 0;
	/* an 802.3 length field: the kernel calls such frames ETH_P_802_3 */
	if (ntohs(eth->h_proto) < ETH_P_802_3_MIN)
		return htons(ETH_P_802_3);
	return eth->h_proto;
}

/* packet_snd() for a SOCK_RAW socket bound to dev; 0 or -errno */
int packet_snd(struct net_device *dev, const void *data, size_t len)
{
	unsigned int reserve = dev->hard_header_len;
	struct sk_buff *skb;

	if (!(dev->flags & IFF_UP))
		return -ENETDOWN;
	if (len < reserve)
		return -EINVAL;
	if (len > dev->mtu + reserve)
		return -EMSGSIZE;
	skb = alloc_skb(dev_net(dev), (unsigned int)len + NET_SKB_PAD);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, NET_SKB_PAD);
	skb_reset_mac_header(skb);
	skb_put_data(skb, data, (unsigned int)len);
	skb_set_network_header(skb, (int)reserve);
	skb->protocol = packet_frame_protocol(dev, data);
	skb->dev = dev;
	skb->priority = 0;
	/* dev_queue_xmit consumes the skb whatever it returns */
	return dev_queue_xmit(skb) < 0 ? -ENOBUFS : 0;
}

/* world->packet_inject: node:inject(ifname, bytes) */
static int packet_inject(struct node *node, const char *ifname, const void *data,
			 size_t len, struct sim_err *err)
{
	struct net_device *dev = node->net ? __dev_get_by_name(node->net, ifname) : NULL;
	int ret;

	if (!dev)
		return sim_err_set(err, "%s: %s", ifname, strerror(ENODEV));
	ret = packet_snd(dev, data, len);
	if (ret < 0)
		return sim_err_set(err, "%s: %s", ifname, strerror(-ret));
	return 0;
}

static int packet_world_init(struct world *w, struct sim_err *err)
{
	(void)err;
	w->packet_inject = packet_inject;
	return 0;
}

const struct sim_module packet_module = {
	.name = "af_packet",
	.world_init = packet_world_init,
};
