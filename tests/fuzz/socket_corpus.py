#!/usr/bin/env python3
"""tests/fuzz/socket_corpus.py DIR - seed programs for fuzz_socket.c

Each seed is a short program in the harness's encoding (see the comment
at the top of tests/fuzz/fuzz_socket.c): a UDP datagram from h to r and
read back with IP_PKTINFO, a ping socket's echo to h2, a raw ICMP socket
with IP_HDRINCL, an AF_PACKET socket bound to r's eth0, IP_OPTIONS (record
route) and a TTL control message, the interface ioctls, getsockopt over
the options, poll with a waiter, and an expired TTL read back from the
error queue (IP_RECVERR, MSG_ERRQUEUE).
"""
import os
import struct
import sys

# call codes (low nibble), slot in bits 4-6, bit 7: socket() on r
SOCKET, BIND, CONNECT, SEND, RECV, SETOPT, GETOPT, IOCTL, GETNAME, POLL, CLOSE, RUN = \
    0, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 14
# indexes into the harness's tables
A_ANY, A_LO, A_R, A_H, A_R1, A_H2 = 0, 1, 2, 3, 4, 5
P_0, P_7, P_9 = 0, 1, 2
L_SOCKET, L_IP, L_RAW, L_PACKET, L_UDP = 0, 1, 2, 3, 4


def op(code, slot=0, on_r=False):
    return bytes([code | slot << 4 | (0x80 if on_r else 0)])


def sin(addr, port):
    return bytes([0, addr, port])


def run(exp):
    return op(RUN) + bytes([exp])


def setopt(slot, level, name, val):
    if len(val) == 4:
        return op(SETOPT, slot) + bytes([level, name, 0]) + val
    return op(SETOPT, slot) + bytes([level, name, 0x80 | len(val)]) + val


def send(slot, data, to=None, control=b"\x00", flags=0):
    n = len(data)
    head = bytes([n]) if n < 0x80 else bytes([0x80]) + struct.pack("<HB", n, 0)
    body = data[:64] + (bytes([n // 2]) if n else b"")
    name = (b"\x01" + to) if to is not None else b"\x00"
    return op(SEND, slot) + head + body + name + control + bytes([flags])


def recv(slot, length=1500, namelen=16, ctllen=64, flags=0):
    return op(RECV, slot) + struct.pack("<HBBB", length, namelen, ctllen, flags)


def cmsg(level_sock, ctype, data):
    return bytes([len(data), 1 if level_sock else 0, ctype]) + data


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return struct.pack("!H", ~s & 0xffff)


def icmp_echo(seq):
    m = bytes([8, 0, 0, 0, 0x12, 0x34, 0, seq]) + b"abcdefgh"
    return m[:2] + csum(m) + m[4:]


def i32(v):
    return struct.pack("<i", v)


seeds = {
    "udp_pktinfo": op(SOCKET, 1, True) + b"\x00" + op(BIND, 1) + sin(A_R, P_9)
    + setopt(1, L_IP, 8, i32(1))  # IP_PKTINFO
    + op(SOCKET, 0) + b"\x00" + send(0, b"hello, r" * 3, sin(A_R, P_9))
    + run(10) + recv(1) + op(GETNAME, 1) + bytes([16]) + op(CLOSE, 1),
    "ping_echo": op(SOCKET, 0) + b"\x02" + send(0, icmp_echo(1), sin(A_H2, P_0))
    + run(12) + recv(0, 64, 16, 32) + op(GETNAME, 0) + bytes([16]),
    "raw_hdrincl": op(SOCKET, 1) + b"\x03\x01"
    + op(SOCKET, 0) + b"\x03\x01" + setopt(0, L_IP, 3, i32(1))  # IP_HDRINCL
    + send(0, bytes([0x45, 0, 0, 36, 0, 1, 0, 0, 64, 1, 0, 0, 10, 0, 1, 2, 10, 0, 1, 1])
           + icmp_echo(2), sin(A_R, P_0))
    + run(12) + recv(1, 200),
    "packet_bind": op(SOCKET, 0, True) + b"\x06"
    + op(BIND, 0) + bytes([2]) + struct.pack(">H", 3)[::-1] + bytes([2, 0, 6]) + bytes(8)
    + op(SOCKET, 1) + b"\x00" + send(1, b"x" * 30, sin(A_R, P_7)) + run(10)
    + recv(0, 1600, 20, 0) + op(GETOPT, 0) + bytes([L_PACKET, 6, 0x88]),  # PACKET_STATISTICS
    "ip_options_ttl": op(SOCKET, 0) + b"\x01"
    + setopt(0, L_IP, 4, bytes([7, 11, 4]) + bytes(9))  # IP_OPTIONS: record route
    + send(0, b"rr" * 10, sin(A_H2, P_9), bytes([1]) + cmsg(False, 2, i32(5)))  # IP_TTL
    + run(12) + op(GETOPT, 0) + bytes([L_IP, 4, 0xa8]),
    "ioctls": op(SOCKET, 0) + b"\x00"
    + b"".join(op(IOCTL, 0) + bytes([r, n, 2]) for r in range(9) for n in (1, 4)),
    "getsockopt_sweep": op(SOCKET, 0) + b"\x01" + op(CONNECT, 0) + sin(A_H2, P_9)
    + b"".join(op(GETOPT, 0) + bytes([lv, nm, 4]) for lv in (L_SOCKET, L_IP) for nm in range(1, 30))
    + op(GETNAME, 0) + bytes([0x80 | 16]),
    "poll_wait": op(SOCKET, 0) + b"\x00" + op(BIND, 0) + sin(A_ANY, P_9)
    + op(POLL, 0) + b"\x02" + op(SOCKET, 1) + b"\x00"
    + send(1, b"to myself", sin(A_LO, P_9)) + run(8) + op(POLL, 0) + b"\x00"
    + recv(0, 4, 0, 0, 0x01) + recv(0, 4, 0, 0, 0x02) + op(CLOSE, 0),
    "recverr_ttl": op(SOCKET, 0) + b"\x00" + setopt(0, L_IP, 2, i32(1))  # IP_TTL
    + setopt(0, L_IP, 11, i32(1))  # IP_RECVERR
    + send(0, b"expire", sin(A_H2, 3)) + run(14) + recv(0, 100, 16, 128, 0x08),
    "packet_dgram_send": op(SOCKET, 0) + b"\x05\x00\x08"
    + send(0, bytes([0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 1, 2, 10, 0, 1, 1]),
           bytes([2]) + struct.pack(">H", 0x0800)[::-1] + bytes([2, 0, 6]) + b"\xff" * 8)
    + run(10),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "socket")
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
