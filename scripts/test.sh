#!/usr/bin/env bash
# scripts/test.sh - install what is missing, build, run every test.
#
# Builds twice: the plain Release build (the one users run; -O2 shows
# warnings that -O0 hides) and a build with AddressSanitizer and
# UndefinedBehaviorSanitizer in which every test runs (the fuzzers'
# regression inputs included).  Then a one-minute run of every libFuzzer
# harness (scripts/fuzz.sh 60, clang installed by deps.sh --fuzz), and,
# where the machine allows it (root and network namespaces), the
# conformance cases against the real kernel (scripts/conformance.sh); each
# of those two counts as one more test.  Ends with one line: "N passed, N
# failed".
#
# Environment: JOBS (parallel build/test jobs, default nproc).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=${JOBS:-$(nproc)}

scripts/deps.sh

echo "== build (Release) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=OFF >/dev/null
cmake --build build -j"$jobs"

echo "== build (ASan+UBSan) =="
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j"$jobs"

echo "== tests (ASan+UBSan) =="
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
(cd build-sanitize && ctest -j"$jobs" --output-on-failure) 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -1)
if [ -z "$total" ]; then
	echo "0 passed, 1 failed"
	echo "test.sh: ctest did not report a summary" >&2
	exit 1
fi

# extra NAME COMMAND...: one more test, counted in the summary
extra() {
	local name=$1
	shift
	echo "== $name =="
	total=$((total + 1))
	if ! "$@"; then
		failed=$((failed + 1))
		rc=1
		echo "test.sh: $name failed" >&2
	fi
}
set +e
extra "fuzz (60 s)" scripts/fuzz.sh 60
if [ "$(id -u)" = 0 ] && ip netns add skbsim-test-probe 2>/dev/null; then
	ip netns del skbsim-test-probe
	extra "conformance (the real kernel)" env SKBSIM="$top/build/skbsim" scripts/conformance.sh
else
	echo "== conformance: skipped (needs root and network namespaces) =="
fi
set -e
echo "$((total - failed)) passed, $failed failed"
exit "$rc"
