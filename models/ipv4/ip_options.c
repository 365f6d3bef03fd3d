/*
 * models/ipv4/ip_options.c - IPv4 options
 *
 * Mirrors net/ipv4/ip_options.c.  PROVISIONAL: this version only checks
 * that the options are well formed (lengths, end of list) and notes
 * router alert; record route, timestamp and source route processing come
 * with the full implementation (tracked in the IPv4 issue).
 */
#include "net/ip.h"

#include "net/icmp.h"

int ip_options_compile(struct net *net, struct ip_options *opt, struct sk_buff *skb)
{
	const unsigned char *optptr = skb_network_header(skb) + sizeof(struct iphdr);
	int l = opt->optlen;

	(void)net;
	while (l > 0) {
		int optlen;

		if (*optptr == IPOPT_END)
			break;
		if (*optptr == IPOPT_NOOP) {
			l--;
			optptr++;
			continue;
		}
		if (l < 2)
			goto error;
		optlen = optptr[1];
		if (optlen < 2 || optlen > l)
			goto error;
		if (*optptr == IPOPT_RA && optlen == 4)
			opt->router_alert = (unsigned char)(optptr - skb_network_header(skb));
		if (*optptr == IPOPT_LSRR || *optptr == IPOPT_SSRR)
			opt->srr = (unsigned char)(optptr - skb_network_header(skb));
		l -= optlen;
		optptr += optlen;
	}
	return 0;
error:
	icmp_send(skb, ICMP_PARAMETERPROB, 0,
		  htonl((u32)(optptr - skb_network_header(skb)) << 24));
	return -EINVAL;
}

int ip_options_rcv_srr(struct sk_buff *skb, struct net_device *dev)
{
	(void)skb, (void)dev;
	return -EINVAL;		/* source routes are not followed yet */
}

void ip_forward_options(struct sk_buff *skb)
{
	(void)skb;
}
