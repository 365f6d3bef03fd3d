/*
 * tests/fuzz/fuzz_socket.c - socket system calls decoded from fuzz input
 *
 * No kernel counterpart: the syscall boundary (sim/socket.h) driven the way
 * syzkaller drives the kernel's.  The input is a program: each call is one
 * byte (low nibble: which call; bits 4-6: which of eight fd slots; bit 7:
 * for socket(), the node r instead of h) and its arguments, read from the
 * bytes that follow (zeros once the input runs out).  The calls go through
 * w->socket_ops on AF_INET dgram (UDP and ping), raw and AF_PACKET sockets
 * (or any family/type/protocol), with every buffer the model may write
 * sized exactly as the call says, so that ASan sees a write past it.
 * Between calls the world runs 10 us (more when the input asks), so sent
 * datagrams cross the links, answers and ICMP errors come back and timers
 * run.  At the end of an input the process exits (exit_files: every
 * socket it still has is closed, waiters woken); every FZ_RESET_EVERY
 * inputs the world is replaced and must end with no live object.
 *
 *   h eth0 10.0.1.2 ---- cable ---- 10.0.1.1 eth0 r eth1 10.0.2.1 ---- veth ---- 10.0.2.2 eth0 h2
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <glib.h>

#include "fuzz_world.h"
#include "linux/if_packet.h"
#include "sim/socket.h"

/* <linux/sockios.h>'s, not in the models' headers */
#ifndef SIOCOUTQ
#define SIOCOUTQ	0x5411
#endif
#ifndef SIOCGSTAMP
#define SIOCGSTAMP	0x8906
#endif

#define FZ_PID		100
#define FZ_SLOTS	8
#define FZ_MAX_CALLS	64
#define FZ_MAX_SEND	70000		/* past 65535: EMSGSIZE paths */

/* the input, read from the front; past its end every read gives zeros */
struct fz_in {
	const uint8_t *p;
	size_t n;
};

static uint8_t in_u8(struct fz_in *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static uint16_t in_u16(struct fz_in *in)
{
	return (uint16_t)(in_u8(in) | in_u8(in) << 8);
}

static uint32_t in_u32(struct fz_in *in)
{
	return (uint32_t)in_u16(in) | (uint32_t)in_u16(in) << 16;
}

/* @len bytes of input into @buf, the rest zeros */
static void in_bytes(struct fz_in *in, void *buf, size_t len)
{
	size_t k = MIN(len, in->n);

	memcpy(buf, in->p, k);
	memset((uint8_t *)buf + k, 0, len - k);
	in->p += k;
	in->n -= k;
}

struct fz_slot {
	struct node *node;
	int fd;				/* -1: empty */
	struct sim_wait wait;		/* poll()'s queue entry */
};

struct fz_socket_world {
	struct world *w;
	struct node *h, *r;
	unsigned int inputs;
	struct fz_slot slot[FZ_SLOTS];
	unsigned int wakeups;
};

static struct fz_socket_world fsw;

/* FZ_TRACE=1 in the environment: each call and what it returned, on stderr */
static void fz_ret(const char *call, const struct fz_slot *s, long ret)
{
	static int trace = -1;

	if (trace < 0)
		trace = getenv("FZ_TRACE") != NULL;
	if (trace)
		fprintf(stderr, "%s(%s, fd %d) = %ld%s%s\n", call, s->node->name, s->fd, ret,
			ret < 0 ? " " : "", ret < 0 ? g_strerror((int)-ret) : "");
}

static void fz_wake(struct sim_wait *wait)
{
	(void)wait;
	fsw.wakeups++;		/* a process would be resumed by an event */
}

static void socket_world_build(void)
{
	struct world *w = fz_world_new("fuzz_socket");
	struct node *h = fz_node(w, "host", "h");
	struct node *r = fz_node(w, "router", "r");
	struct node *h2 = fz_node(w, "host", "h2");

	fz_link(w, h, r, "cable");
	fz_link(w, r, h2, "veth");
	fz_sh_ok(h, "ip link set lo up\nip link set eth0 up\n"
		    "ip addr add 10.0.1.2/24 dev eth0\nip route add default via 10.0.1.1\n"
		    "sysctl -w net.ipv4.ping_group_range=\"0 0\"\n");
	fz_sh_ok(r, "ip link set lo up\nip link set eth0 up\nip addr add 10.0.1.1/24 dev eth0\n"
		    "ip link set eth1 up\nip addr add 10.0.2.1/24 dev eth1\n"
		    "sysctl -w net.ipv4.ping_group_range=\"0 0\"\n");
	fz_sh_ok(h2, "ip link set lo up\nip link set eth0 up\nip addr add 10.0.2.2/24 dev eth0\n"
		     "ip route add default via 10.0.2.1\n");
	fz_run(w, SIM_NSEC_PER_MSEC);
	fsw.w = w;
	fsw.h = h;
	fsw.r = r;
}

static const struct sim_socket_ops *ops(void)
{
	return fsw.w->socket_ops;
}

/* ---- arguments ------------------------------------------------------------ */

static const uint32_t fz_addrs[] = {
	0x00000000, 0x7f000001, 0x0a000101, 0x0a000102, 0x0a000201, 0x0a000202,
	0xffffffff, 0xe0000001, 0x0a0001ff, 0x0a090909,
};
static const uint16_t fz_ports[] = { 0, 7, 9, 53, 33434, 1024, 65535 };

/* a struct sockaddr of the socket's family, or bytes; returns its length */
static socklen_t in_sockaddr(struct fz_in *in, struct sockaddr_storage *ss)
{
	uint8_t how = in_u8(in);

	memset(ss, 0, sizeof(*ss));
	switch (how & 3) {
	case 0: case 1: {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		uint8_t a = in_u8(in), p = in_u8(in);

		sin->sin_family = (how & 4) ? AF_UNSPEC : AF_INET;
		sin->sin_addr.s_addr = a < 0xf0 ? htonl(fz_addrs[a % G_N_ELEMENTS(fz_addrs)])
						: in_u32(in);
		sin->sin_port = htons(p < 0xf0 ? fz_ports[p % G_N_ELEMENTS(fz_ports)]
					       : in_u16(in));
		return (how & 8) ? (socklen_t)(how >> 4) : sizeof(*sin);
	}
	case 2: {
		struct sockaddr_ll *sll = (struct sockaddr_ll *)ss;

		sll->sll_family = AF_PACKET;
		sll->sll_protocol = htons(in_u16(in));
		sll->sll_ifindex = (int)(in_u8(in) % 6);
		sll->sll_pkttype = in_u8(in);
		sll->sll_halen = in_u8(in) % 10;
		in_bytes(in, sll->sll_addr, sizeof(sll->sll_addr));
		return (how & 8) ? (socklen_t)(how >> 4) : sizeof(*sll);
	}
	default: {
		socklen_t len = in_u8(in);

		in_bytes(in, ss, MIN(len, sizeof(*ss)));
		return len;	/* up to 255: past sockaddr_storage is EINVAL */
	}
	}
}

static int in_sendflags(struct fz_in *in)
{
	static const int bits[] = { MSG_DONTWAIT, MSG_MORE, MSG_CONFIRM, MSG_DONTROUTE,
				    MSG_OOB, MSG_PROXY, MSG_NOSIGNAL, MSG_EOR };
	uint8_t b = in_u8(in);
	int flags = 0;

	for (unsigned int i = 0; i < G_N_ELEMENTS(bits); i++)
		if (b & (1u << i))
			flags |= bits[i];
	return flags | MSG_DONTWAIT;	/* the models never block */
}

static int in_recvflags(struct fz_in *in)
{
	static const int bits[] = { MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT, MSG_ERRQUEUE,
				    MSG_WAITALL, MSG_OOB, MSG_CMSG_CLOEXEC, MSG_NOSIGNAL };
	uint8_t b = in_u8(in);
	int flags = 0;

	for (unsigned int i = 0; i < G_N_ELEMENTS(bits); i++)
		if (b & (1u << i))
			flags |= bits[i];
	return flags | MSG_DONTWAIT;
}

/* the levels the models answer, or any */
static int in_level(struct fz_in *in)
{
	static const int levels[] = { SOL_SOCKET, SOL_IP, SOL_RAW, SOL_PACKET, IPPROTO_UDP,
				      IPPROTO_ICMP, IPPROTO_TCP };
	uint8_t b = in_u8(in);

	return b < 0xf0 ? levels[b % G_N_ELEMENTS(levels)] : (int)in_u32(in);
}

/*
 * Control messages for sendmsg: well-formed ones (IP_TTL, IP_TOS,
 * IP_PKTINFO, IP_RETOPTS... with fuzz-made payloads) or raw bytes.
 */
static size_t in_control(struct fz_in *in, uint8_t *buf, size_t cap)
{
	uint8_t how = in_u8(in);
	size_t used = 0;

	if (how & 0x80) {
		size_t len = MIN((size_t)(how & 0x7f), cap);

		in_bytes(in, buf, len);
		return len;
	}
	for (unsigned int i = 0; i < (how & 3); i++) {
		uint8_t dlen = in_u8(in) % 44;
		struct cmsghdr *c = (struct cmsghdr *)(buf + used);

		if (used + CMSG_SPACE(dlen) > cap)
			break;
		memset(c, 0, CMSG_SPACE(dlen));
		c->cmsg_len = CMSG_LEN(dlen);
		c->cmsg_level = (in_u8(in) & 1) ? SOL_SOCKET : SOL_IP;
		c->cmsg_type = in_u8(in) % 64;
		in_bytes(in, CMSG_DATA(c), dlen);
		used += CMSG_SPACE(dlen);
	}
	return used;
}

/* ---- the calls ------------------------------------------------------------ */

static void call_socket(struct fz_in *in, struct fz_slot *s, bool on_r)
{
	static const int types[] = { SOCK_DGRAM, SOCK_RAW, SOCK_STREAM, SOCK_SEQPACKET,
				     SOCK_PACKET, SOCK_RDM };
	uint8_t kind = in_u8(in);
	struct node *node = on_r ? fsw.r : fsw.h;
	int family, type, proto, fd;

	switch (kind % 8) {
	case 0: family = AF_INET; type = SOCK_DGRAM; proto = 0; break;
	case 1: family = AF_INET; type = SOCK_DGRAM; proto = IPPROTO_UDP; break;
	case 2: family = AF_INET; type = SOCK_DGRAM; proto = IPPROTO_ICMP; break;
	case 3: family = AF_INET; type = SOCK_RAW; proto = in_u8(in); break;
	case 4: family = AF_PACKET; type = SOCK_RAW; proto = htons(in_u16(in)); break;
	case 5: family = AF_PACKET; type = SOCK_DGRAM; proto = htons(in_u16(in)); break;
	case 6: family = AF_PACKET; type = SOCK_RAW; proto = htons(0x0003); break;	/* ETH_P_ALL */
	default:
		family = in_u8(in) % 20;
		type = types[in_u8(in) % G_N_ELEMENTS(types)];
		proto = (int)in_u16(in);
		break;
	}
	if (kind & 0x40)
		type |= SOCK_NONBLOCK;
	fd = ops()->socket(node, FZ_PID, family, type, proto);
	fz_ret("socket", &(struct fz_slot){ .node = node, .fd = fd }, fd);
	if (fd >= 0) {
		/* the slot's old fd stays open (the process still has it) */
		s->node = node;
		s->fd = fd;
	}
}

static void call_bind_connect(struct fz_in *in, struct fz_slot *s, bool connect)
{
	struct sockaddr_storage ss;
	socklen_t len = in_sockaddr(in, &ss);
	void *addr = g_memdup2(&ss, MIN(len, sizeof(ss)) ? MIN(len, sizeof(ss)) : 1);

	if (connect)
		fz_ret("connect", s, ops()->connect(s->node, FZ_PID, s->fd, addr, len));
	else
		fz_ret("bind", s, ops()->bind(s->node, FZ_PID, s->fd, addr, len));
	g_free(addr);
}

static void call_sendmsg(struct fz_in *in, struct fz_slot *s)
{
	uint8_t how = in_u8(in);
	size_t len = (how & 0x80) ? in_u16(in) + (in_u8(in) & 0x1f) * 256u : how & 0x7f;
	struct sockaddr_storage ss;
	uint8_t control[256];
	struct msghdr msg = { 0 };
	struct iovec iov[2];
	uint8_t *data;
	void *name = NULL, *ctl = NULL;
	size_t split;

	len = MIN(len, (size_t)FZ_MAX_SEND);
	data = g_malloc(len ? len : 1);
	in_bytes(in, data, MIN(len, (size_t)64));	/* headers from the input */
	memset(data + MIN(len, (size_t)64), 0x5a, len - MIN(len, (size_t)64));
	/* two iovecs, split where the input says */
	split = len ? in_u8(in) % (len + 1) : 0;
	iov[0] = (struct iovec){ .iov_base = data, .iov_len = split };
	iov[1] = (struct iovec){ .iov_base = data + split, .iov_len = len - split };
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	if (in_u8(in) & 1) {
		msg.msg_namelen = in_sockaddr(in, &ss);
		name = g_memdup2(&ss, MAX(MIN(msg.msg_namelen, sizeof(ss)), 1u));
		msg.msg_name = name;
	}
	msg.msg_controllen = in_control(in, control, sizeof(control));
	if (msg.msg_controllen) {
		ctl = g_memdup2(control, msg.msg_controllen);
		msg.msg_control = ctl;
	}
	fz_ret("sendmsg", s, ops()->sendmsg(s->node, FZ_PID, s->fd, &msg, in_sendflags(in)));
	g_free(ctl);
	g_free(name);
	g_free(data);
}

static void call_recvmsg(struct fz_in *in, struct fz_slot *s)
{
	size_t len = in_u16(in) % 4096, namelen = in_u8(in) % 40, ctllen = in_u8(in);
	struct msghdr msg = { 0 };
	struct iovec iov;
	uint8_t *data = g_malloc(len ? len : 1);

	iov = (struct iovec){ .iov_base = data, .iov_len = len };
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (namelen) {
		msg.msg_name = g_malloc(namelen);
		msg.msg_namelen = (socklen_t)namelen;
	}
	if (ctllen) {
		msg.msg_control = g_malloc(ctllen);
		msg.msg_controllen = ctllen;
	}
	fz_ret("recvmsg", s, ops()->recvmsg(s->node, FZ_PID, s->fd, &msg, in_recvflags(in)));
	g_free(msg.msg_control);
	g_free(msg.msg_name);
	g_free(data);
}

static void call_setsockopt(struct fz_in *in, struct fz_slot *s)
{
	int level = in_level(in), name = in_u8(in);
	uint8_t l = in_u8(in);
	/* mostly an int's 4 bytes; else up to 64 */
	socklen_t len = l < 0x80 ? 4 : (socklen_t)(l & 0x7f) % 65;
	uint8_t *val = g_malloc(len ? len : 1);

	in_bytes(in, val, len);
	fz_ret("setsockopt", s,
	       ops()->setsockopt(s->node, FZ_PID, s->fd, level, name, len ? val : NULL, len));
	g_free(val);
}

static void call_getsockopt(struct fz_in *in, struct fz_slot *s)
{
	int level = in_level(in), name = in_u8(in);
	uint8_t l = in_u8(in);
	socklen_t len = l < 0x80 ? 4 : (socklen_t)(l & 0x7f);
	uint8_t *val = g_malloc(len ? len : 1);

	fz_ret("getsockopt", s, ops()->getsockopt(s->node, FZ_PID, s->fd, level, name, val, &len));
	g_free(val);
}

/* struct ifreq's size: the name and a 24-byte union */
#define FZ_IFREQ_SIZE 40

static void call_ioctl(struct fz_in *in, struct fz_slot *s)
{
	static const unsigned long reqs[] = { SIOCGIFINDEX, SIOCGIFNAME, SIOCGIFHWADDR,
					      SIOCGIFMTU, SIOCGIFFLAGS, SIOCGIFCONF, FIONREAD,
					      SIOCOUTQ, SIOCGSTAMP };
	static const char *const names[] = { "lo", "eth0", "eth1", "", "eth9", "ETH0" };
	uint8_t b = in_u8(in), *ifr = g_malloc0(FZ_IFREQ_SIZE);
	unsigned long req = b < 0xf0 ? reqs[b % G_N_ELEMENTS(reqs)] : in_u32(in);
	uint8_t n = in_u8(in);

	if (n < 0xf0) {
		g_strlcpy((char *)ifr, names[n % G_N_ELEMENTS(names)], 16);
		ifr[16] = in_u8(in) % 8;	/* ifindex, for SIOCGIFNAME */
	} else {
		in_bytes(in, ifr, FZ_IFREQ_SIZE);	/* a name without its NUL */
	}
	fz_ret("ioctl", s, ops()->ioctl(s->node, FZ_PID, s->fd, req, ifr));
	g_free(ifr);
}

static void call_getname(struct fz_in *in, struct fz_slot *s)
{
	uint8_t b = in_u8(in);
	socklen_t len = b % 40;
	void *addr = g_malloc(len ? len : 1);

	if (b & 0x80)
		fz_ret("getpeername", s, ops()->getpeername(s->node, FZ_PID, s->fd, addr, &len));
	else
		fz_ret("getsockname", s, ops()->getsockname(s->node, FZ_PID, s->fd, addr, &len));
	g_free(addr);
}

static void call_poll(struct fz_in *in, struct fz_slot *s)
{
	uint8_t b = in_u8(in);
	sim_time_t t;

	if (b & 1)
		ops()->unwait(&s->wait);
	else
		fz_ret("poll", s, ops()->poll(s->node, FZ_PID, s->fd, (b & 2) ? &s->wait : NULL));
	ops()->timeo(s->node, FZ_PID, s->fd, b & 4, &t);
}

static void call_close(struct fz_slot *s)
{
	fz_ret("close", s, ops()->close(s->node, FZ_PID, s->fd));
	s->fd = -1;
}

/* 1 us to about 4 s of simulated time: ARP, ICMP, reassembly timers */
static void call_run(struct fz_in *in)
{
	fz_run(fsw.w, (sim_time_t)SIM_NSEC_PER_USEC << (in_u8(in) % 23));
}

static void run_call(struct fz_in *in)
{
	uint8_t op = in_u8(in);
	struct fz_slot *s = &fsw.slot[(op >> 4) & 7];

	if (s->fd < 0) {
		s->node = fsw.h;
		s->fd = 3 + ((op >> 4) & 7);	/* maybe not open: EBADF paths */
	}
	switch (op & 15) {
	case 0: case 1: call_socket(in, s, op & 0x80); break;
	case 2: call_bind_connect(in, s, false); break;
	case 3: call_bind_connect(in, s, true); break;
	case 4: case 5: call_sendmsg(in, s); break;
	case 6: call_recvmsg(in, s); break;
	case 7: case 8: call_setsockopt(in, s); break;
	case 9: call_getsockopt(in, s); break;
	case 10: call_ioctl(in, s); break;
	case 11: call_getname(in, s); break;
	case 12: call_poll(in, s); break;
	case 13: call_close(s); break;
	default: call_run(in); break;
	}
	fz_run(fsw.w, 10 * SIM_NSEC_PER_USEC);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };

	if (fsw.w && ++fsw.inputs % FZ_RESET_EVERY == 0)
		fz_harness_end();
	if (!fsw.w)
		socket_world_build();
	for (unsigned int i = 0; i < FZ_SLOTS; i++)
		fsw.slot[i] = (struct fz_slot){ .fd = -1, .wait = { .func = fz_wake } };
	for (unsigned int i = 0; i < FZ_MAX_CALLS && in.n; i++)
		run_call(&in);
	/* the process exits: its sockets close on both nodes, waiters woken */
	ops()->exit_files(fsw.h, FZ_PID);
	ops()->exit_files(fsw.r, FZ_PID);
	for (unsigned int i = 0; i < FZ_SLOTS; i++)
		if (fsw.slot[i].wait.queued)
			abort();	/* a closed socket kept a waiter queued */
	fz_run(fsw.w, SIM_NSEC_PER_MSEC);
	return 0;
}

void fz_harness_end(void)
{
	unsigned int inputs = fsw.inputs;

	fz_world_free(fsw.w);
	fsw = (struct fz_socket_world){ .inputs = inputs };
}
