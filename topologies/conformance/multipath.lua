-- Conformance: a multipath route.  r1 reaches 10.9.9.9 (s's lo) over two
-- links, `nexthop via 10.0.2.2 nexthop via 10.0.3.2`.  Which nexthop a
-- flow takes depends on Linux's per-boot hash key, so only h1's side and
-- the route listings are compared: the route as shown, pings that work;
-- with eth2 down the nexthop is "dead linkdown" and the other one carries
-- everything.
--
--   h1 10.0.1.2 --eth0-- r1 =eth1/eth2= s (10.0.2.2, 10.0.3.2; 10.9.9.9 on lo)
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters;
-- the counters of r1's eth1/eth2 and s (the hash picks the link).
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*,eth1.*,eth2.* --no-counters
local net = skbsim.network{ name = "multipath", seed = 1 }
local h1, r1, s = net:host("h1"), net:router("r1"), net:host("s")
net:link(h1, r1)
net:link(r1, s)
net:link(r1, s)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip addr add 10.0.3.1/24 dev eth2
  ip link set eth0 up
  ip link set eth1 up
  ip link set eth2 up
  ip route add 10.9.9.9/32 nexthop via 10.0.2.2 nexthop via 10.0.3.2
]]
s:sh[[
  ip link set lo up
  ip addr add 10.9.9.9/32 dev lo
  ip addr add 10.0.2.2/24 dev eth0
  ip addr add 10.0.3.2/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add default via 10.0.2.1
]]
net:capture{ node = "h1" }
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(r1, "ip route show 10.9.9.9")
h1:spawn("ping -c 2 -i 0.5 10.9.9.9", { at = "1s" })
net:run("2s")
r1:sh("ip link set eth2 down")
show(r1, "ip route show 10.9.9.9")
show(r1, "ip route get 10.9.9.9")
h1:spawn("ping -c 2 -i 0.5 10.9.9.9", { at = "3s" })
net:run("2s")
