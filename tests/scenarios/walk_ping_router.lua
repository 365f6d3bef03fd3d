-- The packet walkthrough of one ping through a router (docs/walk.md):
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- 10.0.2.2 h2
--                   10.0.1.1  10.0.2.1
--
-- net:walk follows the first ICMP packet to or from 10.0.2.2: h1's echo
-- request, from ping_v4_sendmsg through the routing and the neighbour
-- layer (h1 does not know r1's MAC yet: arp_solicit, the packet waits in
-- arp_queue, and goes out when the ARP reply updates the entry), the
-- qdisc and the driver; on r1 the NAPI poll, netif_receive_skb, ip_rcv,
-- the FIB lookup, ip_forward (TTL 64 -> 63), ip_output and again the
-- neighbour resolution of h2; on h2 up to icmp_rcv and icmp_echo, where
-- the request is consumed.  The reply is a new packet: count = 1 leaves
-- it alone.  metrics.db keeps the same lines in `walk`.
local net = skbsim.network{ name = "walk_ping_router", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:metrics{ interval = 0 }
net:walk{ filter = "icmp and host 10.0.2.2", count = 1 }
h1:spawn("ping -c 1 10.0.2.2", { at = "1s" })
net:run("3s")
