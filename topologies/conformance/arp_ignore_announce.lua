-- Conformance: arp_ignore and arp_announce (net/ipv4/arp.c arp_ignore,
-- arp_solicit's source choice).
--
--   h1 10.0.1.2 (+10.9.9.9 on lo) --eth0-- eth0 10.0.1.1 r1 eth1 10.0.2.1 -- h2
--
-- 1. h1 routes 10.0.2.1 (r1's address on its other interface) out of eth0.
--    arp_ignore 0: r1 answers for any local address; ping works.
-- 2. arp_ignore 1: r1 answers only for addresses of the interface the
--    request came in on; 10.0.2.1 stays unresolved: Destination Host
--    Unreachable after the three probes.
-- 3. h1 pings r1 from 10.0.9.9 (ping -I): arp_announce 0 puts the
--    datagram's source 10.0.9.9 in the request; arp_announce 2 the best
--    address of the subnet, 10.0.1.2.
--
-- Normalised: IP ids and ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "arp_ignore_announce", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:host("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2)
h1:sh[[
  ip link set lo up
  ip addr add 10.9.9.9/32 dev lo
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add 10.0.2.1/32 dev eth0
]]
r1:sh[[
  ip link set lo up
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.9.9.9/32 via 10.0.1.2
]]
net:capture()
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
-- 1.
h1:spawn("ping -c 1 -W 1 10.0.2.1", { at = "1s" })
net:run("2s")
-- 2.
h1:sh("ip neigh flush dev eth0")
r1:sh("ip neigh flush dev eth0")
r1:sh("sysctl -qw net.ipv4.conf.all.arp_ignore=1")
h1:spawn("ping -c 1 -W 4 10.0.2.1", { at = "3s" })
net:run("5s")
show(h1, "ip neigh show 10.0.2.1")
-- 3.
r1:sh("sysctl -qw net.ipv4.conf.all.arp_ignore=0")
h1:sh("ip neigh flush dev eth0")
r1:sh("ip neigh flush dev eth0")
h1:spawn("ping -c 1 -W 1 -I 10.9.9.9 10.0.1.1", { at = "8s" })
net:run("2s")
h1:sh("ip neigh flush dev eth0")
r1:sh("ip neigh flush dev eth0")
h1:sh("sysctl -qw net.ipv4.conf.all.arp_announce=2")
h1:spawn("ping -c 1 -W 1 -I 10.9.9.9 10.0.1.1", { at = "10s" })
net:run("2s")
