#!/usr/bin/env bash
# tests/kernel/router.sh - topologies/examples/router.lua on the real
# kernel: namespaces h1, r1, h2 joined by veth pairs (no rate or delay:
# this machine has no sch_netem, so only the ping times differ), the same
# commands, the same ping, then the same ip and nstat output.  Needs root,
# iproute2 and iputils-ping.  Not run by CI; the example's expected output
# (tests/scenarios/examples/router.stdout) was compared with it.
set -euo pipefail
# nstat keeps one history file per user: each namespace gets its own here
ns="h1 r1 h2"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for n in $ns; do ip netns add "$n"; done
ip link add eth0 netns h1 type veth peer name eth0 netns r1
ip link add eth1 netns r1 type veth peer name eth0 netns h2
nsx() { local n=$1; shift; NSTAT_HISTORY=/tmp/skbsim-nstat.$n ip netns exec "$n" "$@"; }
nsx h1 sh -c 'ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up; ip route add default via 10.0.1.1'
nsx r1 sh -c 'ip addr add 10.0.1.1/24 dev eth0; ip addr add 10.0.2.1/24 dev eth1
             ip link set eth0 up; ip link set eth1 up; sysctl -qw net.ipv4.ip_forward=1'
nsx h2 sh -c 'ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 up; ip route add default via 10.0.2.1'
for n in $ns; do nsx "$n" nstat -n; done
sleep 1
nsx h1 ping -c 3 10.0.2.2
sleep 2     # the simulated run prints at 5 s, ping starting at 1 s
show() { echo "$1\$ ${*:2}"; nsx "$@"; }
for n in $ns; do show "$n" ip neigh show; done
show h1 ip route show
show r1 ip -4 -br addr
for n in $ns; do
	show "$n" nstat IpInReceives IpForwDatagrams IpInDelivers IpOutRequests \
		IcmpInEchos IcmpOutEchos IcmpInEchoReps IcmpOutEchoReps
done
rm -f /tmp/skbsim-nstat.*
