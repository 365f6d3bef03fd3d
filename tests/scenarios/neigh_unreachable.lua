-- Unresolvable neighbours: h1 pings an address of its own segment that
-- nobody has, then pings through r1, whose route to 10.9.0.0/16 goes via a
-- next hop (10.0.2.99) that does not exist.  Each time the entry goes
-- INCOMPLETE, mcast_solicit (3) ARP broadcasts leave retrans_time_ms
-- (1000, rounded up by the timer wheel) apart, and after the third the
-- entry is FAILED: every packet still waiting in arp_queue gets an ICMP
-- host unreachable (arp_error_report) and is dropped (NEIGH_FAILED).  On
-- r1 unres_qlen_bytes (2700) holds three echo requests: the seven older of
-- the ten ping sends are pushed out of the queue (NEIGH_QUEUEFULL,
-- unresolved_discards), so h1's ping hears about icmp_seq 8, 9 and 10.
--
--   h1 10.0.1.2 --veth-- 10.0.1.1 r1 10.0.2.1 --veth-- 10.0.2.2 h2
--                                    10.9.0.0/16 via 10.0.2.99 (absent)
--
-- The same on Linux 6.18: tests/kernel/neigh_unreachable.py.
local net = skbsim.network{ name = "neigh_unreachable", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { kind = "veth" })
net:link(r1, h2, { kind = "veth" })

h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:02:01
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.9.0.0/16 via 10.0.2.99
  sysctl -q -w net.ipv4.neigh.eth1.unres_qlen_bytes=2700
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:02:02
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()
net:metrics{}

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

-- /proc/net/stat/arp_cache as a table of numbers (CPU 0's line)
local COLS = { "allocs", "destroys", "res_failed", "unresolved_discards", "table_fulls" }
local function arp_cache(node)
  local lines = {}
  for line in node:sh("cat /proc/net/stat/arp_cache"):gmatch("[^\n]+") do
    lines[#lines + 1] = line
  end
  local row, i = {}, 0
  local values = {}
  for w in lines[2]:gmatch("%S+") do values[#values + 1] = tonumber(w, 16) end
  for name in lines[1]:gmatch("%S+") do
    i = i + 1
    row[name] = values[i]
  end
  return row
end
local function print_cache(name, row)
  local out = {}
  for _, k in ipairs(COLS) do out[#out + 1] = k .. "=" .. row[k] end
  print(name .. " arp_cache: " .. table.concat(out, " "))
end

-- on its own segment: h1 reports the failure itself
h1:spawn("ping -c 3 10.0.1.99", { at = "1s" })
net:at("2.5s", function()
  show(h1, "ip neigh show")                 -- 10.0.1.99 dev eth0 INCOMPLETE
end)
net:at("5s", function()
  show(h1, "ip neigh show")                 -- 10.0.1.99 dev eth0 FAILED
end)

-- through r1: ten echo requests 200 ms apart wait for 10.0.2.99
h1:spawn("ping -c 10 -i 0.2 10.9.0.1", { at = "10s" })
net:at("11.5s", function()
  show(r1, "ip neigh show dev eth1")
  show(r1, "cat /proc/net/arp")
end)
net:at("15s", function()
  show(r1, "ip neigh show dev eth1")
  show(r1, "ip -s neigh show dev eth1")
end)
net:run("22s")

-- Linux keeps one table for every namespace: its counts are the sum
local sum = {}
for _, n in ipairs{ h1, r1, h2 } do
  local row = arp_cache(n)
  print_cache(n.name, row)
  for _, k in ipairs(COLS) do sum[k] = (sum[k] or 0) + row[k] end
end
print_cache("all", sum)
for _, n in ipairs{ h1, r1, h2 } do show(n, "ip neigh show nud all") end
