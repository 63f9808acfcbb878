#!/usr/bin/env bash
# Regenerates the Go client (clients/go/flowgate/v1) from proto/flowgate.
#
# Installs the pinned code generators into clients/go/.bin (once; no network afterwards),
# then runs buf with clients/go/buf.gen.yaml. Runs from any directory; idempotent.
set -euo pipefail

GO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$GO_DIR/../.." && pwd)"
BIN="$GO_DIR/.bin"

# protoc-gen-go must match the google.golang.org/protobuf runtime the module requires
# (the generated code enforces it), so its version is read from go.mod.
PROTOC_GEN_GO_VERSION="$(awk '{ for (i = 1; i < NF; i++) if ($i == "google.golang.org/protobuf") print $(i + 1) }' "$GO_DIR/go.mod" | head -n 1)"
PROTOC_GEN_GO_GRPC_VERSION="v1.6.2"

if [ -z "$PROTOC_GEN_GO_VERSION" ]; then
  echo "generate.sh: google.golang.org/protobuf is not required in $GO_DIR/go.mod" >&2
  exit 1
fi

if [ -x "$ROOT/.venv/bin/buf" ]; then
  BUF="$ROOT/.venv/bin/buf"
elif command -v buf >/dev/null 2>&1; then
  BUF="$(command -v buf)"
else
  echo "generate.sh: buf not found (make install puts it in .venv/bin)" >&2
  exit 1
fi

# install NAME PACKAGE VERSION: go install PACKAGE@VERSION into .bin unless the binary there
# already reports VERSION (protoc-gen-go prints "v1.36.12", protoc-gen-go-grpc "1.6.2").
install() {
  local name="$1" pkg="$2" version="$3" have=""
  if [ -x "$BIN/$name" ]; then
    have="$("$BIN/$name" --version 2>/dev/null | awk '{ print $NF }')"
  fi
  if [ "$have" != "$version" ] && [ "$have" != "${version#v}" ]; then
    if ! command -v go >/dev/null 2>&1; then
      echo "generate.sh: the Go toolchain (go) is not on PATH: needed once to install $name $version" >&2
      exit 1
    fi
    echo "installing $pkg@$version into $BIN"
    mkdir -p "$BIN"
    (cd "$ROOT" && GOBIN="$BIN" go install "$pkg@$version")
  fi
}

install protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION"
install protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC_VERSION"

cd "$ROOT"
# Start clean so a removed proto leaves no stale file behind.
rm -rf "$GO_DIR/flowgate"
"$BUF" generate --template clients/go/buf.gen.yaml
