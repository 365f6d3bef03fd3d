/*
 * models/apps/hostname.c - the hostname command
 *
 * User space (hostname from Debian's hostname package): prints or sets the
 * node's UTS hostname, the same value as kernel.hostname.
 */
#include <string.h>

#include "apps.h"
#include "net/net_namespace.h"

static int hostname_main(struct sim_sh *sh, int argc, char **argv)
{
	struct net *net = node_net(sh->node);

	if (argc == 1) {
		sim_sh_printf(sh, "%s\n", utsname_nodename(net));
		return 0;
	}
	if (argc == 2 && argv[1][0] != '-') {
		if (strlen(argv[1]) > __NEW_UTS_LEN) {
			sim_sh_eprintf(sh, "hostname: name too long\n");
			return 1;
		}
		g_strlcpy(utsname_write(net)->nodename, argv[1], __NEW_UTS_LEN + 1);
		return 0;
	}
	sim_sh_eprintf(sh, "Usage: hostname [name]\n");
	return 1;
}

const struct sim_command hostname_command = { "hostname", hostname_main };
