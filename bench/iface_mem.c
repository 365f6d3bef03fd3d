/*
 * bench/iface_mem.c - memory per idle interface
 *
 * Builds PAIRS pairs of hosts, each pair joined by one link (a simnic at
 * each end, or a veth pair with kind=veth), brings every interface up and
 * reports the resident memory the interfaces added, per interface, after
 * subtracting what the same number of bare hosts costs.  Prints one line:
 *   workload=iface_mem kind=cable pairs=N ifaces=2N bytes_per_iface=B
 *   bytes_per_host=H maxrss_kb=K
 * Usage: iface_mem [--pairs=N] [--kind=cable|veth]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "linux/netdevice.h"
#include "models.h"
#include "net/net_namespace.h"

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, resident = 0;

	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * 4;
}

static struct world *make_world(void)
{
	struct world_config cfg = { .name = "iface_mem", .seed = 1, .hz = 250,
				    .modules = skbsim_modules };
	struct sim_err err = { { 0 } };
	struct world *w = world_create(&cfg, &err);

	if (!w) {
		fprintf(stderr, "iface_mem: %s\n", err.msg);
		exit(1);
	}
	return w;
}

static void add_hosts(struct world *w, int n, struct node **nodes)
{
	struct sim_err err = { { 0 } };
	char name[32];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "h%d", i);
		nodes[i] = world_add_node(w, "host", name, NULL, &err);
		if (!nodes[i]) {
			fprintf(stderr, "iface_mem: %s\n", err.msg);
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	struct sim_link_config cfg = SIM_LINK_CONFIG_DEFAULT;
	struct sim_err err = { { 0 } };
	int pairs = 10000;
	long base, hosts_kb, links_kb;
	struct node **nodes;
	struct world *w;
	struct rusage ru;

	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--pairs=", 8) == 0)
			pairs = atoi(argv[i] + 8);
		else if (strncmp(argv[i], "--kind=", 7) == 0)
			cfg.kind = argv[i] + 7;
		else {
			fprintf(stderr, "usage: iface_mem [--pairs=N] [--kind=cable|veth]\n");
			return 2;
		}
	}
	nodes = calloc((size_t)pairs * 2, sizeof(*nodes));
	w = make_world();
	base = rss_kb();
	add_hosts(w, pairs * 2, nodes);
	hosts_kb = rss_kb() - base;
	for (int i = 0; i < pairs; i++) {
		struct sim_link *link = world_link(w, nodes[2 * i], nodes[2 * i + 1], &cfg, &err);

		if (!link) {
			fprintf(stderr, "iface_mem: %s\n", err.msg);
			return 1;
		}
		for (int k = 0; k < 2; k++)
			dev_open(__dev_get_by_name(link->node[k]->net, link->ifname[k]), &err);
	}
	world_run(w, SIM_NSEC_PER_SEC);
	links_kb = rss_kb() - base - hosts_kb;
	getrusage(RUSAGE_SELF, &ru);
	printf("workload=iface_mem kind=%s pairs=%d ifaces=%d bytes_per_iface=%ld "
	       "bytes_per_host=%ld maxrss_kb=%ld\n", cfg.kind ? cfg.kind : "cable", pairs,
	       2 * pairs, links_kb * 1024 / (2L * pairs), hosts_kb * 1024 / (2L * pairs),
	       ru.ru_maxrss);
	world_destroy(w);
	free(nodes);
	return 0;
}
