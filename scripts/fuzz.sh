#!/usr/bin/env bash
# scripts/fuzz.sh [SEEDS] [FRAMES] - crash-safety fuzzing under ASan+UBSan
#
# Builds skbsim with the sanitizers (build-sanitize, as test.sh does) and
# runs topologies/fuzz/ip_frames.lua for seeds 1..SEEDS (default 20), each
# with FRAMES random frames (default 20000).  Fails on the first run that
# crashes, reports a sanitizer error or leaks.  Not part of test.sh: it
# takes minutes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seeds=${1:-20}
frames=${2:-20000}
scripts/deps.sh
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j"$(nproc)" --target skbsim >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for seed in $(seq 1 "$seeds"); do
	if ! build-sanitize/skbsim run topologies/fuzz/ip_frames.lua --quiet --out "$out/$seed" \
		seed="$seed" frames="$frames" > "$out/log" 2>&1; then
		echo "fuzz: seed $seed failed:"; tail -30 "$out/log"; exit 1
	fi
	if grep -q "runtime error\|ERROR: AddressSanitizer\|LeakSanitizer" "$out/log"; then
		echo "fuzz: seed $seed: sanitizer report:"; grep -A20 "runtime error\|ERROR:" "$out/log" | head -40; exit 1
	fi
	echo "fuzz: seed $seed ok ($(grep '^InReceives' "$out/log" | tr '\t' ' '))"
done
echo "fuzz: $seeds seeds x $frames frames, no crash or sanitizer report"
