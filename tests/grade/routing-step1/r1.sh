# r1 after step 1 of docs/labs/routing.md: addresses and one default route
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
