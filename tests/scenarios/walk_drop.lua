-- The walk of a dropped packet: r1 has no route to 10.9.9.9 (and no
-- default), so h1's echo request ends on r1 in ip_error: the FIB lookup
-- finds nothing, the route is "unreachable", r1 sends an ICMP network
-- unreachable (a new packet, not followed: the filter wants echo
-- requests) and kfree_skb_reason() drops the request with IP_INNOROUTES,
-- which the walk's last line and the drops table both show.
local net = skbsim.network{ name = "walk_drop", seed = 1 }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1, { delay = "1ms" })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
  ip neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
]]
net:metrics{ interval = 0 }
net:walk{ filter = "icmp[icmptype] == icmp-echo", count = 1 }
h1:spawn("ping -c 1 -W 1 10.9.9.9", { at = "1s" })
net:run("3s")
