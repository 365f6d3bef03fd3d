-- pktgen floods b over 1 Gbit/s and d over 10 Gbit/s cables at the same
-- time: 58-byte frames (padded to 60, 84 bytes on the wire with preamble,
-- FCS and gap) go at line rate, 1488095 pps on 1 Gbit/s.  The receivers
-- count every frame; pktgen's default destination MAC is
-- 00:00:00:00:00:00, so ip_rcv drops them (OTHERHOST).  The sender's
-- kfree_skb of its last skb is the one NOT_SPECIFIED drop, as on Linux.
local net = skbsim.network{ name = "pktgen_flood", seed = 1 }
local a, b = net:host("a"), net:host("b")
local c, d = net:host("c"), net:host("d")
net:capture()
net:link(a, b, { rate = "1Gbit" })
net:link(c, d, { rate = "10Gbit" })
for _, n in ipairs{ a, b, c, d } do n:sh("ip link set dev eth0 up") end

a:sh[[
  echo "rem_device_all" > /proc/net/pktgen/kpktgend_0
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 100000" > /proc/net/pktgen/eth0
  echo "dst 10.0.0.2" > /proc/net/pktgen/eth0
  echo "src_min 10.0.0.1" > /proc/net/pktgen/eth0
  echo "src_max 10.0.0.1" > /proc/net/pktgen/eth0
  echo "flag UDPCSUM" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
c:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 100000" > /proc/net/pktgen/eth0
  echo "pkt_size 60" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
print(a:sh("cat /proc/net/pktgen/kpktgend_0"))
net:run("100ms")
print(a:sh("cat /proc/net/pktgen/eth0"))
print(a:sh("cat /proc/net/pktgen/kpktgend_0"))
print((c:sh("cat /proc/net/pktgen/eth0"):match("Result: .*")))
print("b eth0 rx_packets " .. b:counter("eth0.rx_packets"))
print("d eth0 rx_packets " .. d:counter("eth0.rx_packets"))
