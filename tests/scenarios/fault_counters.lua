-- The cable's fault counters (cable.<ifname>.* in metrics.db and
-- node:counter()): what the medium did to the frames each end sent.
--
--   a eth0 ---- 100 Mbit/s, 5 ms, loss 1% ---- eth0 b
--
-- pktgen sends 2000 frames of 1000 bytes from a, one every 100 us, so
-- about 50 are on the wire at any time.  From 50ms to 60ms every frame
-- arrives twice; from 80ms to 90ms 10% are held back 1ms; from 100ms to
-- 110ms a bit is flipped in every frame (b's NIC counts CRC errors); at
-- 150ms the cable is pulled for 20ms: the frames in flight are lost
-- (lost_link), and pktgen stops at the first frame it cannot queue
-- (pkts-sofar 1500, errors 1).  Random loss all along: lost.  b sends nothing, so its end counts
-- nothing.  The counters at the end, from Lua and from metrics.db
-- (fault_counters.sql), match b's receive counters: received = sent -
-- lost - lost_link + duplicated, crc errors = corrupted.
local net = skbsim.network{ name = "fault_counters", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:link(a, b, { rate = "100Mbit", delay = "5ms", loss = 0.01 })
a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")
a:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 2000" > /proc/net/pktgen/eth0
  echo "pkt_size 1000" > /proc/net/pktgen/eth0
  echo "delay 100000" > /proc/net/pktgen/eth0
  echo "xmit_mode queue_xmit" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:fail(a, "eth0", { duplicate = 1.0, at = "50ms", for_ = "10ms" })
net:fail(a, "eth0", { reorder = 0.1, gap = "1ms", at = "80ms", for_ = "10ms" })
net:fail(a, "eth0", { corrupt = 1.0, at = "100ms", for_ = "10ms" })
net:fail(a, "eth0", { down = true, at = "150ms", for_ = "20ms" })
net:metrics{ interval = "100ms" }
net:run("1s")
local function c(n, name) return n:counter(name) end
for _, n in ipairs{ a, b } do
  io.write(n.name, ":")
  for _, k in ipairs{ "corrupted", "duplicated", "reordered", "lost_link", "lost" } do
    io.write(" ", k, "=", c(n, "cable.eth0." .. k))
  end
  io.write("\n")
end
local sent = c(a, "eth0.tx_packets")
local expect = sent - c(a, "cable.eth0.lost") - c(a, "cable.eth0.lost_link")
               + c(a, "cable.eth0.duplicated")
print("a sent " .. sent .. ", b received " .. c(b, "eth0.rx_packets") .. " + "
      .. c(b, "eth0.rx_crc_errors") .. " crc errors; expected " .. expect)
