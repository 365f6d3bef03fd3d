/*
 * models/apps/ip_link.c - `ip link`: show, set, add, delete (iproute2 6.1)
 *
 * User space: mirrors ip/iplink.c (iplink_parse(), iplink_modify()),
 * ip/link_veth.c and the link half of ip/ipaddress.c (print_linkinfo(),
 * print_link_flags(), print_stats64(), the brief format, and the words of
 * ipaddr_list_flush_or_save() about links, which `ip address` uses too),
 * with their messages and exit statuses: 255 for a command line iproute2
 * rejects, 1 for a missing device, 2 for an error the kernel answers.
 *
 * The kernel side of RTM_NEWLINK / RTM_DELLINK (net/core/rtnetlink.c:
 * do_setlink(), rtnl_newlink(), rtnl_dellink(), and veth_newlink()'s
 * checks) sits here too, in the rtnl_* functions, until the models grow
 * an rtnetlink layer of their own: they apply the request in
 * do_setlink()'s order (address, mtu, name, broadcast, flags, carrier,
 * txqueuelen) through dev.c, so a request fails where Linux 6.1's fails
 * and keeps what it changed before.
 *
 * Bridges (type bridge, type bridge_slave, master/nomaster) go to
 * models/bridge through br_netlink.c's br_changelink()/br_setport() and
 * br_if.c's br_set_master(); their options and -d lines are
 * iplink_bridge.c's.
 *
 * Differences: the attributes skbsim does not model (xdp, vf, vrf,
 * alias, netns moves of an existing device, numtxqueues...) are refused
 * with a message saying so; `netns NAME` in `ip link add` names a node.
 * IPv6 is not modelled, yet -d prints "addrgenmode eui64" as every Linux
 * with IPv6 does.  Carrier transitions (-s -s "transns") are estimated
 * from the current carrier state until net_device counts them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/etherdevice.h"
#include "linux/ethtool.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"
#include "net/sch_generic.h"
#include "net/veth.h"
#include "iplink_bridge.h"

enum link_cmd { RTM_NEWLINK, RTM_DELLINK };

/* What iplink_parse() puts into one ifinfomsg and its attributes. */
struct link_req {
	unsigned int ifi_flags, ifi_change;
	const char *name;		/* IFLA_IFNAME */
	const char *dev;
	bool has_mtu;
	int mtu;
	int addr_len;			/* IFLA_ADDRESS, 0: none */
	u8 addr[32];
	int brd_len;			/* IFLA_BROADCAST */
	u8 brd[32];
	bool has_qlen;
	int qlen;
	int carrier;			/* IFLA_CARRIER: -1 none */
	struct net *netns;		/* IFLA_NET_NS_*: NULL none */
	bool has_info_data;		/* veth: "peer ..." given */
	struct link_req *peer;		/* VETH_INFO_PEER */
	bool has_master;		/* IFLA_MASTER: master DEV / nomaster */
	struct net_device *master;	/* NULL: nomaster */
	bool has_br;			/* type bridge: IFLA_INFO_DATA */
	struct br_link_opts br;
	bool has_brport;		/* type bridge_slave: IFLA_INFO_SLAVE_DATA */
	struct br_port_opts brport;
};

static void link_req_init(struct link_req *req)
{
	memset(req, 0, sizeof(*req));
	req->carrier = -1;
}

/* ---- usage -------------------------------------------------------------- */

static int iplink_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
		"\t\t    [ txqueuelen PACKETS ]\n"
		"\t\t    [ address LLADDR ]\n"
		"\t\t    [ broadcast LLADDR ]\n"
		"\t\t    [ mtu MTU ] [index IDX ]\n"
		"\t\t    [ numtxqueues QUEUE_COUNT ]\n"
		"\t\t    [ numrxqueues QUEUE_COUNT ]\n"
		"\t\t    [ netns { PID | NAME } ]\n"
		"\t\t    type TYPE [ ARGS ]\n"
		"\n"
		"\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
		"\n"
		"\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
		"\t\t\t[ { up | down } ]\n"
		"\t\t\t[ type TYPE ARGS ]\n"
		"\t\t[ arp { on | off } ]\n"
		"\t\t[ dynamic { on | off } ]\n"
		"\t\t[ multicast { on | off } ]\n"
		"\t\t[ allmulticast { on | off } ]\n"
		"\t\t[ promisc { on | off } ]\n"
		"\t\t[ trailers { on | off } ]\n"
		"\t\t[ carrier { on | off } ]\n"
		"\t\t[ txqueuelen PACKETS ]\n"
		"\t\t[ name NEWNAME ]\n"
		"\t\t[ address LLADDR ]\n"
		"\t\t[ broadcast LLADDR ]\n"
		"\t\t[ mtu MTU ]\n"
		"\t\t[ netns { PID | NAME } ]\n"
		"\t\t[ link-netns NAME | link-netnsid ID ]\n"
		"\t\t[ alias NAME ]\n"
		"\t\t[ vf NUM [ mac LLADDR ]\n"
		"\t\t\t [ vlan VLANID [ qos VLAN-QOS ] [ proto VLAN-PROTO ] ]\n"
		"\t\t\t [ rate TXRATE ]\n"
		"\t\t\t [ max_tx_rate TXRATE ]\n"
		"\t\t\t [ min_tx_rate TXRATE ]\n"
		"\t\t\t [ spoofchk { on | off} ]\n"
		"\t\t\t [ query_rss { on | off} ]\n"
		"\t\t\t [ state { auto | enable | disable} ]\n"
		"\t\t\t [ trust { on | off} ]\n"
		"\t\t\t [ node_guid EUI64 ]\n"
		"\t\t\t [ port_guid EUI64 ] ]\n"
		"\t\t[ { xdp | xdpgeneric | xdpdrv | xdpoffload } { off |\n"
		"\t\t\t  object FILE [ { section | program } NAME ] [ verbose ] |\n"
		"\t\t\t  pinned FILE } ]\n"
		"\t\t[ master DEVICE ][ vrf NAME ]\n"
		"\t\t[ nomaster ]\n"
		"\t\t[ addrgenmode { eui64 | none | stable_secret | random } ]\n"
		"\t\t[ protodown { on | off } ]\n"
		"\t\t[ protodown_reason PREASON { on | off } ]\n"
		"\t\t[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]\n"
		"\t\t[ gro_max_size BYTES ]\n"
		"\n"
		"\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
		"\t\t[nomaster]\n"
		"\n"
		"\tip link xstats type TYPE [ ARGS ]\n"
		"\n"
		"\tip link afstats [ dev DEVICE ]\n"
		"\tip link property add dev DEVICE [ altname NAME .. ]\n"
		"\tip link property del dev DEVICE [ altname NAME .. ]\n"
		"\n"
		"\tip link help [ TYPE ]\n"
		"\n"
		IPLINK_USAGE_TYPES);
	r->status = 255;
	return -1;
}

/* link_veth.c's print_usage(): it prints with printf, so on stdout */
static void veth_print_usage(struct iproute *r)
{
	sim_sh_printf(r->sh, "Usage: ip link <options> type veth [peer <options>]\n"
		      "To get <options> type 'ip link add help'\n");
}

/* ---- parsing (iplink.c) ------------------------------------------------- */

/* on_off(): a flag argument that is neither "on" nor "off" */
static int on_off(struct iproute *r, const char *msg, const char *realval)
{
	sim_sh_eprintf(r->sh, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n",
		       msg, realval);
	r->status = 1;
	return -1;
}

/* rtnl_group_a2n(): "default" (/etc/iproute2/group) or a number; -1 if neither */
static long rtnl_group_a2n(const char *arg)
{
	char *end;
	long i;

	if (strcmp(arg, "default") == 0)
		return 0;
	i = strtol(arg, &end, 0);
	if (!*arg || *end || i < 0)
		return -1;
	return i;
}

/* A flag word of iplink_parse(): "promisc on" sets or clears @bit. */
static int parse_flag(struct iproute *r, struct link_req *req, const char *key,
		      const char *val, unsigned int bit, bool on_sets)
{
	req->ifi_change |= bit;
	if (strcmp(val, "on") == 0)
		req->ifi_flags = on_sets ? req->ifi_flags | bit : req->ifi_flags & ~bit;
	else if (strcmp(val, "off") == 0)
		req->ifi_flags = on_sets ? req->ifi_flags & ~bit : req->ifi_flags | bit;
	else
		return on_off(r, key, val);
	return 0;
}

/*
 * Keywords iplink_parse() knows that skbsim does not model, in its order;
 * some are abbreviated as iproute2 allows (matches()), so "m" is master.
 */
static const struct { const char *name; bool prefix; } unsupported_words[] = {
	{ "index", false }, { "link", true }, { "xdp", false }, { "xdpgeneric", false },
	{ "xdpdrv", false }, { "xdpoffload", false }, { "vf", false },
	{ "vrf", false }, { "alias", true }, { "mode", false },
	{ "state", false }, { "numtxqueues", true }, { "numrxqueues", true },
	{ "addrgenmode", true }, { "link-netns", true }, { "link-netnsid", true },
	{ "protodown", false }, { "protodown_reason", false }, { "gso_max_size", false },
	{ "gso_max_segs", false }, { "gro_max_size", false }, { "parentdev", false },
};

static const char *unsupported_keyword(const char *word)
{
	for (size_t i = 0; i < G_N_ELEMENTS(unsupported_words); i++) {
		const char *name = unsupported_words[i].name;

		if (unsupported_words[i].prefix ? ipr_matches(word, name) == 0
						: strcmp(word, name) == 0)
			return name;
	}
	return NULL;
}

/* netns NAME: the node of that name (skbsim's named namespaces) */
static struct net *netns_get(struct iproute *r, const char *name)
{
	struct node *node = world_node(r->net->w, name);

	return node ? node_net(node) : NULL;
}

/*
 * iplink_parse - words up to "type"; returns how many it consumed (the
 * type word and its value included), or -1.  @create: NLM_F_CREATE.
 */
static int iplink_parse(struct iproute *r, int argc, char **argv, struct link_req *req,
			const char **type, bool create)
{
	const char *name = NULL, *dev = NULL;
	int ret = argc;

	while (argc > 0) {
		const char *w = *argv, *unsupported;

		if (strcmp(w, "up") == 0) {
			req->ifi_change |= IFF_UP;
			req->ifi_flags |= IFF_UP;
		} else if (strcmp(w, "down") == 0) {
			req->ifi_change |= IFF_UP;
			req->ifi_flags &= ~IFF_UP;
		} else if (strcmp(w, "name") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (name)
				return ipr_duparg(r, "name", *argv);
			if (ipr_check_ifname(*argv))
				return ipr_invarg(r, "\"name\" not a valid ifname", *argv);
			name = *argv;
			if (!dev)
				dev = name;
		} else if (ipr_matches(w, "address") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			req->addr_len = ipr_ll_addr_a2n(r, req->addr, sizeof(req->addr), *argv);
			if (req->addr_len < 0)
				return -1;
		} else if (ipr_matches(w, "broadcast") == 0 || strcmp(w, "brd") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			req->brd_len = ipr_ll_addr_a2n(r, req->brd, sizeof(req->brd), *argv);
			if (req->brd_len < 0)
				return -1;
		} else if (ipr_matches(w, "txqueuelen") == 0 || strcmp(w, "qlen") == 0 ||
			   ipr_matches(w, "txqlen") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (req->has_qlen)
				return ipr_duparg(r, "txqueuelen", *argv);
			if (ipr_get_integer(&req->qlen, *argv, 0))
				return ipr_invarg(r, "Invalid \"txqueuelen\" value\n", *argv);
			req->has_qlen = true;
		} else if (strcmp(w, "mtu") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (req->has_mtu)
				return ipr_duparg(r, "mtu", *argv);
			if (ipr_get_integer(&req->mtu, *argv, 0))
				return ipr_invarg(r, "Invalid \"mtu\" value\n", *argv);
			req->has_mtu = true;
		} else if (strcmp(w, "netns") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (req->netns)
				return ipr_duparg(r, "netns", *argv);
			req->netns = netns_get(r, *argv);
			if (!req->netns)
				return ipr_invarg(r, "Invalid \"netns\" value\n", *argv);
		} else if (strcmp(w, "multicast") == 0 || strcmp(w, "allmulticast") == 0 ||
			   strcmp(w, "promisc") == 0 || strcmp(w, "trailers") == 0 ||
			   strcmp(w, "arp") == 0 || ipr_matches(w, "dynamic") == 0) {
			static const struct {
				const char *key;
				unsigned int bit;
				bool on_sets;
			} flags[] = {
				{ "multicast", IFF_MULTICAST, true },
				{ "allmulticast", IFF_ALLMULTI, true },
				{ "promisc", IFF_PROMISC, true },
				{ "trailers", IFF_NOTRAILERS, false },
				{ "arp", IFF_NOARP, false },
				{ "dynamic", IFF_DYNAMIC, true },
			};
			size_t i = 0;

			while (i < G_N_ELEMENTS(flags) - 1 && strcmp(w, flags[i].key) != 0)
				i++;
			IPR_NEXT_ARG(r, argc, argv);
			if (parse_flag(r, req, flags[i].key, *argv, flags[i].bit,
				       flags[i].on_sets) < 0)
				return -1;
		} else if (strcmp(w, "carrier") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			if (strcmp(*argv, "on") == 0) {
				req->carrier = 1;
			} else if (strcmp(*argv, "off") == 0) {
				req->carrier = 0;
			} else {
				/* parse_on_off(): its own words, and -EINVAL as status */
				sim_sh_eprintf(r->sh, "Error: argument of \"carrier\" must be one "
					       "of \"off\", \"on\", not \"%s\"\n", *argv);
				r->status = EINVAL;
				return -1;
			}
		} else if (ipr_matches(w, "master") == 0) {
			struct net_device *m;

			IPR_NEXT_ARG(r, argc, argv);
			m = __dev_get_by_name(r->net, *argv);
			if (!m)
				return ipr_invarg(r, "Device does not exist\n", *argv);
			req->has_master = true;
			req->master = m;
		} else if (ipr_matches(w, "nomaster") == 0) {
			req->has_master = true;
			req->master = NULL;
		} else if (ipr_matches(w, "type") == 0) {
			IPR_NEXT_ARG(r, argc, argv);
			*type = *argv;
			argc--;
			argv++;
			break;
		} else if (strcmp(w, "group") == 0) {
			/* the only group there is: "default" (0) */
			IPR_NEXT_ARG(r, argc, argv);
			if (rtnl_group_a2n(*argv) < 0)
				return ipr_invarg(r, "Invalid \"group\" value\n", *argv);
			if (rtnl_group_a2n(*argv) > 0)
				return ipr_unsupported(r, "ip link", "group");
		} else if ((unsupported = unsupported_keyword(w)) != NULL) {
			return ipr_unsupported(r, "ip link", unsupported);
		} else {
			if (ipr_matches(w, "help") == 0)
				return iplink_usage(r);
			if (strcmp(w, "dev") == 0)
				IPR_NEXT_ARG(r, argc, argv);
			if (dev != name)
				return ipr_duparg2(r, "dev", *argv);
			if (*argv[0] == '\0' || strchr(*argv, '/') ||
			    strpbrk(*argv, " \t\n\v\f\r"))
				return ipr_invarg(r, "\"dev\" not a valid ifname", *argv);
			dev = *argv;
		}
		argc--;
		argv++;
	}
	ret -= argc;

	/* Allow "ip link add dev" and "ip link add name" */
	if (!name)
		name = dev;
	else if (!dev)
		dev = name;
	else if (strcmp(name, dev) == 0)
		name = dev;

	if (dev && req->addr_len && !create) {
		struct net_device *d = __dev_get_by_name(r->net, dev);

		if (d && d->addr_len != req->addr_len) {
			sim_sh_eprintf(r->sh, "Invalid address length %d - must be %d bytes\n",
				       req->addr_len, d->addr_len);
			r->status = 1;
			return -1;
		}
	}
	if (!create) {
		if (!dev) {
			sim_sh_eprintf(r->sh,
				       "Not enough information: \"dev\" argument is required.\n");
			r->status = 255;
			return -1;
		}
		if (!__dev_get_by_name(r->net, dev))
			return ipr_nodev(r, dev);
		if (name == dev)
			name = NULL;
	} else if (name != dev) {
		sim_sh_eprintf(r->sh,
			       "both \"name\" and \"dev\" cannot be used when creating devices.\n");
		r->status = 255;
		return -1;
	}
	req->dev = dev;
	req->name = name;
	return ret;
}

/* veth_parse_opt(): "peer [options]" after "type veth" */
static int veth_parse_opt(struct iproute *r, int argc, char **argv, struct link_req *req,
			  struct link_req *peer, bool create)
{
	const char *type = NULL;
	int err;

	if (strcmp(argv[0], "peer") != 0) {
		veth_print_usage(r);
		r->status = 1;
		return -1;
	}
	link_req_init(peer);
	err = iplink_parse(r, argc - 1, argv + 1, peer, &type, create);
	if (err < 0)
		return -1;
	if (type)
		return ipr_duparg(r, "type", argv[err]);
	req->has_info_data = true;
	req->peer = peer;
	return 0;
}

/* ---- the kernel side: rtnetlink.c ------------------------------------------- */

/* rtnl_dev_combine_flags(): the request's changed bits over the current ones */
static unsigned int rtnl_dev_combine_flags(const struct net_device *dev,
					   const struct link_req *req)
{
	unsigned int flags = req->ifi_flags;
	unsigned int cur = (dev->flags & ~(IFF_PROMISC | IFF_ALLMULTI)) |
			   (dev->gflags & (IFF_PROMISC | IFF_ALLMULTI));

	if (req->ifi_change)
		flags = (flags & req->ifi_change) | (cur & ~req->ifi_change);
	return flags;
}

/* do_setlink(): in the kernel's order; stops at the first error */
static int do_setlink(struct net_device *dev, const struct link_req *req, struct sim_err *err)
{
	int ret;

	if (req->netns && req->netns != dev_net(dev))
		return sim_err_set(err, "Error: skbsim cannot move a device to another node.");
	if (req->addr_len &&
	    (ret = dev_set_mac_address(dev, req->addr, err)) < 0)
		return ret;
	if (req->has_mtu && (ret = dev_set_mtu(dev, req->mtu, err)) < 0)
		return ret;
	if (req->name && (ret = dev_change_name(dev, req->name, err)) < 0)
		return ret;
	if (req->brd_len) {
		memcpy(dev->broadcast, req->brd, dev->addr_len);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}
	if (req->has_master && (ret = br_set_master(dev, req->master, err)) < 0)
		return ret;
	if ((req->ifi_flags || req->ifi_change) &&
	    (ret = dev_change_flags(dev, rtnl_dev_combine_flags(dev, req), err)) < 0)
		return ret;
	if (req->carrier >= 0) {
		/* dev_change_carrier(): only drivers with ndo_change_carrier */
		if (!dev->netdev_ops->ndo_change_carrier)
			return sim_err_set(err, "RTNETLINK answers: Operation not supported");
		if ((ret = dev->netdev_ops->ndo_change_carrier(dev, req->carrier)) < 0)
			return sim_err_set(err, "RTNETLINK answers: %s", g_strerror(-ret));
	}
	if (req->has_qlen &&
	    (ret = dev_change_tx_queue_len(dev, (unsigned int)req->qlen, err)) < 0)
		return ret;
	return 0;
}

/* validate_linkmsg(): an address shorter than the device's */
static int validate_linkmsg(const struct net_device *dev, const struct link_req *req,
			    struct sim_err *err)
{
	if ((req->addr_len && req->addr_len < dev->addr_len) ||
	    (req->brd_len && req->brd_len < dev->addr_len))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument");
	return 0;
}

/* veth_validate(): what a veth end accepts before anything is made */
static int veth_validate(const struct link_req *req, struct sim_err *err)
{
	if (req->addr_len) {
		if (req->addr_len != ETH_ALEN)
			return sim_err_set(err, "RTNETLINK answers: Invalid argument");
		if (!is_valid_ether_addr(req->addr))
			return sim_err_set(err, "RTNETLINK answers: "
					   "Cannot assign requested address");
	}
	if (req->has_mtu && (req->mtu < ETH_MIN_MTU || req->mtu > (int)ETH_MAX_MTU))
		return sim_err_set(err, "RTNETLINK answers: Invalid argument");
	return 0;
}

/* rtnl_create_link()'s attributes and rtnl_configure_link(), on a new end */
static int veth_configure(struct net_device *dev, const struct link_req *req, bool flags,
			  struct sim_err *err)
{
	int ret;

	if (req->addr_len && (ret = dev_set_mac_address(dev, req->addr, err)) < 0)
		return ret;
	if (req->has_mtu && (ret = dev_set_mtu(dev, req->mtu, err)) < 0)
		return ret;
	if (req->brd_len)
		memcpy(dev->broadcast, req->brd, dev->addr_len);
	if (req->has_qlen &&
	    (ret = dev_change_tx_queue_len(dev, (unsigned int)req->qlen, err)) < 0)
		return ret;
	if (flags && (req->ifi_flags || req->ifi_change))
		return dev_change_flags(dev, rtnl_dev_combine_flags(dev, req), err);
	return 0;
}

/*
 * veth_newlink() as rtnl_newlink() drives it: both ends checked, the peer
 * (with its own options, or the main ones when no "peer" was given)
 * registered first, in its "netns" if it names one, else in ours (@src)
 * when it has options of its own, else beside the main end (@dest).
 */
static int rtnl_newlink_veth(struct net *src, struct net *dest, const struct link_req *req,
			     struct sim_err *err)
{
	const struct link_req *tbp = req->peer ? req->peer : req;
	struct net *peer_net = tbp->netns ? tbp->netns : req->peer ? src : dest;
	const char *peername = req->peer && req->peer->name ? req->peer->name : "veth%d";
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct net_device *dev, *peer;
	int ret;

	if (veth_validate(req, err) < 0 || (req->peer && veth_validate(req->peer, err) < 0))
		return -1;
	/* the peer is configured before the pair is tied: it cannot open */
	if (req->peer && (req->peer->ifi_flags & IFF_UP)) {
		if (__dev_get_by_name(peer_net, peername))
			return sim_err_set(err, "RTNETLINK answers: File exists");
		return sim_err_set(err, "RTNETLINK answers: Transport endpoint is not connected");
	}
	dev = veth_newlink(dest, req->name ? req->name : "veth%d", peer_net, peername, &cfg,
			   err);
	if (!dev)
		return -1;
	peer = dev->netdev_ops->ndo_get_peer_dev(dev);
	if (req->peer) {
		ret = veth_configure(peer, tbp, true, err);
	} else {
		/* without peer options the peer gets ours, but a random address */
		struct link_req copy = *req;

		copy.addr_len = 0;
		ret = veth_configure(peer, &copy, false, err);
	}
	if (ret == 0)
		ret = veth_configure(dev, req, true, err);
	if (ret < 0) {
		veth_dellink(dev);
		return -1;
	}
	return 0;
}

/*
 * The bridge parts of rtnl_newlink() for an existing device: the bridge's
 * changelink (IFLA_INFO_DATA), then its master's slave_changelink
 * (IFLA_INFO_SLAVE_DATA); a device of another kind, or not a port: EOPNOTSUPP.
 */
static int rtnl_changelink_bridge(struct net_device *dev, const struct link_req *req,
				  struct sim_err *err)
{
	if (req->has_br && req->br.set) {
		if (!netif_is_bridge_dev(dev))
			return sim_err_set(err, "RTNETLINK answers: Operation not supported");
		if (br_changelink(netdev_priv(dev), &req->br, err) < 0)
			return -1;
	}
	if (req->has_brport) {
		struct net_bridge_port *p = br_port_get_rtnl(dev);

		if (!p)
			return sim_err_set(err, "RTNETLINK answers: Operation not supported");
		if (br_setport(p, &req->brport, err) < 0)
			return -1;
	}
	return 0;
}

/*
 * rtnl_create_link() + br_dev_newlink() + rtnl_configure_link(): the
 * bridge registered, its attributes, its options (br_changelink), up;
 * a failure deletes it again.
 */
static int rtnl_newlink_bridge(struct net *net, const struct link_req *req,
			       struct sim_err *err)
{
	struct net_device *dev;

	if (req->addr_len && (req->addr_len != ETH_ALEN || !is_valid_ether_addr(req->addr)))
		return sim_err_set(err, "RTNETLINK answers: Cannot assign requested address");
	dev = br_add_bridge(net, req->name, err);
	if (!dev)
		return -1;
	if (veth_configure(dev, req, false, err) < 0 ||
	    (req->has_br && br_changelink(netdev_priv(dev), &req->br, err) < 0) ||
	    (req->has_master && br_set_master(dev, req->master, err) < 0) ||
	    ((req->ifi_flags || req->ifi_change) &&
	     dev_change_flags(dev, rtnl_dev_combine_flags(dev, req), err) < 0)) {
		br_dellink(dev);
		return -1;
	}
	return 0;
}

static int rtnl_newlink(struct net *net, const struct link_req *req, const char *kind,
			unsigned int nlflags, struct sim_err *err)
{
	struct net_device *dev = req->dev ? __dev_get_by_name(net, req->dev) : NULL;

	if (nlflags & NLM_F_CREATE) {
		dev = req->name ? __dev_get_by_name(net, req->name) : NULL;
		if (dev && (nlflags & NLM_F_EXCL))
			return sim_err_set(err, "RTNETLINK answers: File exists");
		if (dev && (nlflags & NLM_F_REPLACE))
			return sim_err_set(err, "RTNETLINK answers: Operation not supported");
	}
	if (dev) {
		/* an existing device: only plain attributes, no kind data */
		if (validate_linkmsg(dev, req, err) < 0)
			return -1;
		if (req->has_info_data)
			return sim_err_set(err, "RTNETLINK answers: Operation not supported");
		if (rtnl_changelink_bridge(dev, req, err) < 0)
			return -1;
		return do_setlink(dev, req, err);
	}
	if (kind && strcmp(kind, "bridge") == 0)
		return rtnl_newlink_bridge(req->netns ? req->netns : net, req, err);
	if (!kind || strcmp(kind, "veth") != 0)
		return sim_err_set(err, "Error: Unknown device type.");
	return rtnl_newlink_veth(net, req->netns ? req->netns : net, req, err);
}

/* rtnl_dellink(): devices made by a link kind (veth, bridge) can go */
static int rtnl_dellink(struct net_device *dev, struct sim_err *err)
{
	if (dev && netif_is_bridge_dev(dev)) {
		br_dellink(dev);
		return 0;
	}
	if (!dev->rtnl_link_ops || !netif_is_veth(dev))
		return sim_err_set(err, "RTNETLINK answers: Operation not supported");
	veth_dellink(dev);
	return 0;
}

/* iplink_modify(): parse, then hand the request to the kernel side */
static int iplink_modify(struct iproute *r, enum link_cmd cmd, unsigned int nlflags,
			 int argc, char **argv)
{
	bool create = nlflags & NLM_F_CREATE;
	struct link_req req, peer;
	struct sim_err err = { { 0 } };
	const char *type = NULL;
	int ret;

	link_req_init(&req);
	ret = iplink_parse(r, argc, argv, &req, &type, create);
	if (ret < 0)
		return -1;
	argc -= ret;
	argv += ret;
	if (type) {
		if (strcmp(type, "veth") == 0 && argc) {
			if (veth_parse_opt(r, argc, argv, &req, &peer, create) < 0)
				return -1;
		} else if (strcmp(type, "bridge") == 0) {
			if (bridge_parse_opt(r, argc, argv, &req.br) < 0)
				return -1;
			req.has_br = true;
		} else if (strcmp(type, "bridge_slave") == 0) {
			if (bridge_slave_parse_opt(r, argc, argv, &req.brport) < 0)
				return -1;
			req.has_brport = true;
		} else if (argc) {
			if (ipr_matches(*argv, "help") == 0)
				return iplink_usage(r);
			sim_sh_eprintf(r->sh, "Garbage instead of arguments \"%s ...\". "
				       "Try \"ip link help\".\n", *argv);
			r->status = 1;
			return -1;
		}
	} else if (create) {
		sim_sh_eprintf(r->sh, "Not enough information: \"type\" argument is required\n");
		r->status = 1;
		return -1;
	}

	if (cmd == RTM_DELLINK)
		ret = rtnl_dellink(__dev_get_by_name(r->net, req.dev), &err);
	else
		ret = rtnl_newlink(r->net, &req, type, nlflags, &err);
	if (ret < 0)
		return ipr_rtnl_error(r, err.msg);
	return 0;
}

/* ---- printing (ipaddress.c) ------------------------------------------------ */

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};

/* print_link_flags(): NO-CARRIER first, then the kernel's flag names
 * (bridge/link.c prints them the same way) */
void ipr_print_link_flags(GString *out, unsigned int flags, bool mdown)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MASTER, "MASTER" }, { IFF_SLAVE, "SLAVE" },
		{ IFF_DEBUG, "DEBUG" }, { IFF_DYNAMIC, "DYNAMIC" },
		{ IFF_AUTOMEDIA, "AUTOMEDIA" }, { IFF_PORTSEL, "PORTSEL" },
		{ IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" }, { IFF_DORMANT, "DORMANT" }, { IFF_ECHO, "ECHO" },
	};

	g_string_append_c(out, '<');
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		g_string_append_printf(out, flags ? "%s," : "%s", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		if (!(flags & names[i].bit))
			continue;
		flags &= ~names[i].bit;
		g_string_append_printf(out, flags ? "%s," : "%s", names[i].name);
	}
	if (flags)
		g_string_append_printf(out, "%x", flags);
	if (mdown)
		g_string_append(out, ",M-DOWN");
	g_string_append(out, "> ");
}

/* ll_type_n2a() for the device types the models make */
static void ll_type_n2a(GString *out, unsigned short type)
{
	switch (type) {
	case ARPHRD_ETHER: g_string_append(out, "ether"); break;
	case ARPHRD_LOOPBACK: g_string_append(out, "loopback"); break;
	case ARPHRD_VOID: g_string_append(out, "void"); break;
	default: g_string_append_printf(out, "[%u]", type); break;
	}
}

static struct net_device *link_peer(const struct net_device *dev)
{
	if (!dev->netdev_ops->ndo_get_peer_dev)
		return NULL;
	return dev->netdev_ops->ndo_get_peer_dev((struct net_device *)dev);
}

/*
 * print_name_and_link(): "eth0", "v0@v1" (peer here: M-DOWN when it is
 * not up) or "eth0@if3" (peer in another node; IFLA_LINK is then always
 * sent, since Linux 5.13).  Returns whether M-DOWN applies.
 */
static bool print_name_and_link(GString *out, const char *fmt, const struct net_device *dev)
{
	const struct net_device *peer = link_peer(dev);
	bool other_net = peer && dev_net(peer) != dev_net(dev);
	bool mdown = false;
	char *name;

	if (other_net) {
		name = g_strdup_printf("%s@if%d", dev->name, peer->ifindex);
	} else if (dev->iflink && dev->iflink != dev->ifindex) {
		const struct net_device *link = __dev_get_by_index(dev_net(dev), dev->iflink);

		if (link) {
			name = g_strdup_printf("%s@%s", dev->name, link->name);
			mdown = !(link->flags & IFF_UP);
		} else {
			name = g_strdup_printf("%s@if%d", dev->name, dev->iflink);
		}
	} else {
		name = g_strdup(dev->name);
	}
	g_string_append_printf(out, fmt, name);
	g_free(name);
	return mdown;
}

/* print_num(): right-aligned, or 1.23k with -h (1024-based with -iec) */
static void print_num(const struct iproute *r, GString *out, unsigned int width, u64 count)
{
	const char *prefix = "kMGTPE";
	const unsigned int base = r->iec ? 1024 : 1000;
	u64 powi = 1;
	u16 powj = 1;
	u8 precision = 2;
	char buf[64];

	if (!r->human || count < base) {
		g_string_append_printf(out, "%*llu ", (int)width, (unsigned long long)count);
		return;
	}
	for (;;) {
		powi *= base;
		if (count / base < powi)
			break;
		if (!prefix[1])
			break;
		++prefix;
	}
	for (; precision > 0; precision--) {
		powj *= 10;
		if (count / powi < powj)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*f%c%s", precision, (double)count / (double)powi,
		 *prefix, r->iec ? "i" : "");
	g_string_append_printf(out, "%*s ", (int)width, buf);
}

/* size_columns(): each column as wide as its widest number (not with -h) */
static void size_columns(const struct iproute *r, unsigned int *cols, unsigned int n,
			 const u64 *vals)
{
	for (unsigned int i = 0; i < n; i++) {
		unsigned int len = 1;

		if (r->human)
			continue;
		for (u64 v = vals[i]; v > 9; v /= 10)
			len++;
		if (len > cols[i])
			cols[i] = len;
	}
}

/*
 * Carrier transitions (IFLA_CARRIER_CHANGES) until net_device counts them:
 * a device that can lose its carrier started without one (the drivers call
 * netif_carrier_off() after register) and gained it once if it has it now.
 */
static unsigned int dev_carrier_changes(const struct net_device *dev)
{
	return dev->carrier_up_count + dev->carrier_down_count;
}

/*
 * One direction of print_stats64(): "    RX:  bytes packets errors dropped
 * missed   mcast" (TX: carrier collsns) over its numbers, @v in that order,
 * "compressed" (@v[6]) only when there are such packets.
 */
static void print_stats_dir(const struct iproute *r, GString *out, const unsigned int *cols,
			    const char *dir, const char *col4, const char *col5, const u64 *v)
{
	g_string_append_printf(out, "    %s: %*s %*s %*s %*s %*s %*s %*s%s", dir,
			       (int)cols[0] - 4, "bytes", (int)cols[1], "packets",
			       (int)cols[2], "errors", (int)cols[3], "dropped",
			       (int)cols[4], col4, (int)cols[5], col5,
			       (int)cols[6], v[6] ? "compressed" : "", r->sl);
	g_string_append(out, "    ");
	for (int i = 0; i < 6; i++)
		print_num(r, out, cols[i], v[i]);
	if (v[6])
		print_num(r, out, cols[6], v[6]);
}

/*
 * Its -s -s part: "    RX errors:" and the five counters @name[1..5]
 * over their numbers @v[1..5], then @name[6] and @name[7] (RX's nohandler
 * and otherhost) only where their numbers are not 0.
 */
static void print_stats_errors(const struct iproute *r, GString *out, const unsigned int *cols,
			       const char *dir, const char *const *name, const u64 *v)
{
	g_string_append_printf(out, "    %s errors:%*s %*s %*s %*s %*s %*s%*s%*s%s", dir,
			       (int)cols[0] - 10, "", (int)cols[1], name[1],
			       (int)cols[2], name[2], (int)cols[3], name[3],
			       (int)cols[4], name[4], (int)cols[5], name[5],
			       v[6] ? (int)cols[6] + 1 : 0, v[6] ? name[6] : "",
			       v[7] ? (int)cols[7] + 1 : 0, v[7] ? name[7] : "", r->sl);
	g_string_append_printf(out, "%*s", (int)cols[0] + 5, "");
	for (int i = 1; i < 8; i++)
		if (i < 6 || v[i])
			print_num(r, out, cols[i], v[i]);
}

/* print_stats64(): the -s block; -s -s adds the error details */
static void print_stats64(const struct iproute *r, GString *out,
			  const struct rtnl_link_stats64 *s, u64 cc)
{
	/* [0] is the "RX errors:" column itself */
	static const char *const rx_err_names[] = {
		"", "length", "crc", "frame", "fifo", "overrun", " nohandler", " otherhost",
	};
	static const char *const tx_err_names[] = {
		"", "aborted", "fifo", "window", "heartbt", "transns", "", "",
	};
	unsigned int cols[] = { 10, 7, 6, 7, 7, 7, 10, 9 };
	const u64 rx[] = { s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped,
			   s->rx_missed_errors, s->multicast, s->rx_compressed, 0 };
	const u64 rx_err[] = { 0, s->rx_length_errors, s->rx_crc_errors, s->rx_frame_errors,
			       s->rx_fifo_errors, s->rx_over_errors, s->rx_nohandler,
			       s->rx_otherhost_dropped };
	const u64 tx[] = { s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped,
			   s->tx_carrier_errors, s->collisions, s->tx_compressed, 0 };
	const u64 tx_err[] = { 0, s->tx_aborted_errors, s->tx_fifo_errors, s->tx_window_errors,
			       s->tx_heartbeat_errors, cc, 0, 0 };
	const u64 tx_err_sizes[] = { 0, 0, s->tx_aborted_errors, s->tx_fifo_errors,
				     s->tx_window_errors, s->tx_heartbeat_errors, cc, 0 };

	size_columns(r, cols, 8, rx);
	if (r->show_stats > 1)
		size_columns(r, cols, 8, rx_err);
	size_columns(r, cols, 8, tx);
	if (r->show_stats > 1)	/* one column to the right, as iproute2 sizes them */
		size_columns(r, cols, 8, tx_err_sizes);

	print_stats_dir(r, out, cols, "RX", "missed", "mcast", rx);
	if (r->show_stats > 1) {
		g_string_append(out, r->sl);
		print_stats_errors(r, out, cols, "RX", rx_err_names, rx_err);
	}
	g_string_append(out, r->sl);
	print_stats_dir(r, out, cols, "TX", "carrier", "collsns", tx);
	if (r->show_stats > 1) {
		g_string_append(out, r->sl);
		print_stats_errors(r, out, cols, "TX", tx_err_names, tx_err);
	}
}

/* __print_link_stats(): the -s block of @dev */
static void __print_link_stats(const struct iproute *r, GString *out, struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	print_stats64(r, out, &s, dev_carrier_changes(dev));
}

/* -d: the details rtnl_fill_ifinfo() sends and print_linkinfo() prints */
static void print_details(GString *out, struct net_device *dev, const char *sl, bool do_link)
{
	/* lo, veth and bridges raise tso_max_size to GSO_MAX_SIZE; NICs keep 64k */
	bool big_tso = dev->type == ARPHRD_LOOPBACK || netif_is_veth(dev) ||
		       netif_is_bridge_dev(dev);
	struct ethtool_drvinfo info;

	memset(&info, 0, sizeof(info));
	g_string_append_printf(out, " promiscuity %u ", dev->promiscuity);
	g_string_append_printf(out, " allmulti %u ", dev->allmulti);
	g_string_append_printf(out, "minmtu %u ", dev->min_mtu);
	g_string_append_printf(out, "maxmtu %u ", dev->max_mtu);
	if (dev->rtnl_link_ops)
		g_string_append_printf(out, "%s    %s ", sl, dev->rtnl_link_ops->kind);
	if (netif_is_bridge_dev(dev))
		bridge_print_opt(out, dev);
	if (netif_is_bridge_port(dev)) {	/* IFLA_INFO_SLAVE_KIND */
		g_string_append_printf(out, "%s    bridge_slave ", sl);
		bridge_slave_print_opt(out, dev);
	}
	if (do_link)		/* the IFLA_AF_SPEC of IPv6: only `ip link` prints it */
		g_string_append(out, "addrgenmode eui64 ");
	g_string_append_printf(out, "numtxqueues %u ", dev->num_tx_queues);
	g_string_append_printf(out, "numrxqueues %u ", dev->num_rx_queues);
	g_string_append_printf(out, "gso_max_size 65536 gso_max_segs 65535 "
			       "tso_max_size %u tso_max_segs 65535 gro_max_size 65536 ",
			       big_tso ? 524280u : 65536u);
	if (dev->ethtool_ops && dev->ethtool_ops->get_drvinfo) {
		dev->ethtool_ops->get_drvinfo(dev, &info);
		if (info.bus_info[0])
			g_string_append_printf(out, "parentbus pci parentdev %.*s ",
					       (int)sizeof(info.bus_info), info.bus_info);
	}
}

/* print_linkinfo_brief(): -br; the address and flags only for links (AF_PACKET) */
static void print_linkinfo_brief(GString *out, struct net_device *dev, int family)
{
	bool mdown = print_name_and_link(out, "%-16s ", dev);

	if (dev->operstate < G_N_ELEMENTS(oper_states))
		g_string_append_printf(out, "%-14s ", oper_states[dev->operstate]);
	else
		g_string_append_printf(out, "state %#x", dev->operstate);
	if (family != AF_PACKET)
		return;
	if (dev->addr_len) {
		ipr_ll_addr_n2a(out, dev->dev_addr, dev->addr_len);
		g_string_append_c(out, ' ');
	}
	ipr_print_link_flags(out, dev_get_flags(dev), mdown);
	g_string_append_c(out, '\n');
}

void print_linkinfo(const struct iproute *r, GString *out, struct net_device *dev, int family,
		    bool do_link)
{
	const struct net_device *peer = link_peer(dev);
	const char *sl = r->sl;
	bool mdown;

	if (r->brief) {
		print_linkinfo_brief(out, dev, family);
		return;
	}
	g_string_append_printf(out, "%d: ", dev->ifindex);
	mdown = print_name_and_link(out, "%s: ", dev);
	ipr_print_link_flags(out, dev_get_flags(dev), mdown);
	g_string_append_printf(out, "mtu %u ", dev->mtu);
	g_string_append_printf(out, "qdisc %s ", dev->qdisc ? dev->qdisc->ops->id : "noop");
	if (dev->master)
		g_string_append_printf(out, "master %s ", dev->master->name);
	if (dev->operstate < G_N_ELEMENTS(oper_states))
		g_string_append_printf(out, "state %s ", oper_states[dev->operstate]);
	else
		g_string_append_printf(out, "state %#x", dev->operstate);
	if (do_link)
		g_string_append_printf(out, "mode %s ", dev->link_mode ? "DORMANT" : "DEFAULT");
	g_string_append(out, "group default ");
	if (dev->tx_queue_len)
		g_string_append_printf(out, "qlen %d", (int)dev->tx_queue_len);

	if (family == AF_UNSPEC || family == AF_PACKET || r->show_details) {
		g_string_append(out, sl);
		g_string_append(out, "    link/");
		ll_type_n2a(out, dev->type);
		g_string_append_c(out, ' ');
		if (dev->addr_len) {
			ipr_ll_addr_n2a(out, dev->dev_addr, dev->addr_len);
			g_string_append(out, dev->flags & IFF_POINTOPOINT ? " peer " : " brd ");
			ipr_ll_addr_n2a(out, dev->broadcast, dev->addr_len);
			if (!is_zero_ether_addr(dev->perm_addr) &&
			    memcmp(dev->perm_addr, dev->dev_addr, dev->addr_len) != 0) {
				g_string_append(out, " permaddr ");
				ipr_ll_addr_n2a(out, dev->perm_addr, dev->addr_len);
			}
		}
	}
	if (peer && dev_net(peer) != dev_net(dev))
		g_string_append_printf(out, " link-netns %s", dev_net(peer)->node->name);
	if (r->show_details)
		print_details(out, dev, sl, do_link);
	if (do_link && r->show_stats) {
		g_string_append(out, sl);
		__print_link_stats(r, out, dev);
	}
	g_string_append_c(out, '\n');
}

void print_link_stats(const struct iproute *r, GString *out, struct net_device *dev)
{
	__print_link_stats(r, out, dev);
	g_string_append_c(out, '\n');
}

/* ---- ip link show, and the link filters of ip address ---------------------- */

static gint cmp_ifindex(gconstpointer a, gconstpointer b)
{
	const struct net_device *x = *(struct net_device *const *)a;
	const struct net_device *y = *(struct net_device *const *)b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

GPtrArray *devices_by_index(struct net *net)
{
	GPtrArray *devs = g_ptr_array_new();
	struct net_device *dev;

	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		g_ptr_array_add(devs, dev);
	g_ptr_array_sort(devs, cmp_ifindex);
	return devs;
}

int link_filter_arg(struct iproute *r, struct link_filter *f, int *argcp, char ***argvp,
		    int (*usage)(struct iproute *r))
{
	int argc = *argcp;
	char **argv = *argvp;
	struct net_device *dev;

	if (strcmp(*argv, "up") == 0) {
		f->up = true;
	} else if (strcmp(*argv, "group") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		f->group = rtnl_group_a2n(*argv);
		if (f->group < 0)
			return ipr_invarg(r, "Invalid \"group\" value\n", *argv);
	} else if (strcmp(*argv, "master") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		dev = __dev_get_by_name(r->net, *argv);
		if (!dev)
			return ipr_invarg(r, "Device does not exist\n", *argv);
		f->master = dev->ifindex;
	} else if (strcmp(*argv, "vrf") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		return ipr_invarg(r, "Not a valid VRF name\n", *argv);
	} else if (strcmp(*argv, "nomaster") == 0) {
		f->master = -1;
	} else if (strcmp(*argv, "type") == 0) {
		IPR_NEXT_ARG(r, argc, argv);
		f->kind = *argv;
	} else {
		if (strcmp(*argv, "dev") == 0)
			IPR_NEXT_ARG(r, argc, argv);
		else if (ipr_matches(*argv, "help") == 0)
			return usage(r);
		if (f->dev)
			return ipr_duparg2(r, "dev", *argv);
		f->dev = *argv;
	}
	*argcp = argc;
	*argvp = argv;
	return 0;
}

int link_filter_dev(struct iproute *r, struct link_filter *f)
{
	struct net_device *dev;

	if (!f->dev)
		return 0;
	dev = __dev_get_by_name(r->net, f->dev);
	if (!dev) {
		sim_sh_eprintf(r->sh, "Device \"%s\" does not exist.\n", f->dev);
		r->status = 1;
		return -1;
	}
	f->ifindex = dev->ifindex;
	return 0;
}

bool link_filter_match(const struct link_filter *f, const struct net_device *dev)
{
	if (f->ifindex && dev->ifindex != f->ifindex)
		return false;
	if (f->up && !(dev->flags & IFF_UP))
		return false;
	if (f->group > 0)
		return false;	/* every device is in group 0 */
	if (f->master > 0 && (!dev->master || dev->master->ifindex != f->master))
		return false;
	if (f->master < 0 && dev->master)
		return false;
	if (f->kind && strcmp(f->kind, "bridge_slave") == 0)	/* the slave kind */
		return netif_is_bridge_port(dev);
	if (f->kind && (!dev->rtnl_link_ops || strcmp(dev->rtnl_link_ops->kind, f->kind) != 0))
		return false;
	return true;
}

/* ipaddr_list_link(): ipaddr_list_flush_or_save() for links only */
static int ipaddr_list_link(struct iproute *r, int argc, char **argv)
{
	struct link_filter f = { 0 };
	GPtrArray *devs;
	GString *out;

	for (; argc > 0; argc--, argv++)
		if (link_filter_arg(r, &f, &argc, &argv, iplink_usage) < 0)
			return -1;
	if (link_filter_dev(r, &f) < 0)
		return -1;
	devs = devices_by_index(r->net);
	out = g_string_new(NULL);
	for (guint i = 0; i < devs->len; i++)
		if (link_filter_match(&f, devs->pdata[i]))
			print_linkinfo(r, out, devs->pdata[i], AF_PACKET, true);
	sim_sh_printf(r->sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(devs);
	return 0;
}

/* do_iplink(): the subcommands, abbreviated as iproute2 allows */
int do_iplink(struct iproute *r, int argc, char **argv)
{
	if (argc < 1)
		return ipaddr_list_link(r, 0, NULL);
	if (ipr_matches(*argv, "add") == 0)
		return iplink_modify(r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, argc - 1,
				     argv + 1);
	if (ipr_matches(*argv, "set") == 0 || ipr_matches(*argv, "change") == 0)
		return iplink_modify(r, RTM_NEWLINK, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "replace") == 0)
		return iplink_modify(r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE, argc - 1,
				     argv + 1);
	if (ipr_matches(*argv, "delete") == 0)
		return iplink_modify(r, RTM_DELLINK, 0, argc - 1, argv + 1);
	if (ipr_matches(*argv, "show") == 0 || ipr_matches(*argv, "lst") == 0 ||
	    ipr_matches(*argv, "list") == 0)
		return ipaddr_list_link(r, argc - 1, argv + 1);
	if (ipr_matches(*argv, "xstats") == 0 || ipr_matches(*argv, "afstats") == 0 ||
	    ipr_matches(*argv, "property") == 0)
		return ipr_unsupported(r, "ip link", *argv);
	if (ipr_matches(*argv, "help") == 0) {
		if (argc > 1 && strcmp(argv[1], "veth") == 0) {
			veth_print_usage(r);
			return 0;
		}
		return iplink_usage(r);
	}
	sim_sh_eprintf(r->sh, "Command \"%s\" is unknown, try \"ip link help\".\n", *argv);
	r->status = 255;
	return -1;
}
