-- ICMP redirects (net/ipv4/route.c ip_rt_send_redirect, __ip_do_redirect;
-- ip_forward.c; icmp.c icmp_redirect).
--
-- skbsim has no bridge: its links are point to point.  The better router
-- for 10.0.9.0/24 on h1's segment, 10.0.1.3, is therefore only an address
-- with a MAC (02:00:00:00:01:03) both h1 and r1 know (permanent neighbour
-- entries, as they would have learnt them on a shared LAN):
--
--   h1 10.0.1.2 --eth0-- r1 eth0 10.0.1.1 (route 10.0.9.0/24 via 10.0.1.3)
--                        ("r2" 10.0.1.3 would sit on the same segment)
--
-- 1. h1 pings 10.0.9.1 via its default router r1.  r1 routes it back out
--    eth0, the interface it came in on, to a gateway on h1's subnet: it
--    forwards the echo and sends h1 a host redirect (new nexthop 10.0.1.3;
--    IcmpOutRedirects).  h1 (accept_redirects 1; shared_media 1, so any
--    unicast gateway is believed) keeps 10.0.1.3 in the exception of its
--    default route's nexthop for 300 s: `ip route get` shows "via 10.0.1.3
--    ... cache <redirected> expires 296sec" (at 5 s), and echoes 2 and 3 go to
--    10.0.1.3's MAC: r1 does not forward them (ForwDatagrams stays 1).
-- 2. With accept_redirects 0 on h1's eth0 (after `ip route flush cache`)
--    the redirects are counted (IcmpInRedirects) but not believed: every
--    echo goes through r1, which backs off: the n-th redirect to h1 waits
--    ip_rt_redirect_load << (n - 1) (20 ms doubling) after the last, so of
--    echoes 1 s apart, 1 to 5 get one (redirects 2 to 6), 6 does not
--    (1.28 s), 7 does, 8 does not (2.56 s).
--
-- Checked against Linux 6.18 with tests/kernel/route_redirect.sh (a bridge
-- joining h1, r1 and a real r2 in network namespaces): the same route
-- lines, flags and counters' logic.  Differences there: r2 answers, so the
-- echoes are replied to; h1 does not know r2's MAC at first, so the first
-- redirect only starts ARP and the second is believed (2 redirects in
-- part 1, and the back-off of part 2 starts one step further: 1-4 and 6).
local net = skbsim.network{ name = "route_redirect", seed = 1 }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1, { delay = "1ms" })                -- h1 eth0 <-> r1 eth0
h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
  ip neigh add 10.0.1.3 lladdr 02:00:00:00:01:03 dev eth0 nud permanent
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add 10.0.9.0/24 via 10.0.1.3
  ip neigh add 10.0.1.3 lladdr 02:00:00:00:01:03 dev eth0 nud permanent
]]
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(h1, "sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.eth0.accept_redirects net.ipv4.conf.eth0.secure_redirects net.ipv4.conf.eth0.shared_media")
show(r1, "sysctl net.ipv4.conf.eth0.send_redirects")
show(h1, "ip route get 10.0.9.1")

-- 1. believed
h1:spawn("ping -c 3 -i 1 -W 1 10.0.9.1", { at = "1s" })
net:run("5s")                                      -- to 5 s
show(h1, "ip route get 10.0.9.1")
show(h1, "ip route get 10.0.9.2")
show(h1, "ip route show cache")
show(h1, "nstat -az IcmpInRedirects IcmpMsgInType5")
show(r1, "nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams")

-- 2. accept_redirects 0
h1:sh("ip route flush cache")
h1:sh("sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0")
h1:spawn("ping -c 8 -i 1 -W 1 10.0.9.1", { at = "6s" })
net:run("10s")                                     -- to 15 s
show(h1, "ip route get 10.0.9.1")
show(h1, "nstat -az IcmpInRedirects IcmpMsgInType5")
show(r1, "nstat -az IcmpOutRedirects IcmpMsgOutType5 IpForwDatagrams")
