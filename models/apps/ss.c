/*
 * models/apps/ss.c - the ss command (iproute2's misc/ss.c): UDP, raw, packet
 *
 * User space: `ss -uan`, `ss -uanp`, `-l`, `-4`, `-H` list the node's UDP
 * sockets in the kernel's dump order (hash slot, newest first in a slot:
 * the order of /proc/net/udp) with ss's layout: each column as wide as its
 * widest cell or header (Recv-Q and Send-Q at least 6), addresses
 * right-aligned up to their ':', the State column hidden when only
 * connected sockets are asked for (plain `ss -u`), `-p` adding
 * users:(("comm",pid=N,fd=N)).
 * -w lists raw sockets (the raw hash table's order; the port is the
 * protocol), -0 packet sockets (p_raw/p_dgr, [EtherType]:device, in
 * creation order), with a Netid column as ss adds for mixed kinds.
 * Differences: -t lists nothing yet (no TCP sockets); ports are always
 * numeric (no /etc/services names without -n); no filters (state, dst,
 * sport expressions).
 */
#include <string.h>

#include "apps.h"
#include "linux/if_packet.h"
#include "net/net_namespace.h"
#include "net/raw.h"
#include "net/udp.h"

enum { COL_NETID, COL_STATE, COL_RECVQ, COL_SENDQ, COL_LADDR, COL_LPORT, COL_PADDR, COL_PPORT,
       COL_PROC, COL_MAX };

static const struct {
	const char *header;
	bool right;
	bool ldelim;
	int min;
} ss_cols[COL_MAX] = {
	[COL_NETID] = { "Netid", false, true, 0 },
	[COL_STATE] = { "State", false, true, 0 },
	[COL_RECVQ] = { "Recv-Q", false, true, 6 },
	[COL_SENDQ] = { "Send-Q", false, true, 6 },
	[COL_LADDR] = { "Local Address:", true, true, 0 },
	[COL_LPORT] = { "Port", false, false, 0 },
	[COL_PADDR] = { "Peer Address:", true, true, 0 },
	[COL_PPORT] = { "Port", false, false, 0 },
	[COL_PROC] = { "Process", false, false, 0 },
};

struct ss_opts {
	bool all, listening, numeric, process, no_header, udp, raw, packet, other;
};

/* one row: its cells */
struct ss_row {
	char *cell[COL_MAX];
};

static char *ss_proc_cell(struct node *node, const struct socket *sock, const struct ss_opts *o)
{
	struct sim_proc *p;

	if (!o->process)
		return g_strdup("");
	p = sim_proc_find(node, sock->pid);
	return p ? g_strdup_printf(" users:((\"%s\",pid=%d,fd=%d))", p->comm, sock->pid, sock->fd)
		 : g_strdup("");
}

static void ss_row_fill(struct ss_row *row, struct node *node, const struct socket *sock,
			const struct ss_opts *o)
{
	const struct sock *sk = sock->sk;
	const struct inet_sock *inet = inet_sk(sk);
	char a[INET_ADDRSTRLEN];
	struct in_addr in;

	row->cell[COL_NETID] = g_strdup(sk->sk_type == SOCK_RAW ? "raw" : "udp");
	row->cell[COL_STATE] = g_strdup(sk->sk_state == TCP_ESTABLISHED ? "ESTAB" : "UNCONN");
	row->cell[COL_RECVQ] = g_strdup_printf("%d", sk->sk_type == SOCK_RAW ? sk->sk_rmem_alloc
								      : udp_rqueue_get(sk));
	row->cell[COL_SENDQ] = g_strdup_printf("%d", sk->sk_wmem_alloc);
	in.s_addr = inet->inet_rcv_saddr;
	row->cell[COL_LADDR] = g_strdup_printf("%s:", inet_ntop(AF_INET, &in, a, sizeof(a)));
	/* a raw socket's "port" is its protocol (inet_num) */
	row->cell[COL_LPORT] = g_strdup_printf("%u", sk->sk_type == SOCK_RAW
						     ? sk->sk_num : ntohs(inet->inet_sport));
	in.s_addr = inet->inet_daddr;
	row->cell[COL_PADDR] = g_strdup_printf("%s:", inet_ntop(AF_INET, &in, a, sizeof(a)));
	row->cell[COL_PPORT] = inet->inet_dport ? g_strdup_printf("%u", ntohs(inet->inet_dport))
						: g_strdup("*");
	row->cell[COL_PROC] = ss_proc_cell(node, sock, o);
}

/*
 * ss -0: packet sockets, p_raw or p_dgr; the local "address" is the
 * protocol ("*" for ETH_P_ALL, else [decimal EtherType]) and the "port"
 * the bound device ("*" for none); no peer.
 */
static void ss_packet_rows(struct node *node, GPtrArray *rows, const struct ss_opts *o)
{
	struct net *net = node_net(node);
	struct list_head *all;
	struct socket *sock;

	if (!net->files)
		return;
	all = sock_file_list(net);
	list_for_each_entry(sock, all, file_list) {
		const struct sock *sk = sock->sk;
		struct net_device *dev;
		struct ss_row *row;
		__be16 proto;
		int ifindex;

		if (!sk || !packet_sock_info(sk, &proto, &ifindex) || (!o->all && !o->listening))
			continue;
		row = g_new0(struct ss_row, 1);
		row->cell[COL_NETID] = g_strdup(sk->sk_type == SOCK_RAW ? "p_raw" : "p_dgr");
		row->cell[COL_STATE] = g_strdup("UNCONN");
		row->cell[COL_RECVQ] = g_strdup_printf("%d", sk->sk_rmem_alloc);
		row->cell[COL_SENDQ] = g_strdup_printf("%d", sk->sk_wmem_alloc);
		row->cell[COL_LADDR] = ntohs(proto) == ETH_P_ALL ? g_strdup("*:")
					: g_strdup_printf("[%u]:", ntohs(proto));
		dev = ifindex ? __dev_get_by_index(net, ifindex) : NULL;
		row->cell[COL_LPORT] = g_strdup(dev ? dev->name : "*");
		row->cell[COL_PADDR] = g_strdup("*");
		row->cell[COL_PPORT] = g_strdup("");
		row->cell[COL_PROC] = ss_proc_cell(node, sock, o);
		g_ptr_array_add(rows, row);
	}
}

static void ss_print(struct sim_sh *sh, GPtrArray *rows, const struct ss_opts *o,
		     bool show_state, bool show_netid)
{
	int width[COL_MAX] = { 0 };
	GString *line = g_string_new(NULL);

	for (int c = 0; c < COL_MAX; c++) {
		width[c] = ss_cols[c].min;
		if (!o->no_header)
			width[c] = MAX(width[c], (int)strlen(ss_cols[c].header));
		for (guint r = 0; r < rows->len; r++) {
			struct ss_row *row = g_ptr_array_index(rows, r);

			width[c] = MAX(width[c], (int)strlen(row->cell[c]));
		}
	}
	for (int r = o->no_header ? 0 : -1; r < (int)rows->len; r++) {
		bool first = true;

		g_string_truncate(line, 0);
		for (int c = 0; c < COL_MAX; c++) {
			if ((c == COL_NETID && !show_netid) || (c == COL_STATE && !show_state))
				continue;
			const char *s = r < 0 ? ss_cols[c].header
					      : ((struct ss_row *)g_ptr_array_index(rows, r))->cell[c];

			if (ss_cols[c].ldelim && !first)
				g_string_append_c(line, ' ');
			first = false;
			g_string_append_printf(line, ss_cols[c].right ? "%*s" : "%-*s", width[c], s);
		}
		sim_sh_printf(sh, "%s\n", line->str);
	}
	g_string_free(line, TRUE);
}

static void ss_row_free(gpointer p)
{
	struct ss_row *row = p;

	for (int c = 0; c < COL_MAX; c++)
		g_free(row->cell[c]);
	g_free(row);
}

static int ss_usage(struct sim_sh *sh, char opt)
{
	sim_sh_eprintf(sh, "ss: invalid option -- '%c'\n"
		       "Usage: ss [ OPTIONS ]\n"
		       "       ss [ OPTIONS ] [ FILTER ]\n", opt);
	return 255;
}

static int ss_main(struct sim_sh *sh, int argc, char **argv)
{
	struct net *net = node_net(sh->node);
	struct ss_opts o = { 0 };
	GPtrArray *rows = g_ptr_array_new_with_free_func(ss_row_free);
	bool show_state;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1]) {
			g_ptr_array_unref(rows);
			sim_sh_eprintf(sh, "ss: filters are not supported by skbsim yet\n");
			return 255;
		}
		for (const char *c = argv[i] + 1; *c; c++) {
			switch (*c) {
			case 'u': o.udp = true; break;
			case 'w': o.raw = true; break;
			case '0': o.packet = true; break;
			case 't': case 'x': o.other = true; break;
			case 'a': o.all = true; break;
			case 'l': o.listening = true; break;
			case 'n': o.numeric = true; break;
			case 'p': o.process = true; break;
			case 'H': o.no_header = true; break;
			case '4': break;
			default:
				g_ptr_array_unref(rows);
				return ss_usage(sh, *c);
			}
		}
	}
	/* udp sockets in dump order: hash slot, each chain newest first */
	if (o.udp && net->ipv4.udp_table) {
		for (unsigned int slot = 0; slot < UDP_HTABLE_SIZE; slot++) {
			const struct list_head *chain = udp_table_chain(net->ipv4.udp_table, slot);
			const struct sock *sk;

			if (!chain)
				break;
			list_for_each_entry(sk, chain, sk_bind_node) {
				bool estab = sk->sk_state == TCP_ESTABLISHED;
				struct ss_row *row;

				if (udp_hashfn(sk->sk_num) != slot)
					continue;	/* another slot's, in the same chain */
				if (!sk->sk_socket || (!o.all && (o.listening ? estab : !estab)))
					continue;
				row = g_new0(struct ss_row, 1);
				ss_row_fill(row, sh->node, sk->sk_socket, &o);
				g_ptr_array_add(rows, row);
			}
		}
	}
	/* raw sockets: the raw hash table in slot order, each chain newest first */
	if (o.raw && net->ipv4.raw_v4_hashinfo) {
		for (unsigned int slot = 0; slot < RAW_HTABLE_SIZE; slot++) {
			const struct list_head *chain = &net->ipv4.raw_v4_hashinfo->ht[slot];
			const struct sock *sk;

			list_for_each_entry(sk, chain, sk_bind_node) {
				bool estab = sk->sk_state == TCP_ESTABLISHED;
				struct ss_row *row;

				if (!sk->sk_socket || (!o.all && (o.listening ? estab : !estab)))
					continue;
				row = g_new0(struct ss_row, 1);
				ss_row_fill(row, sh->node, sk->sk_socket, &o);
				g_ptr_array_add(rows, row);
			}
		}
	}
	if (o.packet)
		ss_packet_rows(sh->node, rows, &o);
	/* one state asked for (plain -u: connected only): no State column */
	show_state = o.all || o.listening;
	/* Netid: when the listing mixes kinds (-0 has p_raw and p_dgr) */
	ss_print(sh, rows, &o, show_state, o.packet || (o.udp + o.raw > 1));
	g_ptr_array_unref(rows);
	return 0;
}

const struct sim_command ss_command = { "ss", ss_main };
