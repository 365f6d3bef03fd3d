#!/usr/bin/env bash
# tests/kernel/route_pmtu.sh - tests/scenarios/route_pmtu.lua on the real
# kernel: namespaces h23h1, h23r1, h23h2 joined by veth pairs, r1-h2 at MTU
# 576, IPv6 off.  h1 learns the PMTU of 10.0.2.2 from r1's fragmentation
# needed (raw_err -> ipv4_sk_update_pmtu), shows the exception with `ip
# route get` and `ip route show cache`, pings with -M want (fragments
# locally) and -M do (local error), sees it expire after a short
# net.ipv4.route.mtu_expires, learns again, flushes it, and with
# ip_no_pmtu_disc = 1 shows what a frag needed leaves.  r1's forward path
# ignores a PMTU learned on r1 (ip_forward_use_pmtu 0).  Needs root,
# iproute2, iputils-ping.  Not run by CI.
set -uo pipefail
ns="h23h1 h23r1 h23h2"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add eth0 netns h23h1 type veth peer name eth0 netns h23r1
ip link add eth1 netns h23r1 type veth peer name eth0 netns h23h2
nsx h23h1 sh -c 'ip link set lo up; ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up
                 ip route add default via 10.0.1.1'
nsx h23r1 sh -c 'ip addr add 10.0.1.1/24 dev eth0; ip addr add 10.0.2.1/24 dev eth1
                 ip link set eth1 mtu 576; ip link set eth0 up; ip link set eth1 up
                 sysctl -qw net.ipv4.ip_forward=1'
nsx h23h2 sh -c 'ip link set lo up; ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 mtu 576
                 ip link set eth0 up; ip route add default via 10.0.2.1'
show() { echo "${1#h23}\$ ${*:2}"; nsx "$@" 2>&1; }
sleep 1
show h23h1 sysctl net.ipv4.route.mtu_expires net.ipv4.route.min_pmtu
show h23h1 ip route get 10.0.2.2
echo "== 1. learning"
show h23h1 ping -c 3 -i 1 -s 1400 10.0.2.2
show h23h1 ip route get 10.0.2.2
show h23h1 ip route show cache
show h23h1 ip -s route get 10.0.2.2
show h23h1 ping -M do -c 2 -i 1 -s 1400 10.0.2.2
show h23h1 ping -M want -c 1 -s 1400 10.0.2.2
echo "== 2. expiry (mtu_expires 5)"
nsx h23h1 sysctl -qw net.ipv4.route.mtu_expires=5
nsx h23h1 ip route flush cache
show h23h1 ip route show cache
show h23h1 ping -c 2 -i 1 -s 1400 10.0.2.2
show h23h1 ip route get 10.0.2.2
sleep 7
show h23h1 ip route get 10.0.2.2
show h23h1 ip route show cache
echo "== 3. min_pmtu: a frag needed saying 300"
nsx h23r1 ip link set eth1 mtu 300
nsx h23h2 ip link set eth0 mtu 300
nsx h23h1 sysctl -qw net.ipv4.route.mtu_expires=600
show h23h1 ping -c 2 -i 1 -s 1400 10.0.2.2
show h23h1 ip route get 10.0.2.2
show h23h1 ip route show cache
nsx h23h1 ip route flush cache
nsx h23r1 ip link set eth1 mtu 576
nsx h23h2 ip link set eth0 mtu 576
echo "== 4. ip_no_pmtu_disc 1"
nsx h23h1 sysctl -qw net.ipv4.ip_no_pmtu_disc=1
show h23h1 ping -M want -c 2 -i 1 -s 1400 10.0.2.2
show h23h1 ip route get 10.0.2.2
show h23h1 ip route show cache
nsx h23h1 ip route flush cache
nsx h23h1 sysctl -qw net.ipv4.ip_no_pmtu_disc=0
echo "== 5. forwarding ignores a PMTU r1 learned (ip_forward_use_pmtu 0)"
nsx h23h1 ip route flush cache
nsx h23r1 ip link set eth1 mtu 1500
nsx h23h2 ip link set eth0 mtu 1500
# h2 tells r1 (icmp_err: a frag needed quoting r1's echo reply) that 10.0.2.2 takes 1000
nsx h23h2 python3 - <<'PY'
import socket, struct
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
inner = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 1228, 0x1234, 0, 64, 1, 0,
                    socket.inet_aton('10.0.2.1'), socket.inet_aton('10.0.2.2'))
inner = inner[:10] + struct.pack('!H', csum(inner)) + inner[12:]
echo = struct.pack('!BBHHH', 0, 0, 0, 0x4242, 1)
msg = struct.pack('!BBHHH', 3, 4, 0, 0, 1000) + inner + echo
msg = msg[:2] + struct.pack('!H', csum(msg)) + msg[4:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.sendto(msg, ('10.0.2.1', 0))
PY
sleep 0.2
show h23r1 ip route get 10.0.2.2
show h23r1 ip route show cache
show h23h1 ping -M do -c 1 -s 1200 10.0.2.2
nsx h23r1 sysctl -qw net.ipv4.ip_forward_use_pmtu=1
show h23h1 ping -M do -c 1 -s 1200 10.0.2.2
exit 0
