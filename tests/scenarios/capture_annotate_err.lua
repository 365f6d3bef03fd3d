-- net:capture{ annotate = } takes a boolean; anything else is an error at
-- the script line, before any file is opened.
local net = skbsim.network{ name = "capture_annotate_err" }
net:host("h1")
net:capture{ annotate = "yes" }
