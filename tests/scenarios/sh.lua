-- The `sh` dispatcher: comments, continuations, quotes, redirection into
-- /proc/sys, cat, errors with check = false.
local net = skbsim.network{ name = "sh" }
local h1 = net:host("h1")

local out = h1:sh[[
  # comments and blank lines are skipped

  echo 'single  quoted' "double \"quoted\"" plain\ escaped
  echo one \
       two   # a continuation joins lines
  echo -n no-newline
  echo
  echo router1 > /proc/sys/kernel/hostname
  cat /proc/sys/kernel/hostname
  hostname
  sysctl kernel.hostname kernel/domainname
  sysctl -n kernel.hostname
  sysctl -w kernel.domainname=lab.example
  sysctl kernel
]]
io.write(out)

local function try(cmd)
  local o, status, err = h1:sh(cmd, { check = false })
  print(("%-40s status=%d out=%q err=%q"):format(cmd, status, o, err))
end
try("nosuchtool -x")
try("cat /proc/sys/nope")
try("cat /proc/sys")
try("cat")
try("echo x > /proc/nope")
try("echo hi | cat")
try("echo 'unterminated")
try("false")
try("sysctl -w kernel.hostname")
try("sysctl -e kernel.nope")
try("sysctl -z")
try("sysctl")
print(h1:sh("true"))
