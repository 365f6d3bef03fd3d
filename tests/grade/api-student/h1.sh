# h1 for tests/grade/api/lab.lua
ip link set eth0 address 02:00:00:00:00:01
ip addr add 10.0.0.1/24 \
  dev eth0
ip link set eth9 up
ip link set eth0 up
