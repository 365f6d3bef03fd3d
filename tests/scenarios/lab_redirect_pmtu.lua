-- Pins the redirect and PMTU lab (topologies/labs/redirect_pmtu.lua,
-- docs/labs/redirect-pmtu.md): the redirects r121 sends and h31 believes
-- or not, `ip route get`'s "cache <redirected>" and learned "mtu 1000",
-- ping's and tracepath's lines, the counters, the frames on h31's and h2's
-- wires (frag needed, fragments) and the drops in metrics.db.  Linux 6.18
-- gives the same lines: tests/kernel/lab_redirect_pmtu.sh.
dofile("../../topologies/labs/redirect_pmtu.lua")
