#!/usr/bin/env bash
# skbsim grade LAB.lua STUDENT_DIR (sim/lua/lgrade.c, docs/grading.md):
# the routing lab's reference solution passes every check (exit 0), a
# wrong configuration gets the expected FAILs with their hints (exit 3),
# both verdicts pinned and the same on every run; every helper of
# skbsim.grade on tests/grade/api/lab.lua; a missing student directory
# or lab, a lab that errors and a lab with no checks are clear errors.
source "$(dirname "$0")/lib.sh"
src=${SKBSIM_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
lab=$src/topologies/labs/routing.lua
grades=$src/tests/grade

grade() {	# grade NAME LAB DIR [ARGS...]: stdout in $work/NAME.out, exit in $work/NAME.exit
	local name=$1
	shift
	"$SKBSIM" grade "$@" --out "$work/o-$name" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.exit"
}
same() { diff -u "$1" "$2"; }

grade solution "$lab" "$src/topologies/labs/routing/solution"
check "the reference solution exits 0" test "$(cat "$work/solution.exit")" = 0
check "... every check passes" bash -c "! grep -q '^FAIL' '$work/solution.out'"
check "... verdict pinned" same "$grades/routing-solution.expected" "$work/solution.out"
check "... nothing on stderr" test ! -s "$work/solution.err"

grade wrong "$lab" "$grades/routing-wrong"
check "the wrong configuration exits 3" test "$(cat "$work/wrong.exit")" = 3
check "... verdict pinned" same "$grades/routing-wrong.expected" "$work/wrong.out"
check "... the failing line with file:line and the tool's message" \
	grep -qx 'FAIL  r1.sh:19: sysctl -w net.ipv4.conf.all.rp_filer=1' "$work/wrong.out"
check "... a hint under a failed check" grep -qx '      hint: ip rule add fwmark 2 lookup isp2' "$work/wrong.out"
check "... the summary" grep -qx '13/19 checks passed' "$work/wrong.out"
grade wrong2 "$lab" "$grades/routing-wrong"
check "... the same verdict on a second run" same "$work/wrong.out" "$work/wrong2.out"

grade step1 "$lab" "$grades/routing-step1"
check "step 1 of the lab (one default route): exit 3" test "$(cat "$work/step1.exit")" = 3
check "... verdict pinned" same "$grades/routing-step1.expected" "$work/step1.out"
check "... isp1's rp_filter drops counted (grade.drops)" \
	grep -A2 -x 'FAIL  isp1 drops nothing for a bad source (IP_RPFILTER)' "$work/step1.out" |
	grep -qx '      got:  3 drops'

grade rpfilter "$lab" "$grades/routing-rpfilter"
check "strict rp_filter without the rule for r1's own address: exit 3" \
	test "$(cat "$work/rpfilter.exit")" = 3
check "... verdict pinned: only the marked ping fails" \
	same "$grades/routing-rpfilter.expected" "$work/rpfilter.out"

mkdir "$work/crlf"
sed 's/$/\r/' "$src/topologies/labs/routing/solution/r1.sh" > "$work/crlf/r1.sh"
cp "$grades/routing-step1/r1.sh" "$work/crlf/R1.sh"
grade crlf "$lab" "$work/crlf"
check "the solution saved with CRLF line ends passes too" test "$(cat "$work/crlf.exit")" = 0
check "... and a file the lab did not read is named" \
	grep -qx 'note: R1.sh was not read (the lab reads: r1.sh)' "$work/crlf.out"

mkdir "$work/empty"
grade empty "$lab" "$work/empty"
check "an empty student directory: nothing configured, exit 3" test "$(cat "$work/empty.exit")" = 3
check "... only the checks that something did not happen pass" \
	grep -qx '2/18 checks passed' "$work/empty.out"

grade api "$grades/api/lab.lua" "$grades/api-student"
check "every helper: exit 3 (some fail on purpose)" test "$(cat "$work/api.exit")" = 3
check "... verdict pinned" same "$grades/api.expected" "$work/api.out"

grade nodir "$lab" "$work/nope"
check "a missing student directory is usage (exit 2)" test "$(cat "$work/nodir.exit")" = 2
check "... and says so" grep -qx "skbsim: grade: $work/nope: not a directory" "$work/nodir.err"
check "... before running anything" test ! -e "$work/o-nodir"
grade nolab "$work/nope.lua" "$work/empty"
check "a missing lab is usage (exit 2)" test "$(cat "$work/nolab.exit")" = 2
check "... and says so" grep -q "cannot open" "$work/nolab.err"
check "grade without a directory is usage" expect_exit 2 "$SKBSIM" grade "$lab"

for bad in filter counter option pattern; do
	grade "bad-$bad" "$grades/api/lab.lua" "$grades/api-student" bad=$bad
	check "a lab error ($bad) exits 1" test "$(cat "$work/bad-$bad.exit")" = 1
done
check "... with libpcap's message and the lab's line" \
	grep -q 'lab.lua:[0-9]*: grade.packets: bad filter "icmp and and": can.t parse filter expression: syntax error' "$work/bad-filter.err"
check "... an unknown counter named" grep -q 'lab.lua:[0-9]*: h1 has no counter Ip.Nope' "$work/bad-counter.err"
check "... an unknown option named" grep -q 'lab.lua:[0-9]*: unknown option "hsa"' "$work/bad-option.err"
check "... a bad pattern named" grep -q 'lab.lua:[0-9]*: match: malformed pattern' "$work/bad-pattern.err"
check "... and no verdict" grep -qx 'skbsim: grade: the lab stopped with an error, no verdict' "$work/bad-filter.err"
check "... no summary line" bash -c "! grep -q 'checks passed' '$work/bad-filter.out'"

nochecks=$(scenario nochecks <<< 'skbsim.network{}')
grade nochecks "$nochecks" "$work/empty"
check "a lab with no checks exits 1" test "$(cat "$work/nochecks.exit")" = 1
check "... and says so" grep -qx 'skbsim: grade: the lab made no checks' "$work/nochecks.err"

nograde=$(scenario nograde <<< 'print(skbsim.grade == nil)')
check "skbsim.grade is nil under skbsim run" \
	bash -c "'$SKBSIM' run '$nograde' --out '$work/o-nograde' | grep -qx true"
finish
