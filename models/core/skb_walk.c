/*
 * models/core/skb_walk.c - the models' side of the packet walkthrough
 *
 * No kernel counterpart: this is what pwru does with kprobes on every
 * function that takes an skb, filtered by a pcap expression.  A
 * tracepoint (trace_skb_walk, models/include/trace/skbwalk.h) of a packet
 * already followed (skb->walk) becomes a line of its walk.  While a walk
 * is armed, the tracepoint of a packet not yet followed checks it against
 * the filter, on the frame tcpdump would see (made up with zero MACs when
 * the link-layer header is not built yet); until it matches, its points
 * are kept aside (pending, per skb id, bounded), so a walk that starts at
 * ip_local_out still shows the socket functions before it.  Pending
 * points are forgotten when the skb is freed or the walk is used up.
 */
#include "trace/skbwalk.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "linux/netdevice.h"
#include "linux/netfilter.h"
#include "net/ip_fib.h"
#include "net/kernel.h"
#include "net/net_namespace.h"
#include "sim/trace/walk.h"

/* At most this many packets keep pending points, each at most this many. */
#define WALK_PENDING_SKBS 1024
#define WALK_PENDING_POINTS 64
/* Bytes of a frame the filter sees (the link MTU and then some). */
#define WALK_FRAME_MAX 2048

struct walk_pending_point {
	sim_time_t t;
	const struct node *node;
	const char *func, *file;	/* static strings */
	char *dev, *detail;
};

struct skb_walk_pending {
	GHashTable *skbs;		/* skb id (u64 *) -> GArray of points */
};

static void pending_points_free(gpointer data)
{
	GArray *a = data;

	for (guint i = 0; i < a->len; i++) {
		struct walk_pending_point *p = &g_array_index(a, struct walk_pending_point, i);

		g_free(p->dev);
		g_free(p->detail);
	}
	g_array_free(a, TRUE);
}

static struct skb_walk_pending *pending_get(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);

	if (!kw->walk_pending) {
		kw->walk_pending = g_new0(struct skb_walk_pending, 1);
		kw->walk_pending->skbs = g_hash_table_new_full(g_int64_hash, g_int64_equal,
								g_free, pending_points_free);
	}
	return kw->walk_pending;
}

void skb_walk_exit(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);

	if (!kw || !kw->walk_pending)
		return;
	g_hash_table_unref(kw->walk_pending->skbs);
	g_free(kw->walk_pending);
	kw->walk_pending = NULL;
}

unsigned int skb_walk_pending_count(struct world *w)
{
	struct kernel_world *kw = kernel_world(w);

	return kw && kw->walk_pending ? g_hash_table_size(kw->walk_pending->skbs) : 0;
}

/* The node of a point: the skb's device or socket, else the device named. */
static const struct node *walk_node(const struct sk_buff *skb, const struct net_device *dev)
{
	const struct node *node = skb_node(skb);

	if (!node && dev)
		node = dev_net(dev)->node;
	return node;
}

static void pending_add(struct world *w, const struct sk_buff *skb, const char *func,
			const char *file, const struct net_device *dev, const char *detail)
{
	struct skb_walk_pending *pd = pending_get(w);
	GArray *a = g_hash_table_lookup(pd->skbs, &skb->id);
	struct walk_pending_point p = {
		.t = sim_now(w), .node = walk_node(skb, dev), .func = func, .file = file,
		.dev = dev ? g_strdup(dev->name) : NULL, .detail = g_strdup(detail),
	};

	if (!a) {
		u64 *key;

		if (g_hash_table_size(pd->skbs) >= WALK_PENDING_SKBS)
			goto skip;
		key = g_new(u64, 1);
		*key = skb->id;
		a = g_array_new(FALSE, FALSE, sizeof(struct walk_pending_point));
		g_hash_table_insert(pd->skbs, key, a);
	}
	if (a->len >= WALK_PENDING_POINTS)
		goto skip;
	g_array_append_val(a, p);
	return;
skip:
	g_free(p.dev);
	g_free(p.detail);
}

static void pending_forget(struct world *w, u64 id)
{
	struct kernel_world *kw = kernel_world(w);

	if (kw->walk_pending)
		g_hash_table_remove(kw->walk_pending->skbs, &id);
}

/* The pending points of @skb become the first lines of its walk. */
static void pending_flush(struct world *w, const struct sk_buff *skb)
{
	struct kernel_world *kw = kernel_world(w);
	GArray *a = kw->walk_pending ? g_hash_table_lookup(kw->walk_pending->skbs, &skb->id) : NULL;

	for (guint i = 0; a && i < a->len; i++) {
		const struct walk_pending_point *p =
			&g_array_index(a, struct walk_pending_point, i);
		struct sim_walk_point pt = {
			.t = p->t, .node = p->node, .skb = skb->id, .parent = skb->parent_id,
			.func = p->func, .file = p->file, .dev = p->dev, .detail = p->detail,
		};

		sim_walk_record(w, skb->walk, &pt);
	}
	pending_forget(w, skb->id);
}

/* ---- what the filter sees --------------------------------------------- */

static bool skb_header_ok(const struct sk_buff *skb, u16 off)
{
	return off != SKB_HEADER_UNSET && off <= skb->tail;
}

static unsigned int frame_copy(u8 *buf, unsigned int room, const u8 *from, unsigned int len)
{
	if (len > room)
		len = room;
	memcpy(buf, from, len);
	return len;
}

/*
 * The frame tcpdump would show for @skb: from its mac header when that
 * header sits just before the network header (or there is no network
 * header yet), else zero MACs, the EtherType and the packet from its
 * network header.  Returns 0 when there is nothing to show yet (a
 * socket's buffer before its IP header is built).
 */
static unsigned int skb_walk_frame(const struct sk_buff *skb, u8 *buf, unsigned int room)
{
	bool mac = skb_header_ok(skb, skb->mac_header);
	bool nh = skb_header_ok(skb, skb->network_header);
	__be16 proto = skb->protocol;

	if (mac && (!nh || skb->mac_header + ETH_HLEN == skb->network_header) &&
	    skb->tail - skb->mac_header >= ETH_HLEN)
		return frame_copy(buf, room, skb->head + skb->mac_header,
				  skb->tail - skb->mac_header);
	if (!nh || skb->tail == skb->network_header)
		return 0;
	if (!proto && (skb->head[skb->network_header] >> 4) == 4)
		proto = htons(ETH_P_IP);	/* a socket's packet before ip_output */
	memset(buf, 0, 12);
	memcpy(buf + 12, &proto, 2);
	return ETH_HLEN + frame_copy(buf + ETH_HLEN, room - ETH_HLEN,
				     skb->head + skb->network_header,
				     skb->tail - skb->network_header);
}

static u16 get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static const char *ip4(const u8 *p, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return buf;
}

static void describe_arp(const u8 *a, unsigned int len, char *out, size_t size)
{
	char s[16], t[16];

	if (len < 28 || get16(a) != 1 || get16(a + 2) != ETH_P_IP) {
		snprintf(out, size, "ARP, length %u", len);
		return;
	}
	if (get16(a + 6) == 1)
		snprintf(out, size, "ARP, Request who-has %s tell %s, length %u",
			 ip4(a + 24, t), ip4(a + 14, s), len);
	else
		snprintf(out, size, "ARP, Reply %s is-at %02x:%02x:%02x:%02x:%02x:%02x, length %u",
			 ip4(a + 14, s), a[8], a[9], a[10], a[11], a[12], a[13], len);
}

static void describe_icmp(const u8 *ic, unsigned int len, char *out, size_t size)
{
	if (len < 8) {
		snprintf(out, size, "ICMP, length %u", len);
		return;
	}
	switch (ic[0]) {
	case 0:
	case 8:
		snprintf(out, size, "ICMP echo %s, id %u, seq %u, length %u",
			 ic[0] ? "request" : "reply", get16(ic + 4), get16(ic + 6), len);
		return;
	case 3:
		snprintf(out, size, "ICMP destination unreachable, code %u, length %u", ic[1], len);
		return;
	case 11:
		snprintf(out, size, "ICMP time exceeded, code %u, length %u", ic[1], len);
		return;
	default:
		snprintf(out, size, "ICMP type %u, code %u, length %u", ic[0], ic[1], len);
	}
}

static void describe_ipv4(const u8 *ip, unsigned int len, char *out, size_t size)
{
	unsigned int ihl = (ip[0] & 0xf) * 4u, tot, frag;
	char s[16], d[16], l4[96];
	const u8 *p;

	if (len < 20 || ihl < 20 || ihl > len) {
		snprintf(out, size, "IP, bad header, length %u", len);
		return;
	}
	tot = get16(ip + 2);
	if (tot > len || tot < ihl)
		tot = len;
	frag = get16(ip + 6);
	p = ip + ihl;
	if (frag & 0x1fff) {
		snprintf(l4, sizeof(l4), "fragment id %u, offset %u%s, proto %u, length %u",
			 get16(ip + 4), (frag & 0x1fff) * 8u, frag & 0x2000 ? ", more" : "",
			 ip[9], tot - ihl);
	} else if (ip[9] == 1) {
		describe_icmp(p, tot - ihl, l4, sizeof(l4));
	} else if (ip[9] == 17 && tot - ihl >= 8) {
		/* tcpdump: "IP 10.0.1.2.33816 > 10.0.2.2.9: UDP, length 5" */
		snprintf(out, size, "IP %s.%u > %s.%u: UDP, length %u", ip4(ip + 12, s), get16(p),
			 ip4(ip + 16, d), get16(p + 2), get16(p + 4) >= 8 ? get16(p + 4) - 8u : 0u);
		return;
	} else {
		snprintf(l4, sizeof(l4), "proto %u, length %u", ip[9], tot - ihl);
	}
	snprintf(out, size, "IP %s > %s: %s%s", ip4(ip + 12, s), ip4(ip + 16, d), l4,
		 !(frag & 0x1fff) && (frag & 0x2000) ? " (first fragment)" : "");
}

/* The heading of a walk: a tcpdump-like one-liner of the frame. */
static void skb_walk_describe(const u8 *frame, unsigned int len, char *out, size_t size)
{
	u16 type = get16(frame + 12);

	if (type == ETH_P_IP)
		describe_ipv4(frame + ETH_HLEN, len - ETH_HLEN, out, size);
	else if (type == ETH_P_ARP)
		describe_arp(frame + ETH_HLEN, len - ETH_HLEN, out, size);
	else
		snprintf(out, size, "ethertype 0x%04x, length %u", type, len);
}

/* Starts a walk for @skb if it matches the armed filter. */
static bool skb_walk_try_start(struct world *w, struct sk_buff *skb,
			       const struct net_device *dev)
{
	u8 frame[WALK_FRAME_MAX];
	unsigned int len = skb_walk_frame(skb, frame, sizeof(frame));
	const struct node *node;
	char what[160], summary[288];

	if (!len || !sim_walk_match(w, frame, len))
		return false;
	skb_walk_describe(frame, len, what, sizeof(what));
	node = walk_node(skb, dev);
	snprintf(summary, sizeof(summary), "%s skb %llu: %s", node ? node->name : "-",
		 (unsigned long long)skb->id, what);
	skb->walk = sim_walk_start(w, skb->id, summary);
	if (!skb->walk)
		return false;		/* the count is used up: not followed */
	pending_flush(w, skb);
	if (!w->walk_armed && kernel_world(w)->walk_pending)
		g_hash_table_remove_all(kernel_world(w)->walk_pending->skbs);	/* used up */
	return true;
}

static void skb_walk_record(struct world *w, const struct sk_buff *skb, const char *func,
			    const char *file, const struct net_device *dev, const char *detail)
{
	struct sim_walk_point pt = {
		.t = sim_now(w), .node = walk_node(skb, dev), .skb = skb->id,
		.parent = skb->parent_id, .func = func, .file = file,
		.dev = dev ? dev->name : NULL, .detail = detail,
	};

	sim_walk_record(w, skb->walk, &pt);
}

void __trace_skb_walk(struct sk_buff *skb, const char *func, const char *file,
		      const struct net_device *dev, const char *fmt, ...)
{
	struct world *w = skb->pool->w;
	char detail[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (skb->walk == SKB_WALK_CANDIDATE && !skb_walk_try_start(w, skb, dev)) {
		if (w->walk_armed) {
			pending_add(w, skb, func, file, dev, detail);
		} else {
			pending_forget(w, skb->id);
			skb->walk = 0;	/* disarmed: no longer a candidate */
		}
		return;
	}
	skb_walk_record(w, skb, func, file, dev, detail);
}

void skb_walk_free(struct sk_buff *skb, enum skb_drop_reason reason, const char *func)
{
	struct world *w = skb->pool->w;
	const struct net_device *dev = skb->dev;
	char detail[160];

	if (skb->walk == SKB_WALK_CANDIDATE &&
	    (!w->walk_armed || !skb_walk_try_start(w, skb, dev))) {
		pending_forget(w, skb->id);
		return;
	}
	if (reason == SKB_CONSUMED) {
		snprintf(detail, sizeof(detail), "consumed in %s", func);
		skb_walk_record(w, skb, "consume_skb", "models/core/skbuff.c", dev, detail);
	} else {
		snprintf(detail, sizeof(detail), "drop reason %s in %s",
			 skb_drop_reason_name(reason), func);
		skb_walk_record(w, skb, "kfree_skb_reason", "models/core/skbuff.c", dev, detail);
	}
}

/* ---- names for the tracepoints' details --------------------------------- */

const char *walk_rtn_name(unsigned int type)
{
	static const char *const names[] = {
		[RTN_UNSPEC] = "unspec", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local",
		[RTN_BROADCAST] = "broadcast", [RTN_ANYCAST] = "anycast",
		[RTN_MULTICAST] = "multicast", [RTN_BLACKHOLE] = "blackhole",
		[RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit",
		[RTN_THROW] = "throw", [RTN_NAT] = "nat",
	};

	return type < G_N_ELEMENTS(names) && names[type] ? names[type] : "?";
}

/* "10.0.2.0/24 table main, unicast via 10.0.2.1 dev eth1" */
const char *walk_fib_res(const struct fib_result *res, char *buf, size_t size)
{
	int n = snprintf(buf, size, WALK_IP4 "/%u", WALK_IP4_ARG(res->prefix), res->prefixlen);

	if (n < 0 || (size_t)n >= size)
		return buf;
	if (res->table) {
		u32 id = fib_table_id(res->table);

		if (id == RT_TABLE_MAIN || id == RT_TABLE_LOCAL)
			n += snprintf(buf + n, size - (size_t)n, " table %s",
				      id == RT_TABLE_MAIN ? "main" : "local");
		else
			n += snprintf(buf + n, size - (size_t)n, " table %u", id);
	}
	if ((size_t)n >= size)
		return buf;
	n += snprintf(buf + n, size - (size_t)n, ", %s", walk_rtn_name(res->type));
	if (res->fi && (size_t)n < size) {
		const struct fib_nh *nh = &FIB_RES_NH(*res);

		if (nh->nh_gw)
			n += snprintf(buf + n, size - (size_t)n, " via " WALK_IP4,
				      WALK_IP4_ARG(nh->nh_gw));
		if (nh->nh_dev && (size_t)n < size)
			snprintf(buf + n, size - (size_t)n, " dev %s", nh->nh_dev->name);
	}
	return buf;
}

const char *walk_nf_hook_name(u8 pf, unsigned int hook)
{
	static const char *const inet[] = {
		"NF_INET_PRE_ROUTING", "NF_INET_LOCAL_IN", "NF_INET_FORWARD",
		"NF_INET_LOCAL_OUT", "NF_INET_POST_ROUTING",
	};
	static const char *const arp[] = { "NF_ARP_IN", "NF_ARP_OUT", "NF_ARP_FORWARD" };
	static const char *const br[] = {
		"NF_BR_PRE_ROUTING", "NF_BR_LOCAL_IN", "NF_BR_FORWARD",
		"NF_BR_LOCAL_OUT", "NF_BR_POST_ROUTING",
	};

	if (pf == NFPROTO_IPV4 && hook < G_N_ELEMENTS(inet))
		return inet[hook];
	if (pf == NFPROTO_ARP && hook < G_N_ELEMENTS(arp))
		return arp[hook];
	if (pf == NFPROTO_BRIDGE && hook < G_N_ELEMENTS(br))
		return br[hook];
	return "NF_HOOK";
}
