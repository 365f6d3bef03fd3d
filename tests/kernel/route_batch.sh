#!/usr/bin/env bash
# tests/kernel/route_batch.sh - what tests/scenarios/route_batch.lua does, on
# the real tools: rt_tables names and ip -batch (iproute2 6.1, Linux 6.18).
# Needs root; edits /etc/iproute2/rt_tables and restores it.  Not run by CI.
set -uo pipefail
n=rtb1
ip netns del $n 2>/dev/null; ip netns add $n
trap 'ip netns del $n; rm -f /tmp/rtb.*; cp /tmp/rt_tables.save /etc/iproute2/rt_tables' EXIT
cp /etc/iproute2/rt_tables /tmp/rt_tables.save
x() { echo "\$ $*"; ip netns exec $n "$@" 2>&1; echo "[exit $?]"; }
x ip link add eth0 type veth peer name eth1
x ip link set eth1 up
x ip link set eth0 up
x ip addr add 10.0.0.1/24 dev eth0
echo '200	isp1' >> /etc/iproute2/rt_tables
echo '0x10 isp2 # the second' >> /etc/iproute2/rt_tables
x ip route add default via 10.0.0.254 table isp1
x ip route add default via 10.0.0.253 table isp2
x ip route add default via 10.0.0.252 table 201
x ip rule add from 10.0.0.0/24 lookup isp1
x ip rule add fwmark 7 table isp2
x ip rule
x ip route show table all type unicast
x ip route show table isp1
x ip route show table isp3
x ip route flush table isp1
cat > /tmp/rtb.1 <<'B'
# routes for table isp2
route add 10.1.0.0/16 via 10.0.0.2 table isp2
route add 10.2.0.0/16 \
      via 10.0.0.3 table isp2   # continued
route add 10.1.0.0/16 via 10.0.0.2 table isp2
route add 10.3.0.0/16 via 10.0.0.4 table isp2
B
x ip -batch /tmp/rtb.1
x ip route show table isp2
x ip -force -batch /tmp/rtb.1
x ip route show table isp2
printf 'route add 10.4.0.0/16 via 10.0.0.5 table isp2\nroute add 10.5.0.0/16 via 10.0.0.5 table nosuch\nroute add 10.6.0.0/16 via 10.0.0.5 table isp2\n' > /tmp/rtb.2
x ip -force -batch /tmp/rtb.2
x ip route show table isp2
printf 'link set eth0 mtu 1400\nlink show eth0 bogus\n' > /tmp/rtb.3
x ip -b /tmp/rtb.3
x ip -batch /tmp/rtb.none
echo '300' >> /etc/iproute2/rt_tables
x ip route show table isp2
