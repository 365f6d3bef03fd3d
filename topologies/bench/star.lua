-- topologies/bench/star.lua - the ns-3 peer workload `star`
-- (shared/bench/ns3/README.md, "Workload star"), for scripts/bench.sh
--
--   skbsim run topologies/bench/star.lua hosts=1000 fanout=64 size=100 packets=100 interval-ms=10
--
-- N hosts, each on its own cable to an access router a_(i div F); access
-- routers hang off aggregation routers g_(j div F), those off one core
-- router c, and the server s off c.  A = ceil(N/F), G = ceil(A/F),
-- nodes = N + A + G + 2.  Host cables are 1 Gbit/s, all others 100 Gbit/s,
-- all with 1 us of propagation delay; every device keeps its default root
-- qdisc, pfifo_fast (txqueuelen 1000) above the NIC's tx ring.
--
-- Addresses, one /30 per link (+n = n-th address of the /30):
--   host link i       10.0.0.0 + 4i      (a_j +1, h_i +2)
--   access uplink j   172.16.0.0 + 4j    (g_k +1, a_j +2)
--   agg uplink k      192.168.0.0 + 4k   (c +1,   g_k +2)
--   server link       192.0.2.0/30       (c .1,   s .2)
-- Routes: hosts, access and aggregation routers a default route to their
-- parent; g_k a route to each access router's hosts (10.0.0.0 + 4Fj, /24 at
-- F = 64), c one to each aggregation router's (10.0.0.0 + 4F^2 k, /18); s a
-- default route to c.  ns-3's point-to-point links have no ARP: every link
-- gets permanent neighbour entries on both ends, with MAC addresses this
-- script assigns, so that no ARP packet is sent.
--
-- Traffic: host h_i's udpclient (ns-3's UdpClient) starts at
-- off_i = floor(i * interval * 10^6 / N) ns and sends `packets` datagrams
-- of `size` bytes to 192.0.2.2 port 9, one every interval; the server's
-- udpserver (ns-3's UdpServer) reads them all; the run ends at
-- packets * interval + 10 ms (1.010 s).
--
-- Framing: ours is Ethernet (18 bytes on the wire with the FCS: 146 bytes
-- for 100 bytes of payload), ns-3's p2p is PPP (2 bytes: 130).
--
-- Prints one line:
--   workload=star hosts= fanout= access= aggregation= nodes= qdisc=
--   size= sent= packets= hops=
-- The wall-clock keys (wall_s, build_s, maxrss_kb, kb_per_node) are added
-- by scripts/bench.sh from metrics.db's `wall` table.
local args = skbsim.args
local N = tonumber(args.hosts or "1000")
local F = tonumber(args.fanout or "64")
local size = tonumber(args.size or "100")
local per_host = tonumber(args.packets or "100")
local interval_ms = tonumber(args["interval-ms"] or "10")
assert(N and math.type(N) == "integer" and N >= 1, "hosts= wants a positive integer")
assert(F and math.type(F) == "integer" and F >= 4 and F <= 256 and F & (F - 1) == 0,
  "fanout= wants a power of 2, 4 to 256")
assert(size and math.type(size) == "integer" and size >= 12 and size <= 1472,
  "size= wants 12 to 1472")
assert(per_host and math.type(per_host) == "integer" and per_host >= 1,
  "packets= wants a positive integer")
assert(interval_ms and math.type(interval_ms) == "integer" and interval_ms >= 1,
  "interval-ms= wants a positive integer")

local A = (N + F - 1) // F
local G = (A + F - 1) // F
local nodes_total = N + A + G + 2
assert(4 * N <= 1 << 24 and 4 * A <= 1 << 20 and 4 * G <= 1 << 16,
  "hosts= too large for the address plan")

local HOST_BASE = 10 << 24
local ACC_BASE = (172 << 24) | (16 << 16)
local AGG_BASE = (192 << 24) | (168 << 16)
local SRV_NET = (192 << 24) | (2 << 8)

local function ip(a)
  return string.format("%d.%d.%d.%d", a >> 24 & 255, a >> 16 & 255, a >> 8 & 255, a & 255)
end

-- prefix length of a block of `block` addresses (a power of 2)
local function plen(block)
  local n = 32
  while block > 1 do block = block >> 1; n = n - 1 end
  return n
end

local period_ns = interval_ms * 1000000
local function ns(t) return string.format("%dns", t) end

local net = skbsim.network{ name = "star_bench", seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }

-- creation order as ns-3's: core, server, aggregation, access, hosts
local core = net:router("c")
local server = net:host("s")
local aggs, accs, hosts = {}, {}, {}
for k = 0, G - 1 do aggs[k] = net:router("g" .. k) end
for j = 0, A - 1 do accs[j] = net:router("a" .. j) end
for i = 0, N - 1 do hosts[i] = net:host("h" .. i) end

-- commands per node, run in one node:sh each once every link exists
local cmds = {}
local function add(node, line)
  local t = cmds[node]
  if not t then t = {}; cmds[node] = t end
  t[#t + 1] = line
end

-- link number n's two MAC addresses: 02:<kind>:<n, 24 bits>:<side>
local function macs(kind, n)
  local m = string.format("02:%02x:%02x:%02x:%02x", kind, n >> 16 & 255, n >> 8 & 255, n & 255)
  return m .. ":01", m .. ":02"
end

-- one /30 link: upper gets net+1, lower net+2, permanent neighbours both
-- ways.  Returns the lower end's commands (a host runs them at once: one
-- link, so keeping them for later would only hold memory at the peak).
local function link(upper, lower, net_addr, rate, kind, n)
  local ui, li = net:link(upper, lower, { rate = rate, delay = "1us" })
  local um, lm = macs(kind, n)
  local ua, la = ip(net_addr + 1), ip(net_addr + 2)
  add(upper, string.format("ip link set %s address %s", ui, um))
  add(upper, string.format("ip link set %s up", ui))
  add(upper, string.format("ip addr add %s/30 dev %s", ua, ui))
  add(upper, string.format("ip neigh add %s lladdr %s dev %s nud permanent", la, lm, ui))
  return string.format("ip link set %s address %s\nip link set %s up\nip addr add %s/30 dev %s\n"
    .. "ip neigh add %s lladdr %s dev %s nud permanent", li, lm, li, la, li, ua, um, li)
end

-- routers: the lower end's commands join the rest of the router's
local function link_router(upper, lower, net_addr, rate, kind, n)
  add(lower, link(upper, lower, net_addr, rate, kind, n))
end

link_router(core, server, SRV_NET, "100Gbit", 0, 0)
add(server, "ip route add default via " .. ip(SRV_NET + 1))
local acc_block, agg_block = 4 * F, 4 * F * F
for k = 0, G - 1 do
  local n = AGG_BASE + 4 * k
  link_router(core, aggs[k], n, "100Gbit", 1, k)
  add(core, string.format("ip route add %s/%d via %s", ip(HOST_BASE + k * agg_block),
    plen(agg_block), ip(n + 2)))
  add(aggs[k], "ip route add default via " .. ip(n + 1))
end
for j = 0, A - 1 do
  local n = ACC_BASE + 4 * j
  local g = aggs[j // F]
  link_router(g, accs[j], n, "100Gbit", 2, j)
  add(g, string.format("ip route add %s/%d via %s", ip(HOST_BASE + j * acc_block),
    plen(acc_block), ip(n + 2)))
  add(accs[j], "ip route add default via " .. ip(n + 1))
end
-- a host's script (its one link, then its route) runs as soon as its
-- link exists; the routers' once all of theirs do
for i = 0, N - 1 do
  local n = HOST_BASE + 4 * i
  hosts[i]:sh(link(accs[i // F], hosts[i], n, "1Gbit", 3, i) ..
    "\nip route add default via " .. ip(n + 1))
end

-- routes after addresses: each router's script in the order it was written
local function run_cmds(node)
  node:sh(table.concat(cmds[node], "\n"))
end
run_cmds(core)
run_cmds(server)
for k = 0, G - 1 do run_cmds(aggs[k]) end
for j = 0, A - 1 do run_cmds(accs[j]) end
cmds = nil
collectgarbage()

server:spawn("udpserver -p 9")
local dst = ip(SRV_NET + 2)
for i = 0, N - 1 do
  hosts[i]:spawn(string.format("udpclient -c %d -i %dms -l %d -p 9 %s",
    per_host, interval_ms, size, dst), { at = ns(i * period_ns // N) })
end

net:run(ns(period_ns * per_host + 10000000))

local sent = 0
for i = 0, N - 1 do
  sent = sent + (hosts[i]:counter("Udp.OutDatagrams") or 0)
end
local received = server:counter("Udp.InDatagrams") or 0
assert((server:counter("Udp.RcvbufErrors") or 0) == 0, "udpserver fell behind")
print(string.format("workload=star hosts=%d fanout=%d access=%d aggregation=%d nodes=%d "
  .. "qdisc=pfifo_fast size=%d sent=%d packets=%d hops=%d",
  N, F, A, G, nodes_total, size, sent, received, received * 4))
