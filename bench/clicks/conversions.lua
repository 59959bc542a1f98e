-- POST /api/conversions for a click, rotating API keys so that the per-key rate limit does not cap the run.
-- usage: wrk -s conversions.lua <gateway>/api/conversions -- <keys file> <click id>
local keys = {}
local click_id = ""
local n = 0
function init(args)
  for line in io.lines(args[1]) do if #line > 0 then keys[#keys + 1] = line end end
  click_id = args[2]
end
function request()
  n = n + 1
  local key = keys[(n % #keys) + 1]
  local body = '{"clickId":"' .. click_id .. '","type":"sale","amount":10}'
  return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
end
