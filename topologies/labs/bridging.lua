-- topologies/labs/bridging.lua - the bridging lab (docs/labs/bridging.md)
--
--   h1 ---- eth0  sw1  eth2 ---- eth0  sw2  eth1 ---- h4
--   h2 ---- eth1       eth3 ---- eth2       (a second, redundant link)
--   h3 ---- eth4
--
-- Part 1 (0-7 s, STP off, the redundant sw1-sw2 link down): learning and
-- flooding: h1 pings h2, then h4; the FDBs fill, and h3 (a bystander) is
-- sent only what had to be flooded.
-- Part 2 (7-21 s): ageing: ageing_time 10 s on sw1; the entries go, the
-- next frame to h2 floods again.
-- Part 3 (21-156 s): STP on both switches, then the redundant link comes
-- up: one port blocks instead of a loop; when the first link fails, the
-- blocked port goes through listening and learning to forwarding.
local net = skbsim.network{ name = "bridging", seed = 1 }
local sw1, sw2 = net:bridge("sw1"), net:bridge("sw2")
local h = {}
for i = 1, 4 do h[i] = net:host("h" .. i) end
net:link(h[1], sw1)                 -- sw1 eth0
net:link(h[2], sw1)                 -- sw1 eth1
net:link(sw1, sw2)                  -- sw1 eth2 - sw2 eth0
net:link(h[4], sw2)                 -- sw2 eth1
net:link(sw1, sw2)                  -- sw1 eth3 - sw2 eth2 (redundant)
net:link(h[3], sw1)                 -- sw1 eth4
for i = 1, 4 do
  h[i]:sh(string.format([[
    ip link set eth0 address 02:00:00:00:00:0%d
    ip addr add 10.0.0.%d/24 dev eth0
    ip link set eth0 up
  ]], i, i))
end
-- the redundant link stays down until part 3
sw1:sh("ip link set eth3 down")
sw2:sh("ip link set eth2 down")
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

print("== 1. learning and flooding")
show(sw1, "bridge fdb show br br0 dynamic")
h[1]:spawn("ping -c 2 10.0.0.2", { at = "1s" })
net:run("3s")
show(sw1, "bridge fdb show br br0 dynamic")
show(sw1, "brctl showmacs br0")
h[1]:spawn("ping -c 2 10.0.0.4", { at = "4s" })
net:run("3s")
show(sw1, "bridge fdb show br br0 dynamic")
show(sw2, "bridge fdb show br br0 dynamic")
show(sw1, "ip -s link show eth4")
print("== 2. ageing")
show(sw1, "ip link set br0 type bridge ageing_time 1000")
net:run("12s")                       -- to 18 s: nothing sent since 5 s
show(sw1, "bridge fdb show br br0 dynamic")
h[1]:spawn("ping -c 1 10.0.0.2", { at = "20s" })
net:run("3s")                        -- to 21 s
show(sw1, "bridge fdb show br br0 dynamic")
print("== 3. spanning tree")
show(sw1, "ip link set br0 type bridge stp_state 1")
show(sw2, "ip link set br0 type bridge stp_state 1")
net:run("35s")                       -- to 55 s: forwarding after 2 x 15 s
sw1:sh("ip link set eth3 up")
sw2:sh("ip link set eth2 up")
net:run("35s")                       -- to 90 s
show(sw1, "bridge link show")
show(sw2, "bridge link show")
show(sw2, "brctl showstp br0")
h[1]:spawn("ping -c 1 10.0.0.4", { at = "91s" })
net:run("2s")
print("-- sw1's eth2 fails at 93 s")
sw1:sh("ip link set eth2 down")
net:run("20s")                       -- to 113 s
show(sw1, "bridge link show")
net:run("40s")                       -- to 153 s
show(sw1, "bridge link show")
h[1]:spawn("ping -c 1 10.0.0.4", { at = "154s" })
net:run("2s")
