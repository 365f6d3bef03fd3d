#!/usr/bin/env python3
# tests/kernel/neigh_unreachable.py - tests/scenarios/neigh_unreachable.lua
# on the real kernel: namespaces h15h1, h15r1, h15h2 joined by veth pairs
# (IPv6 off, so the captures hold only ARP and ICMP), the same commands at
# the same times (relative to the start), tcpdump on r1's eth1 and h1's
# eth0, the ping output with its time, and the drop reasons the
# skb:kfree_skb tracepoint gave.  /proc/net/stat/arp_cache is global on
# Linux (one table for every namespace, printed in the initial one): its
# columns are printed as differences over the run.  Needs root, iproute2,
# iputils-ping, tcpdump, tshark and tracefs.  Not run by CI; the scenario's
# expected files were checked against its output (Linux 6.18, HZ=250).
#   usage: neigh_unreachable.py [OUTDIR]   (pcaps are kept in OUTDIR)
import os, subprocess, sys, threading, time

T = "/sys/kernel/tracing"
NS = ["h15h1", "h15r1", "h15h2"]
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/h15-neigh_unreachable"
lines = []
lock = threading.Lock()
t0 = 0.0


def sh(cmd, ns=None):
    if ns:
        cmd = f"ip netns exec {ns} sh -c '{cmd}'"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def emit(text):
    with lock:
        lines.append((time.monotonic() - t0, text))


def show(ns, *cmds):
    for cmd in cmds:
        emit(f"{ns[3:]}$ {cmd}\n" + sh(cmd, ns))


def ping(ns, args):
    p = subprocess.Popen(f"ip netns exec {ns} ping {args}", shell=True,
                         stdout=subprocess.PIPE, text=True)
    for line in p.stdout:
        emit(f"{ns[3:]} ping: {line.rstrip()}")
    emit(f"{ns[3:]} ping exited {p.wait()}")


def at(t, fn, *args):
    time.sleep(max(0.0, t0 + t - time.monotonic()))
    fn(*args)


def stat():
    rows = sh("cat /proc/net/stat/arp_cache").split("\n")
    names = rows[0].split()
    tot = [0] * len(names)
    for r in rows[1:]:
        if r.strip():
            tot = [a + int(b, 16) for a, b in zip(tot, r.split())]
    return dict(zip(names, tot))


def main():
    global t0
    sh("; ".join(f"ip netns del {n} 2>/dev/null" for n in NS))
    for n in NS:
        sh(f"ip netns add {n}")
        sh("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1", n)
    sh("ip link add eth0 netns h15h1 type veth peer name eth0 netns h15r1")
    sh("ip link add eth1 netns h15r1 type veth peer name eth0 netns h15h2")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:01:02
          ip addr add 10.0.1.2/24 dev eth0; ip link set eth0 up
          ip route add default via 10.0.1.1""", "h15h1")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:01:01
          ip link set eth1 address 02:00:00:00:02:01; ip addr add 10.0.1.1/24 dev eth0; ip addr add 10.0.2.1/24 dev eth1
          ip link set eth0 up; ip link set eth1 up; sysctl -qw net.ipv4.ip_forward=1
          ip route add 10.9.0.0/16 via 10.0.2.99
          sysctl -qw net.ipv4.neigh.eth1.unres_qlen_bytes=2700""", "h15r1")
    sh("ip link set eth0 address 02:00:00:00:02:02; ip addr add 10.0.2.2/24 dev eth0; ip link set eth0 up; ip route add default via 10.0.2.1",
       "h15h2")
    os.makedirs(out, exist_ok=True)
    dumps = [subprocess.Popen(f"ip netns exec {ns} tcpdump -U -q -n -i {d} -w {out}/{ns[3:]}-{d}.pcap",
                              shell=True, stderr=subprocess.DEVNULL)
             for ns, d in (("h15h1", "eth0"), ("h15r1", "eth1"))]
    sh(f"mountpoint -q {T} || mount -t tracefs nodev {T}")
    sh(f"echo > {T}/trace; echo 1 > {T}/events/skb/kfree_skb/enable")
    time.sleep(1)
    before = stat()
    t0 = time.monotonic()
    threads = [threading.Thread(target=at, args=a) for a in (
        (1.0, ping, "h15h1", "-c 3 10.0.1.99"),
        (2.5, show, "h15h1", "ip neigh show"),
        (5.0, show, "h15h1", "ip neigh show"),
        (10.0, ping, "h15h1", "-c 10 -i 0.2 10.9.0.1"),
        (11.5, show, "h15r1", "ip neigh show dev eth1", "cat /proc/net/arp"),
        (15.0, show, "h15r1", "ip neigh show dev eth1", "ip -s neigh show dev eth1"),
    )]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    after = stat()
    sh(f"echo 0 > {T}/events/skb/kfree_skb/enable")
    time.sleep(0.5)
    for d in dumps:
        d.terminate()
        d.wait()
    for t, text in sorted(lines, key=lambda x: x[0]):
        print(f"[{t:12.6f}] {text}")
    print("arp_cache differences:",
          " ".join(f"{k}={after[k] - before[k]}" for k in before if k != "entries"))
    print(sh(f"grep -o 'location=[a-z_0-9]*.*reason: NEIGH[A-Z_0-9]*' {T}/trace | "
             "sed 's/location=//; s/+[^ ]*//; s/ .*reason:/ /' | sort | uniq -c"))
    for n in NS:
        print(f"{n[3:]}$ ip neigh show nud all")
        print(sh("ip neigh show nud all", n), end="")
    for p in ("h1-eth0", "r1-eth1"):
        print(f"--- tshark -n -r {p}.pcap (times relative to the first frame)")
        print(sh(f"tshark -n -r {out}/{p}.pcap 2>/dev/null"), end="")
    sh("; ".join(f"ip netns del {n}" for n in NS))


main()
