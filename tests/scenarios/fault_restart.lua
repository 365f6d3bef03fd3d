-- net:fail(node, { restart = true }): a router restart that loses its
-- neighbour and route state, then runs its configuration again.
--
--   h1 10.0.1.1 --- r1 --- 10.0.12.0/24 --- r2 --- h2 10.0.2.1
--
-- r1 reaches 10.0.2.0/24 through a static route via r2.  At 1s r1
-- restarts, down for 1s: every interface net:link made on it goes down
-- (its neighbours lose carrier), its neighbour table and the main table's
-- routes are flushed.  At 2s the interfaces come up again (their connected
-- routes return with the addresses) and `config`, the router's boot
-- script, adds the static route back.  h1 sees NO-CARRIER meanwhile; its
-- pings of the outage wait in its ARP queue (the gateway's entry went
-- INCOMPLETE with the carrier) and go through once r1 answers ARP again
-- (rtt up to ~1s, none lost); r1 learns its neighbours afresh.
local net = skbsim.network{ name = "fault_restart", seed = 1 }
local h1, r1, r2, h2 = net:host("h1"), net:router("r1"), net:router("r2"), net:host("h2")
net:link(h1, r1)    -- h1 eth0, r1 eth0
net:link(r1, r2)    -- r1 eth1, r2 eth0
net:link(r2, h2)    -- r2 eth1, h2 eth0
h1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.254
]]
h2:sh[[
  ip addr add 10.0.2.1/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.254
]]
r2:sh[[
  ip addr add 10.0.12.2/24 dev eth0
  ip addr add 10.0.2.254/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 10.0.12.1
]]
local function r1_boot()
  r1:sh[[
    ip route add 10.0.2.0/24 via 10.0.12.2
  ]]
end
r1:sh[[
  ip addr add 10.0.1.254/24 dev eth0
  ip addr add 10.0.12.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
r1_boot()
net:capture{ node = "h1" }
net:fail(r1, { restart = true, at = "1s", for_ = "1s", config = r1_boot })

local function show(when)
  print("-- " .. when)
  io.write("r1$ ip route\n", r1:sh("ip route"))
  io.write("r1$ ip neigh\n", r1:sh("ip neigh"))
  io.write("r1$ ip link show eth0\n", r1:sh("ip link show eth0"))
  io.write("h1$ ip link show eth0\n", h1:sh("ip link show eth0"))
end
h1:spawn("ping -q -c 15 -i 0.2 10.0.2.1")
net:at("0.9s", function() show("0.9s") end)
net:at("1.5s", function() show("1.5s: r1 restarting") end)
net:run("4s")
show("4s")
