/*
 * models/apps/ethtool.c - the ethtool command (ethtool 6.1)
 *
 * User space: mirrors ethtool.c's main() and option table, the netlink
 * commands of netlink/settings.c (`ethtool DEV`), rings.c (-g/-G),
 * channels.c (-l/-L), coalesce.c (-c/-C) with netlink/parser.c's
 * messages, and the ioctl commands -i, -S, -x and -X of ethtool.c, with
 * their outputs, messages ("netlink error: Operation not supported",
 * "Cannot get RX ring count: ...") and exit statuses.
 *
 * The kernel side (net/ethtool/ of Linux 6.1: which attributes a reply
 * carries, the range checks of ethnl_set_rings()/ethnl_set_channels() and
 * their extack messages with the attribute's offset in the request,
 * ethtool_set_rxfh()'s checks) sits in the ethnl_* functions here and
 * calls the driver's struct ethtool_ops; a callback the driver lacks
 * answers "Operation not supported".
 *
 * Differences: the supported and advertised link modes of a NIC are the
 * <speed>baseT/Full mode of its cable's rate when there is one; only
 * rx-usecs and rx-frames coalesce (the model's parameters).  skbsim
 * extension: `ethtool -C DEV napi on|off` switches a simnic between NAPI
 * and an interrupt per frame, and `ethtool -c` then prints "NAPI: off".
 * Not modelled: -s, -k/-K, -a/-A, -p, -t, -d, -e, -m, --json, RSS
 * contexts and the other options (an error says so).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "linux/ethtool.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"

#define ETH_GSTRING_LEN		32
#define ETH_RXFH_INDIR_NO_CHANGE 0xffffffffU
#define ETH_TP_MDI_INVALID	0x00
#define ETH_TP_MDI		0x01
#define ETH_TP_MDI_AUTO		0x03

/* The offset of the device name in a request and of its first attribute. */
#define NLERR_DEV_OFFSET	24

struct ethtool_ctx {
	struct sim_sh *sh;
	struct net *net;
	const char *devname;
	struct net_device *dev;		/* NULL: no such device */
	int argc;
	char **argp;
};

static int exit_bad_args(struct ethtool_ctx *ctx)
{
	sim_sh_eprintf(ctx->sh, "ethtool: bad command line argument(s)\n"
		       "For more information run ethtool -h\n");
	return 1;
}

static const struct ethtool_ops *dev_ops(const struct ethtool_ctx *ctx)
{
	return ctx->dev ? ctx->dev->ethtool_ops : NULL;
}

/* ---- netlink plumbing: errors as nlsock_process_ack() prints them -------- */

/* The offset of attribute @idx (0-based, 8 bytes each) after the header. */
static unsigned int nl_attr_offset(const struct ethtool_ctx *ctx, unsigned int idx)
{
	size_t name_attr = (4 + strlen(ctx->devname) + 1 + 3) & ~(size_t)3;

	return (unsigned int)(20 + 4 + name_attr) + 8 * idx;
}

static void nl_error(const struct ethtool_ctx *ctx, const char *extack, int offset, int err)
{
	if (extack) {
		sim_sh_eprintf(ctx->sh, "netlink error: %s", extack);
		if (offset >= 0)
			sim_sh_eprintf(ctx->sh, " (offset %d)", offset);
		sim_sh_eprintf(ctx->sh, "\n");
	}
	sim_sh_eprintf(ctx->sh, "netlink error: %s\n", g_strerror(err));
}

/* ethnl_parse_header_dev_get(): the device of a request, or the error */
static bool nl_dev_ok(const struct ethtool_ctx *ctx)
{
	if (ctx->dev)
		return true;
	nl_error(ctx, "no device matches name", NLERR_DEV_OFFSET, ENODEV);
	return false;
}

/* ---- nl_parser(): "name value" pairs of -G, -L, -C ------------------------ */

enum param_kind { PARAM_U32, PARAM_BOOL };

struct param {
	const char *arg;
	enum param_kind kind;
	unsigned int attr;		/* the kernel's attribute order */
};

struct param_value {
	const struct param *p;
	u32 val;
	unsigned int pos;		/* order in the request */
};

/* parse_u32(): decimal, or hex with 0x; the whole word, 0 to 0xffffffff */
static int parse_u32(const char *arg, u32 *result)
{
	unsigned long long val;
	char *endptr;
	int base = 10;

	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X')) {
		arg += 2;
		base = 16;
	}
	if (!arg[0])
		return -EINVAL;
	errno = 0;
	val = strtoull(arg, &endptr, base);
	if (*endptr || errno || val > 0xffffffffULL)
		return -EINVAL;
	*result = (u32)val;
	return 0;
}

/* Fills @vals (one per param, in @params order); the number given, or -1. */
static int nl_parser(struct ethtool_ctx *ctx, const char *cmd, const struct param *params,
		     size_t n_params, struct param_value *vals)
{
	unsigned int pos = 0;

	for (size_t i = 0; i < n_params; i++)
		vals[i] = (struct param_value){ .p = &params[i] };
	while (ctx->argc > 0) {
		const char *name = *ctx->argp, *arg;
		size_t i;

		for (i = 0; i < n_params; i++)
			if (strcmp(params[i].arg, name) == 0)
				break;
		if (i == n_params) {
			sim_sh_eprintf(ctx->sh, "ethtool (%s): unknown parameter '%s'\n", cmd, name);
			return -1;
		}
		if (vals[i].pos) {
			sim_sh_eprintf(ctx->sh, "ethtool (%s): duplicate parameter '%s'\n", cmd,
				       name);
			return -1;
		}
		ctx->argc--;
		ctx->argp++;
		if (ctx->argc < 1) {
			sim_sh_eprintf(ctx->sh, "ethtool (%s): no value for parameter '%s'\n", cmd,
				       name);
			return -1;
		}
		arg = *ctx->argp;
		ctx->argc--;
		ctx->argp++;
		if (params[i].kind == PARAM_BOOL) {
			if (strcmp(arg, "on") == 0) {
				vals[i].val = 1;
			} else if (strcmp(arg, "off") == 0) {
				vals[i].val = 0;
			} else {
				sim_sh_eprintf(ctx->sh, "ethtool (%s): invalid value '%s' for "
					       "parameter '%s'\n", cmd, arg, name);
				return -1;
			}
		} else if (parse_u32(arg, &vals[i].val) < 0) {
			sim_sh_eprintf(ctx->sh, "ethtool (%s): invalid value '%s' for parameter "
				       "'%s'\n", cmd, arg, name);
			return -1;
		}
		vals[i].pos = ++pos;
	}
	return (int)pos;
}

/* ethnl_update_u32(): a given value replaces @field, noting a change */
static void update_u32(u32 *field, const struct param_value *v, bool *mod)
{
	if (!v->pos || *field == v->val)
		return;
	*field = v->val;
	*mod = true;
}

static int param_offset(const struct ethtool_ctx *ctx, const struct param_value *v)
{
	return (int)nl_attr_offset(ctx, v->pos - 1);
}

/* ---- ethtool DEV: netlink/settings.c ------------------------------------ */

static const char *const names_port[] = {
	[PORT_TP] = "Twisted Pair", [1] = "AUI", [2] = "BNC", [3] = "MII", [4] = "FIBRE",
	[5] = "Direct Attach Copper", [0xef] = "None", [PORT_OTHER] = "Other",
};

static void print_enum(GString *out, const char *const *info, unsigned int n_info,
		       unsigned int val, const char *label)
{
	if (val >= n_info || !info[val])
		g_string_append_printf(out, "\t%s: Unknown! (%u)\n", label, val);
	else
		g_string_append_printf(out, "\t%s: %s\n", label, info[val]);
}

/* The BASE-T mode of a NIC's speed, as ethtool names it, or NULL. */
static const char *baset_mode(u32 speed)
{
	static const struct { u32 speed; const char *name; } modes[] = {
		{ 10, "10baseT/Full" }, { 100, "100baseT/Full" }, { 1000, "1000baseT/Full" },
		{ 2500, "2500baseT/Full" }, { 5000, "5000baseT/Full" },
		{ 10000, "10000baseT/Full" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
		if (modes[i].speed == speed)
			return modes[i].name;
	return NULL;
}

/*
 * linkmodes_reply_cb() and linkinfo_reply_cb() for what get_link_ksettings
 * says.  A driver that autonegotiates (simnic) reports a TP port and the
 * BASE-T mode of its cable's rate; one that does not (veth) reports none.
 */
static void print_link_ksettings(GString *out, struct net_device *dev,
				 const struct ethtool_link_ksettings *ks,
				 const struct ethtool_link_ksettings *cap)
{
	const char *mode = cap->autoneg ? baset_mode(cap->speed) : NULL;
	u8 mdix = ETH_TP_MDI_INVALID, mdix_ctrl = 0;

	g_string_append_printf(out, "\tSupported ports: [ %s ]\n", cap->autoneg ? "TP" : "");
	g_string_append_printf(out, "\tSupported link modes:   %s\n", mode ? mode : "Not reported");
	g_string_append(out, "\tSupported pause frame use: No\n");
	g_string_append_printf(out, "\tSupports auto-negotiation: %s\n",
			       cap->autoneg ? "Yes" : "No");
	g_string_append(out, "\tSupported FEC modes: Not reported\n");
	g_string_append_printf(out, "\tAdvertised link modes:  %s\n", mode ? mode : "Not reported");
	g_string_append(out, "\tAdvertised pause frame use: No\n");
	g_string_append_printf(out, "\tAdvertised auto-negotiation: %s\n",
			       ks->autoneg ? "Yes" : "No");
	g_string_append(out, "\tAdvertised FEC modes: Not reported\n");
	if (ks->speed == 0 || ks->speed == (u16)-1 || ks->speed == SPEED_UNKNOWN)
		g_string_append(out, "\tSpeed: Unknown!\n");
	else
		g_string_append_printf(out, "\tSpeed: %uMb/s\n", ks->speed);
	print_enum(out, (const char *const[]){ "Half", "Full" }, 2, ks->duplex, "Duplex");
	g_string_append_printf(out, "\tAuto-negotiation: %s\n", ks->autoneg ? "on" : "off");
	print_enum(out, names_port, G_N_ELEMENTS(names_port), ks->port, "Port");
	g_string_append(out, "\tPHYAD: 0\n");
	g_string_append(out, "\tTransceiver: internal\n");
	if (ks->port == PORT_TP) {
		/* dump_mdix(): an autonegotiating PHY resolves MDI/MDI-X */
		if (ks->autoneg) {
			mdix_ctrl = ETH_TP_MDI_AUTO;
			mdix = netif_carrier_ok(dev) ? ETH_TP_MDI : ETH_TP_MDI_INVALID;
		}
		g_string_append_printf(out, "\tMDI-X: %s%s\n",
				       mdix == ETH_TP_MDI ? "off" : "Unknown",
				       mdix_ctrl == ETH_TP_MDI_AUTO ? " (auto)" : "");
	}
}

static int nl_gset(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct net_device *dev = ctx->dev;
	GString *out;

	if (!dev) {
		/* linkmodes, linkinfo, wol, debug, linkstate: each fails */
		for (int i = 0; i < 5; i++)
			nl_error(ctx, "no device matches name", NLERR_DEV_OFFSET, ENODEV);
		sim_sh_printf(ctx->sh, "No data available\n");
		return 75;
	}
	out = g_string_new(NULL);
	g_string_append_printf(out, "Settings for %s:\n", dev->name);
	if (ops && ops->get_link_ksettings) {
		struct ethtool_link_ksettings ks = { 0 }, cap;

		ops->get_link_ksettings(dev, &ks);
		/* what the PHY can do does not depend on the link being up */
		cap = ks;
		if (cap.speed == SPEED_UNKNOWN && dev->speed_mbps)
			cap.speed = (u32)dev->speed_mbps;
		print_link_ksettings(out, dev, &ks, &cap);
	}
	/* linkstate: ethtool_op_get_link() while running (lo: always_on) */
	g_string_append_printf(out, "\tLink detected: %s\n",
			       netif_running(dev) && netif_carrier_ok(dev) ? "yes" : "no");
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

/* ---- -i: do_gdrv() ------------------------------------------------------ */

static int do_gdrv(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct ethtool_drvinfo info;
	int n_stats;

	memset(&info, 0, sizeof(info));
	if (ctx->argc != 0)
		return exit_bad_args(ctx);
	if (!ctx->dev || !ops || !ops->get_drvinfo) {
		sim_sh_eprintf(ctx->sh, "Cannot get driver information: %s\n",
			       ctx->dev ? "Operation not supported" : "No such device");
		return 71;
	}
	ops->get_drvinfo(ctx->dev, &info);
	n_stats = ops->get_sset_count ? ops->get_sset_count(ctx->dev) : 0;
	sim_sh_printf(ctx->sh,
		      "driver: %.*s\n"
		      "version: %.*s\n"
		      "firmware-version: %.*s\n"
		      "expansion-rom-version: \n"
		      "bus-info: %.*s\n"
		      "supports-statistics: %s\n"
		      "supports-test: no\n"
		      "supports-eeprom-access: no\n"
		      "supports-register-dump: no\n"
		      "supports-priv-flags: no\n",
		      (int)sizeof(info.driver), info.driver,
		      (int)sizeof(info.version), info.version,
		      (int)sizeof(info.fw_version), info.fw_version,
		      (int)sizeof(info.bus_info), info.bus_info,
		      n_stats > 0 ? "yes" : "no");
	return 0;
}

/* ---- -g / -G: rings.c ------------------------------------------------------ */

static void show_u32(GString *out, const char *label, bool present, u32 val)
{
	if (present)
		g_string_append_printf(out, "%s%u\n", label, val);
	else
		g_string_append_printf(out, "%sn/a\n", label);
}

static int unexpected_parameter(struct ethtool_ctx *ctx)
{
	sim_sh_eprintf(ctx->sh, "ethtool: unexpected parameter '%s'\n", *ctx->argp);
	return 1;
}

static int nl_gring(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct ethtool_ringparam ring = { 0 };
	GString *out;

	if (ctx->argc > 0)
		return unexpected_parameter(ctx);
	if (!nl_dev_ok(ctx))
		return 1;
	if (!ops || !ops->get_ringparam) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 1;
	}
	ops->get_ringparam(ctx->dev, &ring);
	/* rings_fill_reply(): a ring with no maximum is not reported */
	out = g_string_new(NULL);
	g_string_append_printf(out, "Ring parameters for %s:\n", ctx->dev->name);
	g_string_append(out, "Pre-set maximums:\n");
	show_u32(out, "RX:\t\t", ring.rx_max_pending, ring.rx_max_pending);
	show_u32(out, "RX Mini:\t", false, 0);
	show_u32(out, "RX Jumbo:\t", false, 0);
	show_u32(out, "TX:\t\t", ring.tx_max_pending, ring.tx_max_pending);
	g_string_append(out, "Current hardware settings:\n");
	show_u32(out, "RX:\t\t", ring.rx_max_pending, ring.rx_pending);
	show_u32(out, "RX Mini:\t", false, 0);
	show_u32(out, "RX Jumbo:\t", false, 0);
	show_u32(out, "TX:\t\t", ring.tx_max_pending, ring.tx_pending);
	show_u32(out, "RX Buf Len:\t\t", false, 0);
	show_u32(out, "CQE Size:\t\t", false, 0);
	g_string_append(out, "TX Push:\toff\n");
	g_string_append(out, "TCP data split:\tn/a\n");
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

enum { R_RX, R_RX_MINI, R_RX_JUMBO, R_TX, R_RX_BUF_LEN, R_CQE_SIZE, R_TX_PUSH };
static const struct param sring_params[] = {
	[R_RX] = { "rx", PARAM_U32, 0 },
	[R_RX_MINI] = { "rx-mini", PARAM_U32, 1 },
	[R_RX_JUMBO] = { "rx-jumbo", PARAM_U32, 2 },
	[R_TX] = { "tx", PARAM_U32, 3 },
	[R_RX_BUF_LEN] = { "rx-buf-len", PARAM_U32, 4 },
	[R_CQE_SIZE] = { "cqe-size", PARAM_U32, 5 },
	[R_TX_PUSH] = { "tx-push", PARAM_BOOL, 6 },
};

/* ethnl_set_rings() */
static int nl_sring(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct param_value v[G_N_ELEMENTS(sring_params)];
	static const char *const unsupported[] = {
		[R_RX_BUF_LEN] = "setting rx buf len not supported",
		[R_CQE_SIZE] = "setting cqe size not supported",
		[R_TX_PUSH] = "setting tx push not supported",
	};
	struct ethtool_ringparam ring = { 0 };
	struct sim_err err = { { 0 } };
	u32 mini = 0, jumbo = 0;
	const struct param_value *bad = NULL;
	bool mod = false;

	if (nl_parser(ctx, "-G", sring_params, G_N_ELEMENTS(sring_params), v) < 0)
		return 1;
	if (!nl_dev_ok(ctx))
		return 81;
	if (!ops || !ops->get_ringparam || !ops->set_ringparam) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 81;
	}
	for (int i = R_RX_BUF_LEN; i <= R_TX_PUSH; i++) {
		if (v[i].pos) {
			nl_error(ctx, unsupported[i], param_offset(ctx, &v[i]), EOPNOTSUPP);
			return 81;
		}
	}
	ops->get_ringparam(ctx->dev, &ring);
	update_u32(&ring.rx_pending, &v[R_RX], &mod);
	update_u32(&mini, &v[R_RX_MINI], &mod);
	update_u32(&jumbo, &v[R_RX_JUMBO], &mod);
	update_u32(&ring.tx_pending, &v[R_TX], &mod);
	if (!mod)
		return 0;
	if (ring.rx_pending > ring.rx_max_pending)
		bad = &v[R_RX];
	else if (mini > 0)
		bad = &v[R_RX_MINI];
	else if (jumbo > 0)
		bad = &v[R_RX_JUMBO];
	else if (ring.tx_pending > ring.tx_max_pending)
		bad = &v[R_TX];
	if (bad) {
		nl_error(ctx, "requested ring size exceeds maximum", param_offset(ctx, bad),
			 EINVAL);
		return 81;
	}
	if (ops->set_ringparam(ctx->dev, &ring, &err) < 0) {
		nl_error(ctx, NULL, -1, EINVAL);
		return 81;
	}
	return 0;
}

/* ---- -l / -L: channels.c ------------------------------------------------- */

static int nl_gchannels(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct ethtool_channels ch = { 0 };
	GString *out;

	if (ctx->argc > 0)
		return unexpected_parameter(ctx);
	if (!nl_dev_ok(ctx))
		return 1;
	if (!ops || !ops->get_channels) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 1;
	}
	ops->get_channels(ctx->dev, &ch);
	out = g_string_new(NULL);
	g_string_append_printf(out, "Channel parameters for %s:\n", ctx->dev->name);
	g_string_append(out, "Pre-set maximums:\n");
	show_u32(out, "RX:\t\t", false, 0);
	show_u32(out, "TX:\t\t", false, 0);
	show_u32(out, "Other:\t\t", false, 0);
	show_u32(out, "Combined:\t", ch.max_combined, ch.max_combined);
	g_string_append(out, "Current hardware settings:\n");
	show_u32(out, "RX:\t\t", false, 0);
	show_u32(out, "TX:\t\t", false, 0);
	show_u32(out, "Other:\t\t", false, 0);
	show_u32(out, "Combined:\t", ch.max_combined, ch.combined_count);
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

enum { C_RX, C_TX, C_OTHER, C_COMBINED };
static const struct param schannels_params[] = {
	[C_RX] = { "rx", PARAM_U32, 0 },
	[C_TX] = { "tx", PARAM_U32, 1 },
	[C_OTHER] = { "other", PARAM_U32, 2 },
	[C_COMBINED] = { "combined", PARAM_U32, 3 },
};

/* ethnl_set_channels(): the model's channels are combined ones only */
static int nl_schannels(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct param_value v[G_N_ELEMENTS(schannels_params)];
	struct ethtool_channels ch = { 0 };
	struct sim_err err = { { 0 } };
	u32 rx = 0, tx = 0, other = 0;
	const struct param_value *bad = NULL;
	bool mod = false, mod_combined = false;

	if (nl_parser(ctx, "-L", schannels_params, G_N_ELEMENTS(schannels_params), v) < 0)
		return 1;
	if (!nl_dev_ok(ctx))
		return 1;
	if (!ops || !ops->get_channels || !ops->set_channels) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 1;
	}
	ops->get_channels(ctx->dev, &ch);
	update_u32(&rx, &v[C_RX], &mod);
	update_u32(&tx, &v[C_TX], &mod);
	update_u32(&other, &v[C_OTHER], &mod);
	update_u32(&ch.combined_count, &v[C_COMBINED], &mod_combined);
	mod |= mod_combined;
	if (!mod)
		return 0;
	/* ensure new channel counts are within limits */
	if (rx > 0)
		bad = &v[C_RX];
	else if (tx > 0)
		bad = &v[C_TX];
	else if (other > 0)
		bad = &v[C_OTHER];
	else if (ch.combined_count > ch.max_combined)
		bad = &v[C_COMBINED];
	if (bad) {
		nl_error(ctx, "requested channel count exceeds maximum", param_offset(ctx, bad),
			 EINVAL);
		return 1;
	}
	/* ensure there is at least one RX and one TX channel */
	if (!ch.combined_count) {
		bad = v[C_COMBINED].pos ? &v[C_COMBINED] : v[C_RX].pos ? &v[C_RX] : NULL;
		nl_error(ctx, "requested channel counts are too low",
			 bad ? param_offset(ctx, bad) : -1, EINVAL);
		return 1;
	}
	if (ops->set_channels(ctx->dev, &ch, &err) < 0) {
		nl_error(ctx, NULL, -1, EINVAL);
		return 1;
	}
	return 0;
}

/* ---- -c / -C: coalesce.c ---------------------------------------------------- */

static int nl_gcoalesce(struct ethtool_ctx *ctx)
{
	static const char *const rest[] = {
		"rx-usecs-irq: ", "rx-frames-irq: ", "", "tx-usecs: ", "tx-frames: ",
		"tx-usecs-irq: ", "tx-frames-irq: ", "", "rx-usecs-low: ", "rx-frame-low: ",
		"tx-usecs-low: ", "tx-frame-low: ", "", "rx-usecs-high: ", "rx-frame-high: ",
		"tx-usecs-high: ", "tx-frame-high: ", "",
	};
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct ethtool_coalesce ec = { 0 };
	GString *out;

	if (ctx->argc > 0)
		return unexpected_parameter(ctx);
	if (!nl_dev_ok(ctx))
		return 1;
	if (!ops || !ops->get_coalesce) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 1;
	}
	ops->get_coalesce(ctx->dev, &ec);
	out = g_string_new(NULL);
	g_string_append_printf(out, "Coalesce parameters for %s:\n", ctx->dev->name);
	g_string_append(out, "Adaptive RX: n/a  TX: n/a\n"
			"stats-block-usecs: n/a\n"
			"sample-interval: n/a\n"
			"pkt-rate-low: n/a\n"
			"pkt-rate-high: n/a\n"
			"\n");
	g_string_append_printf(out, "rx-usecs: %u\n", ec.rx_coalesce_usecs);
	g_string_append_printf(out, "rx-frames: %u\n", ec.rx_max_coalesced_frames);
	for (size_t i = 0; i < G_N_ELEMENTS(rest); i++) {
		if (rest[i][0])
			g_string_append_printf(out, "%sn/a\n", rest[i]);
		else
			g_string_append_c(out, '\n');
	}
	g_string_append(out, "CQE mode RX: n/a  TX: n/a\n");
	if (!ec.use_napi)
		g_string_append(out, "NAPI: off\n");	/* skbsim extension */
	g_string_append_c(out, '\n');
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

/* The parameters of -C, with the kernel's attribute order (ETHTOOL_A_COALESCE_*). */
enum { CO_RX_USECS = 6, CO_RX_FRAMES = 7, CO_NAPI = 24 };
static const struct param scoalesce_params[] = {
	{ "adaptive-rx", PARAM_BOOL, 9 }, { "adaptive-tx", PARAM_BOOL, 10 },
	{ "sample-interval", PARAM_U32, 21 }, { "stats-block-usecs", PARAM_U32, 8 },
	{ "pkt-rate-low", PARAM_U32, 11 }, { "pkt-rate-high", PARAM_U32, 16 },
	{ "rx-usecs", PARAM_U32, 0 }, { "rx-frames", PARAM_U32, 1 },
	{ "rx-usecs-irq", PARAM_U32, 2 }, { "rx-frames-irq", PARAM_U32, 3 },
	{ "tx-usecs", PARAM_U32, 4 }, { "tx-frames", PARAM_U32, 5 },
	{ "tx-usecs-irq", PARAM_U32, 6 }, { "tx-frames-irq", PARAM_U32, 7 },
	{ "rx-usecs-low", PARAM_U32, 12 }, { "rx-frames-low", PARAM_U32, 13 },
	{ "tx-usecs-low", PARAM_U32, 14 }, { "tx-frames-low", PARAM_U32, 15 },
	{ "rx-usecs-high", PARAM_U32, 17 }, { "rx-frames-high", PARAM_U32, 18 },
	{ "tx-usecs-high", PARAM_U32, 19 }, { "tx-frames-high", PARAM_U32, 20 },
	{ "cqe-mode-rx", PARAM_BOOL, 23 }, { "cqe-mode-tx", PARAM_BOOL, 22 },
	/* skbsim extension: NAPI (on) or an interrupt per frame (off) */
	{ "napi", PARAM_BOOL, 24 },
};

/* ethnl_set_coalesce(): only the parameters the driver has may be given */
static int nl_scoalesce(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	struct param_value v[G_N_ELEMENTS(scoalesce_params)];
	struct ethtool_coalesce ec = { 0 };
	struct sim_err err = { { 0 } };
	const struct param_value *bad = NULL;
	bool mod = false;
	u32 napi;

	if (nl_parser(ctx, "-C", scoalesce_params, G_N_ELEMENTS(scoalesce_params), v) < 0)
		return 1;
	if (!nl_dev_ok(ctx))
		return 1;
	if (!ops || !ops->get_coalesce || !ops->set_coalesce) {
		nl_error(ctx, NULL, -1, EOPNOTSUPP);
		return 1;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(v); i++)
		if (v[i].pos && i != CO_RX_USECS && i != CO_RX_FRAMES && i != CO_NAPI &&
		    (!bad || v[i].p->attr < bad->p->attr))
			bad = &v[i];
	if (bad) {
		nl_error(ctx, "cannot modify unsupported parameter", param_offset(ctx, bad),
			 EINVAL);
		return 1;
	}
	ops->get_coalesce(ctx->dev, &ec);
	napi = ec.use_napi;
	update_u32(&ec.rx_coalesce_usecs, &v[CO_RX_USECS], &mod);
	update_u32(&ec.rx_max_coalesced_frames, &v[CO_RX_FRAMES], &mod);
	update_u32(&napi, &v[CO_NAPI], &mod);
	ec.use_napi = napi;
	if (!mod)
		return 0;
	if (ops->set_coalesce(ctx->dev, &ec, &err) < 0) {
		nl_error(ctx, NULL, -1, EINVAL);
		return 1;
	}
	return 0;
}

/* ---- -S: do_gnicstats() ------------------------------------------------- */

static int do_gnicstats(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops = dev_ops(ctx);
	const char **names;
	u64 *data;
	GString *out;
	int n;

	if (ctx->argc != 0) {
		sim_sh_eprintf(ctx->sh, "ethtool: statistics groups are not supported by "
			       "skbsim\n");
		return 1;
	}
	if (!ctx->dev) {
		sim_sh_eprintf(ctx->sh, "Cannot get stats strings information: No such device\n");
		return 96;
	}
	n = ops && ops->get_sset_count && ops->get_strings && ops->get_ethtool_stats
		    ? ops->get_sset_count(ctx->dev) : 0;
	if (n < 1) {
		sim_sh_eprintf(ctx->sh, "no stats available\n");
		return 94;
	}
	names = g_new0(const char *, (gsize)n);
	data = g_new0(u64, (gsize)n);
	ops->get_strings(ctx->dev, names);
	ops->get_ethtool_stats(ctx->dev, data);
	out = g_string_new("NIC statistics:\n");
	for (int i = 0; i < n; i++)
		g_string_append_printf(out, "     %.*s: %llu\n", ETH_GSTRING_LEN,
				       names[i] ? names[i] : "", (unsigned long long)data[i]);
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_free(names);
	g_free(data);
	return 0;
}

/* ---- -x / -X: do_grxfh(), do_srxfh() -------------------------------------- */

/* ETHTOOL_GRXRINGS: drivers with RSS answer their number of rx queues */
static int get_rx_rings(struct ethtool_ctx *ctx, u32 *rings)
{
	const struct ethtool_ops *ops = dev_ops(ctx);

	if (!ctx->dev || !ops || !ops->get_rxfh) {
		sim_sh_eprintf(ctx->sh, "Cannot get RX ring count: %s\n",
			       ctx->dev ? "Operation not supported" : "No such device");
		return 1;
	}
	*rings = ctx->dev->real_num_rx_queues;
	return 0;
}

static void print_indir_table(GString *out, const char *devname, u32 rings, u32 size,
			      const u32 *indir)
{
	g_string_append_printf(out, "RX flow hash indirection table for %s with %u RX ring(s):\n",
			       devname, rings);
	if (!size)
		g_string_append(out, "Operation not supported\n");
	for (u32 i = 0; i < size; i++) {
		if (i % 8 == 0)
			g_string_append_printf(out, "%5u: ", i);
		g_string_append_printf(out, " %5u", indir[i]);
		if (i % 8 == 7 || i == size - 1)
			g_string_append_c(out, '\n');
	}
}

/* The RSS sizes of the driver; 0 when it has neither (ETHTOOL_GRSSH fails). */
static void rxfh_sizes(const struct ethtool_ops *ops, struct net_device *dev, u32 *indir_size,
		       u32 *key_size)
{
	*indir_size = ops->get_rxfh_indir_size ? ops->get_rxfh_indir_size(dev) : 0;
	*key_size = ops->get_rxfh_key_size ? ops->get_rxfh_key_size(dev) : 0;
}

static int do_grxfh(struct ethtool_ctx *ctx)
{
	const struct ethtool_ops *ops;
	u32 rings, indir_size, key_size;
	u32 *indir;
	u8 *key;
	GString *out;

	if (ctx->argc > 0) {
		if (strcmp(ctx->argp[0], "context") == 0) {
			sim_sh_eprintf(ctx->sh, "ethtool: RSS contexts are not supported by "
				       "skbsim\n");
			return 1;
		}
		return exit_bad_args(ctx);
	}
	if (get_rx_rings(ctx, &rings))
		return 1;
	ops = dev_ops(ctx);
	rxfh_sizes(ops, ctx->dev, &indir_size, &key_size);
	indir = g_new0(u32, indir_size + 1);
	key = g_new0(u8, key_size + 1);
	ops->get_rxfh(ctx->dev, indir, key);
	out = g_string_new(NULL);
	print_indir_table(out, ctx->devname, rings, indir_size, indir);
	g_string_append(out, "RSS hash key:\n");
	if (!key_size)
		g_string_append(out, "Operation not supported\n");
	for (u32 i = 0; i < key_size; i++)
		g_string_append_printf(out, i == key_size - 1 ? "%02x\n" : "%02x:", key[i]);
	/* ETH_SS_RSS_HASH_FUNCS: the model hashes with Toeplitz */
	g_string_append(out, "RSS hash function:\n"
			"    toeplitz: on\n"
			"    xor: off\n"
			"    crc32: off\n");
	sim_sh_printf(ctx->sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_free(indir);
	g_free(key);
	return 0;
}

/* get_int_range() / get_u32(): a whole number in range, else bad arguments */
static int get_int_range(const char *str, long long min, long long max, long long *v)
{
	char *endp;

	if (!str)
		return -1;
	errno = 0;
	*v = strtoll(str, &endp, 0);
	if (errno || *endp || !*str || *v < min || *v > max)
		return -1;
	return 0;
}

/* convert_string_to_hashkey(): "xx:xx:..." of exactly @key_size bytes */
static int parse_hkey(struct ethtool_ctx *ctx, u8 *key, u32 key_size, const char *s)
{
	u32 i = 0;

	if (!key_size) {
		sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration:\n"
			       " Hash key setting not supported\n");
		return 1;
	}
	do {
		unsigned int byte;
		int len = 0;

		if (i > key_size - 1) {
			sim_sh_eprintf(ctx->sh, "Key is too long for device (%u > %u)\n", i + 1,
				       key_size);
			return 2;
		}
		if (sscanf(s, "%2x%n", &byte, &len) < 1 || len != 2) {
			sim_sh_eprintf(ctx->sh, "Invalid RSS hash key format\n");
			return 2;
		}
		key[i++] = (u8)byte;
		s += 2;
		if (*s == ':') {
			s++;
		} else if (*s != '\0') {
			sim_sh_eprintf(ctx->sh, "Invalid RSS hash key format\n");
			return 2;
		}
	} while (*s);
	if (i != key_size) {
		sim_sh_eprintf(ctx->sh, "Key is too short for device (%u < %u)\n", i, key_size);
		return 2;
	}
	return 0;
}

struct srxfh_args {
	long long equal, start;
	char **weight;
	u32 num_weights;
	const char *hkey, *hfunc;
	bool dflt;
};

/* fill_indir_table(); NO_CHANGE when neither equal, weight nor default */
static int fill_indir_table(struct ethtool_ctx *ctx, const struct srxfh_args *a, u32 *size,
			    u32 *indir)
{
	if (a->equal) {
		for (u32 i = 0; i < *size; i++)
			indir[i] = (u32)(a->start + (long long)(i % (u32)a->equal));
	} else if (a->weight) {
		u64 sum = 0, partial = 0;
		long long j = -1;

		for (u32 k = 0; k < a->num_weights; k++) {
			long long w;

			if (get_int_range(a->weight[k], 0, 0xffffffffLL, &w))
				return exit_bad_args(ctx);
			sum += (u64)w;
		}
		if (sum == 0) {
			sim_sh_eprintf(ctx->sh, "At least one weight must be non-zero\n");
			return 2;
		}
		if (sum > *size) {
			sim_sh_eprintf(ctx->sh, "Total weight exceeds the size of the "
				       "indirection table\n");
			return 2;
		}
		for (u32 i = 0; i < *size; i++) {
			while (i >= *size * partial / sum) {
				long long w;

				j++;
				get_int_range(a->weight[j], 0, 0xffffffffLL, &w);
				partial += (u64)w;
			}
			indir[i] = (u32)(a->start + j);
		}
	} else if (a->dflt) {
		*size = 0;
	} else {
		*size = ETH_RXFH_INDIR_NO_CHANGE;
	}
	return 0;
}

static int do_srxfh(struct ethtool_ctx *ctx)
{
	static const char *const exclusive[] = {
		"Equal and weight", "Equal and default", "Weight and default",
		"Start and default",
	};
	struct srxfh_args a = { 0 };
	const struct ethtool_ops *ops;
	struct sim_err err = { { 0 } };
	u32 rings, indir_size, key_size, size;
	u32 *indir = NULL;
	u8 *key = NULL;
	int argi = 0, ret = 0;

	if (ctx->argc < 1)
		return exit_bad_args(ctx);
	while (argi < ctx->argc) {
		const char *w = ctx->argp[argi++];
		const char *val = argi < ctx->argc ? ctx->argp[argi] : NULL;

		if (strcmp(w, "equal") == 0) {
			if (get_int_range(val, 1, INT_MAX, &a.equal))
				return exit_bad_args(ctx);
			argi++;
		} else if (strcmp(w, "start") == 0) {
			if (get_int_range(val, 0, INT_MAX, &a.start))
				return exit_bad_args(ctx);
			argi++;
		} else if (strcmp(w, "weight") == 0) {
			a.weight = ctx->argp + argi;
			while (argi < ctx->argc && g_ascii_isdigit(ctx->argp[argi][0])) {
				argi++;
				a.num_weights++;
			}
			if (!a.num_weights)
				return exit_bad_args(ctx);
		} else if (strcmp(w, "hkey") == 0) {
			if (!val)
				return exit_bad_args(ctx);
			a.hkey = val;
			argi++;
		} else if (strcmp(w, "default") == 0) {
			a.dflt = true;
		} else if (strcmp(w, "hfunc") == 0) {
			if (!val)
				return exit_bad_args(ctx);
			a.hfunc = val;
			argi++;
		} else if (strcmp(w, "context") == 0 || strcmp(w, "delete") == 0) {
			sim_sh_eprintf(ctx->sh, "ethtool: RSS contexts are not supported by "
				       "skbsim\n");
			return 1;
		} else {
			return exit_bad_args(ctx);
		}
	}
	if ((a.equal && a.weight) || (a.equal && a.dflt) || (a.weight && a.dflt) ||
	    (a.start && a.dflt)) {
		int k = a.equal && a.weight ? 0 : a.equal && a.dflt ? 1 : a.weight && a.dflt ? 2 : 3;

		sim_sh_eprintf(ctx->sh, "%s options are mutually exclusive\n", exclusive[k]);
		return 1;
	}
	if (a.start && !(a.equal || a.weight)) {
		sim_sh_eprintf(ctx->sh, "Start must be used with equal or weight options\n");
		return 1;
	}
	if (get_rx_rings(ctx, &rings))
		return 1;
	ops = dev_ops(ctx);
	rxfh_sizes(ops, ctx->dev, &indir_size, &key_size);
	key = g_new0(u8, key_size + 1);
	if (a.hkey && (ret = parse_hkey(ctx, key, key_size, a.hkey)) != 0)
		goto out;
	if (a.hfunc && strcmp(a.hfunc, "toeplitz") != 0) {
		if (strcmp(a.hfunc, "xor") != 0 && strcmp(a.hfunc, "crc32") != 0) {
			sim_sh_eprintf(ctx->sh, "Unknown hash function: %s\n", a.hfunc);
			ret = 1;
			goto out;
		}
		/* the driver hashes with Toeplitz only */
		sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration: "
			       "Operation not supported\n");
		ret = 1;
		goto out;
	}
	size = indir_size;
	indir = g_new0(u32, indir_size + 1);
	if ((ret = fill_indir_table(ctx, &a, &size, indir)) != 0) {
		ret = 1;
		goto out;
	}
	/* ethtool_set_rxfh(): something must change; entries below the ring count */
	if (size == ETH_RXFH_INDIR_NO_CHANGE && !a.hkey && !a.hfunc) {
		sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration: "
			       "Invalid argument\n");
		ret = 1;
		goto out;
	}
	if (size == 0) {
		for (u32 i = 0; i < indir_size; i++)
			indir[i] = i % rings;
		size = indir_size;
	}
	for (u32 i = 0; size != ETH_RXFH_INDIR_NO_CHANGE && i < size; i++) {
		if (indir[i] >= rings) {
			sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration: "
				       "Invalid argument\n");
			ret = 1;
			goto out;
		}
	}
	if (ops->set_rxfh && ops->set_rxfh(ctx->dev, size == ETH_RXFH_INDIR_NO_CHANGE ? NULL
					   : indir, a.hkey ? key : NULL, &err) < 0) {
		sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration: "
			       "Invalid argument\n");
		ret = 1;
	} else if (!ops->set_rxfh) {
		sim_sh_eprintf(ctx->sh, "Cannot set RX flow hash configuration: "
			       "Operation not supported\n");
		ret = 1;
	}
out:
	g_free(indir);
	g_free(key);
	return ret;
}

/* ---- main(): the option table -------------------------------------------- */

enum eopt {
	EO_GSET, EO_GDRV, EO_GRING, EO_SRING, EO_GCHANNELS, EO_SCHANNELS, EO_GCOALESCE,
	EO_SCOALESCE, EO_GSTATS, EO_GRXFH, EO_SRXFH, EO_HELP, EO_VERSION, EO_UNSUPPORTED,
};

static const struct {
	const char *opts;
	enum eopt id;
} ethtool_options[] = {
	{ "-s|--change", EO_UNSUPPORTED }, { "-a|--show-pause", EO_UNSUPPORTED },
	{ "-A|--pause", EO_UNSUPPORTED }, { "-c|--show-coalesce", EO_GCOALESCE },
	{ "-C|--coalesce", EO_SCOALESCE }, { "-g|--show-ring", EO_GRING },
	{ "-G|--set-ring", EO_SRING },
	{ "-k|--show-features|--show-offload", EO_UNSUPPORTED },
	{ "-K|--features|--offload", EO_UNSUPPORTED }, { "-i|--driver", EO_GDRV },
	{ "-d|--register-dump", EO_UNSUPPORTED }, { "-e|--eeprom-dump", EO_UNSUPPORTED },
	{ "-E|--change-eeprom", EO_UNSUPPORTED }, { "-r|--negotiate", EO_UNSUPPORTED },
	{ "-p|--identify", EO_UNSUPPORTED }, { "-t|--test", EO_UNSUPPORTED },
	{ "-S|--statistics", EO_GSTATS }, { "--phy-statistics", EO_UNSUPPORTED },
	{ "-n|-u|--show-nfc|--show-ntuple", EO_UNSUPPORTED },
	{ "-N|-U|--config-nfc|--config-ntuple", EO_UNSUPPORTED },
	{ "-T|--show-time-stamping", EO_UNSUPPORTED },
	{ "-x|--show-rxfh-indir|--show-rxfh", EO_GRXFH },
	{ "-X|--set-rxfh-indir|--rxfh", EO_SRXFH }, { "-f|--flash", EO_UNSUPPORTED },
	{ "-P|--show-permaddr", EO_UNSUPPORTED }, { "-w|--get-dump", EO_UNSUPPORTED },
	{ "-W|--set-dump", EO_UNSUPPORTED }, { "-l|--show-channels", EO_GCHANNELS },
	{ "-L|--set-channels", EO_SCHANNELS }, { "--show-priv-flags", EO_UNSUPPORTED },
	{ "--set-priv-flags", EO_UNSUPPORTED },
	{ "-m|--dump-module-eeprom|--module-info", EO_UNSUPPORTED },
	{ "--show-eee", EO_UNSUPPORTED }, { "--set-eee", EO_UNSUPPORTED },
	{ "--set-phy-tunable", EO_UNSUPPORTED }, { "--get-phy-tunable", EO_UNSUPPORTED },
	{ "--get-tunable", EO_UNSUPPORTED }, { "--set-tunable", EO_UNSUPPORTED },
	{ "--reset", EO_UNSUPPORTED }, { "--show-fec", EO_UNSUPPORTED },
	{ "--set-fec", EO_UNSUPPORTED }, { "-Q|--per-queue", EO_UNSUPPORTED },
	{ "--cable-test", EO_UNSUPPORTED }, { "--cable-test-tdr", EO_UNSUPPORTED },
	{ "--show-tunnels", EO_UNSUPPORTED }, { "--show-module", EO_UNSUPPORTED },
	{ "--set-module", EO_UNSUPPORTED }, { "-h|--help", EO_HELP },
	{ "--version", EO_VERSION },
};

/* find_option(): one of the '|'-separated spellings, exactly */
static int find_option(const char *arg)
{
	for (size_t k = 0; k < G_N_ELEMENTS(ethtool_options); k++) {
		const char *opt = ethtool_options[k].opts;

		for (;;) {
			size_t len = strcspn(opt, "|");

			if (strncmp(arg, opt, len) == 0 && arg[len] == 0)
				return (int)k;
			if (opt[len] == 0)
				break;
			opt += len + 1;
		}
	}
	return -1;
}

static int show_usage(struct ethtool_ctx *ctx)
{
	sim_sh_printf(ctx->sh,
		"ethtool version 6.1 (skbsim: the options below are modelled)\n"
		"Usage:\n"
		"        ethtool [ FLAGS ] DEVNAME\tDisplay standard information about device\n"
		"        ethtool [ FLAGS ] -c|--show-coalesce DEVNAME\tShow coalesce options\n"
		"        ethtool [ FLAGS ] -C|--coalesce DEVNAME\tSet coalesce options\n"
		"\t\t[rx-usecs N]\n"
		"\t\t[rx-frames N]\n"
		"\t\t[napi on|off]\t(skbsim: NAPI or an interrupt per frame)\n"
		"        ethtool [ FLAGS ] -g|--show-ring DEVNAME\tQuery RX/TX ring parameters\n"
		"        ethtool [ FLAGS ] -G|--set-ring DEVNAME\tSet RX/TX ring parameters\n"
		"\t\t[ rx N ]\n"
		"\t\t[ tx N ]\n"
		"        ethtool [ FLAGS ] -i|--driver DEVNAME\tShow driver information\n"
		"        ethtool [ FLAGS ] -S|--statistics DEVNAME\tShow adapter statistics\n"
		"        ethtool [ FLAGS ] -x|--show-rxfh-indir|--show-rxfh DEVNAME\t"
		"Show Rx flow hash indirection table and/or RSS hash key\n"
		"        ethtool [ FLAGS ] -X|--set-rxfh-indir|--rxfh DEVNAME\t"
		"Set Rx flow hash indirection table and/or RSS hash key\n"
		"\t\t[ equal N | weight W0 W1 ... | default ]\n"
		"\t\t[ start N ]\n"
		"\t\t[ hkey %%x:%%x:%%x:%%x:%%x:.... ]\n"
		"\t\t[ hfunc FUNC ]\n"
		"        ethtool [ FLAGS ] -l|--show-channels DEVNAME\tQuery Channels\n"
		"        ethtool [ FLAGS ] -L|--set-channels DEVNAME\tSet Channels\n"
		"               [ combined N ]\n"
		"        ethtool [ FLAGS ] -h|--help \t\tShow this help\n"
		"        ethtool [ FLAGS ] --version \t\tShow version number\n");
	return 0;
}

static int ethtool_main(struct sim_sh *sh, int argc, char **argv)
{
	struct ethtool_ctx ctx = { .sh = sh, .net = node_net(sh->node) };
	enum eopt id = EO_GSET;
	char **argp = argv + 1;

	argc--;
	while (argc > 0) {
		if (strcmp(*argp, "--debug") == 0) {
			char *eptr;

			if (argc < 2)
				return exit_bad_args(&ctx);
			strtoul(argp[1], &eptr, 0);
			if (!argp[1][0] || *eptr)
				return exit_bad_args(&ctx);
			argp += 2;
			argc -= 2;
		} else if (strcmp(*argp, "--json") == 0 || strcmp(*argp, "--monitor") == 0) {
			sim_sh_eprintf(sh, "ethtool: %s is not supported by skbsim\n", *argp);
			return 1;
		} else if (strcmp(*argp, "--include-statistics") == 0 ||
			   strcmp(*argp, "-I") == 0) {
			argp++;
			argc--;
		} else {
			break;
		}
	}
	if (argc == 0)
		return exit_bad_args(&ctx);
	if ((*argp)[0] == '-') {
		int k = find_option(*argp);

		if (k < 0)
			return exit_bad_args(&ctx);
		id = ethtool_options[k].id;
		if (id == EO_UNSUPPORTED) {
			sim_sh_eprintf(sh, "ethtool: %s is not supported by skbsim\n", *argp);
			return 1;
		}
		argp++;
		argc--;
	}
	if (id == EO_HELP)
		return show_usage(&ctx);
	if (id == EO_VERSION) {
		sim_sh_printf(sh, "ethtool version 6.1\n");
		return 0;
	}
	if (argc == 0)
		return exit_bad_args(&ctx);
	ctx.devname = *argp++;
	argc--;
	ctx.argc = argc;
	ctx.argp = argp;
	if (strlen(ctx.devname) >= 128) {
		sim_sh_eprintf(sh, "device name '%s' longer than 127 characters\n", ctx.devname);
		return 1;
	}
	ctx.dev = __dev_get_by_name(ctx.net, ctx.devname);
	switch (id) {
	case EO_GSET: return nl_gset(&ctx);	/* extra words are ignored */
	case EO_GRING: return nl_gring(&ctx);
	case EO_SRING: return nl_sring(&ctx);
	case EO_GCHANNELS: return nl_gchannels(&ctx);
	case EO_SCHANNELS: return nl_schannels(&ctx);
	case EO_GCOALESCE: return nl_gcoalesce(&ctx);
	case EO_SCOALESCE: return nl_scoalesce(&ctx);
	default:
		break;
	}
	/* the ioctl commands: the name must fit IFNAMSIZ */
	if (strlen(ctx.devname) >= IFNAMSIZ) {
		sim_sh_eprintf(sh, "%s, device name longer than %u not supported\n",
			       id == EO_GSTATS ? "ioctl-only request"
					       : "ethtool netlink support for subcommand missing",
			       IFNAMSIZ - 1);
		return 1;
	}
	switch (id) {
	case EO_GDRV: return do_gdrv(&ctx);
	case EO_GSTATS: return do_gnicstats(&ctx);
	case EO_GRXFH: return do_grxfh(&ctx);
	case EO_SRXFH: return do_srxfh(&ctx);
	default: return exit_bad_args(&ctx);
	}
}

const struct sim_command ethtool_command = { "ethtool", ethtool_main };
