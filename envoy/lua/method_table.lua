-- 405 with Allow for the families whose table says so: ROUTES[family] lists each route
-- of the family and the methods it takes (`*` is one path segment), generated from the
-- protos' google.api.http annotations. A method no route of a path takes is a 405, not
-- the transcoder's 404.
local METHOD_ORDER = {"GET", "POST", "PUT", "PATCH", "DELETE"}
local function segments(path)
  local out = {}
  for seg in string.gmatch(path, "[^/]+") do out[#out + 1] = seg end
  return out
end
for _, routes in pairs(ROUTES) do
  for _, route in ipairs(routes) do route.segments = segments(route[1]) end
end
-- ("GET, POST", {GET=true, POST=true}): the methods of the routes `path` matches, the
-- most specific ones only (fewest `*`, as OpenAPI matches `/workflows/import` before
-- `/workflows/{workflow_id}`); nil when no route matches.
local function allowed_methods(routes, path)
  local given = segments(path)
  local methods = {}
  local best = nil
  for _, route in ipairs(routes) do
    local want = route.segments
    if #want == #given then
      local same, wild = true, 0
      for i = 1, #want do
        if want[i] == "*" then
          wild = wild + 1
        elseif want[i] ~= given[i] then
          same = false
          break
        end
      end
      if same and (best == nil or wild <= best) then
        if best == nil or wild < best then methods = {} end
        best = wild
        for m in string.gmatch(route[2], "[A-Z]+") do methods[m] = true end
      end
    end
  end
  if best == nil then return nil, methods end
  local names = {}
  for _, m in ipairs(METHOD_ORDER) do
    if methods[m] then names[#names + 1] = m end
  end
  return table.concat(names, ", "), methods
end
-- Answers 405 (and returns true) when the family has a method table and no route of the
-- request's path takes its method.
local function refuse_method(handle, headers, family, path)
  if not family.method_table then return false end
  local method = headers:get(":method") or "GET"
  if method == "HEAD" then method = "GET" end
  local q = string.find(path, "?", 1, true)
  local allow, methods = allowed_methods(ROUTES[family.name], q and string.sub(path, 1, q - 1) or path)
  if allow ~= nil and not methods[method] then
    handle:respond({[":status"] = "405", ["allow"] = allow}, "Method not allowed")
    return true
  end
  return false
end
