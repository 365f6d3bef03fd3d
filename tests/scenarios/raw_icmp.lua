-- Raw IPv4 sockets (models/ipv4/raw.c): socket(AF_INET, SOCK_RAW, proto)
-- gets a copy of every matching datagram with its IP header (raw delivery
-- before the protocol handler), ICMP_FILTER (SOL_RAW) drops the types it
-- blocks, IP_RECVERR queues the ICMP errors quoting what we sent (raw_err:
-- time exceeded EHOSTUNREACH, protocol unreachable ENOPROTOOPT) and sets
-- sk_err, IP_HDRINCL (and IPPROTO_RAW, which implies it) sends our own
-- header with tot_len, id, source and checksum filled in, and refuses a
-- header shorter than 20 bytes or than its ihl (EINVAL).  A protocol
-- nobody handles is not "unreachable" while a raw socket listens for it.
-- tests/kernel/raw_sockets.py raw prints the same lines on Linux 6.18
-- (minus the time prefix; /proc/net/raw and ss compared for layout).
local net = skbsim.network{ name = "raw_icmp" }
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

-- the Internet checksum of a string
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

local function ip4(s, i)
  return string.format("%d.%d.%d.%d", s:byte(i, i + 3))
end

-- what a raw socket read: the IP header, then ICMP
local function ipinfo(d, from, port)
  if not d then return tostring(d) .. " " .. tostring(from) .. " " .. tostring(port) end
  local ihl = (d:byte(1) & 15) * 4
  local s = string.format("len=%d ihl=%d tot_len=%d ttl=%d proto=%d src=%s dst=%s",
                          #d, ihl, string.unpack(">I2", d, 3), d:byte(9), d:byte(10),
                          ip4(d, 13), ip4(d, 17))
  if d:byte(10) == 1 and #d >= ihl + 8 then
    local t, c, _, id, seq = string.unpack(">BBI2I2I2", d, ihl + 1)
    s = s .. string.format(" icmp=%d/%d", t, c)
    if t == 0 or t == 8 then s = s .. string.format(" id=%d seq=%d", id, seq) end
  else
    s = s .. " data=" .. d:sub(ihl + 1)
  end
  return s .. " from " .. tostring(from) .. " " .. tostring(port)
end

local function errq(what, s)
  local m, msg, e = s:recvmsg(200, "MSG_ERRQUEUE")
  if not m then return show(what, m, msg, e) end
  local x = m.cmsg.IP_RECVERR
  show(what, "len=" .. m.len, tostring(m.addr) .. ":" .. tostring(m.port), x.errno,
       "origin=" .. x.ee_origin, "type=" .. x.ee_type, "code=" .. x.ee_code,
       "offender=" .. tostring(x.offender))
end

h2:spawn(function()
  -- protocol 253 (RFC 3692 experiments): one datagram, then the socket goes
  local s = assert(skbsim.socket("inet", "raw", 253))
  assert(s:setsockopt("SOL_SOCKET", "SO_RCVTIMEO", 3))
  local d, from, port = s:recvfrom(200)
  show("h2 raw 253 recvfrom", ipinfo(d, from, port))
  s:close()
  skbsim.sleep("5s")
end, { at = "1s", name = "h2raw" })

h1:spawn(function()
  show("socket raw ip", skbsim.socket("inet", "raw", "ip"))
  local x = skbsim.socket("inet", "raw", 256)
  show("socket raw 256", x and x:close())
  local s = assert(skbsim.socket("inet", "raw", "icmp"))
  show("getsockopt ICMP_FILTER", s:getsockopt("SOL_RAW", "ICMP_FILTER"))
  show("getsockopt IP_HDRINCL", s:getsockopt("SOL_IP", "IP_HDRINCL"))
  show("sendto echo", s:sendto(echo(0x1234, 1, "raw-ping"), "10.0.2.2"))
  show("recvfrom", ipinfo(s:recvfrom(200)))
  -- block echo replies (type 0)
  show("setsockopt ICMP_FILTER block 0", s:setsockopt("SOL_RAW", "ICMP_FILTER", 1))
  show("sendto echo", s:sendto(echo(0x1234, 2, "raw-ping"), "10.0.2.2"))
  skbsim.sleep("200ms")
  show("recv filtered", s:recv(200, "MSG_DONTWAIT"))
  -- everything blocked but time exceeded (type 11)
  show("setsockopt ICMP_FILTER only 11",
       s:setsockopt("SOL_RAW", "ICMP_FILTER", ~(1 << 11) & 0xffffffff))
  show("getsockopt ICMP_FILTER", s:getsockopt("SOL_RAW", "ICMP_FILTER"))
  show("sendmsg ttl 1", s:sendmsg{ data = echo(0x1234, 3, "raw-ping"), addr = "10.0.2.2",
                                    cmsg = { IP_TTL = 1 } })
  show("recvfrom", ipinfo(s:recvfrom(200)))
  -- errors: without IP_RECVERR an unconnected socket hears nothing more
  show("setsockopt IP_RECVERR", s:setsockopt("SOL_IP", "IP_RECVERR", 1))
  show("sendmsg ttl 1", s:sendmsg{ data = echo(0x1234, 4, "raw-ping"), addr = "10.0.2.2",
                                    cmsg = { IP_TTL = 1 } })
  skbsim.sleep("200ms")
  show("recv sk_err", s:recv(200, "MSG_DONTWAIT"))
  errq("recvmsg MSG_ERRQUEUE", s)
  errq("recvmsg MSG_ERRQUEUE empty", s)
  show("recvfrom", ipinfo(s:recvfrom(200, "MSG_DONTWAIT")))
  show("setsockopt ICMP_FILTER 0", s:setsockopt("SOL_RAW", "ICMP_FILTER", 0))

  -- IP_HDRINCL: our header; the kernel fills tot_len 0, id 0, saddr 0, check 0
  local r = assert(skbsim.socket("inet", "raw", "raw"))
  show("IPPROTO_RAW getsockopt IP_HDRINCL", r:getsockopt("SOL_IP", "IP_HDRINCL"))
  local icmp = echo(0x4321, 1, "hdrincl!")
  local hdr = string.pack(">BBI2I2I2BBI2", 0x45, 0, 0, 0, 0, 64, 1, 0) ..
              "\0\0\0\0" .. string.char(10, 0, 2, 2)
  show("sendto hdrincl", r:sendto(hdr .. icmp, "10.0.2.2"))
  show("recvfrom reply", ipinfo(s:recvfrom(200)))
  show("sendto hdrincl 10 bytes", r:sendto(string.rep("\0", 10), "10.0.2.2"))
  show("sendto hdrincl ihl 15 in 24 bytes",
       r:sendto(string.char(0x4f) .. string.rep("\0", 23), "10.0.2.2"))
  show("sendto hdrincl no address", r:send(hdr .. icmp))
  show("setsockopt IP_HDRINCL on icmp", s:setsockopt("SOL_IP", "IP_HDRINCL", 1))
  show("getsockopt IP_HDRINCL", s:getsockopt("SOL_IP", "IP_HDRINCL"))
  show("sendto hdrincl via icmp socket", s:sendto(hdr .. echo(0x4321, 2, "hdrincl!"), "10.0.2.2"))
  show("recvfrom reply", ipinfo(s:recvfrom(200)))
  show("setsockopt IP_HDRINCL off", s:setsockopt("SOL_IP", "IP_HDRINCL", 0))

  -- another protocol: ICMP_FILTER is for ICMP sockets only
  local p = assert(skbsim.socket("inet", "raw", 253))
  show("253 setsockopt ICMP_FILTER", p:setsockopt("SOL_RAW", "ICMP_FILTER", 1))
  show("253 getsockopt ICMP_FILTER", p:getsockopt("SOL_RAW", "ICMP_FILTER"))
  show("253 setsockopt IP_RECVERR", p:setsockopt("SOL_IP", "IP_RECVERR", 1))
  show("253 sendto", p:sendto("hello-253", "10.0.2.2"))
  skbsim.sleep("1s")
  -- h2's socket is gone: protocol unreachable
  show("253 sendto again", p:sendto("hello-253", "10.0.2.2"))
  skbsim.sleep("200ms")
  show("253 recv sk_err", p:recv(200, "MSG_DONTWAIT"))
  errq("253 recvmsg MSG_ERRQUEUE", p)
  show("253 connect", p:connect("10.0.2.2"))
  show("253 getpeername", p:getpeername())
  show("253 getsockname", p:getsockname())
  show("sendto bad family len", s:sendto("x", "10.0.2.2", 0, "MSG_OOB"))
  skbsim.sleep("1s")
end, { at = "1s", name = "raw" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

net:at("3s", function()
  run(h1, "cat /proc/net/raw")
  run(h1, "ss -wanp")
end)
net:capture()
net:run("6s")
print(h1:sh("cat /proc/net/snmp"):match("Icmp: %d[^\n]*"))
print(h2:sh("cat /proc/net/snmp"):match("Icmp: %d[^\n]*"))
