.mode list
-- the reasons and functions Linux 6.18's skb:kfree_skb tracepoint gives
-- (tests/kernel/ip_frag.sh): the echoes too big for r1's eth1, then the
-- two lone fragments at ipfrag_time (fragment 0 freed by ip_expire after
-- the ICMP error, the other by the queue's purge)
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
