-- Paces each wrk connection: every connection waits `delay_ms` between requests, so that
-- connections × 1000 / delay_ms approximates the offered rate (wrk's latency excludes the delay).
-- usage: wrk -s paced.lua <url> -- <delay_ms>
local delay_ms = 0
function init(args) delay_ms = tonumber(args[1]) or 0 end
function delay() return delay_ms end
