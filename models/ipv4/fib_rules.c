/*
 * models/ipv4/fib_rules.c - policy routing: the rules ip rule manages
 *
 * Mirrors net/core/fib_rules.c (the generic part: the rule list sorted by
 * preference, fib_rules_lookup(), goto targets, RTM_NEWRULE/RTM_DELRULE,
 * the device events that attach and detach iif/oif names) and
 * net/ipv4/fib_rules.c (fib4_rule_match/action/suppress/configure/
 * compare, __fib_lookup, the default rules 0 local, 32766 main, 32767
 * default).  One file: the generic part has one family here.
 *
 * Differences: no uid range, ip_proto, port ranges, tun_id, l3mdev,
 * realms (FRA_FLOW) or nat; no notifications, no RCU or rule reference
 * counts; the route cache needs no flush (route.c caches routes per
 * nexthop and every lookup goes through fib_lookup()).  Output lookups
 * carry flowi4_iif LOOPBACK_IFINDEX (ip_route_output_key), so `iif lo`
 * selects locally made traffic; a direct fib_lookup() with iif 0 (tests,
 * ip route get without iif) is treated the same way.  A namespace reads
 * one const set of the three default rules until its rules first change
 * (fib4_rules_unshare): they cost a node nothing until then.
 */
#include "net/fib_rules.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "linux/inetdevice.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"

#define IPTOS_TOS_MASK_RULE	0x1E	/* IPTOS_TOS_MASK */
#define INET_DSCP_LEGACY_TOS_MASK 0x1C	/* the TOS bits a tos rule compares */
#define INET_ECN_MASK_RULE	0x03

static inline struct fib4_rule *to_fib4(struct fib_rule *r)
{
	return (struct fib4_rule *)r;
}

/* ---- net/ipv4/fib_rules.c: the IPv4 operations ---------------------------- */

/* fib4_rule_match: addresses under the masks, the TOS bits, nothing else */
static int fib4_rule_match(struct fib_rule *rule, const struct flowi4 *fl4)
{
	struct fib4_rule *r = to_fib4(rule);

	if (((fl4->saddr ^ r->src) & r->srcmask) || ((fl4->daddr ^ r->dst) & r->dstmask))
		return 0;
	/* fib_dscp_masked_match(): a tos selector compares the legacy TOS bits only */
	if (r->dscp && r->dscp != (fl4->flowi4_tos & INET_DSCP_LEGACY_TOS_MASK))
		return 0;
	return 1;
}

/* fib4_rule_action: an error action's errno, else the rule's table */
static int fib4_rule_action(struct fib_rule *rule, const struct flowi4 *flp, int flags,
			    struct fib_lookup_arg *arg)
{
	struct fib_table *tbl;

	(void)flags;
	switch (rule->action) {
	case FR_ACT_TO_TBL:
		break;
	case FR_ACT_UNREACHABLE:
		return -ENETUNREACH;
	case FR_ACT_PROHIBIT:
		return -EACCES;
	case FR_ACT_BLACKHOLE:
	default:
		return -EINVAL;
	}
	tbl = fib_get_table(arg->net, rule->table);
	if (!tbl)
		return -EAGAIN;		/* no such table (yet): the next rule */
	return fib_table_lookup(tbl, flp, arg->result, arg->flags);
}

/* fib4_rule_suppress: the answer is too general (suppress_prefixlength) or leaves by a group */
static bool fib4_rule_suppress(struct fib_rule *rule, int flags, struct fib_lookup_arg *arg)
{
	struct fib_result *result = arg->result;
	struct net_device *dev = NULL;

	(void)flags;
	if (result->fi && result->fi->fib_nhs)
		dev = result->fi->fib_nh[0].nh_dev;
	if ((int)result->prefixlen <= rule->suppress_prefixlen)
		return true;
	/* every device is in group 0 ("default") here */
	if (rule->suppress_ifgroup != -1 && dev && rule->suppress_ifgroup == 0)
		return true;
	return false;
}

/*
 * fib4_rule_configure: the IPv4 half of a new rule.  A to-table rule
 * without a table gets the first unused id (fib_empty_table).
 */
static int fib4_rule_configure(struct fib_rule *rule, const struct fib_rule_config *cfg,
			       struct sim_err *err)
{
	struct net *net = rule->fr_net;
	struct fib4_rule *rule4 = to_fib4(rule);
	u8 tos = cfg->frh.tos;

	if (tos & INET_ECN_MASK_RULE)
		return sim_err_set(err, "Error: Invalid dsfield (tos): ECN bits must be 0."),
		       -EINVAL;
	/* IPv4 does not handle the high order DSCP bits */
	if (tos & ~IPTOS_TOS_MASK_RULE)
		return sim_err_set(err, "Error: Invalid tos."), -EINVAL;
	if (rule->table == RT_TABLE_UNSPEC && rule->action == FR_ACT_TO_TBL) {
		struct fib_table *table = fib_empty_table(net);

		if (!table)
			return sim_err_set(err, "RTNETLINK answers: No buffer space available"),
			       -ENOBUFS;
		rule->table = fib_table_id(table);
	}
	if (cfg->frh.src_len)
		rule4->src = cfg->src;
	if (cfg->frh.dst_len)
		rule4->dst = cfg->dst;
	rule4->src_len = cfg->frh.src_len;
	rule4->srcmask = inet_make_mask(rule4->src_len);
	rule4->dst_len = cfg->frh.dst_len;
	rule4->dstmask = inet_make_mask(rule4->dst_len);
	rule4->dscp = tos;
	net->ipv4.fib_has_custom_rules = true;
	return 0;
}

/* fib4_rule_delete: lookups keep going through the rules */
static void fib4_rule_delete(struct fib_rule *rule)
{
	rule->fr_net->ipv4.fib_has_custom_rules = true;
}

/* fib4_rule_compare: the IPv4 fields the request sets */
static int fib4_rule_compare(struct fib_rule *rule, const struct fib_rule_config *cfg)
{
	struct fib4_rule *rule4 = to_fib4(rule);
	const struct fib_rule_hdr *frh = &cfg->frh;

	if (frh->src_len && rule4->src_len != frh->src_len)
		return 0;
	if (frh->dst_len && rule4->dst_len != frh->dst_len)
		return 0;
	if (frh->tos && rule4->dscp != frh->tos)
		return 0;
	if (frh->src_len && rule4->src != cfg->src)
		return 0;
	if (frh->dst_len && rule4->dst != cfg->dst)
		return 0;
	return 1;
}

/* ---- net/core/fib_rules.c: the rule list ---------------------------------- */

/* fib_rule_match: the generic selectors, then the family's; "not" inverts */
static int fib_rule_match(struct fib_rule *rule, const struct flowi4 *fl, int flags)
{
	int iif = fl->flowi4_iif ? fl->flowi4_iif : LOOPBACK_IFINDEX;	/* 0: see the header */
	int ret = 0;

	(void)flags;
	if (rule->iifindex && rule->iifindex != iif)
		goto out;
	if (rule->oifindex && rule->oifindex != fl->flowi4_oif)
		goto out;
	if ((rule->mark ^ fl->flowi4_mark) & rule->mark_mask)
		goto out;
	ret = fib4_rule_match(rule, fl);
out:
	return (rule->flags & FIB_RULE_INVERT) ? !ret : ret;
}

int fib_rules_lookup(struct fib_rules_ops *ops, const struct flowi4 *fl, int flags,
		     struct fib_lookup_arg *arg)
{
	struct fib_rule *rule;
	int err;

	list_for_each_entry(rule, &ops->rules_list, list) {
jumped:
		if (!fib_rule_match(rule, fl, flags))
			continue;
		if (rule->action == FR_ACT_GOTO) {
			struct fib_rule *target = rule->ctarget;

			if (!target)
				continue;	/* unresolved: as if it were not there */
			rule = target;
			goto jumped;
		} else if (rule->action == FR_ACT_NOP) {
			continue;
		}
		err = fib4_rule_action(rule, fl, flags, arg);
		if (!err && fib4_rule_suppress(rule, flags, arg))
			continue;
		if (err != -EAGAIN) {
			arg->rule = rule;
			return err;
		}
	}
	return -ESRCH;
}

int __fib_lookup(struct net *net, const struct flowi4 *flp, struct fib_result *res,
		 unsigned int flags)
{
	struct fib_lookup_arg arg = { .result = res, .flags = (int)flags | FIB_LOOKUP_NOREF,
				      .net = net };
	int err;

	res->tclassid = 0;
	err = fib_rules_lookup(net->ipv4.rules_ops, flp, 0, &arg);
	if (err == -ESRCH)
		err = -ENETUNREACH;
	return err;
}

static struct fib_rule *fib_rule_alloc(struct net *net)
{
	struct fib_rule *r = g_malloc0(sizeof(struct fib4_rule));

	r->fr_net = net;
	r->suppress_ifgroup = -1;
	r->suppress_prefixlen = -1;
	return r;
}

/* fib_default_rule_pref: one less than the second rule's, 0 if that is 0 or missing */
static u32 fib_default_rule_pref(struct fib_rules_ops *ops)
{
	struct list_head *pos = ops->rules_list.next;

	if (pos != &ops->rules_list && pos->next != &ops->rules_list) {
		struct fib_rule *rule = list_entry(pos->next, struct fib_rule, list);

		if (rule->pref)
			return rule->pref - 1;
	}
	return 0;
}

/* fib_nl2rule: the request as a rule; @user_priority: a preference was sent */
static int fib_nl2rule(struct net *net, const struct fib_rule_config *cfg,
		       struct fib_rules_ops *ops, struct fib_rule **rulep, bool *user_priority,
		       struct sim_err *err)
{
	const struct fib_rule_hdr *frh = &cfg->frh;
	struct fib_rule *nlrule;
	struct net_device *dev;

	if (frh->src_len && (!cfg->has_src || frh->src_len > 32))
		return sim_err_set(err, "Error: Invalid source address."), -EINVAL;
	if (frh->dst_len && (!cfg->has_dst || frh->dst_len > 32))
		return sim_err_set(err, "Error: Invalid dst address."), -EINVAL;
	nlrule = fib_rule_alloc(net);
	if (cfg->has_priority) {
		nlrule->pref = cfg->priority;
		*user_priority = true;
	} else {
		nlrule->pref = fib_default_rule_pref(ops);
		*user_priority = false;
	}
	nlrule->proto = cfg->has_protocol ? cfg->protocol : RTPROT_UNSPEC;
	if (cfg->iifname[0]) {
		nlrule->iifindex = -1;
		g_strlcpy(nlrule->iifname, cfg->iifname, IFNAMSIZ);
		dev = __dev_get_by_name(net, nlrule->iifname);
		if (dev)
			nlrule->iifindex = dev->ifindex;
	}
	if (cfg->oifname[0]) {
		nlrule->oifindex = -1;
		g_strlcpy(nlrule->oifname, cfg->oifname, IFNAMSIZ);
		dev = __dev_get_by_name(net, nlrule->oifname);
		if (dev)
			nlrule->oifindex = dev->ifindex;
	}
	if (cfg->has_fwmark) {
		nlrule->mark = cfg->fwmark;
		if (nlrule->mark)
			nlrule->mark_mask = 0xFFFFFFFF;	/* no mask: every bit */
	}
	if (cfg->has_fwmask)
		nlrule->mark_mask = cfg->fwmask;
	nlrule->action = frh->action;
	nlrule->flags = frh->flags;
	nlrule->table = cfg->has_table ? cfg->table : frh->table;	/* frh_get_table */
	if (cfg->has_suppress_prefixlen)
		nlrule->suppress_prefixlen = (int)cfg->suppress_prefixlen;
	if (cfg->has_suppress_ifgroup)
		nlrule->suppress_ifgroup = (int)cfg->suppress_ifgroup;
	if (cfg->has_goto) {
		if (nlrule->action != FR_ACT_GOTO) {
			sim_err_set(err, "Error: Unexpected goto.");
			goto errout_free;
		}
		nlrule->target = cfg->goto_target;
		/* Backward jumps are prohibited to avoid endless loops */
		if (nlrule->target <= nlrule->pref) {
			sim_err_set(err, "Error: Backward goto not supported.");
			goto errout_free;
		}
	} else if (nlrule->action == FR_ACT_GOTO) {
		sim_err_set(err, "Error: Missing goto target for action goto.");
		goto errout_free;
	}
	*rulep = nlrule;
	return 0;

errout_free:
	g_free(nlrule);
	return -EINVAL;
}

/* rule_exists: an equal rule (every field) for NLM_F_EXCL */
static bool rule_exists(struct fib_rules_ops *ops, const struct fib_rule_config *cfg,
			struct fib_rule *rule)
{
	struct fib_rule *r;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->action != rule->action || r->table != rule->table || r->pref != rule->pref)
			continue;
		if (memcmp(r->iifname, rule->iifname, IFNAMSIZ) ||
		    memcmp(r->oifname, rule->oifname, IFNAMSIZ))
			continue;
		if (r->mark != rule->mark || r->mark_mask != rule->mark_mask)
			continue;
		if (r->suppress_ifgroup != rule->suppress_ifgroup ||
		    r->suppress_prefixlen != rule->suppress_prefixlen)
			continue;
		if (!fib4_rule_compare(r, cfg))
			continue;
		return true;
	}
	return false;
}

/* rule_find: the first rule matching the fields the delete request sets */
static struct fib_rule *rule_find(struct fib_rules_ops *ops, const struct fib_rule_config *cfg,
				  struct fib_rule *rule, bool user_priority)
{
	struct fib_rule *r;

	list_for_each_entry(r, &ops->rules_list, list) {
		if (rule->action && r->action != rule->action)
			continue;
		if (rule->table && r->table != rule->table)
			continue;
		if (user_priority && r->pref != rule->pref)
			continue;
		if (rule->iifname[0] && memcmp(r->iifname, rule->iifname, IFNAMSIZ))
			continue;
		if (rule->oifname[0] && memcmp(r->oifname, rule->oifname, IFNAMSIZ))
			continue;
		if (rule->mark && r->mark != rule->mark)
			continue;
		if (rule->suppress_ifgroup != -1 && r->suppress_ifgroup != rule->suppress_ifgroup)
			continue;
		if (rule->suppress_prefixlen != -1 &&
		    r->suppress_prefixlen != rule->suppress_prefixlen)
			continue;
		if (rule->mark_mask && r->mark_mask != rule->mark_mask)
			continue;
		if (rule->proto && r->proto != rule->proto)
			continue;
		if (!fib4_rule_compare(r, cfg))
			continue;
		return r;
	}
	return NULL;
}

int fib_nl_newrule(struct net *net, const struct fib_rule_config *cfg, struct sim_err *err)
{
	struct fib_rules_ops *ops;
	struct fib_rule *rule = NULL, *r, *last = NULL;
	bool user_priority;
	int unresolved = 0;
	int e;

	if (cfg->frh.family != AF_INET)
		return sim_err_set(err, "RTNETLINK answers: Address family not supported by protocol"),
		       -EAFNOSUPPORT;
	ops = fib4_rules_unshare(net);
	e = fib_nl2rule(net, cfg, ops, &rule, &user_priority, err);
	if (e)
		return e;
	if ((cfg->nlflags & NLM_F_EXCL) && rule_exists(ops, cfg, rule)) {
		e = -EEXIST;
		sim_err_set(err, "RTNETLINK answers: File exists");
		goto errout_free;
	}
	e = fib4_rule_configure(rule, cfg, err);
	if (e)
		goto errout_free;
	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->pref == rule->target) {
			rule->ctarget = r;
			break;
		}
	}
	if (rule->action == FR_ACT_GOTO && !rule->ctarget)
		unresolved = 1;
	list_for_each_entry(r, &ops->rules_list, list) {
		if (r->pref > rule->pref)
			break;
		last = r;
	}
	if (last)
		list_add(&rule->list, &last->list);
	else
		list_add(&rule->list, &ops->rules_list);
	if (ops->unresolved_rules) {
		/* unresolved goto rules pointing at this preference now resolve */
		list_for_each_entry(r, &ops->rules_list, list) {
			if (r->action == FR_ACT_GOTO && r->target == rule->pref && !r->ctarget) {
				r->ctarget = rule;
				if (--ops->unresolved_rules == 0)
					break;
			}
		}
	}
	if (rule->action == FR_ACT_GOTO)
		ops->nr_goto_rules++;
	if (unresolved)
		ops->unresolved_rules++;
	return 0;

errout_free:
	g_free(rule);
	return e;
}

int fib_nl_delrule(struct net *net, const struct fib_rule_config *cfg, struct sim_err *err)
{
	struct fib_rules_ops *ops;
	struct fib_rule *nlrule = NULL, *rule, *r;
	bool user_priority;
	int e;

	if (cfg->frh.family != AF_INET)
		return sim_err_set(err, "RTNETLINK answers: Address family not supported by protocol"),
		       -EAFNOSUPPORT;
	ops = fib4_rules_unshare(net);
	e = fib_nl2rule(net, cfg, ops, &nlrule, &user_priority, err);
	if (e)
		return e;
	rule = rule_find(ops, cfg, nlrule, user_priority);
	g_free(nlrule);
	if (!rule)
		return sim_err_set(err, "RTNETLINK answers: No such file or directory"), -ENOENT;
	if (rule->flags & FIB_RULE_PERMANENT)
		return sim_err_set(err, "RTNETLINK answers: Operation not permitted"), -EPERM;
	fib4_rule_delete(rule);
	if (rule->action == FR_ACT_GOTO) {
		ops->nr_goto_rules--;
		if (!rule->ctarget)
			ops->unresolved_rules--;
	}
	/*
	 * goto rules aiming at this one move on to the next rule of the same
	 * preference, or become unresolved.
	 */
	if (ops->nr_goto_rules > 0) {
		struct fib_rule *n = NULL;

		if (rule->list.next != &ops->rules_list) {
			n = list_entry(rule->list.next, struct fib_rule, list);
			if (n->pref != rule->pref)
				n = NULL;
		}
		list_for_each_entry(r, &ops->rules_list, list) {
			if (r->ctarget != rule)
				continue;
			r->ctarget = n;
			if (!n)
				ops->unresolved_rules++;
		}
	}
	list_del(&rule->list);
	g_free(rule);
	return 0;
}

u32 fib_rule_dump_flags(const struct fib_rule *rule)
{
	u32 flags = rule->flags;

	if (rule->action == FR_ACT_GOTO && !rule->ctarget)
		flags |= FIB_RULE_UNRESOLVED;
	if (rule->iifname[0] && rule->iifindex == -1)
		flags |= FIB_RULE_IIF_DETACHED;
	if (rule->oifname[0] && rule->oifindex == -1)
		flags |= FIB_RULE_OIF_DETACHED;
	return flags;
}

/* ---- fib_rules_event: device names come and go ---------------------------- */

static void attach_rules(struct fib_rules_ops *ops, struct net_device *dev)
{
	struct fib_rule *rule;

	list_for_each_entry(rule, &ops->rules_list, list) {
		if (rule->iifindex == -1 && strcmp(dev->name, rule->iifname) == 0)
			rule->iifindex = dev->ifindex;
		if (rule->oifindex == -1 && strcmp(dev->name, rule->oifname) == 0)
			rule->oifindex = dev->ifindex;
	}
}

static void detach_rules(struct fib_rules_ops *ops, struct net_device *dev)
{
	struct fib_rule *rule;

	list_for_each_entry(rule, &ops->rules_list, list) {
		if (rule->iifindex == dev->ifindex)
			rule->iifindex = -1;
		if (rule->oifindex == dev->ifindex)
			rule->oifindex = -1;
	}
}

static int fib_rules_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;
	struct fib_rules_ops *ops = dev_net(dev)->ipv4.rules_ops;

	(void)nb;
	if (!ops)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_REGISTER:
		attach_rules(ops, dev);
		break;
	case NETDEV_CHANGENAME:
		detach_rules(ops, dev);
		attach_rules(ops, dev);
		break;
	case NETDEV_UNREGISTER:
		detach_rules(ops, dev);
		break;
	default:
		break;
	}
	return NOTIFY_DONE;
}

/* ---- per namespace -------------------------------------------------------- */

/*
 * The default rules (fib_default_rules_init: 0 local, 32766 main, 32767
 * default), one const set shared by every namespace until its rules are
 * first changed: a node that never runs `ip rule add/del` - nearly all of
 * them - needs no rule memory of its own.  `ip rule show` and
 * __fib_lookup() read the shared list as they would a private one (the
 * rules carry no fr_net; fib4_rule_action takes the namespace from its
 * fib_lookup_arg); fib4_rules_unshare() copies it before any change.
 * The list pointers of a const set are fixed at compile time.
 */
static const struct fib_rules_ops fib4_default_rules_ops;
static const struct fib4_rule fib4_default_rules[3];

#define FIB4_DEFAULT_RULE(i, next_, prev_, pref_, table_)				\
	[i] = { .common = {								\
		.list = { .next = (struct list_head *)(next_),				\
			  .prev = (struct list_head *)(prev_) },			\
		.pref = (pref_), .table = (table_), .action = FR_ACT_TO_TBL,		\
		.proto = RTPROT_KERNEL, .suppress_ifgroup = -1,				\
		.suppress_prefixlen = -1 } }

static const struct fib4_rule fib4_default_rules[3] = {
	FIB4_DEFAULT_RULE(0, &fib4_default_rules[1].common.list,
			  &fib4_default_rules_ops.rules_list, 0, RT_TABLE_LOCAL),
	FIB4_DEFAULT_RULE(1, &fib4_default_rules[2].common.list,
			  &fib4_default_rules[0].common.list, 0x7FFE, RT_TABLE_MAIN),
	FIB4_DEFAULT_RULE(2, &fib4_default_rules_ops.rules_list,
			  &fib4_default_rules[1].common.list, 0x7FFF, RT_TABLE_DEFAULT),
};

static const struct fib_rules_ops fib4_default_rules_ops = {
	.rules_list = { .next = (struct list_head *)&fib4_default_rules[0].common.list,
			.prev = (struct list_head *)&fib4_default_rules[2].common.list },
};

static bool fib4_rules_shared(const struct fib_rules_ops *ops)
{
	return ops == &fib4_default_rules_ops;
}

/*
 * fib4_rules_unshare - the namespace's own rules, copied from the shared
 * defaults on the first change; the device notifier (iif/oif names) is
 * registered then, as only rules added from now on can name a device.
 */
struct fib_rules_ops *fib4_rules_unshare(struct net *net)
{
	struct fib_rules_ops *ops = net->ipv4.rules_ops;
	const struct fib_rule *d;

	if (!fib4_rules_shared(ops))
		return ops;
	ops = g_new0(struct fib_rules_ops, 1);
	INIT_LIST_HEAD(&ops->rules_list);
	ops->fro_net = net;
	/* fib_default_rule_add() for each: the const set is the one spelling */
	list_for_each_entry(d, &fib4_default_rules_ops.rules_list, list) {
		struct fib_rule *r = g_memdup2(d, sizeof(struct fib4_rule));

		r->fr_net = net;
		list_add_tail(&r->list, &ops->rules_list);
	}
	ops->nb = g_new0(struct notifier_block, 1);
	ops->nb->notifier_call = fib_rules_event;
	register_netdevice_notifier_net(net, ops->nb);
	net->ipv4.rules_ops = ops;
	return ops;
}

/* fib4_rules_init: the default rules, as fib_default_rules_init() adds them (shared, above) */
int fib4_rules_init(struct net *net, struct sim_err *err)
{
	(void)err;
	net->ipv4.rules_ops = (struct fib_rules_ops *)&fib4_default_rules_ops;
	net->ipv4.fib_has_custom_rules = false;
	return 0;
}

void fib4_rules_exit(struct net *net)
{
	struct fib_rules_ops *ops = net->ipv4.rules_ops;
	struct fib_rule *rule, *tmp;

	net->ipv4.rules_ops = NULL;
	if (!ops || fib4_rules_shared(ops))
		return;
	unregister_netdevice_notifier_net(net, ops->nb);
	g_free(ops->nb);
	list_for_each_entry_safe(rule, tmp, &ops->rules_list, list) {
		list_del(&rule->list);
		g_free(rule);
	}
	g_free(ops);
}
