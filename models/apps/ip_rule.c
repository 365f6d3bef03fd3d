/*
 * models/apps/ip_rule.c - `ip rule`: show/list, add, del, flush
 *
 * User space: mirrors ip/iprule.c of iproute2 6.1 (iprule_modify(),
 * iprule_list_flush_or_save(), filter_nlmsg(), print_rule(),
 * flush_rule()).  iproute2 decides what the kernel is not told: `add`
 * sends NLM_F_CREATE|NLM_F_EXCL and action "to table", table main unless
 * a table or another action is given; a table of 256 or more goes in
 * FRA_TABLE.  The kernel side (RTM_NEWRULE, RTM_DELRULE, the dump's
 * fib_nl_fill_rule()) is models/ipv4/fib_rules.c; rule_fill() below makes
 * what a dump would carry.
 *
 * Differences: IPv4 only (-6 is refused); uidrange, ipproto, sport,
 * dport, tun_id, l3mdev, realms, nat/map-to and save/restore are refused
 * with a message saying so; no -j.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/netdevice.h"
#include "net/fib_rules.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"

enum rule_action { IPRULE_LIST, IPRULE_FLUSH };

/* what a dump message of a rule carries (fib_nl_fill_rule()) */
struct rule_msg {
	struct fib_rule_hdr frh;
	u32 table;			/* FRA_TABLE */
	bool has_priority;
	u32 priority;
	bool has_src, has_dst;
	__be32 src, dst;
	bool has_fwmark, has_fwmask;
	u32 fwmark, fwmask;
	int suppress_prefixlen;		/* FRA_SUPPRESS_PREFIXLEN, always */
	bool has_suppress_ifgroup;
	int suppress_ifgroup;
	bool has_goto;
	u32 goto_target;
	u8 protocol;			/* FRA_PROTOCOL, always */
	const char *iifname, *oifname;	/* NULL: absent */
};

/* the filter of a listing or flush (iproute2's static filter) */
struct rule_filter {
	bool not;
	bool iifmask, oifmask;
	u32 tb;
	u32 tos;
	bool tosmask;
	u32 pref;
	bool prefmask;
	u32 fwmark, fwmask;
	char iif[IFNAMSIZ], oif[IFNAMSIZ];
	struct ipr_prefix src, dst;
	u32 protocol;
	u32 protocolmask;
};

static int iprule_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip rule { add | del } SELECTOR ACTION\n"
		"       ip rule { flush | save | restore }\n"
		"       ip rule [ list [ SELECTOR ]]\n"
		"SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
		"            [ fwmark FWMARK[/MASK] ]\n"
		"            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
		"            [ uidrange NUMBER-NUMBER ]\n"
		"            [ ipproto PROTOCOL ]\n"
		"            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
		"            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
		"ACTION := [ table TABLE_ID ]\n"
		"          [ protocol PROTO ]\n"
		"          [ nat ADDRESS ]\n"
		"          [ realms [SRCREALM/]DSTREALM ]\n"
		"          [ goto NUMBER ]\n"
		"          SUPPRESSOR\n"
		"SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
		"              [ suppress_ifgroup DEVGROUP ]\n"
		"TABLE_ID := [ local | main | default | NUMBER ]\n");
	r->status = 255;
	return -1;
}

/* fib_nl_fill_rule(): the dump message of @rule */
static void rule_fill(struct fib_rule *rule, struct rule_msg *m)
{
	struct fib4_rule *r4 = (struct fib4_rule *)rule;

	memset(m, 0, sizeof(*m));
	m->frh.family = AF_INET;
	m->frh.table = rule->table < 256 ? (u8)rule->table : 252;	/* RT_TABLE_COMPAT */
	m->table = rule->table;
	m->suppress_prefixlen = rule->suppress_prefixlen;
	m->frh.action = rule->action;
	m->frh.flags = fib_rule_dump_flags(rule);
	m->protocol = rule->proto;
	m->iifname = rule->iifname[0] ? rule->iifname : NULL;
	m->oifname = rule->oifname[0] ? rule->oifname : NULL;
	m->has_priority = rule->pref != 0;
	m->priority = rule->pref;
	m->has_fwmark = rule->mark != 0;
	m->fwmark = rule->mark;
	m->has_fwmask = rule->mark_mask || rule->mark;
	m->fwmask = rule->mark_mask;
	m->has_goto = rule->target != 0;
	m->goto_target = rule->target;
	m->has_suppress_ifgroup = rule->suppress_ifgroup != -1;
	m->suppress_ifgroup = rule->suppress_ifgroup;
	/* fib4_rule_fill */
	m->frh.dst_len = r4->dst_len;
	m->frh.src_len = r4->src_len;
	m->frh.tos = r4->dscp;
	m->has_dst = r4->dst_len != 0;
	m->dst = r4->dst;
	m->has_src = r4->src_len != 0;
	m->src = r4->src;
}

/* filter_nlmsg() */
static bool filter_rule(const struct rule_filter *f, const struct rule_msg *m)
{
	if (f->prefmask && f->pref != (m->has_priority ? m->priority : 0))
		return false;
	if (f->not && !(m->frh.flags & FIB_RULE_INVERT))
		return false;
	if (f->src.family) {
		if (f->src.family != AF_INET || f->src.bitlen > m->frh.src_len)
			return false;
		if (m->has_src && ipr_addr_match_v4(&f->src, m->src))
			return false;
	}
	if (f->dst.family) {
		if (f->dst.family != AF_INET || f->dst.bitlen > m->frh.dst_len)
			return false;
		if (m->has_dst && ipr_addr_match_v4(&f->dst, m->dst))
			return false;
	}
	if (f->tosmask && f->tos != m->frh.tos)
		return false;
	if (f->fwmark && f->fwmark != (m->has_fwmark ? m->fwmark : 0))
		return false;
	if (f->fwmask && f->fwmask != (m->has_fwmask ? m->fwmask : 0))
		return false;
	if (f->iifmask && (!m->iifname || strcmp(f->iif, m->iifname) != 0))
		return false;
	if (f->oifmask && (!m->oifname || strcmp(f->oif, m->oifname) != 0))
		return false;
	if (f->tb > 0 && f->tb != m->table)
		return false;
	return true;
}

/* print_rule() */
static void print_rule(const struct iproute *r, GString *out, const struct rule_msg *m)
{
	char b1[16], abuf[16];

	g_string_append_printf(out, "%u:\t", m->has_priority ? m->priority : 0);
	if (m->frh.flags & FIB_RULE_INVERT)
		g_string_append(out, "not ");
	if (m->has_src) {
		g_string_append_printf(out, "from %s", ipr_ntoa(m->src, abuf));
		if (m->frh.src_len != 32)
			g_string_append_printf(out, "/%u", m->frh.src_len);
	} else if (m->frh.src_len) {
		g_string_append_printf(out, "from 0/%u", m->frh.src_len);
	} else {
		g_string_append(out, "from all");
	}
	if (m->has_dst) {
		g_string_append_printf(out, " to %s", ipr_ntoa(m->dst, abuf));
		if (m->frh.dst_len != 32)
			g_string_append_printf(out, "/%u", m->frh.dst_len);
	} else if (m->frh.dst_len) {
		g_string_append_printf(out, " to 0/%u", m->frh.dst_len);
	}
	if (m->frh.tos)
		g_string_append_printf(out, " tos %s", ipr_dsfield_n2a(m->frh.tos, b1));
	if (m->has_fwmark || m->has_fwmask) {
		u32 mark = m->has_fwmark ? m->fwmark : 0;

		g_string_append_printf(out, mark ? " fwmark %#x" : " fwmark %x", mark);
		if (m->has_fwmask && m->fwmask != 0xFFFFFFFF)
			g_string_append_printf(out, m->fwmask ? "/%#x" : "/%x", m->fwmask);
	}
	if (m->iifname) {
		g_string_append_printf(out, " iif %s", m->iifname);
		if (m->frh.flags & FIB_RULE_IIF_DETACHED)
			g_string_append(out, " [detached]");
	}
	if (m->oifname) {
		g_string_append_printf(out, " oif %s", m->oifname);
		if (m->frh.flags & FIB_RULE_OIF_DETACHED)
			g_string_append(out, " [detached]");
	}
	if (m->table) {
		g_string_append_printf(out, " lookup %s", ipr_rttable_n2a(r, m->table, b1));
		if (m->suppress_prefixlen != -1)
			g_string_append_printf(out, " suppress_prefixlength %d",
					       m->suppress_prefixlen);
		if (m->has_suppress_ifgroup) {
			if (m->suppress_ifgroup == 0)	/* rtnl_group_n2a: /etc/iproute2/group */
				g_string_append(out, " suppress_ifgroup default");
			else
				g_string_append_printf(out, " suppress_ifgroup %d",
						       m->suppress_ifgroup);
		}
	}
	if (m->frh.action == FR_ACT_GOTO) {
		if (m->has_goto)
			g_string_append_printf(out, " goto %u", m->goto_target);
		else
			g_string_append(out, " goto none");
		if (m->frh.flags & FIB_RULE_UNRESOLVED)
			g_string_append(out, " [unresolved]");
	} else if (m->frh.action == FR_ACT_NOP) {
		g_string_append(out, " nop");
	} else if (m->frh.action != FR_ACT_TO_TBL) {
		g_string_append_printf(out, " %s", ipr_rtntype_n2a(m->frh.action, b1));
	}
	if ((m->protocol && m->protocol != RTPROT_KERNEL) || r->show_details > 0)
		g_string_append_printf(out, " proto %s", ipr_rtprot_n2a(m->protocol, b1));
	g_string_append(out, "\n");
}

/* the RTM_DELRULE flush_rule() sends: the dumped message itself */
static void rule_msg_to_config(const struct rule_msg *m, struct fib_rule_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->frh = m->frh;
	cfg->frh.flags &= FIB_RULE_INVERT | FIB_RULE_PERMANENT;
	cfg->has_table = true;
	cfg->table = m->table;
	cfg->has_priority = m->has_priority;
	cfg->priority = m->priority;
	cfg->has_src = m->has_src;
	cfg->src = m->src;
	cfg->has_dst = m->has_dst;
	cfg->dst = m->dst;
	cfg->has_fwmark = m->has_fwmark;
	cfg->fwmark = m->fwmark;
	cfg->has_fwmask = m->has_fwmask;
	cfg->fwmask = m->fwmask;
	cfg->has_suppress_prefixlen = true;
	cfg->suppress_prefixlen = (u32)m->suppress_prefixlen;
	cfg->has_suppress_ifgroup = m->has_suppress_ifgroup;
	cfg->suppress_ifgroup = (u32)m->suppress_ifgroup;
	cfg->has_goto = m->has_goto;
	cfg->goto_target = m->goto_target;
	cfg->has_protocol = true;
	cfg->protocol = m->protocol;
	if (m->iifname)
		g_strlcpy(cfg->iifname, m->iifname, IFNAMSIZ);
	if (m->oifname)
		g_strlcpy(cfg->oifname, m->oifname, IFNAMSIZ);
}

static int iprule_list_flush(struct iproute *r, int argc, char **argv, enum rule_action action)
{
	struct fib_rules_ops *ops = r->net->ipv4.rules_ops;
	struct rule_filter f = { 0 };
	GArray *dels = NULL;
	struct fib_rule *rule;
	GString *out;

	while (argc > 0) {
		if (ipr_matches(*argv, "preference") == 0 || ipr_matches(*argv, "order") == 0 ||
		    ipr_matches(*argv, "priority") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_u32(&f.pref, *argv, 0))
				return ipr_invarg(r, "preference value is invalid\n", *argv);
			f.prefmask = true;
		} else if (strcmp(*argv, "not") == 0) {
			f.not = true;
		} else if (strcmp(*argv, "tos") == 0 || strcmp(*argv, "dsfield") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_dsfield_a2n(&f.tos, *argv))
				return ipr_invarg(r, "TOS value is invalid\n", *argv);
			f.tosmask = true;
		} else if (strcmp(*argv, "fwmark") == 0) {
			char *slash;

			IPR_NEXT_ARG(r, argc, argv);
			slash = strchr(*argv, '/');
			if (slash)
				*slash = '\0';
			if (ipr_get_u32(&f.fwmark, *argv, 0))
				return ipr_invarg(r, "fwmark value is invalid\n", *argv);
			if (slash && ipr_get_u32(&f.fwmask, slash + 1, 0))
				return ipr_invarg(r, "fwmask value is invalid\n", slash + 1);
		} else if (strcmp(*argv, "dev") == 0 || strcmp(*argv, "iif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_check_ifname(*argv))
				return ipr_invarg(r, "\"iif\"/\"dev\" not a valid ifname", *argv);
			g_strlcpy(f.iif, *argv, IFNAMSIZ);
			f.iifmask = true;
		} else if (strcmp(*argv, "oif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_check_ifname(*argv))
				return ipr_invarg(r, "\"oif\" not a valid ifname", *argv);
			g_strlcpy(f.oif, *argv, IFNAMSIZ);
			f.oifmask = true;
		} else if (strcmp(*argv, "l3mdev") == 0 || strcmp(*argv, "uidrange") == 0 ||
			   ipr_matches(*argv, "tun_id") == 0 || strcmp(*argv, "ipproto") == 0 ||
			   strcmp(*argv, "sport") == 0 || strcmp(*argv, "dport") == 0) {
			return ipr_unsupported(r, "ip rule", *argv);
		} else if (ipr_matches(*argv, "lookup") == 0 || ipr_matches(*argv, "table") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rttable_a2n(r, &f.tb, *argv))
				return ipr_invarg(r, "table id value is invalid\n", *argv);
		} else if (ipr_matches(*argv, "from") == 0 || ipr_matches(*argv, "src") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix_1(&f.src, *argv, AF_INET))
				return ipr_invarg(r, "from value is invalid\n", *argv);
		} else if (ipr_matches(*argv, "protocol") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			f.protocolmask = ~0u;
			if (ipr_rtprot_a2n(&f.protocol, *argv)) {
				if (strcmp(*argv, "all") != 0)
					return ipr_invarg(r, "invalid \"protocol\"\n", *argv);
				f.protocol = 0;
				f.protocolmask = 0;
			}
		} else {
			if (ipr_matches(*argv, "dst") == 0 || ipr_matches(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix_1(&f.dst, *argv, AF_INET))
				return ipr_invarg(r, "to value is invalid\n", *argv);
		}
		argc--;
		argv++;
	}

	out = g_string_new(NULL);
	if (action == IPRULE_FLUSH)
		dels = g_array_new(FALSE, FALSE, sizeof(struct fib_rule_config));
	list_for_each_entry(rule, &ops->rules_list, list) {
		struct rule_msg m;

		rule_fill(rule, &m);
		if (!filter_rule(&f, &m))
			continue;
		if (action == IPRULE_LIST) {
			print_rule(r, out, &m);
		} else if ((!((f.protocol ^ m.protocol) & f.protocolmask)) && m.has_priority) {
			struct fib_rule_config cfg;

			rule_msg_to_config(&m, &cfg);
			g_array_append_val(dels, cfg);
		}
	}
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	if (dels) {
		for (guint i = 0; i < dels->len; i++) {
			struct sim_err err = { { 0 } };

			if (fib_nl_delrule(r->net, &g_array_index(dels, struct fib_rule_config, i),
					   &err) < 0) {
				ipr_rtnl_error(r, err.msg);
				g_array_free(dels, TRUE);
				return -1;
			}
		}
		g_array_free(dels, TRUE);
	}
	return 0;
}

/* rtnl_group_a2n(): "default" or a number */
static int group_a2n(int *id, const char *arg)
{
	if (strcmp(arg, "default") == 0) {
		*id = 0;
		return 0;
	}
	return ipr_get_integer(id, arg, 0);
}

static int iprule_modify(struct iproute *r, bool add, int argc, char **argv)
{
	struct fib_rule_config cfg = { .frh.family = (u8)r->family };
	struct sim_err err = { { 0 } };
	bool table_ok = false;
	int e;

	if (add) {
		if (argc == 0) {
			sim_sh_eprintf(r->sh, "\"ip rule add\" requires arguments.\n");
			r->status = 1;
			return -1;
		}
		cfg.nlflags = NLM_F_CREATE | NLM_F_EXCL;
		cfg.frh.action = FR_ACT_TO_TBL;
	} else if (argc == 0) {
		sim_sh_eprintf(r->sh, "\"ip rule del\" requires arguments.\n");
		r->status = 1;
		return -1;
	}
	while (argc > 0) {
		if (strcmp(*argv, "not") == 0) {
			cfg.frh.flags |= FIB_RULE_INVERT;
		} else if (strcmp(*argv, "from") == 0 || strcmp(*argv, "to") == 0) {
			bool from = strcmp(*argv, "from") == 0;
			struct ipr_prefix dst;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix(r, &dst, *argv, cfg.frh.family) < 0)
				return -1;
			if (from) {
				cfg.frh.src_len = (u8)dst.bitlen;
				cfg.has_src = true;
				cfg.src = dst.bytelen ? dst.data[0] : 0;
			} else {
				cfg.frh.dst_len = (u8)dst.bitlen;
				cfg.has_dst = true;
				cfg.dst = dst.bytelen ? dst.data[0] : 0;
			}
		} else if (ipr_matches(*argv, "preference") == 0 ||
			   ipr_matches(*argv, "order") == 0 ||
			   ipr_matches(*argv, "priority") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_u32(&cfg.priority, *argv, 0))
				return ipr_invarg(r, "preference value is invalid\n", *argv);
			cfg.has_priority = true;
		} else if (strcmp(*argv, "tos") == 0 || ipr_matches(*argv, "dsfield") == 0) {
			u32 tos;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_dsfield_a2n(&tos, *argv))
				return ipr_invarg(r, "TOS value is invalid\n", *argv);
			cfg.frh.tos = (u8)tos;
		} else if (strcmp(*argv, "fwmark") == 0) {
			char *slash;

			IPR_NEXT_ARG(r, argc, argv);
			slash = strchr(*argv, '/');
			if (slash)
				*slash = '\0';
			if (ipr_get_u32(&cfg.fwmark, *argv, 0))
				return ipr_invarg(r, "fwmark value is invalid\n", *argv);
			cfg.has_fwmark = true;
			if (slash) {
				if (ipr_get_u32(&cfg.fwmask, slash + 1, 0))
					return ipr_invarg(r, "fwmask value is invalid\n", slash + 1);
				cfg.has_fwmask = true;
			}
		} else if (ipr_matches(*argv, "protocol") == 0) {
			u32 proto;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rtprot_a2n(&proto, *argv))
				return ipr_invarg(r, "\"protocol\" value is invalid\n", *argv);
			cfg.has_protocol = true;
			cfg.protocol = (u8)proto;
		} else if (ipr_matches(*argv, "table") == 0 || strcmp(*argv, "lookup") == 0) {
			u32 tid;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rttable_a2n(r, &tid, *argv))
				return ipr_invarg(r, "invalid table ID\n", *argv);
			if (tid < 256) {
				cfg.frh.table = (u8)tid;
			} else {
				cfg.frh.table = RT_TABLE_UNSPEC;
				cfg.has_table = true;
				cfg.table = tid;
			}
			table_ok = true;
		} else if (ipr_matches(*argv, "suppress_prefixlength") == 0 ||
			   strcmp(*argv, "sup_pl") == 0) {
			int pl;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_integer(&pl, *argv, 0) || pl < 0)
				return ipr_invarg(r, "suppress_prefixlength value is invalid\n",
						  *argv);
			cfg.has_suppress_prefixlen = true;
			cfg.suppress_prefixlen = (u32)pl;
		} else if (ipr_matches(*argv, "suppress_ifgroup") == 0 ||
			   strcmp(*argv, "sup_group") == 0) {
			int group;

			IPR_NEXT_ARG(r, argc, argv);
			if (group_a2n(&group, *argv))
				return ipr_invarg(r, "Invalid \"suppress_ifgroup\" value\n", *argv);
			cfg.has_suppress_ifgroup = true;
			cfg.suppress_ifgroup = (u32)group;
		} else if (strcmp(*argv, "dev") == 0 || strcmp(*argv, "iif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_check_ifname(*argv))
				return ipr_invarg(r, "\"iif\"/\"dev\" not a valid ifname", *argv);
			g_strlcpy(cfg.iifname, *argv, IFNAMSIZ);
		} else if (strcmp(*argv, "oif") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_check_ifname(*argv))
				return ipr_invarg(r, "\"oif\" not a valid ifname", *argv);
			g_strlcpy(cfg.oifname, *argv, IFNAMSIZ);
		} else if (ipr_matches(*argv, "realms") == 0 || ipr_matches(*argv, "tun_id") == 0 ||
			   strcmp(*argv, "l3mdev") == 0 || strcmp(*argv, "uidrange") == 0 ||
			   strcmp(*argv, "nat") == 0 || ipr_matches(*argv, "map-to") == 0 ||
			   strcmp(*argv, "ipproto") == 0 || strcmp(*argv, "sport") == 0 ||
			   strcmp(*argv, "dport") == 0) {
			return ipr_unsupported(r, "ip rule", *argv);
		} else {
			int type;

			if (strcmp(*argv, "type") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return iprule_usage(r);
			if (ipr_matches(*argv, "goto") == 0) {
				type = FR_ACT_GOTO;
				IPR_NEXT_ARG(r, argc, argv);
				if (ipr_get_u32(&cfg.goto_target, *argv, 0))
					return ipr_invarg(r, "invalid target\n", *argv);
				cfg.has_goto = true;
			} else if (ipr_matches(*argv, "nop") == 0) {
				type = FR_ACT_NOP;
			} else if (ipr_rtntype_a2n(&type, *argv)) {
				return ipr_invarg(r, "Failed to parse rule type", *argv);
			}
			if (type == RTN_NAT)
				return ipr_unsupported(r, "ip rule", "nat");
			cfg.frh.action = (u8)type;
			table_ok = true;
		}
		argc--;
		argv++;
	}
	if (cfg.frh.family == AF_UNSPEC)
		cfg.frh.family = AF_INET;
	if (!table_ok && add)
		cfg.frh.table = RT_TABLE_MAIN;
	e = add ? fib_nl_newrule(r->net, &cfg, &err) : fib_nl_delrule(r->net, &cfg, &err);
	if (e < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

int do_iprule(struct iproute *r, int argc, char **argv)
{
	if (r->family != AF_UNSPEC && r->family != AF_INET)
		return ipr_unsupported(r, "ip rule", ipr_family_name(r->family));
	if (argc < 1)
		return iprule_list_flush(r, 0, NULL, IPRULE_LIST);
	if (ipr_matches(*argv, "list") == 0 || ipr_matches(*argv, "lst") == 0 ||
	    ipr_matches(*argv, "show") == 0)
		return iprule_list_flush(r, argc - 1, argv + 1, IPRULE_LIST);
	if (ipr_matches(*argv, "save") == 0 || ipr_matches(*argv, "restore") == 0)
		return ipr_unsupported(r, "ip rule", *argv);
	if (ipr_matches(*argv, "add") == 0)
		return iprule_modify(r, true, argc - 1, argv + 1);
	if (ipr_matches(*argv, "delete") == 0)
		return iprule_modify(r, false, argc - 1, argv + 1);
	if (ipr_matches(*argv, "flush") == 0)
		return iprule_list_flush(r, argc - 1, argv + 1, IPRULE_FLUSH);
	if (ipr_matches(*argv, "help") == 0)
		return iprule_usage(r);
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"ip rule help\".\n", *argv);
	r->status = 255;
	return -1;
}
