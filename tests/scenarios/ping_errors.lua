-- ping: what goes wrong, with iputils s20221126's messages and exit
-- statuses: a host that does not answer ARP (r1 reports it after three
-- probes), one on h1's own segment (h1 reports it), TTL exceeded, a
-- silent host with -W, a deadline, no route, and bad arguments.
local net = skbsim.network{ name = "ping_errors" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
local lone = net:host("lone")                -- no route anywhere
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
  sysctl -q -w net.ipv4.icmp_echo_ignore_all=1
]]

h1:spawn("ping -c 3 10.0.2.99", { at = "1s" })
h1:spawn("ping -c 2 10.0.1.99", { at = "10s" })
h1:spawn("ping -c 2 -t 1 10.0.2.2", { at = "20s" })
h1:spawn("ping -c 1 -W 1 10.0.2.2", { at = "30s" })
h1:spawn("ping -w 2 10.0.2.2", { at = "40s" })
h1:spawn("ping -c 1 10.0.1.255", { at = "50s" })
lone:spawn("ping -c 1 10.0.2.2", { at = "50s" })
lone:spawn("ping 10.0.2.300", { at = "50s" })
lone:spawn("ping -c 0 10.0.2.2", { at = "50s" })
lone:spawn("ping -W -1 10.0.2.2", { at = "50s" })
net:run("60s")

for _, node in ipairs({ h1, lone }) do
  for _, p in ipairs(node:ps()) do
    print(node.name, p.pid, p.cmd, p.state, p.status)
  end
end
