-- Pins the receive livelock lab: interrupt-per-frame collapses past
-- saturation, NAPI holds its peak (topologies/labs/napi-livelock.lua).
for _, run in ipairs{ { "irq", "400000" }, { "irq", "1500000" },
                      { "napi", "400000" }, { "napi", "1500000" } } do
  skbsim.args.mode, skbsim.args.rate = run[1], run[2]
  dofile("../../topologies/labs/napi-livelock.lua")
end
