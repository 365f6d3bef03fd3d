-- ip route: add/del/change/replace/append/prepend/test of every route
-- type, multipath, the listings (table main, local, all, an id) and their
-- filters, -d, route get (output routes, input routes with iif on a
-- router, fibmatch, broadcast and local), flush, what a device going down
-- does to its routes, /proc/net/route, and the errors of iproute2 6.1.
-- Compared with Linux 6.x in namespaces (same lines, ip -n); the lines
-- on limited broadcast, sources that are not ours, missing tables, scopes
-- of route types, nexthop flags and a gateway that is our own address
-- were checked on Linux 6.18.
local net = skbsim.network{ name = "ipv4_route" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2)

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
r1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:02:01
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
run(h1, "ip route add default via 10.0.1.1")
run(h1, "ip route add 10.5.0.0/16 via 10.0.1.1 dev eth0 metric 100")
run(h1, "ip route add 10.7.0.0/16 via 10.0.1.9 proto static")
run(h1, "ip route add blackhole 10.8.0.0/16")
run(h1, "ip route add unreachable 10.9.0.0/16")
run(h1, "ip route add prohibit 10.10.0.0/16 metric 5")
run(h1, "ip route add throw 10.11.0.0/16")
run(h1, "ip route add 10.12.0.0/16 via 10.0.1.1 src 10.0.1.2 mtu 1400 proto static")
run(h1, "ip route add 10.13.0.0/16 via 10.0.1.1 src 10.0.1.2 table 100")
run(h1, "ip route add local 10.14.0.1 dev eth0")
run(h1, "ip route add broadcast 10.15.0.255 dev eth0")
run(h1, "ip route add 10.16.0.0/16 via 10.0.1.1 dev eth0 onlink")
run(h1, "ip route add 10.18.0.0/16 dev eth0 tos 0x10")
run(h1, "ip route add 10.19.0.0/16 scope host dev eth0")
run(h1, "ip route add 10.28.0.0/16 nexthop via 10.0.1.1 weight 2 nexthop via 10.0.1.3")
run(h1, "ip route")
run(h1, "ip route show table all")
run(h1, "ip -d route")
run(h1, "ip route show table local")
run(h1, "ip route show table 100")
run(h1, "ip route show dev eth0")
run(h1, "ip route show proto kernel")
run(h1, "ip route show scope link")
run(h1, "ip route show type blackhole")
run(h1, "ip route show root 10.0.0.0/8")
run(h1, "ip route show match 10.5.1.1")
run(h1, "ip route show exact 10.5.0.0/16")
run(h1, "ip route show via 10.0.1.1")
run(h1, "ip route show src 10.0.1.2")
run(h1, "ip route show metric 100")
run(h1, "ip route show default")
run(h1, "ip route show table all type local")
run(h1, "cat /proc/net/route")
-- route get: output routes
run(h1, "ip route get 10.5.1.1")
run(h1, "ip route get 10.0.1.7")
run(h1, "ip route get 10.0.1.2")
run(h1, "ip route get 127.0.0.1")
run(h1, "ip route get 10.0.1.255")
run(h1, "ip route get 10.5.1.1 from 10.0.1.2")
run(h1, "ip route get 10.12.1.1")
run(h1, "ip route get 10.13.1.1")
run(h1, "ip route get 10.5.1.1 oif eth0")
run(h1, "ip -s route get 10.5.1.1")
run(h1, "ip -d route get 10.5.1.1")
run(h1, "ip route get 10.5.1.1 mark 5 uid 7")
run(h1, "ip route get fibmatch 10.5.1.1")
run(h1, "ip route get fibmatch 10.0.1.2")
run(h1, "ip route get default")
run(h1, "ip route get 10.8.1.1")
run(h1, "ip route get 10.9.1.1")
run(h1, "ip route get 10.10.1.1")
run(h1, "ip route get 10.11.1.1")
run(h1, "ip route get 10.5.1.1 from 10.0.0.0/8")
run(h1, "ip route get 255.255.255.255")
run(h1, "ip route get 10.5.1.1 from 10.9.9.9")
run(h1, "ip route get")
-- route get: input routes (iif) on a host and on the router
run(h1, "ip route get 10.5.1.1 iif eth0")
run(h1, "ip route get 10.5.1.1 from 10.0.1.9 iif eth0")
run(h1, "ip route get 10.0.1.2 from 10.0.1.9 iif eth0")
run(h1, "ip route get 10.0.1.255 from 10.0.1.9 iif eth0")
run(r1, "ip route get 10.0.2.2 from 10.0.1.2 iif eth0")
run(r1, "ip route get 10.0.1.7 from 10.0.1.2 iif eth0")
run(r1, "ip route get 10.0.1.255 from 10.0.1.2 iif eth0")
run(r1, "ip route get 10.9.9.9 from 10.0.1.2 iif eth0")
run(r1, "ip route get 10.0.1.1 from 10.0.1.2 iif eth0")
-- changes
run(h1, "ip route del 10.99.0.0/16")
run(h1, "ip route del 10.5.0.0/16 metric 99")
run(h1, "ip route del 10.5.0.0/16 via 10.0.1.3")
run(h1, "ip route del 10.5.0.0/16")
run(h1, "ip route del 10.8.0.0/16")
run(h1, "ip route del unreachable 10.9.0.0/16")
run(h1, "ip route del blackhole 10.10.0.0/16")
run(h1, "ip route replace 10.20.0.0/16 via 10.0.1.1")
run(h1, "ip route replace 10.20.0.0/16 via 10.0.1.5")
run(h1, "ip route append 10.20.0.0/16 via 10.0.1.6")
run(h1, "ip route prepend 10.20.0.0/16 via 10.0.1.7")
run(h1, "ip route change 10.21.0.0/16 via 10.0.1.1")
run(h1, "ip route change 10.20.0.0/16 dev eth0")
run(h1, "ip route test 10.20.0.0/16 dev eth0")
run(h1, "ip route")
run(h1, "ip route add 10.30.0.0/16 via 10.0.1.1 table 55")
run(h1, "ip route flush table 55")
run(h1, "ip route show table 55")
run(h1, "ip -s route flush 10.20.0.0/16")
run(h1, "ip -s route flush 10.20.0.0/16")
run(h1, "ip route del default")
run(h1, "ip route del default")
-- a device going down takes its routes, not its local ones
run(r1, "ip link set eth1 down")
run(r1, "ip route show table all")
run(r1, "ip link set eth1 up")
run(r1, "ip route")
-- errors
run(h1, "ip route add 10.6.0.0/16 via 10.0.9.1")
run(h1, "ip route add 10.7.0.0/16 dev eth0")
run(h1, "ip route add 10.17.0.1/16 dev eth0")
run(h1, "ip route add blackhole 10.20.0.0/16 dev eth0")
run(h1, "ip route add 10.21.0.0/16 via 10.0.1.1 dev eth9")
run(h1, "ip route add 10.22.0.0/33 via 10.0.1.1")
run(h1, "ip route add 10.23.0.0/16 via 10.0.1.1 metric abc")
run(h1, "ip route add 10.24.0.0/16 via 10.0.1.1 via 10.0.1.3")
run(h1, "ip route add 10.25.0.0/16 via 10.0.1.1 table foo")
run(h1, "ip route add 10.26.0.0/16 via 10.0.1.1 proto foo")
run(h1, "ip route add 10.27.0.0/16 via 10.0.1.1 scope foo")
run(h1, "ip route add 10.29.0.0/16 10.30.0.0/16")
run(h1, "ip route add blackhole")
run(h1, "ip route add 10.31.0.0/16 via 10.0.1.1 window 10")
run(h1, "ip route add 2001:db8::/64 dev eth0")
run(h1, "ip route show table 101")
run(h1, "ip route del 10.13.0.0/16 table 55")
run(h1, "ip route del 10.13.0.0/16 table 56")
run(h1, "ip route add nat 10.60.0.1 via 10.0.1.5")
run(h1, "ip route add 10.32.0.0/16")
run(h1, "ip route add 10.33.0.0/16 dev eth0 onlink")
run(h1, "ip route add local 10.35.0.1 dev eth0 scope link")
run(h1, "ip route add unreachable 10.36.0.0/16 nexthop via 10.0.1.1")
-- a gateway that is our own address: accepted, and the route is direct
run(h1, "ip route add 10.34.0.0/16 via 10.0.1.2")
run(h1, "ip route show 10.34.0.0/16")
run(h1, "ip route get 10.34.1.1")
run(h1, "ip route flush")
run(h1, "ip route frob")
