-- topologies/labs/napi-livelock.lua - receive livelock, and how NAPI avoids it
--
--   skbsim run topologies/labs/napi-livelock.lua mode=irq rate=800000
--   skbsim run topologies/labs/napi-livelock.lua mode=napi rate=800000
--
-- A sender floods a receiver with 64-byte frames at `rate` frames per
-- second (pktgen with an inter-packet delay) over a 10 Gbit/s cable.  The
-- receiver's one CPU has a cost model: every interrupt costs 1 us, the
-- driver 0.5 us per frame, netif_receive_skb 0.5 us per frame, a NAPI poll
-- call 0.2 us.  With mode=irq the NIC interrupts for every frame and the
-- handler pushes it into the backlog (netif_rx), the pre-NAPI design; with
-- mode=napi the interrupt schedules NAPI and stays masked while it polls.
--
-- Prints one line: mode offered_pps delivered_pps (frames that reached
-- netif_receive_skb, softnet processed), and where the others went:
-- NIC ring overflows (rx_missed) and backlog drops (softnet dropped).
-- scripts/lab-livelock.sh sweeps rate for both modes and plots it.
local mode = skbsim.args.mode or "napi"
local rate = tonumber(skbsim.args.rate or "500000")
local duration = skbsim.args.duration or "20ms"
assert(mode == "napi" or mode == "irq", "mode= napi or irq")
assert(rate and rate > 0, "rate= frames per second")

local net = skbsim.network{ name = "livelock-" .. mode .. "-" .. math.floor(rate), seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }
local tx = net:host("tx")
local rx = net:host("rx", { cost = { hardirq = "1us", driver = "500ns", core = "500ns",
                                     napi_poll = "200ns" } })
net:link(tx, rx, { rate = "10Gbit", nic = { napi = mode == "napi", rx_ring = 256 } })
tx:sh("ip link set dev eth0 up")
rx:sh("ip link set dev eth0 up")

local seconds = skbsim.time(duration) / 1e9
local count = math.floor(rate * seconds)
tx:sh(([[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count %d" > /proc/net/pktgen/eth0
  echo "pkt_size 64" > /proc/net/pktgen/eth0
  echo "delay %d" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]):format(count, math.floor(1e9 / rate)))
-- run past the last frame so the receiver drains what it can
net:run(seconds + 0.005)

local processed = rx:counter("softnet.cpu0.processed")
print(("mode=%s offered_pps=%d delivered_pps=%d rx_missed=%d backlog_dropped=%d time_squeeze=%d")
  :format(mode, math.floor(rate), math.floor(processed / seconds),
          rx:counter("eth0.rx_missed_errors"), rx:counter("softnet.cpu0.dropped"),
          rx:counter("softnet.cpu0.time_squeeze")))
