#!/usr/bin/env bash
# tests/kernel/lab_redirect_pmtu.sh - topologies/labs/redirect_pmtu.lua (the
# redirect and PMTU lab, docs/labs/redirect-pmtu.md) on the real kernel:
# h31, h10 and r121's eth0 on one bridge (192.168.0.0/24), r121's eth1 to
# h2 (10.0.2.0/24) with an MTU of 1000, the same commands in the same
# order.  The veths have no delay, so only times differ.  Needs root,
# iproute2, iputils (ping, tracepath), nstat, tcpdump, tshark.  Not run by
# CI.   usage: lab_redirect_pmtu.sh [OUTDIR]
set -uo pipefail
out=${1:-/tmp/hlabs-lab_redirect_pmtu}
ns="hlabsrbr hlabsrh31 hlabsrh10 hlabsrr121 hlabsrh2"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; rm -f /tmp/hlabsr.nstat.*; }
trap cleanup EXIT
cleanup
mkdir -p "$out"
# nstat's history file is per user, not per namespace: one each
nsx() { local n=$1; shift; ip netns exec "hlabsr$n" env NSTAT_HISTORY="/tmp/hlabsr.nstat.$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
nsx br ip link add br0 type bridge
nsx br ip link set br0 up
for n in h31 h10 r121; do
	ip link add eth0 netns hlabsr$n type veth peer name p$n netns hlabsrbr
	nsx br ip link set p$n master br0
	nsx br ip link set p$n up
done
ip link add eth1 netns hlabsrr121 type veth peer name eth0 netns hlabsrh2
nsx h31 sh -c "ip link set lo up; ip link set eth0 address 02:00:00:00:00:31; ip addr add 192.168.0.31/24 dev eth0; ip link set eth0 up"
nsx h10 sh -c "ip link set lo up; ip link set eth0 address 02:00:00:00:00:10; ip addr add 192.168.0.10/24 dev eth0; ip link set eth0 up"
nsx r121 sh -c "ip link set lo up; ip link set eth0 address 02:00:00:00:01:21; ip addr add 192.168.0.121/24 dev eth0; ip link set eth0 up
	ip addr add 10.0.2.1/24 dev eth1; ip link set eth1 mtu 1000; ip link set eth1 up; sysctl -qw net.ipv4.ip_forward=1"
nsx h2 sh -c "ip link set lo up; ip link set eth0 address 02:00:00:00:02:02; ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 mtu 1000; ip link set eth0 up; ip route add default via 10.0.2.1"
for n in h31 h10 r121 h2; do nsx $n nstat -n; done
nsx h31 tcpdump -U -q -n -i eth0 -w "$out/h31-eth0.pcap" 2>/dev/null & d1=$!
nsx h2 tcpdump -U -q -n -i eth0 -w "$out/h2-eth0.pcap" 2>/dev/null & d2=$!
show() { echo "${1}\$ ${*:2}"; nsx "$@" 2>&1; }
sleep 2

echo "== 1. ICMP redirect"
show r121 sysctl net.ipv4.conf.all.send_redirects net.ipv4.conf.eth0.send_redirects
show h31 sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.eth0.accept_redirects
show h31 ip route add 192.168.0.10/32 via 192.168.0.121
show h31 ip route
show h31 ping -c 3 192.168.0.10
show h31 ip route get 192.168.0.10
show h31 ip route show cache
show h31 ip route
show r121 nstat IpForwDatagrams IcmpOutRedirects IcmpMsgOutType5
show h31 nstat IcmpInRedirects IcmpMsgInType5
echo "-- accept_redirects 0 on h31"
nsx h31 ip route flush cache
show h31 sysctl -w net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0
show h31 ping -c 2 192.168.0.10
show h31 ip route get 192.168.0.10
show r121 nstat IpForwDatagrams IcmpOutRedirects
show h31 nstat IcmpInRedirects
echo "-- send_redirects 0 on r121"
show r121 sysctl -w net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0
show h31 ping -c 2 192.168.0.10
show r121 nstat IpForwDatagrams IcmpOutRedirects
show h31 nstat IcmpInRedirects
nsx h31 ip route del 192.168.0.10/32

echo "== 2. path MTU"
show h31 ip route add default via 192.168.0.121
show h31 ip route get 10.0.2.2
show r121 ip -br addr show eth1
show r121 ip route get 10.0.2.2
show h31 ping -M do -c 1 -s 1473 10.0.2.2
show h31 ping -M do -c 3 -s 1200 10.0.2.2
show h31 ip route get 10.0.2.2
show h31 ip route show cache
show r121 nstat IpForwDatagrams IpFragFails IcmpOutDestUnreachs IcmpMsgOutType3
show h31 nstat IcmpInDestUnreachs IcmpMsgInType3
show h31 ping -M do -c 1 -s 972 10.0.2.2
nsx h31 ip route flush cache
show h31 tracepath -n 10.0.2.2
show h31 ip route get 10.0.2.2
echo "-- DF clear: r121 fragments"
nsx h31 ip route flush cache
show h31 ping -M dont -c 1 -s 1200 10.0.2.2
show r121 nstat IpFragOKs IpFragCreates
show h2 nstat IpReasmReqds IpReasmOKs IpFragOKs IpFragCreates
show h31 nstat IpReasmReqds IpReasmOKs
sleep 1
kill $d1 $d2; wait $d1 $d2 2>/dev/null
for p in h31-eth0 h2-eth0; do
	echo "--- tshark -n -r $p.pcap"
	tshark -n -r "$out/$p.pcap" 2>/dev/null
done
