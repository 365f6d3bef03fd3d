-- topologies/examples/hello.lua - the engine without a network yet:
-- nodes, a timer callback, processes (a built-in program and a Lua
-- coroutine), configuration through `sh`, and metrics.
--
--   skbsim run topologies/examples/hello.lua [--seed N] [count=5]
--
-- Outputs: out/hello/metrics.db (run, nodes, processes, process output,
-- counters sampled every 250 ms).

local net = skbsim.network{ name = "hello", seed = 1 }
local h1 = net:host("h1")
local r1 = net:router("r1", { cpus = 2 })
local count = tonumber(skbsim.args.count or "3")

-- configuration runs instantly, like commands typed at a root prompt
h1:sh[[
  # the UTS name is per node, as in a network namespace
  hostname web1
  sysctl -w kernel.domainname=example.net
]]
local function chomp(s) return (s:gsub("\n$", "")) end
print("h1 is " .. chomp(h1:sh("hostname")) .. "." .. chomp(h1:sh("sysctl -n kernel.domainname")))

net:metrics{ interval = "250ms" }

-- a built-in program, started at t = 0.5 s
r1:spawn("sleep 1.5", { at = "500ms" })

-- a Lua process: sleeps in simulated time, prints with its own prefix
h1:spawn(function()
  for i = 1, count do
    print(("tick %d of %d, uptime %s"):format(i, count, h1:sh("cat /proc/uptime"):match("^%S+")))
    skbsim.sleep("400ms")
  end
  return 0
end, { name = "ticker" })

-- a callback at an absolute time
net:at("1s", function()
  print(("at t=%.3f s: %d processes on r1"):format(net:now() / 1e9, #r1:ps()))
end)

net:run("3s")

for _, p in ipairs(r1:ps()) do
  print(("r1 pid %d '%s' %s with status %d at t=%.1f s")
        :format(p.pid, p.cmd, p.state, p.status, p.finish / 1e9))
end
