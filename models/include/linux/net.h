/*
 * models/include/linux/net.h - the BSD socket layer's objects
 *
 * Mirrors include/linux/net.h: struct socket (the file side of a socket,
 * with its state, type, proto_ops and wait queue) and struct proto_ops,
 * the per-family operations __sys_bind() and friends call.  The file and
 * fd table of the kernel (struct file, files_struct) are folded into
 * struct socket here: a socket knows the pid and fd that own it, which is
 * all `ss -p` and the syscall layer need.
 */
#ifndef _SKBSIM_LINUX_NET_H
#define _SKBSIM_LINUX_NET_H

#include <sys/socket.h>
#include <sys/types.h>

#include "linux/list.h"
#include "linux/types.h"
#include "sim/socket.h"

struct sock;
struct net;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

/* the wait queue of a socket: struct sim_wait entries, woken in order */
struct socket_wq {
	struct sim_wait_link head;
};

struct socket {
	socket_state state;
	short type;			/* SOCK_DGRAM, SOCK_RAW... */
	struct sock *sk;
	const struct proto_ops *ops;
	struct socket_wq wq;
	/* the file that holds it: owner process and descriptor */
	int pid, fd;
	unsigned long ino;		/* the socket inode (/proc/net/udp, ss) */
	struct list_head file_list;	/* the node's sockets, creation order */
};

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *uaddr, int addr_len);
	int (*connect)(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
	int (*getname)(struct socket *sock, struct sockaddr *uaddr, int peer);
	unsigned int (*poll)(struct socket *sock);
	int (*setsockopt)(struct socket *sock, int level, int optname, const void *optval,
			  unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname, void *optval,
			  int *optlen);
	/* msg->msg_flags carries the MSG_* flags of the call, as in the kernel */
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t total_len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t total_len, int flags);
};

/* a family's socket constructor (net_families[]) */
struct net_proto_family {
	int family;
	int (*create)(struct net *net, struct socket *sock, int protocol, int kern);
};

/* models/core/socket.c */
void sock_wake_up(struct socket *sock);
int sock_net_init(struct net *net);
void sock_net_exit(struct net *net);
/* every socket of @net in creation order (ss, /proc/net/udp) */
struct list_head *sock_file_list(struct net *net);
extern const struct sim_socket_ops sock_syscall_ops;

#endif
