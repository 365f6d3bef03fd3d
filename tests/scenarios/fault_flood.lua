-- Memory exhaustion: a node flooded beyond its socket buffer, its
-- reassembly memory, a router's qdisc and an ARP queue ends with counted
-- drops and bounded memory, never an allocation failure.
--
--   a 10.0.1.1 ==10G== r1 --100M-- v 10.0.2.2
--
-- a sends 30000-byte UDP datagrams (21 fragments each) at 1 Gbit/s to v
-- for 3 s with iperf; r1's qdisc towards the 100 Mbit/s link overflows
-- (QDISC_DROP, pfifo_fast 1000 packets), so most datagrams reach v with
-- fragments missing: their queues wait for the 30 s reassembly timeout
-- until ipfrag_high_thresh (4 MB) is reached, then new ones are refused
-- (ReasmFails; ip_defrag's plain kfree_skb: NOT_SPECIFIED), and fragments
-- of queues left too far behind go too (FRAG_TOO_FAR).  The datagrams that do come whole go to a
-- socket that never reads: its receive buffer (rmem_default) fills and the
-- rest are dropped (Udp RcvbufErrors, SOCKET_RCVBUFF).  Meanwhile a floods
-- 10.0.1.99, an address on its link that nobody has: the packets wait in
-- the neighbour's queue (unres_qlen_bytes) until ARP gives up
-- (NEIGH_QUEUEFULL, NEIGH_FAILED).  The simulator's peak RSS for this run
-- is in metrics.db (wall.maxrss_kb: fault_flood.sql only checks it stays
-- under 512 MB, the exact figure depends on the build and is in
-- docs/reliability.md).
local net = skbsim.network{ name = "fault_flood", seed = 1 }
local a, r1, v = net:host("a"), net:router("r1"), net:host("v")
net:link(a, r1, { rate = "10Gbit" })
net:link(r1, v, { rate = "100Mbit" })
a:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.254
]]
r1:sh[[
  ip addr add 10.0.1.254/24 dev eth0
  ip addr add 10.0.2.254/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
v:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.254
]]
v:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:bind("0.0.0.0", 5001))
  skbsim.sleep("10s")          -- never reads
  s:close()
end, { name = "sink" })
a:spawn("iperf -u -c 10.0.2.2 -b 1000m -l 30000 -t 3")
a:spawn("iperf -u -c 10.0.1.99 -b 100m -t 3")
net:metrics{}
net:run("10s")
io.write("v$ nstat -az IpReasmReqds IpReasmOKs IpReasmFails UdpInDatagrams UdpRcvbufErrors\n",
         v:sh("nstat -az IpReasmReqds IpReasmOKs IpReasmFails UdpInDatagrams UdpRcvbufErrors"))
io.write("r1$ tc -s qdisc show dev eth1\n", r1:sh("tc -s qdisc show dev eth1"))
io.write("a$ ip neigh\n", a:sh("ip neigh"))
