.mode list
-- sw2: h3's ARP requests (vid 20) reach sw2's end of the trunk, which
-- only carries 10-19; br_allowed_ingress refuses them, and the kernel
-- frees them with a plain kfree_skb (NOT_SPECIFIED).  sw1, sw2: the
-- broadcasts go up to br0 too (local_rcv), but br0 itself is only in
-- vid 1, so br_pass_frame_up's br_allowed_egress check drops them there,
-- also with kfree_skb.  h1, h3: the ARP requests nobody answered.
SELECT n.name, d.device, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.device, d.reason, d.function;
