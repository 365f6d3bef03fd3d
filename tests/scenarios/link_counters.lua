-- The counters the tools print once traffic has flowed: pktgen sends
-- 20000 frames of 1000 bytes through the qdisc of a two-queue NIC (one
-- every 10 us, below the 1 Gbit/s line rate), then ip -s (and -h), tc -s,
-- ethtool -S, /proc/net/dev and /proc/net/softnet_stat on both ends.
local net = skbsim.network{ name = "link_counters", seed = 1 }
local a = net:host("a", { cpus = 2 })
local b = net:host("b", { cpus = 2 })
net:link(a, b, { rate = "1Gbit", nic = { queues = 2 } })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

a:sh("ip link set dev eth0 up")
b:sh("ip link set dev eth0 up")
a:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 20000" > /proc/net/pktgen/eth0
  echo "pkt_size 1000" > /proc/net/pktgen/eth0
  echo "delay 10000" > /proc/net/pktgen/eth0
  echo "xmit_mode queue_xmit" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("1s")
run(a, "ip -s -s link show eth0")
run(b, "ip -s link show eth0")
run(b, "ip -s -h link show eth0")
run(b, "ip -s -h -iec link show eth0")
run(a, "tc -s qdisc show dev eth0")
run(a, "ethtool -S eth0")
run(b, "ethtool -S eth0")
run(a, "cat /proc/net/dev")
run(b, "cat /proc/net/dev")
run(b, "cat /proc/net/softnet_stat")
