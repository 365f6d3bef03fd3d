-- nc -u (netcat-openbsd 1.219): a listener on h2 prints what h1 sends
-- from a file (-f, skbsim's standard input), after -v's five "X" probes
-- of udptest(); nc as the client of a UDP echo server written in Lua
-- prints the echo; a refused port ends nc quietly (status 0, as the read
-- error makes readwrite() return).  The listener's lines and "XXXXXone"
-- are what netcat prints on Linux (tests/kernel/tools.sh's nc runs).
local net = skbsim.network{ name = "tools_nc" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms" })
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
  echo one > /tmp/lines
  echo two >> /tmp/lines
  echo three >> /tmp/lines
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
]]
net:capture{ node = "h2" }

local listener = h2:spawn("nc -u -l -n -v 7000", { at = "0.5s" })
h1:spawn("nc -u -n -v -q 1 -p 40000 -f /tmp/lines 10.0.2.2 7000", { at = "1s" })
h2:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:bind("0.0.0.0", 7))
  while true do
    local data, addr, port = assert(s:recvfrom(1500))
    s:sendto(data, addr, port)
  end
end, { name = "echod" })
h1:spawn("nc -u -w 2 -f /tmp/lines 10.0.2.2 7", { at = "10s" })
h1:spawn("nc -u -q 2 -f /tmp/lines 10.0.2.2 9", { at = "20s" })
h1:spawn("nc -u -w x 10.0.2.2 7", { at = "30s" })
h1:spawn("nc -u", { at = "30s" })
h1:spawn("nc -u -f /tmp/missing 10.0.2.2 7", { at = "30s" })
net:at("35s", function() h2:kill(listener, "TERM") end)
net:run("40s")

for _, n in ipairs{ h1, h2 } do
  for _, p in ipairs(n:ps()) do
    print(n.name, p.pid, p.cmd, p.state, p.status)
  end
end
print(h2:sh("nstat -az Udp*"))
