-- net:fail{ duplicate = } and net:fail{ reorder =, gap = } on a cable.
--
--   h1 10.0.0.1 eth0 ---- eth0 h2 10.0.0.2
--
-- 0..1s: 20% of the frames arrive twice (the copy right behind the
-- original): h2 answers both copies of a duplicated request and ping
-- prints the second reply "(DUP!)", as with netem's duplicate.
-- From 2s: 30% of the frames are held back 5ms, so that later ones
-- overtake them: ping -l 10 sends ten requests back to back and the
-- replies come in out of order (a request or its reply held back once:
-- 5ms, both: 10ms).  Both visible in h2's pcap (the duplicate request 1us
-- behind the first, the held-back frames later).
local net = skbsim.network{ name = "fault_dup_reorder", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2, { delay = "100us" })
h1:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
  ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0
]]
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
  ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev eth0
]]
net:capture()
net:fail(h1, "eth0", { duplicate = 0.2, for_ = "1s" })
net:fail(h1, "eth0", { reorder = 0.3, gap = "5ms", at = "2s" })
h1:spawn("ping -c 10 -i 0.05 10.0.0.2")
h1:spawn("ping -c 10 -l 10 10.0.0.2", { at = "2s" })
net:run("3s")
io.write("h1$ ip -s link show eth0\n", h1:sh("ip -s link show eth0"))
io.write("h2$ ip -s link show eth0\n", h2:sh("ip -s link show eth0"))
