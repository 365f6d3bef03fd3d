/*
 * tests/fuzz/fuzz_rx.c - raw frames handed to netif_receive_skb()
 *
 * No kernel counterpart: a NIC that delivers whatever the wire carried.
 * Built once per receiver, FZ_RX_HOST, FZ_RX_ROUTER or FZ_RX_BRIDGE:
 *   host    h: eth0 10.0.1.2/24 (a cable to p), eth1 10.0.2.2/24 (veth to q),
 *           default via 10.0.1.1;
 *   router  r: eth0 10.0.1.1/24 (cable, a), eth1 10.0.2.1/24 (cable, b),
 *           eth2 10.0.3.1/24 mtu 576 (veth, c: forwarded datagrams are
 *           fragmented), routes via b and c, multipath, unreachable,
 *           prohibit and blackhole routes, source routes accepted;
 *   bridge  sw (STP on, hello_time 10 s, ports eth0-eth1 to x, y; eth2 a
 *           trunk to sw2) and
 *           sw2 (vlan_filtering: eth0 the trunk with vids 10-19, eth1 an
 *           access port of vid 10 to z).
 * Byte 0 of an input steers, the rest is the frame from its Ethernet header:
 *   bits 0-1  the receiving device (of the list below, modulo its length)
 *   bits 2-3  destination MAC: 0 as given, 1 the device's own (the
 *             bridge's br0 for a port), 2 broadcast, 3 01:80:c2:00:00:00
 *   bit 4     IPv4 (EtherType 0x0800): fix the header checksum
 *   bit 5     ... and the ICMP or UDP checksum over what is there
 *   bit 6     run 31 s afterwards (reassembly and neighbour timers expire,
 *             STP ages) rather than 1 ms
 * so the fuzzer gets past the checks it cannot guess.  The world persists
 * across inputs (fragments collect, neighbours resolve, the FDB learns)
 * and is replaced every FZ_RESET_EVERY inputs with a leak check.
 */
#include <string.h>

#include "fuzz_world.h"
#include "linux/etherdevice.h"
#include "linux/if_ether.h"
#include "linux/ip.h"
#include "linux/netdevice.h"
#include "linux/skbuff.h"
#include "net/ip.h"
#include "net/net_namespace.h"

#define FZ_MAX_FRAME (ETH_FRAME_LEN + 8)	/* room for two VLAN tags */

struct rx_port {
	const char *node, *ifname;
};

#if defined(FZ_RX_HOST)
static const struct rx_port rx_ports[] = { { "h", "eth0" }, { "h", "eth1" } };

static void rx_build(struct world *w)
{
	struct node *h = fz_node(w, "host", "h");
	struct node *p = fz_node(w, "host", "p"), *q = fz_node(w, "host", "q");

	fz_link(w, h, p, "cable");
	fz_link(w, h, q, "veth");
	fz_sh_ok(h, "ip link set lo up\n"
		    "ip link set eth0 up\nip addr add 10.0.1.2/24 dev eth0\n"
		    "ip link set eth1 up\nip addr add 10.0.2.2/24 dev eth1\n"
		    "ip route add default via 10.0.1.1\n");
	fz_sh_ok(p, "ip link set eth0 up\nip addr add 10.0.1.1/24 dev eth0\n");
	fz_sh_ok(q, "ip link set eth0 up\nip addr add 10.0.2.1/24 dev eth0\n");
}
#elif defined(FZ_RX_ROUTER)
static const struct rx_port rx_ports[] = {
	{ "r", "eth0" }, { "r", "eth1" }, { "r", "eth2" }, { "r", "eth0" },
};

static void rx_build(struct world *w)
{
	struct node *r = fz_node(w, "router", "r");
	struct node *a = fz_node(w, "host", "a"), *b = fz_node(w, "host", "b");
	struct node *c = fz_node(w, "host", "c");

	fz_link(w, r, a, "cable");
	fz_link(w, r, b, "cable");
	fz_link(w, r, c, "veth");
	fz_sh_ok(r, "ip link set lo up\n"
		    "sysctl -w net.ipv4.conf.all.accept_source_route=1\n"
		    "ip link set eth0 up\nip addr add 10.0.1.1/24 dev eth0\n"
		    "ip link set eth1 up\nip addr add 10.0.2.1/24 dev eth1\n"
		    "ip link set eth2 mtu 576 up\nip addr add 10.0.3.1/24 dev eth2\n"
		    "ip route add 10.9.0.0/16 via 10.0.2.2\n"
		    "ip route add 192.168.0.0/16 via 10.0.3.2\n"
		    "ip route add 10.70.0.0/16 nexthop via 10.0.2.2 nexthop via 10.0.3.2\n"
		    "ip route add unreachable 10.66.0.0/16\n"
		    "ip route add prohibit 10.67.0.0/16\n"
		    "ip route add blackhole 10.68.0.0/16\n"
		    "ip route add default via 10.0.2.2\n");
	fz_sh_ok(a, "ip link set eth0 up\nip addr add 10.0.1.2/24 dev eth0\n"
		    "ip route add default via 10.0.1.1\n");
	fz_sh_ok(b, "ip link set eth0 up\nip addr add 10.0.2.2/24 dev eth0\n"
		    "ip route add default via 10.0.2.1\n");
	fz_sh_ok(c, "ip link set eth0 mtu 576 up\nip addr add 10.0.3.2/24 dev eth0\n"
		    "ip route add default via 10.0.3.1\n");
}
#elif defined(FZ_RX_BRIDGE)
static const struct rx_port rx_ports[] = {
	{ "sw", "eth0" }, { "sw", "eth2" }, { "sw2", "eth0" }, { "sw2", "eth1" },
};

static void rx_build(struct world *w)
{
	struct node *sw = fz_node(w, "bridge", "sw"), *sw2 = fz_node(w, "bridge", "sw2");
	struct node *x = fz_node(w, "host", "x"), *y = fz_node(w, "host", "y");
	struct node *z = fz_node(w, "host", "z");

	fz_link(w, sw, x, "cable");	/* sw eth0 */
	fz_link(w, sw, y, "veth");	/* sw eth1 */
	fz_link(w, sw, sw2, "cable");	/* sw eth2 - sw2 eth0 */
	fz_link(w, sw2, z, "cable");	/* sw2 eth1 */
	/* hello_time 10 s (the most Linux allows), not 2: the 31-s runs of bit
	 * 6 send 3 rounds of BPDUs instead of 15, which was a quarter of the
	 * harness's time; every STP path still runs in each of them */
	fz_sh_ok(sw, "ip link set br0 type bridge stp_state 1 hello_time 1000\n"
		     "ip addr add 10.0.10.254/24 dev br0\n");
	fz_sh_ok(sw2, "ip link set br0 type bridge vlan_filtering 1\n"
		      "bridge vlan add dev eth0 vid 10-19\n"
		      "bridge vlan add dev eth1 vid 10 pvid untagged\n"
		      "bridge vlan del dev eth1 vid 1\n");
	fz_sh_ok(x, "ip link set eth0 up\nip addr add 10.0.10.1/24 dev eth0\n");
	fz_sh_ok(y, "ip link set eth0 up\nip addr add 10.0.10.2/24 dev eth0\n");
	fz_sh_ok(z, "ip link set eth0 up\nip addr add 10.0.10.3/24 dev eth0\n");
}
#else
#error "define FZ_RX_HOST, FZ_RX_ROUTER or FZ_RX_BRIDGE"
#endif

static struct world *rx_world;
static unsigned int rx_inputs;

static struct world *rx_get_world(void)
{
	if (rx_world && ++rx_inputs % FZ_RESET_EVERY == 0) {
		fz_world_free(rx_world);
		rx_world = NULL;
	}
	if (!rx_world) {
		rx_world = fz_world_new("fuzz_rx");
		rx_build(rx_world);
		fz_run(rx_world, SIM_NSEC_PER_SEC);	/* links up, STP settles a little */
	}
	return rx_world;
}

/* The MAC a frame to @dev's node itself carries: br0's for a bridge port. */
static const u8 *rx_own_mac(struct net_device *dev)
{
	struct net_device *br = __dev_get_by_name(dev_net(dev), "br0");

	return br ? br->dev_addr : dev->dev_addr;
}

/* bits 4-5 of the control byte: checksums the fuzzer cannot compute */
static void rx_fix_checksums(u8 *f, size_t len, u8 ctl)
{
	struct iphdr *iph = (struct iphdr *)(f + ETH_HLEN);
	size_t ihl, tot, l4len;
	u8 *l4;

	if (!(ctl & 0x10) || len < ETH_HLEN + sizeof(*iph) ||
	    (f[12] << 8 | f[13]) != ETH_P_IP)
		return;
	ihl = (size_t)iph->ihl * 4;
	if (ihl < sizeof(*iph) || ETH_HLEN + ihl > len)
		return;
	ip_send_check(iph);
	if (!(ctl & 0x20) || (ntohs(iph->frag_off) & (IP_OFFSET | IP_MF)))
		return;
	tot = ntohs(iph->tot_len);
	if (tot < ihl || ETH_HLEN + tot > len)
		return;
	l4 = f + ETH_HLEN + ihl;
	l4len = tot - ihl;
	if (iph->protocol == IPPROTO_ICMP && l4len >= 4) {
		__sum16 sum;

		l4[2] = l4[3] = 0;
		sum = ip_compute_csum(l4, (int)l4len);
		memcpy(l4 + 2, &sum, sizeof(sum));
	} else if (iph->protocol == IPPROTO_UDP && l4len >= 8) {
		__sum16 sum;

		l4[6] = l4[7] = 0;
		sum = csum_tcpudp_magic(iph->saddr, iph->daddr, (u32)l4len, IPPROTO_UDP,
					csum_partial(l4, (int)l4len, 0));
		if (!sum)
			sum = (__sum16)0xffff;	/* RFC 768: 0 means no checksum */
		memcpy(l4 + 6, &sum, sizeof(sum));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 stp_mac[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0, 0, 0 };
	struct world *w = rx_get_world();
	const struct rx_port *port;
	struct net_device *dev;
	struct sk_buff *skb;
	u8 ctl, *f;
	size_t len;

	if (size < 1 + ETH_HLEN || size > 1 + FZ_MAX_FRAME)
		return 0;
	ctl = data[0];
	port = &rx_ports[(ctl & 3) % (sizeof(rx_ports) / sizeof(rx_ports[0]))];
	dev = __dev_get_by_name(world_node(w, port->node)->net, port->ifname);
	len = size - 1;
	skb = netdev_alloc_skb(dev, (unsigned int)len);
	if (!skb)
		return 0;
	f = skb_put_data(skb, data + 1, (unsigned int)len);
	switch ((ctl >> 2) & 3) {
	case 1:
		memcpy(f, rx_own_mac(dev), ETH_ALEN);
		break;
	case 2:
		memset(f, 0xff, ETH_ALEN);
		break;
	case 3:
		memcpy(f, stp_mac, ETH_ALEN);
		break;
	default:
		break;
	}
	rx_fix_checksums(f, len, ctl);
	skb->protocol = eth_type_trans(skb, dev);
	netif_receive_skb(skb);
	fz_run(w, ctl & 0x40 ? 31 * SIM_NSEC_PER_SEC : SIM_NSEC_PER_MSEC);
	return 0;
}

void fz_harness_end(void)
{
	fz_world_free(rx_world);
	rx_world = NULL;
	rx_inputs = 0;
}
