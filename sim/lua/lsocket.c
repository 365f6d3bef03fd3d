/*
 * sim/lua/lsocket.c - the socket API of Lua processes
 *
 * No kernel counterpart: this is the C library's side of the socket
 * system calls, shaped like luaposix's posix.sys.socket.  skbsim.socket()
 * makes a socket owned by the calling process (node:spawn(function ...));
 * its methods turn Lua values into struct sockaddr_in (or, for packet
 * sockets, a table into struct sockaddr_ll: { ifname =, protocol =, addr =,
 * pkttype = }, interface names through ioctl(SIOCGIFINDEX) as
 * if_nametoindex does), struct msghdr and option bytes (ICMP_FILTER,
 * IP_HDRINCL, PACKET_ADD_MEMBERSHIP's struct packet_mreq...) and call the
 * models through w->socket_ops (sim/socket.h).
 * Results come back as values, failures as nil, strerror text, errno name
 * ("Address already in use", "EADDRINUSE"); misuse of the API (a wrong
 * argument type, an unknown flag or option name) is a Lua error naming the
 * script line.
 *
 * Blocking: a call that would block (-EAGAIN without MSG_DONTWAIT) queues
 * a struct sim_wait on the socket, yields with a continuation, and is
 * tried again when the model wakes the wait queue or the SO_RCVTIMEO /
 * SO_SNDTIMEO deadline passes (then EAGAIN, as Linux reports a timeout).
 * skbsim.poll() waits the same way on several sockets.  A process that
 * ends, by returning, an error or a signal, has its sockets closed.
 */
#define _GNU_SOURCE		/* strerrorname_np */
#include "sim/lua/lua_priv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include "sim/socket.h"

#define LSOCK_MT "skbsim.socket"
#define LSOCK_CONTROL 512		/* cmsg buffer of a recvmsg */
#define LSOCK_MAX_WAITS 1024		/* sockets one poll may watch */

struct lsock {
	uint32_t node_id;
	int pid;
	int fd;
	int family;			/* AF_INET: (addr, port); AF_PACKET: a table */
	bool portless;			/* raw and ping sockets: the port may be left out */
	bool closed;
};

/* a socket address of either family */
union lsockaddr {
	struct sockaddr sa;
	struct sockaddr_in sin;
	struct sockaddr_ll sll;
	struct sockaddr_storage ss;
};

/* per process: the waits queued on sockets while it is blocked */
struct lsock_proc {
	struct sim_proc *p;
	struct sim_wait *waits;
	int nwaits, cap;
};

/* ---- names ----------------------------------------------------------------- */

struct lname {
	const char *name;
	int value;
};

static const struct lname family_names[] = {
	{ "inet", AF_INET }, { "AF_INET", AF_INET }, { "inet6", AF_INET6 },
	{ "AF_INET6", AF_INET6 }, { "unix", AF_UNIX }, { "AF_UNIX", AF_UNIX },
	{ "packet", AF_PACKET }, { "AF_PACKET", AF_PACKET }, { "netlink", AF_NETLINK },
	{ "AF_NETLINK", AF_NETLINK }, { "unspec", AF_UNSPEC }, { "AF_UNSPEC", AF_UNSPEC },
	{ NULL, 0 },
};

static const struct lname type_names[] = {
	{ "dgram", SOCK_DGRAM }, { "SOCK_DGRAM", SOCK_DGRAM }, { "stream", SOCK_STREAM },
	{ "SOCK_STREAM", SOCK_STREAM }, { "raw", SOCK_RAW }, { "SOCK_RAW", SOCK_RAW },
	{ "seqpacket", SOCK_SEQPACKET }, { "SOCK_SEQPACKET", SOCK_SEQPACKET },
	{ NULL, 0 },
};

static const struct lname proto_names[] = {
	{ "ip", 0 }, { "udp", IPPROTO_UDP }, { "IPPROTO_UDP", IPPROTO_UDP },
	{ "icmp", IPPROTO_ICMP }, { "IPPROTO_ICMP", IPPROTO_ICMP }, { "tcp", IPPROTO_TCP },
	{ "IPPROTO_TCP", IPPROTO_TCP }, { "raw", IPPROTO_RAW }, { "IPPROTO_RAW", IPPROTO_RAW },
	{ NULL, 0 },
};

/* AF_PACKET protocols: EtherTypes, given to socket() in network order */
static const struct lname packet_proto_names[] = {
	{ "all", 0x0003 }, { "ETH_P_ALL", 0x0003 }, { "ip", 0x0800 }, { "ETH_P_IP", 0x0800 },
	{ "arp", 0x0806 }, { "ETH_P_ARP", 0x0806 }, { "ipv6", 0x86DD }, { "ETH_P_IPV6", 0x86DD },
	{ "8021q", 0x8100 }, { "ETH_P_8021Q", 0x8100 },
	{ NULL, 0 },
};

/* sockaddr_ll.sll_pkttype */
static const struct lname pkttype_names[] = {
	{ "host", PACKET_HOST }, { "broadcast", PACKET_BROADCAST },
	{ "multicast", PACKET_MULTICAST }, { "otherhost", PACKET_OTHERHOST },
	{ "outgoing", PACKET_OUTGOING }, { "loopback", PACKET_LOOPBACK },
	{ NULL, 0 },
};

/* packet_mreq.mr_type */
static const struct lname mr_type_names[] = {
	{ "PACKET_MR_MULTICAST", PACKET_MR_MULTICAST }, { "PACKET_MR_PROMISC", PACKET_MR_PROMISC },
	{ "PACKET_MR_ALLMULTI", PACKET_MR_ALLMULTI }, { "PACKET_MR_UNICAST", PACKET_MR_UNICAST },
	{ "multicast", PACKET_MR_MULTICAST }, { "promisc", PACKET_MR_PROMISC },
	{ "allmulti", PACKET_MR_ALLMULTI }, { "unicast", PACKET_MR_UNICAST },
	{ NULL, 0 },
};

static const struct lname msg_flag_names[] = {
	{ "MSG_OOB", MSG_OOB }, { "MSG_PEEK", MSG_PEEK }, { "MSG_DONTROUTE", MSG_DONTROUTE },
	{ "MSG_CTRUNC", MSG_CTRUNC }, { "MSG_TRUNC", MSG_TRUNC },
	{ "MSG_DONTWAIT", MSG_DONTWAIT }, { "MSG_EOR", MSG_EOR }, { "MSG_WAITALL", MSG_WAITALL },
	{ "MSG_CONFIRM", MSG_CONFIRM }, { "MSG_ERRQUEUE", MSG_ERRQUEUE },
	{ "MSG_NOSIGNAL", MSG_NOSIGNAL }, { "MSG_MORE", MSG_MORE },
	{ NULL, 0 },
};

static const struct lname level_names[] = {
	{ "SOL_SOCKET", SOL_SOCKET }, { "SOL_IP", SOL_IP }, { "IPPROTO_IP", IPPROTO_IP },
	{ "SOL_UDP", SOL_UDP }, { "IPPROTO_UDP", IPPROTO_UDP }, { "SOL_RAW", SOL_RAW },
	{ "IPPROTO_ICMP", IPPROTO_ICMP }, { "SOL_PACKET", SOL_PACKET },
	{ NULL, 0 },
};

enum opt_type { OPT_INT, OPT_TIME, OPT_STRING, OPT_ADDR, OPT_MREQ, OPT_PSTATS };

static const struct lopt_name {
	const char *name;
	int optname;
	enum opt_type type;
} opt_names[] = {
	{ "SO_REUSEADDR", SO_REUSEADDR, OPT_INT }, { "SO_REUSEPORT", SO_REUSEPORT, OPT_INT },
	{ "SO_BROADCAST", SO_BROADCAST, OPT_INT }, { "SO_DONTROUTE", SO_DONTROUTE, OPT_INT },
	{ "SO_RCVBUF", SO_RCVBUF, OPT_INT }, { "SO_SNDBUF", SO_SNDBUF, OPT_INT },
	{ "SO_RCVBUFFORCE", SO_RCVBUFFORCE, OPT_INT },
	{ "SO_SNDBUFFORCE", SO_SNDBUFFORCE, OPT_INT },
	{ "SO_PRIORITY", SO_PRIORITY, OPT_INT }, { "SO_MARK", SO_MARK, OPT_INT },
	{ "SO_RCVLOWAT", SO_RCVLOWAT, OPT_INT }, { "SO_TYPE", SO_TYPE, OPT_INT },
	{ "SO_PROTOCOL", SO_PROTOCOL, OPT_INT }, { "SO_DOMAIN", SO_DOMAIN, OPT_INT },
	{ "SO_ERROR", SO_ERROR, OPT_INT }, { "SO_ACCEPTCONN", SO_ACCEPTCONN, OPT_INT },
	{ "SO_KEEPALIVE", SO_KEEPALIVE, OPT_INT }, { "SO_TIMESTAMP", SO_TIMESTAMP, OPT_INT },
	{ "SO_RXQ_OVFL", SO_RXQ_OVFL, OPT_INT },
	{ "SO_RCVTIMEO", SO_RCVTIMEO, OPT_TIME }, { "SO_SNDTIMEO", SO_SNDTIMEO, OPT_TIME },
	{ "SO_BINDTODEVICE", SO_BINDTODEVICE, OPT_STRING },
	{ "IP_TOS", IP_TOS, OPT_INT }, { "IP_TTL", IP_TTL, OPT_INT },
	{ "IP_PKTINFO", IP_PKTINFO, OPT_INT }, { "IP_RECVTTL", IP_RECVTTL, OPT_INT },
	{ "IP_RECVTOS", IP_RECVTOS, OPT_INT }, { "IP_RECVERR", IP_RECVERR, OPT_INT },
	{ "IP_FREEBIND", IP_FREEBIND, OPT_INT }, { "IP_TRANSPARENT", IP_TRANSPARENT, OPT_INT },
	{ "IP_MTU_DISCOVER", IP_MTU_DISCOVER, OPT_INT }, { "IP_MTU", IP_MTU, OPT_INT },
	{ "IP_MULTICAST_TTL", IP_MULTICAST_TTL, OPT_INT },
	{ "IP_MULTICAST_LOOP", IP_MULTICAST_LOOP, OPT_INT },
	{ "IP_MULTICAST_ALL", IP_MULTICAST_ALL, OPT_INT },
	{ "IP_MULTICAST_IF", IP_MULTICAST_IF, OPT_ADDR },
	{ "IP_UNICAST_IF", IP_UNICAST_IF, OPT_INT },
	{ "IP_BIND_ADDRESS_NO_PORT", IP_BIND_ADDRESS_NO_PORT, OPT_INT },
	{ "UDP_CORK", UDP_CORK, OPT_INT },
	{ "IP_HDRINCL", IP_HDRINCL, OPT_INT },
	{ "ICMP_FILTER", 1, OPT_INT },		/* SOL_RAW: a bit per type NOT wanted */
	{ "PACKET_ADD_MEMBERSHIP", PACKET_ADD_MEMBERSHIP, OPT_MREQ },
	{ "PACKET_DROP_MEMBERSHIP", PACKET_DROP_MEMBERSHIP, OPT_MREQ },
	{ "PACKET_STATISTICS", PACKET_STATISTICS, OPT_PSTATS },
	{ NULL, 0, OPT_INT },
};

static int lname_check(lua_State *L, int idx, const struct lname *names, const char *what)
{
	const char *s;

	if (lua_isinteger(L, idx))
		return (int)lua_tointeger(L, idx);
	s = luaL_checkstring(L, idx);
	for (const struct lname *n = names; n->name; n++)
		if (!strcmp(n->name, s))
			return n->value;
	return luaL_argerror(L, idx, lua_pushfstring(L, "unknown %s \"%s\"", what, s));
}

/* flags: nil, one name, or a list of names */
static int lflags_check(lua_State *L, int idx)
{
	int flags = 0;

	if (lua_isnoneornil(L, idx))
		return 0;
	if (lua_type(L, idx) == LUA_TSTRING)
		return lname_check(L, idx, msg_flag_names, "flag");
	luaL_checktype(L, idx, LUA_TTABLE);
	for (lua_Integer i = 1;; i++) {
		if (lua_rawgeti(L, idx, i) == LUA_TNIL) {
			lua_pop(L, 1);
			break;
		}
		flags |= lname_check(L, lua_gettop(L), msg_flag_names, "flag");
		lua_pop(L, 1);
	}
	return flags;
}

/* nil, errno text, errno name: the luaposix convention */
static int lsock_fail(lua_State *L, int err)
{
	const char *name = strerrorname_np(err);

	lua_pushnil(L);
	lua_pushstring(L, strerror(err));
	lua_pushstring(L, name ? name : "EUNKNOWN");
	return 3;
}

/* an address: "a.b.c.d", "*" or nil for INADDR_ANY */
static struct in_addr laddr_check(lua_State *L, int idx)
{
	struct in_addr a = { .s_addr = htonl(INADDR_ANY) };
	const char *s;

	if (lua_isnoneornil(L, idx))
		return a;
	s = luaL_checkstring(L, idx);
	if (!strcmp(s, "*"))
		return a;
	if (inet_pton(AF_INET, s, &a) != 1)
		luaL_argerror(L, idx, lua_pushfstring(L, "not an IPv4 address: \"%s\"", s));
	return a;
}

static in_port_t lport_check(lua_State *L, int idx)
{
	lua_Integer port = luaL_checkinteger(L, idx);

	luaL_argcheck(L, port >= 0 && port <= 65535, idx, "port out of range 0..65535");
	return htons((uint16_t)port);
}

static void laddr_push(lua_State *L, struct in_addr a)
{
	char s[INET_ADDRSTRLEN];

	lua_pushstring(L, inet_ntop(AF_INET, &a, s, sizeof(s)));
}

/* ---- the socket object ------------------------------------------------------------ */

/* the syscalls of the calling process's world (a scenario may have several) */
static const struct sim_socket_ops *lsock_ops(lua_State *L)
{
	struct sim_proc *p = lproc_current(L);
	const struct sim_socket_ops *ops = p ? p->node->w->socket_ops : NULL;

	if (!ops)
		luaL_error(L, "sockets are not available here (no process, or no inet module)");
	return ops;
}

/* the calling process, which must own @s (its fd means nothing to another) */
static struct sim_proc *lsock_owner(lua_State *L, const struct lsock *s)
{
	struct sim_proc *p = lproc_current(L);

	if (!p)
		luaL_error(L, "sockets can only be used inside a process "
			   "(node:spawn(function ... end))");
	if (p->node->id != s->node_id || p->pid != s->pid)
		luaL_error(L, "socket fd %d belongs to process %d, not to process %d", s->fd, s->pid,
			   p->pid);
	return p;
}

static struct lsock *lsock_check(lua_State *L, int idx, struct sim_proc **p)
{
	struct lsock *s = luaL_checkudata(L, idx, LSOCK_MT);

	*p = lsock_owner(L, s);
	return s;
}

/* ---- AF_PACKET addresses: { ifname =, ifindex =, protocol =, addr =, pkttype = } ---- */

/* if_nametoindex / if_indextoname: SIOCGIFINDEX, SIOCGIFNAME on the socket */
static int lsock_ifindex(lua_State *L, struct sim_proc *p, int fd, const char *name, int *ifindex)
{
	struct ifreq ifr;
	int err;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	err = lsock_ops(L)->ioctl(p->node, p->pid, fd, SIOCGIFINDEX, &ifr);
	if (!err)
		*ifindex = ifr.ifr_ifindex;
	return err;
}

static bool lsock_ifname(lua_State *L, struct sim_proc *p, int fd, int ifindex, char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = ifindex;
	if (lsock_ops(L)->ioctl(p->node, p->pid, fd, SIOCGIFNAME, &ifr))
		return false;
	memcpy(name, ifr.ifr_name, IFNAMSIZ);
	name[IFNAMSIZ - 1] = 0;
	return true;
}

/* "aa:bb:cc:dd:ee:ff" (1 to 8 bytes) into @out; the length, or -1 */
static int lhwaddr_parse(const char *s, unsigned char *out, int max)
{
	int n = 0;

	while (*s) {
		unsigned int b;
		int used;

		if (n == max || sscanf(s, "%2x%n", &b, &used) != 1)
			return -1;
		out[n++] = (unsigned char)b;
		s += used;
		if (*s == ':')
			s++;
		else if (*s)
			return -1;
	}
	return n;
}

static void lhwaddr_push(lua_State *L, const unsigned char *a, int len)
{
	char buf[3 * 8 + 1] = "";
	size_t pos = 0;

	for (int i = 0; i < len && i < 8; i++)
		pos += (size_t)snprintf(buf + pos, sizeof(buf) - pos, i ? ":%02x" : "%02x", a[i]);
	lua_pushstring(L, buf);
}

static const char *const lll_keys[] = { "addr", "hatype", "ifindex", "ifname", "pkttype",
					"protocol", NULL };

/* the packet protocol: a name or an EtherType number (host order); network order out */
static uint16_t lpacket_proto_check(lua_State *L, int idx)
{
	int v = lname_check(L, idx, packet_proto_names, "packet protocol");

	luaL_argcheck(L, v >= 0 && v <= 0xFFFF, idx, "protocol out of range 0..65535");
	return htons((uint16_t)v);
}

/* a sockaddr_ll from the table at @idx; 0 or an errno (an unknown ifname) */
static int lll_check(lua_State *L, int idx, struct sim_proc *p, int fd, struct sockaddr_ll *sll)
{
	int err = 0, top = lua_gettop(L);

	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	luaL_checktype(L, idx, LUA_TTABLE);
	lopt_reject_unknown(L, idx, lll_keys);
	if (lua_getfield(L, idx, "ifindex") != LUA_TNIL)
		sll->sll_ifindex = (int)luaL_checkinteger(L, -1);
	if (lua_getfield(L, idx, "ifname") != LUA_TNIL)
		err = lsock_ifindex(L, p, fd, luaL_checkstring(L, -1), &sll->sll_ifindex);
	if (lua_getfield(L, idx, "protocol") != LUA_TNIL)
		sll->sll_protocol = lpacket_proto_check(L, lua_gettop(L));
	if (lua_getfield(L, idx, "pkttype") != LUA_TNIL)
		sll->sll_pkttype = (unsigned char)lname_check(L, lua_gettop(L), pkttype_names,
							      "pkttype");
	if (lua_getfield(L, idx, "hatype") != LUA_TNIL)
		sll->sll_hatype = (unsigned short)luaL_checkinteger(L, -1);
	if (lua_getfield(L, idx, "addr") != LUA_TNIL) {
		const char *a = luaL_checkstring(L, -1);
		int n = lhwaddr_parse(a, sll->sll_addr, (int)sizeof(sll->sll_addr));

		if (n < 0)
			luaL_argerror(L, idx,
				      lua_pushfstring(L, "not a hardware address: \"%s\"", a));
		sll->sll_halen = (unsigned char)n;
	}
	lua_settop(L, top);
	return err < 0 ? -err : 0;
}

static void lll_push(lua_State *L, struct sim_proc *p, int fd, const struct sockaddr_ll *sll)
{
	char name[IFNAMSIZ];

	lua_createtable(L, 0, 6);
	lua_pushinteger(L, sll->sll_ifindex);
	lua_setfield(L, -2, "ifindex");
	if (sll->sll_ifindex && lsock_ifname(L, p, fd, sll->sll_ifindex, name)) {
		lua_pushstring(L, name);
		lua_setfield(L, -2, "ifname");
	}
	lua_pushinteger(L, ntohs(sll->sll_protocol));
	lua_setfield(L, -2, "protocol");
	for (const struct lname *n = pkttype_names; n->name; n++) {
		if (n->value == sll->sll_pkttype) {
			lua_pushstring(L, n->name);
			lua_setfield(L, -2, "pkttype");
			break;
		}
	}
	lua_pushinteger(L, sll->sll_hatype);
	lua_setfield(L, -2, "hatype");
	if (sll->sll_halen) {
		lhwaddr_push(L, sll->sll_addr, sll->sll_halen);
		lua_setfield(L, -2, "addr");
	}
}

/* the name a bind/connect/sendto gives, from the stack at @idx (and @idx + 1) */
static int lname_read(lua_State *L, int idx, struct sim_proc *p, const struct lsock *s,
		      union lsockaddr *a, socklen_t *len, bool port_required)
{
	memset(a, 0, sizeof(*a));
	if (s->family == AF_PACKET) {
		*len = sizeof(a->sll);
		return lll_check(L, idx, p, s->fd, &a->sll);
	}
	a->sin.sin_family = AF_INET;
	a->sin.sin_addr = laddr_check(L, idx);
	if (port_required || !lua_isnoneornil(L, idx + 1))
		a->sin.sin_port = lport_check(L, idx + 1);
	*len = sizeof(a->sin);
	return 0;
}

/* skbsim.socket(family, type [, protocol]) */
static int l_socket(lua_State *L)
{
	struct sim_proc *p = lproc_current(L);
	int family = lname_check(L, 1, family_names, "address family");
	int type = lname_check(L, 2, type_names, "socket type");
	int protocol = 0;
	struct lsock *s;
	int fd;

	if (!p)
		return luaL_error(L, "skbsim.socket() can only be called inside a process "
				  "(node:spawn(function ... end))");
	if (!lua_isnoneornil(L, 3))
		protocol = family == AF_PACKET ? lpacket_proto_check(L, 3)
					       : lname_check(L, 3, proto_names, "protocol");
	fd = lsock_ops(L)->socket(p->node, p->pid, family, type, protocol);
	if (fd < 0)
		return lsock_fail(L, -fd);
	s = lua_newuserdatauv(L, sizeof(*s), 0);
	s->node_id = p->node->id;
	s->pid = p->pid;
	s->fd = fd;
	s->family = family;
	s->portless = type == SOCK_RAW || protocol == IPPROTO_ICMP;
	s->closed = false;
	luaL_setmetatable(L, LSOCK_MT);
	return 1;
}

static int l_sock_tostring(lua_State *L)
{
	struct lsock *s = luaL_checkudata(L, 1, LSOCK_MT);

	if (s->closed)
		lua_pushfstring(L, "socket (closed)");
	else
		lua_pushfstring(L, "socket fd %d of process %d", s->fd, s->pid);
	return 1;
}

static int l_sock_fileno(lua_State *L)
{
	struct lsock *s = luaL_checkudata(L, 1, LSOCK_MT);

	lua_pushinteger(L, s->fd);
	return 1;
}

/* ok: 0 as luaposix returns, or the failure */
static int lsock_result(lua_State *L, int err)
{
	if (err < 0)
		return lsock_fail(L, -err);
	lua_pushinteger(L, 0);
	return 1;
}

static int l_sock_bind(lua_State *L)
{
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	union lsockaddr a;
	socklen_t len;
	int err = lname_read(L, 2, p, s, &a, &len, false);

	if (err)
		return lsock_fail(L, err);
	return lsock_result(L, lsock_ops(L)->bind(p->node, p->pid, s->fd, &a.sa, len));
}

/* connect(addr, port); connect() or connect("unspec"): AF_UNSPEC, disconnect */
static int l_sock_connect(lua_State *L)
{
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (s->family == AF_PACKET) {
		union lsockaddr a;
		socklen_t len;
		int err = lname_read(L, 2, p, s, &a, &len, false);

		if (err)
			return lsock_fail(L, err);
		return lsock_result(L, lsock_ops(L)->connect(p->node, p->pid, s->fd, &a.sa, len));
	}
	if (lua_isnoneornil(L, 2) ||
	    (lua_type(L, 2) == LUA_TSTRING && !strcmp(lua_tostring(L, 2), "unspec"))) {
		sin.sin_family = AF_UNSPEC;
	} else {
		sin.sin_addr = laddr_check(L, 2);
		if (!s->portless || !lua_isnoneornil(L, 3))
			sin.sin_port = lport_check(L, 3);
	}
	return lsock_result(L, lsock_ops(L)->connect(p->node, p->pid, s->fd,
						     (struct sockaddr *)&sin, sizeof(sin)));
}

static int l_sock_close(lua_State *L)
{
	struct lsock *s = luaL_checkudata(L, 1, LSOCK_MT);
	struct sim_proc *p;

	if (s->closed)
		return lsock_fail(L, EBADF);
	p = lsock_owner(L, s);
	s->closed = true;
	return lsock_result(L, lsock_ops(L)->close(p->node, p->pid, s->fd));
}

/* __close: `local s <close> = skbsim.socket(...)` closes at scope end */
static int l_sock_autoclose(lua_State *L)
{
	struct lsock *s = luaL_checkudata(L, 1, LSOCK_MT);
	struct sim_proc *p = lproc_current(L);

	if (!s->closed && p && p->node->id == s->node_id && p->pid == s->pid) {
		s->closed = true;
		lsock_ops(L)->close(p->node, p->pid, s->fd);
	}
	return 0;
}

static int lsock_getname(lua_State *L, bool peer)
{
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	const struct sim_socket_ops *ops = lsock_ops(L);
	union lsockaddr a;
	socklen_t len = sizeof(a);
	int err;

	memset(&a, 0, sizeof(a));
	err = (peer ? ops->getpeername : ops->getsockname)(p->node, p->pid, s->fd, &a.sa, &len);
	if (err < 0)
		return lsock_fail(L, -err);
	if (s->family == AF_PACKET) {
		lll_push(L, p, s->fd, &a.sll);
		return 1;
	}
	laddr_push(L, a.sin.sin_addr);
	lua_pushinteger(L, ntohs(a.sin.sin_port));
	return 2;
}

static int l_sock_getsockname(lua_State *L)
{
	return lsock_getname(L, false);
}

static int l_sock_getpeername(lua_State *L)
{
	return lsock_getname(L, true);
}

/* ---- options --------------------------------------------------------------------- */

static const struct lopt_name *lopt_lookup(lua_State *L, int idx, int *optname)
{
	const char *s;

	if (lua_isinteger(L, idx)) {
		*optname = (int)lua_tointeger(L, idx);
		return NULL;
	}
	s = luaL_checkstring(L, idx);
	for (const struct lopt_name *o = opt_names; o->name; o++) {
		if (!strcmp(o->name, s)) {
			*optname = o->optname;
			return o;
		}
	}
	luaL_argerror(L, idx, lua_pushfstring(L, "unknown socket option \"%s\"", s));
	return NULL;
}

/* struct packet_mreq from { ifname = | ifindex =, type =, addr = }; 0 or an errno */
static int lmreq_check(lua_State *L, int idx, struct sim_proc *p, int fd,
		       struct packet_mreq *mreq)
{
	static const char *const keys[] = { "addr", "ifindex", "ifname", "type", NULL };
	int err = 0, top = lua_gettop(L);

	memset(mreq, 0, sizeof(*mreq));
	luaL_checktype(L, idx, LUA_TTABLE);
	lopt_reject_unknown(L, idx, keys);
	if (lua_getfield(L, idx, "ifindex") != LUA_TNIL)
		mreq->mr_ifindex = (int)luaL_checkinteger(L, -1);
	if (lua_getfield(L, idx, "ifname") != LUA_TNIL)
		err = lsock_ifindex(L, p, fd, luaL_checkstring(L, -1), &mreq->mr_ifindex);
	lua_getfield(L, idx, "type");
	mreq->mr_type = (unsigned short)lname_check(L, lua_gettop(L), mr_type_names,
						    "membership type");
	if (lua_getfield(L, idx, "addr") != LUA_TNIL) {
		const char *a = luaL_checkstring(L, -1);
		int n = lhwaddr_parse(a, mreq->mr_address, (int)sizeof(mreq->mr_address));

		if (n < 0)
			luaL_argerror(L, idx,
				      lua_pushfstring(L, "not a hardware address: \"%s\"", a));
		mreq->mr_alen = (unsigned short)n;
	}
	lua_settop(L, top);
	return err < 0 ? -err : 0;
}

static int l_sock_setsockopt(lua_State *L)
{
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	int level = lname_check(L, 2, level_names, "level"), optname;
	const struct lopt_name *o = lopt_lookup(L, 3, &optname);
	enum opt_type type = o ? o->type : OPT_INT;
	union {
		int i;
		struct timeval tv;
		struct in_addr a;
		char name[IFNAMSIZ + 1];
		struct packet_mreq mreq;
	} v = { 0 };
	socklen_t len = sizeof(int);
	const void *val = &v;
	int err;

	switch (type) {
	case OPT_INT:
		if (lua_isboolean(L, 4))
			v.i = lua_toboolean(L, 4);
		else
			v.i = (int)luaL_checkinteger(L, 4);
		break;
	case OPT_TIME: {
		sim_time_t t = lcheck_time(L, 4, "setsockopt");

		v.tv.tv_sec = (time_t)(t / 1000000000);
		v.tv.tv_usec = (suseconds_t)(t % 1000000000 / 1000);
		len = sizeof(v.tv);
		break;
	}
	case OPT_STRING: {
		size_t n;

		val = luaL_checklstring(L, 4, &n);
		len = (socklen_t)n;
		break;
	}
	case OPT_ADDR:
		v.a = laddr_check(L, 4);
		len = sizeof(v.a);
		break;
	case OPT_MREQ:
		/* { ifname = | ifindex =, type = "promisc", addr = } */
		err = lmreq_check(L, 4, p, s->fd, &v.mreq);
		if (err)
			return lsock_fail(L, err);
		len = sizeof(v.mreq);
		break;
	case OPT_PSTATS:
		return lsock_fail(L, ENOPROTOOPT);	/* read-only */
	}
	return lsock_result(L, lsock_ops(L)->setsockopt(p->node, p->pid, s->fd, level, optname,
							val, len));
}

static int l_sock_getsockopt(lua_State *L)
{
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	int level = lname_check(L, 2, level_names, "level"), optname;
	const struct lopt_name *o = lopt_lookup(L, 3, &optname);
	enum opt_type type = o ? o->type : OPT_INT;
	union {
		int i;
		struct timeval tv;
		struct in_addr a;
		char name[IFNAMSIZ + 1];
		struct packet_mreq mreq;
		struct { unsigned int tp_packets, tp_drops; } st;	/* struct tpacket_stats */
	} v = { 0 };
	socklen_t len = type == OPT_TIME ? sizeof(v.tv) : type == OPT_STRING ? IFNAMSIZ
			: type == OPT_ADDR ? sizeof(v.a) : type == OPT_MREQ ? sizeof(v.mreq)
			: type == OPT_PSTATS ? sizeof(v.st) : sizeof(int);
	int err = lsock_ops(L)->getsockopt(p->node, p->pid, s->fd, level, optname, &v, &len);

	if (err < 0)
		return lsock_fail(L, -err);
	switch (type) {
	case OPT_INT:
		lua_pushinteger(L, len == 1 ? (unsigned char)v.name[0] : v.i);
		break;
	case OPT_TIME:
		lua_pushnumber(L, (double)v.tv.tv_sec + (double)v.tv.tv_usec / 1e6);
		break;
	case OPT_STRING:
		lua_pushstring(L, len ? v.name : "");
		break;
	case OPT_ADDR:
		laddr_push(L, v.a);
		break;
	case OPT_MREQ:
		lua_pushinteger(L, v.mreq.mr_ifindex);
		break;
	case OPT_PSTATS:
		lua_createtable(L, 0, 2);
		lua_pushinteger(L, v.st.tp_packets);
		lua_setfield(L, -2, "tp_packets");
		lua_pushinteger(L, v.st.tp_drops);
		lua_setfield(L, -2, "tp_drops");
		break;
	}
	return 1;
}

/* ---- waiting ------------------------------------------------------------------------ */

static struct lsock_proc *lsock_proc_get(struct sim_proc *p)
{
	void **slot = lproc_socket_slot(p);

	if (!*slot) {
		struct lsock_proc *lp = g_new0(struct lsock_proc, 1);

		lp->p = p;
		*slot = lp;
	}
	return *slot;
}

static void lsock_wake(struct sim_wait *wait)
{
	lproc_wake_now(wait->priv);
}

static void lsock_unwait_all(const struct sim_socket_ops *ops, struct lsock_proc *lp)
{
	for (int i = 0; i < lp->nwaits; i++)
		ops->unwait(&lp->waits[i]);
	lp->nwaits = 0;
}

/*
 * Room for @n waits, made while none is queued (after lsock_unwait_all):
 * the model holds pointers to the queued ones, which must not move.
 */
static void lsock_reserve(struct lsock_proc *lp, int n)
{
	SIM_BUG_ON(lp->nwaits != 0);
	if (n > lp->cap) {
		lp->cap = n;
		lp->waits = g_renew(struct sim_wait, lp->waits, lp->cap);
	}
}

/* queue one more wait of @p on @fd; the socket's poll mask now */
static int lsock_add_wait(const struct sim_socket_ops *ops, struct sim_proc *p, int fd)
{
	struct lsock_proc *lp = lsock_proc_get(p);
	struct sim_wait *w;

	SIM_BUG_ON(lp->nwaits >= lp->cap);	/* lsock_reserve() first */
	w = &lp->waits[lp->nwaits++];
	memset(w, 0, sizeof(*w));
	w->func = lsock_wake;
	w->priv = p;
	return ops->poll(p->node, p->pid, fd, w);
}

void lsocket_proc_exit(struct sim_proc *p, void **state)
{
	struct lsock_proc *lp = *state;
	const struct sim_socket_ops *ops = p->node->w->socket_ops;

	if (lp && ops)
		lsock_unwait_all(ops, lp);
	if (lp) {
		g_free(lp->waits);
		g_free(lp);
		*state = NULL;
	}
	if (ops)
		ops->exit_files(p->node, p->pid);
}

/*
 * lsock_block - the call got -EAGAIN and may wait: queue a wait on the
 * socket and yield; @k runs when the process is resumed.  The deadline
 * travels in the continuation's context (0: none).
 */
static int lsock_block(lua_State *L, struct sim_proc *p, int fd, bool rcv, lua_KContext deadline,
		       lua_KFunction k)
{
	const struct sim_socket_ops *ops = lsock_ops(L);

	if (deadline == 0) {
		sim_time_t timeo = 0;

		ops->timeo(p->node, p->pid, fd, rcv, &timeo);
		deadline = timeo ? (lua_KContext)(sim_now(p->node->w) + timeo) : -1;
	}
	if (deadline > 0 && sim_now(p->node->w) >= deadline)
		return 0;		/* timed out: the caller reports EAGAIN */
	lsock_unwait_all(ops, lsock_proc_get(p));
	lsock_reserve(lsock_proc_get(p), 1);
	lsock_add_wait(ops, p, fd);
	lproc_block(p, deadline > 0 ? deadline : 0);
	return lua_yieldk(L, 0, deadline, k);
}

/*
 * An EAGAIN means "would block" only when the socket is not ready for what
 * was asked; otherwise it is the call's answer (inet_autobind's EAGAIN when
 * no ephemeral port is left, an empty error queue).
 */
static bool lsock_would_block(lua_State *L, struct sim_proc *p, int fd, int events)
{
	int mask = lsock_ops(L)->poll(p->node, p->pid, fd, NULL);

	return mask >= 0 && !(mask & events);
}

/* back from a wait: take the waits off the queues before trying again */
static void lsock_resumed(lua_State *L, struct sim_proc *p)
{
	struct lsock_proc *lp = lsock_proc_get(p);

	lsock_unwait_all(lsock_ops(L), lp);
}

/* ---- sending ------------------------------------------------------------------------ */

/* the data and destination of send/sendto/sendmsg, read from the stack */
struct lsend {
	const char *data;
	size_t len;
	union lsockaddr name;
	socklen_t namelen;
	bool has_dest;
	int flags;
	/* aligned for struct cmsghdr */
	unsigned char control[LSOCK_CONTROL] __attribute__((aligned(8)));
	size_t controllen;
};

static void lsend_cmsg(struct lsend *m, int level, int type, const void *data, size_t len)
{
	struct cmsghdr *cm = (struct cmsghdr *)(m->control + m->controllen);

	SIM_BUG_ON(m->controllen + CMSG_SPACE(len) > sizeof(m->control));
	memset(cm, 0, CMSG_SPACE(len));
	cm->cmsg_level = level;
	cm->cmsg_type = type;
	cm->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(cm), data, len);
	m->controllen += CMSG_SPACE(len);
}

/* sendmsg{ cmsg = { IP_TTL = n, IP_TOS = n, IP_PKTINFO = { ifindex =, spec_dst = } } } */
static void lsend_cmsgs(lua_State *L, int idx, struct lsend *m)
{
	static const char *const keys[] = { "IP_PKTINFO", "IP_TOS", "IP_TTL", NULL };

	luaL_checktype(L, idx, LUA_TTABLE);
	lopt_reject_unknown(L, idx, keys);
	if (lua_getfield(L, idx, "IP_PKTINFO") != LUA_TNIL) {
		struct in_pktinfo pi = { 0 };
		int t = lua_gettop(L);

		luaL_checktype(L, t, LUA_TTABLE);
		lua_getfield(L, t, "ifindex");
		pi.ipi_ifindex = (int)luaL_optinteger(L, -1, 0);
		lua_getfield(L, t, "spec_dst");
		pi.ipi_spec_dst = laddr_check(L, lua_gettop(L));
		lua_pop(L, 2);
		lsend_cmsg(m, SOL_IP, IP_PKTINFO, &pi, sizeof(pi));
	}
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "IP_TOS") != LUA_TNIL) {
		int v = (int)luaL_checkinteger(L, -1);

		lsend_cmsg(m, SOL_IP, IP_TOS, &v, sizeof(v));
	}
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "IP_TTL") != LUA_TNIL) {
		int v = (int)luaL_checkinteger(L, -1);

		lsend_cmsg(m, SOL_IP, IP_TTL, &v, sizeof(v));
	}
	lua_pop(L, 1);
}

enum lsend_kind { LSEND, LSENDTO, LSENDMSG };

/*
 * lsend_read - the data, destination and flags of a send from the stack;
 * 0 or an errno (an AF_PACKET interface name that does not exist).  An
 * inet destination is (addr, port), the port optional for raw and ping
 * sockets (0); a packet socket's is a table.
 */
static int lsend_read(lua_State *L, enum lsend_kind kind, struct sim_proc *p,
		      const struct lsock *s, struct lsend *m)
{
	int err = 0;

	memset(m, 0, sizeof(*m));
	if (kind == LSENDMSG) {
		static const char *const keys[] = { "addr", "cmsg", "data", "flags", "port", NULL };

		luaL_checktype(L, 2, LUA_TTABLE);
		lopt_reject_unknown(L, 2, keys);
		lua_getfield(L, 2, "data");
		m->data = luaL_checklstring(L, -1, &m->len);	/* anchored by the table */
		lua_pop(L, 1);
		lua_getfield(L, 2, "addr");
		lua_getfield(L, 2, "port");
		if (!lua_isnil(L, -2) || !lua_isnil(L, -1)) {
			err = lname_read(L, lua_gettop(L) - 1, p, s, &m->name, &m->namelen,
					 !s->portless);
			m->has_dest = true;
		}
		lua_pop(L, 2);
		lua_getfield(L, 2, "flags");
		m->flags = lflags_check(L, lua_gettop(L));
		lua_pop(L, 1);
		if (lua_getfield(L, 2, "cmsg") != LUA_TNIL)
			lsend_cmsgs(L, lua_gettop(L), m);
		lua_pop(L, 1);
		return err;
	}
	m->data = luaL_checklstring(L, 2, &m->len);
	if (kind == LSENDTO) {
		int flags_idx = s->family == AF_PACKET ? 4 : 5;

		err = lname_read(L, 3, p, s, &m->name, &m->namelen, !s->portless);
		m->has_dest = true;
		m->flags = lflags_check(L, flags_idx);
	} else {
		m->flags = lflags_check(L, 3);
	}
	return err;
}

static int lsend_k(lua_State *L, int status, lua_KContext ctx);

static int lsend_do(lua_State *L, lua_KContext deadline)
{
	enum lsend_kind kind = (enum lsend_kind)lua_tointeger(L, lua_upvalueindex(1));
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	struct lsend m;
	struct iovec iov;
	struct msghdr msg = { 0 };
	ssize_t n;
	int err;

	err = lsend_read(L, kind, p, s, &m);
	if (err)
		return lsock_fail(L, err);
	iov.iov_base = (void *)m.data;
	iov.iov_len = m.len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (m.has_dest) {
		msg.msg_name = &m.name;
		msg.msg_namelen = m.namelen;
	}
	if (m.controllen) {
		msg.msg_control = m.control;
		msg.msg_controllen = m.controllen;
	}
	n = lsock_ops(L)->sendmsg(p->node, p->pid, s->fd, &msg, m.flags | MSG_DONTWAIT);
	if (n == -EAGAIN && !(m.flags & MSG_DONTWAIT) && lsock_would_block(L, p, s->fd, POLLOUT)) {
		lsock_block(L, p, s->fd, false, deadline, lsend_k);
		/* not yielded: the timeout passed */
	}
	if (n < 0)
		return lsock_fail(L, (int)-n);
	lua_pushinteger(L, n);
	return 1;
}

static int lsend_k(lua_State *L, int status, lua_KContext ctx)
{
	struct sim_proc *p = lproc_current(L);

	(void)status;
	lsock_resumed(L, p);
	return lsend_do(L, ctx);
}

static int l_sock_send(lua_State *L)
{
	return lsend_do(L, 0);
}

/* ---- receiving ---------------------------------------------------------------------- */

enum lrecv_kind { LRECV, LRECVFROM, LRECVMSG };

static void lrecv_cmsgs(lua_State *L, struct msghdr *msg)
{
	lua_newtable(L);
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm; cm = CMSG_NXTHDR(msg, cm)) {
		if (cm->cmsg_level != SOL_IP)
			continue;
		switch (cm->cmsg_type) {
		case IP_TTL: {
			int v;

			memcpy(&v, CMSG_DATA(cm), sizeof(v));
			lua_pushinteger(L, v);
			lua_setfield(L, -2, "IP_TTL");
			break;
		}
		case IP_TOS:
			lua_pushinteger(L, *(unsigned char *)CMSG_DATA(cm));
			lua_setfield(L, -2, "IP_TOS");
			break;
		case IP_PKTINFO: {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(cm), sizeof(pi));
			lua_createtable(L, 0, 3);
			lua_pushinteger(L, pi.ipi_ifindex);
			lua_setfield(L, -2, "ifindex");
			laddr_push(L, pi.ipi_spec_dst);
			lua_setfield(L, -2, "spec_dst");
			laddr_push(L, pi.ipi_addr);
			lua_setfield(L, -2, "addr");
			lua_setfield(L, -2, "IP_PKTINFO");
			break;
		}
		case IP_RECVERR: {
			struct {
				struct sock_extended_err ee;
				struct sockaddr_in offender;
			} e;
			const char *name;

			memset(&e, 0, sizeof(e));
			memcpy(&e, CMSG_DATA(cm), MIN(sizeof(e), cm->cmsg_len - CMSG_LEN(0)));
			lua_createtable(L, 0, 9);
			lua_pushinteger(L, e.ee.ee_errno);
			lua_setfield(L, -2, "ee_errno");
			name = strerrorname_np((int)e.ee.ee_errno);
			lua_pushstring(L, name ? name : "");
			lua_setfield(L, -2, "errno");
			lua_pushinteger(L, e.ee.ee_origin);
			lua_setfield(L, -2, "ee_origin");
			lua_pushinteger(L, e.ee.ee_type);
			lua_setfield(L, -2, "ee_type");
			lua_pushinteger(L, e.ee.ee_code);
			lua_setfield(L, -2, "ee_code");
			lua_pushinteger(L, e.ee.ee_info);
			lua_setfield(L, -2, "ee_info");
			lua_pushinteger(L, e.ee.ee_data);
			lua_setfield(L, -2, "ee_data");
			if (e.offender.sin_family == AF_INET) {
				laddr_push(L, e.offender.sin_addr);
				lua_setfield(L, -2, "offender");
			}
			lua_setfield(L, -2, "IP_RECVERR");
			break;
		}
		default:
			break;
		}
	}
}

static void lrecv_flags(lua_State *L, int flags)
{
	lua_newtable(L);
	for (const struct lname *n = msg_flag_names; n->name; n++) {
		if (flags & n->value) {
			lua_pushboolean(L, 1);
			lua_setfield(L, -2, n->name);
		}
	}
}

static int lrecv_k(lua_State *L, int status, lua_KContext ctx);

static int lrecv_do(lua_State *L, lua_KContext deadline)
{
	enum lrecv_kind kind = (enum lrecv_kind)lua_tointeger(L, lua_upvalueindex(1));
	struct sim_proc *p;
	struct lsock *s = lsock_check(L, 1, &p);
	lua_Integer want = luaL_checkinteger(L, 2);
	int flags = lflags_check(L, 3);
	/* aligned for struct cmsghdr */
	unsigned char control[LSOCK_CONTROL] __attribute__((aligned(8)));
	union lsockaddr a;
	struct msghdr msg = { 0 };
	struct iovec iov;
	luaL_Buffer b;
	ssize_t n;
	size_t copied;

	luaL_argcheck(L, want >= 0 && want <= 1 << 20, 2, "length out of range 0..1048576");
	iov.iov_base = luaL_buffinitsize(L, &b, (size_t)want + 1);
	iov.iov_len = (size_t)want;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	memset(&a, 0, sizeof(a));
	msg.msg_name = &a;
	msg.msg_namelen = sizeof(a);
	msg.msg_control = control;
	msg.msg_controllen = sizeof(control);
	/* MSG_TRUNC: the datagram's whole length comes back (recvmsg's len) */
	n = lsock_ops(L)->recvmsg(p->node, p->pid, s->fd, &msg,
				  flags | MSG_DONTWAIT | (kind == LRECVMSG ? MSG_TRUNC : 0));
	/* the error queue is never waited on (ip_recv_error) */
	if (n == -EAGAIN && !(flags & (MSG_DONTWAIT | MSG_ERRQUEUE)) &&
	    lsock_would_block(L, p, s->fd, POLLIN | POLLERR)) {
		lua_pop(L, 1);		/* the buffer */
		lsock_block(L, p, s->fd, true, deadline, lrecv_k);
	}
	if (n < 0) {
		return lsock_fail(L, (int)-n);
	}
	copied = MIN((size_t)n, (size_t)want);
	luaL_pushresultsize(&b, copied);
	if (kind == LRECV)
		return 1;
	if (kind == LRECVFROM) {
		if (s->family == AF_PACKET) {
			lll_push(L, p, s->fd, &a.sll);
			return 2;
		}
		if (msg.msg_namelen < sizeof(a.sin))
			return 1;
		laddr_push(L, a.sin.sin_addr);
		lua_pushinteger(L, ntohs(a.sin.sin_port));
		return 3;
	}
	lua_createtable(L, 0, 6);
	lua_insert(L, -2);
	lua_setfield(L, -2, "data");
	lua_pushinteger(L, n);
	lua_setfield(L, -2, "len");
	if (s->family == AF_PACKET) {
		lll_push(L, p, s->fd, &a.sll);
		lua_setfield(L, -2, "addr");
	} else if (msg.msg_namelen >= sizeof(a.sin)) {
		laddr_push(L, a.sin.sin_addr);
		lua_setfield(L, -2, "addr");
		lua_pushinteger(L, ntohs(a.sin.sin_port));
		lua_setfield(L, -2, "port");
	}
	lrecv_flags(L, msg.msg_flags);
	lua_setfield(L, -2, "flags");
	lrecv_cmsgs(L, &msg);
	lua_setfield(L, -2, "cmsg");
	return 1;
}

static int lrecv_k(lua_State *L, int status, lua_KContext ctx)
{
	struct sim_proc *p = lproc_current(L);

	(void)status;
	lsock_resumed(L, p);
	return lrecv_do(L, ctx);
}

static int l_sock_recv(lua_State *L)
{
	return lrecv_do(L, 0);
}

/* ---- skbsim.poll ------------------------------------------------------------------- */

static const struct lname poll_names[] = {
	{ "in", POLLIN }, { "out", POLLOUT }, { "err", POLLERR }, { "hup", POLLHUP },
	{ NULL, 0 },
};

/* the events of entry @i of the list at 1: { sock, "in" } or { sock, {"in", "out"} } */
static struct lsock *lpoll_entry(lua_State *L, lua_Integer i, int *events)
{
	struct lsock *s;
	int t;

	lua_rawgeti(L, 1, i);
	t = lua_gettop(L);
	luaL_argcheck(L, lua_istable(L, t), 1, "entries must be { socket, events }");
	lua_rawgeti(L, t, 1);
	s = luaL_checkudata(L, -1, LSOCK_MT);
	lua_rawgeti(L, t, 2);
	*events = 0;
	if (lua_type(L, -1) == LUA_TSTRING) {
		*events = lname_check(L, lua_gettop(L), poll_names, "poll event");
	} else if (lua_istable(L, -1)) {
		int et = lua_gettop(L);

		for (lua_Integer j = 1; lua_rawgeti(L, et, j) != LUA_TNIL; j++) {
			*events |= lname_check(L, lua_gettop(L), poll_names, "poll event");
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	} else {
		*events = POLLIN;
	}
	lua_pop(L, 3);
	return s;
}

static int lpoll_k(lua_State *L, int status, lua_KContext ctx);

/*
 * skbsim.poll(list, timeout) -> the number of ready entries; each entry
 * gets revents = { ["in"] = true, out = true, err = true, hup = true }.
 * POLLERR and POLLHUP are always reported, as poll(2) does.
 */
static int lpoll_do(lua_State *L, lua_KContext deadline)
{
	struct sim_proc *p = lproc_current(L);
	const struct sim_socket_ops *ops = lsock_ops(L);
	lua_Integer n;
	int ready = 0;

	if (!p)
		return luaL_error(L, "skbsim.poll() can only be called inside a process");
	luaL_checktype(L, 1, LUA_TTABLE);
	n = (lua_Integer)lua_rawlen(L, 1);
	luaL_argcheck(L, n <= LSOCK_MAX_WAITS, 1, "too many sockets");
	if (deadline == 0) {
		sim_time_t t = lua_isnoneornil(L, 2) ? -1 : lcheck_time(L, 2, "skbsim.poll");

		deadline = t < 0 ? -1 : t == 0 ? -2 : (lua_KContext)(sim_now(p->node->w) + t);
	}
	for (lua_Integer i = 1; i <= n; i++) {
		int events, rev;
		struct lsock *s = lpoll_entry(L, i, &events);

		lsock_owner(L, s);
		rev = s->closed ? POLLNVAL : ops->poll(p->node, p->pid, s->fd, NULL);
		if (rev < 0)
			rev = POLLNVAL;
		rev &= events | POLLERR | POLLHUP | POLLNVAL;
		lua_rawgeti(L, 1, i);
		if (rev) {
			ready++;
			lua_newtable(L);
			for (const struct lname *pn = poll_names; pn->name; pn++) {
				if (rev & pn->value) {
					lua_pushboolean(L, 1);
					lua_setfield(L, -2, pn->name);
				}
			}
			if (rev & POLLNVAL) {
				lua_pushboolean(L, 1);
				lua_setfield(L, -2, "nval");
			}
		} else {
			lua_pushnil(L);
		}
		lua_setfield(L, -2, "revents");
		lua_pop(L, 1);
	}
	if (ready || deadline == -2 || (deadline > 0 && sim_now(p->node->w) >= deadline)) {
		lua_pushinteger(L, ready);
		return 1;
	}
	lsock_unwait_all(ops, lsock_proc_get(p));
	lsock_reserve(lsock_proc_get(p), (int)n);
	for (lua_Integer i = 1; i <= n; i++) {
		int events;
		struct lsock *s = lpoll_entry(L, i, &events);

		lsock_add_wait(ops, p, s->fd);
	}
	lproc_block(p, deadline > 0 ? deadline : 0);
	return lua_yieldk(L, 0, deadline, lpoll_k);
}

static int lpoll_k(lua_State *L, int status, lua_KContext ctx)
{
	struct sim_proc *p = lproc_current(L);

	(void)status;
	lsock_resumed(L, p);
	return lpoll_do(L, ctx);
}

static int l_poll(lua_State *L)
{
	return lpoll_do(L, 0);
}

/* ---- registration --------------------------------------------------------------------- */

static void lsock_method(lua_State *L, const char *name, lua_CFunction fn, int kind)
{
	lua_pushinteger(L, kind);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

void lsocket_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "bind", l_sock_bind }, { "connect", l_sock_connect }, { "close", l_sock_close },
		{ "getsockname", l_sock_getsockname }, { "getpeername", l_sock_getpeername },
		{ "setsockopt", l_sock_setsockopt }, { "getsockopt", l_sock_getsockopt },
		{ "fileno", l_sock_fileno },
		{ NULL, NULL },
	};

	luaL_newmetatable(L, LSOCK_MT);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lsock_method(L, "send", l_sock_send, LSEND);
	lsock_method(L, "sendto", l_sock_send, LSENDTO);
	lsock_method(L, "sendmsg", l_sock_send, LSENDMSG);
	lsock_method(L, "recv", l_sock_recv, LRECV);
	lsock_method(L, "recvfrom", l_sock_recv, LRECVFROM);
	lsock_method(L, "recvmsg", l_sock_recv, LRECVMSG);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_sock_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, l_sock_autoclose);
	lua_setfield(L, -2, "__close");
	lua_pushliteral(L, "skbsim object");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	lua_getglobal(L, "skbsim");
	lua_pushcfunction(L, l_socket);
	lua_setfield(L, -2, "socket");
	lua_pushcfunction(L, l_poll);
	lua_setfield(L, -2, "poll");
	lua_pop(L, 1);
}
