-- What the listings show of UDP sockets: /proc/net/udp (udp4_seq_show:
-- hex address:port pairs, state 07 unconnected / 01 connected,
-- tx_queue:rx_queue as sk_wmem_alloc:sk_rmem_alloc, inode, drops, each line
-- padded to 127 columns) and ss -uan / -uanp / -u / -ul / -uanH with the
-- layout of iproute2's ss: columns as wide as their widest cell, the State
-- column hidden when only connected sockets are listed.  Compared by hand
-- with Linux 6.18 and ss 6.1 (same sockets made by Python in a
-- namespace): same layout; the slot numbers ("sl") and the order of
-- sockets are the hash table's, which differ (Linux mixes a per-namespace
-- random value into the slot), and the inodes are skbsim's own count.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("udp_proc")
local show, udp = u.show, u.udp

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

h2:spawn(function()
  local a = udp()
  assert(a:bind("0.0.0.0", 5000))
  local b = udp()
  assert(b:bind("127.0.0.1", 53))
  local c = udp()
  assert(c:connect("127.0.0.1", 5000))
  assert(c:send(string.rep("x", 100)))
  local d = udp()
  assert(d:bind("10.0.2.2", 0))
  assert(d:connect("10.0.1.2", 7))
  skbsim.sleep("10s")
end, { at = "1s", name = "server" })

net:at("2s", function()
  run(h2, "cat /proc/net/udp")
  run(h2, "ss -uan")
  run(h2, "ss -uanp")
  run(h2, "ss -u")
  run(h2, "ss -ul")
  run(h2, "ss -uanH")
  run(h2, "ss -Y")
end)
net:run("3s")
