#!/usr/bin/env bash
# tests/kernel/route_redirect.sh - ICMP redirects on the real kernel, on the
# LAN that tests/scenarios/route_redirect.lua builds with net:bridge:
# namespaces h25h1, h25r1, h25r2 and h25h9, h1, r1 and r2 joined by a bridge
# br0 (in namespace h25br), r2 routing to h9 (10.0.9.1).  h1's default
# router r1 knows 10.0.9.0/24 via r2 on the same segment: it forwards h1's
# echoes back out the interface they came in on and sends h1 redirects
# (ip_rt_send_redirect).  h1 believes them (accept_redirects 1,
# shared_media 1) once it knows r2's MAC, and shows `cache <redirected>`;
# with accept_redirects 0 it does not.  Counters: IcmpOutRedirects on r1,
# IcmpInRedirects on h1.  Needs root, iproute2, iputils-ping, nstat.  Not
# run by CI.
set -uo pipefail
ns="h25br h25h1 h25r1 h25r2 h25h9"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
nsx h25br ip link add br0 type bridge
nsx h25br ip link set br0 up
for n in h1 r1 r2; do
	ip link add eth0 netns h25$n type veth peer name p$n netns h25br
	nsx h25br ip link set p$n master br0
	nsx h25br ip link set p$n up
done
ip link add eth1 netns h25r2 type veth peer name eth0 netns h25h9
nsx h25h1 sh -c 'ip link set lo up; ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up
                 ip route add default via 10.0.1.1'
nsx h25r1 sh -c 'ip link set lo up; ip addr add 10.0.1.1/24 dev eth0; ip link set eth0 up
                 ip route add 10.0.9.0/24 via 10.0.1.3; sysctl -qw net.ipv4.ip_forward=1'
nsx h25r2 sh -c 'ip link set lo up; ip addr add 10.0.1.3/24 dev eth0; ip link set eth0 up
                 ip addr add 10.0.9.254/24 dev eth1; ip link set eth1 up
                 sysctl -qw net.ipv4.ip_forward=1'
nsx h25h9 sh -c 'ip link set lo up; ip addr add 10.0.9.1/24 dev eth0; ip link set eth0 up
                 ip route add default via 10.0.9.254'
show() { echo "${1#h25}\$ ${*:2}"; nsx "$@" 2>&1; }
sleep 2
show h25h1 sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.eth0.accept_redirects net.ipv4.conf.eth0.secure_redirects net.ipv4.conf.eth0.shared_media
show h25r1 sysctl net.ipv4.conf.eth0.send_redirects
show h25h1 ip route get 10.0.9.1
echo "== 1. believed"
show h25h1 ping -c 3 -i 1 -W 1 10.0.9.1
show h25h1 ip route get 10.0.9.1
show h25h1 ip route get 10.0.9.2
show h25h1 ip route show cache
show h25h1 ip neigh show
show h25h1 nstat -az IcmpInRedirects IcmpMsgInType5
show h25r1 nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams
echo "== 2. accept_redirects 0"
nsx h25h1 ip route flush cache
nsx h25h1 sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0
show h25h1 ping -c 8 -i 1 -W 1 10.0.9.1
show h25h1 ip route get 10.0.9.1
show h25h1 nstat -az IcmpInRedirects IcmpMsgInType5
show h25r1 nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams
