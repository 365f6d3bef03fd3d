-- Conformance: a learning bridge.  h1 pings h2 through sw: the ARP request
-- is broadcast and flooded to every port (h3 sees it), the bridge learns
-- h1's MAC from it and h2's from the reply, so the echoes go only to the
-- port they are for: h3 sees nothing else.
--
--   h1 10.0.0.1 --+
--   h2 10.0.0.2 --+-- sw (bridge, br0)
--   h3 10.0.0.3 --+
--
-- Normalised: IP ids, ICMP ids (random on Linux); padding; lo's counters;
-- sw's own interfaces (br0 counts differ by what the bridge itself sends).
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,*_bytes,lo.*
local net = skbsim.network{ name = "bridge_learn", seed = 1 }
local sw = net:bridge("sw")
local h1, h2, h3 = net:host("h1"), net:host("h2"), net:host("h3")
net:link(h1, sw)
net:link(h2, sw)
net:link(h3, sw)
for i, h in ipairs({ h1, h2, h3 }) do
  h:sh(("ip addr add 10.0.0.%d/24 dev eth0\nip link set eth0 up"):format(i))
end
net:capture{ node = "h3" }
h1:spawn("ping -c 3 -i 0.5 10.0.0.2", { at = "1s" })
net:run("3s")
io.write("sw$ bridge fdb show br br0 dynamic | wc -l: ",
         select(2, sw:sh("bridge fdb show br br0"):gsub("master br0 \n", "")), "\n")
