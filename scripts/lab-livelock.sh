#!/usr/bin/env bash
# scripts/lab-livelock.sh - the receive livelock experiment
#
# Sweeps the offered load of topologies/labs/napi-livelock.lua for
# interrupt-per-frame and NAPI receive, writes the table to
# docs/labs/napi-livelock.dat and plots docs/labs/napi-livelock.png with
# gnuplot (installed if missing).  Deterministic: the same figures every time.
#
# Usage: scripts/lab-livelock.sh [RATE...]   (frames per second)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rates=${*:-"100000 200000 300000 400000 500000 600000 700000 800000 1000000 1200000 1500000 2000000"}

scripts/deps.sh
command -v gnuplot >/dev/null || {
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gnuplot-nox >/dev/null
}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target skbsim >/dev/null

dat=docs/labs/napi-livelock.dat
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "# offered_pps irq_delivered_pps napi_delivered_pps irq_backlog_dropped napi_rx_missed" > "$dat"
for r in $rates; do
	irq=$(build/skbsim run topologies/labs/napi-livelock.lua mode=irq rate="$r" --out "$out" --quiet)
	napi=$(build/skbsim run topologies/labs/napi-livelock.lua mode=napi rate="$r" --out "$out" --quiet)
	field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<< "$2"; }
	printf '%s %s %s %s %s\n' "$r" "$(field delivered_pps "$irq")" "$(field delivered_pps "$napi")" \
		"$(field backlog_dropped "$irq")" "$(field rx_missed "$napi")" >> "$dat"
done
column -t "$dat"

gnuplot <<GP
set terminal pngcairo noenhanced size 800,500 font ",11"
set output "docs/labs/napi-livelock.png"
set title "Receive livelock: one CPU, 1 us per interrupt, 1 us per frame"
set xlabel "offered load (kpps)"
set ylabel "delivered to netif_receive_skb (kpps)"
set key top left
set grid
plot "$dat" using (\$1/1000):(\$3/1000) with linespoints lw 2 title "NAPI", \
     "$dat" using (\$1/1000):(\$2/1000) with linespoints lw 2 title "interrupt per frame", \
     "$dat" using (\$1/1000):(\$1/1000) with lines dt 2 lc rgb "gray" title "offered"
GP
echo "wrote $dat and docs/labs/napi-livelock.png"
