/*
 * models/apps/ip_neigh.c - `ip neigh`: show, add/change/replace, del, flush, get
 *
 * User space: mirrors ip/ipneigh.c of iproute2 6.1 (ipneigh_modify(),
 * do_show_or_flush(), print_neigh(), ipneigh_get()).  A listing hides
 * NOARP entries and entries in no state unless told `nud all`; -s adds
 * " ref N used U/C/P" (the reference count without the table's, and the
 * seconds since the entry was used, confirmed and updated: jiffies as
 * clock_t, divided by USER_HZ as iproute2 does) and "probes N".  iproute2
 * 6.1 prints "probes" without a space after the times; so does skbsim.
 *
 * The kernel side of RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH
 * (net/core/neighbour.c: neigh_add(), neigh_delete(), neigh_get(),
 * neigh_fill_info()) is here in the rtm_* functions until the models grow
 * an rtnetlink layer: a new entry is made with ___neigh_create() (exempt
 * from forced GC and the gc_thresh* counts when it is to be PERMANENT) and
 * set with neigh_update(..., NEIGH_UPDATE_F_ADMIN), so `ip neigh add ... nud
 * reachable` starts the same timers a reply would; `use` (NTF_USE) is
 * neigh_update(..., NEIGH_UPDATE_F_USE) then neigh_event_send(); a delete
 * moves the entry to FAILED (its waiting packets get their errors) and
 * unlinks it.
 *
 * Differences: entries are listed sorted by device and address
 * (neigh_for_each()), not in the kernel's hash order; the reference count
 * is the model's plus one for a pending timer (the kernel's timer holds
 * one); proxy entries, "managed", "extern_learn", "protocol" and master
 * filters are refused with a message saying so; no IPv6 (an IPv6 address
 * is answered "Address family not supported by protocol").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/netdevice.h"
#include "net/arp.h"
#include "net/neighbour.h"
#include "net/net_namespace.h"
#include "sim/timer.h"

#define MAX_ROUNDS	10
#define USER_HZ		100

enum neigh_cmd { RTM_NEWNEIGH, RTM_DELNEIGH };

static int ipneigh_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip neigh { add | del | change | replace }\n"
		"                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
		"                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
		"                [ protocol PROTO ]\n"
		"\n"
		"\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
		"\t\t\t\t  [ vrf NAME ] [ nomaster ]\n"
		"\tip neigh get { ADDR | proxy ADDR } dev DEV\n"
		"\n"
		"STATE := { delay | failed | incomplete | noarp | none |\n"
		"           permanent | probe | reachable | stale }\n");
	r->status = 255;
	return -1;
}

/* nud_state_a2n() */
static int nud_state_a2n(unsigned int *state, const char *arg)
{
	if (ipr_matches(arg, "permanent") == 0)
		*state = NUD_PERMANENT;
	else if (ipr_matches(arg, "reachable") == 0)
		*state = NUD_REACHABLE;
	else if (strcmp(arg, "noarp") == 0)
		*state = NUD_NOARP;
	else if (strcmp(arg, "none") == 0)
		*state = NUD_NONE;
	else if (strcmp(arg, "stale") == 0)
		*state = NUD_STALE;
	else if (strcmp(arg, "incomplete") == 0)
		*state = NUD_INCOMPLETE;
	else if (strcmp(arg, "delay") == 0)
		*state = NUD_DELAY;
	else if (strcmp(arg, "probe") == 0)
		*state = NUD_PROBE;
	else if (ipr_matches(arg, "failed") == 0)
		*state = NUD_FAILED;
	else if (ipr_get_unsigned(state, arg, 0) || *state >= 0x100 || (*state & (*state - 1)))
		return -1;
	return 0;
}

/* ---- the kernel side: neighbour.c's rtnetlink handlers -------------------- */

struct neigh_req {
	int family;
	__be32 dst;
	int ifindex;
	u8 state;
	u8 ndm_flags;			/* NTF_ROUTER, NTF_USE */
	int lladdr_len;			/* 0: no NDA_LLADDR */
	u8 lladdr[32];
};

/* neigh_add() */
static int rtm_newneigh(struct net *net, const struct neigh_req *req, unsigned int nlflags,
			struct sim_err *err)
{
	u32 flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE |
		    NEIGH_UPDATE_F_OVERRIDE_ISROUTER;
	struct neigh_table *tbl = net->ipv4.arp_tbl;
	struct net_device *dev = __dev_get_by_index(net, req->ifindex);
	struct neighbour *n;
	u8 lladdr[MAX_ADDR_LEN];
	int ret;

	if (!dev)
		return sim_err_set(err, "RTNETLINK answers: No such device");
	if (req->lladdr_len && req->lladdr_len < dev->addr_len)
		return sim_err_set(err, "Error: Invalid link address.");
	if (req->family != AF_INET)	/* neigh_find_table(): only arp_tbl */
		return sim_err_set(err, "RTNETLINK answers: Address family not supported by "
				   "protocol");
	n = neigh_lookup(tbl, &req->dst, dev);
	if (!n) {
		if (!(nlflags & NLM_F_CREATE))
			return sim_err_set(err, "RTNETLINK answers: No such file or directory");
		/* a permanent entry is exempt from forced GC and gc_thresh* */
		n = ___neigh_create(tbl, &req->dst, dev, 0, req->state & NUD_PERMANENT, true);
		if (!n)
			return sim_err_set(err, "RTNETLINK answers: No buffer space available");
	} else {
		if (nlflags & NLM_F_EXCL)
			return sim_err_set(err, "RTNETLINK answers: File exists");
		if (!(nlflags & NLM_F_REPLACE))
			flags &= ~(NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER);
		n->refcnt++;		/* neigh_lookup()'s reference */
	}
	memset(lladdr, 0, sizeof(lladdr));
	memcpy(lladdr, req->lladdr, (size_t)min(req->lladdr_len, (int)sizeof(lladdr)));
	/* NTF_USE: neigh_update() only drops PERMANENT (the GC list follows) */
	if (req->ndm_flags & NTF_USE)
		flags |= NEIGH_UPDATE_F_USE;
	ret = neigh_update(n, req->lladdr_len ? lladdr : NULL, req->state, flags, 0);
	/* __neigh_update()'s out: label: the router flag, whatever happened */
	if (flags & NEIGH_UPDATE_F_OVERRIDE_ISROUTER)
		n->flags = (req->ndm_flags & NTF_ROUTER) ? n->flags | NTF_ROUTER
							 : n->flags & (u8)~NTF_ROUTER;
	if (!ret && (req->ndm_flags & NTF_USE))
		neigh_event_send(n, NULL);
	neigh_release(n);
	if (ret == -EINVAL)
		return sim_err_set(err, "Error: No link layer address given.");
	if (ret == -ENOENT)
		return sim_err_set(err, "Error: Neighbor entry is now dead.");
	if (ret < 0)
		return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret));
	return 0;
}

/* neigh_delete(): FAILED first (waiting packets get their errors), then gone */
static int rtm_delneigh(struct net *net, const struct neigh_req *req, struct sim_err *err)
{
	struct neigh_table *tbl = net->ipv4.arp_tbl;
	struct net_device *dev = __dev_get_by_index(net, req->ifindex);
	struct neighbour *n;

	if (req->family != AF_INET)
		return sim_err_set(err, "RTNETLINK answers: Address family not supported by "
				   "protocol");
	if (!dev)
		return sim_err_set(err, "Error: Device not specified.");
	n = neigh_lookup(tbl, &req->dst, dev);
	if (!n)
		return sim_err_set(err, "RTNETLINK answers: No such file or directory");
	neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN, 0);
	neigh_delete(tbl, &req->dst, dev);
	return 0;
}

/* ---- ip neigh add / change / replace / del -------------------------------- */

/* ipneigh_modify() */
static int ipneigh_modify(struct iproute *r, enum neigh_cmd cmd, unsigned int nlflags,
			  int argc, char **argv)
{
	struct neigh_req req = { .family = r->family, .state = NUD_PERMANENT };
	const char *dev = NULL, *lla = NULL;
	bool dst_ok = false, dev_ok = false;
	struct ipr_prefix dst = { 0 };
	struct sim_err err = { { 0 } };
	int ret;

	while (argc > 0) {
		if (ipr_matches(*argv, "lladdr") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (lla)
				return ipr_duparg(r, "lladdr", *argv);
			lla = *argv;
		} else if (strcmp(*argv, "nud") == 0) {
			unsigned int state;

			IPR_NEXT_ARG(r, argc, argv);
			if (nud_state_a2n(&state, *argv))
				return ipr_invarg(r, "nud state is bad", *argv);
			req.state = (u8)state;
		} else if (ipr_matches(*argv, "proxy") == 0) {
			return ipr_unsupported(r, "ip neigh", "proxy");
		} else if (strcmp(*argv, "router") == 0) {
			req.ndm_flags |= NTF_ROUTER;
		} else if (strcmp(*argv, "use") == 0) {
			req.ndm_flags |= NTF_USE;
		} else if (strcmp(*argv, "managed") == 0) {
			return ipr_unsupported(r, "ip neigh", "managed");
		} else if (ipr_matches(*argv, "extern_learn") == 0) {
			return ipr_unsupported(r, "ip neigh", "extern_learn");
		} else if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			dev = *argv;
			dev_ok = true;
		} else if (ipr_matches(*argv, "protocol") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_unsupported(r, "ip neigh", "protocol");
		} else {
			if (strcmp(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (dst_ok)
				return ipr_duparg2(r, "to", *argv);
			if (ipr_get_addr(r, &dst, *argv, r->family) < 0)
				return -1;
			dst_ok = true;
		}
		argc--;
		argv++;
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC) {
		sim_sh_eprintf(r->sh, "Device and destination are required arguments.\n");
		r->status = 255;
		return -1;
	}
	req.family = dst.family;
	req.dst = dst.data[0];
	if (lla && strcmp(lla, "null") != 0) {
		req.lladdr_len = ipr_ll_addr_a2n(r, req.lladdr, (int)sizeof(req.lladdr), lla);
		if (req.lladdr_len < 0)
			return -1;
	}
	if (dev) {
		struct net_device *d = __dev_get_by_name(r->net, dev);

		if (!d)
			return ipr_nodev(r, dev);
		req.ifindex = d->ifindex;
	}
	if (cmd == RTM_DELNEIGH)
		ret = rtm_delneigh(r->net, &req, &err);
	else
		ret = rtm_newneigh(r->net, &req, nlflags, &err);
	if (ret < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

/* ---- show / flush / get ---------------------------------------------------- */

struct neigh_filter {
	int family;
	int index;
	unsigned int state;
	bool unused_only;
	struct ipr_prefix pfx;
};

/* jiffies ago, as nda_cacheinfo's clock_t and iproute2's division by hz */
static unsigned int ago_seconds(struct net *net, unsigned long then)
{
	unsigned long delta = sim_jiffies(net->w) - then;

	return (unsigned int)((u64)delta * USER_HZ / net->w->hz / USER_HZ);
}

/* The reference count neigh_fill_info() reports (the table's not counted). */
static int neigh_refcnt(const struct neighbour *n)
{
	return n->refcnt - 1 + (neigh_timer_pending(n) ? 1 : 0);
}

static bool neigh_filter_match(const struct neigh_filter *f, const struct neighbour *n)
{
	__be32 key;

	memcpy(&key, n->primary_key, sizeof(key));
	if (f->family && f->family != AF_INET)
		return false;
	if (f->index && f->index != n->dev->ifindex)
		return false;
	if (!(f->state & n->nud_state) && (n->nud_state || !(f->state & 0x100)))
		return false;
	if (ipr_addr_match_v4(&f->pfx, key))
		return false;
	if (f->unused_only && neigh_refcnt(n))
		return false;
	return true;
}

/* print_neigh() of what neigh_fill_info() reports */
static void print_neigh(const struct iproute *r, const struct neigh_filter *f, GString *out,
			const struct neighbour *n)
{
	static const struct { u8 bit; const char *name; } states[] = {
		{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
		{ NUD_STALE, "STALE" }, { NUD_DELAY, "DELAY" }, { NUD_PROBE, "PROBE" },
		{ NUD_FAILED, "FAILED" }, { NUD_NOARP, "NOARP" }, { NUD_PERMANENT, "PERMANENT" },
	};
	struct net *net = dev_net(n->dev);
	int refcnt = neigh_refcnt(n);
	__be32 key;
	char b1[16];

	memcpy(&key, n->primary_key, sizeof(key));
	if (r->brief) {
		g_string_append_printf(out, "%-39s ", ipr_ntoa(key, b1));
		if (!f->index)
			g_string_append_printf(out, "%-16s ", n->dev->name);
		if (n->nud_state & NUD_VALID)
			ipr_ll_addr_n2a(out, n->ha, n->dev->addr_len);
		g_string_append_c(out, '\n');
		return;
	}
	g_string_append_printf(out, "%s ", ipr_ntoa(key, b1));
	if (!f->index)
		g_string_append_printf(out, "dev %s ", n->dev->name);
	if (n->nud_state & NUD_VALID) {
		g_string_append(out, "lladdr ");
		ipr_ll_addr_n2a(out, n->ha, n->dev->addr_len);
		g_string_append_c(out, ' ');
	}
	if (n->flags & NTF_ROUTER)
		g_string_append(out, "router ");
	if (r->show_stats) {
		if (refcnt)
			g_string_append_printf(out, " ref %d", refcnt);
		g_string_append_printf(out, " used %u/%u/%u", ago_seconds(net, n->used),
				       ago_seconds(net, n->confirmed), ago_seconds(net, n->updated));
		g_string_append_printf(out, "probes %d ", n->probes);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(states); i++)
		if (n->nud_state & states[i].bit)
			g_string_append_printf(out, "%s ", states[i].name);
	g_string_append_c(out, '\n');
}

struct neigh_walk {
	const struct neigh_filter *f;
	GPtrArray *entries;
};

static void collect_neigh(struct neighbour *n, void *arg)
{
	struct neigh_walk *w = arg;

	if (neigh_filter_match(w->f, n))
		g_ptr_array_add(w->entries, n);
}

static GPtrArray *dump_neigh(struct net *net, const struct neigh_filter *f)
{
	struct neigh_walk w = { .f = f, .entries = g_ptr_array_new() };

	neigh_for_each(net->ipv4.arp_tbl, collect_neigh, &w);
	return w.entries;
}

/* ipneigh flush: RTM_DELNEIGH for each entry shown, rounds until none */
static int ipneigh_flush(struct iproute *r, struct neigh_filter *f)
{
	for (int round = 0; round < MAX_ROUNDS; round++) {
		GPtrArray *entries = dump_neigh(r->net, f);
		GArray *reqs = g_array_new(FALSE, TRUE, sizeof(struct neigh_req));
		GString *out = g_string_new(NULL);
		guint flushed = entries->len;

		for (guint i = 0; i < entries->len; i++) {
			const struct neighbour *n = entries->pdata[i];
			struct neigh_req req = { .family = AF_INET, .ifindex = n->dev->ifindex };

			memcpy(&req.dst, n->primary_key, sizeof(req.dst));
			g_array_append_val(reqs, req);
			if (r->show_stats >= 2)
				print_neigh(r, f, out, n);
		}
		g_ptr_array_unref(entries);
		sim_sh_printf(r->sh, "%s", out->str);
		g_string_free(out, TRUE);
		for (guint i = 0; i < reqs->len; i++) {
			struct sim_err err = { { 0 } };

			rtm_delneigh(r->net, &g_array_index(reqs, struct neigh_req, i), &err);
		}
		g_array_free(reqs, TRUE);
		if (flushed == 0) {
			ipr_flush_done(r, round);
			return 0;
		}
		ipr_flush_round(r, round + 1, flushed, "entries");
		f->state &= ~(unsigned int)NUD_FAILED;
	}
	sim_sh_printf(r->sh, "*** Flush not complete bailing out after %d rounds\n", MAX_ROUNDS);
	r->status = 1;
	return -1;
}

/* do_show_or_flush() */
static int do_show_or_flush(struct iproute *r, int argc, char **argv, bool flush)
{
	struct neigh_filter f = { .family = r->family };
	const char *filter_dev = NULL;
	bool state_given = false;

	if (flush) {
		if (argc <= 0) {
			sim_sh_eprintf(r->sh, "Flush requires arguments.\n");
			r->status = 1;
			return -1;
		}
		f.state = ~(unsigned int)(NUD_PERMANENT | NUD_NOARP);
	} else {
		f.state = 0xFF & ~NUD_NOARP;
	}
	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (filter_dev)
				return ipr_duparg(r, "dev", *argv);
			filter_dev = *argv;
		} else if (strcmp(*argv, "master") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (!__dev_get_by_name(r->net, *argv))
				return ipr_invarg(r, "Device does not exist\n", *argv);
			return ipr_unsupported(r, "ip neigh", "master");
		} else if (strcmp(*argv, "vrf") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_invarg(r, "Not a valid VRF name\n", *argv);
		} else if (strcmp(*argv, "nomaster") == 0) {
			return ipr_unsupported(r, "ip neigh", "nomaster");
		} else if (strcmp(*argv, "unused") == 0) {
			f.unused_only = true;
		} else if (strcmp(*argv, "nud") == 0) {
			unsigned int state;

			IPR_NEXT_ARG(r, argc, argv);
			if (!state_given) {
				state_given = true;
				f.state = 0;
			}
			if (nud_state_a2n(&state, *argv)) {
				if (strcmp(*argv, "all") != 0)
					return ipr_invarg(r, "nud state is bad", *argv);
				state = ~0u;
				if (flush)
					state &= ~(unsigned int)NUD_NOARP;
			}
			if (state == 0)
				state = 0x100;
			f.state |= state;
		} else if (strcmp(*argv, "proxy") == 0) {
			return ipr_unsupported(r, "ip neigh", "proxy");
		} else if (ipr_matches(*argv, "protocol") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			return ipr_unsupported(r, "ip neigh", "protocol");
		} else {
			if (strcmp(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return ipneigh_usage(r);
			if (ipr_get_prefix_1(&f.pfx, *argv, f.family))
				return ipr_invarg(r, "to value is invalid\n", *argv);
			if (f.family == AF_UNSPEC)
				f.family = f.pfx.family;
		}
		argc--;
		argv++;
	}
	if (filter_dev) {
		struct net_device *dev = __dev_get_by_name(r->net, filter_dev);

		if (!dev)
			return ipr_nodev(r, filter_dev);
		f.index = dev->ifindex;
	}
	if (flush)
		return ipneigh_flush(r, &f);
	{
		GPtrArray *entries = dump_neigh(r->net, &f);
		GString *out = g_string_new(NULL);

		for (guint i = 0; i < entries->len; i++)
			print_neigh(r, &f, out, entries->pdata[i]);
		sim_sh_printf(r->sh, "%s", out->str);
		g_string_free(out, TRUE);
		g_ptr_array_unref(entries);
	}
	return 0;
}

/* ipneigh_get() and the kernel's neigh_get() */
static int ipneigh_get(struct iproute *r, int argc, char **argv)
{
	struct neigh_filter f = { .state = ~0u };
	struct ipr_prefix dst = { 0 };
	bool dst_ok = false, dev_ok = false;
	const char *d = NULL;
	struct net_device *dev;
	struct neighbour *n;
	__be32 key;
	GString *out;

	while (argc > 0) {
		if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			d = *argv;
			dev_ok = true;
		} else if (ipr_matches(*argv, "proxy") == 0) {
			return ipr_unsupported(r, "ip neigh", "proxy");
		} else {
			if (strcmp(*argv, "to") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return ipneigh_usage(r);
			if (dst_ok)
				return ipr_duparg2(r, "to", *argv);
			if (ipr_get_addr(r, &dst, *argv, r->family) < 0)
				return -1;
			dst_ok = true;
		}
		argc--;
		argv++;
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC) {
		sim_sh_eprintf(r->sh, "Device and address are required arguments.\n");
		r->status = 1;
		return -1;
	}
	dev = __dev_get_by_name(r->net, d);
	if (!dev)
		return ipr_nodev(r, d);
	if (dst.family != AF_INET)
		return ipr_rtnl_error(r, "RTNETLINK answers: Address family not supported by "
				      "protocol");
	key = dst.data[0];
	n = neigh_lookup(r->net->ipv4.arp_tbl, &key, dev);
	if (!n)
		return ipr_rtnl_error(r, "Error: Neighbour entry not found.");
	out = g_string_new(NULL);
	print_neigh(r, &f, out, n);
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

int do_ipneigh(struct iproute *r, int argc, char **argv)
{
	if (argc < 1)
		return do_show_or_flush(r, 0, NULL, false);
	if (ipr_matches(*argv, "add") == 0)
		return ipneigh_modify(r, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, argc - 1,
				      argv + 1);
	if (ipr_matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return ipneigh_modify(r, RTM_NEWNEIGH, NLM_F_REPLACE, argc - 1, argv + 1);
	if (ipr_matches(*argv, "replace") == 0)
		return ipneigh_modify(r, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				      argv + 1);
	if (ipr_matches(*argv, "delete") == 0)
		return ipneigh_modify(r, RTM_DELNEIGH, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "get") == 0)
		return ipneigh_get(r, argc - 1, argv + 1);
	if (ipr_matches(*argv, "show") == 0 || ipr_matches(*argv, "lst") == 0 ||
	    ipr_matches(*argv, "list") == 0)
		return do_show_or_flush(r, argc - 1, argv + 1, false);
	if (ipr_matches(*argv, "flush") == 0)
		return do_show_or_flush(r, argc - 1, argv + 1, true);
	if (ipr_matches(*argv, "help") == 0)
		return ipneigh_usage(r);
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"ip neigh help\".\n", *argv);
	r->status = 255;
	return -1;
}
