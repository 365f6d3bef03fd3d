-- topologies/examples/router.lua - the lectures' first picture: two hosts
-- and a router, ping across it, ARP on each segment, TTL decremented.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- h2 10.0.2.2
--              10.0.1.1    10.0.2.1
--
--   skbsim run topologies/examples/router.lua [--out DIR]
--
-- Outputs: DIR/pcap/<node>-<iface>.pcap for every interface (ARP requests
-- and replies, echo requests with ttl 64 on h1's segment and 63 on h2's),
-- DIR/metrics.db (counters, drops, the processes' output).  The same
-- setup on the real kernel: tests/kernel/router.sh.

local net = skbsim.network{ name = "router", seed = 1 }
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
net:capture()
net:metrics{}

-- nstat remembers the counters now; later calls print what changed
for _, n in ipairs{ h1, r1, h2 } do n:sh("nstat -n") end

h1:spawn("ping -c 3 10.0.2.2", { at = "1s" })
net:run("5s")

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
for _, n in ipairs{ h1, r1, h2 } do show(n, "ip neigh show") end
show(h1, "ip route show")
show(r1, "ip -4 -br addr")
for _, n in ipairs{ h1, r1, h2 } do
  show(n, "nstat IpInReceives IpForwDatagrams IpInDelivers IpOutRequests " ..
          "IcmpInEchos IcmpOutEchos IcmpInEchoReps IcmpOutEchoReps")
end
