-- net:capture{ annotate = true }: the packets the kernel drops go on each
-- node's "drops" pseudo interface (pcapng/<node>.pcapng, NODE:drops), the
-- comment saying why and where, as the skb:kfree_skb tracepoint (dropwatch,
-- pwru) reports it.  h1 10.0.1.2 -- r1 -- 10.0.2.2 h2:
--   no route on r1 for 10.0.9.9     -> r1 drops it (and answers unreachable)
--   ping -t 1 through r1            -> r1 drops it (time exceeded)
--   UDP to a closed port on h2      -> h2 drops it (port unreachable)
--   ping 10.0.1.99 (nobody answers) -> h1 drops it when ARP gives up
--   a burst into r1's 2-packet qdisc behind a 64-frame ring on a 1Mbit link -> r1 drops (qdisc)
-- The reasons and functions were compared with a real kernel (namespaces,
-- veth, the skb:kfree_skb tracepoint): docs/captures.md.
local net = skbsim.network{ name = "capture_annotate_drops" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms", rate = "1Mbit", txqueuelen = 2, nic = { tx_ring = 64 } })
h1:sh[[
  ip link set lo up
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
r1:sh[[
  ip addr add 10.0.1.1/24 dev eth0
  ip link set eth0 up
  ip addr add 10.0.2.1/24 dev eth1
  ip link set eth1 up
]]
h2:sh[[
  ip link set lo up
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
-- The filter keeps the burst's UDP frames out of the pcaps and pcapngs;
-- drop records take no filter, so the burst's qdisc drops are there.
net:capture{ annotate = true, filter = "icmp or arp" }

h1:spawn("ping -c 1 -W 1 10.0.9.9", { at = "1s" })
h1:spawn("ping -c 1 -W 1 -t 1 10.0.2.2", { at = "2s" })
h1:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:sendto("hello", "10.0.2.2", 9999))
end, { name = "udp", at = "3s" })
h1:spawn("ping -c 1 -W 1 10.0.1.99", { at = "4s" })
h2:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  assert(s:bind("0.0.0.0", 7))
  while true do assert(s:recvfrom(2000)) end
end, { name = "sink", at = "9s" })
h1:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  for i = 1, 72 do assert(s:sendto(string.rep("x", 1000), "10.0.2.2", 7)) end
end, { name = "burst", at = "10s" })
net:run("15s")
print(r1:sh("tc -s qdisc show dev eth1"))
