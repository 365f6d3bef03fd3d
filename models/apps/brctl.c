/*
 * models/apps/brctl.c - `brctl` of bridge-utils 1.7
 *
 * User space: mirrors brctl/brctl.c (option and command table, argument
 * count check), brctl/brctl_cmd.c (one br_cmd_* per command, their
 * messages chosen by errno) and brctl/brctl_disp.c (show, showmacs,
 * showstp layouts).  bridge-utils talks to the kernel through the bridge
 * ioctls (SIOCBRADDBR, SIOCBRADDIF...) and the files of
 * /sys/class/net/BR/bridge/ and /sys/class/net/PORT/brport/; the answers those give (ENODEV for a
 * missing device, EOPNOTSUPP for a device that is not a bridge, ENOENT for
 * a brport file of a device that is no port, ERANGE from the setters) are
 * worked out here before calling into models/bridge, so each failure
 * prints what the real tool prints.  brctl exits 1 on every failure.
 *
 * Bridges and ports are listed by name, as libbridge's scandir(alphasort)
 * of /sys/class/net and brif/ gives them; showmacs sorts by address with a
 * stable sort (glibc's qsort is a merge sort for such small tables).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "bridge/br_private.h"
#include "linux/etherdevice.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"

struct brctl {
	struct sim_sh *sh;
	struct net *net;
};

struct brctl_command {
	int nargs;
	const char *name;
	int (*func)(struct brctl *c, int argc, char **argv);
	const char *help;
};

/* ---- helpers -------------------------------------------------------------- */

static struct net_device *brctl_dev(struct brctl *c, const char *name)
{
	return __dev_get_by_name(c->net, name);
}

/*
 * The bridge an ioctl or a /sys/class/net/BR/bridge file reaches:
 * -ENODEV when no such device, -EOPNOTSUPP when it is not a bridge.
 */
static int brctl_bridge(struct brctl *c, const char *name, struct net_bridge **brp)
{
	struct net_device *dev = brctl_dev(c, name);

	if (!dev)
		return -ENODEV;
	if (!netif_is_bridge_master(dev))
		return -EOPNOTSUPP;
	*brp = netdev_priv_br(dev);
	return 0;
}

/* /sys/class/net/PORT/brport/...: -ENODEV no device, -ENOENT not a port */
static int brctl_port(struct brctl *c, const char *name, struct net_bridge_port **pp)
{
	struct net_device *dev = brctl_dev(c, name);

	if (!dev)
		return -ENODEV;
	*pp = br_port_get_rtnl(dev);
	return *pp ? 0 : -ENOENT;
}

/* strtotimeval() + __tv_to_jiffies(): seconds as a float, in centiseconds */
static int brctl_time_cs(const char *arg, unsigned long *cs)
{
	double secs;
	long sec, usec;

	if (sscanf(arg, "%lf", &secs) != 1)
		return -1;
	/* x86's conversion gives LONG_MIN for what does not fit (nan, 1e300) */
	sec = secs > -9.2e18 && secs < 9.2e18 ? (long)secs : LONG_MIN;
	secs = 1000000 * (secs - (double)sec);
	usec = secs > -9.2e18 && secs < 9.2e18 ? (long)secs : LONG_MIN;
	*cs = (unsigned long)((1000000ULL * (unsigned long long)sec + (unsigned long long)usec) /
			      10000);
	return 0;
}

/* br_dump_bridge_id(): 8000.0a0b0c0d0e0f */
static void brctl_bridge_id(GString *out, const bridge_id *id)
{
	g_string_append_printf(out, "%.2x%.2x.%.2x%.2x%.2x%.2x%.2x%.2x", id->prio[0], id->prio[1],
			       id->addr[0], id->addr[1], id->addr[2], id->addr[3], id->addr[4],
			       id->addr[5]);
}

/* br_show_timer() of a value in centiseconds */
static void brctl_timer(GString *out, unsigned long cs)
{
	g_string_append_printf(out, "%4i.%.2i", (int)(cs / 100), (int)(cs % 100));
}

/* jiffies_to_clock_t() */
static unsigned long brctl_jiffies_cs(const struct net_bridge *br, unsigned long j)
{
	return j * 100 / dev_net(br->dev)->w->hz;
}

static gint brctl_cmp_name(gconstpointer a, gconstpointer b)
{
	const struct net_device *x = *(struct net_device *const *)a;
	const struct net_device *y = *(struct net_device *const *)b;

	return strcmp(x->name, y->name);
}

/* br_foreach_bridge(): the bridges of the namespace by name */
static GPtrArray *brctl_bridges(struct brctl *c)
{
	GPtrArray *devs = devices_by_index(c->net), *brs = g_ptr_array_new();

	for (guint i = 0; i < devs->len; i++)
		if (netif_is_bridge_master(devs->pdata[i]))
			g_ptr_array_add(brs, devs->pdata[i]);
	g_ptr_array_unref(devs);
	g_ptr_array_sort(brs, brctl_cmp_name);
	return brs;
}

/* br_foreach_port(): the ports of @br by name (the brif/ directory) */
static GPtrArray *brctl_ports(struct net_bridge *br)
{
	GPtrArray *ports = g_ptr_array_new();
	struct net_bridge_port *p;

	list_for_each_entry(p, &br->port_list, list)
		g_ptr_array_add(ports, p->dev);
	g_ptr_array_sort(ports, brctl_cmp_name);
	return ports;
}

/* ---- addbr, delbr, addif, delif --------------------------------------------- */

/*
 * dev_valid_name() and dev_alloc_name()'s format check, which SIOCBRADDBR's
 * br_add_bridge() answers EINVAL by: no '/', ':' or space, and a '%' only
 * as the one "%d" a free number replaces.
 */
static bool brctl_dev_valid_name(const char *name)
{
	const char *pct = strchr(name, '%');

	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	if (pct && (pct[1] != 'd' || strchr(pct + 2, '%')))
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ':' || g_ascii_isspace(*name))
			return false;
	return true;
}

static int br_cmd_addbr(struct brctl *c, int argc, char **argv)
{
	char name[IFNAMSIZ];
	struct sim_err err = { { 0 } };

	(void)argc;
	g_strlcpy(name, argv[1], sizeof(name));	/* the ioctl takes IFNAMSIZ bytes */
	if (brctl_dev(c, name)) {
		sim_sh_eprintf(c->sh, "device %s already exists; can't create bridge with the "
			       "same name\n", name);
		return 1;
	}
	if (!brctl_dev_valid_name(name)) {
		sim_sh_eprintf(c->sh, "add bridge failed: %s\n", g_strerror(EINVAL));
		return 1;
	}
	if (!br_add_bridge(c->net, name, &err)) {
		sim_sh_eprintf(c->sh, "add bridge failed: %s\n", err.msg);
		return 1;
	}
	return 0;
}

static int br_cmd_delbr(struct brctl *c, int argc, char **argv)
{
	struct sim_err err = { { 0 } };
	int ret;

	(void)argc;
	ret = br_del_bridge(c->net, argv[1], &err);
	switch (ret) {
	case 0:
		return 0;
	case -ENXIO:
		sim_sh_eprintf(c->sh, "bridge %s doesn't exist; can't delete it\n", argv[1]);
		return 1;
	case -EBUSY:
		sim_sh_eprintf(c->sh, "bridge %s is still up; can't delete it\n", argv[1]);
		return 1;
	default:
		sim_sh_eprintf(c->sh, "can't delete bridge %s: %s\n", argv[1], g_strerror(-ret));
		return 1;
	}
}

static int br_cmd_addif(struct brctl *c, int argc, char **argv)
{
	struct net_device *dev = brctl_dev(c, argv[2]);
	struct sim_err err = { { 0 } };
	struct net_bridge *br;
	int ret;

	(void)argc;
	if (!dev) {
		sim_sh_eprintf(c->sh, "interface %s does not exist!\n", argv[2]);
		return 1;
	}
	ret = brctl_bridge(c, argv[1], &br);
	if (ret == -ENODEV) {
		sim_sh_eprintf(c->sh, "bridge %s does not exist!\n", argv[1]);
		return 1;
	}
	if (ret == 0)
		ret = br_add_if(br, dev, &err);
	switch (ret) {
	case 0:
		return 0;
	case -EBUSY:
		sim_sh_eprintf(c->sh, "device %s is already a member of a bridge; can't add it "
			       "to bridge %s.\n", argv[2], argv[1]);
		return 1;
	case -ELOOP:
		sim_sh_eprintf(c->sh, "device %s is a bridge device itself; can't add a bridge "
			       "device to a bridge device.\n", argv[2]);
		return 1;
	default:
		sim_sh_eprintf(c->sh, "can't add %s to bridge %s: %s\n", argv[2], argv[1],
			       g_strerror(-ret));
		return 1;
	}
}

static int br_cmd_delif(struct brctl *c, int argc, char **argv)
{
	struct net_device *dev = brctl_dev(c, argv[2]);
	struct sim_err err = { { 0 } };
	struct net_bridge *br;
	int ret;

	(void)argc;
	if (!dev) {
		sim_sh_eprintf(c->sh, "interface %s does not exist!\n", argv[2]);
		return 1;
	}
	ret = brctl_bridge(c, argv[1], &br);
	if (ret == -ENODEV) {
		sim_sh_eprintf(c->sh, "bridge %s does not exist!\n", argv[1]);
		return 1;
	}
	if (ret == 0)
		ret = br_del_if(br, dev, &err);
	switch (ret) {
	case 0:
		return 0;
	case -EINVAL:
		sim_sh_eprintf(c->sh, "device %s is not a port of %s\n", argv[2], argv[1]);
		return 1;
	default:
		sim_sh_eprintf(c->sh, "can't delete %s from %s: %s\n", argv[2], argv[1],
			       g_strerror(-ret));
		return 1;
	}
}

/* ---- the bridge's settings --------------------------------------------------- */

static int brctl_set_time(struct brctl *c, char **argv, const char *bad, const char *failed,
			  int (*set)(struct net_bridge *br, unsigned long cs, struct sim_err *err))
{
	struct sim_err err = { { 0 } };
	struct net_bridge *br;
	unsigned long cs;
	int ret;

	if (brctl_time_cs(argv[2], &cs)) {
		sim_sh_eprintf(c->sh, "%s\n", bad);
		return 1;
	}
	ret = brctl_bridge(c, argv[1], &br);
	if (ret == 0)
		ret = set(br, cs, &err);
	if (ret) {
		sim_sh_eprintf(c->sh, "%s: %s\n", failed, g_strerror(-ret));
		return 1;
	}
	return 0;
}

static int br_cmd_setageing(struct brctl *c, int argc, char **argv)
{
	(void)argc;
	return brctl_set_time(c, argv, "bad ageing time value", "set ageing time failed",
			      br_set_ageing_time);
}

static int br_cmd_setfd(struct brctl *c, int argc, char **argv)
{
	(void)argc;
	return brctl_set_time(c, argv, "bad forward delay value", "set forward delay failed",
			      br_set_forward_delay);
}

static int br_cmd_sethello(struct brctl *c, int argc, char **argv)
{
	(void)argc;
	return brctl_set_time(c, argv, "bad hello timer value", "set hello timer failed",
			      br_set_hello_time);
}

static int br_cmd_setmaxage(struct brctl *c, int argc, char **argv)
{
	(void)argc;
	return brctl_set_time(c, argv, "bad max age value", "set max age failed",
			      br_set_max_age);
}

static int br_cmd_setbridgeprio(struct brctl *c, int argc, char **argv)
{
	struct net_bridge *br;
	int prio, ret;

	(void)argc;
	if (sscanf(argv[2], "%i", &prio) != 1) {
		sim_sh_eprintf(c->sh, "bad priority\n");
		return 1;
	}
	ret = brctl_bridge(c, argv[1], &br);
	if (ret) {
		sim_sh_eprintf(c->sh, "set bridge priority failed: %s\n", g_strerror(-ret));
		return 1;
	}
	br_stp_set_bridge_priority(br, (u16)prio);	/* sysfs set_priority(): (u16) val */
	return 0;
}

static int br_cmd_stp(struct brctl *c, int argc, char **argv)
{
	struct sim_err err = { { 0 } };
	struct net_bridge *br;
	int stp, ret;

	(void)argc;
	if (!strcmp(argv[2], "on") || !strcmp(argv[2], "yes") || !strcmp(argv[2], "1")) {
		stp = 1;
	} else if (!strcmp(argv[2], "off") || !strcmp(argv[2], "no") || !strcmp(argv[2], "0")) {
		stp = 0;
	} else {
		sim_sh_eprintf(c->sh, "expect on/off for argument\n");
		return 1;
	}
	ret = brctl_bridge(c, argv[1], &br);
	if (ret == 0)
		ret = br_stp_set_enabled(br, (unsigned long)stp, &err);
	if (ret) {
		sim_sh_eprintf(c->sh, "set stp status failed: %s\n", g_strerror(-ret));
		return 1;
	}
	return 0;
}

/* ---- a port's settings ---------------------------------------------------------- */

/* setpathcost and setportprio write PORT's brport/ file: BR is not looked at */
static int br_cmd_setpathcost(struct brctl *c, int argc, char **argv)
{
	struct net_bridge_port *p;
	int cost, ret;

	(void)argc;
	if (sscanf(argv[3], "%i", &cost) != 1) {
		sim_sh_eprintf(c->sh, "bad path cost value\n");
		return 1;
	}
	ret = brctl_port(c, argv[2], &p);
	if (ret == 0)
		ret = cost < 0 ? -EINVAL : br_stp_set_path_cost(p, (unsigned long)cost);
	if (ret) {
		sim_sh_eprintf(c->sh, "set path cost failed: %s\n", g_strerror(-ret));
		return 1;
	}
	return 0;
}

static int br_cmd_setportprio(struct brctl *c, int argc, char **argv)
{
	struct net_bridge_port *p;
	int prio, ret;

	(void)argc;
	if (sscanf(argv[3], "%i", &prio) != 1) {
		sim_sh_eprintf(c->sh, "bad path priority value\n");
		return 1;
	}
	ret = brctl_port(c, argv[2], &p);
	if (ret == 0)
		ret = prio < 0 ? -EINVAL : br_stp_set_port_priority(p, (unsigned long)prio);
	if (ret) {
		sim_sh_eprintf(c->sh, "set port priority failed: %s\n", g_strerror(-ret));
		return 1;
	}
	return 0;
}

static int br_cmd_hairpin(struct brctl *c, int argc, char **argv)
{
	struct net_bridge_port *p;
	int on, ret;

	(void)argc;
	if (!brctl_dev(c, argv[1])) {
		sim_sh_eprintf(c->sh, "bridge %s does not exist!\n", argv[1]);
		return 1;
	}
	if (!strcmp(argv[3], "on") || !strcmp(argv[3], "yes") || !strcmp(argv[3], "1")) {
		on = 1;
	} else if (!strcmp(argv[3], "off") || !strcmp(argv[3], "no") || !strcmp(argv[3], "0")) {
		on = 0;
	} else {
		sim_sh_eprintf(c->sh, "expect on/off for argument\n");
		return 1;
	}
	ret = brctl_port(c, argv[2], &p);
	if (ret) {
		/* /sys/class/net/PORT/brport/hairpin_mode is not there */
		sim_sh_eprintf(c->sh, "can't set %s to hairpin on bridge %s: %s\n", argv[2],
			       argv[1], g_strerror(ENOENT));
		return 1;
	}
	br_port_flags_change(p, BR_HAIRPIN_MODE, on);
	return 0;
}

/* ---- show, showmacs, showstp ---------------------------------------------------- */

/* the header comes with the first bridge shown: none, no header */
static void show_bridge(GString *out, struct net_device *dev)
{
	struct net_bridge *br = netdev_priv_br(dev);
	GPtrArray *ports = brctl_ports(br);

	if (!out->len)
		g_string_append(out, "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
	g_string_append_printf(out, "%s\t\t", dev->name);
	brctl_bridge_id(out, &br->bridge_id);
	g_string_append_printf(out, "\t%s\t\t", br->stp_enabled != BR_NO_STP ? "yes" : "no");
	for (guint i = 0; i < ports->len; i++) {
		const struct net_device *pd = ports->pdata[i];

		g_string_append_printf(out, i ? "\n\t\t\t\t\t\t\t%s" : "%s", pd->name);
	}
	g_string_append_c(out, '\n');
	g_ptr_array_unref(ports);
}

static int br_cmd_show(struct brctl *c, int argc, char **argv)
{
	GString *out = g_string_new(NULL);
	int status = 0;

	if (argc == 1) {
		GPtrArray *brs = brctl_bridges(c);

		for (guint i = 0; i < brs->len; i++)
			show_bridge(out, brs->pdata[i]);
		g_ptr_array_unref(brs);
	}
	for (int i = 1; i < argc; i++) {
		struct net_device *dev = brctl_dev(c, argv[i]);

		if (!dev) {
			sim_sh_eprintf(c->sh, "bridge %s does not exist!\n", argv[i]);
			status = 1;
		} else if (!netif_is_bridge_master(dev)) {
			sim_sh_eprintf(c->sh, "device %s is not a bridge!\n", argv[i]);
			status = 1;
		} else {
			show_bridge(out, dev);
		}
	}
	sim_sh_printf(c->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return status;
}

static gint fdb_cmp_addr(gconstpointer a, gconstpointer b)
{
	const struct net_bridge_fdb_entry *x = *(struct net_bridge_fdb_entry *const *)a;
	const struct net_bridge_fdb_entry *y = *(struct net_bridge_fdb_entry *const *)b;

	return memcmp(x->addr.addr, y->addr.addr, ETH_ALEN);
}

/*
 * br_fdb_fillbuf() (the brforward file): entries towards a port that have
 * not expired, with the time since they were last seen (0 for local ones).
 */
static int br_cmd_showmacs(struct brctl *c, int argc, char **argv)
{
	struct net_bridge_fdb_entry *f;
	struct net_bridge *br;
	GPtrArray *fdbs;
	GString *out;
	unsigned long now;
	int ret;

	(void)argc;
	ret = brctl_bridge(c, argv[1], &br);
	if (ret) {
		sim_sh_eprintf(c->sh, "read of forward table failed: %s\n", g_strerror(-ret));
		return 1;
	}
	fdbs = g_ptr_array_new();
	list_for_each_entry(f, &br->fdb_list, list)
		if (f->dst && !br_fdb_has_expired(br, f))
			g_ptr_array_add(fdbs, f);
	g_ptr_array_sort(fdbs, fdb_cmp_addr);	/* stable */
	now = sim_jiffies(dev_net(br->dev)->w);
	out = g_string_new("port no\tmac addr\t\tis local?\tageing timer\n");
	for (guint i = 0; i < fdbs->len; i++) {
		bool local;

		f = fdbs->pdata[i];
		local = test_bit(BR_FDB_LOCAL, &f->flags);
		g_string_append_printf(out, "%3i\t", f->dst->port_no);
		ipr_ll_addr_n2a(out, f->addr.addr, ETH_ALEN);
		g_string_append_printf(out, "\t%s\t\t", local ? "yes" : "no");
		brctl_timer(out, local ? 0 : brctl_jiffies_cs(br, now - f->updated));
		g_string_append_c(out, '\n');
	}
	sim_sh_printf(c->sh, "%s", out->str);
	g_string_free(out, TRUE);
	g_ptr_array_unref(fdbs);
	return 0;
}

static void dump_port_info(GString *out, const struct net_bridge_port *p)
{
	const char *state = p->state <= BR_STATE_BLOCKING ? br_port_state_name(p->state)
							  : "<INVALID STATE>";

	g_string_append_printf(out, "%s (%d)\n", p->dev->name, p->port_no);
	g_string_append_printf(out, " port id\t\t%.4x\t\t\tstate\t\t%15s\n", p->port_id, state);
	g_string_append(out, " designated root\t");
	brctl_bridge_id(out, &p->designated_root);
	g_string_append_printf(out, "\tpath cost\t\t%4i\n", (int)p->path_cost);
	g_string_append(out, " designated bridge\t");
	brctl_bridge_id(out, &p->designated_bridge);
	g_string_append(out, "\tmessage age timer\t");
	brctl_timer(out, br_timer_value(&p->message_age_timer));
	g_string_append_printf(out, "\n designated port\t%.4x\t\t\tforward delay timer\t",
			       p->designated_port);
	brctl_timer(out, br_timer_value(&p->forward_delay_timer));
	g_string_append_printf(out, "\n designated cost\t%4i\t\t\thold timer\t\t",
			       (int)p->designated_cost);
	brctl_timer(out, br_timer_value(&p->hold_timer));
	g_string_append(out, "\n flags\t\t\t");
	if (p->config_pending)
		g_string_append(out, "CONFIG_PENDING ");
	if (p->topology_change_ack)
		g_string_append(out, "TOPOLOGY_CHANGE_ACK ");
	g_string_append_c(out, '\n');
	if (p->flags & BR_HAIRPIN_MODE)		/* 1.7.1 prints it only when on */
		g_string_append_printf(out, " hairpin mode\t\t%4i\n", 1);
	g_string_append_c(out, '\n');
}

static void br_dump_info(GString *out, struct net_bridge *br)
{
	GPtrArray *ports;

	g_string_append_printf(out, "%s\n bridge id\t\t", br->dev->name);
	brctl_bridge_id(out, &br->bridge_id);
	g_string_append(out, "\n designated root\t");
	brctl_bridge_id(out, &br->designated_root);
	g_string_append_printf(out, "\n root port\t\t%4i\t\t\tpath cost\t\t%4i\n", br->root_port,
			       (int)br->root_path_cost);
	g_string_append(out, " max age\t\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->max_age));
	g_string_append(out, "\t\t\tbridge max age\t\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->bridge_max_age));
	g_string_append(out, "\n hello time\t\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->hello_time));
	g_string_append(out, "\t\t\tbridge hello time\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->bridge_hello_time));
	g_string_append(out, "\n forward delay\t\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->forward_delay));
	g_string_append(out, "\t\t\tbridge forward delay\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->bridge_forward_delay));
	g_string_append(out, "\n ageing time\t\t");
	brctl_timer(out, brctl_jiffies_cs(br, br->ageing_time));
	g_string_append(out, "\n hello timer\t\t");
	brctl_timer(out, br_timer_value(&br->hello_timer));
	g_string_append(out, "\t\t\ttcn timer\t\t");
	brctl_timer(out, br_timer_value(&br->tcn_timer));
	g_string_append(out, "\n topology change timer\t");
	brctl_timer(out, br_timer_value(&br->topology_change_timer));
	g_string_append(out, "\t\t\tgc timer\t\t");
	brctl_timer(out, br_timer_value(&br->gc_timer));
	g_string_append(out, "\n flags\t\t\t");
	if (br->topology_change)
		g_string_append(out, "TOPOLOGY_CHANGE ");
	if (br->topology_change_detected)
		g_string_append(out, "TOPOLOGY_CHANGE_DETECTED ");
	g_string_append(out, "\n\n\n");
	ports = brctl_ports(br);
	for (guint i = 0; i < ports->len; i++)
		dump_port_info(out, br_port_get_rtnl(ports->pdata[i]));
	g_ptr_array_unref(ports);
}

static int br_cmd_showstp(struct brctl *c, int argc, char **argv)
{
	struct net_device *dev = brctl_dev(c, argv[1]);
	GString *out;

	(void)argc;
	if (!dev) {
		sim_sh_eprintf(c->sh, "bridge %s does not exist!\n", argv[1]);
		return 1;
	}
	if (!netif_is_bridge_master(dev)) {
		sim_sh_eprintf(c->sh, "device %s is not a bridge!\n", argv[1]);
		return 1;
	}
	out = g_string_new(NULL);
	br_dump_info(out, netdev_priv_br(dev));
	sim_sh_printf(c->sh, "%s", out->str);
	g_string_free(out, TRUE);
	return 0;
}

/* ---- main ------------------------------------------------------------------------ */

static const struct brctl_command brctl_commands[] = {
	{ 1, "addbr", br_cmd_addbr, "<bridge>\t\tadd bridge" },
	{ 1, "delbr", br_cmd_delbr, "<bridge>\t\tdelete bridge" },
	{ 2, "addif", br_cmd_addif, "<bridge> <device>\tadd interface to bridge" },
	{ 2, "delif", br_cmd_delif, "<bridge> <device>\tdelete interface from bridge" },
	{ 3, "hairpin", br_cmd_hairpin, "<bridge> <port> {on|off}\tturn hairpin on/off" },
	{ 2, "setageing", br_cmd_setageing, "<bridge> <time>\t\tset ageing time" },
	{ 2, "setbridgeprio", br_cmd_setbridgeprio, "<bridge> <prio>\t\tset bridge priority" },
	{ 2, "setfd", br_cmd_setfd, "<bridge> <time>\t\tset bridge forward delay" },
	{ 2, "sethello", br_cmd_sethello, "<bridge> <time>\t\tset hello time" },
	{ 2, "setmaxage", br_cmd_setmaxage, "<bridge> <time>\t\tset max message age" },
	{ 3, "setpathcost", br_cmd_setpathcost, "<bridge> <port> <cost>\tset path cost" },
	{ 3, "setportprio", br_cmd_setportprio, "<bridge> <port> <prio>\tset port priority" },
	{ 0, "show", br_cmd_show, "[ <bridge> ]\t\tshow a list of bridges" },
	{ 1, "showmacs", br_cmd_showmacs, "<bridge>\t\tshow a list of mac addrs" },
	{ 1, "showstp", br_cmd_showstp, "<bridge>\t\tshow bridge stp info" },
	{ 2, "stp", br_cmd_stp, "<bridge> {on|off}\tturn stp on/off" },
};
static const size_t brctl_ncommands = G_N_ELEMENTS(brctl_commands);

static void brctl_help(struct brctl *c)
{
	sim_sh_printf(c->sh, "Usage: brctl [commands]\ncommands:\n");
	for (size_t i = 0; i < brctl_ncommands; i++)
		sim_sh_printf(c->sh, "\t%-10s\t%s\n", brctl_commands[i].name,
			      brctl_commands[i].help);
}

static int brctl_main(struct sim_sh *sh, int argc, char **argv)
{
	struct brctl c = { .sh = sh, .net = node_net(sh->node) };
	const struct brctl_command *cmd = NULL;
	int optind = 1;

	/* getopt_long("hV", --help, --version): options stop at the command */
	while (optind < argc && argv[optind][0] == '-' && argv[optind][1]) {
		const char *opt = argv[optind];

		if (!strcmp(opt, "--")) {
			optind++;
			break;
		}
		if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
			sim_sh_printf(sh, "bridge-utils, 1.7\n");
			return 0;
		}
		if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			brctl_help(&c);
			return 0;
		}
		if (opt[1] == '-')
			sim_sh_eprintf(sh, "brctl: unrecognized option '%s'\n", opt);
		else
			sim_sh_eprintf(sh, "brctl: invalid option -- '%c'\n", opt[1]);
		sim_sh_eprintf(sh, "Unknown option '?'\n");
		brctl_help(&c);
		return 1;
	}
	if (optind >= argc) {
		brctl_help(&c);
		return 1;
	}
	if (!c.net) {
		sim_sh_eprintf(sh, "can't setup bridge control: %s\n", g_strerror(EAFNOSUPPORT));
		return 1;
	}
	for (size_t i = 0; i < brctl_ncommands; i++)
		if (!strcmp(argv[optind], brctl_commands[i].name))
			cmd = &brctl_commands[i];
	if (!cmd) {
		sim_sh_eprintf(sh, "never heard of command [%s]\n", argv[optind]);
		brctl_help(&c);
		return 1;
	}
	argc -= optind;
	argv += optind;
	if (argc < cmd->nargs + 1) {
		sim_sh_printf(sh, "Incorrect number of arguments for command\n");
		sim_sh_printf(sh, "Usage: brctl %s %s\n", cmd->name, cmd->help);
		return 1;
	}
	return cmd->func(&c, argc, argv);
}

const struct sim_command brctl_command = { "brctl", brctl_main };
