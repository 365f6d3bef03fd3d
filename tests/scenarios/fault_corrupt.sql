SELECT reason, drops FROM drops_by_reason;
SELECT n.name, c.name, c.value FROM counters c JOIN nodes n ON n.id = c.node_id
 WHERE c.final = 1 AND c.scope = 'cable.eth0' AND c.name = 'corrupted' ORDER BY n.name;
