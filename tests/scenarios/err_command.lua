local net = skbsim.network{}
local h1 = net:host("h1")
h1:sh[[
  hostname
  ifconfig eth0 up
]]
