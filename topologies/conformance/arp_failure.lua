-- Conformance: ARP resolution failure and its retry timing.  h1 pings an
-- address of its own segment that nobody has, for 6 s (ping -c 2 -i 1
-- -w 6): the entry is INCOMPLETE, ARP broadcasts leave retrans_time_ms
-- (1 s) apart for as long as ping keeps sending, nothing answers, and
-- ping ends at its deadline: 6 transmitted, 100% packet loss.
--
--   h1 10.0.1.2 --eth0-- r1 10.0.1.1
--
-- The gaps between frames are compared to 100 ms (skbsim's probes leave
-- 1.016 then 1.024 s apart: the timer wheel's rounding at HZ 250; Linux's
-- 1.012 to 1.028 s); the neighbour states are read away from the 1 s
-- edges.
-- Normalised: ping's ICMP id (random on Linux); padding (cable NICs pad);
-- lo counts ip netns exec's setup traffic on Linux.
-- diff: --time-round 100 --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "arp_failure", seed = 1 }
local h1, r1 = net:host("h1"), net:host("r1")
net:link(h1, r1)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
]]
net:capture()
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
h1:spawn("ping -c 2 -i 1 -w 6 10.0.1.99", { at = "1s" })
net:at("2.5s", function() show(h1, "ip neigh show 10.0.1.99") end)
net:at("4.5s", function() show(h1, "ip neigh show 10.0.1.99") end)
net:run("7.5s")
show(h1, "nstat -az IpOutRequests IpOutDiscards")
