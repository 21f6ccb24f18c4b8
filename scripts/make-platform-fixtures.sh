#!/usr/bin/env bash
# Builds a real multi-platform base/head pair with buildah (FROM scratch + COPY: no emulation, no
# network) for the `--platform all` tests (issue 13):
#   OUT/base.oci-archive.tar  index: linux/amd64, linux/arm64, linux/arm/v7
#   OUT/head.oci-archive.tar  index: linux/amd64 (unchanged), linux/arm64 (app grows), linux/arm/v6 (new)
# so arm/v7 is gone from the head and arm/v6 is new (same os/arch, another variant).
# Every image has the same first layer (shared/, identical bytes and timestamps: one diff_id for all
# platforms and both images) and a per-platform app layer (random bytes, incompressible).
# Usage: make-platform-fixtures.sh OUT   (OUT/.done marks a finished build; the tests cache OUT in tmp)
set -euo pipefail
out=${1:?usage: make-platform-fixtures.sh OUT}
command -v buildah >/dev/null || { echo "make-platform-fixtures: buildah is required" >&2; exit 1; }
[ -f "$out/.done" ] && exit 0
mkdir -p "$out"
work=$(mktemp -d)
tag="layerdiff-platforms-$$"
cleanup() {
  buildah manifest rm "localhost/$tag-base" >/dev/null 2>&1 || true
  buildah manifest rm "localhost/$tag-head" >/dev/null 2>&1 || true
  buildah rmi -f $(buildah images -q --filter "reference=localhost/$tag-*" 2>/dev/null) >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export TZ=UTC
epoch=1700000000

# rand FILE BYTES: incompressible bytes (so stored size ~ uncompressed size).
rand() { mkdir -p "$(dirname "$1")"; head -c "$2" /dev/urandom > "$1"; }

mkdir -p "$work/ctx/shared"
(set +o pipefail; yes 'shared by every platform' | head -c 20000) > "$work/ctx/shared/readme.txt"
rand "$work/ctx/app-amd64/app.bin" 100000
rand "$work/ctx/base-arm64/app.bin" 100000
rand "$work/ctx/head-arm64/app.bin" 400000
rand "$work/ctx/app-armv7/app.bin" 50000
rand "$work/ctx/app-armv6/app.bin" 60000
cat > "$work/ctx/Dockerfile.base" <<'DOCKERFILE'
FROM scratch
ARG TARGETARCH
ARG TARGETVARIANT=
COPY shared/ /shared/
COPY app-${TARGETARCH}${TARGETVARIANT}/ /app/
DOCKERFILE
# arm64's app differs between base and head: its directory name is passed in.
cat > "$work/ctx/Dockerfile.arm64" <<'DOCKERFILE'
FROM scratch
ARG APPDIR
COPY shared/ /shared/
COPY ${APPDIR}/ /app/
DOCKERFILE
find "$work/ctx" -exec touch -h -d "@$epoch" {} +

build() { # NAME PLATFORM DOCKERFILE [BUILD-ARG]
  local name=$1 platform=$2 file=$3
  shift 3
  buildah build --quiet --layers --timestamp "$epoch" --platform "$platform" --manifest "localhost/$tag-$name" -f "$work/ctx/$file" "$@" "$work/ctx" >/dev/null
}
build base linux/amd64 Dockerfile.base
build base linux/arm64 Dockerfile.arm64 --build-arg APPDIR=base-arm64
build base linux/arm/v7 Dockerfile.base
build head linux/amd64 Dockerfile.base
build head linux/arm64 Dockerfile.arm64 --build-arg APPDIR=head-arm64
build head linux/arm/v6 Dockerfile.base
rm -f "$out/base.oci-archive.tar" "$out/head.oci-archive.tar"
buildah manifest push --quiet --all --format oci "localhost/$tag-base" "oci-archive:$out/base.oci-archive.tar" >/dev/null
buildah manifest push --quiet --all --format oci "localhost/$tag-head" "oci-archive:$out/head.oci-archive.tar" >/dev/null
touch "$out/.done"
