-- tests/scenarios/lib/tools_net.lua - the network the tools_* scenarios
-- share (not a scenario itself: tests/CMakeLists.txt runs
-- tests/scenarios/*.lua only): h1 -- r1 -- r2 -- r3 -- h2, 1 ms per cable,
-- with the routes of tools_traceroute.lua's header.
--
-- local net, h1, r1, r2, r3, h2 = dofile("lib/tools_net.lua")("tools_x")
return function(name)
  local net = skbsim.network{ name = name }
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
  return net, h1, r1, r2, r3, h2
end
