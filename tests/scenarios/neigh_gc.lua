-- The neighbour garbage collector under 10,000 neighbours.  s puts ARP
-- requests for h's address on the wire (node:inject, as a packet socket
-- would), each from a sender address and link address of its own; h's
-- arp_process() makes a STALE entry for each sender it answers
-- (neigh_event_ns), and neigh_alloc() keeps the table within gc_thresh3:
--
--   6 s: 10,000 requests.  At 512 entries (gc_thresh2, and the last
--        flush more than 5 s ago: the table was made at boot) a forced GC
--        runs and finds nothing to take: every entry was updated within
--        5 s.  From 1024 on (gc_thresh3) each request runs a forced GC
--        that frees nothing, the allocation fails (table_fulls) and the
--        request is not answered: 1024 senders have an entry and a reply,
--        8976 neither.
--  15 s: 1,000 requests from new senders.  The old entries are more than
--        5 s old now: the forced GC at gc_thresh3 frees the oldest, at
--        most gc_entries - gc_thresh2 of them (513), and the next one the
--        511 left; every new sender gets its entry.
--  then: the periodic GC (every base_reachable_time/2 = 15 s) removes the
--        entries unused for gc_stale_time (10 s on eth0) at 30 s.
--
-- Linux 6.18 (tests/kernel/neigh_gc.py) gives the same numbers for a table
-- that holds only h's entries.  Its ARP table is global: entries of other
-- namespaces on the test machine take places below gc_thresh3 there, and
-- its periodic GC runs at a phase of its own (the entries go between 25
-- and 40 s).
local net = skbsim.network{ name = "neigh_gc", seed = 1 }
local s, h = net:host("s"), net:host("h")
net:link(s, h, { kind = "veth" })
s:sh("ip link set eth0 up")
h:sh[[
  ip link set eth0 address 02:00:00:00:00:01
  ip addr add 10.1.255.254/16 dev eth0
  ip link set eth0 up
  sysctl -q -w net.ipv4.neigh.eth0.gc_stale_time=10
]]
net:metrics{ interval = 0 }

-- the n-th sender: 10.1.(n / 250).(n % 250 + 1), 02:01:00:00:nn:nn
local function sender_ip(n)
  return string.format("10.1.%d.%d", n // 250, n % 250 + 1)
end
local function request(n)
  local mac = string.char(2, 1, 0, 0, n >> 8 & 0xff, n & 0xff)
  return string.rep("\xff", 6) .. mac .. "\x08\x06" ..
         skbsim.unhex("0001 0800 06 04 0001") .. mac ..
         string.char(10, 1, n // 250, n % 250 + 1) .. string.rep("\0", 6) ..
         string.char(10, 1, 255, 254)
end
local function inject(first, count, at)
  for n = first, first + count - 1 do
    net:at(at + (n - first) * 1e-5, function() s:inject("eth0", request(n)) end)
  end
end

local COLS = { "allocs", "destroys", "forced_gc_runs", "table_fulls", "periodic_gc_runs" }
local function arp_cache()
  local lines = {}
  for line in h:sh("cat /proc/net/stat/arp_cache"):gmatch("[^\n]+") do
    lines[#lines + 1] = line
  end
  local names, values, row = {}, {}, {}
  for w in lines[1]:gmatch("%S+") do names[#names + 1] = w end
  for w in lines[2]:gmatch("%S+") do values[#values + 1] = tonumber(w, 16) end
  for i, name in ipairs(names) do row[name] = values[i] end
  local out = { "arp_cache: entries " .. row.entries }
  for _, k in ipairs(COLS) do out[#out + 1] = k .. " " .. row[k] end
  return table.concat(out, " ")
end

-- runs of consecutive senders that have an entry
local function senders(list)
  local have, runs = {}, {}
  for line in list:gmatch("[^\n]+") do have[line:match("^(%S+)")] = true end
  local start
  for n = 0, 11000 do
    if have[sender_ip(n)] and n < 11000 then
      start = start or n
    elseif start then
      runs[#runs + 1] = string.format("%s-%s (%d)", sender_ip(start), sender_ip(n - 1), n - start)
      start = nil
    end
  end
  return #runs > 0 and table.concat(runs, ", ") or "none"
end

local function report(label)
  local list = h:sh("ip -s neigh show")
  local states, total = {}, 0
  for st in list:gmatch("(%u+) \n") do
    states[st] = (states[st] or 0) + 1
    total = total + 1
  end
  local parts = {}
  for st, c in pairs(states) do parts[#parts + 1] = st .. " " .. c end
  print("-- " .. label)
  print(string.format("h: ip -s neigh: %d entries (%s)", total, table.concat(parts, " ")))
  print("h: senders with an entry: " .. senders(list))
  print(string.format("h: eth0 rx_packets %d tx_packets %d",
                      h:counter("eth0.rx_packets"), h:counter("eth0.tx_packets")))
  print(arp_cache())
end

print(h:sh[[sysctl net.ipv4.neigh.default.gc_thresh1 net.ipv4.neigh.default.gc_thresh2
            sysctl net.ipv4.neigh.default.gc_thresh3 net.ipv4.neigh.default.gc_interval
            sysctl net.ipv4.neigh.eth0.gc_stale_time]])
inject(0, 10000, 6)
net:at(7, function()
  report("7 s: after 10,000 requests")
  io.write(h:sh("ip -s neigh show 10.1.0.1"), h:sh("ip -s neigh show 10.1.0.2"))
end)
inject(10000, 1000, 15)
net:at(16, function() report("16 s: after 1,000 more") end)
net:at(24, function() report("24 s") end)
net:at(41, function() report("41 s: the periodic GC has run past gc_stale_time") end)
net:run("41s")
