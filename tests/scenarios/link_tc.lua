-- tc qdisc: the default root qdiscs (noop before up, noqueue for lo and
-- veth, pfifo_fast on a one-queue NIC, mq over pfifo_fast children on a
-- multiqueue one), -s statistics, replace/add/change/delete with the
-- kernel's rules and messages, handles, and what a delete leaves.
local net = skbsim.network{ name = "link_tc" }
local h1, h2 = net:host("h1", { cpus = 4 }), net:host("h2")
net:link(h1, h2)                                  -- eth0: one queue
net:link(h1, h2, { nic = { queues = 4 } })        -- eth1: four queues
net:link(h1, h2, { kind = "veth" })               -- eth2: veth, one queue per CPU

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

run(h1, "tc qdisc show")
run(h1, "ip link set lo up")
run(h1, "ip link set eth0 up")
run(h1, "ip link set eth1 up")
run(h1, "ip link set eth2 up")
run(h1, "tc qdisc show")
run(h1, "tc -s qdisc show dev eth1")
run(h1, "ip link show")
-- fewer queues: mq shows the real ones
run(h1, "ethtool -L eth1 combined 2")
run(h1, "tc qdisc show dev eth1")
-- replace the roots; handles come from 8001: on
run(h1, "tc qdisc replace dev eth0 root noqueue")
run(h1, "tc qdisc replace dev eth2 root pfifo_fast")
run(h1, "tc qdisc add dev eth1 root handle 1: mq")
run(h1, "tc qdisc show")
run(h1, "tc qdisc replace dev eth2 root handle 1: pfifo_fast")
run(h1, "tc qdisc replace dev eth2 root handle 5: noqueue")
run(h1, "tc -s qdisc show dev eth2")
run(h1, "tc qdisc change dev eth2 root noqueue")
run(h1, "tc qdisc change dev eth2 handle 5: noqueue")
run(h1, "tc qdisc show dev eth2 root")
run(h1, "tc qdisc show handle 1:")
run(h1, "tc qdisc show dev eth1 parent 1:2")
run(h1, "tc -o qdisc show dev eth2")
run(h1, "tc -r qdisc show dev eth2")
-- delete: the default comes back while the device is up, noop while down
run(h1, "tc qdisc del dev eth2 root")
run(h1, "tc qdisc del dev eth1 root handle 1:")
run(h1, "ip link set eth0 down")
run(h1, "tc qdisc del dev eth0 root")
run(h1, "tc qdisc show")
run(h1, "ip link show eth0")
run(h1, "ip link set eth0 up")
run(h1, "tc qdisc show dev eth0")
-- errors
for _, cmd in ipairs {
  "tc qdisc add dev eth0 root pfifo_fast",
  "tc qdisc add dev eth0 root handle 2: pfifo_fast",
  "tc qdisc replace dev eth0 root handle 2: noqueue",
  "tc qdisc change dev eth0 root pfifo_fast",
  "tc qdisc change dev eth0 handle 3: pfifo_fast",
  "tc qdisc del dev eth0 root",
  "tc qdisc del dev eth0 root handle 3:",
  "tc qdisc del dev eth0 root noqueue",
  "tc qdisc del dev eth0",
  "tc qdisc replace dev eth0 root mq",
  "tc qdisc replace dev lo root mq",
  "tc qdisc replace dev eth0 root noop",
  "tc qdisc replace dev eth0 root fq_codel",
  "tc qdisc replace dev eth0 root",
  "tc qdisc replace dev eth0",
  "tc qdisc replace root pfifo_fast",
  "tc qdisc replace dev eth9 root pfifo_fast",
  "tc qdisc replace dev eth0 root pfifo_fast bands 3",
  "tc qdisc replace dev eth0 root noqueue limit 5",
  "tc qdisc replace dev eth0 handle zz: root pfifo_fast",
  "tc qdisc replace dev eth0 root root pfifo_fast",
  "tc qdisc replace dev eth0 parent 7:1 pfifo_fast",
  "tc qdisc replace dev eth0 dev eth1 root pfifo_fast",
  "tc qdisc add dev eth0 ingress",
  "tc qdisc show dev eth9",
  "tc qdisc show dev eth0 frob",
  "tc qdisc show root root",
  "tc qdisc frob",
  "tc class show",
  "tc frob",
  "tc -frob qdisc",
  "tc -V",
} do run(h1, cmd) end
