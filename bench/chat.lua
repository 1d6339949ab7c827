-- wrk script: POST /api/v1/chat/ with one visitor's message, as the chat widget sends it.
-- Usage: wrk ... -s bench/chat.lua http://HOST/api/v1/chat/ -- SESSION   (SESSION: 16 to 64 letters or digits)
function init(args)
  local session = args[1] or "0123456789abcdef0123456789abcdef"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"message": "someone is blackmailing me", "session": "' .. session .. '", "lang": "en", "country": "GB"}'
end
