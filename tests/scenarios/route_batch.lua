-- Table names from /etc/iproute2/rt_tables and `ip -batch`.
--
-- A node has Debian 12's rt_tables until it writes its own: names added
-- with `echo ... >> /etc/iproute2/rt_tables` work in `ip route` and
-- `ip rule` and are printed back, a malformed line is reported as
-- iproute2 reports it.  `ip -batch FILE` runs one command a line (comments,
-- continuations): the first failure ends it with "Command failed FILE:LINE"
-- unless -force; an invalid argument (iproute2 exits) ends it even then.
-- Last, 100,000 routes written with node:write are loaded by one batch.
--
-- Checked against Linux 6.18 and iproute2 6.1 with tests/kernel/route_batch.sh
-- (the same commands in a namespace): identical output and exit statuses,
-- except that the real box also prints its IPv6 link-local routes.
local net = skbsim.network{ name = "route_batch", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:link(a, b, { kind = "veth" })
b:sh("ip link set eth0 up")

-- the command, its stderr and stdout, and its exit status, as the
-- kernel script prints them (2>&1)
local function x(cmd)
  local out, status, err = a:sh(cmd, { check = false })
  io.write("$ ", cmd, "\n", err, out, "[exit ", status, "]\n")
end

a:sh[[
  ip link set lo up
  ip link set eth0 up
  ip addr add 10.0.0.1/24 dev eth0
]]
x("cat /etc/iproute2/rt_tables")
a:sh[[
  echo '200	isp1' >> /etc/iproute2/rt_tables
  echo '0x10 isp2 # the second' >> /etc/iproute2/rt_tables
]]
x("ip route add default via 10.0.0.254 table isp1")
x("ip route add default via 10.0.0.253 table isp2")
x("ip route add default via 10.0.0.252 table 201")
x("ip rule add from 10.0.0.0/24 lookup isp1")
x("ip rule add fwmark 7 table isp2")
x("ip rule")
x("ip route show table all type unicast")
x("ip route show table isp1")
x("ip route show table isp3")
x("ip route flush table isp1")

a:sh[[
  echo '# routes for table isp2' > /tmp/rtb.1
  echo 'route add 10.1.0.0/16 via 10.0.0.2 table isp2' >> /tmp/rtb.1
  echo 'route add 10.2.0.0/16 \' >> /tmp/rtb.1
  echo '      via 10.0.0.3 table isp2   # continued' >> /tmp/rtb.1
  echo 'route add 10.1.0.0/16 via 10.0.0.2 table isp2' >> /tmp/rtb.1
  echo 'route add 10.3.0.0/16 via 10.0.0.4 table isp2' >> /tmp/rtb.1
]]
x("ip -batch /tmp/rtb.1")
x("ip route show table isp2")
x("ip -force -batch /tmp/rtb.1")
x("ip route show table isp2")
a:write("/tmp/rtb.2", "route add 10.4.0.0/16 via 10.0.0.5 table isp2\n" ..
                      "route add 10.5.0.0/16 via 10.0.0.5 table nosuch\n" ..
                      "route add 10.6.0.0/16 via 10.0.0.5 table isp2\n")
x("ip -force -batch /tmp/rtb.2")
x("ip route show table isp2")
a:write("/tmp/rtb.3", "link set eth0 mtu 1400\nlink show eth0 bogus\n")
x("ip -b /tmp/rtb.3")
x("ip -batch /tmp/rtb.none")
a:sh("echo 300 >> /etc/iproute2/rt_tables")
x("ip route show table isp2")

-- 100,000 /32 routes in table 100 from one batch file
local lines = {}
for i = 0, 99999 do
  lines[#lines + 1] = string.format("route add 172.%d.%d.%d/32 via 10.0.0.9 table 100",
                                    16 + i // 65536, i // 256 % 256, i % 256)
end
a:write("/tmp/big", table.concat(lines, "\n") .. "\n")
a:sh("ip -batch /tmp/big")
io.write(a:sh("ip route show table 100 172.17.134.159"))
local n = select(2, a:sh("ip route show table 100"):gsub("\n", "\n"))
print("table 100 routes: " .. n)
