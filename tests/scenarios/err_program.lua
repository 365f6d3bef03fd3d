local net = skbsim.network{}
net:host("h1"):spawn("pong -c 1")
