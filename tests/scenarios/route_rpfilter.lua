-- Reverse path filtering on a router (rp_filter, fib_validate_source):
-- h1 sends, from its link to r1, echo requests whose source is an address
-- of h2's subnet (spoofed, put on the wire with node:inject).  With
-- rp_filter 1 (strict) r1 drops them (IP_RPFILTER): the route back to
-- that source leaves by eth1, not eth0.  With 2 (loose) any route back is
-- enough, so r1 forwards them; with 0 it does not check.  A source with
-- no route back at all is dropped by loose mode too.  The same frames on
-- Linux 6.18: tests/kernel/route_rpfilter.py.
local net = skbsim.network{ name = "route_rpfilter", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { kind = "veth" })
net:link(r1, h2, { kind = "veth" })
h1:sh("ip addr add 10.0.1.2/24 dev eth0\nip link set eth0 up")
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh("ip addr add 10.0.2.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.0.2.1")
net:metrics{}

local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end
local function csum(s)
  local sum = 0
  for i = 1, #s - 1, 2 do sum = sum + (s:byte(i) << 8 | s:byte(i + 1)) end
  while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
  return ~sum & 0xffff
end
local function mac(node, dev)
  return skbsim.unhex(node:sh("ip -br link show dev " .. dev):match("(%x%x:%x%x:%x%x:%x%x:%x%x:%x%x)"))
end
local r1mac, h1mac = mac(r1, "eth0"), mac(h1, "eth0")

-- an echo request from SRC to 10.0.2.2 (h2), addressed to r1's MAC
local function echo_from(src, seq)
  local a, b, c, d = src:match("(%d+)%.(%d+)%.(%d+)%.(%d+)")
  local icmp = string.char(8, 0) .. "\0\0" .. be16(0x77) .. be16(seq) .. string.rep("x", 16)
  icmp = icmp:sub(1, 2) .. be16(csum(icmp)) .. icmp:sub(5)
  local h = string.char(0x45, 0) .. be16(20 + #icmp) .. be16(seq) .. be16(0) .. string.char(64, 1) ..
            "\0\0" .. string.char(tonumber(a), tonumber(b), tonumber(c), tonumber(d), 10, 0, 2, 2)
  h = h:sub(1, 10) .. be16(csum(h)) .. h:sub(13)
  return r1mac .. h1mac .. be16(0x0800) .. h .. icmp
end

local function try(mode, src)
  r1:sh("sysctl -q -w net.ipv4.conf.all.rp_filter=" .. mode)
  r1:sh("sysctl -q -w net.ipv4.conf.eth0.rp_filter=" .. mode)
  local before = h2:counter("Icmp.InEchos")
  local t = net:now()
  net:at(string.format("%dns", t + 1000000), function() h1:inject("eth0", echo_from(src, mode)) end)
  net:run("100ms")
  print(string.format("rp_filter=%d  from %-10s  h2 got %d echo", mode, src,
                      h2:counter("Icmp.InEchos") - before))
end

for _, mode in ipairs{ 0, 1, 2 } do
  try(mode, "10.0.2.50")   -- route back via eth1: strict drops, loose accepts
  try(mode, "10.9.9.9")    -- no route back at all
  try(mode, "10.0.1.77")   -- route back via eth0: always fine
end
