-- fuzz_socket found it: sendmsg() of zero bytes with MSG_MORE on a UDP
-- socket with nothing corked yet computed a pointer into the cork's
-- buffer, which did not exist yet (undefined behaviour, UBSan: "applying
-- zero offset to null pointer" in udp_append).  On Linux 6.18 (Python in
-- a namespace) the empty sends return 0, "abc" then leaves as one
-- 3-byte datagram and a later empty send as a datagram of 0 bytes; here
-- the same.
local net = skbsim.network{ name = "udp_cork_empty" }
local h = net:host("h")
h:sh("ip link set lo up")
h:spawn(function()
  local r = assert(skbsim.socket("AF_INET", "SOCK_DGRAM"))
  assert(r:bind("127.0.0.1", 7))
  local s = assert(skbsim.socket("AF_INET", "SOCK_DGRAM"))
  assert(s:connect("127.0.0.1", 7))
  print("send empty MSG_MORE", s:send("", "MSG_MORE"))
  print("send empty MSG_MORE", s:send("", "MSG_MORE"))
  print("send abc", s:send("abc"))
  print("send empty", s:send(""))
  for _ = 1, 2 do
    local m = assert(r:recvmsg(100))
    print("datagram", m.len, m.data)
  end
end)
net:run("1s")
