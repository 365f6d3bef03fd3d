.mode list
SELECT sim_ns, complete, exit_status, error FROM run;
SELECT max(t_ns), count(*) FROM counters WHERE final = 1;
SELECT pid, state, exit_status FROM processes;
