-- A switch learns where its hosts are.  sw is a bridge node (br0 with
-- every linked interface as a port); h1..h3 hang off its eth0..eth2:
--
--   h1 10.0.0.1 --- eth0 [sw br0] eth2 --- h3 10.0.0.3
--                        eth1
--                         |
--                     h2 10.0.0.2
--
-- h1 pings h2: the ARP request (broadcast) is flooded to h2 and h3 and
-- goes up to br0; h2's reply and the echo traffic go to one port each,
-- since by then sw has learned h1 and h2 (see the per-port pcaps: h3 sees
-- one ARP request and nothing else).  Then h3 pings h1.  `bridge fdb show`
-- lists the learned entries beside the ports' own (permanent) ones, and
-- `ip -s link` the frames each port carried.
--
-- The same on Linux 6.18 (namespaces, veth, a bridge): the same frames
-- on each port, the same fdb rows (with the kernel's "self" rows of the
-- devices' multicast lists, which skbsim does not keep).
local net = skbsim.network{ name = "bridge_learn", seed = 1 }
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
    ip link set lo up
    ip link set eth0 address 02:00:00:00:00:0%d
    ip addr add 10.0.0.%d/24 dev eth0
    ip link set eth0 up
  ]]):format(i, i))
end
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

show(sw, "ip link show")
show(sw, "bridge fdb show br br0")
h[1]:spawn("ping -c 2 10.0.0.2", { at = "1s" })
net:run("3s")
show(sw, "bridge fdb show br br0")
h[3]:spawn("ping -c 1 10.0.0.1", { at = "4s" })
net:run("3s")
show(sw, "bridge fdb show br br0")
show(sw, "ip -s link show master br0")
show(sw, "ip -s link show br0")
