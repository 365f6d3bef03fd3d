-- Conformance: arping (iputils).  h1 asks for 10.0.1.1 three times from
-- eth0 (a packet socket: broadcast requests, unicast replies printed with
-- the responder's MAC), then `arping -D` (duplicate address detection:
-- sender address 0.0.0.0) for an address nobody has, which ends with
-- status 0 and "Received 0 response(s)", and for r1's address, which r1
-- answers: status 1.
--
--   h1 10.0.1.2 --eth0-- r1 10.0.1.1
--
-- Normalised: padding (cable NICs pad, veth does not); lo's counters.
-- diff: --ignore frame.padding,*_bytes,lo.*
-- needs: arping
local net = skbsim.network{ name = "arping", seed = 1 }
local h1, r1 = net:host("h1"), net:host("r1")
net:link(h1, r1)
h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
]]
net:capture()
h1:spawn("arping -c 3 -I eth0 10.0.1.1", { at = "1s" })
h1:spawn("arping -D -c 2 -w 3 -I eth0 10.0.1.77", { at = "5s" })
h1:spawn("arping -D -c 2 -w 3 -I eth0 10.0.1.1", { at = "9s" })
net:run("13s")
for _, p in ipairs(h1:ps()) do print(p.pid, p.cmd, p.state, p.status) end
