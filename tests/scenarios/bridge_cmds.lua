-- brctl (bridge-utils 1.7) and bridge (iproute2 6.1) on a host: creating
-- a bridge, enslaving ports, the tables they print, the FDB edited by
-- hand, and every error the real tools give for it, with exit statuses
-- (brctl: 1 for any failure; bridge: 255).
--
--   a --- eth0 [n: br0] eth1 --- b        eth2 --- c (left out of br0)
--
-- The messages were taken from bridge-utils 1.7.1 and iproute2 6.1 on
-- Linux 6.18 (namespaces, veth).  Differences, all of skbsim: no
-- "self" rows of the devices' multicast lists in `bridge fdb show`;
-- `bridge fdb add ... self` to a port (the default without "master") is
-- refused, since devices keep no unicast address list.  That kernel had
-- no CONFIG_BRIDGE_VLAN_FILTERING; the "vlan 1" rows are what a kernel
-- with it prints (every port starts in default_pvid 1).
local net = skbsim.network{ name = "bridge_cmds", seed = 1 }
local n, a, b, c = net:host("n"), net:host("a"), net:host("b"), net:host("c")
net:link(a, n, { kind = "veth" })
net:link(b, n, { kind = "veth" })
net:link(c, n, { kind = "veth" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

n:sh[[
  ip link set eth0 address 02:00:00:00:00:10
  ip link set eth1 address 02:00:00:00:00:11
  ip link set eth2 address 02:00:00:00:00:12
]]
a:sh[[
  ip link set eth0 address 02:00:00:00:00:0a
  ip addr add 10.0.0.1/24 dev eth0
  ip link set eth0 up
]]
b:sh[[
  ip link set eth0 address 02:00:00:00:00:0b
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]

-- brctl: usage, bridges, ports
run(n, "brctl")
run(n, "brctl -V")
run(n, "brctl frobnicate")
run(n, "brctl addbr")
run(n, "brctl addbr br0")
run(n, "brctl addbr br0")
run(n, "brctl addbr eth0")
run(n, "brctl addbr a/b")
run(n, "brctl addif br0 eth0")
run(n, "brctl addif br0 eth1")
run(n, "brctl addif br0 eth0")
run(n, "brctl addbr br1")
run(n, "brctl addif br1 eth0")
run(n, "brctl addif br0 br1")
run(n, "brctl addif br0 lo")
run(n, "brctl addif br0 eth9")
run(n, "brctl addif br9 eth2")
run(n, "brctl addif eth2 eth1")
run(n, "brctl delif br0 eth2")
run(n, "brctl delif eth2 eth1")
run(n, "brctl delif br0 eth9")
run(n, "brctl show")
run(n, "brctl show br0 eth2 br9")
run(n, "ip link set br1 up")
run(n, "brctl delbr br1")
run(n, "brctl delbr eth2")
run(n, "brctl delbr br9")
run(n, "ip link set br1 down")
run(n, "brctl delbr br1")

-- settings: values, ranges, a device that is no bridge or no port
run(n, "brctl stp br0 maybe")
run(n, "brctl stp br9 on")
run(n, "brctl stp eth2 on")
run(n, "brctl setageing br0 abc")
run(n, "brctl setageing br0 100")
run(n, "brctl setfd br0 1")
run(n, "brctl setfd br0 4")
run(n, "brctl sethello br0 0.5")
run(n, "brctl sethello br0 1")
run(n, "brctl setmaxage br0 50")
run(n, "brctl setmaxage br0 10")
run(n, "brctl setbridgeprio br0 x")
run(n, "brctl setbridgeprio br9 100")
run(n, "brctl setbridgeprio br0 70000")
run(n, "brctl setpathcost br0 eth0 x")
run(n, "brctl setpathcost br0 eth0 0")
run(n, "brctl setpathcost br0 eth0 10")
run(n, "brctl setpathcost br0 eth2 10")
run(n, "brctl setpathcost br0 eth9 10")
run(n, "brctl setportprio br0 eth1 x")
run(n, "brctl setportprio br0 eth1 300")
run(n, "brctl setportprio br0 eth1 10")
run(n, "brctl hairpin br0 eth1 x")
run(n, "brctl hairpin br9 eth1 on")
run(n, "brctl hairpin br0 eth2 on")
run(n, "brctl hairpin br0 eth1 on")
run(n, "brctl showstp eth2")
run(n, "brctl showstp br9")
run(n, "ip link set eth0 up")
run(n, "ip link set eth1 up")
run(n, "ip link set br0 up")

-- learning (no STP: the ports forward at once): a pings b, then the tables
a:spawn("ping -c 1 10.0.0.2", { at = "1s" })
net:run("3s")

run(n, "brctl showmacs br0")
run(n, "brctl showmacs eth2")
run(n, "brctl showmacs br9")
run(n, "bridge fdb show br br0")
run(n, "bridge -s fdb show dev eth0")

-- bridge fdb by hand
run(n, "bridge fdb add 02:00:00:00:00:77 dev eth0 master static")
run(n, "bridge fdb add 02:00:00:00:00:77 dev eth0 master static")
run(n, "bridge fdb add 02:00:00:00:00:78 dev eth1 master")
run(n, "bridge fdb add 02:00:00:00:00:79 dev eth1 master dynamic vlan 1")
run(n, "bridge fdb add 02:00:00:00:00:7a dev eth1 master vlan 5")
run(n, "bridge fdb add 02:00:00:00:00:7a dev eth1 master vlan 5000")
run(n, "bridge fdb add 02:00:00:00:00:7b dev br0 self static")
run(n, "bridge fdb add 02:00:00:00:00:7b dev br0 self")
run(n, "bridge fdb append 02:00:00:00:00:7b dev br0 self master")
run(n, "bridge fdb show dev br0")
run(n, "bridge fdb add 02:00:00:00:00:7c dev br0 master")
run(n, "bridge fdb add 02:00:00:00:00:7d dev eth2 master")
run(n, "bridge fdb add 02:00:00:00:00:7e dev eth0")
run(n, "bridge fdb add zz:00 dev eth0 master")
run(n, "bridge fdb add 02:00:00:00:00:7f")
run(n, "bridge fdb add 02:00:00:00:00:7f dev eth9 master")
run(n, "bridge fdb show br br0 state static")
run(n, "bridge fdb replace 02:00:00:00:00:77 dev eth1 master")
run(n, "bridge fdb show brport eth1")
run(n, "bridge fdb del 02:00:00:00:00:77 dev eth1 master vlan 1")
run(n, "bridge fdb del 02:00:00:00:00:77 dev eth1 master")
run(n, "bridge fdb del 02:00:00:00:00:77 dev eth1 master")
run(n, "bridge fdb del 02:00:00:00:00:78 dev eth0")
run(n, "bridge fdb show dev eth1 vlan 1")
run(n, "bridge fdb show dynamic")
run(n, "bridge fdb show br eth0")
run(n, "bridge fdb show br br9")
run(n, "bridge fdb show dev eth9")
run(n, "bridge fdb get 02:00:00:00:00:0a br br0")
run(n, "bridge fdb get 02:00:00:00:00:11 dev eth1 vlan 1")
run(n, "bridge fdb get 02:00:00:00:00:99 br br0")
run(n, "bridge fdb get 02:00:00:00:00:0a dev eth2")
run(n, "bridge fdb get 02:00:00:00:00:0a br eth2")
run(n, "bridge fdb get 02:00:00:00:00:0a")
run(n, "bridge fdb get zz br br0")

-- STP on: the ports listen, showstp shows the ids, costs and timers
run(n, "brctl stp br0 on")
net:run("1s")
run(n, "brctl showstp br0")
run(n, "bridge link show")
run(n, "bridge -d link show dev eth1")
run(n, "bridge link set dev eth1 state forwarding")
run(n, "brctl stp br0 off")

-- bridge link set: flags, cost, priority, state
run(n, "bridge link set dev eth1 hairpin off learning off flood off isolated on guard on")
run(n, "bridge link set dev eth1 cost 7 priority 20 state blocking")
run(n, "bridge -d link show dev eth1")
run(n, "bridge link set dev eth1 state forwarding learning on flood on isolated off guard off")
run(n, "bridge link set dev eth1 hairpin maybe")
run(n, "bridge link set dev eth1 cost 0")
run(n, "bridge link set dev eth1 cost 70000")
run(n, "bridge link set dev eth1 priority 64")
run(n, "bridge link set dev eth1 state bogus")
run(n, "bridge link set dev eth1 state 9")
run(n, "bridge link set dev eth2 state 0")
run(n, "bridge link set dev eth2 cost 5")
run(n, "bridge link set dev eth9 cost 5")
run(n, "bridge link set cost 5")
run(n, "bridge link set dev br0 self cost 5")
run(n, "bridge link set dev eth1 locked on")
run(n, "ip link set eth1 down")
run(n, "bridge link set dev eth1 state 3")
run(n, "ip link set eth1 up")
run(n, "bridge link show")

-- bridge vlan and link errors
run(n, "bridge vlan add dev eth0 vid 0")
run(n, "bridge vlan add dev eth0 vid 4095")
run(n, "bridge vlan add dev eth0 vid 5000")
run(n, "bridge vlan add dev eth0 vid 20-10")
run(n, "bridge vlan add dev eth0 vid 10-20 pvid")
run(n, "bridge vlan add dev eth0")
run(n, "bridge vlan add dev eth9 vid 10")
run(n, "bridge vlan add dev eth2 vid 10")
run(n, "bridge vlan add dev eth0 vid 10 self")
run(n, "bridge vlan add dev br0 vid 10")
run(n, "bridge vlan add dev br0 vid 10 self")
run(n, "bridge vlan add dev eth0 vid 10 untagged")
run(n, "bridge vlan del dev eth0 vid 30")
run(n, "bridge vlan show")
run(n, "bridge vlan show dev eth9")
run(n, "bridge vlan frob")
run(n, "bridge link show dev eth9")
run(n, "bridge link frob")
run(n, "bridge fdb frob")
run(n, "bridge frob")
run(n, "bridge -z fdb")

-- a failing command in a plain node:sh is a Lua error
print(select(2, pcall(n.sh, n, "brctl addif br0 eth0")))

-- the bridge goes
run(n, "ip link set br0 down")
run(n, "brctl delbr br0")
run(n, "brctl show")
run(n, "bridge link show")
