#!/usr/bin/env python3
# msite_report.py BINARY SITES NODES [N]: live allocations at the peak by call
# site (innermost skbsim frame <- its caller), per node, from msite.so's file.
# Chunk bytes include the 16-byte tag msite.so adds to every allocation.
import subprocess, sys, collections
binary, path, nodes = sys.argv[1], sys.argv[2], int(sys.argv[3])
top = int(sys.argv[4]) if len(sys.argv) > 4 else 60
# msite.so prints addresses relative to the executable LOAD segment
TEXT = next(int(l.split()[2], 16) for l in subprocess.run(['readelf', '-lW', binary],
            capture_output=True, text=True).stdout.splitlines()
            if l.strip().startswith('LOAD') and 'R E' in l)
rows = []
for l in open(path):
    if l.startswith('#'): print(l.strip()); continue
    n, b, a, c = l.split(); rows.append((int(n), int(b), int(a, 16), int(c, 16)))
addrs = sorted({x for r in rows for x in r[2:] if x})
out = subprocess.run(['addr2line', '-f', '-s', '-e', binary] + [hex(x + TEXT - 1) for x in addrs], capture_output=True, text=True).stdout.split('\n')
name = {a: out[2 * i] for i, a in enumerate(addrs)}
agg = collections.defaultdict(lambda: [0, 0])
for n, b, a, c in rows:
    k = (name.get(a, '?'), name.get(c, '?')); agg[k][0] += n; agg[k][1] += b
tn = sum(v[0] for v in agg.values()); tb = sum(v[1] for v in agg.values())
print(f"per node: {tn / nodes:.1f} allocations, {tb / nodes:.0f} chunk bytes")
for k, (n, b) in sorted(agg.items(), key=lambda kv: -kv[1][1])[:top]:
    print(f"{n / nodes:7.2f} {b / nodes:7.0f}  {k[0]} <- {k[1]}")
