#!/usr/bin/env bash
# tests/kernel/route_types.sh - tests/scenarios/route_types.lua on the real
# kernel (namespaces th1, tr1 over a veth pair; IPv6 off so that nstat
# shows only what the scenario does).  Needs root, iproute2, iputils-ping.
# Not run by CI; its output equals the scenario's apart from ping's timing
# prefixes (Linux 6.18, iproute2 6.1, iputils 20221126).
set -u
for n in th1 tr1; do ip netns del $n 2>/dev/null; ip netns add $n; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip link add eth0 netns th1 type veth peer name eth0 netns tr1
ip -n th1 addr add 10.0.1.2/24 dev eth0; ip -n th1 link set eth0 up; ip -n th1 route add default via 10.0.1.1
ip -n tr1 addr add 10.0.1.1/24 dev eth0; ip -n tr1 link set eth0 up; ip netns exec tr1 sysctl -qw net.ipv4.ip_forward=1
ip -n tr1 route add unreachable 10.9.1.0/24; ip -n tr1 route add prohibit 10.9.2.0/24; ip -n tr1 route add blackhole 10.9.3.0/24
for n in th1 tr1; do NSTAT_HISTORY=/tmp/rt.$n ip netns exec $n nstat -n; done
for d in 10.9.1.1 10.9.2.1 10.9.3.1; do ip netns exec th1 ping -c 1 -W 1 $d; done
for d in 10.9.1.1 10.9.2.1 10.9.3.1; do ip netns exec tr1 ping -c 1 -W 1 $d; done
ip -n tr1 route show
for d in 10.9.1.1 10.9.2.1 10.9.3.1; do ip -n tr1 route get $d; done
for n in tr1 th1; do NSTAT_HISTORY=/tmp/rt.$n ip netns exec $n nstat; done
for n in th1 tr1; do ip netns del $n; done; rm -f /tmp/rt.th1 /tmp/rt.tr1
