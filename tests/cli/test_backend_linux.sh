#!/usr/bin/env bash
# skbsim run --backend=linux: the refusal without root (simulated with
# SKBSIM_LINUX_NOROOT=1, so it is checked everywhere), option errors, and
# `skbsim diff`'s exit statuses.  With root and network namespaces, a tiny
# scenario runs on the real kernel: process output, pcaps, metrics.db,
# "skipped:" lines, a diff against the simulator that matches, SIGINT and
# the removal of an earlier run's leftovers; no namespace of ours stays.
source "$(dirname "$0")/lib.sh"

ok=$(scenario ok <<< 'local net = skbsim.network{}')

check "no root: exit 2" expect_exit 2 env SKBSIM_LINUX_NOROOT=1 "$SKBSIM" run --backend=linux "$ok"
check "... with one line saying why" \
	test "$(cat "$work/err")" = "skbsim: --backend=linux needs root and network namespaces"
check "... before the scenario runs (no outputs)" test ! -e out/ok
check "--backend=sim is the simulator" expect_exit 0 "$SKBSIM" run --backend=sim "$ok" --out "$work/s"
check "an unknown backend is usage" expect_exit 2 "$SKBSIM" run --backend=bsd "$ok"
check "... and says so" grep -q -- '--backend is sim or linux' "$work/err"
check "diff needs two directories" expect_exit 2 "$SKBSIM" diff "$work/s"
check "diff of a run with itself matches" expect_exit 0 "$SKBSIM" diff "$work/s" "$work/s"
check "... and says so" grep -qx match "$work/out"
check "diff of a missing directory is an error" expect_exit 2 "$SKBSIM" diff "$work/s" "$work/nope"

if [ "$(id -u)" != 0 ] || [ ! -e /proc/self/ns/net ] || ! command -v ip >/dev/null ||
   ! command -v ping >/dev/null || ! command -v tcpdump >/dev/null ||
   ! unshare --net true 2>/dev/null; then
	echo "skip the real-kernel part: needs root, network namespaces, ip, ping, tcpdump"
	finish
	exit $?
fi

pair=$(scenario pair <<'EOF'
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "pair", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
local a, b = net:link(h1, h2, { mtu = 1400 })
print(a, b)
h1:sh("ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up")
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
io.write(h1:sh("ip -br link show dev eth0"):match("mtu") or "", h1:sh("cat /proc/sys/net/ipv4/ip_forward"))
net:capture()
h1:spawn("ping -c 2 -i 0.2 10.0.0.2", { at = "0.5s" })
net:run("1.5s")
local out, status = h1:sh("ip link show eth9", { check = false })
print("status", status)
EOF
)
lx=$work/lx
# Other runs may be going on: a namespace "sk<pid>-..." is ours to worry
# about only when its skbsim is gone.
no_orphan_ns() {
	local ns pid
	for ns in $(ip netns list | awk '{print $1}'); do
		[[ $ns =~ ^sk([0-9]+)- ]] || continue
		pid=${BASH_REMATCH[1]}
		[ "$pid" = 999999 ] && continue
		kill -0 "$pid" 2>/dev/null || { echo "  orphan namespace $ns"; return 1; }
	done
}
check "a scenario runs on the kernel" expect_exit 0 "$SKBSIM" run --backend=linux "$pair" --out "$lx"
check "... net:link names ethN as the simulator" grep -qx $'eth0\teth0' "$work/out"
check "... a host does not forward" grep -qx 0 "$work/out"
check "... ping's lines carry time, node and program" \
	grep -qE '^\[ +0\.[0-9]{9}\] h1 ping: 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64' "$work/out"
check "... node:sh{check=false} returns the status" grep -qx $'status\t1' "$work/out"
check "... pcaps for every interface" test -s "$lx/pcap/h1-eth0.pcap" -a -s "$lx/pcap/h2-eth0.pcap"
check "... with nanosecond time stamps" \
	bash -c "[ \"\$(head -c4 '$lx/pcap/h1-eth0.pcap' | od -An -tx1 | tr -d ' ')\" = 4d3cb2a1 ]"
check "... metrics.db has the output" \
	bash -c "sqlite3 '$lx/metrics.db' \"select count(*) from node_output where line like '64 bytes%'\" | grep -qx 2"
check "... and the kernel's counters" \
	bash -c "sqlite3 '$lx/metrics.db' \"select value from counters_final where node='h1' and scope='Icmp' and name='InEchoReps'\" | grep -qx 2"
check "... and the run as complete" \
	bash -c "sqlite3 '$lx/metrics.db' 'select complete from run' | grep -qx 1"
check "... and no namespace stays" no_orphan_ns
check "the simulator runs it too" expect_exit 0 "$SKBSIM" run "$pair" --out "$work/sim" --quiet
check "skbsim diff: the two runs match" \
	expect_exit 0 "$SKBSIM" diff --renumber ip.id,icmp.id --ignore 'frame.padding,*_bytes,lo.*' \
		"$work/sim" "$lx"
check "... without the normalisation the ICMP id differs" \
	expect_exit 1 "$SKBSIM" diff --ignore 'frame.padding,*_bytes,lo.*' "$work/sim" "$lx"
check "... named as a packet field" grep -q '^packet: h1-eth0.pcap frame [0-9]*: ' "$work/out"

skip=$(scenario skip <<'EOF'
local net = skbsim.network{ name = "skip" }
local h1, h2 = net:host("h1", { cpus = 2 }), net:host("h2")
net:link(h1, h2, { nic = { queues = 4 } })
h1:spawn(function() end)
h1:inject("eth0", "x")
net:run("0.1s")
EOF
)
check "unmappable features run" expect_exit 0 "$SKBSIM" run --backend=linux "$skip" --out "$work/k"
for what in 'h1: cpus=' 'net:link nic=' 'node:spawn(function)' 'node:inject'; do
	check "... and say skipped: $what" bash -c "grep '^skipped: ' '$work/err' | grep -qF '$what'"
done

bad=$(scenario bad <<'EOF'
local net = skbsim.network{ name = "bad" }
local h1 = net:host("h1")
h1:sh("ip link set eth7 up")
EOF
)
check "a failing sh line is the scenario's error" expect_exit 1 "$SKBSIM" run --backend=linux "$bad" --out "$work/b"
check "... naming the script line and the tool's message" \
	grep -qx 'bad.lua:3: h1: sh line 1: Cannot find device "eth7"' <(sed 's|.*/||' "$work/err")
check "... and the namespace is gone" no_orphan_ns

long=$(scenario long <<'EOF'
local net = skbsim.network{ name = "long" }
local h1 = net:host("h1")
h1:spawn("sleep 101")
net:run("60s")
EOF
)
ip netns add sk999999-left
"$SKBSIM" run --backend=linux "$long" --out "$work/l" >"$work/out" 2>"$work/err" &
pid=$!
sleep 1.5
check "an earlier run's leftovers are removed" bash -c "! ip netns list | grep -q '^sk999999-left'"
check "... and said" grep -q 'removing namespace sk999999-left' "$work/err"
check "the run's namespace exists while it runs" bash -c "ip netns list | grep -q '^sk$pid-h1'"
kill -INT $pid
wait $pid
rc=$?
check "SIGINT ends it with 130" test $rc = 130
check "... and removes its namespaces" bash -c "! ip netns list | grep -q '^sk$pid-'"
check "... and its processes" bash -c "! pgrep -fx 'sleep 101' >/dev/null"
ip netns del sk999999-left 2>/dev/null
finish
