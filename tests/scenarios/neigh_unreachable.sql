.mode list
-- what waited in arp_queue: on r1 seven echo requests pushed out by newer
-- ones (unres_qlen_bytes, __neigh_event_send), three on each node dropped
-- after their ICMP host unreachable when the entry failed.  Linux 6.18's
-- skb:kfree_skb tracepoint gives the same counts and reasons
-- (tests/kernel/neigh_unreachable.py) but names neigh_invalidate for the
-- NEIGH_FAILED ones: arp_error_report() ends in a tail call to
-- kfree_skb_reason(), so the return address is its caller's.
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id WHERE d.reason LIKE 'NEIGH%'
  ORDER BY n.name, d.reason, d.function;
-- each drop: from the fourth echo request on (10.6 s) each new one
-- pushes out the oldest; at 13.056 s (three probes) the last three fail
SELECT d.t_ns, n.name, d.device, d.reason, d.summary FROM drops d
  JOIN nodes n ON n.id = d.node_id WHERE d.reason LIKE 'NEIGH%'
  ORDER BY d.t_ns, n.name;
