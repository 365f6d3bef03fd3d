local net = skbsim.network{}
net:host("h1")
net:router("h1")
