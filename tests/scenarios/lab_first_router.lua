-- Pins the answers of docs/labs/first-router.md, part 4 ("Change one
-- thing at a time") on the network of topologies/examples/router.lua
-- (tests/scenarios/examples/router.* pins parts 1-3; part 4's fourth
-- question is tests/scenarios/neigh_unreachable.lua):
--   1. ping -t 1: r1's ip_forward() sends time exceeded
--   2. ip_forward=0 on r1: ip_error() counts IpInAddrErrors, no ICMP
--   3. icmp_echo_ignore_all=1 on h2: IcmpInEchos, no reply
local net = skbsim.network{ name = "lab_first_router", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { rate = "1Gbit", delay = "1ms" })     -- h1 eth0 <-> r1 eth0
net:link(r1, h2, { rate = "100Mbit", delay = "5ms" })   -- r1 eth1 <-> h2 eth0
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:metrics{}
for _, n in ipairs{ h1, r1, h2 } do n:sh("nstat -n") end
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
local function counters(names)
  for _, n in ipairs{ h1, r1, h2 } do show(n, "nstat " .. names) end
end

print("== 1. ping -t 1")
h1:spawn("ping -c 2 -t 1 10.0.2.2", { at = "1s" })
net:run("5s")
counters("IpInHdrErrors IcmpOutTimeExcds IcmpInTimeExcds IcmpMsg*Type11")

print("== 2. r1 stops forwarding")
show(r1, "sysctl -w net.ipv4.ip_forward=0")
h1:spawn("ping -c 2 -w 4 10.0.2.2", { at = "10s" })
net:run("10s")
counters("IpInAddrErrors IpForwDatagrams IcmpOutDestUnreachs")
show(r1, "sysctl -w net.ipv4.ip_forward=1")

print("== 3. h2 ignores echo requests")
show(h2, "sysctl -w net.ipv4.icmp_echo_ignore_all=1")
h1:spawn("ping -c 2 -w 4 10.0.2.2", { at = "20s" })
net:run("10s")
counters("IcmpInEchos IcmpOutEchoReps IcmpInEchoReps")
