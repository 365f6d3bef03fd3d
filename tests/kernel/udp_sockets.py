#!/usr/bin/env python3
"""tests/kernel/udp_sockets.py STEP - the UDP scenarios on the real kernel

Builds h1 - r1 - h2 in network namespaces (hsock-h1, hsock-r1, hsock-h2,
veth pairs, 10.0.1.0/24 and 10.0.2.0/24) and runs the steps of
tests/scenarios/udp_STEP.lua with Python's socket module, printing the
same "what: result" lines, so the two outputs compare line by line
(skbsim's have a time and process prefix: strip it with
sed 's/^\\[[^]]*\\] [^ ]* [^ ]*: //').  Steps: bind, connect, cmsg,
rcvbuf, recverr, send, deliver.  Needs root; removes its namespaces at the end.  Not run
in CI.
"""
import errno
import os
import socket
import struct
import subprocess
import sys
import time

NS = ["hsock-h1", "hsock-r1", "hsock-h2"]


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def setup():
    for ns in NS:
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
        sh(f"ip netns add {ns}")
        sh(f"ip -n {ns} link set lo up")
    sh("ip link add h1e0 netns hsock-h1 type veth peer r1e0 netns hsock-r1")
    sh("ip link add r1e1 netns hsock-r1 type veth peer h2e0 netns hsock-h2")
    sh("ip -n hsock-h1 link set h1e0 name eth0")
    sh("ip -n hsock-r1 link set r1e0 name eth0")
    sh("ip -n hsock-r1 link set r1e1 name eth1")
    sh("ip -n hsock-h2 link set h2e0 name eth0")
    for ns, cmds in (("hsock-h1", ["addr add 10.0.1.2/24 dev eth0", "link set eth0 up",
                                   "route add default via 10.0.1.1"]),
                     ("hsock-r1", ["addr add 10.0.1.1/24 dev eth0", "addr add 10.0.2.1/24 dev eth1",
                                   "link set eth0 up", "link set eth1 up"]),
                     ("hsock-h2", ["addr add 10.0.2.2/24 dev eth0", "link set eth0 up",
                                   "route add default via 10.0.2.1"])):
        for c in cmds:
            sh(f"ip -n {ns} {c}")
    sh("ip netns exec hsock-r1 sysctl -q -w net.ipv4.ip_forward=1")
    # skbsim has the kernel's defaults; this machine may not
    for ns in NS:
        sh(f"ip netns exec {ns} sysctl -q -w net.ipv4.ip_local_port_range='32768 60999'")


def teardown():
    for ns in NS:
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)


def fmt(v):
    if v is None:
        return "0"
    if isinstance(v, tuple):
        return " ".join(str(x) for x in v)
    if isinstance(v, bytes):
        return v.decode()
    return str(v)


def show(what, fn, *args):
    try:
        r = fn(*args)
        out = fmt(r)
    except OSError as e:
        out = f"nil {os.strerror(e.errno)} {errno.errorcode[e.errno]}"
    print(f"{what}: {out}", flush=True)


def udp():
    return socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def sysctl(k, v):
    with open("/proc/sys/" + k.replace(".", "/"), "w") as f:
        f.write(v)


# ---- the steps (run inside a namespace) ---------------------------------------

def step_bind():
    a, b = udp(), udp()
    show("bind 0.0.0.0:5000", a.bind, ("0.0.0.0", 5000))
    show("bind 0.0.0.0:5000 again", b.bind, ("0.0.0.0", 5000))
    show("bind 10.0.1.2:5000 under the wildcard", b.bind, ("10.0.1.2", 5000))
    show("second bind of a bound socket", a.bind, ("0.0.0.0", 5009))
    c, d = udp(), udp()
    show("bind 127.0.0.1:5001", c.bind, ("127.0.0.1", 5001))
    show("bind 10.0.1.2:5001", d.bind, ("10.0.1.2", 5001))
    e = udp()
    show("bind 0.0.0.0:5001 over both", e.bind, ("0.0.0.0", 5001))
    r1s, r2s, r3s = udp(), udp(), udp()
    r1s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    r2s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    show("SO_REUSEADDR first", r1s.bind, ("0.0.0.0", 5002))
    show("SO_REUSEADDR second", r2s.bind, ("0.0.0.0", 5002))
    show("without SO_REUSEADDR", r3s.bind, ("0.0.0.0", 5002))
    p1, p2, p3 = udp(), udp(), udp()
    p1.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    p2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    show("SO_REUSEPORT first", p1.bind, ("10.0.1.2", 5003))
    show("SO_REUSEPORT second", p2.bind, ("10.0.1.2", 5003))
    show("without SO_REUSEPORT", p3.bind, ("10.0.1.2", 5003))
    show("getsockopt SO_REUSEPORT", p2.getsockopt, socket.SOL_SOCKET, socket.SO_REUSEPORT)
    f = udp()
    show("bind 10.9.9.9 (not ours)", f.bind, ("10.9.9.9", 5004))
    f.setsockopt(socket.IPPROTO_IP, 15, 1)    # IP_FREEBIND
    show("bind 10.9.9.9 with IP_FREEBIND", f.bind, ("10.9.9.9", 5004))
    sysctl("net.ipv4.ip_nonlocal_bind", "1")
    g = udp()
    show("bind 10.9.9.10 with ip_nonlocal_bind", g.bind, ("10.9.9.10", 5004))
    sysctl("net.ipv4.ip_nonlocal_bind", "0")
    bc = udp()
    show("bind the broadcast 10.0.1.255", bc.bind, ("10.0.1.255", 5005))
    s = udp()
    show("sendto 10.0.1.255 without SO_BROADCAST", s.sendto, b"x", ("10.0.1.255", 9))
    show("connect 10.0.1.255 without SO_BROADCAST", s.connect, ("10.0.1.255", 9))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    show("sendto 10.0.1.255 with SO_BROADCAST", s.sendto, b"x", ("10.0.1.255", 9))
    sysctl("net.ipv4.ip_local_port_range", "40000 40009")
    inrange, ports, keep = 0, set(), []
    for _ in range(10):
        t = udp()
        t.bind(("0.0.0.0", 0))
        keep.append(t)
        port = t.getsockname()[1]
        if 40000 <= port <= 40009 and port not in ports:
            inrange += 1
        ports.add(port)
    print(f"ephemeral ports in 40000-40009: {inrange}")
    t = udp()
    show("the eleventh port 0 bind", t.bind, ("0.0.0.0", 0))
    t = udp()
    show("sendto from an unbound socket with the range used up", t.sendto, b"x", ("10.0.1.1", 9))
    sysctl("net.ipv4.ip_local_port_range", "32768 60999")
    show("socket(9999, dgram)", socket.socket, 9999, socket.SOCK_DGRAM)
    show("socket(inet, dgram, tcp)", socket.socket, socket.AF_INET, socket.SOCK_DGRAM, 6)
    show("socket(inet, 99)", socket.socket, socket.AF_INET, 99)
    show("setsockopt SOL_SOCKET 9999", s.setsockopt, socket.SOL_SOCKET, 9999, 1)
    show("setsockopt IPPROTO_IP 9999", s.setsockopt, socket.IPPROTO_IP, 9999, 1)
    show("setsockopt SO_BINDTODEVICE eth7", s.setsockopt, socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"eth7")
    show("setsockopt IP_TTL 0", s.setsockopt, socket.IPPROTO_IP, socket.IP_TTL, 0)
    show("setsockopt IP_TTL 256", s.setsockopt, socket.IPPROTO_IP, socket.IP_TTL, 256)
    show("getsockopt SO_TYPE", s.getsockopt, socket.SOL_SOCKET, socket.SO_TYPE)
    show("getsockopt IP_TTL", s.getsockopt, socket.IPPROTO_IP, socket.IP_TTL)
    show("getsockopt IP_MTU unconnected", s.getsockopt, socket.IPPROTO_IP, 14)
    fd = s.detach()
    show("close", os.close, fd)
    show("close again", os.close, fd)


def step_connect():
    s = udp()
    show("connect 10.0.2.2:9", s.connect, ("10.0.2.2", 9))
    show("getpeername", s.getpeername)
    show("send", s.send, b"ping")
    time.sleep(0.2)
    show("send after port unreachable", s.send, b"ping")
    show("send again", s.send, b"ping")
    time.sleep(0.2)
    show("recv after port unreachable", s.recv, 100)
    show("recv again", s.recv, 100, socket.MSG_DONTWAIT)
    show("send", s.send, b"ping")
    time.sleep(0.2)
    show("getsockopt SO_ERROR", s.getsockopt, socket.SOL_SOCKET, socket.SO_ERROR)
    show("getsockopt SO_ERROR again", s.getsockopt, socket.SOL_SOCKET, socket.SO_ERROR)
    u = udp()
    show("unconnected sendto", u.sendto, b"ping", ("10.0.2.2", 9))
    time.sleep(0.2)
    show("unconnected sendto again", u.sendto, b"ping", ("10.0.2.2", 9))
    show("unconnected recv", u.recv, 100, socket.MSG_DONTWAIT)
    unspec = struct.pack("=H14x", socket.AF_UNSPEC)
    show("disconnect", libc_connect, s, unspec)
    show("getpeername", s.getpeername)
    show("send", s.send, b"ping")
    addr, port = s.getsockname()
    print(f"getsockname: {addr} {'ephemeral' if 32768 <= port <= 60999 else port}")
    b = udp()
    b.bind(("0.0.0.0", 6000))
    show("connect a bound socket", b.connect, ("10.0.2.2", 9))
    show("getsockname", b.getsockname)
    show("disconnect", libc_connect, b, unspec)
    show("getsockname", b.getsockname)
    d = udp()
    d.setsockopt(socket.SOL_SOCKET, socket.SO_DONTROUTE, 1)
    show("SO_DONTROUTE sendto 10.0.2.2", d.sendto, b"x", ("10.0.2.2", 9))
    show("SO_DONTROUTE sendto 10.0.1.1", d.sendto, b"x", ("10.0.1.1", 9))
    show("MSG_DONTROUTE sendto 10.0.2.2", u.sendto, b"x", socket.MSG_DONTROUTE, ("10.0.2.2", 9))
    show("sendto port 0", u.sendto, b"x", ("10.0.2.2", 0))
    show("send unconnected", u.send, b"x")
    show("SO_DONTROUTE connect 10.0.3.9", d.connect, ("10.0.3.9", 9))


IP_RECVTOS = 13
IP_RECVTTL = 12
IP_PKTINFO = 8


def showmsg(what, r):
    data, anc, flags, addr = r[0], r[1], r[2], r[3]
    ttl = tos = pi = None
    for level, typ, d in anc:
        if level == socket.IPPROTO_IP and typ == socket.IP_TTL:
            ttl = struct.unpack("=i", d)[0]
        elif level == socket.IPPROTO_IP and typ == socket.IP_TOS:
            tos = d[0]
        elif level == socket.IPPROTO_IP and typ == IP_PKTINFO:
            idx, spec, a = struct.unpack("=i4s4s", d)
            name = "eth0" if idx == socket.if_nametoindex("eth0") else str(idx)
            pi = f"{name},{socket.inet_ntoa(spec)},{socket.inet_ntoa(a)}"
    fl = [n for n, v in (("MSG_TRUNC", socket.MSG_TRUNC), ("MSG_CTRUNC", socket.MSG_CTRUNC)) if flags & v]
    print(f"{what}: {r[4]} len={r[5]} {addr[0]}:{addr[1]} flags={','.join(fl)} "
          f"ttl={ttl if ttl is not None else 'nil'} tos={tos} pktinfo={pi if pi else 'nil'}", flush=True)


def recvmsg(s, n, flags=0):
    """recvmsg with MSG_TRUNC added, as skbsim's s:recvmsg: len is the whole datagram"""
    buf = bytearray(n)
    nbytes, anc, fl, addr = s.recvmsg_into([buf], 512, flags | socket.MSG_TRUNC)
    return (None, anc, fl, addr, bytes(buf[:min(n, nbytes)]).decode(), nbytes)


def step_cmsg_server():
    s = udp()
    s.bind(("0.0.0.0", 7))
    s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
    s.setsockopt(socket.IPPROTO_IP, IP_RECVTTL, 1)
    s.setsockopt(socket.IPPROTO_IP, IP_RECVTOS, 1)
    showmsg("recvmsg", recvmsg(s, 100))
    showmsg("recvmsg MSG_PEEK 4", recvmsg(s, 4, socket.MSG_PEEK))
    show("recv 4", s.recv, 4)
    showmsg("recvmsg cmsg TTL 5 TOS 0x20", recvmsg(s, 100))
    show("recvfrom", lambda: (lambda d, a: (d.decode(), a[0], a[1]))(*s.recvfrom(100)))
    showmsg("recvmsg empty datagram", recvmsg(s, 100))
    show("recv MSG_DONTWAIT", s.recv, 100, socket.MSG_DONTWAIT)
    s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 0)
    s.setsockopt(socket.IPPROTO_IP, IP_RECVTTL, 0)
    showmsg("recvmsg without cmsgs", recvmsg(s, 100))
    show("getsockopt IP_RECVTOS", s.getsockopt, socket.IPPROTO_IP, IP_RECVTOS)


def step_cmsg_client():
    s = udp()
    s.bind(("0.0.0.0", 4000))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0x10)
    s.sendto(b"hello", ("10.0.2.2", 7))
    s.sendto(b"0123456789", ("10.0.2.2", 7))
    s.sendmsg([b"ttl5"], [(socket.IPPROTO_IP, socket.IP_TTL, struct.pack("=i", 5)),
                          (socket.IPPROTO_IP, socket.IP_TOS, struct.pack("=i", 0x20))],
              0, ("10.0.2.2", 7))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0)
    s.sendto(b"plain", ("10.0.2.2", 7))
    s.sendto(b"", ("10.0.2.2", 7))
    time.sleep(0.1)
    s.sendto(b"last", ("10.0.2.2", 7))


IP_RECVERR = 11


def showerr(what, s, n, flags):
    try:
        buf = bytearray(n)
        nbytes, anc, fl, addr = s.recvmsg_into([buf], 512, flags | socket.MSG_TRUNC)
    except OSError as e:
        print(f"{what}: nil {os.strerror(e.errno)} {errno.errorcode[e.errno]}", flush=True)
        return
    for level, typ, d in anc:
        if level == socket.IPPROTO_IP and typ == IP_RECVERR:
            ee_errno, origin, typ_, code, pad, info, data = struct.unpack("=IBBBBII", d[:16])
            fam, port, off = struct.unpack("=HH4s", d[16:24])
    names = [n_ for n_, v in (("MSG_TRUNC", socket.MSG_TRUNC), ("MSG_ERRQUEUE", socket.MSG_ERRQUEUE))
             if fl & v]
    print(f"{what}: {bytes(buf[:min(n, nbytes)]).decode()} len={nbytes} {addr[0]}:{addr[1]} "
          f"flags={','.join(names)} {errno.errorcode[ee_errno]} ee_errno={ee_errno} origin={origin} "
          f"type={typ_} code={code} info={info} data={data} "
          f"offender={socket.inet_ntoa(off) if fam == socket.AF_INET else 'nil'}", flush=True)


def pollerr(s):
    import select
    p = select.poll()
    p.register(s, select.POLLIN)
    r = p.poll(0)
    ev = r[0][1] if r else 0
    return (len(r), "in" if ev & select.POLLIN else "-", "err" if ev & select.POLLERR else "-")


def step_recverr():
    s = udp()
    s.bind(("0.0.0.0", 40400))
    s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
    show("getsockopt IP_RECVERR", s.getsockopt, socket.IPPROTO_IP, IP_RECVERR)
    show("sendto 10.0.2.2:9", s.sendto, b"probe-1", ("10.0.2.2", 9))
    time.sleep(0.2)
    show("poll", pollerr, s)
    show("recv", s.recv, 100, socket.MSG_DONTWAIT)
    showerr("recvmsg MSG_ERRQUEUE", s, 100, socket.MSG_ERRQUEUE)
    showerr("recvmsg MSG_ERRQUEUE empty", s, 100, socket.MSG_ERRQUEUE)
    show("poll", pollerr, s)
    show("sendmsg TTL 1", s.sendmsg, [b"probe-2"],
         [(socket.IPPROTO_IP, socket.IP_TTL, struct.pack("=i", 1))], 0, ("10.0.2.2", 9))
    time.sleep(0.2)
    showerr("recvmsg MSG_ERRQUEUE 3 bytes", s, 3, socket.MSG_ERRQUEUE)
    show("getsockopt SO_ERROR", s.getsockopt, socket.SOL_SOCKET, socket.SO_ERROR)
    show("sendto a", s.sendto, b"a", ("10.0.2.2", 9))
    time.sleep(0.05)
    show("sendto b", s.sendto, b"b", ("10.0.2.2", 9))
    show("sendto c", s.sendto, b"c", ("10.0.2.2", 9))
    time.sleep(0.2)
    showerr("first", s, 100, socket.MSG_ERRQUEUE)
    show("getsockopt SO_ERROR", s.getsockopt, socket.SOL_SOCKET, socket.SO_ERROR)
    showerr("second", s, 100, socket.MSG_ERRQUEUE)
    show("getsockopt SO_ERROR", s.getsockopt, socket.SOL_SOCKET, socket.SO_ERROR)
    show("sendto 10.0.2.2:9", s.sendto, b"d", ("10.0.2.2", 9))
    time.sleep(0.2)
    s.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 0)
    showerr("after IP_RECVERR off", s, 100, socket.MSG_ERRQUEUE)


def snmp_icmp():
    lines = [l for l in open("/proc/net/snmp") if l.startswith("Icmp: ") and l[6].isdigit()]
    print(lines[0].rstrip())


def step_rcvbuf_server():
    s = udp()
    for v in (1, 0, 4096, 100000, 1000000000, -1):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, v)
        show(f"SO_RCVBUF {v}", s.getsockopt, socket.SOL_SOCKET, socket.SO_RCVBUF)
    for v in (1, 4096, 1000000000):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, v)
        show(f"SO_SNDBUF {v}", s.getsockopt, socket.SOL_SOCKET, socket.SO_SNDBUF)
    s.setsockopt(socket.SOL_SOCKET, 33, 1000000)     # SO_RCVBUFFORCE
    show("SO_RCVBUFFORCE 1000000", s.getsockopt, socket.SOL_SOCKET, socket.SO_RCVBUF)
    r = udp()
    show("default SO_RCVBUF SO_SNDBUF", lambda: (r.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF),
                                                 r.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)))
    r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    r.bind(("0.0.0.0", 7))
    time.sleep(2)
    print(subprocess.run(["ss", "-uan"], capture_output=True, text=True).stdout, end="", flush=True)
    n = nbytes = 0
    while True:
        try:
            d = r.recv(2000, socket.MSG_DONTWAIT)
        except OSError:
            break
        n, nbytes = n + 1, nbytes + len(d)
    print(f"datagrams read: {n} {nbytes}", flush=True)


def step_rcvbuf_client():
    time.sleep(0.5)
    s = udp()
    for _ in range(20):
        s.sendto(b"x" * 100, ("10.0.2.2", 7))
    for _ in range(5):
        s.sendto(b"y" * 1000, ("10.0.2.2", 7))


def step_send_server():
    import select
    s = udp()
    s.bind(("0.0.0.0", 7))
    p = select.poll()
    p.register(s, select.POLLIN)
    r = p.poll(100)
    print(f"poll 100ms: {len(r)} {'nil' if not r else r}", flush=True)
    for _ in range(5):
        d = s.recv(70000)
        print(f"datagram: {len(d)} {d[:12].decode()}", flush=True)
    print(f"poll 0: {len(p.poll(0))}", flush=True)


def step_send_client():
    time.sleep(0.5)
    s = udp()
    s.connect(("10.0.2.2", 7))
    show("UDP_CORK on", s.setsockopt, socket.IPPROTO_UDP, 1, 1)
    show("send abc", s.send, b"abc")
    show("send def", s.send, b"def")
    show("getsockopt UDP_CORK", s.getsockopt, socket.IPPROTO_UDP, 1)
    show("UDP_CORK off", s.setsockopt, socket.IPPROTO_UDP, 1, 0)
    show("send MSG_MORE", s.send, b"more1", socket.MSG_MORE)
    show("send", s.send, b"more2")
    show("send 3000", s.send, b"z" * 3000)
    show("send 65508", s.send, b"z" * 65508)
    show("send 65507", s.send, b"y" * 65507)
    show("IP_MTU", s.getsockopt, socket.IPPROTO_IP, 14)
    show("IP_MTU_DISCOVER", s.getsockopt, socket.IPPROTO_IP, 10)
    s.setsockopt(socket.IPPROTO_IP, 10, 2)
    show("send 3000 with IP_PMTUDISC_DO", s.send, b"z" * 3000)
    show("send 1472 with IP_PMTUDISC_DO", s.send, b"w" * 1472)


def step_deliver_server():
    def mk(addr, after=None):
        s = udp()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, 7))
        if after:
            after(s)
        return s
    a = mk("0.0.0.0")
    b = mk("0.0.0.0")
    c = mk("10.0.2.2")
    d = mk("0.0.0.0", lambda s: s.connect(("10.0.1.2", 5555)))
    socks = {"a": a, "b": b, "c": c, "d": d}
    for n, dev in (("e", None), ("f", b"eth0"), ("g", None)):
        s = udp()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if dev:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, dev)
        s.bind(("0.0.0.0", 8))
        socks[n] = s
    for n in "hi":
        s = udp()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 10))
        socks[n] = s
    time.sleep(2)
    for n in "abcdefghi":
        while True:
            try:
                data = socks[n].recv(100, socket.MSG_DONTWAIT)
            except OSError:
                break
            print(f"{n} got {data.decode()}", flush=True)


def step_deliver_client():
    time.sleep(0.5)
    s = udp()
    s.bind(("0.0.0.0", 5555))
    s.sendto(b"unicast to 10.0.2.2:7", ("10.0.2.2", 7))
    s.sendto(b"unicast to 10.0.2.2:8", ("10.0.2.2", 8))
    s.sendto(b"unicast to 10.0.2.2:10", ("10.0.2.2", 10))
    t = udp()
    t.bind(("0.0.0.0", 5556))
    t.sendto(b"from port 5556 to 7", ("10.0.2.2", 7))


def step_deliver_r1():
    s = udp()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.sendto(b"broadcast to 7", ("10.0.2.255", 7))
    s.sendto(b"broadcast to 9", ("10.0.2.255", 9))


def libc_connect(s, raw):
    """connect() with a raw sockaddr (AF_UNSPEC), which Python cannot make"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    buf = ctypes.create_string_buffer(raw, len(raw))
    if libc.connect(s.fileno(), buf, len(raw)) < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def snmp_udp():
    lines = [l for l in open("/proc/net/snmp") if l.startswith("Udp: ") and l[5].isdigit()]
    print(lines[0].rstrip())


STEPS = {"bind": ("hsock-h1", step_bind), "connect": ("hsock-h1", step_connect),
         "cmsg": ("hsock-h1", step_cmsg_client), "recverr": ("hsock-h1", step_recverr),
         "rcvbuf": ("hsock-h1", step_rcvbuf_client), "send": ("hsock-h1", step_send_client),
         "deliver": ("hsock-h1", step_deliver_client)}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--in":
        role = sys.argv[2]
        globals()[role]()
        return
    step = sys.argv[1]
    setup()
    # net.core.[rw]mem_max are not per namespace: the defaults for the test
    saved = {k: open(f"/proc/sys/net/core/{k}").read() for k in ("rmem_max", "wmem_max")}
    for k in saved:
        sysctl(f"net.core.{k}", "212992")
    try:
        ns, fn = STEPS[step]
        server = None
        if "step_" + step + "_server" in globals():
            server = subprocess.Popen(["ip", "netns", "exec", "hsock-h2", sys.executable, __file__,
                                       "--in", "step_" + step + "_server"])
            time.sleep(0.5)
        subprocess.run(["ip", "netns", "exec", ns, sys.executable, __file__, "--in", fn.__name__],
                       check=True)
        if "step_" + step + "_r1" in globals():
            subprocess.run(["ip", "netns", "exec", "hsock-r1", sys.executable, __file__, "--in",
                            "step_" + step + "_r1"], check=True)
        if server:
            server.wait(timeout=10)
        for ns in {"bind": ("hsock-h1", "hsock-r1"), "rcvbuf": ("hsock-h2",),
                   "deliver": ("hsock-h2",)}.get(step, ("hsock-h1", "hsock-h2")):
            subprocess.run(["ip", "netns", "exec", ns, sys.executable, __file__, "--in", "snmp_udp"], check=True)
        if step == "recverr":
            subprocess.run(["ip", "netns", "exec", "hsock-h1", sys.executable, __file__, "--in", "snmp_icmp"],
                           check=True)
    finally:
        for k, v in saved.items():
            sysctl(f"net.core.{k}", v.strip())
        teardown()


if __name__ == "__main__":
    main()
