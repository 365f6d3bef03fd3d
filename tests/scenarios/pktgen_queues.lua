-- Two kpktgend threads share one two-queue NIC, each on its own tx queue
-- ("eth0@0" and "eth0@1", as the kernel's pktgen_sample scripts do).  The
-- NIC's one transmitter takes the rings in turn: together they fill the
-- 1 Gbit/s link, each at half of it.  Then a paced run: ratep 10000
-- sends one frame every 100 us.
local net = skbsim.network{ name = "pktgen_queues", seed = 1 }
local a, b = net:host("a", { cpus = 2 }), net:host("b")
net:link(a, b, { rate = "1Gbit", nic = { queues = 2 } })
a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")
for q = 0, 1 do
  a:sh(string.format([[
    echo "add_device eth0@%d" > /proc/net/pktgen/kpktgend_%d
    echo "count 20000" > /proc/net/pktgen/eth0@%d
    echo "pkt_size 60" > /proc/net/pktgen/eth0@%d
    echo "queue_map_min %d" > /proc/net/pktgen/eth0@%d
    echo "queue_map_max %d" > /proc/net/pktgen/eth0@%d
  ]], q, q, q, q, q, q, q, q))
end
a:sh("echo start > /proc/net/pktgen/pgctrl")
net:run("50ms")
for q = 0, 1 do
  print(a:sh("cat /proc/net/pktgen/kpktgend_" .. q))
  print((a:sh("cat /proc/net/pktgen/eth0@" .. q):match("Result: .*")))
end
local c = a:counters("eth0.tx_queue_")
print("tx_queue_0_packets " .. c["eth0.tx_queue_0_packets"] ..
      " tx_queue_1_packets " .. c["eth0.tx_queue_1_packets"])

-- pacing: 50 frames at 10000 per second; the first two go back to back
a:sh[[
  echo reset > /proc/net/pktgen/pgctrl
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 50" > /proc/net/pktgen/eth0
  echo "ratep 10000" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
local t0, rx0 = net:now(), b:counter("eth0.rx_packets")
for _, ms in ipairs{ 1, 2, 3 } do
  net:at(string.format("%dns", t0 + ms * 1000000), function()
    print(string.format("after %d ms: %d frames", ms, b:counter("eth0.rx_packets") - rx0))
  end)
end
net:run("10ms")
print((a:sh("cat /proc/net/pktgen/eth0"):match("Result: .*")))
