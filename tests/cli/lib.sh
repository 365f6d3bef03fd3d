# tests/cli/lib.sh - helpers for the command-line tests (sourced)
# Usage in a test: source lib.sh; SKBSIM=$1; ...; finish
set -u
SKBSIM=$(realpath "${1:?usage: test_x.sh SKBSIM}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	checks=$((checks + 1))
	if "$@"; then
		echo "ok   $what"
	else
		echo "FAIL $what"
		failures=$((failures + 1))
	fi
}

expect_exit() {	# expect_exit CODE COMMAND...
	local want=$1
	shift
	"$@" >"$work/out" 2>"$work/err"
	local got=$?
	[ "$got" = "$want" ] || { echo "  exit $got, expected $want; stderr: $(head -3 "$work/err")"; return 1; }
}

scenario() {	# scenario NAME <<< LUA
	cat > "$work/$1.lua"
	echo "$work/$1.lua"
}

finish() {
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" -eq 0 ]
}
