-- tests/cli/console/router.lua - the console's test network: two hosts
-- and a router, configured, no traffic yet (the console starts it).
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- h2 10.0.2.2
--              10.0.1.1    10.0.2.1
local net = skbsim.network{ name = "console", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { rate = "1Gbit", delay = "1ms" })
net:link(r1, h2, { rate = "100Mbit", delay = "5ms" })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:metrics{}
net:run("1s")
