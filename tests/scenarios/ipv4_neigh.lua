-- ip neigh: the entries pings leave (REACHABLE, then STALE after
-- reachable_time; INCOMPLETE, then FAILED for an address nobody has),
-- -s's ref/used/confirmed/updated and probes, entries made by hand in
-- every state, router, replace/change/del/flush/get, /proc/net/arp and
-- /proc/net/stat/arp_cache, and the errors of iproute2 6.1.  Compared with
-- Linux 6.x in namespaces: Linux lists entries in hash order, skbsim by
-- device and address.
local net = skbsim.network{ name = "ipv4_neigh", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })

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
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:02:01
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:02:02
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:at("1s", function() h1:spawn("ping -q -c 2 10.0.2.2") end)
net:at("5s", function() h1:spawn("ping -q -c 1 -W 1 10.0.2.99") end)
net:at("5.5s", function()
  print("-- 5.5 s: r1 resolves 10.0.2.99")
  run(r1, "ip neigh")
  run(r1, "ip -s neigh show dev eth1")
  run(r1, "cat /proc/net/arp")
end)
net:at("10s", function()
  print("-- 10 s: 10.0.2.99 failed after 3 probes")
  run(r1, "ip neigh show nud all")
  run(r1, "ip -s neigh")
  run(h1, "ip -s neigh show 10.0.1.1")
  run(r1, "cat /proc/net/stat/arp_cache")
end)
net:at("70s", function()
  print("-- 70 s: past reachable_time, nothing used them")
  run(h1, "ip -s neigh")
  run(r1, "ip neigh show nud stale")
  run(r1, "ip neigh show nud failed")
  run(r1, "ip neigh show unused")
end)
net:run("80s")

-- entries by hand
print("-- 80 s: by hand")
run(h1, "ip neigh add 10.0.1.3 lladdr 02:00:00:00:00:03 dev eth0 nud reachable")
run(h1, "ip neigh add 10.0.1.4 lladdr 02:00:00:00:00:04 dev eth0 nud stale router")
run(h1, "ip neigh add 10.0.1.5 dev eth0")
run(h1, "ip neigh add 10.0.1.6 lladdr 2:0:0:0:0:6 dev eth0 nud noarp")
run(h1, "ip neigh add 10.0.1.7 lladdr 02:00:00:00:00:07 dev eth0 nud delay")
run(h1, "ip neigh add 10.0.1.9 lladdr 02:00:00:00:00:09 dev eth0 nud incomplete")
run(h1, "ip neigh add 10.0.1.10 dev eth0 nud none")
run(h1, "ip neigh add 10.0.1.11 lladdr 02:00:00:00:00:11 dev eth0")
run(h1, "ip neigh add 10.0.1.14 lladdr 02:00:00:00:00:14 dev eth0 nud 0x02")
run(h1, "ip neigh add 10.0.1.16 lladdr 02:00:00:00:00:16 dev eth0 use")
run(h1, "ip neigh add 10.0.1.18 lladdr 02:00:00:00:00:18:19 dev eth0")
run(h1, "ip neigh")
run(h1, "ip neigh show nud all")
run(h1, "ip neigh show to 10.0.1.0/29 dev eth0")
run(h1, "ip -br neigh show nud permanent")
run(h1, "ip neigh get 10.0.1.14 dev eth0")
run(h1, "ip neigh replace 10.0.1.4 lladdr 02:00:00:00:00:04 dev eth0 nud stale")
run(h1, "ip neigh change 10.0.1.4 lladdr 02:00:00:00:00:05 dev eth0 router")
run(h1, "ip neigh show 10.0.1.4")
run(h1, "ip neigh replace 10.0.1.99 lladdr 02:00:00:00:00:99 dev eth0")
run(h1, "ip neigh del 10.0.1.99 dev eth0")
run(h1, "cat /proc/net/arp")
run(h1, "ip -s neigh flush dev eth0")
run(h1, "ip -s neigh flush dev eth0")
run(h1, "ip neigh show nud all")
run(h1, "ip neigh flush all nud all")
run(h1, "ip neigh show nud all")
-- errors
run(h1, "ip neigh add 10.0.1.11 lladdr 02:00:00:00:00:11 dev eth0")
run(h1, "ip neigh add 10.0.1.11 lladdr 02:00:00:00:00:11 dev eth0")
run(h1, "ip neigh add 10.0.1.12 lladdr null dev eth0")
run(h1, "ip neigh add 10.0.1.12 lladdr 1.2.3.4 dev eth0")
run(h1, "ip neigh add 10.0.1.12 lladdr zz dev eth0")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00 dev eth0")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:12 dev eth9")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:12")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:12 dev eth0 nud bogus")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:12 dev eth0 nud 3")
run(h1, "ip neigh add 10.0.1.12 lladdr 02:00:00:00:00:12 dev eth0 proxy")
run(h1, "ip neigh change 10.0.1.98 lladdr 02:00:00:00:00:01 dev eth0")
run(h1, "ip neigh del 10.0.1.98 dev eth0")
run(h1, "ip neigh get 10.0.1.98 dev eth0")
run(h1, "ip neigh get 10.0.1.98")
run(h1, "ip neigh flush")
run(h1, "ip neigh foo")
