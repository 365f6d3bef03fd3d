-- A dev_weight whose product with dev_weight_rx_bias wraps past INT_MAX
-- (found by the proc fuzz harness): 777777776 * 93 is negative as the
-- kernel's int arithmetic (-fno-strict-overflow) computes it.  The
-- backlog's quota is then below one; as on Linux, process_backlog()
-- still takes one packet a poll (the net_rx_action budget, 300, bounds
-- the round), so nothing is lost and the pings over the veth pair (whose
-- receive side is the backlog) all come back: b's backlog processed the
-- ARP request and the three echo requests (softnet_stat, first column).
-- The same on the transmit side with dev_weight_tx_bias: __qdisc_run()
-- sends one packet per run.  Was an internal error (napi.c: work >
-- quota), before that undefined behaviour (signed overflow).
local net = skbsim.network{ name = "dev_weight_wrap", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:link(a, b, { kind = "veth" })
a:sh("ip link set eth0 up\nip addr add 10.0.0.1/24 dev eth0")
b:sh("ip link set eth0 up\nip addr add 10.0.0.2/24 dev eth0")
for _, n in ipairs{ a, b } do
  n:sh[[
    sysctl -w net.core.dev_weight_rx_bias=93
    sysctl -w net.core.dev_weight_tx_bias=93
    sysctl -w net.core.dev_weight=777777776
  ]]
end
a:spawn("ping -c 3 -i 0.2 -s 1000 10.0.0.2", { at = "0s" })
net:run("1s")
print("b Ip.InReceives " .. b:counter("Ip.InReceives"))
io.write(b:sh("cat /proc/net/softnet_stat"))
