-- ICMP redirects on a LAN (net/ipv4/route.c ip_rt_send_redirect,
-- __ip_do_redirect; ip_forward.c; icmp.c icmp_redirect), the topology of
-- tests/kernel/route_redirect.sh:
--
--   h1 10.0.1.2 --+                                  +-- (eth1 10.0.9.254) -- h9 10.0.9.1
--   r1 10.0.1.1 --+-- switch sw (a bridge) --+-- r2 10.0.1.3
--
-- h1's default router is r1; r1 knows 10.0.9.0/24 via r2, on the same
-- segment.
--
-- 1. h1 pings h9.  r1 forwards the echo back out eth0, the interface it
--    came in on, to a gateway on h1's subnet, and sends h1 a host redirect
--    (new nexthop 10.0.1.3; IcmpOutRedirects).  h1 (accept_redirects 1,
--    shared_media 1: any unicast gateway is believed) does not know r2's
--    MAC yet: the first redirect only starts ARP for it, the second is
--    believed and kept in the exception of the default route's nexthop
--    for 300 s: `ip route get` shows "via 10.0.1.3 ... cache <redirected>
--    expires 298sec", and echo 3 goes to r2 directly (r1 forwards 2).
-- 2. With accept_redirects 0 on h1 (after `ip route flush cache`) the
--    redirects are counted (IcmpInRedirects) but not believed: every echo
--    goes through r1, which backs off: the n-th redirect to h1 waits
--    ip_rt_redirect_load << (n - 1) (20 ms, doubling) after the last, and
--    the count goes on from part 1's two, so of echoes 1 s apart 1 to 4
--    get one (redirects 3 to 6), 5 does not (the wait is 1.28 s by then),
--    6 does, 7 and 8 do not (2.56 s).
--
-- tests/kernel/route_redirect.sh builds the same LAN in namespaces on
-- Linux 6.18: the same ping lines, routes, neighbours and counters (times
-- and MAC addresses aside).
local net = skbsim.network{ name = "route_redirect", seed = 1 }
local sw = net:bridge("sw")
local h1, r1, r2, h9 = net:host("h1"), net:router("r1"), net:router("r2"), net:host("h9")
net:link(h1, sw)                                   -- h1 eth0 - sw eth0
net:link(r1, sw)                                   -- r1 eth0 - sw eth1
net:link(r2, sw)                                   -- r2 eth0 - sw eth2
net:link(r2, h9)                                   -- r2 eth1 - h9 eth0
h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add 10.0.9.0/24 via 10.0.1.3
]]
r2:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:03
  ip addr add 10.0.1.3/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.9.254/24 dev eth1
  ip link set eth1 up
]]
h9:sh[[
  ip link set lo up
  ip addr add 10.0.9.1/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.9.254
]]
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(h1, "sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.eth0.accept_redirects net.ipv4.conf.eth0.secure_redirects net.ipv4.conf.eth0.shared_media")
show(r1, "sysctl net.ipv4.conf.eth0.send_redirects")
show(h1, "ip route get 10.0.9.1")

print("== 1. believed")
h1:spawn("ping -c 3 -i 1 -W 1 10.0.9.1", { at = "1s" })
net:run("4s")                                      -- to 4 s
show(h1, "ip route get 10.0.9.1")
show(h1, "ip route get 10.0.9.2")
show(h1, "ip route show cache")
show(h1, "ip neigh show")
show(h1, "nstat -az IcmpInRedirects IcmpMsgInType5")
show(r1, "nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams")

print("== 2. accept_redirects 0")
h1:sh("ip route flush cache")
h1:sh("sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0")
h1:spawn("ping -c 8 -i 1 -W 1 10.0.9.1", { at = "5s" })
net:run("9s")                                      -- to 13 s
show(h1, "ip route get 10.0.9.1")
show(h1, "nstat -az IcmpInRedirects IcmpMsgInType5")
show(r1, "nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams")
