-- The walk of a fragmented datagram.  r1's link to h2 has an MTU of 576:
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--
-- `ping -M dont -s 1000`: the 1028-byte echo request leaves h1 whole (no
-- DF); r1's ip_finish_output finds it longer than 576 and ip_do_fragment
-- cuts it into two fragments, of 552 and 456 bytes of payload: each
-- fragment is a new skb whose lines are indented under the datagram's skb
-- ("3<2": skb 3 made from skb 2), and the datagram itself is consumed.  On h2, ip_local_deliver
-- passes each fragment to ip_defrag: the first waits in the queue and is
-- consumed into the other when that one completes the datagram and goes
-- on to icmp_rcv as the whole echo request.
local net = skbsim.network{ name = "walk_frag", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms", mtu = 576 })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
  ip neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:02:01
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip neigh add 10.0.2.2 lladdr 02:00:00:00:02:02 dev eth1
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:02:02
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
  ip neigh add 10.0.2.1 lladdr 02:00:00:00:02:01 dev eth0
]]
net:metrics{ interval = 0 }
net:capture()
net:walk{ filter = "icmp[icmptype] == icmp-echo and dst host 10.0.2.2", count = 1 }
h1:spawn("ping -M dont -c 1 -s 1000 10.0.2.2", { at = "1s" })
net:run("3s")
