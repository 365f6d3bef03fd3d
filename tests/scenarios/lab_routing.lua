-- Pins the routing lab (topologies/labs/routing.lua, docs/labs/routing.md)
-- under `skbsim run`, with the reference solution: the rules and tables,
-- what `ip route get` decides for each source, the pings (stdout), then
-- the lab's questions 4 and 5 played on the same network:
--   4. without `from 100.64.2.2 lookup isp2`, r1's marked ping gets no
--      reply: r1's own rp_filter drops it (IP_RPFILTER on r1 eth3);
--   5. without the source rule, h2's pings leave by isp1, whose
--      rp_filter drops them (IP_RPFILTER on isp1 eth0).
-- lab_routing.sql counts those drops; the r1-eth3 capture shows which
-- packets took the second uplink.  The same steps on Linux 6.18 (skbsim
-- run --backend=linux) print the same rules, routes and ping verdicts.
local net = dofile("../../topologies/labs/routing.lua")
local h2, r1 = net:node("h2"), net:node("r1")
local function show(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out, err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

print("== question 4: no rule for r1's address on isp2's link")
show(r1, "ip rule del pref 310")
r1:spawn("ping -c 2 -W 1 -m 2 198.51.100.10", { at = "11s" })
net:run("3s")                                   -- to 13 s
-- the reply as r1's input route sees it: the way back to srv is eth2
show(r1, "ip route get 100.64.2.2 from 198.51.100.10 iif eth3")

print("== question 5: no source rule")
show(r1, "ip rule del from 10.0.2.0/24")
show(r1, "ip route get 198.51.100.10 from 10.0.2.2 iif eth1")
h2:spawn("ping -c 2 -W 1 198.51.100.10", { at = "14s" })
net:run("4s")                                   -- to 17 s
