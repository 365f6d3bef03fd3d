-- Pins the bridging lab (topologies/labs/bridging.lua, docs/labs/bridging.md):
-- what the FDBs learn and forget, what the bystander h3 is sent, which
-- port STP blocks and how the tree heals; sw1-eth2.pcap holds the unicast
-- ARP probe at 9.18 s that refreshes the FDB entries of h1 and h4 (part 2).
dofile("../../topologies/labs/bridging.lua")
