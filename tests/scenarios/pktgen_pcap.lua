-- pktgen from a to b with captures on, then the script reads b's capture
-- itself (the pcap format: a 24-byte global header, then a 16-byte header
-- per record) and checks that four counts of the same frames agree: the
-- records in b's pcap, b's eth0.rx_packets counter, the RX packets of
-- `ip -s link show eth0` on b, and a's tx_packets.
--
-- pktgen's default mode (start_xmit) hands frames straight to the driver,
-- past dev_queue_xmit_nit(), as the kernel's does: the sender's taps never
-- see them, so a's capture stays empty.  In queue_xmit mode the frames go
-- through dev_queue_xmit() and a captures them, as the stack built them
-- (58 bytes); b's capture shows them as received, padded to 60 by a's NIC.
local net = skbsim.network{ name = "pktgen_pcap", seed = 1 }
local a, b = net:host("a"), net:host("b")
net:capture()
net:link(a, b, { rate = "1Gbit", delay = "10us" })
a:sh("ip link set eth0 up")
b:sh("ip link set eth0 up")

a:sh[[
  echo "add_device eth0" > /proc/net/pktgen/kpktgend_0
  echo "count 1000" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("10ms")
print((a:sh("cat /proc/net/pktgen/eth0"):match("Result: [^\n]*")))
a:sh[[
  echo "count 100" > /proc/net/pktgen/eth0
  echo "xmit_mode queue_xmit" > /proc/net/pktgen/eth0
  echo start > /proc/net/pktgen/pgctrl
]]
net:run("10ms")
print((a:sh("cat /proc/net/pktgen/eth0"):match("Result: [^\n]*")))

-- Reads a pcap file: its global header and a summary of its records.
local function read_pcap(node, dev)
  local path = net.out_dir .. "/pcap/" .. node.name .. "-" .. dev .. ".pcap"
  local f = assert(io.open(path, "rb"))
  local data = f:read("a")
  f:close()
  local magic = string.unpack("<I4", data)
  local e = (magic == 0xa1b23c4d or magic == 0xa1b2c3d4) and "<" or ">"
  local pcap = { lengths = {}, frames = 0, size = #data }
  magic, pcap.major, pcap.minor, pcap.thiszone, pcap.sigfigs, pcap.snaplen, pcap.linktype =
    string.unpack(e .. "I4I2I2i4I4I4I4", data)
  pcap.nano = magic == 0xa1b23c4d
  local pos = 25
  while pos <= #data do
    assert(pos + 16 - 1 <= #data, node.name .. "-" .. dev .. ".pcap: truncated record header")
    local sec, frac, caplen, len
    sec, frac, caplen, len, pos = string.unpack(e .. "I4I4I4I4", data, pos)
    assert(pos + caplen - 1 <= #data, node.name .. "-" .. dev .. ".pcap: truncated record")
    local t = sec * 1000000000 + (pcap.nano and frac or frac * 1000)
    pcap.first = pcap.first or t
    pcap.last = t
    pcap.frames = pcap.frames + 1
    pcap.lengths[len] = (pcap.lengths[len] or 0) + 1
    pos = pos + caplen
  end
  return pcap
end

local function describe(node, dev, p)
  local lens = {}
  for len, n in pairs(p.lengths) do lens[#lens + 1] = { len, n } end
  table.sort(lens, function(x, y) return x[1] < y[1] end)
  local parts = {}
  for _, ln in ipairs(lens) do parts[#parts + 1] = ln[2] .. " of " .. ln[1] .. " bytes" end
  print(string.format("%s-%s.pcap: %d bytes, version %d.%d, %s timestamps, snaplen %d, "
    .. "linktype %d, %d frames%s%s", node.name, dev, p.size, p.major, p.minor,
    p.nano and "nanosecond" or "microsecond", p.snaplen, p.linktype, p.frames,
    #parts > 0 and ": " .. table.concat(parts, ", ") or "",
    p.first and string.format(", %d ns to %d ns", p.first, p.last) or ""))
end

local pb = read_pcap(b, "eth0")
describe(b, "eth0", pb)
local b_rx = b:counter("eth0.rx_packets")
local ip_rx = tonumber(b:sh("ip -s link show eth0"):match("RX:[^\n]*\n%s*%d+%s+(%d+)"))
local a_tx = a:counter("eth0.tx_packets")
print("frames in b's pcap:      " .. pb.frames)
print("b eth0.rx_packets:       " .. b_rx)
print("b ip -s link RX packets: " .. ip_rx)
print("a eth0.tx_packets:       " .. a_tx)
if pb.frames == b_rx and b_rx == ip_rx and ip_rx == a_tx then
  print("agree: " .. pb.frames)
else
  print("DISAGREE")
end

-- a's capture: only the 100 frames of queue_xmit mode; start_xmit skips the taps
local pa = read_pcap(a, "eth0")
describe(a, "eth0", pa)
print("a's pcap holds " .. pa.frames .. " of a's " .. a_tx .. " frames: "
  .. (a_tx - pa.frames) .. " went past the taps (xmit_mode start_xmit)")
