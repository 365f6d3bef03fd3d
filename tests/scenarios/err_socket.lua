-- Misuse of the socket API is a Lua error naming the script line (here
-- an unknown flag name), not an errno: the process fails and the run ends
-- with the message and the process.
local net = skbsim.network{ name = "err_socket" }
local h = net:host("h1")
h:spawn(function()
  local s = assert(skbsim.socket("inet", "dgram"))
  s:sendto("x", "127.0.0.1", 9, "MSG_DONTWAITT")
end, { name = "misuse" })
net:run("1s")
