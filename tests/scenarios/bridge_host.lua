-- A bridge on a router: `ip link add br0 type bridge`, two ports, and the
-- address on br0, as on a Linux box that bridges its LAN ports:
--
--   h1 10.0.1.1 --- eth0 \
--                        [r1 br0 10.0.1.254] eth2 10.0.2.254 --- h3 10.0.2.1
--   h2 10.0.1.2 --- eth1 /
--
-- h1 and h2 talk across the bridge; h1 pings br0's address (the bridge's
-- own stack answers: the frames go up through br_pass_frame_up and down
-- through br_dev_xmit); h1 pings h3, routed by r1 from br0 to eth2.
-- Then the ip link side: -d of the bridge and of a port, bridge_slave
-- settings, an address and an mtu set by hand, and the kernel's and
-- iproute2's errors.  Compared with Linux 6.18 / iproute2 6.1 (namespaces,
-- veth): the same messages and statuses, the same -d fields; the fdb rows
-- "vlan 1" are those of a kernel with CONFIG_BRIDGE_VLAN_FILTERING (the
-- test machine's has none, so it lists no such rows).
local net = skbsim.network{ name = "bridge_host", seed = 1 }
local r1 = net:router("r1")
local h1, h2, h3 = net:host("h1"), net:host("h2"), net:host("h3")
net:link(h1, r1, { delay = "10us" })   -- r1 eth0
net:link(h2, r1, { delay = "10us" })   -- r1 eth1
net:link(h3, r1, { delay = "10us" })   -- r1 eth2

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

r1:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:01:fe
  ip link set eth1 address 02:00:00:00:01:fd
  ip link set eth2 address 02:00:00:00:02:fe
  ip link add br0 type bridge
  ip link set eth0 master br0
  ip link set eth1 master br0
  ip link set eth0 up
  ip link set eth1 up
  ip link set br0 up
  ip addr add 10.0.1.254/24 dev br0
  ip addr add 10.0.2.254/24 dev eth2
  ip link set eth2 up
]]
for i, h in ipairs{ h1, h2 } do
  h:sh(([[
    ip link set lo up
    ip link set eth0 address 02:00:00:00:01:0%d
    ip addr add 10.0.1.%d/24 dev eth0
    ip link set eth0 up
    ip route add default via 10.0.1.254
  ]]):format(i, i))
end
h3:sh[[
  ip link set lo up
  ip link set eth0 address 02:00:00:00:02:01
  ip addr add 10.0.2.1/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.254
]]
net:capture()

run(r1, "ip link show")
h1:spawn("ping -c 2 10.0.1.2", { at = "1s" })
h1:spawn("ping -c 2 10.0.1.254", { at = "3s" })
h1:spawn("ping -c 2 10.0.2.1", { at = "5s" })
net:run("8s")
run(r1, "ip neigh show")
run(r1, "bridge fdb show br br0")
run(r1, "ip -s link show br0")

-- ip link: details, port settings, errors
run(r1, "ip -d link show br0")
run(r1, "ip -d link show eth0")
run(r1, "ip link set eth0 type bridge_slave cost 7 priority 3 hairpin on learning off")
run(r1, "ip -d link show eth0")
run(r1, "ip link set eth0 type bridge_slave priority 99")
run(r1, "ip link set eth0 type bridge_slave learning maybe")
run(r1, "ip link set eth0 type bridge_slave foo")
run(r1, "ip link set eth2 type bridge_slave learning off")
run(r1, "ip link set br0 type bridge stp_state 1 forward_delay 400 priority 4096")
run(r1, "ip link set eth1 type bridge_slave state 3")
run(r1, "ip link set br0 type bridge forward_delay 100")
run(r1, "ip link set br0 type bridge forward_delay x")
run(r1, "ip link set lo master br0")
run(r1, "ip link add br1 type bridge")
run(r1, "ip link set br1 master br0")
run(r1, "ip link set eth2 master nosuch")
run(r1, "ip link set eth1 master eth2")
run(r1, "ip link set eth1 master br1")
run(r1, "ip link show master br1")
run(r1, "ip link set eth1 nomaster")
run(r1, "ip link set eth1 nomaster")
run(r1, "ip link show type bridge")
run(r1, "ip link del br1")
run(r1, "ip link add br1 up type bridge hello_time 300 ageing_time 6000 max_age 1000")
run(r1, "ip -d link show br1")
run(r1, "ip link add br2 type bridge mcast_snooping 0")
run(r1, "ip link add br2 type bridge foo")
-- an address set by hand stays (no longer the lowest port's)
run(r1, "ip link set br0 address 02:00:00:00:01:aa")
run(r1, "bridge fdb show br br0")
run(r1, "ip link set eth0 nomaster")
run(r1, "ip link set eth0 master br0")
run(r1, "ip link show br0")
run(r1, "ip link set eth0 type bridge_slave state 9")
-- br0's mtu follows its ports' smallest, until the user sets one
run(r1, "ip link set eth0 mtu 1400")
run(r1, "ip link show br0")
run(r1, "ip link set br0 mtu 1300")
run(r1, "ip link set eth0 mtu 1500")
run(r1, "ip link show br0")
-- deleting a bridge frees its ports
run(r1, "ip link del br0")
run(r1, "ip link show eth0")
