#!/usr/bin/env bash
# scripts/bench.sh - skbsim against its peer (ns-3), workload by workload.
#
# Usage: scripts/bench.sh [WORKLOAD ...]          (default: every workload)
# Workloads: sched (the event queue's hold model; shared/bench/ns3/README.md),
#   pktgen (frames per wall second, pktgen -> cable -> NIC -> NAPI -> drop),
#   iface_mem (bytes of memory per idle interface),
#   fib (longest-prefix-match lookups per CPU second and bytes per route at
#   1k/100k/1M routes, the trie alone and with the per-/16 lookup cache),
#   udp (UDP datagrams per wall second, application to application, Lua
#   sender -> router -> Lua receiver, 64- and 1400-byte payloads),
#   chain (per-hop forwarding cost through 8 routers, without and with pcap,
#   against ns-3's chain program; shared/bench/ns3/README.md),
#   star (scale: build time, wall time and memory per node with 100, 1000
#   and 10000 hosts sending to one server through a tree of routers,
#   against ns-3's star program; shared/bench/ns3/README.md),
#   scale (skbsim alone: star at 1k/10k/100k hosts and chain through
#   2/8/32 routers, wall time and memory against the work),
#   walk (what the walkthrough's tracepoints cost: chain with them compiled
#   out, compiled in with no walk, and with a walk armed).
# Environment:
#   REPEAT=N     runs of every configuration, alternating simulators; the
#                table shows medians (default 1; compare with 3 or more)
#   QUICK=1      smoke test: small sizes, seconds in all
#   STAR_BIG=1   star also at 100000 hosts (ns-3: ~12 min, ~2.8 GiB)
#   SHARED_DIR   where shared/ is (default: ../shared beside the repository)
#   JOBS         build jobs (default nproc)
#   BENCH_BUILD  build directory (default build-bench/ in the repository)
#
# Installs what is missing (scripts/deps.sh --bench), builds skbsim in
# build-bench/ (Release, no sanitizers, no tests) and the ns-3 programs in
# build-bench/ns3, then runs one benchmark process at a time, each under a
# timeout.  Every run's key=value line (plus status= and run=) goes to
# build-bench/results/<date>.txt; the tables at the end are computed from
# that file.  Before comparing speed, each workload checks that both
# simulators did the same work (sched: the same final_ns).
#
# Exit status: 0 all runs ok and equivalent, 1 a run failed, timed out or
# disagreed, 2 bad usage.
#
# Adding a workload W: define W_targets (the CMake targets it needs),
# W_run (appends result lines with run_one) and W_report (prints its table,
# returns nonzero on a failed check), and list W in ALL_WORKLOADS.
# shellcheck disable=SC2317 # workload functions are called by name ("${w}_run")
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
SHARED_DIR=${SHARED_DIR:-$(cd "$top/.." && pwd)/shared}
BUILD=${BENCH_BUILD:-$top/build-bench}
NS3_BUILD=$BUILD/ns3
REPEAT=${REPEAT:-1}
QUICK=${QUICK:-0}
JOBS=${JOBS:-$(nproc)}
ALL_WORKLOADS="sched pktgen iface_mem fib udp chain star scale walk"

die() {
	echo "bench.sh: $*" >&2
	exit 2
}

# ---- running ----------------------------------------------------------------

# run_one LIMIT_S "DESC" "TAG" COMMAND...
# Runs COMMAND once; appends its key=value line plus
# TAG, status= and run=$RUN to $RESULTS.  DESC (key=value words) stands in
# for the line when the program printed none (crash, timeout).
run_one() {
	local limit=$1 desc=$2 tag=$3 out rc line
	shift 3
	out=$(timeout --signal=KILL "$limit" "$@" 2>>"$BUILD/results/stderr.log")
	rc=$?
	out=$(printf '%s\n' "$out" | grep 'workload=' | tail -1)
	if [ "$rc" -eq 0 ] && [ -n "$out" ]; then
		line="$out${tag:+ $tag} status=ok run=$RUN"
	elif [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; then
		line="$desc${tag:+ $tag} status=timeout timeout_s=$limit run=$RUN"
	elif [ -n "$out" ]; then
		line="$out${tag:+ $tag} status=fail rc=$rc run=$RUN"
	else
		line="$desc${tag:+ $tag} status=fail rc=$rc run=$RUN"
	fi
	echo "$line" >>"$RESULTS"
	echo "  $line" >&2
}

# ---- reading results ----------------------------------------------------------

# select_lines KEY=VALUE...: the result lines having every KEY=VALUE
select_lines() {
	awk -v conds="$*" '
	BEGIN { n = split(conds, c, " ") }
	{
		split("", kv)
		for (i = 1; i <= NF; i++) {
			j = index($i, "=")
			if (j)
				kv[substr($i, 1, j - 1)] = substr($i, j + 1)
		}
		for (i = 1; i <= n; i++) {
			j = index(c[i], "=")
			if (kv[substr(c[i], 1, j - 1)] != substr(c[i], j + 1))
				next
		}
		print
	}' "$RESULTS"
}

# field KEY: the value of KEY on each input line (lines without it skipped)
field() {
	awk -v k="$1" '{
		for (i = 1; i <= NF; i++)
			if (index($i, k "=") == 1) {
				print substr($i, length(k) + 2)
				break
			}
	}'
}

# median: of the numbers on stdin, one per line; empty when none
median() {
	sort -g | awk '{ a[NR] = $1 }
	END {
		if (NR == 0)
			exit
		if (NR % 2)
			print a[(NR + 1) / 2]
		else
			printf "%.6g\n", (a[NR / 2] + a[NR / 2 + 1]) / 2
	}'
}

# ---- workload: sched ------------------------------------------------------------

SCHED_NS3="map heap pq calendar"

sched_targets() {
	echo sched_bench
}

# E for a run: ns-3's calendar queue degrades on this tie-heavy load, so it
# gets the reduced E of shared/bench/ns3/run.sh (its events= says so).
sched_events() {
	local sched=$1 p=$2

	if [ "$QUICK" = 1 ]; then
		echo 100000
	elif [ "$sched" = calendar ] && [ "$p" -eq 100000 ]; then
		echo 1000000
	elif [ "$sched" = calendar ] && [ "$p" -eq 1000000 ]; then
		echo 10000
	else
		echo 10000000
	fi
}

sched_sizes() {
	if [ "$QUICK" = 1 ]; then
		echo "1000 100000"
	else
		echo "1000 100000 1000000"
	fi
}

sched_run() {
	local p s e pairs limit=240

	[ "$QUICK" = 1 ] && limit=60
	for p in $(sched_sizes); do
		pairs=""
		for s in $SCHED_NS3; do
			e=$(sched_events "$s" "$p")
			run_one "$limit" "workload=sched scheduler=$s pending=$p events=$e" "sim=ns3" \
				"$NS3_BUILD/sched" --scheduler="$s" --pending="$p" --events="$e"
			case " $pairs " in *" $e "*) ;; *) pairs="$pairs $e" ;; esac
		done
		# skbsim at every E ns-3 ran, so that every final_ns can be checked
		for e in $pairs; do
			run_one "$limit" "workload=sched sim=skbsim pending=$p events=$e" "" \
				"$BUILD/sched_bench" --pending="$p" --events="$e"
		done
	done
}

sched_report() {
	local p s e rate best best_s skb fin ref bad=0 line

	echo
	echo "sched: hold model (shared/bench/ns3/README.md), events/s, median of $REPEAT"
	printf '%-9s %-9s %14s %16s %7s  %s\n' pending "ns-3 best" "ns-3 ev/s" "skbsim ev/s" ratio check
	for p in $(sched_sizes); do
		best=0
		best_s=-
		for s in $SCHED_NS3; do
			rate=$(select_lines workload=sched scheduler="$s" pending="$p" status=ok |
			       field events_per_s | median)
			if [ -n "$rate" ] && awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }'; then
				best=$rate
				best_s=$s
			fi
		done
		e=$(sched_events map "$p")
		skb=$(select_lines workload=sched sim=skbsim pending="$p" events="$e" status=ok |
		      field events_per_s | median)

		# equivalence: every ns-3 final_ns against skbsim's at the same E
		check=ok
		while read -r line; do
			[ -z "$line" ] && continue
			e=$(echo "$line" | field events)
			fin=$(echo "$line" | field final_ns)
			ref=$(select_lines workload=sched sim=skbsim pending="$p" events="$e" status=ok |
			      field final_ns | sort -u)
			if [ "$ref" != "$fin" ]; then
				check="MISMATCH(final_ns ns-3 $fin skbsim ${ref:-none} at E=$e)"
				bad=1
			fi
		done < <(select_lines workload=sched sim=ns3 pending="$p" status=ok)
		if select_lines workload=sched pending="$p" | grep -qv 'status=ok'; then
			check="$check, runs failed"
			bad=1
		fi
		if [ -z "$skb" ] || [ "$best_s" = - ]; then
			[ "$best_s" = - ] && best=-
			printf '%-9s %-9s %14s %16s %7s  %s\n' "$p" "$best_s" "$best" \
				"${skb:--}" - "$check"
			bad=1
			continue
		fi
		printf '%-9s %-9s %14.0f %16.0f %6.1fx  %s\n' "$p" "$best_s" "$best" "$skb" \
			"$(awk -v a="$skb" -v b="$best" 'BEGIN { print a / b }')" "$check"
	done
	return "$bad"
}

# ---- timing a skbsim scenario ---------------------------------------------------

# timed_skbsim ARGS...: runs build-bench/skbsim, adds wall_s= to its result line
timed_skbsim() {
	local t0 t1 out
	t0=$(date +%s%N)
	out=$("$BUILD/skbsim" "$@") || return $?
	t1=$(date +%s%N)
	printf '%s wall_s=%s\n' "$(printf '%s\n' "$out" | grep 'workload=' | tail -1)" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')"
}

export -f timed_skbsim
export BUILD

# ---- workload: pktgen --------------------------------------------------------------
# No ns-3 counterpart: the receive path of real NIC hardware is skbsim's own.

PKTGEN_GOAL=3000000

pktgen_targets() {
	echo skbsim
}

pktgen_run() {
	local count=2000000 q
	[ "$QUICK" = 1 ] && count=200000
	for q in 1 4; do
		run_one 300 "workload=pktgen queues=$q count=$count" "" \
			bash -c 'timed_skbsim "$@"' timed_skbsim run \
			"$top/topologies/bench/pktgen.lua" --quiet --out "$BUILD/out-pktgen" \
			count="$count" queues="$q"
	done
}

pktgen_report() {
	local q frames wall fps bad=0
	echo
	echo "pktgen: 60-byte frames, pktgen -> 10 Gbit/s cable -> NIC -> NAPI -> drop at the receiver"
	printf '%-7s %10s %9s %16s %s\n' queues frames wall_s "frames/wall s" "goal >= $PKTGEN_GOAL (one core)"
	for q in 1 4; do
		frames=$(select_lines workload=pktgen queues="$q" status=ok | field frames | median)
		wall=$(select_lines workload=pktgen queues="$q" status=ok | field wall_s | median)
		if [ -z "$frames" ] || [ -z "$wall" ]; then
			printf '%-7s %10s %9s %16s %s\n' "$q" - - - "run failed"
			bad=1
			continue
		fi
		fps=$(awk -v f="$frames" -v w="$wall" 'BEGIN { printf "%.0f", f / w }')
		printf '%-7s %10s %9s %16s %s\n' "$q" "$frames" "$wall" "$fps" \
			"$(awk -v a="$fps" -v g="$PKTGEN_GOAL" 'BEGIN { print (a >= g) ? "met" : "below" }')"
	done
	return "$bad"
}

# ---- workload: udp -----------------------------------------------------------------
# Sockets end to end: topologies/bench/udp_pps.lua.  (The ns-3 comparison of a
# UDP flow through routers is the `chain` workload of the performance issue.)

udp_targets() {
	echo skbsim
}

udp_run() {
	local count=1000000 size
	[ "$QUICK" = 1 ] && count=100000
	for size in 64 1400; do
		run_one 300 "workload=udp_pps size=$size count=$count" "" \
			bash -c 'timed_skbsim "$@"' timed_skbsim run \
			"$top/topologies/bench/udp_pps.lua" --quiet --out "$BUILD/out-udp" \
			count="$count" size="$size"
	done
}

udp_report() {
	local size n wall bad=0
	echo
	echo "udp: datagrams read by the receiving application per wall second (sender -> router -> receiver, 10 Gbit/s cables)"
	printf '%-6s %10s %9s %18s\n' size datagrams wall_s "datagrams/wall s"
	for size in 64 1400; do
		n=$(select_lines workload=udp_pps size="$size" status=ok | field datagrams | median)
		wall=$(select_lines workload=udp_pps size="$size" status=ok | field wall_s | median)
		if [ -z "$n" ] || [ -z "$wall" ]; then
			printf '%-6s %10s %9s %18s %s\n' "$size" - - - "run failed"
			bad=1
			continue
		fi
		printf '%-6s %10s %9s %18s\n' "$size" "$n" "$wall" \
			"$(awk -v f="$n" -v w="$wall" 'BEGIN { printf "%.0f", f / w }')"
	done
	return "$bad"
}

# ---- workload: chain ----------------------------------------------------------------
# shared/bench/ns3/README.md "Workload chain": A -> 8 routers -> B, 100000
# datagrams/s of 1000 bytes for 1 s, 1 Gbit/s 1 us links, pfifo_fast
# everywhere; p2p without and with a pcap of every device.  skbsim's side is
# topologies/bench/chain.lua (Ethernet cables, permanent neighbours); its
# wall-clock keys come from the run's metrics.db (the `wall` table: net:run's
# wall_s, build_wall_s, maxrss_kb), since a scenario sees simulated time only.
# Both write their pcaps to tmpfs (/dev/shm), deleted after each run.

CHAIN_ROUTERS=8
CHAIN_PCAP_DIR=/dev/shm/skbsim-bench-chain

chain_targets() {
	echo skbsim
}

chain_time() {
	if [ "$QUICK" = 1 ]; then echo 0.02; else echo 1; fi
}

# chain_skbsim OUT_DIR ARGS...: runs chain.lua into OUT_DIR and prints its
# line with sim=skbsim and the wall-clock keys of metrics.db added
chain_skbsim() {
	local out=$1 line rc wall build rss hops pbytes
	shift
	rm -rf "$out"
	line=$("$BUILD/skbsim" run "$top/topologies/bench/chain.lua" --quiet --out "$out" "$@")
	rc=$?
	line=$(printf '%s\n' "$line" | grep 'workload=chain' | tail -1)
	if [ -n "$line" ] && [ -f "$out/metrics.db" ]; then
		wall=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'wall_s'")
		build=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'build_wall_s'")
		rss=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'maxrss_kb'")
		hops=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^hops=//p')
		# the devices' captures (every node's lo has an empty one too)
		pbytes=$(cat "$out"/pcap/*-eth*.pcap 2>/dev/null | wc -c)
		line="$line sim=skbsim $(awk -v w="$wall" -v b="$build" -v r="$rss" -v h="$hops" \
			-v p="$pbytes" 'BEGIN {
			printf "build_s=%.3f wall_s=%.3f hops_per_s=%.0f us_per_hop=%.3f maxrss_kb=%d pcap_bytes=%d",
				b, w, h / w, w * 1e6 / (h ? h : 1), r, p }')"
		echo "$line"
	fi
	rm -rf "$out"
	return "$rc"
}

export -f chain_skbsim
export top

chain_run() {
	local t pcap
	t=$(chain_time)
	for pcap in 0 1; do
		run_one 300 "workload=chain sim=ns3 link=p2p routers=$CHAIN_ROUTERS pcap=$pcap" \
			"sim=ns3" "$NS3_BUILD/chain" --routers="$CHAIN_ROUTERS" --time="$t" \
			--link=p2p --pcap="$pcap" --pcap-dir="$CHAIN_PCAP_DIR"
		rm -rf "$CHAIN_PCAP_DIR"
		run_one 300 "workload=chain sim=skbsim routers=$CHAIN_ROUTERS pcap=$pcap" "" \
			bash -c 'chain_skbsim "$@"' chain_skbsim "$CHAIN_PCAP_DIR" \
			routers="$CHAIN_ROUTERS" time="$t" pcap="$pcap"
	done
	# ns-3's Ethernet variant (CsmaNetDevice, permanent ARP): the issue's
	# reference for skbsim's Ethernet cables, without and with pcap
	for pcap in 0 1; do
		run_one 300 "workload=chain sim=ns3 link=csma routers=$CHAIN_ROUTERS pcap=$pcap" \
			"sim=ns3" "$NS3_BUILD/chain" --routers="$CHAIN_ROUTERS" --time="$t" \
			--link=csma --pcap="$pcap" --pcap-dir="$CHAIN_PCAP_DIR"
		rm -rf "$CHAIN_PCAP_DIR"
	done
}

# chain_check SIM PCAP: "ok" when every run of SIM did all the work
# (packets == sent, and the same sent in every run), else what is wrong
chain_check() {
	local lines
	lines=$(select_lines workload=chain sim="$1" pcap="$2" $3)
	if [ -z "$lines" ]; then
		echo "no runs"
	elif printf '%s\n' "$lines" | grep -qv 'status=ok'; then
		echo "runs failed"
	elif printf '%s\n' "$lines" | awk '{
			for (i = 1; i <= NF; i++) {
				j = index($i, "=")
				kv[substr($i, 1, j - 1)] = substr($i, j + 1)
			}
			if (kv["packets"] != kv["sent"] || kv["sent"] == "") bad = 1
		} END { exit !bad }'; then
		echo "packets != sent"
	else
		echo ok
	fi
}

chain_report() {
	local pcap sim check c nsent ssent ns3_hps ns3_uph skb_hps skb_uph nb sb bad=0

	echo
	echo "chain: A -> $CHAIN_ROUTERS routers -> B, 100000 pkt/s x 1000 B for $(chain_time) s, 1 Gbit/s 1 us links, pfifo_fast; median of $REPEAT"
	printf '%-5s %13s %11s %15s %13s %7s %14s %14s  %s\n' pcap "ns-3 hops/s" "ns-3 us/hop" \
		"skbsim hops/s" "skbsim us/hop" ratio "ns-3 pcap B" "skbsim pcap B" check
	for pcap in 0 1; do
		check=ok
		for sim in ns3 skbsim; do
			c=$(chain_check "$sim" "$pcap" "$([ "$sim" = ns3 ] && echo link=p2p)")
			[ "$c" != ok ] && check="$sim: $c" && bad=1
		done
		nsent=$(select_lines workload=chain sim=ns3 link=p2p pcap="$pcap" status=ok | field sent | sort -u)
		ssent=$(select_lines workload=chain sim=skbsim pcap="$pcap" status=ok | field sent | sort -u)
		if [ "$check" = ok ] && [ "$nsent" != "$ssent" ]; then
			check="MISMATCH(sent ns-3 $nsent skbsim $ssent)"
			bad=1
		fi
		ns3_hps=$(select_lines workload=chain sim=ns3 link=p2p pcap="$pcap" status=ok | field hops_per_s | median)
		ns3_uph=$(select_lines workload=chain sim=ns3 link=p2p pcap="$pcap" status=ok | field us_per_hop | median)
		skb_hps=$(select_lines workload=chain sim=skbsim pcap="$pcap" status=ok | field hops_per_s | median)
		skb_uph=$(select_lines workload=chain sim=skbsim pcap="$pcap" status=ok | field us_per_hop | median)
		nb=$(select_lines workload=chain sim=ns3 link=p2p pcap="$pcap" status=ok | field pcap_bytes | median)
		sb=$(select_lines workload=chain sim=skbsim pcap="$pcap" status=ok | field pcap_bytes | median)
		if [ -z "$ns3_hps" ] || [ -z "$skb_hps" ]; then
			printf '%-5s %13s %11s %15s %13s %7s %14s %14s  %s\n' "$pcap" "${ns3_hps:--}" \
				"${ns3_uph:--}" "${skb_hps:--}" "${skb_uph:--}" - "${nb:--}" "${sb:--}" "$check"
			bad=1
			continue
		fi
		printf '%-5s %13.0f %11.3f %15.0f %13.3f %6.1fx %14s %14s  %s\n' "$pcap" "$ns3_hps" \
			"$ns3_uph" "$skb_hps" "$skb_uph" \
			"$(awk -v a="$skb_hps" -v b="$ns3_hps" 'BEGIN { print a / b }')" "$nb" "$sb" "$check"
	done
	echo "ratio: skbsim hops/s over ns-3's point-to-point variant; pcap bytes differ by framing (PPP 1030-byte records, Ethernet 1042)"
	for pcap in 0 1; do
		c=$(chain_check ns3 "$pcap" link=csma)
		ns3_hps=$(select_lines workload=chain sim=ns3 link=csma pcap="$pcap" status=ok | field hops_per_s | median)
		skb_hps=$(select_lines workload=chain sim=skbsim pcap="$pcap" status=ok | field hops_per_s | median)
		if [ "$c" = ok ] && [ -n "$ns3_hps" ] && [ -n "$skb_hps" ]; then
			printf 'Ethernet (ns-3 link=csma), %s: ns-3 %.0f hops/s, skbsim %.0f: %.1fx (goal >= %s)\n' \
				"$([ "$pcap" = 1 ] && echo "pcap on every device" || echo "no pcap")" \
				"$ns3_hps" "$skb_hps" \
				"$(awk -v a="$skb_hps" -v b="$ns3_hps" 'BEGIN { print a / b }')" \
				"$([ "$pcap" = 1 ] && echo 4x || echo 10x)"
		else
			echo "Ethernet (ns-3 link=csma), pcap=$pcap: ${c}"
			bad=1
		fi
	done
	return "$bad"
}

# ---- workload: walk -------------------------------------------------------------------
# What the walkthrough's tracepoints cost (issue 11: nothing measurable when
# no walk is armed).  The chain workload without pcap, run by this build and
# by one built with -DSKBSIM_WALK=OFF (tracepoints compiled out, in
# $BUILD-nowalk), alternating; and once more with a walk armed on a filter no
# packet matches ("udp port 7", the flow is port 9), where every packet is a
# candidate and its points are kept until it is freed: the cost of looking.

walk_targets() {
	echo skbsim
}

# walk_skbsim ARGS...: chain_skbsim's line, renamed workload=walk_chain so
# that the chain tables keep their own runs
walk_skbsim() {
	chain_skbsim "$@" | sed 's/workload=chain/workload=walk_chain/'
	return "${PIPESTATUS[0]}"
}
export -f walk_skbsim

walk_run() {
	local t
	t=$(chain_time)
	cmake -S "$top" -B "$BUILD-nowalk" -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=OFF \
		-DSKBSIM_TESTS=OFF -DSKBSIM_BENCH=OFF -DSKBSIM_WALK=OFF >/dev/null || return
	cmake --build "$BUILD-nowalk" -j"$JOBS" --target skbsim >&2 || return
	run_one 300 "workload=walk_chain walk=off" "walk=off" \
		env BUILD="$BUILD-nowalk" bash -c 'walk_skbsim "$@"' walk_skbsim "$CHAIN_PCAP_DIR" \
		routers="$CHAIN_ROUTERS" time="$t" pcap=0
	run_one 300 "workload=walk_chain walk=unarmed" "walk=unarmed" \
		bash -c 'walk_skbsim "$@"' walk_skbsim "$CHAIN_PCAP_DIR" \
		routers="$CHAIN_ROUTERS" time="$t" pcap=0
	run_one 300 "workload=walk_chain walk=armed" "walk=armed" \
		bash -c 'walk_skbsim "$@"' walk_skbsim "$CHAIN_PCAP_DIR" \
		routers="$CHAIN_ROUTERS" time="$t" pcap=0 --walk "udp port 7"
}

walk_report() {
	local mode hps off bad=0

	echo
	echo "walk: chain without pcap, tracepoints compiled out / compiled in, no walk / a walk armed that matches nothing; median of $REPEAT"
	printf '%-9s %15s %13s %9s  %s\n' walk "hops/s" "us/hop" "vs off" check
	off=$(select_lines workload=walk_chain walk=off status=ok | field hops_per_s | median)
	for mode in off unarmed armed; do
		hps=$(select_lines workload=walk_chain walk="$mode" status=ok | field hops_per_s | median)
		if [ -z "$hps" ] || [ -z "$off" ]; then
			printf '%-9s %15s %13s %9s  %s\n' "$mode" - - - "runs failed"
			bad=1
			continue
		fi
		printf '%-9s %15.0f %13.3f %8.3fx  %s\n' "$mode" "$hps" \
			"$(awk -v h="$hps" 'BEGIN { print 1e6 / h }')" \
			"$(awk -v a="$hps" -v b="$off" 'BEGIN { print a / b }')" \
			"$(select_lines workload=walk_chain walk="$mode" | awk '{
				for (i = 1; i <= NF; i++) {
					j = index($i, "=")
					kv[substr($i, 1, j - 1)] = substr($i, j + 1)
				}
				if (kv["status"] != "ok" || kv["packets"] != kv["sent"]) bad = 1
			} END { print bad ? "packets != sent or failed" : "ok" }')"
	done
	return "$bad"
}

# ---- workload: iface_mem ---------------------------------------------------------

iface_mem_targets() {
	echo iface_mem
}

iface_mem_run() {
	local pairs=10000 k
	[ "$QUICK" = 1 ] && pairs=1000
	for k in cable veth; do
		run_one 300 "workload=iface_mem kind=$k pairs=$pairs" "" \
			"$BUILD/iface_mem" --pairs="$pairs" --kind="$k"
	done
}

iface_mem_report() {
	local k b h bad=0
	echo
	echo "iface_mem: resident memory per idle interface (up, no traffic), median of $REPEAT"
	printf '%-6s %16s %16s\n' kind bytes/interface "bytes/bare host"
	for k in cable veth; do
		b=$(select_lines workload=iface_mem kind="$k" status=ok | field bytes_per_iface | median)
		h=$(select_lines workload=iface_mem kind="$k" status=ok | field bytes_per_host | median)
		[ -z "$b" ] && bad=1
		printf '%-6s %16s %16s\n' "$k" "${b:--}" "${h:--}"
	done
	return "$bad"
}

# ---- workload: fib ------------------------------------------------------------------
# No ns-3 counterpart: skbsim's routing table alone.  One fib_bench process
# per size; each times the table as a router has it (the lookup cache on from
# 65,536 routes), then the trie alone, and fails if the two answered
# differently.

fib_targets() {
	echo fib_bench
}

fib_sizes() {
	if [ "$QUICK" = 1 ]; then
		echo "1000 100000"
	else
		echo "1000 100000 1000000"
	fi
}

fib_run() {
	local n lookups=20000000
	[ "$QUICK" = 1 ] && lookups=2000000
	for n in $(fib_sizes); do
		run_one 300 "workload=fib routes=$n lookups=$lookups" "" \
			"$BUILD/fib_bench" --routes="$n" --lookups="$lookups"
	done
}

fib_report() {
	local n trie lc tb lb check bad=0
	echo
	echo "fib: longest-prefix match, random BGP-like prefixes, random addresses; per CPU second, median of $REPEAT"
	printf '%-9s %14s %14s %8s %13s %13s  %s\n' routes "trie lookup/s" "cache lookup/s" speedup \
		"trie B/route" "cache B/route" check
	for n in $(fib_sizes); do
		trie=$(select_lines workload=fib routes="$n" status=ok | field trie_lookups_per_s | median)
		lc=$(select_lines workload=fib routes="$n" status=ok | field lookups_per_s | median)
		tb=$(select_lines workload=fib routes="$n" status=ok | field trie_bytes_per_route | median)
		lb=$(select_lines workload=fib routes="$n" status=ok | field bytes_per_route | median)
		# every run looked up the same addresses in the same table
		check=ok
		if [ "$(select_lines workload=fib routes="$n" status=ok | field check | sort -u | wc -l)" -gt 1 ]; then
			check="MISMATCH(check= differs between runs)"
			bad=1
		fi
		if select_lines workload=fib routes="$n" | grep -qv 'status=ok'; then
			check="$check, runs failed"
			bad=1
		fi
		if [ -z "$trie" ] || [ -z "$lc" ]; then
			printf '%-9s %14s %14s %8s %13s %13s  %s\n' "$n" - - - - - "$check"
			bad=1
			continue
		fi
		if [ "$lb" = "$tb" ]; then	# a cache costs 512 KiB at least
			printf '%-9s %14.0f %14s %8s %13.1f %13s  %s\n' "$n" "$trie" "(no cache)" - \
				"$tb" - "$check"
			continue
		fi
		printf '%-9s %14.0f %14.0f %7.1fx %13.1f %13.1f  %s\n' "$n" "$trie" "$lc" \
			"$(awk -v a="$lc" -v b="$trie" 'BEGIN { print a / b }')" "$tb" "$lb" "$check"
	done
	echo "(no cache): the table is below 65,536 routes, where fib_table_lookup() walks the trie alone"
	return "$bad"
}

# ---- workload: star -----------------------------------------------------------------
# shared/bench/ns3/README.md "Workload star": N hosts -> access routers ->
# aggregation routers -> core -> server (fan-out 64), 100 datagrams of 100
# bytes per host, 10 ms apart, hosts staggered over the period; the run ends
# at 1.010 s.  Scale: build time, peak memory per node, wall time.  skbsim's
# side is topologies/bench/star.lua (Ethernet cables, permanent neighbours);
# its wall-clock keys come from metrics.db's `wall` table, as chain's do.
# kb_per_node = (maxrss_kb - rss_start_kb) / nodes on both sides; skbsim's
# rss_start_kb is the peak RSS of an empty scenario (the process, Lua and
# metrics.db, no node).  ns-3 also runs its stock routing (--tuned=0) at
# N = 1000; the ratios use the faster ns-3 run at each N.

star_targets() {
	echo skbsim
}

star_sizes() {
	if [ "$QUICK" = 1 ]; then
		echo 100 1000
	elif [ "${STAR_BIG:-0}" = 1 ]; then
		echo 100 1000 10000 100000
	else
		echo 100 1000 10000
	fi
}

# star_limit N: seconds a run at N hosts may take
star_limit() {
	if [ "$1" -le 1000 ]; then echo 300
	elif [ "$1" -le 10000 ]; then echo 1200
	else echo 5400
	fi
}

# star_rss_start: peak RSS (KiB) of skbsim running an empty scenario
star_rss_start() {
	local lua=$BUILD/star-empty.lua out=$BUILD/out-star-empty
	printf '%s\n' 'local net = skbsim.network{ name = "empty", seed = 1 }' \
		'net:metrics{ interval = 0, drop_rows = 0 }' 'net:run("1ns")' >"$lua"
	rm -rf "$out"
	"$BUILD/skbsim" run "$lua" --quiet --out "$out" >/dev/null 2>&1 &&
		sqlite3 "$out/metrics.db" "SELECT CAST(value AS INTEGER) FROM wall WHERE key = 'maxrss_kb'"
	rm -rf "$out"
}

# star_skbsim OUT_DIR RSS_START ARGS...: runs star.lua into OUT_DIR and prints
# its line with sim=skbsim and the wall-clock keys of metrics.db added
star_skbsim() {
	local out=$1 rss0=$2 line rc wall build rss nodes hops
	shift 2
	rm -rf "$out"
	line=$("$BUILD/skbsim" run "$top/topologies/bench/star.lua" --quiet --out "$out" "$@")
	rc=$?
	line=$(printf '%s\n' "$line" | grep 'workload=star' | tail -1)
	if [ -n "$line" ] && [ -f "$out/metrics.db" ]; then
		wall=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'wall_s'")
		build=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'build_wall_s'")
		rss=$(sqlite3 "$out/metrics.db" "SELECT value FROM wall WHERE key = 'maxrss_kb'")
		nodes=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^nodes=//p')
		hops=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^hops=//p')
		line="$line sim=skbsim $(awk -v w="$wall" -v b="$build" -v r="$rss" -v r0="$rss0" \
			-v n="$nodes" -v h="$hops" 'BEGIN {
			printf "build_s=%.3f wall_s=%.3f hops_per_s=%.0f rss_start_kb=%d maxrss_kb=%d kb_per_node=%.1f",
				b, w, h / w, r0, r, (r - r0) / n }')"
		echo "$line"
	fi
	rm -rf "$out"
	return "$rc"
}

export -f star_skbsim

star_run() {
	local n rss0
	rss0=$(star_rss_start)
	[ -n "$rss0" ] || rss0=0
	for n in $(star_sizes); do
		run_one "$(star_limit "$n")" "workload=star sim=ns3 hosts=$n tuned=1" "sim=ns3" \
			"$NS3_BUILD/star" --hosts="$n" --tuned=1
		run_one "$(star_limit "$n")" "workload=star sim=skbsim hosts=$n" "" \
			bash -c 'star_skbsim "$@"' star_skbsim "$BUILD/out-star" "$rss0" hosts="$n"
		if [ "$n" = 1000 ]; then
			# stock ns-3 static routing, to show what --tuned buys
			run_one "$(star_limit "$n")" "workload=star sim=ns3 hosts=$n tuned=0" "sim=ns3" \
				"$NS3_BUILD/star" --hosts="$n" --tuned=0
		fi
	done
}

# star_check SIM N [KEY=VALUE]: "ok" when every run did all the work
# (packets == sent == 100 N), else what is wrong
star_check() {
	local lines
	lines=$(select_lines workload=star sim="$1" hosts="$2" ${3:+"$3"})
	if [ -z "$lines" ]; then
		echo "no runs"
	elif printf '%s\n' "$lines" | grep -qv 'status=ok'; then
		echo "runs failed"
	elif printf '%s\n' "$lines" | awk -v want=$((100 * $2)) '{
			for (i = 1; i <= NF; i++) {
				j = index($i, "=")
				kv[substr($i, 1, j - 1)] = substr($i, j + 1)
			}
			if (kv["packets"] != kv["sent"] || kv["sent"] != want) bad = 1
		} END { exit !bad }'; then
		echo "packets != sent"
	else
		echo ok
	fi
}

# star_med SIM N KEY [KEY=VALUE]: median of KEY over SIM's good runs at N
star_med() {
	select_lines workload=star sim="$1" hosts="$2" status=ok ${4:+"$4"} | field "$3" | median
}

star_report() {
	local n c check bad=0 nb nw nr nk t0 t0w sb sw sr sk
	echo
	echo "star: N hosts -> access/aggregation/core routers (fan-out 64) -> server, 100 x 100 B per host, 1.010 s simulated; median of $REPEAT"
	printf '%-7s %6s | %9s %9s %10s %10s | %9s %9s %10s %10s | %7s %7s %7s  %s\n' \
		hosts nodes "ns3 bld_s" "ns3 wall" "ns3 rssKB" "ns3 B/node" \
		"skb bld_s" "skb wall" "skb rssKB" "skb B/node" "build" wall "B/node" check
	for n in $(star_sizes); do
		check=ok
		c=$(star_check ns3 "$n" tuned=1)
		[ "$c" != ok ] && check="ns3: $c" && bad=1
		c=$(star_check skbsim "$n")
		[ "$c" != ok ] && check="skbsim: $c" && bad=1
		nb=$(star_med ns3 "$n" build_s tuned=1)
		nw=$(star_med ns3 "$n" wall_s tuned=1)
		nr=$(star_med ns3 "$n" maxrss_kb tuned=1)
		nk=$(star_med ns3 "$n" kb_per_node tuned=1)
		if [ "$(star_check ns3 "$n" tuned=0)" = ok ]; then
			# the faster ns-3 configuration at this N
			t0w=$(star_med ns3 "$n" wall_s tuned=0)
			if [ -n "$t0w" ] && awk -v a="$t0w" -v b="$nw" 'BEGIN { exit !(a < b) }'; then
				nw=$t0w
			fi
		fi
		sb=$(star_med skbsim "$n" build_s)
		sw=$(star_med skbsim "$n" wall_s)
		sr=$(star_med skbsim "$n" maxrss_kb)
		sk=$(star_med skbsim "$n" kb_per_node)
		t0=$(select_lines workload=star sim=skbsim hosts="$n" status=ok | field nodes | sort -u)
		if [ -z "$nw" ] || [ -z "$sw" ]; then
			printf '%-7s %6s | %9s %9s %10s %10s | %9s %9s %10s %10s | %7s %7s %7s  %s\n' \
				"$n" "${t0:--}" "${nb:--}" "${nw:--}" "${nr:--}" "${nk:--}" \
				"${sb:--}" "${sw:--}" "${sr:--}" "${sk:--}" - - - "$check"
			bad=1
			continue
		fi
		awk -v n="$n" -v nodes="$t0" -v nb="$nb" -v nw="$nw" -v nr="$nr" -v nk="$nk" \
			-v sb="$sb" -v sw="$sw" -v sr="$sr" -v sk="$sk" -v check="$check" 'BEGIN {
			printf "%-7s %6s | %9.3f %9.3f %10d %10.0f | %9.3f %9.3f %10d %10.0f | %6.1fx %6.1fx %6.2fx  %s\n",
				n, nodes, nb, nw, nr, nk * 1024, sb, sw, sr, sk * 1024,
				nb / sb, nw / sw, (sk > 0 ? nk / sk : 0), check }'
	done
	echo "ratios: ns-3 over skbsim (build time, wall time, bytes per node): above 1x skbsim is faster / smaller"
	echo "ns-3 wall: the faster of --tuned=1 and --tuned=0 where both ran; B/node = (maxrss - rss_start) / nodes"
	return "$bad"
}

# ---- workload: scale ----------------------------------------------------------------
# skbsim alone: does cost grow linearly with work?  The star workload at
# N = 1,000, 10,000 and 100,000 hosts (QUICK=1: 100, 1,000, 10,000) and the
# chain workload (1 s of 100,000 pkt/s, no pcap) through 2, 8 and 32
# routers, one process at a time under star's and chain's time limits.  The
# lines are star_skbsim's and chain_skbsim's renamed workload=scale_star and
# workload=scale_chain, so that the star and chain tables keep their own.
# Linear means: wall time per host and memory per node flat in N, time per
# packet-hop flat in the number of routers.

scale_targets() {
	echo skbsim
}

scale_hosts() {
	if [ "$QUICK" = 1 ]; then echo 100 1000 10000; else echo 1000 10000 100000; fi
}

SCALE_ROUTERS="2 8 32"

# scale_skbsim FUNCTION ARGS...: FUNCTION's line, workload= renamed scale_*
scale_skbsim() {
	local fn=$1 out rc
	shift
	out=$("$fn" "$@")
	rc=$?
	printf '%s\n' "$out" | sed 's/workload=\(star\|chain\)/workload=scale_\1/'
	return "$rc"
}

export -f scale_skbsim

scale_run() {
	local n r rss0
	rss0=$(star_rss_start)
	[ -n "$rss0" ] || rss0=0
	for n in $(scale_hosts); do
		run_one "$(star_limit "$n")" "workload=scale_star hosts=$n" "" \
			bash -c 'scale_skbsim star_skbsim "$@"' scale_skbsim "$BUILD/out-scale" \
			"$rss0" hosts="$n"
	done
	for r in $SCALE_ROUTERS; do
		run_one 300 "workload=scale_chain routers=$r" "" \
			bash -c 'scale_skbsim chain_skbsim "$@"' scale_skbsim "$BUILD/out-scale" \
			routers="$r" time="$(chain_time)" pcap=0
	done
}

# scale_ok LINES WANT: "ok" when every line ended well with packets == sent
# (and sent == WANT when WANT is given), else what is wrong
scale_ok() {
	if [ -z "$1" ]; then
		echo "no runs"
	elif printf '%s\n' "$1" | grep -qv 'status=ok'; then
		echo "runs failed"
	elif printf '%s\n' "$1" | awk -v want="$2" '{
			for (i = 1; i <= NF; i++) {
				j = index($i, "=")
				kv[substr($i, 1, j - 1)] = substr($i, j + 1)
			}
			if (kv["packets"] != kv["sent"] || (want != "" && kv["sent"] != want)) bad = 1
		} END { exit !bad }'; then
		echo "packets != sent"
	else
		echo ok
	fi
}

scale_report() {
	local n r lines check nodes b w rss k hops bad=0
	echo
	echo "scale: skbsim alone, wall time and memory against the work; median of $REPEAT"
	echo "star (100 x 100 B per host, 1.010 s simulated):"
	printf '%-8s %7s %9s %9s %11s %11s %10s  %s\n' hosts nodes build_s wall_s \
		"us/host" maxrss_MiB B/node check
	for n in $(scale_hosts); do
		lines=$(select_lines workload=scale_star hosts="$n")
		check=$(scale_ok "$lines" $((100 * n)))
		[ "$check" != ok ] && bad=1
		lines=$(printf '%s\n' "$lines" | grep 'status=ok')
		nodes=$(printf '%s\n' "$lines" | field nodes | sort -u | head -1)
		b=$(printf '%s\n' "$lines" | field build_s | median)
		w=$(printf '%s\n' "$lines" | field wall_s | median)
		rss=$(printf '%s\n' "$lines" | field maxrss_kb | median)
		k=$(printf '%s\n' "$lines" | field kb_per_node | median)
		if [ -z "$w" ]; then
			printf '%-8s %7s %9s %9s %11s %11s %10s  %s\n' "$n" - - - - - - "$check"
			bad=1
			continue
		fi
		awk -v n="$n" -v nodes="$nodes" -v b="$b" -v w="$w" -v r="$rss" -v k="$k" \
			-v c="$check" 'BEGIN {
			printf "%-8s %7s %9.3f %9.3f %11.1f %11.1f %10.0f  %s\n",
				n, nodes, b, w, (b + w) * 1e6 / n, r / 1024, k * 1024, c }'
	done
	echo "us/host = (build_s + wall_s) / hosts; B/node = (maxrss - rss of an empty scenario) / nodes"
	echo "chain (100,000 pkt/s x 1000 B for $(chain_time) s, 1 Gbit/s links, no pcap):"
	printf '%-8s %10s %9s %9s %11s  %s\n' routers hops build_s wall_s "us/hop" check
	for r in $SCALE_ROUTERS; do
		lines=$(select_lines workload=scale_chain routers="$r")
		check=$(scale_ok "$lines" "")
		[ "$check" != ok ] && bad=1
		lines=$(printf '%s\n' "$lines" | grep 'status=ok')
		hops=$(printf '%s\n' "$lines" | field hops | sort -u | head -1)
		b=$(printf '%s\n' "$lines" | field build_s | median)
		w=$(printf '%s\n' "$lines" | field wall_s | median)
		k=$(printf '%s\n' "$lines" | field us_per_hop | median)
		if [ -z "$w" ]; then
			printf '%-8s %10s %9s %9s %11s  %s\n' "$r" - - - - "$check"
			bad=1
			continue
		fi
		printf '%-8s %10s %9.3f %9.3f %11.3f  %s\n' "$r" "$hops" "$b" "$w" "$k" "$check"
	done
	return "$bad"
}

# ---- main -------------------------------------------------------------------------

workloads=${*:-$ALL_WORKLOADS}
for w in $workloads; do
	case " $ALL_WORKLOADS " in
	*" $w "*) ;;
	*) die "unknown workload $w (one of: $ALL_WORKLOADS)" ;;
	esac
done
case $REPEAT in
'' | *[!0-9]* | 0) die "REPEAT must be a positive number" ;;
esac
[ -x "$SHARED_DIR/bench/ns3/build.sh" ] ||
	die "no $SHARED_DIR/bench/ns3/build.sh (set SHARED_DIR to the shared/ directory)"

"$top/scripts/deps.sh" --bench || exit 1

echo "== build skbsim (build-bench, Release) ==" >&2
targets=""
for w in $workloads; do
	targets="$targets $("${w}_targets")"
done
cmake -S "$top" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSKBSIM_SANITIZE=OFF \
	-DSKBSIM_TESTS=OFF -DSKBSIM_BENCH=ON >/dev/null || exit 1
# shellcheck disable=SC2086 # one word per target
cmake --build "$BUILD" -j"$JOBS" --target $targets >&2 || exit 1

echo "== build ns-3 programs (build-bench/ns3) ==" >&2
ns3_src=$SHARED_DIR/bench/ns3
case " $workloads " in
*" sched "* | *" chain "* | *" star "*) ns3_progs="sched chain star" ;;
*) ns3_progs="" ;;		# skbsim alone: no ns-3 build
esac
for prog in $ns3_progs; do
	if [ ! -x "$NS3_BUILD/$prog" ] || [ "$ns3_src/$prog.cc" -nt "$NS3_BUILD/$prog" ] ||
	   [ "$ns3_src/common.h" -nt "$NS3_BUILD/$prog" ]; then
		"$ns3_src/build.sh" "$NS3_BUILD" >&2 || exit 1
		break
	fi
done

mkdir -p "$BUILD/results"
RESULTS=$BUILD/results/$(date +%Y%m%d-%H%M%S).txt
: >"$RESULTS"
{
	echo "# scripts/bench.sh $workloads REPEAT=$REPEAT QUICK=$QUICK"
	echo "# host nproc=$(nproc) cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo |
		head -1 | tr ' ' '_')"
	echo "# skbsim $(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)"
} >>"$RESULTS"

for RUN in $(seq 1 "$REPEAT"); do
	for w in $workloads; do
		echo "== $w, run $RUN/$REPEAT ==" >&2
		"${w}_run"
	done
done

status=0
for w in $workloads; do
	"${w}_report" || status=1
done
echo
echo "raw results: $RESULTS"
exit $status
