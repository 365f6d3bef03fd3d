-- The lectures' ICMP redirect example ("ICMP redirect message"), on a LAN
-- of three machines joined by a switch:
--
--   192.168.0.31 (h31)  192.168.0.121 (r121, forwarding)  192.168.0.10 (h10)
--
-- h31 is given a suboptimal host route to .10 via .121.  Its pings go to
-- .121, which forwards them back out the interface they came in on and
-- sends h31 "Redirect Host(New nexthop: 192.168.0.10)" (ip_rt_send_redirect()
-- from ip_forward()).  With accept_redirects 1, h31 believes the second
-- redirect (the first starts ARP for .10) and `ip route get` shows the
-- route via .10 with `cache <redirected>`: the routing cache entry of the
-- lectures (`route -Cn`, flags "ri") is a nexthop exception in Linux 6.x,
-- added by __ip_do_redirect() (the lectures' ip_rt_redirect()).  With
-- accept_redirects 0 every ping still earns a redirect, and the route stays
-- via .121; the route in the table is never changed.
--
-- tests/kernel/route_redirect_lecture.sh runs the same on Linux 6.18:
-- identical ping lines, routes and counters (times aside).
local net = skbsim.network{ name = "route_redirect_lecture", seed = 1 }
local sw = net:bridge("sw")
local h31, r121, h10 = net:host("h31"), net:router("r121"), net:host("h10")
for _, n in ipairs{ h31, r121, h10 } do
  net:link(n, sw)
end
local function setup(n, a)
  n:sh("ip link set lo up\nip addr add 192.168.0." .. a .. "/24 dev eth0\nip link set eth0 up")
end
setup(h31, 31)
setup(r121, 121)
setup(h10, 10)
net:capture()

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
show(h31, "ip route add 192.168.0.10/32 via 192.168.0.121")
show(h31, "ip route")
h31:spawn("ping -c 3 -i 1 192.168.0.10", { at = "1s" })
net:run("4s")
show(h31, "ip route get 192.168.0.10")
show(h31, "ip route show cache")
show(r121, "nstat -az IcmpOutRedirects IpForwDatagrams")
show(h31, "nstat -az IcmpInRedirects")

print("== accept_redirects 0")
h31:sh("ip route flush cache")
h31:sh("sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0")
h31:spawn("ping -c 3 -i 1 192.168.0.10", { at = "5s" })
net:run("4s")
show(h31, "ip route get 192.168.0.10")
show(h31, "ip route")
show(r121, "nstat -az IcmpOutRedirects IpForwDatagrams")
show(h31, "nstat -az IcmpInRedirects")
