.mode list
SELECT n.name, c.scope, c.name, c.value FROM counters c JOIN nodes n ON n.id = c.node_id
 WHERE c.final = 1 AND c.scope = 'cable.eth0' ORDER BY n.name, c.rowid;
SELECT t_ns, name, value FROM counters
 WHERE final = 0 AND scope = 'cable.eth0' AND node_id = (SELECT id FROM nodes WHERE name = 'a')
   AND name IN ('duplicated', 'corrupted', 'lost_link') AND t_ns <= 200000000
 ORDER BY t_ns, rowid;
SELECT count(*) FROM drops WHERE reason = 'NOT_SPECIFIED' AND function = 'simnic_frame_bad_fcs';
