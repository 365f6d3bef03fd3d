#!/usr/bin/env bash
# --seed overrides the scenario's seed; NAME=VALUE reaches skbsim.args;
# --quiet silences process output; a different seed changes random draws.
source "$(dirname "$0")/lib.sh"

s=$(scenario args <<'LUA'
local net = skbsim.network{ name = "args", seed = 5 }
local keys = {}
for k, v in pairs(skbsim.args) do keys[#keys + 1] = k .. "=" .. v end
print("seed", net.seed, "args", table.concat(keys, ","), "r", math.random(1 << 30))
net:host("h1"):spawn(function() print("from a process") end)
net:run(1)
LUA
)
run() { "$SKBSIM" run "$s" --out "$work/o" "$@" 2>&1; }
check "scenario seed is used" bash -c "'$SKBSIM' run '$s' --out '$work/o' | grep -q '^seed	5	'"
check "--seed overrides it" bash -c "'$SKBSIM' run '$s' --out '$work/o' --seed 9 | grep -q '^seed	9	'"
check "--seed=N form" bash -c "'$SKBSIM' run '$s' --out '$work/o' --seed=11 | grep -q '^seed	11	'"
check "NAME=VALUE reaches skbsim.args" bash -c "'$SKBSIM' run '$s' --out '$work/o' b=2 a=x=y | grep -q 'args	a=x=y,b=2	'"
a=$(run --seed 1 | grep '^seed'); b=$(run --seed 1 | grep '^seed'); c=$(run --seed 2 | grep '^seed')
check "same seed, same random draws" test "$a" = "$b"
check "other seed, other random draws" test "${a##*r}" != "${c##*r}"
check "process output is shown" bash -c "'$SKBSIM' run '$s' --out '$work/o' | grep -q 'h1 lua: from a process'"
check "--quiet hides it" bash -c "! '$SKBSIM' run '$s' --out '$work/o' --quiet | grep -q 'from a process'"
check "--quiet still records it" bash -c "sqlite3 '$work/o/metrics.db' 'select line from process_output' | grep -q 'from a process'"
check "args are in metrics.db" bash -c "'$SKBSIM' run '$s' --out '$work/o' k=v >/dev/null && test \"\$(sqlite3 '$work/o/metrics.db' 'select name, value from args')\" = 'k|v'"
finish
