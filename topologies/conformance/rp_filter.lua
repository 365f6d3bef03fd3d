-- Conformance: reverse path filtering (fib_validate_source) on a router.
-- h1 pings h2 from 10.0.3.9, an address of h3's subnet it also holds on
-- lo (ping -I 10.0.3.9).  r1's route back to 10.0.3.9 leaves by eth2, not
-- by eth0 where the echo came in:
-- 1. rp_filter 1 (strict): r1 drops the echo; h2 never sees it.
-- 2. rp_filter 2 (loose): a route back exists, r1 forwards; h2's reply
--    goes to 10.0.3.9 through r1 to h3 (which holds it too), and h1 hears
--    nothing.
-- rp_filter applies to ARP too (arp_process looks the sender up as a
-- route input): h1's requests for 10.0.1.1 say "Tell 10.0.3.9"
-- (arp_announce 0), so r1 ignores them while strict; the third probe, at
-- 3.04 s, is answered, and the first echo, still queued, leaves then.
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- h2 10.0.2.2
--                          \--eth2-- h3 10.0.3.9
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "rp_filter", seed = 1 }
local h1, r1, h2, h3 = net:host("h1"), net:router("r1"), net:host("h2"), net:host("h3")
net:link(h1, r1)
net:link(r1, h2)
net:link(r1, h3)
h1:sh[[
  ip link set lo up
  ip addr add 10.0.3.9/32 dev lo
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip addr add 10.0.3.1/24 dev eth2
  ip link set eth0 up
  ip link set eth1 up
  ip link set eth2 up
  sysctl -qw net.ipv4.conf.all.rp_filter=1
  sysctl -qw net.ipv4.conf.eth0.rp_filter=1
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
h3:sh[[
  ip link set lo up
  ip addr add 10.0.3.9/24 dev eth0
  ip link set eth0 up
]]
net:capture()
h1:spawn("ping -c 1 -W 1 -I 10.0.3.9 10.0.2.2", { at = "1s" })
net:run("2.5s")
io.write("h2$ nstat -az IcmpInEchos\n", h2:sh("nstat -az IcmpInEchos"))
r1:sh("sysctl -qw net.ipv4.conf.all.rp_filter=2")
r1:sh("sysctl -qw net.ipv4.conf.eth0.rp_filter=2")
h1:spawn("ping -c 1 -W 1 -I 10.0.3.9 10.0.2.2", { at = "3.5s" })
net:run("2.5s")
io.write("h2$ nstat -az IcmpInEchos\n", h2:sh("nstat -az IcmpInEchos"))
