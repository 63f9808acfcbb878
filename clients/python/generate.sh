#!/usr/bin/env bash
# Regenerates the typed Python client (betterproto2) from proto/ into src/flowgate_client/api.
# Works from any directory; running it twice changes nothing. `make generate` runs it.
#
# The compiler lives in its own venv (.venv-gen, gitignored) so the server's venv stays clean.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GEN_VENV="$HERE/.venv-gen"
OUT="$HERE/src/flowgate_client/api"
# Any Python >= 3.10 makes the tool venv; the project's (3.11+, from make install) by default.
PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if [ -x "$ROOT/.venv/bin/python" ]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi

# 1. The pinned compiler (reinstalled only when requirements-gen.txt changes).
stamp="$GEN_VENV/.requirements-gen.txt"
if ! cmp -s "$HERE/requirements-gen.txt" "$stamp"; then
  echo "installing betterproto2-compiler into ${GEN_VENV#"$ROOT"/}" >&2
  rm -rf "$GEN_VENV"
  "$PYTHON" -m venv "$GEN_VENV"
  "$GEN_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements-gen.txt"
  cp "$HERE/requirements-gen.txt" "$stamp"
fi

# 2. buf: the project's (make install puts it in .venv), else the one on PATH.
BUF="$ROOT/.venv/bin/buf"
[ -x "$BUF" ] || BUF="$(command -v buf)" || { echo "buf not found: run make install" >&2; exit 1; }

# 3. Generate. The compiler pipes its output through the `ruff` on PATH, which reads the ruff
#    settings of its working directory: run from here, with the pinned ruff first on PATH, so
#    the output depends on neither the caller's cwd nor its PATH.
rm -rf "$OUT"
cd "$HERE"
PATH="$GEN_VENV/bin:$PATH" "$BUF" generate --template buf.gen.yaml
find "$OUT" -name __pycache__ -prune -exec rm -rf {} +
