-- topologies/labs/routing.lua - the IPv4 and policy routing lab
-- (docs/labs/routing.md): a site with two uplinks, one address block
-- from each ISP, and r1 to configure so that each block leaves by its
-- own ISP.
--
--   h1 10.0.1.2 --eth0--+        +--eth2 100.64.1.2 -- 100.64.1.1 isp1 --+
--                       |   r1   |                                       +-- srv
--   h2 10.0.2.2 --eth1--+        +--eth3 100.64.2.2 -- 100.64.2.1 isp2 --+  198.51.100.10
--
-- Both ISPs filter their customers' sources (strict rp_filter: a packet
-- from 10.0.2.2 reaching isp1 is dropped, IP_RPFILTER).  Everything but
-- r1 is configured here; r1's configuration is the student's.
--
--   skbsim run topologies/labs/routing.lua       the reference solution
--                                                (routing/solution/r1.sh)
--   skbsim grade topologies/labs/routing.lua DIR DIR/r1.sh, then the checks
local grade = skbsim.grade      -- nil under `skbsim run`
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or ""

local net = skbsim.network{ name = "routing", seed = 1 }
local h1, h2 = net:host("h1"), net:host("h2")
local r1 = net:router("r1")
local isp1, isp2 = net:router("isp1"), net:router("isp2")
local srv = net:host("srv")
net:link(h1, r1, { delay = "1ms" })       -- h1 eth0 - r1 eth0
net:link(h2, r1, { delay = "1ms" })       -- h2 eth0 - r1 eth1
net:link(r1, isp1, { delay = "5ms" })     -- r1 eth2 - isp1 eth0
net:link(r1, isp2, { delay = "5ms" })     -- r1 eth3 - isp2 eth0
net:link(isp1, srv, { delay = "10ms" })   -- isp1 eth1 - srv eth0
net:link(isp2, srv, { delay = "10ms" })   -- isp2 eth1 - srv eth1

h1:sh[[
  ip addr add 10.0.1.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.1.1
]]
h2:sh[[
  ip addr add 10.0.2.2/24 dev eth0
  ip link set eth0 up
  ip route add default via 10.0.2.1
]]
-- Each ISP routes its own customer block to r1 and everything else
-- towards the rest of the Internet (srv); rp_filter=1 is ingress
-- filtering: a source whose route back is not the interface it came in
-- on is dropped.
isp1:sh[[
  ip addr add 100.64.1.1/30 dev eth0
  ip addr add 192.0.2.1/30 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 100.64.1.2
  ip route add default via 192.0.2.2
  sysctl -w net.ipv4.conf.all.rp_filter=1
]]
isp2:sh[[
  ip addr add 100.64.2.1/30 dev eth0
  ip addr add 192.0.2.5/30 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.0.2.0/24 via 100.64.2.2
  ip route add default via 192.0.2.6
  sysctl -w net.ipv4.conf.all.rp_filter=1
]]
-- srv stands for the Internet: it knows which ISP announces which block.
srv:sh[[
  ip link set lo up
  ip addr add 198.51.100.10/32 dev lo
  ip addr add 192.0.2.2/30 dev eth0
  ip addr add 192.0.2.6/30 dev eth1
  ip link set eth0 up
  ip link set eth1 up
  ip route add 10.0.1.0/24 via 192.0.2.1
  ip route add 100.64.1.0/30 via 192.0.2.1
  ip route add 10.0.2.0/24 via 192.0.2.5
  ip route add 100.64.2.0/30 via 192.0.2.5
]]

-- r1: the student's file under `skbsim grade`, else the reference solution
if grade then
  grade.config(r1)
else
  local f = assert(io.open(here .. "routing/solution/r1.sh"))
  r1:sh(f:read("a"))
  f:close()
end

net:capture()
net:metrics{}
for _, n in ipairs{ r1, isp1 } do n:sh("nstat -n") end

local ping = {
  h1 = h1:spawn("ping -c 3 -W 1 198.51.100.10", { at = "1s" }),
  h2 = h2:spawn("ping -c 3 -W 1 198.51.100.10", { at = "1s" }),
  lan = h2:spawn("ping -c 2 -W 1 10.0.1.2", { at = "5s" }),
  r1 = r1:spawn("ping -c 2 -W 1 -m 2 198.51.100.10", { at = "7s" }),
}
net:run("10s")

if not grade then
  local function show(node, cmd)
    io.write(node.name, "$ ", cmd, "\n", node:sh(cmd))
  end
  show(r1, "ip rule show")
  show(r1, "ip route show")
  show(r1, "ip route show table isp2")
  show(r1, "ip route get 198.51.100.10 from 10.0.1.2 iif eth0")
  show(r1, "ip route get 198.51.100.10 from 10.0.2.2 iif eth1")
  show(r1, "ip route get 10.0.1.2 from 10.0.2.2 iif eth1")
  show(r1, "ip route get 198.51.100.10")
  show(r1, "ip route get 198.51.100.10 mark 2")
  show(r1, "nstat IpForwDatagrams IpOutRequests IcmpOutEchos IcmpInEchoReps")
  show(isp1, "nstat IpInReceives IpForwDatagrams")
  return net        -- tests/scenarios/lab_routing.lua goes on from here
end

-- The checks: r1's state first, then what the packets did.
grade.route{ node = r1, has = "default via 100.64.1.1 dev eth2",
  hint = "the main table's default route goes to isp1 (ip route add default via 100.64.1.1)" }
grade.cmd{ node = r1, cmd = "cat /etc/iproute2/rt_tables", match = "^200%s+isp2$",
  what = "r1: table 200 is named isp2 in /etc/iproute2/rt_tables",
  hint = 'echo "200 isp2" >> /etc/iproute2/rt_tables' }
grade.route{ node = r1, table = "isp2", has = "default via 100.64.2.1 dev eth3",
  hint = "table isp2 needs its own default route, through isp2's address on eth3's subnet" }
grade.rule{ node = r1, match = "^%d+: from 10%.0%.2%.0/24 lookup isp2$",
  what = "r1: a rule sends what comes from 10.0.2.0/24 to table isp2",
  hint = "a rule selects table isp2 by source address: ip rule add from 10.0.2.0/24 lookup isp2" }
grade.rule{ node = r1, match = "^%d+: from all fwmark 0x2 lookup isp2$",
  what = "r1: a rule sends packets marked 2 to table isp2",
  hint = "ip rule add fwmark 2 lookup isp2" }
grade.cmd{ node = r1, cmd = "sysctl net.ipv4.conf.all.rp_filter",
  has = "net.ipv4.conf.all.rp_filter = 1", what = "r1: strict reverse-path filtering",
  hint = "strict reverse-path filtering: sysctl -w net.ipv4.conf.all.rp_filter=1" }
grade.cmd{ node = r1, cmd = "ip route get 198.51.100.10 from 10.0.1.2 iif eth0",
  match = "via 100%.64%.1%.1 dev eth2",
  what = "r1: `ip route get 198.51.100.10 from 10.0.1.2 iif eth0` goes to isp1",
  hint = "h1's block (10.0.1.0/24) belongs to isp1: the main table's default route" }
grade.cmd{ node = r1, cmd = "ip route get 198.51.100.10 from 10.0.2.2 iif eth1",
  match = "via 100%.64%.2%.1 dev eth3 table isp2",
  what = "r1: `ip route get 198.51.100.10 from 10.0.2.2 iif eth1` goes to isp2",
  hint = "h2's block (10.0.2.0/24) belongs to isp2: its packets must be looked up in table isp2" }
grade.cmd{ node = r1, cmd = "ip route get 10.0.1.2 from 10.0.2.2 iif eth1",
  match = "^10%.0%.1%.2 from 10%.0%.2%.2 dev eth0$",
  what = "r1: `ip route get 10.0.1.2 from 10.0.2.2 iif eth1` stays on the site",
  hint = "h2 to h1 stays on the site: the source rule must not send it to isp2 " ..
         "(a rule with a lower preference for the LAN, or the LAN route in table isp2)" }
grade.output{ node = h1, pid = ping.h1, match = "^3 packets transmitted, 3 received",
  what = "h1 pings srv: 3 replies", hint = "h1's requests leave by isp1" }
grade.output{ node = h2, pid = ping.h2, match = "^3 packets transmitted, 3 received",
  what = "h2 pings srv: 3 replies",
  hint = "isp1 drops what comes from isp2's block (rp_filter): h2 must leave by isp2" }
grade.output{ node = h2, pid = ping.lan, match = "^2 packets transmitted, 2 received",
  what = "h2 pings h1: 2 replies", hint = "traffic between the LANs must not leave the site" }
grade.output{ node = r1, pid = ping.r1, match = "^2 packets transmitted, 2 received",
  what = "r1's ping -m 2 to srv: 2 replies",
  hint = "packets marked 2 leave by isp2; with strict rp_filter on r1, how does the " ..
         "reply to 100.64.2.2 find its way back in r1's rules?" }
grade.packets{ node = r1, dev = "eth3",
  filter = "icmp[icmptype] == icmp-echo and src host 10.0.2.2 and dst host 198.51.100.10", eq = 3, what = "r1 sends h2's 3 echo requests to isp2 (eth3)",
  hint = "source-based routing: from 10.0.2.0/24 lookup isp2" }
grade.packets{ node = r1, dev = "eth2", filter = "src net 10.0.2.0/24", eq = 0,
  what = "nothing from h2's block leaves by isp1 (eth2)",
  hint = "isp1 drops those (strict rp_filter): see the drops table of metrics.db" }
grade.packets{ node = r1, dev = "eth3",
  filter = "icmp[icmptype] == icmp-echo and src host 100.64.2.2", eq = 2, what = "r1's marked echo requests leave by eth3 from 100.64.2.2",
  hint = "ip rule add fwmark 2 lookup isp2" }
grade.drops{ node = isp1, reason = "IP_RPFILTER", eq = 0,
  what = "isp1 drops nothing for a bad source (IP_RPFILTER)",
  hint = "a packet from 10.0.2.0/24 was sent to isp1" }
grade.neigh{ node = r1, dst = "100.64.2.1", dev = "eth3", state = "REACHABLE|STALE|DELAY|PROBE",
  hint = "r1 never sent anything to isp2" }
