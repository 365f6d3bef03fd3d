-- The loopback device (drivers/net/loopback.c): a ping to 127.0.0.1 is
-- counted once each way with the length after eth_type_trans() (84 bytes
-- for a 56-byte ping, not 98), and the capture of lo holds each packet
-- once, as tcpdump -i lo writes it (libpcap drops the outgoing copy on
-- the loopback device).  The same on Linux 6.18: ip -s link show lo after
-- `ping -c 1 127.0.0.1` in a fresh namespace says 168 bytes, 2 packets
-- both ways; tcpdump -i lo has the request and the reply.
local net = skbsim.network{ name = "link_loopback", seed = 1 }
local h = net:host("h")
h:sh("ip link set lo up")
net:capture()
h:spawn("ping -c 1 127.0.0.1", { at = "1s" })
net:run("2s")
io.write(h:sh("ip -s link show lo"))
