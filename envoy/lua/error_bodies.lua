-- Each family's error body, for the errors the server did not render itself (the server
-- sends its own in trailing metadata x-error-body). One renderer per family, named by the
-- family table's `error_body`; a renderer has two functions:
--   bad_request(field, message): Envoy's own 400, the transcoder could not read the request;
--   failure(status, code, detail): an error of the gRPC layer (e.g. metadata over the
--     server's limit), `code` the gRPC status name, `detail` a fixed text.
local ERROR_BODIES = {}

-- Envoy's own 400s: the field and a fixed message. Never the transcoder's text: it
-- quotes the input (a password, in a register body) and names protobuf types.
local function bad_request(text)
  if string.find(text, "non UTF-8", 1, true) then return "body", "is not valid UTF-8" end
  if string.find(text, "too deep", 1, true) or string.find(text, "recursion depth", 1, true) then
    return "body", "is nested too deeply"
  end
  local field = string.match(text, '"([%w_%.]+): invalid value')
  if field ~= nil then return field, "has an invalid value" end
  return "body", "is not valid JSON"
end

-- /api/released-app/...: {"error", "details": [{"field", "message"}]}, camelCase fields.
ERROR_BODIES["released-app"] = {
  bad_request = function(field, message)
    return '{"error":"Input validation failed","details":[{"field":' .. json_string(camel(field))
      .. ',"message":' .. json_string(message) .. '}]}'
  end,
  failure = function(status, code, detail)
    return '{"error":' .. json_string(detail) .. '}'
  end,
}

-- /api/v1/... (the management API): {"detail", "error_code", "status_code"}.
local function management_error(status, code, detail)
  return '{"detail":' .. json_string(detail) .. ',"error_code":"' .. code
    .. '","status_code":' .. status .. '}'
end
ERROR_BODIES["management"] = {
  bad_request = function(field, message)
    return management_error(400, "INVALID_REQUEST", (field == "body" and "Request body" or field) .. " " .. message)
  end,
  failure = management_error,
}

-- /v1/... (Dify's Workflow App API): {"code", "message", "status"}, Dify's codes (werkzeug's
-- names of the status where Dify has none of its own).
local DIFY_CODES = {[400] = "invalid_param", [401] = "unauthorized", [403] = "forbidden",
                    [404] = "not_found", [405] = "method_not_allowed", [408] = "request_timeout",
                    [413] = "request_entity_too_large", [429] = "too_many_requests",
                    [500] = "internal_server_error", [501] = "not_implemented",
                    [503] = "service_unavailable", [504] = "gateway_timeout"}
local function dify_error(status, message)
  local code = DIFY_CODES[tonumber(status)] or (tonumber(status) >= 500 and "internal_server_error") or "bad_request"
  return '{"code":"' .. code .. '","message":' .. json_string(message) .. ',"status":' .. status .. '}'
end
ERROR_BODIES["dify"] = {
  bad_request = function(field, message) return dify_error(400, field .. " " .. message) end,
  failure = function(status, code, detail) return dify_error(status, detail) end,
}

-- The family's body for an error response, or nil to keep the body as it is.
-- `local_reply`: Envoy made the reply (its local_reply_config marked it x-flowgate-local-reply).
local function family_error_body(family, body, headers, status, local_reply)
  local renderer = family and ERROR_BODIES[family.error_body]
  if renderer == nil then return nil end
  if local_reply then
    if body == nil then return nil end
    return renderer.bad_request(bad_request(body:getBytes(0, math.min(body:length(), 4096))))
  end
  if headers:get("grpc-status") == nil then return nil end
  local code = tonumber(headers:get("grpc-status") or "")
  local http = tonumber(status or headers:get(":status") or "500") or 500
  local name = (code and GRPC_CODES[code]) or "ERROR"
  local detail = (code and GRPC_MESSAGES[code]) or (http >= 500 and "Internal error") or "Request failed"
  return renderer.failure(http, name, detail)
end
