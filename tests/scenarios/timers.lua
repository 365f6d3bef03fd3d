-- Events at equal times run in the order they were scheduled; net:run
-- advances time even when nothing happens; net:at in the future of a
-- later run.
local net = skbsim.network{ name = "timers" }
local order = {}
for i = 1, 5 do
  net:at("1s", function() order[#order + 1] = i end)
end
net:at(0.5, function()
  net:at(1, function() order[#order + 1] = "late" end)   -- scheduled after 1..5
end)
net:at("2.5s", function() print("at 2.5s, now", net:now()) end)
net:run("2s")
print("order", table.concat(order, " "), "now", net:now())
net:run(1)
print("now", net:now())
net:run(0)
print("now", net:now())
