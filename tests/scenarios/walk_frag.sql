-- every skb of the walk, where it came from and how deep it is printed
SELECT w.skb, w.parent, w.depth, n.name, MIN(w.seq) FROM walk w JOIN nodes n ON n.id = w.node_id
  GROUP BY w.skb ORDER BY MIN(w.seq);
SELECT n.name, w.skb, w.function, w.detail FROM walk w JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('ip_do_fragment', 'ip_defrag', 'ip_frag_queue', 'ip_frag_reasm', 'icmp_rcv')
  ORDER BY w.seq;
