-- IPv4 fragmentation and reassembly across a router, and a reassembly
-- that times out.  h2's segment has an MTU of 576:
--
--   h1 10.0.1.2 --eth0-- r1 --eth1 (mtu 576)-- h2 10.0.2.2
--              10.0.1.1    10.0.2.1
--
-- 1. `ping -M dont -s 1400`: the 1428-byte echo leaves h1 whole (no DF);
--    r1 cuts it into 572 + 572 + 324 bytes (FragOKs 1, FragCreates 3 a
--    datagram); h2 reassembles it (ReasmReqds 3, ReasmOKs 1) and its reply
--    is cut by h2 itself (its route's MTU is 576), then reassembled by h1.
-- 2. `ping -s 1400` with ping's default `-M want`: DF is set, so r1 answers
--    ICMP fragmentation needed (mtu = 576), counts FragFails, and ping
--    prints "Frag needed and DF set (mtu = 576)".  r1 counts that echo in
--    ForwDatagrams too, as Linux 6.x does.  h1's raw socket (raw_err ->
--    ipv4_sk_update_pmtu) records the 576 as a nexthop exception for
--    10.0.2.2, so the second echo leaves h1 without DF, cut by h1 itself
--    into 572 + 572 + 324 bytes (h1 FragOKs 1, FragCreates 3), and is
--    answered: "+1 errors, 50% packet loss".
-- 3. Fragment 0 alone (ID 0x4242) and a last fragment alone (ID 0x4343),
--    crafted here and sent from h1's eth0 with node:inject: r1 forwards
--    them, h2 queues them, and ipfrag_time (30 s, plus up to 2 s of timer
--    wheel slack) later drops both (ReasmTimeout 2, ReasmFails 2, reason
--    FRAG_REASM_TIMEOUT: fragment 0 in ip_expire, after the ICMP error,
--    the other in inet_frag_rbtree_purge); only the datagram whose fragment 0
--    arrived is answered with ICMP time exceeded, code 1 (fragment
--    reassembly time exceeded), quoting that fragment.
--
-- Checked against Linux 6.18 with tests/kernel/ip_frag.sh (the same
-- commands in network namespaces joined by veth pairs, the same frames
-- sent from a packet socket): every counter of parts 1 and 3, the frames
-- on h2's segment, the ICMP errors and their quotes (tshark -V: all but
-- MACs and IP IDs), the drop reasons of the skb:kfree_skb tracepoint are
-- the same (Linux sent the time exceeded 31.62 s after fragment 0 in
-- the run timed, skbsim 30.14 s: both within the timer slack), and in
-- part 2 the counters of all three hosts and `ip route get 10.0.2.2`'s
-- "cache expires 598sec mtu 576" on h1 (tests/scenarios/route_pmtu.lua).
-- Only the times differ (the real veths have no delay).
local net = skbsim.network{ name = "ip_frag", seed = 1 }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })                -- h1 eth0 <-> r1 eth0
net:link(r1, h2, { delay = "1ms", mtu = 576 })     -- r1 eth1 <-> h2 eth0
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth0 up
  ip link set eth1 up
]]
h2:sh[[
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture()
net:metrics{ interval = 0 }

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end
local counters = "IpInReceives IpForwDatagrams IpInDelivers IpOutRequests " ..
                 "IpReasm* IpFrag* IcmpInDestUnreachs IcmpOutDestUnreachs " ..
                 "IcmpInTimeExcds IcmpOutTimeExcds IcmpMsg*Type3 IcmpMsg*Type11"
local function nstat()
  for _, n in ipairs{ h1, r1, h2 } do show(n, "nstat " .. counters) end
end
for _, n in ipairs{ h1, r1, h2 } do n:sh("nstat -n") end

-- 1. r1 fragments
h1:spawn("ping -M dont -c 2 -s 1400 10.0.2.2", { at = "1s" })
net:run("5s")
nstat()

-- 2. DF: fragmentation needed
h1:spawn("ping -c 2 -s 1400 10.0.2.2", { at = "10s" })
net:run("15s")
nstat()

-- 3. lone fragments, from h1 to h2 through r1
local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end
local function csum(s)
  local sum = 0
  for i = 1, #s - 1, 2 do sum = sum + (s:byte(i) << 8 | s:byte(i + 1)) end
  if #s % 2 == 1 then sum = sum + (s:byte(#s) << 8) end
  while sum > 0xffff do sum = (sum & 0xffff) + (sum >> 16) end
  return ~sum & 0xffff
end
local function mac(node, dev)
  local m = node:sh("ip -br link show dev " .. dev):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x")
  return skbsim.unhex(m)
end
-- an echo request of 1000 data bytes (1008 bytes of ICMP), as ping -s 1000
local function echo(id)
  local data = {}
  for i = 0, 999 do data[#data + 1] = string.char(i & 0xff) end
  local msg = "\8\0\0\0" .. be16(id) .. be16(1) .. table.concat(data)
  return msg:sub(1, 2) .. be16(csum(msg)) .. msg:sub(5)
end
-- one fragment: @frag_off in 8-byte units, @mf, @payload
local function fragment(id, frag_off, mf, payload)
  local h = string.char(0x45, 0) .. be16(20 + #payload) .. be16(id) ..
            be16((mf and 0x2000 or 0) | frag_off) .. string.char(64, 1) .. be16(0) ..
            string.char(10, 0, 1, 2, 10, 0, 2, 2)
  h = h:sub(1, 10) .. be16(csum(h)) .. h:sub(13)
  return mac(r1, "eth0") .. mac(h1, "eth0") .. be16(0x0800) .. h .. payload
end
local first = fragment(0x4242, 0, true, echo(0x4242):sub(1, 552))
local last = fragment(0x4343, 552 // 8, false, echo(0x4343):sub(553))
net:at("20s", function() h1:inject("eth0", first) end)
net:at("20.5s", function() h1:inject("eth0", last) end)
net:run("45s")
show(h2, "sysctl net.ipv4.ipfrag_time")
nstat()
