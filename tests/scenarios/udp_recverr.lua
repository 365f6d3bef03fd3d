-- IP_RECVERR: ICMP errors about our datagrams (udp_err -> ip_icmp_error)
-- queue on the socket's error queue, read with MSG_ERRQUEUE: struct
-- sock_extended_err (ee_errno, ee_origin 2 = ICMP, ee_type, ee_code) and
-- the offender (who sent the ICMP error), the original destination as the
-- address, what the error quoted of our payload as data.  With IP_RECVERR
-- an unconnected socket gets sk_err too (the next recv fails once), and
-- poll reports POLLERR.  Port unreachable comes from h2 (nothing on port
-- 9), time exceeded from r1 (IP_TTL 1).  tests/kernel/udp_sockets.py
-- recverr prints the same lines on Linux 6.18.  h1's capture shows the
-- datagrams and the ICMP errors as Wireshark decodes them (checksums
-- validated with -o udp.check_checksum:TRUE by hand: all good).
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_recverr")
local show, udp = u.show, u.udp

local function showerr(what, m, ...)
  if not m then return show(what, m, ...) end
  local e = m.cmsg.IP_RECVERR
  local flags = {}
  for _, f in ipairs{ "MSG_TRUNC", "MSG_ERRQUEUE" } do
    if m.flags[f] then flags[#flags + 1] = f end
  end
  show(what, m.data, "len=" .. m.len, m.addr .. ":" .. m.port,
       "flags=" .. table.concat(flags, ","), e.errno, "ee_errno=" .. e.ee_errno,
       "origin=" .. e.ee_origin, "type=" .. e.ee_type, "code=" .. e.ee_code,
       "info=" .. e.ee_info, "data=" .. e.ee_data, "offender=" .. tostring(e.offender))
end

local function pollerr(s)
  local list = { { s, "in" } }
  local n = skbsim.poll(list, 0)
  local r = list[1].revents or {}
  return n, r["in"] and "in" or "-", r.err and "err" or "-"
end

net:capture()
h1:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 40400))
  assert(s:setsockopt("IPPROTO_IP", "IP_RECVERR", 1))
  show("getsockopt IP_RECVERR", s:getsockopt("IPPROTO_IP", "IP_RECVERR"))
  show("sendto 10.0.2.2:9", s:sendto("probe-1", "10.0.2.2", 9))
  skbsim.sleep("200ms")
  show("poll", pollerr(s))
  show("recv", s:recv(100, "MSG_DONTWAIT"))
  showerr("recvmsg MSG_ERRQUEUE", s:recvmsg(100, "MSG_ERRQUEUE"))
  showerr("recvmsg MSG_ERRQUEUE empty", s:recvmsg(100, "MSG_ERRQUEUE"))
  show("poll", pollerr(s))
  show("sendmsg TTL 1", s:sendmsg{ data = "probe-2", addr = "10.0.2.2", port = 9,
                                   cmsg = { IP_TTL = 1 } })
  skbsim.sleep("200ms")
  showerr("recvmsg MSG_ERRQUEUE 3 bytes", s:recvmsg(3, "MSG_ERRQUEUE"))
  show("getsockopt SO_ERROR", s:getsockopt("SOL_SOCKET", "SO_ERROR"))
  show("sendto a", s:sendto("a", "10.0.2.2", 9))
  skbsim.sleep("50ms")
  show("sendto b", s:sendto("b", "10.0.2.2", 9))
  show("sendto c", s:sendto("c", "10.0.2.2", 9))
  skbsim.sleep("200ms")
  showerr("first", s:recvmsg(100, "MSG_ERRQUEUE"))
  show("getsockopt SO_ERROR", s:getsockopt("SOL_SOCKET", "SO_ERROR"))
  showerr("second", s:recvmsg(100, "MSG_ERRQUEUE"))
  show("getsockopt SO_ERROR", s:getsockopt("SOL_SOCKET", "SO_ERROR"))
  show("sendto 10.0.2.2:9", s:sendto("d", "10.0.2.2", 9))
  skbsim.sleep("200ms")
  assert(s:setsockopt("IPPROTO_IP", "IP_RECVERR", 0))
  showerr("after IP_RECVERR off", s:recvmsg(100, "MSG_ERRQUEUE"))
end, { at = "1s" })
net:run("3s")
print(h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(h1:sh("cat /proc/net/snmp"):match("Icmp: %d[^\n]*"))
