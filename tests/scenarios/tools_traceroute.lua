-- traceroute (traceroute 2.1.2's layout): h1 -- r1 -- r2 -- r3 -- h2, 1 ms
-- per cable.  UDP probes (default), -n, -q 1, ICMP echo probes (-I), a
-- router that drops silently (r3's blackhole for 10.0.9.0/24: "* * *"
-- from hop 3 on), and unreachable marks from r2: !H for an unreachable
-- route, !X for a prohibit one.  tests/kernel/tools.sh runs the same
-- commands in namespaces; the layout is the same line for line (Linux
-- rate-limits some of r2's ICMP errors, which the model does not: see
-- docs/programs.md).
local net = skbsim.network{ name = "tools_traceroute" }
local h1, r1, r2, r3, h2 = net:host("h1"), net:router("r1"), net:router("r2"), net:router("r3"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, r2, { delay = "1ms" })
net:link(r2, r3, { delay = "1ms", mtu = 1400 })
net:link(r3, h2, { delay = "1ms" })
h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
  ip route add default via 10.0.2.2
]]
r2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.3.1/24 dev eth1
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 10.0.2.1
  ip route add 10.0.4.0/24 via 10.0.3.2
  ip route add 10.0.9.0/24 via 10.0.3.2
  ip route add unreachable 10.0.5.0/24
  ip route add prohibit 10.0.6.0/24
]]
r3:sh[[
  ip addr add 10.0.3.2/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.4.1/24 dev eth1
  ip link set eth1 up
  ip route add default via 10.0.3.1
  ip route add blackhole 10.0.9.0/24
]]
h2:sh[[
  ip link set lo up
  ip addr add 10.0.4.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.4.1
]]
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
