-- Processes: Lua coroutines and built-in programs, start times, exit
-- statuses, kill before and after start, print routing, pids per node.
local net = skbsim.network{ name = "processes" }
local h1, h2 = net:host("h1"), net:host("h2")

local a = h1:spawn(function()
  print("a starts")
  skbsim.sleep(1)
  print("a after 1s")
  return 3
end, { name = "a" })
local b = h1:spawn(function() print("b runs and fails softly"); return false end,
                   { name = "b", at = "250ms" })
local c = h1:spawn(function() skbsim.sleep(10); print("never") end, { name = "c" })
local d = h1:spawn("sleep 5", { at = "2s" })          -- killed before it starts
local e = h2:spawn("sleep 0.5")
local f = h2:spawn("sleep 1m")                        -- killed while sleeping
local g = h2:spawn(function()                         -- prints a partial line
  io.write("")                                        -- (io.write is not routed)
  print("partial", 1, true, nil)
end, { name = "g" })

net:at("1.5s", function()
  assert(h1:kill(c, "TERM"))
  assert(h1:kill(d, "KILL"))
  assert(h2:kill(f, "SIGINT"))
  local ok, msg, errno = h1:kill(c)
  print("second kill:", ok, msg, errno)
end)
net:run("3s")

for _, node in ipairs(net:nodes()) do
  for _, p in ipairs(node:ps()) do
    print(node.name, p.pid, p.cmd, p.state, p.status, p.signal, p.start, p.finish)
  end
end
print("pids", a, b, c, d, e, f, g)
