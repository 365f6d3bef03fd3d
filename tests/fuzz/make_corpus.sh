#!/usr/bin/env bash
# tests/fuzz/make_corpus.sh [SKBSIM] - (re)makes the seed corpora in tests/fuzz/corpus/
#
# Frames: runs a few scenario tests with --out and takes frames from their
# pcaps (plain libpcap files): one of each kind (EtherType, IP protocol,
# ICMP type, fragment or not, size class), at most 40 per receive
# harness, each behind the control byte fuzz_rx.c reads.  Command lines:
# the ip/tc/sysctl/ethtool/bridge/brctl lines the scenarios and topologies
# type (without the command word), echo/cat lines for the sh harness.
# Values: a fixed list for the parse harness; /proc writes for proc.
# Socket programs: tests/fuzz/socket_corpus.py (fuzz_socket.c's encoding).
# SKBSIM: a built skbsim (default build/skbsim).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
skbsim=$(realpath "${1:-$top/build/skbsim}")
corpus=$top/tests/fuzz/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scenarios="ip_frag ping_options route_pmtu route_redirect udp_recverr neigh_unreachable
           ip_hdr_sanity bridge_stp_ring bridge_vlan bridge_stp_bpdu_bad bridge_learn"
for s in $scenarios; do
	[ -f "$top/tests/scenarios/$s.lua" ] || continue
	args=()
	[ -f "$top/tests/scenarios/$s.args" ] && read -r -a args < "$top/tests/scenarios/$s.args"
	(cd "$top/tests/scenarios" && "$skbsim" run "$s.lua" --quiet --out "$work/$s" \
		"${args[@]}" >/dev/null 2>&1) || echo "make_corpus: $s failed (skipped)" >&2
done

rm -rf "$corpus"
mkdir -p "$corpus"
python3 - "$work" "$corpus" "$top" <<'PY'
import glob, hashlib, os, re, struct, subprocess, sys

work, corpus, top = sys.argv[1:4]

def frames(path):
    data = open(path, 'rb').read()
    if len(data) < 24:
        return
    magic = data[:4]
    end = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(end + 'IIII', data[off:off + 16])
        off += 16
        yield data[off:off + incl]
        off += incl

def kind(f):
    et = f[12] << 8 | f[13] if len(f) >= 14 else 0
    k = [et, len(f) // 256]
    if et == 0x0800 and len(f) >= 34:
        ip = f[14:]
        k += [ip[9], ip[0] & 15, (ip[6] << 8 | ip[7]) & 0x3fff != 0]
        ihl = (ip[0] & 15) * 4
        if ip[9] == 1 and len(ip) > ihl:
            k.append(ip[ihl])
    elif et == 0x0806 and len(f) >= 22:
        k.append(f[21])
    elif et == 0x8100 and len(f) >= 18:
        k.append(f[16] << 8 | f[17])
    return tuple(k)

def save(name, items):
    d = os.path.join(corpus, name)
    os.makedirs(d, exist_ok=True)
    for item in items:
        h = hashlib.sha1(item).hexdigest()[:16]
        open(os.path.join(d, h), 'wb').write(item)

bridge_pcaps = sorted(glob.glob(os.path.join(work, 'bridge_*', 'pcap', '*.pcap')))
ip_pcaps = sorted(p for p in glob.glob(os.path.join(work, '*', 'pcap', '*.pcap'))
                  if p not in bridge_pcaps)

def pick(pcaps, limit):
    seen, out = set(), []
    for p in pcaps:
        for f in frames(p):
            k = kind(f)
            if k not in seen and len(f) >= 14:
                seen.add(k)
                out.append(f)
    return out[:limit]

# control byte (fuzz_rx.c): device 0, destination = the device's own MAC,
# checksums fixed; for the bridge the frames as captured (STP: bit 2-3 = 3)
ipf = pick(ip_pcaps, 36)
save('rx_host', [bytes([0x34]) + f for f in ipf])
save('rx_router', [bytes([0x34 | (i % 3)]) + f for i, f in enumerate(ipf)])
brf = pick(bridge_pcaps, 30) + ipf[:8]
save('rx_bridge', [bytes([(i % 4) | (0x0c if f[:6] == b'\x01\x80\xc2\x00\x00\x00' else 0)]) + f
                   for i, f in enumerate(brf)])

# command lines the project's scenarios type
lines = {c: set() for c in ('ip', 'tc', 'sysctl', 'ethtool', 'bridge', 'brctl')}
sh = set()
for lua in sorted(glob.glob(os.path.join(top, 'tests/scenarios/*.lua')) +
                  glob.glob(os.path.join(top, 'topologies/**/*.lua'), recursive=True)):
    for raw in open(lua, errors='replace'):
        for part in re.split(r'\\n|"|\[\[|\]\]', raw):
            part = part.strip()
            m = re.match(r'^(ip|tc|sysctl|ethtool|bridge|brctl) (.*)$', part)
            if m and '..' not in part:
                lines[m.group(1)].add(m.group(2))
            if re.match(r'^(echo|cat) ', part) and '..' not in part:
                sh.add(part)
for c, ls in lines.items():
    save(c, [l.encode() for l in sorted(ls)[:40]])
save('sh', [l.encode() for l in sorted(sh)[:30]] +
     [b'ip link set eth0 down\nip link set eth0 up\ncat /proc/net/dev',
      b'echo 1 > /proc/sys/net/ipv4/ip_forward\ncat /proc/sys/net/ipv4/ip_forward',
      b'sysctl -w net.ipv4.conf.all.rp_filter=1 \\\n  net.ipv4.ip_default_ttl=3'])
save('parse', [s.encode() for s in (
    '1.5s', '250ms', '10us', '40ns', '0.5ns', '1h', '100Mbit', '1Gbit', '64kbit', '1.5mbps',
    '10.0.1.2', '10.0.0.0/8', '10.1/255.255.0.0', '0x0a.1', 'default', 'all', '::1',
    '02:00:00:00:00:01', 'aa:bb', '4294967295', '0x10', 'main', 'kernel', 'link', 'unicast',
    'a "b c" \'d\'', '9223372036.854775807s')])
# proc: index (2 bytes), op (0 write, 1 append, 2 read), text
save('proc', [bytes([i >> 8, i & 255, op]) + v for i, (op, v) in enumerate(
    [(0, b'1'), (0, b'0'), (1, b'2'), (2, b''), (0, b'65535'), (0, b'-1'), (0, b'1 2 3'),
     (0, b'abc'), (1, b'4096 87380 6291456'), (0, b'0x10')] * 3)])
# socket: programs of socket calls, written by socket_corpus.py
subprocess.run([sys.executable, os.path.join(os.path.dirname(corpus), 'socket_corpus.py'),
                os.path.join(corpus, 'socket')], check=True)
for d in sorted(os.listdir(corpus)):
    print('make_corpus: %-10s %3d files' % (d, len(os.listdir(os.path.join(corpus, d)))))
PY
