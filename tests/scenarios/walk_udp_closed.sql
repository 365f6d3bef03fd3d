SELECT walk, skb, summary FROM walks ORDER BY walk;
SELECT w.walk, n.name, w.function, w.detail FROM walk w JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('udp_sendmsg', '__udp4_lib_rcv', 'icmp_send', 'kfree_skb_reason',
                       'icmp_rcv', 'icmp_socket_deliver', 'udp_queue_rcv_skb', 'consume_skb')
  ORDER BY w.seq;
