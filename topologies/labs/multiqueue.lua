-- topologies/labs/multiqueue.lua - multiqueue receive scaling with RSS
--
--   skbsim run topologies/labs/multiqueue.lua queues=4
--   skbsim run topologies/labs/multiqueue.lua queues=4 flows=1
--
-- A sender floods 64-byte UDP frames at 4 Mpps over 10 Gbit/s; with
-- flows=many pktgen draws the UDP source port at random (UDPSRC_RND), so
-- the receiver's RSS hash spreads the flows over its `queues` rx queues,
-- each with its interrupt on its own CPU.  Each receiver CPU takes 1 us per
-- frame (driver + netif_receive_skb), so one CPU delivers about 1 Mpps.
-- Prints: queues flows delivered_pps and the frames per queue.
local queues = tonumber(skbsim.args.queues or "1")
local flows = skbsim.args.flows or "many"
local rate = 4000000
local seconds = 0.01
assert(queues and queues >= 1 and queues <= 16, "queues= 1..16")

local net = skbsim.network{ name = "multiqueue-" .. queues .. "-" .. flows, seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }
local tx = net:host("tx")
local rx = net:host("rx", { cpus = queues,
                            cost = { driver = "500ns", core = "500ns", napi_poll = "200ns" } })
net:link(tx, rx, { rate = "10Gbit", nic = { queues = queues, rx_ring = 512 } })
tx:sh("ip link set dev eth0 up")
rx:sh("ip link set dev eth0 up")
tx:sh(([[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count %d" > /proc/net/pktgen/eth0
  echo "pkt_size 64" > /proc/net/pktgen/eth0
  echo "delay %d" > /proc/net/pktgen/eth0
  echo "dst 10.0.0.2" > /proc/net/pktgen/eth0
]]):format(math.floor(rate * seconds), math.floor(1e9 / rate)))
if flows ~= "1" then
  -- a random source port per frame: many flows for RSS to spread
  tx:sh[[
    echo "udp_src_min 1024" > /proc/net/pktgen/eth0
    echo "udp_src_max 65000" > /proc/net/pktgen/eth0
    echo "flag UDPSRC_RND" > /proc/net/pktgen/eth0
  ]]
end
tx:sh("echo start > /proc/net/pktgen/pgctrl")
net:run(seconds + 0.005)

local total, per_queue = 0, {}
for q = 0, queues - 1 do
  local n = rx:counter("softnet.cpu" .. q .. ".processed")
  total = total + n
  per_queue[#per_queue + 1] = tostring(rx:counter("eth0.rx_queue_" .. q .. "_packets"))
end
print(("queues=%d flows=%s delivered_pps=%d per_queue=%s rx_missed=%d")
  :format(queues, flows, math.floor(total / seconds), table.concat(per_queue, ","),
          rx:counter("eth0.rx_missed_errors")))
