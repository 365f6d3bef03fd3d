-- VLAN filtering on two switches joined by a trunk.
--
--   h1 10.0.10.1 --eth0 [sw1 br0] eth3 ====trunk==== eth0 [sw2 br0] eth1-- h4 10.0.10.4
--   h2 10.0.10.2 --eth1    |        10, 20 tagged    10-19 tagged
--   h3 10.0.10.3 --eth2 (vid 20)
--
-- vlan_filtering 1 on both bridges; h1, h2 and h4 are on access ports of
-- vid 10 (pvid, egress untagged), h3 on an access port of vid 20; vid 1
-- is taken off the access ports.  All four hosts share one subnet, so
-- only the VLANs keep h3 apart:
--   * h1 pings h2: the ARP request is flooded within vid 10 (h2, and the
--     trunk, where it leaves with an 802.1Q tag, ID 10); h3's pcap stays
--     empty.
--   * h1 pings h4 across the trunk: every frame on the trunk (sw1-eth3)
--     carries the tag (tshark: "802.1Q Virtual LAN, PRI: 0, DEI: 0,
--     ID: 10"), the frames h1 and h4 see are untagged.
--   * h1 pings h3: the ARP requests never reach vid 20, no reply.
--   * h3 pings h4: its ARP request crosses the trunk tagged 20, but sw2's
--     end of the trunk is not in vid 20: dropped there (reason
--     NOT_SPECIFIED, the kernel's plain kfree_skb in br_allowed_ingress;
--     see the .sql) and counted.
-- `bridge vlan show` (-c: ranges) and `bridge fdb show` list the ports'
-- VLANs and the entries learned in vid 10.
--
-- The same setup on Linux (namespaces, veth, two bridges):
-- tests/kernel/bridge_vlan.sh.
local net = skbsim.network{ name = "bridge_vlan", seed = 1 }
local sw1, sw2 = net:bridge("sw1"), net:bridge("sw2")
local h = {}
for i = 1, 3 do
  h[i] = net:host("h" .. i)
  net:link(h[i], sw1, { delay = "10us" })     -- sw1 eth0..eth2
end
net:link(sw1, sw2, { delay = "10us" })        -- sw1 eth3 <-> sw2 eth0
h[4] = net:host("h4")
net:link(h[4], sw2, { delay = "10us" })       -- sw2 eth1

sw1:sh[[
  ip link set eth0 address 02:00:00:00:10:01
  ip link set eth1 address 02:00:00:00:10:02
  ip link set eth2 address 02:00:00:00:10:03
  ip link set eth3 address 02:00:00:00:10:04
  ip link set br0 type bridge vlan_filtering 1
  bridge vlan add dev eth0 vid 10 pvid untagged
  bridge vlan del dev eth0 vid 1
  bridge vlan add dev eth1 vid 10 pvid untagged
  bridge vlan del dev eth1 vid 1
  bridge vlan add dev eth2 vid 20 pvid untagged
  bridge vlan del dev eth2 vid 1
  bridge vlan add dev eth3 vid 10
  bridge vlan add dev eth3 vid 20
]]
sw2:sh[[
  ip link set eth0 address 02:00:00:00:20:01
  ip link set eth1 address 02:00:00:00:20:02
  ip link set br0 type bridge vlan_filtering 1
  bridge vlan add dev eth0 vid 10-19
  bridge vlan add dev eth1 vid 10 pvid untagged
  bridge vlan del dev eth1 vid 1
]]
for i = 1, 4 do
  h[i]:sh(([[
    ip link set lo up
    ip link set eth0 address 02:00:00:00:00:0%d
    ip addr add 10.0.10.%d/24 dev eth0
    ip link set eth0 up
  ]]):format(i, i))
end
net:capture()
net:metrics{}

local function show(node, cmd)
  io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
end

show(sw1, "bridge vlan show")
show(sw2, "bridge -c vlan show")
show(sw2, "bridge vlan show dev eth0 vid 15")
h[1]:spawn("ping -c 2 10.0.10.2", { at = "1s" })
h[1]:spawn("ping -c 1 10.0.10.4", { at = "4s" })
h[1]:spawn("ping -c 1 -W 1 10.0.10.3", { at = "6s" })
h[3]:spawn("ping -c 1 -W 1 10.0.10.4", { at = "8s" })
net:run("12s")
show(sw1, "bridge fdb show br br0")
show(sw2, "bridge fdb show vlan 10")
show(sw1, "bridge link show")
