#!/usr/bin/env python3
# tests/kernel/ip_hdr_sanity.py - tests/scenarios/ip_hdr_sanity.lua on the
# real kernel: two network namespaces joined by a veth pair, the same ten
# hand-made frames sent from a packet socket in "ra", then the counters of
# "rb" (nstat) and the drop reasons the skb:kfree_skb tracepoint gave.
# Needs root and tracefs.  Not run by CI; the scenario's expected files
# were checked against its output (Linux 6.18).
import os, struct, subprocess, sys, time

T = "/sys/kernel/tracing"

def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def iphdr(tot_len, version=4, ihl=5, cs=None):
    h = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, tot_len, 1, 0, 64, 1, 0,
                    bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + b"\1" * max(0, (ihl - 5) * 4)
    c = csum(h) if cs is None else cs
    return h[:10] + struct.pack("!H", c) + h[12:]

BCAST = bytes.fromhex("ffffffffffff020000000001")
ECHO = bytes.fromhex("0800f7ff00000000")

def ip_frame(hdr, payload=b""):
    return BCAST + b"\x08\x00" + hdr + payload

def cases():
    h28 = iphdr(28)
    return [ip_frame(h28[:16]), ip_frame(iphdr(28, version=6), ECHO),
            ip_frame(iphdr(28, ihl=4), ECHO), ip_frame(b"\x4f" + h28[1:], ECHO),
            ip_frame(iphdr(28, cs=0x1234), ECHO), ip_frame(iphdr(1000), ECHO),
            ip_frame(iphdr(12), ECHO), ip_frame(h28, ECHO + b"\0" * 18),
            BCAST + b"\x08\x06" + bytes.fromhex("0001080008040001") + b"\0" * 24,
            BCAST + b"\x08\x06" + bytes.fromhex("000108000604")]

def send():
    import socket
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("eth0", 0))
    for c in cases():
        s.send(c)
    for data in (b"\1\2\3", BCAST + b"\x08\x00" + b"\0" * 1501):
        try:
            s.send(data)
        except OSError as e:
            print("inject:", e.strerror)

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "send":
        return send()
    sh("ip netns del ra 2>/dev/null; ip netns del rb 2>/dev/null")
    sh("ip netns add ra; ip netns add rb")
    sh("ip link add eth0 netns ra type veth peer name eth0 netns rb")
    sh("ip -n ra link set eth0 up; ip -n rb link set eth0 up")
    sh(f"mountpoint -q {T} || mount -t tracefs nodev {T}")
    sh(f"echo > {T}/trace; echo 1 > {T}/events/skb/kfree_skb/enable")
    print(sh(f"ip netns exec ra {sys.executable} {os.path.abspath(__file__)} send"), end="")
    time.sleep(0.2)
    sh(f"echo 0 > {T}/events/skb/kfree_skb/enable")
    print(sh("ip netns exec rb nstat -az 'Ip*' | grep -E "
             "'^Ip(Ext)?(InReceives|InHdrErrors|InCsumErrors|InTruncatedPkts|InNoRoutes|InAddrErrors) '"))
    print(sh("ip -n rb -s link show dev eth0"))
    # IPv6 traffic of the fresh link (not modelled) shows up too: ignore ip6_*
    print(sh(f"grep -o 'location=[a-z_0-9]*.*reason: [A-Z_0-9]*' {T}/trace | "
             "sed 's/location=//; s/+[^ ]*//' | grep -v ip6 | sort | uniq -c"))
    sh("ip netns del ra; ip netns del rb")

main()
