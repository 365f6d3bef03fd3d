-- A walk filter libpcap cannot compile: libpcap's message, with the line.
local net = skbsim.network{ name = "walk_err_filter" }
net:walk{ filter = "icmp and host 10.0.2.2", count = 1 }   -- fine
net:walk{ filter = "icmp and hots 10.0.2.2" }
