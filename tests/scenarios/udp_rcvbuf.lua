-- Receive buffers: SO_RCVBUF and SO_SNDBUF store twice the value asked
-- for (sk_setsockopt), capped by rmem_max/wmem_max (212992) and floored at
-- SOCK_MIN_RCVBUF (2304) / SOCK_MIN_SNDBUF (4608); the FORCE variants
-- skip the cap.  A receiver that does not read: each datagram queued
-- charges its truesize to sk_rmem_alloc, and one that would take it past
-- sk_rcvbuf is dropped unless the queue is empty
-- (__udp_enqueue_schedule_skb), counted in RcvbufErrors and InErrors and in
-- the socket's drops (/proc/net/udp).  veth links, as the kernel test:
-- the skb h1 built is what h2 queues, so truesize is the sender's.
-- tests/kernel/udp_sockets.py rcvbuf prints the same lines on Linux 6.18
-- (with net.core.rmem_max and wmem_max at their default, 212992).
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_rcvbuf", { kind = "veth" }, { kind = "veth" })
local show, udp = u.show, u.udp

h2:spawn(function()
  local s = udp()
  for _, v in ipairs{ 1, 0, 4096, 100000, 1000000000, -1 } do
    s:setsockopt("SOL_SOCKET", "SO_RCVBUF", v)
    show("SO_RCVBUF " .. v, s:getsockopt("SOL_SOCKET", "SO_RCVBUF"))
  end
  for _, v in ipairs{ 1, 4096, 1000000000 } do
    s:setsockopt("SOL_SOCKET", "SO_SNDBUF", v)
    show("SO_SNDBUF " .. v, s:getsockopt("SOL_SOCKET", "SO_SNDBUF"))
  end
  s:setsockopt("SOL_SOCKET", "SO_RCVBUFFORCE", 1000000)
  show("SO_RCVBUFFORCE 1000000", s:getsockopt("SOL_SOCKET", "SO_RCVBUF"))
  local r = udp()
  show("default SO_RCVBUF SO_SNDBUF", r:getsockopt("SOL_SOCKET", "SO_RCVBUF"),
       r:getsockopt("SOL_SOCKET", "SO_SNDBUF"))
  assert(r:setsockopt("SOL_SOCKET", "SO_RCVBUF", 4096))
  assert(r:bind("0.0.0.0", 7))
  skbsim.sleep("1s")            -- the sender fills the queue meanwhile
  io.write(h2:sh("ss -uan"))
  local n, bytes = 0, 0
  while true do
    local d = r:recv(2000, "MSG_DONTWAIT")
    if not d then break end
    n, bytes = n + 1, bytes + #d
  end
  show("datagrams read", n, bytes)
end, { at = "1s" })

h1:spawn(function()
  local s = udp()
  for i = 1, 20 do assert(s:sendto(string.rep("x", 100), "10.0.2.2", 7)) end
  for i = 1, 5 do assert(s:sendto(string.rep("y", 1000), "10.0.2.2", 7)) end
end, { at = "1.5s" })
net:run("3s")
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
