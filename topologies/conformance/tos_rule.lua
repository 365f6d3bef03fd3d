-- Conformance: policy routing by TOS, the lectures' example:
-- `ip rule add tos 0x04 table 252`, whose default route goes through a
-- second router.  h1's `ping -Q 0x04` leaves by eth1 (r2), a ping with the
-- default TOS by eth0 (r1, main table).  Both routers hold 10.9.9.9 and
-- answer.
--
--   r1 10.0.1.1 --eth0-- h1 --eth1-- r2 10.0.2.1      (10.9.9.9 on both)
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "tos_rule", seed = 1 }
local h1, r1, r2 = net:host("h1"), net:host("r1"), net:host("r2")
net:link(h1, r1)
net:link(h1, r2)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip addr add 10.0.2.2/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add default via 10.0.1.1
  ip route add default via 10.0.2.1 table 252
  ip rule add tos 0x04 table 252
]]
for i, r in ipairs({ r1, r2 }) do
  r:sh(([[
    ip link set lo up
    ip addr add 10.9.9.9/32 dev lo
    ip addr add 10.0.%d.1/24 dev eth0
    ip link set eth0 up
  ]]):format(i))
end
net:capture()
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(h1, "ip rule show")
show(h1, "ip route get 10.9.9.9 tos 0x04")
show(h1, "ip route get 10.9.9.9")
h1:spawn("ping -c 1 -Q 0x04 10.9.9.9", { at = "1s" })
h1:spawn("ping -c 1 10.9.9.9", { at = "2s" })
net:run("3s")
