-- Conformance: UDP datagrams to closed ports, and the rate limit of the
-- ICMP errors they cause.  traceroute's UDP probes (-p 9: ports 9 to 16,
-- one probe at a time, TTL 1 is enough: h2 is on the link) reach h2,
-- where no socket is bound: __udp4_lib_rcv counts UdpNoPorts and answers
-- ICMP port unreachable (3/3) quoting the probe, which h1's probe socket
-- reads from its error queue (IP_RECVERR).  Destination unreachable is in
-- icmp_ratemask: h2's peer entry for h1 allows a burst of six, then one
-- per icmp_ratelimit (1 s); the seventh probe gets no answer
-- (Icmp.OutRateLimitHost) and traceroute prints "*" after its 1 s wait
-- (-w 1,0,0: no shorter waits derived from the other probes' times), the
-- eighth, a second later, is answered again.
--
--   h1 10.0.1.1 --eth0-- h2 10.0.1.2
--
-- (netcat's `nc -u -v` to a closed port is not used: the real nc's
-- second write fails with ECONNREFUSED only because the ICMP error came
-- back within the microseconds between two write()s on a veth; the
-- simulator's program issues both at the same instant.  docs/conformance.md.)
--
-- Normalised: IP ids and the source ports (random on Linux: renumbered);
-- padding; lo's counters.
-- diff: --renumber ip.id,udp.sport --ignore frame.padding,*_bytes,lo.*
-- needs: traceroute
local net = skbsim.network{ name = "udp_port_unreach", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2)
h1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
]]
h2:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
net:capture()
h1:spawn("traceroute -n -N 1 -q 8 -w 1,0,0 -m 1 -p 9 10.0.1.2", { at = "1s" })
net:run("4s")
io.write("h2$ nstat -az UdpNoPorts UdpInDatagrams IcmpOutDestUnreachs IcmpOutRateLimitHost\n",
         h2:sh("nstat -az UdpNoPorts UdpInDatagrams IcmpOutDestUnreachs IcmpOutRateLimitHost"))
io.write("h1$ nstat -az IcmpInDestUnreachs UdpOutDatagrams\n",
         h1:sh("nstat -az IcmpInDestUnreachs UdpOutDatagrams"))
