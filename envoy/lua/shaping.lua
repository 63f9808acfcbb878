-- A successful answer over HTTP, as the RPC's http_answer option declares it (the server
-- sends it as initial metadata, proto/flowgate/v1/http_answer.proto):
-- `x-http-status: 201` replaces 200 (201 Created and the like);
-- `x-unwrap: f`: the answer is the value of the message's one field `f`
-- ({"f":[...]} becomes [...]), as the reference shows.
local function shape_answer(handle, headers)
  local wanted = headers:get("x-http-status")
  if wanted ~= nil then headers:replace(":status", wanted) end
  local unwrap = headers:get("x-unwrap")
  headers:remove("x-unwrap")
  if unwrap ~= nil then
    local body = handle:body()
    if body ~= nil then
      local text = body:getBytes(0, body:length())
      local prefix = '{"' .. unwrap .. '":'
      if string.sub(text, 1, #prefix) == prefix and string.sub(text, -1) == "}" then
        body:setBytes(string.sub(text, #prefix + 1, -2))
      end
    end
    headers = handle:headers()
    headers:remove("x-unwrap")
  end
  strip(headers)
end
