-- topologies/fuzz/ip_frames.lua - 20,000 random frames at a router
--
-- Crash-safety fuzzing of the receive path: host a sends (node:inject)
-- frames to r, a third of them IPv4 headers with valid checksums and random
-- ihl, options (record route, timestamps, source routes, router alert,
-- security, CIPSO), fragment fields, protocols and destinations (r, a
-- foreign host, broadcast, multicast, loopback), a third random bytes as
-- IPv4, a third as ARP.  The run must end without a sanitizer report, and
-- prints r's counters.  scripts/fuzz.sh runs it under ASan+UBSan for many
-- seeds:  skbsim run topologies/fuzz/ip_frames.lua seed=7 frames=20000
local net = skbsim.network{ name = "fuzz", seed = tonumber(skbsim.args.seed or "1") }
local a, r = net:host("a"), net:router("r")
net:link(a, r, { kind = "veth" })
a:sh("ip link set eth0 up\nip addr add 10.0.1.2/24 dev eth0")
r:sh("ip link set lo up")
r:sh("sysctl -w net.ipv4.conf.all.accept_source_route=1")
r:sh("ip link set eth0 up\nip addr add 10.0.1.1/24 dev eth0")
local rmac = r:sh("ip -br link show dev eth0"):match("(%x%x:%x%x:%x%x:%x%x:%x%x:%x%x)")
local dst = skbsim.unhex(rmac)
local function rnd(n) local t = {} for i = 1, n do t[i] = string.char(math.random(0, 255)) end return table.concat(t) end
local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end
local frames = tonumber(skbsim.args.frames or "20000")
for i = 1, frames do
  local kind = math.random(1, 3)
  local body
  if kind == 1 then
    -- a mostly valid IPv4 header with random fields and options
    local ihl = math.random(5, 15)
    local opts = rnd((ihl - 5) * 4)
    if math.random(2) == 1 and ihl > 5 then
      local o = ({ 7, 68, 131, 137, 148, 130, 134, 1, 0 })[math.random(9)]
      opts = string.char(o, math.random(0, (ihl - 5) * 4), math.random(0, 44)) .. opts:sub(4)
    end
    local payload = rnd(math.random(0, 100))
    if math.random(2) == 1 then payload = string.char(({0, 3, 8, 11, 12, 5})[math.random(6)], math.random(0, 5)) .. payload end
    local tot = ihl * 4 + #payload
    if math.random(10) == 1 then tot = math.random(0, 300) end
    local frag = math.random(4) == 1 and math.random(0, 0xffff) or 0
    local proto = ({1, 1, 17, 6, 2, 99})[math.random(6)]
    local daddr = ({ string.char(10, 0, 1, 1), string.char(10, 0, 2, 9), string.char(255,255,255,255), string.char(224,0,0,1), string.char(127,0,0,1) })[math.random(5)]
    local h = string.char(0x40 | ihl, math.random(0, 255)) .. be16(tot) .. rnd(2) .. be16(frag) ..
              string.char(math.random(0, 3), proto) .. "\0\0" .. string.char(10, 0, 1, 2) .. daddr .. opts
    local sum = 0
    for i = 1, #h - 1, 2 do sum = sum + (h:byte(i) << 8 | h:byte(i + 1)) end
    while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
    sum = ~sum & 0xffff
    body = h:sub(1, 10) .. be16(sum) .. h:sub(13) .. payload
  else
    body = rnd(math.random(0, 200))
  end
  local et = kind == 3 and 0x0806 or 0x0800
  local f = (math.random(2) == 1 and dst or skbsim.unhex("ffffffffffff")) .. skbsim.unhex("020000000002") .. be16(et) .. body
  net:at(i * 0.0001, function() pcall(a.inject, a, "eth0", f) end)
end
net:run("5s")
local c = r:counters("Ip.")
print(r:sh("nstat -a"))
print("InReceives", c["Ip.InReceives"], "InHdrErrors", c["Ip.InHdrErrors"], "InDelivers", c["Ip.InDelivers"])
