/*
 * models/core/datagram.c - what datagram sockets share (net/core/datagram.c)
 *
 * Copying between a message's iovecs and a buffer (memcpy_from_msg and
 * memcpy_to_msg, the kernel's iov_iter helpers for one linear skb) and
 * taking the next datagram off a receive queue (skb_recv_datagram), and
 * what poll() says of a datagram socket (datagram_poll).
 * Used by UDP, raw, ping and packet sockets.
 */
#include "net/sock.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <glib.h>

#ifndef POLLRDHUP
#define POLLRDHUP 0x2000	/* Linux's value; glibc shows it only with _GNU_SOURCE */
#endif

size_t memcpy_from_msg(void *data, const struct msghdr *msg, size_t len)
{
	size_t off = 0;

	for (size_t i = 0; i < msg->msg_iovlen && off < len; i++) {
		size_t n = MIN(msg->msg_iov[i].iov_len, len - off);

		memcpy((u8 *)data + off, msg->msg_iov[i].iov_base, n);
		off += n;
	}
	return off;
}

size_t memcpy_to_msg(struct msghdr *msg, const void *data, size_t len)
{
	size_t off = 0;

	for (size_t i = 0; i < msg->msg_iovlen && off < len; i++) {
		size_t n = MIN(msg->msg_iov[i].iov_len, len - off);

		memcpy(msg->msg_iov[i].iov_base, (const u8 *)data + off, n);
		off += n;
	}
	return off;
}

struct sk_buff *skb_recv_datagram(struct sock *sk, int *err)
{
	struct sk_buff *skb;

	if (sk->sk_err) {
		*err = sock_error(sk);
		return NULL;
	}
	skb = skb_peek(&sk->sk_receive_queue);
	if (!skb)
		*err = sk->sk_shutdown & RCV_SHUTDOWN ? 0 : -EAGAIN;
	return skb;
}

/* datagram_poll: the POLL* mask of a datagram socket */
unsigned int datagram_poll_mask(struct sock *sk)
{
	unsigned int mask = 0;

	if (sk->sk_err || !sk_error_queue_empty(sk))
		mask |= POLLERR;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= POLLIN | POLLRDNORM;
	if (sock_writeable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}
