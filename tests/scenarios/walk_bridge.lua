-- The walk through a bridge.  sw is a bridge node (br0, ports eth0..eth2):
--
--   h1 10.0.0.1 --- eth0 [sw br0] eth2 --- h3 10.0.0.3
--                        eth1
--                         |
--                     h2 10.0.0.2
--
-- h1 pings h2.  Walk 1 follows h1's ARP request (a broadcast): on sw,
-- br_handle_frame and br_handle_frame_finish (h1 learned, broadcast:
-- flood), br_flood sends a clone out of eth1 and eth2 (indented under
-- the frame that came in) while the original goes up to br0
-- (br_pass_frame_up), where arp_rcv sees it and drops nothing: it is not
-- for sw.  h2 answers; h3's arp_process finds the request is not for it.
-- Walk 2 follows the echo request: by then sw knows h2, so br_forward
-- sends the frame itself out of eth1, no flood.
local net = skbsim.network{ name = "walk_bridge", seed = 1 }
local sw = net:bridge("sw")
local h = {}
for i = 1, 3 do
  h[i] = net:host("h" .. i)
  net:link(h[i], sw, { delay = "10us" })
end
sw:sh[[
  ip link set eth0 address 02:00:00:00:10:01
  ip link set eth1 address 02:00:00:00:10:02
  ip link set eth2 address 02:00:00:00:10:03
]]
for i = 1, 3 do
  h[i]:sh(([[
    ip link set eth0 address 02:00:00:00:00:0%d
    ip addr add 10.0.0.%d/24 dev eth0
    ip link set eth0 up
  ]]):format(i, i))
end
net:metrics{ interval = 0 }
net:walk{ filter = "(arp and ether src 02:00:00:00:00:01) or (icmp and dst host 10.0.0.2)",
          count = 2 }
h[1]:spawn("ping -c 1 10.0.0.2", { at = "1s" })
net:run("3s")
