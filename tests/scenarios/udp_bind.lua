-- UDP bind semantics (inet_bind, udp_v4_get_port): EADDRINUSE and the
-- SO_REUSEADDR / SO_REUSEPORT rules, EINVAL for a second bind,
-- EADDRNOTAVAIL for an address not ours unless IP_FREEBIND or
-- net.ipv4.ip_nonlocal_bind, binding a broadcast address (allowed) and
-- sending to it (EACCES without SO_BROADCAST), ephemeral ports from
-- ip_local_port_range until it runs out, and socket()'s own errors.
-- The same steps run on Linux 6.18 by tests/kernel/udp_sockets.py bind
-- print the same lines, but for the last counter of h1's Udp: line:
-- Linux loops a broadcast it sends back to itself (ip_mc_output), where
-- no socket has port 9 (IgnoredMulti 1); skbsim does not loop
-- broadcasts back yet (IgnoredMulti 0).
local net = skbsim.network{ name = "udp_bind" }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1)
h1:sh[[
ip link set lo up
ip link set eth0 up
ip addr add 10.0.1.2/24 dev eth0
ip route add default via 10.0.1.1
]]
r1:sh[[
ip link set eth0 up
ip addr add 10.0.1.1/24 dev eth0
]]

local function show(what, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(what .. ": " .. table.concat(t, " ", 1, t.n))
end

local function udp()
  return assert(skbsim.socket("inet", "dgram"))
end

h1:spawn(function()
  local a, b = udp(), udp()
  show("bind 0.0.0.0:5000", a:bind("0.0.0.0", 5000))
  show("bind 0.0.0.0:5000 again", b:bind("0.0.0.0", 5000))
  show("bind 10.0.1.2:5000 under the wildcard", b:bind("10.0.1.2", 5000))
  show("second bind of a bound socket", a:bind("0.0.0.0", 5009))
  local c, d = udp(), udp()
  show("bind 127.0.0.1:5001", c:bind("127.0.0.1", 5001))
  show("bind 10.0.1.2:5001", d:bind("10.0.1.2", 5001))
  local e = udp()
  show("bind 0.0.0.0:5001 over both", e:bind("0.0.0.0", 5001))

  local r1s, r2s, r3s = udp(), udp(), udp()
  r1s:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1)
  r2s:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1)
  show("SO_REUSEADDR first", r1s:bind("0.0.0.0", 5002))
  show("SO_REUSEADDR second", r2s:bind("0.0.0.0", 5002))
  show("without SO_REUSEADDR", r3s:bind("0.0.0.0", 5002))
  local p1, p2, p3 = udp(), udp(), udp()
  p1:setsockopt("SOL_SOCKET", "SO_REUSEPORT", 1)
  p2:setsockopt("SOL_SOCKET", "SO_REUSEPORT", true)
  show("SO_REUSEPORT first", p1:bind("10.0.1.2", 5003))
  show("SO_REUSEPORT second", p2:bind("10.0.1.2", 5003))
  show("without SO_REUSEPORT", p3:bind("10.0.1.2", 5003))
  show("getsockopt SO_REUSEPORT", p2:getsockopt("SOL_SOCKET", "SO_REUSEPORT"))

  local f = udp()
  show("bind 10.9.9.9 (not ours)", f:bind("10.9.9.9", 5004))
  f:setsockopt("IPPROTO_IP", "IP_FREEBIND", 1)
  show("bind 10.9.9.9 with IP_FREEBIND", f:bind("10.9.9.9", 5004))
  h1:sh("sysctl -q -w net.ipv4.ip_nonlocal_bind=1")
  local g = udp()
  show("bind 10.9.9.10 with ip_nonlocal_bind", g:bind("10.9.9.10", 5004))
  h1:sh("sysctl -q -w net.ipv4.ip_nonlocal_bind=0")

  local bc = udp()
  show("bind the broadcast 10.0.1.255", bc:bind("10.0.1.255", 5005))
  local s = udp()
  show("sendto 10.0.1.255 without SO_BROADCAST", s:sendto("x", "10.0.1.255", 9))
  show("connect 10.0.1.255 without SO_BROADCAST", s:connect("10.0.1.255", 9))
  s:setsockopt("SOL_SOCKET", "SO_BROADCAST", 1)
  show("sendto 10.0.1.255 with SO_BROADCAST", s:sendto("x", "10.0.1.255", 9))

  h1:sh("sysctl -q -w net.ipv4.ip_local_port_range='40000 40009'")
  local inrange, ports = 0, {}
  for i = 1, 10 do
    local t = udp()
    assert(t:bind("0.0.0.0", 0))
    local _, port = t:getsockname()
    if port >= 40000 and port <= 40009 and not ports[port] then inrange = inrange + 1 end
    ports[port] = true
  end
  show("ephemeral ports in 40000-40009", inrange)
  show("the eleventh port 0 bind", udp():bind("0.0.0.0", 0))
  show("sendto from an unbound socket with the range used up",
       udp():sendto("x", "10.0.1.1", 9))

  show("socket(9999, dgram)", skbsim.socket(9999, "dgram"))
  show("socket(inet, dgram, tcp)", skbsim.socket("inet", "dgram", "tcp"))
  show("socket(inet, 99)", skbsim.socket("inet", 99))
  show("setsockopt SOL_SOCKET 9999", s:setsockopt("SOL_SOCKET", 9999, 1))
  show("setsockopt IPPROTO_IP 9999", s:setsockopt("IPPROTO_IP", 9999, 1))
  show("setsockopt SO_BINDTODEVICE eth7", s:setsockopt("SOL_SOCKET", "SO_BINDTODEVICE", "eth7"))
  show("setsockopt IP_TTL 0", s:setsockopt("IPPROTO_IP", "IP_TTL", 0))
  show("setsockopt IP_TTL 256", s:setsockopt("IPPROTO_IP", "IP_TTL", 256))
  show("getsockopt SO_TYPE", s:getsockopt("SOL_SOCKET", "SO_TYPE"))
  show("getsockopt IP_TTL", s:getsockopt("IPPROTO_IP", "IP_TTL"))
  show("getsockopt IP_MTU unconnected", s:getsockopt("IPPROTO_IP", "IP_MTU"))
  show("close", s:close())
  show("close again", s:close())
end)
net:run("1s")
print(h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print(r1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
