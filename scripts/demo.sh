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
if [ -d "$out/pcap" ]; then
	echo "  pcap/       one capture per interface (open with wireshark or tshark -r)"
fi
