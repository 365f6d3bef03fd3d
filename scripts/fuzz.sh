#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [HARNESS...] - libFuzzer harnesses under ASan+UBSan
# scripts/fuzz.sh --lua [SEEDS] [FRAMES]   - random frames from a Lua scenario
#
# The first form builds tests/fuzz with clang (SKBSIM_FUZZ=ON, in
# build-fuzz, or $FUZZ_BUILD), installing clang and libFuzzer through
# scripts/deps.sh --fuzz if they are missing, then runs each harness (all
# of them, or those named) for its share of SECONDS (default 60 in all,
# at least 1 s each), starting from its seed corpus (tests/fuzz/corpus/)
# and the crashers kept so far (tests/fuzz/regressions/).  New corpus
# entries stay in a temporary directory; the committed seeds do not grow.
# It prints the inputs executed, coverage and peak RSS per harness, and
# fails if any harness crashed, leaked, hung or made a sanitizer report;
# the input that did is saved as tests/fuzz/regressions/<harness>/
# <kind>-<sha1>, which every test run then replays (ctest fuzz/<harness>).
#
# The second form is the older crash-safety run: build-sanitize/skbsim runs
# topologies/fuzz/ip_frames.lua for seeds 1..SEEDS (default 20), FRAMES
# random frames each (default 20000), and fails on the first run that
# crashes, reports a sanitizer error or leaks.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

lua_mode() {
	local seeds=${1:-20} frames=${2:-20000} seed
	scripts/deps.sh
	cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=ON >/dev/null
	cmake --build build-sanitize -j"$(nproc)" --target skbsim >/dev/null
	out=$(mktemp -d)		# global: the EXIT trap runs after we return
	trap 'rm -rf "$out"' EXIT
	for seed in $(seq 1 "$seeds"); do
		if ! build-sanitize/skbsim run topologies/fuzz/ip_frames.lua --quiet --out "$out/$seed" \
			seed="$seed" frames="$frames" > "$out/log" 2>&1; then
			echo "fuzz: seed $seed failed:"; tail -30 "$out/log"; exit 1
		fi
		if grep -q "runtime error\|ERROR: AddressSanitizer\|LeakSanitizer" "$out/log"; then
			echo "fuzz: seed $seed: sanitizer report:"
			grep -A20 "runtime error\|ERROR:" "$out/log" | head -40; exit 1
		fi
		echo "fuzz: seed $seed ok ($(grep '^InReceives' "$out/log" | tr '\t' ' '))"
	done
	echo "fuzz: $seeds seeds x $frames frames, no crash or sanitizer report"
}

if [ "${1:-}" = "--lua" ]; then
	shift
	lua_mode "$@"
	exit 0
fi

seconds=${1:-60}
shift || true
case $seconds in
''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS...] | --lua [SEEDS] [FRAMES]" >&2
	exit 2 ;;
esac
all=(ip sysctl ethtool tc bridge brctl sh proc parse rx_host rx_router rx_bridge socket)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

scripts/deps.sh --fuzz
build=${FUZZ_BUILD:-build-fuzz}
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release \
	-DSKBSIM_FUZZ=ON -DSKBSIM_TESTS=OFF -DSKBSIM_BENCH=OFF >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$build" -j"${JOBS:-$(nproc)}" "${targets[@]}" >/dev/null

share=$((seconds / ${#harnesses[@]}))
[ "$share" -ge 1 ] || share=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
printf "fuzz: %d harness(es), %d s each\n" "${#harnesses[@]}" "$share"
for h in "${harnesses[@]}"; do
	bin=$build/tests/fuzz/fuzz_$h
	[ -x "$bin" ] || { echo "fuzz: no harness $h" >&2; exit 2; }
	mkdir -p "$work/$h/corpus" "$work/$h/art"
	cp tests/fuzz/corpus/"$h"/* "$work/$h/corpus/" 2>/dev/null || true
	cp tests/fuzz/regressions/"$h"/* "$work/$h/corpus/" 2>/dev/null || true
	case $h in rx_*) maxlen=1600 ;; *) maxlen=1024 ;; esac
	set +e
	# leaks: LeakSanitizer after each input (libFuzzer's default with ASan)
	# and the harness's own check of simulator objects at each world reset
	(cd "$work/$h" && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$top/$bin" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$maxlen" -print_final_stats=1 -artifact_prefix="$work/$h/art/" \
		corpus > log 2>&1)
	rc=$?
	set -e
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h/log" | tail -1)
	[ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$work/$h/log" | tail -1 | tr -d '#')
	cov=$(grep -o 'cov: [0-9]*' "$work/$h/log" | tail -1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$h/log" | tail -1)
	if [ "$rc" -ne 0 ] || ls "$work/$h/art/" | grep -q .; then
		failed=1
		mkdir -p "tests/fuzz/regressions/$h"
		for a in "$work/$h"/art/*; do
			[ -f "$a" ] || continue
			cp "$a" "tests/fuzz/regressions/$h/"
			echo "fuzz: $h: saved tests/fuzz/regressions/$h/$(basename "$a")"
		done
		printf "fuzz: %-10s FAILED after %s inputs (exit %d):\n" "$h" "${execs:-?}" "$rc"
		grep -m1 -A25 "ERROR:\|runtime error\|fuzz: \|deadly signal" "$work/$h/log" | head -40
	else
		printf "fuzz: %-10s %10s inputs in %3d s, %s, peak RSS %s MB, no crash, leak or sanitizer report\n" \
			"$h" "${execs:-?}" "$share" "${cov:-cov: ?}" "${rss:-?}"
	fi
done
[ "$failed" -eq 0 ] || { echo "fuzz: FAILED"; exit 1; }
echo "fuzz: all harnesses clean"
