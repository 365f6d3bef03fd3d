-- Conformance: fragmentation at a router.  r1's link to h2 has an MTU of
-- 576; `ping -M dont -s 1400` sends 1428-byte echoes without DF, which r1
-- cuts into three fragments (ip_fragment, IpFragOKs/FragCreates); h2
-- reassembles and answers with a 1428-byte reply that h2 itself
-- fragments for its 576-byte link, and r1 forwards the fragments as they
-- are.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--
-- Normalised: IP ids (random on Linux, renumbered: the fragments of one
-- datagram still share theirs), the ICMP id; padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "ip_frag", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2, { mtu = 576 })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()
h1:spawn("ping -M dont -c 2 -i 0.5 -s 1400 10.0.2.2", { at = "1s" })
net:run("3s")
io.write("r1$ nstat -az IpFragOKs IpFragCreates IpForwDatagrams\n",
         r1:sh("nstat -az IpFragOKs IpFragCreates IpForwDatagrams"))
io.write("h2$ nstat -az IpReasmReqds IpReasmOKs IpFragCreates\n",
         h2:sh("nstat -az IpReasmReqds IpReasmOKs IpFragCreates"))
