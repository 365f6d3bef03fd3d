# r1: the reference solution of the routing lab (docs/labs/routing.md)
ip link set lo up
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
ip addr add 100.64.1.2/30 dev eth2
ip addr add 100.64.2.2/30 dev eth3
ip link set eth0 up
ip link set eth1 up
ip link set eth2 up
ip link set eth3 up
# everything leaves by isp1 unless a rule says otherwise
ip route add default via 100.64.1.1
# a second table for the second uplink, with a name
echo "200 isp2" >> /etc/iproute2/rt_tables
ip route add default via 100.64.2.1 dev eth3 table isp2
# traffic between the two LANs stays home: looked up in main first
ip rule add to 10.0.0.0/16 lookup main pref 100
# source-based routing: isp2's block leaves by isp2
ip rule add from 10.0.2.0/24 lookup isp2 pref 200
# r1's own packets marked 2 leave by isp2 too...
ip rule add fwmark 2 lookup isp2 pref 300
# ...and the replies to its address there are checked against isp2's table
# (rp_filter looks up the way back from that address; the reply has no mark)
ip rule add from 100.64.2.2 lookup isp2 pref 310
# strict reverse-path filtering: the replies from isp2 must still pass
sysctl -w net.ipv4.conf.all.rp_filter=1
