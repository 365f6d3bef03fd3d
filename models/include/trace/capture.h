/*
 * models/include/trace/capture.h - where tcpdump and the annotated
 * captures see a packet
 *
 * No single kernel counterpart: the taps of net/core/dev.c (tcpdump's
 * view, dev_queue_xmit_nit on transmit and __netif_receive_skb_core on
 * receive) and, for the annotated pcapng files of net:capture{ annotate =
 * true }, drop_monitor's view of kfree_skb_reason().  Implemented in
 * models/core/capture.c.
 */
#ifndef _SKBSIM_TRACE_CAPTURE_H
#define _SKBSIM_TRACE_CAPTURE_H

#include "linux/skbuff.h"

struct net_device;

/* A frame leaving @dev (dev_queue_xmit_nit): skb->data is the MAC header. */
void skb_capture_tx(struct sk_buff *skb, struct net_device *dev);
/* A frame received on skb->dev (__netif_receive_skb_core, mac header set). */
void skb_capture_rx(struct sk_buff *skb);
/* A packet dropped with @reason in @func (only when w->capture_annotate). */
void skb_capture_drop(struct sk_buff *skb, enum skb_drop_reason reason, const char *func);

#endif
