-- ping: replies across a router, ^C, SIGQUIT, -q, -D and a fragmented
-- echo (iputils s20221126's output, line for line; only times differ from
-- a real run).  h1 10.0.1.2 -- r1 -- 10.0.2.2 h2, 1 ms per cable.
local net = skbsim.network{ name = "ping_replies" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()

h1:spawn("ping -c 3 10.0.2.2", { at = "1s" })
local forever = h1:spawn("ping 10.0.2.2", { at = "10s" })
net:at("12.5s", function() h1:kill(forever, "QUIT") end)
net:at("13.5s", function() h1:kill(forever, "INT") end)
h1:spawn("ping -q -c 2 -i 0.5 10.0.2.2", { at = "20s" })
h1:spawn("ping -D -c 1 -s 3000 10.0.2.2", { at = "30s" })
h1:spawn("ping -c 1 10.0.1.2", { at = "40s" })
net:run("50s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
