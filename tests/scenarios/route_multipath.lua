-- Multipath routes: r reaches 198.51.100.0/24 through two uplinks, u1
-- (weight 1) and u2 (weight 2).  `ip route show` lists the nexthops,
-- `ip route get` of forwarded packets from several sources (iif eth0)
-- takes different ones (fib_multipath_hash_policy 0: source and
-- destination address), a source always the same; then pktgen on h sends
-- 3000 UDP packets from 3000 sources (src_min..src_max) through r, and
-- r's uplinks' tx_packets show the 1:2 split.  A dead uplink's share goes
-- to the other.  The formats of `ip route show`/`get` were compared with
-- Linux 6.18 (iproute2 6.1) in namespaces; which source takes which
-- nexthop differs, as the hash key is random per namespace there and
-- drawn from the run seed here.
local net = skbsim.network{ name = "route_multipath", seed = 1 }
local h, r = net:host("h"), net:router("r")
local u1, u2 = net:host("u1"), net:host("u2")
net:link(h, r, { rate = "1Gbit" })
net:link(r, u1, { rate = "1Gbit" })
net:link(r, u2, { rate = "1Gbit" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h:sh[[
  ip link set eth0 up
  ip addr add 10.0.0.2/24 dev eth0
  ip route add default via 10.0.0.1
]]
r:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip link set eth0 up
  ip link set eth1 up
  ip link set eth2 up
  ip addr add 10.0.0.1/24 dev eth0
  ip addr add 10.0.1.1/24 dev eth1
  ip addr add 10.0.2.1/24 dev eth2
  ip route add 10.1.0.0/16 via 10.0.0.2
]]
u1:sh[[
  ip link set eth0 address 02:00:00:00:01:02
  ip link set eth0 up
  ip addr add 10.0.1.2/24 dev eth0
]]
u2:sh[[
  ip link set eth0 address 02:00:00:00:02:02
  ip link set eth0 up
  ip addr add 10.0.2.2/24 dev eth0
]]
net:run("10ms")
run(r, "ip route add 198.51.100.0/24 nexthop via 10.0.1.2 weight 1 nexthop via 10.0.2.2 weight 2")
run(r, "ip route show")
run(r, "ip route show 198.51.100.0/24")
run(r, "sysctl net.ipv4.fib_multipath_hash_policy net.ipv4.fib_multipath_use_neigh net.ipv4.fib_multipath_hash_fields")
for i = 1, 8 do
  run(r, "ip route get 198.51.100.7 from 10.1.0." .. i .. " iif eth0")
end
-- the same source again: the same nexthop
run(r, "ip route get 198.51.100.7 from 10.1.0.1 iif eth0")
run(r, "ip route get 198.51.100.7")

-- the uplinks' gateways are known, so no packet waits for ARP
r:sh[[
  ip neigh add 10.0.1.2 lladdr 02:00:00:00:01:02 dev eth1 nud permanent
  ip neigh add 10.0.2.2 lladdr 02:00:00:00:02:02 dev eth2 nud permanent
]]

local function split(tag, count)
  local t1, t2 = r:counter("eth1.tx_packets"), r:counter("eth2.tx_packets")
  h:sh(string.format([[
    echo "rem_device_all" > /proc/net/pktgen/kpktgend_0
    echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
    echo "count %d" > /proc/net/pktgen/eth0
    echo "dst 198.51.100.7" > /proc/net/pktgen/eth0
    echo "dst_mac 02:00:00:00:00:01" > /proc/net/pktgen/eth0
    echo "src_min 10.1.0.1" > /proc/net/pktgen/eth0
    echo "src_max 10.1.11.184" > /proc/net/pktgen/eth0
    echo "delay 10000" > /proc/net/pktgen/eth0
    echo start > /proc/net/pktgen/pgctrl
  ]], count))
  net:run("100ms")
  local d1 = r:counter("eth1.tx_packets") - t1
  local d2 = r:counter("eth2.tx_packets") - t2
  print(string.format("%s: r eth1 (u1) tx_packets +%d, eth2 (u2) tx_packets +%d", tag, d1, d2))
  return d1, d2
end

local d1, d2 = split("weights 1:2", 3000)
assert(d1 + d2 == 3000, "every packet forwarded")
assert(math.abs(d1 / 3000 - 1 / 3) < 0.03, "u1's share near 1/3")

-- u2's link goes down on r: its nexthop is dead, u1 takes every flow
run(r, "ip link set eth2 down")
run(r, "ip route show 198.51.100.0/24")
d1, d2 = split("eth2 down", 1000)
assert(d1 == 1000 and d2 == 0)
run(r, "ip link set eth2 up")
run(r, "ip route show 198.51.100.0/24")
