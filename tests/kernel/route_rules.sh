#!/usr/bin/env bash
# tests/kernel/route_rules.sh - tests/scenarios/route_rules.lua on the real
# kernel: namespaces h22h1, h22r1, h22u1, h22u2, h22s joined by veth pairs
# named as the scenario names its links (ip_forward on the routers,
# rp_filter off everywhere), the same commands through `ip netns exec`,
# and the same nstat deltas around the same pings (ping's own output is
# not printed).  Its output equals the scenario's stdout without the
# `ping:` lines:
#   tests/kernel/route_rules.sh > /tmp/real.out
#   grep -v ' ping: ' tests/scenarios/route_rules.stdout | diff - /tmp/real.out
# Needs root, iproute2, iputils-ping.  Not run by CI; compared on Linux
# 6.18 with iproute2 6.1.
set -u
P=h22
nodes="h1 r1 u1 u2 s"
cleanup() {
	for n in $nodes; do ip netns del $P$n 2>/dev/null || true; done
	rm -f /tmp/h22nstat.*
}
trap cleanup EXIT
for n in $nodes; do ip netns add $P$n; done
lk(){ ip link add h22tmpa netns $P$1 type veth peer name h22tmpb netns $P$3; ip -n $P$1 link set h22tmpa name $2; ip -n $P$3 link set h22tmpb name $4; }
lk h1 eth0 r1 eth0
lk r1 eth1 u1 eth0
lk r1 eth2 u2 eth0
lk u1 eth1 s eth0
lk u2 eth1 s eth1
for n in r1 u1 u2; do ip netns exec $P$n sysctl -qw net.ipv4.ip_forward=1; done
for n in $nodes; do ip netns exec $P$n sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0; done
x(){ n=$1; shift; NSTAT_HISTORY=/tmp/h22nstat.$n ip netns exec $P$n "$@"; }
run(){ n=$1; shift; echo "$n\$ $*"; x $n bash -c "$*" 2>&1; rc=$?; [ $rc -ne 0 ] && echo "[status $rc]"; }
x h1 ip link set lo up
x h1 ip addr add 10.0.1.2/24 dev eth0
x h1 ip link set eth0 up
x h1 ip route add default via 10.0.1.1
x r1 ip link set lo up
x r1 ip addr add 10.0.1.1/24 dev eth0
x r1 ip addr add 10.0.2.1/24 dev eth1
x r1 ip addr add 10.0.3.1/24 dev eth2
x r1 ip link set eth0 up
x r1 ip link set eth1 up
x r1 ip link set eth2 up
x r1 ip route add default via 10.0.2.2
x u1 ip link set lo up
x u1 ip addr add 10.0.2.2/24 dev eth0
x u1 ip addr add 10.0.4.1/24 dev eth1
x u1 ip link set eth0 up
x u1 ip link set eth1 up
x u1 ip route add 10.9.9.9/32 via 10.0.4.2
x u1 ip route add 10.0.0.0/8 via 10.0.2.1
x u2 ip link set lo up
x u2 ip addr add 10.0.3.2/24 dev eth0
x u2 ip addr add 10.0.5.1/24 dev eth1
x u2 ip link set eth0 up
x u2 ip link set eth1 up
x u2 ip route add 10.9.9.9/32 via 10.0.5.2
x u2 ip route add 10.0.0.0/8 via 10.0.3.1
x s ip link set lo up
x s ip addr add 10.9.9.9/32 dev lo
x s ip addr add 10.0.4.2/24 dev eth0
x s ip addr add 10.0.5.2/24 dev eth1
x s ip link set eth0 up
x s ip link set eth1 up
x s ip route add default via 10.0.4.1
sleep 2
run r1 'ip rule'
run r1 'ip route get 10.9.9.9'
run r1 'ip route get 10.0.1.1'
run r1 'ip route add default via 10.0.3.2 table 252'
run r1 'ip route add 10.0.1.0/24 dev eth0 table 252'
run r1 'ip rule add tos 0x04 table 252'
run r1 'ip rule show'
run r1 'ip route get 10.9.9.9 tos 0x04'
run r1 'ip route get 10.9.9.9'
run r1 'ip route get 10.9.9.9 tos 0x14'
run r1 'ip route get 10.9.9.9 from 10.0.1.2 iif eth0 tos 0x04'
run r1 'ip route get 10.9.9.9 from 10.0.1.2 iif eth0'
run r1 'ip route get 10.0.1.1'
x u1 nstat -n; x u2 nstat -n; echo 'h1$ ping -q -c 3 -i 0.2 -Q 0x04 10.9.9.9'; x h1 ping -q -c 3 -i 0.2 -Q 0x04 10.9.9.9 >/dev/null 2>&1; sleep 1; run u1 'nstat IpForwDatagrams'; run u2 'nstat IpForwDatagrams'
x u1 nstat -n; x u2 nstat -n; echo 'h1$ ping -q -c 3 -i 0.2 10.9.9.9'; x h1 ping -q -c 3 -i 0.2 10.9.9.9 >/dev/null 2>&1; sleep 1; run u1 'nstat IpForwDatagrams'; run u2 'nstat IpForwDatagrams'
run r1 'ip rule del tos 0x04 table 252'
run r1 'ip route add default via 10.0.2.2 table 1'
run r1 'ip route add default via 10.0.3.2 table 2'
run r1 'ip rule add from 10.0.2.1 table 1 pref 1000'
run r1 'ip rule add from 10.0.3.1 table 2 pref 1001'
run r1 'ip rule'
run r1 'ip route get 10.9.9.9 from 10.0.3.1'
run r1 'ip route get 10.9.9.9 from 10.0.2.1'
x u1 nstat -n; x u2 nstat -n; echo 'r1$ ping -q -c 2 -i 0.2 -I 10.0.3.1 10.9.9.9'; x r1 ping -q -c 2 -i 0.2 -I 10.0.3.1 10.9.9.9 >/dev/null 2>&1; sleep 1; run u1 'nstat IpForwDatagrams'; run u2 'nstat IpForwDatagrams'
x u1 nstat -n; x u2 nstat -n; echo 'r1$ ping -q -c 2 -i 0.2 -I 10.0.2.1 10.9.9.9'; x r1 ping -q -c 2 -i 0.2 -I 10.0.2.1 10.9.9.9 >/dev/null 2>&1; sleep 1; run u1 'nstat IpForwDatagrams'; run u2 'nstat IpForwDatagrams'
x u1 nstat -n; x u2 nstat -n; echo 'r1$ ping -q -c 2 -i 0.2 10.9.9.9'; x r1 ping -q -c 2 -i 0.2 10.9.9.9 >/dev/null 2>&1; sleep 1; run u1 'nstat IpForwDatagrams'; run u2 'nstat IpForwDatagrams'
run r1 'ip rule add pref 100 from 10.0.0.1/8 table 100'
run r1 'ip rule add pref 100 from 10.0.0.1/8 table 100'
run r1 'ip rule add pref 200 fwmark 0x10/0xff iif eth9 oif eth2 lookup main suppress_prefixlength 0'
run r1 'ip rule add pref 300 goto 400'
run r1 'ip rule add pref 301 goto 200'
run r1 'ip rule add pref 302 to 10.9.9.1 blackhole'
run r1 'ip rule add pref 303 to 10.9.9.2 unreachable'
run r1 'ip rule add pref 304 to 10.9.9.3 prohibit'
run r1 'ip rule add pref 305 nop'
run r1 'ip rule add pref 306 tos 0x05 table 1'
run r1 'ip rule add pref 307 dsfield 0x28 table 1'
run r1 'ip rule add pref 309 from 1.2.3.4 table 0'
run r1 'ip rule add pref 310 not to 5.6.7.8/32 table 1000'
run r1 'ip rule add pref 311 fwmark 0 table 5'
run r1 'ip rule add pref 312 fwmark 3 table 5'
run r1 'ip rule add pref 313 goto 500 table 5'
run r1 'ip rule add pref 314 from 1.2.3.4 protocol static table 7'
run r1 'ip rule add pref 320 goto 310 nop'
run r1 'ip rule show'
run r1 'ip rule show table 5'
run r1 'ip rule list pref 100'
run r1 'ip rule list from 10.0.0.0/8'
run r1 'ip rule list iif eth9'
run r1 'ip route get 10.9.9.1'
run r1 'ip route get 10.9.9.2'
run r1 'ip route get 10.9.9.3'
run r1 'ip rule add pref 400 table 2'
run r1 'ip rule show pref 300'
run r1 'ip route get 10.9.9.9'
run r1 'ip rule del pref 999'
run r1 'ip rule del pref 400'
run r1 'ip rule show pref 300'
run r1 'ip rule add'
run r1 'ip rule del'
run r1 'ip rule frob'
run r1 'ip rule flush'
run r1 'ip rule'
run r1 'ip route get 10.9.9.9'
run r1 'ip rule add pref 32766 table main'
run r1 'ip route get 10.9.9.9'
run r1 'ip route get 10.0.1.1'
