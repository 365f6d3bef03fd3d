#!/usr/bin/env bash
# tests/kernel/bridge_stp_bpdu_bad.sh - tests/scenarios/bridge_stp_bpdu_bad.lua
# on the real kernel: switch sw (namespace hstpsw, br0 with stp_state 1,
# ports 02:00:00:00:01:01/02) and host x (hstpx) on a veth pair.  x sends
# the same hand-made frames from an AF_PACKET socket: each damaged BPDU
# announces root 1000.02:00:00:00:99:01; after them br0's root must still
# be itself, after the undamaged one x's port is the root port.  Needs
# root, iproute2, python3.  Not run by CI.
set -uo pipefail
ns="hstpsw hstpx hstpy"
cleanup() { for n in $ns; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
nsx() { local n=$1; shift; ip netns exec "$n" "$@"; }
for n in $ns; do ip netns add "$n"; done
ip link add eth0 netns hstpx type veth peer name eth0 netns hstpsw
ip link add eth0 netns hstpy type veth peer name eth1 netns hstpsw
nsx hstpsw sh -c 'ip link add br0 type bridge stp_state 1
  ip link set eth0 address 02:00:00:00:01:01; ip link set eth1 address 02:00:00:00:01:02
  ip link set eth0 master br0; ip link set eth1 master br0
  ip link set br0 up; ip link set eth0 up; ip link set eth1 up'
nsx hstpx sh -c 'ip link set eth0 address 02:00:00:00:99:01; ip link set eth0 up'
nsx hstpy ip link set eth0 up
root() { echo "-- $1: root $(nsx hstpsw cat /sys/class/net/br0/bridge/root_id) port $(nsx hstpsw cat /sys/class/net/br0/bridge/root_port)"; }
sleep 1
root "1 s"
nsx hstpx python3 - "$@" <<'PY'
import socket, struct, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
head = bytes.fromhex("0180c2000000 020000009901")
llc = bytes.fromhex("424203")
def config(proto=0, version=0, type_=0, age=0):
    return (struct.pack(">HBBB", proto, version, type_, 0) +
            bytes.fromhex("1000020000009901 00000000 1000020000009901 8001") +
            struct.pack(">HHHH", age, 20 * 256, 2 * 256, 15 * 256))
def frame(length, payload): return head + struct.pack(">H", length) + payload
cases = [
    frame(13, llc + config()[:10]),
    frame(64, llc + config()),
    frame(5, llc + config()),
    frame(38, bytes.fromhex("aa4203") + config()),
    frame(38, bytes.fromhex("424213") + config()),
    frame(38, llc + config(proto=1)),
    frame(39, llc + config(version=2, type_=2) + b"\0"),
    frame(38, llc + config(type_=1)),
    frame(38, llc + config(age=21 * 256)),
    head + struct.pack(">H", 0x88b5) + llc + config(),
]
for c in cases:
    s.send(c)
    time.sleep(0.1)
PY
sleep 0.5
root "after the damaged ones"
nsx hstpx python3 -c '
import socket, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(("eth0", 0))
s.send(bytes.fromhex("0180c2000000 020000009901 0026 424203 0000 00 00 00 1000020000009901 00000000 1000020000009901 8001 0000 1400 0200 0f00"))'
sleep 0.5
root "after a good one"
nsx hstpsw bridge link show | sed 's/^[0-9]*: \(eth[0-9]\).* state \([a-z]*\).*/\1 \2/'
