-- Sockets belong to processes: skbsim.socket() at the top level of a
-- scenario is an error naming the line.
local net = skbsim.network{ name = "err_socket_toplevel" }
local h = net:host("h1")
local s = skbsim.socket("inet", "dgram")
