-- iperf 2 UDP (iperf 2.1.8's lines): h1 --1 Gbit/s-- r1 --100 Mbit/s-- h2.
-- At 10 Mbit/s nothing is lost; at 200 Mbit/s r1's queue toward h2
-- overflows: the server counts the gaps in the sequence numbers as lost
-- datagrams (the same number tc shows as r1's drops), its throughput is
-- the 100 Mbit/s link's, and the jitter is the RFC 1889 estimate from the
-- transit times the queue stretched.  The client prints the server's
-- report from the answer to its FIN.
local net = skbsim.network{ name = "tools_iperf" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { rate = "1Gbit", delay = "1ms" })
net:link(r1, h2, { rate = "100Mbit", delay = "1ms" })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]

h2:spawn("iperf -s -u -i 1", { at = "0.5s" })
h1:spawn("iperf -u -c 10.0.2.2 -b 10M -t 2 -l 1400", { at = "1s" })
h1:spawn("iperf -u -c 10.0.2.2 -b 200M -t 2 -l 1400 -i 1", { at = "10s" })
h1:spawn("iperf -u -c 10.0.2.2 -b 5m -n 14000 -l 1400 -p 5002", { at = "20s" })
h1:spawn("iperf -u -c 10.0.2.2 -b x", { at = "30s" })
h1:spawn("iperf -u", { at = "30s" })
net:run("40s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
print(r1:sh("tc -s qdisc show dev eth1"))
print(h2:sh("nstat -az Udp*"))
