SELECT walk, skb, summary FROM walks ORDER BY walk;
-- the bridge's functions: flood clones are new skbs one level under the frame
SELECT w.walk, w.skb, w.parent, w.depth, n.name, w.function, w.device, w.detail
  FROM walk w JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('br_handle_frame', 'br_handle_frame_finish', 'br_flood', 'deliver_clone',
                       'br_forward', 'br_pass_frame_up', 'arp_rcv')
  ORDER BY w.seq;
