-- An 802.1D spanning tree over a ring of four switches, and how it heals.
--
--        h1                          b1 is root: its ports carry the
--        |                           lowest MAC (bridge ids are priority
--   eth2 b1 eth0 ---- eth0 b2        32768 + the lowest port MAC), all
--   eth1 |                 | eth1    costs are 2 (veth, 10 Gb/s).  b3
--        |                 |         hears the root at cost 4 both ways
--   eth1 b4 eth0 ---- eth1 b3 eth0   and picks eth0 (via b2, the lower
--                          | eth2    designated bridge id); on the b3-b4
--                          h3        segment b4 offers cost 2, b3 cost 4:
--                                    b3's eth1 is the one port blocking.
--
-- All ports come up at 0 s with STP on: listening, learning at 15 s,
-- forwarding at 30 s (2 x forward delay), b3 eth1 blocking from the first
-- BPDUs on.  h1 pings h3 at 35 s.  At 40 s b1's eth0 goes down (b2's eth0
-- loses carrier with it): b2, cut off from the root, claims to be root
-- itself; b3 ignores those worse BPDUs until what it heard of b1 through
-- b2 ages out (max age 20 s), takes the b2 segment over, and its eth1
-- becomes root port: listening, learning, forwarding 30 s later.  h1
-- pings h3 again at 95 s, now via b4.
--
-- b2-eth1.tshark: the BPDUs on the b2-b3 segment from 33 s: b2 relaying
-- b1's (topology change flag set by the root since the ports reached
-- forwarding at 30 s), b2 as root after the failure, then b3's, with b2's
-- TCN towards its new root port.
--
-- bridge_stp_ring.sql: who sent and got TCNs (brport.* counters), and the
-- one frame the blocking port dropped (h1's first ARP request, flooded
-- around the ring both ways).
--
-- The same ring on Linux 6.18: tests/kernel/bridge_stp.sh (the states at
-- every printout match).
local net = skbsim.network{ name = "bridge_stp_ring", seed = 1 }
local b = {}
for i = 1, 4 do
  b[i] = net:bridge("b" .. i)
  b[i]:sh("ip link set br0 type bridge stp_state 1")
end
local h1, h3 = net:host("h1"), net:host("h3")
net:link(b[1], b[2], { kind = "veth" })
net:link(b[2], b[3], { kind = "veth" })
net:link(b[3], b[4], { kind = "veth" })
net:link(b[4], b[1], { kind = "veth" })
net:link(b[1], h1, { kind = "veth" })
net:link(b[3], h3, { kind = "veth" })

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
net:at(40, function()
  print("-- 40 s: b1 eth0 down")
  b[1]:sh("ip link set eth0 down")
end)
for _, t in ipairs{ 41, 61, 76, 91 } do net:at(t, function() tree(t) end) end
h1:spawn("ping -c 2 -i 0.5 -W 1 10.0.0.3", { at = "95s" })
net:metrics{}
net:run("100s")
