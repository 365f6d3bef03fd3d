#!/usr/bin/env bash
# scripts/conformance.sh - each scenario of topologies/conformance/ in the
# simulator and on the real kernel (skbsim run --backend=linux), compared
# with `skbsim diff`.
#
# Usage: scripts/conformance.sh [-v] [CASE...]      (default: every case)
#
# Prints one line per case, "CASE: match" or "CASE: differs: <first
# divergence>" (with -v, the whole report follows, indented, and what the
# Linux backend said it skipped), then "N passed, N failed" (and ", N
# skipped").  A case's line "-- needs: PROGRAM..." names the real programs
# it runs (traceroute, tracepath...): the project does not depend on them,
# so a case whose program is not installed is skipped, saying so.  A case's line "-- diff: OPTIONS" gives `skbsim
# diff` its normalisations (--ignore, --renumber, --no-counters), and the
# lines around it say why.  Outputs stay in $OUT (default
# out/conformance/CASE/{sim,linux}/: pcap/, metrics.db, stdout.txt,
# stderr.txt, diff.txt).
#
# Environment: SKBSIM (the binary; default build/skbsim, built when
# missing), OUT.  Needs root and network namespaces (exit 2 otherwise).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cases_dir=$top/topologies/conformance
out=${OUT:-$top/out/conformance}
verbose=0
if [ "${1:-}" = "-v" ]; then
	verbose=1
	shift
fi

skbsim=${SKBSIM:-$top/build/skbsim}
if [ ! -x "$skbsim" ]; then
	cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
		cmake --build "$top/build" -j"$(nproc)" --target skbsim >/dev/null || exit 2
fi
if [ "$(id -u)" != 0 ] || [ ! -e /proc/self/ns/net ]; then
	echo "conformance.sh: needs root and network namespaces (skbsim run --backend=linux)" >&2
	exit 2
fi

if [ $# -eq 0 ]; then
	set -- $(cd "$cases_dir" && ls *.lua | sed 's/\.lua$//')
fi

passed=0
failed=0
skipped=0
for c in "$@"; do
	c=${c%.lua}
	c=${c##*/}
	lua=$cases_dir/$c.lua
	if [ ! -f "$lua" ]; then
		echo "$c: differs: no such case ($lua)"
		failed=$((failed + 1))
		continue
	fi
	missing=
	read -ra needs <<<"$(sed -n 's/^-- needs: //p' "$lua")"
	for prog in "${needs[@]}"; do
		command -v "$prog" >/dev/null || missing="$missing $prog"
	done
	if [ -n "$missing" ]; then
		echo "$c: skipped: not installed:$missing"
		skipped=$((skipped + 1))
		continue
	fi
	dir=$out/$c
	rm -rf "$dir"
	mkdir -p "$dir/sim" "$dir/linux"
	"$skbsim" run --quiet --out "$dir/sim" "$lua" >"$dir/sim/stdout.txt" 2>"$dir/sim/stderr.txt"
	rs=$?
	"$skbsim" run --quiet --backend=linux --out "$dir/linux" "$lua" \
		>"$dir/linux/stdout.txt" 2>"$dir/linux/stderr.txt"
	rl=$?
	opts=$(sed -n 's/^-- diff: //p' "$lua")
	if [ $rs -ne 0 ] || [ $rl -ne 0 ]; then
		err=$(grep -v '^skipped: ' "$dir/sim/stderr.txt" "$dir/linux/stderr.txt" | head -1)
		echo "$c: differs: exit status $rs (sim) vs $rl (linux): $err"
		failed=$((failed + 1))
		continue
	fi
	# shellcheck disable=SC2086 # options are words
	"$skbsim" diff $opts "$dir/sim" "$dir/linux" >"$dir/diff.txt" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "$c: match"
		passed=$((passed + 1))
	else
		echo "$c: differs: $(head -1 "$dir/diff.txt")"
		[ $verbose = 1 ] && sed 's/^/    /' "$dir/diff.txt"
		failed=$((failed + 1))
	fi
	# what the Linux backend could not map is part of the verdict's context
	[ $verbose = 1 ] && grep '^skipped: ' "$dir/linux/stderr.txt" | sed 's/^/    linux: /'
done
if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
