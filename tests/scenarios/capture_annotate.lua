-- net:capture{ annotate = true }: a ping through a router, and each node's
-- pcapng/<node>.pcapng with the kernel's view of every frame in its comment
-- (direction, tap, route and next hop, qdisc band, tx queue, rx queue, NAPI
-- id, mark).  h1 10.0.1.2 -- r1 -- 10.0.2.2 h2.  The pcapngs are checked
-- with tshark (capture_annotate.NODE.pcapng.tshark) and capinfos below.
local net = skbsim.network{ name = "capture_annotate" }
local h1, r1, h2 = net:host("h1"), net:router("r1"), net:host("h2")
net:link(h1, r1, { delay = "1ms" })
net:link(r1, h2, { delay = "1ms", nic = { queues = 4 } })   -- multiqueue: rxq, txq, NAPI ids
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
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
net:capture{ annotate = true }

-- -Q 0x10 (low delay): r1 forwards it with priority 6 (ip_forward's
-- rt_tos2priority: TC_PRIO_INTERACTIVE), pfifo_fast band 0; -m 7 marks it.
-- On h1 itself the request still shows band 1: skbsim's ping builds its
-- packet without the priority Linux's IP_TOS socket option gives it
-- (a known difference of models/apps/ping.c, see docs/captures.md).
h1:spawn("ping -c 1 10.0.2.2", { at = "1s" })
h1:spawn("ping -c 1 -Q 0x10 -m 7 10.0.2.2", { at = "2s" })
net:run("3s")
