.mode list
-- as Linux 6.18's skb:kfree_skb gives them (tests/kernel/route_rpfilter.py)
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
