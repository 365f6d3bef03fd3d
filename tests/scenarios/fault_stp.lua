-- A pulled cable in a spanning tree: bridge_stp_ring's ring of four
-- switches on cables (1 Gb/s, STP cost 4), where the b1-b2 cable is pulled
-- with net:fail{ down = true } from 40 s to 100 s instead of an ip link
-- set down: both ends lose carrier at once (NETDEV_CHANGE, the bridge
-- disables both ports), b2 claims root, b3 waits for max age and moves its
-- root port to eth1 (via b4), forwarding 30 s later; h1 pings h3 at 95 s
-- through b4.  At 100 s the cable is back: both ports return (listening),
-- b2 hears the better root again and b3's eth1 is blocked once more
-- (at 131 s the tree is the one before the failure).  Not asserted here: a
-- ping right after that (the bridges' fdb entries learnt during the
-- failure still point the old way until they age out).
--
-- b2-eth0.tshark: the BPDUs on the pulled cable, captured from 33 s: none
-- between 40 s and 100 s.
local net = skbsim.network{ name = "fault_stp", seed = 1 }
local b = {}
for i = 1, 4 do
  b[i] = net:bridge("b" .. i)
  b[i]:sh("ip link set br0 type bridge stp_state 1")
end
local h1, h3 = net:host("h1"), net:host("h3")
net:link(b[1], b[2])
net:link(b[2], b[3])
net:link(b[3], b[4])
net:link(b[4], b[1])
net:link(b[1], h1)
net:link(b[3], h3)

-- port P of bridge B: 02:00:00:00:0B:0P (P from 1), as in the kernel script
for i = 1, 4 do
  local ports = (i % 2 == 1) and 3 or 2
  for p = 0, ports - 1 do
    b[i]:sh(string.format("ip link set eth%d address 02:00:00:00:%02d:%02d", p, i, p + 1))
  end
end
h1:sh[[
  ip link set eth0 address 02:00:00:00:10:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
]]
h3:sh[[
  ip link set eth0 address 02:00:00:00:30:01
  ip addr add 10.0.0.3/24 dev eth0
  ip link set eth0 up
]]

-- "b3: root 8000.2:0:0:0:1:1 via port 1, eth0 forwarding, eth1 blocking, ..."
local function tree(t)
  print(string.format("-- %g s", t))
  local blocking = 0
  for i = 1, 4 do
    local d = b[i]:sh("ip -d link show br0")
    local root = d:match("designated_root (%S+)")
    local rp = d:match("root_port (%d+)")
    local ports = {}
    for name, state in b[i]:sh("bridge link show"):gmatch("%d+: (eth%d)[^\n]- state (%a+)") do
      ports[#ports + 1] = name .. " " .. state
      if state == "blocking" then blocking = blocking + 1 end
    end
    print(string.format("b%d: root %s port %s: %s", i, root, rp, table.concat(ports, ", ")))
  end
  print("ports blocking: " .. blocking)
end
for _, t in ipairs{ 1, 16, 31 } do net:at(t, function() tree(t) end) end
h1:spawn("ping -c 2 -i 0.5 -W 1 10.0.0.3", { at = "35s" })
net:at(33, function() net:capture{ node = "b2", filter = "stp" } end)
net:fail(b[1], "eth0", { at = "40s", for_ = "60s", down = true })
net:at(40, function() print("-- 40 s: the b1-b2 cable is pulled") end)
for _, t in ipairs{ 41, 61, 76, 91 } do net:at(t, function() tree(t) end) end
h1:spawn("ping -c 2 -i 0.5 -W 1 10.0.0.3", { at = "95s" })
net:at(100, function() print("-- 100 s: the cable is back") end)
for _, t in ipairs{ 101, 131 } do net:at(t, function() tree(t) end) end
net:metrics{}
net:run("132s")
for i = 1, 2 do
  io.write("b", i, "$ ip -s -s link show eth0 | transns\n")
  print(b[i]:sh("ip -s -s link show eth0"):match("transns\n%s+%d+%s+%d+%s+%d+%s+%d+%s+(%d+)"))
end
