.mode list
PRAGMA user_version;
SELECT name, seed, hz, sim_ns, complete, exit_status, error IS NULL FROM run;
SELECT name, value FROM args ORDER BY name;
SELECT id, name, kind, cpus FROM nodes ORDER BY id;
SELECT t_ns, scope, name, value, final FROM counters WHERE node_id = 0 AND scope = 'Stat' ORDER BY t_ns, scope, name;
SELECT node_id, scope, count(*) FROM counters WHERE final = 1 GROUP BY node_id, scope ORDER BY node_id, scope;
SELECT node_id, ifindex, name, kind, mac, mtu FROM interfaces ORDER BY node_id, ifindex;
SELECT node_id, pid, cmdline, kind, start_ns, end_ns, exit_status, state FROM processes ORDER BY node_id, pid;
SELECT t_ns, node_id, pid, line FROM process_output ORDER BY seq;
SELECT count(*) FROM wall WHERE key = 'wall_s';
