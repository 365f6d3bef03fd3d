-- Conformance: local traffic on lo.  h1 pings 127.0.0.1 and its own
-- address; each echo and reply goes through the loopback device once:
-- `tcpdump -i lo` records it once (the copy taken on transmit,
-- dev_queue_xmit_nit; af_packet leaves out the received one, which
-- loopback_xmit marks PACKET_LOOPBACK), and lo counts it once, its bytes
-- without the Ethernet header (loopback_xmit takes skb->len after
-- eth_type_trans pulled it): 84 bytes per echo.
--
-- Normalised: IP ids, ICMP ids (random on Linux).
-- diff: --renumber ip.id,icmp.id --ignore frame.padding,eth0.*
local net = skbsim.network{ name = "loopback", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2)
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
net:capture{ node = "h1" }
h1:spawn("ping -c 2 -i 0.5 127.0.0.1", { at = "1s" })
h1:spawn("ping -c 1 10.0.1.2", { at = "2s" })
net:run("3s")
