-- conf/default and the devices that already exist: a write to
-- net.ipv4.conf.default.X reaches every device that has not set X itself
-- (devinet_conf_proc -> devinet_copy_dflt_conf), lo included; a device
-- that has set X keeps its value; conf/all is untouched; a device made
-- later starts from default.  forwarding is not copied this way (its
-- handler, devinet_sysctl_forward, does not), nor are disable_policy and
-- the other values whose write flushes routes (ipv4_doint_and_flush).
--
-- On Linux 6.18 the same commands, in a namespace with veth pairs
-- eth0, eth1 and eth2 (and g's eth0 in a second namespace), print the
-- same lines (checked 2026-11-26).
local net = skbsim.network{ name = "devconf_default", seed = 1 }
local h, a, b, c = net:host("h"), net:host("a"), net:host("b"), net:host("c")
net:link(h, a, { kind = "veth" })
net:link(h, b, { kind = "veth" })

local function on(node)
  return function(cmd)
    print(node.name .. "$ " .. cmd)
    io.write(node:sh(cmd))
  end
end
local show = on(h)

show("sysctl -w net.ipv4.conf.eth1.rp_filter=1")
show("sysctl -w net.ipv4.conf.default.rp_filter=2")
show("sysctl net.ipv4.conf.eth0.rp_filter net.ipv4.conf.eth1.rp_filter net.ipv4.conf.lo.rp_filter net.ipv4.conf.all.rp_filter")
show("sysctl -w net.ipv4.conf.default.rp_filter=0")
show("sysctl net.ipv4.conf.eth0.rp_filter net.ipv4.conf.eth1.rp_filter")
-- arp_ignore set on eth0 only; default's write reaches eth1 and lo
show("sysctl -w net.ipv4.conf.eth0.arp_ignore=1")
show("sysctl -w net.ipv4.conf.default.arp_ignore=2")
show("sysctl net.ipv4.conf.eth0.arp_ignore net.ipv4.conf.eth1.arp_ignore net.ipv4.conf.lo.arp_ignore")
-- not copied: disable_policy (a flushing value) and forwarding
show("sysctl -w net.ipv4.conf.default.disable_policy=1")
show("sysctl -w net.ipv4.conf.default.forwarding=1")
show("sysctl net.ipv4.conf.eth0.disable_policy net.ipv4.conf.eth0.forwarding")
-- a device made now starts from default's values
net:link(h, c, { kind = "veth" })
show("sysctl net.ipv4.conf.eth2.rp_filter net.ipv4.conf.eth2.arp_ignore net.ipv4.conf.eth2.disable_policy net.ipv4.conf.eth2.forwarding")
-- a device that has set nothing, after default's forwarding and
-- disable_policy changed: default's rp_filter and arp_ignore reach it,
-- forwarding and disable_policy do not
local g, k = net:host("g"), net:host("k")
net:link(g, k, { kind = "veth" })
local gshow = on(g)
gshow("sysctl -w net.ipv4.conf.default.forwarding=1")
gshow("sysctl -w net.ipv4.conf.default.rp_filter=1")
gshow("sysctl -w net.ipv4.conf.default.disable_policy=1")
gshow("sysctl -w net.ipv4.conf.default.arp_ignore=1")
gshow("sysctl net.ipv4.conf.eth0.forwarding net.ipv4.conf.eth0.rp_filter net.ipv4.conf.eth0.disable_policy net.ipv4.conf.eth0.arp_ignore")
net:run("1ms")
