local net = skbsim.network{}
x = = 1
