-- Conformance: a ping through a router (ARP on both segments, TTL 63).
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- h2 10.0.2.2
--              10.0.1.1    10.0.2.1
--
-- Normalised: ping's IP ids and ICMP id are random on Linux (renumbered
-- by order); a cable's NIC pads short frames to 60 bytes as Ethernet
-- hardware does, a veth does not (frame.padding, and the byte counters
-- that count the padding); lo's counters count ip netns exec's setup.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "router_ping", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2)
h1:sh[[
  ip link set lo up
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
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()
h1:spawn("ping -c 3 -i 0.5 10.0.2.2", { at = "1s" })
net:run("3s")
io.write("h1$ ip neigh\n", h1:sh("ip neigh"))
-- one device at a time: Linux lists a table in its random hash order
io.write("r1$ ip neigh show dev eth0\n", r1:sh("ip neigh show dev eth0"))
io.write("r1$ ip neigh show dev eth1\n", r1:sh("ip neigh show dev eth1"))
