.mode list
-- part 5: unres_qlen 3 (6270 bytes of truesize) holds seven echo
-- requests: the three oldest are pushed out (__neigh_event_send), the
-- seven left fail after h1's ICMP host unreachable (arp_error_report).
-- Part 4: m's two ports are sent h1's echo for h2's old MAC, flooded by
-- the bridge (h2 is down, the FDB forgot it): not for m (OTHERHOST).
-- Linux 6.18's skb:kfree_skb tracepoint gives the same NEIGH_* counts and
-- reasons, naming neigh_invalidate for the NEIGH_FAILED ones
-- (arp_error_report() ends in a tail call).
SELECT n.name, d.device, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.device, d.reason, d.function;
SELECT d.t_ns, n.name, d.reason FROM drops d JOIN nodes n ON n.id = d.node_id
  WHERE d.reason LIKE 'NEIGH%' ORDER BY d.t_ns, n.name;
-- the walk of part 1's echo request (net:walk): created NONE, queued in
-- arp_queue while INCOMPLETE, arp_solicit; 4 ms later the ARP reply's
-- neigh_update sends it on; the bridge knows h2; h2 answers it
SELECT w.walk, w.t_ns, n.name, w.function, w.detail FROM walk w
  JOIN nodes n ON n.id = w.node_id
  WHERE w.function IN ('ip_finish_output2', 'neigh_resolve_output', '__neigh_event_send',
                       'arp_solicit', 'neigh_update', 'neigh_connected_output',
                       'br_handle_frame_finish', 'icmp_echo')
  ORDER BY w.seq;
