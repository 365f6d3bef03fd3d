.mode list
-- the same reasons and functions the real kernel's skb:kfree_skb
-- tracepoint gives for these frames (tests/kernel/ip_hdr_sanity.py)
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
