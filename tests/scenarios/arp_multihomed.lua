-- arp_ignore and arp_announce on a multihomed host.  m has two addresses
-- of two subnets on eth0 (plus a secondary and a scope-host one) and a
-- third subnet on eth1, towards b:
--
--   a 10.0.1.1 --veth-- eth0 m eth1 --veth-- b 10.0.2.1
--                       10.0.1.10/24          10.0.2.10/24
--                       10.0.1.20/24 (secondary)
--                       10.0.1.40/32
--                       10.0.5.10/24
--
-- a believes 10.0.5.0/24 and 10.0.2.10 are on its wire, so it asks m's
-- eth0 for each of m's addresses (ping, which makes a's kernel send ARP
-- requests).  What m answers, for arp_ignore (ip-sysctl.rst):
--   0  any local address: 10.0.1.10, 10.0.1.20, 10.0.5.10, 10.0.2.10,
--      10.0.1.40
--   1  only addresses of the incoming interface: not 10.0.2.10
--   2  ... and only if the sender's address is in a subnet of that
--      interface together with the target: not 10.0.5.10 either.  The
--      subnet need not be the target's own: 10.0.1.40/32 is answered, as
--      10.0.1.0/24 holds both (inet_confirm_addr)
-- The answered ones end REACHABLE in a's table, the others FAILED after
-- three probes.
--
-- Then m pings a from each kind of source address; the "Tell" address of
-- its ARP request, for arp_announce:
--   0  the packet's source if local: 10.0.2.10, 10.0.1.20, 10.0.5.10
--   1  the packet's source only if in the target's subnet on eth0,
--      otherwise inet_select_addr(): 10.0.1.10, 10.0.1.20, 10.0.1.10
--   2  always inet_select_addr()'s primary: 10.0.1.10 (three times)
-- and a learns m's eth0 address under each sender address it was told.
--
-- The same on Linux 6.18: tests/kernel/arp_multihomed.py.
local net = skbsim.network{ name = "arp_multihomed", seed = 1 }
local a, m, b = net:host("a"), net:host("m"), net:host("b")
net:link(a, m, { kind = "veth" })
net:link(m, b, { kind = "veth" })

a:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add 10.0.5.0/24 dev eth0
  ip route add 10.0.2.10/32 dev eth0
]]
m:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:10
  ip link set eth1 address 02:00:00:00:02:10
  ip addr add 10.0.1.10/24 dev eth0
  ip addr add 10.0.1.20/24 dev eth0
  ip addr add 10.0.5.10/24 dev eth0
  ip addr add 10.0.1.40/32 dev eth0
  ip addr add 10.0.2.10/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
b:sh[[
  ip link set eth0 address 02:00:00:00:02:01
  ip addr add 10.0.2.1/24 dev eth0
  ip link set eth0 up
]]
net:capture()
net:metrics{}

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

local function flush()
  a:sh("ip neigh flush dev eth0")
  m:sh("ip neigh flush dev eth0")
end

local t = 1
for v = 0, 2 do
  local t0 = t
  net:at(t, function()
    flush()
    print(string.format("-- %g s: arp_ignore=%d", t0, v))
    show(m, "sysctl -w net.ipv4.conf.all.arp_ignore=" .. v)
  end)
  for i, target in ipairs{ "10.0.1.10", "10.0.1.20", "10.0.5.10", "10.0.2.10", "10.0.1.40" } do
    a:spawn("ping -c 1 -W 1 " .. target, { at = t + 0.1 * i })
  end
  net:at(t + 3.5, function()
    show(a, "ip neigh show")
    show(m, "ip neigh show")
  end)
  t = t + 4
end

net:at(t, function() m:sh("sysctl -q -w net.ipv4.conf.all.arp_ignore=0") end)
for v = 0, 2 do
  local t0 = t
  net:at(t, function()
    flush()
    print(string.format("-- %g s: arp_announce=%d", t0, v))
    show(m, "sysctl -w net.ipv4.conf.all.arp_announce=" .. v)
  end)
  for i, src in ipairs{ "10.0.2.10", "10.0.1.20", "10.0.5.10" } do
    -- each ping resolves 10.0.1.1 afresh
    net:at(t + i - 0.5, function() m:sh("ip neigh flush dev eth0") end)
    m:spawn("ping -c 1 -W 1 -I " .. src .. " 10.0.1.1", { at = t + i - 0.5 })
  end
  net:at(t + 3.5, function()
    show(a, "ip neigh show")
  end)
  t = t + 4
end
net:run(t)
flush()
