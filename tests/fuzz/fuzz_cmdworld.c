/*
 * tests/fuzz/fuzz_cmdworld.c - the world the command harnesses type into
 *
 * No kernel counterpart.  h (host) -- r (router) over a cable, r -- sw
 * (bridge, br0 with its ports) over a veth pair, and h -- sw over a cable:
 * commands find devices of each kind (simnic, veth, bridge, loopback),
 * addresses, routes and neighbours to list, change and delete.  Before
 * each input, h and sw send r an ICMP echo request (over the cable and
 * over the veth pair, whose receive side is r's backlog), so what a
 * command or sysctl changed in the datapath is run: r receives, answers,
 * queues and transmits under the settings the fuzzer made.
 */
#include "fuzz_cmdworld.h"

#include <string.h>

#include "linux/if_ether.h"
#include "linux/ip.h"
#include "linux/netdevice.h"
#include "net/ip.h"
#include "net/net_namespace.h"

static struct world *cmd_world;
static unsigned int cmd_inputs;
static unsigned int cmd_generation;	/* worlds built so far */

static struct world *cmd_world_build(void)
{
	struct world *w = fz_world_new("fuzz_cmd");
	struct node *h = fz_node(w, "host", "h");
	struct node *r = fz_node(w, "router", "r");
	struct node *sw = fz_node(w, "bridge", "sw");

	fz_link(w, h, r, "cable");	/* h eth0 - r eth0 */
	fz_link(w, r, sw, "veth");	/* r eth1 - sw eth0 */
	fz_link(w, h, sw, "cable");	/* h eth1 - sw eth1 */
	fz_sh_ok(h, "ip link set lo up\n"
		    "ip link set eth0 up\nip addr add 10.0.1.2/24 dev eth0\n"
		    "ip link set eth1 up\nip addr add 10.0.3.2/24 dev eth1\n"
		    "ip route add default via 10.0.1.1\n");
	fz_sh_ok(r, "ip link set lo up\n"
		    "ip link set eth0 up\nip addr add 10.0.1.1/24 dev eth0\n"
		    "ip link set eth1 up\nip addr add 10.0.3.1/24 dev eth1\n"
		    "ip route add 10.9.0.0/16 via 10.0.3.2\n"
		    "ip neigh add 10.0.3.7 lladdr 02:00:00:00:00:07 dev eth1\n");
	fz_sh_ok(sw, "ip addr add 10.0.3.3/24 dev br0\n");
	fz_run(w, SIM_NSEC_PER_MSEC);
	return w;
}

/* An ICMP echo request from @from's @ifname (@saddr) to r's @rif (@daddr). */
static void cmd_ping_r(struct world *w, const char *from, const char *ifname, __be32 saddr,
		       const char *rif, __be32 daddr)
{
	struct node *n = world_node(w, from), *r = world_node(w, "r");
	struct net_device *dev = __dev_get_by_name(n->net, ifname);
	struct net_device *rdev = r->net ? __dev_get_by_name(r->net, rif) : NULL;
	u8 f[ETH_HLEN + 20 + 8 + 16] = { 0 };
	struct iphdr *iph = (struct iphdr *)(f + ETH_HLEN);
	u8 *icmp = f + ETH_HLEN + 20;
	struct sim_err err = { { 0 } };
	__sum16 sum;

	if (!dev || !rdev)
		return;			/* the fuzzer deleted it: nothing to send */
	memcpy(f, rdev->dev_addr, ETH_ALEN);
	memcpy(f + ETH_ALEN, dev->dev_addr, ETH_ALEN);
	f[12] = ETH_P_IP >> 8;
	f[13] = ETH_P_IP & 0xff;
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(f) - ETH_HLEN);
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = saddr;
	iph->daddr = daddr;
	ip_send_check(iph);
	icmp[0] = 8;			/* ICMP_ECHO */
	sum = ip_compute_csum(icmp, 8 + 16);
	memcpy(icmp + 2, &sum, sizeof(sum));
	w->packet_inject(n, ifname, f, sizeof(f), &err);	/* down or gone: refused */
}

struct world *fz_cmd_world(void)
{
	if (cmd_world && ++cmd_inputs % FZ_RESET_EVERY == 0) {
		fz_world_free(cmd_world);
		cmd_world = NULL;
	}
	if (!cmd_world) {
		cmd_world = cmd_world_build();
		cmd_generation++;
	}
	cmd_ping_r(cmd_world, "h", "eth0", htonl(0x0a000102), "eth0", htonl(0x0a000101));
	cmd_ping_r(cmd_world, "sw", "eth0", htonl(0x0a000303), "eth1", htonl(0x0a000301));
	return cmd_world;
}

unsigned int fz_cmd_world_generation(void)
{
	return cmd_generation;
}

void fz_harness_end(void)
{
	fz_world_free(cmd_world);
	cmd_world = NULL;
	cmd_inputs = 0;
}
