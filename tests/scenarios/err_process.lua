local net = skbsim.network{ name = "errproc" }
net:metrics{ interval = "1s" }
local h = net:host("h1")
h:spawn(function()
  skbsim.sleep("1.5s")
  local t = nil
  return t.field
end, { name = "worker" })
net:run("5s")
print("not reached")
