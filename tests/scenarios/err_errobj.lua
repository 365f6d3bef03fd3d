local net = skbsim.network{}
error({ code = 1 })
