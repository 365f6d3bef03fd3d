-- Pins the receive livelock lab: interrupt-per-frame collapses past
-- saturation, NAPI holds its peak (topologies/labs/napi-livelock.lua).
-- Every row of docs/labs/napi-livelock.md's results table, both modes.
for _, rate in ipairs{ "100000", "300000", "400000", "500000", "600000", "700000",
                       "1000000", "1200000", "1500000", "2000000" } do
  for _, mode in ipairs{ "irq", "napi" } do
    skbsim.args.mode, skbsim.args.rate = mode, rate
    dofile("../../topologies/labs/napi-livelock.lua")
  end
end
