-- Header sanity in ip_rcv_core(): a sender puts hand-made IPv4 frames on a
-- veth pair (node:inject, as a packet socket would), one per kind of
-- damage, and the receiver drops each with the kernel's reason and
-- counter.  A good datagram with Ethernet padding after it shows the
-- trailing bytes are trimmed, not counted as an error.  Bogus ARP (wrong
-- hardware address length, a truncated packet) is dropped by arp_rcv().
local net = skbsim.network{ name = "ip_hdr_sanity", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:link(a, b, { kind = "veth" })
a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")
net:metrics{}
net:capture()

local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end

-- the one's-complement sum of a header, as ip_fast_csum checks it
local function csum(s)
  local sum = 0
  for i = 1, #s - 1, 2 do sum = sum + (s:byte(i) << 8 | s:byte(i + 1)) end
  if #s % 2 == 1 then sum = sum + (s:byte(#s) << 8) end
  while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
  return ~sum & 0xffff
end

-- an IPv4 header from 10.0.0.1 to 10.0.0.2 (ICMP) with the given fields
local function iphdr(f)
  local ihl = f.ihl or 5
  local h = string.char((f.version or 4) << 4 | ihl, 0) .. be16(f.tot_len) ..
            be16(1) .. be16(0) .. string.char(64, 1) .. be16(0) ..
            string.char(10, 0, 0, 1, 10, 0, 0, 2) .. string.rep("\1", (ihl - 5) * 4)
  local sum = f.csum or csum(h)
  return h:sub(1, 10) .. be16(sum) .. h:sub(13)
end

local bcast = skbsim.unhex("ff ff ff ff ff ff  02 00 00 00 00 01")
local function ip_frame(hdr, payload)
  return bcast .. be16(0x0800) .. hdr .. (payload or "")
end
local echo = skbsim.unhex("08 00 f7 ff 00 00 00 00")  -- type 8, id 0, seq 0

local cases = {
  { "short: 16 bytes of header",     ip_frame(iphdr{ tot_len = 28 }:sub(1, 16)) },
  { "version 6",                     ip_frame(iphdr{ version = 6, tot_len = 28 }, echo) },
  { "ihl 4",                         ip_frame(iphdr{ ihl = 4, tot_len = 28 }, echo) },
  { "ihl 15, 28 bytes",              ip_frame(iphdr{ tot_len = 28 }:sub(1, 1):gsub(".", "\x4f") ..
                                              iphdr{ tot_len = 28 }:sub(2), echo) },
  { "bad checksum",                  ip_frame(iphdr{ tot_len = 28, csum = 0x1234 }, echo) },
  { "tot_len 1000 > 28",             ip_frame(iphdr{ tot_len = 1000 }, echo) },
  { "tot_len 12 < ihl*4",            ip_frame(iphdr{ tot_len = 12 }, echo) },
  { "good, 18 bytes of padding",     ip_frame(iphdr{ tot_len = 28 }, echo .. string.rep("\0", 18)) },
  { "arp: hln 8",                    bcast .. be16(0x0806) ..
      skbsim.unhex("0001 0800 08 04 0001") .. string.rep("\0", 24) },
  { "arp: 6 bytes",                  bcast .. be16(0x0806) .. skbsim.unhex("0001 0800 06 04") },
}

local t = 0
for _, c in ipairs(cases) do
  t = t + 0.001
  net:at(t, function() a:inject("eth0", c[2]) end)
end
net:run("1s")

-- the damaged ones never got a route lookup; b has no address, so the good
-- one is dropped later, by the route lookup (an unknown destination)
for _, name in ipairs{ "InReceives", "InHdrErrors", "InCsumErrors",
                       "InTruncatedPkts", "InNoRoutes", "InAddrErrors" } do
  local v = b:counter("Ip." .. name) or b:counter("IpExt." .. name)
  print(string.format("%-16s %d", name, v))
end
print(b:sh("ip -s link show dev eth0"))

-- errors a packet socket gives
for _, c in ipairs{ { "eth9", bcast .. be16(0x0800) }, { "eth0", "\1\2\3" },
                    { "eth0", bcast .. be16(0x0800) .. string.rep("\0", 1501) } } do
  print(select(2, pcall(a.inject, a, c[1], c[2])))
end
a:sh("ip link set dev eth0 down")
print(select(2, pcall(a.inject, a, "eth0", bcast .. be16(0x0800))))
print(select(2, pcall(skbsim.unhex, "0a 0b 0")))
