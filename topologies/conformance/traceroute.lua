-- Conformance: traceroute (2.1, the default UDP module) over three
-- routers.  Each probe is a UDP socket of its own (IP_RECVERR, IP_TTL)
-- to the next port from 33434; r1, r2 and r3 answer the probes whose TTL
-- ends with them with ICMP time exceeded (11/0, ip_forward ->
-- icmp_send), h2 answers the last ones with port unreachable (3/3): four
-- hop lines, the last one h2's.  -q 1 -N 1: one probe at a time, so that
-- the order of frames on the wire does not depend on how fast the real
-- routers answer a burst of 16 probes; TTL 1 first.
--
--   h1 10.0.1.2 -- r1 -- 10.0.2.0/24 -- r2 -- 10.0.3.0/24 -- r3 -- h2 10.0.4.2
--
-- Normalised: IP ids and the source ports (random on Linux: renumbered);
-- padding; lo's counters.
-- diff: --renumber ip.id,udp.sport --ignore frame.padding,*_bytes,lo.*
-- needs: traceroute
local net = skbsim.network{ name = "traceroute", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
local r1, r2, r3 = net:router("r1"), net:router("r2"), net:router("r3")
net:link(h1, r1)
net:link(r1, r2)
net:link(r2, r3)
net:link(r3, h2)
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
  ip route add 10.0.3.0/24 via 10.0.2.2
  ip route add 10.0.4.0/24 via 10.0.2.2
]]
r2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip addr add 10.0.3.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 10.0.2.1
  ip route add 10.0.4.0/24 via 10.0.3.2
]]
r3:sh[[
  ip addr add 10.0.3.2/24 dev eth0
  ip addr add 10.0.4.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add default via 10.0.3.1
]]
h2:sh[[
  ip addr add 10.0.4.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.4.1
]]
net:capture()
h1:spawn("traceroute -n -q 1 -N 1 10.0.4.2", { at = "1s" })
net:run("3s")
for _, r in ipairs{ r1, r2, r3 } do
  io.write(r.name .. "$ nstat -az IcmpOutTimeExcds\n", r:sh("nstat -az IcmpOutTimeExcds"))
end
io.write("h2$ nstat -az UdpNoPorts IcmpOutDestUnreachs\n", h2:sh("nstat -az UdpNoPorts IcmpOutDestUnreachs"))
