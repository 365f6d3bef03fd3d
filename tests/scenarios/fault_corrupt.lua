-- net:fail{ corrupt = }: one random bit flipped in 30% of the frames from
-- h1 to h2 and back (both directions of the cable), drawn from the cable's
-- seeded fault stream.
--
--   h1 10.0.0.1 eth0 ---- eth0 h2 10.0.0.2
--
-- 0.5s..5.5s, fcs = "bad" (the default: a bit error on the wire): the
-- receiving NIC finds the FCS wrong and discards the frame, counted in
-- rx_crc_errors (ip -s -s link "crc") and rx_errors; the stack never sees
-- it, the receiver's pcap does not have it.
-- From 6s, fcs = "good" (corrupted before the FCS was computed, as netem's
-- corrupt): the frame is delivered and the stack's checksums catch it:
-- IP header (Ip InHdrErrors, drop IP_CSUM), ICMP header or data (Icmp
-- InCsumErrors and InErrors, drop ICMP_CSUM), a destination MAC address
-- (otherhost).  The receiver's pcap holds those frames (one of them is
-- malformed for tshark: fault_corrupt.malformed).  The .sql checks the
-- drop reasons: NOT_SPECIFIED are the MAC's CRC discards.
local net = skbsim.network{ name = "fault_corrupt", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { delay = "100us" })
h1:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
  ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
  ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev eth0
]]
net:capture()
net:fail(h1, "eth0", { corrupt = 0.3, at = "0.5s", for_ = "5s" })
net:fail(h2, "eth0", { corrupt = "30%", fcs = "good", at = "6s" })
h1:spawn("ping -q -c 100 -i 0.1 -s 200 10.0.0.2")
net:run("12s")
for _, n in ipairs{ h1, h2 } do
  io.write(n.name, "$ ip -s -s link show eth0\n", n:sh("ip -s -s link show eth0"))
  io.write(n.name, "$ nstat -az IpInHdrErrors IcmpInCsumErrors IcmpInErrors\n",
           n:sh("nstat -az IpInHdrErrors IcmpInCsumErrors IcmpInErrors"))
end
