local net = skbsim.network{}
net:host("h1"):spawn("sleep 1", { at = -2 })
