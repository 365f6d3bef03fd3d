-- tests/grade/api/lab.lua - every grade helper once, on a bridge with two
-- hosts (tests/cli/test_grade.sh runs it on api-student/ and pins the
-- verdict in api.expected).  h1's file has a failing line in the middle
-- and a continued line: the lines after it still run.
local grade = skbsim.grade
local net = skbsim.network{ name = "api" }
local sw, h1, h2 = net:bridge("sw"), net:host("h1"), net:host("h2")
net:link(h1, sw)
net:link(h2, sw)
h2:sh[[
  ip link set eth0 address 02:00:00:00:00:02
  ip addr add 10.0.0.2/24 dev eth0
  ip link set eth0 up
]]
grade.check("skbsim.grade.dir is the student's directory", grade.dir:match("api%-student$") ~= nil)
grade.check("grade.config says whether every line ran", grade.config(h1) == false,
  "h1.sh has one failing line")
grade.check("a missing file configures nothing", grade.config(h2) == true)
net:capture()
h1:spawn("ping -c 2 10.0.0.2", { at = "1s" })
net:run("4s")
grade.cmd{ node = h1, cmd = "ip -br addr show eth0", match = "^eth0 UP 10%.0%.0%.1/24$" }
grade.cmd{ node = h1, cmd = "ip route show table 7", has = "x", hint = "a failing command is a failed check" }
grade.route{ node = h1, has = "10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1" }
grade.route{ node = h1, table = "local", match = "^local 10%.0%.0%.1 ", absent = true,
  hint = "absent = true passes when no line matches" }
grade.rule{ node = h1, has = "32766: from all lookup main" }
grade.neigh{ node = h1, dst = "10.0.0.2", dev = "eth0", state = "REACHABLE" }
grade.neigh{ node = h1, dst = "10.0.0.99", state = "REACHABLE", hint = "no entry at all" }
grade.fdb{ node = sw, mac = "02:00:00:00:00:01", dev = "eth0" }
grade.fdb{ node = sw, mac = "02:00:00:00:00:02", dev = "eth0", absent = true }
grade.counter{ node = h1, name = "Ip.OutRequests", eq = 2 }
grade.counter{ node = h1, name = "Icmp.InEchoReps", min = 3, hint = "only two were sent" }
grade.drops{ node = h2, max = 0 }
grade.output{ node = h1, prog = "ping", has = "2 packets transmitted, 2 received, 0% packet loss, time 1016ms" }
grade.output{ node = h2, match = "." , absent = true }
grade.packets{ node = h2, dev = "eth0", filter = "icmp[icmptype] == icmp-echoreply", eq = 2 }
grade.packets{ node = h2, dev = "eth0", filter = "arp", min = 1, max = 2 }
grade.packets{ node = sw, dev = "eth9", eq = 0, what = "no such interface: no packets" }
if skbsim.args.bad == "filter" then
  grade.packets{ node = h2, dev = "eth0", filter = "icmp and and" }
elseif skbsim.args.bad == "counter" then
  grade.counter{ node = h1, name = "Ip.Nope", eq = 0 }
elseif skbsim.args.bad == "option" then
  grade.route{ node = h1, hsa = "x" }
elseif skbsim.args.bad == "pattern" then
  grade.rule{ node = h1, match = "[" }
end
