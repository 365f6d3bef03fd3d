#!/usr/bin/env bash
# tests/kernel/bridge_vlan.sh - tests/scenarios/bridge_vlan.lua on the real
# kernel: two bridges sw1, sw2 (namespaces hvlansw1, hvlansw2, br0 with
# vlan_filtering 1) joined by a trunk (sw1 eth3 <-> sw2 eth0, vids 10 and
# 20 on sw1's end, 10-19 on sw2's), hosts h1, h2 on access ports of vid 10
# and h3 on vid 20 of sw1, h4 on vid 10 of sw2; the same MACs and addresses
# as the scenario.  Prints `bridge vlan show`, `bridge -c vlan show`, the
# pings h1 -> h2, h1 -> h4, h1 -> h3, h3 -> h4, `bridge fdb show`, and
# saves pcaps of sw1's trunk port and of h3 (tshark -V shows "802.1Q
# Virtual LAN, PRI: 0, DEI: 0, ID: 10" on the trunk; h3 gets nothing of
# vid 10).  Compare with the scenario's .stdout and .tshark files (times,
# ping ids, the kernel's "self" multicast rows and IPv6 frames aside).
#
# Needs root, a kernel with CONFIG_BRIDGE_VLAN_FILTERING (the 6.18 build
# these tests were written on has none: `ip link set br0 type bridge
# vlan_filtering 1` answers "Operation not supported" there), iproute2,
# tcpdump, iputils-ping.  Not run by CI.
set -uo pipefail
ns="hvlansw1 hvlansw2 hvlanh1 hvlanh2 hvlanh3 hvlanh4"
out=${1:-/tmp/hvlan_kernel}
mkdir -p "$out"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	nsx "$n" ip link set lo up
done
# veth NAME_A in A <-> NAME_B in B
pair() { ip link add "$2" netns "hvlan$1" type veth peer name "$4" netns "hvlan$3"; }
pair h1 eth0 sw1 eth0
pair h2 eth0 sw1 eth1
pair h3 eth0 sw1 eth2
pair sw1 eth3 sw2 eth0
pair h4 eth0 sw2 eth1

nsx hvlansw1 ip link add br0 type bridge vlan_filtering 1 || {
	echo "this kernel has no bridge VLAN filtering" >&2; exit 1; }
nsx hvlansw2 ip link add br0 type bridge vlan_filtering 1
for p in 0 1 2 3; do
	nsx hvlansw1 ip link set eth$p address 02:00:00:00:10:0$((p + 1))
	nsx hvlansw1 ip link set eth$p master br0
	nsx hvlansw1 ip link set eth$p up
done
for p in 0 1; do
	nsx hvlansw2 ip link set eth$p address 02:00:00:00:20:0$((p + 1))
	nsx hvlansw2 ip link set eth$p master br0
	nsx hvlansw2 ip link set eth$p up
done
nsx hvlansw1 ip link set br0 up
nsx hvlansw2 ip link set br0 up
nsx hvlansw1 sh -c '
	bridge vlan add dev eth0 vid 10 pvid untagged
	bridge vlan del dev eth0 vid 1
	bridge vlan add dev eth1 vid 10 pvid untagged
	bridge vlan del dev eth1 vid 1
	bridge vlan add dev eth2 vid 20 pvid untagged
	bridge vlan del dev eth2 vid 1
	bridge vlan add dev eth3 vid 10
	bridge vlan add dev eth3 vid 20'
nsx hvlansw2 sh -c '
	bridge vlan add dev eth0 vid 10-19
	bridge vlan add dev eth1 vid 10 pvid untagged
	bridge vlan del dev eth1 vid 1'
for i in 1 2 3 4; do
	nsx hvlanh$i ip link set eth0 address 02:00:00:00:00:0$i
	nsx hvlanh$i ip addr add 10.0.10.$i/24 dev eth0
	nsx hvlanh$i ip link set eth0 up
done

nsx hvlansw1 tcpdump -i eth3 -w "$out/sw1-eth3.pcap" -U 2>/dev/null & t1=$!
nsx hvlanh3 tcpdump -i eth0 -w "$out/h3-eth0.pcap" -U 2>/dev/null & t2=$!
sleep 1

echo "sw1\$ bridge vlan show"; nsx hvlansw1 bridge vlan show
echo "sw2\$ bridge -c vlan show"; nsx hvlansw2 bridge -c vlan show
echo "sw2\$ bridge vlan show dev eth0 vid 15"; nsx hvlansw2 bridge vlan show dev eth0 vid 15
nsx hvlanh1 ping -c 2 10.0.10.2
nsx hvlanh1 ping -c 1 10.0.10.4
nsx hvlanh1 ping -c 1 -W 1 10.0.10.3
nsx hvlanh3 ping -c 1 -W 1 10.0.10.4
sleep 3
echo "sw1\$ bridge fdb show br br0"; nsx hvlansw1 bridge fdb show br br0
echo "sw2\$ bridge fdb show vlan 10"; nsx hvlansw2 bridge fdb show vlan 10
echo "sw1\$ bridge link show"; nsx hvlansw1 bridge link show
kill $t1 $t2; wait
for p in sw1-eth3 h3-eth0; do
	echo "== $p"; tshark -n -r "$out/$p.pcap" 2>/dev/null
done
tshark -n -r "$out/sw1-eth3.pcap" -V 2>/dev/null | grep "802.1Q Virtual LAN" | sort | uniq -c
