-- tracepath (iputils 20221126's layout): the same path as tools_traceroute,
-- whose r2 -- r3 link has a 1400-byte MTU.  The first run learns the
-- local MTU ([LOCALHOST] pmtu 1500), gets "pmtu 1400" from r2's
-- fragmentation needed at hop 3, probes that hop again, and reaches h2;
-- the second run starts from the cached path MTU (1400), as Linux does.
-- -b prints "??? (addr)" (no names here, as in a namespace without DNS),
-- -l and -m bound the probe size and the hops.
local net = skbsim.network{ name = "tools_tracepath" }
local h1, r1, r2, r3, h2 = net:host("h1"), net:router("r1"), net:router("r2"), net:router("r3"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, r2, { delay = "1ms" })
net:link(r2, r3, { delay = "1ms", mtu = 1400 })
net:link(r3, h2, { delay = "1ms" })
h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
  ip route add default via 10.0.2.2
]]
r2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.3.1/24 dev eth1
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 10.0.2.1
  ip route add 10.0.4.0/24 via 10.0.3.2
  ip route add 10.0.9.0/24 via 10.0.3.2
  ip route add unreachable 10.0.5.0/24
  ip route add prohibit 10.0.6.0/24
]]
r3:sh[[
  ip addr add 10.0.3.2/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.4.1/24 dev eth1
  ip link set eth1 up
  ip route add default via 10.0.3.1
  ip route add blackhole 10.0.9.0/24
]]
h2:sh[[
  ip link set lo up
  ip addr add 10.0.4.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.4.1
]]
net:capture{ node = "r2" }

h1:spawn("tracepath 10.0.4.2", { at = "1s" })
h1:spawn("tracepath -n 10.0.4.2", { at = "10s" })
h1:spawn("tracepath -b -m 2 -l 1000 10.0.4.2", { at = "20s" })
h1:spawn("tracepath -n -p 50000 10.0.5.1", { at = "30s" })
h1:spawn("tracepath", { at = "40s" })
h1:spawn("tracepath -m 300 10.0.4.2", { at = "40s" })
h1:spawn("tracepath -n -l 28 10.0.4.2", { at = "40s" })
h1:spawn("tracepath -n -m 2 -l 100000 10.0.4.2", { at = "41s" })
h1:spawn("tracepath -n -m 2 -l 29 10.0.4.2", { at = "42s" })
net:run("50s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
print(h1:sh("ip route get 10.0.4.2"))
