-- ip link show: the default, -s, -s -s, -d, -br, -o and filters, on a
-- node with lo, a NIC (cable) and a veth whose peer is in another node,
-- before and after the interfaces come up.  Formats of iproute2 6.1.
local net = skbsim.network{ name = "link_show" }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2)                         -- eth0 on both: simnic
net:link(h1, h2, { kind = "veth" })      -- eth1 on both: a veth pair

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

run(h1, "ip link")
run(h1, "ip link show eth1")
run(h1, "ip -br link")
run(h1, "ip -d link show")
run(h1, "ip link set lo up")
run(h1, "ip link set eth0 up")
run(h1, "ip link set eth1 up")
-- the peers are still down: no carrier
run(h1, "ip link show")
run(h1, "ip -br link show")
run(h2, "ip link set eth0 up")
run(h2, "ip link set eth1 up")
run(h1, "ip -s link show")
run(h1, "ip -s -s link show eth0")
run(h1, "ip -o link show lo")
run(h1, "ip -s -d link show eth1")
run(h1, "ip link show up")
run(h1, "ip link show type veth")
run(h1, "ip link show group default")
run(h1, "ip link show group 3")
-- abbreviations as iproute2 allows them
run(h1, "ip l sh dev lo")
run(h1, "ip li ls lo")
-- another node by name, as ip -n NETNS
run(h1, "ip -n h2 -br link")
-- errors
run(h1, "ip link show eth9")
run(h1, "ip link show dev")
run(h1, "ip link show eth0 eth1")
run(h1, "ip link show group nope")
run(h1, "ip link show master eth9")
run(h1, "ip link frob")
run(h1, "ip frob")
run(h1, "ip -frob link")
run(h1, "ip -family frob link")
run(h1, "ip -n nosuchnode link")
run(h1, "ip -j link")
run(h1, "ip xfrm")
run(h1, "ip -V")
