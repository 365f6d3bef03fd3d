-- topologies/labs/redirect_pmtu.lua - the ICMP redirect and path MTU lab
-- (docs/labs/redirect-pmtu.md)
--
--   h31  192.168.0.31  ---+
--   h10  192.168.0.10  ---+-- sw (a bridge)
--   r121 192.168.0.121 ---+   eth0
--        10.0.2.1      ------ eth1 (mtu 1000) ------ h2 10.0.2.2
--
-- Part 1 (1-12 s) is the lectures' redirect example: h31 sends to h10
-- through r121, which forwards the packets back out of the interface they
-- came in on and tells h31 "Redirect Host(New nexthop: 192.168.0.10)";
-- then accept_redirects 0 on h31, then send_redirects 0 on r121.
-- Part 2 (20-40 s) is path MTU discovery: h31 reaches h2 through r121,
-- whose link to h2 has an MTU of 1000: DF set, "frag needed" with the next
-- hop's MTU, the learned PMTU in `ip route get`, tracepath; then DF clear,
-- and r121 fragments.
local net = skbsim.network{ name = "redirect_pmtu", seed = 1 }
local sw = net:bridge("sw")
local h31, h10, r121, h2 = net:host("h31"), net:host("h10"), net:router("r121"), net:host("h2")
net:link(h31, sw, { delay = "1ms" })
net:link(h10, sw, { delay = "1ms" })
net:link(r121, sw, { delay = "1ms" })                 -- r121 eth0
net:link(r121, h2, { delay = "1ms", mtu = 1000 })     -- r121 eth1 - h2 eth0
local function setup(n, mac, addr)
  n:sh(string.format([[
    ip link set lo up
    ip link set eth0 address %s
    ip addr add %s dev eth0
    ip link set eth0 up
  ]], mac, addr))
end
setup(h31, "02:00:00:00:00:31", "192.168.0.31/24")
setup(h10, "02:00:00:00:00:10", "192.168.0.10/24")
setup(r121, "02:00:00:00:01:21", "192.168.0.121/24")
setup(h2, "02:00:00:00:02:02", "10.0.2.2/24")
r121:sh[[
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh("ip route add default via 10.0.2.1")
net:capture()
net:metrics{}

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
local function nstat(node, counters)
  show(node, "nstat " .. counters)
end
for _, n in ipairs{ h31, h10, r121, h2 } do n:sh("nstat -n") end

print("== 1. ICMP redirect")
show(r121, "sysctl net.ipv4.conf.all.send_redirects net.ipv4.conf.eth0.send_redirects")
show(h31, "sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.eth0.accept_redirects")
show(h31, "ip route add 192.168.0.10/32 via 192.168.0.121")
show(h31, "ip route")
-- follow the first echo request: r121 forwards it and decides to redirect
net:walk{ filter = "icmp and dst host 192.168.0.10", count = 1 }
h31:spawn("ping -c 3 192.168.0.10", { at = "1s" })
net:run("4s")                                          -- to 4 s
show(h31, "ip route get 192.168.0.10")
show(h31, "ip route show cache")
show(h31, "ip route")
nstat(r121, "IpForwDatagrams IcmpOutRedirects IcmpMsgOutType5")
nstat(h31, "IcmpInRedirects IcmpMsgInType5")

print("-- accept_redirects 0 on h31")
h31:sh("ip route flush cache")
show(h31, "sysctl -w net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0")
h31:spawn("ping -c 2 192.168.0.10", { at = "5s" })
net:run("3s")                                          -- to 7 s
show(h31, "ip route get 192.168.0.10")
nstat(r121, "IpForwDatagrams IcmpOutRedirects")
nstat(h31, "IcmpInRedirects")

print("-- send_redirects 0 on r121")
show(r121, "sysctl -w net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0")
h31:spawn("ping -c 2 192.168.0.10", { at = "8s" })
net:run("4s")                                          -- to 11 s
nstat(r121, "IpForwDatagrams IcmpOutRedirects")
nstat(h31, "IcmpInRedirects")
h31:sh("ip route del 192.168.0.10/32")

print("== 2. path MTU")
show(h31, "ip route add default via 192.168.0.121")
show(h31, "ip route get 10.0.2.2")
show(r121, "ip -br addr show eth1")
show(r121, "ip route get 10.0.2.2")
-- follow the first DF echo request that leaves h31 towards h2
net:walk{ filter = "icmp and dst host 10.0.2.2", count = 1 }
h31:spawn("ping -M do -c 1 -s 1473 10.0.2.2", { at = "19s" })
h31:spawn("ping -M do -c 3 -s 1200 10.0.2.2", { at = "21s" })
net:run("14s")                                         -- to 25 s
show(h31, "ip route get 10.0.2.2")
show(h31, "ip route show cache")
nstat(r121, "IpForwDatagrams IpFragFails IcmpOutDestUnreachs IcmpMsgOutType3")
nstat(h31, "IcmpInDestUnreachs IcmpMsgInType3")
h31:spawn("ping -M do -c 1 -s 972 10.0.2.2", { at = "26s" })
net:run("2s")                                          -- to 27 s
h31:sh("ip route flush cache")
h31:spawn("tracepath -n 10.0.2.2", { at = "28s" })
net:run("3s")                                          -- to 30 s
show(h31, "ip route get 10.0.2.2")

print("-- DF clear: r121 fragments")
h31:sh("ip route flush cache")
h31:spawn("ping -M dont -c 1 -s 1200 10.0.2.2", { at = "32s" })
net:run("3s")                                          -- to 34 s
nstat(r121, "IpFragOKs IpFragCreates")
nstat(h2, "IpReasmReqds IpReasmOKs IpFragOKs IpFragCreates")
nstat(h31, "IpReasmReqds IpReasmOKs")
