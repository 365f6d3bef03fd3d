SELECT n.name, w.function, w.detail FROM walk w JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('fib_lookup', 'ip_error', 'icmp_send', 'kfree_skb_reason') ORDER BY w.seq;
SELECT n.name, d.reason, d.function FROM drops d JOIN nodes n ON n.id = d.node_id ORDER BY d.t_ns;
