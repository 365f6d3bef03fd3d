-- The IPv4 files of /proc/net and nstat after traffic: /proc/net/snmp
-- (Ip with Forwarding 1 on the router and 2 on hosts, Icmp, the IcmpMsg
-- lines of the types seen), /proc/net/netstat (IpExt), /proc/net/route,
-- /proc/net/arp, /proc/net/stat/arp_cache, /proc/net/fib_trie and
-- fib_triestat; nstat's first run (whole counters), its deltas, -a, -s,
-- -z, -r, -n and patterns, and its history file.  Compared with Linux 6.x
-- in namespaces; skbsim has no TcpExt/MPTcpExt lines (no TCP) and no
-- snmp6 counters (no IPv6).
local net = skbsim.network{ name = "ipv4_proc", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
  ip route add 10.9.0.0/16 via 10.0.1.1 metric 20
  ip route add unreachable 10.10.0.0/16
]]
r1:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:02:01
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:02:02
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
run(h1, "cat /proc/net/snmp")
run(h1, "nstat")
net:at("1s", function() h1:spawn("ping -q -c 3 -i 0.5 10.0.2.2") end)
net:at("5s", function() h1:spawn("ping -q -c 1 -t 1 10.0.2.2") end)
net:at("6s", function() h1:spawn("ping -q -c 1 -W 1 10.0.2.99") end)
net:run("15s")

run(h1, "cat /proc/net/snmp")
run(r1, "cat /proc/net/snmp")
run(h2, "cat /proc/net/snmp")
run(h1, "cat /proc/net/netstat")
run(r1, "cat /proc/net/netstat")
run(h1, "cat /proc/net/route")
run(r1, "cat /proc/net/arp")
run(r1, "cat /proc/net/stat/arp_cache")
run(h1, "cat /proc/net/fib_trie")
run(h1, "cat /proc/net/fib_triestat")
run(h1, "nstat")
run(h1, "nstat")
run(r1, "nstat -a")
run(r1, "nstat -s Icmp*")
run(r1, "nstat -s")
run(r1, "nstat -z IpExt*")
run(r1, "nstat -n")
run(r1, "cat /tmp/.nstat.u0")
net:at("20s", function() h1:spawn("ping -q -c 1 10.0.2.2") end)
net:run("25s")
run(r1, "nstat")
run(r1, "nstat -r -s Ip*")
run(r1, "nstat -V")
run(r1, "nstat -j")
run(r1, "nstat -x")
run(r1, "nstat --bogus")
run(r1, "nstat -d 5")
run(h1, "cat /proc/net/snmp6")
run(h1, "echo 1 > /proc/net/snmp")
