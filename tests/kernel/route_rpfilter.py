#!/usr/bin/env python3
# tests/kernel/route_rpfilter.py - tests/scenarios/route_rpfilter.lua on
# the real kernel: h1 - r1 - h2 in namespaces over veth pairs, spoofed echo
# requests sent from h1 with an AF_PACKET socket, rp_filter 0/1/2 on r1;
# prints whether h2 got each one and r1's drop reasons (skb:kfree_skb, in
# a tracefs instance of its own).  Needs root; not run by CI.  Linux 6.18
# gave the scenario's nine lines, 3 IP_RPFILTER drops in
# ip_rcv_finish_core and 1 IP_INNOROUTES in ip_error (plus drops from h2's
# unanswered ARP for the spoofed sources, which the scenario's short runs
# do not reach).
import os, struct, subprocess, sys, time

def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def echo_from(dst_mac, src_mac, src, seq):
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x77, seq) + b"x" * 16
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), seq, 0, 64, 1, 0,
                    bytes(map(int, src.split("."))), bytes([10, 0, 2, 2]))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return dst_mac + src_mac + b"\x08\x00" + h + icmp

def mac(ns, dev):
    return bytes.fromhex(sh(f"ip -n {ns} -br link show dev {dev}").split()[2].replace(":", ""))

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "send":
        import socket
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind(("eth0", 0))
        s.send(bytes.fromhex(sys.argv[2]))
        return
    ns = ["rh1", "rr1", "rh2"]
    for n in ns:
        sh(f"ip netns del {n} 2>/dev/null; ip netns add {n}")
        sh(f"ip netns exec {n} sysctl -qw net.ipv6.conf.all.disable_ipv6=1")
    sh("ip link add eth0 netns rh1 type veth peer name eth0 netns rr1")
    sh("ip link add eth1 netns rr1 type veth peer name eth0 netns rh2")
    sh("ip -n rh1 addr add 10.0.1.2/24 dev eth0; ip -n rh1 link set eth0 up")
    sh("ip -n rr1 addr add 10.0.1.1/24 dev eth0; ip -n rr1 addr add 10.0.2.1/24 dev eth1;"
       "ip -n rr1 link set eth0 up; ip -n rr1 link set eth1 up;"
       "ip netns exec rr1 sysctl -qw net.ipv4.ip_forward=1")
    sh("ip -n rh2 addr add 10.0.2.2/24 dev eth0; ip -n rh2 link set eth0 up;"
       "ip -n rh2 route add default via 10.0.2.1")
    T = "/sys/kernel/tracing/instances/skbsim_rpf"
    sh(f"mkdir -p {T}; echo 1 > {T}/events/skb/kfree_skb/enable")
    r1mac, h1mac = mac("rr1", "eth0"), mac("rh1", "eth0")
    for mode in (0, 1, 2):
        sh(f"ip netns exec rr1 sysctl -qw net.ipv4.conf.all.rp_filter={mode} net.ipv4.conf.eth0.rp_filter={mode}")
        for src in ("10.0.2.50", "10.9.9.9", "10.0.1.77"):
            before = int(sh("ip netns exec rh2 cat /proc/net/snmp").split("Icmp:")[2].split()[8])
            frame = echo_from(r1mac, h1mac, src, mode).hex()
            sh(f"ip netns exec rh1 {sys.executable} {os.path.abspath(__file__)} send {frame}")
            time.sleep(0.3)
            after = int(sh("ip netns exec rh2 cat /proc/net/snmp").split("Icmp:")[2].split()[8])
            print(f"rp_filter={mode}  from {src:<10}  h2 got {after - before} echo")
    sh(f"echo 0 > {T}/events/skb/kfree_skb/enable")
    print(sh(f"grep -o 'location=[a-z_0-9]*.*reason: [A-Z_0-9]*' {T}/trace | "
             "sed 's/location=//; s/+[^ ]*//' | grep -v 'NOT_SPECIFIED' | sort | uniq -c"))
    sh(f"rmdir {T}")
    for n in ns:
        sh(f"ip netns del {n}")

main()
