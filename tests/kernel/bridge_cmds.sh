#!/usr/bin/env bash
# tests/kernel/bridge_cmds.sh - the commands of tests/scenarios/
# bridge_cmds.lua on the real kernel, printed the same way ("n$ CMD", its
# stdout, its stderr, "[status N]"), so the two outputs can be diffed:
#   bash tests/kernel/bridge_cmds.sh > /tmp/real.txt
#   diff tests/scenarios/bridge_cmds.stdout /tmp/real.txt
# Node n (namespace hvlann) with eth0..eth2 veths to a, b, c (hvlana,
# hvlanb, hvlanc); the scenario's MACs and addresses; a pings b after the
# ports are up.  Expected differences: timers and ages, ping times, the
# "self" rows of the devices' multicast lists, "vlan 1" rows and VLAN
# answers on a kernel without CONFIG_BRIDGE_VLAN_FILTERING, ifindexes.
# Needs root, iproute2 6.1, bridge-utils 1.7, iputils-ping.  Not run by CI.
set -uo pipefail
ns="hvlann hvlana hvlanb hvlanc"
cleanup() { for x in $ns; do ip netns del "$x" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for x in $ns; do
	ip netns add "$x"
	ip netns exec "$x" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done
ip link add eth0 netns hvlann type veth peer name eth0 netns hvlana
ip link add eth1 netns hvlann type veth peer name eth0 netns hvlanb
ip link add eth2 netns hvlann type veth peer name eth0 netns hvlanc
nx() { ip netns exec hvlann "$@"; }
nx ip link set eth0 address 02:00:00:00:00:10
nx ip link set eth1 address 02:00:00:00:00:11
nx ip link set eth2 address 02:00:00:00:00:12
ip netns exec hvlana sh -c 'ip link set eth0 address 02:00:00:00:00:0a;
	ip addr add 10.0.0.1/24 dev eth0; ip link set eth0 up'
ip netns exec hvlanb sh -c 'ip link set eth0 address 02:00:00:00:00:0b;
	ip addr add 10.0.0.2/24 dev eth0; ip link set eth0 up'

run() {
	echo "n\$ $*"
	nx sh -c "$*" >/tmp/hvlan_out 2>/tmp/hvlan_err
	local st=$?
	cat /tmp/hvlan_out /tmp/hvlan_err
	[ $st -ne 0 ] && echo "[status $st]"
}
# the scenario's commands, in its order; the pauses where it runs time
script=$(dirname "$0")/../scenarios/bridge_cmds.lua
grep -o -e 'run(n, "[^"]*")' -e 'net:run("[^"]*")' "$script" | while read -r line; do
	case $line in
	net:run*)
		if [ ! -e /tmp/hvlan_pinged ]; then
			sleep 1
			ip netns exec hvlana ping -c 1 10.0.0.2 | sed 's/^/[a ping] /'
			touch /tmp/hvlan_pinged
		fi
		sleep 1 ;;
	*)
		cmd=${line#run(n, \"}
		run "${cmd%\")}" ;;
	esac
done
rm -f /tmp/hvlan_pinged /tmp/hvlan_out /tmp/hvlan_err
