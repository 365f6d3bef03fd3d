-- A walk count of 0 (or less) follows nothing: an error, with the line.
local net = skbsim.network{ name = "walk_err_count" }
net:walk{ filter = "icmp", count = 0 }
