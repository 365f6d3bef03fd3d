-- FDB ageing.  With ageing_time 10 s (`ip link set br0 type bridge
-- ageing_time 1000`, in centiseconds as iproute2 takes it) a learned
-- entry goes about 10 s after the last frame from its host; the next
-- frame to that host is flooded again (h3 sees it).  Entries the user
-- added static, and the ports' own permanent ones, never age.
--
-- On Linux 6.18 the same: br_fdb_cleanup() runs when the oldest entry is
-- due (not sooner than 10 ms apart), so an entry goes within a jiffy or
-- so of updated + ageing_time; `bridge fdb show` then lacks it.
local net = skbsim.network{ name = "bridge_ageing", seed = 1 }
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
  ip link set br0 type bridge ageing_time 1000
  bridge fdb add 02:00:00:00:00:99 dev eth2 master static
]]
for i = 1, 3 do
  h[i]:sh(([[
    ip link set lo up
    ip link set eth0 address 02:00:00:00:00:0%d
    ip addr add 10.0.0.%d/24 dev eth0
    ip link set eth0 up
    ip neigh add 10.0.0.%d lladdr 02:00:00:00:00:0%d dev eth0 nud permanent
  ]]):format(i, i, i % 3 + 1, i % 3 + 1))
end
h[1]:sh("ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0 nud permanent")
h[2]:sh("ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev eth0 nud permanent")
h[3]:sh("ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0 nud permanent")
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

show(sw, "ip -d link show br0")
-- h1 -> h2 at 1 s: flooded (h2 unknown), h1 and then h2 learned
h[1]:spawn("ping -c 1 10.0.0.2", { at = "1s" })
net:run("2s")
show(sw, "bridge fdb show br br0")
-- 6 s later both are still there
net:run("6s")
show(sw, "bridge fdb show br br0")
-- at 12 s both learned entries are gone (last frames at 1 s + 10 s)
net:run("4s")
show(sw, "bridge fdb show br br0")
-- h2 -> h1 at 13 s: h1 unknown again, flooded: h3 sees the echo request
h[2]:spawn("ping -c 1 10.0.0.1", { at = "13s" })
net:run("2s")
show(sw, "bridge fdb show br br0")
