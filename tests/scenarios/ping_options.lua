-- ping -R and -T: IP options on the echoes and iputils s20221126's
-- printing of what comes back (RR:, TS:, "(same route)", Unrecorded hops),
-- line for line as the real ping prints it in network namespaces
-- h1 -- r1 -- h2 on Linux 6.18 (only the times differ: here each cable
-- takes 1 ms, so the time stamps differ by 1 where Linux shows 0).
-- h1 10.0.1.2 -- r1 (10.0.1.1 | 10.0.2.1, 10.0.2.100) -- 10.0.2.2 h2.
local net = skbsim.network{ name = "ping_options" }
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
  ip addr add 10.0.2.100/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture{ node = "h2" }

-- record route: h1 on the way out, r1's way out, h2 on receipt and on
-- answering, r1's way out, h1 on receipt; the same route again is
-- "(same route)".  At 2.5 s r1 forwards from 10.0.2.100: a new route.
h1:spawn("ping -R -c 4 10.0.2.2", { at = "1s" })
net:at("2.5s", function() r1:sh("ip route replace 10.0.2.0/24 dev eth1 src 10.0.2.100") end)
net:at("6s", function()
  r1:sh("ip route replace 10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1")
end)
-- time stamps: ms since midnight UT (the run starts at midnight), the
-- first absolute and the others as differences
h1:spawn("ping -T tsonly -c 2 10.0.2.2", { at = "10s" })
-- four address and time pairs: r1 and h1 on the way back find it full
h1:spawn("ping -T tsandaddr -c 2 10.0.2.2", { at = "20s" })
-- stamps from the hosts named, in that order
h1:spawn("ping -T tsprespec 10.0.2.1 10.0.2.2 -c 2 10.0.2.2", { at = "30s" })
-- the node itself, through lo: four entries
h1:spawn("ping -R -c 2 10.0.1.2", { at = "40s" })
-- an error about an echo with options: printed as without them
h1:spawn("ping -R -c 1 10.0.3.3", { at = "50s" })
-- fragmented: record route in the first fragment only
h1:spawn("ping -R -c 1 -s 2000 10.0.2.2", { at = "60s" })
-- the MTU left for data after 40 bytes of options
h1:spawn("ping -R -c 1 -M do -s 1460 10.0.2.2", { at = "70s" })
h1:spawn("ping -R -T tsonly 10.0.2.2", { at = "80s" })
h1:spawn("ping -T foo 10.0.2.2", { at = "80s" })
net:run("90s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
