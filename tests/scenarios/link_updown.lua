-- A link going down and up again, as both ends see it.
--
-- a and b share a 1 Gbit/s cable with 1 ms of delay (200 km of fibre), so
-- frames are in flight for a while.  pktgen on a sends 200 frames, one
-- every 10 us; b goes down (`ip link set eth0 down`) while the last 49 are
-- still on the wire: a counted them as sent (tx_packets: its MAC sent
-- them), b never gets them, and no counter on either end shows the loss,
-- as on Linux.  a loses its carrier (NO-CARRIER, state DOWN, ethtool
-- "Link detected: no"); pktgen started meanwhile sends nothing, since the
-- kernel's pktgen_xmit() stops a device without carrier.  b up again:
-- carrier back, one more down and up in the carrier transitions (transns
-- of `ip -s -s`: 2 at the first link up, as a NIC driver turns the
-- carrier off at probe), and traffic flows.
--
-- Then b goes down while pktgen is sending.  pktgen_xmit() looks at the
-- carrier before it waits out its delay, not after, so one more frame
-- reaches a's driver after the carrier went; without link the MAC never
-- sends it.  The driver's watchdog, as igb's, is armed 1 jiffy after the
-- link change (the timer wheel runs it at the second tick, 40 ms here),
-- finds no carrier and the tx ring not empty, and resets the adapter:
-- the frame is dropped (NOT_SPECIFIED in simnic_clean_tx_ring), `ethtool
-- -S` tx_timeout_count counts the reset, no `ip -s` counter moves, and b
-- does not get the frame when it comes up again.  (The ~100 frames on
-- the wire at the loss are lost silently, as before.)
--
-- Then a veth pair inside one node: with the peer down, the up end shows
-- NO-CARRIER, M-DOWN (iproute2 marks an interface whose link, in the same
-- namespace, is down) and state LOWERLAYERDOWN; pktgen sends nothing
-- until the peer is up.
local net = skbsim.network{ name = "link_updown", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:link(a, b, { rate = "1Gbit", delay = "1ms" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

local function counters(tag)
  print(string.format("%s: a tx_packets %d, b rx_packets %d", tag,
    a:counter("eth0.tx_packets"), b:counter("eth0.rx_packets")))
end

-- what pktgen says about its last run on NODE's DEV
local function pktgen_result(node, dev)
  local out = node:sh("cat /proc/net/pktgen/" .. dev)
  print(node.name .. " pktgen " .. dev .. ": pkts-sofar " .. out:match("pkts%-sofar: (%d+)")
    .. ", " .. out:match("Result: ([^\n]*)"))
end

run(a, "ip link set eth0 up")
run(b, "ip link set eth0 up")
run(a, "ip link show eth0")

a:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 200" > /proc/net/pktgen/eth0
  echo "delay 10000" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
-- the last frame leaves a at about 2 ms and would arrive 1 ms later
net:at("2500us", function() run(b, "ip link set eth0 down") end)
net:run("10ms")
pktgen_result(a, "eth0")
counters("after the link went down")
run(a, "ip link show eth0")
run(b, "ip link show eth0")
run(a, "ip -br link show eth0")
run(a, "ethtool eth0")
run(a, "tc -s qdisc show dev eth0")

-- no carrier: pktgen stops at its first packet
a:sh[[
  echo "count 10" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("10ms")
pktgen_result(a, "eth0")
counters("while down")
run(a, "ip -s -s link show eth0")

run(b, "ip link set eth0 up")
run(a, "ip link show eth0")
run(a, "ip -s -s link show eth0")
run(b, "ip -s -s link show eth0")
run(a, "ethtool eth0")
a:sh[[
  echo "count 100" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("10ms")
pktgen_result(a, "eth0")
counters("up again")

-- b down while pktgen sends, 5002 us after it started: the frame handed
-- over at 5010 us waits in a's tx ring until the watchdog resets
a:sh[[
  echo "count 1000" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:at(string.format("%dns", net:now() + 5002000), function() run(b, "ip link set eth0 down") end)
net:run("20ms")
pktgen_result(a, "eth0")
counters("after the reset")
run(a, "ethtool -S eth0")
run(a, "ip -s link show eth0")
run(b, "ip link set eth0 up")
net:run("10ms")
counters("b up again")

-- a veth pair in one node
local c = net:host("c")
run(c, "ip link add v0 type veth peer name v1")
run(c, "ip link set v0 up")
run(c, "ip link show")
local v1_mac = c:sh("ip -br link show v1"):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x")
c:sh(string.format([[
  echo "add_device v0" > /proc/net/pktgen/kpktgend_0
  echo "count 10" > /proc/net/pktgen/v0
  echo "dst_mac %s" > /proc/net/pktgen/v0
  echo start > /proc/net/pktgen/pgctrl
]], v1_mac))
net:run("10ms")
pktgen_result(c, "v0")
run(c, "ip link set v1 up")
run(c, "ip link show")
c:sh("echo start > /proc/net/pktgen/pgctrl")
net:run("10ms")
pktgen_result(c, "v0")
print("c v1 rx_packets " .. c:counter("v1.rx_packets"))
run(c, "ip link set v1 down")
run(c, "ip -br link")
run(c, "ip -s -s link show v0")
