.mode list
SELECT n.name, c.name, c.value FROM counters c JOIN nodes n ON n.id = c.node_id
 WHERE c.final = 1 AND c.scope = 'cable.eth0' AND c.name IN ('duplicated', 'reordered')
 ORDER BY n.name, c.rowid;
