#!/usr/bin/env bash
# tests/kernel/route_input.sh - which spoofed sources a Linux router forwards,
# by rp_filter (0, 2, 1): its own address, a subnet broadcast, a source behind
# a blackhole, one with no route back, one routed out of the other interface.
# The answers tests/unit/ipv4/test_route_input.c expects of fib_validate_source.
# Needs root, python3.  Not run by CI.
set -u
ns="mh1 mr1 mh2"
for n in $ns; do ip netns del $n 2>/dev/null; ip netns add $n; done
ip link add eth0 netns mh1 type veth peer name eth0 netns mr1
ip link add eth1 netns mr1 type veth peer name eth0 netns mh2
ip -n mh1 addr add 10.0.1.2/24 dev eth0; ip -n mh1 link set eth0 up; ip -n mh1 route add default via 10.0.1.1
ip -n mr1 addr add 10.0.1.1/24 dev eth0; ip -n mr1 link set eth0 up
ip -n mr1 addr add 10.0.2.1/24 dev eth1; ip -n mr1 link set eth1 up
ip -n mh2 addr add 10.0.2.2/24 dev eth0; ip -n mh2 link set eth0 up; ip -n mh2 route add default via 10.0.2.1
ip netns exec mr1 sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0 net.ipv4.conf.default.rp_filter=0
ip -n mr1 route add blackhole 203.0.113.0/24
ip -n mh1 neigh add 10.0.1.1 lladdr $(ip -n mr1 -br link show eth0 | awk '{print $3}') dev eth0
ip -n mr1 neigh add 10.0.2.2 lladdr $(ip -n mh2 -br link show eth0 | awk '{print $3}') dev eth1
send() { ip netns exec mh1 python3 -c "
import socket,struct
s=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_RAW)
src=socket.inet_aton('$1'); dst=socket.inet_aton('10.0.2.2')
udp=struct.pack('!HHHH',1000,2000,8,0)
ip=struct.pack('!BBHHHBBH4s4s',0x45,0,28,1,0,64,17,0,src,dst)
s.sendto(ip+udp,('10.0.2.2',0))"; }
fwd() { ip netns exec mr1 nstat -az IpForwDatagrams | awk '/IpForw/{print $2}'; }
try() { local b=$(fwd); send $1; sleep 0.2; local a=$(fwd); echo "rp=$2 src=$1 forwarded=$((a-b))"; }
export NSTAT_HISTORY=/tmp/k/nsm
for rp in 0 2 1; do
  ip netns exec mr1 sysctl -qw net.ipv4.conf.all.rp_filter=$rp
  for s in 10.0.1.2 10.0.2.1 10.0.1.255 203.0.113.9 192.0.2.1 10.0.2.7; do try $s $rp; done
done
for n in $ns; do ip netns del $n; done
