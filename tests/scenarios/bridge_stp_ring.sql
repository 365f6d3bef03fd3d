.mode list
-- topology change notifications, port by port: b2 (root port lost, then
-- eth1) and b3 (eth1 reaching forwarding) tell the root, each bridge on
-- the way acks and passes them on
SELECT n.name, substr(c.scope, 8), c.name, c.value FROM counters c
  JOIN nodes n ON n.id = c.node_id
  WHERE c.final = 1 AND c.scope LIKE 'brport.%' AND c.name IN ('rx_tcn', 'tx_tcn')
    AND c.value > 0
  ORDER BY n.name, c.scope, c.name;
-- the bridges' drops
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id WHERE n.name LIKE 'b%'
  ORDER BY n.name, d.reason, d.function;
