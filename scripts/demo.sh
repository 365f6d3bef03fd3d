#!/usr/bin/env bash
# scripts/demo.sh - install what is missing, build, run the demo scenario
# and say where its outputs went.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scenario=${1:-topologies/examples/router.lua}

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

out="$top/out/demo"
echo "== skbsim run $scenario =="
build/skbsim run "$scenario" --out "$out"
echo
echo "Outputs of this run are in $out:"
echo "  metrics.db  (SQLite; schema in docs/metrics.md), e.g."
echo "      sqlite3 $out/metrics.db 'SELECT * FROM node_output'"
echo "      sqlite3 $out/metrics.db 'SELECT node, scope, name, value FROM counters_final WHERE value > 0'"
if [ -d "$out/pcap" ]; then
	echo "  pcap/       one capture per interface (open with wireshark or tshark -r):"
	for p in "$out"/pcap/*.pcap; do
		echo "      $(basename "$p")"
	done
	first=$(find "$out/pcap" -name '*-eth0.pcap' | sort | head -1)
	[ -n "$first" ] && echo "      e.g. tshark -r $first"
fi
if [ "$scenario" = topologies/examples/router.lua ]; then
	echo "What it all means, step by step: docs/labs/first-router.md"
fi
