#!/usr/bin/env bash
# tests/kernel/route_redirect_lecture.sh - the lectures' redirect example on
# the real kernel, as tests/scenarios/route_redirect_lecture.lua plays it:
# 192.168.0.31 (h31), 192.168.0.121 (r121, forwarding) and 192.168.0.10
# (h10) on one bridge.  Needs root, iproute2, iputils-ping, nstat.  Not run
# by CI.
set -uo pipefail
ns="lrbr lrh31 lrr121 lrh10"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do ip netns add "$n"; nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
nsx lrbr ip link add br0 type bridge
nsx lrbr ip link set br0 up
for n in h31 r121 h10; do
	ip link add eth0 netns lr$n type veth peer name p$n netns lrbr
	nsx lrbr ip link set p$n master br0
	nsx lrbr ip link set p$n up
	nsx lr$n sh -c "ip link set lo up; ip addr add 192.168.0.${n#?}/24 dev eth0; ip link set eth0 up"
done
nsx lrr121 sysctl -qw net.ipv4.ip_forward=1
show() { echo "${1#lr}\$ ${*:2}"; nsx "$@" 2>&1; }
sleep 2
show lrh31 ip route add 192.168.0.10/32 via 192.168.0.121
show lrh31 ip route
show lrh31 ping -c 3 -i 1 192.168.0.10
show lrh31 ip route get 192.168.0.10
show lrh31 ip route show cache
show lrr121 nstat -az IcmpOutRedirects IpForwDatagrams
show lrh31 nstat -az IcmpInRedirects
echo "== accept_redirects 0"
nsx lrh31 ip route flush cache
nsx lrh31 sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0
show lrh31 ping -c 3 -i 1 192.168.0.10
show lrh31 ip route get 192.168.0.10
show lrh31 ip route
show lrr121 nstat -az IcmpOutRedirects IpForwDatagrams
show lrh31 nstat -az IcmpInRedirects
