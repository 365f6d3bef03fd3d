/*
 * models/apps/prog_common.h - what the socket programs share
 *
 * User space, no kernel counterpart.  traceroute, tracepath, arping, nc
 * and iperf are built-in programs that use the socket system calls
 * (w->socket_ops, sim/socket.h) with their process's pid, as a C program
 * uses libc's.  The kernel side never blocks; prog_io is the program's
 * poll()/select(): it queues a wait on up to PROG_IO_MAX sockets and an
 * optional deadline, and calls the program back (from an event, never
 * from inside the model) when one of them changes or the deadline passes.
 */
#ifndef SKBSIM_MODELS_APPS_PROG_COMMON_H
#define SKBSIM_MODELS_APPS_PROG_COMMON_H

#include <netinet/in.h>
#include <stdbool.h>
#include <sys/socket.h>

#include "apps.h"
#include "linux/types.h"
#include "sim/socket.h"

#define PROG_IO_MAX	64
#define PROG_IO_INLINE	2

struct prog_io;

/* <linux/errqueue.h>, as user space sees it after an IP_RECVERR cmsg */
struct prog_ee {
	u32 ee_errno;
	u8 ee_origin;
	u8 ee_type;
	u8 ee_code;
	u8 ee_pad;
	u32 ee_info;
	u32 ee_data;
	struct sockaddr_in offender;	/* SO_EE_OFFENDER() */
};

#define PROG_EE_ORIGIN_LOCAL	1
#define PROG_EE_ORIGIN_ICMP	2

/*
 * Reads one entry of @fd's error queue (MSG_ERRQUEUE): the quoted payload
 * in @buf, the original destination in @to, the extended error in @ee and
 * the IP_TTL cmsg in @ttl (-1 when absent).  Returns the bytes or -errno.
 */
ssize_t prog_recv_err(struct prog_io *io, int fd, void *buf, size_t len,
		      struct sockaddr_in *to, struct prog_ee *ee, int *ttl);

struct prog_io {
	struct sim_proc *p;
	struct world *w;
	const struct sim_socket_ops *ops;
	/* the waits and fds of the current poll, @cap of each in one block
	 * (the fds right after the waits), made at the first wait on a socket and
	 * kept until prog_io_stop(): at least PROG_IO_INLINE, what almost every
	 * program polls (one or two sockets), up to PROG_IO_MAX (traceroute's
	 * probes).  A program that never polls (udpclient, unless its send
	 * buffer fills) carries none. */
	struct sim_wait *waits;
	sim_time_t deadline;
	struct sim_event wake_ev;	/* a socket changed: run ->fn now */
	struct sim_event tmo_ev;	/* the deadline */
	/* @timedout: the deadline passed (no socket woke us first) */
	void (*fn)(struct prog_io *io, bool timedout);
	/* the counts are at most PROG_IO_MAX and the events poll()'s short:
	 * bytes, so that udpclient's state (one per host of a big run) is one
	 * malloc size class smaller */
	u8 cap;
	u8 nwaits;
	u8 nfds;
	bool stopped;
	u16 events;			/* POLLIN|POLLERR|POLLHUP, or POLLOUT too */
};

void prog_io_init(struct prog_io *io, struct sim_proc *p,
		  void (*fn)(struct prog_io *io, bool timedout));
/*
 * Sleeps until one of @fds (may be none) is readable or has an error
 * (POLLIN, POLLERR, POLLHUP: what poll() and select() wait for here) or
 * until @deadline (absolute; 0: none), then calls io->fn once.  Replaces
 * any earlier wait.
 */
void prog_io_wait(struct prog_io *io, const int *fds, int nfds, sim_time_t deadline);
/* The same, also waking when @fd can be written (a blocked send). */
void prog_io_wait_out(struct prog_io *io, int fd, sim_time_t deadline);
/* Cancels the waits and timers and closes the process's sockets (exit). */
void prog_io_stop(struct prog_io *io);

/* The syscalls with the process's pid: the result or -errno. */
int prog_socket(struct prog_io *io, int family, int type, int protocol);
int prog_setsockopt_int(struct prog_io *io, int fd, int level, int name, int val);
int prog_bind_in(struct prog_io *io, int fd, __be32 addr, u16 port);
int prog_connect_in(struct prog_io *io, int fd, __be32 addr, u16 port);
ssize_t prog_sendto_in(struct prog_io *io, int fd, const void *buf, size_t len, int flags,
		       __be32 addr, u16 port);
/* recvmsg into @buf, with the sender in @from (may be NULL) and cmsgs in @cbuf */
ssize_t prog_recvmsg(struct prog_io *io, int fd, void *buf, size_t len, int flags,
		     struct sockaddr_in *from, void *cbuf, size_t cbuflen, struct msghdr *msg);
int prog_getsockname_in(struct prog_io *io, int fd, struct sockaddr_in *sin);

/* A dotted quad (inet_aton's forms too); false when it is not one. */
bool prog_parse_ipv4(const char *s, __be32 *addr);
/* "%lu.%06lu" seconds of simulated time, as gettimeofday() gives it */
double prog_now_sec(const struct prog_io *io);

/*
 * getopt() as glibc's POSIX-mode parsing does it for the short options
 * in @optstring ("nq:w:"): options may be grouped (-nq 1, -q1); parsing
 * stops at "--" or, unless @permute, at the first operand.  With
 * @permute the operands are moved after the options as glibc does.
 */
struct prog_getopt {
	int optind;
	int optopt;
	const char *optarg;
	int next;		/* position inside a group of options */
};

int prog_getopt(struct prog_getopt *g, int argc, char **argv, const char *optstring);

#endif
