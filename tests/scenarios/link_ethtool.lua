-- ethtool: settings, driver, rings, channels, coalescing (with the skbsim
-- napi extension), statistics and RSS of a simnic; what a veth and lo
-- answer; the parser's and the kernel's errors.  Formats of ethtool 6.1.
local net = skbsim.network{ name = "link_ethtool" }
local h1, h2 = net:host("h1", { cpus = 4 }), net:host("h2")
net:link(h1, h2, { rate = "10Gbit", nic = { queues = 4 } })   -- eth0
net:link(h1, h2, { kind = "veth" })                            -- eth1

local function run(node, cmd)
  local out, status, err = node:sh(cmd, { check = false })
  io.write(node.name, "$ ", cmd, "\n", out)
  if out:sub(-1) == "\\" then io.write("\n") end     -- -o ends without a newline
  io.write(err)
  if status ~= 0 then print("[status " .. status .. "]") end
end

-- link down: no speed
run(h1, "ethtool eth0")
run(h1, "ip link set eth0 up")
run(h2, "ip link set eth0 up")
run(h1, "ethtool eth0")
run(h1, "ethtool eth1")
run(h1, "ethtool lo")
run(h1, "ethtool -i eth0")
run(h1, "ethtool -i eth1")
-- rings
run(h1, "ethtool -g eth0")
run(h1, "ethtool -G eth0 rx 1024 tx 512")
run(h1, "ethtool --show-ring eth0")
-- channels and the RSS table that follows them
run(h1, "ethtool -l eth0")
run(h1, "ethtool -L eth0 combined 2")
run(h1, "ethtool -l eth0")
run(h1, "ethtool -x eth0")
run(h1, "ethtool -L eth0 combined 4")
run(h1, "ethtool -X eth0 weight 1 2 0 1")
run(h1, "ethtool -x eth0")
run(h1, "ethtool -X eth0 equal 2 start 2")
run(h1, "ethtool -X eth0 default hkey 6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fb")
run(h1, "ethtool -x eth0")
run(h1, "ethtool -X eth0 hfunc toeplitz")
-- coalescing; napi off is the skbsim extension (interrupt per frame)
run(h1, "ethtool -c eth0")
run(h1, "ethtool -C eth0 rx-usecs 50 rx-frames 16")
run(h1, "ethtool -C eth0 napi off")
run(h1, "ethtool -c eth0")
run(h1, "ethtool -C eth0 napi on")
run(h1, "ethtool -S eth0")
-- what other devices and wrong words get
for _, cmd in ipairs {
  "ethtool -g eth1",
  "ethtool -G eth1 rx 256",
  "ethtool -l eth1",
  "ethtool -c eth1",
  "ethtool -C eth1 rx-usecs 1",
  "ethtool -S eth1",
  "ethtool -x eth1",
  "ethtool -X eth1 equal 1",
  "ethtool -i lo",
  "ethtool -S lo",
  "ethtool eth9",
  "ethtool -i eth9",
  "ethtool -g eth9",
  "ethtool -G eth9 rx 64",
  "ethtool -S eth9",
  "ethtool -x eth9",
  "ethtool -G eth0 rx 8192",
  "ethtool -G eth0 rx 1000",
  "ethtool -G eth0 rx-jumbo 64",
  "ethtool -G eth0 tx-push on",
  "ethtool -G eth0 rx",
  "ethtool -G eth0 rx -1",
  "ethtool -G eth0 rx 64 rx 128",
  "ethtool -G eth0 frob 1",
  "ethtool -g eth0 rx",
  "ethtool -L eth0 combined 5",
  "ethtool -L eth0 combined 0",
  "ethtool -L eth0 rx 1",
  "ethtool -C eth0 tx-usecs 4 adaptive-rx on",
  "ethtool -C eth0 napi maybe",
  "ethtool -X eth0 equal 5",
  "ethtool -X eth0 equal 0",
  "ethtool -X eth0 start 1",
  "ethtool -X eth0 equal 2 weight 1 1",
  "ethtool -X eth0 weight 0 0",
  "ethtool -X eth0 hkey 00:01",
  "ethtool -X eth0 hkey zz",
  "ethtool -X eth0 hfunc xor",
  "ethtool -X eth0 hfunc frob",
  "ethtool -X eth0",
  "ethtool -i eth0 extra",
  "ethtool -k eth0",
  "ethtool -z eth0",
  "ethtool",
  "ethtool --version",
} do run(h1, cmd) end
