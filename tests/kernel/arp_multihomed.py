#!/usr/bin/env python3
# tests/kernel/arp_multihomed.py - tests/scenarios/arp_multihomed.lua on
# the real kernel: namespaces h15a, h15m, h15b joined by veth pairs (IPv6
# off, so the capture holds only ARP and ICMP), the same addresses, routes
# and link addresses, the same commands at the same times (relative to the
# start), and tcpdump on a's eth0.  Prints what the scenario prints (ip
# neigh lists sorted by address, as skbsim lists them) and the capture with
# times relative to the first frame.  Needs root, iproute2, iputils-ping,
# tcpdump and tshark.  Not run by CI; the scenario's expected files were
# checked against its output (Linux 6.18).
#   usage: arp_multihomed.py [OUTDIR]   (the pcap is kept in OUTDIR)
import ipaddress, os, subprocess, sys, threading, time

NS = ["h15a", "h15m", "h15b"]
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/h15-arp_multihomed"
t0 = 0.0
lock = threading.Lock()
lines = []


def sh(cmd, ns=None):
    if ns:
        cmd = f"ip netns exec {ns} sh -c '{cmd}'"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def by_addr(text):
    rows = [r for r in text.split("\n") if r]
    rows.sort(key=lambda r: ipaddress.ip_address(r.split()[0]))
    return "".join(r + "\n" for r in rows)


def show(ns, cmd):
    text = sh(cmd, ns)
    if cmd.startswith("ip neigh"):
        text = by_addr(text)
    return f"{ns[3:]}$ {cmd}\n{text}"


def emit(t, text):
    with lock:
        lines.append((t, len(lines), text))


def at(t, fn):
    time.sleep(max(0.0, t0 + t - time.monotonic()))
    fn()


def flush():
    sh("ip neigh flush dev eth0", "h15a")
    sh("ip neigh flush dev eth0", "h15m")


def ping(ns, args):
    subprocess.run(f"ip netns exec {ns} ping {args}", shell=True, capture_output=True)


def main():
    global t0
    sh("; ".join(f"ip netns del {n} 2>/dev/null" for n in NS))
    for n in NS:
        sh(f"ip netns add {n}")
        sh("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1", n)
    sh("ip link add eth0 netns h15a type veth peer name eth0 netns h15m")
    sh("ip link add eth1 netns h15m type veth peer name eth0 netns h15b")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:01:01
          ip addr add 10.0.1.1/24 dev eth0; ip link set eth0 up
          ip route add 10.0.5.0/24 dev eth0; ip route add 10.0.2.10/32 dev eth0""", "h15a")
    sh("""ip link set lo up; ip link set eth0 address 02:00:00:00:01:10
          ip link set eth1 address 02:00:00:00:02:10
          ip addr add 10.0.1.10/24 dev eth0; ip addr add 10.0.1.20/24 dev eth0
          ip addr add 10.0.5.10/24 dev eth0; ip addr add 10.0.1.40/32 dev eth0
          ip addr add 10.0.2.10/24 dev eth1
          ip link set eth0 up; ip link set eth1 up""", "h15m")
    sh("""ip link set eth0 address 02:00:00:00:02:01; ip addr add 10.0.2.1/24 dev eth0
          ip link set eth0 up""", "h15b")
    os.makedirs(out, exist_ok=True)
    dump = subprocess.Popen(f"ip netns exec h15a tcpdump -U -q -n -i eth0 -w {out}/a-eth0.pcap",
                            shell=True, stderr=subprocess.DEVNULL)
    time.sleep(1)
    jobs = []
    t = 1
    for v in range(3):
        def start(t=t, v=v):
            flush()
            emit(t, f"-- {t} s: arp_ignore={v}\n" +
                 show("h15m", f"sysctl -w net.ipv4.conf.all.arp_ignore={v}"))
        jobs.append((t, start))
        for i, target in enumerate(["10.0.1.10", "10.0.1.20", "10.0.5.10", "10.0.2.10", "10.0.1.40"], 1):
            jobs.append((t + 0.1 * i, lambda target=target: ping("h15a", f"-c 1 -W 1 {target}")))
        jobs.append((t + 3.5, lambda t=t: emit(t + 3.5, show("h15a", "ip neigh show") +
                                                show("h15m", "ip neigh show"))))
        t += 4
    jobs.append((t - 0.01, lambda: sh("sysctl -qw net.ipv4.conf.all.arp_ignore=0", "h15m")))
    for v in range(3):
        def start(t=t, v=v):
            flush()
            emit(t, f"-- {t} s: arp_announce={v}\n" +
                 show("h15m", f"sysctl -w net.ipv4.conf.all.arp_announce={v}"))
        jobs.append((t, start))
        for i, src in enumerate(["10.0.2.10", "10.0.1.20", "10.0.5.10"], 1):
            def one(src=src):
                sh("ip neigh flush dev eth0", "h15m")
                ping("h15m", f"-c 1 -W 1 -I {src} 10.0.1.1")
            jobs.append((t + i - 0.5, one))
        jobs.append((t + 3.5, lambda t=t: emit(t + 3.5, show("h15a", "ip neigh show"))))
        t += 4
    t0 = time.monotonic()
    threads = [threading.Thread(target=at, args=j) for j in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    time.sleep(0.5)
    dump.terminate()
    dump.wait()
    for _, _, text in sorted(lines):
        print(text, end="")
    print("--- tshark -n -r a-eth0.pcap (times relative to the first frame)")
    print(sh(f"tshark -n -r {out}/a-eth0.pcap 2>/dev/null"), end="")
    sh("; ".join(f"ip netns del {n}" for n in NS))


main()
