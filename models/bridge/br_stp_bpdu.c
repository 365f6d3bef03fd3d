/*
 * models/bridge/br_stp_bpdu.c - configuration and TCN BPDUs on the wire
 *
 * Mirrors net/bridge/br_stp_bpdu.c, with the LLC framing net/llc does for
 * it: an 802.3 frame (length, not EtherType) to 01:80:c2:00:00:00 from the
 * port's address, LLC DSAP = SSAP = 0x42 (bridge spanning tree), control
 * 0x03 (UI), then the BPDU of 802.1D clause 9: protocol id 0, version 0,
 * type (0x00 config, 0x80 TCN), and for a config BPDU the flags, root id,
 * root path cost, bridge id, port id and four times in 1/256 s.  The frame
 * leaves as 52 bytes; padding to ETH_ZLEN is the driver's (a veth sends
 * 52 bytes on Linux too, a NIC pads to 60).
 *
 * br_stp_rcv() does what llc_rcv() + stp_pdu_rcv() + br_stp_rcv() do on
 * Linux: trim to the 802.3 length, check LLC, protocol id and version, and
 * pass the decoded BPDU to br_stp.c.  Differences: a malformed BPDU (short,
 * wrong LLC, protocol or type, message age past max age) is dropped with a
 * reason and counted in p->stats.rx_bpdu_malformed, where Linux frees it
 * silently; a BPDU that was acted on is consumed, not kfree'd.
 */
#include "br_private.h"
#include "br_private_stp.h"
#include "linux/skbuff.h"

/* jiffies -> 1/256 s, rounding down as the kernel does */
static void br_set_ticks(unsigned char *dest, int j, unsigned int hz)
{
	unsigned long ticks = (unsigned long)STP_HZ * (unsigned long)j / hz;

	dest[0] = (ticks >> 8) & 0xff;
	dest[1] = ticks & 0xff;
}

/* 1/256 s -> jiffies, rounding up */
static int br_get_ticks(const unsigned char *src, unsigned int hz)
{
	unsigned long ticks = ((unsigned long)src[0] << 8) | src[1];

	return (int)((ticks * hz + STP_HZ - 1) / STP_HZ);
}

static void br_put_bridge_id(unsigned char *dest, const bridge_id *id)
{
	memcpy(dest, id->prio, 2);
	memcpy(dest + 2, id->addr, ETH_ALEN);
}

static void br_get_bridge_id(bridge_id *id, const unsigned char *src)
{
	memcpy(id->prio, src, 2);
	memcpy(id->addr, src + 2, ETH_ALEN);
}

static void br_put_be32(unsigned char *dest, u32 v)
{
	dest[0] = v >> 24;
	dest[1] = v >> 16;
	dest[2] = v >> 8;
	dest[3] = v;
}

/* 802.1D 9.3.1 layout, offsets from the protocol identifier. */
void br_encode_config_bpdu(unsigned char *buf, const struct br_config_bpdu *bpdu,
			   unsigned int hz)
{
	buf[0] = 0;				/* protocol identifier */
	buf[1] = 0;
	buf[2] = 0;				/* version: 802.1D STP */
	buf[3] = BPDU_TYPE_CONFIG;
	buf[4] = (bpdu->topology_change ? 0x01 : 0) | (bpdu->topology_change_ack ? 0x80 : 0);
	br_put_bridge_id(buf + 5, &bpdu->root);
	br_put_be32(buf + 13, (u32)bpdu->root_path_cost);
	br_put_bridge_id(buf + 17, &bpdu->bridge_id);
	buf[25] = bpdu->port_id >> 8;
	buf[26] = bpdu->port_id & 0xff;
	br_set_ticks(buf + 27, bpdu->message_age, hz);
	br_set_ticks(buf + 29, bpdu->max_age, hz);
	br_set_ticks(buf + 31, bpdu->hello_time, hz);
	br_set_ticks(buf + 33, bpdu->forward_delay, hz);
}

/* The inverse, from the flags byte on (@buf = BPDU + 4). */
void br_decode_config_bpdu(const unsigned char *buf, struct br_config_bpdu *bpdu,
			   unsigned int hz)
{
	bpdu->topology_change = !!(buf[0] & 0x01);
	bpdu->topology_change_ack = !!(buf[0] & 0x80);
	br_get_bridge_id(&bpdu->root, buf + 1);
	bpdu->root_path_cost = (int)(((u32)buf[9] << 24) | ((u32)buf[10] << 16) |
				     ((u32)buf[11] << 8) | buf[12]);
	br_get_bridge_id(&bpdu->bridge_id, buf + 13);
	bpdu->port_id = (port_id)((buf[21] << 8) | buf[22]);
	bpdu->message_age = br_get_ticks(buf + 23, hz);
	bpdu->max_age = br_get_ticks(buf + 25, hz);
	bpdu->hello_time = br_get_ticks(buf + 27, hz);
	bpdu->forward_delay = br_get_ticks(buf + 29, hz);
}

/* llc_pdu_header_init + llc_mac_hdr_init + dev_queue_xmit, in one. */
static void br_send_bpdu(struct net_bridge_port *p, const unsigned char *data, int length)
{
	struct net_device *dev = p->dev;
	struct sk_buff *skb;
	unsigned char *llc;

	skb = alloc_skb(dev_net(dev), NET_SKB_PAD + ETH_HLEN + BR_LLC_LEN + length);
	if (!skb)
		return;
	skb_reserve(skb, NET_SKB_PAD + ETH_HLEN);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_802_2);

	skb_reset_network_header(skb);
	llc = skb_put(skb, BR_LLC_LEN);
	llc[0] = LLC_SAP_BSPAN;			/* DSAP */
	llc[1] = LLC_SAP_BSPAN;			/* SSAP, command */
	llc[2] = LLC_PDU_UI;
	skb_put_data(skb, data, length);

	/* the 802.3 length field covers LLC + BPDU, not the padding */
	if (dev->header_ops->create(skb, dev, ETH_P_802_2, p->br->group_addr,
				    dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	skb_reset_mac_header(skb);
	dev_queue_xmit(skb);
}

void br_send_config_bpdu(struct net_bridge_port *p, const struct br_config_bpdu *bpdu)
{
	unsigned char buf[BR_BPDU_CONFIG_LEN];

	if (p->br->stp_enabled != BR_KERNEL_STP)
		return;
	br_encode_config_bpdu(buf, bpdu, br_world(p->br)->hz);
	p->stats.tx_bpdu++;
	br_send_bpdu(p, buf, sizeof(buf));
}

void br_send_tcn_bpdu(struct net_bridge_port *p)
{
	static const unsigned char buf[BR_BPDU_TCN_LEN] = { 0, 0, 0, BPDU_TYPE_TCN };

	if (p->br->stp_enabled != BR_KERNEL_STP)
		return;
	p->stats.tx_bpdu++;
	p->stats.tx_tcn++;
	br_send_bpdu(p, buf, sizeof(buf));
}

/*
 * br_stp_llc_check - what llc_rcv() and stp_pdu_rcv() check first
 *
 * On success the skb holds exactly the BPDU (LLC pulled, padding trimmed).
 */
static enum skb_drop_reason br_stp_llc_check(struct sk_buff *skb)
{
	unsigned int len = ntohs(eth_hdr(skb)->h_proto);
	const unsigned char *llc;

	if (len >= ETH_P_802_3_MIN)		/* an EtherType: not 802.2 */
		return SKB_DROP_REASON_UNHANDLED_PROTO;
	if (len < BR_LLC_LEN + BR_BPDU_TCN_LEN || len > skb->len)
		return SKB_DROP_REASON_PKT_TOO_SMALL;
	skb_trim(skb, len);

	llc = skb->data;
	if (llc[0] != LLC_SAP_BSPAN || llc[1] != LLC_SAP_BSPAN || llc[2] != LLC_PDU_UI)
		return SKB_DROP_REASON_INVALID_PROTO;
	skb_pull(skb, BR_LLC_LEN);

	/* protocol identifier 0 and version 0 (802.1D, not RSTP/MSTP) */
	if (skb->data[0] != 0 || skb->data[1] != 0 || skb->data[2] != 0)
		return SKB_DROP_REASON_INVALID_PROTO;
	return SKB_NOT_DROPPED_YET;
}

/* Drops the BPDU as malformed: counted on the port, reason on the skb. */
static int br_stp_rcv_malformed(struct net_bridge_port *p, struct sk_buff *skb,
				enum skb_drop_reason reason)
{
	p->stats.rx_bpdu_malformed++;
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

/**
 * br_stp_rcv - a frame to the STP group address arrived on @p
 * @skb: always consumed; skb->data just past the Ethernet header
 *
 * Return: NET_RX_SUCCESS if a BPDU was acted on, else NET_RX_DROP.
 */
int br_stp_rcv(struct net_bridge_port *p, struct sk_buff *skb)
{
	struct net_bridge *br = p->br;
	struct br_config_bpdu bpdu;
	enum skb_drop_reason reason;
	unsigned int hz = br_world(br)->hz;

	reason = br_stp_llc_check(skb);
	if (reason != SKB_NOT_DROPPED_YET)
		return br_stp_rcv_malformed(p, skb, reason);

	/* fine BPDUs that this bridge does not listen to now */
	if (br->stp_enabled != BR_KERNEL_STP || !(br->dev->flags & IFF_UP) ||
	    p->state == BR_STATE_DISABLED ||
	    !ether_addr_equal(eth_hdr(skb)->h_dest, br->group_addr)) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}

	if (p->flags & BR_BPDU_GUARD) {		/* an edge port must not hear one */
		br_stp_disable_port(p);
		kfree_skb(skb);
		return NET_RX_DROP;
	}

	switch (skb->data[3]) {
	case BPDU_TYPE_CONFIG:
		if (skb->len < BR_BPDU_CONFIG_LEN)
			return br_stp_rcv_malformed(p, skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		br_decode_config_bpdu(skb->data + 4, &bpdu, hz);
		if (bpdu.message_age > bpdu.max_age)	/* stale: 802.1D 8.7.1 */
			return br_stp_rcv_malformed(p, skb, SKB_DROP_REASON_INVALID_PROTO);
		p->stats.rx_bpdu++;
		br_received_config_bpdu(p, &bpdu);
		break;
	case BPDU_TYPE_TCN:
		p->stats.rx_bpdu++;
		p->stats.rx_tcn++;
		br_received_tcn_bpdu(p);
		break;
	default:
		return br_stp_rcv_malformed(p, skb, SKB_DROP_REASON_INVALID_PROTO);
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}
