-- Conformance: TTL exceeded.  `ping -t 1` through r1: r1 may not forward
-- a datagram whose TTL would reach 0 (ip_forward), and answers time
-- exceeded in transit (ICMP 11/0) quoting it; ping prints "From 10.0.1.1
-- icmp_seq=N Time to live exceeded".  Then `ping -t 2` reaches h2.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- h2 10.0.2.2
--
-- Normalised: IP ids and the ICMP id are random on Linux (renumbered);
-- padding of short frames (cable NICs pad, veth does not); lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "ttl_exceeded", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2)
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
h1:spawn("ping -c 2 -i 0.5 -W 1 -t 1 10.0.2.2", { at = "1s" })
h1:spawn("ping -c 1 -t 2 10.0.2.2", { at = "3s" })
net:run("4s")
io.write("r1$ nstat -az IcmpOutTimeExcds IcmpMsgOutType11\n",
         r1:sh("nstat -az IcmpOutTimeExcds IcmpMsgOutType11"))
