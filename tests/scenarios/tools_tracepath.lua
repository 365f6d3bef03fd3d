-- tracepath (iputils 20221126's layout): the same path as tools_traceroute,
-- whose r2 -- r3 link has a 1400-byte MTU.  The first run learns the
-- local MTU ([LOCALHOST] pmtu 1500), gets "pmtu 1400" from r2's
-- fragmentation needed at hop 3, probes that hop again, and reaches h2;
-- the second run starts from the cached path MTU (1400), as Linux does.
-- -b prints "??? (addr)" (no names here, as in a namespace without DNS),
-- -l and -m bound the probe size and the hops.
local net, h1, r1, r2, r3, h2 = dofile("lib/tools_net.lua")("tools_tracepath")
net:capture{ node = "r2" }

h1:spawn("tracepath 10.0.4.2", { at = "1s" })
h1:spawn("tracepath -n 10.0.4.2", { at = "10s" })
h1:spawn("tracepath -b -m 2 -l 1000 10.0.4.2", { at = "20s" })
h1:spawn("tracepath -n -p 50000 10.0.5.1", { at = "30s" })
h1:spawn("tracepath", { at = "40s" })
h1:spawn("tracepath -m 300 10.0.4.2", { at = "40s" })
h1:spawn("tracepath -n -l 28 10.0.4.2", { at = "40s" })
h1:spawn("tracepath -n -m 2 -l 100000 10.0.4.2", { at = "41s" })
h1:spawn("tracepath -n -m 2 -l 29 10.0.4.2", { at = "42s" })
net:run("50s")

for _, p in ipairs(h1:ps()) do
  print(p.pid, p.cmd, p.state, p.status)
end
print(h1:sh("ip route get 10.0.4.2"))
