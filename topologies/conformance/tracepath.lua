-- Conformance: tracepath (iputils) through a router to a host behind a
-- 576-byte link.  Its UDP probes (ports from 44444, IP_PMTUDISC_PROBE)
-- meet: a time exceeded from r1 at TTL 1, the router's fragmentation
-- needed (mtu 576: the hop is probed again with the smaller size), then
-- h2's port unreachable: "reached", and "Resume: pmtu 576 hops 2 back 2".
-- It exercises ICMP errors delivered to a UDP socket's error queue
-- (IP_RECVERR), the one path to port unreachable that runs on both
-- backends today.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--
-- Normalised: IP ids and the source port (random on Linux: renumbered);
-- padding; lo's counters.
-- diff: --renumber ip.id,udp.sport --ignore frame.padding,*_bytes,lo.*
-- needs: tracepath
local net = skbsim.network{ name = "tracepath", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2, { mtu = 576 })
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
h1:spawn("tracepath -n 10.0.2.2", { at = "1s" })
net:run("5s")
io.write("h2$ nstat -az UdpNoPorts IcmpOutDestUnreachs\n", h2:sh("nstat -az UdpNoPorts IcmpOutDestUnreachs"))
