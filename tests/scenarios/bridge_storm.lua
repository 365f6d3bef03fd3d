-- A broadcast storm.  Two switches joined by two cables make a loop, and
-- STP is off (the default):
--
--   h1 --- sw1 ==(two links)== sw2 --- h2
--
-- h1's first ARP request is flooded by sw1 out of both links; each copy
-- reaches sw2, which floods it back over the other link, and so on for
-- ever: two copies circling in opposite directions, each pass delivering
-- the request to h2 again (which answers every time) and teaching both
-- switches that h1 sits on their loop ports.  With 10 Mbit/s links the
-- loop carries thousands of frames a second; the run of one second still
-- ends (in simulated time, so in bounded wall time), and the counters
-- show the storm: the ports' own (brport.ethN.flooded in metrics.db) and
-- the queues' drops once a link is full.  No capture: a storm capture is
-- huge.
--
-- Linux 6.18 storms the same way with STP off (the kernel forwards the
-- BPDU group too, so nothing stops it); on veth it burns a CPU, since a
-- veth pair has no wire time to slow it down.
local net = skbsim.network{ name = "bridge_storm", seed = 1 }
local sw1, sw2 = net:bridge("sw1"), net:bridge("sw2")
local h1, h2 = net:host("h1"), net:host("h2")
local link = { rate = "10Mbit", delay = "10us" }
net:link(h1, sw1, link)            -- sw1 eth0
net:link(sw1, sw2, link)           -- sw1 eth1 - sw2 eth0
net:link(sw1, sw2, link)           -- sw1 eth2 - sw2 eth1
net:link(h2, sw2, link)            -- sw2 eth2
h1:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]

net:metrics{ interval = 0 }

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

h1:spawn("ping -c 1 -w 1 10.0.0.2", { at = "1s" })
net:run("2s")
show(sw1, "ip -s link show master br0")
show(sw2, "ip -s link show master br0")
show(h2, "ip -s link show eth0")
show(sw2, "bridge fdb show br br0")
