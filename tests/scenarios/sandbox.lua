-- Determinism inside Lua: os.time/os.clock/os.date read simulated time,
-- math.random follows the seed, pairs() visits keys in a fixed order.
local net = skbsim.network{ name = "sandbox", seed = 42 }
print("start", os.time(), os.clock(), os.date("%Y-%m-%d %H:%M:%S"))
net:run("90.5s")
print("later", os.time(), os.clock(), os.date("!%H:%M:%S"), skbsim.now(), net:now())
print("epoch", os.time{ year = 2024, month = 1, day = 2, hour = 3 })

local r = {}
for i = 1, 5 do r[i] = math.random(1000) end
print("random", table.concat(r, " "))

local t = { zeta = 1, alpha = 2, [3] = "c", [1] = "a", [2.5] = "x", mid = 3, [true] = "t" }
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
print("pairs", table.concat(keys, " "))
-- removing keys while iterating is allowed, as with next()
for k in pairs(t) do t[k] = nil end
print("emptied", next(t))
print("seed", net.seed, "hz", net.hz, "name", net.name)
print("time", skbsim.time("1.5s"), skbsim.time(0.25), skbsim.time("10us"))
