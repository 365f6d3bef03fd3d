-- tests/cli/console/pause.lua - net:pause() at the top level and inside a
-- net:at callback; under `skbsim run` both do nothing.
local net = skbsim.network{ name = "pause", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { delay = "1ms" })
h1:sh("ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up")
h2:sh("ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up")
net:metrics{}
h1:spawn("ping -c 3 10.0.0.2", { at = "1s" })
net:at("1.5s", function()
  print("callback at 1.5s")
  net:pause("inside a net:at callback")
  print("callback goes on")
end)
net:run("1s")
net:pause("before the first reply")
net:run("3s")
print("the script ends at t=" .. net:now() / 1e9 .. "s")
