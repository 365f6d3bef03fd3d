#!/usr/bin/env bash
# scripts/soak.sh [N] [SEED] - determinism soak: N random scenarios, each run twice
#
# tests/fuzz/soak_gen.py writes scenario SEED+i (i = 0..N-1; N default 20,
# SEED default 1): random hosts, routers and bridges, links, addresses and
# routes, ping and pktgen traffic, links set down and up at random times.
# tests/fuzz/soak_one.sh runs each twice with the ASan+UBSan build
# (build-sanitize, as test.sh, or $SOAK_BUILD); both runs must exit 0 with
# nothing on stderr (no sanitizer report, leaked simulator object or
# scenario error) and give byte-identical stdout and pcaps and the same
# metrics.db rows.  A failing scenario's directory is kept and named.
# The last line says how many were soaked and how many failed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
n=${1:-20}
seed=${2:-1}
case "$n$seed" in *[!0-9]*|'') echo "usage: scripts/soak.sh [N] [SEED]" >&2; exit 2 ;; esac

scripts/deps.sh
build=${SOAK_BUILD:-build-sanitize}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=ON >/dev/null
cmake --build "$build" -j"${JOBS:-$(nproc)}" --target skbsim >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
for i in $(seq 0 $((n - 1))); do
	tests/fuzz/soak_one.sh "$build/skbsim" $((seed + i)) || failed=$((failed + 1))
done
echo "soak: $n scenarios soaked (seeds $seed..$((seed + n - 1))), $failed failed"
[ "$failed" -eq 0 ]
