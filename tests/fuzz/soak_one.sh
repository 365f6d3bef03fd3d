#!/usr/bin/env bash
# tests/fuzz/soak_one.sh SKBSIM SEED [DIR] - one determinism-soak scenario
#
# Writes scenario SEED with tests/fuzz/soak_gen.py, runs it twice with
# SKBSIM and checks: exit 0 and nothing on stderr both times (with a
# sanitizer build: no ASan/UBSan/LeakSanitizer report, no leaked
# simulator object), byte-identical stdout and pcaps, the same metrics.db
# rows (sqlite3 .dump without the wall table, as tests/scenarios/run.sh).
# Works in DIR (default: a temporary directory, removed when it passes;
# kept and named when it fails).  scripts/soak.sh runs many; ctest runs
# a few (fuzz/soak_SEED).
set -u
here=$(cd "$(dirname "$0")" && pwd)
skbsim=$(realpath "$1")
s=$2
d=${3:-$(mktemp -d "${TMPDIR:-/tmp}/skbsim-soak-$s-XXXXXX")}
mkdir -p "$d"

dump() {
	[ -f "$1/metrics.db" ] || return 0
	sqlite3 "$1/metrics.db" .dump | grep -v '^INSERT INTO wall '
}

python3 "$here/soak_gen.py" "$s" "$d/soak.lua" || exit 2
for r in 1 2; do
	(cd "$d" && "$skbsim" run soak.lua --quiet --out "$d/out$r" > "$d/stdout$r" 2> "$d/stderr$r")
	echo $? > "$d/exit$r"
done
why=""
for r in 1 2; do
	[ "$(cat "$d/exit$r")" = 0 ] || why+=" run $r exit $(cat "$d/exit$r");"
	[ ! -s "$d/stderr$r" ] || why+=" run $r stderr: $(head -c 300 "$d/stderr$r");"
done
cmp -s "$d/stdout1" "$d/stdout2" || why+=" stdout differs;"
(cd "$d/out1" 2>/dev/null && find . -name '*.pcap' | sort) > "$d/pcaps1"
(cd "$d/out2" 2>/dev/null && find . -name '*.pcap' | sort) > "$d/pcaps2"
cmp -s "$d/pcaps1" "$d/pcaps2" || why+=" different pcap files;"
while read -r f; do
	cmp -s "$d/out1/$f" "$d/out2/$f" || why+=" $f differs;"
done < "$d/pcaps1"
[ -s "$d/pcaps1" ] || why+=" no pcap written;"
cmp -s <(dump "$d/out1") <(dump "$d/out2") || why+=" metrics.db differs;"
if [ -n "$why" ]; then
	echo "soak: scenario $s FAILED:$why"
	echo "soak:   kept in $d (soak.lua, out1, out2, stdout*, stderr*)"
	exit 1
fi
echo "soak: scenario $s ok ($(grep -c '= net:[a-z]*("' "$d/soak.lua") nodes," \
	"$(wc -l < "$d/pcaps1") pcaps, $(cat "$d"/out1/pcap/*.pcap | wc -c) pcap bytes)"
rm -rf "$d"
