/*
 * models/ipv4/ip_fragment.c - IPv4 fragmentation and reassembly
 *
 * Mirrors net/ipv4/ip_output.c's ip_do_fragment() and
 * net/ipv4/ip_fragment.c.  PROVISIONAL: packets that need fragmenting
 * are dropped and counted as FragFails, and fragments arriving for this
 * host as ReasmFails; the full implementation replaces this file.
 */
#include "net/ip.h"

int ip_do_fragment(struct net *net, struct sock *sk, struct sk_buff *skb,
		   int (*output)(struct net *, struct sock *, struct sk_buff *))
{
	(void)sk, (void)output;
	__IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
	return -EMSGSIZE;
}

int ip_defrag(struct net *net, struct sk_buff *skb, u32 user)
{
	(void)user;
	__IP_INC_STATS(net, IPSTATS_MIB_REASMREQDS);
	__IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
	return -ENOMEM;
}

int ipfrag_net_init(struct net *net, struct sim_err *err)
{
	(void)net, (void)err;
	return 0;
}

void ipfrag_net_exit(struct net *net)
{
	(void)net;
}
