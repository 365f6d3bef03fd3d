.mode list
SELECT n.name, c.scope, c.name, c.value FROM counters c JOIN nodes n ON n.id = c.node_id WHERE c.final = 1 AND c.scope LIKE 'brport.%' AND c.name IN ('forwarded', 'flooded') ORDER BY n.name, c.scope, c.name;
SELECT n.name, d.device, d.reason, d.function, d.count FROM drop_counts d JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.device, d.reason, d.function;
