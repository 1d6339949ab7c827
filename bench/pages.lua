-- wrk script: GET one page as many visitors would, past nginx's cache, so that every request is built by the site.
-- Usage: wrk ... -s bench/pages.lua http://HOST/en/help/gb/sextortion/
-- Each request adds a query parameter the site ignores and nginx never stores (not one of deploy/nginx.conf's
-- $known_query: answered by the site, X-Cache-Status BYPASS), different every time, and comes from a visitor
-- address of its own (X-Forwarded-For, believed from the benchmark standing for the TLS proxy): nginx limits cache
-- misses to 5 a second per address (the origin gate), which would otherwise answer most of them with 429.
local counter = 0

function setup(thread)
  thread:set("offset", math.random(0, 1000000000))
end

function request()
  counter = counter + 1
  wrk.headers["X-Forwarded-For"] = "172.16." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "bench=" .. (offset or 0) .. "-" .. counter)
end
