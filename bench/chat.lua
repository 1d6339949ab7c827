-- wrk script: POST /api/v1/chat/ with one visitor's message, as the chat widget sends it.
-- Usage: wrk ... -s bench/chat.lua http://HOST/api/v1/chat/ -- SESSION   (SESSION: 16 to 64 letters or digits)
function init(args)
  local session = args[1] or "0123456789abcdef0123456789abcdef"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"message": "someone is blackmailing me", "session": "' .. session .. '", "lang": "en", "country": "GB"}'
end

-- Each message from another visitor address (X-Forwarded-For, which nginx believes from the benchmark standing for
-- the TLS proxy): nginx's per-visitor chat limits (deploy/nginx.conf) would otherwise answer most of them itself.
function request()
  wrk.headers["X-Forwarded-For"] = "198.18." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format()
end
