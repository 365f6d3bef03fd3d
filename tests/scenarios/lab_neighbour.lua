-- Pins the neighbour lab (topologies/labs/neighbour.lua,
-- docs/labs/neighbour.md): the NUD states `ip neigh` shows at each step,
-- ping's and arping's lines, the ARP frames on h1's wire (broadcast and
-- unicast requests, the gratuitous ARP, two answers for one address), the
-- counters and the drop reasons in metrics.db.  Linux 6.18 gives the same
-- lines: tests/kernel/lab_neighbour.py.
dofile("../../topologies/labs/neighbour.lua")
