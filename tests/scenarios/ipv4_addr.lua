-- ip address: add (brd +/-, label, scope, metric, noprefixroute, 127/8's
-- host scope), show and its filters in every format, change/replace of
-- the metric, del (wildcard, label), flush rounds, and the errors of
-- iproute2 6.1; compared with Linux in namespaces (tests/scenarios/
-- ipv4_addr.lua's lines run by ip -n): skbsim drops the warnings of lines
-- that succeed (sh keeps stderr of a failing line only).  127.0.0.5/8
-- (scope host) is listed before eth1's global addresses, as Linux 6.18
-- does.
local net = skbsim.network{ name = "ipv4_addr" }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1)
net:link(h1, r1, { kind = "veth" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:02
  ip link set eth1 address 02:00:00:00:03:02
  ip link set eth0 up
  ip link set eth1 up
]]
r1:sh[[
  ip link set eth0 up
  ip link set eth1 up
]]
run(h1, "ip addr")
run(h1, "ip addr add 10.0.1.2/24 dev eth0")
run(h1, "ip addr add 10.0.1.5/24 dev eth0")
run(h1, "ip addr add 10.0.1.6/24 brd + dev eth0 label eth0:1")
run(h1, "ip addr add 10.0.5.1/255.255.255.0 dev eth0")
run(h1, "ip addr add 10.0.6.2/24 brd - dev eth0")
run(h1, "ip addr add 10.0.3.2/24 dev eth1 metric 50")
run(h1, "ip addr add 192.168.5.5/32 dev eth1 noprefixroute")
run(h1, "ip a")
run(h1, "ip -4 addr")
run(h1, "ip -0 addr")
run(h1, "ip -br addr")
run(h1, "ip -br -0 addr")
run(h1, "ip -o addr")
run(h1, "ip -o -4 addr show dev eth1")
run(h1, "ip -s addr show dev eth0")
run(h1, "ip -d addr show dev eth1")
run(h1, "ip addr show label eth0:*")
run(h1, "ip addr show secondary")
run(h1, "ip addr show primary dev eth0")
run(h1, "ip addr show to 10.0.1.0/24")
run(h1, "ip addr show scope host")
run(h1, "ip addr show up")
run(h1, "ip route show table all")
-- the metric of a prefix route moves with the address's
run(h1, "ip addr change 10.0.5.1/24 dev eth0 metric 9")
run(h1, "ip addr replace 10.0.3.2/24 dev eth1 metric 60")
run(h1, "ip route")
run(h1, "ip addr add 127.0.0.5/8 dev eth1")
run(h1, "ip -br addr show dev eth1")
-- deletes
run(h1, "ip addr del 10.0.1.6 dev eth0")
run(h1, "ip addr del 10.0.1.5/24 dev eth0 label foo")
run(h1, "ip addr del 10.0.1.5/24 dev eth0")
run(h1, "ip -s addr flush dev eth0 secondary")
run(h1, "ip -s -s addr flush dev eth0")
run(h1, "ip -s addr flush dev eth0")
run(h1, "ip addr show dev eth0")
-- errors
run(h1, "ip addr add 10.0.1.300/24 dev eth1")
run(h1, "ip addr add 10.0.3.2/24 dev eth1")
run(h1, "ip addr del 10.9.9.9/24 dev eth1")
run(h1, "ip addr add 10.9.9.9/24 dev eth9")
run(h1, "ip addr add 10.9.9.9/24")
run(h1, "ip addr add dev eth1")
run(h1, "ip addr add 10.9.9.9/33 dev eth1")
run(h1, "ip addr add 10.9.9.9/24 dev eth1 scope foo")
run(h1, "ip addr add 10.9.9.9/24 dev eth1 metric x")
run(h1, "ip addr add 10.9.9.9/24 brd 1.2.3.4.5 dev eth1")
run(h1, "ip addr add 10.9.9.9/24 dev eth1 label eth1aaaaaaaaaaaaaaaa")
run(h1, "ip addr add 10.9.9.9/24 10.9.9.10/24 dev eth1")
run(h1, "ip -4 addr add 2001:db8::1/64 dev eth1")
run(h1, "ip addr add 2001:db8::1/64 dev eth1")
run(h1, "ip addr add 10.9.9.9/24 dev eth1 valid_lft 100")
run(h1, "ip addr add 10.9.9.9/24 dev eth1 valid_lft 100 preferred_lft 50")
run(h1, "ip addr show dev eth9")
run(h1, "ip addr show dev eth0 dev eth1")
run(h1, "ip addr flush")
run(h1, "ip addr frob")
run(r1, "ip -n h1 -br addr")
