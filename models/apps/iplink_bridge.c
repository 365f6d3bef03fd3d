/*
 * models/apps/iplink_bridge.c - `ip link ... type bridge` and bridge_slave
 *
 * User space: mirrors ip/iplink_bridge.c and ip/iplink_bridge_slave.c of
 * iproute2 6.1: the options after "type bridge" (IFLA_BR_*) and after
 * "type bridge_slave" (IFLA_BRPORT_*), with their messages (an invalid
 * number: invarg, status 255; an unknown word: the usage, status 1), and
 * the -d details print_linkinfo() shows for a bridge and for its ports,
 * field for field as 6.1 prints what Linux 6.18 sends.
 *
 * Differences: the multicast, VLAN protocol/stats and netfilter options
 * are refused as not modelled (mcast_snooping is kept and shown: with no
 * querier on the segment, Linux floods multicast either way, as we do); -d prints their kernel defaults
 * (a kernel without CONFIG_BRIDGE_VLAN_FILTERING sends no vlan_protocol,
 * vlan_default_pvid or vlan_stats_*: neither do we).
 */
#include <string.h>

#include "apps.h"
#include "iplink_bridge.h"
#include "net/net_namespace.h"

/* ---- parsing ---------------------------------------------------------------- */

static int bridge_explain(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ... bridge [ fdb_flush ]\n"
		"\t\t  [ forward_delay FORWARD_DELAY ]\n"
		"\t\t  [ hello_time HELLO_TIME ]\n"
		"\t\t  [ max_age MAX_AGE ]\n"
		"\t\t  [ ageing_time AGEING_TIME ]\n"
		"\t\t  [ stp_state STP_STATE ]\n"
		"\t\t  [ priority PRIORITY ]\n"
		"\t\t  [ group_fwd_mask MASK ]\n"
		"\t\t  [ group_address ADDRESS ]\n"
		"\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
		"\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
		"\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
		"\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
		"\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
		"\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
		"\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
		"\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
		"\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
		"\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
		"\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
		"\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
		"\t\t  [ mcast_hash_max HASH_MAX ]\n"
		"\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
		"\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
		"\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
		"\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
		"\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
		"\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
		"\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
		"\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
		"\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
		"\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
		"\t\t  [ mcast_mld_version MLD_VERSION ]\n"
		"\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
		"\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
		"\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
		"\n"
		"Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n");
	r->status = 1;
	return -1;
}

static int bridge_slave_explain(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ... bridge_slave [ fdb_flush ]\n"
		"\t\t\t[ state STATE ]\n"
		"\t\t\t[ priority PRIO ]\n"
		"\t\t\t[ cost COST ]\n"
		"\t\t\t[ guard {on | off} ]\n"
		"\t\t\t[ hairpin {on | off} ]\n"
		"\t\t\t[ fastleave {on | off} ]\n"
		"\t\t\t[ root_block {on | off} ]\n"
		"\t\t\t[ learning {on | off} ]\n"
		"\t\t\t[ flood {on | off} ]\n"
		"\t\t\t[ proxy_arp {on | off} ]\n"
		"\t\t\t[ proxy_arp_wifi {on | off} ]\n"
		"\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
		"\t\t\t[ mcast_fast_leave {on | off} ]\n"
		"\t\t\t[ mcast_flood {on | off} ]\n"
		"\t\t\t[ bcast_flood {on | off} ]\n"
		"\t\t\t[ mcast_to_unicast {on | off} ]\n"
		"\t\t\t[ group_fwd_mask MASK ]\n"
		"\t\t\t[ neigh_suppress {on | off} ]\n"
		"\t\t\t[ vlan_tunnel {on | off} ]\n"
		"\t\t\t[ isolated {on | off} ]\n"
		"\t\t\t[ locked {on | off} ]\n"
		"\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n");
	r->status = 1;
	return -1;
}

/* get_u8/get_u16 of lib/utils.c over ipr_get_unsigned */
static int get_uint_max(unsigned int *val, const char *arg, unsigned int max)
{
	if (ipr_get_unsigned(val, arg, 0) < 0 || *val > max)
		return -1;
	return 0;
}

/* The options of iplink_bridge.c that skbsim does not model. */
static const char *const bridge_unmodelled[] = {
	"group_address", "vlan_protocol", "vlan_default_pvid", "vlan_stats_enabled",
	"vlan_stats_per_port", "mcast_vlan_snooping", "mcast_router",
	"mcast_query_use_ifaddr", "mcast_querier", "mcast_hash_elasticity", "mcast_hash_max",
	"mcast_last_member_count", "mcast_startup_query_count", "mcast_last_member_interval",
	"mcast_membership_interval", "mcast_querier_interval", "mcast_query_interval",
	"mcast_query_response_interval", "mcast_startup_query_interval", "mcast_stats_enabled",
	"mcast_igmp_version", "mcast_mld_version", "nf_call_iptables", "nf_call_ip6tables",
	"nf_call_arptables",
};

static bool is_unmodelled(const char *const *words, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(words[i], w) == 0)
			return true;
	return false;
}

int bridge_parse_opt(struct iproute *r, int argc, char **argv, struct br_link_opts *o)
{
	static const struct {
		const char *name;
		int opt;
		unsigned int max;
	} nums[] = {
		{ "forward_delay", BR_OPT_FORWARD_DELAY, 0xffffffffu },
		{ "hello_time", BR_OPT_HELLO_TIME, 0xffffffffu },
		{ "max_age", BR_OPT_MAX_AGE, 0xffffffffu },
		{ "ageing_time", BR_OPT_AGEING_TIME, 0xffffffffu },
		{ "stp_state", BR_OPT_STP_STATE, 0xffffffffu },
		{ "priority", BR_OPT_PRIORITY, 0xffff },
		{ "vlan_filtering", BR_OPT_VLAN_FILTERING, 0xff },
		{ "group_fwd_mask", BR_OPT_GROUP_FWD_MASK, 0xffff },
		{ "no_linklocal_learn", BR_OPT_NO_LL_LEARN, 0xff },
		{ "mcast_snooping", BR_OPT_MCAST_SNOOPING, 0xff },
	};

	memset(o, 0, sizeof(*o));
	for (; argc > 0; argc--, argv++) {
		const char *w = *argv;
		unsigned int v;
		size_t i;

		if (ipr_matches(w, "fdb_flush") == 0) {
			o->set |= BIT(BR_OPT_FDB_FLUSH);
			continue;
		}
		for (i = 0; i < G_N_ELEMENTS(nums); i++)
			if (ipr_matches(w, nums[i].name) == 0)
				break;
		if (i < G_N_ELEMENTS(nums)) {
			char msg[48];

			IPR_NEXT_ARG(r, argc, argv);
			snprintf(msg, sizeof(msg), "invalid %s", nums[i].name);
			if (get_uint_max(&v, *argv, nums[i].max) < 0)
				return ipr_invarg(r, msg, *argv);
			o->set |= BIT(nums[i].opt);
			switch (nums[i].opt) {
			case BR_OPT_FORWARD_DELAY: o->forward_delay = v; break;
			case BR_OPT_HELLO_TIME: o->hello_time = v; break;
			case BR_OPT_MAX_AGE: o->max_age = v; break;
			case BR_OPT_AGEING_TIME: o->ageing_time = v; break;
			case BR_OPT_STP_STATE: o->stp_state = v; break;
			case BR_OPT_PRIORITY: o->priority = (u16)v; break;
			case BR_OPT_VLAN_FILTERING: o->vlan_filtering = (u8)v; break;
			case BR_OPT_GROUP_FWD_MASK: o->group_fwd_mask = (u16)v; break;
			case BR_OPT_NO_LL_LEARN: o->no_ll_learn = (u8)v; break;
			case BR_OPT_MCAST_SNOOPING: o->mcast_snooping = (u8)v; break;
			}
			continue;
		}
		if (is_unmodelled(bridge_unmodelled, G_N_ELEMENTS(bridge_unmodelled), w))
			return ipr_unsupported(r, "ip link type bridge", w);
		if (ipr_matches(w, "help") == 0)
			return bridge_explain(r);
		sim_sh_eprintf(r->sh, "bridge: unknown command \"%s\"?\n", w);
		return bridge_explain(r);
	}
	return 0;
}

static const struct { const char *name; unsigned long flag; } brport_flags[] = {
	{ "guard", BR_BPDU_GUARD }, { "hairpin", BR_HAIRPIN_MODE },
	{ "fastleave", BR_MULTICAST_FAST_LEAVE }, { "root_block", BR_ROOT_BLOCK },
	{ "learning", BR_LEARNING }, { "flood", BR_FLOOD }, { "proxy_arp", BR_PROXYARP },
	{ "proxy_arp_wifi", BR_PROXYARP_WIFI }, { "mcast_fast_leave", BR_MULTICAST_FAST_LEAVE },
	{ "mcast_flood", BR_MCAST_FLOOD }, { "bcast_flood", BR_BCAST_FLOOD },
	{ "mcast_to_unicast", BR_MULTICAST_TO_UNICAST }, { "neigh_suppress", BR_NEIGH_SUPPRESS },
	{ "vlan_tunnel", BR_VLAN_TUNNEL }, { "isolated", BR_ISOLATED },
};

static const char *const bridge_slave_unmodelled[] = {
	"mcast_router", "group_fwd_mask", "locked", "mab", "backup_port", "nobackup_port",
	"backup_nhid",
};

int bridge_slave_parse_opt(struct iproute *r, int argc, char **argv, struct br_port_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (; argc > 0; argc--, argv++) {
		const char *w = *argv;
		unsigned int v;
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(brport_flags); i++)
			if (strcmp(w, brport_flags[i].name) == 0)
				break;
		if (i < G_N_ELEMENTS(brport_flags)) {
			IPR_NEXT_ARG(r, argc, argv);
			if (strcmp(*argv, "on") == 0) {
				o->flags |= brport_flags[i].flag;
			} else if (strcmp(*argv, "off") == 0) {
				o->flags &= ~brport_flags[i].flag;
			} else {
				sim_sh_eprintf(r->sh, "Error: argument of \"%s\" must be one of "
					       "\"off\", \"on\", not \"%s\"\n", w, *argv);
				r->status = 1;
				return -1;
			}
			o->flags_mask |= brport_flags[i].flag;
		} else if (strcmp(w, "fdb_flush") == 0) {
			o->set |= BIT(BRPORT_OPT_FDB_FLUSH);
		} else if (strcmp(w, "state") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (get_uint_max(&v, *argv, 0xff) < 0)
				return ipr_invarg(r, "state is invalid", *argv);
			o->state = (u8)v;
			o->set |= BIT(BRPORT_OPT_STATE);
		} else if (strcmp(w, "priority") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (get_uint_max(&v, *argv, 0xffff) < 0)
				return ipr_invarg(r, "priority is invalid", *argv);
			o->priority = (u16)v;
			o->set |= BIT(BRPORT_OPT_PRIORITY);
		} else if (strcmp(w, "cost") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (get_uint_max(&v, *argv, 0xffffffffu) < 0)
				return ipr_invarg(r, "cost is invalid", *argv);
			o->cost = v;
			o->set |= BIT(BRPORT_OPT_COST);
		} else if (is_unmodelled(bridge_slave_unmodelled,
					 G_N_ELEMENTS(bridge_slave_unmodelled), w)) {
			return ipr_unsupported(r, "ip link type bridge_slave", w);
		} else if (ipr_matches(w, "help") == 0) {
			return bridge_slave_explain(r);
		} else {
			sim_sh_eprintf(r->sh, "bridge_slave: unknown option \"%s\"?\n", w);
			return bridge_slave_explain(r);
		}
	}
	return 0;
}

/* ---- printing ------------------------------------------------------------- */

static unsigned long br_clock_t(const struct net_device *dev, unsigned long j)
{
	return j * 100 / dev_net(dev)->w->hz;
}

/* br_dump_bridge_id(): "8000.1a:e4:3:7d:8c:39" */
static void print_bridge_id(GString *out, const char *name, const bridge_id *id)
{
	const u8 *a = id->addr;

	g_string_append_printf(out, "%s %.2x%.2x.%x:%x:%x:%x:%x:%x ", name, id->prio[0],
			       id->prio[1], a[0], a[1], a[2], a[3], a[4], a[5]);
}

static void print_timer(GString *out, const char *name, const struct timer_list *t)
{
	g_string_append_printf(out, "%s %7.2f ", name,
			       t->function ? (double)br_timer_value(t) / 100.0 : 0.0);
}

void bridge_print_opt(GString *out, struct net_device *dev)
{
	struct net_bridge *br = netdev_priv(dev);
	const u8 *g = br->group_addr;

	g_string_append_printf(out, "forward_delay %lu ", br_clock_t(dev, br->forward_delay));
	g_string_append_printf(out, "hello_time %lu ", br_clock_t(dev, br->hello_time));
	g_string_append_printf(out, "max_age %lu ", br_clock_t(dev, br->max_age));
	g_string_append_printf(out, "ageing_time %lu ", br_clock_t(dev, br->ageing_time));
	g_string_append_printf(out, "stp_state %d ", br->stp_enabled);
	g_string_append_printf(out, "priority %u ",
			       (unsigned int)(br->bridge_id.prio[0] << 8 | br->bridge_id.prio[1]));
	g_string_append_printf(out, "vlan_filtering %d ", br_vlan_enabled(br) ? 1 : 0);
	print_bridge_id(out, "bridge_id", &br->bridge_id);
	print_bridge_id(out, "designated_root", &br->designated_root);
	g_string_append_printf(out, "root_port %u ", br->root_port);
	g_string_append_printf(out, "root_path_cost %u ", br->root_path_cost);
	g_string_append_printf(out, "topology_change %u ", br->topology_change);
	g_string_append_printf(out, "topology_change_detected %u ",
			       br->topology_change_detected);
	print_timer(out, "hello_timer", &br->hello_timer);
	print_timer(out, "tcn_timer", &br->tcn_timer);
	print_timer(out, "topology_change_timer", &br->topology_change_timer);
	print_timer(out, "gc_timer", &br->gc_timer);
	g_string_append_printf(out, "group_fwd_mask %#x ", br->group_fwd_mask);
	g_string_append_printf(out, "group_address %02x:%02x:%02x:%02x:%02x:%02x ",
			       g[0], g[1], g[2], g[3], g[4], g[5]);
	/* not modelled: the kernel's defaults (HZ 250: 3124 is 125 s / 4) */
	g_string_append_printf(out, "mcast_snooping %d no_linklocal_learn %d "
			       "mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 "
			       "mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 "
			       "mcast_last_member_count 2 mcast_startup_query_count 2 "
			       "mcast_last_member_interval 100 mcast_membership_interval 26000 "
			       "mcast_querier_interval 25500 mcast_query_interval 12500 "
			       "mcast_query_response_interval 1000 "
			       "mcast_startup_query_interval %lu mcast_stats_enabled 0 "
			       "mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 "
			       "nf_call_ip6tables 0 nf_call_arptables 0 ",
			       br_opt_get(br, BROPT_MULTICAST_ENABLED) ? 1 : 0,
			       br_opt_get(br, BROPT_NO_LL_LEARN) ? 1 : 0,
			       br_clock_t(dev, 125 * dev_net(dev)->w->hz / 4));
}

static const char *on_off(const struct net_bridge_port *p, unsigned long flag)
{
	return (p->flags & flag) ? "on" : "off";
}

void bridge_slave_print_opt(GString *out, struct net_device *dev)
{
	struct net_bridge_port *p = br_port_get_rtnl(dev);

	if (!p)
		return;
	g_string_append_printf(out, "state %s ", br_port_state_name(p->state));
	g_string_append_printf(out, "priority %u ", p->priority);
	g_string_append_printf(out, "cost %u ", p->path_cost);
	g_string_append_printf(out, "hairpin %s ", on_off(p, BR_HAIRPIN_MODE));
	g_string_append_printf(out, "guard %s ", on_off(p, BR_BPDU_GUARD));
	g_string_append_printf(out, "root_block %s ", on_off(p, BR_ROOT_BLOCK));
	g_string_append_printf(out, "fastleave %s ", on_off(p, BR_MULTICAST_FAST_LEAVE));
	g_string_append_printf(out, "learning %s ", on_off(p, BR_LEARNING));
	g_string_append_printf(out, "flood %s ", on_off(p, BR_FLOOD));
	g_string_append_printf(out, "port_id %#x ", p->port_id);
	g_string_append_printf(out, "port_no %#x ", p->port_no);
	g_string_append_printf(out, "designated_port %u ", p->designated_port);
	g_string_append_printf(out, "designated_cost %u ", p->designated_cost);
	print_bridge_id(out, "designated_bridge", &p->designated_bridge);
	print_bridge_id(out, "designated_root", &p->designated_root);
	print_timer(out, "hold_timer", &p->hold_timer);
	print_timer(out, "message_age_timer", &p->message_age_timer);
	print_timer(out, "forward_delay_timer", &p->forward_delay_timer);
	g_string_append_printf(out, "topology_change_ack %u ", p->topology_change_ack);
	g_string_append_printf(out, "config_pending %u ", p->config_pending);
	g_string_append_printf(out, "proxy_arp %s ", on_off(p, BR_PROXYARP));
	g_string_append_printf(out, "proxy_arp_wifi %s ", on_off(p, BR_PROXYARP_WIFI));
	g_string_append(out, "mcast_router 1 ");
	g_string_append_printf(out, "mcast_fast_leave %s ", on_off(p, BR_MULTICAST_FAST_LEAVE));
	g_string_append_printf(out, "mcast_flood %s ", on_off(p, BR_MCAST_FLOOD));
	g_string_append_printf(out, "bcast_flood %s ", on_off(p, BR_BCAST_FLOOD));
	g_string_append_printf(out, "mcast_to_unicast %s ", on_off(p, BR_MULTICAST_TO_UNICAST));
	g_string_append_printf(out, "neigh_suppress %s ", on_off(p, BR_NEIGH_SUPPRESS));
	g_string_append(out, "group_fwd_mask 0 group_fwd_mask_str 0x0 ");
	g_string_append_printf(out, "vlan_tunnel %s ", on_off(p, BR_VLAN_TUNNEL));
	g_string_append_printf(out, "isolated %s ", on_off(p, BR_ISOLATED));
	g_string_append(out, "locked off ");
}
