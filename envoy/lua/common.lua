-- What the other parts share: gRPC-only headers, JSON strings, the family of a path.
-- (FAMILIES and FAMILY_BY_NAME come first, from tools/gen_envoy.py's family table.)
local GRPC_HEADERS = {"grpc-status", "grpc-message", "grpc-status-details-bin",
                      "grpc-accept-encoding", "grpc-encoding"}
local function strip(headers)
  for _, name in ipairs(GRPC_HEADERS) do headers:remove(name) end
  headers:remove("x-http-status")
  headers:remove("x-error-body")
end
local GRPC_CODES = {"CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
                    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
                    "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
                    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
                    "DATA_LOSS", "UNAUTHENTICATED"}
-- Errors of the gRPC layer, not Flowgate's (no x-error-body): a fixed message per
-- status, never grpc-message (it can name Python types).
local GRPC_MESSAGES = {
  [1] = "Request cancelled", [4] = "Request timed out", [8] = "Request too large",
  [12] = "Not implemented", [14] = "Service unavailable",
}
local function json_string(text)
  text = string.gsub(text, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. text .. '"'
end
local function camel(name)
  return (string.gsub(name, "_(%l)", string.upper))
end
local function starts_with(text, prefix)
  return string.sub(text, 1, #prefix) == prefix
end
-- The documented limit of request headers, URL included (bytes).
local MAX_HEADER_BYTES = 65536
-- The family (a row of FAMILIES) whose path prefix `path` starts with, or nil.
local function family_of(path)
  for _, family in ipairs(FAMILIES) do
    if starts_with(path, family.prefix) then return family end
  end
  return nil
end
