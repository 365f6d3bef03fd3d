-- The answers a UDP receiver can ask for (ip_cmsg_recv_offset): IP_PKTINFO
-- (the interface, the local address the datagram was for), IP_RECVTTL
-- (63: one router on the way), IP_RECVTOS, with IP_TOS and IP_TTL set by
-- setsockopt or per datagram by sendmsg's cmsgs; MSG_PEEK leaves the
-- datagram queued, a short buffer gets MSG_TRUNC and recvmsg's len is
-- the whole datagram; InDatagrams counts datagrams read, not peeked.
-- tests/kernel/udp_sockets.py cmsg prints the same lines on Linux 6.18.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_cmsg")
local show, udp = u.show, u.udp

local function ifindex(node, dev)
  return tonumber(node:sh("ip -o link show " .. dev):match("^(%d+):"))
end

local function showmsg(what, m)
  local flags, c = {}, m.cmsg
  for _, f in ipairs{ "MSG_TRUNC", "MSG_CTRUNC" } do
    if m.flags[f] then flags[#flags + 1] = f end
  end
  local pi = c.IP_PKTINFO
  show(what, m.data, "len=" .. m.len, m.addr .. ":" .. m.port,
       "flags=" .. table.concat(flags, ","), "ttl=" .. tostring(c.IP_TTL),
       "tos=" .. tostring(c.IP_TOS),
       pi and ("pktinfo=" .. (pi.ifindex == ifindex(h2, "eth0") and "eth0" or pi.ifindex)
               .. "," .. pi.spec_dst .. "," .. pi.addr) or "pktinfo=nil")
end

h2:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 7))
  assert(s:setsockopt("IPPROTO_IP", "IP_PKTINFO", 1))
  assert(s:setsockopt("IPPROTO_IP", "IP_RECVTTL", 1))
  assert(s:setsockopt("IPPROTO_IP", "IP_RECVTOS", 1))
  showmsg("recvmsg", s:recvmsg(100))
  showmsg("recvmsg MSG_PEEK 4", s:recvmsg(4, "MSG_PEEK"))
  show("recv 4", s:recv(4))
  showmsg("recvmsg cmsg TTL 5 TOS 0x20", s:recvmsg(100))
  show("recvfrom", s:recvfrom(100))
  showmsg("recvmsg empty datagram", s:recvmsg(100))
  show("recv MSG_DONTWAIT", s:recv(100, "MSG_DONTWAIT"))
  assert(s:setsockopt("IPPROTO_IP", "IP_PKTINFO", 0))
  assert(s:setsockopt("IPPROTO_IP", "IP_RECVTTL", 0))
  showmsg("recvmsg without cmsgs", s:recvmsg(100))
  show("getsockopt IP_RECVTOS", s:getsockopt("IPPROTO_IP", "IP_RECVTOS"))
end, { at = "1s" })

h1:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 4000))
  assert(s:setsockopt("IPPROTO_IP", "IP_TOS", 0x10))
  assert(s:sendto("hello", "10.0.2.2", 7))
  assert(s:sendto("0123456789", "10.0.2.2", 7))
  assert(s:sendmsg{ data = "ttl5", addr = "10.0.2.2", port = 7,
                    cmsg = { IP_TTL = 5, IP_TOS = 0x20 } })
  assert(s:setsockopt("IPPROTO_IP", "IP_TOS", 0))
  assert(s:sendto("plain", "10.0.2.2", 7))
  assert(s:sendto("", "10.0.2.2", 7))
  skbsim.sleep("100ms")
  assert(s:sendto("last", "10.0.2.2", 7))
end, { at = "2s" })
net:run("3s")
print(h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
