#!/usr/bin/env bash
# scripts/update-references.sh - (re)write the reference traces of pcap/:
# for each conformance case (topologies/conformance/CASE.lua) and each
# example (topologies/examples/CASE.lua), what the simulator produces now.
#
# Usage: scripts/update-references.sh [CASE...]      (default: every case)
#
# Run it deliberately, after a change of the models that is meant to change
# what a scenario does, and commit pcap/CASE/ with that change: the ctest
# entries reference/CASE (tests/references/run.sh) compare every new run
# with these files through `skbsim diff pcap/CASE RUN`.
#
# pcap/CASE/ holds what `skbsim diff` reads, and nothing that depends on the
# wall clock:
#   pcap/*.pcap   the captures, as the run wrote them (simulated time stamps)
#   stdout.txt    what the scenario printed (skbsim run --quiet)
#   metrics.db    a trimmed copy of the run's metrics.db: the tables diff
#                 queries (nodes, interfaces, processes, process_output, the
#                 final sample of counters) and the run row without the
#                 version; no `wall` table, no periodic samples, no drops
#                 (their counts are in the counters), 1 KiB pages, vacuumed.
#                 `sqlite3 pcap/CASE/metrics.db .dump` shows it as text.
#
# Environment: SKBSIM (the binary; default build/skbsim, built when missing).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
refs=$top/pcap
skbsim=${SKBSIM:-$top/build/skbsim}
if [ ! -x "$skbsim" ]; then
	cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build "$top/build" -j"$(nproc)" --target skbsim >/dev/null
fi
command -v sqlite3 >/dev/null || { echo "update-references.sh: needs sqlite3" >&2; exit 2; }

scenario_of() {
	local f
	for f in "$top/topologies/conformance/$1.lua" "$top/topologies/examples/$1.lua"; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

if [ $# -eq 0 ]; then
	set -- "$top"/topologies/conformance/*.lua "$top"/topologies/examples/*.lua
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for c in "$@"; do
	c=${c%.lua}
	c=${c##*/}
	lua=$(scenario_of "$c") || { echo "$c: no scenario topologies/{conformance,examples}/$c.lua" >&2; exit 1; }
	run=$work/$c
	# relative path: the run row records the scenario as given
	(cd "$top" && "$skbsim" run --quiet --out "$run" "${lua#"$top"/}") \
		>"$work/$c.stdout" 2>"$work/$c.stderr" || {
		echo "$c: the scenario failed: $(head -1 "$work/$c.stderr")" >&2
		exit 1
	}
	new=$work/$c.ref
	mkdir -p "$new"
	# no pcap/ when the scenario captured nothing (git keeps no empty folder)
	if compgen -G "$run/pcap/*.pcap" >/dev/null; then
		mkdir "$new/pcap"
		cp "$run"/pcap/*.pcap "$new/pcap/"
	fi
	cp "$work/$c.stdout" "$new/stdout.txt"
	sqlite3 "$new/metrics.db" <<SQL
PRAGMA page_size = 1024;
ATTACH '$run/metrics.db' AS r;
CREATE TABLE run AS SELECT name, scenario, scenario_sha256, seed, hz, sim_ns, events,
  complete, exit_status, error FROM r.run;
CREATE TABLE nodes AS SELECT * FROM r.nodes;
CREATE TABLE interfaces AS SELECT * FROM r.interfaces;
CREATE TABLE processes AS SELECT * FROM r.processes;
CREATE TABLE process_output AS SELECT * FROM r.process_output;
CREATE TABLE counters AS SELECT * FROM r.counters WHERE final = 1;
DETACH r;
VACUUM;
SQL
	rm -rf "${refs:?}/$c"
	mkdir -p "$refs"
	mv "$new" "$refs/$c"
	echo "pcap/$c: $(find "$refs/$c" -name '*.pcap' | wc -l) captures, $(du -sk "$refs/$c" | cut -f1) KiB"
done
