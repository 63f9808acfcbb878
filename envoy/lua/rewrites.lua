-- What the transcoder would read wrongly or not at all, rewritten before it runs.

-- Form-style queries (`?search=a+b`) mean a space by `+`, in the families whose table
-- says so (`plus_is_space`); the transcoder would keep it literal. (`%2B` stays a plus.)
local function rewrite_query(headers, family, path)
  if family == nil or not family.plus_is_space then return path end
  local q = string.find(path, "?", 1, true)
  if q and string.find(path, "+", q, true) then
    path = string.sub(path, 1, q) .. string.gsub(string.sub(path, q + 1), "%+", "%%20")
    headers:replace(":path", path)
  end
  return path
end

-- The routes that take every method (google.api.http `custom` kind `*`, ANY_METHOD_PREFIXES)
-- take their inputs from the query for GET: tell the server both (the transcoder sends POST).
local function tell_method_and_query(headers, path)
  for _, prefix in ipairs(ANY_METHOD_PREFIXES) do
    if starts_with(path, prefix) then
      headers:add("x-flowgate-method", headers:get(":method") or "GET")
      local q = string.find(path, "?", 1, true)
      if q then headers:add("x-flowgate-query", string.sub(path, q + 1)) end
      return
    end
  end
end
