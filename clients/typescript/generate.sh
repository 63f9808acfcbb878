#!/usr/bin/env bash
# Regenerates src/gen/ (protobuf-es v2, TypeScript) from proto/flowgate, plus
# google/rpc/error_details.proto for ErrorInfo. Works from any directory; running it
# twice changes nothing. Called by `make generate` (which puts .venv/bin on PATH).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# protoc-gen-es comes from this package's pinned devDependencies.
if [ ! -x "$here/node_modules/.bin/protoc-gen-es" ]; then
  command -v npm >/dev/null 2>&1 || { echo "generate.sh: npm not found (install Node.js 20+)" >&2; exit 1; }
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

buf="${BUF:-}"
if [ -z "$buf" ]; then
  if [ -x "$root/.venv/bin/buf" ]; then buf="$root/.venv/bin/buf"; else buf="$(command -v buf || true)"; fi
fi
[ -n "$buf" ] || { echo "generate.sh: buf not found (make install puts it in .venv/bin)" >&2; exit 1; }

# Paths in buf.gen.yaml are relative to the repository root; `clean: true` empties
# src/gen first, so files of removed protos do not linger.
cd "$root"
"$buf" generate --template clients/typescript/buf.gen.yaml
