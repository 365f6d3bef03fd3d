#!/usr/bin/env python3
# tests/kernel/lab_neighbour.py - topologies/labs/neighbour.lua (the
# neighbour lab, docs/labs/neighbour.md) on the real kernel: namespaces
# hlabsh1, hlabsh2, hlabsm and a bridge in hlabssw, joined by veth pairs
# (IPv6 off, so the captures hold only ARP and ICMP), the same commands at
# the same times after the start, tcpdump on h1's eth0, the drop reasons of
# the skb:kfree_skb tracepoint.  The veths have no delay, so times differ
# by the scenario's 1 ms links; reachable_time is random on both sides
# (base_reachable_time_ms 10000 on h1: [5 s, 15 s)), and every `ip neigh`
# is taken where the state does not depend on the draw.  Needs root,
# iproute2, iputils, tcpdump, tshark and tracefs.  Not run by CI.
#   usage: lab_neighbour.py [OUTDIR]
import os, subprocess, sys, threading, time

T = "/sys/kernel/tracing"
P = "hlabs"
NS = [P + "sw", P + "h1", P + "h2", P + "m"]
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/hlabs-lab_neighbour"
lines = []
lock = threading.Lock()
t0 = 0.0


def sh(cmd, ns=None):
    if ns:
        # nstat's history file is per user, not per namespace: one each
        cmd = f"ip netns exec {P}{ns} env NSTAT_HISTORY=/tmp/{P}.nstat.{ns} sh -c '{cmd}'"
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return r.stdout + r.stderr


def emit(text):
    with lock:
        lines.append((time.monotonic() - t0, text))


def show(ns, *cmds):
    for cmd in cmds:
        emit(f"{ns}$ {cmd}\n" + sh(cmd, ns).rstrip("\n"))


def spawn(ns, cmd):
    p = subprocess.Popen(f"ip netns exec {P}{ns} {cmd}", shell=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in p.stdout:
        emit(f"{ns} {cmd.split()[0]}: {line.rstrip()}")
    emit(f"{ns} {cmd.split()[0]} exited {p.wait()}")


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


def setup():
    sh("; ".join(f"ip netns del {n} 2>/dev/null" for n in NS))
    for n in NS:
        sh(f"ip netns add {n}")
        sh("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1",
           n[len(P):])
    sh("ip link add br0 type bridge; ip link set br0 up", "sw")
    for i, (ns, dev) in enumerate((("h1", "eth0"), ("h2", "eth0"), ("m", "eth0"), ("m", "eth1"))):
        sh(f"ip link add {dev} netns {P}{ns} type veth peer name eth{i} netns {P}sw")
        sh(f"ip link set eth{i} master br0; ip link set eth{i} up", "sw")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:00:01
          ip addr add 10.0.0.1/24 dev eth0; ip link set eth0 up
          sysctl -qw net.ipv4.neigh.eth0.base_reachable_time_ms=10000""", "h1")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:00:02
          ip addr add 10.0.0.2/24 dev eth0; ip link set eth0 up""", "h2")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:01:51
          ip link set eth1 address 02:00:00:00:01:52
          ip addr add 10.0.0.151/24 dev eth0; ip addr add 10.0.0.152/24 dev eth1
          ip link set eth0 up; ip link set eth1 up""", "m")
    for n in ("h1", "h2", "m"):
        sh("nstat -n", n)
    time.sleep(2)          # the bridge ports forward at once (no STP)


def main():
    global t0
    setup()
    os.makedirs(out, exist_ok=True)
    dump = subprocess.Popen(f"ip netns exec {P}h1 tcpdump -U -q -n -i eth0 -w {out}/h1-eth0.pcap",
                            shell=True, stderr=subprocess.DEVNULL)
    sh(f"mountpoint -q {T} || mount -t tracefs nodev {T}")
    sh(f"echo > {T}/trace; echo 1 > {T}/events/skb/kfree_skb/enable")
    time.sleep(1)
    before = stat()
    t0 = time.monotonic()
    ev = [
        (1.0, spawn, "h1", "ping -c 1 10.0.0.2"),
        (1.0005, show, "h1", "ip neigh show"),
        (1.5, show, "h1", "ip neigh show"),
        (1.5, show, "h2", "ip neigh show"),
        (7.0, show, "h2", "ip -s neigh show"),
        (20.0, show, "h1", "ip -s neigh show"),
        (21.0, spawn, "h1", "ping -c 1 10.0.0.2"),
        (21.5, show, "h1", "ip neigh show"),
        (27.0, show, "h1", "ip -s neigh show"),
        (45.0, show, "h2", "ip link set eth0 address 02:00:00:00:00:22"),
        (45.0, show, "m", "sysctl -w net.ipv4.conf.eth0.arp_accept=1"),
        (45.1, show, "h1", "ip neigh show"),
        (46.0, spawn, "h2", "arping -U -c 1 -I eth0 10.0.0.2"),
        (47.5, show, "h1", "ip neigh show"),
        (47.5, show, "m", "ip neigh show"),
        (60.0, show, "h1", "ip neigh show"),
        (60.1, show, "h2", "ip link set eth0 down"),
        (61.0, spawn, "h1", "ping -c 1 -W 1 10.0.0.2"),
        (62.0, show, "h1", "ip neigh show"),
        (67.0, show, "h1", "ip -s neigh show"),
        (70.0, show, "h1", "ip -s neigh show"),
        (79.0, show, "h1", "sysctl -w net.ipv4.neigh.eth0.unres_qlen=3",
         "sysctl net.ipv4.neigh.eth0.unres_qlen_bytes"),
        (80.0, spawn, "h1", "ping -c 10 -i 0.2 10.0.0.99"),
        (81.0, show, "h1", "ip -s neigh show 10.0.0.99", "cat /proc/net/arp"),
        (85.0, show, "h1", "ip -s neigh show 10.0.0.99"),
        (98.0, show, "h1", "ip neigh show nud failed"),
        (100.0, spawn, "h1", "arping -c 1 -I eth0 10.0.0.151"),
        (102.0, show, "m", "sysctl -w net.ipv4.conf.all.arp_ignore=1"),
        (103.0, spawn, "h1", "arping -c 1 -I eth0 10.0.0.151"),
        (105.0, show, "m", "sysctl -w net.ipv4.conf.all.arp_ignore=0",
         "sysctl -w net.ipv4.conf.all.arp_filter=1", "ip route get 10.0.0.1 from 10.0.0.151"),
        (106.0, spawn, "h1", "arping -c 1 -I eth0 10.0.0.151"),
        (108.0, spawn, "h1", "arping -c 1 -I eth0 10.0.0.152"),
        (110.0, show, "m", "sysctl -w net.ipv4.conf.all.arp_filter=0 net.ipv4.conf.all.arp_announce=0",
         "ip neigh flush dev eth0"),
        (110.0, show, "h1", "ip neigh flush dev eth0"),
        (110.5, spawn, "m", "ping -c 1 -I 10.0.0.152 10.0.0.1"),
        (112.0, show, "h1", "ip neigh show"),
        (114.0, show, "m", "sysctl -w net.ipv4.conf.all.arp_filter=0 net.ipv4.conf.all.arp_announce=2",
         "ip neigh flush dev eth0"),
        (114.0, show, "h1", "ip neigh flush dev eth0"),
        (114.5, spawn, "m", "ping -c 1 -I 10.0.0.152 10.0.0.1"),
        (116.0, show, "h1", "ip neigh show"),
    ]
    threads = [threading.Thread(target=at, args=a) for a in ev]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    after = stat()
    sh(f"echo 0 > {T}/events/skb/kfree_skb/enable")
    time.sleep(0.5)
    dump.terminate()
    dump.wait()
    for t, text in sorted(lines, key=lambda x: x[0]):
        print(f"[{t:12.6f}] {text}")
    print("arp_cache differences:",
          " ".join(f"{k}={after[k] - before[k]}" for k in before if k != "entries"))
    print(sh(f"grep -o 'location=[a-z_0-9]*.*reason: NEIGH[A-Z_0-9]*' {T}/trace | "
             "sed 's/location=//; s/+[^ ]*//; s/ .*reason:/ /' | sort | uniq -c"))
    print("h1$ nstat IcmpOutDestUnreachs IcmpInDestUnreachs IcmpMsg*Type3")
    print(sh("nstat IcmpOutDestUnreachs IcmpInDestUnreachs IcmpMsg*Type3", "h1"), end="")
    print("--- tshark -n -r h1-eth0.pcap")
    print(sh(f"tshark -n -r {out}/h1-eth0.pcap 2>/dev/null"), end="")
    sh("; ".join(f"ip netns del {n}" for n in NS))
    sh(f"rm -f /tmp/{P}.nstat.*")


main()
