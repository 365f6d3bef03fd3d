/*
 * models/core/net_namespace.c - one struct net per node; node kinds
 *
 * Mirrors net/core/net_namespace.c: setup_net() makes the namespace and
 * each subsystem's pernet init fills it.  Here the engine calls
 * net_ns_node_init() for every new node, and later subsystems add their
 * pernet init to the module list in models/models.c, in the kernel's
 * order.  Also the UTS bits every node has (hostname, as kernel.hostname
 * and /proc/sys/kernel/hostname) and /proc/uptime.
 *
 * Node kinds: "host" and "router" (a router is a host with forwarding
 * turned on by the IPv4 module's setup once it exists).
 */
#include "net/net_namespace.h"

#include <errno.h>

#include "linux/sysctl.h"
#include "sim/sh.h"
#include "sim/timer.h"

static const struct ctl_table uts_kern_table[] = {
	{ .procname = "hostname", .data = (void *)offsetof(struct net, hostname),
	  .maxlen = __NEW_UTS_LEN + 1, .mode = 0644, .proc_handler = proc_dostring },
	{ .procname = "domainname", .data = (void *)offsetof(struct net, domainname),
	  .maxlen = __NEW_UTS_LEN + 1, .mode = 0644, .proc_handler = proc_dostring },
};

/*
 * /proc/uptime: seconds since boot and idle seconds summed over CPUs.  The
 * simulated CPUs are idle unless a cost model makes them work, so idle is
 * uptime times the CPU count until then.
 */
static int uptime_read(struct node *node, const void *priv, GString *out)
{
	sim_time_t now = sim_now(node->w);
	sim_time_t idle = now * node->ncpus;

	(void)priv;
	g_string_append_printf(out, "%lld.%02lld %lld.%02lld\n",
			       (long long)(now / SIM_NSEC_PER_SEC),
			       (long long)(now % SIM_NSEC_PER_SEC / 10000000),
			       (long long)(idle / SIM_NSEC_PER_SEC),
			       (long long)(idle % SIM_NSEC_PER_SEC / 10000000));
	return 0;
}

static const struct sim_file_ops uptime_ops = { .read = uptime_read };

static int net_ns_node_init(struct node *node, struct sim_err *err)
{
	struct net *net = g_new0(struct net, 1);

	(void)err;
	net->node = node;
	net->w = node->w;
	g_strlcpy(net->hostname, node->name, sizeof(net->hostname));
	g_strlcpy(net->domainname, "(none)", sizeof(net->domainname));
	net->sysctl_headers = g_ptr_array_new();
	node->net = net;
	register_net_sysctl_sz(net, "kernel", uts_kern_table, G_N_ELEMENTS(uts_kern_table), net);
	sim_vfs_add(node, "/proc/uptime", &uptime_ops, NULL);
	return 0;
}

static void net_ns_node_exit(struct node *node)
{
	struct net *net = node->net;

	if (!net)
		return;
	while (net->sysctl_headers->len)
		unregister_net_sysctl_table(net, g_ptr_array_index(net->sysctl_headers,
								   net->sysctl_headers->len - 1));
	g_ptr_array_unref(net->sysctl_headers);
	g_free(net);
	node->net = NULL;
}

static const struct sim_node_kind net_ns_kinds[] = {
	{ .name = "host", .help = "an end host: one stack, forwarding off" },
	{ .name = "router", .help = "a host that forwards (net.ipv4.ip_forward = 1)" },
	{ NULL },
};

const struct sim_module net_ns_module = {
	.name = "net_namespace",
	.node_init = net_ns_node_init,
	.node_exit = net_ns_node_exit,
	.kinds = net_ns_kinds,
};
