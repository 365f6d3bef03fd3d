-- Pins the bridging lab (topologies/labs/bridging.lua, docs/labs/bridging.md):
-- what the FDBs learn and forget, what the bystander h3 is sent, which
-- port STP blocks and how the tree heals.
dofile("../../topologies/labs/bridging.lua")
