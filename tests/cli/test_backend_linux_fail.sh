#!/usr/bin/env bash
# net:fail on --backend=linux: what the real kernel does without sch_netem.
# corrupt/duplicate/reorder are refused with the script's line.  A NIC
# reset of the far end (one veth end down, then up) gives the same ping
# lines on both backends (the pings of the outage wait for the neighbour
# and are answered when the link returns); a pulled cable (both ends down)
# is seen as DOWN on both ends and its pings are lost on Linux (an
# administratively down device takes its routes with it, unlike the
# simulator's pulled cable, which only drops the carrier); a node restart
# flushes its routes and re-runs its config function.
source "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -e /proc/self/ns/net ] || ! command -v ip >/dev/null ||
   ! command -v ping >/dev/null || ! command -v tcpdump >/dev/null ||
   ! unshare --net true 2>/dev/null; then
	echo "skip: needs root, network namespaces, ip, ping, tcpdump"
	finish
	exit $?
fi

reset=$(scenario reset <<'EOF'
local net = skbsim.network{ name = "reset", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
local a, b = net:link(h1, h2, { kind = "cable" })
h1:sh("ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up")
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
-- h2's end goes down for 600ms (pings 3 to 5 fall in it)
net:fail(h2, b, { reset = true, at = "0.35s", for_ = "600ms" })
h1:spawn("ping -c 8 -i 0.2 10.0.0.2", { at = "50ms" })
net:at("0.6s", function()
  print("h1 eth0 " .. (h1:sh("ip link show dev eth0"):match("NO%-CARRIER") and "NO-CARRIER" or "carrier"))
end)
net:run("2s")
EOF
)
check "reset: the simulator runs it" expect_exit 0 "$SKBSIM" run "$reset" --out "$work/s1"
cp "$work/out" "$work/sim1"
check "reset: the kernel runs it" expect_exit 0 "$SKBSIM" run --backend=linux "$reset" --out "$work/l1"
cp "$work/out" "$work/lx1"
check "... h1 loses the carrier on both" bash -c "grep -qx 'h1 eth0 NO-CARRIER' '$work/sim1' &&
	grep -qx 'h1 eth0 NO-CARRIER' '$work/lx1'"
# the ping lines both backends must agree on: sequence, ttl, summary (not rtts)
check "... the same ping lines on both backends" \
	bash -c "diff <(sed -n 's/.* h1 ping: \(64 bytes.*ttl=[0-9]*\).*/\1/p; s/.* h1 ping: \([0-9]* packets transmitted, [0-9]* received\).*/\1/p' '$work/sim1') \
		      <(sed -n 's/.* h1 ping: \(64 bytes.*ttl=[0-9]*\).*/\1/p; s/.* h1 ping: \([0-9]* packets transmitted, [0-9]* received\).*/\1/p' '$work/lx1')"
check "... all eight answered" grep -q '8 packets transmitted, 8 received' "$work/lx1"

down=$(scenario down <<'EOF'
local net = skbsim.network{ name = "down", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
local a, b = net:link(h1, h2, { kind = "cable" })
h1:sh("ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up")
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
net:fail(h1, a, { down = true, at = "0.35s", for_ = "600ms" })
h1:spawn("ping -c 8 -i 0.2 10.0.0.2", { at = "50ms" })
local function state(when)
  for _, n in ipairs{ h1, h2 } do
    print(when .. " " .. n.name .. " " .. n:sh("ip -br link show dev eth0"):match("^%S+%s+(%S+)"))
  end
end
net:at("0.6s", function() state("during") end)
net:at("1.5s", function() state("after") end)
net:run("2s")
EOF
)
check "down: the kernel runs it" expect_exit 0 "$SKBSIM" run --backend=linux "$down" --out "$work/l2"
cp "$work/out" "$work/lx2"
check "... both veth ends DOWN during it" \
	bash -c "grep -qx 'during h1 DOWN' '$work/lx2' && grep -qx 'during h2 DOWN' '$work/lx2'"
check "... and UP after" bash -c "grep -qx 'after h1 UP' '$work/lx2' && grep -qx 'after h2 UP' '$work/lx2'"
# three pings fall in the outage (0.45, 0.65, 0.85 s); the real kernel runs
# in real time, so on a loaded machine the fault's edges can move by tens
# of milliseconds against ping's timer: one ping more or less may be lost
check "... the pings of the outage lost (no route while down)" \
	grep -Eq '8 packets transmitted, [4-6] received' "$work/lx2"

restart=$(scenario restart <<'EOF'
local net = skbsim.network{ name = "restart", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2)
local function boot()
  h1:sh("ip addr replace 10.0.0.1/24 dev eth0\nip link set eth0 up\nip route replace 10.9.0.0/16 via 10.0.0.2")
end
boot()
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
net:fail(h1, { restart = true, at = "0.2s", for_ = "300ms", config = boot })
net:at("0.3s", function() io.write("during:\n", h1:sh("ip route show 10.9.0.0/16")) end)
net:at("0.8s", function() io.write("after:\n", h1:sh("ip route show 10.9.0.0/16")) end)
net:run("1s")
EOF
)
check "restart: the kernel runs it" expect_exit 0 "$SKBSIM" run --backend=linux "$restart" --out "$work/l3"
check "... the route gone while restarting, back from config" \
	bash -c "tr '\n' '|' < '$work/out' | grep -q '^during:|after:|10.9.0.0/16 via 10.0.0.2 dev eth0'"

for kind in corrupt duplicate reorder; do
	bad=$(scenario "bad_$kind" <<EOF
local net = skbsim.network{}
local h1, h2 = net:host("h1"), net:host("h2")
local a = net:link(h1, h2, { kind = "cable" })
net:fail(h1, a, { $kind = 0.1 })
EOF
)
	check "$kind: refused" expect_exit 1 "$SKBSIM" run --backend=linux "$bad" --out "$work/l_$kind"
	check "... naming the script line and sch_netem" \
		grep -q "bad_$kind.lua:4: net:fail: $kind needs sch_netem, which this kernel does not have" "$work/err"
done
# the real kernel runs in real time: when a timing check fails, show what
# each backend printed, so a failure in CI can be read without a rerun
if [ "$failures" -gt 0 ]; then
	for f in sim1 lx1 lx2; do
		echo "--- $f"
		cat "$work/$f" 2>/dev/null
	done
fi
finish
