-- Packet sockets (models/packet/af_packet.c): socket(AF_PACKET, SOCK_RAW,
-- htons(ETH_P_ALL)) bound to eth0 sees what the device receives and what
-- it sends (dev_queue_xmit_nit: pkttype "outgoing", as tcpdump sees), whole
-- frames; a SOCK_DGRAM socket for ETH_P_IP gets the packets without their
-- link header.  PACKET_ADD_MEMBERSHIP PACKET_MR_PROMISC counts in the
-- device's promiscuity (ip -d link; `ip link` flags show only what was
-- asked with `ip link set promisc on`, as on Linux), the same membership
-- twice counts once per socket, and closing the socket gives it back.
-- Sending: SOCK_DGRAM builds the Ethernet header to sll_addr, SOCK_RAW
-- sends the frame as given (a socket never sees its own frames), EINVAL
-- for less than a link header.  PACKET_STATISTICS reads and resets.
-- tests/kernel/raw_sockets.py packet prints the same lines on Linux 6.18
-- (MAC addresses compared as own/peer; /proc/net/packet and ss -0 for
-- layout).
local net = skbsim.network{ name = "packet_socket" }
local h1, h2 = net:host("h1"), net:host("h2")
-- veth, as the kernel test uses: no padding of short frames (a NIC pads to 60)
net:link(h1, h2, { kind = "veth" })
h1:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
]]
h2:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
]]

local function show(what, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(what .. ": " .. table.concat(t, " ", 1, t.n))
end

local function run(node, cmd)
  local out = node:sh(cmd, { check = false })
  io.write(out)
end

h2:spawn(function()
  local s = assert(skbsim.socket("packet", "dgram", 0x88b5))
  assert(s:bind{ ifname = "eth0" })
  assert(s:setsockopt("SOL_SOCKET", "SO_RCVTIMEO", 3))
  for _ = 1, 2 do
    local d, a = s:recvfrom(200)
    if not d then return show("h2 recvfrom", d, a) end
    show("h2 recvfrom", string.format("%s proto=0x%04x pkttype=%d hatype=%d halen=%d", d,
         a.protocol, a.pkttype == "host" and 0 or a.pkttype == "broadcast" and 1 or -1,
         a.hatype, #a.addr // 3 + 1))
  end
end, { at = "1s", name = "h2pkt" })

h1:spawn(function()
  show("socket packet stream", skbsim.socket("packet", "stream", 0))
  local s = assert(skbsim.socket("packet", "raw", "all"))
  show("bind eth0", s:bind{ ifname = "eth0" })
  local name = s:getsockname()
  local own = name.addr
  show("getsockname", string.format("ifname=%s protocol=%d hatype=%d own=%s", name.ifname,
       name.protocol, name.hatype, own and "True" or "False"))
  local d = assert(skbsim.socket("packet", "dgram", "ip"))
  local u = assert(skbsim.socket("inet", "dgram"))
  u:sendto("to-port-9", "10.0.0.2", 9)
  skbsim.sleep("300ms")
  local peer
  while true do
    local f, a = s:recvfrom(2000, "MSG_DONTWAIT")
    if not f then break end
    if a.addr ~= own then peer = a.addr end
    show("all", string.format("len=%d proto=0x%04x pkttype=%s ifname=%s src_is_own=%s", #f,
         a.protocol, a.pkttype, a.ifname, a.addr == own and "True" or "False"))
  end
  while true do
    local f, a = d:recvfrom(2000, "MSG_DONTWAIT")
    if not f then break end
    show("dgram ip", string.format("len=%d first=0x%x pkttype=%s", #f, f:byte(1), a.pkttype))
  end
  local mreq = { ifname = "eth0", type = "PACKET_MR_PROMISC" }
  local function promisc() io.write(h1:sh("ip -d link show eth0"):match("promiscuity %d+"), "\n") end
  show("PACKET_ADD_MEMBERSHIP promisc", s:setsockopt("SOL_PACKET", "PACKET_ADD_MEMBERSHIP", mreq))
  show("PACKET_ADD_MEMBERSHIP promisc again",
       s:setsockopt("SOL_PACKET", "PACKET_ADD_MEMBERSHIP", mreq))
  promisc()
  show("PACKET_DROP_MEMBERSHIP", s:setsockopt("SOL_PACKET", "PACKET_DROP_MEMBERSHIP", mreq))
  promisc()
  show("PACKET_DROP_MEMBERSHIP", s:setsockopt("SOL_PACKET", "PACKET_DROP_MEMBERSHIP", mreq))
  promisc()
  show("PACKET_DROP_MEMBERSHIP none", s:setsockopt("SOL_PACKET", "PACKET_DROP_MEMBERSHIP", mreq))
  local p = assert(skbsim.socket("packet", "raw", 0))
  show("PACKET_ADD_MEMBERSHIP other socket",
       p:setsockopt("SOL_PACKET", "PACKET_ADD_MEMBERSHIP", mreq))
  promisc()
  io.write(h1:sh("ip link show eth0"):match("<[^>]*>"), "\n")
  p:close()
  promisc()
  local g = assert(skbsim.socket("packet", "dgram", 0))
  show("dgram sendto peer", g:sendto("hello-dgram", { ifname = "eth0", protocol = 0x88b5,
                                                       addr = peer }))
  local mac = own:gsub("(%x%x):?", function(x) return string.char(tonumber(x, 16)) end)
  local frame = string.rep("\xff", 6) .. mac .. "\x88\xb5" .. "hello-raw"
  show("raw send broadcast", s:send(frame))
  show("raw sendto 5 bytes", s:sendto("12345", { ifname = "eth0" }))
  show("dgram sendto lo", g:sendto("x", { ifname = "lo", protocol = 0x88b5 }))
  skbsim.sleep("300ms")
  while true do
    local f, a = s:recvfrom(2000, "MSG_DONTWAIT")
    if not f then break end
    show("all", string.format("len=%d proto=0x%04x pkttype=%s ifname=%s", #f, a.protocol,
         a.pkttype, a.ifname))
  end
  local st = s:getsockopt("SOL_PACKET", "PACKET_STATISTICS")
  show("PACKET_STATISTICS", string.format("tp_packets=%d tp_drops=%d", st.tp_packets, st.tp_drops))
  st = s:getsockopt("SOL_PACKET", "PACKET_STATISTICS")
  show("PACKET_STATISTICS", string.format("tp_packets=%d tp_drops=%d", st.tp_packets, st.tp_drops))
  -- what only skbsim can ask for: no such interface or index
  show("bind ifname nope", s:bind{ ifname = "nope" })
  show("bind ifindex 99", s:bind{ ifindex = 99 })
  show("sendto ifindex 99", g:sendto("x", { ifindex = 99, protocol = 0x88b5 }))
  show("connect", s:connect{ ifname = "eth0" })
  show("getpeername", s:getpeername())
  run(h1, "cat /proc/net/packet")
  run(h1, "ss -0anp")
end, { at = "1s", name = "pkt" })

net:capture()
net:run("5s")
