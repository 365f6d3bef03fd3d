-- Route types on a router: unreachable, prohibit and blackhole routes,
-- met by a forwarded ping from h1 (ICMP host unreachable code 1, packet
-- filtered code 13, nothing) and by r1's own ping (connect() gives
-- EHOSTUNREACH, EACCES, EINVAL, and iputils' messages for them), with
-- `ip route get` errors and nstat deltas on both.  Every line of output is
-- what Linux 6.18 prints for the same commands (tests/kernel/route_types.sh).
local net = skbsim.network{ name = "route_types", seed = 1 }
local h1, r1 = net:host("h1"), net:router("r1")
net:link(h1, r1, { delay = "1ms" })
h1:sh("ip addr add 10.0.1.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.0.1.1")
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip route add unreachable 10.9.1.0/24
  ip route add prohibit 10.9.2.0/24
  ip route add blackhole 10.9.3.0/24
]]
net:capture()
for _, n in ipairs{ h1, r1 } do n:sh("nstat -n") end
local t = 1
for i, d in ipairs{ "10.9.1.1", "10.9.2.1", "10.9.3.1" } do
  h1:spawn("ping -c 1 -W 1 " .. d, { at = t }); t = t + 2
end
for i, d in ipairs{ "10.9.1.1", "10.9.2.1", "10.9.3.1" } do
  r1:spawn("ping -c 1 -W 1 " .. d, { at = t }); t = t + 2
end
net:run(t + 1)
io.write(r1:sh("ip route show"))
for _, d in ipairs{ "10.9.1.1", "10.9.2.1", "10.9.3.1" } do
  local out, st, err = r1:sh("ip route get " .. d, { check = false }); io.write(out, err)
end
io.write(r1:sh("nstat"), h1:sh("nstat"))
