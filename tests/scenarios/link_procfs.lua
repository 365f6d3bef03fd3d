-- /proc/net/dev (one line per device, in registration order, after ip
-- link add/del and renames) and /proc/net/softnet_stat (one line per
-- simulated CPU, 13 columns as Linux 6.1).
local net = skbsim.network{ name = "link_procfs" }
local h1, h2 = net:host("h1", { cpus = 4 }), net:host("h2")
net:link(h1, h2)
net:link(h1, h2, { kind = "veth" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

run(h1, "cat /proc/net/dev")
run(h1, "ip link add v0 type veth peer name v1")
run(h1, "ip link set eth0 name wan0")
run(h1, "cat /proc/net/dev")
run(h1, "ip link del v0")
run(h1, "cat /proc/net/dev")
run(h1, "cat /proc/net/softnet_stat")
run(h2, "cat /proc/net/softnet_stat")
