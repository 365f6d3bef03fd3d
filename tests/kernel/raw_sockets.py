#!/usr/bin/env python3
"""tests/kernel/raw_sockets.py STEP - raw, ping and packet sockets on the real kernel

Builds h1 - r1 - h2 in network namespaces (hraw-h1, hraw-r1, hraw-h2,
veth pairs, 10.0.1.0/24 and 10.0.2.0/24; for the packet step h1 - h2 on
10.0.0.0/24) and runs the steps of tests/scenarios/raw_icmp.lua,
ping_socket.lua and packet_socket.lua with Python's socket module,
printing the same "what: result" lines (skbsim's carry a time and process
prefix: strip it with sed 's/^\\[[^]]*\\] [^ ]* [^ ]*: //').  Steps: raw,
ping, packet.  Needs root; removes its namespaces at the end.  Not run in
CI.
"""
import errno
import os
import socket
import struct
import subprocess
import sys
import time

NS = ["hraw-h1", "hraw-r1", "hraw-h2"]
SOL_RAW = 255
ICMP_FILTER = 1
IP_RECVERR = 11
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP, PACKET_DROP_MEMBERSHIP, PACKET_STATISTICS = 1, 2, 6
PACKET_MR_PROMISC = 1
ETH_P_ALL = 3


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def setup(step):
    for ns in NS:
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
        sh(f"ip netns add {ns}")
        # skbsim has no IPv6: no MLD or neighbour discovery frames here either
        sh(f"ip netns exec {ns} sysctl -q -w net.ipv6.conf.all.disable_ipv6=1")
        sh(f"ip netns exec {ns} sysctl -q -w net.ipv6.conf.default.disable_ipv6=1")
        sh(f"ip -n {ns} link set lo up")
    if step == "packet":
        sh("ip link add h1e0 netns hraw-h1 type veth peer h2e0 netns hraw-h2")
        sh("ip -n hraw-h1 link set h1e0 name eth0")
        sh("ip -n hraw-h2 link set h2e0 name eth0")
        sh("ip -n hraw-h1 addr add 10.0.0.1/24 dev eth0")
        sh("ip -n hraw-h2 addr add 10.0.0.2/24 dev eth0")
        sh("ip -n hraw-h1 link set eth0 up")
        sh("ip -n hraw-h2 link set eth0 up")
        return
    sh("ip link add h1e0 netns hraw-h1 type veth peer r1e0 netns hraw-r1")
    sh("ip link add r1e1 netns hraw-r1 type veth peer h2e0 netns hraw-h2")
    sh("ip -n hraw-h1 link set h1e0 name eth0")
    sh("ip -n hraw-r1 link set r1e0 name eth0")
    sh("ip -n hraw-r1 link set r1e1 name eth1")
    sh("ip -n hraw-h2 link set h2e0 name eth0")
    for ns, cmds in (("hraw-h1", ["addr add 10.0.1.2/24 dev eth0", "link set eth0 up",
                                  "route add default via 10.0.1.1"]),
                     ("hraw-r1", ["addr add 10.0.1.1/24 dev eth0", "addr add 10.0.2.1/24 dev eth1",
                                  "link set eth0 up", "link set eth1 up"]),
                     ("hraw-h2", ["addr add 10.0.2.2/24 dev eth0", "link set eth0 up",
                                  "route add default via 10.0.2.1"])):
        for c in cmds:
            sh(f"ip -n {ns} {c}")
    sh("ip netns exec hraw-r1 sysctl -q -w net.ipv4.ip_forward=1")


def teardown():
    for ns in NS:
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)


def fmt(v):
    if v is None:
        return "0"
    if isinstance(v, socket.socket):
        return "socket"
    if isinstance(v, tuple):
        return " ".join(str(x) for x in v)
    if isinstance(v, bytes):
        return v.decode(errors="replace")
    return str(v)


def show(what, fn, *args):
    try:
        out = fmt(fn(*args))
    except OSError as e:
        out = f"nil {os.strerror(e.errno)} {errno.errorcode[e.errno]}"
    print(f"{what}: {out}", flush=True)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f">{len(b) // 2}H", b))
    while s > 0xffff:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def echo(ident, seq, data):
    h = struct.pack(">BBHHH", 8, 0, 0, ident, seq) + data
    return struct.pack(">BBHHH", 8, 0, csum(h), ident, seq) + data


def ipinfo(r):
    d, (src, port) = r
    ihl = (d[0] & 15) * 4
    s = (f"len={len(d)} ihl={ihl} tot_len={struct.unpack('>H', d[2:4])[0]} ttl={d[8]} "
         f"proto={d[9]} src={socket.inet_ntoa(d[12:16])} dst={socket.inet_ntoa(d[16:20])}")
    if d[9] == 1 and len(d) >= ihl + 8:
        t, c, _, i, q = struct.unpack(">BBHHH", d[ihl:ihl + 8])
        s += f" icmp={t}/{c}"
        if t in (0, 8):
            s += f" id={i} seq={q}"
    else:
        s += " data=" + d[ihl:].decode()
    return s + f" from {src} {port}"


def errq(what, s):
    try:
        data, anc, flags, addr = s.recvmsg(200, 1024, socket.MSG_ERRQUEUE)
    except OSError as e:
        print(f"{what}: nil {os.strerror(e.errno)} {errno.errorcode[e.errno]}", flush=True)
        return
    for level, typ, cd in anc:
        if level == socket.IPPROTO_IP and typ == IP_RECVERR:
            ee_errno, origin, etype, code, _, info, edata = struct.unpack("=IBBBBII", cd[:16])
            off = socket.inet_ntoa(cd[20:24])
            print(f"{what}: len={len(data)} {addr[0]}:{addr[1]} {errno.errorcode[ee_errno]} "
                  f"origin={origin} type={etype} code={code} offender={off}", flush=True)


def raw_h2():
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
    s.settimeout(3)
    show("h2 raw 253 recvfrom", lambda: ipinfo(s.recvfrom(200)))
    s.close()


def raw_h1():
    show("socket raw ip", socket.socket, socket.AF_INET, socket.SOCK_RAW, 0)
    show("socket raw 256", lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, 256).close())
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    show("getsockopt ICMP_FILTER", s.getsockopt, SOL_RAW, ICMP_FILTER)
    show("getsockopt IP_HDRINCL", s.getsockopt, socket.IPPROTO_IP, socket.IP_HDRINCL)
    show("sendto echo", s.sendto, echo(0x1234, 1, b"raw-ping"), ("10.0.2.2", 0))
    show("recvfrom", lambda: ipinfo(s.recvfrom(200)))
    show("setsockopt ICMP_FILTER block 0", s.setsockopt, SOL_RAW, ICMP_FILTER, 1)
    show("sendto echo", s.sendto, echo(0x1234, 2, b"raw-ping"), ("10.0.2.2", 0))
    time.sleep(0.2)
    show("recv filtered", s.recv, 200, socket.MSG_DONTWAIT)
    show("setsockopt ICMP_FILTER only 11", s.setsockopt, SOL_RAW, ICMP_FILTER,
         struct.pack("I", ~(1 << 11) & 0xffffffff))
    show("getsockopt ICMP_FILTER", s.getsockopt, SOL_RAW, ICMP_FILTER)
    ttl1 = [(socket.IPPROTO_IP, socket.IP_TTL, struct.pack("i", 1))]
    show("sendmsg ttl 1", s.sendmsg, [echo(0x1234, 3, b"raw-ping")], ttl1, 0, ("10.0.2.2", 0))
    show("recvfrom", lambda: ipinfo(s.recvfrom(200)))
    show("setsockopt IP_RECVERR", s.setsockopt, socket.IPPROTO_IP, IP_RECVERR, 1)
    show("sendmsg ttl 1", s.sendmsg, [echo(0x1234, 4, b"raw-ping")], ttl1, 0, ("10.0.2.2", 0))
    time.sleep(0.2)
    show("recv sk_err", s.recv, 200, socket.MSG_DONTWAIT)
    errq("recvmsg MSG_ERRQUEUE", s)
    errq("recvmsg MSG_ERRQUEUE empty", s)
    show("recvfrom", lambda: ipinfo(s.recvfrom(200, socket.MSG_DONTWAIT)))
    show("setsockopt ICMP_FILTER 0", s.setsockopt, SOL_RAW, ICMP_FILTER, 0)

    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    show("IPPROTO_RAW getsockopt IP_HDRINCL", r.getsockopt, socket.IPPROTO_IP, socket.IP_HDRINCL)
    hdr = struct.pack(">BBHHHBBH", 0x45, 0, 0, 0, 0, 64, 1, 0) + bytes(4) + bytes([10, 0, 2, 2])
    show("sendto hdrincl", r.sendto, hdr + echo(0x4321, 1, b"hdrincl!"), ("10.0.2.2", 0))
    show("recvfrom reply", lambda: ipinfo(s.recvfrom(200)))
    show("sendto hdrincl 10 bytes", r.sendto, bytes(10), ("10.0.2.2", 0))
    show("sendto hdrincl ihl 15 in 24 bytes", r.sendto, bytes([0x4f]) + bytes(23), ("10.0.2.2", 0))
    show("sendto hdrincl no address", r.send, hdr + echo(0x4321, 1, b"hdrincl!"))
    show("setsockopt IP_HDRINCL on icmp", s.setsockopt, socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    show("getsockopt IP_HDRINCL", s.getsockopt, socket.IPPROTO_IP, socket.IP_HDRINCL)
    show("sendto hdrincl via icmp socket", s.sendto, hdr + echo(0x4321, 2, b"hdrincl!"),
         ("10.0.2.2", 0))
    show("recvfrom reply", lambda: ipinfo(s.recvfrom(200)))
    show("setsockopt IP_HDRINCL off", s.setsockopt, socket.IPPROTO_IP, socket.IP_HDRINCL, 0)

    p = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
    show("253 setsockopt ICMP_FILTER", p.setsockopt, SOL_RAW, ICMP_FILTER, 1)
    show("253 getsockopt ICMP_FILTER", p.getsockopt, SOL_RAW, ICMP_FILTER)
    show("253 setsockopt IP_RECVERR", p.setsockopt, socket.IPPROTO_IP, IP_RECVERR, 1)
    show("253 sendto", p.sendto, b"hello-253", ("10.0.2.2", 0))
    time.sleep(1)
    show("253 sendto again", p.sendto, b"hello-253", ("10.0.2.2", 0))
    time.sleep(0.2)
    show("253 recv sk_err", p.recv, 200, socket.MSG_DONTWAIT)
    errq("253 recvmsg MSG_ERRQUEUE", p)
    show("253 connect", p.connect, ("10.0.2.2", 0))
    show("253 getpeername", p.getpeername)
    show("253 getsockname", p.getsockname)
    show("sendto bad family len", s.sendto, b"x", socket.MSG_OOB, ("10.0.2.2", 0))
    print(open("/proc/net/raw").read(), end="")
    sh("ss -wanp")


def ping_h1():
    print("cat ping_group_range: " + open("/proc/sys/net/ipv4/ping_group_range").read().rstrip(),
          flush=True)
    show("socket dgram icmp", socket.socket, socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
    sh("sysctl -q -w net.ipv4.ping_group_range='0 0'")
    print("cat ping_group_range: " + open("/proc/sys/net/ipv4/ping_group_range").read().rstrip(),
          flush=True)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
    show("getsockname", s.getsockname)
    show("sendto echo", s.sendto, echo(999, 1, b"abcdefgh"), ("10.0.2.2", 0))
    ident = s.getsockname()[1]
    print(f"getsockname port is the id: {ident != 0}", flush=True)

    def reply(r):
        d, a = r
        t, c, _, i, q = struct.unpack(">BBHHH", d[:8])
        return f"len={len(d)} icmp={t}/{c} id_ok={i == ident} seq={q} data={d[8:].decode()} from {a[0]} {a[1]}"
    show("recvfrom", lambda: reply(s.recvfrom(200)))
    show("sendto timestamp type", s.sendto, struct.pack(">BBHHH", 13, 0, 0, 0, 1) + bytes(12),
         ("10.0.2.2", 0))
    show("sendto 4 bytes", s.sendto, b"\x08\0\0\0", ("10.0.2.2", 0))
    show("sendto code 1", s.sendto, struct.pack(">BBHHH", 8, 1, 0, 0, 1), ("10.0.2.2", 0))
    show("send unconnected", s.send, echo(0, 1, b""))
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
    show("bind 4242", b.bind, ("0.0.0.0", 4242))
    show("getsockname", b.getsockname)
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
    show("bind 4242 again", c.bind, ("0.0.0.0", 4242))
    show("bind 10.9.9.9", c.bind, ("10.9.9.9", 0))
    show("bind 10.0.1.2", c.bind, ("10.0.1.2", 0))
    show("bind twice", c.bind, ("10.0.1.2", 0))
    show("getsockopt SO_REUSEADDR", c.getsockopt, socket.SOL_SOCKET, socket.SO_REUSEADDR)
    c.close()
    show("setsockopt IP_RECVERR", b.setsockopt, socket.IPPROTO_IP, IP_RECVERR, 1)
    ttl1 = [(socket.IPPROTO_IP, socket.IP_TTL, struct.pack("i", 1))]
    show("sendmsg ttl 1", b.sendmsg, [echo(0, 7, b"12345678")], ttl1, 0, ("10.0.2.2", 0))
    time.sleep(0.2)
    show("recv sk_err", b.recv, 200, socket.MSG_DONTWAIT)
    errq("recvmsg MSG_ERRQUEUE", b)
    show("connect", b.connect, ("10.0.2.2", 0))
    show("getpeername", b.getpeername)
    show("send", b.send, echo(0, 8, b"12345678"))
    show("recv", lambda: reply_b(b.recv(200)))
    print([l for l in open("/proc/net/snmp") if l.startswith("Icmp: ") and l[6].isdigit()][0].rstrip(), flush=True)
    print(open("/proc/net/icmp").read(), end="", flush=True)
    r = subprocess.run("sysctl -w net.ipv4.ping_group_range='10 5'", shell=True,
                       capture_output=True, text=True)
    print("sysctl 10 5: " + r.stdout.strip() + r.stderr.strip(), flush=True)
    print("cat ping_group_range: " + open("/proc/sys/net/ipv4/ping_group_range").read().rstrip(),
          flush=True)
    r = subprocess.run("sysctl -w net.ipv4.ping_group_range='-1 0'", shell=True,
                       capture_output=True, text=True)
    print("sysctl -1 0: " + r.stdout.strip() + r.stderr.strip(), flush=True)
    show("socket dgram icmp", socket.socket, socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)


def reply_b(d):
    t, c, _, i, q = struct.unpack(">BBHHH", d[:8])
    return f"len={len(d)} icmp={t}/{c} id={i} seq={q}"


def packet_h2():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x88b5))
    s.bind(("eth0", 0))
    s.settimeout(3)
    for _ in range(2):
        try:
            d, a = s.recvfrom(200)
        except OSError as e:
            print(f"h2 recvfrom: {e}", flush=True)
            return
        print(f"h2 recvfrom: {d.decode()} proto={a[1]:#06x} pkttype={a[2]} hatype={a[3]} "
              f"halen={len(a[4])}", flush=True)


def packet_h1():
    show("socket packet stream", socket.socket, socket.AF_PACKET, socket.SOCK_STREAM, 0)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    show("bind eth0", s.bind, ("eth0", 0))
    own = open("/sys/class/net/eth0/address").read().strip()
    name = s.getsockname()
    print(f"getsockname: ifname={name[0]} protocol={name[1]} hatype={name[3]} own={name[4].hex(':') == own}",
          flush=True)
    d = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.sendto(b"to-port-9", ("10.0.0.2", 9))
    time.sleep(0.3)
    names = {0: "host", 1: "broadcast", 2: "multicast", 3: "otherhost", 4: "outgoing"}
    while True:
        try:
            f, a = s.recvfrom(2000, socket.MSG_DONTWAIT)
        except BlockingIOError:
            break
        print(f"all: len={len(f)} proto={a[1]:#06x} pkttype={names[a[2]]} ifname={a[0]} "
              f"src_is_own={a[4].hex(':') == own}", flush=True)
    while True:
        try:
            f, a = d.recvfrom(2000, socket.MSG_DONTWAIT)
        except BlockingIOError:
            break
        print(f"dgram ip: len={len(f)} first={f[0]:#x} pkttype={names[a[2]]}", flush=True)
    mreq = struct.pack("iHH8s", socket.if_nametoindex("eth0"), PACKET_MR_PROMISC, 0, b"")
    show("PACKET_ADD_MEMBERSHIP promisc", s.setsockopt, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
    show("PACKET_ADD_MEMBERSHIP promisc again", s.setsockopt, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
    sh("ip -d link show eth0 | grep -o 'promiscuity [0-9]*'")
    show("PACKET_DROP_MEMBERSHIP", s.setsockopt, SOL_PACKET, PACKET_DROP_MEMBERSHIP, mreq)
    sh("ip -d link show eth0 | grep -o 'promiscuity [0-9]*'")
    show("PACKET_DROP_MEMBERSHIP", s.setsockopt, SOL_PACKET, PACKET_DROP_MEMBERSHIP, mreq)
    sh("ip -d link show eth0 | grep -o 'promiscuity [0-9]*'")
    show("PACKET_DROP_MEMBERSHIP none", s.setsockopt, SOL_PACKET, PACKET_DROP_MEMBERSHIP, mreq)
    p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    show("PACKET_ADD_MEMBERSHIP other socket", p.setsockopt, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
    sh("ip -d link show eth0 | grep -o 'promiscuity [0-9]*'")
    sh("ip link show eth0 | grep -o '<[^>]*>'")
    p.close()
    sh("ip -d link show eth0 | grep -o 'promiscuity [0-9]*'")
    peer = subprocess.run("ip netns exec hraw-h2 cat /sys/class/net/eth0/address", shell=True,
                          capture_output=True, text=True).stdout.strip()
    g = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, 0)
    show("dgram sendto peer", g.sendto, b"hello-dgram", ("eth0", 0x88b5, 0, 0, bytes.fromhex(peer.replace(":", ""))))
    frame = b"\xff" * 6 + bytes.fromhex(own.replace(":", "")) + b"\x88\xb5" + b"hello-raw"
    show("raw send broadcast", s.send, frame)
    show("raw sendto 5 bytes", s.sendto, b"12345", ("eth0", 0))
    show("dgram sendto lo", g.sendto, b"x", ("lo", 0x88b5, 0, 0, b""))
    time.sleep(0.3)
    while True:
        try:
            f, a = s.recvfrom(2000, socket.MSG_DONTWAIT)
        except BlockingIOError:
            break
        print(f"all: len={len(f)} proto={a[1]:#06x} pkttype={names[a[2]]} ifname={a[0]}", flush=True)
    st = s.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
    print("PACKET_STATISTICS: tp_packets=%d tp_drops=%d" % struct.unpack("II", st), flush=True)
    st = s.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
    print("PACKET_STATISTICS: tp_packets=%d tp_drops=%d" % struct.unpack("II", st), flush=True)
    print(open("/proc/net/packet").read(), end="")
    sh("ss -0anp")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--in":
        globals()[sys.argv[2]]()
        return
    step = sys.argv[1]
    setup(step)
    try:
        server = None
        if step + "_h2" in globals():
            server = subprocess.Popen(["ip", "netns", "exec", "hraw-h2", sys.executable, __file__,
                                       "--in", step + "_h2"])
            time.sleep(0.5)
        subprocess.run(["ip", "netns", "exec", "hraw-h1", sys.executable, __file__, "--in",
                        step + "_h1"], check=True)
        if server:
            server.wait(timeout=10)
        if step == "raw":
            for ns in ("hraw-h1", "hraw-h2"):
                sh(f"ip netns exec {ns} grep '^Icmp: [0-9]' /proc/net/snmp")
    finally:
        teardown()


if __name__ == "__main__":
    main()
