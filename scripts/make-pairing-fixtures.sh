#!/usr/bin/env bash
# Builds the pair issue 15 was found on, scaled down 100×, with buildah (no network, no Dockerfile):
#   __tests__/fixtures/pairing/base.oci-archive.tar  os, then `RUN ... apt-get install ... jq`        (17 kB)
#   __tests__/fixtures/pairing/head.oci-archive.tar  os, then `RUN ... install ... jq curl` (130 kB),
#                                                     then a new `RUN ... install ... less`           (9.5 kB)
# The real pair (dockerd, a Debian rootfs) had 1.7 MB, 13 MB and 952 kB: sizes alone pair the jq
# layer with the `less` layer, the instructions and the files pair it with `jq curl`.
# Every image starts FROM scratch with a small stand-in root filesystem, like the buildah family of
# make-fixtures.sh (busybox-static in each archive would cost 1 MB apiece and nothing here runs).
# The RUN layers are what apt-get leaves: the package files, and dpkg's status and apt's logs,
# which every install rewrites (the file paths a jq layer shares with both candidates). Files are
# staged in a temp dir, placed with `buildah copy`, and each layer is committed with the
# created_by dockerd's classic builder records. Needs root (buildah). Rerun to regenerate.
set -euo pipefail
cd "$(dirname "$0")/.."
out=__tests__/fixtures/pairing
command -v buildah >/dev/null || { echo "make-pairing-fixtures: buildah is required" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
containers=()
cleanup() {
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  buildah rmi -f localhost/layerdiff-pairing-base localhost/layerdiff-pairing-head >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export TZ=UTC
epoch=1700000000
apt='/bin/sh -c apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends'

# text FILE BYTES WORD: a compressible file of exactly BYTES bytes.
text() { mkdir -p "$(dirname "$1")"; (set +o pipefail; yes -- "$3" | head -c "$2") > "$1"; }

# layer IMAGE DIR CREATED_BY: copies DIR into the working container $ctr and commits it as one layer.
layer() {
  find "$2" -exec touch -h -d "@$epoch" {} +
  buildah copy --quiet "$ctr" "$2" / >/dev/null
  buildah config --created-by "$3" "$ctr" >/dev/null
  buildah commit --quiet --timestamp "$epoch" "$ctr" "$1" >/dev/null
  buildah rm "$ctr" >/dev/null
  ctr=$(buildah from "$1")
  containers+=("$ctr")
}

# os DIR: the shared first layer (identical in both images, so its diff_id matches).
os() {
  text "$1/etc/debian_version" 5 '12.8'
  text "$1/etc/os-release" 400 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"'
  text "$1/bin/sh" 2048 'stand-in shell'
  text "$1/var/lib/dpkg/status" 4000 'Package: base-files Status: install ok installed'
}

# install DIR STATUS_BYTES PACKAGE:BYTES ...: what `apt-get install` leaves for these packages.
install() {
  local dir=$1 status=$2
  shift 2
  text "$dir/var/lib/dpkg/status" "$status" 'Package: libc6 Status: install ok installed'
  text "$dir/var/log/apt/history.log" 300 "Commandline: apt-get install $*"
  text "$dir/var/log/dpkg.log" 600 'status installed'
  for spec in "$@"; do
    local name=${spec%%:*} bytes=${spec#*:}
    text "$dir/usr/bin/$name" $((bytes * 3 / 4)) "$name binary"
    text "$dir/usr/lib/x86_64-linux-gnu/lib$name.so.1" $((bytes / 4 - 200)) "lib$name code"
    text "$dir/usr/share/doc/$name/copyright" 200 "$name copyright"
    text "$dir/var/lib/dpkg/info/$name.list" 100 "/usr/bin/$name"
  done
}

build() {
  local img=$1
  shift
  ctr=$(buildah from scratch)
  containers+=("$ctr")
  os "$work/$img-os"
  layer "$img" "$work/$img-os" '/bin/sh -c #(nop) ADD file:4f2a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a in / '
  local k=0
  while [ $# -gt 0 ]; do
    k=$((k + 1))
    local packages=$1 dir="$work/$img-run$k"
    shift
    local names=() specs=()
    for spec in $packages; do names+=("${spec%%:*}"); specs+=("$spec"); done
    install "$dir" 4500 "${specs[@]}"
    layer "$img" "$dir" "$apt ${names[*]}"
  done
  rm -f "$out/${img##*-}.oci-archive.tar"
  buildah push --quiet "$img" "oci-archive:$out/${img##*-}.oci-archive.tar" >/dev/null
}

# Base: jq (17 kB). Head: jq curl (130 kB: curl and its library), then less (9.5 kB).
build localhost/layerdiff-pairing-base 'jq:11000'
build localhost/layerdiff-pairing-head 'jq:11000 curl:113000' 'less:3500'
ls -l "$out"
