#!/usr/bin/env bash
# tests/references/run.sh - one reference test: run a scenario in the
# simulator and compare the run with its reference trace in pcap/CASE/
# (written by scripts/update-references.sh) using `skbsim diff`.
#
# Usage: tests/references/run.sh SKBSIM SCENARIO.lua REFDIR
#
# Passes when diff says "match".  Otherwise prints diff's first line (the
# first divergence: packet, process output, stdout line or counter), the
# rest of its report indented, and exits 1.  The simulator is
# deterministic, so no normalisation is asked for: any change in a frame
# field, an output line or a final counter is a difference.
set -uo pipefail
if [ $# -ne 3 ]; then
	echo "usage: $0 SKBSIM SCENARIO.lua REFDIR" >&2
	exit 2
fi
skbsim=$1 lua=$2 ref=$3
name=$(basename "$ref")
if [ ! -f "$ref/metrics.db" ]; then
	echo "$name: no reference in $ref (run scripts/update-references.sh $name)"
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$skbsim" run --quiet --out "$work/run" "$lua" >"$work/stdout.txt" 2>"$work/stderr.txt"
rc=$?
if [ $rc -ne 0 ]; then
	echo "$name: the scenario failed (exit $rc): $(head -1 "$work/stderr.txt")"
	exit 1
fi
mv "$work/stdout.txt" "$work/run/stdout.txt"
"$skbsim" diff "$ref" "$work/run" >"$work/diff.txt" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	echo "$name: match"
	exit 0
fi
echo "$name: differs from the reference (A: pcap/$name, B: this run): $(head -1 "$work/diff.txt")"
tail -n +2 "$work/diff.txt" | sed 's/^/    /'
echo "    (a deliberate change: scripts/update-references.sh $name, and commit pcap/$name)"
exit 1
