-- topologies/bench/pktgen.lua - a pktgen flood for scripts/bench.sh
--
--   skbsim run topologies/bench/pktgen.lua count=1000000 pkt_size=60 queues=1 rate=10Gbit
--
-- Host a (one CPU per queue) floods host b over one cable with pktgen: one
-- kpktgend thread per tx queue ("eth0@q" on kpktgend_q, flag QUEUE_MAP_CPU:
-- thread q sends on queue q), count frames in all.  The receiver has no IPv4: every frame goes through b's NIC, NAPI
-- and netif_receive_skb and is dropped there (UNHANDLED_PROTO).  Prints one
-- line: workload=pktgen frames=<received by b> sim_s=<simulated seconds>
-- and what was asked, plus pktgen's own pps.
local args = skbsim.args
local count = tonumber(args.count or "1000000")
local pkt_size = tonumber(args.pkt_size or "60")
local queues = tonumber(args.queues or "1")
local rate = args.rate or "10Gbit"
assert(count and count >= 1 and math.type(count) == "integer", "count= wants a whole number")
assert(pkt_size and pkt_size >= 42, "pkt_size= wants 42 or more")
assert(queues and queues >= 1 and queues <= 64, "queues= wants 1 to 64")

local net = skbsim.network{ name = "pktgen_bench", seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }
local a = net:host("a", { cpus = queues })
local b = net:host("b", { cpus = queues })
net:link(a, b, { rate = rate, nic = { queues = queues } })
a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")

local share = count // queues
for q = 0, queues - 1 do
  local dev = "eth0@" .. q
  local n = share + ((q < count % queues) and 1 or 0)
  a:sh(string.format([[
    echo "add_device %s" > /proc/net/pktgen/kpktgend_%d
    echo "count %d" > /proc/net/pktgen/%s
    echo "pkt_size %d" > /proc/net/pktgen/%s
    echo "flag QUEUE_MAP_CPU" > /proc/net/pktgen/%s
  ]], dev, q, n, dev, pkt_size, dev, dev))
end
a:sh("echo start > /proc/net/pktgen/pgctrl")

-- run until every thread has stopped its device
local function running()
  for q = 0, queues - 1 do
    if a:sh("cat /proc/net/pktgen/kpktgend_" .. q):match("Running: %S") then return true end
  end
  return false
end
repeat net:run("10ms") until not running()

local pps = 0
for q = 0, queues - 1 do
  local r = a:sh("cat /proc/net/pktgen/eth0@" .. q)
  pps = pps + tonumber(r:match("Result: OK: .-\n%s+(%d+)pps"))
end
local ns = net:now()
print(string.format("workload=pktgen frames=%d sim_s=%d.%09d count=%d pkt_size=%d queues=%d rate=%s pps=%d",
  b:counter("eth0.rx_packets"), ns // 1000000000, ns % 1000000000, count, pkt_size, queues,
  rate, pps))
