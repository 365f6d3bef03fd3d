-- topologies/bench/udp_pps.lua - UDP datagrams per second, application to
-- application, for scripts/bench.sh
--
--   skbsim run topologies/bench/udp_pps.lua count=200000 size=64 rate=10Gbit
--
-- Host a sends count datagrams of size bytes of payload to host b through
-- router r (cables at rate), from one Lua process, as fast as its socket
-- lets it: send() blocks while SO_SNDBUF is full, as on Linux.  A process
-- on b reads them with recv() (SO_RCVBUF 4 MiB).  Prints one line:
--   workload=udp_pps datagrams=<read by b> sent=<sent by a> sim_s=<simulated>
-- The wall-clock rate is datagrams / the run's wall time (bench.sh
-- measures it around the process).
local args = skbsim.args
local count = tonumber(args.count or "200000")
local size = tonumber(args.size or "64")
local rate = args.rate or "10Gbit"
assert(count and count >= 1 and math.type(count) == "integer", "count= wants a whole number")
assert(size and size >= 0 and size <= 1472, "size= wants 0 to 1472")

local net = skbsim.network{ name = "udp_pps_bench", seed = 1 }
net:metrics{ interval = 0, drop_rows = 0 }
local a, r, b = net:host("a"), net:router("r"), net:host("b")
net:link(a, r, { rate = rate })
net:link(r, b, { rate = rate })
a:sh[[
ip link set eth0 up
ip addr add 10.0.1.2/24 dev eth0
ip route add default via 10.0.1.1
]]
r:sh[[
ip link set eth0 up
ip link set eth1 up
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
]]
b:sh[[
ip link set eth0 up
ip addr add 10.0.2.2/24 dev eth0
ip route add default via 10.0.2.1
]]

local received, sent, done_at = 0, 0, nil
b:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:setsockopt("SOL_SOCKET", "SO_RCVBUF", 4 * 1024 * 1024))
  assert(s:setsockopt("SOL_SOCKET", "SO_RCVTIMEO", "100ms"))
  assert(s:bind("0.0.0.0", 9000))
  while received < count do
    if not s:recv(2048) then break end    -- timeout: the rest was lost
    received = received + 1
  end
  done_at = skbsim.now()
end, { name = "sink" })

a:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:connect("10.0.2.2", 9000))
  -- one datagram first, so that ARP is resolved on both hops before the
  -- flood (the neighbour queue would drop most of a burst: unres_qlen_bytes)
  assert(s:sendto("warm up", "10.0.2.2", 9))
  skbsim.sleep("10ms")
  local payload = string.rep("x", size)
  for _ = 1, count do
    assert(s:send(payload))
    sent = sent + 1
  end
end, { at = "1ms", name = "source" })

repeat net:run("100ms") until done_at
print(string.format("workload=udp_pps datagrams=%d sent=%d sim_s=%d.%09d count=%d size=%d rate=%s",
  received, sent, done_at // 1000000000, done_at % 1000000000, count, size, rate))
