-- Which socket gets a datagram (__udp4_lib_lookup, compute_score): one
-- bound to the destination address beats wildcards; among equals the one
-- bound last (the kernel adds to the head of the chain); a connected socket
-- only hears its peer; a socket bound to a device beats an unbound one; a
-- broadcast reaches every socket bound to the port and a wildcard or the
-- broadcast address (__udp4_lib_mcast_deliver), IgnoredMulti when none.
-- tests/kernel/udp_sockets.py deliver prints the same lines on Linux 6.18.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_deliver")
local show, udp = u.show, u.udp

h2:spawn(function()
  local function mk(addr, after)
    local s = udp()
    assert(s:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1))
    assert(s:bind(addr, 7))
    if after then after(s) end
    return s
  end
  local a = mk("0.0.0.0")
  local b = mk("0.0.0.0")
  local c = mk("10.0.2.2")
  local d = mk("0.0.0.0", function(s) assert(s:connect("10.0.1.2", 5555)) end)
  local e = udp()
  assert(e:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1))
  assert(e:bind("0.0.0.0", 8))
  local f = udp()
  assert(f:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1))
  assert(f:setsockopt("SOL_SOCKET", "SO_BINDTODEVICE", "eth0"))
  assert(f:bind("0.0.0.0", 8))
  local g = udp()
  assert(g:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1))
  assert(g:bind("0.0.0.0", 8))
  local h, i = udp(), udp()
  for _, x in ipairs{ h, i } do
    assert(x:setsockopt("SOL_SOCKET", "SO_REUSEADDR", 1))
    assert(x:bind("0.0.0.0", 10))
  end
  local order = { "a", "b", "c", "d", "e", "f", "g", "h", "i" }
  local socks = { a = a, b = b, c = c, d = d, e = e, f = f, g = g, h = h, i = i }
  skbsim.sleep("2s")
  for _, n in ipairs(order) do
    while true do
      local data = socks[n]:recv(100, "MSG_DONTWAIT")
      if not data then break end
      print(n .. " got " .. data)
    end
  end
end, { at = "0.5s", name = "rx" })

h1:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 5555))
  assert(s:sendto("unicast to 10.0.2.2:7", "10.0.2.2", 7))
  assert(s:sendto("unicast to 10.0.2.2:8", "10.0.2.2", 8))
  assert(s:sendto("unicast to 10.0.2.2:10", "10.0.2.2", 10))
  local t = udp()
  assert(t:bind("0.0.0.0", 5556))
  assert(t:sendto("from port 5556 to 7", "10.0.2.2", 7))
end, { at = "1s" })

r1:spawn(function()
  local s = udp()
  assert(s:setsockopt("SOL_SOCKET", "SO_BROADCAST", 1))
  assert(s:sendto("broadcast to 7", "10.0.2.255", 7))
  assert(s:sendto("broadcast to 9", "10.0.2.255", 9))
end, { at = "1.5s" })
net:run("3s")
print(h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
