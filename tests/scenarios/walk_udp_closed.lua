-- The walk of a UDP datagram to a closed port, and of the ICMP error it
-- causes, which is a packet of its own:
--
--   h1 10.0.1.2 --eth0-- r1 --eth1-- 10.0.2.2 h2  (nothing on port 9)
--
-- Walk 1: udp_sendmsg on h1, through r1, to h2's udp_rcv, where
-- __udp4_lib_rcv finds no socket: icmp_send answers, and the datagram is
-- dropped with NO_SOCKET.  Walk 2 is that ICMP port unreachable, from
-- h2's icmp_send (ip_make_skb, since the stack's ICMP socket builds it)
-- back to h1's icmp_rcv, where icmp_socket_deliver hands it to udp_err
-- (the socket is not connected: it hears nothing).  Walk 3: a datagram to
-- port 7, where h2 has a socket: udp_queue_rcv_skb queues it, and the
-- process's recvmsg consumes it.  The neighbours are set by hand so that
-- no ARP comes between.
local u = dofile("lib/udp_net.lua")
local net, h1, r1, h2 = u.build("walk_udp_closed", { delay = "1ms" }, { delay = "1ms" })
h1:sh("ip neigh add 10.0.1.1 lladdr " .. r1:sh("ip -br link show dev eth0"):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x") .. " dev eth0")
r1:sh("ip neigh add 10.0.2.2 lladdr " .. h2:sh("ip -br link show dev eth0"):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x") .. " dev eth1")
r1:sh("ip neigh add 10.0.1.2 lladdr " .. h1:sh("ip -br link show dev eth0"):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x") .. " dev eth0")
h2:sh("ip neigh add 10.0.2.1 lladdr " .. r1:sh("ip -br link show dev eth1"):match("%x%x:%x%x:%x%x:%x%x:%x%x:%x%x") .. " dev eth0")
net:metrics{ interval = 0 }
net:walk{ filter = "udp port 9 or udp port 7 or icmp", count = 3 }
h2:spawn(function()
  local r = u.udp()
  assert(r:bind("0.0.0.0", 7))
  u.show("recv", r:recv(100))
end, { at = "0.5s" })
h1:spawn(function()
  local s = u.udp()
  u.show("sendto", s:sendto("hello", "10.0.2.2", 9))
  skbsim.sleep("100ms")
  u.show("sendto", s:sendto("hello", "10.0.2.2", 7))
  skbsim.sleep("100ms")
end, { at = "1s" })
net:run("2s")
