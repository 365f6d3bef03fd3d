/*
 * models/apps/ip_addr.c - `ip address`: show, add, change, replace, del, flush
 *
 * User space: mirrors the address half of ip/ipaddress.c of iproute2 6.1
 * (ipaddr_modify(), ipaddr_list_flush_or_save(), ipaddr_filter(),
 * print_addrinfo(), ipaddr_flush()) with its messages and exit statuses:
 * 255 for a command line it rejects, 1 for a bad address or a missing
 * device, 2 when the kernel refuses.  iproute2 picks the scope (host for
 * 127/8, else global) and computes "brd +" itself.
 *
 * The kernel side of RTM_NEWADDR / RTM_DELADDR (net/ipv4/devinet.c:
 * rtm_to_ifaddr(), inet_rtm_newaddr(), inet_rtm_deladdr()) is here in the
 * rtm_* functions until the models grow an rtnetlink layer: they check the
 * request as the kernel does and call devinet.c's inet_rtm_newaddr() and
 * inet_rtm_deladdr().  A dump lists devices by ifindex and each device's
 * addresses in ifa_list order (primaries first), as inet_dump_ifaddr().
 *
 * The link lines come from ip_link.c's print_linkinfo() as iproute2 shares
 * it: without "mode ..." and "addrgenmode ..." (only `ip link` prints
 * those), without the link/ether line under -4 (unless -d), and with the
 * -s counters after the addresses (print_link_stats()); the filter's
 * words about links (dev, up, group, master, type) are ip_link.c's
 * link_filter_arg(), as `ip link show` reads them.
 *
 * Differences: no IPv6 (an IPv6 address is answered "RTNETLINK answers:
 * Operation not supported", as by a kernel without IPv6); finite
 * lifetimes (valid_lft/preferred_lft other than forever), peer addresses,
 * autojoin, save/restore/showdump are refused with a message saying so.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fnmatch.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/inetdevice.h"
#include "linux/netdevice.h"
#include "net/ip.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"

#define INFINITY_LIFE_TIME	0xFFFFFFFFu
#define MAX_FLUSH_LOOPS		10	/* ip -loops default */

/* include/uapi/linux/if_addr.h flags beyond inetdevice.h's */
#define IFA_F_OPTIMISTIC	0x04
#define IFA_F_DADFAILED		0x08
#define IFA_F_HOMEADDRESS	0x10
#define IFA_F_DEPRECATED	0x20
#define IFA_F_TENTATIVE		0x40
#define IFA_F_MANAGETEMPADDR	0x100
#define IFA_F_MCAUTOJOIN	0x400
#define IFA_F_STABLE_PRIVACY	0x800

enum addr_cmd { RTM_NEWADDR, RTM_DELADDR };

static int ipaddr_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
		"                                                      [ CONFFLAG-LIST ]\n"
		"       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
		"       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
		"                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
		"       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
		"                         [ nomaster ]\n"
		"                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
		"                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
		"       ip address {showdump|restore}\n"
		"IFADDR := PREFIX | ADDR peer PREFIX\n"
		"          [ broadcast ADDR ] [ anycast ADDR ]\n"
		"          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]\n"
		"SCOPE-ID := [ host | link | global | NUMBER ]\n"
		"FLAG-LIST := [ FLAG-LIST ] FLAG\n"
		"FLAG  := [ permanent | dynamic | secondary | primary |\n"
		"           [-]tentative | [-]deprecated | [-]dadfailed | temporary |\n"
		"           CONFFLAG-LIST ]\n"
		"CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG\n"
		"CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]\n"
		"LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]\n"
		"LFT := forever | SECONDS\n"
		IPLINK_USAGE_TYPES);
	r->status = 255;
	return -1;
}

/* ---- flags (ifa_flag_data[] of ipaddress.c, in its order) ---------------- */

static const struct ifa_flag_data {
	const char *name;
	unsigned int mask;
	bool readonly;
	bool v6only;
} ifa_flag_data[] = {
	{ "secondary", IFA_F_SECONDARY, true, false },
	{ "temporary", IFA_F_SECONDARY, true, false },
	{ "nodad", IFA_F_NODAD, false, true },
	{ "optimistic", IFA_F_OPTIMISTIC, false, true },
	{ "dadfailed", IFA_F_DADFAILED, true, true },
	{ "home", IFA_F_HOMEADDRESS, false, true },
	{ "deprecated", IFA_F_DEPRECATED, true, true },
	{ "tentative", IFA_F_TENTATIVE, true, true },
	{ "permanent", IFA_F_PERMANENT, true, true },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR, false, true },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE, false, false },
	{ "autojoin", IFA_F_MCAUTOJOIN, false, false },
	{ "stable-privacy", IFA_F_STABLE_PRIVACY, true, true },
};

static const struct ifa_flag_data *lookup_flag_data_by_name(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ifa_flag_data); i++)
		if (strcmp(name, ifa_flag_data[i].name) == 0)
			return &ifa_flag_data[i];
	return NULL;
}

static void print_ifa_flags(GString *out, unsigned int flags)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ifa_flag_data); i++) {
		const struct ifa_flag_data *fd = &ifa_flag_data[i];

		if (fd->mask == IFA_F_PERMANENT) {
			if (!(flags & fd->mask))
				g_string_append(out, "dynamic ");
		} else if (flags & fd->mask) {
			g_string_append_printf(out, "%s ", fd->name);
		}
		flags &= ~fd->mask;
	}
	if (flags)
		g_string_append_printf(out, "flags %02x ", flags);
}

/* ---- the filter of show and flush -------------------------------------- */

struct addr_filter {
	int family;
	struct link_filter link;	/* dev, up, group, master, type */
	unsigned int scope, scopemask;
	unsigned int flags, flagmask;
	const char *label;
	struct ipr_prefix pfx;
};

/* get_filter(): a flag word; "dynamic" and "primary" are the inverses */
static int get_filter(struct addr_filter *f, const char *arg)
{
	const struct ifa_flag_data *fd;
	bool inv = false;

	if (arg[0] == '-') {
		inv = true;
		arg++;
	}
	if (strcmp(arg, "dynamic") == 0) {
		inv = !inv;
		arg = "permanent";
	} else if (strcmp(arg, "primary") == 0) {
		inv = !inv;
		arg = "secondary";
	}
	fd = lookup_flag_data_by_name(arg);
	if (!fd)
		return -1;
	if (inv)
		f->flags &= ~fd->mask;
	else
		f->flags |= fd->mask;
	f->flagmask |= fd->mask;
	return 0;
}

/* Does @ifa pass the address filters (family is always inet here)? */
static bool addr_filter_match(const struct addr_filter *f, const struct in_ifaddr *ifa)
{
	if (f->family && f->family != AF_INET)
		return false;
	if ((f->scope ^ ifa->ifa_scope) & f->scopemask)
		return false;
	if ((f->flags ^ ifa->ifa_flags) & f->flagmask)
		return false;
	if (f->label && fnmatch(f->label, ifa->ifa_label, 0))
		return false;
	if (ipr_addr_match_v4(&f->pfx, ifa->ifa_local))
		return false;
	return true;
}

/*
 * The link filters of print_linkinfo(); with a label only the device and
 * "up" count (print_linkinfo() returns before the others).
 */
static bool ipaddr_link_match(const struct addr_filter *f, const struct net_device *dev)
{
	struct link_filter dev_up = { .ifindex = f->link.ifindex, .up = f->link.up };

	return link_filter_match(f->label ? &dev_up : &f->link, dev);
}

/* ipaddr_filter(): a device with addresses stays only if one of them matches */
static bool ipaddr_filter(const struct addr_filter *f, const struct net_device *dev)
{
	const struct in_device *in_dev = __in_dev_get_rtnl(dev);
	const struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL;

	if (!ifa)
		return f->family == AF_UNSPEC || f->family == AF_PACKET;
	for (; ifa; ifa = ifa->ifa_next)
		if (addr_filter_match(f, ifa))
			return true;
	return false;
}

/* ---- printing ------------------------------------------------------------- */

/* print_addrinfo(): one inet line (and its lifetimes) */
static void print_addrinfo(const struct iproute *r, GString *out, const struct in_ifaddr *ifa,
			   bool flushing)
{
	const struct net_device *dev = ifa->ifa_dev->dev;
	char b1[16], b2[16];

	if (!r->brief) {
		if (r->oneline || flushing)
			g_string_append_printf(out, "%u: %s", dev->ifindex, dev->name);
		g_string_append(out, "    inet ");
	}
	g_string_append(out, ipr_ntoa(ifa->ifa_local, b1));
	if (ifa->ifa_address != ifa->ifa_local)
		g_string_append_printf(out, " peer %s", ipr_ntoa(ifa->ifa_address, b1));
	g_string_append_printf(out, "/%d ", ifa->ifa_prefixlen);
	if (ifa->ifa_rt_priority)
		g_string_append_printf(out, "metric %u ", ifa->ifa_rt_priority);
	if (r->brief)
		return;
	if (ifa->ifa_broadcast)
		g_string_append_printf(out, "brd %s ", ipr_ntoa(ifa->ifa_broadcast, b1));
	g_string_append_printf(out, "scope %s ", ipr_rtscope_n2a(ifa->ifa_scope, b2));
	print_ifa_flags(out, ifa->ifa_flags);
	g_string_append(out, ifa->ifa_label);
	g_string_append(out, r->sl);
	g_string_append(out, "       valid_lft ");
	if (ifa->ifa_valid_lft == INFINITY_LIFE_TIME)
		g_string_append(out, "forever");
	else
		g_string_append_printf(out, "%usec", ifa->ifa_valid_lft);
	g_string_append(out, " preferred_lft ");
	if (ifa->ifa_preferred_lft == INFINITY_LIFE_TIME)
		g_string_append(out, "forever");
	else
		g_string_append_printf(out, "%usec", ifa->ifa_preferred_lft);
	g_string_append_c(out, '\n');
}

/* ---- ip address show / flush --------------------------------------------- */

static void ipaddr_list(struct iproute *r, const struct addr_filter *f)
{
	GPtrArray *devs = devices_by_index(r->net);
	GString *out = g_string_new(NULL);

	for (guint i = 0; i < devs->len; i++) {
		struct net_device *dev = devs->pdata[i];
		const struct in_device *in_dev = __in_dev_get_rtnl(dev);

		if (!ipaddr_link_match(f, dev))
			continue;
		if (f->family != AF_PACKET && !ipaddr_filter(f, dev))
			continue;
		if (r->brief && f->family == AF_PACKET) {
			/* ip -br link's line: address and flags, no addresses */
			print_linkinfo(r, out, dev, f->family, false);
			continue;
		}
		if (!f->label && (r->brief || !r->oneline))
			print_linkinfo(r, out, dev, f->family, false);
		if (f->family != AF_PACKET) {
			for (const struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa;
			     ifa = ifa->ifa_next)
				if (addr_filter_match(f, ifa))
					print_addrinfo(r, out, ifa, false);
			if (r->brief)
				g_string_append_c(out, '\n');
		}
		if (r->show_stats && !r->brief && !r->oneline && !f->label)
			print_link_stats(r, out, dev);
	}
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(devs);
}

/* An address of a dump, as the RTM_DELADDR that flush sends for it. */
struct addr_key {
	int ifindex;
	__be32 local, address;
	int prefixlen;
	char label[IFNAMSIZ];
};

static int rtm_deladdr(struct net *net, int ifindex, const __be32 *local, const char *label,
		       const __be32 *address, int prefixlen, struct sim_err *err);

/*
 * ipaddr_flush - delete what matches, dump after dump, until a dump finds
 * nothing: deleting a primary takes its secondaries along (or promotes
 * one), and the requests for those then fail with EADDRNOTAVAIL, which
 * flush ignores.
 */
static int ipaddr_flush(struct iproute *r, const struct addr_filter *f)
{
	int round = 0;

	while (round < MAX_FLUSH_LOOPS) {
		GPtrArray *devs = devices_by_index(r->net);
		GArray *keys = g_array_new(FALSE, TRUE, sizeof(struct addr_key));
		GString *out = g_string_new(NULL);
		guint flushed;

		for (guint i = 0; i < devs->len; i++) {
			const struct net_device *dev = devs->pdata[i];
			const struct in_device *in_dev = __in_dev_get_rtnl(dev);

			if (f->link.ifindex && f->link.ifindex != dev->ifindex)
				continue;
			for (const struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa;
			     ifa = ifa->ifa_next) {
				struct addr_key k = { .ifindex = dev->ifindex, .local = ifa->ifa_local,
						      .address = ifa->ifa_address,
						      .prefixlen = ifa->ifa_prefixlen };

				if (!addr_filter_match(f, ifa))
					continue;
				g_strlcpy(k.label, ifa->ifa_label, sizeof(k.label));
				g_array_append_val(keys, k);
				if (r->show_stats >= 2)
					print_addrinfo(r, out, ifa, true);
			}
		}
		g_ptr_array_unref(devs);
		sim_sh_printf(r->sh, "%s", out->str);
		g_string_free(out, TRUE);
		flushed = keys->len;
		for (guint i = 0; i < keys->len; i++) {
			const struct addr_key *k = &g_array_index(keys, struct addr_key, i);
			struct sim_err err = { { 0 } };

			rtm_deladdr(r->net, k->ifindex, &k->local, k->label, &k->address,
				    k->prefixlen, &err);
		}
		g_array_free(keys, TRUE);
		if (flushed == 0) {
			ipr_flush_done(r, round);
			return 0;
		}
		ipr_flush_round(r, ++round, flushed, "addresses");
		/* "primary" given: one round, or promoted secondaries would go too */
		if (!(f->flags & IFA_F_SECONDARY) && (f->flagmask & IFA_F_SECONDARY)) {
			ipr_flush_done(r, round);
			return 0;
		}
	}
	sim_sh_eprintf(r->sh, "*** Flush remains incomplete after %d rounds. ***\n",
		       MAX_FLUSH_LOOPS);
	r->status = 1;
	return -1;
}

enum { IPADD_LIST, IPADD_FLUSH };

/* ipaddr_list_flush_or_save() */
static int ipaddr_list_flush(struct iproute *r, int argc, char **argv, int action)
{
	struct addr_filter f = { .family = r->family };

	if (action == IPADD_FLUSH) {
		if (argc <= 0) {
			sim_sh_eprintf(r->sh, "Flush requires arguments.\n");
			r->status = 1;
			return -1;
		}
		if (f.family == AF_PACKET) {
			sim_sh_eprintf(r->sh, "Cannot flush link addresses.\n");
			r->status = 1;
			return -1;
		}
	}
	while (argc > 0) {
		if (strcmp(*argv, "to") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_prefix(r, &f.pfx, *argv, f.family) < 0)
				return -1;
			if (f.family == AF_UNSPEC)
				f.family = f.pfx.family;
		} else if (strcmp(*argv, "scope") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_scope_filter(r, &f.scope, &f.scopemask, *argv) < 0)
				return -1;
		} else if (get_filter(&f, *argv) == 0) {
		} else if (strcmp(*argv, "label") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			f.label = *argv;
		} else if (link_filter_arg(r, &f.link, &argc, &argv, ipaddr_usage) < 0) {
			return -1;
		}
		argv++;
		argc--;
	}
	if (link_filter_dev(r, &f.link) < 0)
		return -1;
	if (action == IPADD_FLUSH)
		return ipaddr_flush(r, &f);
	ipaddr_list(r, &f);
	return 0;
}

/* ---- the kernel side: devinet.c's RTM_NEWADDR / RTM_DELADDR --------------- */

struct addr_req {
	int family;
	u8 prefixlen;
	u8 scope;
	u32 flags;
	int ifindex;
	bool has_local, has_address, has_brd, has_metric;
	__be32 local, address, brd;
	u32 metric;
	const char *label;
};

/* find_matching_ifa(): the same local address in the same subnet */
static struct in_ifaddr *find_matching_ifa(struct in_device *in_dev, __be32 local,
					   __be32 mask)
{
	for (struct in_ifaddr *ifa = in_dev->ifa_list; ifa; ifa = ifa->ifa_next)
		if (ifa->ifa_mask == mask && !((ifa->ifa_address ^ local) & mask) &&
		    ifa->ifa_local == local)
			return ifa;
	return NULL;
}

/* rtm_to_ifaddr() and inet_rtm_newaddr() */
static int rtm_newaddr(struct net *net, const struct addr_req *req, unsigned int nlflags,
		       struct sim_err *err)
{
	struct net_device *dev;
	struct in_device *in_dev;
	struct in_ifaddr *ifa;

	if (req->family != AF_INET)	/* no IPv4 handler: no IPv6 in skbsim */
		return sim_err_set(err, "RTNETLINK answers: Operation not supported");
	if (req->label && strlen(req->label) >= IFNAMSIZ)
		return sim_err_set(err, "Error: Attribute failed policy validation.");
	if (req->prefixlen > 32 || !req->has_local)
		return sim_err_set(err, "RTNETLINK answers: Invalid argument");
	dev = __dev_get_by_index(net, req->ifindex);
	if (!dev)
		return sim_err_set(err, "RTNETLINK answers: No such device");
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return sim_err_set(err, "RTNETLINK answers: No buffer space available");
	ifa = find_matching_ifa(in_dev, req->local, inet_make_mask(req->prefixlen));
	if (ifa && !(nlflags & NLM_F_EXCL) && (nlflags & NLM_F_REPLACE)) {
		u32 metric = req->has_metric ? req->metric : 0;

		if (ifa->ifa_rt_priority != metric) {
			fib_modify_prefix_metric(ifa, metric);
			ifa->ifa_rt_priority = metric;
		}
		return 0;
	}
	/* a new address (IPv4 ignores NLM_F_CREATE), or -EEXIST from devinet.c */
	return inet_rtm_newaddr(net, dev, req->local, req->prefixlen,
				req->has_brd ? req->brd : 0, false, req->scope, req->label,
				req->has_metric ? req->metric : 0, req->flags, err) < 0 ? -1 : 0;
}

/* inet_rtm_deladdr(): the first address matching what the request gives */
static int rtm_deladdr(struct net *net, int ifindex, const __be32 *local, const char *label,
		       const __be32 *address, int prefixlen, struct sim_err *err)
{
	struct net_device *dev = __dev_get_by_index(net, ifindex);
	struct in_device *in_dev = dev ? __in_dev_get_rtnl(dev) : NULL;

	if (!dev)
		return sim_err_set(err, "RTNETLINK answers: No such device");
	for (struct in_ifaddr *ifa = in_dev ? in_dev->ifa_list : NULL; ifa; ifa = ifa->ifa_next) {
		if (local && ifa->ifa_local != *local)
			continue;
		if (label && strcmp(label, ifa->ifa_label) != 0)
			continue;
		if (address && (prefixlen != ifa->ifa_prefixlen ||
				((*address ^ ifa->ifa_address) & ifa->ifa_mask)))
			continue;
		return inet_rtm_deladdr(net, dev, ifa->ifa_local, ifa->ifa_prefixlen, err) < 0 ? -1
											       : 0;
	}
	return sim_err_set(err, "RTNETLINK answers: Cannot assign requested address");
}

/* ---- ip address add / change / replace / del ------------------------------ */

/* lifetimes: "forever" or a number; skbsim keeps addresses forever */
static int set_lifetime(u32 *lifetime, const char *arg)
{
	if (strcmp(arg, "forever") == 0) {
		*lifetime = INFINITY_LIFE_TIME;
		return 0;
	}
	return ipr_get_u32(lifetime, arg, 0);
}

/* ipaddr_modify() */
static int ipaddr_modify(struct iproute *r, enum addr_cmd cmd, unsigned int nlflags,
			 int argc, char **argv)
{
	struct addr_req req = { .family = r->family };
	struct ipr_prefix lcl = { 0 };
	const char *d = NULL, *lcl_arg = NULL, *valid_lftp = NULL, *preferred_lftp = NULL;
	u32 valid_lft = INFINITY_LIFE_TIME, preferred_lft = INFINITY_LIFE_TIME;
	int local_len = 0, brd_len = 0, any_len = 0;
	bool scoped = false;
	unsigned int ifa_flags = 0;
	struct sim_err err = { { 0 } };
	struct net_device *dev;
	int ret;

	while (argc > 0) {
		if (strcmp(*argv, "peer") == 0 || strcmp(*argv, "remote") == 0) {
			return ipr_unsupported(r, "ip address", *argv);
		} else if (ipr_matches(*argv, "broadcast") == 0 || strcmp(*argv, "brd") == 0) {
			struct ipr_prefix addr;

			IPR_NEXT_ARG(r, argc, argv);
			if (brd_len)
				return ipr_duparg(r, "broadcast", *argv);
			if (strcmp(*argv, "+") == 0) {
				brd_len = -1;
			} else if (strcmp(*argv, "-") == 0) {
				brd_len = -2;
			} else {
				if (ipr_get_addr(r, &addr, *argv, req.family) < 0)
					return -1;
				if (req.family == AF_UNSPEC)
					req.family = addr.family;
				req.has_brd = true;
				req.brd = addr.data[0];
				brd_len = addr.bytelen;
			}
		} else if (strcmp(*argv, "anycast") == 0) {
			struct ipr_prefix addr;

			/* IFA_ANYCAST: IPv6 only, the IPv4 kernel ignores it */
			IPR_NEXT_ARG(r, argc, argv);
			if (any_len)
				return ipr_duparg(r, "anycast", *argv);
			if (ipr_get_addr(r, &addr, *argv, req.family) < 0)
				return -1;
			if (req.family == AF_UNSPEC)
				req.family = addr.family;
			any_len = addr.bytelen;
		} else if (strcmp(*argv, "scope") == 0) {
			uint32_t scope = 0;

			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_rtscope_a2n(&scope, *argv))
				return ipr_invarg(r, "invalid scope value.", *argv);
			req.scope = (u8)scope;
			scoped = true;
		} else if (strcmp(*argv, "dev") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			d = *argv;
		} else if (strcmp(*argv, "label") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			req.label = *argv;
		} else if (ipr_matches(*argv, "metric") == 0 || ipr_matches(*argv, "priority") == 0 ||
			   ipr_matches(*argv, "preference") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (ipr_get_u32(&req.metric, *argv, 0))
				return ipr_invarg(r, "\"metric\" value is invalid\n", *argv);
			req.has_metric = true;
		} else if (ipr_matches(*argv, "valid_lft") == 0) {
			if (valid_lftp)
				return ipr_duparg(r, "valid_lft", *argv);
			IPR_NEXT_ARG(r, argc, argv);
			valid_lftp = *argv;
			if (set_lifetime(&valid_lft, *argv))
				return ipr_invarg(r, "valid_lft value", *argv);
		} else if (ipr_matches(*argv, "preferred_lft") == 0) {
			if (preferred_lftp)
				return ipr_duparg(r, "preferred_lft", *argv);
			IPR_NEXT_ARG(r, argc, argv);
			preferred_lftp = *argv;
			if (set_lifetime(&preferred_lft, *argv))
				return ipr_invarg(r, "preferred_lft value", *argv);
		} else if (lookup_flag_data_by_name(*argv)) {
			const struct ifa_flag_data *fd = lookup_flag_data_by_name(*argv);

			if (fd->readonly)
				sim_sh_eprintf(r->sh, "Warning: %s option is not mutable from "
					       "userspace\n", fd->name);
			else if (fd->v6only && req.family != AF_INET6)
				sim_sh_eprintf(r->sh, "Warning: %s option can be set only for IPv6 "
					       "addresses\n", fd->name);
			else
				ifa_flags |= fd->mask;
		} else {
			if (strcmp(*argv, "local") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (ipr_matches(*argv, "help") == 0)
				return ipaddr_usage(r);
			if (local_len)
				return ipr_duparg2(r, "local", *argv);
			lcl_arg = *argv;
			if (ipr_get_prefix(r, &lcl, *argv, req.family) < 0)
				return -1;
			if (req.family == AF_UNSPEC)
				req.family = lcl.family;
			req.has_local = true;
			req.local = lcl.data[0];
			local_len = lcl.bytelen;
		}
		argc--;
		argv++;
	}
	if (!d) {
		sim_sh_eprintf(r->sh, "Not enough information: \"dev\" argument is required.\n");
		r->status = 1;
		return -1;
	}
	if (local_len) {
		if (cmd == RTM_DELADDR && lcl.family == AF_INET &&
		    !(lcl.flags & IPR_PREFIXLEN_SPECIFIED)) {
			sim_sh_eprintf(r->sh,
				"Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
				"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
				"         This special behaviour is likely to disappear in further releases,\n"
				"         fix your scripts!\n", lcl_arg, local_len * 8);
		} else {
			req.has_address = true;
			req.address = req.local;
		}
	}
	req.prefixlen = lcl.bitlen > 0 ? (u8)lcl.bitlen : 0;
	if (brd_len < 0 && cmd != RTM_DELADDR) {
		if (req.family != AF_INET) {
			sim_sh_eprintf(r->sh, "Broadcast can be set only for IPv4 addresses\n");
			r->status = 1;
			return -1;
		}
		/* "brd +": the host bits set; "brd -": cleared (/31 and /32: none) */
		if (lcl.bitlen <= 30) {
			__be32 host = htonl(lcl.bitlen ? 0xffffffffu >> lcl.bitlen : 0xffffffffu);

			req.brd = brd_len == -1 ? req.local | host : req.local & ~host;
			req.has_brd = true;
		}
	}
	if (!scoped && cmd != RTM_DELADDR)	/* default_scope(): host for 127/8 */
		req.scope = lcl.family == AF_INET && lcl.bytelen >= 1 &&
			    ((const u8 *)lcl.data)[0] == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
	dev = __dev_get_by_name(r->net, d);
	if (!dev)
		return ipr_nodev(r, d);
	req.ifindex = dev->ifindex;
	if (valid_lftp || preferred_lftp) {
		if (!valid_lft) {
			sim_sh_eprintf(r->sh, "valid_lft is zero\n");
			r->status = 1;
			return -1;
		}
		if (valid_lft < preferred_lft) {
			sim_sh_eprintf(r->sh, "preferred_lft is greater than valid_lft\n");
			r->status = 1;
			return -1;
		}
		if (valid_lft != INFINITY_LIFE_TIME || preferred_lft != INFINITY_LIFE_TIME)
			return ipr_unsupported(r, "ip address", "finite lifetimes");
	}
	if (ifa_flags & IFA_F_MCAUTOJOIN) {
		if (!(lcl.family == AF_INET && IN_MULTICAST(ntohl(lcl.data[0])))) {
			sim_sh_eprintf(r->sh, "autojoin needs multicast address\n");
			r->status = 1;
			return -1;
		}
		return ipr_unsupported(r, "ip address", "autojoin");
	}
	req.flags = ifa_flags;

	if (cmd == RTM_DELADDR) {
		if (req.family != AF_INET)
			ret = sim_err_set(&err, "RTNETLINK answers: Operation not supported");
		else
			ret = rtm_deladdr(r->net, req.ifindex, req.has_local ? &req.local : NULL,
					  req.label, req.has_address ? &req.address : NULL,
					  req.prefixlen, &err);
	} else {
		ret = rtm_newaddr(r->net, &req, nlflags, &err);
	}
	if (ret < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

int do_ipaddr(struct iproute *r, int argc, char **argv)
{
	if (argc < 1)
		return ipaddr_list_flush(r, 0, NULL, IPADD_LIST);
	if (ipr_matches(*argv, "add") == 0)
		return ipaddr_modify(r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
	if (ipr_matches(*argv, "change") == 0 || strcmp(*argv, "chg") == 0)
		return ipaddr_modify(r, RTM_NEWADDR, NLM_F_REPLACE, argc - 1, argv + 1);
	if (ipr_matches(*argv, "replace") == 0)
		return ipaddr_modify(r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				     argv + 1);
	if (ipr_matches(*argv, "delete") == 0)
		return ipaddr_modify(r, RTM_DELADDR, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "list") == 0 || ipr_matches(*argv, "show") == 0 ||
	    ipr_matches(*argv, "lst") == 0)
		return ipaddr_list_flush(r, argc - 1, argv + 1, IPADD_LIST);
	if (ipr_matches(*argv, "flush") == 0)
		return ipaddr_list_flush(r, argc - 1, argv + 1, IPADD_FLUSH);
	if (ipr_matches(*argv, "save") == 0 || ipr_matches(*argv, "showdump") == 0 ||
	    ipr_matches(*argv, "restore") == 0)
		return ipr_unsupported(r, "ip address", *argv);
	if (ipr_matches(*argv, "help") == 0)
		return ipaddr_usage(r);
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"ip address help\".\n", *argv);
	r->status = 255;
	return -1;
}
