#!/usr/bin/env bash
# The skbsim command line: --version, --help, exit statuses for bad usage.
source "$(dirname "$0")/lib.sh"

ok=$(scenario ok <<< 'local net = skbsim.network{}')

check "--version prints the version" expect_exit 0 "$SKBSIM" --version
check "--version says skbsim" grep -q '^skbsim [0-9]' "$work/out"
check "--help exits 0" expect_exit 0 "$SKBSIM" --help
check "--help shows usage" grep -q 'Usage: skbsim run SCENARIO.lua' "$work/out"
check "no arguments is usage" expect_exit 2 "$SKBSIM"
check "unknown command is usage" expect_exit 2 "$SKBSIM" frobnicate
check "run without a scenario is usage" expect_exit 2 "$SKBSIM" run
check "unknown option is usage" expect_exit 2 "$SKBSIM" run "$ok" --frob
check "... and names it" grep -q 'unknown option --frob' "$work/err"
check "missing scenario file is usage" expect_exit 2 "$SKBSIM" run "$work/nope.lua"
check "... and says so" grep -q 'cannot open' "$work/err"
check "--seed needs a number" expect_exit 2 "$SKBSIM" run "$ok" --seed abc
check "--seed rejects negatives" expect_exit 2 "$SKBSIM" run "$ok" --seed -1
check "--out needs a directory" expect_exit 2 "$SKBSIM" run "$ok" --out
check "two scenarios is usage" expect_exit 2 "$SKBSIM" run "$ok" "$ok"
check "a good run exits 0" expect_exit 0 "$SKBSIM" run "$ok" --out "$work/o" --quiet
check "... and writes metrics.db" test -f "$work/o/metrics.db"
mkdir "$work/cwd" && cp "$ok" "$work/cwd/"
check "default output is out/<name>" bash -c "cd '$work/cwd' && '$SKBSIM' run ok.lua && test -f out/ok/metrics.db"
finish
