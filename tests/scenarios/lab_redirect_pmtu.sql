.mode list
-- r121 drops what it cannot forward: the two DF datagrams larger than
-- eth1's MTU (ping's and tracepath's, after the frag needed) and
-- tracepath's TTL 1 probes (after the time exceeded); h2 has no socket for
-- tracepath's last probe (port unreachable)
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
-- the walks on r121 (net:walk): part 1's first echo request is forwarded
-- back out of eth0 with a redirect (type 5 code 1); part 2's DF echo is
-- too big for eth1: frag needed (type 3 code 4), then the drop
SELECT w.walk, w.t_ns, w.function, w.device, w.detail FROM walk w
  JOIN nodes n ON n.id = w.node_id
  WHERE n.name = 'r121' AND w.function IN ('fib_lookup', '__mkroute_input', 'ip_forward',
                                            'icmp_send', 'kfree_skb_reason')
  ORDER BY w.seq;
