/*
 * tests/unit/ipv4/test_fib_rules.c - policy routing (net/core/fib_rules.c,
 * net/ipv4/fib_rules.c)
 *
 * On the router r1 of tl_net3 (eth0 10.0.1.1/24, eth1 10.0.2.1/24):
 * the default rules and where new ones go, each selector matching and
 * not matching, goto (resolved, unresolved, re-resolved), the actions'
 * errnos, suppress_prefixlength, a missing table or a table miss going
 * on to the next rule, and RTM_NEWRULE/RTM_DELRULE's errors.  The
 * errnos and messages are what Linux 6.18 gave for the same `ip rule`
 * and `ip route get` commands (tests/scenarios/route_rules.lua).
 */
#include "tl_ipv4.h"

#include <errno.h>
#include <sys/socket.h>

#include "net/fib_rules.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"

#define TB 10			/* table 10: default via 10.0.2.2 */
#define DST "192.0.2.1"		/* only table 10 routes it */

static struct tl_net3 t;
static struct net *net;

static void setup(void)
{
	tl_net3_setup(&t);
	net = node_net(t.r1);
	tl_sh_ok(t.r1, "ip route add default via 10.0.2.2 table 10");
}

static void teardown(void)
{
	tl_world_free(t.w);
}

/* a to-table rule of @pref (0: none sent) looking up @table, as ip rule add sends it */
static struct fib_rule_config rule_cfg(u32 pref, u32 table)
{
	struct fib_rule_config c = { .frh.family = AF_INET, .frh.action = FR_ACT_TO_TBL,
				     .nlflags = NLM_F_CREATE | NLM_F_EXCL };

	c.has_priority = pref != 0;
	c.priority = pref;
	c.frh.table = (u8)table;
	return c;
}

static void add_ok(const struct fib_rule_config *c)
{
	struct sim_err err = { { 0 } };
	int e = fib_nl_newrule(net, c, &err);

	ck_assert_msg(e == 0, "newrule: %d %s", e, err.msg);
}

/* the table id the lookup ended in, or the negative errno */
static int lookup(struct flowi4 *fl4)
{
	struct fib_result res = { 0 };
	int e = fib_lookup(net, fl4, &res, 0);

	if (e)
		return e;
	ck_assert_ptr_nonnull(res.table);
	return (int)fib_table_id(res.table);
}

static int lookup_dst(const char *dst)
{
	struct flowi4 fl4 = { .daddr = tl_addr(dst) };

	return lookup(&fl4);
}

/* the preferences in list order, "0 32766 32767" */
static char *prefs(void)
{
	GString *s = g_string_new(NULL);
	struct fib_rule *r;

	list_for_each_entry(r, &net->ipv4.rules_ops->rules_list, list)
		g_string_append_printf(s, "%s%u", s->len ? " " : "", r->pref);
	return g_string_free(s, FALSE);
}

START_TEST(test_default_rules_and_order)
{
	struct fib_rule_config c = rule_cfg(0, TB);
	struct sim_err err = { { 0 } };

	tl_assert_str_eq_free(prefs(), "0 32766 32767");
	ck_assert(!net->ipv4.fib_has_custom_rules);
	ck_assert_int_eq(lookup_dst(DST), -ENETUNREACH);	/* local, main, default */
	ck_assert_int_eq(lookup_dst("10.0.1.1"), RT_TABLE_LOCAL);
	add_ok(&c);				/* no pref: one below the second rule's */
	c.frh.tos = 0x04;			/* a different rule: EXCL does not see it */
	add_ok(&c);
	tl_assert_str_eq_free(prefs(), "0 32764 32765 32766 32767");
	ck_assert(net->ipv4.fib_has_custom_rules);
	c = rule_cfg(32765, TB);		/* same pref: after the one there */
	c.frh.dst_len = 8;
	c.has_dst = true;
	c.dst = tl_addr("10.0.0.0");
	add_ok(&c);
	ck_assert_int_eq(fib_nl_newrule(net, &c, &err), -EEXIST);
	ck_assert_str_eq(err.msg, "RTNETLINK answers: File exists");
	tl_assert_str_eq_free(prefs(), "0 32764 32765 32765 32766 32767");
	ck_assert_int_eq(lookup_dst(DST), TB);
}
END_TEST

/* one rule at pref 100 looking up table 10, one flow: does it match? */
struct selector_case {
	const char *name;
	void (*rule)(struct fib_rule_config *c);
	struct flowi4 fl;
	const char *saddr;
	const char *iif, *oif;		/* device names for flowi4_iif/oif */
	bool match;
};

static void sel_from(struct fib_rule_config *c)
{
	c->frh.src_len = 24;
	c->has_src = true;
	c->src = tl_addr("10.0.1.0");
}

static void sel_not_from(struct fib_rule_config *c)
{
	sel_from(c);
	c->frh.flags |= FIB_RULE_INVERT;
}

static void sel_to(struct fib_rule_config *c)
{
	c->frh.dst_len = 24;
	c->has_dst = true;
	c->dst = tl_addr("192.0.2.0");
}

static void sel_to_other(struct fib_rule_config *c)
{
	c->frh.dst_len = 24;
	c->has_dst = true;
	c->dst = tl_addr("192.0.3.0");
}

static void sel_tos(struct fib_rule_config *c)
{
	c->frh.tos = 0x04;
}

static void sel_mark_mask(struct fib_rule_config *c)
{
	c->has_fwmark = c->has_fwmask = true;
	c->fwmark = 0x10;
	c->fwmask = 0xff;
}

static void sel_mark(struct fib_rule_config *c)
{
	c->has_fwmark = true;
	c->fwmark = 3;
}

static void sel_iif_eth0(struct fib_rule_config *c)
{
	g_strlcpy(c->iifname, "eth0", IFNAMSIZ);
}

static void sel_iif_lo(struct fib_rule_config *c)
{
	g_strlcpy(c->iifname, "lo", IFNAMSIZ);
}

static void sel_iif_none(struct fib_rule_config *c)
{
	g_strlcpy(c->iifname, "eth9", IFNAMSIZ);	/* detached: matches nothing */
}

static void sel_oif_eth1(struct fib_rule_config *c)
{
	g_strlcpy(c->oifname, "eth1", IFNAMSIZ);
}

static const struct selector_case selector_cases[] = {
	{ "from in", sel_from, { 0 }, "10.0.1.2", NULL, NULL, true },
	{ "from out", sel_from, { 0 }, "10.0.2.2", NULL, NULL, false },
	{ "not from", sel_not_from, { 0 }, "10.0.2.2", NULL, NULL, true },
	{ "not from in", sel_not_from, { 0 }, "10.0.1.2", NULL, NULL, false },
	{ "to in", sel_to, { 0 }, NULL, NULL, NULL, true },
	{ "to out", sel_to_other, { 0 }, NULL, NULL, NULL, false },
	{ "tos equal", sel_tos, { .flowi4_tos = 0x04 }, NULL, NULL, NULL, true },
	{ "tos other bit", sel_tos, { .flowi4_tos = 0x14 }, NULL, NULL, NULL, false },
	{ "tos none", sel_tos, { 0 }, NULL, NULL, NULL, false },
	{ "tos high bits ignored", sel_tos, { .flowi4_tos = 0x24 }, NULL, NULL, NULL, true },
	{ "fwmark/mask in", sel_mark_mask, { .flowi4_mark = 0x110 }, NULL, NULL, NULL, true },
	{ "fwmark/mask out", sel_mark_mask, { .flowi4_mark = 0x11 }, NULL, NULL, NULL, false },
	{ "fwmark all bits", sel_mark, { .flowi4_mark = 3 }, NULL, NULL, NULL, true },
	{ "fwmark all bits out", sel_mark, { .flowi4_mark = 0x103 }, NULL, NULL, NULL, false },
	{ "iif eth0", sel_iif_eth0, { 0 }, NULL, "eth0", NULL, true },
	{ "iif eth0 from eth1", sel_iif_eth0, { 0 }, NULL, "eth1", NULL, false },
	{ "iif eth0, output", sel_iif_eth0, { 0 }, NULL, NULL, NULL, false },
	{ "iif lo, output", sel_iif_lo, { 0 }, NULL, NULL, NULL, true },
	{ "iif lo, input", sel_iif_lo, { 0 }, NULL, "eth0", NULL, false },
	{ "iif detached", sel_iif_none, { 0 }, NULL, "eth0", NULL, false },
	{ "oif eth1", sel_oif_eth1, { 0 }, NULL, NULL, "eth1", true },
	{ "oif eth1, none", sel_oif_eth1, { 0 }, NULL, NULL, NULL, false },
};

START_TEST(test_selectors)
{
	const struct selector_case *sc = &selector_cases[_i];
	struct fib_rule_config c = rule_cfg(100, TB);
	struct flowi4 fl4 = sc->fl;

	sc->rule(&c);
	add_ok(&c);
	fl4.daddr = tl_addr(DST);
	if (sc->saddr)
		fl4.saddr = tl_addr(sc->saddr);
	if (sc->iif)
		fl4.flowi4_iif = tl_dev(t.r1, sc->iif)->ifindex;
	if (sc->oif)
		fl4.flowi4_oif = tl_dev(t.r1, sc->oif)->ifindex;
	ck_assert_msg(lookup(&fl4) == (sc->match ? TB : -ENETUNREACH), "%s: %d", sc->name,
		      lookup(&fl4));
}
END_TEST

START_TEST(test_goto)
{
	struct fib_rule_config go = rule_cfg(100, 0), bar = rule_cfg(150, 0);
	struct fib_rule_config target = rule_cfg(200, TB);
	struct sim_err err = { { 0 } };
	struct fib_rule *r;

	go.frh.action = FR_ACT_GOTO;
	go.has_goto = true;
	go.goto_target = 200;
	add_ok(&go);				/* nothing at 200 yet: unresolved */
	bar.frh.action = FR_ACT_UNREACHABLE;
	add_ok(&bar);
	r = list_entry(net->ipv4.rules_ops->rules_list.next->next, struct fib_rule, list);
	ck_assert_uint_eq(r->pref, 100);
	ck_assert(fib_rule_dump_flags(r) & FIB_RULE_UNRESOLVED);
	ck_assert_int_eq(lookup_dst(DST), -ENETUNREACH);	/* skipped; 150 answers */
	ck_assert_int_eq(lookup_dst("10.0.1.7"), -ENETUNREACH);
	add_ok(&target);			/* resolves the goto: 150 is jumped over */
	ck_assert(!(fib_rule_dump_flags(r) & FIB_RULE_UNRESOLVED));
	ck_assert_int_eq(lookup_dst(DST), TB);
	ck_assert_int_eq(lookup_dst("10.0.1.7"), TB);
	target.nlflags = 0;
	ck_assert_int_eq(fib_nl_delrule(net, &target, &err), 0);
	ck_assert(fib_rule_dump_flags(r) & FIB_RULE_UNRESOLVED);
	ck_assert_int_eq(lookup_dst(DST), -ENETUNREACH);
	/* backward, unexpected, missing */
	go.goto_target = 100;
	ck_assert_int_eq(fib_nl_newrule(net, &go, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Backward goto not supported.");
	go.frh.action = FR_ACT_NOP;
	go.goto_target = 300;
	ck_assert_int_eq(fib_nl_newrule(net, &go, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Unexpected goto.");
	go.frh.action = FR_ACT_GOTO;
	go.has_goto = false;
	ck_assert_int_eq(fib_nl_newrule(net, &go, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Missing goto target for action goto.");
}
END_TEST

/* the error actions and error routes: the errno fib_lookup() returns */
static const struct action_case {
	u8 action;
	int err;
} action_cases[] = {
	{ FR_ACT_BLACKHOLE, -EINVAL },
	{ FR_ACT_UNREACHABLE, -ENETUNREACH },	/* the rule's, not the route type's */
	{ FR_ACT_PROHIBIT, -EACCES },
	{ FR_ACT_NOP, TB },			/* nothing: on to the next rule */
};

START_TEST(test_actions)
{
	const struct action_case *ac = &action_cases[_i];
	struct fib_rule_config c = rule_cfg(100, 0), next = rule_cfg(200, TB);

	c.frh.action = ac->action;
	add_ok(&c);
	add_ok(&next);
	ck_assert_int_eq(lookup_dst(DST), ac->err);
}
END_TEST

START_TEST(test_error_routes_through_rules)
{
	struct fib_rule_config c = rule_cfg(100, 20), next = rule_cfg(200, TB);

	add_ok(&c);
	add_ok(&next);
	ck_assert_int_eq(lookup_dst(DST), TB);		/* table 20 does not exist: next */
	tl_sh_ok(t.r1, "ip route add throw 192.0.2.0/24 table 20");
	ck_assert_int_eq(lookup_dst(DST), TB);		/* throw: next */
	tl_sh_ok(t.r1, "ip route add unreachable 192.0.2.1 table 20");
	ck_assert_int_eq(lookup_dst(DST), -EHOSTUNREACH);
	tl_sh_ok(t.r1, "ip route add prohibit 192.0.2.2 table 20");
	ck_assert_int_eq(lookup_dst("192.0.2.2"), -EACCES);
	tl_sh_ok(t.r1, "ip route add blackhole 192.0.2.3 table 20");
	ck_assert_int_eq(lookup_dst("192.0.2.3"), -EINVAL);
}
END_TEST

START_TEST(test_suppress_prefixlength)
{
	struct fib_rule_config c = rule_cfg(50, RT_TABLE_MAIN), next = rule_cfg(100, TB);
	struct fib_result res;
	struct flowi4 fl4 = { .daddr = tl_addr(DST) };

	tl_sh_ok(t.r1, "ip route add default via 10.0.1.2");
	c.has_suppress_prefixlen = true;
	c.suppress_prefixlen = 0;
	add_ok(&c);
	add_ok(&next);
	/* main's default (/0) is suppressed; table 10 answers */
	ck_assert_int_eq(fib_lookup(net, &fl4, &res, 0), 0);
	ck_assert_uint_eq(fib_table_id(res.table), TB);
	ck_assert_uint_eq(res.fi->fib_nh[0].nh_gw, tl_addr("10.0.2.2"));
	/* a /24 of main is more specific than /0: kept */
	ck_assert_int_eq(lookup_dst("10.0.2.9"), RT_TABLE_MAIN);
	/* rule 40 suppresses /24 and shorter: rule 50 still keeps the /24 */
	c.priority = 40;
	c.suppress_prefixlen = 24;
	add_ok(&c);
	ck_assert_int_eq(lookup_dst("10.0.2.9"), RT_TABLE_MAIN);
	ck_assert_int_eq(lookup_dst("10.0.2.1"), RT_TABLE_LOCAL);	/* rule 0 first */
}
END_TEST

START_TEST(test_configure_errors_and_delete)
{
	struct fib_rule_config c = rule_cfg(100, TB);
	struct sim_err err = { { 0 } };

	c.frh.tos = 0x05;
	ck_assert_int_eq(fib_nl_newrule(net, &c, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Invalid dsfield (tos): ECN bits must be 0.");
	c.frh.tos = 0x28;
	ck_assert_int_eq(fib_nl_newrule(net, &c, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "Error: Invalid tos.");
	ck_assert(!net->ipv4.fib_has_custom_rules);	/* nothing was added */
	/* table 0: the first free id (1) is made for it */
	c = rule_cfg(100, 0);
	ck_assert_ptr_null(fib_get_table(net, 1));
	add_ok(&c);
	ck_assert_ptr_nonnull(fib_get_table(net, 1));
	/* delete: by the fields sent; none left is ENOENT */
	c = (struct fib_rule_config){ .frh.family = AF_INET, .has_priority = true, .priority = 999 };
	ck_assert_int_eq(fib_nl_delrule(net, &c, &err), -ENOENT);
	ck_assert_str_eq(err.msg, "RTNETLINK answers: No such file or directory");
	c.priority = 100;
	ck_assert_int_eq(fib_nl_delrule(net, &c, &err), 0);
	tl_assert_str_eq_free(prefs(), "0 32766 32767");
	/* the default rules are not permanent in IPv4: main can go */
	c.priority = 32766;
	ck_assert_int_eq(fib_nl_delrule(net, &c, &err), 0);
	ck_assert_int_eq(lookup_dst("10.0.2.9"), -ENETUNREACH);
	ck_assert_int_eq(lookup_dst("10.0.2.1"), RT_TABLE_LOCAL);	/* local still first */
	/* -6 rules are another family */
	c.frh.family = AF_INET6;
	ck_assert_int_eq(fib_nl_newrule(net, &c, &err), -EAFNOSUPPORT);
}
END_TEST

START_TEST(test_iif_follows_devices)
{
	struct fib_rule_config c = rule_cfg(100, TB);
	struct flowi4 fl4 = { .daddr = tl_addr(DST) };
	struct fib_rule *r;

	g_strlcpy(c.iifname, "eth0", IFNAMSIZ);
	add_ok(&c);
	r = list_entry(net->ipv4.rules_ops->rules_list.next->next, struct fib_rule, list);
	ck_assert_int_eq(r->iifindex, tl_dev(t.r1, "eth0")->ifindex);
	fl4.flowi4_iif = tl_dev(t.r1, "eth0")->ifindex;
	ck_assert_int_eq(lookup(&fl4), TB);
	tl_sh_ok(t.r1, "ip rule add iif eth7 table 10 pref 101");
	r = list_entry(r->list.next, struct fib_rule, list);
	ck_assert_int_eq(r->iifindex, -1);
	ck_assert(fib_rule_dump_flags(r) & FIB_RULE_IIF_DETACHED);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fib_rules");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_default_rules_and_order);
	tcase_add_loop_test(tc, test_selectors, 0, (int)G_N_ELEMENTS(selector_cases));
	tcase_add_test(tc, test_goto);
	tcase_add_loop_test(tc, test_actions, 0, (int)G_N_ELEMENTS(action_cases));
	tcase_add_test(tc, test_error_routes_through_rules);
	tcase_add_test(tc, test_suppress_prefixlength);
	tcase_add_test(tc, test_configure_errors_and_delete);
	tcase_add_test(tc, test_iif_follows_devices);
	suite_add_tcase(s, tc);
	return tl_run_suite(s);
}
