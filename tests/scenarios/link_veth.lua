-- ip link add ... type veth / ip link del: names, peer options, pairs
-- between nodes (netns NODE), M-DOWN while the peer is down, deleting one
-- end removes both, and the errors.
local net = skbsim.network{ name = "link_veth" }
local h1, h2 = net:host("h1"), net:host("h2")

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

run(h1, "ip link add v0 type veth peer name v1")
run(h1, "ip link show")
run(h1, "ip link set v0 up")
run(h1, "ip link show")
run(h1, "ip link set v1 up")
run(h1, "ip -br link")
run(h1, "ip -d link show v0")
-- no names: veth%d for both; no peer options: the peer copies the main ones
run(h1, "ip link add type veth")
run(h1, "ip link add w0 mtu 9000 type veth")
run(h1, "ip link add w2 txqueuelen 10 type veth peer name w3 mtu 1400 address 02:00:00:00:00:09 arp off")
run(h1, "ip link add w4 up type veth peer")
run(h1, "ip link show")
-- deleting either end removes the pair
run(h1, "ip link del v1")
run(h1, "ip link delete dev veth0")
run(h1, "ip -br link")
-- a pair between two nodes
run(h1, "ip link add x0 type veth peer name x1 netns h2")
run(h1, "ip link set x0 up")
run(h2, "ip link set x1 up")
run(h1, "ip link show x0")
run(h2, "ip -d link show x1")
run(h2, "ip link del x1")
run(h1, "ip link show x0")
-- errors
for _, cmd in ipairs {
  "ip link add w0 type veth",
  "ip link add z0 type veth peer name w0",
  "ip link add lo type dummy",
  "ip link add z0 type dummy",
  "ip link add z0",
  "ip link add z0 type veth frob",
  "ip link add z0 type veth peer name z1 type veth",
  "ip link add name z0 dev z1 type veth",
  "ip link add z0 type veth peer name z1 netns nosuch",
  "ip link add z0 mtu 70000 type veth",
  "ip link add z0 address 01:02:03:04:05:06 type veth",
  "ip link add z0 type veth peer name z1 mtu 10",
  "ip link add z0 type veth peer name z1 up",
  "ip link add z0 type veth peer name z1 frob",
  "ip link replace w0 type veth",
  "ip link del eth9",
  "ip link del",
  "ip link del lo",
  "ip link del w0 w1",
  "ip link help veth",
} do run(h1, cmd) end
run(h1, "ip -br link")
