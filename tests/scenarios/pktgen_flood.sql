.mode list
SELECT node, name, value FROM counters_final
  WHERE scope = 'eth0' AND name IN ('tx_packets', 'tx_bytes', 'rx_packets', 'rx_bytes',
                                    'rx_nohandler', 'rx_missed_errors')
  ORDER BY node, name;
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
