local net = skbsim.network{}
net:at(1, function()
  net:run(1)
end)
net:run(2)
