-- Bad input to pktgen's /proc files is refused as the kernel refuses it:
-- a write error (the shell prints "echo: write error: ...") and, for a
-- device's parameters, the reason on its Result line.  Nothing crashes.
local net = skbsim.network{ name = "pktgen_errors", seed = 1 }
local a, b = net:host("a", { cpus = 2 }), net:host("b")
net:link(a, b)

local function try(node, text)
  local _, status, err = node:sh(text, { check = false })
  print(string.format("%-58s -> %d %s", text, status, (err or ""):gsub("\n$", "")))
end

local function result(node, file)
  print((node:sh("cat /proc/net/pktgen/" .. file):match("Result: .*\n")))
end

print(a:sh("cat /proc/net/pktgen/pgctrl"))
try(a, "echo add_device eth0 > /proc/net/pktgen/kpktgend_0")      -- down
try(a, "ip link set dev eth0 up")
try(b, "ip link set dev eth0 up")
try(a, "echo add_device eth9 > /proc/net/pktgen/kpktgend_0")
result(a, "kpktgend_0")
try(a, "echo add_device eth0 > /proc/net/pktgen/kpktgend_2")      -- 2 CPUs
try(a, "echo add_device eth0 > /proc/net/pktgen/kpktgend_1")
try(a, "echo add_device eth0 > /proc/net/pktgen/kpktgend_0")      -- taken
result(a, "kpktgend_0")
try(a, "echo frobnicate > /proc/net/pktgen/kpktgend_0")
try(a, "echo max_before_softirq 10 > /proc/net/pktgen/kpktgend_0")
result(a, "kpktgend_0")
try(a, "echo go > /proc/net/pktgen/pgctrl")
try(a, "echo count 10 > /proc/net/pktgen/eth1")

for _, w in ipairs{
  "foo 1", "config 1", "count", "count 12abc", "pkt_size 9999999999",
  "rate 0", "ratep 0", "dst_mac 00:11:22:33:44", "src_mac xx:11:22:33:44:55",
  "clone_skb 100", "burst 8", "flag BOGUS", "xmit_mode warp", "vlan_p 9",
  "tos 1", "mpls 00000000", "imix_weights 64", "node 3", "\"dst\"=\"10.1.1.1\"",
  "pkt_size 60",
} do
  try(a, "echo '" .. w .. "' > /proc/net/pktgen/eth0")
  result(a, "eth0")
end

-- a huge frame cannot be allocated: the run keeps trying, as the kernel does
try(a, "echo 'pkt_size 70000' > /proc/net/pktgen/eth0")
try(a, "echo start > /proc/net/pktgen/pgctrl")
net:run("1ms")
result(a, "eth0")
try(a, "echo stop > /proc/net/pktgen/pgctrl")
result(a, "eth0")
try(a, "echo reset > /proc/net/pktgen/pgctrl")
print(a:sh("cat /proc/net/pktgen/kpktgend_1"))
try(a, "cat /proc/net/pktgen/eth0")
