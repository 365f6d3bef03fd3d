/*
 * models/apps/procfs_net.c - /proc/net/dev and /proc/net/softnet_stat
 *
 * Mirrors net/core/net-procfs.c of Linux 6.1: dev_seq_show() prints the
 * two header lines and one line per device of the namespace, in
 * dev_base_head order, from dev_get_stats(); softnet_seq_show() prints
 * one line of 13 hex columns per CPU: processed, dropped, time_squeeze,
 * five zeros (was fastroute), a zero (was cpu_collision), received_rps,
 * flow_limit_count, the backlog length and the CPU index.
 *
 * Both are world-level providers (struct sim_fs_ops, listed by apps.c):
 * nothing is stored per node, the text is made when the file is read.
 *
 * Differences: the backlog length is input_pkt_queue only (the model has
 * no separate process_queue).  Kernels from 6.8 on add two more columns
 * (input_qlen, process_qlen); 6.1 has 13.
 */
#include <errno.h>

#include "apps.h"

#include "linux/interrupt.h"
#include "linux/netdevice.h"
#include "net/net_namespace.h"

/* dev_seq_printf_stats(): the folded columns are the kernel's sums */
static void dev_seq_printf_stats(GString *out, struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	g_string_append_printf(out,
			       "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
			       "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
			       dev->name, s.rx_bytes, s.rx_packets, s.rx_errors,
			       s.rx_dropped + s.rx_missed_errors, s.rx_fifo_errors,
			       s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors +
			       s.rx_frame_errors,
			       s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets,
			       s.tx_errors, s.tx_dropped, s.tx_fifo_errors, s.collisions,
			       s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors +
			       s.tx_heartbeat_errors,
			       s.tx_compressed);
}

static void dev_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);
	struct net_device *dev;

	g_string_append(out, "Inter-|   Receive                            "
			"                    |  Transmit\n"
			" face |bytes    packets errs drop fifo frame "
			"compressed multicast|bytes    packets errs "
			"drop fifo colls carrier compressed\n");
	list_for_each_entry(dev, &net->dev_base_head, dev_list)
		dev_seq_printf_stats(out, dev);
}

static void softnet_seq_show(struct node *node, GString *out)
{
	struct net *net = node_net(node);

	for (unsigned int i = 0; i < net->ncpus; i++) {
		const struct softnet_data *sd = &net->cpus[i].sd;

		g_string_append_printf(out,
				       "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
				       "%08x %08x %08x\n",
				       sd->processed, sd->dropped, sd->time_squeeze, 0u,
				       0u, 0u, 0u, 0u,	/* was fastroute */
				       0u,		/* was cpu_collision */
				       sd->received_rps, sd->flow_limit_count,
				       skb_queue_len(&sd->input_pkt_queue), i);
	}
}

/* ---- the providers ---------------------------------------------------- */

int procfs_read(struct node *node, const char *rel, GString *out,
		void (*show)(struct node *node, GString *out))
{
	if (*rel || !node_net(node))
		return -ENOENT;
	show(node, out);
	return 0;
}

int procfs_access(struct node *node, const char *rel, bool write)
{
	if (*rel || !node_net(node))
		return -ENOENT;
	return write ? -EACCES : 0;
}

PROCFS_FILE(dev, "/proc/net/dev", dev_seq_show);
PROCFS_FILE(softnet, "/proc/net/softnet_stat", softnet_seq_show);
