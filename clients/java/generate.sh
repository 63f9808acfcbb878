#!/usr/bin/env bash
# Regenerates the committed Java stubs (src/main/java/dev/flowgate/v1) from proto/flowgate.
# Runs from any directory; running it twice changes nothing.
#   generate.sh                 rewrites clients/java/src/main/java/dev/flowgate/v1
#   generate.sh --output DIR    writes DIR/clients/java/src/main/java/... instead (drift checks)
#
# protoc and protoc-gen-grpc-java are Maven Central artifacts, fetched once into
# clients/java/.bin at the versions pom.xml pins: <protobuf.version> (protoc 4.X.Y makes
# gencode X.Y for the protobuf-java 4.X.Y runtime) and <grpc.codegen.version>.
# (grpcio-tools' protoc, which makes the server's stubs, has no Java generator.)
set -euo pipefail

out=""
case "${1:-}" in
  "") ;;
  --output) out="$(mkdir -p "$2" && cd "$2" && pwd)" ;;
  *) echo "usage: generate.sh [--output DIR]" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

pom_property() {
  sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$here/pom.xml" | head -n 1
}
protobuf_version="$(pom_property protobuf.version)"
codegen_version="$(pom_property grpc.codegen.version)"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) classifier=linux-x86_64 ;;
  Linux-aarch64 | Linux-arm64) classifier=linux-aarch_64 ;;
  Darwin-x86_64) classifier=osx-x86_64 ;;
  Darwin-arm64) classifier=osx-aarch_64 ;;
  *) echo "generate.sh: no protoc build for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

bin="$here/.bin"
fetch() { # fetch GROUP ARTIFACT VERSION LINK: Maven Central's exe, linked as .bin/LINK
  local file="$bin/$2-$3-$classifier.exe"
  if [ ! -x "$file" ]; then
    mkdir -p "$bin"
    # From .bin, where no pom.xml is: Maven runs the goal outside any project.
    if ! log="$(cd "$bin" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$1:$2:$3:exe:$classifier" -DoutputDirectory=. 2>&1)"; then
      echo "$log" >&2
      echo "generate.sh: could not fetch $1:$2:$3:exe:$classifier from Maven Central" >&2
      exit 1
    fi
    chmod +x "$file"
  fi
  ln -sfn "$(basename "$file")" "$bin/$4"
}
fetch com.google.protobuf protoc "$protobuf_version" protoc
fetch io.grpc protoc-gen-grpc-java "$codegen_version" protoc-gen-grpc-java

cd "$root"
rm -rf "${out:-$root}/clients/java/src/main/java/dev/flowgate/v1"
.venv/bin/buf generate --template clients/java/buf.gen.yaml ${out:+--output "$out"}
