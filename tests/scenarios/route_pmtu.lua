-- Path MTU discovery with nexthop exceptions (net/ipv4/route.c
-- fib_nh_exception), on ip_frag.lua's network: h2's segment has an MTU
-- of 576.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--              10.0.1.1    10.0.2.1
--
-- 1. Learning: `ping -s 1400` (-M want) sends DF; r1 answers fragmentation
--    needed (mtu = 576); h1's raw socket (raw_err -> ipv4_sk_update_pmtu)
--    records 576 as an exception for 10.0.2.2 on the nexthop via 10.0.1.1,
--    for net.ipv4.route.mtu_expires (600 s).  Echoes 2 and 3 are cut by h1
--    and answered.  `ip route get` and `ip route show cache` show
--    "cache expires 597sec mtu 576"; `ping -M do` now fails locally with
--    "ping: local error: message too long, mtu=576"; `-M want` fragments.
-- 2. Expiry: with mtu_expires 5 (after `ip route flush cache`), the
--    exception learned again lasts 5 s; 7 s later it is gone.
-- 3. min_pmtu: a fragmentation needed saying 300 is clamped to
--    net.ipv4.route.min_pmtu and locked: "mtu lock 552".
-- 4. ip_no_pmtu_disc 1: the error reports mtu = 0, and the raw socket
--    still locks the route at min_pmtu: "mtu lock 552", as Linux does.
-- 5. Forwarding ignores a learned PMTU: with h2's segment back at 1500,
--    h2 sends r1 a fragmentation needed (mtu 1000) quoting an echo reply
--    of r1's, which r1 learns (icmp_err -> ipv4_update_pmtu: "cache
--    expires 599sec mtu 1000"); h1's `ping -M do -s 1200` is still
--    forwarded (ip_dst_mtu_maybe_forward), until r1 sets
--    net.ipv4.ip_forward_use_pmtu = 1: then "Frag needed ... (mtu = 1000)".
--
-- Checked against Linux 6.18 with tests/kernel/route_pmtu.sh (the same
-- commands in network namespaces, part 5's error sent from a raw socket):
-- ping's lines, the routes and their expiry seconds are the same.
-- Differences: times (the real veths have no delay, so Linux's `ping -M
-- do` reports "time 1024ms"); `ip -s route get` shows "users 1" and no
-- "age 1sec" where Linux shows "users 2 age 1sec" (our route bound to the
-- exception is made per lookup, not cached on it).
local net = skbsim.network{ name = "route_pmtu", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })                -- h1 eth0 <-> r1 eth0
net:link(r1, h2, { delay = "1ms", mtu = 576 })     -- r1 eth1 <-> h2 eth0
h1:sh[[
  ip link set lo up
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
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(h1, "sysctl net.ipv4.route.mtu_expires net.ipv4.route.min_pmtu")
show(h1, "ip route get 10.0.2.2")

-- 1. learning
h1:spawn("ping -c 3 -i 1 -s 1400 10.0.2.2", { at = "1s" })
net:run("4s")                                      -- to 4 s
show(h1, "ip route get 10.0.2.2")
show(h1, "ip route show cache")
show(h1, "ip -s route get 10.0.2.2")
h1:spawn("ping -M do -c 2 -i 1 -s 1400 10.0.2.2", { at = "5s" })
net:run("3s")                                      -- to 7 s
h1:spawn("ping -M want -c 1 -s 1400 10.0.2.2", { at = "8s" })
net:run("2s")                                      -- to 9 s

-- 2. expiry
h1:sh("sysctl -qw net.ipv4.route.mtu_expires=5")
h1:sh("ip route flush cache")
show(h1, "ip route show cache")
h1:spawn("ping -c 2 -i 1 -s 1400 10.0.2.2", { at = "10s" })
net:run("3s")                                      -- to 12 s
show(h1, "ip route get 10.0.2.2")
net:run("7s")                                      -- to 19 s
show(h1, "ip route get 10.0.2.2")
show(h1, "ip route show cache")

-- 3. min_pmtu
r1:sh("ip link set eth1 mtu 300")
h2:sh("ip link set eth0 mtu 300")
h1:sh("sysctl -qw net.ipv4.route.mtu_expires=600")
h1:spawn("ping -c 2 -i 1 -s 1400 10.0.2.2", { at = "20s" })
net:run("3s")                                      -- to 22 s
show(h1, "ip route get 10.0.2.2")
show(h1, "ip route show cache")
h1:sh("ip route flush cache")
r1:sh("ip link set eth1 mtu 576")
h2:sh("ip link set eth0 mtu 576")

-- 4. ip_no_pmtu_disc 1
h1:sh("sysctl -qw net.ipv4.ip_no_pmtu_disc=1")
h1:spawn("ping -M want -c 2 -i 1 -s 1400 10.0.2.2", { at = "23s" })
net:run("3s")                                      -- to 25 s
show(h1, "ip route get 10.0.2.2")
show(h1, "ip route show cache")

-- 5. forwarding ignores what r1 learned
h1:sh("sysctl -qw net.ipv4.ip_no_pmtu_disc=0")
h1:sh("ip route flush cache")
r1:sh("ip link set eth1 mtu 1500")
h2:sh("ip link set eth0 mtu 1500")
local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end
local function csum(b)
  local sum = 0
  for i = 1, #b - 1, 2 do sum = sum + (b:byte(i) << 8 | b:byte(i + 1)) end
  if #b % 2 == 1 then sum = sum + (b:byte(#b) << 8) end
  while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
  return ~sum & 0xffff
end
local function iphdr(len, id, src, dst)
  local h = string.char(0x45, 0) .. be16(len) .. be16(id) .. be16(0) .. string.char(64, 1) ..
            be16(0) .. src .. dst
  return h:sub(1, 10) .. be16(csum(h)) .. h:sub(13)
end
local function mac(node, dev)
  local m = node:sh("ip -br link show dev " .. dev):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x")
  return skbsim.unhex(m)
end
local a21, a22 = string.char(10, 0, 2, 1), string.char(10, 0, 2, 2)
-- the quote: r1's 1228-byte echo reply to 10.0.2.2 (id 0x4242, seq 1)
local quote = iphdr(1228, 0x1234, a21, a22) .. "\0\0\0\0" .. be16(0x4242) .. be16(1)
local icmp = "\3\4\0\0" .. be16(0) .. be16(1000) .. quote
icmp = icmp:sub(1, 2) .. be16(csum(icmp)) .. icmp:sub(5)
local frame = mac(r1, "eth1") .. mac(h2, "eth0") .. be16(0x0800) ..
              iphdr(20 + #icmp, 0x4444, a22, a21) .. icmp
net:at("26s", function() h2:inject("eth0", frame) end)
net:run("2s")                                      -- to 27 s
show(r1, "ip route get 10.0.2.2")
show(r1, "ip route show cache")
h1:spawn("ping -M do -c 1 -s 1200 10.0.2.2", { at = "28s" })
net:run("2s")                                      -- to 29 s
r1:sh("sysctl -qw net.ipv4.ip_forward_use_pmtu=1")
h1:spawn("ping -M do -c 1 -s 1200 10.0.2.2", { at = "30s" })
net:run("2s")                                      -- to 31 s
