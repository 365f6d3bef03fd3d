-- traceroute (traceroute 2.1.2's layout): h1 -- r1 -- r2 -- r3 -- h2, 1 ms
-- per cable.  UDP probes (default), -n, -q 1, ICMP echo probes (-I), a
-- router that drops silently (r3's blackhole for 10.0.9.0/24: "* * *"
-- from hop 3 on), and unreachable marks from r2: !H for an unreachable
-- route, !X for a prohibit one.  tests/kernel/tools.sh runs the same
-- commands in namespaces; the layout is the same line for line (Linux
-- rate-limits some of r2's ICMP errors, which the model does not: see
-- docs/programs.md).
local net, h1, r1, r2, r3, h2 = dofile("lib/tools_net.lua")("tools_traceroute")
net:capture{ node = "h1" }

h1:spawn("traceroute 10.0.4.2", { at = "1s" })
h1:spawn("traceroute -n -q 1 10.0.4.2", { at = "10s" })
h1:spawn("traceroute -n -m 5 -w 1 10.0.9.1", { at = "20s" })
h1:spawn("traceroute -n 10.0.5.1", { at = "40s" })
h1:spawn("traceroute -n 10.0.6.1", { at = "50s" })
h1:spawn("traceroute -I 10.0.4.2", { at = "60s" })
h1:spawn("traceroute -I -n -q 1 -m 4 -w 1 10.0.9.1", { at = "70s" })
h1:spawn("traceroute -f 3 -m 3 -p 40000 10.0.4.2", { at = "80s" })
-- bad input: traceroute's messages and statuses
h1:spawn("traceroute -q 0 10.0.4.2", { at = "90s" })
h1:spawn("traceroute -m 300 10.0.4.2", { at = "90s" })
h1:spawn("traceroute -w abc 10.0.4.2", { at = "90s" })
h1:spawn("traceroute -x 10.0.4.2", { at = "90s" })
h1:spawn("traceroute foo.invalid", { at = "90s" })
h1:spawn("traceroute -q", { at = "90s" })
net:run("100s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
print(h1:sh("ss -uan"))
