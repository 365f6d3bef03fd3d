#!/usr/bin/env bash
# skbsim console driven from stdin (docs/console.md): the transcript of
# commands on several nodes, `run`, a net:pause() at the top level and in a
# net:at callback with `continue`, unknown nodes and commands, bad times,
# filters that do not compile, captures, and the end of the input; each is
# compared with tests/cli/console/NAME.out (the output directory shows as
# OUT).  Then: exit statuses, finished outputs, `skbsim run` ignoring
# net:pause(), SIGINT during `run`, and the same transcript twice.
source "$(dirname "$0")/lib.sh"
dir=$(cd "$(dirname "$0")/console" && pwd)

console() {	# console SCENARIO INPUT [options]: the transcript, stderr merged
	local lua=$1 input=$2
	shift 2
	"$SKBSIM" console "$dir/$lua" --out "$work/o" "$@" < "$input" > "$work/raw" 2>&1
	local rc=$?
	sed "s|$work/o|OUT|g" "$work/raw" > "$work/transcript"
	return $rc
}

same_as() {	# same_as EXPECTED: the last transcript, or a diff
	diff -u "$dir/$1" "$work/transcript" | head -40 >&2
	cmp -s "$dir/$1" "$work/transcript"
}

pcap_frames() {	# pcap_frames FILE FILTER: how many frames tshark sees
	tshark -r "$1" -Y "$2" 2>/dev/null | wc -l
}

# --- commands on nodes, run, bad input --------------------------------------
console router.lua "$dir/basic.in"
check "basic session exits 0 at its end" test $? = 0
check "basic transcript" same_as basic.out
check "outputs finished as after skbsim run" \
	test "$(sqlite3 "$work/o/metrics.db" 'select complete, exit_status, sim_ns from run')" = "1|0|4000000000"
check "the ping started at the prompt is recorded" \
	test "$(sqlite3 "$work/o/metrics.db" "select count(*) from process_output where line like '64 bytes%'")" = 2
cp "$work/raw" "$work/first"
console router.lua "$dir/basic.in"
check "the same input gives the same bytes" cmp -s "$work/first" "$work/raw"

# --- net:pause ----------------------------------------------------------------
console pause.lua "$dir/pause.in"
check "pause session exits 0" test $? = 0
check "pause transcript" same_as pause.out
check "the paused scenario ran to its end" \
	test "$(sqlite3 "$work/o/metrics.db" 'select complete, sim_ns from run')" = "1|5000000000"

printf 'time\n' > "$work/eof.in"
console pause.lua "$work/eof.in"
check "EOF at a pause exits 0" test $? = 0
check "EOF at a pause: the scenario runs to its end" same_as eof.out
check "...and its outputs are finished" \
	test "$(sqlite3 "$work/o/metrics.db" 'select complete, exit_status from run')" = "1|0"

"$SKBSIM" run "$dir/pause.lua" --out "$work/r" > "$work/run.out" 2>&1
check "skbsim run ignores net:pause" test $? = 0
check "...and prints no prompt" bash -c "! grep -q 'paused\|>' '$work/run.out'"
check "...and runs the callback through" grep -q 'callback goes on' "$work/run.out"

printf 'quit\n' > "$work/quit.in"
console pause.lua "$work/quit.in"
check "quit at a pause lets the scenario end (exit 0)" test $? = 0
check "...with no prompt after it" test "$(grep -c '> ' "$work/transcript")" = 1

# --- captures -----------------------------------------------------------------
console router.lua "$dir/capture.in"
check "capture session exits 0" test $? = 0
check "capture transcript" same_as capture.out
check "the echo request and reply are in h2's capture" \
	test "$(pcap_frames "$work/o/pcap/h2-eth0.pcap" icmp)" = 2
check "r1 captured its first interface" test "$(pcap_frames "$work/o/pcap/r1-eth0.pcap" icmp)" = 2
check "...and its second" test "$(pcap_frames "$work/o/pcap/r1-eth1.pcap" icmp)" = 2
malformed=0
for f in "$work"/o/pcap/*.pcap; do
	malformed=$((malformed + $(pcap_frames "$f" _ws.malformed)))
done
check "tshark reads every file without malformed frames" test "$malformed" = 0

# --- walk from the prompt -------------------------------------------------------
printf 'walk icmp\nh1 ping -c 1 10.0.2.2\nrun 1s\n' > "$work/walk.in"
console router.lua "$work/walk.in"
check "a walk armed at the prompt follows the ping" grep -q 'ip_forward' "$work/transcript"

# --- exit statuses ---------------------------------------------------------------
s=$(scenario failing <<'LUA'
local net = skbsim.network{ name = "failing" }
net:host("h1")
net:at("2s", function() error("boom in a callback") end)
net:run("1s")
LUA
)
printf 'h1 ip -br link\nrun 5s\nrun 1s\ntime\n' > "$work/fail.in"
"$SKBSIM" console "$s" --out "$work/f" < "$work/fail.in" > "$work/transcript" 2>&1
check "a run from the prompt that fails gives exit 1" test $? = 1
check "...with the error" grep -q 'boom in a callback' "$work/transcript"
check "...and refuses to run again" grep -q '^run: the simulation stopped on an error' "$work/transcript"
check "...and the session goes on" grep -q '^2.000000000s$' "$work/transcript"
check "...and metrics.db is marked incomplete" \
	test "$(sqlite3 "$work/f/metrics.db" 'select complete, exit_status from run')" = "0|1"

s=$(scenario broken <<'LUA'
local net = skbsim.network{ name = "broken" }
net:host("h1")
net:run("1s")
error("scenario error")
LUA
)
"$SKBSIM" console "$s" --out "$work/b" < "$work/quit.in" > "$work/transcript" 2>&1
check "a scenario error keeps exit 1 under the console" test $? = 1
check "...after the prompt let its state be inspected" \
	grep -q 'the scenario stopped on an error at t=1s' "$work/transcript"

s=$(scenario nonet <<< 'print("no network here")')
"$SKBSIM" console "$s" < /dev/null > "$work/transcript" 2>&1
check "a scenario without a network: a message, exit 0" bash -c \
	"test $? = 0 && grep -q 'made no network' '$work/transcript'"

# --- a node named like a console command ----------------------------------------
s=$(scenario named <<'LUA'
local net = skbsim.network{ name = "named" }
net:host("run")
LUA
)
printf 'run ip -br link\nnode run ip -br link\ntime\n' > "$work/named.in"
"$SKBSIM" console "$s" --out "$work/n" < "$work/named.in" > "$work/transcript" 2>&1
check "console words win over node names" grep -q '^run: usage: run TIME' "$work/transcript"
check "...node NAME COMMAND reaches the node" grep -q '^lo  *DOWN' "$work/transcript"

# --- SIGINT during run: back at the prompt ------------------------------------------
mkfifo "$work/fifo"
"$SKBSIM" console "$dir/router.lua" --out "$work/i" < "$work/fifo" > "$work/int.out" 2>&1 &
pid=$!
exec 3> "$work/fifo"
printf 'h1 ping -q -i 0.001 10.0.2.2\nrun 100000s\n' >&3
for _ in $(seq 50); do grep -q 'run 100000s' "$work/int.out" && break; sleep 0.1; done
sleep 1
kill -INT $pid
for _ in $(seq 50); do grep -q 'interrupted at t=' "$work/int.out" && break; sleep 0.1; done
printf 'time\nquit\n' >&3
exec 3>&-
wait $pid
rc=$?
check "SIGINT during run returns to the prompt, not out" test "$rc" = 0
check "...saying where the run stopped" grep -q '^interrupted at t=' "$work/int.out"
check "...and the next command runs" grep -q 't=.*> time' "$work/int.out"

# --- SIGINT while a script's stdin has no line yet: the session ends, 130 -------------
mkfifo "$work/fifo2"
"$SKBSIM" console "$dir/router.lua" --out "$work/j" < "$work/fifo2" > "$work/wait.out" 2>&1 &
pid=$!
exec 3> "$work/fifo2"
for _ in $(seq 50); do grep -q 'help. lists' "$work/wait.out" && break; sleep 0.1; done
sleep 0.5	# into read(2): a signal just before it would wait for a line
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
check "SIGINT waiting for input ends with 130" test "$rc" = 130
check "...and metrics.db says so" \
	test "$(sqlite3 "$work/j/metrics.db" 'select complete, exit_status from run')" = "0|130"

# --- on a terminal (script(1) gives it a pty): libedit, Tab, history, ^C ----------
if command -v script >/dev/null; then
	mkdir -p "$work/home"
	{
		sleep 2		# the scenario runs first; keys typed before the prompt would be cooked
		for keys in 'h1 ip -br a\n' 'lin\t\n' 'nodes junk\003' 'time\n' '\033[A\033[A\033[A\n' 'quit\n'; do
			printf "$keys"
			sleep 0.5
		done
	} | HOME="$work/home" timeout 60 script -qec \
		"'$SKBSIM' console '$dir/router.lua' --out '$work/t'" /dev/null > "$work/pty.out"
	check "on a terminal: exits 0 at quit" test $? = 0
	tr -d '\r' < "$work/pty.out" > "$work/pty.txt"
	check "...runs a node's command" grep -q '^eth0 .*10.0.1.2/24' "$work/pty.txt"
	check "...Tab completes lin to links" grep -q '^h1:eth0 .*<-> r1:eth0' "$work/pty.txt"
	check "...^C drops the line" bash -c "! grep -q '^NODE ' '$work/pty.txt'"
	check "...and the next line runs" grep -q '^1.000000000s$' "$work/pty.txt"
	check "...Up recalls history (the command ran twice)" \
		test "$(grep -c '^eth0 .*10.0.1.2/24' "$work/pty.txt")" = 2
	check "...history is saved in ~/.skbsim_history" bash -c \
		"grep -q 'h1.040ip.040-br.040a' '$work/home/.skbsim_history' &&
		 ! grep -q junk '$work/home/.skbsim_history'"
fi
finish
