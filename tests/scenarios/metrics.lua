-- metrics.db: run row, args, nodes, counters every interval and at the
-- end, processes and their output.
local net = skbsim.network{ name = "metrics", seed = 7 }
local h1 = net:host("h1")
net:router("r1", { cpus = 4 })
net:metrics{ interval = "500ms" }
h1:spawn(function()
  for i = 1, 3 do print("line " .. i .. " " .. skbsim.args.label); skbsim.sleep("400ms") end
end, { name = "talker" })
h1:spawn("sleep 0.75")
net:run("2s")
