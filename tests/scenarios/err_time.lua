local net = skbsim.network{}
net:run("5 parsecs")
