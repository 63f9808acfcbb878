-- The filter's entry points: marks the request's family (dynamic metadata
-- `flowgate.family`, which local_reply_config matches too), refuses oversized headers and
-- methods no route takes, rewrites what the transcoder would misread; on the way back,
-- shapes successful answers and puts the family's status and error body on errors.
function envoy_on_request(handle)
  local headers = handle:headers()
  headers:remove("x-flowgate-method")
  headers:remove("x-flowgate-query")
  headers:remove("x-flowgate-local-reply")
  local path = headers:get(":path") or ""
  local family = family_of(path)
  if family ~= nil then
    handle:streamInfo():dynamicMetadata():set("flowgate", "family", family.name)
  end
  local size = 0
  for name, value in pairs(headers) do size = size + #name + #value end
  if size > MAX_HEADER_BYTES then
    if string.find(headers:get("content-type") or "", "application/grpc", 1, true) then
      handle:respond({[":status"] = "200", ["content-type"] = "application/grpc",
                      ["grpc-status"] = "8", ["grpc-message"] = "Request headers too large"}, "")
    else
      handle:respond({[":status"] = "431"}, "Request headers too large")
    end
    return
  end
  if family ~= nil and refuse_method(handle, headers, family, path) then return end
  path = rewrite_query(headers, family, path)
  tell_method_and_query(headers, path)
end

function envoy_on_response(handle)
  local headers = handle:headers()
  local ct = headers:get("content-type") or ""
  if headers:get(":status") == "200" or string.find(ct, "application/grpc", 1, true) then
    if not string.find(ct, "application/grpc", 1, true) then shape_answer(handle, headers) end
    return
  end
  local body = handle:body()
  headers = handle:headers()
  local custom = headers:get("x-error-body")
  local status = headers:get("x-http-status")
  local meta = handle:streamInfo():dynamicMetadata():get("flowgate")
  local family = meta and FAMILY_BY_NAME[meta["family"]]
  local local_reply = headers:get("x-flowgate-local-reply") ~= nil
  if local_reply then headers:remove("x-flowgate-local-reply") end
  if local_reply or custom == nil then
    custom = family_error_body(family, body, headers, status, local_reply) or custom
  end
  if custom ~= nil and body ~= nil then
    body:setBytes(custom)
    headers:replace("content-type", "application/json")
  end
  if status ~= nil then headers:replace(":status", status) end
  if family ~= nil and family.www_authenticate ~= nil and headers:get(":status") == "401" then
    headers:replace("www-authenticate", family.www_authenticate)
  end
  strip(headers)
end
