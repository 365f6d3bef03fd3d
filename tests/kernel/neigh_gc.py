#!/usr/bin/env python3
# tests/kernel/neigh_gc.py - tests/scenarios/neigh_gc.lua on the real
# kernel: namespaces h15s and h15h joined by a veth pair; from a packet
# socket in h15s, 10,000 ARP requests for h's address (10.1.255.254/16),
# each from a sender address and link address of its own, then 1,000 more
# from new senders; h answers each request it can make
# a neighbour entry for (arp_process -> neigh_event_ns).  The times are the
# scenario's: 6 s and 15 s.  Prints, at the
# scenario's times, the entries of h's table by state, which senders have
# one, h's eth0 packet counts and /proc/net/stat/arp_cache.
#
# The ARP table and its gc_thresh1/2/3 are global on Linux (one table for
# every namespace); entries of other namespaces count too, so the script
# prints how many there were before it started.  arp_cache is printed as
# differences over the run, but for "entries" (the table's size).
# periodic_gc_runs depends on the phase of the kernel's 15 s GC work, not
# on the run.  Needs root and iproute2.  Not run by CI; the scenario's
# expected output was checked against it (Linux 6.18).
import ctypes, os, socket, struct, subprocess, time

NS = ["h15s", "h15h"]
t0 = 0.0


def sh(cmd, ns=None):
    if ns:
        cmd = f"ip netns exec {ns} sh -c '{cmd}'"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def sender(n):
    """the n-th sender: 10.1.(n / 250).(n % 250 + 1), 02:01:00:00:nn:nn"""
    ip = bytes([10, 1, n // 250, n % 250 + 1])
    mac = bytes([2, 1, 0, 0, n >> 8 & 0xFF, n & 0xFF])
    return ip, mac


def ip_str(n):
    return socket.inet_ntoa(sender(n)[0])


def request(n):
    ip, mac = sender(n)
    tip = bytes([10, 1, 255, 254])
    return (b"\xff" * 6 + mac + b"\x08\x06" +
            struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + mac + ip + b"\0" * 6 + tip)


def inject(first, count):
    """send from a packet socket in h15s: a child enters the namespace"""
    pid = os.fork()
    if pid == 0:
        with open("/run/netns/h15s") as fd:
            if ctypes.CDLL(None).setns(fd.fileno(), 0x40000000) != 0:    # CLONE_NEWNET
                os._exit(1)
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind(("eth0", 0))
        for n in range(first, first + count):
            s.send(request(n))
        os._exit(0)
    os.waitpid(pid, 0)


COLS = ["allocs", "destroys", "forced_gc_runs", "table_fulls", "periodic_gc_runs"]


def stat():
    rows = sh("cat /proc/net/stat/arp_cache").split("\n")
    names = rows[0].split()
    tot = [0] * len(names)
    first = None
    for r in rows[1:]:
        if r.strip():
            v = [int(b, 16) for b in r.split()]
            first = first or v[0]
            tot = [a + b for a, b in zip(tot, v)]
    d = dict(zip(names, tot))
    d["entries"] = first          # the same on every CPU's line
    return d


base = {}


def report(label):
    out = sh("ip -s neigh show", "h15h")
    states = {}
    for line in out.split("\n"):
        if line:
            st = line.split()[-1]
            states[st] = states.get(st, 0) + 1
    text = f"-- {label}\n"
    text += "h: ip -s neigh: %d entries (%s)\n" % (
        sum(states.values()), " ".join(f"{k} {v}" for k, v in sorted(states.items())))
    present = [n for n in range(11000) if f"{ip_str(n)} " in "\n" + out]
    text += "h: senders with an entry: %s\n" % ranges(present)
    link = sh("ip -s link show dev eth0", "h15h").split("\n")
    rx, tx = link[3].split()[1], link[5].split()[1]
    text += f"h: eth0 rx_packets {rx} tx_packets {tx}\n"
    s = stat()
    text += "arp_cache: entries %d %s\n" % (s["entries"], " ".join(
        f"{k} {s[k] - base[k]}" for k in COLS))
    print(text, end="", flush=True)


def ranges(ns):
    out, start, prev = [], None, None
    for n in ns:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append((start, prev))
            start = prev = n
    if start is not None:
        out.append((start, prev))
    return ", ".join(f"{ip_str(a)}-{ip_str(b)} ({b - a + 1})" for a, b in out) or "none"


def at(t, fn, *args):
    time.sleep(max(0.0, t0 + t - time.monotonic()))
    fn(*args)


def main():
    global t0, base
    sh("; ".join(f"ip netns del {n} 2>/dev/null" for n in NS))
    for n in NS:
        sh(f"ip netns add {n}")
        sh("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1", n)
    sh("ip link add eth0 netns h15s type veth peer name eth0 netns h15h")
    sh("ip link set eth0 up", "h15s")
    sh("""ip link set eth0 address 02:00:00:00:00:01; ip addr add 10.1.255.254/16 dev eth0
          ip link set eth0 up; sysctl -qw net.ipv4.neigh.eth0.gc_stale_time=10""", "h15h")
    others = sh("cat /proc/net/stat/arp_cache").split("\n")[1].split()[0]
    print(f"(entries of other namespaces before the run: {int(others, 16)})")
    # the table's (global) settings exist in the initial namespace only
    print(sh("sysctl net.ipv4.neigh.default.gc_thresh1 net.ipv4.neigh.default.gc_thresh2 "
             "net.ipv4.neigh.default.gc_thresh3 net.ipv4.neigh.default.gc_interval"), end="")
    print(sh("sysctl net.ipv4.neigh.eth0.gc_stale_time", "h15h"))
    time.sleep(1)
    base = stat()
    t0 = time.monotonic()
    at(6, inject, 0, 10000)
    at(7, report, "7 s: after 10,000 requests")
    print(sh("ip -s neigh show 10.1.0.1; ip -s neigh show 10.1.0.2", "h15h"), end="")
    at(15, inject, 10000, 1000)
    at(16, report, "16 s: after 1,000 more")
    at(24, report, "24 s")
    at(41, report, "41 s: the periodic GC has run past gc_stale_time")
    sh("; ".join(f"ip netns del {n}" for n in NS))


main()
