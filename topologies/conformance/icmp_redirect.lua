-- Conformance: an ICMP redirect on a shared segment (a bridge).  h1's
-- default router r1 routes 10.0.9.0/24 via r2 (10.0.1.3) on the same
-- segment: it forwards h1's echo and sends h1 a host redirect (ICMP 5/1,
-- gateway 10.0.1.3).  h1 (accept_redirects 1) keeps the new next hop in
-- its route cache: `ip route get` says "via 10.0.1.3 ... <redirected>",
-- and its later echoes go to r2 directly.
--
--   h1 10.0.1.2 --+
--   r1 10.0.1.1 --+-- sw (bridge)      r2 also holds 10.0.9.1 on lo
--   r2 10.0.1.3 --+
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters.
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "icmp_redirect", seed = 1 }
local sw = net:bridge("sw")
local h1, r1, r2 = net:host("h1"), net:router("r1"), net:host("r2")
net:link(h1, sw)
net:link(r1, sw)
net:link(r2, sw)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add 10.0.9.0/24 via 10.0.1.3
]]
r2:sh[[
  ip link set lo up
  ip addr add 10.0.9.1/32 dev lo
  ip addr add 10.0.1.3/24 dev eth0
  ip link set eth0 up
]]
net:capture{ node = "h1" }
local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
h1:spawn("ping -c 3 -i 1 10.0.9.1", { at = "1s" })
net:run("4s")
-- the exception's "expires" counts real seconds: shown without it
io.write("h1$ ip route get 10.0.9.1 | head -1\n",
         (h1:sh("ip route get 10.0.9.1"):match("[^\n]*\n")))
show(h1, "nstat -az IcmpInRedirects")
show(r1, "nstat -az IcmpOutRedirects IpForwDatagrams")
