# r1: a configuration of the routing lab with three mistakes (for
# tests/cli/test_grade.sh): a typo in a sysctl name, no rule keeping the
# traffic between the LANs in the main table, and the fwmark rule
# pointing at a table that does not exist.
ip link set lo up
ip addr add 10.0.1.1/24 dev eth0
ip addr add 10.0.2.1/24 dev eth1
ip addr add 100.64.1.2/30 dev eth2
ip addr add 100.64.2.2/30 dev eth3
ip link set eth0 up
ip link set eth1 up
ip link set eth2 up
ip link set eth3 up
ip route add default via 100.64.1.1
echo "200 isp2" >> /etc/iproute2/rt_tables
ip route add default via 100.64.2.1 dev eth3 table isp2
ip rule add from 10.0.2.0/24 lookup isp2
ip rule add fwmark 2 lookup 100
sysctl -w net.ipv4.conf.all.rp_filer=1
