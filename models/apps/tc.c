/*
 * models/apps/tc.c - the tc command (iproute2 6.1): qdiscs
 *
 * User space: mirrors tc/tc.c (options, objects), tc/tc_qdisc.c
 * (tc_qdisc_modify(), tc_qdisc_list(), print_qdisc()) and the statistics
 * lines of tc/tc_util.c, with their messages and exit statuses.
 *
 * The kernel side of RTM_NEWQDISC / RTM_DELQDISC (net/sched/sch_api.c:
 * tc_modify_qdisc() and tc_get_qdisc() of Linux 6.1, with their extack
 * messages) sits here in the tc_* "kernel" functions until the models have
 * an rtnetlink layer: they decide between change, create-and-graft and
 * errors exactly as 6.1 does, then graft through qdisc_graft_root().
 * The dump follows tc_dump_qdisc(): devices in order, the root first, then
 * an mq's children in the order of the device's qdisc hash (the last queue
 * first, as Linux prints them).
 *
 * Differences: only root qdiscs of the kinds the models have (pfifo_fast,
 * noqueue, mq) can be made; classes, filters, actions, ingress/clsact and
 * grafting below mq answer that skbsim does not model them.  Handles are
 * allocated from 8001: upwards per node, above the highest one the node
 * uses (Linux keeps one counter that never goes back).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"

#define TC_H_MAJ_MASK	0xFFFF0000U
#define TC_H_MIN_MASK	0x0000FFFFU
#define TC_H_MAJ(h)	((h) & TC_H_MAJ_MASK)
#define TC_H_MIN(h)	((h) & TC_H_MIN_MASK)
#define TC_H_MAKE(maj, min) (((maj) & TC_H_MAJ_MASK) | ((min) & TC_H_MIN_MASK))
#define TC_H_UNSPEC	0U
#define TC_H_INGRESS	0xFFFFFFF1U
#define TC_H_CLSACT	TC_H_INGRESS

enum qdisc_cmd { RTM_NEWQDISC, RTM_DELQDISC };

static int tc_unsupported(struct iproute *r, const char *what)
{
	sim_sh_eprintf(r->sh, "tc: %s is not supported by skbsim yet\n", what);
	r->status = 255;
	return -1;
}

static void tc_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"\ttc [-force] -batch filename\n"
		"where  OBJECT := { qdisc | class | filter | chain |\n"
		"\t\t    action | monitor | exec }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |\n"
		"\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]\n"
		"\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |\n"
		"\t\t     -nm | -nam[es] | { -cf | -conf } path\n"
		"\t\t     -br[ief] }\n");
}

static void tc_qdisc_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: tc qdisc [ add | del | replace | change | show ] dev STRING\n"
		"       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]\n"
		"       [ estimator INTERVAL TIME_CONSTANT ]\n"
		"       [ stab [ help | STAB_OPTIONS] ]\n"
		"       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]\n"
		"       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
		"\n"
		"       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]\n"
		"Where:\n"
		"QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }\n"
		"OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help\n"
		"STAB_OPTIONS := ... try tc qdisc add stab help\n"
		"QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }\n");
}

/* ---- tc_util.c: handles --------------------------------------------------- */

static int get_qdisc_handle(u32 *h, const char *str)
{
	unsigned long maj = TC_H_UNSPEC;
	char *p;

	if (strcmp(str, "none") != 0) {
		maj = strtoul(str, &p, 16);
		if (p == str || maj >= (1 << 16))
			return -1;
		maj <<= 16;
		if (*p != ':' && *p != 0)
			return -1;
	}
	*h = (u32)maj;
	return 0;
}

static int get_tc_classid(u32 *h, const char *str)
{
	unsigned long maj, min;
	char *p;

	if (strcmp(str, "root") == 0) {
		*h = TC_H_ROOT;
		return 0;
	}
	if (strcmp(str, "none") == 0) {
		*h = TC_H_UNSPEC;
		return 0;
	}
	maj = strtoul(str, &p, 16);
	if (p == str) {
		maj = 0;
		if (*p != ':')
			return -1;
	}
	if (*p == ':') {
		if (maj >= (1 << 16))
			return -1;
		maj <<= 16;
		str = p + 1;
		min = strtoul(str, &p, 16);
		if (*p != 0)
			return -1;
		if (min >= (1 << 16))
			return -1;
		maj |= min;
	} else if (*p != 0) {
		return -1;
	}
	*h = (u32)maj;
	return 0;
}

/* print_tc_classid() */
static void print_tc_classid(GString *out, u32 h)
{
	if (h == TC_H_ROOT)
		g_string_append(out, "root");
	else if (h == TC_H_UNSPEC)
		g_string_append(out, "none");
	else if (TC_H_MAJ(h) == 0)
		g_string_append_printf(out, ":%x", TC_H_MIN(h));
	else if (TC_H_MIN(h) == 0)
		g_string_append_printf(out, "%x:", TC_H_MAJ(h) >> 16);
	else
		g_string_append_printf(out, "%x:%x", TC_H_MAJ(h) >> 16, TC_H_MIN(h));
}

/*
 * sprint_size(): "1514b", "3Kb", "2Mb" when within rounding of a multiple;
 * the count is a whole number, printed as iproute2's %g prints it.
 */
static void print_size(GString *out, u32 sz)
{
	const u64 kilo = 1024, mega = 1024 * 1024;
	u64 m = (sz + mega / 2) / mega, k = (sz + kilo / 2) / kilo;

	if (sz >= mega && (m * mega > sz ? m * mega - sz : sz - m * mega) < 1024)
		g_string_append_printf(out, "%gMb", (double)m);
	else if (sz >= kilo && (k * kilo > sz ? k * kilo - sz : sz - k * kilo) < 16)
		g_string_append_printf(out, "%gKb", (double)k);
	else
		g_string_append_printf(out, "%ub", sz);
}

/* ---- the kernel side: sch_api.c --------------------------------------------- */

/* The root of @dev: NULL stands for the builtin noop_qdisc (handle 0). */
static struct Qdisc *dev_root(const struct net_device *dev)
{
	return dev->qdisc;
}

/* qdisc_lookup(): a qdisc of @dev by (nonzero) handle; only roots have one here */
static struct Qdisc *qdisc_lookup(const struct net_device *dev, u32 handle)
{
	struct Qdisc *root = dev_root(dev);

	if (!handle || !root)
		return NULL;
	return root->handle == handle ? root : NULL;
}

/*
 * qdisc_alloc_handle(): the next free automatic handle (8001:, 8002:...).
 * Linux keeps one counter; with no state of its own this takes the next
 * one above every automatic handle the node uses.
 */
static u32 tc_alloc_handle(struct net *net)
{
	u32 next = TC_H_MAKE(0x80000000U, 0);
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		if (dev->qdisc && TC_H_MAJ(dev->qdisc->handle) >= next &&
		    TC_H_MAJ(dev->qdisc->handle) < TC_H_MAJ(TC_H_ROOT))
			next = TC_H_MAJ(dev->qdisc->handle);
	return next + TC_H_MAKE(0x10000U, 0);
}

/* The kinds a root can be made of: what sch_api.c registers (noop is not). */
static const struct Qdisc_ops *tc_lookup_ops(const char *kind)
{
	if (!kind || strcmp(kind, "noop") == 0)
		return NULL;
	return qdisc_lookup_ops(kind);
}

struct qdisc_req {
	u32 handle, parent;
	const char *kind;		/* TCA_KIND, or NULL */
};

/* qdisc_create() and qdisc_graft() for the root */
static int tc_create_n_graft(struct net_device *dev, const struct qdisc_req *req,
			     unsigned int nlflags, struct sim_err *err)
{
	const struct Qdisc_ops *ops = tc_lookup_ops(req->kind);
	u32 handle = req->handle;

	if (!(nlflags & NLM_F_CREATE))
		return sim_err_set(err, "Error: Qdisc not found. To create specify "
				   "NLM_F_CREATE flag.");
	if (!ops)
		return sim_err_set(err, "Error: Specified qdisc kind is unknown.");
	/* mq_init(): only at the root of a multiqueue device */
	if (ops == &mq_qdisc_ops && dev->num_tx_queues < 2)
		return sim_err_set(err, "RTNETLINK answers: Operation not supported");
	if (!handle)
		handle = tc_alloc_handle(dev_net(dev));
	if (qdisc_graft_root(dev, ops, err) < 0)
		return -1;
	dev->qdisc->handle = handle;
	return 0;
}

/* tc_modify_qdisc(), for the root (clid TC_H_ROOT) or a handle (clid 0) */
static int tc_modify_qdisc(struct net_device *dev, const struct qdisc_req *req,
			   unsigned int nlflags, struct sim_err *err)
{
	u32 clid = req->parent;
	struct Qdisc *q = NULL;

	if (clid == TC_H_INGRESS)
		return sim_err_set(err, "Error: skbsim does not model ingress qdiscs yet.");
	if (clid && clid != TC_H_ROOT) {
		if (!qdisc_lookup(dev, TC_H_MAJ(clid)))
			return sim_err_set(err, "Error: Failed to find specified qdisc.");
		return sim_err_set(err, "Error: skbsim grafts qdiscs at the root only.");
	}
	if (clid) {
		q = dev_root(dev);
		if (q && q->handle == 0)	/* it may be default qdisc, ignore it */
			q = NULL;
		if (!q || !req->handle || q->handle != req->handle) {
			if (req->handle) {
				if (q && !(nlflags & NLM_F_REPLACE))
					return sim_err_set(err, "Error: NLM_F_REPLACE needed "
							   "to override.");
				q = qdisc_lookup(dev, req->handle);
				if (!q)
					return tc_create_n_graft(dev, req, nlflags, err);
				if (nlflags & NLM_F_EXCL)
					return sim_err_set(err, "Error: Exclusivity flag on, "
							   "cannot override.");
				if (req->kind && strcmp(req->kind, q->ops->id) != 0)
					return sim_err_set(err, "Error: Invalid qdisc name.");
				return 0;	/* grafting it where it is */
			}
			if (!q)
				return tc_create_n_graft(dev, req, nlflags, err);
			if ((nlflags & NLM_F_CREATE) && (nlflags & NLM_F_REPLACE) &&
			    ((nlflags & NLM_F_EXCL) ||
			     (req->kind && strcmp(req->kind, q->ops->id) != 0)))
				return tc_create_n_graft(dev, req, nlflags, err);
		}
	} else {
		if (!req->handle)
			return sim_err_set(err, "Error: Handle cannot be zero.");
		q = qdisc_lookup(dev, req->handle);
	}
	/* change qdisc parameters: these kinds take none */
	if (!q)
		return sim_err_set(err, "Error: Specified qdisc not found.");
	if (nlflags & NLM_F_EXCL)
		return sim_err_set(err, "Error: Exclusivity flag on, cannot modify.");
	if (req->kind && strcmp(req->kind, q->ops->id) != 0)
		return sim_err_set(err, "Error: Invalid qdisc name.");
	return 0;
}

/* tc_get_qdisc() for RTM_DELQDISC: back to the default (noop while down) */
static int tc_del_qdisc(struct net_device *dev, const struct qdisc_req *req,
			struct sim_err *err)
{
	u32 clid = req->parent;
	struct Qdisc *q;
	const char *id;
	u32 handle;

	if (clid == TC_H_INGRESS)
		return sim_err_set(err, "Error: Cannot find specified qdisc on specified "
				   "device.");
	if (clid && clid != TC_H_ROOT) {
		if (!qdisc_lookup(dev, TC_H_MAJ(clid)))
			return sim_err_set(err, "Error: Failed to find qdisc with specified "
					   "classid.");
		return sim_err_set(err, "Error: skbsim grafts qdiscs at the root only.");
	}
	if (clid) {
		q = dev_root(dev);
		id = q ? q->ops->id : "noop";
		handle = q ? q->handle : 0;
		if (req->handle && handle != req->handle)
			return sim_err_set(err, "Error: Invalid handle.");
	} else {
		q = qdisc_lookup(dev, req->handle);
		if (!q)
			return sim_err_set(err, "Error: Failed to find qdisc with specified "
					   "handle.");
		id = q->ops->id;
		handle = q->handle;
	}
	if (req->kind && strcmp(req->kind, id) != 0)
		return sim_err_set(err, "Error: Invalid qdisc name.");
	if (!clid)
		return sim_err_set(err, "Error: Classid cannot be zero.");
	if (handle == 0)
		return sim_err_set(err, "Error: Cannot delete qdisc with handle of zero.");
	/* qdisc_graft(NULL) at the root: noop, then dev_activate() if up */
	dev_shutdown(dev);
	if (dev->flags & IFF_UP)
		dev_activate(dev);
	return 0;
}

/* ---- tc qdisc add/change/replace/delete --------------------------------- */

static int tc_qdisc_modify(struct iproute *r, enum qdisc_cmd cmd, unsigned int nlflags,
			   int argc, char **argv)
{
	struct qdisc_req req = { 0 };
	struct sim_err err = { { 0 } };
	const char *d = NULL;
	struct net_device *dev;
	int ret;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (d)
				return ipr_duparg(r, "dev", *argv);
			d = *argv;
		} else if (strcmp(*argv, "handle") == 0) {
			u32 handle;

			if (req.handle)
				return ipr_duparg(r, "handle", *argv);
			IPR_NEXT_ARG(r, argc, argv);
			if (get_qdisc_handle(&handle, *argv))
				return ipr_invarg(r, "invalid qdisc ID", *argv);
			req.handle = handle;
		} else if (strcmp(*argv, "root") == 0) {
			if (req.parent) {
				sim_sh_eprintf(r->sh, "Error: \"root\" is duplicate parent ID\n");
				r->status = 255;
				return -1;
			}
			req.parent = TC_H_ROOT;
		} else if (strcmp(*argv, "clsact") == 0 || strcmp(*argv, "ingress") == 0) {
			return tc_unsupported(r, *argv);
		} else if (strcmp(*argv, "parent") == 0) {
			u32 handle;

			IPR_NEXT_ARG(r, argc, argv);
			if (req.parent)
				return ipr_duparg(r, "parent", *argv);
			if (get_tc_classid(&handle, *argv))
				return ipr_invarg(r, "invalid parent ID", *argv);
			req.parent = handle;
		} else if (ipr_matches(*argv, "estimator") == 0 ||
			   ipr_matches(*argv, "stab") == 0 ||
			   ipr_matches(*argv, "ingress_block") == 0 ||
			   ipr_matches(*argv, "egress_block") == 0) {
			return tc_unsupported(r, *argv);
		} else if (ipr_matches(*argv, "help") == 0) {
			tc_qdisc_usage(r);
		} else {
			req.kind = *argv;
			argc--;
			argv++;
			break;
		}
		argc--;
		argv++;
	}
	if (req.kind && argc) {
		if (strcmp(req.kind, "pfifo_fast") == 0) {
			sim_sh_eprintf(r->sh, "qdisc '%s' does not support option parsing\n",
				       req.kind);
			r->status = 255;
			return -1;
		}
		if (strcmp(req.kind, "noqueue") == 0 || strcmp(req.kind, "mq") == 0 ||
		    !qdisc_lookup_ops(req.kind)) {
			/* iproute2 has no option parser for these (parse_noqopt) */
			sim_sh_eprintf(r->sh, "Unknown qdisc \"%s\", hence option \"%s\" is "
				       "unparsable\n", req.kind, *argv);
			r->status = 1;
			return -1;
		}
	}
	if (!d)
		return ipr_rtnl_error(r, "RTNETLINK answers: No such device");
	dev = __dev_get_by_name(r->net, d);
	if (!dev)
		return ipr_nodev(r, d);
	if (cmd == RTM_DELQDISC)
		ret = tc_del_qdisc(dev, &req, &err);
	else
		ret = tc_modify_qdisc(dev, &req, nlflags, &err);
	if (ret < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

/* ---- tc qdisc show ------------------------------------------------------ */

struct qdisc_filter {
	int ifindex;
	u32 parent, handle;
};

/* The statistics of @q; an mq root adds up its children, as mq_dump() does. */
static void qdisc_stats(const struct Qdisc *q, struct gnet_stats_basic *b,
			struct gnet_stats_queue *qs)
{
	*b = q->bstats;
	*qs = q->qstats;
	qs->qlen = qdisc_qlen(q);
	qs->backlog += q->gso_skb ? q->gso_skb->len : 0;	/* requeued: still queued */
	for (unsigned int i = 0; i < qdisc_nchildren(q); i++) {
		struct gnet_stats_basic cb;
		struct gnet_stats_queue cq;

		qdisc_stats(qdisc_child(q, i), &cb, &cq);
		b->bytes += cb.bytes;
		b->packets += cb.packets;
		qs->qlen += cq.qlen;
		qs->backlog += cq.backlog;
		qs->drops += cq.drops;
		qs->requeues += cq.requeues;
		qs->overlimits += cq.overlimits;
	}
}

/* print_qdisc(): one qdisc line (and its statistics with -s) */
static void print_qdisc(const struct iproute *r, GString *out, const struct qdisc_filter *f,
			const struct net_device *dev, const struct Qdisc *q, u32 handle,
			u32 parent, unsigned int refcnt)
{
	struct gnet_stats_basic b;
	struct gnet_stats_queue qs;

	if ((f->handle && f->handle != handle) || (f->parent && f->parent != parent))
		return;
	g_string_append_printf(out, "qdisc %s %x: ", q->ops->id, handle >> 16);
	if (r->raw) {
		g_string_truncate(out, out->len - 1);
		g_string_append_printf(out, "[%08x] ", handle);
	}
	if (!f->ifindex)
		g_string_append_printf(out, "dev %s ", dev->name);
	if (parent == TC_H_ROOT) {
		g_string_append(out, "root ");
	} else if (parent) {
		g_string_append(out, "parent ");
		print_tc_classid(out, parent);
		g_string_append_c(out, ' ');
	}
	if (refcnt != 1)
		g_string_append_printf(out, "refcnt %u ", refcnt);
	if (q->ops->dump)
		q->ops->dump(q, out);
	g_string_append(out, r->sl);
	if (!r->show_stats)
		return;
	qdisc_stats(q, &b, &qs);
	g_string_append_printf(out, " Sent %llu bytes %llu pkt (dropped %u, overlimits %u "
			       "requeues %u) ", (unsigned long long)b.bytes,
			       (unsigned long long)b.packets, qs.drops, qs.overlimits,
			       qs.requeues);
	g_string_append(out, r->sl);
	g_string_append(out, " backlog ");
	print_size(out, qs.backlog);
	g_string_append_printf(out, " %up requeues %u", qs.qlen, qs.requeues);
	g_string_append(out, r->sl);
}

/*
 * tc_dump_qdisc_root(): the root, then the children an mq hashed (those of
 * the real queues), last queue first.  The root's reference count is one
 * per queue using it plus dev->qdisc's (a default one: two; mq: one).
 */
static void tc_dump_qdisc_root(const struct iproute *r, GString *out,
			       const struct qdisc_filter *f, const struct net_device *dev)
{
	const struct Qdisc *root = dev_root(dev);
	unsigned int refcnt;

	if (!root)
		return;			/* noop_qdisc is builtin: never dumped */
	if (root->ops == &mq_qdisc_ops)
		refcnt = 1;
	else
		refcnt = root->handle ? 1 + dev->num_tx_queues : 2;
	print_qdisc(r, out, f, dev, root, root->handle, TC_H_ROOT, refcnt);
	if (root->ops != &mq_qdisc_ops)
		return;
	for (unsigned int i = MIN(qdisc_nchildren(root), dev->real_num_tx_queues); i-- > 0;)
		print_qdisc(r, out, f, dev, qdisc_child(root, i), qdisc_child(root, i)->handle,
			    TC_H_MAKE(root->handle, i + 1), 1);
}

static int tc_qdisc_list(struct iproute *r, int argc, char **argv)
{
	struct qdisc_filter f = { 0 };
	const char *d = NULL;
	struct net_device *dev;
	GString *out;
	u32 handle;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "root") == 0 || strcmp(*argv, "ingress") == 0 ||
			   strcmp(*argv, "clsact") == 0 || ipr_matches(*argv, "parent") == 0 ||
			   ipr_matches(*argv, "handle") == 0) {
			bool is_handle = ipr_matches(*argv, "handle") == 0 &&
					 strcmp(*argv, "root") != 0;

			if (f.parent)
				return ipr_invarg(r, "parent is already specified", *argv);
			if (f.handle)
				return ipr_invarg(r, "handle is already specified", *argv);
			if (strcmp(*argv, "root") == 0) {
				f.parent = TC_H_ROOT;
			} else if (strcmp(*argv, "ingress") == 0 ||
				   strcmp(*argv, "clsact") == 0) {
				f.parent = TC_H_INGRESS;
			} else if (is_handle) {
				IPR_NEXT_ARG(r, argc, argv);
				if (get_qdisc_handle(&handle, *argv))
					return ipr_invarg(r, "invalid handle ID", *argv);
				f.handle = handle;
			} else {
				IPR_NEXT_ARG(r, argc, argv);
				if (get_tc_classid(&handle, *argv))
					return ipr_invarg(r, "invalid parent ID", *argv);
				f.parent = handle;
			}
		} else if (ipr_matches(*argv, "help") == 0) {
			tc_qdisc_usage(r);
			r->status = 255;
			return -1;
		} else if (strcmp(*argv, "invisible") == 0) {
			/* the builtin noop is never dumped anyway */
		} else {
			sim_sh_eprintf(r->sh, "What is \"%s\"? Try \"tc qdisc help\".\n", *argv);
			r->status = 255;
			return -1;
		}
		argc--;
		argv++;
	}
	if (d) {
		dev = __dev_get_by_name(r->net, d);
		if (!dev)
			return ipr_nodev(r, d);
		f.ifindex = dev->ifindex;
	}
	out = g_string_new(NULL);
	list_for_each_entry(dev, &r->net->dev_base_head, dev_list)
		if (!f.ifindex || dev->ifindex == f.ifindex)
			tc_dump_qdisc_root(r, out, &f, dev);
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

static int do_qdisc(struct iproute *r, int argc, char **argv)
{
	if (argc < 1)
		return tc_qdisc_list(r, 0, NULL);
	if (ipr_matches(*argv, "add") == 0)
		return tc_qdisc_modify(r, RTM_NEWQDISC, NLM_F_EXCL | NLM_F_CREATE, argc - 1,
				       argv + 1);
	if (ipr_matches(*argv, "change") == 0)
		return tc_qdisc_modify(r, RTM_NEWQDISC, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "replace") == 0)
		return tc_qdisc_modify(r, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				       argv + 1);
	if (ipr_matches(*argv, "link") == 0)
		return tc_unsupported(r, "tc qdisc link");
	if (ipr_matches(*argv, "delete") == 0)
		return tc_qdisc_modify(r, RTM_DELQDISC, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "list") == 0 || ipr_matches(*argv, "show") == 0 ||
	    ipr_matches(*argv, "lst") == 0)
		return tc_qdisc_list(r, argc - 1, argv + 1);
	if (ipr_matches(*argv, "help") == 0) {
		tc_qdisc_usage(r);
		return 0;
	}
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"tc qdisc help\".\n", *argv);
	r->status = 255;
	return -1;
}

/* ---- tc/tc.c ------------------------------------------------------------ */

static int do_cmd(struct iproute *r, int argc, char **argv)
{
	static const char *const unsupported[] = {
		"class", "filter", "chain", "actions", "monitor", "exec",
	};

	if (ipr_matches(*argv, "qdisc") == 0)
		return do_qdisc(r, argc - 1, argv + 1);
	for (size_t i = 0; i < G_N_ELEMENTS(unsupported); i++)
		if (ipr_matches(*argv, unsupported[i]) == 0)
			return tc_unsupported(r, unsupported[i]);
	if (ipr_matches(*argv, "help") == 0) {
		tc_usage(r);
		return 0;
	}
	sim_sh_eprintf(r->sh, "Object \"%s\" is unknown, try \"tc help\".\n", *argv);
	r->status = 255;
	return -1;
}

/* One option of tc.c's main(), in its order; the words it took, or -1. */
static int tc_option(struct iproute *r, int argc, char **argv)
{
	const char *o = argv[0];

	if (ipr_matches(o, "-stats") == 0 || ipr_matches(o, "-statistics") == 0) {
		r->show_stats++;
	} else if (ipr_matches(o, "-details") == 0) {
		r->show_details++;
	} else if (ipr_matches(o, "-raw") == 0) {
		r->raw++;
	} else if (ipr_matches(o, "-pretty") == 0 || ipr_matches(o, "-graph") == 0) {
		;
	} else if (ipr_matches(o, "-Version") == 0) {
		return -2;
	} else if (ipr_matches(o, "-iec") == 0) {
		r->iec++;
	} else if (ipr_matches(o, "-help") == 0) {
		return -3;
	} else if (ipr_matches(o, "-force") == 0) {
		;
	} else if (ipr_matches(o, "-batch") == 0) {
		return tc_unsupported(r, "-batch");
	} else if (ipr_matches(o, "-netns") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		return ipr_netns_switch(r, *argv) < 0 ? -1 : 1;
	} else if (ipr_matches(o, "-Numeric") == 0 || ipr_matches(o, "-names") == 0 ||
		   ipr_matches(o, "-nm") == 0) {
		;
	} else if (ipr_matches(o, "-cf") == 0 || ipr_matches(o, "-conf") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		return 1;
	} else if (ipr_matches(o, "-color") == 0 || strncmp(o, "-color=", 7) == 0 ||
		   strncmp(o, "-c=", 3) == 0 || ipr_matches(o, "-timestamp") == 0 ||
		   ipr_matches(o, "-tshort") == 0) {
		;
	} else if (ipr_matches(o, "-json") == 0) {
		return tc_unsupported(r, "-json");
	} else if (ipr_matches(o, "-oneline") == 0) {
		r->oneline++;
	} else if (ipr_matches(o, "-brief") == 0) {
		r->brief++;
	} else {
		sim_sh_eprintf(r->sh, "Option \"%s\" is unknown, try \"tc -help\".\n", o);
		r->status = 255;
		return -1;
	}
	return 0;
}

static int tc_main(struct sim_sh *sh, int argc, char **argv)
{
	struct iproute r = { .sh = sh, .net = node_net(sh->node) };

	while (argc > 1 && argv[1][0] == '-') {
		int n = tc_option(&r, argc - 1, argv + 1);

		if (n == -2) {
			sim_sh_printf(sh, "tc utility, iproute2-6.1.0, libbpf 1.1.2\n");
			return 0;
		}
		if (n == -3) {
			tc_usage(&r);
			return 0;
		}
		if (n < 0)
			return r.status;
		argc -= 1 + n;
		argv += 1 + n;
	}
	r.sl = r.oneline ? "\\" : "\n";
	if (argc <= 1) {
		tc_usage(&r);
		return 0;
	}
	if (do_cmd(&r, argc - 1, argv + 1) < 0)
		return r.status;
	return 0;
}

const struct sim_command tc_command = { "tc", tc_main };
