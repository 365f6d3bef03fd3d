/*
 * models/core/pktgen.c - the in-kernel packet generator
 *
 * Mirrors net/core/pktgen.c of Linux 6.x (version 2.75, with the SHARED
 * flag and 'param=value' parsing): /proc/net/pktgen/pgctrl starts, stops
 * and resets; /proc/net/pktgen/kpktgend_N, one per CPU of the node, takes
 * add_device and rem_device_all; /proc/net/pktgen/<ifname> takes the
 * parameters and shows "Params:", "Current:" and "Result:" as the kernel
 * prints them.  Packets are Ethernet + (MPLS, VLAN) + IPv4 or IPv6 + UDP
 * + the pktgen header (magic 0xbe9be955, sequence number, timestamp),
 * built by fill_packet_ipv4/6 and handed straight to the driver with
 * netdev_start_xmit() on the chosen tx queue (or dev_queue_xmit() /
 * netif_receive_skb() for xmit_mode queue_xmit / netif_receive).  As on
 * Linux the start_xmit path bypasses the qdisc and the taps: a capture on
 * the sending device does not show pktgen's frames, the receiver's does.
 *
 * The kthread kpktgend_N is a sequence of events on CPU N (the worker):
 * with delay 0 it sends until the driver pushes back (queue stopped or
 * NETDEV_TX_BUSY), where the kernel spins; here the worker looks again
 * one frame time later at the device's link speed (the time the NIC
 * needs to free a descriptor), so the ring is refilled as fast as it
 * drains.  While the device sends nothing at all the look backs off, up
 * to 64 frame times; threads spinning on one queue take turns.  Waiting
 * for the last skb at the end (pktgen_wait_for_skb) polls the same way;
 * with a delay the worker sleeps until next_tx, as spin() does.
 *
 * Differences from the kernel:
 *  - "start" returns at once (the kernel's write blocks until the run
 *    ends): run the network to let the threads send;
 *  - without a CPU cost model the thread takes no time; on a device that
 *    never pushes back (lo, veth) it yields after PKTGEN_BATCH packets
 *    and goes on one jiffy later, like a kthread preempted at the tick.
 *    With costs, building a packet charges SIM_COST_CORE plus the bytes
 *    on the thread's CPU, the driver charges its own part, and the next
 *    packet waits until the CPU is free;
 *  - no CONFIG_XFRM (no IPSEC flag, no spi), no paged frags (frags is
 *    kept and shown, data stays linear), no NUMA (node 0 only);
 *  - a run shorter than a nanosecond gives 0pps where the kernel would
 *    divide by zero; frames above 65535 bytes fail as "No memory";
 *    IPDST_RND gives up after 1000 draws in a range of only loopback,
 *    multicast or zero addresses (the kernel loops for ever); "delay
 *    2147483647" (never) sleeps instead of spinning;
 *  - rem_device_all, reset and device removal act at once (the kernel's
 *    thread does it within its next loop, the writer waits 125 ms);
 *  - no IPv6 link-local source yet (the kernel takes the device's);
 *  - clone_skb is refused in queue_xmit mode too: a qdisc queues an skb
 *    once.  See docs/pktgen.md.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "linux/etherdevice.h"
#include "linux/in.h"
#include "linux/inetdevice.h"
#include "linux/interrupt.h"
#include "linux/ip.h"
#include "linux/netdevice.h"
#include "net/ip.h"
#include "net/net_namespace.h"
#include "sim/rng.h"
#include "sim/sh.h"

#define VERSION			"2.75"
#define IP_NAME_SZ		32
#define MAX_MPLS_LABELS		16
#define MPLS_STACK_BOTTOM	0x00000100	/* host order here */
#define MAX_IMIX_ENTRIES	20
#define IMIX_PRECISION		100
#define MAX_CFLOWS		65536
#define PKTGEN_MAGIC		0xbe9be955
#define PG_PROC_DIR		"/proc/net/pktgen"
#define PGCTRL			"pgctrl"

#ifndef ETH_P_MPLS_UC
#define ETH_P_MPLS_UC		0x8847
#endif
#ifndef IFF_TX_SKB_SHARING
/* No driver takes one skb in several tx descriptors yet (simnic queues
 * skbs on a list): clone_skb and burst need it.  See docs/pktgen.md. */
#define IFF_TX_SKB_SHARING	0
#endif
#define CSUM_MANGLED_0		((__sum16)0xffff)

/* skbsim: the worker's bounds (see the header comment) */
#define PKTGEN_BATCH		8192	/* packets per event without pushback */
#define PKTGEN_POLL_MAX_SHIFT	6	/* back-off up to 64 frame times */
#define PKTGEN_POLL_NS		1000	/* poll when the link speed is unknown */
#define PKTGEN_MAX_FRAME	65535
#define PKTGEN_RND_TRIES	1000

#define PKT_FLAGS(pf)							\
	pf(IPV6)		/* Interface in IPV6 Mode */		\
	pf(IPSRC_RND)		/* IP-Src Random  */			\
	pf(IPDST_RND)		/* IP-Dst Random  */			\
	pf(TXSIZE_RND)		/* Transmit size is random */		\
	pf(UDPSRC_RND)		/* UDP-Src Random */			\
	pf(UDPDST_RND)		/* UDP-Dst Random */			\
	pf(UDPCSUM)		/* Include UDP checksum */		\
	pf(NO_TIMESTAMP)	/* Don't timestamp packets */		\
	pf(MPLS_RND)		/* Random MPLS labels */		\
	pf(QUEUE_MAP_RND)	/* queue map Random */			\
	pf(QUEUE_MAP_CPU)	/* queue map mirrors smp_processor_id() */ \
	pf(FLOW_SEQ)		/* Sequential flows */			\
	pf(IPSEC)		/* ipsec on for flows */		\
	pf(MACSRC_RND)		/* MAC-Src Random */			\
	pf(MACDST_RND)		/* MAC-Dst Random */			\
	pf(VID_RND)		/* Random VLAN ID */			\
	pf(SVID_RND)		/* Random SVLAN ID */			\
	pf(NODE)		/* Node memory alloc*/			\
	pf(SHARED)		/* Shared SKB */

#define PF_SHIFT(flag) flag##_SHIFT,
enum pkt_flags { PKT_FLAGS(PF_SHIFT) NR_PKT_FLAGS };
#undef PF_SHIFT
#define PF_BIT(flag) F_##flag = 1u << flag##_SHIFT,
enum { PKT_FLAGS(PF_BIT) };
#undef PF_BIT
#define PF_NAME(flag) #flag,
static const char *const pkt_flag_names[] = { PKT_FLAGS(PF_NAME) };
#undef PF_NAME

/* Xmit modes */
#define M_START_XMIT		0	/* Default normal TX */
#define M_NETIF_RECEIVE		1	/* Inject packets into stack */
#define M_QUEUE_XMIT		2	/* Inject packet into qdisc */

#define REMOVE	1
#define FIND	0

/* Module parameters, defaults. */
static const int pg_count_d = 1000;
static const int pg_delay_d;
static const int pg_clone_skb_d;

static const char version[] =
	"Packet Generator for packet performance testing. Version: " VERSION "\n";

/* ---- wire headers (include/uapi/linux/ipv6.h, udp.h: no model has them yet) */

struct ipv6hdr {
	__be32 vtc_flow;		/* version, traffic class, flow label */
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	struct in6_addr saddr;
	struct in6_addr daddr;
} __attribute__((packed));

struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	__sum16 check;
} __attribute__((packed));

struct pktgen_hdr {
	__be32 pgh_magic;
	__be32 seq_num;
	__be32 tv_sec;
	__be32 tv_usec;
} __attribute__((packed));

/* ---- state -------------------------------------------------------------- */

struct imix_pkt {
	u64 size;
	u64 weight;
	u64 count_so_far;
};

struct flow_state {
	__be32 cur_daddr;
	int count;
	u32 flags;
};

#define F_INIT	(1 << 0)	/* flow has been initialized */

struct pktgen_dev {
	struct pktgen_thread *pg_thread;/* the owner */
	struct list_head list;		/* chaining in the thread's run-queue */
	char entry[IFNAMSIZ + 16];	/* proc file name (ifname, later dev->name) */

	int running;			/* if false, the test will stop */
	u32 flags;
	int xmit_mode;
	int min_pkt_size;
	int max_pkt_size;
	int pkt_overhead;		/* overhead for MPLS, VLANs */
	int nfrags;
	u64 delay;			/* nano-seconds */

	u64 count;			/* Default No packets to send */
	u64 sofar;			/* How many pkts we've sent so far */
	u64 tx_bytes;			/* How many bytes we've transmitted */
	u64 errors;			/* Errors when trying to transmit */

	u32 clone_count;
	int last_ok;			/* Was last skb sent? */
	sim_time_t next_tx;
	sim_time_t started_at;
	sim_time_t stopped_at;
	u64 idle_acc;			/* nano-seconds */

	u32 seq_num;
	int clone_skb;

	char dst_min[IP_NAME_SZ];	/* IP, ie 1.2.3.4 */
	char dst_max[IP_NAME_SZ];
	char src_min[IP_NAME_SZ];
	char src_max[IP_NAME_SZ];

	struct in6_addr in6_saddr;
	struct in6_addr in6_daddr;
	struct in6_addr cur_in6_daddr;
	struct in6_addr cur_in6_saddr;
	struct in6_addr min_in6_daddr;
	struct in6_addr max_in6_daddr;
	struct in6_addr min_in6_saddr;
	struct in6_addr max_in6_saddr;

	__be32 saddr_min;		/* inclusive, source IP address */
	__be32 saddr_max;
	__be32 daddr_min;		/* inclusive, dest IP address */
	__be32 daddr_max;

	u16 udp_src_min;		/* inclusive, source UDP port */
	u16 udp_src_max;		/* exclusive, source UDP port */
	u16 udp_dst_min;
	u16 udp_dst_max;

	u8 tos;
	u8 traffic_class;

	unsigned int n_imix_entries;
	struct imix_pkt imix_entries[MAX_IMIX_ENTRIES];
	u8 imix_distribution[IMIX_PRECISION];

	unsigned int nr_labels;		/* Depth of stack, 0 = no MPLS */
	u32 labels[MAX_MPLS_LABELS];	/* host order */

	u8 vlan_p;
	u8 vlan_cfi;
	u16 vlan_id;			/* 0xffff means no vlan tag */
	u8 svlan_p;
	u8 svlan_cfi;
	u16 svlan_id;			/* 0xffff means no svlan tag */

	u32 src_mac_count;		/* How many MACs to iterate through */
	u32 dst_mac_count;

	u8 dst_mac[ETH_ALEN];
	u8 src_mac[ETH_ALEN];

	u32 cur_dst_mac_offset;
	u32 cur_src_mac_offset;
	__be32 cur_saddr;
	__be32 cur_daddr;
	u16 ip_id;
	u16 cur_udp_dst;
	u16 cur_udp_src;
	u16 cur_queue_map;
	u32 cur_pkt_size;
	u32 last_pkt_size;

	u8 hh[14];			/* the Ethernet header: dst, src, proto */

	struct sk_buff *skb;		/* skb we are to transmit next */
	struct net_device *odev;	/* The out-going device */
	char odevname[32];
	struct flow_state *flows;	/* MAX_CFLOWS of them once flows is set */
	struct flow_state flow0;	/* flows[0] until then */
	unsigned int cflows;		/* Concurrent flows (config) */
	unsigned int lflow;		/* Flow length (config) */
	unsigned int nflows;		/* accumulated flows (stats) */
	unsigned int curfl;		/* current sequenced flow (state) */

	u16 queue_map_min;
	u16 queue_map_max;
	u32 skb_priority;
	unsigned int burst;		/* number of duplicated packets to burst */
	int node;			/* Memory node */

	char result[512];
	struct sim_rng rng;		/* get_random_u32() of this device */
};

/* What the thread is blocked in, where the kernel's kthread would sleep or spin. */
enum pktgen_wait {
	PG_RUNNABLE,
	PG_SPIN,			/* spin(): until spin_until */
	PG_WAIT_SKB,			/* pktgen_wait_for_skb(): until users == 1 */
};

struct pktgen_thread {
	struct list_head if_list;	/* All device here, newest first */
	struct list_head th_list;
	char result[512];
	int cpu;
	char comm[16];			/* kpktgend_N */
	struct pktgen_net *net;

	struct sim_event ev;		/* the worker's next step */
	enum pktgen_wait wait;
	struct pktgen_dev *wait_dev;
	sim_time_t wait_since;
	sim_time_t spin_until;
	unsigned int poll_misses;	/* looks in a row with no frame sent */
	u64 poll_tx_mark;		/* the device's tx_packets at the last look */
};

struct pktgen_net {
	struct net *net;
	struct list_head pktgen_threads;
	bool pktgen_exiting;
	struct notifier_block nb;	/* also how pktgen_pernet() finds us */
	unsigned int debug;
};

enum pg_step {
	PG_NEXT,			/* did something; the worker goes on */
	PG_RETRY,			/* no progress (driver pushed back): look later */
	PG_WAIT,			/* blocked: the thread's event is armed */
};

static int pktgen_remove_device(struct pktgen_thread *t, struct pktgen_dev *pkt_dev);
static int pktgen_add_device(struct pktgen_thread *t, const char *ifname);
static struct pktgen_dev *pktgen_find_dev(struct pktgen_thread *t, const char *ifname,
					  bool exact);
static int pktgen_device_event(struct notifier_block *nb, unsigned long event, void *ptr);
static void pktgen_run_all_threads(struct pktgen_net *pn);
static void pktgen_reset_all_threads(struct pktgen_net *pn);
static void pktgen_stop_all_threads(struct pktgen_net *pn);
static void pktgen_stop(struct pktgen_thread *t);
static void pktgen_clear_counters(struct pktgen_dev *pkt_dev);
static void fill_imix_distribution(struct pktgen_dev *pkt_dev);
static int pktgen_stop_device(struct pktgen_dev *pkt_dev);
static void pktgen_thread_worker(struct world *w, struct sim_event *ev);

static struct world *pg_world(const struct pktgen_dev *pkt_dev)
{
	return pkt_dev->pg_thread->net->net->w;
}

static sim_time_t pg_now(const struct pktgen_dev *pkt_dev)
{
	return sim_now(pg_world(pkt_dev));
}

/* ---- small kernel helpers ------------------------------------------------ */

static u32 get_random_u32_below(struct pktgen_dev *pkt_dev, u32 ceil)
{
	return sim_rng_below(&pkt_dev->rng, ceil);
}

static u32 get_random_u32_inclusive(struct pktgen_dev *pkt_dev, u32 floor, u32 ceil)
{
	u32 span = ceil - floor + 1;

	return floor + (span ? sim_rng_below(&pkt_dev->rng, span) : sim_rng_u32(&pkt_dev->rng));
}

static int hex_to_bin(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)(ch | 0x20);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* net/core/utils.c in_aton(): no checks, digits and dots only. */
static __be32 in_aton(const char *str)
{
	u32 l = 0;

	for (int i = 0; i < 4; i++) {
		l <<= 8;
		if (*str != '\0') {
			u32 val = 0;

			while (*str != '\0' && *str != '.' && *str != '\n') {
				val = val * 10 + (u32)(unsigned char)(*str - '0');
				str++;
			}
			l |= val;
			if (*str != '\0')
				str++;
		}
	}
	return htonl(l);
}

/* %pM */
static char *fmt_mac(char *buf, const u8 *a)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

/* %pI4 */
static char *fmt_ip4(char *buf, __be32 addr)
{
	const u8 *p = (const u8 *)&addr;

	sprintf(buf, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return buf;
}

/* %pI6c: lib/vsprintf.c ip6_compressed_string() */
static char *fmt_ip6(char *buf, const struct in6_addr *addr)
{
	const u8 *a = addr->s6_addr;
	u16 w[8];
	int zerolength[8] = { 0 }, longest = 1, colonpos = -1, range = 8;
	bool useipv4, needcolon = false;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		w[i] = (u16)(a[2 * i] << 8 | a[2 * i + 1]);
	/* v4-mapped ::ffff:a.b.c.d, or ISATAP */
	useipv4 = (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] && w[5] == 0xffff) ||
		  ((w[4] | 0x0200) == 0x0200 && w[5] == 0x5efe);
	if (useipv4)
		range = 6;
	for (int i = 0; i < range; i++)
		for (int j = i; j < range && !w[j]; j++)
			zerolength[i]++;
	for (int i = 0; i < range; i++)
		if (zerolength[i] > longest) {
			longest = zerolength[i];
			colonpos = i;
		}
	if (longest == 1)
		colonpos = -1;
	for (int i = 0; i < range; i++) {
		if (i == colonpos) {
			if (needcolon || i == 0)
				*p++ = ':';
			*p++ = ':';
			needcolon = false;
			i += longest - 1;
			continue;
		}
		if (needcolon)
			*p++ = ':';
		p += sprintf(p, "%x", w[i]);
		needcolon = true;
	}
	if (useipv4) {
		if (needcolon)
			*p++ = ':';
		p += sprintf(p, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
	}
	*p = '\0';
	return buf;
}

/* csum_ipv6_magic() of include/net/ip6_checksum.h: the IPv6 pseudo-header */
static __sum16 csum_ipv6_magic(const struct in6_addr *saddr, const struct in6_addr *daddr,
			       u32 len, u8 proto, __wsum csum)
{
	u64 s = csum_partial(saddr, 16, csum);

	s += csum_partial(daddr, 16, 0);
	s += (u32)htons((u16)proto) + (u32)htons((u16)len);
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return csum_fold((__wsum)s);
}

/* ---- per-node state -------------------------------------------------------- */

/* net_generic(net, pg_net_id): our notifier block is on the chain. */
static struct pktgen_net *pktgen_pernet(struct net *net)
{
	for (struct notifier_block *nb = net ? net->netdev_chain : NULL; nb; nb = nb->next)
		if (nb->notifier_call == pktgen_device_event)
			return container_of(nb, struct pktgen_net, nb);
	return NULL;
}

static void pktgen_create_thread(int cpu, struct pktgen_net *pn)
{
	struct pktgen_thread *t = g_new0(struct pktgen_thread, 1);

	t->cpu = cpu;
	t->net = pn;
	snprintf(t->comm, sizeof(t->comm), "kpktgend_%d", cpu);
	INIT_LIST_HEAD(&t->if_list);
	sim_event_init(&t->ev, pktgen_thread_worker);
	list_add_tail(&t->th_list, &pn->pktgen_threads);
}

/*
 * pg_net_init: made on the first write that needs it, so a node that
 * never uses pktgen costs nothing; until then the files read as fresh.
 */
static struct pktgen_net *pg_net_init(struct net *net)
{
	struct pktgen_net *pn = pktgen_pernet(net);

	if (pn)
		return pn;
	pn = g_new0(struct pktgen_net, 1);
	pn->net = net;
	INIT_LIST_HEAD(&pn->pktgen_threads);
	for (unsigned int cpu = 0; cpu < net->ncpus; cpu++)
		pktgen_create_thread((int)cpu, pn);
	pn->nb.notifier_call = pktgen_device_event;
	register_netdevice_notifier_net(net, &pn->nb);
	return pn;
}

static void pg_net_exit(struct node *node)
{
	struct pktgen_net *pn = pktgen_pernet(node_net(node));

	if (!pn)
		return;
	pn->pktgen_exiting = true;
	while (!list_empty(&pn->pktgen_threads)) {
		struct pktgen_thread *t = list_first_entry(&pn->pktgen_threads,
							   struct pktgen_thread, th_list);
		struct pktgen_dev *pkt_dev;

		sim_cancel(pn->net->w, &t->ev);
		/* the run is over, not dropped: let the skbs go quietly */
		list_for_each_entry(pkt_dev, &t->if_list, list) {
			consume_skb(pkt_dev->skb);
			pkt_dev->skb = NULL;
		}
		pktgen_stop(t);
		while (!list_empty(&t->if_list))
			pktgen_remove_device(t, list_first_entry(&t->if_list,
								 struct pktgen_dev, list));
		list_del(&t->th_list);
		g_free(t);
	}
	unregister_netdevice_notifier_net(pn->net, &pn->nb);
	g_free(pn);
}

static struct pktgen_thread *pktgen_thread_of(struct pktgen_net *pn, unsigned int cpu)
{
	struct pktgen_thread *t;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		if (t->cpu == (int)cpu)
			return t;
	return NULL;
}

/*
 * The thread's worker runs now (after what is already queued for now);
 * unless @force, only a sleeping thread is woken: an armed one comes anyway.
 */
static void pktgen_wake(struct pktgen_thread *t, bool force)
{
	struct world *w = t->net->net->w;

	if (force || !sim_event_pending(&t->ev))
		sim_schedule(w, &t->ev, sim_now(w));
}

/* ---- /proc/net/pktgen/pgctrl ------------------------------------------------ */

static int pgctrl_show(GString *out)
{
	g_string_append(out, version);
	return 0;
}

static int pgctrl_write(struct net *net, const char *buf, size_t count)
{
	char data[128];
	size_t max;
	struct pktgen_net *pn = pktgen_pernet(net);

	if (count < 1)
		return -EINVAL;
	max = min(count, sizeof(data) - 1);
	memcpy(data, buf, max);
	if (data[max - 1] == '\n')
		data[max - 1] = 0;	/* strip trailing '\n', terminate string */
	else
		data[max] = 0;

	if (strcmp(data, "stop") && strcmp(data, "start") && strcmp(data, "reset"))
		return -EINVAL;
	if (!pn)
		return 0;		/* no thread has a device: nothing to do */
	if (!strcmp(data, "stop"))
		pktgen_stop_all_threads(pn);
	else if (!strcmp(data, "start"))
		pktgen_run_all_threads(pn);
	else
		pktgen_reset_all_threads(pn);
	return 0;
}

/* ---- /proc/net/pktgen/<ifname>: show ----------------------------------------- */

static void pktgen_if_show(const struct pktgen_dev *pkt_dev, GString *seq)
{
	char b1[64], b2[64], b3[64];
	sim_time_t stopped;
	unsigned int i;

	g_string_append_printf(seq, "Params: count %llu  min_pkt_size: %u  max_pkt_size: %u\n",
			       (unsigned long long)pkt_dev->count,
			       (unsigned int)pkt_dev->min_pkt_size,
			       (unsigned int)pkt_dev->max_pkt_size);
	if (pkt_dev->n_imix_entries > 0) {
		g_string_append(seq, "     imix_weights: ");
		for (i = 0; i < pkt_dev->n_imix_entries; i++)
			g_string_append_printf(seq, "%llu,%llu ",
					       (unsigned long long)pkt_dev->imix_entries[i].size,
					       (unsigned long long)pkt_dev->imix_entries[i].weight);
		g_string_append(seq, "\n");
	}
	g_string_append_printf(seq, "     frags: %d  delay: %llu  clone_skb: %d  ifname: %s\n",
			       pkt_dev->nfrags, (unsigned long long)pkt_dev->delay,
			       pkt_dev->clone_skb, pkt_dev->odevname);
	g_string_append_printf(seq, "     flows: %u flowlen: %u\n", pkt_dev->cflows,
			       pkt_dev->lflow);
	g_string_append_printf(seq, "     queue_map_min: %u  queue_map_max: %u\n",
			       pkt_dev->queue_map_min, pkt_dev->queue_map_max);
	if (pkt_dev->skb_priority)
		g_string_append_printf(seq, "     skb_priority: %u\n", pkt_dev->skb_priority);
	if (pkt_dev->flags & F_IPV6) {
		g_string_append_printf(seq, "     saddr: %s  min_saddr: %s  max_saddr: %s\n",
				       fmt_ip6(b1, &pkt_dev->in6_saddr),
				       fmt_ip6(b2, &pkt_dev->min_in6_saddr),
				       fmt_ip6(b3, &pkt_dev->max_in6_saddr));
		g_string_append_printf(seq, "     daddr: %s  min_daddr: %s  max_daddr: %s\n",
				       fmt_ip6(b1, &pkt_dev->in6_daddr),
				       fmt_ip6(b2, &pkt_dev->min_in6_daddr),
				       fmt_ip6(b3, &pkt_dev->max_in6_daddr));
	} else {
		g_string_append_printf(seq, "     dst_min: %s  dst_max: %s\n",
				       pkt_dev->dst_min, pkt_dev->dst_max);
		g_string_append_printf(seq, "     src_min: %s  src_max: %s\n",
				       pkt_dev->src_min, pkt_dev->src_max);
	}
	g_string_append_printf(seq, "     src_mac: %s ",
			       fmt_mac(b1, is_zero_ether_addr(pkt_dev->src_mac) ?
				       pkt_dev->odev->dev_addr : pkt_dev->src_mac));
	g_string_append_printf(seq, "dst_mac: %s\n", fmt_mac(b1, pkt_dev->dst_mac));
	g_string_append_printf(seq, "     udp_src_min: %d  udp_src_max: %d  udp_dst_min: %d"
			       "  udp_dst_max: %d\n", pkt_dev->udp_src_min, pkt_dev->udp_src_max,
			       pkt_dev->udp_dst_min, pkt_dev->udp_dst_max);
	g_string_append_printf(seq, "     src_mac_count: %d  dst_mac_count: %d\n",
			       (int)pkt_dev->src_mac_count, (int)pkt_dev->dst_mac_count);
	if (pkt_dev->nr_labels) {
		g_string_append(seq, "     mpls: ");
		for (i = 0; i < pkt_dev->nr_labels; i++)
			g_string_append_printf(seq, "%08x%s", pkt_dev->labels[i],
					       i == pkt_dev->nr_labels - 1 ? "\n" : ", ");
	}
	if (pkt_dev->vlan_id != 0xffff)
		g_string_append_printf(seq, "     vlan_id: %u  vlan_p: %u  vlan_cfi: %u\n",
				       pkt_dev->vlan_id, pkt_dev->vlan_p, pkt_dev->vlan_cfi);
	if (pkt_dev->svlan_id != 0xffff)
		g_string_append_printf(seq, "     svlan_id: %u  vlan_p: %u  vlan_cfi: %u\n",
				       pkt_dev->svlan_id, pkt_dev->svlan_p, pkt_dev->svlan_cfi);
	if (pkt_dev->tos)
		g_string_append_printf(seq, "     tos: 0x%02x\n", pkt_dev->tos);
	if (pkt_dev->traffic_class)
		g_string_append_printf(seq, "     traffic_class: 0x%02x\n", pkt_dev->traffic_class);
	if (pkt_dev->burst > 1)
		g_string_append_printf(seq, "     burst: %d\n", (int)pkt_dev->burst);
	if (pkt_dev->node >= 0)
		g_string_append_printf(seq, "     node: %d\n", pkt_dev->node);
	if (pkt_dev->xmit_mode == M_NETIF_RECEIVE)
		g_string_append(seq, "     xmit_mode: netif_receive\n");
	else if (pkt_dev->xmit_mode == M_QUEUE_XMIT)
		g_string_append(seq, "     xmit_mode: xmit_queue\n");

	g_string_append(seq, "     Flags: ");
	for (i = 0; i < NR_PKT_FLAGS; i++) {
		if (i == FLOW_SEQ_SHIFT && !pkt_dev->cflows)
			continue;
		if (pkt_dev->flags & (1u << i))
			g_string_append_printf(seq, "%s  ", pkt_flag_names[i]);
		else if (i == FLOW_SEQ_SHIFT)
			g_string_append(seq, "FLOW_RND  ");
	}
	g_string_append(seq, "\n");

	/* not really stopped, more like last-running-at */
	stopped = pkt_dev->running ? pg_now(pkt_dev) : pkt_dev->stopped_at;
	g_string_append_printf(seq, "Current:\n     pkts-sofar: %llu  errors: %llu\n",
			       (unsigned long long)pkt_dev->sofar,
			       (unsigned long long)pkt_dev->errors);
	if (pkt_dev->n_imix_entries > 0) {
		g_string_append(seq, "     imix_size_counts: ");
		for (i = 0; i < pkt_dev->n_imix_entries; i++)
			g_string_append_printf(seq, "%llu,%llu ",
					       (unsigned long long)pkt_dev->imix_entries[i].size,
					       (unsigned long long)
					       pkt_dev->imix_entries[i].count_so_far);
		g_string_append(seq, "\n");
	}
	g_string_append_printf(seq, "     started: %lluus  stopped: %lluus idle: %lluus\n",
			       (unsigned long long)(pkt_dev->started_at / SIM_NSEC_PER_USEC),
			       (unsigned long long)(stopped / SIM_NSEC_PER_USEC),
			       (unsigned long long)(pkt_dev->idle_acc / SIM_NSEC_PER_USEC));
	g_string_append_printf(seq, "     seq_num: %d  cur_dst_mac_offset: %d"
			       "  cur_src_mac_offset: %d\n", (int)pkt_dev->seq_num,
			       (int)pkt_dev->cur_dst_mac_offset, (int)pkt_dev->cur_src_mac_offset);
	if (pkt_dev->flags & F_IPV6)
		g_string_append_printf(seq, "     cur_saddr: %s  cur_daddr: %s\n",
				       fmt_ip6(b1, &pkt_dev->cur_in6_saddr),
				       fmt_ip6(b2, &pkt_dev->cur_in6_daddr));
	else
		g_string_append_printf(seq, "     cur_saddr: %s  cur_daddr: %s\n",
				       fmt_ip4(b1, pkt_dev->cur_saddr),
				       fmt_ip4(b2, pkt_dev->cur_daddr));
	g_string_append_printf(seq, "     cur_udp_dst: %d  cur_udp_src: %d\n",
			       pkt_dev->cur_udp_dst, pkt_dev->cur_udp_src);
	g_string_append_printf(seq, "     cur_queue_map: %u\n", pkt_dev->cur_queue_map);
	g_string_append_printf(seq, "     flows: %u\n", pkt_dev->nflows);
	if (pkt_dev->result[0])
		g_string_append_printf(seq, "Result: %s\n", pkt_dev->result);
	else
		g_string_append(seq, "Result: Idle\n");
}

/* ---- the kernel's write parsers, over (buf, count) ------------------------- */

static size_t hex32_arg(const char *buf, size_t maxlen, u32 *num)
{
	size_t i;

	*num = 0;
	for (i = 0; i < maxlen; i++) {
		int value = hex_to_bin(buf[i]);

		if (value < 0)
			break;
		*num = *num << 4 | (u32)value;
	}
	return i;
}

static bool is_trail_char(char c)
{
	return c == '"' || c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '=';
}

static size_t count_trail_chars(const char *buf, size_t maxlen)
{
	size_t i;

	for (i = 0; i < maxlen && is_trail_char(buf[i]); i++)
		;
	return i;
}

static size_t num_arg(const char *buf, size_t maxlen, unsigned long *num)
{
	size_t i;

	*num = 0;
	for (i = 0; i < maxlen && buf[i] >= '0' && buf[i] <= '9'; i++)
		*num = *num * 10 + (unsigned long)(buf[i] - '0');
	return i;
}

/* Length of a word: up to '"', blank or '='. */
static size_t strn_len(const char *buf, size_t maxlen)
{
	size_t i;

	for (i = 0; i < maxlen && buf[i] && !is_trail_char(buf[i]); i++)
		;
	return i;
}

/* "size1,weight1 size2,weight2 ...": 0 or -errno */
static int get_imix_entries(const char *buf, size_t maxlen, struct pktgen_dev *pkt_dev)
{
	size_t i = 0, len;
	char c;

	pkt_dev->n_imix_entries = 0;
	do {
		unsigned long weight, size;

		if (pkt_dev->n_imix_entries >= MAX_IMIX_ENTRIES)
			return -E2BIG;
		if (i >= maxlen)
			return -EINVAL;
		len = num_arg(&buf[i], min((size_t)10, maxlen - i), &size);
		i += len;
		if (i >= maxlen || buf[i] != ',')	/* a comma between size and weight */
			return -EINVAL;
		i++;
		if (i >= maxlen)
			return -EINVAL;
		if (size < 14 + 20 + 8)
			size = 14 + 20 + 8;
		len = num_arg(&buf[i], min((size_t)10, maxlen - i), &weight);
		if (weight == 0)
			return -EINVAL;
		pkt_dev->imix_entries[pkt_dev->n_imix_entries].size = size;
		pkt_dev->imix_entries[pkt_dev->n_imix_entries].weight = weight;
		i += len;
		pkt_dev->n_imix_entries++;
		if (i >= maxlen)
			break;
		c = buf[i++];
	} while (c == ' ');
	return 0;
}

static int get_labels(const char *buf, size_t maxlen, struct pktgen_dev *pkt_dev)
{
	unsigned int n = 0;
	size_t i = 0, len;
	char c;

	pkt_dev->nr_labels = 0;
	do {
		u32 tmp;

		if (n >= MAX_MPLS_LABELS)
			return -E2BIG;
		if (i >= maxlen)
			return -EINVAL;
		len = hex32_arg(&buf[i], min((size_t)8, maxlen - i), &tmp);
		/* return empty list in case of invalid input or zero value */
		if (len == 0 || tmp == 0)
			return 0;
		pkt_dev->labels[n] = tmp;
		if (tmp & MPLS_STACK_BOTTOM)
			pkt_dev->flags |= F_MPLS_RND;
		i += len;
		n++;
		if (i >= maxlen)
			break;
		c = buf[i++];
	} while (c == ',');
	pkt_dev->nr_labels = n;
	return 0;
}

static u32 pktgen_read_flag(const char *f, bool *disable)
{
	if (f[0] == '!') {
		*disable = true;
		f++;
	}
	for (u32 i = 0; i < NR_PKT_FLAGS; i++) {
		if (i == IPSEC_SHIFT)		/* !IS_ENABLED(CONFIG_XFRM) */
			continue;
		if (!*disable && i == IPV6_SHIFT)	/* allow only disabling ipv6 flag */
			continue;
		if (strcmp(f, pkt_flag_names[i]) == 0)
			return 1u << i;
	}
	if (strcmp(f, "FLOW_RND") == 0) {
		*disable = !*disable;
		return F_FLOW_SEQ;
	}
	return 0;
}

/* ---- /proc/net/pktgen/<ifname>: the parameters ---------------------------- */

/*
 * One handler per parameter name: @arg is what follows the name and its
 * separators, @len its length.  0 or -errno; each writes pkt_dev->result
 * as the kernel's branch of pktgen_if_write() does.
 */
typedef int pg_param_fn(struct pktgen_dev *pkt_dev, const char *arg, size_t len);

static unsigned long pg_num(const char *arg, size_t len, size_t digits)
{
	unsigned long value;

	num_arg(arg, min(digits, len), &value);
	return value;
}

/* A word of at most @size - 1 characters, NUL-terminated, in @out. */
static void pg_word(const char *arg, size_t len, char *out, size_t size)
{
	size_t n = strn_len(arg, min(size - 1, len));

	memcpy(out, arg, n);
	out[n] = '\0';
}

static bool pg_can_share(const struct pktgen_dev *pkt_dev)
{
	return pkt_dev->odev->priv_flags & IFF_TX_SKB_SHARING;
}

static int pg_pkt_size(struct pktgen_dev *pkt_dev, unsigned long value, int which)
{
	static const char *const names[] = { "min_pkt_size", "max_pkt_size", "pkt_size" };
	int *field = which == 1 ? &pkt_dev->max_pkt_size : &pkt_dev->min_pkt_size;

	if (value < 14 + 20 + 8)
		value = 14 + 20 + 8;
	if (value != (unsigned long)(long)*field) {
		*field = (int)(u32)value;
		if (which == 2)
			pkt_dev->max_pkt_size = *field;
		pkt_dev->cur_pkt_size = (u32)value;
	}
	sprintf(pkt_dev->result, "OK: %s=%d", names[which], *field);
	return 0;
}

static int pg_min_pkt_size(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_pkt_size(d, pg_num(a, l, 10), 0);
}

static int pg_max_pkt_size(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_pkt_size(d, pg_num(a, l, 10), 1);
}

/* Shortcut for min = max */
static int pg_set_pkt_size(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_pkt_size(d, pg_num(a, l, 10), 2);
}

static int pg_imix_weights(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	int err;

	if (pkt_dev->clone_skb > 0)
		return -EINVAL;
	err = get_imix_entries(arg, len, pkt_dev);
	if (err < 0)
		return err;
	fill_imix_distribution(pkt_dev);
	return 0;
}

static int pg_debug(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	struct pktgen_net *pn = pkt_dev->pg_thread->net;

	pn->debug = (unsigned int)pg_num(arg, len, 10);
	sprintf(pkt_dev->result, "OK: debug=%u", pn->debug);
	return 0;
}

static int pg_frags(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->nfrags = (int)(u32)pg_num(arg, len, 10);
	sprintf(pkt_dev->result, "OK: frags=%d", pkt_dev->nfrags);
	return 0;
}

static int pg_delay(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	pkt_dev->delay = value == 0x7FFFFFFF ? ULLONG_MAX : (u64)value;
	sprintf(pkt_dev->result, "OK: delay=%llu", (unsigned long long)pkt_dev->delay);
	return 0;
}

/* rate: Mbit/s at min_pkt_size */
static int pg_rate(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	if (!value)
		return -EINVAL;
	pkt_dev->delay = (u64)(long)pkt_dev->min_pkt_size * 8 * 1000 / value;
	sprintf(pkt_dev->result, "OK: rate=%lu", value);
	return 0;
}

/* ratep: packets per second */
static int pg_ratep(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	if (!value)
		return -EINVAL;
	pkt_dev->delay = (u64)SIM_NSEC_PER_SEC / value;
	sprintf(pkt_dev->result, "OK: rate=%lu", value);
	return 0;
}

static int pg_udp_port(struct pktgen_dev *pkt_dev, const char *name, unsigned long value,
		       u16 *field, u16 *cur)
{
	if (value != *field) {
		*field = (u16)value;
		*cur = (u16)value;
	}
	sprintf(pkt_dev->result, "OK: %s=%u", name, *field);
	return 0;
}

static int pg_udp_src_min(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_udp_port(d, "udp_src_min", pg_num(a, l, 10), &d->udp_src_min, &d->cur_udp_src);
}

static int pg_udp_dst_min(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_udp_port(d, "udp_dst_min", pg_num(a, l, 10), &d->udp_dst_min, &d->cur_udp_dst);
}

static int pg_udp_src_max(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_udp_port(d, "udp_src_max", pg_num(a, l, 10), &d->udp_src_max, &d->cur_udp_src);
}

static int pg_udp_dst_max(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_udp_port(d, "udp_dst_max", pg_num(a, l, 10), &d->udp_dst_max, &d->cur_udp_dst);
}

static int pg_clone_skb(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	/* clone_skb is not supported for netif_receive xmit_mode and IMIX mode;
	 * skbsim: nor for queue_xmit, whose qdisc queue holds each skb once */
	if (value > 0 && (pkt_dev->xmit_mode != M_START_XMIT || !pg_can_share(pkt_dev)))
		return -EOPNOTSUPP;
	if (value > 0 && (pkt_dev->n_imix_entries > 0 || !(pkt_dev->flags & F_SHARED)))
		return -EINVAL;
	pkt_dev->clone_skb = (int)(u32)value;
	sprintf(pkt_dev->result, "OK: clone_skb=%d", pkt_dev->clone_skb);
	return 0;
}

static int pg_count(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->count = pg_num(arg, len, 10);
	sprintf(pkt_dev->result, "OK: count=%llu", (unsigned long long)pkt_dev->count);
	return 0;
}

static int pg_mac_count(struct pktgen_dev *pkt_dev, const char *name, unsigned long value,
			u32 *field, u32 *offset)
{
	if (*field != value) {
		*field = (u32)value;
		*offset = 0;
	}
	sprintf(pkt_dev->result, "OK: %s=%d", name, (int)*field);
	return 0;
}

static int pg_src_mac_count(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_mac_count(d, "src_mac_count", pg_num(a, l, 10), &d->src_mac_count,
			    &d->cur_src_mac_offset);
}

static int pg_dst_mac_count(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_mac_count(d, "dst_mac_count", pg_num(a, l, 10), &d->dst_mac_count,
			    &d->cur_dst_mac_offset);
}

static int pg_burst(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	if (value > 1 && (pkt_dev->xmit_mode == M_QUEUE_XMIT ||
			  (pkt_dev->xmit_mode == M_START_XMIT && !pg_can_share(pkt_dev))))
		return -EOPNOTSUPP;
	if (value > 1 && !(pkt_dev->flags & F_SHARED))
		return -EINVAL;
	pkt_dev->burst = value < 1 ? 1 : (unsigned int)value;
	sprintf(pkt_dev->result, "OK: burst=%u", pkt_dev->burst);
	return 0;
}

static int pg_node(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	if (value == 0) {		/* node_possible(): one NUMA node */
		pkt_dev->node = 0;
		sprintf(pkt_dev->result, "OK: node=%d", pkt_dev->node);
	} else {
		sprintf(pkt_dev->result, "ERROR: node not possible");
	}
	return 0;
}

static int pg_xmit_mode(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	char f[32];

	pg_word(arg, len, f, sizeof(f));
	if (strcmp(f, "start_xmit") == 0) {
		pkt_dev->xmit_mode = M_START_XMIT;
	} else if (strcmp(f, "netif_receive") == 0 || strcmp(f, "queue_xmit") == 0) {
		/* clone_skb set earlier, not supported in this mode */
		if (pkt_dev->clone_skb > 0)
			return -EOPNOTSUPP;
		pkt_dev->xmit_mode = f[0] == 'n' ? M_NETIF_RECEIVE : M_QUEUE_XMIT;
		/* make sure new packet is allocated every time pktgen_xmit() is called */
		pkt_dev->last_ok = 1;
	} else {
		snprintf(pkt_dev->result, sizeof(pkt_dev->result),
			 "xmit_mode -:%s:- unknown\nAvailable modes: %s", f,
			 "start_xmit, netif_receive\n");
		return 0;
	}
	sprintf(pkt_dev->result, "OK: xmit_mode=%s", f);
	return 0;
}

static int pg_flag(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	bool disable = false;
	char f[32];
	size_t off;
	u32 flag;

	pg_word(arg, len, f, sizeof(f));
	flag = pktgen_read_flag(f, &disable);
	if (flag) {
		if (disable) {
			/* with clone_skb or burst pktgen still references the skb */
			if (flag == F_SHARED && (pkt_dev->clone_skb || pkt_dev->burst > 1))
				return -EINVAL;
			pkt_dev->flags &= ~flag;
		} else {
			pkt_dev->flags |= flag;
		}
		sprintf(pkt_dev->result, "OK: flags=0x%x", pkt_dev->flags);
		return 0;
	}
	/* Unknown flag */
	off = (size_t)snprintf(pkt_dev->result, sizeof(pkt_dev->result),
			       "Flag -:%s:- unknown\nAvailable flags, (prepend ! to un-set flag):\n",
			       f);
	for (int n = 0; n < NR_PKT_FLAGS && off < sizeof(pkt_dev->result); n++) {
		if (n == IPSEC_SHIFT)
			continue;
		off += (size_t)snprintf(pkt_dev->result + off, sizeof(pkt_dev->result) - off,
					"%s, ", pkt_flag_names[n]);
	}
	if (off < sizeof(pkt_dev->result))
		pkt_dev->result[off - 2] = '\0';	/* the comma and blank at the end */
	return 0;
}

static int pg_addr4(struct pktgen_dev *pkt_dev, const char *name, const char *arg, size_t len,
		    char *str, __be32 *addr, __be32 *cur)
{
	char buf[IP_NAME_SZ];

	pg_word(arg, len, buf, sizeof(buf));
	if (strcmp(buf, str) != 0) {
		memset(str, 0, IP_NAME_SZ);
		strcpy(str, buf);
		*addr = in_aton(str);
		*cur = *addr;
	}
	sprintf(pkt_dev->result, "OK: %s=%s", name, str);
	return 0;
}

static int pg_dst_min(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr4(d, "dst_min", a, l, d->dst_min, &d->daddr_min, &d->cur_daddr);
}

static int pg_dst_max(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr4(d, "dst_max", a, l, d->dst_max, &d->daddr_max, &d->cur_daddr);
}

static int pg_src_min(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr4(d, "src_min", a, l, d->src_min, &d->saddr_min, &d->cur_saddr);
}

static int pg_src_max(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr4(d, "src_max", a, l, d->src_max, &d->saddr_max, &d->cur_saddr);
}

/* dst6, dst6_min, dst6_max, src6: switch to IPv6; in6_pton() keeps the old
 * address when the text does not parse */
static int pg_addr6(struct pktgen_dev *pkt_dev, const char *name, const char *arg, size_t len,
		    struct in6_addr *addr, struct in6_addr *cur)
{
	char buf[128], out[64];
	struct in6_addr a;

	pkt_dev->flags |= F_IPV6;
	pg_word(arg, len, buf, sizeof(buf));
	if (inet_pton(AF_INET6, buf, &a) == 1)
		*addr = a;
	if (cur)
		*cur = *addr;
	sprintf(pkt_dev->result, "OK: %s=%s", name, fmt_ip6(out, addr));
	return 0;
}

static int pg_dst6(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr6(d, "dst6", a, l, &d->in6_daddr, &d->cur_in6_daddr);
}

static int pg_dst6_min(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr6(d, "dst6_min", a, l, &d->min_in6_daddr, &d->cur_in6_daddr);
}

static int pg_dst6_max(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr6(d, "dst6_max", a, l, &d->max_in6_daddr, NULL);
}

static int pg_src6(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_addr6(d, "src6", a, l, &d->in6_saddr, &d->cur_in6_saddr);
}

static int pg_mac(struct pktgen_dev *pkt_dev, const char *arg, size_t len, bool dst)
{
	u8 *mac = dst ? pkt_dev->dst_mac : pkt_dev->src_mac;
	char valstr[32], b[24];

	memset(valstr, 0, sizeof(valstr));
	pg_word(arg, len, valstr, sizeof(valstr));
	if (!mac_pton(valstr, mac))
		return -EINVAL;
	memcpy(&pkt_dev->hh[dst ? 0 : 6], mac, ETH_ALEN);
	sprintf(pkt_dev->result, "OK: %s %s", dst ? "dstmac" : "srcmac", fmt_mac(b, mac));
	return 0;
}

static int pg_dst_mac(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_mac(d, a, l, true);
}

static int pg_src_mac(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_mac(d, a, l, false);
}

static int pg_clear_counters(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	(void)arg, (void)len;
	pktgen_clear_counters(pkt_dev);
	sprintf(pkt_dev->result, "OK: Clearing counters.\n");
	return 0;
}

static int pg_flows(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 10);

	if (value > MAX_CFLOWS)
		value = MAX_CFLOWS;
	pkt_dev->cflows = (unsigned int)value;
	if (value && !pkt_dev->flows) {
		pkt_dev->flows = g_new0(struct flow_state, MAX_CFLOWS);
		pkt_dev->flows[0] = pkt_dev->flow0;
	}
	sprintf(pkt_dev->result, "OK: flows=%u", pkt_dev->cflows);
	return 0;
}

static int pg_flowlen(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->lflow = (unsigned int)pg_num(arg, len, 10);
	sprintf(pkt_dev->result, "OK: flowlen=%u", pkt_dev->lflow);
	return 0;
}

static int pg_queue_map_min(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->queue_map_min = (u16)pg_num(arg, len, 5);
	sprintf(pkt_dev->result, "OK: queue_map_min=%u", pkt_dev->queue_map_min);
	return 0;
}

static int pg_queue_map_max(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->queue_map_max = (u16)pg_num(arg, len, 5);
	sprintf(pkt_dev->result, "OK: queue_map_max=%u", pkt_dev->queue_map_max);
	return 0;
}

static int pg_mpls(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	int err = get_labels(arg, len, pkt_dev), cnt;

	if (err < 0)
		return err;
	cnt = sprintf(pkt_dev->result, "OK: mpls=");
	for (unsigned int n = 0; n < pkt_dev->nr_labels; n++)
		cnt += sprintf(pkt_dev->result + cnt, "%08x%s", pkt_dev->labels[n],
			       n == pkt_dev->nr_labels - 1 ? "" : ",");
	if (pkt_dev->nr_labels && pkt_dev->vlan_id != 0xffff) {
		pkt_dev->vlan_id = 0xffff;	/* turn off VLAN/SVLAN */
		pkt_dev->svlan_id = 0xffff;
	}
	return 0;
}

static int pg_vlan_id(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 4);

	if (value <= 4095) {
		pkt_dev->vlan_id = (u16)value;	/* turn on VLAN */
		pkt_dev->nr_labels = 0;		/* turn off MPLS */
		sprintf(pkt_dev->result, "OK: vlan_id=%u", pkt_dev->vlan_id);
	} else {
		pkt_dev->vlan_id = 0xffff;	/* turn off VLAN/SVLAN */
		pkt_dev->svlan_id = 0xffff;
	}
	return 0;
}

static int pg_svlan_id(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	unsigned long value = pg_num(arg, len, 4);

	if (value <= 4095 && pkt_dev->vlan_id != 0xffff) {
		pkt_dev->svlan_id = (u16)value;	/* turn on SVLAN */
		pkt_dev->nr_labels = 0;
		sprintf(pkt_dev->result, "OK: svlan_id=%u", pkt_dev->svlan_id);
	} else {
		pkt_dev->vlan_id = 0xffff;
		pkt_dev->svlan_id = 0xffff;
	}
	return 0;
}

/* vlan_p, vlan_cfi, svlan_p, svlan_cfi: one digit, only with the tag on */
static int pg_tag_bits(struct pktgen_dev *pkt_dev, const char *name, const char *arg,
		       size_t len, unsigned long limit, u16 tag_id, u8 *field)
{
	unsigned long value = pg_num(arg, len, 1);

	if (value <= limit && tag_id != 0xffff) {
		*field = (u8)value;
		sprintf(pkt_dev->result, "OK: %s=%u", name, *field);
	} else {
		sprintf(pkt_dev->result, "ERROR: %s must be 0-%lu", name, limit);
	}
	return 0;
}

static int pg_vlan_p(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_tag_bits(d, "vlan_p", a, l, 7, d->vlan_id, &d->vlan_p);
}

static int pg_vlan_cfi(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_tag_bits(d, "vlan_cfi", a, l, 1, d->vlan_id, &d->vlan_cfi);
}

static int pg_svlan_p(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_tag_bits(d, "svlan_p", a, l, 7, d->svlan_id, &d->svlan_p);
}

static int pg_svlan_cfi(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_tag_bits(d, "svlan_cfi", a, l, 1, d->svlan_id, &d->svlan_cfi);
}

/* tos, traffic_class: exactly two hex digits */
static int pg_dscp(struct pktgen_dev *pkt_dev, const char *name, const char *arg, size_t len,
		   u8 *field)
{
	u32 value;

	if (hex32_arg(arg, min((size_t)2, len), &value) == 2) {
		*field = (u8)value;
		sprintf(pkt_dev->result, "OK: %s=0x%02x", name, *field);
	} else {
		sprintf(pkt_dev->result, "ERROR: %s must be 00-ff", name);
	}
	return 0;
}

static int pg_tos(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_dscp(d, "tos", a, l, &d->tos);
}

static int pg_traffic_class(struct pktgen_dev *d, const char *a, size_t l)
{
	return pg_dscp(d, "traffic_class", a, l, &d->traffic_class);
}

static int pg_skb_priority(struct pktgen_dev *pkt_dev, const char *arg, size_t len)
{
	pkt_dev->skb_priority = (u32)pg_num(arg, len, 9);
	sprintf(pkt_dev->result, "OK: skb_priority=%i", (int)pkt_dev->skb_priority);
	return 0;
}

static const struct {
	const char *name;
	pg_param_fn *fn;
} pktgen_params[] = {
	{ "burst", pg_burst },
	{ "clear_counters", pg_clear_counters },
	{ "clone_skb", pg_clone_skb },
	{ "count", pg_count },
	{ "debug", pg_debug },
	{ "delay", pg_delay },
	{ "dst", pg_dst_min },
	{ "dst6", pg_dst6 },
	{ "dst6_max", pg_dst6_max },
	{ "dst6_min", pg_dst6_min },
	{ "dst_mac", pg_dst_mac },
	{ "dst_mac_count", pg_dst_mac_count },
	{ "dst_max", pg_dst_max },
	{ "dst_min", pg_dst_min },
	{ "flag", pg_flag },
	{ "flowlen", pg_flowlen },
	{ "flows", pg_flows },
	{ "frags", pg_frags },
	{ "imix_weights", pg_imix_weights },
	{ "max_pkt_size", pg_max_pkt_size },
	{ "min_pkt_size", pg_min_pkt_size },
	{ "mpls", pg_mpls },
	{ "node", pg_node },
	{ "pkt_size", pg_set_pkt_size },
	{ "queue_map_max", pg_queue_map_max },
	{ "queue_map_min", pg_queue_map_min },
	{ "rate", pg_rate },
	{ "ratep", pg_ratep },
	{ "skb_priority", pg_skb_priority },
	{ "src6", pg_src6 },
	{ "src_mac", pg_src_mac },
	{ "src_mac_count", pg_src_mac_count },
	{ "src_max", pg_src_max },
	{ "src_min", pg_src_min },
	{ "svlan_cfi", pg_svlan_cfi },
	{ "svlan_id", pg_svlan_id },
	{ "svlan_p", pg_svlan_p },
	{ "tos", pg_tos },
	{ "traffic_class", pg_traffic_class },
	{ "udp_dst_max", pg_udp_dst_max },
	{ "udp_dst_min", pg_udp_dst_min },
	{ "udp_src_max", pg_udp_src_max },
	{ "udp_src_min", pg_udp_src_min },
	{ "vlan_cfi", pg_vlan_cfi },
	{ "vlan_id", pg_vlan_id },
	{ "vlan_p", pg_vlan_p },
	{ "xmit_mode", pg_xmit_mode },
};

static int pktgen_if_write(struct pktgen_dev *pkt_dev, const char *buf, size_t count)
{
	size_t i, len;
	char name[16];

	if (count < 1)
		return -EINVAL;		/* "wrong command format" */
	i = count_trail_chars(buf, count);
	/* Read variable name */
	len = strn_len(&buf[i], min(sizeof(name) - 1, count - i));
	memcpy(name, &buf[i], len);
	name[len] = '\0';
	i += len;
	i += count_trail_chars(&buf[i], count - i);

	for (size_t k = 0; k < ARRAY_SIZE(pktgen_params); k++) {
		if (strcmp(name, pktgen_params[k].name) == 0) {
			int err = pktgen_params[k].fn(pkt_dev, &buf[i], count - i);

			/* a new delay may end a "never transmit" sleep */
			if (!err && pkt_dev->running)
				pktgen_wake(pkt_dev->pg_thread, false);
			return err;
		}
	}
	snprintf(pkt_dev->result, sizeof(pkt_dev->result), "No such parameter \"%s\"", name);
	return -EINVAL;
}

/* ---- /proc/net/pktgen/kpktgend_N ----------------------------------------------- */

static void pktgen_thread_show(const struct pktgen_thread *t, GString *seq)
{
	const struct pktgen_dev *pkt_dev;

	g_string_append(seq, "Running: ");
	if (t)
		list_for_each_entry(pkt_dev, &t->if_list, list)
			if (pkt_dev->running)
				g_string_append_printf(seq, "%s ", pkt_dev->odevname);
	g_string_append(seq, "\nStopped: ");
	if (t)
		list_for_each_entry(pkt_dev, &t->if_list, list)
			if (!pkt_dev->running)
				g_string_append_printf(seq, "%s ", pkt_dev->odevname);
	if (t && t->result[0])
		g_string_append_printf(seq, "\nResult: %s\n", t->result);
	else
		g_string_append(seq, "\nResult: NA\n");
}

static void pktgen_rem_all_ifs(struct pktgen_thread *t);

static int pktgen_thread_write(struct pktgen_thread *t, const char *buf, size_t count)
{
	size_t i, len;
	char name[40];
	int ret;

	if (count < 1)
		return -EINVAL;
	i = count_trail_chars(buf, count);
	/* Read variable name */
	len = strn_len(&buf[i], min(sizeof(name) - 1, count - i));
	memcpy(name, &buf[i], len);
	name[len] = '\0';
	i += len;
	i += count_trail_chars(&buf[i], count - i);

	if (!strcmp(name, "add_device")) {
		char f[32];

		memset(f, 0, sizeof(f));
		pg_word(&buf[i], count - i, f, sizeof(f));
		ret = pktgen_add_device(t, f);
		if (!ret)
			sprintf(t->result, "OK: add_device=%s", f);
		else
			sprintf(t->result, "ERROR: can not add device %s", f);
		return ret;
	}
	if (!strcmp(name, "rem_device_all")) {
		pktgen_rem_all_ifs(t);		/* T_REMDEVALL, done at once */
		sprintf(t->result, "OK: rem_device_all");
		return 0;
	}
	if (!strcmp(name, "max_before_softirq")) {
		sprintf(t->result, "OK: Note! max_before_softirq is obsoleted -- Do not use");
		return 0;
	}
	return -EINVAL;
}

/* ---- device events --------------------------------------------------------------- */

/* Think find or remove for NN */
static struct pktgen_dev *__pktgen_NN_threads(const struct pktgen_net *pn, const char *ifname,
					      int remove)
{
	struct pktgen_thread *t;
	struct pktgen_dev *pkt_dev = NULL;

	list_for_each_entry(t, &pn->pktgen_threads, th_list) {
		pkt_dev = pktgen_find_dev(t, ifname, remove == FIND);
		if (pkt_dev)
			break;
	}
	return pkt_dev;
}

static struct pktgen_dev *pktgen_find_odev(const struct pktgen_net *pn,
					   const struct net_device *dev)
{
	struct pktgen_thread *t;
	struct pktgen_dev *pkt_dev;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		list_for_each_entry(pkt_dev, &t->if_list, list)
			if (pkt_dev->odev == dev)
				return pkt_dev;
	return NULL;
}

static void pktgen_rem_one_if(struct pktgen_thread *t, struct pktgen_dev *cur)
{
	kfree_skb(cur->skb);
	cur->skb = NULL;
	pktgen_remove_device(t, cur);
}

/*
 * pktgen_mark_device: the kernel marks the devices named @dev->name (and
 * "name@..."), waits for their thread to remove them, and holds @dev until
 * then.  Here at once, and by device rather than by name, so a renamed
 * device is let go too.
 */
static void pktgen_mark_device(const struct pktgen_net *pn, struct net_device *dev)
{
	struct pktgen_dev *pkt_dev;

	while ((pkt_dev = __pktgen_NN_threads(pn, dev->name, REMOVE)) ||
	       (pkt_dev = pktgen_find_odev(pn, dev)))
		pktgen_rem_one_if(pkt_dev->pg_thread, pkt_dev);
}

static void pktgen_change_name(const struct pktgen_net *pn, struct net_device *dev)
{
	struct pktgen_thread *t;
	struct pktgen_dev *pkt_dev;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		list_for_each_entry(pkt_dev, &t->if_list, list)
			if (pkt_dev->odev == dev) {
				/* the proc entry follows the device; odevname stays */
				g_strlcpy(pkt_dev->entry, dev->name, sizeof(pkt_dev->entry));
				break;
			}
}

static int pktgen_device_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct pktgen_net *pn = container_of(nb, struct pktgen_net, nb);

	if (pn->pktgen_exiting)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_CHANGENAME:
		pktgen_change_name(pn, dev);
		break;
	case NETDEV_UNREGISTER:
		pktgen_mark_device(pn, dev);
		break;
	}
	return NOTIFY_DONE;
}

/* ---- devices ------------------------------------------------------------------------ */

static struct net_device *pktgen_dev_get_by_name(const struct pktgen_net *pn,
						 const char *ifname)
{
	char b[IFNAMSIZ + 5];
	int i;

	for (i = 0; ifname[i] && ifname[i] != '@' && i < IFNAMSIZ; i++)
		b[i] = ifname[i];
	b[i] = 0;
	return __dev_get_by_name(pn->net, b);
}

/* Associate pktgen_dev with a device. */
static int pktgen_setup_dev(const struct pktgen_net *pn, struct pktgen_dev *pkt_dev,
			    const char *ifname)
{
	struct net_device *odev = pktgen_dev_get_by_name(pn, ifname);

	pkt_dev->odev = NULL;
	if (!odev)
		return -ENODEV;		/* "no such netdevice" */
	if (odev->type != ARPHRD_ETHER && odev->type != ARPHRD_LOOPBACK)
		return -EINVAL;		/* "not an ethernet or loopback device" */
	if (!netif_running(odev))
		return -ENETDOWN;	/* "device is down" */
	pkt_dev->odev = odev;
	return 0;
}

/* The device's first IPv4 address, or 0.0.0.0. */
static __be32 pktgen_dev_first_ifaddr(const struct net_device *odev)
{
	const struct in_device *in_dev = __in_dev_get_rcu(odev);

	return in_dev && in_dev->ifa_list ? in_dev->ifa_list->ifa_address : 0;
}

/*
 * Read pkt_dev from the interface and set up internal pktgen_dev
 * structure to have the right information to create/send packets.
 */
static void pktgen_setup_inject(struct pktgen_dev *pkt_dev)
{
	unsigned int ntxq = pkt_dev->odev->real_num_tx_queues;

	/* make sure that we don't pick a non-existing transmit queue */
	if (ntxq <= pkt_dev->queue_map_min)
		pkt_dev->queue_map_min = (u16)((ntxq ? ntxq : 1) - 1);
	if (pkt_dev->queue_map_max >= ntxq)
		pkt_dev->queue_map_max = (u16)((ntxq ? ntxq : 1) - 1);

	/* Default to the interface's mac if not explicitly set. */
	if (is_zero_ether_addr(pkt_dev->src_mac))
		memcpy(&pkt_dev->hh[6], pkt_dev->odev->dev_addr, ETH_ALEN);
	/* Set up Dest MAC */
	memcpy(&pkt_dev->hh[0], pkt_dev->dst_mac, ETH_ALEN);

	if (pkt_dev->flags & F_IPV6) {
		if (pkt_dev->min_pkt_size == 0)
			pkt_dev->min_pkt_size = 14 + (int)sizeof(struct ipv6hdr) +
						(int)sizeof(struct udphdr) +
						(int)sizeof(struct pktgen_hdr) +
						pkt_dev->pkt_overhead;
		/* no link-local address to take yet: cur_in6_saddr stays as set
		 * ("ERROR: IPv6 link address not available") */
	} else {
		if (pkt_dev->min_pkt_size == 0)
			pkt_dev->min_pkt_size = 14 + (int)sizeof(struct iphdr) +
						(int)sizeof(struct udphdr) +
						(int)sizeof(struct pktgen_hdr) +
						pkt_dev->pkt_overhead;
		pkt_dev->saddr_min = 0;
		pkt_dev->saddr_max = 0;
		if (strlen(pkt_dev->src_min) == 0) {
			pkt_dev->saddr_min = pktgen_dev_first_ifaddr(pkt_dev->odev);
			pkt_dev->saddr_max = pkt_dev->saddr_min;
		} else {
			pkt_dev->saddr_min = in_aton(pkt_dev->src_min);
			pkt_dev->saddr_max = in_aton(pkt_dev->src_max);
		}
		pkt_dev->daddr_min = in_aton(pkt_dev->dst_min);
		pkt_dev->daddr_max = in_aton(pkt_dev->dst_max);
	}
	/* Initialize current values. */
	pkt_dev->cur_pkt_size = (u32)pkt_dev->min_pkt_size;
	if (pkt_dev->min_pkt_size > pkt_dev->max_pkt_size)
		pkt_dev->max_pkt_size = pkt_dev->min_pkt_size;
	pkt_dev->cur_dst_mac_offset = 0;
	pkt_dev->cur_src_mac_offset = 0;
	pkt_dev->cur_saddr = pkt_dev->saddr_min;
	pkt_dev->cur_daddr = pkt_dev->daddr_min;
	pkt_dev->cur_udp_dst = pkt_dev->udp_dst_min;
	pkt_dev->cur_udp_src = pkt_dev->udp_src_min;
	pkt_dev->nflows = 0;
}

static void set_pkt_overhead(struct pktgen_dev *pkt_dev)
{
	pkt_dev->pkt_overhead = (int)pkt_dev->nr_labels * 4;
	pkt_dev->pkt_overhead += pkt_dev->vlan_id == 0xffff ? 0 : 4;
	pkt_dev->pkt_overhead += pkt_dev->svlan_id == 0xffff ? 0 : 4;
}

static struct flow_state *pg_flow(struct pktgen_dev *pkt_dev, unsigned int flow)
{
	return pkt_dev->flows ? &pkt_dev->flows[flow] : &pkt_dev->flow0;
}

static bool f_seen(struct pktgen_dev *pkt_dev, unsigned int flow)
{
	return pg_flow(pkt_dev, flow)->flags & F_INIT;
}

static unsigned int f_pick(struct pktgen_dev *pkt_dev)
{
	unsigned int flow = pkt_dev->curfl;
	struct flow_state *fs;

	if (pkt_dev->flags & F_FLOW_SEQ) {
		fs = pg_flow(pkt_dev, flow);
		if (fs->count >= (int)pkt_dev->lflow) {
			/* reset time */
			fs->count = 0;
			fs->flags = 0;
			pkt_dev->curfl += 1;
			if (pkt_dev->curfl >= pkt_dev->cflows)
				pkt_dev->curfl = 0;	/*reset */
		}
	} else {
		flow = get_random_u32_below(pkt_dev, pkt_dev->cflows);
		pkt_dev->curfl = flow;
		fs = pg_flow(pkt_dev, flow);
		if (fs->count > (int)pkt_dev->lflow) {
			fs->count = 0;
			fs->flags = 0;
		}
	}
	return pkt_dev->curfl;
}

static void set_cur_queue_map(struct pktgen_dev *pkt_dev)
{
	unsigned int ntxq = pkt_dev->odev->real_num_tx_queues;

	if (pkt_dev->flags & F_QUEUE_MAP_CPU) {
		pkt_dev->cur_queue_map = (u16)pkt_dev->pg_thread->cpu;	/* smp_processor_id() */
	} else if (pkt_dev->queue_map_min <= pkt_dev->queue_map_max) {
		u16 t;

		if (pkt_dev->flags & F_QUEUE_MAP_RND) {
			t = (u16)get_random_u32_inclusive(pkt_dev, pkt_dev->queue_map_min,
							  pkt_dev->queue_map_max);
		} else {
			t = (u16)(pkt_dev->cur_queue_map + 1);
			if (t > pkt_dev->queue_map_max)
				t = pkt_dev->queue_map_min;
		}
		pkt_dev->cur_queue_map = t;
	}
	pkt_dev->cur_queue_map = (u16)(pkt_dev->cur_queue_map % (ntxq ? ntxq : 1));
}

/* One MAC of a range: @base + @mc over bytes 5..2 with carries, as the kernel adds. */
static void pg_mac_add(u8 *hh, const u8 *base, u32 mc)
{
	u32 tmp = base[5] + (mc & 0xFF);

	hh[5] = (u8)tmp;
	tmp = base[4] + ((mc >> 8) & 0xFF) + (tmp >> 8);
	hh[4] = (u8)tmp;
	tmp = base[3] + ((mc >> 16) & 0xFF) + (tmp >> 8);
	hh[3] = (u8)tmp;
	tmp = base[2] + ((mc >> 24) & 0xFF) + (tmp >> 8);
	hh[2] = (u8)tmp;
	tmp = base[1] + (tmp >> 8);
	hh[1] = (u8)tmp;
}

/*
 * Increment/randomize headers according to flags and current values
 * for IP src/dest, UDP src/dst port, MAC-Addr src/dst.
 */
static void mod_cur_headers(struct pktgen_dev *pkt_dev)
{
	unsigned int flow = 0;
	u32 imn, imx;

	if (pkt_dev->cflows)
		flow = f_pick(pkt_dev);

	/*  Deal with source MAC */
	if (pkt_dev->src_mac_count > 1) {
		u32 mc;

		if (pkt_dev->flags & F_MACSRC_RND) {
			mc = get_random_u32_below(pkt_dev, pkt_dev->src_mac_count);
		} else {
			mc = pkt_dev->cur_src_mac_offset++;
			if (pkt_dev->cur_src_mac_offset >= pkt_dev->src_mac_count)
				pkt_dev->cur_src_mac_offset = 0;
		}
		pg_mac_add(&pkt_dev->hh[6], pkt_dev->src_mac, mc);
	}
	/*  Deal with Destination MAC */
	if (pkt_dev->dst_mac_count > 1) {
		u32 mc;

		if (pkt_dev->flags & F_MACDST_RND) {
			mc = get_random_u32_below(pkt_dev, pkt_dev->dst_mac_count);
		} else {
			mc = pkt_dev->cur_dst_mac_offset++;
			if (pkt_dev->cur_dst_mac_offset >= pkt_dev->dst_mac_count)
				pkt_dev->cur_dst_mac_offset = 0;
		}
		pg_mac_add(&pkt_dev->hh[0], pkt_dev->dst_mac, mc);
	}

	if (pkt_dev->flags & F_MPLS_RND)
		for (unsigned int i = 0; i < pkt_dev->nr_labels; i++)
			if (pkt_dev->labels[i] & MPLS_STACK_BOTTOM)
				pkt_dev->labels[i] = MPLS_STACK_BOTTOM |
						     (sim_rng_u32(&pkt_dev->rng) & 0x000fffff);
	if ((pkt_dev->flags & F_VID_RND) && pkt_dev->vlan_id != 0xffff)
		pkt_dev->vlan_id = (u16)get_random_u32_below(pkt_dev, 4096);
	if ((pkt_dev->flags & F_SVID_RND) && pkt_dev->svlan_id != 0xffff)
		pkt_dev->svlan_id = (u16)get_random_u32_below(pkt_dev, 4096);

	if (pkt_dev->udp_src_min < pkt_dev->udp_src_max) {
		if (pkt_dev->flags & F_UDPSRC_RND) {
			pkt_dev->cur_udp_src = (u16)get_random_u32_inclusive(pkt_dev,
				pkt_dev->udp_src_min, pkt_dev->udp_src_max - 1u);
		} else {
			pkt_dev->cur_udp_src++;
			if (pkt_dev->cur_udp_src >= pkt_dev->udp_src_max)
				pkt_dev->cur_udp_src = pkt_dev->udp_src_min;
		}
	}
	if (pkt_dev->udp_dst_min < pkt_dev->udp_dst_max) {
		if (pkt_dev->flags & F_UDPDST_RND) {
			pkt_dev->cur_udp_dst = (u16)get_random_u32_inclusive(pkt_dev,
				pkt_dev->udp_dst_min, pkt_dev->udp_dst_max - 1u);
		} else {
			pkt_dev->cur_udp_dst++;
			if (pkt_dev->cur_udp_dst >= pkt_dev->udp_dst_max)
				pkt_dev->cur_udp_dst = pkt_dev->udp_dst_min;
		}
	}

	if (!(pkt_dev->flags & F_IPV6)) {
		imn = ntohl(pkt_dev->saddr_min);
		imx = ntohl(pkt_dev->saddr_max);
		if (imn < imx) {
			u32 t;

			if (pkt_dev->flags & F_IPSRC_RND) {
				t = get_random_u32_inclusive(pkt_dev, imn, imx - 1);
			} else {
				t = ntohl(pkt_dev->cur_saddr) + 1;
				if (t > imx)
					t = imn;
			}
			pkt_dev->cur_saddr = htonl(t);
		}
		if (pkt_dev->cflows && f_seen(pkt_dev, flow)) {
			pkt_dev->cur_daddr = pg_flow(pkt_dev, flow)->cur_daddr;
		} else {
			imn = ntohl(pkt_dev->daddr_min);
			imx = ntohl(pkt_dev->daddr_max);
			if (imn < imx) {
				u32 t;

				if (pkt_dev->flags & F_IPDST_RND) {
					int tries = PKTGEN_RND_TRIES;

					__be32 s;

					do {
						t = get_random_u32_inclusive(pkt_dev, imn, imx - 1);
						s = htonl(t);
					} while ((ipv4_is_loopback(s) || ipv4_is_multicast(s) ||
						  ipv4_is_lbcast(s) || ipv4_is_zeronet(s) ||
						  ipv4_is_local_multicast(s)) && --tries);
				} else {
					t = ntohl(pkt_dev->cur_daddr) + 1;
					if (t > imx)
						t = imn;
				}
				pkt_dev->cur_daddr = htonl(t);
			}
			if (pkt_dev->cflows) {
				struct flow_state *fs = pg_flow(pkt_dev, flow);

				fs->flags |= F_INIT;
				fs->cur_daddr = pkt_dev->cur_daddr;
				pkt_dev->nflows++;
			}
		}
	} else if (memcmp(&pkt_dev->min_in6_daddr, &in6addr_any, sizeof(in6addr_any))) {
		/* Only random destinations yet */
		for (int i = 0; i < 16; i++)
			pkt_dev->cur_in6_daddr.s6_addr[i] =
				(u8)(((u8)sim_rng_u32(&pkt_dev->rng) |
				      pkt_dev->min_in6_daddr.s6_addr[i]) &
				     pkt_dev->max_in6_daddr.s6_addr[i]);
	}

	if (pkt_dev->min_pkt_size < pkt_dev->max_pkt_size) {
		u32 t;

		if (pkt_dev->flags & F_TXSIZE_RND) {
			t = get_random_u32_inclusive(pkt_dev, (u32)pkt_dev->min_pkt_size,
						     (u32)pkt_dev->max_pkt_size - 1);
		} else {
			t = pkt_dev->cur_pkt_size + 1;
			if (t > (u32)pkt_dev->max_pkt_size)
				t = (u32)pkt_dev->min_pkt_size;
		}
		pkt_dev->cur_pkt_size = t;
	} else if (pkt_dev->n_imix_entries > 0) {
		u32 t = get_random_u32_below(pkt_dev, IMIX_PRECISION);
		struct imix_pkt *entry = &pkt_dev->imix_entries[pkt_dev->imix_distribution[t]];

		entry->count_so_far++;
		pkt_dev->cur_pkt_size = (u32)entry->size;
	}

	set_cur_queue_map(pkt_dev);
	pg_flow(pkt_dev, flow)->count++;
}

static void fill_imix_distribution(struct pktgen_dev *pkt_dev)
{
	int cumulative_probabilites[MAX_IMIX_ENTRIES];
	u64 cumulative_prob = 0, total_weight = 0;
	unsigned int i, j = 0;

	for (i = 0; i < pkt_dev->n_imix_entries; i++)
		total_weight += pkt_dev->imix_entries[i].weight;
	/* Fill cumulative_probabilites with sum of normalized probabilities */
	for (i = 0; i + 1 < pkt_dev->n_imix_entries; i++) {
		cumulative_prob += pkt_dev->imix_entries[i].weight * IMIX_PRECISION / total_weight;
		cumulative_probabilites[i] = (int)cumulative_prob;
	}
	cumulative_probabilites[pkt_dev->n_imix_entries - 1] = 100;
	for (i = 0; i < IMIX_PRECISION; i++) {
		if ((int)i == cumulative_probabilites[j])
			j++;
		pkt_dev->imix_distribution[i] = (u8)j;
	}
}

/* ---- building packets -------------------------------------------------------------- */

static void mpls_push(u8 *mpls, const struct pktgen_dev *pkt_dev)
{
	for (unsigned int i = 0; i < pkt_dev->nr_labels; i++) {
		__be32 label = pkt_dev->labels[i] & ~(u32)MPLS_STACK_BOTTOM;

		if (i == pkt_dev->nr_labels - 1)
			label |= MPLS_STACK_BOTTOM;	/* bottom of the stack */
		label = htonl(label);
		memcpy(mpls + 4 * i, &label, 4);
	}
}

static __be16 build_tci(unsigned int id, unsigned int cfi, unsigned int prio)
{
	return htons((u16)(id | (cfi << 12) | (prio << 13)));
}

/* LL_RESERVED_SPACE(dev) */
static unsigned int ll_reserved_space(const struct net_device *dev)
{
	return ((dev->hard_header_len + dev->needed_headroom) & ~15u) + 16;
}

static void pktgen_finalize_skb(struct pktgen_dev *pkt_dev, struct sk_buff *skb, int datalen)
{
	struct pktgen_hdr *pgh = skb_put(skb, sizeof(*pgh));
	sim_time_t now = pg_now(pkt_dev);

	datalen -= (int)sizeof(*pgh);
	skb_put_zero(skb, (unsigned int)datalen);	/* frags: linear here */
	/* Stamp the time, and sequence number, convert them to network byte order */
	pgh->pgh_magic = htonl(PKTGEN_MAGIC);
	pgh->seq_num = htonl(pkt_dev->seq_num);
	if (pkt_dev->flags & F_NO_TIMESTAMP) {
		pgh->tv_sec = 0;
		pgh->tv_usec = 0;
	} else {
		/* ktime_get_real_ts64(): the simulated clock starts at the epoch */
		pgh->tv_sec = htonl((u32)(now / SIM_NSEC_PER_SEC));
		pgh->tv_usec = htonl((u32)(now % SIM_NSEC_PER_SEC / SIM_NSEC_PER_USEC));
	}
}

static struct sk_buff *pktgen_alloc_skb(struct net_device *dev, struct pktgen_dev *pkt_dev)
{
	unsigned int extralen = ll_reserved_space(dev);
	u64 size = (u64)pkt_dev->cur_pkt_size + 64 + extralen + (u64)pkt_dev->pkt_overhead;
	struct sk_buff *skb;

	/* kmalloc would refuse a huge head; we refuse what no frame can carry */
	if ((u64)pkt_dev->cur_pkt_size + (u64)pkt_dev->pkt_overhead > PKTGEN_MAX_FRAME)
		return NULL;
	if (pkt_dev->flags & F_NODE) {
		skb = alloc_skb(dev_net(dev), NET_SKB_PAD + (unsigned int)size);
		if (likely(skb)) {
			skb_reserve(skb, NET_SKB_PAD);
			skb->dev = dev;
		}
	} else {
		skb = netdev_alloc_skb(dev, (unsigned int)size);
	}
	/* the caller reserves 16 for the mac hdr */
	if (likely(skb))
		skb_reserve(skb, (int)extralen - 16);
	return skb;
}

/* The link-layer part common to IPv4 and IPv6: Ethernet, MPLS, VLAN tags. */
static struct sk_buff *fill_packet_l2(struct net_device *odev, struct pktgen_dev *pkt_dev,
				      __be16 l3_proto, __be16 *protocol)
{
	struct sk_buff *skb;
	u16 queue_map;
	u8 *eth;

	*protocol = l3_proto;
	if (pkt_dev->nr_labels)
		*protocol = htons(ETH_P_MPLS_UC);
	if (pkt_dev->vlan_id != 0xffff)
		*protocol = htons(ETH_P_8021Q);

	/* Update any of the values, used when we're incrementing various fields. */
	mod_cur_headers(pkt_dev);
	queue_map = pkt_dev->cur_queue_map;

	skb = pktgen_alloc_skb(odev, pkt_dev);
	if (!skb) {
		sprintf(pkt_dev->result, "No memory");
		return NULL;
	}
	skb_reserve(skb, 16);

	/*  Reserve for ethernet and IP header  */
	eth = skb_push(skb, 14);
	if (pkt_dev->nr_labels)
		mpls_push(skb_put(skb, pkt_dev->nr_labels * 4), pkt_dev);
	if (pkt_dev->vlan_id != 0xffff) {
		__be16 tag[2];

		if (pkt_dev->svlan_id != 0xffff) {
			tag[0] = build_tci(pkt_dev->svlan_id, pkt_dev->svlan_cfi,
					   pkt_dev->svlan_p);
			tag[1] = htons(ETH_P_8021Q);
			skb_put_data(skb, tag, sizeof(tag));
		}
		tag[0] = build_tci(pkt_dev->vlan_id, pkt_dev->vlan_cfi, pkt_dev->vlan_p);
		tag[1] = l3_proto;
		skb_put_data(skb, tag, sizeof(tag));
	}
	skb_reset_mac_header(skb);
	skb->queue_mapping = queue_map;
	skb->priority = pkt_dev->skb_priority;
	memcpy(eth, pkt_dev->hh, 12);
	memcpy(&eth[12], protocol, 2);
	return skb;
}

/* Eth + IPh + UDPh + mpls: the payload, at least the pktgen header */
static int pktgen_datalen(const struct pktgen_dev *pkt_dev, int l3len)
{
	s64 datalen = (s64)pkt_dev->cur_pkt_size - 14 - l3len - 8 - pkt_dev->pkt_overhead;

	return datalen < (s64)sizeof(struct pktgen_hdr) ? (int)sizeof(struct pktgen_hdr)
							 : (int)datalen;
}

static struct sk_buff *fill_packet_ipv4(struct net_device *odev, struct pktgen_dev *pkt_dev)
{
	__be16 protocol;
	struct sk_buff *skb = fill_packet_l2(odev, pkt_dev, htons(ETH_P_IP), &protocol);
	struct udphdr *udph;
	struct iphdr *iph;
	int datalen;

	if (!skb)
		return NULL;
	skb_set_network_header(skb, (int)skb->len);
	iph = skb_put(skb, sizeof(struct iphdr));
	skb_set_transport_header(skb, (int)skb->len);
	udph = skb_put(skb, sizeof(struct udphdr));

	datalen = pktgen_datalen(pkt_dev, 20);
	udph->source = htons(pkt_dev->cur_udp_src);
	udph->dest = htons(pkt_dev->cur_udp_dst);
	udph->len = htons((u16)(datalen + 8));	/* DATA + udphdr */
	udph->check = 0;

	iph->ihl = 5;
	iph->version = 4;
	iph->ttl = 32;
	iph->tos = pkt_dev->tos;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = pkt_dev->cur_saddr;
	iph->daddr = pkt_dev->cur_daddr;
	iph->id = htons(pkt_dev->ip_id);
	pkt_dev->ip_id++;
	iph->frag_off = 0;
	iph->tot_len = htons((u16)(20 + 8 + datalen));
	ip_send_check(iph);
	skb->protocol = protocol;
	skb->dev = odev;
	skb->pkt_type = PACKET_HOST;

	pktgen_finalize_skb(pkt_dev, skb, datalen);

	if (!(pkt_dev->flags & F_UDPCSUM)) {
		skb->ip_summed = CHECKSUM_NONE;
	} else {
		/* no NETIF_F_*_CSUM offload here: the checksum in software */
		__wsum csum = csum_partial(udph, datalen + 8, 0);

		/* add protocol-dependent pseudo-header */
		udph->check = csum_tcpudp_magic(iph->saddr, iph->daddr, (u32)datalen + 8,
						IPPROTO_UDP, csum);
		if (udph->check == 0)
			udph->check = CSUM_MANGLED_0;
	}
	return skb;
}

static struct sk_buff *fill_packet_ipv6(struct net_device *odev, struct pktgen_dev *pkt_dev)
{
	__be16 protocol;
	struct sk_buff *skb = fill_packet_l2(odev, pkt_dev, htons(ETH_P_IPV6), &protocol);
	struct udphdr *udph;
	struct ipv6hdr *iph;
	int datalen, udplen;

	if (!skb)
		return NULL;
	skb_set_network_header(skb, (int)skb->len);
	iph = skb_put(skb, sizeof(struct ipv6hdr));
	skb_set_transport_header(skb, (int)skb->len);
	udph = skb_put(skb, sizeof(struct udphdr));

	datalen = pktgen_datalen(pkt_dev, (int)sizeof(struct ipv6hdr));
	udplen = datalen + (int)sizeof(struct udphdr);
	udph->source = htons(pkt_dev->cur_udp_src);
	udph->dest = htons(pkt_dev->cur_udp_dst);
	udph->len = htons((u16)udplen);
	udph->check = 0;

	/* Version + traffic class + flow (0) */
	iph->vtc_flow = htonl(0x60000000u | (u32)pkt_dev->traffic_class << 20);
	iph->hop_limit = 32;
	iph->payload_len = htons((u16)udplen);
	iph->nexthdr = IPPROTO_UDP;
	iph->daddr = pkt_dev->cur_in6_daddr;
	iph->saddr = pkt_dev->cur_in6_saddr;
	skb->protocol = protocol;
	skb->dev = odev;
	skb->pkt_type = PACKET_HOST;

	pktgen_finalize_skb(pkt_dev, skb, datalen);

	if (!(pkt_dev->flags & F_UDPCSUM)) {
		skb->ip_summed = CHECKSUM_NONE;
	} else {
		__wsum csum = csum_partial(udph, udplen, 0);
		struct in6_addr saddr = iph->saddr, daddr = iph->daddr;

		/* add protocol-dependent pseudo-header */
		udph->check = csum_ipv6_magic(&saddr, &daddr, (u32)udplen, IPPROTO_UDP, csum);
		if (udph->check == 0)
			udph->check = CSUM_MANGLED_0;
	}
	return skb;
}

static struct sk_buff *fill_packet(struct net_device *odev, struct pktgen_dev *pkt_dev)
{
	struct sk_buff *skb;

	if (pkt_dev->flags & F_IPV6)
		skb = fill_packet_ipv6(odev, pkt_dev);
	else
		skb = fill_packet_ipv4(odev, pkt_dev);
	if (skb)
		cpu_charge(dev_net(odev), SIM_COST_CORE, skb->len);
	return skb;
}

/* ---- running -------------------------------------------------------------------- */

static void pktgen_clear_counters(struct pktgen_dev *pkt_dev)
{
	pkt_dev->seq_num = 1;
	pkt_dev->idle_acc = 0;
	pkt_dev->sofar = 0;
	pkt_dev->tx_bytes = 0;
	pkt_dev->errors = 0;
}

/* Set up structure for sending pkts, clear counters */
static void pktgen_run(struct pktgen_thread *t)
{
	struct pktgen_dev *pkt_dev;
	int started = 0;

	t->wait = PG_RUNNABLE;
	t->wait_dev = NULL;
	t->poll_misses = 0;
	list_for_each_entry(pkt_dev, &t->if_list, list) {
		/* setup odev and create initial packet. */
		pktgen_setup_inject(pkt_dev);
		pktgen_clear_counters(pkt_dev);
		consume_skb(pkt_dev->skb);	/* the kernel forgets it: we free it */
		pkt_dev->skb = NULL;
		pkt_dev->started_at = pkt_dev->next_tx = pg_now(pkt_dev);
		set_pkt_overhead(pkt_dev);
		strcpy(pkt_dev->result, "Starting");
		pkt_dev->running = 1;	/* Cranke yeself! */
		started++;
	}
	if (started)
		pktgen_wake(t, true);
}

static void pktgen_stop_all_threads(struct pktgen_net *pn)
{
	struct pktgen_thread *t;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		pktgen_stop(t);		/* T_STOP */
}

static void pktgen_run_all_threads(struct pktgen_net *pn)
{
	struct pktgen_thread *t;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		pktgen_run(t);		/* T_RUN */
}

static void pktgen_reset_all_threads(struct pktgen_net *pn)
{
	struct pktgen_thread *t;

	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		pktgen_rem_all_ifs(t);	/* T_REMDEVALL */
}

static u64 div64_u64(u64 dividend, u64 divisor)
{
	return divisor ? dividend / divisor : 0;
}

static void show_results(struct pktgen_dev *pkt_dev, int nr_frags)
{
	u64 bps, mbps, pps;
	char *p = pkt_dev->result;
	u64 elapsed = (u64)(pkt_dev->stopped_at - pkt_dev->started_at);
	u64 idle = pkt_dev->idle_acc;

	p += sprintf(p, "OK: %llu(c%llu+d%llu) usec, %llu (%dbyte,%dfrags)\n",
		     (unsigned long long)(elapsed / 1000),
		     (unsigned long long)((elapsed - idle) / 1000),
		     (unsigned long long)(idle / 1000),
		     (unsigned long long)pkt_dev->sofar, (int)pkt_dev->cur_pkt_size, nr_frags);
	pps = div64_u64(pkt_dev->sofar * SIM_NSEC_PER_SEC, elapsed);
	if (pkt_dev->n_imix_entries > 0) {
		bps = 0;
		for (unsigned int i = 0; i < pkt_dev->n_imix_entries; i++)
			bps += pkt_dev->imix_entries[i].size *
			       pkt_dev->imix_entries[i].count_so_far;
		bps = div64_u64(bps * 8 * SIM_NSEC_PER_SEC, elapsed);
	} else {
		bps = pps * 8 * pkt_dev->cur_pkt_size;
	}
	mbps = bps / 1000000;
	sprintf(p, "  %llupps %lluMb/sec (%llubps) errors: %llu", (unsigned long long)pps,
		(unsigned long long)mbps, (unsigned long long)bps,
		(unsigned long long)pkt_dev->errors);
}

/* Set stopped-at timer, remove from running list, do counters & statistics */
static int pktgen_stop_device(struct pktgen_dev *pkt_dev)
{
	struct pktgen_thread *t = pkt_dev->pg_thread;
	int nr_frags = pkt_dev->skb ? (int)skb_shinfo(pkt_dev->skb)->nr_frags : -1;

	if (!pkt_dev->running)
		return -EINVAL;		/* "interface: %s is already stopped" */
	pkt_dev->running = 0;
	kfree_skb(pkt_dev->skb);
	pkt_dev->skb = NULL;
	pkt_dev->stopped_at = pg_now(pkt_dev);
	if (t->wait_dev == pkt_dev) {
		t->wait = PG_RUNNABLE;
		t->wait_dev = NULL;
	}
	show_results(pkt_dev, nr_frags);
	return 0;
}

static struct pktgen_dev *next_to_run(struct pktgen_thread *t)
{
	struct pktgen_dev *pkt_dev, *best = NULL;

	list_for_each_entry(pkt_dev, &t->if_list, list) {
		if (!pkt_dev->running)
			continue;
		if (!best || pkt_dev->next_tx < best->next_tx)
			best = pkt_dev;
	}
	return best;
}

static void pktgen_stop(struct pktgen_thread *t)
{
	struct pktgen_dev *pkt_dev;

	list_for_each_entry(pkt_dev, &t->if_list, list)
		pktgen_stop_device(pkt_dev);
}

static void pktgen_rem_all_ifs(struct pktgen_thread *t)
{
	/* Remove all devices, free mem */
	while (!list_empty(&t->if_list))
		pktgen_rem_one_if(t, list_first_entry(&t->if_list, struct pktgen_dev, list));
}

/*
 * The time the device needs to put one more frame on the wire at its link
 * speed (preamble, FCS and gap included): when a stopped queue can have
 * room again.  Unknown speed (lo, veth): a microsecond.
 */
static sim_time_t pktgen_poll_interval(const struct pktgen_thread *t,
				       const struct pktgen_dev *pkt_dev)
{
	u64 mbps = pkt_dev->odev->speed_mbps;
	u64 bytes = max(pkt_dev->last_pkt_size, (u32)ETH_ZLEN) + 8 + ETH_FCS_LEN + 12;
	sim_time_t ns = PKTGEN_POLL_NS;

	if (mbps)
		ns = (sim_time_t)((bytes * 8 * 1000 + mbps / 2) / mbps);
	if (ns < 1)
		ns = 1;
	return ns << min(t->poll_misses, (unsigned int)PKTGEN_POLL_MAX_SHIFT);
}

/*
 * The worker looks again later, having found no progress (the kernel
 * spins).  The look backs off only while the device sends nothing at all
 * (a dead link): while frames complete it comes every frame time.
 */
static void pktgen_poll_later(struct pktgen_thread *t, const struct pktgen_dev *pkt_dev)
{
	struct world *w = t->net->net->w;
	u64 sent = pkt_dev->odev->stats.tx_packets;

	if (sent != t->poll_tx_mark) {
		t->poll_tx_mark = sent;
		t->poll_misses = 0;
	}
	sim_schedule(w, &t->ev, sim_now(w) + pktgen_poll_interval(t, pkt_dev));
	t->poll_misses++;
}

/*
 * pktgen_wait_for_skb - until the driver let go of the last skb.  The
 * kernel spins on skb->users and counts the time as idle.
 */
static enum pg_step pktgen_wait_for_skb(struct pktgen_thread *t, struct pktgen_dev *pkt_dev)
{
	if (pkt_dev->skb->users == 1) {
		pktgen_stop_device(pkt_dev);
		return PG_NEXT;
	}
	t->wait = PG_WAIT_SKB;
	t->wait_dev = pkt_dev;
	t->wait_since = pg_now(pkt_dev);
	t->poll_misses = 0;
	pktgen_poll_later(t, pkt_dev);
	return PG_WAIT;
}

static bool dev_xmit_complete(int rc)
{
	return rc < 0x0f;	/* NET_XMIT_MASK: the skb was consumed */
}

/* netif_xmit_frozen_or_drv_stopped() */
static bool pg_txq_stopped(const struct netdev_queue *txq)
{
	return txq->state & (BIT(__QUEUE_STATE_DRV_XOFF) | BIT(__QUEUE_STATE_FROZEN));
}

/*
 * pktgen_xmit_finish - the second half of the kernel's pktgen_xmit(),
 * after spin(): hand the skb to the driver (or the qdisc, or the stack)
 * and stop the device once count packets went.
 */
static enum pg_step pktgen_xmit_finish(struct pktgen_thread *t, struct pktgen_dev *pkt_dev)
{
	bool skb_shared = pkt_dev->flags & F_SHARED;
	struct net_device *odev = pkt_dev->odev;
	struct net *net = dev_net(odev);
	unsigned int burst = skb_shared ? pkt_dev->burst : 1;
	bool progress = true;
	struct netdev_queue *txq;
	struct sk_buff *skb;
	int ret;

	if (pkt_dev->xmit_mode == M_NETIF_RECEIVE) {
		skb = pkt_dev->skb;
		skb->protocol = eth_type_trans(skb, skb->dev);
		if (skb_shared)
			skb->users += (int)burst;
		local_bh_disable(net);
		do {
			ret = netif_receive_skb(skb);
			if (ret == NET_RX_DROP)
				pkt_dev->errors++;
			pkt_dev->sofar++;
			pkt_dev->seq_num++;
			if (unlikely(!skb_shared)) {
				pkt_dev->skb = NULL;
				break;
			}
			if (skb->users != (int)burst) {
				/* skb was queued by rps/rfs or taps, so cannot reuse this skb */
				skb->users -= (int)burst - 1;
				SIM_BUG_ON(skb->users <= 0);
				break;
			}
		} while (--burst > 0);
		goto out;	/* Skips xmit_mode M_START_XMIT */
	} else if (pkt_dev->xmit_mode == M_QUEUE_XMIT) {
		local_bh_disable(net);
		if (skb_shared)
			pkt_dev->skb->users++;
		ret = dev_queue_xmit(pkt_dev->skb);
		if (!skb_shared && dev_xmit_complete(ret))
			pkt_dev->skb = NULL;
		if (ret == NET_XMIT_SUCCESS) {
			pkt_dev->sofar++;
			pkt_dev->seq_num++;
			pkt_dev->tx_bytes += pkt_dev->last_pkt_size;
		} else {
			/* NET_XMIT_DROP, NET_XMIT_CN, NETDEV_TX_BUSY... */
			pkt_dev->errors++;
		}
		goto out;
	}

	txq = netdev_get_tx_queue(odev, pkt_dev->skb->queue_mapping %
					max(odev->num_tx_queues, 1u));
	local_bh_disable(net);
	if (unlikely(pg_txq_stopped(txq))) {
		pkt_dev->last_ok = 0;
		progress = false;
		goto unlock;
	}
	if (skb_shared)
		pkt_dev->skb->users += (int)burst;
xmit_more:
	burst--;
	ret = netdev_start_xmit(pkt_dev->skb, odev, txq);
	if (!skb_shared && dev_xmit_complete(ret))
		pkt_dev->skb = NULL;
	switch (ret) {
	case NETDEV_TX_OK:
		pkt_dev->last_ok = 1;
		pkt_dev->sofar++;
		pkt_dev->seq_num++;
		pkt_dev->tx_bytes += pkt_dev->last_pkt_size;
		if (burst > 0 && !pg_txq_stopped(txq))
			goto xmit_more;
		break;
	case NET_XMIT_DROP:
	case NET_XMIT_CN:
		/* skb has been consumed */
		pkt_dev->errors++;
		break;
	default: /* Drivers are not supposed to return other values! */
		pkt_dev->errors++;
		/* fallthrough */
	case NETDEV_TX_BUSY:
		/* Retry it next time */
		if (skb_shared)
			pkt_dev->skb->users--;
		pkt_dev->last_ok = 0;
		progress = false;
	}
	if (unlikely(burst)) {
		pkt_dev->skb->users -= (int)burst;
		SIM_BUG_ON(pkt_dev->skb->users <= 0);
	}
unlock:
out:
	local_bh_enable(net);

	/* If pkt_dev->count is zero, then run forever */
	if (pkt_dev->count != 0 && pkt_dev->sofar >= pkt_dev->count) {
		if (pkt_dev->skb)
			return pktgen_wait_for_skb(t, pkt_dev);
		/* Done with this */
		pktgen_stop_device(pkt_dev);
		return PG_NEXT;
	}
	return progress ? PG_NEXT : PG_RETRY;
}

static enum pg_step pktgen_xmit(struct pktgen_thread *t, struct pktgen_dev *pkt_dev)
{
	bool skb_shared = pkt_dev->flags & F_SHARED;
	struct net_device *odev = pkt_dev->odev;
	u32 clone_skb = skb_shared ? (u32)pkt_dev->clone_skb : 0;
	sim_time_t now = pg_now(pkt_dev);

	/* If device is offline, then don't send */
	if (unlikely(!netif_running(odev) || !netif_carrier_ok(odev))) {
		pktgen_stop_device(pkt_dev);
		return PG_NEXT;
	}
	/* This is max DELAY, this has special meaning of "never transmit" */
	if (unlikely(pkt_dev->delay == ULLONG_MAX)) {
		pkt_dev->next_tx = SIM_TIME_MAX;
		return PG_NEXT;
	}
	/* If no skb or clone count exhausted then get new one */
	if (!pkt_dev->skb || (pkt_dev->last_ok && ++pkt_dev->clone_count >= clone_skb)) {
		/* build a new pkt */
		kfree_skb(pkt_dev->skb);
		pkt_dev->skb = fill_packet(odev, pkt_dev);
		if (pkt_dev->skb == NULL) {
			/* "ERROR: couldn't allocate skb in fill_packet" */
			pkt_dev->clone_count--;	/* back out increment, OOM */
			return PG_RETRY;
		}
		pkt_dev->last_pkt_size = pkt_dev->skb->len;
		pkt_dev->clone_count = 0;	/* reset counter */
	}
	if (pkt_dev->delay && pkt_dev->last_ok) {
		/* spin(pkt_dev, pkt_dev->next_tx) */
		if (pkt_dev->next_tx > now) {
			t->wait = PG_SPIN;
			t->wait_dev = pkt_dev;
			t->wait_since = now;
			t->spin_until = pkt_dev->next_tx;
			if (t->spin_until != SIM_TIME_MAX)	/* else until woken */
				sim_schedule(t->net->net->w, &t->ev, t->spin_until);
			return PG_WAIT;
		}
		pkt_dev->next_tx += (sim_time_t)pkt_dev->delay;
	}
	return pktgen_xmit_finish(t, pkt_dev);
}

/* Where the thread was blocked, now that its event came. */
static enum pg_step pktgen_resume(struct pktgen_thread *t)
{
	struct pktgen_dev *pkt_dev = t->wait_dev;
	sim_time_t now = pg_now(pkt_dev);

	if (t->wait == PG_SPIN) {
		if (now < t->spin_until) {	/* woken early */
			if (t->spin_until != SIM_TIME_MAX)
				sim_schedule(t->net->net->w, &t->ev, t->spin_until);
			return PG_WAIT;
		}
		pkt_dev->idle_acc += (u64)(now - t->wait_since);
		pkt_dev->next_tx = t->spin_until + (sim_time_t)pkt_dev->delay;
		t->wait = PG_RUNNABLE;
		t->wait_dev = NULL;
		return pktgen_xmit_finish(t, pkt_dev);
	}
	/* PG_WAIT_SKB */
	if (pkt_dev->skb && pkt_dev->skb->users != 1) {
		pktgen_poll_later(t, pkt_dev);
		return PG_WAIT;
	}
	pkt_dev->idle_acc += (u64)(now - t->wait_since);
	t->wait = PG_RUNNABLE;
	t->wait_dev = NULL;
	pktgen_stop_device(pkt_dev);
	return PG_NEXT;
}

/*
 * pktgen_thread_worker - the main loop of kpktgend_N as an event: send
 * until the thread blocks, the driver pushes back, the CPU is busy (cost
 * model) or PKTGEN_BATCH packets went; then arm the next step.
 */
static void pktgen_thread_worker(struct world *w, struct sim_event *ev)
{
	struct pktgen_thread *t = container_of(ev, struct pktgen_thread, ev);
	struct net *net = t->net->net;
	struct sim_cpu *cpu = net_cpu(net, (unsigned int)t->cpu), *prev = net->this_cpu;
	sim_time_t now = sim_now(w);
	int budget = PKTGEN_BATCH;
	bool polling;

	if (cpu_costs_on(net) && cpu->busy_until > now) {
		/* interrupts and softirqs come first */
		sim_schedule(w, &t->ev, cpu->busy_until);
		return;
	}
	net->this_cpu = cpu;
	for (;;) {
		struct pktgen_dev *pkt_dev = t->wait_dev;
		sim_time_t saved = cpu->charge, charge;
		enum pg_step step;

		cpu->charge = 0;
		if (t->wait != PG_RUNNABLE) {
			step = pktgen_resume(t);
		} else {
			pkt_dev = next_to_run(t);
			if (!pkt_dev || (pkt_dev->delay == ULLONG_MAX &&
					 pkt_dev->next_tx == SIM_TIME_MAX)) {
				/* nothing to send: sleep until woken (the kernel
				 * spins on a "never transmit" device) */
				cpu->charge = saved;
				break;
			}
			step = pktgen_xmit(t, pkt_dev);
		}
		charge = cpu->charge;
		cpu->charge = saved;
		if (charge > 0)		/* the thread's work, in process context */
			cpu->busy_until = max(cpu->busy_until, now) + charge;
		if (step == PG_WAIT)
			break;
		if (step == PG_RETRY) {
			pktgen_poll_later(t, pkt_dev);
			break;
		}
		polling = t->poll_misses > 0;
		t->poll_misses = 0;
		if (cpu->busy_until > now) {
			sim_schedule(w, &t->ev, cpu->busy_until);
			break;
		}
		if (polling) {
			/*
			 * Threads spinning on one stopped queue race for it when it
			 * wakes; after a win, let the others that look now go first,
			 * so they take turns rather than the first one always winning.
			 */
			sim_schedule(w, &t->ev, now);
			break;
		}
		if (--budget == 0) {
			/* preempted at the tick, as a kthread that never sleeps */
			sim_schedule(w, &t->ev, now + w->tick_ns);
			break;
		}
	}
	net->this_cpu = prev;
}

static struct pktgen_dev *pktgen_find_dev(struct pktgen_thread *t, const char *ifname,
					  bool exact)
{
	struct pktgen_dev *p;
	size_t len = strlen(ifname);

	list_for_each_entry(p, &t->if_list, list)
		if (strncmp(p->odevname, ifname, len) == 0) {
			if (p->odevname[len] && (exact || p->odevname[len] != '@'))
				continue;
			return p;
		}
	return NULL;
}

/* The file names a device may not take: ours, or one with a '/'. */
static bool pktgen_entry_ok(const struct pktgen_net *pn, const char *name)
{
	const struct pktgen_thread *t;

	if (!name[0] || strchr(name, '/') || !strcmp(name, PGCTRL))
		return false;
	list_for_each_entry(t, &pn->pktgen_threads, th_list)
		if (!strcmp(name, t->comm))
			return false;
	return true;
}

static int pktgen_add_device(struct pktgen_thread *t, const char *ifname)
{
	struct pktgen_net *pn = t->net;
	struct pktgen_dev *pkt_dev;
	char purpose[64];
	int err;

	/* We don't allow a device to be on several threads */
	if (__pktgen_NN_threads(pn, ifname, FIND))
		return -EBUSY;		/* "ERROR: interface already used" */

	pkt_dev = g_new0(struct pktgen_dev, 1);
	g_strlcpy(pkt_dev->odevname, ifname, sizeof(pkt_dev->odevname));
	g_strlcpy(pkt_dev->entry, ifname, sizeof(pkt_dev->entry));
	pkt_dev->delay = (u64)pg_delay_d;
	pkt_dev->count = (u64)pg_count_d;
	pkt_dev->udp_src_min = 9;	/* sink port */
	pkt_dev->udp_src_max = 9;
	pkt_dev->udp_dst_min = 9;
	pkt_dev->udp_dst_max = 9;
	pkt_dev->vlan_id = 0xffff;
	pkt_dev->svlan_id = 0xffff;
	pkt_dev->burst = 1;
	pkt_dev->node = -1;		/* NUMA_NO_NODE */
	pkt_dev->flags = F_SHARED;	/* SKB shared by default */
	pkt_dev->pg_thread = t;
	snprintf(purpose, sizeof(purpose), "pktgen/%s", ifname);
	node_rng_derive(pn->net->node, &pkt_dev->rng, purpose);

	err = pktgen_setup_dev(pn, pkt_dev, ifname);
	if (err)
		goto out;
	if (pkt_dev->odev->priv_flags & IFF_TX_SKB_SHARING)
		pkt_dev->clone_skb = pg_clone_skb_d;
	if (!pktgen_entry_ok(pn, ifname)) {
		err = -EINVAL;		/* "cannot create pktgen/%s procfs entry" */
		goto out;
	}
	pkt_dev->running = 0;
	list_add(&pkt_dev->list, &t->if_list);	/* Adds a dev at front of if_list */
	return 0;
out:
	g_free(pkt_dev);
	return err;
}

static int pktgen_remove_device(struct pktgen_thread *t, struct pktgen_dev *pkt_dev)
{
	if (pkt_dev->running)	/* "trying to remove a running interface, stopping it now" */
		pktgen_stop_device(pkt_dev);
	consume_skb(pkt_dev->skb);	/* NULL unless stopped while exiting */
	pkt_dev->odev = NULL;
	if (t->wait_dev == pkt_dev) {
		t->wait = PG_RUNNABLE;
		t->wait_dev = NULL;
	}
	list_del(&pkt_dev->list);
	g_free(pkt_dev->flows);
	g_free(pkt_dev);
	return 0;
}

/* ---- /proc/net/pktgen, served for every node ----------------------------------------- */

enum pg_file { PG_FILE_NONE, PG_FILE_DIR, PG_FILE_CTRL, PG_FILE_THREAD, PG_FILE_DEV };

/* What @rel names on @node: *cpu for a thread, *devp for a device. */
static enum pg_file pktgen_lookup(struct node *node, const char *rel, unsigned int *cpu,
				  struct pktgen_dev **devp)
{
	struct pktgen_net *pn = pktgen_pernet(node_net(node));
	struct pktgen_thread *t;
	struct pktgen_dev *pkt_dev;
	const char *num = rel + strlen("kpktgend_");
	char *end;

	if (!node_net(node))
		return PG_FILE_NONE;
	if (!*rel)
		return PG_FILE_DIR;
	if (!strcmp(rel, PGCTRL))
		return PG_FILE_CTRL;
	if (!strncmp(rel, "kpktgend_", strlen("kpktgend_")) && g_ascii_isdigit(*num) &&
	    (*num != '0' || !num[1])) {
		guint64 n = g_ascii_strtoull(num, &end, 10);

		if (!*end && n < node->ncpus) {
			*cpu = (unsigned int)n;
			return PG_FILE_THREAD;
		}
	}
	if (pn)
		list_for_each_entry(t, &pn->pktgen_threads, th_list)
			list_for_each_entry(pkt_dev, &t->if_list, list)
				if (!strcmp(rel, pkt_dev->entry)) {
					*devp = pkt_dev;
					return PG_FILE_DEV;
				}
	return PG_FILE_NONE;
}

static int pktgen_fs_read(struct node *node, const char *rel, GString *out)
{
	struct pktgen_net *pn = pktgen_pernet(node_net(node));
	struct pktgen_dev *pkt_dev = NULL;
	unsigned int cpu = 0;

	switch (pktgen_lookup(node, rel, &cpu, &pkt_dev)) {
	case PG_FILE_DIR:
		return -EISDIR;
	case PG_FILE_CTRL:
		return pgctrl_show(out);
	case PG_FILE_THREAD:
		pktgen_thread_show(pn ? pktgen_thread_of(pn, cpu) : NULL, out);
		return 0;
	case PG_FILE_DEV:
		pktgen_if_show(pkt_dev, out);
		return 0;
	default:
		return -ENOENT;
	}
}

static int pktgen_fs_write(struct node *node, const char *rel, const char *data,
			   struct sim_err *err)
{
	struct pktgen_dev *pkt_dev = NULL;
	unsigned int cpu = 0;

	(void)err;	/* the shell says "write error: <errno text>", as bash */
	switch (pktgen_lookup(node, rel, &cpu, &pkt_dev)) {
	case PG_FILE_DIR:
		return -EISDIR;
	case PG_FILE_CTRL:
		return pgctrl_write(node_net(node), data, strlen(data));
	case PG_FILE_THREAD:
		return pktgen_thread_write(pktgen_thread_of(pg_net_init(node_net(node)), cpu),
					   data, strlen(data));
	case PG_FILE_DEV:
		return pktgen_if_write(pkt_dev, data, strlen(data));
	default:
		return -ENOENT;
	}
}

static int pktgen_fs_access(struct node *node, const char *rel, bool write)
{
	struct pktgen_dev *pkt_dev = NULL;
	unsigned int cpu = 0;

	(void)write;		/* 0600, and we are root */
	switch (pktgen_lookup(node, rel, &cpu, &pkt_dev)) {
	case PG_FILE_DIR:
		return -EISDIR;
	case PG_FILE_NONE:
		return -ENOENT;
	default:
		return 0;
	}
}

static void pktgen_fs_list(struct node *node, GPtrArray *paths)
{
	struct pktgen_net *pn = pktgen_pernet(node_net(node));
	struct pktgen_thread *t;
	struct pktgen_dev *pkt_dev;

	if (!node_net(node))
		return;
	g_ptr_array_add(paths, g_strdup(PG_PROC_DIR "/" PGCTRL));
	for (unsigned int cpu = 0; cpu < node->ncpus; cpu++)
		g_ptr_array_add(paths, g_strdup_printf(PG_PROC_DIR "/kpktgend_%u", cpu));
	if (pn)
		list_for_each_entry(t, &pn->pktgen_threads, th_list)
			list_for_each_entry(pkt_dev, &t->if_list, list)
				g_ptr_array_add(paths, g_strdup_printf(PG_PROC_DIR "/%s",
								       pkt_dev->entry));
}

static const struct sim_fs_ops pktgen_fs_ops = {
	.root = PG_PROC_DIR,
	.read = pktgen_fs_read,
	.write = pktgen_fs_write,
	.access = pktgen_fs_access,
	.list = pktgen_fs_list,
};

static const struct sim_fs_ops *const pktgen_fs[] = {
	&pktgen_fs_ops,
	NULL,
};

const struct sim_module pktgen_module = {
	.name = "pktgen",
	.node_exit = pg_net_exit,
	.fs = pktgen_fs,
};
