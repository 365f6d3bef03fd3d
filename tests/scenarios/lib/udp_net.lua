-- tests/scenarios/lib/udp_net.lua - what the udp_* scenarios share (not a
-- scenario itself: tests/CMakeLists.txt runs tests/scenarios/*.lua only)
--
--   h1 10.0.1.2 --eth0-- r1 (10.0.1.1 | 10.0.2.1) --eth1-- h2 10.0.2.2
--
-- local u = dofile("lib/udp_net.lua")
-- local net, h1, r1, h2 = u.build("udp_x" [, h1_r1_opts [, r1_h2_opts]])
-- u.show("bind", s:bind(...)) prints "bind: nil Address already in use EADDRINUSE";
-- u.udp() is a new UDP socket (an error if that fails).
local M = {}

function M.build(name, opts1, opts2)
  local net = skbsim.network{ name = name }
  local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
  net:link(h1, r1, opts1)
  net:link(r1, h2, opts2)
  h1:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.1.2/24 dev eth0
ip route add default via 10.0.1.1
]]
  r1:sh[[
ip link set eth0 up
ip link set eth1 up
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
]]
  h2:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.2/24 dev eth0
ip route add default via 10.0.2.1
]]
  return net, h1, r1, h2
end

function M.show(what, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(what .. ": " .. table.concat(t, " ", 1, t.n))
end

function M.udp()
  return assert(skbsim.socket("inet", "dgram"))
end

return M
