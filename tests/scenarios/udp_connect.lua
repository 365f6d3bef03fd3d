-- UDP connect (ip4_datagram_connect, udp_disconnect) and what ICMP port
-- unreachable does to a connected socket (udp_err): the error is kept in
-- sk_err and reported once, by the next send or recv or SO_ERROR; an
-- unconnected socket hears nothing.  connect(AF_UNSPEC) disconnects and
-- gives back an autobound port, not a bound one; SO_DONTROUTE sends only
-- on link (ENETUNREACH through a gateway).  h2 has nothing on port 9.
-- The same steps on Linux 6.18 (tests/kernel/udp_sockets.py connect)
-- print the same lines.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_connect")
local show, udp = u.show, u.udp

h1:spawn(function()
  local s = udp()
  show("connect 10.0.2.2:9", s:connect("10.0.2.2", 9))
  show("getpeername", s:getpeername())
  show("send", s:send("ping"))
  skbsim.sleep("200ms")
  show("send after port unreachable", s:send("ping"))
  show("send again", s:send("ping"))
  skbsim.sleep("200ms")
  show("recv after port unreachable", s:recv(100))
  show("recv again", s:recv(100, "MSG_DONTWAIT"))
  show("send", s:send("ping"))
  skbsim.sleep("200ms")
  show("getsockopt SO_ERROR", s:getsockopt("SOL_SOCKET", "SO_ERROR"))
  show("getsockopt SO_ERROR again", s:getsockopt("SOL_SOCKET", "SO_ERROR"))

  local u = udp()
  show("unconnected sendto", u:sendto("ping", "10.0.2.2", 9))
  skbsim.sleep("200ms")
  show("unconnected sendto again", u:sendto("ping", "10.0.2.2", 9))
  show("unconnected recv", u:recv(100, "MSG_DONTWAIT"))

  show("disconnect", s:connect("unspec"))
  show("getpeername", s:getpeername())
  show("send", s:send("ping"))
  -- send autobinds (inet_send_prepare) before it finds no destination
  local addr, port = s:getsockname()
  show("getsockname", addr, port >= 32768 and port <= 60999 and "ephemeral" or port)
  local b = udp()
  assert(b:bind("0.0.0.0", 6000))
  show("connect a bound socket", b:connect("10.0.2.2", 9))
  show("getsockname", b:getsockname())
  show("disconnect", b:connect())
  show("getsockname", b:getsockname())

  local d = udp()
  d:setsockopt("SOL_SOCKET", "SO_DONTROUTE", 1)
  show("SO_DONTROUTE sendto 10.0.2.2", d:sendto("x", "10.0.2.2", 9))
  show("SO_DONTROUTE sendto 10.0.1.1", d:sendto("x", "10.0.1.1", 9))
  show("MSG_DONTROUTE sendto 10.0.2.2", u:sendto("x", "10.0.2.2", 9, "MSG_DONTROUTE"))
  show("sendto port 0", u:sendto("x", "10.0.2.2", 0))
  show("send unconnected", u:send("x"))
  show("SO_DONTROUTE connect 10.0.3.9", d:connect("10.0.3.9", 9))
end, { at = "1s" })
net:run("3s")
print(h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
