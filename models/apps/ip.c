/*
 * models/apps/ip.c - the ip command (iproute2 6.1): options and objects
 *
 * User space, no kernel counterpart.  Mirrors ip/ip.c: the global options
 * (-s, -d, -br, -o, -h, -iec, -n NODE, -V...) abbreviated as iproute2's
 * matches() allows, then the object (`ip l`, `ip link`) from the same
 * table in the same order, so abbreviations resolve as they do in
 * iproute2.  Also what ip, its objects and tc share, declared in apps.h:
 * the helpers of lib/utils.c (number parsing, addresses, the messages of
 * invarg() and friends), lib/namespace.c and lib/ll_addr.c, the lines
 * every object prints alike (skbsim's refusals, the -s rounds of a
 * flush, which iproute2 writes out in each file), and the names of
 * lib/rt_names.c (protocols, scopes, tables, as Debian 12's /etc/iproute2
 * files give them).  Objects are in their own files: ip_link.c,
 * ip_addr.c, ip_route.c, ip_neigh.c.
 *
 * Differences: -json, -batch and colours are not supported (an error
 * says so); `-n NAME` / `-netns NAME` switches to the node called NAME,
 * the equivalent of a named network namespace.  Objects not modelled yet
 * (rule, maddress, ntable...) answer with an error saying so.  Host names
 * are never resolved (as iproute2 without -r).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/netdevice.h"
#include "net/ip_fib.h"
#include "net/net_namespace.h"

/* ---- lib/utils.c -------------------------------------------------------- */

int ipr_matches(const char *prefix, const char *string)
{
	if (!*prefix)
		return 1;
	while (*string && *prefix == *string) {
		prefix++;
		string++;
	}
	return !!*prefix;
}

int ipr_get_integer(int *val, const char *arg, int base)
{
	long res;
	char *ptr;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtol(arg, &ptr, base);
	if (ptr == arg || *ptr)
		return -1;
	if ((res == LONG_MAX || res == LONG_MIN) && errno == ERANGE)
		return -1;
	if (res < INT_MIN || res > INT_MAX)
		return -1;
	*val = (int)res;
	return 0;
}

int ipr_get_unsigned(unsigned int *val, const char *arg, int base)
{
	unsigned long res;
	char *ptr;

	if (!arg || !*arg)
		return -1;
	errno = 0;
	res = strtoul(arg, &ptr, base);
	if (ptr == arg || *ptr)
		return -1;
	if (res == ULONG_MAX && errno == ERANGE)
		return -1;
	if (res > UINT_MAX)
		return -1;
	*val = (unsigned int)res;
	return 0;
}

int ipr_get_u32(unsigned int *val, const char *arg, int base)
{
	return ipr_get_unsigned(val, arg, base);
}

int ipr_invarg(struct iproute *r, const char *msg, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	r->status = 255;
	return -1;
}

int ipr_duparg(struct iproute *r, const char *key, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key,
		       arg);
	r->status = 255;
	return -1;
}

int ipr_duparg2(struct iproute *r, const char *key, const char *arg)
{
	sim_sh_eprintf(r->sh, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n",
		       key, arg);
	r->status = 255;
	return -1;
}

int ipr_incomplete(struct iproute *r)
{
	sim_sh_eprintf(r->sh, "Command line is not complete. Try option \"help\"\n");
	r->status = 255;
	return -1;
}

int ipr_nodev(struct iproute *r, const char *dev)
{
	sim_sh_eprintf(r->sh, "Cannot find device \"%s\"\n", dev);
	r->status = 1;
	return -1;
}

int ipr_rtnl_error(struct iproute *r, const char *msg)
{
	sim_sh_eprintf(r->sh, "%s\n", msg);
	r->status = 2;
	return -1;
}

int ipr_check_ifname(const char *name)
{
	if (strlen(name) >= IFNAMSIZ || *name == '\0')
		return -1;
	for (; *name; name++)
		if (*name == '/' || g_ascii_isspace(*name))
			return -1;
	return 0;
}

/* ---- lib/namespace.c ----------------------------------------------------- */

/* netns_switch(): a named namespace is the node of that name */
int ipr_netns_switch(struct iproute *r, const char *name)
{
	struct node *node = world_node(r->net->w, name);

	if (!node) {
		sim_sh_eprintf(r->sh, "Cannot open network namespace \"%s\": "
			       "No such file or directory\n", name);
		r->status = 255;
		return -1;
	}
	r->net = node_net(node);
	return 0;
}

/* ---- lines the ip objects share ------------------------------------------ */

int ipr_unsupported(struct iproute *r, const char *object, const char *what)
{
	sim_sh_eprintf(r->sh, "%s: \"%s\" is not supported by skbsim yet\n", object, what);
	r->status = 255;
	return -1;
}

void ipr_flush_round(const struct iproute *r, int round, unsigned int deleted, const char *what)
{
	if (r->show_stats)
		sim_sh_printf(r->sh, "\n*** Round %d, deleting %u %s ***\n", round, deleted, what);
}

void ipr_flush_done(const struct iproute *r, int rounds)
{
	if (!r->show_stats)
		return;
	if (rounds == 0)
		sim_sh_printf(r->sh, "Nothing to flush.\n");
	else
		sim_sh_printf(r->sh, "*** Flush is complete after %d round%s ***\n", rounds,
			      rounds > 1 ? "s" : "");
}

/* ---- lib/utils.c: addresses and prefixes -------------------------------- */

int ipr_read_family(const char *name)
{
	if (strcmp(name, "inet") == 0)
		return AF_INET;
	if (strcmp(name, "inet6") == 0)
		return AF_INET6;
	if (strcmp(name, "link") == 0)
		return AF_PACKET;
	if (strcmp(name, "mpls") == 0)
		return AF_MPLS;
	if (strcmp(name, "bridge") == 0)
		return AF_BRIDGE;
	return AF_UNSPEC;
}

const char *ipr_family_name(int family)
{
	switch (family) {
	case AF_INET: return "inet";
	case AF_INET6: return "inet6";
	case AF_PACKET: return "link";
	case AF_MPLS: return "mpls";
	case AF_BRIDGE: return "bridge";
	default: return "???";
	}
}

/*
 * get_addr_ipv4(): up to four parts, each strtoul(, , 0) <= 255, so
 * "10.8" is 10.8.0.0 and "0x0a.1" is 10.1.0.0 (iproute2's legacy parse).
 */
static int get_addr_ipv4(u8 *ap, const char *cp)
{
	for (int i = 0; i < 4; i++) {
		unsigned long n;
		char *endp;

		n = strtoul(cp, &endp, 0);
		if (n > 255 || endp == cp)
			return -1;
		ap[i] = (u8)n;
		if (*endp == '\0')
			break;
		if (i == 3 || *endp != '.')
			return -1;
		cp = endp + 1;
	}
	return 1;
}

int ipr_get_addr_1(struct ipr_prefix *addr, const char *name, int family)
{
	memset(addr, 0, sizeof(*addr));
	if (strcmp(name, "default") == 0) {
		if (family == AF_MPLS)
			return -1;
		addr->family = family;
		addr->bytelen = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
		addr->bitlen = -2;
		addr->flags |= IPR_PREFIXLEN_SPECIFIED;
		return 0;
	}
	if (strcmp(name, "all") == 0 || strcmp(name, "any") == 0) {
		if (family == AF_MPLS)
			return -1;
		addr->family = family;
		addr->bytelen = 0;
		addr->bitlen = -2;
		return 0;
	}
	if (family == AF_PACKET || family == AF_MPLS)
		return -1;		/* link and MPLS addresses: not modelled */
	if (strchr(name, ':')) {
		addr->family = AF_INET6;
		if (family != AF_UNSPEC && family != AF_INET6)
			return -1;
		if (inet_pton(AF_INET6, name, addr->data) <= 0)
			return -1;
		addr->bytelen = 16;
		addr->bitlen = -1;
		return 0;
	}
	addr->family = AF_INET;
	if (family != AF_UNSPEC && family != AF_INET)
		return -1;
	if (get_addr_ipv4((u8 *)addr->data, name) <= 0)
		return -1;
	addr->bytelen = 4;
	addr->bitlen = -1;
	return 0;
}

/* mask2bits(): a dotted netmask's length, or -1 if it is not 2^n - 1 inverted */
static int mask2bits(uint32_t netmask)
{
	uint32_t mask = ntohl(netmask), host = ~mask;
	int bits = 0;

	if ((host & (host + 1)) != 0)
		return -1;
	for (; mask; mask <<= 1)
		++bits;
	return bits;
}

/* get_netmask(): "24" or "255.255.255.0" */
static int get_netmask(unsigned int *val, const char *arg)
{
	struct ipr_prefix addr;

	if (!ipr_get_unsigned(val, arg, 0))
		return 0;
	if (!ipr_get_addr_1(&addr, arg, AF_INET) && addr.family == AF_INET) {
		int b = mask2bits(addr.data[0]);

		if (b >= 0) {
			*val = (unsigned int)b;
			return 0;
		}
	}
	return -1;
}

int ipr_get_prefix_1(struct ipr_prefix *dst, const char *arg, int family)
{
	const char *slash = strchr(arg, '/');
	char *addr = slash ? g_strndup(arg, (gsize)(slash - arg)) : g_strdup(arg);
	int err = ipr_get_addr_1(dst, addr, family), bitlen;

	g_free(addr);
	if (err)
		return err;
	bitlen = dst->family == AF_INET6 ? 128 : dst->family == AF_INET ? 32 : 0;
	if (slash) {
		unsigned int plen;

		if (dst->bitlen == -2 || get_netmask(&plen, slash + 1) || plen > (unsigned int)bitlen)
			return -1;
		dst->flags |= IPR_PREFIXLEN_SPECIFIED;
		bitlen = (int)plen;
	} else if (dst->bitlen == -2) {
		bitlen = 0;
	}
	dst->bitlen = bitlen;
	return 0;
}

static const char *family_name_verbose(int family)
{
	return family == AF_UNSPEC ? "any valid" : ipr_family_name(family);
}

int ipr_get_addr(struct iproute *r, struct ipr_prefix *dst, const char *arg, int family)
{
	if (ipr_get_addr_1(dst, arg, family)) {
		sim_sh_eprintf(r->sh, "Error: %s address is expected rather than \"%s\".\n",
			       family_name_verbose(family), arg);
		r->status = 1;
		return -1;
	}
	return 0;
}

int ipr_get_prefix(struct iproute *r, struct ipr_prefix *dst, const char *arg, int family)
{
	if (family == AF_PACKET) {
		sim_sh_eprintf(r->sh, "Error: \"%s\" may be inet prefix, but it is not allowed "
			       "in this context.\n", arg);
		r->status = 1;
		return -1;
	}
	if (ipr_get_prefix_1(dst, arg, family)) {
		sim_sh_eprintf(r->sh, "Error: %s prefix is expected rather than \"%s\".\n",
			       family_name_verbose(family), arg);
		r->status = 1;
		return -1;
	}
	return 0;
}

int ipr_addr_match(const uint32_t *a, const uint32_t *b, int bits)
{
	int words = bits >> 5;

	bits &= 0x1f;
	if (words && memcmp(a, b, (size_t)words << 2))
		return -1;
	if (bits) {
		uint32_t mask = htonl(0xffffffffu << (32 - bits));

		if ((a[words] ^ b[words]) & mask)
			return 1;
	}
	return 0;
}

int ipr_addr_match_v4(const struct ipr_prefix *m, uint32_t addr)
{
	if (m->family == AF_UNSPEC || m->bitlen <= 0)
		return 0;
	if (m->family != AF_INET)
		return -1;
	return ipr_addr_match(&addr, m->data, m->bitlen);
}

const char *ipr_ntoa(uint32_t addr, char buf[16])
{
	const u8 *b = (const u8 *)&addr;

	snprintf(buf, 16, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return buf;
}

/* ---- lib/ll_addr.c ------------------------------------------------------- */

void ipr_ll_addr_n2a(GString *out, const u8 *addr, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		g_string_append_printf(out, i ? ":%02x" : "%02x", addr[i]);
}

int ipr_ll_addr_a2n(struct iproute *r, u8 *lladdr, int len, const char *arg)
{
	char *copy = g_strdup(arg), *p = copy;
	int i, ret = -1;

	if (strchr(arg, '.')) {
		struct ipr_prefix pfx;

		if (ipr_get_addr_1(&pfx, arg, AF_INET) || pfx.family != AF_INET) {
			sim_sh_eprintf(r->sh, "\"%s\" is invalid lladdr.\n", arg);
			goto out;
		}
		memcpy(lladdr, pfx.data, 4);
		ret = 4;
		goto out;
	}
	for (i = 0; i < len; i++) {
		char *cp = strchr(p, ':');
		unsigned int temp;

		if (cp)
			*cp++ = '\0';
		if (sscanf(p, "%x", &temp) != 1 || temp > 255) {
			sim_sh_eprintf(r->sh, "\"%s\" is invalid lladdr.\n", p);
			goto out;
		}
		lladdr[i] = (u8)temp;
		if (!cp)
			break;
		p = cp;
	}
	ret = i + 1;
out:
	g_free(copy);
	if (ret < 0)
		r->status = 1;
	return ret;
}

/* ---- lib/rt_names.c and ip/rtm_map.c: names of numbers -------------------- */

/*
 * The names a Debian 12 machine knows: the built-in tables of iproute2
 * 6.1 merged with /etc/iproute2/rt_protos, rt_scopes, rt_tables and
 * rt_dsfield as the iproute2 package installs them.
 */
struct ipr_name {
	unsigned int id;
	const char *name;
};

static const struct ipr_name rtprot_names[] = {
	{ 0, "unspec" }, { 1, "redirect" }, { 2, "kernel" }, { 3, "boot" }, { 4, "static" },
	{ 8, "gated" }, { 9, "ra" }, { 10, "mrt" }, { 11, "zebra" }, { 12, "bird" },
	{ 13, "dnrouted" }, { 14, "xorp" }, { 15, "ntk" }, { 16, "dhcp" },
	{ 18, "keepalived" }, { 42, "babel" }, { 99, "openr" }, { 186, "bgp" },
	{ 187, "isis" }, { 188, "ospf" }, { 189, "rip" }, { 192, "eigrp" },
};

static const struct ipr_name rtscope_names[] = {
	{ 0, "global" }, { 255, "nowhere" }, { 254, "host" }, { 253, "link" }, { 200, "site" },
};


static const struct ipr_name dsfield_names[] = {
	{ 0x00, "default" }, { 0x28, "AF11" }, { 0x30, "AF12" }, { 0x38, "AF13" },
	{ 0x48, "AF21" }, { 0x50, "AF22" }, { 0x58, "AF23" }, { 0x68, "AF31" },
	{ 0x70, "AF32" }, { 0x78, "AF33" }, { 0x88, "AF41" }, { 0x90, "AF42" },
	{ 0x98, "AF43" }, { 0x20, "CS1" }, { 0x40, "CS2" }, { 0x60, "CS3" },
	{ 0x80, "CS4" }, { 0xA0, "CS5" }, { 0xC0, "CS6" }, { 0xE0, "CS7" }, { 0xB8, "EF" },
};

/* The name of @id in @t, else @id as @fmt prints it (into @buf). */
static const char *name_of(const struct ipr_name *t, size_t n, unsigned int id,
			   const char *fmt, char buf[16])
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return t[i].name;
	snprintf(buf, 16, fmt, id);
	return buf;
}

/* A name of @t, else a number strtoul(, , @base) <= @max. */
static int number_of(const struct ipr_name *t, size_t n, const char *arg, int base,
		     unsigned long max, uint32_t *id)
{
	unsigned long res;
	char *end;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].name, arg) == 0) {
			*id = t[i].id;
			return 0;
		}
	}
	errno = 0;
	res = strtoul(arg, &end, base);
	if (end == arg || *end || res > max || errno == ERANGE)
		return -1;
	*id = (uint32_t)res;
	return 0;
}

const char *ipr_rtprot_n2a(unsigned int id, char buf[16])
{
	return name_of(rtprot_names, G_N_ELEMENTS(rtprot_names), id, "%u", buf);
}

int ipr_rtprot_a2n(uint32_t *id, const char *arg)
{
	return number_of(rtprot_names, G_N_ELEMENTS(rtprot_names), arg, 0, 255, id);
}

const char *ipr_rtscope_n2a(unsigned int id, char buf[16])
{
	return name_of(rtscope_names, G_N_ELEMENTS(rtscope_names), id, "%d", buf);
}

int ipr_rtscope_a2n(uint32_t *id, const char *arg)
{
	return number_of(rtscope_names, G_N_ELEMENTS(rtscope_names), arg, 0, 255, id);
}

int ipr_get_scope_filter(struct iproute *r, uint32_t *scope, uint32_t *mask, const char *arg)
{
	*scope = 0;
	*mask = ~0u;
	if (ipr_rtscope_a2n(scope, arg)) {
		if (strcmp(arg, "all") != 0)
			return ipr_invarg(r, "invalid \"scope\"\n", arg);
		*scope = RT_SCOPE_NOWHERE;
		*mask = 0;
	}
	return 0;
}

/* ---- /etc/iproute2/rt_tables (lib/rt_names.c rtnl_rttable_*) ------------- */

/* Debian 12's file, which a node has until it writes its own */
static const char rt_tables_default[] =
	"#\n# reserved values\n#\n255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n"
	"#\n# local\n#\n#1\tinr.ruhep\n";

static int etc_read(struct node *node, const char *rel, GString *out)
{
	(void)node;
	if (!*rel)
		return -EISDIR;
	if (strcmp(rel, "rt_tables") != 0)
		return -ENOENT;
	g_string_append(out, rt_tables_default);
	return 0;
}

static int etc_access(struct node *node, const char *rel, bool write)
{
	(void)node, (void)write;
	if (!*rel)
		return -EISDIR;
	return strcmp(rel, "rt_tables") == 0 ? 0 : -ENOENT;
}

static void etc_list(struct node *node, GPtrArray *paths)
{
	(void)node;
	g_ptr_array_add(paths, g_strdup("/etc/iproute2/rt_tables"));
}

/* plain: `echo "200 isp1" >> /etc/iproute2/rt_tables` gives the node its copy */
const struct sim_fs_ops etc_iproute2_fs_ops = {
	.root = "/etc/iproute2",
	.read = etc_read,
	.access = etc_access,
	.list = etc_list,
	.plain = true,
};

struct ipr_rttable {
	uint32_t id;
	char *name;
};

static void rttable_clear(gpointer data)
{
	g_free(((struct ipr_rttable *)data)->name);
}

/* One "ID NAME" line as rtnl_hash_initialize's sscanf formats take it:
 * "0x%x %s" or "%d %s", then the end of the line or " #..." */
static bool rttable_parse_line(const char *p, struct ipr_rttable *e)
{
	const char *q = p;
	long long id;
	char *end;

	errno = 0;
	if (q[0] == '0' && q[1] == 'x')
		id = (long long)strtoul(q + 2, &end, 16);
	else
		id = strtol(q, &end, 10);
	if (end == q || (*end != ' ' && *end != '\t'))
		return false;
	for (q = end; *q == ' ' || *q == '\t'; q++)
		;
	end = (char *)q;
	while (*end && *end != ' ' && *end != '\t' && *end != '\n')
		end++;
	if (end == q)
		return false;
	e->id = (uint32_t)id;
	e->name = g_strndup(q, (gsize)(end - q));
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end && *end != '\n' && *end != '#') {
		g_free(e->name);
		return false;
	}
	return true;
}

static const struct ipr_rttable rttable_builtin[] = {
	{ 253, "default" }, { 254, "main" }, { 255, "local" },
};

/*
 * rtnl_rttable_initialize(): the built-ins, then the file's lines (later
 * wins), read on first use into the array ip_main made; a tool without
 * one (tc) knows the built-ins only.
 */
static const GArray *rttables(const struct iproute *r)
{
	GArray *t = r->rttables;
	GString *text;
	char **lines;

	if (!t || t->len)
		return t;
	for (size_t i = 0; i < G_N_ELEMENTS(rttable_builtin); i++) {
		struct ipr_rttable e = { rttable_builtin[i].id, g_strdup(rttable_builtin[i].name) };

		g_array_append_val(t, e);
	}
	text = g_string_new(NULL);
	if (sim_vfs_read(r->sh->node, "/etc/iproute2/rt_tables", text) < 0) {
		g_string_free(text, TRUE);
		return t;
	}
	lines = g_strsplit(text->str, "\n", -1);
	for (char **l = lines; *l; l++) {
		const char *p = *l;
		struct ipr_rttable e;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || !*p)
			continue;
		if (!rttable_parse_line(p, &e)) {
			/* fgets() kept the line's newline: a blank line follows */
			sim_sh_eprintf(r->sh, "Database %s is corrupted at %s\n\n",
				       "/etc/iproute2/rt_tables", p);
			break;
		}
		if ((int)e.id < 0) {	/* the kernel tool reads it as an int */
			g_free(e.name);
			continue;
		}
		g_array_append_val(t, e);
	}
	g_strfreev(lines);
	g_string_free(text, TRUE);
	return t;
}

/* The entry for @id (@name NULL) or for @name, latest first */
static const struct ipr_rttable *rttable_find(const struct iproute *r, uint32_t id,
					      const char *name)
{
	const GArray *t = rttables(r);
	const struct ipr_rttable *v = t ? (const struct ipr_rttable *)(const void *)t->data
				    : rttable_builtin;
	guint n = t ? t->len : G_N_ELEMENTS(rttable_builtin);

	for (guint i = n; i-- > 0;)
		if (name ? strcmp(v[i].name, name) == 0 : v[i].id == id)
			return &v[i];
	return NULL;
}

const char *ipr_rttable_n2a(const struct iproute *r, uint32_t id, char buf[16])
{
	const struct ipr_rttable *e = rttable_find(r, id, NULL);

	if (e)
		return e->name;
	snprintf(buf, 16, "%u", id);
	return buf;
}

int ipr_rttable_a2n(const struct iproute *r, uint32_t *id, const char *arg)
{
	const struct ipr_rttable *e = rttable_find(r, 0, arg);
	unsigned long res;
	char *end;

	if (e) {
		*id = e->id;
		return 0;
	}
	errno = 0;
	res = strtoul(arg, &end, 0);
	if (end == arg || *end || res > 0xffffffffUL || errno == ERANGE)
		return -1;
	*id = (uint32_t)res;
	return 0;
}

void ipr_free(struct iproute *r)
{
	if (r->rttables)
		g_array_unref(r->rttables);
	r->rttables = NULL;
}

const char *ipr_dsfield_n2a(unsigned int id, char buf[16])
{
	return name_of(dsfield_names, G_N_ELEMENTS(dsfield_names), id, "0x%02x", buf);
}

int ipr_dsfield_a2n(uint32_t *id, const char *arg)
{
	return number_of(dsfield_names, G_N_ELEMENTS(dsfield_names), arg, 16, 255, id);
}

const char *ipr_rtntype_n2a(unsigned int id, char buf[16])
{
	static const char *const names[] = {
		"none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
		"unreachable", "prohibit", "throw", "nat", "xresolve",
	};

	if (id < G_N_ELEMENTS(names))
		return names[id];
	snprintf(buf, 16, "%u", id);
	return buf;
}

/* rtnl_rtntype_a2n(): abbreviations as matches() allows, in its order */
int ipr_rtntype_a2n(int *id, const char *arg)
{
	static const struct { const char *name; bool exact; int id; } types[] = {
		{ "local", true, 2 }, { "nat", true, 10 }, { "broadcast", false, 3 },
		{ "brd", true, 3 }, { "anycast", false, 4 }, { "multicast", false, 5 },
		{ "prohibit", false, 8 }, { "unreachable", false, 7 },
		{ "blackhole", false, 6 }, { "xresolve", false, 11 }, { "unicast", false, 1 },
		{ "throw", true, 9 },
	};
	unsigned long res;
	char *end;

	for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
		if (types[i].exact ? strcmp(arg, types[i].name) == 0
				   : ipr_matches(arg, types[i].name) == 0) {
			*id = types[i].id;
			return 0;
		}
	}
	res = strtoul(arg, &end, 0);
	if (end == arg || *end || res > 255)
		return -1;
	*id = (int)res;
	return 0;
}

/* ---- ip/ip.c ------------------------------------------------------------ */

static int ip_usage(struct iproute *r)
{
	sim_sh_eprintf(r->sh,
		"Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       ip [ -force ] -batch filename\n"
		"where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
		"                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
		"                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
		"                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
		"                   token | tunnel | tuntap | vrf | xfrm }\n"
		"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
		"                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
		"                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
		"                    -4 | -6 | -M | -B | -0 |\n"
		"                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
		"                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
		"                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
		"                    -c[olor]}\n");
	r->status = 255;
	return -1;
}

static int do_help(struct iproute *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return ip_usage(r);
}

struct ip_object {
	const char *cmd;
	int (*func)(struct iproute *r, int argc, char **argv);
};

/* ip.c's cmds[], in its order: the order decides what an abbreviation means */
static const struct ip_object ip_objects[] = {
	{ "address", do_ipaddr }, { "addrlabel", NULL }, { "maddress", NULL },
	{ "route", do_iproute }, { "rule", do_iprule }, { "neighbor", do_ipneigh },
	{ "neighbour", do_ipneigh },
	{ "ntable", NULL }, { "ntbl", NULL }, { "link", do_iplink }, { "l2tp", NULL },
	{ "fou", NULL }, { "ila", NULL }, { "macsec", NULL }, { "tunnel", NULL },
	{ "tunl", NULL }, { "tuntap", NULL }, { "tap", NULL }, { "token", NULL },
	{ "tcpmetrics", NULL }, { "tcp_metrics", NULL }, { "monitor", NULL },
	{ "xfrm", NULL }, { "mroute", NULL }, { "mrule", NULL }, { "netns", NULL },
	{ "netconf", NULL }, { "vrf", NULL }, { "sr", NULL }, { "nexthop", NULL },
	{ "mptcp", NULL }, { "ioam", NULL }, { "help", do_help }, { "stats", NULL },
};

static int do_cmd(struct iproute *r, const char *argv0, int argc, char **argv)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ip_objects); i++) {
		const struct ip_object *o = &ip_objects[i];

		if (ipr_matches(argv0, o->cmd) != 0)
			continue;
		if (!o->func) {
			sim_sh_eprintf(r->sh, "ip: object \"%s\" is not modelled by skbsim yet.\n",
				       o->cmd);
			r->status = 255;
			return -1;
		}
		return o->func(r, argc - 1, argv + 1);
	}
	sim_sh_eprintf(r->sh, "Object \"%s\" is unknown, try \"ip help\".\n", argv0);
	r->status = 1;
	return -1;
}

static bool valid_family(const char *name)
{
	static const char *const families[] = {
		"inet", "inet6", "link", "mpls", "bridge", "help",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(families); i++)
		if (strcmp(name, families[i]) == 0)
			return true;
	return false;
}

/* -4, -6, -0, -M, -B: preferred_family */
static int ip_af_option(const char *opt)
{
	switch (opt[1]) {
	case '4': return AF_INET;
	case '6': return AF_INET6;
	case '0': return AF_PACKET;
	case 'M': return AF_MPLS;
	default: return AF_BRIDGE;
	}
}

/* matches_color(): -c[olor][=always|auto|never] */
static bool is_color_option(const char *opt)
{
	const char *eq = strchr(opt, '=');
	char *name = g_strndup(opt, eq ? (gsize)(eq - opt) : strlen(opt));
	bool color = ipr_matches(name, "-color") == 0;

	g_free(name);
	if (!color)
		return false;
	return !eq || strcmp(eq + 1, "always") == 0 || strcmp(eq + 1, "auto") == 0 ||
	       strcmp(eq + 1, "never") == 0;
}

/* ip.c's option tests, in its order: "-r" is -resolve, not -rcvbuf */
enum ip_opt {
	OPT_LOOPS, OPT_FAMILY, OPT_AF, OPT_HUMAN, OPT_IEC, OPT_STATS, OPT_DETAILS,
	OPT_IGNORED, OPT_ONELINE, OPT_VERSION, OPT_BATCH, OPT_BRIEF, OPT_JSON,
	OPT_RCVBUF, OPT_COLOR, OPT_HELP, OPT_NETNS, OPT_FORCE,
};

static const struct {
	const char *name;
	bool exact;			/* strcmp, not matches() */
	enum ip_opt opt;
} ip_options[] = {
	{ "-loops", false, OPT_LOOPS }, { "-family", false, OPT_FAMILY },
	{ "-4", true, OPT_AF }, { "-6", true, OPT_AF }, { "-0", true, OPT_AF },
	{ "-M", true, OPT_AF }, { "-B", true, OPT_AF },
	{ "-human", false, OPT_HUMAN }, { "-human-readable", false, OPT_HUMAN },
	{ "-iec", false, OPT_IEC }, { "-stats", false, OPT_STATS },
	{ "-statistics", false, OPT_STATS }, { "-details", false, OPT_DETAILS },
	{ "-resolve", false, OPT_IGNORED }, { "-oneline", false, OPT_ONELINE },
	{ "-timestamp", false, OPT_IGNORED }, { "-tshort", false, OPT_IGNORED },
	{ "-Version", false, OPT_VERSION }, { "-force", false, OPT_FORCE },
	{ "-batch", false, OPT_BATCH }, { "-brief", false, OPT_BRIEF },
	{ "-json", false, OPT_JSON }, { "-pretty", false, OPT_IGNORED },
	{ "-rcvbuf", false, OPT_RCVBUF }, { "", false, OPT_COLOR },
	{ "-help", false, OPT_HELP }, { "-netns", false, OPT_NETNS },
	{ "-Numeric", false, OPT_IGNORED }, { "-all", false, OPT_IGNORED },
	{ "-echo", true, OPT_IGNORED },
};

static int ip_unsupported_option(struct iproute *r, const char *what)
{
	sim_sh_eprintf(r->sh, "ip: %s is not supported by skbsim\n", what);
	r->status = 255;
	return -1;
}

/*
 * One option word; @argc/@argv point at it.  Returns the number of extra
 * words it took (0 or 1), -2 for -Version, or -1 after printing why it is
 * refused.
 */
static int ip_option(struct iproute *r, int argc, char **argv)
{
	const char *opt = argv[0];
	enum ip_opt which = OPT_IGNORED;
	size_t i;

	if (opt[1] == '-')
		opt++;
	for (i = 0; i < G_N_ELEMENTS(ip_options); i++) {
		const char *name = ip_options[i].name;

		if (ip_options[i].opt == OPT_COLOR ? is_color_option(opt)
		    : ip_options[i].exact ? strcmp(opt, name) == 0
		    : ipr_matches(opt, name) == 0)
			break;
	}
	if (i == G_N_ELEMENTS(ip_options)) {
		sim_sh_eprintf(r->sh, "Option \"%s\" is unknown, try \"ip -help\".\n", opt);
		r->status = 255;
		return -1;
	}
	which = ip_options[i].opt;
	switch (which) {
	case OPT_LOOPS:
	case OPT_FAMILY:
	case OPT_RCVBUF:
	case OPT_NETNS:
	case OPT_BATCH:
		break;
	case OPT_AF:
		r->family = ip_af_option(opt);
		return 0;
	case OPT_HUMAN: r->human++; return 0;
	case OPT_IEC: r->iec++; return 0;
	case OPT_STATS: r->show_stats++; return 0;
	case OPT_DETAILS: r->show_details++; return 0;
	case OPT_ONELINE: r->oneline++; return 0;
	case OPT_BRIEF: r->brief++; return 0;
	case OPT_VERSION: return -2;
	case OPT_FORCE: r->force = true; return 0;
	case OPT_JSON: return ip_unsupported_option(r, "-json");
	case OPT_HELP: return ip_usage(r);
	default: return 0;
	}
	/* the options that take a value */
	if (argc <= 1) {
		if (which == OPT_NETNS)
			return ipr_incomplete(r);
		return ip_usage(r);
	}
	if (which == OPT_FAMILY) {
		if (strcmp(argv[1], "help") == 0)
			return ip_usage(r);
		if (!valid_family(argv[1]))
			return ipr_invarg(r, "invalid protocol family", argv[1]);
		r->family = ipr_read_family(argv[1]);
	} else if (which == OPT_RCVBUF) {
		unsigned int size;

		if (ipr_get_unsigned(&size, argv[1], 0)) {
			sim_sh_eprintf(r->sh, "Invalid rcvbuf size '%s'\n", argv[1]);
			r->status = 255;
			return -1;
		}
	} else if (which == OPT_NETNS) {
		if (ipr_netns_switch(r, argv[1]) < 0)
			return -1;
	} else if (which == OPT_BATCH) {
		r->batch = argv[1];
	}
	return 1;
}

/*
 * makeargs() of lib/utils.c: the words of one batch line; a word starting
 * with a quote runs to the matching quote.  -1 after its message for an
 * unterminated quote or too many words (iproute2 exits then).
 */
#define IP_BATCH_MAX_ARGS 512
static int batch_makeargs(struct iproute *r, char *line, char **argv)
{
	static const char ws[] = " \t\r\n";
	char *cp = line;
	int argc = 0;

	while (*cp) {
		cp += strspn(cp, ws);
		if (!*cp)
			break;
		if (argc >= IP_BATCH_MAX_ARGS - 1) {
			sim_sh_eprintf(r->sh, "Too many arguments to command\n");
			return -1;
		}
		if (*cp == '\'' || *cp == '"') {
			char quote = *cp++;

			argv[argc++] = cp;
			cp = strchr(cp, quote);
			if (!cp) {
				sim_sh_eprintf(r->sh, "Unterminated quoted string\n");
				return -1;
			}
		} else {
			argv[argc++] = cp;
			cp += strcspn(cp, ws);
			if (!*cp)
				break;
		}
		*cp++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * batch() of ip/ip.c: one command per line of @name ("ip" left out), `#`
 * to the end of a line a comment, a trailing backslash joining lines
 * (getcmdline).  A failing command prints "Command failed FILE:LINE" and
 * ends the batch unless -force; one whose tool would exit() at once (an
 * invalid argument: status 255) ends it anyway.  "-" would be stdin, which
 * `sh` lines do not have: an empty batch.
 */
/*
 * getcmdline(): the next command from @*pos into @cmd, comments cut and
 * backslash-newlines joined; @lineno counts the lines read.  False at the
 * end.  (A walk with strchr, not a split of the whole text: ASan's strstr
 * measures the rest of the text on every call.)
 */
static bool batch_getcmdline(const char **pos, GString *cmd, int *lineno)
{
	const char *s = *pos;

	if (!*s)
		return false;
	g_string_truncate(cmd, 0);
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		const char *hash = memchr(s, '#', len);

		(*lineno)++;
		g_string_append_len(cmd, s, hash ? hash - s : (gssize)len);
		s = nl ? nl + 1 : s + len;
		if (!cmd->len || cmd->str[cmd->len - 1] != '\\' || !*s)
			break;
		g_string_truncate(cmd, cmd->len - 1);
	}
	*pos = s;
	return true;
}

static int ip_batch(struct iproute *r, const char *name)
{
	GString *text = g_string_new(NULL), *cmd = g_string_new(NULL);
	char *largv[IP_BATCH_MAX_ARGS];
	int ret = 0, r0, lineno = 0;
	const char *pos;

	if (strcmp(name, "-") != 0 && (r0 = sim_vfs_read(r->sh->node, name, text)) < 0) {
		sim_sh_eprintf(r->sh, "Cannot open file \"%s\" for reading: %s\n", name,
			       g_strerror(-r0));
		ret = 1;
		goto out;
	}
	pos = text->str;
	while (batch_getcmdline(&pos, cmd, &lineno)) {
		int largc = batch_makeargs(r, cmd->str, largv);

		if (largc < 0) {
			ret = 1;
			break;
		}
		if (largc == 0)
			continue;
		r->status = 0;
		if (do_cmd(r, largv[0], largc, largv) < 0 || r->status) {
			if (r->status == 255) {		/* exit(-1) inside the command */
				ret = 255;
				break;
			}
			sim_sh_eprintf(r->sh, "Command failed %s:%d\n", name, lineno);
			ret = 1;
			if (!r->force)
				break;
		}
	}
out:
	g_string_free(cmd, TRUE);
	g_string_free(text, TRUE);
	return ret;
}

static int ip_run(struct iproute *r, int argc, char **argv)
{
	while (argc > 1) {
		int n;

		if (strcmp(argv[1], "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (argv[1][0] != '-')
			break;
		n = ip_option(r, argc - 1, argv + 1);
		if (n == -2) {
			sim_sh_printf(r->sh, "ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
			return 0;
		}
		if (n < 0)
			return r->status;
		argc -= 1 + n;
		argv += 1 + n;
	}
	r->sl = r->oneline ? "\\" : "\n";
	if (r->batch)
		return ip_batch(r, r->batch);
	if (argc <= 1) {
		ip_usage(r);
		return r->status;
	}
	do_cmd(r, argv[1], argc - 1, argv + 1);
	return r->status;
}

static int ip_main(struct sim_sh *sh, int argc, char **argv)
{
	struct iproute r = { .sh = sh, .net = node_net(sh->node) };
	int status;

	r.rttables = g_array_new(FALSE, TRUE, sizeof(struct ipr_rttable));
	g_array_set_clear_func(r.rttables, rttable_clear);
	status = ip_run(&r, argc, argv);

	ipr_free(&r);
	return status;
}

const struct sim_command ip_command = { "ip", ip_main };
