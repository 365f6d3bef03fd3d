-- A host moves: its address shows up behind another port.  h1, h2, h3
-- hang off sw's eth0, eth1, eth2.  h1 pings h2 (02:00:00:00:00:02), so sw
-- learns that address on eth1.  Then "h2 migrates" to h3's cable: h2 goes
-- quiet (its link stays up), h3 takes h2's MAC and IP and pings h1.  Its
-- first frame (the ARP request) comes in on eth2 and moves the entry
-- there (br_fdb_update: the entry's port changes, no new entry); h1's
-- replies to 02:00:00:00:00:02 then go out of eth2 only - h2's pcap sees
-- nothing of them.  Last, h1's cable goes down: sw's eth0 loses its
-- carrier and the entries learned on it are flushed at once
-- (br_stp_disable_port -> br_fdb_delete_by_port), ageing or not.
--
-- Linux 6.18 does the same (namespaces, veth): the entry moves with the
-- first frame, and a port whose carrier goes away loses its entries.
local net = skbsim.network{ name = "bridge_move", seed = 1 }
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

h[1]:spawn("ping -c 1 10.0.0.2", { at = "1s" })
net:run("2s")
show(sw, "bridge fdb show br br0")

-- h2 migrates to h3's cable
h[2]:sh("ip addr flush dev eth0")
h[3]:sh[[
  ip link set eth0 down
  ip addr flush dev eth0
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]
h[3]:spawn("ping -c 2 10.0.0.1", { at = "3s" })
net:run("3s")
show(sw, "bridge fdb show br br0")

-- h1's link goes down: what sw learned on eth0 goes with it
h[1]:sh("ip link set eth0 down")
net:run("1s")
show(sw, "ip link show eth0")
show(sw, "bridge fdb show br br0")
