#!/usr/bin/env bash
# skbsim run --walk FILTER [--walk-count N]: the walkthrough from the
# command line arms every network of the scenario; a filter libpcap cannot
# compile is a usage error (stderr, exit 2) before the scenario runs;
# --quiet silences the walk as it does process output, but metrics.db still
# has it.  See docs/walk.md.
source "$(dirname "$0")/lib.sh"

s=$(scenario walk <<'LUA'
local net = skbsim.network{ name = "walk", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { delay = "1ms" })
h1:sh("ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up")
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
print("scenario ran")
h1:spawn("ping -c 3 -i 0.2 10.0.0.2", { at = "1s" })
net:run("3s")
LUA
)
run() { "$SKBSIM" run "$s" --out "$work/o" "$@"; }
walks() { grep -c '^walk [0-9]*: ' "$work/out"; }

check "--walk follows the first matching packet" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk 'icmp' > '$work/out' &&
		 test \"\$(grep -c '^walk [0-9]*: ' '$work/out')\" = 1 &&
		 grep -q '^walk 1: h1 skb [0-9]*: IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id [0-9]*, seq 1, length 64$' '$work/out'"
check "the walk reaches the other host's icmp_echo" \
	grep -q '^\[1\] [0-9.]* h2 .* icmp_echo ' "$work/out"
check "and ends with consume_skb in icmp_rcv" \
	bash -c "grep '^\[1\] ' '$work/out' | tail -1 | grep -q 'consume_skb .*consumed in icmp_rcv$'"
check "--walk-count 4: the three requests and the first reply" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk icmp --walk-count 4 > '$work/out' &&
		 test \"\$(grep -c '^walk [0-9]*: ' '$work/out')\" = 4 &&
		 grep -q '^walk 2: h2 skb [0-9]*: IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id [0-9]*, seq 1' '$work/out'"
check "--walk=FILTER form, ARP" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk='arp[6:2] = 2' > '$work/out' &&
		 grep -q '^walk 1: h2 skb [0-9]*: ARP, Reply 10.0.0.2 is-at ' '$work/out'"
check "an empty filter follows the first packet of all" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk '' > '$work/out' &&
		 grep -q '^walk 1: h1 skb [0-9]*: ' '$work/out'"
check "the walk table has the lines" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk icmp > '$work/out' &&
		 test \"\$(sqlite3 '$work/o/metrics.db' 'select count(*) from walk')\" = \"\$(grep -c '^\[1\] ' '$work/out')\""
check "--quiet hides the walk" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk icmp --quiet > '$work/out' &&
		 ! grep -q '^walk \|^\[1\]' '$work/out'"
check "--quiet still stores it" \
	bash -c "test \"\$(sqlite3 '$work/o/metrics.db' 'select count(*) from walks')\" = 1"
check "two runs print the same walk" \
	bash -c "'$SKBSIM' run '$s' --out '$work/o' --walk icmp > '$work/a' &&
		 '$SKBSIM' run '$s' --out '$work/o' --walk icmp > '$work/b' && cmp -s '$work/a' '$work/b'"
check "a filter libpcap refuses: exit 2" expect_exit 2 run --walk 'icmp and hots 10.0.0.2'
check "with libpcap's message on stderr" \
	grep -qx 'skbsim: --walk: syntax error in filter expression' "$work/err"
check "and the scenario did not run" bash -c "! grep -q 'scenario ran' '$work/out'"
check "an unknown protocol: libpcap's words" expect_exit 2 run --walk 'ip proto foo'
check "... on stderr" grep -qx "skbsim: --walk: unknown ip proto 'foo'" "$work/err"
check "--walk-count 0 is refused" expect_exit 2 run --walk icmp --walk-count 0
check "--walk-count without --walk is refused" expect_exit 2 run --walk-count 2
check "--walk without a filter is refused" expect_exit 2 run --walk
finish
