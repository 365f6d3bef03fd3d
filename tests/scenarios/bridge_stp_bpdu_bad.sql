.mode list
-- every damaged BPDU dropped once, with what was wrong with it
SELECT n.name, d.reason, d.function, d.count FROM drop_counts d
  JOIN nodes n ON n.id = d.node_id ORDER BY n.name, d.reason, d.function;
