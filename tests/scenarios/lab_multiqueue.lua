-- Pins the multiqueue lab: RSS spreads many flows over 1, 2, 4 queues and
-- CPUs, delivered load scales; one flow stays on one queue.
for _, run in ipairs{ { "1", "many" }, { "2", "many" }, { "4", "many" }, { "4", "1" } } do
  skbsim.args.queues, skbsim.args.flows = run[1], run[2]
  dofile("../../topologies/labs/multiqueue.lua")
end
