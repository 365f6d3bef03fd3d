#!/usr/bin/env bash
# tests/kernel/ip_frag.sh - tests/scenarios/ip_frag.lua on the real kernel:
# namespaces h14h1, h14r1, h14h2 joined by veth pairs, the r1-h2 pair at
# MTU 576 (no delay: this machine has no sch_netem, so only times differ),
# IPv6 off so that only what the scenario sends is on the wire.  It runs
# the same pings (-M dont, then ping's default -M want), prints the same
# nstat deltas and `ip route get` (the PMTU learned from the
# fragmentation-needed error, tests/scenarios/route_pmtu.lua), sends the same two
# lone fragments from a packet socket in h14h1, waits out ipfrag_time,
# prints the counters again, the tshark view of both segments and the
# drop reasons of the skb:kfree_skb tracepoint (a tracefs instance of its
# own; other namespaces' drops may show up too).  Needs root, iproute2,
# iputils-ping, tcpdump, tshark, python3.  `ip_frag.sh DIR` keeps the
# pcaps in DIR (h1-eth0.pcap, h2-eth0.pcap, as the scenario names them)
# for `tshark -V` comparisons.  Not run by CI; the scenario's
# expected output was compared with it (Linux 6.18, see the scenario's
# header).
set -euo pipefail
ns="h14h1 h14r1 h14h2"
tmp=$(mktemp -d /tmp/h14-ip_frag.XXXXXX)
T=/sys/kernel/tracing
inst=$T/instances/h14-ip_frag
cleanup() {
	for n in $ns; do ip netns del "$n" 2>/dev/null || true; done
	if [ -d "$inst" ]; then
		echo 0 > "$inst/events/skb/kfree_skb/enable"
		rmdir "$inst" || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
for n in $ns; do ip netns del "$n" 2>/dev/null || true; done
nsx() { local n=$1; shift; NSTAT_HISTORY=$tmp/nstat.$n ip netns exec "$n" "$@"; }
for n in $ns; do
	ip netns add "$n"
	nsx "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add eth0 netns h14h1 type veth peer name eth0 netns h14r1
ip link add eth1 netns h14r1 type veth peer name eth0 netns h14h2
nsx h14h1 sh -c 'ip link set lo up; ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up
                 ip route add default via 10.0.1.1'
nsx h14r1 sh -c 'ip addr add 10.0.1.1/24 dev eth0; ip addr add 10.0.2.1/24 dev eth1
                 ip link set eth1 mtu 576; ip link set eth0 up; ip link set eth1 up
                 sysctl -qw net.ipv4.ip_forward=1'
nsx h14h2 sh -c 'ip link set lo up; ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 mtu 576
                 ip link set eth0 up; ip route add default via 10.0.2.1'
mkdir -p "$inst"
echo 1 > "$inst/events/skb/kfree_skb/enable"
nsx h14h1 tcpdump -q -i eth0 -U -w "$tmp/h1-eth0.pcap" 2>/dev/null & td1=$!
nsx h14h2 tcpdump -q -i eth0 -U -w "$tmp/h2-eth0.pcap" 2>/dev/null & td2=$!
show() { echo "${1#h14}\$ ${*:2}"; nsx "$@"; }
counters=(IpInReceives IpForwDatagrams IpInDelivers IpOutRequests 'IpReasm*' 'IpFrag*'
	IcmpInDestUnreachs IcmpOutDestUnreachs IcmpInTimeExcds IcmpOutTimeExcds
	'IcmpMsg*Type3' 'IcmpMsg*Type11')
nstat_all() { for n in $ns; do show "$n" nstat "${counters[@]}"; done; }
for n in $ns; do nsx "$n" nstat -n; done
sleep 1

# 1. r1 fragments
nsx h14h1 ping -M dont -c 2 -s 1400 10.0.2.2 || true
sleep 2
nstat_all
sleep 4

# 2. DF: fragmentation needed; Linux then fragments the second echo on h1
nsx h14h1 ping -c 2 -s 1400 10.0.2.2 || true
show h14h1 ip route get 10.0.2.2
sleep 3
nstat_all
sleep 4

# 3. lone fragments: fragment 0 of ID 0x4242, the last fragment of 0x4343
r1mac=$(nsx h14r1 cat /sys/class/net/eth0/address)
h1mac=$(nsx h14h1 cat /sys/class/net/eth0/address)
nsx h14h1 python3 - "$r1mac" "$h1mac" <<'EOF'
import socket, struct, sys, time
def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
def echo(ident):   # an echo request of 1000 data bytes, as ping -s 1000
    msg = struct.pack("!BBHHH", 8, 0, 0, ident, 1) + bytes(i & 0xFF for i in range(1000))
    return msg[:2] + struct.pack("!H", csum(msg)) + msg[4:]
def fragment(ident, frag_off, mf, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident,
                    (0x2000 if mf else 0) | frag_off, 64, 1, 0,
                    bytes([10, 0, 1, 2]), bytes([10, 0, 2, 2]))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return bytes.fromhex(sys.argv[1].replace(":", "")) + \
        bytes.fromhex(sys.argv[2].replace(":", "")) + b"\x08\x00" + h + payload
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
s.send(fragment(0x4242, 0, True, echo(0x4242)[:552]))
time.sleep(0.5)
s.send(fragment(0x4343, 552 // 8, False, echo(0x4343)[552:]))
EOF
sleep 34
show h14h2 sysctl net.ipv4.ipfrag_time
nstat_all
sleep 1
kill "$td1" "$td2"; wait "$td1" "$td2" 2>/dev/null || true
echo 0 > "$inst/events/skb/kfree_skb/enable"
for p in h1-eth0 h2-eth0; do echo "== $p"; tshark -n -r "$tmp/$p.pcap" 2>/dev/null; done
[ $# -gt 0 ] && cp "$tmp"/*.pcap "$1"/
echo "== drops (skb:kfree_skb, every namespace)"
grep -o 'location=[a-z_0-9]*.*reason: [A-Z_0-9]*' "$inst/trace" |
	sed 's/location=//; s/+[^ ]*//' | grep -E 'FRAG|TOO_BIG' | sort | uniq -c
