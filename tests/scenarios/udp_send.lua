-- Sending: UDP_CORK and MSG_MORE gather several sends into one datagram
-- (udp_push_pending_frames), 65507 bytes is the largest datagram (65508:
-- EMSGSIZE), a datagram above the path MTU leaves in fragments unless
-- IP_MTU_DISCOVER is IP_PMTUDISC_DO (EMSGSIZE), IP_MTU reads the
-- connected route's MTU; the receiver's skbsim.poll times out, then sees
-- each datagram whole.  tests/kernel/udp_sockets.py send prints the same
-- lines on Linux 6.18, the two processes' lines interleaved otherwise.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_send")
local show, udp = u.show, u.udp

h2:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 7))
  local list = { { s, "in" } }
  show("poll 100ms", skbsim.poll(list, "100ms"), tostring(list[1].revents))
  for i = 1, 5 do
    local m = assert(s:recvmsg(70000))
    show("datagram", m.len, m.data:sub(1, 12))
  end
  show("poll 0", skbsim.poll(list, 0))
end, { at = "0.5s" })

h1:spawn(function()
  local s = udp()
  assert(s:connect("10.0.2.2", 7))
  show("UDP_CORK on", s:setsockopt("IPPROTO_UDP", "UDP_CORK", 1))
  show("send abc", s:send("abc"))
  show("send def", s:send("def"))
  show("getsockopt UDP_CORK", s:getsockopt("IPPROTO_UDP", "UDP_CORK"))
  show("UDP_CORK off", s:setsockopt("IPPROTO_UDP", "UDP_CORK", 0))
  show("send MSG_MORE", s:send("more1", "MSG_MORE"))
  show("send", s:send("more2"))
  show("send 3000", s:send(string.rep("z", 3000)))
  show("send 65508", s:send(string.rep("z", 65508)))
  show("send 65507", s:send(string.rep("y", 65507)))
  show("IP_MTU", s:getsockopt("IPPROTO_IP", "IP_MTU"))
  show("IP_MTU_DISCOVER", s:getsockopt("IPPROTO_IP", "IP_MTU_DISCOVER"))
  s:setsockopt("IPPROTO_IP", "IP_MTU_DISCOVER", 2)
  show("send 3000 with IP_PMTUDISC_DO", s:send(string.rep("z", 3000)))
  show("send 1472 with IP_PMTUDISC_DO", s:send(string.rep("w", 1472)))
end, { at = "1s" })
net:run("3s")
print(h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
