/*
 * sim/socket.h - the socket system calls a simulated process can make
 *
 * No kernel counterpart in net/: this is the syscall boundary.  The Lua
 * boundary (sim/lua/lsocket.c) plays the C library: it turns Lua values
 * into struct sockaddr_in, struct msghdr and option bytes, and calls the
 * models through struct sim_socket_ops, which the models set in
 * w->socket_ops (the inet module's world_init).  The models play the
 * kernel (models/core/socket.c): a per-node table of (pid, fd) -> socket,
 * the kernel's checks and errnos (negative returns), never blocking.
 *
 * Blocking is the caller's job, as the kernel's wait loops are: a call
 * that would block returns -EAGAIN; the process then queues a struct
 * sim_wait on the socket with ->poll(), yields, and retries the call when
 * ->func runs (the model woke the wait queue) or its timeout passes.
 */
#ifndef SKBSIM_SIM_SOCKET_H
#define SKBSIM_SIM_SOCKET_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "sim/time.h"

struct node;

/*
 * The links of a socket's wait queue: the queue's head is one alone (16
 * bytes in every socket rather than a whole entry), each entry starts
 * with one (the kernel's wait_queue_head and wait_queue_entry's list).
 */
struct sim_wait_link {
	struct sim_wait_link *next, *prev;
};

/* One entry of a socket's wait queue (the kernel's wait_queue_entry). */
struct sim_wait {
	struct sim_wait_link link;	/* first; on the queue, owned by the model */
	bool queued;
	/* Called by the model when the socket changes; the entry is off the
	 * queue by then (autoremove_wake_function).  Must not re-enter the
	 * model: a process is resumed later, by an event. */
	void (*func)(struct sim_wait *wait);
	void *priv;
};

struct sim_socket_ops {
	/* Returns the new fd (lowest free from 3, per process) or -errno. */
	int (*socket)(struct node *node, int pid, int family, int type, int protocol);
	int (*bind)(struct node *node, int pid, int fd, const struct sockaddr *addr,
		    socklen_t len);
	int (*connect)(struct node *node, int pid, int fd, const struct sockaddr *addr,
		       socklen_t len);
	/* @flags: MSG_*; the bytes sent or -errno */
	ssize_t (*sendmsg)(struct node *node, int pid, int fd, const struct msghdr *msg,
			   int flags);
	/* fills msg_name, msg_namelen, msg_control(len) and msg_flags */
	ssize_t (*recvmsg)(struct node *node, int pid, int fd, struct msghdr *msg, int flags);
	int (*setsockopt)(struct node *node, int pid, int fd, int level, int name,
			  const void *val, socklen_t len);
	int (*getsockopt)(struct node *node, int pid, int fd, int level, int name, void *val,
			  socklen_t *len);
	int (*getsockname)(struct node *node, int pid, int fd, struct sockaddr *addr,
			   socklen_t *len);
	int (*getpeername)(struct node *node, int pid, int fd, struct sockaddr *addr,
			   socklen_t *len);
	int (*close)(struct node *node, int pid, int fd);
	/*
	 * ioctl(fd, @request, @arg) on a socket: the interface requests of
	 * dev_ioctl() with a struct ifreq (SIOCGIFINDEX, SIOCGIFNAME,
	 * SIOCGIFHWADDR, SIOCGIFMTU, SIOCGIFFLAGS), what if_nametoindex()
	 * and friends use.  0 or -errno.
	 */
	int (*ioctl)(struct node *node, int pid, int fd, unsigned long request, void *arg);
	/*
	 * The POLL* events of the socket now (POLLIN, POLLOUT, POLLERR,
	 * POLLHUP), or -EBADF.  With @wait, also queues it on the socket to be
	 * called at the next change (when it is not queued yet).
	 */
	int (*poll)(struct node *node, int pid, int fd, struct sim_wait *wait);
	/* Takes @wait off the queue it is on, if any. */
	void (*unwait)(struct sim_wait *wait);
	/* SO_RCVTIMEO (@rcv) or SO_SNDTIMEO in ns, 0 for none; or -EBADF */
	int (*timeo)(struct node *node, int pid, int fd, bool rcv, sim_time_t *out);
	/* The process @pid ended: close every socket it still has. */
	void (*exit_files)(struct node *node, int pid);
};

#endif
