-- Conformance: errors a UDP socket gets from its own stack, as
-- traceroute's probe sockets see them.  Without a route, connect() fails
-- (ip_route_connect: ENETUNREACH): "connect: Network is unreachable",
-- status 1, nothing sent.  To an on-link address nobody answers ARP for,
-- the probe waits in the neighbour's queue; after mcast_solicit (3)
-- probes 1 s apart the neighbour is FAILED and the queued probe is given
-- back: arp_error_report -> ipv4_link_failure -> icmp_send, a host
-- unreachable (3/1) from h1 to itself, over lo (hence lo up), which
-- icmp_rcv hands to the probe socket's error queue (__udp4_lib_err,
-- EHOSTUNREACH): "!H" after ~3 s.
--
--   h1 10.0.1.2 --eth0-- r1 10.0.1.1     (10.0.1.9: nobody)
--
-- Normalised: IP ids and source ports (random on Linux: renumbered);
-- padding; lo's counters; the gaps between frames compared rounded to
-- 100 ms (a real timer's jitter of a few milliseconds).
-- diff: --renumber ip.id,udp.sport --time-round 100 --ignore frame.padding,*_bytes,lo.*
-- needs: traceroute
local net = skbsim.network{ name = "udp_errors", seed = 1 }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1)
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
]]
net:capture()
h1:spawn("traceroute -n 192.0.2.1", { at = "1s" })
h1:spawn("traceroute -n -q 1 -N 1 -m 1 10.0.1.9", { at = "1s" })
net:run("8s")
for _, p in ipairs(h1:ps()) do
  io.write(("h1: %s: %s, status %s\n"):format(p.cmd, p.state, tostring(p.status)))
end
io.write("h1$ nstat -az IcmpOutDestUnreachs IcmpInDestUnreachs IcmpInErrors\n",
         h1:sh("nstat -az IcmpOutDestUnreachs IcmpInDestUnreachs IcmpInErrors"))
