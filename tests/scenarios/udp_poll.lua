-- Waiting in simulated time: skbsim.poll over three sockets wakes when a
-- datagram arrives on one of them (the socket's wait queue) or when its
-- timeout passes; SO_RCVTIMEO ends a blocking recv with EAGAIN after
-- exactly its time; a blocked send waits for SO_SNDBUF room; a process
-- killed while blocked in recv has its socket closed (ss no longer lists
-- it).  The times printed are simulated (skbsim.now()).
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_poll", { rate = "1Mbit" })
local show, udp = u.show, u.udp

local function t() return string.format("%.6f", skbsim.now() / 1e9) end

h2:spawn(function()
  local socks = {}
  for i, port in ipairs{ 7, 8, 9 } do
    socks[i] = udp()
    assert(socks[i]:bind("0.0.0.0", port))
  end
  local list = { { socks[1], "in" }, { socks[2], "in" }, { socks[3], { "in", "out" } } }
  show(t() .. " poll in+out", skbsim.poll(list, 0), tostring(list[3].revents.out))
  list[3][2] = "in"
  for round = 1, 4 do
    local n = skbsim.poll(list, "1s")
    local ready = {}
    for i, e in ipairs(list) do
      if e.revents and e.revents["in"] then
        ready[#ready + 1] = i .. ":" .. e[1]:recv(100)
      end
    end
    show(t() .. " poll round " .. round, n, table.concat(ready, " "))
  end
  assert(socks[1]:setsockopt("SOL_SOCKET", "SO_RCVTIMEO", "300ms"))
  show(t() .. " SO_RCVTIMEO", socks[1]:getsockopt("SOL_SOCKET", "SO_RCVTIMEO"))
  local r = table.pack(socks[1]:recv(100))
  show(t() .. " recv", table.unpack(r, 1, r.n))
  r = table.pack(socks[1]:recv(100, "MSG_DONTWAIT"))
  show(t() .. " recv MSG_DONTWAIT", table.unpack(r, 1, r.n))
end, { at = "1s", name = "poller" })

h1:spawn(function()
  local s = udp()
  skbsim.sleep("200ms")
  s:sendto("eight", "10.0.2.2", 8)
  skbsim.sleep("200ms")
  s:sendto("nine", "10.0.2.2", 9)
  s:sendto("seven", "10.0.2.2", 7)
end, { at = "1s" })

h1:spawn(function()
  -- SO_SNDBUF 4608 (the minimum) on a 1 Mbit/s path: sends wait for room
  local s = udp()
  assert(s:setsockopt("SOL_SOCKET", "SO_SNDBUF", 1))
  local t0 = skbsim.now()
  for i = 1, 10 do assert(s:sendto(string.rep("x", 1000), "10.0.2.2", 5)) end
  show(t() .. " 10 sends of 1000 bytes took", (skbsim.now() - t0) // 1000000 .. " ms")
  local r = table.pack(s:sendto(string.rep("x", 1000), "10.0.2.2", 5, "MSG_DONTWAIT"))
  show(t() .. " MSG_DONTWAIT right after", table.unpack(r, 1, r.n))
end, { at = "5s", name = "sender" })
local victim = h2:spawn(function()
  local s = udp()
  assert(s:bind("0.0.0.0", 11))
  s:recv(100)                   -- blocks until killed
  print("not reached")
end, { at = "3s", name = "victim" })
net:at("3.5s", function()
  io.write(h2:sh("ss -uanp"))
  h2:kill(victim, "TERM")
end)
net:at("3.6s", function()
  io.write(h2:sh("ss -uanp"))
end)
net:run("8s")
