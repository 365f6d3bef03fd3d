-- the walk's heading, and its lines per node
SELECT walk, skb, summary FROM walks;
SELECT n.name, COUNT(*) FROM walk w JOIN nodes n ON n.id = w.node_id GROUP BY n.name ORDER BY n.name;
-- the decisions a student looks for
SELECT w.seq, n.name, w.function, w.device, w.detail FROM walk w JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('arp_solicit', 'neigh_update', 'fib_lookup', 'ip_forward', 'icmp_echo',
                       'consume_skb', 'kfree_skb_reason')
  ORDER BY w.seq;
-- one skb per node: the wire copies link to the skb they were made from
SELECT skb, parent, MIN(seq), MAX(seq) FROM walk GROUP BY skb, parent ORDER BY skb;
