-- Malformed BPDUs at a switch running STP: x puts hand-made frames to the
-- STP group address on its link to sw (node:inject, as a packet socket
-- would), one per kind of damage, each announcing a root far better than
-- sw.  sw drops each in br_stp_rcv (the reasons are in metrics.db) and its
-- tree does not move; then the same BPDU undamaged makes x's side the
-- root port at once.
--
--   x eth0 ---- eth0 sw eth1 ---- eth0 y
--
-- What Linux does with these differs only in where: llc_rcv() and
-- stp_pdu_rcv() throw away what is not LLC 0x42/0x42/UI (or not 802.3),
-- br_stp_rcv() the rest, all with a plain kfree_skb(); the model names
-- the reasons (PKT_TOO_SMALL, INVALID_PROTO, UNHANDLED_PROTO).
local net = skbsim.network{ name = "bridge_stp_bpdu_bad", seed = 1 }
local sw = net:bridge("sw")
sw:sh("ip link set br0 type bridge stp_state 1")
local x, y = net:host("x"), net:host("y")
net:link(x, sw, { kind = "veth" })
net:link(sw, y, { kind = "veth" })
sw:sh[[
  ip link set eth0 address 02:00:00:00:01:01
  ip link set eth1 address 02:00:00:00:01:02
]]
x:sh("ip link set eth0 address 02:00:00:00:99:01\nip link set eth0 up")
y:sh("ip link set eth0 up")
net:metrics{}
net:capture{ node = "x" }

local function be16(n) return string.char(n >> 8 & 0xff, n & 0xff) end

local head = skbsim.unhex("01 80 c2 00 00 00  02 00 00 00 99 01")
local llc = skbsim.unhex("42 42 03")
-- a config BPDU from root 4096.02:00:00:00:99:01 (itself), cost 0, port
-- 0x8001, with @age in 1/256 s; 20 s max age, 2 s hello, 15 s delay
local function config(f)
  f = f or {}
  return be16(f.proto or 0) .. string.char(f.version or 0, f.type or 0, 0) ..
         skbsim.unhex("10 00 02 00 00 00 99 01  00 00 00 00  10 00 02 00 00 00 99 01  80 01") ..
         be16(f.age or 0) .. be16(20 * 256) .. be16(2 * 256) .. be16(15 * 256)
end
local function frame(len, payload) return head .. be16(len) .. payload end

local cases = {
  { "config BPDU cut to 10 bytes",   frame(13, llc .. config():sub(1, 10)) },
  { "802.3 length past the frame",   frame(64, llc .. config()) },
  { "802.3 length 5",                frame(5, llc .. config()) },
  { "DSAP 0xaa (SNAP)",              frame(38, skbsim.unhex("aa 42 03") .. config()) },
  { "control 0x13 (not UI)",         frame(38, skbsim.unhex("42 42 13") .. config()) },
  { "protocol identifier 1",         frame(38, llc .. config{ proto = 1 }) },
  { "version 2, RST BPDU",           frame(39, llc .. config{ version = 2, type = 2 } .. "\0") },
  { "BPDU type 0x01",                frame(38, llc .. config{ type = 1 }) },
  { "message age 21 s > max age",    frame(38, llc .. config{ age = 21 * 256 }) },
  { "an EtherType, not a length",    head .. be16(0x88b5) .. llc .. config() },
}

local function root(t)
  local d = sw:sh("ip -d link show br0")
  print(string.format("-- %s: root %s port %s", t, d:match("designated_root (%S+)"),
                      d:match("root_port (%d+)")))
end

net:at(1, function() root("1 s") end)
local t = 1
for _, c in ipairs(cases) do
  t = t + 0.1
  net:at(t, function() x:inject("eth0", c[2]) end)
end
net:at(2.5, function() root("after the damaged ones") end)
net:at(3, function() x:inject("eth0", frame(38, llc .. config())) end)
net:at(3.5, function()
  root("after a good one")
  for name, state in sw:sh("bridge link show"):gmatch("%d+: (eth%d)[^\n]- state (%a+)") do
    print(name .. " " .. state)
  end
end)
net:run("4s")
