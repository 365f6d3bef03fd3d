.mode list
-- what each node counted by the end (counters_final), and that nothing
-- was dropped: no drop reasons at all for a clean ping
SELECT node, scope || '.' || name, value FROM counters_final
  WHERE (scope = 'Ip' AND name IN ('InReceives', 'ForwDatagrams', 'InDelivers', 'OutRequests'))
     OR (scope = 'Icmp' AND name IN ('InEchos', 'OutEchoReps', 'OutEchos', 'InEchoReps'))
     OR (scope = 'eth0' AND name IN ('rx_packets', 'tx_packets'))
  ORDER BY node, scope, name;
SELECT count(*) AS drops FROM drops;
