#!/usr/bin/env bash
# tests/kernel/icmp_ratelimit.sh - tests/scenarios/icmp_ratelimit.lua on
# the real kernel: namespaces h14h1, h14r1, h14h2 joined by veth pairs
# (IPv6 off), then four runs of `ping -i 0.01 -c 200 -t 1 10.0.2.2` from
# h1 whose echoes all die at r1, with r1's ICMP rate limits at their
# defaults, with icmp_ratelimit=0, with icmp_ratelimit=0 and a small
# global budget (icmp_msgs_per_sec=10, icmp_msgs_burst=5), and with time
# exceeded taken out of icmp_ratemask; after each, the nstat deltas of r1
# and h1.  `icmp_ratelimit.sh N` repeats the whole thing N times and
# prints only the summary lines and counters, to see the spread of the
# global limiter (its credits are random, 0 to 2 a message).  Needs root,
# iproute2, iputils-ping.  Not run by CI; the scenario's expected output
# was compared with it (Linux 6.18, HZ=250; see the scenario's header).
set -euo pipefail
ns="h14h1 h14r1 h14h2"
tmp=$(mktemp -d /tmp/h14-icmp_ratelimit.XXXXXX)
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
nsx() { local n=$1; shift; NSTAT_HISTORY=$tmp/nstat.$n ip netns exec "$n" "$@"; }
show() { echo "${1#h14}\$ ${*:2}"; nsx "$@"; }
counters=(IpInHdrErrors IpForwDatagrams IpOutRequests IcmpOutTimeExcds IcmpInTimeExcds
	IcmpOutRateLimitGlobal IcmpOutRateLimitHost IcmpMsgOutType11 IcmpMsgInType11)

setup() {
	for n in $ns; do ip netns del "$n" 2>/dev/null || true; done
	for n in $ns; do
		ip netns add "$n"
		nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
	ip link add eth0 netns h14h1 type veth peer name eth0 netns h14r1
	ip link add eth1 netns h14r1 type veth peer name eth0 netns h14h2
	nsx h14h1 sh -c 'ip link set lo up; ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up
	                 ip route add default via 10.0.1.1'
	nsx h14r1 sh -c 'ip addr add 10.0.1.1/24 dev eth0; ip addr add 10.0.2.1/24 dev eth1
	                 ip link set eth0 up; ip link set eth1 up; sysctl -qw net.ipv4.ip_forward=1'
	nsx h14h2 sh -c 'ip link set lo up; ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 up
	                 ip route add default via 10.0.2.1'
	for n in $ns; do nsx "$n" nstat -n; done
}

# one run: r1's sysctls, the ping (-q unless the first argument is
# "loud"), the counters; then 7 s for the per-destination bucket (6
# tokens, 1 a second) to fill up again
run() {
	local quiet=-q
	[ "$1" = loud ] && { quiet=; shift; }
	show h14r1 sysctl -w "$@"
	nsx h14h1 ping $quiet -i 0.01 -c 200 -t 1 10.0.2.2 || true
	show h14r1 nstat "${counters[@]}"
	show h14h1 nstat "${counters[@]}"
	sleep 7
}

all() {
	setup
	sleep 1
	run loud net.ipv4.icmp_ratelimit=1000 net.ipv4.icmp_ratemask=6168
	run net.ipv4.icmp_ratelimit=0
	run net.ipv4.icmp_msgs_per_sec=10 net.ipv4.icmp_msgs_burst=5
	run net.ipv4.icmp_ratelimit=1000 net.ipv4.icmp_msgs_per_sec=1000 \
		net.ipv4.icmp_msgs_burst=50 net.ipv4.icmp_ratemask=4120
}

if [ $# -eq 0 ]; then
	all
else
	for i in $(seq "$1"); do
		echo "== run $i"
		all 2>&1 | grep -E 'icmp_seq|packets transmitted|^Icmp(OutRateLimit|OutTimeExcds)'
	done
fi
