-- ICMP "ping" sockets (models/ipv4/ping.c): socket(AF_INET, SOCK_DGRAM,
-- IPPROTO_ICMP) is EACCES while the process's group (0 here: processes run
-- as root) is outside net.ipv4.ping_group_range, "1 0" by default; after
-- `sysctl -w net.ipv4.ping_group_range="0 0"` it works.  The user writes an
-- echo request (EINVAL for another type or code, or less than 8 bytes);
-- the kernel puts the socket's identifier (its "port": bound, or the next
-- free one) and the checksum in; replies carrying the identifier come back
-- as ICMP header and data.  EADDRINUSE for a taken identifier,
-- EADDRNOTAVAIL for a foreign address; errors quoting our echo requests
-- reach the error queue with IP_RECVERR.  A range written high-before-low
-- reads back "1 0"; a negative gid is EINVAL.  tests/kernel/raw_sockets.py
-- ping prints the same lines on Linux 6.18.
local net = skbsim.network{ name = "ping_socket" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1)
net:link(r1, h2)
h1:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.1.2/24 dev eth0
ip route add default via 10.0.1.1
]]
r1:sh[[
ip link set eth0 up
ip link set eth1 up
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
]]
h2:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.2/24 dev eth0
ip route add default via 10.0.2.1
]]

local function show(what, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(what .. ": " .. table.concat(t, " ", 1, t.n))
end

local function csum(s)
  if #s % 2 == 1 then s = s .. "\0" end
  local sum = 0
  for i = 1, #s, 2 do sum = sum + string.unpack(">I2", s, i) end
  while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
  return ~sum & 0xffff
end

local function echo(id, seq, data)
  local h = string.pack(">BBI2I2I2", 8, 0, 0, id, seq) .. data
  return string.pack(">BBI2I2I2", 8, 0, csum(h), id, seq) .. data
end

local function errq(what, s)
  local m, msg, e = s:recvmsg(200, "MSG_ERRQUEUE")
  if not m then return show(what, m, msg, e) end
  local x = m.cmsg.IP_RECVERR
  show(what, "len=" .. m.len, tostring(m.addr) .. ":" .. tostring(m.port), x.errno,
       "origin=" .. x.ee_origin, "type=" .. x.ee_type, "code=" .. x.ee_code,
       "offender=" .. tostring(x.offender))
end

local function cat()
  return (h1:sh("cat /proc/sys/net/ipv4/ping_group_range"):gsub("\n$", ""))
end

local function sysctl(v)
  local out, status, err = h1:sh("sysctl -w net.ipv4.ping_group_range='" .. v .. "'",
                                 { check = false })
  return (out .. err):gsub("\n$", "")
end

h1:spawn(function()
  print("cat ping_group_range: " .. cat())
  show("socket dgram icmp", skbsim.socket("inet", "dgram", "icmp"))
  h1:sh("sysctl -q -w net.ipv4.ping_group_range='0 0'")
  print("cat ping_group_range: " .. cat())
  local s = assert(skbsim.socket("inet", "dgram", "icmp"))
  show("getsockname", s:getsockname())
  show("sendto echo", s:sendto(echo(999, 1, "abcdefgh"), "10.0.2.2"))
  local _, ident = s:getsockname()
  print("getsockname port is the id: " .. (ident ~= 0 and "True" or "False"))
  local function reply(d, from, port)
    if not d then return tostring(d) .. " " .. tostring(from) .. " " .. tostring(port) end
    local t, c, _, i, q = string.unpack(">BBI2I2I2", d)
    return string.format("len=%d icmp=%d/%d id_ok=%s seq=%d data=%s from %s %s", #d, t, c,
                         i == ident and "True" or "False", q, d:sub(9), from, port)
  end
  show("recvfrom", reply(s:recvfrom(200)))
  show("sendto timestamp type", s:sendto(string.pack(">BBI2I2I2", 13, 0, 0, 0, 1) ..
                                         string.rep("\0", 12), "10.0.2.2"))
  show("sendto 4 bytes", s:sendto("\x08\0\0\0", "10.0.2.2"))
  show("sendto code 1", s:sendto(string.pack(">BBI2I2I2", 8, 1, 0, 0, 1), "10.0.2.2"))
  show("send unconnected", s:send(echo(0, 1, "")))
  local b = assert(skbsim.socket("inet", "dgram", "icmp"))
  show("bind 4242", b:bind("0.0.0.0", 4242))
  show("getsockname", b:getsockname())
  local c = assert(skbsim.socket("inet", "dgram", "icmp"))
  show("bind 4242 again", c:bind("0.0.0.0", 4242))
  show("bind 10.9.9.9", c:bind("10.9.9.9", 0))
  show("bind 10.0.1.2", c:bind("10.0.1.2", 0))
  show("bind twice", c:bind("10.0.1.2", 0))
  show("getsockopt SO_REUSEADDR", c:getsockopt("SOL_SOCKET", "SO_REUSEADDR"))
  c:close()
  show("setsockopt IP_RECVERR", b:setsockopt("SOL_IP", "IP_RECVERR", 1))
  show("sendmsg ttl 1", b:sendmsg{ data = echo(0, 7, "12345678"), addr = "10.0.2.2",
                                   cmsg = { IP_TTL = 1 } })
  skbsim.sleep("200ms")
  show("recv sk_err", b:recv(200, "MSG_DONTWAIT"))
  errq("recvmsg MSG_ERRQUEUE", b)
  show("connect", b:connect("10.0.2.2"))
  show("getpeername", b:getpeername())
  show("send", b:send(echo(0, 8, "12345678")))
  local d = b:recv(200)
  local t, cd, _, i, q = string.unpack(">BBI2I2I2", d)
  show("recv", string.format("len=%d icmp=%d/%d id=%d seq=%d", #d, t, cd, i, q))
  print(h1:sh("cat /proc/net/snmp"):match("Icmp: %d[^\n]*"))
  io.write(h1:sh("cat /proc/net/icmp"))
  print("sysctl 10 5: " .. sysctl("10 5"))
  print("cat ping_group_range: " .. cat())
  print("sysctl -1 0: " .. sysctl("-1 0"))
  show("socket dgram icmp", skbsim.socket("inet", "dgram", "icmp"))
end, { at = "1s", name = "ping" })

net:capture()
net:run("4s")
