#!/usr/bin/env bash
# tests/scenarios/run.sh SKBSIM SCENARIO.lua [EXPECT_BASE] - one scenario test
#
# Beside NAME.lua (or at EXPECT_BASE.*, for scenarios that live elsewhere,
# such as topologies/examples), optional expectation files:
#   NAME.args     extra command-line words (e.g. "--seed 7 count=2")
#   NAME.exit     expected exit status (default 0)
#   NAME.stdout   expected stdout, exactly
#   NAME.stderr   expected stderr, exactly (default: must be empty)
#   NAME.sql      queries run with sqlite3 on metrics.db after the run, whose
#                 output must equal NAME.sql.out
#   NAME.PCAP.tshark  `tshark -n -r` of pcap/PCAP.pcap, exactly (the
#                 packets a user sees in Wireshark: ARP, TTLs, ICMP types)
#   NAME.NODE.pcapng.tshark  the annotated capture pcapng/NODE.pcapng of
#                 net:capture{ annotate = true }, as `tshark -n -r F -T fields
#                 -e frame.number -e frame.interface_name -e _ws.col.Protocol
#                 -e frame.comment` prints it (which interface, the kernel's
#                 comment), exactly
#   NAME.NODE.pcapng.capinfos  `capinfos -c -I -M` of it without the file
#                 name line, then "Packets with comments: N" (tshark)
#   NAME.malformed  for scenarios that put damaged frames on a link on
#                 purpose: "PCAP COUNT" lines, the frames tshark calls
#                 malformed in each pcap (every other pcap must have none;
#                 an annotated pcapng is named NODE.pcapng there)
# Always checked: the scenario run twice gives byte-identical pcaps and
# pcapngs and identical metrics rows (every table but `wall`), and every
# pcap and pcapng reads in tshark with no malformed frame.
set -u
skbsim=$1
scenario=$2
dir=$(dirname "$scenario")
name=$(basename "$scenario" .lua)
base=${3:-"$dir/$name"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

say() { echo "scenario $name: $*"; }
bad() { say "FAIL: $*"; fail=1; }

args=()
[ -f "$base.args" ] && read -r -a args < "$base.args"
want_exit=0
[ -f "$base.exit" ] && want_exit=$(cat "$base.exit")

for run in 1 2; do
	(cd "$dir" && "$skbsim" run "$name.lua" --out "$work/out$run" "${args[@]}" \
		>"$work/stdout$run" 2>"$work/stderr$run")
	echo $? > "$work/exit$run"
done

got_exit=$(cat "$work/exit1")
[ "$got_exit" = "$want_exit" ] || bad "exit status $got_exit, expected $want_exit"
if [ -f "$base.stdout" ]; then
	diff -u "$base.stdout" "$work/stdout1" > "$work/d" || { bad "stdout differs"; cat "$work/d"; }
fi
if [ -f "$base.stderr" ]; then
	diff -u "$base.stderr" "$work/stderr1" > "$work/d" || { bad "stderr differs"; cat "$work/d"; }
elif [ -s "$work/stderr1" ]; then
	bad "unexpected stderr:"; cat "$work/stderr1"
fi

# determinism: same outputs from two runs
cmp -s "$work/stdout1" "$work/stdout2" || bad "stdout differs between two runs"
dump() {
	[ -f "$1/metrics.db" ] || return 0
	sqlite3 "$1/metrics.db" .dump | grep -v '^INSERT INTO wall '
}
if [ -f "$work/out1/metrics.db" ]; then
	dump "$work/out1" > "$work/dump1"
	dump "$work/out2" > "$work/dump2"
	cmp -s "$work/dump1" "$work/dump2" || { bad "metrics rows differ between two runs"; diff "$work/dump1" "$work/dump2" | head -20; }
fi
if [ -d "$work/out1/pcap" ]; then
	for p in "$work"/out1/pcap/*.pcap; do
		[ -e "$p" ] || continue
		q="$work/out2/pcap/$(basename "$p")"
		cmp -s "$p" "$q" || bad "$(basename "$p") differs between two runs"
		if command -v tshark >/dev/null; then
			if ! tshark -n -r "$p" > "$work/tshark" 2>&1; then
				bad "tshark cannot read $(basename "$p")"; head -5 "$work/tshark"
			elif grep -qi "malformed" "$work/tshark"; then
				echo "$(basename "$p") $(grep -ci malformed "$work/tshark")" >> "$work/malformed"
			fi
		fi
	done
fi

# annotated captures: pcapng/NODE.pcapng, same checks as the pcaps
if [ -d "$work/out1/pcapng" ]; then
	for p in "$work"/out1/pcapng/*.pcapng; do
		[ -e "$p" ] || continue
		q="$work/out2/pcapng/$(basename "$p")"
		cmp -s "$p" "$q" || bad "pcapng/$(basename "$p") differs between two runs"
		if command -v tshark >/dev/null; then
			if ! tshark -n -r "$p" > "$work/tshark" 2>&1; then
				bad "tshark cannot read pcapng/$(basename "$p")"; head -5 "$work/tshark"
			elif grep -qi "malformed" "$work/tshark"; then
				echo "$(basename "$p") $(grep -ci malformed "$work/tshark")" >> "$work/malformed"
			fi
		fi
	done
fi
for want in "$base".*.pcapng.tshark "$base".*.pcapng.capinfos; do
	[ -e "$want" ] || continue
	ng=${want#"$base".}
	kind=${ng##*.}
	ng=${ng%.*}
	if [ ! -f "$work/out1/pcapng/$ng" ]; then
		bad "no pcapng/$ng for $(basename "$want")"
		continue
	fi
	command -v tshark >/dev/null || continue
	if [ "$kind" = tshark ]; then
		tshark -n -r "$work/out1/pcapng/$ng" -T fields -e frame.number \
			-e frame.interface_name -e _ws.col.Protocol -e frame.comment \
			> "$work/t" 2>/dev/null
	else
		{ capinfos -c -I -M "$work/out1/pcapng/$ng" | tail -n +2
		  echo "Packets with comments: $(tshark -n -r "$work/out1/pcapng/$ng" \
			-Y frame.comment 2>/dev/null | wc -l)"; } > "$work/t" 2>&1
	fi
	diff -u "$want" "$work/t" > "$work/d" || { bad "$kind of pcapng/$ng differs"; cat "$work/d"; }
done

for want in "$base".*.tshark; do
	[ -e "$want" ] || continue
	case $want in *.pcapng.tshark) continue ;; esac
	pcap=${want#"$base".}
	pcap=${pcap%.tshark}
	if [ ! -f "$work/out1/pcap/$pcap.pcap" ]; then
		bad "no pcap/$pcap.pcap for $(basename "$want")"
	elif command -v tshark >/dev/null; then
		tshark -n -r "$work/out1/pcap/$pcap.pcap" > "$work/t" 2>/dev/null
		diff -u "$want" "$work/t" > "$work/d" || { bad "tshark of $pcap.pcap differs"; cat "$work/d"; }
	fi
done

touch "$work/malformed"
want_malformed=/dev/null
[ -f "$base.malformed" ] && want_malformed=$base.malformed
if ! diff -u "$want_malformed" "$work/malformed" > "$work/d"; then
	bad "malformed frames (PCAP COUNT) differ from ${want_malformed#"$dir/"}"; cat "$work/d"
fi

if [ -f "$base.sql" ]; then
	if [ ! -f "$work/out1/metrics.db" ]; then
		bad "no metrics.db for $name.sql"
	else
		sqlite3 "$work/out1/metrics.db" < "$base.sql" > "$work/sql" 2>&1
		diff -u "$base.sql.out" "$work/sql" > "$work/d" || { bad "$name.sql output differs"; cat "$work/d"; }
	fi
fi

[ $fail -eq 0 ] && say "ok"
exit $fail
