#!/usr/bin/env bash
# SIGINT ends a long run cleanly: exit 130, one line on stderr, metrics.db
# intact (integrity_check) and marked incomplete with the simulated time
# reached; a later complete run replaces it.
source "$(dirname "$0")/lib.sh"

long=$(scenario long <<'LUA'
local net = skbsim.network{ name = "long" }
net:metrics{ interval = "1ms" }
net:host("h1"):spawn(function()
  while true do skbsim.sleep("1us") end
end, { name = "spinner" })
print("started")
net:run("100000s")
LUA
)
"$SKBSIM" run "$long" --out "$work/o" > "$work/out" 2> "$work/err" &
pid=$!
for _ in $(seq 50); do grep -q started "$work/out" 2>/dev/null && break; sleep 0.1; done
sleep 1
kill -INT $pid
wait $pid
rc=$?
db="$work/o/metrics.db"
check "interrupted run exits 130" test "$rc" = 130
check "says where it stopped" grep -q 'interrupted at t=' "$work/err"
check "stderr is one line" test "$(wc -l < "$work/err")" = 1
check "metrics.db is intact" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
check "run is marked incomplete" test "$(sqlite3 "$db" 'select complete, exit_status from run')" = "0|130"
check "simulated time reached is recorded" test "$(sqlite3 "$db" 'select sim_ns > 0 from run')" = 1
check "samples up to the interrupt are kept" test "$(sqlite3 "$db" 'select count(*) > 10 from counters')" = 1
check "the spinner is recorded as running" test "$(sqlite3 "$db" 'select state from processes')" = running

short=$(scenario short <<< 'local net = skbsim.network{ name = "long" }
net:run(1)')
"$SKBSIM" run "$short" --out "$work/o" >/dev/null 2>&1
check "a later run replaces the incomplete database" test "$(sqlite3 "$db" 'select complete from run')" = 1
finish
