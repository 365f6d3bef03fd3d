/*
 * models/apps/prog_common.c - what the socket programs share
 *
 * User space, no kernel counterpart (see prog_common.h): the program's
 * poll() over its sockets, thin syscall wrappers carrying the pid, and
 * glibc's getopt() for the tools' short options.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "prog_common.h"

/* the fds polled: in the waits' block, after them */
static int *prog_io_fds(struct prog_io *io)
{
	return (int *)(io->waits + io->cap);
}

static void prog_io_unwait(struct prog_io *io)
{
	for (int i = 0; i < io->nwaits; i++)
		io->ops->unwait(&io->waits[i]);
	io->nwaits = 0;
}

/* room for @n waits (no wait queued); a stopped program gets no more */
static int prog_io_reserve(struct prog_io *io, int n)
{
	n = CLAMP(n, 0, PROG_IO_MAX);
	if (n <= io->cap)
		return n;
	if (io->stopped)
		return io->cap;
	g_free(io->waits);
	io->cap = (u8)MAX(n, PROG_IO_INLINE);
	/* one block: the waits, then the fds (int's alignment is less) */
	io->waits = g_malloc((sizeof(struct sim_wait) + sizeof(int)) * (size_t)io->cap);
	return n;
}

/* the model woke a wait queue: resume the program from an event, not from here */
static void prog_io_woken(struct sim_wait *wait)
{
	struct prog_io *io = wait->priv;

	if (!io->stopped && !sim_event_pending(&io->wake_ev))
		sim_schedule(io->w, &io->wake_ev, sim_now(io->w));
}

static void prog_io_arm(struct prog_io *io);

/* whether one of the fds polled has something for the program now */
static bool prog_io_ready(struct prog_io *io)
{
	for (int i = 0; i < io->nfds; i++) {
		int mask = io->ops->poll(io->p->node, io->p->pid, prog_io_fds(io)[i], NULL);

		if (mask < 0 || (mask & io->events))
			return true;
	}
	return false;
}

static void prog_io_run(struct prog_io *io, bool timedout)
{
	if (!timedout && !io->stopped && !prog_io_ready(io)) {
		/* woken for something poll() does not wait for (write space) */
		prog_io_unwait(io);
		prog_io_arm(io);
		return;
	}
	prog_io_unwait(io);
	sim_cancel(io->w, &io->wake_ev);
	sim_cancel(io->w, &io->tmo_ev);
	if (io->stopped)
		return;
	sim_proc_woken(io->p);
	io->fn(io, timedout);
}

static void prog_io_wake_ev(struct world *w, struct sim_event *ev)
{
	(void)w;
	prog_io_run(container_of(ev, struct prog_io, wake_ev), false);
}

static void prog_io_tmo_ev(struct world *w, struct sim_event *ev)
{
	(void)w;
	prog_io_run(container_of(ev, struct prog_io, tmo_ev), true);
}

void prog_io_init(struct prog_io *io, struct sim_proc *p,
		  void (*fn)(struct prog_io *io, bool timedout))
{
	memset(io, 0, sizeof(*io));
	io->p = p;
	io->w = p->node->w;
	io->ops = io->w->socket_ops;
	io->fn = fn;
	sim_event_init(&io->wake_ev, prog_io_wake_ev);
	sim_event_init(&io->tmo_ev, prog_io_tmo_ev);
}

static void prog_io_arm(struct prog_io *io)
{
	bool ready = false;

	for (int i = 0; i < io->nfds; i++) {
		struct sim_wait *wt = &io->waits[io->nwaits++];
		int mask;

		memset(wt, 0, sizeof(*wt));
		wt->func = prog_io_woken;
		wt->priv = io;
		mask = io->ops->poll(io->p->node, io->p->pid, prog_io_fds(io)[i], wt);
		/* poll() with a ready socket returns at once, as the syscall does */
		if (mask < 0 || (mask & io->events))
			ready = true;
	}
	if (ready) {
		sim_schedule(io->w, &io->wake_ev, sim_now(io->w));
		return;
	}
	if (io->deadline && !sim_event_pending(&io->tmo_ev))
		sim_schedule(io->w, &io->tmo_ev, io->deadline > sim_now(io->w) ? io->deadline
										 : sim_now(io->w));
}

static void prog_io_wait_events(struct prog_io *io, const int *fds, int nfds,
				sim_time_t deadline, int events)
{
	prog_io_unwait(io);
	sim_cancel(io->w, &io->wake_ev);
	sim_cancel(io->w, &io->tmo_ev);
	io->nfds = (u8)prog_io_reserve(io, nfds);
	if (io->nfds > 0)
		memcpy(prog_io_fds(io), fds, sizeof(int) * (size_t)io->nfds);
	io->deadline = deadline;
	io->events = (u16)events;
	prog_io_arm(io);
}

void prog_io_wait(struct prog_io *io, const int *fds, int nfds, sim_time_t deadline)
{
	prog_io_wait_events(io, fds, nfds, deadline, POLLIN | POLLERR | POLLHUP);
}

void prog_io_wait_out(struct prog_io *io, int fd, sim_time_t deadline)
{
	prog_io_wait_events(io, &fd, 1, deadline, POLLOUT | POLLERR | POLLHUP);
}

void prog_io_stop(struct prog_io *io)
{
	if (!io->ops || io->stopped)
		return;
	io->stopped = true;
	prog_io_unwait(io);
	io->nfds = 0;
	g_clear_pointer(&io->waits, g_free);
	io->cap = 0;
	sim_cancel(io->w, &io->wake_ev);
	sim_cancel(io->w, &io->tmo_ev);
	io->ops->exit_files(io->p->node, io->p->pid);
}

/* ---- the syscalls -------------------------------------------------------------- */

int prog_socket(struct prog_io *io, int family, int type, int protocol)
{
	if (!io->ops)
		return -EAFNOSUPPORT;
	return io->ops->socket(io->p->node, io->p->pid, family, type, protocol);
}

int prog_setsockopt_int(struct prog_io *io, int fd, int level, int name, int val)
{
	return io->ops->setsockopt(io->p->node, io->p->pid, fd, level, name, &val, sizeof(val));
}

static void prog_sin(struct sockaddr_in *sin, __be32 addr, u16 port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
	sin->sin_port = htons(port);
}

int prog_bind_in(struct prog_io *io, int fd, __be32 addr, u16 port)
{
	struct sockaddr_in sin;

	prog_sin(&sin, addr, port);
	return io->ops->bind(io->p->node, io->p->pid, fd, (struct sockaddr *)&sin, sizeof(sin));
}

int prog_connect_in(struct prog_io *io, int fd, __be32 addr, u16 port)
{
	struct sockaddr_in sin;

	prog_sin(&sin, addr, port);
	return io->ops->connect(io->p->node, io->p->pid, fd, (struct sockaddr *)&sin,
				sizeof(sin));
}

ssize_t prog_sendto_in(struct prog_io *io, int fd, const void *buf, size_t len, int flags,
		       __be32 addr, u16 port)
{
	struct sockaddr_in sin;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (addr || port) {
		prog_sin(&sin, addr, port);
		msg.msg_name = &sin;
		msg.msg_namelen = sizeof(sin);
	}
	return io->ops->sendmsg(io->p->node, io->p->pid, fd, &msg, flags);
}

ssize_t prog_recvmsg(struct prog_io *io, int fd, void *buf, size_t len, int flags,
		     struct sockaddr_in *from, void *cbuf, size_t cbuflen, struct msghdr *msg)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr m = { 0 };

	if (!msg)
		msg = &m;
	memset(msg, 0, sizeof(*msg));
	msg->msg_iov = &iov;
	msg->msg_iovlen = 1;
	if (from) {
		memset(from, 0, sizeof(*from));
		msg->msg_name = from;
		msg->msg_namelen = sizeof(*from);
	}
	msg->msg_control = cbuf;
	msg->msg_controllen = cbuf ? cbuflen : 0;
	return io->ops->recvmsg(io->p->node, io->p->pid, fd, msg, flags);
}

int prog_getsockname_in(struct prog_io *io, int fd, struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);

	memset(sin, 0, sizeof(*sin));
	return io->ops->getsockname(io->p->node, io->p->pid, fd, (struct sockaddr *)sin, &len);
}

ssize_t prog_recv_err(struct prog_io *io, int fd, void *buf, size_t len,
		      struct sockaddr_in *to, struct prog_ee *ee, int *ttl)
{
	union {
		struct cmsghdr align;
		char buf[512];
	} cbuf;
	struct msghdr msg;
	ssize_t n;

	memset(ee, 0, sizeof(*ee));
	*ttl = -1;
	n = prog_recvmsg(io, fd, buf, len, MSG_ERRQUEUE, to, cbuf.buf, sizeof(cbuf.buf), &msg);
	if (n < 0)
		return n;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		size_t dlen = c->cmsg_len - CMSG_LEN(0);

		if (c->cmsg_level != SOL_IP)
			continue;
		if (c->cmsg_type == IP_RECVERR)
			memcpy(ee, CMSG_DATA(c), MIN(dlen, sizeof(*ee)));
		else if (c->cmsg_type == IP_TTL && dlen >= sizeof(int))
			memcpy(ttl, CMSG_DATA(c), sizeof(int));
	}
	return n;
}

/* ---- small things ------------------------------------------------------------- */

bool prog_parse_ipv4(const char *s, __be32 *addr)
{
	struct in_addr in;

	if (!s || !*s || !inet_aton(s, &in))
		return false;
	*addr = in.s_addr;
	return true;
}

double prog_now_sec(const struct prog_io *io)
{
	return (double)sim_now(io->w) / (double)SIM_NSEC_PER_SEC;
}

/* whether option @c of @optstring takes an argument; -1: unknown */
static int prog_opt_arg(const char *optstring, int c)
{
	const char *o = c == ':' ? NULL : strchr(optstring, c);

	if (!o)
		return -1;
	return o[1] == ':';
}

/*
 * glibc's permutation, done once up front: the options (with their
 * arguments) first, in order, then the operands; stops at "--".
 */
static void prog_permute(int argc, char **argv, const char *optstring)
{
	char **opts = g_new(char *, argc), **operands = g_new(char *, argc);
	int no = 0, nr = 0, i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			opts[no++] = argv[i++];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			operands[nr++] = argv[i];
			continue;
		}
		opts[no++] = argv[i];
		for (const char *c = a + 1; *c; c++) {
			if (prog_opt_arg(optstring, *c) == 1) {
				if (!c[1] && i + 1 < argc)
					opts[no++] = argv[++i];
				break;
			}
		}
	}
	for (; i < argc; i++)
		operands[nr++] = argv[i];
	memcpy(argv + 1, opts, sizeof(char *) * (size_t)no);
	memcpy(argv + 1 + no, operands, sizeof(char *) * (size_t)nr);
	g_free(opts);
	g_free(operands);
}

int prog_getopt(struct prog_getopt *g, int argc, char **argv, const char *optstring)
{
	const char *a;
	int c, takes;

	if (g->optind == 0) {
		g->optind = 1;
		g->next = 0;
		if (*optstring != '+')
			prog_permute(argc, argv, optstring);
	}
	if (*optstring == '+')
		optstring++;
	g->optarg = NULL;
	if (g->optind >= argc)
		return -1;
	a = argv[g->optind];
	if (!g->next) {
		if (a[0] != '-' || !a[1])
			return -1;
		if (!strcmp(a, "--")) {
			g->optind++;
			return -1;
		}
		g->next = 1;
	}
	c = (unsigned char)a[g->next++];
	takes = prog_opt_arg(optstring, c);
	if (takes == 1) {
		if (a[g->next]) {
			g->optarg = a + g->next;
		} else if (g->optind + 1 < argc) {
			g->optarg = argv[++g->optind];
		} else {
			g->optind++;
			g->next = 0;
			g->optopt = c;
			return optstring[0] == ':' ? ':' : '?';
		}
		g->optind++;
		g->next = 0;
		return c;
	}
	if (!a[g->next]) {
		g->optind++;
		g->next = 0;
	}
	if (takes < 0) {
		g->optopt = c;
		return '?';
	}
	return c;
}
