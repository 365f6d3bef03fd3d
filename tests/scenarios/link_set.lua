-- ip link set: up/down, mtu, address, broadcast, txqueuelen, flags, name,
-- several changes in one command (applied in the kernel's do_setlink()
-- order), and the errors iproute2 and the kernel give, with statuses.
local net = skbsim.network{ name = "link_set" }
local h1, h2 = net:host("h1"), net:host("h2")
net:link(h1, h2)
net:link(h1, h2, { kind = "veth" })

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

run(h1, "ip link set dev eth0 mtu 9000 txqueuelen 5000 promisc on arp off multicast off")
run(h1, "ip link show eth0")
run(h1, "ip -d link show eth0")
run(h1, "ip link set eth0 promisc off arp on multicast on allmulticast on dynamic on trailers off")
run(h1, "ip link show eth0")
run(h1, "ip link set eth0 allmulticast off dynamic off trailers on txqueuelen 0")
run(h1, "ip link show eth0")
-- a NIC's address changes while it is down; the old one shows as permaddr
run(h1, "ip link set eth0 address 02:00:00:00:00:01 broadcast ff:ff:ff:ff:ff:fe")
run(h1, "ip link show eth0")
run(h1, "ip link set eth0 up")
run(h1, "ip link set eth0 address 02:00:00:00:00:02")
-- a veth may change it while up
run(h1, "ip link set eth1 up address 02:00:00:00:00:03")
run(h1, "ip link show eth1")
run(h1, "ip link set eth0 down")
run(h1, "ip link set eth0 name lan0 mtu 1400 up")
run(h1, "ip -br link")
-- several in one, in do_setlink()'s order: the mtu applies, then the
-- rename of a running device fails
run(h1, "ip link set lan0 mtu 1300 name lan1")
run(h1, "ip link show lan0")
run(h1, "ip link set lan0 down")
run(h1, "ip link set lan0 name eth1")
-- errors from ip itself (status 255 or 1) and from the kernel (status 2)
for _, cmd in ipairs {
  "ip link set dev eth9 up",
  "ip link set lan0 mtu 70000",
  "ip link set lan0 mtu 60",
  "ip link set lan0 mtu -1",
  "ip link set lan0 mtu abc",
  "ip link set lan0 mtu",
  "ip link set lan0 mtu 1500 mtu 1400",
  "ip link set lan0 address xx",
  "ip link set lan0 address 11:zz:33:44:55:66",
  "ip link set lan0 address 11:22:33:44:55",
  "ip link set lan0 address 1.2.3.4",
  "ip link set eth1 address 01:00:5e:00:00:01",
  "ip link set eth1 address 00:00:00:00:00:00",
  "ip link set lan0 txqueuelen many",
  "ip link set lan0 promisc maybe",
  "ip link set lan0 arp 1",
  "ip link set lan0 carrier on",
  "ip link set lan0 carrier maybe",
  "ip link set lan0 name a/b",
  "ip link set lan0 name abcdefghijklmnopq",
  "ip link set lan0 frob",
  "ip link set dev lan0 dev eth1",
  "ip link set up",
  "ip link set",
  "ip link set lan0 master br0",
  "ip link set lan0 netns h2",
  "ip link set lan0 type veth peer name x",
} do run(h1, cmd) end
-- ip -s -s after a change: the counts and the carrier transitions
run(h1, "ip -s -s link show lo")
