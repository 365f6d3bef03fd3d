-- topologies/bench/chain.lua - the ns-3 peer workload `chain`
-- (shared/bench/ns3/README.md, "Workload chain"), for scripts/bench.sh
--
--   skbsim run topologies/bench/chain.lua routers=8 time=1 rate=100000 size=1000 pcap=0
--
-- Host A, routers R1..RR, host B in a line; link k (k = 0..R) joins node k
-- and node k+1: a 1 Gbit/s cable with 1 us of propagation delay, subnet
-- 10.(k div 256).(k mod 256).0/24, node k .1 and node k+1 .2.  Every device
-- keeps its default root qdisc, pfifo_fast (3 bands, txqueuelen 1000) above
-- the NIC's tx ring.  Static routes as the README defines them (A and B a
-- default route, router i a route to B's subnet via node i+1 and one to A's
-- via node i-1); permanent neighbour entries on both ends of every link, as
-- in ns-3's csma variant, so that no ARP packet is sent.
--
-- Traffic: one UDP flow A -> B port 9, datagram i (i = 0 .. rate*time - 1)
-- of size bytes leaving A's socket at exactly i / rate, from the built-in
-- udpclient (ns-3's UdpClient); B's udpserver (ns-3's UdpServer) reads them
-- all; the run ends at time + 10 ms.  packets = B's Udp.InDatagrams.
--
-- Framing: ours is Ethernet (14-byte header + 4-byte FCS on the wire, 1046
-- bytes for 1000 bytes of payload, 8.368 us at 1 Gbit/s); ns-3's p2p is PPP
-- (2 bytes, 1030, 8.24 us).  Captures hold 1042 bytes per frame (no FCS),
-- 12 more than ns-3's PPP records.
--
-- Prints one line:
--   workload=chain link=cable routers= pcap= time_s= rate_pps= size= sent=
--   packets= hops= pcap_files=
-- The wall-clock keys (wall_s = net:run, build_s, hops_per_s, us_per_hop,
-- maxrss_kb, pcap_bytes) are added by scripts/bench.sh from metrics.db's
-- `wall` table and the pcap files: a scenario sees only simulated time.
local args = skbsim.args
local R = tonumber(args.routers or "8")
local T = args.time or "1"
local rate = tonumber(args.rate or "100000")
local size = tonumber(args.size or "1000")
local pcap = tonumber(args.pcap or "0")
assert(R and math.type(R) == "integer" and R >= 1 and R <= 63,
  "routers= wants 1 to 63 (TTL 64)")
assert(rate and math.type(rate) == "integer" and rate >= 1 and 1000000000 % rate == 0,
  "rate= wants packets/s dividing 10^9")
assert(size and math.type(size) == "integer" and size >= 12 and size <= 1472,
  "size= wants 12 to 1472")
assert(pcap == 0 or pcap == 1, "pcap= wants 0 or 1")
local T_ns = skbsim.time(T .. "s")
local interval = 1000000000 // rate
local count = T_ns * rate // 1000000000

-- times as strings: a plain number would be seconds
local function ns(t) return string.format("%dns", t) end

local net = skbsim.network{ name = "chain_bench", seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }

-- node k: A (0), Rk (1..R), B (R+1)
local nodes = { [0] = net:host("a") }
for i = 1, R do nodes[i] = net:router("r" .. i) end
nodes[R + 1] = net:host("b")

local function subnet(k)
  return string.format("10.%d.%d", k // 256, k % 256)
end

local function mac(node, ifname)
  return node:sh("ip -o link show " .. ifname):match("link/ether (%x+:%x+:%x+:%x+:%x+:%x+)")
end

-- ifs[k] = { name on node k, name on node k+1 }
local ifs = {}
for k = 0, R do
  local left, right = net:link(nodes[k], nodes[k + 1], { rate = "1Gbit", delay = "1us" })
  ifs[k] = { left, right }
end
for k = 0, R do
  local l, r = nodes[k], nodes[k + 1]
  local li, ri = ifs[k][1], ifs[k][2]
  l:sh(string.format("ip link set %s up\nip addr add %s.1/24 dev %s", li, subnet(k), li))
  r:sh(string.format("ip link set %s up\nip addr add %s.2/24 dev %s", ri, subnet(k), ri))
  l:sh(string.format("ip neigh add %s.2 lladdr %s dev %s nud permanent", subnet(k), mac(r, ri), li))
  r:sh(string.format("ip neigh add %s.1 lladdr %s dev %s nud permanent", subnet(k), mac(l, li), ri))
end
nodes[0]:sh("ip route add default via " .. subnet(0) .. ".2")
nodes[R + 1]:sh("ip route add default via " .. subnet(R) .. ".1")
for i = 1, R do
  if i < R then
    nodes[i]:sh(string.format("ip route add %s.0/24 via %s.2", subnet(R), subnet(i)))
  end
  if i > 1 then
    nodes[i]:sh(string.format("ip route add %s.0/24 via %s.1", subnet(0), subnet(i - 1)))
  end
end
if pcap == 1 then net:capture() end

local dst = subnet(R) .. ".2"
-- the receiver: models/apps/udpclient.c's udpserver, ns-3's UdpServer, reads
-- every datagram; what B's socket received is B's Udp.InDatagrams (nothing
-- else listens there), and Udp.RcvbufErrors must stay 0.
nodes[R + 1]:spawn("udpserver -p 9")

-- the sender: models/apps/udpclient.c, ns-3's UdpClient (12-byte sequence
-- and time stamp header, then zeros; one datagram every interval exactly).
-- A Lua process sleeping before each datagram cost about 1.7 us of wall
-- time per datagram (a Lua reader 1.6 us), as much as five router hops:
-- both ends are C, as ns-3's applications are.
local client = nodes[0]:spawn(string.format("udpclient -c %d -i %dns -l %d -p 9 %s",
  count, interval, size, dst))

net:run(ns(T_ns + 10000000))
local sent = nodes[0]:counter("Udp.OutDatagrams") or 0
local received = nodes[R + 1]:counter("Udp.InDatagrams") or 0
assert((nodes[R + 1]:counter("Udp.RcvbufErrors") or 0) == 0, "udpserver fell behind")
for _, p in ipairs(nodes[0]:ps()) do
  if p.pid == client then
    assert(p.state == "exited" and p.status == 0, "udpclient did not finish")
  end
end
print(string.format("workload=chain link=cable qdisc=pfifo_fast routers=%d pcap=%d time_s=%s "
  .. "rate_pps=%d size=%d sent=%d packets=%d hops=%d pcap_files=%d",
  R, pcap, T, rate, size, sent, received, received * (R + 1), pcap == 1 and 2 * (R + 1) or 0))
