-- arping (iputils 20221126): h1 asks r1 (-c 3; the first probe is
-- broadcast, the others go unicast to the answer), detects r1's address as
-- a duplicate (-D: status 1) and a free one (-D: status 0), announces its
-- own address (-U: requests, -A: replies; r1 learns h1's MAC from them)
-- and gives up on an address nobody has (-w: status 1).  The times are
-- iputils' own arithmetic (+0.5 ms, as on Linux).
local net, h1, r1, r2, r3, h2 = dofile("lib/tools_net.lua")("tools_arping")
net:capture{ node = "h1" }

h1:spawn("arping -c 3 10.0.1.1", { at = "1s" })
h1:spawn("arping -D -c 2 -I eth0 10.0.1.1", { at = "10s" })
h1:spawn("arping -D -c 2 -w 2 -I eth0 10.0.1.77", { at = "20s" })
h1:spawn("arping -U -c 2 -I eth0 10.0.1.2", { at = "30s" })
h1:spawn("arping -A -c 1 -I eth0 10.0.1.2", { at = "40s" })
h1:spawn("arping -c 2 -w 3 10.0.1.99", { at = "50s" })
h1:spawn("arping -c 1 -s 10.0.1.2 -I eth0 10.0.1.1", { at = "60s" })
h1:spawn("arping -q -c 1 10.0.1.1", { at = "70s" })
h1:spawn("arping -I eth9 10.0.1.1", { at = "80s" })
h1:spawn("arping -I lo 127.0.0.1", { at = "80s" })
h1:spawn("arping -c 0 10.0.1.1", { at = "80s" })
h1:spawn("arping", { at = "80s" })
local ping = h1:spawn("arping 10.0.1.1", { at = "90s" })
net:at("92.5s", function() h1:kill(ping, "INT") end)
net:run("100s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
print(r1:sh("ip neigh show dev eth0"))
