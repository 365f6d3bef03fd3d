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
 * The node kinds "host" and "router" are the IPv4 module's (af_inet.c).
 */
#include "net/net_namespace.h"

#include <errno.h>

#include "linux/interrupt.h"
#include "linux/netdevice.h"
#include "linux/sysctl.h"
#include "net/kernel.h"
#include "net/sch_generic.h"
#include "sim/sh.h"
#include "sim/timer.h"
#include "trace/skbwalk.h"

int loopback_net_init(struct net *net, struct sim_err *err);

/* net.core sysctls of net/core/sysctl_net_core.c (what this model reads) */
static void dev_weight_changed(const struct ctl_table *t, struct net *net)
{
	(void)t;
	/* the kernel multiplies ints with -fno-strict-overflow: a product
	 * past INT_MAX wraps rather than being undefined */
	net->core.dev_rx_weight = (int)((unsigned int)net->core.dev_weight *
					(unsigned int)net->core.dev_weight_rx_bias);
	net->core.dev_tx_weight = (int)((unsigned int)net->core.dev_weight *
					(unsigned int)net->core.dev_weight_tx_bias);
}

static int proc_default_qdisc(const struct ctl_table *t, struct net *net, int write,
			      const char *buf, GString *out)
{
	char name[16];
	size_t len;

	if (!write)
		return proc_dostring(t, net, write, buf, out);
	len = strcspn(buf, " \t\n");
	if (len == 0 || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, buf, len);
	name[len] = '\0';
	/* the kernel accepts any built qdisc that can be a default */
	if (!qdisc_lookup_ops(name) || strcmp(name, "mq") == 0 || strcmp(name, "noop") == 0)
		return -ENOENT;
	g_strlcpy(net->core.default_qdisc, name, sizeof(net->core.default_qdisc));
	return 0;
}

#define CORE(field) ((void *)offsetof(struct net, core.field))
static const struct ctl_table netns_core_table[] = {
	{ .procname = "netdev_budget", .data = CORE(netdev_budget),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "netdev_budget_usecs", .data = CORE(netdev_budget_usecs),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO },
	{ .procname = "netdev_max_backlog", .data = CORE(netdev_max_backlog),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "dev_weight", .data = CORE(dev_weight), .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ONE,
	  .changed = dev_weight_changed },
	{ .procname = "dev_weight_rx_bias", .data = CORE(dev_weight_rx_bias),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE, .changed = dev_weight_changed },
	{ .procname = "dev_weight_tx_bias", .data = CORE(dev_weight_tx_bias),
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ONE, .changed = dev_weight_changed },
	{ .procname = "default_qdisc", .data = CORE(default_qdisc), .maxlen = 16,
	  .mode = 0644, .proc_handler = proc_default_qdisc },
};
#undef CORE

static void netns_core_init(struct net *net)
{
	struct netns_core *core = &net->core;

	core->netdev_budget = 300;
	core->netdev_budget_usecs = (int)(2 * 1000000 / net->w->hz);	/* two jiffies */
	core->netdev_max_backlog = 1000;
	core->dev_weight = 64;
	core->dev_weight_rx_bias = 1;
	core->dev_weight_tx_bias = 1;
	dev_weight_changed(NULL, net);
	g_strlcpy(core->default_qdisc, "pfifo_fast", sizeof(core->default_qdisc));
}

struct new_utsname *utsname_write(struct net *net)
{
	if (!net->uts_ns) {
		net->uts_ns = g_new0(struct new_utsname, 1);
		g_strlcpy(net->uts_ns->nodename, net->node->name, sizeof(net->uts_ns->nodename));
		g_strlcpy(net->uts_ns->domainname, "(none)", sizeof(net->uts_ns->domainname));
	}
	return net->uts_ns;
}

/*
 * kernel/utsname_sysctl.c proc_do_uts_string: .data is an offset into
 * struct new_utsname.  A read of a node that never set a name gives the
 * defaults without making its own copy; a write makes it.
 */
static int proc_do_uts_string(const struct ctl_table *t, struct net *net, int write,
			      const char *buf, GString *out)
{
	struct ctl_table uts_table = *t;
	size_t offset = (size_t)t->data;

	if (!write && !net->uts_ns) {
		g_string_append_printf(out, "%s\n",
				       offset == offsetof(struct new_utsname, nodename) ?
				       net->node->name : "(none)");
		return 0;
	}
	uts_table.data = (char *)utsname_write(net) + offset;
	return proc_dostring(&uts_table, net, write, buf, out);
}

/* registered without a base: .data are offsets for proc_do_uts_string */
static const struct ctl_table uts_kern_table[] = {
	{ .procname = "hostname", .data = (void *)offsetof(struct new_utsname, nodename),
	  .maxlen = __NEW_UTS_LEN + 1, .mode = 0644, .proc_handler = proc_do_uts_string },
	{ .procname = "domainname", .data = (void *)offsetof(struct new_utsname, domainname),
	  .maxlen = __NEW_UTS_LEN + 1, .mode = 0644, .proc_handler = proc_do_uts_string },
};

/*
 * /proc/uptime: seconds since boot and idle seconds summed over CPUs.  The
 * simulated CPUs are idle unless a cost model makes them work, so idle is
 * uptime times the CPU count until then.
 */
static int uptime_read(struct node *node, const char *rel, GString *out)
{
	sim_time_t now = sim_now(node->w);
	sim_time_t idle = now * node->ncpus;

	if (*rel)
		return -ENOENT;
	g_string_append_printf(out, "%lld.%02lld %lld.%02lld\n",
			       (long long)(now / SIM_NSEC_PER_SEC),
			       (long long)(now % SIM_NSEC_PER_SEC / 10000000),
			       (long long)(idle / SIM_NSEC_PER_SEC),
			       (long long)(idle % SIM_NSEC_PER_SEC / 10000000));
	return 0;
}

static int uptime_access(struct node *node, const char *rel, bool write)
{
	(void)node;
	return *rel ? -ENOENT : (write ? -EACCES : 0);
}

static void uptime_list(struct node *node, GPtrArray *paths)
{
	(void)node;
	g_ptr_array_add(paths, g_strdup("/proc/uptime"));
}

static const struct sim_fs_ops uptime_fs_ops = {
	.root = "/proc/uptime",
	.read = uptime_read,
	.access = uptime_access,
	.list = uptime_list,
};

static const struct sim_fs_ops *const net_ns_fs[] = {
	&sysctl_fs_ops,
	&uptime_fs_ops,
	NULL,
};

/*
 * A node's struct net and its CPUs' state (net->cpus) live and die
 * together: one allocation, not two.  The kernel's softnet_data is per
 * CPU of the machine, and here a node is a machine.
 */
struct net_block {
	struct net net;
	struct sim_cpu cpus[];
};

static int net_ns_node_init(struct node *node, struct sim_err *err)
{
	struct net_block *b = g_malloc0(sizeof(*b) + node->ncpus * sizeof(b->cpus[0]));
	struct net *net = &b->net;

	(void)err;
	net->cpus = b->cpus;		/* set up by softirq_net_init() */
	net->node = node;
	net->w = node->w;
	node->net = net;
	INIT_LIST_HEAD(&net->dev_base_head);
	INIT_LIST_HEAD(&net->ptype_all);
	for (int i = 0; i < PTYPE_HASH_SIZE; i++)
		INIT_LIST_HEAD(&net->ptype_base[i]);
	netns_core_init(net);
	register_net_sysctl_sz(net, "kernel", uts_kern_table, G_N_ELEMENTS(uts_kern_table), NULL);
	register_net_sysctl_sz(net, "net/core", netns_core_table,
			       G_N_ELEMENTS(netns_core_table), net);
	if (softirq_net_init(net, err) < 0)
		return -1;
	return loopback_net_init(net, err);
}

static void net_ns_node_exit(struct node *node)
{
	struct net *net = node->net;

	if (!net)
		return;
	/* devices go in reverse order of registration, lo last */
	while (!list_empty(&net->dev_base_head)) {
		struct net_device *dev = list_entry(net->dev_base_head.prev,
						    struct net_device, dev_list);

		unregister_netdevice(dev);
		free_netdev(dev);
	}
	softirq_net_exit(net);
	unregister_net_sysctls(net);
	g_free(net->uts_ns);
	g_free(container_of(net, struct net_block, net));
	node->net = NULL;
}


static int kernel_world_init(struct world *w, struct sim_err *err)
{
	w->kernel = g_new0(struct kernel_world, 1);
	w->capture_hook = dev_capture_attach_all;
	kmem_cache_init(w);
	return skb_pool_init(w, err);
}

static void kernel_world_exit(struct world *w)
{
	if (!w->kernel)
		return;
	skb_walk_exit(w);
	skb_pool_exit(w);
	sysctl_world_exit(w);
	kmem_cache_exit(w);		/* after every module's objects went */
	g_free(w->kernel);
	w->kernel = NULL;
}

const struct sim_module net_ns_module = {
	.name = "net_namespace",
	.world_init = kernel_world_init,
	.world_exit = kernel_world_exit,
	.node_init = net_ns_node_init,
	.node_exit = net_ns_node_exit,
	.fs = net_ns_fs,
};
