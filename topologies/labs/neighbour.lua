-- topologies/labs/neighbour.lua - the neighbour subsystem and ARP lab
-- (docs/labs/neighbour.md)
--
--   h1 10.0.0.1 ----+
--   h2 10.0.0.2 ----+-- sw (a bridge)
--   m  eth0 10.0.0.151 --+   m: one host, two NICs on the same LAN
--      eth1 10.0.0.152 --+      (the lectures' LVS "ARP problem")
--
-- Every link is 1 Gbit/s with 1 ms of delay.  The parts, by time:
--   1 (1 s)    resolution: INCOMPLETE, REACHABLE; h2 learns h1 from the
--              request (STALE), uses it (DELAY) and probes it (PROBE)
--   2 (20 s)   h1's entry goes STALE after reachable_time; a packet makes
--              it DELAY, and delay_first_probe_time later a unicast
--              probe confirms it
--   3 (45 s)   gratuitous ARP: h2 changes its MAC and announces it
--   4 (60 s)   h2 goes silent: DELAY, PROBE (unicast probes), FAILED
--   5 (80 s)   nobody has 10.0.0.99: INCOMPLETE, three broadcasts,
--              FAILED, unres_qlen, "Destination Host Unreachable"
--   6 (100 s)  ARP flux on m: arp_ignore, arp_filter
--   7 (110 s)  arp_announce: which source m's own requests carry
local net = skbsim.network{ name = "neighbour", seed = 1 }
local sw = net:bridge("sw")
local h1, h2, m = net:host("h1"), net:host("h2"), net:host("m")
net:link(h1, sw, { delay = "1ms" })              -- sw eth0
net:link(h2, sw, { delay = "1ms" })              -- sw eth1
net:link(m, sw, { delay = "1ms" })               -- m eth0 - sw eth2
net:link(m, sw, { delay = "1ms" })               -- m eth1 - sw eth3
h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
]]
h2:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]
m:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:51
  ip link set eth1 address 02:00:00:00:01:52
  ip addr add 10.0.0.151/24 dev eth0
  ip addr add 10.0.0.152/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
-- a shorter base_reachable_time on h1, so that part 2 need not wait
-- 15-45 s: REACHABLE now lasts a random time in [5 s, 15 s)
h1:sh("sysctl -qw net.ipv4.neigh.eth0.base_reachable_time_ms=10000")
net:capture{ annotate = true }    -- pcaps, and pcapng/NODE.pcapng with the kernel's view
net:metrics{}
for _, n in ipairs{ h1, h2, m } do n:sh("nstat -n") end

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
local function at(t, fn) net:at(t, fn) end

print("== 1. resolution")
show(h1, "sysctl net.ipv4.neigh.eth0.mcast_solicit net.ipv4.neigh.eth0.ucast_solicit " ..
         "net.ipv4.neigh.eth0.retrans_time_ms net.ipv4.neigh.eth0.delay_first_probe_time " ..
         "net.ipv4.neigh.eth0.base_reachable_time_ms")
-- follow the first echo request through every function it passes: it
-- waits in arp_queue while h1 resolves 10.0.0.2 (docs/walk.md)
net:walk{ filter = "icmp", count = 1 }
h1:spawn("ping -c 1 10.0.0.2", { at = "1s" })
at("1.001s", function() show(h1, "ip neigh show") end)   -- the request is on the wire
at("1.5s", function()
  show(h1, "ip neigh show")
  show(h2, "ip neigh show")
end)
at("7s", function() show(h2, "ip -s neigh show") end)

at("19.9s", function() print("== 2. STALE, DELAY, PROBE") end)
at("20s", function() show(h1, "ip -s neigh show") end)
h1:spawn("ping -c 1 10.0.0.2", { at = "21s" })
at("21.5s", function() show(h1, "ip neigh show") end)
at("27s", function() show(h1, "ip -s neigh show") end)

at("44.9s", function() print("== 3. gratuitous ARP") end)
at("45s", function()
  show(h2, "ip link set eth0 address 02:00:00:00:00:22")
  show(m, "sysctl -w net.ipv4.conf.eth0.arp_accept=1")
  show(h1, "ip neigh show")
end)
h2:spawn("arping -U -c 1 -I eth0 10.0.0.2", { at = "46s" })
at("47.5s", function()
  show(h1, "ip neigh show")
  show(m, "ip neigh show")
end)

at("59.9s", function() print("== 4. a neighbour goes silent") end)
at("60s", function()
  show(h1, "ip neigh show")
  h2:sh("ip link set eth0 down")
end)
h1:spawn("ping -c 1 -W 1 10.0.0.2", { at = "61s" })
at("62s", function() show(h1, "ip neigh show") end)
at("67s", function() show(h1, "ip -s neigh show") end)
at("70s", function() show(h1, "ip -s neigh show") end)

at("78.9s", function() print("== 5. nobody has 10.0.0.99") end)
at("79s", function()
  show(h1, "sysctl -w net.ipv4.neigh.eth0.unres_qlen=3")
  show(h1, "sysctl net.ipv4.neigh.eth0.unres_qlen_bytes")
end)
h1:spawn("ping -c 10 -i 0.2 10.0.0.99", { at = "80s" })
at("81s", function()
  show(h1, "ip -s neigh show 10.0.0.99")
  show(h1, "cat /proc/net/arp")
end)
at("85s", function() show(h1, "ip -s neigh show 10.0.0.99") end)
-- the periodic GC has run since; below gc_thresh1 it removes nothing
at("98s", function() show(h1, "ip neigh show nud failed") end)

at("99.9s", function() print("== 6. ARP flux") end)
h1:spawn("arping -c 1 -I eth0 10.0.0.151", { at = "100s" })
at("102s", function() show(m, "sysctl -w net.ipv4.conf.all.arp_ignore=1") end)
h1:spawn("arping -c 1 -I eth0 10.0.0.151", { at = "103s" })
at("105s", function()
  show(m, "sysctl -w net.ipv4.conf.all.arp_ignore=0")
  show(m, "sysctl -w net.ipv4.conf.all.arp_filter=1")
  show(m, "ip route get 10.0.0.1 from 10.0.0.151")
end)
h1:spawn("arping -c 1 -I eth0 10.0.0.151", { at = "106s" })
h1:spawn("arping -c 1 -I eth0 10.0.0.152", { at = "108s" })

-- arp_announce: the source address m puts in its own requests
at("109.9s", function() print("== 7. arp_announce") end)
for i, v in ipairs{ 0, 2 } do
  local t = 110 + 4 * (i - 1)
  at(t, function()
    show(m, "sysctl -w net.ipv4.conf.all.arp_filter=0 net.ipv4.conf.all.arp_announce=" .. v)
    m:sh("ip neigh flush dev eth0")
    h1:sh("ip neigh flush dev eth0")
  end)
  m:spawn("ping -c 1 -I 10.0.0.152 10.0.0.1", { at = t + 0.5 })
  at(t + 2, function() show(h1, "ip neigh show") end)
end
net:run("118s")

print("== counters")
show(h1, "cat /proc/net/stat/arp_cache")
show(h1, "nstat IcmpOutDestUnreachs IcmpInDestUnreachs IcmpMsg*Type3")
