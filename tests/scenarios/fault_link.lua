-- net:fail on a cable: the cable pulled for a second, then a NIC reset.
--
--   h1 10.0.0.1 eth0 ---- eth0 h2 10.0.0.2
--
-- Pulled cable (down = true, 1s..2s): both ends lose carrier at once
-- (NO-CARRIER, state DOWN, "transns" (carrier_changes) +1 at 1s, +1 at
-- 2s), the qdisc is swapped for noop so the neighbour entry cannot be
-- confirmed: the pings of the outage wait in the ARP queue and are sent
-- when the link returns and ARP resolves (their rtt shows the wait), as on
-- Linux with a pulled cable.  NIC reset of h2's eth0 at 3s (reset = true,
-- link back 500ms later): the PHY drops the link at both ends, the rings
-- are emptied; the ping sent during it is lost.
local net = skbsim.network{ name = "fault_link", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { delay = "100us" })
h1:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]
net:capture()
net:fail(h1, "eth0", { at = "1s", for_ = "1s", down = true })
net:fail(h2, "eth0", { at = "3.1s", duration = "500ms", reset = true })

local function show(when)
  print("-- " .. when)
  for _, n in ipairs{ h1, h2 } do
    io.write(n.name, "$ ip -s -s link show eth0\n", n:sh("ip -s -s link show eth0"))
  end
  io.write("h1$ ip neigh\n", h1:sh("ip neigh"))
end

h1:spawn("ping -c 25 -i 0.2 10.0.0.2")
net:at("1.5s", function() show("1.5s: cable pulled") end)
net:at("3.3s", function() show("3.3s: h2's NIC resetting") end)
net:run("6s")
show("6s")
