#!/usr/bin/env bash
# tests/kernel/tools.sh - the programs of tests/scenarios/tools_*.lua on the
# real kernel, to compare their output layout line by line.
#   bash tests/kernel/tools.sh             # the real outputs, per command
#   bash tests/kernel/tools.sh compare BUILD/skbsim
#                                          # diff of real vs skbsim, times masked
# The scenarios' path in namespaces htools-{h1,r1,r2,r3,h2}: h1 10.0.1.2 --
# r1 -- r2 -- r3 -- 10.0.4.2 h2, r2 -- r3 with a 1400-byte MTU, r2 with
# unreachable 10.0.5.0/24 and prohibit 10.0.6.0/24 routes, r3 with a
# blackhole for 10.0.9.0/24; h1 and r1 with the scenarios' MACs.
#   bash tests/kernel/tools.sh nciperf     # nc -u and iperf -u on that path
# prints what tools_nc.lua and tools_iperf.lua run (the same commands, h2
# as nc's listener, r2 as iperf's server; veths have no rate, so only the 10 Mbit/s iperf run is
# comparable: the loss figures at 200 Mbit/s are the model's).
# Expected differences: times; Linux's ICMP rate limits (ip_error's token
# bucket and icmp_ratelimit) suppress some of r2's errors, so a real run
# may show "*" where the model prints !H / !X or a hop; tracepath's "back
# N" (Linux gives the IP_TTL of the error; the model's error queue does
# not yet); service names in nc -v without -n.
# Needs root, traceroute 2.1, iputils-tracepath/arping 20221126,
# netcat-openbsd, iperf 2.1.8.  Not run by CI.
set -uo pipefail
P=htools
nodes="h1 r1 r2 r3 h2"
cleanup() { for n in $nodes; do ip netns del "$P-$n" 2>/dev/null || true; done; }
trap cleanup EXIT

setup() {
	cleanup
	for n in $nodes; do
		ip netns add "$P-$n"
		ip -n "$P-$n" link set lo up
		ip netns exec "$P-$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	done
	link() {
		ip link add "$3" netns "$P-$1" type veth peer name "$4" netns "$P-$2"
		ip -n "$P-$1" link set "$3" up
		ip -n "$P-$2" link set "$4" up
	}
	link h1 r1 eth0 eth0
	link r1 r2 eth1 eth0
	link r2 r3 eth1 eth0
	link r3 h2 eth1 eth0
	ip -n $P-h1 link set eth0 address 02:00:00:00:01:02
	ip -n $P-r1 link set eth0 address 02:00:00:00:01:01
	ip -n $P-h1 addr add 10.0.1.2/24 dev eth0
	ip -n $P-h1 route add default via 10.0.1.1
	ip -n $P-r1 addr add 10.0.1.1/24 dev eth0
	ip -n $P-r1 addr add 10.0.2.1/24 dev eth1
	ip -n $P-r1 route add default via 10.0.2.2
	ip -n $P-r2 addr add 10.0.2.2/24 dev eth0
	ip -n $P-r2 addr add 10.0.3.1/24 dev eth1
	ip -n $P-r2 route add 10.0.1.0/24 via 10.0.2.1
	ip -n $P-r2 route add 10.0.4.0/24 via 10.0.3.2
	ip -n $P-r2 route add 10.0.9.0/24 via 10.0.3.2
	ip -n $P-r2 route add unreachable 10.0.5.0/24
	ip -n $P-r2 route add prohibit 10.0.6.0/24
	ip -n $P-r3 addr add 10.0.3.2/24 dev eth0
	ip -n $P-r3 addr add 10.0.4.1/24 dev eth1
	ip -n $P-r3 route add default via 10.0.3.1
	ip -n $P-r3 route add blackhole 10.0.9.0/24
	ip -n $P-h2 addr add 10.0.4.2/24 dev eth0
	ip -n $P-h2 route add default via 10.0.4.1
	ip -n $P-r2 link set eth1 mtu 1400
	ip -n $P-r3 link set eth0 mtu 1400
	for r in r1 r2 r3; do ip netns exec "$P-$r" sysctl -qw net.ipv4.ip_forward=1; done
}

# the commands of the scenarios, one output block each
commands() {
	grep -ho 'h1:spawn("[^"]*"' "$@" | sed 's/^h1:spawn("//; s/"$//'
}

real() {
	setup
	local here
	here=$(dirname "$0")/../scenarios
	while read -r cmd; do
		# arping without -c runs until ^C: the scenario kills it after 2.5 s
		case "$cmd" in
		"arping 10.0.1.1") ip netns exec $P-h1 timeout -s INT 2.5 $cmd >/tmp/htools_out 2>&1 ;;
		*) ip netns exec $P-h1 timeout 60 $cmd >/tmp/htools_out 2>&1 ;;
		esac
		echo "[status $?] $cmd"
		cat /tmp/htools_out
		sleep 1.2	# let ICMP rate-limit buckets refill
	done < <(commands "$here"/tools_traceroute.lua "$here"/tools_tracepath.lua \
		 "$here"/tools_arping.lua)
}

# skbsim's lines of the same runs, without the stamps, status lines last
sim() {
	local skbsim=$1 here
	here=$(dirname "$0")/../scenarios
	for t in tools_traceroute tools_tracepath tools_arping; do
		(cd "$here" && "$skbsim" run "$t.lua" --out "/tmp/htools_sim_$t") |
			sed -n 's/^\[ *[0-9.]*\] h1 [a-z]*: //p'
	done
}

nciperf() {
	setup
	printf 'one\ntwo\nthree\n' > /tmp/htools_lines
	ip netns exec $P-h2 timeout 6 nc -u -l -n -v 7000 > /tmp/htools_ncsrv 2>&1 &
	sleep 0.5
	ip netns exec $P-h1 nc -u -n -v -q 1 -p 40000 10.0.4.2 7000 < /tmp/htools_lines
	echo "[status $?]"
	ip netns exec $P-h1 nc -u -q 2 10.0.4.2 9 < /tmp/htools_lines
	echo "[status $?]"
	ip netns exec $P-h1 nc -u -w x 10.0.4.2 7; echo "[status $?]"
	wait
	echo "--- the listener:"; cat /tmp/htools_ncsrv; echo
	# r2 (10.0.2.2, the address of tools_iperf.lua's server): before the
	# 1400-byte link, so that 1400-byte datagrams need no fragments
	ip netns exec $P-r2 timeout 5 iperf -s -u -i 1 > /tmp/htools_iperf 2>&1 &
	sleep 0.5
	ip netns exec $P-h1 iperf -u -c 10.0.2.2 -b 10M -t 2 -l 1400; echo "[status $?]"
	wait
	echo "--- the server:"; cat /tmp/htools_iperf
}

mask() { sed -E 's/[0-9]+\.[0-9]+ ?ms/T ms/g; s/cache expires [0-9]+sec/cache/'; }

case "${1:-real}" in
real) real ;;
nciperf) nciperf ;;
compare)
	real | grep -v '^\[status' | mask > /tmp/htools_real.txt
	sim "$2" | mask > /tmp/htools_sim.txt
	diff -u /tmp/htools_real.txt /tmp/htools_sim.txt
	;;
esac
