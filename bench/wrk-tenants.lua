-- wrk script for bench/dispatch: each request goes to the next of TENANTS tenants (default 100) in turn, by Host
-- t<N>.bench.test, so every tenant's isolate is in use. Each wrk thread keeps its own turn, starting at its own offset.
local tenants = tonumber(os.getenv("TENANTS") or "100")
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local n

function init()
  n = (id or 0) * 37
end

function request()
  local host = "t" .. (n % tenants) .. ".bench.test"
  n = n + 1
  return wrk.format(nil, nil, { Host = host })
end
