#!/usr/bin/env bash
# tests/kernel/route_multipath.sh - tests/scenarios/route_multipath.lua on
# the real kernel: namespaces h24h, h24r, h24u1, h24u2 joined by veth
# pairs; r routes 198.51.100.0/24 over u1 (weight 1) and u2 (weight 2).
# Prints the scenario's `ip route show`/`get` lines, then counts the
# `via` of `ip route get 198.51.100.7 from S iif eth0` for 3000 sources
# S (the input path's hash, policy 0) - the split to compare with the
# scenario's tx_packets - and again with eth2 down.  Which source takes
# which uplink differs run to run (the hash key is random per namespace).
# Needs root and iproute2.  Not run by CI.
set -uo pipefail
ns="h24h h24r h24u1 h24u2"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add eth0 netns h24h type veth peer name eth0 netns h24r
ip link add eth1 netns h24r type veth peer name eth0 netns h24u1
ip link add eth2 netns h24r type veth peer name eth0 netns h24u2
nsx h24h sh -c 'ip link set eth0 up; ip addr add 10.0.0.2/24 dev eth0
                ip route add default via 10.0.0.1'
nsx h24r sh -c 'ip link set lo up; ip link set eth0 up; ip link set eth1 up; ip link set eth2 up
                ip addr add 10.0.0.1/24 dev eth0; ip addr add 10.0.1.1/24 dev eth1
                ip addr add 10.0.2.1/24 dev eth2; ip route add 10.1.0.0/16 via 10.0.0.2
                sysctl -qw net.ipv4.ip_forward=1'
nsx h24u1 sh -c 'ip link set eth0 up; ip addr add 10.0.1.2/24 dev eth0'
nsx h24u2 sh -c 'ip link set eth0 up; ip addr add 10.0.2.2/24 dev eth0'
sleep 0.2
run() { echo "r\$ $*"; nsx h24r "$@"; }
run ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 nexthop via 10.0.2.2 weight 2
run ip route show
run ip route show 198.51.100.0/24
run sysctl net.ipv4.fib_multipath_hash_policy net.ipv4.fib_multipath_use_neigh \
	net.ipv4.fib_multipath_hash_fields
for i in 1 2 3 4 5 6 7 8 1; do run ip route get 198.51.100.7 from 10.1.0.$i iif eth0; done
run ip route get 198.51.100.7
split() {
	for i in $(seq 0 2999); do
		echo "route get 198.51.100.7 from 10.1.$((i / 250)).$((i % 250 + 1)) iif eth0"
	done | nsx h24r ip -batch - | grep -o 'dev eth[12]' | sort | uniq -c
}
echo "== 3000 sources, weights 1:2"; split
run ip link set eth2 down
run ip route show 198.51.100.0/24
echo "== 3000 sources, eth2 down"; split
run ip link set eth2 up
sleep 0.2
run ip route show 198.51.100.0/24
