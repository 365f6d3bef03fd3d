local net = skbsim.network{ nmae = "x", foo = 1 }
