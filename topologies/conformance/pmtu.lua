-- Conformance: path MTU discovery with `ping -M do`.  r1's link to h2 has
-- an MTU of 576.  The first DF echo of 1428 bytes gets "Frag needed and
-- DF set (mtu = 576)" from r1 (ICMP 3/4); h1 keeps 576 as a nexthop
-- exception (`ip route get`: "cache expires ...sec mtu 576"), and the
-- next `ping -M do` fails locally: "ping: local error: message too long,
-- mtu=576".  `ping -M want` then fragments at h1.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "pmtu", seed = 1 }
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
h1:spawn("ping -M do -c 1 -W 1 -s 1400 10.0.2.2", { at = "1s" })
net:run("3s")
-- the exception's "expires" counts down in real seconds: shown without it
io.write("h1$ ip route get 10.0.2.2 | grep -o 'mtu [0-9]*'\n",
         h1:sh("ip route get 10.0.2.2"):match("mtu %d+"), "\n")
h1:spawn("ping -M do -c 1 -W 1 -s 1400 10.0.2.2", { at = "4s" })
h1:spawn("ping -M want -c 1 -W 1 -s 1400 10.0.2.2", { at = "6s" })
net:run("5s")
