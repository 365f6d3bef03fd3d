-- A UDP echo server in Lua on h2 and 1,000 client processes on h1, one
-- every 100 us: each sends "hello N" from its own ephemeral port, waits
-- for the echo with SO_RCVTIMEO 1 s and checks it.  The server never
-- returns (it blocks in recvfrom when the run ends, which must not hold
-- the run up); the clients' sockets close when they return.  Run twice
-- by run.sh: the same output (ports included) both times.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_echo_1000")
local show, udp = u.show, u.udp

local N = 1000
local ok, bad, ports = 0, 0, {}
local served = 0

h2:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 7))
  while true do
    local data, addr, port = assert(s:recvfrom(1500))
    assert(s:sendto(data, addr, port))
    served = served + 1
  end
end, { at = "0.5s", name = "echod" })

for i = 1, N do
  h1:spawn(function()
    local s = udp()
    assert(s:setsockopt("SOL_SOCKET", "SO_RCVTIMEO", 1))
    local msg = "hello " .. i
    assert(s:sendto(msg, "10.0.2.2", 7))
    local data, addr, port = s:recvfrom(1500)
    if data == msg and addr == "10.0.2.2" and port == 7 then
      ok = ok + 1
    else
      bad = bad + 1
    end
    local _, lport = s:getsockname()
    ports[lport] = true
    s:close()
  end, { at = 1 + i * 100e-6, name = "client" })
end

net:run("3s")
local nports = 0
for _ in pairs(ports) do nports = nports + 1 end
print(string.format("echoes ok %d, bad %d, served %d, distinct client ports %d", ok, bad,
                    served, nports))
print("h1 " .. h1:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
print("h2 " .. h2:sh("cat /proc/net/snmp"):match("Udp: %d[^\n]*"))
io.write(h2:sh("ss -uanp"))
io.write(h1:sh("ss -uan"))
