-- With a CPU cost model the kpktgend thread is what limits the rate:
-- building a packet costs `core` (200 ns) and the driver `driver` (300 ns),
-- so one thread sends 2 Mpps on a 10 Gbit/s link that could take 14.9 Mpps.
-- Two threads on two CPUs and two queues send twice as much.
local net = skbsim.network{ name = "pktgen_cost", seed = 1 }
local a = net:host("a", { cpus = 2, cost = { core = "200ns", driver = "300ns" } })
local b = net:host("b", { cpus = 2 })
net:link(a, b, { rate = "10Gbit", nic = { queues = 2 } })
a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")
a:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 20000" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("20ms")
print((a:sh("cat /proc/net/pktgen/eth0"):match("Result: .*")))
a:sh[[
  echo reset > /proc/net/pktgen/pgctrl
  echo "add_device eth0@0" > /proc/net/pktgen/kpktgend_0
  echo "add_device eth0@1" > /proc/net/pktgen/kpktgend_1
  echo "count 20000" > /proc/net/pktgen/eth0@0
  echo "count 20000" > /proc/net/pktgen/eth0@1
  echo "flag QUEUE_MAP_CPU" > /proc/net/pktgen/eth0@0
  echo "flag QUEUE_MAP_CPU" > /proc/net/pktgen/eth0@1
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("20ms")
for q = 0, 1 do
  print((a:sh("cat /proc/net/pktgen/eth0@" .. q):match("Result: .*")))
end
print("b eth0 rx_packets " .. b:counter("eth0.rx_packets"))
