-- ip rule: policy routing on a router with two uplinks.
--   h1 -- r1 --eth1-- u1 --+
--          \--eth2-- u2 --+-- s (10.9.9.9 on lo)
-- Part 1, the lectures' example: `ip rule add tos 0x04 table 252` on r1
-- with the default route of table 252 through u2: h1's `ping -Q 0x04`
-- leaves by u2, a ping with the default tos by u1 (main).  Part 2,
-- source-based routing: one table per uplink, chosen by the source
-- address (`ip rule add from 10.0.3.1 table 2`).  Then the listing, its
-- filters, goto/nop/suppress_prefixlength, the error actions, delete,
-- flush and the errors of iproute2 6.1.  tests/kernel/route_rules.sh runs
-- the same on Linux 6.18 (iproute2 6.1) in namespaces: its output is this
-- stdout without the ping lines.
local net = skbsim.network{ name = "route_rules" }
local h1, r1 = net:host("h1"), net:router("r1")
local u1, u2, s = net:router("u1"), net:router("u2"), net:host("s")
net:link(h1, r1)        -- h1 eth0 - r1 eth0
net:link(r1, u1)        -- r1 eth1 - u1 eth0
net:link(r1, u2)        -- r1 eth2 - u2 eth0
net:link(u1, s)         -- u1 eth1 - s eth0
net:link(u2, s)         -- u2 eth1 - s eth1

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set lo up
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip addr add 10.0.3.1/24 dev eth2
  ip link set eth0 up
  ip link set eth1 up
  ip link set eth2 up
  ip route add default via 10.0.2.2
]]
u1:sh[[
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip addr add 10.0.4.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.9.9.9/32 via 10.0.4.2
  ip route add 10.0.0.0/8 via 10.0.2.1
]]
u2:sh[[
  ip link set lo up
  ip addr add 10.0.3.2/24 dev eth0
  ip addr add 10.0.5.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.9.9.9/32 via 10.0.5.2
  ip route add 10.0.0.0/8 via 10.0.3.1
]]
s:sh[[
  ip link set lo up
  ip addr add 10.9.9.9/32 dev lo
  ip addr add 10.0.4.2/24 dev eth0
  ip addr add 10.0.5.2/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add default via 10.0.4.1
]]

local function pings(node, cmd)
  for _, n in ipairs{ u1, u2 } do n:sh("nstat -n") end
  io.write(node.name, "$ ", cmd, "\n")
  node:spawn(cmd)
  net:run("5s")
  run(u1, "nstat IpForwDatagrams")
  run(u2, "nstat IpForwDatagrams")
end

-- the default rules; nothing else yet
run(r1, "ip rule")
run(r1, "ip route get 10.9.9.9")
run(r1, "ip route get 10.0.1.1")

-- part 1: tos 0x04 goes by table 252, through u2
run(r1, "ip route add default via 10.0.3.2 table 252")
-- without it the replies to h1 (tos 0x04 too) would go to u2 and loop
run(r1, "ip route add 10.0.1.0/24 dev eth0 table 252")
run(r1, "ip rule add tos 0x04 table 252")
run(r1, "ip rule show")
run(r1, "ip route get 10.9.9.9 tos 0x04")
run(r1, "ip route get 10.9.9.9")
run(r1, "ip route get 10.9.9.9 tos 0x14")
run(r1, "ip route get 10.9.9.9 from 10.0.1.2 iif eth0 tos 0x04")
run(r1, "ip route get 10.9.9.9 from 10.0.1.2 iif eth0")
run(r1, "ip route get 10.0.1.1")
pings(h1, "ping -q -c 3 -i 0.2 -Q 0x04 10.9.9.9")
pings(h1, "ping -q -c 3 -i 0.2 10.9.9.9")
run(r1, "ip rule del tos 0x04 table 252")

-- part 2: the source address picks the uplink
run(r1, "ip route add default via 10.0.2.2 table 1")
run(r1, "ip route add default via 10.0.3.2 table 2")
run(r1, "ip rule add from 10.0.2.1 table 1 pref 1000")
run(r1, "ip rule add from 10.0.3.1 table 2 pref 1001")
run(r1, "ip rule")
run(r1, "ip route get 10.9.9.9 from 10.0.3.1")
run(r1, "ip route get 10.9.9.9 from 10.0.2.1")
pings(r1, "ping -q -c 2 -i 0.2 -I 10.0.3.1 10.9.9.9")
pings(r1, "ping -q -c 2 -i 0.2 -I 10.0.2.1 10.9.9.9")
pings(r1, "ping -q -c 2 -i 0.2 10.9.9.9")

-- selectors and actions, as the listing prints them
run(r1, "ip rule add pref 100 from 10.0.0.1/8 table 100")
run(r1, "ip rule add pref 100 from 10.0.0.1/8 table 100")
run(r1, "ip rule add pref 200 fwmark 0x10/0xff iif eth9 oif eth2 lookup main suppress_prefixlength 0")
run(r1, "ip rule add pref 300 goto 400")
run(r1, "ip rule add pref 301 goto 200")
run(r1, "ip rule add pref 302 to 10.9.9.1 blackhole")
run(r1, "ip rule add pref 303 to 10.9.9.2 unreachable")
run(r1, "ip rule add pref 304 to 10.9.9.3 prohibit")
run(r1, "ip rule add pref 305 nop")
run(r1, "ip rule add pref 306 tos 0x05 table 1")
run(r1, "ip rule add pref 307 dsfield 0x28 table 1")
run(r1, "ip rule add pref 309 from 1.2.3.4 table 0")
run(r1, "ip rule add pref 310 not to 5.6.7.8/32 table 1000")
run(r1, "ip rule add pref 311 fwmark 0 table 5")
run(r1, "ip rule add pref 312 fwmark 3 table 5")
run(r1, "ip rule add pref 313 goto 500 table 5")
run(r1, "ip rule add pref 314 from 1.2.3.4 protocol static table 7")
run(r1, "ip rule add pref 320 goto 310 nop")
run(r1, "ip rule show")
run(r1, "ip rule show table 5")
run(r1, "ip rule list pref 100")
run(r1, "ip rule list from 10.0.0.0/8")
run(r1, "ip rule list iif eth9")
run(r1, "ip route get 10.9.9.1")
run(r1, "ip route get 10.9.9.2")
run(r1, "ip route get 10.9.9.3")
run(r1, "ip rule add pref 400 table 2")
run(r1, "ip rule show pref 300")
run(r1, "ip route get 10.9.9.9")
run(r1, "ip rule del pref 999")
run(r1, "ip rule del pref 400")
run(r1, "ip rule show pref 300")
run(r1, "ip rule add")
run(r1, "ip rule del")
run(r1, "ip rule frob")
run(r1, "ip rule flush")
run(r1, "ip rule")
run(r1, "ip route get 10.9.9.9")
run(r1, "ip rule add pref 32766 table main")
run(r1, "ip route get 10.9.9.9")
run(r1, "ip route get 10.0.1.1")
