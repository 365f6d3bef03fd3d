#!/usr/bin/env python3
# heapsites.py BINARY HEAPTRACK_FILE.zst NODES [N]: heap at peak by allocating
# call site (innermost skbsim function <- its skbsim caller), bytes per node.
import collections, subprocess, sys
binary, data, nodes = sys.argv[1], sys.argv[2], int(sys.argv[3])
top = int(sys.argv[4]) if len(sys.argv) > 4 else 60
syms = set(l.split()[-1] for l in subprocess.run(['nm', '--defined-only', binary],
           capture_output=True, text=True).stdout.splitlines() if l.strip())
fg = data + '.fg'
subprocess.run(['heaptrack_print', '-f', data, '--print-flamegraph', fg,
                '--flamegraph-cost-type', 'peak'], capture_output=True)
agg = collections.Counter()
for line in open(fg):
    stack, cost = line.rsplit(' ', 1)
    frames = [f.split('(')[0].strip() for f in stack.split(';')]
    mine = [f for f in frames if f in syms]
    key = (mine[-1] if mine else '?', mine[-2] if len(mine) > 1 else '?')
    agg[key] += int(cost)
print(f"total heap at peak per node: {sum(agg.values()) / nodes:.0f} B ({nodes} nodes)")
for (k, c), v in agg.most_common(top):
    print(f"{v / nodes:8.0f}  {k} <- {c}")
