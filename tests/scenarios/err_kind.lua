local net = skbsim.network{}
net:add("toaster", "t1")
