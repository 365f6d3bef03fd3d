/*
 * models/include/net/fib_rules.h - the routing policy database (ip rule)
 *
 * Mirrors include/net/fib_rules.h and include/uapi/linux/fib_rules.h: a
 * namespace's rules (struct fib_rule, the IPv4 part in struct fib4_rule)
 * sorted by preference in its fib_rules_ops; fib_rules_lookup() walks
 * them for __fib_lookup().  The RTM_NEWRULE/RTM_DELRULE request is a
 * struct fib_rule_config (the fib_rule_hdr and the FRA_* attributes that
 * were sent) instead of a netlink message.
 */
#ifndef _SKBSIM_NET_FIB_RULES_H
#define _SKBSIM_NET_FIB_RULES_H

#include "linux/list.h"
#include "linux/netdevice.h"
#include "linux/types.h"
#include "sim/err.h"

struct net;
struct flowi4;
struct fib_result;

/* rule actions (enum FR_ACT_*) */
enum {
	FR_ACT_UNSPEC,
	FR_ACT_TO_TBL,		/* pass to fixed table */
	FR_ACT_GOTO,		/* jump to another rule */
	FR_ACT_NOP,		/* no operation */
	FR_ACT_RES3,
	FR_ACT_RES4,
	FR_ACT_BLACKHOLE,	/* drop without notification */
	FR_ACT_UNREACHABLE,	/* drop with ENETUNREACH */
	FR_ACT_PROHIBIT,	/* drop with EACCES */
	__FR_ACT_MAX,
};

/* fib_rule_hdr.flags */
#define FIB_RULE_PERMANENT	0x00000001
#define FIB_RULE_INVERT		0x00000002
#define FIB_RULE_UNRESOLVED	0x00000004
#define FIB_RULE_IIF_DETACHED	0x00000008
#define FIB_RULE_OIF_DETACHED	0x00000010

struct fib_rule {
	struct list_head list;		/* in ops->rules_list, by pref */
	int iifindex;			/* 0: any; -1: iifname names no device */
	int oifindex;
	u32 mark;
	u32 mark_mask;
	u32 flags;			/* FIB_RULE_PERMANENT, FIB_RULE_INVERT */
	u32 table;
	u8 action;
	u8 proto;			/* RTPROT_*: who added it */
	u32 target;			/* goto: the preference jumped to */
	struct fib_rule *ctarget;	/* goto: the first rule of that preference */
	struct net *fr_net;		/* NULL in the shared default rules */
	u32 pref;
	int suppress_ifgroup;		/* -1: none */
	int suppress_prefixlen;		/* -1: none */
	char iifname[IFNAMSIZ];
	char oifname[IFNAMSIZ];
};

/* net/ipv4/fib_rules.c: the IPv4 selectors */
struct fib4_rule {
	struct fib_rule common;
	u8 dst_len;
	u8 src_len;
	u8 dscp;			/* the dsfield with the ECN bits clear */
	__be32 src, srcmask;
	__be32 dst, dstmask;
};

struct fib_rules_ops {
	struct list_head rules_list;
	int nr_goto_rules;
	int unresolved_rules;
	struct net *fro_net;
	struct notifier_block *nb;	/* fib_rules_event: iif/oif names */
};

struct fib_lookup_arg {
	void *result;			/* struct fib_result */
	struct fib_rule *rule;		/* the rule that answered */
	u32 table;
	int flags;
	struct net *net;		/* the kernel's rule->fr_net: shared rules have none */
};

/* struct fib_rule_hdr: the fixed part of RTM_NEWRULE/RTM_DELRULE */
struct fib_rule_hdr {
	u8 family;
	u8 dst_len;
	u8 src_len;
	u8 tos;
	u8 table;
	u8 action;
	u32 flags;
};

/* the request: the header and the FRA_* attributes sent (has_*: present) */
struct fib_rule_config {
	struct fib_rule_hdr frh;
	u32 nlflags;			/* NLM_F_CREATE|NLM_F_EXCL for ip rule add */
	bool has_src, has_dst;
	__be32 src, dst;		/* FRA_SRC, FRA_DST */
	bool has_priority;
	u32 priority;			/* FRA_PRIORITY */
	bool has_fwmark, has_fwmask;
	u32 fwmark, fwmask;		/* FRA_FWMARK, FRA_FWMASK */
	bool has_table;
	u32 table;			/* FRA_TABLE: ids of 256 and more */
	bool has_goto;
	u32 goto_target;		/* FRA_GOTO */
	bool has_suppress_prefixlen;
	u32 suppress_prefixlen;		/* FRA_SUPPRESS_PREFIXLEN */
	bool has_suppress_ifgroup;
	u32 suppress_ifgroup;		/* FRA_SUPPRESS_IFGROUP */
	bool has_protocol;
	u8 protocol;			/* FRA_PROTOCOL */
	char iifname[IFNAMSIZ];		/* FRA_IIFNAME, "" absent */
	char oifname[IFNAMSIZ];		/* FRA_OIFNAME */
};

/* fib_frontend.c: the first table id from 1 up that has no table yet, now made; NULL if none */
struct fib_table *fib_empty_table(struct net *net);

/* models/ipv4/fib_rules.c */
int fib4_rules_init(struct net *net, struct sim_err *err);
void fib4_rules_exit(struct net *net);
/*
 * The namespace's own rules to change: until the first change every
 * namespace reads one shared const set of the default rules.
 */
struct fib_rules_ops *fib4_rules_unshare(struct net *net);
/*
 * fib_rules_lookup - the first matching rule whose action answers: 0 with
 * @arg->result filled and @arg->rule set, or its error (blackhole -EINVAL,
 * unreachable -ENETUNREACH, prohibit -EACCES, an error route's errno);
 * -ESRCH when every rule missed or was suppressed.
 */
int fib_rules_lookup(struct fib_rules_ops *ops, const struct flowi4 *fl, int flags,
		     struct fib_lookup_arg *arg);
/* net/ipv4/fib_rules.c __fib_lookup: fib_lookup() once rules were changed */
int __fib_lookup(struct net *net, const struct flowi4 *flp, struct fib_result *res,
		 unsigned int flags);
/*
 * RTM_NEWRULE / RTM_DELRULE: 0 or the kernel's errno with iproute2's
 * message in @err ("RTNETLINK answers: File exists", "Error: Backward
 * goto not supported."...).
 */
int fib_nl_newrule(struct net *net, const struct fib_rule_config *cfg, struct sim_err *err);
int fib_nl_delrule(struct net *net, const struct fib_rule_config *cfg, struct sim_err *err);
/* The flags a dump reports for @rule: its own plus UNRESOLVED, *_DETACHED. */
u32 fib_rule_dump_flags(const struct fib_rule *rule);

#endif
