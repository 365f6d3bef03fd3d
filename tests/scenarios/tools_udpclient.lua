-- udpclient and udpserver (models/apps/udpclient.c), the two ends of the
-- ns-3 peer workload `chain`: ns-3's UdpClient and UdpServer.  h1 sends 5
-- datagrams 10 us apart to a Lua reader on h2, which decodes the 12-byte
-- header (sequence from 0, send time in ns) that the capture shows too;
-- then 4 datagrams to udpserver, which reads them all (Udp.InDatagrams,
-- no RcvbufErrors); then the usage errors and exit statuses.
local net = skbsim.network{ name = "tools_udpclient" }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { rate = "1Gbit", delay = "1us" })
h1:sh[[
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
  ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0 nud permanent
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]
net:capture()

h2:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:bind("0.0.0.0", 7000))
  for _ = 1, 5 do
    local data = assert(s:recv(2048))
    local seq, ts = string.unpack(">I4I8", data)
    print(string.format("t=%d len=%d seq=%d ts=%d zeros=%s", skbsim.now(), #data, seq, ts,
      tostring(data:sub(13) == string.rep("\0", #data - 12))))
  end
end, { name = "reader" })
h1:spawn("udpclient -c 5 -i 10us -l 100 -p 7000 10.0.0.2", { at = "1ms" })

h2:spawn("udpserver -p 9", { at = "2ms" })
h1:spawn("udpclient -c 4 -i 1ms -l 1000 10.0.0.2", { at = "3ms" })

-- usage errors
h2:spawn("udpserver -p 9", { at = "20ms" })
h2:spawn("udpserver -p 0", { at = "20ms" })
h1:spawn("udpclient -c 0 10.0.0.2", { at = "20ms" })
h1:spawn("udpclient -l 11 10.0.0.2", { at = "20ms" })
h1:spawn("udpclient -i 0 10.0.0.2", { at = "20ms" })
h1:spawn("udpclient h2", { at = "20ms" })
h1:spawn("udpclient", { at = "20ms" })
net:run("30ms")

for _, n in ipairs({ h1, h2 }) do
  for _, p in ipairs(n:ps()) do
    print(n.name, p.cmd, p.state, p.status)
  end
end
print("h1 Udp.OutDatagrams", h1:counter("Udp.OutDatagrams"))
print("h2 Udp.InDatagrams", h2:counter("Udp.InDatagrams"))
print("h2 Udp.RcvbufErrors", h2:counter("Udp.RcvbufErrors"))
