/*
 * models/apps/ip_route.c - `ip route`: show, add/del/change/replace/append,
 * flush, get
 *
 * User space: mirrors ip/iproute.c of iproute2 6.1 (iproute_modify(),
 * parse_nexthops(), iproute_list_flush_or_save(), filter_nlmsg(),
 * print_route(), iproute_get()).  iproute2 decides what the kernel is not
 * told: the table (local for local/broadcast/nat/anycast, else main),
 * the scope (host for local, link for broadcast and for a route without a
 * gateway, universe otherwise, nowhere for a delete) and the protocol
 * (boot).  A listing shows table main unless told `table local|all|ID`;
 * `table all` goes through the tables in the order of the kernel's
 * fib_table_hash (id & 255: 100, then main 254, then local 255), each in
 * the trie's key order (fib_table_walk()).
 *
 * The kernel side of RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE
 * (net/ipv4/fib_frontend.c: rtm_to_fib_config(), inet_rtm_newroute(),
 * inet_rtm_delroute(); net/ipv4/route.c: inet_rtm_getroute(),
 * rt_fill_info(); fib_semantics.c: fib_dump_info()) is here in the rtm_*
 * functions until the models grow an rtnetlink layer; they call
 * ip_rt_newroute()/ip_rt_delroute() and, for `get`, ip_route_output_key()
 * or (with iif) ip_route_input_noref() on a dummy skb, as the kernel does.
 * As on a kernel without custom rules, local and main answer `get` as one
 * table (main) until the first `ip rule add/del`; then "table local"
 * shows for local routes.
 *
 * Differences: no IPv6 (its routes are answered "RTNETLINK answers:
 * Operation not supported"); route metrics other than mtu, "mtu lock",
 * encap, nhid, realms, source routing (from), NAT (as), expires, pref,
 * vrf and save/restore are refused with a message saying so; the route
 * cache (`table cache`, `flush cache`) is always empty.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/if_ether.h"
#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "net/ip.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"
#include "net/route.h"

/* include/uapi/linux/rtnetlink.h rtm_flags */
#define RTM_F_NOTIFY		0x100
#define RTM_F_CLONED		0x200
#define RTM_F_OFFLOAD		0x4000
#define RTM_F_TRAP		0x8000
#define RTM_F_OFFLOAD_FAILED	0x20000000
#define RTNH_F_OFFLOAD		8
#define RTNH_F_UNRESOLVED	32
#define RTNH_F_TRAP		64

/* include/uapi/linux/in_route.h, as print_cache_flags() names them */
#define RTCF_DIRECTDST		0x00020000
#define RTCF_TPROXY		0x00080000
#define RTCF_FAST		0x00200000
#define RTCF_MASQ		0x00400000
#define RTCF_SNAT		0x00800000
#define RTCF_DNAT		0x08000000
#define RTCF_REJECT		0x40000000

#define RT_TABLE_MAX		0xFFFFFFFFu
#define MAX_NEXTHOPS		((int)G_N_ELEMENTS(((struct fib_config *)0)->fc_mp))

enum route_cmd { RTM_NEWROUTE, RTM_DELROUTE };

static int iproute_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip route { list | flush } SELECTOR\n"
		"       ip route save SELECTOR\n"
		"       ip route restore\n"
		"       ip route showdump\n"
		"       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
		"                            [ from ADDRESS iif STRING ]\n"
		"                            [ oif STRING ] [ tos TOS ]\n"
		"                            [ mark NUMBER ] [ vrf NAME ]\n"
		"                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
		"                            [ sport NUMBER ] [ dport NUMBER ]\n"
		"       ip route { add | del | change | append | replace } ROUTE\n"
		"SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
		"            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
		"            [ type TYPE ] [ scope SCOPE ]\n"
		"ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
		"NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
		"             [ table TABLE_ID ] [ proto RTPROTO ]\n"
		"             [ scope SCOPE ] [ metric METRIC ]\n"
		"             [ ttl-propagate { enabled | disabled } ]\n"
		"INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\n"
		"NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
		"      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
		"FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
		"OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
		"           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
		"           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
		"           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
		"           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
		"           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
		"           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
		"TYPE := { unicast | local | broadcast | multicast | throw |\n"
		"          unreachable | prohibit | blackhole | nat }\n"
		"TABLE_ID := [ local | main | default | all | NUMBER ]\n"
		"SCOPE := [ host | link | global | NUMBER ]\n"
		"NHFLAGS := [ onlink | pervasive ]\n"
		"RTPROTO := [ kernel | boot | static | NUMBER ]\n"
		"PREF := [ low | medium | high ]\n"
		"TIME := NUMBER[s|ms]\n"
		"BOOL := [1|0]\n"
		"FEATURES := ecn\n"
		"ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\n"
		"ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\n"
		"SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\n"
		"SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\n"
		"SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\n"
		"ACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n"
		"            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n"
		"            End.BM | End.S | End.AS | End.AM | End.BPF }\n"
		"OPTIONS := OPTION [ OPTIONS ]\n"
		"OPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n"
		"            table TABLEID | vrftable TABLEID | endpoint PROGNAME }\n"
		"FLAVORS := { FLAVOR[,FLAVOR] }\n"
		"FLAVOR := { psp | usp | usd | next-csid }\n"
		"IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\n"
		"XFRMINFO := if_id IF_ID [ link_dev LINK ]\n"
		"ROUTE_GET_FLAGS := [ fibmatch ]\n");
	r->status = 255;
	return -1;
}

/* ---- a route as RTM_NEWROUTE carries it (the rtmsg and its attributes) ---- */

struct rt_nh {
	__be32 gw;
	int oif;
	int weight;
	u32 flags;
};

struct rt_msg {
	int family;
	u8 dst_len, src_len, tos, protocol, scope, type;
	u32 flags;			/* rtm_flags: RTNH_F_*, RTM_F_*, RTCF_* */
	u32 table;			/* RTA_TABLE */
	bool has_dst, has_gw, has_prefsrc, has_priority, has_src;
	__be32 dst, src, gw, prefsrc;
	int oif, iif;			/* 0: none */
	u32 priority, mtu, mark, uid;
	bool has_uid;
	int nhs;			/* RTA_MULTIPATH nexthops, 0: none */
	struct rt_nh nh[16];
	/* route get: RTA_CACHEINFO */
	bool cloned;
	int users;			/* dst refcount (-s) */
	long expires;			/* rta_expires in USER_HZ (100 a second), 0: none */
	bool mtu_lock;			/* RTAX_LOCK's bit for RTAX_MTU */
};

/* fib_nexthop_info(): a nexthop's flags as a dump reports them */
static u32 fib_nexthop_flags(const struct fib_nh *nh)
{
	u32 flags = nh->nh_flags & (RTNH_F_DEAD | RTNH_F_ONLINK);

	if (nh->nh_flags & RTNH_F_LINKDOWN) {
		const struct in_device *in_dev = nh->nh_dev ? __in_dev_get_rtnl(nh->nh_dev) : NULL;

		flags |= RTNH_F_LINKDOWN;
		/* ip_ignore_linkdown(): such a route is as good as dead */
		if (in_dev && IN_DEV_MAXCONF(in_dev, IGNORE_ROUTES_WITH_LINKDOWN))
			flags |= RTNH_F_DEAD;
	}
	return flags;
}

/* fib_dump_info(): what the kernel says of one route */
static void fib_dump_info(struct rt_msg *m, u32 table, u8 type, __be32 dst, int dst_len,
			  u8 tos, const struct fib_info *fi)
{
	memset(m, 0, sizeof(*m));
	m->family = AF_INET;
	m->dst_len = (u8)dst_len;
	m->tos = tos;
	m->table = table;
	m->type = type;
	m->protocol = fi->fib_protocol;
	m->scope = fi->fib_scope;
	m->has_dst = dst_len != 0;
	m->dst = dst;
	m->has_priority = fi->fib_priority != 0;
	m->priority = fi->fib_priority;
	m->mtu = fi->fib_mtu;
	m->has_prefsrc = fi->fib_prefsrc != 0;
	m->prefsrc = fi->fib_prefsrc;
	if (fi->fib_nhs == 1) {
		const struct fib_nh *nh = &fi->fib_nh[0];

		m->has_gw = nh->nh_gw != 0;
		m->gw = nh->nh_gw;
		m->oif = nh->nh_dev ? nh->nh_dev->ifindex : 0;
		m->flags = fib_nexthop_flags(nh);
		return;
	}
	m->nhs = fi->fib_nhs < 16 ? fi->fib_nhs : 16;
	for (int i = 0; i < m->nhs; i++) {
		const struct fib_nh *nh = &fi->fib_nh[i];

		m->nh[i].gw = nh->nh_gw;
		m->nh[i].oif = nh->nh_dev ? nh->nh_dev->ifindex : 0;
		m->nh[i].weight = nh->nh_weight;
		m->nh[i].flags = fib_nexthop_flags(nh);
	}
}

/* ---- the filter of show and flush (filter_nlmsg()) ------------------------ */

struct route_filter {
	u32 tb;				/* 0: every table */
	int cloned;
	u32 protocol, protocolmask;
	u32 scope, scopemask;
	u64 typemask;
	u32 tos, tosmask;
	int iif, iifmask;
	int oif, oifmask;
	u32 mark, markmask;
	u32 metric, metricmask;
	struct ipr_prefix rprefsrc, rvia, rdst, mdst, rsrc, msrc;
};

static void iproute_reset_filter(struct route_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->mdst.bitlen = -1;
	f->msrc.bitlen = -1;
}

static int addr_match(uint32_t a, const struct ipr_prefix *p, int bits)
{
	return ipr_addr_match(&a, p->data, bits < 0 ? 0 : bits);
}

/* A selector's prefix was given: it has a family, or a length ("0/0") */
static bool prefix_given(const struct ipr_prefix *p)
{
	return p->family || (p->flags & IPR_PREFIXLEN_SPECIFIED);
}

/* filter_nlmsg()'s root PREFIX: the route @addr/@len lies inside @p (or none given) */
static bool route_in_root(const struct ipr_prefix *p, const struct rt_msg *m, __be32 addr,
			  int len)
{
	if (!prefix_given(p))
		return true;
	if (p->family && m->family != p->family)
		return false;
	return p->bitlen <= len && !addr_match(addr, p, p->bitlen);
}

/* Its match PREFIX: the route @addr/@len covers @p (or none given) */
static bool route_covers(const struct ipr_prefix *p, const struct rt_msg *m, __be32 addr,
			 int len)
{
	if (!prefix_given(p))
		return true;
	if (p->family && m->family != p->family)
		return false;
	return p->bitlen < 0 || (p->bitlen >= len && !addr_match(addr, p, len));
}

/* filter_nlmsg(): 1 when @m is shown */
static int filter_route(const struct iproute *r, const struct route_filter *f,
			const struct rt_msg *m)
{
	if (r->family != AF_UNSPEC && m->family != r->family)
		return 0;
	if (f->cloned == !m->cloned)
		return 0;
	if (f->tb > 0 && f->tb != m->table)
		return 0;
	if ((f->protocol ^ m->protocol) & f->protocolmask)
		return 0;
	if ((f->scope ^ m->scope) & f->scopemask)
		return 0;
	if (f->typemask && !(f->typemask & (1ULL << m->type)))
		return 0;
	if ((f->tos ^ m->tos) & f->tosmask)
		return 0;
	if (!route_in_root(&f->rdst, m, m->has_dst ? m->dst : 0, m->dst_len) ||
	    !route_covers(&f->mdst, m, m->has_dst ? m->dst : 0, m->dst_len) ||
	    !route_in_root(&f->rsrc, m, m->src, m->src_len) ||
	    !route_covers(&f->msrc, m, m->src, m->src_len))
		return 0;
	if (f->rvia.family && f->rvia.family != m->family)
		return 0;
	if (f->rprefsrc.family && m->family != f->rprefsrc.family)
		return 0;
	if (f->rvia.family &&
	    addr_match(f->rvia.bitlen > 0 && m->has_gw ? m->gw : 0, &f->rvia, f->rvia.bitlen))
		return 0;
	if (f->rprefsrc.family &&
	    addr_match(f->rprefsrc.bitlen > 0 && m->has_prefsrc ? m->prefsrc : 0, &f->rprefsrc,
		       f->rprefsrc.bitlen))
		return 0;
	if ((m->iif ^ f->iif) & f->iifmask)
		return 0;
	if ((m->oif ^ f->oif) & f->oifmask)
		return 0;
	if ((m->mark ^ f->mark) & f->markmask)
		return 0;
	if (((m->has_priority ? m->priority : 0) ^ f->metric) & f->metricmask)
		return 0;
	return 1;
}

/* ---- printing (print_route()) --------------------------------------------- */

static const char *ifname(struct net *net, int ifindex, char buf[16])
{
	const struct net_device *dev = __dev_get_by_index(net, ifindex);

	if (dev)
		return dev->name;
	snprintf(buf, 16, "if%d", ifindex);
	return buf;
}

/* print_rt_flags() */
static void print_rt_flags(GString *out, u32 flags)
{
	static const struct { u32 bit; const char *name; } names[] = {
		{ RTNH_F_DEAD, "dead" }, { RTNH_F_ONLINK, "onlink" },
		{ RTNH_F_PERVASIVE, "pervasive" }, { RTNH_F_OFFLOAD, "offload" },
		{ RTNH_F_TRAP, "trap" }, { RTM_F_NOTIFY, "notify" },
		{ RTNH_F_LINKDOWN, "linkdown" }, { RTNH_F_UNRESOLVED, "unresolved" },
		{ RTM_F_OFFLOAD, "rt_offload" }, { RTM_F_TRAP, "rt_trap" },
		{ RTM_F_OFFLOAD_FAILED, "rt_offload_failed" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (flags & names[i].bit)
			g_string_append_printf(out, "%s ", names[i].name);
}

/* print_cache_flags(): "    cache <local,brd> " */
static void print_cache_flags(const struct iproute *r, GString *out, u32 flags)
{
	static const struct { u32 bit; const char *name; } names[] = {
		{ RTCF_LOCAL, "local" }, { RTCF_REJECT, "reject" }, { RTCF_MULTICAST, "mc" },
		{ RTCF_BROADCAST, "brd" }, { RTCF_DNAT, "dst-nat" }, { RTCF_SNAT, "src-nat" },
		{ RTCF_MASQ, "masq" }, { RTCF_DIRECTDST, "dst-direct" },
		{ RTCF_DIRECTSRC, "src-direct" }, { RTCF_REDIRECTED, "redirected" },
		{ RTCF_DOREDIRECT, "redirect" }, { RTCF_FAST, "fastroute" },
		{ RTCF_NOTIFY, "notify" }, { RTCF_TPROXY, "proxy" },
	};

	flags &= ~0xFFFFu;
	g_string_append_printf(out, "%s    cache ", r->sl);
	if (!flags)
		return;
	g_string_append_c(out, '<');
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		if (!(flags & names[i].bit))
			continue;
		flags &= ~names[i].bit;
		g_string_append_printf(out, "%s%s", names[i].name, flags ? "," : "> ");
	}
	if (flags)
		g_string_append_printf(out, "%x>", flags);
}

static void print_route(const struct iproute *r, const struct route_filter *f, GString *out,
			const struct rt_msg *m)
{
	char b1[16], b2[16];

	if ((m->type != RTN_UNICAST || r->show_details > 0) &&
	    (!f->typemask || (f->typemask & (1ULL << m->type))))
		g_string_append_printf(out, "%s ", ipr_rtntype_n2a(m->type, b1));
	if (m->has_dst) {
		if (m->dst_len != 32)
			g_string_append_printf(out, "%s/%u ", ipr_ntoa(m->dst, b1), m->dst_len);
		else
			g_string_append_printf(out, "%s ", ipr_ntoa(m->dst, b1));
	} else if (m->dst_len) {
		g_string_append_printf(out, "0/%d  ", m->dst_len);
	} else {
		g_string_append(out, "default ");
	}
	if (m->has_src) {
		if (m->src_len != 32)
			g_string_append_printf(out, "from %s/%u ", ipr_ntoa(m->src, b1), m->src_len);
		else
			g_string_append_printf(out, "from %s ", ipr_ntoa(m->src, b1));
	} else if (m->src_len) {
		g_string_append_printf(out, "from 0/%u ", m->src_len);
	}
	if (m->tos && f->tosmask != ~0u)
		g_string_append_printf(out, "tos %s ", ipr_dsfield_n2a(m->tos, b1));
	if (m->has_gw && f->rvia.bitlen != 32)
		g_string_append_printf(out, "via %s ", ipr_ntoa(m->gw, b1));
	if (m->oif && f->oifmask != -1)
		g_string_append_printf(out, "dev %s ", ifname(r->net, m->oif, b1));
	if (m->table && (m->table != RT_TABLE_MAIN || r->show_details > 0) && !f->tb)
		g_string_append_printf(out, "table %s ", ipr_rttable_n2a(r, m->table, b1));
	if (!m->cloned) {
		if ((m->protocol != RTPROT_BOOT || r->show_details > 0) && f->protocolmask != ~0u)
			g_string_append_printf(out, "proto %s ", ipr_rtprot_n2a(m->protocol, b1));
		if ((m->scope != RT_SCOPE_UNIVERSE || r->show_details > 0) && f->scopemask != ~0u)
			g_string_append_printf(out, "scope %s ", ipr_rtscope_n2a(m->scope, b1));
	}
	if (m->has_prefsrc && f->rprefsrc.bitlen != 32)
		g_string_append_printf(out, "src %s ", ipr_ntoa(m->prefsrc, b1));
	if (m->has_priority && f->metricmask != ~0u)
		g_string_append_printf(out, "metric %u ", m->priority);
	print_rt_flags(out, m->flags);
	if (m->mark)
		g_string_append_printf(out, m->mark >= 16 ? "mark 0x%x " : "mark %u ", m->mark);
	if (m->has_uid)
		g_string_append_printf(out, "uid %u ", m->uid);
	if (m->cloned) {
		/* print_rta_cacheinfo() */
		print_cache_flags(r, out, m->flags);
		if (m->expires)
			g_string_append_printf(out, "expires %ldsec ", m->expires / 100);
		if (r->show_stats && m->users)
			g_string_append_printf(out, "users %d ", m->users);
	}
	if (m->mtu)
		g_string_append_printf(out, m->mtu_lock ? "mtu lock %u " : "mtu %u ", m->mtu);
	if (m->iif && f->iifmask != -1)
		g_string_append_printf(out, "iif %s ", ifname(r->net, m->iif, b2));
	for (int i = 0; i < m->nhs; i++) {
		g_string_append_printf(out, "%s\tnexthop ", r->sl);
		if (m->nh[i].gw)
			g_string_append_printf(out, "via %s ", ipr_ntoa(m->nh[i].gw, b1));
		g_string_append_printf(out, "dev %s ", ifname(r->net, m->nh[i].oif, b1));
		g_string_append_printf(out, "weight %d ", m->nh[i].weight);
		print_rt_flags(out, m->nh[i].flags);
	}
	g_string_append_c(out, '\n');
}

/* ---- dumps: every route of the tables a filter asks for ----------------- */

/*
 * fib_table_hash order: by bucket (id & 255); in a bucket the kernel
 * lists the newest table first, which puts a table above 255 before the
 * main or local table sharing its bucket; here ties go by id, highest
 * first.
 */
static gint cmp_table_hash(gconstpointer a, gconstpointer b)
{
	u32 x = fib_table_id(*(struct fib_table *const *)a);
	u32 y = fib_table_id(*(struct fib_table *const *)b);

	if ((x & 0xff) != (y & 0xff))
		return (x & 0xff) < (y & 0xff) ? -1 : 1;
	return x > y ? -1 : x < y;
}

struct route_walk {
	u32 table;
	GArray *msgs;			/* struct rt_msg */
};

static void collect_route(__be32 prefix, int plen, struct fib_alias *fa, void *arg)
{
	struct route_walk *w = arg;
	struct rt_msg m;

	fib_dump_info(&m, w->table, fa->fa_type, prefix, plen, fa->fa_dscp, fa->fa_info);
	g_array_append_val(w->msgs, m);
}

/*
 * inet_dump_fib(): the routes of table @tb (0: all) as a dump lists them,
 * or NULL with *err set when that table does not exist.
 */
static GArray *dump_routes(struct net *net, u32 tb, const char **err)
{
	GPtrArray *tables = g_ptr_array_new();
	struct route_walk w = { .msgs = g_array_new(FALSE, TRUE, sizeof(struct rt_msg)) };

	for (unsigned int i = 0; i < net->ipv4.fib_num_tables; i++) {
		struct fib_table *t = net->ipv4.fib_tables[i];

		if (!tb || fib_table_id(t) == tb)
			g_ptr_array_add(tables, t);
	}
	if (tb && !tables->len) {
		*err = "Error: ipv4: FIB table does not exist.";
		g_ptr_array_unref(tables);
		g_array_free(w.msgs, TRUE);
		return NULL;
	}
	g_ptr_array_sort(tables, cmp_table_hash);
	for (guint i = 0; i < tables->len; i++) {
		w.table = fib_table_id(tables->pdata[i]);
		fib_table_walk(tables->pdata[i], collect_route, &w);
	}
	g_ptr_array_unref(tables);
	return w.msgs;
}

/* rtm_to_fib_config() of a dumped route: what flush's RTM_DELROUTE asks for */
static void rt_msg_to_config(const struct rt_msg *m, struct fib_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->fc_dst_len = m->dst_len;
	cfg->fc_dscp = m->tos;
	cfg->fc_table = m->table;
	cfg->fc_protocol = m->protocol;
	cfg->fc_scope = m->scope;
	cfg->fc_type = m->type;
	cfg->fc_dst = m->dst;
	cfg->fc_priority = m->priority;
	cfg->fc_prefsrc = m->prefsrc;
	cfg->fc_gw4 = m->gw;
	cfg->fc_oif = m->oif;
	cfg->fc_mtu = m->mtu;
	cfg->fc_nhs = m->nhs;
	for (int i = 0; i < m->nhs; i++) {
		cfg->fc_mp[i].gw = m->nh[i].gw;
		cfg->fc_mp[i].oif = m->nh[i].oif;
		cfg->fc_mp[i].weight = m->nh[i].weight;
	}
}

/* iproute_flush(): delete what the filter shows, dump after dump */
static int iproute_flush(struct iproute *r, const struct route_filter *f)
{
	int round = 0;

	if (f->cloned) {
		/* the IPv4 route cache is gone since 3.6; what `flush cache` still
		 * clears (rt_cache_flush's genid bump) are the nexthop exceptions */
		rt_flush_exceptions(r->net);
		if (r->show_stats)
			sim_sh_printf(r->sh, "*** IPv4 routing cache is flushed.\n");
		return 0;
	}
	for (;;) {
		const char *err = NULL;
		GArray *msgs = dump_routes(r->net, f->tb, &err);
		GString *out = g_string_new(NULL);
		unsigned int flushed = 0;

		if (!msgs) {
			sim_sh_eprintf(r->sh, "%s\nFlush terminated\n", err);
			r->status = 2;
			g_string_free(out, TRUE);
			return -1;
		}
		for (guint i = 0; i < msgs->len; i++) {
			const struct rt_msg *m = &g_array_index(msgs, struct rt_msg, i);
			struct sim_err serr = { { 0 } };
			struct fib_config cfg;

			if (!filter_route(r, f, m))
				continue;
			flushed++;
			if (r->show_stats >= 2)
				print_route(r, f, out, m);
			rt_msg_to_config(m, &cfg);
			ip_rt_delroute(r->net, &cfg, &serr);
		}
		g_array_free(msgs, TRUE);
		sim_sh_printf(r->sh, "%s", out->str);
		g_string_free(out, TRUE);
		if (flushed == 0) {
			ipr_flush_done(r, round);
			return 0;
		}
		ipr_flush_round(r, ++round, flushed, "entries");
	}
}

enum { IPROUTE_LIST, IPROUTE_FLUSH };

/*
 * The prefix after "from" or "to" in a selector: root PREFIX (the routes
 * inside it), match PREFIX (the routes that cover it) or [exact] PREFIX
 * (both, so that prefix alone).  *@argvp stays on the last word taken.
 */
static int get_route_selector(struct iproute *r, int *argcp, char ***argvp, int family,
			      struct ipr_prefix *root, struct ipr_prefix *match)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (ipr_matches(*argv, "root") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		if (ipr_get_prefix(r, root, *argv, family) < 0)
			return -1;
	} else if (ipr_matches(*argv, "match") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		if (ipr_get_prefix(r, match, *argv, family) < 0)
			return -1;
	} else {
		if (ipr_matches(*argv, "exact") == 0)
			IPR_NEXT_ARG(r, argc, argv);
		if (ipr_get_prefix(r, match, *argv, family) < 0)
			return -1;
		*root = *match;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* rt_fill_info()'s RTA_CACHEINFO expires and the PMTU metrics of a route with an exception */
static void rt_msg_pmtu(struct net *net, struct rt_msg *m, unsigned long expires, u32 pmtu,
			bool locked)
{
	unsigned long now = sim_jiffies(net->w);

	if (!expires || !time_before(now, expires))
		return;
	/* jiffies_delta_to_clock_t: USER_HZ is 100 */
	m->expires = (long)((u64)(expires - now) * 100 / net->w->hz);
	if (pmtu) {
		m->mtu = pmtu;
		m->mtu_lock = locked;
	}
}

struct fnhe_dump {
	struct iproute *r;
	const struct route_filter *f;
	GString *out;
};

/* fnhe_dump_bucket(): one exception as `ip route show cache` sees it */
static void fnhe_dump_one(void *arg, const struct fib_info *fi, const struct fib_nh *nh,
			  const struct fib_nh_exception *fnhe)
{
	struct fnhe_dump *d = arg;
	struct rt_msg m = { .family = AF_INET, .cloned = true, .dst_len = 32, .has_dst = true,
			    .dst = fnhe->fnhe_daddr, .type = RTN_UNICAST, .table = RT_TABLE_MAIN,
			    .flags = RTM_F_CLONED };

	m.mtu = fi->fib_mtu;
	m.oif = nh->nh_dev ? nh->nh_dev->ifindex : 0;
	if (nh->nh_gw && nh->nh_scope == RT_SCOPE_LINK) {
		m.has_gw = true;
		m.gw = nh->nh_gw;
	}
	if (fnhe->fnhe_gw) {		/* rt_bind_exception: the redirect's gateway */
		m.has_gw = true;
		m.gw = fnhe->fnhe_gw;
		m.flags |= RTCF_REDIRECTED;
	}
	rt_msg_pmtu(d->r->net, &m, fnhe->fnhe_expires, fnhe->fnhe_pmtu, fnhe->fnhe_mtu_locked);
	if (filter_route(d->r, d->f, &m))
		print_route(d->r, d->f, d->out, &m);
}

/* iproute_list_flush_or_save() */
static int iproute_list_flush(struct iproute *r, int argc, char **argv, int action)
{
	int dump_family = r->family;
	const char *id = NULL, *od = NULL;
	struct route_filter f;
	struct net_device *dev;

	iproute_reset_filter(&f);
	f.tb = RT_TABLE_MAIN;
	if (action == IPROUTE_FLUSH && argc <= 0) {
		sim_sh_eprintf(r->sh, "\"ip route flush\" requires arguments.\n");
		r->status = 1;
		return -1;
	}
	while (argc > 0) {
		if (ipr_matches(*argv, "table") == 0) {
			uint32_t tid;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rttable_a2n(r, &tid, *argv)) {
				if (strcmp(*argv, "all") == 0)
					f.tb = 0;
				else if (strcmp(*argv, "cache") == 0)
					f.cloned = 1;
				else if (strcmp(*argv, "help") == 0)
					return iproute_usage(r);
				else
					return ipr_invarg(r, "table id value is invalid\n", *argv);
			} else {
				f.tb = tid;
			}
		} else if (ipr_matches(*argv, "vrf") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_invarg(r, "Invalid VRF\n", *argv);
		} else if (ipr_matches(*argv, "cached") == 0 || ipr_matches(*argv, "cloned") == 0) {
			f.cloned = 1;
		} else if (strcmp(*argv, "tos") == 0 || ipr_matches(*argv, "dsfield") == 0) {
			uint32_t tos;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_dsfield_a2n(&tos, *argv))
				return ipr_invarg(r, "TOS value is invalid\n", *argv);
			f.tos = tos;
			f.tosmask = ~0u;
		} else if (ipr_matches(*argv, "protocol") == 0) {
			uint32_t prot = 0;

			IPR_NEXT_ARG(r, argc, argv);
			f.protocolmask = ~0u;
			if (ipr_rtprot_a2n(&prot, *argv)) {
				if (strcmp(*argv, "all") != 0)
					return ipr_invarg(r, "invalid \"protocol\"\n", *argv);
				prot = 0;
				f.protocolmask = 0;
			}
			f.protocol = prot;
		} else if (ipr_matches(*argv, "scope") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_scope_filter(r, &f.scope, &f.scopemask, *argv) < 0)
				return -1;
		} else if (ipr_matches(*argv, "type") == 0) {
			int type;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rtntype_a2n(&type, *argv))
				return ipr_invarg(r, "node type value is invalid\n", *argv);
			f.typemask = 1ULL << (type & 63);
		} else if (strcmp(*argv, "dev") == 0 || strcmp(*argv, "oif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			od = *argv;
		} else if (strcmp(*argv, "iif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			id = *argv;
		} else if (strcmp(*argv, "mark") == 0) {
			unsigned int mark;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_unsigned(&mark, *argv, 0))
				return ipr_invarg(r, "invalid mark value", *argv);
			f.mark = mark;
			f.markmask = ~0u;
		} else if (ipr_matches(*argv, "metric") == 0 || ipr_matches(*argv, "priority") == 0 ||
			   strcmp(*argv, "preference") == 0) {
			unsigned int metric;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_u32(&metric, *argv, 0))
				return ipr_invarg(r, "\"metric\" value is invalid\n", *argv);
			f.metric = metric;
			f.metricmask = ~0u;
		} else if (strcmp(*argv, "via") == 0) {
			int family;

			IPR_NEXT_ARG(r, argc, argv);
			family = ipr_read_family(*argv);
			if (family == AF_UNSPEC)
				family = dump_family;
			else
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix(r, &f.rvia, *argv, family) < 0)
				return -1;
		} else if (strcmp(*argv, "src") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix(r, &f.rprefsrc, *argv, dump_family) < 0)
				return -1;
		} else if (ipr_matches(*argv, "realms") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_unsupported(r, "ip route", "realms");
		} else if (ipr_matches(*argv, "from") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (get_route_selector(r, &argc, &argv, dump_family, &f.rsrc, &f.msrc) < 0)
				return -1;
		} else {
			if (ipr_matches(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (get_route_selector(r, &argc, &argv, dump_family, &f.rdst, &f.mdst) < 0)
				return -1;
		}
		argc--;
		argv++;
	}
	if (id) {
		dev = __dev_get_by_name(r->net, id);
		if (!dev)
			return ipr_nodev(r, id);
		f.iif = dev->ifindex;
		f.iifmask = -1;
	}
	if (od) {
		dev = __dev_get_by_name(r->net, od);
		if (!dev)
			return ipr_nodev(r, od);
		f.oif = dev->ifindex;
		f.oifmask = -1;
	}
	if (action == IPROUTE_FLUSH)
		return iproute_flush(r, &f);
	if (f.cloned) {
		struct fnhe_dump d = { .r = r, .f = &f, .out = g_string_new(NULL) };

		rt_for_each_exception(r->net, fnhe_dump_one, &d);
		sim_sh_printf(r->sh, "%s", d.out->str);
		g_string_free(d.out, TRUE);
	} else {
		const char *err = NULL;
		GArray *msgs = dump_routes(r->net, f.tb, &err);
		GString *out;

		if (!msgs) {
			sim_sh_eprintf(r->sh, "%s\nDump terminated\n", err);
			r->status = 2;
			return -1;
		}
		out = g_string_new(NULL);
		for (guint i = 0; i < msgs->len; i++) {
			const struct rt_msg *m = &g_array_index(msgs, struct rt_msg, i);

			if (filter_route(r, &f, m))
				print_route(r, &f, out, m);
		}
		sim_sh_printf(r->sh, "%s", out->str);
		g_string_free(out, TRUE);
		g_array_free(msgs, TRUE);
	}
	return 0;
}

/* ---- the kernel side of RTM_NEWROUTE / RTM_DELROUTE ----------------------- */

/* rtm_to_fib_config(), then inet_rtm_newroute() / inet_rtm_delroute() */
static int rtm_route(struct net *net, enum route_cmd cmd, unsigned int nlflags,
		     const struct rt_msg *m, struct sim_err *err)
{
	struct fib_config cfg;

	if (m->family != AF_INET)	/* no handler: no IPv6, no MPLS in skbsim */
		return sim_err_set(err, "RTNETLINK answers: Operation not supported");
	if (m->tos & 0x03)	/* since 5.18: a route's dsfield is a DSCP */
		return sim_err_set(err, "Error: Invalid dsfield (tos): ECN bits must be 0.");
	if (m->type > RTN_XRESOLVE)
		return sim_err_set(err, "Error: Invalid route type.");
	rt_msg_to_config(m, &cfg);
	cfg.fc_flags = m->flags & RTNH_F_ONLINK;
	cfg.fc_nlflags = nlflags;
	for (int i = 0; i < m->nhs; i++)
		cfg.fc_mp[i].flags = m->nh[i].flags & RTNH_F_ONLINK;
	if (cmd == RTM_DELROUTE)
		return ip_rt_delroute(net, &cfg, err) < 0 ? -1 : 0;
	/* fib_get_nhs(): RTA_OIF / RTA_GATEWAY beside RTA_MULTIPATH name the first */
	if (m->nhs && m->oif && m->nh[0].oif != m->oif)
		return sim_err_set(err, "Error: Nexthop device index does not match RTA_OIF.");
	if (m->nhs && m->has_gw && m->nh[0].gw != m->gw)
		return sim_err_set(err, "Error: Nexthop gateway does not match RTA_GATEWAY or "
				   "RTA_VIA.");
	if (m->nhs) {
		cfg.fc_gw4 = 0;
		cfg.fc_oif = 0;
	}
	return ip_rt_newroute(net, &cfg, err) < 0 ? -1 : 0;
}

/* ---- ip route add / del / change / replace / append / prepend / test ----- */

/* parse_one_nh(): the words of one "nexthop" up to the next one */
static int parse_one_nh(struct iproute *r, struct rt_msg *m, struct rt_nh *nh, int *argcp,
			char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;

	nh->weight = 1;
	while (++argv, --argc > 0) {
		if (strcmp(*argv, "via") == 0) {
			struct ipr_prefix addr;
			int family;

			IPR_NEXT_ARG(r, argc, argv);
			family = ipr_read_family(*argv);
			if (family == AF_UNSPEC)
				family = m->family;
			else
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_addr(r, &addr, *argv, family) < 0)
				return -2;
			if (m->family == AF_UNSPEC)
				m->family = addr.family;
			if (addr.family != m->family)
				return ipr_unsupported(r, "ip route", "via FAMILY") * 2;
			nh->gw = addr.data[0];
		} else if (strcmp(*argv, "dev") == 0) {
			struct net_device *dev;

			IPR_NEXT_ARG(r, argc, argv);
			dev = __dev_get_by_name(r->net, *argv);
			if (!dev)
				return ipr_nodev(r, *argv);
			nh->oif = dev->ifindex;
		} else if (strcmp(*argv, "weight") == 0) {
			unsigned int w;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_unsigned(&w, *argv, 0) || w == 0 || w > 256)
				return ipr_invarg(r, "\"weight\" is invalid\n", *argv) * 2;
			nh->weight = (int)w;
		} else if (strcmp(*argv, "onlink") == 0) {
			nh->flags |= RTNH_F_ONLINK;
		} else if (ipr_matches(*argv, "realms") == 0 || strcmp(*argv, "encap") == 0 ||
			   strcmp(*argv, "as") == 0) {
			return ipr_unsupported(r, "ip route", *argv) * 2;
		} else {
			break;
		}
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

/* parse_nexthops(): RTA_MULTIPATH */
static int parse_nexthops(struct iproute *r, struct rt_msg *m, int argc, char **argv)
{
	while (argc > 0) {
		int ret;

		if (strcmp(*argv, "nexthop") != 0) {
			sim_sh_eprintf(r->sh, "Error: \"nexthop\" or end of line is expected instead "
				       "of \"%s\"\n", *argv);
			r->status = 255;
			return -1;
		}
		if (argc <= 1) {
			sim_sh_eprintf(r->sh, "Error: unexpected end of line after \"nexthop\"\n");
			r->status = 255;
			return -1;
		}
		if (m->nhs >= MAX_NEXTHOPS)
			return ipr_unsupported(r, "ip route", "more than 16 nexthops");
		memset(&m->nh[m->nhs], 0, sizeof(m->nh[0]));
		ret = parse_one_nh(r, m, &m->nh[m->nhs], &argc, &argv);
		if (ret == -2)
			return -1;	/* exit() inside: its message is all */
		if (ret < 0) {
			sim_sh_eprintf(r->sh, "Error: cannot parse nexthop\n");
			r->status = 255;
			return -1;
		}
		m->nhs++;
	}
	return 0;
}

/*
 * The words of iproute_modify() in its order, so that abbreviations
 * resolve as there ("p" is priority, "t" is table, "w" is window); the
 * metrics and options skbsim does not model are refused by name.
 */
enum rt_kw {
	KW_SRC, KW_VIA, KW_TOS, KW_METRIC, KW_SCOPE, KW_MTU, KW_ONLINK, KW_NEXTHOP,
	KW_PROTOCOL, KW_TABLE, KW_VRF, KW_DEV, KW_UNSUPPORTED, KW_DST,
};

static const struct rt_keyword {
	const char *name;
	bool abbrev;			/* matches(), else strcmp() */
	enum rt_kw kw;
} rt_keywords[] = {
	{ "src", false, KW_SRC }, { "as", false, KW_UNSUPPORTED },
	{ "via", false, KW_VIA }, { "from", false, KW_UNSUPPORTED },
	{ "tos", false, KW_TOS }, { "dsfield", true, KW_TOS },
	{ "expires", false, KW_UNSUPPORTED }, { "metric", true, KW_METRIC },
	{ "priority", true, KW_METRIC }, { "preference", false, KW_METRIC },
	{ "scope", false, KW_SCOPE }, { "mtu", false, KW_MTU },
	{ "hoplimit", false, KW_UNSUPPORTED }, { "advmss", false, KW_UNSUPPORTED },
	{ "reordering", true, KW_UNSUPPORTED }, { "rtt", false, KW_UNSUPPORTED },
	{ "rto_min", false, KW_UNSUPPORTED }, { "window", true, KW_UNSUPPORTED },
	{ "cwnd", true, KW_UNSUPPORTED }, { "initcwnd", true, KW_UNSUPPORTED },
	{ "initrwnd", true, KW_UNSUPPORTED }, { "features", true, KW_UNSUPPORTED },
	{ "quickack", true, KW_UNSUPPORTED }, { "congctl", true, KW_UNSUPPORTED },
	{ "rttvar", true, KW_UNSUPPORTED }, { "ssthresh", true, KW_UNSUPPORTED },
	{ "realms", true, KW_UNSUPPORTED }, { "onlink", false, KW_ONLINK },
	{ "nexthop", false, KW_NEXTHOP }, { "nhid", false, KW_UNSUPPORTED },
	{ "protocol", true, KW_PROTOCOL }, { "table", true, KW_TABLE },
	{ "vrf", true, KW_VRF }, { "dev", false, KW_DEV }, { "oif", false, KW_DEV },
	{ "pref", true, KW_UNSUPPORTED }, { "encap", false, KW_UNSUPPORTED },
	{ "ttl-propagate", false, KW_UNSUPPORTED },
	{ "fastopen_no_cookie", true, KW_UNSUPPORTED },
};

static const struct rt_keyword *rt_keyword(const char *w)
{
	for (size_t i = 0; i < G_N_ELEMENTS(rt_keywords); i++) {
		const struct rt_keyword *k = &rt_keywords[i];

		if (k->abbrev ? ipr_matches(w, k->name) == 0 : strcmp(w, k->name) == 0)
			return k;
	}
	return NULL;
}

/* iproute_modify() */
static int iproute_modify(struct iproute *r, enum route_cmd cmd, unsigned int nlflags,
			  int argc, char **argv)
{
	struct rt_msg m = { .family = r->family, .table = RT_TABLE_MAIN,
			    .scope = RT_SCOPE_NOWHERE };
	bool gw_ok = false, dst_ok = false, nhs_ok = false, scope_ok = false, table_ok = false;
	struct sim_err err = { { 0 } };
	const char *d = NULL;

	if (cmd != RTM_DELROUTE) {
		m.protocol = RTPROT_BOOT;
		m.scope = RT_SCOPE_UNIVERSE;
		m.type = RTN_UNICAST;
	}
	while (argc > 0) {
		const struct rt_keyword *k = rt_keyword(*argv);

		switch (k ? k->kw : KW_DST) {
		case KW_SRC: {
			struct ipr_prefix addr;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_addr(r, &addr, *argv, m.family) < 0)
				return -1;
			if (m.family == AF_UNSPEC)
				m.family = addr.family;
			m.has_prefsrc = true;
			m.prefsrc = addr.data[0];
			break;
		}
		case KW_VIA: {
			struct ipr_prefix addr;
			int family;

			if (gw_ok)
				return ipr_invarg(r, "use nexthop syntax to specify multiple via\n",
						  *argv);
			gw_ok = true;
			IPR_NEXT_ARG(r, argc, argv);
			family = ipr_read_family(*argv);
			if (family == AF_UNSPEC)
				family = m.family;
			else
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_addr(r, &addr, *argv, family) < 0)
				return -1;
			if (m.family == AF_UNSPEC)
				m.family = addr.family;
			if (addr.family != m.family)
				return ipr_unsupported(r, "ip route", "via FAMILY");
			m.has_gw = true;
			m.gw = addr.data[0];
			break;
		}
		case KW_TOS: {
			uint32_t tos;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_dsfield_a2n(&tos, *argv))
				return ipr_invarg(r, "\"tos\" value is invalid\n", *argv);
			m.tos = (u8)tos;
			break;
		}
		case KW_METRIC:
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_u32(&m.priority, *argv, 0))
				return ipr_invarg(r, "\"metric\" value is invalid\n", *argv);
			m.has_priority = true;
			break;
		case KW_SCOPE: {
			uint32_t scope = 0;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rtscope_a2n(&scope, *argv))
				return ipr_invarg(r, "invalid \"scope\" value\n", *argv);
			m.scope = (u8)scope;
			scope_ok = true;
			break;
		}
		case KW_MTU: {
			unsigned int mtu;

			IPR_NEXT_ARG(r, argc, argv);
			if (strcmp(*argv, "lock") == 0)
				return ipr_unsupported(r, "ip route", "mtu lock");
			if (ipr_get_unsigned(&mtu, *argv, 0))
				return ipr_invarg(r, "\"mtu\" value is invalid\n", *argv);
			m.mtu = mtu;
			break;
		}
		case KW_ONLINK:
			m.flags |= RTNH_F_ONLINK;
			break;
		case KW_NEXTHOP:
			nhs_ok = true;
			break;
		case KW_PROTOCOL: {
			uint32_t prot;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rtprot_a2n(&prot, *argv))
				return ipr_invarg(r, "\"protocol\" value is invalid\n", *argv);
			m.protocol = (u8)prot;
			break;
		}
		case KW_TABLE: {
			uint32_t tid;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rttable_a2n(r, &tid, *argv))
				return ipr_invarg(r, "\"table\" value is invalid\n", *argv);
			m.table = tid;
			table_ok = true;
			break;
		}
		case KW_VRF:
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_invarg(r, "Invalid VRF\n", *argv);
		case KW_DEV:
			IPR_NEXT_ARG(r, argc, argv);
			d = *argv;
			break;
		case KW_UNSUPPORTED:
			return ipr_unsupported(r, "ip route", k->name);
		case KW_DST: {
			struct ipr_prefix dst;
			int type;

			if (strcmp(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if ((**argv < '0' || **argv > '9') && ipr_rtntype_a2n(&type, *argv) == 0) {
				IPR_NEXT_ARG(r, argc, argv);
				m.type = (u8)type;
			}
			if (ipr_matches(*argv, "help") == 0)
				return iproute_usage(r);
			if (dst_ok)
				return ipr_duparg2(r, "to", *argv);
			if (ipr_get_prefix(r, &dst, *argv, m.family) < 0)
				return -1;
			if (m.family == AF_UNSPEC)
				m.family = dst.family;
			m.dst_len = (u8)(dst.bitlen > 0 ? dst.bitlen : 0);
			dst_ok = true;
			if (dst.bytelen) {
				m.has_dst = true;
				m.dst = dst.data[0];
			}
			break;
		}
		}
		if (nhs_ok)
			break;
		argc--;
		argv++;
	}
	if (!dst_ok)
		return iproute_usage(r);
	if (d) {
		struct net_device *dev = __dev_get_by_name(r->net, d);

		if (!dev)
			return ipr_nodev(r, d);
		m.oif = dev->ifindex;
	}
	if (nhs_ok && parse_nexthops(r, &m, argc, argv) < 0)
		return -1;
	if (m.family == AF_UNSPEC)
		m.family = AF_INET;
	if (!table_ok && (m.type == RTN_LOCAL || m.type == RTN_BROADCAST || m.type == RTN_NAT ||
			  m.type == RTN_ANYCAST))
		m.table = RT_TABLE_LOCAL;
	if (!scope_ok) {
		if (m.family == AF_INET6 || m.family == AF_MPLS)
			m.scope = RT_SCOPE_UNIVERSE;
		else if (m.type == RTN_LOCAL || m.type == RTN_NAT)
			m.scope = RT_SCOPE_HOST;
		else if (m.type == RTN_BROADCAST || m.type == RTN_MULTICAST ||
			 m.type == RTN_ANYCAST)
			m.scope = RT_SCOPE_LINK;
		else if (m.type == RTN_UNICAST || m.type == RTN_UNSPEC) {
			if (cmd == RTM_DELROUTE)
				m.scope = RT_SCOPE_NOWHERE;
			else if (!gw_ok && !nhs_ok)
				m.scope = RT_SCOPE_LINK;
		}
	}
	if (rtm_route(r->net, cmd, nlflags, &m, &err) < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

/* ---- ip route get ---------------------------------------------------------- */

struct get_req {
	__be32 dst, src;
	bool has_src;
	u8 src_len;
	u8 tos;
	int iif, oif;
	u32 mark, uid;
	bool has_uid;
	u8 ipproto;
	bool notify, fibmatch;
};

/*
 * The table a lookup of @fl4 ends in: LOCAL and MAIN are one until a
 * rule is added or deleted (the kernel merges them until then).
 */
static u32 lookup_table(struct net *net, const struct flowi4 *fl4, struct fib_result *res)
{
	struct flowi4 key = *fl4;

	memset(res, 0, sizeof(*res));
	if (!key.daddr || fib_lookup(net, &key, res, 0) != 0 || !res->table)
		return 0;
	if (fib_table_id(res->table) == RT_TABLE_LOCAL && !net->ipv4.fib_has_custom_rules)
		return RT_TABLE_MAIN;
	return fib_table_id(res->table);
}

/* inet_rtm_getroute() and rt_fill_info() */
static int rtm_getroute(struct iproute *r, const struct get_req *req, GString *out)
{
	struct net *net = r->net;
	struct flowi4 fl4 = { .daddr = req->dst, .saddr = req->src, .flowi4_tos = req->tos,
			      .flowi4_oif = req->oif, .flowi4_mark = req->mark,
			      .flowi4_proto = req->ipproto };
	struct flowi4 key;
	struct route_filter f;
	struct sk_buff *skb = NULL;
	struct fib_result res;
	struct rtable *rt;
	struct rt_msg m = { .family = AF_INET, .cloned = true, .dst_len = 32, .has_dst = true,
			    .dst = req->dst };
	int err = 0;

	iproute_reset_filter(&f);
	f.cloned = 2;
	if (req->has_src && req->src_len != 0 && req->src_len != 32) {
		sim_sh_eprintf(r->sh, "Error: ipv4: Invalid values in header for route get "
			       "request.\n");
		r->status = 2;
		return -1;
	}
	if (req->iif)
		fl4.flowi4_iif = req->iif;
	key = fl4;		/* the lookup before the route code fills it in */
	if (req->iif) {
		struct net_device *dev = __dev_get_by_index(net, req->iif);
		enum skb_drop_reason reason;

		skb = dev ? alloc_skb(net, 0) : NULL;
		if (!skb) {
			sim_sh_eprintf(r->sh, "RTNETLINK answers: %s\n",
				       g_strerror(dev ? ENOBUFS : ENODEV));
			r->status = 2;
			return -1;
		}
		skb->protocol = htons(ETH_P_IP);
		skb->dev = dev;
		skb->mark = req->mark;
		err = ip_route_input_noref(skb, req->dst, req->src, req->tos, dev, &reason);
		rt = skb_rtable(skb);
		if (!err && rt && rt->dst.error)
			err = -rt->dst.error;
		if (!err && !rt)
			err = -EINVAL;
	} else {
		rt = ip_route_output_key(net, &fl4, &err);
		if (!rt && !err)
			err = -EINVAL;
	}
	if (err) {
		if (skb)
			consume_skb(skb);
		else
			ip_rt_put(rt);
		sim_sh_eprintf(r->sh, "RTNETLINK answers: %s\n", g_strerror(-err));
		r->status = 2;
		return -1;
	}
	if (req->notify)
		rt->rt_flags |= RTCF_NOTIFY;	/* on the cached rtable: it stays */
	m.table = lookup_table(net, &key, &res);
	if (req->fibmatch) {
		if (!res.fi) {
			err = res.type == RTN_UNREACHABLE ? -EHOSTUNREACH
			      : res.type == RTN_PROHIBIT ? -EACCES
			      : res.type == RTN_BLACKHOLE ? -EINVAL : -EHOSTUNREACH;
		} else {
			fib_dump_info(&m, m.table, rt->rt_type, res.prefix, res.prefixlen, 0, res.fi);
			m.tos = fl4.flowi4_tos;
		}
	} else {
		m.type = (u8)rt->rt_type;
		m.flags = (rt->rt_flags & ~0xFFFFu) | RTM_F_CLONED;
		if (rt->rt_flags & RTCF_NOTIFY)
			m.flags |= RTM_F_NOTIFY;
		if (skb && (IPCB(skb)->flags & IPSKB_DOREDIRECT))
			m.flags |= RTCF_DOREDIRECT;
		if (req->has_src) {
			m.has_src = true;
			m.src_len = 32;
			m.src = req->src;
		}
		if (rt->dst.dev)
			m.oif = rt->dst.dev->ifindex;
		if (rt->rt_uses_gateway) {
			m.has_gw = true;
			m.gw = rt->rt_gw4;
		}
		m.mtu = rt->dst.mtu;
		rt_msg_pmtu(net, &m, rt->dst.expires, rt->rt_pmtu, rt->rt_mtu_locked);
		m.users = rt->dst.refcnt;
		m.mark = req->mark;
		if (rt->rt_is_input) {
			m.iif = req->iif;
		} else {
			if (fl4.saddr != req->src) {
				m.has_prefsrc = true;
				m.prefsrc = fl4.saddr;
			}
			m.has_uid = true;
			m.uid = req->uid;
		}
	}
	if (skb)
		consume_skb(skb);
	else
		ip_rt_put(rt);
	if (err) {
		sim_sh_eprintf(r->sh, "RTNETLINK answers: %s\n", g_strerror(-err));
		r->status = 2;
		return -1;
	}
	print_route(r, &f, out, &m);
	return 0;
}

/* inet_proto_a2n(): a number or a name of /etc/protocols */
static int inet_proto_a2n(const char *arg)
{
	static const struct { const char *name; int proto; } protos[] = {
		{ "ip", 0 }, { "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 },
		{ "ipv6", 41 }, { "gre", 47 }, { "esp", 50 }, { "ah", 51 },
		{ "ipv6-icmp", 58 }, { "sctp", 132 }, { "udplite", 136 }, { "raw", 255 },
	};
	unsigned int v;

	for (size_t i = 0; i < G_N_ELEMENTS(protos); i++)
		if (strcmp(arg, protos[i].name) == 0)
			return protos[i].proto;
	if (ipr_get_unsigned(&v, arg, 10) || v > 255)
		return -1;
	return (int)v;
}

/* iproute_get() */
static int iproute_get(struct iproute *r, int argc, char **argv)
{
	struct get_req req = { 0 };
	const char *idev = NULL, *odev = NULL;
	int family = r->family;
	bool connected = false, address_found = false, from_ok = false;
	GString *out;
	int ret;

	while (argc > 0) {
		if (strcmp(*argv, "tos") == 0 || ipr_matches(*argv, "dsfield") == 0) {
			uint32_t tos;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_dsfield_a2n(&tos, *argv))
				return ipr_invarg(r, "TOS value is invalid\n", *argv);
			req.tos = (u8)tos;
		} else if (ipr_matches(*argv, "from") == 0) {
			struct ipr_prefix addr;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return iproute_usage(r);
			from_ok = true;
			if (ipr_get_prefix(r, &addr, *argv, family) < 0)
				return -1;
			if (family == AF_UNSPEC)
				family = addr.family;
			if (addr.bytelen) {
				req.has_src = true;
				req.src = addr.data[0];
			}
			req.src_len = (u8)(addr.bitlen > 0 ? addr.bitlen : 0);
		} else if (ipr_matches(*argv, "iif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			idev = *argv;
		} else if (ipr_matches(*argv, "mark") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_unsigned(&req.mark, *argv, 0))
				return ipr_invarg(r, "invalid mark value", *argv);
		} else if (ipr_matches(*argv, "oif") == 0 || strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			odev = *argv;
		} else if (ipr_matches(*argv, "notify") == 0) {
			req.notify = true;
		} else if (ipr_matches(*argv, "connected") == 0) {
			connected = true;
		} else if (ipr_matches(*argv, "vrf") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_invarg(r, "Invalid VRF\n", *argv);
		} else if (ipr_matches(*argv, "uid") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_unsigned(&req.uid, *argv, 0))
				return ipr_invarg(r, "invalid UID\n", *argv);
			req.has_uid = true;
		} else if (ipr_matches(*argv, "fibmatch") == 0) {
			req.fibmatch = true;
		} else if (strcmp(*argv, "as") == 0) {
			return ipr_unsupported(r, "ip route", "as");
		} else if (ipr_matches(*argv, "sport") == 0 || ipr_matches(*argv, "dport") == 0) {
			unsigned int port;
			const char *what = ipr_matches(*argv, "sport") == 0 ? "invalid sport\n"
									  : "invalid dport\n";

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_unsigned(&port, *argv, 0) || port > 0xffff)
				return ipr_invarg(r, what, *argv);
		} else if (ipr_matches(*argv, "ipproto") == 0) {
			int ipproto;

			IPR_NEXT_ARG(r, argc, argv);
			ipproto = inet_proto_a2n(*argv);
			if (ipproto < 0)
				return ipr_invarg(r, "Invalid \"ipproto\" value\n", *argv);
			req.ipproto = (u8)ipproto;
		} else {
			struct ipr_prefix addr;

			if (strcmp(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return iproute_usage(r);
			if (ipr_get_prefix(r, &addr, *argv, family) < 0)
				return -1;
			if (family == AF_UNSPEC)
				family = addr.family;
			req.dst = addr.bytelen ? addr.data[0] : 0;
			if (family == AF_INET && addr.bitlen != 32)
				sim_sh_eprintf(r->sh, "Warning: /%u as prefix is invalid, only /32 (or "
					       "none) is supported.\n", (unsigned int)addr.bitlen);
			else if (family == AF_INET6 && addr.bitlen != 128)
				sim_sh_eprintf(r->sh, "Warning: /%u as prefix is invalid, only /128 "
					       "(or none) is supported.\n", (unsigned int)addr.bitlen);
			address_found = true;
		}
		argc--;
		argv++;
	}
	if (!address_found) {
		sim_sh_eprintf(r->sh, "need at least a destination address\n");
		r->status = 1;
		return -1;
	}
	if (idev) {
		struct net_device *dev = __dev_get_by_name(r->net, idev);

		if (!dev)
			return ipr_nodev(r, idev);
		req.iif = dev->ifindex;
	}
	if (odev) {
		struct net_device *dev = __dev_get_by_name(r->net, odev);

		if (!dev)
			return ipr_nodev(r, odev);
		req.oif = dev->ifindex;
	}
	if (family == AF_INET6 || family == AF_MPLS)
		return ipr_rtnl_error(r, "RTNETLINK answers: Operation not supported");
	out = g_string_new(NULL);
	ret = rtm_getroute(r, &req, out);
	/* "connected": iproute2 sends its request again (unchanged) */
	if (ret == 0 && connected && !from_ok)
		ret = rtm_getroute(r, &req, out);
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return ret;
}

int do_iproute(struct iproute *r, int argc, char **argv)
{
	if (argc < 1)
		return iproute_list_flush(r, 0, NULL, IPROUTE_LIST);
	if (ipr_matches(*argv, "add") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, argc - 1,
				      argv + 1);
	if (ipr_matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_REPLACE, argc - 1, argv + 1);
	if (ipr_matches(*argv, "replace") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (ipr_matches(*argv, "prepend") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_CREATE, argc - 1, argv + 1);
	if (ipr_matches(*argv, "append") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND, argc - 1,
				      argv + 1);
	if (ipr_matches(*argv, "test") == 0)
		return iproute_modify(r, RTM_NEWROUTE, NLM_F_EXCL, argc - 1, argv + 1);
	if (ipr_matches(*argv, "delete") == 0)
		return iproute_modify(r, RTM_DELROUTE, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "list") == 0 || ipr_matches(*argv, "show") == 0 ||
	    ipr_matches(*argv, "lst") == 0)
		return iproute_list_flush(r, argc - 1, argv + 1, IPROUTE_LIST);
	if (ipr_matches(*argv, "get") == 0)
		return iproute_get(r, argc - 1, argv + 1);
	if (ipr_matches(*argv, "flush") == 0)
		return iproute_list_flush(r, argc - 1, argv + 1, IPROUTE_FLUSH);
	if (ipr_matches(*argv, "save") == 0 || ipr_matches(*argv, "restore") == 0 ||
	    ipr_matches(*argv, "showdump") == 0)
		return ipr_unsupported(r, "ip route", *argv);
	if (ipr_matches(*argv, "help") == 0)
		return iproute_usage(r);
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"ip route help\".\n", *argv);
	r->status = 255;
	return -1;
}
