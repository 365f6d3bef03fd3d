/*
 * models/core/socket.c - the socket system calls
 *
 * Mirrors net/socket.c: __sys_socket() finds the family (net_families)
 * and makes a struct socket, __sys_bind(), __sys_connect(),
 * ____sys_sendmsg(), ____sys_recvmsg(), __sys_setsockopt() and
 * __sys_getsockopt() check what user space passed (address lengths,
 * option lengths) and call the family's proto_ops; sock_close() releases.
 * The kernel's file descriptors are a per-node table here, keyed by
 * (pid, fd): fds 0-2 are the process's stdio (ENOTSOCK), a number never
 * opened is EBADF, and a new socket takes the lowest free number from 3.
 * The engine reaches these calls through struct sim_socket_ops
 * (sim/socket.h); nothing here blocks: -EAGAIN and the socket's wait
 * queue (sock_wake_up) let the caller sleep, as sk_wait_data does.
 * Families: AF_INET (af_inet.c) and AF_PACKET (af_packet.c); ioctl()
 * answers dev_ioctl()'s interface requests (SIOCGIFINDEX...).
 */
#include "linux/net.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "linux/if_packet.h"
#include "linux/netdevice.h"

#include "net/net_namespace.h"
#include "net/sock.h"

#include "net/inet_sock.h"

/* the families a socket() can ask for (net_families[]) */
static const struct net_proto_family *const net_families[AF_MAX] = {
	[AF_INET] = &inet_family_ops,
	[AF_PACKET] = &packet_family_ops,
};

/*
 * Most nodes have no socket or one or two (a host's client); walking
 * @all finds those as fast as a hash would, and a GHashTable costs about
 * 150 bytes a node.  The table is made when the node opens its
 * SOCK_FILES_LINEAR + 1-th socket and kept from then on.
 */
#define SOCK_FILES_LINEAR 8

struct sock_files {
	GHashTable *by_fd;		/* (pid << 32 | fd) -> struct socket, or NULL */
	struct list_head all;		/* every socket, creation order */
	unsigned long next_ino;
	unsigned int count;		/* sockets in @all, kept while by_fd is NULL */
};

/* the key is the pointer itself: no allocation per socket */
G_STATIC_ASSERT(sizeof(gpointer) >= sizeof(gint64));

static inline gpointer fd_key(int pid, int fd)
{
	return (gpointer)(uintptr_t)(((guint64)(guint32)pid << 32) | (guint32)fd);
}

static guint fd_key_hash(gconstpointer key)
{
	guint64 v = (uintptr_t)key;

	return (guint)(v ^ (v >> 32));
}

int sock_net_init(struct net *net)
{
	struct sock_files *f = g_new0(struct sock_files, 1);

	INIT_LIST_HEAD(&f->all);
	f->next_ino = 1000;		/* inode numbers as ss shows them */
	net->files = f;
	return 0;
}

struct list_head *sock_file_list(struct net *net)
{
	return &net->files->all;
}

/* ---- the wait queue ---------------------------------------------------------- */

static void sock_wq_init(struct socket_wq *wq)
{
	wq->head.next = wq->head.prev = &wq->head;
}

static void sock_wq_add(struct socket_wq *wq, struct sim_wait *wait)
{
	if (wait->queued)
		return;
	wait->link.prev = wq->head.prev;
	wait->link.next = &wq->head;
	wq->head.prev->next = &wait->link;
	wq->head.prev = &wait->link;
	wait->queued = true;
}

static void sock_unwait(struct sim_wait *wait)
{
	if (!wait->queued)
		return;
	wait->link.prev->next = wait->link.next;
	wait->link.next->prev = wait->link.prev;
	wait->link.next = wait->link.prev = NULL;
	wait->queued = false;
}

/* sock_def_wakeup: every waiter, in the order they came, off the queue first */
void sock_wake_up(struct socket *sock)
{
	struct sim_wait_link *head = &sock->wq.head;

	while (head->next != head) {
		struct sim_wait *wait = container_of(head->next, struct sim_wait, link);

		sock_unwait(wait);
		wait->func(wait);
	}
}

/* ---- the fd table -------------------------------------------------------------- */

/* the socket open as (@pid, @fd), or NULL */
static struct socket *sock_files_find(struct sock_files *f, int pid, int fd)
{
	struct socket *sock;

	if (f->by_fd)
		return g_hash_table_lookup(f->by_fd, fd_key(pid, fd));
	list_for_each_entry(sock, &f->all, file_list)
		if (sock->pid == pid && sock->fd == fd)
			return sock;
	return NULL;
}

static struct socket *sockfd_lookup(struct net *net, int pid, int fd, int *err)
{
	struct socket *sock = NULL;

	if (fd >= 0 && fd <= 2) {
		*err = -ENOTSOCK;	/* stdin, stdout, stderr */
		return NULL;
	}
	if (fd >= 0)
		sock = sock_files_find(net->files, pid, fd);
	if (!sock)
		*err = -EBADF;
	return sock;
}

/* the node's sockets outgrow the list walk: index them all */
static void sock_files_hash(struct sock_files *f)
{
	struct socket *sock;

	f->by_fd = g_hash_table_new(fd_key_hash, g_direct_equal);
	list_for_each_entry(sock, &f->all, file_list)
		g_hash_table_insert(f->by_fd, fd_key(sock->pid, sock->fd), sock);
}

static int sock_map_fd(struct net *net, struct socket *sock, int pid)
{
	struct sock_files *f = net->files;
	int fd = 3;

	while (sock_files_find(f, pid, fd))
		fd++;
	sock->pid = pid;
	sock->fd = fd;
	sock->ino = f->next_ino++;
	list_add_tail(&sock->file_list, &f->all);
	if (f->by_fd)
		g_hash_table_insert(f->by_fd, fd_key(pid, fd), sock);
	else if (++f->count > SOCK_FILES_LINEAR)
		sock_files_hash(f);
	return fd;
}

static void sock_release(struct net *net, struct socket *sock)
{
	struct sock_files *f = net->files;

	if (sock->ops)
		sock->ops->release(sock);
	/* whoever still waits learns of the close at its next try (EBADF) */
	sock_wake_up(sock);
	if (f->by_fd)
		g_hash_table_remove(f->by_fd, fd_key(sock->pid, sock->fd));
	else
		f->count--;
	list_del(&sock->file_list);
	world_obj_put(net->w, SIM_OBJ_MODEL);
	g_free(sock);
}

void sock_net_exit(struct net *net)
{
	struct sock_files *f = net->files;
	struct socket *sock, *n;

	if (!f)
		return;
	list_for_each_entry_safe(sock, n, &f->all, file_list)
		sock_release(net, sock);
	if (f->by_fd)
		g_hash_table_unref(f->by_fd);
	g_free(f);
	net->files = NULL;
}

/* ---- the calls ------------------------------------------------------------------- */

static struct net *node_sock_net(struct node *node)
{
	struct net *net = node->net;

	return net && net->files ? net : NULL;
}

/* sockfd_lookup() on @node's table: EBADF when the node has no sockets at all */
static struct socket *sockfd_lookup_node(struct node *node, int pid, int fd, int *err)
{
	struct net *net = node_sock_net(node);

	if (!net) {
		*err = -EBADF;
		return NULL;
	}
	return sockfd_lookup(net, pid, fd, err);
}

static int __sys_socket(struct node *node, int pid, int family, int type, int protocol)
{
	struct net *net = node_sock_net(node);
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (type <= 0 || type > SOCK_PACKET)
		return -EINVAL;
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	pf = net_families[family];
	if (!pf || !net)
		return -EAFNOSUPPORT;
	sock = g_new0(struct socket, 1);
	world_obj_get(net->w, SIM_OBJ_MODEL);
	sock->type = (short)type;
	sock->state = SS_UNCONNECTED;
	sock_wq_init(&sock->wq);
	INIT_LIST_HEAD(&sock->file_list);
	err = pf->create(net, sock, protocol, 0);
	if (err) {
		sock->ops = NULL;
		world_obj_put(net->w, SIM_OBJ_MODEL);
		g_free(sock);
		return err;
	}
	return sock_map_fd(net, sock, pid);
}

/* move_addr_to_kernel: a length beyond sockaddr_storage is EINVAL */
static int addr_len_ok(socklen_t len)
{
	return len <= sizeof(struct sockaddr_storage) ? 0 : -EINVAL;
}

static int move_addr_to_kernel(const struct sockaddr *uaddr, socklen_t len,
			       struct sockaddr_storage *kaddr)
{
	int err = addr_len_ok(len);

	if (!err)
		memcpy(kaddr, uaddr, len);
	return err;
}

static int __sys_bind(struct node *node, int pid, int fd, const struct sockaddr *addr,
		      socklen_t len)
{
	struct sockaddr_storage a = { 0 };
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if ((err = move_addr_to_kernel(addr, len, &a)))
		return err;
	return sock->ops->bind(sock, (struct sockaddr *)&a, (int)len);
}

static int __sys_connect(struct node *node, int pid, int fd, const struct sockaddr *addr,
			 socklen_t len)
{
	struct sockaddr_storage a = { 0 };
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if ((err = move_addr_to_kernel(addr, len, &a)))
		return err;
	return sock->ops->connect(sock, (struct sockaddr *)&a, (int)len, 0);
}

static ssize_t __sys_sendmsg(struct node *node, int pid, int fd, const struct msghdr *umsg,
			     int flags)
{
	struct sockaddr_storage a = { 0 };
	struct msghdr msg = *umsg;
	struct socket *sock;
	size_t total = 0;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if (msg.msg_name) {
		if ((err = move_addr_to_kernel(msg.msg_name, msg.msg_namelen, &a)))
			return err;
		msg.msg_name = &a;
	}
	for (size_t i = 0; i < msg.msg_iovlen; i++)
		total += msg.msg_iov[i].iov_len;
	msg.msg_flags = flags;
	return sock->ops->sendmsg(sock, &msg, total);
}

static ssize_t __sys_recvmsg(struct node *node, int pid, int fd, struct msghdr *msg, int flags)
{
	void *control = msg->msg_control;
	size_t controllen = msg->msg_controllen, total = 0;
	struct socket *sock;
	int err, ret;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	for (size_t i = 0; i < msg->msg_iovlen; i++)
		total += msg->msg_iov[i].iov_len;
	msg->msg_flags = 0;
	ret = sock->ops->recvmsg(sock, msg, total, flags);
	/* put_cmsg advanced msg_control: report what was used */
	msg->msg_controllen = controllen - msg->msg_controllen;
	msg->msg_control = control;
	return ret;
}

static int __sys_setsockopt(struct node *node, int pid, int fd, int level, int name,
			    const void *val, socklen_t len)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		return sock_setsockopt(sock, level, name, val, len);
	return sock->ops->setsockopt(sock, level, name, val, len);
}

static int __sys_getsockopt(struct node *node, int pid, int fd, int level, int name, void *val,
			    socklen_t *len)
{
	struct socket *sock;
	int err, l = (int)*len;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, level, name, val, &l);
	else
		err = sock->ops->getsockopt(sock, level, name, val, &l);
	if (!err)
		*len = (socklen_t)l;
	return err;
}

static int sys_getname(struct node *node, int pid, int fd, struct sockaddr *addr,
		       socklen_t *len, int peer)
{
	struct sockaddr_storage a = { 0 };
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	err = sock->ops->getname(sock, (struct sockaddr *)&a, peer);
	if (err < 0)
		return err;
	memcpy(addr, &a, MIN(*len, (socklen_t)err));
	*len = (socklen_t)err;
	return 0;
}

static int __sys_getsockname(struct node *node, int pid, int fd, struct sockaddr *addr,
			     socklen_t *len)
{
	return sys_getname(node, pid, fd, addr, len, 0);
}

static int __sys_getpeername(struct node *node, int pid, int fd, struct sockaddr *addr,
			     socklen_t *len)
{
	return sys_getname(node, pid, fd, addr, len, 1);
}

static int __close_fd(struct node *node, int pid, int fd)
{
	struct net *net = node_sock_net(node);
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err == -ENOTSOCK ? -EBADF : err;
	sock_release(net, sock);
	return 0;
}

/* struct ifreq of <net/if.h> (which clashes with linux/netdevice.h's IFF_*) */
struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifru_hwaddr;
		short ifru_flags;
		int ifru_ivalue;
		int ifru_mtu;
		char ifru_pad[24];
	} ifr_ifru;
};
#define ifr_hwaddr	ifr_ifru.ifru_hwaddr
#define ifr_flags	ifr_ifru.ifru_flags
#define ifr_ifindex	ifr_ifru.ifru_ivalue
#define ifr_mtu		ifr_ifru.ifru_mtu

/* dev_ioctl: the SIOCGIF* requests on a struct ifreq, any socket will do */
static int dev_ioctl(struct net *net, unsigned long cmd, struct ifreq *ifr)
{
	struct net_device *dev;

	if (cmd == SIOCGIFNAME) {
		dev = __dev_get_by_index(net, ifr->ifr_ifindex);
		if (!dev)
			return -ENODEV;
		snprintf(ifr->ifr_name, IFNAMSIZ, "%s", dev->name);
		return 0;
	}
	ifr->ifr_name[IFNAMSIZ - 1] = 0;
	dev = __dev_get_by_name(net, ifr->ifr_name);
	if (cmd != SIOCGIFINDEX && cmd != SIOCGIFHWADDR && cmd != SIOCGIFMTU &&
	    cmd != SIOCGIFFLAGS)
		return -ENOTTY;
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		break;
	case SIOCGIFHWADDR:
		memset(&ifr->ifr_hwaddr, 0, sizeof(ifr->ifr_hwaddr));
		ifr->ifr_hwaddr.sa_family = dev->type;
		memcpy(ifr->ifr_hwaddr.sa_data, dev->dev_addr,
		       MIN((size_t)dev->addr_len, sizeof(ifr->ifr_hwaddr.sa_data)));
		break;
	case SIOCGIFMTU:
		ifr->ifr_mtu = (int)dev->mtu;
		break;
	default:
		ifr->ifr_flags = (short)dev_get_flags(dev);
		break;
	}
	return 0;
}

static int __sys_ioctl(struct node *node, int pid, int fd, unsigned long request, void *arg)
{
	struct net *net = node_sock_net(node);
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	return dev_ioctl(net, request, arg);
}

static int sock_poll(struct node *node, int pid, int fd, struct sim_wait *wait)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	if (wait)
		sock_wq_add(&sock->wq, wait);
	return (int)sock->ops->poll(sock);
}

static int sock_timeo(struct node *node, int pid, int fd, bool rcv, sim_time_t *out)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup_node(node, pid, fd, &err);
	if (!sock)
		return err;
	*out = rcv ? sock_rcvtimeo(sock->sk, false) : sock_sndtimeo(sock->sk);
	return 0;
}

/* do_exit -> exit_files: the process's sockets close in the order they were made */
static void exit_files(struct node *node, int pid)
{
	struct net *net = node_sock_net(node);
	struct socket *sock, *n;

	if (!net)
		return;
	list_for_each_entry_safe(sock, n, &net->files->all, file_list)
		if (sock->pid == pid)
			sock_release(net, sock);
}

const struct sim_socket_ops sock_syscall_ops = {
	.socket = __sys_socket,
	.bind = __sys_bind,
	.connect = __sys_connect,
	.sendmsg = __sys_sendmsg,
	.recvmsg = __sys_recvmsg,
	.setsockopt = __sys_setsockopt,
	.getsockopt = __sys_getsockopt,
	.getsockname = __sys_getsockname,
	.getpeername = __sys_getpeername,
	.close = __close_fd,
	.ioctl = __sys_ioctl,
	.poll = sock_poll,
	.unwait = sock_unwait,
	.timeo = sock_timeo,
	.exit_files = exit_files,
};
