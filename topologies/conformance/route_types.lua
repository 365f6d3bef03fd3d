-- Conformance: route types on a router (ip_error, fib_props).  r1 has
-- `unreachable 10.7.0.0/16`, `prohibit 10.8.0.0/16` and `blackhole
-- 10.9.0.0/16`: h1's echoes to them get ICMP host unreachable (3/1),
-- communication administratively prohibited (3/13: ping says "Packet
-- filtered") and nothing at all; `ip route get` on r1 says why.
--
--   h1 10.0.1.2 --eth0-- r1 10.0.1.1
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "route_types", seed = 1 }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add unreachable 10.7.0.0/16
  ip route add prohibit 10.8.0.0/16
  ip route add blackhole 10.9.0.0/16
]]
net:capture()
local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end
run(r1, "ip route show")
for _, dst in ipairs({ "10.7.0.1", "10.8.0.1", "10.9.0.1" }) do
  run(r1, "ip route get " .. dst)
end
h1:spawn("ping -c 1 -W 1 10.7.0.1", { at = "1s" })
h1:spawn("ping -c 1 -W 1 10.8.0.1", { at = "2s" })
h1:spawn("ping -c 1 -W 1 10.9.0.1", { at = "3s" })
net:run("4.5s")
run(r1, "nstat -az IcmpOutDestUnreachs IpInNoRoutes IpInDiscards IpOutNoRoutes")
